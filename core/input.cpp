#include "input.hpp"

#include <algorithm>
#include <cstring>
#include <csv.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <set>

namespace inkoop {
namespace {

constexpr size_t kBufferBytes = 1 << 18;

bool ends_with(const std::string& s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// ';' when the first line has more semicolons than commas outside quotes, else ','.
char detect_delimiter(std::string_view first) {
    size_t commas = 0, semicolons = 0;
    bool quoted = false;
    for (char c : first) {
        if (c == '"') quoted = !quoted;
        else if (!quoted && c == '\n') break;
        else if (!quoted && c == ',') ++commas;
        else if (!quoted && c == ';') ++semicolons;
    }
    return semicolons > commas ? ';' : ',';
}

// Collects libcsv's fields and rows into a RawChunk.
class CsvCollector {
public:
    CsvCollector(RawChunk& chunk, size_t first_row) : chunk_(chunk), row_(first_row) {}

    static void on_field(void* s, size_t len, void* self) {
        auto* me = static_cast<CsvCollector*>(self);
        auto& c = me->chunk_;
        c.spans.emplace_back(static_cast<uint32_t>(c.text.size()), static_cast<uint32_t>(len));
        c.text.append(static_cast<const char*>(s), len);
        ++me->fields_;
    }

    static void on_row(int, void* self) {
        auto* me = static_cast<CsvCollector*>(self);
        auto& c = me->chunk_;
        c.records.push_back({me->row_++, static_cast<uint32_t>(c.spans.size() - me->fields_), me->fields_});
        me->fields_ = 0;
    }

private:
    RawChunk& chunk_;
    size_t row_;
    uint32_t fields_ = 0;
};

// Parses `text` (whole records) with libcsv into `chunk`.
// Runs libcsv over `text` (whole records) with `handler`'s static on_field/on_row callbacks.
template <class Handler>
void run_libcsv(std::string_view text, char delimiter, Handler& handler, const std::string& name) {
    csv_parser parser{};
    csv_init(&parser, 0);
    csv_set_delim(&parser, static_cast<unsigned char>(delimiter));
    const size_t n = csv_parse(&parser, text.data(), text.size(), Handler::on_field, Handler::on_row, &handler);
    const int error = n == text.size() ? 0 : csv_error(&parser);
    csv_fini(&parser, Handler::on_field, Handler::on_row, &handler);
    csv_free(&parser);
    if (error) throw FileError(fmt::format("{}: {}", name, csv_strerror(error)));
}

// Parses `text` (whole records) into `chunk`'s records and fields.
void parse_csv_text(std::string_view text, char delimiter, RawChunk& chunk, size_t first_row, const std::string& name) {
    CsvCollector collect(chunk, first_row);
    run_libcsv(text, delimiter, collect, name);
}

// CSV: the header is parsed here; the rest is cut into blocks of whole records that workers
// parse. A record ends at a newline outside quotes; a blank line is no record (as in libcsv).
class CsvSource final : public RecordSource {
public:
    CsvSource(std::istream& in, std::string name) : in_(in), name_(std::move(name)) {
        fill(kBufferBytes);
        if (std::string_view(carry_).substr(0, 3) == "\xEF\xBB\xBF") carry_.erase(0, 3);  // UTF-8 byte order mark
        delimiter_ = detect_delimiter(carry_);
        size_t end = 0;
        while ((end = record_end(0)) == std::string::npos && !eof_) fill(kBufferBytes);
        if (end == std::string::npos) end = carry_.size();
        RawChunk header;
        parse_csv_text(std::string_view(carry_).substr(0, end), delimiter_, header, 1, name_);
        if (header.records.empty()) throw FileError(name_ + ": no header row");
        for (uint32_t i = 0; i < header.records[0].count; ++i) columns_.emplace_back(header.span(header.records[0].first + i));
        carry_.erase(0, end);
        scanned_ = 0;
        quoted_ = false;
        line_has_text_ = false;
    }

    bool read(RawChunk& chunk, size_t max) override {
        // Scan until `max` records end, reading more as needed.
        size_t records = 0, cut = 0;
        for (;;) {
            scan(max, records, cut);
            if (records >= max || eof_) break;
            fill(kBufferBytes);
        }
        if (eof_ && scanned_ >= carry_.size()) {
            cut = carry_.size();  // the last record may lack its newline
            if (line_has_text_) ++records;
            line_has_text_ = false;
        }
        if (cut == 0) return false;
        chunk.block.assign(carry_, 0, cut);
        chunk.first_row = next_row_;
        chunk.delimiter = delimiter_;
        next_row_ += records;
        carry_.erase(0, cut);
        scanned_ -= std::min(scanned_, cut);
        return true;
    }

    InputFormat format() const override { return InputFormat::Csv; }
    const std::vector<std::string>& columns() const override { return columns_; }
    bool decimal_comma() const override { return delimiter_ == ';'; }
    uint64_t bytes_read() const override { return bytes_; }

private:
    void fill(size_t n) {
        const size_t old = carry_.size();
        carry_.resize(old + n);
        in_.read(carry_.data() + old, static_cast<std::streamsize>(n));
        const auto got = static_cast<size_t>(in_.gcount());
        carry_.resize(old + got);
        bytes_ += got;
        if (got == 0) eof_ = true;
    }

    // Advances scanned_ over carry_ until `max` records have ended; `cut` is just past the last
    // record end. Unquoted stretches are crossed with memchr.
    void scan(size_t max, size_t& records, size_t& cut) {
        const char* data = carry_.data();
        const size_t size = carry_.size();
        while (scanned_ < size) {
            if (quoted_) {
                const void* q = std::memchr(data + scanned_, '"', size - scanned_);
                if (!q) {
                    scanned_ = size;
                    return;
                }
                scanned_ = static_cast<size_t>(static_cast<const char*>(q) - data) + 1;
                quoted_ = false;
                line_has_text_ = true;
                continue;
            }
            const void* nl = std::memchr(data + scanned_, '\n', size - scanned_);
            const size_t end = nl ? static_cast<size_t>(static_cast<const char*>(nl) - data) : size;
            const void* q = std::memchr(data + scanned_, '"', end - scanned_);
            if (q) {
                scanned_ = static_cast<size_t>(static_cast<const char*>(q) - data) + 1;
                quoted_ = true;
                line_has_text_ = true;
                continue;
            }
            if (end > scanned_ && !(end == scanned_ + 1 && data[scanned_] == '\r')) line_has_text_ = true;
            if (!nl) {
                scanned_ = size;
                return;
            }
            if (line_has_text_) ++records;
            line_has_text_ = false;
            scanned_ = end + 1;
            cut = scanned_;
            if (records >= max) return;
        }
    }

    // The end of the first record starting at `from` (just past its newline), or npos.
    size_t record_end(size_t from) const {
        bool quoted = false;
        for (size_t i = from; i < carry_.size(); ++i) {
            if (carry_[i] == '"') quoted = !quoted;
            else if (carry_[i] == '\n' && !quoted) return i + 1;
        }
        return std::string::npos;
    }

    std::istream& in_;
    std::string name_;
    char delimiter_ = ',';
    std::vector<std::string> columns_;
    std::string carry_;
    size_t scanned_ = 0;
    bool quoted_ = false, line_has_text_ = false, eof_ = false;
    size_t next_row_ = 2;
    uint64_t bytes_ = 0;
};

// One JSON object per line; blank lines are skipped.
class JsonLinesSource final : public RecordSource {
public:
    JsonLinesSource(std::istream& in, std::string name) : in_(in), name_(std::move(name)) {}

    bool read(RawChunk& chunk, size_t max) override {
        std::string line;
        while (chunk.records.size() < max && std::getline(in_, line)) {
            ++line_;
            bytes_ += line.size() + 1;
            if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
            chunk.records.push_back({line_, static_cast<uint32_t>(chunk.spans.size()), 1});
            chunk.spans.emplace_back(static_cast<uint32_t>(chunk.text.size()), static_cast<uint32_t>(line.size()));
            chunk.text += line;
        }
        return !chunk.records.empty();
    }

    InputFormat format() const override { return InputFormat::JsonLines; }
    const std::vector<std::string>& columns() const override { return no_columns_; }
    uint64_t bytes_read() const override { return bytes_; }

private:
    std::istream& in_;
    std::string name_;
    size_t line_ = 0;
    uint64_t bytes_ = 0;
    std::vector<std::string> no_columns_;
};

// A JSON array of objects, split into elements as it streams; each element is parsed on its own.
class JsonArraySource final : public RecordSource {
public:
    JsonArraySource(std::istream& in, std::string name) : in_(in), name_(std::move(name)) {
        skip_space();
        if (in_.get() != '[') throw FileError(name_ + ": a JSON array must start with '['");
        ++bytes_;
    }

    bool read(RawChunk& chunk, size_t max) override {
        while (!done_ && chunk.records.size() < max) {
            skip_space();
            const int c = in_.peek();
            if (c == ']' || c == EOF) {
                if (c == EOF) throw FileError(name_ + ": the JSON array is not closed");
                done_ = true;
                break;
            }
            if (c == ',') {
                in_.get();
                ++bytes_;
                continue;
            }
            const auto offset = static_cast<uint32_t>(chunk.text.size());
            read_element(chunk.text);
            while (chunk.text.size() > offset && std::isspace(static_cast<unsigned char>(chunk.text.back()))) chunk.text.pop_back();
            chunk.records.push_back({++element_, static_cast<uint32_t>(chunk.spans.size()), 1});
            chunk.spans.emplace_back(offset, static_cast<uint32_t>(chunk.text.size() - offset));
        }
        return !chunk.records.empty();
    }

    InputFormat format() const override { return InputFormat::JsonArray; }
    const std::vector<std::string>& columns() const override { return no_columns_; }
    uint64_t bytes_read() const override { return bytes_; }

private:
    void skip_space() {
        while (std::isspace(in_.peek())) {
            in_.get();
            ++bytes_;
        }
    }

    // Copies one element's text: up to the ',' or ']' that ends it at depth 0.
    void read_element(std::string& out) {
        int depth = 0;
        bool in_string = false, escaped = false;
        for (int c; (c = in_.peek()) != EOF;) {
            if (!in_string && depth == 0 && (c == ',' || c == ']')) return;
            in_.get();
            ++bytes_;
            out += static_cast<char>(c);
            if (in_string) {
                if (escaped) escaped = false;
                else if (c == '\\') escaped = true;
                else if (c == '"') in_string = false;
            } else if (c == '"') {
                in_string = true;
            } else if (c == '{' || c == '[') {
                ++depth;
            } else if (c == '}' || c == ']') {
                --depth;
            }
        }
        throw FileError(name_ + ": the JSON array is not closed");
    }

    std::istream& in_;
    std::string name_;
    size_t element_ = 0;
    bool done_ = false;
    uint64_t bytes_ = 0;
    std::vector<std::string> no_columns_;
};

}  // namespace

void split_csv_block(RawChunk& chunk) {
    chunk.records.clear();
    chunk.spans.clear();
    chunk.text.clear();
    parse_csv_text(chunk.block, chunk.delimiter, chunk, chunk.first_row, "input");
}

namespace {

void reset(Provider& p) {
    for (auto& v : p.values)
        if (!std::holds_alternative<std::monostate>(v)) v = std::monostate{};
    p.passthrough.clear();
}

}  // namespace

std::optional<InputFormat> input_format_from_name(std::string_view name) {
    if (name == "csv") return InputFormat::Csv;
    if (name == "jsonl" || name == "ndjson") return InputFormat::JsonLines;
    if (name == "json") return InputFormat::JsonArray;
    return std::nullopt;
}

std::string_view input_format_name(InputFormat f) {
    switch (f) {
    case InputFormat::Csv: return "csv";
    case InputFormat::JsonLines: return "jsonl";
    case InputFormat::JsonArray: return "json";
    }
    return "?";
}

std::optional<InputFormat> format_from_extension(const std::string& path) {
    std::string lower = path;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    if (ends_with(lower, ".csv") || ends_with(lower, ".txt")) return InputFormat::Csv;
    if (ends_with(lower, ".jsonl") || ends_with(lower, ".ndjson")) return InputFormat::JsonLines;
    if (ends_with(lower, ".json")) return InputFormat::JsonArray;
    return std::nullopt;
}

InputFormat sniff_format(std::istream& in) {
    while (std::isspace(in.peek())) in.get();
    const int c = in.peek();
    if (c == '[') return InputFormat::JsonArray;
    if (c == '{') return InputFormat::JsonLines;
    return InputFormat::Csv;
}

std::unique_ptr<RecordSource> open_records(std::istream& in, const std::string& name, InputFormat format) {
    switch (format) {
    case InputFormat::Csv: return std::make_unique<CsvSource>(in, name);
    case InputFormat::JsonLines: return std::make_unique<JsonLinesSource>(in, name);
    case InputFormat::JsonArray: return std::make_unique<JsonArraySource>(in, name);
    }
    return nullptr;
}

ColumnMap map_columns(const std::vector<std::string>& columns, const Schema& schema, const std::string& name) {
    ColumnMap m;
    m.names = columns;
    std::set<std::string> seen;
    std::vector<std::string> problems;
    for (const auto& c : columns) {
        if (!seen.insert(c).second) problems.push_back(fmt::format("column '{}' appears twice", c));
        const Field* f = schema.find(c);
        m.field.push_back(f ? f->index : -1);
    }
    for (const auto& e : check_columns(columns, schema)) problems.push_back(e.message);
    if (!seen.count("agb")) problems.push_back("no 'agb' column: every provider needs its AGB code");
    if (!problems.empty()) throw FileError(fmt::format("{}: {}", name, fmt::join(problems, "; ")));
    return m;
}

namespace {

// Fills a provider column by column from one CSV record: schema fields are parsed, x_ columns
// kept (reusing last row's strings), and finish() reports what the row as a whole lacks.
class RowBuilder {
public:
    RowBuilder(const ColumnMap& map, const Schema& schema, Provider& p, std::vector<FieldError>& errors)
        : map_(map), schema_(schema), p_(p), errors_(errors), opts_{map.decimal_comma} {}

    void field(std::string_view text) {
        const size_t col = column_++;
        if (col >= map_.field.size()) return;  // counted and reported by finish()
        const int f = map_.field[col];
        if (f >= 0) {
            set_field(p_, schema_.at(f), text, errors_, opts_);
        } else if (passed_ < p_.passthrough.size()) {
            p_.passthrough[passed_].first.assign(map_.names[col]);
            p_.passthrough[passed_++].second.assign(text);
        } else {
            p_.passthrough.emplace_back(map_.names[col], text);
            ++passed_;
        }
    }

    // Columns the row did not reach are unknown; too many fields and missing required fields
    // are errors. Ready for the next row afterwards.
    void finish() {
        for (size_t i = column_; i < map_.field.size(); ++i)
            if (map_.field[i] >= 0) p_[map_.field[i]] = std::monostate{};
        p_.passthrough.resize(passed_);
        if (column_ > map_.field.size())
            errors_.insert(errors_.begin(), FieldError{"", fmt::format("has {} fields, the header {}", column_, map_.field.size())});
        check_required(p_, schema_, errors_);
        column_ = 0;
        passed_ = 0;
    }

private:
    const ColumnMap& map_;
    const Schema& schema_;
    Provider& p_;
    std::vector<FieldError>& errors_;
    ParseOptions opts_;
    size_t column_ = 0, passed_ = 0;
};

// libcsv callbacks that set each field of the provider as it is parsed.
class CsvDecoder {
public:
    CsvDecoder(const ColumnMap& map, const Schema& schema, Provider& p, std::vector<FieldError>& errors,
               const std::function<void(size_t)>& row_done, size_t first_row)
        : row_(map, schema, p, errors), errors_(errors), row_done_(row_done), next_row_(first_row) {}

    static void on_field(void* s, size_t len, void* self) {
        static_cast<CsvDecoder*>(self)->row_.field(std::string_view(static_cast<const char*>(s), len));
    }
    static void on_row(int, void* self) {
        auto* me = static_cast<CsvDecoder*>(self);
        me->row_.finish();
        me->row_done_(me->next_row_++);
        me->errors_.clear();
    }

private:
    RowBuilder row_;
    std::vector<FieldError>& errors_;
    const std::function<void(size_t)>& row_done_;
    size_t next_row_;
};

}  // namespace

void decode_csv_block(const RawChunk& chunk, const ColumnMap& map, const Schema& schema, Provider& p,
                      std::vector<FieldError>& errors, const std::function<void(size_t row)>& row_done) {
    errors.clear();
    CsvDecoder decode(map, schema, p, errors, row_done, chunk.first_row);
    run_libcsv(chunk.block, chunk.delimiter, decode, "input");
}

void record_to_provider(const RawChunk& chunk, const RawRecord& rec, InputFormat format, const ColumnMap& map,
                        const Schema& schema, Provider& p, std::vector<FieldError>& errors) {
    if (format != InputFormat::Csv) {
        reset(p);
        nlohmann::json j;
        try {
            j = nlohmann::json::parse(chunk.span(rec.first));
        } catch (const nlohmann::json::parse_error& e) {
            errors.push_back({"", std::string("invalid JSON: ") + e.what()});
            return;
        }
        ParsedProvider parsed = provider_from_json(j, schema);
        p = std::move(parsed.provider);
        errors.insert(errors.end(), parsed.unknown.begin(), parsed.unknown.end());
        errors.insert(errors.end(), parsed.errors.begin(), parsed.errors.end());
        return;
    }
    // Every column is written (fields the header lacks stay unknown from the start).
    RowBuilder row(map, schema, p, errors);
    for (uint32_t i = 0; i < rec.count; ++i) row.field(chunk.span(rec.first + i));
    row.finish();
}

}  // namespace inkoop

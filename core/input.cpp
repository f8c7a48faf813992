#include "input.hpp"

#include <algorithm>
#include <csv.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <set>

namespace inkoop {
namespace {

constexpr size_t kBufferBytes = 1 << 16;

bool ends_with(const std::string& s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// Reads up to kBufferBytes; returns the number read.
size_t read_some(std::istream& in, char* buf) {
    in.read(buf, kBufferBytes);
    return static_cast<size_t>(in.gcount());
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

// CSV through libcsv: fields and rows arrive by callback and are appended to an internal chunk.
class CsvSource final : public RecordSource {
public:
    CsvSource(std::istream& in, std::string name) : in_(in), name_(std::move(name)) {
        csv_init(&parser_, CSV_APPEND_NULL);
        std::string first(kBufferBytes, '\0');
        first.resize(read_some(in_, first.data()));
        bytes_ += first.size();
        std::string_view view(first);
        if (view.substr(0, 3) == "\xEF\xBB\xBF") view.remove_prefix(3);  // UTF-8 byte order mark
        delimiter_ = detect_delimiter(view);
        csv_set_delim(&parser_, static_cast<unsigned char>(delimiter_));
        feed(view.data(), view.size());
        while (!header_done_ && !eof_) feed_next();
        if (!header_done_) finish();
        if (!header_done_) throw FileError(name_ + ": no header row");
    }
    ~CsvSource() override { csv_free(&parser_); }

    bool read(RawChunk& chunk, size_t max) override {
        while (pending_.records.size() < max && !eof_) feed_next();
        if (eof_ && !finished_) finish();
        std::swap(chunk.text, pending_.text);
        std::swap(chunk.spans, pending_.spans);
        std::swap(chunk.records, pending_.records);
        pending_.clear();
        carry_partial_row(chunk);
        return !chunk.records.empty();
    }

    InputFormat format() const override { return InputFormat::Csv; }
    const std::vector<std::string>& columns() const override { return columns_; }
    bool decimal_comma() const override { return delimiter_ == ';'; }
    uint64_t bytes_read() const override { return bytes_; }

private:
    static void on_field(void* s, size_t len, void* self) {
        auto* me = static_cast<CsvSource*>(self);
        auto& c = me->pending_;
        c.spans.emplace_back(static_cast<uint32_t>(c.text.size()), static_cast<uint32_t>(len));
        c.text.append(static_cast<const char*>(s), len);
        ++me->fields_in_row_;
    }

    static void on_row(int, void* self) {
        auto* me = static_cast<CsvSource*>(self);
        auto& c = me->pending_;
        ++me->row_;
        const auto first = static_cast<uint32_t>(c.spans.size() - me->fields_in_row_);
        if (!me->header_done_) {
            for (uint32_t i = first; i < c.spans.size(); ++i) me->columns_.emplace_back(c.span(i));
            c.clear();
            me->header_done_ = true;
        } else {
            c.records.push_back({me->row_, first, me->fields_in_row_});
        }
        me->fields_in_row_ = 0;
    }

    // The fields of a row still being parsed stay behind for the next chunk.
    void carry_partial_row(RawChunk& chunk) {
        const size_t keep = fields_in_row_;
        for (size_t i = chunk.spans.size() - keep; i < chunk.spans.size(); ++i) {
            const auto [offset, len] = chunk.spans[i];
            pending_.spans.emplace_back(static_cast<uint32_t>(pending_.text.size()), len);
            pending_.text.append(chunk.text, offset, len);
        }
        chunk.spans.resize(chunk.spans.size() - keep);
    }

    void feed(const char* data, size_t len) {
        if (csv_parse(&parser_, data, len, on_field, on_row, this) != len)
            throw FileError(fmt::format("{}: {}", name_, csv_strerror(csv_error(&parser_))));
    }

    void feed_next() {
        char buf[kBufferBytes];
        const size_t n = read_some(in_, buf);
        bytes_ += n;
        if (n == 0) {
            eof_ = true;
            return;
        }
        feed(buf, n);
    }

    void finish() {
        csv_fini(&parser_, on_field, on_row, this);
        finished_ = true;
        eof_ = true;
    }

    std::istream& in_;
    std::string name_;
    csv_parser parser_{};
    char delimiter_ = ',';
    std::vector<std::string> columns_;
    RawChunk pending_;
    size_t row_ = 0;
    uint32_t fields_in_row_ = 0;
    bool header_done_ = false, eof_ = false, finished_ = false;
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

void reset(Provider& p) {
    for (auto& v : p.values) v = std::monostate{};
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

void record_to_provider(const RawChunk& chunk, const RawRecord& rec, InputFormat format, const ColumnMap& map,
                        const Schema& schema, Provider& p, std::vector<FieldError>& errors) {
    reset(p);
    if (format != InputFormat::Csv) {
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
    if (rec.count > map.field.size())
        errors.push_back({"", fmt::format("has {} fields, the header {}", rec.count, map.field.size())});
    const ParseOptions opts{map.decimal_comma};
    const uint32_t n = std::min<uint32_t>(rec.count, static_cast<uint32_t>(map.field.size()));
    for (uint32_t i = 0; i < n; ++i) {
        const std::string_view text = chunk.span(rec.first + i);
        const int f = map.field[i];
        if (f < 0) p.passthrough.emplace_back(map.names[i], text);
        else set_field(p, schema.at(f), text, errors, opts);
    }
    check_required(p, schema, errors);
}

}  // namespace inkoop

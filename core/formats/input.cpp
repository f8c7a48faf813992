#include "core/formats/input.hpp"

#include "core/formats/xlsx_reader.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <set>

#include "core/base/text.hpp"

namespace inkoop {
namespace {

constexpr size_t kReadBytes = size_t{1} << 20;
constexpr size_t kKeptOfTooLong = size_t{64} << 10;  // of a row over the limit, kept to name its AGB

bool ends_with(const std::string& s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

// Unconsumed bytes of a ByteSource, refilled on demand (no zero-filling: the storage is raw).
class Buffer {
public:
    explicit Buffer(ByteSource& in) : in_(in) {}

    std::string_view view() const { return {data_.get() + pos_, end_ - pos_}; }
    bool eof() const { return eof_; }
    uint64_t consumed() const { return consumed_; }
    const std::string& name() const { return in_.name(); }

    // Appends what the source has (up to kReadBytes), at least `at_least` bytes unless it ends
    // first; false (and eof()) when nothing more came. A record that needs more asks for as many
    // bytes again as it holds, so rescanning it stays linear whatever sizes the source hands out.
    bool fill(size_t at_least = 1) {
        if (eof_) return false;
        if (pos_ > 0) {  // keep only what is not consumed yet, at the front
            std::memmove(data_.get(), data_.get() + pos_, end_ - pos_);
            end_ -= pos_;
            pos_ = 0;
        }
        // Reads start at 64 KiB and double (up to kReadBytes) while the source fills them.
        at_least = std::min(std::max<size_t>(at_least, 1), kReadBytes);
        const size_t want = std::max(at_least, read_size_);
        if (capacity_ - end_ < want) {
            const size_t bigger = std::max(capacity_ * 2, end_ + want);
            std::unique_ptr<char[]> grown(new char[bigger]);
            if (end_) std::memcpy(grown.get(), data_.get(), end_);
            data_ = std::move(grown);
            capacity_ = bigger;
        }
        size_t got = 0;
        while (got < at_least) {
            const size_t n = in_.read(data_.get() + end_ + got, want - got);
            if (n == 0) {
                eof_ = true;
                break;
            }
            got += n;
        }
        if (got == want) read_size_ = std::min(read_size_ * 2, kReadBytes);
        end_ += got;
        return got > 0;
    }
    void consume(size_t n) {
        pos_ += n;
        consumed_ += n;
    }

private:
    ByteSource& in_;
    std::unique_ptr<char[]> data_;
    size_t capacity_ = 0, pos_ = 0, end_ = 0, read_size_ = size_t{64} << 10;
    bool eof_ = false;
    uint64_t consumed_ = 0;
};

// Makes every record valid UTF-8: the first non-ASCII record decides whether the file is UTF-8
// or Windows-1252 (unless the encoding was chosen); a later record that is not valid UTF-8 in a
// UTF-8 file has its stray bytes read as Windows-1252 (as chosen: replaced by U+FFFD).
class Utf8Gate {
public:
    Utf8Gate(Encoding encoding, std::string name, std::vector<std::string>& notes, const char* unit)
        : mode_(encoding), forced_(encoding != Encoding::Auto), name_(std::move(name)), notes_(notes), unit_(unit) {}

    void append(std::string& out, std::string_view raw, size_t row) {
        if (mode_ == Encoding::Windows1252) {
            if (is_ascii(raw))
                out.append(raw);
            else
                append_windows1252_as_utf8(out, raw);
            return;
        }
        if (is_ascii(raw) || is_valid_utf8(raw)) {
            if (!is_ascii(raw)) mode_ = Encoding::Utf8;
            out.append(raw);
            return;
        }
        if (mode_ == Encoding::Auto) {
            mode_ = Encoding::Windows1252;
            notes_.push_back(
                fmt::format("{}: not valid UTF-8 ({} {}): read as Windows-1252, as Excel writes CSV "
                            "(--encoding utf-8 or windows-1252 chooses)",
                            display_name(name_), unit_, row));
            append_windows1252_as_utf8(out, raw);
            return;
        }
        if (++repaired_ <= 5)
            notes_.push_back(
                fmt::format("{}: {} {}: not valid UTF-8; {}", display_name(name_), unit_, row,
                            forced_ ? "the stray bytes were replaced by U+FFFD" : "the stray bytes were read as Windows-1252"));
        if (forced_) {
            size_t i = 0;
            while (i < raw.size()) {
                const size_t ok = valid_utf8_prefix(raw.substr(i));
                out.append(raw.substr(i, ok));
                i += ok;
                if (i < raw.size()) {
                    out += "\xEF\xBF\xBD";
                    ++i;
                }
            }
        } else {
            append_utf8_repaired(out, raw);
        }
    }

private:
    Encoding mode_;
    bool forced_;
    std::string name_;
    std::vector<std::string>& notes_;
    const char* unit_;
    size_t repaired_ = 0;
};

void check_not_utf16(std::string_view head, const std::string& name) {
    if (head.size() >= 2 && ((head[0] == '\xFF' && head[1] == '\xFE') || (head[0] == '\xFE' && head[1] == '\xFF')))
        throw FileError(
            fmt::format("{}: the file is UTF-16 text (Excel's 'Unicode text'): save the list as "
                        "'CSV UTF-8' or 'CSV (gescheiden door lijstscheidingsteken)'",
                        display_name(name)));
}

// ';' when the first line has more semicolons than commas outside quotes, else ','; nullopt when
// `first` ends before that line does (unless `eof`).
std::optional<char> detect_delimiter(std::string_view first, bool eof) {
    size_t commas = 0, semicolons = 0;
    bool quoted = false;
    for (char c : first) {
        if (c == '"')
            quoted = !quoted;
        else if (!quoted && (c == '\n' || c == '\r'))
            return semicolons > commas ? ';' : ',';
        else if (!quoted && c == ',')
            ++commas;
        else if (!quoted && c == ';')
            ++semicolons;
    }
    if (!eof && first.size() <= csv::kMaxRecordBytes) return std::nullopt;
    return semicolons > commas ? ';' : ',';
}

// --- CSV ---------------------------------------------------------------------------------------

class CsvSource final : public RecordSource {
public:
    CsvSource(Buffer buffer, Encoding encoding) : buf_(std::move(buffer)), gate_(encoding, buf_.name(), notes_, "row") {
        while (buf_.view().size() < 4 && buf_.fill()) {
        }
        check_not_utf16(buf_.view(), buf_.name());
        if (buf_.view().substr(0, 3) == "\xEF\xBB\xBF") buf_.consume(3);  // UTF-8 byte order mark
        read_header();
    }

    bool read(RawChunk& chunk, size_t max) override {
        size_t got = 0;
        while (got < max) {
            if (skipping_ && !skip_line()) break;
            const std::string_view v = buf_.view();
            if (v.empty()) {
                if (buf_.eof() || !buf_.fill()) break;
                continue;
            }
            const csv::Split s = csv::split_record(v, delimiter_, buf_.eof());
            switch (s.status) {
            case csv::Split::NeedMore: buf_.fill(v.size()); continue;
            case csv::Split::Blank:
                ++row_;
                buf_.consume(s.consumed);
                continue;
            case csv::Split::Record:
                add(chunk, v.substr(0, s.length), s.problem, s.simple);
                buf_.consume(s.consumed);
                break;
            case csv::Split::TooLong:
                add(chunk, v.substr(0, kKeptOfTooLong), csv::Problem::TooLong, false);
                skipping_ = true;
                break;
            }
            ++got;
        }
        return got > 0;
    }

    InputFormat format() const override { return InputFormat::Csv; }
    const std::vector<std::string>& columns() const override { return columns_; }
    char delimiter() const override { return delimiter_; }
    uint64_t bytes_read() const override { return buf_.consumed(); }

private:
    void read_header() {
        for (;;) {
            const std::string_view v = buf_.view();
            if (v.empty() && (buf_.eof() || !buf_.fill())) throw FileError(display_name(buf_.name()) + ": no header row");
            if (v.empty()) continue;
            const auto delimiter = detect_delimiter(v, buf_.eof());
            if (!delimiter) {  // the whole first line decides, however the bytes arrive
                buf_.fill(v.size());
                continue;
            }
            delimiter_ = *delimiter;
            const csv::Split s = csv::split_record(v, delimiter_, buf_.eof());
            if (s.status == csv::Split::NeedMore) {
                buf_.fill(v.size());
                continue;
            }
            if (s.status == csv::Split::TooLong)
                throw FileError(display_name(buf_.name()) + ": the header row is longer than 1048576 bytes");
            ++row_;
            if (s.status == csv::Split::Blank) {
                buf_.consume(s.consumed);
                continue;
            }
            std::string text;
            gate_.append(text, v.substr(0, s.length), row_ - 1);
            buf_.consume(s.consumed);
            std::string scratch;
            const csv::Problem p = csv::parse_fields(text, delimiter_, s.simple, scratch, [&](std::string_view f) {
                if (columns_.size() <= csv::kMaxColumns) columns_.emplace_back(trim(f));
            });
            if (p != csv::Problem::None)
                throw FileError(fmt::format("{}: header row: {}", display_name(buf_.name()), csv::problem_text(p)));
            return;
        }
    }

    void add(RawChunk& chunk, std::string_view raw, csv::Problem problem, bool simple) {
        RawRecord r;
        r.row = row_++;
        r.offset = chunk.block.size();
        gate_.append(chunk.block, raw, r.row);
        r.length = chunk.block.size() - r.offset;
        r.problem = problem;
        r.simple = simple;
        chunk.records.push_back(r);
    }

    // Discards the rest of an over-long row, up to and including its line end. False at the end.
    bool skip_line() {
        for (;;) {
            const std::string_view v = buf_.view();
            const size_t e = csv::find_line_end(v);
            if (e == std::string_view::npos) {
                buf_.consume(v.size());
                if (!buf_.fill()) {
                    skipping_ = false;
                    return false;
                }
                continue;
            }
            const int le = csv::line_end_length(v.substr(e), buf_.eof());
            if (le < 0) {
                buf_.consume(e);
                buf_.fill();
                continue;
            }
            buf_.consume(e + static_cast<size_t>(le));
            skipping_ = false;
            return true;
        }
    }

    Buffer buf_;
    Utf8Gate gate_;
    char delimiter_ = ',';
    std::vector<std::string> columns_;
    size_t row_ = 1;
    bool skipping_ = false;
};

// --- JSON Lines --------------------------------------------------------------------------------

// Appends one record (its text, UTF-8 checked, unless it already has a problem) to the chunk.
void add_record(RawChunk& chunk, Utf8Gate& gate, size_t row, std::string_view text, csv::Problem problem) {
    RawRecord r;
    r.row = row;
    r.offset = chunk.block.size();
    if (problem == csv::Problem::None) gate.append(chunk.block, text, r.row);
    r.length = chunk.block.size() - r.offset;
    r.problem = problem;
    chunk.records.push_back(r);
}

class JsonLinesSource final : public RecordSource {
public:
    JsonLinesSource(Buffer buffer, Encoding encoding) : buf_(std::move(buffer)), gate_(encoding, buf_.name(), notes_, "line") {}

    bool read(RawChunk& chunk, size_t max) override {
        size_t got = 0;
        while (got < max) {
            const std::string_view v = buf_.view();
            const void* nl = v.empty() ? nullptr : std::memchr(v.data(), '\n', std::min(v.size(), csv::kMaxRecordBytes + 2));
            if (!nl) {
                if (v.size() > csv::kMaxRecordBytes + 1) {
                    add(chunk, {}, csv::Problem::TooLong);
                    ++got;
                    skip_line();
                    continue;
                }
                if (!buf_.eof() && buf_.fill(v.size())) continue;
                const std::string_view rest = buf_.view();  // fill() may have moved the bytes
                if (rest.empty()) break;
                take(chunk, rest, rest.size(), got);  // the last line without a line end
                continue;
            }
            const size_t len = static_cast<size_t>(static_cast<const char*>(nl) - v.data());
            take(chunk, v.substr(0, len), len + 1, got);
        }
        return got > 0;
    }

    InputFormat format() const override { return InputFormat::JsonLines; }
    const std::vector<std::string>& columns() const override { return no_columns_; }
    uint64_t bytes_read() const override { return buf_.consumed(); }

private:
    void take(RawChunk& chunk, std::string_view line, size_t consumed, size_t& got) {
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (line.find_first_not_of(" \t\r") == std::string_view::npos) {
            ++line_;
        } else {
            add(chunk, line, line.size() > csv::kMaxRecordBytes ? csv::Problem::TooLong : csv::Problem::None);
            ++got;
        }
        buf_.consume(consumed);
    }

    void add(RawChunk& chunk, std::string_view text, csv::Problem problem) { add_record(chunk, gate_, ++line_, text, problem); }

    void skip_line() {
        for (;;) {
            const std::string_view v = buf_.view();
            const void* nl = std::memchr(v.data(), '\n', v.size());
            if (nl) {
                buf_.consume(static_cast<size_t>(static_cast<const char*>(nl) - v.data()) + 1);
                return;
            }
            buf_.consume(v.size());
            if (!buf_.fill()) return;
        }
    }

    Buffer buf_;
    Utf8Gate gate_;
    size_t line_ = 0;
    std::vector<std::string> no_columns_;
};

// --- JSON arrays -------------------------------------------------------------------------------

// Where a JSON text's strings are, one character at a time.
struct JsonStrings {
    bool in_string = false, escaped = false;
    // True when `c` stands outside every string (and is not a string's quote).
    bool outside(char c) {
        if (in_string) {
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                in_string = false;
            return false;
        }
        if (c == '"') in_string = true;
        return !in_string;
    }
};

// Where one array element ends: at a ',' or ']' outside strings at depth 0.
struct ElementScan {
    int depth = 0;
    JsonStrings strings;

    // Advances over `v`; the position of the element's end, or npos when it goes on.
    size_t advance(std::string_view v) {
        for (size_t i = 0; i < v.size(); ++i) {
            const char c = v[i];
            if (!strings.outside(c)) continue;
            if (c == '{' || c == '[') {
                ++depth;
            } else if (c == '}' || c == ']') {
                if (depth == 0 && c == ']') return i;  // the array's own end
                if (depth > 0) --depth;                // a stray '}' is the element's text (and its error)
            } else if (c == ',' && depth == 0) {
                return i;
            }
        }
        return std::string_view::npos;
    }
};

bool is_json_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

class JsonArraySource final : public RecordSource {
public:
    JsonArraySource(Buffer buffer, Encoding encoding) : buf_(std::move(buffer)), gate_(encoding, buf_.name(), notes_, "element") {
        skip_space();
        const std::string_view v = buf_.view();
        if (v.empty() || v[0] != '[') throw FileError(display_name(buf_.name()) + ": a JSON array must start with '['");
        buf_.consume(1);
    }

    bool read(RawChunk& chunk, size_t max) override {
        size_t got = 0;
        while (got < max && !done_) {
            skip_space();
            const std::string_view v = buf_.view();
            if (v.empty()) throw FileError(display_name(buf_.name()) + ": the JSON array is not closed");
            if (v[0] == ']') {
                buf_.consume(1);
                done_ = true;
                skip_space();
                if (!buf_.view().empty()) throw FileError(display_name(buf_.name()) + ": text after the end of the JSON array");
                break;
            }
            if (v[0] == ',') {
                buf_.consume(1);
                continue;
            }
            ElementScan scan;
            const size_t end = scan.advance(v);
            if (end == std::string_view::npos) {
                if (v.size() > csv::kMaxRecordBytes) {
                    add(chunk, {}, csv::Problem::TooLong);
                    ++got;
                    skip_element(scan);
                    continue;
                }
                if (!buf_.fill(v.size())) throw FileError(display_name(buf_.name()) + ": the JSON array is not closed");
                continue;
            }
            std::string_view text = v.substr(0, end);
            while (!text.empty() && is_json_space(text.back())) text.remove_suffix(1);
            add(chunk, text, text.size() > csv::kMaxRecordBytes ? csv::Problem::TooLong : csv::Problem::None);
            ++got;
            buf_.consume(end);
        }
        return got > 0;
    }

    InputFormat format() const override { return InputFormat::JsonArray; }
    const std::vector<std::string>& columns() const override { return no_columns_; }
    uint64_t bytes_read() const override { return buf_.consumed(); }

private:
    void skip_space() {
        for (;;) {
            const std::string_view v = buf_.view();
            size_t i = 0;
            while (i < v.size() && is_json_space(v[i])) ++i;
            buf_.consume(i);
            if (i < v.size() || !buf_.fill()) return;
        }
    }

    // Discards the rest of an over-long element (its structure still followed).
    void skip_element(ElementScan& scan) {
        buf_.consume(buf_.view().size());
        for (;;) {
            if (!buf_.fill()) throw FileError(display_name(buf_.name()) + ": the JSON array is not closed");
            const std::string_view v = buf_.view();
            const size_t end = scan.advance(v);
            if (end != std::string_view::npos) {
                buf_.consume(end);
                return;
            }
            buf_.consume(v.size());
        }
    }

    void add(RawChunk& chunk, std::string_view text, csv::Problem problem) { add_record(chunk, gate_, ++element_, text, problem); }

    Buffer buf_;
    Utf8Gate gate_;
    size_t element_ = 0;
    bool done_ = false;
    std::vector<std::string> no_columns_;
};

// Nesting depth of a JSON text (outside strings).
size_t json_depth(std::string_view text) {
    size_t depth = 0, max = 0;
    JsonStrings strings;
    for (char c : text) {
        if (!strings.outside(c)) continue;
        if (c == '{' || c == '[') {
            max = std::max(max, ++depth);
        } else if ((c == '}' || c == ']') && depth > 0) {
            --depth;
        }
    }
    return max;
}

// The AGB of a JSON text that does not parse, to name the row: "agb": "digits", else "".
std::string agb_in_text(std::string_view text) {
    const size_t key = text.find("\"agb\"");
    if (key == std::string_view::npos) return "";
    size_t i = key + 5;
    while (i < text.size() && (is_json_space(text[i]) || text[i] == ':')) ++i;
    if (i >= text.size() || text[i] != '"') return "";
    const size_t end = text.find('"', i + 1);
    if (end == std::string_view::npos || end - i - 1 > 32) return "";
    return std::string(text.substr(i + 1, end - i - 1));
}

}  // namespace

std::optional<InputFormat> input_format_from_name(std::string_view name) {
    if (name == "csv") return InputFormat::Csv;
    if (name == "jsonl" || name == "ndjson") return InputFormat::JsonLines;
    if (name == "json") return InputFormat::JsonArray;
    if (name == "xlsx") return InputFormat::Xlsx;
    return std::nullopt;
}

std::string_view input_format_name(InputFormat f) {
    switch (f) {
    case InputFormat::Csv: return "csv";
    case InputFormat::JsonLines: return "jsonl";
    case InputFormat::JsonArray: return "json";
    case InputFormat::Xlsx: return "xlsx";
    }
    return "?";
}

std::optional<Encoding> encoding_from_name(std::string_view name) {
    if (name == "utf-8" || name == "utf8") return Encoding::Utf8;
    if (name == "windows-1252" || name == "cp1252" || name == "latin-1") return Encoding::Windows1252;
    if (name == "auto") return Encoding::Auto;
    return std::nullopt;
}

std::optional<InputFormat> format_from_extension(const std::string& path) {
    std::string lower = path;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    if (ends_with(lower, ".csv") || ends_with(lower, ".txt")) return InputFormat::Csv;
    if (ends_with(lower, ".jsonl") || ends_with(lower, ".ndjson")) return InputFormat::JsonLines;
    if (ends_with(lower, ".json")) return InputFormat::JsonArray;
    if (ends_with(lower, ".xlsx")) return InputFormat::Xlsx;
    return std::nullopt;
}

std::unique_ptr<RecordSource> open_records(ByteSource& in, SourceOptions options) {
    Buffer buf(in);
    InputFormat format = InputFormat::Csv;
    if (options.format) {
        format = *options.format;
    } else {
        for (;;) {  // the first byte that is not white space decides
            const std::string_view v = buf.view();
            size_t i = v.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
            while (i < v.size() && is_json_space(v[i])) ++i;
            if (v.substr(0, 4) == std::string_view("PK\x03\x04", 4)) {
                format = InputFormat::Xlsx;
                break;
            }
            if (i < v.size() && v.size() >= 4) {
                format = v[i] == '[' ? InputFormat::JsonArray : v[i] == '{' ? InputFormat::JsonLines : InputFormat::Csv;
                break;
            }
            if (buf.eof() && i < v.size()) {
                format = v[i] == '[' ? InputFormat::JsonArray : v[i] == '{' ? InputFormat::JsonLines : InputFormat::Csv;
                break;
            }
            if (!buf.fill()) break;
        }
    }
    switch (format) {
    case InputFormat::Csv: return std::make_unique<CsvSource>(std::move(buf), options.encoding);
    case InputFormat::JsonLines: return std::make_unique<JsonLinesSource>(std::move(buf), options.encoding);
    case InputFormat::JsonArray: return std::make_unique<JsonArraySource>(std::move(buf), options.encoding);
    case InputFormat::Xlsx: {  // a zip needs all of it
        while (buf.view().size() <= kMaxXlsxBytes && buf.fill()) {
        }
        return open_xlsx(std::string(buf.view()), buf.name(), options.sheet, options.max_xlsx_unpacked, options.schema);
    }
    }
    return nullptr;
}

ColumnMap map_columns(const std::vector<std::string>& columns, const Schema& schema, const std::string& name) {
    const std::string shown = display_name(name);
    if (columns.size() > csv::kMaxColumns) throw FileError(fmt::format("{}: the header has more than {} columns", shown, csv::kMaxColumns));
    ColumnMap m;
    m.schema = &schema;
    m.names = columns;
    std::set<std::string> seen;
    std::vector<std::string> problems;
    for (const auto& c : columns) {
        if (!seen.insert(c).second) problems.push_back(fmt::format("column '{}' appears twice", c));
        const Field* f = schema.find(c);
        m.field.push_back(f ? f->index : -1);
    }
    // Unknown columns: the first ten named, with a suggestion each; the rest counted.
    std::vector<std::string> unknown;
    for (const auto& c : columns)
        if (!is_passthrough_column(c) && !schema.find(c)) unknown.push_back(c);
    const std::vector<std::string> first(unknown.begin(), unknown.begin() + static_cast<long>(std::min<size_t>(unknown.size(), 10)));
    for (const auto& e : check_columns(first, schema)) problems.push_back(e.message);
    if (unknown.size() > 10) problems.push_back(fmt::format("and {} more unknown columns", unknown.size() - 10));
    if (!seen.count("agb")) problems.push_back("no 'agb' column: every provider needs its AGB code");
    if (!problems.empty()) throw FileError(fmt::format("{}: {}", shown, fmt::join(problems, "; ")));
    return m;
}

ColumnMap map_columns(const RecordSource& source, const Schema& schema, const std::string& name) {
    if (source.format() != InputFormat::Csv) {
        ColumnMap none;
        none.schema = &schema;
        return none;
    }
    ColumnMap m = map_columns(source.columns(), schema, name);
    m.delimiter = source.delimiter();
    m.decimal_comma = m.delimiter == ';';
    return m;
}

RecordDecoder::RecordDecoder(InputFormat format, const ColumnMap& map, const Schema& schema)
    : format_(format), map_(map), schema_(schema), agb_index_(schema.find("agb") ? schema.find("agb")->index : -1) {
    int x = 0;
    for (int f : map.field) {
        columns_.push_back(f >= 0 ? &schema.at(f) : nullptr);
        passthrough_slot_.push_back(f >= 0 ? -1 : x++);
    }
}

bool RecordDecoder::decode(const RawChunk& chunk, const RawRecord& rec, Provider& p, RowProblems& problems) {
    problems.clear();
    const std::string_view text = chunk.text(rec);
    try {
        if (format_ == InputFormat::Csv) return decode_csv(text, rec, p, problems);
        decode_json(text, rec, p, problems);
    } catch (const std::exception& e) {  // a row's failure of any kind is that row's error
        problems.errors.push_back({"", e.what()});
    }
    return true;
}

namespace {

bool is_space_char(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }

template <class T>
void put(Value& slot, T v) {
    if (auto* x = std::get_if<T>(&slot))
        *x = v;
    else
        slot = v;
}

// The common, well-formed spellings, set without the general parser; false sends the text to it
// (for everything else, and for the error message).
bool quick_set(const Field& f, std::string_view t, Value& slot, bool decimal_comma) {
    if (is_space_char(t.front()) || is_space_char(t.back())) return false;
    switch (f.type) {
    case FieldType::Bool: {
        const auto is = [&](const char* word) {  // t is as long as word
            for (size_t i = 0; i < t.size(); ++i)
                if (t[i] != word[i]) return false;
            return true;
        };
        switch (t.size()) {
        case 1:
            if (t[0] == '1' || t[0] == '0') return put(slot, t[0] == '1'), true;
            return false;
        case 2:
            if (is("ja") || is("no")) return put(slot, t[0] == 'j'), true;
            return false;
        case 3:
            if (is("nee") || is("yes")) return put(slot, t[0] == 'y'), true;
            return false;
        case 4: return is("true") ? (put(slot, true), true) : false;
        case 5: return is("false") ? (put(slot, false), true) : false;
        default: return false;
        }
    }
    case FieldType::Enum: {
        const int i = f.enum_index(t);
        if (i < 0) return false;
        put(slot, EnumValue{i});
        return true;
    }
    case FieldType::Number:
    case FieldType::Int: {
        if (t.size() > 30 || (decimal_comma && t.find(',') != std::string_view::npos)) return false;
        double v = 0;
        const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
        if (ec != std::errc() || end != t.data() + t.size() || !std::isfinite(v)) return false;
        if ((f.min && v < *f.min) || (f.max && v > *f.max)) return false;
        if (f.type == FieldType::Number) {
            put(slot, v);
            return true;
        }
        if (v != std::floor(v) || std::fabs(v) > 1e15) return false;
        put(slot, static_cast<int64_t>(v));
        return true;
    }
    case FieldType::Date: {
        if (t.size() != 10) return false;
        const auto d = Date::parse(t);
        if (!d) return false;
        put(slot, *d);
        return true;
    }
    case FieldType::String: {
        if (f.eight_digits && (t.size() != 8 || t.find_first_not_of("0123456789") != std::string_view::npos)) return false;
        if (t.size() == 4 && (t[0] | 0x20) == 'n' && (t[1] | 0x20) == 'u' && (t[2] | 0x20) == 'l' && (t[3] | 0x20) == 'l') return false;
        if (auto* x = std::get_if<std::string>(&slot))
            x->assign(t);
        else
            slot = std::string(t);
        return true;
    }
    }
    return false;
}

}  // namespace

// One field that is not empty, at CSV column `c`.
[[gnu::always_inline]] inline void RecordDecoder::csv_field(size_t c, std::string_view f, Provider& p, RowProblems& problems) {
    if (blank_ && !trim(f).empty()) blank_ = false;
    if (c >= columns_.size()) return;  // counted: the row has too many fields
    const Field* field = columns_[c];
    if (f.size() >= csv::kMaxFieldBytes)
        problems.errors.push_back({map_.names[c], fmt::format("longer than {} bytes", csv::kMaxFieldBytes)});
    if (!field) {
        p.passthrough[static_cast<size_t>(passthrough_slot_[c])].second.assign(f);
        return;
    }
    const int index = field->index;
    if (index == agb_index_) problems.agb.assign(trim(f));
    if (!quick_set(*field, f, p.values[static_cast<size_t>(index)], map_.decimal_comma))
        set_field(p, *field, f, problems.errors, ParseOptions{map_.decimal_comma});
    if (!written_[static_cast<size_t>(index)]) {
        written_[static_cast<size_t>(index)] = 1;
        written_now_.push_back(index);
    }
}

bool RecordDecoder::decode_csv(std::string_view text, const RawRecord& rec, Provider& p, RowProblems& problems) {
    const size_t columns = map_.field.size();
    size_t column = 0;
    if (rec.problem == csv::Problem::TooLong) {  // only its AGB, to name it
        csv::parse_fields(text, map_.delimiter, false, scratch_, [&](std::string_view f) {
            const size_t c = column++;
            if (c < columns && map_.field[c] == agb_index_) problems.agb.assign(trim(f));
        });
        problems.errors.push_back({"", std::string(csv::problem_text(csv::Problem::TooLong))});
        return true;
    }
    // Only the fields a row writes are touched: the slots the previous row wrote and this one
    // does not are made unknown at the end (empty cells, most of a list, cost nothing).
    if (&p != last_provider_) {
        for (auto& v : p.values) v = std::monostate{};
        p.passthrough.clear();
        for (size_t c = 0; c < columns; ++c)
            if (!columns_[c]) p.passthrough.emplace_back(map_.names[c], std::string());
        written_.assign(p.values.size(), 0);
        written_before_.clear();
        last_provider_ = &p;
    }
    for (auto& x : p.passthrough) x.second.clear();
    written_now_.clear();
    blank_ = true;
    csv::Problem problem = csv::Problem::None;
    if (rec.simple) {  // empty fields skipped
        csv::for_each_simple_field(text, map_.delimiter, [&](std::string_view f) {
            if (!f.empty()) csv_field(column, f, p, problems);
            ++column;
        });
    } else {
        problem = csv::split_fields(text, map_.delimiter, false, scratch_, views_, column);
        for (size_t c = 0; c < column; ++c)
            if (!views_[c].empty()) csv_field(c, views_[c], p, problems);
        if (problem == csv::Problem::FieldTooLong) problem = csv::Problem::None;  // named per field
    }
    for (int index : written_before_)
        if (!written_[static_cast<size_t>(index)]) p.values[static_cast<size_t>(index)] = std::monostate{};
    for (int index : written_now_) written_[static_cast<size_t>(index)] = 0;
    written_before_.swap(written_now_);
    if (rec.problem != csv::Problem::None) problem = rec.problem;
    if (blank_ && problem == csv::Problem::None) return false;  // ;;;; rows Excel leaves behind
    std::vector<FieldError>& errors = problems.errors;
    if (column != columns) errors.insert(errors.begin(), FieldError{"", fmt::format("has {} fields, the header {}", column, columns)});
    if (problem != csv::Problem::None) errors.insert(errors.begin(), FieldError{"", std::string(csv::problem_text(problem))});
    check_required(p, schema_, errors);
    return true;
}

void RecordDecoder::decode_json(std::string_view text, const RawRecord& rec, Provider& p, RowProblems& problems) {
    for (auto& v : p.values) v = std::monostate{};
    p.passthrough.clear();
    const char* unit = format_ == InputFormat::JsonLines ? "line" : "element";
    if (rec.problem == csv::Problem::TooLong) {
        problems.errors.push_back({"", fmt::format("the {} is longer than {} bytes", unit, csv::kMaxRecordBytes)});
        return;
    }
    if (json_depth(text) > kMaxJsonDepth) {
        problems.errors.push_back({"", fmt::format("the JSON is nested more than {} levels deep", kMaxJsonDepth)});
        return;
    }
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(text);
    } catch (const nlohmann::json::exception& e) {
        problems.agb = agb_in_text(text);
        problems.errors.push_back({"", std::string("invalid JSON: ") + e.what()});
        return;
    }
    if (j.is_object())
        if (const auto it = j.find("agb"); it != j.end()) problems.agb = it->is_string() ? it->get<std::string>() : it->dump();
    ParsedProvider parsed = provider_from_json(j, schema_);
    p = std::move(parsed.provider);
    problems.errors.insert(problems.errors.end(), parsed.unknown.begin(), parsed.unknown.end());
    problems.errors.insert(problems.errors.end(), parsed.errors.begin(), parsed.errors.end());
}

}  // namespace inkoop

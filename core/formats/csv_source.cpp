// CSV provider lists: the delimiter sniffed, the header read, records cut by the tokenizer.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/base/text.hpp"
#include "core/formats/source_text.hpp"

namespace inkoop::sources {

namespace {

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

}  // namespace

std::unique_ptr<RecordSource> csv_source(Buffer buf, Encoding encoding) { return std::make_unique<CsvSource>(std::move(buf), encoding); }

}  // namespace inkoop::sources

// JSON Lines provider lists: one object per line.
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

}  // namespace

std::unique_ptr<RecordSource> json_lines_source(Buffer buf, Encoding encoding) {
    return std::make_unique<JsonLinesSource>(std::move(buf), encoding);
}

}  // namespace inkoop::sources

// JSON array provider lists: one element at a time, without reading the whole array first.
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

}  // namespace

std::unique_ptr<RecordSource> json_array_source(Buffer buf, Encoding encoding) {
    return std::make_unique<JsonArraySource>(std::move(buf), encoding);
}

}  // namespace inkoop::sources

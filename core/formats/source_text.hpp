// What the provider-list sources share (core/formats/*_source.cpp): the read-ahead buffer over a
// ByteSource, the UTF-8 gate every record passes, and the constructors open_records chooses from.
// Internal to core/formats.
#pragma once

#include <algorithm>
#include <cstring>
#include <fmt/format.h>
#include <memory>
#include <string>
#include <string_view>

#include "core/base/csv_tokenizer.hpp"
#include "core/base/io.hpp"
#include "core/base/text.hpp"
#include "core/formats/input.hpp"

namespace inkoop::sources {

constexpr size_t kReadBytes = size_t{1} << 20;
constexpr size_t kKeptOfTooLong = size_t{64} << 10;  // of a row over the limit, kept to name its AGB

inline bool is_json_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

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

inline std::string_view trim(std::string_view s) {
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

inline void check_not_utf16(std::string_view head, const std::string& name) {
    if (head.size() >= 2 && ((head[0] == '\xFF' && head[1] == '\xFE') || (head[0] == '\xFE' && head[1] == '\xFF')))
        throw FileError(
            fmt::format("{}: the file is UTF-16 text (Excel's 'Unicode text'): save the list as "
                        "'CSV UTF-8' or 'CSV (gescheiden door lijstscheidingsteken)'",
                        display_name(name)));
}

// Appends one record (its text, UTF-8 checked, unless it already has a problem) to the chunk.
void add_record(RawChunk& chunk, Utf8Gate& gate, size_t row, std::string_view text, csv::Problem problem);

// The sources, over what `buf` has read so far and the rest of its ByteSource.
std::unique_ptr<RecordSource> csv_source(Buffer buf, Encoding encoding);
std::unique_ptr<RecordSource> json_lines_source(Buffer buf, Encoding encoding);
std::unique_ptr<RecordSource> json_array_source(Buffer buf, Encoding encoding);

}  // namespace inkoop::sources

// The one CSV tokenizer (RFC 4180 as spreadsheets write it). split_record decides where a record
// ends; parse_fields cuts a record into fields. Both follow the same rules, so the reader that
// splits work between threads and the decoder never disagree:
// - a record ends at \n, \r\n or a bare \r outside quotes; an empty line is a row with no record;
// - a field that starts with " is quoted: "" is a quote, separators and line ends are text;
// - a quote inside an unquoted field (1,a"b) is a literal quote and makes the row malformed;
// - text after a closing quote ("ab"c) is kept and makes the row malformed;
// - a quoted field not closed by the end of the file (or within the row limit) makes its row
//   malformed, and that row ends at the end of the line where the quote opened, so that the
//   rows after it are still read as rows.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace inkoop::csv {

constexpr size_t kMaxRecordBytes = size_t{1} << 20;  // one row, line ends excluded
constexpr size_t kMaxFieldBytes = size_t{1} << 16;
constexpr size_t kMaxColumns = 1024;

enum class Problem : uint8_t {
    None,
    QuoteInUnquoted,  // 1,a"b
    TextAfterQuote,   // "ab"c
    Unterminated,     // a quoted field never closed
    TooLong,          // a row over kMaxRecordBytes
    FieldTooLong,     // a field over kMaxFieldBytes
};
// What the problem means for a person reading an error record.
std::string_view problem_text(Problem p);

struct Split {
    enum Status : uint8_t {
        Record,    // a record of `length` bytes; `consumed` includes its line end
        Blank,     // an empty line (a row without a record)
        NeedMore,  // the record may go on past the data given
        TooLong,   // no line end within kMaxRecordBytes: skip to the end of the line
    } status = NeedMore;
    size_t length = 0;
    size_t consumed = 0;
    Problem problem = Problem::None;
    bool simple = false;  // no quote in the record: fields are plain text between separators
};

// Where the record starting at data[0] ends. `eof`: nothing follows `data`.
Split split_record(std::string_view data, char delimiter, bool eof);

// Length of the line end at data[0] (\n, \r\n, \r), or 0; with !eof a \r at the very end is
// reported as -1: the next byte decides.
int line_end_length(std::string_view data, bool eof);

// Position of the first \n or \r in data, or npos.
size_t find_line_end(std::string_view data);

// Cuts one record into fields, calling on_field(std::string_view) for each. Quoted fields are
// unquoted (into `scratch` when they hold ""). Returns the first problem found.
template <class OnField>
Problem parse_fields(std::string_view rec, char delimiter, bool simple, std::string& scratch, OnField&& on_field);

// --- implementation ----------------------------------------------------------------------------

namespace detail {
// Position of the first `delimiter`, '"', '\n' or '\r' at or after `from`, or rec.size().
size_t find_special(std::string_view rec, size_t from, char delimiter);
}  // namespace detail

template <class OnField>
Problem parse_fields(std::string_view rec, char delimiter, bool simple, std::string& scratch, OnField&& on_field) {
    Problem problem = Problem::None;
    const auto note = [&](Problem p) {
        if (problem == Problem::None) problem = p;
    };
    const auto emit = [&](std::string_view field) {
        if (field.size() > kMaxFieldBytes) {
            note(Problem::FieldTooLong);
            field = field.substr(0, kMaxFieldBytes);
        }
        on_field(field);
    };
    size_t pos = 0;
    const size_t n = rec.size();
    if (simple) {  // no quotes: every separator ends a field; found 16 bytes at a time
        size_t start = 0, i = 0;
#ifdef __SSE2__
        const __m128i sep = _mm_set1_epi8(delimiter);
        for (; i + 16 <= n; i += 16) {
            auto mask = static_cast<unsigned>(
                _mm_movemask_epi8(_mm_cmpeq_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(rec.data() + i)), sep)));
            while (mask) {
                const size_t k = i + static_cast<size_t>(__builtin_ctz(mask));
                emit(rec.substr(start, k - start));
                start = k + 1;
                mask &= mask - 1;
            }
        }
#endif
        for (; i < n; ++i)
            if (rec[i] == delimiter) {
                emit(rec.substr(start, i - start));
                start = i + 1;
            }
        emit(rec.substr(start));
        return problem;
    }
    for (;;) {
        if (pos < n && rec[pos] == '"') {  // a quoted field
            size_t at = pos + 1;
            bool escaped = false;
            size_t close = std::string_view::npos;
            for (;;) {
                const void* q = at < n ? std::memchr(rec.data() + at, '"', n - at) : nullptr;
                if (!q) break;
                const size_t k = static_cast<size_t>(static_cast<const char*>(q) - rec.data());
                if (k + 1 < n && rec[k + 1] == '"') {
                    escaped = true;
                    at = k + 2;
                    continue;
                }
                close = k;
                break;
            }
            const size_t text_end = close == std::string_view::npos ? n : close;
            std::string_view text = rec.substr(pos + 1, text_end - pos - 1);
            if (escaped) {
                scratch.clear();
                for (size_t i = 0; i < text.size(); ++i) {
                    scratch += text[i];
                    if (text[i] == '"' && i + 1 < text.size() && text[i + 1] == '"') ++i;
                }
                text = scratch;
            }
            if (close == std::string_view::npos) {
                note(Problem::Unterminated);
                emit(text);
                return problem;
            }
            pos = close + 1;
            if (pos < n && rec[pos] != delimiter) {  // "ab"c: the rest up to the separator is text too
                note(Problem::TextAfterQuote);
                size_t end = pos;
                while (end < n && rec[end] != delimiter) ++end;
                if (text.data() != scratch.data()) scratch.assign(text);
                scratch.append(rec.substr(pos, end - pos));
                text = scratch;
                pos = end;
            }
            emit(text);
            if (pos >= n) return problem;
            ++pos;  // the separator
            continue;
        }
        // An unquoted field: up to the next separator; a quote in it is literal (and a problem).
        size_t end = pos;
        for (;;) {
            end = detail::find_special(rec, end, delimiter);
            if (end < n && rec[end] != delimiter) {  // a quote (or a line end in a cut-off row): literal text
                if (rec[end] == '"') note(Problem::QuoteInUnquoted);
                ++end;
                continue;
            }
            break;
        }
        emit(rec.substr(pos, end - pos));
        if (end >= n) return problem;
        pos = end + 1;
    }
}

}  // namespace inkoop::csv

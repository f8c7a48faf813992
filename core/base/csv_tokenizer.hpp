// The one CSV tokenizer (RFC 4180 as spreadsheets write it). split_record decides where a record
// ends; parse_fields cuts a record into fields. Both follow the same rules, so the reader that
// splits work between threads and the decoder never disagree:
// - a record ends at \n, \r\n or a bare \r outside quotes; an empty line is a row with no record;
// - a field that starts with " is quoted: "" is a quote, separators and line ends are text;
// - a quote inside an unquoted field (1,a"b, a coordinate 37°36'37.8"N) is a literal character,
//   as Python's csv, pandas, LibreOffice and Excel read it (csv-spectrum's location_coordinates);
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
#include <vector>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace inkoop::csv {

constexpr size_t kMaxRecordBytes = size_t{1} << 20;  // one row, line ends excluded
constexpr size_t kMaxFieldBytes = size_t{1} << 16;
constexpr size_t kMaxColumns = 1024;

enum class Problem : uint8_t {
    None,
    TextAfterQuote,  // "ab"c
    Unterminated,    // a quoted field never closed
    TooLong,         // a row over kMaxRecordBytes
    FieldTooLong,    // a field over kMaxFieldBytes
};
// What the problem means for a person reading an error record.
const char* problem_text(Problem p);  // an English msgid (N_), "" for None

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

namespace detail {
// Position of the first `delimiter`, '"', '\n' or '\r' at or after `from`, or rec.size().
size_t find_special(std::string_view rec, size_t from, char delimiter);
}  // namespace detail

// Calls on_field(std::string_view) for every field of a record without quotes (every separator
// ends a field), the separators found 16 bytes at a time. The one loop for such records: the
// tokenizer's and the record decoder's hot path.
template <class OnField>
inline void for_each_simple_field(std::string_view rec, char delimiter, OnField&& on_field) {
    const char* p = rec.data();
    const size_t n = rec.size();
    size_t start = 0, i = 0;
#ifdef __SSE2__
    const __m128i sep = _mm_set1_epi8(delimiter);
    for (; i + 16 <= n; i += 16) {
        auto mask = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i)), sep)));
        while (mask) {
            const size_t k = i + static_cast<size_t>(__builtin_ctz(mask));
            on_field(std::string_view(p + start, k - start));
            start = k + 1;
            mask &= mask - 1;
        }
    }
#endif
    for (; i < n; ++i)
        if (p[i] == delimiter) {
            on_field(std::string_view(p + start, i - start));
            start = i + 1;
        }
    on_field(std::string_view(p + start, n - start));
}

// Cuts one record into fields: the first `count` entries of `fields` (views into `rec`, or into
// `scratch` for quoted fields that hold ""; `scratch` is overwritten; `fields` only grows, so that
// a list read row by row allocates nothing). Returns the first problem found.
Problem split_fields(std::string_view rec, char delimiter, bool simple, std::string& scratch, std::vector<std::string_view>& fields,
                     size_t& count);

// The same, calling on_field(std::string_view) for each field.
template <class OnField>
Problem parse_fields(std::string_view rec, char delimiter, bool simple, std::string& scratch, OnField&& on_field) {
    std::vector<std::string_view> fields;
    size_t count = 0;
    const Problem p = split_fields(rec, delimiter, simple, scratch, fields, count);
    for (size_t i = 0; i < count; ++i) on_field(fields[i]);
    return p;
}

}  // namespace inkoop::csv

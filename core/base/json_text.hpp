// JSON text written by hand on the hot paths (decision records, error records): a quoted string
// that is always valid UTF-8, and an object writer that places braces, commas and keys. Inline:
// the writers call these for every field of every record.
#pragma once

#include <fmt/format.h>
#include <iterator>
#include <string>
#include <string_view>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "core/base/text.hpp"

namespace inkoop {

namespace detail {

// Length of the prefix of s (from `from`) with nothing to escape: ASCII from 0x20, no '"' or '\\'.
inline size_t plain_run(std::string_view s, size_t from) {
    size_t i = from;
#ifdef __SSE2__
    const __m128i quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\');
    for (; i + 16 <= s.size(); i += 16) {
        const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i));
        // Bytes below 0x20 or from 0x80 (signed: below 0x20 and not negative, or negative).
        const __m128i low = _mm_cmpgt_epi8(_mm_set1_epi8(0x20), x);  // x < 0x20 (signed: also 0x80..0xFF)
        const __m128i special = _mm_or_si128(low, _mm_or_si128(_mm_cmpeq_epi8(x, quote), _mm_cmpeq_epi8(x, backslash)));
        if (const int mask = _mm_movemask_epi8(special)) return i + static_cast<size_t>(__builtin_ctz(static_cast<unsigned>(mask))) - from;
    }
#endif
    for (; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\') break;
    }
    return i - from;
}

}  // namespace detail

// Appends `s` as a quoted JSON string; bytes that are not valid UTF-8 become U+FFFD, so the
// output is always valid UTF-8 JSON.
inline void append_json_string(std::string& out, std::string_view s) {
    out.push_back('"');
    size_t i = 0;
    while (i < s.size()) {
        const size_t run = detail::plain_run(s, i);
        out.append(s.data() + i, run);
        i += run;
        if (i >= s.size()) break;
        const auto c = static_cast<unsigned char>(s[i]);
        if (c >= 0x80) {  // keep valid UTF-8 sequences, replace anything else
            if (const size_t n = utf8_sequence_length(s, i)) {
                out.append(s.data() + i, n);
                i += n;
            } else {
                out += "\xEF\xBF\xBD";
                ++i;
            }
            continue;
        }
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default: fmt::format_to(std::back_inserter(out), "\\u{:04x}", c);
        }
        ++i;
    }
    out.push_back('"');
}

// Writes one JSON object into `out`: braces, commas and quoted keys; values by the caller.
class JsonObject {
public:
    explicit JsonObject(std::string& out) : out_(out) { out_.push_back('{'); }
    ~JsonObject() { out_.push_back('}'); }
    JsonObject(const JsonObject&) = delete;
    JsonObject& operator=(const JsonObject&) = delete;

    // Writes `"k":` (after a comma unless first) and returns the buffer for the value.
    std::string& key(std::string_view k) {
        if (!first_) out_.push_back(',');
        first_ = false;
        out_.push_back('"');
        out_.append(k.data(), k.size());
        out_.append("\":", 2);
        return out_;
    }
    void string(std::string_view k, std::string_view v) { append_json_string(key(k), v); }
    // A key of any text (an input's column name), escaped as a JSON string, and its text value.
    void text_member(std::string_view k, std::string_view v) {
        if (!first_) out_.push_back(',');
        first_ = false;
        append_json_string(out_, k);
        out_.push_back(':');
        append_json_string(out_, v);
    }
    // A value already in JSON form (numbers, escaped texts, null).
    void raw(std::string_view k, std::string_view json) { key(k) += json; }

private:
    std::string& out_;
    bool first_ = true;
};

}  // namespace inkoop

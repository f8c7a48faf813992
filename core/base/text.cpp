#include "core/base/text.hpp"

#include <cstdint>
#include <cstring>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace inkoop {
namespace {

// The WHATWG windows-1252 mapping of bytes 0x80..0x9F; the rest of 0xA0..0xFF is Latin-1.
constexpr uint16_t kHigh[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
    0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
};

void append_code_point(std::string& out, uint32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

uint32_t windows1252(unsigned char b) { return b >= 0x80 && b < 0xA0 ? kHigh[b - 0x80] : b; }

// Length of the valid UTF-8 sequence starting at s[i], or 0 when there is none.
size_t sequence_length(std::string_view s, size_t i) {
    const auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
    const unsigned char c = b(i);
    if (c < 0x80) return 1;
    const size_t left = s.size() - i;
    const auto cont = [&](size_t k) { return (b(i + k) & 0xC0) == 0x80; };
    if (c >= 0xC2 && c <= 0xDF) return left >= 2 && cont(1) ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        if (left < 3 || !cont(1) || !cont(2)) return 0;
        const unsigned char c1 = b(i + 1);
        if (c == 0xE0 && c1 < 0xA0) return 0;  // overlong
        if (c == 0xED && c1 > 0x9F) return 0;  // surrogates
        return 3;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        if (left < 4 || !cont(1) || !cont(2) || !cont(3)) return 0;
        const unsigned char c1 = b(i + 1);
        if (c == 0xF0 && c1 < 0x90) return 0;  // overlong
        if (c == 0xF4 && c1 > 0x8F) return 0;  // beyond U+10FFFF
        return 4;
    }
    return 0;
}

}  // namespace

size_t utf8_sequence_length(std::string_view s, size_t i) { return sequence_length(s, i); }

bool ascii_iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
        const auto x = static_cast<unsigned char>(a[i]), y = static_cast<unsigned char>(b[i]);
        if ((x >= 'A' && x <= 'Z' ? x + 32 : x) != (y >= 'A' && y <= 'Z' ? y + 32 : y)) return false;
    }
    return true;
}

bool is_ascii(std::string_view s) {
    const char* p = s.data();
    size_t n = s.size();
#ifdef __SSE2__
    while (n >= 32) {
        const __m128i a = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
        const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16));
        if (_mm_movemask_epi8(_mm_or_si128(a, b))) return false;
        p += 32;
        n -= 32;
    }
#endif
    while (n >= 8) {
        uint64_t w;
        std::memcpy(&w, p, 8);
        if (w & 0x8080808080808080ULL) return false;
        p += 8;
        n -= 8;
    }
    for (; n; --n, ++p)
        if (static_cast<unsigned char>(*p) & 0x80) return false;
    return true;
}

size_t valid_utf8_prefix(std::string_view s) {
    size_t i = 0;
    while (i < s.size()) {
        if (static_cast<unsigned char>(s[i]) < 0x80) {
            ++i;
            continue;
        }
        const size_t n = sequence_length(s, i);
        if (!n) return i;
        i += n;
    }
    return s.size();
}

void append_windows1252_as_utf8(std::string& out, std::string_view s) {
    out.reserve(out.size() + s.size() + s.size() / 8);
    for (char ch : s) append_code_point(out, windows1252(static_cast<unsigned char>(ch)));
}

void append_utf8_repaired(std::string& out, std::string_view s) {
    size_t i = 0;
    while (i < s.size()) {
        const size_t n = sequence_length(s, i);
        if (n) {
            out.append(s, i, n);
            i += n;
        } else {
            append_code_point(out, windows1252(static_cast<unsigned char>(s[i])));
            ++i;
        }
    }
}

std::string terminal_safe(std::string_view s, size_t max) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    out.reserve(s.size() < max ? s.size() : max);
    size_t i = 0;
    while (i < s.size() && out.size() < max) {
        const auto c = static_cast<unsigned char>(s[i]);
        const auto hex = [&](unsigned char b) {
            out += "\\x";
            out += kHex[b >> 4];
            out += kHex[b & 15];
        };
        if (c < 0x20 || c == 0x7F) {
            if (c == '\n')
                out += "\\n";
            else if (c == '\r')
                out += "\\r";
            else if (c == '\t')
                out += "\\t";
            else
                hex(c);
            ++i;
            continue;
        }
        if (c < 0x80) {
            out += static_cast<char>(c);
            ++i;
            continue;
        }
        const size_t n = sequence_length(s, i);
        if (!n) {
            hex(c);
            ++i;
        } else if (n == 2 && c == 0xC2 && static_cast<unsigned char>(s[i + 1]) < 0xA0) {  // C1 controls U+0080..U+009F
            hex(static_cast<unsigned char>(s[i + 1]));
            i += 2;
        } else {
            out.append(s, i, n);
            i += n;
        }
    }
    if (i < s.size()) out += "...";
    return out;
}

std::string pad_to(std::string_view s, size_t width, bool right_align) {
    size_t chars = 0;
    for (unsigned char c : s) chars += (c & 0xc0) != 0x80;
    const std::string fill(width > chars ? width - chars : 0, ' ');
    return right_align ? fill + std::string(s) : std::string(s) + fill;
}

void append_control_picture(std::string& out, unsigned char c) {
    const unsigned cp = c == 0x7f ? 0x2421 : 0x2400 + c;
    out += static_cast<char>(0xe0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
    out += static_cast<char>(0x80 | (cp & 0x3f));
}

std::string html_escape(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        if ((static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t') || c == 0x7f) {
            append_control_picture(out, static_cast<unsigned char>(c));
            continue;
        }
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&#39;"; break;
        default: out += c;
        }
    }
    return out;
}

}  // namespace inkoop

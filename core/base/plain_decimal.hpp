// A plain decimal ("7", "-3", "0.85", "12.5") read without the general parser, to exactly the
// double std::from_chars gives. The significand (at most 15 digits, so below 2^53) and the power
// of ten (at most 10^15) are both exact doubles, and one IEEE division rounds correctly: Clinger's
// fast path. Anything else (exponents, a leading '+' or '.', a trailing '.', more digits, spaces)
// returns false and goes to the general parser, so the result never differs from it.
#pragma once

#include <cstdint>
#include <string_view>

namespace inkoop {

inline bool plain_decimal(std::string_view t, double& out) {
    static constexpr double kPow10[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
    size_t i = 0;
    const bool negative = !t.empty() && t[0] == '-';
    if (negative) ++i;
    uint64_t significand = 0;
    int digits = 0, fraction = -1;  // fraction: digits after the point, -1 before one is seen
    const size_t first = i;
    for (; i < t.size(); ++i) {
        const char c = t[i];
        if (c >= '0' && c <= '9') {
            if (++digits > 15) return false;
            significand = significand * 10 + static_cast<uint64_t>(c - '0');
            if (fraction >= 0) ++fraction;
        } else if (c == '.' && fraction < 0 && i > first) {
            fraction = 0;
        } else {
            return false;
        }
    }
    if (digits == 0 || fraction == 0) return false;  // "", "-", "5."
    const double v = static_cast<double>(significand) / kPow10[fraction < 0 ? 0 : fraction];
    out = negative ? -v : v;
    return true;
}

}  // namespace inkoop

// Text as it crosses the program's edges: input bytes become valid UTF-8 (read as Windows-1252
// where they are not UTF-8, as Dutch Excel writes CSV), and text written to a terminal or to
// standard error has its control characters escaped so that no input or policy can forge lines
// or terminal escapes.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace inkoop {

// Length of the longest prefix of `s` that is valid UTF-8 (s.size() when all of it is).
size_t valid_utf8_prefix(std::string_view s);
inline bool is_valid_utf8(std::string_view s) { return valid_utf8_prefix(s) == s.size(); }
// Length of the valid UTF-8 sequence that starts at s[i] (1 for ASCII), or 0 when there is none.
size_t utf8_sequence_length(std::string_view s, size_t i);
// True when every byte is below 0x80.
bool is_ascii(std::string_view s);
// Whether a and b are equal with ASCII letters compared in either case (HTTP names, schemes).
bool ascii_iequals(std::string_view a, std::string_view b);

// Appends `s` read as Windows-1252 (the WHATWG mapping: every byte has a character) as UTF-8.
void append_windows1252_as_utf8(std::string& out, std::string_view s);
// Appends `s` as UTF-8: valid sequences as they are, every other byte read as Windows-1252.
void append_utf8_repaired(std::string& out, std::string_view s);

// `s` with control characters (C0, DEL, C1, and invalid UTF-8 bytes) escaped as \n, \r, \t,
// \xHH, cut to `max` bytes with "..." after.
std::string terminal_safe(std::string_view s, size_t max = 2000);
// `s` filled with spaces to `width` characters (UTF-8 code points, so that Dutch words line up as
// English ones do), on the right, or on the left when `right_align`; never cut.
std::string pad_to(std::string_view s, size_t width, bool right_align = false);
// A control character (C0 or DEL) as its visible picture, U+2400 + c (DEL: U+2421), so that it is
// seen, not obeyed.
void append_control_picture(std::string& out, unsigned char c);
// Text for HTML content or a quoted attribute: & < > " ' as entities, control characters other
// than tab and line feed as their pictures, nothing else changed.
std::string html_escape(std::string_view s);

}  // namespace inkoop

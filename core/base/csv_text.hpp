// CSV fields as written: quoted when they must be, and a text a spreadsheet would read as a formula
// neutralised. Inline: the CSV writer calls these for every cell.
#pragma once

#include <string>
#include <string_view>

namespace inkoop {

// Appends `s` as one CSV field, quoted (inner quotes doubled) when it holds `sep`, a quote or a line break.
inline void append_csv_field(std::string& out, std::string_view s, char sep = ',');
// The same for a text cell of a CSV a spreadsheet may open: a text that starts with '=', '+', '-',
// '@', a tab or a carriage return would start a formula there (OWASP "CSV injection"), so it gets
// OWASP's prefix, a single quote ("'=HYPERLINK(...)", "'-Praktijk-"). Numbers and dates are
// written with append_csv_field and stay as they are.
inline void append_csv_text(std::string& out, std::string_view s, char sep = ',');
// True for a text that a spreadsheet would read as the start of a formula.
inline bool starts_formula(std::string_view s);

inline void append_csv_field(std::string& out, std::string_view s, char sep) {
    const char specials[] = {sep, '"', '\r', '\n', '\0'};
    if (s.find_first_of(specials) == std::string_view::npos) {
        out += s;
        return;
    }
    out += '"';
    for (char c : s) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
}

inline bool starts_formula(std::string_view s) {
    return !s.empty() && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' || s[0] == '\r');
}

inline void append_csv_text(std::string& out, std::string_view s, char sep) {
    if (!starts_formula(s)) return append_csv_field(out, s, sep);
    std::string prefixed;
    prefixed.reserve(s.size() + 1);
    prefixed += '\'';
    prefixed += s;
    append_csv_field(out, prefixed, sep);
}

}  // namespace inkoop

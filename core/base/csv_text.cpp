#include "core/base/csv_text.hpp"

namespace inkoop {

void append_csv_field(std::string& out, std::string_view s, char sep) {
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

bool starts_formula(std::string_view s) {
    return !s.empty() && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' || s[0] == '\r');
}

void append_csv_text(std::string& out, std::string_view s, char sep) {
    if (!starts_formula(s)) return append_csv_field(out, s, sep);
    std::string prefixed;
    prefixed.reserve(s.size() + 1);
    prefixed += '\'';
    prefixed += s;
    append_csv_field(out, prefixed, sep);
}

}  // namespace inkoop

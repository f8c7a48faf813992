#include "core/model/value.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <fmt/format.h>

namespace inkoop {
namespace {

// Case-insensitive equality with a lower-case ASCII word, without allocating.
bool iequals(std::string_view text, std::string_view word) {
    if (text.size() != word.size()) return false;
    for (size_t i = 0; i < text.size(); ++i)
        if ((text[i] | 0x20) != word[i]) return false;  // ASCII letters and digits: | 0x20 lowers, keeps digits
    return true;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }

std::string_view trim(std::string_view s) {
    while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
    return s;
}

std::optional<bool> parse_bool(std::string_view t) {
    if (t.empty()) return std::nullopt;
    switch (t[0] | 0x20) {  // one comparison for most spellings
    case 't':
        if (iequals(t, "true")) return true;
        break;
    case 'f':
        if (iequals(t, "false")) return false;
        break;
    case 'j':
        if (t.size() == 1 || iequals(t, "ja")) return true;
        break;
    case 'n':
        if (t.size() == 1 || iequals(t, "nee") || iequals(t, "no")) return false;
        break;
    case 'w':  // Dutch Excel's TRUE
        if (iequals(t, "waar")) return true;
        break;
    case 'o':  // Dutch Excel's FALSE
        if (iequals(t, "onwaar")) return false;
        break;
    case 'y':
        if (iequals(t, "yes")) return true;
        break;
    case '1':
        if (t.size() == 1) return true;
        break;
    case '0':
        if (t.size() == 1) return false;
        break;
    default: break;
    }
    return std::nullopt;
}

// Dutch grouping in a decimal-comma number: "1.234,5" or "1.234.567" (a dot before every group of
// three digits of the integer part, and either a decimal comma or more than one dot). Copies the
// number without its dots into `buf`; false when the dots are not such a grouping.
bool strip_thousands(std::string_view text, char* buf, size_t& n) {
    const size_t comma = text.find(',');
    const std::string_view whole = text.substr(0, comma);
    const size_t dots = static_cast<size_t>(std::count(whole.begin(), whole.end(), '.'));
    if (dots == 0 || (comma == std::string_view::npos && dots < 2)) return false;
    size_t sign = !whole.empty() && (whole[0] == '-' || whole[0] == '+') ? 1 : 0;
    const size_t first_dot = whole.find('.');
    if (first_dot <= sign || first_dot - sign > 3) return false;
    for (size_t i = first_dot; i < whole.size(); i += 4)
        if (whole[i] != '.' || i + 4 > whole.size() ||
            !std::all_of(whole.begin() + static_cast<std::ptrdiff_t>(i) + 1, whole.begin() + static_cast<std::ptrdiff_t>(i) + 4,
                         [](char c) { return c >= '0' && c <= '9'; }))
            return false;
    n = 0;
    for (char c : text)
        if (c != '.') buf[n++] = c;
    return true;
}

std::optional<double> parse_double(std::string_view text, bool decimal_comma) {
    char buf[64];
    if (text.size() >= sizeof buf) return std::nullopt;
    size_t size = text.size();
    if (!decimal_comma || text.find('.') == std::string_view::npos || !strip_thousands(text, buf, size))
        std::copy(text.begin(), text.end(), buf);
    if (decimal_comma) std::replace(buf, buf + size, ',', '.');
    double v = 0;
    const char* first = buf;
    const char* last = buf + size;
    if (first != last && *first == '+') ++first;
    const auto [ptr, ec] = std::from_chars(first, last, v);
    if (ec != std::errc() || ptr != last || !std::isfinite(v)) return std::nullopt;
    return v;
}

std::string in_quotes(std::string_view text) {
    constexpr size_t kMax = 60;
    return text.size() > kMax ? fmt::format("'{}...'", text.substr(0, kMax)) : fmt::format("'{}'", text);
}

std::string enum_choices(const Field& f) { return fmt::format("{}", fmt::join(f.values, ", ")); }

}  // namespace

std::optional<double> parse_number(std::string_view text, bool decimal_comma) { return parse_double(text, decimal_comma); }

std::optional<double> as_number(const Value& v) {
    if (const auto* d = std::get_if<double>(&v)) return *d;  // NOLINT: the common case first
    if (const auto* i = std::get_if<int64_t>(&v)) return static_cast<double>(*i);
    return std::nullopt;
}

std::string format_value(const Value& v, const Field& f) {
    struct Visitor {
        const Field& f;
        std::string operator()(std::monostate) const { return ""; }
        std::string operator()(bool b) const { return b ? "true" : "false"; }
        std::string operator()(int64_t i) const { return std::to_string(i); }
        std::string operator()(double d) const { return fmt::format("{}", d); }
        std::string operator()(const Date& d) const { return d.iso(); }
        std::string operator()(EnumValue e) const { return f.values.at(static_cast<size_t>(e.index)); }
        std::string operator()(const std::string& s) const { return s; }
    };
    return std::visit(Visitor{f}, v);
}

std::optional<Message> check_bounds(const Field& f, const Value& v) {
    if (!f.min && !f.max && !f.eight_digits) return std::nullopt;
    if (const auto n = as_number(v)) {
        if (f.min && *n < *f.min) return message(N_("{} is below the minimum {}"), fmt::format("{}", *n), fmt::format("{}", *f.min));
        if (f.max && *n > *f.max) return message(N_("{} is above the maximum {}"), fmt::format("{}", *n), fmt::format("{}", *f.max));
    }
    if (const auto* s = std::get_if<std::string>(&v); s && f.eight_digits) {
        const bool ok = s->size() == 8 && std::all_of(s->begin(), s->end(), [](char c) { return c >= '0' && c <= '9'; });
        if (!ok) return message(N_("{} is not an AGB code of 8 digits"), in_quotes(*s));
    }
    return std::nullopt;
}

std::optional<Message> parse_value(const Field& f, std::string_view raw, Value& out, ParseOptions opts) {
    const auto text = trim(raw);
    if (text.empty() || (text.size() == 4 && iequals(text, "null"))) {
        out = std::monostate{};
        return std::nullopt;
    }
    switch (f.type) {
    case FieldType::String:
        if (auto* s = std::get_if<std::string>(&out))
            s->assign(text);
        else
            out = std::string(text);
        break;
    case FieldType::Bool: {
        const auto b = parse_bool(text);
        if (!b) return message(N_("{} is not a bool (true/false, ja/nee, j/n, yes/no, waar/onwaar, 1/0)"), in_quotes(text));
        out = *b;
        break;
    }
    case FieldType::Number: {
        const auto d = parse_double(text, opts.decimal_comma);
        if (!d) return message(N_("{} is not a number"), in_quotes(text));
        out = *d;
        break;
    }
    case FieldType::Int: {
        const auto d = parse_double(text, opts.decimal_comma);
        if (!d || *d != std::floor(*d) || std::fabs(*d) > 1e15) return message(N_("{} is not a whole number"), in_quotes(text));
        out = static_cast<int64_t>(*d);
        break;
    }
    case FieldType::Date: {
        const auto d = Date::parse(text);
        if (!d) return message(N_("{} is not a date (YYYY-MM-DD or DD-MM-YYYY)"), in_quotes(text));
        out = *d;
        break;
    }
    case FieldType::Enum: {
        const int i = f.enum_index(text);
        if (i < 0) {
            const auto near = closest_match(text, f.values);
            if (near.empty()) return message(N_("{} is not one of {}"), in_quotes(text), enum_choices(f));
            return message(N_("{} is not one of {} (did you mean {}?)"), in_quotes(text), enum_choices(f), near);
        }
        out = EnumValue{i};
        break;
    }
    }
    if (f.type == FieldType::Bool || f.type == FieldType::Enum || f.type == FieldType::Date) return std::nullopt;
    return check_bounds(f, out);
}

}  // namespace inkoop

// A provider fact: unknown, or a value of its field's type. Unknown is not false.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "core/model/date.hpp"
#include "core/model/schema.hpp"

namespace inkoop {

struct EnumValue {
    int index = 0;
    bool operator==(const EnumValue&) const = default;
};

// monostate = unknown. Int fields hold int64_t, Number fields double, Enum fields EnumValue.
using Value = std::variant<std::monostate, bool, int64_t, double, Date, EnumValue, std::string>;

inline bool is_known(const Value& v) { return !std::holds_alternative<std::monostate>(v); }
// Numeric view of an Int or Number value.
std::optional<double> as_number(const Value& v);

// Text of a value as the output shows it ("" for unknown, enum words, ISO dates).
std::string format_value(const Value& v, const Field& f);

struct ParseOptions {
    bool decimal_comma = false;  // ';'-separated CSV: "8,5" is 8.5
};

// A number as input spells it (decimal point; with `decimal_comma` a decimal comma and Dutch
// thousands dots); nullopt for anything else, and for infinities and NaN.
std::optional<double> parse_number(std::string_view text, bool decimal_comma);

// Parses the text spelling of a value (spec §1) for field `f`. Empty text and "null" are unknown.
// Returns an error message (without the field name; .text(lang) in any language) or nullopt on success.
std::optional<Message> parse_value(const Field& f, std::string_view text, Value& out, ParseOptions opts = {});

// Checks a value against the field's bounds and pattern; error message or nullopt.
std::optional<Message> check_bounds(const Field& f, const Value& v);

}  // namespace inkoop

// The provider schema: every field of the questionnaire with its type, allowed values and meaning.
// Defined once as data (policies/schema.json, embedded at build time) and used for input
// validation, the provider view policies see, and `inkoop schema`.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace inkoop {

enum class FieldType { String, Bool, Number, Int, Date, Enum };

std::string_view type_name(FieldType t);
std::optional<FieldType> type_from_name(std::string_view name);

struct Field {
    int index = 0;
    std::string name;
    FieldType type = FieldType::String;
    std::vector<std::string> values;  // Enum: the allowed words, in schema order
    std::optional<double> min, max;   // Number / Int bounds, inclusive
    std::string pattern;              // String: "8 digits" is the only pattern there is
    bool eight_digits = false;        // pattern == "8 digits", decided once
    bool required = false;
    std::string doc;
    std::string group;

    // Index of `word` among `values`, or -1.
    int enum_index(std::string_view word) const;
};

class Schema {
public:
    Schema() = default;
    Schema(Schema&&) = default;
    Schema& operator=(Schema&&) = default;
    Schema(const Schema&) = delete;  // required_ points into fields_
    Schema& operator=(const Schema&) = delete;
    // The schema compiled into this program.
    static const Schema& builtin();
    // Parses a schema document (the format of policies/schema.json); throws std::runtime_error.
    static Schema parse(std::string_view json_text);

    const std::vector<Field>& fields() const { return fields_; }
    const std::vector<const Field*>& required_fields() const { return required_; }
    const Field* find(std::string_view name) const;
    const Field& at(int index) const { return fields_[static_cast<size_t>(index)]; }
    int size() const { return static_cast<int>(fields_.size()); }
    const std::string& about() const { return about_; }
    std::string_view source_json() const { return source_; }

    // The field name closest to `name` if it is a plausible misspelling, else "".
    std::string suggest(std::string_view name) const;
    // " (did you mean X?)" or "".
    std::string did_you_mean(std::string_view name) const;

private:
    std::vector<Field> fields_;
    std::vector<const Field*> required_;
    std::unordered_map<std::string, int> by_name_;
    std::string about_;
    std::string source_;
};

// Edit distance, for suggestions.
size_t edit_distance(std::string_view a, std::string_view b);
// The closest candidate to `word` that is near enough to be a misspelling, or "".
std::string closest_match(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace inkoop

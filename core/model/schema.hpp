// The provider schema: every field of the questionnaire with its type, allowed values and meaning.
// Defined once as data (policies/schema.json and insurers' extensions, read at run time) and used for input
// validation, the provider view policies see, and `inkoop schema`. A schema is a value: whoever
// reads providers or loads policies is given the one of its policy tree (host::Host owns it).
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/base/i18n.hpp"

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
    // The group's name as people read it, by Lang ("Identiteit en voorgeschiedenis"); empty when the
    // schema gives none, and group_label() then falls back to `group`.
    std::array<std::string, 2> group_labels;
    std::string origin;  // the schema file that defines it, relative to the policy tree ("schema.json")
    // What people read for it, by Lang: a short label ("Fte regiebehandelaren") and the question as
    // a provider is asked it ("Hoeveel fte regiebehandelaren werken in uw praktijk?"). Empty when
    // the schema gives none; label()/question() then fall back to the field's name.
    std::array<std::string, 2> labels, questions;
    // Enum: what people read for each of `values`, by Lang ("GZ-psycholoog" for gz_psycholoog).
    // Empty, or as long as `values`; a value without a label reads as itself.
    std::vector<std::array<std::string, 2>> value_labels;
    // Who answers it: the provider (its own facts, which letters and the page may ask it) or the
    // insurer (facts it holds: its assessments, controls, registrations; never asked of a provider).
    bool insurer_fact = false;
    // What the field's absence means, by Lang, for the one kind of field where absence is a
    // fact: "geen aanmelding geregistreerd". Empty everywhere else: there, absent is unknown.
    // A field with it reads an absent value as "no": absent "f" holds, every test of its value
    // fails, and it is never a missing fact.
    std::array<std::string, 2> absent_means;
    bool absence_is_no() const { return !absent_means[0].empty() || !absent_means[1].empty(); }
    const std::string& label(Lang lang) const;
    const std::string& question(Lang lang) const;
    const std::string& group_label(Lang lang) const;
    // The label of values[i] in `lang`, or values[i] itself.
    const std::string& value_label(size_t i, Lang lang) const;

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
    // The schema of a policy tree, read at run time: <dir>/schema.json and, after it, every
    // <dir>/<insurer>/schema.json (in name order) adding fields. Throws std::runtime_error naming
    // the file for a missing or malformed document and for clashing definitions.
    static Schema load_tree(const std::string& policy_dir);
    // Parses one schema document (the format of policies/schema.json); throws std::runtime_error.
    static Schema parse(std::string_view json_text, const std::string& origin = "schema.json");
    // Adds the fields of an extension document (same format). A field defined again with the
    // same type, values, range and pattern is the same field; any other redefinition is an error.
    void extend(std::string_view json_text, const std::string& origin);
    // The whole schema as one JSON document, every field with its origin (`inkoop schema --format json`).
    std::string to_json() const;

    const std::vector<Field>& fields() const { return fields_; }
    const std::vector<const Field*>& required_fields() const { return required_; }
    const Field* find(std::string_view name) const;
    const Field& at(int index) const { return fields_[static_cast<size_t>(index)]; }
    // The two fields the engine itself reads (the record's identity and the scope), or null when
    // the schema has none (a schema made for a test).
    const Field* agb() const { return agb_ < 0 ? nullptr : &at(agb_); }
    const Field* kind() const { return kind_ < 0 ? nullptr : &at(kind_); }
    int size() const { return static_cast<int>(fields_.size()); }
    const std::string& about() const { return about_; }

    // The field name closest to `name` if it is a plausible misspelling, else "".
    std::string suggest(std::string_view name) const;
    // " (did you mean X?)" or "".
    std::string did_you_mean(std::string_view name) const;

private:
    std::vector<Field> fields_;
    std::vector<const Field*> required_;
    std::unordered_map<std::string, int> by_name_;
    int agb_ = -1, kind_ = -1;
    void add_groups(std::string_view json_text, const std::string& origin);
    void index();

    std::string about_;
};

// Edit distance, for suggestions.
size_t edit_distance(std::string_view a, std::string_view b);
// The closest candidate to `word` that is near enough to be a misspelling, or "".
std::string closest_match(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace inkoop

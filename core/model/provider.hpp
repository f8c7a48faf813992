// A provider record: one value per schema field (unknown by default) plus pass-through x_ columns.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <utility>
#include <vector>

#include "core/model/schema.hpp"
#include "core/model/value.hpp"

namespace inkoop {

// A provider is read against one schema and keeps it: its values are that schema's fields.
struct Provider {
    std::vector<Value> values;                                     // indexed by Field::index
    std::vector<std::pair<std::string, std::string>> passthrough;  // x_ columns, in input order

    explicit Provider(const Schema& schema) : values(static_cast<size_t>(schema.size())), schema_(&schema) {}
    const Schema& schema() const { return *schema_; }
    const Value& operator[](int index) const { return values[static_cast<size_t>(index)]; }
    Value& operator[](int index) { return values[static_cast<size_t>(index)]; }
    // The AGB code, or "" when unknown.
    std::string agb() const;
    std::string_view agb_view() const;

private:
    const Schema* schema_;
};

// A problem with one field of one input record.
struct FieldError {
    std::string field;
    std::string message;  // in English, as records and the service give it
    Message words = {};   // the same for any language, where it has a pattern (else `message` in every language)
    std::string text() const { return field.empty() ? message : "field '" + field + "': " + message; }
    // As a person reads it in `lang`: "veld 'fte_regiebehandelaren': 'acht' is geen getal".
    std::string text(Lang lang) const;
};
// An error with its message in every language (`message` its English).
inline FieldError field_error(std::string field, Message words) {
    std::string english = words.text(Lang::En);
    return FieldError{std::move(field), std::move(english), std::move(words)};
}

// Column names that are not schema fields and do not start with x_: the error naming them.
std::vector<FieldError> check_columns(const std::vector<std::string>& columns, const Schema& schema);
bool is_passthrough_column(std::string_view name);

// Sets one field from its text spelling; adds to `errors` on a bad value.
void set_field(Provider& p, const Field& f, std::string_view text, std::vector<FieldError>& errors, ParseOptions opts = {});
// Errors for required fields that are unknown.
void check_required(const Provider& p, const Schema& schema, std::vector<FieldError>& errors);

struct ParsedProvider {
    Provider provider;
    std::vector<FieldError> errors;   // bad values: the record is rejected
    std::vector<FieldError> unknown;  // keys that are not schema fields (a file-level error)
};

// A provider from a JSON object (keys are field names; null = unknown).
ParsedProvider provider_from_json(const nlohmann::json& object, const Schema& schema);

// The provider as a JSON object of its known fields and pass-through columns, schema order.
nlohmann::ordered_json provider_to_json(const Provider& p, const Schema& schema);

}  // namespace inkoop

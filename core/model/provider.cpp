#include "core/model/provider.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace inkoop {

std::string FieldError::text(Lang lang) const {
    const std::string m = words.pattern.empty() ? message : words.text(lang);
    return field.empty() ? m : fmt::format(fmt::runtime(tr(lang, "field '{}': {}")), field, m);
}

std::string Provider::agb() const { return std::string(agb_view()); }

std::string_view Provider::agb_view() const {
    const Field* agb = schema_->agb();
    if (!agb) return {};
    const auto* s = std::get_if<std::string>(&values[static_cast<size_t>(agb->index)]);
    return s ? std::string_view(*s) : std::string_view();
}

bool is_passthrough_column(std::string_view name) { return name.substr(0, 2) == "x_"; }

std::vector<FieldError> check_columns(const std::vector<std::string>& columns, const Schema& schema) {
    std::vector<FieldError> errors;
    for (const auto& c : columns) {
        if (is_passthrough_column(c) || schema.find(c)) continue;
        const std::string near = schema.suggest(c);
        errors.push_back(near.empty()
                             ? field_error(c, message(N_("unknown field '{}'; columns that are not schema fields must start with x_"), c))
                             : field_error(c, message(N_("unknown field '{}' (did you mean {}?); columns that are not schema fields must "
                                                         "start with x_"),
                                                      c, near)));
    }
    return errors;
}

void set_field(Provider& p, const Field& f, std::string_view text, std::vector<FieldError>& errors, ParseOptions opts) {
    Value& slot = p[f.index];
    if (auto err = parse_value(f, text, slot, opts)) {
        errors.push_back({f.name, err->text(Lang::En), *err});
        slot = std::monostate{};
    }
}

void check_required(const Provider& p, const Schema& schema, std::vector<FieldError>& errors) {
    for (const Field* f : schema.required_fields()) {
        if (is_known(p[f->index])) continue;
        // A field whose value was bad is already reported: one problem, one error.
        if (std::any_of(errors.begin(), errors.end(), [&](const FieldError& e) { return e.field == f->name; })) continue;
        errors.push_back(field_error(f->name, message(N_("required field is missing"))));
    }
}

namespace {

// The text spelling of a JSON scalar, so that JSON and CSV input share one parser.
std::optional<std::string> json_scalar_text(const nlohmann::json& v) {
    if (v.is_null()) return std::string();
    if (v.is_string()) return v.get<std::string>();
    if (v.is_boolean()) return std::string(v.get<bool>() ? "true" : "false");
    if (v.is_number()) return v.dump();
    return std::nullopt;
}

}  // namespace

ParsedProvider provider_from_json(const nlohmann::json& object, const Schema& schema) {
    ParsedProvider out{Provider(schema), {}, {}};
    if (!object.is_object()) {
        out.errors.push_back(field_error("", message(N_("a provider must be a JSON object"))));
        return out;
    }
    for (const auto& [key, value] : object.items()) {
        const auto text = json_scalar_text(value);
        if (is_passthrough_column(key)) {
            out.provider.passthrough.emplace_back(key, text ? *text : value.dump());
            continue;
        }
        const Field* f = schema.find(key);
        if (!f) {
            auto e = check_columns({key}, schema);
            out.unknown.insert(out.unknown.end(), e.begin(), e.end());
            continue;
        }
        if (!text) {
            out.errors.push_back(field_error(key, message(N_("expected a single value, not a JSON {}"), value.type_name())));
            continue;
        }
        set_field(out.provider, *f, *text, out.errors);
    }
    check_required(out.provider, schema, out.errors);
    return out;
}

nlohmann::ordered_json provider_to_json(const Provider& p, const Schema& schema) {
    nlohmann::ordered_json j = nlohmann::ordered_json::object();
    for (const auto& f : schema.fields()) {
        const Value& v = p[f.index];
        if (!is_known(v)) continue;
        if (const auto* b = std::get_if<bool>(&v))
            j[f.name] = *b;
        else if (const auto* i = std::get_if<int64_t>(&v))
            j[f.name] = *i;
        else if (const auto* d = std::get_if<double>(&v))
            j[f.name] = *d;
        else
            j[f.name] = format_value(v, f);
    }
    for (const auto& [k, v] : p.passthrough) j[k] = v;
    return j;
}

}  // namespace inkoop

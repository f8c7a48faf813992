#include "core/model/schema.hpp"

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>

namespace inkoop {

namespace {

constexpr std::pair<FieldType, std::string_view> kTypeNames[] = {
    {FieldType::String, "string"}, {FieldType::Bool, "bool"}, {FieldType::Number, "number"},
    {FieldType::Int, "int"},       {FieldType::Date, "date"}, {FieldType::Enum, "enum"},
};

// A text in every language, {"nl": "...", "en": "..."}; "" where a language is absent.
std::array<std::string, 2> texts_of(const nlohmann::json& texts) {
    std::array<std::string, 2> t;
    for (Lang lang : kLangs) t[static_cast<size_t>(lang)] = texts.value(std::string(lang_name(lang)), "");
    return t;
}

// The texts under `key` of `j`, or none.
std::array<std::string, 2> texts_of(const nlohmann::json& j, const char* key) {
    return j.contains(key) ? texts_of(j[key]) : std::array<std::string, 2>{};
}

// "value_labels": {"gz_psycholoog": {"nl": "GZ-psycholoog", "en": "Health-care psychologist"}, ...}:
// each key one of the field's values.
void parse_value_labels(const nlohmann::json& j, Field& f) {
    if (!j.contains("value_labels")) return;
    if (f.type != FieldType::Enum) throw std::runtime_error("schema: field '" + f.name + "' has value_labels but is not an enum");
    if (!j["value_labels"].is_object())
        throw std::runtime_error("schema: the value_labels of field '" + f.name + "' are an object, value to {\"nl\", \"en\"}");
    f.value_labels.resize(f.values.size());
    for (const auto& [value, texts] : j["value_labels"].items()) {
        const int i = f.enum_index(value);
        if (i < 0) {
            const std::string near = closest_match(value, f.values);
            throw std::runtime_error("schema: field '" + f.name + "' labels a value '" + value + "' it does not list" +
                                     (near.empty() ? "" : " (did you mean " + near + "?)"));
        }
        f.value_labels[static_cast<size_t>(i)] = texts_of(texts);
    }
}

Field parse_field(const nlohmann::json& j, const nlohmann::json& group, int index) {
    Field f;
    f.index = index;
    f.name = j.at("name").get<std::string>();
    const auto type = type_from_name(j.at("type").get<std::string>());
    if (!type) throw std::runtime_error("schema: field '" + f.name + "' has an unknown type");
    f.type = *type;
    if (j.contains("values")) f.values = j["values"].get<std::vector<std::string>>();
    if (f.type == FieldType::Enum && f.values.empty()) throw std::runtime_error("schema: enum field '" + f.name + "' lists no values");
    if (j.contains("min")) f.min = j["min"].get<double>();
    if (j.contains("max")) f.max = j["max"].get<double>();
    f.pattern = j.value("pattern", "");
    if (!f.pattern.empty() && f.pattern != "8 digits")
        throw std::runtime_error("schema: field '" + f.name + "' has an unknown pattern '" + f.pattern + "'");
    f.eight_digits = f.pattern == "8 digits";
    f.required = j.value("required", false);
    f.doc = j.value("doc", "");
    f.labels = texts_of(j, "label");
    f.questions = texts_of(j, "question");
    parse_value_labels(j, f);
    const std::string by = j.value("answered_by", "");
    if (by != "provider" && by != "insurer")
        throw std::runtime_error("schema: field '" + f.name + "' must say who answers it: \"answered_by\": \"provider\" or \"insurer\"");
    f.insurer_fact = by == "insurer";
    f.absent_means = texts_of(j, "absent_means");
    f.group = group.at("name").get<std::string>();
    f.group_labels = texts_of(group, "label");
    return f;
}

}  // namespace

std::string_view type_name(FieldType t) {
    for (const auto& [type, name] : kTypeNames)
        if (type == t) return name;
    return "?";
}

std::optional<FieldType> type_from_name(std::string_view name) {
    for (const auto& [type, n] : kTypeNames)
        if (n == name) return type;
    return std::nullopt;
}

const std::string& Field::label(Lang lang) const {
    const std::string& l = labels[static_cast<size_t>(lang)];
    return l.empty() ? name : l;
}

const std::string& Field::question(Lang lang) const {
    const std::string& q = questions[static_cast<size_t>(lang)];
    return q.empty() ? label(lang) : q;
}

const std::string& Field::group_label(Lang lang) const {
    const std::string& l = group_labels[static_cast<size_t>(lang)];
    return l.empty() ? group : l;
}

const std::string& Field::value_label(size_t i, Lang lang) const {
    if (i < value_labels.size() && !value_labels[i][static_cast<size_t>(lang)].empty()) return value_labels[i][static_cast<size_t>(lang)];
    return values[i];
}

int Field::enum_index(std::string_view word) const {
    const size_t n = word.size();
    for (size_t i = 0; i < values.size(); ++i) {
        const std::string& v = values[i];
        if (v.size() != n || (n && v[0] != word[0])) continue;
        size_t k = 1;
        while (k < n && v[k] == word[k]) ++k;
        if (k >= n) return static_cast<int>(i);
    }
    return -1;
}

Schema Schema::parse(std::string_view json_text, const std::string& origin) {
    Schema s;
    s.add_groups(json_text, origin);
    return s;
}

void Schema::extend(std::string_view json_text, const std::string& origin) { add_groups(json_text, origin); }

namespace {

bool same_definition(const Field& a, const Field& b) {
    return a.type == b.type && a.values == b.values && a.min == b.min && a.max == b.max && a.pattern == b.pattern &&
           a.required == b.required && a.insurer_fact == b.insurer_fact && a.absent_means == b.absent_means;
}

std::string read_text(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error(path.string() + ": cannot read the schema");
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

}  // namespace

void Schema::add_groups(std::string_view json_text, const std::string& origin) {
    nlohmann::json doc;
    try {
        doc = nlohmann::json::parse(json_text);
    } catch (const nlohmann::json::exception& e) {
        throw std::runtime_error("schema: not valid JSON: " + std::string(e.what()));
    }
    if (!doc.is_object() || !doc.contains("groups") || !doc["groups"].is_array())
        throw std::runtime_error("schema: a schema document is an object with \"groups\": [{\"name\", \"fields\": [...]}]");
    if (about_.empty()) about_ = doc.value("about", "");
    try {
        for (const auto& group : doc.at("groups")) {
            for (const auto& jf : group.at("fields")) {
                Field f = parse_field(jf, group, size());
                f.origin = origin;
                if (const Field* old = find(f.name)) {
                    if (old->origin == origin) throw std::runtime_error("schema: field '" + f.name + "' is defined twice");
                    if (!same_definition(*old, f))
                        throw std::runtime_error("schema: field '" + f.name + "' clashes with its definition in " + old->origin +
                                                 " (a field is defined once; an extension adds new fields)");
                    continue;
                }
                by_name_.emplace(f.name, f.index);
                fields_.push_back(std::move(f));
            }
        }
    } catch (const nlohmann::json::exception& e) {
        throw std::runtime_error("schema: " + std::string(e.what()));
    }
    index();
}

void Schema::index() {
    required_.clear();
    for (const auto& f : fields_)
        if (f.required) required_.push_back(&f);
    const Field* a = find("agb");
    const Field* k = find("kind");
    agb_ = a ? a->index : -1;
    kind_ = k ? k->index : -1;
}

Schema Schema::load_tree(const std::string& policy_dir) {
    namespace fs = std::filesystem;
    const fs::path base = fs::path(policy_dir) / "schema.json";
    Schema s;
    const auto add = [&](const fs::path& path, const std::string& origin) {
        try {
            s.add_groups(read_text(path), origin);
        } catch (const std::runtime_error& e) {
            const std::string what = e.what();
            if (what.rfind(path.string(), 0) == 0) throw;
            throw std::runtime_error(path.string() + ": " + what);
        }
    };
    if (!fs::is_regular_file(base))
        throw std::runtime_error(base.string() + ": no provider schema here (--policies names the policy tree, which holds schema.json)");
    add(base, "schema.json");
    std::vector<fs::path> extensions;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(policy_dir, ec))
        if (entry.is_directory() && fs::is_regular_file(entry.path() / "schema.json")) extensions.push_back(entry.path());
    std::sort(extensions.begin(), extensions.end());
    for (const auto& dir : extensions) add(dir / "schema.json", dir.filename().string() + "/schema.json");
    return s;
}

namespace {

nlohmann::ordered_json texts_json(const std::array<std::string, 2>& texts) {
    nlohmann::ordered_json t = nlohmann::ordered_json::object();
    for (Lang lang : kLangs)
        if (!texts[static_cast<size_t>(lang)].empty()) t[std::string(lang_name(lang))] = texts[static_cast<size_t>(lang)];
    return t;
}

}  // namespace

std::string Schema::to_json() const {
    nlohmann::ordered_json doc;
    doc["about"] = about_;
    auto groups = nlohmann::ordered_json::array();
    for (const auto& f : fields_) {
        if (groups.empty() || groups.back()["name"] != f.group) {
            groups.push_back({{"name", f.group}});
            if (auto t = texts_json(f.group_labels); !t.empty()) groups.back()["label"] = std::move(t);
            groups.back()["fields"] = nlohmann::ordered_json::array();
        }
        nlohmann::ordered_json j;
        j["name"] = f.name;
        j["type"] = type_name(f.type);
        if (!f.values.empty()) j["values"] = f.values;
        if (f.min) j["min"] = *f.min;
        if (f.max) j["max"] = *f.max;
        if (!f.pattern.empty()) j["pattern"] = f.pattern;
        if (f.required) j["required"] = true;
        j["answered_by"] = f.insurer_fact ? "insurer" : "provider";
        if (auto t = texts_json(f.absent_means); !t.empty()) j["absent_means"] = std::move(t);
        j["doc"] = f.doc;
        if (auto t = texts_json(f.labels); !t.empty()) j["label"] = std::move(t);
        if (auto t = texts_json(f.questions); !t.empty()) j["question"] = std::move(t);
        nlohmann::ordered_json values = nlohmann::ordered_json::object();
        for (size_t i = 0; i < f.value_labels.size(); ++i)
            if (auto t = texts_json(f.value_labels[i]); !t.empty()) values[f.values[i]] = std::move(t);
        if (!values.empty()) j["value_labels"] = std::move(values);
        j["origin"] = f.origin;
        groups.back()["fields"].push_back(std::move(j));
    }
    doc["groups"] = std::move(groups);
    return doc.dump(2) + "\n";
}

const Field* Schema::find(std::string_view name) const {
    const auto it = by_name_.find(std::string(name));
    return it == by_name_.end() ? nullptr : &fields_[static_cast<size_t>(it->second)];
}

std::string Schema::suggest(std::string_view name) const {
    std::vector<std::string> names;
    names.reserve(fields_.size());
    for (const auto& f : fields_) names.push_back(f.name);
    return closest_match(name, names);
}

std::string Schema::did_you_mean(std::string_view name) const {
    const auto s = suggest(name);
    return s.empty() ? "" : " (did you mean " + s + "?)";
}

size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
        cur[0] = i;
        for (size_t j = 1; j <= b.size(); ++j) {
            const size_t subst = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, subst});
        }
        std::swap(prev, cur);
    }
    return prev[b.size()];
}

std::string closest_match(std::string_view word, const std::vector<std::string>& candidates) {
    if (word.size() < 4 || word.size() > 64) return "";  // too short for a guess to mean anything, or not a name
    std::string best, prefixed;
    size_t best_distance = SIZE_MAX;
    for (const auto& c : candidates) {
        const size_t d = edit_distance(word, c);
        if (d < best_distance) {
            best_distance = d;
            best = c;
        }
        if (c.rfind(word, 0) == 0 && (prefixed.empty() || c.size() < prefixed.size())) prefixed = c;
    }
    const size_t allowed = std::max<size_t>(1, std::min(word.size(), best.size()) / 3);
    if (best_distance <= allowed) return best;
    return prefixed;  // the start of a name: zorgplicht -> zorgplicht_sufficient
}

}  // namespace inkoop

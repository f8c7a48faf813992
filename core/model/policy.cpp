#include "core/model/policy.hpp"

#include <algorithm>
#include "core/base/hash.hpp"

#include <nlohmann/json.hpp>

namespace inkoop {

std::string_view effect_name(Effect e) {
    switch (e) {
    case Effect::Require: return "require";
    case Effect::RefuseIf: return "refuse_if";
    case Effect::ReviewIf: return "review_if";
    case Effect::ConditionIf: return "condition_if";
    case Effect::SurchargeIf: return "surcharge_if";
    case Effect::ExcludeIf: return "exclude_if";
    case Effect::SettingIf: return "setting_if";
    case Effect::IfRefused: return "if_refused";
    }
    return "?";
}

Field Param::as_field() const {
    Field f;
    f.name = name;
    f.type = type;
    f.values = values;
    f.doc = doc;
    return f;
}

std::string non_default_params_json(const Policy& policy, const ParamValues& params) {
    nlohmann::ordered_json o = nlohmann::ordered_json::object();
    for (size_t i = 0; i < policy.params.size() && i < params.values.size(); ++i) {
        const Param& p = policy.params[i];
        const Value& v = params.values[i];
        if (v == p.default_value) continue;
        if (const auto* b = std::get_if<bool>(&v))
            o[p.name] = *b;
        else if (const auto* n = std::get_if<int64_t>(&v))
            o[p.name] = *n;
        else if (const auto* x = std::get_if<double>(&v))
            o[p.name] = *x;
        else if (!is_known(v))
            o[p.name] = nullptr;
        else
            o[p.name] = format_value(v, p.as_field());
    }
    return o.dump();
}

std::string tree_name(const std::string& path) {
    std::string p = path;
    if (p.size() > 4 && p.compare(p.size() - 4, 4, ".lua") == 0) p.resize(p.size() - 4);
    const auto last = p.rfind('/');
    if (last == std::string::npos) return p;
    const auto before = last == 0 ? std::string::npos : p.rfind('/', last - 1);
    return before == std::string::npos ? p : p.substr(before + 1);
}

void Policy::set_files(std::vector<PolicyFileHash> f) {
    files = std::move(f);
    std::string lines;
    for (const auto& file : files) lines += file.sha256 + "  " + tree_name(file.path) + "\n";
    const std::string hash = "sha256:" + sha256_hex(lines);
    version = SharedText(info.declared_version.empty() ? hash : info.declared_version + " " + hash);
}

const Param* Policy::find_param(std::string_view name) const {
    const int i = param_index(name);
    return i < 0 ? nullptr : &params[static_cast<size_t>(i)];
}

const Rule* Policy::find_rule(std::string_view code) const {
    for (const auto& r : rules)
        if (r.code == code) return &r;
    return nullptr;
}

int Policy::param_index(std::string_view name) const {
    for (size_t i = 0; i < params.size(); ++i)
        if (params[i].name == name) return static_cast<int>(i);
    return -1;
}

ParamValues Policy::default_params() const {
    ParamValues v;
    for (const auto& p : params) v.values.push_back(p.default_value);
    return v;
}

}  // namespace inkoop

#include <algorithm>
#include <stdexcept>

namespace inkoop {

namespace {

// "5.10" -> {5, 10}; text such as "Bijlage 1" sorts after every number.
std::vector<long> section_key(std::string_view s) {
    std::vector<long> key;
    long n = 0;
    bool digits = false;
    for (char c : s) {
        if (c >= '0' && c <= '9') {
            n = n * 10 + (c - '0');
            digits = true;
        } else if (c == '.' && digits) {
            key.push_back(n);
            n = 0;
            digits = false;
        } else {
            return {1L << 30};
        }
    }
    if (digits) key.push_back(n);
    return key;
}

}  // namespace

bool section_before(std::string_view a, std::string_view b) { return section_key(a) < section_key(b); }

namespace {

// The kinds for which `c` may be true (a bit per enum index of `kind`).
uint64_t possible_kinds(const Condition& c, int kind_field) {
    constexpr uint64_t all = ~uint64_t{0};
    const auto bit = [](const Value& v) {
        const auto* e = std::get_if<EnumValue>(&v);
        return e && e->index < 64 ? uint64_t{1} << e->index : all;
    };
    switch (c.op) {
    case Condition::Op::Equals: return c.field == kind_field ? bit(c.operand) : all;
    case Condition::Op::OneOf: {
        if (c.field != kind_field) return all;
        uint64_t m = 0;
        for (const auto& v : c.set) m |= bit(v);
        return m;
    }
    case Condition::Op::All: {
        uint64_t m = all;
        for (const auto& child : c.children) m &= possible_kinds(*child, kind_field);
        return m;
    }
    case Condition::Op::Any: {
        uint64_t m = 0;
        for (const auto& child : c.children) m |= possible_kinds(*child, kind_field);
        return m;
    }
    default: return all;
    }
}

}  // namespace

void index_rules(Policy& policy) {
    const Field* kind = policy.schema ? policy.schema->kind() : nullptr;
    if (!kind || kind->values.size() > 64) return;
    for (auto& r : policy.rules) r.applies_kinds = r.applies ? possible_kinds(*r.applies, kind->index) : ~uint64_t{0};
}

void order_by_section(Policy& policy) {
    std::stable_sort(policy.rules.begin(), policy.rules.end(),
                     [](const Rule& a, const Rule& b) { return section_before(a.section, b.section); });
}

ParamValues apply_settings(const Policy& policy, const std::vector<std::string>& settings) {
    ParamValues values = policy.default_params();
    for (const auto& s : settings) {
        const auto eq = s.find('=');
        if (eq == std::string::npos) throw std::runtime_error("--set " + s + ": expected NAME=VALUE");
        const std::string name = s.substr(0, eq);
        const int i = policy.param_index(name);
        if (i < 0) {
            std::vector<std::string> names;
            for (const auto& p : policy.params) names.push_back(p.name);
            const auto near = closest_match(name, names);
            throw std::runtime_error("--set " + name + ": " + policy.info.id + " declares no parameter '" + name + "'" +
                                     (near.empty() ? "" : " (did you mean " + near + "?)"));
        }
        const Param& p = policy.params[static_cast<size_t>(i)];
        if (!p.withdrawn.empty())
            throw std::runtime_error("--set " + name + ": " + policy.info.id + " no longer uses parameter '" + name + "' (" + p.withdrawn +
                                     ")");
        Value v;
        if (auto err = parse_value(p.as_field(), s.substr(eq + 1), v))
            throw std::runtime_error("--set " + name + ": " + err->text(Lang::En));
        if (!is_known(v)) throw std::runtime_error("--set " + name + ": a value is required");
        values.values[static_cast<size_t>(i)] = std::move(v);
    }
    return values;
}

std::vector<std::string> settings_for(const Policy& policy, const std::vector<const Policy*>& all,
                                      const std::vector<std::string>& settings) {
    std::vector<std::string> mine;
    for (const auto& s : settings) {
        const std::string name = s.substr(0, s.find('='));
        if (policy.find_param(name)) {
            mine.push_back(s);
            continue;
        }
        const bool someone = std::any_of(all.begin(), all.end(), [&](const Policy* p) { return p->find_param(name); });
        if (!someone) apply_settings(policy, {s});  // throws the error with its suggestion
    }
    return mine;
}

ParamValues params_for(const Policy& policy, const std::vector<const Policy*>& all, const std::vector<std::string>& settings,
                       const std::vector<std::string>& own) {
    std::vector<std::string> mine = settings_for(policy, all, settings);
    mine.insert(mine.end(), own.begin(), own.end());
    return apply_settings(policy, mine);
}

bool Policy::purchases(int kind) const {
    const auto has = [&](const ScopeClause& c) { return std::find(c.kinds.begin(), c.kinds.end(), kind) != c.kinds.end(); };
    return has(scope) && std::none_of(exclusions.begin(), exclusions.end(), has);
}

}  // namespace inkoop

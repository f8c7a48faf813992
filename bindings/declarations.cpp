#include "declarations.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <lua.hpp>

#include "lua_types.hpp"
#include "sandbox.hpp"
#include "trampoline.hpp"

namespace inkoop::lua {
namespace {

constexpr const char* kBuilderKey = "inkoop.builder";

PolicyBuilder& builder(lua_State* L, const char* what) {
    lua_getfield(L, LUA_REGISTRYINDEX, kBuilderKey);
    auto* b = static_cast<PolicyBuilder*>(lua_touserdata(L, -1));
    lua_pop(L, 1);
    if (!b || !b->open) throw std::runtime_error(fmt::format("{}() can only be used while the policy loads", what));
    return *b;
}

// "file:line" of the Lua code that called the running C function.
std::string caller_position(lua_State* L) {
    lua_Debug ar;
    if (!lua_getstack(L, 1, &ar) || !lua_getinfo(L, "Sl", &ar)) return "?";
    return fmt::format("{}:{}", ar.short_src, ar.currentline);
}

// Throws if the table at `idx` has a string key that is not in `allowed`.
void check_keys(lua_State* L, int idx, std::initializer_list<const char*> allowed, const char* what) {
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        lua_pop(L, 1);
        if (lua_type(L, -1) != LUA_TSTRING) continue;
        const char* key = lua_tostring(L, -1);
        const bool ok = std::any_of(allowed.begin(), allowed.end(), [&](const char* a) { return std::strcmp(a, key) == 0; });
        if (!ok) {
            std::vector<std::string> names(allowed.begin(), allowed.end());
            const auto near = closest_match(key, names);
            const std::string k = key;
            lua_pop(L, 1);
            throw std::runtime_error(fmt::format("{}: unknown key '{}'{}", what, k,
                                                 near.empty() ? "" : " (did you mean " + near + "?)"));
        }
    }
}

std::string first_string(lua_State* L, int idx, const char* what) {
    lua_geti(L, idx, 1);
    const bool ok = lua_type(L, -1) == LUA_TSTRING;
    std::string s = ok ? lua_tostring(L, -1) : "";
    lua_pop(L, 1);
    if (!ok || s.empty()) throw std::runtime_error(fmt::format("{}: the first entry must be a name", what));
    return s;
}

// policy { id=, insurer=, care=, year=, title=, source= }. [-1, +0]
int decl_policy(lua_State* L) {
    PolicyBuilder& b = builder(L, "policy");
    luaL_checktype(L, 1, LUA_TTABLE);
    check_keys(L, 1, {"id", "insurer", "care", "year", "title", "source"}, "policy");
    if (b.declared) throw std::runtime_error("policy: declared twice");
    if (!b.policy.rules.empty() || !b.policy.params.empty()) throw std::runtime_error("policy: must be the first declaration");
    PolicyInfo& info = b.policy.info;
    info.id = table_string(L, 1, "id", true);
    info.insurer = table_string(L, 1, "insurer", true);
    info.care = table_string(L, 1, "care", true);
    info.title = table_string(L, 1, "title", false);
    info.source = table_string(L, 1, "source", true);
    lua_getfield(L, 1, "year");
    info.year = static_cast<int>(lua_tointeger(L, -1));
    lua_pop(L, 1);
    if (info.year < 2000 || info.year > 2100) throw std::runtime_error("policy: 'year' must be the contract year");
    b.declared = true;
    return 0;
}

Value param_default(lua_State* L, int idx, const Param& p) {
    lua_getfield(L, idx, "default");
    Value v;
    std::optional<std::string> err;
    if (lua_isboolean(L, -1)) err = parse_value(p.as_field(), lua_toboolean(L, -1) ? "true" : "false", v);
    else if (lua_isnumber(L, -1) && lua_type(L, -1) == LUA_TNUMBER) err = parse_value(p.as_field(), describe_number(L, -1), v);
    else if (const auto d = to_date(L, -1); d && lua_type(L, -1) == LUA_TUSERDATA) v = *d;
    else if (lua_type(L, -1) == LUA_TSTRING) err = parse_value(p.as_field(), lua_tostring(L, -1), v);
    lua_pop(L, 1);
    if (err) throw std::runtime_error(fmt::format("param '{}': default {}", p.name, *err));
    if (!is_known(v)) throw std::runtime_error(fmt::format("param '{}': a default is required", p.name));
    return v;
}

// param { "name", type=, default=, values=, section=, doc= } declares a scenario parameter. [-1, +0]
// param "name" -> condition: the bool parameter is true. [-1, +1]
int decl_param(lua_State* L) {
    PolicyBuilder& b = builder(L, "param");
    if (lua_type(L, 1) == LUA_TSTRING) {
        const char* name = lua_tostring(L, 1);
        const int i = b.policy.param_index(name);
        if (i < 0) throw std::runtime_error(fmt::format("param '{}' is not declared (declare it with param {{...}} first)", name));
        if (b.policy.params[static_cast<size_t>(i)].type != FieldType::Bool)
            throw std::runtime_error(fmt::format("param '{}' is not a bool and cannot be a condition", name));
        auto c = std::make_shared<Condition>();
        c->op = Condition::Op::Param;
        c->param = i;
        c->param_name = name;
        push_condition(L, std::move(c));
        return 1;
    }
    luaL_checktype(L, 1, LUA_TTABLE);
    check_keys(L, 1, {"type", "default", "values", "section", "doc"}, "param");
    Param p;
    p.name = first_string(L, 1, "param");
    if (b.policy.find_param(p.name)) throw std::runtime_error(fmt::format("param '{}' declared twice", p.name));
    const auto type = type_from_name(table_string(L, 1, "type", true));
    if (!type) throw std::runtime_error(fmt::format("param '{}': type must be bool, number, int, date, enum or string", p.name));
    p.type = *type;
    p.values = table_strings(L, 1, "values");
    if (p.type == FieldType::Enum && p.values.empty()) throw std::runtime_error(fmt::format("param '{}': an enum lists its values", p.name));
    p.section = table_string(L, 1, "section", true);
    p.doc = table_string(L, 1, "doc", true);
    p.default_value = param_default(L, 1, p);
    b.policy.params.push_back(std::move(p));
    return 0;
}

ScopeClause scope_clause(lua_State* L, const char* what) {
    luaL_checktype(L, 1, LUA_TTABLE);
    check_keys(L, 1, {"section", "text", "kinds"}, what);
    ScopeClause c;
    c.section = table_string(L, 1, "section", true);
    c.text = table_string(L, 1, "text", true);
    const Field& kind = *Schema::builtin().find("kind");
    for (const auto& k : table_strings(L, 1, "kinds")) {
        const int i = kind.enum_index(k);
        if (i < 0) throw std::runtime_error(fmt::format("{}: '{}' is not a kind{}", what, k,
                                                        closest_match(k, kind.values).empty() ? "" : " (did you mean " + closest_match(k, kind.values) + "?)"));
        c.kinds.push_back(i);
    }
    if (c.kinds.empty()) throw std::runtime_error(fmt::format("{}: 'kinds' lists no kind", what));
    return c;
}

// scope { section=, text=, kinds={...} }: the kinds the policy purchases. [-1, +0]
int decl_scope(lua_State* L) {
    PolicyBuilder& b = builder(L, "scope");
    if (b.scoped) throw std::runtime_error("scope: declared twice");
    b.policy.scope = scope_clause(L, "scope");
    b.scoped = true;
    return 0;
}

// outside_scope { section=, text=, kinds={...} }: kinds the policy explicitly leaves out. [-1, +0]
int decl_outside_scope(lua_State* L) {
    PolicyBuilder& b = builder(L, "outside_scope");
    b.policy.exclusions.push_back(scope_clause(L, "outside_scope"));
    return 0;
}

struct EffectKey {
    const char* key;
    Effect effect;
    bool negate;
};

constexpr EffectKey kEffects[] = {
    {"require", Effect::Require, false},          {"refuse_if", Effect::RefuseIf, false},
    {"review_if", Effect::ReviewIf, false},       {"condition_if", Effect::ConditionIf, false},
    {"surcharge_if", Effect::SurchargeIf, false}, {"exclude_if", Effect::ExcludeIf, false},
    {"exclude_unless", Effect::ExcludeIf, true},  {"setting_if", Effect::SettingIf, false},
    {"if_refused", Effect::IfRefused, false},
};

// rule { "code", section=, text=, applies=, <effect>=condition }. [-1, +0]
int decl_rule(lua_State* L) {
    PolicyBuilder& b = builder(L, "rule");
    luaL_checktype(L, 1, LUA_TTABLE);
    check_keys(L, 1, {"section", "text", "applies", "require", "refuse_if", "review_if", "condition_if",
                      "surcharge_if", "exclude_if", "exclude_unless", "setting_if", "if_refused"}, "rule");
    Rule r;
    r.code = first_string(L, 1, "rule");
    if (!b.codes.insert(r.code).second) throw std::runtime_error(fmt::format("rule '{}' declared twice", r.code));
    r.section = table_string(L, 1, "section", true);
    r.text = table_string(L, 1, "text", true);
    r.where = caller_position(L);
    lua_getfield(L, 1, "applies");
    if (!lua_isnil(L, -1)) r.applies = check_condition(L, -1);
    lua_pop(L, 1);
    int effects = 0;
    for (const auto& e : kEffects) {
        lua_getfield(L, 1, e.key);
        if (!lua_isnil(L, -1)) {
            ++effects;
            r.effect = e.effect;
            r.test = check_condition(L, -1);
            if (e.negate) {
                auto n = std::make_shared<Condition>();
                n->op = Condition::Op::Not;
                n->children.push_back(r.test);
                r.test = std::move(n);
            }
        }
        lua_pop(L, 1);
    }
    if (effects != 1)
        throw std::runtime_error(fmt::format("rule '{}': give exactly one of require, refuse_if, review_if, condition_if, "
                                             "surcharge_if, exclude_if, exclude_unless, setting_if, if_refused", r.code));
    b.policy.rules.push_back(std::move(r));
    return 0;
}

// offer(function(p, params) return contract{...}, tariff{...} end). [-1, +0]
int decl_offer(lua_State* L) {
    PolicyBuilder& b = builder(L, "offer");
    luaL_checktype(L, 1, LUA_TFUNCTION);
    if (b.policy.offer_ref) throw std::runtime_error("offer: declared twice");
    b.policy.offer_where = caller_position(L);
    lua_pushvalue(L, 1);
    b.policy.offer_ref = luaL_ref(L, LUA_REGISTRYINDEX);
    return 0;
}

const luaL_Reg kDeclarations[] = {
    {"policy", trampoline<decl_policy>},
    {"param", trampoline<decl_param>},
    {"scope", trampoline<decl_scope>},
    {"outside_scope", trampoline<decl_outside_scope>},
    {"rule", trampoline<decl_rule>},
    {"offer", trampoline<decl_offer>},
    {nullptr, nullptr},
};

}  // namespace

void open_declarations(Sandbox& sb) {
    for (const luaL_Reg* r = kDeclarations; r->name; ++r) sb.register_api(r->name, r->func);
}

void set_builder(lua_State* L, PolicyBuilder* b) {
    lua_pushlightuserdata(L, b);
    lua_setfield(L, LUA_REGISTRYINDEX, kBuilderKey);
}

void validate_declarations(const PolicyBuilder& b, const std::string& chunkname) {
    const auto fail = [&](const std::string& what) { throw std::runtime_error(chunkname + ": " + what); };
    if (!b.declared) fail("no policy {...} declaration");
    if (!b.scoped) fail("no scope {...} declaration");
    if (b.policy.rules.empty()) fail("declares no rules");
    if (!b.policy.offer_ref) fail("no offer(function ... end) declaration");
}

}  // namespace inkoop::lua

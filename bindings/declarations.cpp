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

void builder_done_loading(lua_State* L, const char* name) {
    lua_getfield(L, LUA_REGISTRYINDEX, kBuilderKey);
    auto* b = static_cast<PolicyBuilder*>(lua_touserdata(L, -1));
    lua_pop(L, 1);
    if (b) b->loading.erase(name);
}

void builder_done_inheriting(lua_State* L, const char* name) {
    lua_getfield(L, LUA_REGISTRYINDEX, kBuilderKey);
    auto* b = static_cast<PolicyBuilder*>(lua_touserdata(L, -1));
    lua_pop(L, 1);
    if (!b) return;
    b->loading.erase(name);
    --b->inheriting;
    b->inherited = true;
}

// "file:line" of the Lua code that called the running C function.
std::string caller_position(lua_State* L) {
    lua_Debug ar;
    if (!lua_getstack(L, 1, &ar) || !lua_getinfo(L, "Sl", &ar)) return "?";
    return fmt::format("{}:{}", ar.short_src, ar.currentline);
}

// Throws if the table at `idx` has a string key that is not in `allowed`.
void check_keys(lua_State* L, int idx, const std::vector<const char*>& allowed, const char* what) {
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
    if (b.inheriting > 0) {  // the parent's metadata: only its id is kept
        if (b.policy.inherits.empty()) b.policy.inherits = table_string(L, 1, "id", true);
        return 0;
    }
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
    c.item = Item{"out_of_scope", c.section, c.text};
    return c;
}

// scope { section=, text=, kinds={...} }: the kinds the policy purchases. [-1, +0]
int decl_scope(lua_State* L) {
    PolicyBuilder& b = builder(L, "scope");
    const bool replacing = b.inherited && !b.scope_replaced && b.inheriting == 0;
    if (b.scoped && !replacing) throw std::runtime_error("scope: declared twice");
    if (replacing) b.scope_replaced = true;
    b.policy.scope = scope_clause(L, "scope");
    b.scoped = true;
    return 0;
}

// outside_scope { section=, text=, kinds={...} }: kinds the policy explicitly leaves out. [-1, +0]
int decl_outside_scope(lua_State* L) {
    PolicyBuilder& b = builder(L, "outside_scope");
    if (b.inherited && !b.exclusions_replaced && b.inheriting == 0) {  // the child's clauses replace the parent's
        b.policy.exclusions.clear();
        b.exclusions_replaced = true;
    }
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

// Reads the rule table at index 1 (with `extra` keys allowed besides the rule's own).
Rule read_rule(lua_State* L, const char* what, std::initializer_list<const char*> extra = {}) {
    luaL_checktype(L, 1, LUA_TTABLE);
    std::vector<const char*> keys{"section", "text", "applies", "require", "refuse_if", "review_if", "condition_if",
                                  "surcharge_if", "exclude_if", "exclude_unless", "setting_if", "if_refused"};
    keys.insert(keys.end(), extra.begin(), extra.end());
    check_keys(L, 1, keys, what);
    Rule r;
    r.code = first_string(L, 1, what);
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
    r.item = Item{r.code, r.section, r.text};
    return r;
}

std::vector<Rule>::iterator find_rule(PolicyBuilder& b, const std::string& code, const char* what) {
    auto it = std::find_if(b.policy.rules.begin(), b.policy.rules.end(), [&](const Rule& r) { return r.code == code; });
    if (it == b.policy.rules.end()) {
        std::vector<std::string> codes(b.codes.begin(), b.codes.end());
        const auto near = closest_match(code, codes);
        throw std::runtime_error(fmt::format("{}: no rule '{}'{}", what, code, near.empty() ? "" : " (did you mean " + near + "?)"));
    }
    return it;
}

void record_change(PolicyBuilder& b, const char* kind, const std::string& code, std::string note) {
    if (b.inheriting == 0 && b.inherited) b.policy.changes.push_back({kind, code, std::move(note)});
}

// rule { "code", section=, text=, applies=, <effect>=condition, after="code", change="note" }. [-1, +0]
int decl_rule(lua_State* L) {
    PolicyBuilder& b = builder(L, "rule");
    Rule r = read_rule(L, "rule", {"after", "change"});
    if (!b.codes.insert(r.code).second) throw std::runtime_error(fmt::format("rule '{}' declared twice", r.code));
    const std::string after = table_string(L, 1, "after", false);
    record_change(b, "added", r.code, table_string(L, 1, "change", false));
    if (after.empty()) b.policy.rules.push_back(std::move(r));
    else b.policy.rules.insert(find_rule(b, after, "rule") + 1, std::move(r));
    return 0;
}

// replace_rule { "code", <as rule>, change="note" }: the inherited rule, reworded in place. [-1, +0]
int decl_replace_rule(lua_State* L) {
    PolicyBuilder& b = builder(L, "replace_rule");
    Rule r = read_rule(L, "replace_rule", {"change"});
    auto it = find_rule(b, r.code, "replace_rule");
    record_change(b, "replaced", r.code, table_string(L, 1, "change", false));
    *it = std::move(r);
    return 0;
}

// remove_rule("code", "note"): the inherited rule no longer holds. [-(1|2), +0]
int decl_remove_rule(lua_State* L) {
    PolicyBuilder& b = builder(L, "remove_rule");
    const std::string code = luaL_checkstring(L, 1);
    const std::string note = luaL_optstring(L, 2, "");
    b.policy.rules.erase(find_rule(b, code, "remove_rule"));
    b.codes.erase(code);
    record_change(b, "removed", code, note);
    return 0;
}

// move_rule("code", "section", "note"): the same rule, now in another section. [-(2|3), +0]
int decl_move_rule(lua_State* L) {
    PolicyBuilder& b = builder(L, "move_rule");
    const std::string code = luaL_checkstring(L, 1);
    const std::string section = luaL_checkstring(L, 2);
    const std::string note = luaL_optstring(L, 3, "");
    auto it = find_rule(b, code, "move_rule");
    record_change(b, "moved", code, fmt::format("{} -> {}{}", it->section, section, note.empty() ? "" : ": " + note));
    it->section = section;
    it->item.section = Text(section);
    return 0;
}

// Loads `name` through the builder's source and leaves its main function on the stack. [-0, +1]
void load_named(lua_State* L, PolicyBuilder& b, const std::string& name, const char* what) {
    if (!b.source) throw std::runtime_error(fmt::format("{}: no policy directory to find '{}' in", what, name));
    if (b.loading.count(name)) throw std::runtime_error(fmt::format("{}: '{}' is already being loaded (a cycle)", what, name));
    auto [code, chunkname] = b.source(name);
    Sandbox* sb = Sandbox::from(L);
    sb->push_new_env();
    remember_env(L);
    sb->load(code, chunkname, -1);
    lua_remove(L, -2);  // the environment stays reachable through the function
}

// import "insurer/module" -> the module's value (shared helpers, loaded once). [-1, +1]
int decl_import(lua_State* L) {
    PolicyBuilder& b = builder(L, "import");
    const std::string name = luaL_checkstring(L, 1);
    lua_getfield(L, LUA_REGISTRYINDEX, "inkoop.modules");
    if (lua_getfield(L, -1, name.c_str()) != LUA_TNIL) return 1;
    lua_pop(L, 1);
    load_named(L, b, name, "import");
    b.loading.insert(name);
    return -1;  // the entry wrapper calls it: no C++ object may be alive during a Lua call
}

// import entry: calls the loaded module outside any C++ frame and caches its value. [-1, +1]
int decl_import_entry(lua_State* L) {
    const int n = trampoline<decl_import>(L);
    if (n >= 0) return n;
    lua_call(L, 0, 1);  // stack: name, modules, result
    if (lua_isnil(L, -1)) {
        lua_pop(L, 1);
        lua_pushboolean(L, 1);
    }
    lua_pushvalue(L, -1);
    lua_setfield(L, 2, lua_tostring(L, 1));
    builder_done_loading(L, lua_tostring(L, 1));
    return 1;
}

// inherit "insurer/care-year": the parent policy's declarations become this policy's. [-1, +0]
int decl_inherit(lua_State* L) {
    PolicyBuilder& b = builder(L, "inherit");
    if (!b.declared) throw std::runtime_error("inherit: declare policy {...} first");
    if (b.inherited || !b.policy.rules.empty()) throw std::runtime_error("inherit: must come right after policy {...}");
    const std::string name = luaL_checkstring(L, 1);
    load_named(L, b, name, "inherit");
    b.loading.insert(name);
    ++b.inheriting;
    return -1;
}

// inherit entry: runs the parent outside any C++ frame. [-1, +0]
int decl_inherit_entry(lua_State* L) {
    const int n = trampoline<decl_inherit>(L);
    if (n >= 0) return n;
    lua_call(L, 0, 0);
    builder_done_inheriting(L, lua_tostring(L, 1));
    return 0;
}

// offer(function(p, params) return contract{...}, tariff{...} end). [-1, +0]
int decl_offer(lua_State* L) {
    PolicyBuilder& b = builder(L, "offer");
    luaL_checktype(L, 1, LUA_TFUNCTION);
    const bool replacing = b.inherited && !b.offer_replaced && b.inheriting == 0;
    if (b.policy.offer_ref && !replacing) throw std::runtime_error("offer: declared twice");
    if (replacing) {
        b.offer_replaced = true;
        luaL_unref(L, LUA_REGISTRYINDEX, b.policy.offer_ref);
    }
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
    {"replace_rule", trampoline<decl_replace_rule>},
    {"remove_rule", trampoline<decl_remove_rule>},
    {"move_rule", trampoline<decl_move_rule>},
    {"offer", trampoline<decl_offer>},
    {"import", decl_import_entry},
    {"inherit", decl_inherit_entry},
    {nullptr, nullptr},
};

}  // namespace

void open_declarations(Sandbox& sb) {
    lua_newtable(sb.state());
    lua_setfield(sb.state(), LUA_REGISTRYINDEX, "inkoop.modules");
    for (const luaL_Reg* r = kDeclarations; r->name; ++r) sb.register_api(r->name, r->func);
}

void remember_env(lua_State* L) {
    push_envs(L);
    lua_pushvalue(L, -2);
    lua_rawseti(L, -2, static_cast<lua_Integer>(lua_rawlen(L, -2)) + 1);
    lua_pop(L, 1);
}

void push_envs(lua_State* L) {
    if (lua_getfield(L, LUA_REGISTRYINDEX, "inkoop.envs") == LUA_TTABLE) return;
    lua_pop(L, 1);
    lua_newtable(L);
    lua_pushvalue(L, -1);
    lua_setfield(L, LUA_REGISTRYINDEX, "inkoop.envs");
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

// The declarations a policy makes while it loads. Every bridge function here builds into the
// PolicyBuilder's scratch (never into a C++ local that a Lua error would skip), reads its string
// arguments before it makes C++ strings, and counts what it keeps against the memory cap.
#include "declarations.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <lua.hpp>

#include "lua_types.hpp"
#include "sandbox.hpp"
#include "trampoline.hpp"

namespace inkoop::lua {
namespace {

char kBuilderKey, kModulesKey, kEnvsKey;  // registry keys

PolicyBuilder& builder(lua_State* L, const char* what) {
    PolicyBuilder* b = loading_builder(L);
    if (!b || !b->open) throw std::runtime_error(fmt::format("{}() can only be used while the policy loads", what));
    return *b;
}

// What a declaration keeps in the host, counted against the state's memory cap.
size_t quotes_bytes(const std::vector<std::string>& quotes) {
    size_t n = 0;
    for (const auto& q : quotes) n += sizeof(std::string) + q.size();
    return n;
}

// `quote`: the source document's words, one string or a list of them.
std::vector<std::string> quotes_of(lua_State* L, int idx) {
    lua_getfield(L, idx, "quote");
    const bool one = lua_type(L, -1) == LUA_TSTRING;
    lua_pop(L, 1);
    if (one) return {table_string(L, idx, "quote", true)};
    return table_strings(L, idx, "quote");
}

size_t rule_bytes(const Rule& r) {
    return sizeof(Rule) + r.code.size() + r.section.size() + r.text.size() + r.where.size() + quotes_bytes(r.quotes) +
           r.interpretation.size();
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
        Sandbox::from(L)->charge_or_throw(1);  // a walk over policy data: linear and charged
        if (lua_type(L, -1) != LUA_TSTRING) continue;
        const char* key = lua_tostring(L, -1);
        const bool ok = std::any_of(allowed.begin(), allowed.end(), [&](const char* a) { return std::strcmp(a, key) == 0; });
        if (ok) continue;
        // No Lua call can raise from here on: C++ objects are safe.
        const std::string k(key, std::min<size_t>(std::strlen(key), 100));
        lua_pop(L, 1);
        const std::vector<std::string> names(allowed.begin(), allowed.end());
        const auto near = closest_match(k, names);
        throw std::runtime_error(fmt::format("{}: unknown key '{}'{}", what, k, near.empty() ? "" : " (did you mean " + near + "?)"));
    }
}

// The first array entry of the table at `idx`: a name.
std::string first_string(lua_State* L, int idx, const char* what) {
    lua_geti(L, idx, 1);
    size_t len = 0;
    const char* s = lua_type(L, -1) == LUA_TSTRING ? lua_tolstring(L, -1, &len) : nullptr;
    if (!s || len == 0 || len > 200) {
        lua_pop(L, 1);
        throw std::runtime_error(fmt::format("{}: the first entry must be a name (up to 200 characters)", what));
    }
    std::string out(s, len);
    lua_pop(L, 1);
    return out;
}

// policy { letters = { objection = {section=, text=}, contact = {...}, answer_by = {section=, text=,
// date=} } }: each entry cites its section and the document's words. [-0, +0]
std::optional<Item> letter_item(lua_State* L, int idx, const char* key, std::optional<Date>* date) {
    lua_getfield(L, idx, key);
    if (lua_isnil(L, -1)) {
        lua_pop(L, 1);
        return std::nullopt;
    }
    const std::string what = fmt::format("policy: letters.{}", key);
    if (!lua_istable(L, -1)) throw std::runtime_error(what + " must be a table { section = ..., text = ... }");
    const int t = lua_gettop(L);
    check_keys(L, t, date ? std::vector<const char*>{"section", "text", "date"} : std::vector<const char*>{"section", "text"},
               what.c_str());
    Item item{key, table_string(L, t, "section", true), table_string(L, t, "text", true)};
    if (date) {
        lua_getfield(L, t, "date");
        *date = lua_isstring(L, -1) ? Date::parse(lua_tostring(L, -1)) : to_date(L, -1);
        lua_pop(L, 1);
        if (!*date) throw std::runtime_error(what + ".date must be a date (\"2023-06-01\")");
    }
    lua_pop(L, 1);
    return item;
}

void read_letters(lua_State* L, LetterFacts& out) {
    lua_getfield(L, 1, "letters");
    if (lua_isnil(L, -1)) {
        lua_pop(L, 1);
        return;
    }
    if (!lua_istable(L, -1)) throw std::runtime_error("policy: 'letters' must be a table");
    const int t = lua_gettop(L);
    check_keys(L, t, {"objection", "contact", "answer_by"}, "policy: letters");
    out.objection = letter_item(L, t, "objection", nullptr);
    out.contact = letter_item(L, t, "contact", nullptr);
    out.answer_by = letter_item(L, t, "answer_by", &out.answer_by_date);
    lua_pop(L, 1);
}

// policy { id=, insurer=, care=, year=, title=, source=, version=, language=, letters= }. [-1, +0]
int decl_policy(lua_State* L) {
    PolicyBuilder& b = builder(L, "policy");
    luaL_checktype(L, 1, LUA_TTABLE);
    check_keys(L, 1, {"id", "insurer", "care", "year", "title", "source", "version", "language", "letters"}, "policy");
    if (b.inheriting > 0) {  // the parent's metadata: only its id is kept
        if (b.policy.inherits.empty()) b.policy.inherits = table_string(L, 1, "id", true);
        return 0;
    }
    if (b.declared) throw std::runtime_error("policy: declared twice");
    if (!b.policy.rules.empty() || !b.policy.params.empty()) throw std::runtime_error("policy: must be the first declaration");
    lua_getfield(L, 1, "year");
    const lua_Integer year = lua_tointeger(L, -1);
    lua_pop(L, 1);
    PolicyInfo& info = b.policy.info;
    info.id = table_string(L, 1, "id", true);
    info.insurer = table_string(L, 1, "insurer", true);
    info.care = table_string(L, 1, "care", true);
    info.title = table_string(L, 1, "title", false);
    info.source = table_string(L, 1, "source", true);
    info.declared_version = table_string(L, 1, "version", false);
    info.language = table_string(L, 1, "language", false);
    if (!info.language.empty() && !lang_from_name(info.language)) throw std::runtime_error("policy: 'language' must be \"nl\" or \"en\"");
    read_letters(L, b.policy.letters);
    info.year = static_cast<int>(year);
    if (year < 2000 || year > 2100) throw std::runtime_error("policy: 'year' must be the contract year");
    b.declared = true;
    return 0;
}

// The parameter's default (at `idx` in the table at 1) into b.param. [-0, +0]
void read_param_default(lua_State* L, PolicyBuilder& b) {
    Param& p = b.param;
    lua_getfield(L, 1, "default");
    const int t = lua_type(L, -1);
    if (t == LUA_TBOOLEAN)
        b.text = lua_toboolean(L, -1) ? "true" : "false";
    else if (t == LUA_TNUMBER)
        b.text = describe_number(L, -1);
    else if (const auto d = to_date(L, -1); d && t == LUA_TUSERDATA)
        b.text = d->iso();
    else if (t == LUA_TSTRING)
        b.text.assign(lua_tostring(L, -1), std::min<size_t>(lua_rawlen(L, -1), kMaxHostText));
    else
        b.text.clear();
    lua_pop(L, 1);
    if (auto err = parse_value(p.as_field(), b.text, p.default_value))
        throw std::runtime_error(fmt::format("param '{}': default {}", p.name, err->text(Lang::En)));
    if (!is_known(p.default_value)) throw std::runtime_error(fmt::format("param '{}': a default is required", p.name));
}

// param { "name", type=, default=, values=, section=, doc=, unit= } declares a scenario parameter. [-1, +0]
// param "name" -> condition: the bool parameter is true; for a number or date parameter, the
// value a comparison uses (at_most("fte", param "max_fte")). [-1, +1]
int decl_param(lua_State* L) {
    PolicyBuilder& b = builder(L, "param");
    if (lua_type(L, 1) == LUA_TSTRING) {
        const char* name = lua_tostring(L, 1);
        const int i = b.policy.param_index(name);
        if (i < 0) throw std::runtime_error(fmt::format("param '{}' is not declared (declare it with param {{...}} first)", name));
        const Param& prm = b.policy.params[static_cast<size_t>(i)];
        std::optional<EnumValue> value;
        std::string value_name;
        if (prm.type == FieldType::Enum) {  // param("name", "value"): the enum parameter has that value
            value_name = luaL_checkstring(L, 2);
            const auto at = std::find(prm.values.begin(), prm.values.end(), value_name);
            if (at == prm.values.end())
                throw std::runtime_error(fmt::format("param '{}': '{}' is not one of {}", name, value_name, fmt::join(prm.values, ", ")));
            value = EnumValue{static_cast<int>(at - prm.values.begin())};
        } else if (prm.type != FieldType::Bool && prm.type != FieldType::Number && prm.type != FieldType::Int &&
                   prm.type != FieldType::Date) {
            throw std::runtime_error(fmt::format("param '{}' is a text and cannot be a condition or a limit", name));
        }
        Condition& c = new_condition(L, Condition::Op::Param);
        if (prm.type != FieldType::Bool && prm.type != FieldType::Enum) {  // a limit: at_most("fte", param "max_fte")
            c.operand = prm.default_value;
            c.operand_param = i;
        }
        c.param = i;
        c.param_name = name;
        c.param_value = value;
        c.param_value_name = value_name;
        return 1;
    }
    luaL_checktype(L, 1, LUA_TTABLE);
    check_keys(L, 1, {"type", "default", "values", "section", "doc", "unit", "quote", "interpretation"}, "param");
    Param& p = b.param;
    p = Param{};
    p.name = first_string(L, 1, "param");
    if (b.policy.find_param(p.name)) throw std::runtime_error(fmt::format("param '{}' declared twice", p.name));
    const auto type = type_from_name(table_string(L, 1, "type", true));
    if (!type) throw std::runtime_error(fmt::format("param '{}': type must be bool, number, int, date, enum or string", p.name));
    p.type = *type;
    p.values = table_strings(L, 1, "values");
    if (p.type == FieldType::Enum && p.values.empty())
        throw std::runtime_error(fmt::format("param '{}': an enum lists its values", p.name));
    p.section = table_string(L, 1, "section", true);
    p.doc = table_string(L, 1, "doc", true);
    p.unit = table_string(L, 1, "unit", false);
    p.quotes = quotes_of(L, 1);
    p.interpretation = table_string(L, 1, "interpretation", false);
    if ((p.type == FieldType::Number || p.type == FieldType::Int) && p.unit.empty())
        throw std::runtime_error(fmt::format("param '{}': a number names its unit (unit = \"fte\", \"share\", ...)", p.name));
    read_param_default(L, b);
    Sandbox::from(L)->account_host_bytes(sizeof(Param) + p.name.size() + p.doc.size() + p.section.size() + p.unit.size() +
                                         64 * p.values.size() + quotes_bytes(p.quotes) + p.interpretation.size());
    b.policy.params.push_back(std::move(p));
    return 0;
}

// not_encoded { section=, quote=, why= }: a sentence of the document the policy does not encode,
// and why. [-1, +0]
int decl_not_encoded(lua_State* L) {
    PolicyBuilder& b = builder(L, "not_encoded");
    luaL_checktype(L, 1, LUA_TTABLE);
    check_keys(L, 1, {"section", "quote", "why"}, "not_encoded");
    NotEncoded n;
    n.section = table_string(L, 1, "section", true);
    n.quote = table_string(L, 1, "quote", true);
    n.why = table_string(L, 1, "why", true);
    n.where = caller_position(L);
    Sandbox::from(L)->account_host_bytes(sizeof(NotEncoded) + n.section.size() + n.quote.size() + n.why.size() + n.where.size());
    b.policy.not_encoded.push_back(std::move(n));
    return 0;
}

// Reads { section=, text=, kinds={...} } at index 1 into b.clause.
void read_scope_clause(lua_State* L, PolicyBuilder& b, const char* what) {
    luaL_checktype(L, 1, LUA_TTABLE);
    check_keys(L, 1, {"section", "text", "kinds", "quote"}, what);
    ScopeClause& c = b.clause;
    c = ScopeClause{};
    c.section = table_string(L, 1, "section", true);
    c.text = table_string(L, 1, "text", true);
    c.quotes = quotes_of(L, 1);
    const Field* kind_field = Sandbox::from(L)->schema().kind();
    if (!kind_field) throw std::runtime_error("the provider schema has no field 'kind'");
    const Field& kind = *kind_field;
    for (const auto& k : table_strings(L, 1, "kinds")) {
        const int i = kind.enum_index(k);
        if (i < 0) {
            const auto near = closest_match(k, kind.values);
            throw std::runtime_error(fmt::format("{}: '{}' is not a kind{}", what, k, near.empty() ? "" : " (did you mean " + near + "?)"));
        }
        c.kinds.push_back(i);
    }
    if (c.kinds.empty()) throw std::runtime_error(fmt::format("{}: 'kinds' lists no kind", what));
    c.item = Item{"out_of_scope", c.section, c.text};
    Sandbox::from(L)->account_host_bytes(sizeof(ScopeClause) + 2 * (c.section.size() + c.text.size()) + 4 * c.kinds.size() +
                                         quotes_bytes(c.quotes));
}

// scope { section=, text=, kinds={...} }: the kinds the policy purchases. [-1, +0]
int decl_scope(lua_State* L) {
    PolicyBuilder& b = builder(L, "scope");
    const bool replacing = b.inherited && !b.scope_replaced && b.inheriting == 0;
    if (b.scoped && !replacing) throw std::runtime_error("scope: declared twice");
    read_scope_clause(L, b, "scope");
    if (replacing) b.scope_replaced = true;
    b.policy.scope = std::move(b.clause);
    b.scoped = true;
    return 0;
}

// outside_scope { section=, text=, kinds={...} }: kinds the policy explicitly leaves out. [-1, +0]
int decl_outside_scope(lua_State* L) {
    PolicyBuilder& b = builder(L, "outside_scope");
    read_scope_clause(L, b, "outside_scope");
    if (b.inherited && !b.exclusions_replaced && b.inheriting == 0) {  // the child's clauses replace the parent's
        b.policy.exclusions.clear();
        b.exclusions_replaced = true;
    }
    b.policy.exclusions.push_back(std::move(b.clause));
    return 0;
}

struct EffectKey {
    const char* key;
    Effect effect;
    bool negate;
};

constexpr EffectKey kEffects[] = {
    {"require", Effect::Require, false},          {"refuse_if", Effect::RefuseIf, false},       {"review_if", Effect::ReviewIf, false},
    {"condition_if", Effect::ConditionIf, false}, {"surcharge_if", Effect::SurchargeIf, false}, {"exclude_if", Effect::ExcludeIf, false},
    {"exclude_unless", Effect::ExcludeIf, true},  {"setting_if", Effect::SettingIf, false},     {"if_refused", Effect::IfRefused, false},
};

// Reads the rule table at index 1 into b.rule (with `extra` keys allowed besides the rule's own).
void read_rule(lua_State* L, PolicyBuilder& b, const char* what, std::initializer_list<const char*> extra = {}) {
    luaL_checktype(L, 1, LUA_TTABLE);
    std::vector<const char*> keys{"section",    "text",         "applies",           "require",    "refuse_if",
                                  "review_if",  "condition_if", "surcharge_if",      "exclude_if", "exclude_unless",
                                  "setting_if", "if_refused",   "review_instead_if", "quote",      "interpretation"};
    keys.insert(keys.end(), extra.begin(), extra.end());
    check_keys(L, 1, keys, what);
    Rule& r = b.rule;
    r = Rule{};
    r.code = first_string(L, 1, what);
    r.section = table_string(L, 1, "section", true);
    r.text = table_string(L, 1, "text", true);
    r.where = caller_position(L);
    r.quotes = quotes_of(L, 1);
    r.interpretation = table_string(L, 1, "interpretation", false);
    lua_getfield(L, 1, "applies");
    if (!lua_isnil(L, -1)) r.applies = check_condition(L, -1);
    lua_pop(L, 1);
    int effects = 0;
    for (const auto& e : kEffects) {
        lua_getfield(L, 1, e.key);
        if (!lua_isnil(L, -1)) {
            ++effects;
            r.effect = e.effect;
            r.test = e.negate ? negation_of(L, -1) : check_condition(L, -1);
        }
        lua_pop(L, 1);
    }
    if (effects != 1)
        throw std::runtime_error(
            fmt::format("rule '{}': give exactly one of require, refuse_if, review_if, condition_if, "
                        "surcharge_if, exclude_if, exclude_unless, setting_if, if_refused",
                        r.code));
    lua_getfield(L, 1, "review_instead_if");
    if (!lua_isnil(L, -1)) r.review_instead = check_condition(L, -1);
    lua_pop(L, 1);
    if (r.review_instead && r.effect != Effect::Require && r.effect != Effect::RefuseIf)
        throw std::runtime_error(fmt::format("rule '{}': review_instead_if goes with require or refuse_if", r.code));
    r.item = Item{r.code, r.section, r.text};
    Sandbox::from(L)->account_host_bytes(2 * rule_bytes(r));
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

void record_change(PolicyBuilder& b, const char* kind, const std::string& code, const std::string& note) {
    if (b.inheriting == 0 && b.inherited) b.policy.changes.push_back({kind, code, note});
}

// rule { "code", section=, text=, applies=, <effect>=condition, after="code", change="note" }. [-1, +0]
int decl_rule(lua_State* L) {
    PolicyBuilder& b = builder(L, "rule");
    read_rule(L, b, "rule", {"after", "change"});
    b.text = table_string(L, 1, "after", false);
    b.note = table_string(L, 1, "change", false);
    if (!b.codes.insert(b.rule.code).second) throw std::runtime_error(fmt::format("rule '{}' declared twice", b.rule.code));
    record_change(b, "added", b.rule.code, b.note);
    if (b.text.empty())
        b.policy.rules.push_back(std::move(b.rule));
    else
        b.policy.rules.insert(find_rule(b, b.text, "rule") + 1, std::move(b.rule));
    return 0;
}

// replace_rule { "code", <as rule>, change="note" }: the inherited rule, reworded in place. [-1, +0]
int decl_replace_rule(lua_State* L) {
    PolicyBuilder& b = builder(L, "replace_rule");
    read_rule(L, b, "replace_rule", {"change"});
    b.note = table_string(L, 1, "change", false);
    auto it = find_rule(b, b.rule.code, "replace_rule");
    record_change(b, "replaced", b.rule.code, b.note);
    *it = std::move(b.rule);
    return 0;
}

// The string argument at `idx` (optional: "" when absent), at most kMaxHostText bytes. Raises
// before any C++ object exists in the caller.
const char* string_arg(lua_State* L, int idx, bool optional) {
    size_t len = 0;
    const char* s = optional ? luaL_optlstring(L, idx, "", &len) : luaL_checklstring(L, idx, &len);
    if (len > kMaxHostText) luaL_error(L, "argument %d is longer than %d bytes", idx, static_cast<int>(kMaxHostText));
    return s;
}

// remove_rule("code", "note"): the inherited rule no longer holds. [-(1|2), +0]
int decl_remove_rule(lua_State* L) {
    const char* code = string_arg(L, 1, false);
    const char* note = string_arg(L, 2, true);
    PolicyBuilder& b = builder(L, "remove_rule");
    b.text = code;
    b.note = note;
    b.policy.rules.erase(find_rule(b, b.text, "remove_rule"));
    b.codes.erase(b.text);
    record_change(b, "removed", b.text, b.note);
    return 0;
}

// remove_param("name", "note"): the inherited parameter no longer applies (the rules that used it
// are removed). It keeps its place, so that inherited conditions still find theirs, but cannot be
// set. [-(1|2), +0]
int decl_remove_param(lua_State* L) {
    const char* name = string_arg(L, 1, false);
    const char* note = string_arg(L, 2, true);
    PolicyBuilder& b = builder(L, "remove_param");
    const int i = b.policy.param_index(name);
    if (i < 0 || !b.inherited) throw std::runtime_error(fmt::format("remove_param: '{}' is not an inherited parameter", name));
    Param& p = b.policy.params[static_cast<size_t>(i)];
    p.withdrawn = *note ? note : "removed";
    record_change(b, "removed param", p.name, note);
    return 0;
}

// move_rule("code", "section", "note"): the same rule, now in another section. [-(2|3), +0]
int decl_move_rule(lua_State* L) {
    const char* code = string_arg(L, 1, false);
    const char* section = string_arg(L, 2, false);
    const char* note = string_arg(L, 3, true);
    PolicyBuilder& b = builder(L, "move_rule");
    b.text = code;
    auto it = find_rule(b, b.text, "move_rule");
    b.note = fmt::format("{} -> {}{}", it->section, section, *note ? std::string(": ") + note : "");
    record_change(b, "moved", b.text, b.note);
    it->section = section;
    it->item.section = SharedText(section);
    return 0;
}

// Finds `name` through the builder's source into b.module_code / b.module_chunk.
void find_module(PolicyBuilder& b, const char* name, const char* what) {
    if (!b.source) throw std::runtime_error(fmt::format("{}: no policy directory to find '{}' in", what, name));
    if (b.loading.count(name)) throw std::runtime_error(fmt::format("{}: '{}' is already being loaded (a cycle)", what, name));
    auto found = b.source(name);
    b.module_code = std::move(found.first);
    b.module_chunk = std::move(found.second);
}

// Loads the module found by find_module and leaves its main function on the stack. [-0, +1]
void load_found(lua_State* L, PolicyBuilder& b, const char* name) {
    Sandbox* sb = Sandbox::from(L);
    sb->push_new_env();
    remember_env(L);
    sb->load(b.module_code, b.module_chunk, -1);
    lua_remove(L, -2);  // the environment stays reachable through the function
    b.loading.insert(name);
}

// import "insurer/module" -> the module's value (shared helpers, loaded once). [-1, +1]
int decl_import(lua_State* L) {
    const char* name = string_arg(L, 1, false);
    PolicyBuilder& b = builder(L, "import");
    lua_rawgetp(L, LUA_REGISTRYINDEX, &kModulesKey);
    lua_pushvalue(L, 1);
    if (lua_rawget(L, -2) != LUA_TNIL) return 1;
    lua_pop(L, 1);
    find_module(b, name, "import");
    load_found(L, b, name);
    return -1;  // the entry wrapper calls it: no C++ frame may be alive during a Lua call
}

void builder_done_loading(lua_State* L, const char* name) {
    if (PolicyBuilder* b = loading_builder(L)) b->loading.erase(name);
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
    lua_pushvalue(L, 1);
    lua_pushvalue(L, -2);
    lua_rawset(L, 2);
    builder_done_loading(L, lua_tostring(L, 1));
    return 1;
}

// inherit "insurer/care-year": the parent policy's declarations become this policy's. [-1, +0]
int decl_inherit(lua_State* L) {
    const char* name = string_arg(L, 1, false);
    PolicyBuilder& b = builder(L, "inherit");
    if (!b.declared) throw std::runtime_error("inherit: declare policy {...} first");
    if (b.inherited || !b.policy.rules.empty()) throw std::runtime_error("inherit: must come right after policy {...}");
    find_module(b, name, "inherit");
    load_found(L, b, name);
    ++b.inheriting;
    return -1;
}

// inherit entry: runs the parent outside any C++ frame. [-1, +0]
int decl_inherit_entry(lua_State* L) {
    const int n = trampoline<decl_inherit>(L);
    if (n >= 0) return n;
    lua_call(L, 0, 0);
    if (PolicyBuilder* b = loading_builder(L)) {
        b->loading.erase(lua_tostring(L, 1));
        --b->inheriting;
        b->inherited = true;
        // A quote is the words of the document its file encodes: the parent's cite the parent's
        // document, not this one. This policy quotes its own (encodes { "code", quote = ... }).
        if (b->inheriting == 0) {
            Policy& p = b->policy;
            p.scope.quotes.clear();
            for (auto& c : p.exclusions) c.quotes.clear();
            for (auto& prm : p.params) prm.quotes.clear();
            for (auto& r : p.rules) r.quotes.clear();
            p.not_encoded.clear();
        }
    }
    return 0;
}

// encodes { "code", quote = "..." | {...} }: the words of this policy's document that a rule (by
// its code), a parameter (by its name) or the scope ("scope") encodes; for what a policy inherits
// or builds with a shared module, whose declarations cannot quote this document. [-1, +0]
int decl_encodes(lua_State* L) {
    PolicyBuilder& b = builder(L, "encodes");
    luaL_checktype(L, 1, LUA_TTABLE);
    check_keys(L, 1, {"quote"}, "encodes");
    const std::string code = first_string(L, 1, "encodes");
    std::vector<std::string> quotes = quotes_of(L, 1);
    if (quotes.empty()) throw std::runtime_error(fmt::format("encodes '{}': give quote = \"the document's words\"", code));
    Sandbox::from(L)->account_host_bytes(quotes_bytes(quotes));
    std::vector<std::string>* into = nullptr;
    if (code == "scope") into = &b.policy.scope.quotes;
    for (auto& prm : b.policy.params)
        if (!into && prm.name == code) into = &prm.quotes;
    if (!into) into = &find_rule(b, code, "encodes")->quotes;  // throws naming the nearest code
    into->insert(into->end(), quotes.begin(), quotes.end());
    return 0;
}

// offer(function(p, params) return contract{...}, tariff{...} end). [-1, +0]
int decl_offer(lua_State* L) {
    PolicyBuilder& b = builder(L, "offer");
    luaL_checktype(L, 1, LUA_TFUNCTION);
    const bool replacing = b.inherited && !b.offer_replaced && b.inheriting == 0;
    if (b.policy.offer_ref && !replacing) throw std::runtime_error("offer: declared twice");
    b.policy.offer_where = caller_position(L);
    lua_pushvalue(L, 1);
    const int ref = luaL_ref(L, LUA_REGISTRYINDEX);
    if (replacing) {
        b.offer_replaced = true;
        luaL_unref(L, LUA_REGISTRYINDEX, b.policy.offer_ref);
    }
    b.policy.offer_ref = ref;
    return 0;
}

const luaL_Reg kDeclarations[] = {
    {"policy", trampoline<decl_policy>},
    {"param", trampoline<decl_param>},
    {"remove_param", trampoline<decl_remove_param>},
    {"scope", trampoline<decl_scope>},
    {"outside_scope", trampoline<decl_outside_scope>},
    {"not_encoded", trampoline<decl_not_encoded>},
    {"encodes", trampoline<decl_encodes>},
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
    lua_State* L = sb.state();
    lua_newtable(L);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &kModulesKey);
    for (const luaL_Reg* r = kDeclarations; r->name; ++r) sb.register_api(r->name, r->func);
}

void remember_env(lua_State* L) {
    push_envs(L);
    lua_pushvalue(L, -2);
    lua_rawseti(L, -2, static_cast<lua_Integer>(lua_rawlen(L, -2)) + 1);
    lua_pop(L, 1);
}

void push_envs(lua_State* L) {
    if (lua_rawgetp(L, LUA_REGISTRYINDEX, &kEnvsKey) == LUA_TTABLE) return;
    lua_pop(L, 1);
    lua_newtable(L);
    lua_pushvalue(L, -1);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &kEnvsKey);
}

void set_builder(lua_State* L, PolicyBuilder* b) {
    lua_pushlightuserdata(L, b);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &kBuilderKey);
}

PolicyBuilder* loading_builder(lua_State* L) {
    lua_rawgetp(L, LUA_REGISTRYINDEX, &kBuilderKey);
    auto* b = static_cast<PolicyBuilder*>(lua_touserdata(L, -1));
    lua_pop(L, 1);
    return b;
}

void validate_declarations(const PolicyBuilder& b, const std::string& chunkname) {
    const auto fail = [&](const std::string& what) { throw std::runtime_error(chunkname + ": " + what); };
    if (!b.declared) fail("no policy {...} declaration");
    if (!b.scoped) fail("no scope {...} declaration");
    if (b.policy.rules.empty()) fail("declares no rules");
    if (!b.policy.offer_ref) fail("no offer(function ... end) declaration");
}

}  // namespace inkoop::lua

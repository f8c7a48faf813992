// inkoop.condition: conditions over provider facts, built by policies as data so that the engine
// can evaluate them in three-valued logic, explain them and search them for counterfactuals.
// Conditions are made only while a policy loads (they belong to its rules); each is a userdata
// made first and filled after, so a Lua error while reading the arguments leaks nothing.
#include <fmt/format.h>
#include <new>

#include "declarations.hpp"
#include "lua_types.hpp"
#include "sandbox.hpp"
#include "trampoline.hpp"

namespace inkoop::lua {
namespace {

constexpr const char* kCondition = "inkoop.condition";
constexpr const char* kFixed = "inkoop.fixed";
using Op = Condition::Op;

const Field& check_field(lua_State* L, int idx) {
    const char* name = luaL_checkstring(L, idx);
    const Schema& schema = Sandbox::from(L)->schema();
    const Field* f = schema.find(name);
    if (!f)
        throw std::runtime_error(fmt::format("unknown field '{}'{}", std::string_view(name).substr(0, 100),
                                             schema.did_you_mean(std::string_view(name).substr(0, 100))));
    return *f;
}

void require_type(const Field& f, std::initializer_list<FieldType> types, const char* what) {
    for (FieldType t : types)
        if (f.type == t) return;
    throw std::runtime_error(fmt::format("{}: field '{}' is a {}", what, f.name, type_name(f.type)));
}

// The value at `idx` as an operand for field `f`, checked against the field's type.
Value check_operand(lua_State* L, int idx, const Field& f) {
    switch (f.type) {
    case FieldType::Number:
    case FieldType::Int:
        if (lua_type(L, idx) != LUA_TNUMBER) throw std::runtime_error(fmt::format("field '{}' compares with a number", f.name));
        return lua_tonumber(L, idx);
    case FieldType::Date: {
        const auto d = to_date(L, idx);
        if (!d) throw std::runtime_error(fmt::format("field '{}' compares with a date (YYYY-MM-DD)", f.name));
        return *d;
    }
    case FieldType::Bool:
        if (!lua_isboolean(L, idx)) throw std::runtime_error(fmt::format("field '{}' compares with true or false", f.name));
        return static_cast<bool>(lua_toboolean(L, idx));
    case FieldType::Enum: {
        const char* w = lua_type(L, idx) == LUA_TSTRING ? lua_tostring(L, idx) : nullptr;
        const int i = w ? f.enum_index(w) : -1;
        if (i < 0)
            throw std::runtime_error(fmt::format("'{}' is not a value of field '{}' ({})", w ? std::string_view(w).substr(0, 100) : "?",
                                                 f.name, fmt::join(f.values, ", ")));
        return EnumValue{i};
    }
    case FieldType::String: {
        if (lua_type(L, idx) != LUA_TSTRING) throw std::runtime_error(fmt::format("field '{}' compares with a string", f.name));
        if (lua_rawlen(L, idx) > kMaxHostText) throw std::runtime_error(fmt::format("a value for field '{}' is too long", f.name));
        return std::string(lua_tostring(L, idx), lua_rawlen(L, idx));
    }
    }
    return {};
}

Condition& leaf(lua_State* L, Op op, const Field& f) {
    Condition& c = new_condition(L, op);
    c.field = f.index;
    return c;
}

// is_true "field" -> condition. [-1, +1]
int cond_is_true(lua_State* L) {
    const Field& f = check_field(L, 1);
    require_type(f, {FieldType::Bool}, "is_true");
    leaf(L, Op::IsTrue, f);
    return 1;
}

// is_false "field" -> condition. [-1, +1]
int cond_is_false(lua_State* L) {
    const Field& f = check_field(L, 1);
    require_type(f, {FieldType::Bool}, "is_false");
    leaf(L, Op::IsFalse, f);
    return 1;
}

// known "field" -> condition (never unknown). [-1, +1]
int cond_known(lua_State* L) {
    leaf(L, Op::Known, check_field(L, 1));
    return 1;
}

// absent "field" -> condition (never unknown). [-1, +1]
int cond_absent(lua_State* L) {
    leaf(L, Op::Absent, check_field(L, 1));
    return 1;
}

// The parameter a comparison at `idx` compares with (param "max_fte"), checked against field
// `f`'s type; null when the operand is a constant. [-0, +0]
ConditionPtr param_operand(lua_State* L, int idx, const Field& f) {
    auto* p = static_cast<ConditionPtr*>(luaL_testudata(L, idx, kCondition));
    if (!p || !*p) return nullptr;
    const Condition& c = **p;
    if (c.op != Op::Param || c.operand_param < 0)
        throw std::runtime_error(fmt::format("field '{}' compares with a value or a number or date parameter, not a condition", f.name));
    const bool numbers = f.type == FieldType::Number || f.type == FieldType::Int;
    if (numbers ? !as_number(c.operand) : f.type != FieldType::Date || !std::holds_alternative<Date>(c.operand))
        throw std::runtime_error(
            fmt::format("field '{}' is a {} and cannot be compared with parameter '{}'", f.name, type_name(f.type), c.param_name));
    return *p;
}

// fixed(value, "why") at `idx`: a constant the policy marks as not its own choice (the contract
// year, a law); the value is left on the stack at `idx` and the reason returned. [-0, +0]
std::string fixed_operand(lua_State* L, int idx) {
    if (lua_type(L, idx) != LUA_TTABLE || lua_getmetatable(L, idx) == 0) return {};
    luaL_getmetatable(L, kFixed);
    const bool marked = lua_rawequal(L, -1, -2);
    lua_pop(L, 2);
    if (!marked) return {};
    lua_getfield(L, idx, "fixed");
    const std::string why =
        lua_type(L, -1) == LUA_TSTRING ? std::string(lua_tostring(L, -1), std::min<size_t>(lua_rawlen(L, -1), 200)) : "";
    lua_pop(L, 1);
    if (why.empty()) return {};
    lua_getfield(L, idx, "value");
    lua_replace(L, idx);
    return why;
}

int push_compare(lua_State* L, Op op, std::initializer_list<FieldType> types, const char* what) {
    const Field& f = check_field(L, 1);
    require_type(f, types, what);
    luaL_checkany(L, 2);
    std::string fixed = fixed_operand(L, 2);
    ConditionPtr prm = fixed.empty() ? param_operand(L, 2, f) : nullptr;
    Condition& c = leaf(L, op, f);
    if (prm) {
        c.operand = prm->operand;
        c.operand_param = prm->operand_param;
        c.param_name = prm->param_name;
    } else {
        c.operand = check_operand(L, 2, f);
    }
    c.fixed = std::move(fixed);
    return 1;
}

// fixed(value, "why") -> a constant for a comparison, marked as not the policy's own choice (so
// `check` does not ask for a parameter). [-2, +1]
int cond_fixed(lua_State* L) {
    luaL_checkany(L, 1);
    size_t len = 0;
    luaL_checklstring(L, 2, &len);
    if (len == 0 || len > 200) throw std::runtime_error("fixed: give the reason (at most 200 bytes)");
    lua_createtable(L, 0, 2);
    lua_pushvalue(L, 1);
    lua_setfield(L, -2, "value");
    lua_pushvalue(L, 2);
    lua_setfield(L, -2, "fixed");
    luaL_setmetatable(L, kFixed);
    return 1;
}

// equals("field", value) -> condition. [-2, +1]
int cond_equals(lua_State* L) {
    return push_compare(
        L, Op::Equals, {FieldType::String, FieldType::Bool, FieldType::Number, FieldType::Int, FieldType::Date, FieldType::Enum}, "equals");
}

// at_most("field", n) -> condition. [-2, +1]
int cond_at_most(lua_State* L) { return push_compare(L, Op::AtMost, {FieldType::Number, FieldType::Int}, "at_most"); }
// at_least("field", n) -> condition. [-2, +1]
int cond_at_least(lua_State* L) { return push_compare(L, Op::AtLeast, {FieldType::Number, FieldType::Int}, "at_least"); }
// below("field", n) -> condition. [-2, +1]
int cond_below(lua_State* L) { return push_compare(L, Op::Below, {FieldType::Number, FieldType::Int}, "below"); }
// above("field", n) -> condition. [-2, +1]
int cond_above(lua_State* L) { return push_compare(L, Op::Above, {FieldType::Number, FieldType::Int}, "above"); }
// on_or_before("field", date) -> condition. [-2, +1]
int cond_on_or_before(lua_State* L) { return push_compare(L, Op::AtMost, {FieldType::Date}, "on_or_before"); }
// on_or_after("field", date) -> condition. [-2, +1]
int cond_on_or_after(lua_State* L) { return push_compare(L, Op::AtLeast, {FieldType::Date}, "on_or_after"); }
// before("field", date) -> condition. [-2, +1]
int cond_before(lua_State* L) { return push_compare(L, Op::Below, {FieldType::Date}, "before"); }
// after("field", date) -> condition. [-2, +1]
int cond_after(lua_State* L) { return push_compare(L, Op::Above, {FieldType::Date}, "after"); }

// one_of("field", {v1, v2, ...}) -> condition. [-2, +1]
int cond_one_of(lua_State* L) {
    const Field& f = check_field(L, 1);
    luaL_checktype(L, 2, LUA_TTABLE);
    const lua_Integer n = luaL_len(L, 2);
    if (n < 1 || n > 1000) throw std::runtime_error("one_of: give between 1 and 1000 values");
    Condition& c = leaf(L, Op::OneOf, f);
    for (lua_Integer i = 1; i <= n; ++i) {
        lua_geti(L, 2, i);
        c.set.push_back(check_operand(L, -1, f));
        lua_pop(L, 1);
    }
    Sandbox::from(L)->account_host_bytes(static_cast<size_t>(n) * sizeof(Value));
    return 1;
}

// kind_is "word" -> condition: equals("kind", word). [-1, +1]
int cond_kind_is(lua_State* L) {
    lua_pushliteral(L, "kind");
    lua_insert(L, 1);
    return cond_equals(L);
}

// kind_in {words} -> condition: one_of("kind", words). [-1, +1]
int cond_kind_in(lua_State* L) {
    lua_pushliteral(L, "kind");
    lua_insert(L, 1);
    return cond_one_of(L);
}

void add_child(Condition& c, ConditionPtr child) {
    c.depth = std::max(c.depth, child->depth + 1);
    if (c.depth > kMaxConditionDepth)
        throw std::runtime_error(
            fmt::format("conditions nested more than {} deep (all, any and negate inside one another)", kMaxConditionDepth));
    c.children.push_back(std::move(child));
}

int push_combination(lua_State* L, Op op, const char* what) {
    luaL_checktype(L, 1, LUA_TTABLE);
    const lua_Integer n = luaL_len(L, 1);
    if (n < 1 || n > 1000) throw std::runtime_error(fmt::format("{}: give between 1 and 1000 conditions", what));
    Condition& c = new_condition(L, op);
    for (lua_Integer i = 1; i <= n; ++i) {
        lua_geti(L, 1, i);
        add_child(c, check_condition(L, -1));
        lua_pop(L, 1);
    }
    Sandbox::from(L)->account_host_bytes(static_cast<size_t>(n) * sizeof(ConditionPtr));
    return 1;
}

// all {c1, c2, ...} -> condition (three-valued and). [-1, +1]
int cond_all(lua_State* L) { return push_combination(L, Op::All, "all"); }
// any {c1, c2, ...} -> condition (three-valued or). [-1, +1]
int cond_any(lua_State* L) { return push_combination(L, Op::Any, "any"); }

// negate(c) -> condition. [-1, +1]
int cond_negate(lua_State* L) {
    luaL_checkany(L, 1);
    Condition& c = new_condition(L, Op::Not);
    add_child(c, check_condition(L, 1));
    return 1;
}

// check("what it checks", function(p, params) ... end) -> condition. [-2, +1]
int cond_check(lua_State* L) {
    size_t len = 0;
    const char* label = luaL_checklstring(L, 1, &len);
    luaL_checktype(L, 2, LUA_TFUNCTION);
    if (len > kMaxHostText) throw std::runtime_error(fmt::format("check: the description is longer than {} bytes", kMaxHostText));
    Condition& c = new_condition(L, Op::Custom);
    c.label.assign(label, len);
    lua_pushvalue(L, 2);
    c.ref = luaL_ref(L, LUA_REGISTRYINDEX);
    Sandbox::from(L)->account_host_bytes(len);
    return 1;
}

// tostring(c) -> the condition in words. [-1, +1]
int cond_tostring(lua_State* L) {
    char buf[512];
    {
        const std::string s = describe(*check_condition(L, 1), Sandbox::from(L)->schema());
        std::snprintf(buf, sizeof buf, "%s", s.c_str());
    }
    lua_pushstring(L, buf);
    return 1;
}

// Destroys the shared pointer. [-1, +0]
int cond_gc(lua_State* L) {
    static_cast<ConditionPtr*>(luaL_checkudata(L, 1, kCondition))->~ConditionPtr();
    return 0;
}

const luaL_Reg kConstructors[] = {
    {"is_true", trampoline<cond_is_true>},
    {"is_false", trampoline<cond_is_false>},
    {"known", trampoline<cond_known>},
    {"absent", trampoline<cond_absent>},
    {"equals", trampoline<cond_equals>},
    {"one_of", trampoline<cond_one_of>},
    {"kind_is", trampoline<cond_kind_is>},
    {"kind_in", trampoline<cond_kind_in>},
    {"at_most", trampoline<cond_at_most>},
    {"at_least", trampoline<cond_at_least>},
    {"below", trampoline<cond_below>},
    {"above", trampoline<cond_above>},
    {"on_or_before", trampoline<cond_on_or_before>},
    {"on_or_after", trampoline<cond_on_or_after>},
    {"before", trampoline<cond_before>},
    {"after", trampoline<cond_after>},
    {"all", trampoline<cond_all>},
    {"any", trampoline<cond_any>},
    {"negate", trampoline<cond_negate>},
    {"check", trampoline<cond_check>},
    {"fixed", trampoline<cond_fixed>},
    {nullptr, nullptr},
};

const luaL_Reg kMeta[] = {
    {"__tostring", trampoline<cond_tostring>},
    {"__gc", cond_gc},
    {nullptr, nullptr},
};

// Pushes a condition userdata holding `c`. [-0, +1]
void push_condition_ptr(lua_State* L, ConditionPtr c) {
    auto* slot = static_cast<ConditionPtr*>(lua_newuserdatauv(L, sizeof(ConditionPtr), 0));
    new (slot) ConditionPtr();
    luaL_setmetatable(L, kCondition);
    *slot = std::move(c);
}

}  // namespace

Condition& new_condition(lua_State* L, Condition::Op op) {
    PolicyBuilder* b = loading_builder(L);
    if (!b || !b->open) throw std::runtime_error("conditions can only be made while the policy loads (in rule declarations)");
    auto* slot = static_cast<ConditionPtr*>(lua_newuserdatauv(L, sizeof(ConditionPtr), 0));
    new (slot) ConditionPtr();  // empty until filled: the userdata owns whatever follows
    luaL_setmetatable(L, kCondition);
    auto c = std::make_shared<Condition>();
    c->op = op;
    *slot = std::move(c);
    Sandbox::from(L)->account_host_bytes(sizeof(Condition) + 32);
    return const_cast<Condition&>(**slot);
}

ConditionPtr negation_of(lua_State* L, int idx) {
    auto n = std::make_shared<Condition>();
    n->op = Op::Not;
    add_child(*n, check_condition(L, idx));
    return n;
}

ConditionPtr check_condition(lua_State* L, int idx) {
    auto* p = static_cast<ConditionPtr*>(luaL_testudata(L, idx, kCondition));
    if (!p || !*p) throw std::runtime_error(fmt::format("expected a condition, got a {}", luaL_typename(L, idx)));
    if ((*p)->op == Op::Param && (*p)->operand_param >= 0)
        throw std::runtime_error(
            fmt::format("param '{}' is a value, not a condition: compare a field with it, e.g. at_most(\"field\", param \"{}\")",
                        (*p)->param_name, (*p)->param_name));
    return *p;
}

void push_condition(lua_State* L, ConditionPtr c) { push_condition_ptr(L, std::move(c)); }

void open_condition(Sandbox& sb) {
    lua_State* L = sb.state();
    luaL_newmetatable(L, kCondition);
    luaL_setfuncs(L, kMeta, 0);
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");
    lua_pop(L, 1);
    luaL_newmetatable(L, kFixed);  // marks fixed(...) values; no methods
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");
    lua_pop(L, 1);
    for (const luaL_Reg* r = kConstructors; r->name; ++r) sb.register_api(r->name, r->func);
    push_condition_ptr(L, std::make_shared<Condition>());
    sb.set_api_value("always");
}

}  // namespace inkoop::lua

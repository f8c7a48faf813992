#include "policy_test_loader.hpp"

#include <fmt/format.h>
#include <lua.hpp>

#include "core/model/schema.hpp"
#include "lua_types.hpp"
#include "sandbox.hpp"
#include "trampoline.hpp"

namespace inkoop::lua {
namespace {

char kCasesKey;      // registry: the TestFile being read
int unknown_marker;  // its address stands for an unknown fact in test providers

struct TestFile {
    std::string default_policy;
    std::vector<TestCase> cases;
    TestCase current;  // the case being read (scratch that outlives a Lua error)
};

TestFile& test_file(lua_State* L) {
    lua_rawgetp(L, LUA_REGISTRYINDEX, &kCasesKey);
    auto* f = static_cast<TestFile*>(lua_touserdata(L, -1));
    lua_pop(L, 1);
    return *f;
}

bool is_unknown(lua_State* L, int idx) { return lua_islightuserdata(L, idx) && lua_touserdata(L, idx) == &unknown_marker; }

nlohmann::json scalar_json(lua_State* L, int idx, const std::string& key) {
    switch (lua_type(L, idx)) {
    case LUA_TSTRING: return lua_tostring(L, idx);
    case LUA_TBOOLEAN: return static_cast<bool>(lua_toboolean(L, idx));
    case LUA_TNUMBER:
        if (lua_isinteger(L, idx)) return lua_tointeger(L, idx);
        return lua_tonumber(L, idx);
    default:
        if (is_unknown(L, idx)) return nullptr;
        if (const auto d = to_date(L, idx)) return d->iso();
        throw std::runtime_error(fmt::format("provider field '{}': a {} is not a value", key, luaL_typename(L, idx)));
    }
}

// The table at `idx` (string keys, scalar values) as a JSON object.
nlohmann::json object_json(lua_State* L, int idx, const char* what) {
    idx = lua_absindex(L, idx);
    nlohmann::json j = nlohmann::json::object();
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        Sandbox::from(L)->charge_or_throw(1);  // a walk over test data: linear and charged
        if (lua_type(L, -2) != LUA_TSTRING) {
            lua_pop(L, 2);
            throw std::runtime_error(fmt::format("{}: keys must be field names", what));
        }
        const std::string key = lua_tostring(L, -2);
        j[key] = scalar_json(L, -1, key);
        lua_pop(L, 1);
    }
    return j;
}

std::optional<std::vector<std::string>> optional_list(lua_State* L, int idx, const char* key) {
    lua_getfield(L, idx, key);
    const bool present = !lua_isnil(L, -1);
    lua_pop(L, 1);
    if (!present) return std::nullopt;
    return table_strings(L, idx, key);
}

std::optional<std::string> optional_string(lua_State* L, int idx, const char* key) {
    std::string s = table_string(L, idx, key, false);
    if (s.empty()) return std::nullopt;
    return s;
}

// Reads the case table at index 1 into `t`.
void read_case(lua_State* L, TestCase& t) {
    static const char* const kKeys[] = {"policy",  "provider", "params",      "outcome",   "grounds",  "sections",
                                        "missing", "review",   "conditions",  "excluded",  "settings", "surcharges",
                                        "tariff",  "contract", "conditional", "open_facts"};
    lua_pushnil(L);
    while (lua_next(L, 1)) {
        lua_pop(L, 1);
        const char* k = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : "";
        const bool ok = std::any_of(std::begin(kKeys), std::end(kKeys), [&](const char* a) { return std::strcmp(a, k) == 0; });
        if (!ok) {
            const std::string key = k;
            lua_pop(L, 1);
            const std::string near = closest_match(key, std::vector<std::string>(std::begin(kKeys), std::end(kKeys)));
            throw std::runtime_error(fmt::format("unknown key '{}'{}", key, near.empty() ? "" : " (did you mean " + near + "?)"));
        }
    }
    if (auto p = optional_string(L, 1, "policy")) t.policy = *p;
    if (t.policy.empty()) throw std::runtime_error("no policy (use \"id\" or policy = \"id\")");
    lua_getfield(L, 1, "provider");
    if (!lua_istable(L, -1)) throw std::runtime_error("provider must be a table");
    t.provider = object_json(L, -1, "provider");
    lua_pop(L, 1);
    lua_getfield(L, 1, "params");
    if (lua_istable(L, -1)) {
        const auto params = object_json(L, -1, "params");
        for (const auto& [k, v] : params.items()) t.settings.push_back(k + "=" + (v.is_string() ? v.get<std::string>() : v.dump()));
    }
    lua_pop(L, 1);
    t.outcome = optional_string(L, 1, "outcome");
    if (t.outcome && !outcome_from_name(*t.outcome))
        throw std::runtime_error(fmt::format("outcome '{}' is not offer, refuse, review or incomplete", *t.outcome));
    t.grounds = optional_list(L, 1, "grounds");
    t.sections = optional_list(L, 1, "sections");
    t.missing = optional_list(L, 1, "missing");
    t.review = optional_list(L, 1, "review");
    t.conditions = optional_list(L, 1, "conditions");
    t.conditional = optional_list(L, 1, "conditional");
    t.open_facts = optional_list(L, 1, "open_facts");
    t.excluded = optional_list(L, 1, "excluded");
    t.settings_expected = optional_list(L, 1, "settings");
    t.surcharges = optional_list(L, 1, "surcharges");
    t.tariff = optional_string(L, 1, "tariff");
    lua_getfield(L, 1, "contract");
    if (lua_istable(L, -1)) {
        const int c = lua_gettop(L);
        t.contract_type = optional_string(L, c, "type");
        t.start = optional_string(L, c, "from");
        t.end = optional_string(L, c, "to");
        t.sign_by = optional_string(L, c, "sign_by");
    }
    lua_pop(L, 1);
}

// The function `test "name"` returns: takes the case table. [-1, +0]
int add_case(lua_State* L) {
    luaL_checktype(L, 1, LUA_TTABLE);
    TestFile& f = test_file(L);
    TestCase& t = f.current;
    t = TestCase{};
    t.name = lua_tostring(L, lua_upvalueindex(1));
    t.where = lua_tostring(L, lua_upvalueindex(2));
    t.policy = f.default_policy;
    // A malformed case is that case's failure; the file's other cases still run.
    try {
        read_case(L, t);
    } catch (const std::exception& e) {
        t.malformed = e.what();
    }
    f.cases.push_back(std::move(t));
    return 0;
}

// test "name" -> function taking the case table. [-1, +1]
int decl_test(lua_State* L) {
    luaL_checkstring(L, 1);
    lua_Debug ar;
    char where[300] = "?";
    if (lua_getstack(L, 1, &ar) && lua_getinfo(L, "Sl", &ar)) std::snprintf(where, sizeof where, "%s:%d", ar.short_src, ar.currentline);
    lua_pushvalue(L, 1);
    lua_pushstring(L, where);
    lua_pushcclosure(L, trampoline<add_case>, 2);
    return 1;
}

// use "policy-id": the policy of the cases that follow. [-1, +0]
int decl_use(lua_State* L) {
    test_file(L).default_policy = luaL_checkstring(L, 1);
    return 0;
}

// with(base, changes) -> a copy of base with changes applied (unknown removes a fact). [-2, +1]
int with_changes(lua_State* L) {
    luaL_checktype(L, 1, LUA_TTABLE);
    luaL_checktype(L, 2, LUA_TTABLE);
    lua_newtable(L);
    for (int src : {1, 2}) {
        lua_pushnil(L);
        while (lua_next(L, src)) {
            Sandbox::from(L)->charge_or_throw(1);  // a walk over test data: linear and charged
            lua_pushvalue(L, -2);
            lua_insert(L, -2);
            if (is_unknown(L, -1)) {
                lua_pop(L, 1);
                lua_pushnil(L);
            }
            lua_rawset(L, 3);
        }
    }
    return 1;
}

}  // namespace

std::vector<TestCase> load_test_file(std::string_view code, const std::string& chunkname, Limits limits) {
    Sandbox sb(limits);
    sb.set_label(chunkname);
    TestFile file;
    sb.protect([&](lua_State* L) {
        open_date(sb);
        lua_pushlightuserdata(L, &file);
        lua_rawsetp(L, LUA_REGISTRYINDEX, &kCasesKey);
        sb.register_api("test", trampoline<decl_test>);
        sb.register_api("use", trampoline<decl_use>);
        sb.register_api("with", trampoline<with_changes>);
        lua_pushlightuserdata(L, &unknown_marker);
        sb.set_api_value("unknown");
    });
    sb.begin_run();
    try {
        sb.protect([&](lua_State* L) {
            sb.push_new_env();
            sb.load(code, chunkname, -1);
            sb.call(0, 0);
            (void)L;
        });
    } catch (...) {
        sb.end_run();
        throw;
    }
    sb.end_run();
    return std::move(file.cases);
}

}  // namespace inkoop::lua

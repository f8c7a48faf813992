// inkoop.contract: the contract an offer function proposes (type, period, sign-by date,
// settings it is limited to, treatments excluded).
#include <fmt/format.h>
#include <new>

#include "lua_types.hpp"
#include "sandbox.hpp"
#include "trampoline.hpp"

namespace inkoop::lua {
namespace {

constexpr const char* kContract = "inkoop.contract";

Date required_date(lua_State* L, int idx, const char* key) {
    lua_getfield(L, idx, key);
    const auto d = to_date(L, -1);
    lua_pop(L, 1);
    if (!d) throw std::runtime_error(fmt::format("contract: field '{}' must be a date", key));
    return *d;
}

// contract { type=, from=, to=, sign_by=, section=, settings={}, excluded={} } -> contract. [-1, +1]
int contract_new(lua_State* L) {
    luaL_checktype(L, 1, LUA_TTABLE);
    Contract c;
    c.type = table_string(L, 1, "type", true);
    c.start = required_date(L, 1, "from");
    c.end = required_date(L, 1, "to");
    lua_getfield(L, 1, "sign_by");
    if (!lua_isnil(L, -1)) c.sign_by = to_date(L, -1);
    const bool bad_sign_by = !lua_isnil(L, -1) && !c.sign_by;
    lua_pop(L, 1);
    if (bad_sign_by) throw std::runtime_error("contract: field 'sign_by' must be a date");
    c.section = table_string(L, 1, "section", true);
    c.settings = table_strings(L, 1, "settings");
    c.excluded = table_strings(L, 1, "excluded");
    if (c.end < c.start) throw std::runtime_error(fmt::format("contract: ends ({}) before it starts ({})", c.end.iso(), c.start.iso()));
    push_contract(L, std::move(c));
    return 1;
}

// Destroys the contract. [-1, +0]
int contract_gc(lua_State* L) {
    static_cast<Contract*>(luaL_checkudata(L, 1, kContract))->~Contract();
    return 0;
}

// tostring(c) -> "contract vrijgevestigde 2024-01-01..2024-12-31". [-1, +1]
int contract_tostring(lua_State* L) {
    const Contract& c = check_contract(L, 1);
    char buf[256];
    std::snprintf(buf, sizeof buf, "contract %s %04d-%02d-%02d..%04d-%02d-%02d", c.type.c_str(), c.start.year(),
                  c.start.month(), c.start.day(), c.end.year(), c.end.month(), c.end.day());
    lua_pushstring(L, buf);
    return 1;
}

}  // namespace

const Contract& check_contract(lua_State* L, int idx) {
    return *static_cast<const Contract*>(luaL_checkudata(L, idx, kContract));
}

std::optional<Contract> to_contract(lua_State* L, int idx) {
    if (const auto* c = static_cast<const Contract*>(luaL_testudata(L, idx, kContract))) return *c;
    return std::nullopt;
}

void push_contract(lua_State* L, Contract c) {
    new (lua_newuserdatauv(L, sizeof(Contract), 0)) Contract(std::move(c));
    luaL_setmetatable(L, kContract);
}

void open_contract(Sandbox& sb) {
    lua_State* L = sb.state();
    luaL_newmetatable(L, kContract);
    lua_pushcfunction(L, contract_gc);
    lua_setfield(L, -2, "__gc");
    lua_pushcfunction(L, contract_tostring);
    lua_setfield(L, -2, "__tostring");
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");
    lua_pop(L, 1);
    sb.register_api("contract", trampoline<contract_new>);
}

}  // namespace inkoop::lua

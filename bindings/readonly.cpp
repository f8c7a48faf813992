// Read-only tables: a proxy whose metatable reads through to the contents and refuses writes;
// the frozen policy's tables and the library tables policies see.
#include <lua.hpp>

#include "sandbox.hpp"
#include "sandbox_internal.hpp"

namespace inkoop::lua {
namespace internal {
namespace {

// #t of a read-only table: the length of its contents (upvalue 1). [-1, +1]
int readonly_len(lua_State* L) {
    lua_pushinteger(L, static_cast<lua_Integer>(lua_rawlen(L, lua_upvalueindex(1))));
    return 1;
}

// pairs(t) of a read-only table: safe_next over it (its contents are never handed out). [-1, +3]
int frozen_pairs(lua_State* L) {
    lua_pushcfunction(L, safe_next);
    lua_pushvalue(L, 1);
    lua_pushnil(L);
    return 3;
}

// Rejects writes to a read-only table. [-3, +0]
int deny_write(lua_State* L) {
    char key[128];
    copy_message(key, sizeof key, L, 2);
    return luaL_error(L, "attempt to modify read-only table (key '%s')", key);
}

}  // namespace

// Replaces the table on top with a read-only proxy of it. [-1, +1]
void make_readonly_proxy(lua_State* L) {
    const int real = lua_gettop(L);
    lua_newtable(L);
    set_readonly_metatable(L, -1, real, deny_write);
    lua_replace(L, real);
}

}  // namespace internal

using namespace internal;

bool push_frozen_contents(lua_State* L, int idx) {
    if (lua_type(L, idx) != LUA_TTABLE || !lua_getmetatable(L, idx)) return false;
    if (lua_rawgetp(L, -1, &kFrozenMarker) != LUA_TTABLE) {
        lua_pop(L, 2);
        return false;
    }
    lua_remove(L, -2);
    return true;
}

void set_readonly_metatable(lua_State* L, int proxy, int contents, lua_CFunction on_write) {
    proxy = lua_absindex(L, proxy);
    contents = lua_absindex(L, contents);
    // Each function gets the contents as upvalue 1; the null entries are placeholders (false),
    // __metatable's stays false so that getmetatable/setmetatable cannot reach this table.
    static const luaL_Reg kMeta[] = {{"__len", readonly_len}, {"__pairs", frozen_pairs}, {"__index", nullptr},
                                     {"__newindex", nullptr}, {"__metatable", nullptr},  {nullptr, nullptr}};
    lua_createtable(L, 0, 6);
    lua_pushvalue(L, contents);
    luaL_setfuncs(L, kMeta, 1);
    lua_pushvalue(L, contents);
    lua_setfield(L, -2, "__index");
    lua_pushcfunction(L, on_write);
    lua_setfield(L, -2, "__newindex");
    lua_pushvalue(L, contents);
    lua_rawsetp(L, -2, &kFrozenMarker);
    lua_setmetatable(L, proxy);
}

}  // namespace inkoop::lua

#include "freeze.hpp"

#include <cstring>
#include <lua.hpp>
#include <set>

namespace inkoop::lua {
namespace {

// Rejects assignment to a global of a loaded policy. [-3, +0]
int deny_global(lua_State* L) {
    const char* key = lua_type(L, 2) == LUA_TSTRING ? lua_tostring(L, 2) : "?";
    return luaL_error(L, "assignment to global '%s': a policy keeps no state between decisions", key);
}

// Rejects writes to a table the policy built while loading. [-3, +0]
int deny_table_write(lua_State* L) {
    return luaL_error(L, "attempt to modify a table of the policy after it loaded (tables are read-only while deciding)");
}

// #t of a frozen table: the length of its contents (upvalue 1). [-1, +1]
int frozen_len(lua_State* L) {
    lua_pushinteger(L, static_cast<lua_Integer>(lua_rawlen(L, lua_upvalueindex(1))));
    return 1;
}

// pairs(t) of a frozen table: next over its contents (upvalue 1). [-1, +3]
int frozen_pairs(lua_State* L) {
    lua_getglobal(L, "next");
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_pushnil(L);
    return 3;
}

class Freezer {
public:
    explicit Freezer(lua_State* L) : L_(L) {}

    // Moves the table's contents into a shadow table behind a read-only metatable. [-0, +0]
    void freeze_table(int idx, lua_CFunction deny) {
        idx = lua_absindex(L_, idx);
        lua_newtable(L_);  // shadow
        const int shadow = lua_gettop(L_);
        if (lua_getmetatable(L_, idx)) lua_setmetatable(L_, shadow);  // keeps the environment's __index
        lua_pushnil(L_);
        while (lua_next(L_, idx)) {
            lua_pushvalue(L_, -2);
            lua_insert(L_, -2);
            lua_rawset(L_, shadow);
        }
        for (;;) {  // clear the original
            lua_pushnil(L_);
            if (!lua_next(L_, idx)) break;
            lua_pop(L_, 1);
            lua_pushnil(L_);
            lua_rawset(L_, idx);
        }
        lua_createtable(L_, 0, 5);
        lua_pushvalue(L_, shadow);
        lua_setfield(L_, -2, "__index");
        lua_pushcfunction(L_, deny);
        lua_setfield(L_, -2, "__newindex");
        lua_pushvalue(L_, shadow);
        lua_pushcclosure(L_, frozen_len, 1);
        lua_setfield(L_, -2, "__len");
        lua_pushvalue(L_, shadow);
        lua_pushcclosure(L_, frozen_pairs, 1);
        lua_setfield(L_, -2, "__pairs");
        lua_pushboolean(L_, 0);
        lua_setfield(L_, -2, "__metatable");
        lua_setmetatable(L_, idx);
        visit_contents(shadow);
        lua_pop(L_, 1);
    }

    // Freezes what the value at `idx` reaches. [-0, +0]
    void visit(int idx) {
        idx = lua_absindex(L_, idx);
        const void* p = lua_topointer(L_, idx);
        if (!p || !seen_.insert(p).second) return;
        if (lua_type(L_, idx) == LUA_TTABLE) {
            // Tables with a metatable are the host's (API proxies, frozen tables); policies
            // cannot set metatables.
            if (!lua_getmetatable(L_, idx)) freeze_table(idx, deny_table_write);
            else lua_pop(L_, 1);
        } else if (lua_type(L_, idx) == LUA_TFUNCTION && !lua_iscfunction(L_, idx)) {
            visit_upvalues(idx);
        }
    }

    std::vector<UpvalueSnapshot> snapshot;

private:
    void visit_contents(int table) {
        lua_pushnil(L_);
        while (lua_next(L_, table)) {
            visit(-1);
            visit(-2);
            lua_pop(L_, 1);
        }
    }

    void visit_upvalues(int fn) {
        for (int i = 1;; ++i) {
            const char* name = lua_getupvalue(L_, fn, i);
            if (!name) break;
            const void* id = lua_upvalueid(L_, fn, i);
            const bool is_env = std::strcmp(name, "_ENV") == 0;
            if (!is_env && upvalues_.insert(id).second) {
                lua_pushvalue(L_, fn);
                const int fref = luaL_ref(L_, LUA_REGISTRYINDEX);
                lua_pushvalue(L_, -1);
                const int vref = luaL_ref(L_, LUA_REGISTRYINDEX);
                snapshot.push_back({fref, i, vref});
            }
            if (!is_env) visit(-1);
            lua_pop(L_, 1);
        }
    }

    lua_State* L_;
    std::set<const void*> seen_;
    std::set<const void*> upvalues_;
};

}  // namespace

std::vector<UpvalueSnapshot> freeze_policy(lua_State* L, int envs_index, const std::vector<int>& roots) {
    envs_index = lua_absindex(L, envs_index);
    Freezer f(L);
    const auto n = static_cast<lua_Integer>(lua_rawlen(L, envs_index));
    for (lua_Integer i = 1; i <= n; ++i) {
        lua_rawgeti(L, envs_index, i);
        f.freeze_table(-1, deny_global);
        lua_pop(L, 1);
    }
    for (int ref : roots) {
        lua_rawgeti(L, LUA_REGISTRYINDEX, ref);
        f.visit(-1);
        lua_pop(L, 1);
    }
    return std::move(f.snapshot);
}

void restore_upvalues(lua_State* L, const std::vector<UpvalueSnapshot>& snapshot) {
    for (const auto& s : snapshot) {
        lua_rawgeti(L, LUA_REGISTRYINDEX, s.function_ref);
        lua_getupvalue(L, -1, s.index);
        lua_rawgeti(L, LUA_REGISTRYINDEX, s.value_ref);
        if (!lua_rawequal(L, -1, -2)) {
            lua_setupvalue(L, -3, s.index);
            lua_pop(L, 2);
        } else {
            lua_pop(L, 3);
        }
    }
}

}  // namespace inkoop::lua

#include "freeze.hpp"

#include <cstring>
#include <lua.hpp>

#include "declarations.hpp"
#include "sandbox.hpp"

namespace inkoop::lua {
namespace {

char kSnapshotKey;  // registry: the snapshot the protected freeze leaves for the host

// Rejects assignment to a global of a loaded policy. [-3, +0]
int deny_global(lua_State* L) {
    const char* key = lua_type(L, 2) == LUA_TSTRING ? lua_tostring(L, 2) : "?";
    return luaL_error(L, "assignment to global '%s': a policy keeps no state between decisions", key);
}

// Rejects writes to a table the policy built while loading. [-3, +0]
int deny_table_write(lua_State* L) {
    return luaL_error(L, "attempt to modify a table of the policy after it loaded (tables are read-only while deciding)");
}

// The walk's state: absolute stack indexes of its tables, and the size of its work list.
struct Walk {
    int seen, upvalues, todo, snapshot;
    lua_Integer top = 0, snapshots = 0;
};

void push_todo(lua_State* L, Walk& w, int idx) {
    lua_pushvalue(L, idx);
    lua_rawseti(L, w.todo, ++w.top);
}

// Moves the table's contents into a new contents table behind a read-only metatable, and puts
// what the contents reach on the work list. [-0, +0]
void freeze_table(lua_State* L, Walk& w, int idx, lua_CFunction deny) {
    idx = lua_absindex(L, idx);
    lua_newtable(L);  // the contents
    const int contents = lua_gettop(L);
    if (lua_getmetatable(L, idx)) lua_setmetatable(L, contents);  // keeps the environment's __index
    // One pass, linear in the table's size and charged per entry: each entry is copied into the
    // contents and cleared in the original as the traversal passes it (lua_next allows clearing
    // the field it stands on; restarting from nil after each deletion made this quadratic).
    lua_pushnil(L);
    while (lua_next(L, idx)) {  // key, value
        Sandbox::from(L)->charge(1);
        push_todo(L, w, -1);
        push_todo(L, w, -2);
        lua_pushvalue(L, -2);  // key, value, key
        lua_insert(L, -2);     // key, key, value
        lua_rawset(L, contents);
        lua_pushvalue(L, -1);  // key, key
        lua_pushnil(L);
        lua_rawset(L, idx);  // the original's field cleared; the key stays for lua_next
    }
    set_readonly_metatable(L, idx, contents, deny);
    lua_pop(L, 1);
}

// Visits one value taken off the work list (on top of the stack). [-1, +0]
void visit(lua_State* L, Walk& w) {
    const int v = lua_gettop(L);
    const int type = lua_type(L, v);
    if ((type != LUA_TTABLE && type != LUA_TFUNCTION) || lua_iscfunction(L, v)) {
        lua_pop(L, 1);
        return;
    }
    lua_pushvalue(L, v);
    if (lua_rawget(L, w.seen) != LUA_TNIL) {
        lua_pop(L, 2);
        return;
    }
    lua_pop(L, 1);
    lua_pushvalue(L, v);
    lua_pushboolean(L, 1);
    lua_rawset(L, w.seen);
    Sandbox::from(L)->charge(1);
    if (type == LUA_TTABLE) {
        // Tables with a metatable are the host's (API proxies, frozen tables); policies cannot set
        // metatables.
        if (!lua_getmetatable(L, v))
            freeze_table(L, w, v, deny_table_write);
        else
            lua_pop(L, 1);
    } else {
        for (int i = 1;; ++i) {
            const char* name = lua_getupvalue(L, v, i);
            if (!name) break;
            const bool is_env = std::strcmp(name, "_ENV") == 0;
            if (!is_env) {
                lua_pushlightuserdata(L, lua_upvalueid(L, v, i));
                if (lua_rawget(L, w.upvalues) == LUA_TNIL) {
                    lua_pushlightuserdata(L, lua_upvalueid(L, v, i));
                    lua_pushboolean(L, 1);
                    lua_rawset(L, w.upvalues);
                    lua_pushvalue(L, v);
                    lua_rawseti(L, w.snapshot, ++w.snapshots);
                    lua_pushinteger(L, i);
                    lua_rawseti(L, w.snapshot, ++w.snapshots);
                    lua_pushvalue(L, -2);
                    lua_rawseti(L, w.snapshot, ++w.snapshots);
                }
                lua_pop(L, 1);
                push_todo(L, w, -1);
            }
            lua_pop(L, 1);
        }
    }
    lua_pop(L, 1);
}

}  // namespace

std::vector<UpvalueSnapshot> freeze_policy(Sandbox& sb, const std::vector<int>& roots) {
    lua_State* L = sb.state();
    sb.protect([&roots](lua_State* L) {
        Walk w{};
        lua_newtable(L);
        w.seen = lua_gettop(L);
        lua_newtable(L);
        w.upvalues = lua_gettop(L);
        lua_newtable(L);
        w.todo = lua_gettop(L);
        lua_newtable(L);
        w.snapshot = lua_gettop(L);
        push_envs(L);
        const int envs = lua_gettop(L);
        const auto n = static_cast<lua_Integer>(lua_rawlen(L, envs));
        for (lua_Integer i = 1; i <= n; ++i) {
            lua_rawgeti(L, envs, i);
            freeze_table(L, w, -1, deny_global);
            lua_pop(L, 1);
        }
        for (int ref : roots) {
            lua_rawgeti(L, LUA_REGISTRYINDEX, ref);
            lua_rawseti(L, w.todo, ++w.top);
        }
        while (w.top > 0) {
            lua_rawgeti(L, w.todo, w.top);
            lua_pushnil(L);
            lua_rawseti(L, w.todo, w.top--);
            visit(L, w);
        }
        // The snapshot as (function ref, upvalue index, value ref) triples, for the host to read.
        lua_newtable(L);
        const int refs = lua_gettop(L);
        for (lua_Integer i = 1; i <= w.snapshots; i += 3) {
            lua_rawgeti(L, w.snapshot, i);
            lua_pushinteger(L, luaL_ref(L, LUA_REGISTRYINDEX));
            lua_rawseti(L, refs, i);
            lua_rawgeti(L, w.snapshot, i + 1);
            lua_rawseti(L, refs, i + 1);
            lua_rawgeti(L, w.snapshot, i + 2);
            lua_pushinteger(L, luaL_ref(L, LUA_REGISTRYINDEX));
            lua_rawseti(L, refs, i + 2);
        }
        lua_rawsetp(L, LUA_REGISTRYINDEX, &kSnapshotKey);
    });
    std::vector<UpvalueSnapshot> snapshot;
    lua_rawgetp(L, LUA_REGISTRYINDEX, &kSnapshotKey);
    const auto n = static_cast<lua_Integer>(lua_rawlen(L, -1));
    for (lua_Integer i = 1; i + 2 <= n; i += 3) {
        int v[3];
        for (int k = 0; k < 3; ++k) {
            lua_rawgeti(L, -1, i + k);
            v[k] = static_cast<int>(lua_tointeger(L, -1));
            lua_pop(L, 1);
        }
        snapshot.push_back({v[0], v[1], v[2]});
    }
    lua_pop(L, 1);
    lua_pushnil(L);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &kSnapshotKey);
    return snapshot;
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

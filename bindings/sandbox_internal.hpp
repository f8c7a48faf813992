// What the sandbox's files share (sandbox.cpp: the state and its limits; restricted_libs.cpp: the
// guarded standard library and the surface it is built from; readonly.cpp: read-only tables).
// Internal to bindings/.
#pragma once

#include <lua.hpp>

#include "sandbox.hpp"

namespace inkoop::lua::internal {

// Registry keys: addresses, so that looking one up never allocates (a string key could).
extern char kApiKey, kHandlerKey, kFrozenMarker;

// Copies the value at `idx` as text into `buf`, so no C++ string outlives a Lua call. [-0, +0]
void copy_message(char* buf, size_t size, lua_State* L, int idx);
// next(t, k) that sees through a read-only table to its contents. [-2, +2]
int safe_next(lua_State* L);
// Replaces the table on top with a read-only proxy of it. [-1, +1]
void make_readonly_proxy(lua_State* L);

}  // namespace inkoop::lua::internal

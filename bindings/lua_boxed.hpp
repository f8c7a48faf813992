// Exposed value types that policies build and the host reads back (contract{}, tariff{}): a C++
// value boxed in a userdata. The box is made first and filled after (so a Lua error while reading
// the constructor's table leaks nothing), and the host memory its strings use is counted against
// the state's memory cap for as long as the box lives.
#pragma once

#include <lua.hpp>
#include <new>
#include <optional>

#include "sandbox.hpp"

namespace inkoop::lua {

template <class T>
struct Box {
    T value{};
    size_t counted = 0;  // host bytes counted for this box, released by __gc
};

// Pushes a new, empty box of type `name` and returns its value to fill. [-0, +1]
template <class T>
T& push_box(lua_State* L, const char* name) {
    auto* box = static_cast<Box<T>*>(lua_newuserdatauv(L, sizeof(Box<T>), 0));
    new (box) Box<T>();
    luaL_setmetatable(L, name);
    return box->value;
}

// Counts `bytes` for the box on top of the stack (once it is filled). Throws when over the cap.
template <class T>
void count_box(lua_State* L, size_t bytes) {
    auto* box = static_cast<Box<T>*>(lua_touserdata(L, -1));
    Sandbox::from(L)->account_host_bytes(bytes);
    box->counted += bytes;
}

template <class T>
const T* test_box(lua_State* L, int idx, const char* name) {
    const auto* box = static_cast<const Box<T>*>(luaL_testudata(L, idx, name));
    return box ? &box->value : nullptr;
}

// The value in a box `name` at `idx`, or nullopt for anything else.
template <class T>
std::optional<T> to_box(lua_State* L, int idx, const char* name) {
    if (const T* v = test_box<T>(L, idx, name)) return *v;
    return std::nullopt;
}

template <class T>
const T& check_box(lua_State* L, int idx, const char* name) {
    return static_cast<const Box<T>*>(luaL_checkudata(L, idx, name))->value;
}

// __gc: gives back the counted bytes and destroys the value. [-1, +0]
template <class T>
int gc_box(lua_State* L) {
    auto* box = static_cast<Box<T>*>(lua_touserdata(L, 1));
    if (!box) return 0;
    Sandbox::from(L)->release_host_bytes(box->counted);
    box->~Box<T>();
    return 0;
}

// Creates the metatable `name` (its __tostring, __gc, locked) and registers the type's constructor
// as the API function `api`. [-0, +0]
template <class T>
void open_box_type(Sandbox& sb, const char* name, lua_CFunction tostring, const char* api, lua_CFunction constructor) {
    lua_State* L = sb.state();
    luaL_newmetatable(L, name);
    lua_pushcfunction(L, tostring);
    lua_setfield(L, -2, "__tostring");
    lua_pushcfunction(L, gc_box<T>);
    lua_setfield(L, -2, "__gc");
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");
    lua_pop(L, 1);
    sb.register_api(api, constructor);
}

}  // namespace inkoop::lua

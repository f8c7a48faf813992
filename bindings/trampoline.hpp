// The one place where C++ exceptions become Lua errors. A bridge function written as
// `int f(lua_State*)` may throw; registered as `trampoline<f>` the exception is caught, its
// message copied to a plain buffer, and only then, with no C++ object left alive in this frame,
// raised as a Lua error with the caller's position.
#pragma once

#include <cstring>
#include <exception>

#include <lua.hpp>

namespace inkoop::lua {

template <int (*F)(lua_State*)>
int trampoline(lua_State* L) {
    char message[1024];
    try {
        return F(L);
    } catch (const std::exception& e) {
        std::strncpy(message, e.what(), sizeof message - 1);
    } catch (...) {
        std::strncpy(message, "unexpected host error", sizeof message - 1);
    }
    message[sizeof message - 1] = '\0';
    return luaL_error(L, "%s", message);
}

}  // namespace inkoop::lua

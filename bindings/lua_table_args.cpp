// Reading named fields of table arguments, for the declaration and offer constructors.
#include <fmt/format.h>

#include "lua_types.hpp"

namespace inkoop::lua {

std::string table_string(lua_State* L, int idx, const char* key, bool required) {
    lua_getfield(L, idx, key);
    std::string out;
    if (lua_type(L, -1) == LUA_TSTRING) out = lua_tostring(L, -1);
    else if (lua_type(L, -1) == LUA_TNUMBER) out = describe_number(L, -1);
    else if (!lua_isnil(L, -1))
        out = "\x01";  // marks a wrong type, reported below
    lua_pop(L, 1);
    if (out == "\x01") throw std::runtime_error(fmt::format("field '{}' must be a string", key));
    if (required && out.empty()) throw std::runtime_error(fmt::format("field '{}' is required", key));
    return out;
}

std::vector<std::string> table_strings(lua_State* L, int idx, const char* key) {
    std::vector<std::string> out;
    lua_getfield(L, idx, key);
    if (lua_istable(L, -1)) {
        const lua_Integer n = luaL_len(L, -1);
        for (lua_Integer i = 1; i <= n && i <= 1000; ++i) {
            lua_geti(L, -1, i);
            if (lua_type(L, -1) == LUA_TSTRING) out.emplace_back(lua_tostring(L, -1));
            lua_pop(L, 1);
        }
    } else if (!lua_isnil(L, -1)) {
        lua_pop(L, 1);
        throw std::runtime_error(fmt::format("field '{}' must be a list of strings", key));
    }
    lua_pop(L, 1);
    return out;
}

std::string describe_number(lua_State* L, int idx) {
    if (lua_isinteger(L, idx)) return std::to_string(lua_tointeger(L, idx));
    return fmt::format("{}", lua_tonumber(L, idx));
}

}  // namespace inkoop::lua

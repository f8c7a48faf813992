// Reading named fields of table arguments, for the declaration and offer constructors. Each
// reads the Lua value first and makes the C++ string after (nothing to leak if Lua raises), and
// refuses texts too long to keep.
#include <fmt/format.h>

#include "lua_types.hpp"
#include "sandbox.hpp"

namespace inkoop::lua {

std::string table_string(lua_State* L, int idx, const char* key, bool required) {
    lua_getfield(L, idx, key);
    const int t = lua_type(L, -1);
    size_t len = 0;
    const char* s = t == LUA_TSTRING ? lua_tolstring(L, -1, &len) : nullptr;
    if (t != LUA_TSTRING && t != LUA_TNUMBER && t != LUA_TNIL) {
        lua_pop(L, 1);
        throw std::runtime_error(fmt::format("field '{}' must be a string", key));
    }
    if (len > kMaxHostText) {
        lua_pop(L, 1);
        throw std::runtime_error(fmt::format("field '{}' is {} bytes long; at most {}", key, len, kMaxHostText));
    }
    std::string out = t == LUA_TNUMBER ? describe_number(L, -1) : std::string(s ? s : "", len);
    lua_pop(L, 1);
    if (required && out.empty()) throw std::runtime_error(fmt::format("field '{}' is required", key));
    return out;
}

std::vector<std::string> table_strings(lua_State* L, int idx, const char* key) {
    constexpr lua_Integer kMaxEntries = 100;
    lua_getfield(L, idx, key);
    if (lua_isnil(L, -1)) {
        lua_pop(L, 1);
        return {};
    }
    if (!lua_istable(L, -1)) {
        lua_pop(L, 1);
        throw std::runtime_error(fmt::format("field '{}' must be a list of strings", key));
    }
    if (push_frozen_contents(L, -1)) lua_replace(L, -2);  // a list the policy made while loading
    const lua_Integer n = static_cast<lua_Integer>(lua_rawlen(L, -1));
    if (n > kMaxEntries) {
        lua_pop(L, 1);
        throw std::runtime_error(fmt::format("field '{}' lists {} strings; at most {}", key, n, kMaxEntries));
    }
    std::vector<std::string> out;
    for (lua_Integer i = 1; i <= n; ++i) {
        lua_rawgeti(L, -1, i);
        size_t len = 0;
        const char* s = lua_type(L, -1) == LUA_TSTRING ? lua_tolstring(L, -1, &len) : nullptr;
        if (s && len <= kMaxHostText) out.emplace_back(s, len);
        lua_pop(L, 1);
        if (!s || len > kMaxHostText)
            throw std::runtime_error(fmt::format("field '{}': entry {} is not a string of at most {} bytes", key, i, kMaxHostText));
    }
    lua_pop(L, 1);
    return out;
}

std::string describe_number(lua_State* L, int idx) {
    if (lua_isinteger(L, idx)) return std::to_string(lua_tointeger(L, idx));
    return fmt::format("{}", lua_tonumber(L, idx));
}

}  // namespace inkoop::lua

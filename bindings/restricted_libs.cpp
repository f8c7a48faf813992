// The standard library as policies see it, built from the surface table (core/engine/surface.cpp):
// every C loop bounded or charged to the instruction budget, and nothing the table does not list.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <fmt/format.h>
#include <lua.hpp>

#include "core/base/text.hpp"
#include "core/engine/surface.hpp"
#include "sandbox.hpp"
#include "sandbox_internal.hpp"

namespace inkoop::lua {
namespace {

using namespace internal;

constexpr lua_Integer kMaxStringBytes = 16 << 20;  // largest string.rep result
constexpr size_t kTextBytesPerUnit = 16;           // text handled by a library function

// Calls the original library function (upvalue 1) with this call's arguments. [-n, +r]
int call_original(lua_State* L) {
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
    return lua_gettop(L);
}

uint64_t saturating_span(lua_Integer from, lua_Integer to) {
    if (to < from) return 0;
    const auto span = static_cast<lua_Unsigned>(to) - static_cast<lua_Unsigned>(from);
    return span >= UINT64_MAX / 2 ? UINT64_MAX / 2 : static_cast<uint64_t>(span) + 1;
}

// --- the restricted libraries: every C loop is bounded or charged -----------------------------

// A text function (string.*, utf8.*, tonumber): charged by the length of its string arguments.
int charged_text(lua_State* L) {
    uint64_t bytes = 0;
    for (int i = 1; i <= lua_gettop(L); ++i)
        if (lua_type(L, i) == LUA_TSTRING) bytes += lua_rawlen(L, i);
    Sandbox::from(L)->charge(1 + bytes / kTextBytesPerUnit);
    return call_original(L);
}

// utf8.codes, utf8.len, utf8.codepoint, strict: a string that is not valid UTF-8 anywhere (a stray
// continuation byte, an overlong form, a surrogate, past U+10FFFF) is an error naming the byte,
// not a wrong code point (Lua 5.4.4's utf8.codes accepts a stray continuation byte; fixed in
// 5.4.6). Upvalues: the original function, its name. [-n, +r]
int strict_utf8(lua_State* L) {
    size_t n = 0;
    const char* s = luaL_checklstring(L, 1, &n);
    Sandbox::from(L)->charge(1 + n / kTextBytesPerUnit);
    const size_t valid = valid_utf8_prefix(std::string_view(s, n));
    if (valid < n)
        return luaL_error(L, "utf8.%s: invalid UTF-8 at byte %d (the text is not valid UTF-8)", lua_tostring(L, lua_upvalueindex(2)),
                          static_cast<int>(valid + 1));
    return call_original(L);
}

// string.rep: refuses any result over the cap, whatever the arguments (an empty string repeated
// 2^62 times loops in C as long as a long one), and charges what it builds. [-(2|3), +1]
int safe_rep(lua_State* L) {
    size_t len = 0, seplen = 0;
    luaL_checklstring(L, 1, &len);
    const lua_Integer n = luaL_checkinteger(L, 2);
    luaL_optlstring(L, 3, "", &seplen);
    if (n <= 0 || (len == 0 && seplen == 0)) {
        lua_pushliteral(L, "");
        return 1;
    }
    const auto limit = static_cast<lua_Unsigned>(kMaxStringBytes);
    const lua_Unsigned count = static_cast<lua_Unsigned>(n);
    const lua_Unsigned unit = len + seplen;
    if (count > limit || unit > limit || count * unit > limit + seplen)
        return luaL_error(L, "string.rep: the result would exceed %d bytes", static_cast<int>(kMaxStringBytes));
    Sandbox::from(L)->charge(1 + count * unit / kTextBytesPerUnit);
    return call_original(L);
}

// string.find as a plain substring search only: no patterns, so no backtracking, and a linear
// search (memmem) whatever the text. [-(2|3), +(1|2)]
int safe_find(lua_State* L) {
    size_t n = 0, m = 0;
    const char* s = luaL_checklstring(L, 1, &n);
    const char* p = luaL_checklstring(L, 2, &m);
    lua_Integer init = luaL_optinteger(L, 3, 1);
    if (init < 0) init = static_cast<lua_Integer>(n) + init + 1;
    if (init < 1) init = 1;
    Sandbox::from(L)->charge(1 + (n + m) / kTextBytesPerUnit);
    if (static_cast<size_t>(init) > n + 1) {
        lua_pushnil(L);
        return 1;
    }
    const size_t from = static_cast<size_t>(init) - 1;
    const void* hit = m == 0 ? s + from : ::memmem(s + from, n - from, p, m);
    if (!hit) {
        lua_pushnil(L);
        return 1;
    }
    const auto at = static_cast<lua_Integer>(static_cast<const char*>(hit) - s);
    lua_pushinteger(L, at + 1);
    lua_pushinteger(L, at + static_cast<lua_Integer>(m));
    return 2;
}

// tostring without addresses: host types by their __tostring, other tables and functions by
// their type name only. [-1, +1]
int safe_tostring(lua_State* L) {
    luaL_checkany(L, 1);
    const int t = lua_type(L, 1);
    if (t == LUA_TNIL || t == LUA_TBOOLEAN || t == LUA_TNUMBER || t == LUA_TSTRING || luaL_getmetafield(L, 1, "__tostring") != LUA_TNIL) {
        lua_settop(L, 1);
        luaL_tolstring(L, 1, nullptr);
        return 1;
    }
    lua_pushstring(L, luaL_typename(L, 1));
    return 1;
}

// string.format without %p, and with tables and functions shown without addresses. [-n, +1]
int safe_format(lua_State* L) {
    size_t len = 0;
    const char* f = luaL_checklstring(L, 1, &len);
    for (size_t i = 0; i < len; ++i) {
        if (f[i] != '%') continue;
        ++i;
        while (i < len && std::strchr("-+ #0123456789.", f[i])) ++i;
        if (i < len && f[i] == 'p') return luaL_error(L, "string.format: %%p is not available (it shows memory addresses)");
    }
    for (int i = 2; i <= lua_gettop(L); ++i) {
        const int t = lua_type(L, i);
        if (t == LUA_TTABLE || t == LUA_TFUNCTION || t == LUA_TUSERDATA || t == LUA_TTHREAD || t == LUA_TLIGHTUSERDATA) {
            lua_pushcfunction(L, safe_tostring);
            lua_pushvalue(L, i);
            lua_call(L, 1, 1);
            lua_replace(L, i);
        }
    }
    return charged_text(L);
}

}  // namespace

// next(t, k) that walks a policy's read-only table through to its contents. [-2, +(1|2)]
int internal::safe_next(lua_State* L) {
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_settop(L, 2);
    if (push_frozen_contents(L, 1)) lua_replace(L, 1);
    if (lua_next(L, 1)) return 2;
    lua_pushnil(L);
    return 1;
}

namespace {

// rawget(t, k), reading a read-only table's contents. [-2, +1]
int safe_rawget(lua_State* L) {
    luaL_checktype(L, 1, LUA_TTABLE);
    luaL_checkany(L, 2);
    lua_settop(L, 2);
    if (push_frozen_contents(L, 1)) lua_replace(L, 1);
    lua_rawget(L, 1);
    return 1;
}

// rawlen(v), measuring a read-only table's contents. [-1, +1]
int safe_rawlen(lua_State* L) {
    const int t = lua_type(L, 1);
    luaL_argexpected(L, t == LUA_TTABLE || t == LUA_TSTRING, 1, "table or string");
    lua_settop(L, 1);
    if (push_frozen_contents(L, 1)) lua_replace(L, 1);
    lua_pushinteger(L, static_cast<lua_Integer>(lua_rawlen(L, 1)));
    return 1;
}

lua_Integer table_length(lua_State* L, int idx) { return lua_type(L, idx) == LUA_TTABLE ? luaL_len(L, idx) : 0; }

// table.insert / table.remove: they shift up to #t elements in C. [-n, +r]
int charged_shift(lua_State* L) {
    Sandbox::from(L)->charge(1 + static_cast<uint64_t>(std::max<lua_Integer>(0, table_length(L, 1))));
    return call_original(L);
}

// table.move(a1, f, e, t [, a2]): moves e - f + 1 elements in C. [-n, +1]
int charged_move(lua_State* L) {
    Sandbox::from(L)->charge(1 + saturating_span(luaL_checkinteger(L, 2), luaL_checkinteger(L, 3)));
    return call_original(L);
}

// table.concat(t, sep, i, j) and table.unpack(t, i, j): j - i + 1 elements. [-n, +r]
int charged_range(lua_State* L) {
    const bool concat = lua_toboolean(L, lua_upvalueindex(2));
    const int first = concat ? 3 : 2;
    const lua_Integer i = luaL_optinteger(L, first, 1);
    const lua_Integer j = lua_isnoneornil(L, first + 1) ? table_length(L, 1) : luaL_checkinteger(L, first + 1);
    Sandbox::from(L)->charge(1 + saturating_span(i, j));
    return call_original(L);
}

// table.sort: n log n comparisons in C. [-(1|2), +0]
int charged_sort(lua_State* L) {
    const auto n = static_cast<double>(std::max<lua_Integer>(1, table_length(L, 1)));
    Sandbox::from(L)->charge(1 + static_cast<uint64_t>(n * std::max(1.0, std::log2(n))));
    return call_original(L);
}

// The globals that are Lua's library tables (built by open_host_api, not copied).
bool is_library_table(std::string_view name) { return name == "string" || name == "table" || name == "math" || name == "utf8"; }

// Puts entry `e` of the surface, taken from the full library at `lib` and guarded as the table
// says, into the table on top. [-0, +0]
void install_entry(lua_State* L, int lib, const SurfaceEntry& e) {
    lib = lua_absindex(L, lib);
    const std::string name(e.name);
    const auto wrapped = [&](lua_CFunction wrapper) {
        lua_getfield(L, lib, name.c_str());
        lua_pushcclosure(L, wrapper, 1);
    };
    const auto replaced = [&](lua_CFunction f) { lua_pushcfunction(L, f); };
    switch (e.guard) {
    case SurfaceGuard::Plain: lua_getfield(L, lib, name.c_str()); break;
    case SurfaceGuard::ChargedText: wrapped(charged_text); break;
    case SurfaceGuard::ChargedShift: wrapped(charged_shift); break;
    case SurfaceGuard::ChargedMove: wrapped(charged_move); break;
    case SurfaceGuard::ChargedSort: wrapped(charged_sort); break;
    case SurfaceGuard::SafeRep: wrapped(safe_rep); break;
    case SurfaceGuard::SafeFind: wrapped(safe_find); break;
    case SurfaceGuard::SafeFormat: wrapped(safe_format); break;
    case SurfaceGuard::ChargedConcat:
    case SurfaceGuard::ChargedUnpack:
        lua_getfield(L, lib, name.c_str());
        lua_pushboolean(L, e.guard == SurfaceGuard::ChargedConcat);
        lua_pushcclosure(L, charged_range, 2);
        break;
    case SurfaceGuard::StrictUtf8:
        lua_getfield(L, lib, name.c_str());
        lua_pushstring(L, name.c_str());
        lua_pushcclosure(L, strict_utf8, 2);
        break;
    case SurfaceGuard::SafeNext: replaced(safe_next); break;
    case SurfaceGuard::SafeRawget: replaced(safe_rawget); break;
    case SurfaceGuard::SafeRawlen: replaced(safe_rawlen); break;
    case SurfaceGuard::SafeTostring: replaced(safe_tostring); break;
    case SurfaceGuard::Host: throw std::logic_error("the inkoop API is registered by bindings/, not from a Lua library");
    }
    if (lua_isnil(L, -1))
        throw std::logic_error("the sandbox surface names " + name +
                               ", which Lua " LUA_VERSION_MAJOR "." LUA_VERSION_MINOR " does not have");
    lua_setfield(L, -2, name.c_str());
}

// ("x"):method() goes through the string metatable: point it at the safe library on top. [-0, +0]
void lock_string_metatable(lua_State* L) {
    lua_pushliteral(L, "");
    lua_getmetatable(L, -1);
    lua_pushvalue(L, -3);
    lua_setfield(L, -2, "__index");
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");
    lua_pop(L, 2);
}

}  // namespace

void Sandbox::open_host_api() {
    lua_State* L = L_;

    lua_newtable(L);  // the API: what every environment reads through to
    const int api = lua_gettop(L);
    // Every name comes from the surface table (core/engine/surface.cpp): the base functions into the
    // API itself, each library's into a read-only table of its own.
    struct Library {
        SurfaceLibrary library;
        const char* name;
        lua_CFunction open;
    };
    static const Library kLibraries[] = {{SurfaceLibrary::Base, LUA_GNAME, luaopen_base},
                                         {SurfaceLibrary::String, LUA_STRLIBNAME, luaopen_string},
                                         {SurfaceLibrary::Table, LUA_TABLIBNAME, luaopen_table},
                                         {SurfaceLibrary::Math, LUA_MATHLIBNAME, luaopen_math},
                                         {SurfaceLibrary::Utf8, LUA_UTF8LIBNAME, luaopen_utf8}};
    for (const Library& lib : kLibraries) {
        luaL_requiref(L, lib.name, lib.open, 0);
        const int full = lua_gettop(L);
        if (lib.library == SurfaceLibrary::Base)
            lua_pushvalue(L, api);
        else
            lua_newtable(L);
        for (const auto& e : sandbox_surface())
            if (e.library == lib.library && !(e.library == SurfaceLibrary::Base && is_library_table(e.name))) install_entry(L, full, e);
        if (lib.library == SurfaceLibrary::Base) {
            lua_pop(L, 2);
            continue;
        }
        make_readonly_proxy(L);
        if (lib.library == SurfaceLibrary::String) lock_string_metatable(L);
        lua_setfield(L, api, lib.name);
        lua_pop(L, 1);
    }

    lua_pushvalue(L, api);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &kApiKey);
    lua_settop(L, 0);
}

void Sandbox::register_api(const char* name, int (*fn)(lua_State*)) {
    check_surface(name);
    lua_pushcfunction(L_, fn);
    set_api_value(name);
}

std::vector<std::string> Sandbox::reachable_names() {
    std::vector<std::string> names;
    protect([&](lua_State* L) {
        lua_rawgetp(L, LUA_REGISTRYINDEX, &kApiKey);
        const int api = lua_gettop(L);
        lua_pushnil(L);
        while (lua_next(L, api)) {
            if (lua_type(L, -2) == LUA_TSTRING) {
                const std::string key = lua_tostring(L, -2);
                names.push_back(key);
                if (push_frozen_contents(L, -1)) {  // a library table: its members, through the proxy
                    const int lib = lua_gettop(L);
                    lua_pushnil(L);
                    while (lua_next(L, lib)) {
                        if (lua_type(L, -2) == LUA_TSTRING) names.push_back(key + "." + lua_tostring(L, -2));
                        lua_pop(L, 1);
                    }
                    lua_pop(L, 1);
                }
            }
            lua_pop(L, 1);
        }
        lua_pop(L, 1);
    });
    std::sort(names.begin(), names.end());
    return names;
}

void Sandbox::check_surface(const char* name) {
    const SurfaceEntry* e = find_surface_entry(SurfaceLibrary::Policy, name);
    if (!e) e = find_surface_entry(SurfaceLibrary::TestFile, name);
    if (!e || e->guard != SurfaceGuard::Host)
        throw std::logic_error(std::string("'") + name +
                               "' is not in the sandbox surface table (core/engine/surface.cpp): add it there first");
}

void Sandbox::set_api_value(const char* name) {
    check_surface(name);
    lua_rawgetp(L_, LUA_REGISTRYINDEX, &kApiKey);
    lua_insert(L_, -2);
    lua_setfield(L_, -2, name);
    lua_pop(L_, 1);
}

}  // namespace inkoop::lua

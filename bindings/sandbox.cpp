#include "sandbox.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <fmt/format.h>
#include <lua.hpp>
#include <unistd.h>

#include "core/base/text.hpp"
#include "core/engine/surface.hpp"
#include "syntax_hint.hpp"
#include "trampoline.hpp"

namespace inkoop::lua {
namespace {

constexpr int kHookEvery = 256;                    // instructions between hook calls
constexpr lua_Integer kMaxStringBytes = 16 << 20;  // largest string.rep result
constexpr size_t kLargeAllocation = 64 << 10;      // allocations that check the deadline
constexpr size_t kBytesPerUnit = 64;               // allocation charged to the budget
constexpr size_t kTextBytesPerUnit = 16;           // text handled by a library function

// Registry keys: addresses, so that looking one up never allocates (a string key could).
char kApiKey, kHandlerKey, kFrozenMarker;

// --- the limits -----------------------------------------------------------------------------

void limit_hook(lua_State* L, lua_Debug*) { Sandbox::from(L)->on_hook(); }

void* capped_alloc(void* ud, void* ptr, size_t osize, size_t nsize) { return static_cast<Sandbox*>(ud)->allocate(ptr, osize, nsize); }

int panic_handler(lua_State* L) { Sandbox::from(L)->on_panic(); }

// Copies the value at `idx` as text into `buf`, so no C++ string outlives a Lua call. [-0, +0]
void copy_message(char* buf, size_t size, lua_State* L, int idx) {
    const std::string msg = describe_lua_value(L, idx, size - 8);
    const size_t n = std::min(msg.size(), size - 1);
    std::memcpy(buf, msg.data(), n);
    buf[n] = '\0';
}

// Message handler: the error as text plus a traceback. [-1, +1]
int message_handler(lua_State* L) {
    char buf[2048];
    copy_message(buf, sizeof buf, L, 1);
    luaL_traceback(L, L, buf, 1);
    return 1;
}

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

// next(t, k) that walks a policy's read-only table through to its contents. [-2, +(1|2)]
int safe_next(lua_State* L) {
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_settop(L, 2);
    if (push_frozen_contents(L, 1)) lua_replace(L, 1);
    if (lua_next(L, 1)) return 2;
    lua_pushnil(L);
    return 1;
}

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

// Rejects writes to a read-only table. [-3, +0]
int deny_write(lua_State* L) {
    char key[128];
    copy_message(key, sizeof key, L, 2);
    return luaL_error(L, "attempt to modify read-only table (key '%s')", key);
}

// Replaces the table on top with a read-only proxy of it. [-1, +1]
void make_readonly_proxy(lua_State* L) {
    const int real = lua_gettop(L);
    lua_newtable(L);
    set_readonly_metatable(L, -1, real, deny_write);
    lua_replace(L, real);
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

// --- the sandbox ---------------------------------------------------------------------------------

void Sandbox::on_hook() {
    const int t = tripped_.load(std::memory_order_relaxed);
    if (t >= 0) raise_trip(static_cast<ErrorKind>(t));
    if (interrupt_.load(std::memory_order_relaxed)) {
        trip(ErrorKind::Interrupted);
        raise_trip(ErrorKind::Interrupted);
    }
    if (in_run_) charge(kHookEvery);
}

void Sandbox::charge(uint64_t units) {
    if (!in_run_) return;
    const int t = tripped_.load(std::memory_order_relaxed);
    if (t >= 0) raise_trip(static_cast<ErrorKind>(t));
    executed_ += units;
    if (executed_ > limits_.instructions) {
        trip(ErrorKind::Instructions);
        raise_trip(ErrorKind::Instructions);
    }
    if (std::chrono::steady_clock::now() > deadline_) {
        trip(ErrorKind::Deadline);
        raise_trip(ErrorKind::Deadline);
    }
}

void Sandbox::charge_or_throw(uint64_t units) {
    if (!in_run_) return;
    int t = tripped_.load(std::memory_order_relaxed);
    if (t < 0) {
        executed_ += units;
        if (executed_ > limits_.instructions)
            t = static_cast<int>(ErrorKind::Instructions);
        else if (std::chrono::steady_clock::now() > deadline_)
            t = static_cast<int>(ErrorKind::Deadline);
        if (t >= 0) trip(static_cast<ErrorKind>(t));
    }
    if (t < 0) return;
    char msg[160];
    describe_trip(static_cast<ErrorKind>(t), msg, sizeof msg);
    throw ScriptError(static_cast<ErrorKind>(t), msg, "");
}

void Sandbox::account_host_bytes(size_t bytes) {
    host_bytes_ += bytes;
    if (limit_memory_ && used_ + host_bytes_ > limits_.memory_bytes) {
        trip(ErrorKind::Memory);
        char msg[160];
        describe_trip(ErrorKind::Memory, msg, sizeof msg);
        throw ScriptError(ErrorKind::Memory, msg, "");
    }
}

void Sandbox::on_panic() {
    if (recovery_) std::longjmp(*recovery_, 1);
    // Unreachable by design: the host enters Lua only through call() and protect(), both of which
    // set a recovery point. Without one there is nothing safe left to do with this state.
    static const char msg[] = "inkoop: internal error: Lua raised an error outside a protected call\n";
    [[maybe_unused]] const auto n = ::write(STDERR_FILENO, msg, sizeof msg - 1);
    std::_Exit(70);
}

void Sandbox::describe_trip(ErrorKind kind, char* msg, size_t size) const {
    switch (kind) {
    case ErrorKind::Instructions:
        std::snprintf(msg, size, "instruction budget of %llu exceeded", static_cast<unsigned long long>(limits_.instructions));
        break;
    case ErrorKind::Deadline:
        std::snprintf(msg, size, "deadline of %lld ms exceeded", static_cast<long long>(limits_.deadline.count()));
        break;
    case ErrorKind::Memory: std::snprintf(msg, size, "memory limit of %zu MiB exceeded", limits_.memory_bytes >> 20); break;
    default: std::snprintf(msg, size, "interrupted"); break;
    }
}

// Raises the limit error at the running Lua function's position.
void Sandbox::raise_trip(ErrorKind kind) {
    char msg[160];
    describe_trip(kind, msg, sizeof msg);
    lua_Debug ar;
    int level = 0;
    // The innermost Lua function (a library function charging sits above it).
    while (lua_getstack(L_, level, &ar) && lua_getinfo(L_, "Sl", &ar) && ar.currentline <= 0 && level < 3) ++level;
    if (lua_getstack(L_, level, &ar) && lua_getinfo(L_, "Sl", &ar) && ar.currentline > 0)
        lua_pushfstring(L_, "%s:%d: %s", ar.short_src, ar.currentline, msg);
    else
        lua_pushstring(L_, msg);
    lua_error(L_);
    std::abort();  // lua_error does not return
}

void* Sandbox::allocate(void* ptr, size_t osize, size_t nsize) {
    const size_t old = ptr ? osize : 0;
    if (nsize == 0) {
        std::free(ptr);
        used_ -= old;
        return nullptr;
    }
    if (nsize > old && limit_memory_) {
        if (used_ + host_bytes_ - old + nsize > limits_.memory_bytes) {
            // Lua retries a failed allocation once after an emergency collection; the same request
            // failing twice is the cap, not garbage.
            if (ptr == last_failed_block_ && nsize == last_failed_size_) trip(ErrorKind::Memory);
            last_failed_block_ = ptr;
            last_failed_size_ = nsize;
            return nullptr;
        }
        if (in_run_ && tripped_.load(std::memory_order_relaxed) < 0) {
            // Building memory is work: charged to the budget, and large blocks check the clock,
            // so that a loop of big string operations cannot outlive the run between two hooks.
            executed_ += (nsize - old) / kBytesPerUnit;
            if (executed_ > limits_.instructions) {
                trip(ErrorKind::Instructions);
                return nullptr;
            }
            if (nsize - old >= kLargeAllocation && std::chrono::steady_clock::now() > deadline_) {
                trip(ErrorKind::Deadline);
                return nullptr;
            }
        }
    }
    void* p = std::realloc(ptr, nsize);
    if (!p) return nsize <= old ? ptr : nullptr;
    used_ = used_ - old + nsize;
    last_failed_block_ = nullptr;
    last_failed_size_ = 0;
    return p;
}

Sandbox* Sandbox::from(lua_State* L) { return *static_cast<Sandbox**>(lua_getextraspace(L)); }

const Schema& Sandbox::schema() const {
    if (!schema_) throw std::logic_error("a sandbox was used without a provider schema");
    return *schema_;
}

Sandbox::Sandbox(Limits limits) : limits_(limits) {
    L_ = lua_newstate(capped_alloc, this);
    if (!L_) throw std::runtime_error("cannot create a Lua state");
    *static_cast<Sandbox**>(lua_getextraspace(L_)) = this;
    lua_atpanic(L_, panic_handler);
    lua_sethook(L_, limit_hook, LUA_MASKCOUNT, kHookEvery);
    protect([this](lua_State*) { open_host_api(); });
    limit_memory_ = true;
}

Sandbox::~Sandbox() {
    limit_memory_ = false;
    lua_close(L_);
}

void Sandbox::open_host_api() {
    lua_State* L = L_;
    lua_pushcfunction(L, message_handler);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &kHandlerKey);

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

void Sandbox::push_new_env() {
    lua_newtable(L_);
    lua_createtable(L_, 0, 2);
    lua_rawgetp(L_, LUA_REGISTRYINDEX, &kApiKey);
    lua_setfield(L_, -2, "__index");
    lua_pushboolean(L_, 0);
    lua_setfield(L_, -2, "__metatable");
    lua_setmetatable(L_, -2);
}

void Sandbox::begin_run() {
    executed_ = 0;
    deadline_ = std::chrono::steady_clock::now() + limits_.deadline;
    tripped_.store(-1);
    interrupt_.store(false);  // a Ctrl-C between runs does not stop the next one
    in_run_ = true;
    lua_sethook(L_, limit_hook, LUA_MASKCOUNT, kHookEvery);
}

void Sandbox::end_run() {
    in_run_ = false;
    last_trip_ = tripped_.load();
    tripped_.store(-1);
    interrupt_.store(false);
    lua_sethook(L_, limit_hook, LUA_MASKCOUNT, kHookEvery);
    // What a run that hit a limit left behind is garbage now (nothing it built is reachable from
    // the frozen policy): collect it before the next provider.
    if (last_trip_ >= 0) lua_gc(L_, LUA_GCCOLLECT);
}

void Sandbox::trip(ErrorKind kind) {
    int expected = -1;
    tripped_.compare_exchange_strong(expected, static_cast<int>(kind));
    // From now on every instruction fails, so pcall inside the script cannot swallow it.
    lua_sethook(L_, limit_hook, LUA_MASKCOUNT, 1);
}

void Sandbox::interrupt() {
    interrupt_.store(true);
    lua_sethook(L_, limit_hook, LUA_MASKCOUNT, 1);
}

void Sandbox::load(std::string_view code, const std::string& chunkname, int env_index) {
    env_index = lua_absindex(L_, env_index);
    char name[512];
    std::snprintf(name, sizeof name, "@%s", chunkname.c_str());
    const int status = luaL_loadbufferx(L_, code.data(), code.size(), name, "t");
    if (status != LUA_OK) {
        ScriptError e = error_from_stack(status);
        if (status != LUA_ERRSYNTAX) throw e;
        throw ScriptError(e.kind(), with_unclosed_block_hint(e.what(), code), e.traceback());
    }
    lua_pushvalue(L_, env_index);
    if (!lua_setupvalue(L_, -2, 1)) lua_pop(L_, 1);
}

namespace {

struct ProtectedEntry {
    int (*entry)(lua_State*, void*);
    void* data;
};

// The C function run by run_protected: calls the host's entry with its data. [-1, +0]
int protected_entry(lua_State* L) {
    auto* e = static_cast<ProtectedEntry*>(lua_touserdata(L, 1));
    lua_remove(L, 1);
    return e->entry(L, e->data);
}

}  // namespace

void Sandbox::pcall_checked(int nargs, int nresults, int handler, int restore) {
    std::jmp_buf jb;
    std::jmp_buf* const saved = recovery_;
    volatile int status = LUA_OK;
    if (setjmp(jb) == 0) {
        recovery_ = &jb;
        status = lua_pcall(L_, nargs, nresults, handler);
    } else {
        status = -1;  // a panic: an error with no protected call to catch it
    }
    recovery_ = saved;
    if (status == LUA_OK) return;
    if (status == -1) {
        lua_settop(L_, restore);
        throw ScriptError(ErrorKind::Runtime, label_ + ": internal error: Lua panic", "");
    }
    ScriptError e = error_from_stack(status);
    lua_settop(L_, restore);
    throw e;
}

void Sandbox::run_protected(int (*entry)(lua_State*, void*), void* data) {
    ProtectedEntry e{entry, data};
    if (!lua_checkstack(L_, 8)) throw ScriptError(ErrorKind::Memory, "out of Lua stack space", "");
    const int base = lua_gettop(L_);
    lua_rawgetp(L_, LUA_REGISTRYINDEX, &kHandlerKey);
    lua_pushcfunction(L_, protected_entry);
    lua_pushlightuserdata(L_, &e);
    pcall_checked(1, 0, base + 1, base);
    lua_settop(L_, base);
}

void Sandbox::call(int nargs, int nresults) {
    const int base = lua_gettop(L_) - nargs;  // where the function is
    if (!lua_checkstack(L_, 4)) throw ScriptError(ErrorKind::Memory, "out of Lua stack space", "");
    lua_rawgetp(L_, LUA_REGISTRYINDEX, &kHandlerKey);
    lua_insert(L_, base);
    pcall_checked(nargs, nresults, base, base - 1);
    lua_remove(L_, base);
    if (const int t = tripped_.load(); t >= 0) {  // a limit tripped on the way out
        lua_settop(L_, base - 1);
        const auto kind = static_cast<ErrorKind>(t);
        char msg[160];
        describe_trip(kind, msg, sizeof msg);
        throw ScriptError(kind, label_.empty() ? msg : label_ + ": " + msg, "");
    }
}

ScriptError Sandbox::error_from_stack(int status) {
    std::string text = describe_lua_value(L_, -1, 16000);
    lua_pop(L_, 1);
    std::string traceback;
    if (const auto pos = text.find("\nstack traceback:"); pos != std::string::npos) {
        traceback = text.substr(pos + 1);
        text.resize(pos);
    }
    ErrorKind kind = ErrorKind::Runtime;
    if (const int t = tripped_.load(); t >= 0)
        kind = static_cast<ErrorKind>(t);
    else if (status == LUA_ERRSYNTAX)
        kind = ErrorKind::Syntax;
    else if (status == LUA_ERRMEM)
        kind = ErrorKind::Memory;
    if (status == LUA_ERRMEM || status == LUA_ERRERR) {  // Lua's bare "not enough memory", "error in error handling"
        if (kind == ErrorKind::Runtime) kind = ErrorKind::Memory;
        char msg[160];
        describe_trip(kind, msg, sizeof msg);
        text = label_.empty() ? msg : label_ + ": " + msg;
    }
    return ScriptError(kind, std::move(text), std::move(traceback));
}

std::string describe_lua_value(lua_State* L, int idx, size_t max_len) {
    std::string out;
    switch (lua_type(L, idx)) {
    case LUA_TSTRING: {
        size_t len = 0;
        const char* s = lua_tolstring(L, idx, &len);
        for (size_t i = 0; i < len && out.size() < max_len; ++i) {
            if (s[i] == '\0')
                out += "\\0";
            else
                out += s[i];
        }
        if (out.size() >= max_len) out += "...";
        return out;
    }
    case LUA_TNUMBER:
        if (lua_isinteger(L, idx)) return std::to_string(lua_tointeger(L, idx));
        return fmt::format("{}", lua_tonumber(L, idx));
    case LUA_TBOOLEAN: return lua_toboolean(L, idx) ? "true" : "false";
    case LUA_TNIL: return "nil";
    default: return fmt::format("(error object is a {} value)", luaL_typename(L, idx));
    }
}

}  // namespace inkoop::lua

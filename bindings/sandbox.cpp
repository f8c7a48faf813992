#include "sandbox.hpp"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <fmt/format.h>
#include <lua.hpp>

#include "trampoline.hpp"

namespace inkoop::lua {
namespace {

constexpr int kHookEvery = 1000;               // instructions between hook calls
constexpr lua_Integer kMaxStringBytes = 16 << 20;  // largest string.rep result
constexpr const char* kApiKey = "inkoop.api";   // registry: the host API table
constexpr const char* kHandlerKey = "inkoop.msgh";

// --- the limits -----------------------------------------------------------------------------

// Count hook: charges the instruction budget and checks the deadline and the trip state.
void limit_hook(lua_State* L, lua_Debug*) {
    Sandbox* sb = Sandbox::from(L);
    sb->on_hook();
}

// Allocator with a cap; never fails a shrink.
void* capped_alloc(void* ud, void* ptr, size_t osize, size_t nsize) {
    return static_cast<Sandbox*>(ud)->allocate(ptr, osize, nsize);
}

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

// --- the restricted libraries ---------------------------------------------------------------

// string.rep with a cap on the result, so one C call cannot build a huge string. [-(2|3), +1]
int safe_rep(lua_State* L) {
    size_t len = 0, seplen = 0;
    luaL_checklstring(L, 1, &len);
    const lua_Integer n = luaL_checkinteger(L, 2);
    luaL_optlstring(L, 3, "", &seplen);
    if (n > 0 && (static_cast<lua_Integer>(len + seplen) > kMaxStringBytes / n))
        return luaL_error(L, "string.rep: the result would exceed %d bytes", static_cast<int>(kMaxStringBytes));
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, 1);
    return 1;
}

// string.find as a plain substring search only: no patterns, so no backtracking. [-(2|3), +(1|2)]
int safe_find(lua_State* L) {
    luaL_checkstring(L, 1);
    luaL_checkstring(L, 2);
    const lua_Integer init = luaL_optinteger(L, 3, 1);
    lua_settop(L, 2);
    lua_pushinteger(L, init);
    lua_pushboolean(L, 1);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, 4, LUA_MULTRET);
    return lua_gettop(L);
}

// Rejects writes to a read-only table. [-3, +0]
int deny_write(lua_State* L) {
    char key[128];
    copy_message(key, sizeof key, L, 2);
    return luaL_error(L, "attempt to modify read-only table (key '%s')", key);
}

// Copies the listed fields of the table at `from` into the table at `to`. [-0, +0]
void copy_fields(lua_State* L, int from, int to, std::initializer_list<const char*> names) {
    from = lua_absindex(L, from);
    to = lua_absindex(L, to);
    for (const char* n : names) {
        lua_getfield(L, from, n);
        lua_setfield(L, to, n);
    }
}

// Replaces the table on top with a read-only proxy of it. [-1, +1]
void make_readonly_proxy(lua_State* L) {
    lua_newtable(L);                 // proxy
    lua_createtable(L, 0, 3);        // its metatable
    lua_rotate(L, -3, -1);           // proxy, mt, real
    lua_setfield(L, -2, "__index");
    lua_pushcfunction(L, deny_write);
    lua_setfield(L, -2, "__newindex");
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");
    lua_setmetatable(L, -2);
}

// Opens library `name` with `open` and leaves its table on the stack. [-0, +1]
void open_lib(lua_State* L, const char* name, lua_CFunction open) {
    luaL_requiref(L, name, open, 0);
}

// Builds the policy-visible string library and locks the string metatable to it. [-0, +1]
void push_safe_string(lua_State* L) {
    open_lib(L, LUA_STRLIBNAME, luaopen_string);
    const int full = lua_gettop(L);
    lua_newtable(L);
    copy_fields(L, full, -1, {"byte", "char", "format", "len", "lower", "upper", "reverse", "sub"});
    lua_getfield(L, full, "rep");
    lua_pushcclosure(L, safe_rep, 1);
    lua_setfield(L, -2, "rep");
    lua_getfield(L, full, "find");
    lua_pushcclosure(L, safe_find, 1);
    lua_setfield(L, -2, "find");
    make_readonly_proxy(L);
    // ("x"):method() goes through the string metatable: point it at the safe library.
    lua_pushliteral(L, "");
    lua_getmetatable(L, -1);
    lua_pushvalue(L, -3);
    lua_setfield(L, -2, "__index");
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");
    lua_pop(L, 2);
    lua_remove(L, full);
}

}  // namespace

// Host-side hooks called from the C callbacks above.
void Sandbox::on_hook() {
    const int t = tripped_.load(std::memory_order_relaxed);
    if (t >= 0) raise_trip(static_cast<ErrorKind>(t));
    if (interrupt_.load(std::memory_order_relaxed)) {
        trip(ErrorKind::Interrupted);
        raise_trip(ErrorKind::Interrupted);
    }
    if (!in_run_) return;
    executed_ += kHookEvery;
    if (executed_ > limits_.instructions) {
        trip(ErrorKind::Instructions);
        raise_trip(ErrorKind::Instructions);
    }
    if (std::chrono::steady_clock::now() > deadline_) {
        trip(ErrorKind::Deadline);
        raise_trip(ErrorKind::Deadline);
    }
}

void Sandbox::describe_trip(ErrorKind kind, char* msg, size_t size) const {
    switch (kind) {
    case ErrorKind::Instructions:
        std::snprintf(msg, size, "instruction budget of %llu exceeded",
                      static_cast<unsigned long long>(limits_.instructions));
        break;
    case ErrorKind::Deadline:
        std::snprintf(msg, size, "deadline of %lld ms exceeded", static_cast<long long>(limits_.deadline.count()));
        break;
    case ErrorKind::Memory:
        std::snprintf(msg, size, "memory limit of %zu MiB exceeded", limits_.memory_bytes >> 20);
        break;
    default:
        std::snprintf(msg, size, "interrupted");
        break;
    }
}

// Raises the limit error at the running Lua function's position (level 0 inside a hook).
void Sandbox::raise_trip(ErrorKind kind) {
    char msg[160];
    describe_trip(kind, msg, sizeof msg);
    lua_Debug ar;
    if (lua_getstack(L_, 0, &ar) && lua_getinfo(L_, "Sl", &ar) && ar.currentline > 0)
        lua_pushfstring(L_, "%s:%d: %s", ar.short_src, ar.currentline, msg);
    else
        lua_pushstring(L_, msg);
    lua_error(L_);
}

void* Sandbox::allocate(void* ptr, size_t osize, size_t nsize) {
    const size_t old = ptr ? osize : 0;
    if (nsize == 0) {
        std::free(ptr);
        used_ -= old;
        return nullptr;
    }
    if (nsize > old && limit_memory_ && used_ - old + nsize > limits_.memory_bytes) {
        // Lua retries a failed allocation once after an emergency collection; the same request
        // failing twice is the cap, not garbage.
        if (ptr == last_failed_block_ && nsize == last_failed_size_) trip(ErrorKind::Memory);
        last_failed_block_ = ptr;
        last_failed_size_ = nsize;
        return nullptr;
    }
    void* p = std::realloc(ptr, nsize);
    if (!p) return nsize <= old ? ptr : nullptr;
    used_ = used_ - old + nsize;
    last_failed_block_ = nullptr;
    last_failed_size_ = 0;
    return p;
}

Sandbox* Sandbox::from(lua_State* L) {
    return *static_cast<Sandbox**>(lua_getextraspace(L));
}

std::string_view error_kind_name(ErrorKind k) {
    switch (k) {
    case ErrorKind::Runtime: return "runtime";
    case ErrorKind::Syntax: return "syntax";
    case ErrorKind::Instructions: return "instructions";
    case ErrorKind::Deadline: return "deadline";
    case ErrorKind::Memory: return "memory";
    case ErrorKind::Interrupted: return "interrupted";
    }
    return "?";
}

Sandbox::Sandbox(Limits limits) : limits_(limits) {
    L_ = lua_newstate(capped_alloc, this);
    if (!L_) throw std::runtime_error("cannot create a Lua state");
    *static_cast<Sandbox**>(lua_getextraspace(L_)) = this;
    lua_sethook(L_, limit_hook, LUA_MASKCOUNT, kHookEvery);
    open_host_api();
    limit_memory_ = true;
}

Sandbox::~Sandbox() {
    limit_memory_ = false;
    lua_close(L_);
}

void Sandbox::open_host_api() {
    lua_State* L = L_;
    lua_pushcfunction(L, message_handler);
    lua_setfield(L, LUA_REGISTRYINDEX, kHandlerKey);

    lua_newtable(L);  // the API: what every environment reads through to
    const int api = lua_gettop(L);
    open_lib(L, LUA_GNAME, luaopen_base);
    copy_fields(L, -1, api, {"assert", "error", "ipairs", "next", "pairs", "pcall", "rawequal", "rawget",
                             "rawlen", "select", "tonumber", "tostring", "type", "xpcall", "_VERSION"});
    lua_pop(L, 1);

    push_safe_string(L);
    lua_setfield(L, api, "string");

    open_lib(L, LUA_TABLIBNAME, luaopen_table);
    lua_newtable(L);
    copy_fields(L, -2, -1, {"concat", "insert", "move", "pack", "remove", "sort", "unpack"});
    make_readonly_proxy(L);
    lua_setfield(L, api, "table");
    lua_pop(L, 1);

    open_lib(L, LUA_MATHLIBNAME, luaopen_math);
    lua_newtable(L);  // everything but the generator: decisions are deterministic
    copy_fields(L, -2, -1, {"abs", "ceil", "floor", "fmod", "huge", "max", "maxinteger", "min",
                            "mininteger", "modf", "pi", "sqrt", "tointeger", "type", "ult", "exp", "log"});
    make_readonly_proxy(L);
    lua_setfield(L, api, "math");
    lua_pop(L, 1);

    open_lib(L, LUA_UTF8LIBNAME, luaopen_utf8);
    lua_newtable(L);
    copy_fields(L, -2, -1, {"char", "charpattern", "codepoint", "codes", "len", "offset"});
    make_readonly_proxy(L);
    lua_setfield(L, api, "utf8");
    lua_pop(L, 1);

    lua_setfield(L, LUA_REGISTRYINDEX, kApiKey);
}

void Sandbox::register_api(const char* name, int (*fn)(lua_State*)) {
    lua_pushcfunction(L_, fn);
    set_api_value(name);
}

void Sandbox::set_api_value(const char* name) {
    lua_getfield(L_, LUA_REGISTRYINDEX, kApiKey);
    lua_insert(L_, -2);
    lua_setfield(L_, -2, name);
    lua_pop(L_, 1);
}

void Sandbox::push_new_env() {
    lua_newtable(L_);
    lua_createtable(L_, 0, 2);
    lua_getfield(L_, LUA_REGISTRYINDEX, kApiKey);
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
    tripped_.store(-1);
    interrupt_.store(false);
    lua_sethook(L_, limit_hook, LUA_MASKCOUNT, kHookEvery);
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
    const std::string name = "@" + chunkname;
    const int status = luaL_loadbufferx(L_, code.data(), code.size(), name.c_str(), "t");
    if (status != LUA_OK) throw error_from_stack(status);
    lua_pushvalue(L_, env_index);
    if (!lua_setupvalue(L_, -2, 1)) lua_pop(L_, 1);
}

void Sandbox::call(int nargs, int nresults) {
    const int base = lua_gettop(L_) - nargs;  // where the function is
    lua_getfield(L_, LUA_REGISTRYINDEX, kHandlerKey);
    lua_insert(L_, base);
    const int status = lua_pcall(L_, nargs, nresults, base);
    if (status != LUA_OK) {
        ScriptError e = error_from_stack(status);
        lua_settop(L_, base - 1);
        throw e;
    }
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
    if (const int t = tripped_.load(); t >= 0) kind = static_cast<ErrorKind>(t);
    else if (status == LUA_ERRSYNTAX) kind = ErrorKind::Syntax;
    else if (status == LUA_ERRMEM) kind = ErrorKind::Memory;
    if (kind == ErrorKind::Memory && status == LUA_ERRMEM) {  // Lua's bare "not enough memory"
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
            if (s[i] == '\0') out += "\\0";
            else out += s[i];
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

#include "sandbox.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <fmt/format.h>
#include <lua.hpp>
#include <unistd.h>

#include "core/base/text.hpp"
#include "sandbox_internal.hpp"
#include "syntax_hint.hpp"
#include "trampoline.hpp"

namespace inkoop::lua {
namespace {

constexpr int kHookEvery = 256;                // instructions between hook calls
constexpr size_t kLargeAllocation = 64 << 10;  // allocations that check the deadline
constexpr size_t kBytesPerUnit = 64;           // allocation charged to the budget

// --- the limits -----------------------------------------------------------------------------

void limit_hook(lua_State* L, lua_Debug*) { Sandbox::from(L)->on_hook(); }

void* capped_alloc(void* ud, void* ptr, size_t osize, size_t nsize) { return static_cast<Sandbox*>(ud)->allocate(ptr, osize, nsize); }

int panic_handler(lua_State* L) { Sandbox::from(L)->on_panic(); }

// (internal::copy_message, declared in sandbox_internal.hpp)
}  // namespace

namespace internal {

char kApiKey, kHandlerKey, kFrozenMarker;

void copy_message(char* buf, size_t size, lua_State* L, int idx) {
    const std::string msg = describe_lua_value(L, idx, size - 8);
    const size_t n = std::min(msg.size(), size - 1);
    std::memcpy(buf, msg.data(), n);
    buf[n] = '\0';
}

}  // namespace internal

namespace {

using namespace internal;

// Message handler: the error as text plus a traceback. [-1, +1]
int message_handler(lua_State* L) {
    char buf[2048];
    copy_message(buf, sizeof buf, L, 1);
    luaL_traceback(L, L, buf, 1);
    return 1;
}

}  // namespace

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
    else if (!label_.empty())  // host work (a walk over the policy's tables): the chunk, no line
        lua_pushfstring(L_, "%s: %s", label_.c_str(), msg);
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
    protect([this](lua_State* L) {
        lua_pushcfunction(L, message_handler);
        lua_rawsetp(L, LUA_REGISTRYINDEX, &kHandlerKey);
        open_host_api();
    });
    limit_memory_ = true;
}

Sandbox::~Sandbox() {
    limit_memory_ = false;
    lua_close(L_);
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
    if (tripped_.load() >= 0) {  // a limit tripped on the way out
        lua_settop(L_, base - 1);
        throw_if_tripped();
    }
}

void Sandbox::throw_if_tripped() const {
    const int t = tripped_.load();
    if (t < 0) return;
    const auto kind = static_cast<ErrorKind>(t);
    char msg[160];
    describe_trip(kind, msg, sizeof msg);
    throw ScriptError(kind, label_.empty() ? msg : label_ + ": " + msg, "");
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

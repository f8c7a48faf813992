// The sandboxed Lua state: a memory-capped allocator, an instruction budget and a wall-clock
// deadline, a restricted read-only host API in which every C function that can loop is charged to
// the budget, a panic handler that never aborts, and the protected calls through which the host
// enters Lua.
//
// THE DISCIPLINE OF bindings/ (read before changing any file here):
// - Lua is C: lua_error and every API call that can raise (allocation, luaL_check*, metamethods)
//   longjmp past C++ frames without running destructors. So no C++ object with a destructor may be
//   alive in a frame across a call that can raise. Read arguments into plain values first and then
//   build C++ objects; or create the userdata first and fill it (as liolib.c's newprefile does);
//   or build into storage owned elsewhere (the PolicyBuilder's scratch).
// - C++ exceptions never cross a Lua frame: bridge functions are registered as trampoline<f>
//   (trampoline.hpp), the one place where an exception becomes a Lua error.
// - The host enters Lua only through Sandbox::call and Sandbox::protect (lua_pcall with a recovery
//   point for Lua panics); outside them it uses only calls that cannot raise (lua_rawgetp,
//   lua_rawgeti, lua_settop, lua_pushvalue, ...). Registry keys are light userdata, never strings.
// - Every string copied from Lua into C++ is length-checked (kMaxHostText) and counted against
//   the state's memory cap (account_host_bytes).
#pragma once

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csetjmp>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/limits.hpp"
#include "core/base/script_error.hpp"
#include "core/model/schema.hpp"

struct lua_State;

namespace inkoop::lua {

using inkoop::Limits;

// Longest text (rule text, tariff text, label, section) a policy may hand to the host.
constexpr size_t kMaxHostText = 4096;

using inkoop::error_kind_name;
using inkoop::ErrorKind;
using inkoop::ScriptError;

class Sandbox {
public:
    explicit Sandbox(Limits limits = {});
    ~Sandbox();
    Sandbox(const Sandbox&) = delete;
    Sandbox& operator=(const Sandbox&) = delete;

    lua_State* state() const { return L_; }
    const Limits& limits() const { return limits_; }
    void set_limits(const Limits& limits) { limits_ = limits; }
    size_t memory_used() const { return used_ + host_bytes_; }

    // Names what runs (a chunk name), for errors that carry no position of their own.
    void set_label(std::string label) { label_ = std::move(label); }
    // The provider schema the policy in this state is written against (field names in conditions
    // and in p.<field> resolve here). Set by its owner before any policy code runs.
    void set_schema(const Schema* schema) { schema_ = schema; }
    const Schema& schema() const;

    // A run is one budget window (loading a policy, deciding one provider). Runs do not nest.
    // After a run that hit the memory cap, end_run() collects the garbage at once.
    void begin_run();
    void end_run();
    // True when the last run tripped a limit.
    bool tripped_last_run() const { return last_trip_ >= 0; }
    // The work charged to the instruction budget in the current run, or in the last one after it
    // ended: VM instructions (counted in steps of the hook's interval) plus the units charged for
    // work done in C. The same code on the same data is charged the same on any machine.
    uint64_t charged() const { return executed_; }

    // Pushes a new environment table whose reads fall through to the read-only host API. [-0, +1]
    // Called from inside protect() or a bridge function.
    void push_new_env();
    // Registers `fn` under `name` in the host API. [-0, +0] (setup only: inside protect())
    void register_api(const char* name, int (*fn)(lua_State*));
    // Sets API global `name` to the value on top of the stack. [-1, +0] (setup only)
    void set_api_value(const char* name);
    // Throws std::logic_error unless `name` is an inkoop API entry of the surface table.
    static void check_surface(const char* name);
    // Every name a policy can reach in this state, sorted: the API's globals ("pairs", "rule") and
    // the members of its library tables ("string.find"). What the surface test compares with the table.
    std::vector<std::string> reachable_names();

    // Loads a text chunk with the table at `env_index` as its _ENV; pushes the function. [-0, +1]
    // Throws ScriptError (Syntax) on a syntax error. Called from inside protect() or a bridge.
    void load(std::string_view code, const std::string& chunkname, int env_index);
    // Calls the function below `nargs` arguments under the limits with a traceback handler.
    // [-(nargs+1), +nresults]; throws ScriptError, leaving the stack as before the function.
    void call(int nargs, int nresults);
    // Runs `f(L)` as a Lua C function in a protected call (with a recovery point for panics): the
    // way for the host to do anything that can raise. `f` may throw; the exception becomes a
    // ScriptError. Results left on the stack by `f` are dropped.
    template <class F>
    void protect(F&& f) {
        Host<F> host{f, {}};
        run_protected(&Host<F>::entry, &host);
        if (host.error) std::rethrow_exception(host.error);
        // Host work charged in C (a walk over the policy's tables) can trip a limit in its last
        // allocation, after which no charge or hook is left to raise it: it ends the run here.
        throw_if_tripped();
    }

    // Charges `units` of work done in C to the instruction budget and checks the deadline;
    // raises the limit error (a longjmp: no C++ objects alive in the caller) when over.
    void charge(uint64_t units);
    // The same for host code that holds C++ objects (a bridge function behind the trampoline):
    // over a limit it throws ScriptError, which the trampoline turns into the Lua error.
    void charge_or_throw(uint64_t units);
    // Counts `bytes` of host memory kept for this state (declarations) against the memory cap;
    // throws ScriptError (Memory) when over.
    void account_host_bytes(size_t bytes);
    // Gives back bytes counted by account_host_bytes (a value freed by the garbage collector).
    void release_host_bytes(size_t bytes) { host_bytes_ -= std::min(bytes, host_bytes_); }

    // From any thread or a signal handler: the running script stops at its next instruction.
    void interrupt();

    static Sandbox* from(lua_State* L);
    // Called by the count hook, the allocator and the panic handler installed in the state.
    void on_hook();
    void* allocate(void* ptr, size_t osize, size_t nsize);
    [[noreturn]] void on_panic();

private:
    template <class F>
    struct Host {
        F& f;
        std::exception_ptr error;
        static int entry(lua_State* L, void* self) {
            auto* h = static_cast<Host*>(self);
            try {
                h->f(L);
            } catch (...) {
                h->error = std::current_exception();
            }
            return 0;
        }
    };
    void run_protected(int (*entry)(lua_State*, void*), void* data);
    void open_host_api();
    [[noreturn]] void raise_trip(ErrorKind kind);
    void describe_trip(ErrorKind kind, char* msg, size_t size) const;
    void trip(ErrorKind kind);
    // Throws the limit's ScriptError ("<label>: <limit> exceeded") when one tripped in this run.
    void throw_if_tripped() const;
    ScriptError error_from_stack(int status);
    // lua_pcall (message handler at stack index `handler`) with a recovery point for a Lua panic;
    // on any failure the stack is cut to `restore` and the failure thrown as a ScriptError.
    void pcall_checked(int nargs, int nresults, int handler, int restore);

    lua_State* L_ = nullptr;
    Limits limits_;
    std::string label_;
    const Schema* schema_ = nullptr;
    size_t used_ = 0, host_bytes_ = 0;
    bool limit_memory_ = false;
    uint64_t executed_ = 0;
    std::chrono::steady_clock::time_point deadline_{};
    bool in_run_ = false;
    std::atomic<int> tripped_{-1};  // ErrorKind, or -1
    int last_trip_ = -1;
    std::atomic<bool> interrupt_{false};
    const void* last_failed_block_ = nullptr;
    size_t last_failed_size_ = 0;
    std::jmp_buf* recovery_ = nullptr;  // where a Lua panic returns to
};

// Reads the value at `idx` as a message for a person: strings as they are (NULs shown as \0,
// cut to `max_len`), numbers formatted, anything else as "(error object is a table value)".
// Never raises.
std::string describe_lua_value(lua_State* L, int idx, size_t max_len = 2000);

// The frozen table behind the value at `idx`, pushed, when it is one of the policy's read-only
// tables (or its parameters); otherwise pushes nothing and returns false. Never raises.
bool push_frozen_contents(lua_State* L, int idx);
// Makes the table at `proxy` a read-only view of the table at `contents`: reads go to the
// contents, writes call `on_write` (which raises), # and pairs see the contents, which are never
// handed out (push_frozen_contents), and the metatable is hidden. [-0, +0]
void set_readonly_metatable(lua_State* L, int proxy, int contents, int (*on_write)(lua_State*));

}  // namespace inkoop::lua

// The sandboxed Lua state: a memory-capped allocator, an instruction budget and a wall-clock
// deadline enforced by a count hook, a restricted read-only host API, and the one protected call
// through which the host enters Lua.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

struct lua_State;

namespace inkoop::lua {

struct Limits {
    uint64_t instructions = 20'000'000;            // VM instructions per run
    std::chrono::milliseconds deadline{500};        // wall clock per run
    size_t memory_bytes = size_t{64} << 20;         // whole state
};

enum class ErrorKind { Runtime, Syntax, Instructions, Deadline, Memory, Interrupted };
std::string_view error_kind_name(ErrorKind k);

// An error raised by a script or by a limit. `what()` is "chunk:line: message".
class ScriptError : public std::runtime_error {
public:
    ScriptError(ErrorKind kind, std::string message, std::string traceback)
        : std::runtime_error(std::move(message)), kind_(kind), traceback_(std::move(traceback)) {}
    ErrorKind kind() const { return kind_; }
    const std::string& traceback() const { return traceback_; }

private:
    ErrorKind kind_;
    std::string traceback_;
};

class Sandbox {
public:
    explicit Sandbox(Limits limits = {});
    ~Sandbox();
    Sandbox(const Sandbox&) = delete;
    Sandbox& operator=(const Sandbox&) = delete;

    lua_State* state() const { return L_; }
    const Limits& limits() const { return limits_; }
    void set_limits(const Limits& limits) { limits_ = limits; }
    size_t memory_used() const { return used_; }

    // Names what runs (a chunk name), for errors that carry no position of their own.
    void set_label(std::string label) { label_ = std::move(label); }

    // A run is one budget window (loading a policy, deciding one provider). Runs do not nest.
    void begin_run();
    void end_run();

    // Pushes a new environment table whose reads fall through to the read-only host API. [-0, +1]
    void push_new_env();
    // Registers `fn` under `name` in the host API (before any environment uses it). [-0, +0]
    void register_api(const char* name, int (*fn)(lua_State*));
    // Sets API global `name` to the value on top of the stack. [-1, +0]
    void set_api_value(const char* name);

    // Loads a text chunk with the table at `env_index` as its _ENV; pushes the function. [-0, +1]
    // Throws ScriptError (Syntax) on a syntax error.
    void load(std::string_view code, const std::string& chunkname, int env_index);
    // Calls the function below `nargs` arguments under the limits with a traceback handler.
    // [-(nargs+1), +nresults]; throws ScriptError, leaving the stack as before the function.
    void call(int nargs, int nresults);

    // From any thread or a signal handler: the running script stops at its next instruction.
    void interrupt();

    static Sandbox* from(lua_State* L);
    // Called by the count hook and the allocator installed in the state.
    void on_hook();
    void* allocate(void* ptr, size_t osize, size_t nsize);

private:
    void open_host_api();
    void raise_trip(ErrorKind kind);
    void describe_trip(ErrorKind kind, char* msg, size_t size) const;
    void trip(ErrorKind kind);
    ScriptError error_from_stack(int status);

    lua_State* L_ = nullptr;
    Limits limits_;
    std::string label_;
    size_t used_ = 0;
    bool limit_memory_ = false;
    uint64_t executed_ = 0;
    std::chrono::steady_clock::time_point deadline_{};
    bool in_run_ = false;
    std::atomic<int> tripped_{-1};  // ErrorKind, or -1
    std::atomic<bool> interrupt_{false};
    const void* last_failed_block_ = nullptr;
    size_t last_failed_size_ = 0;
};

// Reads the value at `idx` as a message for a person: strings as they are (NULs shown as \0,
// cut to `max_len`), numbers formatted, anything else as "(a table value)". Never raises.
std::string describe_lua_value(lua_State* L, int idx, size_t max_len = 2000);

}  // namespace inkoop::lua

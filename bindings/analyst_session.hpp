// The analyst's Lua session for `inkoop repl`: an ordinary (not sandboxed) Lua state with the
// standard libraries, a `p` object for the current provider (reads and schema-checked writes),
// and run(":command") for every meta-command. Policies keep running in their own sandboxes.
#pragma once

#include <string>

#include "core/model/provider.hpp"

struct lua_State;

namespace inkoop::lua {

// What the session offers the analyst's Lua code.
class SessionApi {
public:
    virtual ~SessionApi() = default;
    // The provider schema of the session's policy tree.
    virtual const Schema& schema() const = 0;
    // The current provider, or nullptr when none is selected.
    virtual const Provider* current() const = 0;
    // Sets (text) or clears (empty optional) a field of the current provider, showing the effect;
    // returns an error message or "".
    virtual std::string set_field(const std::string& name, const std::optional<std::string>& text) = 0;
    // Runs a meta-command line (":eval", ":whatif ...").
    virtual void command(const std::string& line) = 0;
};

class AnalystState {
public:
    explicit AnalystState(SessionApi& api);
    ~AnalystState();
    AnalystState(const AnalystState&) = delete;
    AnalystState& operator=(const AnalystState&) = delete;

    enum class Status { Done, Incomplete, Error };
    // Runs a chunk (tried first as `return <chunk>` to print an expression's values, as lua.c
    // does); Incomplete when the chunk needs more lines. Printed values and errors go to `out`.
    Status run(const std::string& chunk, std::string& out);
    // From a signal handler: the running chunk stops at its next instruction.
    void interrupt();

private:
    lua_State* L_;
    volatile bool running_ = false;
};

}  // namespace inkoop::lua

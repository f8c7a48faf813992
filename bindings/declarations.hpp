// The declaration API a policy script calls while it loads: policy{}, param{}, scope{},
// outside_scope{}, rule{}, offer(), import, inherit, and param "name" as a condition.
#pragma once

#include <functional>
#include <set>
#include <string>
#include <utility>

#include "core/model/policy.hpp"

struct lua_State;

namespace inkoop::lua {

class Sandbox;

// Finds the text of a module or policy named in import/inherit (an id inside the policy tree):
// returns {code, chunkname}; throws std::runtime_error when there is none.
using ModuleSource = std::function<std::pair<std::string, std::string>(const std::string& name)>;

// Where the declarations of the policy being loaded go. Bridge functions build into the scratch
// members, which outlive any Lua error (see the discipline in sandbox.hpp).
struct PolicyBuilder {
    Policy policy;
    bool open = false;       // declarations are accepted only while the script loads
    bool declared = false;   // policy{} was called
    bool scoped = false;     // scope{} was called
    int inheriting = 0;      // > 0 while a parent policy's declarations run
    bool inherited = false;  // scope, exclusions and offer came from the parent: the child may replace them once
    bool scope_replaced = false, exclusions_replaced = false, offer_replaced = false;
    std::set<std::string> codes;    // rule codes declared
    std::set<std::string> loading;  // modules being loaded, against cycles
    ModuleSource source;

    // Scratch for the declaration being read.
    Rule rule;
    Param param;
    ScopeClause clause;
    std::string text, note, module_code, module_chunk;
};

// Registers the declaration functions in the sandbox's host API (setup: inside protect()).
void open_declarations(Sandbox& sb);
// Makes `b` the builder that declarations go to (nullptr: none). Never raises. [-0, +0]
void set_builder(lua_State* L, PolicyBuilder* b);
// The builder while a policy loads, or nullptr. Never raises. [-0, +0]
PolicyBuilder* loading_builder(lua_State* L);
// Remembers the environment table on top of the stack as one to freeze after loading. [-0, +0]
void remember_env(lua_State* L);
// Pushes the list of environments remembered so far. [-0, +1]
void push_envs(lua_State* L);
// Checks the finished declarations; throws std::runtime_error naming `chunkname`.
void validate_declarations(const PolicyBuilder& b, const std::string& chunkname);

}  // namespace inkoop::lua

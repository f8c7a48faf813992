// The declaration API a policy script calls while it loads: policy{}, param{}, scope{},
// outside_scope{}, rule{}, offer(), and param "name" as a condition.
#pragma once

#include <set>
#include <string>

#include "core/policy.hpp"

struct lua_State;

namespace inkoop::lua {

class Sandbox;

// Where the declarations of the policy being loaded go.
struct PolicyBuilder {
    Policy policy;
    bool open = false;        // declarations are accepted only while the script loads
    bool declared = false;    // policy{} was called
    bool scoped = false;      // scope{} was called
    std::set<std::string> codes;
};

// Registers the declaration functions in the sandbox's host API.
void open_declarations(Sandbox& sb);
// Makes `b` the builder that declarations go to (nullptr: none). [-0, +0]
void set_builder(lua_State* L, PolicyBuilder* b);
// Checks the finished declarations; throws std::runtime_error naming `chunkname`.
void validate_declarations(const PolicyBuilder& b, const std::string& chunkname);

}  // namespace inkoop::lua

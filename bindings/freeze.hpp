// Making a loaded policy stateless: after its script has run, nothing it can reach may change
// from one evaluation to the next.
#pragma once

#include <vector>

struct lua_State;

namespace inkoop::lua {

class Sandbox;

// One upvalue of a policy function, with the value it had when the policy finished loading.
struct UpvalueSnapshot {
    int function_ref;
    int index;
    int value_ref;
};

// Freezes the environment tables remembered while loading (the policy's and those of the modules
// and parents it loaded): every table reachable from them or from the upvalues of the functions
// reachable from them (and from `roots`, registry refs of functions) becomes a read-only proxy of
// its contents; global assignment fails. Runs in a protected call under the current run's limits
// (each table and upvalue visited is charged), walking with an explicit stack, so no structure can
// overflow the C stack. Returns the upvalues to restore after each evaluation. Throws ScriptError.
std::vector<UpvalueSnapshot> freeze_policy(Sandbox& sb, const std::vector<int>& roots);

// Puts every snapshotted upvalue back to its load-time value. Never raises. [-0, +0]
void restore_upvalues(lua_State* L, const std::vector<UpvalueSnapshot>& snapshot);

}  // namespace inkoop::lua

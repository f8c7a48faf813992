// Making a loaded policy stateless: after its script has run, nothing it can reach may change
// from one evaluation to the next.
#pragma once

#include <vector>

struct lua_State;

namespace inkoop::lua {

// One upvalue of a policy function, with the value it had when the policy finished loading.
struct UpvalueSnapshot {
    int function_ref;
    int index;
    int value_ref;
};

// Freezes the environment tables listed in the table at `envs_index` (the policy's and those of
// the modules and parents it loaded): every table reachable from them or from the upvalues of the
// functions reachable from them (and from `roots`, registry refs of functions) becomes read-only;
// global assignment fails. Returns the upvalues to restore after each evaluation. [-0, +0]
std::vector<UpvalueSnapshot> freeze_policy(lua_State* L, int envs_index, const std::vector<int>& roots);

// Puts every snapshotted upvalue back to its load-time value. [-0, +0]
void restore_upvalues(lua_State* L, const std::vector<UpvalueSnapshot>& snapshot);

}  // namespace inkoop::lua

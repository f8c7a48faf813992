// `inkoop new`: a new policy and its test file, from a short template or as a new year of an
// existing policy (`inherit`), which `inkoop check` and `inkoop test` pass at once.
#pragma once

#include <string>

#include "core/model/policy.hpp"
#include "core/model/schema.hpp"

namespace inkoop {

struct Scaffold {
    std::string policy;  // policies/<insurer>/<care>-<year>.lua
    std::string test;    // policies/<insurer>/<care>-<year>_test.lua
};

// Splits "insurer/care-year"; throws std::runtime_error for another shape.
struct NewPolicyId {
    std::string insurer, care;
    int year = 0;
};
NewPolicyId parse_new_policy_id(const std::string& id);

// A policy with its header, scope (the schema's first kind), one example rule with its section
// (a bool field of the schema) and an offer for the contract year; tests of both sides of the rule.
Scaffold scaffold_policy(const std::string& id, const Schema& schema);
// The next year of `from`: its metadata, `inherit`, a place for the changes, and a test that a
// kind outside its scope is refused.
Scaffold scaffold_next_year(const std::string& id, const Policy& from, const Schema& schema);

}  // namespace inkoop

// The rule-level difference between two policies (e.g. GGZ 2024 and 2027), to hold against the
// change list a policy document publishes.
#pragma once

#include <string>
#include <vector>

#include "core/model/policy.hpp"

namespace inkoop {

struct RuleDiff {
    enum class Kind { Removed, Added, Changed } kind;
    std::string code;
    std::string section_before, section_after;  // empty on the side where the rule is absent
    std::string text;                           // the rule's text (the newer one when changed)
    std::vector<std::string> details;           // for Changed: what differs
};

struct PolicyDiff {
    std::vector<RuleDiff> rules;  // in the newer policy's order, removed rules where they stood
    int unchanged = 0;
    std::vector<std::string> other;  // scope, exclusions, parameters
};

PolicyDiff diff_policies(const Policy& before, const Policy& after);

}  // namespace inkoop

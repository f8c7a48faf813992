// How two decisions for the same provider differ (two policies, or before and after a change),
// each difference with the rule code and section behind it.
#pragma once

#include <string>
#include <vector>

#include "decision.hpp"

namespace inkoop {

struct DecisionChange {
    std::string what;     // outcome, ground, review, condition, missing, contract, tariff, setting, excluded
    std::string sign;     // "+", "-", "~"
    std::string section;
    std::string code;
    std::string text;
};

// The differences from `a` to `b`; contract periods are compared after shifting `a` by `years`
// (the difference in contract year between the two policies).
std::vector<DecisionChange> compare_decisions(const Decision& a, const Decision& b, int years);

// One change as an indented line: "    - ground    3.1 max_8_fte: <text>\n".
std::string format_change(const DecisionChange& c);

}  // namespace inkoop

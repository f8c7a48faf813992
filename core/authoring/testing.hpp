// Policy test cases: a provider, a policy, parameters, and the expected decision.
#pragma once

#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/engine/evaluator.hpp"
#include "core/model/decision.hpp"
#include "core/model/policy.hpp"

namespace inkoop {

struct TestCase {
    std::string name;
    std::string where;      // file:line
    std::string policy;     // id or path
    std::string malformed;  // why the case could not be read (an unknown key, a bad value): its failure
    nlohmann::json provider = nlohmann::json::object();
    std::vector<std::string> settings;  // NAME=VALUE
    std::optional<std::string> outcome;
    // Exact sets (order-insensitive) when given.
    std::optional<std::vector<std::string>> grounds, sections, missing, review, conditions, excluded, settings_expected, surcharges,
        conditional, open_facts;
    std::optional<std::string> tariff, contract_type, start, end, sign_by;
};

// What differs between the expectation and the decision; empty when the case passes.
std::vector<std::string> compare(const TestCase& expected, const Decision& actual);

// Per-rule tally over a test run: was each rule seen holding and not holding?
struct RuleCoverage {
    std::string code, section;
    bool unconditional = false;  // always holds: seeing it hold is enough
    int held = 0, not_held = 0;
};

// The coverage entries of `policy`'s rules, every count zero.
std::vector<RuleCoverage> coverage_of(const Policy& policy);

// Runs one case: the provider checked against the schema, decided with the case's settings, and
// compared. Returns the differences (empty: passed) and tallies rule coverage from the trace.
std::vector<std::string> run_test_case(const TestCase& t, Evaluator& ev, size_t index, std::vector<RuleCoverage>& coverage);

}  // namespace inkoop

// Counterfactual search: the smallest sets of changes to a provider's facts that make a policy
// propose a contract, found by walking the conditions of the rules that stand in the way.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/engine/evaluator.hpp"
#include "core/model/decision.hpp"
#include "core/model/policy.hpp"
#include "core/model/provider.hpp"

namespace inkoop {

struct FactChange {
    int field = -1;
    Value value;             // the value tried (monostate: the fact made unknown)
    std::string constraint;  // what it satisfies, e.g. "fte_regiebehandelaren <= 8"
    std::string rule, section;
    bool operator==(const FactChange& o) const { return field == o.field && value == o.value; }
};

struct FlipSolution {
    std::vector<FactChange> changes;
    Outcome outcome = Outcome::Offer;
};

struct FlipOptions {
    size_t max_changes = 3;
    size_t max_evaluations = 4000;
    size_t max_solutions = 5;
};

struct FlipResult {
    std::vector<FlipSolution> solutions;  // smallest first, offers before reviews
    size_t evaluations = 0;
    bool exhausted = false;  // the budget ran out before the search did
};

// The single changes that could lift what stands between `d` and a contract.
std::vector<FactChange> flip_candidates(const Policy& policy, const Provider& p, const Decision& d, const ParamValues& params);

// Searches under policy `policy_index` of `ev` (a failure on a changed provider throws ScriptError).
FlipResult search_flips(Evaluator& ev, size_t policy_index, const Provider& p, const ParamValues& params, FlipOptions options = {});

// "fte_regiebehandelaren <= 8 (3.1 max_fte_regiebehandelaren)".
std::string describe_change(const FactChange& c);
// The same as `lang` reads it: in English the constraint it meets; in another language the fact by
// its label with the value that flips it, and the rule ("Fte regiebehandelaren: 8 (3.1 max_fte_...)").
std::string describe_change(const FactChange& c, const Schema& schema, Lang lang);

// The solutions as JSON (eval --flip, serve's flip=true): per solution its outcome and changes,
// each with field, value ("unknown" for a fact made unknown), constraint, rule and section.
nlohmann::ordered_json flips_json(const FlipResult& result, const Schema& schema);

}  // namespace inkoop

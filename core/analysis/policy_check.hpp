// `inkoop check` beyond loading: the policy is run on providers generated from its own
// conditions, so that mistakes inside its functions (offer, check) show before a real list meets
// them. Per provider kind in scope: every field at, just below and just above every constant the
// rules compare it with, and unknown (the fact classes of fact_classes.hpp), changed one at a
// time from two starting points (nothing known, and a provider the policy offers a contract,
// found by lifting what stands in its way), plus seeded random combinations. Every error a
// decision raises is reported with the provider that triggers it; so are contracts and tariffs
// without the section or text a letter needs, parameters that no decision depends on, and kinds
// in scope that never reach an offer.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "core/engine/evaluator.hpp"
#include "core/model/decision.hpp"
#include "core/model/policy.hpp"
#include "core/model/provider.hpp"

namespace inkoop {

struct CheckProblem {
    std::string message;     // the error, or what is missing ("the offer's tariff has no text")
    std::string provider;    // the first provider that shows it, as compact JSON
    size_t count = 0;        // how many generated providers show it
    size_t known_facts = 0;  // in `provider`: the example with the fewest is kept
};

struct PolicyRunCheck {
    size_t decided = 0;                                         // generated providers decided
    std::vector<CheckProblem> errors;                           // runtime errors, by first occurrence
    std::vector<CheckProblem> incomplete_offers;                // texts or sections missing from a proposal
    std::vector<CheckProblem> offer_warnings;                   // proposals to look at (a contract outside the policy's year)
    std::vector<std::string> unused_params;                     // no generated decision depends on them
    std::map<std::string, std::map<Outcome, size_t>> outcomes;  // per kind in scope
    std::vector<std::string> kinds_without_offer;               // kinds in scope no generated provider got an offer
    bool ok() const { return errors.empty() && incomplete_offers.empty(); }
};

struct RunCheckOptions {
    unsigned random_per_kind = 150;  // random combinations per kind
    uint64_t seed = 20240101;
};

// The representative values of field `f` given the constants `cuts` the rules compare it with:
// unknown, every constant and its neighbours (one day for dates, one unit for integers, a
// hundredth for numbers), within the field's range; every enum value; true and false. A date
// field no rule compares gets 1 January of the contract year and the year before, and neighbours.
std::vector<Value> representative_values(const Field& f, const std::vector<double>& numbers, const std::vector<Date>& dates,
                                         const std::vector<std::string>& texts, int year);

PolicyRunCheck run_policy_check(Evaluator& ev, size_t index, const ParamValues& params, RunCheckOptions options = {});

}  // namespace inkoop

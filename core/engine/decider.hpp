// The one way the analysis (analyze), the counterfactual search (flip), what-ifs, the policy check
// and policy tests ask for a decision: a provider and parameter values, decided under one loaded
// policy. The caller binds which policy and how (limits, trace); the engine behind it is the real
// one, scripts included. Throws (ScriptError or std::exception) when the policy fails on the provider.
#pragma once

#include <functional>

#include "core/model/decision.hpp"
#include "core/model/policy.hpp"
#include "core/model/provider.hpp"

namespace inkoop {

using Decider = std::function<Decision(const Provider& provider, const ParamValues& params)>;

}  // namespace inkoop

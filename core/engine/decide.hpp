// The decision procedure (spec §2): scope, every rule in order, then the contract proposal.
#pragma once

#include <memory>
#include <optional>
#include <vector>

#include "core/model/condition.hpp"
#include "core/model/decision.hpp"
#include "core/model/policy.hpp"
#include "core/model/provider.hpp"

namespace inkoop {

struct OfferResult {
    std::optional<Contract> contract;
    std::optional<Tariff> tariff;
};

// The parts of a policy that are script functions.
class PolicyScripts : public CustomChecks {
public:
    // Runs the offer function `ref` on the current provider. Returns false, with the fields it
    // found unknown, when it could not propose without them.
    virtual bool offer(int ref, OfferResult& out, std::vector<int>& unknown_fields) = 0;
};

struct DecideOptions {
    bool trace = false;
    bool passthrough = true;  // copy the provider's x_ columns into the decision
};

// Decides `provider` under `policy` into `out`, reusing its storage. Script errors propagate as
// exceptions from `scripts`.
void decide_into(const Policy& policy, const Provider& provider, const ParamValues& params, PolicyScripts* scripts, DecideOptions options,
                 Decision& out);

}  // namespace inkoop

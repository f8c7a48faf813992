// The Evaluator (core/engine/evaluator.hpp) backed by sandboxed policy runtimes: one per policy, per worker.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/engine/catalog.hpp"
#include "core/engine/evaluator.hpp"
#include "policy_runtime.hpp"

namespace inkoop::lua {

class LuaEvaluator final : public Evaluator {
public:
    // Loads every policy; `settings` (NAME=VALUE) apply to each policy that declares the name, and
    // each must be declared by at least one. Throws on load or settings errors.
    // `per_policy[i]` (may be shorter than `policies`) apply to policy i alone, after `settings`,
    // and each must be declared by it: the same policy on both sides of a diff under two readings.
    LuaEvaluator(const Catalog& catalog, const std::vector<std::string>& policies, const std::vector<std::string>& settings, Limits limits,
                 const std::vector<std::vector<std::string>>& per_policy = {});

    size_t policy_count() const override { return runtimes_.size(); }
    const std::string& policy_id(size_t i) const override { return runtimes_[i]->policy().info.id; }
    const Policy& policy(size_t i) const override { return runtimes_[i]->policy(); }
    PolicyRuntime& runtime(size_t i) { return *runtimes_[i]; }
    const ParamValues& params(size_t i) const override { return params_[i]; }

private:
    bool run(size_t i, const Provider& p, const ParamValues& params, DecideOptions options, Decision& out, EvalFailure& failure) override;
    std::vector<std::unique_ptr<PolicyRuntime>> runtimes_;
    std::vector<ParamValues> params_;
};

}  // namespace inkoop::lua

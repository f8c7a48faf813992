#include "runtime_evaluator.hpp"

#include <algorithm>

namespace inkoop::lua {

LuaEvaluator::LuaEvaluator(const Catalog& catalog, const std::vector<std::string>& policies, const std::vector<std::string>& settings,
                           Limits limits, const std::vector<std::vector<std::string>>& per_policy) {
    std::vector<const Policy*> all;
    for (const auto& id : policies) {
        runtimes_.push_back(load_policy(catalog, id, limits));
        all.push_back(&runtimes_.back()->policy());
    }
    for (size_t i = 0; i < runtimes_.size(); ++i)
        params_.push_back(
            params_for(runtimes_[i]->policy(), all, settings, i < per_policy.size() ? per_policy[i] : std::vector<std::string>{}));
}

bool LuaEvaluator::run(size_t i, const Provider& p, const ParamValues& params, DecideOptions options, Decision& out, EvalFailure& failure) {
    try {
        runtimes_[i]->decide_into(p, params, options, out);
        return true;
    } catch (const std::exception& e) {
        failure = failure_of(e);
    }
    return false;
}

}  // namespace inkoop::lua

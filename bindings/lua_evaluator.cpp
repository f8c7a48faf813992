#include "lua_evaluator.hpp"

#include <algorithm>

namespace inkoop::lua {

LuaEvaluator::LuaEvaluator(const Catalog& catalog, const std::vector<std::string>& policies, const std::vector<std::string>& settings,
                           Limits limits) {
    std::vector<const Policy*> all;
    for (const auto& id : policies) {
        runtimes_.push_back(load_policy(catalog, id, limits));
        all.push_back(&runtimes_.back()->policy());
    }
    for (const auto& rt : runtimes_) params_.push_back(apply_settings(rt->policy(), settings_for(rt->policy(), all, settings)));
}

bool LuaEvaluator::decide(size_t i, const Provider& p, Decision& out, EvalFailure& failure) {
    try {
        runtimes_[i]->decide_into(p, params_[i], {.trace = false, .passthrough = false}, out);
        return true;
    } catch (const ScriptError& e) {
        failure = {std::string(error_kind_name(e.kind())), e.what()};
    } catch (const std::exception& e) {
        failure = {"runtime", e.what()};
    }
    return false;
}

}  // namespace inkoop::lua

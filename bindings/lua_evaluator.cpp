#include "lua_evaluator.hpp"

#include <algorithm>

namespace inkoop::lua {

std::vector<std::string> settings_for(const Policy& policy, const std::vector<const Policy*>& all,
                                      const std::vector<std::string>& settings) {
    std::vector<std::string> mine;
    for (const auto& s : settings) {
        const std::string name = s.substr(0, s.find('='));
        if (policy.find_param(name)) {
            mine.push_back(s);
            continue;
        }
        const bool someone = std::any_of(all.begin(), all.end(), [&](const Policy* p) { return p->find_param(name); });
        if (!someone) apply_settings(policy, {s});  // throws the error with its suggestion
    }
    return mine;
}

LuaEvaluator::LuaEvaluator(const Catalog& catalog, const std::vector<std::string>& policies,
                           const std::vector<std::string>& settings, Limits limits) {
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

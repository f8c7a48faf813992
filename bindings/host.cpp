#include "host.hpp"

#include <lua.hpp>

#include "core/base/io.hpp"
#include "policy_runtime.hpp"
#include "policy_test_loader.hpp"
#include "runtime_evaluator.hpp"

namespace inkoop::host {

LoadedPolicy::LoadedPolicy(std::unique_ptr<lua::PolicyRuntime> runtime)
    : rt_(std::move(runtime)), defaults_(rt_->policy().default_params()) {}
LoadedPolicy::~LoadedPolicy() = default;
LoadedPolicy::LoadedPolicy(LoadedPolicy&&) noexcept = default;
LoadedPolicy& LoadedPolicy::operator=(LoadedPolicy&&) noexcept = default;

const Policy& LoadedPolicy::policy() const { return rt_->policy(); }

bool LoadedPolicy::run(size_t, const Provider& p, const ParamValues& params, DecideOptions options, Decision& out, EvalFailure& failure) {
    try {
        rt_->decide_into(p, params, options, out);
        return true;
    } catch (const std::exception& e) {
        failure = failure_of(e);
    }
    return false;
}

void LoadedPolicy::interrupt() { rt_->sandbox().interrupt(); }

Host::Host(std::string policy_dir, Limits limits) : catalog_(std::move(policy_dir)), limits_(limits) {}
Host::Host(Catalog catalog, Limits limits) : catalog_(std::move(catalog)), limits_(limits) {}

std::string lua_version() { return LUA_RELEASE; }

LoadedPolicy Host::load(const std::string& id_or_path) const { return LoadedPolicy(lua::load_policy(catalog_, id_or_path, limits_)); }

std::vector<TestCase> Host::load_tests(const std::string& path) const {
    return lua::load_test_file(read_file(path), catalog_.chunkname(path), limits_);
}

std::unique_ptr<Evaluator> Host::evaluator(const std::vector<std::string>& policies, const std::vector<std::string>& settings,
                                           const std::vector<std::vector<std::string>>& per_policy) const {
    return std::make_unique<lua::LuaEvaluator>(catalog_, policies, settings, limits_, per_policy);
}

EvaluatorFactory Host::evaluators(std::vector<std::string> policies, std::vector<std::string> settings,
                                  std::vector<std::vector<std::string>> per_policy) const {
    return [catalog = catalog_, limits = limits_, policies = std::move(policies), settings = std::move(settings),
            per_policy = std::move(per_policy)] {
        return std::make_unique<lua::LuaEvaluator>(catalog, policies, settings, limits, per_policy);
    };
}

}  // namespace inkoop::host

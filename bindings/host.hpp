// The one door into the Lua host. repl/ (the command line and the what-if REPL) uses this header and
// the analyst's Lua session (analyst_session.hpp), nothing else from bindings/: policies loaded into
// their sandboxes, decisions with their explanations, policy test files, and the evaluators the
// batch engine runs per worker. No Lua header is included here.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/authoring/testing.hpp"
#include "core/base/limits.hpp"
#include "core/base/script_error.hpp"
#include "core/engine/catalog.hpp"
#include "core/engine/decide.hpp"
#include "core/engine/evaluator.hpp"
#include "core/model/policy.hpp"
#include "core/run/batch.hpp"

namespace inkoop::lua {
class PolicyRuntime;
}

namespace inkoop::host {

// A policy loaded into its own sandbox: its declarations, and decisions under it (as an Evaluator
// of this one policy, index 0, with the policy's default parameters as its own).
class LoadedPolicy final : public Evaluator {
public:
    explicit LoadedPolicy(std::unique_ptr<lua::PolicyRuntime> runtime);
    ~LoadedPolicy() override;
    LoadedPolicy(LoadedPolicy&&) noexcept;
    LoadedPolicy& operator=(LoadedPolicy&&) noexcept;

    const Policy& policy() const;
    const std::string& id() const { return policy().info.id; }
    // Safe from a signal handler: a running decision stops with ErrorKind::Interrupted.
    void interrupt();

    size_t policy_count() const override { return 1; }
    const std::string& policy_id(size_t) const override { return id(); }
    const Policy& policy(size_t) const override { return policy(); }
    const ParamValues& params(size_t) const override { return defaults_; }

private:
    bool run(size_t i, const Provider& p, const ParamValues& params, DecideOptions options, Decision& out, EvalFailure& failure) override;
    std::unique_ptr<lua::PolicyRuntime> rt_;
    ParamValues defaults_;
};

// "Lua 5.4.4": the Lua the engine embeds.
std::string lua_version();

// The Lua host: the policies of a tree loaded into their sandboxes. (core/engine is the decision
// procedure and the Evaluator interface; this is what runs policies behind it.)
class Host {
public:
    // Policies are found in `policy_dir` (by id insurer/care-year, or by path); every run of a
    // policy (its load, each decision) is held to `limits`.
    // Reads the tree's provider schema (Catalog); throws std::runtime_error when it cannot.
    Host(std::string policy_dir, Limits limits);
    Host(Catalog catalog, Limits limits);

    const Catalog& catalog() const { return catalog_; }
    // The provider schema of the policy tree: what providers are read against.
    const Schema& schema() const { return catalog_.schema(); }
    const Limits& limits() const { return limits_; }

    // Loads a policy. Throws ScriptError (script errors, limits), FileError, std::runtime_error.
    LoadedPolicy load(const std::string& id_or_path) const;
    // The cases of a policy test file (use/test/with). Throws as load() does, naming file and line.
    std::vector<TestCase> load_tests(const std::string& path) const;
    // Every policy loaded with `settings` (NAME=VALUE; each applies to the policies that declare it
    // and must be declared by one): what the batch engine decides with, one per worker. Throws on
    // load or settings errors.
    // `per_policy[i]`: settings for policy i alone, after those (diff --set-a / --set-b).
    std::unique_ptr<Evaluator> evaluator(const std::vector<std::string>& policies, const std::vector<std::string>& settings,
                                         const std::vector<std::vector<std::string>>& per_policy = {}) const;
    // A factory of such evaluators, for the batch engine's workers.
    EvaluatorFactory evaluators(std::vector<std::string> policies, std::vector<std::string> settings,
                                std::vector<std::vector<std::string>> per_policy = {}) const;

private:
    Catalog catalog_;
    Limits limits_;
};

}  // namespace inkoop::host

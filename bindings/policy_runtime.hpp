// A policy loaded into its own sandbox, ready to decide providers.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/base/io.hpp"
#include "core/engine/catalog.hpp"
#include "core/engine/decide.hpp"
#include "core/model/policy.hpp"
#include "declarations.hpp"
#include "freeze.hpp"
#include "sandbox.hpp"

namespace inkoop::lua {

// One run of a sandbox (loading, or the script part of one decision): begun on construction,
// ended however the work leaves (the provider unbound, upvalues restored, the stack cleared).
class RunGuard {
public:
    RunGuard(Sandbox& sb, const std::vector<UpvalueSnapshot>& upvalues);
    ~RunGuard();
    RunGuard(const RunGuard&) = delete;
    RunGuard& operator=(const RunGuard&) = delete;

private:
    Sandbox& sb_;
    const std::vector<UpvalueSnapshot>& upvalues_;
};

class PolicyRuntime final : public PolicyScripts {
public:
    // Runs the policy script `code` (shown as `chunkname` in messages) and freezes what it
    // declared. Throws ScriptError for script errors and limits, std::runtime_error for a
    // policy that declares too little.
    // `source` finds what `import` and `inherit` name.
    PolicyRuntime(std::string_view code, const std::string& chunkname, std::shared_ptr<const Schema> schema, Limits limits = {},
                  ModuleSource source = {});
    ~PolicyRuntime() override;

    const Policy& policy() const { return policy_; }
    // The files the policy was loaded from, with their hashes: its version (Policy::set_files).
    void set_files(std::vector<PolicyFileHash> files);
    Sandbox& sandbox() { return sb_; }
    // What loading charged to the instruction budget: running the script, and then freezing what
    // it built (the host's walk over the policy's tables and upvalues).
    struct LoadCost {
        uint64_t script = 0, freeze = 0;
    };
    const LoadCost& load_cost() const { return load_cost_; }

    // Decides one provider into `out`, reusing its storage. Throws ScriptError when the policy fails
    // on it. What the evaluators (host.hpp, runtime_evaluator.hpp) call: the rest of the program decides
    // through an Evaluator (core/engine/evaluator.hpp).
    void decide_into(const Provider& provider, const ParamValues& params, DecideOptions options, Decision& out);

    Tri check(int ref, std::vector<int>& unknown_fields) override;
    bool offer(int ref, OfferResult& out, std::vector<int>& unknown_fields) override;

private:
    void prepare_params(const ParamValues& params);
    void start_run();
    bool call_script(int ref, int results, std::vector<int>& unknown_fields);
    [[noreturn]] void bad_result(int fn_ref, const char* what, int idx);

    // Offer results keyed by the facts the offer function read (it is deterministic: no state,
    // no clock, no randomness), valid for one set of parameter values.
    struct OfferMemo {
        std::vector<std::pair<int, Value>> facts;
        OfferResult result;
    };
    const inkoop::OfferResult* find_offer(const Provider& p) const;
    void remember_offer(const Provider& p, std::vector<int> reads, const OfferResult& result);

    Sandbox sb_;
    Policy policy_;
    std::vector<OfferMemo> offers_;
    ParamValues offers_params_;
    std::vector<UpvalueSnapshot> upvalues_;
    LoadCost load_cost_;
    const ParamValues* params_ = nullptr;
    std::optional<RunGuard> run_;  // while a decision's script part runs
    const Provider* bound_ = nullptr;
    ParamValues params_in_table_;
    ParamValues params_text_for_;
    SharedText params_text_;
    int params_ref_ = -2;  // LUA_NOREF
};

// What `import`/`inherit` find: <policy dir>/<name>.lua.
ModuleSource directory_source(const Catalog& catalog);

// Loads policy `id_or_path` from the catalog's directory.
std::unique_ptr<PolicyRuntime> load_policy(const Catalog& catalog, const std::string& id_or_path, Limits limits = {});

}  // namespace inkoop::lua

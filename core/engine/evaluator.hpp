// The one way to ask for a decision: an Evaluator decides providers under a fixed list of loaded
// policies (bindings/ implements it over the Lua sandboxes). The batch run, the service, the
// analyses, the reports, policy tests and the command line all decide through it, and all see the
// same failure: its kind (runtime, syntax, instructions, deadline, memory, interrupted), its
// message "file:line: message" and the script's traceback.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "core/base/script_error.hpp"
#include "core/engine/decide.hpp"
#include "core/model/decision.hpp"
#include "core/model/policy.hpp"
#include "core/model/provider.hpp"

namespace inkoop {

// Why a policy gave no decision on a provider.
struct EvalFailure {
    ErrorKind kind = ErrorKind::Runtime;
    std::string message;    // file:line: message
    std::string traceback;  // the script's, when there is one
    std::string kind_name() const { return std::string(error_kind_name(kind)); }
};

// Decides providers under a fixed list of policies. One per worker thread: not thread-safe.
class Evaluator {
public:
    virtual ~Evaluator() = default;
    virtual size_t policy_count() const = 0;
    virtual const std::string& policy_id(size_t i) const = 0;
    virtual const Policy& policy(size_t i) const = 0;
    // The parameter values policy `i` decides with when the caller names none.
    virtual const ParamValues& params(size_t i) const = 0;

    // Decides `p` under policy `i` with `params` into `out`; false, with `failure` set, when the
    // policy fails on it. `options.trace` keeps every rule evaluated (eval --explain, serve's
    // explain=true); `options.passthrough` copies the provider's x_ columns into the decision.
    bool decide(size_t i, const Provider& p, const ParamValues& params, DecideOptions options, Decision& out, EvalFailure& failure) {
        return run(i, p, params, options, out, failure);
    }
    // The batch engine's forms: without the trace and the x_ columns (its sinks write those).
    bool decide(size_t i, const Provider& p, Decision& out, EvalFailure& failure) {
        return run(i, p, params(i), {.trace = false, .passthrough = false}, out, failure);
    }
    bool decide_with(size_t i, const Provider& p, const ParamValues& params, Decision& out, EvalFailure& failure) {
        return run(i, p, params, {.trace = false, .passthrough = false}, out, failure);
    }
    bool explain(size_t i, const Provider& p, const ParamValues& params, Decision& out, EvalFailure& failure) {
        return run(i, p, params, {.trace = true, .passthrough = false}, out, failure);
    }
    // For callers that stop at the first failure (the analyses, flips, the policy check, policy
    // tests, the command line): the decision, or the failure thrown as a ScriptError of its kind
    // with its message and traceback.
    Decision decide_or_throw(size_t i, const Provider& p, const ParamValues& params, DecideOptions options = {});

protected:
    // The implementation: decide, or fill `failure` and return false. Must not throw.
    virtual bool run(size_t i, const Provider& p, const ParamValues& params, DecideOptions options, Decision& out,
                     EvalFailure& failure) = 0;
};
using EvaluatorFactory = std::function<std::unique_ptr<Evaluator>()>;

// A failure caught as an exception (a ScriptError keeps its kind and traceback; anything else is a
// runtime failure).
EvalFailure failure_of(const std::exception& e);

}  // namespace inkoop

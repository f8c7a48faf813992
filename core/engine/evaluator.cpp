#include "core/engine/evaluator.hpp"

namespace inkoop {

Decision Evaluator::decide_or_throw(size_t i, const Provider& p, const ParamValues& params, DecideOptions options) {
    Decision out;
    EvalFailure failure;
    if (!run(i, p, params, options, out, failure))
        throw ScriptError(failure.kind, std::move(failure.message), std::move(failure.traceback));
    return out;
}

EvalFailure failure_of(const std::exception& e) {
    if (const auto* se = dynamic_cast<const ScriptError*>(&e)) return {se->kind(), se->what(), se->traceback()};
    return {ErrorKind::Runtime, e.what(), {}};
}

}  // namespace inkoop

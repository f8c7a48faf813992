// The questions that decide a provider under a policy: the page (serve's /questions route) and the
// REPL's :ask walk a provider through them. A policy's questions for a kind are the facts its
// rules read for that kind, in the document's order (the order of its rules), after the kind
// itself; the insurer's own facts are never among them. With the provider's answers so far, the
// decision so far says which of them still decide it: the facts it waits for (missing) and the
// facts still open (a refusal on known facts, conditional additions).
#pragma once

#include <string>
#include <vector>

#include "core/engine/evaluator.hpp"
#include "core/model/decision.hpp"
#include "core/model/policy.hpp"
#include "core/model/provider.hpp"

namespace inkoop {

struct Question {
    int field = -1;
    std::string section;  // the section of the first rule that reads it ("" for the kind)
    std::string rule;     // that rule's code
    bool answered = false;
    bool deciding = false;  // the decision so far waits for it, or it is open
};

struct QuestionList {
    Decision decision;  // the decision on the answers so far
    bool decided = false;
    EvalFailure failure;              // when not decided: why
    std::vector<Question> questions;  // the provider's own facts, in the document's order
    std::vector<int> insurer_facts;   // the insurer's facts the decision waits for (asked of no provider)
    // The first deciding question not answered yet (an index into questions), or -1.
    int next() const;
    size_t deciding() const;
};

// The questions of `policy` for a provider of kind `kind` (an index into the kind field's values;
// -1: not known yet, then the kind alone), in the document's order, insurer facts left out.
std::vector<Question> policy_questions(const Policy& policy, int kind);

// The questions with the decision on the provider's answers so far (`ev` decides with `params`;
// with `explain`, the decision keeps its trace).
QuestionList questions_for(Evaluator& ev, size_t policy, const Provider& p, const ParamValues& params, bool explain = false);

}  // namespace inkoop

#include "core/analysis/questions.hpp"

#include <algorithm>

namespace inkoop {

int QuestionList::next() const {
    for (size_t i = 0; i < questions.size(); ++i)
        if (questions[i].deciding && !questions[i].answered) return static_cast<int>(i);
    return -1;
}

size_t QuestionList::deciding() const {
    return static_cast<size_t>(std::count_if(questions.begin(), questions.end(), [](const Question& q) { return q.deciding; }));
}

std::vector<Question> policy_questions(const Policy& policy, int kind) {
    const Schema& schema = *policy.schema;
    const Field* kind_field = schema.kind();
    std::vector<Question> out;
    std::vector<char> seen(static_cast<size_t>(schema.size()), 0);
    const auto add = [&](int field, const std::string& section, const std::string& rule) {
        if (field < 0 || static_cast<size_t>(field) >= seen.size() || seen[static_cast<size_t>(field)]) return;
        seen[static_cast<size_t>(field)] = 1;
        if (schema.at(field).insurer_fact) return;
        out.push_back({field, section, rule});
    };
    if (kind_field) add(kind_field->index, policy.scope.section, "");
    if (kind < 0 || !policy.purchases(kind)) return out;
    std::vector<int> fields;
    for (const Rule& r : policy.rules) {
        if (!r.applies_to(kind)) continue;
        for (const ConditionPtr& c : {r.applies, r.test, r.review_instead}) {
            if (!c) continue;
            fields.clear();
            collect_fields(*c, fields);
            for (int f : fields) add(f, r.section, r.code);
        }
    }
    return out;
}

QuestionList questions_for(Evaluator& ev, size_t policy, const Provider& p, const ParamValues& params, bool explain) {
    QuestionList q;
    const Policy& pol = ev.policy(policy);
    const Schema& schema = *pol.schema;
    const Field* kind_field = schema.kind();
    int kind = -1;
    if (kind_field)
        if (const auto* e = std::get_if<EnumValue>(&p[kind_field->index])) kind = static_cast<int>(e->index);
    q.questions = policy_questions(pol, kind);
    q.decided = explain ? ev.explain(policy, p, params, q.decision, q.failure) : ev.decide_with(policy, p, params, q.decision, q.failure);
    std::vector<int> deciding;
    if (q.decided) {
        for (const auto* list : {&q.decision.missing, &q.decision.open_facts})
            for (const auto& name : *list)
                if (const Field* f = schema.find(name)) deciding.push_back(f->index);
        for (const auto& c : q.decision.conditional)
            for (const auto& name : c.settled_by)
                if (const Field* f = schema.find(name)) deciding.push_back(f->index);
    }
    for (int f : deciding) {
        if (schema.at(f).insurer_fact) {
            if (std::find(q.insurer_facts.begin(), q.insurer_facts.end(), f) == q.insurer_facts.end()) q.insurer_facts.push_back(f);
            continue;
        }
        // A fact the rules read through a script function is asked as well, after the others.
        if (std::none_of(q.questions.begin(), q.questions.end(), [&](const Question& x) { return x.field == f; }))
            q.questions.push_back({f, "", ""});
    }
    for (Question& x : q.questions) {
        x.answered = is_known(p[x.field]);
        x.deciding = std::find(deciding.begin(), deciding.end(), x.field) != deciding.end();
    }
    return q;
}

}  // namespace inkoop

// The session's questions about the current provider and the loaded population: explanations,
// differences between policies, flips and what-ifs.
#include <algorithm>
#include <fmt/format.h>
#include <memory>
#include <ostream>

#include "core/analysis/analyze.hpp"
#include "core/analysis/flip.hpp"
#include "core/analysis/questions.hpp"
#include "core/analysis/whatif.hpp"
#include "core/formats/terminal_text.hpp"
#include "core/model/decision_diff.hpp"
#include "core/model/outcome_words.hpp"
#include "session.hpp"
#include "table.hpp"

namespace inkoop::cli {

class Session::SlotEvaluator final : public Evaluator {
public:
    SlotEvaluator(Session& session, PolicySlot& slot, bool stop_on_interrupt)
        : session_(session), slot_(slot), stop_on_interrupt_(stop_on_interrupt) {}
    size_t policy_count() const override { return 1; }
    const std::string& policy_id(size_t) const override { return slot_.policy.id(); }
    const Policy& policy(size_t) const override { return slot_.policy.policy(); }
    const ParamValues& params(size_t) const override { return slot_.params; }

private:
    bool run(size_t, const Provider& p, const ParamValues& params, DecideOptions options, Decision& out, EvalFailure& failure) override {
        if (stop_on_interrupt_ && session_.interrupted_) {
            failure = {ErrorKind::Interrupted, session_.say("interrupted"), {}};
            return false;
        }
        out = session_.decision_with(slot_, p, params, options.trace);
        return true;
    }
    Session& session_;
    PolicySlot& slot_;
    bool stop_on_interrupt_;
};

void Session::explain(const std::string& which) {
    if (!require_current()) return;
    // The renderer `inkoop eval` uses; a policy named that is not in use, or none in use, is an error.
    const auto show = [&](PolicySlot& s) {
        out_ << render_decision(decision_for(s, current_, true), {color_, true, output_lang(lang_, &s.policy.policy()), &host_.schema()});
    };
    if (!which.empty()) return show(slot_for(which));
    if (policies_.empty()) throw std::runtime_error(say("no policy in use (:use POLICY)"));
    for (auto& s : policies_) show(s);
}

// :analyze [POLICY] or :analyze diff A B (policies in use; A and B default to the first two).
void Session::analyze(const std::string& args) {
    auto words = split_words(args);
    const auto flag = std::find(words.begin(), words.end(), "--examples");
    const bool examples = flag != words.end();
    if (examples) words.erase(flag);
    std::vector<std::unique_ptr<SlotEvaluator>> evaluators;
    const auto analyzed = [&](PolicySlot& slot) {
        evaluators.push_back(std::make_unique<SlotEvaluator>(*this, slot, true));
        AnalyzedPolicy ap;
        ap.policy = &slot.policy.policy();
        ap.params = slot.params;
        ap.ev = evaluators.back().get();
        return ap;
    };
    if (!words.empty() && words[0] == "diff") {
        if (policies_.size() < 2 && words.size() < 3)
            throw std::runtime_error(say(":analyze diff needs two policies in use, or :analyze diff A B"));
        PolicySlot& a = slot_for(words.size() >= 3 ? words[1] : policies_[0].id);
        PolicySlot& b = slot_for(words.size() >= 3 ? words[2] : policies_[1].id);
        out_ << diff_analysis_summary(analyze_diff(analyzed(a), analyzed(b)), examples, output_lang(lang_, &a.policy.policy()));
        return;
    }
    PolicySlot& slot = slot_for(words.empty() ? "" : words[0]);
    out_ << analysis_summary(analyze_policy(analyzed(slot)), examples, output_lang(lang_, &slot.policy.policy()));
}

void Session::diff(const std::string&) {
    if (!require_current()) return;
    if (policies_.size() < 2) throw std::runtime_error(say(":diff needs two policies in use"));
    const auto ds = decide_all(current_);
    const Lang L = lang();
    for (size_t i = 1; i < ds.size(); ++i) {
        const int years = policies_[i].policy.policy().info.year - policies_[0].policy.policy().info.year;
        out_ << fmt::format("{} -> {}: {} -> {}\n", ds[0].policy, ds[i].policy, outcome_word(ds[0].outcome, L),
                            outcome_word(ds[i].outcome, L));
        for (const auto& c : compare_decisions(ds[0], ds[i], years)) out_ << format_change(c, L);
    }
}

void Session::flip(const std::string& which) {
    if (!require_current()) return;
    PolicySlot& slot = slot_for(which);
    const Policy& policy = slot.policy.policy();
    SlotEvaluator ev(*this, slot, true);
    const auto result = search_flips(ev, 0, current_, slot.params);
    const Decision now = decision_for(slot, current_);
    const Lang L = lang();
    if (now.outcome == Outcome::Offer || now.outcome == Outcome::Review) {
        out_ << fmt::format(fmt::runtime(say("{} already proposes a contract ({})")), policy.info.id, outcome_word(now.outcome, L)) << '\n';
        return;
    }
    if (result.solutions.empty()) {
        out_ << fmt::format(fmt::runtime(say("{}: no change of at most 3 facts makes it propose a contract ({} evaluations{})")),
                            policy.info.id, count_text(L, result.evaluations), result.exhausted ? say(", search budget spent") : "")
             << '\n';
        return;
    }
    out_ << fmt::format(fmt::runtime(say("{}: {} -> smallest changes that lead to a contract ({} evaluations):")), policy.info.id,
                        outcome_word(now.outcome, L), count_text(L, result.evaluations))
         << '\n';
    for (size_t i = 0; i < result.solutions.size(); ++i) {
        const auto& sol = result.solutions[i];
        std::vector<std::string> parts;
        for (const auto& c : sol.changes) parts.push_back(describe_change(c, host_.schema(), L));  // as eval --flip words it
        out_ << fmt::format("  {}. {} -> {}\n", i + 1, fmt::join(parts, L == Lang::En ? std::string(" and ") : " " + say("and") + " "),
                            paint(outcome_word(sol.outcome, L), sol.outcome));
    }
}

void Session::whatif(const std::string& args) {
    if (providers_.empty()) throw std::runtime_error(say("no providers loaded (:load FILE)"));
    if (policies_.empty()) throw std::runtime_error(say("no policy in use (:use POLICY)"));
    const WhatIf w = parse_whatif(args, host_.schema());
    std::vector<ParamValues> after;  // each policy's parameters with the change
    std::vector<std::string> changed = settings_;
    if (w.kind == WhatIf::Kind::Param) changed.push_back(w.setting);
    for (auto& s : policies_)
        after.push_back(apply_settings(s.policy.policy(), settings_for(s.policy.policy(), policies_in_use(), changed)));
    std::vector<std::unique_ptr<SlotEvaluator>> evaluators;
    std::vector<WhatIfPolicy> sides;
    for (size_t i = 0; i < policies_.size(); ++i) {
        evaluators.push_back(std::make_unique<SlotEvaluator>(*this, policies_[i], false));
        sides.push_back({evaluators.back().get(), 0, policies_[i].params, after[i]});
    }
    const auto result = run_whatif(
        w, providers_, sides, [&] { return interrupted_.load(); }, lang());
    std::vector<std::string> ids;
    for (const auto& s : policies_) ids.push_back(s.policy.id());
    print_whatif(out_, w, result, ids, lang());
}

}  // namespace inkoop::cli

namespace inkoop::cli {

void Session::ask(const std::string& args) {
    PolicySlot& slot = slot_for(args);
    if (!has_current_) new_provider("");
    asking_ = true;
    ask_policy_ = slot.id;
    skipped_.clear();
    answered_ = 0;
    ask_outcome_ = -1;
    out_ << fmt::format(fmt::runtime(say("questions for {}: answer each with a value; \"unknown\" leaves it open, an empty line stops")),
                        slot.policy.id())
         << '\n';
    ask_next();
}

void Session::ask_next() {
    PolicySlot& slot = slot_for(ask_policy_);
    SlotEvaluator ev(*this, slot, false);
    const QuestionList q = questions_for(ev, 0, current_, slot.params);
    const Schema& schema = host_.schema();
    const Lang L = lang();
    // The outcome so far, each time it changes.
    const int outcome = q.decided ? static_cast<int>(category_of(q.decision)) : -1;
    if (q.decided && outcome != ask_outcome_)
        out_ << fmt::format(fmt::runtime(say("outcome so far: {}")), category_label(category_of(q.decision), L)) << '\n';
    ask_outcome_ = outcome;
    size_t left = 0;
    const Question* next = nullptr;
    for (const Question& x : q.questions) {
        if (!x.deciding || x.answered || std::find(skipped_.begin(), skipped_.end(), x.field) != skipped_.end()) continue;
        ++left;
        if (!next) next = &x;
    }
    if (!next) {
        asking_ = false;
        asked_field_ = -1;
        out_ << fmt::format(fmt::runtime(say("no question left that decides the outcome ({} answered)")), answered_) << '\n';
        print_decisions({decision_for(slot, current_)});
        if (!q.insurer_facts.empty()) {
            std::vector<std::string> labels;
            for (int f : q.insurer_facts) labels.push_back(schema.at(f).label(L));
            out_ << fmt::format(fmt::runtime(say("waits for an internal check: {}; the provider need do nothing for it")),
                                fmt::join(labels, ", "))
                 << '\n';
        }
        return;
    }
    const Field& f = schema.at(next->field);
    asked_field_ = f.index;
    const std::string where = next->section.empty() ? "" : fmt::format(fmt::runtime(say("section {}")), next->section) + "; ";
    out_ << fmt::format(fmt::runtime(say("question {} ({}left to answer: {}): {}")), answered_ + 1, where, left, f.question(L)) << '\n';
    std::string hint;
    switch (f.type) {
    case FieldType::Bool: hint = say("yes or no"); break;
    case FieldType::Enum: {
        std::vector<std::string> choices;
        for (size_t i = 0; i < f.values.size(); ++i) choices.push_back(fmt::format("{} = {}", i + 1, f.value_label(i, L)));
        hint = fmt::format(fmt::runtime(say("a number: {}")), fmt::join(choices, ", "));
        break;
    }
    case FieldType::Date: hint = say("a date (YYYY-MM-DD or DD-MM-YYYY)"); break;
    case FieldType::Int:
    case FieldType::Number: hint = f.min == 0.0 && f.max == 1.0 ? say("a share from 0 to 1 (0.85 is 85%)") : say("a number"); break;
    default: hint = say("a text"); break;
    }
    out_ << "  " << f.label(L) << ": " << hint << '\n';
}

void Session::answer(const std::string& line) {
    std::string text = line;
    text.erase(0, text.find_first_not_of(" \t"));
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.pop_back();
    if (text.empty() || asked_field_ < 0) {
        asking_ = false;
        out_ << fmt::format(fmt::runtime(say("stopped asking ({} answered)")), answered_) << '\n';
        return;
    }
    const Field& f = host_.schema().at(asked_field_);
    if (text == "unknown" || text == say("unknown")) {
        skipped_.push_back(f.index);
        return ask_next();
    }
    if (f.type == FieldType::Bool) {
        if (text == trc(lang(), "answer", "yes") || text == "yes") text = "true";
        if (text == trc(lang(), "answer", "no") || text == "no") text = "false";
    }
    if (f.type == FieldType::Enum && !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        const size_t n = text.size() <= 3 ? std::stoul(text) : 0;
        if (n >= 1 && n <= f.values.size()) text = f.values[n - 1];
    }
    Value v;
    if (auto err = parse_value(f, text, v, {.decimal_comma = lang() != Lang::En})) {
        out_ << fmt::format(fmt::runtime(say("error: {}")), fmt::format(fmt::runtime(say("field '{}': {}")), f.name, err->text(lang())))
             << '\n';
        return ask_next();
    }
    current_[f.index] = std::move(v);
    last_.clear();
    ++answered_;
    ask_next();
}

}  // namespace inkoop::cli

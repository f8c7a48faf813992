// core/analysis/analyze and transitions on small hand-written policies with known answers: what
// every possible provider gets (analyze_policy), how two policies differ (analyze_diff) and the
// outcome transitions between them (analyze_transitions). The class space they walk is tested in
// test_class_space.cpp; the CLI tests of `inkoop analyze` (test_analyze.cpp) run the shipped
// policies through the binary.
#include <catch2/catch.hpp>
#include <set>

#include "bindings/host.hpp"
#include "core/analysis/analyze.hpp"
#include "core/analysis/transitions.hpp"
#include "policy_fixture.hpp"

using namespace inkoop;
using namespace inkoop::testing;
using lua::PolicyRuntime;

namespace {

// A practice is offered with at most `max` FTE; under the second policy also a review point for
// a training place.
std::string fte_policy(int max, bool training_review = false) {
    std::string body = "param { 'max_fte', type = 'number', default = " + std::to_string(max) +
                       ", unit = 'fte', section = '2', doc = 'maximaal fte' }\n"
                       "rule { 'max_fte', section = '2', text = 'maximaal {max_fte} fte', "
                       "require = at_most('fte_regiebehandelaren', param 'max_fte') }\n";
    if (training_review)
        body +=
            "rule { 'opleidingsplek', section = '2', text = 'opleidingsplek', review_if = is_true 'training_place', "
            "interpretation = 'een eigen keuze' }\n";
    return policy_with(body);
}

struct Loaded {
    host::LoadedPolicy lp;
    AnalyzedPolicy ap;
    explicit Loaded(const std::string& source)
        : lp(std::make_unique<PolicyRuntime>(source, "t.lua", shared_test_schema(), small_limits())) {
        ap.policy = &lp.policy();
        ap.params = lp.policy().default_params();
        ap.ev = &lp;
    }
};

std::set<std::string> outcomes_with(const PolicyAnalysis& a) {
    std::set<std::string> out;
    for (const auto& r : a.regions) out.insert(r.kind + " " + std::string(outcome_name(r.outcome)) + " " + r.description);
    return out;
}

}  // namespace

TEST_CASE("analyze_policy: at most 8 FTE gives an offer, a refusal above 8, and incomplete when unknown", "[analysis]") {
    Loaded p(fte_policy(8));
    const PolicyAnalysis a = analyze_policy(p.ap);
    CHECK(a.policy == "t/ggz-2024");
    CHECK(
        outcomes_with(a) ==
        std::set<std::string>{"vrijgevestigde incomplete a fact the decision needs is unknown (with nothing known: fte_regiebehandelaren)",
                              "vrijgevestigde offer every requirement met, no refusal ground or review point",
                              "vrijgevestigde refuse fte_regiebehandelaren > 8"});
    for (const auto& r : a.regions)
        if (r.outcome == Outcome::Refuse) CHECK(r.rule == "max_fte");
    CHECK(a.kinds_without_offer.empty());
}

TEST_CASE("analyze_diff and analyze_transitions: 8 -> 10 FTE offers 8 < FTE <= 10, a review point is a choice of our own", "[analysis]") {
    Loaded a(fte_policy(8)), b(fte_policy(10, true));
    const DiffAnalysis d = analyze_diff(a.ap, b.ap);
    std::set<std::string> regions;
    for (const auto& r : d.regions)
        regions.insert(r.rule + " " + std::string(outcome_name(r.a)) + "->" + std::string(outcome_name(r.b)) + " " +
                       std::string(cause_name(r.cause)) + " | " + r.description);
    CHECK(regions == std::set<std::string>{
                         "max_fte refuse->offer text | 8 < fte_regiebehandelaren ≤ 10 (max_fte: holds / does not hold)",
                         "opleidingsplek offer->incomplete interpretation | training_place unknown (opleidingsplek: absent / unknown)",
                         "opleidingsplek offer->review interpretation | training_place = true (opleidingsplek: absent / holds)"});
    const TransitionAnalysis t = analyze_transitions(a.ap, b.ap);
    const KindTransitions* practice = nullptr;
    for (const auto& k : t.kinds)
        if (k.kind == "vrijgevestigde") practice = &k;
    REQUIRE(practice);
    std::set<std::string> pairs;
    for (const auto& tr : practice->transitions) pairs.insert(std::string(category_name(tr.a)) + "->" + std::string(category_name(tr.b)));
    // Every pair some provider has: 8 < FTE <= 10 moves out of refusal (to review with a training
    // place, incomplete while that is unknown); nobody offered before is refused.
    CHECK(pairs == std::set<std::string>{"incomplete->incomplete", "offer->incomplete", "offer->offer", "offer->review",
                                         "refuse->incomplete", "refuse->offer", "refuse->refuse", "refuse->review"});
}

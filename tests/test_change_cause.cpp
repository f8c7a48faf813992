// Why a decision changed: the text, a choice of our own, or a parameter the run sets (core/model/change_cause).
#include <catch2/catch.hpp>

#include "core/model/change_cause.hpp"
#include "policy_fixture.hpp"

using namespace inkoop;
using namespace inkoop::testing;
using lua::PolicyRuntime;

namespace {

// Before: a rule of the text, one marked as a choice, one on a parameter, one the later policy drops.
constexpr const char* kBefore =
    "param { 'max_fte', type = 'number', default = 8, unit = 'fte', section = '3', doc = 'maximaal 8 fte' }\n"
    "param { 'inclusive', type = 'bool', default = true, section = '3', doc = 'tot en met', interpretation = 'tot en met' }\n"
    "rule { 'tekst', section = '3', text = 't', require = is_true 'kwaliteitsstatuut' }\n"
    "rule { 'keuze', section = '3', text = 't', review_if = is_true 'offertetraject', interpretation = 'open tekst' }\n"
    "rule { 'omvang', section = '3', text = 'maximaal {max_fte} fte', require = at_most('fte_regiebehandelaren', param 'max_fte') }\n"
    "rule { 'op_parameter_keuze', section = '3', text = 't', refuse_if = all { param 'inclusive', is_true 'diagnostics_only' } }\n"
    "rule { 'vervalt', section = '3', text = 't', require = is_true 'personal_agb', interpretation = 'onze lezing' }\n";
constexpr const char* kAfter =
    "param { 'max_fte', type = 'number', default = 8, unit = 'fte', section = '3', doc = 'maximaal 8 fte' }\n"
    "param { 'inclusive', type = 'bool', default = true, section = '3', doc = 'tot en met', interpretation = 'tot en met' }\n"
    "rule { 'tekst', section = '3', text = 't', require = is_true 'kwaliteitsstatuut' }\n"
    "rule { 'keuze', section = '3', text = 't', review_if = is_true 'offertetraject', interpretation = 'open tekst' }\n"
    "rule { 'omvang', section = '3', text = 'maximaal {max_fte} fte', require = at_most('fte_regiebehandelaren', param 'max_fte') }\n"
    "rule { 'op_parameter_keuze', section = '3', text = 't', refuse_if = all { param 'inclusive', is_true 'diagnostics_only' } }\n";

DecisionChange change(const char* what, const char* sign, const char* code) {
    DecisionChange c;
    c.what = what;
    c.sign = sign;
    c.code = code;
    return c;
}

}  // namespace

TEST_CASE("change causes: each code by what it rests on, each move by the items of its stronger outcome", "[diff]") {
    PolicyRuntime a(policy_with(kBefore), "a.lua", shared_test_schema(), small_limits());
    PolicyRuntime b(policy_with(kAfter), "b.lua", shared_test_schema(), small_limits());
    const ChangeCauses none(a.policy(), b.policy(), {}, {});
    CHECK(none.of_change(change("ground", "+", "tekst")) == Cause::Text);
    CHECK(none.of_change(change("review", "+", "keuze")) == Cause::Interpretation);
    CHECK(none.of_change(change("ground", "+", "omvang")) == Cause::Text);  // a parameter at its default states the text's limit
    CHECK(none.of_change(change("ground", "+", "op_parameter_keuze")) == Cause::Interpretation);  // reads a parameter marked as a choice
    CHECK(none.of_change(change("ground", "-", "vervalt")) == Cause::Text);                       // the later document dropped it
    CHECK(none.of_change(change("missing", "+", "kwaliteitsstatuut")) == Cause::Text);            // a fact: as the rules that read it
    CHECK(none.of_change(change("missing", "+", "offertetraject")) == Cause::Interpretation);
    const ChangeCauses set_a(a.policy(), b.policy(), {"max_fte"}, {});
    CHECK(set_a.of_change(change("ground", "-", "omvang")) == Cause::Parameter);  // set on either side
    // A move to a refusal: the grounds gained; text wins over a choice, a parameter over a choice.
    auto at =
        none.attribute(Category::Offer, Category::Refuse, {change("ground", "+", "op_parameter_keuze"), change("ground", "+", "tekst")});
    CHECK(at.cause == Cause::Text);
    CHECK(at.codes == std::vector<std::string>{"tekst"});
    // Out of a refusal into review: the grounds lost explain it, not the review point gained.
    at = set_a.attribute(Category::Refuse, Category::Review, {change("ground", "-", "omvang"), change("review", "+", "keuze")});
    CHECK(at.cause == Cause::Parameter);
    CHECK(at.codes == std::vector<std::string>{"omvang"});
    at = none.attribute(Category::Offer, Category::Review, {change("review", "+", "keuze")});
    CHECK(at.cause == Cause::Interpretation);
    CHECK(none.code_at(none.index_of("keuze")) == "keuze");
    CHECK(none.index_of("no_such_code") == 0);
}

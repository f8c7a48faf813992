#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "core/analysis/policy_lint.hpp"
#include "core/engine/catalog.hpp"
#include "policy_fixture.hpp"
#include "schema_fixture.hpp"

using namespace inkoop;
using namespace inkoop::testing;
using lua::PolicyRuntime;

namespace {

std::string load_message(const std::string& code) {
    try {
        PolicyRuntime rt(code, "t.lua", ::inkoop::testing::shared_test_schema(), small_limits());
    } catch (const std::exception& e) {
        return e.what();
    }
    return "(loaded)";
}

std::unique_ptr<PolicyRuntime> salland() { return lua::load_policy(Catalog(INKOOP_SOURCE_DIR "/policies"), "salland/ggz-2024"); }

Provider provider_from(const char* json) {
    auto parsed = provider_from_json(nlohmann::json::parse(json), ::inkoop::testing::test_schema());
    REQUIRE(parsed.errors.empty());
    REQUIRE(parsed.unknown.empty());
    return parsed.provider;
}

}  // namespace

TEST_CASE("declaration mistakes are reported with file and line", "[policy]") {
    CHECK(load_message(policy_with("rule { 'r', section = '3.1', text = 't', require = at_most('fte_regiebehandelaar', 8) }")) ==
          "t.lua:3: unknown field 'fte_regiebehandelaar' (did you mean fte_regiebehandelaren?)");
    CHECK(load_message(policy_with("rule { 'r', sectoin = '3.1', text = 't', require = always }")) ==
          "t.lua:3: rule: unknown key 'sectoin' (did you mean section?)");
    CHECK(load_message(policy_with("rule { 'r', section = '3.1', text = 't' }")) ==
          "t.lua:3: rule 'r': give exactly one of require, refuse_if, review_if, condition_if, surcharge_if, "
          "exclude_if, exclude_unless, setting_if, if_refused");
    CHECK(load_message(policy_with("rule { 'r', section = '1', text = 't', require = always }\n"
                                   "rule { 'r', section = '1', text = 't', require = always }")) == "t.lua:4: rule 'r' declared twice");
    CHECK(load_message(policy_with("rule { 'r', section = '1', text = 't', require = is_true 'locations' }")) ==
          "t.lua:3: is_true: field 'locations' is a int");
    CHECK(load_message(policy_with("rule { 'r', section = '1', text = 't', require = equals('kind', 'hospital') }"))
              .find("t.lua:3: 'hospital' is not a value of field 'kind'") == 0);
    CHECK(load_message(policy_with("rule { 'r', section = '1', text = 't', require = param 'nope' }")) ==
          "t.lua:3: param 'nope' is not declared (declare it with param {...} first)");
    CHECK(load_message("policy { id = 'x', insurer = 'T', care = 'ggz', year = 2024, source = 's' }") ==
          "t.lua: no scope {...} declaration");
    CHECK(load_message("scope { section = '1', text = 't', kinds = { 'zbc' } }") == "t.lua: no policy {...} declaration");
    CHECK(load_message("rule { 'r' ") == "t.lua:1: '}' expected near <eof>");
}

TEST_CASE("declarations are refused once the policy has loaded", "[policy]") {
    PolicyRuntime rt(policy_with("rule { 'r', section = '1', text = 't', require = check('t', function(p)\n"
                                 "  rule { 'late', section = '1', text = 't', require = always } return true end) }"),
                     "t.lua", ::inkoop::testing::shared_test_schema(), small_limits());
    CHECK_THROWS_WITH(decided(rt, practice(), {}), "t.lua:4: rule() can only be used while the policy loads");
}

TEST_CASE("scenario parameters: declared defaults, --set overrides, suggestions", "[policy]") {
    auto rt = salland();
    const Policy& p = rt->policy();
    REQUIRE(p.params.size() == 8);
    CHECK(p.params[7].name == "co2_routekaart_vanaf_fte");  // 9: "met vastgoed en meer dan 250 fte"
    CHECK(std::get<double>(p.params[7].default_value) == 250);
    CHECK(p.params[7].section == "9");
    CHECK(p.params[0].name == "zorgplicht_sufficient");
    CHECK(p.params[3].name == "max_fte_vrijgevestigde");
    CHECK(p.params[3].unit == "fte");
    CHECK(p.params[3].section == "3.1");
    CHECK(std::get<double>(p.params[3].default_value) == 8);
    CHECK(p.params[6].name == "aanmeld_deadline");
    CHECK(std::get<Date>(p.params[6].default_value).iso() == "2023-06-01");
    const ParamValues fte = apply_settings(p, {"max_fte_vrijgevestigde=6.5", "aanmeld_deadline=2023-07-01"});
    CHECK(std::get<double>(fte.values[3]) == 6.5);
    CHECK(std::get<Date>(fte.values[6]).iso() == "2023-07-01");
    CHECK_THROWS_WITH(apply_settings(p, {"aanmeld_deadline=1 juni"}),
                      "--set aanmeld_deadline: '1 juni' is not a date (YYYY-MM-DD or DD-MM-YYYY)");
    CHECK(std::get<bool>(p.params[0].default_value) == false);
    const ParamValues v = apply_settings(p, {"zorgplicht_sufficient=ja"});
    CHECK(std::get<bool>(v.values[0]));
    CHECK_THROWS_WITH(apply_settings(p, {"zorgplicht_sufficent=true"}),
                      "--set zorgplicht_sufficent: salland/ggz-2024 declares no parameter 'zorgplicht_sufficent' "
                      "(did you mean zorgplicht_sufficient?)");
    CHECK_THROWS_WITH(apply_settings(p, {"zorgplicht_sufficient=misschien"}),
                      "--set zorgplicht_sufficient: 'misschien' is not a bool (true/false, ja/nee, j/n, yes/no, waar/onwaar, 1/0)");
    CHECK_THROWS_WITH(apply_settings(p, {"zorgplicht_sufficient"}), "--set zorgplicht_sufficient: expected NAME=VALUE");
}

TEST_CASE("Salland: 9 FTE and a running fraud investigation are refused on 3.1 and 10.4 with a trace", "[policy][salland]") {
    auto rt = salland();
    const Provider p = provider_from(R"({
        "agb": "94012346", "kind": "vrijgevestigde", "contracted_last_year": false, "application_date": "2023-05-10",
        "established_in_nl": true, "delivers_abroad": false, "kwaliteitsstatuut": true, "kwaliteitsstatuut_section": "II",
        "personal_agb": true, "regiebehandelaar_presence": 0.85, "fte_regiebehandelaren": 9, "locations": 2,
        "waiting_times_reported": true, "follows_referral_rules": true, "declares_via_vecozo": true,
        "diagnostics_only": false, "fraud_investigation": true, "negative_statements": false,
        "failed_controls": false, "external_findings": false, "meets_profession_requirements": true,
        "kwaliteitsstatuut_published": true, "kwaliteitsstatuut_observed": true, "mdo": "geen_mdo", "offers_long_stay": false,
        "green_deal_committed": true, "sustainability_in_strategy": true, "owns_property": false, "addiction_care": "geen",
        "detox": "geen"})");
    const Decision d = decided(*rt, p, rt->policy().default_params(), {true});
    CHECK(d.outcome == Outcome::Refuse);
    REQUIRE(d.grounds.size() == 2);
    // Each ground with what was found: the fact as read, the test, the limit in force.
    CHECK(d.grounds[0] == Item{"max_fte_regiebehandelaren",
                               "3.1",
                               "Een vrijgevestigde praktijk heeft maximaal 8 fte regiebehandelaren",
                               {Found{"fte_regiebehandelaren", "at_most", 9.0, {8.0}, false, true}}});
    CHECK(d.grounds[1] == Item{"fraudeonderzoek",
                               "10.4",
                               "Er loopt een fraudeonderzoek bij Salland Zorgverzekeraar",
                               {Found{"fraud_investigation", "is_true", true, {}, true, false}}});
    CHECK_FALSE(d.contract);
    CHECK(d.missing.empty());
    REQUIRE(d.trace.size() == rt->policy().rules.size() + 1);  // the scope, then every rule
    CHECK(d.trace[0].rule == "scope");
    CHECK(d.trace[2].rule == "eisen_beroepsgroep");  // section 3, before 3.1
    CHECK(d.trace[3].rule == "max_fte_regiebehandelaren");
    CHECK(d.trace[3].result == "fail");
    CHECK(d.trace[3].facts == std::vector<std::string>{"fte_regiebehandelaren = 9 (rule: fte_regiebehandelaren at most 8)"});
    // The limit is a parameter: at 10 FTE the practice is refused on fraud alone; at 6, 7 FTE fails.
    const Decision at10 = decided(*rt, p, apply_settings(rt->policy(), {"max_fte_vrijgevestigde=10"}), {true});
    REQUIRE(at10.grounds.size() == 1);
    CHECK(at10.grounds[0].code == "fraudeonderzoek");
    CHECK(at10.trace[3].result == "pass");
    CHECK(at10.trace[3].facts == std::vector<std::string>{"fte_regiebehandelaren = 9 (rule: fte_regiebehandelaren at most 10)"});
}

TEST_CASE("check warns about rules that can never have an effect and odd sections", "[policy]") {
    PolicyRuntime rt(
        policy_with("rule { 'zbc_only', section = '4.2', text = 't', applies = kind_is 'zbc', require = is_true 'peer_review' }\n"
                    "rule { 'every_discipline', section = 'hoofdstuk 5', text = 't', require = one_of('discipline', "
                    "{ 'gz_psycholoog', 'psychotherapeut', 'klinisch_psycholoog', 'klinisch_neuropsycholoog', 'psychiater', "
                    "'orthopedagoog_generalist', 'verpleegkundig_specialist_ggz', 'overig' }) }"),
        "t.lua", ::inkoop::testing::shared_test_schema(), small_limits());
    const auto warnings = lint_policy(rt.policy());
    REQUIRE(warnings.size() == 3);
    CHECK(warnings[0] == "t.lua:3 rule 'zbc_only' (4.2): applies only to kinds outside the policy's scope, so it never applies");
    CHECK(warnings[1] == "t.lua:4 rule 'every_discipline' (hoofdstuk 5): 'hoofdstuk 5' does not look like a section number");
    CHECK(warnings[2] ==
          "t.lua:4 rule 'every_discipline' (hoofdstuk 5): lists every value of discipline, so the requirement "
          "can only fail while it is unknown");
}

TEST_CASE("found_text: a value among none of those a test names reads 'geen van' in Dutch, and a requirement's limit as the requirement",
          "[policy]") {
    const Schema& s = ::inkoop::testing::test_schema();
    const Found other{
        "discipline", "one_of", std::string("klinisch_neuropsycholoog"), {std::string("gz_psycholoog"), std::string("psychiater")},
        false,        false};
    CHECK(found_text(other, &s, Lang::Nl) == "Beroep: Klinisch neuropsycholoog (geen van: GZ-psycholoog, Psychiater)");
    CHECK(found_text(other, &s, Lang::En) ==
          "Discipline: Clinical neuropsychologist (none of: Health-care psychologist (GZ-psycholoog), Psychiatrist)");
    const Found required{"fte_regiebehandelaren", "at_most", 9.0, {8.0}, false, true};
    CHECK(found_text(required, &s, Lang::Nl) == "Fte regiebehandelaren: 9 (eis: maximaal 8)");
}

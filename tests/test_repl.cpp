#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "bindings/analyst_session.hpp"
#include "bindings/host.hpp"
#include "cli_runner.hpp"
#include "core/analysis/flip.hpp"
#include "core/engine/catalog.hpp"
#include "policy_fixture.hpp"
#include "schema_fixture.hpp"

using namespace inkoop;
using namespace inkoop::testing;

namespace {

Provider salland_practice(double fte, bool fraud) {
    nlohmann::json j = {{"agb", "94000001"},
                        {"kind", "vrijgevestigde"},
                        {"contracted_last_year", true},
                        {"established_in_nl", true},
                        {"delivers_abroad", false},
                        {"kwaliteitsstatuut", true},
                        {"kwaliteitsstatuut_section", "II"},
                        {"personal_agb", true},
                        {"regiebehandelaar_presence", 0.9},
                        {"fte_regiebehandelaren", fte},
                        {"locations", 1},
                        {"waiting_times_reported", true},
                        {"follows_referral_rules", true},
                        {"declares_via_vecozo", true},
                        {"training_place", false},
                        {"diagnostics_only", false},
                        {"fraud_investigation", fraud},
                        {"negative_statements", false},
                        {"failed_controls", false},
                        {"external_findings", false},
                        {"meets_profession_requirements", true},
                        {"kwaliteitsstatuut_published", true},
                        {"kwaliteitsstatuut_observed", true},
                        {"mdo", "geen_mdo"},
                        {"offers_long_stay", false},
                        {"green_deal_committed", true},
                        {"sustainability_in_strategy", true},
                        {"owns_property", false},
                        {"addiction_care", "geen"},
                        {"detox", "geen"}};
    auto parsed = provider_from_json(j, ::inkoop::testing::test_schema());
    REQUIRE(parsed.errors.empty());
    return parsed.provider;
}

}  // namespace

TEST_CASE("flip: the smallest change that lifts a refusal, with the section it satisfies", "[flip]") {
    host::LoadedPolicy rt(lua::load_policy(Catalog(INKOOP_SOURCE_DIR "/policies"), "salland/ggz-2024"));
    const ParamValues params = rt.policy().default_params();

    auto result = search_flips(rt, 0, salland_practice(9, false), params);
    REQUIRE(result.solutions.size() == 1);
    REQUIRE(result.solutions[0].changes.size() == 1);
    CHECK(describe_change(result.solutions[0].changes[0]) == "fte_regiebehandelaren <= 8 (3.1 max_fte_regiebehandelaren)");
    CHECK(result.solutions[0].outcome == Outcome::Offer);

    // A contracted practice under a fraud investigation: 10.4's grounds are for new providers (the
    // policy's default, as the document places them), so the fte alone stands in the way.
    result = search_flips(rt, 0, salland_practice(9, true), params);
    REQUIRE(result.solutions.size() == 1);
    std::vector<std::string> changes;
    for (const auto& c : result.solutions[0].changes) changes.push_back(describe_change(c));
    CHECK(changes == std::vector<std::string>{"fte_regiebehandelaren <= 8 (3.1 max_fte_regiebehandelaren)"});
}

TEST_CASE("flip: nothing within reach says so", "[flip]") {
    host::LoadedPolicy rt(lua::load_policy(Catalog(INKOOP_SOURCE_DIR "/policies"), "salland/ggz-2024"));
    const ParamValues params = rt.policy().default_params();
    Provider zbc{::inkoop::testing::test_schema()};
    zbc[::inkoop::testing::test_schema().find("agb")->index] = std::string("12345678");
    zbc[::inkoop::testing::test_schema().find("kind")->index] = EnumValue{::inkoop::testing::test_schema().find("kind")->enum_index("zbc")};
    const auto result = search_flips(rt, 0, zbc, params);
    CHECK(result.solutions.empty());
    CHECK_FALSE(result.exhausted);
}

TEST_CASE("eval --flip adds the changes that lead to a contract", "[flip][cli]") {
    const auto r = run_inkoop("eval --policy salland/ggz-2024 --flip scripts/samples/practice-9fte-fraud.json");
    REQUIRE(r.status == 0);
    // A new practice (9 fte, under a fraud investigation): fewer fte and either no investigation
    // (then reviewed as a new provider) or a contract last year (10.4's grounds are for new providers).
    const auto flips = nlohmann::json::parse(r.out)["flips"];
    REQUIRE(flips.size() == 2);
    CHECK(flips[0]["outcome"] == "offer");
    CHECK(flips[0]["changes"][1] == nlohmann::json::parse(R"({"field": "contracted_last_year", "value": "true",
        "constraint": "contracted_last_year = true", "rule": "fraudeonderzoek", "section": "10.4"})"));
    CHECK(flips[1]["outcome"] == "review");
    for (const auto& f : flips)
        CHECK(f["changes"][0] == nlohmann::json::parse(R"({"field": "fte_regiebehandelaren", "value": "8",
        "constraint": "fte_regiebehandelaren <= 8", "rule": "max_fte_regiebehandelaren", "section": "3.1"})"));
    CHECK(flips[1]["changes"][1] == nlohmann::json::parse(R"({"field": "fraud_investigation", "value": "false",
        "constraint": "fraud_investigation = false", "rule": "fraudeonderzoek", "section": "10.4"})"));
}

TEST_CASE("repl: the scripted what-if session prints the expected transcript", "[repl]") {
    const auto r = run_inkoop("repl", slurp(INKOOP_SOURCE_DIR "/scripts/sessions/fte-what-if.txt"));
    CHECK(r.status == 0);
    CHECK(r.err.empty());
    CHECK(r.out == slurp(INKOOP_TEST_DATA "/fte-what-if.expected"));
}

TEST_CASE("repl: errors name the problem and the session goes on", "[repl]") {
    const auto r = run_inkoop("--lang en repl --policy salland/ggz-2024",
                              ":frobnicate\n:set kind zbc\n:new\n:set fte_regiebehandelaar 3\n:set kind ziekenhuisje\n"
                              "p.locations = 'drie'\nlocal x =\n  1 + 1\nprint(x)\nerror('stop')\n:eval\n:quit\n");
    CHECK(r.status == 0);
    CHECK(r.out ==
          "using salland/ggz-2024\n"
          "inkoop> :frobnicate\n"
          "error: unknown command :frobnicate; :help lists them\n"
          "inkoop> :set kind zbc\n"
          "error: no provider selected (:show AGB or :new)\n"
          "inkoop> :new\n"
          "a new provider: every fact unknown\n"
          "inkoop> :set fte_regiebehandelaar 3\n"
          "error: provider has no field 'fte_regiebehandelaar' (did you mean fte_regiebehandelaren?)\n"
          "inkoop> :set kind ziekenhuisje\n"
          "error: field 'kind': 'ziekenhuisje' is not one of vrijgevestigde, ggz_instelling, paaz, puk, ziekenhuis, umc, zbc, "
          "dialysecentrum, edc, revalidatie, trombosedienst, audiologisch_centrum, protonentherapie, wsv, ro, "
          "huisartsenpraktijk, verpleeghuis, vg_instelling (did you mean ziekenhuis?)\n"
          "inkoop> p.locations = 'drie'\n"
          "repl:1: field 'locations': 'drie' is not a whole number\n"
          "inkoop> local x =\n"
          "    >>   1 + 1\n"
          "inkoop> print(x)\n"
          "nil\n"
          "inkoop> error('stop')\n"
          "repl:1: stop\n"
          "inkoop> :eval\n"
          "salland/ggz-2024  incomplete  -  missing kind, contracted_last_year\n"
          "inkoop> :quit\n");
}

TEST_CASE("repl: the same errors in the policies' language, Dutch", "[repl]") {
    const auto r = run_inkoop("repl --policy salland/ggz-2024",
                              ":frobnicate\n:set kind zbc\n:new\n:set fte_regiebehandelaar 3\n:set kind ziekenhuisje\n"
                              "p.locations = 'drie'\n:eval\n:quit\n");
    CHECK(r.status == 0);
    CHECK(r.out ==
          "in gebruik: salland/ggz-2024\n"
          "inkoop> :frobnicate\n"
          "fout: onbekende opdracht :frobnicate; :help somt ze op\n"
          "inkoop> :set kind zbc\n"
          "fout: geen zorgaanbieder gekozen (:show AGB of :new)\n"
          "inkoop> :new\n"
          "een nieuwe zorgaanbieder: alle gegevens onbekend\n"
          "inkoop> :set fte_regiebehandelaar 3\n"
          "fout: een zorgaanbieder heeft geen veld 'fte_regiebehandelaar' (bedoelt u fte_regiebehandelaren?)\n"
          "inkoop> :set kind ziekenhuisje\n"
          "fout: veld 'kind': 'ziekenhuisje' is niet een van: vrijgevestigde, ggz_instelling, paaz, puk, ziekenhuis, umc, zbc, "
          "dialysecentrum, edc, revalidatie, trombosedienst, audiologisch_centrum, protonentherapie, wsv, ro, "
          "huisartsenpraktijk, verpleeghuis, vg_instelling (bedoelt u ziekenhuis?)\n"
          "inkoop> p.locations = 'drie'\n"
          "repl:1: veld 'locations': 'drie' is geen geheel getal\n"
          "inkoop> :eval\n"
          "salland/ggz-2024  onvolledig  -  ontbreekt kind, contracted_last_year\n"
          "inkoop> :quit\n");
}

TEST_CASE("repl: :explain with no policy in use, or naming one not in use, says so", "[repl]") {
    // Before any :use the session speaks the language of the tree's policies (Dutch).
    const auto r = run_inkoop("repl", ":new\n:explain\n:use salland/ggz-2024\n:explain zorg-en-zekerheid/ggz-2027\n:quit\n");
    CHECK(r.status == 0);
    CHECK(r.out ==
          "inkoop> :new\n"
          "een nieuwe zorgaanbieder: alle gegevens onbekend\n"
          "inkoop> :explain\n"
          "fout: geen beleid in gebruik (:use BELEID)\n"
          "inkoop> :use salland/ggz-2024\n"
          "in gebruik: salland/ggz-2024\n"
          "salland/ggz-2024  onvolledig  -  ontbreekt kind, contracted_last_year\n"
          "inkoop> :explain zorg-en-zekerheid/ggz-2027\n"
          "fout: zorg-en-zekerheid/ggz-2027 is niet in gebruik\n"
          "inkoop> :quit\n");
}

namespace {

struct NoSession final : lua::SessionApi {
    const Provider* current() const override { return nullptr; }
    const Schema& schema() const override { return ::inkoop::testing::test_schema(); }
    std::string set_field(const std::string&, const std::optional<std::string>&) override { return ""; }
    void command(const std::string&) override {}
};

}  // namespace

TEST_CASE("repl: results are printed under a protected call, a failing __tostring is an error line", "[repl]") {
    NoSession api;
    lua::AnalystState lua(api);
    std::string out;
    CHECK(lua.run("setmetatable({}, {__tostring = function() error('boom') end})", out) == lua::AnalystState::Status::Error);
    CHECK(out == "repl:1: boom\n");
    out.clear();
    CHECK(lua.run("1 + 1", out) == lua::AnalystState::Status::Done);
    CHECK(out == "2\n");
}

TEST_CASE("repl: a Ctrl-C at the prompt is not kept for the next command", "[repl]") {
    NoSession api;
    lua::AnalystState lua(api);
    lua.interrupt();  // pressed while nothing runs
    std::string out;
    CHECK(lua.run("local n = 0 for i = 1, 100000 do n = n + i end return n", out) == lua::AnalystState::Status::Done);
    CHECK(out == "5000050000\n");
}

TEST_CASE("repl: errors and values with control characters are escaped", "[repl]") {
    const auto r = run_inkoop("repl", "error('\\27[2J\\rforged')\n'a\\27b'\n");
    CHECK(r.out.find('\x1b') == std::string::npos);
    CHECK(r.out.find("\\x1b[2J\\rforged") != std::string::npos);
}

TEST_CASE("repl: :set NAME=VALUE sets a limit the policy states as a parameter", "[repl]") {
    const auto r = inkoop::testing::run_inkoop("repl", ":use salland/ggz-2024\n:set max_fte_vrijgevestigde=6\n:params\n:set max_fte=6\n");
    CHECK(r.out.find("ingesteld: max_fte_vrijgevestigde=6\n") != std::string::npos);
    CHECK(r.out.find("salland/ggz-2024  max_fte_vrijgevestigde = 6 fte  (getal, standaard 8; 3.1)") != std::string::npos);
    CHECK(r.out.find("fout: :set vraagt VELD WAARDE, of NAAM=WAARDE voor een parameter\n") != std::string::npos);
    const auto en =
        inkoop::testing::run_inkoop("--lang en repl", ":use salland/ggz-2024\n:set max_fte_vrijgevestigde=6\n:params\n:set max_fte=6\n");
    CHECK(en.out.find("set max_fte_vrijgevestigde=6\n") != std::string::npos);
    CHECK(en.out.find("salland/ggz-2024  max_fte_vrijgevestigde = 6 fte  (number, default 8; 3.1)") != std::string::npos);
    CHECK(en.out.find("error: :set needs FIELD VALUE, or NAME=VALUE for a parameter\n") != std::string::npos);
}

TEST_CASE("repl: :ask walks a provider through the questions that still decide, the insurer's facts never asked", "[repl]") {
    const auto r = run_inkoop("repl --policy salland/ggz-2024", ":ask\n1\nja\n7,5\n12\nonbekend\nfoo\n\n:quit\n");
    CHECK(r.status == 0);
    CHECK(r.err.empty());
    CHECK(r.out ==
          "in gebruik: salland/ggz-2024\n"
          "inkoop> :ask\n"
          "een nieuwe zorgaanbieder: alle gegevens onbekend\n"
          "vragen voor salland/ggz-2024: beantwoord elke vraag met een waarde; \"onbekend\" laat haar open, alleen Enter stopt\n"
          "uitkomst tot nu toe: onvolledig\n"
          "vraag 1 (paragraaf 2.1; nog te beantwoorden: 1): Wat voor soort zorgaanbieder bent u?\n"
          "  Soort zorgaanbieder: een nummer: 1 = Vrijgevestigde praktijk (GGZ), 2 = GGZ-instelling, 3 = PAAZ (psychiatrische afdeling van "
          "een algemeen ziekenhuis), 4 = PUK (psychiatrische universiteitskliniek), 5 = Ziekenhuis, 6 = Universitair medisch centrum "
          "(UMC), 7 = Zelfstandig behandelcentrum (ZBC), 8 = Dialysecentrum, 9 = Eerstelijns diagnostisch centrum (EDC), 10 = "
          "Revalidatie-instelling, 11 = Trombosedienst, 12 = Audiologisch centrum, 13 = Protonentherapiecentrum, 14 = Samenwerkingsverband "
          "(WSV, zorggroep), 15 = Regio-organisatie (RO), 16 = Huisartsenpraktijk, 17 = Verpleeghuis, 18 = Instelling voor "
          "gehandicaptenzorg (VG)\n"
          "     ?> 1\n"
          "vraag 2 (paragraaf 3; nog te beantwoorden: 20): Voldoet u aan de minimale eisen en de kwaliteitseisen van uw beroepsgroep, "
          "waaronder de privacywetgeving, de Wkkgz en de Wet BIG?\n"
          "  Eisen van de beroepsgroep: ja of nee\n"
          "     ?> ja\n"
          "vraag 3 (paragraaf 3.1; nog te beantwoorden: 19): Hoeveel fte regiebehandelaren werken in uw praktijk?\n"
          "  Fte regiebehandelaren: een getal\n"
          "     ?> 7,5\n"
          "vraag 4 (paragraaf 3.1; nog te beantwoorden: 18): Op hoeveel locaties behandelt u?\n"
          "  Aantal locaties: een getal\n"
          "     ?> 12\n"
          "uitkomst tot nu toe: afwijzing\n"
          "vraag 5 (paragraaf 3.1; nog te beantwoorden: 17): Heeft u een goedgekeurd Landelijk Kwaliteitsstatuut, geregistreerd bij "
          "Zorginstituut Nederland?\n"
          "  Kwaliteitsstatuut: ja of nee\n"
          "     ?> onbekend\n"
          "vraag 5 (paragraaf 3.1; nog te beantwoorden: 16): In welk deel (II of III) is uw kwaliteitsstatuut geregistreerd?\n"
          "  Deel kwaliteitsstatuut: een nummer: 1 = II, 2 = III\n"
          "     ?> foo\n"
          "fout: veld 'kwaliteitsstatuut_section': 'foo' is niet een van: II, III\n"
          "vraag 5 (paragraaf 3.1; nog te beantwoorden: 16): In welk deel (II of III) is uw kwaliteitsstatuut geregistreerd?\n"
          "  Deel kwaliteitsstatuut: een nummer: 1 = II, 2 = III\n"
          "     ?> \n"
          "vragen gestopt (4 beantwoord)\n"
          "inkoop> :quit\n");
}

TEST_CASE("repl: :ask to the end asks 21 questions and names the insurer's fact it waits for without asking it", "[repl]") {
    const auto r = run_inkoop(
        "repl --policy salland/ggz-2024",
        ":ask\nvrijgevestigde\nja\n6,5\n2\nja\nII\nja\n0,85\nja\nja\nja\nja\nja\nja\ngeen_mdo\nnee\nja\nja\nnee\ngeen\ngeen\n:quit\n");
    CHECK(r.status == 0);
    CHECK(
        r.out.ends_with("geen vraag meer die de uitkomst bepaalt (21 beantwoord)\n"
                        "salland/ggz-2024  onvolledig  -  ontbreekt contracted_last_year\n"
                        "wacht op interne controle: Contract vorig jaar; daarvoor hoeft de zorgaanbieder niets te doen\n"
                        "inkoop> :quit\n"));
    CHECK(r.out.find("vraag 21 (paragraaf 13; nog te beantwoorden: 1): Biedt u detoxificatie aan") != std::string::npos);
    CHECK(r.out.find("vraag 22") == std::string::npos);
    const Schema& schema = ::inkoop::testing::test_schema();
    for (const auto& f : schema.fields())
        if (f.insurer_fact) CHECK(r.out.find("): " + f.question(Lang::Nl) + "\n") == std::string::npos);
}

#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>

#include "cli_runner.hpp"

using namespace inkoop::testing;
using nlohmann::json;

namespace {

const char* kPractice = R"({"agb": "94012345", "kind": "vrijgevestigde", "contracted_last_year": true,
  "established_in_nl": true, "delivers_abroad": false, "kwaliteitsstatuut": true, "kwaliteitsstatuut_section": "II",
  "personal_agb": true, "regiebehandelaar_presence": 0.85, "fte_regiebehandelaren": 6.5, "locations": 2,
  "waiting_times_reported": true, "follows_referral_rules": true, "declares_via_vecozo": true, "training_place": false,
  "diagnostics_only": false, "fraud_investigation": false, "negative_statements": false, "failed_controls": false,
  "external_findings": false, "meets_profession_requirements": true, "kwaliteitsstatuut_published": true,
  "kwaliteitsstatuut_observed": true, "mdo": "geen_mdo", "offers_long_stay": false, "green_deal_committed": true,
  "sustainability_in_strategy": true, "owns_property": false, "addiction_care": "geen", "detox": "geen", "x_team": "noord"})";

}  // namespace

TEST_CASE("inkoop policies lists id, insurer, care type, year and source", "[cli]") {
    const auto r = run_inkoop("policies");
    CHECK(r.status == 0);
    CHECK(r.out ==
          "id                          insurer                  care  year  source\n"
          "salland/ggz-2024            Salland Zorgverzekeraar  ggz   2024  salland/sources/ggz-2024.txt\n"
          "zorg-en-zekerheid/ggz-2024  Zorg en Zekerheid        ggz   2024  zorg-en-zekerheid/sources/ggz-2024.txt\n"
          "zorg-en-zekerheid/ggz-2027  Zorg en Zekerheid        ggz   2027  zorg-en-zekerheid/sources/ggz-2027.txt\n"
          "zorg-en-zekerheid/mdz-2024  Zorg en Zekerheid        mdz   2024  zorg-en-zekerheid/sources/mdz-2024.txt\n"
          "zorg-en-zekerheid/msz-2024  Zorg en Zekerheid        msz   2024  zorg-en-zekerheid/sources/msz-2024.txt\n"
          "\n"
          "other Lua files (shared modules for import/inherit, not policies: a policy's file name ends in -<year>.lua):\n"
          "  zorg-en-zekerheid/base  (policies/zorg-en-zekerheid/base.lua)\n");
}

TEST_CASE("inkoop eval prints the decision as JSON in the spec's shape", "[cli]") {
    const auto r = run_inkoop("eval --policy salland/ggz-2024 -", kPractice);
    REQUIRE(r.status == 0);
    const json d = json::parse(r.out);
    CHECK(d["agb"] == "94012345");
    CHECK(d["policy"] == "salland/ggz-2024");
    CHECK(d["outcome"] == "offer");
    CHECK(d["contract"]["type"] == "vrijgevestigde");
    CHECK(d["contract"]["start"] == "2024-01-01");
    CHECK(d["contract"]["end"] == "2024-12-31");
    CHECK(d["contract"]["sign_by"] == "2023-11-09");
    CHECK(d["tariff"]["basis"] == "fixed");
    CHECK(d["grounds"] == json::array());
    CHECK(d["missing"] == json::array());
    CHECK(d["x_team"] == "noord");
    CHECK_FALSE(d.contains("trace"));
    // Keys come in the spec's order.
    size_t last = 0;
    for (const char* key : {"agb", "policy", "outcome", "contract", "tariff", "grounds", "conditions", "review", "missing"}) {
        const size_t at = r.out.find(std::string("\"") + key + "\":");
        CHECK(at > last);
        last = at;
    }
}

TEST_CASE("inkoop eval --explain on 9 FTE and fraud: refuse on 3.1 and 10.4 with a trace", "[cli]") {
    const auto r = run_inkoop("eval --policy salland/ggz-2024 --explain scripts/samples/practice-9fte-fraud.json");
    REQUIRE(r.status == 0);
    const json d = json::parse(r.out);
    CHECK(d["outcome"] == "refuse");
    REQUIRE(d["grounds"].size() == 2);
    CHECK(d["grounds"][0]["section"] == "3.1");
    CHECK(d["grounds"][1]["section"] == "10.4");
    CHECK(d["grounds"][1]["code"] == "fraudeonderzoek");
    REQUIRE(d["trace"].size() == 55);
    CHECK(d["trace"][3] == json::parse(R"j({"rule": "max_fte_regiebehandelaren", "section": "3.1", "result": "fail",
        "text": "Een vrijgevestigde praktijk heeft maximaal 8 fte regiebehandelaren",
        "facts": ["fte_regiebehandelaren = 9 (rule: fte_regiebehandelaren at most 8)"]})j"));
}

TEST_CASE("inkoop eval --set overrides a scenario parameter", "[cli]") {
    json p = json::parse(kPractice);
    p["contracted_last_year"] = false;
    p["application_date"] = "2023-05-10";
    auto r = run_inkoop("eval --policy salland/ggz-2024 -", p.dump());
    CHECK(json::parse(r.out)["outcome"] == "review");
    r = run_inkoop("eval --policy salland/ggz-2024 --set zorgplicht_sufficient=true -", p.dump());
    CHECK(json::parse(r.out)["outcome"] == "refuse");
    CHECK(json::parse(r.out)["grounds"][0]["code"] == "zorgplicht_ingevuld");
    r = run_inkoop("eval --policy salland/ggz-2024 --set zorgplicht=true -", p.dump());
    CHECK(r.status == 2);
    CHECK(r.err == "inkoop: --set zorgplicht: salland/ggz-2024 declares no parameter 'zorgplicht' (did you mean zorgplicht_sufficient?)\n");
}

TEST_CASE("inkoop eval: a bad value is an error record and exit 1", "[cli]") {
    json p = json::parse(kPractice);
    p["locations"] = "drie";
    const auto r = run_inkoop("eval --policy salland/ggz-2024 -", p.dump());
    CHECK(r.status == 1);
    CHECK(r.err == "inkoop: -: invoerregel 1: veld 'locations': 'drie' is geen geheel getal\n");  // Dutch: the policy's language
    CHECK(json::parse(r.out) == json::parse(R"({"agb": "94012345", "policy": "salland/ggz-2024",
        "error": {"file": "-", "row": 1, "kind": "input", "field": "locations", "reason": "'drie' is not a whole number",
                  "problems": [{"field": "locations", "reason": "'drie' is not a whole number",
                                "message": {"pattern": "{} is not a whole number", "args": ["'drie'"]}}]}, "x_team": "noord"})"));
}

TEST_CASE("inkoop eval: an unknown field is a file error with a suggestion, exit 2", "[cli]") {
    json p = json::parse(kPractice);
    p["fte_regiebehandelaar"] = 3;
    const auto r = run_inkoop("eval --policy salland/ggz-2024 -", p.dump());
    CHECK(r.status == 2);
    CHECK(r.err ==
          "inkoop: -: unknown field 'fte_regiebehandelaar' (did you mean fte_regiebehandelaren?); "
          "columns that are not schema fields must start with x_\n");
    CHECK(r.out.empty());
}

TEST_CASE("inkoop eval: unknown policy, bad JSON and usage errors exit 2", "[cli]") {
    auto r = run_inkoop("eval --policy salland/ggz-2025 -", kPractice);
    CHECK(r.status == 2);
    CHECK(r.err == "inkoop: unknown policy 'salland/ggz-2025' (did you mean salland/ggz-2024?); `inkoop policies` lists them\n");
    r = run_inkoop("eval --policy salland/ggz-2024 -", "{\"agb\": ");
    CHECK(r.status == 2);
    CHECK(r.err.find("inkoop: -: invalid JSON: ") == 0);
    r = run_inkoop("eval -");
    CHECK(r.status == 2);
    r = run_inkoop("frobnicate");
    CHECK(r.status == 2);
}

TEST_CASE("inkoop check lists rules and parameters, and a broken policy exits 2 with file:line", "[cli]") {
    auto r = run_inkoop("check salland/ggz-2024");
    CHECK(r.status == 0);
    CHECK(r.out.find("rules: 54\n") != std::string::npos);
    CHECK(r.out.find("  zorgplicht_sufficient (bool, default false) [10.4]") != std::string::npos);
    CHECK(r.out.find("ok: 0 errors, 0 warnings") != std::string::npos);
    r = run_inkoop("check --max-ms 600000 " INKOOP_TEST_DATA "/endless.lua");  // the budget, not the clock, on a loaded machine
    CHECK(r.status == 2);
    CHECK(r.err.find("inkoop: " INKOOP_TEST_DATA "/endless.lua:2: instruction budget of 20000000 exceeded\n") == 0);
}

TEST_CASE("inkoop check --diff lists the rule-level difference between two policies", "[cli]") {
    const auto r = run_inkoop("check --diff zorg-en-zekerheid/ggz-2024 zorg-en-zekerheid/ggz-2027");
    CHECK(r.status == 0);
    CHECK(r.out.find("zorg-en-zekerheid/ggz-2024 -> zorg-en-zekerheid/ggz-2027\n"
                     "+ 3.1      behandelaren_per_groep  Bij groepstherapie ten hoogste 2 behandelaren per groep\n"
                     "~ 4.2      zorg_buitenland\n      section 4.1 -> 4.2\n") == 0);
    CHECK(r.out.find("- 5.1      max_fte_regiebehandelaren  Omvang van de praktijk: maximaal 10 fte regiebehandelaren\n") !=
          std::string::npos);
    CHECK(r.out.find("+ 5.1      rtms  ") != std::string::npos);
    CHECK(r.out.find("6 removed, 10 added, 12 changed, 7 unchanged\n") != std::string::npos);
    CHECK(run_inkoop("check --diff salland/ggz-2024").status == 2);
}

TEST_CASE("inkoop check of a policy written on another lists its changes", "[cli]") {
    const auto r = run_inkoop("check zorg-en-zekerheid/ggz-2027");
    CHECK(r.status == 0);
    CHECK(r.out.find("written as zorg-en-zekerheid/ggz-2024 plus 31 changes:\n") != std::string::npos);
    CHECK(r.out.find("  removed param max_fte_vrijgevestigde  — 5.1 noemt geen getallen meer") != std::string::npos);
    CHECK(r.out.find("  max_fte_vrijgevestigde: removed (5.1 noemt geen getallen meer)\n") != std::string::npos);
    CHECK(r.out.find("  removed   max_fte_regiebehandelaren  — 5.1 noemt geen getallen meer") != std::string::npos);
}

TEST_CASE("inkoop schema prints every field", "[cli]") {
    auto r = run_inkoop("schema");
    CHECK(r.status == 0);
    CHECK(r.out.find("  fte_regiebehandelaren") != std::string::npos);
    CHECK(r.out.find("Integrity (refusal grounds)") != std::string::npos);
    r = run_inkoop("schema --format json");
    CHECK(json::parse(r.out)["groups"].size() == 6);
}

TEST_CASE("inkoop test reports per case and closes with the count, and a failure exits 1", "[cli]") {
    auto r = run_inkoop("test " INKOOP_TEST_DATA "/failing_test.lua");
    CHECK(r.status == 1);
    CHECK(r.out == INKOOP_TEST_DATA
          "/failing_test.lua\n"
          "  ok    in time\n"
          "  FAIL  wrong expectation\n"
          "        " INKOOP_TEST_DATA
          "/failing_test.lua:12: outcome: expected offer, got refuse (grounds: 10.4 te_laat_aangemeld)\n"
          "1 passed, 1 failed\n");
}

TEST_CASE("inkoop check verifies that each cited section is a heading of the source document", "[cli]") {
    const std::string dir = "/tmp/inkoop-test-sources";
    std::system(("mkdir -p " + dir).c_str());
    std::ofstream(dir + "/doc.txt")
        << "Inleiding\n5.1 Minimum- en kwaliteitseisen\nTekst\nBijlage 1: Aanvullende eisen\n12 november 2023 geen kop\n";
    std::ofstream(dir + "/p.lua")
        << "policy { id = 't/ggz-2024', insurer = 'T', care = 'ggz', year = 2024, source = 'doc.txt' }\n"
           "scope { section = '5.1', text = 't', kinds = { 'vrijgevestigde' } }\n"
           "rule { 'a', section = 'Bijlage 1', text = 't', require = always }\n"
           "rule { 'b', section = '5.7', text = 't', require = always }\n"
           "rule { 'c', section = '12', text = 't', require = always }\n"
           "offer(function(p) return contract { type = 't', section = '5.1', from = '2024-01-01', to = '2024-12-31' } end)\n";
    auto r = run_inkoop("check --sources " + dir + " " + dir + "/p.lua");
    CHECK(r.status == 0);
    CHECK(r.out.find("warning: " + dir + "/p.lua:4 rule 'b' cites section 5.7, which is not a heading of doc.txt\n") != std::string::npos);
    CHECK(r.out.find("warning: " + dir + "/p.lua:5 rule 'c' cites section 12, which is not a heading of doc.txt\n") != std::string::npos);
    CHECK(r.out.find("rule 'a' cites") == std::string::npos);
    CHECK(r.out.find("ok: 0 errors, 2 warnings\n") != std::string::npos);
    r = run_inkoop("check --sources /nonexistent " + dir + "/p.lua");
    CHECK(r.out.find("note: source document 'doc.txt' not found at /nonexistent/doc.txt: sections not verified (--sources DIR)\n") !=
          std::string::npos);
}

TEST_CASE("every verb that reads a provider list takes the same list options, declared once", "[cli]") {
    for (const char* verb : {"batch", "diff", "report", "eval", "repl"}) {
        const auto r = run_inkoop(std::string(verb) + " --help");
        INFO(verb);
        CHECK(r.status == 0);
        for (const char* option : {"--input ", "--input-format TEXT:FORMAT", "--encoding TEXT:ENCODING", "--sheet TEXT", "--max-xlsx-mb"})
            CHECK(r.out.find(option) != std::string::npos);
    }
    // The names the readers accept, and no others: ndjson is JSON Lines, "utf8" is UTF-8.
    const auto ndjson = run_inkoop("batch --policy salland/ggz-2024 --input - --input-format ndjson --encoding utf8 --quiet",
                                   "{\"agb\": \"12345678\", \"kind\": \"verpleeghuis\"}\n");
    CHECK(ndjson.status == 0);
    CHECK(ndjson.out.find("\"outcome\":\"refuse\"") != std::string::npos);
    const auto bad = run_inkoop("report --policy salland/ggz-2024 --input - --encoding ebcdic");
    CHECK(bad.status == 2);
    CHECK(bad.err.find("--encoding: 'ebcdic' is not one of the accepted names") != std::string::npos);
}

TEST_CASE("eval --input takes the list options: a semicolon list read as CSV by --input-format", "[cli]") {
    const auto r = run_with_file("'" INKOOP_BIN "' eval --policy salland/ggz-2024 --agb 12345678 --format json --input-format csv --input",
                                 " ", "agb;kind;fte_regiebehandelaren\n12345678;verpleeghuis;\n");
    CHECK(r.status == 0);
    CHECK(r.out.find("\"agb\": \"12345678\"") != std::string::npos);
    CHECK(r.out.find("\"outcome\": \"refuse\"") != std::string::npos);
}

TEST_CASE("eval's trace in Dutch names each result in words, --lang en and JSON keep the tokens", "[cli]") {
    const std::string args = "eval --format text --explain --policy salland/ggz-2024 --input scripts/samples/providers.csv --agb 42680052";
    const auto nl = run_inkoop(args);
    // The facts by their labels and values, against the limit in force, as letters state them.
    CHECK(nl.out.find("  3.1        max_behandellocaties                   niet voldaan  Aantal locaties: 4 (eis: maximaal 3)\n") !=
          std::string::npos);
    CHECK(nl.out.find("  2.1        zorg_buitenland                        geldt niet    Zorg in het buitenland: nee\n") !=
          std::string::npos);
    const auto en = run_inkoop("--lang en " + args);
    CHECK(en.out.find("  3.1      max_behandellocaties                   fail            locations = 4") != std::string::npos);
    const auto json =
        run_inkoop("eval --format json --explain --policy salland/ggz-2024 --input scripts/samples/providers.csv --agb 42680052");
    bool found = false;
    const auto decision = nlohmann::json::parse(json.out);
    for (const auto& e : decision.at("trace"))
        if (e.at("rule") == "max_behandellocaties") found = e.at("result") == "fail";
    CHECK(found);
}

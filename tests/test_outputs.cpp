// What people read is exact: open facts on refusals, Dutch spreadsheet values, one policy under two
// readings, one provider from a list, exit codes that separate causes, and messages that say what
// is wrong (issue "A clone that stands on its own, and outputs people can read without being misled").
#include <catch2/catch.hpp>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "bindings/syntax_hint.hpp"
#include "cli_runner.hpp"

using json = nlohmann::json;
using namespace inkoop::testing;

namespace {

const std::string kSample = INKOOP_SOURCE_DIR "/scripts/samples/providers.csv";

std::string temp_file(const std::string& name, const std::string& text) {
    const std::string path = "/tmp/inkoop-outputs-" + name;
    std::ofstream(path, std::ios::binary) << text;
    return path;
}

std::vector<json> records(const std::string& jsonl) {
    std::vector<json> out;
    std::istringstream in(jsonl);
    for (std::string line; std::getline(in, line);)
        if (!line.empty()) out.push_back(json::parse(line));
    return out;
}

}  // namespace

TEST_CASE("outputs: a refusal lists the facts still unknown apart from missing, in JSON and in text", "[outputs]") {
    auto r = run_inkoop("eval --policy salland/ggz-2024 --input " + kSample + " --agb 42680052 --format json");
    REQUIRE(r.status == 0);
    const auto d = json::parse(r.out);
    CHECK(d["outcome"] == "refuse");
    CHECK(d["grounds"].size() == 1);
    CHECK(d["grounds"][0]["code"] == "max_behandellocaties");
    CHECK(d["missing"] == json::array());
    CHECK(d["open_facts"] == json::array({"kwaliteitsstatuut_section"}));
    r = run_inkoop("--lang en eval --policy salland/ggz-2024 --input " + kSample + " --agb 42680052 --format text");
    CHECK(r.status == 0);
    CHECK(r.out.find("still unknown (needed if the refusal is resolved): kwaliteitsstatuut_section\n") != std::string::npos);
    CHECK(r.out.find("missing facts") == std::string::npos);  // "missing facts: none" would read as "nothing unknown"
}

TEST_CASE("outputs: eval takes one provider from a list by AGB, and names the closest codes of an unknown one", "[outputs]") {
    auto r = run_inkoop("eval --policy salland/ggz-2024 --input " + kSample + " --agb 91102441 --format json");
    CHECK(r.status == 0);
    CHECK(json::parse(r.out)["agb"] == "91102441");
    r = run_inkoop("eval --policy salland/ggz-2024 --input " + kSample + " --agb 42680053");
    CHECK(r.status == 2);
    CHECK(r.err ==
          "inkoop: " + kSample + ": no provider has AGB code 42680053; the closest codes in the list: 42680052, 02280993, 12180351\n");
    r = run_inkoop("eval --policy salland/ggz-2024 --input " + kSample);
    CHECK(r.status == 2);
    CHECK(r.err == "inkoop: --input LIST needs --agb CODE: the provider to decide\n");
    // A row with bad input is that row's error record, as batch writes it.
    r = run_inkoop("eval --policy salland/ggz-2024 --input " + kSample + " --agb 16381957");
    CHECK(r.status == 1);
    CHECK(json::parse(r.out)["error"]["row"] == 201);
}

TEST_CASE("outputs: Dutch Excel's WAAR/ONWAAR and j/n decide as true/false do", "[outputs]") {
    std::ifstream in(kSample);
    std::stringstream text;
    text << in.rdbuf();
    std::string waar = text.str(), jn = text.str();
    const auto replace_all = [](std::string& s, const std::string& from, const std::string& to) {
        for (size_t at = 0; (at = s.find(from, at)) != std::string::npos; at += to.size()) s.replace(at, from.size(), to);
    };
    replace_all(waar, ",true", ",WAAR");
    replace_all(waar, ",false", ",ONWAAR");
    replace_all(jn, ",true", ",j");
    replace_all(jn, ",false", ",n");
    const std::string args = "batch --quiet --policy salland/ggz-2024 --policy zorg-en-zekerheid/msz-2024 --input ";
    const auto original = run_inkoop(args + kSample);
    CHECK(original.status == 1);  // the sample's five bad rows
    for (const auto& copy : {temp_file("waar.csv", waar), temp_file("jn.csv", jn)}) {
        const auto r = run_inkoop(args + copy);
        CHECK(r.status == 1);
        const auto a = records(original.out), b = records(r.out);
        REQUIRE(a.size() == b.size());
        for (size_t i = 0; i < a.size(); ++i) {
            if (a[i].contains("error")) {
                CHECK(b[i]["error"]["row"] == a[i]["error"]["row"]);
                continue;
            }
            CHECK(b[i] == a[i]);
        }
    }
}

TEST_CASE("outputs: one policy under two readings shows the providers that change (--set-b)", "[outputs]") {
    auto r = run_inkoop("--lang en diff --policy salland/ggz-2024 --policy salland/ggz-2024 --set-b zorgplicht_sufficient=true --input " +
                        kSample);
    CHECK(r.status == 1);
    CHECK(r.out.find("salland/ggz-2024 -> salland/ggz-2024 (zorgplicht_sufficient=true): 246 of 1995 providers decided differently "
                     "(5 rows rejected)\n") != std::string::npos);
    CHECK(r.out.find("  4 change outcome: review -> refuse 2, incomplete -> refuse 2\n") != std::string::npos);
    // --set for both sides changes nothing between them.
    r = run_inkoop("--lang en diff --policy salland/ggz-2024 --policy salland/ggz-2024 --set zorgplicht_sufficient=true --input " +
                   kSample);
    CHECK(r.out.find("0 of 1995 providers decided differently") != std::string::npos);
    // A side's parameter must be one its policy declares.
    r = run_inkoop("diff --policy salland/ggz-2024 --policy zorg-en-zekerheid/ggz-2024 --set-b zorgplicht_sufficient=true --input " +
                   kSample);
    CHECK(r.status == 2);
    CHECK(r.err.find("zorg-en-zekerheid/ggz-2024 declares no parameter 'zorgplicht_sufficient'") != std::string::npos);
    r = run_inkoop(
        "report --diff --policy salland/ggz-2024 --policy salland/ggz-2024 --set-a zorgplicht_sufficient=true --format markdown "
        "--input " +
        kSample);
    CHECK(r.status == 1);
    // Salland's policy is Dutch: so is its report, unless --lang en.
    CHECK(r.out.find("# Wat er verandert van salland/ggz-2024 (zorgplicht_sufficient=true) naar salland/ggz-2024\n") == 0);
    CHECK(r.out.find("246 van 1.995 beslissingen veranderen") != std::string::npos);
    r = run_inkoop(
        "--lang en report --diff --policy salland/ggz-2024 --policy salland/ggz-2024 --set-a zorgplicht_sufficient=true "
        "--format markdown --input " +
        kSample);
    CHECK(r.out.find("# What changes from salland/ggz-2024 (zorgplicht_sufficient=true) to salland/ggz-2024\n") == 0);
    CHECK(r.out.find("246 of 1995 decisions change") != std::string::npos);
}

TEST_CASE("outputs: exit 1 for rejected rows, 3 when a policy fails on a provider, also with rejected rows", "[outputs]") {
    const std::string policy = temp_file("fails.lua",
                                         "policy { id = 't/ggz-2024', insurer = 'T', care = 'ggz', year = 2024, source = 'none' }\n"
                                         "scope { section = '1', text = 'all', kinds = { 'vrijgevestigde' } }\n"
                                         "rule { 'r', section = '1', text = 't', require = check('t', function(p)\n"
                                         "  if p.locations == 9 then error('boom') end return true end) }\n"
                                         "offer(function() return contract { type = 't', section = '1', from = '2024-01-01', to = "
                                         "'2024-12-31' } end)\n");
    const std::string good = temp_file("good.csv", "agb,kind,locations\n12345678,vrijgevestigde,1\n");
    const std::string bad_row = temp_file("bad.csv", "agb,kind,locations\n12345678,vrijgevestigde,1\n23456789,vrijgevestigde,veel\n");
    const std::string failing = temp_file("fail.csv", "agb,kind,locations\n12345678,vrijgevestigde,9\n23456789,vrijgevestigde,veel\n");
    for (const char* verb : {"batch", "report"}) {
        const std::string cmd = std::string(verb) + " --policy " + policy + (verb == std::string("batch") ? " --quiet" : "") + " --input ";
        CHECK(run_inkoop(cmd + good).status == 0);
        CHECK(run_inkoop(cmd + bad_row).status == 1);
        CHECK(run_inkoop(cmd + failing).status == 3);
    }
    const std::string diff = "diff --policy " + policy + " --policy " + policy + " --input ";
    CHECK(run_inkoop(diff + good).status == 0);
    CHECK(run_inkoop(diff + bad_row).status == 1);
    CHECK(run_inkoop(diff + failing).status == 3);
}

TEST_CASE("outputs: a rejected row's line on standard error is cut to a readable length", "[outputs]") {
    std::string header = "agb,kind", row = "12345678,vrijgevestigde";
    for (const char* f : {"training_place", "personal_agb", "kwaliteitsstatuut", "care_near_patient", "wtza_license", "innovative_gap",
                          "waiting_times_reported", "follows_referral_rules", "declares_via_vecozo", "mind_criteria"}) {
        header += std::string(",") + f;
        row += ",misschien";
    }
    const auto r =
        run_inkoop("--lang en batch --quiet --policy salland/ggz-2024 --input " + temp_file("long.csv", header + "\n" + row + "\n"));
    CHECK(r.status == 1);
    CHECK(r.err.size() < 520);
    CHECK(r.err.find("inkoop: /tmp/inkoop-outputs-long.csv: row 2: field 'training_place': 'misschien' is not a bool") == 0);
    CHECK(r.err.find(" more problems (the error record lists them all)\n") != std::string::npos);
    CHECK(json::parse(r.out)["error"]["problems"].size() == 10);
}

TEST_CASE("outputs: a syntax error names the block still open and the line where it opened", "[outputs]") {
    const std::string code =
        "-- function if ( in a comment\n"
        "local s = \"end ) [[\"\n"
        "offer(function(p)\n"
        "  if p.x then\n"
        "    return contract { }\n"
        "end)\n";
    CHECK(inkoop::lua::with_unclosed_block_hint("t.lua:6: unexpected symbol near ')'", code) ==
          "t.lua:6: unexpected symbol near ')' ('end' expected to close 'function' at line 3)");
    CHECK(inkoop::lua::unclosed_block_hint("local t = { a = 1,\n  b = [[x\n]] ,\n", 3) == " ('}' expected to close '{' at line 1)");
    CHECK(inkoop::lua::unclosed_block_hint("for i = 1, 2 do\n  repeat\n", 2) == " ('until' expected to close 'repeat' at line 2)");
    CHECK(inkoop::lua::unclosed_block_hint("while x do end\nlocal y = p.end_date\n", 2).empty());
    // Lua's own "(to close ...)" and "'}' expected" are left as they are.
    CHECK(inkoop::lua::with_unclosed_block_hint("t.lua:1: '}' expected near <eof>", "rule { 'r' ") == "t.lua:1: '}' expected near <eof>");
    const std::string policy = temp_file("syntax.lua",
                                         "policy { id = 't/ggz-2024', insurer = 'T', care = 'ggz', year = 2024, source = 'none' }\n"
                                         "scope { section = '1', text = 'all', kinds = { 'vrijgevestigde' } }\n"
                                         "rule { 'r', section = '1', text = 't', require = always }\n"
                                         "offer(function(p)\n"
                                         "  if p.locations then\n"
                                         "    return contract { type = 't', section = '1', from = '2024-01-01', to = '2024-12-31' }\n"
                                         "end)\n");
    const auto r = run_inkoop("check " + policy);
    CHECK(r.status == 2);
    CHECK(r.err == "inkoop: " + policy + ":7: unexpected symbol near ')' ('end' expected to close 'function' at line 4)\n");
}

TEST_CASE("outputs: a traceback is indented, not an escaped tab", "[outputs]") {
    const std::string policy = temp_file("traceback.lua",
                                         "policy { id = 't/ggz-2024', insurer = 'T', care = 'ggz', year = 2024, source = 'none' }\n"
                                         "scope { section = '1', text = 'all', kinds = { 'vrijgevestigde' } }\n"
                                         "rule { 'r', section = '1', text = 't', require = always }\n"
                                         "local function boom(p) return p.locations + nil end\n"
                                         "offer(function(p) boom(p) end)\n");
    const auto r = run_inkoop("eval --policy " + policy + " -", R"({"agb":"12345678","kind":"vrijgevestigde","locations":1})");
    CHECK(r.status == 2);
    CHECK(r.err.find("\\t") == std::string::npos);
    CHECK(r.err.find("stack traceback:\n    " + policy + ":4: in upvalue 'boom'\n") != std::string::npos);
}

TEST_CASE("outputs: a failing policy test names what caused the first mismatch, without its consequences", "[outputs]") {
    const auto r = run_inkoop("test " INKOOP_TEST_DATA "/failing_test.lua");
    CHECK(r.status == 1);
    CHECK(r.out.find("outcome: expected offer, got refuse (grounds: 10.4 te_laat_aangemeld)\n") != std::string::npos);
    CHECK(r.out.find("grounds: expected") == std::string::npos);
}

TEST_CASE("outputs: inkoop schema fits the terminal's width", "[outputs]") {
    for (const char* width : {"80", "100", "160"}) {
        const auto r = run_shell(std::string("COLUMNS=") + width + " $INKOOP schema");
        CHECK(r.status == 0);
        std::istringstream lines(r.out);
        size_t widest = 0;
        for (std::string line; std::getline(lines, line);) {
            size_t cols = 0;
            for (char c : line) cols += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
            widest = std::max(widest, cols);
        }
        INFO(width);
        CHECK(widest <= std::stoul(width));
        CHECK(r.out.find("waar/onwaar") != std::string::npos);
    }
}

TEST_CASE("outputs: the REPL's :analyze puts counts per kind first, a line per region, witnesses on request", "[outputs]") {
    auto r = run_inkoop("--lang en repl", ":use zorg-en-zekerheid/ggz-2024\n:analyze\n");
    CHECK(r.out.find("zorg-en-zekerheid/ggz-2024: 76 regions over the kinds in scope\n\n"
                     "vrijgevestigde: 19 regions (incomplete 1, offer 1, refuse 14, review 3)\n"
                     "  offer                    every requirement met, no refusal ground or review point\n") != std::string::npos);
    CHECK(r.out.find("  refuse                   locations > 3  (5.1 max_behandellocaties)\n") != std::string::npos);
    CHECK(r.out.find("e.g.") == std::string::npos);
    CHECK(r.out.find(" witnesses confirmed by the engine (add --examples to see them)\n") != std::string::npos);
    r = run_inkoop("--lang en repl", ":use zorg-en-zekerheid/ggz-2024\n:analyze --examples\n");
    CHECK(r.out.find("      e.g. agb=") != std::string::npos);
    CHECK(r.out.find("{\"") == std::string::npos);  // pairs, not JSON
    // In the policy's language: kinds and facts by their labels, outcomes by their Dutch words.
    r = run_inkoop("repl", ":use zorg-en-zekerheid/ggz-2024\n:analyze\n");
    CHECK(r.out.find("zorg-en-zekerheid/ggz-2024: 76 gebieden over de soorten binnen het inkoopdomein\n\n"
                     "Vrijgevestigde praktijk (GGZ) (vrijgevestigde): 19 gebieden (aanbod 1, afwijzing 14, nadere beoordeling 3, "
                     "onvolledig 1)\n"
                     "  aanbod                   aan elke eis voldaan, geen afwijzingsgrond of beoordelingspunt\n") != std::string::npos);
    CHECK(r.out.find("  afwijzing                Aantal locaties > 3  (5.1 max_behandellocaties)\n") != std::string::npos);
    CHECK(r.out.find("\n76 voorbeelden door de beslismotor bevestigd (voeg --examples toe om ze te zien)\n") != std::string::npos);
    r = run_inkoop("repl", ":use zorg-en-zekerheid/ggz-2024\n:analyze --examples\n");
    CHECK(r.out.find("      bijv. agb=99999999 kind=vrijgevestigde discipline=gz_psycholoog delivers_abroad=ja contracted_last_year=ja "
                     "application_date=30-08-2023 kwaliteitsstatuut=ja regiebehandelaar_share=0,8 fte_regiebehandelaren=5 locations=2 "
                     "care_near_patient=ja negative_statements=nee kwaliteitsstatuut_observed=ja mdo=geen_mdo proven_methods_only=ja "
                     "intake_exit_criteria=ja lvb_screening=ja\n") != std::string::npos);
}

TEST_CASE("outputs: a fact that can only add a surcharge leaves the decision an offer, with the surcharge conditional", "[outputs]") {
    const std::string policy =
        temp_file("surcharge.lua",
                  "policy { id = 't/ggz-2024', insurer = 'T', care = 'ggz', year = 2024, source = 'none' }\n"
                  "scope { section = '1', text = 'all', kinds = { 'vrijgevestigde' } }\n"
                  "rule { 'opleiding', section = '6', text = 'Toeslag voor een erkende opleidingsplaats', surcharge_if = is_true "
                  "'training_place' }\n"
                  "offer(function() return contract { type = 't', section = '1', from = '2024-01-01', to = '2024-12-31' },\n"
                  "  tariff { basis = 'nza_percentage', percentage = 95, section = '6' } end)\n");
    auto r = run_inkoop("eval --format json --policy " + policy + " -", R"({"agb":"12345678","kind":"vrijgevestigde"})");
    REQUIRE(r.status == 0);
    const auto d = json::parse(r.out);
    CHECK(d["outcome"] == "offer");
    CHECK(d["missing"] == json::array());
    CHECK(d["open_facts"] == json::array({"training_place"}));
    CHECK(d["conditional"] == json::parse(R"([{"effect":"surcharge","code":"opleiding","section":"6",)"
                                          R"("text":"Toeslag voor een erkende opleidingsplaats","settled_by":["training_place"]}])"));
    CHECK(d["tariff"]["surcharges"] == json::array());
    r = run_inkoop("eval --format json --policy " + policy + " -", R"({"agb":"12345678","kind":"vrijgevestigde","training_place":true})");
    CHECK(json::parse(r.out)["tariff"]["surcharges"][0]["code"] == "opleiding");
    CHECK(json::parse(r.out)["conditional"] == json::array());
    r = run_inkoop("eval --format text --policy " + policy + " -", R"({"agb":"12345678","kind":"vrijgevestigde"})");
    CHECK(r.out.find("conditional (1): hold or not by facts still unknown\n"
                     "  surcharge 6  opleiding Toeslag voor een erkende opleidingsplaats  (settled by: training_place)\n"
                     "still unknown (they settle the conditional items): training_place\n") != std::string::npos);
}

TEST_CASE("outputs: the WSV example (MDZ 2024 5.1) with certification unknown is an offer with the duty conditional", "[outputs]") {
    const auto r = run_inkoop("eval --format json --policy zorg-en-zekerheid/mdz-2024 -",
                              R"({"agb":"97000001","kind":"wsv","contracted_last_year":true,"participants_contracted":true,)"
                              R"("aansluitovereenkomst":true,"agb_linked":true,"geographic_logical":true,"multidisciplinary_board":true,)"
                              R"("gps_have_poh":true,"data_exchange":true,"offers_ggz_programme":false,"vecozo_certificate":true,)"
                              R"("fysio_tariefgroep":"A","started_on":"2021-01-01"})");
    REQUIRE(r.status == 0);
    const auto d = json::parse(r.out);
    CHECK(d["outcome"] == "offer");
    CHECK(d["missing"] == json::array());
    CHECK(d["open_facts"] == json::array({"certified"}));
    REQUIRE(d["conditional"].size() == 1);
    CHECK(d["conditional"][0]["code"] == "wsv_certificering_termijn");
    CHECK(d["conditional"][0]["section"] == "5.1");
    CHECK(d["conditional"][0]["settled_by"] == json::array({"certified"}));
}

TEST_CASE("outputs: check finds a policy's source document in the policy tree from any directory", "[outputs]") {
    auto r = run_shell("cd / && $INKOOP check salland/ggz-2024");
    CHECK(r.status == 0);
    CHECK(r.out.find("source: " INKOOP_SOURCE_DIR "/policies/salland/sources/ggz-2024.txt\n") != std::string::npos);
    CHECK(r.out.find("sections: every cited section is a heading of ggz-2024.txt\n") != std::string::npos);
    // A copy of the tree alone, elsewhere: its own sources/ folder is used.
    r = run_shell("d=$(mktemp -d) && cp -r " INKOOP_SOURCE_DIR
                  "/policies $d/ && cd / && $INKOOP --policies $d/policies check "
                  "zorg-en-zekerheid/msz-2024 | grep -E '^(source: /|sections:)' | sed \"s#$d#D#\"; rm -rf $d");
    CHECK(r.out ==
          "source: D/policies/zorg-en-zekerheid/sources/msz-2024.txt\n"
          "sections: every cited section is a heading of msz-2024.txt\n");
}

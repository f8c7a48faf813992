#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>

#include "cli_runner.hpp"

using namespace inkoop::testing;
using nlohmann::json;

namespace {

const std::string kSample = INKOOP_SOURCE_DIR "/scripts/samples/providers.csv";
const std::string kFive =
    "--policy salland/ggz-2024 --policy zorg-en-zekerheid/ggz-2024 --policy zorg-en-zekerheid/ggz-2027 "
    "--policy zorg-en-zekerheid/mdz-2024 --policy zorg-en-zekerheid/msz-2024";

std::vector<json> lines(const std::string& out) {
    std::vector<json> v;
    std::istringstream in(out);
    for (std::string line; std::getline(in, line);) v.push_back(json::parse(line));
    return v;
}

std::string write_temp(const std::string& name, const std::string& text) {
    const std::string path = "/tmp/inkoop-test-" + name;
    std::ofstream(path, std::ios::binary) << text;
    return path;
}

const char* kPracticeCsvHeader =
    "agb,kind,discipline,contracted_last_year,established_in_nl,delivers_abroad,kwaliteitsstatuut,kwaliteitsstatuut_section,"
    "personal_agb,regiebehandelaar_presence,fte_regiebehandelaren,locations,waiting_times_reported,follows_referral_rules,"
    "declares_via_vecozo,training_place,diagnostics_only,fraud_investigation,negative_statements,failed_controls,external_findings,"
    // The further requirements of the documents (3, 4.1, 4.3, 6, 9, 13) that Salland asks every practice.
    "meets_profession_requirements,kwaliteitsstatuut_published,kwaliteitsstatuut_observed,mdo,offers_long_stay,green_deal_committed,"
    "sustainability_in_strategy,owns_property,addiction_care,detox,x_team\n";
// Their answers for a practice that meets them, before the x_team column.
const char* kPracticeFurther = "true,true,true,geen_mdo,false,true,true,false,geen,geen,";

}  // namespace

TEST_CASE("batch: the sample list under all five policies, every valid row decided, bad rows reported, exit 1", "[batch]") {
    const auto r = run_inkoop("batch --quiet --jobs 2 " + kFive + " --input " + kSample);
    CHECK(r.status == 1);
    const auto records = lines(r.out);
    size_t errors = 0, decisions = 0;
    for (const auto& rec : records) (rec.contains("error") ? errors : decisions)++;
    CHECK(errors == 5);
    CHECK(decisions == (2000 - 5) * 5);
    // In the policy's language (the values as they were read); the records keep their English reason.
    CHECK(r.err.find("inkoop: " + kSample + ": invoerregel 201: veld 'kind': 'ziekenhuisje' is niet een van: vrijgevestigde,") == 0);
    CHECK(records.front()["policy"] == "salland/ggz-2024");
    CHECK(records.front()["x_row"] == "1");
}

TEST_CASE("batch: output is byte-identical for --jobs 1 and --jobs 2", "[batch]") {
    const auto one = run_inkoop("batch --quiet --jobs 1 " + kFive + " --input " + kSample);
    const auto two = run_inkoop("batch --quiet --jobs 2 " + kFive + " --input " + kSample);
    CHECK(one.out.size() > 1000000);
    CHECK(one.out == two.out);
    CHECK(one.err == two.err);
}

TEST_CASE("batch: semicolon CSV with decimal comma, CRLF and a BOM, x_ columns pass through", "[batch]") {
    const std::string csv =
        "\xEF\xBB\xBF"
        "agb;kind;fte_regiebehandelaren;x_team\r\n12345678;vrijgevestigde;8,5;noord\r\n";
    const auto r = run_inkoop("batch --quiet --policy salland/ggz-2024 --input " + write_temp("semi.csv", csv));
    CHECK(r.status == 0);
    const auto d = lines(r.out).at(0);
    CHECK(d["outcome"] == "refuse");
    CHECK(d["grounds"][0]["code"] == "max_fte_regiebehandelaren");
    CHECK(d["x_team"] == "noord");
}

TEST_CASE("batch: an x_ column name with a quote and a backslash is escaped in every record, first seen, kept or error", "[batch]") {
    // Three rows with the same decision (the first is written as it is, the second kept, the third
    // copied from the kept text) and a rejected one: each names the column the same, as valid JSON.
    const std::string csv =
        "agb,kind,fte_regiebehandelaren,\"x_a\"\"b\\c\"\n"
        "12345678,vrijgevestigde,9,noord\n23456789,vrijgevestigde,9,oost\n34567890,vrijgevestigde,9,zuid\n"
        "45678901,ziekenhuisje,9,west\n";
    const auto r = run_inkoop("batch --quiet --policy salland/ggz-2024 --input " + write_temp("quoted-x.csv", csv));
    const auto records = lines(r.out);
    REQUIRE(records.size() == 4);
    const char* values[] = {"noord", "oost", "zuid", "west"};
    for (size_t i = 0; i < 4; ++i) CHECK(records[i]["x_a\"b\\c"] == values[i]);
    CHECK(r.out.find(R"("x_a\"b\\c":"noord"})") != std::string::npos);
    CHECK(r.out.find(R"("x_a\"b\\c":"zuid"})") != std::string::npos);
    CHECK(records[3]["error"]["field"] == "kind");
}

TEST_CASE("batch: JSON Lines and JSON arrays, from a file or standard input", "[batch]") {
    const std::string a = R"({"agb": "12345678", "kind": "zbc"})", b = R"({"agb": "23456789", "kind": "verpleeghuis"})";
    auto r = run_inkoop("batch --quiet --policy salland/ggz-2024 --input " + write_temp("in.jsonl", a + "\n" + b + "\n"));
    CHECK(r.status == 0);
    auto recs = lines(r.out);
    REQUIRE(recs.size() == 2);
    CHECK(recs[0]["grounds"][0]["section"] == "2.1");
    CHECK(recs[1]["grounds"][0]["section"] == "2.3");
    r = run_inkoop("batch --quiet --policy salland/ggz-2024 --input -", "[" + a + ",\n" + b + "]");
    CHECK(r.status == 0);
    CHECK(lines(r.out).size() == 2);
    r = run_inkoop("batch --quiet --policy salland/ggz-2024 --input " + write_temp("in.json", "[" + a + "]"));
    CHECK(lines(r.out).size() == 1);
}

TEST_CASE("batch: an unknown column is a file error naming it, exit 2, nothing decided", "[batch]") {
    const auto r = run_inkoop("batch --quiet --policy salland/ggz-2024 --input " +
                              write_temp("bad-header.csv", "agb,kind,fte_regiebehandelaar\n12345678,zbc,3\n"));
    CHECK(r.status == 2);
    CHECK(r.out.empty());
    CHECK(r.err ==
          "inkoop: /tmp/inkoop-test-bad-header.csv: unknown field 'fte_regiebehandelaar' (did you mean "
          "fte_regiebehandelaren?); columns that are not schema fields must start with x_\n");
}

TEST_CASE("batch: bad rows become error records and every other row is decided", "[batch]") {
    const std::string csv =
        "agb,kind,fte_regiebehandelaren\n12345678,zbc,\n,zbc,\n23456789,ziekenhuisje,\n34567890,vrijgevestigde,acht\n45678901,zbc,\n";
    const auto r = run_inkoop("batch --quiet --policy salland/ggz-2024 --input " + write_temp("bad-rows.csv", csv));
    CHECK(r.status == 1);
    const auto recs = lines(r.out);
    REQUIRE(recs.size() == 5);
    CHECK(recs[0]["outcome"] == "refuse");
    CHECK(recs[1]["error"]["row"] == 3);
    CHECK(recs[1]["error"]["field"] == "agb");
    CHECK(recs[1]["error"]["reason"] == "required field is missing");
    CHECK(recs[2]["agb"] == "23456789");
    CHECK(recs[2]["error"]["field"] == "kind");
    CHECK(recs[3]["error"]["reason"] == "'acht' is not a number");
    CHECK(recs[4]["agb"] == "45678901");
    CHECK(r.err ==
          "inkoop: /tmp/inkoop-test-bad-rows.csv: invoerregel 3: veld 'agb': verplicht veld ontbreekt\n"
          "inkoop: /tmp/inkoop-test-bad-rows.csv: invoerregel 4: veld 'kind': 'ziekenhuisje' is niet een van: vrijgevestigde, "
          "ggz_instelling, paaz, puk, ziekenhuis, umc, zbc, dialysecentrum, edc, revalidatie, trombosedienst, "
          "audiologisch_centrum, protonentherapie, wsv, ro, huisartsenpraktijk, verpleeghuis, vg_instelling (bedoelt u ziekenhuis?)\n"
          "inkoop: /tmp/inkoop-test-bad-rows.csv: invoerregel 5: veld 'fte_regiebehandelaren': 'acht' is geen getal\n");
}

TEST_CASE("batch: a policy failing on one provider is an error record for that provider only", "[batch]") {
    const std::string policy =
        write_temp("trap.lua",
                   "policy { id = 't/ggz-2024', insurer = 'T', care = 'ggz', year = 2024, source = 'none' }\n"
                   "scope { section = '1', text = 'all', kinds = { 'vrijgevestigde' } }\n"
                   "rule { 'r', section = '1', text = 't', require = check('t', function(p)\n"
                   "  if p.locations == 9 then while true do end end return true end) }\n"
                   "offer(function(p) return contract { type = 't', section = '1', from = '2024-01-01', to = '2024-12-31' } end)\n");
    const std::string csv = "agb,kind,locations\n12345678,vrijgevestigde,1\n23456789,vrijgevestigde,9\n34567890,vrijgevestigde,2\n";
    const auto r = run_inkoop("batch --quiet --max-ms 600000 --policy " + policy + " --input " + write_temp("trap.csv", csv));
    CHECK(r.status == 3);  // a policy failed on a provider
    const auto recs = lines(r.out);
    REQUIRE(recs.size() == 3);
    CHECK(recs[0]["outcome"] == "offer");
    CHECK(recs[1]["error"]["kind"] == "instructions");
    CHECK(recs[1]["error"]["reason"] == "/tmp/inkoop-test-trap.lua:4: instruction budget of 20000000 exceeded");
    CHECK(recs[2]["outcome"] == "offer");
}

TEST_CASE("batch: CSV output by extension, written under a temporary name and renamed", "[batch]") {
    const std::string out = "/tmp/inkoop-test-out.csv";
    std::remove(out.c_str());
    const std::string csv = std::string(kPracticeCsvHeader) +
                            "12345678,vrijgevestigde,gz_psycholoog,true,true,false,true,II,true,0.9,9,1,true,true,true,false,false,true,"
                            "false,false,false," +
                            kPracticeFurther + "noord\n";
    const auto r = run_inkoop("batch --quiet --policy salland/ggz-2024 --input " + write_temp("p.csv", csv) + " --output " + out);
    CHECK(r.status == 0);
    // The policy version is the hash of the policy file: the same in every record, and not spelled out here.
    CHECK(std::regex_replace(slurp(out), std::regex("sha256:[0-9a-f]{64}"), "sha256:H") ==
          "agb,policy,outcome,contract.type,contract.start,contract.end,contract.sign_by,contract.settings,contract.excluded,"
          "tariff.basis,tariff.percentage,tariff.surcharges,grounds,grounds.section,conditions,review,missing,open_facts,conditional,error."
          "kind,"
          "error.field,error.reason,grounds.text,review.text,policy_version,params,x_team\n"
          "12345678,salland/ggz-2024,refuse,,,,,,,,,,max_fte_regiebehandelaren,3.1,niet_gecontracteerd_declareren|"
          "niet_gecontracteerd_controle,,,,,,,,3.1 Een vrijgevestigde praktijk heeft maximaal 8 fte regiebehandelaren,,sha256:H,,noord\n");
}

TEST_CASE("batch: --summary-only prints counts per outcome and the most frequent grounds", "[batch]") {
    const auto r = run_inkoop("batch --summary-only --jobs 2 --policy salland/ggz-2024 --input " + kSample);
    CHECK(r.status == 1);
    CHECK(r.out.find("2.000 invoerregels in ") == 0);
    CHECK(r.out.find(": 1.995 beslist, 5 afgekeurd wegens ongeldige invoer\nsalland/ggz-2024: aanbod 375, nadere beoordeling 23, "
                     "afwijzing 670, onvolledig 115, buiten het inkoopdomein 812, mislukt 0\n") != std::string::npos);
    // The most frequent refusal grounds: out of scope is counted on the line above, and is no refusal.
    CHECK(r.out.find("out_of_scope") == std::string::npos);
    CHECK(r.out.find("\n       184  10.4 te_laat_aangemeld\n") != std::string::npos);
    const auto en = run_inkoop("--lang en batch --summary-only --policy salland/ggz-2024 --input " + kSample);
    CHECK(en.out.find("2000 rows in ") == 0);
    CHECK(en.out.find(": 1995 decided, 5 rejected for bad input\nsalland/ggz-2024: offer 375, review 23, refuse 670, incomplete 115, "
                      "out of scope 812, failed 0\n") != std::string::npos);
}

TEST_CASE("batch: --set reaches the policies that declare the parameter", "[batch]") {
    const std::string csv = std::string(kPracticeCsvHeader) +
                            "12345678,vrijgevestigde,gz_psycholoog,false,true,false,true,II,true,0.9,5,1,true,true,true,false,false,false,"
                            "false,false,false," +
                            kPracticeFurther + "n\n";
    const std::string in = write_temp("new.csv", csv);
    std::string head = "agb,kind,discipline,contracted_last_year";
    auto r = run_inkoop("batch --quiet --policy salland/ggz-2024 --input " + in);
    CHECK(lines(r.out)[0]["grounds"][0]["code"] == "niet_aangemeld");
    r = run_inkoop("batch --quiet --policy salland/ggz-2024 --policy zorg-en-zekerheid/ggz-2024 --set zorgplicht_sufficient=true --input " +
                   in);
    CHECK(r.status == 0);
    r = run_inkoop("batch --quiet --policy zorg-en-zekerheid/ggz-2024 --set zorgplicht_sufficient=true --input " + in);
    CHECK(r.status == 2);
    CHECK(r.err == "inkoop: --set zorgplicht_sufficient: zorg-en-zekerheid/ggz-2024 declares no parameter 'zorgplicht_sufficient'\n");
}

TEST_CASE("diff: ZZ GGZ 2024 against 2027 explains each change by rule and section, with a change matrix", "[batch]") {
    const auto r =
        run_inkoop("--lang en diff --jobs 2 --policy zorg-en-zekerheid/ggz-2024 --policy zorg-en-zekerheid/ggz-2027 --input " + kSample);
    CHECK(r.status == 1);
    CHECK(r.out.find("zorg-en-zekerheid/ggz-2024 -> zorg-en-zekerheid/ggz-2027: ") != std::string::npos);
    CHECK(r.out.find("before \\ after        offer       review       refuse   incomplete out of scope\n") != std::string::npos);
    CHECK(r.out.find("    - ground    5.1 max_fte_regiebehandelaren: Omvang van de praktijk: maximaal 10 fte regiebehandelaren\n") !=
          std::string::npos);
    CHECK(r.out.find("    + review    5.1 praktijkomvang: ") != std::string::npos);
    CHECK(r.out.find("    + contract  5.2 vrijgevestigde: 2027-01-01..2028-12-31 (2 years)\n") != std::string::npos);
    CHECK(r.out.find("    ~ tariff    6.1 fixed: nza_percentage -> fixed\n") != std::string::npos);
    // In Dutch: a period and a term as people read them, a tariff basis by its label.
    const auto nl = run_inkoop("diff --policy zorg-en-zekerheid/ggz-2024 --policy zorg-en-zekerheid/ggz-2027 --input " + kSample);
    CHECK(nl.out.find("    + overeenkomst 5.2 vrijgevestigde: 01-01-2027 t/m 31-12-2028 (2 jaar)\n") != std::string::npos);
    CHECK(nl.out.find("    ~ tarief    6.1 fixed: een percentage van de NZa-maximumtarieven -> een vast tarief of standaardprijslijst "
                      "van de verzekeraar\n") != std::string::npos);
    // Every changed provider's block lists at least one change, each with a section and a rule code.
    std::istringstream in(r.out);
    std::string line, prev;
    size_t blocks = 0;
    while (std::getline(in, line)) {
        if (line.find(" (row ") != std::string::npos) {
            ++blocks;
            std::string next;
            std::getline(in, next);
            INFO(line);
            CHECK(next.rfind("    ", 0) == 0);
        }
    }
    CHECK(blocks > 100);
    const auto j =
        run_inkoop("diff --format jsonl --policy zorg-en-zekerheid/ggz-2024 --policy zorg-en-zekerheid/ggz-2027 --input " + kSample);
    const auto recs = lines(j.out);
    CHECK(recs.size() == blocks);
    for (const auto& rec : recs) {
        REQUIRE(rec["changes"].size() > 0);
        for (const auto& ch : rec["changes"]) CHECK(ch["code"].get<std::string>().size() > 0);
    }
}

TEST_CASE("diff: each change split by its cause, the text, a choice of our own or a parameter set, in text and JSON", "[batch]") {
    const std::string both = "--policy zorg-en-zekerheid/ggz-2024 --policy zorg-en-zekerheid/ggz-2027 --input " + kSample;
    const auto nl = run_inkoop("--lang nl diff " + both);
    CHECK(nl.out.find("\n  naar oorzaak (de tekst zodra een beslisregel die de tekst vastlegt de wijziging verklaart):\n"
                      "    aanbod -> nadere beoordeling 177: 9 door de tekst (multidisciplinair_beoordeling), 168 door eigen keuzes "
                      "(looptijd_niet_in_tabel)\n") != std::string::npos);
    CHECK(nl.out.find("    aanbod -> afwijzing 21: 21 door de tekst (toetsing_negatief)\n") != std::string::npos);
    const auto en = run_inkoop("--lang en diff " + both);
    CHECK(en.out.find("    offer -> review 177: 9 by the text (multidisciplinair_beoordeling), 168 by choices of our own "
                      "(looptijd_niet_in_tabel)\n") != std::string::npos);
    // JSON Lines: every record names its cause and the codes behind it; the counts agree with the text.
    const auto j = run_inkoop("diff --format jsonl " + both);
    size_t offer_to_review_chosen = 0, offer_to_review_text = 0;
    for (const auto& rec : lines(j.out)) {
        const std::string kind = rec["cause"]["kind"];
        CHECK((kind == "text" || kind == "interpretation" || kind == "parameter"));
        if (rec["outcome"]["before"] != "offer" || rec["outcome"]["after"] != "review") continue;
        if (kind == "interpretation") {
            ++offer_to_review_chosen;
            CHECK(rec["cause"]["codes"] == json::array({"looptijd_niet_in_tabel"}));
        }
        offer_to_review_text += kind == "text";
    }
    CHECK(offer_to_review_chosen == 168);
    CHECK(offer_to_review_text == 9);
    // A parameter set on one side: the changes it makes are the parameter's.
    const auto set = run_inkoop(
        "--lang en diff --policy salland/ggz-2024 --policy salland/ggz-2024 --set-b max_fte_vrijgevestigde=6 --input " + kSample);
    CHECK(set.out.find("    offer -> refuse 54: 54 by parameters set (max_fte_regiebehandelaren)\n") != std::string::npos);
}

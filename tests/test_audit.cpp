// Results analysts can use and an insurer can audit: policy versions and parameters in every
// record, the run's manifest and `inkoop verify`, readable eval output, --version, NO_COLOR.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>

#include "cli_runner.hpp"
#include "core/base/hash.hpp"
#include "core/formats/xlsx_reader.hpp"

using namespace inkoop::testing;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

std::string fresh(const std::string& name) {
    const std::string d = "/tmp/inkoop-audit-" + name;
    fs::remove_all(d);
    fs::create_directories(d);
    return d;
}

// A line of `inkoop verify`'s table: status, what, file and detail, columns apart by spaces.
bool verify_line(const std::string& out, const std::string& status, const std::string& what, const std::string& file,
                 const std::string& detail = "") {
    const auto quote = [](const std::string& s) { return std::regex_replace(s, std::regex(R"([.^$|()\[\]{}*+?\\])"), R"(\$&)"); };
    const std::string line = quote(status) + " +" + quote(what) + " +" + quote(file) + (detail.empty() ? " *" : " +" + detail);
    return std::regex_search(out, std::regex("(^|\n)" + line + "\n"));
}

std::vector<json> lines(const std::string& path) {
    std::vector<json> out;
    std::ifstream in(path);
    for (std::string l; std::getline(in, l);) out.push_back(json::parse(l));
    return out;
}

}  // namespace

TEST_CASE("audit: every record carries the policy version and the parameters set", "[audit]") {
    const std::string d = fresh("records");
    const auto r = run_inkoop(
        "batch --quiet --policy salland/ggz-2024 --set zorgplicht_sufficient=true --input scripts/samples/providers.csv --output " + d +
        "/out.jsonl");
    CHECK(r.status == 1);  // the sample list has five bad rows
    const auto records = lines(d + "/out.jsonl");
    REQUIRE(records.size() == 2000);
    const auto manifest = json::parse(slurp(d + "/out.jsonl.manifest.json"));
    const std::string version = manifest["policies"][0]["policy_version"];
    CHECK(std::regex_match(version, std::regex("sha256:[0-9a-f]{64}")));
    for (const auto& rec : records) {
        if (rec.contains("error")) continue;
        CHECK(rec["policy_version"] == version);
        CHECK(rec["params"] == json{{"zorgplicht_sufficient", true}});
    }
    // The version is the hash of the policy file's hash and path, as the manifest lists them.
    const auto& file = manifest["policies"][0]["files"][0];
    CHECK(file["path"] == INKOOP_SOURCE_DIR "/policies/salland/ggz-2024.lua");
    CHECK(file["sha256"] == inkoop::sha256_file(INKOOP_SOURCE_DIR "/policies/salland/ggz-2024.lua").first);
    CHECK(manifest["policies"][0]["params"] == json{{"zorgplicht_sufficient", true}});
    CHECK(manifest["settings"] == json{"zorgplicht_sufficient=true"});
    CHECK(manifest["input"]["bytes"] == fs::file_size(INKOOP_SOURCE_DIR "/scripts/samples/providers.csv"));
    CHECK(manifest["input"]["sha256"] == inkoop::sha256_file(INKOOP_SOURCE_DIR "/scripts/samples/providers.csv").first);
    CHECK(manifest["output"]["sha256"] == inkoop::sha256_file(d + "/out.jsonl").first);
    CHECK(manifest["rows"] == json{{"read", 2000}, {"decided", 1995}, {"rejected", 5}, {"policy_failures", 0}, {"duplicate_agb", 0}});
    // Outcome counts by category, as the records say: out of scope is never counted as a refusal.
    std::map<std::string, int> expected = {{"offer", 0}, {"review", 0}, {"refuse", 0}, {"incomplete", 0}, {"out_of_scope", 0}};
    for (const auto& rec : records) {
        if (rec.contains("error")) continue;
        const bool out_of_scope = rec["grounds"].size() == 1 && rec["grounds"][0]["code"] == "out_of_scope";
        ++expected[out_of_scope ? "out_of_scope" : rec["outcome"].get<std::string>()];
    }
    const auto& outcomes = manifest["policies"][0]["outcomes"];
    CHECK(outcomes == json(expected));
    CHECK(expected["out_of_scope"] == 812);

    CHECK(manifest["command"].get<std::string>().find(" batch --quiet --policy salland/ggz-2024 --set zorgplicht_sufficient=true") !=
          std::string::npos);
}

TEST_CASE("audit: verify finds a changed policy file, a changed input and a changed output", "[audit]") {
    const std::string d = fresh("verify");
    fs::copy(INKOOP_SOURCE_DIR "/policies", d + "/policies", fs::copy_options::recursive);
    fs::copy_file(INKOOP_SOURCE_DIR "/scripts/samples/providers.csv", d + "/providers.csv");
    const std::string g = "--policies " + d + "/policies ";
    auto r = run_inkoop(g + "batch --quiet --policy zorg-en-zekerheid/ggz-2024 --input " + d + "/providers.csv --output " + d + "/out.csv");
    REQUIRE(r.status == 1);
    r = run_inkoop("verify " + d + "/out.csv");
    CHECK(r.status == 0);
    CHECK(verify_line(r.out, "ok", "policy zorg-en-zekerheid/ggz-2024", d + "/policies/zorg-en-zekerheid/ggz-2024.lua"));
    CHECK(verify_line(r.out, "ok", "policy zorg-en-zekerheid/ggz-2024", d + "/policies/zorg-en-zekerheid/base.lua"));
    CHECK(verify_line(r.out, "ok", "input", d + "/providers.csv"));
    CHECK(verify_line(r.out, "ok", "output", d + "/out.csv"));
    CHECK(r.out.substr(r.out.rfind('\n', r.out.size() - 2) + 1) ==
          "verified: the output still matches the policies and the input on disk\n");

    // A module the policy imports changes: the policy is not the one that decided.
    std::ofstream(d + "/policies/zorg-en-zekerheid/base.lua", std::ios::app) << "-- edited\n";
    r = run_inkoop("verify " + d + "/out.csv");
    CHECK(r.status == 1);
    CHECK(verify_line(r.out, "changed", "policy zorg-en-zekerheid/ggz-2024", d + "/policies/zorg-en-zekerheid/base.lua", "other content"));
    CHECK(r.out.substr(r.out.rfind('\n', r.out.size() - 2) + 1) == "NOT verified: something changed since the run (see above)\n");
    fs::copy_file(INKOOP_SOURCE_DIR "/policies/zorg-en-zekerheid/base.lua", d + "/policies/zorg-en-zekerheid/base.lua",
                  fs::copy_options::overwrite_existing);
    CHECK(run_inkoop("verify " + d + "/out.csv").status == 0);

    // The input changes (one value, same size).
    std::string input = slurp(d + "/providers.csv");
    input[input.find("Oost")] = 'W';
    std::ofstream(d + "/providers.csv") << input;
    r = run_inkoop("verify " + d + "/out.csv");
    CHECK(r.status == 1);
    CHECK(verify_line(r.out, "changed", "input", d + "/providers.csv", "same size, other content"));

    // The output is edited, and a policy file is gone.
    std::ofstream(d + "/out.csv", std::ios::app) << "extra\n";
    fs::remove(d + "/policies/zorg-en-zekerheid/ggz-2024.lua");
    r = run_inkoop("verify " + d + "/out.csv");
    CHECK(r.status == 1);
    CHECK(verify_line(r.out, "missing", "policy zorg-en-zekerheid/ggz-2024", d + "/policies/zorg-en-zekerheid/ggz-2024.lua"));
    CHECK(verify_line(r.out, "changed", "output", d + "/out.csv", "[0-9]+ bytes then, [0-9]+ now"));

    r = run_inkoop("verify " + d + "/nothing.csv");
    CHECK(r.status == 2);
    CHECK(r.err == "inkoop: " + d + "/nothing.csv.manifest.json: cannot open: No such file or directory\n");
}

TEST_CASE("audit: a diff written to a file gets its manifest too", "[audit]") {
    const std::string d = fresh("diff");
    const auto r = run_inkoop(
        "--lang en diff --policy zorg-en-zekerheid/ggz-2024 --policy zorg-en-zekerheid/ggz-2027 --input scripts/samples/providers.csv "
        "--output " +
        d + "/diff.txt");
    CHECK(r.status == 1);
    const auto manifest = json::parse(slurp(d + "/diff.txt.manifest.json"));
    CHECK(manifest["policies"].size() == 2);
    CHECK(manifest["output"]["sha256"] == inkoop::sha256_file(d + "/diff.txt").first);
    CHECK(slurp(d + "/diff.txt")
              .find("zorg-en-zekerheid/ggz-2024 -> zorg-en-zekerheid/ggz-2027: 928 of 1995 providers decided differently") !=
          std::string::npos);
    CHECK(run_inkoop("verify " + d + "/diff.txt").status == 0);
}

TEST_CASE("eval prints readable text with --format text, JSON when piped", "[audit]") {
    auto r = run_inkoop("--lang en eval --policy salland/ggz-2024 --format text --explain scripts/samples/practice-9fte-fraud.json");
    CHECK(r.status == 0);
    CHECK(r.out.rfind("salland/ggz-2024 for 94012346: refuse\n"
                      "grounds (2):\n"
                      "  3.1   max_fte_regiebehandelaren  Een vrijgevestigde praktijk heeft maximaal 8 fte regiebehandelaren\n"
                      "                                   \u2192 FTE of lead practitioners: 9 (required: at most 8)\n"
                      "  10.4  fraudeonderzoek            Er loopt een fraudeonderzoek bij Salland Zorgverzekeraar\n"
                      "                                   \u2192 Fraud investigation: yes\n"
                      "review points: none\n"
                      "conditions (2):\n",
                      0) == 0);
    CHECK(r.out.find("missing facts: none\npolicy version: sha256:") != std::string::npos);
    CHECK(r.out.find("trace:\n  section  rule ") != std::string::npos);
    CHECK(r.out.find(
              "  3.1      max_fte_regiebehandelaren              fail            fte_regiebehandelaren = 9 (rule: fte_regiebehandelaren at "
              "most 8)\n") != std::string::npos);
    r = run_inkoop("eval --policy salland/ggz-2024 scripts/samples/practice-9fte-fraud.json");  // a pipe: JSON
    CHECK(json::parse(r.out)["outcome"] == "refuse");
    r = run_inkoop("--lang en eval --policy salland/ggz-2024 --format text --flip scripts/samples/practice-9fte-fraud.json");
    CHECK(r.out.find("flips (the smallest changes that make the policy propose a contract):\n"
                     "  offer: fte_regiebehandelaren <= 8 (3.1 max_fte_regiebehandelaren) and contracted_last_year = true (10.4 "
                     "fraudeonderzoek)\n"
                     "  review: fte_regiebehandelaren <= 8 (3.1 max_fte_regiebehandelaren) and fraud_investigation = false (10.4 "
                     "fraudeonderzoek)\n") != std::string::npos);
    // In Dutch: each fact by its label, with the value that flips it.
    r = run_inkoop("eval --policy salland/ggz-2024 --format text --flip scripts/samples/practice-9fte-fraud.json");
    CHECK(
        r.out.find("omslag (de kleinste wijzigingen waarmee het beleid een overeenkomst voorstelt):\n"
                   "  aanbod: Fte regiebehandelaren: 8 (3.1 max_fte_regiebehandelaren) en Contract vorig jaar: ja (10.4 fraudeonderzoek)\n"
                   "  nadere beoordeling: Fte regiebehandelaren: 8 (3.1 max_fte_regiebehandelaren) en Fraudeonderzoek: nee (10.4 "
                   "fraudeonderzoek)\n") != std::string::npos);
}

TEST_CASE("colour on a terminal, none with NO_COLOR", "[audit]") {
    // Salland's policy is Dutch: the outcome reads "afwijzing" unless --lang en says otherwise.
    const std::string cmd = "'" INKOOP_BIN "' eval --policy salland/ggz-2024 scripts/samples/practice-9fte-fraud.json";
    auto r = run_shell("script -qec \"" + cmd + "\" /dev/null");
    CHECK(r.out.find("salland/ggz-2024 voor 94012346: \033[1;31mafwijzing\033[0m") != std::string::npos);  // a terminal: text, coloured
    r = run_shell("script -qec \"" + cmd + " --lang en\" /dev/null");
    CHECK(r.out.find("salland/ggz-2024 for 94012346: \033[1;31mrefuse\033[0m") != std::string::npos);
    r = run_shell("NO_COLOR=1 script -qec \"" + cmd + "\" /dev/null");
    CHECK(r.out.find("94012346: afwijzing") != std::string::npos);
    CHECK(r.out.find('\033') == std::string::npos);
}

TEST_CASE("version: inkoop --version names inkoop, Lua and the libraries", "[audit]") {
    const auto r = run_inkoop("--version");
    CHECK(r.status == 0);
    CHECK(std::regex_search(r.out,
                            std::regex("^inkoop [0-9.]+\nLua 5\\.4\\.[0-9]+, fmt [0-9.]+, nlohmann-json [0-9.]+, libxlsxwriter [0-9.]+, "
                                       "libzip [0-9.]+, expat_[0-9.]+, OpenSSL ")));
}

TEST_CASE("Excel serial dates: the 1900 system with its leap-year bug, and the 1904 system", "[audit]") {
    CHECK(inkoop::excel_serial_date(1)->iso() == "1900-01-01");
    CHECK(inkoop::excel_serial_date(59)->iso() == "1900-02-28");
    CHECK(inkoop::excel_serial_date(61)->iso() == "1900-03-01");
    CHECK(inkoop::excel_serial_date(45066)->iso() == "2023-05-20");
    CHECK(inkoop::excel_serial_date(45066.75)->iso() == "2023-05-20");
    CHECK(inkoop::excel_serial_date(0, true)->iso() == "1904-01-01");
    CHECK(inkoop::excel_serial_date(43604, true)->iso() == "2023-05-20");
    CHECK_FALSE(inkoop::excel_serial_date(0));
    CHECK_FALSE(inkoop::excel_serial_date(-3));
    CHECK_FALSE(inkoop::excel_serial_date(1e12));
}

TEST_CASE("audit: the same policy files have the same version wherever the tree lies, by id or by path", "[audit]") {
    const auto r = run_shell(R"sh(
set -e
d=$(mktemp -d)
mkdir -p "$d/a/deeper" "$d/b"
cp -r policies "$d/a/deeper/" && cp -r policies "$d/b/"
echo '{"agb":"12345678","kind":"ziekenhuis"}' > "$d/p.json"
v() { "$INKOOP" --policies "$1" eval --policy "$2" --format json "$d/p.json" | grep '"policy_version"'; }
v "$d/a/deeper/policies" zorg-en-zekerheid/ggz-2027
v "$d/b/policies" zorg-en-zekerheid/ggz-2027
v policies zorg-en-zekerheid/ggz-2027
v policies "$d/b/policies/zorg-en-zekerheid/ggz-2027.lua"
echo '-- a changed file' >> "$d/b/policies/zorg-en-zekerheid/base.lua"
v "$d/b/policies" zorg-en-zekerheid/ggz-2027
rm -rf "$d"
)sh");
    REQUIRE(r.status == 0);
    std::vector<std::string> lines;
    std::istringstream in(r.out);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    REQUIRE(lines.size() == 5);
    CHECK(lines[0] == lines[1]);
    CHECK(lines[0] == lines[2]);
    CHECK(lines[0] == lines[3]);
    CHECK(lines[4] != lines[0]);  // a module it imports changed: another version
}

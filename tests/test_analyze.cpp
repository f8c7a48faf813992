// Exhaustive analysis: known answers on small hand-made policies, and every witness the analysis
// prints for the shipped policies decided again by `inkoop eval`.
#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>

#include "cli_runner.hpp"

using namespace inkoop::testing;
using nlohmann::json;

namespace {

const std::string kData = INKOOP_TEST_DATA "/analyze/";

json analyze(const std::string& args) {
    const auto r = run_inkoop("analyze --format json " + args);
    REQUIRE(r.status == 0);
    return json::parse(r.out);
}

// Decides `witness` under `policy` with the CLI, as an analyst would check it.
json eval(const std::string& policy, const json& witness) {
    const auto r = run_inkoop("eval --format json --policy " + policy + " -", witness.dump());
    REQUIRE(r.status == 0);
    return json::parse(r.out);
}

bool cites(const json& decision, const std::string& list, const std::string& code) {
    for (const auto& i : decision[list])
        if (i["code"] == code) return true;
    return false;
}

std::vector<std::string> findings(const json& a) {
    std::vector<std::string> out;
    for (const auto& f : a["rules"]) out.push_back(f["code"].get<std::string>() + ": " + f["finding"].get<std::string>());
    return out;
}

// Every region with a witness: the witness, decided again, has the outcome and the rule claimed.
size_t check_witnesses(const std::string& policy, const json& a) {
    size_t checked = 0;
    for (const auto& r : a["regions"]) {
        if (r["witness"].is_null()) continue;
        INFO(policy << ": " << r.dump());
        const json d = eval(policy, r["witness"]);
        CHECK(d["outcome"] == r["outcome"]);
        if (!r["rule"].is_null()) {
            const std::string code = r["rule"]["code"];
            CHECK((cites(d, "grounds", code) || cites(d, "review", code)));
        }
        ++checked;
    }
    return checked;
}

}  // namespace

TEST_CASE("analyze: a dead rule, a requirement never met and a ground that never matters", "[analyze]") {
    const json a = analyze(kData + "dead.lua");
    CHECK(findings(a) ==
          std::vector<std::string>{"max_10: never changes the outcome", "onmogelijk: never holds", "nooit_voldaan: can never be met"});
    CHECK(a["kinds_without_offer"].empty());
    CHECK(check_witnesses(kData + "dead.lua", a) == 5);
}

TEST_CASE("analyze: a contradiction leaves a kind without any offer, proven over every class", "[analyze]") {
    const json a = analyze(kData + "contradiction.lua");
    CHECK(a["kinds_without_offer"] == json{"vrijgevestigde"});
    CHECK(findings(a).empty());
    std::vector<std::string> reachable;
    for (const auto& r : a["regions"]) reachable.push_back(r["kind"].get<std::string>() + " " + r["outcome"].get<std::string>());
    CHECK(reachable == std::vector<std::string>{"vrijgevestigde refuse", "vrijgevestigde refuse", "vrijgevestigde refuse",
                                                "vrijgevestigde incomplete", "ggz_instelling offer", "ggz_instelling refuse",
                                                "ggz_instelling incomplete"});
    check_witnesses(kData + "contradiction.lua", a);
}

TEST_CASE("analyze --diff: exactly the regions two changed rules make, with witnesses", "[analyze]") {
    const json d = analyze("--diff " + kData + "before.lua " + kData + "after.lua");
    REQUIRE(d["regions"].size() == 3);
    const auto& fte = d["regions"][0];
    CHECK(fte["description"] == "fte_regiebehandelaren > 8 and <= 10 (max_fte: holds / does not hold)");
    CHECK(fte["a"] == "refuse");
    CHECK(fte["b"] == "offer");
    CHECK(fte["rules"]["a"] == json{{"code", "max_fte"}, {"section", "3.1"}});
    CHECK(d["regions"][1]["description"] == "training_place = true (opleiding: absent / holds)");
    CHECK(d["regions"][1]["a"] == "offer");
    CHECK(d["regions"][1]["b"] == "review");
    CHECK(d["regions"][1]["rules"]["a"].is_null());
    CHECK(d["regions"][2]["description"] == "training_place unknown (opleiding: absent / unknown)");
    CHECK(d["regions"][2]["b"] == "incomplete");
    CHECK(d["unchanged"] == json{"agb"});
    CHECK(d["masked"].empty());
    for (const auto& r : d["regions"]) {
        CHECK(eval(kData + "before.lua", r["witness"])["outcome"] == r["a"]);
        CHECK(eval(kData + "after.lua", r["witness"])["outcome"] == r["b"]);
    }
}

// Every witness `analyze` prints for a shipped policy, decided by `inkoop eval` (a process per
// witness, as an analyst would check it: slow under the sanitizers, so one test per policy, tagged
// [witness] for their longer time limit in tests/CMakeLists.txt).
namespace {
void check_shipped(const std::string& id) {
    const json a = analyze(id);
    CHECK(a["kinds_without_offer"].empty());
    CHECK(check_witnesses(id, a) > 10);
}
}  // namespace

TEST_CASE("analyze: every witness printed for salland/ggz-2024 is what the engine decides", "[analyze][witness]") {
    check_shipped("salland/ggz-2024");
}

TEST_CASE("analyze: every witness printed for zorg-en-zekerheid/ggz-2024 is what the engine decides", "[analyze][witness]") {
    check_shipped("zorg-en-zekerheid/ggz-2024");
}

TEST_CASE("analyze: every witness printed for zorg-en-zekerheid/ggz-2027 is what the engine decides", "[analyze][witness]") {
    check_shipped("zorg-en-zekerheid/ggz-2027");
}

TEST_CASE("analyze: every witness printed for zorg-en-zekerheid/mdz-2024 is what the engine decides", "[analyze][witness]") {
    check_shipped("zorg-en-zekerheid/mdz-2024");
}

TEST_CASE("analyze: every witness printed for zorg-en-zekerheid/msz-2024 is what the engine decides", "[analyze][witness]") {
    check_shipped("zorg-en-zekerheid/msz-2024");
}

TEST_CASE("analyze --diff GGZ 2024 -> 2027: more than 10 FTE and rTMS without accreditation, every witness confirmed",
          "[analyze][witness]") {
    const std::string a = "zorg-en-zekerheid/ggz-2024", b = "zorg-en-zekerheid/ggz-2027";
    const json d = analyze("--diff " + a + " " + b);
    bool fte = false, rtms = false;
    for (const auto& r : d["regions"]) {
        INFO(r.dump());
        REQUIRE(r["verified"] == true);
        const json da = eval(a, r["witness"]), db = eval(b, r["witness"]);
        CHECK(da["outcome"] == r["a"]);
        CHECK(db["outcome"] == r["b"]);
        const std::string desc = r["description"];
        if (r["kind"] == "vrijgevestigde" && desc.rfind("fte_regiebehandelaren > 10 (max_10_fte: holds / absent)", 0) == 0) {
            fte = true;
            CHECK(r["a"] == "refuse");
            CHECK(cites(da, "grounds", "max_10_fte"));
        }
        if (desc.rfind("offers_rtms = true, rtms_accredited = false (rtms: absent / holds)", 0) == 0) {
            rtms = true;
            CHECK(std::find(db["contract"]["excluded"].begin(), db["contract"]["excluded"].end(), "rtms") !=
                  db["contract"]["excluded"].end());
        }
    }
    CHECK(fte);
    CHECK(rtms);
}

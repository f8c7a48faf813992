// inkoop sweep and report --sweep: exact counts on the sample list, each scenario checked against
// batch under the same parameter, the changed AGBs, shards, errors and the page.
#include <catch2/catch.hpp>
#include <cstdio>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "cli_runner.hpp"

using namespace inkoop::testing;
using nlohmann::json;

namespace {

const std::string kList = "scripts/samples/providers.csv";
const std::string kSalland = "salland/ggz-2024";

std::string category(const json& d) {
    if (d["outcome"] == "refuse" && d["grounds"].size() == 1 && d["grounds"][0]["code"] == "out_of_scope") return "out_of_scope";
    return d["outcome"];
}

// batch under `set`: per AGB the decision as a sweep compares it, and the counts per outcome.
struct Batch {
    std::map<std::string, std::string> decision;
    std::map<std::string, size_t> counts;
};
Batch batch(const std::string& set) {
    const auto r = run_inkoop("batch --quiet --policy " + kSalland + " --input " + kList + set);
    REQUIRE(r.status == 1);  // the sample list's five bad rows
    Batch b;
    std::istringstream lines(r.out);
    for (std::string line; std::getline(lines, line);) {
        const json j = json::parse(line);
        if (!j.contains("outcome")) continue;
        std::string key = j["outcome"].get<std::string>() + "|";
        for (const auto& g : j["grounds"]) key += g["code"].get<std::string>() + ",";
        key += "|";
        for (const auto& g : j["review"]) key += g["code"].get<std::string>() + ",";
        key += "|" + j["missing"].dump();
        b.decision[j["agb"]] = key;
        ++b.counts[category(j)];
    }
    return b;
}

json sweep_json(const std::string& args) {
    const auto r = run_inkoop("sweep --format json --policy " + kSalland + " --input " + kList + " " + args);
    REQUIRE(r.status == 1);
    CHECK(r.err.find("5 invoerregels afgekeurd wegens ongeldige invoer (in geen enkel scenario)") != std::string::npos);
    return json::parse(r.out);
}

}  // namespace

TEST_CASE("sweep: the FTE cap from 6 to 12, offers rising with it, exactly as batch decides each value", "[sweep]") {
    const auto r = run_inkoop("sweep --policy " + kSalland + " --input " + kList + " --vary max_fte_vrijgevestigde=6..12:1 --lang en");
    CHECK(r.status == 1);
    CHECK(r.out ==
          "salland/ggz-2024: 1995 providers, 7 scenarios (changed: decided otherwise than under the base parameters)\n"
          "every change by parameters set: max_fte_vrijgevestigde (a limit the text states)\n"
          "max_fte_vrijgevestigde  offer  review  refuse  incomplete  out of scope  failed  changed\n"
          "6                         321      23     734         105           812       0      122\n"
          "7                         353      23     695         112           812       0       44\n"
          "8                         375      23     670         115           812       0        0\n"
          "9                         401      23     636         123           812       0       65\n"
          "10                        406      23     629         125           812       0       80\n"
          "11                        412      23     620         128           812       0       98\n"
          "12                        423      23     604         133           812       0      121\n");
    const json s = sweep_json("--vary max_fte_vrijgevestigde=6,9 --providers");
    REQUIRE(s["scenarios"].size() == 2);
    const Batch base = batch("");
    for (const auto& sc : s["scenarios"]) {
        const std::string v = sc["params"]["max_fte_vrijgevestigde"];
        INFO("max_fte_vrijgevestigde=" << v);
        const Batch b = batch(" --set max_fte_vrijgevestigde=" + v);
        for (const char* c : {"offer", "review", "refuse", "incomplete", "out_of_scope"})
            CHECK(sc["counts"][c] == (b.counts.count(c) ? b.counts.at(c) : 0));
        std::set<std::string> changed;
        for (const auto& [agb, d] : b.decision)
            if (base.decision.at(agb) != d) changed.insert(agb);
        const auto listed = sc["changed_providers"].get<std::vector<std::string>>();
        CHECK(std::set<std::string>(listed.begin(), listed.end()) == changed);
        CHECK(sc["counts"]["changed"] == changed.size());
    }
    CHECK(s["policy_version"].get<std::string>().rfind("sha256:", 0) == 0);
    CHECK(s["input"]["rows"] == 2000);
    CHECK(s["input"]["rejected"] == 5);
}

TEST_CASE("sweep: a grid of two parameters in order, per kind, and shards that make up the whole", "[sweep]") {
    const json s = sweep_json("--vary max_fte_vrijgevestigde=6,8 --vary aanmeld_deadline=2023-05-01..2023-06-30:30 --by kind");
    REQUIRE(s["grid"] == 6);
    REQUIRE(s["scenarios"].size() == 6);
    CHECK(s["axes"][1]["values"] == json{"2023-05-01", "2023-05-31", "2023-06-30"});
    CHECK(s["scenarios"][1]["params"] == json{{"max_fte_vrijgevestigde", "6"}, {"aanmeld_deadline", "2023-05-31"}});
    CHECK(s["scenarios"][3]["params"] == json{{"max_fte_vrijgevestigde", "8"}, {"aanmeld_deadline", "2023-05-01"}});
    size_t offers = 0;
    for (const auto& [kind, c] : s["scenarios"][4]["groups"].items()) offers += c["offer"].get<size_t>();
    CHECK(offers == s["scenarios"][4]["counts"]["offer"]);
    CHECK(s["scenarios"][4]["counts"]["changed"] == 0);  // 8 FTE and 1 June 2023: the document's own values
    // Every change a sweep shows comes from the parameters it sets; each axis says whether its default is the text's limit or a choice.
    CHECK(s["cause"] == "parameter");
    CHECK(s["axes"][0]["default_from"] == "text");
    CHECK(s["axes"][1]["default_from"] == "interpretation");  // "tot uiterlijk 1 juni" read as inclusive: a choice
    // Shards 0/2 and 1/2 as CSV make up the single run's rows.
    const std::string args = " --policy " + kSalland + " --input " + kList +
                             " --format csv --vary max_fte_vrijgevestigde=6,8 --vary "
                             "aanmeld_deadline=2023-05-01..2023-06-30:30";
    const auto whole = run_inkoop("sweep" + args);
    const auto a = run_inkoop("sweep --shard 0/2" + args), b = run_inkoop("sweep --shard 1/2" + args);
    const auto rows = [](const std::string& csv) {
        std::multiset<std::string> out;
        std::istringstream in(csv);
        std::string line;
        std::getline(in, line);  // the header
        while (std::getline(in, line)) out.insert(line);
        return out;
    };
    auto both = rows(a.out);
    const auto rb = rows(b.out);
    both.insert(rb.begin(), rb.end());
    CHECK(rows(whole.out).size() == 6);
    CHECK(both == rows(whole.out));
    CHECK(a.out.substr(0, a.out.find('\n')) ==
          "max_fte_vrijgevestigde,aanmeld_deadline,offer,review,refuse,incomplete,out_of_scope,failed,changed");
}

TEST_CASE("sweep: bad --vary, --shard and --output are errors before anything is written", "[sweep]") {
    const std::string base = "sweep --policy " + kSalland + " --input " + kList;
    auto r = run_inkoop(base + " --vary max_fte=6,8");
    CHECK(r.status == 2);
    CHECK(r.err.find("--set max_fte: salland/ggz-2024 declares no parameter 'max_fte' (did you mean max_fte_vrijgevestigde?)") !=
          std::string::npos);
    r = run_inkoop(base + " --vary max_fte_vrijgevestigde=6..12");
    CHECK(r.err.find("--vary max_fte_vrijgevestigde: a range is FROM..TO:STEP (e.g. 6..12:1)") != std::string::npos);
    r = run_inkoop(base + " --vary max_fte_vrijgevestigde=6..12:0");
    CHECK(r.err.find("--vary max_fte_vrijgevestigde: the step '0' is not a positive number") != std::string::npos);
    r = run_inkoop(base + " --vary zorgplicht_sufficient=0..1:1");
    CHECK(r.err.find("--vary zorgplicht_sufficient: a bool parameter takes a list of values, not a range") != std::string::npos);
    r = run_inkoop(base + " --vary max_fte_vrijgevestigde=zes");
    CHECK(r.err.find("--vary max_fte_vrijgevestigde: 'zes' is not a number") != std::string::npos);
    r = run_inkoop(base + " --vary max_fte_vrijgevestigde=6 --shard 2/2");
    CHECK(r.err.find("--shard 2/2: K must be below N") != std::string::npos);
    std::remove("/tmp/inkoop-sweep-out.txt");
    r = run_inkoop(base + " --vary max_fte_vrijgevestigde=6 --output /tmp/inkoop-sweep-out.txt");
    CHECK(r.status == 2);
    CHECK(r.err.find("--output /tmp/inkoop-sweep-out.txt: the name ends in .csv, .json or .xlsx") != std::string::npos);
    CHECK_FALSE(std::ifstream("/tmp/inkoop-sweep-out.txt").good());
}

TEST_CASE("sweep: hostile region names stay text in CSV, and .xlsx is a workbook", "[sweep]") {
    const std::string list = "/tmp/inkoop-sweep-hostile.csv";
    std::ofstream(list) << "agb,kind,region\n12345678,vrijgevestigde,=HYPERLINK(\"http://x\")\n23456789,ziekenhuis,Twente\n";
    const auto r =
        run_inkoop("sweep --format csv --policy " + kSalland + " --input " + list + " --vary max_fte_vrijgevestigde=6 --by region");
    CHECK(r.status == 0);
    CHECK(r.out ==
          "max_fte_vrijgevestigde,region,offer,review,refuse,incomplete,out_of_scope,failed,changed\n"
          "6,\"'=HYPERLINK(\"\"http://x\"\")\",0,0,0,1,0,0,0\n"
          "6,Twente,0,0,0,0,1,0,0\n");
    const auto x = run_inkoop("sweep --policy " + kSalland + " --input " + list +
                              " --vary max_fte_vrijgevestigde=6,7 --output /tmp/inkoop-sweep.xlsx");
    CHECK(x.status == 0);
    std::ifstream xlsx("/tmp/inkoop-sweep.xlsx", std::ios::binary);
    char magic[2] = {};
    xlsx.read(magic, 2);
    CHECK(std::string(magic, 2) == "PK");
    std::remove(list.c_str());
    std::remove("/tmp/inkoop-sweep.xlsx");
}

TEST_CASE("report --sweep: a line chart for one parameter, a heat map for two, no script", "[sweep]") {
    const std::string one = "/tmp/inkoop-sweep-one.json", two = "/tmp/inkoop-sweep-two.json";
    run_inkoop("sweep --policy " + kSalland + " --input " + kList + " --vary max_fte_vrijgevestigde=6..12:1 --output " + one);
    run_inkoop("sweep --policy " + kSalland + " --input " + kList +
               " --vary max_fte_vrijgevestigde=6,8 --vary aanmeld_deadline=2023-05-01,2023-07-01 --output " + two);
    auto r = run_inkoop("report --sweep " + one);
    CHECK(r.status == 0);
    CHECK(r.out.find("<title>Scenariosweep: salland/ggz-2024</title>") != std::string::npos);
    CHECK(r.out.find("<svg class=\"chart\"") != std::string::npos);
    size_t lines = 0;
    for (size_t at = 0; (at = r.out.find("<polyline", at)) != std::string::npos; ++at) ++lines;
    CHECK(lines == 6);  // five outcomes and the changed decisions
    CHECK(r.out.find("<script") == std::string::npos);
    CHECK(r.out.find("default-src 'none'") != std::string::npos);
    r = run_inkoop("report --lang en --sweep " + two);
    CHECK(r.out.find("<table class=\"heat\"><caption>offers per scenario</caption>") != std::string::npos);
    CHECK(r.out.find("<svg") == std::string::npos);
    r = run_inkoop("report --sweep " + kList);
    CHECK(r.status == 2);
    CHECK(r.err.find("not a sweep's JSON") != std::string::npos);
    std::remove(one.c_str());
    std::remove(two.c_str());
}

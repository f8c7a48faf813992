// Policy authoring without a C++ build: the schema read from the policy tree, `check` running the
// policy, per-case test failures and the coverage gate, editor stubs, and `inkoop new`.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <regex>

#include "cli_runner.hpp"
#include "core/analysis/policy_check.hpp"
#include "core/authoring/stubs.hpp"
#include "core/model/schema.hpp"
#include "schema_fixture.hpp"

using namespace inkoop;
using namespace inkoop::testing;
namespace fs = std::filesystem;

namespace {

// A directory of its own per test, removed afterwards.
struct TempDir {
    std::string path;
    explicit TempDir(const std::string& name) : path("/tmp/inkoop-authoring-" + name) {
        fs::remove_all(path);
        fs::create_directories(path);
    }
    ~TempDir() { fs::remove_all(path); }
    std::string write(const std::string& rel, const std::string& text) const {
        const std::string p = path + "/" + rel;
        fs::create_directories(fs::path(p).parent_path());
        std::ofstream(p) << text;
        return p;
    }
};

// A small correct policy; each mistake below is one edit of it.
const std::string kPolicy = R"lua(policy { id = 't/ggz-2024', insurer = 'T', care = 'ggz', year = 2024, source = 'doc.txt' }
param { "strict_presence", type = "bool", default = false, section = "3.1", doc = "d" } param { "max_fte", type = "number", default = 8, unit = "fte", section = "3.1", doc = "maximaal 8 fte" }
scope { section = '3.1', text = 't', kinds = { 'vrijgevestigde' } }
rule { 'max_fte_regiebehandelaren', section = '3.1', text = 'maximaal {max_fte} fte', require = at_most("fte_regiebehandelaren", param "max_fte") }
rule { 'locaties', section = '3.1', text = 'maximaal 3 locaties', applies = is_true "kwaliteitsstatuut",
       require = check("at most 3 locations", function(p) return p.locations <= 3 end) }
offer(function(p, params)
  if params.strict_presence then return nil end
  return contract { type = 'vrijgevestigde', section = '3.1', from = date "2024-01-01", to = date "2024-12-31" },
         tariff { basis = 'fixed', section = '6', text = 'vast tarief' }
end)
)lua";

std::string edit(std::string text, const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    return text.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("check runs the policy: a correct policy passes, with the outcomes per kind", "[authoring]") {
    TempDir d("check-ok");
    const auto r = run_inkoop("check --sources /nonexistent " + d.write("ok.lua", kPolicy));
    CHECK(r.status == 0);
    CHECK(r.out.find("run: ") != std::string::npos);
    CHECK(r.out.find("\n  vrijgevestigde         ") != std::string::npos);
    CHECK(r.out.find("error:") == std::string::npos);
    CHECK(r.out.find("\nok: 0 errors, 0 warnings\n") != std::string::npos);
}

TEST_CASE("check fails a text that spells the limit it compares with, a code with a number, an absent that reads unknown as no",
          "[authoring]") {
    TempDir d("check-limit-text");
    // The text spells the parameter's default: it would say 8 under --set max_fte=6.
    const auto spelled = d.write("spelled.lua", edit(kPolicy, "'maximaal {max_fte} fte'", "'maximaal 8 fte'"));
    auto r = run_inkoop("check --sources /nonexistent " + spelled);
    CHECK(r.status == 1);
    CHECK(r.out.find("error: " + spelled +
                     ":4 rule 'max_fte_regiebehandelaren' (3.1): the text spells '8', the default of parameter 'max_fte' it compares "
                     "with: write {max_fte} so that the text states the limit in force\n") != std::string::npos);
    CHECK(r.out.find("\nfailed: 1 errors, ") != std::string::npos);
    // In words too ("acht"), and a code that carries the number.
    const auto coded = d.write(
        "coded.lua", edit(edit(kPolicy, "'maximaal {max_fte} fte'", "'maximaal acht fte'"), "'max_fte_regiebehandelaren'", "'max_8_fte'"));
    r = run_inkoop("check --sources /nonexistent " + coded);
    CHECK(r.out.find(":4 rule 'max_8_fte' (3.1): the code has a number, but the rule compares with parameter 'max_fte': a code "
                     "names the requirement, not its limit\n") != std::string::npos);
    CHECK(r.out.find(":4 rule 'max_8_fte' (3.1): the text spells 'acht', the default of parameter 'max_fte'") != std::string::npos);
    CHECK(r.out.find("\nfailed: 2 errors, ") != std::string::npos);
    // absent "f" on a field whose absence the schema does not declare as a fact.
    const auto absent =
        d.write("absent.lua", edit(kPolicy, "require = at_most(\"fte_regiebehandelaren\", param \"max_fte\")",
                                   "refuse_if = any { absent \"locations\", above(\"fte_regiebehandelaren\", param \"max_fte\") }"));
    r = run_inkoop("check --sources /nonexistent " + absent);
    CHECK(r.out.find(":4 rule 'max_fte_regiebehandelaren' (3.1): absent \"locations\" reads an unknown fact as \"no\", but the schema "
                     "does not say what the field's absence means (absent_means): use known/unknown, or declare it\n") !=
          std::string::npos);
    CHECK(r.out.find("\nfailed: 1 errors, ") != std::string::npos);
    // A placeholder names a parameter the policy has; the policy does not load otherwise.
    const auto unknown = d.write("unknown.lua", edit(kPolicy, "'maximaal {max_fte} fte'", "'maximaal {max_ftee} fte'"));
    r = run_inkoop("check --sources /nonexistent " + unknown);
    CHECK(r.status == 2);
    CHECK(r.err.find(":4 rule 'max_fte_regiebehandelaren': text: {max_ftee} names no parameter of the policy (did you mean max_fte?)") !=
          std::string::npos);
}

TEST_CASE("check warns about a bare limit, not about a parameter or a fixed constant", "[authoring]") {
    TempDir d("check-bare");
    const std::string bare_policy = edit(kPolicy, "'maximaal {max_fte} fte'", "'maximaal 8 fte'");
    const auto bare = d.write("bare.lua", edit(bare_policy, "param \"max_fte\")", "8)"));
    auto r = run_inkoop("check --sources /nonexistent " + bare);
    CHECK(r.status == 0);
    CHECK(r.out.find("warning: " + bare +
                     ":4 rule 'max_fte_regiebehandelaren' (3.1): compares with a bare constant (fte_regiebehandelaren at most 8): declare "
                     "it as a param "
                     "with its unit and section, or mark it fixed(value, \"why\") when the policy does not choose it\n") !=
          std::string::npos);
    CHECK(r.out.find("\nok: 0 errors, 2 warnings\n") != std::string::npos);  // and max_fte unused
    const auto fixed = d.write("fixed.lua", edit(bare_policy, "param \"max_fte\")", "fixed(8, \"Wet op de praktijkomvang\"))"));
    r = run_inkoop("check --sources /nonexistent " + fixed);
    CHECK(r.out.find("bare constant") == std::string::npos);
    CHECK(r.out.find("\nok: 0 errors, 1 warnings\n") != std::string::npos);  // max_fte is now unused
    CHECK(r.out.find("warning: parameter 'max_fte' is declared but no generated decision depends on it\n") != std::string::npos);
}

TEST_CASE("a number parameter is a limit, not a condition, and the field type must match", "[authoring]") {
    TempDir d("param-limit");
    auto r = run_inkoop("check --sources /nonexistent " +
                        d.write("a.lua", edit(kPolicy, "applies = is_true \"kwaliteitsstatuut\"", "applies = param \"max_fte\"")));
    CHECK(r.status == 2);
    CHECK(r.err.find("param 'max_fte' is a value, not a condition: compare a field with it, e.g. at_most(\"field\", param \"max_fte\")") !=
          std::string::npos);
    r = run_inkoop("check --sources /nonexistent " + d.write("b.lua", edit(kPolicy, "at_most(\"fte_regiebehandelaren\", param \"max_fte\")",
                                                                           "after(\"application_date\", param \"max_fte\")")));
    CHECK(r.status == 2);
    CHECK(r.err.find("field 'application_date' is a date and cannot be compared with parameter 'max_fte'") != std::string::npos);
    r = run_inkoop("check --sources /nonexistent " + d.write("c.lua", edit(kPolicy, "unit = \"fte\", ", "")));
    CHECK(r.status == 2);
    CHECK(r.err.find("param 'max_fte': a number names its unit (unit = \"fte\", \"share\", ...)") != std::string::npos);
}

TEST_CASE("check catches a bad tariff basis in offer, with the provider", "[authoring]") {
    TempDir d("check-tariff");
    const auto path = d.write("t.lua", edit(kPolicy, "basis = 'fixed'", "basis = 'nza_procent'"));
    const auto r = run_inkoop("check --sources /nonexistent " + path);
    CHECK(r.status == 1);
    CHECK(r.out.find("error: " + path +
                     ":10: tariff: unknown basis 'nza_procent' (nza_percentage, fixed, negotiated, budget_per_insured, "
                     "reference_prices)\n  on ") != std::string::npos);
    CHECK(
        r.out.find(
            R"(generated providers, e.g. {"agb":"99100000","kind":"vrijgevestigde","kwaliteitsstatuut":false,"fte_regiebehandelaren":7.92})") !=
        std::string::npos);
    CHECK(r.out.find("\nfailed: 1 errors, ") != std::string::npos);
}

TEST_CASE("check catches a misspelled field inside check(), with the provider", "[authoring]") {
    TempDir d("check-field");
    const auto path = d.write("t.lua", edit(kPolicy, "p.locations <= 3", "p.locatons <= 3"));
    const auto r = run_inkoop("check --sources /nonexistent " + path);
    CHECK(r.status == 1);
    CHECK(r.out.find("error: " + path + ":6: provider has no field 'locatons' (did you mean locations?)\n  on ") != std::string::npos);
    CHECK(r.out.find(R"(generated providers, e.g. {"agb":"99100000","kind":"vrijgevestigde"})") != std::string::npos);
}

TEST_CASE("check catches an impossible date in offer, with the provider", "[authoring]") {
    TempDir d("check-date");
    const auto path = d.write("t.lua", edit(kPolicy, "to = date \"2024-12-31\"", "to = date \"2025-13-01\""));
    const auto r = run_inkoop("check --sources /nonexistent " + path);
    CHECK(r.status == 1);
    CHECK(r.out.find("error: " + path + ":9: '2025-13-01' is not a date (YYYY-MM-DD or DD-MM-YYYY)\n  on ") != std::string::npos);
    CHECK(r.out.find("warning: kind 'vrijgevestigde' is in scope but no generated provider got an offer\n") != std::string::npos);
}

TEST_CASE("check catches a misspelled parameter, and one no decision depends on", "[authoring]") {
    TempDir d("check-param");
    const auto path = d.write("t.lua", edit(kPolicy, "params.strict_presence", "params.strict_presense"));
    const auto r = run_inkoop("check --sources /nonexistent " + path);
    CHECK(r.status == 1);
    CHECK(r.out.find("error: " + path + ":8: no parameter 'strict_presense' is declared (did you mean strict_presence?)\n  on ") !=
          std::string::npos);
    CHECK(r.out.find("warning: parameter 'strict_presence' is declared but no generated decision depends on it\n") != std::string::npos);
}

TEST_CASE("check flags a tariff without text and a contract outside the policy's year", "[authoring]") {
    TempDir d("check-offer");
    std::string text = edit(kPolicy, ", text = 'vast tarief'", "");
    text = edit(text, "from = date \"2024-01-01\", to = date \"2024-12-31\"", "from = date \"2023-01-01\", to = date \"2023-12-31\"");
    const auto r = run_inkoop("check --sources /nonexistent " + d.write("t.lua", text));
    CHECK(r.status == 1);
    CHECK(r.out.find("error: the offer's tariff has no text (tariff{ text = ... })\n") != std::string::npos);
    CHECK(r.out.find("warning: the offer's contract (2023-01-01 to 2023-12-31) does not cover the policy's year 2024 (an inherited "
                     "offer keeps its year's dates)\n") != std::string::npos);
}

TEST_CASE("representative values: unknown, each constant and its neighbours, within range", "[authoring]") {
    const Schema& s = ::inkoop::testing::test_schema();
    const auto fte = representative_values(*s.find("fte_regiebehandelaren"), {8}, {}, {}, 2024);
    CHECK(fte == std::vector<Value>{Value{}, 7.92, 8.0, 8.08});
    const auto share = representative_values(*s.find("insurer_market_share"), {0.0, 1.0}, {}, {}, 2024);
    CHECK(share == std::vector<Value>{Value{}, 0.0, 0.01, 0.99, 1.0});
    const auto locations = representative_values(*s.find("locations"), {3}, {}, {}, 2024);
    CHECK(locations == std::vector<Value>{Value{}, int64_t{2}, int64_t{3}, int64_t{4}});
    const auto flag = representative_values(*s.find("kwaliteitsstatuut"), {}, {}, {}, 2024);
    CHECK(flag == std::vector<Value>{Value{}, true, false});
    const auto day = *Date::parse("2023-06-01");
    const auto applied = representative_values(*s.find("application_date"), {}, {day}, {}, 2024);
    CHECK(applied == std::vector<Value>{Value{}, day.add_days(-1), day, day.add_days(1)});
    const auto section = representative_values(*s.find("kwaliteitsstatuut_section"), {}, {}, {}, 2024);
    CHECK(section == std::vector<Value>{Value{}, EnumValue{0}, EnumValue{1}});
}

TEST_CASE("the shipped policies pass check with no error and no warning", "[authoring]") {
    for (const char* id : {"salland/ggz-2024", "zorg-en-zekerheid/ggz-2024", "zorg-en-zekerheid/ggz-2027", "zorg-en-zekerheid/mdz-2024",
                           "zorg-en-zekerheid/msz-2024"}) {
        INFO(id);
        const auto r = run_inkoop(std::string("check ") + id);
        CHECK(r.status == 0);
        CHECK(r.out.substr(r.out.rfind("ok:")) == "ok: 0 errors, 0 warnings\n");
    }
}

TEST_CASE("a malformed test case fails alone, naming the key, and the others run", "[authoring]") {
    TempDir d("test-cases");
    const auto path = d.write("t_test.lua", R"lua(use "salland/ggz-2024"
test "a typo" { provider = { agb = "94000001", kind = "zbc" }, outcom = "refuse" }
test "out of scope" { provider = { agb = "94000001", kind = "zbc" }, outcome = "refuse", grounds = { "out_of_scope" } }
test "bad outcome" { provider = { agb = "94000001", kind = "zbc" }, outcome = "refused" }
)lua");
    const auto r = run_inkoop("test " + path);
    CHECK(r.status == 1);
    CHECK(r.out == path + "\n  FAIL  a typo\n        " + path +
                       ":2: unknown key 'outcom' (did you mean outcome?)\n"
                       "  ok    out of scope\n"
                       "  FAIL  bad outcome\n        " +
                       path + ":4: outcome 'refused' is not offer, refuse, review or incomplete\n1 passed, 2 failed\n");
}

TEST_CASE("test --fail-under exits 1 below the threshold and 0 at it", "[authoring]") {
    TempDir d("fail-under");
    const auto path = d.write("t_test.lua", R"lua(use "salland/ggz-2024"
test "out of scope" { provider = { agb = "94000001", kind = "zbc" }, outcome = "refuse", grounds = { "out_of_scope" } }
)lua");
    auto r = run_inkoop("test --fail-under 50 " + path);
    CHECK(r.status == 1);
    CHECK(r.out.find("1 passed, 0 failed\ncoverage salland/ggz-2024: 0.0% of rules, below --fail-under 50\n") != std::string::npos);
    r = run_inkoop("test --fail-under 0 " + path);
    CHECK(r.status == 0);
    r = run_inkoop("test --fail-under 100 policies/salland/ggz-2024_test.lua");
    CHECK(r.status == 0);
    CHECK(r.out.find("coverage salland/ggz-2024: 54 of 54 rules") != std::string::npos);
    CHECK(run_inkoop("test --fail-under 101 " + path).status == 2);
}

TEST_CASE("the schema is read from the policy tree: extensions, origins and clashes", "[authoring]") {
    TempDir d("schema-tree");
    d.write("schema.json", R"({"about": "a", "groups": [{"name": "Base", "fields": [
        {"name": "agb", "type": "string", "answered_by": "provider", "pattern": "8 digits", "required": true, "doc": "AGB"},
        {"name": "kind", "type": "enum", "answered_by": "provider", "values": ["x", "y"], "doc": "kind"}]}]})");
    d.write("acme/schema.json", R"({"groups": [{"name": "Acme 2028", "fields": [
        {"name": "wachttijd_weken", "type": "number", "answered_by": "provider", "min": 0, "max": 104, "doc": "weeks",
         "label": {"nl": "Wachttijd", "en": "Waiting time"},
         "question": {"nl": "Hoeveel weken is de wachttijd voor een intake?", "en": "How many weeks is the waiting time for an intake?"}},
        {"name": "kind", "type": "enum", "answered_by": "provider", "values": ["x", "y"], "doc": "kind"}]}]})");
    const Schema s = Schema::load_tree(d.path);
    REQUIRE(s.size() == 3);
    CHECK(s.find("wachttijd_weken")->origin == "acme/schema.json");
    CHECK(s.find("wachttijd_weken")->max == 104);
    // An extension's field is asked as its own question, in either language.
    CHECK(s.find("wachttijd_weken")->question(Lang::Nl) == "Hoeveel weken is de wachttijd voor een intake?");
    CHECK(s.find("wachttijd_weken")->label(Lang::En) == "Waiting time");
    CHECK(s.find("kind")->origin == "schema.json");  // the same definition again is the same field
    d.write(
        "beta/schema.json",
        R"({"groups": [{"name": "Beta", "fields": [{"name": "wachttijd_weken", "type": "int", "answered_by": "provider", "doc": "w"}]}]})");
    try {
        (void)Schema::load_tree(d.path);
        FAIL("a clash was accepted");
    } catch (const std::runtime_error& e) {
        CHECK(std::string(e.what()) == d.path +
                                           "/beta/schema.json: schema: field 'wachttijd_weken' clashes with its definition in "
                                           "acme/schema.json (a field is defined once; an extension adds new fields)");
    }
}

TEST_CASE("inkoop policies lists multi-word care names and names the other Lua files", "[authoring]") {
    TempDir d("catalog");
    fs::copy_file(INKOOP_SOURCE_DIR "/policies/schema.json", d.path + "/schema.json");
    d.write("acme/langdurige-ggz-2026.lua", edit(kPolicy, "t/ggz-2024", "acme/langdurige-ggz-2026"));
    d.write("acme/shared.lua", "return {}\n");
    d.write("acme/langdurige-ggz-2026_test.lua", "use 'acme/langdurige-ggz-2026'\n");
    const auto r = run_inkoop("policies --policies " + d.path);
    CHECK(r.status == 0);
    CHECK(r.out.find("\nacme/langdurige-ggz-2026  T        ggz   2024  acme/sources/doc.txt\n") != std::string::npos);
    CHECK(r.out.find("other Lua files (shared modules for import/inherit, not policies: a policy's file name ends in -<year>.lua):\n"
                     "  acme/shared  (") != std::string::npos);
}

TEST_CASE("global options work before or after the verb", "[authoring]") {
    const auto before = run_inkoop("--policies policies check salland/ggz-2024");
    const auto after = run_inkoop("check salland/ggz-2024 --policies policies");
    CHECK(before.status == 0);
    CHECK(after.status == 0);
    CHECK(before.out == after.out);
}

TEST_CASE("stubs: the API and the schema as LuaLS annotations, and a .luarc.json", "[authoring]") {
    const std::string schema = luals_schema_stub(::inkoop::testing::test_schema());
    CHECK(schema.rfind("---@meta inkoop-schema\n", 0) == 0);
    CHECK(schema.find("---@alias inkoop.enum.kwaliteitsstatuut_section \"II\"|\"III\"\n") != std::string::npos);
    CHECK(schema.find("---@field fte_regiebehandelaren number FTE of regiebehandelaren in the practice [0..] (GGZ quality and size, "
                      "schema.json)\n") != std::string::npos);
    CHECK(schema.find("---@field application_date inkoop.Date ") != std::string::npos);
    CHECK(schema.find("---@field kind inkoop.enum.kind kind of provider") != std::string::npos);
    // Every global the lint configuration knows (the API) is annotated.
    std::ifstream rc(INKOOP_SOURCE_DIR "/.luacheckrc");
    const std::string config((std::istreambuf_iterator<char>(rc)), {});
    const std::string api = luals_api_stub();
    const auto lists = config.substr(config.find("local conditions"), config.find("local sandbox") - config.find("local conditions"));
    const std::regex word("\"([a-z_]+)\"");
    int names = 0;
    for (auto it = std::sregex_iterator(lists.begin(), lists.end(), word); it != std::sregex_iterator(); ++it, ++names) {
        const std::string name = (*it)[1];
        INFO(name);
        CHECK((api.find("function " + name + "(") != std::string::npos || api.find("\n" + name + " = nil") != std::string::npos));
    }
    CHECK(names == 39);
    for (const char* name : {"test", "use", "with"}) CHECK(api.find(std::string("function ") + name + "(") != std::string::npos);
    CHECK(luarc_json(".luals").find("\"workspace.library\": [\".luals\"]") != std::string::npos);

    TempDir d("stubs");
    const auto r = run_with_file("cd " + d.path + " && '" INKOOP_BIN "' --policies '" INKOOP_SOURCE_DIR "/policies' stubs", " #", "");
    CHECK(r.status == 0);
    CHECK(r.out == "wrote .luals/inkoop-api.lua and .luals/inkoop-schema.lua (119 fields)\nwrote .luarc.json\n");
    CHECK(slurp(d.path + "/.luarc.json") == luarc_json(".luals"));
    CHECK(slurp(d.path + "/.luals/inkoop-api.lua") == api);
}

TEST_CASE("inkoop new scaffolds a policy and its tests that check and test pass at once", "[authoring]") {
    TempDir d("new");
    fs::copy(INKOOP_SOURCE_DIR "/policies", d.path, fs::copy_options::recursive);
    const std::string g = "--policies " + d.path + " ";
    auto r = run_inkoop(g + "new acme/wijkverpleging-2026");
    CHECK(r.status == 0);
    CHECK(r.out.find("wrote " + d.path + "/acme/wijkverpleging-2026.lua and " + d.path + "/acme/wijkverpleging-2026_test.lua\n") == 0);
    r = run_inkoop(g + "check acme/wijkverpleging-2026");
    CHECK(r.status == 0);
    CHECK(r.out.substr(r.out.rfind("ok:")) == "ok: 0 errors, 0 warnings\n");
    r = run_inkoop(g + "test --fail-under 100 " + d.path + "/acme/wijkverpleging-2026_test.lua");
    CHECK(r.status == 0);
    CHECK(r.out.find("3 passed, 0 failed\n") != std::string::npos);

    r = run_inkoop(g + "new salland/ggz-2025 --from salland/ggz-2024");
    CHECK(r.status == 0);
    CHECK(slurp(d.path + "/salland/ggz-2025.lua").find("\ninherit \"salland/ggz-2024\"\n") != std::string::npos);
    r = run_inkoop(g + "check salland/ggz-2025");
    CHECK(r.status == 0);
    CHECK(r.out.find("written as salland/ggz-2024 plus 0 changes:\n") != std::string::npos);
    r = run_inkoop(g + "test " + d.path + "/salland/ggz-2025_test.lua");
    CHECK(r.status == 0);
    CHECK(r.out.find("  ok    a ziekenhuis is outside the scope\n1 passed, 0 failed\n") != std::string::npos);

    r = run_inkoop(g + "new acme/wijkverpleging-2026");
    CHECK(r.status == 2);
    CHECK(r.err == "inkoop: " + d.path + "/acme/wijkverpleging-2026.lua exists already: `inkoop new` never overwrites\n");
    r = run_inkoop(g + "new Acme/ggz");
    CHECK(r.status == 2);
    CHECK(r.err ==
          "inkoop: 'Acme/ggz' is not a new policy id: insurer/care-year, e.g. acme/ggz-2026 (lower-case letters, digits, - and _)\n");
}

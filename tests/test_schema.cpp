#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "bindings/host.hpp"
#include "core/model/provider.hpp"
#include "core/model/schema.hpp"
#include "schema_fixture.hpp"

using namespace inkoop;

TEST_CASE("the builtin schema holds every field of spec section 1", "[schema]") {
    const Schema& s = ::inkoop::testing::test_schema();
    CHECK(s.size() == 119);  // 92, and 27 for the further requirements of the documents (issue 34)
    const Field* agb = s.find("agb");
    REQUIRE(agb);
    CHECK(agb->required);
    CHECK(agb->pattern == "8 digits");
    const Field* kind = s.find("kind");
    REQUIRE(kind);
    CHECK(kind->type == FieldType::Enum);
    CHECK(kind->values.size() == 18);
    CHECK(kind->enum_index("vg_instelling") == 17);
    CHECK(s.find("fte_regiebehandelaren")->type == FieldType::Number);
    CHECK(s.find("locations")->type == FieldType::Int);
    CHECK(s.find("application_date")->type == FieldType::Date);
    CHECK(s.find("max_asa_invasive")->group == "Medical specialist care (ZZ MSZ 2024, 5.1 and Bijlage 1)");
    CHECK_FALSE(s.find("fte"));
}

TEST_CASE("groups and choices have the words people read, in Dutch and English", "[schema]") {
    const Schema& s = ::inkoop::testing::test_schema();
    const Field& kind = *s.find("kind");
    CHECK(kind.group_label(Lang::Nl) == "Identiteit en voorgeschiedenis");
    CHECK(kind.group_label(Lang::En) == "Identity and history");
    CHECK(s.find("max_asa_invasive")->group_label(Lang::Nl) == "Medisch-specialistische zorg (ZZ MSZ 2024, 5.1 en Bijlage 1)");
    // Every kind and every discipline has a Dutch label; a value without one reads as itself.
    for (const char* name : {"kind", "discipline"}) {
        const Field& f = *s.find(name);
        REQUIRE(f.value_labels.size() == f.values.size());
        for (size_t i = 0; i < f.values.size(); ++i) {
            CAPTURE(name, f.values[i]);
            CHECK_FALSE(f.value_labels[i][static_cast<size_t>(Lang::Nl)].empty());
            CHECK_FALSE(f.value_labels[i][static_cast<size_t>(Lang::En)].empty());
        }
    }
    CHECK(kind.value_label(static_cast<size_t>(kind.enum_index("vrijgevestigde")), Lang::Nl) == "Vrijgevestigde praktijk (GGZ)");
    CHECK(s.find("discipline")->value_label(0, Lang::Nl) == "GZ-psycholoog");
    CHECK(s.find("discipline")->value_label(0, Lang::En) == "Health-care psychologist (GZ-psycholoog)");
    CHECK(s.find("fysio_tariefgroep")->value_label(1, Lang::Nl) == "B");

    // They come out in `inkoop schema --format json` and GET /v1/schema.
    const auto doc = nlohmann::json::parse(s.to_json());
    CHECK(doc["groups"][0]["label"] == nlohmann::json::parse(R"({"nl": "Identiteit en voorgeschiedenis", "en": "Identity and history"})"));
    CHECK(doc["groups"][0]["fields"][3]["name"] == "discipline");
    CHECK(doc["groups"][0]["fields"][3]["value_labels"]["psychiater"] ==
          nlohmann::json::parse(R"({"nl": "Psychiater", "en": "Psychiatrist"})"));
    // And read back the same.
    const Schema again = Schema::parse(s.to_json());
    CHECK(again.find("kind")->value_label(13, Lang::Nl) == "Samenwerkingsverband (WSV, zorggroep)");
    CHECK(again.find("kind")->group_label(Lang::Nl) == "Identiteit en voorgeschiedenis");
}

TEST_CASE("near misses of field names get a suggestion", "[schema]") {
    const Schema& s = ::inkoop::testing::test_schema();
    CHECK(s.suggest("fte_regiebehandelaar") == "fte_regiebehandelaren");
    CHECK(s.suggest("kwaliteitstatuut") == "kwaliteitsstatuut");
    CHECK(s.suggest("zzzzzzzzzzzz") == "");
    CHECK(s.did_you_mean("fraud_investigaton") == " (did you mean fraud_investigation?)");
}

TEST_CASE("columns that are not fields are errors unless they start with x_", "[schema]") {
    const auto errors = check_columns({"agb", "fte_regiebehandelaar", "x_note", "kind"}, ::inkoop::testing::test_schema());
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].field == "fte_regiebehandelaar");
    CHECK(errors[0].message ==
          "unknown field 'fte_regiebehandelaar' (did you mean fte_regiebehandelaren?); columns that are not schema "
          "fields must start with x_");
}

TEST_CASE("a malformed schema document is refused", "[schema]") {
    CHECK_THROWS_WITH(Schema::parse(R"({"groups":[{"name":"g","fields":[{"name":"a","type":"colour"}]}]})"),
                      "schema: field 'a' has an unknown type");
    CHECK_THROWS_WITH(Schema::parse(R"({"groups":[{"name":"g","fields":[{"name":"a","type":"enum"}]}]})"),
                      "schema: enum field 'a' lists no values");
    CHECK_THROWS_WITH(
        Schema::parse(
            R"({"groups":[{"name":"g","fields":[{"name":"a","type":"bool","answered_by":"provider"},{"name":"a","type":"bool","answered_by":"provider"}]}]})"),
        "schema: field 'a' is defined twice");
    CHECK_THROWS_WITH(
        Schema::parse(
            R"({"groups":[{"name":"g","fields":[{"name":"a","type":"enum","values":["rood","groen"],"value_labels":{"roood":{"nl":"Rood"}}}]}]})"),
        "schema: field 'a' labels a value 'roood' it does not list (did you mean rood?)");
    CHECK_THROWS_WITH(
        Schema::parse(R"({"groups":[{"name":"g","fields":[{"name":"a","type":"bool","value_labels":{"true":{"nl":"ja"}}}]}]})"),
        "schema: field 'a' has value_labels but is not an enum");
    CHECK_THROWS_WITH(
        Schema::parse(R"({"groups":[{"name":"g","fields":[{"name":"a","type":"enum","values":["x"],"value_labels":["x"]}]}]})"),
        "schema: the value_labels of field 'a' are an object, value to {\"nl\", \"en\"}");
    // Who answers a fact is said for every field: a provider is asked only its own.
    CHECK_THROWS_WITH(Schema::parse(R"({"groups":[{"name":"g","fields":[{"name":"a","type":"bool"}]}]})"),
                      "schema: field 'a' must say who answers it: \"answered_by\": \"provider\" or \"insurer\"");
    CHECK_THROWS_WITH(Schema::parse(R"({"groups":[{"name":"g","fields":[{"name":"a","type":"bool","answered_by":"verzekeraar"}]}]})"),
                      "schema: field 'a' must say who answers it: \"answered_by\": \"provider\" or \"insurer\"");
}

TEST_CASE("the shipped schema: the insurer's own facts are marked, and only an application's absence is a fact", "[schema]") {
    const Schema& s = ::inkoop::testing::test_schema();
    std::vector<std::string> insurer, absent;
    for (int i = 0; i < s.size(); ++i) {
        if (s.at(i).insurer_fact) insurer.push_back(s.at(i).name);
        if (s.at(i).absence_is_no()) absent.push_back(s.at(i).name);
    }
    CHECK(insurer == std::vector<std::string>{"contracted_last_year", "application_date", "offertetraject", "insurer_market_share",
                                              "insurer_revenue_eur", "hoog_specialistisch_listed", "assessment_negative",
                                              "fraud_investigation", "negative_statements", "failed_controls", "external_findings",
                                              "participants_contracted", "annual_plan_date", "accreditation_approved"});
    CHECK(absent == std::vector<std::string>{"application_date", "annual_plan_date"});
    CHECK(s.find("application_date")->absent_means[static_cast<size_t>(Lang::Nl)] == "geen aanmelding geregistreerd");
}

namespace {

// A policy tree of its own, with its own schema.json and one policy, removed afterwards.
struct Tree {
    std::string dir;
    Tree(const std::string& name, const std::string& schema, const std::string& policy) : dir("/tmp/inkoop-schema-" + name) {
        std::filesystem::remove_all(dir);
        std::filesystem::create_directories(dir + "/t");
        std::ofstream(dir + "/schema.json") << schema;
        std::ofstream(dir + "/t/ggz-2024.lua") << policy;
    }
    ~Tree() { std::filesystem::remove_all(dir); }
};

const char* const kOffer =
    "offer(function(p) return contract { type = 'c', section = '2', from = '2024-01-01', to = '2024-12-31' }, "
    "tariff { basis = 'fixed', section = '2' } end)\n";

std::string tree_policy(const std::string& kinds, const std::string& rules) {
    return "policy { id = 't/ggz-2024', insurer = 'T', care = 'ggz', year = 2024, source = 'none' }\n"
           "scope { section = '1', text = 'purchased', kinds = { " +
           kinds + " } }\n" + rules + "\n" + kOffer;
}

}  // namespace

TEST_CASE("two policy trees with different schemas, in one process, each decide under their own", "[schema]") {
    // Tree A: agb, kind (praktijk, instelling), fte. Tree B: beds first, then kind with the same
    // words in another order and one more, then agb and fte: every shared field at another index.
    const Tree a("a",
                 R"({"groups": [{"name": "g", "fields": [
                     {"name": "agb", "type": "string", "answered_by": "provider", "pattern": "8 digits", "required": true},
                     {"name": "kind", "type": "enum", "answered_by": "provider", "values": ["praktijk", "instelling"], "required": true},
                     {"name": "fte", "type": "number", "answered_by": "provider", "min": 0}]}]})",
                 tree_policy("'praktijk'", "rule { 'fte', section = '3', text = 'at most 8 fte', require = at_most('fte', 8) }"));
    const Tree b("b",
                 R"({"groups": [{"name": "g", "fields": [
                     {"name": "beds", "type": "int", "answered_by": "provider", "min": 0},
                     {"name": "kind", "type": "enum", "answered_by": "provider", "values": ["ziekenhuis", "instelling", "praktijk"], "required": true},
                     {"name": "agb", "type": "string", "answered_by": "provider", "pattern": "8 digits", "required": true},
                     {"name": "fte", "type": "number", "answered_by": "provider", "min": 0}]}]})",
                 tree_policy("'instelling'",
                             "rule { 'fte', section = '3', text = 'at least 20 fte', require = at_least('fte', 20) }\n"
                             "rule { 'beds', section = '4', text = 'at least 10 beds', require = at_least('beds', 10) }"));
    host::Host ea(a.dir, {});
    host::Host eb(b.dir, {});
    REQUIRE(ea.schema().size() == 3);
    REQUIRE(eb.schema().size() == 4);
    CHECK(ea.schema().find("fte")->index == 2);
    CHECK(eb.schema().find("fte")->index == 3);
    CHECK_FALSE(ea.schema().find("beds"));
    auto pa = ea.load("t/ggz-2024");
    auto pb = eb.load("t/ggz-2024");
    CHECK(&pa.policy().schema->at(0) == &ea.schema().at(0));
    CHECK(&pb.policy().schema->at(0) == &eb.schema().at(0));

    const auto provider = [](const host::Host& e, const char* json) {
        ParsedProvider parsed = provider_from_json(nlohmann::json::parse(json), e.schema());
        REQUIRE(parsed.errors.empty());
        REQUIRE(parsed.unknown.empty());
        return std::move(parsed.provider);
    };
    // Decided alternately, so that nothing one tree set up can serve the other.
    const Decision a_small = pa.decide_or_throw(0, provider(ea, R"({"agb": "12345678", "kind": "praktijk", "fte": 5})"), {});
    const Decision b_small = pb.decide_or_throw(0, provider(eb, R"({"agb": "87654321", "kind": "instelling", "fte": 5, "beds": 12})"), {});
    const Decision a_large = pa.decide_or_throw(0, provider(ea, R"({"agb": "12345679", "kind": "praktijk", "fte": 25})"), {});
    const Decision b_large = pb.decide_or_throw(0, provider(eb, R"({"agb": "87654322", "kind": "instelling", "fte": 25, "beds": 12})"), {});
    const Decision b_praktijk =
        pb.decide_or_throw(0, provider(eb, R"({"agb": "87654323", "kind": "praktijk", "fte": 25, "beds": 12})"), {});
    CHECK(a_small.agb == "12345678");
    CHECK(a_small.outcome == Outcome::Offer);
    CHECK(b_small.agb == "87654321");
    CHECK(b_small.outcome == Outcome::Refuse);
    REQUIRE(b_small.grounds.size() == 1);
    CHECK(b_small.grounds[0].code == "fte");
    CHECK(a_large.outcome == Outcome::Refuse);
    REQUIRE(a_large.grounds.size() == 1);
    CHECK(a_large.grounds[0].code == "fte");
    CHECK(b_large.outcome == Outcome::Offer);
    CHECK(b_praktijk.outcome == Outcome::Refuse);  // out of tree B's scope: kind 2 there, kind 0 in tree A
    REQUIRE(b_praktijk.grounds.size() == 1);
    CHECK(b_praktijk.grounds[0].code == "out_of_scope");
    // A provider's JSON names its own schema's fields.
    CHECK(provider_to_json(provider(eb, R"({"agb": "87654321", "kind": "ziekenhuis", "beds": 3})"), eb.schema()).dump() ==
          R"({"beds":3,"kind":"ziekenhuis","agb":"87654321"})");
}

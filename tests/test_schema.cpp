#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "bindings/engine.hpp"
#include "core/model/provider.hpp"
#include "core/model/schema.hpp"
#include "schema_fixture.hpp"

using namespace inkoop;

TEST_CASE("the builtin schema holds every field of spec section 1", "[schema]") {
    const Schema& s = ::inkoop::testing::test_schema();
    CHECK(s.size() == 89);
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
    CHECK_THROWS_WITH(Schema::parse(R"({"groups":[{"name":"g","fields":[{"name":"a","type":"bool"},{"name":"a","type":"bool"}]}]})"),
                      "schema: field 'a' is defined twice");
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
                     {"name": "agb", "type": "string", "pattern": "8 digits", "required": true},
                     {"name": "kind", "type": "enum", "values": ["praktijk", "instelling"], "required": true},
                     {"name": "fte", "type": "number", "min": 0}]}]})",
                 tree_policy("'praktijk'", "rule { 'fte', section = '3', text = 'at most 8 fte', require = at_most('fte', 8) }"));
    const Tree b("b",
                 R"({"groups": [{"name": "g", "fields": [
                     {"name": "beds", "type": "int", "min": 0},
                     {"name": "kind", "type": "enum", "values": ["ziekenhuis", "instelling", "praktijk"], "required": true},
                     {"name": "agb", "type": "string", "pattern": "8 digits", "required": true},
                     {"name": "fte", "type": "number", "min": 0}]}]})",
                 tree_policy("'instelling'",
                             "rule { 'fte', section = '3', text = 'at least 20 fte', require = at_least('fte', 20) }\n"
                             "rule { 'beds', section = '4', text = 'at least 10 beds', require = at_least('beds', 10) }"));
    engine::Engine ea(a.dir, {});
    engine::Engine eb(b.dir, {});
    REQUIRE(ea.schema().size() == 3);
    REQUIRE(eb.schema().size() == 4);
    CHECK(ea.schema().find("fte")->index == 2);
    CHECK(eb.schema().find("fte")->index == 3);
    CHECK_FALSE(ea.schema().find("beds"));
    auto pa = ea.load("t/ggz-2024");
    auto pb = eb.load("t/ggz-2024");
    CHECK(&pa.policy().schema->at(0) == &ea.schema().at(0));
    CHECK(&pb.policy().schema->at(0) == &eb.schema().at(0));

    const auto provider = [](const engine::Engine& e, const char* json) {
        ParsedProvider parsed = provider_from_json(nlohmann::json::parse(json), e.schema());
        REQUIRE(parsed.errors.empty());
        REQUIRE(parsed.unknown.empty());
        return std::move(parsed.provider);
    };
    // Decided alternately, so that nothing one tree set up can serve the other.
    const Decision a_small = pa.decide(provider(ea, R"({"agb": "12345678", "kind": "praktijk", "fte": 5})"), {});
    const Decision b_small = pb.decide(provider(eb, R"({"agb": "87654321", "kind": "instelling", "fte": 5, "beds": 12})"), {});
    const Decision a_large = pa.decide(provider(ea, R"({"agb": "12345679", "kind": "praktijk", "fte": 25})"), {});
    const Decision b_large = pb.decide(provider(eb, R"({"agb": "87654322", "kind": "instelling", "fte": 25, "beds": 12})"), {});
    const Decision b_praktijk = pb.decide(provider(eb, R"({"agb": "87654323", "kind": "praktijk", "fte": 25, "beds": 12})"), {});
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

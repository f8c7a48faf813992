#include <catch2/catch.hpp>

#include "core/model/provider.hpp"
#include "core/model/schema.hpp"

using namespace inkoop;

TEST_CASE("the builtin schema holds every field of spec section 1", "[schema]") {
    const Schema& s = Schema::active();
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
    const Schema& s = Schema::active();
    CHECK(s.suggest("fte_regiebehandelaar") == "fte_regiebehandelaren");
    CHECK(s.suggest("kwaliteitstatuut") == "kwaliteitsstatuut");
    CHECK(s.suggest("zzzzzzzzzzzz") == "");
    CHECK(s.did_you_mean("fraud_investigaton") == " (did you mean fraud_investigation?)");
}

TEST_CASE("columns that are not fields are errors unless they start with x_", "[schema]") {
    const auto errors = check_columns({"agb", "fte_regiebehandelaar", "x_note", "kind"}, Schema::active());
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

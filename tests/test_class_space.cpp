// core/analysis/class_space: the classes of a field that the exhaustive analyses walk, and their
// words. The analyses themselves: test_analysis.cpp.
#include <catch2/catch.hpp>

#include "core/analysis/class_space.hpp"
#include "schema_fixture.hpp"

using namespace inkoop;

TEST_CASE("class space: a number field's classes are the points and intervals between its constants", "[analysis]") {
    const Field& fte = *::inkoop::testing::shared_test_schema()->find("fte_regiebehandelaren");
    const class_space::Domain d = class_space::make_domain(fte, {8, 10}, {}, {});
    CHECK(d.ordered);
    // Unknown, then below 8, 8, between, 10, above.
    REQUIRE(d.reps.size() == 6);
    CHECK(std::holds_alternative<std::monostate>(d.reps[0]));
    std::vector<bool> above_8(d.reps.size(), false);
    for (size_t i = 3; i < d.reps.size(); ++i) above_8[i] = true;
    CHECK(class_space::describe_classes(d, fte, above_8) == "fte_regiebehandelaren > 8");
    std::vector<bool> up_to_10(d.reps.size(), false);
    for (size_t i = 1; i <= 4; ++i) up_to_10[i] = true;
    CHECK(class_space::describe_classes(d, fte, up_to_10) == "fte_regiebehandelaren ≤ 10");
}

TEST_CASE("class space: a bool field's classes are unknown, true and false, in words", "[analysis]") {
    const Field& training = *::inkoop::testing::shared_test_schema()->find("training_place");
    const class_space::Domain d = class_space::make_domain(training, {}, {}, {});
    CHECK_FALSE(d.ordered);
    REQUIRE(d.reps.size() == 3);
    CHECK(std::get<bool>(d.reps[1]) == true);  // unknown, true, false
    CHECK(class_space::describe_classes(d, training, {false, true, false}) == "training_place = true");
    CHECK(class_space::describe_classes(d, training, {false, false, true}) == "training_place = false");
    CHECK(class_space::describe_classes(d, training, {true, false, false}) == "training_place unknown");
}

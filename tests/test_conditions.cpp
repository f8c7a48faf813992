#include <catch2/catch.hpp>

#include "core/model/condition.hpp"
#include "core/model/provider.hpp"
#include "schema_fixture.hpp"

using namespace inkoop;
using Op = Condition::Op;

namespace {

int idx(const char* name) { return ::inkoop::testing::test_schema().find(name)->index; }

ConditionPtr leaf(Op op, const char* field, Value operand = {}) {
    auto c = std::make_shared<Condition>();
    c->op = op;
    c->field = idx(field);
    c->operand = std::move(operand);
    return c;
}

ConditionPtr combine(Op op, std::vector<ConditionPtr> children) {
    auto c = std::make_shared<Condition>();
    c->op = op;
    c->children = std::move(children);
    return c;
}

struct Fixture {
    Provider p{::inkoop::testing::test_schema()};
    ParamValues params;
    Tri eval(const ConditionPtr& c, std::vector<int>& open) {
        return evaluate(*c, EvalEnv{p, ::inkoop::testing::test_schema(), params}, open);
    }
    Tri eval(const ConditionPtr& c) {
        std::vector<int> open;
        return eval(c, open);
    }
};

}  // namespace

TEST_CASE_METHOD(Fixture, "comparisons on known facts", "[conditions]") {
    p[idx("fte_regiebehandelaren")] = 8.0;
    p[idx("application_date")] = *Date::parse("2023-06-01");
    CHECK(eval(leaf(Op::AtMost, "fte_regiebehandelaren", 8.0)) == Tri::True);
    CHECK(eval(leaf(Op::Below, "fte_regiebehandelaren", 8.0)) == Tri::False);
    CHECK(eval(leaf(Op::AtLeast, "fte_regiebehandelaren", 8.0)) == Tri::True);
    CHECK(eval(leaf(Op::Above, "application_date", *Date::parse("2023-06-01"))) == Tri::False);
    CHECK(eval(leaf(Op::AtMost, "application_date", *Date::parse("2023-06-01"))) == Tri::True);
}

TEST_CASE_METHOD(Fixture, "an unknown fact makes a leaf unknown and is reported", "[conditions]") {
    std::vector<int> open;
    CHECK(eval(leaf(Op::IsTrue, "fraud_investigation"), open) == Tri::Unknown);
    CHECK(open == std::vector<int>{idx("fraud_investigation")});
    CHECK(eval(leaf(Op::Known, "fraud_investigation")) == Tri::False);
    CHECK(eval(leaf(Op::Absent, "fraud_investigation")) == Tri::True);
}

TEST_CASE_METHOD(Fixture, "three-valued and/or: a decided part settles it, unknowns are listed otherwise", "[conditions]") {
    p[idx("kwaliteitsstatuut")] = false;
    const auto both = combine(Op::All, {leaf(Op::IsTrue, "kwaliteitsstatuut"), leaf(Op::IsTrue, "personal_agb")});
    std::vector<int> open;
    CHECK(eval(both, open) == Tri::False);  // false and unknown = false
    CHECK(open.empty());

    p[idx("kwaliteitsstatuut")] = true;
    CHECK(eval(both, open) == Tri::Unknown);  // true and unknown = unknown
    CHECK(open == std::vector<int>{idx("personal_agb")});

    const auto either = combine(Op::Any, {leaf(Op::IsTrue, "kwaliteitsstatuut"), leaf(Op::IsTrue, "personal_agb")});
    open.clear();
    CHECK(eval(either, open) == Tri::True);  // true or unknown = true
    CHECK(open.empty());

    const auto neither = combine(Op::Not, {either});
    CHECK(eval(neither) == Tri::False);
}

TEST_CASE_METHOD(Fixture, "conditions describe themselves and explain their result", "[conditions]") {
    p[idx("fte_regiebehandelaren")] = 9.0;
    p[idx("kind")] = EnumValue{0};
    const auto c = combine(Op::All, {leaf(Op::Equals, "kind", EnumValue{0}), leaf(Op::AtMost, "fte_regiebehandelaren", 8.0)});
    CHECK(describe(*c, ::inkoop::testing::test_schema()) == "kind = vrijgevestigde and fte_regiebehandelaren at most 8");
    CHECK(describe(*leaf(Op::Above, "application_date", *Date::parse("2023-06-01")), ::inkoop::testing::test_schema()) ==
          "application_date after 2023-06-01");
    const auto facts = explain(*c, EvalEnv{p, ::inkoop::testing::test_schema(), params});
    REQUIRE(facts.size() == 1);
    CHECK(facts[0] == "fte_regiebehandelaren = 9 (rule: fte_regiebehandelaren at most 8)");
}

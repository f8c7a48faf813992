// The one decision interface (core/engine/evaluator.hpp): a policy's failure reaches every caller
// with its kind (runtime, instructions, deadline, memory), its message and its traceback, whether
// the caller reads it as a failure (the batch engine, serve), as an exception (the analyses, flips,
// policy tests, the command line), or through the batch engine's records.
#include <catch2/catch.hpp>
#include <memory>

#include "bindings/host.hpp"
#include "core/analysis/flip.hpp"
#include "core/analysis/policy_check.hpp"
#include "core/run/batch.hpp"
#include "core/run/sinks.hpp"
#include "policy_fixture.hpp"

using namespace inkoop;
using namespace inkoop::testing;

namespace {

// A policy whose offer fails on a practice of more than 8 fte, in the way `failure` says.
host::LoadedPolicy failing(const std::string& failure, lua::Limits limits = small_limits()) {
    const std::string body =
        "rule { 'max_fte', section = '2', text = 'ten hoogste 12 fte', require = at_most('fte_regiebehandelaren', 12) }\n"
        "local function fail(p) if p.fte_regiebehandelaren > 8 then " +
        failure + " end end\n";
    std::string code = policy_with(body);
    const std::string offer = "offer(function(p) ";
    code.replace(code.find(offer), offer.size(), offer + "fail(p) ");
    return host::LoadedPolicy(std::make_unique<lua::PolicyRuntime>(code, "t.lua", shared_test_schema(), limits));
}

const char* kLoop = "while true do end";
const char* kError = "error('te veel fte')";
const char* kMemory = "local t = {} for i = 1, 1e9 do t[i] = string.rep('x', 1000) .. i end";

}  // namespace

TEST_CASE("evaluator: a failure's kind, message and traceback, as a failure and as an exception", "[evaluator]") {
    struct Case {
        const char* code;
        ErrorKind kind;
    };
    for (const Case c : {Case{kError, ErrorKind::Runtime}, Case{kLoop, ErrorKind::Instructions}, Case{kMemory, ErrorKind::Memory}}) {
        host::LoadedPolicy lp = failing(c.code);
        Decision d;
        EvalFailure f;
        CHECK(lp.decide(0, practice(5), d, f));  // 5 fte: decided
        CHECK(d.outcome == Outcome::Offer);
        REQUIRE_FALSE(lp.decide(0, practice(9), d, f));
        CHECK(f.kind == c.kind);
        CHECK(f.kind_name() == std::string(error_kind_name(c.kind)));
        if (c.kind == ErrorKind::Runtime) {
            CHECK(f.message == "t.lua:4: te veel fte");
            CHECK(f.traceback.find("in function 'error'") != std::string::npos);
        }
        if (c.kind == ErrorKind::Instructions) CHECK(f.message == "t.lua:4: instruction budget of 2000000 exceeded");
        try {
            lp.decide_or_throw(0, practice(9), lp.params(0));
            FAIL("decide_or_throw returned");
        } catch (const ScriptError& e) {
            CHECK(e.kind() == c.kind);
            CHECK(std::string(e.what()) == f.message);
            CHECK(e.traceback() == f.traceback);
        }
        // The state decides again after the failure.
        CHECK(lp.decide_or_throw(0, practice(5), lp.params(0)).outcome == Outcome::Offer);
    }
}

TEST_CASE("evaluator: the deadline's kind survives", "[evaluator]") {
    lua::Limits limits;  // a budget without end in sight; a loop without end meets the deadline
    limits.instructions = UINT64_MAX;
    limits.deadline = std::chrono::milliseconds(50);
    host::LoadedPolicy lp = failing(kLoop, limits);
    Decision d;
    EvalFailure f;
    REQUIRE_FALSE(lp.decide(0, practice(9), d, f));
    CHECK(f.kind == ErrorKind::Deadline);
    CHECK(f.kind_name() == "deadline");
}

TEST_CASE("evaluator: the analyses see the failure's kind", "[evaluator]") {
    host::LoadedPolicy lp = failing(kLoop);
    // A flip search decides changed providers: the first failure ends it with its kind.
    try {
        search_flips(lp, 0, practice(9), lp.params(0));
        FAIL("search_flips returned");
    } catch (const ScriptError& e) {
        CHECK(e.kind() == ErrorKind::Instructions);
        CHECK(std::string(e.what()) == "t.lua:4: instruction budget of 2000000 exceeded");
    }
    // The policy check records the failure with the provider that shows it.
    const PolicyRunCheck run = run_policy_check(lp, 0, lp.params(0));
    REQUIRE_FALSE(run.errors.empty());
    CHECK(run.errors.front().message == "t.lua:4: instruction budget of 2000000 exceeded");
}

TEST_CASE("evaluator: the batch engine's records carry the failure's kind", "[evaluator]") {
    host::LoadedPolicy lp = failing(kLoop);
    const std::string csv = "agb,kind,fte_regiebehandelaren\n12345678,vrijgevestigde,5\n12345679,vrijgevestigde,9\n";
    StringSource bytes(csv, "t.csv");
    auto source = open_records(bytes);
    const ColumnMap columns = map_columns(*source, test_schema(), "t.csv");
    DecisionSink sink(RecordStyle{OutputFormat::Jsonl, CsvLayout({}, {}, {}, test_schema()), {}}, {lp.id()}, "t.csv", true);
    struct Lent final : Evaluator {
        Evaluator& ev;
        explicit Lent(Evaluator& e) : ev(e) {}
        size_t policy_count() const override { return 1; }
        const std::string& policy_id(size_t) const override { return ev.policy_id(0); }
        const Policy& policy(size_t) const override { return ev.policy(0); }
        const ParamValues& params(size_t) const override { return ev.params(0); }
        bool run(size_t, const Provider& p, const ParamValues& v, DecideOptions o, Decision& d, EvalFailure& f) override {
            return ev.decide(0, p, v, o, d, f);
        }
    };
    StringWriter out;
    std::ostringstream err;
    BatchOptions options;
    options.input_name = "t.csv";
    const BatchStats stats = run_batch(
        *source, columns, [&] { return std::make_unique<Lent>(lp); }, sink, out, err, options);
    CHECK(stats.decided == 2);
    CHECK(stats.failures == 1);
    const std::string failure = out.text.substr(out.text.find('\n') + 1);
    CHECK(
        failure ==
        R"({"agb":"12345679","policy":"t/ggz-2024","error":{"file":"t.csv","row":3,"kind":"instructions","field":"","reason":"t.lua:4: )"
        R"(instruction budget of 2000000 exceeded","problems":[{"field":"","reason":"t.lua:4: instruction budget of 2000000 exceeded"}]}})"
        "\n");
    CHECK(err.str() == "inkoop: t.csv: row 3: t/ggz-2024: t.lua:4: instruction budget of 2000000 exceeded\n");
}

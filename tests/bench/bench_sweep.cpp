// The sweep benchmark: prints figures, asserts nothing about speed.
//
//   inkoop-bench-sweep [--scenarios S] [--providers N] [--runs R]
//
// The sample list (scripts/samples/providers.csv) replicated to N providers (default 100,000),
// decided under S scenarios (default 100: max_fte_vrijgevestigde from 6 in steps of 0.1) by
// run_sweep with one worker, against batch's evaluation step alone (the same evaluator deciding
// the same providers under one parameter set), both in this process and measured in CPU time of
// this thread, best of R (default 3). The target: the sweep's decisions per second reach the
// evaluation step's. A last line gives the wall time with two workers.
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fmt/format.h>
#include <string>

#include "../schema_fixture.hpp"
#include "bindings/runtime_evaluator.hpp"
#include "core/engine/catalog.hpp"
#include "core/formats/input.hpp"
#include "core/run/sweep.hpp"

using namespace inkoop;

namespace {

double cpu_now() {
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

std::vector<Provider> replicated(const std::string& csv, size_t n) {
    OpenedInput in = open_input(csv);
    auto source = open_records(*in.source, {InputFormat::Csv});
    std::vector<Provider> list;
    for_each_row(*source, ::inkoop::testing::test_schema(), csv, [&](size_t, const Provider& p, const RowProblems& problems) {
        if (problems.errors.empty()) list.push_back(p);
    });
    std::vector<Provider> out;
    out.reserve(n);
    for (size_t i = 0; i < n; ++i) out.push_back(list[i % list.size()]);
    return out;
}

}  // namespace

int main(int argc, char** argv) {
    size_t scenarios = 100, providers = 100000;
    int runs = 3;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!std::strcmp(argv[i], "--scenarios"))
            scenarios = std::stoul(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--providers"))
            providers = std::stoul(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--runs"))
            runs = std::stoi(argv[i + 1]);
        else {
            std::fprintf(stderr, "usage: inkoop-bench-sweep [--scenarios S] [--providers N] [--runs R]\n");
            return 2;
        }
    }
    const Catalog catalog(INKOOP_POLICY_DIR);
    const std::vector<std::string> ids{"salland/ggz-2024"};
    lua::LuaEvaluator ev(catalog, ids, {}, {});
    const Policy& policy = ev.policy(0);
    const auto list = replicated(INKOOP_SAMPLE_LIST, providers);
    const std::string vary = fmt::format("max_fte_vrijgevestigde=6..{}:0.1", 6 + 0.1 * static_cast<double>(scenarios - 1));
    const double decisions = static_cast<double>(scenarios) * static_cast<double>(list.size());
    fmt::print("sweep benchmark: salland/ggz-2024, {} providers (the sample list replicated), {} scenarios ({}), best of {}\n\n",
               list.size(), scenarios, vary, runs);

    const EvaluatorFactory make = [&] { return std::make_unique<lua::LuaEvaluator>(catalog, ids, std::vector<std::string>{}, Limits{}); };
    double sweep_cpu = 1e30, eval_cpu = 1e30, wall2 = 1e30;
    for (int r = 0; r < runs; ++r) {
        SweepOptions one;
        one.jobs = 1;
        double t = cpu_now();
        const SweepResult res = run_sweep(policy, list, ev.params(0), {parse_axis(policy, vary)}, one, make);
        sweep_cpu = std::min(sweep_cpu, cpu_now() - t);
        if (res.scenarios.size() != scenarios) return 1;

        // The evaluation step alone: as many decisions (the base pass of the sweep aside) under one parameter set.
        Decision d;
        EvalFailure f;
        t = cpu_now();
        for (size_t s = 0; s < scenarios; ++s)
            for (const auto& p : list) ev.decide(0, p, d, f);
        eval_cpu = std::min(eval_cpu, cpu_now() - t);

        SweepOptions two;
        two.jobs = 2;
        const auto w = std::chrono::steady_clock::now();
        run_sweep(policy, list, ev.params(0), {parse_axis(policy, vary)}, two, make);
        wall2 = std::min(wall2, std::chrono::duration<double>(std::chrono::steady_clock::now() - w).count());
    }
    // The sweep also decides every provider once under the base parameters (to count the changes).
    const double sweep_decisions = decisions + static_cast<double>(list.size());
    fmt::print("sweep, 1 worker:               CPU {:6.2f} s  {:>10.0f} decisions/s ({:.0f} scenario decisions + {} base)\n", sweep_cpu,
               sweep_decisions / sweep_cpu, decisions, list.size());
    fmt::print("evaluation step alone:         CPU {:6.2f} s  {:>10.0f} decisions/s\n", eval_cpu, decisions / eval_cpu);
    fmt::print("sweep / evaluation step:       {:.2f}x\n", (sweep_decisions / sweep_cpu) / (decisions / eval_cpu));
    fmt::print("sweep, 2 workers:              wall {:5.2f} s  {:>10.0f} decisions/s (wall, a shared machine)\n", wall2,
               sweep_decisions / wall2);
    return 0;
}

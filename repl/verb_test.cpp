// inkoop test: policy test files, case by case, with rule coverage.
#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <iostream>
#include <map>

#include "bindings/host.hpp"
#include "commands.hpp"
#include "core/base/io.hpp"

namespace inkoop::cli {
namespace {

// Each policy a test file names, loaded once for the whole run.
struct PolicyCache {
    const host::Host& host;
    std::map<std::string, host::LoadedPolicy> loaded;

    host::LoadedPolicy& get(const std::string& id) {
        auto it = loaded.find(id);
        if (it == loaded.end()) it = loaded.emplace(id, host.load(id)).first;
        return it->second;
    }
};

// Prints per policy the rules seen both holding and not holding, and the others; returns the
// policies below `fail_under` percent (negative: no threshold), with their figures.
std::vector<std::string> print_coverage(const std::map<std::string, std::vector<RuleCoverage>>& coverage, double fail_under) {
    std::vector<std::string> below;
    for (const auto& [id, rules] : coverage) {
        int both = 0;
        std::vector<std::string> gaps;
        for (const auto& r : rules) {
            if (r.held && (r.not_held || r.unconditional))
                ++both;
            else
                gaps.push_back(fmt::format("{} {} ({})", r.section, r.code,
                                           r.held       ? "never seen not holding"
                                           : r.not_held ? "never seen holding"
                                                        : "never reached"));
        }
        std::cout << fmt::format(
            "coverage {}: {} of {} rules seen both holding and not holding "
            "(unconditional rules: holding)\n",
            id, both, rules.size());
        for (const auto& gap : gaps) std::cout << "  " << gap << '\n';
        const double percent = rules.empty() ? 100.0 : 100.0 * both / static_cast<double>(rules.size());
        if (fail_under >= 0 && percent < fail_under)
            below.push_back(fmt::format("coverage {}: {:.1f}% of rules, below --fail-under {}", id, percent, fail_under));
    }
    return below;
}

}  // namespace

Verb verb_test(CLI::App& app) {
    struct Args {
        std::vector<std::string> paths;
        bool coverage = false;
        double fail_under = -1;
    };
    auto a = std::make_shared<Args>();
    auto* cmd = app.add_subcommand("test", "run policy test files and report passed/failed per case");
    cmd->add_option("paths", a->paths, "test files (default: every *_test.lua under the policies directory)");
    cmd->add_flag("--coverage", a->coverage, "list the rules the tests never saw both holding and not holding");
    cmd->add_option("--fail-under", a->fail_under, "exit 1 when a policy's rules are covered less than PCT percent (implies --coverage)")
        ->check(CLI::Range(0.0, 100.0));
    return {cmd, [a](const Globals& g) { return cmd_test(g, a->paths, a->coverage, a->fail_under); }};
}

int cmd_test(const Globals& g, const std::vector<std::string>& paths, bool show_coverage, double fail_under) {
    const host::Host host = make_host(g);
    const Catalog& catalog = host.catalog();
    const std::vector<std::string> files = paths.empty() ? catalog.test_files() : paths;
    PolicyCache cache{host, {}};
    std::map<std::string, std::vector<RuleCoverage>> coverage;
    int passed = 0, failed = 0;
    for (const auto& file : files) {
        std::cout << catalog.chunkname(file) << '\n';
        std::vector<TestCase> cases;
        try {
            cases = host.load_tests(file);
        } catch (const std::exception& e) {
            std::cout << "  FAIL  (file) " << e.what() << '\n';
            ++failed;
            continue;
        }
        for (const auto& t : cases) {
            std::vector<std::string> diffs;
            if (!t.malformed.empty())
                diffs.push_back(t.malformed);
            else
                try {
                    host::LoadedPolicy& policy = cache.get(t.policy);
                    diffs = run_test_case(t, policy, 0, coverage[policy.id()]);
                } catch (const std::exception& e) {
                    diffs.push_back(e.what());
                }
            std::cout << (diffs.empty() ? "  ok    " : "  FAIL  ") << t.name << '\n';
            for (const auto& d : diffs) std::cout << "        " << t.where << ": " << d << '\n';
            (diffs.empty() ? passed : failed)++;
        }
    }
    std::vector<std::string> below;
    if (show_coverage || fail_under >= 0) below = print_coverage(coverage, fail_under);
    std::cout << fmt::format("{} passed, {} failed\n", passed, failed);
    for (const auto& b : below) std::cout << b << '\n';
    return failed || !below.empty() ? kRejected : kOk;
}

}  // namespace inkoop::cli

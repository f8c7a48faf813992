// Benchmark of the exhaustive analysis: `inkoop analyze` of each shipped policy and the GGZ
// 2024 -> 2027 diff, best of R runs, with the field classes and the combinations examined. Prints
// figures (CPU and wall time); asserts nothing about time.
//   inkoop-bench-analyze [--runs R]
#include <chrono>
#include <cstring>
#include <ctime>
#include <fmt/format.h>

#include "bindings/host.hpp"
#include "core/analysis/analyze.hpp"

namespace {

double cpu_seconds() {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

inkoop::AnalyzedPolicy analyzed(inkoop::host::LoadedPolicy& p) {
    inkoop::AnalyzedPolicy ap;
    ap.policy = &p.policy();
    ap.params = p.policy().default_params();
    ap.ev = &p;
    return ap;
}

}  // namespace

int main(int argc, char** argv) {
    int runs = 3;
    for (int i = 1; i < argc; ++i)
        if (!std::strcmp(argv[i], "--runs") && i + 1 < argc) runs = std::atoi(argv[++i]);
    const inkoop::host::Host host(INKOOP_POLICY_DIR, {});
    fmt::print("{:<52} {:>8} {:>13} {:>9} {:>9}\n", "analysis (best of " + std::to_string(runs) + ")", "classes", "combinations", "CPU ms",
               "wall ms");
    const auto measure = [&](const std::string& label, auto&& run) {
        double best_cpu = 1e9, best_wall = 1e9;
        size_t classes = 0, nodes = 0;
        for (int r = 0; r < runs; ++r) {
            const double c0 = cpu_seconds();
            const auto w0 = std::chrono::steady_clock::now();
            const auto [cl, n] = run();
            best_cpu = std::min(best_cpu, cpu_seconds() - c0);
            best_wall = std::min(best_wall, std::chrono::duration<double>(std::chrono::steady_clock::now() - w0).count());
            classes = cl;
            nodes = n;
        }
        fmt::print("{:<52} {:>8} {:>13} {:>9.1f} {:>9.1f}\n", label, classes, nodes, best_cpu * 1000, best_wall * 1000);
    };
    for (const char* id : {"salland/ggz-2024", "zorg-en-zekerheid/ggz-2024", "zorg-en-zekerheid/ggz-2027", "zorg-en-zekerheid/mdz-2024",
                           "zorg-en-zekerheid/msz-2024"}) {
        auto p = host.load(id);
        measure(std::string("analyze ") + id, [&] {
            const auto a = inkoop::analyze_policy(analyzed(p));
            return std::make_pair(a.classes, a.nodes);
        });
    }
    auto a = host.load("zorg-en-zekerheid/ggz-2024");
    auto b = host.load("zorg-en-zekerheid/ggz-2027");
    measure("analyze --diff zorg-en-zekerheid/ggz-2024 ggz-2027", [&] {
        const auto d = inkoop::analyze_diff(analyzed(a), analyzed(b));
        return std::make_pair(d.classes, d.nodes);
    });
    return 0;
}

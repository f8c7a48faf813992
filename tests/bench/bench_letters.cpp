// Benchmark of `inkoop letters` on the sample list (Salland GGZ 2024): letters per second as
// HTML, Markdown and PDF (headless Chromium, one browser per worker), and PDF with one and with two
// workers. Each configuration runs R times; the best wall time and the best CPU time are printed.
// CPU time is counted twice: inkoop's own (with the processes it waited for, from wait4), and the
// whole machine's busy time over the run (/proc/stat), which includes every process the browser
// starts (renderers, the print compositor per letter) but also whatever else the machine runs.
// Figures only: nothing is asserted about time.
//   inkoop-bench-letters [--runs R] [--pdf-rows N]
#include <chrono>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <nlohmann/json.hpp>
#include <spawn.h>
#include <stdexcept>
#include <string>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

extern char** environ;

namespace fs = std::filesystem;

namespace {

struct Figures {
    double wall = 0, cpu = 0, machine = 0;
    size_t letters = 0;
};

// The machine's busy CPU time so far, in seconds (every core: user, nice, system, irq, softirq, steal).
double machine_busy_seconds() {
    std::ifstream stat("/proc/stat");
    std::string cpu;
    double user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0;
    stat >> cpu >> user >> nice >> system >> idle >> iowait >> irq >> softirq >> steal;
    return (user + nice + system + irq + softirq + steal) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

// Runs `inkoop letters` once into a fresh folder; the letters written, from its index.
Figures run_once(const std::vector<std::string>& extra, const std::string& input, const fs::path& out) {
    fs::remove_all(out);
    std::vector<std::string> args = {INKOOP_BIN, "letters",  "--policy",   "salland/ggz-2024", "--input",
                                     input,      "--output", out.string(), "--date",           "2023-10-01"};
    args.insert(args.end(), extra.begin(), extra.end());
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
    const auto t0 = std::chrono::steady_clock::now();
    const double busy0 = machine_busy_seconds();
    pid_t pid = 0;
    if (posix_spawn(&pid, args[0].c_str(), &fa, nullptr, argv.data(), environ) != 0) throw std::runtime_error("cannot start inkoop");
    posix_spawn_file_actions_destroy(&fa);
    int status = 0;
    rusage ru{};
    if (wait4(pid, &status, 0, &ru) != pid) throw std::runtime_error("cannot wait for inkoop");
    Figures f;
    f.wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    f.machine = machine_busy_seconds() - busy0;
    f.cpu = static_cast<double>(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) + (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
    if (!WIFEXITED(status) || WEXITSTATUS(status) > 1) throw std::runtime_error(fmt::format("inkoop letters failed: {}", status));
    std::ifstream in(out / "index.json");
    const auto index = nlohmann::json::parse(in);
    for (const auto& r : index.at("rows")) f.letters += r.value("status", "") == "letter";
    fs::remove_all(out);
    return f;
}

}  // namespace

int main(int argc, char** argv) {
    int runs = 3;
    size_t pdf_rows = 400;
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--runs") && i + 1 < argc) runs = std::atoi(argv[++i]);
        if (!std::strcmp(argv[i], "--pdf-rows") && i + 1 < argc) pdf_rows = static_cast<size_t>(std::atol(argv[++i]));
    }
    const fs::path tmp = fs::temp_directory_path() / fmt::format("inkoop-bench-letters-{}", ::getpid());
    fs::create_directories(tmp);
    const std::string sample = INKOOP_SAMPLE_LIST;
    // The first N rows of the sample list, for PDF (a whole list of PDFs takes minutes).
    const std::string head = (tmp / "head.csv").string();
    {
        std::ifstream in(sample);
        std::ofstream out(head);
        std::string line;
        for (size_t n = 0; n <= pdf_rows && std::getline(in, line); ++n) out << line << '\n';
    }
    fmt::print("{:<30} {:>7} {:>8} {:>10} {:>11} {:>15} {:>17}\n", fmt::format("letters (best of {})", runs), "letters", "wall s",
               "letters/s", "inkoop CPU s", "machine CPU s", "machine ms/letter");
    struct Config {
        const char* label;
        std::vector<std::string> extra;
        const std::string* input;
    };
    const std::vector<Config> configs = {{"html, 1 worker", {"--jobs", "1"}, &sample},
                                         {"html, 2 workers", {"--jobs", "2"}, &sample},
                                         {"md, 2 workers", {"--format", "md", "--jobs", "2"}, &sample},
                                         {"pdf, 1 worker (1 browser)", {"--format", "pdf", "--jobs", "1"}, &head},
                                         {"pdf, 2 workers (2 browsers)", {"--format", "pdf", "--jobs", "2"}, &head}};
    for (const auto& c : configs) {
        Figures best{1e9, 1e9, 1e9, 0};
        for (int r = 0; r < runs; ++r) {
            const Figures f = run_once(c.extra, *c.input, tmp / "out");
            best.wall = std::min(best.wall, f.wall);
            best.cpu = std::min(best.cpu, f.cpu);
            best.machine = std::min(best.machine, f.machine);
            best.letters = f.letters;
        }
        fmt::print("{:<30} {:>7} {:>8.2f} {:>10.1f} {:>11.2f} {:>15.2f} {:>17.1f}\n", c.label, best.letters, best.wall,
                   static_cast<double>(best.letters) / best.wall, best.cpu, best.machine,
                   best.machine * 1000 / static_cast<double>(best.letters));
    }
    fs::remove_all(tmp);
    return 0;
}

// inkoop sweep: a provider list decided under every combination of parameter values (a grid).
#include <CLI/CLI.hpp>
#include <cstdio>
#include <filesystem>
#include <fmt/format.h>
#include <iostream>
#include <thread>
#include <unistd.h>

#include "commands.hpp"
#include "core/base/io.hpp"
#include "core/base/text.hpp"
#include "core/run/sweep.hpp"
#include "core/run/workbook.hpp"
#include "list_input.hpp"
#include "options.hpp"

namespace inkoop::cli {

namespace {

struct SweepArgs : BatchArgs {
    std::vector<std::string> vary;
    std::string by, shard;
    bool providers = false, plan = false;
};

bool ends_with(const std::string& s, const std::string& tail) {
    return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

// K/N: this run decides the scenarios whose index in the grid is K modulo N.
std::pair<size_t, size_t> parse_shard(const std::string& s) {
    if (s.empty()) return {0, 1};
    const auto slash = s.find('/');
    size_t k = 0, n = 0;
    try {
        if (slash == std::string::npos) throw std::invalid_argument(s);
        k = std::stoul(s.substr(0, slash));
        n = std::stoul(s.substr(slash + 1));
    } catch (const std::exception&) {
        throw std::runtime_error("--shard " + s + ": expected K/N, e.g. 0/4");
    }
    if (n == 0 || k >= n) throw std::runtime_error("--shard " + s + ": K must be below N");
    return {k, n};
}

// Writes `text` (or, for .xlsx, the table) to `path` complete or not at all.
void write_output(const std::string& path, const SweepResult& r, const std::string& json) {
    if (ends_with(path, ".json")) return write_file_atomically(path, json);
    if (ends_with(path, ".csv")) return write_file_atomically(path, sweep_csv(r));
    if (!ends_with(path, ".xlsx")) throw std::runtime_error("--output " + path + ": the name ends in .csv, .json or .xlsx");
    const std::filesystem::path p(path);
    const std::string tmp = (p.parent_path().empty() ? std::filesystem::path(".") : p.parent_path()) /
                            fmt::format(".{}.{}.tmp", p.filename().string(), ::getpid());
    try {
        write_table_xlsx(tmp, "sweep", sweep_table(r));
        std::filesystem::rename(tmp, path);
    } catch (...) {
        std::remove(tmp.c_str());
        throw;
    }
}

}  // namespace

Verb verb_sweep(CLI::App& app) {
    auto a = std::make_shared<SweepArgs>();
    auto* cmd = app.add_subcommand("sweep", "decide a provider list under every combination of parameter values (a grid of scenarios)");
    add_policy_option(*cmd, a->policies, "the policy", 1)->required();
    add_list_options(*cmd, *a, "provider list (CSV, JSON Lines, JSON array or .xlsx)", true);
    cmd->add_option("--vary", a->vary, "NAME=v1,v2,... or NAME=FROM..TO:STEP (dates: STEP in days); repeat for a grid")->required();
    cmd->add_option("--by", a->by, "counts per kind or per region as well")->check(CLI::IsMember({"kind", "region"}));
    cmd->add_option("--output", a->output, "write the table to F.csv, F.json or F.xlsx (else text on standard output)");
    cmd->add_flag("--providers", a->providers, "list, per scenario, the AGBs whose decision changes");
    cmd->add_flag("--plan", a->plan, "print the grid (its size and the values of each parameter) as JSON without deciding anything");
    cmd->add_option("--shard", a->shard, "K/N: decide only the scenarios whose grid index is K modulo N (for sweeps over many machines)");
    add_format_option(*cmd, a->format, {"text", "csv", "json"}, "standard output: text (default), csv or json");
    add_jobs_option(*cmd, a->jobs);
    add_set_option(*cmd, a->settings, "a base parameter NAME=VALUE, under every scenario");
    return {cmd, [a](const Globals& g) { return cmd_sweep(g, *a); }};
}

int cmd_sweep(const Globals& g, const BatchArgs& base_args) {
    const auto& a = static_cast<const SweepArgs&>(base_args);
    const host::Host host = make_host(g);
    const auto probe = host.evaluator(a.policies, a.settings);
    const Policy& policy = probe->policy(0);
    std::vector<SweepAxis> axes;
    for (const auto& v : a.vary) axes.push_back(parse_axis(policy, v));
    for (size_t i = 0; i < axes.size(); ++i)
        for (size_t j = 0; j < i; ++j)
            if (axes[i].param == axes[j].param) throw std::runtime_error("--vary " + axes[i].name + ": given twice");
    SweepOptions options;
    options.by = a.by == "kind" ? SweepBy::Kind : a.by == "region" ? SweepBy::Region : SweepBy::None;
    options.providers = a.providers;
    options.jobs = a.jobs > 0 ? a.jobs : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    std::tie(options.shard, options.shards) = parse_shard(a.shard);
    if (a.plan) {
        nlohmann::ordered_json j{
            {"policy", policy.info.id}, {"policy_version", policy.version.str()}, {"grid", 1}, {"axes", nlohmann::ordered_json::array()}};
        size_t grid = 1;
        for (const auto& x : axes) {
            grid *= x.values.size();
            j["axes"].push_back({{"name", x.name}, {"values", x.text}});
        }
        j["grid"] = grid;
        std::cout << j.dump(2) << '\n';
        return kOk;
    }
    if (!a.output.empty() && !ends_with(a.output, ".csv") && !ends_with(a.output, ".json") && !ends_with(a.output, ".xlsx"))
        throw std::runtime_error("--output " + a.output + ": the name ends in .csv, .json or .xlsx");

    LoadedList list = read_list(*g.schema, a, a.input);
    for (const auto& note : list.notes) std::cerr << "inkoop: " << terminal_safe(note) << '\n';
    if (list.rejected)
        std::cerr << fmt::format(
                         fmt::runtime(tr(output_lang(g.lang, &policy), "inkoop: {}: {} rows rejected for bad input (in no scenario)")),
                         terminal_safe(a.input), list.rejected)
                  << '\n';
    const SweepResult r =
        run_sweep(policy, list.providers, probe->params(0), std::move(axes), options, host.evaluators(a.policies, a.settings));
    nlohmann::ordered_json j = sweep_json(r);
    j["input"] = {{"path", absolute_path(a.input)},
                  {"sha256", list.sha256},
                  {"rows", list.providers.size() + list.rejected},
                  {"rejected", list.rejected}};
    j["base_params"] = nlohmann::ordered_json::parse(non_default_params_json(policy, probe->params(0)));
    if (options.shards > 1) j["shard"] = a.shard;
    if (!a.output.empty()) {
        write_output(a.output, r, j.dump(2) + "\n");
        std::cerr << fmt::format(fmt::runtime(tr(output_lang(g.lang, &policy), "inkoop: {} scenarios of {} providers in {}")),
                                 r.scenarios.size(), count_text(output_lang(g.lang, &policy), r.providers), terminal_safe(a.output))
                  << '\n';
    } else if (a.format == "json") {
        std::cout << j.dump(2) << '\n';
    } else if (a.format == "csv") {
        std::cout << sweep_csv(r);
    } else {
        std::cout << sweep_text(r, output_lang(g.lang, &policy));
    }
    std::cout.flush();
    if (!std::cout) throw FileError("standard output: cannot write");
    return list.rejected ? kRejected : kOk;
}

}  // namespace inkoop::cli

// inkoop diff: the providers of a list whose decision differs between two policies, and how, with
// the change matrix and the run's manifest.
#include <CLI/CLI.hpp>
#include <iostream>
#include <sstream>
#include <unistd.h>

#include "commands.hpp"
#include "core/base/io.hpp"
#include "core/run/sinks.hpp"
#include "list_input.hpp"
#include "options.hpp"

namespace inkoop::cli {

Verb verb_diff(CLI::App& app) {
    auto a = std::make_shared<BatchArgs>();
    auto* cmd = app.add_subcommand("diff", "the providers whose decision differs between two policies, and how");
    add_policy_option(*cmd, a->policies, "the two policies, before and after", 2)->required();
    add_list_options(*cmd, *a, "provider list (CSV, JSON Lines, JSON array or .xlsx), or - for standard input", true);
    cmd->add_option("--output", a->output, "write the differences to this file (and its manifest next to it)");
    add_format_option(*cmd, a->format, {"text", "jsonl"}, "text (default) or jsonl");
    add_manifest_option(*cmd, a->manifest);
    add_jobs_option(*cmd, a->jobs);
    add_set_option(*cmd, a->settings, "scenario parameter NAME=VALUE, for both policies");
    add_side_set_options(*cmd, *a, "scenario parameter ");
    return {cmd, [a](const Globals& g) { return cmd_diff(g, *a); }};
}

int cmd_diff(const Globals& g, const BatchArgs& a) {
    const std::string started = utc_now();
    ListInput in = open_input(*g.schema, a);
    const host::Host host = make_host(g);
    const auto probe = host.evaluator(a.policies, a.settings, a.per_policy());
    DiffSink sink(a.format == "jsonl" ? DiffSink::Format::Jsonl : DiffSink::Format::Text,
                  {a.side_label(0, probe->policy_id(0)), a.side_label(1, probe->policy_id(1))},
                  {probe->policy(0).info.year, probe->policy(1).info.year}, a.input, output_lang(g.lang, &probe->policy(0)));
    sink.attribute(std::make_shared<ChangeCauses>(probe->policy(0), probe->policy(1), a.set_names(0), a.set_names(1)));
    std::cout.flush();
    const bool to_file = !a.output.empty();
    ListRun run(in, RunOutput::to_file(a.output, manifest_for(a, to_file)));
    const BatchStats stats = run.run(host.evaluators(a.policies, a.settings, a.per_policy()), sink, std::cerr, batch_options(a, in, true));
    if (to_file) {
        std::ostringstream matrix;
        sink.print_matrix(matrix, stats);
        if (a.format == "jsonl")
            std::cerr << matrix.str();
        else
            run.append(matrix.str());
    } else {
        sink.print_matrix(a.format == "jsonl" ? std::cerr : std::cout, stats);
    }
    run.finish(*probe, stats, run_identity(g, a, started));
    return run_status(stats.rejected, stats.failures);
}

}  // namespace inkoop::cli

// inkoop batch: a whole provider list through the batch engine under each policy, with the run's
// manifest next to the output.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <fmt/format.h>
#include <iostream>

#include "commands.hpp"
#include "core/base/io.hpp"
#include "core/run/sinks.hpp"
#include "list_input.hpp"
#include "options.hpp"

namespace inkoop::cli {
namespace {

// --keep name,region (schema fields among the input's columns) or --keep all.
std::vector<int> kept_columns(const std::string& keep, const ColumnMap& m, const std::string& input) {
    const Schema& schema = *m.schema;
    std::vector<int> out;
    if (keep.empty()) return out;
    if (keep == "all") {
        for (int f : m.field)
            if (f >= 0 && schema.at(f).name != "agb") out.push_back(f);
        return out;
    }
    size_t start = 0;
    while (start <= keep.size()) {
        const size_t comma = std::min(keep.find(',', start), keep.size());
        const std::string name = keep.substr(start, comma - start);
        start = comma + 1;
        if (name.empty()) continue;
        const Field* f = schema.find(name);
        if (!f) throw std::runtime_error(fmt::format("--keep: '{}' is not a field{}", name, schema.did_you_mean(name)));
        if (std::find(m.field.begin(), m.field.end(), f->index) == m.field.end() && m.field.size())
            throw std::runtime_error(fmt::format("--keep: {} has no column '{}'", display_name(input), name));
        out.push_back(f->index);
    }
    return out;
}

enum class Output { Jsonl, Csv, Xlsx };

Output output_format(const BatchArgs& a) {
    const auto ends = [&](const char* ext) {
        const std::string e = ext;
        return a.output.size() > e.size() && a.output.compare(a.output.size() - e.size(), e.size(), e) == 0;
    };
    if (a.format == "csv") return Output::Csv;
    if (a.format == "xlsx") return Output::Xlsx;
    if (a.format == "jsonl") return Output::Jsonl;
    if (ends(".csv")) return Output::Csv;
    if (ends(".xlsx")) return Output::Xlsx;
    return Output::Jsonl;
}

}  // namespace

Verb verb_batch(CLI::App& app) {
    auto a = std::make_shared<BatchArgs>();
    auto* cmd = app.add_subcommand("batch", "decide every provider of a list (CSV, JSON Lines, JSON array or .xlsx) under each policy");
    add_policy_option(*cmd, a->policies, "policy id or path (repeat for several)")->required();
    add_list_options(*cmd, *a, "provider list (CSV, JSON Lines, JSON array or .xlsx), or - for standard input", true);
    cmd->add_option("--output", a->output, "output file (.jsonl, .csv or .xlsx); default JSONL on standard output");
    add_format_option(*cmd, a->format, {"jsonl", "csv", "xlsx"}, "jsonl, csv or xlsx (default: by the output file's extension)");
    add_manifest_option(*cmd, a->manifest);
    add_jobs_option(*cmd, a->jobs);
    add_set_option(*cmd, a->settings);
    cmd->add_option("--keep", a->keep, "input columns to carry into the output: name,region,... or all");
    cmd->add_flag("--excel", a->excel, "CSV for Dutch Excel: ';' separator, decimal comma, UTF-8 BOM, CRLF");
    cmd->add_flag("--strict", a->strict, "a row whose AGB an earlier row has is an error record, not a warning");
    cmd->add_flag("--quiet", a->quiet, "no progress line and no closing summary");
    cmd->add_flag("--summary-only", a->summary_only, "print only the closing summary");
    return {cmd, [a](const Globals& g) { return cmd_batch(g, *a); }};
}

// File errors (FileError) propagate to main, which reports them with exit status 2; the run
// (core/run/list_run.hpp) makes its output file complete or absent, with its manifest.
int cmd_batch(const Globals& g, const BatchArgs& a) {
    const std::string started = utc_now();
    refuse_overwriting_input(a);
    ListInput in = open_input(*g.schema, a);
    // Load once up front: a broken policy or --set stops the run before any output is written.
    const host::Host host = make_host(g);
    const auto probe = host.evaluator(a.policies, a.settings, a.per_policy());
    std::vector<std::string> ids;
    for (size_t i = 0; i < probe->policy_count(); ++i) ids.push_back(probe->policy_id(i));

    const Output format = output_format(a);
    if (format == Output::Xlsx && a.output.empty()) throw std::runtime_error("an Excel workbook needs --output FILE.xlsx");
    const std::vector<int> kept = kept_columns(a.keep, in.columns, a.input);
    const auto passthrough = in.passthrough_columns();
    RecordStyle style{format == Output::Csv ? OutputFormat::Csv : OutputFormat::Jsonl,
                      CsvLayout(a.excel ? CsvStyle::excel() : CsvStyle{}, kept, passthrough, host.schema()), kept};
    DecisionSink sink(style, ids, a.input, !a.summary_only);
    const Lang lang = output_lang(g.lang, &probe->policy(0));
    sink.set_lang(lang);
    const bool to_file = !a.output.empty() && !a.summary_only;
    RunOutput output = RunOutput::to_file(to_file ? a.output : "", manifest_for(a, to_file));
    output.name = a.output.empty() ? "-" : a.output;
    if (to_file && format == Output::Xlsx) {
        output.workbook = RunOutput::Workbook{{}, passthrough, &host.schema(), lang};
        for (int f : kept) output.workbook->kept.push_back(host.schema().at(f).name);
    }
    ListRun run(in, std::move(output));
    for (const auto& note : run.notes()) std::cerr << "inkoop: " << note << '\n';
    const BatchStats stats =
        run.run(host.evaluators(a.policies, a.settings, a.per_policy()), sink, std::cerr, batch_options(a, in, !a.quiet));
    run.finish(*probe, stats, run_identity(g, a, started));
    if (a.summary_only)
        sink.print_summary(std::cout, stats, lang);
    else if (!a.quiet)
        sink.print_summary(std::cerr, stats, lang);
    return run_status(stats.rejected, stats.failures);
}

}  // namespace inkoop::cli

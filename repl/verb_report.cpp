// inkoop report: a run, or a diff between two policies, as a self-contained HTML page or Markdown.
#include <fmt/format.h>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include <CLI/CLI.hpp>

#include "bindings/host.hpp"
#include "core/analysis/analyze.hpp"
#include "core/report/report.hpp"
#include "core/report/sweep_report.hpp"
#include "core/run/manifest.hpp"
#include "core/run/run_summary.hpp"
#include "core/run/sinks.hpp"
#include "list_input.hpp"
#include "options.hpp"

namespace inkoop::cli {
namespace {

// Runs `sink` over the whole list, handing each record to `on_line` as it is written.
template <class OnLine>
BatchStats run_into_lines(const host::Host& host, const BatchArgs& a, ListInput& in, RowSink& sink, OnLine&& on_line) {
    LineWriter lines(std::forward<OnLine>(on_line));
    ListRun run(in, RunOutput::to_stream(&lines));
    std::ostringstream quiet;  // the rejected rows are in the records, and in the report
    const BatchStats stats = run.run(host.evaluators(a.policies, a.settings, a.per_policy()), sink, quiet, batch_options(a, in, false));
    lines.finish();
    return stats;
}

}  // namespace

Verb verb_report(CLI::App& app) {
    auto r = std::make_shared<ReportArgs>();
    auto* cmd = app.add_subcommand("report", "a self-contained HTML (or Markdown) report of a run, or of a diff between two policies");
    add_policy_option(*cmd, r->batch.policies, "policy id or path (repeat; two with --diff)");
    add_list_options(*cmd, r->batch, "provider list to decide for the report (CSV, JSON Lines, JSON array or .xlsx)", false);
    cmd->add_option("--records", r->records, "a batch run's JSON Lines output, instead of deciding a list");
    cmd->add_flag("--diff", r->diff, "report what changes between the two policies");
    cmd->add_option("--sweep", r->sweep, "a scenario sweep (inkoop sweep --output F.json): a chart over one or two varied parameters");
    add_set_option(*cmd, r->batch.settings);
    add_side_set_options(*cmd, r->batch, "with --diff: ");
    add_jobs_option(*cmd, r->batch.jobs);
    cmd->add_option("--output", r->output, "the report file (.html or .md); default standard output");
    add_format_option(*cmd, r->format, {"html", "markdown"}, "html or markdown (default: by the output's extension, else html)");
    return {cmd, [r](const Globals& g) { return cmd_report(g, *r); }};
}

namespace {

// The report of a batch run's records (--records FILE.jsonl).
void read_records(const ReportArgs& r, RunSummary& run, ReportSource& source) {
    if (r.diff) throw std::runtime_error("report --diff decides the list under both policies: give --policy A --policy B --input LIST");
    OpenedInput f = inkoop::open_input(r.records);
    for_each_line(*f.source, [&](std::string_view line) { run.add_line(line); });
    source.input = r.records;
    if (r.records != "-") source.input_sha256 = sha256_file(r.records).first;
}

// The list decided under both policies again, as diff does, and the exhaustive analysis of the two.
// Returns the policy failures of that run.
size_t decide_diff(const Globals& g, const ReportArgs& r, const host::Host& host, const Evaluator& probe, DiffData& diff,
                   DiffAnalysis& analysis) {
    if (r.batch.input == "-") throw std::runtime_error("report --diff reads the list twice: give a file, not standard input");
    const std::vector<std::string> ids{probe.policy_id(0), probe.policy_id(1)};
    ListInput again = open_input(*g.schema, r.batch);
    DiffSink diff_sink(DiffSink::Format::Jsonl, {ids[0], ids[1]}, {probe.policy(0).info.year, probe.policy(1).info.year}, r.batch.input);
    diff_sink.attribute(std::make_shared<ChangeCauses>(probe.policy(0), probe.policy(1), r.batch.set_names(0), r.batch.set_names(1)));
    const BatchStats stats = run_into_lines(host, r.batch, again, diff_sink, [&](std::string_view line) { diff.add_line(line); });
    diff.before = r.batch.side_label(0, ids[0]);
    diff.after = r.batch.side_label(1, ids[1]);
    diff.before_version = probe.policy(0).version.str();
    diff.after_version = probe.policy(1).version.str();
    diff.matrix = diff_sink.matrix();
    diff.rejected = stats.rejected;
    // The exhaustive analysis of the two policies: every class of provider decided differently.
    std::vector<host::LoadedPolicy> loaded;
    for (const auto& id : ids) loaded.push_back(host.load(id));
    std::vector<AnalyzedPolicy> aps(2);
    std::vector<const Policy*> all{&loaded[0].policy(), &loaded[1].policy()};
    for (size_t i = 0; i < 2; ++i) {
        aps[i].policy = &loaded[i].policy();
        aps[i].params = params_for(loaded[i].policy(), all, r.batch.settings, r.batch.side_settings(i));
        aps[i].set = r.batch.set_names(i);
        aps[i].ev = &loaded[i];
    }
    analysis = analyze_diff(aps[0], aps[1]);
    return stats.failures;
}

// The list decided for the report (and, with --diff, decided again under both policies).
BatchStats decide_list(const Globals& g, const ReportArgs& r, RunSummary& run, DiffData& diff, DiffAnalysis& analysis,
                       ReportSource& source) {
    if (r.batch.policies.empty() || r.batch.input.empty())
        throw std::runtime_error("report needs --records FILE.jsonl, or --policy ID... --input LIST to decide the list itself");
    if (r.diff && r.batch.policies.size() != 2) throw std::runtime_error("report --diff compares two policies: --policy A --policy B");
    const host::Host host = make_host(g);
    const auto probe = host.evaluator(r.batch.policies, r.batch.settings, r.batch.per_policy());
    std::vector<std::string> ids;
    for (size_t i = 0; i < probe->policy_count(); ++i) ids.push_back(probe->policy_id(i));
    ListInput in = open_input(*g.schema, r.batch);
    // The records carry the provider's kind and region (when the list has them): the report's breakdowns.
    std::vector<int> kept;
    for (const char* name : {"kind", "region"})
        if (const Field* f = g.schema->find(name);
            f && std::find(in.columns.field.begin(), in.columns.field.end(), f->index) != in.columns.field.end())
            kept.push_back(f->index);
    DecisionSink sink(RecordStyle{OutputFormat::Jsonl, CsvLayout({}, {}, {}, *g.schema), kept}, ids, r.batch.input, true);
    BatchStats decided = run_into_lines(host, r.batch, in, sink, [&](std::string_view line) { run.add_line(line); });
    source.input = r.batch.input;
    source.input_sha256 = in.hashing->hex();
    if (r.diff) decided.failures += decide_diff(g, r, host, *probe, diff, analysis);
    return decided;
}

// The report's language: --lang, else that of the first policy the report is about (loaded by the
// id its records name), else English.
Lang report_lang(const Globals& g, const RunSummary& run, const DiffData& diff) {
    if (!g.lang.empty() || (run.policies().empty() && diff.before.empty())) return output_lang(g.lang, nullptr);
    const std::string id = !run.policies().empty() ? run.policies().front().id : diff.before;
    try {
        const auto loaded = make_host(g).load(id);
        return output_lang(g.lang, &loaded.policy());
    } catch (const std::exception&) {
        return Lang::En;  // records of a policy not in this tree: nothing says its language
    }
}

}  // namespace

namespace {

// report --sweep F.json: the sweep as a page, in the language of its policy (or --lang).
int sweep_report(const Globals& g, const ReportArgs& r) {
    if (!r.records.empty() || r.diff || !r.batch.policies.empty() || !r.batch.input.empty())
        throw std::runtime_error("report --sweep draws a sweep's JSON: give no --records, --diff, --policy or --input");
    OpenedInput f = inkoop::open_input(r.sweep);
    std::string text;
    char buf[65536];
    for (size_t n; (n = f.source->read(buf, sizeof buf)) > 0;) text.append(buf, n);
    nlohmann::json sweep;
    try {
        sweep = nlohmann::json::parse(text);
        sweep.at("policy").get<std::string>();
    } catch (const nlohmann::json::exception& e) {
        throw FileError(r.sweep + ": not a sweep's JSON (inkoop sweep --output F.json): " + e.what());
    }
    Lang lang = output_lang(g.lang, nullptr);
    if (g.lang.empty()) try {
            const auto loaded = make_host(g).load(sweep["policy"].get<std::string>());
            lang = output_lang(g.lang, &loaded.policy());
        } catch (const std::exception&) {
        }
    if (r.format == "markdown") throw std::runtime_error("report --sweep is HTML only (a chart)");
    std::string html;
    try {
        html = sweep_report_html(sweep, lang, r.sweep, utc_now() + " · inkoop " + inkoop_version());
    } catch (const nlohmann::json::exception& e) {
        throw FileError(r.sweep + ": not a sweep's JSON: " + e.what());
    }
    if (r.output.empty() || r.output == "-")
        std::cout << html;
    else
        write_file_atomically(r.output, html);
    return kOk;
}

}  // namespace

int cmd_report(const Globals& g, const ReportArgs& r) {
    if (!r.sweep.empty()) return sweep_report(g, r);
    RunSummary run;
    DiffData diff;
    DiffAnalysis analysis;
    ReportSource source{"", "", utc_now(), "inkoop " + inkoop_version()};
    BatchStats decided;  // of the list the report decides itself: rejected rows and policy failures
    if (!r.records.empty())
        read_records(r, run, source);
    else
        decided = decide_list(g, r, run, diff, analysis, source);
    run.finish();
    diff.finish();
    source.lang = report_lang(g, run, diff);
    source.schema = g.schema.get();
    const bool markdown =
        r.format == "markdown" || (r.format.empty() && r.output.size() > 3 && r.output.substr(r.output.size() - 3) == ".md");
    const DiffAnalysis* exhaustive = r.diff ? &analysis : nullptr;
    const std::string text = markdown ? report_markdown(&run, r.diff ? &diff : nullptr, source, exhaustive)
                                      : report_html(&run, r.diff ? &diff : nullptr, source, exhaustive);
    if (r.output.empty() || r.output == "-")
        std::cout << text;
    else
        write_file_atomically(r.output, text);
    // As batch and diff: 1 when rows were rejected, 3 when a policy failed on some providers. A
    // report of a run's records (--records) decides nothing itself.
    return run_status(decided.rejected, decided.failures);
}

}  // namespace inkoop::cli

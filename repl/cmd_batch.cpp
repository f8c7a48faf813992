// inkoop batch and inkoop diff: whole provider lists through the batch engine.
#include <fmt/format.h>
#include <iostream>
#include <thread>
#include <unistd.h>

#include "bindings/engine.hpp"
#include "commands.hpp"
#include "core/sinks.hpp"

namespace inkoop::cli {
namespace {

struct Input {
    OpenedInput file;
    std::unique_ptr<RecordSource> source;
    ColumnMap columns;
};

// Opens the input, chooses its format and reads the header. Throws FileError.
void open_input(const BatchArgs& a, Input& in) {
    SourceOptions options;
    if (!a.input_format.empty()) options.format = input_format_from_name(a.input_format);
    if (!options.format && a.input != "-") options.format = format_from_extension(a.input);
    if (!a.encoding.empty()) options.encoding = *encoding_from_name(a.encoding);
    in.file = inkoop::open_input(a.input);
    in.source = open_records(*in.file.source, options);
    in.columns = map_columns(*in.source, Schema::active(), a.input);
}

std::vector<std::string> passthrough_columns(const ColumnMap& m) {
    std::vector<std::string> out;
    for (size_t i = 0; i < m.names.size(); ++i)
        if (m.field[i] < 0) out.push_back(m.names[i]);
    return out;
}

OutputFormat output_format(const BatchArgs& a) {
    if (a.format == "csv") return OutputFormat::Csv;
    if (a.format.empty() && a.output.size() > 4 && a.output.substr(a.output.size() - 4) == ".csv") return OutputFormat::Csv;
    return OutputFormat::Jsonl;
}

BatchOptions batch_options(const BatchArgs& a, const Input& in, bool progress) {
    BatchOptions o;
    o.jobs = a.jobs > 0 ? a.jobs : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    o.input_name = a.input;
    o.progress = progress && ::isatty(STDERR_FILENO);
    o.input_bytes = in.file.size.value_or(0);
    o.strict = a.strict;
    return o;
}

// An output file must not be the input: refused before anything is read or written.
void refuse_overwriting_input(const BatchArgs& a) {
    if (!a.output.empty() && (a.output == a.input || same_file(a.input, a.output)))
        throw FileError(fmt::format("{}: --output names the input file; write the decisions somewhere else", a.output));
}

}  // namespace

// File errors (FileError) propagate to main, which reports them with exit status 2; an output
// file is then removed (OutputFile's destructor), so it is complete or absent.
int cmd_batch(const Globals& g, const BatchArgs& a) {
    refuse_overwriting_input(a);
    Input in;
    open_input(a, in);
    // Load once up front: a broken policy or --set stops the run before any output is written.
    const engine::Engine engine(g.policy_dir, g.limits);
    const auto probe = engine.evaluator(a.policies, a.settings);
    std::vector<std::string> ids;
    for (size_t i = 0; i < probe->policy_count(); ++i) ids.push_back(probe->policy_id(i));

    DecisionSink sink(output_format(a), ids, passthrough_columns(in.columns), a.input, !a.summary_only);
    std::unique_ptr<OutputFile> file;
    if (!a.output.empty() && !a.summary_only) {
        file = std::make_unique<OutputFile>(a.output);
        for (const auto& note : file->notes()) std::cerr << "inkoop: " << note << '\n';
    }
    FdWriter stdout_writer(STDOUT_FILENO, "standard output");
    Writer& out = file ? static_cast<Writer&>(*file) : stdout_writer;
    const BatchStats stats =
        run_batch(*in.source, in.columns, engine.evaluators(a.policies, a.settings), sink, out, std::cerr, batch_options(a, in, !a.quiet));
    if (file) file->commit();
    if (a.summary_only)
        sink.print_summary(std::cout, stats);
    else if (!a.quiet)
        sink.print_summary(std::cerr, stats);
    return stats.rejected || stats.failures ? kRejected : kOk;
}

int cmd_diff(const Globals& g, const BatchArgs& a) {
    Input in;
    open_input(a, in);
    const engine::Engine engine(g.policy_dir, g.limits);
    const auto probe = engine.evaluator(a.policies, a.settings);
    DiffSink sink(a.format == "jsonl" ? DiffSink::Format::Jsonl : DiffSink::Format::Text, {probe->policy_id(0), probe->policy_id(1)},
                  {probe->policy(0).info.year, probe->policy(1).info.year}, a.input);
    std::cout.flush();
    FdWriter out(STDOUT_FILENO, "standard output");
    const BatchStats stats =
        run_batch(*in.source, in.columns, engine.evaluators(a.policies, a.settings), sink, out, std::cerr, batch_options(a, in, true));
    sink.print_matrix(a.format == "jsonl" ? std::cerr : std::cout, stats);
    return stats.rejected || stats.failures ? kRejected : kOk;
}

}  // namespace inkoop::cli

// inkoop batch and inkoop diff: whole provider lists through the batch engine.
#include <csignal>
#include <cstdio>
#include <fmt/format.h>
#include <fstream>
#include <iostream>
#include <thread>
#include <unistd.h>

#include "bindings/lua_evaluator.hpp"
#include "commands.hpp"
#include "core/sinks.hpp"

namespace inkoop::cli {
namespace {

// The output file being written, removed if the run is interrupted.
char g_temp_path[4096];

void remove_temp_and_exit(int sig) {
    if (g_temp_path[0]) ::unlink(g_temp_path);
    std::signal(sig, SIG_DFL);
    std::raise(sig);
}

// Writes to `path` through a temporary name that is renamed only when the run completes.
class OutputFile {
public:
    explicit OutputFile(const std::string& path) : path_(path), temp_(fmt::format("{}.tmp-{}", path, ::getpid())) {
        out_.open(temp_, std::ios::binary | std::ios::trunc);
        if (!out_) throw std::runtime_error(path + ": cannot write");
        std::snprintf(g_temp_path, sizeof g_temp_path, "%s", temp_.c_str());
        std::signal(SIGINT, remove_temp_and_exit);
        std::signal(SIGTERM, remove_temp_and_exit);
    }
    ~OutputFile() {
        if (!committed_) std::remove(temp_.c_str());
        g_temp_path[0] = '\0';
    }
    std::ostream& stream() { return out_; }
    void commit() {
        out_.close();
        if (std::rename(temp_.c_str(), path_.c_str()) != 0) throw std::runtime_error(path_ + ": cannot rename the finished output into place");
        committed_ = true;
    }

private:
    std::string path_, temp_;
    std::ofstream out_;
    bool committed_ = false;
};

struct Input {
    std::ifstream file;
    std::istream* stream = nullptr;
    std::unique_ptr<RecordSource> source;
    ColumnMap columns;
    uint64_t bytes = 0;
};

// Opens the input, chooses its format and reads the header. Throws FileError.
void open_input(const BatchArgs& a, Input& in) {
    if (a.input == "-") {
        in.stream = &std::cin;
    } else {
        in.file.open(a.input, std::ios::binary);
        if (!in.file) throw FileError(a.input + ": cannot open file");
        in.file.seekg(0, std::ios::end);
        in.bytes = static_cast<uint64_t>(in.file.tellg());
        in.file.seekg(0);
        in.stream = &in.file;
    }
    std::optional<InputFormat> format;
    if (!a.input_format.empty()) format = input_format_from_name(a.input_format);
    if (!format && a.input != "-") format = format_from_extension(a.input);
    if (!format) format = sniff_format(*in.stream);
    in.source = open_records(*in.stream, a.input, *format);
    if (*format == InputFormat::Csv) {
        in.columns = map_columns(in.source->columns(), Schema::builtin(), a.input);
        in.columns.decimal_comma = in.source->decimal_comma();
    }
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
    o.input_bytes = in.bytes;
    return o;
}

EvaluatorFactory evaluator_factory(const Globals& g, const BatchArgs& a) {
    return [&g, &a] { return std::make_unique<lua::LuaEvaluator>(Catalog(g.policy_dir), a.policies, a.settings, g.limits); };
}

}  // namespace

// File errors (FileError) propagate to main, which reports them with exit status 2.
int cmd_batch(const Globals& g, const BatchArgs& a) {
    Input in;
    open_input(a, in);
    // Load once up front: a broken policy or --set stops the run before any output is written.
    const lua::LuaEvaluator probe(Catalog(g.policy_dir), a.policies, a.settings, g.limits);
    std::vector<std::string> ids;
    for (size_t i = 0; i < probe.policy_count(); ++i) ids.push_back(probe.policy_id(i));

    DecisionSink sink(output_format(a), ids, passthrough_columns(in.columns), a.input, !a.summary_only);
    std::unique_ptr<OutputFile> file;
    if (!a.output.empty() && !a.summary_only) file = std::make_unique<OutputFile>(a.output);
    std::ostream& out = file ? file->stream() : std::cout;
    const BatchStats stats =
        run_batch(*in.source, in.columns, evaluator_factory(g, a), sink, out, std::cerr, batch_options(a, in, !a.quiet));
    if (file) file->commit();
    if (a.summary_only) sink.print_summary(std::cout, stats);
    else if (!a.quiet) sink.print_summary(std::cerr, stats);
    return stats.rejected || stats.failures ? kRejected : kOk;
}

int cmd_diff(const Globals& g, const BatchArgs& a) {
    Input in;
    open_input(a, in);
    const lua::LuaEvaluator probe(Catalog(g.policy_dir), a.policies, a.settings, g.limits);
    DiffSink sink(a.format == "jsonl" ? DiffSink::Format::Jsonl : DiffSink::Format::Text,
                  {probe.policy_id(0), probe.policy_id(1)}, {probe.policy(0).info.year, probe.policy(1).info.year}, a.input);
    const BatchStats stats =
        run_batch(*in.source, in.columns, evaluator_factory(g, a), sink, std::cout, std::cerr, batch_options(a, in, true));
    sink.print_matrix(a.format == "jsonl" ? std::cerr : std::cout, stats);
    return stats.rejected || stats.failures ? kRejected : kOk;
}

}  // namespace inkoop::cli

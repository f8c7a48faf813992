// inkoop batch and inkoop diff: whole provider lists through the batch engine, with the run's
// manifest next to the output.
#include <cstdio>
#include <filesystem>
#include <fmt/format.h>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>
#include <unistd.h>

#include "batch_input.hpp"
#include "bindings/engine.hpp"
#include "commands.hpp"
#include "core/base/hash.hpp"
#include "core/report/report.hpp"
#include "core/run/manifest.hpp"
#include "core/run/run_summary.hpp"
#include "core/run/sinks.hpp"
#include "core/run/workbook.hpp"

namespace inkoop::cli {

std::string BatchArgs::side_label(size_t i, const std::string& id) const {
    const auto side = side_settings(i);
    return side.empty() ? id : fmt::format("{} ({})", id, fmt::join(side, ", "));
}

// Opens the input, chooses its format and reads the header. Throws FileError.
void open_input(const Schema& schema, const BatchArgs& a, Input& in) {
    SourceOptions options;
    options.schema = &schema;
    if (!a.input_format.empty()) options.format = input_format_from_name(a.input_format);
    if (!options.format && a.input != "-") options.format = format_from_extension(a.input);
    if (!a.encoding.empty()) options.encoding = *encoding_from_name(a.encoding);
    options.sheet = a.sheet;
    if (a.max_xlsx_mb) options.max_xlsx_unpacked = a.max_xlsx_mb << 20;
    in.file = inkoop::open_input(a.input);
    auto hashing = std::make_unique<HashingSource>(std::move(in.file.source));
    in.hashing = hashing.get();
    in.file.source = std::move(hashing);
    in.source = open_records(*in.file.source, options);
    in.columns = map_columns(*in.source, schema, a.input);
}

std::vector<std::string> passthrough_columns(const ColumnMap& m) {
    std::vector<std::string> out;
    for (size_t i = 0; i < m.names.size(); ++i)
        if (m.field[i] < 0) out.push_back(m.names[i]);
    return out;
}

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

BatchOptions batch_options(const BatchArgs& a, const Input& in, bool progress) {
    BatchOptions o;
    o.jobs = a.jobs > 0 ? a.jobs : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    o.input_name = a.input;
    o.progress = progress && ::isatty(STDERR_FILENO);
    o.input_bytes = in.file.size.value_or(0);
    o.strict = a.strict;
    return o;
}

namespace {

// An output file must not be the input: refused before anything is read or written.
void refuse_overwriting_input(const BatchArgs& a) {
    if (!a.output.empty() && (a.output == a.input || same_file(a.input, a.output)))
        throw FileError(fmt::format("{}: --output names the input file; write the decisions somewhere else", a.output));
}

std::string absolute(const std::string& path) {
    if (path.empty() || path == "-") return path;
    std::error_code ec;
    const auto p = std::filesystem::absolute(path, ec);
    return ec ? path : p.lexically_normal().string();
}

// The run's manifest: what was decided with what.
Manifest make_manifest(const Globals& g, const BatchArgs& a, const Evaluator& ev, Input& in, const BatchStats& stats,
                       const std::string& started) {
    Manifest m;
    m.inkoop_version = inkoop_version();
    m.libraries = engine::lua_version() + ", " + library_versions();
    m.command = g.command_line;
    m.started = started;
    m.finished = utc_now();
    m.settings = a.settings;
    std::vector<const Policy*> all;
    for (size_t i = 0; i < ev.policy_count(); ++i) all.push_back(&ev.policy(i));
    for (size_t i = 0; i < ev.policy_count(); ++i) {
        const Policy& p = ev.policy(i);
        ManifestPolicy mp;
        mp.id = p.info.id;
        mp.version = p.version.str();
        mp.params = non_default_params_json(p, params_for(p, all, a.settings, a.side_settings(i)));
        for (const auto& f : p.files) mp.files.push_back({absolute(f.path), f.sha256});
        if (i < stats.policies.size()) {
            mp.outcomes = stats.policies[i].outcomes;
            mp.failures = stats.policies[i].failed;
        }
        m.policies.push_back(std::move(mp));
    }
    m.input = {absolute(a.input == "-" ? "-" : a.input), in.hashing->bytes(), in.hashing->hex()};
    m.rows = stats.rows;
    m.decided = stats.decided;
    m.rejected = stats.rejected;
    m.failures = stats.failures;
    m.duplicates = stats.duplicates;
    return m;
}

}  // namespace

// File errors (FileError) propagate to main, which reports them with exit status 2; an output
// file is then removed (OutputFile's destructor), so it is complete or absent. The manifest is
// written after the output is in place; if it cannot be, the output is removed too.
int cmd_batch(const Globals& g, const BatchArgs& a) {
    const std::string started = utc_now();
    refuse_overwriting_input(a);
    Input in;
    open_input(*g.schema, a, in);
    // Load once up front: a broken policy or --set stops the run before any output is written.
    const engine::Engine engine = make_engine(g);
    const auto probe = engine.evaluator(a.policies, a.settings, a.per_policy());
    std::vector<std::string> ids;
    for (size_t i = 0; i < probe->policy_count(); ++i) ids.push_back(probe->policy_id(i));

    const Output format = output_format(a);
    if (format == Output::Xlsx && a.output.empty()) throw std::runtime_error("an Excel workbook needs --output FILE.xlsx");
    const std::vector<int> kept = kept_columns(a.keep, in.columns, a.input);
    const auto passthrough = passthrough_columns(in.columns);
    RecordStyle style{format == Output::Csv ? OutputFormat::Csv : OutputFormat::Jsonl,
                      CsvLayout(a.excel ? CsvStyle::excel() : CsvStyle{}, kept, passthrough, engine.schema()), kept};
    DecisionSink sink(style, ids, a.input, !a.summary_only);
    std::unique_ptr<OutputFile> file;
    if (!a.output.empty() && !a.summary_only) {
        file = std::make_unique<OutputFile>(a.output);
        for (const auto& note : file->notes()) std::cerr << "inkoop: " << note << '\n';
    }
    // An Excel workbook is made from the run's records, kept meanwhile in an unnamed temporary file.
    std::FILE* records = format == Output::Xlsx ? std::tmpfile() : nullptr;
    struct CloseRecords {
        std::FILE* f;
        ~CloseRecords() {
            if (f) std::fclose(f);
        }
    } close_records{records};
    if (format == Output::Xlsx && !records) throw FileError("cannot create a temporary file for the workbook's records");
    FdWriter stdout_writer(STDOUT_FILENO, "standard output");
    FdWriter records_writer(records ? ::fileno(records) : -1, "the workbook's temporary records");
    Writer& target = records ? static_cast<Writer&>(records_writer) : file ? static_cast<Writer&>(*file) : stdout_writer;
    HashingWriter out(target);
    const BatchStats stats = run_batch(*in.source, in.columns, engine.evaluators(a.policies, a.settings, a.per_policy()), sink, out,
                                       std::cerr, batch_options(a, in, !a.quiet));
    ManifestFile output{absolute(a.output.empty() ? "-" : a.output), out.bytes(), out.hex()};
    if (file && records) {
        if (::lseek(::fileno(records), 0, SEEK_SET) != 0) throw FileError("the workbook's temporary records cannot be read back");
        FdSource from(::fileno(records), "the workbook's records", false);
        std::vector<std::string> kept_names;
        for (int f : kept) kept_names.push_back(engine.schema().at(f).name);
        write_decisions_xlsx(file->external_path(), from, kept_names, passthrough, engine.schema());
    }
    if (file) file->commit();
    if (file && records) {
        const auto [sha, bytes] = sha256_file(a.output);
        output.sha256 = sha;
        output.bytes = bytes;
    }
    const std::string manifest = !a.manifest.empty() ? a.manifest : file ? manifest_path(a.output) : "";
    if (!manifest.empty()) {
        Manifest m = make_manifest(g, a, *probe, in, stats, started);
        m.output = output;
        try {
            write_file_atomically(manifest, m.to_json());
        } catch (...) {
            if (file) std::remove(a.output.c_str());  // an output without its manifest is not complete
            throw;
        }
    }
    if (a.summary_only)
        sink.print_summary(std::cout, stats);
    else if (!a.quiet)
        sink.print_summary(std::cerr, stats);
    return run_status(stats.rejected, stats.failures);
}

int cmd_diff(const Globals& g, const BatchArgs& a) {
    const std::string started = utc_now();
    Input in;
    open_input(*g.schema, a, in);
    const engine::Engine engine = make_engine(g);
    const auto probe = engine.evaluator(a.policies, a.settings, a.per_policy());
    DiffSink sink(a.format == "jsonl" ? DiffSink::Format::Jsonl : DiffSink::Format::Text,
                  {a.side_label(0, probe->policy_id(0)), a.side_label(1, probe->policy_id(1))},
                  {probe->policy(0).info.year, probe->policy(1).info.year}, a.input);
    std::cout.flush();
    std::unique_ptr<OutputFile> file;
    if (!a.output.empty()) file = std::make_unique<OutputFile>(a.output);
    FdWriter stdout_writer(STDOUT_FILENO, "standard output");
    HashingWriter out(file ? static_cast<Writer&>(*file) : stdout_writer);
    const BatchStats stats = run_batch(*in.source, in.columns, engine.evaluators(a.policies, a.settings, a.per_policy()), sink, out,
                                       std::cerr, batch_options(a, in, true));
    if (file) {
        std::ostringstream matrix;
        sink.print_matrix(matrix, stats);
        if (a.format == "jsonl")
            std::cerr << matrix.str();
        else
            out.write(matrix.str());
        file->commit();
    } else {
        sink.print_matrix(a.format == "jsonl" ? std::cerr : std::cout, stats);
    }
    const std::string manifest = !a.manifest.empty() ? a.manifest : file ? manifest_path(a.output) : "";
    if (!manifest.empty()) {
        Manifest m = make_manifest(g, a, *probe, in, stats, started);
        m.output = {absolute(a.output.empty() ? "-" : a.output), out.bytes(), out.hex()};
        try {
            write_file_atomically(manifest, m.to_json());
        } catch (...) {
            if (file) std::remove(a.output.c_str());
            throw;
        }
    }
    return run_status(stats.rejected, stats.failures);
}

}  // namespace inkoop::cli

#include "list_input.hpp"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fmt/format.h>
#include <thread>
#include <unistd.h>

#include "core/base/io.hpp"

namespace inkoop::cli {
namespace {

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
            mp.out_of_scope = stats.policies[i].out_of_scope;
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

std::string BatchArgs::side_label(size_t i, const std::string& id) const {
    const auto side = side_settings(i);
    return side.empty() ? id : fmt::format("{} ({})", id, fmt::join(side, ", "));
}

std::set<std::string> BatchArgs::set_names(size_t i) const {
    std::set<std::string> out;
    for (const auto* list : {&settings, i == 0 ? &settings_a : &settings_b})
        for (const auto& s : *list) out.insert(s.substr(0, s.find('=')));
    return out;
}

// Opens the input, chooses its format and reads the header. Throws FileError.
void open_input(const Schema& schema, const BatchArgs& a, Input& in) {
    in.file = inkoop::open_input(a.input);
    auto hashing = std::make_unique<HashingSource>(std::move(in.file.source));
    in.hashing = hashing.get();
    in.file.source = std::move(hashing);
    in.source = open_records(*in.file.source, a.source_options(schema, a.input));
    in.columns = map_columns(*in.source, schema, a.input);
}

std::vector<std::string> passthrough_columns(const ColumnMap& m) {
    std::vector<std::string> out;
    for (size_t i = 0; i < m.names.size(); ++i)
        if (m.field[i] < 0) out.push_back(m.names[i]);
    return out;
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

void write_run_manifest(const Globals& g, const BatchArgs& a, const Evaluator& ev, Input& in, const BatchStats& stats,
                        const std::string& started, const ManifestFile& output, bool output_is_file,
                        const std::vector<Manifest::Resource>& resources, const std::string& libraries) {
    const std::string manifest = !a.manifest.empty() ? a.manifest : output_is_file ? manifest_path(a.output) : "";
    if (manifest.empty()) return;
    Manifest m = make_manifest(g, a, ev, in, stats, started);
    m.output = output;
    m.resources = resources;
    if (!libraries.empty()) m.libraries += ", " + libraries;
    try {
        write_file_atomically(manifest, m.to_json());
    } catch (...) {
        if (output_is_file) std::remove(a.output.c_str());  // an output without its manifest is not complete
        throw;
    }
}

LoadedList read_list(const Schema& schema, const ListArgs& list, const std::string& path) {
    OpenedInput in = ::inkoop::open_input(path);
    auto hashing = std::make_unique<HashingSource>(std::move(in.source));
    HashingSource* hashed = hashing.get();
    auto source = open_records(*hashing, list.source_options(schema, path));
    LoadedList out;
    for_each_row(*source, schema, path, [&](size_t row, const Provider& p, const RowProblems& problems) {
        if (!problems.errors.empty()) {
            ++out.rejected;
            return;
        }
        out.providers.push_back(p);
        out.rows.push_back(row);
    });
    out.notes = source->take_notes();
    out.sha256 = hashed->hex();
    return out;
}

}  // namespace inkoop::cli

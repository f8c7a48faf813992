#include "core/run/list_run.hpp"

#include <cstdio>
#include <filesystem>
#include <unistd.h>

namespace inkoop {

std::vector<std::string> ListInput::passthrough_columns() const {
    std::vector<std::string> out;
    for (size_t i = 0; i < columns.names.size(); ++i)
        if (columns.field[i] < 0) out.push_back(columns.names[i]);
    return out;
}

ListInput open_list(std::unique_ptr<ByteSource> bytes, const std::string& name, const SourceOptions& options, const Schema& schema) {
    ListInput in;
    in.name = name;
    auto hashing = std::make_unique<HashingSource>(std::move(bytes));
    in.hashing = hashing.get();
    in.bytes = std::move(hashing);
    in.source = open_records(*in.bytes, options);
    in.columns = map_columns(*in.source, schema, name);
    return in;
}

ListInput open_list(const std::string& path, const SourceOptions& options, const Schema& schema) {
    OpenedInput file = open_input(path);
    ListInput in = open_list(std::move(file.source), path, options, schema);
    in.size = file.size;
    return in;
}

std::string absolute_path(const std::string& path) {
    if (path.empty() || path == "-") return path;
    std::error_code ec;
    const auto p = std::filesystem::absolute(path, ec);
    return ec ? path : p.lexically_normal().string();
}

Manifest run_manifest(const Evaluator& policies, const ListInput& in, const BatchStats& stats, const RunIdentity& who) {
    Manifest m;
    m.inkoop_version = inkoop_version();
    m.libraries = who.libraries;
    m.command = who.command;
    m.started = who.started;
    m.finished = utc_now();
    m.settings = who.settings;
    for (size_t i = 0; i < policies.policy_count(); ++i) {
        const Policy& p = policies.policy(i);
        ManifestPolicy mp;
        mp.id = p.info.id;
        mp.version = p.version.str();
        mp.params = non_default_params_json(p, policies.params(i));
        for (const auto& f : p.files) mp.files.push_back({absolute_path(f.path), f.sha256});
        if (i < stats.policies.size()) {
            mp.outcomes = stats.policies[i].outcomes;
            mp.out_of_scope = stats.policies[i].out_of_scope;
            mp.failures = stats.policies[i].failed;
        }
        m.policies.push_back(std::move(mp));
    }
    m.input = {absolute_path(in.name), in.hashing->bytes(), in.hashing->hex()};
    m.rows = stats.rows;
    m.decided = stats.decided;
    m.rejected = stats.rejected;
    m.failures = stats.failures;
    m.duplicates = stats.duplicates;
    return m;
}

void write_manifest(const std::string& path, const Manifest& manifest, const std::string& remove_on_failure) {
    try {
        write_file_atomically(path, manifest.to_json());
    } catch (...) {
        if (!remove_on_failure.empty()) std::remove(remove_on_failure.c_str());  // an output without its manifest is not complete
        throw;
    }
}

ListRun::ListRun(ListInput& in, RunOutput output) : in_(in), output_(std::move(output)) {
    Writer* target = output_.stream;
    if (!output_.path.empty()) {
        file_ = std::make_unique<OutputFile>(output_.path);
        target = file_.get();
        if (output_.workbook) {
            const auto& w = *output_.workbook;
            workbook_ = std::make_unique<DecisionWorkbook>(file_->external_path(), w.kept, w.passthrough, *w.schema, w.lang);
            target = workbook_.get();
        }
    }
    if (!target) {
        stdout_ = std::make_unique<FdWriter>(STDOUT_FILENO, "standard output");
        target = stdout_.get();
    }
    hashing_ = std::make_unique<HashingWriter>(*target);
}

ListRun::~ListRun() = default;

std::vector<std::string> ListRun::notes() const { return file_ ? file_->notes() : std::vector<std::string>{}; }

BatchStats ListRun::run(const EvaluatorFactory& make, RowSink& sink, std::ostream& err, const BatchOptions& options) {
    return run_batch(*in_.source, in_.columns, make, sink, *hashing_, err, options);
}

void ListRun::append(std::string_view text) { hashing_->write(text); }

ManifestFile ListRun::finish(const Evaluator& policies, const BatchStats& stats, const RunIdentity& who) {
    const std::string& name = !output_.name.empty() ? output_.name : !output_.path.empty() ? output_.path : "-";
    ManifestFile output{absolute_path(name), hashing_->bytes(), hashing_->hex()};
    if (workbook_) workbook_->finish();
    if (file_) file_->commit();
    if (workbook_) {
        const auto [sha, bytes] = sha256_file(output_.path);
        output.sha256 = sha;
        output.bytes = bytes;
    }
    if (!output_.manifest.empty()) {
        Manifest m = run_manifest(policies, in_, stats, who);
        m.output = output;
        write_manifest(output_.manifest, m, file_ ? output_.path : "");
    }
    return output;
}

}  // namespace inkoop

// The one run path: a provider list opened (its format chosen, its bytes hashed as they are read,
// its columns mapped), decided under every policy by the batch engine, its records written through
// a sink to one output (a file made complete or absent, an Excel workbook built from the records as
// they stream, or a stream: standard output, a reader of the records), the output's hash, the file
// committed, and the run's manifest beside it. inkoop batch, diff, report and letters and the
// service's batch route all run a list this way.
#pragma once

#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "core/base/hash.hpp"
#include "core/base/io.hpp"
#include "core/engine/evaluator.hpp"
#include "core/formats/input.hpp"
#include "core/run/batch.hpp"
#include "core/run/manifest.hpp"
#include "core/run/workbook.hpp"

namespace inkoop {

// A provider list opened for a run.
struct ListInput {
    std::string name;                  // as given: a path, "-" for standard input, "upload"
    std::optional<uint64_t> size;      // the input's size, when known
    HashingSource* hashing = nullptr;  // the input's bytes pass through it: size and SHA-256
    std::unique_ptr<ByteSource> bytes;
    std::unique_ptr<RecordSource> source;
    ColumnMap columns;

    // The columns that are no field of the schema (x_ columns), carried into the records.
    std::vector<std::string> passthrough_columns() const;
};
// Opens the list at `path` ("-": standard input), chooses its format and reads its header.
// Throws FileError.
ListInput open_list(const std::string& path, const SourceOptions& options, const Schema& schema);
// The same over bytes already at hand (an upload), named `name` in messages.
ListInput open_list(std::unique_ptr<ByteSource> bytes, const std::string& name, const SourceOptions& options, const Schema& schema);

// Who ran a run, and with what, as its manifest records it.
struct RunIdentity {
    std::string command;                // the command line
    std::string libraries;              // the libraries linked in, with their versions
    std::string started;                // UTC ISO 8601
    std::vector<std::string> settings;  // --set NAME=VALUE
};

// The manifest of a run of `in` under the policies of `policies` (each with the parameters it
// decided with), without its output: the caller's to set.
Manifest run_manifest(const Evaluator& policies, const ListInput& in, const BatchStats& stats, const RunIdentity& who);
// Writes `manifest` to `path` once the output is in place; when it cannot be written, the output
// at `remove_on_failure` (when not empty) is removed, as it is not complete, and FileError is thrown.
void write_manifest(const std::string& path, const Manifest& manifest, const std::string& remove_on_failure);

// Where a run's records go.
struct RunOutput {
    std::string path;          // a file, made complete or absent; empty: `stream`
    Writer* stream = nullptr;  // nullptr: standard output
    std::string name;          // how the manifest names the output ("-" or a path); empty: `path`, else "-"
    // The file is an Excel workbook made from the records as they stream, with these input
    // columns (kept fields, x_ columns), headers and summaries in `lang`.
    struct Workbook {
        std::vector<std::string> kept, passthrough;
        const Schema* schema = nullptr;
        Lang lang = Lang::En;
    };
    std::optional<Workbook> workbook;
    std::string manifest;  // the manifest's path; empty: none

    // The records to `stream` (nullptr: standard output), no manifest.
    static RunOutput to_stream(Writer* stream) {
        RunOutput o;
        o.stream = stream;
        return o;
    }
    // The records to the file at `path` (empty: standard output), the manifest at `manifest` (empty: none).
    static RunOutput to_file(std::string path, std::string manifest) {
        RunOutput o;
        o.path = std::move(path);
        o.manifest = std::move(manifest);
        return o;
    }
};

class ListRun {
public:
    // Opens the output file (a workbook needs one). Throws FileError.
    ListRun(ListInput& in, RunOutput output);
    ~ListRun();
    ListRun(const ListRun&) = delete;
    ListRun& operator=(const ListRun&) = delete;

    // Notes about the output file (stale temporary files found beside it), for standard error.
    std::vector<std::string> notes() const;
    // Decides the whole list, the sink's records to the output.
    BatchStats run(const EvaluatorFactory& make, RowSink& sink, std::ostream& err, const BatchOptions& options);
    // Text after the records (diff's change matrix in a text file).
    void append(std::string_view text);
    // Finishes the output (a workbook's summary sheets; a file synced and renamed into place) and
    // writes the manifest, when there is one, with the output's size and SHA-256. Returns the output
    // as the manifest names it.
    ManifestFile finish(const Evaluator& policies, const BatchStats& stats, const RunIdentity& who);

private:
    ListInput& in_;
    RunOutput output_;
    // Declared in this order so that a failed run closes the workbook (into the temporary file)
    // before the OutputFile removes that file: nothing is left under either name.
    std::unique_ptr<OutputFile> file_;
    std::unique_ptr<DecisionWorkbook> workbook_;
    std::unique_ptr<FdWriter> stdout_;
    std::unique_ptr<HashingWriter> hashing_;
};

// `path` made absolute and normal, as manifests name files ("-" stays "-").
std::string absolute_path(const std::string& path);

}  // namespace inkoop

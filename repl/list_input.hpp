// The provider list of a batch, diff or report run: opened with its format, hashed as it is read,
// its columns mapped; the batch options the command line asks for; and the run's manifest.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "commands.hpp"
#include "core/base/hash.hpp"
#include "core/run/batch.hpp"
#include "core/run/manifest.hpp"

namespace inkoop::cli {

struct Input {
    OpenedInput file;
    HashingSource* hashing = nullptr;  // the input's bytes pass through it: size and SHA-256
    std::unique_ptr<RecordSource> source;
    ColumnMap columns;
};

// Opens the input, chooses its format and reads the header. Throws FileError.
void open_input(const Schema& schema, const BatchArgs& a, Input& in);
std::vector<std::string> passthrough_columns(const ColumnMap& m);
BatchOptions batch_options(const BatchArgs& a, const Input& in, bool progress);
// An output file must not be the input: refused before anything is read or written.
void refuse_overwriting_input(const BatchArgs& a);
// `path` made absolute and normal, as manifests name files ("-" stays "-").
std::string absolute(const std::string& path);
// Writes the run's manifest beside the output (or where --manifest says) once the output is in
// place; an output whose manifest cannot be written is removed, as it is not complete. `resources`
// are further files the output was made from (a letter's templates), `libraries` further libraries.
void write_run_manifest(const Globals& g, const BatchArgs& a, const Evaluator& ev, Input& in, const BatchStats& stats,
                        const std::string& started, const ManifestFile& output, bool output_is_file,
                        const std::vector<Manifest::Resource>& resources = {}, const std::string& libraries = {});

// A whole list read and decoded once into memory (analyze --input, sweep, the REPL's :load): its
// providers in order, with their rows; rows with errors are counted, never dropped silently.
struct LoadedList {
    std::vector<Provider> providers;
    std::vector<size_t> rows;        // each provider's row number in the input
    size_t rejected = 0;             // rows with errors
    std::vector<std::string> notes;  // how the input was read (encoding), for standard error
    std::string sha256;              // of the input's bytes
};
LoadedList read_list(const Schema& schema, const ListArgs& list, const std::string& path);

}  // namespace inkoop::cli

// The provider list of a batch, diff, report or letters run as the command line gives it (the run
// itself is core/run/list_run.hpp): its options, the batch options, and who runs it.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "commands.hpp"
#include "core/base/hash.hpp"
#include "core/run/batch.hpp"
#include "core/run/list_run.hpp"
#include "core/run/manifest.hpp"

namespace inkoop::cli {

// Opens the run's input (core/run/list_run.hpp) with the options given. Throws FileError.
ListInput open_input(const Schema& schema, const BatchArgs& a);
BatchOptions batch_options(const BatchArgs& a, const ListInput& in, bool progress);
// An output file must not be the input: refused before anything is read or written.
void refuse_overwriting_input(const BatchArgs& a);
// Who runs the run and with what, for its manifest: the command line, the libraries (Lua's
// among them), when it started, and --set.
RunIdentity run_identity(const Globals& g, const BatchArgs& a, const std::string& started);
// The manifest's path: --manifest, or beside the output file when there is one.
std::string manifest_for(const BatchArgs& a, bool output_is_file);

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

// The provider list of a batch, diff or report run: opened with its format, hashed as it is read,
// its columns mapped; and the batch options the command line asks for.
#pragma once

#include <memory>

#include "commands.hpp"
#include "core/base/hash.hpp"
#include "core/run/batch.hpp"

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

}  // namespace inkoop::cli

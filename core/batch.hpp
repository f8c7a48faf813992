// The batch engine: providers stream from a RecordSource in chunks, workers (one policy evaluator
// each) decide them under every policy, and a writer puts the results out in input order whatever
// the number of workers. At most a few chunks are in flight, so memory is flat in the list's length.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "decision.hpp"
#include "input.hpp"
#include "output.hpp"

namespace inkoop {

struct EvalFailure {
    std::string kind;     // instructions, deadline, memory, runtime, ...
    std::string message;  // file:line: message
};

// Decides providers under a fixed list of policies. One per worker thread.
class Evaluator {
public:
    virtual ~Evaluator() = default;
    virtual size_t policy_count() const = 0;
    virtual const std::string& policy_id(size_t i) const = 0;
    // Decides `p` under policy `i` into `out`; false with `failure` set when the policy fails on it.
    virtual bool decide(size_t i, const Provider& p, Decision& out, EvalFailure& failure) = 0;
};
using EvaluatorFactory = std::function<std::unique_ptr<Evaluator>()>;

// One input row with its decisions (or why there are none).
struct RowResult {
    size_t row = 0;
    const Provider* provider = nullptr;
    std::vector<FieldError> input_errors;        // non-empty: the row was rejected, no decisions
    std::vector<Decision> decisions;             // per policy
    std::vector<std::optional<EvalFailure>> failures;  // per policy
};

// Turns rows into output text and tallies them; cloned per worker and merged at the end.
class RowSink {
public:
    virtual ~RowSink() = default;
    virtual void begin(std::string& out) { (void)out; }
    // `out` gets the records, `err` lines for standard error.
    virtual void row(const RowResult& r, const Evaluator& ev, std::string& out, std::string& err) = 0;
    virtual std::unique_ptr<RowSink> clone() const = 0;
    virtual void merge(const RowSink& other) = 0;
};

struct BatchOptions {
    int jobs = 1;
    size_t chunk_rows = 2048;
    std::string input_name;          // for messages and error records
    bool progress = false;           // a progress line on standard error
    uint64_t input_bytes = 0;        // total size when known, for the progress line
};

struct BatchStats {
    size_t rows = 0;
    size_t rejected = 0;  // rows with bad input
    size_t failures = 0;  // (row, policy) pairs a policy failed on
    double seconds = 0;
};

// Runs the whole list. Throws FileError for input that cannot be read on; rethrows the first
// unexpected worker error.
BatchStats run_batch(RecordSource& source, const ColumnMap& columns, const EvaluatorFactory& make_evaluator,
                     RowSink& sink, std::ostream& out, std::ostream& err, const BatchOptions& options);

}  // namespace inkoop

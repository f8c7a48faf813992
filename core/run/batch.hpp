// The batch engine: providers stream from a RecordSource in chunks, workers (one policy evaluator
// each) decode and decide them under every policy and render their records, and one writer puts
// the results out in input order whatever the number of workers. The writer accounts for every
// row (rows read = decided + rejected), tallies outcomes and grounds, warns about duplicate AGB
// codes, and shows the first rejected rows on standard error with a count of the rest. At most a
// few chunks are in flight, so memory is flat in the list's length.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "core/base/io.hpp"
#include "core/engine/evaluator.hpp"
#include "core/formats/input.hpp"
#include "core/model/decision.hpp"
#include "core/model/decision_diff.hpp"
#include "core/model/policy.hpp"

namespace inkoop {

// One input row with its decisions (or why there are none).
struct RowResult {
    size_t row = 0;
    const Provider* provider = nullptr;
    const RowProblems* problems = nullptr;             // errors non-empty: the row was rejected, no decisions
    std::vector<Decision> decisions;                   // per policy
    std::vector<std::optional<EvalFailure>> failures;  // per policy
    bool rejected() const { return !problems->errors.empty(); }
};

constexpr uint32_t kRowFlagged = 1u << 31;

// Turns rows into output text. Cloned per worker; rows arrive in any order across workers.
class RowSink {
public:
    virtual ~RowSink() = default;
    virtual void begin(std::string& out) { (void)out; }
    // Writes the row's records to `out` and its lines for standard error to `err`. The result is
    // kRowFlagged when the row counts in BatchStats::flagged (diff: decided differently), or'ed
    // with the ChangeKind bits between its first two decisions (for count_pair); 0 otherwise.
    virtual uint32_t row(const RowResult& r, const Evaluator& ev, std::string& out, std::string& err) = 0;
    // A row decided under the first two policies (when there are two or more): their categories
    // and the ChangeKind bits between the two decisions. Called on the sink given to run_batch, in
    // input order, on the collecting thread (diff's change matrix counts here).
    virtual void count_pair(Category before, Category after, uint32_t change_kinds) { (void)before, (void)after, (void)change_kinds; }
    // --strict: the error record that replaces a row whose AGB an earlier row already had.
    virtual void duplicate_record(const std::string& agb, size_t row, size_t first_row, std::string& out) = 0;
    virtual std::unique_ptr<RowSink> clone() const = 0;
    // The language of what the run tells a person on standard error (a duplicate AGB).
    virtual Lang lang() const { return Lang::En; }
};

// Outcome counts and most frequent grounds of one policy over a run.
struct PolicyTally {
    std::array<size_t, 4> outcomes{};  // indexed by Outcome
    size_t out_of_scope = 0;           // of outcomes[Refuse]: the single ground out_of_scope
    size_t failed = 0;
    std::map<std::string, size_t, std::less<>> grounds;  // "section code" -> count
};

struct BatchOptions {
    int jobs = 1;
    size_t chunk_rows = 2048;
    std::string input_name;    // for messages and error records
    bool progress = false;     // a progress line on standard error
    uint64_t input_bytes = 0;  // total size when known, for the progress line
    bool strict = false;       // a duplicate AGB is an error record, not a warning
    size_t shown_errors = 20;  // rejected rows (and policy failures) shown on standard error
};

struct BatchStats {
    size_t rows = 0;  // providers read: decided + rejected (blank rows are not rows)
    size_t decided = 0;
    size_t rejected = 0;    // rows with bad input (and, with --strict, duplicate AGB codes)
    size_t failures = 0;    // (row, policy) pairs a policy failed on
    size_t duplicates = 0;  // rows whose AGB an earlier row had
    size_t flagged = 0;     // rows the sink flagged
    double seconds = 0;
    std::vector<PolicyTally> policies;
};

// Runs the whole list, writing records to `out` and lines for standard error to `err`. Throws
// FileError for input that cannot be read on, FileError/BrokenPipe when `out` fails; rethrows the
// first unexpected worker error.
BatchStats run_batch(RecordSource& source, const ColumnMap& columns, const EvaluatorFactory& make_evaluator, RowSink& sink, Writer& out,
                     std::ostream& err, const BatchOptions& options);

}  // namespace inkoop

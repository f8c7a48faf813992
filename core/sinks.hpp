// What `inkoop batch` and `inkoop diff` do with each decided row: records out, tallies for the
// closing summary.
#pragma once

#include <array>
#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "batch.hpp"

namespace inkoop {

// Outcome counts and most frequent grounds per policy.
struct PolicyTally {
    std::array<size_t, 4> outcomes{};  // indexed by Outcome
    size_t failed = 0;
    std::map<std::string, size_t, std::less<>> grounds;  // "section code" -> count
};

// `inkoop batch`: every decision (and error record) as JSONL or CSV.
class DecisionSink final : public RowSink {
public:
    DecisionSink(OutputFormat format, std::vector<std::string> policies, std::vector<std::string> passthrough,
                 std::string input_name, bool records);
    void begin(std::string& out) override;
    void row(const RowResult& r, const Evaluator& ev, std::string& out, std::string& err) override;
    std::unique_ptr<RowSink> clone() const override;
    void merge(const RowSink& other) override;

    // The closing summary: rows, rejected rows, and per policy the outcomes and top grounds.
    void print_summary(std::ostream& os, const BatchStats& stats) const;

private:
    OutputFormat format_;
    std::vector<std::string> policies_;
    std::vector<std::string> passthrough_;
    std::string input_name_;
    bool records_;
    std::vector<PolicyTally> tally_;
    std::string key_;  // reused to look grounds up without allocating
};

// `inkoop diff`: the providers whose decision differs between two policies, and why.
class DiffSink final : public RowSink {
public:
    enum class Format { Text, Jsonl };
    DiffSink(Format format, std::array<std::string, 2> policies, std::array<int, 2> years, std::string input_name);
    void row(const RowResult& r, const Evaluator& ev, std::string& out, std::string& err) override;
    std::unique_ptr<RowSink> clone() const override;
    void merge(const RowSink& other) override;

    // The change matrix (rows: first policy's outcome, columns: second's) and counts.
    void print_matrix(std::ostream& os, const BatchStats& stats) const;
    size_t changed() const { return changed_; }

private:
    Format format_;
    std::array<std::string, 2> policies_;
    std::array<int, 2> years_;
    std::string input_name_;
    std::array<std::array<size_t, 4>, 4> matrix_{};
    size_t changed_ = 0, compared_ = 0;
};

// The standard-error line for a policy that failed on one row.
void report_policy_failure(std::string& err, const std::string& input_name, size_t row, const std::string& policy,
                           const EvalFailure& f);

// Error lines for standard error and error records, shared by both sinks.
void report_row_errors(const RowResult& r, const std::string& input_name, OutputFormat format,
                       const std::vector<std::string>& passthrough, bool records, std::string& out, std::string& err);

}  // namespace inkoop

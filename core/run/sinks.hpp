// What `inkoop batch` and `inkoop diff` write for each decided row, and their closing reports.
#pragma once

#include <array>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "core/formats/decision_records.hpp"
#include "core/model/change_cause.hpp"
#include "core/run/batch.hpp"

namespace inkoop {

// How records are written: JSON Lines or CSV (its layout), and the input columns kept (--keep:
// schema field indexes), which JSON records carry as "provider": {...}.
struct RecordStyle {
    OutputFormat format = OutputFormat::Jsonl;
    CsvLayout csv;
    std::vector<int> kept;
};

// What differs between two decisions, as `inkoop diff` writes it: [{"what","change","section","code","text"}, ...].
void append_changes_json(std::string& out, const std::vector<DecisionChange>& changes);

// The kept columns of `p` as a JSON object ("" when none are kept or there is no provider).
std::string kept_json(const RecordStyle& style, const Provider* p);

// `inkoop batch`: every decision (and one error record per bad row) as JSONL or CSV.
class DecisionSink final : public RowSink {
public:
    DecisionSink(RecordStyle style, std::vector<std::string> policies, std::string input_name, bool records);
    void begin(std::string& out) override;
    uint32_t row(const RowResult& r, const Evaluator& ev, std::string& out, std::string& err) override;
    void duplicate_record(const std::string& agb, size_t row, size_t first_row, std::string& out) override;
    std::unique_ptr<RowSink> clone() const override;

    // The closing summary: rows read = decided + rejected, and per policy the outcomes and top grounds.
    // The run's summary in `lang`: rows, decided, rejected; per policy each outcome and the top grounds.
    void print_summary(std::ostream& os, const BatchStats& stats, Lang lang) const;
    // The language of what the run tells a person on the way (an input row's problems).
    void set_lang(Lang lang) { lang_ = lang; }
    Lang lang() const override { return lang_; }

private:
    RecordStyle style_;
    std::vector<std::string> policies_;
    std::string input_name_;
    bool records_;
    Lang lang_ = Lang::En;
    DecisionJsonWriter json_;
};

// `inkoop diff`: the providers whose decision differs between two policies, and why.
class DiffSink final : public RowSink {
public:
    enum class Format { Text, Jsonl };
    DiffSink(Format format, std::array<std::string, 2> policies, std::array<int, 2> years, std::string input_name, Lang lang = Lang::En);
    uint32_t row(const RowResult& r, const Evaluator& ev, std::string& out, std::string& err) override;
    void count_pair(Category before, Category after, uint32_t flags) override;
    void duplicate_record(const std::string&, size_t, size_t, std::string&) override {}
    // Splits each change by its cause (the matrix's summary, a "cause" in each JSON Lines record).
    void attribute(std::shared_ptr<const ChangeCauses> causes) { causes_ = std::move(causes); }
    std::unique_ptr<RowSink> clone() const override;
    Lang lang() const override { return lang_; }

    // Outcome under the first policy x under the second, over the rows of the run.
    const OutcomeMatrix& matrix() const { return matrix_; }
    // The change matrix (rows: first policy's outcome, columns: second's) and counts.
    void print_matrix(std::ostream& os, const BatchStats& stats) const;

private:
    Format format_;
    std::array<std::string, 2> policies_;
    std::array<int, 2> years_;
    std::string input_name_;
    Lang lang_;  // of the text format and the matrix
    OutcomeMatrix matrix_;
    std::shared_ptr<const ChangeCauses> causes_;
};

// The standard-error line for a policy that failed on one row.
void report_policy_failure(std::string& err, const std::string& input_name, size_t row, const std::string& policy, const EvalFailure& f);
// The standard-error line for a rejected row (all its problems), and its error record when `style` is given.
void report_row_errors(const RowResult& r, const std::string& input_name, const RecordStyle* style, std::string& out, std::string& err,
                       Lang lang = Lang::En);

}  // namespace inkoop

// Writing a run's decisions as an Excel workbook (libxlsxwriter): one sheet of decisions (one row
// per provider and policy: outcome, contract dates as date cells, tariff, grounds and review
// points with section and text, missing facts, errors, the policy version and parameters, the
// input columns kept, the x_ columns), with a frozen header, an autofilter and column widths;
// then one summary sheet per policy.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/base/io.hpp"
#include "core/model/schema.hpp"
#include "core/run/run_summary.hpp"

namespace inkoop {

// Excel's limit: a sheet holds 1,048,576 rows, one of them the header.
constexpr size_t kMaxXlsxRows = 1048575;

// A run's JSON Lines records as a workbook at `path` (the caller makes it complete or absent): every
// complete line written to it is a row at once (no record is kept, nothing is read back). `kept`
// and `passthrough` are the input columns the records carry; headers, sheet names, outcome words
// and summaries are in `lang`. finish() adds the summary sheets, closes the file and returns what
// the records held. Throws FileError when the workbook cannot be written or has too many rows.
class DecisionWorkbook final : public Writer {
public:
    DecisionWorkbook(const std::string& path, const std::vector<std::string>& kept, const std::vector<std::string>& passthrough,
                     const Schema& schema, Lang lang);
    ~DecisionWorkbook() override;
    DecisionWorkbook(const DecisionWorkbook&) = delete;
    DecisionWorkbook& operator=(const DecisionWorkbook&) = delete;
    void write(std::string_view bytes) override;
    RunSummary finish();

private:
    class Sheet;
    std::unique_ptr<Sheet> sheet_;
    LineWriter lines_;
};

// A table as a one-sheet workbook: the first row a bold header, then rows whose cells are numbers
// (written as numbers) or text (written as text, never as a formula); a frozen header and an
// autofilter. The caller makes the file complete or absent. Throws FileError.
struct TableCell {
    std::string text;
    std::optional<double> number;
};
void write_table_xlsx(const std::string& path, const std::string& sheet, const std::vector<std::vector<TableCell>>& rows);

}  // namespace inkoop

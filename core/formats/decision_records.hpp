// Writing decisions: compact JSON (one line per decision, no per-field allocations) and CSV with
// nested fields flattened by '.' and lists joined with '|' (spec §2).
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/base/csv_text.hpp"
#include "core/base/json_text.hpp"
#include "core/model/decision.hpp"
#include "core/model/provider.hpp"

namespace inkoop {

// A provider that could not be decided: bad input (every problem of the row) or a policy failure.
struct ErrorRecord {
    std::string agb;     // as written, even when it is not a valid AGB code
    std::string policy;  // empty for input errors, which concern every policy
    std::string file;
    size_t row = 0;
    std::string kind;  // input, duplicate, instructions, deadline, memory, runtime, ...
    std::vector<FieldError> problems;
    std::vector<std::pair<std::string, std::string>> passthrough;

    // The fields with a problem, joined by ", ".
    std::string field() const;
    // One problem: its message; several: "field 'a': ...; field 'b': ...".
    std::string reason() const;
};

// One decision as a compact JSON object, keys in the spec's order (no newline); with `trace`, its
// trace too (eval --explain). The only encoder of the decision schema: eval pretty-prints this.
void append_decision_json(std::string& out, const Decision& d, bool trace = false);
// The same with the x_ columns given apart (the batch engine leaves them out of decisions).
void append_decision_json(std::string& out, const Decision& d, const std::vector<std::pair<std::string, std::string>>& passthrough,
                          bool trace = false);
// `provider`: the kept input columns as a JSON object ("" for none).
void append_error_json(std::string& out, const ErrorRecord& e, std::string_view provider = {});

// Writes decisions as JSON through append_decision_json, reusing the text of a recent decision
// that differs only in its AGB and pass-through columns: a list has few distinct decisions per
// policy, so most rows cost a comparison and a copy. The output is byte for byte the same.
class DecisionJsonWriter {
public:
    void append(std::string& out, const Decision& d, const std::vector<std::pair<std::string, std::string>>& passthrough);

private:
    struct Entry {
        Decision decision;  // agb, trace and pass-through empty
        std::string body;   // from ,"policy": up to and including the missing list
    };
    std::unordered_map<uint64_t, Entry> entries_;                     // by a hash of the content
    static constexpr size_t kSeenSlots = 16384;                       // a power of two: 128 KiB
    std::vector<uint64_t> seen_ = std::vector<uint64_t>(kSeenSlots);  // the hashes of contents written before, by their low bits
};

enum class OutputFormat { Jsonl, Csv };

// How CSV is spelled: ',' and '\n' by default; for Dutch Excel (--excel) ';', a decimal comma, a
// UTF-8 byte order mark and CRLF, so that a double click opens it in columns.
struct CsvStyle {
    char sep = ',';
    bool decimal_comma = false;
    bool bom = false;
    std::string eol = "\n";
    static CsvStyle excel();
};

// The CSV of a run: the fixed columns (spec §2 flattened, then the texts of grounds and review
// points, the policy version and the parameters set), the input columns kept (--keep), then the
// input's x_ columns. Every row has every column.
class CsvLayout {
public:
    CsvLayout(CsvStyle style, std::vector<int> kept, std::vector<std::string> passthrough, const Schema& schema);
    std::vector<std::string> columns() const;
    void header(std::string& out) const;
    // `p` (may be null) gives the kept columns' values, `values` the x_ columns'.
    void decision(std::string& out, const Decision& d, const Provider* p,
                  const std::vector<std::pair<std::string, std::string>>& values) const;
    void error(std::string& out, const ErrorRecord& e, const Provider* p) const;
    const CsvStyle& style() const { return style_; }

private:
    void cell(std::string& out, std::string_view s, bool first) const;        // a text: neutralised
    void value_cell(std::string& out, std::string_view s, bool first) const;  // a number or a date: as it is
    std::string number(double x) const;
    void tail(std::string& out, const Provider* p, const std::vector<std::pair<std::string, std::string>>& values) const;
    CsvStyle style_;
    std::vector<int> kept_;
    std::vector<std::string> passthrough_;
    const Schema& schema_;
};

}  // namespace inkoop

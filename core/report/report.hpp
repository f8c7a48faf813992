// `inkoop report`: a run, or a diff between two policies, as one self-contained HTML page for a
// manager (inline CSS and SVG charts drawn here, no script, no network, no fonts to fetch) or as
// Markdown for notes. A run: per policy the outcome counts and the most frequent grounds and
// review points with section and text, the policy versions and parameters, the rejected rows. A
// diff: the change matrix, the kinds of change, and the most frequent changes with examples.
#pragma once

#include <string>
#include <vector>

#include "core/analysis/analyze.hpp"
#include "core/model/decision_diff.hpp"
#include "core/run/run_summary.hpp"

namespace inkoop {

struct ReportSource {
    std::string input;               // the provider list (or the records file) the report is about
    std::string input_sha256;        // when known
    std::string generated;           // UTC time
    std::string inkoop;              // version line
    Lang lang = Lang::En;            // what the report is written in
    const Schema* schema = nullptr;  // for the labels of kinds (a kind shows as its code without it)
};

// One kind of change between two policies, over the providers it touched.
struct ChangeCount {
    std::string what, change, section, code, text;  // as the diff's JSON Lines name them
    DecisionChange first;                           // the first one met: its words in any language (change_words)
    size_t count = 0;
    std::vector<std::string> examples;  // up to three AGB codes
};

struct DiffData {
    std::string before, after;  // policy ids
    std::string before_version, after_version;
    OutcomeMatrix matrix;
    size_t rejected = 0;
    std::vector<ChangeCount> changes;  // most frequent first

    // Adds one line of `inkoop diff --format jsonl` output.
    void add_line(std::string_view json_line);
    void finish();
};

// `analysis` (may be null): the exhaustive diff of the two policies, shown as its regions.
std::string report_html(const RunSummary* run, const DiffData* diff, const ReportSource& source, const DiffAnalysis* analysis = nullptr);
std::string report_markdown(const RunSummary* run, const DiffData* diff, const ReportSource& source,
                            const DiffAnalysis* analysis = nullptr);

}  // namespace inkoop

// What-if questions over a population: one change (a fact shifted or set, or a scenario parameter)
// applied to every provider a filter selects, each decided before and after under each policy,
// and the movement tallied in the same OutcomeMatrix that `inkoop diff` reports.
#pragma once

#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include "core/engine/evaluator.hpp"
#include "core/model/decision.hpp"
#include "core/model/decision_diff.hpp"
#include "core/model/provider.hpp"

namespace inkoop {

struct WhatIf {
    enum class Kind { Shift, Set, Param };
    Kind kind = Kind::Set;
    std::string change;            // as written: "fte_regiebehandelaren +1"
    const Field* field = nullptr;  // Shift, Set
    double delta = 0;              // Shift
    Value value;                   // Set (unknown allowed)
    std::string setting;           // Param: NAME=VALUE
    std::string filter;            // as written: "kind=vrijgevestigde", or ""
    const Field* filter_field = nullptr;
    Value filter_value;

    enum class Applies { Yes, Unknown, OutOfRange };
    // Changes `p`; Unknown when a shift meets an unknown number, OutOfRange when the result would
    // leave the field's bounds (the provider is then left out, and counted).
    Applies apply(Provider& p) const;
    bool selects(const Provider& p) const;
    // As the analyst wrote it; "where" in `lang` ("waar" in Dutch).
    std::string text(Lang lang = Lang::En) const {
        return filter.empty() ? change : change + " " + (lang == Lang::En ? "where" : tr(lang, "where")) + " " + filter;
    }
};

// Parses "FIELD +N | FIELD -N | FIELD VALUE | param NAME=VALUE", optionally followed by
// "where FIELD=VALUE". Throws std::runtime_error with the usage or the schema's complaint.
WhatIf parse_whatif(const std::string& text, const Schema& schema);

struct WhatIfTally {
    OutcomeMatrix matrix;
    std::vector<std::string> moved;  // examples of outcome changes, at most three (in run_whatif's language)
    std::vector<std::string> same;   // examples of other changes, at most three
    // The examples to show: three, outcome changes first but one of each kind when there are both.
    std::vector<std::string> examples() const;
};

struct WhatIfResult {
    size_t selected = 0;      // providers the filter selects
    size_t unknown = 0;       // left out: the shifted fact is unknown
    size_t out_of_range = 0;  // left out: the change leaves the field's bounds
    size_t considered() const { return selected - unknown - out_of_range; }
    std::vector<WhatIfTally> policies;
};

// A policy in a what-if: policy `index` of `ev`, decided under `before`, and, for the changed
// provider, under `after` (the same values unless the what-if changes a parameter).
struct WhatIfPolicy {
    Evaluator* ev = nullptr;
    size_t index = 0;
    ParamValues before, after;
};

// Runs `w` over `providers` under each of `policies`. `stop` is polled between providers (an
// interrupt); when it returns true, run_whatif throws std::runtime_error("interrupted").
WhatIfResult run_whatif(const WhatIf& w, const std::vector<Provider>& providers, const std::vector<WhatIfPolicy>& policies,
                        const std::function<bool()>& stop = {}, Lang lang = Lang::En);

// The report: the providers considered, and per policy the summary line, the matrix and examples.
void print_whatif(std::ostream& os, const WhatIf& w, const WhatIfResult& r, const std::vector<std::string>& policy_ids, Lang lang);

}  // namespace inkoop

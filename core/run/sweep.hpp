// Scenario sweeps: a provider list decided under every combination of parameter values (a grid),
// as OpenFisca's "reforms over a population". The list is read and decoded once; scenarios are
// decided in parallel, one evaluator (its own policy state) per worker; what is kept per scenario
// is its counts (and, on request, the AGBs whose decision changed), never the decisions, so memory
// does not grow with the number of scenarios beyond the result table.
#pragma once

#include <array>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/base/i18n.hpp"
#include "core/model/decision.hpp"
#include "core/model/policy.hpp"
#include "core/model/provider.hpp"
#include "core/run/batch.hpp"
#include "core/run/workbook.hpp"

namespace inkoop {

// One varied parameter and its values, in the order given.
struct SweepAxis {
    std::string name;
    int param = -1;                  // index into the policy's parameters
    std::vector<Value> values;       // parsed
    std::vector<std::string> text;   // as shown (the parameter's own format)
    std::string unit, section, doc;  // the parameter's, for the words a report puts beside its name
    bool interpretation = false;     // the parameter is a choice of our own, not a limit the text states
};

// NAME=v1,v2,... or NAME=FROM..TO:STEP (numbers; dates with STEP in days), checked against the
// policy's parameter. Throws std::runtime_error with the reason.
SweepAxis parse_axis(const Policy& policy, const std::string& spec);

enum class SweepBy { None, Kind, Region };

// Counts by category (kCategoryOrder's categories, indexed by Category), failures apart.
struct SweepCounts {
    std::array<size_t, kCategories> by_category{};
    size_t failed = 0;   // the policy failed on the provider (a script error or a limit)
    size_t changed = 0;  // decided otherwise than under the base parameters
};

struct SweepScenario {
    std::vector<size_t> at;  // per axis, the index of its value
    SweepCounts all;
    std::vector<SweepCounts> groups;  // with --by: per group (SweepResult::groups)
    std::vector<std::string> changed_agbs;
};

struct SweepResult {
    std::string policy, policy_version;
    std::vector<SweepAxis> axes;
    SweepBy by = SweepBy::None;
    bool with_agbs = false;           // --providers
    std::vector<std::string> groups;  // the kinds or regions met in the list, sorted
    SweepCounts base;                 // under the base parameters (the defaults and --set)
    std::vector<SweepCounts> base_groups;
    std::vector<SweepScenario> scenarios;  // in grid order: the last axis varies fastest
    size_t providers = 0;
    size_t first = 0;  // with a shard: the index of the first scenario in the whole grid
    size_t grid = 0;   // scenarios in the whole grid
};

struct SweepOptions {
    SweepBy by = SweepBy::None;
    bool providers = false;  // keep the AGBs whose decision changed, per scenario
    int jobs = 1;
    size_t shard = 0, shards = 1;  // decide only scenarios whose grid index % shards == shard
};

// Decides `providers` under policy 0 of the evaluators `make` gives, with `base` and every
// combination of the axes' values over it.
SweepResult run_sweep(const Policy& policy, const std::vector<Provider>& providers, const ParamValues& base, std::vector<SweepAxis> axes,
                      const SweepOptions& options, const EvaluatorFactory& make);

// The table as CSV (a row per scenario, or per scenario and group; formulas neutralised), as JSON,
// and as text for a terminal.
std::string sweep_csv(const SweepResult& r);
// The same table as cells (the header first), for .xlsx.
std::vector<std::vector<TableCell>> sweep_table(const SweepResult& r);
nlohmann::ordered_json sweep_json(const SweepResult& r);
std::string sweep_text(const SweepResult& r, Lang lang);

}  // namespace inkoop

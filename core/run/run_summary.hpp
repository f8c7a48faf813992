// What a run decided, read back from its records (the JSON Lines a batch writes): per policy the
// outcome counts, the grounds and review points with their section, text and count, the policy
// version and parameters; and every rejected row. The Excel summary sheets and `inkoop report`
// are written from it, so they show what the output file holds.
#pragma once

#include <array>
#include <map>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/decision.hpp"
#include "core/model/provider.hpp"

namespace inkoop {

// A ground, condition or review point as the records cite it: counted by (section, code), so that
// one code cited under two sections (e.g. out_of_scope under 2.1 and 4.1) stays two rows.
struct ItemCount {
    std::string code, section, text;
    size_t count = 0;
};

using CategoryCounts = std::array<size_t, kCategories>;  // indexed by Category
inline size_t total(const CategoryCounts& c) { return c[0] + c[1] + c[2] + c[3] + c[4]; }

struct PolicySummary {
    std::string id;
    std::string version;                  // policy_version as the records cite it
    std::string params;                   // the parameters set otherwise, as JSON ("{}" when none)
    CategoryCounts outcomes{};            // indexed by Category: refuse does not count out of scope
    size_t failures = 0;                  // providers the policy failed on
    std::vector<ItemCount> grounds;       // refusal grounds, most frequent first
    std::vector<ItemCount> out_of_scope;  // the scope sections providers were out of
    std::vector<ItemCount> conditions;
    std::vector<ItemCount> review;
    // Outcomes by provider kind and by region, when the records carry them (provider.kind,
    // provider.region: batch --keep, and every report that decides its list).
    std::map<std::string, CategoryCounts> by_kind, by_region;
    size_t decided() const { return total(outcomes); }
    size_t count(Category c) const { return outcomes[static_cast<size_t>(c)]; }
};

struct RejectedRow {
    std::string agb, policy, file, kind, field, reason;
    size_t row = 0;
    std::vector<FieldError> problems;  // read back: each can be shown in any language
    // The reason as a person reads it in `lang` (`reason` is its English).
    std::string reason_text(Lang lang) const;
};

// The problems of an error record's "error" object, as FieldErrors that can be shown in any
// language (a problem the record gives a message pattern for), and the reason they make in `lang`.
std::vector<FieldError> error_problems(const nlohmann::json& error);
std::string error_reason_text(const std::vector<FieldError>& problems, const std::string& english, Lang lang);

class RunSummary {
public:
    // One record (a decision or an error record); throws std::runtime_error for another shape.
    void add(const nlohmann::json& record);
    // One line of a run's JSON Lines records; an empty line is skipped (as DiffData::add_line).
    void add_line(std::string_view line);
    // Sorts the counts, most frequent first (ties by section and code).
    void finish();

    const std::vector<PolicySummary>& policies() const { return policies_; }
    const std::vector<RejectedRow>& rejected() const { return rejected_; }
    size_t records() const { return records_; }
    // Distinct providers (rows) seen: decided or rejected.
    size_t providers() const { return agbs_.size() + rejected_input_; }
    // Input rows rejected for bad input (no policy decided them).
    size_t rejected_input() const { return rejected_input_; }

private:
    PolicySummary& policy(const std::string& id);
    std::vector<PolicySummary> policies_;
    std::vector<RejectedRow> rejected_;
    std::map<std::string, std::map<std::string, size_t>> counts_;  // policy -> "list section\ncode" -> index
    std::map<std::string, int> agbs_;
    size_t records_ = 0, rejected_input_ = 0;
};

}  // namespace inkoop

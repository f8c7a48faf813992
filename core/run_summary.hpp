// What a run decided, read back from its records (the JSON Lines a batch writes): per policy the
// outcome counts, the grounds and review points with their section, text and count, the policy
// version and parameters; and every rejected row. The Excel summary sheets and `inkoop report`
// are written from it, so they show what the output file holds.
#pragma once

#include <array>
#include <map>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "decision.hpp"

namespace inkoop {

struct ItemCount {
    std::string code, section, text;
    size_t count = 0;
};

struct PolicySummary {
    std::string id;
    std::string version;               // policy_version as the records cite it
    std::string params;                // the parameters set otherwise, as JSON ("{}" when none)
    std::array<size_t, 4> outcomes{};  // indexed by Outcome
    size_t failures = 0;               // providers the policy failed on
    std::vector<ItemCount> grounds;    // most frequent first
    std::vector<ItemCount> review;
    size_t decided() const { return outcomes[0] + outcomes[1] + outcomes[2] + outcomes[3]; }
};

struct RejectedRow {
    std::string agb, policy, file, kind, field, reason;
    size_t row = 0;
};

class RunSummary {
public:
    // One record (a decision or an error record); throws std::runtime_error for another shape.
    void add(const nlohmann::json& record);
    // Sorts the counts, most frequent first (ties by section and code).
    void finish();

    const std::vector<PolicySummary>& policies() const { return policies_; }
    const std::vector<RejectedRow>& rejected() const { return rejected_; }
    size_t records() const { return records_; }
    // Distinct providers (rows) seen: decided or rejected.
    size_t providers() const { return agbs_.size() + rejected_input_; }

private:
    PolicySummary& policy(const std::string& id);
    std::vector<PolicySummary> policies_;
    std::vector<RejectedRow> rejected_;
    std::map<std::string, std::map<std::string, size_t>> counts_;  // policy -> "kind code" -> index
    std::map<std::string, int> agbs_;
    size_t records_ = 0, rejected_input_ = 0;
};

}  // namespace inkoop

#include "run_summary.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "policy.hpp"

namespace inkoop {

PolicySummary& RunSummary::policy(const std::string& id) {
    for (auto& p : policies_)
        if (p.id == id) return p;
    policies_.push_back({});
    policies_.back().id = id;
    return policies_.back();
}

void RunSummary::add(const nlohmann::json& r) {
    if (!r.is_object()) throw std::runtime_error("a record is not a JSON object");
    ++records_;
    const std::string agb = r.value("agb", "");
    if (r.contains("error")) {
        const auto& e = r.at("error");
        RejectedRow row;
        row.agb = agb;
        row.policy = r.value("policy", nlohmann::json()).is_string() ? r.at("policy").get<std::string>() : "";
        row.file = e.value("file", "");
        row.row = e.value("row", size_t{0});
        row.kind = e.value("kind", "");
        row.field = e.value("field", "");
        row.reason = e.value("reason", "");
        if (row.policy.empty())
            ++rejected_input_;
        else
            ++policy(row.policy).failures;
        rejected_.push_back(std::move(row));
        return;
    }
    ++agbs_[agb];
    PolicySummary& p = policy(r.at("policy").get<std::string>());
    const auto outcome = outcome_from_name(r.at("outcome").get<std::string>());
    if (!outcome) throw std::runtime_error("a record has an unknown outcome");
    ++p.outcomes[static_cast<size_t>(*outcome)];
    if (p.version.empty()) p.version = r.value("policy_version", "");
    if (p.params.empty() && r.contains("params")) p.params = r.at("params").dump();
    auto& index = counts_[p.id];
    for (const char* list : {"grounds", "review"}) {
        if (!r.contains(list)) continue;
        auto& items = std::string(list) == "grounds" ? p.grounds : p.review;
        for (const auto& item : r.at(list)) {
            const std::string code = item.value("code", "");
            const auto [it, added] = index.emplace(std::string(list) + " " + code, items.size());
            if (added) items.push_back({code, item.value("section", ""), item.value("text", ""), 0});
            ++items[it->second].count;
        }
    }
}

void RunSummary::finish() {
    const auto by_count = [](const ItemCount& a, const ItemCount& b) {
        if (a.count != b.count) return a.count > b.count;
        if (a.section != b.section) return section_before(a.section, b.section);
        return a.code < b.code;
    };
    for (auto& p : policies_) {
        std::stable_sort(p.grounds.begin(), p.grounds.end(), by_count);
        std::stable_sort(p.review.begin(), p.review.end(), by_count);
    }
    counts_.clear();
}

}  // namespace inkoop

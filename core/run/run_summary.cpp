#include "core/run/run_summary.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "core/model/policy.hpp"

namespace inkoop {

PolicySummary& RunSummary::policy(const std::string& id) {
    for (auto& p : policies_)
        if (p.id == id) return p;
    policies_.push_back({});
    policies_.back().id = id;
    return policies_.back();
}

void RunSummary::add_line(std::string_view line) {
    if (!line.empty()) add(nlohmann::json::parse(line));
}

std::vector<FieldError> error_problems(const nlohmann::json& error) {
    std::vector<FieldError> out;
    if (!error.contains("problems") || !error.at("problems").is_array()) return out;
    for (const auto& p : error.at("problems")) {
        if (!p.is_object()) continue;
        FieldError f{p.value("field", ""), p.value("reason", "")};
        if (p.contains("message") && p.at("message").is_object()) {
            const auto& m = p.at("message");
            f.words.pattern = m.value("pattern", "");
            if (m.contains("args") && m.at("args").is_array())
                for (const auto& a : m.at("args"))
                    if (a.is_string()) f.words.args.push_back(a.get<std::string>());
        }
        out.push_back(std::move(f));
    }
    return out;
}

std::string error_reason_text(const std::vector<FieldError>& problems, const std::string& english, Lang lang) {
    if (problems.empty()) return english;
    if (problems.size() == 1) return problems.front().words.pattern.empty() ? problems.front().message : problems.front().words.text(lang);
    std::string r;
    for (const auto& p : problems) r += (r.empty() ? "" : "; ") + p.text(lang);
    return r;
}

std::string RejectedRow::reason_text(Lang lang) const { return error_reason_text(problems, reason, lang); }

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
        row.problems = error_problems(e);
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
    const nlohmann::json none = nlohmann::json::array();
    const auto& grounds = r.contains("grounds") ? r.at("grounds") : none;
    const bool out_of_scope = *outcome == Outcome::Refuse && grounds.size() == 1 && grounds[0].value("code", "") == "out_of_scope";
    const Category category = out_of_scope ? Category::OutOfScope : static_cast<Category>(*outcome);
    ++p.outcomes[static_cast<size_t>(category)];
    if (const auto it = r.find("provider"); it != r.end() && it->is_object()) {
        const auto tally = [&](const char* field, std::map<std::string, CategoryCounts>& into) {
            const auto v = it->find(field);
            ++into[v != it->end() && v->is_string() ? v->get<std::string>() : "(unknown)"][static_cast<size_t>(category)];
        };
        tally("kind", p.by_kind);
        if (it->contains("region")) tally("region", p.by_region);
    }
    if (p.version.empty()) p.version = r.value("policy_version", "");
    if (p.params.empty() && r.contains("params")) p.params = r.at("params").dump();
    auto& index = counts_[p.id];
    const auto count = [&](const char* list, const nlohmann::json& cited, std::vector<ItemCount>& items) {
        for (const auto& item : cited) {
            const std::string code = item.value("code", ""), section = item.value("section", "");
            const auto [it, added] = index.emplace(std::string(list) + " " + section + "\n" + code, items.size());
            if (added) items.push_back({code, section, item.value("text", ""), 0});
            ++items[it->second].count;
        }
    };
    if (out_of_scope)
        count("scope", grounds, p.out_of_scope);
    else
        count("grounds", grounds, p.grounds);
    if (r.contains("conditions")) count("conditions", r.at("conditions"), p.conditions);
    if (r.contains("review")) count("review", r.at("review"), p.review);
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
        std::stable_sort(p.conditions.begin(), p.conditions.end(), by_count);
        std::stable_sort(p.out_of_scope.begin(), p.out_of_scope.end(), by_count);
    }
    counts_.clear();
}

}  // namespace inkoop

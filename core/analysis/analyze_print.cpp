// `inkoop analyze` as text for a person and as JSON for tools.
#include <fmt/format.h>
#include <map>

#include "core/analysis/analyze.hpp"
#include "core/base/i18n.hpp"
#include "core/base/text.hpp"

namespace inkoop {
namespace {

// An outcome as `L` reads it: English keeps the decision's own word.
std::string outcome_word(Outcome o, Lang L) {
    return L == Lang::En ? std::string(outcome_name(o)) : category_label(static_cast<Category>(o), L);
}
// A host text kept in the analysis (a finding, its detail) in `L`, as it is when it has no translation.
std::string host_text(const std::string& text, Lang L) { return L == Lang::En || text.empty() ? text : tr(L, text.c_str()); }

}  // namespace

std::string analysis_text(const PolicyAnalysis& a, Lang L) {
    std::string out = fmt::format(fmt::runtime(tr(L, "{}: {} field classes over the kinds in scope, {} combinations examined, {} s\n")),
                                  a.policy, a.classes, a.nodes, number_text(L, a.seconds, 2));
    std::string kind;
    for (const auto& r : a.regions) {
        if (r.kind != kind) {
            kind = r.kind;
            out += "\n" + kind + "\n";
        }
        out += fmt::format("  {} {}{}{}\n", pad_to(outcome_word(r.outcome, L), 10), r.description,
                           r.rule.empty() ? "" : fmt::format("  ({} {})", r.section, r.rule),
                           r.sampled ? fmt::format("  [{}]", tr(L, "sampled")) : "");
        out += r.witness.is_null() ? fmt::format("             {}\n", tr(L, "no witness confirmed by the engine"))
                                   : fmt::format("             {} {}\n", tr(L, "e.g."), r.witness.dump());
    }
    out += fmt::format("\n{}: ", tr(L, "kinds in scope that can never get an offer"));
    out += a.kinds_without_offer.empty() ? std::string(tr(L, "none")) + "\n" : fmt::format("{}\n", fmt::join(a.kinds_without_offer, ", "));
    out += std::string(tr(L, "rules")) + ":";
    if (a.findings.empty())
        out += fmt::format(" {}\n", tr(L, "every rule can hold and can fail, and can change an outcome"));
    else {
        out += "\n";
        for (const auto& f : a.findings)
            out += fmt::format("  {} {}: {}{}\n", f.section, f.code, host_text(f.what, L),
                               f.detail.empty() ? "" : " (" + host_text(f.detail, L) + ")");
    }
    out += fmt::format("{}: ", tr(L, "facts asked for that never decide anything"));
    if (a.idle_facts.empty())
        out += std::string(tr(L, "none")) + "\n";
    else {
        std::vector<std::string> s;
        for (const auto& [k, f] : a.idle_facts) s.push_back(k + ": " + f);
        out += fmt::format("{}\n", fmt::join(s, ", "));
    }
    if (!a.sampled_rules.empty())
        out += fmt::format("{}: {}\n", tr(L, "rules with script checks (their results sampled on the witnesses, not proven)"),
                           fmt::join(a.sampled_rules, ", "));
    return out;
}

namespace {

// A witness as `field=value` pairs.
std::string pairs(const nlohmann::ordered_json& witness) {
    if (!witness.is_object()) return "none confirmed by the engine";
    std::string out;
    for (const auto& [k, v] : witness.items())
        out += (out.empty() ? "" : " ") + k + "=" + (v.is_string() ? v.get<std::string>() : v.dump());
    return out;
}

// `outcomes(region)`: its outcome (or pair), `detail(region)`: the rules behind it.
template <class Region, class Outcomes, class Detail>
std::string summary(const std::vector<Region>& regions, bool examples, Outcomes&& outcomes, Detail&& detail) {
    std::string out;
    size_t witnesses = 0;
    for (size_t i = 0; i < regions.size();) {
        const std::string& kind = regions[i].kind;
        size_t end = i;
        std::map<std::string, size_t> counts;
        while (end < regions.size() && regions[end].kind == kind) ++counts[outcomes(regions[end++])];
        std::vector<std::string> parts;
        for (const auto& [o, n] : counts) parts.push_back(fmt::format("{} {}", o, n));
        out += fmt::format("\n{}: {} region{} ({})\n", kind, end - i, end - i == 1 ? "" : "s", fmt::join(parts, ", "));
        for (; i < end; ++i) {
            out += fmt::format("  {:<24} {}{}\n", outcomes(regions[i]), regions[i].description, detail(regions[i]));
            if (!regions[i].witness.is_null()) ++witnesses;
            if (examples) out += "      e.g. " + pairs(regions[i].witness) + "\n";
        }
    }
    if (!examples && witnesses) out += fmt::format("\n{} witnesses confirmed by the engine (add --examples to see them)\n", witnesses);
    return out;
}

}  // namespace

std::string analysis_summary(const PolicyAnalysis& a, bool examples) {
    std::string out = fmt::format("{}: {} regions over the kinds in scope\n", a.policy, a.regions.size());
    out += summary(
        a.regions, examples, [](const OutcomeRegion& r) { return std::string(outcome_name(r.outcome)); },
        [](const OutcomeRegion& r) { return r.rule.empty() ? std::string() : fmt::format("  ({} {})", r.section, r.rule); });
    out += "\nkinds in scope that can never get an offer: ";
    out += a.kinds_without_offer.empty() ? "none\n" : fmt::format("{}\n", fmt::join(a.kinds_without_offer, ", "));
    out += fmt::format("rule findings: {} (inkoop analyze {} lists them)\n", a.findings.size(), a.policy);
    return out;
}

std::string diff_analysis_summary(const DiffAnalysis& d, bool examples) {
    std::string out = fmt::format("{} -> {}: {} regions where decisions differ, {} rules decide alike everywhere\n", d.a, d.b,
                                  d.regions.size(), d.unchanged.size());
    out += summary(
        d.regions, examples, [](const DiffRegion& r) { return fmt::format("{} -> {}", outcome_name(r.a), outcome_name(r.b)); },
        [](const DiffRegion& r) {
            return fmt::format("  ({}: {} | {})", r.change, r.rule_a.empty() ? "-" : r.rule_a, r.rule_b.empty() ? "-" : r.rule_b);
        });
    if (!d.masked.empty())
        out += fmt::format("{} places where a rule differs but no decision does (inkoop analyze --diff lists them)\n", d.masked.size());
    return out;
}

nlohmann::ordered_json analysis_json(const PolicyAnalysis& a) {
    nlohmann::ordered_json j;
    j["policy"] = a.policy;
    auto regions = nlohmann::ordered_json::array();
    for (const auto& r : a.regions)
        regions.push_back(
            {{"kind", r.kind},
             {"outcome", outcome_name(r.outcome)},
             {"description", r.description},
             {"rule", r.rule.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json{{"code", r.rule}, {"section", r.section}}},
             {"sampled", r.sampled},
             {"witness", r.witness}});
    j["regions"] = std::move(regions);
    j["kinds_without_offer"] = a.kinds_without_offer;
    auto findings = nlohmann::ordered_json::array();
    for (const auto& f : a.findings)
        findings.push_back({{"code", f.code}, {"section", f.section}, {"finding", f.what}, {"detail", f.detail}});
    j["rules"] = std::move(findings);
    auto idle = nlohmann::ordered_json::array();
    for (const auto& [k, f] : a.idle_facts) idle.push_back({{"kind", k}, {"field", f}});
    j["idle_facts"] = std::move(idle);
    j["sampled_rules"] = a.sampled_rules;
    j["classes"] = a.classes;
    j["combinations"] = a.nodes;
    j["seconds"] = a.seconds;
    return j;
}

std::string diff_analysis_text(const DiffAnalysis& d, Lang L) {
    std::string out =
        fmt::format(fmt::runtime(tr(L,
                                    "{} -> {}: {} regions where decisions differ (each with a witness both policies decided), {} "
                                    "rules that decide alike everywhere; {} field classes, {} combinations examined, {} s\n")),
                    d.a, d.b, d.regions.size(), d.unchanged.size(), d.classes, d.nodes, number_text(L, d.seconds, 2));
    for (const auto& r : d.regions) {
        out +=
            fmt::format("\n{}, {}\n  {} -> {}   {}: {} | {}\n  {} {}\n", r.kind, r.description, outcome_word(r.a, L), outcome_word(r.b, L),
                        r.change, r.rule_a.empty() ? "-" : r.rule_a, r.rule_b.empty() ? "-" : r.rule_b, tr(L, "e.g."), r.witness.dump());
    }
    if (!d.masked.empty()) {
        out +=
            "\n" +
            fmt::format(fmt::runtime(tr(L,
                                        "{} more places where a rule's result differs but no decision was found that differs (other rules "
                                        "decide those providers alike under both, e.g. by asking for the same unknown fact):")),
                        d.masked.size()) +
            "\n";
        for (const auto& r : d.masked)
            out += fmt::format("  {}, {}  [{}: {} | {}]\n", r.kind, r.description, r.change, r.rule_a.empty() ? "-" : r.rule_a,
                               r.rule_b.empty() ? "-" : r.rule_b);
    }
    out += fmt::format("\n{}: {}\n", tr(L, "rules that decide alike everywhere"), fmt::join(d.unchanged, ", "));
    return out;
}

nlohmann::ordered_json diff_analysis_json(const DiffAnalysis& d) {
    nlohmann::ordered_json j;
    j["a"] = d.a;
    j["b"] = d.b;
    auto regions = nlohmann::ordered_json::array();
    const auto rule = [](const std::string& item) {
        if (item.empty()) return nlohmann::ordered_json();
        const auto sp = item.find(' ');
        return nlohmann::ordered_json{{"code", item.substr(sp + 1)}, {"section", item.substr(0, sp)}};
    };
    for (const auto& r : d.regions)
        regions.push_back({{"a", r.verified ? nlohmann::ordered_json(outcome_name(r.a)) : nlohmann::ordered_json()},
                           {"b", r.verified ? nlohmann::ordered_json(outcome_name(r.b)) : nlohmann::ordered_json()},
                           {"kind", r.kind},
                           {"description", r.description},
                           {"change", r.change},
                           {"rules", {{"a", rule(r.rule_a)}, {"b", rule(r.rule_b)}}},
                           {"witness", r.witness},
                           {"verified", r.verified}});
    j["regions"] = std::move(regions);
    auto masked = nlohmann::ordered_json::array();
    for (const auto& r : d.masked)
        masked.push_back({{"kind", r.kind},
                          {"description", r.description},
                          {"change", r.change},
                          {"rules", {{"a", rule(r.rule_a)}, {"b", rule(r.rule_b)}}}});
    j["masked"] = std::move(masked);
    j["unchanged"] = d.unchanged;
    j["classes"] = d.classes;
    j["combinations"] = d.nodes;
    j["seconds"] = d.seconds;
    return j;
}

}  // namespace inkoop

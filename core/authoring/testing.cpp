#include "core/authoring/testing.hpp"

#include <algorithm>
#include <fmt/format.h>

#include "core/model/condition.hpp"
#include "core/model/provider.hpp"

namespace inkoop {
namespace {

std::vector<std::string> sorted(std::vector<std::string> v) {
    std::sort(v.begin(), v.end());
    return v;
}

std::vector<std::string> codes(const std::vector<Item>& items) {
    std::vector<std::string> out;
    for (const auto& i : items) out.push_back(i.code.str());
    return out;
}

void compare_set(const char* what, const std::optional<std::vector<std::string>>& expected, const std::vector<std::string>& actual,
                 std::vector<std::string>& diffs) {
    if (!expected) return;
    auto e = sorted(*expected), a = sorted(actual);
    a.erase(std::unique(a.begin(), a.end()), a.end());
    e.erase(std::unique(e.begin(), e.end()), e.end());
    if (e != a) diffs.push_back(fmt::format("{}: expected {{{}}}, got {{{}}}", what, fmt::join(e, ", "), fmt::join(a, ", ")));
}

void compare_one(const char* what, const std::optional<std::string>& expected, const std::string& actual, std::vector<std::string>& diffs) {
    if (expected && *expected != actual)
        diffs.push_back(fmt::format("{}: expected {}, got {}", what, *expected, actual.empty() ? "none" : actual));
}

std::string cited(const std::vector<Item>& items) {
    std::vector<std::string> out;
    for (const auto& i : items) out.push_back(i.section.str() + " " + i.code.str());
    return fmt::format("{}", fmt::join(out, ", "));
}

// Why the decision came out as it did, in one clause: the grounds, the missing facts, the review
// points, or the contract.
std::string because(const Decision& d) {
    switch (d.outcome) {
    case Outcome::Refuse: return "grounds: " + cited(d.grounds);
    case Outcome::Incomplete: return fmt::format("missing: {}", d.missing.empty() ? "none" : fmt::format("{}", fmt::join(d.missing, ", ")));
    case Outcome::Review: return "review: " + cited(d.review);
    case Outcome::Offer:
        return d.contract ? fmt::format("contract {} {}..{}", d.contract->type, d.contract->start.iso(), d.contract->end.iso()) : "offer";
    }
    return "";
}

}  // namespace

std::vector<std::string> compare(const TestCase& t, const Decision& d) {
    std::vector<std::string> diffs;
    // A different outcome is the failure; the grounds, contract and tariff that differ with it are
    // its consequences, so the line names what caused it instead of listing them.
    if (t.outcome && *t.outcome != outcome_name(d.outcome)) {
        diffs.push_back(fmt::format("outcome: expected {}, got {} ({})", *t.outcome, outcome_name(d.outcome), because(d)));
        return diffs;
    }
    compare_set("grounds", t.grounds, codes(d.grounds), diffs);
    std::vector<std::string> sections;
    for (const auto& g : d.grounds) sections.push_back(g.section.str());
    compare_set("sections", t.sections, sections, diffs);
    compare_set("missing", t.missing, d.missing, diffs);
    compare_set("review", t.review, codes(d.review), diffs);
    compare_set("conditions", t.conditions, codes(d.conditions), diffs);
    std::vector<std::string> conditional;
    for (const auto& c : d.conditional) conditional.push_back(c.item.code.str());
    compare_set("conditional", t.conditional, conditional, diffs);
    compare_set("open_facts", t.open_facts, d.open_facts, diffs);
    const Contract none{};
    const Contract& c = d.contract ? *d.contract : none;
    compare_set("excluded", t.excluded, c.excluded, diffs);
    compare_set("settings", t.settings_expected, c.settings, diffs);
    compare_set("surcharges", t.surcharges, d.tariff ? codes(d.tariff->surcharges) : std::vector<std::string>{}, diffs);
    compare_one("tariff", t.tariff, d.tariff ? d.tariff->basis : "", diffs);
    compare_one("contract type", t.contract_type, d.contract ? c.type : "", diffs);
    compare_one("contract start", t.start, d.contract ? c.start.iso() : "", diffs);
    compare_one("contract end", t.end, d.contract ? c.end.iso() : "", diffs);
    compare_one("sign_by", t.sign_by, d.contract && c.sign_by ? c.sign_by->iso() : "", diffs);
    return diffs;
}

std::vector<RuleCoverage> coverage_of(const Policy& policy) {
    std::vector<RuleCoverage> cov;
    for (const auto& r : policy.rules) cov.push_back({r.code, r.section, !r.applies && r.test->op == Condition::Op::Always});
    return cov;
}

std::vector<std::string> run_test_case(const TestCase& t, Evaluator& ev, size_t index, std::vector<RuleCoverage>& coverage) {
    const Policy& policy = ev.policy(index);
    if (coverage.empty()) coverage = coverage_of(policy);
    const ParsedProvider parsed = provider_from_json(t.provider, *policy.schema);
    std::vector<std::string> diffs;
    for (const auto& e : parsed.unknown) diffs.push_back(e.text());
    for (const auto& e : parsed.errors) diffs.push_back(e.text());
    if (!diffs.empty()) return diffs;
    const Decision d = ev.decide_or_throw(index, parsed.provider, apply_settings(policy, t.settings), {.trace = true});
    for (const auto& e : d.trace)
        for (auto& c : coverage)
            if (c.code == e.rule && e.result != "unknown") (e.result == "fail" || e.result == "holds" ? c.held : c.not_held)++;
    return compare(t, d);
}

}  // namespace inkoop

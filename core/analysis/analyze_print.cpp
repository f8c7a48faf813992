// `inkoop analyze` as text for a person and as JSON for tools.
#include <algorithm>
#include <fmt/format.h>
#include <map>

#include "core/analysis/analyze.hpp"
#include "core/base/i18n.hpp"
#include "core/base/text.hpp"
#include "core/model/outcome_words.hpp"
#include "core/model/schema.hpp"

namespace inkoop {

// A kind as `L` reads it: its code in English; its label beside its code in another language
// ("GGZ-instelling (ggz_instelling)"), the code alone when it is its own label.
std::string kind_words(const Schema* schema, const std::string& kind, Lang L) {
    if (L == Lang::En || !schema) return kind;
    const Field* f = schema->find("kind");
    const int i = f ? f->enum_index(kind) : -1;
    if (i < 0) return kind;
    const std::string& label = f->value_label(static_cast<size_t>(i), L);
    return label == kind ? kind : fmt::format("{} ({})", label, kind);
}

namespace {

// A host text kept in the analysis (a finding, its detail) in `L`, as it is when it has no translation.
std::string host_text(const std::string& text, Lang L) { return L == Lang::En || text.empty() ? text : tr(L, text.c_str()); }

// A field by its label beside its name ("Aantal locaties (locations)"); its name in English.
std::string field_words(const Schema* schema, const std::string& name, Lang L) {
    const Field* f = schema ? schema->find(name) : nullptr;
    if (L == Lang::En || !f || f->label(L) == name) return name;
    return fmt::format("{} ({})", f->label(L), name);
}

// A finding's detail, its kind (if it names one) as `L` reads it.
std::string detail_text(const RuleFinding& f, const Schema* schema, Lang L) {
    if (f.detail.empty()) return "";
    if (f.kind.empty()) return host_text(f.detail, L);
    return fmt::format(fmt::runtime(L == Lang::En ? f.detail.c_str() : tr(L, f.detail.c_str())), kind_words(schema, f.kind, L));
}

// A witness as `field=value` pairs, yes/no in `L` ("locations=4 kwaliteitsstatuut=nee"): a provider
// as an input row states it.
std::string pairs(const nlohmann::ordered_json& witness, const Schema* schema, Lang L) {
    if (!witness.is_object()) return L == Lang::En ? "none confirmed by the engine" : tr(L, "none confirmed by the engine");
    std::string out;
    for (const auto& [k, v] : witness.items()) {
        std::string value = v.is_string() ? v.get<std::string>() : v.dump();
        const Field* f = schema ? schema->find(k) : nullptr;
        if (L != Lang::En && f && f->type == FieldType::Date && v.is_string())
            if (const auto d = Date::parse(value)) value = d->table(L);
        if (v.is_boolean()) value = L == Lang::En ? value : trc(L, "answer", v.get<bool>() ? "yes" : "no");
        if (v.is_number_float() && L != Lang::En) value = shortest_number_text(L, v.get<double>(), 4);
        out += (out.empty() ? "" : " ") + k + "=" + value;
    }
    return out;
}

// A region's change in `L`: "added", "removed", "changed", "scope".
std::string change_word(const std::string& change, Lang L) { return L == Lang::En ? change : trc(L, "rule change", change.c_str()); }

// A diff region's classes in `L`; in a language other than English with the rule's result under
// each policy ("Aantal locaties > 3 (max_behandellocaties: geldt / ontbreekt)"), as English has it
// in its description.
std::string diff_text(const DiffRegion& r, Lang L) {
    if (L == Lang::En || r.states_nl.empty()) return r.text(L);
    return fmt::format("{} ({}: {})", r.text(L), r.rule, r.states_nl);
}

std::string region_text(const OutcomeRegion& r, Lang L) { return r.text(L); }
std::string region_text(const DiffRegion& r, Lang L) { return diff_text(r, L); }

// "kind (not proven: the search budget ran out)": the kind in `L`.
std::string kind_without_offer(const Schema* schema, const std::string& entry, Lang L) {
    static const std::string budget = " (not proven: the search budget ran out)";
    if (L == Lang::En) return entry;
    const bool unproven = entry.size() > budget.size() && entry.compare(entry.size() - budget.size(), budget.size(), budget) == 0;
    if (!unproven) return kind_words(schema, entry, L);
    return kind_words(schema, entry.substr(0, entry.size() - budget.size()), L) + " (" + tr(L, "not proven: the search budget ran out") +
           ")";
}

}  // namespace

// A witness in the text: JSON in English (as `eval` reads it), field=value pairs in another language.
std::string witness_text(const nlohmann::ordered_json& witness, const Schema* schema, Lang L) {
    return L == Lang::En ? witness.dump() : pairs(witness, schema, L);
}

std::string analysis_text(const PolicyAnalysis& a, Lang L) {
    std::string out = fmt::format(fmt::runtime(tr(L, "{}: {} field classes over the kinds in scope, {} combinations examined, {} s\n")),
                                  a.policy, count_text(L, a.classes), count_text(L, a.nodes), number_text(L, a.seconds, 2));
    std::string kind;
    for (const auto& r : a.regions) {
        if (r.kind != kind) {
            kind = r.kind;
            out += "\n" + kind_words(a.schema, kind, L) + "\n";
        }
        out += fmt::format("  {} {}{}{}\n", pad_to(outcome_word(r.outcome, L), 10), r.text(L),
                           r.rule.empty() ? "" : fmt::format("  ({} {})", r.section, r.rule),
                           r.sampled ? fmt::format("  [{}]", tr(L, "sampled")) : "");
        out += r.witness.is_null() ? fmt::format("             {}\n", tr(L, "no witness confirmed by the engine"))
                                   : fmt::format("             {} {}\n", tr(L, "e.g."), witness_text(r.witness, a.schema, L));
    }
    out += fmt::format("\n{}: ", tr(L, "kinds in scope that can never get an offer"));
    std::vector<std::string> without;
    for (const auto& k : a.kinds_without_offer) without.push_back(kind_without_offer(a.schema, k, L));
    out += without.empty() ? std::string(tr(L, "none")) + "\n" : fmt::format("{}\n", fmt::join(without, ", "));
    out += std::string(tr(L, "rules")) + ":";
    if (a.findings.empty())
        out += fmt::format(" {}\n", tr(L, "every rule can hold and can fail, and can change an outcome"));
    else {
        out += "\n";
        for (const auto& f : a.findings) {
            const std::string detail = detail_text(f, a.schema, L);
            out += fmt::format("  {} {}: {}{}\n", f.section, f.code, host_text(f.what, L), detail.empty() ? "" : " (" + detail + ")");
        }
    }
    out += fmt::format("{}: ", tr(L, "facts asked for that never decide anything"));
    if (a.idle_facts.empty())
        out += std::string(tr(L, "none")) + "\n";
    else {
        std::vector<std::string> s;
        for (const auto& [k, f] : a.idle_facts) s.push_back(kind_words(a.schema, k, L) + ": " + field_words(a.schema, f, L));
        out += fmt::format("{}\n", fmt::join(s, ", "));
    }
    if (!a.sampled_rules.empty())
        out += fmt::format("{}: {}\n", tr(L, "rules with script checks (their results sampled on the witnesses, not proven)"),
                           fmt::join(a.sampled_rules, ", "));
    return out;
}

namespace {

// `outcomes(region)`: its outcome (or pair), `detail(region)`: the rules behind it.
template <class Region, class Outcomes, class Detail>
std::string summary(const std::vector<Region>& regions, const Schema* schema, bool examples, Lang L, Outcomes&& outcomes, Detail&& detail) {
    std::string out;
    size_t witnesses = 0;
    for (size_t i = 0; i < regions.size();) {
        const std::string& kind = regions[i].kind;
        size_t end = i;
        std::map<std::string, size_t> counts;
        while (end < regions.size() && regions[end].kind == kind) ++counts[outcomes(regions[end++])];
        std::vector<std::string> parts;
        for (const auto& [o, n] : counts) parts.push_back(fmt::format("{} {}", o, n));
        const size_t n = end - i;
        out += L == Lang::En ? fmt::format("\n{}: {} region{} ({})\n", kind, n, n == 1 ? "" : "s", fmt::join(parts, ", "))
                             : fmt::format(fmt::runtime(tr(L, n == 1 ? N_("\n{}: {} region ({})\n") : N_("\n{}: {} regions ({})\n"))),
                                           kind_words(schema, kind, L), n, fmt::join(parts, ", "));
        for (; i < end; ++i) {
            out += fmt::format("  {} {}{}\n", pad_to(outcomes(regions[i]), 24), region_text(regions[i], L), detail(regions[i]));
            if (!regions[i].witness.is_null()) ++witnesses;
            if (examples)
                out += "      " + std::string(L == Lang::En ? "e.g." : tr(L, "e.g.")) + " " + pairs(regions[i].witness, schema, L) + "\n";
        }
    }
    if (!examples && witnesses)
        out += fmt::format(fmt::runtime(L == Lang::En ? "\n{} witnesses confirmed by the engine (add --examples to see them)\n"
                                                      : tr(L, "\n{} witnesses confirmed by the engine (add --examples to see them)\n")),
                           witnesses);
    return out;
}

}  // namespace

std::string analysis_summary(const PolicyAnalysis& a, bool examples, Lang L) {
    std::string out = fmt::format(
        fmt::runtime(L == Lang::En ? "{}: {} regions over the kinds in scope\n" : tr(L, "{}: {} regions over the kinds in scope\n")),
        a.policy, a.regions.size());
    out += summary(
        a.regions, a.schema, examples, L, [L](const OutcomeRegion& r) { return outcome_word(r.outcome, L); },
        [](const OutcomeRegion& r) { return r.rule.empty() ? std::string() : fmt::format("  ({} {})", r.section, r.rule); });
    out += "\n" +
           std::string(L == Lang::En ? "kinds in scope that can never get an offer" : tr(L, "kinds in scope that can never get an offer")) +
           ": ";
    std::vector<std::string> without;
    for (const auto& k : a.kinds_without_offer) without.push_back(kind_without_offer(a.schema, k, L));
    out += without.empty() ? std::string(L == Lang::En ? "none" : tr(L, "none")) + "\n" : fmt::format("{}\n", fmt::join(without, ", "));
    out += fmt::format(fmt::runtime(L == Lang::En ? "rule findings: {} (inkoop analyze {} lists them)\n"
                                                  : tr(L, "rule findings: {} (inkoop analyze {} lists them)\n")),
                       a.findings.size(), a.policy);
    return out;
}

namespace {

// "regions by cause: 12 by the text, 3 by choices of our own (looptijd_niet_in_tabel)".
std::string cause_counts(const std::vector<DiffRegion>& regions, Lang L) {
    if (regions.empty()) return "";
    size_t n[kCauses] = {};
    std::vector<std::string> codes[kCauses];
    for (const auto& r : regions) {
        const auto k = static_cast<size_t>(r.cause);
        ++n[k];
        if (k != 0 && std::find(codes[k].begin(), codes[k].end(), r.rule) == codes[k].end()) codes[k].push_back(r.rule);
    }
    std::vector<std::string> parts;
    for (size_t k = 0; k < kCauses; ++k)
        if (n[k])
            parts.push_back(fmt::format("{} {}{}", n[k], cause_label(static_cast<Cause>(k), n[k], L),
                                        codes[k].empty() ? "" : fmt::format(" ({})", fmt::join(codes[k], ", "))));
    return fmt::format("{}: {}\n", tr(L, "regions by cause"), fmt::join(parts, ", "));
}

}  // namespace

std::string diff_analysis_summary(const DiffAnalysis& d, bool examples, Lang L) {
    std::string out =
        fmt::format(fmt::runtime(L == Lang::En ? "{} -> {}: {} regions where decisions differ, {} rules decide alike everywhere\n"
                                               : tr(L, "{} -> {}: {} regions where decisions differ, {} rules decide alike everywhere\n")),
                    d.a, d.b, d.regions.size(), d.unchanged.size());
    out += cause_counts(d.regions, L);
    out += summary(
        d.regions, d.schema, examples, L,
        [L](const DiffRegion& r) { return fmt::format("{} -> {}", outcome_word(r.a, L), outcome_word(r.b, L)); },
        [L](const DiffRegion& r) {
            return fmt::format("  ({}: {} | {}, {})", change_word(r.change, L), r.rule_a.empty() ? "-" : r.rule_a,
                               r.rule_b.empty() ? "-" : r.rule_b, cause_label(r.cause, 1, L));
        });
    if (!d.masked.empty())
        out += fmt::format(
            fmt::runtime(L == Lang::En ? "{} places where a rule differs but no decision does (inkoop analyze --diff lists them)\n"
                                       : tr(L, "{} places where a rule differs but no decision does (inkoop analyze --diff lists them)\n")),
            d.masked.size());
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
        findings.push_back({{"code", f.code},
                            {"section", f.section},
                            {"finding", f.what},
                            {"detail", f.kind.empty() ? f.detail : fmt::format(fmt::runtime(f.detail), f.kind)}});
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
    std::string out = fmt::format(
        fmt::runtime(tr(L,
                        "{} -> {}: {} regions where decisions differ (each with a witness both policies decided), {} "
                        "rules that decide alike everywhere; {} field classes, {} combinations examined, {} s\n")),
        d.a, d.b, d.regions.size(), d.unchanged.size(), count_text(L, d.classes), count_text(L, d.nodes), number_text(L, d.seconds, 2));
    out += cause_counts(d.regions, L);
    for (const auto& r : d.regions) {
        out +=
            fmt::format("\n{}, {}\n  {} -> {}   {}: {} | {} ({})\n  {} {}\n", kind_words(d.schema, r.kind, L), diff_text(r, L),
                        outcome_word(r.a, L), outcome_word(r.b, L), change_word(r.change, L), r.rule_a.empty() ? "-" : r.rule_a,
                        r.rule_b.empty() ? "-" : r.rule_b, cause_label(r.cause, 1, L), tr(L, "e.g."), witness_text(r.witness, d.schema, L));
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
            out += fmt::format("  {}, {}  [{}: {} | {}]\n", kind_words(d.schema, r.kind, L), diff_text(r, L), change_word(r.change, L),
                               r.rule_a.empty() ? "-" : r.rule_a, r.rule_b.empty() ? "-" : r.rule_b);
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
                           {"cause", cause_name(r.cause)},
                           {"witness", r.witness},
                           {"verified", r.verified}});
    j["regions"] = std::move(regions);
    auto masked = nlohmann::ordered_json::array();
    for (const auto& r : d.masked)
        masked.push_back({{"kind", r.kind},
                          {"description", r.description},
                          {"change", r.change},
                          {"rules", {{"a", rule(r.rule_a)}, {"b", rule(r.rule_b)}}},
                          {"cause", cause_name(r.cause)}});
    j["masked"] = std::move(masked);
    j["unchanged"] = d.unchanged;
    j["classes"] = d.classes;
    j["combinations"] = d.nodes;
    j["seconds"] = d.seconds;
    return j;
}

}  // namespace inkoop

// Exhaustive analysis: what a policy does for every possible provider, and exactly where two
// policies decide differently. Conditions compare each field only with constants, so per field
// the values fall into finitely many classes that every condition treats alike (unknown, each
// constant, the intervals between them; each enum value; true and false). A rule's result
// (holds, does not hold, unknown) is a function of the classes of the few fields it reads: it is
// tabulated exactly. Questions about several rules at once ("can this ground be the only one?",
// "can every requirement be met?") are answered by a backtracking search over the fields of the
// rules involved, split into groups of rules that share no field, with three-valued evaluation of
// partial assignments to prune (an unassigned field may take any of its classes). The product of
// all fields is never enumerated. Rules with script checks (check(...)) are evaluated only on
// the witnesses: what depends on them is reported as sampled, not proven. Every witness is
// decided by the real engine before it is reported.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "core/engine/evaluator.hpp"
#include "core/model/change_cause.hpp"
#include "core/model/decision.hpp"
#include "core/model/policy.hpp"
#include "core/model/provider.hpp"

namespace inkoop {

// A policy to analyse: policy `index` of `ev`, decided under `params` (a failure throws).
struct AnalyzedPolicy {
    const Policy* policy = nullptr;
    ParamValues params;
    Evaluator* ev = nullptr;
    size_t index = 0;
    std::set<std::string> set;  // the parameters the run sets (a region's cause: change_cause.hpp)
};

// A set of providers: a kind and a description of the classes ("fte_regiebehandelaren > 8").
struct Region {
    std::string kind;
    std::string description;         // in English, with field names and codes (as JSON gives it)
    std::string description_nl;      // in Dutch, with labels ("Aantal locaties > 3")
    nlohmann::ordered_json witness;  // a provider in the region, as JSON; null when none was confirmed
    const std::string& text(Lang lang) const { return lang == Lang::En ? description : description_nl; }
};

struct OutcomeRegion : Region {
    Outcome outcome = Outcome::Offer;
    std::string rule, section;  // the rule behind it ("" for offer and for incomplete)
    bool sampled = false;       // depends on script checks: found on samples, not proven
};

struct RuleFinding {
    std::string code, section, what;  // what: "never holds", "always holds when it applies", "never changes the outcome"
    std::string detail;               // a message, with a {} for `kind` when it names one ("" for none)
    std::string kind = {};            // the kind the detail is about (its code)
};

struct PolicyAnalysis {
    std::string policy;
    const Schema* schema = nullptr;                               // the policy's: the labels of kinds and fields
    std::vector<OutcomeRegion> regions;                           // per kind in scope: how each outcome is reached
    std::vector<std::string> kinds_without_offer;                 // kinds in scope no provider can get an offer in
    std::vector<RuleFinding> findings;                            // dead rules, rules always holding, rules that never matter
    std::vector<std::pair<std::string, std::string>> idle_facts;  // (kind, field): read, never deciding
    std::vector<std::string> sampled_rules;                       // rules with script checks
    size_t classes = 0;                                           // field classes over all kinds
    size_t nodes = 0;                                             // partial assignments the searches examined
    double seconds = 0;
};

// Under the policy's own schema (Policy::schema); a diff under the first policy's.
PolicyAnalysis analyze_policy(const AnalyzedPolicy& p);

struct DiffRegion : Region {
    Outcome a = Outcome::Offer, b = Outcome::Offer;  // outcomes of the witness under each policy
    std::string rule;                                // the rule code whose result differs
    std::string rule_a, rule_b;                      // "section code" on each side ("" when absent there)
    std::string change;                              // "removed", "added", "changed", "scope"
    std::string states_nl;      // the rule's result under each, in Dutch ("geldt / ontbreekt"); in English part of description
    bool verified = false;      // the witness, decided under both, shows the difference
    Cause cause = Cause::Text;  // of the rule whose result differs: the text, a choice of our own, a parameter set
};

struct DiffAnalysis {
    std::string a, b;
    const Schema* schema = nullptr;      // the first policy's: the labels of kinds and fields
    std::vector<DiffRegion> regions;     // where a rule's result differs and a witness shows the decisions differ
    std::vector<DiffRegion> masked;      // a rule's result differs, but no decision found that differs
    std::vector<std::string> unchanged;  // rule codes whose results agree on every class
    size_t classes = 0, nodes = 0;
    double seconds = 0;
};

DiffAnalysis analyze_diff(const AnalyzedPolicy& a, const AnalyzedPolicy& b);

std::string analysis_text(const PolicyAnalysis& a, Lang lang);
nlohmann::ordered_json analysis_json(const PolicyAnalysis& a);
std::string diff_analysis_text(const DiffAnalysis& d, Lang lang);
// The same for the what-if session: per kind the counts by outcome first, then a line per region;
// witnesses as field=value pairs only with `examples`, else counted.
std::string analysis_summary(const PolicyAnalysis& a, bool examples, Lang lang);
std::string diff_analysis_summary(const DiffAnalysis& d, bool examples, Lang lang);
nlohmann::ordered_json diff_analysis_json(const DiffAnalysis& d);

// A kind as `lang` reads it: its code in English; its label beside its code in another language
// ("GGZ-instelling (ggz_instelling)").
std::string kind_words(const Schema* schema, const std::string& kind, Lang lang);
// A witness in a text: JSON in English (as `eval` reads it); field=value pairs in another language,
// yes/no and dates as that language writes them ("locations=4 kwaliteitsstatuut=nee").
std::string witness_text(const nlohmann::ordered_json& witness, const Schema* schema, Lang lang);

}  // namespace inkoop

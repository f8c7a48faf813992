#include "core/analysis/analyze.hpp"
#include "core/analysis/class_space.hpp"
#include "core/base/i18n.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <fmt/format.h>
#include <map>
#include <numeric>
#include <set>
#include <unordered_map>

#include "core/analysis/fact_classes.hpp"
#include "core/analysis/policy_check.hpp"
#include "core/model/decision_diff.hpp"

namespace inkoop {

using namespace class_space;

namespace {

// Where a fact is read: (kind, field), ordered as the analysis has always listed idle facts, by
// the decimal text of the kind's index and then of the field's ("10" before "2").
struct FactKey {
    int kind, field;
    bool operator<(const FactKey& o) const {
        const auto a = std::to_string(kind), b = std::to_string(o.kind);
        if (a != b) return a < b;
        return std::to_string(field) < std::to_string(o.field);
    }
};

// A rule's own table over the classes of its fields, for one kind.
struct RuleTable {
    std::vector<int> fields;              // the rule's fields with a domain
    std::vector<std::vector<int>> holds;  // the tuples where it holds
    std::vector<bool> field_matters;      // per field: some change of it alone changes the result
    bool can_hold = false, can_pass = false, tabulated = false;
};

// The analysis of one policy, kind by kind in its scope.
class PolicyAnalyzer {
public:
    explicit PolicyAnalyzer(const AnalyzedPolicy& ap)
        : ap_(ap), policy_(*ap.policy), schema_(*policy_.schema), kind_field_(schema_.find("kind")),
          domains_(domains_for({&ap_}, schema_)) {
        out_.policy = policy_.info.id;
        out_.schema = &schema_;
        for (const auto& r : policy_.rules)
            if (has_custom(r)) out_.sampled_rules.push_back(item_name(r));
    }

    PolicyAnalysis run() {
        for (int k : policy_.scope.kinds) analyze_kind(k);
        rule_findings();
        for (const auto& [key, matters] : matters_anywhere_)
            if (!matters) out_.idle_facts.emplace_back(kind_field_->values[static_cast<size_t>(key.kind)], schema_.at(key.field).name);
        return std::move(out_);
    }

private:
    void analyze_kind(int k) {
        const std::string kind = kind_field_->values[static_cast<size_t>(k)];
        Space space(schema_, domains_, k);
        out_.classes += space.classes();
        std::vector<const Rule*> rules;
        for (const auto& r : policy_.rules)
            if (r.effect != Effect::IfRefused && r.applies_to(k)) rules.push_back(&r);
        offer_region(space, rules, kind);
        for (const Rule* r : rules) rule_region(space, rules, *r, k, kind);
        incomplete_region(k, kind);
        out_.nodes += space.nodes;
    }

    // A witness for `wants`, decided: (provider, decision), or nothing.
    std::optional<std::pair<Provider, Decision>> witness(Space& space, const std::vector<Want>& wants, bool& exhausted) const {
        space.clear_all();
        if (!space.solve(wants, exhausted)) return std::nullopt;
        Provider p = space.provider();
        const auto d = settle_witness(p, ap_, schema_, policy_.info.year, space.assigned());
        space.clear_all();
        if (!d) return std::nullopt;
        return std::make_pair(p, *d);
    }

    // Offer: every rule settled, none holding (conditions and the like may hold).
    void offer_region(Space& space, const std::vector<const Rule*>& rules, const std::string& kind) {
        bool exhausted = false;
        std::vector<Want> offer_wants;
        for (const Rule* r : rules)
            offer_wants.push_back({r, &ap_.params, static_cast<uint8_t>(part_of(*r) == Part::Other ? (kF | kT) : kF), kAny});
        if (auto w = witness(space, offer_wants, exhausted);
            w && (w->second.outcome == Outcome::Offer || w->second.outcome == Outcome::Review)) {
            OutcomeRegion reg;
            reg.kind = kind;
            reg.outcome = w->second.outcome;
            reg.description = N_("every requirement met, no refusal ground or review point");
            reg.description_nl = tr(Lang::Nl, reg.description.c_str());
            reg.witness = witness_json(w->first, schema_);
            reg.sampled = !out_.sampled_rules.empty();
            out_.regions.push_back(std::move(reg));
        } else {
            // Proven only when the search ran to its end; a budget that ran out is said so.
            out_.kinds_without_offer.push_back(exhausted ? kind + " (not proven: the search budget ran out)" : kind);
        }
    }

    // The rule's own table: where it holds, fails, is unknown; and whether each field matters.
    RuleTable tabulate(Space& space, const Rule& r, int k) const {
        RuleTable t;
        fields_of(r, t.fields);
        t.fields = known_fields(t.fields, space);
        t.field_matters.assign(t.fields.size(), false);
        std::map<std::vector<int>, uint8_t> table;
        t.tabulated = for_each_tuple(space, t.fields, [&](const std::vector<int>& tuple) {
            const auto [h, ri] = space.rule_possible(r, ap_.params);
            table[tuple] = h;
            if (h & kT) {
                t.can_hold = true;
                t.holds.push_back(tuple);
            }
            // Met (or not holding) while it applies: a rule that applies and never passes is always against.
            const uint8_t applies = r.applies ? space.possible(*r.applies, ap_.params) : kT;
            if ((h & kF) && (applies & kT) && r.applies_to(k)) t.can_pass = true;
        });
        if (!t.tabulated) {  // too many combinations: ask the search
            bool ex = false;
            space.clear_all();
            t.can_hold = space.solve({{&r, &ap_.params, kT, kAny}}, ex) || ex;
            space.clear_all();
            t.can_pass = true;  // not tabulated: not claimed
            space.clear_all();
            return t;
        }
        for (const auto& [tuple, h] : table)
            for (size_t i = 0; i < t.fields.size(); ++i) {
                if (t.field_matters[i]) continue;
                for (int c = 0; c < static_cast<int>(space.domain(t.fields[i])->reps.size()); ++c) {
                    auto u = tuple;
                    u[i] = c;
                    if (table[u] != h) {
                        t.field_matters[i] = true;
                        break;
                    }
                }
            }
        return t;
    }

    void rule_region(Space& space, const std::vector<const Rule*>& rules, const Rule& r, int k, const std::string& kind) {
        const RuleTable t = tabulate(space, r, k);
        if (t.tabulated)
            for (size_t i = 0; i < t.fields.size(); ++i) {
                if (t.field_matters[i])
                    matters_anywhere_[{k, t.fields[i]}] = true;
                else
                    matters_anywhere_.emplace(FactKey{k, t.fields[i]}, false);
            }
        auto& any = fires_anywhere_[r.code];
        any.first = any.first || t.can_hold;
        any.second = any.second || t.can_pass;
        if (!t.can_hold || part_of(r) == Part::Other) return;
        const auto describe_in = [&](Lang L) {
            return t.tabulated ? describe_tuples(t.holds, t.fields, space, schema_, L) : describe(*r.test, schema_, &ap_.params, L);
        };
        // Is it ever the only ground (does it ever change the outcome)?
        std::vector<Want> alone{{&r, &ap_.params, kT, part_of(r) == Part::Ground ? static_cast<uint8_t>(kF | kU) : kAny}};
        for (const Rule* s : rules)
            if (s != &r && part_of(*s) == Part::Ground) alone.push_back({s, &ap_.params, static_cast<uint8_t>(kF | kU), kAny});
        bool ex = false;
        space.clear_all();
        const bool can_matter = space.solve(alone, ex) || ex;
        space.clear_all();
        if (part_of(r) == Part::Ground && !can_matter)
            out_.findings.push_back({r.code, r.section, N_("never changes the outcome"),
                                     N_("for {}: whenever it holds, another refusal ground holds too"), kind});
        // A clean witness: this rule holding, every other one settled and not holding.
        std::vector<Want> wants;
        for (const Rule* other : rules)
            if (other != &r) wants.push_back({other, &ap_.params, kF, kAny});
        wants.push_back({&r, &ap_.params, kT, part_of(r) == Part::Ground ? static_cast<uint8_t>(kF | kU) : kT});
        auto w = witness(space, wants, ex);
        if (!w) w = witness(space, alone, ex);
        if (!w) w = witness(space, {{&r, &ap_.params, kT, kAny}}, ex);  // only ever with other grounds
        OutcomeRegion reg;
        reg.kind = kind;
        reg.rule = r.code;
        reg.section = r.section;
        reg.outcome = part_of(r) == Part::Ground ? Outcome::Refuse : Outcome::Review;
        reg.description = describe_in(Lang::En);
        reg.description_nl = describe_in(Lang::Nl);
        reg.sampled = has_custom(r);
        if (w) {
            const Decision& d = w->second;
            const bool shows = d.outcome == reg.outcome && (has_code(d.grounds, r.code) || has_code(d.review, r.code));
            if (shows) reg.witness = witness_json(w->first, schema_);
        }
        out_.regions.push_back(std::move(reg));
    }

    // Incomplete: nothing known but the kind.
    void incomplete_region(int k, const std::string& kind) {
        Provider p(schema_);
        p[kind_field_->index] = EnumValue{k};
        if (const Field* a = schema_.find("agb")) p[a->index] = std::string("99999999");
        try {
            const Decision d = ap_.ev->decide_or_throw(ap_.index, p, ap_.params);
            if (d.outcome != Outcome::Incomplete) return;
            OutcomeRegion reg;
            reg.kind = kind;
            reg.outcome = Outcome::Incomplete;
            reg.description = fmt::format("a fact the decision needs is unknown (with nothing known: {})", fmt::join(d.missing, ", "));
            std::vector<std::string> labels;
            for (const auto& m : d.missing) labels.push_back(schema_.find(m) ? schema_.find(m)->label(Lang::Nl) : m);
            reg.description_nl = fmt::format(fmt::runtime(tr(Lang::Nl, "a fact the decision needs is unknown (with nothing known: {})")),
                                             fmt::join(labels, ", "));
            reg.witness = witness_json(p, schema_);
            out_.regions.push_back(std::move(reg));
        } catch (const std::exception&) {
        }
    }

    // Rules that never apply, never hold or never pass, over every kind in scope.
    void rule_findings() {
        for (const auto& r : policy_.rules) {
            if (r.effect == Effect::IfRefused) continue;
            const auto it = fires_anywhere_.find(r.code);
            if (it == fires_anywhere_.end()) {
                out_.findings.push_back({r.code, r.section, N_("never applies"), N_("it applies to no kind in the policy's scope")});
                continue;
            }
            if (!it->second.first)
                out_.findings.push_back({r.code, r.section, r.effect == Effect::Require ? N_("can never fail") : N_("never holds"),
                                         has_custom(r)  ? N_("sampled: it has a script check")
                                         : has_param(r) ? N_("with the parameters used: it depends on a parameter (--set)")
                                                        : N_("for every kind in scope and every value of its facts")});
            else if (!it->second.second && r.test->op != Condition::Op::Always)  // `condition_if = always` is unconditional by design
                out_.findings.push_back(
                    {r.code, r.section, r.effect == Effect::Require ? N_("can never be met") : N_("always holds when it applies"), ""});
        }
    }

    const AnalyzedPolicy& ap_;
    const Policy& policy_;
    const Schema& schema_;
    const Field* kind_field_;
    const std::vector<Domain> domains_;
    PolicyAnalysis out_;
    std::map<std::string, std::pair<bool, bool>> fires_anywhere_;  // code -> (can hold, can fail when it applies)
    std::map<FactKey, bool> matters_anywhere_;
};

}  // namespace

PolicyAnalysis analyze_policy(const AnalyzedPolicy& ap) {
    const auto start = std::chrono::steady_clock::now();
    PolicyAnalysis out = PolicyAnalyzer(ap).run();
    out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return out;
}

namespace {

bool in_scope_clause(const Policy& p, int k) { return std::find(p.scope.kinds.begin(), p.scope.kinds.end(), k) != p.scope.kinds.end(); }

// Where two rules (one per policy, same code) contribute differently, per pair of results
// (under A, under B): the tuples of their fields' classes.
using PairRegions = std::map<std::pair<uint8_t, uint8_t>, std::vector<std::vector<int>>>;

// Where two policies decide differently, kind by kind (over the kinds either purchases) and rule
// code by rule code.
class DiffAnalyzer : private PolicyPair {
public:
    DiffAnalyzer(const AnalyzedPolicy& pa, const AnalyzedPolicy& pb) : PolicyPair(pa, pb) {
        out_.a = A_.info.id;
        out_.b = B_.info.id;
        out_.schema = &schema_;
        for (const Policy* p : {&A_, &B_})
            for (const auto& r : p->rules)
                if (r.effect != Effect::IfRefused && std::find(codes_.begin(), codes_.end(), r.code) == codes_.end())
                    codes_.push_back(r.code);
    }

    DiffAnalysis run() {
        std::set<int> kinds(A_.scope.kinds.begin(), A_.scope.kinds.end());
        kinds.insert(B_.scope.kinds.begin(), B_.scope.kinds.end());
        for (int k : kinds) analyze_kind(k);
        for (const auto& code : codes_)
            if (!changed_codes_.count(code))
                out_.unchanged.push_back(recited_codes_.count(code) ? code + " (" + recited_codes_[code] + ")" : code);
        return std::move(out_);
    }

private:
    std::vector<const Rule*> applicable(const Policy& p, int k) const {
        std::vector<const Rule*> rs;
        for (const auto& r : p.rules)
            if (r.effect != Effect::IfRefused && r.applies_to(k)) rs.push_back(&r);
        return rs;
    }

    bool differ(const Decision& a, const Decision& b) const {
        return a.outcome != b.outcome || !compare_decisions(a, b, B_.info.year - A_.info.year).empty();
    }

    void analyze_kind(int k) {
        const std::string kind = kind_field_->values[static_cast<size_t>(k)];
        Space space(schema_, domains_, k);
        out_.classes += space.classes();
        if (in_scope_clause(A_, k) != in_scope_clause(B_, k)) {
            scope_region(space, k, kind);
        } else if (in_scope_clause(A_, k)) {
            const auto rules_a = applicable(A_, k), rules_b = applicable(B_, k);
            for (const auto& code : codes_) code_regions(space, rules_a, rules_b, code, kind);
        }
        out_.nodes += space.nodes;
    }

    // One policy purchases this kind, the other does not: the whole kind differs.
    void scope_region(Space& space, int k, const std::string& kind) {
        const Policy& inside = in_scope_clause(A_, k) ? A_ : B_;
        const AnalyzedPolicy& in_ap = in_scope_clause(A_, k) ? pa_ : pb_;
        std::vector<Want> ws;
        for (const auto& r : inside.rules)
            if (r.effect != Effect::IfRefused && r.applies_to(k))
                ws.push_back({&r, &in_ap.params, static_cast<uint8_t>(part_of(r) == Part::Other ? (kF | kT) : kF), kAny});
        bool ex = false;
        space.clear_all();
        DiffRegion reg;
        reg.kind = kind;
        reg.change = NC_("rule change", "scope");
        reg.rule = "out_of_scope";
        reg.description = fmt::format("every {} (in scope of {} only)", kind, inside.info.id);
        reg.description_nl = fmt::format(fmt::runtime(tr(Lang::Nl, "every {} (in scope of {} only)")),
                                         schema_.at(kind_field_->index).value_label(static_cast<size_t>(k), Lang::Nl), inside.info.id);
        reg.rule_a = in_scope_clause(A_, k) ? "" : A_.scope.section + " out_of_scope";
        reg.rule_b = in_scope_clause(B_, k) ? "" : B_.scope.section + " out_of_scope";
        space.solve(ws, ex);
        Provider p = space.provider();
        const auto keep = space.assigned();
        space.clear_all();
        if (auto d = decide_both(p, keep)) {
            reg.a = d->first.outcome;
            reg.b = d->second.outcome;
            reg.verified = differ(d->first, d->second);
            reg.witness = witness_json(p, schema_);
        }
        changed_codes_.insert("out_of_scope");
        out_.regions.push_back(std::move(reg));
    }

    void code_regions(Space& space, const std::vector<const Rule*>& rules_a, const std::vector<const Rule*>& rules_b,
                      const std::string& code, const std::string& kind) {
        const Rule* ra = nullptr;
        const Rule* rb = nullptr;
        for (const Rule* r : rules_a)
            if (r->code == code) ra = r;
        for (const Rule* r : rules_b)
            if (r->code == code) rb = r;
        if (!ra && !rb) return;
        std::vector<int> fs;
        if (ra) fields_of(*ra, fs);
        if (rb) fields_of(*rb, fs);
        std::sort(fs.begin(), fs.end());
        fs.erase(std::unique(fs.begin(), fs.end()), fs.end());
        fs = known_fields(fs, space);
        bool recited = false;  // decides alike, cites another section or text
        const PairRegions by_pair = tabulate_pair(space, ra, rb, fs, recited);
        if (by_pair.empty()) {
            if (recited) recited_codes_[code] = ra->section == rb->section ? "reworded" : ra->section + " -> " + rb->section;
            return;
        }
        changed_codes_.insert(code);
        for (const auto& entry : by_pair) {
            const auto& pair = entry.first;
            const auto& tuples = entry.second;  // named, not a structured binding: clang 14 cannot capture one
            DiffRegion reg;
            reg.kind = kind;
            reg.rule = code;
            reg.rule_a = ra ? item_name(*ra) : "";
            reg.rule_b = rb ? item_name(*rb) : "";
            reg.change = !ra ? NC_("rule change", "added") : !rb ? NC_("rule change", "removed") : NC_("rule change", "changed");
            const auto describe_in = [&](Lang L) {
                return tuples.empty() ? (ra ? describe(*ra->test, schema_, &pa_.params, L) : describe(*rb->test, schema_, &pb_.params, L))
                                      : describe_tuples(tuples, fs, space, schema_, L);
            };
            const auto state = [](uint8_t h) { return h == kT ? "holds" : h == kF ? "does not hold" : "unknown"; };
            const auto state_in = [&](uint8_t h, bool present) {
                if (!present) return trc(Lang::Nl, "rule", "absent");
                return trc(Lang::Nl, "trace result", h == kT ? "holds" : h == kF ? "no" : "unknown");
            };
            reg.description = describe_in(Lang::En) +
                              fmt::format(" ({}: {} / {})", code, ra ? state(pair.first) : "absent", rb ? state(pair.second) : "absent");
            reg.description_nl = describe_in(Lang::Nl);
            reg.states_nl = fmt::format("{} / {}", state_in(pair.first, ra), state_in(pair.second, rb));
            find_witness(space, rules_a, rules_b, ra, rb, pair, reg);
            (reg.verified ? out_.regions : out_.masked).push_back(std::move(reg));
        }
    }

    // Where the two rules contribute differently: (result under A, under B) per tuple.
    PairRegions tabulate_pair(Space& space, const Rule* ra, const Rule* rb, const std::vector<int>& fs, bool& recited) const {
        const bool same_effect = ra && rb && part_of(*ra) == part_of(*rb) && ra->effect == rb->effect;
        const bool same_cite = ra && rb && ra->section == rb->section && ra->text == rb->text;
        PairRegions by_pair;
        const bool ok = for_each_tuple(space, fs, [&](const std::vector<int>& t) {
            const uint8_t ha = ra ? space.rule_possible(*ra, pa_.params).first : kF;
            const uint8_t hb = rb ? space.rule_possible(*rb, pb_.params).first : kF;
            const bool holds_somewhere = (ha & kT) || (hb & kT);
            if (ha == hb && same_effect) {
                if (!same_cite && holds_somewhere) recited = true;
                return;
            }
            if (ha == kF && hb == kF) return;
            if (ha == kU && hb == kU && ra && rb) return;  // both ask for the facts they need
            by_pair[{ha, hb}].push_back(t);
        });
        if (!ok) {
            by_pair.clear();  // too many combinations to tabulate: one region from the search below
            if (!(same_effect && same_cite && ra && rb &&
                  describe(*ra->test, schema_, &pa_.params) == describe(*rb->test, schema_, &pb_.params)))
                by_pair[{kT, kF}] = {};
        }
        return by_pair;
    }

    // A witness: this rule's results as in the region and, as far as they allow, every other rule
    // of both policies settled and not holding (then only grounds, then nothing else).
    void find_witness(Space& space, const std::vector<const Rule*>& rules_a, const std::vector<const Rule*>& rules_b, const Rule* ra,
                      const Rule* rb, std::pair<uint8_t, uint8_t> pair, DiffRegion& reg) const {
        std::vector<Want> pair_only;
        if (ra) pair_only.push_back({ra, &pa_.params, pair.first, kAny});
        if (rb) pair_only.push_back({rb, &pb_.params, pair.second, kAny});
        std::vector<std::vector<Want>> attempts(4, pair_only);
        for (const auto& [rules, ap, other] : {std::tuple{&rules_a, &pa_, ra}, std::tuple{&rules_b, &pb_, rb}})
            for (const Rule* r : *rules) {
                if (r == other) continue;
                const Part part = part_of(*r);
                attempts[0].push_back({r, &ap->params, static_cast<uint8_t>(part == Part::Other ? (kF | kT) : kF), kAny});
                if (part == Part::Ground) {
                    attempts[1].push_back({r, &ap->params, kF, kAny});
                    attempts[2].push_back({r, &ap->params, static_cast<uint8_t>(kF | kU), kAny});
                }
            }
        bool ex = false;
        for (const auto& attempt : attempts) {
            space.clear_all();
            if (!space.solve(attempt, ex)) continue;
            Provider p = space.provider();
            const auto keep = space.assigned();
            space.clear_all();
            if (auto d = decide_both(p, keep); d && differ(d->first, d->second)) {
                reg.a = d->first.outcome;
                reg.b = d->second.outcome;
                reg.verified = true;
                reg.witness = witness_json(p, schema_);
                break;
            }
        }
        space.clear_all();
    }

    DiffAnalysis out_;
    std::vector<std::string> codes_;
    std::set<std::string> changed_codes_;
    std::map<std::string, std::string> recited_codes_;
};

}  // namespace

DiffAnalysis analyze_diff(const AnalyzedPolicy& pa, const AnalyzedPolicy& pb) {
    const auto start = std::chrono::steady_clock::now();
    DiffAnalysis out = DiffAnalyzer(pa, pb).run();
    const ChangeCauses causes(*pa.policy, *pb.policy, pa.set, pb.set);
    for (auto* list : {&out.regions, &out.masked})
        for (auto& r : *list) r.cause = causes.of_rule(r.rule);
    out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return out;
}

}  // namespace inkoop

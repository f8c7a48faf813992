#include "core/analysis/policy_check.hpp"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <optional>
#include <unordered_map>

#include "core/analysis/fact_classes.hpp"
#include "core/analysis/flip.hpp"

namespace inkoop {
namespace {

bool proposes(Outcome o) { return o == Outcome::Offer || o == Outcome::Review; }

// splitmix64: the same sequence on every platform (std distributions are not).
struct Random {
    uint64_t state;
    uint64_t next() {
        uint64_t z = (state += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    size_t below(size_t n) { return n ? static_cast<size_t>(next() % n) : 0; }
};

bool same_decision(const Decision& a, const Decision& b) {
    return a.outcome == b.outcome && a.grounds == b.grounds && a.conditions == b.conditions && a.review == b.review &&
           a.missing == b.missing && a.contract == b.contract && a.tariff == b.tariff;
}

void params_in(const Condition& c, std::vector<int>& out) {
    if (c.op == Condition::Op::Param) out.push_back(c.param);
    if (c.operand_param >= 0) out.push_back(c.operand_param);
    for (const auto& child : c.children) params_in(*child, out);
}

std::string first_line(const std::string& s) { return s.substr(0, s.find('\n')); }

class Runner {
public:
    Runner(const Policy& policy, Evaluator& ev, size_t index, const Schema& schema, PolicyRunCheck& out)
        : policy_(policy), ev_(ev), index_(index), schema_(schema), out_(out) {}

    // Decides `p`, recording an error or an incomplete proposal; nullopt when the policy failed.
    std::optional<Decision> run(const Provider& p, const ParamValues& params, bool record = true) {
        try {
            Decision d = ev_.decide_or_throw(index_, p, params);
            if (record) {
                ++out_.decided;
                inspect(p, d);
            }
            return d;
        } catch (const std::exception& e) {
            if (record) {
                ++out_.decided;
                note(out_.errors, first_line(e.what()), p);
            }
            return std::nullopt;
        }
    }

private:
    void inspect(const Provider& p, const Decision& d) {
        if (!d.contract) return;
        const Contract& c = *d.contract;
        if (c.section.empty()) note(out_.incomplete_offers, "the offer's contract has no section (contract{ section = ... })", p);
        if (c.type.empty()) note(out_.incomplete_offers, "the offer's contract has no type (contract{ type = ... })", p);
        if (c.end < c.start) note(out_.incomplete_offers, "the offer's contract ends before it starts", p);
        if (c.end.year() < policy_.info.year || c.start.year() > policy_.info.year)
            note(out_.offer_warnings,
                 "the offer's contract (" + c.start.iso() + " to " + c.end.iso() + ") does not cover the policy's year " +
                     std::to_string(policy_.info.year) + " (an inherited offer keeps its year's dates)",
                 p);
        if (d.tariff) {
            if (d.tariff->text.empty_text()) note(out_.incomplete_offers, "the offer's tariff has no text (tariff{ text = ... })", p);
            if (d.tariff->section.empty_text())
                note(out_.incomplete_offers, "the offer's tariff has no section (tariff{ section = ... })", p);
        }
    }

    // The example kept for a problem is the provider with the fewest known facts that shows it.
    void note(std::vector<CheckProblem>& list, const std::string& message, const Provider& p) {
        const auto known = static_cast<size_t>(std::count_if(p.values.begin(), p.values.end(), is_known));
        for (auto& e : list)
            if (e.message == message) {
                ++e.count;
                if (known < e.known_facts) {
                    e.provider = provider_to_json(p, schema_).dump();
                    e.known_facts = known;
                }
                return;
            }
        list.push_back({message, provider_to_json(p, schema_).dump(), 1, known});
    }

    const Policy& policy_;
    Evaluator& ev_;
    size_t index_;
    const Schema& schema_;
    PolicyRunCheck& out_;
};

}  // namespace

std::vector<Value> representative_values(const Field& f, const std::vector<double>& numbers, const std::vector<Date>& dates,
                                         const std::vector<std::string>& texts, int year) {
    std::vector<Value> out{Value{}};
    const auto in_range = [&](double x) { return std::isfinite(x) && (!f.min || x >= *f.min) && (!f.max || x <= *f.max); };
    const auto add = [&](Value v) {
        if (std::find(out.begin(), out.end(), v) == out.end()) out.push_back(std::move(v));
    };
    switch (f.type) {
    case FieldType::Bool:
        add(true);
        add(false);
        break;
    case FieldType::Enum:
        for (size_t i = 0; i < f.values.size(); ++i) add(EnumValue{static_cast<int>(i)});
        break;
    case FieldType::Int: {
        std::vector<double> at = numbers;
        if (at.empty()) at = {f.min.value_or(0), f.min.value_or(0) + 1};
        for (double c : at)
            for (double x : {std::round(c) - 1, std::round(c), std::round(c) + 1})
                if (in_range(x)) add(static_cast<int64_t>(x));
        break;
    }
    case FieldType::Number: {
        std::vector<double> at = numbers;
        if (at.empty()) at = {f.min.value_or(0), f.min.value_or(0) + (f.max && *f.max <= 1 ? 0.5 : 1)};
        for (double c : at) {
            const double step = std::max(0.01, std::fabs(c) * 0.01);
            for (double x : {c - step, c, c + step})
                if (in_range(x)) add(x);
        }
        break;
    }
    case FieldType::Date: {
        std::vector<Date> at = dates;
        if (at.empty())
            for (int y : {year - 1, year})
                if (auto d = Date::from_ymd(y, 1, 1)) at.push_back(*d);
        for (Date c : at)
            for (int delta : {-1, 0, 1}) add(c.add_days(delta));
        break;
    }
    case FieldType::String:
        if (f.eight_digits) {
            add(std::string("12345678"));
            break;
        }
        for (const auto& t : texts) add(t);
        add(std::string("(other)"));
        break;
    }
    return out;
}

namespace {

using Representatives = std::vector<std::pair<int, std::vector<Value>>>;

// Per field but kind and agb: its representatives, from the constants the rules compare it with.
Representatives field_representatives(const Policy& policy, const Schema& schema, const Field* kind_field, const Field* agb_field) {
    const FactClasses classes(policy, policy.default_params());
    std::unordered_map<int, const FieldCuts*> cuts;
    for (const auto& c : classes.fields()) cuts[c.field] = &c;
    Representatives reps;
    static const std::vector<double> no_numbers;
    static const std::vector<Date> no_dates;
    static const std::vector<std::string> no_texts;
    for (const Field& f : schema.fields()) {
        if (&f == kind_field || &f == agb_field) continue;
        const auto it = cuts.find(f.index);
        reps.emplace_back(f.index, it == cuts.end() ? representative_values(f, no_numbers, no_dates, no_texts, policy.info.year)
                                                    : representative_values(f, it->second->numbers, it->second->dates, it->second->texts,
                                                                            policy.info.year));
    }
    return reps;
}

// Values a parameter no condition names is tried with, to see whether a function reads it.
std::vector<Value> param_alternatives(const Param& prm, const Value& def) {
    std::vector<Value> alternatives;
    switch (prm.type) {
    case FieldType::Bool:
        if (const auto* b = std::get_if<bool>(&def)) alternatives.push_back(!*b);
        break;
    case FieldType::Enum:
        for (size_t i = 0; i < prm.values.size(); ++i)
            if (!(def == Value{EnumValue{static_cast<int>(i)}})) alternatives.push_back(EnumValue{static_cast<int>(i)});
        break;
    case FieldType::Int:
        if (const auto* n = std::get_if<int64_t>(&def)) alternatives = {*n + 1, *n - 1};
        break;
    case FieldType::Number:
        if (const auto* n = std::get_if<double>(&def)) alternatives = {*n + 1, *n - 1, *n * 2};
        break;
    case FieldType::Date:
        if (const auto* d = std::get_if<Date>(&def)) alternatives = {d->add_days(1), d->add_days(-1), d->add_years(1)};
        break;
    case FieldType::String: alternatives = {std::string("(other)")}; break;
    }
    return alternatives;
}

// One run of the check: the generated providers, their decisions, and what they show.
class CheckRun {
public:
    CheckRun(const Policy& policy, const ParamValues& params, Evaluator& ev, size_t index, RunCheckOptions options, const Field* kind_field,
             const Field* agb_field, PolicyRunCheck& out)
        : policy_(policy), schema_(*policy.schema), params_(params), options_(options), kind_field_(kind_field), agb_field_(agb_field),
          out_(out), runner_(policy, ev, index, schema_, out),
          reps_(field_representatives(policy, schema_, kind_field, agb_field)), random_{options.seed} {}

    void run() {
        for (size_t k = 0; k < kind_field_->values.size(); ++k) generate_for_kind(k);
        decide_all();
        tally_outcomes();
        find_unused_params();
    }

private:
    const std::vector<Value>* reps_of(int field) const {
        for (const auto& [f, v] : reps_)
            if (f == field) return &v;
        return nullptr;
    }

    // A provider of kind `k` with nothing else known; in scope, also the provider the climb finds
    // an offer for, every field's representatives one at a time from both, and seeded random
    // combinations around the offered provider (or nothing known).
    void generate_for_kind(size_t k) {
        const bool in_scope =
            std::find(policy_.scope.kinds.begin(), policy_.scope.kinds.end(), static_cast<int>(k)) != policy_.scope.kinds.end();
        Provider base(schema_);
        base[agb_field_->index] = std::string("99") + std::to_string(100000 + k);
        base[kind_field_->index] = EnumValue{static_cast<int>(k)};
        generated_.push_back(base);
        auto first = runner_.run(base, params_, false);
        if (!in_scope) return;
        const std::optional<Provider> offered = climb_to_offer(base, std::move(first));
        std::vector<const Provider*> starts{&base};
        if (offered) {
            generated_.push_back(*offered);
            starts.push_back(&*offered);
        }
        for (const Provider* start : starts)
            for (const auto& [field, values] : reps_)
                for (const auto& v : values) {
                    if ((*start)[field] == v) continue;
                    Provider q = *start;
                    q[field] = v;
                    generated_.push_back(std::move(q));
                }
        for (unsigned i = 0; i < options_.random_per_kind; ++i) {
            Provider q = offered ? *offered : base;
            for (const auto& [field, values] : reps_)
                if (random_.below(4) == 0) q[field] = values[random_.below(values.size())];
            generated_.push_back(std::move(q));
        }
    }

    // A provider the policy offers a contract: lift, one fact at a time, what stands in the way.
    // A move lifts a ground, or makes a missing fact known without adding one; the known facts only
    // grow, so the climb ends.
    std::optional<Provider> climb_to_offer(const Provider& base, std::optional<Decision> d) {
        std::optional<Provider> offered;
        Provider cur = base;
        for (int step = 0; step < 400 && d; ++step) {
            if (proposes(d->outcome)) {
                offered = cur;
                break;
            }
            if (!step_towards_offer(cur, d)) break;
        }
        if (d && proposes(d->outcome)) offered = cur;
        return offered;
    }

    // One move of the climb; false when no candidate moves.
    bool step_towards_offer(Provider& cur, std::optional<Decision>& d) {
        std::vector<std::pair<int, Value>> candidates;
        for (const auto& c : flip_candidates(policy_, cur, *d, params_)) candidates.emplace_back(c.field, c.value);
        for (const auto& m : d->missing)
            if (const Field* f = schema_.find(m))
                if (const auto* r = reps_of(f->index))
                    for (const auto& v : *r)
                        if (is_known(v)) candidates.emplace_back(f->index, v);
        for (const auto& [field, value] : candidates) {
            if (!is_known(value) || cur[field] == value) continue;
            const bool was_missing = std::find(d->missing.begin(), d->missing.end(), schema_.at(field).name) != d->missing.end();
            Provider q = cur;
            q[field] = value;
            auto dq = runner_.run(q, params_, false);
            if (!dq) continue;
            if (dq->grounds.size() < d->grounds.size() || (dq->grounds.size() == d->grounds.size() && was_missing)) {
                cur = std::move(q);
                d = std::move(dq);
                return true;
            }
        }
        return false;
    }

    // Decides every generated provider (the bases were decided before, unrecorded). A variation
    // left incomplete by at most two facts it did not set is also decided with each of them known.
    void decide_all() {
        decisions_.resize(generated_.size());
        const size_t first_pass = generated_.size();
        for (size_t i = 0; i < generated_.size(); ++i) {
            decisions_[i] = runner_.run(generated_[i], params_);
            if (i >= first_pass || !decisions_[i] || decisions_[i]->outcome != Outcome::Incomplete || decisions_[i]->missing.size() > 2)
                continue;
            const std::vector<std::string> missing = decisions_[i]->missing;  // the loop below grows `decisions_`
            for (const auto& m : missing)
                if (const Field* f = schema_.find(m))
                    if (const auto* r = reps_of(f->index))
                        for (const auto& v : *r) {
                            if (!is_known(v)) continue;
                            Provider q = generated_[i];
                            q[f->index] = v;
                            generated_.push_back(std::move(q));
                            decisions_.emplace_back();
                        }
        }
    }

    // Outcomes per kind in scope, and the kinds no generated provider gets an offer in.
    void tally_outcomes() {
        for (size_t i = 0; i < generated_.size(); ++i) {
            if (!decisions_[i]) continue;
            const auto* k = std::get_if<EnumValue>(&generated_[i][kind_field_->index]);
            if (!k) continue;
            const int kind = k->index;
            if (std::find(policy_.scope.kinds.begin(), policy_.scope.kinds.end(), kind) == policy_.scope.kinds.end()) continue;
            ++out_.outcomes[kind_field_->values[static_cast<size_t>(kind)]][decisions_[i]->outcome];
        }
        for (int k : policy_.scope.kinds) {
            const auto& counts = out_.outcomes[kind_field_->values[static_cast<size_t>(k)]];
            const auto count = [&](Outcome o) {
                const auto it = counts.find(o);
                return it == counts.end() ? size_t{0} : it->second;
            };
            if (count(Outcome::Offer) + count(Outcome::Review) == 0)
                out_.kinds_without_offer.push_back(kind_field_->values[static_cast<size_t>(k)]);
        }
    }

    // A parameter is used when a condition names it (param "x"), or, read only by functions, when
    // changing it changes some generated decision.
    void find_unused_params() {
        std::vector<int> named;
        for (const auto& r : policy_.rules)
            for (const ConditionPtr& c : {r.applies, r.test, r.review_instead})
                if (c) params_in(*c, named);
        for (size_t pi = 0; pi < policy_.params.size(); ++pi) {
            const bool is_named = std::find(named.begin(), named.end(), static_cast<int>(pi)) != named.end();
            if (!policy_.params[pi].withdrawn.empty()) {
                if (is_named)
                    out_.unused_params.push_back(policy_.params[pi].name + " (removed with remove_param, yet a rule still uses it)");
                continue;
            }
            if (is_named) continue;
            if (!param_matters(pi)) out_.unused_params.push_back(policy_.params[pi].name);
        }
    }

    bool param_matters(size_t pi) {
        for (const auto& alt : param_alternatives(policy_.params[pi], params_.values[pi])) {
            ParamValues changed = params_;
            changed.values[pi] = alt;
            for (size_t i = 0; i < generated_.size(); ++i) {
                if (!decisions_[i]) continue;
                const auto d = runner_.run(generated_[i], changed, false);
                if (!d || !same_decision(*d, *decisions_[i])) return true;
            }
        }
        return false;
    }

    const Policy& policy_;
    const Schema& schema_;
    const ParamValues& params_;
    RunCheckOptions options_;
    const Field* kind_field_;
    const Field* agb_field_;
    PolicyRunCheck& out_;
    Runner runner_;
    Representatives reps_;
    Random random_;
    std::vector<Provider> generated_;
    std::vector<std::optional<Decision>> decisions_;
};

}  // namespace

PolicyRunCheck run_policy_check(Evaluator& ev, size_t index, const ParamValues& params, RunCheckOptions options) {
    const Policy& policy = ev.policy(index);
    PolicyRunCheck out;
    const Field* kind_field = policy.schema->find("kind");
    const Field* agb_field = policy.schema->find("agb");
    if (!kind_field || !agb_field) return out;
    CheckRun(policy, params, ev, index, options, kind_field, agb_field, out).run();
    return out;
}

}  // namespace inkoop

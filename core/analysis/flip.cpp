#include "core/analysis/flip.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <set>

namespace inkoop {
namespace {

using Op = Condition::Op;

// A step just past a threshold: a day for dates, 1 for whole numbers, 0.01 otherwise.
Value step(const Field& f, const Value& v, int direction) {
    if (const auto* d = std::get_if<Date>(&v)) return d->add_days(direction);
    const double n = as_number(v).value_or(0);
    if (f.type == FieldType::Int) return static_cast<int64_t>(n) + direction;
    return n + 0.01 * direction;
}

Value as_field_value(const Field& f, const Value& v) {
    if (f.type == FieldType::Int)
        if (const auto n = as_number(v)) return static_cast<int64_t>(*n);
    return v;
}

class Collector {
public:
    Collector(const Rule& rule, const Schema& schema, const ParamValues& params, std::vector<FactChange>& out)
        : rule_(rule), schema_(schema), params_(params), out_(out) {}

    // Changes that would make `c` evaluate to `target`.
    void want(const Condition& c, bool target) {
        switch (c.op) {
        case Op::All:
        case Op::Any:
            for (const auto& child : c.children) want(*child, target);
            return;
        case Op::Not: want(*c.children.front(), !target); return;
        case Op::IsTrue: return add(c, target, target ? "= true" : "= false");
        case Op::IsFalse: return add(c, !target, target ? "= false" : "= true");
        case Op::Absent:
            if (target) add_value(c.field, Value{}, "unknown");
            return;
        case Op::Equals:
            if (target) add_value(c.field, as_field_value(field(c), operand(c)), "= " + text(c, operand(c)));
            return;
        case Op::OneOf:
            if (target)
                for (const auto& v : c.set) add_value(c.field, as_field_value(field(c), v), "= " + text(c, v));
            return;
        case Op::AtMost: return bound(c, target, operand(c), step(field(c), operand(c), 1), "<=", ">");
        case Op::AtLeast: return bound(c, target, operand(c), step(field(c), operand(c), -1), ">=", "<");
        case Op::Below: return bound(c, target, step(field(c), operand(c), -1), operand(c), "<", ">=");
        case Op::Above: return bound(c, target, step(field(c), operand(c), 1), operand(c), ">", "<=");
        default: return;  // parameters, script checks, always: not provider facts to change
        }
    }

private:
    const Field& field(const Condition& c) const { return schema_.at(c.field); }
    const Value& operand(const Condition& c) const { return operand_of(c, params_); }
    std::string text(const Condition& c, const Value& v) const { return format_value(as_field_value(field(c), v), field(c)); }

    void bound(const Condition& c, bool target, const Value& yes, const Value& no, const char* op_yes, const char* op_no) {
        const Value& v = target ? yes : no;
        add_value(c.field, as_field_value(field(c), v), fmt::format("{} {}", target ? op_yes : op_no, text(c, operand(c))));
    }

    void add(const Condition& c, bool value, const char* words) { add_value(c.field, value, words); }

    void add_value(int f, Value v, const std::string& words) {
        FactChange ch{f, std::move(v), schema_.at(f).name + " " + words, rule_.code, rule_.section};
        if (std::find(out_.begin(), out_.end(), ch) == out_.end()) out_.push_back(std::move(ch));
    }

    const Rule& rule_;
    const Schema& schema_;
    const ParamValues& params_;
    std::vector<FactChange>& out_;
};

bool has_code(const std::vector<Item>& items, const std::string& code) {
    return std::any_of(items.begin(), items.end(), [&](const Item& i) { return i.code == code; });
}

bool contains_field(const Condition& c, int field) {
    if (c.field == field) return true;
    return std::any_of(c.children.begin(), c.children.end(), [&](const ConditionPtr& ch) { return contains_field(*ch, field); });
}

bool proposes_contract(Outcome o) { return o == Outcome::Offer || o == Outcome::Review; }

}  // namespace

std::vector<FactChange> flip_candidates(const Policy& policy, const Provider& p, const Decision& d, const ParamValues& params) {
    const Schema& schema = p.schema();
    std::vector<FactChange> out;
    for (const auto& rule : policy.rules) {
        const bool ground = has_code(d.grounds, rule.code);
        const bool open = std::any_of(d.missing.begin(), d.missing.end(), [&](const std::string& m) {
            const Field* f = schema.find(m);
            return f && (contains_field(*rule.test, f->index) || (rule.applies && contains_field(*rule.applies, f->index)));
        });
        if (!ground && !open) continue;
        if (rule.effect != Effect::Require && rule.effect != Effect::RefuseIf && !open) continue;
        Collector collect(rule, schema, params, out);
        // A requirement passes when its test holds; a refusal ground lifts when its test fails;
        // either stops mattering when the rule no longer applies.
        if (rule.effect == Effect::Require)
            collect.want(*rule.test, true);
        else if (rule.effect == Effect::RefuseIf)
            collect.want(*rule.test, false);
        else
            collect.want(*rule.test, false);
        if (rule.applies) collect.want(*rule.applies, false);
    }
    // Scope: a provider of another kind cannot be flipped by its facts.
    (void)p;
    return out;
}

FlipResult search_flips(Evaluator& ev, size_t policy_index, const Provider& p, const ParamValues& params, FlipOptions options) {
    const Policy& policy = ev.policy(policy_index);
    const auto decide = [&](const Provider& q) { return ev.decide_or_throw(policy_index, q, params); };
    FlipResult result;
    const Decision start = decide(p);
    ++result.evaluations;
    if (proposes_contract(start.outcome)) return result;

    struct State {
        std::vector<FactChange> changes;
        Provider provider;
        Decision decision;
    };
    std::vector<State> frontier{{{}, p, start}};
    std::set<std::vector<std::pair<int, std::string>>> seen;
    const auto key = [](const std::vector<FactChange>& cs) {
        std::vector<std::pair<int, std::string>> k;
        for (const auto& c : cs) k.emplace_back(c.field, c.constraint);
        std::sort(k.begin(), k.end());
        return k;
    };
    // A solution that contains a smaller one adds nothing.
    const auto covers_known = [&](const std::vector<FactChange>& cs) {
        return std::any_of(result.solutions.begin(), result.solutions.end(), [&](const FlipSolution& s) {
            return std::all_of(s.changes.begin(), s.changes.end(),
                               [&](const FactChange& c) { return std::find(cs.begin(), cs.end(), c) != cs.end(); });
        });
    };
    for (size_t depth = 1; depth <= options.max_changes && !frontier.empty(); ++depth) {
        std::vector<State> next;
        for (const auto& state : frontier) {
            for (const auto& change : flip_candidates(policy, state.provider, state.decision, params)) {
                if (std::any_of(state.changes.begin(), state.changes.end(), [&](const FactChange& c) { return c.field == change.field; }))
                    continue;
                std::vector<FactChange> changes = state.changes;
                changes.push_back(change);
                if (!seen.insert(key(changes)).second || covers_known(changes)) continue;
                if (result.evaluations >= options.max_evaluations) {
                    result.exhausted = true;
                    break;
                }
                Provider q = state.provider;
                q[change.field] = change.value;
                Decision d = decide(q);
                ++result.evaluations;
                if (proposes_contract(d.outcome))
                    result.solutions.push_back({changes, d.outcome});
                else
                    next.push_back({std::move(changes), std::move(q), std::move(d)});
            }
        }
        frontier = std::move(next);
        if (result.solutions.size() >= options.max_solutions) break;
    }
    std::stable_sort(result.solutions.begin(), result.solutions.end(), [](const FlipSolution& a, const FlipSolution& b) {
        if (a.changes.size() != b.changes.size()) return a.changes.size() < b.changes.size();
        return a.outcome == Outcome::Offer && b.outcome != Outcome::Offer;
    });
    if (result.solutions.size() > options.max_solutions) result.solutions.resize(options.max_solutions);
    return result;
}

std::string describe_change(const FactChange& c) { return fmt::format("{} ({} {})", c.constraint, c.section, c.rule); }

std::string describe_change(const FactChange& c, const Schema& schema, Lang lang) {
    if (lang == Lang::En) return describe_change(c);
    const Field& f = schema.at(c.field);
    return fmt::format("{}: {} ({} {})", f.label(lang), found_value_text(c.value, &f, lang), c.section, c.rule);
}

nlohmann::ordered_json flips_json(const FlipResult& result, const Schema& schema) {
    auto a = nlohmann::ordered_json::array();
    for (const auto& sol : result.solutions) {
        nlohmann::ordered_json s;
        s["outcome"] = outcome_name(sol.outcome);
        auto changes = nlohmann::ordered_json::array();
        for (const auto& c : sol.changes) {
            const Field& f = schema.at(c.field);
            changes.push_back({{"field", f.name},
                               {"value", is_known(c.value) ? format_value(c.value, f) : "unknown"},
                               {"constraint", c.constraint},
                               {"rule", c.rule},
                               {"section", c.section}});
        }
        s["changes"] = std::move(changes);
        a.push_back(std::move(s));
    }
    return a;
}

}  // namespace inkoop

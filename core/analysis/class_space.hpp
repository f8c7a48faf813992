// The space of provider classes the exhaustive analyses walk (`inkoop analyze`, `analyze --diff`
// and its outcome transitions): per field the classes its constants make (Domain), the search
// over partial assignments with three-valued pruning (Space), and the words for sets of classes.
// Internal to core/analysis.
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <numeric>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/analysis/analyze.hpp"
#include "core/model/condition.hpp"
#include "core/model/policy.hpp"

namespace inkoop::class_space {

constexpr uint8_t kF = 1, kT = 2, kU = 4, kAny = 7;

constexpr size_t kMaxTable = 50000;    // tuples tabulated for one rule (or a pair of rules)
constexpr size_t kMaxNodes = 2000000;  // partial assignments one search may examine

inline uint8_t bit(Tri t) { return t == Tri::True ? kT : t == Tri::False ? kF : kU; }

inline Tri k_and(Tri a, Tri b) {
    if (a == Tri::False || b == Tri::False) return Tri::False;
    if (a == Tri::Unknown || b == Tri::Unknown) return Tri::Unknown;
    return Tri::True;
}

inline Tri k_or(Tri a, Tri b) { return tri_not(k_and(tri_not(a), tri_not(b))); }

inline uint8_t set_op(uint8_t a, uint8_t b, Tri (*op)(Tri, Tri)) {
    uint8_t out = 0;
    for (Tri x : {Tri::False, Tri::True, Tri::Unknown})
        for (Tri y : {Tri::False, Tri::True, Tri::Unknown})
            if ((a & bit(x)) && (b & bit(y))) out |= bit(op(x, y));
    return out;
}

inline uint8_t set_not(uint8_t a) { return static_cast<uint8_t>((a & kU) | ((a & kT) ? kF : 0) | ((a & kF) ? kT : 0)); }

// The classes of one field: 0 is unknown; then, ordered, the points and intervals between the
// constants (numbers, dates), or each value (enums, bools, texts and "any other text").
struct Domain {
    int field = -1;
    bool ordered = false;
    std::vector<Value> reps;
    std::vector<std::string> lower, upper;  // ordered classes: their bounds in words ("> 8", ">= 8", "")
    std::vector<std::string> label;         // the class alone in words
};

// What a rule contributes when it holds.
enum class Part { Ground, Review, Other };

// One requirement on a rule's result in a search: its result (holds/does not/unknown) must be in
// `h`, and, when it holds, its review_instead condition in `ri`.
struct Want {
    const Rule* rule;
    const ParamValues* params;
    uint8_t h = kAny;
    uint8_t ri = kAny;
};

std::string num(double x);

Domain make_domain(const Field& f, std::vector<double> numbers, std::vector<Date> dates, std::vector<std::string> texts);

// A set of classes of one field in words: runs of ordered classes as ranges, values listed.
// In English with the field's name ("locations > 3"), in another language with its label.
std::string describe_classes(const Domain& d, const Field& f, const std::vector<bool>& in, Lang lang = Lang::En);

Part part_of(const Rule& r);

void fields_of(const Rule& r, std::vector<int>& out);

bool has_custom(const Condition& c);

bool has_param(const Condition& c);

bool has_param(const Rule& r);

bool has_custom(const Rule& r);

std::vector<Domain> domains_for(const std::vector<const AnalyzedPolicy*>& policies, const Schema& schema);

nlohmann::ordered_json witness_json(const Provider& p, const Schema& schema);

// Decides a witness; facts a script asks for that no condition reads are filled in from their
// representative values until the decision stops asking (or a few rounds pass).
std::optional<Decision> settle_witness(Provider& p, const AnalyzedPolicy& ap, const Schema& schema, int year, const std::vector<int>& keep);

bool has_code(const std::vector<Item>& items, const std::string& code);

std::string item_name(const Rule& r);

class Space {
public:
    Space(const Schema& schema, std::vector<Domain> domains, int kind) : schema_(schema), p_(schema), kind_(kind) {
        for (auto& d : domains) domain_[d.field] = std::move(d);
        if (const Field* k = schema.find("kind")) p_[k->index] = EnumValue{kind};
        if (const Field* a = schema.find("agb")) p_[a->index] = std::string("99999999");
        cls_.assign(static_cast<size_t>(schema.size()), -1);
    }

    const Domain* domain(int field) const {
        const auto it = domain_.find(field);
        return it == domain_.end() ? nullptr : &it->second;
    }
    size_t classes() const {
        size_t n = 0;
        for (const auto& [f, d] : domain_) n += d.reps.size();
        return n;
    }
    size_t nodes = 0;

    void assign(int field, int c) {
        cls_[static_cast<size_t>(field)] = c;
        p_[field] = c < 0 ? Value{} : domain_.at(field).reps[static_cast<size_t>(c)];
    }

    // The results a condition can still have, given the fields assigned so far.
    uint8_t possible(const Condition& c, const ParamValues& params) {
        using Op = Condition::Op;
        switch (c.op) {
        case Op::Always: return kT;
        case Op::Custom: return kAny;
        case Op::Param: return param_holds(c, params) ? kT : kF;
        case Op::Not: return set_not(possible(*c.children.front(), params));
        case Op::All:
        case Op::Any: {
            uint8_t acc = c.op == Op::All ? kT : kF;
            for (const auto& ch : c.children) acc = set_op(acc, possible(*ch, params), c.op == Op::All ? k_and : k_or);
            return acc;
        }
        default: break;
        }
        const EvalEnv env{p_, schema_, params, nullptr};
        if (cls_[static_cast<size_t>(c.field)] >= 0 || !domain(c.field)) return bit(evaluate(c, env, scratch_));
        const Domain& d = *domain(c.field);
        uint8_t out = 0;
        for (size_t k = 0; k < d.reps.size(); ++k) {
            p_[c.field] = d.reps[k];
            out |= bit(evaluate(c, env, scratch_));
        }
        p_[c.field] = Value{};
        return out;
    }

    // The results a rule can still have (and of its review_instead condition).
    std::pair<uint8_t, uint8_t> rule_possible(const Rule& r, const ParamValues& params) {
        if (!r.applies_to(kind_)) return {kF, kF};
        const uint8_t a = r.applies ? possible(*r.applies, params) : kT;
        uint8_t t = possible(*r.test, params);
        if (r.effect == Effect::Require) t = set_not(t);
        const uint8_t h = set_op(a, t, k_and);
        const uint8_t ri = r.review_instead ? possible(*r.review_instead, params) : kF;
        return {h, ri};
    }

    bool fits(const Want& w) {
        const auto [h, ri] = rule_possible(*w.rule, *w.params);
        if (!(h & w.h)) return false;
        if (w.ri != kAny && (w.h & kT) && !(w.h & (kF | kU)) && !(ri & w.ri)) return false;
        return true;
    }

    // Finds classes for the wants' fields that meet every want; false when there are none (or
    // the search budget ran out: `exhausted`). Leaves the solution assigned.
    bool solve(const std::vector<Want>& wants, bool& exhausted) {
        // Groups of wants that share no field are solved one after the other.
        std::vector<std::vector<int>> fields(wants.size());
        for (size_t i = 0; i < wants.size(); ++i) fields_of(*wants[i].rule, fields[i]);
        std::vector<size_t> parent(wants.size());
        std::iota(parent.begin(), parent.end(), 0);
        const std::function<size_t(size_t)> root = [&](size_t x) { return parent[x] == x ? x : parent[x] = root(parent[x]); };
        std::map<int, size_t> owner;
        for (size_t i = 0; i < wants.size(); ++i)
            for (int f : fields[i]) {
                if (!domain(f) || cls_[static_cast<size_t>(f)] >= 0) continue;
                const auto [it, added] = owner.emplace(f, i);
                if (!added) parent[root(i)] = root(it->second);
            }
        std::map<size_t, std::vector<size_t>> groups;
        for (size_t i = 0; i < wants.size(); ++i) groups[root(i)].push_back(i);
        for (const auto& [r, members] : groups) {
            std::vector<Want> ws;
            std::vector<int> fs;
            for (size_t i : members) {
                ws.push_back(wants[i]);
                for (int f : fields[i])
                    if (domain(f) && cls_[static_cast<size_t>(f)] < 0) fs.push_back(f);
            }
            std::sort(fs.begin(), fs.end());
            fs.erase(std::unique(fs.begin(), fs.end()), fs.end());
            // Fields of earlier rules first: a rule is settled as soon as possible.
            std::vector<int> order;
            for (size_t i : members)
                for (int f : fields[i])
                    if (std::find(fs.begin(), fs.end(), f) != fs.end() && std::find(order.begin(), order.end(), f) == order.end())
                        order.push_back(f);
            size_t budget = kMaxNodes;
            if (!dfs(ws, order, 0, budget)) {
                exhausted = exhausted || budget == 0;
                return false;
            }
        }
        return true;
    }

    void clear(const std::vector<int>& keep) {
        for (size_t f = 0; f < cls_.size(); ++f)
            if (cls_[f] >= 0 && std::find(keep.begin(), keep.end(), static_cast<int>(f)) == keep.end()) assign(static_cast<int>(f), -1);
    }
    void clear_all() { clear({}); }
    // Every field with classes as `p` has it (to classify a provider of a list); clear_all() after.
    void load(const Provider& p) {
        for (const auto& [f, d] : domain_) {
            cls_[static_cast<size_t>(f)] = 0;
            p_[f] = p[f];
        }
    }
    // The fields the last search assigned (unknown included): a witness keeps them as they are.
    std::vector<int> assigned() const {
        std::vector<int> out;
        for (size_t f = 0; f < cls_.size(); ++f)
            if (cls_[f] >= 0) out.push_back(static_cast<int>(f));
        return out;
    }
    const Provider& provider() const { return p_; }

private:
    bool dfs(const std::vector<Want>& ws, const std::vector<int>& order, size_t i, size_t& budget) {
        if (budget == 0) return false;
        --budget;
        ++nodes;
        for (const auto& w : ws)
            if (!fits(w)) return false;
        if (i == order.size()) return true;
        const int f = order[i];
        const Domain& d = *domain(f);
        // Known values first (a witness with facts reads better than one with gaps).
        for (size_t k = 1; k <= d.reps.size(); ++k) {
            assign(f, static_cast<int>(k % d.reps.size()));
            if (dfs(ws, order, i + 1, budget)) return true;
        }
        assign(f, -1);
        return false;
    }

    const Schema& schema_;
    Provider p_;
    int kind_;
    std::vector<int> cls_;
    std::unordered_map<int, Domain> domain_;
    std::vector<int> scratch_;
};

// The classes of `fields` where the tuples lie, as a short description: tuples merged while they
// differ in one field only, then widened where the wider term stays inside.
std::string describe_tuples(const std::vector<std::vector<int>>& tuples, const std::vector<int>& fields, Space& space, const Schema& schema,
                            Lang lang = Lang::En);

// The fields among `fs` that have classes in `space`.
std::vector<int> known_fields(const std::vector<int>& fs, const Space& space);

// Every combination of the classes of `fields` (at most kMaxTable), with `visit` on each.
template <class Visit>
bool for_each_tuple(Space& space, const std::vector<int>& fields, Visit&& visit) {
    size_t total = 1;
    for (int f : fields) {
        total *= space.domain(f)->reps.size();
        if (total > kMaxTable) return false;
    }
    std::vector<int> t(fields.size(), 0);
    for (size_t n = 0; n < total; ++n) {
        size_t x = n;
        for (size_t i = 0; i < fields.size(); ++i) {
            const size_t size = space.domain(fields[i])->reps.size();
            t[i] = static_cast<int>(x % size);
            x /= size;
            space.assign(fields[i], t[i]);
        }
        ++space.nodes;
        visit(t);
    }
    for (int f : fields) space.assign(f, -1);
    return true;
}

// Two policies analysed together (analyze --diff, rule by rule or as outcome transitions): over
// A's schema, with the classes the constants of both make.
class PolicyPair {
protected:
    PolicyPair(const AnalyzedPolicy& pa, const AnalyzedPolicy& pb)
        : pa_(pa), pb_(pb), A_(*pa.policy), B_(*pb.policy), schema_(*A_.schema), kind_field_(schema_.find("kind")),
          domains_(domains_for({&pa_, &pb_}, schema_)) {}

    // A witness decided under both; facts a script asks for filled in as the single analysis does.
    std::optional<std::pair<Decision, Decision>> decide_both(Provider& p, const std::vector<int>& keep) const;

    const AnalyzedPolicy& pa_;
    const AnalyzedPolicy& pb_;
    const Policy& A_;
    const Policy& B_;
    const Schema& schema_;
    const Field* kind_field_;
    const std::vector<Domain> domains_;
};

}  // namespace inkoop::class_space

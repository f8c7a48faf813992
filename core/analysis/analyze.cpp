#include "core/analysis/analyze.hpp"
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
namespace {

constexpr uint8_t kF = 1, kT = 2, kU = 4, kAny = 7;
constexpr size_t kMaxTable = 50000;    // tuples tabulated for one rule (or a pair of rules)
constexpr size_t kMaxNodes = 2000000;  // partial assignments one search may examine

uint8_t bit(Tri t) { return t == Tri::True ? kT : t == Tri::False ? kF : kU; }

Tri k_and(Tri a, Tri b) {
    if (a == Tri::False || b == Tri::False) return Tri::False;
    if (a == Tri::Unknown || b == Tri::Unknown) return Tri::Unknown;
    return Tri::True;
}
Tri k_or(Tri a, Tri b) { return tri_not(k_and(tri_not(a), tri_not(b))); }

uint8_t set_op(uint8_t a, uint8_t b, Tri (*op)(Tri, Tri)) {
    uint8_t out = 0;
    for (Tri x : {Tri::False, Tri::True, Tri::Unknown})
        for (Tri y : {Tri::False, Tri::True, Tri::Unknown})
            if ((a & bit(x)) && (b & bit(y))) out |= bit(op(x, y));
    return out;
}
uint8_t set_not(uint8_t a) { return static_cast<uint8_t>((a & kU) | ((a & kT) ? kF : 0) | ((a & kF) ? kT : 0)); }

std::string num(double x) {
    if (x == std::floor(x) && std::fabs(x) < 1e15) return fmt::format("{}", static_cast<long long>(x));
    return fmt::format("{}", x);
}

// The classes of one field: 0 is unknown; then, ordered, the points and intervals between the
// constants (numbers, dates), or each value (enums, bools, texts and "any other text").
struct Domain {
    int field = -1;
    bool ordered = false;
    std::vector<Value> reps;
    std::vector<std::string> lower, upper;  // ordered classes: their bounds in words ("> 8", ">= 8", "")
    std::vector<std::string> label;         // the class alone in words
};

Domain make_domain(const Field& f, std::vector<double> numbers, std::vector<Date> dates, std::vector<std::string> texts) {
    Domain d;
    d.field = f.index;
    const auto add = [&](Value v, std::string lo, std::string up, std::string label) {
        d.reps.push_back(std::move(v));
        d.lower.push_back(std::move(lo));
        d.upper.push_back(std::move(up));
        d.label.push_back(std::move(label));
    };
    add(Value{}, "", "", "unknown");
    const std::string& n = f.name;
    switch (f.type) {
    case FieldType::Bool:
        add(true, "", "", n + " = true");
        add(false, "", "", n + " = false");
        return d;
    case FieldType::Enum:
        for (size_t i = 0; i < f.values.size(); ++i) add(EnumValue{static_cast<int>(i)}, "", "", n + " = " + f.values[i]);
        return d;
    case FieldType::String:
        std::sort(texts.begin(), texts.end());
        texts.erase(std::unique(texts.begin(), texts.end()), texts.end());
        for (const auto& t : texts) add(t, "", "", n + " = " + t);
        add(std::string("(any other text)"), "", "", n + " is another text");
        return d;
    default: break;
    }
    d.ordered = true;
    if (f.type == FieldType::Date) {
        std::sort(dates.begin(), dates.end());
        dates.erase(std::unique(dates.begin(), dates.end()), dates.end());
        const auto lo_date = Date::from_ymd(kMinYear, 1, 1), hi_date = Date::from_ymd(kMaxYear, 12, 31);
        if (dates.empty()) {
            add(*Date::from_ymd(2000, 1, 1), "", "", n + " known");
            return d;
        }
        if (dates.front() > *lo_date) add(dates.front().add_days(-1), "", "< " + dates.front().iso(), n + " < " + dates.front().iso());
        for (size_t i = 0; i < dates.size(); ++i) {
            add(dates[i], ">= " + dates[i].iso(), "<= " + dates[i].iso(), n + " = " + dates[i].iso());
            const Date next = i + 1 < dates.size() ? dates[i + 1] : *hi_date;
            if (dates[i].add_days(1) < next || (i + 1 == dates.size() && dates[i] < *hi_date))
                add(dates[i].add_days(1), "> " + dates[i].iso(), i + 1 < dates.size() ? "< " + dates[i + 1].iso() : "",
                    i + 1 < dates.size() ? fmt::format("{} < {} < {}", dates[i].iso(), n, dates[i + 1].iso()) : n + " > " + dates[i].iso());
        }
        return d;
    }
    const bool integral = f.type == FieldType::Int;
    std::sort(numbers.begin(), numbers.end());
    numbers.erase(std::unique(numbers.begin(), numbers.end()), numbers.end());
    const double lo = f.min.value_or(-1e18), hi = f.max.value_or(1e18);
    numbers.erase(std::remove_if(numbers.begin(), numbers.end(), [&](double c) { return c < lo || c > hi; }), numbers.end());
    const auto value = [&](double x) { return integral ? Value{static_cast<int64_t>(x)} : Value{x}; };
    if (numbers.empty()) {
        add(value(std::max(lo, 0.0)), "", "", n + " known");
        return d;
    }
    // Below the first constant.
    {
        const double c = numbers.front();
        double rep = integral ? std::ceil(c) - 1 : (lo > -1e17 ? (lo + c) / 2 : c - 1);
        if (rep >= lo && rep < c) add(value(rep), "", "< " + num(c), n + " < " + num(c));
    }
    for (size_t i = 0; i < numbers.size(); ++i) {
        const double c = numbers[i];
        if (!integral || c == std::floor(c)) add(value(c), ">= " + num(c), "<= " + num(c), n + " = " + num(c));
        const double next = i + 1 < numbers.size() ? numbers[i + 1] : hi;
        double rep = integral ? std::floor(c) + 1 : (i + 1 < numbers.size() ? (c + next) / 2 : (hi < 1e17 ? (c + hi) / 2 : c + 1));
        const bool last = i + 1 == numbers.size();
        if (rep > c && (last ? rep <= hi : rep < next))
            add(value(rep), "> " + num(c), last ? "" : "< " + num(next),
                last ? n + " > " + num(c) : fmt::format("{} < {} < {}", num(c), n, num(next)));
    }
    return d;
}

// A set of classes of one field in words: runs of ordered classes as ranges, values listed.
std::string describe_classes(const Domain& d, const Field& f, const std::vector<bool>& in) {
    std::vector<std::string> parts;
    const size_t n = d.reps.size();
    if (d.ordered) {
        for (size_t i = 1; i < n;) {
            if (!in[i]) {
                ++i;
                continue;
            }
            size_t j = i;
            while (j + 1 < n && in[j + 1]) ++j;
            const std::string& lo = d.lower[i];
            const std::string& up = d.upper[j];
            if (i == j)
                parts.push_back(d.label[i]);
            else if (lo.empty() && up.empty())
                parts.push_back(f.name + " known");
            else if (lo.empty())
                parts.push_back(f.name + " " + up);
            else if (up.empty())
                parts.push_back(f.name + " " + lo);
            else
                parts.push_back(fmt::format("{} {} and {}", f.name, lo, up));
            i = j + 1;
        }
    } else {
        std::vector<std::string> yes, no;
        for (size_t i = 1; i < n; ++i) (in[i] ? yes : no).push_back(d.label[i].substr(f.name.size() + 3));
        if (f.type == FieldType::Bool || yes.size() == 1)
            for (size_t i = 1; i < n; ++i) {
                if (in[i]) parts.push_back(d.label[i]);
            }
        else if (no.size() < yes.size() && !no.empty())
            parts.push_back(fmt::format("{} not in {{{}}}", f.name, fmt::join(no, ", ")));
        else if (!yes.empty())
            parts.push_back(no.empty() ? f.name + " known" : fmt::format("{} in {{{}}}", f.name, fmt::join(yes, ", ")));
    }
    if (in[0]) parts.push_back(f.name + " unknown");
    return fmt::format("{}", fmt::join(parts, " or "));
}

// What a rule contributes when it holds.
enum class Part { Ground, Review, Other };
Part part_of(const Rule& r) {
    if (r.effect == Effect::Require || r.effect == Effect::RefuseIf) return Part::Ground;
    if (r.effect == Effect::ReviewIf) return Part::Review;
    return Part::Other;
}

void fields_of(const Rule& r, std::vector<int>& out) {
    for (const ConditionPtr& c : {r.applies, r.test, r.review_instead})
        if (c) collect_fields(*c, out);
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
}

bool has_custom(const Condition& c) {
    if (c.op == Condition::Op::Custom) return true;
    return std::any_of(c.children.begin(), c.children.end(), [](const ConditionPtr& ch) { return has_custom(*ch); });
}
bool has_param(const Condition& c) {
    if (c.op == Condition::Op::Param) return true;
    return std::any_of(c.children.begin(), c.children.end(), [](const ConditionPtr& ch) { return has_param(*ch); });
}
bool has_param(const Rule& r) {
    for (const ConditionPtr& c : {r.applies, r.test, r.review_instead})
        if (c && has_param(*c)) return true;
    return false;
}

bool has_custom(const Rule& r) {
    for (const ConditionPtr& c : {r.applies, r.test, r.review_instead})
        if (c && has_custom(*c)) return true;
    return false;
}

// One requirement on a rule's result in a search: its result (holds/does not/unknown) must be in
// `h`, and, when it holds, its review_instead condition in `ri`.
struct Want {
    const Rule* rule;
    const ParamValues* params;
    uint8_t h = kAny;
    uint8_t ri = kAny;
};

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

std::vector<Domain> domains_for(const std::vector<const AnalyzedPolicy*>& policies, const Schema& schema) {
    std::map<int, FieldCuts> cuts;
    for (const AnalyzedPolicy* ap : policies) {
        const Policy* p = ap->policy;
        std::unordered_map<int, FieldCuts> c;
        for (const auto& r : p->rules)
            for (const ConditionPtr& cond : {r.applies, r.test, r.review_instead})
                if (cond) collect_cuts(*cond, ap->params, c);
        for (auto& [f, fc] : c) {
            auto& into = cuts[f];
            into.field = f;
            into.numbers.insert(into.numbers.end(), fc.numbers.begin(), fc.numbers.end());
            into.dates.insert(into.dates.end(), fc.dates.begin(), fc.dates.end());
            into.texts.insert(into.texts.end(), fc.texts.begin(), fc.texts.end());
        }
        // Fields read only through known/absent have no constants: they still get their classes.
        for (const auto& r : p->rules) {
            std::vector<int> fs;
            fields_of(r, fs);
            for (int f : fs) cuts[f].field = f;
        }
    }
    std::vector<Domain> out;
    for (auto& [f, c] : cuts)
        if (schema.at(f).name != "kind") out.push_back(make_domain(schema.at(f), c.numbers, c.dates, c.texts));
    return out;
}

nlohmann::ordered_json witness_json(const Provider& p, const Schema& schema) { return provider_to_json(p, schema); }

// Decides a witness; facts a script asks for that no condition reads are filled in from their
// representative values until the decision stops asking (or a few rounds pass).
std::optional<Decision> settle_witness(Provider& p, const AnalyzedPolicy& ap, const Schema& schema, int year,
                                       const std::vector<int>& keep) {
    for (int round = 0; round < 6; ++round) {
        Decision d;
        try {
            d = ap.decide(p, ap.params);
        } catch (const std::exception&) {
            return std::nullopt;
        }
        if (d.outcome != Outcome::Incomplete || d.missing.empty()) return d;
        bool changed = false;
        for (const auto& m : d.missing) {
            const Field* f = schema.find(m);
            if (!f || is_known(p[f->index]) || std::find(keep.begin(), keep.end(), f->index) != keep.end()) continue;
            const auto reps = representative_values(*f, {}, {}, {}, year);
            if (reps.size() > 1) {
                p[f->index] = reps[1];
                changed = true;
            }
        }
        if (!changed) return d;
    }
    return std::nullopt;
}

bool has_code(const std::vector<Item>& items, const std::string& code) {
    return std::any_of(items.begin(), items.end(), [&](const Item& i) { return i.code == code; });
}

// The classes of `fields` (the rule's own) where `pick` holds, as a short description:
// tuples merged while they differ in one field only.
std::string describe_tuples(const std::vector<std::vector<int>>& tuples, const std::vector<int>& fields, Space& space,
                            const Schema& schema) {
    if (tuples.empty()) return "never";
    // Terms: per field the set of classes.
    std::vector<std::vector<std::vector<bool>>> terms;
    for (const auto& t : tuples) {
        std::vector<std::vector<bool>> term;
        for (size_t i = 0; i < fields.size(); ++i) {
            std::vector<bool> s(space.domain(fields[i])->reps.size(), false);
            s[static_cast<size_t>(t[i])] = true;
            term.push_back(std::move(s));
        }
        terms.push_back(std::move(term));
    }
    for (bool merged = true; merged && terms.size() > 1;) {
        merged = false;
        for (size_t a = 0; a < terms.size() && !merged; ++a)
            for (size_t b = a + 1; b < terms.size() && !merged; ++b) {
                size_t diff = 0, at = 0;
                for (size_t i = 0; i < fields.size(); ++i)
                    if (terms[a][i] != terms[b][i]) ++diff, at = i;
                if (diff > 1) continue;
                if (diff == 1)
                    for (size_t k = 0; k < terms[a][at].size(); ++k) terms[a][at][k] = terms[a][at][k] || terms[b][at][k];
                terms.erase(terms.begin() + static_cast<long>(b));
                merged = true;
            }
    }
    // Widen each field of a term to every class when the wider term stays inside the tuples, then
    // drop terms another covers: "a = false; or section = III" rather than a list of cases.
    std::set<std::vector<int>> on(tuples.begin(), tuples.end());
    const auto covered = [&](const std::vector<std::vector<bool>>& term) {
        std::vector<int> t(fields.size(), 0);
        const std::function<bool(size_t)> walk = [&](size_t i) {
            if (i == fields.size()) return on.count(t) > 0;
            for (size_t k = 0; k < term[i].size(); ++k)
                if (term[i][k]) {
                    t[i] = static_cast<int>(k);
                    if (!walk(i + 1)) return false;
                }
            return true;
        };
        return walk(0);
    };
    for (auto& term : terms)
        for (size_t i = 0; i < fields.size(); ++i) {
            auto wider = term;
            std::fill(wider[i].begin(), wider[i].end(), true);
            if (wider != term && covered(wider)) term = std::move(wider);
        }
    const auto contains = [](const std::vector<std::vector<bool>>& big, const std::vector<std::vector<bool>>& small) {
        for (size_t i = 0; i < big.size(); ++i)
            for (size_t k = 0; k < big[i].size(); ++k)
                if (small[i][k] && !big[i][k]) return false;
        return true;
    };
    for (size_t a = 0; a < terms.size(); ++a)
        for (size_t b = 0; b < terms.size(); ++b)
            if (a != b && contains(terms[a], terms[b])) {
                terms.erase(terms.begin() + static_cast<long>(b));
                a = static_cast<size_t>(-1);
                break;
            }
    std::vector<std::string> out;
    for (const auto& term : terms) {
        std::vector<std::string> parts;
        for (size_t i = 0; i < fields.size(); ++i) {
            if (std::all_of(term[i].begin(), term[i].end(), [](bool x) { return x; })) continue;  // any value
            parts.push_back(describe_classes(*space.domain(fields[i]), schema.at(fields[i]), term[i]));
        }
        out.push_back(parts.empty() ? "always" : fmt::format("{}", fmt::join(parts, ", ")));
    }
    if (out.size() > 6) {
        const size_t more = out.size() - 5;
        out.resize(5);
        out.push_back(fmt::format("{} more combinations", more));
    }
    return fmt::format("{}", fmt::join(out, "; or "));
}

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

std::vector<int> known_fields(const std::vector<int>& fs, const Space& space) {
    std::vector<int> out;
    for (int f : fs)
        if (space.domain(f)) out.push_back(f);
    return out;
}

std::string item_name(const Rule& r) { return r.section + " " + r.code; }

}  // namespace

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
            reg.description = "every requirement met, no refusal ground or review point";
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
        const std::string description =
            t.tabulated ? describe_tuples(t.holds, t.fields, space, schema_) : describe(*r.test, schema_, &ap_.params);
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
                                     fmt::format("for {}: whenever it holds, another refusal ground holds too", kind)});
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
        reg.description = description;
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
            const Decision d = ap_.decide(p, ap_.params);
            if (d.outcome != Outcome::Incomplete) return;
            OutcomeRegion reg;
            reg.kind = kind;
            reg.outcome = Outcome::Incomplete;
            reg.description = fmt::format("a fact the decision needs is unknown (with nothing known: {})", fmt::join(d.missing, ", "));
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

bool in_scope(const Policy& p, int k) { return std::find(p.scope.kinds.begin(), p.scope.kinds.end(), k) != p.scope.kinds.end(); }

// Where two rules (one per policy, same code) contribute differently, per pair of results
// (under A, under B): the tuples of their fields' classes.
using PairRegions = std::map<std::pair<uint8_t, uint8_t>, std::vector<std::vector<int>>>;

// Where two policies decide differently, kind by kind (over the kinds either purchases) and rule
// code by rule code.
class DiffAnalyzer {
public:
    DiffAnalyzer(const AnalyzedPolicy& pa, const AnalyzedPolicy& pb)
        : pa_(pa), pb_(pb), A_(*pa.policy), B_(*pb.policy), schema_(*A_.schema), kind_field_(schema_.find("kind")),
          domains_(domains_for({&pa_, &pb_}, schema_)) {
        out_.a = A_.info.id;
        out_.b = B_.info.id;
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

    // Decided under both; facts a script asks for filled in as the single analysis does.
    std::optional<std::pair<Decision, Decision>> decide_both(Provider& p, const std::vector<int>& keep) const {
        const auto da = settle_witness(p, pa_, schema_, A_.info.year, keep);
        if (!da) return std::nullopt;
        const auto db = settle_witness(p, pb_, schema_, B_.info.year, keep);
        if (!db) return std::nullopt;
        // A fact B asked for may change A's decision: decide A again on the final provider.
        try {
            return std::make_pair(pa_.decide(p, pa_.params), *db);
        } catch (const std::exception&) {
            return std::nullopt;
        }
    }

    bool differ(const Decision& a, const Decision& b) const {
        return a.outcome != b.outcome || !compare_decisions(a, b, B_.info.year - A_.info.year).empty();
    }

    void analyze_kind(int k) {
        const std::string kind = kind_field_->values[static_cast<size_t>(k)];
        Space space(schema_, domains_, k);
        out_.classes += space.classes();
        if (in_scope(A_, k) != in_scope(B_, k)) {
            scope_region(space, k, kind);
        } else if (in_scope(A_, k)) {
            const auto rules_a = applicable(A_, k), rules_b = applicable(B_, k);
            for (const auto& code : codes_) code_regions(space, rules_a, rules_b, code, kind);
        }
        out_.nodes += space.nodes;
    }

    // One policy purchases this kind, the other does not: the whole kind differs.
    void scope_region(Space& space, int k, const std::string& kind) {
        const Policy& inside = in_scope(A_, k) ? A_ : B_;
        const AnalyzedPolicy& in_ap = in_scope(A_, k) ? pa_ : pb_;
        std::vector<Want> ws;
        for (const auto& r : inside.rules)
            if (r.effect != Effect::IfRefused && r.applies_to(k))
                ws.push_back({&r, &in_ap.params, static_cast<uint8_t>(part_of(r) == Part::Other ? (kF | kT) : kF), kAny});
        bool ex = false;
        space.clear_all();
        DiffRegion reg;
        reg.kind = kind;
        reg.change = "scope";
        reg.rule = "out_of_scope";
        reg.description = fmt::format("every {} (in scope of {} only)", kind, inside.info.id);
        reg.rule_a = in_scope(A_, k) ? "" : A_.scope.section + " out_of_scope";
        reg.rule_b = in_scope(B_, k) ? "" : B_.scope.section + " out_of_scope";
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
        for (const auto& [pair, tuples] : by_pair) {
            DiffRegion reg;
            reg.kind = kind;
            reg.rule = code;
            reg.rule_a = ra ? item_name(*ra) : "";
            reg.rule_b = rb ? item_name(*rb) : "";
            reg.change = !ra ? "added" : !rb ? "removed" : "changed";
            reg.description = tuples.empty() ? (ra ? describe(*ra->test, schema_, &pa_.params) : describe(*rb->test, schema_, &pb_.params))
                                             : describe_tuples(tuples, fs, space, schema_);
            const auto state = [](uint8_t h) { return h == kT ? "holds" : h == kF ? "does not hold" : "unknown"; };
            reg.description += fmt::format(" ({}: {} / {})", code, ra ? state(pair.first) : "absent", rb ? state(pair.second) : "absent");
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

    const AnalyzedPolicy& pa_;
    const AnalyzedPolicy& pb_;
    const Policy& A_;
    const Policy& B_;
    const Schema& schema_;
    const Field* kind_field_;
    const std::vector<Domain> domains_;
    DiffAnalysis out_;
    std::vector<std::string> codes_;
    std::set<std::string> changed_codes_;
    std::map<std::string, std::string> recited_codes_;
};

}  // namespace

DiffAnalysis analyze_diff(const AnalyzedPolicy& pa, const AnalyzedPolicy& pb) {
    const auto start = std::chrono::steady_clock::now();
    DiffAnalysis out = DiffAnalyzer(pa, pb).run();
    out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return out;
}

}  // namespace inkoop

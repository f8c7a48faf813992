#include "core/analysis/class_space.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <functional>
#include <set>
#include <unordered_map>

#include "core/analysis/fact_classes.hpp"
#include "core/analysis/policy_check.hpp"
#include "core/base/i18n.hpp"
#include "core/model/decision.hpp"

namespace inkoop::class_space {

std::string num(double x) {
    if (x == std::floor(x) && std::fabs(x) < 1e15) return fmt::format("{}", static_cast<long long>(x));
    return fmt::format("{}", x);
}

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
namespace {

// The bounds of a run of ordered classes ("> 6" or ">= 6", "< 8" or "<= 8", either may be empty)
// as one range: "6 < fte_regiebehandelaren ≤ 8"; dates as the days they include:
// "application_date in 2023-06-02 … 2023-08-31".
std::string range_words(const Field& f, const std::string& lo, const std::string& up) {
    const auto value = [](const std::string& bound) { return bound.substr(bound.find(' ') + 1); };
    const bool lo_strict = lo.rfind("> ", 0) == 0, up_strict = up.rfind("< ", 0) == 0;
    if (lo.empty() && up.empty()) return f.name + " known";
    if (f.type == FieldType::Date) {
        const auto day = [&](const std::string& bound, bool strict, int step) {
            if (bound.empty()) return std::string();
            const auto d = Date::parse(value(bound));
            return strict && d ? d->add_days(step).iso() : value(bound);
        };
        const std::string from = day(lo, lo_strict, 1), to = day(up, up_strict, -1);
        if (from.empty()) return fmt::format("{} ≤ {}", f.name, to);
        if (to.empty()) return fmt::format("{} ≥ {}", f.name, from);
        if (from == to) return fmt::format("{} = {}", f.name, from);
        return fmt::format("{} in {} … {}", f.name, from, to);
    }
    if (lo.empty()) return fmt::format("{} {} {}", f.name, up_strict ? "<" : "≤", value(up));
    if (up.empty()) return fmt::format("{} {} {}", f.name, lo_strict ? ">" : "≥", value(lo));
    return fmt::format("{} {} {} {} {}", value(lo), lo_strict ? "<" : "≤", f.name, up_strict ? "<" : "≤", value(up));
}

// A class's value as a person reads it in `L`: a value label, ja/nee, "2 juni 2023", "8".
std::string value_words(const Value& v, const Field& f, Lang L) {
    if (const auto* e = std::get_if<EnumValue>(&v)) return f.value_label(static_cast<size_t>(e->index), L);
    if (const auto* s = std::get_if<std::string>(&v); s && *s == "(any other text)") return tr(L, "any other text");
    return found_value_text(v, &f, L);
}

// A bound ("> 8", ">= 2023-06-02") as its value.
Value bound_value(const Field& f, const std::string& bound) {
    const std::string text = bound.substr(bound.find(' ') + 1);
    if (f.type == FieldType::Date) {
        if (const auto d = Date::parse(text)) return *d;
        return text;
    }
    return std::stod(text);
}

// A run of ordered classes in `L` (not English): "Aantal locaties > 3", "Datum aanmelding van 2 juni
// 2023 tot en met 31 augustus 2023".
std::string range_words(const Field& f, const std::string& lo, const std::string& up, Lang L) {
    const std::string label = f.label(L);
    const bool lo_strict = lo.rfind("> ", 0) == 0, up_strict = up.rfind("< ", 0) == 0;
    if (lo.empty() && up.empty()) return fmt::format(fmt::runtime(tr(L, "{} known")), label);
    if (f.type == FieldType::Date) {
        const auto day = [&](const std::string& bound, bool strict, int step) -> std::optional<Date> {
            if (bound.empty()) return std::nullopt;
            const Value v = bound_value(f, bound);
            const auto* d = std::get_if<Date>(&v);
            if (!d) return std::nullopt;
            return strict ? d->add_days(step) : *d;
        };
        const auto from = day(lo, lo_strict, 1), to = day(up, up_strict, -1);
        if (!from && to) return fmt::format(fmt::runtime(tr(L, "{}: {} or earlier")), label, to->prose(L));
        if (from && !to) return fmt::format(fmt::runtime(tr(L, "{}: {} or later")), label, from->prose(L));
        if (from && to && *from == *to) return fmt::format("{}: {}", label, from->prose(L));
        if (from && to) return fmt::format(fmt::runtime(tr(L, "{}: from {} up to and including {}")), label, from->prose(L), to->prose(L));
        return fmt::format(fmt::runtime(tr(L, "{} known")), label);
    }
    const auto value = [&](const std::string& bound) { return value_words(bound_value(f, bound), f, L); };
    if (lo.empty()) return fmt::format("{} {} {}", label, up_strict ? "<" : "≤", value(up));
    if (up.empty()) return fmt::format("{} {} {}", label, lo_strict ? ">" : "≥", value(lo));
    return fmt::format("{} {} {} {} {}", value(lo), lo_strict ? "<" : "≤", label, up_strict ? "<" : "≤", value(up));
}

// Each run of consecutive classes of an ordered domain (unknown, class 0, apart) that `in` holds:
// visit(first, last, point), point when the run is one constant's own class ("= 8").
template <class Visit>
void for_each_run(const Domain& d, const std::vector<bool>& in, Visit&& visit) {
    const size_t n = d.reps.size();
    for (size_t i = 1; i < n;) {
        if (!in[i]) {
            ++i;
            continue;
        }
        size_t j = i;
        while (j + 1 < n && in[j + 1]) ++j;
        visit(i, j, i == j && d.lower[i].rfind(">= ", 0) == 0 && d.upper[i].rfind("<= ", 0) == 0);
        i = j + 1;
    }
}

// describe_classes in a language other than English: labels, not codes.
std::string describe_classes_words(const Domain& d, const Field& f, const std::vector<bool>& in, Lang L) {
    std::vector<std::string> parts;
    const std::string label = f.label(L);
    const size_t n = d.reps.size();
    if (d.ordered) {
        for_each_run(d, in, [&](size_t i, size_t j, bool point) {
            const bool only = i == j && d.lower[i].empty() && d.upper[i].empty();
            parts.push_back(point  ? fmt::format("{}: {}", label, value_words(d.reps[i], f, L))
                            : only ? fmt::format(fmt::runtime(tr(L, "{} known")), label)
                                   : range_words(f, d.lower[i], d.upper[j], L));
        });
    } else {
        std::vector<std::string> yes, no;
        for (size_t i = 1; i < n; ++i) (in[i] ? yes : no).push_back(value_words(d.reps[i], f, L));
        if (f.type == FieldType::Bool || yes.size() == 1)
            for (const auto& y : yes) parts.push_back(fmt::format("{}: {}", label, y));
        else if (no.size() < yes.size() && !no.empty())
            parts.push_back(fmt::format(fmt::runtime(tr(L, "{}: not one of {}")), label, fmt::join(no, ", ")));
        else if (!yes.empty())
            parts.push_back(no.empty() ? fmt::format(fmt::runtime(tr(L, "{} known")), label)
                                       : fmt::format(fmt::runtime(tr(L, "{}: one of {}")), label, fmt::join(yes, ", ")));
    }
    // A field whose absence is a fact says what it means ("Datum aanmelding: geen aanmelding geregistreerd").
    const std::string& absent = f.absent_means[static_cast<size_t>(L)];
    if (in[0])
        parts.push_back(f.absence_is_no() && !absent.empty() ? fmt::format("{}: {}", label, absent)
                                                             : fmt::format(fmt::runtime(tr(L, "{} unknown")), label));
    return fmt::format("{}", fmt::join(parts, std::string(" ") + tr(L, "or") + " "));
}

}  // namespace

std::string describe_classes(const Domain& d, const Field& f, const std::vector<bool>& in, Lang L) {
    if (L != Lang::En) return describe_classes_words(d, f, in, L);
    std::vector<std::string> parts;
    const size_t n = d.reps.size();
    if (d.ordered) {
        for_each_run(d, in, [&](size_t i, size_t j, bool point) {
            parts.push_back(point || (i == j && d.lower[i].empty() && d.upper[i].empty()) ? d.label[i]
                                                                                          : range_words(f, d.lower[i], d.upper[j]));
        });
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
            d = ap.ev->decide_or_throw(ap.index, p, ap.params);
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
namespace {

// Terms (per field a set of classes) that differ in one field only merge into one, field by field
// (terms keyed by their other fields), until nothing merges: linear in the terms per pass.
void merge_terms(std::vector<std::vector<std::vector<bool>>>& terms, size_t nfields) {
    for (bool merged = true; merged && terms.size() > 1;) {
        merged = false;
        for (size_t i = 0; i < nfields; ++i) {
            std::unordered_map<std::string, size_t> at;
            std::vector<std::vector<std::vector<bool>>> next;
            for (auto& term : terms) {
                std::string key;
                for (size_t f = 0; f < nfields; ++f)
                    if (f != i) {
                        for (bool in : term[f]) key.push_back(in ? '1' : '0');
                        key.push_back('|');
                    }
                const auto [it, added] = at.emplace(std::move(key), next.size());
                if (added) {
                    next.push_back(std::move(term));
                    continue;
                }
                auto& into = next[it->second][i];
                for (size_t k = 0; k < into.size(); ++k) into[k] = into[k] || term[i][k];
                merged = true;
            }
            terms = std::move(next);
        }
    }
}

}  // namespace

std::string describe_tuples(const std::vector<std::vector<int>>& tuples, const std::vector<int>& fields, Space& space, const Schema& schema,
                            Lang L) {
    if (tuples.empty()) return L == Lang::En ? "never" : tr(L, "never");
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
    merge_terms(terms, fields.size());
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
            parts.push_back(describe_classes(*space.domain(fields[i]), schema.at(fields[i]), term[i], L));
        }
        out.push_back(parts.empty() ? (L == Lang::En ? "always" : tr(L, "always")) : fmt::format("{}", fmt::join(parts, ", ")));
    }
    if (out.size() > 6) {
        const size_t more = out.size() - 5;
        out.resize(5);
        out.push_back(fmt::format(fmt::runtime(L == Lang::En ? "{} more combinations" : tr(L, "{} more combinations")), more));
    }
    return fmt::format("{}", fmt::join(out, L == Lang::En ? std::string("; or ") : std::string("; ") + tr(L, "or") + " "));
}

std::vector<int> known_fields(const std::vector<int>& fs, const Space& space) {
    std::vector<int> out;
    for (int f : fs)
        if (space.domain(f)) out.push_back(f);
    return out;
}

std::string item_name(const Rule& r) { return r.section + " " + r.code; }

std::optional<std::pair<Decision, Decision>> PolicyPair::decide_both(Provider& p, const std::vector<int>& keep) const {
    const auto da = settle_witness(p, pa_, schema_, A_.info.year, keep);
    if (!da) return std::nullopt;
    const auto db = settle_witness(p, pb_, schema_, B_.info.year, keep);
    if (!db) return std::nullopt;
    // A fact B asked for may change A's decision: decide A again on the final provider.
    try {
        return std::make_pair(pa_.ev->decide_or_throw(pa_.index, p, pa_.params), *db);
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

}  // namespace inkoop::class_space

#include "core/analysis/whatif.hpp"
#include "core/model/outcome_words.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fmt/format.h>
#include <stdexcept>

#include "core/base/text.hpp"

namespace inkoop {
namespace {

constexpr const char* kUsage = ":whatif FIELD +N | FIELD -N | FIELD VALUE | param NAME=VALUE [where FIELD=VALUE]";

std::string trimmed_copy(std::string_view s) {
    const auto b = s.find_first_not_of(' ');
    if (b == std::string_view::npos) return "";
    const auto e = s.find_last_not_of(' ');
    return std::string(s.substr(b, e - b + 1));
}

// "+1", "-0.5": a signed number, or nullopt.
std::optional<double> signed_number(std::string_view s) {
    if (s.size() < 2 || (s[0] != '+' && s[0] != '-')) return std::nullopt;
    double v = 0;
    const auto [end, ec] = std::from_chars(s.data() + 1, s.data() + s.size(), v);
    if (ec != std::errc() || end != s.data() + s.size() || !std::isfinite(v)) return std::nullopt;
    return s[0] == '-' ? -v : v;
}

const Field& field_named(const Schema& schema, const std::string& name) {
    const Field* f = schema.find(name);
    if (!f) throw std::runtime_error(fmt::format("provider has no field '{}'{}", name, schema.did_you_mean(name)));
    return *f;
}

Value parsed(const Field& f, const std::string& text) {
    Value v;
    if (auto err = parse_value(f, text == "unknown" ? "" : text, v))
        throw std::runtime_error(fmt::format("field '{}': {}", f.name, err->text(Lang::En)));
    return v;
}

std::string example(const Decision& a, const Decision& b, const std::vector<DecisionChange>& diffs, Lang L) {
    std::vector<std::string> why;
    for (const auto& c : diffs)
        if (c.what == "ground" || c.what == "review" || c.what == "missing")
            why.push_back(c.sign + c.section + (c.section.empty() ? "" : " ") + c.code);
        else if (a.outcome == b.outcome && (c.what == "contract" || c.what == "sign-by" || c.what == "tariff"))
            why.push_back(c.sign + (L == Lang::En ? c.what : std::string(trc(L, "change", c.what.c_str()))) + " " + change_words(c, L));
    return fmt::format("{} {} -> {}{}{}", a.agb, outcome_word(a.outcome, L), outcome_word(b.outcome, L), why.empty() ? "" : ": ",
                       fmt::join(why, ", "));
}

}  // namespace

WhatIf parse_whatif(const std::string& text, const Schema& schema) {
    WhatIf w;
    std::string change = text;
    // "where" (or Dutch "waar") FIELD=VALUE.
    auto at = text.find(" where ");
    size_t word = 7;
    if (at == std::string::npos) at = text.find(" waar "), word = 6;
    if (at != std::string::npos) {
        change = text.substr(0, at);
        w.filter = trimmed_copy(text.substr(at + word));
        const auto eq = w.filter.find('=');
        if (eq == std::string::npos) throw std::runtime_error("where FIELD=VALUE, with a field of the schema");
        w.filter_field = &field_named(schema, trimmed_copy(w.filter.substr(0, eq)));
        w.filter_value = parsed(*w.filter_field, trimmed_copy(w.filter.substr(eq + 1)));
    }
    w.change = trimmed_copy(change);
    const auto space = w.change.find(' ');
    if (w.change.empty() || space == std::string::npos) throw std::runtime_error(kUsage);
    const std::string head = w.change.substr(0, space);
    const std::string rest = trimmed_copy(w.change.substr(space + 1));
    if (head == "param") {
        if (rest.find('=') == std::string::npos || rest.find(' ') != std::string::npos)
            throw std::runtime_error(":whatif param NAME=VALUE");
        w.kind = WhatIf::Kind::Param;
        w.setting = rest;
        return w;
    }
    w.field = &field_named(schema, head);
    const bool numeric = w.field->type == FieldType::Number || w.field->type == FieldType::Int;
    if (const auto delta = numeric ? signed_number(rest) : std::nullopt) {
        if (w.field->type == FieldType::Int && *delta != std::trunc(*delta))
            throw std::runtime_error(fmt::format("field '{}' holds whole numbers: shift it by a whole number", w.field->name));
        w.kind = WhatIf::Kind::Shift;
        w.delta = *delta;
        return w;
    }
    w.kind = WhatIf::Kind::Set;
    w.value = parsed(*w.field, rest);
    return w;
}

WhatIf::Applies WhatIf::apply(Provider& p) const {
    if (kind == Kind::Param) return Applies::Yes;
    Value& slot = p[field->index];
    if (kind == Kind::Set) {
        slot = value;
        return Applies::Yes;
    }
    const auto n = as_number(slot);
    if (!n) return Applies::Unknown;
    const double v = *n + delta;
    if ((field->min && v < *field->min) || (field->max && v > *field->max)) return Applies::OutOfRange;
    if (field->type == FieldType::Int)
        slot = static_cast<int64_t>(std::llround(v));
    else
        slot = v;
    return Applies::Yes;
}

std::vector<std::string> WhatIfTally::examples() const {
    std::vector<std::string> out(moved.begin(), moved.begin() + static_cast<long>(std::min<size_t>(moved.size(), same.empty() ? 3 : 2)));
    for (size_t i = 0; out.size() < 3 && i < same.size(); ++i) out.push_back(same[i]);
    return out;
}

bool WhatIf::selects(const Provider& p) const { return !filter_field || p[filter_field->index] == filter_value; }

WhatIfResult run_whatif(const WhatIf& w, const std::vector<Provider>& providers, const std::vector<WhatIfPolicy>& policies,
                        const std::function<bool()>& stop, Lang lang) {
    WhatIfResult r;
    r.policies.resize(policies.size());
    for (const auto& p : providers) {
        if (stop && stop()) throw std::runtime_error("interrupted");
        if (!w.selects(p)) continue;
        ++r.selected;
        Provider q = p;
        const auto applies = w.apply(q);
        if (applies != WhatIf::Applies::Yes) {
            ++(applies == WhatIf::Applies::Unknown ? r.unknown : r.out_of_range);
            continue;
        }
        for (size_t i = 0; i < policies.size(); ++i) {
            const Decision a = policies[i].ev->decide_or_throw(policies[i].index, p, policies[i].before);
            const Decision b = policies[i].ev->decide_or_throw(policies[i].index, q, policies[i].after);
            const auto diffs = compare_decisions(a, b, 0);
            WhatIfTally& t = r.policies[i];
            t.matrix.add(category_of(a), category_of(b), change_kinds(diffs));
            if (a.outcome == b.outcome && diffs.empty()) continue;
            auto& examples = a.outcome != b.outcome ? t.moved : t.same;
            if (examples.size() < 3) examples.push_back(example(a, b, diffs, lang));
        }
    }
    return r;
}

void print_whatif(std::ostream& os, const WhatIf& w, const WhatIfResult& r, const std::vector<std::string>& policy_ids, Lang L) {
    std::vector<std::string> left_out;
    if (r.unknown)
        left_out.push_back(fmt::format(fmt::runtime(tr(L, "{} with {} unknown")), count_text(L, r.unknown),
                                       L == Lang::En ? w.field->name : w.field->label(L)));
    if (r.out_of_range)
        left_out.push_back(fmt::format(fmt::runtime(tr(L, "{} where the change leaves the field's range")), count_text(L, r.out_of_range)));
    os << fmt::format(fmt::runtime(tr(L, "what if {}: {} providers considered{}")), terminal_safe(w.text(L)), count_text(L, r.considered()),
                      left_out.empty() ? "" : fmt::format(fmt::runtime(tr(L, " (left out: {})")), fmt::join(left_out, ", ")))
       << '\n';
    for (size_t i = 0; i < r.policies.size() && i < policy_ids.size(); ++i) {
        const WhatIfTally& t = r.policies[i];
        os << policy_ids[i] << ": " << matrix_summary(t.matrix, L) << '\n';
        if (!t.matrix.changed()) continue;
        print_matrix_table(os, t.matrix, L);
        for (const auto& e : t.examples()) os << "    " << tr(L, "e.g.") << ' ' << terminal_safe(e) << '\n';
    }
}

}  // namespace inkoop

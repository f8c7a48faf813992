#include "core/model/decision.hpp"

#include "core/base/i18n.hpp"
#include "core/base/json_text.hpp"

#include <fmt/format.h>

namespace inkoop {
namespace {

constexpr std::pair<Outcome, std::string_view> kOutcomes[] = {
    {Outcome::Offer, "offer"},
    {Outcome::Refuse, "refuse"},
    {Outcome::Review, "review"},
    {Outcome::Incomplete, "incomplete"},
};

constexpr std::pair<std::string_view, std::string_view> kBases[] = {
    {"nza_percentage", N_("a percentage of the NZa maximum tariffs")},
    {"fixed", N_("a fixed tariff or standard price list set by the insurer")},
    {"negotiated", N_("negotiated with the provider")},
    {"budget_per_insured", N_("a budget per registered insured")},
    {"reference_prices", N_("the insurer's reference price list")},
};

}  // namespace

SharedText::SharedText(std::string s) {
    auto shared = std::make_shared<Shared>();
    append_json_string(shared->json, s);
    shared->text = std::move(s);
    s_ = std::move(shared);
}

const SharedText::Shared& SharedText::empty() {
    static const Shared e{"", "\"\""};
    return e;
}

std::string_view outcome_name(Outcome o) {
    for (const auto& [v, n] : kOutcomes)
        if (v == o) return n;
    return "?";
}

std::optional<Outcome> outcome_from_name(std::string_view name) {
    for (const auto& [v, n] : kOutcomes)
        if (n == name) return v;
    return std::nullopt;
}

std::string_view category_name(Category c) {
    switch (c) {
    case Category::Offer: return "offer";
    case Category::Refuse: return "refuse";
    case Category::Review: return "review";
    case Category::Incomplete: return "incomplete";
    case Category::OutOfScope: return "out of scope";
    }
    return "?";
}

Category category_of(const Decision& d) {
    if (d.outcome == Outcome::Refuse && d.grounds.size() == 1 && d.grounds.front().code == "out_of_scope") return Category::OutOfScope;
    return static_cast<Category>(d.outcome);
}

std::string_view tariff_basis_doc(std::string_view basis) {
    for (const auto& [b, doc] : kBases)
        if (b == basis) return doc;
    return "";
}

bool is_tariff_basis(std::string_view basis) { return !tariff_basis_doc(basis).empty(); }

std::string tariff_basis_text(std::string_view basis, Lang lang) {
    for (const auto& [b, doc] : kBases)
        if (b == basis) return tr(lang, doc.data());
    return std::string(basis);
}

std::string category_label(Category c, Lang lang) {
    switch (c) {
    case Category::Offer: return trc(lang, "outcome", "offer");
    case Category::Refuse: return trc(lang, "outcome", "refuse");
    case Category::Review: return trc(lang, "outcome", "review");
    case Category::Incomplete: return trc(lang, "outcome", "incomplete");
    case Category::OutOfScope: return trc(lang, "outcome", "out of scope");
    }
    return "?";
}

std::string effect_label(std::string_view effect, Lang lang) {
    if (effect == "condition") return trc(lang, "effect", "condition");
    if (effect == "setting") return trc(lang, "effect", "setting");
    if (effect == "exclusion") return trc(lang, "effect", "exclusion");
    if (effect == "surcharge") return trc(lang, "effect", "surcharge");
    return std::string(effect);
}

std::string found_value_text(const Value& v, const Field* field, Lang lang) {
    if (!is_known(v)) return tr(lang, "unknown");
    if (const auto* b = std::get_if<bool>(&v)) return *b ? trc(lang, "answer", "yes") : trc(lang, "answer", "no");
    if (const auto* d = std::get_if<Date>(&v)) return d->prose(lang);
    if (const auto* s = std::get_if<std::string>(&v)) {
        if (field && field->type == FieldType::Enum)
            if (const int i = field->enum_index(*s); i >= 0) return field->value_label(static_cast<size_t>(i), lang);
        return *s;
    }
    if (const auto n = as_number(v)) {
        const bool share = field && field->type == FieldType::Number && field->min == 0.0 && field->max == 1.0;
        return share ? shortest_number_text(lang, *n * 100, 4) + "%" : shortest_number_text(lang, *n, 4);
    }
    return "?";
}

std::string found_text(const Found& f, const Schema* schema, Lang lang) {
    const Field* field = schema ? schema->find(f.field) : nullptr;
    const std::string label = field ? field->label(lang) : f.field;
    if (!is_known(f.value) && field && field->absence_is_no() && !field->absent_means[static_cast<size_t>(lang)].empty())
        return fmt::format("{}: {}", label, field->absent_means[static_cast<size_t>(lang)]);
    if (!is_known(f.value) && f.test != "absent") return fmt::format("{}: {}", label, tr(lang, "unknown"));
    if (f.test == "absent") {
        // A field whose absence is a fact says what it means ("geen aanmelding geregistreerd").
        if (field && !field->absent_means[static_cast<size_t>(lang)].empty())
            return fmt::format("{}: {}", label, field->absent_means[static_cast<size_t>(lang)]);
        return fmt::format(fmt::runtime(tr(lang, "{}: not given")), label);
    }
    const std::string value = found_value_text(f.value, field, lang);
    if (f.limit.empty()) return fmt::format("{}: {}", label, value);
    std::vector<std::string> limits;
    for (const auto& l : f.limit) limits.push_back(found_value_text(l, field, lang));
    const bool dates = std::holds_alternative<Date>(f.limit.front());
    const char* rule = f.test == "at_most"    ? (dates ? N_("on or before {}") : N_("at most {}"))
                       : f.test == "at_least" ? (dates ? N_("on or after {}") : N_("at least {}"))
                       : f.test == "below"    ? (dates ? N_("before {}") : N_("less than {}"))
                       : f.test == "above"    ? (dates ? N_("after {}") : N_("more than {}"))
                       : f.test == "one_of"   ? N_("one of {}")
                                              : nullptr;
    const std::string joined = fmt::format("{}", fmt::join(limits, ", "));
    const std::string limit = rule ? fmt::format(fmt::runtime(tr(lang, rule)), joined) : joined;
    if (f.holds) return fmt::format("{}: {} ({})", label, value, limit);
    if (f.required) return fmt::format(fmt::runtime(tr(lang, "{}: {} (required: {})")), label, value, limit);
    if (f.test == "one_of") return fmt::format(fmt::runtime(tr(lang, "{}: {} (none of: {})")), label, value, joined);
    return fmt::format(fmt::runtime(tr(lang, "{}: {} (not {})")), label, value, limit);
}

}  // namespace inkoop

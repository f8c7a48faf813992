#include "core/model/decision_diff.hpp"

#include <algorithm>
#include <fmt/format.h>

#include "core/base/text.hpp"

namespace inkoop {
namespace {

// Items in `b` whose code is not in `a`.
std::vector<const Item*> added_items(const std::vector<Item>& a, const std::vector<Item>& b) {
    std::vector<const Item*> out;
    for (const auto& i : b)
        if (std::none_of(a.begin(), a.end(), [&](const Item& x) { return x.code == i.code; })) out.push_back(&i);
    return out;
}

std::vector<std::string> added_strings(const std::vector<std::string>& a, const std::vector<std::string>& b) {
    std::vector<std::string> out;
    for (const auto& s : b)
        if (std::find(a.begin(), a.end(), s) == a.end()) out.push_back(s);
    return out;
}

std::string period(const Contract& c) { return c.start.iso() + ".." + c.end.iso(); }

// As people in `lang` read a period: "2024-01-01..2024-12-31" in English, "01-01-2024 t/m
// 31-12-2024" in Dutch.
std::string period(const Contract& c, Lang lang) {
    if (lang == Lang::En) return period(c);
    return fmt::format(fmt::runtime(tr(lang, "{} to {}")), c.start.table(lang), c.end.table(lang));
}

// The contract periods differ beyond the difference in contract year.
bool period_changed(const Contract& a, const Contract& b, int years) {
    return a.start.add_years(years) != b.start || a.end.add_years(years) != b.end;
}

// The contract's term: "1 year", "2 years", "7 months" ("1 jaar", "2 jaar", "7 maanden").
std::string term_text(const Contract& c, Lang lang = Lang::En) {
    const int months = (c.end.add_days(1).year() - c.start.year()) * 12 + c.end.add_days(1).month() - c.start.month();
    if (months % 12 == 0) return fmt::format(fmt::runtime(tr(lang, months == 12 ? N_("{} year") : N_("{} years"))), months / 12);
    return fmt::format(fmt::runtime(tr(lang, months == 1 ? N_("{} month") : N_("{} months"))), months);
}

// A contract as a change shows it: "2024-01-01..2024-12-31 (1 year)", with its type when asked.
std::string contract_words(const Contract& c, Lang lang, bool type) {
    return fmt::format("{}{} ({})", type ? c.type + " " : "", period(c, lang), term_text(c, lang));
}

std::string sign_by_words(const std::optional<Contract>& c, Lang lang) {
    if (!c || !c->sign_by) return lang == Lang::En ? "none" : tr(lang, "none");
    return lang == Lang::En ? c->sign_by->iso() : c->sign_by->table(lang);
}

void item_changes(const char* what, const std::vector<Item>& a, const std::vector<Item>& b, std::vector<DecisionChange>& out) {
    for (const Item* i : added_items(b, a)) out.push_back({what, "-", i->section.str(), i->code.str(), i->text.str()});
    for (const Item* i : added_items(a, b)) out.push_back({what, "+", i->section.str(), i->code.str(), i->text.str()});
}

}  // namespace

std::vector<DecisionChange> compare_decisions(const Decision& a, const Decision& b, int years) {
    std::vector<DecisionChange> c;
    item_changes(NC_("change", "ground"), a.grounds, b.grounds, c);
    item_changes(NC_("change", "review"), a.review, b.review, c);
    item_changes(NC_("change", "condition"), a.conditions, b.conditions, c);
    const auto items_of = [](const std::vector<ConditionalItem>& v) {
        std::vector<Item> out;
        for (const auto& x : v) out.push_back(x.item);
        return out;
    };
    item_changes(NC_("change", "conditional"), items_of(a.conditional), items_of(b.conditional), c);
    const auto has = [](const std::vector<std::string>& v, const std::string& s) { return std::find(v.begin(), v.end(), s) != v.end(); };
    // A fact that leaves `missing` may still be unknown: then it is an open fact of the new decision.
    for (const auto& m : added_strings(b.missing, a.missing))
        c.push_back({NC_("change", "missing"), "-", "", m,
                     has(b.open_facts, m) ? N_("still unknown, but the decision no longer waits for it") : N_("no longer needed")});
    for (const auto& m : added_strings(a.missing, b.missing)) c.push_back({NC_("change", "missing"), "+", "", m, N_("needed")});
    for (const auto& m : added_strings(a.open_facts, b.open_facts))
        if (!has(a.missing, m)) c.push_back({NC_("change", "open"), "+", "", m, N_("still unknown: needed if the grounds are resolved")});
    for (const auto& m : added_strings(b.open_facts, a.open_facts))
        if (!has(b.missing, m)) c.push_back({NC_("change", "open"), "-", "", m, N_("no longer open")});
    if (!a.contract && b.contract)
        c.push_back({NC_("change", "contract"), "+", b.contract->section, b.contract->type, contract_words(*b.contract, Lang::En, false),
                     std::nullopt, b.contract});
    if (a.contract && !b.contract)
        c.push_back({NC_("change", "contract"), "-", a.contract->section, a.contract->type, contract_words(*a.contract, Lang::En, false),
                     a.contract, std::nullopt});
    if (a.contract && b.contract) {
        if (period_changed(*a.contract, *b.contract, years) || a.contract->type != b.contract->type)
            c.push_back({NC_("change", "contract"), "~", b.contract->section, b.contract->type,
                         contract_words(*a.contract, Lang::En, true) + " -> " + contract_words(*b.contract, Lang::En, true), a.contract,
                         b.contract});
        const auto shifted = [&](const std::optional<Date>& d) { return d ? std::optional<Date>(d->add_years(years)) : std::nullopt; };
        if (shifted(a.contract->sign_by) != b.contract->sign_by)
            c.push_back({NC_("change", "sign-by"), "~", b.contract->section, b.contract->type,
                         sign_by_words(a.contract, Lang::En) + " -> " + sign_by_words(b.contract, Lang::En), a.contract, b.contract});
        for (const auto& s : added_strings(a.contract->settings, b.contract->settings))
            c.push_back({NC_("change", "setting"), "+", "", s, N_("contract limited to this setting")});
        for (const auto& s : added_strings(b.contract->settings, a.contract->settings))
            c.push_back({NC_("change", "setting"), "-", "", s, N_("no longer limited to this setting")});
        for (const auto& s : added_strings(a.contract->excluded, b.contract->excluded))
            c.push_back({NC_("change", "excluded"), "+", "", s, N_("left out of the contract")});
        for (const auto& s : added_strings(b.contract->excluded, a.contract->excluded))
            c.push_back({NC_("change", "excluded"), "-", "", s, N_("back in the contract")});
    }
    if (a.tariff && b.tariff && a.tariff->basis != b.tariff->basis)
        c.push_back({NC_("change", "tariff"), "~", b.tariff->section.str(), b.tariff->basis,
                     fmt::format("{} -> {}", a.tariff->basis, b.tariff->basis), std::nullopt, std::nullopt, a.tariff->basis,
                     b.tariff->basis});
    return c;
}

std::string change_words(const DecisionChange& c, Lang lang) {
    if (lang == Lang::En) return c.text;
    if (c.what == "contract" && c.from && c.to) return contract_words(*c.from, lang, true) + " -> " + contract_words(*c.to, lang, true);
    if (c.what == "contract" && (c.from || c.to)) return contract_words(c.from ? *c.from : *c.to, lang, false);
    if (c.what == "sign-by") return sign_by_words(c.from, lang) + " -> " + sign_by_words(c.to, lang);
    if (c.what == "tariff" && !c.basis_to.empty())
        return fmt::format("{} -> {}", tariff_basis_text(c.basis_from, lang), tariff_basis_text(c.basis_to, lang));
    return tr(lang, c.text.c_str());
}

std::string format_change(const DecisionChange& c, Lang lang) {
    // Texts come from policies: escaped for the terminal. The host's own words (what changed,
    // and texts such as "no longer needed") in `lang`; a policy's text has no entry in the
    // catalogue and stays as it is.
    const std::string what = lang == Lang::En ? c.what : trc(lang, "change", c.what.c_str());
    const std::string text = change_words(c, lang);
    return fmt::format("    {} {} {}{}{}: {}\n", c.sign, pad_to(what, 9), terminal_safe(c.section, 100), c.section.empty() ? "" : " ",
                       terminal_safe(c.code, 200), terminal_safe(text));
}

namespace {

constexpr const char* kKindNames[kChangeKinds] = {
    N_("grounds added"),
    N_("grounds removed"),
    N_("review points added"),
    N_("review points removed"),
    N_("missing or open facts"),
    N_("contract period"),
    N_("sign-by date"),
    N_("contract settings"),
    N_("tariff"),
    N_("conditions"),
};
size_t at(Category o) { return static_cast<size_t>(o); }

}  // namespace

std::string_view change_kind_name(size_t i) { return i < kChangeKinds ? kKindNames[i] : "?"; }
std::string change_kind_label(size_t i, Lang lang) { return i < kChangeKinds ? tr(lang, kKindNames[i]) : "?"; }

uint32_t change_kinds(const std::vector<DecisionChange>& changes) {
    uint32_t k = 0;
    for (const auto& c : changes) {
        if (c.what == "ground")
            k |= c.sign == "+" ? kGroundsAdded : kGroundsRemoved;
        else if (c.what == "review")
            k |= c.sign == "+" ? kReviewAdded : kReviewRemoved;
        else if (c.what == "missing" || c.what == "open")
            k |= kMissingFacts;
        else if (c.what == "contract")
            k |= kContractPeriod;
        else if (c.what == "sign-by")
            k |= kSignBy;
        else if (c.what == "setting" || c.what == "excluded")
            k |= kContractScope;
        else if (c.what == "tariff")
            k |= kTariff;
        else
            k |= kConditions;
    }
    return k;
}

void OutcomeMatrix::add(Category before, Category after, uint32_t kinds) {
    ++cells[at(before)][at(after)];
    if (before != after || !kinds) return;
    ++same_outcome;
    for (size_t i = 0; i < kChangeKinds; ++i)
        if (kinds & (1u << i)) ++same_outcome_kinds[i];
}

std::string_view cause_name(Cause c) {
    switch (c) {
    case Cause::Text: return "text";
    case Cause::Interpretation: return "interpretation";
    case Cause::Parameter: return "parameter";
    }
    return "text";
}

std::string cause_label(Cause c, size_t n, Lang lang) {
    switch (c) {
    case Cause::Text: return tr(lang, "by the text");
    case Cause::Interpretation: return tr(lang, n == 1 ? N_("by a choice of our own") : N_("by choices of our own"));
    case Cause::Parameter: return tr(lang, "by parameters set");
    }
    return "";
}

void OutcomeMatrix::attribute(Category before, Category after, Cause cause, const std::string& code) {
    attributed = true;
    const size_t k = static_cast<size_t>(cause);
    ++causes[at(before)][at(after)][k];
    if (!code.empty()) ++cause_codes[{at(before), at(after), k}][code];
}

void OutcomeMatrix::merge(const OutcomeMatrix& o) {
    attributed = attributed || o.attributed;
    for (size_t a = 0; a < kCategories; ++a)
        for (size_t b = 0; b < kCategories; ++b)
            for (size_t k = 0; k < kCauses; ++k) causes[a][b][k] += o.causes[a][b][k];
    for (const auto& [key, codes] : o.cause_codes)
        for (const auto& [code, n] : codes) cause_codes[key][code] += n;
    for (size_t a = 0; a < kCategories; ++a)
        for (size_t b = 0; b < kCategories; ++b) cells[a][b] += o.cells[a][b];
    same_outcome += o.same_outcome;
    for (size_t i = 0; i < kChangeKinds; ++i) same_outcome_kinds[i] += o.same_outcome_kinds[i];
}

size_t OutcomeMatrix::compared() const {
    size_t n = 0;
    for (const auto& row : cells)
        for (size_t c : row) n += c;
    return n;
}

size_t OutcomeMatrix::moved() const {
    size_t n = 0;
    for (size_t a = 0; a < kCategories; ++a)
        for (size_t b = 0; b < kCategories; ++b)
            if (a != b) n += cells[a][b];
    return n;
}

namespace {

// A cell's decisions by cause, each with its three most frequent codes ("…" when there are more).
std::vector<CausePart> cause_parts(const OutcomeMatrix& m, size_t a, size_t b, Lang lang) {
    std::vector<CausePart> parts;
    for (size_t k = 0; k < kCauses; ++k) {
        const size_t n = m.causes[a][b][k];
        if (!n) continue;
        CausePart part{fmt::format("{} {}", count_text(lang, n), cause_label(static_cast<Cause>(k), n, lang)), {}, false};
        if (const auto it = m.cause_codes.find({a, b, k}); it != m.cause_codes.end()) {
            std::vector<std::pair<std::string, size_t>> codes(it->second.begin(), it->second.end());
            std::stable_sort(codes.begin(), codes.end(), [](const auto& x, const auto& y) { return x.second > y.second; });
            for (size_t i = 0; i < codes.size() && i < 3; ++i) part.codes.push_back(codes[i].first);
            part.more = codes.size() > 3;
        }
        parts.push_back(std::move(part));
    }
    return parts;
}

}  // namespace

std::string cause_heading(Lang lang) { return tr(lang, "by cause (the text when a rule that encodes the text explains the change):"); }

std::vector<CauseLine> cause_lines(const OutcomeMatrix& m, Lang lang) {
    std::vector<CauseLine> out;
    if (!m.attributed) return out;
    for (Category a : kCategoryOrder)
        for (Category b : kCategoryOrder)
            if (a != b && m.cells[at(a)][at(b)])
                out.push_back({fmt::format("{} -> {} {}", category_label(a, lang), category_label(b, lang), m.cells[at(a)][at(b)]),
                               cause_parts(m, at(a), at(b), lang)});
    OutcomeMatrix diagonal;  // the decisions that keep their outcome, over every outcome
    for (Category a : kCategoryOrder)
        for (size_t k = 0; k < kCauses; ++k) {
            diagonal.causes[0][0][k] += m.causes[at(a)][at(a)][k];
            if (const auto it = m.cause_codes.find({at(a), at(a), k}); it != m.cause_codes.end())
                for (const auto& [code, n] : it->second) diagonal.cause_codes[{0, 0, k}][code] += n;
        }
    if (diagonal.causes[0][0][0] + diagonal.causes[0][0][1] + diagonal.causes[0][0][2])
        out.push_back({fmt::format("{} {}", tr(lang, "same outcome"), m.same_outcome), cause_parts(diagonal, 0, 0, lang)});
    return out;
}

std::string matrix_summary(const OutcomeMatrix& m, Lang lang, bool with_causes) {
    std::string s =
        fmt::format(fmt::runtime(tr(lang, "{} of {} decisions change")), count_text(lang, m.changed()), count_text(lang, m.compared()));
    if (!m.changed()) return s;
    std::vector<std::string> moves;
    for (Category a : kCategoryOrder)
        for (Category b : kCategoryOrder)
            if (a != b && m.cells[at(a)][at(b)])
                moves.push_back(fmt::format("{} -> {} {}", category_label(a, lang), category_label(b, lang), m.cells[at(a)][at(b)]));
    s += "\n  " + fmt::format(fmt::runtime(tr(lang, "{} change outcome")), count_text(lang, m.moved()));
    if (!moves.empty()) s += fmt::format(": {}", fmt::join(moves, ", "));
    std::vector<std::string> kinds;
    for (size_t i = 0; i < kChangeKinds; ++i)
        if (m.same_outcome_kinds[i]) kinds.push_back(fmt::format("{} {}", tr(lang, kKindNames[i]), m.same_outcome_kinds[i]));
    s += "\n  " + fmt::format(fmt::runtime(tr(lang, "{} keep their outcome with other changes")), count_text(lang, m.same_outcome));
    if (!kinds.empty()) s += fmt::format(": {}", fmt::join(kinds, ", "));
    if (kinds.size() > 1) s += std::string(" (") + tr(lang, "one decision can show several") + ")";
    if (!with_causes || !m.attributed) return s;
    s += "\n  " + cause_heading(lang);
    const auto same = [](const std::string& text) { return text; };
    for (const auto& line : cause_lines(m, lang)) s += fmt::format("\n    {}: {}", line.head, cause_parts_text(line, same, same));
    return s;
}

std::string cause_parts_text(const CauseLine& line, const std::function<std::string(const std::string&)>& word,
                             const std::function<std::string(const std::string&)>& code) {
    std::vector<std::string> parts;
    for (const auto& p : line.parts) {
        std::vector<std::string> codes;
        for (const auto& c : p.codes) codes.push_back(code(c));
        if (p.more) codes.emplace_back("…");
        parts.push_back(codes.empty() ? word(p.words) : fmt::format("{} ({})", word(p.words), fmt::join(codes, ", ")));
    }
    return fmt::format("{}", fmt::join(parts, ", "));
}

void print_matrix_table(std::ostream& os, const OutcomeMatrix& m, Lang lang) {
    // Columns as wide as the longest outcome word in `lang` (English: 14 and 13, as always).
    size_t widest = 0;
    for (Category o : kCategoryOrder) widest = std::max(widest, pad_to(category_label(o, lang), 0).size());
    const size_t first = std::max<size_t>(14, widest + 1), col = std::max<size_t>(13, widest + 1);
    os << pad_to(tr(lang, "before \\ after"), first, false);
    for (Category o : kCategoryOrder) os << pad_to(category_label(o, lang), col, true);
    os << '\n';
    for (Category a : kCategoryOrder) {
        os << pad_to(category_label(a, lang), first, false);
        for (Category b : kCategoryOrder) os << pad_to(std::to_string(m.cells[at(a)][at(b)]), col, true);
        os << '\n';
    }
}

}  // namespace inkoop

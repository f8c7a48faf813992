#include "decision_diff.hpp"

#include <algorithm>
#include <fmt/format.h>

#include "text.hpp"

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

// The contract periods differ beyond the difference in contract year.
bool period_changed(const Contract& a, const Contract& b, int years) {
    return a.start.add_years(years) != b.start || a.end.add_years(years) != b.end;
}

std::string term_text(const Contract& c) {
    const int months = (c.end.add_days(1).year() - c.start.year()) * 12 + c.end.add_days(1).month() - c.start.month();
    if (months % 12 == 0) return fmt::format("{} year{}", months / 12, months == 12 ? "" : "s");
    return fmt::format("{} months", months);
}

void item_changes(const char* what, const std::vector<Item>& a, const std::vector<Item>& b, std::vector<DecisionChange>& out) {
    for (const Item* i : added_items(b, a)) out.push_back({what, "-", i->section.str(), i->code.str(), i->text.str()});
    for (const Item* i : added_items(a, b)) out.push_back({what, "+", i->section.str(), i->code.str(), i->text.str()});
}

}  // namespace

std::vector<DecisionChange> compare_decisions(const Decision& a, const Decision& b, int years) {
    std::vector<DecisionChange> c;
    item_changes("ground", a.grounds, b.grounds, c);
    item_changes("review", a.review, b.review, c);
    item_changes("condition", a.conditions, b.conditions, c);
    for (const auto& m : added_strings(b.missing, a.missing)) c.push_back({"missing", "-", "", m, "no longer needed"});
    for (const auto& m : added_strings(a.missing, b.missing)) c.push_back({"missing", "+", "", m, "needed"});
    if (!a.contract && b.contract)
        c.push_back({"contract", "+", b.contract->section, b.contract->type, fmt::format("{} ({})", period(*b.contract), term_text(*b.contract))});
    if (a.contract && !b.contract)
        c.push_back({"contract", "-", a.contract->section, a.contract->type, fmt::format("{} ({})", period(*a.contract), term_text(*a.contract))});
    if (a.contract && b.contract) {
        if (period_changed(*a.contract, *b.contract, years) || a.contract->type != b.contract->type)
            c.push_back({"contract", "~", b.contract->section, b.contract->type,
                         fmt::format("{} {} ({}) -> {} {} ({})", a.contract->type, period(*a.contract), term_text(*a.contract),
                                     b.contract->type, period(*b.contract), term_text(*b.contract))});
        const auto shifted = [&](const std::optional<Date>& d) { return d ? std::optional<Date>(d->add_years(years)) : std::nullopt; };
        if (shifted(a.contract->sign_by) != b.contract->sign_by)
            c.push_back({"sign-by", "~", b.contract->section, b.contract->type,
                         fmt::format("{} -> {}", a.contract->sign_by ? a.contract->sign_by->iso() : "none",
                                     b.contract->sign_by ? b.contract->sign_by->iso() : "none")});
        for (const auto& s : added_strings(a.contract->settings, b.contract->settings)) c.push_back({"setting", "+", "", s, "contract limited to this setting"});
        for (const auto& s : added_strings(b.contract->settings, a.contract->settings)) c.push_back({"setting", "-", "", s, "no longer limited to this setting"});
        for (const auto& s : added_strings(a.contract->excluded, b.contract->excluded)) c.push_back({"excluded", "+", "", s, "left out of the contract"});
        for (const auto& s : added_strings(b.contract->excluded, a.contract->excluded)) c.push_back({"excluded", "-", "", s, "back in the contract"});
    }
    if (a.tariff && b.tariff && a.tariff->basis != b.tariff->basis)
        c.push_back({"tariff", "~", b.tariff->section.str(), b.tariff->basis, fmt::format("{} -> {}", a.tariff->basis, b.tariff->basis)});
    return c;
}


std::string format_change(const DecisionChange& c) {
    // Texts come from policies: escaped for the terminal.
    return fmt::format("    {} {:<9} {}{}{}: {}\n", c.sign, c.what, terminal_safe(c.section, 100), c.section.empty() ? "" : " ",
                       terminal_safe(c.code, 200), terminal_safe(c.text));
}

}  // namespace inkoop

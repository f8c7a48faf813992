#include "core/formats/terminal_text.hpp"

#include <cstdlib>
#include <fmt/format.h>
#include <unistd.h>

#include "core/base/text.hpp"

namespace inkoop {
namespace {

std::string items(const char* title, const std::vector<Item>& list) {
    if (list.empty()) return fmt::format("{}: none\n", title);
    std::vector<std::vector<std::string>> rows;
    for (const auto& i : list) rows.push_back({i.section.str(), i.code.str(), i.text.str()});
    return fmt::format("{} ({}):\n", title, list.size()) + format_table(rows, "  ");
}

}  // namespace

std::string format_table(const std::vector<std::vector<std::string>>& raw, const std::string& indent) {
    // Cells hold input values and policy texts: escaped for the terminal.
    std::vector<std::vector<std::string>> rows;
    rows.reserve(raw.size());
    for (const auto& r : raw) {
        std::vector<std::string> cells;
        for (const auto& c : r) cells.push_back(terminal_safe(c));
        rows.push_back(std::move(cells));
    }
    std::vector<size_t> widths;
    for (const auto& r : rows)
        for (size_t i = 0; i < r.size(); ++i) {
            if (widths.size() <= i) widths.push_back(0);
            widths[i] = std::max(widths[i], r[i].size());
        }
    std::string out;
    for (const auto& r : rows) {
        std::string line = indent;
        for (size_t i = 0; i < r.size(); ++i) line += i + 1 == r.size() ? r[i] : fmt::format("{:<{}}  ", r[i], widths[i]);
        while (!line.empty() && line.back() == ' ') line.pop_back();
        out += line + '\n';
    }
    return out;
}

bool want_color(int fd) {
    const char* no_color = std::getenv("NO_COLOR");
    return ::isatty(fd) && !(no_color && *no_color);
}

std::string paint_outcome(std::string_view text, Outcome o, bool color) {
    if (!color) return std::string(text);
    const char* code = o == Outcome::Offer ? "32" : o == Outcome::Refuse ? "31" : o == Outcome::Review ? "33" : "34";
    return fmt::format("\033[1;{}m{}\033[0m", code, text);
}

std::string render_decision(const Decision& d, const RenderOptions& o) {
    std::string out = fmt::format("{} for {}: {}\n", d.policy, d.agb.empty() ? "the provider" : d.agb,
                                  paint_outcome(outcome_name(d.outcome), d.outcome, o.color));
    if (d.contract) {
        const Contract& c = *d.contract;
        out += fmt::format("contract: {} from {} to {}{} ({})\n", c.type, c.start.iso(), c.end.iso(),
                           c.sign_by ? ", sign by " + c.sign_by->iso() : "", c.section);
        if (!c.settings.empty()) out += fmt::format("  limited to: {}\n", fmt::join(c.settings, ", "));
        if (!c.excluded.empty()) out += fmt::format("  left out: {}\n", fmt::join(c.excluded, ", "));
    }
    if (d.tariff) {
        const Tariff& t = *d.tariff;
        std::string amount = t.percentage ? fmt::format(" {}%", *t.percentage) : t.amount_eur ? fmt::format(" EUR {}", *t.amount_eur) : "";
        out += fmt::format("tariff: {}{}{} ({})\n", t.basis, amount, t.text.empty_text() ? "" : " — " + t.text.str(), t.section.str());
        for (const auto& s : t.surcharges) out += fmt::format("  surcharge {} {}: {}\n", s.section.str(), s.code.str(), s.text.str());
    }
    out += items("grounds", d.grounds);
    out += items("review points", d.review);
    out += items("conditions", d.conditions);
    if (d.outcome == Outcome::Incomplete || d.open_facts.empty())
        out += d.missing.empty() ? "missing facts: none\n" : fmt::format("missing facts: {}\n", fmt::join(d.missing, ", "));
    if (!d.conditional.empty()) {
        out += fmt::format("conditional ({}): hold or not by facts still unknown\n", d.conditional.size());
        for (const auto& c : d.conditional)
            out += fmt::format("  {} {}  {} {}  (settled by: {})\n", c.effect, c.item.section.str(), c.item.code.str(), c.item.text.str(),
                               fmt::join(c.settled_by, ", "));
    }
    if (!d.open_facts.empty())
        out += fmt::format("still unknown ({}): {}\n",
                           d.outcome == Outcome::Refuse ? "needed if the refusal is resolved" : "they settle the conditional items",
                           fmt::join(d.open_facts, ", "));
    if (!d.params.empty_text() && d.params.str() != "{}") out += fmt::format("parameters set: {}\n", d.params.str());
    if (!d.policy_version.empty_text()) out += fmt::format("policy version: {}\n", d.policy_version.str());
    if (o.trace && !d.trace.empty()) {
        std::vector<std::vector<std::string>> rows{{"section", "rule", "result", "facts"}};
        for (const auto& e : d.trace) rows.push_back({e.section, e.rule, e.result, fmt::format("{}", fmt::join(e.facts, "; "))});
        out += "trace:\n" + format_table(rows, "  ");
    }
    return out;
}

}  // namespace inkoop

#include "core/formats/terminal_text.hpp"

#include <cstdlib>
#include <fmt/format.h>
#include <unistd.h>

#include "core/base/text.hpp"

namespace inkoop {
namespace {

// Each item with its section, code and text, and under it what was found ("→ Fte
// regiebehandelaren: 9 (eis: maximaal 8)").
std::string items(const RenderOptions& o, const char* title, const std::vector<Item>& list) {
    const Lang lang = o.lang;
    if (list.empty()) return fmt::format("{}: {}\n", tr(lang, title), tr(lang, "none"));
    std::vector<std::vector<std::string>> rows;
    for (const auto& i : list) {
        rows.push_back({i.section.str(), i.code.str(), i.text.str()});
        for (const auto& f : i.found) rows.push_back({"", "", "\u2192 " + found_text(f, o.schema, lang)});
    }
    return fmt::format("{} ({}):\n", tr(lang, title), list.size()) + format_table(rows, "  ");
}

std::string date_text(const Date& d, Lang lang) { return d.table(lang); }

// A fact a decision waits for, as a line: the question the provider is asked about its own fact,
// or for a fact the insurer holds, that it waits for an internal check (nobody asks the provider).
std::string fact_line(const RenderOptions& o, const std::string& name) {
    const Field* field = o.schema ? o.schema->find(name) : nullptr;
    if (field && field->insurer_fact)
        return fmt::format("  - {} ({})\n",
                           fmt::format(fmt::runtime(tr(o.lang, "waiting for an internal check: {}")), field->label(o.lang)), name);
    return fmt::format("  - {} ({})\n", field ? field->question(o.lang) : name, name);
}

// The facts a decision waits for: in English their names on one line; in Dutch each as the
// question a provider is asked, with its field.
std::string facts_text(const RenderOptions& o, const char* title, const std::vector<std::string>& facts) {
    if (facts.empty()) return fmt::format("{}: {}\n", tr(o.lang, title), tr(o.lang, "none"));
    if (o.lang == Lang::En || !o.schema) return fmt::format("{}: {}\n", tr(o.lang, title), fmt::join(facts, ", "));
    std::string out = fmt::format("{} ({}):\n", tr(o.lang, title), facts.size());
    for (const auto& f : facts) out += fact_line(o, f);
    return out;
}

std::string contract_text(const Contract& c, Lang lang) {
    std::string out =
        fmt::format(fmt::runtime(tr(lang, "contract: {} from {} to {}")), c.type, date_text(c.start, lang), date_text(c.end, lang));
    if (c.sign_by) out += fmt::format(fmt::runtime(tr(lang, ", sign by {}")), date_text(*c.sign_by, lang));
    out += fmt::format(" ({})\n", c.section);
    if (!c.settings.empty()) out += fmt::format("  {}: {}\n", tr(lang, "limited to"), fmt::join(c.settings, ", "));
    if (!c.excluded.empty()) out += fmt::format("  {}: {}\n", tr(lang, "left out"), fmt::join(c.excluded, ", "));
    return out;
}

std::string tariff_text(const Tariff& t, Lang lang) {
    auto number = [&](double v) {
        return lang == Lang::En ? fmt::format("{}", v) : number_text(lang, v, v == static_cast<int64_t>(v) ? 0 : 2);
    };
    std::string amount = t.percentage ? " " + number(*t.percentage) + "%" : t.amount_eur ? " EUR " + number(*t.amount_eur) : "";
    // The basis as people read it; in English its code beside it for the analyst (an unknown basis
    // reads as itself).
    const std::string label = tariff_basis_text(t.basis, lang);
    const std::string basis = label == t.basis || lang != Lang::En ? label : fmt::format("{} ({})", label, t.basis);
    std::string out = fmt::format("{}: {}{}{} ({})\n", tr(lang, "tariff"), basis, amount, t.text.empty_text() ? "" : " — " + t.text.str(),
                                  t.section.str());
    for (const auto& s : t.surcharges)
        out += fmt::format("  {} {} {}: {}\n", tr(lang, "surcharge"), s.section.str(), s.code.str(), s.text.str());
    return out;
}

std::string conditional_text(const Decision& d, Lang lang) {
    std::string out =
        fmt::format(fmt::runtime(tr(lang, "conditional ({}): hold or not by facts still unknown")), d.conditional.size()) + "\n";
    for (const auto& c : d.conditional)
        out += fmt::format("  {} {}  {} {}  ({}: {})\n", lang == Lang::En ? c.effect : effect_label(c.effect, lang), c.item.section.str(),
                           c.item.code.str(), c.item.text.str(), tr(lang, "settled by"), fmt::join(c.settled_by, ", "));
    return out;
}

// A trace entry's result in words (the JSON keeps the tokens: pass, fail, holds, no, unknown,
// not_applicable).
std::string trace_result_label(const std::string& result, Lang lang) {
    for (const char* token : {NC_("trace result", "pass"), NC_("trace result", "fail"), NC_("trace result", "holds"),
                              NC_("trace result", "no"), NC_("trace result", "unknown"), NC_("trace result", "not_applicable")})
        if (result == token) return trc(lang, "trace result", token);
    return result;
}

// A trace entry's facts in `lang`: in English as the decision records them; otherwise the provider's
// facts by their labels and values ("Behandellocaties: 4 (eis: maximaal 3)"), then a parameter's
// or a custom check's result in words.
std::string trace_facts(const TraceEntry& e, const RenderOptions& o) {
    if (o.lang == Lang::En) return fmt::format("{}", fmt::join(e.facts, "; "));
    std::vector<std::string> parts;
    for (const auto& f : e.found) parts.push_back(found_text(f, o.schema, o.lang));
    for (const auto& fact : e.facts) {
        const size_t colon = fact.rfind(": "), eq = fact.rfind(" = ");
        const bool param = fact.rfind("parameter ", 0) == 0;
        const auto ends = [&](std::string_view w) {
            return fact.size() > w.size() && fact.compare(fact.size() - w.size(), w.size(), w) == 0;
        };
        const bool custom = !param && colon != std::string::npos && (ends(": true") || ends(": false") || ends(": unknown"));
        if (!param && !custom) {  // a fact of the provider: in `found` above (a scope's or an offer's as it is)
            if (e.found.empty()) parts.push_back(fact);
            continue;
        }
        const size_t at = param ? eq : colon;
        std::string word = at == std::string::npos ? "" : fact.substr(at + (param ? 3 : 2));
        if (word == "true") word = trc(o.lang, "answer", "yes");
        if (word == "false") word = trc(o.lang, "answer", "no");
        if (word == "unknown") word = tr(o.lang, "unknown");
        parts.push_back(at == std::string::npos ? fact : fact.substr(0, at) + (param ? " = " : ": ") + word);
    }
    return fmt::format("{}", fmt::join(parts, "; "));
}

std::string trace_text(const Decision& d, const RenderOptions& o) {
    const Lang lang = o.lang;
    std::vector<std::vector<std::string>> rows{{tr(lang, "section"), tr(lang, "rule"), tr(lang, "result"), tr(lang, "facts")}};
    for (const auto& e : d.trace) rows.push_back({e.section, e.rule, trace_result_label(e.result, lang), trace_facts(e, o)});
    return std::string(tr(lang, "trace")) + ":\n" + format_table(rows, "  ");
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
    const Lang lang = o.lang;
    const std::string word = lang == Lang::En ? std::string(outcome_name(d.outcome)) : category_label(category_of(d), lang);
    std::string out = fmt::format("{} {} {}: {}\n", d.policy, tr(lang, "for"), d.agb.empty() ? tr(lang, "the provider") : d.agb,
                                  paint_outcome(word, d.outcome, o.color));
    if (d.contract) out += contract_text(*d.contract, lang);
    if (d.tariff) out += tariff_text(*d.tariff, lang);
    out += items(o, N_("grounds"), d.grounds);
    out += items(o, N_("review points"), d.review);
    out += items(o, N_("conditions"), d.conditions);
    if (d.outcome == Outcome::Incomplete || d.open_facts.empty()) out += facts_text(o, N_("missing facts"), d.missing);
    if (!d.conditional.empty()) out += conditional_text(d, lang);
    if (!d.open_facts.empty()) {
        const char* why = d.outcome == Outcome::Refuse ? N_("needed if the refusal is resolved") : N_("they settle the conditional items");
        out += fmt::format(fmt::runtime(tr(lang, "still unknown ({}): {}")), tr(lang, why), fmt::join(d.open_facts, ", ")) + "\n";
        if (lang != Lang::En && o.schema)
            for (const auto& f : d.open_facts)
                if (o.schema->find(f)) out += fact_line(o, f);
    }
    if (!d.params.empty_text() && d.params.str() != "{}") out += fmt::format("{}: {}\n", tr(lang, "parameters set"), d.params.str());
    if (!d.policy_version.empty_text()) out += fmt::format("{}: {}\n", tr(lang, "policy version"), d.policy_version.str());
    if (o.trace && !d.trace.empty()) out += trace_text(d, o);
    return out;
}

}  // namespace inkoop

#include "core/report/report.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <map>
#include <nlohmann/json.hpp>

#include "core/base/i18n.hpp"
#include "core/base/text.hpp"
#include "core/model/outcome_words.hpp"
#include "core/model/policy.hpp"

namespace inkoop {
namespace {

// By Category: offer refuse review incomplete, out of scope.
constexpr const char* kCategoryColor[] = {"#2e7d32", "#c62828", "#f9a825", "#1565c0", "#757575"};
constexpr size_t kTopItems = 10;
constexpr size_t kShownRejected = 200;

std::string esc(std::string_view s) { return html_escape(s); }

std::string md(std::string_view s) {  // a Markdown table cell
    std::string out;
    for (char c : s) {
        if (c == '|')
            out += "\\|";
        else if (c == '\n' || c == '\r')
            out += ' ';
        else
            out += c;
    }
    return out;
}

std::string percent(Lang L, size_t n, size_t total) { return percent_text(L, n, total); }

std::string color_of(Category c) { return kCategoryColor[static_cast<size_t>(c)]; }

// The host's own words in a diff's change (what changed: "ground"; texts such as "no longer
// needed") in `L`; a policy's text has no entry in the catalogue and stays as it is.
std::string change_what(const std::string& what, Lang L) { return L == Lang::En ? what : trc(L, "change", what.c_str()); }
// What changed and how: "ground added" in English, "grond: nieuw" in Dutch.
std::string change_label(const ChangeCount& c, Lang L) {
    if (L == Lang::En) return c.what + " " + c.change;
    return fmt::format("{}: {}", change_what(c.what, L), trc(L, "rule change", c.change.c_str()));
}
// What a tile, a bar and a table call a category: out of scope says what it means.
std::string category_long(Category c, Lang L) {
    return c == Category::OutOfScope ? fmt::format("{} ({})", category_label(c, L), tr(L, "not purchased under this policy"))
                                     : category_label(c, L);
}

// A stacked horizontal bar of the outcomes, with a legend under it.
std::string outcome_bar_svg(Lang L, const CategoryCounts& counts, const std::string& label) {
    const size_t total = inkoop::total(counts);
    const double width = 720;
    std::string body;
    double x = 0;
    for (Category o : kCategoryOrder) {
        const size_t n = counts[static_cast<size_t>(o)];
        if (!n || !total) continue;
        const double w = width * static_cast<double>(n) / static_cast<double>(total);
        body += fmt::format(R"(<rect x="{:.1f}" y="0" width="{:.1f}" height="28" fill="{}"><title>{}: {} ({})</title></rect>)", x, w,
                            color_of(o), category_long(o, L), count_text(L, n),
                            fmt::format(fmt::runtime(tr(L, "{} of the {} providers decided")), percent(L, n, total), count_text(L, total)));
        if (w > 90)
            body += fmt::format(R"(<text x="{:.1f}" y="19" fill="#fff" font-size="13">{} {}</text>)", x + 6, category_label(o, L), n);
        x += w;
    }
    // The legend: entries side by side, a new line when the next would not fit.
    double lx = 0, ly = 40;
    for (Category o : kCategoryOrder) {
        const std::string text = fmt::format("{} {} ({})", category_label(o, L), counts[static_cast<size_t>(o)],
                                             percent(L, counts[static_cast<size_t>(o)], total));
        const double w = 16 + 7.0 * static_cast<double>(text.size()) + 18;
        if (lx > 0 && lx + w > width) {
            lx = 0;
            ly += 18;
        }
        body += fmt::format(R"(<rect x="{}" y="{}" width="12" height="12" fill="{}"/><text x="{}" y="{}" font-size="12">{}</text>)", lx, ly,
                            color_of(o), lx + 16, ly + 11, text);
        lx += w;
    }
    const double height = ly + 16;
    return fmt::format(
               R"(<svg class="chart" role="img" aria-label="{}" viewBox="0 0 {} {}" width="{}" height="{}" xmlns="http://www.w3.org/2000/svg">)",
               esc(label), width, height, width, height) +
           body + "</svg>";
}

// Horizontal bars for labelled counts (the most frequent first).
// A rule's text cut to a chart label's length, on a word, with an ellipsis.
std::string short_text(const std::string& text, size_t max) {
    if (text.size() <= max) return text;
    size_t cut = text.rfind(' ', max);
    if (cut == std::string::npos || cut < max / 2) cut = max;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // not inside a UTF-8 character
    return text.substr(0, cut) + "\u2026";
}

std::string bars_svg(const std::vector<std::pair<std::string, size_t>>& bars, const std::string& color, const std::string& label) {
    if (bars.empty()) return "";
    size_t max = 1;
    for (const auto& b : bars) max = std::max(max, b.second);
    const double label_w = 260, bar_w = 400, row_h = 22;
    const double height = row_h * static_cast<double>(bars.size()) + 4;
    std::string svg = fmt::format(
        R"(<svg class="chart" role="img" aria-label="{}" viewBox="0 0 720 {}" width="720" height="{}" xmlns="http://www.w3.org/2000/svg">)",
        esc(label), height, height);
    for (size_t i = 0; i < bars.size(); ++i) {
        const double y = row_h * static_cast<double>(i);
        const double w = bar_w * static_cast<double>(bars[i].second) / static_cast<double>(max);
        std::string text = bars[i].first;
        text = short_text(text, 36);  // on a word and a whole character; the bar's title has it all
        svg += fmt::format(R"(<text x="{}" y="{}" font-size="12" text-anchor="end">{}</text>)", label_w - 8, y + 15, esc(text));
        svg += fmt::format(R"(<rect x="{}" y="{}" width="{:.1f}" height="16" fill="{}"><title>{}: {}</title></rect>)", label_w, y + 3,
                           std::max(w, 1.0), color, esc(bars[i].first), bars[i].second);
        svg += fmt::format(R"(<text x="{:.1f}" y="{}" font-size="12">{}</text>)", label_w + std::max(w, 1.0) + 6, y + 15, bars[i].second);
    }
    return svg + "</svg>";
}

constexpr const char* kStyle = R"css(
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;color:#1b1b1b;line-height:1.45}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.25rem;margin-top:2.2rem;border-bottom:2px solid #ddd;padding-bottom:.2rem}
h3{font-size:1.05rem;margin-top:1.4rem}.meta{color:#555;font-size:.9rem;margin:.2rem 0}
table{border-collapse:collapse;width:100%;font-size:.9rem;margin:.5rem 0}th,td{border-bottom:1px solid #e3e3e3;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f3f6fa}td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.cards{display:flex;gap:.8rem;flex-wrap:wrap;margin:.8rem 0}.card{border-radius:6px;padding:.5rem .9rem;color:#fff;min-width:7rem}
.card b{display:block;font-size:1.4rem}svg.chart{display:block;max-width:100%;height:auto;margin:.6rem 0}
code{font-size:.85rem;overflow-wrap:anywhere}td code{white-space:nowrap}.matrix td.n{min-width:5rem}footer{margin-top:3rem;color:#777;font-size:.8rem}
)css";

// The share an outcome's count is of its denominator, with the denominator named: the providers in
// scope for an outcome of the policy ("60,4% van de 1.183 zorgaanbieders binnen het inkoopdomein"),
// every provider decided for out of scope. The report's text uses the same.
std::string share_of(Lang L, Category o, const CategoryCounts& counts) {
    const size_t all = inkoop::total(counts), in_scope = all - counts[static_cast<size_t>(Category::OutOfScope)];
    const size_t n = counts[static_cast<size_t>(o)];
    if (o == Category::OutOfScope)
        return fmt::format(fmt::runtime(tr(L, "{} of the {} providers decided")), percent(L, n, all), count_text(L, all));
    return fmt::format(fmt::runtime(tr(L, "{} of the {} providers in scope")), percent(L, n, in_scope), count_text(L, in_scope));
}

std::string cards(Lang L, const CategoryCounts& counts) {
    std::string out = R"(<div class="cards">)";
    for (Category o : kCategoryOrder)
        out += fmt::format(R"(<div class="card" style="background:{}"><b>{}</b>{}<br><small>{}{}</small></div>)", color_of(o),
                           count_text(L, counts[static_cast<size_t>(o)]), category_label(o, L), share_of(L, o, counts),
                           o == Category::OutOfScope ? std::string("; ") + tr(L, "not purchased under this policy") : "");
    return out + "</div>";
}

// The most frequent items, each with its count and its share of `base` providers; `in_scope` says
// which providers those are (the header names them).
std::string items_table(Lang L, const std::vector<ItemCount>& items, size_t base, bool in_scope) {
    const size_t decided = base;
    const std::string share =
        fmt::format(fmt::runtime(tr(L, in_scope ? N_("share of the {} in scope") : N_("share of the {} decided"))), count_text(L, base));
    std::string out = fmt::format("<table><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
                                  tr(L, "section"), tr(L, "code"), tr(L, "text"), tr(L, "providers"), share);
    for (size_t i = 0; i < items.size() && i < kTopItems; ++i)
        out +=
            fmt::format(R"(<tr><td>{}</td><td><code>{}</code></td><td>{}</td><td class="n">{}</td><td class="n">{}</td></tr>)",
                        esc(items[i].section), esc(items[i].code), esc(items[i].text), items[i].count, percent(L, items[i].count, decided));
    if (items.size() > kTopItems)
        out +=
            fmt::format(R"(<tr><td colspan="5">{}</td></tr>)", fmt::format(fmt::runtime(tr(L, "and {} more")), items.size() - kTopItems));
    return out + "</tbody></table>";
}

// A kind of provider as people read it ("GGZ-instelling"), its code when the schema has no label.
std::string kind_label(const Schema* schema, Lang L, const std::string& code) {
    const Field* kind = schema ? schema->kind() : nullptr;
    const int i = kind ? kind->enum_index(code) : -1;
    return i < 0 ? code : kind->value_label(static_cast<size_t>(i), L);
}

// Outcomes per provider kind or region: a row each, the categories as columns.
std::string breakdown_table(Lang L, const char* what, const std::map<std::string, CategoryCounts>& rows, const Schema* kinds = nullptr) {
    std::string out = fmt::format("<table><thead><tr><th>{}</th>", tr(L, what));
    for (Category c : kCategoryOrder) out += fmt::format(R"(<th class="n">{}</th>)", esc(category_label(c, L)));
    out += fmt::format(R"(<th class="n">{}</th></tr></thead><tbody>)", tr(L, "total"));
    for (const auto& [name, counts] : rows) {
        out += fmt::format("<tr><td>{}</td>", esc(kinds ? kind_label(kinds, L, name) : name == "(unknown)" ? tr(L, "(unknown)") : name));
        for (Category c : kCategoryOrder) out += fmt::format(R"(<td class="n">{}</td>)", counts[static_cast<size_t>(c)]);
        out += fmt::format(R"(<td class="n">{}</td></tr>)", inkoop::total(counts));
    }
    return out + "</tbody></table>";
}

// A rejected row's reason as a reader of `L` reads it: a value that is not one of a field's values
// names the values by their labels ("'ziekenhuisje' is niet een van: Vrijgevestigde praktijk, ...").
std::string rejected_reason(const RejectedRow& r, const Schema* schema, Lang L) {
    if (L == Lang::En || !schema || r.problems.empty()) return r.reason_text(L);
    std::vector<std::string> parts;
    for (FieldError p : r.problems) {
        const Field* f = schema->find(p.field);
        auto& args = p.words.args;
        const bool choices = p.words.pattern == "{} is not one of {}" || p.words.pattern == "{} is not one of {} (did you mean {}?)";
        if (f && f->type == FieldType::Enum && choices && args.size() >= 2) {
            std::vector<std::string> labels;  // the message lists every value of the field
            for (size_t i = 0; i < f->values.size(); ++i) labels.push_back(f->value_label(i, L));
            args[1] = fmt::format("{}", fmt::join(labels, ", "));
            if (args.size() >= 3)
                if (const int i = f->enum_index(args[2]); i >= 0) args[2] = f->value_label(static_cast<size_t>(i), L);
        }
        parts.push_back(p.words.pattern.empty() ? p.message : p.words.text(L));
    }
    return fmt::format("{}", fmt::join(parts, "; "));
}

// Why a row has no decision, as a reader of `L` reads it: bad input, a duplicate AGB, a policy that
// failed (a limit it reached, a script error); an unknown kind as it is.
std::string error_kind_label(const std::string& kind, Lang L) {
    static constexpr const char* kKinds[] = {
        NC_("error kind", "input"),  NC_("error kind", "duplicate"), NC_("error kind", "instructions"), NC_("error kind", "deadline"),
        NC_("error kind", "memory"), NC_("error kind", "runtime"),   NC_("error kind", "syntax"),       NC_("error kind", "interrupted")};
    if (L == Lang::En) return kind;
    for (const char* k : kKinds)
        if (kind == k) return trc(L, "error kind", k);
    return kind;
}

// A field by its label, its name beside it as code (a rejected row names the column to mend).
std::string field_cell_html(const std::string& name, const Schema* schema, Lang L) {
    const Field* f = schema && !name.empty() ? schema->find(name) : nullptr;
    if (!f) return name.empty() ? "" : "<code>" + esc(name) + "</code>";
    return esc(f->label(L)) + " <code>" + esc(name) + "</code>";
}

std::string params_text(Lang L, const std::string& params) { return params.empty() || params == "{}" ? tr(L, "defaults") : params; }

std::string run_html(Lang L, const RunSummary& run, const Schema* schema) {
    std::string out;
    for (const auto& p : run.policies()) {
        out += fmt::format(R"(<section class="policy"><h2>{}</h2><p class="meta">{} <code>{}</code> · {}: {} · {}{}</p>)", esc(p.id),
                           tr(L, "policy version"), esc(p.version), tr(L, "parameters"), esc(params_text(L, p.params)),
                           fmt::format(fmt::runtime(tr(L, "{} providers decided")), count_text(L, p.decided())),
                           p.failures ? " · " + fmt::format(fmt::runtime(tr(L, "{} failed")), p.failures) : "");
        const size_t in_scope = p.decided() - p.count(Category::OutOfScope);
        out += cards(L, p.outcomes) + outcome_bar_svg(L, p.outcomes, fmt::format(fmt::runtime(tr(L, "outcomes under {}")), p.id));
        if (p.count(Category::OutOfScope))
            out += "<p>" +
                   fmt::format(fmt::runtime(tr(L,
                                               "{} of {} providers are of a kind this policy does not purchase: they are out of scope, not "
                                               "refused. Of the {} in scope, {} are refused ({}).")),
                               count_text(L, p.count(Category::OutOfScope)), count_text(L, p.decided()),
                               count_text(L, p.decided() - p.count(Category::OutOfScope)), count_text(L, p.count(Category::Refuse)),
                               percent(L, p.count(Category::Refuse), p.decided() - p.count(Category::OutOfScope))) +
                   "</p>";
        std::vector<std::pair<std::string, size_t>> bars;
        for (size_t i = 0; i < p.grounds.size() && i < kTopItems; ++i)
            bars.emplace_back(p.grounds[i].section + " " + p.grounds[i].text, p.grounds[i].count);  // words, not codes
        const std::string none = fmt::format("<p>{}</p>", tr(L, "none"));
        out += fmt::format("<h3>{}</h3>", tr(L, "Most frequent refusal grounds"));
        out += p.grounds.empty() ? none
                                 : bars_svg(bars, "#c62828", fmt::format(fmt::runtime(tr(L, "refusal grounds under {}")), p.id)) +
                                       items_table(L, p.grounds, in_scope, true);
        out += fmt::format("<h3>{}</h3>", tr(L, "Not purchased under this policy (out of scope)"));
        out += p.out_of_scope.empty() ? none : items_table(L, p.out_of_scope, p.decided(), false);
        out += fmt::format("<h3>{}</h3>", tr(L, "Most frequent review points"));
        out += p.review.empty() ? none : items_table(L, p.review, in_scope, true);
        out += fmt::format("<h3>{}</h3>", tr(L, "Most frequent conditions"));
        out += p.conditions.empty() ? none : items_table(L, p.conditions, in_scope, true);
        if (!p.by_kind.empty())
            out += fmt::format("<h3>{}</h3>", tr(L, "By provider kind")) + breakdown_table(L, N_("kind"), p.by_kind, schema);
        if (!p.by_region.empty()) out += fmt::format("<h3>{}</h3>", tr(L, "By region")) + breakdown_table(L, N_("region"), p.by_region);
        out += "</section>";
    }
    out += fmt::format("<section><h2>{} ({})</h2>", tr(L, "Rejected rows"), run.rejected().size());
    if (run.rejected().empty()) {
        out += fmt::format("<p>{}</p>", tr(L, "none: every row was decided"));
    } else {
        out += fmt::format("<table><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
                           tr(L, "row"), tr(L, "agb"), tr(L, "policy"), tr(L, "kind"), tr(L, "field"), tr(L, "reason"));
        for (size_t i = 0; i < run.rejected().size() && i < kShownRejected; ++i) {
            const auto& r = run.rejected()[i];
            out += fmt::format(R"(<tr><td class="n">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>)", r.row,
                               esc(r.agb), esc(r.policy.empty() ? tr(L, "all") : r.policy), esc(error_kind_label(r.kind, L)),
                               field_cell_html(r.field, schema, L), esc(rejected_reason(r, schema, L)));
        }
        out += "</tbody></table>";
        if (run.rejected().size() > kShownRejected)
            out += "<p>" +
                   fmt::format(fmt::runtime(tr(L, "and {} more (the records file has them all)")), run.rejected().size() - kShownRejected) +
                   "</p>";
    }
    return out + "</section>";
}

// The split of each change by its cause (cause_lines), as a nested list item; codes as code.
std::string causes_html(const OutcomeMatrix& m, Lang L) {
    const auto lines = cause_lines(m, L);
    if (lines.empty()) return "";
    std::string out = fmt::format("<li>{}<ul>", esc(cause_heading(L)));
    const auto words = [](const std::string& text) { return esc(text); };
    const auto code = [](const std::string& c) { return "<code>" + esc(c) + "</code>"; };
    for (const auto& line : lines) out += fmt::format("<li>{}: {}</li>", esc(line.head), cause_parts_text(line, words, code));
    return out + "</ul></li>";
}

std::string diff_html(Lang L, const DiffData& d) {
    std::string out = fmt::format(R"(<section><h2>{}</h2><p class="meta">{} <code>{}</code> → <code>{}</code></p>)",
                                  esc(fmt::format(fmt::runtime(tr(L, "From {} to {}")), d.before, d.after)), tr(L, "versions"),
                                  esc(d.before_version), esc(d.after_version));
    {
        // "N of M decisions change" and its indented lines: a paragraph and a list.
        const std::string summary = matrix_summary(d.matrix, L, false);
        size_t nl = summary.find('\n');
        out += fmt::format("<p><b>{}</b></p><ul>", esc(summary.substr(0, nl)));
        while (nl != std::string::npos) {
            const size_t next = summary.find('\n', nl + 1);
            const std::string line = summary.substr(nl + 1, next == std::string::npos ? std::string::npos : next - nl - 1);
            if (!line.empty()) out += fmt::format("<li>{}</li>", esc(line.substr(line.find_first_not_of(' '))));
            nl = next;
        }
        out += causes_html(d.matrix, L) + "</ul>";
    }
    size_t max = 1;
    for (const auto& row : d.matrix.cells)
        for (size_t c : row) max = std::max(max, c);
    out += fmt::format(R"(<h3>{}</h3><table class="matrix"><thead><tr><th>{}</th>)", tr(L, "Change matrix (rows: before, columns: after)"),
                       esc(tr(L, "before \\ after")));
    for (Category o : kCategoryOrder) out += fmt::format("<th>{}</th>", category_label(o, L));
    out += "</tr></thead><tbody>";
    for (Category b : kCategoryOrder) {
        out += fmt::format("<tr><th>{}</th>", category_label(b, L));
        for (Category a : kCategoryOrder) {
            const size_t n = d.matrix.cells[static_cast<size_t>(b)][static_cast<size_t>(a)];
            if (a == b || n == 0) {  // the diagonal keeps its outcome: grey; an empty cell: white
                out += fmt::format(R"(<td class="n" style="background:{}">{}</td>)", a == b ? "#f0f0f0" : "#fff", n);
                continue;
            }
            const double alpha = 0.12 + 0.6 * static_cast<double>(n) / static_cast<double>(max);
            out += fmt::format(R"x(<td class="n" style="background:rgba(198,40,40,{:.2f})">{}</td>)x", alpha, n);
        }
        out += "</tr>";
    }
    out += "</tbody></table>";
    std::vector<std::pair<std::string, size_t>> kinds;
    for (Category b : kCategoryOrder)
        for (Category a : kCategoryOrder)
            if (a != b && d.matrix.cells[static_cast<size_t>(b)][static_cast<size_t>(a)])
                kinds.emplace_back(fmt::format("{} → {}", category_label(b, L), category_label(a, L)),
                                   d.matrix.cells[static_cast<size_t>(b)][static_cast<size_t>(a)]);
    for (size_t i = 0; i < kChangeKinds; ++i)
        if (d.matrix.same_outcome_kinds[i])
            kinds.emplace_back(std::string(tr(L, "same outcome")) + ", " + change_kind_label(i, L), d.matrix.same_outcome_kinds[i]);
    std::stable_sort(kinds.begin(), kinds.end(), [](const auto& x, const auto& y) { return x.second > y.second; });
    out += fmt::format("<h3>{}</h3>", tr(L, "How decisions change")) + bars_svg(kinds, "#6a1b9a", tr(L, "kinds of change"));
    out +=
        fmt::format("<h3>{}</h3><table><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
                    tr(L, "Most frequent changes"), tr(L, "change"), tr(L, "section"), tr(L, "code"), tr(L, "text"), tr(L, "providers"),
                    tr(L, "for example"));
    for (size_t i = 0; i < d.changes.size() && i < 15; ++i) {
        const auto& c = d.changes[i];
        out += fmt::format(R"(<tr><td>{}</td><td>{}</td><td><code>{}</code></td><td>{}</td><td class="n">{}</td><td>{}</td></tr>)",
                           esc(change_label(c, L)), esc(c.section), esc(c.code), esc(change_words(c.first, L)), c.count,
                           esc(fmt::format("{}", fmt::join(c.examples, ", "))));
    }
    return out + "</tbody></table></section>";
}

}  // namespace

namespace {

// A change read back from the diff's JSON Lines: a contract's period and sign-by date, a tariff's
// bases, so that change_words can word it in the report's language.
DecisionChange change_of(const nlohmann::json& ch) {
    DecisionChange c;
    c.what = ch.value("what", "");
    const std::string change = ch.value("change", "");
    c.sign = change == "added" ? "+" : change == "removed" ? "-" : "~";
    c.section = ch.value("section", "");
    c.code = ch.value("code", "");
    c.text = ch.value("text", "");
    const auto contract = [](const nlohmann::json& j) -> std::optional<Contract> {
        if (!j.is_object()) return std::nullopt;
        const auto start = Date::parse(j.value("start", "")), end = Date::parse(j.value("end", ""));
        if (!start || !end) return std::nullopt;
        Contract k{j.value("type", ""), *start, *end, std::nullopt, {}, {}, ""};
        if (j.contains("sign_by")) k.sign_by = Date::parse(j.value("sign_by", ""));
        return k;
    };
    if (ch.contains("from")) {
        if (ch["from"].is_string())
            c.basis_from = ch["from"].get<std::string>();
        else
            c.from = contract(ch["from"]);
    }
    if (ch.contains("to")) {
        if (ch["to"].is_string())
            c.basis_to = ch["to"].get<std::string>();
        else
            c.to = contract(ch["to"]);
    }
    return c;
}

}  // namespace

void DiffData::add_line(std::string_view line) {
    if (line.empty()) return;
    const auto j = nlohmann::json::parse(line);
    std::map<std::string, bool> seen;  // one count per provider and change
    for (const auto& ch : j.at("changes")) {
        const std::string what = ch.value("what", ""), change = ch.value("change", ""), section = ch.value("section", ""),
                          code = ch.value("code", "");
        const std::string key = what + '\n' + change + '\n' + section + '\n' + code;
        if (seen[key]) continue;
        seen[key] = true;
        auto it = std::find_if(changes.begin(), changes.end(), [&](const ChangeCount& c) {
            return c.what == what && c.change == change && c.section == section && c.code == code;
        });
        if (it == changes.end()) {
            changes.push_back({what, change, section, code, ch.value("text", ""), change_of(ch), 0, {}});
            it = changes.end() - 1;
        }
        ++it->count;
        if (it->examples.size() < 3) it->examples.push_back(j.value("agb", ""));
    }
}

void DiffData::finish() {
    std::stable_sort(changes.begin(), changes.end(), [](const ChangeCount& a, const ChangeCount& b) { return a.count > b.count; });
}

namespace {

// The rules behind a region: how the rule changed, and its section and code on each side; in a
// language other than English with its result under each ("vervallen: 5.1 max_behandellocaties |
// - (geldt / ontbreekt)"). Codes as code.
std::string region_rules_html(const DiffRegion& r, Lang L) {
    const auto side = [](const std::string& item) { return item.empty() ? std::string("-") : "<code>" + esc(item) + "</code>"; };
    std::string out =
        fmt::format("{}: {} | {}", esc(L == Lang::En ? r.change : trc(L, "rule change", r.change.c_str())), side(r.rule_a), side(r.rule_b));
    if (L != Lang::En && !r.states_nl.empty()) out += " (" + esc(r.states_nl) + ")";
    return out;
}

std::string region_rules_markdown(const DiffRegion& r, Lang L) {
    const auto side = [](const std::string& item) { return item.empty() ? std::string("-") : "`" + item + "`"; };
    std::string out =
        fmt::format("{}: {} \\| {}", L == Lang::En ? r.change : trc(L, "rule change", r.change.c_str()), side(r.rule_a), side(r.rule_b));
    if (L != Lang::En && !r.states_nl.empty()) out += " (" + md(r.states_nl) + ")";
    return out;
}

std::string analysis_html(Lang L, const DiffAnalysis& a) {
    std::string out = fmt::format(
        R"(<section><h2>{}</h2><p>{}</p>)", tr(L, "Every kind of provider decided differently"),
        esc(fmt::format(
            fmt::runtime(tr(L,
                            "The exhaustive analysis (inkoop analyze --diff) found {} regions of the space of all providers where "
                            "the decision differs, each with a witness both policies decided; {} rules decide alike everywhere.")),
            a.regions.size(), a.unchanged.size())));
    out += fmt::format("<table><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>", tr(L, "kind"), tr(L, "where"),
                       tr(L, "before → after"), tr(L, "rules"));
    for (size_t i = 0; i < a.regions.size() && i < 60; ++i) {
        const auto& r = a.regions[i];
        out += fmt::format("<tr><td>{}</td><td>{}</td><td>{} → {}</td><td>{}</td></tr>", esc(kind_label(a.schema, L, r.kind)),
                           esc(r.text(L)), outcome_word(r.a, L), outcome_word(r.b, L), region_rules_html(r, L));
    }
    out += "</tbody></table>";
    if (a.regions.size() > 60)
        out += "<p>" + esc(fmt::format(fmt::runtime(tr(L, "and {} more (inkoop analyze --diff lists them all)")), a.regions.size() - 60)) +
               "</p>";
    return out + "</section>";
}

}  // namespace

namespace {

std::string report_title(Lang L, const RunSummary* run, const DiffData* diff) {
    if (diff) return fmt::format(fmt::runtime(tr(L, "What changes from {} to {}")), diff->before, diff->after);
    if (run)
        return fmt::format(fmt::runtime(run->policies().size() == 1 ? tr(L, "Contracting decisions: {} providers under {} policy")
                                                                    : tr(L, "Contracting decisions: {} providers under {} policies")),
                           count_text(L, run->providers()), run->policies().size());
    return "";
}

}  // namespace

std::string report_html(const RunSummary* run, const DiffData* diff, const ReportSource& source, const DiffAnalysis* analysis) {
    const Lang L = source.lang;
    const std::string title = report_title(L, run, diff);
    std::string out = fmt::format(R"(<!DOCTYPE html>
<html lang="{}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{}</title><style>{}</style></head><body>
<header><h1>{}</h1><p class="meta">{} <code>{}</code>{} · {} {} · {}</p></header>
)",
                                  lang_name(L), esc(title), kStyle, esc(title), tr(L, "input"), esc(source.input),
                                  source.input_sha256.empty() ? "" : fmt::format(" (SHA-256 <code>{}</code>)", esc(source.input_sha256)),
                                  tr(L, "generated"), esc(source.generated), esc(source.inkoop));
    if (diff) out += diff_html(L, *diff);
    if (analysis) out += analysis_html(L, *analysis);
    if (run) out += run_html(L, *run, source.schema);
    out += fmt::format(
        "<footer>{}</footer>\n</body></html>\n",
        tr(L, "Made by inkoop from the decision records; every ground cites the section of the policy document it comes from."));
    return out;
}

namespace {

std::string input_line_markdown(const ReportSource& source) {
    const Lang L = source.lang;
    return fmt::format("{} `{}`{}, {} {}, {}.\n\n", tr(L, "Input"), source.input,
                       source.input_sha256.empty() ? "" : " (SHA-256 `" + source.input_sha256 + "`)", tr(L, "generated"), source.generated,
                       source.inkoop);
}

// The same split as causes_html, as list lines after the summary's ("- naar oorzaak ...:", then "  - ...").
std::string causes_markdown(const OutcomeMatrix& m, Lang L) {
    const auto lines = cause_lines(m, L);
    if (lines.empty()) return "";
    std::string out = "\n- " + cause_heading(L);
    const auto words = [](const std::string& text) { return text; };
    const auto code = [](const std::string& c) { return "`" + c + "`"; };
    for (const auto& line : lines) out += fmt::format("\n  - {}: {}", line.head, cause_parts_text(line, words, code));
    return out;
}

// What changes between two policies: the matrix and the most frequent changes.
std::string diff_markdown(const DiffData& d, const ReportSource& source) {
    const Lang L = source.lang;
    std::string out;
    out += "# " + fmt::format(fmt::runtime(tr(L, "What changes from {} to {}")), d.before, d.after) + "\n\n";
    out += input_line_markdown(source);
    out += fmt::format("{}: `{}` → `{}`\n\n", tr(L, "Policy versions"), d.before_version, d.after_version);
    std::string summary = matrix_summary(d.matrix, L, false);
    for (size_t at; (at = summary.find("\n  ")) != std::string::npos;) summary.replace(at, 3, "\n- ");
    if (summary.find('\n') != std::string::npos) summary.replace(summary.find('\n'), 1, "\n\n");
    out += summary + causes_markdown(d.matrix, L) + fmt::format("\n\n| {} |", md(tr(L, "before \\ after")));
    for (Category o : kCategoryOrder) out += fmt::format(" {} |", category_label(o, L));
    out += "\n|---|---:|---:|---:|---:|---:|\n";
    for (Category b : kCategoryOrder) {
        out += fmt::format("| {} |", category_label(b, L));
        for (Category a : kCategoryOrder) out += fmt::format(" {} |", d.matrix.cells[static_cast<size_t>(b)][static_cast<size_t>(a)]);
        out += '\n';
    }
    out += fmt::format("\n## {}\n\n| {} | {} | {} | {} | {} | {} |\n|---|---|---|---|---:|---|\n", tr(L, "Most frequent changes"),
                       tr(L, "change"), tr(L, "section"), tr(L, "code"), tr(L, "text"), tr(L, "providers"), tr(L, "for example"));
    for (size_t i = 0; i < d.changes.size() && i < 15; ++i) {
        const auto& c = d.changes[i];
        out += fmt::format("| {} | {} | `{}` | {} | {} | {} |\n", change_label(c, L), md(c.section), md(c.code),
                           md(change_words(c.first, L)), c.count, fmt::join(c.examples, ", "));
    }
    out += '\n';
    return out;
}

std::string analysis_markdown(Lang L, const DiffAnalysis& a) {
    std::string out;
    out += fmt::format("## {}\n\n", tr(L, "Every kind of provider decided differently"));
    out += fmt::format(fmt::runtime(tr(L, "{} regions (exhaustive analysis, each with a witness); {} rules decide alike everywhere.")),
                       a.regions.size(), a.unchanged.size());
    out += fmt::format("\n\n| {} | {} | {} | {} |\n|---|---|---|---|\n", tr(L, "kind"), tr(L, "where"), tr(L, "before → after"),
                       tr(L, "rules"));
    for (size_t i = 0; i < a.regions.size() && i < 60; ++i) {
        const auto& r = a.regions[i];
        out += fmt::format("| {} | {} | {} → {} | {} |\n", md(kind_label(a.schema, L, r.kind)), md(r.text(L)), outcome_word(r.a, L),
                           outcome_word(r.b, L), region_rules_markdown(r, L));
    }
    out += '\n';
    return out;
}

// One policy's outcomes, grounds, out-of-scope sections, review points, conditions and breakdowns.
std::string policy_markdown(Lang L, const PolicySummary& p, const Schema* schema) {
    std::string out;
    out += fmt::format("## {}\n\n{} `{}`, {}: {}. {}{}.\n\n| {} | {} | {} |\n|---|---:|---:|\n", p.id, tr(L, "Policy version"), p.version,
                       tr(L, "parameters"), params_text(L, p.params),
                       fmt::format(fmt::runtime(tr(L, "{} providers decided")), count_text(L, p.decided())),
                       p.failures ? ", " + fmt::format(fmt::runtime(tr(L, "{} failed")), p.failures) : "", tr(L, "outcome"),
                       tr(L, "providers"), tr(L, "share"));
    for (Category o : kCategoryOrder)
        out += fmt::format("| {} | {} | {} |\n", category_long(o, L), count_text(L, p.outcomes[static_cast<size_t>(o)]),
                           share_of(L, o, p.outcomes));
    for (const auto& [title, items] :
         {std::pair{N_("Most frequent refusal grounds"), &p.grounds},
          std::pair{N_("Not purchased under this policy (out of scope)"), &p.out_of_scope},
          std::pair{N_("Most frequent review points"), &p.review}, std::pair{N_("Most frequent conditions"), &p.conditions}}) {
        out += fmt::format("\n### {}\n\n", tr(L, title));
        if (items->empty()) {
            out += std::string(tr(L, "none")) + "\n";
            continue;
        }
        out +=
            fmt::format("| {} | {} | {} | {} |\n|---|---|---|---:|\n", tr(L, "section"), tr(L, "code"), tr(L, "text"), tr(L, "providers"));
        for (size_t i = 0; i < items->size() && i < kTopItems; ++i)
            out += fmt::format("| {} | `{}` | {} | {} |\n", md((*items)[i].section), md((*items)[i].code), md((*items)[i].text),
                               (*items)[i].count);
        if (items->size() > kTopItems) out += "\n" + fmt::format(fmt::runtime(tr(L, "and {} more")), items->size() - kTopItems) + "\n";
    }
    for (const auto& [heading, column, rows] :
         {std::tuple{N_("By provider kind"), N_("kind"), &p.by_kind}, std::tuple{N_("By region"), N_("region"), &p.by_region}}) {
        if (rows->empty()) continue;
        out += fmt::format("\n### {}\n\n| {} |", tr(L, heading), tr(L, column));
        for (Category c : kCategoryOrder) out += fmt::format(" {} |", category_label(c, L));
        out += fmt::format(" {} |\n|---|---:|---:|---:|---:|---:|---:|\n", tr(L, "total"));
        const bool kinds = rows == &p.by_kind;
        for (const auto& [name, counts] : *rows) {
            out += fmt::format("| {} |", md(kinds ? kind_label(schema, L, name) : name));
            for (Category c : kCategoryOrder) out += fmt::format(" {} |", counts[static_cast<size_t>(c)]);
            out += fmt::format(" {} |\n", inkoop::total(counts));
        }
    }
    out += '\n';
    return out;
}

std::string rejected_markdown(Lang L, const RunSummary& run) {
    std::string out;
    out += fmt::format("## {} ({})\n\n", tr(L, "Rejected rows"), run.rejected().size());
    if (run.rejected().empty())
        out += std::string(tr(L, "none: every row was decided")) + "\n";
    else {
        out += fmt::format("| {} | {} | {} | {} | {} |\n|---:|---|---|---|---|\n", tr(L, "row"), tr(L, "agb"), tr(L, "policy"),
                           tr(L, "field"), tr(L, "reason"));
        for (size_t i = 0; i < run.rejected().size() && i < kShownRejected; ++i) {
            const auto& r = run.rejected()[i];
            out += fmt::format("| {} | {} | {} | {} | {} |\n", r.row, md(r.agb), md(r.policy.empty() ? tr(L, "all") : r.policy),
                               md(r.field), md(r.reason_text(L)));
        }
    }
    return out;
}

}  // namespace

std::string report_markdown(const RunSummary* run, const DiffData* diff, const ReportSource& source, const DiffAnalysis* analysis) {
    const Lang L = source.lang;
    std::string out;
    if (diff) out += diff_markdown(*diff, source);
    if (analysis) out += analysis_markdown(L, *analysis);
    if (!run) return out;
    if (!diff) {
        out += "# " + report_title(L, run, nullptr) + "\n\n";
        out += input_line_markdown(source);
    }
    for (const auto& p : run->policies()) out += policy_markdown(L, p, source.schema);
    out += rejected_markdown(L, *run);
    return out;
}

}  // namespace inkoop

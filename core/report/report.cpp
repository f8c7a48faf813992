#include "core/report/report.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <map>
#include <nlohmann/json.hpp>

#include "core/model/policy.hpp"

namespace inkoop {
namespace {

// By Category: offer refuse review incomplete, out of scope.
constexpr const char* kCategoryColor[] = {"#2e7d32", "#c62828", "#f9a825", "#1565c0", "#757575"};
constexpr size_t kTopItems = 10;
constexpr size_t kShownRejected = 200;

std::string esc(std::string_view s) {
    std::string out;
    for (char c : s) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&#39;"; break;
        default: out += c;
        }
    }
    return out;
}

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

std::string percent(size_t n, size_t total) { return total ? fmt::format("{:.1f}%", 100.0 * n / total) : "0%"; }

std::string color_of(Category c) { return kCategoryColor[static_cast<size_t>(c)]; }

// What a tile, a bar and a table call a category: out of scope says what it means.
std::string category_label(Category c) {
    return c == Category::OutOfScope ? "out of scope (not purchased under this policy)" : std::string(category_name(c));
}

// A stacked horizontal bar of the outcomes, with a legend under it.
std::string outcome_bar_svg(const CategoryCounts& counts, const std::string& label) {
    const size_t total = inkoop::total(counts);
    const double width = 720;
    std::string body;
    double x = 0;
    for (Category o : kCategoryOrder) {
        const size_t n = counts[static_cast<size_t>(o)];
        if (!n || !total) continue;
        const double w = width * static_cast<double>(n) / static_cast<double>(total);
        body += fmt::format(R"(<rect x="{:.1f}" y="0" width="{:.1f}" height="28" fill="{}"><title>{}: {} ({})</title></rect>)", x, w,
                            color_of(o), category_label(o), n, percent(n, total));
        if (w > 90) body += fmt::format(R"(<text x="{:.1f}" y="19" fill="#fff" font-size="13">{} {}</text>)", x + 6, category_name(o), n);
        x += w;
    }
    // The legend: entries side by side, a new line when the next would not fit.
    double lx = 0, ly = 40;
    for (Category o : kCategoryOrder) {
        const std::string text =
            fmt::format("{} {} ({})", category_name(o), counts[static_cast<size_t>(o)], percent(counts[static_cast<size_t>(o)], total));
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
        if (text.size() > 40) text = text.substr(0, 38) + "…";
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

std::string cards(const CategoryCounts& counts) {
    const size_t total = inkoop::total(counts);
    std::string out = R"(<div class="cards">)";
    for (Category o : kCategoryOrder)
        out += fmt::format(R"(<div class="card" style="background:{}"><b>{}</b>{} ({}){}</div>)", color_of(o),
                           counts[static_cast<size_t>(o)], category_name(o), percent(counts[static_cast<size_t>(o)], total),
                           o == Category::OutOfScope ? "<br><small>not purchased under this policy</small>" : "");
    return out + "</div>";
}

std::string items_table(const std::vector<ItemCount>& items, size_t decided) {
    std::string out = "<table><thead><tr><th>section</th><th>code</th><th>text</th><th>providers</th><th>share</th></tr></thead><tbody>";
    for (size_t i = 0; i < items.size() && i < kTopItems; ++i)
        out += fmt::format(R"(<tr><td>{}</td><td><code>{}</code></td><td>{}</td><td class="n">{}</td><td class="n">{}</td></tr>)",
                           esc(items[i].section), esc(items[i].code), esc(items[i].text), items[i].count, percent(items[i].count, decided));
    if (items.size() > kTopItems) out += fmt::format(R"(<tr><td colspan="5">and {} more</td></tr>)", items.size() - kTopItems);
    return out + "</tbody></table>";
}

// Outcomes per provider kind or region: a row each, the categories as columns.
std::string breakdown_table(const char* what, const std::map<std::string, CategoryCounts>& rows) {
    std::string out = fmt::format("<table><thead><tr><th>{}</th>", what);
    for (Category c : kCategoryOrder) out += fmt::format(R"(<th class="n">{}</th>)", esc(category_name(c)));
    out += R"(<th class="n">total</th></tr></thead><tbody>)";
    for (const auto& [name, counts] : rows) {
        out += fmt::format("<tr><td>{}</td>", esc(name));
        for (Category c : kCategoryOrder) out += fmt::format(R"(<td class="n">{}</td>)", counts[static_cast<size_t>(c)]);
        out += fmt::format(R"(<td class="n">{}</td></tr>)", inkoop::total(counts));
    }
    return out + "</tbody></table>";
}

std::string params_text(const std::string& params) { return params.empty() || params == "{}" ? "defaults" : params; }

std::string run_html(const RunSummary& run) {
    std::string out;
    for (const auto& p : run.policies()) {
        out += fmt::format(
            R"(<section class="policy"><h2>{}</h2><p class="meta">policy version <code>{}</code> · parameters: {} · {} providers decided{}</p>)",
            esc(p.id), esc(p.version), esc(params_text(p.params)), p.decided(), p.failures ? fmt::format(" · {} failed", p.failures) : "");
        out += cards(p.outcomes) + outcome_bar_svg(p.outcomes, "outcomes under " + p.id);
        if (p.count(Category::OutOfScope))
            out += fmt::format(
                "<p>{} of {} providers are of a kind this policy does not purchase: they are out of scope, not refused. Of the {} in "
                "scope, {} are refused ({}).</p>",
                p.count(Category::OutOfScope), p.decided(), p.decided() - p.count(Category::OutOfScope), p.count(Category::Refuse),
                percent(p.count(Category::Refuse), p.decided() - p.count(Category::OutOfScope)));
        std::vector<std::pair<std::string, size_t>> bars;
        for (size_t i = 0; i < p.grounds.size() && i < kTopItems; ++i)
            bars.emplace_back(p.grounds[i].section + " " + p.grounds[i].code, p.grounds[i].count);
        out += "<h3>Most frequent refusal grounds</h3>";
        out += p.grounds.empty() ? "<p>none</p>"
                                 : bars_svg(bars, "#c62828", "refusal grounds under " + p.id) + items_table(p.grounds, p.decided());
        out += "<h3>Not purchased under this policy (out of scope)</h3>";
        out += p.out_of_scope.empty() ? "<p>none</p>" : items_table(p.out_of_scope, p.decided());
        out += "<h3>Most frequent review points</h3>";
        out += p.review.empty() ? "<p>none</p>" : items_table(p.review, p.decided());
        out += "<h3>Most frequent conditions</h3>";
        out += p.conditions.empty() ? "<p>none</p>" : items_table(p.conditions, p.decided());
        if (!p.by_kind.empty()) out += "<h3>By provider kind</h3>" + breakdown_table("kind", p.by_kind);
        if (!p.by_region.empty()) out += "<h3>By region</h3>" + breakdown_table("region", p.by_region);
        out += "</section>";
    }
    out += fmt::format("<section><h2>Rejected rows ({})</h2>", run.rejected().size());
    if (run.rejected().empty()) {
        out += "<p>none: every row was decided</p>";
    } else {
        out += "<table><thead><tr><th>row</th><th>agb</th><th>policy</th><th>kind</th><th>field</th><th>reason</th></tr></thead><tbody>";
        for (size_t i = 0; i < run.rejected().size() && i < kShownRejected; ++i) {
            const auto& r = run.rejected()[i];
            out += fmt::format(R"(<tr><td class="n">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>)", r.row,
                               esc(r.agb), esc(r.policy.empty() ? "all" : r.policy), esc(r.kind), esc(r.field), esc(r.reason));
        }
        out += "</tbody></table>";
        if (run.rejected().size() > kShownRejected)
            out += fmt::format("<p>and {} more (the records file has them all)</p>", run.rejected().size() - kShownRejected);
    }
    return out + "</section>";
}

std::string diff_html(const DiffData& d) {
    std::string out = fmt::format(R"(<section><h2>From {} to {}</h2><p class="meta">versions <code>{}</code> → <code>{}</code></p>)",
                                  esc(d.before), esc(d.after), esc(d.before_version), esc(d.after_version));
    {
        // "N of M decisions change" and its indented lines: a paragraph and a list.
        const std::string summary = matrix_summary(d.matrix, "decisions");
        size_t nl = summary.find('\n');
        out += fmt::format("<p><b>{}</b></p><ul>", esc(summary.substr(0, nl)));
        while (nl != std::string::npos) {
            const size_t next = summary.find('\n', nl + 1);
            const std::string line = summary.substr(nl + 1, next == std::string::npos ? std::string::npos : next - nl - 1);
            if (!line.empty()) out += fmt::format("<li>{}</li>", esc(line.substr(line.find_first_not_of(' '))));
            nl = next;
        }
        out += "</ul>";
    }
    size_t max = 1;
    for (const auto& row : d.matrix.cells)
        for (size_t c : row) max = std::max(max, c);
    out += R"(<h3>Change matrix (rows: before, columns: after)</h3><table class="matrix"><thead><tr><th>before \ after</th>)";
    for (Category o : kCategoryOrder) out += fmt::format("<th>{}</th>", category_name(o));
    out += "</tr></thead><tbody>";
    for (Category b : kCategoryOrder) {
        out += fmt::format("<tr><th>{}</th>", category_name(b));
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
                kinds.emplace_back(fmt::format("{} → {}", category_name(b), category_name(a)),
                                   d.matrix.cells[static_cast<size_t>(b)][static_cast<size_t>(a)]);
    for (size_t i = 0; i < kChangeKinds; ++i)
        if (d.matrix.same_outcome_kinds[i])
            kinds.emplace_back("same outcome, " + std::string(change_kind_name(i)), d.matrix.same_outcome_kinds[i]);
    std::stable_sort(kinds.begin(), kinds.end(), [](const auto& x, const auto& y) { return x.second > y.second; });
    out += "<h3>How decisions change</h3>" + bars_svg(kinds, "#6a1b9a", "kinds of change");
    out +=
        "<h3>Most frequent "
        "changes</h3><table><thead><tr><th>change</th><th>section</th><th>code</th><th>text</th><th>providers</th><th>for "
        "example</th></tr></thead><tbody>";
    for (size_t i = 0; i < d.changes.size() && i < 15; ++i) {
        const auto& c = d.changes[i];
        out += fmt::format(R"(<tr><td>{} {}</td><td>{}</td><td><code>{}</code></td><td>{}</td><td class="n">{}</td><td>{}</td></tr>)",
                           esc(c.what), esc(c.change), esc(c.section), esc(c.code), esc(c.text), c.count,
                           esc(fmt::format("{}", fmt::join(c.examples, ", "))));
    }
    return out + "</tbody></table></section>";
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
            changes.push_back({what, change, section, code, ch.value("text", ""), 0, {}});
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

std::string analysis_html(const DiffAnalysis& a) {
    std::string out = fmt::format(
        R"(<section><h2>Every kind of provider decided differently</h2><p>The exhaustive analysis (<code>inkoop analyze --diff</code>) found {} regions of the space of all providers where the decision differs, each with a witness both policies decided; {} rules decide alike everywhere.</p>)",
        a.regions.size(), a.unchanged.size());
    out += "<table><thead><tr><th>kind</th><th>where</th><th>before → after</th><th>rules</th></tr></thead><tbody>";
    for (size_t i = 0; i < a.regions.size() && i < 60; ++i) {
        const auto& r = a.regions[i];
        out += fmt::format("<tr><td>{}</td><td>{}</td><td>{} → {}</td><td>{}: {} | {}</td></tr>", esc(r.kind), esc(r.description),
                           outcome_name(r.a), outcome_name(r.b), esc(r.change), esc(r.rule_a.empty() ? "-" : r.rule_a),
                           esc(r.rule_b.empty() ? "-" : r.rule_b));
    }
    out += "</tbody></table>";
    if (a.regions.size() > 60)
        out += fmt::format("<p>and {} more (<code>inkoop analyze --diff</code> lists them all)</p>", a.regions.size() - 60);
    return out + "</section>";
}

}  // namespace

std::string report_html(const RunSummary* run, const DiffData* diff, const ReportSource& source, const DiffAnalysis* analysis) {
    std::string title;
    if (diff)
        title = fmt::format("What changes from {} to {}", diff->before, diff->after);
    else if (run)
        title = fmt::format("Contracting decisions: {} providers under {} {}", run->providers(), run->policies().size(),
                            run->policies().size() == 1 ? "policy" : "policies");
    std::string out = fmt::format(R"(<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{}</title><style>{}</style></head><body>
<header><h1>{}</h1><p class="meta">input <code>{}</code>{} · generated {} · {}</p></header>
)",
                                  esc(title), kStyle, esc(title), esc(source.input),
                                  source.input_sha256.empty() ? "" : fmt::format(" (SHA-256 <code>{}</code>)", esc(source.input_sha256)),
                                  esc(source.generated), esc(source.inkoop));
    if (diff) out += diff_html(*diff);
    if (analysis) out += analysis_html(*analysis);
    if (run) out += run_html(*run);
    out +=
        R"(<footer>Made by inkoop from the decision records; every ground cites the section of the policy document it comes from.</footer>
</body></html>
)";
    return out;
}

namespace {

std::string input_line_markdown(const ReportSource& source) {
    return fmt::format("Input `{}`{}, generated {}, {}.\n\n", source.input,
                       source.input_sha256.empty() ? "" : " (SHA-256 `" + source.input_sha256 + "`)", source.generated, source.inkoop);
}

// What changes between two policies: the matrix and the most frequent changes.
std::string diff_markdown(const DiffData& d, const ReportSource& source) {
    std::string out;
    out += fmt::format("# What changes from {} to {}\n\n", d.before, d.after);
    out += input_line_markdown(source);
    out += fmt::format("Policy versions: `{}` → `{}`\n\n", d.before_version, d.after_version);
    std::string summary = matrix_summary(d.matrix, "decisions");
    for (size_t at; (at = summary.find("\n  ")) != std::string::npos;) summary.replace(at, 3, "\n- ");
    out += summary.replace(summary.find('\n'), 1, "\n\n") + "\n\n| before \\ after |";
    for (Category o : kCategoryOrder) out += fmt::format(" {} |", category_name(o));
    out += "\n|---|---:|---:|---:|---:|---:|\n";
    for (Category b : kCategoryOrder) {
        out += fmt::format("| {} |", category_name(b));
        for (Category a : kCategoryOrder) out += fmt::format(" {} |", d.matrix.cells[static_cast<size_t>(b)][static_cast<size_t>(a)]);
        out += '\n';
    }
    out += "\n## Most frequent changes\n\n| change | section | code | text | providers | for example |\n|---|---|---|---|---:|---|\n";
    for (size_t i = 0; i < d.changes.size() && i < 15; ++i) {
        const auto& c = d.changes[i];
        out += fmt::format("| {} {} | {} | `{}` | {} | {} | {} |\n", c.what, c.change, md(c.section), md(c.code), md(c.text), c.count,
                           fmt::join(c.examples, ", "));
    }
    out += '\n';
    return out;
}

std::string analysis_markdown(const DiffAnalysis& a) {
    std::string out;
    out += fmt::format(
        "## Every kind of provider decided differently\n\n{} regions (exhaustive analysis, each with a witness); {} rules decide alike "
        "everywhere.\n\n| kind | where | before → after | rules |\n|---|---|---|---|\n",
        a.regions.size(), a.unchanged.size());
    for (size_t i = 0; i < a.regions.size() && i < 60; ++i) {
        const auto& r = a.regions[i];
        out += fmt::format("| {} | {} | {} → {} | {}: {} \\| {} |\n", r.kind, md(r.description), outcome_name(r.a), outcome_name(r.b),
                           r.change, md(r.rule_a.empty() ? "-" : r.rule_a), md(r.rule_b.empty() ? "-" : r.rule_b));
    }
    out += '\n';
    return out;
}

// One policy's outcomes, grounds, out-of-scope sections, review points, conditions and breakdowns.
std::string policy_markdown(const PolicySummary& p) {
    std::string out;
    out += fmt::format(
        "## {}\n\nPolicy version `{}`, parameters: {}. {} providers decided{}.\n\n| outcome | providers | share "
        "|\n|---|---:|---:|\n",
        p.id, p.version, params_text(p.params), p.decided(), p.failures ? fmt::format(", {} failed", p.failures) : "");
    for (Category o : kCategoryOrder)
        out += fmt::format("| {} | {} | {} |\n", category_label(o), p.outcomes[static_cast<size_t>(o)],
                           percent(p.outcomes[static_cast<size_t>(o)], p.decided()));
    for (const auto& [title, items] :
         {std::pair{"Most frequent refusal grounds", &p.grounds},
          std::pair{"Not purchased under this policy (out of scope)", &p.out_of_scope}, std::pair{"Most frequent review points", &p.review},
          std::pair{"Most frequent conditions", &p.conditions}}) {
        out += fmt::format("\n### {}\n\n", title);
        if (items->empty()) {
            out += "none\n";
            continue;
        }
        out += "| section | code | text | providers |\n|---|---|---|---:|\n";
        for (size_t i = 0; i < items->size() && i < kTopItems; ++i)
            out += fmt::format("| {} | `{}` | {} | {} |\n", md((*items)[i].section), md((*items)[i].code), md((*items)[i].text),
                               (*items)[i].count);
        if (items->size() > kTopItems) out += fmt::format("\nand {} more\n", items->size() - kTopItems);
    }
    for (const auto& [title, rows] : {std::pair{"kind", &p.by_kind}, std::pair{"region", &p.by_region}}) {
        if (rows->empty()) continue;
        out += fmt::format("\n### By {}\n\n| {} |", title == std::string("kind") ? "provider kind" : "region", title);
        for (Category c : kCategoryOrder) out += fmt::format(" {} |", category_name(c));
        out += " total |\n|---|---:|---:|---:|---:|---:|---:|\n";
        for (const auto& [name, counts] : *rows) {
            out += fmt::format("| {} |", md(name));
            for (Category c : kCategoryOrder) out += fmt::format(" {} |", counts[static_cast<size_t>(c)]);
            out += fmt::format(" {} |\n", inkoop::total(counts));
        }
    }
    out += '\n';
    return out;
}

std::string rejected_markdown(const RunSummary& run) {
    std::string out;
    out += fmt::format("## Rejected rows ({})\n\n", run.rejected().size());
    if (run.rejected().empty())
        out += "none: every row was decided\n";
    else {
        out += "| row | agb | policy | field | reason |\n|---:|---|---|---|---|\n";
        for (size_t i = 0; i < run.rejected().size() && i < kShownRejected; ++i) {
            const auto& r = run.rejected()[i];
            out += fmt::format("| {} | {} | {} | {} | {} |\n", r.row, md(r.agb), md(r.policy.empty() ? "all" : r.policy), md(r.field),
                               md(r.reason));
        }
    }
    return out;
}

}  // namespace

std::string report_markdown(const RunSummary* run, const DiffData* diff, const ReportSource& source, const DiffAnalysis* analysis) {
    std::string out;
    if (diff) out += diff_markdown(*diff, source);
    if (analysis) out += analysis_markdown(*analysis);
    if (!run) return out;
    if (!diff) {
        out += fmt::format("# Contracting decisions: {} providers under {} policies\n\n", run->providers(), run->policies().size());
        out += input_line_markdown(source);
    }
    for (const auto& p : run->policies()) out += policy_markdown(p);
    out += rejected_markdown(*run);
    return out;
}

}  // namespace inkoop

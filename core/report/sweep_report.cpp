#include "core/report/sweep_report.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

#include "core/base/i18n.hpp"
#include "core/base/text.hpp"
#include "core/model/decision.hpp"

namespace inkoop {
namespace {

using json = nlohmann::json;

struct Series {
    const char* token;
    Category category;
    const char* color;
};
constexpr Series kSeries[] = {
    {"offer", Category::Offer, "#1a7f37"},
    {"review", Category::Review, "#9a6700"},
    {"refuse", Category::Refuse, "#cf222e"},
    {"incomplete", Category::Incomplete, "#6639ba"},
    {"out_of_scope", Category::OutOfScope, "#6e7781"},
};

// A varied parameter in words, for the chart's axis: its unit and where the policy states it ("fte
// (parameter uit paragraaf 3.1)"); its name in a sweep that does not give them.
std::string axis_words(const json& axis, Lang L) {
    const std::string unit = axis.value("unit", ""), section = axis.value("section", "");
    if (unit.empty() && section.empty()) return axis.at("name").get<std::string>();
    if (section.empty()) return unit;
    const std::string where = fmt::format(fmt::runtime(tr(L, "parameter from section {}")), section);
    return unit.empty() ? where : fmt::format("{} ({})", unit, where);
}

// A varied parameter as a table heads it: its name as code, its unit beside it.
std::string axis_head(const json& axis) {
    const std::string unit = axis.value("unit", "");
    return "<code>" + html_escape(axis.at("name").get<std::string>()) + "</code>" + (unit.empty() ? "" : " (" + html_escape(unit) + ")");
}

size_t count_of(const json& scenario, const std::string& token) { return scenario.at("counts").at(token).get<size_t>(); }

std::string label(const Series& s, Lang L) { return category_label(s.category, L); }

// One varied parameter: a line per outcome (and the changed decisions, dashed) over its values.
std::string line_chart(const json& sweep, Lang L) {
    const auto& values = sweep.at("axes").at(0).at("values");
    const auto& scenarios = sweep.at("scenarios");
    const size_t n = values.size();
    size_t top = 1;
    for (const auto& s : scenarios) {
        for (const auto& series : kSeries) top = std::max(top, count_of(s, series.token));
        top = std::max(top, count_of(s, "changed"));
    }
    constexpr double W = 720, H = 320, left = 60, right = 20, up = 20, down = 50;
    const auto x = [&](size_t i) { return left + (n > 1 ? (W - left - right) * static_cast<double>(i) / static_cast<double>(n - 1) : 0); };
    const auto y = [&](size_t v) { return up + (H - up - down) * (1.0 - static_cast<double>(v) / static_cast<double>(top)); };
    std::string svg = fmt::format(R"(<svg class="chart" viewBox="0 0 {} {}" role="img" aria-label="{}">)", W, H + 40,
                                  html_escape(tr(L, "outcomes per scenario")));
    svg +=
        fmt::format(R"(<line x1="{0}" y1="{1}" x2="{2}" y2="{1}" class="axis"/><line x1="{0}" y1="{3}" x2="{0}" y2="{1}" class="axis"/>)",
                    left, H - down, W - right, up);
    for (int t = 0; t <= 4; ++t) {
        const size_t v = top * static_cast<size_t>(t) / 4;
        svg += fmt::format(R"(<text x="{}" y="{}" class="tick" text-anchor="end">{}</text>)", left - 6, y(v) + 4,
                           html_escape(count_text(L, v)));
    }
    for (size_t i = 0; i < n; ++i)
        svg += fmt::format(R"(<text x="{}" y="{}" class="tick" text-anchor="middle">{}</text>)", x(i), H - down + 18,
                           html_escape(values[i].get<std::string>()));
    svg += fmt::format(R"(<text x="{}" y="{}" class="name" text-anchor="middle">{}</text>)", (left + W - right) / 2, H - down + 38,
                       html_escape(axis_words(sweep.at("axes").at(0), L)));
    const auto polyline = [&](const std::string& token, const char* color, bool dashed) {
        std::string pts;
        for (size_t i = 0; i < n && i < scenarios.size(); ++i) pts += fmt::format("{:.1f},{:.1f} ", x(i), y(count_of(scenarios[i], token)));
        svg += fmt::format(R"(<polyline points="{}" fill="none" stroke="{}" stroke-width="2"{}/>)", pts, color,
                           dashed ? R"( stroke-dasharray="6 4")" : "");
        for (size_t i = 0; i < n && i < scenarios.size(); ++i)
            svg += fmt::format(R"(<circle cx="{:.1f}" cy="{:.1f}" r="3" fill="{}"/>)", x(i), y(count_of(scenarios[i], token)), color);
    };
    for (const auto& s : kSeries) polyline(s.token, s.color, false);
    polyline("changed", "#0969da", true);
    double lx = left;
    for (const auto& s : kSeries) {
        svg += fmt::format(R"(<rect x="{}" y="{}" width="12" height="12" fill="{}"/><text x="{}" y="{}" class="tick">{}</text>)", lx,
                           H + 14, s.color, lx + 16, H + 24, html_escape(label(s, L)));
        lx += 24 + 7.5 * static_cast<double>(label(s, L).size());
    }
    svg += fmt::format(R"(<line x1="{0}" y1="{1}" x2="{2}" y2="{1}" stroke="#0969da" stroke-width="2" stroke-dasharray="6 4"/>)", lx,
                       H + 20, lx + 14);
    svg += fmt::format(R"(<text x="{}" y="{}" class="tick">{}</text>)", lx + 18, H + 24, html_escape(tr(L, "changed")));
    return svg + "</svg>";
}

// Two varied parameters: a heat map of the offers (the changed decisions in each cell beneath).
std::string heat_map(const json& sweep, Lang L) {
    const auto& ax = sweep.at("axes");
    const auto& rows = ax.at(0).at("values");
    const auto& cols = ax.at(1).at("values");
    const auto& scenarios = sweep.at("scenarios");
    size_t lo = SIZE_MAX, hi = 0;
    for (const auto& s : scenarios) {
        lo = std::min(lo, count_of(s, "offer"));
        hi = std::max(hi, count_of(s, "offer"));
    }
    std::string out = fmt::format(R"(<table class="heat"><caption>{}</caption><tr><th>{} \ {}</th>)",
                                  html_escape(tr(L, "offers per scenario")), axis_head(ax.at(0)), axis_head(ax.at(1)));
    for (const auto& c : cols) out += "<th>" + html_escape(c.get<std::string>()) + "</th>";
    out += "</tr>";
    for (size_t r = 0; r < rows.size(); ++r) {
        out += "<tr><th>" + html_escape(rows[r].get<std::string>()) + "</th>";
        for (size_t c = 0; c < cols.size(); ++c) {
            const size_t at = r * cols.size() + c;
            if (at >= scenarios.size()) {
                out += "<td></td>";
                continue;
            }
            const size_t offers = count_of(scenarios[at], "offer");
            const double t = hi > lo ? static_cast<double>(offers - lo) / static_cast<double>(hi - lo) : 1.0;
            const int light = static_cast<int>(std::lround(92 - 52 * t));
            out += fmt::format(R"(<td style="background:hsl(140,45%,{}%);color:{}">{}<br><small>{} {}</small></td>)", light,
                               light < 60 ? "#fff" : "#1f2328", html_escape(count_text(L, offers)),
                               html_escape(count_text(L, count_of(scenarios[at], "changed"))), html_escape(tr(L, "changed")));
        }
        out += "</tr>";
    }
    return out + "</table>";
}

std::string table(const json& sweep, Lang L) {
    std::string out = "<table class=\"data\"><tr>";
    for (const auto& a : sweep.at("axes")) out += "<th>" + axis_head(a) + "</th>";
    for (const auto& s : kSeries) out += "<th>" + html_escape(label(s, L)) + "</th>";
    out += "<th>" + html_escape(tr(L, "failed")) + "</th><th>" + html_escape(tr(L, "changed")) + "</th></tr>";
    for (const auto& s : sweep.at("scenarios")) {
        out += "<tr>";
        for (const auto& a : sweep.at("axes"))
            out += "<td>" + html_escape(s.at("params").at(a.at("name").get<std::string>()).get<std::string>()) + "</td>";
        for (const auto& series : kSeries) out += "<td class=\"n\">" + html_escape(count_text(L, count_of(s, series.token))) + "</td>";
        out += "<td class=\"n\">" + html_escape(count_text(L, count_of(s, "failed"))) + "</td><td class=\"n\">" +
               html_escape(count_text(L, count_of(s, "changed"))) + "</td></tr>";
    }
    return out + "</table>";
}

constexpr const char* kSweepStyle = R"css(
body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:60rem;color:#1f2328;padding:0 1rem}
h1{font-size:1.5rem}.meta{color:#57606a;font-size:.9rem}code{font-size:.85rem;word-break:break-all}
.chart{width:100%;max-width:46rem;height:auto}.axis{stroke:#57606a}.tick{font-size:11px;fill:#57606a}.name{font-size:12px;fill:#1f2328}
table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #d0d7de;padding:.3rem .5rem;text-align:left}
td.n{text-align:right;font-variant-numeric:tabular-nums}.heat td{text-align:center;min-width:4rem}caption{text-align:left;font-weight:600}
)css";

}  // namespace

std::string sweep_report_html(const nlohmann::json& sweep, Lang L, const std::string& source, const std::string& generated) {
    const auto& axes = sweep.at("axes");
    if (axes.empty() || sweep.at("scenarios").empty()) throw std::runtime_error(source + ": a sweep with no scenarios");
    const std::string policy = sweep.at("policy").get<std::string>();
    const std::string title = fmt::format(fmt::runtime(tr(L, "Scenario sweep: {}")), policy);
    std::string out = fmt::format(R"(<!DOCTYPE html>
<html lang="{}"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>{}</title><style>{}</style></head><body>
<header><h1>{}</h1><p class="meta">)",
                                  lang_name(L), html_escape(title), kSweepStyle, html_escape(title));
    out += fmt::format("{} <code>{}</code> · ", html_escape(tr(L, "policy version")), html_escape(sweep.value("policy_version", "")));
    if (sweep.contains("input"))
        out += fmt::format("{} <code>{}</code> (SHA-256 <code>{}</code>) · ", html_escape(tr(L, "input")),
                           html_escape(sweep["input"].value("path", "")), html_escape(sweep["input"].value("sha256", "")));
    out += fmt::format(fmt::runtime(tr(L, "{} providers, {} scenarios")), html_escape(count_text(L, sweep.at("providers").get<size_t>())),
                       html_escape(count_text(L, sweep.at("scenarios").size())));
    out += fmt::format(" · {} <code>{}</code> · {}</p>", html_escape(tr(L, "sweep")), html_escape(source), html_escape(generated));
    // What each varied parameter is, in the policy's words.
    out += "<ul class=\"meta\">";
    for (const auto& a : axes) {
        const std::string doc = a.value("doc", "");
        out += fmt::format("<li>{} <code>{}</code>{}</li>", html_escape(tr(L, "varied:")), html_escape(a.at("name").get<std::string>()),
                           doc.empty() ? "" : ": " + html_escape(doc));
    }
    out += "</ul></header>\n";
    if (axes.size() == 1 && axes[0].at("values").size() == sweep.at("scenarios").size())
        out += "<section>" + line_chart(sweep, L) + "</section>\n";
    else if (axes.size() == 2 && axes[0].at("values").size() * axes[1].at("values").size() == sweep.at("scenarios").size())
        out += "<section>" + heat_map(sweep, L) + "</section>\n";
    out += fmt::format(
        "<section><h2>{}</h2><p>{}</p>{}</section>\n", html_escape(tr(L, "Every scenario")),
        html_escape(tr(L,
                       "Changed: providers decided otherwise than under the base parameters (outcome, grounds, review points or "
                       "missing facts).")),
        table(sweep, L));
    return out + "</body></html>\n";
}

}  // namespace inkoop

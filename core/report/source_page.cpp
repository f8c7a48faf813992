#include "core/report/source_page.hpp"

#include <fmt/format.h>

#include "core/base/text.hpp"

namespace inkoop {
namespace {

std::string esc(std::string_view s) { return html_escape(s); }

constexpr const char* kStyle = R"css(
body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:64rem;color:#1f2328;padding:0 1rem;line-height:1.45}
h1{font-size:1.5rem}h2{font-size:1.1rem;margin-top:2rem;border-bottom:1px solid #d0d7de}.meta{color:#57606a;font-size:.9rem}
.cards{display:flex;gap:1rem;flex-wrap:wrap}.card{border:1px solid #d0d7de;border-radius:6px;padding:.6rem 1rem}
.card b{display:block;font-size:1.4rem}
p.s{margin:.3rem 0;padding:.2rem .5rem;border-left:4px solid transparent}p.s.li{margin-left:1.5rem}
p.encoded{border-left-color:#1a7f37;background:#f0fff4}p.not_encoded{border-left-color:#6e7781;background:#f6f8fa}
p.open{border-left-color:#cf222e;background:#fff5f5}
.mark{display:block;font-size:.8rem;color:#57606a}code{font-size:.85rem;overflow-wrap:anywhere}
.cites{font-size:.85rem;color:#57606a}
)css";

// A sentence's mark: what encodes it, why not, or that nothing does.
std::string mark(const SourceSentence& s, Lang L) {
    if (s.status == "encoded") {
        std::string codes;
        for (const auto& c : s.by) codes += (codes.empty() ? "" : ", ") + ("<code>" + esc(c) + "</code>");
        return fmt::format(R"(<span class="mark">{} {}</span>)", esc(tr(L, "encoded by")), codes);
    }
    if (s.status == "not_encoded") return fmt::format(R"(<span class="mark">{}: {}</span>)", esc(tr(L, "not encoded")), esc(s.why));
    if (s.status == "open") return fmt::format(R"(<span class="mark">{}</span>)", esc(tr(L, "normative, not yet accounted for")));
    return "";
}

}  // namespace

std::string source_page_html(const SourceView& v, Lang L, const std::string& generated) {
    const std::string title = fmt::format(fmt::runtime(tr(L, "Source of {}: every sentence and what encodes it")), v.policy);
    std::string out =
        fmt::format(R"(<!DOCTYPE html>
<html lang="{}"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>{}</title><style>{}</style></head><body>
<header><h1>{}</h1><p class="meta">{} <code>{}</code> · {}</p></header>
)",
                    lang_name(L), esc(title), kStyle, esc(title), esc(tr(L, "source document")), esc(v.source), esc(generated));
    const SourceCoverage& c = v.coverage;
    const auto card = [&](size_t n, const char* what) {
        return fmt::format(R"(<div class="card"><b>{}</b>{}</div>)", esc(count_text(L, n)), esc(tr(L, what)));
    };
    out += R"(<section><div class="cards">)";
    out += fmt::format(R"(<div class="card"><b>{}</b>{}</div>)", esc(percent_text(L, c.encoded + c.not_encoded, c.normative)),
                       esc(fmt::format(fmt::runtime(tr(L, "of the {} normative sentences accounted for")), count_text(L, c.normative))));
    out += card(c.encoded, N_("encoded")) + card(c.not_encoded, N_("not encoded, with the reason")) +
           card(c.open, N_("normative, not yet accounted for")) + card(c.sentences, N_("sentences in all"));
    out += "</div></section>\n";
    for (const auto& sec : v.sections) {
        if (sec.count == 0 && sec.cited_by.empty()) continue;
        out += fmt::format("<section><h2>{}</h2>", esc(sec.heading.empty() ? tr(L, "Introduction") : sec.heading));
        if (!sec.cited_by.empty()) {
            std::string codes;
            for (const auto& code : sec.cited_by) codes += (codes.empty() ? "" : ", ") + ("<code>" + esc(code) + "</code>");
            out += fmt::format(R"(<p class="cites">{} {}</p>)", esc(tr(L, "cited by")), codes);
        }
        for (size_t k = sec.first; k < sec.first + sec.count; ++k) {
            const SourceSentence& s = v.sentences[k];
            out += fmt::format(R"(<p class="s {}{}">{}{}</p>)", s.status.empty() ? "informative" : s.status, s.list_item ? " li" : "",
                               esc(s.text), mark(s, L));
        }
        out += "</section>\n";
    }
    return out + "</body></html>\n";
}

}  // namespace inkoop

#include "core/report/source_page.hpp"

#include <fmt/format.h>

#include "core/base/text.hpp"

namespace inkoop {
namespace {

constexpr const char* kSourceStyle = R"css(
body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:64rem;color:#1f2328;padding:0 1rem;line-height:1.45}
h1{font-size:1.5rem}h2{font-size:1.1rem;margin-top:2rem;border-bottom:1px solid #d0d7de}.meta{color:#57606a;font-size:.9rem}
.cards{display:flex;gap:1rem;flex-wrap:wrap}.card{border:1px solid #d0d7de;border-radius:6px;padding:.6rem 1rem}
.card b{display:block;font-size:1.4rem}
p.s{margin:.3rem 0;padding:.2rem .5rem;border-left:4px solid transparent}p.s.li{margin-left:1.5rem}
p.encoded{border-left-color:#1a7f37;background:#f0fff4}p.not_encoded{border-left-color:#6e7781;background:#f6f8fa}
p.open{border-left-color:#cf222e;background:#fff5f5}
.mark{display:block;font-size:.8rem;color:#57606a}code{font-size:.85rem;overflow-wrap:anywhere}
.cites{font-size:.85rem;color:#57606a}
del{color:#82071e;background:#ffebe9}ins{text-decoration:none;background:#dafbe1}h3{font-size:1rem;margin-top:1.5rem}
)css";

std::string codes_html(const std::vector<std::string>& codes) {
    std::string out;
    for (const auto& c : codes) out += (out.empty() ? "" : ", ") + ("<code>" + html_escape(c) + "</code>");
    return out;
}

// A sentence's mark: what encodes it, why not, or that nothing does.
std::string mark(const SourceSentence& s, Lang L) {
    if (s.status == "encoded") {
        return fmt::format(R"(<span class="mark">{} {}</span>)", html_escape(tr(L, "encoded by")), codes_html(s.by));
    }
    if (s.status == "not_encoded")
        return fmt::format(R"(<span class="mark">{}: {}</span>)", html_escape(tr(L, "not encoded")), html_escape(s.why));
    if (s.status == "open") return fmt::format(R"(<span class="mark">{}</span>)", html_escape(tr(L, "normative, not yet accounted for")));
    return "";
}

std::string page_head(Lang L, const std::string& title) {
    return fmt::format(R"(<!DOCTYPE html>
<html lang="{}"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>{}</title><style>{}</style></head><body>
)",
                       lang_name(L), html_escape(title), kSourceStyle);
}

std::string card(Lang L, size_t n, const char* what) {
    return fmt::format(R"(<div class="card"><b>{}</b>{}</div>)", html_escape(count_text(L, n)), html_escape(tr(L, what)));
}

std::string side_name(const SourceView& v) { return v.policy.empty() ? v.source : v.policy; }

std::string section_title(Lang L, const SourceSection& s) { return s.heading.empty() ? tr(L, "Introduction") : s.heading; }

// The rules of each side that quote or cite a paragraph.
std::string rules_line(Lang L, const SourceView& v, const SourceSection* s) {
    if (!s) return "";
    const std::string codes = s->cited_by.empty() ? html_escape(tr(L, "none")) : codes_html(s->cited_by);
    return fmt::format(R"(<p class="cites">{} {}: {}</p>)", html_escape(tr(L, "cited in")), html_escape(side_name(v)), codes);
}

std::string change_html(const SentenceChange& c, Lang L) {
    SourceSentence s;
    s.status = c.status;
    s.why = c.why;
    s.by = c.by;
    std::string body;
    if (!c.before.empty()) body += "<del>" + html_escape(c.before) + "</del>";
    if (!c.before.empty() && !c.after.empty()) body += "<br>";
    if (!c.after.empty()) body += "<ins>" + html_escape(c.after) + "</ins>";
    if (!c.moved_from.empty())
        body +=
            fmt::format(R"(<span class="mark">{}</span>)",
                        html_escape(fmt::format(fmt::runtime(tr(L, "word for word in section {} of the earlier document")), c.moved_from)));
    return fmt::format(R"(<p class="s {}">{}{}</p>)", c.status.empty() ? "informative" : c.status, body, mark(s, L));
}

std::string section_changes(const SourceDiff& d, const std::vector<SectionChange>& list, const char* title, Lang L) {
    if (list.empty()) return "";
    std::string out = fmt::format("<section><h2>{}</h2>", html_escape(tr(L, title)));
    for (const auto& c : list) {
        const SourceSection* sa = c.a >= 0 ? &d.a.sections[static_cast<size_t>(c.a)] : nullptr;
        const SourceSection* sb = c.b >= 0 ? &d.b.sections[static_cast<size_t>(c.b)] : nullptr;
        const std::string heading = sa && sb && sa->heading != sb->heading ? section_title(L, *sa) + " → " + section_title(L, *sb)
                                                                           : section_title(L, sb ? *sb : *sa);
        out += "<h3>" + html_escape(heading) + "</h3>" + rules_line(L, d.a, sa) + rules_line(L, d.b, sb);
        for (const auto& s : c.sentences) out += change_html(s, L);
    }
    return out + "</section>\n";
}

}  // namespace

std::string source_diff_html(const SourceDiff& d, Lang L, const std::string& generated) {
    const std::string title = fmt::format(fmt::runtime(tr(L, "Changes in the source document: {} → {}")), side_name(d.a), side_name(d.b));
    std::string out = page_head(L, title);
    size_t open = 0;
    for (size_t k : d.to_encode) open += d.b.sentences[k].status == "open";
    out += fmt::format(R"(<header><h1>{}</h1><p class="meta">{} <code>{}</code> → <code>{}</code> · {}</p></header>
)",
                       html_escape(title), html_escape(tr(L, "source documents")), html_escape(d.a.source), html_escape(d.b.source),
                       html_escape(generated));
    out += R"(<section><div class="cards">)";
    out += card(L, d.changed.size(), N_("paragraphs changed")) + card(L, d.added.size(), N_("paragraphs added")) +
           card(L, d.removed.size(), N_("paragraphs removed")) + card(L, d.moved.size(), N_("paragraphs renumbered, text the same")) +
           card(L, d.unchanged, N_("paragraphs unchanged")) +
           card(L, d.to_encode.size(), N_("new or changed normative sentences no rule encodes")) +
           card(L, open, N_("of those open: neither encoded nor explained"));
    out += "</div></section>\n";
    out += fmt::format(
        "<section><h2>{}</h2>",
        html_escape(fmt::format(fmt::runtime(tr(L, "New or changed normative sentences no rule of {} encodes")), side_name(d.b))));
    out += fmt::format("<p>{}</p>",
                       html_escape(d.to_encode.empty() ? tr(L, "Every new or changed normative sentence is encoded.")
                                                       : tr(L,
                                                            "An open sentence must still be encoded or explained; for an explained "
                                                            "one, check that its reason still holds for the new text.")));
    for (size_t k : d.to_encode) {
        const SourceSentence& s = d.b.sentences[k];
        out += fmt::format(R"(<p class="s {}"><code>{}</code> {}{}</p>)", s.status,
                           html_escape(s.section.empty() ? "inleiding" : s.section), html_escape(s.text), mark(s, L));
    }
    out += "</section>\n";
    out += section_changes(d, d.changed, N_("Changed paragraphs"), L);
    out += section_changes(d, d.added, N_("New paragraphs"), L);
    out += section_changes(d, d.removed, N_("Removed paragraphs"), L);
    if (!d.moved.empty()) {
        out += fmt::format("<section><h2>{}</h2><ul>", html_escape(tr(L, "Renumbered paragraphs, text the same")));
        for (const auto& [ia, ib] : d.moved) {
            const auto &sa = d.a.sections[static_cast<size_t>(ia)], &sb = d.b.sections[static_cast<size_t>(ib)];
            out += fmt::format("<li>{} → {}{}{}</li>", html_escape(section_title(L, sa)), html_escape(section_title(L, sb)),
                               rules_line(L, d.a, &sa), rules_line(L, d.b, &sb));
        }
        out += "</ul></section>\n";
    }
    return out + "</body></html>\n";
}

std::string source_page_html(const SourceView& v, Lang L, const std::string& generated) {
    const std::string title = fmt::format(fmt::runtime(tr(L, "Source of {}: every sentence and what encodes it")), v.policy);
    std::string out = page_head(L, title) + fmt::format(R"(<header><h1>{}</h1><p class="meta">{} <code>{}</code> · {}</p></header>
)",
                                                        html_escape(title), html_escape(tr(L, "source document")), html_escape(v.source),
                                                        html_escape(generated));
    const SourceCoverage& c = v.coverage;
    out += R"(<section><div class="cards">)";
    out += fmt::format(
        R"(<div class="card"><b>{}</b>{}</div>)", html_escape(percent_text(L, c.encoded + c.not_encoded, c.normative)),
        html_escape(fmt::format(fmt::runtime(tr(L, "of the {} normative sentences accounted for")), count_text(L, c.normative))));
    out += card(L, c.encoded, N_("encoded")) + card(L, c.not_encoded, N_("not encoded, with the reason")) +
           card(L, c.open, N_("normative, not yet accounted for")) + card(L, c.sentences, N_("sentences in all"));
    out += "</div></section>\n";
    for (const auto& sec : v.sections) {
        if (sec.count == 0 && sec.cited_by.empty()) continue;
        out += fmt::format("<section><h2>{}</h2>", html_escape(sec.heading.empty() ? tr(L, "Introduction") : sec.heading));
        if (!sec.cited_by.empty()) {
            out += fmt::format(R"(<p class="cites">{} {}</p>)", html_escape(tr(L, "cited by")), codes_html(sec.cited_by));
        }
        for (size_t k = sec.first; k < sec.first + sec.count; ++k) {
            const SourceSentence& s = v.sentences[k];
            out += fmt::format(R"(<p class="s {}{}">{}{}</p>)", s.status.empty() ? "informative" : s.status, s.list_item ? " li" : "",
                               html_escape(s.text), mark(s, L));
        }
        out += "</section>\n";
    }
    return out + "</body></html>\n";
}

}  // namespace inkoop

// Letters: values escaped so that they render as themselves, templates checked before any letter is
// written (no unescaped tags, partials or delimiter changes; unknown placeholders named with the
// name meant), and a letter rendered from a small template, byte for byte.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "core/base/text.hpp"
#include "core/letters/letters.hpp"
#include "schema_fixture.hpp"

using namespace inkoop;
namespace fs = std::filesystem;

namespace {

// A policy tree in a fresh folder with one insurer whose Dutch templates are all `text`.
struct Tree {
    fs::path root;
    Policy policy;
    explicit Tree(const std::string& text) {
        root = fs::temp_directory_path() / ("inkoop-letters-" + std::to_string(::getpid()));
        fs::remove_all(root);
        fs::create_directories(root / "acme/letters/nl");
        for (const char* kind : {"offer", "refuse", "review", "incomplete", "out_of_scope"})
            std::ofstream(root / "acme/letters/nl" / (std::string(kind) + ".md")) << text;
        policy.info.id = "acme/ggz-2026";
        policy.info.insurer = "Acme";
        policy.info.title = "Zorginkoopbeleid GGZ 2026";
        policy.info.year = 2026;
        policy.schema = ::inkoop::testing::shared_test_schema();
        policy.set_files({{(root / "acme/ggz-2026.lua").string(), "0"}});
    }
    ~Tree() { fs::remove_all(root); }
    std::string template_path() const { return (root / "acme/letters/nl/offer.md").string(); }
};

std::string load_error(const std::string& text) {
    Tree t(text);
    try {
        LetterSet::load(t.root.string(), t.policy, Lang::Nl);
    } catch (const std::exception& e) {
        std::string m = e.what();
        const std::string prefix = t.template_path();
        return m.rfind(prefix, 0) == 0 ? "T" + m.substr(prefix.size()) : m;
    }
    return "loaded";
}

}  // namespace

TEST_CASE("letters: a value in Markdown renders as exactly itself", "[letters]") {
    // Only what makes Markdown is escaped: no noise in "3.1", "(GGZ)", "2024-12345678" or "eis: 8".
    CHECK(markdown_literal("Praktijk *De Linde* & Co. (GGZ): 3.1") == "Praktijk \\*De Linde\\* \\& Co. (GGZ): 3.1");
    CHECK(markdown_literal("2024-12345678-262065") == "2024-12345678-262065");
    CHECK(markdown_literal("<b>{{agb}}</b>") == "\\<b\\>{{agb}}\\</b\\>");
    CHECK(markdown_literal("a\nb\x1b[31m\x7f") == "a\u240ab\u241b\\[31m\u2421");
    // What makes Markdown at the start of a line, where a template may put a value.
    CHECK(markdown_literal("# kop") == "\\# kop");
    CHECK(markdown_literal("- punt") == "\\- punt");
    CHECK(markdown_literal("+ punt") == "\\+ punt");
    CHECK(markdown_literal("---") == "\\---");
    CHECK(markdown_literal("=1+1") == "\\=1+1");
    CHECK(markdown_literal("12. punt") == "12\\. punt");
    CHECK(markdown_literal("1) punt") == "1\\) punt");
    CHECK(markdown_literal("1.") == "1\\.");
    CHECK(markdown_literal("3.1 punt") == "3.1 punt");
    // Through CommonMark the escapes come out as the text, HTML-escaped, and no element at all,
    // wherever the value stands in the line.
    for (const std::string v : {"<b>{{agb}}</b> & \"x\" *y* [l](http://x) ![i](j) `c` _e_ ~~s~~ a|b", "# kop", "- punt", "1. punt",
                                "1) punt", "---", "=====", "+ punt", "> citaat", "&amp; &#65;", "<http://x>", "\\*"}) {
        const std::string alone = commonmark_to_html(markdown_literal(v));
        CHECK(alone.rfind("<p>", 0) == 0);
        CHECK(alone.find('<', 3) == alone.size() - 5);  // only the closing </p>
        const std::string inline_ = commonmark_to_html("Naam: " + markdown_literal(v));
        CHECK(inline_.find('<', 3) == inline_.size() - 5);
    }
    CHECK(commonmark_to_html(markdown_literal("<b>{{agb}}</b> & \"x\" *y* [l](http://x)")) ==
          "<p>&lt;b&gt;{{agb}}&lt;/b&gt; &amp; &quot;x&quot; *y* [l](http://x)</p>\n");
    CHECK(commonmark_to_html(markdown_literal("&amp; &#65;")) == "<p>&amp;amp; &amp;#65;</p>\n");
}

TEST_CASE("letters: HTML shows control characters as their pictures, keeps tab and newline", "[letters]") {
    CHECK(html_escape("a\x1b[31m<b>\x07\t\n") == "a\u241b[31m&lt;b&gt;\u2407\t\n");
}

TEST_CASE("letters: templates that could put text in unescaped or read other files do not load", "[letters]") {
    CHECK(load_error("Hallo {{provider.name}}\n") == "loaded");
    CHECK(load_error("Hallo\n{{{provider.name}}}\n") == "T:2: {{{provider.name}}} would put a value in unescaped; write {{provider.name}}");
    CHECK(load_error("{{&provider.name}}") == "T:1: {{&provider.name}} would put a value in unescaped; write {{provider.name}}");
    CHECK(load_error("\n\n{{> /etc/passwd}}") == "T:3: partials ({{> /etc/passwd}}) are not allowed in letters");
    CHECK(load_error("{{=<% %>=}}<% provider.name %>") == "T:1: changing the delimiters ({{=...=}}) is not allowed in letters");
    CHECK(load_error("{{#grounds}}{{text}}") == "T: Unclosed section \"grounds\" at 0");
}

TEST_CASE("letters: check names each unknown placeholder once, with its line and the name meant", "[letters]") {
    const LetterTemplate t{"offer.md", "{{provider.nam}}\n{{#grounds}}\n- {{txt}} {{sectoin}}\n{{/grounds}}\n{{txt}}\n{{contract.start}}"};
    CHECK(check_letter_template(t) == std::vector<std::string>{"offer.md:1: unknown placeholder {{provider.nam}}: did you mean 'name'?",
                                                               "offer.md:3: unknown placeholder {{txt}}: did you mean 'text'?",
                                                               "offer.md:3: unknown placeholder {{sectoin}}: did you mean 'section'?"});
    CHECK(check_letter_template({"ok.md", "{{#grounds}}{{section}} {{text}}{{/grounds}} {{insurer.name}}"}).empty());
}

TEST_CASE("letters: a refusal from a template, every ground with its section", "[letters]") {
    Tree t(
        "{{date}}: {{provider.name}} ({{provider.agb}}), {{outcome}}\n{{#grounds}}\n- {{section}}: {{text}}\n{{/grounds}}\n"
        "{{#questions}}\n* {{question}}\n{{/questions}}\n");
    const LetterSet set = LetterSet::load(t.root.string(), t.policy, Lang::Nl);
    Decision d;
    d.agb = "12345678";
    d.outcome = Outcome::Refuse;
    d.grounds = {Item{"a", "3.1", "Is gevestigd in Nederland"}, Item{"b", "3.2", "Heeft een kwaliteitsstatuut (deel II)"}};
    d.open_facts = {"kwaliteitsstatuut_section"};
    const LetterInput in{&t.policy, &d, nullptr, "1 juni 2023"};
    CHECK(render_letter_markdown(set, in) ==
          "1 juni 2023:  (12345678), afwijzing\n- 3.1: Is gevestigd in Nederland\n- 3.2: Heeft een kwaliteitsstatuut (deel II)\n"
          "* In welk deel (II of III) is uw kwaliteitsstatuut geregistreerd?\n");
}

TEST_CASE("letters: a reference (kenmerk) stable for the same inputs, another for another decision or date", "[letters]") {
    Tree t("{{reference}}");
    Decision d;
    d.agb = "12345678";
    d.outcome = Outcome::Refuse;
    d.grounds = {Item{"a", "3.1", "Is gevestigd in Nederland", {Found{"established_in_nl", "is_true", false, {}, false, true}}}};
    const std::string ref = letter_reference(t.policy, d, "1 juni 2023");
    CHECK(ref.size() == std::string("2026-12345678-123456").size());
    CHECK(ref.rfind("2026-12345678-", 0) == 0);
    CHECK(letter_reference(t.policy, d, "1 juni 2023") == ref);
    CHECK(letter_reference(t.policy, d, "2 juni 2023") != ref);
    Decision other = d;
    other.grounds[0].found[0].value = true;
    CHECK(letter_reference(t.policy, other, "1 juni 2023") != ref);
    const LetterSet set = LetterSet::load(t.root.string(), t.policy, Lang::Nl);
    CHECK(render_letter_markdown(set, LetterInput{&t.policy, &d, nullptr, "1 juni 2023"}) == ref);
}

TEST_CASE("letters: a letterhead says how to object, and the letter fits the provider's situation", "[letters]") {
    Tree t(
        "{{#provider.contracted}}C{{/provider.contracted}}{{#provider.new}}N{{/provider.new}}"
        "{{#provider.situation_unknown}}U{{/provider.situation_unknown}} {{policy.previous_year}}\n"
        "{{#insurer.objection}}{{insurer.objection}}\n{{/insurer.objection}}{{insurer.signatory}}, {{insurer.department}}\n");
    const fs::path head = t.root / "acme/letters/letterhead.json";
    // A letterhead.json without an objection paragraph is refused, naming what it must say.
    std::ofstream(head) << R"({"name": "Acme", "address": ["Zorginkoop"]})";
    try {
        LetterSet::load(t.root.string(), t.policy, Lang::Nl);
        FAIL("a letterhead without 'objection' loaded");
    } catch (const std::exception& e) {
        CHECK(std::string(e.what()) ==
              head.string() +
                  ": no 'objection'; 'objection' must be {\"weeks\": N, \"nl\": text, \"en\": text}: how a provider "
                  "reacts to a refusal or a review (every such letter says it), the period in weeks put in for {weeks}");
    }
    std::ofstream(head) << R"({"name": "Acme", "department": "Afdeling Zorginkoop", "signatory": "J. Jansen",
        "objection": {"weeks": 4, "nl": "Neem binnen {weeks} weken contact op.", "en": "Contact us within {weeks} weeks."}})";
    const LetterSet set = LetterSet::load(t.root.string(), t.policy, Lang::Nl);
    Decision d;
    d.agb = "12345678";
    d.outcome = Outcome::Refuse;
    Provider p(*t.policy.schema);
    const int contracted = t.policy.schema->find("contracted_last_year")->index;
    const LetterInput in{&t.policy, &d, &p, "1 juni 2025"};
    CHECK(render_letter_markdown(set, in) == "U 2025\nNeem binnen 4 weken contact op.\nJ. Jansen, Afdeling Zorginkoop\n");
    p[contracted] = true;
    CHECK(render_letter_markdown(set, in).starts_with("C 2025\n"));
    p[contracted] = false;
    CHECK(render_letter_markdown(set, in).starts_with("N 2025\n"));
}

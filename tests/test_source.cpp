// The source document sentence by sentence, and what a policy accounts for (`inkoop source`).
#include <catch2/catch.hpp>
#include <fstream>
#include <set>

#include "cli_runner.hpp"
#include "core/analysis/source_diff.hpp"
#include "core/analysis/source_doc.hpp"

using namespace inkoop;

namespace {

// As the extracted documents are: a blank line after every line, page numbers alone on a line.
constexpr const char* kDoc =
    "Zorginkoopbeleid 2024 \n\n"
    "Met dit beleid informeren wij u. \n\n"
    "3.1 Vrijgevestigden \n\n"
    "Een vrijgevestigde praktijk heeft maximaal 8 fte regiebehandelaren. Wij \n\n"
    "waarderen goede zorg. \n\n"
    "7 \n\n"
    "De praktijk voldoet aan de volgende eisen: \n\n"
    "• de praktijk is gevestigd in Nederland; \n\n"
    "• de praktijk declareert via VECOZO. \n\n"
    "Verder een zin zonder eis. Wij noemen: \n\n"
    "• goede zorg; \n\n"
    "Slot. \n\n"
    "3.2 Instellingen \n\n"
    "Een instelling moet een Wtza-vergunning hebben. \n\n"
    "1. Eerste route voor instellingen \n\n"  // numbered lower than 3.2: a list item of 3.2, no heading
    "Maatwerk is dan niet mogelijk. \n";

Policy policy_with(std::vector<std::pair<std::string, std::string>> quotes) {
    Policy p;
    p.info.id = "t/ggz-2024";
    p.scope.section = "3.1";
    for (size_t i = 0; i < quotes.size(); ++i) {
        Rule r;
        r.code = "r" + std::to_string(i + 1);
        r.section = quotes[i].first;
        r.quotes = {quotes[i].second};
        p.rules.push_back(std::move(r));
    }
    return p;
}

}  // namespace

TEST_CASE("source: sections by their headings, sentences joined across line breaks and split, list items apart", "[source]") {
    const SourceView v = read_source_document(kDoc);
    REQUIRE(v.sections.size() == 3);  // "1. Eerste route" is no heading
    CHECK(v.sections[0].number.empty());
    CHECK(v.sections[1].number == "3.1");
    CHECK(v.sections[1].heading == "3.1 Vrijgevestigden");
    CHECK(v.sections[2].number == "3.2");
    std::vector<std::string> texts;
    for (const auto& s : v.sentences)
        texts.push_back(s.section + "|" + s.text + "|" + (s.normative ? "N" : "-") + (s.list_item ? "L" : ""));
    CHECK(texts == std::vector<std::string>{
                       "|Zorginkoopbeleid 2024 Met dit beleid informeren wij u.|-",
                       "3.1|Een vrijgevestigde praktijk heeft maximaal 8 fte regiebehandelaren.|N",
                       "3.1|Wij waarderen goede zorg.|-",  // the page number between its lines is left out
                       "3.1|De praktijk voldoet aan de volgende eisen:|N",
                       "3.1|de praktijk is gevestigd in Nederland;|NL",  // a list item under a normative lead-in
                       "3.1|de praktijk declareert via VECOZO.|NL",
                       "3.1|Verder een zin zonder eis.|-",
                       "3.1|Wij noemen:|-",
                       "3.1|goede zorg;|NL",  // any list under a lead-in that ends in ':'
                       "3.1|Slot.|-",
                       "3.2|Een instelling moet een Wtza-vergunning hebben.|N",
                       "3.2|1. Eerste route voor instellingen Maatwerk is dan niet mogelijk.|N",
                   });
    CHECK(v.coverage.sentences == 12);
    CHECK(v.coverage.normative == 7);
}

TEST_CASE("source: a quote marks the sentences it overlaps, across line breaks, case and punctuation", "[source]") {
    Policy p =
        policy_with({{"3.1", "heeft MAXIMAAL 8 fte-regiebehandelaren"}, {"3.1", "gevestigd in Nederland; de praktijk declareert via"}});
    NotEncoded n{"3.2", "Een instelling moet een Wtza-vergunning hebben", "geen gegeven van de zorgaanbieder in deze test", "t.lua:9"};
    p.not_encoded.push_back(n);
    const SourceView v = source_view(p, kDoc, "doc.txt");
    CHECK(v.problems.empty());
    CHECK(v.sentences[1].status == "encoded");
    CHECK(v.sentences[1].by == std::vector<std::string>{"r1"});
    CHECK(v.sentences[3].status == "open");                      // the lead-in: normative, quoted by nothing
    CHECK(v.sentences[4].by == std::vector<std::string>{"r2"});  // one quote over two list items
    CHECK(v.sentences[5].by == std::vector<std::string>{"r2"});
    CHECK(v.sentences[10].status == "not_encoded");
    CHECK(v.sentences[10].why == "geen gegeven van de zorgaanbieder in deze test");
    CHECK(v.sentences[2].status.empty());  // informative, quoted by nothing
    CHECK(v.coverage.encoded == 3);
    CHECK(v.coverage.not_encoded == 1);
    CHECK(v.coverage.open == 3);  // the lead-in, "goede zorg;" and the numbered route
    CHECK(v.coverage.share() == Approx(4.0 / 7.0));
    CHECK(v.sections[1].cited_by == std::vector<std::string>{"scope", "r1", "r2"});
}

TEST_CASE("source: a table of contents is left out, its headings are not the sections", "[source]") {
    const SourceView v = read_source_document(
        "Beleid 2027 \n\nInhoud \n\n1\tWijzigingen\t3 \n\n2\tEisen\t4 \n\n\tNieuwe praktijken\t4 \n\n"
        "1 Wijzigingen \n\nEr is niets gewijzigd. \n\n2 Eisen \n\nU moet gevestigd zijn in Nederland. \n");
    REQUIRE(v.sections.size() == 3);
    CHECK(v.sections[1].heading == "1 Wijzigingen");
    CHECK(v.sections[1].count == 1);
    CHECK(v.sections[2].heading == "2 Eisen");
    REQUIRE(v.sentences.size() == 3);
    CHECK(v.sentences[0].text == "Beleid 2027");
    CHECK(v.sentences[2].text == "U moet gevestigd zijn in Nederland.");
}

TEST_CASE("source: the text before the first heading is cited as 'inleiding'", "[source]") {
    Policy p = policy_with({});
    p.not_encoded.push_back({"inleiding", "Met dit beleid informeren wij u", "inleiding, geen eis", "t.lua:1"});
    const SourceView v = source_view(p, kDoc, "doc.txt");
    CHECK(v.problems.empty());
    CHECK(v.sentences[0].status == "not_encoded");
    CHECK(v.sentences[0].why == "inleiding, geen eis");
}

TEST_CASE("source: a quote that is not in the section it cites, or too short to anchor, is a problem", "[source]") {
    const Policy p = policy_with({{"3.2", "maximaal 8 fte regiebehandelaren"}, {"3.1", "niet in de tekst te vinden"}, {"3.1", "eisen"}});
    const SourceView v = source_view(p, kDoc, "doc.txt");
    CHECK(v.problems == std::vector<std::string>{
                            " rule 'r1': the quote 'maximaal 8 fte regiebehandelaren' is in section 3.1, not in 3.2 as it cites",
                            " rule 'r2': the quote 'niet in de tekst te vinden' is not in doc.txt",
                            " rule 'r3': the quote 'eisen' is too short to find its sentence (at least 12 letters)",
                        });
    CHECK(v.coverage.encoded == 0);
}

TEST_CASE("source: quote_key keeps letters and digits, folds case and Dutch accents", "[source]") {
    CHECK(quote_key("Geïnformeerd: ÉÉN   fte — \"80%\"") == "geinformeerdeenfte80");
    CHECK(quote_key("behandel-\nlocaties") == "behandellocaties");
}

TEST_CASE("inkoop source gives the page and JSON, and check prints the coverage", "[source][cli]") {
    auto r = inkoop::testing::run_inkoop("source salland/ggz-2024 --format json");
    REQUIRE(r.status == 0);
    const auto j = nlohmann::json::parse(r.out);
    CHECK(j["policy"] == "salland/ggz-2024");
    CHECK(j["source"] == "ggz-2024.txt");
    CHECK(j["coverage"]["normative"].get<size_t>() > 100);
    CHECK(j["coverage"]["sentences"].get<size_t>() == j["sentences"].size());
    r = inkoop::testing::run_inkoop("source salland/ggz-2024");
    REQUIRE(r.status == 0);
    CHECK(r.out.find("<html lang=\"nl\">") != std::string::npos);
    CHECK(r.out.find("Bron van salland/ggz-2024: elke zin en wat hem vastlegt") != std::string::npos);
    CHECK(r.out.find("<script") == std::string::npos);
    r = inkoop::testing::run_inkoop("check salland/ggz-2024");
    CHECK(r.out.find("\nsource: ") != std::string::npos);
}

TEST_CASE("source: an inherited declaration's quotes cite the parent's document, encodes quotes the child's", "[source][cli]") {
    const auto dir = inkoop::testing::run_shell("d=$(mktemp -d) && mkdir -p $d/policies/t/sources && cp " INKOOP_SOURCE_DIR
                                                "/policies/schema.json $d/policies/ && echo $d")
                         .out;
    const std::string root = dir.substr(0, dir.find('\n'));
    const auto write = [&](const std::string& path, const std::string& text) { std::ofstream(root + "/policies/t/" + path) << text; };
    write("sources/ggz-2024.txt", "3.1 Vrijgevestigden\n\nEen praktijk heeft maximaal 8 fte regiebehandelaren.\n");
    write("sources/ggz-2025.txt", "4.1 Praktijken\n\nDe praktijk telt niet meer dan 8 fte regiebehandelaren.\n");
    const std::string head = "insurer = 'T', care = 'ggz', title = 'T', ";
    write("ggz-2024.lua",
          "policy { id = 't/ggz-2024', " + head +
              "year = 2024, source = 'ggz-2024.txt' }\n"
              "scope { section = '3.1', text = 'vrijgevestigden', kinds = { 'vrijgevestigde' } }\n"
              "param { 'max_fte', type = 'number', default = 8, unit = 'fte', section = '3.1', doc = 'maximum' }\n"
              "rule { 'max_fte_regiebehandelaren', section = '3.1', text = 'maximaal {max_fte} fte',\n"
              "  quote = 'heeft maximaal 8 fte regiebehandelaren', require = at_most('fte_regiebehandelaren', param 'max_fte') }\n"
              "offer(function() return contract { type = 't', section = '3.1', from = '2024-01-01', to = '2024-12-31' },\n"
              "  tariff { basis = 'fixed', section = '3.1' } end)\n");
    write("ggz-2025.lua", "policy { id = 't/ggz-2025', " + head +
                              "year = 2025, source = 'ggz-2025.txt' }\n"
                              "inherit 't/ggz-2024'\n"
                              "move_rule('max_fte_regiebehandelaren', '4.1', 'nu paragraaf 4.1')\n"
                              "encodes { 'max_fte_regiebehandelaren', quote = 'telt niet meer dan 8 fte regiebehandelaren' }\n");
    auto r = inkoop::testing::run_inkoop("--policies " + root + "/policies source t/ggz-2025 --format json");
    INFO(r.err);
    REQUIRE(r.status == 0);  // the parent's quote, not in this document, is not checked against it
    auto j = nlohmann::json::parse(r.out);
    CHECK(j["sentences"][0]["text"] == "De praktijk telt niet meer dan 8 fte regiebehandelaren.");
    CHECK(j["sentences"][0]["status"] == "encoded");
    CHECK(j["sentences"][0]["by"] == nlohmann::json::array({"max_fte_regiebehandelaren"}));
    r = inkoop::testing::run_inkoop("--policies " + root + "/policies source t/ggz-2024 --format json");
    REQUIRE(r.status == 0);
    CHECK(nlohmann::json::parse(r.out)["coverage"]["share"] == 1.0);
    inkoop::testing::run_shell("rm -rf " + root);
}

TEST_CASE("source: every normative sentence of the five shipped policies' documents is encoded or explained", "[source][cli]") {
    for (const char* policy : {"salland/ggz-2024", "zorg-en-zekerheid/ggz-2024", "zorg-en-zekerheid/ggz-2027", "zorg-en-zekerheid/mdz-2024",
                               "zorg-en-zekerheid/msz-2024"}) {
        INFO(policy);
        const auto r = inkoop::testing::run_inkoop(std::string("source ") + policy + " --format json");
        REQUIRE(r.status == 0);  // every quote is in the section it cites
        const auto c = nlohmann::json::parse(r.out)["coverage"];
        CHECK(c["open"] == 0);
        CHECK(c["share"] == 1.0);
        CHECK(c["encoded"].get<size_t>() > 0);
    }
}

TEST_CASE("source --diff: sections aligned by heading, by their sentences and by number, changed sentences, what is left to encode",
          "[source]") {
    const char* a =
        "1 Inleiding \n\nDit is het beleid. \n\n"
        "3.5 Passende zorg \n\nDe praktijk moet samenwerken. Wij waarderen goede zorg. \n\n"
        "4.1 Speerpunten \n\nAlleen bewezen methoden worden ingezet. Zorg moet dichtbij. \n\n"
        "5 Oud hoofdstuk \n\nDit geldt niet meer. \n\n"
        "7 Vervallen \n\nDeze paragraaf vervalt helemaal. \n";
    const char* b =
        "1 Inleiding \n\nDit is het beleid. \n\n"
        "3.1 Passende zorg \n\nDe praktijk moet samenwerken. Wij waarderen goede zorg. \n\n"
        "4.2 Focus: kwaliteit \n\nAlleen bewezen methoden worden ingezet. Zorg moet heel dichtbij zijn. \n\n"
        "6 Nieuw hoofdstuk \n\nDit geldt niet meer. Elke praktijk moet meedoen. \n\n"
        "8 Helemaal nieuw \n\nWij waarderen goede zorg. Een praktijk mag niet weigeren. \n";
    const SourceDiff d = diff_sources(document_view(a, "a.txt"), document_view(b, "b.txt"));
    const auto number_a = [&](int i) { return d.a.sections[static_cast<size_t>(i)].number; };
    const auto number_b = [&](int i) { return d.b.sections[static_cast<size_t>(i)].number; };
    CHECK(d.unchanged == 2);       // the (empty) introduction and 1 Inleiding
    REQUIRE(d.moved.size() == 1);  // 3.5 -> 3.1 by its heading, text the same
    CHECK(number_a(d.moved[0].first) == "3.5");
    CHECK(number_b(d.moved[0].second) == "3.1");
    REQUIRE(d.changed.size() == 2);  // 4.1 -> 4.2 and 5 -> 6, each by the sentence they share
    CHECK(number_a(d.changed[0].a) == "4.1");
    CHECK(number_b(d.changed[0].b) == "4.2");
    REQUIRE(d.changed[0].sentences.size() == 1);
    CHECK(d.changed[0].sentences[0].change == "changed");  // at least half its words shared
    CHECK(d.changed[0].sentences[0].before == "Zorg moet dichtbij.");
    CHECK(d.changed[0].sentences[0].after == "Zorg moet heel dichtbij zijn.");
    CHECK(number_a(d.changed[1].a) == "5");
    CHECK(number_b(d.changed[1].b) == "6");
    REQUIRE(d.changed[1].sentences.size() == 1);
    CHECK(d.changed[1].sentences[0].change == "added");
    CHECK(d.changed[1].sentences[0].after == "Elke praktijk moet meedoen.");
    REQUIRE(d.removed.size() == 1);
    CHECK(number_a(d.removed[0].a) == "7");
    REQUIRE(d.added.size() == 1);
    CHECK(number_b(d.added[0].b) == "8");
    REQUIRE(d.added[0].sentences.size() == 2);
    CHECK(d.added[0].sentences[0].moved_from == "3.5");  // "Wij waarderen goede zorg." word for word in A's 3.5
    CHECK(d.added[0].sentences[1].moved_from.empty());
    // To encode: B's new or changed normative sentences no rule encodes (a bare document: none is
    // encoded); one that only moved is not new.
    std::vector<std::string> todo;
    for (size_t k : d.to_encode) todo.push_back(d.b.sentences[k].text);
    CHECK(todo ==
          std::vector<std::string>{"Zorg moet heel dichtbij zijn.", "Elke praktijk moet meedoen.", "Een praktijk mag niet weigeren."});
    const auto j = source_diff_json(d);
    CHECK(j["summary"]["changed"] == 2);
    CHECK(j["summary"]["to_encode"] == 3);
    CHECK(j["changed"][0]["section_a"] == "4.1");
    CHECK(j["changed"][0]["section_b"] == "4.2");
    CHECK(j["added"][0]["sentences"][0]["moved_from"] == "3.5");
    CHECK(j["b"]["policy"].is_null());
}

TEST_CASE("inkoop source --diff zorg-en-zekerheid/ggz-2024 zorg-en-zekerheid/ggz-2027: the paragraphs with their rules, page and JSON",
          "[source][cli]") {
    const std::string ab = "source --diff zorg-en-zekerheid/ggz-2024 zorg-en-zekerheid/ggz-2027";
    auto r = inkoop::testing::run_inkoop(ab + " --format json");
    REQUIRE(r.status == 0);
    const auto j = nlohmann::json::parse(r.out);
    CHECK(j["a"]["policy"] == "zorg-en-zekerheid/ggz-2024");
    CHECK(j["b"]["source"] == "ggz-2027.txt");
    CHECK(j["summary"]["changed"] == 16);
    CHECK(j["summary"]["added"] == 4);
    CHECK(j["summary"]["removed"] == 7);
    bool passende_zorg = false;
    for (const auto& c : j["changed"])
        if (c["section_a"] == "3.5" && c["section_b"] == "3.1") {  // renumbered, found by its heading
            passende_zorg = true;
            CHECK(c["rules_b"] == nlohmann::json::array({"max_behandelaren_per_groep", "behandelaren_per_groep"}));
        }
    CHECK(passende_zorg);
    std::set<std::string> added;
    for (const auto& c : j["added"]) added.insert(c["section"].get<std::string>());
    CHECK(added == std::set<std::string>{"1.1", "1.2", "4.1", "4.3"});
    // Every normative sentence of 2027 is encoded or explained, so nothing it lists is open.
    for (const auto& t : j["to_encode"]) CHECK(t["status"] == "not_encoded");
    r = inkoop::testing::run_inkoop(ab);
    REQUIRE(r.status == 0);
    CHECK(r.out.find("<html lang=\"nl\">") != std::string::npos);
    CHECK(r.out.find("Wijzigingen in het brondocument: zorg-en-zekerheid/ggz-2024 → zorg-en-zekerheid/ggz-2027") != std::string::npos);
    CHECK(r.out.find("<h3>3.5  Passende zorg → 3.1 Passende zorg</h3>") != std::string::npos);  // the heading as the document spells it
    CHECK(r.out.find("<script") == std::string::npos);
    // Next year's document before anyone encodes it: B is the bare text, every changed normative sentence is to encode.
    struct Tmp {
        std::string path = "/tmp/inkoop-test-next-year.txt";
        ~Tmp() { std::remove(path.c_str()); }
    } next;
    {
        std::ofstream(next.path) << inkoop::testing::slurp(std::string(INKOOP_SOURCE_DIR) +
                                                           "/policies/zorg-en-zekerheid/sources/ggz-2027.txt")
                                 << "\n8 Nieuw <b>hoofdstuk</b> \n\nElke zorgaanbieder moet vanaf 2028 iets nieuws doen. \n";
    }
    r = inkoop::testing::run_inkoop("source --diff zorg-en-zekerheid/ggz-2027 " + next.path + " --format json");
    REQUIRE(r.status == 0);
    const auto n = nlohmann::json::parse(r.out);
    CHECK(n["b"]["policy"].is_null());
    CHECK(n["summary"]["changed"] == 0);
    REQUIRE(n["added"].size() == 1);
    CHECK(n["added"][0]["section"] == "8");
    REQUIRE(n["to_encode"].size() == 1);
    CHECK(n["to_encode"][0]["text"] == "Elke zorgaanbieder moet vanaf 2028 iets nieuws doen.");
    CHECK(n["to_encode"][0]["status"] == "open");
    r = inkoop::testing::run_inkoop("source --diff zorg-en-zekerheid/ggz-2027 " + next.path);
    CHECK(r.out.find("8 Nieuw &lt;b&gt;hoofdstuk&lt;/b&gt;") != std::string::npos);  // hostile text comes out literally
    CHECK(r.out.find("<b>hoofdstuk") == std::string::npos);
}

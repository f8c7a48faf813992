#include "core/analysis/source_doc.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <set>

namespace inkoop {
namespace {

std::string_view trimmed(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
    return s;
}

// A heading line: "3.1 Vrijgevestigden", "10. Procedure", "Bijlage 1 Verslavingszorg" -> its
// number ("3.1", "10", "Bijlage 1"); "" for any other line. The same test as document_headings.
std::string heading_number(std::string_view line) {
    size_t n = 0;
    if (line.substr(0, 8) == "Bijlage ") n = 8;
    const size_t digits_from = n;
    while (n < line.size() && ((line[n] >= '0' && line[n] <= '9') || (line[n] == '.' && n > digits_from))) ++n;
    if (n == digits_from) return "";
    std::string_view number = line.substr(0, n);
    if (number.back() == '.') number.remove_suffix(1);
    size_t k = n;
    while (k < line.size() && (line[k] == ' ' || line[k] == '\t' || line[k] == ':')) ++k;
    if (k == n || k >= line.size()) return "";
    const auto c = static_cast<unsigned char>(line[k]);
    if (!((c >= 'A' && c <= 'Z') || c >= 0xC3)) return "";
    return std::string(number);
}

// A list item's marker at the start of a line: "• ", "- ", "o ", "▪ ", "a) ", "1) "; its length, or 0.
size_t list_marker(std::string_view line) {
    for (std::string_view m : {"\u2022", "\u25aa", "\u25cf", "\uf0b7", "-", "o", "\u2013"})
        if (line.substr(0, m.size()) == m && line.size() > m.size() && (line[m.size()] == ' ' || line[m.size()] == '\t'))
            return m.size() + 1;
    size_t n = 0;
    while (n < line.size() && n < 2 && ((line[n] >= 'a' && line[n] <= 'z') || (line[n] >= '0' && line[n] <= '9'))) ++n;
    if (n > 0 && n < line.size() && line[n] == ')' && n + 1 < line.size() && line[n + 1] == ' ') return n + 2;
    return 0;
}

// A section number as numbers to compare in document order ("10.1" -> {10, 1}); "Bijlage 2" ->
// {1000000, 2}: the annexes come after the chapters.
std::vector<int> number_parts(const std::string& number) {
    std::vector<int> out;
    std::string_view s = number;
    if (s.substr(0, 8) == "Bijlage ") {
        out.push_back(1000000);
        s.remove_prefix(8);
    }
    int n = 0;
    bool any = false;
    for (char c : s) {
        if (c >= '0' && c <= '9') {
            n = n * 10 + (c - '0');
            any = true;
        } else if (c == '.' && any) {
            out.push_back(n);
            n = 0;
            any = false;
        }
    }
    if (any) out.push_back(n);
    return out;
}

bool only_digits(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool starts_sentence(unsigned char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '(' || c == '\'' || c >= 0xC3; }

// Splits a paragraph after '.', '?' or '!' when a new sentence starts ("... 2024. De ...").
void split_sentences(const std::string& text, std::vector<std::string>& out) {
    size_t from = 0;
    for (size_t i = 0; i + 2 < text.size(); ++i) {
        const char c = text[i];
        // Not after a number alone: "1. Digitale contractering" is a numbered item, not a sentence "1.".
        if ((c == '.' || c == '?' || c == '!') && text[i + 1] == ' ' && starts_sentence(static_cast<unsigned char>(text[i + 2])) &&
            !only_digits(std::string_view(text).substr(from, i - from))) {
            out.push_back(text.substr(from, i + 1 - from));
            from = i + 2;
        }
    }
    if (from < text.size()) out.push_back(text.substr(from));
}

constexpr std::string_view kMarkers[] = {"moet",        "moeten",    "dient",     "dienen",   "uitsluitend", "alleen",
                                         "maximaal",    "minimaal",  "uiterlijk", "niet",     "geen",        "voorwaarde",
                                         "voorwaarden", "verplicht", "vereist",   "voldoen",  "voldoet",     "uitgesloten",
                                         "mag",         "mogen",     "vervalt",   "weigeren", "behoudt"};

// Lower-case words of `text` (ASCII letters only; other bytes separate words).
bool has_marker(std::string_view text) {
    std::string word;
    const auto check = [&] {
        const bool hit = std::find(std::begin(kMarkers), std::end(kMarkers), word) != std::end(kMarkers);
        word.clear();
        return hit;
    };
    for (char ch : text) {
        if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z'))
            word += static_cast<char>(ch | 0x20);
        else if (!word.empty() && check())
            return true;
    }
    if (!word.empty()) return check();
    // "ten minste" is two words: "minste" alone is not a marker.
    return false;
}

bool normative_words(std::string_view text) {
    if (has_marker(text)) return true;
    std::string lower(text);
    for (char& c : lower) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c | 0x20 : c);
    return lower.find("ten minste") != std::string::npos || lower.find("tenminste") != std::string::npos;
}

}  // namespace

std::string quote_key(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            out += static_cast<char>(c);
        } else if (c >= 'A' && c <= 'Z') {
            out += static_cast<char>(c | 0x20);
        } else if (c == 0xC3 && i + 1 < text.size()) {                    // Latin-1 letters: é, ë, ï, ö, ü, ... as their base letter
            const auto d = static_cast<unsigned char>(text[++i]) | 0x20;  // upper to lower case
            const char base = d >= 0xA0 && d <= 0xA5   ? 'a'
                              : d == 0xA7              ? 'c'
                              : d >= 0xA8 && d <= 0xAB ? 'e'
                              : d >= 0xAC && d <= 0xAF ? 'i'
                              : d == 0xB1              ? 'n'
                              : d >= 0xB2 && d <= 0xB6 ? 'o'
                              : d >= 0xB9 && d <= 0xBC ? 'u'
                              : d == 0xBD || d == 0xBF ? 'y'
                                                       : 0;
            if (base) out += base;
        }  // everything else (spaces, punctuation, other scripts, quotes and dashes): not compared
    }
    return out;
}

SourceView read_source_document(std::string_view text) {
    SourceView v;
    v.sections.push_back({"", "", 0, 0, {}});
    std::string paragraph;
    bool paragraph_is_item = false, lead_normative = false;
    std::vector<int> last_heading;
    // A table of contents ("Inhoud", then the headings with their pages) is not the text: from its
    // title to the first heading it lists again, nothing is read.
    bool in_toc = false;
    std::set<std::string> toc;
    const auto flush = [&] {
        if (paragraph.empty()) return;
        std::vector<std::string> parts;
        split_sentences(paragraph, parts);
        for (auto& p : parts) {
            const std::string t(trimmed(p));
            if (t.empty()) continue;
            SourceSentence s;
            s.section = v.sections.back().number;
            s.text = t;
            s.list_item = paragraph_is_item;
            s.normative = normative_words(t) || (paragraph_is_item && lead_normative);
            if (!paragraph_is_item) lead_normative = t.back() == ':';
            v.sentences.push_back(std::move(s));
            ++v.sections.back().count;
        }
        paragraph.clear();
    };
    size_t start = 0;
    while (start < text.size()) {
        size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        const std::string_view line = trimmed(text.substr(start, end - start));
        start = end + 1;
        // Blank lines, page numbers and the links the extraction lists after a page: not the text's.
        if (line.empty() || only_digits(line) || line.substr(0, 7) == "http://" || line.substr(0, 8) == "https://" ||
            line.substr(0, 7) == "mailto:")
            continue;
        if (last_heading.empty() && v.sentences.size() < 20 && (line == "Inhoud" || line == "Inhoudsopgave")) {
            flush();
            in_toc = true;
            continue;
        }
        if (in_toc) {
            const std::string number = heading_number(line);
            if (number.empty() || toc.insert(number).second) continue;  // an entry of the table, or its other lines
            in_toc = false;                                             // the first heading it listed, again: the text
        }
        // A heading numbers on from the one before ("3.1" after "3"); a line numbered lower is a
        // numbered list item of its section ("1. Digitale contractering" inside 10.1).
        if (const std::string number = heading_number(line); !number.empty() && number_parts(number) > last_heading) {
            last_heading = number_parts(number);
            flush();
            lead_normative = false;
            v.sections.push_back({number, std::string(line), v.sentences.size(), 0, {}});
            continue;
        }
        if (const size_t marker = list_marker(line)) {
            flush();
            paragraph_is_item = true;
            paragraph = std::string(trimmed(line.substr(marker)));
            continue;
        }
        if (paragraph_is_item && !paragraph.empty() && (paragraph.back() == '.' || paragraph.back() == ';') &&
            starts_sentence(static_cast<unsigned char>(line.front()))) {
            flush();  // a list item ended; this line goes on the text after the list
            paragraph_is_item = false;
        }
        if (!paragraph.empty()) paragraph += ' ';
        paragraph += line;
    }
    flush();
    for (const auto& s : v.sentences) {
        ++v.coverage.sentences;
        v.coverage.normative += s.normative;
    }
    return v;
}

namespace {

// How a declaration cites the text before the first heading.
constexpr const char* kIntroduction = "inleiding";

// What quotes a section: a code to show and the quote.
struct Quote {
    std::string section, code, text, why, where;
    bool not_encoded = false;
};

std::vector<Quote> quotes_of(const Policy& policy) {
    std::vector<Quote> out;
    for (const auto& q : policy.scope.quotes) out.push_back({policy.scope.section, "scope", q, "", "scope"});
    for (const auto& c : policy.exclusions)
        for (const auto& q : c.quotes) out.push_back({c.section, "outside_scope", q, "", "outside_scope"});
    for (const auto& p : policy.params)
        for (const auto& q : p.quotes) out.push_back({p.section, p.name, q, "", fmt::format("parameter '{}'", p.name)});
    for (const auto& r : policy.rules)
        for (const auto& q : r.quotes) out.push_back({r.section, r.code, q, "", fmt::format("{} rule '{}'", r.where, r.code)});
    for (const auto& n : policy.not_encoded) out.push_back({n.section, "", n.quote, n.why, fmt::format("{} not_encoded", n.where), true});
    return out;
}

}  // namespace

SourceView source_view(const Policy& policy, std::string_view text, const std::string& source_name) {
    SourceView v = read_source_document(text);
    v.policy = policy.info.id;
    v.source = source_name;
    // Per section: the sentences' keys one after another, and where each sentence starts in it.
    std::vector<std::string> keys(v.sections.size());
    std::vector<std::vector<size_t>> starts(v.sections.size());
    for (size_t i = 0; i < v.sections.size(); ++i)
        for (size_t k = v.sections[i].first; k < v.sections[i].first + v.sections[i].count; ++k) {
            starts[i].push_back(keys[i].size());
            keys[i] += quote_key(v.sentences[k].text);
        }
    const auto section_index = [&](const std::string& cited) -> int {
        const std::string number = cited == kIntroduction ? "" : cited;
        for (size_t i = 0; i < v.sections.size(); ++i)
            if (v.sections[i].number == number) return static_cast<int>(i);
        return -1;
    };
    // Everything that cites a section, quoted or not.
    const auto cite = [&](const std::string& section, const std::string& code) {
        if (const int i = section_index(section); i >= 0) {
            auto& by = v.sections[static_cast<size_t>(i)].cited_by;
            if (std::find(by.begin(), by.end(), code) == by.end()) by.push_back(code);
        }
    };
    cite(policy.scope.section, "scope");
    for (const auto& c : policy.exclusions) cite(c.section, "outside_scope");
    for (const auto& p : policy.params) cite(p.section, p.name);
    for (const auto& r : policy.rules) cite(r.section, r.code);
    for (const Quote& q : quotes_of(policy)) {
        const std::string key = quote_key(q.text);
        if (key.size() < 12) {
            v.problems.push_back(
                fmt::format("{}: the quote '{}' is too short to find its sentence (at least 12 letters)", q.where, q.text));
            continue;
        }
        const int si = section_index(q.section);
        const size_t at = si < 0 ? std::string::npos : keys[static_cast<size_t>(si)].find(key);
        if (at == std::string::npos) {
            std::string elsewhere;
            for (size_t i = 0; i < v.sections.size() && elsewhere.empty(); ++i)
                if (keys[i].find(key) != std::string::npos)
                    elsewhere = v.sections[i].number.empty() ? "the introduction" : v.sections[i].number;
            v.problems.push_back(elsewhere.empty() ? fmt::format("{}: the quote '{}' is not in {}", q.where, q.text, source_name)
                                                   : fmt::format("{}: the quote '{}' is in section {}, not in {} as it cites", q.where,
                                                                 q.text, elsewhere, q.section));
            continue;
        }
        const auto& sec = v.sections[static_cast<size_t>(si)];
        const auto& st = starts[static_cast<size_t>(si)];
        for (size_t k = 0; k < sec.count; ++k) {
            const size_t from = st[k], to = k + 1 < sec.count ? st[k + 1] : keys[static_cast<size_t>(si)].size();
            if (to <= at || from >= at + key.size()) continue;  // no overlap
            SourceSentence& s = v.sentences[sec.first + k];
            if (q.not_encoded) {
                if (s.status != "encoded") {
                    s.status = "not_encoded";
                    s.why = q.why;
                }
            } else {
                s.status = "encoded";
                s.why.clear();
                if (std::find(s.by.begin(), s.by.end(), q.code) == s.by.end()) s.by.push_back(q.code);
            }
        }
    }
    for (auto& s : v.sentences) {
        if (s.normative && s.status.empty()) s.status = "open";
        v.coverage.encoded += s.normative && s.status == "encoded";
        v.coverage.not_encoded += s.normative && s.status == "not_encoded";
        v.coverage.open += s.status == "open";
    }
    return v;
}

SourceView document_view(std::string_view text, const std::string& source_name) {
    SourceView v = read_source_document(text);
    v.source = source_name;
    for (auto& s : v.sentences)
        if (s.normative) {
            s.status = "open";
            ++v.coverage.open;
        }
    return v;
}

nlohmann::ordered_json source_json(const SourceView& v) {
    nlohmann::ordered_json j;
    j["policy"] = v.policy;
    j["source"] = v.source;
    auto sentences = nlohmann::ordered_json::array();
    for (const auto& s : v.sentences)
        sentences.push_back({{"section", s.section},
                             {"text", s.text},
                             {"normative", s.normative},
                             {"status", s.status.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(s.status)},
                             {"by", s.by},
                             {"why", s.why.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(s.why)}});
    j["sentences"] = std::move(sentences);
    const SourceCoverage& c = v.coverage;
    j["coverage"] = {{"sentences", c.sentences},     {"normative", c.normative}, {"encoded", c.encoded},
                     {"not_encoded", c.not_encoded}, {"open", c.open},           {"share", c.share()}};
    return j;
}

}  // namespace inkoop

#include "core/analysis/source_diff.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace inkoop {
namespace {

// A heading's text without its number: "3.5  Passende zorg" -> "passendezorg".
std::string heading_key(const SourceSection& s) {
    if (s.number.empty()) return "";
    return quote_key(std::string_view(s.heading).substr(std::min(s.heading.size(), s.number.size())));
}

std::vector<std::string> sentence_keys(const SourceView& v, const SourceSection& s) {
    std::vector<std::string> out;
    for (size_t k = s.first; k < s.first + s.count; ++k) out.push_back(quote_key(v.sentences[k].text));
    return out;
}

// The words of a sentence, as quote_key reads each.
std::set<std::string> words(const std::string& text) {
    std::set<std::string> out;
    size_t from = 0;
    while (from < text.size()) {
        size_t to = text.find(' ', from);
        if (to == std::string::npos) to = text.size();
        if (std::string w = quote_key(std::string_view(text).substr(from, to - from)); !w.empty()) out.insert(std::move(w));
        from = to + 1;
    }
    return out;
}

// The share of the smaller set's words that both have.
double overlap(const std::set<std::string>& x, const std::set<std::string>& y) {
    if (x.empty() || y.empty()) return 0;
    size_t both = 0;
    for (const auto& w : x) both += y.count(w);
    return static_cast<double>(both) / static_cast<double>(std::min(x.size(), y.size()));
}

class Aligner {
public:
    Aligner(const SourceView& a, const SourceView& b) : a_(a), b_(b), pa_(a.sections.size(), -1), pb_(b.sections.size(), -1) {
        for (const auto& s : a.sections) ka_.push_back(sentence_keys(a, s));
        for (const auto& s : b.sections) kb_.push_back(sentence_keys(b, s));
    }

    // Index of B's section paired with each of A's (-1: removed); B's unpaired ones are added.
    std::vector<int> align() {
        by_heading();
        by_sentences();
        by_number();
        return pa_;
    }

private:
    void pair(size_t i, size_t j) {
        pa_[i] = static_cast<int>(j);
        pb_[j] = static_cast<int>(i);
    }

    void by_heading() {
        std::map<std::string, std::vector<size_t>> in_a, in_b;
        for (size_t i = 0; i < a_.sections.size(); ++i)
            if (auto k = heading_key(a_.sections[i]); !k.empty()) in_a[k].push_back(i);
        for (size_t j = 0; j < b_.sections.size(); ++j)
            if (auto k = heading_key(b_.sections[j]); !k.empty()) in_b[k].push_back(j);
        for (const auto& [key, is] : in_a)
            if (auto it = in_b.find(key); it != in_b.end() && is.size() == 1 && it->second.size() == 1) pair(is[0], it->second[0]);
    }

    void by_sentences() {
        struct Candidate {
            double share;
            size_t i, j;
        };
        std::vector<Candidate> cs;
        std::vector<std::set<std::string>> theirs;  // B's sections' sentences, each set made once
        for (const auto& keys : kb_) theirs.emplace_back(keys.begin(), keys.end());
        for (size_t i = 0; i < ka_.size(); ++i) {
            if (pa_[i] >= 0 || ka_[i].empty()) continue;
            const std::set<std::string> mine(ka_[i].begin(), ka_[i].end());
            for (size_t j = 0; j < kb_.size(); ++j) {
                if (pb_[j] >= 0 || kb_[j].empty()) continue;
                size_t both = 0;
                for (const auto& k : theirs[j]) both += mine.count(k);
                const double share = static_cast<double>(both) / static_cast<double>(std::min(ka_[i].size(), kb_[j].size()));
                if (both > 0 && share >= 1.0 / 3) cs.push_back({share, i, j});
            }
        }
        std::stable_sort(cs.begin(), cs.end(), [](const Candidate& x, const Candidate& y) { return x.share > y.share; });
        for (const auto& c : cs)
            if (pa_[c.i] < 0 && pb_[c.j] < 0) pair(c.i, c.j);
    }

    void by_number() {
        for (size_t i = 0; i < a_.sections.size(); ++i)
            for (size_t j = 0; j < b_.sections.size() && pa_[i] < 0; ++j)
                if (pb_[j] < 0 && a_.sections[i].number == b_.sections[j].number) pair(i, j);
    }

    const SourceView &a_, &b_;
    std::vector<int> pa_, pb_;
    std::vector<std::vector<std::string>> ka_, kb_;
};

// A sentence as a change: B's (added, changed) as `after`, A's (removed) as `before`, with its status.
SentenceChange sentence_change(const SourceSentence& s, std::string change) {
    SentenceChange c;
    (change == "removed" ? c.before : c.after) = s.text;
    c.change = std::move(change);
    c.normative = s.normative;
    c.status = s.status;
    c.why = s.why;
    c.by = s.by;
    return c;
}

// A sentence of B that A does not have in the paired section: added, with the section of A that
// has it word for word, if one does.
SentenceChange added(const SourceSentence& s, const std::map<std::string, std::string>& a_sections_by_key) {
    SentenceChange c = sentence_change(s, "added");
    if (auto it = a_sections_by_key.find(quote_key(s.text)); it != a_sections_by_key.end()) c.moved_from = it->second;
    return c;
}

// The sentences of a pair of sections that differ, in B's order, then those only A has.
std::vector<SentenceChange> compare(const SourceView& a, const SourceSection& sa, const SourceView& b, const SourceSection& sb,
                                    const std::map<std::string, std::string>& a_sections_by_key) {
    std::multiset<std::string> in_a, in_b;
    for (size_t k = sa.first; k < sa.first + sa.count; ++k) in_a.insert(quote_key(a.sentences[k].text));
    for (size_t k = sb.first; k < sb.first + sb.count; ++k) in_b.insert(quote_key(b.sentences[k].text));
    std::vector<size_t> only_a, only_b;
    for (size_t k = sa.first; k < sa.first + sa.count; ++k)
        if (!in_b.count(quote_key(a.sentences[k].text))) only_a.push_back(k);
    for (size_t k = sb.first; k < sb.first + sb.count; ++k)
        if (!in_a.count(quote_key(b.sentences[k].text))) only_b.push_back(k);
    // Changed: the best word overlap, at least half, each sentence of A used once.
    std::vector<int> match(only_b.size(), -1);
    std::vector<bool> used(only_a.size(), false);
    struct Candidate {
        double share;
        size_t x, y;
    };
    std::vector<Candidate> cs;
    std::vector<std::set<std::string>> words_a;
    for (size_t k : only_a) words_a.push_back(words(a.sentences[k].text));
    for (size_t x = 0; x < only_b.size(); ++x) {
        const auto wb = words(b.sentences[only_b[x]].text);
        for (size_t y = 0; y < only_a.size(); ++y)
            if (const double s = overlap(wb, words_a[y]); s >= 0.5) cs.push_back({s, x, y});
    }
    std::stable_sort(cs.begin(), cs.end(), [](const Candidate& p, const Candidate& q) { return p.share > q.share; });
    for (const auto& c : cs)
        if (match[c.x] < 0 && !used[c.y]) {
            match[c.x] = static_cast<int>(c.y);
            used[c.y] = true;
        }
    std::vector<SentenceChange> out;
    for (size_t x = 0; x < only_b.size(); ++x) {
        const SourceSentence& s = b.sentences[only_b[x]];
        if (match[x] >= 0) {
            SentenceChange c = sentence_change(s, "changed");
            c.before = a.sentences[only_a[static_cast<size_t>(match[x])]].text;
            out.push_back(std::move(c));
        } else {
            out.push_back(added(s, a_sections_by_key));
        }
    }
    for (size_t y = 0; y < only_a.size(); ++y)
        if (!used[y]) out.push_back(sentence_change(a.sentences[only_a[y]], "removed"));
    return out;
}

}  // namespace

SourceDiff diff_sources(SourceView a, SourceView b) {
    SourceDiff d;
    d.a = std::move(a);
    d.b = std::move(b);
    const std::vector<int> pa = Aligner(d.a, d.b).align();
    std::map<std::string, std::string> a_sections_by_key;  // a sentence of A, word for word: its section
    for (const auto& s : d.a.sentences) a_sections_by_key.emplace(quote_key(s.text), s.section.empty() ? "inleiding" : s.section);
    std::vector<bool> b_paired(d.b.sections.size(), false);
    for (size_t i = 0; i < d.a.sections.size(); ++i) {
        if (pa[i] < 0) {
            SectionChange c;
            c.a = static_cast<int>(i);
            const auto& s = d.a.sections[i];
            for (size_t k = s.first; k < s.first + s.count; ++k) c.sentences.push_back(sentence_change(d.a.sentences[k], "removed"));
            d.removed.push_back(std::move(c));
            continue;
        }
        const auto j = static_cast<size_t>(pa[i]);
        b_paired[j] = true;
        auto sentences = compare(d.a, d.a.sections[i], d.b, d.b.sections[j], a_sections_by_key);
        if (!sentences.empty())
            d.changed.push_back({static_cast<int>(i), static_cast<int>(j), std::move(sentences)});
        else if (d.a.sections[i].number != d.b.sections[j].number)
            d.moved.emplace_back(static_cast<int>(i), static_cast<int>(j));
        else
            ++d.unchanged;
    }
    for (size_t j = 0; j < d.b.sections.size(); ++j) {
        if (b_paired[j]) continue;
        SectionChange c;
        c.b = static_cast<int>(j);
        const auto& s = d.b.sections[j];
        for (size_t k = s.first; k < s.first + s.count; ++k) c.sentences.push_back(added(d.b.sentences[k], a_sections_by_key));
        d.added.push_back(std::move(c));
    }
    std::sort(d.changed.begin(), d.changed.end(), [](const SectionChange& x, const SectionChange& y) { return x.b < y.b; });
    // To encode: B's new or changed normative sentences that nothing of B encodes.
    std::set<std::string> new_text;
    for (const auto* list : {&d.changed, &d.added})
        for (const auto& c : *list)
            for (const auto& s : c.sentences)
                if (s.change != "removed" && s.moved_from.empty()) new_text.insert(s.after);
    for (size_t k = 0; k < d.b.sentences.size(); ++k) {
        const auto& s = d.b.sentences[k];
        if (s.normative && s.status != "encoded" && new_text.count(s.text)) d.to_encode.push_back(k);
    }
    return d;
}

namespace {

using J = nlohmann::ordered_json;

J or_null(const std::string& s) { return s.empty() ? J() : J(s); }

J sentences_json(const std::vector<SentenceChange>& ss) {
    J out = J::array();
    for (const auto& s : ss) {
        J j;
        j["change"] = s.change;
        j["before"] = or_null(s.before);
        j["after"] = or_null(s.after);
        if (!s.moved_from.empty()) j["moved_from"] = s.moved_from;
        j["normative"] = s.normative;
        j["status"] = or_null(s.status);
        j["by"] = s.by;
        j["why"] = or_null(s.why);
        out.push_back(std::move(j));
    }
    return out;
}

std::string section_name(const SourceSection& s) { return s.number.empty() ? "inleiding" : s.number; }

}  // namespace

nlohmann::ordered_json source_diff_json(const SourceDiff& d) {
    J j;
    j["a"] = {{"policy", or_null(d.a.policy)}, {"source", d.a.source}};
    j["b"] = {{"policy", or_null(d.b.policy)}, {"source", d.b.source}};
    size_t added = 0, removed = 0, changed = 0;
    for (const auto* list : {&d.changed, &d.added, &d.removed})
        for (const auto& c : *list)
            for (const auto& s : c.sentences) {
                added += s.change == "added";
                removed += s.change == "removed";
                changed += s.change == "changed";
            }
    j["summary"] = {{"sections_a", d.a.sections.size()}, {"sections_b", d.b.sections.size()}, {"unchanged", d.unchanged},
                    {"moved", d.moved.size()},           {"changed", d.changed.size()},       {"added", d.added.size()},
                    {"removed", d.removed.size()},       {"sentences_added", added},          {"sentences_removed", removed},
                    {"sentences_changed", changed},      {"to_encode", d.to_encode.size()}};
    J changed_j = J::array(), moved_j = J::array(), added_j = J::array(), removed_j = J::array();
    for (const auto& c : d.changed) {
        const auto &sa = d.a.sections[static_cast<size_t>(c.a)], &sb = d.b.sections[static_cast<size_t>(c.b)];
        changed_j.push_back({{"section_a", section_name(sa)},
                             {"section_b", section_name(sb)},
                             {"heading_a", sa.heading},
                             {"heading_b", sb.heading},
                             {"rules_a", sa.cited_by},
                             {"rules_b", sb.cited_by},
                             {"sentences", sentences_json(c.sentences)}});
    }
    for (const auto& [ia, ib] : d.moved) {
        const auto &sa = d.a.sections[static_cast<size_t>(ia)], &sb = d.b.sections[static_cast<size_t>(ib)];
        moved_j.push_back({{"section_a", section_name(sa)},
                           {"section_b", section_name(sb)},
                           {"heading_a", sa.heading},
                           {"heading_b", sb.heading},
                           {"rules_a", sa.cited_by},
                           {"rules_b", sb.cited_by}});
    }
    for (const auto& c : d.added) {
        const auto& s = d.b.sections[static_cast<size_t>(c.b)];
        added_j.push_back(
            {{"section", section_name(s)}, {"heading", s.heading}, {"rules", s.cited_by}, {"sentences", sentences_json(c.sentences)}});
    }
    for (const auto& c : d.removed) {
        const auto& s = d.a.sections[static_cast<size_t>(c.a)];
        removed_j.push_back(
            {{"section", section_name(s)}, {"heading", s.heading}, {"rules", s.cited_by}, {"sentences", sentences_json(c.sentences)}});
    }
    j["changed"] = std::move(changed_j);
    j["added"] = std::move(added_j);
    j["removed"] = std::move(removed_j);
    j["moved"] = std::move(moved_j);
    J todo = J::array();
    for (size_t k : d.to_encode) {
        const auto& s = d.b.sentences[k];
        todo.push_back(
            {{"section", s.section.empty() ? "inleiding" : s.section}, {"text", s.text}, {"status", s.status}, {"why", or_null(s.why)}});
    }
    j["to_encode"] = std::move(todo);
    return j;
}

}  // namespace inkoop

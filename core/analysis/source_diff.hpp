// Two source documents side by side, for the yearly cycle (`inkoop source --diff A B`): which
// paragraphs (sections) changed, came or went, which sentences changed, and which rules of each
// policy quote or cite them.
//
// Alignment, in this order, each step only over the sections still unpaired:
//   1. the same heading text (the number left out: "3.5 Passende zorg" and "3.1 Passende zorg"),
//      when that text is one section's on each side;
//   2. the same sentences: the pair that shares the largest share of its sentences (at least a
//      third of the smaller section's), best pair first;
//   3. the same number ("4.1" and "4.1").
// What is left is removed (only in A) or added (only in B).
//
// Sentences are compared as quote_key compares quotes (letters and digits, case folded), so a line
// break or a dash that moved is no change. Within a pair of sections, a sentence of B that A does
// not have is "changed" when it shares at least half its words with a sentence of A that B does
// not have (best match first), else "added" ("moved_from" names the section of A that has it word
// for word, when one does); a sentence of A left over is "removed".
//
// To encode: every normative sentence of B that is added or changed (not one that only moved) and
// that no rule, parameter, scope or exclusion of B encodes: what next year's analyst must still
// encode or explain.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/analysis/source_doc.hpp"

namespace inkoop {

struct SentenceChange {
    std::string change;         // "added", "removed", "changed"
    std::string before, after;  // A's text (removed, changed), B's (added, changed)
    std::string moved_from;     // added: the section of A that has this sentence word for word
    bool normative = false;     // the sentence of B (of A when removed)
    std::string status, why;    // B's status and reason (A's when removed)
    std::vector<std::string> by;
};

struct SectionChange {
    int a = -1, b = -1;  // indices into the two views' sections; -1: not on that side
    std::vector<SentenceChange> sentences;
    bool moved() const { return a >= 0 && b >= 0; }
};

struct SourceDiff {
    SourceView a, b;
    std::vector<SectionChange> changed, added, removed;
    std::vector<std::pair<int, int>> moved;  // the same sentences under another number
    size_t unchanged = 0;                    // pairs with the same number and the same sentences
    std::vector<size_t> to_encode;           // indices into b.sentences
};

SourceDiff diff_sources(SourceView a, SourceView b);

// {"a": {"policy", "source"}, "b": {...}, "summary": {...}, "changed": [{"section_a", "section_b",
// "heading_a", "heading_b", "rules_a", "rules_b", "sentences": [...]}], "added": [{"section",
// "heading", "rules", "sentences"}], "removed": [...], "moved": [...], "to_encode": [{"section",
// "text", "status", "why"}]}
nlohmann::ordered_json source_diff_json(const SourceDiff& d);

}  // namespace inkoop

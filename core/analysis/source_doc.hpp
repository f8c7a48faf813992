// The source document of a policy, sentence by sentence, and what of it the policy accounts for
// (`inkoop source`, the coverage `inkoop check` prints).
//
// Sections: a line that starts with a section number ("3.1 Vrijgevestigden", "10.", "Bijlage 1")
// and then a capital opens a section, as document_headings finds them, when its number comes after
// the previous heading's (a lower one, "1. Digitale contractering" inside 10.1, is a numbered list
// item); what comes before the first heading is section "", which declarations cite as
// "inleiding". A table of contents ("Inhoud" before the first heading, up to the first heading it
// lists coming again) is left out. Sentences: a section's lines joined (the extracted text breaks
// lines and leaves blank ones), split after '.', '?' or '!' before a capital or a list item, and
// before every list item ("•", "-", "o", "▪", "a)", "1)").
//
// Normative: a sentence that could decide an outcome. The rule is transparent and deliberately
// wide (a sentence too many is cheap: it is encoded or explained; one too few is a gap nobody
// sees): it holds a marker word (moet, moeten, dient, dienen, uitsluitend, alleen, maximaal,
// minimaal, ten minste, uiterlijk, niet, geen, voorwaarde(n), verplicht, vereist, voldoen,
// voldoet, uitgesloten, mag, mogen, vervalt, weigeren, behoudt), or it is a list item under a
// lead-in that ends in ':' ("De vrijgevestigde:" followed by its requirements; the documents'
// lists are mostly requirements, and a list of something else is a few sentences explained).
//
// Accounted for: a normative sentence that a quote of the policy overlaps (a rule, parameter,
// scope or outside_scope clause: "encoded", by their codes) or that a not_encoded declaration
// quotes ("not_encoded", with its why). Quotes are compared with letters and digits only, case
// folded, so line breaks, hyphens at a break, quotes and dashes do not matter; a quote may span
// several sentences of its section.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/policy.hpp"

namespace inkoop {

struct SourceSentence {
    std::string section;  // "3.1", "" before the first heading
    std::string text;     // whitespace collapsed
    bool normative = false;
    bool list_item = false;
    std::string status;           // "encoded", "not_encoded", "open" (normative, accounted for by nothing), "" (informative)
    std::vector<std::string> by;  // codes of what encodes it (rule codes, "param:<name>", "scope", "outside_scope")
    std::string why;              // not_encoded: the reason
};

struct SourceSection {
    std::string number, heading;        // "3.1", "3.1 Vrijgevestigden"
    size_t first = 0, count = 0;        // its sentences: [first, first + count)
    std::vector<std::string> cited_by;  // codes of everything that cites the section (with or without a quote)
};

struct SourceCoverage {
    size_t sentences = 0, normative = 0, encoded = 0, not_encoded = 0, open = 0;
    double share() const { return normative ? static_cast<double>(encoded + not_encoded) / static_cast<double>(normative) : 1.0; }
};

struct SourceView {
    std::string policy, source;  // policy id, source file name
    std::vector<SourceSection> sections;
    std::vector<SourceSentence> sentences;
    SourceCoverage coverage;
    // Quotes that are not in the section they cite (nor, for a quote, anywhere): check's errors.
    std::vector<std::string> problems;
};

// The document's sections and sentences, classified; nothing accounted for yet.
SourceView read_source_document(std::string_view text);

// The same with what `policy` accounts for, and the quotes that do not match their section.
SourceView source_view(const Policy& policy, std::string_view text, const std::string& source_name);

// A document no policy encodes yet (next year's, for `inkoop source --diff`): every normative
// sentence open.
SourceView document_view(std::string_view text, const std::string& source_name);

// {"policy", "source", "sentences": [{"section", "text", "normative", "status", "by", "why"}],
// "coverage": {"sentences", "normative", "encoded", "not_encoded", "open", "share"}}; status is
// null for a sentence that is not normative and that nothing quotes.
nlohmann::ordered_json source_json(const SourceView& v);

// The normalised form quotes and sentences are compared in: letters and digits, case folded
// (ASCII and the Latin-1 letters of Dutch, é -> e), everything else dropped.
std::string quote_key(std::string_view text);

}  // namespace inkoop

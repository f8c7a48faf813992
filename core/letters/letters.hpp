// `inkoop letters`: a letter to every decided provider, from templates the insurer edits. Each
// insurer keeps its templates in its policy folder (<insurer>/letters/<lang>/<kind>.md, kind one of
// offer, refuse, review, incomplete, out_of_scope; the tree's letters/<lang>/ holds the default set
// that `inkoop new` copies) and its letterhead in <insurer>/letters/letterhead.json. A template is
// Mustache (logic-less: values, sections over lists, nothing else: no partials, no unescaped tags,
// no delimiter changes) over Markdown; every value is escaped for Markdown, CommonMark (cmark, raw
// HTML off) turns the letter into HTML, and escapes it for HTML in turn. A provider's name such as
// `<b>{{agb}}</b>` therefore appears literally in every format.
#pragma once

#include <array>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/base/i18n.hpp"
#include "core/model/decision.hpp"
#include "core/model/policy.hpp"
#include "core/model/provider.hpp"

namespace inkoop {

enum class LetterKind { Offer, Refuse, Review, Incomplete, OutOfScope };  // Category's order
inline constexpr size_t kLetterKinds = 5;
std::string_view letter_kind_name(LetterKind k);  // offer ... out_of_scope: the template's file name
LetterKind letter_kind_of(const Decision& d);
// A text fact of the provider by field name ("" when unknown, absent or not a text), and its name.
std::string provider_text(const Provider* p, const char* field);
std::string provider_name(const Provider* p);
// A yes/no fact of the provider by field name; none when unknown, absent or not a yes/no field.
std::optional<bool> provider_bool(const Provider* p, const char* field);
// Whether the policy's answer-by date is this provider's: it is the new providers' (the sign-up
// deadline), so not one contracted the year before.
bool answer_by_applies(const Provider* p);

// The insurer's name, address lines and logo (an image in its letters folder, inlined).
struct Letterhead {
    std::string name;
    std::vector<std::string> address;
    std::string logo_data_uri;  // data:image/...;base64,... or ""
    std::string department;     // who writes the letters (under the greeting)
    std::string signatory;      // who signs them
    // How a provider reacts to a refusal or review, in the letter's language, the period put in
    // for {weeks}. A letterhead.json must give it: every refusal and review letter says it.
    // It may name the last day to react, {until}: the letter's date plus the weeks.
    std::string objection;
    int objection_weeks = 0;
    // Optional, in the letter's language: how to ask about a letter (its "Vragen" paragraph; else
    // the policy's contact rule), and where to send answers to its questions ("via ons
    // contactformulier (...)").
    std::string enquiries, reply;
    bool from_file = false;  // false: no letterhead.json, the insurer's name only
};

// One template, parsed and checked.
struct LetterTemplate {
    std::string path;  // where it was read from, as shown in messages
    std::string text;
};

// The templates and letterhead of one policy's insurer, in one language.
struct LetterSet {
    Lang lang = Lang::En;
    Letterhead head;
    std::array<LetterTemplate, kLetterKinds> templates;
    // Every file the letters are made from, for the run's manifest, hashed as it was read:
    // "letter template refuse", "letterhead", "logo".
    struct File {
        std::string what, path, sha256;
        uint64_t bytes = 0;
    };
    std::vector<File> files;

    // Reads them for `policy` from the policy tree `tree_dir`: the insurer's own templates, or the
    // tree's default set for a kind the insurer has none of. Throws FileError / std::runtime_error
    // (a template that does not parse, or uses a tag that is not allowed; a logo outside the tree).
    static LetterSet load(const std::string& tree_dir, const Policy& policy, Lang lang);
};

// Everything a letter says, for one decision (what a template's placeholders name).
// The letter's reference (kenmerk): "2024-01602335-482913": the contract year, the AGB code and six
// digits of a hash of the policy's version, the decision (its parameters and facts found) and the
// letter's date, so that the same run inputs give the same reference.
std::string letter_reference(const Policy& policy, const Decision& d, const std::string& date);

struct LetterInput {
    const Policy* policy = nullptr;
    const Decision* decision = nullptr;
    const Provider* provider = nullptr;  // for its name; may be null
    std::string date;                    // the letter's date, in prose
    std::optional<Date> day = {};        // the same date: the last day to react is counted from it
};

// A letter's title, as its footer names it: the insurer and the letter's reference ("Salland
// Zorgverzekeraar · ons kenmerk 2024-91102441-427169"). No policy version: a viewer shows it.
std::string letter_title(const LetterSet& set, const LetterInput& in);

// Letters from one LetterSet, its templates parsed once (not per letter). Rendering changes the
// parsed templates' state: one renderer per thread. `set` must outlive it.
class LetterRenderer {
public:
    explicit LetterRenderer(const LetterSet& set);
    ~LetterRenderer();
    LetterRenderer(const LetterRenderer&) = delete;
    LetterRenderer& operator=(const LetterRenderer&) = delete;
    // The letter as Markdown (the template with every value escaped for Markdown).
    std::string markdown(const LetterInput& in);
    // The letter as a self-contained HTML page: letterhead, the Markdown body through CommonMark,
    // an A4 print style, and a content policy that lets nothing load (no script, no network).
    std::string html(const LetterInput& in);

private:
    const LetterSet& set_;
    struct Parsed;
    std::unique_ptr<Parsed> parsed_;
};

// One letter, its template parsed for it alone (check, tests): LetterRenderer(set).markdown(in).
std::string render_letter_markdown(const LetterSet& set, const LetterInput& in);
std::string render_letter_html(const LetterSet& set, const LetterInput& in);
// The libraries letters are made with ("cmark 0.30.2, kainjow-mustache").
std::string letter_library_versions();
// Markdown (a letter body, the index's notes) as HTML through CommonMark, raw HTML not passed.
std::string commonmark_to_html(const std::string& markdown);

// A value as Markdown text that renders as exactly that text: Markdown's own characters escaped,
// control characters as their visible symbols (U+2400...), never a line break.
std::string markdown_literal(std::string_view value);

// `inkoop check`: the placeholders of `tmpl` that no letter fills, each with the closest known
// name ("unknown placeholder {{provider.nam}}: did you mean 'name'?").
std::vector<std::string> check_letter_template(const LetterTemplate& tmpl);

// Generated decisions of each kind for `policy` (what check renders every template with).
Decision sample_decision(const Policy& policy, LetterKind kind);

}  // namespace inkoop

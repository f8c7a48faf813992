// How two decisions for the same provider differ (two policies, or before and after a change),
// each difference with the rule code and section behind it.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/decision.hpp"

namespace inkoop {

struct DecisionChange {
    std::string what;  // outcome, ground, review, condition, missing, contract, tariff, setting, excluded
    std::string sign;  // "+", "-", "~"
    std::string section;
    std::string code;
    std::string text;  // in English (JSON Lines); format_change words it in the reader's language
    // What the change is between, for its words in any language: the contracts (a contract's period
    // and term), the sign-by dates, the tariff bases.
    std::optional<Contract> from = std::nullopt, to = std::nullopt;
    std::string basis_from = {}, basis_to = {};
};

// The differences from `a` to `b`; contract periods are compared after shifting `a` by `years`
// (the difference in contract year between the two policies).
std::vector<DecisionChange> compare_decisions(const Decision& a, const Decision& b, int years);

// A change's text in `lang`: a contract's period and term, a sign-by date and a tariff basis as
// people read them, the host's own texts from the catalogue; a policy's text as it is. English:
// the change's text.
std::string change_words(const DecisionChange& c, Lang lang);

// One change as an indented line: "    - ground    3.1 max_fte_regiebehandelaren: <text>\n".
std::string format_change(const DecisionChange& c, Lang lang);

// The kinds of change a decision can show besides its outcome, as bits (change_kinds).
enum ChangeKind : uint32_t {
    kGroundsAdded = 1u << 0,
    kGroundsRemoved = 1u << 1,
    kReviewAdded = 1u << 2,
    kReviewRemoved = 1u << 3,
    kMissingFacts = 1u << 4,
    kContractPeriod = 1u << 5,  // period, type, or a contract added/removed
    kSignBy = 1u << 6,
    kContractScope = 1u << 7,  // settings and excluded care
    kTariff = 1u << 8,
    kConditions = 1u << 9,
};
constexpr size_t kChangeKinds = 10;
// "grounds added", "grounds removed", "review points added", ... for bit number `i`.
std::string_view change_kind_name(size_t i);
std::string change_kind_label(size_t i, Lang lang);  // in words, in `lang`
// The kinds among `changes`; 0 when there are none.
uint32_t change_kinds(const std::vector<DecisionChange>& changes);

// Why a decision changed (change_cause.hpp says how it is found): a rule that encodes the
// document's text, a choice of the encoder's own (`interpretation`), or a parameter the run sets.
enum class Cause : uint8_t { Text, Interpretation, Parameter };
inline constexpr size_t kCauses = 3;
std::string_view cause_name(Cause c);                   // "text", "interpretation", "parameter" (JSON)
std::string cause_label(Cause c, size_t n, Lang lang);  // "door de tekst", "door eigen keuzes", "door ingestelde parameters"

// How a population's decisions move between two runs (two policies, or before and after a
// what-if change): outcome before x outcome after, and for the decisions that keep their outcome
// but change otherwise, how many and of which kinds. The counts add up: changed() = moved() +
// same_outcome, and compared() = changed() + unchanged().
struct OutcomeMatrix {
    std::array<std::array<size_t, kCategories>, kCategories> cells{};  // [before][after], indexed by Category
    size_t same_outcome = 0;                                           // on the diagonal, with other changes
    std::array<size_t, kChangeKinds> same_outcome_kinds{};             // of those, per kind (one decision can show several)

    // When the run attributes its changes (diff, report --diff, sweep): per cell, how many decisions
    // of each cause, and per cell and cause the first code behind each decision, counted.
    bool attributed = false;
    std::array<std::array<std::array<size_t, kCauses>, kCategories>, kCategories> causes{};
    std::map<std::array<size_t, 3>, std::map<std::string, size_t>> cause_codes;

    void add(Category before, Category after, uint32_t kinds);
    // A changed decision's cause, after add (`code`: the first code behind it, "" if none).
    void attribute(Category before, Category after, Cause cause, const std::string& code);
    void merge(const OutcomeMatrix& other);
    size_t compared() const;
    size_t moved() const;  // outcome changed
    size_t changed() const { return moved() + same_outcome; }
    size_t unchanged() const { return compared() - changed(); }
};

// "44 of 936 decisions change\n  23 change outcome: offer -> refuse 14, incomplete -> refuse 9\n  21 keep
// their outcome with other changes: grounds added 12, missing facts 9 (one decision can show several)".
// With `with_causes` and an attributed matrix, then the lines cause_lines gives, under cause_heading:
// "    aanbod -> nadere beoordeling 177: 9 door de tekst (multidisciplinair_beoordeling), 168 door eigen keuzes (looptijd_niet_in_tabel)".
std::string matrix_summary(const OutcomeMatrix& m, Lang lang, bool with_causes = true);

// Each move of an attributed matrix (then the decisions that keep their outcome) split by cause,
// for a page that marks codes up: "aanbod -> nadere beoordeling 177" and its parts.
struct CausePart {
    std::string words;               // "168 door eigen keuzes"
    std::vector<std::string> codes;  // the most frequent codes behind them, at most three
    bool more = false;               // more codes than those
};
struct CauseLine {
    std::string head;
    std::vector<CausePart> parts;
};
std::string cause_heading(Lang lang);  // "naar oorzaak (de tekst zodra ...):"
std::vector<CauseLine> cause_lines(const OutcomeMatrix& m, Lang lang);
// A line's parts joined, "9 door de tekst (code), 168 door eigen keuzes (code, …)": `word` writes
// the words and `code` each code as the output needs them (plain, escaped, marked up).
std::string cause_parts_text(const CauseLine& line, const std::function<std::string(const std::string&)>& word,
                             const std::function<std::string(const std::string&)>& code);
// The 4x4 table with a header line "before \ after      offer     review     refuse incomplete".
void print_matrix_table(std::ostream& os, const OutcomeMatrix& m, Lang lang);

}  // namespace inkoop

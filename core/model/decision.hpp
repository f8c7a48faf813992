// The decision for one (provider, policy): outcome, contract proposal, tariff, and the cited items
// behind it (spec §2).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/base/i18n.hpp"
#include "core/model/date.hpp"
#include "core/model/value.hpp"

namespace inkoop {

enum class Outcome { Offer, Refuse, Review, Incomplete };
// The order in which reports list outcomes.
inline constexpr Outcome kOutcomeOrder[] = {Outcome::Offer, Outcome::Review, Outcome::Refuse, Outcome::Incomplete};
std::string_view outcome_name(Outcome o);
std::optional<Outcome> outcome_from_name(std::string_view name);

// Immutable text shared between a policy and every decision that cites it, so that copying an
// item into a decision never allocates.
class SharedText {
public:
    SharedText() = default;
    SharedText(std::string s);
    SharedText(const char* s) : SharedText(std::string(s)) {}
    SharedText(std::string_view s) : SharedText(std::string(s)) {}
    const std::string& str() const { return s_ ? s_->text : empty().text; }
    // The text as a quoted, escaped JSON string, made once.
    const std::string& json() const { return s_ ? s_->json : empty().json; }
    operator std::string_view() const { return str(); }
    bool empty_text() const { return str().empty(); }
    bool operator==(const SharedText& o) const { return s_ == o.s_ || str() == o.str(); }
    bool operator==(std::string_view o) const { return str() == o; }
    bool operator==(const char* o) const { return str() == o; }
    bool operator==(const std::string& o) const { return str() == o; }

private:
    struct Shared {
        std::string text, json;
    };
    static const Shared& empty();
    std::shared_ptr<const Shared> s_;
};

// What a rule found: a fact of the provider as it was read, and the test it met or failed with
// the limit in force ("fte_regiebehandelaren" 9, at_most 8).
struct Found {
    std::string field;         // the schema field's name
    std::string test;          // at_most, at_least, below, above, equals, one_of, is_true, is_false, known, absent
    Value value;               // as read (an enum value as its code, in a string); unknown for `absent`
    std::vector<Value> limit;  // the limit in force: one for a comparison or equals, the values of one_of
    bool holds = false;        // whether the fact met the test (a requirement's fact that fails: false)
    bool required = false;     // the test is a requirement (a `require` rule): the limit is what is asked
    bool operator==(const Found&) const = default;
};

// A ground, condition, review point or surcharge: stable code, the document's section, one line,
// and what was found that made the rule hold (empty where no fact of the provider decided it).
struct Item {
    SharedText code;
    SharedText section;
    SharedText text;
    std::vector<Found> found = {};
    bool operator==(const Item&) const = default;
};

struct Contract {
    std::string type;
    Date start;
    Date end;  // inclusive
    std::optional<Date> sign_by;
    std::vector<std::string> settings;  // settings the contract is limited to
    std::vector<std::string> excluded;  // treatments or prestaties left out
    std::string section;                // where the dates come from
    bool operator==(const Contract&) const = default;
};

struct Tariff {
    std::string basis;  // nza_percentage, fixed, negotiated, budget_per_insured, reference_prices
    std::optional<double> percentage;
    std::optional<double> amount_eur;
    SharedText text;
    SharedText section;
    std::vector<Item> surcharges;
    bool operator==(const Tariff&) const = default;
};

// A rule that can only add to a decision (a condition, a setting, an exclusion, a surcharge) and
// whose result depends on facts still unknown: the decision stands either way, so it is not
// incomplete; the item is shown as conditional, with the facts that settle it (also among the
// decision's open facts).
struct ConditionalItem {
    std::string effect;  // condition, setting, exclusion, surcharge
    Item item;
    std::vector<std::string> settled_by;
    bool operator==(const ConditionalItem&) const = default;
};

// One rule as the engine met it, for --explain.
struct TraceEntry {
    std::string rule;
    std::string section;
    std::string text;
    std::string result;              // pass, fail, holds, not_applicable, unknown, out_of_scope, offer
    std::vector<std::string> facts;  // the facts that decided it (JSON and English text)
    std::vector<Found> found = {};   // the provider's facts among them, to be read in any language
};

struct Decision {
    std::string agb;
    std::string policy;
    SharedText policy_version;  // the policy's content hash (and declared version): Policy::version
    SharedText params;          // the parameters that differ from the defaults, as a JSON object
    Outcome outcome = Outcome::Incomplete;
    std::optional<Contract> contract;
    std::optional<Tariff> tariff;
    std::vector<Item> grounds;
    std::vector<Item> conditions;
    std::vector<Item> review;
    std::vector<std::string> missing;  // incomplete: the facts the decision waits for
    // refuse, review, offer: facts still unknown that decide some rule (a refusal stands on known
    // facts, but these are needed too if its grounds are resolved)
    std::vector<std::string> open_facts;
    std::vector<ConditionalItem> conditional;  // additions that hold or not by facts still unknown
    std::vector<TraceEntry> trace;
    std::vector<std::pair<std::string, std::string>> passthrough;  // x_ columns

    // Empties the decision for the next provider, keeping its vectors' capacity.
    void clear() {
        outcome = Outcome::Incomplete;
        contract.reset();
        tariff.reset();
        grounds.clear();
        conditions.clear();
        review.clear();
        missing.clear();
        open_facts.clear();
        conditional.clear();
        trace.clear();
        passthrough.clear();
    }
};

// What people read a decision as: its outcome, with a refusal because the policy does not purchase
// the provider's kind (the single ground out_of_scope) apart from refusals. Offer..Incomplete have
// the Outcome's numbers.
enum class Category { Offer, Refuse, Review, Incomplete, OutOfScope };
inline constexpr size_t kCategories = 5;
// The order in which summaries show them.
inline constexpr Category kCategoryOrder[] = {Category::Offer, Category::Review, Category::Refuse, Category::Incomplete,
                                              Category::OutOfScope};
std::string_view category_name(Category c);  // offer ... "out of scope"
Category category_of(const Decision& d);

std::string_view tariff_basis_doc(std::string_view basis);  // "" if the basis is not one we know
bool is_tariff_basis(std::string_view basis);
// What people read, in `lang`: the tariff basis explained (the basis itself if unknown), a
// category's word (aanbod, afwijzing, ...), a conditional item's effect.
std::string tariff_basis_text(std::string_view basis, Lang lang);
std::string category_label(Category c, Lang lang);
std::string effect_label(std::string_view effect, Lang lang);

// A found value as a person reads it: a field's value label, "ja"/"nee", "1 juni 2023", "9", a share
// (a number field from 0 to 1) as "79%"; "onbekend" when unknown. Without the schema, codes.
std::string found_value_text(const Value& v, const Field* field, Lang lang);
// What was found, as a person reads it, with the limit it was held against: a requirement it
// fails as "Fte regiebehandelaren: 9 (eis: maximaal 8)", a test it meets as "Datum aanmelding:
// 5 juni 2023 (na 1 juni 2023)", one it does not as "Beroep: Psychotherapeut (niet een van:
// GZ-psycholoog, Psychiater)", a yes/no as "Gevestigd in Nederland: nee".
std::string found_text(const Found& f, const Schema* schema, Lang lang);

}  // namespace inkoop

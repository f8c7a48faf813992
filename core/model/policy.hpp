// A policy as the engine sees it once its script has declared it: metadata, scenario
// parameters, scope, and the rules in the document's order.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/model/condition.hpp"
#include "core/model/decision.hpp"
#include "core/model/rule_text.hpp"
#include "core/model/schema.hpp"
#include "core/model/value.hpp"

namespace inkoop {

struct PolicyInfo {
    std::string id;  // insurer/care-year
    std::string insurer;
    std::string care;
    int year = 0;
    std::string title;
    std::string source;            // the seed file the policy encodes
    std::string path;              // the script, as shown in messages
    std::string declared_version;  // policy { version = "1.0" }, if the policy states one
    std::string language;          // policy { language = "nl" }: what its readers read; "" = English
};

// What the policy says that a letter to a provider repeats (policy { letters = {...} }), each with
// its section and the document's words; absent where the document says nothing.
struct LetterFacts {
    std::optional<Item> objection;  // how to object to a refusal
    std::optional<Item> contact;    // where to ask
    std::optional<Item> answer_by;  // incomplete: by when to answer (the date in answer_by_date)
    std::optional<Date> answer_by_date;
};

// A file a policy was loaded from (the policy, and every module it imports or inherits).
struct PolicyFileHash {
    std::string path;    // as opened
    std::string sha256;  // of its contents
};

// A policy file's name in its tree, as the version counts it: "salland/ggz-2024" for
// .../policies/salland/ggz-2024.lua (its folder and name), so that the same files give the same
// version wherever the tree lies.
std::string tree_name(const std::string& path);

struct Param {
    std::string name;
    FieldType type = FieldType::Bool;
    std::vector<std::string> values;  // Enum
    Value default_value;
    std::string section;
    std::string doc;
    std::string unit;                 // numbers: what they count ("fte", "share", "locations")
    std::string withdrawn;            // remove_param's note: inherited, no longer applies, cannot be set
    std::vector<std::string> quotes;  // the source document's words it encodes (`inkoop source`)
    std::string interpretation;       // where the document is open: why this reading (a choice, not the text)
    // Gives Param the shape of a schema Field so values parse with the same code.
    Field as_field() const;
};

// What a rule does when it holds.
enum class Effect {
    Require,      // a minimum requirement: a ground when the test fails
    RefuseIf,     // a refusal ground when the test holds
    ReviewIf,     // a point for human judgement
    ConditionIf,  // a condition attached to the contract
    SurchargeIf,  // a tariff surcharge
    ExcludeIf,    // a treatment or prestatie left out of the contract (the rule's code)
    SettingIf,    // the contract is limited to a setting (the rule's code)
    IfRefused,    // a consequence stated for providers without a contract
};
std::string_view effect_name(Effect e);

struct Rule {
    std::string code;
    std::string section;
    std::string text;  // as decisions cite it: the template with the parameters' defaults
    // The text as the policy writes it, naming parameters ("maximaal {max_fte} fte"), and where
    // it names them (resolve_rule_texts; no slots: the text is the template).
    std::string text_template;
    std::vector<TextSlot> text_slots;
    Effect effect = Effect::Require;
    ConditionPtr applies;  // null: always applies
    ConditionPtr test;
    // Require/RefuseIf only: when this holds, the ground is a point for review instead (a right
    // the document reserves, "behoudt zich het recht voor", that an analyst may read either way).
    ConditionPtr review_instead;
    std::string where;                      // file:line of the declaration
    std::vector<std::string> quotes;        // the source document's words it encodes (`inkoop source`)
    std::string interpretation;             // where the document is silent or open: why this rule (a choice, not the text)
    Item item;                              // code, section and text as decisions cite them
    uint64_t applies_kinds = ~uint64_t{0};  // bit k: `applies` may hold for kind k (index_rules)
    // False when `applies` cannot hold for a provider of kind `kind` (an index into the kind
    // field's values; -1 or an index past 63 is not known to be excluded, so true).
    bool applies_to(int kind) const { return kind < 0 || kind >= 64 || (applies_kinds >> kind & 1); }
};

// Kinds the policy purchases, or explicitly excludes, with the section that says so.
struct ScopeClause {
    std::string section;
    std::string text;
    std::vector<int> kinds;           // enum indexes of `kind`
    Item item;                        // the out_of_scope ground citing this clause
    std::vector<std::string> quotes;  // the source document's words it encodes
};

// A sentence of the source document the policy deliberately does not encode, and why
// (not_encoded { section=, quote=, why= }): `inkoop source` counts it as accounted for.
struct NotEncoded {
    std::string section, quote, why;
    std::string where;  // file:line of the declaration
};

// How a policy written as another policy plus changes differs from it (for `inkoop check`).
struct RuleChange {
    std::string kind;  // removed, replaced, added, moved
    std::string code;
    std::string note;  // the policy's own words for the change (e.g. its chapter 1 entry)
};

struct Policy {
    PolicyInfo info;
    LetterFacts letters;
    // The provider schema of the policy tree it was loaded from: its conditions name these fields.
    std::shared_ptr<const Schema> schema;
    std::string inherits;             // id of the policy this one is written on, if any
    std::vector<RuleChange> changes;  // relative to `inherits`
    std::vector<Param> params;
    ScopeClause scope;                    // kinds purchased
    std::vector<ScopeClause> exclusions;  // kinds explicitly left out
    std::vector<Rule> rules;
    std::vector<NotEncoded> not_encoded;
    int offer_ref = 0;  // script function that proposes contract and tariff
    std::string offer_where;
    // The audit trail: the files the policy was loaded from, and its version as decisions cite
    // it: "sha256:<hash of the files' hashes and tree names>", after the declared version if
    // there is one. Where the tree lies does not count.
    std::vector<PolicyFileHash> files;
    SharedText version;

    // Records the files and sets `version` from them.
    void set_files(std::vector<PolicyFileHash> f);

    const Param* find_param(std::string_view name) const;
    const Rule* find_rule(std::string_view code) const;
    int param_index(std::string_view name) const;
    ParamValues default_params() const;
    // A provider of kind `kind` is purchased: in the scope and in no exclusion.
    bool purchases(int kind) const;
};

}  // namespace inkoop

namespace inkoop {

// Orders section numbers as a document does: "4.2" < "5.1" < "5.10" < "Bijlage 1".
bool section_before(std::string_view a, std::string_view b);
// Puts a policy written as another plus changes back in its own document's order (stable by section).
void order_by_section(Policy& policy);

// Works out, per rule, the provider kinds for which its applicability can hold (from kind_is /
// kind_in in `applies`), so that deciding skips the others without evaluating them.
void index_rules(Policy& policy);

// The parameters whose value differs from the policy's default, as a compact JSON object
// ({"zorgplicht_sufficient":true}); "{}" when none does.
std::string non_default_params_json(const Policy& policy, const ParamValues& params);

// Applies NAME=VALUE settings (--set) over the policy's defaults; throws std::runtime_error
// naming an undeclared parameter (with a suggestion) or a bad value.
ParamValues apply_settings(const Policy& policy, const std::vector<std::string>& settings);

// The settings among `settings` whose name `policy` declares, for runs under several policies at
// once; throws for a setting that no policy in `all` declares (with a suggestion).
std::vector<std::string> settings_for(const Policy& policy, const std::vector<const Policy*>& all,
                                      const std::vector<std::string>& settings);
// Those, then `own` (settings for this policy alone, e.g. diff --set-a), as the parameter values.
ParamValues params_for(const Policy& policy, const std::vector<const Policy*>& all, const std::vector<std::string>& settings,
                       const std::vector<std::string>& own);

}  // namespace inkoop

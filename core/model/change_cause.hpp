// Why a decision changed between two policies (or under parameters set): because of a rule that
// encodes the document's text, a rule or parameter the encoder chose (`interpretation`), or a
// parameter the run sets (--set, --set-a, --set-b, a sweep's values).
//
// A code (a rule, or a fact a decision waits for) is classified once per run:
//   - a rule that reads a parameter the run sets on either side: parameter;
//   - else a rule marked `interpretation`, or one that reads a parameter so marked: interpretation;
//   - else a rule: text;
//   - a rule only the earlier policy has: text (the later document dropped it);
//   - a fact (an incomplete decision's missing field): as the rules of that side that read it
//     (text when one of them is text, else interpretation when one is, else text);
//   - anything else (scope, a contract or tariff from the offer): text.
// A decision's cause comes from the changes that explain its move: the items of the stronger of its
// two outcomes (a ground refuses whatever else holds, then a missing fact leaves it incomplete, then a
// review point), gained when the later decision has that outcome, lost when the earlier one had it;
// on the same outcome every change. Text when one of those codes is text (the document alone
// explains the move), else parameter when one is, else interpretation.
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/base/i18n.hpp"
#include "core/model/decision_diff.hpp"
#include "core/model/policy.hpp"

namespace inkoop {

struct Attribution {
    Cause cause = Cause::Text;
    std::vector<std::string> codes;  // the codes of that cause behind the change, in the changes' order
};

class ChangeCauses {
public:
    // The parameters each side's run sets, by name.
    ChangeCauses(const Policy& a, const Policy& b, const std::set<std::string>& set_a, const std::set<std::string>& set_b);

    Cause of_change(const DecisionChange& c) const;  // of its code (a missing fact: of the field)
    Cause of_rule(const std::string& code) const;    // a rule's code
    // Several rules' codes together: the text when one of them is the text, else a parameter when
    // one is, else a choice of our own (the text too when there are none).
    Cause of_rules(const std::vector<std::string>& codes) const;
    Attribution attribute(Category before, Category after, const std::vector<DecisionChange>& changes) const;

    // A code's number in this run (count_pair carries numbers, not strings); 0: none.
    uint32_t index_of(const std::string& code) const;
    const std::string& code_at(uint32_t index) const { return index < names_.size() ? names_[index] : names_[0]; }  // "" past the end

private:
    static Cause strongest(const bool (&any)[kCauses], bool none) {
        return any[0] || none ? Cause::Text : any[2] ? Cause::Parameter : Cause::Interpretation;
    }
    struct Classes {
        std::unordered_map<std::string, Cause> codes, facts;
    };
    static Classes classify(const Policy& p, const std::set<std::string>& set);
    void merge(std::unordered_map<std::string, Cause>& into, const std::unordered_map<std::string, Cause>& a,
               const std::unordered_map<std::string, Cause>& b);
    void enroll(const std::string& code);

    std::unordered_map<std::string, Cause> codes_, facts_;
    std::unordered_map<std::string, uint32_t> index_;
    std::vector<std::string> names_{""};
};

}  // namespace inkoop

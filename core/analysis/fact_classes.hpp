// The classes of provider facts a policy can tell apart. Every condition compares a fact with
// constants (at_most("fte_regiebehandelaren", 8), equals("kind", "zbc"), ...), so for a policy
// the space of all providers falls into finitely many classes: per field, unknown, and the
// intervals and points between the constants the conditions name (numbers and dates), each value
// used (enums, strings) plus "any other", true and false. Providers in the same classes on every
// field the conditions read get the same rule results. Used to reuse rule results while
// deciding; the exhaustive analysis (`inkoop analyze`) walks the same classes.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/model/condition.hpp"
#include "core/model/policy.hpp"
#include "core/model/provider.hpp"

namespace inkoop {

// The constants a policy's conditions compare one field with.
struct FieldCuts {
    int field = -1;
    std::vector<double> numbers;     // Number/Int: sorted, distinct
    std::vector<Date> dates;         // Date: sorted, distinct
    std::vector<std::string> texts;  // String: the values compared with
};

class FactClasses {
public:
    // The fields the policy's rule conditions read (and `kind`), with their constants. `exact`
    // is false when a rule holds a script check: its facts cannot be classed.
    // Constants compared through parameters count with their values in `params`.
    FactClasses(const Policy& policy, const ParamValues& params);

    bool exact() const { return exact_; }
    const std::vector<FieldCuts>& fields() const { return fields_; }

    // The provider's class on each field that can matter for its kind (the kind first, then the
    // fields read by the rules that can apply to it): what the rule results depend on.
    void classify(const Provider& p, std::vector<uint16_t>& key) const;
    // The class of one value of field `i` of fields() (0 = unknown).
    uint16_t class_of(size_t i, const Value& v) const;

private:
    std::vector<FieldCuts> fields_;
    bool exact_ = true;
    int kind_slot_ = -1;                        // kind's place in fields_
    std::vector<std::vector<size_t>> by_kind_;  // per kind: the places in fields_ that matter
};

// Collects, for `c`, the constants per field into `cuts` (by field index), parameters at their
// values in `params`; false when `c` contains a script check.
bool collect_cuts(const Condition& c, const ParamValues& params, std::unordered_map<int, FieldCuts>& cuts);

}  // namespace inkoop

// Conditions over provider facts, as data: policies build them, the engine evaluates them in
// three-valued (Kleene) logic, explains them and searches them for counterfactuals.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/model/schema.hpp"
#include "core/model/value.hpp"

namespace inkoop {

struct Provider;

enum class Tri : uint8_t { False, True, Unknown };

inline Tri tri_not(Tri t) { return t == Tri::Unknown ? t : (t == Tri::True ? Tri::False : Tri::True); }
inline Tri tri_of(bool b) { return b ? Tri::True : Tri::False; }
std::string_view tri_name(Tri t);

struct Condition;
using ConditionPtr = std::shared_ptr<const Condition>;

struct Condition {
    enum class Op : uint8_t {
        Always,   // true
        IsTrue,   // bool field is true
        IsFalse,  // bool field is false
        Known,    // field has a value (never unknown)
        Absent,   // field has no value (never unknown)
        Equals,   // field == operand
        OneOf,    // field is one of `set`
        AtMost,   // field <= operand (numbers, dates)
        AtLeast,  // field >= operand
        Below,    // field < operand
        Above,    // field > operand
        All,      // every child (Kleene and)
        Any,      // some child (Kleene or)
        Not,      // the child's negation
        Param,    // a bool scenario parameter is true, or an enum one has the value param_value
        Custom,   // a script function of the provider (unknown when it reads an unknown fact)
    };
    Op op = Op::Always;
    int field = -1;
    Value operand;
    std::vector<Value> set;
    std::vector<ConditionPtr> children;
    int param = -1;  // Param: index into the policy's parameters
    std::string param_name;
    std::optional<EnumValue> param_value;  // Param of an enum parameter: the value it is compared with
    std::string param_value_name;
    // A comparison with a scenario parameter (at_most("fte", param "max_fte")): its index; the
    // operand then holds the parameter's default, and evaluation reads the value in force.
    int operand_param = -1;
    // A bare constant the policy marks as not a choice of its own (fixed("2024-01-01", "het
    // contractjaar")): why; `check` warns about other bare numbers and dates.
    std::string fixed;
    int ref = 0;        // Custom: the script's handle for the function
    std::string label;  // Custom: what the policy says the function checks
    int depth = 1;      // 1 for a leaf, 1 + the deepest child otherwise
};

// How deep all/any/negate may nest: evaluation, explanation and search recurse over conditions.
constexpr int kMaxConditionDepth = 32;

struct ParamValues {
    std::vector<Value> values;
};

// A Param condition under `params`: the bool parameter is true, or the enum one has the value.
inline bool param_holds(const Condition& c, const ParamValues& params) {
    const Value& v = params.values.at(static_cast<size_t>(c.param));
    if (c.param_value) {
        const auto* e = std::get_if<EnumValue>(&v);
        return e && e->index == c.param_value->index;
    }
    const auto* b = std::get_if<bool>(&v);
    return b && *b;
}

// What a comparison compares with under `params`: the parameter's value, or the constant.
inline const Value& operand_of(const Condition& c, const ParamValues& params) {
    return c.operand_param < 0 ? c.operand : params.values[static_cast<size_t>(c.operand_param)];
}

// What a condition needs from outside the provider: custom script checks.
class CustomChecks {
public:
    virtual ~CustomChecks() = default;
    // Evaluates custom check `ref` on the current provider; appends fields it found unknown.
    virtual Tri check(int ref, std::vector<int>& unknown_fields) = 0;
};

struct EvalEnv {
    const Provider& provider;
    const Schema& schema;
    const ParamValues& params;
    CustomChecks* custom = nullptr;
    // On Unknown, report only the first open part of an all/any: the question to settle first
    // (used for a rule's applicability, whose later parts may not matter once it is settled).
    bool first_open_only = false;
};

// Three-valued result; on Unknown, `unknown_fields` gets the fields that left it open.
Tri evaluate(const Condition& c, const EvalEnv& env, std::vector<int>& unknown_fields);

// The condition in words, e.g. "fte_regiebehandelaren at most 8". A comparison with a parameter
// shows its value under `params`, or without them its name and default ("at most 8
// (max_fte_vrijgevestigde)").
// In English with the field's name and codes ("locations > 3"); in another language with labels
// ("Aantal locaties: meer dan 3").
std::string describe(const Condition& c, const Schema& schema, const ParamValues* params = nullptr, Lang lang = Lang::En);

// The facts behind a result: for each leaf that decided it, "fte_regiebehandelaren = 9 (at most 8)".
std::vector<std::string> explain(const Condition& c, const EvalEnv& env);

// The provider's facts that decided `c` under `env`, as found: for each field leaf that agrees
// with the result (as explain() chooses them), its value and the limit in force.
struct Found;
void collect_found(const Condition& c, const EvalEnv& env, std::vector<Found>& out);

// Every field a condition reads (for documentation and counterfactual search).
void collect_fields(const Condition& c, std::vector<int>& fields);

}  // namespace inkoop

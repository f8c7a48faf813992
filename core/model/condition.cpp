#include "core/model/condition.hpp"

#include <algorithm>
#include <fmt/format.h>

#include "core/model/decision.hpp"
#include "core/model/provider.hpp"

namespace inkoop {
namespace {

using Op = Condition::Op;

// -1, 0, 1 comparing two values of the same orderable kind; nullopt if they are not comparable.
std::optional<int> compare(const Value& a, const Value& b) {
    const auto three_way = [](auto x, auto y) { return x < y ? -1 : (y < x ? 1 : 0); };
    if (const auto* da = std::get_if<double>(&a)) {  // the common case: a number against a number
        if (const auto* db = std::get_if<double>(&b)) return three_way(*da, *db);
    }
    if (const auto* da = std::get_if<Date>(&a)) {
        const auto* db = std::get_if<Date>(&b);
        if (!db) return std::nullopt;
        return three_way(da->days(), db->days());
    }
    const auto na = as_number(a), nb = as_number(b);
    if (!na || !nb) return std::nullopt;
    return three_way(*na, *nb);
}

bool equal(const Value& a, const Value& b) {
    if (const auto* ea = std::get_if<EnumValue>(&a)) {  // the common case: kind, discipline, ...
        const auto* eb = std::get_if<EnumValue>(&b);
        return eb && ea->index == eb->index;
    }
    if (const auto* ba = std::get_if<bool>(&a)) {
        const auto* bb = std::get_if<bool>(&b);
        return bb && *ba == *bb;
    }
    if (a.index() == b.index() && !std::holds_alternative<double>(a)) return a == b;
    if (const auto c = compare(a, b)) return *c == 0;
    return false;
}

Tri compare_leaf(Op op, const Value& v, const Value& operand) {
    const auto c = compare(v, operand);
    if (!c) return Tri::False;
    switch (op) {
    case Op::AtMost: return tri_of(*c <= 0);
    case Op::AtLeast: return tri_of(*c >= 0);
    case Op::Below: return tri_of(*c < 0);
    case Op::Above: return tri_of(*c > 0);
    default: return Tri::False;
    }
}

// Out of line, so that evaluate() itself stays a small function for the common leaf conditions.
[[gnu::noinline]] Tri combine(const Condition& c, const EvalEnv& env, std::vector<int>& unknown_fields) {
    const bool is_all = c.op == Op::All;
    std::vector<int> open;
    bool any_unknown = false;
    for (const auto& child : c.children) {
        std::vector<int> child_open;
        const Tri t = evaluate(*child, env, child_open);
        if (t == (is_all ? Tri::False : Tri::True)) return t;  // decided whatever the others are
        if (t == Tri::Unknown && !(env.first_open_only && any_unknown)) open.insert(open.end(), child_open.begin(), child_open.end());
        if (t == Tri::Unknown) any_unknown = true;
    }
    if (!any_unknown) return is_all ? Tri::True : Tri::False;
    unknown_fields.insert(unknown_fields.end(), open.begin(), open.end());
    return Tri::Unknown;
}

std::string operand_text(const Value& v, const Condition& c, const Schema& s) {
    if (c.field >= 0) return format_value(v, s.at(c.field));
    if (const auto n = as_number(v)) return fmt::format("{}", *n);
    if (const auto* d = std::get_if<Date>(&v)) return d->iso();
    return "?";
}

bool is_date_field(const Condition& c, const Schema& s) { return c.field >= 0 && s.at(c.field).type == FieldType::Date; }

std::string comparison_words(Op op, bool dates) {
    switch (op) {
    case Op::AtMost: return dates ? "on or before" : "at most";
    case Op::AtLeast: return dates ? "on or after" : "at least";
    case Op::Below: return dates ? "before" : "below";
    case Op::Above: return dates ? "after" : "above";
    default: return "?";
    }
}

std::string fact_text(const Condition& c, const EvalEnv& env) {
    const Field& f = env.schema.at(c.field);
    const Value& v = env.provider[c.field];
    return is_known(v) ? fmt::format("{} = {}", f.name, format_value(v, f)) : fmt::format("{} unknown", f.name);
}

[[gnu::noinline]] Tri custom_check(const Condition& c, const EvalEnv& env, std::vector<int>& unknown_fields) {
    return env.custom ? env.custom->check(c.ref, unknown_fields) : Tri::Unknown;
}

}  // namespace

std::string_view tri_name(Tri t) {
    switch (t) {
    case Tri::False: return "false";
    case Tri::True: return "true";
    default: return "unknown";
    }
}

Tri evaluate(const Condition& c, const EvalEnv& env, std::vector<int>& unknown_fields) {
    switch (c.op) {
    case Op::Always: return Tri::True;
    case Op::Known: return tri_of(is_known(env.provider[c.field]));
    case Op::Absent: return tri_of(!is_known(env.provider[c.field]));
    case Op::All:
    case Op::Any: return combine(c, env, unknown_fields);
    case Op::Not: return tri_not(evaluate(*c.children.front(), env, unknown_fields));
    case Op::Param: return tri_of(param_holds(c, env.params));
    case Op::Custom: return custom_check(c, env, unknown_fields);
    default: break;
    }
    const Value& v = env.provider[c.field];
    if (!is_known(v)) [[unlikely]] {
        // A field whose absence is a fact ("no application registered"): no test of its value holds.
        if (env.schema.at(c.field).absence_is_no()) return Tri::False;
        unknown_fields.push_back(c.field);
        return Tri::Unknown;
    }
    switch (c.op) {
    case Op::IsTrue: return tri_of(std::get_if<bool>(&v) && std::get<bool>(v));
    case Op::IsFalse: return tri_of(std::get_if<bool>(&v) && !std::get<bool>(v));
    case Op::Equals: return tri_of(equal(v, operand_of(c, env.params)));
    case Op::OneOf: return tri_of(std::any_of(c.set.begin(), c.set.end(), [&](const Value& s) { return equal(v, s); }));
    default: return compare_leaf(c.op, v, operand_of(c, env.params));
    }
}

namespace {

// describe() in a language other than English: the field's label, the value's label, the limit's
// words ("Aantal locaties: maximaal 3", "Kwaliteitsstatuut: nee").
std::string describe_words(const Condition& c, const Schema& s, const ParamValues* params, Lang L) {
    const Field* f = c.field >= 0 ? &s.at(c.field) : nullptr;
    const auto label = [&] { return f ? f->label(L) : std::string("?"); };
    const auto value = [&](const Value& v) { return found_value_text(v, f, L); };
    const auto operand = [&] { return value(params && c.operand_param >= 0 ? operand_of(c, *params) : c.operand); };
    switch (c.op) {
    case Op::Always: return tr(L, "always");
    case Op::IsTrue: return fmt::format("{}: {}", label(), trc(L, "answer", "yes"));
    case Op::IsFalse: return fmt::format("{}: {}", label(), trc(L, "answer", "no"));
    case Op::Known: return fmt::format(fmt::runtime(tr(L, "{} known")), label());
    case Op::Absent:
        if (f && !f->absent_means[static_cast<size_t>(L)].empty())
            return fmt::format("{}: {}", label(), f->absent_means[static_cast<size_t>(L)]);
        return fmt::format(fmt::runtime(tr(L, "{}: not given")), label());
    case Op::Equals: return fmt::format("{}: {}", label(), operand());
    case Op::OneOf: {
        std::vector<std::string> words;
        for (const auto& v : c.set) words.push_back(value(v));
        return fmt::format(fmt::runtime(tr(L, "{}: one of {}")), label(), fmt::join(words, ", "));
    }
    case Op::AtMost:
    case Op::AtLeast:
    case Op::Below:
    case Op::Above: {
        const bool dates = is_date_field(c, s);
        const char* rule = c.op == Op::AtMost    ? (dates ? N_("on or before {}") : N_("at most {}"))
                           : c.op == Op::AtLeast ? (dates ? N_("on or after {}") : N_("at least {}"))
                           : c.op == Op::Below   ? (dates ? N_("before {}") : N_("less than {}"))
                                                 : (dates ? N_("after {}") : N_("more than {}"));
        return fmt::format("{}: {}", label(), fmt::format(fmt::runtime(tr(L, rule)), operand()));
    }
    case Op::All:
    case Op::Any: {
        std::vector<std::string> parts;
        for (const auto& child : c.children) {
            const bool nested = child->op == Op::All || child->op == Op::Any;
            parts.push_back(nested ? "(" + describe(*child, s, params, L) + ")" : describe(*child, s, params, L));
        }
        return fmt::format("{}", fmt::join(parts, std::string(" ") + tr(L, c.op == Op::All ? "and" : "or") + " "));
    }
    case Op::Not: return fmt::format(fmt::runtime(tr(L, "not ({})")), describe(*c.children.front(), s, params, L));
    case Op::Param:
        return fmt::format(fmt::runtime(tr(L, "parameter {}")), c.param_name) + (c.param_value ? " = " + c.param_value_name : "");
    case Op::Custom: return c.label.empty() ? tr(L, "custom check") : c.label;
    }
    return "?";
}

}  // namespace

std::string describe(const Condition& c, const Schema& s, const ParamValues* params, Lang lang) {
    if (lang != Lang::En) return describe_words(c, s, params, lang);
    const auto name = [&] { return s.at(c.field).name; };
    // The operand: the parameter's value in force, or its default and name, or the constant.
    const auto operand = [&] {
        if (c.operand_param < 0) return operand_text(c.operand, c, s);
        if (params) return operand_text(operand_of(c, *params), c, s);
        return fmt::format("{} ({})", operand_text(c.operand, c, s), c.param_name);
    };
    switch (c.op) {
    case Op::Always: return "always";
    case Op::IsTrue: return name();
    case Op::IsFalse: return "not " + name();
    case Op::Known: return name() + " known";
    case Op::Absent: return name() + " absent";
    case Op::Equals: return fmt::format("{} = {}", name(), operand());
    case Op::OneOf: {
        std::vector<std::string> words;
        for (const auto& v : c.set) words.push_back(operand_text(v, c, s));
        return fmt::format("{} in {{{}}}", name(), fmt::join(words, ", "));
    }
    case Op::AtMost:
    case Op::AtLeast:
    case Op::Below:
    case Op::Above: return fmt::format("{} {} {}", name(), comparison_words(c.op, is_date_field(c, s)), operand());
    case Op::All:
    case Op::Any: {
        std::vector<std::string> parts;
        for (const auto& child : c.children) {
            const bool nested = child->op == Op::All || child->op == Op::Any;
            parts.push_back(nested ? "(" + describe(*child, s, params, lang) + ")" : describe(*child, s, params, lang));
        }
        return fmt::format("{}", fmt::join(parts, c.op == Op::All ? " and " : " or "));
    }
    case Op::Not: return "not (" + describe(*c.children.front(), s, params) + ")";
    case Op::Param: return "parameter " + c.param_name + (c.param_value ? " = " + c.param_value_name : "");
    case Op::Custom: return c.label.empty() ? "custom check" : c.label;
    }
    return "?";
}

std::vector<std::string> explain(const Condition& c, const EvalEnv& env) {
    std::vector<std::string> out;
    std::vector<int> scratch;
    const Tri result = evaluate(c, env, scratch);
    switch (c.op) {
    case Op::All:
    case Op::Any:
        for (const auto& child : c.children) {
            // The children that agree with the result decided it.
            if (evaluate(*child, env, scratch) != result) continue;
            auto sub = explain(*child, env);
            out.insert(out.end(), sub.begin(), sub.end());
        }
        return out;
    case Op::Not: return explain(*c.children.front(), env);
    case Op::Always: return out;
    case Op::Param:
        out.push_back(c.param_value
                          ? fmt::format("parameter {} {} {}", c.param_name, result == Tri::True ? "=" : "is not", c.param_value_name)
                          : fmt::format("parameter {} = {}", c.param_name, result == Tri::True ? "true" : "false"));
        return out;
    case Op::Custom: out.push_back(fmt::format("{}: {}", describe(c, env.schema), tri_name(result))); return out;
    case Op::IsTrue:
    case Op::IsFalse:
    case Op::Known:
    case Op::Absent: out.push_back(fact_text(c, env)); return out;
    default: out.push_back(fmt::format("{} (rule: {})", fact_text(c, env), describe(c, env.schema, &env.params))); return out;
    }
}

namespace {

std::string_view test_name(Op op) {
    switch (op) {
    case Op::IsTrue: return "is_true";
    case Op::IsFalse: return "is_false";
    case Op::Known: return "known";
    case Op::Absent: return "absent";
    case Op::Equals: return "equals";
    case Op::OneOf: return "one_of";
    case Op::AtMost: return "at_most";
    case Op::AtLeast: return "at_least";
    case Op::Below: return "below";
    case Op::Above: return "above";
    default: return "";
    }
}

// An enum value as its code (a decision does not hold the schema); other values as they are.
Value as_found(const Value& v, const Field& f) {
    if (std::holds_alternative<EnumValue>(v)) return format_value(v, f);
    return v;
}

void found_leaf(const Condition& c, const EvalEnv& env, std::vector<Found>& out) {
    const Field& f = env.schema.at(c.field);
    std::vector<int> scratch;
    Found x{f.name, std::string(test_name(c.op)), as_found(env.provider[c.field], f), {}, evaluate(c, env, scratch) == Tri::True};
    if (c.op == Op::OneOf)
        for (const auto& v : c.set) x.limit.push_back(as_found(v, f));
    else if (c.op == Op::Equals || c.op == Op::AtMost || c.op == Op::AtLeast || c.op == Op::Below || c.op == Op::Above)
        x.limit.push_back(as_found(operand_of(c, env.params), f));
    for (const auto& y : out)
        if (y == x) return;
    out.push_back(std::move(x));
}

}  // namespace

void collect_found(const Condition& c, const EvalEnv& env, std::vector<Found>& out) {
    std::vector<int> scratch;
    switch (c.op) {
    case Op::All:
    case Op::Any: {
        const Tri result = evaluate(c, env, scratch);
        for (const auto& child : c.children)
            if (evaluate(*child, env, scratch) == result) collect_found(*child, env, out);
        return;
    }
    case Op::Not: return collect_found(*c.children.front(), env, out);
    case Op::Always:
    case Op::Param:
    case Op::Custom: return;
    default: return found_leaf(c, env, out);
    }
}

void collect_fields(const Condition& c, std::vector<int>& fields) {
    if (c.field >= 0 && std::find(fields.begin(), fields.end(), c.field) == fields.end()) fields.push_back(c.field);
    for (const auto& child : c.children) collect_fields(*child, fields);
}

}  // namespace inkoop

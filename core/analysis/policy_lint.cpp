#include "core/analysis/policy_lint.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace inkoop {
namespace {

using Op = Condition::Op;

// one_of over every value of an enum field: true whenever the field is known.
bool covers_every_value(const Condition& c, const Schema& schema) {
    if (c.op != Op::OneOf) return false;
    const Field& f = schema.at(c.field);
    return f.type == FieldType::Enum && c.set.size() >= f.values.size();
}

// The kinds a condition requires, when it pins `kind` (kind_is / kind_in, alone or in an all{}).
std::vector<int> required_kinds(const Condition& c, const Schema& schema) {
    const int kind = schema.kind() ? schema.kind()->index : -1;
    if (c.field == kind && c.op == Op::Equals)
        if (const auto* e = std::get_if<EnumValue>(&c.operand)) return {e->index};
    if (c.field == kind && c.op == Op::OneOf) {
        std::vector<int> out;
        for (const auto& v : c.set)
            if (const auto* e = std::get_if<EnumValue>(&v)) out.push_back(e->index);
        return out;
    }
    if (c.op == Op::All)
        for (const auto& child : c.children)
            if (auto k = required_kinds(*child, schema); !k.empty()) return k;
    return {};
}

bool in_scope(const Policy& p, int kind) {
    if (std::find(p.scope.kinds.begin(), p.scope.kinds.end(), kind) == p.scope.kinds.end()) return false;
    return std::none_of(p.exclusions.begin(), p.exclusions.end(),
                        [&](const ScopeClause& c) { return std::find(c.kinds.begin(), c.kinds.end(), kind) != c.kinds.end(); });
}

// "5", "10.4", "5.1.2" or "Bijlage 1".
bool looks_like_section(std::string_view s) {
    if (s.substr(0, 8) == "Bijlage ")
        s.remove_prefix(8);
    else {
        bool digit = false;
        for (char c : s) {
            if (c >= '0' && c <= '9')
                digit = true;
            else if (c == '.' && digit)
                digit = false;
            else
                return false;
        }
        return digit;
    }
    return !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos;
}

// The bare numbers and dates `c` compares a fact with: neither a parameter nor marked fixed(...).
void bare_constants(const Condition& c, const Schema& schema, std::vector<std::string>& out) {
    const bool compares = c.op == Op::Equals || c.op == Op::AtMost || c.op == Op::AtLeast || c.op == Op::Below || c.op == Op::Above;
    if (compares && c.operand_param < 0 && c.fixed.empty() && (as_number(c.operand) || std::holds_alternative<Date>(c.operand)))
        out.push_back(describe(c, schema));
    for (const auto& child : c.children) bare_constants(*child, schema, out);
}

}  // namespace

std::vector<std::string> document_headings(std::string_view text) {
    std::vector<std::string> out;
    size_t start = 0;
    while (start < text.size()) {
        size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        std::string_view line = text.substr(start, end - start);
        start = end + 1;
        while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
        size_t n = 0;
        if (line.substr(0, 8) == "Bijlage ") n = 8;
        const size_t digits_from = n;
        while (n < line.size() && ((line[n] >= '0' && line[n] <= '9') || (line[n] == '.' && n > digits_from))) ++n;
        if (n == digits_from) continue;
        std::string_view number = line.substr(0, n);
        if (number.back() == '.') number.remove_suffix(1);
        size_t k = n;
        while (k < line.size() && (line[k] == ' ' || line[k] == '\t' || line[k] == ':')) ++k;
        if (k == n || k >= line.size()) continue;
        const auto c = static_cast<unsigned char>(line[k]);
        if ((c >= 'A' && c <= 'Z') || c >= 0xC3) out.emplace_back(number);
    }
    return out;
}

std::vector<std::string> check_sections(const Policy& policy, std::string_view source_text, const std::string& source_name) {
    const auto headings = document_headings(source_text);
    const auto known = [&](const std::string& section) { return std::find(headings.begin(), headings.end(), section) != headings.end(); };
    std::vector<std::string> out;
    const auto cite = [&](const std::string& where, const std::string& section) {
        if (!section.empty() && !known(section))
            out.push_back(fmt::format("{} cites section {}, which is not a heading of {}", where, section, source_name));
    };
    cite("scope", policy.scope.section);
    for (const auto& c : policy.exclusions) cite("outside_scope", c.section);
    for (const auto& p : policy.params) cite(fmt::format("parameter '{}'", p.name), p.section);
    for (const auto& r : policy.rules) cite(fmt::format("{} rule '{}'", r.where, r.code), r.section);
    return out;
}

std::vector<std::string> lint_policy(const Policy& policy) {
    const Schema& schema = *policy.schema;
    std::vector<std::string> out;
    for (const auto& r : policy.rules) {
        const std::string where = fmt::format("{} rule '{}' ({})", r.where, r.code, r.section);
        if (!looks_like_section(r.section)) out.push_back(fmt::format("{}: '{}' does not look like a section number", where, r.section));
        if (r.effect == Effect::Require && covers_every_value(*r.test, schema))
            out.push_back(fmt::format("{}: lists every value of {}, so the requirement can only fail while it is unknown", where,
                                      schema.at(r.test->field).name));
        if (r.applies) {
            const auto kinds = required_kinds(*r.applies, schema);
            if (!kinds.empty() && std::none_of(kinds.begin(), kinds.end(), [&](int k) { return in_scope(policy, k); }))
                out.push_back(fmt::format("{}: applies only to kinds outside the policy's scope, so it never applies", where));
        }
        std::vector<std::string> bare;
        for (const ConditionPtr& c : {r.applies, r.test, r.review_instead})
            if (c) bare_constants(*c, schema, bare);
        for (const auto& b : bare)
            out.push_back(
                fmt::format("{}: compares with a bare constant ({}): declare it as a param with its unit and section, "
                            "or mark it fixed(value, \"why\") when the policy does not choose it",
                            where, b));
    }
    return out;
}

}  // namespace inkoop

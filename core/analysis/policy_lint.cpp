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

// The parameters `c` compares a fact with (at_most("fte", param "max_fte")).
void compared_params(const Condition& c, std::vector<int>& out) {
    if (c.operand_param >= 0 && std::find(out.begin(), out.end(), c.operand_param) == out.end()) out.push_back(c.operand_param);
    for (const auto& child : c.children) compared_params(*child, out);
}

bool word_char(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// `word` in `text` as a word of its own (not inside a longer number or word).
bool has_word(std::string_view text, std::string_view word) {
    for (size_t at = text.find(word); at != std::string_view::npos; at = text.find(word, at + 1)) {
        const size_t end = at + word.size();
        const bool before =
            at > 0 && (word_char(text[at - 1]) || ((text[at - 1] == ',' || text[at - 1] == '.') && at > 1 && word_char(text[at - 2])));
        const bool after = end < text.size() && (word_char(text[end]) || ((text[end] == ',' || text[end] == '.') && end + 1 < text.size() &&
                                                                          text[end + 1] >= '0' && text[end + 1] <= '9'));
        if (!before && !after) return true;
    }
    return false;
}

// How a text may spell a parameter's default: its digits in either language, as a percentage,
// a date in prose or ISO, and the Dutch and English words for two to twenty.
std::vector<std::string> spellings(const Param& p) {
    static const char* const nl[] = {"twee",    "drie",      "vier",     "vijf",      "zes",     "zeven",    "acht",
                                     "negen",   "tien",      "elf",      "twaalf",    "dertien", "veertien", "vijftien",
                                     "zestien", "zeventien", "achttien", "negentien", "twintig"};
    static const char* const en[] = {"two",     "three",     "four",     "five",     "six",      "seven",    "eight",
                                     "nine",    "ten",       "eleven",   "twelve",   "thirteen", "fourteen", "fifteen",
                                     "sixteen", "seventeen", "eighteen", "nineteen", "twenty"};
    std::vector<std::string> out;
    const Value& v = p.default_value;
    if (const auto* d = std::get_if<Date>(&v)) return {d->prose(Lang::Nl), d->prose(Lang::En), d->iso()};
    const auto n = as_number(v);
    if (!n) return out;
    for (Lang lang : {Lang::Nl, Lang::En}) {
        out.push_back(param_value_text(p, v, lang, false));
        if (*n > 0 && *n < 1) out.push_back(param_value_text(p, v, lang, true));
    }
    if (*n >= 2 && *n <= 20 && *n == static_cast<int>(*n)) {
        out.emplace_back(nl[static_cast<int>(*n) - 2]);
        out.emplace_back(en[static_cast<int>(*n) - 2]);
    }
    return out;
}

}  // namespace

namespace {

// The fields `c` tests with absent "f" that do not declare what their absence means.
void undeclared_absence(const Condition& c, const Schema& schema, std::vector<int>& out) {
    if (c.op == Op::Absent && !schema.at(c.field).absence_is_no() && std::find(out.begin(), out.end(), c.field) == out.end())
        out.push_back(c.field);
    for (const auto& child : c.children) undeclared_absence(*child, schema, out);
}

}  // namespace

std::vector<std::string> policy_errors(const Policy& policy) {
    std::vector<std::string> out = limit_text_errors(policy);
    for (const auto& r : policy.rules) {
        std::vector<int> fields;
        for (const ConditionPtr& c : {r.applies, r.test, r.review_instead})
            if (c) undeclared_absence(*c, *policy.schema, fields);
        for (int f : fields)
            out.push_back(
                fmt::format("{} rule '{}' ({}): absent \"{}\" reads an unknown fact as \"no\", but the schema does not say "
                            "what the field's absence means (absent_means): use known/unknown, or declare it",
                            r.where, r.code, r.section, policy.schema->at(f).name));
    }
    return out;
}

std::vector<std::string> limit_text_errors(const Policy& policy) {
    std::vector<std::string> out;
    for (const auto& r : policy.rules) {
        std::vector<int> params;
        for (const ConditionPtr& c : {r.applies, r.test, r.review_instead})
            if (c) compared_params(*c, params);
        if (params.empty()) continue;
        const std::string where = fmt::format("{} rule '{}' ({})", r.where, r.code, r.section);
        if (r.code.find_first_of("0123456789") != std::string::npos)
            out.push_back(
                fmt::format("{}: the code has a number, but the rule compares with parameter '{}': a code names the "
                            "requirement, not its limit",
                            where, policy.params[static_cast<size_t>(params.front())].name));
        for (int k : params) {
            const Param& p = policy.params[static_cast<size_t>(k)];
            const bool named = std::any_of(r.text_slots.begin(), r.text_slots.end(), [&](const TextSlot& s) { return s.param == k; });
            if (named) continue;
            for (const auto& word : spellings(p))
                if (!word.empty() && has_word(r.text_template, word)) {
                    out.push_back(
                        fmt::format("{}: the text spells '{}', the default of parameter '{}' it compares with: write "
                                    "{{{}}} so that the text states the limit in force",
                                    where, word, p.name, p.name));
                    break;
                }
        }
    }
    return out;
}

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
            if (!kinds.empty() && std::none_of(kinds.begin(), kinds.end(), [&](int k) { return policy.purchases(k); }))
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

#include "core/model/rule_text.hpp"

#include <fmt/format.h>
#include <stdexcept>

#include "core/model/policy.hpp"

namespace inkoop {

std::string param_value_text(const Param& p, const Value& v, Lang lang, bool percent) {
    if (const auto* d = std::get_if<Date>(&v)) return d->prose(lang);
    if (const auto n = as_number(v)) return percent ? shortest_number_text(lang, *n * 100, 6) + "%" : shortest_number_text(lang, *n, 6);
    return format_value(v, p.as_field());
}

std::vector<TextSlot> parse_text_slots(std::string_view text, const std::vector<Param>& params, std::string_view where) {
    std::vector<TextSlot> slots;
    const auto fail = [&](const std::string& why) { throw std::runtime_error(fmt::format("{}: text: {}", where, why)); };
    for (size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '}') {
            if (i + 1 < text.size() && text[i + 1] == '}') {
                ++i;
                continue;
            }
            fail("a '}' without its '{' (write '}}' for the brace itself)");
        }
        if (text[i] != '{') continue;
        if (i + 1 < text.size() && text[i + 1] == '{') {
            ++i;
            continue;
        }
        const size_t close = text.find('}', i);
        if (close == std::string_view::npos) fail("a '{' without its '}' (write '{{' for the brace itself)");
        std::string_view name = text.substr(i + 1, close - i - 1);
        TextSlot s{i, close + 1, -1, false};
        if (name.size() > 2 && name.substr(name.size() - 2) == ":%") {
            s.percent = true;
            name.remove_suffix(2);
        }
        for (size_t k = 0; k < params.size(); ++k)
            if (params[k].name == name) s.param = static_cast<int>(k);
        if (s.param < 0) {
            std::vector<std::string> names;
            for (const auto& p : params)
                if (p.withdrawn.empty()) names.push_back(p.name);
            const auto near = closest_match(std::string(name), names);
            fail(fmt::format("{{{}}} names no parameter of the policy{}", name, near.empty() ? "" : " (did you mean " + near + "?)"));
        }
        const Param& p = params[static_cast<size_t>(s.param)];
        if (!p.withdrawn.empty()) fail(fmt::format("{{{}}} names a parameter the policy no longer uses ({})", name, p.withdrawn));
        if (p.type == FieldType::Bool) fail(fmt::format("{{{}}} is a yes/no parameter: a text names limits, not choices", name));
        if (s.percent && p.type != FieldType::Number && p.type != FieldType::Int)
            fail(fmt::format("{{{}:%}}: only a number can be shown as a percentage", name));
        slots.push_back(s);
        i = close;
    }
    return slots;
}

std::string render_text(std::string_view text, const std::vector<TextSlot>& slots, const std::vector<Param>& params,
                        const ParamValues& values, Lang lang) {
    std::string out;
    out.reserve(text.size() + 16);
    size_t at = 0;
    const auto literal = [&](size_t end) {  // text[at, end) with "{{" and "}}" as single braces
        for (; at < end; ++at) {
            out.push_back(text[at]);
            if ((text[at] == '{' || text[at] == '}') && at + 1 < end && text[at + 1] == text[at]) ++at;
        }
    };
    for (const auto& s : slots) {
        literal(s.begin);
        const size_t k = static_cast<size_t>(s.param);
        out += param_value_text(params[k], values.values[k], lang, s.percent);
        at = s.end;
    }
    literal(text.size());
    return out;
}

void resolve_rule_texts(Policy& policy) {
    const Lang lang = lang_from_name(policy.info.language).value_or(Lang::En);
    const ParamValues defaults = policy.default_params();
    for (auto& r : policy.rules) {
        r.text_slots = parse_text_slots(r.text_template.empty() ? r.text : r.text_template, policy.params,
                                        fmt::format("{} rule '{}'", r.where, r.code));
        if (r.text_template.empty()) r.text_template = r.text;
        r.text = render_text(r.text_template, r.text_slots, policy.params, defaults, lang);
        r.item.text = SharedText(r.text);
    }
}

bool text_differs(const Rule& rule, const Policy& policy, const ParamValues& values) {
    for (const auto& s : rule.text_slots) {
        const size_t k = static_cast<size_t>(s.param);
        if (!(values.values[k] == policy.params[k].default_value)) return true;
    }
    return false;
}

}  // namespace inkoop

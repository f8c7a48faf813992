// A rule's text that names the limits it states: "maximaal {max_fte_vrijgevestigde} fte". Each
// `{name}` is a parameter of the policy, shown with the value in force as the policy's readers
// write it (a decimal comma in Dutch, a date as "1 juni 2023"); `{name:%}` shows a share as a
// percentage ("80%"). "{{" and "}}" stand for the braces themselves.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/base/i18n.hpp"
#include "core/model/condition.hpp"

namespace inkoop {

struct Param;
struct Policy;

struct TextSlot {
    size_t begin = 0, end = 0;  // the placeholder's bytes in the template, braces included
    int param = -1;             // index into the policy's parameters
    bool percent = false;       // {name:%}
};

// The placeholders of `text`, checked against the policy's parameters: an unknown, withdrawn or
// yes/no parameter, a '%' on a non-number and an unbalanced brace throw, naming `where`.
std::vector<TextSlot> parse_text_slots(std::string_view text, const std::vector<Param>& params, std::string_view where);

// The template with each placeholder replaced by its parameter's value in `values`.
std::string render_text(std::string_view text, const std::vector<TextSlot>& slots, const std::vector<Param>& params,
                        const ParamValues& values, Lang lang);

// A parameter's value as running text: "8", "0,8", "80%" (percent), "1 juni 2023", "100.000".
std::string param_value_text(const Param& p, const Value& v, Lang lang, bool percent);

// Reads every rule's text as a template: keeps it in `text_template` with its slots, and sets the
// text decisions cite to the template rendered with the defaults. Throws as parse_text_slots.
void resolve_rule_texts(Policy& policy);

// The text of `rule` under `values`: its item's text when no placeholder's value differs from
// the default, else the template rendered anew.
struct Rule;
bool text_differs(const Rule& rule, const Policy& policy, const ParamValues& values);

}  // namespace inkoop

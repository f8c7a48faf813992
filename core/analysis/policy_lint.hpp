// Warnings about a loaded policy that an analyst should look at: rules that can never have an
// effect given the schema or the policy's own scope, and sections that do not look like sections.
#pragma once

#include <string>
#include <vector>

#include "core/model/policy.hpp"

namespace inkoop {

std::vector<std::string> lint_policy(const Policy& policy);

// Errors in how a rule states a limit it compares with: its text spells a parameter's default
// ("maximaal 8 fte") instead of naming the parameter ("maximaal {max_fte} fte"), so that the text
// would state a limit the decision did not use; or its code carries a number.
std::vector<std::string> limit_text_errors(const Policy& policy);

// Every error `inkoop check` fails on in the policy's declarations: limit_text_errors, and a rule
// that tests absent "f" on a field whose schema entry does not declare what absence means.
std::vector<std::string> policy_errors(const Policy& policy);

// The section numbers that occur as headings in a source document's text: a line that starts
// with "5.1", "10.4", "6" or "Bijlage 1" followed by a title (a capital letter after a space or ':').
std::vector<std::string> document_headings(std::string_view text);

// Warnings for every section the policy cites (rules, scope, parameters) that is not a heading of
// its source document.
std::vector<std::string> check_sections(const Policy& policy, std::string_view source_text, const std::string& source_name);

}  // namespace inkoop

// Warnings about a loaded policy that an analyst should look at: rules that can never have an
// effect given the schema or the policy's own scope, and sections that do not look like sections.
#pragma once

#include <string>
#include <vector>

#include "policy.hpp"

namespace inkoop {

std::vector<std::string> lint_policy(const Policy& policy);

}  // namespace inkoop

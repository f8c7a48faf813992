// Loading policy test files: `use "policy"`, `test "name" { ... }`, `with(base, changes)`.
#pragma once

#include <string>
#include <vector>

#include "core/authoring/testing.hpp"
#include "sandbox.hpp"

namespace inkoop::lua {

// Runs the test file in a sandbox and returns its cases. Throws ScriptError or
// std::runtime_error naming the file and line.
std::vector<TestCase> load_test_file(std::string_view code, const std::string& chunkname, Limits limits = {});

}  // namespace inkoop::lua

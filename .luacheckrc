-- luacheck configuration for policies/ and scripts/ (CI: luacheck policies scripts).
-- A policy runs in inkoop's sandbox: Lua 5.4's base library without io, os, package, load,
-- debug, coroutine, setmetatable and the other functions the README's sandbox section lists, plus
-- the policy API below. `inkoop stubs` writes the same API as LuaLS annotations for editors.
-- Rules quote their document, so lines are as long as its sentences.
max_line_length = false

local conditions = {
  "is_true", "is_false", "known", "absent", "equals", "one_of", "kind_is", "kind_in",
  "at_most", "at_least", "below", "above", "on_or_before", "on_or_after", "before", "after",
  "all", "any", "negate", "check", "always", "fixed",
}
local declarations = {
  "policy", "param", "scope", "outside_scope", "not_encoded", "encodes", "rule", "replace_rule", "remove_rule", "remove_param", "move_rule",
  "offer", "import", "inherit", "contract", "tariff", "date",
}
local sandbox = {
  "assert", "error", "ipairs", "next", "pairs", "pcall", "rawequal", "rawget", "rawlen", "select",
  "tonumber", "tostring", "type", "_VERSION", "string", "table", "math", "utf8",
}
local api = {}
for _, list in ipairs({ conditions, declarations, sandbox }) do
  for _, name in ipairs(list) do api[#api + 1] = name end
end

std = "none"
read_globals = api

-- The editor annotations (scripts/luals, written by `inkoop stubs`) declare the API: not linted.
exclude_files = { "scripts/luals/*" }

-- Policy test files: test "name" { ... }, use "id", with(base, changes), unknown.
files["**/*_test.lua"] = { read_globals = { "test", "use", "with", "unknown", "date" } }

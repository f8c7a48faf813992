// Editor support for policy authors: LuaLS annotation files (---@meta) describing the policy API
// and the provider schema, so that VS Code (sumneko.lua) or Neovim (lua_ls) completes `rule`,
// `at_most`, field names and enum values, and shows their documentation on hover.
#pragma once

#include <string>

#include "core/model/schema.hpp"

namespace inkoop {

// The policy and test-file API: declarations, conditions, dates, contract and tariff, and the
// provider and parameter views a function receives.
std::string luals_api_stub();
// The schema: the provider's fields with their types and docs, field-name aliases per type, and
// every enum as a union of its literal values.
std::string luals_schema_stub(const Schema& schema);
// A .luarc.json for a workspace of policies: Lua 5.4, the stubs in `library_dir`, and the
// libraries the sandbox does not offer switched off.
std::string luarc_json(const std::string& library_dir);

}  // namespace inkoop

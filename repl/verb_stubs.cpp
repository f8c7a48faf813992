// inkoop stubs: LuaLS annotations of the policy API and the schema, for editors.
#include <CLI/CLI.hpp>
#include <filesystem>
#include <fmt/format.h>
#include <iostream>

#include "commands.hpp"
#include "core/authoring/stubs.hpp"
#include "core/base/io.hpp"

namespace inkoop::cli {

Verb verb_stubs(CLI::App& app) {
    struct Args {
        std::string dir = ".luals", luarc = ".luarc.json";
    };
    auto a = std::make_shared<Args>();
    auto* cmd = app.add_subcommand("stubs", "write LuaLS annotations (completion, hover) for the policy API and the schema");
    cmd->add_option("dir", a->dir, "directory for the annotation files")->capture_default_str();
    cmd->add_option("--luarc", a->luarc, "the .luarc.json to write when absent (\"\" for none)")->capture_default_str();
    return {cmd, [a](const Globals& g) { return cmd_stubs(g, a->dir, a->luarc); }};
}

int cmd_stubs(const Globals& g, const std::string& dir, const std::string& luarc) {
    std::filesystem::create_directories(dir);
    write_file_atomically(dir + "/inkoop-api.lua", luals_api_stub());
    write_file_atomically(dir + "/inkoop-schema.lua", luals_schema_stub(*g.schema));
    std::cout << fmt::format("wrote {0}/inkoop-api.lua and {0}/inkoop-schema.lua ({1} fields)\n", dir, g.schema->size());
    if (luarc.empty()) return kOk;
    if (std::filesystem::exists(luarc)) {
        if (read_file(luarc) == luarc_json(dir)) return kOk;
        std::cout << fmt::format("kept {}: add \"{}\" to its \"workspace.library\" for completion\n", luarc, dir);
        return kOk;
    }
    write_file_atomically(luarc, luarc_json(dir));
    std::cout << fmt::format("wrote {}\n", luarc);
    return kOk;
}

}  // namespace inkoop::cli

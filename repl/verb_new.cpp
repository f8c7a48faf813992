// inkoop new: a policy and its test file scaffolded, or a new year of a policy.
#include <CLI/CLI.hpp>
#include <filesystem>
#include <fmt/format.h>
#include <iostream>

#include "commands.hpp"
#include "core/authoring/scaffold.hpp"
#include "core/base/io.hpp"

namespace inkoop::cli {

Verb verb_new(CLI::App& app) {
    struct Args {
        std::string id, from;
    };
    auto a = std::make_shared<Args>();
    auto* cmd = app.add_subcommand("new", "scaffold a policy and its test file: insurer/care-year [--from an existing policy]");
    cmd->add_option("id", a->id, "the new policy's id, e.g. acme/ggz-2026")->required();
    cmd->add_option("--from", a->from, "start as a new year of this policy (inherit)");
    return {cmd, [a](const Globals& g) { return cmd_new(g, a->id, a->from); }};
}

int cmd_new(const Globals& g, const std::string& id, const std::string& from) {
    const NewPolicyId n = parse_new_policy_id(id);
    const std::string dir = g.policy_dir + "/" + n.insurer;
    const std::string policy_path = fmt::format("{}/{}-{}.lua", dir, n.care, n.year);
    const std::string test_path = fmt::format("{}/{}-{}_test.lua", dir, n.care, n.year);
    for (const auto& path : {policy_path, test_path})
        if (std::filesystem::exists(path)) throw std::runtime_error(path + " exists already: `inkoop new` never overwrites");
    const Scaffold s = from.empty() ? scaffold_policy(id, *g.schema) : scaffold_next_year(id, load_policy(g, from).policy(), *g.schema);
    std::filesystem::create_directories(dir);
    write_file_atomically(policy_path, s.policy);
    write_file_atomically(test_path, s.test);
    std::cout << fmt::format("wrote {} and {}\nnext: inkoop check {} && inkoop test {}\n", policy_path, test_path, id, test_path);
    return kOk;
}

}  // namespace inkoop::cli

// inkoop policies: the policies of the tree, and the other Lua files in it.
#include <CLI/CLI.hpp>
#include <filesystem>
#include <fmt/format.h>
#include <iostream>

#include "commands.hpp"
#include "core/base/text.hpp"
#include "table.hpp"

namespace inkoop::cli {

Verb verb_policies(CLI::App& app) {
    auto* cmd = app.add_subcommand("policies", "list the available policies");
    return {cmd, [](const Globals& g) { return cmd_policies(g); }};
}

int cmd_policies(const Globals& g) {
    const Catalog catalog(g.policy_dir, g.schema);
    std::vector<std::vector<std::string>> rows{{"id", "insurer", "care", "year", "source"}};
    int status = kOk;
    for (const auto& f : catalog.policies()) {
        try {
            const auto loaded = load_policy(g, f.id);
            const PolicyInfo& i = loaded.policy().info;
            // The source document as a path in the policy tree (policies/<insurer>/sources/...).
            const auto path = std::filesystem::path(Catalog::source_path(f.path, i.source, g.sources_dir));
            const auto in_tree = path.lexically_relative(catalog.dir());
            const bool inside = !in_tree.empty() && *in_tree.begin() != "..";
            rows.push_back({f.id, i.insurer, i.care, std::to_string(i.year), inside ? in_tree.generic_string() : path.string()});
        } catch (const std::exception& e) {
            report_error(e);
            status = kError;
        }
    }
    print_table(std::cout, rows);
    const auto modules = catalog.modules();
    if (!modules.empty()) {
        std::cout << "\nother Lua files (shared modules for import/inherit, not policies: a policy's file name ends in "
                     "-<year>.lua):\n";
        for (const auto& m : modules) std::cout << "  " << m.id << "  (" << m.chunkname << ")\n";
    }
    return status;
}

}  // namespace inkoop::cli

// inkoop repl: the interactive what-if session (repl.cpp runs it).
#include <CLI/CLI.hpp>

#include "commands.hpp"
#include "options.hpp"

namespace inkoop::cli {

Verb verb_repl(CLI::App& app) {
    struct Args {
        std::vector<std::string> policies;
        ListArgs list;
    };
    auto a = std::make_shared<Args>();
    auto* cmd = app.add_subcommand("repl", "interactive what-if session");
    add_policy_option(*cmd, a->policies, "policies to use (repeat)");
    add_list_options(*cmd, a->list, "provider list to load (CSV, JSON Lines, JSON array or .xlsx)", false);
    return {cmd, [a](const Globals& g) { return cmd_repl(g, a->policies, a->list); }};
}

}  // namespace inkoop::cli

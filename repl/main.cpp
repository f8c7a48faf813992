// inkoop: Dutch health insurers' purchasing policies as sandboxed Lua, decided per provider.
// The global options and the verbs (one file each, verb_<name>.cpp); the run of the one named.
#include <CLI/CLI.hpp>
#include <cerrno>
#include <csignal>
#include <iostream>
#include <unistd.h>

#include "commands.hpp"
#include "core/base/io.hpp"
#include "core/engine/catalog.hpp"
#include "core/model/schema.hpp"
#include "options.hpp"

namespace {

// A reader that went away ends the program as it ends other filters: by SIGPIPE, quietly.
[[noreturn]] void end_quietly_on_broken_pipe() {
    std::signal(SIGPIPE, SIG_DFL);
    std::raise(SIGPIPE);
    std::_Exit(141);
}

// Runs the verb the command line names, reporting what it throws; the exit status.
int run(const std::vector<inkoop::cli::Verb>& verbs, inkoop::cli::Globals& g) {
    using namespace inkoop::cli;
    try {
        // The provider schema is data in the policy tree, read now: schema.json and the insurers' extensions.
        g.schema = std::make_shared<const inkoop::Schema>(inkoop::Schema::load_tree(g.policy_dir));
        for (const auto& v : verbs)
            if (v.command->parsed()) return v.run(g);
    } catch (const inkoop::BrokenPipe&) {
        end_quietly_on_broken_pipe();
    } catch (const std::exception& e) {
        std::cout.flush();
        report_error(e);
    }
    return kError;
}

}  // namespace

int main(int argc, char** argv) {
    using namespace inkoop::cli;
    std::ios::sync_with_stdio(false);
    inkoop::FdStreamBuf stdout_buf(STDOUT_FILENO);  // remembers why a write failed
    struct RestoreCout {
        std::streambuf* old;
        ~RestoreCout() { std::cout.rdbuf(old); }
    } restore{std::cout.rdbuf(&stdout_buf)};
    CLI::App app{"inkoop: decides which healthcare providers an insurer's purchasing policy contracts, and why"};
    app.require_subcommand(1);
    app.set_version_flag("--version", version_text(), "the version of inkoop and of the libraries it embeds");
    app.fallthrough();  // global options work before or after the verb
    Globals g;
    for (int i = 0; i < argc; ++i) g.command_line += (i ? " " : "") + std::string(argv[i]);
    g.policy_dir = inkoop::Catalog::default_dir();
    app.add_option("--policies", g.policy_dir, "directory of policy files")->capture_default_str();
    add_limit_options(app, g.limits);
    app.add_option("--lang", g.lang, "the language of what people read: nl or en (default: the policy's own, else en)")
        ->check(CLI::IsMember({"nl", "en"}));
    app.add_option("--sources", g.sources_dir,
                   "directory of the source documents (default: sources/ in each insurer's folder; check verifies cited sections)");
    const std::vector<Verb> verbs = {verb_policies(app), verb_schema(app), verb_stubs(app),   verb_new(app),    verb_eval(app),
                                     verb_repl(app),     verb_check(app),  verb_batch(app),   verb_diff(app),   verb_analyze(app),
                                     verb_sweep(app),    verb_report(app), verb_letters(app), verb_verify(app), verb_test(app),
                                     verb_serve(app),    verb_source(app)};
    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        app.exit(e);
        return kError;
    }
    const int status = run(verbs, g);
    // Standard output is checked too: a full disk or a closed descriptor is an error, not a success.
    std::cout.flush();
    if (!std::cout || stdout_buf.error()) {
        const int err = stdout_buf.error();
        if (err == EPIPE) end_quietly_on_broken_pipe();
        std::cerr << "inkoop: standard output: cannot write" << (err ? ": " + inkoop::system_reason(err) : std::string()) << '\n';
        return kError;
    }
    return status;
}

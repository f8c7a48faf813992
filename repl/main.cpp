// inkoop: Dutch health insurers' purchasing policies as sandboxed Lua, decided per provider.
#include <CLI/CLI.hpp>
#include <cerrno>
#include <csignal>
#include <iostream>
#include <unistd.h>

#include "commands.hpp"
#include "core/base/io.hpp"
#include "core/engine/catalog.hpp"
#include "core/model/schema.hpp"

namespace {

void add_limit_options(CLI::App& app, inkoop::Limits& limits) {
    app.add_option_function<uint64_t>(
           "--max-instructions", [&](uint64_t n) { limits.instructions = n; }, "instruction budget per evaluation")
        ->group("Limits");
    app.add_option_function<int64_t>(
           "--max-ms", [&](int64_t ms) { limits.deadline = std::chrono::milliseconds(ms); },
           "wall-clock deadline per evaluation, in milliseconds")
        ->group("Limits");
    app.add_option_function<size_t>(
           "--max-memory-mb", [&](size_t mb) { limits.memory_bytes = mb << 20; }, "memory cap per policy state, in MiB")
        ->group("Limits");
}

// A reader that went away ends the program as it ends other filters: by SIGPIPE, quietly.
[[noreturn]] void end_quietly_on_broken_pipe() {
    std::signal(SIGPIPE, SIG_DFL);
    std::raise(SIGPIPE);
    std::_Exit(141);
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
    app.set_version_flag("--version", inkoop::cli::version_text(), "the version of inkoop and of the libraries it embeds");
    app.fallthrough();  // global options work before or after the verb
    Globals g;
    for (int i = 0; i < argc; ++i) g.command_line += (i ? " " : "") + std::string(argv[i]);
    g.policy_dir = inkoop::Catalog::default_dir();
    app.add_option("--policies", g.policy_dir, "directory of policy files")->capture_default_str();
    add_limit_options(app, g.limits);
    app.add_option("--sources", g.sources_dir,
                   "directory of the source documents (default: sources/ in each insurer's folder; check verifies cited sections)");

    auto* policies = app.add_subcommand("policies", "list the available policies");

    std::string schema_format = "text";
    auto* schema = app.add_subcommand("schema", "print the provider schema: every field, its type and meaning");
    schema->add_option("--format", schema_format, "text or json")->check(CLI::IsMember({"text", "json"}));

    std::string stubs_dir = ".luals", stubs_luarc = ".luarc.json";
    auto* stubs = app.add_subcommand("stubs", "write LuaLS annotations (completion, hover) for the policy API and the schema");
    stubs->add_option("dir", stubs_dir, "directory for the annotation files")->capture_default_str();
    stubs->add_option("--luarc", stubs_luarc, "the .luarc.json to write when absent (\"\" for none)")->capture_default_str();

    std::string new_id, new_from;
    auto* new_policy = app.add_subcommand("new", "scaffold a policy and its test file: insurer/care-year [--from an existing policy]");
    new_policy->add_option("id", new_id, "the new policy's id, e.g. acme/ggz-2026")->required();
    new_policy->add_option("--from", new_from, "start as a new year of this policy (inherit)");

    std::string policy, input;
    bool explain = false;
    std::vector<std::string> settings;
    auto* eval = app.add_subcommand("eval", "decide one provider (a JSON object) and print the decision");
    eval->add_option("--policy", policy, "policy id (insurer/care-year) or path to a .lua file")->required();
    eval->add_flag("--explain", explain, "add the trace: every rule evaluated, with section and result");
    eval->add_option("--set", settings, "scenario parameter NAME=VALUE")->take_all();
    eval->add_option("file", input, "provider JSON file, or - for standard input");
    std::string eval_list, eval_agb;
    eval->add_option("--input", eval_list, "a provider list (CSV, JSON Lines, JSON array or .xlsx) to take the provider from (with --agb)");
    eval->add_option("--agb", eval_agb, "the AGB code of the provider to decide from --input");
    bool flip = false;
    eval->add_flag("--flip", flip, "also search the smallest changes of facts that make the policy propose a contract");
    std::string eval_format;
    eval->add_option("--format", eval_format, "text or json (default: text on a terminal, JSON otherwise)")
        ->check(CLI::IsMember({"text", "json"}));

    std::vector<std::string> repl_policies;
    std::string repl_input;
    auto* repl = app.add_subcommand("repl", "interactive what-if session");
    repl->add_option("--policy", repl_policies, "policies to use (repeat)");
    repl->add_option("--input", repl_input, "provider list to load (CSV, JSON Lines, JSON array or .xlsx)");

    std::vector<std::string> check_policies;
    bool check_diff = false;
    auto* check = app.add_subcommand("check", "load a policy without a provider and report errors and warnings");
    check->add_option("policy", check_policies, "policy id or path (two with --diff)")->required()->expected(1, 2);
    check->add_flag("--diff", check_diff, "show the rule-level difference between two policies");

    BatchArgs batch_args;
    auto* batch = app.add_subcommand("batch", "decide every provider of a list (CSV, JSON Lines, JSON array or .xlsx) under each policy");
    batch->add_option("--policy", batch_args.policies, "policy id or path (repeat for several)")->required();
    batch->add_option("--input", batch_args.input, "provider list (CSV, JSON Lines, JSON array or .xlsx), or - for standard input")
        ->required();
    batch->add_option("--output", batch_args.output, "output file (.jsonl, .csv or .xlsx); default JSONL on standard output");
    batch->add_option("--jobs", batch_args.jobs, "worker threads (default: the number of cores)")->check(CLI::Range(1, 256));
    batch->add_option("--set", batch_args.settings, "scenario parameter NAME=VALUE")->take_all();
    batch->add_option("--input-format", batch_args.input_format, "csv, jsonl, json or xlsx (default: by extension)")
        ->check(CLI::IsMember({"csv", "jsonl", "json", "xlsx"}));
    batch->add_option("--format", batch_args.format, "jsonl, csv or xlsx (default: by the output file's extension)")
        ->check(CLI::IsMember({"jsonl", "csv", "xlsx"}));
    batch->add_option("--sheet", batch_args.sheet, "the sheet of an .xlsx input (default: the first)");
    batch->add_option("--max-xlsx-mb", batch_args.max_xlsx_mb, "what an .xlsx input may unpack in all, in MB (default 1024)")
        ->check(CLI::Range(1, 65536));
    batch->add_option("--keep", batch_args.keep, "input columns to carry into the output: name,region,... or all");
    batch->add_flag("--excel", batch_args.excel, "CSV for Dutch Excel: ';' separator, decimal comma, UTF-8 BOM, CRLF");
    batch->add_option("--manifest", batch_args.manifest, "where to write the run's manifest (default: <output>.manifest.json)");
    batch->add_option("--encoding", batch_args.encoding, "utf-8 or windows-1252 (default: UTF-8 unless the bytes say otherwise)")
        ->check(CLI::IsMember({"auto", "utf-8", "windows-1252"}));
    batch->add_flag("--strict", batch_args.strict, "a row whose AGB an earlier row has is an error record, not a warning");
    batch->add_flag("--quiet", batch_args.quiet, "no progress line and no closing summary");
    batch->add_flag("--summary-only", batch_args.summary_only, "print only the closing summary");

    BatchArgs diff_args;
    auto* diff = app.add_subcommand("diff", "the providers whose decision differs between two policies, and how");
    diff->add_option("--policy", diff_args.policies, "the two policies, before and after")->required()->expected(2);
    diff->add_option("--input", diff_args.input, "provider list (CSV, JSON Lines, JSON array or .xlsx)")->required();
    diff->add_option("--input-format", diff_args.input_format, "csv, jsonl, json or xlsx")
        ->check(CLI::IsMember({"csv", "jsonl", "json", "xlsx"}));
    diff->add_option("--sheet", diff_args.sheet, "the sheet of an .xlsx input (default: the first)");
    diff->add_option("--max-xlsx-mb", diff_args.max_xlsx_mb, "what an .xlsx input may unpack in all, in MB (default 1024)")
        ->check(CLI::Range(1, 65536));
    diff->add_option("--output", diff_args.output, "write the differences to this file (and its manifest next to it)");
    diff->add_option("--manifest", diff_args.manifest, "where to write the run's manifest (default: <output>.manifest.json)");
    diff->add_option("--format", diff_args.format, "text (default) or jsonl")->check(CLI::IsMember({"text", "jsonl"}));
    diff->add_option("--jobs", diff_args.jobs, "worker threads")->check(CLI::Range(1, 256));
    diff->add_option("--encoding", diff_args.encoding, "utf-8 or windows-1252")->check(CLI::IsMember({"auto", "utf-8", "windows-1252"}));
    diff->add_option("--set", diff_args.settings, "scenario parameter NAME=VALUE, for both policies")->take_all();
    diff->add_option("--set-a", diff_args.settings_a, "scenario parameter NAME=VALUE for the first policy (before) only")->take_all();
    diff->add_option("--set-b", diff_args.settings_b, "scenario parameter NAME=VALUE for the second policy (after) only")->take_all();

    std::vector<std::string> analyze_policies, analyze_settings;
    bool analyze_diff = false;
    std::string analyze_format = "text";
    auto* analyze =
        app.add_subcommand("analyze", "what a policy does for every possible provider, or where two policies decide differently");
    analyze->add_option("policy", analyze_policies, "policy id or path (two with --diff)")->required()->expected(1, 2);
    analyze->add_flag("--diff", analyze_diff, "the provider classes whose decision differs between the two policies");
    analyze->add_option("--format", analyze_format, "text or json")->check(CLI::IsMember({"text", "json"}));
    analyze->add_option("--set", analyze_settings, "scenario parameter NAME=VALUE")->take_all();

    ReportArgs report_args;
    auto* report = app.add_subcommand("report", "a self-contained HTML (or Markdown) report of a run, or of a diff between two policies");
    report->add_option("--policy", report_args.batch.policies, "policy id or path (repeat; two with --diff)");
    report->add_option("--input", report_args.batch.input, "provider list to decide for the report (CSV, JSON Lines, JSON array or .xlsx)");
    report->add_option("--records", report_args.records, "a batch run's JSON Lines output, instead of deciding a list");
    report->add_flag("--diff", report_args.diff, "report what changes between the two policies");
    report->add_option("--set", report_args.batch.settings, "scenario parameter NAME=VALUE")->take_all();
    report->add_option("--set-a", report_args.batch.settings_a, "with --diff: NAME=VALUE for the first policy only")->take_all();
    report->add_option("--set-b", report_args.batch.settings_b, "with --diff: NAME=VALUE for the second policy only")->take_all();
    report->add_option("--input-format", report_args.batch.input_format, "csv, jsonl, json or xlsx")
        ->check(CLI::IsMember({"csv", "jsonl", "json", "xlsx"}));
    report->add_option("--sheet", report_args.batch.sheet, "the sheet of an .xlsx input");
    report->add_option("--max-xlsx-mb", report_args.batch.max_xlsx_mb, "what an .xlsx input may unpack in all, in MB (default 1024)")
        ->check(CLI::Range(1, 65536));
    report->add_option("--jobs", report_args.batch.jobs, "worker threads")->check(CLI::Range(1, 256));
    report->add_option("--output", report_args.output, "the report file (.html or .md); default standard output");
    report->add_option("--format", report_args.format, "html or markdown (default: by the output's extension, else html)")
        ->check(CLI::IsMember({"html", "markdown"}));

    std::string verify_output, verify_manifest;
    auto* verify = app.add_subcommand("verify", "check an output against its manifest: policies, input and output as they are on disk");
    verify->add_option("output", verify_output, "the output file of a batch or diff run")->required();
    verify->add_option("--manifest", verify_manifest, "the manifest (default: OUTPUT.manifest.json)");

    std::vector<std::string> test_paths;
    bool coverage = false;
    auto* test = app.add_subcommand("test", "run policy test files and report passed/failed per case");
    test->add_option("paths", test_paths, "test files (default: every *_test.lua under the policies directory)");
    test->add_flag("--coverage", coverage, "list the rules the tests never saw both holding and not holding");
    double fail_under = -1;
    test->add_option("--fail-under", fail_under, "exit 1 when a policy's rules are covered less than PCT percent (implies --coverage)")
        ->check(CLI::Range(0.0, 100.0));

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
    int status = kError;
    try {
        // The provider schema is data in the policy tree, read now: schema.json and the insurers' extensions.
        g.schema = std::make_shared<const inkoop::Schema>(inkoop::Schema::load_tree(g.policy_dir));
        if (*policies)
            status = cmd_policies(g);
        else if (*schema)
            status = cmd_schema(g, schema_format);
        else if (*stubs)
            status = cmd_stubs(g, stubs_dir, stubs_luarc);
        else if (*new_policy)
            status = cmd_new(g, new_id, new_from);
        else if (*eval) {
            // `--set A=1 B=2 FILE`: --set takes every value after it, and a setting always has '='.
            if (input.empty() && !settings.empty() && settings.back().find('=') == std::string::npos) {
                input = settings.back();
                settings.pop_back();
            }
            status = cmd_eval(g, policy, input, explain, settings, flip, eval_format, eval_list, eval_agb);
        } else if (*repl)
            status = cmd_repl(g, repl_policies, repl_input);
        else if (*check) {
            if (check_diff != (check_policies.size() == 2)) {
                std::cerr << "inkoop check: give one policy, or --diff with two\n";
                return kError;
            }
            status = check_diff ? cmd_check_diff(g, check_policies[0], check_policies[1]) : cmd_check(g, check_policies[0]);
        } else if (*test)
            status = cmd_test(g, test_paths, coverage, fail_under);
        else if (*analyze)
            status = cmd_analyze(g, analyze_policies, analyze_diff, analyze_format, analyze_settings);
        else if (*report)
            status = cmd_report(g, report_args);
        else if (*verify)
            status = cmd_verify(g, verify_output, verify_manifest);
        else if (*batch)
            status = cmd_batch(g, batch_args);
        else if (*diff)
            status = cmd_diff(g, diff_args);
    } catch (const inkoop::BrokenPipe&) {
        end_quietly_on_broken_pipe();
    } catch (const std::exception& e) {
        std::cout.flush();
        report_error(e);
        status = kError;
    }
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

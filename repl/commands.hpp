// The inkoop command line verbs (README "Interface"), one file per verb (verb_<name>.cpp): its
// options, declared with the shared helpers of options.hpp, and its cmd_<name>. Each returns the
// process exit status: 0 all well, 1 the run completed but some input was rejected, 2 usage,
// policy or file errors, 3 a policy failed on some providers.
#pragma once

#include <exception>
#include <functional>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "bindings/host.hpp"
#include "core/base/limits.hpp"
#include "core/formats/input.hpp"

namespace CLI {
class App;
}

namespace inkoop::cli {

// 3: a policy failed (a runtime error or a limit) on some providers, whether or not rows were also
// rejected. batch, diff and report use the same codes.
enum Exit { kOk = 0, kRejected = 1, kError = 2, kPolicyFailed = 3 };

// The exit status of a run over a list: 3 policy failures, else 1 rejected rows, else 0.
inline int run_status(size_t rejected, size_t failures) { return failures ? kPolicyFailed : rejected ? kRejected : kOk; }

struct Globals {
    std::string policy_dir;
    std::shared_ptr<const Schema> schema;  // the policy tree's provider schema, read once by main
    std::string sources_dir;               // --sources: the source documents; "" = each insurer's sources/ folder
    std::string command_line;              // as given, for manifests
    Limits limits;
    std::string lang;  // --lang nl|en: the language of what people read ("": each policy's own)
};

// The language of what people read about `policy` (null: no policy in sight): --lang, else the
// policy's own (policy { language = "nl" }), else English. Machine outputs never depend on it.
inline Lang output_lang(const std::string& option, const Policy* policy) {
    if (const auto l = lang_from_name(option)) return *l;
    if (policy)
        if (const auto l = lang_from_name(policy->info.language)) return *l;
    return Lang::En;
}

// A verb: its subcommand, and what runs when the command line names it (after the global
// options are parsed and the policy tree's schema is read into the Globals).
struct Verb {
    CLI::App* command = nullptr;
    std::function<int(const Globals&)> run;
};

// The verbs in the order `inkoop --help` lists them; each declares its subcommand and options on `app`.
Verb verb_policies(CLI::App& app);
Verb verb_schema(CLI::App& app);
Verb verb_source(CLI::App& app);
Verb verb_stubs(CLI::App& app);
Verb verb_new(CLI::App& app);
Verb verb_eval(CLI::App& app);
Verb verb_repl(CLI::App& app);
Verb verb_check(CLI::App& app);
Verb verb_batch(CLI::App& app);
Verb verb_diff(CLI::App& app);
Verb verb_analyze(CLI::App& app);
Verb verb_sweep(CLI::App& app);
Verb verb_report(CLI::App& app);
Verb verb_letters(CLI::App& app);
Verb verb_verify(CLI::App& app);
Verb verb_test(CLI::App& app);
Verb verb_serve(CLI::App& app);

// A provider list and how to read it: what every verb that reads a list takes (options.hpp,
// add_list_options), and what the REPL's :load uses.
struct ListArgs {
    std::string input;         // --input FILE, or - for standard input
    std::string input_format;  // --input-format: csv, jsonl, json or xlsx ("": by the first bytes or the extension)
    std::string encoding;      // --encoding: utf-8 or windows-1252 ("": UTF-8 unless the bytes say otherwise)
    std::string sheet;         // --sheet NAME: the sheet of an .xlsx input
    uint64_t max_xlsx_mb = 0;  // --max-xlsx-mb: what an .xlsx input may unpack in all (0: the default, 1024)
    // How to open `path` (the input, or a list loaded in the REPL): the format given, else by the
    // file's extension; date columns of an .xlsx by `schema`.
    SourceOptions source_options(const Schema& schema, const std::string& path) const;
};

// The Lua host over the policy tree of `g` (bindings/host.hpp), with its schema and limits.
inline host::Host make_host(const Globals& g) { return host::Host(Catalog(g.policy_dir, g.schema), g.limits); }

int cmd_policies(const Globals& g);
int cmd_schema(const Globals& g, const std::string& format);
int cmd_source(const Globals& g, const std::string& policy, const std::string& format, const std::string& output);
// Scaffolds policies/<insurer>/<care>-<year>.lua and its test file; `from`: as a new year of that policy.
int cmd_new(const Globals& g, const std::string& id, const std::string& from);
// LuaLS annotations of the API and the schema into `dir`, and `luarc` (a .luarc.json) unless it
// exists already or is "".
int cmd_stubs(const Globals& g, const std::string& dir, const std::string& luarc);
// `format`: "text", "json", or "" (text on a terminal, JSON otherwise).
// `list` and `agb`: the provider with that AGB code from a list (any input format), instead of `input`.
int cmd_eval(const Globals& g, const std::string& policy, const std::string& input, bool explain, const std::vector<std::string>& settings,
             bool flip, const std::string& format, const ListArgs& list, const std::string& agb);
int cmd_repl(const Globals& g, const std::vector<std::string>& policies, const ListArgs& list);
int cmd_check(const Globals& g, const std::string& policy);
int cmd_check_diff(const Globals& g, const std::string& before, const std::string& after);
// `fail_under` (percent, negative = none): exit 1 when a policy's rules are covered less.
int cmd_test(const Globals& g, const std::vector<std::string>& paths, bool coverage, double fail_under = -1);

struct BatchArgs : ListArgs {
    std::vector<std::string> policies;
    std::string output, format;
    std::string keep;      // --keep name,region | all: input columns to carry into the output
    std::string manifest;  // --manifest FILE (default: <output>.manifest.json when --output is a file)
    bool excel = false;    // --excel: CSV for Dutch Excel (';', decimal comma, BOM, CRLF)
    std::vector<std::string> settings;
    std::vector<std::string> settings_a, settings_b;  // diff: --set-a / --set-b, for one side only
    std::vector<std::vector<std::string>> per_policy() const { return {settings_a, settings_b}; }
    std::vector<std::string> side_settings(size_t i) const {
        return i == 0 ? settings_a : i == 1 ? settings_b : std::vector<std::string>{};
    }
    // Policy `id` as side i of a diff: named with the parameters set for that side alone, so that one
    // policy under two readings stays readable ("salland/ggz-2024 (zorgplicht_sufficient=true)").
    std::string side_label(size_t i, const std::string& id) const;
    // The names of the parameters side i's run sets (--set and that side's --set-a / --set-b).
    std::set<std::string> set_names(size_t i) const;
    int jobs = 0;  // 0: the number of cores
    bool quiet = false, summary_only = false, strict = false;
};

// `inkoop analyze POLICY` / `--diff A B`: every possible provider, by classes (text or json); a
// diff as outcome transitions, or rule by rule with `rules`; with an input list, its providers
// counted into the regions.
struct AnalyzeArgs : BatchArgs {
    bool diff = false, rules = false;
};
// `inkoop sweep`: a list decided under a grid of parameter values (the arguments are a SweepArgs).
int cmd_sweep(const Globals& g, const BatchArgs& a);
int cmd_analyze(const Globals& g, const AnalyzeArgs& a);
int cmd_batch(const Globals& g, const BatchArgs& args);

struct ReportArgs {
    BatchArgs batch;      // --policy, --input, --set, ...: decide the list for the report
    std::string records;  // --records FILE.jsonl: a batch run's output instead
    std::string sweep;    // --sweep FILE.json: a scenario sweep instead
    std::string output, format;
    bool diff = false;
};
// `inkoop report`: HTML (or Markdown) of a run or of a diff between two policies.
int cmd_report(const Globals& g, const ReportArgs& args);
// `inkoop verify OUTPUT`: the manifest's hashes against the files on disk; 1 when something changed.
int cmd_verify(const Globals& g, const std::string& output, const std::string& manifest);
int cmd_diff(const Globals& g, const BatchArgs& args);

// `inkoop --version`: inkoop's version and those of Lua and the libraries it embeds.
std::string version_text();

// Loads a policy by id or path from the policy directory, under the global limits.
host::LoadedPolicy load_policy(const Globals& g, const std::string& id_or_path);

// Prints "inkoop: <message>" (and a script traceback, indented) on stderr.
void report_error(const std::exception& e);

}  // namespace inkoop::cli

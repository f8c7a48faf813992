// inkoop eval: one provider decided, with its explanation, and what would flip it.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <fmt/format.h>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>
#include <unistd.h>

#include "commands.hpp"
#include "core/analysis/flip.hpp"
#include "core/base/io.hpp"
#include "core/base/text.hpp"
#include "core/formats/decision_records.hpp"
#include "core/formats/input.hpp"
#include "core/formats/terminal_text.hpp"
#include "core/model/outcome_words.hpp"
#include "core/model/provider.hpp"
#include "options.hpp"

namespace inkoop::cli {

namespace {

std::string read_input(const std::string& path) { return read_file(path, size_t{16} << 20); }

// The smallest changes that make the policy propose a contract, as JSON.
nlohmann::ordered_json flips_json(host::LoadedPolicy& policy, const Provider& p, const ParamValues& params) {
    return inkoop::flips_json(search_flips(policy, 0, p, params), p.schema());
}

// The same as text: each smallest set of changes on a line. In English the constraint each change
// meets; in another language each fact by its label with the value that flips it, and the rule.
std::string flips_text(host::LoadedPolicy& policy, const Provider& p, const ParamValues& params, Lang lang) {
    const auto result = search_flips(policy, 0, p, params);
    if (result.solutions.empty())
        return std::string(tr(lang, "flips: no change of up to three facts makes the policy propose a contract")) + "\n";
    std::string out = std::string(tr(lang, "flips (the smallest changes that make the policy propose a contract):")) + "\n";
    for (const auto& sol : result.solutions) {
        std::vector<std::string> parts;
        for (const auto& c : sol.changes) parts.push_back(describe_change(c, p.schema(), lang));
        out += fmt::format("  {}: {}\n", outcome_word(sol.outcome, lang),
                           fmt::join(parts, lang == Lang::En ? " and " : std::string(" ") + tr(lang, "and") + " "));
    }
    return out;
}

// A provider with bad input, as eval reports it: the problems on standard error, the error record
// (as batch writes it) on standard output.
int report_rejected(const ErrorRecord& e, Lang lang) {
    std::string problems;
    for (const auto& p : e.problems) problems += (problems.empty() ? "" : "; ") + p.text(lang);
    std::cerr << fmt::format(fmt::runtime(tr(lang, "inkoop: {}: row {}: {}")), terminal_safe(e.file), e.row, terminal_safe(problems))
              << '\n';
    std::string record;
    append_error_json(record, e);
    std::cout << record << '\n';
    return kRejected;
}

// The provider of a list with AGB code `agb`: read with the list's own format, as batch reads it.
// Returns kOk with `out` set; prints the row's problems (as eval does for a bad provider) and
// returns kRejected for a row with bad input; throws for an AGB code the list does not have,
// naming the closest codes.
int provider_from_list(const Schema& schema, const ListArgs& args, const std::string& agb, const std::string& policy, Provider& out,
                       Lang lang) {
    const std::string& list = args.input;
    OpenedInput in = open_input(list);
    auto source = open_records(*in.source, args.source_options(schema, list));
    bool found = false;
    std::optional<ErrorRecord> bad;
    std::vector<std::pair<size_t, std::string>> near;  // (distance, code)
    for_each_row(*source, schema, list, [&](size_t row, const Provider& p, const RowProblems& problems) {
        if (found || bad) return;
        const std::string code = problems.errors.empty() ? std::string(p.agb_view()) : problems.agb;
        if (code != agb) {
            near.emplace_back(edit_distance(code, agb), code);
            return;
        }
        if (!problems.errors.empty()) {
            bad = ErrorRecord{code, policy, list, row, "input", problems.errors, p.passthrough};
            return;
        }
        out = p;
        found = true;
    });
    if (bad) return report_rejected(*bad, lang);
    if (found) return kOk;
    std::sort(near.begin(), near.end());
    near.erase(std::unique(near.begin(), near.end()), near.end());
    std::vector<std::string> closest;
    for (size_t i = 0; i < near.size() && closest.size() < 3; ++i) closest.push_back(terminal_safe(near[i].second, 40));
    throw FileError(fmt::format("{}: no provider has AGB code {}{}", list, terminal_safe(agb, 40),
                                closest.empty() ? std::string(" (the list has no providers)")
                                                : fmt::format("; the closest codes in the list: {}", fmt::join(closest, ", "))));
}

}  // namespace

Verb verb_eval(CLI::App& app) {
    struct Args {
        std::string policy, input, format, agb;
        bool explain = false, flip = false;
        std::vector<std::string> settings;
        ListArgs list;
    };
    auto a = std::make_shared<Args>();
    auto* cmd = app.add_subcommand("eval", "decide one provider (a JSON object) and print the decision");
    cmd->add_option("--policy", a->policy, "policy id (insurer/care-year) or path to a .lua file")->required();
    cmd->add_flag("--explain", a->explain, "add the trace: every rule evaluated, with section and result");
    add_set_option(*cmd, a->settings);
    cmd->add_option("file", a->input, "provider JSON file, or - for standard input");
    add_list_options(*cmd, a->list, "a provider list (CSV, JSON Lines, JSON array or .xlsx) to take the provider from (with --agb)", false);
    cmd->add_option("--agb", a->agb, "the AGB code of the provider to decide from --input");
    cmd->add_flag("--flip", a->flip, "also search the smallest changes of facts that make the policy propose a contract");
    add_format_option(*cmd, a->format, {"text", "json"}, "text or json (default: text on a terminal, JSON otherwise)");
    return {cmd, [a](const Globals& g) {
                // `--set A=1 B=2 FILE`: --set takes every value after it, and a setting always has '='.
                Args args = *a;
                if (args.input.empty() && !args.settings.empty() && args.settings.back().find('=') == std::string::npos) {
                    args.input = args.settings.back();
                    args.settings.pop_back();
                }
                return cmd_eval(g, args.policy, args.input, args.explain, args.settings, args.flip, args.format, args.list, args.agb);
            }};
}

int cmd_eval(const Globals& g, const std::string& policy, const std::string& input, bool explain, const std::vector<std::string>& settings,
             bool flip, const std::string& format, const ListArgs& from, const std::string& agb) {
    const std::string& list = from.input;
    // Readable text on a terminal, JSON when piped (as OPA does); --format chooses.
    const bool text = format == "text" || (format.empty() && ::isatty(STDOUT_FILENO));
    if (list.empty() == input.empty())
        throw std::runtime_error(list.empty() ? "eval needs a provider: a JSON file (or - for standard input), or --input LIST --agb CODE"
                                              : "eval decides one provider: give a JSON file or --input LIST --agb CODE, not both");
    if (list.empty() != agb.empty())
        throw std::runtime_error(agb.empty() ? "--input LIST needs --agb CODE: the provider to decide"
                                             : "--agb CODE needs --input LIST: the list to take it from");
    auto loaded = load_policy(g, policy);
    const ParamValues params = apply_settings(loaded.policy(), settings);
    Provider provider(*g.schema);
    if (!list.empty()) {
        if (const int status = provider_from_list(*g.schema, from, agb, loaded.id(), provider, output_lang(g.lang, &loaded.policy()));
            status != kOk)
            return status;
    } else {
        nlohmann::json j;
        try {
            j = nlohmann::json::parse(read_input(input));
        } catch (const nlohmann::json::exception& e) {
            throw FileError(
                fmt::format("{}: invalid JSON: {} (eval decides one provider given as a JSON object, or from a list with "
                            "--input LIST --agb CODE; `inkoop batch` reads CSV, JSON Lines, JSON arrays and .xlsx)",
                            input, e.what()));
        }
        if (!j.is_object())
            throw FileError(
                fmt::format("{}: a JSON {}, not an object: eval decides one provider given as a JSON object, or from a list with "
                            "--input LIST --agb CODE; `inkoop batch` decides lists",
                            input, j.type_name()));
        ParsedProvider parsed = provider_from_json(j, *g.schema);
        if (!parsed.unknown.empty()) {
            for (const auto& e : parsed.unknown)
                std::cerr << "inkoop: " << terminal_safe(input) << ": " << terminal_safe(e.message) << '\n';
            return kError;
        }
        if (!parsed.errors.empty()) {
            ErrorRecord e{"", loaded.id(), input, 1, "input", parsed.errors, parsed.provider.passthrough};
            if (const auto it = j.find("agb"); it != j.end()) e.agb = it->is_string() ? it->get<std::string>() : it->dump();
            return report_rejected(e, output_lang(g.lang, &loaded.policy()));
        }
        provider = std::move(parsed.provider);
    }
    const Decision d = loaded.decide_or_throw(0, provider, params, {explain});
    if (text) {
        std::cout << render_decision(d, {want_color(STDOUT_FILENO), explain, output_lang(g.lang, &loaded.policy()), g.schema.get()});
        if (flip) std::cout << flips_text(loaded, provider, params, output_lang(g.lang, &loaded.policy()));
        return kOk;
    }
    std::string json;
    append_decision_json(json, d, explain);
    auto decision = nlohmann::ordered_json::parse(json);  // pretty-printed: the one encoder's output
    if (flip) decision["flips"] = flips_json(loaded, provider, params);
    std::cout << decision.dump(2) << '\n';
    return kOk;
}

}  // namespace inkoop::cli

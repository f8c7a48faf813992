#include "commands.hpp"

#include <algorithm>
#include <filesystem>
#include <fmt/format.h>
#include <iostream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <unistd.h>

#include "bindings/engine.hpp"
#include "core/analysis/analyze.hpp"
#include "core/analysis/flip.hpp"
#include "core/analysis/policy_diff.hpp"
#include "core/analysis/policy_lint.hpp"
#include "core/authoring/scaffold.hpp"
#include "core/authoring/stubs.hpp"
#include "core/authoring/testing.hpp"
#include "core/base/text.hpp"
#include "core/formats/decision_records.hpp"
#include "core/formats/input.hpp"
#include "core/formats/terminal_text.hpp"
#include "core/model/provider.hpp"
#include "core/run/manifest.hpp"
#include "table.hpp"

namespace inkoop::cli {
namespace {

std::string read_input(const std::string& path) { return read_file(path, size_t{16} << 20); }

// The smallest changes that make the policy propose a contract, as JSON.
nlohmann::ordered_json flips_json(engine::LoadedPolicy& policy, const Provider& p, const ParamValues& params) {
    const auto result =
        search_flips(policy.policy(), p, params, [&](const Provider& q, const ParamValues& v) { return policy.decide(q, v); });
    auto a = nlohmann::ordered_json::array();
    for (const auto& sol : result.solutions) {
        nlohmann::ordered_json s;
        s["outcome"] = outcome_name(sol.outcome);
        auto changes = nlohmann::ordered_json::array();
        for (const auto& c : sol.changes) {
            const Field& f = p.schema().at(c.field);
            changes.push_back({{"field", f.name},
                               {"value", is_known(c.value) ? format_value(c.value, f) : "unknown"},
                               {"constraint", c.constraint},
                               {"rule", c.rule},
                               {"section", c.section}});
        }
        s["changes"] = std::move(changes);
        a.push_back(std::move(s));
    }
    return a;
}

// The same as text: each smallest set of changes on a line.
std::string flips_text(engine::LoadedPolicy& policy, const Provider& p, const ParamValues& params) {
    const auto result =
        search_flips(policy.policy(), p, params, [&](const Provider& q, const ParamValues& v) { return policy.decide(q, v); });
    if (result.solutions.empty()) return "flips: no change of up to three facts makes the policy propose a contract\n";
    std::string out = "flips (the smallest changes that make the policy propose a contract):\n";
    for (const auto& sol : result.solutions) {
        std::vector<std::string> parts;
        for (const auto& c : sol.changes) parts.push_back(describe_change(c));
        out += fmt::format("  {}: {}\n", outcome_name(sol.outcome), fmt::join(parts, " and "));
    }
    return out;
}

}  // namespace

std::string version_text() { return fmt::format("inkoop {}\n{}, {}", inkoop_version(), engine::lua_version(), library_versions()); }

engine::LoadedPolicy load_policy(const Globals& g, const std::string& id_or_path) { return make_engine(g).load(id_or_path); }

void report_error(const std::exception& e) {
    // Messages may quote input or a policy's own text: escaped, so nothing can forge lines or
    // terminal sequences.
    std::cerr << "inkoop: " << terminal_safe(e.what()) << '\n';
    if (const auto* se = dynamic_cast<const ScriptError*>(&e); se && !se->traceback().empty()) {
        std::istringstream lines(se->traceback());
        int n = 0;
        for (std::string line; std::getline(lines, line) && n < 40; ++n) {
            // Lua indents each frame with a tab: shown as indentation, not as an escaped "\t".
            size_t tabs = 0;
            while (tabs < line.size() && line[tabs] == '\t') ++tabs;
            std::cerr << std::string(4 * tabs, ' ') << terminal_safe(std::string_view(line).substr(tabs), 300) << '\n';
        }
    }
}

int cmd_policies(const Globals& g) {
    const Catalog catalog(g.policy_dir);
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

int cmd_verify(const Globals&, const std::string& output, const std::string& manifest_file) {
    const std::string path = manifest_file.empty() ? manifest_path(output) : manifest_file;
    const Manifest m = Manifest::parse(read_file(path));
    std::cout << fmt::format("{}: made {} by inkoop {} ({})\n", display_name(output), m.finished, m.inkoop_version, m.command);
    std::vector<std::vector<std::string>> rows{{"status", "what", "file", ""}};
    bool all_ok = true;
    for (const auto& r : verify_manifest(m)) {
        rows.push_back({r.status, r.what, r.path, r.detail});
        if (r.status != "ok" && r.status != "not on disk") all_ok = false;
    }
    print_table(std::cout, rows);
    std::cout << (all_ok ? "verified: the output still matches the policies and the input on disk\n"
                         : "NOT verified: something changed since the run (see above)\n");
    return all_ok ? kOk : kRejected;
}

int cmd_analyze(const Globals& g, const std::vector<std::string>& policies, bool diff, const std::string& format,
                const std::vector<std::string>& settings) {
    if (diff != (policies.size() == 2)) throw std::runtime_error("analyze: give one policy, or --diff with two");
    std::vector<engine::LoadedPolicy> loaded;
    for (const auto& id : policies) loaded.push_back(load_policy(g, id));
    std::vector<const Policy*> all;
    for (const auto& l : loaded) all.push_back(&l.policy());
    std::vector<AnalyzedPolicy> aps;
    for (auto& l : loaded) {
        AnalyzedPolicy ap;
        ap.policy = &l.policy();
        ap.params = apply_settings(l.policy(), settings_for(l.policy(), all, settings));
        engine::LoadedPolicy* lp = &l;
        ap.decide = [lp](const Provider& p, const ParamValues& v) { return lp->decide(p, v); };
        aps.push_back(std::move(ap));
    }
    if (diff) {
        const DiffAnalysis d = analyze_diff(aps[0], aps[1]);
        std::cout << (format == "json" ? diff_analysis_json(d).dump(2) + "\n" : diff_analysis_text(d));
        return kOk;
    }
    const PolicyAnalysis a = analyze_policy(aps[0]);
    std::cout << (format == "json" ? analysis_json(a).dump(2) + "\n" : analysis_text(a));
    return kOk;
}

int cmd_schema(const Globals& g, const std::string& format) {
    const Schema& s = *g.schema;
    if (format == "json") {
        std::cout << s.to_json();
        return kOk;
    }
    const size_t width = terminal_width();
    print_wrapped_table(std::cout, {{"", s.about()}}, width);
    std::cout << '\n';
    print_wrapped_table(
        std::cout,
        {{"",
          "Values: bool true/false, ja/nee, j/n, yes/no, waar/onwaar (Dutch Excel), 1/0; numbers with a decimal point, or "
          "in ';'-separated CSV a decimal comma and Dutch thousands dots (1.234,5); dates YYYY-MM-DD or DD-MM-YYYY; an empty "
          "cell, null or an absent field is unknown (not false)."}},
        width);
    std::string group, origin;
    std::vector<std::vector<std::string>> rows;
    const auto flush = [&] {
        if (!rows.empty()) print_wrapped_table(std::cout, rows, terminal_width());
        rows.clear();
    };
    for (const auto& f : s.fields()) {
        if (f.group != group || f.origin != origin) {
            flush();
            group = f.group;
            origin = f.origin;
            std::cout << "\n" << group << "  (" << origin << ")\n";
        }
        std::string type(type_name(f.type));
        if (f.type == FieldType::Enum) type += ": " + fmt::format("{}", fmt::join(f.values, ", "));
        if (f.min || f.max) type += fmt::format(" {}..{}", f.min ? fmt::format("{}", *f.min) : "", f.max ? fmt::format("{}", *f.max) : "");
        if (!f.pattern.empty()) type += " (" + f.pattern + ")";
        if (f.required) type += ", required";
        rows.push_back({"  " + f.name, type, f.doc});
    }
    flush();
    return kOk;
}

namespace {

// A provider with bad input, as eval reports it: the problems on standard error, the error record
// (as batch writes it) on standard output.
int report_rejected(const ErrorRecord& e) {
    std::string problems;
    for (const auto& p : e.problems) problems += (problems.empty() ? "" : "; ") + p.text();
    std::cerr << fmt::format("inkoop: {}: row {}: {}\n", terminal_safe(e.file), e.row, terminal_safe(problems));
    std::string record;
    append_error_json(record, e);
    std::cout << record << '\n';
    return kRejected;
}

// Levenshtein distance, for naming the AGB codes closest to one that is not in a list.
size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<size_t> row(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= b.size(); ++j) {
            const size_t up = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diag = up;
        }
    }
    return row[b.size()];
}

// The provider of a list with AGB code `agb`: read with the list's own format, as batch reads it.
// Returns kOk with `out` set; prints the row's problems (as eval does for a bad provider) and
// returns kRejected for a row with bad input; throws for an AGB code the list does not have,
// naming the closest codes.
int provider_from_list(const Schema& schema, const std::string& list, const std::string& agb, const std::string& policy, Provider& out) {
    OpenedInput in = open_input(list);
    SourceOptions options;
    if (list != "-") options.format = format_from_extension(list);
    options.schema = &schema;
    auto source = open_records(*in.source, options);
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
    if (bad) return report_rejected(*bad);
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

int cmd_eval(const Globals& g, const std::string& policy, const std::string& input, bool explain, const std::vector<std::string>& settings,
             bool flip, const std::string& format, const std::string& list, const std::string& agb) {
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
        if (const int status = provider_from_list(*g.schema, list, agb, loaded.id(), provider); status != kOk) return status;
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
            return report_rejected(e);
        }
        provider = std::move(parsed.provider);
    }
    const Decision d = loaded.decide(provider, params, {explain});
    if (text) {
        std::cout << render_decision(d, {want_color(STDOUT_FILENO), explain});
        if (flip) std::cout << flips_text(loaded, provider, params);
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

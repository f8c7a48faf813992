#include "commands.hpp"

#include <filesystem>
#include <fmt/format.h>
#include <iostream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>

#include "bindings/engine.hpp"
#include "core/flip.hpp"
#include "core/output.hpp"
#include "core/policy_diff.hpp"
#include "core/policy_lint.hpp"
#include "core/provider.hpp"
#include "core/testing.hpp"
#include "core/text.hpp"
#include "table.hpp"

namespace inkoop::cli {
namespace {

engine::LoadedPolicy load_policy(const Globals& g, const std::string& id_or_path) {
    return engine::Engine(g.policy_dir, g.limits).load(id_or_path);
}

std::string read_input(const std::string& path) { return read_file(path, size_t{16} << 20); }

// The smallest changes that make the policy propose a contract, as JSON.
nlohmann::ordered_json flips_json(engine::LoadedPolicy& policy, const Provider& p, const ParamValues& params) {
    const auto result = search_flips(policy.policy(), p, params, [&](const Provider& q) { return policy.decide(q, params); });
    auto a = nlohmann::ordered_json::array();
    for (const auto& sol : result.solutions) {
        nlohmann::ordered_json s;
        s["outcome"] = outcome_name(sol.outcome);
        auto changes = nlohmann::ordered_json::array();
        for (const auto& c : sol.changes) {
            const Field& f = Schema::builtin().at(c.field);
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

}  // namespace

void report_error(const std::exception& e) {
    // Messages may quote input or a policy's own text: escaped, so nothing can forge lines or
    // terminal sequences.
    std::cerr << "inkoop: " << terminal_safe(e.what()) << '\n';
    if (const auto* se = dynamic_cast<const ScriptError*>(&e); se && !se->traceback().empty()) {
        std::istringstream lines(se->traceback());
        int n = 0;
        for (std::string line; std::getline(lines, line) && n < 40; ++n) std::cerr << terminal_safe(line, 300) << '\n';
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
            rows.push_back({f.id, i.insurer, i.care, std::to_string(i.year), i.source});
        } catch (const std::exception& e) {
            report_error(e);
            status = kError;
        }
    }
    print_table(std::cout, rows);
    return status;
}

int cmd_schema(const Globals&, const std::string& format) {
    const Schema& s = Schema::builtin();
    if (format == "json") {
        std::cout << s.source_json();
        return kOk;
    }
    std::cout << s.about()
              << "\n\nValues: bool true/false, ja/nee, yes/no, 1/0; dates YYYY-MM-DD or DD-MM-YYYY; "
                 "an empty cell, null or an absent field is unknown (not false).\n";
    std::string group;
    std::vector<std::vector<std::string>> rows;
    const auto flush = [&] {
        if (!rows.empty()) print_table(std::cout, rows);
        rows.clear();
    };
    for (const auto& f : s.fields()) {
        if (f.group != group) {
            flush();
            group = f.group;
            std::cout << "\n" << group << "\n";
        }
        std::string type(type_name(f.type));
        if (f.type == FieldType::Enum) type += " " + fmt::format("{}", fmt::join(f.values, "|"));
        if (f.min || f.max) type += fmt::format(" {}..{}", f.min ? fmt::format("{}", *f.min) : "", f.max ? fmt::format("{}", *f.max) : "");
        if (!f.pattern.empty()) type += " (" + f.pattern + ")";
        if (f.required) type += ", required";
        rows.push_back({"  " + f.name, type, f.doc});
    }
    flush();
    return kOk;
}

int cmd_eval(const Globals& g, const std::string& policy, const std::string& input, bool explain, const std::vector<std::string>& settings,
             bool flip) {
    auto loaded = load_policy(g, policy);
    const ParamValues params = apply_settings(loaded.policy(), settings);
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(read_input(input));
    } catch (const nlohmann::json::exception& e) {
        throw FileError(
            fmt::format("{}: invalid JSON: {} (eval decides one provider given as a JSON object; "
                        "`inkoop batch` reads CSV, JSON Lines and JSON arrays)",
                        input, e.what()));
    }
    if (!j.is_object())
        throw FileError(
            fmt::format("{}: a JSON {}, not an object: eval decides one provider given as a JSON object; "
                        "`inkoop batch` reads lists",
                        input, j.type_name()));
    const ParsedProvider parsed = provider_from_json(j, Schema::builtin());
    if (!parsed.unknown.empty()) {
        for (const auto& e : parsed.unknown) std::cerr << "inkoop: " << terminal_safe(input) << ": " << terminal_safe(e.message) << '\n';
        return kError;
    }
    if (!parsed.errors.empty()) {
        ErrorRecord e{"", loaded.id(), input, 1, "input", parsed.errors, parsed.provider.passthrough};
        if (const auto it = j.find("agb"); it != j.end()) e.agb = it->is_string() ? it->get<std::string>() : it->dump();
        std::string problems;
        for (const auto& p : parsed.errors) problems += (problems.empty() ? "" : "; ") + p.text();
        std::cerr << "inkoop: " << terminal_safe(input) << ": row 1: " << terminal_safe(problems) << '\n';
        std::string record;
        append_error_json(record, e);
        std::cout << record << '\n';
        return kRejected;
    }
    const Decision d = loaded.decide(parsed.provider, params, {explain});
    std::string text;
    append_decision_json(text, d, explain);
    auto decision = nlohmann::ordered_json::parse(text);  // pretty-printed: the one encoder's output
    if (flip) decision["flips"] = flips_json(loaded, parsed.provider, params);
    std::cout << decision.dump(2) << '\n';
    return kOk;
}

int cmd_check(const Globals& g, const std::string& policy) {
    const auto loaded = load_policy(g, policy);
    const Policy& p = loaded.policy();
    std::cout << fmt::format("{}: {} {} {} — {}\nsource: {}\n", p.info.path, p.info.insurer, p.info.care, p.info.year, p.info.title,
                             p.info.source);
    std::cout << fmt::format("scope ({}): {} kinds; {} exclusion(s)\n", p.scope.section, p.scope.kinds.size(), p.exclusions.size());
    std::cout << fmt::format("rules: {}\n", p.rules.size());
    std::vector<std::vector<std::string>> rows{{"  section", "rule", "effect", "text"}};
    for (const auto& r : p.rules) rows.push_back({"  " + r.section, r.code, std::string(effect_name(r.effect)), r.text});
    print_table(std::cout, rows);
    std::cout << fmt::format("parameters: {}\n", p.params.size());
    for (const auto& prm : p.params)
        std::cout << fmt::format("  {} ({}, default {}) [{}] {}\n", prm.name, type_name(prm.type),
                                 format_value(prm.default_value, prm.as_field()), prm.section, prm.doc);
    if (!p.inherits.empty()) {
        std::cout << fmt::format("written as {} plus {} changes:\n", p.inherits, p.changes.size());
        for (const auto& c : p.changes) std::cout << fmt::format("  {:<9} {}{}\n", c.kind, c.code, c.note.empty() ? "" : "  — " + c.note);
    }
    int warnings = 0;
    if (p.info.id != policy && policy.find(".lua") == std::string::npos) {
        std::cout << fmt::format("warning: the file declares id '{}' but was loaded as '{}'\n", p.info.id, policy);
        ++warnings;
    }
    for (const auto& w : lint_policy(p)) {
        std::cout << "warning: " << w << '\n';
        ++warnings;
    }
    // Every cited section must be a heading of the source document (when it can be found).
    const std::string sources = g.sources_dir.empty() ? Catalog::default_sources_dir(g.policy_dir) : g.sources_dir;
    const std::string source_path = sources + "/" + p.info.source;
    if (p.info.source.empty() || p.info.source.find('/') != std::string::npos || !std::filesystem::is_regular_file(source_path)) {
        std::cout << fmt::format("note: source document '{}' not found in {}: sections not verified (--sources DIR)\n", p.info.source,
                                 sources);
    } else {
        const auto section_warnings = check_sections(p, read_file(source_path), p.info.source);
        for (const auto& w : section_warnings) std::cout << "warning: " << w << '\n';
        warnings += static_cast<int>(section_warnings.size());
        if (section_warnings.empty()) std::cout << fmt::format("sections: every cited section is a heading of {}\n", p.info.source);
    }
    std::cout << fmt::format("ok: 0 errors, {} warnings\n", warnings);
    return kOk;
}

int cmd_check_diff(const Globals& g, const std::string& before_id, const std::string& after_id) {
    const auto before = load_policy(g, before_id);
    const auto after = load_policy(g, after_id);
    const PolicyDiff d = diff_policies(before.policy(), after.policy());
    std::cout << fmt::format("{} -> {}\n", before.id(), after.id());
    int removed = 0, added = 0, changed = 0;
    for (const auto& r : d.rules) {
        switch (r.kind) {
        case RuleDiff::Kind::Removed:
            ++removed;
            std::cout << fmt::format("- {:<8} {}  {}\n", r.section_before, r.code, r.text);
            break;
        case RuleDiff::Kind::Added:
            ++added;
            std::cout << fmt::format("+ {:<8} {}  {}\n", r.section_after, r.code, r.text);
            break;
        case RuleDiff::Kind::Changed:
            ++changed;
            std::cout << fmt::format("~ {:<8} {}\n", r.section_after, r.code);
            for (const auto& detail : r.details) std::cout << "      " << detail << '\n';
            break;
        }
    }
    for (const auto& o : d.other) std::cout << "* " << o << '\n';
    std::cout << fmt::format("{} removed, {} added, {} changed, {} unchanged\n", removed, added, changed, d.unchanged);
    return kOk;
}

}  // namespace inkoop::cli

// `inkoop check`: a policy loaded, linted against its source document, and run on generated
// providers; `inkoop check --diff`: the rule-level difference between two policies.
#include <CLI/CLI.hpp>
#include <filesystem>
#include <fmt/format.h>
#include <iostream>

#include "bindings/host.hpp"
#include "commands.hpp"
#include "core/analysis/policy_check.hpp"
#include "core/analysis/policy_diff.hpp"
#include "core/analysis/policy_lint.hpp"
#include "core/analysis/source_doc.hpp"
#include "core/base/io.hpp"
#include "core/base/text.hpp"
#include "core/letters/letters.hpp"
#include "table.hpp"

namespace inkoop::cli {

Verb verb_check(CLI::App& app) {
    struct Args {
        std::vector<std::string> policies;
        bool diff = false;
    };
    auto a = std::make_shared<Args>();
    auto* cmd = app.add_subcommand("check", "load a policy without a provider and report errors and warnings");
    cmd->add_option("policy", a->policies, "policy id or path (two with --diff)")->required()->expected(1, 2);
    cmd->add_flag("--diff", a->diff, "show the rule-level difference between two policies");
    return {cmd, [a](const Globals& g) {
                if (a->diff != (a->policies.size() == 2)) {
                    std::cerr << "inkoop check: give one policy, or --diff with two\n";
                    return static_cast<int>(kError);
                }
                return a->diff ? cmd_check_diff(g, a->policies[0], a->policies[1]) : cmd_check(g, a->policies[0]);
            }};
}

namespace {

// The letter templates of the policy's insurer (or the default set), in both languages: each must
// load (no forbidden tag), name only placeholders a letter fills, and render on a generated
// decision of its kind. Unknown placeholders are errors, each with the closest known name.
void check_letters(const Globals& g, const Policy& p, int& errors) {
    size_t rendered = 0;
    for (Lang lang : {Lang::Nl, Lang::En}) {
        try {
            const LetterSet set = LetterSet::load(g.policy_dir, p, lang);
            for (size_t k = 0; k < kLetterKinds; ++k) {
                const auto kind = static_cast<LetterKind>(k);
                for (const auto& problem : check_letter_template(set.templates[k])) {
                    std::cout << "error: " << terminal_safe(problem) << '\n';
                    ++errors;
                }
                const Decision d = sample_decision(p, kind);
                render_letter_html(
                    set, LetterInput{&p, &d, nullptr, Date::from_ymd(p.info.year, 1, 1)->prose(lang), Date::from_ymd(p.info.year, 1, 1)});
                ++rendered;
            }
        } catch (const std::exception& e) {
            std::cout << "error: letters (" << lang_name(lang) << "): " << terminal_safe(e.what()) << '\n';
            ++errors;
        }
    }
    std::cout << fmt::format("letters: {} templates rendered on generated decisions (nl, en)\n", rendered);
}

// The errors in how the policy declares its rules: a limit spelled out instead of named, a code
// with a number, absent "f" on a field whose absence means nothing.
void check_declarations(const Policy& p, int& errors) {
    for (const auto& e : policy_errors(p)) {
        std::cout << "error: " << e << '\n';
        ++errors;
    }
}

// Every cited section is a heading of the source document (when it can be found), every quote is
// the document's words in the section it cites (errors), and the share of its normative sentences
// the policy accounts for (inkoop source shows which).
void check_source(const Policy& p, const std::string& source_path, int& warnings, int& errors) {
    if (p.info.source.empty() || p.info.source.find('/') != std::string::npos || !std::filesystem::is_regular_file(source_path)) {
        std::cout << fmt::format("note: source document '{}' not found at {}: sections not verified (--sources DIR)\n", p.info.source,
                                 source_path);
        return;
    }
    const std::string source_text = read_file(source_path);
    const auto section_warnings = check_sections(p, source_text, p.info.source);
    for (const auto& w : section_warnings) std::cout << "warning: " << w << '\n';
    warnings += static_cast<int>(section_warnings.size());
    if (section_warnings.empty()) std::cout << fmt::format("sections: every cited section is a heading of {}\n", p.info.source);
    const SourceView view = source_view(p, source_text, p.info.source);
    for (const auto& e : view.problems) {
        std::cout << "error: " << terminal_safe(e) << '\n';
        ++errors;
    }
    const SourceCoverage& c = view.coverage;
    std::cout << fmt::format(
        "source: {} of {} normative sentences accounted for ({:.1f}%): {} encoded, {} not encoded with a reason, "
        "{} open (inkoop source {} lists them)\n",
        c.encoded + c.not_encoded, c.normative, 100.0 * c.share(), c.encoded, c.not_encoded, c.open, p.info.id);
}

}  // namespace

int cmd_check(const Globals& g, const std::string& policy) {
    auto loaded = load_policy(g, policy);
    const Policy& p = loaded.policy();
    // The source document beside the policy file as it is on disk (info.path is the name shown).
    const std::string source_path =
        Catalog::source_path(Catalog(g.policy_dir, g.schema).resolve(policy).path, p.info.source, g.sources_dir);
    std::cout << fmt::format("{}: {} {} {} — {}\nsource: {}\n", p.info.path, p.info.insurer, p.info.care, p.info.year, p.info.title,
                             source_path);
    std::cout << fmt::format("scope ({}): {} kinds; {} exclusion(s)\n", p.scope.section, p.scope.kinds.size(), p.exclusions.size());
    std::cout << fmt::format("rules: {}\n", p.rules.size());
    std::vector<std::vector<std::string>> rows{{"  section", "rule", "effect", "text"}};
    for (const auto& r : p.rules) rows.push_back({"  " + r.section, r.code, std::string(effect_name(r.effect)), r.text});
    print_table(std::cout, rows);
    std::cout << fmt::format("parameters: {}\n", p.params.size());
    for (const auto& prm : p.params)
        std::cout << (prm.withdrawn.empty() ? fmt::format("  {} ({}, default {}{}) [{}] {}\n", prm.name, type_name(prm.type),
                                                          format_value(prm.default_value, prm.as_field()),
                                                          prm.unit.empty() ? "" : " " + prm.unit, prm.section, prm.doc)
                                            : fmt::format("  {}: removed ({})\n", prm.name, prm.withdrawn));
    if (!p.inherits.empty()) {
        std::cout << fmt::format("written as {} plus {} changes:\n", p.inherits, p.changes.size());
        for (const auto& c : p.changes) std::cout << fmt::format("  {:<9} {}{}\n", c.kind, c.code, c.note.empty() ? "" : "  — " + c.note);
    }
    int warnings = 0, quote_errors = 0;
    if (p.info.id != policy && policy.find(".lua") == std::string::npos) {
        std::cout << fmt::format("warning: the file declares id '{}' but was loaded as '{}'\n", p.info.id, policy);
        ++warnings;
    }
    for (const auto& w : lint_policy(p)) {
        std::cout << "warning: " << w << '\n';
        ++warnings;
    }
    check_source(p, source_path, warnings, quote_errors);
    // Run it: generated providers per kind, every runtime error with the provider that shows it.
    const ParamValues params = p.default_params();
    const PolicyRunCheck run = run_policy_check(loaded, 0, params);
    std::cout << fmt::format("run: {} generated providers decided\n", run.decided);
    for (const auto& [kind, counts] : run.outcomes) {
        std::string line;
        for (Outcome o : kOutcomeOrder)
            if (const auto it = counts.find(o); it != counts.end())
                line += fmt::format("{}{} {}", line.empty() ? "" : ", ", it->second, outcome_name(o));
        std::cout << fmt::format("  {:<22} {}\n", kind, line);
    }
    int errors = quote_errors;
    const auto problem = [&](const CheckProblem& e) {
        std::cout << fmt::format("error: {}\n  on {} of {} generated providers, e.g. {}\n", terminal_safe(e.message), e.count, run.decided,
                                 e.provider);
        ++errors;
    };
    for (const auto& e : run.errors) problem(e);
    for (const auto& e : run.incomplete_offers) problem(e);
    for (const auto& w : run.offer_warnings) {
        std::cout << fmt::format("warning: {}\n  on {} of {} generated providers, e.g. {}\n", terminal_safe(w.message), w.count,
                                 run.decided, w.provider);
        ++warnings;
    }
    for (const auto& k : run.kinds_without_offer) {
        std::cout << fmt::format("warning: kind '{}' is in scope but no generated provider got an offer\n", k);
        ++warnings;
    }
    for (const auto& name : run.unused_params) {
        std::cout << fmt::format("warning: parameter '{}' is declared but no generated decision depends on it\n", name);
        ++warnings;
    }
    check_declarations(p, errors);
    check_letters(g, p, errors);
    std::cout << fmt::format("{}: {} errors, {} warnings\n", errors ? "failed" : "ok", errors, warnings);
    return errors ? kRejected : kOk;
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

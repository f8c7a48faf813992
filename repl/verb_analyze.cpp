// inkoop analyze: what a policy does for every possible provider, or where two policies differ.
#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <iostream>
#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "core/analysis/analyze.hpp"
#include "core/analysis/transitions.hpp"
#include "core/base/text.hpp"
#include "list_input.hpp"
#include "options.hpp"

namespace inkoop::cli {

Verb verb_analyze(CLI::App& app) {
    auto a = std::make_shared<AnalyzeArgs>();
    a->format = "text";
    auto* cmd = app.add_subcommand("analyze", "what a policy does for every possible provider, or where two policies decide differently");
    cmd->add_option("policy", a->policies, "policy id or path (two with --diff)")->required()->expected(1, 2);
    cmd->add_flag("--diff", a->diff, "every possible provider's outcome under the two policies: the transitions, each pair's regions");
    cmd->add_flag("--rules", a->rules, "with --diff: rule by rule, the regions where a rule's result differs");
    cmd->add_option("--input", a->input, "with --diff: a provider list whose providers are counted into each pair and region");
    add_format_option(*cmd, a->format, {"text", "json"}, "text or json");
    add_set_option(*cmd, a->settings, "scenario parameter NAME=VALUE, for both policies");
    add_side_set_options(*cmd, *a, "with --diff: scenario parameter ");
    return {cmd, [a](const Globals& g) { return cmd_analyze(g, *a); }};
}

int cmd_analyze(const Globals& g, const AnalyzeArgs& a) {
    if (a.diff != (a.policies.size() == 2)) throw std::runtime_error("analyze: give one policy, or --diff with two");
    if (!a.diff && (a.rules || !a.input.empty() || !a.settings_a.empty() || !a.settings_b.empty()))
        throw std::runtime_error("analyze: --rules, --input, --set-a and --set-b go with --diff");
    if (a.rules && !a.input.empty()) throw std::runtime_error("analyze: --input counts providers into transitions, not with --rules");
    std::vector<host::LoadedPolicy> loaded;
    for (const auto& id : a.policies) loaded.push_back(load_policy(g, id));
    std::vector<const Policy*> all;
    for (const auto& l : loaded) all.push_back(&l.policy());
    std::vector<AnalyzedPolicy> aps;
    for (size_t i = 0; i < loaded.size(); ++i) {
        AnalyzedPolicy ap;
        ap.policy = &loaded[i].policy();
        ap.params = params_for(loaded[i].policy(), all, a.settings, a.side_settings(i));
        ap.set = a.set_names(i);
        ap.ev = &loaded[i];
        aps.push_back(std::move(ap));
    }
    const Lang lang = output_lang(g.lang, all[0]);
    if (!a.diff) {
        const PolicyAnalysis r = analyze_policy(aps[0]);
        std::cout << (a.format == "json" ? analysis_json(r).dump(2) + "\n" : analysis_text(r, lang));
        return kOk;
    }
    if (a.rules) {
        const DiffAnalysis d = analyze_diff(aps[0], aps[1]);
        std::cout << (a.format == "json" ? diff_analysis_json(d).dump(2) + "\n" : diff_analysis_text(d, lang));
        return kOk;
    }
    std::optional<LoadedList> list;
    if (!a.input.empty()) {
        list = read_list(*all[0]->schema, a, a.input);
        for (const auto& note : list->notes) std::cerr << "inkoop: " << terminal_safe(note) << '\n';
        if (list->rejected)
            std::cerr << fmt::format(fmt::runtime(tr(lang, "inkoop: {}: {} rows rejected for bad input (not counted)")),
                                     terminal_safe(a.input), list->rejected)
                      << '\n';
    }
    const TransitionAnalysis t = analyze_transitions(aps[0], aps[1], list ? &list->providers : nullptr);
    std::cout << (a.format == "json" ? transitions_json(t).dump(2) + "\n" : transitions_text(t, lang));
    return list && list->rejected ? kRejected : kOk;
}

}  // namespace inkoop::cli

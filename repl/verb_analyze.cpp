// inkoop analyze: what a policy does for every possible provider, or where two policies differ.
#include <CLI/CLI.hpp>
#include <iostream>
#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "core/analysis/analyze.hpp"
#include "options.hpp"

namespace inkoop::cli {

Verb verb_analyze(CLI::App& app) {
    struct Args {
        std::vector<std::string> policies, settings;
        bool diff = false;
        std::string format = "text";
    };
    auto a = std::make_shared<Args>();
    auto* cmd = app.add_subcommand("analyze", "what a policy does for every possible provider, or where two policies decide differently");
    cmd->add_option("policy", a->policies, "policy id or path (two with --diff)")->required()->expected(1, 2);
    cmd->add_flag("--diff", a->diff, "the provider classes whose decision differs between the two policies");
    add_format_option(*cmd, a->format, {"text", "json"}, "text or json");
    add_set_option(*cmd, a->settings);
    return {cmd, [a](const Globals& g) { return cmd_analyze(g, a->policies, a->diff, a->format, a->settings); }};
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
        std::cout << (format == "json" ? diff_analysis_json(d).dump(2) + "\n" : diff_analysis_text(d, output_lang(g.lang, all[0])));
        return kOk;
    }
    const PolicyAnalysis a = analyze_policy(aps[0]);
    std::cout << (format == "json" ? analysis_json(a).dump(2) + "\n" : analysis_text(a, output_lang(g.lang, all[0])));
    return kOk;
}

}  // namespace inkoop::cli

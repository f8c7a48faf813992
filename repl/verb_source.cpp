// inkoop source: the policy's source document, sentence by sentence, with what encodes each.
#include <CLI/CLI.hpp>
#include <filesystem>
#include <fmt/format.h>
#include <iostream>

#include "commands.hpp"
#include "core/analysis/source_diff.hpp"
#include "core/analysis/source_doc.hpp"
#include "core/base/io.hpp"
#include "core/engine/catalog.hpp"
#include "core/report/source_page.hpp"
#include "core/run/manifest.hpp"
#include "options.hpp"

namespace inkoop::cli {
namespace {

struct SourceArgs {
    std::string policy, format = "html", output;
    std::vector<std::string> diff;
};

// A side of --diff: a policy (id or path) with what it encodes, or a bare document (a file that is
// no policy: next year's text before anyone encodes it).
SourceView side_view(const Globals& g, const std::string& what, Lang& lang);

}  // namespace

// The view of `policy`'s source document: throws when the policy names none or it is not found.
SourceView policy_source_view(const Globals& g, const std::string& policy, const Policy& p) {
    const std::string path = Catalog::source_path(Catalog(g.policy_dir, g.schema).resolve(policy).path, p.info.source, g.sources_dir);
    if (p.info.source.empty() || !std::filesystem::is_regular_file(path))
        throw std::runtime_error(fmt::format("{}: source document '{}' not found at {} (--sources DIR)", p.info.id, p.info.source, path));
    return source_view(p, read_file(path), p.info.source);
}

int cmd_source(const Globals& g, const std::string& policy, const std::string& format, const std::string& output) {
    auto loaded = load_policy(g, policy);
    const Policy& p = loaded.policy();
    const SourceView v = policy_source_view(g, policy, p);
    const std::string text = format == "json" ? source_json(v).dump(2) + "\n" : source_page_html(v, output_lang(g.lang, &p), utc_now());
    if (output.empty())
        std::cout << text;
    else
        write_file_atomically(output, text);
    return v.problems.empty() ? kOk : kRejected;
}

namespace {

SourceView side_view(const Globals& g, const std::string& what, Lang& lang) {
    const std::filesystem::path path(what);
    if (std::filesystem::is_regular_file(path) && path.extension() != ".lua")
        return document_view(read_file(what), path.filename().string());
    auto loaded = load_policy(g, what);
    lang = output_lang(g.lang, &loaded.policy());
    return policy_source_view(g, what, loaded.policy());
}

int cmd_source_diff(const Globals& g, const std::string& a, const std::string& b, const std::string& format, const std::string& output) {
    Lang lang = output_lang(g.lang, nullptr);  // the language of the policies, the later one's when both are
    SourceView va = side_view(g, a, lang);
    SourceView vb = side_view(g, b, lang);
    const SourceDiff d = diff_sources(std::move(va), std::move(vb));
    const std::string text = format == "json" ? source_diff_json(d).dump(2) + "\n" : source_diff_html(d, lang, utc_now());
    if (output.empty())
        std::cout << text;
    else
        write_file_atomically(output, text);
    return d.a.problems.empty() && d.b.problems.empty() ? kOk : kRejected;
}

}  // namespace

Verb verb_source(CLI::App& app) {
    auto a = std::make_shared<SourceArgs>();
    auto* cmd = app.add_subcommand("source", "the policy's source document, each sentence beside the rules that encode it, or why not");
    auto* policy = cmd->add_option("policy", a->policy, "policy id or path");
    auto* diff = cmd->add_option("--diff", a->diff,
                                 "A B: two policies' documents (or a new document file as B) by paragraph, with the rules of each")
                     ->expected(2);
    policy->excludes(diff);
    cmd->callback([cmd, policy, diff] {
        if (policy->count() == 0 && diff->count() == 0) throw CLI::RequiredError(cmd->get_name() + ": a policy, or --diff A B");
    });
    add_format_option(*cmd, a->format, {"html", "json"}, "html (a page) or json");
    cmd->add_option("--output", a->output, "write to this file (default: standard output)");
    return {cmd, [a](const Globals& g) {
                return a->diff.size() == 2 ? cmd_source_diff(g, a->diff[0], a->diff[1], a->format, a->output)
                                           : cmd_source(g, a->policy, a->format, a->output);
            }};
}

}  // namespace inkoop::cli

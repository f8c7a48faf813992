// inkoop source: the policy's source document, sentence by sentence, with what encodes each.
#include <CLI/CLI.hpp>
#include <filesystem>
#include <fmt/format.h>
#include <iostream>

#include "commands.hpp"
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
};

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

Verb verb_source(CLI::App& app) {
    auto a = std::make_shared<SourceArgs>();
    auto* cmd = app.add_subcommand("source", "the policy's source document, each sentence beside the rules that encode it, or why not");
    cmd->add_option("policy", a->policy, "policy id or path")->required();
    add_format_option(*cmd, a->format, {"html", "json"}, "html (a page) or json");
    cmd->add_option("--output", a->output, "write to this file (default: standard output)");
    return {cmd, [a](const Globals& g) { return cmd_source(g, a->policy, a->format, a->output); }};
}

}  // namespace inkoop::cli

// inkoop verify: an output checked against its manifest, as the files are on disk now.
#include <CLI/CLI.hpp>
#include <filesystem>
#include <fmt/format.h>
#include <iostream>

#include "commands.hpp"
#include "core/base/io.hpp"
#include "core/letters/letter_run.hpp"
#include "core/run/manifest.hpp"
#include "table.hpp"

namespace inkoop::cli {

Verb verb_verify(CLI::App& app) {
    struct Args {
        std::string output, manifest;
    };
    auto a = std::make_shared<Args>();
    auto* cmd = app.add_subcommand("verify", "check an output against its manifest: policies, input and output as they are on disk");
    cmd->add_option("output", a->output, "the output file of a batch or diff run, or the folder of a letters run")->required();
    cmd->add_option("--manifest", a->manifest, "the manifest (default: OUTPUT.manifest.json)");
    return {cmd, [a](const Globals& g) { return cmd_verify(g, a->output, a->manifest); }};
}

int cmd_verify(const Globals&, const std::string& output, const std::string& manifest_file) {
    const bool letters = std::filesystem::is_directory(output);  // a letters run: DIR/manifest.json, DIR/index.json
    const std::string path = !manifest_file.empty() ? manifest_file : letters ? output + "/manifest.json" : manifest_path(output);
    const Manifest m = Manifest::parse(read_file(path));
    std::cout << fmt::format("{}: made {} by inkoop {} ({})\n", display_name(output), m.finished, m.inkoop_version, m.command);
    std::vector<std::vector<std::string>> rows{{"status", "what", "file", ""}};
    bool all_ok = true;
    auto results = verify_manifest(m);
    if (letters) {
        const auto more = verify_letters(output);
        results.insert(results.end(), more.begin(), more.end());
    }
    for (const auto& r : results) {
        rows.push_back({r.status, r.what, r.path, r.detail});
        if (r.status != "ok" && r.status != "not on disk") all_ok = false;
    }
    print_table(std::cout, rows);
    std::cout << (all_ok ? "verified: the output still matches the policies and the input on disk\n"
                         : "NOT verified: something changed since the run (see above)\n");
    return all_ok ? kOk : kRejected;
}

}  // namespace inkoop::cli

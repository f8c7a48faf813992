// inkoop new: a policy and its test file scaffolded, or a new year of a policy.
#include <CLI/CLI.hpp>
#include <filesystem>
#include <fmt/format.h>
#include <iostream>
#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "core/authoring/scaffold.hpp"
#include "core/base/io.hpp"

namespace inkoop::cli {

Verb verb_new(CLI::App& app) {
    struct Args {
        std::string id, from;
    };
    auto a = std::make_shared<Args>();
    auto* cmd = app.add_subcommand("new", "scaffold a policy and its test file: insurer/care-year [--from an existing policy]");
    cmd->add_option("id", a->id, "the new policy's id, e.g. acme/ggz-2026")->required();
    cmd->add_option("--from", a->from, "start as a new year of this policy (inherit)");
    return {cmd, [a](const Globals& g) { return cmd_new(g, a->id, a->from); }};
}

namespace {

// A new insurer's letters: a copy of the tree's default templates (letters/nl, letters/en) and a
// letterhead with its name, to edit. Copied beside the final name, then moved into place.
std::string copy_default_letters(const Globals& g, const std::string& insurer_dir, const std::string& insurer) {
    namespace fs = std::filesystem;
    const fs::path defaults = fs::path(g.policy_dir) / "letters", target = fs::path(insurer_dir) / "letters";
    if (fs::exists(target) || !fs::is_directory(defaults)) return "";
    StagedFolder part(target.string(), "letter templates");
    for (const char* lang : {"nl", "en"})
        if (fs::is_directory(defaults / lang)) fs::copy(defaults / lang, fs::path(part.path()) / lang, fs::copy_options::recursive);
    // Every refusal and review letter says how to object: the text below is the shipped one, with
    // the contact left for the insurer to fill in.
    const nlohmann::ordered_json head = {
        {"name", insurer},
        {"address", {"REVIEW: the insurer's department", "REVIEW: its address"}},
        {"department", "REVIEW: the department that writes the letters"},
        {"signatory", "REVIEW: who signs them"},
        {"objection",
         {{"weeks", 6},
          {"nl",
           "Neem dan binnen {weeks} weken na de datum van deze brief contact met ons op, "
           "via REVIEW: het contactadres van de afdeling zorginkoop."},
          {"en",
           "Then contact us within {weeks} weeks of the date of this letter, "
           "at REVIEW: the purchasing department's contact address."}}},
        {"enquiries",
         {{"nl", "Heeft u vragen over deze brief? Neem dan contact met ons op via REVIEW: het contactadres van de afdeling zorginkoop."},
          {"en", "Do you have questions about this letter? Then contact us at REVIEW: the purchasing department's contact address."}}},
        {"reply",
         {{"nl", "via REVIEW: waar zorgaanbieders hun antwoorden heen sturen"}, {"en", "to REVIEW: where providers send their answers"}}}};
    write_file_atomically(part.path() + "/letterhead.json", head.dump(2) + "\n");
    part.commit();
    return target.string();
}

}  // namespace

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
    const std::string letters = copy_default_letters(g, dir, n.insurer);
    std::cout << fmt::format("wrote {} and {}\n", policy_path, test_path);
    if (!letters.empty())
        std::cout << fmt::format("wrote {}/: the default letter templates and a letterhead, to make the insurer's own\n", letters);
    std::cout << fmt::format("next: inkoop check {} && inkoop test {}\n", id, test_path);
    return kOk;
}

}  // namespace inkoop::cli

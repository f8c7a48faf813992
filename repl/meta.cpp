// The meta-commands of the what-if session: one table drives dispatch, :help and completion.
#include <fmt/format.h>
#include <iterator>
#include <ostream>
#include <sstream>

#include "core/base/text.hpp"
#include "session.hpp"
#include "table.hpp"

namespace inkoop::cli {
namespace {

// What the words after a command complete to.
enum class Complete { Nothing, Policies, Agbs, Fields, Change, Params, Files };

struct MetaCommand {
    std::string_view name;
    std::string_view usage;  // the arguments, for :help
    std::string_view help;   // continuation lines start with '\n'
    Complete complete;
    void (Session::*run)(const std::string& args);  // nullptr: :quit
};

constexpr MetaCommand kCommands[] = {
    {":help", "", N_("these commands"), Complete::Nothing, &Session::help},
    {":load", NC_("usage", "FILE"), N_("load providers (CSV, JSON Lines, JSON array or .xlsx)"), Complete::Files, &Session::load},
    {":use", NC_("usage", "POLICY..."), N_("the policies to decide under, side by side (:use +POLICY adds one)"), Complete::Policies,
     &Session::use},
    {":show", NC_("usage", "AGB"), N_("select a loaded provider and decide it"), Complete::Agbs, &Session::show},
    {":new", "", N_("start an empty provider (then :set agb ..., :set kind ...)"), Complete::Nothing, &Session::new_provider},
    {":set", NC_("usage", "FIELD VALUE"), N_("change a fact of the current provider (checked against the schema)"), Complete::Fields,
     &Session::set_command},
    {":unset", NC_("usage", "FIELD"), N_("make a fact unknown"), Complete::Fields, &Session::unset_command},
    {":eval", "", N_("the current provider's decisions"), Complete::Nothing, &Session::eval},
    {":explain", NC_("usage", "[POLICY]"), N_("every rule evaluated, with section, result and facts"), Complete::Policies,
     &Session::explain},
    {":diff", "", N_("how the first policy's decision differs from the others'"), Complete::Nothing, &Session::diff},
    {":params", NC_("usage", "[NAME=VALUE]"), N_("list scenario parameters, or set one"), Complete::Params, &Session::params},
    {":reload", "", N_("re-read the policies from disk, keeping providers and parameters"), Complete::Nothing, &Session::reload},
    {":flip", NC_("usage", "[POLICY]"), N_("the smallest changes of facts that make the policy propose a contract"), Complete::Policies,
     &Session::flip},
    {":whatif", NC_("usage", "CHANGE [where FIELD=VALUE]"),
     N_("\napply CHANGE to every loaded provider: per policy, the decisions that change outcome\n"
        "(offer -> refuse ...) and those that keep it with other changes (grounds, dates, review);\n"
        "CHANGE is FIELD +N, FIELD -N, FIELD VALUE, or param NAME=VALUE"),
     Complete::Change, &Session::whatif},
    {":analyze", NC_("usage", "[POLICY | diff A B] [--examples]"),
     N_("\nwhat the policy does for every possible provider (reachable outcomes per kind, dead rules),\n"
        "or, with diff, every class of provider the two policies in use decide differently: counts per kind,\n"
        "a line per region; --examples adds a witness (field=value) to each"),
     Complete::Policies, &Session::analyze},
    {":ask", NC_("usage", "[POLICY]"), N_("ask the questions that still decide the outcome, one at a time (an empty line stops)"),
     Complete::Policies, &Session::ask},
    {":quit", "", N_("leave (Ctrl-D too); Ctrl-C stops a running evaluation"), Complete::Nothing, nullptr},
};

const MetaCommand* find_command(std::string_view name) {
    if (name == ":q") name = ":quit";
    for (const auto& c : kCommands)
        if (c.name == name) return &c;
    return nullptr;
}

}  // namespace

bool Session::meta(const std::string& line) {
    const auto start = line.find_first_not_of(' ');
    const auto end = line.find(' ', start);
    const std::string name = start == std::string::npos ? "" : line.substr(start, end - start);
    std::string args = end == std::string::npos ? "" : line.substr(end);
    args.erase(0, args.find_first_not_of(' '));
    while (!args.empty() && std::isspace(static_cast<unsigned char>(args.back()))) args.pop_back();
    const MetaCommand* cmd = find_command(name);
    if (!cmd) {
        std::vector<std::string> all;
        for (const auto& c : kCommands) all.emplace_back(c.name);
        const auto near = closest_match(name, all);
        out_ << fmt::format(fmt::runtime(say("error: unknown command {}{}; :help lists them")), terminal_safe(name, 100),
                            near.empty() ? "" : fmt::format(fmt::runtime(say(" (did you mean {}?)")), near))
             << '\n';
        return true;
    }
    if (!cmd->run) return false;
    try {
        (this->*(cmd->run))(args);
    } catch (const std::exception& e) {
        out_ << fmt::format(fmt::runtime(say("error: {}")), terminal_safe(e.what())) << '\n';
    }
    return true;
}

void Session::help(const std::string&) {
    const Lang L = lang();
    for (const auto& c : kCommands) {
        const std::string usage = c.usage.empty() || L == Lang::En ? std::string(c.usage) : trc(L, "usage", std::string(c.usage).c_str());
        const std::string help = L == Lang::En ? std::string(c.help) : tr(L, std::string(c.help).c_str());
        const std::string head = usage.empty() ? std::string(c.name) : fmt::format("{} {}", c.name, usage);
        if (help.starts_with('\n')) {
            out_ << head;
            std::istringstream lines{help};
            for (std::string l; std::getline(lines, l);) out_ << (l.empty() ? "" : pad_to("", 24) + l) << '\n';
        } else {
            out_ << pad_to(head, 24) << help << '\n';
        }
    }
    out_ << say("Anything else is Lua: p.fte_regiebehandelaren = 8 changes a fact; run(\":eval\") runs a command.") << '\n';
}

std::vector<std::string> Session::completions(const std::string& line) const {
    std::vector<std::string> out;
    const auto w = split_words(line);
    const bool new_word = line.empty() || line.back() == ' ';
    const size_t position = new_word ? w.size() : w.size() - 1;  // index of the word being completed
    const Schema& schema = host_.schema();
    if (position == 0) {
        for (const auto& c : kCommands) out.emplace_back(c.name);
        out.push_back("p.");
        return out;
    }
    const MetaCommand* cmd = find_command(w[0]);
    const auto params = [&] {
        for (const auto& s : policies_)
            for (const auto& prm : s.policy.policy().params) out.push_back(prm.name + "=");
    };
    switch (cmd ? cmd->complete : Complete::Nothing) {
    case Complete::Policies:
        for (const auto& f : host_.catalog().policies()) out.push_back(f.id);
        break;
    case Complete::Agbs:
        for (const auto& [agb, _] : by_agb_) out.push_back(agb);
        break;
    case Complete::Params: params(); break;
    case Complete::Fields:
    case Complete::Change:
        if (position == 1) {
            for (const auto& f : schema.fields()) out.push_back(f.name);
            if (cmd->complete == Complete::Change) out.push_back("param");
        } else if (const Field* f = schema.find(w[1])) {
            if (f->type == FieldType::Enum) out = f->values;
            if (f->type == FieldType::Bool) out = {"true", "false"};
            out.push_back("unknown");
        } else if (w[1] == "param") {
            params();
        }
        break;
    case Complete::Files: break;  // readline's own file-name completion
    case Complete::Nothing:
        if (!cmd)
            for (const auto& f : schema.fields()) out.push_back("p." + f.name);
        break;
    }
    return out;
}

}  // namespace inkoop::cli

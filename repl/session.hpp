// The what-if workbench behind `inkoop repl`: loaded providers, the policies in use with their
// parameters, the current provider and its last decisions. Meta-commands (meta.cpp) are one
// table that drives dispatch, :help and completion.
#pragma once

#include <atomic>
#include <iosfwd>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "bindings/analyst_session.hpp"
#include "bindings/host.hpp"
#include "commands.hpp"

namespace inkoop::cli {

class Session final : public lua::SessionApi {
public:
    Session(const Globals& g, std::ostream& out, bool color);

    // Runs one meta-command line (":eval", ":set fte_regiebehandelaren 8"); false for :quit.
    bool meta(const std::string& line);
    void command(const std::string& line) override { meta(line); }
    const Provider* current() const override { return has_current_ ? &current_ : nullptr; }
    const Schema& schema() const override { return host_.schema(); }
    std::string set_field(const std::string& name, const std::optional<std::string>& text) override;

    // Words for tab completion after `line` (meta-commands, fields, enum values, policies, AGBs).
    std::vector<std::string> completions(const std::string& line) const;
    // From a signal handler: stops the running evaluation.
    void interrupt();
    void clear_interrupt() { interrupted_ = false; }

    // The session's language: --lang, else the first policy in use's, else the tree's (tree_lang_).
    Lang lang() const;
    // A message of the session (its msgid) in the session's language.
    std::string say(const char* msgid) const;

    // The meta-commands (meta.cpp's table calls these with the rest of the line).
    void help(const std::string&);
    void load(const std::string& path);
    // How :load reads a list (the command line's --input-format, --encoding, --sheet, --max-xlsx-mb).
    void set_list_options(const ListArgs& list) { list_ = list; }
    void use(const std::string& ids);
    void show(const std::string& agb);
    void new_provider(const std::string&);
    void set_command(const std::string& args);
    void unset_command(const std::string& name);
    void eval(const std::string& = {});
    void explain(const std::string& which);
    void analyze(const std::string& args);
    void diff(const std::string&);
    void params(const std::string& args);
    void reload(const std::string&);
    void flip(const std::string& which);
    void whatif(const std::string& args);
    // :ask [POLICY]: walks the current provider (a new one when there is none) through the
    // questions that still decide the policy's outcome, one at a time, in the document's order;
    // the insurer's own facts are never asked. While it asks, a line that is no command answers.
    void ask(const std::string& args);
    bool asking() const { return asking_; }
    // A line while asking: a value answers the question, "onbekend" (unknown) leaves it open and
    // asks the next one, an empty line stops asking.
    void answer(const std::string& line);

private:
    struct PolicySlot {
        std::string id;  // as given to :use
        host::LoadedPolicy policy;
        std::vector<std::string> settings;
        ParamValues params;
    };

    // A policy in use as :analyze, :flip and :whatif decide through it: a failure is the decision
    // the session shows for one (review point policy_error), and with `stop_on_interrupt` an
    // interrupt fails the next decision.
    class SlotEvaluator;

    Decision decision_for(PolicySlot& slot, const Provider& p, bool trace = false);
    Decision decision_with(PolicySlot& slot, const Provider& p, const ParamValues& params, bool trace);
    std::vector<Decision> decide_all(const Provider& p);
    void redecide_and_show_changes(const std::vector<Decision>& before);
    void print_decisions(const std::vector<Decision>& ds);
    void print_changes(const std::vector<Decision>& before, const std::vector<Decision>& after);
    void print_provider(const Provider& p);
    std::vector<const Policy*> policies_in_use() const;
    void apply_settings_to(PolicySlot& slot);
    PolicySlot& slot_for(const std::string& which);
    std::string paint(std::string_view text, Outcome o) const;
    bool require_current();

    host::Host host_;
    ListArgs list_;
    std::ostream& out_;
    bool color_;
    std::string lang_;  // --lang ("": each policy's own)
    Lang tree_lang_ = Lang::En;
    std::vector<PolicySlot> policies_;
    std::vector<std::string> settings_;
    std::vector<Provider> providers_;
    std::unordered_map<std::string, size_t> by_agb_;
    Provider current_;
    bool has_current_ = false;
    std::vector<Decision> last_;
    std::atomic<bool> interrupted_{false};
    // :ask's state: the policy asked about, the question put, the questions left open.
    bool asking_ = false;
    std::string ask_policy_;
    int asked_field_ = -1;
    std::vector<int> skipped_;
    size_t answered_ = 0;
    int ask_outcome_ = -1;  // the category last shown
    void ask_next();
};

}  // namespace inkoop::cli

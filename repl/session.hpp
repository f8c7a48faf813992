// The what-if workbench behind `inkoop repl`: loaded providers, the policies in use with their
// parameters, the current provider and its last decisions, and every meta-command.
#pragma once

#include <atomic>
#include <iosfwd>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "bindings/lua_evaluator.hpp"
#include "bindings/lua_session.hpp"
#include "bindings/policy_runtime.hpp"
#include "commands.hpp"
#include "core/catalog.hpp"

namespace inkoop::cli {

class Session final : public lua::SessionApi {
public:
    Session(const Globals& g, std::ostream& out, bool color);

    // Runs one meta-command line (":eval", ":set fte_regiebehandelaren 8"); false for :quit.
    bool meta(const std::string& line);
    void command(const std::string& line) override { meta(line); }
    const Provider* current() const override { return has_current_ ? &current_ : nullptr; }
    std::string set_field(const std::string& name, const std::optional<std::string>& text) override;

    // Words for tab completion after `line` (meta-commands, fields, enum values, policies, AGBs).
    std::vector<std::string> completions(const std::string& line) const;
    // From a signal handler: stops the running evaluation.
    void interrupt();
    void clear_interrupt() { interrupted_ = false; }

    // Loads policies and providers given on the command line.
    void use(const std::vector<std::string>& ids);
    void load(const std::string& path);

private:
    struct PolicySlot {
        std::string id;
        std::unique_ptr<lua::PolicyRuntime> runtime;
        std::vector<std::string> settings;
        ParamValues params;
    };

    void help();
    void show(const std::string& agb);
    void new_provider();
    void set_command(const std::string& args);
    void eval();
    void explain(const std::string& which);
    void diff();
    void params(const std::string& args);
    void reload();
    void flip(const std::string& which);
    void whatif(const std::string& args);

    Decision decide(PolicySlot& slot, const Provider& p, bool trace = false);
    std::vector<Decision> decide_all(const Provider& p);
    void print_decisions(const std::vector<Decision>& ds);
    void print_changes(const std::vector<Decision>& before, const std::vector<Decision>& after);
    void print_provider(const Provider& p);
    void apply_settings_to(PolicySlot& slot);
    PolicySlot& slot_for(const std::string& which);
    std::string paint(std::string_view text, Outcome o) const;
    bool require_current();

    const Globals& g_;
    Catalog catalog_;
    std::ostream& out_;
    bool color_;
    std::vector<PolicySlot> policies_;
    std::vector<std::string> settings_;
    std::vector<Provider> providers_;
    std::unordered_map<std::string, size_t> by_agb_;
    Provider current_;
    bool has_current_ = false;
    std::vector<Decision> last_;
    std::atomic<bool> interrupted_{false};
};

}  // namespace inkoop::cli

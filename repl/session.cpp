#include "session.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <fstream>
#include <iostream>
#include <sstream>

#include "core/decision_diff.hpp"
#include "core/flip.hpp"
#include "core/input.hpp"
#include "core/text.hpp"
#include "table.hpp"

namespace inkoop::cli {
namespace {

constexpr const char* kCommands[] = {":help", ":load", ":use", ":show", ":new", ":set", ":unset", ":eval", ":explain",
                                     ":diff", ":params", ":reload", ":flip", ":whatif", ":quit"};

std::pair<std::string, std::string> split_first(const std::string& s) {
    const auto start = s.find_first_not_of(' ');
    if (start == std::string::npos) return {"", ""};
    const auto end = s.find(' ', start);
    if (end == std::string::npos) return {s.substr(start), ""};
    const auto rest = s.find_first_not_of(' ', end);
    return {s.substr(start, end - start), rest == std::string::npos ? "" : s.substr(rest)};
}

std::vector<std::string> words(const std::string& s) {
    std::istringstream in(s);
    std::vector<std::string> w;
    for (std::string x; in >> x;) w.push_back(x);
    return w;
}

std::string contract_text(const Decision& d) {
    return d.contract ? d.contract->start.iso() + ".." + d.contract->end.iso() : "-";
}

std::string items_text(const char* label, const std::vector<Item>& items) {
    if (items.empty()) return "";
    std::string s = label;
    for (size_t i = 0; i < items.size(); ++i) s += fmt::format("{}{} {}", i ? ", " : " ", items[i].section.str(), items[i].code.str());
    return s;
}

std::string details(const Decision& d) {
    std::vector<std::string> parts;
    for (auto part : {items_text("grounds", d.grounds), items_text("review", d.review)})
        if (!part.empty()) parts.push_back(part);
    if (!d.missing.empty()) parts.push_back(fmt::format("missing {}", fmt::join(d.missing, ", ")));
    return fmt::format("{}", fmt::join(parts, "; "));
}

size_t idx(Outcome o) { return static_cast<size_t>(o); }
constexpr Outcome kOutcomes[] = {Outcome::Offer, Outcome::Review, Outcome::Refuse, Outcome::Incomplete};

}  // namespace

Session::Session(const Globals& g, std::ostream& out, bool color) : g_(g), catalog_(g.policy_dir), out_(out), color_(color) {}

std::string Session::paint(std::string_view text, Outcome o) const {
    if (!color_) return std::string(text);
    const char* code = o == Outcome::Offer ? "32" : o == Outcome::Refuse ? "31" : o == Outcome::Review ? "33" : "34";
    return fmt::format("\033[{}m{}\033[0m", code, text);
}

bool Session::meta(const std::string& line) {
    auto [cmd, args] = split_first(line);
    while (!args.empty() && std::isspace(static_cast<unsigned char>(args.back()))) args.pop_back();
    try {
        if (cmd == ":quit" || cmd == ":q") return false;
        if (cmd == ":help") help();
        else if (cmd == ":load") load(args);
        else if (cmd == ":use") use(words(args));
        else if (cmd == ":show") show(args);
        else if (cmd == ":new") new_provider();
        else if (cmd == ":set") set_command(args);
        else if (cmd == ":unset") {
            const std::string err = set_field(args, std::nullopt);
            if (!err.empty()) out_ << "error: " << err << '\n';
        } else if (cmd == ":eval") eval();
        else if (cmd == ":explain") explain(args);
        else if (cmd == ":diff") diff();
        else if (cmd == ":params") params(args);
        else if (cmd == ":reload") reload();
        else if (cmd == ":flip") flip(args);
        else if (cmd == ":whatif") whatif(args);
        else {
            std::vector<std::string> all(std::begin(kCommands), std::end(kCommands));
            const auto near = closest_match(cmd, all);
            out_ << fmt::format("error: unknown command {}{}; :help lists them\n", cmd, near.empty() ? "" : " (did you mean " + near + "?)");
        }
    } catch (const std::exception& e) {
        out_ << "error: " << terminal_safe(e.what()) << '\n';
    }
    return true;
}

void Session::help() {
    out_ << ":load FILE              load providers (CSV, JSONL or JSON array)\n"
            ":use POLICY...          the policies to decide under, side by side (:use +POLICY adds one)\n"
            ":show AGB               select a loaded provider and decide it\n"
            ":new                    start an empty provider (then :set agb ..., :set kind ...)\n"
            ":set FIELD VALUE        change a fact of the current provider (checked against the schema)\n"
            ":unset FIELD            make a fact unknown\n"
            ":eval                   the current provider's decisions\n"
            ":explain [POLICY]       every rule evaluated, with section, result and facts\n"
            ":diff                   how the first policy's decision differs from the others'\n"
            ":params [NAME=VALUE]    list scenario parameters, or set one\n"
            ":reload                 re-read the policies from disk, keeping providers and parameters\n"
            ":flip [POLICY]          the smallest changes of facts that make the policy propose a contract\n"
            ":whatif CHANGE [where FIELD=VALUE]\n"
            "                        apply CHANGE to every loaded provider and count the decisions that change:\n"
            "                        FIELD +N, FIELD -N, FIELD VALUE, or param NAME=VALUE\n"
            ":quit                   leave (Ctrl-D too); Ctrl-C stops a running evaluation\n"
            "Anything else is Lua: p.fte_regiebehandelaren = 8 changes a fact; run(\":eval\") runs a command.\n";
}

void Session::load(const std::string& path) {
    if (path.empty()) throw std::runtime_error(":load needs a file");
    OpenedInput in = open_input(path);
    SourceOptions options;
    options.format = format_from_extension(path);
    auto source = open_records(*in.source, options);
    std::vector<Provider> loaded;
    std::unordered_map<std::string, size_t> by_agb;
    size_t rejected = 0;
    for_each_row(*source, Schema::builtin(), path, [&](size_t, const Provider& p, const RowProblems& problems) {
        if (!problems.errors.empty()) {
            ++rejected;
            return;
        }
        by_agb.emplace(p.agb(), loaded.size());
        loaded.push_back(p);
    });
    for (const auto& note : source->take_notes()) out_ << terminal_safe(note) << '\n';
    providers_ = std::move(loaded);
    by_agb_ = std::move(by_agb);
    out_ << fmt::format("loaded {} providers from {}{}\n", providers_.size(), terminal_safe(path),
                        rejected ? fmt::format(" ({} rows rejected for bad input)", rejected) : "");
}

void Session::apply_settings_to(PolicySlot& slot) {
    std::vector<const Policy*> all;
    for (const auto& s : policies_) all.push_back(&s.runtime->policy());
    slot.settings = lua::settings_for(slot.runtime->policy(), all, settings_);
    slot.params = apply_settings(slot.runtime->policy(), slot.settings);
}

void Session::use(const std::vector<std::string>& ids) {
    if (ids.empty()) throw std::runtime_error(":use needs a policy id; `inkoop policies` lists them");
    std::vector<PolicySlot> next;
    if (ids.front().rfind('+', 0) == 0) next = std::move(policies_);
    for (auto id : ids) {
        if (id.rfind('+', 0) == 0) id.erase(0, 1);
        next.push_back({id, lua::load_policy(catalog_, id, g_.limits), {}, {}});
    }
    policies_ = std::move(next);
    for (auto& s : policies_) s.params = apply_settings(s.runtime->policy(), {});
    for (auto& s : policies_) apply_settings_to(s);
    std::vector<std::string> names;
    for (const auto& s : policies_) names.push_back(s.runtime->policy().info.id);
    out_ << fmt::format("using {}\n", fmt::join(names, ", "));
    if (has_current_) eval();
}

bool Session::require_current() {
    if (has_current_) return true;
    out_ << "error: no provider selected (:show AGB or :new)\n";
    return false;
}

void Session::show(const std::string& agb) {
    const auto it = by_agb_.find(agb);
    if (it == by_agb_.end()) throw std::runtime_error(fmt::format("no loaded provider has AGB {}", agb));
    current_ = providers_[it->second];
    has_current_ = true;
    print_provider(current_);
    eval();
}

void Session::new_provider() {
    current_ = Provider();
    has_current_ = true;
    last_.clear();
    out_ << "a new provider: every fact unknown\n";
}

void Session::print_provider(const Provider& p) {
    const Schema& s = Schema::builtin();
    std::vector<std::string> facts;
    for (const auto& f : s.fields())
        if (is_known(p[f.index])) facts.push_back(f.name + " = " + terminal_safe(format_value(p[f.index], f), 200));
    std::vector<std::vector<std::string>> rows;
    for (size_t i = 0; i < facts.size(); i += 3) {
        std::vector<std::string> row{"  " + facts[i]};
        for (size_t j = i + 1; j < std::min(facts.size(), i + 3); ++j) row.push_back(facts[j]);
        rows.push_back(row);
    }
    out_ << fmt::format("provider {} ({} known facts)\n", p.agb(), facts.size());
    print_table(out_, rows);
}

Decision Session::decide(PolicySlot& slot, const Provider& p, bool trace) {
    try {
        return slot.runtime->decide(p, slot.params, {.trace = trace, .passthrough = true});
    } catch (const std::exception& e) {
        Decision d;
        d.agb = p.agb();
        d.policy = slot.runtime->policy().info.id;
        d.review.push_back({"policy_error", "", e.what()});
        return d;
    }
}

std::vector<Decision> Session::decide_all(const Provider& p) {
    std::vector<Decision> ds;
    for (auto& s : policies_) ds.push_back(decide(s, p));
    return ds;
}

void Session::print_decisions(const std::vector<Decision>& ds) {
    std::vector<std::vector<std::string>> rows;
    for (const auto& d : ds)
        rows.push_back({d.policy, std::string(outcome_name(d.outcome)), contract_text(d), details(d)});
    std::ostringstream plain;
    print_table(plain, rows);
    if (!color_) {
        out_ << plain.str();
        return;
    }
    std::istringstream lines(plain.str());
    size_t i = 0;
    for (std::string line; std::getline(lines, line); ++i) {
        const std::string word(outcome_name(ds[i].outcome));
        const auto at = line.find(word, ds[i].policy.size());
        if (at != std::string::npos) line.replace(at, word.size(), paint(word, ds[i].outcome));
        out_ << line << '\n';
    }
}

void Session::print_changes(const std::vector<Decision>& before, const std::vector<Decision>& after) {
    for (size_t i = 0; i < after.size() && i < before.size(); ++i) {
        const Decision& a = before[i];
        const Decision& b = after[i];
        const auto changes = compare_decisions(a, b, 0);
        if (a.outcome == b.outcome)
            out_ << fmt::format("{}: {} (unchanged)\n", b.policy, paint(outcome_name(b.outcome), b.outcome));
        else
            out_ << fmt::format("{}: {} -> {}\n", b.policy, paint(outcome_name(a.outcome), a.outcome), paint(outcome_name(b.outcome), b.outcome));
        for (const auto& c : changes) out_ << format_change(c);
    }
}

void Session::eval() {
    if (!require_current()) return;
    if (policies_.empty()) {
        out_ << "error: no policy in use (:use POLICY)\n";
        return;
    }
    last_ = decide_all(current_);
    print_decisions(last_);
}

std::string Session::set_field(const std::string& name, const std::optional<std::string>& text) {
    if (!has_current_) return "no provider selected (:show AGB or :new)";
    const Field* f = Schema::builtin().find(name);
    if (!f) return fmt::format("provider has no field '{}'{}", name, Schema::builtin().did_you_mean(name));
    Value v;
    if (text) {
        const std::string t = *text == "unknown" ? "" : *text;
        if (auto err = parse_value(*f, t, v)) return fmt::format("field '{}': {}", name, *err);
    }
    const std::vector<Decision> before = last_.size() == policies_.size() ? last_ : decide_all(current_);
    const std::string old = is_known(current_[f->index]) ? format_value(current_[f->index], *f) : "unknown";
    current_[f->index] = std::move(v);
    const std::string now = is_known(current_[f->index]) ? format_value(current_[f->index], *f) : "unknown";
    out_ << fmt::format("{}: {} -> {}\n", name, old, now);
    last_ = decide_all(current_);
    print_changes(before, last_);
    return "";
}

void Session::set_command(const std::string& args) {
    const auto [name, value] = split_first(args);
    if (name.empty()) throw std::runtime_error(":set needs FIELD VALUE");
    const std::string err = set_field(name, value);
    if (!err.empty()) out_ << "error: " << err << '\n';
}

Session::PolicySlot& Session::slot_for(const std::string& which) {
    if (policies_.empty()) throw std::runtime_error("no policy in use (:use POLICY)");
    if (which.empty()) return policies_.front();
    for (auto& s : policies_)
        if (s.id == which || s.runtime->policy().info.id == which) return s;
    throw std::runtime_error(fmt::format("{} is not in use", which));
}

void Session::explain(const std::string& which) {
    if (!require_current()) return;
    for (auto& s : policies_) {
        if (!which.empty() && s.runtime->policy().info.id != which && s.id != which) continue;
        const Decision d = decide(s, current_, true);
        out_ << fmt::format("{}: {}\n", d.policy, paint(outcome_name(d.outcome), d.outcome));
        std::vector<std::vector<std::string>> rows;
        for (const auto& e : d.trace)
            rows.push_back({"  " + e.section, e.rule, e.result, fmt::format("{}", fmt::join(e.facts, "; "))});
        print_table(out_, rows);
    }
}

void Session::diff() {
    if (!require_current()) return;
    if (policies_.size() < 2) throw std::runtime_error(":diff needs two policies in use");
    const auto ds = decide_all(current_);
    for (size_t i = 1; i < ds.size(); ++i) {
        const int years = policies_[i].runtime->policy().info.year - policies_[0].runtime->policy().info.year;
        out_ << fmt::format("{} -> {}: {} -> {}\n", ds[0].policy, ds[i].policy, outcome_name(ds[0].outcome), outcome_name(ds[i].outcome));
        for (const auto& c : compare_decisions(ds[0], ds[i], years)) out_ << format_change(c);
    }
}

void Session::params(const std::string& args) {
    if (args.empty()) {
        for (const auto& s : policies_) {
            const Policy& p = s.runtime->policy();
            for (size_t i = 0; i < p.params.size(); ++i)
                out_ << fmt::format("{}  {} = {}  ({}, default {}; {}) {}\n", p.info.id, p.params[i].name,
                                    format_value(s.params.values[i], p.params[i].as_field()), type_name(p.params[i].type),
                                    format_value(p.params[i].default_value, p.params[i].as_field()), p.params[i].section,
                                    p.params[i].doc);
        }
        return;
    }
    const std::string name = args.substr(0, args.find('='));
    if (args.find('=') == std::string::npos) throw std::runtime_error(":params NAME=VALUE");
    const auto before_settings = settings_;
    settings_.erase(std::remove_if(settings_.begin(), settings_.end(), [&](const std::string& s) { return s.substr(0, s.find('=')) == name; }),
                    settings_.end());
    settings_.push_back(args);
    const std::vector<Decision> before = has_current_ ? decide_all(current_) : std::vector<Decision>{};
    try {
        for (auto& s : policies_) apply_settings_to(s);
    } catch (...) {
        settings_ = before_settings;
        for (auto& s : policies_) apply_settings_to(s);
        throw;
    }
    out_ << "set " << args << '\n';
    if (has_current_) {
        last_ = decide_all(current_);
        print_changes(before, last_);
    }
}

void Session::reload() {
    const std::vector<Decision> before = has_current_ ? decide_all(current_) : std::vector<Decision>{};
    for (auto& s : policies_) s.runtime = lua::load_policy(catalog_, s.id, g_.limits);
    for (auto& s : policies_) apply_settings_to(s);
    out_ << fmt::format("reloaded {} {}\n", policies_.size(), policies_.size() == 1 ? "policy" : "policies");
    if (has_current_) {
        last_ = decide_all(current_);
        print_changes(before, last_);
    }
}

void Session::flip(const std::string& which) {
    if (!require_current()) return;
    PolicySlot& slot = slot_for(which);
    const Policy& policy = slot.runtime->policy();
    const auto result = search_flips(policy, current_, slot.params, [&](const Provider& p) {
        if (interrupted_) throw std::runtime_error("interrupted");
        return decide(slot, p);
    });
    const Decision now = decide(slot, current_);
    if (now.outcome == Outcome::Offer || now.outcome == Outcome::Review) {
        out_ << fmt::format("{} already proposes a contract ({})\n", policy.info.id, outcome_name(now.outcome));
        return;
    }
    if (result.solutions.empty()) {
        out_ << fmt::format("{}: no change of at most 3 facts makes it propose a contract ({} evaluations{})\n", policy.info.id,
                            result.evaluations, result.exhausted ? ", search budget spent" : "");
        return;
    }
    out_ << fmt::format("{}: {} -> smallest changes that lead to a contract ({} evaluations):\n", policy.info.id,
                        outcome_name(now.outcome), result.evaluations);
    for (size_t i = 0; i < result.solutions.size(); ++i) {
        const auto& sol = result.solutions[i];
        std::vector<std::string> parts;
        for (const auto& c : sol.changes) parts.push_back(describe_change(c));
        out_ << fmt::format("  {}. {} -> {}\n", i + 1, fmt::join(parts, " and "), paint(outcome_name(sol.outcome), sol.outcome));
    }
}

void Session::whatif(const std::string& args) {
    if (providers_.empty()) throw std::runtime_error("no providers loaded (:load FILE)");
    if (policies_.empty()) throw std::runtime_error("no policy in use (:use POLICY)");
    // Split off "where FIELD=VALUE".
    std::string change = args, filter;
    if (const auto w = args.find(" where "); w != std::string::npos) {
        change = args.substr(0, w);
        filter = args.substr(w + 7);
    }
    const Field* filter_field = nullptr;
    Value filter_value;
    if (!filter.empty()) {
        const auto eq = filter.find('=');
        filter_field = Schema::builtin().find(filter.substr(0, eq));
        if (eq == std::string::npos || !filter_field) throw std::runtime_error("where FIELD=VALUE with a schema field");
        if (auto err = parse_value(*filter_field, filter.substr(eq + 1), filter_value)) throw std::runtime_error(*err);
    }
    const auto cw = words(change);
    if (cw.empty()) throw std::runtime_error(":whatif FIELD +N | FIELD -N | FIELD VALUE | param NAME=VALUE");

    // The change as a function on a provider copy (false: it does not apply to this provider).
    std::function<bool(Provider&)> apply;
    std::vector<std::string> param_settings;
    if (cw[0] == "param") {
        if (cw.size() != 2) throw std::runtime_error(":whatif param NAME=VALUE");
        param_settings = settings_;
        param_settings.push_back(cw[1]);
        apply = [](Provider&) { return true; };
    } else {
        const Field* f = Schema::builtin().find(cw[0]);
        if (!f) throw std::runtime_error(fmt::format("provider has no field '{}'{}", cw[0], Schema::builtin().did_you_mean(cw[0])));
        const std::string rest = cw.size() > 1 ? change.substr(change.find(cw[1])) : "";
        if (!rest.empty() && (rest[0] == '+' || rest[0] == '-') && (f->type == FieldType::Number || f->type == FieldType::Int)) {
            const double delta = std::stod(rest);
            apply = [f, delta](Provider& p) {
                const auto n = as_number(p[f->index]);
                if (!n) return false;
                if (f->type == FieldType::Int) p[f->index] = static_cast<int64_t>(*n + delta);
                else p[f->index] = *n + delta;
                return true;
            };
        } else {
            Value v;
            if (auto err = parse_value(*f, rest == "unknown" ? "" : rest, v)) throw std::runtime_error(*err);
            apply = [f, v](Provider& p) {
                p[f->index] = v;
                return true;
            };
        }
    }
    std::vector<ParamValues> changed_params;
    std::vector<const Policy*> all;
    for (auto& s : policies_) all.push_back(&s.runtime->policy());
    for (auto& s : policies_)
        changed_params.push_back(param_settings.empty() ? s.params
                                                        : apply_settings(s.runtime->policy(), lua::settings_for(s.runtime->policy(), all, param_settings)));

    struct Tally {
        std::array<std::array<size_t, 4>, 4> matrix{};
        size_t changed = 0;
        std::vector<std::string> examples;
        size_t examples_moved = 0;
    };
    std::vector<Tally> tallies(policies_.size());
    size_t considered = 0;
    for (const auto& p : providers_) {
        if (interrupted_) throw std::runtime_error("interrupted");
        if (filter_field && p[filter_field->index] != filter_value) continue;
        Provider q = p;
        if (!apply(q)) continue;
        ++considered;
        for (size_t i = 0; i < policies_.size(); ++i) {
            PolicySlot& s = policies_[i];
            const Decision a = decide(s, p);
            const ParamValues saved = s.params;
            s.params = changed_params[i];
            const Decision b = decide(s, q);
            s.params = saved;
            ++tallies[i].matrix[idx(a.outcome)][idx(b.outcome)];
            const auto diffs = compare_decisions(a, b, 0);
            if (a.outcome == b.outcome && diffs.empty()) continue;
            ++tallies[i].changed;
            // Examples: outcome changes first, then other changes while there is room.
            const bool moved = a.outcome != b.outcome;
            if (tallies[i].examples.size() < 3 || (moved && tallies[i].examples_moved < 3)) {
                std::vector<std::string> why;
                for (const auto& c : diffs)
                    if (c.what == "ground" || c.what == "review" || c.what == "missing") why.push_back(c.sign + c.section + (c.section.empty() ? "" : " ") + c.code);
                auto example = fmt::format("{} {} -> {}{}{}", a.agb, outcome_name(a.outcome), outcome_name(b.outcome),
                                           why.empty() ? "" : ": ", fmt::join(why, ", "));
                auto& ex = tallies[i].examples;
                if (moved) {
                    ex.insert(ex.begin() + static_cast<long>(tallies[i].examples_moved), std::move(example));
                    ++tallies[i].examples_moved;
                } else {
                    ex.push_back(std::move(example));
                }
                if (ex.size() > 3) ex.resize(3);
            }
        }
    }
    out_ << fmt::format("what if {}{}: {} providers considered\n", change, filter.empty() ? "" : " where " + filter, considered);
    for (size_t i = 0; i < policies_.size(); ++i) {
        const Tally& t = tallies[i];
        std::vector<std::string> moves;
        for (Outcome a : kOutcomes)
            for (Outcome b : kOutcomes)
                if (a != b && t.matrix[idx(a)][idx(b)])
                    moves.push_back(fmt::format("{} -> {} {}", outcome_name(a), outcome_name(b), t.matrix[idx(a)][idx(b)]));
        out_ << fmt::format("{}: {} decisions change{}{}\n", policies_[i].runtime->policy().info.id, t.changed,
                            moves.empty() ? "" : "; ", fmt::join(moves, ", "));
        for (const auto& e : t.examples) out_ << "    e.g. " << e << '\n';
    }
}

void Session::interrupt() {
    interrupted_ = true;
    for (auto& s : policies_) s.runtime->sandbox().interrupt();
}

std::vector<std::string> Session::completions(const std::string& line) const {
    std::vector<std::string> out;
    const auto w = words(line);
    const bool new_word = line.empty() || line.back() == ' ';
    const size_t position = new_word ? w.size() : w.size() - 1;  // index of the word being completed
    const Schema& schema = Schema::builtin();
    const auto fields = [&] {
        for (const auto& f : schema.fields()) out.push_back(f.name);
    };
    if (position == 0) {
        out.assign(std::begin(kCommands), std::end(kCommands));
        out.push_back("p.");
        return out;
    }
    const std::string& cmd = w[0];
    if (cmd == ":use" || cmd == ":explain" || cmd == ":flip") {
        for (const auto& f : catalog_.policies()) out.push_back(f.id);
    } else if (cmd == ":show") {
        for (const auto& [agb, _] : by_agb_) out.push_back(agb);
    } else if (cmd == ":set" || cmd == ":unset" || cmd == ":whatif") {
        if (position == 1) {
            fields();
            if (cmd == ":whatif") out.push_back("param");
        } else if (const Field* f = schema.find(w[1])) {
            if (f->type == FieldType::Enum) out = f->values;
            if (f->type == FieldType::Bool) out = {"true", "false"};
            out.push_back("unknown");
        } else if (w[1] == "param") {
            for (const auto& s : policies_)
                for (const auto& prm : s.runtime->policy().params) out.push_back(prm.name + "=");
        }
    } else if (cmd == ":params") {
        for (const auto& s : policies_)
            for (const auto& prm : s.runtime->policy().params) out.push_back(prm.name + "=");
    } else if (cmd == ":load") {
        return out;  // file names: readline's own completion
    } else {
        for (const auto& f : schema.fields()) out.push_back("p." + f.name);
    }
    return out;
}

}  // namespace inkoop::cli

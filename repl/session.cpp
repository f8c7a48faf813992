#include "session.hpp"

#include "core/formats/terminal_text.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <iostream>
#include <sstream>

#include "core/base/text.hpp"
#include "core/formats/input.hpp"
#include "core/model/decision_diff.hpp"
#include "list_input.hpp"
#include "table.hpp"

namespace inkoop::cli {
namespace {

std::string contract_text(const Decision& d) { return d.contract ? d.contract->start.iso() + ".." + d.contract->end.iso() : "-"; }

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
    if (!d.open_facts.empty()) parts.push_back(fmt::format("still unknown {}", fmt::join(d.open_facts, ", ")));
    return fmt::format("{}", fmt::join(parts, "; "));
}

}  // namespace

Session::Session(const Globals& g, std::ostream& out, bool color)
    : engine_(make_engine(g)), out_(out), color_(color), lang_(g.lang), current_(engine_.schema()) {}

std::string Session::paint(std::string_view text, Outcome o) const { return paint_outcome(text, o, color_); }

void Session::load(const std::string& path) {
    if (path.empty()) throw std::runtime_error(":load needs a file");
    LoadedList list = read_list(engine_.schema(), list_, path);
    std::unordered_map<std::string, size_t> by_agb;
    for (size_t i = 0; i < list.providers.size(); ++i) by_agb.emplace(list.providers[i].agb(), i);
    const size_t rejected = list.rejected;
    for (const auto& note : list.notes) out_ << terminal_safe(note) << '\n';
    providers_ = std::move(list.providers);
    by_agb_ = std::move(by_agb);
    out_ << fmt::format("loaded {} providers from {}{}\n", providers_.size(), terminal_safe(path),
                        rejected ? fmt::format(" ({} rows rejected for bad input)", rejected) : "");
}

std::vector<const Policy*> Session::policies_in_use() const {
    std::vector<const Policy*> all;
    for (const auto& s : policies_) all.push_back(&s.policy.policy());
    return all;
}

void Session::apply_settings_to(PolicySlot& slot) {
    slot.settings = settings_for(slot.policy.policy(), policies_in_use(), settings_);
    slot.params = apply_settings(slot.policy.policy(), slot.settings);
}

void Session::use(const std::string& args) {
    const auto ids = split_words(args);
    if (ids.empty()) throw std::runtime_error(":use needs a policy id; `inkoop policies` lists them");
    std::vector<PolicySlot> next;
    if (ids.front().rfind('+', 0) == 0) next = std::move(policies_);
    for (auto id : ids) {
        if (id.rfind('+', 0) == 0) id.erase(0, 1);
        auto loaded = engine_.load(id);
        next.push_back({id, std::move(loaded), {}, {}});
    }
    policies_ = std::move(next);
    for (auto& s : policies_) s.params = apply_settings(s.policy.policy(), {});
    for (auto& s : policies_) apply_settings_to(s);
    std::vector<std::string> names;
    for (const auto& s : policies_) names.push_back(s.policy.id());
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

void Session::new_provider(const std::string&) {
    current_ = Provider(engine_.schema());
    has_current_ = true;
    last_.clear();
    out_ << "a new provider: every fact unknown\n";
}

void Session::print_provider(const Provider& p) {
    const Schema& s = engine_.schema();
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

Decision Session::decide_with(PolicySlot& slot, const Provider& p, const ParamValues& params, bool trace) {
    try {
        return slot.policy.decide(p, params, {.trace = trace, .passthrough = true});
    } catch (const std::exception& e) {
        Decision d;
        d.agb = p.agb();
        d.policy = slot.policy.id();
        d.review.push_back({"policy_error", "", e.what()});
        return d;
    }
}

Decision Session::decide(PolicySlot& slot, const Provider& p, bool trace) { return decide_with(slot, p, slot.params, trace); }

std::vector<Decision> Session::decide_all(const Provider& p) {
    std::vector<Decision> ds;
    for (auto& s : policies_) ds.push_back(decide(s, p));
    return ds;
}

void Session::print_decisions(const std::vector<Decision>& ds) {
    std::vector<std::vector<std::string>> rows;
    for (const auto& d : ds) rows.push_back({d.policy, std::string(outcome_name(d.outcome)), contract_text(d), details(d)});
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
        if (a.outcome == b.outcome)
            out_ << fmt::format("{}: {} (unchanged)\n", b.policy, paint(outcome_name(b.outcome), b.outcome));
        else
            out_ << fmt::format("{}: {} -> {}\n", b.policy, paint(outcome_name(a.outcome), a.outcome),
                                paint(outcome_name(b.outcome), b.outcome));
        for (const auto& c : compare_decisions(a, b, 0)) out_ << format_change(c, Lang::En);
    }
}

void Session::redecide_and_show_changes(const std::vector<Decision>& before) {
    if (!has_current_) return;
    last_ = decide_all(current_);
    print_changes(before, last_);
}

void Session::eval(const std::string&) {
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
    const Field* f = engine_.schema().find(name);
    if (!f) return fmt::format("provider has no field '{}'{}", name, engine_.schema().did_you_mean(name));
    Value v;
    if (text) {
        const std::string t = *text == "unknown" ? "" : *text;
        if (auto err = parse_value(*f, t, v)) return fmt::format("field '{}': {}", name, err->text(Lang::En));
    }
    const std::vector<Decision> before = last_.size() == policies_.size() ? last_ : decide_all(current_);
    const std::string old = is_known(current_[f->index]) ? format_value(current_[f->index], *f) : "unknown";
    current_[f->index] = std::move(v);
    const std::string now = is_known(current_[f->index]) ? format_value(current_[f->index], *f) : "unknown";
    out_ << fmt::format("{}: {} -> {}\n", name, old, now);
    redecide_and_show_changes(before);
    return "";
}

void Session::set_command(const std::string& args) {
    const auto space = args.find(' ');
    // :set NAME=VALUE for a parameter of a policy in use (fields are set as FIELD VALUE).
    if (const auto eq = args.find('='); eq != std::string::npos && eq < space) {
        const std::string name = args.substr(0, eq);
        for (const auto& s : policies_)
            if (s.policy.policy().find_param(name)) return params(args);
    }
    if (args.empty() || space == std::string::npos) throw std::runtime_error(":set needs FIELD VALUE, or NAME=VALUE for a parameter");
    const std::string err = set_field(args.substr(0, space), args.substr(args.find_first_not_of(' ', space)));
    if (!err.empty()) out_ << "error: " << err << '\n';
}

void Session::unset_command(const std::string& name) {
    const std::string err = set_field(name, std::nullopt);
    if (!err.empty()) out_ << "error: " << err << '\n';
}

Session::PolicySlot& Session::slot_for(const std::string& which) {
    if (policies_.empty()) throw std::runtime_error("no policy in use (:use POLICY)");
    if (which.empty()) return policies_.front();
    for (auto& s : policies_)
        if (s.id == which || s.policy.id() == which) return s;
    throw std::runtime_error(fmt::format("{} is not in use", which));
}

void Session::params(const std::string& args) {
    if (args.empty()) {
        for (const auto& s : policies_) {
            const Policy& p = s.policy.policy();
            for (size_t i = 0; i < p.params.size(); ++i) {
                const Param& prm = p.params[i];
                if (!prm.withdrawn.empty()) continue;
                out_ << fmt::format("{}  {} = {}{}  ({}, default {}; {}) {}\n", p.info.id, prm.name,
                                    format_value(s.params.values[i], prm.as_field()), prm.unit.empty() ? "" : " " + prm.unit,
                                    type_name(prm.type), format_value(prm.default_value, prm.as_field()), prm.section, prm.doc);
            }
        }
        return;
    }
    if (args.find('=') == std::string::npos) throw std::runtime_error(":params NAME=VALUE");
    const std::string name = args.substr(0, args.find('='));
    const auto before_settings = settings_;
    std::erase_if(settings_, [&](const std::string& s) { return s.substr(0, s.find('=')) == name; });
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
    redecide_and_show_changes(before);
}

void Session::reload(const std::string&) {
    const std::vector<Decision> before = has_current_ ? decide_all(current_) : std::vector<Decision>{};
    for (auto& s : policies_) s.policy = engine_.load(s.id);
    for (auto& s : policies_) apply_settings_to(s);
    out_ << fmt::format("reloaded {} {}\n", policies_.size(), policies_.size() == 1 ? "policy" : "policies");
    redecide_and_show_changes(before);
}

void Session::interrupt() {
    interrupted_ = true;
    for (auto& s : policies_) s.policy.interrupt();
}

}  // namespace inkoop::cli

#include "session.hpp"

#include "core/formats/terminal_text.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <iostream>
#include <sstream>

#include "core/base/i18n.hpp"
#include "core/base/text.hpp"
#include "core/formats/input.hpp"
#include "core/model/decision_diff.hpp"
#include "core/model/outcome_words.hpp"
#include "list_input.hpp"
#include "table.hpp"

namespace inkoop::cli {
namespace {

// A contract's period: "2024-01-01..2024-12-31" in English, "01-01-2024 t/m 31-12-2024" in Dutch.
std::string contract_text(const Decision& d, Lang L) {
    if (!d.contract) return "-";
    if (L == Lang::En) return d.contract->start.iso() + ".." + d.contract->end.iso();
    return fmt::format(fmt::runtime(tr(L, "{} to {}")), d.contract->start.table(L), d.contract->end.table(L));
}

std::string items_text(const char* label, const std::vector<Item>& items, Lang L) {
    if (items.empty()) return "";
    std::string s = L == Lang::En ? label : trc(L, "session", label);
    for (size_t i = 0; i < items.size(); ++i) s += fmt::format("{}{} {}", i ? ", " : " ", items[i].section.str(), items[i].code.str());
    return s;
}

std::string details(const Decision& d, Lang L) {
    std::vector<std::string> parts;
    for (auto part : {items_text(NC_("session", "grounds"), d.grounds, L), items_text(NC_("session", "review"), d.review, L)})
        if (!part.empty()) parts.push_back(part);
    const auto fields = [&](const char* what, const std::vector<std::string>& names) {
        return fmt::format("{} {}", L == Lang::En ? what : trc(L, "session", what), fmt::join(names, ", "));
    };
    if (!d.missing.empty()) parts.push_back(fields(NC_("session", "missing"), d.missing));
    if (!d.open_facts.empty()) parts.push_back(fields(NC_("session", "still unknown"), d.open_facts));
    return fmt::format("{}", fmt::join(parts, "; "));
}

// A parameter's type in `L` ("number" / "getal").
std::string type_words(FieldType t, Lang L) {
    static constexpr const char* kTypes[] = {NC_("type", "string"), NC_("type", "bool"), NC_("type", "number"),
                                             NC_("type", "int"),    NC_("type", "date"), NC_("type", "enum")};
    const std::string name(type_name(t));
    if (L == Lang::En) return name;
    for (const char* k : kTypes)
        if (name == k) return trc(L, "type", k);
    return name;
}

// A fact's value as the session shows it: as the schema writes it in English; yes/no, a decimal
// comma and "onbekend" in Dutch (the codes of enum values stay: :set takes them).
std::string value_text(const Value& v, const Field& f, Lang L) {
    if (!is_known(v)) return L == Lang::En ? "unknown" : tr(L, "unknown");
    if (L == Lang::En || std::holds_alternative<EnumValue>(v) || std::holds_alternative<std::string>(v)) return format_value(v, f);
    if (const auto* b = std::get_if<bool>(&v)) return trc(L, "answer", *b ? "yes" : "no");
    if (const auto* d = std::get_if<Date>(&v)) return d->table(L);
    if (const auto n = as_number(v)) return shortest_number_text(L, *n, 4);
    return format_value(v, f);
}

}  // namespace

Session::Session(const Globals& g, std::ostream& out, bool color)
    : host_(make_host(g)), out_(out), color_(color), lang_(g.lang), current_(host_.schema()) {
    // Before a policy is in use, the session speaks the language of the tree's first policy.
    if (lang_from_name(lang_)) return;
    try {
        const auto files = host_.catalog().policies();
        if (!files.empty()) tree_lang_ = output_lang("", &host_.load(files.front().id).policy());
    } catch (const std::exception&) {
    }
}

Lang Session::lang() const {
    if (const auto l = lang_from_name(lang_)) return *l;
    if (!policies_.empty()) return output_lang("", &policies_.front().policy.policy());
    return tree_lang_;
}

// A message of the session in its language.
std::string Session::say(const char* msgid) const { return tr(lang(), msgid); }

std::string Session::paint(std::string_view text, Outcome o) const { return paint_outcome(text, o, color_); }

void Session::load(const std::string& path) {
    if (path.empty()) throw std::runtime_error(say(":load needs a file"));
    LoadedList list = read_list(host_.schema(), list_, path);
    std::unordered_map<std::string, size_t> by_agb;
    for (size_t i = 0; i < list.providers.size(); ++i) by_agb.emplace(list.providers[i].agb(), i);
    const size_t rejected = list.rejected;
    for (const auto& note : list.notes) out_ << terminal_safe(note) << '\n';
    providers_ = std::move(list.providers);
    by_agb_ = std::move(by_agb);
    out_ << fmt::format(fmt::runtime(say("loaded {} providers from {}{}")), count_text(lang(), providers_.size()), terminal_safe(path),
                        rejected ? fmt::format(fmt::runtime(say(" ({} rows rejected for bad input)")), count_text(lang(), rejected)) : "")
         << '\n';
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
    if (ids.empty()) throw std::runtime_error(say(":use needs a policy id; `inkoop policies` lists them"));
    std::vector<PolicySlot> next;
    if (ids.front().rfind('+', 0) == 0) next = std::move(policies_);
    for (auto id : ids) {
        if (id.rfind('+', 0) == 0) id.erase(0, 1);
        auto loaded = host_.load(id);
        next.push_back({id, std::move(loaded), {}, {}});
    }
    policies_ = std::move(next);
    for (auto& s : policies_) s.params = apply_settings(s.policy.policy(), {});
    for (auto& s : policies_) apply_settings_to(s);
    std::vector<std::string> names;
    for (const auto& s : policies_) names.push_back(s.policy.id());
    out_ << fmt::format(fmt::runtime(say("using {}")), fmt::join(names, ", ")) << '\n';
    if (has_current_) eval();
}

bool Session::require_current() {
    if (has_current_) return true;
    out_ << say("error: no provider selected (:show AGB or :new)") << '\n';
    return false;
}

void Session::show(const std::string& agb) {
    const auto it = by_agb_.find(agb);
    if (it == by_agb_.end()) throw std::runtime_error(fmt::format(fmt::runtime(say("no loaded provider has AGB {}")), agb));
    current_ = providers_[it->second];
    has_current_ = true;
    print_provider(current_);
    eval();
}

void Session::new_provider(const std::string&) {
    current_ = Provider(host_.schema());
    has_current_ = true;
    last_.clear();
    out_ << say("a new provider: every fact unknown") << '\n';
}

void Session::print_provider(const Provider& p) {
    const Schema& s = host_.schema();
    std::vector<std::string> facts;
    for (const auto& f : s.fields())
        if (is_known(p[f.index])) facts.push_back(f.name + " = " + terminal_safe(value_text(p[f.index], f, lang()), 200));
    std::vector<std::vector<std::string>> rows;
    for (size_t i = 0; i < facts.size(); i += 3) {
        std::vector<std::string> row{"  " + facts[i]};
        for (size_t j = i + 1; j < std::min(facts.size(), i + 3); ++j) row.push_back(facts[j]);
        rows.push_back(row);
    }
    out_ << fmt::format(fmt::runtime(say("provider {} ({} known facts)")), p.agb(), facts.size()) << '\n';
    print_table(out_, rows);
}

Decision Session::decision_with(PolicySlot& slot, const Provider& p, const ParamValues& params, bool trace) {
    try {
        return slot.policy.decide_or_throw(0, p, params, {.trace = trace, .passthrough = true});
    } catch (const std::exception& e) {
        Decision d;
        d.agb = p.agb();
        d.policy = slot.policy.id();
        d.review.push_back({"policy_error", "", e.what()});
        return d;
    }
}

Decision Session::decision_for(PolicySlot& slot, const Provider& p, bool trace) { return decision_with(slot, p, slot.params, trace); }

std::vector<Decision> Session::decide_all(const Provider& p) {
    std::vector<Decision> ds;
    for (auto& s : policies_) ds.push_back(decision_for(s, p));
    return ds;
}

void Session::print_decisions(const std::vector<Decision>& ds) {
    std::vector<std::vector<std::string>> rows;
    const Lang L = lang();
    for (const auto& d : ds) rows.push_back({d.policy, outcome_word(d.outcome, L), contract_text(d, L), details(d, L)});
    std::ostringstream plain;
    print_table(plain, rows);
    if (!color_) {
        out_ << plain.str();
        return;
    }
    std::istringstream lines(plain.str());
    size_t i = 0;
    for (std::string line; std::getline(lines, line); ++i) {
        const std::string word = outcome_word(ds[i].outcome, L);
        const auto at = line.find(word, ds[i].policy.size());
        if (at != std::string::npos) line.replace(at, word.size(), paint(word, ds[i].outcome));
        out_ << line << '\n';
    }
}

void Session::print_changes(const std::vector<Decision>& before, const std::vector<Decision>& after) {
    for (size_t i = 0; i < after.size() && i < before.size(); ++i) {
        const Decision& a = before[i];
        const Decision& b = after[i];
        const Lang L = lang();
        if (a.outcome == b.outcome)
            out_ << fmt::format(fmt::runtime(say("{}: {} (unchanged)")), b.policy, paint(outcome_word(b.outcome, L), b.outcome)) << '\n';
        else
            out_ << fmt::format("{}: {} -> {}\n", b.policy, paint(outcome_word(a.outcome, L), a.outcome),
                                paint(outcome_word(b.outcome, L), b.outcome));
        for (const auto& c : compare_decisions(a, b, 0)) out_ << format_change(c, L);
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
        out_ << say("error: no policy in use (:use POLICY)") << '\n';
        return;
    }
    last_ = decide_all(current_);
    print_decisions(last_);
}

std::string Session::set_field(const std::string& name, const std::optional<std::string>& text) {
    if (!has_current_) return say("no provider selected (:show AGB or :new)");
    const Field* f = host_.schema().find(name);
    if (!f) {
        const std::string near = host_.schema().suggest(name);
        return fmt::format(fmt::runtime(say("provider has no field '{}'{}")), name,
                           near.empty() ? "" : fmt::format(fmt::runtime(say(" (did you mean {}?)")), near));
    }
    Value v;
    if (text) {
        const std::string t = *text == "unknown" || *text == say("unknown") ? "" : *text;
        // A Dutch session shows decimal commas ("9,3"), and takes them.
        if (auto err = parse_value(*f, t, v, {.decimal_comma = lang() != Lang::En}))
            return fmt::format(fmt::runtime(say("field '{}': {}")), name, err->text(lang()));
    }
    const std::vector<Decision> before = last_.size() == policies_.size() ? last_ : decide_all(current_);
    const std::string old = value_text(current_[f->index], *f, lang());
    current_[f->index] = std::move(v);
    const std::string now = value_text(current_[f->index], *f, lang());
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
    if (args.empty() || space == std::string::npos) throw std::runtime_error(say(":set needs FIELD VALUE, or NAME=VALUE for a parameter"));
    const std::string err = set_field(args.substr(0, space), args.substr(args.find_first_not_of(' ', space)));
    if (!err.empty()) out_ << fmt::format(fmt::runtime(say("error: {}")), err) << '\n';
}

void Session::unset_command(const std::string& name) {
    const std::string err = set_field(name, std::nullopt);
    if (!err.empty()) out_ << fmt::format(fmt::runtime(say("error: {}")), err) << '\n';
}

Session::PolicySlot& Session::slot_for(const std::string& which) {
    if (policies_.empty()) throw std::runtime_error(say("no policy in use (:use POLICY)"));
    if (which.empty()) return policies_.front();
    for (auto& s : policies_)
        if (s.id == which || s.policy.id() == which) return s;
    throw std::runtime_error(fmt::format(fmt::runtime(say("{} is not in use")), which));
}

void Session::params(const std::string& args) {
    if (args.empty()) {
        for (const auto& s : policies_) {
            const Policy& p = s.policy.policy();
            for (size_t i = 0; i < p.params.size(); ++i) {
                const Param& prm = p.params[i];
                if (!prm.withdrawn.empty()) continue;
                const Field f = prm.as_field();
                out_ << fmt::format(fmt::runtime(say("{}  {} = {}{}  ({}, default {}; {}) {}")), p.info.id, prm.name,
                                    value_text(s.params.values[i], f, lang()), prm.unit.empty() ? "" : " " + prm.unit,
                                    type_words(prm.type, lang()), value_text(prm.default_value, f, lang()), prm.section, prm.doc)
                     << '\n';
            }
        }
        return;
    }
    if (args.find('=') == std::string::npos) throw std::runtime_error(say(":params NAME=VALUE"));
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
    out_ << fmt::format(fmt::runtime(say("set {}")), args) << '\n';
    redecide_and_show_changes(before);
}

void Session::reload(const std::string&) {
    const std::vector<Decision> before = has_current_ ? decide_all(current_) : std::vector<Decision>{};
    for (auto& s : policies_) s.policy = host_.load(s.id);
    for (auto& s : policies_) apply_settings_to(s);
    out_ << fmt::format(fmt::runtime(say(policies_.size() == 1 ? N_("reloaded {} policy") : N_("reloaded {} policies"))), policies_.size())
         << '\n';
    redecide_and_show_changes(before);
}

void Session::interrupt() {
    interrupted_ = true;
    for (auto& s : policies_) s.policy.interrupt();
}

}  // namespace inkoop::cli

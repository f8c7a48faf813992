#include "core/engine/decide.hpp"

#include <algorithm>
#include <stdexcept>

namespace inkoop {

namespace {

Tri tri_and(Tri a, Tri b) {
    if (a == Tri::False || b == Tri::False) return Tri::False;
    if (a == Tri::Unknown || b == Tri::Unknown) return Tri::Unknown;
    return Tri::True;
}

// A rule that can only add a condition, a setting, an exclusion or a surcharge: the outcome does
// not depend on it.
bool only_adds(Effect e) {
    return e == Effect::ConditionIf || e == Effect::IfRefused || e == Effect::SettingIf || e == Effect::ExcludeIf ||
           e == Effect::SurchargeIf;
}

std::string_view effect_word(Effect e) {
    switch (e) {
    case Effect::SettingIf: return "setting";
    case Effect::ExcludeIf: return "exclusion";
    case Effect::SurchargeIf: return "surcharge";
    default: return "condition";
    }
}

std::string_view result_word(Effect e, Tri holds) {
    if (holds == Tri::Unknown) return "unknown";
    if (e == Effect::Require) return holds == Tri::True ? "fail" : "pass";
    return holds == Tri::True ? "holds" : "no";
}

class RuleWalk {
public:
    RuleWalk(const Policy& policy, const Provider& provider, const ParamValues& params, PolicyScripts* scripts, DecideOptions options,
             Decision& out)
        : policy_(policy), env_{provider, provider.schema(), params, scripts}, gate_env_{provider, provider.schema(), params, scripts,
                                                                                         true},
          scripts_(scripts), options_(options), d_(out) {}

    void run() {
        d_.clear();
        d_.agb.assign(env_.provider.agb_view());
        if (d_.policy != policy_.info.id) d_.policy = policy_.info.id;
        if (options_.passthrough) d_.passthrough = env_.provider.passthrough;
        if (check_scope()) {
            for (const auto& rule : policy_.rules)
                if (rule.effect != Effect::IfRefused) apply(rule);
            settle();
        }
        finish_missing();
    }

private:
    // False when the provider is out of scope (the decision is then complete).
    bool check_scope() {
        const Field* const kind = env_.schema.kind();
        if (!kind) throw std::runtime_error("the provider schema has no field 'kind', which scopes every policy");
        const Value& v = env_.provider[kind->index];
        const auto* e = std::get_if<EnumValue>(&v);
        if (!e) {
            missing_.push_back(kind->index);
            if (options_.trace) trace({"scope", policy_.scope.section, policy_.scope.text, "unknown", {"kind unknown"}});
            return true;
        }
        kind_ = e->index < 64 ? e->index : -1;
        const auto contains = [&](const ScopeClause& c) { return std::find(c.kinds.begin(), c.kinds.end(), e->index) != c.kinds.end(); };
        const ScopeClause* reason = nullptr;
        for (const auto& clause : policy_.exclusions)
            if (!reason && contains(clause)) reason = &clause;
        if (!reason && !contains(policy_.scope)) reason = &policy_.scope;
        const auto fact = [&] { return "kind = " + format_value(v, *kind); };
        if (!reason) {
            if (options_.trace) trace({"scope", policy_.scope.section, policy_.scope.text, "pass", {fact()}});
            return true;
        }
        d_.grounds.push_back(reason->item);
        if (options_.trace) trace({"scope", reason->section, reason->text, "out_of_scope", {fact()}});
        d_.outcome = Outcome::Refuse;
        return false;
    }

    void apply(const Rule& rule) {
        std::vector<int>& open = open_;
        open.clear();
        // A rule for other kinds of provider does not apply (known from its kind_is/kind_in).
        const bool other_kind = !rule.applies_to(kind_);
        const Tri applies = other_kind ? Tri::False : rule.applies ? evaluate(*rule.applies, gate_env_, open) : Tri::True;
        Tri h = Tri::False;
        if (applies != Tri::False) {
            std::vector<int>& test_open = test_open_;
            test_open.clear();
            Tri t = evaluate(*rule.test, env_, test_open);
            if (rule.effect == Effect::Require) t = tri_not(t);
            h = tri_and(applies, t);
            // While the rule's applicability is open, ask for what settles that first.
            if (h == Tri::Unknown && applies == Tri::True) open.swap(test_open);
        }
        if (options_.trace) trace_rule(rule, applies, h);
        if (h == Tri::Unknown && only_adds(rule.effect))
            conditional(rule, open);
        else if (h == Tri::Unknown)
            missing_.insert(missing_.end(), open.begin(), open.end());
        if (h == Tri::True) record(rule);
    }

    [[gnu::noinline]] void trace_rule(const Rule& rule, Tri applies, Tri h) {
        TraceEntry e{rule.code, rule.section, item_of(rule).text.str(), "not_applicable", {}};
        if (applies != Tri::False) {
            e.result = result_word(rule.effect, h);
            e.facts = explain(*rule.test, env_);
            collect_found(*rule.test, env_, e.found);
            if (rule.effect == Effect::Require)
                for (auto& f : e.found) f.required = true;
        }
        d_.trace.push_back(std::move(e));
    }

    // The item a decision cites for `rule`: its text states the limits in force, so a parameter
    // set otherwise than its default gives the rule's text anew (the default is made once).
    Item item_of(const Rule& rule) const {
        if (rule.text_slots.empty() || !text_differs(rule, policy_, env_.params)) return rule.item;
        const Lang lang = lang_from_name(policy_.info.language).value_or(Lang::En);
        return Item{rule.item.code, rule.item.section,
                    SharedText(render_text(rule.text_template, rule.text_slots, policy_.params, env_.params, lang))};
    }

    // The rule's addition, conditional on the facts in `open` (the rule's scratch list: sorted here).
    void conditional(const Rule& rule, std::vector<int>& open) {
        ConditionalItem c{std::string(effect_word(rule.effect)), item_of(rule), {}};
        std::sort(open.begin(), open.end());
        open.erase(std::unique(open.begin(), open.end()), open.end());
        for (int i : open) c.settled_by.push_back(env_.schema.at(i).name);
        conditional_fields_.insert(conditional_fields_.end(), open.begin(), open.end());
        d_.conditional.push_back(std::move(c));
    }

    // The rule's item with what its test found (the facts that made the rule hold).
    Item found_item(const Rule& rule) {
        Item item = item_of(rule);
        collect_found(*rule.test, env_, item.found);
        if (rule.effect == Effect::Require)
            for (auto& f : item.found) f.required = true;
        return item;
    }

    void record(const Rule& rule) {
        switch (rule.effect) {
        case Effect::Require:
        case Effect::RefuseIf:
            if (rule.review_instead && evaluate(*rule.review_instead, env_, scratch_) == Tri::True)
                d_.review.push_back(found_item(rule));
            else
                d_.grounds.push_back(found_item(rule));
            break;
        case Effect::ReviewIf: d_.review.push_back(found_item(rule)); break;
        case Effect::ConditionIf:
        case Effect::IfRefused: d_.conditions.push_back(found_item(rule)); break;
        case Effect::SurchargeIf: surcharges_.push_back(found_item(rule)); break;
        case Effect::ExcludeIf: excluded_.push_back(rule.code); break;
        case Effect::SettingIf: settings_.push_back(rule.code); break;
        }
    }

    void settle() {
        if (!d_.grounds.empty()) return refuse();
        if (!missing_.empty()) return incomplete();
        OfferResult offer;
        std::vector<int> open;
        if (policy_.offer_ref == 0 || !scripts_) throw std::runtime_error(policy_.info.path + ": the policy declares no offer");
        if (!scripts_->offer(policy_.offer_ref, offer, open)) {
            missing_.insert(missing_.end(), open.begin(), open.end());
            if (options_.trace) trace({"offer", "", "contract proposal", "unknown", {}});
            return incomplete();
        }
        if (!offer.contract) throw std::runtime_error(policy_.offer_where + ": the offer function returned no contract");
        d_.contract = std::move(offer.contract);
        d_.tariff = std::move(offer.tariff);
        for (auto& s : settings_) d_.contract->settings.push_back(std::move(s));
        for (auto& x : excluded_) d_.contract->excluded.push_back(std::move(x));
        if (d_.tariff)
            for (auto& s : surcharges_) d_.tariff->surcharges.push_back(std::move(s));
        d_.outcome = d_.review.empty() ? Outcome::Offer : Outcome::Review;
        if (options_.trace)
            trace({"offer",
                   d_.contract->section,
                   "contract " + d_.contract->type + " " + d_.contract->start.iso() + " to " + d_.contract->end.iso(),
                   "offer",
                   {}});
    }

    void refuse() {
        d_.outcome = Outcome::Refuse;
        d_.conditions.clear();
        d_.review.clear();
        d_.conditional.clear();
        conditional_fields_.clear();
        for (const auto& rule : policy_.rules)
            if (rule.effect == Effect::IfRefused) apply(rule);
    }

    void incomplete() {
        d_.outcome = Outcome::Incomplete;
        d_.conditions.clear();
        d_.review.clear();
        d_.conditional.clear();
        conditional_fields_.clear();
    }

    void finish_missing() {
        // The facts that settle a conditional addition are open facts of the decision too.
        if (d_.outcome != Outcome::Incomplete) missing_.insert(missing_.end(), conditional_fields_.begin(), conditional_fields_.end());
        std::sort(missing_.begin(), missing_.end());
        missing_.erase(std::unique(missing_.begin(), missing_.end()), missing_.end());
        // A refusal on known facts stands; what is still unknown is listed apart, as open facts.
        auto& list = d_.outcome == Outcome::Incomplete ? d_.missing : d_.open_facts;
        for (int i : missing_) list.push_back(env_.schema.at(i).name);
    }

    void trace(TraceEntry e) {
        if (options_.trace) d_.trace.push_back(std::move(e));
    }

    const Policy& policy_;
    EvalEnv env_, gate_env_;  // gate: on Unknown, only the first open part (a rule's applicability)
    PolicyScripts* scripts_;
    DecideOptions options_;
    Decision& d_;
    std::vector<int> missing_, scratch_, open_, test_open_, conditional_fields_;
    int kind_ = -1;  // the provider's kind (enum index), when known
    std::vector<Item> surcharges_;
    std::vector<std::string> excluded_, settings_;
};

}  // namespace

void decide_into(const Policy& policy, const Provider& provider, const ParamValues& params, PolicyScripts* scripts, DecideOptions options,
                 Decision& out) {
    RuleWalk(policy, provider, params, scripts, options, out).run();
}

}  // namespace inkoop

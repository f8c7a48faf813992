#include "core/analysis/policy_diff.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace inkoop {
namespace {

std::string condition_text(const ConditionPtr& c, const Schema& schema) { return c ? describe(*c, schema) : "always"; }

std::vector<std::string> rule_changes(const Rule& a, const Rule& b, const Schema& schema) {
    const auto condition_text = [&](const ConditionPtr& c) { return inkoop::condition_text(c, schema); };
    std::vector<std::string> d;
    if (a.section != b.section) d.push_back(fmt::format("section {} -> {}", a.section, b.section));
    if (a.effect != b.effect) d.push_back(fmt::format("effect {} -> {}", effect_name(a.effect), effect_name(b.effect)));
    if (condition_text(a.applies) != condition_text(b.applies))
        d.push_back(fmt::format("applies: {} -> {}", condition_text(a.applies), condition_text(b.applies)));
    if (condition_text(a.test) != condition_text(b.test))
        d.push_back(fmt::format("test: {} -> {}", condition_text(a.test), condition_text(b.test)));
    if (condition_text(a.review_instead) != condition_text(b.review_instead))
        d.push_back(fmt::format("review instead if: {} -> {}", condition_text(a.review_instead), condition_text(b.review_instead)));
    if (a.text != b.text) d.push_back(fmt::format("text: \"{}\" -> \"{}\"", a.text, b.text));
    return d;
}

std::string kinds_text(const std::vector<int>& kinds, const Schema& schema) {
    const Field& kind = *schema.kind();
    std::vector<std::string> words;
    for (int k : kinds) words.push_back(kind.values[static_cast<size_t>(k)]);
    std::sort(words.begin(), words.end());
    return fmt::format("{}", fmt::join(words, ", "));
}

void diff_scope(const Policy& a, const Policy& b, std::vector<std::string>& out) {
    const auto kinds_text = [&](const std::vector<int>& kinds) { return inkoop::kinds_text(kinds, *a.schema); };
    if (kinds_text(a.scope.kinds) != kinds_text(b.scope.kinds) || a.scope.section != b.scope.section)
        out.push_back(fmt::format("scope: {} ({}) -> {} ({})", kinds_text(a.scope.kinds), a.scope.section, kinds_text(b.scope.kinds),
                                  b.scope.section));
    const auto clauses = [&](const Policy& p) {
        std::vector<std::string> v;
        for (const auto& c : p.exclusions) v.push_back(fmt::format("{} ({})", kinds_text(c.kinds), c.section));
        return fmt::format("{}", fmt::join(v, "; "));
    };
    if (clauses(a) != clauses(b)) out.push_back(fmt::format("outside scope: {} -> {}", clauses(a), clauses(b)));
}

void diff_params(const Policy& a, const Policy& b, std::vector<std::string>& out) {
    for (const auto& p : a.params)
        if (!b.find_param(p.name)) out.push_back(fmt::format("parameter removed: {}", p.name));
    for (const auto& p : b.params)
        if (!a.find_param(p.name)) out.push_back(fmt::format("parameter added: {} ({}) {}", p.name, p.section, p.doc));
}

}  // namespace

PolicyDiff diff_policies(const Policy& before, const Policy& after) {
    PolicyDiff d;
    for (const auto& r : after.rules) {
        const Rule* old = before.find_rule(r.code);
        if (!old) {
            d.rules.push_back({RuleDiff::Kind::Added, r.code, "", r.section, r.text, {}});
            continue;
        }
        auto changes = rule_changes(*old, r, *before.schema);
        if (changes.empty())
            ++d.unchanged;
        else
            d.rules.push_back({RuleDiff::Kind::Changed, r.code, old->section, r.section, r.text, std::move(changes)});
    }
    for (size_t i = 0; i < before.rules.size(); ++i) {
        const Rule& r = before.rules[i];
        if (after.find_rule(r.code)) continue;
        // Place a removed rule after the nearest earlier rule that is still listed.
        auto pos = d.rules.begin();
        for (size_t j = i; j-- > 0;) {
            const auto it = std::find_if(d.rules.begin(), d.rules.end(), [&](const RuleDiff& x) { return x.code == before.rules[j].code; });
            if (it != d.rules.end()) {
                pos = it + 1;
                break;
            }
        }
        d.rules.insert(pos, {RuleDiff::Kind::Removed, r.code, r.section, "", r.text, {}});
    }
    diff_scope(before, after, d.other);
    if (before.offer_where != after.offer_where)
        d.other.push_back(fmt::format("offer (contract terms, tariff): {} -> {}", before.offer_where, after.offer_where));
    diff_params(before, after, d.other);
    return d;
}

}  // namespace inkoop

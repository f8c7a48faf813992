#include "core/model/change_cause.hpp"

#include <algorithm>
#include <fmt/format.h>

#include "core/model/schema.hpp"

namespace inkoop {
namespace {

// The parameters and fields a condition reads (a script function's reads are not known).
void reads(const Condition* c, std::set<int>& params, std::set<int>& fields) {
    if (!c) return;
    if (c->param >= 0) params.insert(c->param);
    if (c->operand_param >= 0) params.insert(c->operand_param);
    if (c->field >= 0) fields.insert(c->field);
    for (const auto& child : c->children) reads(child.get(), params, fields);
}

}  // namespace

ChangeCauses::ChangeCauses(const Policy& a, const Policy& b, const std::set<std::string>& set_a, const std::set<std::string>& set_b) {
    const Classes ca = classify(a, set_a), cb = classify(b, set_b);
    merge(codes_, ca.codes, cb.codes);
    merge(facts_, ca.facts, cb.facts);
}

ChangeCauses::Classes ChangeCauses::classify(const Policy& p, const std::set<std::string>& set) {
    Classes out;
    for (const Rule& r : p.rules) {
        std::set<int> params, read_fields;
        reads(r.applies.get(), params, read_fields);
        reads(r.test.get(), params, read_fields);
        reads(r.review_instead.get(), params, read_fields);
        for (const auto& slot : r.text_slots)
            if (slot.param >= 0) params.insert(slot.param);
        Cause cause = r.interpretation.empty() ? Cause::Text : Cause::Interpretation;
        for (int i : params) {
            const Param& param = p.params[static_cast<size_t>(i)];
            if (set.count(param.name)) {
                cause = Cause::Parameter;
                break;
            }
            if (!param.interpretation.empty()) cause = Cause::Interpretation;
        }
        out.codes.emplace(r.code, cause);
        if (p.schema)
            for (int f : read_fields) {  // a fact: text when a text rule reads it
                auto [it, fresh] = out.facts.emplace(p.schema->at(f).name, cause);
                if (!fresh && cause == Cause::Text) it->second = Cause::Text;
            }
    }
    return out;
}

// A code both sides have: the later policy's class, or a parameter when the earlier side's run sets
// one its rule reads; one only the earlier has: text (the later document dropped it), or that parameter.
void ChangeCauses::merge(std::unordered_map<std::string, Cause>& into, const std::unordered_map<std::string, Cause>& a,
                         const std::unordered_map<std::string, Cause>& b) {
    for (const auto& [code, cause] : b) into[code] = cause;
    for (const auto& [code, cause] : a) {
        const auto it = into.find(code);
        if (cause == Cause::Parameter)
            into[code] = Cause::Parameter;
        else if (it == into.end())
            into.emplace(code, Cause::Text);
    }
    for (const auto& [code, cause] : into) enroll(code);
}

void ChangeCauses::enroll(const std::string& code) {
    if (index_.count(code)) return;
    index_.emplace(code, static_cast<uint32_t>(names_.size()));
    names_.push_back(code);
}

Cause ChangeCauses::of_change(const DecisionChange& c) const {
    const auto& map = c.what == "missing" ? facts_ : codes_;
    const auto it = map.find(c.code);
    return it == map.end() ? Cause::Text : it->second;
}

Cause ChangeCauses::of_rule(const std::string& code) const {
    const auto it = codes_.find(code);
    return it == codes_.end() ? Cause::Text : it->second;
}

Cause ChangeCauses::of_rules(const std::vector<std::string>& codes) const {
    bool any[kCauses] = {};
    for (const auto& code : codes) any[static_cast<size_t>(of_rule(code))] = true;
    return strongest(any, codes.empty());
}

uint32_t ChangeCauses::index_of(const std::string& code) const {
    const auto it = index_.find(code);
    return it == index_.end() ? 0 : it->second;
}

Attribution ChangeCauses::attribute(Category before, Category after, const std::vector<DecisionChange>& changes) const {
    // The changes that explain the move: the items of the stronger outcome of the two (a ground
    // refuses whatever else holds, then a missing fact leaves it incomplete, then a review point):
    // gained when the later decision has it, lost when the earlier one had it.
    const auto rank = [](Category c) {
        return c == Category::Refuse || c == Category::OutOfScope ? 3 : c == Category::Incomplete ? 2 : c == Category::Review ? 1 : 0;
    };
    const bool later = rank(after) >= rank(before);
    const int top = std::max(rank(before), rank(after));
    const char* kind = top == 3 ? "ground" : top == 2 ? "missing" : top == 1 ? "review" : nullptr;
    const auto explains = [&](const DecisionChange& c) {
        return before == after || (kind && c.what == kind && c.sign == (later ? "+" : "-"));
    };
    std::vector<const DecisionChange*> behind;
    for (const auto& c : changes)
        if (c.what != "outcome" && explains(c)) behind.push_back(&c);
    if (behind.empty())
        for (const auto& c : changes)
            if (c.what != "outcome") behind.push_back(&c);
    Attribution out;
    bool any[kCauses] = {};
    for (const auto* c : behind) any[static_cast<size_t>(of_change(*c))] = true;
    out.cause = strongest(any, behind.empty());
    for (const auto* c : behind)
        if (of_change(*c) == out.cause && !c->code.empty() && std::find(out.codes.begin(), out.codes.end(), c->code) == out.codes.end())
            out.codes.push_back(c->code);
    return out;
}

}  // namespace inkoop

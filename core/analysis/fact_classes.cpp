#include "core/analysis/fact_classes.hpp"

#include <algorithm>

namespace inkoop {

bool collect_cuts(const Condition& c, const ParamValues& params, std::unordered_map<int, FieldCuts>& cuts) {
    using Op = Condition::Op;
    if (c.op == Op::Custom) return false;
    if (c.field >= 0) {
        FieldCuts& f = cuts[c.field];
        f.field = c.field;
        const auto add = [&](const Value& v) {
            if (const auto n = as_number(v))
                f.numbers.push_back(*n);
            else if (const auto* d = std::get_if<Date>(&v))
                f.dates.push_back(*d);
            else if (const auto* s = std::get_if<std::string>(&v))
                f.texts.push_back(*s);
        };
        if (c.op == Op::OneOf)
            for (const auto& v : c.set) add(v);
        else if (is_known(operand_of(c, params)))
            add(operand_of(c, params));
    }
    bool ok = true;
    for (const auto& child : c.children) ok = collect_cuts(*child, params, cuts) && ok;
    return ok;
}

FactClasses::FactClasses(const Policy& policy, const ParamValues& params) {
    const Schema& schema = *policy.schema;
    std::unordered_map<int, FieldCuts> cuts;
    if (const Field* kind = schema.find("kind")) cuts[kind->index].field = kind->index;
    for (const auto& r : policy.rules) {
        if (r.applies && !collect_cuts(*r.applies, params, cuts)) exact_ = false;
        if (r.test && !collect_cuts(*r.test, params, cuts)) exact_ = false;
        if (r.review_instead && !collect_cuts(*r.review_instead, params, cuts)) exact_ = false;
    }
    for (auto& [index, f] : cuts) {
        std::sort(f.numbers.begin(), f.numbers.end());
        f.numbers.erase(std::unique(f.numbers.begin(), f.numbers.end()), f.numbers.end());
        std::sort(f.dates.begin(), f.dates.end());
        f.dates.erase(std::unique(f.dates.begin(), f.dates.end()), f.dates.end());
        std::sort(f.texts.begin(), f.texts.end());
        f.texts.erase(std::unique(f.texts.begin(), f.texts.end()), f.texts.end());
        if (f.numbers.size() + f.dates.size() + f.texts.size() > 10000) exact_ = false;  // classes fit 16 bits
        fields_.push_back(std::move(f));
    }
    std::sort(fields_.begin(), fields_.end(), [](const FieldCuts& a, const FieldCuts& b) { return a.field < b.field; });
    // Per kind, the fields read by the rules that can apply to it (a rule's kind mask).
    const Field* kind = schema.find("kind");
    if (!kind) return;
    for (size_t i = 0; i < fields_.size(); ++i)
        if (fields_[i].field == kind->index) kind_slot_ = static_cast<int>(i);
    const auto place = [&](int field) {
        for (size_t i = 0; i < fields_.size(); ++i)
            if (fields_[i].field == field) return i;
        return fields_.size();
    };
    by_kind_.resize(kind->values.size());
    for (size_t k = 0; k < kind->values.size(); ++k) {
        std::vector<int> read;
        for (const auto& r : policy.rules) {
            if (!r.applies_to(k)) continue;
            for (const ConditionPtr& c : {r.applies, r.test, r.review_instead})
                if (c) collect_fields(*c, read);
        }
        std::sort(read.begin(), read.end());
        read.erase(std::unique(read.begin(), read.end()), read.end());
        for (int f : read)
            if (f != kind->index) by_kind_[k].push_back(place(f));
    }
}

uint16_t FactClasses::class_of(size_t i, const Value& v) const {
    if (!is_known(v)) return 0;
    const FieldCuts& f = fields_[i];
    if (const auto* b = std::get_if<bool>(&v)) return *b ? 2 : 1;
    if (const auto* e = std::get_if<EnumValue>(&v)) return static_cast<uint16_t>(1 + e->index);
    // Intervals and points: (-inf, c1) 1, {c1} 2, (c1, c2) 3, {c2} 4, ... (ck, +inf) 2k + 1.
    const auto place = [](const auto& cuts, const auto& x) {
        const auto it = std::lower_bound(cuts.begin(), cuts.end(), x);
        const auto p = static_cast<uint16_t>(it - cuts.begin());
        return static_cast<uint16_t>(1 + 2 * p + (it != cuts.end() && *it == x ? 1 : 0));
    };
    if (const auto n = as_number(v)) return place(f.numbers, *n);
    if (const auto* d = std::get_if<Date>(&v)) return place(f.dates, *d);
    if (const auto* s = std::get_if<std::string>(&v)) {
        const auto it = std::lower_bound(f.texts.begin(), f.texts.end(), *s);
        return static_cast<uint16_t>(it != f.texts.end() && *it == *s ? 2 + (it - f.texts.begin()) : 1);
    }
    return 1;
}

void FactClasses::classify(const Provider& p, std::vector<uint16_t>& key) const {
    key.clear();
    if (kind_slot_ >= 0) {
        const uint16_t k = class_of(static_cast<size_t>(kind_slot_), p[fields_[static_cast<size_t>(kind_slot_)].field]);
        if (k > 0 && static_cast<size_t>(k - 1) < by_kind_.size()) {
            key.push_back(k);
            for (size_t i : by_kind_[static_cast<size_t>(k - 1)]) key.push_back(class_of(i, p[fields_[i].field]));
            return;
        }
    }
    key.push_back(0);
    for (size_t i = 0; i < fields_.size(); ++i) key.push_back(class_of(i, p[fields_[i].field]));
}

}  // namespace inkoop

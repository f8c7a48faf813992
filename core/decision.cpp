#include "decision.hpp"

#include <nlohmann/json.hpp>

#include "output.hpp"

namespace inkoop {
namespace {

constexpr std::pair<Outcome, std::string_view> kOutcomes[] = {
    {Outcome::Offer, "offer"}, {Outcome::Refuse, "refuse"},
    {Outcome::Review, "review"}, {Outcome::Incomplete, "incomplete"},
};

constexpr std::pair<std::string_view, std::string_view> kBases[] = {
    {"nza_percentage", "a percentage of the NZa maximum tariffs"},
    {"fixed", "a fixed tariff or standard price list set by the insurer"},
    {"negotiated", "negotiated with the provider"},
    {"budget_per_insured", "a budget per registered insured"},
    {"reference_prices", "the insurer's reference price list"},
};

nlohmann::ordered_json items_json(const std::vector<Item>& items) {
    auto a = nlohmann::ordered_json::array();
    for (const auto& i : items) a.push_back(to_json(i));
    return a;
}

nlohmann::ordered_json contract_json(const Contract& c) {
    nlohmann::ordered_json j;
    j["type"] = c.type;
    j["start"] = c.start.iso();
    j["end"] = c.end.iso();
    j["sign_by"] = c.sign_by ? nlohmann::ordered_json(c.sign_by->iso()) : nlohmann::ordered_json();
    j["settings"] = c.settings;
    j["excluded"] = c.excluded;
    j["section"] = c.section;
    return j;
}

nlohmann::ordered_json tariff_json(const Tariff& t) {
    nlohmann::ordered_json j;
    j["basis"] = t.basis;
    if (t.percentage) j["percentage"] = *t.percentage;
    if (t.amount_eur) j["amount_eur"] = *t.amount_eur;
    j["text"] = t.text.str();
    j["section"] = t.section.str();
    j["surcharges"] = items_json(t.surcharges);
    return j;
}

nlohmann::ordered_json trace_json(const std::vector<TraceEntry>& trace) {
    auto a = nlohmann::ordered_json::array();
    for (const auto& e : trace) {
        nlohmann::ordered_json j;
        j["rule"] = e.rule;
        j["section"] = e.section;
        j["result"] = e.result;
        j["text"] = e.text;
        if (!e.facts.empty()) j["facts"] = e.facts;
        a.push_back(std::move(j));
    }
    return a;
}

}  // namespace

Text::Text(std::string s) {
    auto shared = std::make_shared<Shared>();
    append_json_string(shared->json, s);
    shared->text = std::move(s);
    s_ = std::move(shared);
}

const Text::Shared& Text::empty() {
    static const Shared e{"", "\"\""};
    return e;
}

std::string_view outcome_name(Outcome o) {
    for (const auto& [v, n] : kOutcomes)
        if (v == o) return n;
    return "?";
}

std::optional<Outcome> outcome_from_name(std::string_view name) {
    for (const auto& [v, n] : kOutcomes)
        if (n == name) return v;
    return std::nullopt;
}

std::string_view tariff_basis_doc(std::string_view basis) {
    for (const auto& [b, doc] : kBases)
        if (b == basis) return doc;
    return "";
}

bool is_tariff_basis(std::string_view basis) { return !tariff_basis_doc(basis).empty(); }

nlohmann::ordered_json to_json(const Item& item) {
    nlohmann::ordered_json j;
    j["code"] = item.code.str();
    j["section"] = item.section.str();
    j["text"] = item.text.str();
    return j;
}

nlohmann::ordered_json to_json(const Decision& d, bool with_trace) {
    nlohmann::ordered_json j;
    j["agb"] = d.agb;
    j["policy"] = d.policy;
    j["outcome"] = outcome_name(d.outcome);
    if (d.contract) j["contract"] = contract_json(*d.contract);
    if (d.tariff) j["tariff"] = tariff_json(*d.tariff);
    j["grounds"] = items_json(d.grounds);
    j["conditions"] = items_json(d.conditions);
    j["review"] = items_json(d.review);
    j["missing"] = d.missing;
    if (with_trace) j["trace"] = trace_json(d.trace);
    for (const auto& [k, v] : d.passthrough) j[k] = v;
    return j;
}

}  // namespace inkoop

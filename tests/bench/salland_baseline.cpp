#include "salland_baseline.hpp"
#include "../schema_fixture.hpp"

#include <algorithm>
#include <functional>
#include <stdexcept>

namespace inkoop::bench {
namespace {

enum class T { F, T, U };

struct Facts {
    const Provider& p;
    std::vector<int>& missing;
    // While a rule's test runs: each fact it tested, as the decision's `found` records it.
    std::vector<Found>* trail = nullptr;

    const Value& get(int f) const { return p[f]; }
    T note(int f, const char* test, T result, std::vector<Value> limit = {}) const {
        if (trail && result != T::U)
            trail->push_back(Found{::inkoop::testing::test_schema().at(f).name, test, get(f), std::move(limit), result == T::T});
        return result;
    }
    T flag(int f) const {
        const auto* b = std::get_if<bool>(&get(f));
        if (!b) return missing.push_back(f), T::U;
        return note(f, "is_true", *b ? T::T : T::F);
    }
    T not_flag(int f) const {
        const T t = flag(f);
        return t == T::U ? T::U : (t == T::T ? T::F : T::T);
    }
    // `limit` as the policy's parameter holds it (a number parameter a double, an int one an int64_t).
    T at_most(int f, double v, Value limit) const {
        const Value& x = get(f);
        if (const auto* d = std::get_if<double>(&x)) return note(f, "at_most", *d <= v ? T::T : T::F, {limit});
        if (const auto* i = std::get_if<int64_t>(&x)) return note(f, "at_most", static_cast<double>(*i) <= v ? T::T : T::F, {limit});
        return missing.push_back(f), T::U;
    }
    T is_false(int f) const {
        const auto* b = std::get_if<bool>(&get(f));
        if (!b) return missing.push_back(f), T::U;
        return note(f, "is_false", *b ? T::F : T::T);
    }
    T above(int f, double v, Value limit) const {
        const Value& x = get(f);
        if (const auto* d = std::get_if<double>(&x)) return note(f, "above", *d > v ? T::T : T::F, {limit});
        if (const auto* i = std::get_if<int64_t>(&x)) return note(f, "above", static_cast<double>(*i) > v ? T::T : T::F, {limit});
        return missing.push_back(f), T::U;
    }
    // An enum field is one of `wants` (value indexes), found as the engine records it: codes.
    T one_of(int f, std::initializer_list<int> wants) const {
        const auto* e = std::get_if<EnumValue>(&get(f));
        if (!e) return missing.push_back(f), T::U;
        const Field& field = ::inkoop::testing::test_schema().at(f);
        std::vector<Value> limit;
        bool in = false;
        for (int w : wants) {
            limit.emplace_back(field.values[static_cast<size_t>(w)]);
            in = in || e->index == w;
        }
        const T result = in ? T::T : T::F;
        if (trail) trail->push_back(Found{field.name, "one_of", Value(field.values[static_cast<size_t>(e->index)]), std::move(limit), in});
        return result;
    }
    T at_least(int f, double v) const {
        const Value& x = get(f);
        if (const auto* d = std::get_if<double>(&x)) return note(f, "at_least", *d >= v ? T::T : T::F, {v});
        return missing.push_back(f), T::U;
    }
};

T both(T a, T b) { return a == T::F || b == T::F ? T::F : (a == T::U || b == T::U ? T::U : T::T); }

int field(const char* name) { return ::inkoop::testing::test_schema().find(name)->index; }

const int kKind = field("kind"), kFte = field("fte_regiebehandelaren"), kLocations = field("locations"), kKs = field("kwaliteitsstatuut"),
          kKsSection = field("kwaliteitsstatuut_section"), kPersonalAgb = field("personal_agb"),
          kPresence = field("regiebehandelaar_presence"), kWaiting = field("waiting_times_reported"),
          kReferral = field("follows_referral_rules"), kNl = field("established_in_nl"), kVecozo = field("declares_via_vecozo"),
          kWtza = field("wtza_license"), kMind = field("mind_criteria"), kSafety = field("patient_safety_program"),
          kVms = field("vms_or_hkz"), kSecure = field("secure_care"), kConvenant = field("secure_care_convenant"),
          kOffersHs = field("offers_hoog_specialistisch"), kHsListed = field("hoog_specialistisch_listed"),
          kOffersEsk = field("offers_esketamine"), kEskCriteria = field("esketamine_criteria"), kTraining = field("training_place"),
          kOfferte = field("offertetraject"), kContracted = field("contracted_last_year"), kApplied = field("application_date"),
          kFormer = field("former_vrijgevestigde"), kPrevActive = field("previous_practice_active"),
          kDiagnostics = field("diagnostics_only"), kAbroad = field("delivers_abroad"), kControls = field("failed_controls"),
          kFraud = field("fraud_investigation"), kNegative = field("negative_statements"), kExternal = field("external_findings"),
          kMdt = field("mdt_psychiater_or_klinisch_psycholoog");
// Issue 34's fields.
const int kProfession = field("meets_profession_requirements"), kKsPublished = field("kwaliteitsstatuut_published"),
          kKsObserved = field("kwaliteitsstatuut_observed"), kMdo = field("mdo"), kLongStay = field("offers_long_stay"),
          kLongStayPolicy = field("long_stay_policy"), kGreenDeal = field("green_deal_committed"),
          kStrategy = field("sustainability_in_strategy"), kProperty = field("owns_property"), kFteTotal = field("fte_total"),
          kRoadmap = field("co2_roadmap_submitted"), kAddiction = field("addiction_care"), kDetox = field("detox"),
          kDetoxArranged = field("clinical_detox_arranged"), kPhysician = field("addiction_physician_available"),
          kTriage = field("admission_by_mdo_triage");

// Kind indexes in the schema: vrijgevestigde 0, ggz_instelling 1, paaz 2, puk 3, verpleeghuis 16.
constexpr int kPractice = 0, kGgz = 1, kPaaz = 2, kPuk = 3, kNursingHome = 16;
const Date kJune1 = *Date::parse("2023-06-01");

}  // namespace

SallandBaseline::SallandBaseline(const Policy& policy) : policy_(policy), id_(policy.info.id) {}

const Item& SallandBaseline::item(const char* code) const {
    const Rule* r = policy_.find_rule(code);
    if (!r) throw std::logic_error(code);
    return r->item;
}

bool SallandBaseline::run(size_t, const Provider& p, const ParamValues&, DecideOptions options, Decision& d, EvalFailure& failure) {
    if (options.trace) {
        failure = {ErrorKind::Runtime, "this evaluator keeps no trace", {}};
        return false;
    }
    d.clear();
    d.agb = p.agb();
    d.policy = id_;
    d.policy_version = policy_.version;  // the audit trail, as the engine writes it
    d.params = params_;
    std::vector<int> missing;
    Facts f{p, missing};

    const auto* kind = std::get_if<EnumValue>(&p[kKind]);
    if (!kind) missing.push_back(kKind);
    if (kind && kind->index == kNursingHome) {
        d.grounds.push_back(policy_.exclusions[0].item);
        d.outcome = Outcome::Refuse;
        return true;
    }
    if (kind && kind->index > kPuk) {
        d.grounds.push_back(policy_.scope.item);
        d.outcome = Outcome::Refuse;
        return true;
    }
    const T practice = kind ? (kind->index == kPractice ? T::T : T::F) : T::U;
    const T institution = kind ? (kind->index >= kGgz && kind->index <= kPuk ? T::T : T::F) : T::U;
    std::vector<std::string> excluded;
    std::vector<Item> surcharges;

    // A rule's gate: the three-valued "and" of its parts in order; while it is open only the first
    // open part's facts are asked for (as the engine does).
    const auto gate = [&](std::initializer_list<std::function<T()>> parts) {
        const size_t mark = missing.size();
        T result = T::T;
        for (const auto& part : parts) {
            const size_t m = missing.size();
            const T t = part();
            if (t == T::F) {
                missing.resize(mark);
                return T::F;
            }
            if (t == T::U) {
                if (result == T::U) missing.resize(m);
                result = T::U;
            }
        }
        return result;
    };
    const auto known = [](T t) { return [t] { return t; }; };
    // One rule: it has its effect when gate and test hold; unknown facts count only when the
    // outcome depends on them, and while the gate is open only the gate's.
    // `effect` (condition, exclusion, surcharge) for a rule that can only add: unknown, it is a
    // conditional item with the facts that settle it, not a reason for an incomplete decision.
    std::vector<int> conditional_fields;
    // `required`: a requirement's rule, whose ground records the facts that failed it.
    const auto rule = [&](const std::function<T()>& applies, const std::function<T()>& test, std::vector<Item>* into, const char* code,
                          const char* effect = nullptr, bool required = false) {
        const size_t mark = missing.size();
        const T a = applies();
        if (a == T::F) return false;
        const size_t after_gate = missing.size();
        std::vector<Found> trail;
        f.trail = &trail;
        const T h = both(a, test());
        f.trail = nullptr;
        if (h == T::T && into) {
            Item found = item(code);
            for (auto& x : trail)
                if (x.holds != required) {
                    x.required = required;
                    found.found.push_back(std::move(x));
                }
            into->push_back(std::move(found));
        }
        if (h == T::U && a == T::U) missing.resize(after_gate);
        if (h == T::U && effect) {
            std::vector<int> open(missing.begin() + static_cast<std::ptrdiff_t>(mark), missing.end());
            std::sort(open.begin(), open.end());
            open.erase(std::unique(open.begin(), open.end()), open.end());
            ConditionalItem c{effect, item(code), {}};
            for (int m : open) c.settled_by.push_back(::inkoop::testing::test_schema().at(m).name);
            d.conditional.push_back(std::move(c));
            conditional_fields.insert(conditional_fields.end(), open.begin(), open.end());
        }
        if (h != T::U || effect) missing.resize(mark);
        return h == T::T;
    };
    const auto negate = [](T t) { return t == T::U ? T::U : (t == T::T ? T::F : T::T); };
    const auto require = [&](const std::function<T()>& applies, const std::function<T()>& ok, const char* code) {
        rule(
            applies, [&] { return negate(ok()); }, &d.grounds, code, nullptr, true);
    };
    const auto exclude = [&](const std::function<T()>& applies, const std::function<T()>& test, const char* code) {
        if (rule(applies, test, nullptr, code, "exclusion")) excluded.push_back(code);
    };
    const auto section_is = [&](int want) {
        const auto* s = std::get_if<EnumValue>(&p[kKsSection]);
        if (!s) return missing.push_back(kKsSection), T::U;
        const Field& field = ::inkoop::testing::test_schema().at(kKsSection);
        const T t = s->index == want ? T::T : T::F;
        if (f.trail)
            f.trail->push_back(Found{
                field.name, "equals", field.values[static_cast<size_t>(s->index)], {field.values[static_cast<size_t>(want)]}, t == T::T});
        return t;
    };
    const auto is_practice = known(practice), is_institution = known(institution), always = known(T::T);
    const auto is_ggz = known(practice == T::T || institution == T::T ? T::T : practice == T::U ? T::U : T::F);

    exclude(
        always, [&] { return f.flag(kAbroad); }, "zorg_buitenland");
    require(
        is_ggz, [&] { return f.flag(kProfession); }, "eisen_beroepsgroep");
    require(
        is_practice, [&] { return f.at_most(kFte, 8, 8.0); }, "max_fte_regiebehandelaren");
    require(
        is_practice, [&] { return f.at_most(kLocations, 3, int64_t{3}); }, "max_behandellocaties");
    require(
        is_practice,
        [&] {
            const T has = f.flag(kKs);  // in order: the two facts as found lists them
            return both(has, section_is(0));
        },
        "kwaliteitsstatuut_ii");
    require(
        is_practice, [&] { return f.flag(kPersonalAgb); }, "persoonlijke_agb");
    require(
        is_practice, [&] { return f.at_least(kPresence, 0.8); }, "regiebehandelaar_aanwezig");
    require(
        is_practice, [&] { return f.flag(kWaiting); }, "wachttijden_vrijgevestigde");
    require(
        is_practice, [&] { return f.flag(kReferral); }, "verwijsregels_vrijgevestigde");
    require(
        is_practice, [&] { return f.flag(kNl); }, "nederland_vrijgevestigde");
    require(
        is_practice, [&] { return f.flag(kVecozo); }, "vecozo_vrijgevestigde");
    require(
        is_institution, [&] { return f.flag(kWtza); }, "wtza");
    require(
        is_institution,
        [&] {
            const T has = f.flag(kKs);  // in order: the two facts as found lists them
            return both(has, section_is(1));
        },
        "kwaliteitsstatuut_iii");
    require(
        is_institution, [&] { return f.flag(kReferral); }, "verwijsregels_instelling");
    require(
        is_institution, [&] { return f.flag(kWaiting); }, "wachttijden_instelling");
    require(
        is_institution, [&] { return f.flag(kNl); }, "nederland_instelling");
    require(
        is_institution, [&] { return f.flag(kVecozo); }, "vecozo_instelling");
    require(
        is_institution, [&] { return f.flag(kMind); }, "mind_criteria");
    require(
        is_institution, [&] { return f.flag(kSafety); }, "verzekerdenveiligheid");
    require(
        is_institution, [&] { return f.flag(kVms); }, "vms_of_hkz");
    require(
        [&] {
            return gate({is_institution, [&] { return f.flag(kSecure); }});
        },
        [&] { return f.flag(kConvenant); }, "convenant_beveiligde_bedden");
    exclude([&] { return f.flag(kOffersHs); }, [&] { return f.not_flag(kHsListed); }, "hoog_specialistisch");
    exclude(
        [&] {
            return gate({is_institution, [&] { return f.flag(kOffersEsk); }});
        },
        [&] { return f.not_flag(kEskCriteria); }, "esketamine");
    exclude([&] { return gate({is_practice, [&] { return f.flag(kOffersEsk); }}); }, always, "esketamine_niet_vrijgevestigd");
    rule(
        [&] {
            return gate({is_institution, [&] { return f.flag(kOffersEsk); }, [&] { return f.flag(kEskCriteria); }});
        },
        always, &d.conditions, "esketamine_addendum", "condition");
    require(
        is_ggz, [&] { return f.flag(kKsPublished); }, "kwaliteitsstatuut_openbaar");
    require(
        is_ggz, [&] { return f.flag(kKsObserved); }, "kwaliteitsstatuut_nageleefd");
    require(
        is_ggz,
        [&] {
            return f.one_of(kMdo, {0, 1});
        },
        "mdo_criteria");  // geen_mdo, volgens_criteria
    require(
        is_institution, [&] { return f.flag(kMdt); }, "mdo_psychiater_of_klinisch_psycholoog");
    rule(
        is_practice, [&] { return f.flag(kTraining); }, &surcharges, "toeslag_opleidingsplek", "surcharge");
    require(
        [&] {
            return gate({is_ggz, [&] { return f.flag(kLongStay); }});
        },
        [&] { return f.flag(kLongStayPolicy); }, "langdurig_verblijf");
    rule(
        is_ggz, [&] { return f.is_false(kGreenDeal); }, &d.review, "green_deal");
    rule(
        is_ggz, [&] { return f.is_false(kStrategy); }, &d.review, "duurzaamheid_in_strategie");
    rule(
        [&] {
            return gate({is_ggz, [&] { return f.flag(kProperty); }, [&] { return f.above(kFteTotal, 250, 250.0); }});
        },
        [&] { return f.is_false(kRoadmap); }, &d.review, "routekaart_evz");
    rule(
        is_institution, [&] { return f.flag(kOfferte); }, &d.review, "maatwerk");
    rule(always, always, &d.conditions, "tekentermijn", "condition");
    rule([&] { return gate({is_institution, [&] { return f.flag(kOfferte); }}); }, always, &d.conditions, "productiemonitor", "condition");
    const auto is_new = [&] { return f.not_flag(kContracted); };
    rule(
        is_new, [&] { return f.note(kApplied, "absent", std::holds_alternative<std::monostate>(p[kApplied]) ? T::T : T::F); }, &d.grounds,
        "niet_aangemeld");
    rule(
        [&] {
            return gate({is_institution, [&] { return f.flag(kFormer); }});
        },
        [&] { return f.flag(kPrevActive); }, &d.grounds, "vrijgevestigde_nog_actief");
    rule(is_new, always, &d.review, "beoordeling_nieuwe_aanbieder");
    rule(is_new, known(T::F), &d.grounds, "zorgplicht_ingevuld");  // parameter zorgplicht_sufficient: false
    // refusal_grounds_as_review: false, so the 10.4 grounds below refuse.
    // refusal_grounds_apply_to_existing: false, so the integrity grounds apply to new providers only.
    rule(
        is_new, [&] { return f.flag(kDiagnostics); }, &d.grounds, "alleen_diagnostiek");
    rule(
        is_new, [&] { return f.flag(kAbroad); }, &d.grounds, "zorg_in_buitenland");
    rule(
        is_new, [&] { return f.flag(kControls); }, &d.grounds, "ondoelmatige_zorg_controles");
    rule(
        is_new, [&] { return f.flag(kFraud); }, &d.grounds, "fraudeonderzoek");
    rule(
        is_new, [&] { return f.flag(kNegative); }, &d.grounds, "negatieve_uitlatingen");
    rule(
        is_new, [&] { return f.flag(kExternal); }, &d.grounds, "extern_onderzoek");
    rule(
        is_new,
        [&] {
            // No application registered: the date is not after the deadline (its absence is a fact).
            const auto* a = std::get_if<Date>(&p[kApplied]);
            return a ? f.note(kApplied, "above", kJune1 < *a ? T::T : T::F, {kJune1}) : T::F;
        },
        &d.grounds, "te_laat_aangemeld");
    // The annex on addiction care (13); addiction_care: geen 0, ambulant 1, klinisch 2; detox: geen 0, ambulant 1, klinisch 2, beide 3.
    require(
        [&] {
            return gate({is_ggz, [&] { return f.one_of(kAddiction, {2}); }});
        },
        [&] { return f.flag(kTriage); }, "opname_via_mdo_en_triage");
    require(
        [&] {
            return gate({is_ggz, [&] { return f.one_of(kDetox, {2, 3}); }});
        },
        [&] { return f.flag(kDetoxArranged); }, "klinische_detox_zelf_of_samen");
    require(
        [&] {
            return gate({is_ggz, [&] { return f.one_of(kDetox, {1, 2, 3}); }});
        },
        [&] { return f.flag(kPhysician); }, "verslavingsarts_bij_detox");
    rule(
        [&] {
            return gate({is_ggz, [&] { return f.one_of(kAddiction, {1, 2}); }});
        },
        always, &d.conditions, "dagbesteding_met_verblijf", "condition");

    std::sort(missing.begin(), missing.end());
    missing.erase(std::unique(missing.begin(), missing.end()), missing.end());
    if (!d.grounds.empty()) {
        d.outcome = Outcome::Refuse;
        d.conditions = {item("niet_gecontracteerd_declareren"), item("niet_gecontracteerd_controle")};
        d.review.clear();
        d.conditional.clear();
        for (int m : missing)
            d.open_facts.push_back(::inkoop::testing::test_schema().at(m).name);  // still unknown: the refusal's open facts
        return true;
    }
    if (!missing.empty()) {
        for (int m : missing) d.missing.push_back(::inkoop::testing::test_schema().at(m).name);
        d.outcome = Outcome::Incomplete;
        d.conditions.clear();
        d.review.clear();
        d.conditional.clear();
        return true;
    }
    std::sort(conditional_fields.begin(), conditional_fields.end());
    conditional_fields.erase(std::unique(conditional_fields.begin(), conditional_fields.end()), conditional_fields.end());
    for (int m : conditional_fields) d.open_facts.push_back(::inkoop::testing::test_schema().at(m).name);
    Contract c;
    c.type = kind->index == kPractice ? "vrijgevestigde" : "instelling";
    c.section = "10.2";
    c.start = *Date::from_ymd(2024, 1, 1);
    c.end = *Date::from_ymd(2024, 12, 31);
    c.sign_by = Date::from_ymd(2023, 11, 9);
    c.excluded = std::move(excluded);
    static const Tariff negotiated{
        "negotiated",
        {},
        {},
        SharedText("Maatwerk: prijslijst afgestemd via de VECOZO-onderhandelmodule; beheerste afspraak (omzetplafond of aanneemsom, 10.3)"),
        SharedText("10.1"),
        {}};
    static const Tariff digital_a{
        "fixed",
        {},
        {},
        SharedText("Digitale contractering 1a: gestandaardiseerd aanbod in VECOZO; volumevrije afspraak conform de "
                   "professionele standaard (10.3)"),
        SharedText("10.1"),
        {}};
    static const Tariff digital_b{
        "fixed",
        {},
        {},
        SharedText(
            "Digitale contractering 1b: aanbod afgestemd op PUK/PAAZ; volumevrije afspraak conform de professionele standaard (10.3)"),
        SharedText("10.1"),
        {}};
    const bool maatwerk = kind->index != kPractice && std::get<bool>(p[kOfferte]);
    d.tariff = maatwerk ? negotiated : (kind->index == kPaaz || kind->index == kPuk) ? digital_b : digital_a;
    d.tariff->surcharges = std::move(surcharges);
    d.contract = std::move(c);
    d.outcome = d.review.empty() ? Outcome::Offer : Outcome::Review;
    return true;
}

}  // namespace inkoop::bench

// Writes a synthetic provider list as CSV: a plausible mix of every kind the five policies cover,
// some unknown values, and a few bad rows. Seeded and platform-independent, so the same seed
// always gives the same file.
//
//   inkoop-sample [--rows N] [--seed S] [--bad-every K]     (defaults: 2000, 2024, 400)
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fmt/format.h>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <unordered_set>
#include <vector>

#include "../schema_fixture.hpp"
#include "core/formats/decision_records.hpp"
#include "core/model/date.hpp"
#include "core/model/schema.hpp"

namespace {

// splitmix64: tiny, fully specified, the same on every platform.
class Rng {
public:
    explicit Rng(uint64_t seed) : s_(seed) {}
    uint64_t next() {
        uint64_t z = (s_ += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }
    double uniform() { return static_cast<double>(next() >> 11) / 9007199254740992.0; }
    double between(double lo, double hi) { return lo + (hi - lo) * uniform(); }
    int integer(int lo, int hi) { return lo + static_cast<int>(next() % static_cast<uint64_t>(hi - lo + 1)); }
    bool chance(double p) { return uniform() < p; }
    template <class T>
    const T& pick(const std::vector<T>& v) {
        return v[next() % v.size()];
    }

private:
    uint64_t s_;
};

struct KindWeight {
    const char* kind;
    int weight;
};

constexpr KindWeight kKinds[] = {
    {"vrijgevestigde", 480},
    {"ggz_instelling", 90},
    {"paaz", 15},
    {"puk", 6},
    {"wsv", 50},
    {"ro", 8},
    {"huisartsenpraktijk", 100},
    {"ziekenhuis", 30},
    {"umc", 8},
    {"zbc", 60},
    {"dialysecentrum", 15},
    {"edc", 10},
    {"revalidatie", 12},
    {"trombosedienst", 10},
    {"audiologisch_centrum", 8},
    {"protonentherapie", 3},
    {"verpleeghuis", 45},
    {"vg_instelling", 40},
};

const std::vector<std::string> kRegions = {
    "Zuid-Holland Noord", "Noord-Holland Zuid", "Midden IJssel", "Zuid-Holland Zuid", "Amstelland-Meerlanden", "Twente", "Utrecht"};
const std::vector<std::string> kNames = {"De Linde", "Het Baken", "De Brug", "Oost",   "Rijnzicht",      "Sonnevanck",
                                         "De Horst", "Vechtdal",  "Lelie",   "Kompas", "Duin en Bollen", "Salland"};

bool is_one_of(const std::string& k, std::initializer_list<const char*> kinds) {
    for (const char* c : kinds)
        if (k == c) return true;
    return false;
}

class Generator {
public:
    Generator(uint64_t seed, int bad_every) : rng_(seed), bad_every_(bad_every) {}

    std::vector<std::string> header() const {
        std::vector<std::string> h;
        for (const auto& f : ::inkoop::testing::test_schema().fields()) h.push_back(f.name);
        h.push_back("x_source");
        h.push_back("x_row");
        return h;
    }

    std::vector<std::string> row(int n) {
        kind_ = pick_kind();
        values_.clear();
        extra_fields_.clear();
        later_fields_.clear();
        fill();
        fill_later();
        std::vector<std::string> out;
        for (const auto& f : ::inkoop::testing::test_schema().fields()) {
            if (f.name == "mdt_psychiater_or_klinisch_psycholoog") {  // the institution's own psychiatrist sits in its team
                out.push_back(out.back());                            // (no draw: lists made before this field existed stay the same)
                continue;
            }
            auto it = values_.find(f.name);
            // About 2% of the facts a provider would report are left blank (unknown).
            // Facts added after the first lists were made draw from their own generator, so that
            // the same seed still gives the same values for every older fact.
            Rng& draw = later_fields_.count(f.name) ? later_ : extra_fields_.count(f.name) ? extra_ : rng_;
            const bool blank = it == values_.end() || (f.name != "agb" && f.name != "kind" && draw.chance(0.02));
            out.push_back(blank ? "" : it->second);
        }
        out.push_back("vragenlijst-2023");
        out.push_back(std::to_string(n));
        if (bad_every_ > 0 && n % bad_every_ == bad_every_ / 2) spoil(out);
        return out;
    }

private:
    std::string pick_kind() {
        int total = 0;
        for (const auto& k : kKinds) total += k.weight;
        int r = rng_.integer(0, total - 1);
        for (const auto& k : kKinds) {
            if (r < k.weight) return k.kind;
            r -= k.weight;
        }
        return "vrijgevestigde";
    }

    void set(const char* field, std::string value) { values_[field] = std::move(value); }
    void flag(const char* field, double p_true) { set(field, rng_.chance(p_true) ? "true" : "false"); }
    void number(const char* field, double v, int decimals) { set(field, fmt::format("{:.{}f}", v, decimals)); }
    std::string date_between(int y0, int y1) {
        const auto d = inkoop::Date::from_ymd(rng_.integer(y0, y1), rng_.integer(1, 12), rng_.integer(1, 28));
        return d->iso();
    }

    void fill() {
        int agb = rng_.integer(1000000, 99999999);
        while (!agbs_.insert(agb).second) agb = rng_.integer(1000000, 99999999);  // AGB codes are unique in a list
        set("agb", fmt::format("{:08d}", agb));
        set("kind", kind_);
        std::string name = kind_ == "vrijgevestigde" ? "Praktijk " : "";
        name += rng_.pick(kNames);
        if (rng_.chance(0.05)) name = fmt::format("\"{}\", locatie {}", name, rng_.pick(kRegions));  // commas and quotes
        set("name", name);
        set("region", rng_.pick(kRegions));
        flag("established_in_nl", 0.98);
        flag("delivers_abroad", 0.03);
        const bool contracted = rng_.chance(0.8);
        flag("contracted_last_year", contracted ? 1.0 : 0.0);
        if (!contracted && rng_.chance(0.85)) set("application_date", date_between(2023, 2027));
        flag("diagnostics_only", 0.02);
        flag("fraud_investigation", 0.01);
        flag("negative_statements", 0.01);
        flag("failed_controls", 0.02);
        flag("external_findings", 0.01);
        if (is_one_of(kind_, {"vrijgevestigde", "ggz_instelling", "paaz", "puk"})) fill_ggz();
        if (is_one_of(kind_, {"wsv", "ro", "huisartsenpraktijk"})) fill_mdz();
        if (is_one_of(kind_, {"ziekenhuis", "umc", "zbc", "dialysecentrum", "edc", "revalidatie", "trombosedienst", "audiologisch_centrum",
                              "protonentherapie"}))
            fill_msz();
    }

    void fill_ggz() {
        const bool practice = kind_ == "vrijgevestigde";
        if (practice) {
            static const std::vector<std::string> disciplines = {"gz_psycholoog",   "gz_psycholoog",       "gz_psycholoog",
                                                                 "psychotherapeut", "klinisch_psycholoog", "klinisch_neuropsycholoog",
                                                                 "psychiater"};
            set("discipline", rng_.pick(disciplines));
            const double r = rng_.uniform();
            number("fte_regiebehandelaren", r < 0.7 ? rng_.between(0.5, 6) : r < 0.9 ? rng_.between(6, 9) : rng_.between(9, 14), 1);
            const double l = rng_.uniform();
            set("locations", std::to_string(l < 0.6 ? 1 : l < 0.85 ? 2 : l < 0.95 ? 3 : rng_.integer(4, 5)));
            number("regiebehandelaar_presence", rng_.chance(0.9) ? rng_.between(0.8, 1.0) : rng_.between(0.6, 0.8), 2);
            number("regiebehandelaar_share", rng_.chance(0.9) ? rng_.between(0.8, 1.0) : rng_.between(0.5, 0.8), 2);
            flag("personal_agb", 0.97);
            flag("training_place", 0.15);
        } else {
            flag("offertetraject", kind_ == "ggz_instelling" ? 0.25 : 0.1);
            flag("former_vrijgevestigde", 0.1);
            flag("previous_practice_active", 0.3);
            flag("employs_psychiater_or_klinisch_psycholoog", 0.9);
            flag("innovative_gap", 0.5);
            flag("mind_criteria", 0.93);
            flag("patient_safety_program", 0.95);
            flag("vms_or_hkz", 0.92);
            const bool secure = rng_.chance(0.1);
            flag("secure_care", secure ? 1.0 : 0.0);
            if (secure) flag("secure_care_convenant", 0.9);
            const bool hs = rng_.chance(0.15);
            flag("offers_hoog_specialistisch", hs ? 1.0 : 0.0);
            if (hs) flag("hoog_specialistisch_listed", 0.8);
            const bool esk = rng_.chance(0.1);
            flag("offers_esketamine", esk ? 1.0 : 0.0);
            if (esk) flag("esketamine_criteria", 0.7);
        }
        const bool rtms = !practice && rng_.chance(0.12);
        flag("offers_rtms", rtms ? 1.0 : 0.0);
        if (rtms) flag("rtms_accredited", 0.7);
        flag("kwaliteitsstatuut", 0.96);
        set("kwaliteitsstatuut_section", rng_.chance(0.95) == practice ? "II" : "III");
        flag("wtza_license", practice ? 0.1 : 0.95);
        flag("care_near_patient", 0.93);
        flag("waiting_times_reported", 0.94);
        flag("follows_referral_rules", 0.96);
        flag("declares_via_vecozo", 0.97);
        flag("assessment_negative", 0.04);
    }

    // The further requirements of the documents (schema group "Further requirements of the
    // documents"), drawn from their own stream so that every older fact keeps its value.
    void fill_later() {
        const auto later = [&](const char* field, std::string value) {
            set(field, std::move(value));
            later_fields_.insert(field);
        };
        const auto later_flag = [&](const char* field, double p_true) { later(field, later_.chance(p_true) ? "true" : "false"); };
        const bool ggz = is_one_of(kind_, {"vrijgevestigde", "ggz_instelling", "paaz", "puk"});
        const bool institution = ggz && kind_ != "vrijgevestigde";
        if (ggz) {
            later_flag("meets_profession_requirements", 0.98);
            later_flag("kwaliteitsstatuut_published", 0.96);
            later_flag("kwaliteitsstatuut_observed", 0.97);
            const double m = later_.uniform();
            later("mdo", m < (institution ? 0.05 : 0.5) ? "geen_mdo" : m < 0.97 ? "volgens_criteria" : "anders");
            later_flag("green_deal_committed", institution ? 0.9 : 0.7);
            later_flag("sustainability_in_strategy", institution ? 0.9 : 0.6);
            later_flag("proven_methods_only", 0.97);
            later_flag("intake_exit_criteria", 0.96);
            later_flag("lvb_screening", 0.95);
            const bool groups = later_.chance(0.3);
            later_flag("offers_group_therapy", groups ? 1.0 : 0.0);
            if (groups) later("group_therapists", std::to_string(later_.chance(0.95) ? later_.integer(1, 2) : 3));
            const bool stay = institution && later_.chance(0.3);
            later_flag("offers_long_stay", stay ? 1.0 : 0.0);
            if (stay) later_flag("long_stay_policy", 0.93);
            later_flag("owns_property", institution ? 0.7 : 0.05);
            later("fte_total", fmt::format("{:.0f}", institution ? later_.between(20, 2500) : later_.between(1, 12)));
            later_flag("co2_roadmap_submitted", 0.8);
            const double a = later_.uniform();
            const std::string addiction = a < (institution ? 0.7 : 0.95) ? "geen" : a < 0.85 || !institution ? "ambulant" : "klinisch";
            later("addiction_care", addiction);
            const std::string detox = addiction == "geen" ? "geen" : addiction == "ambulant" ? "ambulant" : "beide";
            later("detox", detox);
            if (detox == "beide") later_flag("clinical_detox_arranged", 0.92);
            if (detox != "geen") later_flag("addiction_physician_available", 0.93);
            if (addiction == "klinisch") later_flag("admission_by_mdo_triage", 0.92);
        }
        if (kind_ == "wsv") later_flag("accreditation_approved", 0.1);
        if (kind_ == "ro") later_flag("ro_steers_quality", 0.94);
        if (is_one_of(kind_, {"ziekenhuis", "umc", "zbc", "dialysecentrum", "edc", "revalidatie", "trombosedienst", "audiologisch_centrum",
                              "protonentherapie"})) {
            later_flag("follows_appropriate_care", 0.96);
            const bool hospital = is_one_of(kind_, {"ziekenhuis", "umc"});
            later_flag("offers_acute_care", hospital ? 0.85 : 0.0);
            if (hospital) {
                later_flag("acute_care_norms", 0.93);
                later("digital_outpatient_share", fmt::format("{:.2f}", later_.between(0.15, 0.5)));
            }
        }
    }

    void fill_mdz() {
        if (kind_ == "huisartsenpraktijk") {
            flag("in_wsv", 0.85);
            return;
        }
        for (const char* f : {"participants_contracted", "aansluitovereenkomst", "agb_linked", "geographic_logical",
                              "multidisciplinary_board", "data_exchange", "uniform_emental_health", "vecozo_certificate"})
            flag(f, 0.94);
        if (kind_ == "wsv") {
            flag("gps_have_poh", 0.9);
            flag("offers_ggz_programme", 0.6);
            const double r = rng_.uniform();
            set("fysio_tariefgroep", r < 0.7 ? "A" : r < 0.95 ? "B" : "C");
            set("started_on", date_between(2012, 2023));
            flag("certified", 0.7);
        } else {
            flag("wtza_license", 0.7);
            set("wtza_applied_date", date_between(2022, 2024));
            set("annual_plan_date", fmt::format("2023-{:02d}-{:02d}", rng_.integer(8, 10), rng_.integer(1, 28)));
        }
    }

    void fill_msz() {
        for (const char* f : {"big_registered", "vms_nen8009", "quality_registrations", "certification", "patient_satisfaction"})
            flag(f, 0.96);
        for (const char* f : {"ifms", "full_treatment_path", "volume_norms", "backup_arrangement", "peer_review", "visitation",
                              "hkz_certified", "external_quality_control", "electronic_lab_record", "rational_lab_requests", "dto_plan",
                              "accessible", "msr_team", "added_value", "anticoagulation_standards", "fenac_safety", "wbmv_license"})
            flag(f, 0.93);
        if (kind_ == "dialysecentrum") {  // a new centre is one in operation less than two years (Bijlage 1)
            const auto d = inkoop::Date::from_ymd(extra_.integer(2005, 2023), extra_.integer(1, 12), extra_.integer(1, 28));
            set("operating_since", d->iso());
            extra_fields_.insert("operating_since");
        }
        if (kind_ == "zbc" || kind_ == "revalidatie") {
            number("insurer_revenue_eur", std::exp(rng_.between(std::log(20000.0), std::log(3000000.0))), 0);
            number("insurer_market_share", rng_.between(0.01, 0.5), 3);
            set("operating_since", date_between(2005, 2023));
            number("specialist_fte", rng_.between(0.6, 12), 1);
            set("max_asa_invasive", std::to_string(rng_.chance(0.9) ? rng_.integer(1, 2) : 3));
            flag("specialists_at_waiting_hospital", 0.05);
        }
    }

    // A bad row of one of four kinds: a word that is not a kind, a number that is not, no AGB, no such day.
    void spoil(std::vector<std::string>& out) {
        const auto& fields = ::inkoop::testing::test_schema();
        switch (rng_.integer(0, 3)) {
        case 0: out[static_cast<size_t>(fields.find("kind")->index)] = "ziekenhuisje"; break;
        case 1: out[static_cast<size_t>(fields.find("fte_regiebehandelaren")->index)] = "acht"; break;
        case 2: out[static_cast<size_t>(fields.find("agb")->index)] = ""; break;
        default: out[static_cast<size_t>(fields.find("application_date")->index)] = "2023-13-01"; break;
        }
    }

    Rng rng_;
    int bad_every_;
    std::unordered_set<int> agbs_;
    Rng extra_{0x1b5a7e2024ULL};
    std::set<std::string> extra_fields_;
    Rng later_{0x15503420ULL};  // the facts of issue 34's schema fields: a stream of their own
    std::set<std::string> later_fields_;
    std::string kind_;
    std::map<std::string, std::string> values_;
};

void write_row(const std::vector<std::string>& fields, std::string& buf) {
    for (size_t i = 0; i < fields.size(); ++i) {
        if (i) buf += ',';
        inkoop::append_csv_field(buf, fields[i]);
    }
    buf += '\n';
}

}  // namespace

int main(int argc, char** argv) {
    long rows = 2000, seed = 2024, bad_every = 400;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!std::strcmp(argv[i], "--rows"))
            rows = std::atol(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--seed"))
            seed = std::atol(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--bad-every"))
            bad_every = std::atol(argv[i + 1]);
        else {
            std::fprintf(stderr, "usage: inkoop-sample [--rows N] [--seed S] [--bad-every K]\n");
            return 2;
        }
    }
    Generator gen(static_cast<uint64_t>(seed), static_cast<int>(bad_every));
    std::string buf;
    write_row(gen.header(), buf);
    for (long n = 1; n <= rows; ++n) {
        write_row(gen.row(static_cast<int>(n)), buf);
        if (buf.size() > (1 << 20)) {
            std::fwrite(buf.data(), 1, buf.size(), stdout);
            buf.clear();
        }
    }
    std::fwrite(buf.data(), 1, buf.size(), stdout);
    return 0;
}

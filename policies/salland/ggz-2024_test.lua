-- Tests of policies/salland/ggz-2024.lua: both sides of every threshold and date of 3.1 and 10.4,
-- every refusal ground of 10.4, every provider kind in and out of scope.
use "salland/ggz-2024"

-- A contracted independent practice that meets every requirement of 3.1.
local practice = {
  agb = "94000001", kind = "vrijgevestigde", discipline = "gz_psycholoog", region = "Midden IJssel",
  contracted_last_year = true, established_in_nl = true, delivers_abroad = false,
  kwaliteitsstatuut = true, kwaliteitsstatuut_section = "II", personal_agb = true,
  regiebehandelaar_presence = 0.9, fte_regiebehandelaren = 5, locations = 1,
  waiting_times_reported = true, follows_referral_rules = true, declares_via_vecozo = true,
  training_place = false, diagnostics_only = false, fraud_investigation = false,
  negative_statements = false, failed_controls = false, external_findings = false,
  meets_profession_requirements = true, kwaliteitsstatuut_published = true, kwaliteitsstatuut_observed = true,
  green_deal_committed = true, sustainability_in_strategy = true, offers_long_stay = false, addiction_care = "geen", detox = "geen",
  mdo = "geen_mdo", owns_property = false,
}

-- A contracted GGZ institution on digital contracting that meets every requirement of 3.2.
local institution = {
  agb = "94100001", kind = "ggz_instelling", region = "Midden IJssel",
  contracted_last_year = true, established_in_nl = true, delivers_abroad = false,
  wtza_license = true, kwaliteitsstatuut = true, kwaliteitsstatuut_section = "III",
  follows_referral_rules = true, waiting_times_reported = true, declares_via_vecozo = true,
  mind_criteria = true, patient_safety_program = true, vms_or_hkz = true, secure_care = false,
  offers_hoog_specialistisch = false, offers_esketamine = false, offertetraject = false,
  former_vrijgevestigde = false, diagnostics_only = false, fraud_investigation = false,
  negative_statements = false, failed_controls = false, external_findings = false,
  mdt_psychiater_or_klinisch_psycholoog = true,
  meets_profession_requirements = true, kwaliteitsstatuut_published = true, kwaliteitsstatuut_observed = true,
  green_deal_committed = true, sustainability_in_strategy = true, offers_long_stay = false, addiction_care = "geen", detox = "geen",
  mdo = "volgens_criteria", owns_property = true, fte_total = 120,
}

local offered_2024 = { type = "vrijgevestigde", from = "2024-01-01", to = "2024-12-31", sign_by = "2023-11-09" }
local refused_conditions = { "niet_gecontracteerd_declareren", "niet_gecontracteerd_controle" }

-- 2.1 and 2.3: scope -------------------------------------------------------------------------------
test "a practice meeting every requirement is offered the 2024 contract" {
  provider = practice, outcome = "offer", grounds = {}, missing = {}, review = {},
  contract = offered_2024, tariff = "fixed", conditions = { "tekentermijn" }, excluded = {}, surcharges = {},
}
test "2.1: a ZBC is out of scope" {
  provider = { agb = "94200001", kind = "zbc" }, outcome = "refuse", grounds = { "out_of_scope" }, sections = { "2.1" },
}
test "2.1: a general hospital is out of scope" {
  provider = { agb = "94200002", kind = "ziekenhuis" }, outcome = "refuse", grounds = { "out_of_scope" }, sections = { "2.1" },
}
test "2.3: a nursing home is out of scope under the Wlz" {
  provider = { agb = "94200003", kind = "verpleeghuis" }, outcome = "refuse", grounds = { "out_of_scope" }, sections = { "2.3" },
}
test "2.1: an unknown kind leaves the decision incomplete" {
  provider = with(practice, { kind = unknown }), outcome = "incomplete", missing = { "kind" },
}
test "2.1: care abroad is excluded from the contract of a provider the 10.4 grounds do not reach" {
  provider = with(practice, { delivers_abroad = true }), params = { refusal_grounds_apply_to_existing = false },
  outcome = "offer", excluded = { "zorg_buitenland" },
}

-- 3.1: thresholds, both sides ------------------------------------------------------------------------
test "3.1: 8 FTE regiebehandelaren is allowed" {
  provider = with(practice, { fte_regiebehandelaren = 8 }), outcome = "offer", grounds = {},
}
test "3.1: 8.1 FTE regiebehandelaren is refused" {
  provider = with(practice, { fte_regiebehandelaren = 8.1 }), outcome = "refuse", grounds = { "max_fte_regiebehandelaren" }, sections = { "3.1" },
  conditions = refused_conditions,
}
test "3.1: 9 FTE regiebehandelaren is refused" {
  provider = with(practice, { fte_regiebehandelaren = 9 }), outcome = "refuse", grounds = { "max_fte_regiebehandelaren" }, sections = { "3.1" },
}
test "3.1: 3 locations are allowed" {
  provider = with(practice, { locations = 3 }), outcome = "offer",
}
test "3.1: 4 locations are refused" {
  provider = with(practice, { locations = 4 }), outcome = "refuse", grounds = { "max_behandellocaties" }, sections = { "3.1" },
}
test "3.1: a regiebehandelaar present 80% of opening hours is enough" {
  provider = with(practice, { regiebehandelaar_presence = 0.8 }), outcome = "offer",
}
test "3.1: a regiebehandelaar present 79% of opening hours is refused" {
  provider = with(practice, { regiebehandelaar_presence = 0.79 }), outcome = "refuse", grounds = { "regiebehandelaar_aanwezig" },
}
test "3.1: Kwaliteitsstatuut section III does not serve a practice" {
  provider = with(practice, { kwaliteitsstatuut_section = "III" }), outcome = "refuse", grounds = { "kwaliteitsstatuut_ii" },
}
test "3.1: no Kwaliteitsstatuut" {
  provider = with(practice, { kwaliteitsstatuut = false }), outcome = "refuse", grounds = { "kwaliteitsstatuut_ii" },
}
test "3.1: no personal AGB code" {
  provider = with(practice, { personal_agb = false }), outcome = "refuse", grounds = { "persoonlijke_agb" },
}
test "3.1: no waiting-time reporting" {
  provider = with(practice, { waiting_times_reported = false }), outcome = "refuse", grounds = { "wachttijden_vrijgevestigde" },
}
test "3.1: not following the referral rules" {
  provider = with(practice, { follows_referral_rules = false }), outcome = "refuse", grounds = { "verwijsregels_vrijgevestigde" },
}
test "3.1: established abroad" {
  provider = with(practice, { established_in_nl = false }), outcome = "refuse", grounds = { "nederland_vrijgevestigde" },
}
test "3.1: not claiming via VECOZO" {
  provider = with(practice, { declares_via_vecozo = false }), outcome = "refuse", grounds = { "vecozo_vrijgevestigde" },
}
test "3.1: all grounds that hold are listed, not only the first" {
  provider = with(practice, { fte_regiebehandelaren = 12, locations = 5, declares_via_vecozo = false }),
  outcome = "refuse", grounds = { "max_fte_regiebehandelaren", "max_behandellocaties", "vecozo_vrijgevestigde" },
}
test "3.1: unknown FTE leaves the decision incomplete" {
  provider = with(practice, { fte_regiebehandelaren = unknown }), outcome = "incomplete", missing = { "fte_regiebehandelaren" },
}
test "3.1: unknown facts are all listed" {
  provider = with(practice, { locations = unknown, personal_agb = unknown }), outcome = "incomplete",
  missing = { "locations", "personal_agb" },
}
test "a refusal on known facts stands when other facts are unknown" {
  provider = with(practice, { fte_regiebehandelaren = 9, locations = unknown }), outcome = "refuse",
  grounds = { "max_fte_regiebehandelaren" }, missing = {},
}

-- 3.2: institutions ----------------------------------------------------------------------------------
test "3.2: an institution meeting every requirement is offered a fixed-tariff contract" {
  provider = institution, outcome = "offer", tariff = "fixed",
  contract = { type = "instelling", from = "2024-01-01", to = "2024-12-31", sign_by = "2023-11-09" },
}
test "3.2: a PAAZ is offered the contract for PUK/PAAZ" {
  provider = with(institution, { kind = "paaz" }), outcome = "offer", tariff = "fixed",
}
test "3.2: a PUK is in scope" {
  provider = with(institution, { kind = "puk" }), outcome = "offer",
}
test "3.2: no Wtza licence" {
  provider = with(institution, { wtza_license = false }), outcome = "refuse", grounds = { "wtza" }, sections = { "3.2" },
}
test "3.2: Kwaliteitsstatuut section II does not serve an institution" {
  provider = with(institution, { kwaliteitsstatuut_section = "II" }), outcome = "refuse", grounds = { "kwaliteitsstatuut_iii" },
}
test "3.2: every other requirement of an institution" {
  provider = with(institution, { follows_referral_rules = false, waiting_times_reported = false, established_in_nl = false,
                                 declares_via_vecozo = false, mind_criteria = false, patient_safety_program = false, vms_or_hkz = false }),
  outcome = "refuse",
  grounds = { "verwijsregels_instelling", "wachttijden_instelling", "nederland_instelling", "vecozo_instelling",
              "mind_criteria", "verzekerdenveiligheid", "vms_of_hkz" },
}
test "3.2: secure care requires the Capaciteit Beveiligde Bedden convenant" {
  provider = with(institution, { secure_care = true, secure_care_convenant = false }), outcome = "refuse",
  grounds = { "convenant_beveiligde_bedden" },
}
test "3.2: secure care under the convenant is offered" {
  provider = with(institution, { secure_care = true, secure_care_convenant = true }), outcome = "offer",
}
test "3.2: the practice rules do not apply to an institution" {
  provider = with(institution, { fte_regiebehandelaren = 40, locations = 12 }), outcome = "offer",
}

-- 3.3: specific prestaties --------------------------------------------------------------------------
test "3.3: hoog specialistisch off the limitative list is left out of the contract" {
  provider = with(institution, { offers_hoog_specialistisch = true, hoog_specialistisch_listed = false }),
  outcome = "offer", excluded = { "hoog_specialistisch" },
}
test "3.3: hoog specialistisch on the limitative list is contracted" {
  provider = with(institution, { offers_hoog_specialistisch = true, hoog_specialistisch_listed = true }),
  outcome = "offer", excluded = {},
}
test "3.3: esketamine without the NVvP/ENC-NL criteria is left out" {
  provider = with(institution, { offers_esketamine = true, esketamine_criteria = false }),
  outcome = "offer", excluded = { "esketamine" }, conditions = { "tekentermijn" },
}
test "3.3: esketamine meeting the criteria comes with an addendum" {
  provider = with(institution, { offers_esketamine = true, esketamine_criteria = true }),
  outcome = "offer", excluded = {}, conditions = { "tekentermijn", "esketamine_addendum" },
}

-- 6: training place surcharge ------------------------------------------------------------------------
test "6: a recognised training place earns a surcharge" {
  provider = with(practice, { training_place = true }), outcome = "offer", surcharges = { "toeslag_opleidingsplek" },
}

-- 10.1 and 10.3: contracting route -------------------------------------------------------------------
test "10.1: maatwerk is negotiated and needs review" {
  provider = with(institution, { offertetraject = true }), outcome = "review", review = { "maatwerk" },
  tariff = "negotiated", conditions = { "tekentermijn", "productiemonitor" },
}
test "10.1: an institution whose route is unknown is incomplete" {
  provider = with(institution, { offertetraject = unknown }), outcome = "incomplete", missing = { "offertetraject" },
}

-- 10.4: new providers, both sides of 1 June 2023 --------------------------------------------------------
local new_practice = with(practice, { contracted_last_year = false, application_date = "2023-05-10" })
test "10.4: a new practice that applied before 1 June 2023 is assessed" {
  provider = new_practice, outcome = "review", review = { "beoordeling_nieuwe_aanbieder" }, contract = offered_2024,
}
test "10.4: applying on 1 June 2023 is in time" {
  provider = with(new_practice, { application_date = "2023-06-01" }), outcome = "review",
}
test "10.4: applying on 2 June 2023 is too late" {
  provider = with(new_practice, { application_date = "2023-06-02" }), outcome = "refuse",
  grounds = { "te_laat_aangemeld" }, sections = { "10.4" },
}
test "10.4: a DD-MM-YYYY application date reads the same" {
  provider = with(new_practice, { application_date = "02-06-2023" }), outcome = "refuse", grounds = { "te_laat_aangemeld" },
}
test "10.4: a new provider that did not apply is refused" {
  provider = with(new_practice, { application_date = unknown }), outcome = "refuse", grounds = { "niet_aangemeld" },
}
test "10.4: sufficient zorgplicht lets Salland refuse a new provider" {
  provider = new_practice, params = { zorgplicht_sufficient = true }, outcome = "refuse", grounds = { "zorgplicht_ingevuld" },
}
test "10.4: sufficient zorgplicht does not touch a contracted provider" {
  provider = practice, params = { zorgplicht_sufficient = true }, outcome = "offer",
}
test "10.4: delivering only diagnostics" {
  provider = with(new_practice, { diagnostics_only = true }), outcome = "refuse", grounds = { "alleen_diagnostiek" },
}
test "10.4: offering care abroad" {
  provider = with(new_practice, { delivers_abroad = true }), outcome = "refuse", grounds = { "zorg_in_buitenland" },
}
test "10.4: failed authorisations or controls" {
  provider = with(new_practice, { failed_controls = true }), outcome = "refuse", grounds = { "ondoelmatige_zorg_controles" },
}
test "10.4: a running fraud investigation" {
  provider = with(new_practice, { fraud_investigation = true }), outcome = "refuse", grounds = { "fraudeonderzoek" },
}
test "10.4: negative statements about Salland" {
  provider = with(new_practice, { negative_statements = true }), outcome = "refuse", grounds = { "negatieve_uitlatingen" },
}
test "10.4: findings of IGJ or NZa" {
  provider = with(new_practice, { external_findings = true }), outcome = "refuse", grounds = { "extern_onderzoek" },
}
test "10.4 and 3.1: 9 FTE and a fraud investigation give both grounds" {
  provider = with(new_practice, { fte_regiebehandelaren = 9, fraud_investigation = true }), outcome = "refuse",
  grounds = { "max_fte_regiebehandelaren", "fraudeonderzoek" }, sections = { "3.1", "10.4" }, conditions = refused_conditions,
}
-- The grounds of 10.4 stand under "10.4 Procedure beoordeling nieuwe aanbieders", and section 10 says a
-- contracted provider "ontvangt namelijk automatisch een contract aanbod": by default they reach only new
-- providers; refusal_grounds_apply_to_existing=true reads them as integrity grounds for every provider.
test "10.4: the refusal grounds of 10.4 are for new providers: a contracted practice is offered its contract" {
  provider = with(practice, { fraud_investigation = true }), outcome = "offer", grounds = {}, contract = offered_2024,
}
test "10.4: with refusal_grounds_apply_to_existing=true they reach contracted providers too" {
  provider = with(practice, { fraud_investigation = true }), params = { refusal_grounds_apply_to_existing = true },
  outcome = "refuse", grounds = { "fraudeonderzoek" },
}
test "2.1: care abroad is left out of a contracted practice's contract ('koopt geen GGZ in die in het buitenland geleverd wordt')" {
  provider = with(practice, { delivers_abroad = true }), outcome = "offer", excluded = { "zorg_buitenland" }, contract = offered_2024,
}
test "10.4: a former practice that is still active cannot become an institution" {
  provider = with(institution, { contracted_last_year = false, application_date = "2023-03-01",
                                 former_vrijgevestigde = true, previous_practice_active = true }),
  outcome = "refuse", grounds = { "vrijgevestigde_nog_actief" },
}
test "10.4: a former practice that has stopped is assessed as a new institution" {
  provider = with(institution, { contracted_last_year = false, application_date = "2023-03-01",
                                 former_vrijgevestigde = true, previous_practice_active = false }),
  outcome = "review", review = { "beoordeling_nieuwe_aanbieder" },
}
test "10.4: an unknown fraud status leaves a new provider's decision incomplete" {
  provider = with(new_practice, { fraud_investigation = unknown }), outcome = "incomplete", missing = { "fraud_investigation" },
}
test "10.4: a contracted practice's fraud status does not decide, so it is not asked" {
  provider = with(practice, { fraud_investigation = unknown }), outcome = "offer", missing = {}, contract = offered_2024,
}

-- 3.3 for practices: the limitative list binds every provider of setting 8; esketamine is bought from institutions
test "3.3: a practice delivering setting 8 off the limitative list has it left out ('De afdeling(en) waar door de Zorgaanbieder zorg in setting 8 ...')" {
  provider = with(practice, { offers_hoog_specialistisch = true, hoog_specialistisch_listed = false }), outcome = "offer",
  excluded = { "hoog_specialistisch" }, contract = offered_2024,
}
test "3.3: a practice on the limitative list keeps setting 8" {
  provider = with(practice, { offers_hoog_specialistisch = true, hoog_specialistisch_listed = true }), outcome = "offer", excluded = {},
}
test "3.3: a practice's contract leaves esketamine out ('kopen we dit middel landelijk in bij instellingen')" {
  provider = with(practice, { offers_esketamine = true, esketamine_criteria = true }), outcome = "offer",
  excluded = { "esketamine_niet_vrijgevestigd" }, conditions = { "tekentermijn" },
}

-- 4.3 Professionele zorgverleners en de regiebehandelaar
test "4.3: an institution whose multidisciplinary teams always include a psychiatrist or clinical psychologist" {
  provider = institution, outcome = "offer", grounds = {},
}
test "4.3: an institution whose teams do not always include one is refused" {
  provider = with(institution, { mdt_psychiater_or_klinisch_psycholoog = false }), outcome = "refuse",
  grounds = { "mdo_psychiater_of_klinisch_psycholoog" }, sections = { "4.3" }, conditions = refused_conditions,
}
test "4.3: not knowing it leaves an institution incomplete" {
  provider = with(institution, { mdt_psychiater_or_klinisch_psycholoog = unknown }), outcome = "incomplete",
  missing = { "mdt_psychiater_or_klinisch_psycholoog" },
}
test "4.3: the multidisciplinary team rule is not asked of a practice" {
  provider = with(practice, { mdt_psychiater_or_klinisch_psycholoog = false }), outcome = "offer",
}

-- 10.4 "behoudt zich het recht voor": the refusal grounds as review points (parameter)
test "10.4: by default a fraud investigation refuses a new provider" {
  provider = with(new_practice, { fraud_investigation = true }), outcome = "refuse", grounds = { "fraudeonderzoek" },
}
test "10.4: read as a right the insurer may use, a fraud investigation is a point for review" {
  provider = with(new_practice, { fraud_investigation = true }), params = { refusal_grounds_as_review = true },
  outcome = "review", grounds = {}, review = { "beoordeling_nieuwe_aanbieder", "fraudeonderzoek" }, contract = offered_2024,
}
test "10.4: read as reviews, every ground of 10.4 is a review point and the rest still refuses" {
  provider = with(new_practice, { diagnostics_only = true, delivers_abroad = true, failed_controls = true, fraud_investigation = true,
                                  negative_statements = true, external_findings = true }),
  params = { refusal_grounds_as_review = true }, outcome = "review",
  review = { "beoordeling_nieuwe_aanbieder", "alleen_diagnostiek", "zorg_in_buitenland", "ondoelmatige_zorg_controles",
             "fraudeonderzoek", "negatieve_uitlatingen", "extern_onderzoek" },
  excluded = { "zorg_buitenland" },
}
test "10.4: read as reviews, a late application and zorgplicht are reviewed too" {
  provider = with(practice, { contracted_last_year = false, application_date = "2023-06-02" }),
  params = { refusal_grounds_as_review = true, zorgplicht_sufficient = true }, outcome = "review",
  review = { "beoordeling_nieuwe_aanbieder", "zorgplicht_ingevuld", "te_laat_aangemeld" },
}
test "10.4: read as reviews, a requirement of 3.1 still refuses" {
  provider = with(practice, { fte_regiebehandelaren = 9, fraud_investigation = true }), params = { refusal_grounds_as_review = true },
  outcome = "refuse", grounds = { "max_fte_regiebehandelaren" },
}

-- Issue 34: what the record could not say before (3, 4.1, 4.3, 6, 9 and the annex on addiction care) ------
test "3: care not according to the profession's minimum requirements (privacy law, Wkkgz, Wet BIG) is refused" {
  provider = with(practice, { meets_profession_requirements = false }), outcome = "refuse", grounds = { "eisen_beroepsgroep" },
  sections = { "3" }, conditions = refused_conditions,
}
test "4.1: a quality statute not on the provider's own website is refused" {
  provider = with(practice, { kwaliteitsstatuut_published = false }), outcome = "refuse", grounds = { "kwaliteitsstatuut_openbaar" },
  sections = { "4.1" }, conditions = refused_conditions,
}
test "4.1: a quality statute only written, not monitored, is refused" {
  provider = with(institution, { kwaliteitsstatuut_observed = false }), outcome = "refuse", grounds = { "kwaliteitsstatuut_nageleefd" },
  conditions = refused_conditions,
}
test "4.3: an MDO that does not meet the criteria is refused" {
  provider = with(institution, { mdo = "anders" }), outcome = "refuse", grounds = { "mdo_criteria" }, sections = { "4.3" },
  conditions = refused_conditions,
}
test "6: long-term stay without a policy for self-reliance and throughput is refused" {
  provider = with(institution, { offers_long_stay = true, long_stay_policy = false }), outcome = "refuse",
  grounds = { "langdurig_verblijf" }, sections = { "6" }, conditions = refused_conditions,
}
test "6: long-term stay with that policy is offered" {
  provider = with(institution, { offers_long_stay = true, long_stay_policy = true }), outcome = "offer", grounds = {},
}
test "9: no commitment to the Green Deal is a point for review, not a refusal" {
  provider = with(practice, { green_deal_committed = false }), outcome = "review", review = { "green_deal" }, grounds = {},
}
test "9: sustainability not in the strategy is a point for review" {
  provider = with(practice, { sustainability_in_strategy = false }), outcome = "review", review = { "duurzaamheid_in_strategie" },
}
test "9: an institution with property and 251 fte without a CO2 roadmap is reviewed" {
  provider = with(institution, { fte_total = 251, co2_roadmap_submitted = false }), outcome = "review", review = { "routekaart_evz" },
}
test "9: with 250 fte the roadmap is not asked" {
  provider = with(institution, { fte_total = 250, co2_roadmap_submitted = unknown }), outcome = "offer", review = {},
}
test "9: without property the roadmap is not asked" {
  provider = with(institution, { owns_property = false, fte_total = 900, co2_roadmap_submitted = unknown }), outcome = "offer", review = {},
}
test "13: clinical detox by another institution without a cooperation agreement is refused" {
  provider = with(institution, { addiction_care = "klinisch", detox = "klinisch", clinical_detox_arranged = false,
                                 addiction_physician_available = true, admission_by_mdo_triage = true }),
  outcome = "refuse", grounds = { "klinische_detox_zelf_of_samen" }, sections = { "13" }, conditions = refused_conditions,
}
test "13: outpatient detox without a physician available around the clock is refused" {
  provider = with(institution, { addiction_care = "ambulant", detox = "ambulant", addiction_physician_available = false }),
  outcome = "refuse", grounds = { "verslavingsarts_bij_detox" }, conditions = refused_conditions,
}
test "13: clinical addiction care without admission by MDO and triage instrument is refused" {
  provider = with(institution, { addiction_care = "klinisch", detox = "geen", admission_by_mdo_triage = false }),
  outcome = "refuse", grounds = { "opname_via_mdo_en_triage" }, conditions = refused_conditions,
}
test "13: addiction care meeting the annex is offered, with day activities only alongside a stay" {
  provider = with(institution, { addiction_care = "klinisch", detox = "beide", clinical_detox_arranged = true,
                                 addiction_physician_available = true, admission_by_mdo_triage = true }),
  outcome = "offer", grounds = {}, conditions = { "dagbesteding_met_verblijf", "tekentermijn" },
}

-- Tests of policies/zorg-en-zekerheid/msz-2024.lua: every provider kind of Bijlage 1, both sides
-- of €100,000, 25%, two years, 1.2 FTE and ASA 2, HKZ within two years for a new dialysis centre,
-- and 31 August / 1 September 2023.
use "zorg-en-zekerheid/msz-2024"

local broad = { contracted_last_year = true, big_registered = true, vms_nen8009 = true, quality_registrations = true,
                certification = true, patient_satisfaction = true, volume_norms = true, follows_appropriate_care = true,
                offers_acute_care = false }
local hospital = with(broad, { agb = "98000001", kind = "ziekenhuis", ifms = true, full_treatment_path = true, volume_norms = true,
                               offers_acute_care = true, acute_care_norms = true, digital_outpatient_share = 0.35 })
local zbc = with(broad, { agb = "98100001", kind = "zbc", backup_arrangement = true, peer_review = true, max_asa_invasive = 2,
                          insurer_revenue_eur = 250000, insurer_market_share = 0.1, operating_since = "2015-01-01",
                          specialists_at_waiting_hospital = false, specialist_fte = 3 })
local small_zbc = with(zbc, { insurer_revenue_eur = 50000, insurer_market_share = 0.1, operating_since = "2023-01-01" })

test "a hospital meeting Bijlage 1 is offered on the reference price list" {
  provider = hospital, outcome = "offer", tariff = "reference_prices",
  contract = { type = "ziekenhuis", from = "2024-01-01", to = "2024-12-31", sign_by = "2023-11-09" },
}
test "5.1 and Bijlage 1: a hospital outside the quality registrations fails both" {
  provider = with(hospital, { quality_registrations = false }), outcome = "refuse",
  grounds = { "kwaliteitsregistraties_ziekenhuis", "kwaliteitsregistraties" }, sections = { "5.1", "Bijlage 1" },
}
test "Bijlage 1: MSZ-wide requirements" {
  provider = with(hospital, { big_registered = false, vms_nen8009 = false, certification = false, patient_satisfaction = false }),
  outcome = "refuse", grounds = { "big_registratie", "vms_nen8009", "certificering", "patienttevredenheid" },
}
test "Bijlage 1: hospital requirements" {
  provider = with(hospital, { ifms = false, full_treatment_path = false, volume_norms = false }), outcome = "refuse",
  grounds = { "minimumnormen_verenigingen", "ifms", "volledig_behandeltraject_ziekenhuis", "volumenormen" },
  sections = { "5.1", "Bijlage 1" },
}
test "3.3: a UMC is offered with the basic-care condition" {
  provider = with(hospital, { kind = "umc" }), outcome = "offer", conditions = { "add_on_geneesmiddelen_vooraf", "umc_basiszorg" }, contract = { type = "umc" },
}
test "Bijlage 1: a ZBC meeting every requirement" { provider = zbc, outcome = "offer", contract = { type = "zbc" } }
test "Bijlage 1: ZBC revenue of €100,000 is enough" {
  provider = with(small_zbc, { insurer_revenue_eur = 100000 }), outcome = "offer",
}
test "Bijlage 1: ZBC revenue of €99,999 with a small share and a young ZBC is not" {
  provider = with(small_zbc, { insurer_revenue_eur = 99999 }), outcome = "refuse", grounds = { "zbc_zorgomzet" },
}
test "Bijlage 1: a 25% market share is enough" {
  provider = with(small_zbc, { insurer_market_share = 0.25 }), outcome = "offer",
}
test "Bijlage 1: 24% is not" {
  provider = with(small_zbc, { insurer_market_share = 0.24 }), outcome = "refuse", grounds = { "zbc_zorgomzet" },
}
test "Bijlage 1: two years in full operation on 1 January 2024 is enough" {
  provider = with(small_zbc, { operating_since = "2022-01-01" }), outcome = "offer",
}
test "Bijlage 1: a day short of two years is not" {
  provider = with(small_zbc, { operating_since = "2022-01-02" }), outcome = "refuse", grounds = { "zbc_zorgomzet" },
}
test "Bijlage 1: ASA 2 is the highest class for invasive treatment" {
  provider = with(zbc, { max_asa_invasive = 3 }), outcome = "refuse", grounds = { "zbc_asa" },
}
test "Bijlage 1: 1.2 FTE of specialists is enough" {
  provider = with(zbc, { specialist_fte = 1.2 }), outcome = "offer",
}
test "Bijlage 1: 1.1 FTE is not" {
  provider = with(zbc, { specialist_fte = 1.1 }), outcome = "refuse", grounds = { "zbc_specialisten_fte" },
}
test "Bijlage 1: ZBC backup and peer review" {
  provider = with(zbc, { backup_arrangement = false, peer_review = false }), outcome = "refuse",
  grounds = { "zbc_achterwacht", "zbc_intercollegiale_toetsing" },
}
test "Bijlage 1: a new ZBC whose specialists work at a hospital with long waits is refused" {
  provider = with(zbc, { contracted_last_year = false, application_date = "2023-06-01", specialists_at_waiting_hospital = true }),
  outcome = "refuse", grounds = { "zbc_wachttijd_ziekenhuis" },
}
local dialysis = with(broad, { agb = "98200001", kind = "dialysecentrum", visitation = true, hkz_certified = false,
                               operating_since = "2015-05-01" })
test "Bijlage 1: a dialysis centre running since 2015 without HKZ is refused" {
  provider = dialysis, outcome = "refuse", grounds = { "dialyse_hkz" },
}
test "Bijlage 1: a centre running since 1 January 2022 is two years old on 1 January 2024: HKZ is required" {
  provider = with(dialysis, { operating_since = "2022-01-01" }), outcome = "refuse", grounds = { "dialyse_hkz" },
}
test "Bijlage 1: a centre running since 2 January 2022 is new: two years to certify" {
  provider = with(dialysis, { operating_since = "2022-01-02" }), outcome = "offer", conditions = { "add_on_geneesmiddelen_vooraf", "dialyse_hkz_binnen_twee_jaar" },
}
test "Bijlage 1: a centre opened on 1 March 2023 and already contracted is new, not refused" {
  provider = with(dialysis, { operating_since = "2023-03-01" }), outcome = "offer", conditions = { "add_on_geneesmiddelen_vooraf", "dialyse_hkz_binnen_twee_jaar" },
}
test "Bijlage 1: a centre running since 2010, new to Zorg en Zekerheid, is not new: HKZ is required" {
  provider = with(dialysis, { operating_since = "2010-01-01", contracted_last_year = false, application_date = "2023-07-01" }),
  outcome = "refuse", grounds = { "dialyse_hkz" },
}
test "Bijlage 1: without its start of operation a dialysis centre without HKZ is incomplete" {
  provider = with(dialysis, { operating_since = unknown }), outcome = "incomplete", missing = { "operating_since" },
}
test "Bijlage 1: a certified centre needs no condition however old" {
  provider = with(dialysis, { operating_since = "2023-03-01", hkz_certified = true }), outcome = "offer",
  conditions = { "add_on_geneesmiddelen_vooraf" },  -- 4.1's add-on drugs condition, no HKZ condition
}
test "Bijlage 1: read as 'not contracted in 2023' (parameter), the 2023 centre already contracted must have HKZ" {
  provider = with(dialysis, { operating_since = "2023-03-01" }), params = { dialysis_new_by_operating_date = false },
  outcome = "refuse", grounds = { "dialyse_hkz" },
}
test "Bijlage 1: read as 'not contracted in 2023', the centre from 2010 new to Zorg en Zekerheid gets two years" {
  provider = with(dialysis, { operating_since = "2010-01-01", contracted_last_year = false, application_date = "2023-07-01" }),
  params = { dialysis_new_by_operating_date = false },
  outcome = "review", review = { "moverende_redenen" }, conditions = { "add_on_geneesmiddelen_vooraf", "dialyse_hkz_binnen_twee_jaar" },
}

-- 5.1: the minimum norms of the scientific associations, for every kind
test "5.1: a ZBC that does not meet the associations' minimum norms is refused" {
  provider = with(zbc, { volume_norms = false }), outcome = "refuse", grounds = { "minimumnormen_verenigingen" }, sections = { "5.1" },
}
test "5.1: so is an EDC" {
  provider = with(broad, { agb = "98300009", kind = "edc", external_quality_control = true, electronic_lab_record = true,
                           rational_lab_requests = true, dto_plan = true, accessible = true, volume_norms = false }),
  outcome = "refuse", grounds = { "minimumnormen_verenigingen" },
}
test "5.1: not knowing whether a provider meets them leaves it incomplete" {
  provider = with(zbc, { volume_norms = unknown }), outcome = "incomplete", missing = { "volume_norms" },
}

-- Bijlage 1: "minimaal twee jaar volwaardig in bedrijf" at the start of the contract (default), on
-- 1 January 2024, or at the application (parameter)
local young_applicant = with(small_zbc, { contracted_last_year = false, specialists_at_waiting_hospital = false })
test "Bijlage 1: a ZBC from 1 March 2022 (EUR 80,000, 10%) applying on 10 March 2024 has two years when its contract starts" {
  provider = with(young_applicant, { operating_since = "2022-03-01", application_date = "2024-03-10", insurer_revenue_eur = 80000 }),
  outcome = "review", grounds = {}, review = { "moverende_redenen", "tussentijdse_aanvraag" },
  contract = { type = "zbc", from = "2024-03-01", to = "2024-12-31" },
}
test "Bijlage 1: from 2 March 2022 it is a day short on 1 March 2024" {
  provider = with(young_applicant, { operating_since = "2022-03-02", application_date = "2024-03-10", insurer_revenue_eur = 80000 }),
  outcome = "refuse", grounds = { "zbc_zorgomzet" }, sections = { "Bijlage 1" },
}
test "Bijlage 1: measured on 1 January 2024 (parameter), a ZBC from 1 March 2022 is under two years" {
  provider = with(young_applicant, { operating_since = "2022-03-01", application_date = "2024-03-01" }),
  params = { two_years_in_operation_measured_on = "1_january" }, outcome = "refuse", grounds = { "zbc_zorgomzet" },
}
test "Bijlage 1: measured at its application on 1 March 2024 it has two years exactly" {
  provider = with(young_applicant, { operating_since = "2022-03-01", application_date = "2024-03-01" }),
  params = { two_years_in_operation_measured_on = "application" }, outcome = "review", grounds = {},
}
test "Bijlage 1: measured at its application on 29 February 2024 it is a day short" {
  provider = with(young_applicant, { operating_since = "2022-03-01", application_date = "2024-02-29" }),
  params = { two_years_in_operation_measured_on = "application" }, outcome = "refuse", grounds = { "zbc_zorgomzet" },
}
test "Bijlage 1: a contracted ZBC is measured on 1 January 2024 under every reading" {
  provider = with(small_zbc, { operating_since = "2022-01-02" }), outcome = "refuse", grounds = { "zbc_zorgomzet" },
}
test "Bijlage 1: measured at the application, a contracted ZBC is still measured on 1 January 2024" {
  provider = with(small_zbc, { operating_since = "2022-01-02" }), params = { two_years_in_operation_measured_on = "application" },
  outcome = "refuse", grounds = { "zbc_zorgomzet" },
}
test "Bijlage 1: and on 1 January 2024 a ZBC from 1 January 2022 has its two years either way" {
  provider = with(small_zbc, { operating_since = "2022-01-01" }), params = { two_years_in_operation_measured_on = "application" },
  outcome = "offer",
}

-- 6.3: the sign-by date belongs to the regular round (applications up to 1 September 2023)
local applicant = with(zbc, { contracted_last_year = false })
test "6.3: applying on 31 August 2023, the offer is signed by 9 November 2023" {
  provider = with(applicant, { application_date = "2023-08-31" }), outcome = "review", contract = { sign_by = "2023-11-09" },
}
test "6.3: applying on 1 September 2023, the day 6.3 gives as the last, it is too (and a review point)" {
  provider = with(applicant, { application_date = "2023-09-01" }), outcome = "review",
  review = { "aanvraagtermijn_onduidelijk", "moverende_redenen" }, contract = { sign_by = "2023-11-09" },
}
test "6.3: applying on 2 September 2023 is outside the round: no sign-by date" {
  provider = with(applicant, { application_date = "2023-09-02" }), outcome = "review",
  review = { "aanvraag_na_termijn", "moverende_redenen" }, contract = { from = "2024-01-01", sign_by = "" },
}
test "6.3: a mid-year application on 20 May 2024 has no sign-by date before it" {
  provider = with(applicant, { application_date = "2024-05-20" }), outcome = "review",
  contract = { from = "2024-05-01", sign_by = "" },
}

test "Bijlage 1: an EDC" {
  provider = with(broad, { agb = "98300001", kind = "edc", external_quality_control = true, electronic_lab_record = true,
                           rational_lab_requests = true, dto_plan = false, accessible = true }),
  outcome = "refuse", grounds = { "edc_dto_plan" },
}
test "Bijlage 1: a rehabilitation institution needs 1.2 FTE and enough volume" {
  provider = with(broad, { agb = "98400001", kind = "revalidatie", full_treatment_path = true, msr_team = true, added_value = true,
                           specialist_fte = 1.1, insurer_revenue_eur = 100000 }),
  outcome = "refuse", grounds = { "revalidatie_specialisten_fte" },
}
test "Bijlage 1: a rehabilitation institution meeting every requirement" {
  provider = with(broad, { agb = "98400002", kind = "revalidatie", full_treatment_path = true, msr_team = true, added_value = true,
                           specialist_fte = 2, insurer_revenue_eur = 100000 }),
  outcome = "offer", contract = { type = "revalidatie" },
}
test "Bijlage 1: a thrombosis service" {
  provider = with(broad, { agb = "98500001", kind = "trombosedienst", external_quality_control = true,
                           anticoagulation_standards = false, electronic_lab_record = true, accessible = true }),
  outcome = "refuse", grounds = { "trombose_standaarden" },
}
test "Bijlage 1: an audiology centre" {
  provider = with(broad, { agb = "98600001", kind = "audiologisch_centrum", full_treatment_path = true, fenac_safety = true }),
  outcome = "offer",
}
test "Bijlage 1: proton therapy needs a Wbmv licence" {
  provider = with(broad, { agb = "98700001", kind = "protonentherapie", wbmv_license = false }), outcome = "refuse",
  grounds = { "protonen_wbmv" },
}
test "5.3: applying on 31 August 2023 is in time" {
  provider = with(zbc, { contracted_last_year = false, application_date = "2023-08-31" }), outcome = "review",
  review = { "moverende_redenen" },
}
test "5.3/6.3: 1 September 2023 is both the deadline and past it" {
  provider = with(zbc, { contracted_last_year = false, application_date = "2023-09-01" }), outcome = "review",
  review = { "aanvraagtermijn_onduidelijk", "moverende_redenen" },
}
test "5.3: 2 September 2023 is past the deadline" {
  provider = with(zbc, { contracted_last_year = false, application_date = "2023-09-02" }), outcome = "review",
  review = { "aanvraag_na_termijn", "moverende_redenen" },
}
test "5.3: a mid-year application starts on the first of the month" {
  provider = with(zbc, { contracted_last_year = false, application_date = "2024-06-20" }), outcome = "review",
  review = { "tussentijdse_aanvraag", "moverende_redenen" }, contract = { from = "2024-06-01" },
}
test "2.1: a GGZ practice is out of scope" {
  provider = { agb = "98800001", kind = "vrijgevestigde" }, outcome = "refuse", grounds = { "out_of_scope" }, sections = { "2.1" },
}
test "5.3: a new provider that did not apply is refused" {
  provider = with(zbc, { contracted_last_year = false }), outcome = "refuse", grounds = { "niet_aangevraagd" },
}
test "Bijlage 1: a dialysis centre without visitation" {
  provider = with(broad, { agb = "98200003", kind = "dialysecentrum", visitation = false, hkz_certified = true }),
  outcome = "refuse", grounds = { "dialyse_visitatie" },
}
test "Bijlage 1: every other EDC requirement" {
  provider = with(broad, { agb = "98300002", kind = "edc", external_quality_control = false, electronic_lab_record = false,
                           rational_lab_requests = false, dto_plan = true, accessible = false }),
  outcome = "refuse", grounds = { "edc_kwaliteitscontroles", "edc_labdossier", "edc_rationeel_aanvragen", "edc_toegankelijkheid" },
}
test "Bijlage 1: every other rehabilitation requirement" {
  provider = with(broad, { agb = "98400003", kind = "revalidatie", full_treatment_path = false, msr_team = false, added_value = false,
                           specialist_fte = 2, insurer_revenue_eur = 1000, insurer_market_share = 0.01, operating_since = "2023-06-01" }),
  outcome = "refuse", grounds = { "revalidatie_behandeltraject", "revalidatie_team", "revalidatie_meerwaarde", "revalidatie_zorgomzet" },
}
test "Bijlage 1: every other thrombosis service requirement" {
  provider = with(broad, { agb = "98500002", kind = "trombosedienst", external_quality_control = false,
                           anticoagulation_standards = true, electronic_lab_record = false, accessible = false }),
  outcome = "refuse", grounds = { "trombose_kwaliteitscontroles", "trombose_labdossier", "trombose_toegankelijkheid" },
}
test "Bijlage 1: an audiology centre failing both requirements" {
  provider = with(broad, { agb = "98600002", kind = "audiologisch_centrum", full_treatment_path = false, fenac_safety = false }),
  outcome = "refuse", grounds = { "audiologie_behandeltraject", "audiologie_fenac" },
}
test "Bijlage 1: proton therapy with a Wbmv licence" {
  provider = with(broad, { agb = "98700002", kind = "protonentherapie", wbmv_license = true }), outcome = "offer",
}
test "5.3: an application after 2024 is not for this contract year" {
  provider = with(zbc, { contracted_last_year = false, application_date = "2025-03-01" }), outcome = "refuse",
  grounds = { "aanvraag_na_contractjaar" },
}

-- Issue 34: what the record could not say before ----------------------------------------------------------
test "3.3: a hospital delivering 29% of outpatient care digitally is reviewed against the 30% ambition" {
  provider = with(hospital, { digital_outpatient_share = 0.29 }), outcome = "review", review = { "digitale_polizorg" },
}
test "3.3: 30% is enough" {
  provider = with(hospital, { digital_outpatient_share = 0.3 }), outcome = "offer", review = {},
}
test "3.3: a ZBC is not held to the hospitals' digital ambition" {
  provider = zbc, outcome = "offer", review = {},
}
test "4.1: every offer carries the prior written approval for new add-on drugs" {
  provider = hospital, outcome = "offer", conditions = { "add_on_geneesmiddelen_vooraf" },
}
test "4.1: a hospital with acute care that does not meet its norms is refused" {
  provider = with(hospital, { acute_care_norms = false }), outcome = "refuse", grounds = { "normen_acute_zorg" }, sections = { "4.1" },
}
test "4.1: the acute care norms do not bind a hospital without acute care" {
  provider = with(hospital, { offers_acute_care = false, acute_care_norms = unknown }), outcome = "offer", grounds = {},
}
test "4.1: whether a hospital delivers acute care must be known" {
  provider = with(hospital, { offers_acute_care = unknown, acute_care_norms = unknown }), outcome = "incomplete",
  missing = { "offers_acute_care" },
}
test "5.1: a provider that does not act on Doen of laten and Zinnige Zorg is refused" {
  provider = with(zbc, { follows_appropriate_care = false }), outcome = "refuse", grounds = { "doen_of_laten_zinnige_zorg" },
  sections = { "5.1" },
}

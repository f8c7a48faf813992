-- Tests of policies/zorg-en-zekerheid/ggz-2024.lua: both sides of 10 FTE, 3 locations, 80% and
-- 31 August / 1 September 2023; mid-year applications; every provider kind in and out of scope.
use "zorg-en-zekerheid/ggz-2024"

local practice = {
  agb = "95000001", kind = "vrijgevestigde", discipline = "gz_psycholoog", region = "Zuid-Holland Noord",
  contracted_last_year = true, delivers_abroad = false, kwaliteitsstatuut = true,
  regiebehandelaar_share = 0.9, fte_regiebehandelaren = 4, locations = 1, care_near_patient = true,
  negative_statements = false,
  kwaliteitsstatuut_observed = true, mdo = "volgens_criteria", proven_methods_only = true, intake_exit_criteria = true,
  lvb_screening = true,
}
local institution = {
  agb = "95100001", kind = "ggz_instelling", contracted_last_year = true, delivers_abroad = false,
  kwaliteitsstatuut = true, wtza_license = true, employs_psychiater_or_klinisch_psycholoog = true,
  care_near_patient = true, offertetraject = false, negative_statements = false,
  kwaliteitsstatuut_observed = true, mdo = "volgens_criteria", proven_methods_only = true, intake_exit_criteria = true,
  lvb_screening = true,
}
local new_practice = with(practice, { contracted_last_year = false, application_date = "2023-05-10" })
local year_2024 = { type = "vrijgevestigde", from = "2024-01-01", to = "2024-12-31", sign_by = "2023-11-09" }

test "a contracted practice meeting 5.1 is offered 2024 at a percentage of NZa tariffs" {
  provider = practice, outcome = "offer", contract = year_2024, tariff = "nza_percentage", grounds = {}, review = {},
}
test "the Salland comparison case: 9 FTE, applied 10 May 2023, is not refused" {
  provider = with(new_practice, { fte_regiebehandelaren = 9 }), outcome = "review", review = { "moverende_redenen" },
  contract = year_2024,
}
test "5.1: 10 FTE is allowed" { provider = with(practice, { fte_regiebehandelaren = 10 }), outcome = "offer" }
test "5.1: 10.5 FTE is refused" {
  provider = with(practice, { fte_regiebehandelaren = 10.5 }), outcome = "refuse", grounds = { "max_fte_regiebehandelaren" }, sections = { "5.1" },
}
test "5.1: 3 locations are allowed" { provider = with(practice, { locations = 3 }), outcome = "offer" }
test "5.1: 4 locations are refused" {
  provider = with(practice, { locations = 4 }), outcome = "refuse", grounds = { "max_behandellocaties" },
}
test "5.1: the regiebehandelaar delivering 80% of treatment time is enough" {
  provider = with(practice, { regiebehandelaar_share = 0.8 }), outcome = "offer",
}
test "5.1: 79% is not" {
  provider = with(practice, { regiebehandelaar_share = 0.79 }), outcome = "refuse", grounds = { "regiebehandelaar_eigen_behandeltijd" },
}
test "5.1: Kwaliteitsstatuut, care near the patient, discipline" {
  provider = with(practice, { kwaliteitsstatuut = false, care_near_patient = false, discipline = unknown }),
  outcome = "refuse", grounds = { "kwaliteitsstatuut_vrijgevestigde", "zorg_dichtbij_vrijgevestigde" }, missing = {},
}
test "5.1: an unknown discipline leaves a practice incomplete" {
  provider = with(practice, { discipline = unknown }), outcome = "incomplete", missing = { "discipline" },
}
test "5.1: a contracted institution meeting 5.1 is offered" {
  provider = institution, outcome = "offer", tariff = "nza_percentage",
  contract = { type = "instelling", from = "2024-01-01", to = "2024-12-31" },
}
test "5.1: PAAZ and PUK are GGZ institutions" {
  provider = with(institution, { kind = "paaz" }), outcome = "offer",
}
test "5.1: a PUK too" { provider = with(institution, { kind = "puk" }), outcome = "offer" }
test "5.1: institution requirements" {
  provider = with(institution, { wtza_license = false, employs_psychiater_or_klinisch_psycholoog = false,
                                 kwaliteitsstatuut = false, care_near_patient = false }),
  outcome = "refuse", grounds = { "wtza", "psychiater_in_loondienst", "kwaliteitsstatuut_instelling", "zorg_dichtbij_instelling" },
}
test "5.1: a new institution needs an innovative offer for a gap" {
  provider = with(institution, { contracted_last_year = false, application_date = "2023-04-01", innovative_gap = false }),
  outcome = "refuse", grounds = { "innovatief_aanbod" },
}
test "5.1: a new institution with an innovative offer is assessed" {
  provider = with(institution, { contracted_last_year = false, application_date = "2023-04-01", innovative_gap = true }),
  outcome = "review", review = { "moverende_redenen" },
}
test "5.1: negative statements without good reason" {
  provider = with(practice, { negative_statements = true }), outcome = "refuse", grounds = { "negatieve_uitlatingen" }, sections = { "5.1" },
}
test "4.1: care abroad is left out of the contract" {
  provider = with(practice, { delivers_abroad = true }), outcome = "offer", excluded = { "zorg_buitenland" },
}
test "4.1: a Wlz-funded nursing home is not purchased" {
  provider = { agb = "95200001", kind = "verpleeghuis" }, outcome = "refuse", grounds = { "out_of_scope" }, sections = { "4.1" },
}
test "4.1: a Wlz-funded VG institution is not purchased" {
  provider = { agb = "95200002", kind = "vg_instelling" }, outcome = "refuse", grounds = { "out_of_scope" }, sections = { "4.1" },
}
test "2.1: a hospital is out of scope" {
  provider = { agb = "95200003", kind = "ziekenhuis" }, outcome = "refuse", grounds = { "out_of_scope" }, sections = { "2.1" },
}
test "5.3: an institution with offertetraject negotiates individually" {
  provider = with(institution, { offertetraject = true }), outcome = "review", review = { "offertetraject" },
  conditions = { "bijcontracteren" }, contract = { type = "instelling_offertetraject" },
}
test "5.4: applying on 31 August 2023 is in time" {
  provider = with(new_practice, { application_date = "2023-08-31" }), outcome = "review", review = { "moverende_redenen" },
  contract = year_2024,
}
test "5.4: applying on 1 September 2023 is past the deadline" {
  provider = with(new_practice, { application_date = "2023-09-01" }), outcome = "review",
  review = { "aanvraag_na_termijn", "moverende_redenen" },
}
test "5.4: a mid-year application gets a contract from the first of the month" {
  provider = with(new_practice, { application_date = "2024-03-15" }), outcome = "review",
  review = { "tussentijdse_aanvraag", "moverende_redenen" },
  contract = { from = "2024-03-01", to = "2024-12-31" },
}
test "5.4: a new provider that did not apply is refused" {
  provider = with(new_practice, { application_date = unknown }), outcome = "refuse", grounds = { "niet_aangevraagd" },
}
test "5.1: a psychiatrist's practice is one of the contracted disciplines" {
  provider = with(practice, { discipline = "psychiater" }), outcome = "offer",
}
test "5.1: an orthopedagoog-generalist's practice is not one of the contracted disciplines" {
  provider = with(practice, { discipline = "orthopedagoog_generalist" }), outcome = "refuse", grounds = { "discipline" },
  sections = { "5.1" },
}
test "5.4: an application after 2024 is not for this contract year" {
  provider = with(new_practice, { application_date = "2025-01-01" }), outcome = "refuse", grounds = { "aanvraag_na_contractjaar" },
}
test "5.4: an application on 31 December 2024 is mid-year" {
  provider = with(new_practice, { application_date = "2024-12-31" }), outcome = "review", contract = { from = "2024-12-01" },
}

-- 6.3: the sign-by date belongs to the regular round (applications by 31 August 2023)
test "6.3: applying on 30 August 2023, the offer is signed by 9 November 2023" {
  provider = with(new_practice, { application_date = "2023-08-30" }), outcome = "review", contract = { sign_by = "2023-11-09" },
}
test "6.3: applying on 31 August 2023, the last day, the offer is signed by 9 November 2023" {
  provider = with(new_practice, { application_date = "2023-08-31" }), outcome = "review", contract = { sign_by = "2023-11-09" },
}
test "6.3: applying on 1 September 2023, after the round, no sign-by date is proposed" {
  provider = with(new_practice, { application_date = "2023-09-01" }), outcome = "review",
  contract = { from = "2024-01-01", sign_by = "" },
}
test "6.3: a mid-year application on 20 May 2024 gets no sign-by date before it" {
  provider = with(new_practice, { application_date = "2024-05-20" }), outcome = "review",
  contract = { from = "2024-05-01", to = "2024-12-31", sign_by = "" },
}
test "6.3: a contracted provider is in the regular round" {
  provider = practice, outcome = "offer", contract = { sign_by = "2023-11-09" },
}

-- Issue 34: 4.1's requirements the record could not say before -------------------------------------------
test "4.1: a practice that does not see to the observance of its quality statute is refused" {
  provider = with(practice, { kwaliteitsstatuut_observed = false }), outcome = "refuse", grounds = { "kwaliteitsstatuut_nageleefd" },
  sections = { "4.1" },
}
test "4.1: an MDO that works otherwise than its purpose is refused" {
  provider = with(institution, { mdo = "anders" }), outcome = "refuse", grounds = { "mdo_volgens_doel" }, sections = { "4.1" },
}
test "4.1: a practice without an MDO meets the MDO requirement" {
  provider = with(practice, { mdo = "geen_mdo" }), outcome = "offer", grounds = {},
}
test "4.1: treatment methods not proven effective are refused" {
  provider = with(practice, { proven_methods_only = false }), outcome = "refuse", grounds = { "bewezen_effectieve_behandelmethoden" },
}
test "4.1: no clear intake and discharge criteria are refused" {
  provider = with(institution, { intake_exit_criteria = false }), outcome = "refuse", grounds = { "in_en_uitstroomcriteria" },
}
test "4.1: no screening for a mild intellectual disability is refused" {
  provider = with(practice, { lvb_screening = false }), outcome = "refuse", grounds = { "screening_lvb" },
}
test "4.1: unknown observance of the quality statute leaves the decision incomplete" {
  provider = with(practice, { kwaliteitsstatuut_observed = unknown }), outcome = "incomplete", missing = { "kwaliteitsstatuut_observed" },
}

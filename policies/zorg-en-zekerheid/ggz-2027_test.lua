-- Tests of policies/zorg-en-zekerheid/ggz-2027.lua: the 2024 rules less what chapter 1 and the
-- 2027 text took out, plus durations (5.2), applications in 2026 and 2027 (5.3), rTMS and the
-- monodisciplinary setting (5.1), and the negative assessment of contracted providers (5.2).
use "zorg-en-zekerheid/ggz-2027"

local practice = {
  agb = "96000001", kind = "vrijgevestigde", discipline = "gz_psycholoog", contracted_last_year = true,
  delivers_abroad = false, kwaliteitsstatuut = true, regiebehandelaar_share = 0.9, fte_regiebehandelaren = 4,
  locations = 1, care_near_patient = true, assessment_negative = false, offers_rtms = false,
  kwaliteitsstatuut_observed = true, mdo = "volgens_criteria", proven_methods_only = true, intake_exit_criteria = true,
  lvb_screening = true, offers_group_therapy = false,
}
local institution = {
  agb = "96100001", kind = "ggz_instelling", contracted_last_year = true, delivers_abroad = false,
  kwaliteitsstatuut = true, care_near_patient = true, offertetraject = false, former_vrijgevestigde = false,
  offers_rtms = false, assessment_negative = false,
  kwaliteitsstatuut_observed = true, mdo = "volgens_criteria", proven_methods_only = true, intake_exit_criteria = true,
  lvb_screening = true, offers_group_therapy = false,
}
local applicant = with(practice, { contracted_last_year = false, application_date = "2026-05-10", assessment_negative = unknown })
local two_years = { type = "vrijgevestigde", from = "2027-01-01", to = "2028-12-31", sign_by = "2026-11-11" }
local base_conditions = { "toeslag_psychodiagnostiek", "tekenen_binnen_zes_weken" }

test "5.2/5.3: a GZ-psychologist who applied in 2026 gets 2027-01-01 to 2028-12-31" {
  provider = applicant, outcome = "review", review = { "praktijkomvang", "moverende_redenen" }, contract = two_years,
  tariff = "fixed", conditions = base_conditions,
}
test "5.2: a contracted psychiatrist gets two years" {
  provider = with(practice, { discipline = "psychiater" }), outcome = "offer", contract = two_years,
}
test "5.2: a psychotherapist's term is not in the table" {
  provider = with(practice, { discipline = "psychotherapeut" }), outcome = "review", review = { "looptijd_niet_in_tabel" },
  contract = { from = "2027-01-01", to = "2027-12-31" },
}
test "5.2: unlisted_discipline_years sets that term" {
  provider = with(practice, { discipline = "klinisch_psycholoog" }), params = { unlisted_discipline_years = 2 },
  outcome = "review", contract = { to = "2028-12-31" },
}
test "5.1: an orthopedagoog-generalist's practice is not one of the contracted disciplines" {
  provider = with(practice, { discipline = "orthopedagoog_generalist" }), outcome = "refuse", grounds = { "discipline" },
  sections = { "5.1" },
}
test "5.2: institutions get one year" {
  provider = institution, outcome = "offer", contract = { type = "instelling", from = "2027-01-01", to = "2027-12-31" },
  tariff = "fixed",
}
test "5.2: a negative assessment of a contracted provider ends the contract" {
  provider = with(practice, { assessment_negative = true }), outcome = "refuse", grounds = { "toetsing_negatief" }, sections = { "5.2" },
}
test "5.1: the 2024 size limits are gone: 12 FTE and 5 locations are not refused" {
  provider = with(practice, { fte_regiebehandelaren = 12, locations = 5 }), outcome = "offer",
}
test "5.1: a new practice's size is a review point" {
  provider = with(applicant, { fte_regiebehandelaren = 12 }), outcome = "review", review = { "praktijkomvang", "moverende_redenen" },
}
test "5.1: the 80% rule stays" {
  provider = with(practice, { regiebehandelaar_share = 0.79 }), outcome = "refuse", grounds = { "regiebehandelaar_eigen_behandeltijd" },
}
test "5.1: a new institution no longer needs WTZa or a psychiatrist on the payroll" {
  provider = with(institution, { contracted_last_year = false, application_date = "2026-02-01", innovative_gap = true,
                                 wtza_license = false, employs_psychiater_or_klinisch_psycholoog = false }),
  outcome = "review", review = { "moverende_redenen" },
}
test "5.1: a practice turned institution without a specialist gets only monodisciplinair" {
  provider = with(institution, { former_vrijgevestigde = true, employs_psychiater_or_klinisch_psycholoog = false }),
  outcome = "offer", settings = { "monodisciplinair" },
}
test "5.1: with a psychiatrist on the payroll the multidisciplinary setting is assessed" {
  provider = with(institution, { former_vrijgevestigde = true, employs_psychiater_or_klinisch_psycholoog = true }),
  outcome = "review", review = { "multidisciplinair_beoordeling" }, settings = {},
}
test "5.1: rTMS without accreditation is excluded" {
  provider = with(institution, { offers_rtms = true, rtms_accredited = false }), outcome = "offer", excluded = { "rtms" },
}
test "5.1: accredited rTMS stays in the contract" {
  provider = with(institution, { offers_rtms = true, rtms_accredited = true }), outcome = "offer", excluded = {},
}
test "negative statements are no longer a refusal ground" {
  provider = with(practice, { negative_statements = true }), outcome = "offer",
}
test "4.2: care abroad is left out" {
  provider = with(practice, { delivers_abroad = true }), outcome = "offer", excluded = { "zorg_buitenland" },
}
test "4.2: Wlz-funded institutions are not purchased" {
  provider = { agb = "96200001", kind = "vg_instelling" }, outcome = "refuse", grounds = { "out_of_scope" }, sections = { "4.2" },
}
test "5.3: an application in 2027 starts on the first of its month, signed within six weeks" {
  provider = with(applicant, { application_date = "2027-05-10" }), outcome = "review",
  contract = { from = "2027-05-01", to = "2028-12-31", sign_by = "" },
  conditions = { "toeslag_psychodiagnostiek", "tussentijdse_aanvraag", "tekenen_binnen_zes_weken" },
}
test "5.2: two_year_term_from_start runs two years from a mid-year start" {
  provider = with(applicant, { application_date = "2027-05-10" }), params = { two_year_term_from_start = true },
  outcome = "review", contract = { from = "2027-05-01", to = "2029-04-30" },
}
test "5.3: an application on 31 December 2026 still starts on 1 January 2027" {
  provider = with(applicant, { application_date = "2026-12-31" }), outcome = "review", contract = { from = "2027-01-01", sign_by = "" },
}
test "5.3: an application before 2026 is a review point" {
  provider = with(applicant, { application_date = "2025-12-31" }), outcome = "review",
  review = { "aanvraag_voor_aanvraagperiode", "praktijkomvang", "moverende_redenen" },
}
test "5.3: no application, no contract" {
  provider = with(applicant, { application_date = unknown }), outcome = "refuse", grounds = { "niet_aangevraagd" }, sections = { "5.3" },
}
test "6.1: an institution with offertetraject gets a maatwerk proposal at an agreed percentage" {
  provider = with(institution, { offertetraject = true }), outcome = "review", review = { "offertetraject" },
  tariff = "nza_percentage", conditions = { "toeslag_psychodiagnostiek", "tekenen_binnen_zes_weken", "bijcontracteren" },
}
test "5.1: the remaining practice requirements" {
  provider = with(practice, { kwaliteitsstatuut = false, care_near_patient = false }), outcome = "refuse",
  grounds = { "kwaliteitsstatuut_vrijgevestigde", "zorg_dichtbij_vrijgevestigde" },
}
test "5.1: the remaining institution requirements" {
  provider = with(institution, { kwaliteitsstatuut = false, care_near_patient = false }), outcome = "refuse",
  grounds = { "kwaliteitsstatuut_instelling", "zorg_dichtbij_instelling" },
}
test "5.1: a new institution without an innovative offer" {
  provider = with(institution, { contracted_last_year = false, application_date = "2026-02-01", innovative_gap = false }),
  outcome = "refuse", grounds = { "innovatief_aanbod" },
}
test "5.3: an application in 2028 is not for 2027" {
  provider = with(applicant, { application_date = "2028-01-01" }), outcome = "refuse", grounds = { "aanvraag_na_contractjaar" },
}

-- Issue 34: group therapy (3.1, new in 2027) and 4.2's requirements, moved from 2024's 4.1 ------------------
test "3.1: group therapy with 2 therapists per group is allowed" {
  provider = with(practice, { offers_group_therapy = true, group_therapists = 2 }), outcome = "offer", grounds = {},
}
test "3.1: group therapy with 3 therapists per group is refused" {
  provider = with(practice, { offers_group_therapy = true, group_therapists = 3 }), outcome = "refuse",
  grounds = { "behandelaren_per_groep" }, sections = { "3.1" },
}
test "3.1: the limit is a parameter" {
  provider = with(practice, { offers_group_therapy = true, group_therapists = 3 }), params = { max_behandelaren_per_groep = 3 },
  outcome = "offer", grounds = {},
}
test "3.1: a provider without group therapy is not asked how many therapists" {
  provider = with(practice, { offers_group_therapy = false, group_therapists = unknown }), outcome = "offer", grounds = {},
}
test "4.2: the 2024 requirement of 4.1 cites 4.2 in 2027" {
  provider = with(institution, { lvb_screening = false }), outcome = "refuse", grounds = { "screening_lvb" }, sections = { "4.2" },
}
test "4.2: a practice that does not see to the observance of its quality statute is refused" {
  provider = with(practice, { kwaliteitsstatuut_observed = false }), outcome = "refuse", grounds = { "kwaliteitsstatuut_nageleefd" },
  sections = { "4.2" },
}
test "4.2: an MDO that works otherwise than the Nivel and the LKS describe is refused" {
  provider = with(institution, { mdo = "anders" }), outcome = "refuse", grounds = { "mdo_volgens_doel" },
}
test "4.2: treatment methods not proven effective are refused" {
  provider = with(practice, { proven_methods_only = false }), outcome = "refuse", grounds = { "bewezen_effectieve_behandelmethoden" },
}
test "4.2: no clear intake and discharge criteria are refused" {
  provider = with(institution, { intake_exit_criteria = false }), outcome = "refuse", grounds = { "in_en_uitstroomcriteria" },
}

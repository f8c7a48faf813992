-- Tests of policies/zorg-en-zekerheid/mdz-2024.lua: the 5.1 table for WSV and RO, praktijkmanagement,
-- five years to certification, Wtza application before 1 January 2024, the annual plan by
-- 1 October 2023, and 31 August / 1 September 2023.
use "zorg-en-zekerheid/mdz-2024"

local wsv = {
  agb = "97000001", kind = "wsv", contracted_last_year = true, participants_contracted = true, aansluitovereenkomst = true,
  agb_linked = true, geographic_logical = true, multidisciplinary_board = true, gps_have_poh = true, data_exchange = true,
  offers_ggz_programme = false, vecozo_certificate = true, fysio_tariefgroep = "A", started_on = "2016-03-01", certified = true,
  accreditation_approved = false,
}
local ro = {
  agb = "97100001", kind = "ro", contracted_last_year = true, participants_contracted = true, aansluitovereenkomst = true,
  agb_linked = true, geographic_logical = true, multidisciplinary_board = true, data_exchange = true,
  uniform_emental_health = true, vecozo_certificate = true, wtza_license = true, annual_plan_date = "2023-09-20",
  ro_steers_quality = true,
}
local gp = { agb = "97200001", kind = "huisartsenpraktijk", contracted_last_year = true, in_wsv = true }

test "a WSV meeting the 5.1 table gets O&I wijkmanagement at a uniform tariff" {
  provider = wsv, outcome = "offer", tariff = "fixed",
  contract = { type = "O&I wijkmanagement", from = "2024-01-01", to = "2024-12-31", sign_by = "2023-12-31" },
}
test "5.1: every WSV requirement" {
  provider = with(wsv, { participants_contracted = false, aansluitovereenkomst = false, agb_linked = false,
                         geographic_logical = false, multidisciplinary_board = false, gps_have_poh = false,
                         data_exchange = false, vecozo_certificate = false }),
  outcome = "refuse", sections = { "5.1" },
  grounds = { "wsv_deelnemers_gecontracteerd", "wsv_aansluitovereenkomst", "wsv_agb_gekoppeld", "wsv_geografisch_logisch",
              "wsv_multidisciplinair_bestuur", "wsv_poh", "wsv_gegevensuitwisseling", "wsv_vecozo" },
}
test "5.1: a WSV with a GGZ programme needs one e-mental health offer" {
  provider = with(wsv, { offers_ggz_programme = true, uniform_emental_health = false }), outcome = "refuse",
  grounds = { "wsv_ggz_programma" },
}
test "5.1: physiotherapy in tariff group B is assessed" {
  provider = with(wsv, { fysio_tariefgroep = "B" }), outcome = "review", review = { "wsv_fysiotherapie_b" },
}
test "5.1: physiotherapy in tariff group C is not enough" {
  provider = with(wsv, { fysio_tariefgroep = "C" }), outcome = "refuse", grounds = { "wsv_fysiotherapie" },
}
test "5.1: a WSV started on 1 January 2019 still has time to certify" {
  provider = with(wsv, { certified = false, started_on = "2019-01-01" }), outcome = "offer",
  conditions = { "wsv_certificering_termijn" },
}
test "5.1: a WSV started on 1 January 2021 with its certification unknown is offered, the duty conditional" {
  provider = with(wsv, { certified = unknown, started_on = "2021-01-01" }), outcome = "offer", conditions = {},
  conditional = { "wsv_certificering_termijn" }, open_facts = { "certified" }, missing = {},
}
test "5.1: certified, the same WSV has no such condition" {
  provider = with(wsv, { certified = true, started_on = "2021-01-01" }), outcome = "offer", conditions = {}, conditional = {},
  open_facts = {},
}
test "5.1: a WSV started on 31 December 2018 and not certified is past five years" {
  provider = with(wsv, { certified = false, started_on = "2018-12-31" }), outcome = "refuse", grounds = { "wsv_certificering" },
}
test "an RO meeting the 5.1 table gets O&I regiomanagement on a budget per insured" {
  provider = ro, outcome = "offer", tariff = "budget_per_insured", conditions = {},
  contract = { type = "O&I regiomanagement", from = "2024-01-01", to = "2024-12-31", sign_by = "2023-12-31" },
}
test "5.1: every RO requirement" {
  provider = with(ro, { participants_contracted = false, aansluitovereenkomst = false, agb_linked = false,
                        geographic_logical = false, multidisciplinary_board = false, data_exchange = false,
                        uniform_emental_health = false, vecozo_certificate = false }),
  outcome = "refuse",
  grounds = { "ro_wsvs_gecontracteerd", "ro_aansluitovereenkomst", "ro_agb_gekoppeld", "ro_aaneengesloten_regio",
              "ro_governance", "ro_informatiesysteem", "ro_e_mental_health", "ro_vecozo" },
}
test "5.1: an RO that applied for Wtza on 31 December 2023 qualifies" {
  provider = with(ro, { wtza_license = false, wtza_applied_date = "2023-12-31" }), outcome = "offer",
}
test "5.1: an RO that applied for Wtza on 1 January 2024 does not" {
  provider = with(ro, { wtza_license = false, wtza_applied_date = "2024-01-01" }), outcome = "refuse", grounds = { "ro_wtza" },
}
test "5.1: an RO without Wtza and no application date is incomplete" {
  provider = with(ro, { wtza_license = false }), outcome = "incomplete", missing = { "wtza_applied_date" },
}
test "5.3: an annual plan on 30 September 2023 is in time" {
  provider = with(ro, { annual_plan_date = "2023-09-30" }), outcome = "offer", review = {},
}
test "5.3 and 6.3: an annual plan on 1 October 2023 is 'voor 1 oktober' late and 6.3's last day: a review point" {
  provider = with(ro, { annual_plan_date = "2023-10-01" }), outcome = "review", review = { "ro_jaarplan_op_uiterste_datum" }, sections = {},
}
test "6.3: an annual plan on 2 October 2023 risks a discount or no contract" {
  provider = with(ro, { annual_plan_date = "2023-10-02" }), outcome = "review", review = { "ro_jaarplan_te_laat" },
}
test "5.3: without an annual plan yet, the contract asks for it by 1 October 2023" {
  provider = with(ro, { annual_plan_date = unknown }), outcome = "offer", conditions = { "ro_jaarplan_indienen" },
}
test "6.1: a GP practice in a WSV gets praktijkmanagement" {
  provider = gp, outcome = "offer", tariff = "fixed", contract = { type = "praktijkmanagement" },
}
test "6.1: a GP practice outside a WSV does not" {
  provider = with(gp, { in_wsv = false }), outcome = "refuse", grounds = { "praktijkmanagement_wsv" }, sections = { "6.1" },
}
test "5.4: a new WSV that applied on 31 August 2023 is assessed" {
  provider = with(wsv, { contracted_last_year = false, application_date = "2023-08-31" }), outcome = "review",
  review = { "moverende_redenen" },
}
test "5.4: applying on 1 September 2023 is past the deadline" {
  provider = with(wsv, { contracted_last_year = false, application_date = "2023-09-01" }), outcome = "review",
  review = { "aanvraag_na_termijn", "moverende_redenen" },
}
test "5.4: an application during 2024 is reviewed and starts the first of its month, never 1 January before it" {
  provider = with(wsv, { contracted_last_year = false, application_date = "2024-06-10" }), outcome = "review",
  review = { "aanvraag_in_contractjaar", "moverende_redenen" }, contract = { from = "2024-06-01", to = "2024-12-31", sign_by = "" },
}
test "5.4: or, as the parameter chooses, the first of the month after it" {
  provider = with(wsv, { contracted_last_year = false, application_date = "2024-06-10" }),
  params = { mid_year_start = "month_after_application" }, outcome = "review", contract = { from = "2024-07-01" },
}
test "5.4: applying on 1 January 2024 starts that day" {
  provider = with(wsv, { contracted_last_year = false, application_date = "2024-01-01" }), outcome = "review",
  review = { "aanvraag_in_contractjaar", "moverende_redenen" }, contract = { from = "2024-01-01", sign_by = "" },
}
test "5.4: applying on 2 January 2024 starts on 1 January or, the month after, on 1 February" {
  provider = with(wsv, { contracted_last_year = false, application_date = "2024-01-02" }), outcome = "review",
  contract = { from = "2024-01-01" },
}
test "5.4: the month after an application on 2 January 2024 is February" {
  provider = with(wsv, { contracted_last_year = false, application_date = "2024-01-02" }),
  params = { mid_year_start = "month_after_application" }, outcome = "review", contract = { from = "2024-02-01" },
}
test "5.4: applying on 31 December 2023, late, the contract starts 1 January 2024 without a sign-by date" {
  provider = with(wsv, { contracted_last_year = false, application_date = "2023-12-31" }), outcome = "review",
  review = { "aanvraag_na_termijn", "moverende_redenen" }, contract = { from = "2024-01-01", sign_by = "" },
}
test "6.3: applying on 30 August 2023, the offer is signed by 31 December 2023" {
  provider = with(wsv, { contracted_last_year = false, application_date = "2023-08-30" }), outcome = "review",
  contract = { from = "2024-01-01", sign_by = "2023-12-31" },
}
test "6.3: applying on 31 August 2023 is in the regular round too" {
  provider = with(wsv, { contracted_last_year = false, application_date = "2023-08-31" }), outcome = "review",
  contract = { sign_by = "2023-12-31" },
}
test "6.3: applying on 1 September 2023 is outside the regular round: no sign-by date" {
  provider = with(wsv, { contracted_last_year = false, application_date = "2023-09-01" }), outcome = "review",
  contract = { sign_by = "" },
}
test "5.3: the annual plan is asked of contracted regio-organisaties only, not of a new one" {
  provider = with(ro, { contracted_last_year = false, application_date = "2023-05-01", annual_plan_date = unknown }),
  outcome = "review", conditions = {}, review = { "moverende_redenen" },
}
test "5.3: nor is a new RO's late annual plan a review point" {
  provider = with(ro, { contracted_last_year = false, application_date = "2023-05-01", annual_plan_date = "2023-11-15" }),
  outcome = "review", review = { "moverende_redenen" },
}
test "2.1: a GGZ institution is out of scope" {
  provider = { agb = "97300001", kind = "ggz_instelling" }, outcome = "refuse", grounds = { "out_of_scope" }, sections = { "2.1" },
}
test "5.4: a new WSV that did not apply is refused" {
  provider = with(wsv, { contracted_last_year = false }), outcome = "refuse", grounds = { "niet_aangevraagd" }, sections = { "5.4" },
}
test "5.4: an application after 2024 is not for this contract year" {
  provider = with(wsv, { contracted_last_year = false, application_date = "2025-03-01" }), outcome = "refuse",
  grounds = { "aanvraag_na_contractjaar" },
}

-- Issue 34: what the record could not say before ----------------------------------------------------------
test "5.1: an uncertified WSV past five years with another accreditation Zorg en Zekerheid approved is offered" {
  provider = with(wsv, { certified = false, started_on = "2018-12-31", accreditation_approved = true }), outcome = "offer",
  grounds = {}, conditions = {},
}
test "5.1: an uncertified WSV past five years waits for the internal check of another accreditation" {
  provider = with(wsv, { certified = false, started_on = "2018-12-31", accreditation_approved = unknown }),
  outcome = "incomplete", missing = { "accreditation_approved" },
}
test "5.1: an RO that does not steer on quality and efficiency is refused" {
  provider = with(ro, { ro_steers_quality = false }), outcome = "refuse", grounds = { "ro_sturing_kwaliteit" }, sections = { "5.1" },
}

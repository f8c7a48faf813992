use "salland/ggz-2024"
local p = { agb = "90000001", kind = "vrijgevestigde", contracted_last_year = false, application_date = "2023-06-01",
  established_in_nl = true, delivers_abroad = false, kwaliteitsstatuut = true, kwaliteitsstatuut_section = "II",
  personal_agb = true, regiebehandelaar_presence = 0.9, fte_regiebehandelaren = 2, locations = 1,
  waiting_times_reported = true, follows_referral_rules = true, declares_via_vecozo = true, diagnostics_only = false,
  fraud_investigation = false, negative_statements = false, failed_controls = false, external_findings = false,
  training_place = false, meets_profession_requirements = true, kwaliteitsstatuut_published = true,
  kwaliteitsstatuut_observed = true, mdo = "geen_mdo", offers_long_stay = false, green_deal_committed = true,
  sustainability_in_strategy = true, owns_property = false, addiction_care = "geen", detox = "geen" }
test "in time" { provider = p, outcome = "review" }
-- deliberately wrong: the cli test checks how a failure is reported
test "wrong expectation" { provider = with(p, { application_date = "2023-06-02" }), outcome = "offer", grounds = {} }

-- Salland Zorgverzekeraar — Zorginkoopbeleid 2024 Geestelijke Gezondheidszorg (GGZ)
-- Source: sources/ggz-2024.txt (in this insurer's folder). Every rule cites the section it comes from,
-- in the document's order. Sections with no decidable rule (1, 2.2, 2.4, 4.1, 4.2, 4.4, 5, 7–9,
-- 10.5, 11, 13 and the annex on addiction care) are vision, process or contract content.

policy {
  id = "salland/ggz-2024",
  insurer = "Salland Zorgverzekeraar",
  care = "ggz",
  year = 2024,
  title = "Zorginkoopbeleid 2024 Geestelijke Gezondheidszorg (GGZ)",
  source = "ggz-2024.txt",
  language = "nl",
  letters = {
    contact = { section = "11", text = "Wilt u een contract met Salland Zorgverzekeraar? Of wilt u weten welk beleid "
      .. "wij hanteren bij de inkoop van zorg? Stel al uw vragen hierover via ons contactformulier of via "
      .. "telefoonnummer (0570) 68 74 65." },
    answer_by = { section = "10.4", date = "2023-06-01", text = "U heeft als nieuwe aanbieder tot uiterlijk "
      .. "1 juni 2023 de tijd om in aanmerking te komen voor een overeenkomst 2024." },
  },
}

-- Scenario parameters: the points the document leaves to Salland's own judgement.
param { "zorgplicht_sufficient", type = "bool", default = false, section = "10.4",
  doc = "10.4: Salland heeft voor haar zorgplicht voldoende zorgaanbieders gecontracteerd en geen signaal dat die in "
     .. "gevaar komt; nieuwe aanbieders kunnen dan worden afgewezen" }
param { "refusal_grounds_as_review", type = "bool", default = false, section = "10.4",
  doc = "10.4: Salland 'behoudt zich het recht voor om u een overeenkomst te weigeren': nee (standaard) wijst af op "
     .. "elke grond; ja maakt van elke grond een beoordelingspunt, om beide lezingen naast elkaar te zien" }
param { "refusal_grounds_apply_to_existing", type = "bool", default = true, section = "10.4",
  doc = "10.4: de afwijzingsgronden staan onder 'nieuwe aanbieders'; ja past de integriteitsgronden (alleen "
     .. "diagnostiek, zorg in het buitenland, controles, fraude, negatieve uitlatingen, externe bevindingen) ook toe "
     .. "op gecontracteerde zorgaanbieders, nee alleen op nieuwe" }

-- The limits the document states, as parameters (its values are the defaults).
param { "max_fte_vrijgevestigde", type = "number", default = 8, unit = "fte", section = "3.1",
  doc = "3.1: een vrijgevestigde praktijk heeft maximaal 8 fte regiebehandelaren" }
param { "max_locaties", type = "int", default = 3, unit = "behandellocaties", section = "3.1",
  doc = "3.1: een vrijgevestigde praktijk heeft maximaal 3 behandellocaties" }
param { "min_regiebehandelaar_share", type = "number", default = 0.8, unit = "aandeel van de openingsuren", section = "3.1",
  doc = "3.1: ten minste 80% van de openingsuren (per locatie) is een regiebehandelaar aanwezig" }
param { "aanmeld_deadline", type = "date", default = "2023-06-01", section = "10.4",
  doc = "10.4: nieuwe aanbieders hebben tot uiterlijk 1 juni 2023 de tijd zich te melden (de laatste dag)" }

local practice     = kind_is "vrijgevestigde"
local institution  = kind_in { "ggz_instelling", "paaz", "puk" }
local new_provider = is_false "contracted_last_year"
local integrity_applies = any { new_provider, param "refusal_grounds_apply_to_existing" }
local discretion = param "refusal_grounds_as_review"  -- "behoudt zich het recht voor" (10.4)

-- 2.1 Zorgverzekeringswet ------------------------------------------------------------------------
scope { section = "2.1", kinds = { "vrijgevestigde", "ggz_instelling", "paaz", "puk" },
  text = "Het inkoopdomein beslaat de GGZ-instellingen, inclusief PAAZ en PUK, en de vrijgevestigde "
      .. "GGZ-zorgaanbieders (Zvw)" }

rule { "zorg_buitenland", section = "2.1",
  text = "Salland Zorgverzekeraar koopt geen GGZ in die in het buitenland geleverd wordt",
  exclude_if = is_true "delivers_abroad" }

-- 2.3 GGZ in de Wlz ------------------------------------------------------------------------------
outside_scope { section = "2.3", kinds = { "verpleeghuis" },
  text = "Zorg ingekocht bij verpleeg- of verzorgingshuizen wordt gefinancierd uit de Wlz en valt buiten dit inkoopkader" }

-- 3.1 Minimale eisen individuele zorgaanbieders (vrijgevestigden) --------------------------------
rule { "max_fte_regiebehandelaren", section = "3.1", applies = practice,
  text = "Een vrijgevestigde praktijk heeft maximaal {max_fte_vrijgevestigde} fte regiebehandelaren",
  require = at_most("fte_regiebehandelaren", param "max_fte_vrijgevestigde") }

rule { "max_behandellocaties", section = "3.1", applies = practice,
  text = "Een vrijgevestigde praktijk heeft maximaal {max_locaties} behandellocaties",
  require = at_most("locations", param "max_locaties") }

rule { "kwaliteitsstatuut_ii", section = "3.1", applies = practice,
  text = "Beschikt over een geldig en geregistreerd Kwaliteitsstatuut, sectie II",
  require = all { is_true "kwaliteitsstatuut", equals("kwaliteitsstatuut_section", "II") } }

rule { "persoonlijke_agb", section = "3.1", applies = practice,
  text = "Heeft een (persoonlijke) AGB-code",
  require = is_true "personal_agb" }

rule { "regiebehandelaar_aanwezig", section = "3.1", applies = practice,
  text = "Ten minste {min_regiebehandelaar_share:%} van de openingsuren (per locatie) is een regiebehandelaar aanwezig",
  require = at_least("regiebehandelaar_presence", param "min_regiebehandelaar_share") }

rule { "wachttijden_vrijgevestigde", section = "3.1", applies = practice,
  text = "Levert wachttijdinformatie aan bij Vektis conform de NZa-transparantieregeling",
  require = is_true "waiting_times_reported" }

rule { "verwijsregels_vrijgevestigde", section = "3.1", applies = practice,
  text = "Handelt conform de landelijke verwijsregels GGZ",
  require = is_true "follows_referral_rules" }

rule { "nederland_vrijgevestigde", section = "3.1", applies = practice,
  text = "Is gevestigd in Nederland",
  require = is_true "established_in_nl" }

rule { "vecozo_vrijgevestigde", section = "3.1", applies = practice,
  text = "Declareert elektronisch via VECOZO",
  require = is_true "declares_via_vecozo" }

-- 3.2 Minimale eisen instellingen ----------------------------------------------------------------
rule { "wtza", section = "3.2", applies = institution,
  text = "De instelling voldoet aan de eisen die de Wtza stelt",
  require = is_true "wtza_license" }

rule { "kwaliteitsstatuut_iii", section = "3.2", applies = institution,
  text = "Beschikt over een geldig en geregistreerd Kwaliteitsstatuut, sectie III",
  require = all { is_true "kwaliteitsstatuut", equals("kwaliteitsstatuut_section", "III") } }

rule { "verwijsregels_instelling", section = "3.2", applies = institution,
  text = "Handelt conform de landelijke verwijsregels GGZ",
  require = is_true "follows_referral_rules" }

rule { "wachttijden_instelling", section = "3.2", applies = institution,
  text = "Levert wachttijdinformatie aan bij Vektis conform de NZa-transparantieregeling",
  require = is_true "waiting_times_reported" }

rule { "nederland_instelling", section = "3.2", applies = institution,
  text = "Is gevestigd in Nederland",
  require = is_true "established_in_nl" }

rule { "vecozo_instelling", section = "3.2", applies = institution,
  text = "Declareert elektronisch via VECOZO",
  require = is_true "declares_via_vecozo" }

rule { "mind_criteria", section = "3.2", applies = institution,
  text = "Geeft uitvoering aan de criteria van het MIND Landelijk Platform (2020)",
  require = is_true "mind_criteria" }

rule { "verzekerdenveiligheid", section = "3.2", applies = institution,
  text = "Stelt zich ten doel de verzekerdenveiligheid te vergroten (o.a. VIM)",
  require = is_true "patient_safety_program" }

rule { "vms_of_hkz", section = "3.2", applies = institution,
  text = "Beschikt over een gecertificeerd VMS of is gecertificeerd op het HKZ-schema voor GGZ-instellingen",
  require = is_true "vms_or_hkz" }

rule { "convenant_beveiligde_bedden", section = "3.2", applies = all { institution, is_true "secure_care" },
  text = "Bij beveiligde zorg handelt de instelling conform het convenant Capaciteit Beveiligde Bedden",
  require = is_true "secure_care_convenant" }

-- 3.3 Aanvullende eisen bij contractering voor specifieke prestaties ------------------------------
rule { "hoog_specialistisch", section = "3.3", applies = all { institution, is_true "offers_hoog_specialistisch" },
  text = "Setting 8 hoog specialistisch alleen voor afdelingen op de limitatieve lijst hoog specialistische GGZ",
  exclude_unless = is_true "hoog_specialistisch_listed" }

rule { "esketamine", section = "3.3", applies = all { institution, is_true "offers_esketamine" },
  text = "Esketamine neusspray alleen bij NVvP-criteria, ENC-NL-aanbevelingen en een regiofunctie",
  exclude_unless = is_true "esketamine_criteria" }

rule { "esketamine_addendum", section = "3.3",
  applies = all { institution, is_true "offers_esketamine", is_true "esketamine_criteria" },
  text = "Esketamine neusspray wordt selectief ingekocht via een addendum op de overeenkomst",
  condition_if = always }

-- 4.3 Professionele zorgverleners en de regiebehandelaar --------------------------------------------------
rule { "mdo_psychiater_of_klinisch_psycholoog", section = "4.3", applies = institution,
  text = "Er is altijd een psychiater of klinisch psycholoog lid van een multidisciplinair team",
  require = is_true "mdt_psychiater_or_klinisch_psycholoog" }

-- 6 Toegankelijkheid ------------------------------------------------------------------------------
rule { "toeslag_opleidingsplek", section = "6", applies = practice,
  text = "Vrijgevestigden met een erkende opleidingsplek komen in aanmerking voor een toeslag op het tarief",
  surcharge_if = is_true "training_place" }

-- 10.1 Inkoopprocedure -----------------------------------------------------------------------------
rule { "maatwerk", section = "10.1", applies = institution,
  text = "Maatwerkafspraken: persoonlijke inkoopgesprekken over zorg, omzetplafond of aanneemsom en tarieven",
  review_if = is_true "offertetraject" }

-- 10.2 Tijdspad
rule { "tekentermijn", section = "10.2",
  text = "Na ontvangst van het aanbod maximaal 6 weken om te tekenen, uiterlijk 9 november 2023; daarna vervalt het aanbod",
  condition_if = always }

-- 10.3 Toepassing beheerste afspraken
rule { "productiemonitor", section = "10.3", applies = all { institution, is_true "offertetraject" },
  text = "Salland vraagt de uniforme productiemonitor (UPM) uit bij instellingen met een beheerste afspraak",
  condition_if = always }

-- 10.4 Procedure beoordeling nieuwe aanbieders --------------------------------------------------------
rule { "niet_aangemeld", section = "10.4", applies = new_provider,
  text = "Nieuwe aanbieders hebben tot uiterlijk {aanmeld_deadline} de tijd zich te melden voor een overeenkomst 2024",
  refuse_if = absent "application_date" }

rule { "vrijgevestigde_nog_actief", section = "10.4",
  applies = all { institution, is_true "former_vrijgevestigde" },
  text = "Een vrijgevestigde die overstapt naar een GGZ-instelling kan niet langer actief zijn als praktijk",
  refuse_if = is_true "previous_practice_active" }

rule { "beoordeling_nieuwe_aanbieder", section = "10.4", applies = new_provider,
  text = "Beoordeling nieuwe aanbieder: innovatief of digitaal product, tekort in het zorgaanbod, al ingekocht volume",
  review_if = always }

rule { "zorgplicht_ingevuld", section = "10.4", applies = new_provider,
  text = "Salland heeft voldoende zorgaanbieders gecontracteerd om aan de zorgplicht te voldoen",
  refuse_if = param "zorgplicht_sufficient",
  review_instead_if = discretion }

rule { "alleen_diagnostiek", section = "10.4", applies = integrity_applies,
  text = "U levert alleen diagnostiek",
  refuse_if = is_true "diagnostics_only",
  review_instead_if = discretion }

rule { "zorg_in_buitenland", section = "10.4", applies = integrity_applies,
  text = "U biedt (ook) zorg aan in het buitenland",
  refuse_if = is_true "delivers_abroad",
  review_instead_if = discretion }

rule { "ondoelmatige_zorg_controles", section = "10.4", applies = integrity_applies,
  text = "Uit eerdere machtigingsaanvragen en/of controles is gebleken dat geen doelmatige en/of rechtmatige zorg is verleend",
  refuse_if = is_true "failed_controls",
  review_instead_if = discretion }

rule { "fraudeonderzoek", section = "10.4", applies = integrity_applies,
  text = "Er loopt een fraudeonderzoek bij Salland Zorgverzekeraar",
  refuse_if = is_true "fraud_investigation",
  review_instead_if = discretion }

rule { "negatieve_uitlatingen", section = "10.4", applies = integrity_applies,
  text = "U laat zich aantoonbaar negatief uit over Salland Zorgverzekeraar",
  refuse_if = is_true "negative_statements",
  review_instead_if = discretion }

rule { "extern_onderzoek", section = "10.4", applies = integrity_applies,
  text = "Uit onderzoek door een externe instantie (IGJ, NZa) is gebleken dat geen doelmatige of rechtmatige zorg is verleend",
  refuse_if = is_true "external_findings",
  review_instead_if = discretion }

rule { "te_laat_aangemeld", section = "10.4", applies = new_provider,
  text = "U meldt zich na {aanmeld_deadline} bij ons",
  refuse_if = after("application_date", param "aanmeld_deadline"),
  review_instead_if = discretion }

-- 12 Niet-gecontracteerde aanbieders ------------------------------------------------------------------
rule { "niet_gecontracteerd_declareren", section = "12",
  text = "Zonder contract geen rechtstreeks declareren: declaraties alleen via de verzekerde, met cessieverbod",
  if_refused = always }

rule { "niet_gecontracteerd_controle", section = "12",
  text = "Salland controleert voorafgaand aan uitbetaling op rechtmatigheid en kan een toestemmingsvereiste opnemen",
  if_refused = always }

-- The offer: contract period and sign-by date (10.2), tariff basis per contracting route (10.1, 10.3).
offer(function(p)
  local contract_type = p.kind == "vrijgevestigde" and "vrijgevestigde" or "instelling"
  local c = contract {
    type = contract_type, section = "10.2",
    from = date "2024-01-01", to = date "2024-12-31", sign_by = date "2023-11-09",
  }
  if p.kind ~= "vrijgevestigde" and p.offertetraject then
    return c, tariff { basis = "negotiated", section = "10.1",
      text = "Maatwerk: prijslijst afgestemd via de VECOZO-onderhandelmodule; beheerste afspraak (omzetplafond of aanneemsom, 10.3)" }
  end
  local route = (p.kind == "paaz" or p.kind == "puk")
    and "Digitale contractering 1b: aanbod afgestemd op PUK/PAAZ"
    or "Digitale contractering 1a: gestandaardiseerd aanbod in VECOZO"
  return c, tariff { basis = "fixed", section = "10.1",
    text = route .. "; volumevrije afspraak conform de professionele standaard (10.3)" }
end)

-- Zorg en Zekerheid — Zorginkoopbeleid Geestelijke gezondheidszorg 2024
-- Source: sources/ggz-2024.txt (in this insurer's folder). Rules in the document's order, each citing
-- its section. Chapters 1–3, 4.2 and 7 are changes, vision and contact details; 4.1 is mostly
-- vision except the purchasing exclusions encoded below.

local zz = import "zorg-en-zekerheid/base"

policy {
  id = "zorg-en-zekerheid/ggz-2024",
  insurer = zz.insurer,
  care = "ggz",
  year = 2024,
  title = "Zorginkoopbeleid Geestelijke gezondheidszorg 2024",
  source = "ggz-2024.txt",
  language = "nl",
  letters = {
    contact = { section = "7", text = "Heeft u vragen over de status van de contractering, dan kunt u deze vragen "
      .. "per e-mail stellen via contractbeheer@zorgenzekerheid.nl. U kunt Zorg en Zekerheid tussen 8 en 12 uur telefonisch "
      .. "bereiken op 071 582 5441." },
  },
}

-- The limits 5.1 states, as parameters (the document's values are the defaults).
param { "min_regiebehandelaar_share", type = "number", default = 0.8, unit = "aandeel van de behandeltijd", section = "5.1",
  doc = "5.1: minimaal 80% van de behandeltijd (direct en indirect) wordt geleverd door de regiebehandelaar zelf" }
param { "max_fte_vrijgevestigde", type = "number", default = 10, unit = "fte", section = "5.1",
  doc = "5.1: omvang van de praktijk maximaal tien fte regiebehandelaren" }
param { "max_locaties", type = "int", default = 3, unit = "behandellocaties", section = "5.1",
  doc = "5.1: omvang van de praktijk niet meer dan drie behandellocaties" }

local practice    = kind_is "vrijgevestigde"
local institution = kind_in { "ggz_instelling", "paaz", "puk" }
local offertetraject = all { institution, is_true "offertetraject" }

scope { section = "2.1", kinds = { "vrijgevestigde", "ggz_instelling", "paaz", "puk" },
  text = "Dit zorginkoopbeleid beschrijft hoe Zorg en Zekerheid GGZ inkoopt bij vrijgevestigden en GGZ-instellingen" }

-- 4.1 Speerpunten GGZ: Kwaliteit van zorg --------------------------------------------------------
outside_scope { section = "4.1", kinds = { "verpleeghuis", "vg_instelling" },
  text = "GGZ-zorg wordt niet ingekocht bij verpleeg- of verzorgingshuizen of instellingen voor verstandelijk gehandicapten die vanuit de Wlz gefinancierd worden" }

rule { "zorg_buitenland", section = "4.1",
  text = "Wij kopen geen zorg in die in het buitenland geleverd wordt",
  exclude_if = is_true "delivers_abroad" }

-- 5.1 Minimum- en kwaliteitseisen: vrijgevestigde zorgaanbieders --------------------------------------
rule { "discipline", section = "5.1", applies = practice,
  text = "Vrijgevestigde GZ-psychologen, psychotherapeuten, klinisch (neuro-)psychologen en psychiaters",
  require = one_of("discipline", { "gz_psycholoog", "psychotherapeut", "klinisch_psycholoog", "klinisch_neuropsycholoog", "psychiater" }) }

rule { "kwaliteitsstatuut_vrijgevestigde", section = "5.1", applies = practice,
  text = "Beschikt over een goedgekeurd Landelijk kwaliteitsstatuut, ingeschreven in het Register",
  require = is_true "kwaliteitsstatuut" }

rule { "regiebehandelaar_eigen_behandeltijd", section = "5.1", applies = practice,
  text = "Minimaal {min_regiebehandelaar_share:%} van de behandeltijd (direct en indirect) wordt geleverd door de regiebehandelaar zelf",
  require = at_least("regiebehandelaar_share", param "min_regiebehandelaar_share") }

rule { "max_fte_regiebehandelaren", section = "5.1", applies = practice,
  text = "Omvang van de praktijk: maximaal {max_fte_vrijgevestigde} fte regiebehandelaren",
  require = at_most("fte_regiebehandelaren", param "max_fte_vrijgevestigde") }

rule { "max_behandellocaties", section = "5.1", applies = practice,
  text = "Omvang van de praktijk: niet meer dan {max_locaties} behandellocaties",
  require = at_most("locations", param "max_locaties") }

rule { "zorg_dichtbij_vrijgevestigde", section = "5.1", applies = practice,
  text = "Levert zorg in de directe omgeving van de patiënt",
  require = is_true "care_near_patient" }

-- 5.1 Minimum- en kwaliteitseisen: GGZ-instellingen ------------------------------------------------
rule { "kwaliteitsstatuut_instelling", section = "5.1", applies = institution,
  text = "Beschikt over een goedgekeurd Landelijk kwaliteitsstatuut, ingeschreven in het Register",
  require = is_true "kwaliteitsstatuut" }

rule { "wtza", section = "5.1", applies = institution,
  text = "Is in het bezit van een geldige WTZa-toelating",
  require = is_true "wtza_license" }

rule { "psychiater_in_loondienst", section = "5.1", applies = institution,
  text = "Heeft een psychiater en/of klinisch psycholoog in loondienst",
  require = is_true "employs_psychiater_or_klinisch_psycholoog" }

rule { "zorg_dichtbij_instelling", section = "5.1", applies = institution,
  text = "Levert zorg in de directe omgeving van de patiënt",
  require = is_true "care_near_patient" }

rule { "innovatief_aanbod", section = "5.1", applies = all { institution, zz.new_provider },
  text = "Een nieuwe instelling levert een innovatief zorgaanbod waarvoor aantoonbaar een lacune bestaat in het zorgaanbod",
  require = is_true "innovative_gap" }

rule { "negatieve_uitlatingen", section = "5.1",
  text = "Zorg en Zekerheid kan een zorgovereenkomst weigeren als de zorgaanbieder zich zonder gegronde reden aantoonbaar negatief uitlaat over Zorg en Zekerheid",
  refuse_if = is_true "negative_statements" }

-- 5.3 Informatie voor gecontracteerde zorgaanbieders -------------------------------------------------
rule { "offertetraject", section = "5.3", applies = all { offertetraject, is_true "contracted_last_year" },
  text = "Met GGZ-instellingen met offertetraject worden individuele inkoopgesprekken gevoerd",
  review_if = always }

-- 5.4 Informatie voor niet-gecontracteerde zorgaanbieders ------------------------------------------
zz.applications { section = "5.4", deadline = "2023-08-31", year = 2024, mid_year = true }

-- 5.5 Bijcontracteren -----------------------------------------------------------------------------
rule { "bijcontracteren", section = "5.5", applies = offertetraject,
  text = "Een verwachte overschrijding van het omzetplafond meldt de zorgaanbieder uiterlijk 1 oktober 2024",
  condition_if = always }

-- 5.2 Looptijd, 6.1 Bepalen van de tarieven, 6.3 Planning (uiterste tekendatum 9 november 2023, regular round) -
offer(function(p)
  local group, tariff_text
  if p.kind == "vrijgevestigde" then
    group, tariff_text = "vrijgevestigde", "Percentage van de NZa-maximumtarieven 2024 (het percentage staat in het aanbod, niet in het beleid)"
  elseif p.offertetraject then
    group, tariff_text = "instelling_offertetraject", "Individuele productieafspraken op basis van een percentage van de NZa-maximumtarieven 2024"
  else
    group, tariff_text = "instelling", "Vast percentage van de NZa-maximumtarieven 2024 (het percentage staat in het aanbod, niet in het beleid)"
  end
  -- 6.3: offers go out in October 2023, to be signed by 9 November 2023 — for the regular round
  -- (applications by 31 August 2023); a late or mid-year application has no date to sign by.
  return contract { type = group, section = "5.2",
           from = zz.contract_start(p, 2024, true), to = date "2024-12-31",
           sign_by = zz.offered_in_round(p, "2023-08-31") and date "2023-11-09" or nil },
         tariff { basis = "nza_percentage", section = "6.1", text = tariff_text }
end)

-- Zorg en Zekerheid — Zorginkoopbeleid GGZ 2027 (versie 1.0, 1 april 2026)
-- Source: sources/ggz-2027.txt (in this insurer's folder).
--
-- Written as the 2024 policy plus the changes: what chapter 1 lists, and what the 2027 text no
-- longer or newly says. Section numbers are the 2027 body's own (chapter 1 itself numbers some of
-- them one higher: "5.3" for the terms table that the body has in 5.2, "5.4"/"5.5" for 5.3/5.4).
-- `inkoop check --diff zorg-en-zekerheid/ggz-2024 zorg-en-zekerheid/ggz-2027` lists the result.

local zz = import "zorg-en-zekerheid/base"

policy {
  id = "zorg-en-zekerheid/ggz-2027",
  insurer = zz.insurer,
  care = "ggz",
  year = 2027,
  title = "Zorginkoopbeleid GGZ 2027 (versie 1.0)",
  source = "ggz-2027.txt",
  language = "nl",
  letters = {
    contact = { section = "7", text = "Heeft u vragen? Bezoek dan onze contactpagina." },
  },
}

inherit "zorg-en-zekerheid/ggz-2024"

param { "aanvragen_vanaf", type = "date", default = "2026-01-01", section = "5.3",
  doc = "5.3 spreekt van aanvragen in 2026 (per 1 januari 2027) en in 2027: een aanvraag van voor deze dag is een beoordelingspunt" }
param { "unlisted_discipline_years", type = "int", default = 1, unit = "jaar", section = "5.2",
  doc = "5.2: de looptijd in jaren voor vrijgevestigden die de tabel niet noemt (psychotherapeut, klinisch "
     .. "(neuro)psycholoog); de tabel geeft alleen GZ-psychologen en psychiaters 2 jaar" }
param { "two_year_term_from_start", type = "bool", default = false, section = "5.2",
  doc = "5.2: een overeenkomst van 2 jaar die in de loop van 2027 ingaat: ja loopt twee jaar vanaf de ingangsdatum, "
     .. "nee (standaard) eindigt met kalenderjaar 2028, zoals een overeenkomst vanaf 1 januari 2027" }

local practice    = kind_is "vrijgevestigde"
local institution = kind_in { "ggz_instelling", "paaz", "puk" }
local offertetraject = all { institution, is_true "offertetraject" }

scope { section = "2.1", kinds = { "vrijgevestigde", "ggz_instelling", "paaz", "puk" },
  text = "Dit zorginkoopbeleid beschrijft hoe Zorg en Zekerheid GGZ voor 2027 inkoopt" }

-- 4.2 Focus: Kwaliteit van zorg (in 2024: 4.1) -------------------------------------------------------
outside_scope { section = "4.2", kinds = { "verpleeghuis", "vg_instelling" },
  text = "GGZ-zorg wordt niet ingekocht bij verpleeg- of verzorgingshuizen of instellingen voor verstandelijk gehandicapten die vanuit de Wlz gefinancierd worden" }
move_rule("zorg_buitenland", "4.2", "1.2: hoofdstuk 4 heringedeeld")

-- 5.1 Minimum- en kwaliteitseisen ------------------------------------------------------------------------
remove_rule("max_fte_regiebehandelaren", "5.1 noemt geen getallen meer: 'voldoen aan de voorwaarden voor de omvang van de praktijk'")
remove_rule("max_behandellocaties", "5.1 noemt geen getallen meer")
remove_param("max_fte_vrijgevestigde", "5.1 noemt geen getallen meer")
remove_param("max_locaties", "5.1 noemt geen getallen meer")
rule { "praktijkomvang", section = "5.1", applies = all { practice, zz.new_provider }, after = "regiebehandelaar_eigen_behandeltijd",
  text = "Voldoet aan de voorwaarden voor de omvang van de praktijk",
  review_if = always, change = "vervangt de grenzen van tien fte en drie locaties" }
remove_rule("wtza", "nieuwe GGZ-instellingen: de WTZa-toelating staat niet meer in 5.1")
remove_rule("psychiater_in_loondienst", "nieuwe GGZ-instellingen: psychiater/klinisch psycholoog in loondienst staat niet meer in 5.1")
remove_rule("negatieve_uitlatingen", "de weigergrond negatieve uitlatingen staat niet meer in de tekst; 5.1 eindigt met het voorbehoud van moverende redenen")

rule { "monodisciplinair", section = "5.1", after = "innovatief_aanbod",
  applies = all { institution, is_true "former_vrijgevestigde" },
  text = "Een vrijgevestigde of kleine praktijk die een kleine GGZ-instelling zonder medisch specialist wordt, krijgt alleen de setting monodisciplinair",
  setting_if = is_false "employs_psychiater_or_klinisch_psycholoog",
  change = "1.1: overgang vrijgevestigde/praktijk naar instelling" }
rule { "multidisciplinair_beoordeling", section = "5.1", after = "monodisciplinair",
  applies = all { institution, is_true "former_vrijgevestigde" },
  text = "Met een psychiater en/of klinisch psycholoog in loondienst beoordeelt Zorg en Zekerheid of de setting multidisciplinair wordt toegevoegd",
  review_if = is_true "employs_psychiater_or_klinisch_psycholoog",
  change = "1.1: overgang vrijgevestigde/praktijk naar instelling" }
rule { "rtms", section = "5.1", after = "multidisciplinair_beoordeling", applies = is_true "offers_rtms",
  text = "rTMS alleen met een geldige accreditatie van Stichting Hersenstimulatie, indicatie door een rTMS-professional en behandeling door een rTMS-professional of -technician",
  exclude_unless = is_true "rtms_accredited", change = "1.1: kwaliteitseisen rTMS toegevoegd" }

-- 5.2 Aanbod van zorgovereenkomsten -----------------------------------------------------------------------
replace_rule { "moverende_redenen", section = "5.2", applies = zz.new_provider,
  text = "Zorg en Zekerheid beoordeelt het verzoek aan de gestelde eisen, het gecontracteerde aanbod, de focus op de regio, haar marktaandeel en de zorgplicht, en behoudt zich het recht voor om voor haar moverende redenen geen zorgovereenkomst aan te gaan (5.4)",
  review_if = always, change = "5.2 beoordeling van verzoeken; 5.4 voorbehoud" }
rule { "toetsing_negatief", section = "5.2", applies = is_true "contracted_last_year", after = "moverende_redenen",
  text = "Bij gecontracteerde zorgaanbieders valt de toetsing op doelmatigheid, kwaliteit en zorgbehoefte negatief uit: geen nieuwe overeenkomst",
  refuse_if = is_true "assessment_negative", change = "5.2: toetsing van gecontracteerde zorgaanbieders" }
rule { "toeslag_psychodiagnostiek", section = "5.2", after = "toetsing_negatief",
  text = "De toeslag psychodiagnostiek kan maximaal twee keer per jaar per verzekerde in rekening worden gebracht",
  condition_if = always, change = "5.2" }
rule { "looptijd_niet_in_tabel", section = "5.2", after = "toeslag_psychodiagnostiek",
  applies = practice,
  text = "De looptijdtabel noemt alleen GZ-psychologen en psychiaters; voor andere disciplines stellen wij de looptijd apart vast (nu {unlisted_discipline_years} jaar)",
  review_if = negate(one_of("discipline", { "gz_psycholoog", "psychiater" })), change = "5.2: looptijd per type zorgovereenkomst" }

-- 5.3 Aanvragen zorgovereenkomst (2024: 5.4 met een termijn van 31 augustus) ---------------------------------
move_rule("niet_aangevraagd", "5.3")
remove_rule("aanvraag_na_termijn", "5.3: geen uiterste aanvraagdatum meer; een aanvraag in 2026 geldt per 1 januari 2027")
remove_param("aanvraag_deadline", "5.3: geen uiterste aanvraagdatum meer")
replace_rule { "tussentijdse_aanvraag", section = "5.3", applies = zz.new_provider,
  text = "Bij een aanvraag in 2027 voor 2027 een zorgovereenkomst per de eerste kalenderdag van de maand van aanvraag",
  condition_if = on_or_after("application_date", fixed("2027-01-01", "het contractjaar")), change = "5.3: de aanvraag in 2027 is een gewone route, niet meer 'terughoudend'" }
rule { "aanvraag_voor_aanvraagperiode", section = "5.3", applies = zz.new_provider, after = "niet_aangevraagd",
  text = "Het beleid gaat uit van aanvragen vanaf {aanvragen_vanaf} (per 1 januari 2027) en in 2027; uw aanvraag is van eerder",
  review_if = before("application_date", param "aanvragen_vanaf"), change = "5.3" }
replace_rule { "aanvraag_na_contractjaar", section = "5.3", applies = zz.new_provider,
  text = "Een aanvraag na afloop van contractjaar 2027 valt niet onder dit beleid",
  refuse_if = after("application_date", fixed("2027-12-31", "het contractjaar")), change = "het contractjaar is 2027" }
rule { "tekenen_binnen_zes_weken", section = "5.3", after = "tussentijdse_aanvraag",
  text = "De zorgovereenkomst moet binnen zes weken na de dag van ontvangst worden ondertekend",
  condition_if = always, change = "5.3" }

-- 6.1 Instellingen met offertetraject; 6.2 Bijcontracteren ----------------------------------------------------
replace_rule { "offertetraject", section = "6.1", applies = offertetraject,
  text = "Instellingen met offertetraject ontvangen op initiatief van Zorg en Zekerheid een voorstel voor een maatwerkovereenkomst",
  review_if = always, change = "6.1: maatwerkovereenkomsten" }
replace_rule { "bijcontracteren", section = "6.2", applies = offertetraject,
  text = "Een verwachte overschrijding van het omzetplafond meldt de zorgaanbieder uiterlijk 1 oktober 2027 (6.3)",
  condition_if = always, change = "6.2/6.3: nieuwe data" }

-- 5.2 Looptijd, 6.1 Bepalen van de tarieven, 6.3 Planning ----------------------------------------------------
local function term_years(p, params)
  if p.kind ~= "vrijgevestigde" then return 1 end
  if p.discipline == "gz_psycholoog" or p.discipline == "psychiater" then return 2 end
  return params.unlisted_discipline_years
end

offer(function(p, params)
  local start = zz.contract_start(p, 2027, true)
  local years = term_years(p, params)
  local finish = date(2026 + years, 12, 31)
  if params.two_year_term_from_start then finish = start:add_years(years):add_days(-1) end
  -- Offers go out in September 2026 with 11 November 2026 as the last day to sign; a later
  -- application signs within six weeks of receiving its offer (5.3), a date the policy cannot know.
  local offered_in_round = p.contracted_last_year or p.application_date < date "2026-10-01"
  local group, basis, tariff_text
  if p.kind == "vrijgevestigde" then
    group, basis, tariff_text = "vrijgevestigde", "fixed", "Vast tarief berekend op basis van de NZa-maximumtarieven 2027"
  elseif p.offertetraject then
    group, basis, tariff_text = "instelling_offertetraject", "nza_percentage", "Een overeengekomen percentage van de NZa-maximumtarieven 2027"
  else
    group, basis, tariff_text = "instelling", "fixed", "Vast tarief berekend op basis van de NZa-maximumtarieven 2027"
  end
  return contract { type = group, section = "5.2", from = start, to = finish,
           sign_by = offered_in_round and date "2026-11-11" or nil },
         tariff { basis = basis, section = "6.1", text = tariff_text }
end)

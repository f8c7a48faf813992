-- Zorg en Zekerheid — Zorginkoopbeleid multidisciplinaire zorg 2024 (Organisatie & Infrastructuur:
-- wijkmanagement (WSV), regiomanagement (RO), praktijkmanagement)
-- Source: sources/mdz-2024.txt (in this insurer's folder). Chapters 1–4 are changes, vision and
-- speerpunten (budget agreements, MTVP, digitalisering) without provider-level rules.

local zz = import "zorg-en-zekerheid/base"

policy {
  id = "zorg-en-zekerheid/mdz-2024",
  insurer = zz.insurer,
  care = "mdz",
  year = 2024,
  title = "Zorginkoopbeleid multidisciplinaire zorg 2024",
  source = "mdz-2024.txt",
  language = "nl",
  letters = {
    contact = { section = "7", text = "Heeft u vragen over de status van de contractering, dan kunt u deze vragen "
      .. "per e-mail stellen via huisartsen@zorgenzekerheid.nl. U kunt Zorg en Zekerheid tussen 8 en 12 uur telefonisch "
      .. "bereiken op 071 582 5441." },
  },
}

param { "mid_year_start", type = "enum", values = { "month_of_application", "month_after_application" },
  default = "month_of_application", section = "5.4",
  doc = "5.4: hoofdstuk 1 kondigt informatie over 'tussentijds aanvragen' aan die de tekst niet geeft: een overeenkomst "
     .. "na een aanvraag in 2024 gaat in op de eerste dag van de maand van de aanvraag (standaard, zoals de andere "
     .. "beleidsstukken van Zorg en Zekerheid zeggen) of van de maand erna; nooit op 1 januari vóór de aanvraag" }

-- The dates the document states, as parameters (its values are the defaults).
param { "wsv_certificering_gestart_vanaf", type = "date", default = "2019-01-01", section = "5.1",
  doc = "5.1: gecertificeerd binnen vijf jaar na het officieel opstarten; een WSV dat op of na deze dag startte is nog binnen die termijn" }
param { "wtza_aangevraagd_voor", type = "date", default = "2024-01-01", section = "5.1",
  doc = "5.1: de RO heeft een Wtza-vergunning of heeft die aangevraagd voor 1 januari 2024" }
param { "jaarplan_deadline", type = "date", default = "2023-10-01", section = "6.3",
  doc = "5.3: jaarplan in 'voor 1 oktober 2023'; 6.3 noemt 1 oktober als uiterste datum (die dag is een beoordelingspunt, erna te laat)" }

local wsv = kind_is "wsv"
local ro  = kind_is "ro"
local gp  = kind_is "huisartsenpraktijk"

scope { section = "2.1", kinds = { "wsv", "ro", "huisartsenpraktijk" },
  text = "Dit zorginkoopbeleid behandelt Organisatie en infrastructuur (O&I) op wijk- en regioniveau en praktijkmanagement" }

-- 5.1 Minimum- en kwaliteitseisen: O&I-wijkmanagement (WSV) -----------------------------------------------
rule { "wsv_deelnemers_gecontracteerd", section = "5.1", applies = wsv,
  text = "Deelnemende zorgaanbieders aan het WSV hebben een geldige zorgovereenkomst met Zorg en Zekerheid op het eigen vakgebied",
  require = is_true "participants_contracted" }
rule { "wsv_aansluitovereenkomst", section = "5.1", applies = wsv,
  text = "Er is een aansluitovereenkomst tussen WSV en deelnemende zorgaanbieders",
  require = is_true "aansluitovereenkomst" }
rule { "wsv_agb_gekoppeld", section = "5.1", applies = wsv,
  text = "De deelnemende zorgaanbieders zijn in het Vektis AGB-register gekoppeld aan het WSV",
  require = is_true "agb_linked" }
rule { "wsv_geografisch_logisch", section = "5.1", applies = wsv,
  text = "Het WSV richt zich op de inwoners van een geografisch logische wijk, in verband met het sociale domein in die wijk",
  require = is_true "geographic_logical" }
rule { "wsv_multidisciplinair_bestuur", section = "5.1", applies = wsv,
  text = "Het WSV heeft een multidisciplinair bestuur van (openbaar) apotheker, huisarts, paramedicus en/of wijkverpleegkundige",
  require = is_true "multidisciplinary_board" }
rule { "wsv_poh", section = "5.1", applies = wsv,
  text = "Alle deelnemende huisartsen beschikken over een POH-S en een POH-GGZ die voldoen aan de voorwaarden van Zorg en Zekerheid",
  require = is_true "gps_have_poh" }
rule { "wsv_gegevensuitwisseling", section = "5.1", applies = wsv,
  text = "De relevante patiëntgegevens zijn binnen wet- en regelgeving uitwisselbaar tussen de relevante zorgaanbieders",
  require = is_true "data_exchange" }
rule { "wsv_ggz_programma", section = "5.1", applies = all { wsv, is_true "offers_ggz_programme" },
  text = "Biedt het WSV een GGZ-programma aan, dan is er een eenduidig aanbod van e-mental health, beslisondersteuning en eventueel consultatie",
  require = is_true "uniform_emental_health" }
rule { "wsv_vecozo", section = "5.1", applies = wsv,
  text = "Een VECOZO-certificaat voor het afsluiten van een zorgovereenkomst",
  require = is_true "vecozo_certificate" }
rule { "wsv_fysiotherapie", section = "5.1", applies = wsv,
  text = "De deelnemende fysiotherapiepraktijk heeft een zorgovereenkomst fysiotherapie met tariefgroep A of B",
  require = one_of("fysio_tariefgroep", { "A", "B" }) }
rule { "wsv_fysiotherapie_b", section = "5.1", applies = wsv,
  text = "Voorkeur voor tariefgroep A: het WSV/de RO beoordeelt of een praktijk met een B-zorgovereenkomst afdoende is",
  review_if = equals("fysio_tariefgroep", "B") }
rule { "wsv_certificering", section = "5.1", applies = wsv,
  text = "Het WSV is binnen vijf jaar na het officieel opstarten gecertificeerd volgens HKZ, NEN-EN 15224 of NPA",
  require = any { is_true "certified", on_or_after("started_on", param "wsv_certificering_gestart_vanaf") } }
rule { "wsv_certificering_termijn", section = "5.1", applies = all { wsv, is_false "certified" },
  text = "Certificering (HKZ, NEN-EN 15224 of NPA) binnen vijf jaar na de officiële start; het WSV rapporteert erover in het kwaliteitsjaarverslag",
  condition_if = on_or_after("started_on", param "wsv_certificering_gestart_vanaf") }

-- 5.1 Minimum- en kwaliteitseisen: O&I-regiomanagement (RO) -----------------------------------------------
rule { "ro_wsvs_gecontracteerd", section = "5.1", applies = ro,
  text = "Alle deelnemende WSV's aan de RO hebben een zorgovereenkomst O&I-wijkmanagement",
  require = is_true "participants_contracted" }
rule { "ro_aansluitovereenkomst", section = "5.1", applies = ro,
  text = "Er is een aansluitovereenkomst tussen de RO en de deelnemende WSV's",
  require = is_true "aansluitovereenkomst" }
rule { "ro_agb_gekoppeld", section = "5.1", applies = ro,
  text = "De deelnemende WSV's zijn in het Vektis AGB-register gekoppeld aan de RO",
  require = is_true "agb_linked" }
rule { "ro_aaneengesloten_regio", section = "5.1", applies = ro,
  text = "De RO richt zich op de inwoners van een geografisch logisch aaneengesloten regio",
  require = is_true "geographic_logical" }
rule { "ro_governance", section = "5.1", applies = ro,
  text = "De RO wordt multidisciplinair bestuurd en conformeert zich aan de recentste Governancecode Zorg",
  require = is_true "multidisciplinary_board" }
rule { "ro_informatiesysteem", section = "5.1", applies = ro,
  text = "De RO stuurt actief op een uniform informatiesysteem binnen de deelnemende WSV's",
  require = is_true "data_exchange" }
rule { "ro_e_mental_health", section = "5.1", applies = ro,
  text = "De RO ondersteunt de WSV's met de keus voor een eenduidig aanbod van e-mental health, beslisondersteuning en eventueel consultatie",
  require = is_true "uniform_emental_health" }
rule { "ro_vecozo", section = "5.1", applies = ro,
  text = "Een VECOZO-certificaat voor het afsluiten van een zorgovereenkomst",
  require = is_true "vecozo_certificate" }
rule { "ro_wtza", section = "5.1", applies = ro,
  text = "De RO heeft een Wtza-vergunning of heeft die aangevraagd vóór {wtza_aangevraagd_voor}",
  require = any { is_true "wtza_license", before("wtza_applied_date", param "wtza_aangevraagd_voor") } }

-- 5.3 Informatie voor gecontracteerde zorgaanbieders: jaarplan en begroting -------------------------------
-- "Gecontracteerde regio-organisaties dienen een meerjaren-/jaarplan in ... voor 1 oktober 2023" (5.3);
-- 6.3 lists 1 October as the last day and adds "Uitstel na 1 oktober is niet mogelijk".
local contracted_ro = all { ro, is_true "contracted_last_year" }
rule { "ro_jaarplan_indienen", section = "5.3", applies = contracted_ro,
  text = "De RO dient het (meerjaren)jaarplan met begroting van zichzelf en de aangesloten WSV's gezamenlijk in voor 1 oktober 2023",
  condition_if = absent "annual_plan_date" }
rule { "ro_jaarplan_op_uiterste_datum", section = "5.3", applies = contracted_ro,
  text = "Jaarplan op {jaarplan_deadline} ingediend: 5.3 zegt 'voor 1 oktober 2023', 6.3 noemt 1 oktober als uiterste datum",
  review_if = all { known "annual_plan_date", equals("annual_plan_date", param "jaarplan_deadline") } }
rule { "ro_jaarplan_te_laat", section = "6.3", applies = contracted_ro,
  text = "Jaarplan en begroting na {jaarplan_deadline} ingeleverd: mogelijk een afslag op het tarief of geen zorgovereenkomst",
  review_if = all { known "annual_plan_date", after("annual_plan_date", param "jaarplan_deadline") } }

-- 5.4 Informatie voor niet-gecontracteerde zorgaanbieders -----------------------------------------------
zz.applications { section = "5.4", deadline = "2023-08-31", year = 2024, mid_year = false }

-- 6.1 Bepalen van de tarieven: praktijkmanagement ---------------------------------------------------------
rule { "praktijkmanagement_wsv", section = "6.1", applies = gp,
  text = "Praktijkmanagement is een bekostiging voor huisartsen die deelnemen in een WSV",
  require = is_true "in_wsv" }

-- 5.2 Looptijd, 6.1 Tarieven, 6.3 Planning (uiterste tekendatum 31 december 2023) -------------------------
local contracts = {
  wsv = { "O&I wijkmanagement", "fixed", "Uniform tarief per verzekerde ingeschreven bij de deelnemende huisartsenpraktijken; de hoogte is bij publicatie nog niet bekend" },
  ro  = { "O&I regiomanagement", "budget_per_insured", "Overeengekomen jaarbudget (op basis van de goedgekeurde begroting) gedeeld door het aantal ION van de aangesloten huisartsenpraktijken" },
  huisartsenpraktijk = { "praktijkmanagement", "fixed", "Praktijkmanagement wordt gecontinueerd zoals de afgelopen jaren, aanvullend op het inschrijftarief" },
}

offer(function(p, params)
  local c = contracts[p.kind]
  -- 6.3: sign by 31 December 2023 in the regular round (applications before 1 September 2023).
  return contract { type = c[1], section = "5.2",
           from = zz.contract_start(p, 2024, true, params.mid_year_start == "month_after_application"),
           to = date "2024-12-31", sign_by = zz.offered_in_round(p, "2023-08-31") and date "2023-12-31" or nil },
         tariff { basis = c[2], section = "6.1", text = c[3] }
end)

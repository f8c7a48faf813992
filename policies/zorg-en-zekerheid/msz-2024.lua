-- Zorg en Zekerheid — Zorginkoopbeleid medisch-specialistische zorg 2024, with Bijlage 1
-- "Aanvullende minimum- en kwaliteitseisen".
-- Source: sources/msz-2024.txt (in this insurer's folder). Chapters 1–4 are changes, vision and
-- speerpunten (meerjarenovereenkomsten, dure geneesmiddelen, acute zorg) without provider-level
-- rules, except the limited purchase of basic care at UMCs (3.3).

local zz = import "zorg-en-zekerheid/base"

policy {
  id = "zorg-en-zekerheid/msz-2024",
  insurer = zz.insurer,
  care = "msz",
  year = 2024,
  title = "Zorginkoopbeleid medisch-specialistische zorg 2024",
  source = "msz-2024.txt",
  language = "nl",
  letters = {
    contact = { section = "7", text = "Heeft u vragen over de status van de contractering, dan kunt u deze vragen "
      .. "per e-mail stellen via contractbeheer@zorgenzekerheid.nl. U kunt Zorg en Zekerheid tussen 8 en 12 uur telefonisch "
      .. "bereiken op 071 582 5441." },
  },
}

-- The limits Bijlage 1 states, as parameters (the document's values are the defaults).
param { "max_asa_invasief", type = "int", default = 2, unit = "ASA-klasse", section = "Bijlage 1",
  doc = "ZBC: invasieve behandelingen alleen voor patiënten met een ASA-classificatie van {max_asa_invasief} of lager" }
param { "min_zorgomzet_eur", type = "number", default = 100000, unit = "euro", section = "Bijlage 1",
  doc = "ZBC en revalidatie: zorgomzet Zorg en Zekerheid-verzekerden minimaal € 100.000" }
param { "min_marktaandeel", type = "number", default = 0.25, unit = "aandeel", section = "Bijlage 1",
  doc = "ZBC en revalidatie: of minimaal 25% marktaandeel" }
param { "in_bedrijf_uiterlijk_sinds", type = "date", default = "2022-01-01", section = "Bijlage 1",
  doc = "ZBC en revalidatie: minimaal twee jaar volwaardig in bedrijf op 1 januari 2024, dus in bedrijf op of voor deze dag" }
param { "min_specialisten_fte", type = "number", default = 1.2, unit = "fte", section = "Bijlage 1",
  doc = "ZBC en revalidatie: medisch specialisten met een gezamenlijk dienstverband van minimaal 1,2 fte" }
param { "dialyse_nieuw_na", type = "date", default = "2022-01-01", section = "Bijlage 1",
  doc = "Dialyse: 'nieuw' is korter dan twee jaar in bedrijf op 1 januari 2024, dus in bedrijf na deze dag" }

-- Bijlage 1 leaves two readings open; each is a parameter, its default the plainer reading.
param { "dialysis_new_by_operating_date", type = "bool", default = true, section = "Bijlage 1",
  doc = "Bijlage 1: 'Een nieuw dialysecentrum moet binnen twee jaar HKZ gecertificeerd zijn': ja (standaard) leest "
     .. "'nieuw' als korter dan twee jaar in bedrijf op 1 januari 2024 (operating_since); nee als zonder overeenkomst "
     .. "met Zorg en Zekerheid in 2023" }
param { "two_years_in_operation_measured_on", type = "enum", values = { "contract_start", "1_january", "application" },
  default = "contract_start", section = "Bijlage 1",
  doc = "Bijlage 1: ZBC en revalidatie 'minimaal twee jaar volwaardig in bedrijf', voor een zorgaanbieder die in 2024 "
     .. "aanvraagt (de overeenkomst gaat in op de eerste dag van de maand van de aanvraag, 5.3): gemeten bij de ingang "
     .. "van die overeenkomst (contract_start, standaard: de datum vanaf wanneer zij zou gelden), op 1 januari 2024 "
     .. "(1_january) of op de aanvraagdatum (application). Een zorgaanbieder met een overeenkomst vanaf 1 januari wordt "
     .. "bij elke lezing gemeten op 1 januari 2024." }

local hospital    = kind_in { "ziekenhuis", "umc" }
local zbc         = kind_is "zbc"
local dialysis    = kind_is "dialysecentrum"
local edc         = kind_is "edc"
local rehab       = kind_is "revalidatie"
local thrombosis  = kind_is "trombosedienst"
local audiology   = kind_is "audiologisch_centrum"
local protons     = kind_is "protonentherapie"

scope { section = "2.1", kinds = { "ziekenhuis", "umc", "zbc", "dialysecentrum", "edc", "revalidatie",
                                   "trombosedienst", "audiologisch_centrum", "protonentherapie" },
  text = "Dit zorginkoopbeleid beschrijft hoe Zorg en Zekerheid medisch-specialistische zorg inkoopt (de aanbieders van Bijlage 1)" }

-- 3.3 Passende zorg -------------------------------------------------------------------------------------
rule { "umc_basiszorg", section = "3.3", applies = kind_is "umc",
  text = "Basiszorg in UMC's kopen we beperkt in: alleen tegen vergelijkbare tarieven als in algemene ziekenhuizen en alleen als de zorg tijdig kan worden verleend",
  condition_if = always }

-- 5.1 Minimum- en kwaliteitseisen -------------------------------------------------------------------------
rule { "minimumnormen_verenigingen", section = "5.1",
  text = "Zorg en Zekerheid koopt alleen zorg in bij instellingen die voldoen aan de minimumnormen die de wetenschappelijke verenigingen stellen",
  require = is_true "volume_norms" }
rule { "kwaliteitsregistraties_ziekenhuis", section = "5.1", applies = hospital,
  text = "Het ziekenhuis neemt deel aan de relevante landelijke kwaliteitsregistraties (waaronder DICA) en de resultaten komen beschikbaar",
  require = is_true "quality_registrations" }

-- 5.3 Informatie voor niet-gecontracteerde zorgaanbieders (termijn: 5.3 'voor 1 september', 6.3 '1 september') ----
zz.applications { section = "5.3", deadline = "2023-08-31", year = 2024, mid_year = true, ambiguous_on = "2023-09-01" }

-- Bijlage 1: MSZ breed ------------------------------------------------------------------------------------
rule { "big_registratie", section = "Bijlage 1",
  text = "Het volledige medische personeel heeft een BIG-registratie; medisch-specialisten staan in het RGS-specialistenregister",
  require = is_true "big_registered" }
rule { "vms_nen8009", section = "Bijlage 1",
  text = "Een geaccrediteerd of gecertificeerd veiligheidsmanagementsysteem conform NEN 8009:2018",
  require = is_true "vms_nen8009" }
rule { "kwaliteitsregistraties", section = "Bijlage 1",
  text = "De instelling neemt deel aan de relevante landelijke kwaliteitsregistraties en de resultaten komen beschikbaar",
  require = is_true "quality_registrations" }
rule { "certificering", section = "Bijlage 1",
  text = "In bezit van een ZKN-, HKZ-, NIAZ- of ISO-certificering voor de zorg en handelt hiernaar",
  require = is_true "certification" }
rule { "patienttevredenheid", section = "Bijlage 1",
  text = "Voert patiënttevredenheidsmetingen uit (CQI's, PREMs, PROMs)",
  require = is_true "patient_satisfaction" }

-- Bijlage 1: Ziekenhuizen -----------------------------------------------------------------------------------
rule { "ifms", section = "Bijlage 1", applies = hospital,
  text = "Alle specialisten nemen deel aan het Individueel Functioneren Medisch Specialist (IFMS)",
  require = is_true "ifms" }
rule { "volledig_behandeltraject_ziekenhuis", section = "Bijlage 1", applies = hospital,
  text = "Het ziekenhuis is verantwoordelijk voor het volledige behandeltraject (stepped care)",
  require = is_true "full_treatment_path" }
rule { "volumenormen", section = "Bijlage 1", applies = hospital,
  text = "Behandelingen waarvoor SONCOS- of NvvH-normen gelden, alleen als aan die normen wordt voldaan",
  require = is_true "volume_norms" }

-- Bijlage 1: Zelfstandige behandelcentra (ZBC's) --------------------------------------------------------------
-- "minimaal twee jaar volwaardig in bedrijf": on the day the contract would start. For a provider
-- contracted from 1 January that is 1 January 2024; for one that applies during 2024 the first day
-- of the month of its application (5.3). The other readings are the parameter's.
local two_years_in_operation = any {
  on_or_before("operating_since", param "in_bedrijf_uiterlijk_sinds"),
  all { negate(param("two_years_in_operation_measured_on", "1_january")),
        check("twee jaar volwaardig in bedrijf bij de start van een contract dat in 2024 ingaat", function(p, params)
    local start = zz.contract_start(p, 2024, true)
    if start == date "2024-01-01" then return false end  -- a contract from 1 January: the condition above
    local on = params.two_years_in_operation_measured_on == "application" and p.application_date or start
    return p.operating_since:add_years(2) <= on
  end) },
}
local enough_volume = any { at_least("insurer_revenue_eur", param "min_zorgomzet_eur"),
                            at_least("insurer_market_share", param "min_marktaandeel"),
                            two_years_in_operation }

rule { "zbc_achterwacht", section = "Bijlage 1", applies = zbc,
  text = "Een goede achterwachtregeling en een samenwerkingsverband met een nabijgelegen ziekenhuis",
  require = is_true "backup_arrangement" }
rule { "zbc_intercollegiale_toetsing", section = "Bijlage 1", applies = zbc,
  text = "Intercollegiale toetsing en visitatie door beroepsverenigingen en structureel intercollegiaal overleg",
  require = is_true "peer_review" }
rule { "zbc_asa", section = "Bijlage 1", applies = zbc,
  text = "Invasieve behandelingen alleen voor patiënten met een ASA-classificatie van {max_asa_invasief} of lager",
  require = at_most("max_asa_invasive", param "max_asa_invasief") }
rule { "zbc_zorgomzet", section = "Bijlage 1", applies = zbc,
  text = "Zorgomzet Zorg en Zekerheid-verzekerden minimaal € {min_zorgomzet_eur}, of minimaal {min_marktaandeel:%} marktaandeel, of minimaal twee jaar volwaardig in bedrijf",
  require = enough_volume }
rule { "zbc_wachttijd_ziekenhuis", section = "Bijlage 1", applies = all { zbc, zz.new_provider },
  text = "Geen contract als de medisch specialisten ook werken in een ziekenhuis met meer dan zes maanden wachttijden boven de treeknorm en een gelijk zorgaanbod",
  refuse_if = is_true "specialists_at_waiting_hospital" }
rule { "zbc_specialisten_fte", section = "Bijlage 1", applies = zbc,
  text = "Medisch specialisten met een gezamenlijk dienstverband van minimaal {min_specialisten_fte} fte",
  require = at_least("specialist_fte", param "min_specialisten_fte") }

-- Bijlage 1: Dialysecentra ------------------------------------------------------------------------------------
rule { "dialyse_visitatie", section = "Bijlage 1", applies = dialysis,
  text = "Dialysecentra nemen deel aan beroepsinhoudelijke multidisciplinaire visitatie",
  require = is_true "visitation" }
-- "nieuw": in operation less than two years on 1 January 2024, or (parameter) not contracted in 2023.
local by_operating_date = param "dialysis_new_by_operating_date"
local new_dialysis = any { all { by_operating_date, after("operating_since", param "dialyse_nieuw_na") },
                           all { negate(by_operating_date), zz.new_provider } }
rule { "dialyse_hkz", section = "Bijlage 1", applies = all { dialysis, negate(new_dialysis) },
  text = "Dialysecentra worden gecontracteerd op basis van HKZ-certificering",
  require = is_true "hkz_certified" }
rule { "dialyse_hkz_binnen_twee_jaar", section = "Bijlage 1", applies = all { dialysis, new_dialysis },
  text = "Een nieuw dialysecentrum moet binnen twee jaar HKZ-gecertificeerd zijn",
  condition_if = is_false "hkz_certified" }

-- Bijlage 1: Eerstelijns diagnostische centra (EDC's) ------------------------------------------------------------
rule { "edc_kwaliteitscontroles", section = "Bijlage 1", applies = edc,
  text = "Het EDC neemt deel aan externe kwaliteitscontroles",
  require = is_true "external_quality_control" }
rule { "edc_labdossier", section = "Bijlage 1", applies = edc,
  text = "Een elektronisch laboratoriumdossier en aansluiting op ZorgDomein",
  require = is_true "electronic_lab_record" }
rule { "edc_rationeel_aanvragen", section = "Bijlage 1", applies = edc,
  text = "Volgt de LESA Rationeel aanvragen van laboratoriumdiagnostiek (probleem-georiënteerd aanvraagformulier)",
  require = is_true "rational_lab_requests" }
rule { "edc_dto_plan", section = "Bijlage 1", applies = edc,
  text = "Een plan van aanpak voor rationeel aanvraaggedrag via Diagnostisch Toetsoverleg, scholing en terugkoppeling",
  require = is_true "dto_plan" }
rule { "edc_toegankelijkheid", section = "Bijlage 1", applies = edc,
  text = "De bereikbaarheid en toegankelijkheid van de voorzieningen is geborgd",
  require = is_true "accessible" }

-- Bijlage 1: Medisch-specialistische revalidatiezorg ----------------------------------------------------------------
rule { "revalidatie_behandeltraject", section = "Bijlage 1", applies = rehab,
  text = "De instelling verzorgt zelf het volledige behandeltraject en is hiervoor verantwoordelijk",
  require = is_true "full_treatment_path" }
rule { "revalidatie_team", section = "Bijlage 1", applies = rehab,
  text = "Multidisciplinair team onder leiding van een revalidatiearts, volgens landelijke richtlijnen, beroepskader en de Indicatiestelling MSR",
  require = is_true "msr_team" }
rule { "revalidatie_meerwaarde", section = "Bijlage 1", applies = rehab,
  text = "Aantoonbare meerwaarde op het gebied van kwaliteit en/of regionaal zorgaanbod",
  require = is_true "added_value" }
rule { "revalidatie_specialisten_fte", section = "Bijlage 1", applies = rehab,
  text = "Medisch specialisten met een gezamenlijk dienstverband van minimaal {min_specialisten_fte} fte",
  require = at_least("specialist_fte", param "min_specialisten_fte") }
rule { "revalidatie_zorgomzet", section = "Bijlage 1", applies = rehab,
  text = "Zorgomzet Zorg en Zekerheid-verzekerden minimaal € {min_zorgomzet_eur}, of minimaal {min_marktaandeel:%} marktaandeel, of minimaal twee jaar volwaardig in bedrijf",
  require = enough_volume }

-- Bijlage 1: Trombosediensten ------------------------------------------------------------------------------------
rule { "trombose_kwaliteitscontroles", section = "Bijlage 1", applies = thrombosis,
  text = "De trombosedienst neemt deel aan externe kwaliteitscontroles",
  require = is_true "external_quality_control" }
rule { "trombose_standaarden", section = "Bijlage 1", applies = thrombosis,
  text = "Volgt de LESA Antistolling en de Landelijke Standaard Ketenzorg Antistolling (LSKA)",
  require = is_true "anticoagulation_standards" }
rule { "trombose_labdossier", section = "Bijlage 1", applies = thrombosis,
  text = "Een elektronisch laboratoriumdossier en aansluiting op ZorgDomein",
  require = is_true "electronic_lab_record" }
rule { "trombose_toegankelijkheid", section = "Bijlage 1", applies = thrombosis,
  text = "De bereikbaarheid en toegankelijkheid van de voorzieningen is geborgd",
  require = is_true "accessible" }

-- Bijlage 1: Audiologische centra ---------------------------------------------------------------------------------
rule { "audiologie_behandeltraject", section = "Bijlage 1", applies = audiology,
  text = "Het audiologisch centrum verzorgt zelf het volledige behandeltraject en is hiervoor verantwoordelijk",
  require = is_true "full_treatment_path" }
rule { "audiologie_fenac", section = "Bijlage 1", applies = audiology,
  text = "Het audiologisch centrum voldoet aan het veiligheidsbeleid van de FENAC",
  require = is_true "fenac_safety" }

-- Bijlage 1: Protonentherapie --------------------------------------------------------------------------------------
rule { "protonen_wbmv", section = "Bijlage 1", applies = protons,
  text = "Een geldige vergunning op grond van de Wet op de bijzondere medische verrichtingen voor protonentherapie",
  require = is_true "wbmv_license" }

-- 6.1 Tarieven (referentieprijslijst), 6.3 Planning (uiterste tekendatum 9 november 2023) --------------------------
offer(function(p)
  -- 6.3: sign by 9 November 2023 in the regular round (applications up to 1 September 2023, the
  -- day 6.3 gives as the last); later applications are offered outside it, without that date.
  return contract { type = p.kind, section = "5.2",
           from = zz.contract_start(p, 2024, true), to = date "2024-12-31",
           sign_by = zz.offered_in_round(p, "2023-09-01") and date "2023-11-09" or nil },
         tariff { basis = "reference_prices", section = "6.1",
           text = "Marktconforme prijzen geënt op de referentieprijslijst van Zorg en Zekerheid (kostprijzen en marktprijzen)" }
end)

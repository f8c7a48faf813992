-- Zorg en Zekerheid — Zorginkoopbeleid medisch-specialistische zorg 2024, with Bijlage 1
-- "Aanvullende minimum- en kwaliteitseisen".
-- Source: sources/msz-2024.txt (in this insurer's folder). Chapters 1–4 are changes, vision and
-- speerpunten (meerjarenovereenkomsten, dure geneesmiddelen, acute zorg) without provider-level
-- rules, except the limited purchase of basic care at UMCs (3.3).
-- Every normative sentence of the document is quoted by what encodes it (quote, or encodes for the
-- rules zz.applications declares) or declared not_encoded with the reason, section by section.

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

-- The reasons a sentence is not encoded, as the not_encoded declarations below give them.
local VISIE = "visie en uitgangspunten, geen eis aan de zorgaanbieder"
local ZELF = "beschrijft de zorgverzekeraar zelf, geen eis"
local ALGEMEEN = "verwijst naar het algemeen zorginkoopbeleid, dat niet bij de bronnen hoort"
local WIJZIGING = "overzicht van de wijzigingen ten opzichte van 2023: de inhoud staat in het genoemde hoofdstuk "
  .. "of de bijlage en is daar gecodeerd of verantwoord"

-- The limits Bijlage 1 states, as parameters (the document's values are the defaults).
param { "max_asa_invasief", type = "int", default = 2, unit = "ASA-klasse", section = "Bijlage 1",
  doc = "ZBC: invasieve behandelingen alleen voor patiënten met een ASA-classificatie van {max_asa_invasief} of lager",
  quote = "Invasieve behandelingen worden alleen toegestaan voor patiënten met een ASA-classificatie van 2 of lager." }
param { "min_zorgomzet_eur", type = "number", default = 100000, unit = "euro", section = "Bijlage 1",
  doc = "ZBC en revalidatie: zorgomzet Zorg en Zekerheid-verzekerden minimaal € 100.000",
  quote = { "De minimale zorgomzet gebaseerd op verzekerden van Zorg en Zekerheid van een bestaande of nieuwe ZBC moet minimaal € 100.000 zijn",
            "De minimale zorgomzet gebaseerd op verzekerden van Zorg en Zekerheid van een bestaande of nieuwe instelling moet minimaal € 100.000 zijn" } }
param { "min_marktaandeel", type = "number", default = 0.25, unit = "aandeel", section = "Bijlage 1",
  doc = "ZBC en revalidatie: of minimaal 25% marktaandeel",
  quote = { "of Zorg en Zekerheid heeft minimaal 25% marktaandeel binnen de ZBC",
            "of Zorg en Zekerheid heeft minimaal 25% marktaandeel binnen de instelling" } }
param { "in_bedrijf_uiterlijk_sinds", type = "date", default = "2022-01-01", section = "Bijlage 1",
  doc = "ZBC en revalidatie: minimaal twee jaar volwaardig in bedrijf op 1 januari 2024, dus in bedrijf op of voor deze dag",
  quote = { "of de ZBC is minimaal twee jaar volwaardig in bedrijf", "of instelling is minimaal twee jaar volwaardig in bedrijf" },
  interpretation = "Bijlage 1 zegt niet op welke dag de twee jaar worden gemeten; voor een overeenkomst vanaf 1 januari "
    .. "is dat het begin van het contractjaar, 1 januari 2024 (zie two_years_in_operation_measured_on voor wie tussentijds aanvraagt)" }
param { "min_specialisten_fte", type = "number", default = 1.2, unit = "fte", section = "Bijlage 1",
  doc = "ZBC en revalidatie: medisch specialisten met een gezamenlijk dienstverband van minimaal 1,2 fte",
  quote = { "Bij de ZBC zijn medisch specialisten werkzaam met een gezamenlijk dienstverband van minimaal 1,2 fte",
            "Bij de instelling zijn medisch specialisten werkzaam met een gezamenlijk dienstverband van minimaal 1,2 fte" } }
param { "dialyse_nieuw_na", type = "date", default = "2022-01-01", section = "Bijlage 1",
  doc = "Dialyse: 'nieuw' is korter dan twee jaar in bedrijf op 1 januari 2024, dus in bedrijf na deze dag",
  quote = "Een nieuw dialysecentrum moet binnen twee jaar HKZ gecertificeerd zijn.",
  interpretation = "Bijlage 1 omschrijft 'nieuw' niet; gelezen als korter in bedrijf dan de twee jaar die de eis zelf "
    .. "noemt, gemeten op 1 januari 2024, het begin van het contractjaar" }

-- Bijlage 1 leaves two readings open; each is a parameter, its default the plainer reading.
param { "dialysis_new_by_operating_date", type = "bool", default = true, section = "Bijlage 1",
  doc = "Bijlage 1: 'Een nieuw dialysecentrum moet binnen twee jaar HKZ gecertificeerd zijn': ja (standaard) leest "
     .. "'nieuw' als korter dan twee jaar in bedrijf op 1 januari 2024 (operating_since); nee als zonder overeenkomst "
     .. "met Zorg en Zekerheid in 2023",
  quote = "Een nieuw dialysecentrum moet binnen twee jaar HKZ gecertificeerd zijn." }
param { "two_years_in_operation_measured_on", type = "enum", values = { "contract_start", "1_january", "application" },
  default = "contract_start", section = "Bijlage 1",
  doc = "Bijlage 1: ZBC en revalidatie 'minimaal twee jaar volwaardig in bedrijf', voor een zorgaanbieder die in 2024 "
     .. "aanvraagt (de overeenkomst gaat in op de eerste dag van de maand van de aanvraag, 5.3): gemeten bij de ingang "
     .. "van die overeenkomst (contract_start, standaard: de datum vanaf wanneer zij zou gelden), op 1 januari 2024 "
     .. "(1_january) of op de aanvraagdatum (application). Een zorgaanbieder met een overeenkomst vanaf 1 januari wordt "
     .. "bij elke lezing gemeten op 1 januari 2024.",
  quote = { "of de ZBC is minimaal twee jaar volwaardig in bedrijf", "of instelling is minimaal twee jaar volwaardig in bedrijf" } }

local hospital    = kind_in { "ziekenhuis", "umc" }
local zbc         = kind_is "zbc"
local dialysis    = kind_is "dialysecentrum"
local edc         = kind_is "edc"
local rehab       = kind_is "revalidatie"
local thrombosis  = kind_is "trombosedienst"
local audiology   = kind_is "audiologisch_centrum"
local protons     = kind_is "protonentherapie"

-- 1 Wat zijn de wijzigingen per 2024? ---------------------------------------------------------------------
-- The list of changes: each entry's substance is in the chapter it names, accounted for there.
for _, entry in ipairs {
  "Bij tegenstrijdigheden prevaleert dit zorginkoopbeleid boven het Algemeen zorginkoopbeleid (hoofdstuk 2.1).",
  "De strategie ‘Juiste zorg op de juiste plek’ is gewijzigd naar ‘Passende zorg’ (hoofdstuk 3.3).",
  "Bij passende zorg gaan we in op de essentie hiervan, gebaseerd op de Kaderbrief Passende Zorg. De individuele "
    .. "zorgbehoefte van een verzekerde en voldoende, goede en passende medisch-specialistische zorg vormen onder andere "
    .. "deze essentie. Andere toevoegingen zijn zorgverschuivingen, taakherschikking, ziekenhuisverplaatste zorg, "
    .. "digitale zorg en waardegedreven zorg. (hoofdstuk 3.3).",
  "Er is invulling gegeven aan de nieuwe strategie ‘Duurzame zorg’ (hoofdstuk 3.5).",
  "Speerpunten medisch-specialistische zorg toegevoegd: ‘Meerjarenovereenkomsten in de regio’ en ‘Acute zorg’ (hoofdstuk 4.1).",
  "Werkwijze met betrekking tot digitale zorg aangepast (hoofdstuk 4.1).",
  "Innovatief zorgaanbod is gewijzigd naar impactvolle transformaties (hoofdstuk 4.2).",
  "Informatie over transformatieplannen toegevoegd en aanvraagstructuur hiervan toegelicht (hoofdstuk 4.2).",
  "Bij informatie voor gecontracteerde zorgaanbieders (hoofdstuk 5.2) en niet-gecontracteerde zorgaanbieders "
    .. "(hoofdstuk 5.3) is toegevoegd dat Zorg en Zekerheid in alle gevallen het recht behoudt om voor haar moverende "
    .. "redenen geen zorgovereenkomst af te sluiten met zorgaanbieders.",
  "Nieuw tussenkopje ‘Aanvragen zorgovereenkomst 2024’ toegevoegd (hoofdstuk 5.3).",
  "Naast informatie over het aanvragen van een zorgovereenkomst voor 1 september 2023 is informatie toegevoegd over "
    .. "het tussentijds aanvragen van een zorgovereenkomst. Zorg en Zekerheid is terughoudend in het contracteren van "
    .. "niet-gecontracteerde zorgaanbieders gedurende het lopende contractjaar (hoofdstuk 5.3).",
  "Planning voor het inkoopjaar 2024 aangepast (hoofdstuk 6.3).",
  "Bijlage toegevoegd: Bijlage 1: Aanvullende minimum- en kwaliteitseisen.",
  "Minimum- en kwaliteitseisen – MSZ breed en Protonentherapie toegevoegd (bijlage 1).",
  "Structuur minimum- en kwaliteitseisen herzien en waar nodig herschreven en/of ingekort (bijlage 1).",
  "Minimum- en kwaliteitseis ZBC en Medisch-specialistische revalidatiezorg aangepast: De minimale zorgomzet gebaseerd "
    .. "op verzekerden van Zorg en Zekerheid van een bestaande of nieuwe ZBC moet minimaal € 100.000 zijn, of Zorg en "
    .. "Zekerheid heeft minimaal 25% marktaandeel binnen de ZBC. Dit was € 50.000. Ook toegevoegd: ‘…of de ZBC of "
    .. "(revalidatie) instelling is minimaal twee jaar volwaardig in bedrijf.’ (bijlage 1).",
} do
  not_encoded { section = "1", quote = entry, why = WIJZIGING }
end

-- 2.1 Inleiding ---------------------------------------------------------------------------------------------
scope { section = "2.1", kinds = { "ziekenhuis", "umc", "zbc", "dialysecentrum", "edc", "revalidatie",
                                   "trombosedienst", "audiologisch_centrum", "protonentherapie" },
  text = "Dit zorginkoopbeleid beschrijft hoe Zorg en Zekerheid medisch-specialistische zorg inkoopt (de aanbieders van Bijlage 1)",
  quote = { "Voor u ligt het zorginkoopbeleid medisch-specialistische zorg (MSZ) voor 2024.",
            "In dit document leest u op welke manier, met welke criteria en volgens welke planning Zorg en Zekerheid "
              .. "medisch-specialistische zorg voor 2024 inkoopt." } }

-- 3.3 Passende zorg -------------------------------------------------------------------------------------
not_encoded { section = "3.3", why = VISIE,
  quote = "passende zorg gaat over gezondheid in plaats van ziekte; passende zorg komt samen met en gezamenlijk rondom "
    .. "de patiënt tot stand; passende zorg vindt plaats op de juiste plek; passende zorg is waardegedreven." }
not_encoded { section = "3.3", why = VISIE,
  quote = "Zo motiveren wij zorgaanbieders waar mogelijk om niet alle vraagstukken met medisch-specialistische zorg op te lossen." }
not_encoded { section = "3.3", why = VISIE,
  quote = "Daarbij is niet het zorgaanbod leidend, maar de verzekerde en zijn of haar zorgbehoefte." }
not_encoded { section = "3.3", why = ZELF,
  quote = "Daarnaast zet Zorg en Zekerheid in op de vermindering van het aantal niet-noodzakelijke verwijzingen die "
    .. "onnodig druk leggen op de zorgverleners in de tweede lijn." }
not_encoded { section = "3.3",
  why = "geen gegeven van de zorgaanbieder: het offertetraject (voorwaarden voor afspraken over zorgverschuivingen, "
    .. "niet voor de zorgovereenkomst)",
  quote = "Deze verschuivingen vinden alleen plaats op basis van aantoonbare, minimaal budget-neutrale overheveling. "
    .. "Verder vinden deze verschuivingen alleen plaats als de doelmatigheid van zorg hierdoor verbetert en de kwaliteit "
    .. "tenminste gelijk blijft." }
rule { "umc_basiszorg", section = "3.3", applies = kind_is "umc",
  text = "Basiszorg in UMC's kopen we beperkt in: alleen tegen vergelijkbare tarieven als in algemene ziekenhuizen en alleen als de zorg tijdig kan worden verleend",
  condition_if = always,
  quote = { "Basiszorg (of niet-complexe, hoogvolume zorg) gaat naar algemene ziekenhuizen.",
            "Basiszorg in UMC’s kopen we beperkt in. En dan alleen tegen vergelijkbare tarieven als in algemene "
              .. "ziekenhuizen en alleen als de zorg tijdig kan worden verleend." },
  interpretation = "De tekst geeft geen gegeven waaraan een UMC vooraf wordt getoetst: de beperking (vergelijkbare "
    .. "tarieven, tijdige zorg) gaat als voorwaarde mee in de overeenkomst van elk UMC, niet als weigeringsgrond." }
not_encoded { section = "3.3",
  why = "geen gegeven van de zorgaanbieder: het offertetraject (financiering van afspraken over ziekenhuisverplaatste "
    .. "zorg, een initiatief naast de zorgovereenkomst)",
  quote = "Het is van belang Zorg en Zekerheid te betrekken bij de totstandkoming van de afspraak, anders kunnen we de "
    .. "financiering niet garanderen." }
not_encoded { section = "3.3", why = VISIE,
  quote = "Nieuwe zorgvormen vervangen bestaande zorg: zelf, thuis of digitaal als het kan en fysiek waar het moet." }
param { "min_digitale_polizorg", type = "number", default = 0.3, unit = "aandeel van de poliklinische zorg", section = "3.3",
  doc = "3.3: ten minste 30% van de poliklinische zorg wordt digitaal verleend",
  quote = "Daarbij moet ten minste 30% van de poliklinische zorg digitaal worden verleend" }
rule { "digitale_polizorg", section = "3.3", applies = hospital,
  text = "Ten minste {min_digitale_polizorg:%} van de poliklinische zorg wordt digitaal verleend",
  review_if = below("digital_outpatient_share", param "min_digitale_polizorg"),
  quote = "Daarbij moet ten minste 30% van de poliklinische zorg digitaal worden verleend",
  interpretation = "Het document noemt dit een ambitie voor 2024 in de regio (Ambities Zorginkoop digitalisering), uit "
    .. "te werken in afspraken met de regionale ziekenhuizen, en geen toelatingseis: een ziekenhuis onder de grens is een "
    .. "punt voor nadere beoordeling, geen afwijzingsgrond." }
not_encoded { section = "3.3",
  why = "ambitie voor de regio in 2024 (Ambities Zorginkoop digitalisering), uit te werken in afspraken met de "
    .. "regionale zorgaanbieders; geen toelatingseis per zorgaanbieder",
  quote = "Deze aanpassing in werkwijze zorgt voor vervanging van bestaande zorg en geen aanvulling daarbovenop." }
not_encoded { section = "3.3",
  why = "geen gegeven van de zorgaanbieder: het offertetraject (welke behandelingen binnen de overeenkomst worden "
    .. "ingekocht, niet of de zorgaanbieder een overeenkomst krijgt)",
  quote = "Zorg die niet bewezen effectief is, zullen we vaker niet, slechts voorwaardelijk of bij een beperkt aantal "
    .. "zorgaanbieders contracteren." }

-- 3.4 Positieve gezondheid, 3.5 Duurzaamheid -----------------------------------------------------------------
not_encoded { section = "3.4", why = VISIE,
  quote = "Zorg en Zekerheid vindt dat positieve gezondheid een belangrijk gedachtegoed binnen de zorg moet zijn." }
not_encoded { section = "3.5", why = ZELF,
  quote = "Zorgverzekeraars, en ten minste de marktleider-zorgverzekeraar, gaan met ziekenhuizen in gesprek aan de hand "
    .. "van de verduurzamingsinitiatieven met de meeste impact uit het uitvoeringsplan van de branche (NFU/NVZ)." }

-- 4.1 Speerpunten medisch-specialistische zorg ---------------------------------------------------------------
not_encoded { section = "4.1", why = VISIE,
  quote = "Dat houdt in dat niet alles wat medisch-technisch kan, ook het beste voor de patiënt is. De juiste zorg "
    .. "voldoet aan wetenschappelijke inzichten over effectiviteit en doelmatigheid." }
not_encoded { section = "4.1", why = VISIE,
  quote = "Het spanningsveld is dat de behoefte niet altijd gelijk is aan de wens van de (mondige) patiënt." }
not_encoded { section = "4.1", why = ZELF,
  quote = "Bij de inkoop van zorg kijkt Zorg en Zekerheid jaarlijks naar de lijst met behandelingen die niet voldoen "
    .. "aan het criterium Stand van Wetenschap en Praktijk." }
not_encoded { section = "4.1", why = VISIE,
  quote = "Hieronder verstaan wij niet alleen de objectieve, maar ook de subjectieve kwaliteit zoals de verzekerde die ervaart." }
not_encoded { section = "4.1", why = ZELF,
  quote = "In de regio maakt Zorg en Zekerheid afspraken over positieve gezondheid en delen we inzichten die wij hebben "
    .. "over zorg die niet voldoet aan het criterium Stand van Wetenschap en Praktijk." }
not_encoded { section = "4.1",
  why = "geen gegeven van de zorgaanbieder: het offertetraject (gevolgen van een mislukt verbetertraject uit de "
    .. "maatwerkafspraken met regionale zorgaanbieders)",
  quote = "Mocht het niet lukken om de gewenste verbetering te realiseren, dan worden er andere afspraken gemaakt. "
    .. "Daarbij behoort ook het verlagen van de prijs of uiteindelijk helemaal niet meer inkopen van die zorg tot de mogelijkheden." }
rule { "add_on_geneesmiddelen_vooraf", section = "4.1",
  text = "Nieuwe add-on geneesmiddelen en nieuwe indicaties gedurende het jaar: vooraf schriftelijk een verzoek tot inkoop; "
    .. "Zorg en Zekerheid vergoedt een middel alleen na schriftelijk akkoord voor de indicatie",
  condition_if = always,
  quote = "Bij introducties van nieuwe add-on geneesmiddelen en nieuwe indicaties van bestaande geneesmiddelen "
    .. "gedurende het jaar, moet de zorgaanbieder vooraf schriftelijk contact met ons opnemen met het verzoek tot "
    .. "inkoop. Zorg en Zekerheid vergoedt een middel alleen als u schriftelijk akkoord van ons heeft ontvangen voor de "
    .. "betreffende indicatie. Positief advies van de geneesmiddelcommissie is een van de voorwaarden voor gebruik "
    .. "binnen de instelling." }
not_encoded { section = "4.1",
  why = "geen gegeven van de zorgaanbieder: het offertetraject (tariefafspraken over dure geneesmiddelen)",
  quote = "Nacalculatie spreken wij alleen af als u deze geneesmiddelen op netto-inkoopprijs met ons afrekent." }
rule { "normen_acute_zorg", section = "4.1", applies = is_true "offers_acute_care",
  text = "Bij acute zorg wordt voldaan aan de kwaliteitsvereisten en volumenormen, zoals het Kwaliteitskader Spoedzorgketen",
  require = is_true "acute_care_norms",
  quote = "Bij de verlening van acute zorg moet worden voldaan aan de kwaliteitsvereisten en volumenormen die hierop "
    .. "van toepassing zijn, zoals het Kwaliteitskader Spoedzorgketen." }
not_encoded { section = "4.1", why = ZELF .. ": onderwerpen van het regionale plan acute zorg (ROAZ)",
  quote = "de realisatie van zorgcoördinatiecentra uiterlijk in 2025; behoud van de kwaliteit van de acute zorg en "
    .. "differentiatie; concentratie, spreiding én samenwerking in de acute keten; waar mogelijk data uitwisseling en "
    .. "capaciteitsinformatie." }

-- 4.2 Impactvolle transformaties ---------------------------------------------------------------------------
not_encoded { section = "4.2",
  why = "procesafspraak zonder gevolg voor het besluit: het indienen en beoordelen van transformatieplannen staat los "
    .. "van de zorgovereenkomst",
  quote = "U als zorgaanbieder kunt, al dan niet samen met andere zorgaanbieders, transformatieplannen indienen die "
    .. "deze beweging ondersteunen. Wij verwachten dat de ingediende transformatieplannen een substantiële bijdrage "
    .. "leveren aan de opgave om met gelijkblijvende mensen en binnen de financiële kaders te voldoen aan een groeiende "
    .. "zorgvraag. Let op: we beoordelen alleen díe plannen, waar alle partijen, die worden geraakt door de "
    .. "transformatie, naar het oordeel van Zorg en Zekerheid volwaardig bij zijn betrokken." }

-- 5.1 Minimum- en kwaliteitseisen -------------------------------------------------------------------------
-- The general requirements are the Algemeen zorginkoopbeleid's; the additional ones are the rules
-- below and those of Bijlage 1.
not_encoded { section = "5.1", why = ALGEMEEN,
  quote = "Zorgaanbieders komen in aanmerking voor een overeenkomst als zij voldoen aan de eisen die Zorg en Zekerheid "
    .. "stelt. Het Algemeen zorginkoopbeleid beschrijft de algemene minimum- en kwaliteitseisen." }
rule { "minimumnormen_verenigingen", section = "5.1",
  text = "Zorg en Zekerheid koopt alleen zorg in bij instellingen die voldoen aan de minimumnormen die de wetenschappelijke verenigingen stellen",
  require = is_true "volume_norms",
  quote = { "Zorg en Zekerheid kijkt ook naar de minimumnormen die de wetenschappelijke verenigingen stellen. Zorg en "
              .. "Zekerheid koopt alleen zorg in bij instellingen die voldoen aan deze minimumnormen.",
            "Zorg en Zekerheid hanteert de landelijk vastgestelde minimumkwaliteitsnormen van de beroepsverenigingen." },
  interpretation = "Het schema kent voor de minimumnormen van de wetenschappelijke verenigingen één gegeven, "
    .. "volume_norms (de normen die gelden, zoals SONCOS en NvvH); de regel geldt voor elke soort aanbieder." }
rule { "doen_of_laten_zinnige_zorg", section = "5.1",
  text = "De zorgaanbieder handelt volgens Doen of laten, de Verbetersignalementen Zinnige Zorg en Verstandige keuzes",
  require = is_true "follows_appropriate_care",
  quote = "Het is een voorwaarde dat zorgaanbieders handelen volgens de programma’s Doen of laten en "
    .. "Verbetersignalementen Zinnige Zorg van het Zorginstituut en Verstandige keuzes van de Federatie Medisch Specialisten." }
rule { "kwaliteitsregistraties_ziekenhuis", section = "5.1", applies = hospital,
  text = "Het ziekenhuis neemt deel aan de relevante landelijke kwaliteitsregistraties (waaronder DICA) en de resultaten komen beschikbaar",
  require = is_true "quality_registrations",
  quote = "Het is een voorwaarde dat het ziekenhuis deelneemt aan de relevante landelijke kwaliteitsregistraties "
    .. "(waaronder die van het DICA), maar ook dat deze resultaten voor ons beschikbaar komen." }

-- 5.2 Informatie voor gecontracteerde zorgaanbieders ---------------------------------------------------------
not_encoded { section = "5.2",
  why = "gecodeerd als het aanbod (offer: contract met section 5.2, na de eisen van 5.1 en Bijlage 1), dat geen quote "
    .. "draagt; de eisen van het algemeen zorginkoopbeleid, dat niet bij de bronnen hoort, zijn niet gecodeerd",
  quote = "Alle zorgaanbieders die in 2023 een zorgovereenkomst hadden met Zorg en Zekerheid, die voldoen aan de eisen "
    .. "in het Algemeen zorginkoopbeleid en aan de minimumeisen en kwaliteitscriteria zoals beschreven in hoofdstuk 5.1 "
    .. "en bijlage 1, bieden wij voor 2024 een zorgovereenkomst aan, tenzij anders benoemd in dit zorginkoopbeleid." }
not_encoded { section = "5.2",
  why = "voorbehoud zonder toetsbaar criterium: voor een zorgaanbieder met een overeenkomst in 2023 geen "
    .. "beoordelingspunt (moverende_redenen geldt alleen voor nieuwe zorgaanbieders, 5.3)",
  quote = "Zorg en Zekerheid behoudt zich in alle gevallen het recht voor om voor haar moverende redenen geen "
    .. "zorgovereenkomst af te sluiten met zorgaanbieders." }

-- 5.3 Informatie voor niet-gecontracteerde zorgaanbieders (termijn: 5.3 'voor 1 september', 6.3 '1 september') ----
zz.applications { section = "5.3", deadline = "2023-08-31", year = 2024, mid_year = true, ambiguous_on = "2023-09-01" }
encodes { "moverende_redenen",
  quote = { "Niet-gecontracteerde zorgaanbieders komen mogelijk in aanmerking voor een zorgovereenkomst, indien zij "
              .. "voldoen aan de eisen in het Algemeen zorginkoopbeleid en aan de minimumeisen en kwaliteitscriteria "
              .. "zoals beschreven in hoofdstuk 5.1 en bijlage 1. Hierbij houdt Zorg en Zekerheid onder andere rekening "
              .. "met het huidige gecontracteerde aanbod, de focus op de regio, de aanwezigheid van Zorg en "
              .. "Zekerheid-verzekerden en het voldoen aan de zorgplicht.",
            "Zorg en Zekerheid behoudt zich in alle gevallen het recht voor om voor haar moverende redenen geen "
              .. "zorgovereenkomst af te sluiten met zorgaanbieders.",
            -- the same words close the paragraph on mid-year applications: the end of the sentence before them places them
            "een zorgovereenkomst aangeboden. Zorg en Zekerheid behoudt zich in alle gevallen het recht voor om voor haar "
              .. "moverende redenen geen zorgovereenkomst af te sluiten met zorgaanbieders." } }
encodes { "niet_aangevraagd",
  quote = "Wanneer u als niet-gecontracteerde zorgaanbieder in aanmerking wilt komen voor een zorgovereenkomst 2024, "
    .. "dan kunt u uw aanvraag voor 1 september 2023 indienen onder vermelding van ‘Verzoek zorgovereenkomst MSZ’ bij "
    .. "contractbeheer@zorgenzekerheid.nl." }
encodes { "aanvraag_twijfeldag", quote = "dan kunt u uw aanvraag voor 1 september 2023 indienen" }
encodes { "aanvraagtermijn_onduidelijk", quote = "dan kunt u uw aanvraag voor 1 september 2023 indienen" }
encodes { "aanvraag_na_termijn", quote = "dan kunt u uw aanvraag voor 1 september 2023 indienen" }
encodes { "tussentijdse_aanvraag",
  quote = "Zorg en Zekerheid is terughoudend in het contracteren van niet-gecontracteerde zorgaanbieders gedurende het "
    .. "lopende contractjaar. Heeft u toch een verzoek voor een zorgovereenkomst, dan kunt u uw aanvraag indienen onder "
    .. "vermelding van ‘Verzoek zorgovereenkomst MSZ’ bij contractbeheer@zorgenzekerheid.nl. Indien de aanvraag compleet "
    .. "is en wordt goedgekeurd, dan krijgt u per de eerste kalenderdag van de maand van aanvragen een zorgovereenkomst aangeboden." }
encodes { "aanvraag_na_contractjaar",
  quote = { "in aanmerking wilt komen voor een zorgovereenkomst 2024",
            "niet-gecontracteerde zorgaanbieders gedurende het lopende contractjaar" } }

-- Bijlage 1: MSZ breed ------------------------------------------------------------------------------------
rule { "big_registratie", section = "Bijlage 1",
  text = "Het volledige medische personeel heeft een BIG-registratie; medisch-specialisten staan in het RGS-specialistenregister",
  require = is_true "big_registered",
  quote = "Het volledige medische personeel van de instelling beschikt over een BIG-registratie, waarvan de "
    .. "medisch-specialisten zijn geregistreerd in het specialistenregister van de) Registratiecommissie Geneeskundig "
    .. "Specialisten (RGS)." }
rule { "vms_nen8009", section = "Bijlage 1",
  text = "Een geaccrediteerd of gecertificeerd veiligheidsmanagementsysteem conform NEN 8009:2018",
  require = is_true "vms_nen8009",
  quote = "De instelling beschikt over een geaccrediteerd of gecertificeerd Veiligheidsmanagementsysteem conform de NEN8009:2018." }
rule { "kwaliteitsregistraties", section = "Bijlage 1",
  text = "De instelling neemt deel aan de relevante landelijke kwaliteitsregistraties en de resultaten komen beschikbaar",
  require = is_true "quality_registrations",
  quote = "De instelling neemt deel aan de relevante landelijke kwaliteitsregistraties en zorgt dat deze resultaten "
    .. "voor de zorgverzekeraar beschikbaar komen." }
rule { "certificering", section = "Bijlage 1",
  text = "In bezit van een ZKN-, HKZ-, NIAZ- of ISO-certificering voor de zorg en handelt hiernaar",
  require = is_true "certification",
  quote = "De instelling is in bezit van het ZKN, HKZ, NIAZ of ISO-certificering voor de zorg en handelt hiernaar." }
rule { "patienttevredenheid", section = "Bijlage 1",
  text = "Voert patiënttevredenheidsmetingen uit (CQI's, PREMs, PROMs)",
  require = is_true "patient_satisfaction",
  quote = "De instelling voert patiënttevredenheidsmetingen (CQI’s/PREMS/PROMS) uit." }

-- Bijlage 1: Ziekenhuizen -----------------------------------------------------------------------------------
rule { "ifms", section = "Bijlage 1", applies = hospital,
  text = "Alle specialisten nemen deel aan het Individueel Functioneren Medisch Specialist (IFMS)",
  require = is_true "ifms",
  quote = "Alle specialisten werkzaam binnen het ziekenhuis nemen deel aan het Individueel Functioneren Medisch Specialist (IFMS)." }
rule { "volledig_behandeltraject_ziekenhuis", section = "Bijlage 1", applies = hospital,
  text = "Het ziekenhuis is verantwoordelijk voor het volledige behandeltraject (stepped care)",
  require = is_true "full_treatment_path",
  quote = "Het ziekenhuis is verantwoordelijk voor het volledige behandeltraject, uitgevoerd door het ziekenhuis zelf "
    .. "of door een andere instelling op basis van onderlinge dienstverlening, dat past bij de aandoening of de ziekte "
    .. "conform de huidige stand van wetenschap en praktijk en waarop de patiënt is aangewezen (stepped care)." }
rule { "volumenormen", section = "Bijlage 1", applies = hospital,
  text = "Behandelingen waarvoor SONCOS- of NvvH-normen gelden, alleen als aan die normen wordt voldaan",
  require = is_true "volume_norms",
  quote = "Het ziekenhuis voert behandelingen, waarvoor normen van SONCOS of NvvH gelden, enkel uit als zij voldoet aan deze normen." }

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
  require = is_true "backup_arrangement",
  quote = "ZBC’s hebben een goede achterwachtregeling en een samenwerkingsverband met een nabijgelegen ziekenhuis voor "
    .. "onder andere de opvang van complicaties." }
rule { "zbc_intercollegiale_toetsing", section = "Bijlage 1", applies = zbc,
  text = "Intercollegiale toetsing en visitatie door beroepsverenigingen en structureel intercollegiaal overleg",
  require = is_true "peer_review",
  quote = "Er vindt intercollegiale toetsing en visitatie door beroepsverenigingen plaats en er is structureel "
    .. "intercollegiaal overleg over de patiëntenzorg." }
rule { "zbc_asa", section = "Bijlage 1", applies = zbc,
  text = "Invasieve behandelingen alleen voor patiënten met een ASA-classificatie van {max_asa_invasief} of lager",
  require = at_most("max_asa_invasive", param "max_asa_invasief"),
  quote = "Invasieve behandelingen worden alleen toegestaan voor patiënten met een ASA-classificatie van 2 of lager." }
rule { "zbc_zorgomzet", section = "Bijlage 1", applies = zbc,
  text = "Zorgomzet Zorg en Zekerheid-verzekerden minimaal € {min_zorgomzet_eur}, of minimaal {min_marktaandeel:%} marktaandeel, of minimaal twee jaar volwaardig in bedrijf",
  require = enough_volume,
  quote = "De minimale zorgomzet gebaseerd op verzekerden van Zorg en Zekerheid van een bestaande of nieuwe ZBC moet "
    .. "minimaal € 100.000 zijn, of Zorg en Zekerheid heeft minimaal 25% marktaandeel binnen de ZBC, of de ZBC is "
    .. "minimaal twee jaar volwaardig in bedrijf." }
rule { "zbc_wachttijd_ziekenhuis", section = "Bijlage 1", applies = all { zbc, zz.new_provider },
  text = "Geen contract als de medisch specialisten ook werken in een ziekenhuis met meer dan zes maanden wachttijden boven de treeknorm en een gelijk zorgaanbod",
  refuse_if = is_true "specialists_at_waiting_hospital",
  quote = "Nieuwe zorgaanbieders worden niet gecontracteerd als bij die nieuwe zorgaanbieder medisch specialisten "
    .. "werken die tevens werkzaam zijn in een ziekenhuis waar langer dan zes maanden in het afgelopen jaar wachttijden "
    .. "boven de treeknorm gelden en dit ziekenhuis een gelijk zorgaanbod kent.",
  interpretation = "'Nieuwe zorgaanbieders' gelezen als zorgaanbieders zonder overeenkomst met Zorg en Zekerheid in "
    .. "2023, de niet-gecontracteerde zorgaanbieders van 5.3." }
rule { "zbc_specialisten_fte", section = "Bijlage 1", applies = zbc,
  text = "Medisch specialisten met een gezamenlijk dienstverband van minimaal {min_specialisten_fte} fte",
  require = at_least("specialist_fte", param "min_specialisten_fte"),
  quote = "Bij de ZBC zijn medisch specialisten werkzaam met een gezamenlijk dienstverband van minimaal 1,2 fte." }

-- Bijlage 1: Dialysecentra ------------------------------------------------------------------------------------
rule { "dialyse_visitatie", section = "Bijlage 1", applies = dialysis,
  text = "Dialysecentra nemen deel aan beroepsinhoudelijke multidisciplinaire visitatie",
  require = is_true "visitation",
  quote = "Dialysecentra nemen deel aan beroepsinhoudelijke multidisciplinaire visitatie" }
-- "nieuw": in operation less than two years on 1 January 2024, or (parameter) not contracted in 2023.
local by_operating_date = param "dialysis_new_by_operating_date"
local new_dialysis = any { all { by_operating_date, after("operating_since", param "dialyse_nieuw_na") },
                           all { negate(by_operating_date), zz.new_provider } }
rule { "dialyse_hkz", section = "Bijlage 1", applies = all { dialysis, negate(new_dialysis) },
  text = "Dialysecentra worden gecontracteerd op basis van HKZ-certificering",
  require = is_true "hkz_certified",
  quote = "De zorgverzekeraar contracteert dialysecentra op basis van HKZ-certificering.",
  interpretation = "Een vereiste voor een dialysecentrum dat niet nieuw is; een nieuw centrum krijgt de twee jaar "
    .. "van de volgende zin (dialyse_hkz_binnen_twee_jaar)." }
rule { "dialyse_hkz_binnen_twee_jaar", section = "Bijlage 1", applies = all { dialysis, new_dialysis },
  text = "Een nieuw dialysecentrum moet binnen twee jaar HKZ-gecertificeerd zijn",
  condition_if = is_false "hkz_certified",
  quote = "Een nieuw dialysecentrum moet binnen twee jaar HKZ gecertificeerd zijn.",
  interpretation = "Een nieuw centrum zonder HKZ-certificaat wordt niet geweigerd: de certificering binnen twee jaar "
    .. "gaat als voorwaarde mee in de overeenkomst." }

-- Bijlage 1: Eerstelijns diagnostische centra (EDC's) ------------------------------------------------------------
rule { "edc_kwaliteitscontroles", section = "Bijlage 1", applies = edc,
  text = "Het EDC neemt deel aan externe kwaliteitscontroles",
  require = is_true "external_quality_control",
  quote = "Het EDC neemt deel aan externe kwaliteitscontroles." }
rule { "edc_labdossier", section = "Bijlage 1", applies = edc,
  text = "Een elektronisch laboratoriumdossier en aansluiting op ZorgDomein",
  require = is_true "electronic_lab_record",
  quote = "Het EDC beschikt onder andere over een elektronisch laboratoriumdossier en sluit aan op ZorgDomein." }
rule { "edc_rationeel_aanvragen", section = "Bijlage 1", applies = edc,
  text = "Volgt de LESA Rationeel aanvragen van laboratoriumdiagnostiek (probleem-georiënteerd aanvraagformulier)",
  require = is_true "rational_lab_requests",
  quote = "Het EDC volgt specifiek de Landelijke Eerstelijns Samenwerkingsafspraak Rationeel aanvragen van "
    .. "laboratoriumdiagnostiek, waaronder het hanteren van een probleem-georiënteerd aanvraagformulier." }
rule { "edc_dto_plan", section = "Bijlage 1", applies = edc,
  text = "Een plan van aanpak voor rationeel aanvraaggedrag via Diagnostisch Toetsoverleg, scholing en terugkoppeling",
  require = is_true "dto_plan",
  quote = "Het EDC beschikt over een plan van aanpak, waarin is vastgelegd hoe het EDC aanvragers via Diagnostisch "
    .. "Toetsoverleg (DTO), scholing, terugkoppeling en adviezen tot rationeel aanvraaggedrag kan brengen." }
rule { "edc_toegankelijkheid", section = "Bijlage 1", applies = edc,
  text = "De bereikbaarheid en toegankelijkheid van de voorzieningen is geborgd",
  require = is_true "accessible",
  quote = "De bereikbaarheid en toegankelijkheid van de diverse voorzieningen is geborgd." }

-- Bijlage 1: Medisch-specialistische revalidatiezorg ----------------------------------------------------------------
rule { "revalidatie_behandeltraject", section = "Bijlage 1", applies = rehab,
  text = "De instelling verzorgt zelf het volledige behandeltraject en is hiervoor verantwoordelijk",
  require = is_true "full_treatment_path",
  quote = "De medisch-specialistische revalidatie-instelling verzorgt zelf het volledige behandeltraject dat past bij "
    .. "de aandoening of de ziekte conform de huidige stand van wetenschap en praktijk en is hier verantwoordelijk voor." }
rule { "revalidatie_team", section = "Bijlage 1", applies = rehab,
  text = "Multidisciplinair team onder leiding van een revalidatiearts, volgens landelijke richtlijnen, beroepskader en de Indicatiestelling MSR",
  require = is_true "msr_team",
  quote = "De medisch-specialistische revalidatie-instelling verleent de zorg volgens de landelijke richtlijnen en "
    .. "volgens de eisen, zoals zijn vastgelegd in het vigerende Algemeen Beroepskader Revalidatiegeneeskunde en de "
    .. "diagnose gebonden behandelkaders van de beroepsgroep/VRA. De instelling gebruikt de Indicatiestelling Medische "
    .. "Specialistische Revalidatie (april 2016) om te komen tot een gerichte indicatie. De zorgaanbieder levert medisch "
    .. "specialistische revalidatiezorg door middel van een multidisciplinair team van deskundigen onder leiding van een "
    .. "revalidatiearts" }
rule { "revalidatie_meerwaarde", section = "Bijlage 1", applies = rehab,
  text = "Aantoonbare meerwaarde op het gebied van kwaliteit en/of regionaal zorgaanbod",
  require = is_true "added_value",
  quote = "De instelling heeft een aantoonbare meerwaarde op het gebied van kwaliteit en/of regionaal zorgaanbod." }
rule { "revalidatie_specialisten_fte", section = "Bijlage 1", applies = rehab,
  text = "Medisch specialisten met een gezamenlijk dienstverband van minimaal {min_specialisten_fte} fte",
  require = at_least("specialist_fte", param "min_specialisten_fte"),
  quote = "Bij de instelling zijn medisch specialisten werkzaam met een gezamenlijk dienstverband van minimaal 1,2 fte." }
rule { "revalidatie_zorgomzet", section = "Bijlage 1", applies = rehab,
  text = "Zorgomzet Zorg en Zekerheid-verzekerden minimaal € {min_zorgomzet_eur}, of minimaal {min_marktaandeel:%} marktaandeel, of minimaal twee jaar volwaardig in bedrijf",
  require = enough_volume,
  quote = "De minimale zorgomzet gebaseerd op verzekerden van Zorg en Zekerheid van een bestaande of nieuwe instelling "
    .. "moet minimaal € 100.000 zijn, of Zorg en Zekerheid heeft minimaal 25% marktaandeel binnen de instelling, of "
    .. "instelling is minimaal twee jaar volwaardig in bedrijf." }

-- Bijlage 1: Trombosediensten ------------------------------------------------------------------------------------
rule { "trombose_kwaliteitscontroles", section = "Bijlage 1", applies = thrombosis,
  text = "De trombosedienst neemt deel aan externe kwaliteitscontroles",
  require = is_true "external_quality_control",
  quote = "De trombosedienst neemt deel aan externe kwaliteitscontroles." }
rule { "trombose_standaarden", section = "Bijlage 1", applies = thrombosis,
  text = "Volgt de LESA Antistolling en de Landelijke Standaard Ketenzorg Antistolling (LSKA)",
  require = is_true "anticoagulation_standards",
  quote = "De trombosedienst volgt onder andere de LESA Antistolling en de Landelijke Standaard Ketenzorg Antistolling (LSKA)." }
rule { "trombose_labdossier", section = "Bijlage 1", applies = thrombosis,
  text = "Een elektronisch laboratoriumdossier en aansluiting op ZorgDomein",
  require = is_true "electronic_lab_record",
  quote = "De trombosedienst beschikt onder andere over een elektronisch laboratoriumdossier en sluit aan op ZorgDomein." }
rule { "trombose_toegankelijkheid", section = "Bijlage 1", applies = thrombosis,
  text = "De bereikbaarheid en toegankelijkheid van de voorzieningen is geborgd",
  require = is_true "accessible",
  -- the same words as the EDC's: the heading that follows them places them here
  quote = "De bereikbaarheid en toegankelijkheid van de diverse voorzieningen is geborgd. Minimum- en kwaliteitseisen - Audiologische centra" }

-- Bijlage 1: Audiologische centra ---------------------------------------------------------------------------------
rule { "audiologie_behandeltraject", section = "Bijlage 1", applies = audiology,
  text = "Het audiologisch centrum verzorgt zelf het volledige behandeltraject en is hiervoor verantwoordelijk",
  require = is_true "full_treatment_path",
  quote = "Het audiologisch centrum verzorgt zelf het volledige behandeltraject dat past bij de aandoening of de ziekte "
    .. "conform de huidige stand van wetenschap en praktijk en is hier verantwoordelijk voor." }
rule { "audiologie_fenac", section = "Bijlage 1", applies = audiology,
  text = "Het audiologisch centrum voldoet aan het veiligheidsbeleid van de FENAC",
  require = is_true "fenac_safety",
  quote = "Het audiologisch centrum voldoet aan het veiligheidsbeleid van de FENAC." }

-- Bijlage 1: Protonentherapie --------------------------------------------------------------------------------------
rule { "protonen_wbmv", section = "Bijlage 1", applies = protons,
  text = "Een geldige vergunning op grond van de Wet op de bijzondere medische verrichtingen voor protonentherapie",
  require = is_true "wbmv_license",
  quote = "De instelling heeft een geldige vergunning op basis van de Wet op de bijzondere medische verrichtingen voor "
    .. "het toepassen van protonentherapie." }

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

-- 6.2 Aanbod van de zorgovereenkomsten ------------------------------------------------------------------------------
not_encoded { section = "6.2",
  why = "procesafspraak zonder gevolg voor het besluit: een VECOZO-certificaat is nodig om de aangeboden "
    .. "zorgovereenkomst in te zien en te ondertekenen, geen voorwaarde voor het aanbod",
  quote = "U dient tijdig een certificaat aan te vragen bij VECOZO om de zorgovereenkomst te kunnen inzien en ondertekenen." }
not_encoded { section = "6.2",
  why = "uitvoering van de overeenkomst, geen voorwaarde voor het aanbod: declareren via VECOZO en onderlinge "
    .. "dienstverlening",
  quote = "Zorgaanbieders dienen declaraties digitaal in via VECOZO volgens de regels en instructies die gelden voor het "
    .. "declareren van de DBC-zorgproducten en overige zorgproducten. Als een andere instelling zorgactiviteiten "
    .. "uitvoert, verrekenen de instellingen dit onderling op basis van wederzijdse dienstverlening. Zorgaanbieders "
    .. "declareren dit niet apart bij Zorg en Zekerheid. Dit geldt ook voor zorgactiviteiten voor diagnostiek." }

-- 6.3 Planning ---------------------------------------------------------------------------------------------------
not_encoded { section = "6.3",
  why = "gecodeerd bij 5.3, dat de regels citeren: de parameter aanvraag_twijfeldag (1 september 2023) en de regels "
    .. "aanvraagtermijn_onduidelijk en aanvraag_na_termijn; het aanbod (offer) gebruikt dezelfde dag voor de tekendatum",
  quote = "1 september 2023 Uiterste datum voor niet-gecontracteerde zorgaanbieders om een zorgovereenkomst 2024 aan te vragen." }

-- 7 Heeft u vragen? (disclaimer) -----------------------------------------------------------------------------------
not_encoded { section = "7",
  why = "voorbehoud over het wijzigen van het beleid zelf, geen eis aan de zorgaanbieder en zonder gevolg voor het besluit",
  quote = "Zorg en Zekerheid behoudt zich uitdrukkelijk het recht voor om het zorginkoopbeleid en de bijbehorende "
    .. "zorginkoopprocedure op enig moment aan te passen wegens interne factoren, externe factoren waaronder gewijzigde "
    .. "of nog te wijzigen wet- en regelgeving (inclusief beleidswijzigingen) en gewijzigde of nog te wijzigen "
    .. "financiële kaders. Zorg en Zekerheid behoudt zich ook het recht voor om het zorginkoopbeleid verder aan te "
    .. "vullen, te wijzigen en/of te verduidelijken, waaronder bij toekomstige effecten op de zorg door de coronacrisis." }

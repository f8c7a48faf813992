-- Salland Zorgverzekeraar — Zorginkoopbeleid 2024 Geestelijke Gezondheidszorg (GGZ)
-- Source: sources/ggz-2024.txt (in this insurer's folder). Every rule cites the section it comes from,
-- in the document's order. Sections with no decidable rule (1, 2.2, 2.4, 4.1, 4.2, 4.4, 5, 7–9,
-- 10.5, 11, 13 and the annex on addiction care) are vision, process or contract content.
-- Every rule, parameter and the scope quotes the document's words it encodes (`quote`); every other
-- normative sentence is a `not_encoded` with the reason, beside the rules of its section, in the
-- document's order (`inkoop source salland/ggz-2024` shows the document sentence by sentence).

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
     .. "gevaar komt; nieuwe aanbieders kunnen dan worden afgewezen",
  quote = { "Salland Zorgverzekeraar heeft voldoende zorgaanbieders gecontracteerd om invulling te geven aan onze "
         .. "zorgplicht en er zijn geen signalen bij ons bekend zijn dat de zorgplicht in het geding is",
    "Hiervoor monitoren wij onder andere de casussen zorgbemiddeling en halen we actief signalen op onder "
      .. "zorgaanbieders in de regio Midden IJssel" },
  interpretation = "Of de zorgplicht is ingevuld, is een oordeel van Salland zelf en geen gegeven van de zorgaanbieder; "
     .. "standaard nee, zodat deze grond alleen in een scenario afwijst." }
param { "refusal_grounds_as_review", type = "bool", default = false, section = "10.4",
  doc = "10.4: Salland 'behoudt zich het recht voor om u een overeenkomst te weigeren': nee (standaard) wijst af op "
     .. "elke grond; ja maakt van elke grond een beoordelingspunt, om beide lezingen naast elkaar te zien",
  quote = "Salland Zorgverzekeraar behoudt zich het recht voor om u een overeenkomst te weigeren in de volgende situaties",
  interpretation = "'Behoudt zich het recht voor' laat open of een grond altijd tot weigering leidt; standaard wijst "
     .. "elke grond af (de strengste lezing), de lezing als beoordelingspunt is als scenario te kiezen." }
param { "refusal_grounds_apply_to_existing", type = "bool", default = false, section = "10.4",
  doc = "10.4: de afwijzingsgronden staan onder 'nieuwe aanbieders'; ja past de integriteitsgronden (alleen "
     .. "diagnostiek, zorg in het buitenland, controles, fraude, negatieve uitlatingen, externe bevindingen) ook toe "
     .. "op gecontracteerde zorgaanbieders, nee alleen op nieuwe",
  quote = "Onder nieuwe aanbieders verstaan wij zorgaanbieders die in 2023 nog geen overeenkomst met Salland "
       .. "Zorgverzekeraar hebben",
  interpretation = "De weigeringsgronden staan onder '10.4 Procedure beoordeling nieuwe aanbieders', en paragraaf 10 "
     .. "zegt dat een gecontracteerde aanbieder 'automatisch een contract aanbod' ontvangt: standaard (nee) gelden ze "
     .. "alleen voor nieuwe aanbieders, zoals het document ze plaatst; ja leest ze als integriteitsgronden voor iedere "
     .. "aanbieder. Zorg in het buitenland laat een gecontracteerde aanbieder ook dan buiten de overeenkomst (2.1)." }

-- The limits the document states, as parameters (its values are the defaults).
param { "max_fte_vrijgevestigde", type = "number", default = 8, unit = "fte", section = "3.1",
  doc = "3.1: een vrijgevestigde praktijk heeft maximaal 8 fte regiebehandelaren",
  quote = "Maximaal 8 fte regiebehandelaren" }
param { "max_locaties", type = "int", default = 3, unit = "behandellocaties", section = "3.1",
  doc = "3.1: een vrijgevestigde praktijk heeft maximaal 3 behandellocaties",
  quote = "Maximaal 3 behandellocaties" }
param { "min_regiebehandelaar_share", type = "number", default = 0.8, unit = "aandeel van de openingsuren", section = "3.1",
  doc = "3.1: ten minste 80% van de openingsuren (per locatie) is een regiebehandelaar aanwezig",
  quote = "ten minste 80% van de openingsuren (per locatie) een regiebehandelaar aanwezig is" }
param { "aanmeld_deadline", type = "date", default = "2023-06-01", section = "10.4",
  doc = "10.4: nieuwe aanbieders hebben tot uiterlijk 1 juni 2023 de tijd zich te melden (de laatste dag)",
  quote = { "U heeft als nieuwe aanbieder tot uiterlijk 1 juni 2023 de tijd", "U meldt zich na 1 juni 2023 bij ons" },
  interpretation = "'Tot uiterlijk 1 juni 2023' lezen wij inclusief: een aanmelding op 1 juni 2023 is op tijd." }
param { "co2_routekaart_vanaf_fte", type = "number", default = 250, unit = "fte", section = "9",
  doc = "9: een CO2-routekaart wordt verwacht van zorgaanbieders met vastgoed en meer dan 250 fte",
  quote = "Aanvullend verwachten we van alle zorgaanbieders met vastgoed en meer dan 250 fte" }

local practice     = kind_is "vrijgevestigde"
local institution  = kind_in { "ggz_instelling", "paaz", "puk" }
local ggz          = any { practice, institution }  -- every kind in scope: the kind is asked first
local new_provider = is_false "contracted_last_year"
local integrity_applies = any { new_provider, param "refusal_grounds_apply_to_existing" }
local discretion = param "refusal_grounds_as_review"  -- "behoudt zich het recht voor" (10.4)

-- Inleiding en 1 Visie ---------------------------------------------------------------------------
not_encoded { section = "inleiding",
  quote = "informeren wij u over onze uitgangspunten bij de inkoop van de GGZ",
  why = "inleiding: zegt waarover het beleid gaat, geen eis aan de zorgaanbieder" }

not_encoded { section = "1",
  quote = "Voor een optimale geestelijke gezondheid is het niet alleen van belang medisch te herstellen, maar ook om "
       .. "maatschappelijk volwaardig te participeren",
  why = "visie en uitgangspunten, geen eis aan de zorgaanbieder" }

not_encoded { section = "1",
  quote = "Daarbuiten, waar ons marktaandeel minimaal is, kiezen we grotendeels voor gestandaardiseerde zorginkoop",
  why = "beschrijft de zorgverzekeraar zelf, geen eis: de keuze voor gestandaardiseerde inkoop buiten de regio is "
     .. "uitgewerkt als digitale contractering in het aanbod (paragraaf 10.1)" }

-- 2.1 Zorgverzekeringswet ------------------------------------------------------------------------
scope { section = "2.1", kinds = { "vrijgevestigde", "ggz_instelling", "paaz", "puk" },
  text = "Het inkoopdomein beslaat de GGZ-instellingen, inclusief PAAZ en PUK, en de vrijgevestigde "
      .. "GGZ-zorgaanbieders (Zvw)",
  quote = { "Dit zorginkoopbeleid betreft de zorg die valt onder de Zorgverzekeringswet (Zvw)",
    "Het inkoopdomein van de curatieve geestelijke gezondheidszorg beslaat de GGZ-instellingen, inclusief de "
      .. "psychiatrische afdelingen van het algemeen ziekenhuis (PAAZ) en psychiatrische universitaire klinieken "
      .. "(PUK), en de vrijgevestigde GGZ-zorgaanbieders die ambulante en klinische zorg leveren binnen het "
      .. "Zorgprestatiemodel" } }

rule { "zorg_buitenland", section = "2.1",
  text = "Salland Zorgverzekeraar koopt geen GGZ in die in het buitenland geleverd wordt",
  exclude_if = is_true "delivers_abroad",
  quote = "Salland Zorgverzekeraar koopt geen GGZ in die in het buitenland geleverd wordt",
  interpretation = "Het document sluit de zorg in het buitenland uit, niet de aanbieder; de regel laat die zorg uit "
     .. "de overeenkomst van een aanbieder die (ook) in het buitenland levert. De weigering van zo'n aanbieder "
     .. "volgt uit 10.4 (zorg_in_buitenland)." }

-- 2.2 Inkoopkader acute GGZ ----------------------------------------------------------------------
not_encoded { section = "2.2",
  quote = "Salland Zorgverzekeraar is geen marktleider voor de acute GGZ",
  why = "beschrijft de zorgverzekeraar zelf, geen eis: de eerste 72 uur crisiszorg koopt de marktleider via "
     .. "representatie in, niet dit beleid" }

-- 2.3 GGZ in de Wlz ------------------------------------------------------------------------------
outside_scope { section = "2.3", kinds = { "verpleeghuis" },
  text = "Zorg ingekocht bij verpleeg- of verzorgingshuizen wordt gefinancierd uit de Wlz en valt buiten dit inkoopkader",
  quote = "Zorg die wordt ingekocht bij verpleeg- of verzorgingshuizen wordt gefinancierd vanuit de Wet langdurige "
       .. "zorg (Wlz) en valt daarmee buiten dit inkoopkader" }

-- 3 Minimale eisen -------------------------------------------------------------------------------
rule { "eisen_beroepsgroep", section = "3", applies = ggz,
  text = "De zorg wordt verleend volgens de minimaal geldende eisen van de beroepsgroep: de privacywetgeving, de Wkkgz en de Wet BIG",
  require = is_true "meets_profession_requirements",
  quote = "Salland Zorgverzekeraar sluit aan bij de minimaal geldende eisen vanuit de beroepsgroep. Hierin staat dat "
       .. "de zorg verleend wordt conform de privacywetgeving en de Wet kwaliteit, klachten en geschillen zorg "
       .. "(Wkkgz) en de Wet op de beroepen in de Individuele Gezondheidszorg (wet BIG)" }

-- 3.1 Minimale eisen individuele zorgaanbieders (vrijgevestigden) --------------------------------
rule { "max_fte_regiebehandelaren", section = "3.1", applies = practice,
  text = "Een vrijgevestigde praktijk heeft maximaal {max_fte_vrijgevestigde} fte regiebehandelaren",
  require = at_most("fte_regiebehandelaren", param "max_fte_vrijgevestigde"),
  quote = { "Onder een vrijgevestigde verstaan wij een praktijk met", "Maximaal 8 fte regiebehandelaren" } }

rule { "max_behandellocaties", section = "3.1", applies = practice,
  text = "Een vrijgevestigde praktijk heeft maximaal {max_locaties} behandellocaties",
  require = at_most("locations", param "max_locaties"),
  quote = "Maximaal 3 behandellocaties" }

rule { "kwaliteitsstatuut_ii", section = "3.1", applies = practice,
  text = "Beschikt over een geldig en geregistreerd Kwaliteitsstatuut, sectie II",
  require = all { is_true "kwaliteitsstatuut", equals("kwaliteitsstatuut_section", "II") },
  quote = "Beschikt over een geldig en geregistreerd Kwaliteitsstatuut, sectie II" }

rule { "persoonlijke_agb", section = "3.1", applies = practice,
  text = "Heeft een (persoonlijke) AGB-code",
  require = is_true "personal_agb",
  quote = "heeft een (persoonlijke) AGB-code" }

rule { "regiebehandelaar_aanwezig", section = "3.1", applies = practice,
  text = "Ten minste {min_regiebehandelaar_share:%} van de openingsuren (per locatie) is een regiebehandelaar aanwezig",
  require = at_least("regiebehandelaar_presence", param "min_regiebehandelaar_share"),
  quote = "Zorgt ervoor dat er ten minste 80% van de openingsuren (per locatie) een regiebehandelaar aanwezig is" }

rule { "wachttijden_vrijgevestigde", section = "3.1", applies = practice,
  text = "Levert wachttijdinformatie aan bij Vektis conform de NZa-transparantieregeling",
  require = is_true "waiting_times_reported",
  quote = "Levert wachttijdinformatie aan bij Vektis conform de NZa-transparantieregeling" }

rule { "verwijsregels_vrijgevestigde", section = "3.1", applies = practice,
  text = "Handelt conform de landelijke verwijsregels GGZ",
  require = is_true "follows_referral_rules",
  quote = "Handelt conform de landelijke verwijsregels GGZ" }

rule { "nederland_vrijgevestigde", section = "3.1", applies = practice,
  text = "Is gevestigd in Nederland",
  require = is_true "established_in_nl",
  quote = "Is gevestigd in Nederland" }

rule { "vecozo_vrijgevestigde", section = "3.1", applies = practice,
  text = "Declareert elektronisch via VECOZO",
  require = is_true "declares_via_vecozo",
  quote = "Declareert elektronisch via VECOZO" }

-- 3.2 Minimale eisen instellingen ----------------------------------------------------------------
rule { "wtza", section = "3.2", applies = institution,
  text = "De instelling voldoet aan de eisen die de Wtza stelt",
  require = is_true "wtza_license",
  quote = "die in aanmerking willen komen voor een overeenkomst moeten voldoen aan de eisen die de Wtza stelt" }

rule { "kwaliteitsstatuut_iii", section = "3.2", applies = institution,
  text = "Beschikt over een geldig en geregistreerd Kwaliteitsstatuut, sectie III",
  require = all { is_true "kwaliteitsstatuut", equals("kwaliteitsstatuut_section", "III") },
  quote = "Beschikt over een geldig en geregistreerd Kwaliteitsstatuut, sectie III" }

rule { "verwijsregels_instelling", section = "3.2", applies = institution,
  text = "Handelt conform de landelijke verwijsregels GGZ",
  require = is_true "follows_referral_rules",
  quote = "Handelt conform de landelijke verwijsregels GGZ" }

rule { "wachttijden_instelling", section = "3.2", applies = institution,
  text = "Levert wachttijdinformatie aan bij Vektis conform de NZa-transparantieregeling",
  require = is_true "waiting_times_reported",
  quote = "Levert wachttijdinformatie aan bij Vektis conform de NZa-transparantieregeling" }

rule { "nederland_instelling", section = "3.2", applies = institution,
  text = "Is gevestigd in Nederland",
  require = is_true "established_in_nl",
  quote = "Is gevestigd in Nederland" }

rule { "vecozo_instelling", section = "3.2", applies = institution,
  text = "Declareert elektronisch via VECOZO",
  require = is_true "declares_via_vecozo",
  quote = "Declareert elektronisch via VECOZO" }

rule { "mind_criteria", section = "3.2", applies = institution,
  text = "Geeft uitvoering aan de criteria van het MIND Landelijk Platform (2020)",
  require = is_true "mind_criteria",
  quote = "Geeft uitvoering aan de criteria vanuit verzekerde- en familieperspectief zoals opgesteld door het MIND "
       .. "Landelijk Platform voor het jaar 2020 bij de organisatie en levering van de zorg" }

not_encoded { section = "3.2",
  quote = "Deze criteria zijn te vinden op de website van het MIND Landelijk Platform",
  why = "vindplaats van de MIND-criteria, geen eigen eis (de eis zelf: beslisregel mind_criteria)" }

rule { "verzekerdenveiligheid", section = "3.2", applies = institution,
  text = "Stelt zich ten doel de verzekerdenveiligheid te vergroten (o.a. VIM)",
  require = is_true "patient_safety_program",
  quote = "Stelt zich ten doel om de verzekerdenveiligheid te vergroten, bijvoorbeeld via de Handreiking Veilig "
       .. "Incidenten Melden (VIM)" }

rule { "vms_of_hkz", section = "3.2", applies = institution,
  text = "Beschikt over een gecertificeerd VMS of is gecertificeerd op het HKZ-schema voor GGZ-instellingen",
  require = is_true "vms_or_hkz",
  quote = "Beschikt over een gecertificeerd VMS (veiligheidsmanagementsysteem) of is gecertificeerd op het HKZ" }

rule { "convenant_beveiligde_bedden", section = "3.2", applies = all { institution, is_true "secure_care" },
  text = "Bij beveiligde zorg handelt de instelling conform het convenant Capaciteit Beveiligde Bedden",
  require = is_true "secure_care_convenant",
  quote = "Indien sprake van beveiligde zorg handelt de instelling conform het convenant Capaciteit Beveiligde Bedden" }

-- 3.3 Aanvullende eisen bij contractering voor specifieke prestaties ------------------------------
-- Setting 8 only on the limitative list, for every provider that delivers it: the document sets the list
-- for "de afdeling(en) waar door de Zorgaanbieder zorg in setting 8 ... geleverd mag worden", not for
-- institutions alone.
rule { "hoog_specialistisch", section = "3.3", applies = is_true "offers_hoog_specialistisch",
  text = "Setting 8 hoog specialistisch alleen voor afdelingen op de limitatieve lijst hoog specialistische GGZ",
  exclude_unless = is_true "hoog_specialistisch_listed",
  quote = { "In 2024 zetten wij de selectieve inkoop van zorg die geleverd wordt in de setting hoog specialistisch voort",
    "In de basis gelden voor aanbieders die zorg leveren in de setting hoog specialistische GGZ, dezelfde minimale "
      .. "eisen die hierboven opgesomd staan",
    "De afdeling(en) waar door de Zorgaanbieder zorg in setting 8 hoog specialistische GGZ van het "
      .. "Zorgprestatiemodel geleverd mag worden staan vermeld op de limitatieve lijst hoog specialistische GGZ" } }

not_encoded { section = "3.3",
  quote = "Voor de definitie en afbakening van de hoog specialistische setting sluiten partijen aan bij de Handreiking",
  why = "begripsafbakening via een extern document, geen eigen eis: de regel toetst alleen of de afdeling op de "
     .. "limitatieve lijst staat" }

not_encoded { section = "3.3",
  quote = "verwijzen we naar hoofdstuk 11.4 Procedure beoordeling nieuwe aanbieders",
  why = "vastgelegd in beslisregel beoordeling_nieuwe_aanbieder (paragraaf 10.4); het document verwijst naar 11.4, "
     .. "bedoeld is 10.4" }

not_encoded { section = "3.3",
  quote = "Sinds 2023 hanteert Salland Zorgverzekeraar geen machtiging meer voor de setting hoog specialistische zorg",
  why = "procesafspraak zonder gevolg voor het besluit: geen machtiging bij declaratie" }

rule { "esketamine", section = "3.3", applies = all { institution, is_true "offers_esketamine" },
  text = "Esketamine neusspray alleen bij NVvP-criteria, ENC-NL-aanbevelingen en een regiofunctie",
  exclude_unless = is_true "esketamine_criteria",
  quote = { "kopen we dit middel landelijk in bij instellingen die de kwaliteit van deze behandeling kunnen borgen",
    "De minimale criteria om in aanmerking te komen voor een contract zijn de door de Nederlandse Vereniging voor "
      .. "Psychiatrie opgestelde criteria",
    "Ook voldoet de zorgaanbieder aan de gestelde aanbevelingen van het Esketamine Nasal-spray Consortium "
      .. "Netherlands (ENC-NL) voor behandeling met esketamine neusspray en levert de zorgaanbieder informatie aan "
      .. "bij het netwerk",
    "Tot slot heeft de zorgaanbieder een regiofunctie voor het aanbieden van esketamine neusspray" } }

-- "kopen we dit middel landelijk in bij instellingen": a practice's contract leaves esketamine out.
rule { "esketamine_niet_vrijgevestigd", section = "3.3", applies = all { practice, is_true "offers_esketamine" },
  text = "Esketamine neusspray kopen wij landelijk in bij instellingen, niet bij vrijgevestigde praktijken",
  exclude_if = always,
  quote = "kopen we dit middel landelijk in bij instellingen die de kwaliteit van deze behandeling kunnen borgen" }

rule { "esketamine_addendum", section = "3.3",
  applies = all { institution, is_true "offers_esketamine", is_true "esketamine_criteria" },
  text = "Esketamine neusspray wordt selectief ingekocht via een addendum op de overeenkomst",
  condition_if = always,
  quote = "In 2024 kopen we esketamine neusspray op basis van deze minimale criteria selectief in via een addendum op "
       .. "de overeenkomst" }

not_encoded { section = "3.3",
  quote = "Voor 2024 vervalt de toestemmingsvereiste voor esketamine neusspray",
  why = "procesafspraak zonder gevolg voor het besluit: geen toestemming vooraf bij declaratie" }

-- 4 Kwaliteit ------------------------------------------------------------------------------------
not_encoded { section = "4",
  quote = "Alleen behandelmethoden conform de stand van wetenschap en praktijk worden ingezet",
  why = "aanspraak van de verzekerde (Zvw, lijst toegestane behandelingen GGZ), getoetst per behandeling bij "
     .. "declaratie en controle, geen gegeven bij contractering" }

-- 4.1 Kwaliteitsstatuut
not_encoded { section = "4.1",
  quote = "U bent wettelijk verplicht om over een geldig en goedgekeurd Landelijk Kwaliteitsstatuut GGZ te beschikken "
       .. "om in aanmerking te komen voor vergoeding van behandelingen onder de Zvw. Dit door de aanbieder geschreven "
       .. "kwaliteitsstatuut geeft de kaders aan waarbinnen de zorg wordt verleend en dient ingeschreven te zijn in "
       .. "het Register Zorginstituut",
  why = "vastgelegd in beslisregel kwaliteitsstatuut_ii (paragraaf 3.1) en kwaliteitsstatuut_iii (paragraaf 3.2)" }

rule { "kwaliteitsstatuut_openbaar", section = "4.1", applies = ggz,
  text = "Het kwaliteitsstatuut is openbaar op de eigen website",
  require = is_true "kwaliteitsstatuut_published",
  quote = "Daarnaast dient u het kwaliteitsstatuut openbaar te maken, door deze aan te bieden op de eigen website" }

rule { "kwaliteitsstatuut_nageleefd", section = "4.1", applies = ggz,
  text = "U ziet erop toe dat het kwaliteitsstatuut binnen uw organisatie op gepaste wijze wordt nageleefd",
  require = is_true "kwaliteitsstatuut_observed",
  quote = "Het opstellen van een document alleen is hiervoor niet voldoende. U monitort dat het "
       .. "kwaliteitsstatuut op gepaste wijze binnen uw organisatie nageleefd wordt" }

-- 4.3 Professionele zorgverleners en de regiebehandelaar --------------------------------------------------
not_encoded { section = "4.3",
  quote = "kwaliteitseisen die door de eigen beroepsgroep zijn gesteld",
  why = "vastgelegd in beslisregel eisen_beroepsgroep (paragraaf 3): dezelfde vraag aan de zorgaanbieder, naar de "
     .. "minimale eisen en de kwaliteitseisen van de eigen beroepsgroep" }

rule { "mdo_criteria", section = "4.3", applies = ggz,
  text = "Een MDO voldoet aan de criteria: persoonlijke betrokkenheid, tijd voor overleg, duidelijke taakverdeling, "
      .. "periodieke evaluatie, een aanspreekpunt voor de patiënt en gelijkwaardig, gelijktijdig overleg (in persoon of per beeldbellen)",
  require = one_of("mdo", { "geen_mdo", "volgens_criteria" }),
  quote = "Ieder lid van het MDO is persoonlijk betrokken bij de behandeling; Er wordt voldoende tijd genomen "
       .. "voor overleg en voor het betrekken van verschillende disciplines; Er bestaat een duidelijke "
       .. "taakverdeling en verdeling van verantwoordelijkheden; Er wordt periodiek geëvalueerd of het MDO "
       .. "optimaal functioneert; De patiënt heeft een aanspreekpunt, een persoon die als coördinator fungeert "
       .. "en waarbij de patiënt snel terecht kan met vragen; Er is tussen de leden van het MDO sprake van "
       .. "onderlinge gelijkwaardigheid. Dit houdt in dat alle leden van een MDO tegelijkertijd beschikbaar "
       .. "zijn voor het overleg en dat het mogelijk moet zijn om middels hoor- en wederhoor in discussie te "
       .. "gaan over het behandelplan. Dit kan wat ons betreft alleen in face-to-face settings, waarbij "
       .. "tegenwoordig ook digitale mogelijkheden bestaan (onder andere beeldbellen)" }

rule { "mdo_psychiater_of_klinisch_psycholoog", section = "4.3", applies = institution,
  text = "Er is altijd een psychiater of klinisch psycholoog lid van een multidisciplinair team",
  require = is_true "mdt_psychiater_or_klinisch_psycholoog",
  quote = "Er is altijd een psychiater of klinisch psycholoog lid van een multidisciplinair team",
  interpretation = "De paragraaf noemt geen soort aanbieder; de regel geldt voor instellingen, waar behandeling in een "
     .. "multidisciplinair team de werkwijze is. Bij een vrijgevestigde praktijk toetst de regel het niet." }

-- 4.4 Kwaliteitskader voor verslavingszorg
not_encoded { section = "4.4",
  quote = "Zo wordt er aandacht besteed aan de vraag welke interventies voldoen aan de stand van de wetenschap en "
       .. "praktijk",
  why = "beschrijft de zorgverzekeraar zelf, geen eis: de inhoud van het kader verslavingszorg (bijlage, paragraaf 13)" }

-- 5 Passende zorg --------------------------------------------------------------------------------
not_encoded { section = "5",
  quote = "Passende zorg is zorg die samen met de patiënt tot stand komt",
  why = "visie en uitgangspunten, geen eis aan de zorgaanbieder" }

not_encoded { section = "5.1",
  quote = "Klinische zorg wordt alleen geleverd indien er sprake is van medisch noodzakelijk verblijf",
  why = "gepast gebruik per patiënt, getoetst bij declaratie en controle, geen gegeven bij contractering" }

not_encoded { section = "5.2",
  quote = "De zorg dient zodanig te worden ingericht dat deze aansluit bij de behoefte van de patiënt",
  why = "visie en uitgangspunten, geen eis aan de zorgaanbieder: patiëntgerichte zorg zonder toetsbaar criterium" }

not_encoded { section = "5.3",
  quote = "de inzet van ervaringsdeskundigheid binnen de curatieve GGZ altijd een onderdeel moet zijn van een "
       .. "multidisciplinaire behandeling",
  why = "voorwaarde voor de bekostiging van consulten door ervaringsdeskundigen, in overleg af te spreken; geen "
     .. "gegeven bij contractering" }

not_encoded { section = "5.3",
  quote = "Ten slotte zijn wij ervan overtuigd dat een bredere focus op herstel geborgd moet zijn in de visie en het "
       .. "beleid van zorgaanbieders",
  why = "visie en uitgangspunten, geen eis aan de zorgaanbieder" }

not_encoded { section = "5.4",
  quote = "behandeling van klachten met laagcomplexe problematiek en een laag tot matig risico niet onnodig in (dure) "
       .. "settingen plaatsvindt",
  why = "visie en uitgangspunten, geen eis aan de zorgaanbieder: gepast gebruik, geen toetsbaar criterium" }

not_encoded { section = "5.4",
  quote = "Ambitie 1: Om de zorg toegankelijk, kwalitatief en betaalbaar te houden is transformatie nodig naar "
       .. "hybride en duurzame zorg; Ambitie 2: Inwoners van Nederland hebben in 2025 digitaal toegang tot en "
       .. "de beschikking over hun eigen zorggegevens; Ambitie 3: Elektronische gegevensuitwisseling is de "
       .. "standaard in de zorg en draagt bij aan goede en veilige patiëntenzorg; Ambitie 4: Data wordt "
       .. "gebruikt voor diverse secundaire doelen die bijdragen aan betere zorg",
  why = "visie en uitgangspunten, geen eis aan de zorgaanbieder: landelijke ambities van zorgverzekeraars en "
     .. "zorgkantoren" }

not_encoded { section = "5.4",
  quote = "Ons uitgangspunt is digitaal waar het kan, fysiek waar het moet",
  why = "visie en uitgangspunten, geen eis aan de zorgaanbieder" }

not_encoded { section = "5.4",
  quote = "Voorwaarde hiervoor is dat in de realisatie inzichtelijk kan worden gemaakt welke zorg digitaal wordt "
       .. "geleverd",
  why = "geen gegeven van de zorgaanbieder: het offertetraject (voorwaarde voor maatwerkafspraken over digitalisering)" }

-- 6 Toegankelijkheid ------------------------------------------------------------------------------
rule { "toeslag_opleidingsplek", section = "6", applies = practice,
  text = "Vrijgevestigden met een erkende opleidingsplek komen in aanmerking voor een toeslag op het tarief",
  surcharge_if = is_true "training_place",
  quote = "komen vrijgevestigden met een erkende opleidingsplek in aanmerking voor een toeslag op het tarief" }

not_encoded { section = "6",
  quote = "De consultatiefunctie sociaal domein maakt het mogelijk voor zorgverleners uit het sociaal domein om te "
       .. "overleggen met een 2e lijns ggz- professional",
  why = "beschrijft de zorgverzekeraar zelf, geen eis: de consultatiefunctie wordt apart ingekocht bij enkele aanbieders" }

not_encoded { section = "6",
  quote = "Meer informatie over de bekostiging en inkoop van de consultatiefunctie volgt daarom uiterlijk 1 juli 2023",
  why = "procesafspraak zonder gevolg voor het besluit: aankondiging van aanvullend beleid" }

rule { "langdurig_verblijf", section = "6", applies = all { ggz, is_true "offers_long_stay" },
  text = "Bij langdurig medisch noodzakelijk verblijf: faciliteiten en programma's die de zelfredzaamheid bevorderen, "
      .. "en een duidelijk beleid voor de instroom en doorstroom van verzekerden",
  require = is_true "long_stay_policy",
  quote = "Wanneer u deze zorg levert, dient u aantoonbaar te beschikken over faciliteiten en programma’s die "
       .. "de zelfredzaamheid van de patiënten bevorderen, waardoor ambulantisering van de zorg mogelijk wordt "
       .. "en de patiënt kan terugkeren naar de thuissituatie of een beschermde woonvorm. Bij de inkoop van het "
       .. "langdurig medisch noodzakelijk verblijf is het een vereiste dat u als aanbieder een duidelijk beleid "
       .. "hanteert met betrekking tot de instroom en doorstroom van verzekerden" }

not_encoded { section = "6",
  quote = "Als deze financiering niet binnen de reguliere contractafspraken past spreken wij maatwerk-arrangementen af",
  why = "beschrijft de zorgverzekeraar zelf, geen eis: financiering van complexe casuïstiek per patiënt" }

not_encoded { section = "6",
  quote = "Deze groep zorgt niet noodzakelijkwijs, maar wel mogelijk, voor overschrijding van de gemaakte afspraken",
  why = "beschrijft de zorgverzekeraar zelf, geen eis: toelichting op de ketenveldnorm" }

not_encoded { section = "6",
  quote = "Voorwaarde hiervoor is dat in de productie inzichtelijk wordt gemaakt welke cliënten onder de "
       .. "ketenveldnorm vallen en ze te onderscheiden van de reguliere cliënten. Het gesprek kan worden "
       .. "aangegaan en dient daarbij onderbouwd te zijn met data",
  why = "geen gegeven van de zorgaanbieder: het offertetraject (voorwaarden voor aanvullende afspraken over de "
     .. "ketenveldnorm levensloopfunctie en beveiligde zorg)" }

not_encoded { section = "6",
  quote = "Voorwaarde hiervoor is dat in de productie inzichtelijk kan worden gemaakt welke cliënten onder de Wvggz "
       .. "vallen om ze te onderscheiden van de reguliere cliënten. Het gesprek kan worden aangegaan en dient daarbij "
       .. "onderbouwd te zijn met data",
  why = "geen gegeven van de zorgaanbieder: het offertetraject (voorwaarden voor nacalculatie van Wvggz-zorg met "
     .. "maatwerkaanbieders)" }

not_encoded { section = "6",
  quote = "Gezien het beperkte marktaandeel van Salland Zorgverzekeraar zien wij op dit moment geen aanleiding om hier "
       .. "specifieke inkoopafspraken over te maken",
  why = "beschrijft de zorgverzekeraar zelf, geen eis: geen aparte inkoop van transgenderzorg" }

not_encoded { section = "6",
  quote = "Door een gebrek aan personeel kunnen onder andere crisisdiensten met moeite hun taak vervullen",
  why = "beschrijft de zorgverzekeraar zelf, geen eis: de personeelskrapte als aanleiding voor mogelijke "
     .. "gelijkgerichte acties" }

-- 7 Vermindering administratieve lasten ------------------------------------------------------------
not_encoded { section = "7",
  quote = "Landelijke verwijsafspraken; Landelijke veldnormen voor gepast gebruik; Uniforme "
       .. "declaratieparagraaf; Algemene uniforme bepalingen in overeenkomsten; Uniforme productiemonitor; "
       .. "(lijst is niet uitputtend)",
  why = "beschrijft de zorgverzekeraar zelf, geen eis: de landelijke afspraken over administratieve lasten waarbij "
     .. "zij aansluit" }

-- 8 Innovatie ------------------------------------------------------------------------------------
not_encoded { section = "8",
  quote = "De beschikbaarheid van nieuwe mogelijkheden en technieken in de zorg gaat niet voorbij aan "
       .. "zorgvragers en logischerwijs ontstaat daardoor de vraag naar de toepassingen. Ook zijn wij ervan "
       .. "overtuigd dat innovatie een bijdrage levert aan onze strategische doelen. Met innovatie doelen wij "
       .. "niet alleen op technologische vernieuwingen",
  why = "visie en uitgangspunten, geen eis aan de zorgaanbieder" }

-- 9 Duurzaamheid ---------------------------------------------------------------------------------
not_encoded { section = "9",
  quote = "Met als selectie ten minste de 28 geïntegreerde instellingen",
  why = "voetnoot: zegt welke instellingen de landelijke afspraak betreft, geen eis aan de zorgaanbieder" }
rule { "green_deal", section = "9", applies = ggz,
  text = "Salland verwacht dat u zich committeert aan de doelen van de Green Deal Duurzame Zorg 3.0",
  review_if = is_false "green_deal_committed",
  quote = "zich committeert aan de doelen van de Green Deal Duurzame zorg 3.0",
  interpretation = "Het document verwacht dit ('We verwachten van u dat u') en noemt als gevolg alleen het gesprek "
     .. "dat de zorgverzekeraars in 2024 voeren; wij maken er een punt voor nadere beoordeling van, geen "
     .. "afwijzingsgrond." }

rule { "duurzaamheid_in_strategie", section = "9", applies = ggz,
  text = "Salland verwacht dat u duurzaamheid verankert in uw strategie",
  review_if = is_false "sustainability_in_strategy",
  quote = "duurzaamheid verankert in uw strategie",
  interpretation = "Het document verwacht dit ('We verwachten van u dat u') en noemt als gevolg alleen het gesprek "
     .. "dat de zorgverzekeraars in 2024 voeren; wij maken er een punt voor nadere beoordeling van, geen "
     .. "afwijzingsgrond." }

rule { "routekaart_evz", section = "9",
  applies = all { ggz, is_true "owns_property", above("fte_total", param "co2_routekaart_vanaf_fte") },
  text = "Salland verwacht van een zorgaanbieder met vastgoed en meer dan {co2_routekaart_vanaf_fte} fte een bestuurlijk "
      .. "vastgestelde CO2-routekaart met strategisch vastgoedbeheerplan, aangeleverd bij het EVZ",
  review_if = is_false "co2_roadmap_submitted",
  quote = "uiterlijk 1 januari 2024 een bestuurlijk vastgestelde CO2 routekaart inclusief strategisch "
       .. "vastgoedbeheerplan hebben aangeleverd",
  interpretation = "Het document verwacht dit ('We verwachten van u dat u') en noemt als gevolg alleen het gesprek "
     .. "dat de zorgverzekeraars in 2024 voeren; wij maken er een punt voor nadere beoordeling van, geen "
     .. "afwijzingsgrond." }

not_encoded { section = "9",
  quote = "(de Nederlandse ggz). Het gesprek heeft tot doel om de ambitie, verduurzamingsdoelstellingen en "
       .. "concrete acties van de zorgaanbieder te bespreken",
  why = "beschrijft de zorgverzekeraar zelf, geen eis: het duurzaamheidsgesprek met (grote) instellingen" }

-- 10 Procedure zorginkoop ------------------------------------------------------------------------
not_encoded { section = "10",
  quote = "dan is het niet nodig om hierover contact met ons op te nemen",
  why = "vastgelegd in beslisregel niet_aangemeld (paragraaf 10.4): alleen een nieuwe aanbieder moet zich aanmelden" }

-- 10.1 Inkoopprocedure -----------------------------------------------------------------------------
-- The document numbers its two routes "1." and "2." (digitale contractering, maatwerk): numbered items
-- of 10.1, not sections.
rule { "maatwerk", section = "10.1", applies = institution,
  text = "Maatwerkafspraken: persoonlijke inkoopgesprekken over zorg, omzetplafond of aanneemsom en tarieven",
  review_if = is_true "offertetraject",
  quote = { "Voor de contractering maakt Salland Zorgverzekeraar onderscheid tussen",
            "niet mogelijk om maatwerkafspraken met Salland Zorgverzekeraar overeen te komen" },
  interpretation = "Of een instelling in de maatwerkgroep valt (substantieel marktaandeel, binnen of buiten de regio), "
     .. "bepaalt Salland; de regel leest dat uit het gegeven offertetraject. Een vrijgevestigde valt altijd onder "
     .. "digitale contractering." }

-- 10.2 Tijdspad
not_encoded { section = "10.2",
  quote = "Wij streven naar een tijdige aanbieding van de overeenkomst",
  why = "procesafspraak zonder gevolg voor het besluit" }

rule { "tekentermijn", section = "10.2",
  text = "Na ontvangst van het aanbod maximaal 6 weken om te tekenen, uiterlijk 9 november 2023; daarna vervalt het aanbod",
  condition_if = always,
  quote = "Uiterlijke tekendatum. Zorgaanbieders hebben na ontvangst van het aanbod maximaal 6 weken de tijd de "
       .. "getekende overeenkomst te retourneren. Daarna vervalt het aanbod. 9 november 2023" }

-- 10.3 Toepassing beheerste afspraken
not_encoded { section = "10.3",
  quote = "Afhankelijk van de kostenontwikkeling kan het zijn dat bepaalde settingen beperkt worden ingekocht",
  why = "beschrijft de zorgverzekeraar zelf, geen eis: voorbehoud zonder genoemde settingen of voorwaarden" }

rule { "productiemonitor", section = "10.3", applies = all { institution, is_true "offertetraject" },
  text = "Salland vraagt de uniforme productiemonitor (UPM) uit bij instellingen met een beheerste afspraak",
  condition_if = always,
  quote = "Salland Zorgverzekeraar vraagt deze UPM uit bij de instellingen waarbij sprake is van een substantieel "
       .. "marktaandeel van Salland Zorgverzekeraar in combinatie met een prijsafspraak of een beheerste afspraak",
  interpretation = "Substantieel marktaandeel met een prijsafspraak of beheerste afspraak valt samen met het "
     .. "offertetraject (maatwerk, 10.1 en 10.3); de regel leest het uit dat gegeven." }

not_encoded { section = "10.3",
  quote = "Uiterlijk 1 oktober 2023 kunt u bij Salland Zorgverzekeraar, via de bekende relatiebeheerder of via "
       .. "ons contactformulier aangeven of u verwacht voor het lopende kalenderjaar de afspraak te "
       .. "overschrijden. Deze uiterste datum is gekozen omdat beide partijen dan redelijkerwijs nog "
       .. "mogelijkheden hebben beheersmaatregelen te treffen. Na deze datum worden geen verzoeken meer in "
       .. "behandeling genomen",
  why = "procesafspraak zonder gevolg voor het besluit: termijn voor een verzoek tot bijstelling van de lopende "
     .. "afspraak 2023" }

not_encoded { section = "10.3",
  quote = "Voor een eventuele herziening dient minimaal sprake te zijn van een aantoonbare groei van "
       .. "verzekerden en/of verandering van omstandigheden die niet bekend waren bij het sluiten van de "
       .. "overeenkomst. Bij de beoordeling hanteren wij onder andere de volgende aanvullende criteria: Moment "
       .. "van melden overproductie in het productiejaar; Productie en prognoses eerdere jaren; "
       .. "Verzekerdenmutatie in relatie tot collectiviteiten; Wachttijdaanpak; Productmix verzwaring; "
       .. "Consequenties voor de zorgverlening aan onze verzekerden",
  why = "procesafspraak zonder gevolg voor het besluit: criteria voor herziening van een lopende afspraak "
     .. "tijdens het jaar, niet voor het aangaan van de overeenkomst" }

not_encoded { section = "10.3",
  quote = "Als de aanvraag volledig is en voldoet aan bovenstaande criteria streven wij ernaar om aan de "
       .. "aanvraag binnen vier weken af te handelen",
  why = "procesafspraak zonder gevolg voor het besluit: afhandeltermijn van een verzoek tot bijstelling" }

not_encoded { section = "10.3",
  quote = "Het is de gezamenlijke ambitie van verzekeraars om het uniforme verzekerdenmutatiemodel een-op-een "
       .. "toe te passen in de zorginkoop, maar dit is op dit moment (nog) niet haalbaar. De belangrijkste "
       .. "reden waarom dit nog niet voor alle verzekeraars haalbaar is, is de beperkte voorspelkracht van het "
       .. "model, bij met name de kleinere zorgverzekeraars, zoals Salland Zorgverzekeraar. Salland "
       .. "Zorgverzekeraar heeft zich landelijk gecommitteerd aan het uniforme verzekerdenmutatiemodel. We "
       .. "kiezen er binnen de inkoopafspraken voor om het model, alleen voor de aanbieders waarmee wij een "
       .. "omzetplafond of een andere vorm van een beheerste afspraak mee hebben, toe te passen als startpunt "
       .. "van het gesprek",
  why = "geen gegeven van de zorgaanbieder: het offertetraject (verzekerdenmutatiemodel als startpunt van het gesprek "
     .. "over een beheerste afspraak)" }

-- 10.4 Procedure beoordeling nieuwe aanbieders --------------------------------------------------------
rule { "niet_aangemeld", section = "10.4", applies = new_provider,
  text = "Nieuwe aanbieders hebben tot uiterlijk {aanmeld_deadline} de tijd zich te melden voor een overeenkomst 2024",
  refuse_if = absent "application_date",
  quote = { "Onder nieuwe aanbieders verstaan wij zorgaanbieders die in 2023 nog geen overeenkomst met Salland "
      .. "Zorgverzekeraar hebben",
    "U heeft als nieuwe aanbieder tot uiterlijk 1 juni 2023 de tijd om in aanmerking te komen voor een overeenkomst "
      .. "2024" },
  interpretation = "Een nieuwe aanbieder zonder aanmelddatum heeft zich niet gemeld en komt niet in aanmerking." }

rule { "vrijgevestigde_nog_actief", section = "10.4",
  applies = all { institution, is_true "former_vrijgevestigde" },
  text = "Een vrijgevestigde die overstapt naar een GGZ-instelling kan niet langer actief zijn als praktijk",
  refuse_if = is_true "previous_practice_active",
  quote = "Voor vrijgevestigde praktijken die de overstap maken naar een GGZ- instelling geldt dat de vrijgevestigde "
       .. "praktijk niet langer actief kan zijn" }

rule { "beoordeling_nieuwe_aanbieder", section = "10.4", applies = new_provider,
  text = "Beoordeling nieuwe aanbieder: innovatief of digitaal product, tekort in het zorgaanbod, al ingekocht volume",
  review_if = always,
  quote = { "Bij de beoordeling van nieuwe aanbieders kijken wij in hoeverre u een innovatief en/of digitaal product "
      .. "heeft",
    "Het al ingekochte zorgvolume bij bestaande relaties kan bepalend zijn of al dan niet een zorgovereenkomst wordt "
      .. "aangegaan" },
  interpretation = "De criteria zijn een afweging van Salland zonder drempel; de regel maakt er bij elke nieuwe "
     .. "aanbieder een beoordelingspunt van." }

rule { "zorgplicht_ingevuld", section = "10.4", applies = new_provider,
  text = "Salland heeft voldoende zorgaanbieders gecontracteerd om aan de zorgplicht te voldoen",
  refuse_if = param "zorgplicht_sufficient",
  review_instead_if = discretion,
  quote = { "Salland Zorgverzekeraar behoudt zich het recht voor om u een overeenkomst te weigeren",
    "Salland Zorgverzekeraar heeft voldoende zorgaanbieders gecontracteerd om invulling te geven aan onze zorgplicht" } }

rule { "alleen_diagnostiek", section = "10.4", applies = integrity_applies,
  text = "U levert alleen diagnostiek",
  refuse_if = is_true "diagnostics_only",
  review_instead_if = discretion,
  quote = "U levert alleen diagnostiek" }

rule { "zorg_in_buitenland", section = "10.4", applies = integrity_applies,
  text = "U biedt (ook) zorg aan in het buitenland",
  refuse_if = is_true "delivers_abroad",
  review_instead_if = discretion,
  quote = "U biedt (ook) zorg aan in het buitenland" }

rule { "ondoelmatige_zorg_controles", section = "10.4", applies = integrity_applies,
  text = "Uit eerdere machtigingsaanvragen en/of controles is gebleken dat geen doelmatige en/of rechtmatige zorg is verleend",
  refuse_if = is_true "failed_controls",
  review_instead_if = discretion,
  quote = "Uit eerdere machtigingsaanvragen en/of controles is gebleken dat er geen doelmatige en/of rechtmatige zorg "
       .. "is verleend" }

rule { "fraudeonderzoek", section = "10.4", applies = integrity_applies,
  text = "Er loopt een fraudeonderzoek bij Salland Zorgverzekeraar",
  refuse_if = is_true "fraud_investigation",
  review_instead_if = discretion,
  quote = "Er loopt een fraudeonderzoek bij Salland Zorgverzekeraar" }

rule { "negatieve_uitlatingen", section = "10.4", applies = integrity_applies,
  text = "U laat zich aantoonbaar negatief uit over Salland Zorgverzekeraar",
  refuse_if = is_true "negative_statements",
  review_instead_if = discretion,
  quote = "U laat zich aantoonbaar negatief uit over Salland Zorgverzekeraar" }

rule { "extern_onderzoek", section = "10.4", applies = integrity_applies,
  text = "Uit onderzoek door een externe instantie (IGJ, NZa) is gebleken dat geen doelmatige of rechtmatige zorg is verleend",
  refuse_if = is_true "external_findings",
  review_instead_if = discretion,
  quote = "Uit onderzoek door een externe instantie (IGJ, NZa) is gebleken dat geen doelmatige of rechtmatige zorg is "
       .. "verleend" }

rule { "te_laat_aangemeld", section = "10.4", applies = new_provider,
  text = "U meldt zich na {aanmeld_deadline} bij ons",
  refuse_if = after("application_date", param "aanmeld_deadline"),
  review_instead_if = discretion,
  quote = "U meldt zich na 1 juni 2023 bij ons" }

-- 10.5 Proces transformatieplannen en gelijkgerichtheid ----------------------------------------------
not_encoded { section = "10.5",
  quote = "Transformatieplannen die voldoen aan het landelijk beoordelingskader impactvolle transformaties "
       .. "kunnen hiervoor in aanmerking komen. Salland Zorgverzekeraar is coördinerend zorgverzekeraar voor "
       .. "transformatieplannen in de zorgkantoorregio Midden-IJssel. Salland Zorgverzekeraar ondersteund en "
       .. "faciliteert partijen in de regio voor de uitwerking van goede plannen. Meer informatie over het "
       .. "indienen van een transformatieplan Landelijke voorwaarden en formulieren",
  why = "procesafspraak zonder gevolg voor het besluit: transformatiemiddelen zijn een apart traject naast de "
     .. "overeenkomst" }

-- 11 Praktische zaken ----------------------------------------------------------------------------
not_encoded { section = "11",
  quote = "Heeft u als zorgaanbieder een vraag over vergoedingen of over de inhoudelijke voorwaarden",
  why = "contactinformatie, geen eis aan de zorgaanbieder" }

-- 12 Niet-gecontracteerde aanbieders ------------------------------------------------------------------
not_encoded { section = "12",
  quote = "Voor gecontracteerde aanbieders hebben we in onze overeenkomst afgesproken onder welke voorwaarden en in "
       .. "welke vorm zorg geleverd kan worden",
  why = "beschrijft de zorgverzekeraar zelf, geen eis: de voorwaarden staan in de overeenkomst" }

rule { "niet_gecontracteerd_declareren", section = "12",
  text = "Zonder contract geen rechtstreeks declareren: declaraties alleen via de verzekerde, met cessieverbod",
  if_refused = always,
  quote = { "Als uzelf of Salland Zorgverzekeraar besluit geen overeenkomst met de andere partij aan te gaan geldt ons "
      .. "beleid ten aanzien van niet-gecontracteerde aanbieders",
    "Alleen GGZ-aanbieders die een contract afsluiten kunnen profiteren van rechtstreeks (elektronisch) declareren",
    "Declaraties van niet-gecontracteerde aanbieders kunnen alleen via de verzekerde bij ons worden ingediend",
    "Salland Zorgverzekeraar hanteert in haar polisvoorwaarden een cessieverbod. Een cessieverbod is een verbod voor "
      .. "onze verzekerden om een vordering van Salland Zorgverzekeraar over te dragen aan een zorgaanbieder" } }

rule { "niet_gecontracteerd_controle", section = "12",
  text = "Salland controleert voorafgaand aan uitbetaling op rechtmatigheid en kan een toestemmingsvereiste opnemen",
  if_refused = always,
  quote = { "Salland Zorgverzekeraar controleert voorafgaand aan uitbetaling op rechtmatigheid bij het indienen van de "
      .. "nota. Het kan zijn dat wij hiervoor nadere informatie opvragen, zoals de verwijzing",
    "In onze polisvoorwaarden kunnen wij voor vormen van niet-gecontracteerde een toestemmingsvereiste opnemen" } }

not_encoded { section = "12",
  quote = "Signalen van ondoelmatigheid melden wij bij onze afdeling Zorgcontrol",
  why = "procesafspraak zonder gevolg voor het besluit: interne werkwijze van de zorgverzekeraar" }

-- 13 Overzicht wijzigingen ten opzichte van 2023, en de bijlage verslavingszorg ------------------------
not_encoded { section = "13",
  quote = "Bij de selectieve inkoop van esketamine neusspray hanteren we in tegenstelling tot 2023 geen "
       .. "machtigingsbeleid meer",
  why = "procesafspraak zonder gevolg voor het besluit: overzicht van wijzigingen, de inkoop zelf staat in 3.3 "
     .. "(beslisregels esketamine en esketamine_addendum)" }

not_encoded { section = "13",
  quote = "Er dient dan wel sprake te zijn van geïntegreerde behandeling van beide stoornissen",
  why = "zorginhoudelijke voorwaarde per behandeling (kader verslavingszorg, onderdeel van de overeenkomst), getoetst "
     .. "bij declaratie en controle, geen gegeven bij contractering" }

not_encoded { section = "13",
  quote = "Maar als de verslaving waarvoor behandeling in de GGZ gestart was, voldoende is behandeld voor "
       .. "overdracht naar de eerste lijn, dan is de aanwezigheid van een nicotineverslaving geen grond meer",
  why = "zorginhoudelijke voorwaarde per behandeling (kader verslavingszorg): einde van de GGZ-behandeling, getoetst "
     .. "bij declaratie en controle, geen gegeven bij contractering" }

not_encoded { section = "13",
  quote = "Bij dagbehandeling dient, conform de geldende richtlijn, de interactie met de sociale omgeving van "
       .. "de verzekerde gegarandeerd te zijn. Dagbehandelingen waarbij de interactie met de sociale omgeving "
       .. "van de verzekerde niet geëffectueerd kan worden",
  why = "zorginhoudelijke voorwaarde per behandeling (kader verslavingszorg): dagbehandeling, getoetst bij "
     .. "declaratie en controle, geen gegeven bij contractering" }

not_encoded { section = "13",
  quote = "Alleen patiënten met ernstige medisch/psychische comorbiditeit, sociale desintegratie en/of een "
       .. "ernstige vorm van afhankelijkheid kunnen aangewezen zijn op klinische behandeling. Alleen in die "
       .. "gevallen is het verblijf noodzakelijk in verband met geneeskundige zorg",
  why = "zorginhoudelijke voorwaarde per behandeling (kader verslavingszorg): indicatie voor klinische opname, "
     .. "getoetst bij declaratie en controle, geen gegeven bij contractering" }

rule { "opname_via_mdo_en_triage", section = "13", applies = all { ggz, equals("addiction_care", "klinisch") },
  text = "Elke indicatie voor klinische opname in de verslavingszorg wordt besproken in een MDO en gesteld met een "
      .. "triage-instrument (MATE of EuropASI)",
  require = is_true "admission_by_mdo_triage",
  quote = "Alle opname-indicaties worden besproken in een MDO. Als een patiënt niet aantoonbaar aan deze "
       .. "indicatiecriteria voldoet, is hij niet redelijkerwijs aangewezen op verblijf (Zorginstituut Nederland, "
       .. "2014). De indicatie voor opname wordt op een gestructureerde manier gesteld met een triage-instrument "
       .. "(de Mate of EuropASI). De wens van de patiënt om opgenomen te worden is daarbij niet leidend",
  interpretation = "Het document beschrijft hoe een opname-indicatie wordt gesteld; wij vragen de zorgaanbieder of "
     .. "het zo werkt (MDO en triage-instrument). Of een patiënt aan de indicatiecriteria voldoet, blijft een "
     .. "toets per behandeling." }

rule { "klinische_detox_zelf_of_samen", section = "13", applies = all { ggz, one_of("detox", { "klinisch", "beide" }) },
  text = "Klinische detoxificatie voert de instelling zelf uit, of een andere instelling onder een "
      .. "samenwerkingsovereenkomst die onder andere de dossieroverdracht vastlegt",
  require = is_true "clinical_detox_arranged",
  quote = "Klinische detoxificatie moet door de instelling zelf worden uitgevoerd. Als de klinische detox wordt "
       .. "uitgevoerd door een andere instelling, dan dient er een samenwerkingsovereenkomst aanwezig te zijn "
       .. "waarin onder andere de dossieroverdracht is vastgelegd" }

rule { "verslavingsarts_bij_detox", section = "13", applies = all { ggz, one_of("detox", { "ambulant", "klinisch", "beide" }) },
  text = "Bij klinische detoxificatie is altijd een verslavingsarts of psychiater aanwezig, bij ambulante "
      .. "detoxificatie 24 uur per dag beschikbaar",
  require = is_true "addiction_physician_available",
  quote = "Bij klinische detoxificatie dient altijd een verslavingsarts en/of psychiater aanwezig te zijn. Bij "
       .. "ambulante detoxificatie is 24-uurs beschikbaarheid van een verslavingsarts en/of psychiater vereist" }

not_encoded { section = "13",
  quote = "Altijd in het kader is van de (psychiatrische) behandeling; Terug te vinden is in het behandelplan "
       .. "van de verzekerde, dat is opgesteld door de behandelaar. Dagbesteding is dus niet: Een reguliere "
       .. "dagstructuur die in een 24-uurs verblijfssituatie wordt geboden; Een welzijnsactiviteit zoals zang, "
       .. "bingo, uitstapje en dergelijke. Dagbesteding kan alleen gedeclareerd worden in combinatie met "
       .. "verblijf",
  why = "declaratievoorwaarde per behandeling (kader verslavingszorg), getoetst bij declaratie en controle, geen "
     .. "gegeven bij contractering; de overeenkomst van een aanbieder van verslavingszorg vermeldt haar "
     .. "(beslisregel dagbesteding_met_verblijf)" }

rule { "dagbesteding_met_verblijf", section = "13", applies = all { ggz, one_of("addiction_care", { "ambulant", "klinisch" }) },
  text = "Dagbesteding in de verslavingszorg kan alleen gedeclareerd worden in combinatie met verblijf",
  condition_if = always,
  quote = "Dagbesteding kan alleen gedeclareerd worden in combinatie met verblijf" }

not_encoded { section = "13",
  quote = "Dit therapeutisch proefverlof dient uiteraard in de eigen (woon)omgeving plaats te vinden, om de "
       .. "situatie na het klinisch verblijf zo goed mogelijk na te bootsen. Dit is niet mogelijk bij opname in "
       .. "het buitenland. Daarom beschouwen wij klinische behandeling in het buitenland als niet conform de "
       .. "stand van de wetenschap en praktijk",
  why = "vastgelegd in beslisregel zorg_buitenland (paragraaf 2.1) en zorg_in_buitenland (paragraaf 10.4): zorg in "
     .. "het buitenland wordt niet ingekocht; hier de zorginhoudelijke onderbouwing voor verslavingszorg" }

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

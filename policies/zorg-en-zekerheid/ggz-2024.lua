-- Zorg en Zekerheid — Zorginkoopbeleid Geestelijke gezondheidszorg 2024
-- Source: sources/ggz-2024.txt (in this insurer's folder). Rules in the document's order, each citing
-- its section. Chapters 1–3, 4.2 and 7 are changes, vision and contact details; 4.1 is mostly
-- vision except the purchasing exclusions encoded below.
--
-- Every normative sentence of the document is accounted for (`inkoop source zorg-en-zekerheid/ggz-2024`):
-- a rule, parameter or scope quotes the words it encodes (`quote`, or `encodes` for what base.lua
-- declares), and `not_encoded` gives the reason for the others, section by section.

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
  doc = "5.1: minimaal 80% van de behandeltijd (direct en indirect) wordt geleverd door de regiebehandelaar zelf",
  quote = "minimaal 80% van de behandeltijd (direct en indirect) van de patiënt laten leveren door de regiebehandelaar zelf" }
param { "max_fte_vrijgevestigde", type = "number", default = 10, unit = "fte", section = "5.1",
  doc = "5.1: omvang van de praktijk maximaal tien fte regiebehandelaren",
  quote = "voldoen aan de voorwaarden voor de omvang van de praktijk (maximaal tien fte regiebehandelaren" }
param { "max_locaties", type = "int", default = 3, unit = "behandellocaties", section = "5.1",
  doc = "5.1: omvang van de praktijk niet meer dan drie behandellocaties",
  quote = "niet meer dan drie behandellocaties" }

local practice    = kind_is "vrijgevestigde"
local institution = kind_in { "ggz_instelling", "paaz", "puk" }
local ggz = any { practice, institution }  -- every kind in scope: the kind is asked first
local offertetraject = all { institution, is_true "offertetraject" }

-- 5.1 names its requirements for new providers; 5.3 and 5.4 ask them of every provider.
local eisen_voor_allen = "5.1 noemt 'nieuwe' zorgaanbieders, maar 5.3 biedt gecontracteerde zorgaanbieders alleen een "
  .. "overeenkomst aan als zij voldoen aan de minimumeisen en kwaliteitscriteria van 5.1, en 5.4 vraagt hetzelfde van "
  .. "niet-gecontracteerde: de eis geldt daarom voor elke zorgaanbieder van deze soort"

-- 1 Wat zijn de wijzigingen per 2024? ------------------------------------------------------------
not_encoded { section = "1",
  quote = "Bij tegenstrijdigheden prevaleert dit zorginkoopbeleid boven het Algemeen zorginkoopbeleid (hoofdstuk 2.1)",
  why = "verwijst naar het algemeen zorginkoopbeleid, dat niet bij de bronnen hoort" }
not_encoded { section = "1",
  quote = "De strategie ‘Juiste zorg op de juiste plek’ is gewijzigd naar ‘passende zorg’ (hoofdstuk 3.3). "
    .. "Er is invulling gegeven aan digitale zorg als onderdeel van passende zorg (hoofdstuk 3.3). "
    .. "Er is invulling aan de nieuwe strategie ‘duurzaamheid’ gegeven. "
    .. "Zorg en Zekerheid volgt de Green Deal 3.0 en stimuleert lokale initiatieven (hoofdstuk 3.5). "
    .. "Innovatief zorgaanbod is gewijzigd naar impactvolle transformaties (hoofdstuk 4.2).",
  why = "overzicht van de wijzigingen ten opzichte van 2023 in de visie (3.3, 3.5, 4.2): visie en uitgangspunten, geen eis aan de zorgaanbieder" }
not_encoded { section = "1",
  quote = "Bij informatie voor gecontracteerde zorgaanbieders (hoofdstuk 5.2) en niet-gecontracteerde zorgaanbieders (hoofdstuk 5.3) "
    .. "is toegevoegd dat Zorg en Zekerheid in alle gevallen het recht behoudt om voor haar moverende redenen geen zorgovereenkomst "
    .. "af te sluiten met zorgaanbieders. Naast informatie over het aanvragen van een zorgovereenkomst voor 1 september 2023 is "
    .. "informatie toegevoegd over het tussentijds aanvragen van een zorgovereenkomst. Zorg en Zekerheid is terughoudend in het "
    .. "contracteren van niet-gecontracteerde zorgaanbieders gedurende het lopende contractjaar (hoofdstuk 5.3).",
  why = "overzicht van de wijzigingen ten opzichte van 2023: de inhoud staat in 5.3 en 5.4 (die dit overzicht 5.2 en 5.3 noemt) "
    .. "en is daar vastgelegd (moverende_redenen, aanvraag_deadline, tussentijdse_aanvraag) of met reden niet vastgelegd" }
not_encoded { section = "1",
  quote = "Paragraaf 3.6 toegevoegd over het belang van werk. Betaald werk draagt namelijk bij aan mentaal welbevinden en aan "
    .. "maatschappelijk functioneren. Paragraaf 3.7 toegevoegd over cruciale zorg. De cruciale zorg en acute zorg staan onder "
    .. "druk door gebrek aan personeel. Zorgverzekeraars komen mogelijk met gezamenlijk beleid in 2024.",
  why = "overzicht van de wijzigingen ten opzichte van 2023: de nieuwe paragrafen 3.6 en 3.7 zijn visie en uitgangspunten, geen eis aan de zorgaanbieder" }

-- 2.1 Inleiding -----------------------------------------------------------------------------------
scope { section = "2.1", kinds = { "vrijgevestigde", "ggz_instelling", "paaz", "puk" },
  text = "Dit zorginkoopbeleid beschrijft hoe Zorg en Zekerheid GGZ inkoopt bij vrijgevestigden en GGZ-instellingen",
  quote = "In dit document leest u op welke manier, met welke criteria en volgens welke planning Zorg en Zekerheid "
    .. "Geestelijke gezondheidszorg voor 2024 inkoopt" }

-- 3 Wat is de visie van Zorg en Zekerheid? --------------------------------------------------------
not_encoded { section = "3.1",
  quote = "In het geval van IHT vindt de crisisbehandeling thuis plaats in de eigen omgeving van de patiënt en niet langer in de kliniek",
  why = "visie en uitgangspunten (ambulantisering), geen eis aan de zorgaanbieder" }
not_encoded { section = "3.2",
  quote = "Zorgvraag en zorgaanbod moeten goed op elkaar aansluiten, los van het domein dat de zorg financiert",
  why = "visie en uitgangspunten (regionale samenwerking), geen eis aan de zorgaanbieder" }
not_encoded { section = "3.3",
  quote = "Voor een optimale geestelijke gezondheid is het niet alleen van belang medisch te herstellen in termen van een stoornis "
    .. "of beperking. Ook is het belangrijk de eigen veerkracht en regie te benutten om uiteindelijk maatschappelijk volwaardig "
    .. "te kunnen participeren. Dit sluit aan bij het denken in termen van positieve gezondheid, waarbij niet de ziekte maar een "
    .. "betekenisvol leven centraal staat.",
  why = "visie en uitgangspunten (positieve gezondheid), geen eis aan de zorgaanbieder" }
not_encoded { section = "3.4",
  quote = "Zorgverzekeraars, en ten minste de marktleider-zorgverzekeraar, gaan met GGZ-zorgaanbieders in gesprek aan de hand "
    .. "van de verduurzamingsinitiatieven met de meeste impact",
  why = "beschrijft de zorgverzekeraar zelf (het duurzaamheidsgesprek in 2024), geen eis" }
not_encoded { section = "3.6",
  quote = "Met werk wordt nadrukkelijk geen dagbesteding bedoeld",
  why = "visie en uitgangspunten (Hoofdzaak Werk: wat met werk bedoeld is), geen eis aan de zorgaanbieder" }
not_encoded { section = "3.7",
  quote = "Door een gebrek aan personeel kunnen onder andere crisisdiensten met moeite hun taak vervullen",
  why = "visie en uitgangspunten (de druk op de cruciale zorg, personeel niet in loondienst), geen eis aan de zorgaanbieder" }

-- 4.1 Speerpunten GGZ: Wachtlijstreductie, Administratieve lastenverlichting ----------------------
not_encoded { section = "4.1",
  quote = "Zorg en Zekerheid verwacht dat de verzekerden tijdig, en ten minste binnen de Treeknormen, optimale zorg ontvangen",
  why = "verwachting voor de uitvoering van de overeenkomst: bij overschrijding van de Treeknormen volgen doorverwijzing en "
    .. "afspraken over verkorting van de wachttijden (4.1), geen gevolg voor het besluit over de overeenkomst" }
not_encoded { section = "4.1",
  quote = "verplicht GGZ-instellingen op hun website in principe per locatie de actuele wachttijden weer te geven en bij te "
    .. "houden en deze wachttijden maandelijks aan te leveren bij het Zorgbeeldportaal van de NZa",
  why = "wettelijke plicht uit de Transparantieregeling van de NZa, die het beleid beschrijft zonder er een gevolg voor de "
    .. "overeenkomst aan te verbinden (het schema kent waiting_times_reported; dit beleid stelt het niet als eis)" }
not_encoded { section = "4.1",
  quote = "Ook zetten wij ons in om met zorginstellingen te komen tot horizontaal toezicht",
  why = "beschrijft de zorgverzekeraar zelf (horizontaal toezicht), geen eis" }

-- 4.1 Speerpunten GGZ: Kwaliteit van zorg --------------------------------------------------------
outside_scope { section = "4.1", kinds = { "verpleeghuis", "vg_instelling" },
  text = "GGZ-zorg wordt niet ingekocht bij verpleeg- of verzorgingshuizen of instellingen voor verstandelijk gehandicapten die vanuit de Wlz gefinancierd worden",
  quote = "GGZ-zorg wordt niet ingekocht bij verpleeg- of verzorgingshuizen of instellingen voor verstandelijk gehandicapten "
    .. "die vanuit de Wlz gefinancierd worden" }

rule { "zorg_buitenland", section = "4.1",
  text = "Wij kopen geen zorg in die in het buitenland geleverd wordt",
  exclude_if = is_true "delivers_abroad",
  quote = "Tevens kopen wij geen zorg in die in het buitenland geleverd wordt, omdat dit in de regel geen therapeutische meerwaarde heeft",
  interpretation = "'wij kopen geen zorg in die in het buitenland geleverd wordt' gaat over de zorg, niet over de zorgaanbieder: "
    .. "de zorg in het buitenland valt buiten de overeenkomst, de zorgaanbieder wordt er niet om geweigerd" }

not_encoded { section = "4.1",
  quote = "De GGZ-zorg moet worden geleverd volgens artikel 2.4 lid 1 van het Besluit zorgverzekering",
  why = "wettelijke norm voor de inhoud van verzekerde zorg (artikel 2.4 lid 1 Besluit zorgverzekering), getoetst aan de "
    .. "geleverde zorg, geen gegeven bij de contractering" }
not_encoded { section = "4.1",
  quote = "Het Landelijk Kwaliteitsstatuut dat elke GGZ-zorgaanbieder heeft ingeschreven in het Register Zorginstituut",
  why = "al vastgelegd als eis in 5.1 (kwaliteitsstatuut_vrijgevestigde, kwaliteitsstatuut_instelling); deze zin beschrijft de borging" }
rule { "kwaliteitsstatuut_nageleefd", section = "4.1", applies = ggz,
  text = "De zorgaanbieder ziet erop toe dat het Landelijk Kwaliteitsstatuut binnen de organisatie op gepaste wijze wordt nageleefd",
  require = is_true "kwaliteitsstatuut_observed",
  quote = "Een document alleen is volgens Zorg en Zekerheid niet voldoende. De zorgaanbieder ziet er ook op toe dat het "
    .. "Landelijk Kwaliteitsstatuut op gepaste wijze binnen de organisatie wordt nageleefd." }
not_encoded { section = "4.1",
  quote = "Een juiste rol van de regiebehandelaar die de verantwoordelijkheid draagt voor de integraliteit van het behandelproces "
    .. "en als centraal aanspreekpunt fungeert voor alle betrokkenen, inclusief patiënt en diens naasten. Zorg en Zekerheid toetst "
    .. "de juiste rol van de regiebehandelaar waarbij we uitgaan van een directe betrokkenheid en een voldoende mate van tijdsbesteding.",
  why = "oordeel van Zorg en Zekerheid zonder maat ('directe betrokkenheid', 'voldoende mate van tijdsbesteding'); de maat voor "
    .. "vrijgevestigden staat in 5.1 en is daar vastgelegd (regiebehandelaar_eigen_behandeltijd)" }
rule { "mdo_volgens_doel", section = "4.1", applies = ggz,
  text = "Een multidisciplinair overleg (MDO) wordt ingevuld op een manier die aansluit bij het doel, zoals het Nivel en het "
    .. "Landelijk Kwaliteitsstatuut dat omschrijven",
  require = one_of("mdo", { "geen_mdo", "volgens_criteria" }),
  quote = "Wanneer sprake is van een MDO-constructie, verwacht Zorg en Zekerheid dat het multidisciplinair overleg wordt ingevuld "
    .. "op een manier die aansluit bij het doel",
  interpretation = "Het doel van het MDO omschrijven het Nivel en het Landelijk Kwaliteitsstatuut, niet dit document; wij "
    .. "vragen naar dezelfde criteria als Salland (4.3: betrokkenheid, tijd, taakverdeling, evaluatie, aanspreekpunt, "
    .. "gelijkwaardig en gelijktijdig overleg)." }
rule { "bewezen_effectieve_behandelmethoden", section = "4.1", applies = ggz,
  text = "Alleen behandelmethoden die de beroepsgroep pleegt te bieden en die bewezen effectief zijn (leidraad: ZN-circulaire "
    .. "Therapieën GGZ)",
  require = is_true "proven_methods_only",
  quote = "Alleen behandelmethoden zoals de beroepsgroep die pleegt te bieden en die bewezen effectief zijn conform de stand van "
    .. "wetenschap en praktijk worden ingezet. Leidraad hierbij is de ‘ZN circulaire Therapieën GGZ’." }
not_encoded { section = "4.1",
  quote = "Bij het inzetten van evidence-based therapieën is het van belang dat de regiebehandelaar monitort of deze therapieën "
    .. "op de juiste wijze worden ingezet",
  why = "norm voor de behandeling per patiënt, getoetst aan de geleverde zorg, geen gegeven bij de contractering" }
not_encoded { section = "4.1",
  quote = "Doelmatige zorg door te sturen op en controleren van doelmatigheid en gepast gebruik. Hiertoe richt Zorg en Zekerheid "
    .. "zich onder andere op de volgende items: ‘Gepast gebruik van zorg’ waarbij het zorgaanbod aansluit bij de zorgvraag van "
    .. "de verzekerde en tevens aangeboden wordt op de juiste plek.",
  why = "beschrijft de zorgverzekeraar zelf (sturing op en controle van doelmatigheid en gepast gebruik), geen eis" }
not_encoded { section = "4.1",
  quote = "Klinische zorg wordt alleen geleverd indien er sprake is van medisch noodzakelijk verblijf",
  why = "norm voor de behandeling per patiënt (medisch noodzakelijk verblijf), getoetst aan de geleverde zorg, geen gegeven bij de contractering" }
rule { "in_en_uitstroomcriteria", section = "4.1", applies = ggz,
  text = "De zorgaanbieder hanteert duidelijke in- en uitstroomcriteria, die op verzoek overhandigd kunnen worden",
  require = is_true "intake_exit_criteria",
  quote = "Zorgaanbieders hanteren duidelijke in- en uitstroomcriteria die op verzoek overhandigd kunnen worden" }
not_encoded { section = "4.1",
  quote = "Wij stimuleren de inzet van e-health binnen de behandeling",
  why = "beschrijft de zorgverzekeraar zelf (stimuleren van e-health), geen eis" }
not_encoded { section = "4.1",
  quote = "Patiëntgerichte zorg die aansluit bij de behoefte van de patiënt. Behandeldoelen worden altijd samen met de patiënt, "
    .. "en waar mogelijk diens naasten, vastgesteld. Het uitgangspunt is een behandeling die gericht is op functioneren in het "
    .. "dagelijkse leven en herstel. Hierbij moet nadrukkelijk de koppeling worden gemaakt met zorg en ondersteuning vanuit andere "
    .. "domeinen. Tevens dienen zorgaanbieders hun communicatie en behandeling aan te passen aan het begripsniveau van de patiënt",
  why = "norm voor de behandeling per patiënt (behandeldoelen, herstel, andere domeinen, begripsniveau), getoetst aan de "
    .. "geleverde zorg, geen gegeven bij de contractering" }
rule { "screening_lvb", section = "4.1", applies = ggz,
  text = "Bij het vermoeden van een licht verstandelijke beperking wordt structureel en laagdrempelig gescreend",
  require = is_true "lvb_screening",
  quote = "Bij het vermoeden van een licht verstandelijke beperking wordt structureel en laagdrempelig gescreend" }

-- 4.1 Speerpunten GGZ: Ouderenpsychiatrie, Beleidskader verslavingszorg ----------------------------
not_encoded { section = "4.1",
  quote = "De zorg moet persoonsgericht, doelmatig en toegankelijk zijn, waarbij de behoeften van de oudere centraal staan",
  why = "visie en uitgangspunten (ouderenpsychiatrie), geen eis aan de zorgaanbieder" }
not_encoded { section = "4.1",
  quote = "Zorg en Zekerheid ziet een integraal zorgaanbod met regionale samenwerking in de keten als de oplossing",
  why = "visie en uitgangspunten (ouderenpsychiatrie), geen eis aan de zorgaanbieder" }
not_encoded { section = "4.1",
  quote = "Zorg en Zekerheid hanteert specifieke afspraken voor verslavingszorg waarbij het rapport ‘Verslavingszorg in beeld’ "
    .. "van het Zorginstituut Nederland als leidraad dient",
  why = "verwijst naar het Beleidskader verslavingszorg voor instellingen, dat deel uitmaakt van het zorginkoopbeleid maar niet bij de bronnen hoort" }
not_encoded { section = "4.1",
  quote = "Zo wordt onder meer aandacht besteed aan de vraag welke interventies voldoen aan de stand van de wetenschap en praktijk "
    .. "en aan de afweging of de zorg ambulant dan wel klinisch wordt aangeboden. Wij verwijzen hiervoor verder naar het "
    .. "Beleidskader verslavingszorg voor instellingen",
  why = "verwijst naar het Beleidskader verslavingszorg voor instellingen, dat deel uitmaakt van het zorginkoopbeleid maar niet bij de bronnen hoort" }

-- 4.2 Impactvolle transformaties -----------------------------------------------------------------
not_encoded { section = "4.2",
  quote = "Met deze regels kan maximaal drie jaar kleinschalig geëxperimenteerd worden met nieuw zorgaanbod",
  why = "beschrijft een regeling van de NZa (Regeling Innovatie voor kleinschalige experimenten), geen eis aan de zorgaanbieder" }

-- 5.1 Minimum- en kwaliteitseisen ------------------------------------------------------------------
not_encoded { section = "5.1",
  quote = "Zorgaanbieders komen mogelijk in aanmerking voor een zorgovereenkomst als zij voldoen aan de eisen die Zorg en Zekerheid stelt",
  why = "inleiding op de eisen hieronder, die elk als regel zijn vastgelegd (de algemene eisen van het Algemeen zorginkoopbeleid niet)" }

-- 5.1 Minimum- en kwaliteitseisen: vrijgevestigde zorgaanbieders --------------------------------------
rule { "discipline", section = "5.1", applies = practice,
  text = "Vrijgevestigde GZ-psychologen, psychotherapeuten, klinisch (neuro-)psychologen en psychiaters",
  require = one_of("discipline", { "gz_psycholoog", "psychotherapeut", "klinisch_psycholoog", "klinisch_neuropsycholoog", "psychiater" }),
  quote = "In aanmerking voor een zorgovereenkomst komen vrijgevestigde GZ-psychologen, psychotherapeuten, klinisch "
    .. "(neuro-)psychologen en psychiaters die",
  interpretation = eisen_voor_allen }

rule { "kwaliteitsstatuut_vrijgevestigde", section = "5.1", applies = practice,
  text = "Beschikt over een goedgekeurd Landelijk kwaliteitsstatuut, ingeschreven in het Register",
  require = is_true "kwaliteitsstatuut",
  quote = "psychiaters die: beschikken over een goedgekeurd Landelijk kwaliteitsstatuut dat is ingeschreven in het Register "
    .. "van het Kwaliteitsinstituut",
  interpretation = eisen_voor_allen }

not_encoded { section = "5.1",
  quote = "ingeschreven in het Register van het Kwaliteitsinstituut; voldoen aan de voorwaarden voor kwaliteit zoals beschreven in dit document",
  why = "samenvatting van de voorwaarden voor kwaliteit van 4.1, daar elk vastgelegd (onder meer kwaliteitsstatuut_nageleefd, "
    .. "mdo_volgens_doel, bewezen_effectieve_behandelmethoden, in_en_uitstroomcriteria, screening_lvb)" }

rule { "regiebehandelaar_eigen_behandeltijd", section = "5.1", applies = practice,
  text = "Minimaal {min_regiebehandelaar_share:%} van de behandeltijd (direct en indirect) wordt geleverd door de regiebehandelaar zelf",
  require = at_least("regiebehandelaar_share", param "min_regiebehandelaar_share"),
  quote = "minimaal 80% van de behandeltijd (direct en indirect) van de patiënt laten leveren door de regiebehandelaar zelf",
  interpretation = eisen_voor_allen }

rule { "max_fte_regiebehandelaren", section = "5.1", applies = practice,
  text = "Omvang van de praktijk: maximaal {max_fte_vrijgevestigde} fte regiebehandelaren",
  require = at_most("fte_regiebehandelaren", param "max_fte_vrijgevestigde"),
  quote = "voldoen aan de voorwaarden voor de omvang van de praktijk (maximaal tien fte regiebehandelaren",
  interpretation = eisen_voor_allen }

rule { "max_behandellocaties", section = "5.1", applies = practice,
  text = "Omvang van de praktijk: niet meer dan {max_locaties} behandellocaties",
  require = at_most("locations", param "max_locaties"),
  quote = { "voldoen aan de voorwaarden voor de omvang van de praktijk", "niet meer dan drie behandellocaties" },
  interpretation = eisen_voor_allen }

rule { "zorg_dichtbij_vrijgevestigde", section = "5.1", applies = practice,
  text = "Levert zorg in de directe omgeving van de patiënt",
  require = is_true "care_near_patient",
  quote = "drie behandellocaties); zorg leveren in de directe omgeving van de patiënt",
  interpretation = eisen_voor_allen }

not_encoded { section = "5.1",
  quote = "Zorgovereenkomsten met vrijgevestigde zorgaanbieders sluiten wij op praktijkniveau en niet op zorgverlenersniveau",
  why = "vorm van de overeenkomst, geen eis aan de zorgaanbieder: inkoop beslist al per praktijk (de AGB-code van de praktijk)" }

-- 5.1 Minimum- en kwaliteitseisen: GGZ-instellingen ------------------------------------------------
rule { "kwaliteitsstatuut_instelling", section = "5.1", applies = institution,
  text = "Beschikt over een goedgekeurd Landelijk kwaliteitsstatuut, ingeschreven in het Register",
  require = is_true "kwaliteitsstatuut",
  quote = "GGZ-instellingen die: beschikken over een goedgekeurd Landelijk kwaliteitsstatuut dat is ingeschreven in het "
    .. "Register van het Kwaliteitsinstituut",
  interpretation = eisen_voor_allen }

rule { "wtza", section = "5.1", applies = institution,
  text = "Is in het bezit van een geldige WTZa-toelating",
  require = is_true "wtza_license",
  quote = "in het bezit zijn van een geldige WTZa-toelating",
  interpretation = eisen_voor_allen }

rule { "psychiater_in_loondienst", section = "5.1", applies = institution,
  text = "Heeft een psychiater en/of klinisch psycholoog in loondienst",
  require = is_true "employs_psychiater_or_klinisch_psycholoog",
  quote = "een psychiater en/of klinisch psycholoog in loondienst hebben",
  interpretation = eisen_voor_allen }

rule { "zorg_dichtbij_instelling", section = "5.1", applies = institution,
  text = "Levert zorg in de directe omgeving van de patiënt",
  require = is_true "care_near_patient",
  quote = "in loondienst hebben; zorg leveren in de directe omgeving van de patiënt",
  interpretation = eisen_voor_allen }

rule { "innovatief_aanbod", section = "5.1", applies = all { institution, zz.new_provider },
  text = "Een nieuwe instelling levert een innovatief zorgaanbod waarvoor aantoonbaar een lacune bestaat in het zorgaanbod",
  require = is_true "innovative_gap",
  quote = "een innovatief zorgaanbod leveren aan onze verzekerden waarvoor aantoonbaar een lacune bestaat in het zorgaanbod",
  interpretation = "anders dan de andere eisen van 5.1 alleen voor nieuwe instellingen: de lacune is er een in het bestaande "
    .. "zorgaanbod, waarvan een gecontracteerde instelling zelf deel uitmaakt" }

not_encoded { section = "5.1",
  quote = "lacune bestaat in het zorgaanbod; voldoen aan de voorwaarden voor kwaliteit zoals beschreven in dit document",
  why = "samenvatting van de voorwaarden voor kwaliteit van 4.1, daar elk vastgelegd (onder meer kwaliteitsstatuut_nageleefd, "
    .. "mdo_volgens_doel, bewezen_effectieve_behandelmethoden, in_en_uitstroomcriteria, screening_lvb)" }

rule { "negatieve_uitlatingen", section = "5.1",
  text = "Zorg en Zekerheid kan een zorgovereenkomst weigeren als de zorgaanbieder zich zonder gegronde reden aantoonbaar negatief uitlaat over Zorg en Zekerheid",
  refuse_if = is_true "negative_statements",
  quote = "behoudt Zorg en Zekerheid zich het recht voor om een zorgaanbieder een zorgovereenkomst te weigeren indien de "
    .. "zorgaanbieder zich aantoonbaar negatief uitlaat over Zorg en Zekerheid zonder gegronde reden daartoe",
  interpretation = "'behoudt zich het recht voor om te weigeren' is als weigering vastgelegd: het gegeven negative_statements "
    .. "is al het oordeel dat de uitlating aantoonbaar en zonder gegronde reden is" }

-- 5.3 Informatie voor gecontracteerde zorgaanbieders -------------------------------------------------
-- The 5.1 rules above apply to contracted providers too (see eisen_voor_allen); the offer below
-- gives them their 2024 contract.
not_encoded { section = "5.3",
  quote = "die voldoen aan de eisen in het Algemeen zorginkoopbeleid en aan de minimumeisen en kwaliteitscriteria zoals beschreven in hoofdstuk 5.1",
  why = "verwijst naar het algemeen zorginkoopbeleid, dat niet bij de bronnen hoort" }

rule { "offertetraject", section = "5.3", applies = all { offertetraject, is_true "contracted_last_year" },
  text = "Met GGZ-instellingen met offertetraject worden individuele inkoopgesprekken gevoerd",
  review_if = always,
  quote = "Met de bestaande groep GGZ-instellingen met offertetraject worden individuele inkoopgesprekken gevoerd. "
    .. "U ontvangt daarvoor een uitnodiging.",
  interpretation = "'de bestaande groep GGZ-instellingen met offertetraject': een instelling met offertetraject die in 2023 "
    .. "gecontracteerd was; de uitkomst van het inkoopgesprek is een beoordelingspunt" }

not_encoded { section = "5.3",
  quote = "Zorg en Zekerheid behoudt zich in alle gevallen het recht voor om voor haar moverende redenen geen zorgovereenkomst "
    .. "af te sluiten met zorgaanbieders",
  why = "voorbehoud zonder criterium: voor gecontracteerde zorgaanbieders niet als beoordelingspunt vastgelegd (dan werd elk "
    .. "aanbod een beoordelingspunt); voor niet-gecontracteerde wel, in 5.4 (moverende_redenen)" }

-- 5.4 Informatie voor niet-gecontracteerde zorgaanbieders ------------------------------------------
zz.applications { section = "5.4", deadline = "2023-08-31", year = 2024, mid_year = true }

not_encoded { section = "5.4",
  quote = "indien zij voldoen aan de eisen in het Algemeen zorginkoopbeleid en aan de minimumeisen en kwaliteitscriteria zoals beschreven in hoofdstuk 5.1",
  why = "verwijst naar het algemeen zorginkoopbeleid, dat niet bij de bronnen hoort" }
encodes { "moverende_redenen",
  quote = { "Hierbij houdt Zorg en Zekerheid onder andere rekening met het huidige gecontracteerde aanbod, de focus op de regio, "
              .. "de aanwezigheid van Zorg en Zekerheid-verzekerden en het voldoen aan de zorgplicht",
            "Zorg en Zekerheid behoudt zich in alle gevallen het recht voor om voor haar moverende redenen geen zorgovereenkomst "
              .. "af te sluiten met zorgaanbieders" } }
encodes { "aanvraag_deadline", quote = "uw aanvraag voor 1 september 2023 indienen" }
encodes { "niet_aangevraagd",
  quote = "Wanneer u als niet-gecontracteerde zorgaanbieder in aanmerking wilt komen voor een zorgovereenkomst 2024, dan kunt u "
    .. "uw aanvraag voor 1 september 2023 indienen onder vermelding van ‘Verzoek zorgovereenkomst GGZ’ bij contractbeheer@zorgenzekerheid.nl" }
encodes { "aanvraag_na_termijn", quote = "dan kunt u uw aanvraag voor 1 september 2023 indienen" }
encodes { "tussentijdse_aanvraag",
  quote = { "Zorg en Zekerheid is terughoudend in het contracteren van niet-gecontracteerde zorgaanbieders gedurende het lopende contractjaar",
            "Indien de aanvraag compleet is en wordt goedgekeurd, dan krijgt u per de eerste kalenderdag van de maand van aanvragen "
              .. "een zorgovereenkomst aangeboden" } }
encodes { "aanvraag_na_contractjaar", quote = { "Aanvragen zorgovereenkomst 2024", "gedurende het lopende contractjaar" } }

-- 5.5 Bijcontracteren -----------------------------------------------------------------------------
not_encoded { section = "5.5",
  quote = "Voor het tussentijds herzien van het omzetplafond dient minimaal sprake te zijn van: aantoonbare groei van verzekerden; "
    .. "en/of onvoorziene omstandigheden die optreden na het sluiten van de zorgovereenkomst.",
  why = "procesafspraak zonder gevolg voor het besluit: de herziening van het omzetplafond volgt na het sluiten van de overeenkomst" }

rule { "bijcontracteren", section = "5.5", applies = offertetraject,
  text = "Een verwachte overschrijding van het omzetplafond meldt de zorgaanbieder uiterlijk 1 oktober 2024",
  condition_if = always,
  quote = { "Bijcontracteren kan van toepassing zijn bij het tussentijds herzien van het omzetplafond",
            "De zorgaanbieder geeft uiterlijk 1 oktober 2024 aan dat een overschrijding van het omzetplafond wordt verwacht "
              .. "via zorginkoop.ggz@zorgenzekerheid.nl" },
  interpretation = "5.5 noemt geen groep; als voorwaarde bij de overeenkomst van instellingen met offertetraject, de enige met "
    .. "individuele productieafspraken (6.1) en dus een eigen omzetplafond" }

not_encoded { section = "5.5",
  quote = "Zorg en Zekerheid bekijkt in het eerste kwartaal van 2025 of herziening van het omzetplafond mogelijk is",
  why = "procesafspraak zonder gevolg voor het besluit: de herziening van het omzetplafond volgt na het sluiten van de overeenkomst" }

-- 6.2 Aanbod van de zorgovereenkomsten, 6.3 Planning ---------------------------------------------------
not_encoded { section = "6.2",
  quote = "U dient tijdig een certificaat aan te vragen bij VECOZO om de zorgovereenkomst te kunnen inzien en ondertekenen",
  why = "procesafspraak zonder gevolg voor het besluit: het certificaat is nodig om de aangeboden overeenkomst te tekenen "
    .. "(het schema kent vecozo_certificate; dit beleid stelt het niet als eis)" }
not_encoded { section = "6.3",
  quote = "31 augustus 2023 Uiterste datum voor niet-gecontracteerde zorgaanbieders om een zorgovereenkomst 2024 aan te vragen",
  why = "al vastgelegd in 5.4 (aanvraag_deadline, aanvraag_na_termijn): de planning herhaalt de aanvraagtermijn" }

-- 7 Heeft u vragen? (disclaimer) -------------------------------------------------------------------
not_encoded { section = "7",
  quote = "Zorg en Zekerheid behoudt zich uitdrukkelijk het recht voor om het zorginkoopbeleid en de bijbehorende "
    .. "zorginkoopprocedure op enig moment aan te passen wegens interne factoren, externe factoren waaronder gewijzigde of nog te "
    .. "wijzigen wet- en regelgeving (inclusief beleidswijzigingen) en gewijzigde of nog te wijzigen financiële kaders. Zorg en "
    .. "Zekerheid behoudt zich ook het recht voor om het zorginkoopbeleid verder aan te vullen",
  why = "voorbehoud om het beleid te wijzigen: geen eis aan de zorgaanbieder en zonder gevolg voor een besluit onder dit beleid" }

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

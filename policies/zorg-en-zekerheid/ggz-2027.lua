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

-- 1 Wat zijn de wijzigingen per 2027? (overzicht; de wijzigingen zelf staan in hun hoofdstukken) ----------
not_encoded { section = "1.1",
  quote = "Het aanvragen van een zorgovereenkomst dient plaats te vinden via het aanvraagformulier op de website in plaats van een e-mail aan Contractbeheer",
  why = "overzicht van wijzigingen; de aanvraagwijze staat in 5.3: procesafspraak zonder gevolg voor het besluit (het besluit kijkt naar de aanvraagdatum, niet naar het kanaal)" }
not_encoded { section = "1.2",
  quote = "De bepaling dat Zorg en Zekerheid in alle gevallen het recht heeft om geen zorgovereenkomst aan te gaan, is verplaatst naar het hoofdstuk 5.5",
  why = "overzicht van tekstuele wijzigingen; de bepaling zelf staat in 5.4 (zie daar)" }

param { "aanvragen_vanaf", type = "date", default = "2026-01-01", section = "5.3",
  doc = "5.3 spreekt van aanvragen in 2026 (per 1 januari 2027) en in 2027: een aanvraag van voor deze dag is een beoordelingspunt",
  quote = "bij een aanvraag in 2026 voor 2027 per 1 januari 2027 een zorgovereenkomst aangeboden",
  interpretation = "5.3 noemt alleen aanvragen in 2026 en in 2027; over een eerdere aanvraag zwijgt de tekst. Daarom geen weigering maar een beoordelingspunt voor een aanvraag van vóór 1 januari 2026." }
param { "unlisted_discipline_years", type = "int", default = 1, unit = "jaar", section = "5.2",
  doc = "5.2: de looptijd in jaren voor vrijgevestigden die de tabel niet noemt (psychotherapeut, klinisch "
     .. "(neuro)psycholoog); de tabel geeft alleen GZ-psychologen en psychiaters 2 jaar",
  quote = "Type zorgovereenkomst Looptijd Vrijgevestigden, GZ psychologen 2 jaar Vrijgevestigden, psychiaters 2 jaar",
  interpretation = "5.1 laat ook psychotherapeuten en klinisch (neuro-)psychologen toe, maar de tabel noemt voor hen geen looptijd. "
     .. "Standaard 1 jaar, omdat de tabel alleen GZ-psychologen en psychiaters 2 jaar geeft; de regel looptijd_niet_in_tabel maakt er een beoordelingspunt van." }
param { "two_year_term_from_start", type = "bool", default = false, section = "5.2",
  doc = "5.2: een overeenkomst van 2 jaar die in de loop van 2027 ingaat: ja loopt twee jaar vanaf de ingangsdatum, "
     .. "nee (standaard) eindigt met kalenderjaar 2028, zoals een overeenkomst vanaf 1 januari 2027",
  quote = "Vrijgevestigden, GZ psychologen 2 jaar Vrijgevestigden, psychiaters 2 jaar",
  interpretation = "De tabel geeft 2 jaar zonder begin- of einddatum. Een overeenkomst die na een aanvraag in 2027 later ingaat (5.3), "
     .. "eindigt standaard tegelijk met de overeenkomsten vanaf 1 januari 2027, op 31 december 2028." }

local practice    = kind_is "vrijgevestigde"
local institution = kind_in { "ggz_instelling", "paaz", "puk" }
local offertetraject = all { institution, is_true "offertetraject" }

scope { section = "2.1", kinds = { "vrijgevestigde", "ggz_instelling", "paaz", "puk" },
  text = "Dit zorginkoopbeleid beschrijft hoe Zorg en Zekerheid GGZ voor 2027 inkoopt",
  quote = "In het zorginkoopbeleid GGZ 2027 leest u op welke manier, met welke criteria en volgens welke planning Zorg en Zekerheid GGZ voor 2027 inkoop" }

-- 3 Wat willen wij bereiken? -------------------------------------------------------------------------------
not_encoded { section = "3.1",
  quote = "Wij gaan ervan uit dat behandelingen in de basis in groepsvorm worden aangeboden, tenzij er zorginhoudelijke redenen zijn waarom deze zorg niet in een groep aangeboden kan worden.",
  why = "uitgangspunt voor de uitvoering van elke behandeling (groepsvorm tenzij zorginhoudelijke redenen): geldt per behandeling en declaratie, geen gegeven van de zorgaanbieder bij de contractering" }
param { "max_behandelaren_per_groep", type = "int", default = 2, unit = "behandelaren", section = "3.1",
  doc = "3.1: bij groepstherapie een maximum van 2 behandelaren per groep",
  quote = "Bij groepstherapie gaan we uit van een maximum van 2 behandelaren per groep." }
rule { "behandelaren_per_groep", section = "3.1",
  applies = all { kind_in { "vrijgevestigde", "ggz_instelling", "paaz", "puk" }, is_true "offers_group_therapy" },
  text = "Bij groepstherapie ten hoogste {max_behandelaren_per_groep} behandelaren per groep",
  require = at_most("group_therapists", param "max_behandelaren_per_groep"),
  quote = { "Bij groepstherapie gaan we uit van een maximum van 2 behandelaren per groep.",
            "Een groter aantal behandelaren is in de praktijk niet gangbaar en zorgt voor een ondoelmatige inzet van behandelcapaciteit." },
  interpretation = "'Gaan we uit van' lezen wij als een eis aan wie groepstherapie aanbiedt: de zorgaanbieder geeft op hoeveel "
     .. "behandelaren hij ten hoogste per groep inzet; de nieuwe eis van 2027 (1.1) geldt ook voor gecontracteerde zorgaanbieders." }
not_encoded { section = "3.1", quote = "Sommige soorten zorg moeten in elke regio aanwezig zijn.",
  why = "visie en uitgangspunten (landelijke IZA-afspraken over cruciale GGZ), geen eis aan de zorgaanbieder" }
not_encoded { section = "3.1", quote = "Dit moet leiden tot een lagere instroom in de GGZ, waardoor er meer capaciteit beschikbaar komt voor complexe zorgvragen.",
  why = "visie en uitgangspunten (het doel van Mentale Gezondheidsnetwerken en het verkennende gesprek), geen eis aan de zorgaanbieder" }
not_encoded { section = "3.2", quote = "Zorgvraag en zorgaanbod moeten goed op elkaar aansluiten, los van het domein dat de zorg financiert.",
  why = "visie en uitgangspunten (afstemming tussen Zvw, Wmo en Wlz), geen eis aan de zorgaanbieder" }

-- 4.1 Focus: Wachtlijstreductie ------------------------------------------------------------------------------
not_encoded { section = "4.1", quote = "Zorg en Zekerheid verwacht dat verzekerden tijdig, en tenminste binnen de Treeknormen, optimale zorg ontvangen.",
  why = "focuspunt zonder gevolg voor het besluit: overschrijdt een zorgaanbieder de Treeknormen, dan maakt Zorg en Zekerheid afspraken om de wachttijden te verkorten (4.1), geen weigering" }
not_encoded { section = "4.1",
  quote = "verplicht GGZ-zorgaanbieders op hun website per locatie de actuele wachttijden weer te geven en deze wachttijden maandelijks aan te leveren bij de Nederlandse Zorgautoriteit (NZa)",
  why = "wettelijke plicht (Transparantieregeling zorgaanbieders GGZ), geen contracteereis: dit beleid verbindt er geen gevolg aan (het schema kent waiting_times_reported voor Salland 3.1)" }
not_encoded { section = "4.1",
  quote = "Naast het bijhouden van actuele wachttijden moeten zorgaanbieders altijd noodzakelijke zorg kunnen leveren. Het rekening houden met seizoensgebonden fluctuaties in het behandelaanbod is hierbij van belang.",
  why = "verplichting tijdens de looptijd van de overeenkomst, geen toetsbaar gegeven bij de contractering" }

-- 4.2 Focus: Kwaliteit van zorg (in 2024: 4.1) -------------------------------------------------------
outside_scope { section = "4.2", kinds = { "verpleeghuis", "vg_instelling" },
  text = "GGZ-zorg wordt niet ingekocht bij verpleeg- of verzorgingshuizen of instellingen voor verstandelijk gehandicapten die vanuit de Wlz gefinancierd worden",
  quote = "GGZ-zorg wordt niet ingekocht bij verpleeg- of verzorgingshuizen of instellingen voor verstandelijk gehandicapten die vanuit de Wlz gefinancierd worden." }
move_rule("zorg_buitenland", "4.2", "1.2: hoofdstuk 4 heringedeeld")
encodes { "zorg_buitenland", quote = "Tevens kopen wij geen zorg in die in het buitenland geleverd wordt, omdat dit in de regel geen therapeutische meerwaarde heeft." }

-- 4.2: hoe Zorg en Zekerheid de kwaliteit borgt; wat de zorgaanbieder vooraf als gegeven opgeeft, staat in 5.1.
not_encoded { section = "4.2", quote = "Het Landelijk Kwaliteitsstatuut (LKS) dat elke GGZ-zorgaanbieder heeft ingeschreven in het Register Zorginstituut.",
  why = "beschrijft hoe Zorg en Zekerheid de kwaliteit borgt; de eis van een ingeschreven kwaliteitsstatuut staat in 5.1 en is daar vastgelegd (kwaliteitsstatuut_vrijgevestigde, kwaliteitsstatuut_instelling)" }
move_rule("kwaliteitsstatuut_nageleefd", "4.2", "1.2: hoofdstuk 4 heringedeeld")
encodes { "kwaliteitsstatuut_nageleefd",
  quote = "Een document alleen is volgens Zorg en Zekerheid niet voldoende. De zorgaanbieder dient er ook op toe te zien dat het LKS op gepaste wijze binnen de organisatie wordt nageleefd." }
not_encoded { section = "4.2",
  quote = "Een juiste rol van de regiebehandelaar die de verantwoordelijkheid draagt voor de integraliteit van het behandelproces en als centraal aanspreekpunt fungeert voor alle betrokkenen, inclusief verzekerde en diens naasten. "
     .. "Waarbij we uitgaan van een directe betrokkenheid en een voldoende mate van tijdsbesteding.",
  why = "eis aan de uitvoering van elke behandeling zonder maatstaf ('juiste rol', 'voldoende mate'); de meetbare eis (80% van de behandeltijd door de regiebehandelaar) staat in 5.1 en is daar vastgelegd" }
move_rule("mdo_volgens_doel", "4.2", "1.2: hoofdstuk 4 heringedeeld")
encodes { "mdo_volgens_doel",
  quote = "Wanneer sprake is van een multidisciplinair overleg (MDO)-constructie, verwacht Zorg en Zekerheid dat het MDO wordt ingevuld conform de omschrijving van het Niveau en het Landelijk Kwaliteitsstatuut." }
move_rule("bewezen_effectieve_behandelmethoden", "4.2", "1.2: hoofdstuk 4 heringedeeld")
encodes { "bewezen_effectieve_behandelmethoden",
  quote = "Alleen behandelmethoden zoals de beroepsgroep die pleegt te bieden en die bewezen effectief zijn conform de stand van wetenschap en praktijk worden ingezet. "
     .. "Leidraad hierbij is de 'ZN-circulaire Therapieën GGZ'." }
not_encoded { section = "4.2",
  quote = "Bij het inzetten van evidence-based therapieën is het van belang dat de regiebehandelaar monitort of deze therapieën op de juiste wijze worden ingezet.",
  why = "norm voor de behandeling per patiënt, getoetst aan de geleverde zorg, geen gegeven bij de contractering" }
not_encoded { section = "4.2",
  quote = "Doelmatige zorg door te sturen op en controleren van doelmatigheid en gepast gebruik. Hiertoe richt Zorg en Zekerheid zich onder andere op de volgende items:",
  why = "beschrijft de zorgverzekeraar zelf (sturing en controle op doelmatigheid), geen eis" }
not_encoded { section = "4.2",
  quote = "Gepast gebruik van zorg waarbij het zorgaanbod aansluit bij de zorgvraag van de verzekerde en tevens aangeboden wordt op de juiste plek. "
     .. "Klinische zorg wordt alleen geleverd indien sprake is van medisch noodzakelijk verblijf.",
  why = "eis per verzekerde en behandeling (gepast gebruik, medisch noodzakelijk verblijf), getoetst bij controle achteraf, geen gegeven bij de contractering" }
move_rule("in_en_uitstroomcriteria", "4.2", "1.2: hoofdstuk 4 heringedeeld")
encodes { "in_en_uitstroomcriteria", quote = "Zorgaanbieders hanteren duidelijke in- en uitstroomcriteria die op verzoek overhandigd kunnen worden." }
not_encoded { section = "4.2", quote = "Wij stimuleren de inzet van eHealth binnen de behandeling.",
  why = "beschrijft de zorgverzekeraar zelf, geen eis" }
not_encoded { section = "4.2",
  quote = "Patiëntgerichte zorg die aansluit bij de behoefte van de verzekerde. "
     .. "Behandeldoelen worden altijd samen met de verzekerde, en waar mogelijk diens naasten, vastgesteld. "
     .. "Het uitgangspunt is een behandeling die gericht is op functioneren in het dagelijkse leven en herstel. "
     .. "Hierbij moet nadrukkelijk de koppeling worden gemaakt met zorg en ondersteuning vanuit andere domeinen. "
     .. "Tevens dienen zorgaanbieders hun communicatie en behandeling aan te passen aan het begripsniveau van de verzekerde.",
  why = "eisen aan de behandeling van de individuele verzekerde (behandeldoelen, herstel, koppeling met andere domeinen, begripsniveau), getoetst tijdens de looptijd, geen gegeven bij de contractering" }
move_rule("screening_lvb", "4.2", "1.2: hoofdstuk 4 heringedeeld")
encodes { "screening_lvb",
  quote = "Bij het vermoeden van een licht verstandelijke beperking wordt structureel en laagdrempelig gescreend en zal de behandeling daarop worden aangepast." }

-- 4.3 Focus: Inzet privacyverklaring uitsluitend op verzoek verzekerde ---------------------------------------
not_encoded { section = "4.3",
  quote = "Er staat dan geen inhoudelijke informatie over de behandeling op de factuur, zoals diagnose of zorgvraagtype. De privacyverklaring kan alleen gehanteerd worden op uitdrukkelijk verzoek van onze verzekerden.",
  why = "regel voor de declaratie per verzekerde (privacyverklaring), zonder gevolg voor het contracteerbesluit" }

-- 5.1 Minimum- en kwaliteitseisen ------------------------------------------------------------------------
-- The list for institutions repeats sentences of the list for practices word for word; a quote finds
-- the first place, so the institutions' quotes run on into a neighbouring sentence to find theirs.
not_encoded { section = "5.1", quote = "Zorgaanbieders komen mogelijk in aanmerking voor een zorgovereenkomst als zij voldoen aan de eisen die Zorg en Zekerheid stelt.",
  why = "inleiding op de eisen hieronder, die elk als regel zijn vastgelegd; 'mogelijk': wie eraan voldoet heeft geen recht op een overeenkomst (voorbehoud, 5.4)" }
not_encoded { section = "5.1", quote = "Bovenop de in het Algemeen zorginkoopbeleid genoemde eisen gelden vanuit GGZ de volgende minimum- en kwaliteitseisen",
  why = "verwijst naar het algemeen zorginkoopbeleid, dat niet bij de bronnen hoort" }
encodes { "discipline", quote = "Nieuwe vrijgevestigde zorgaanbieders (vrijgevestigde GZ-psychologen, psychotherapeuten, klinisch (neuro-)psychologen en psychiaters)" }
encodes { "kwaliteitsstatuut_vrijgevestigde", quote = "beschikken over een goedgekeurd Landelijk kwaliteitsstatuut dat is ingeschreven in het Register van het Kwaliteitsinstituut" }
not_encoded { section = "5.1", quote = "voldoen aan de voorwaarden voor kwaliteit zoals beschreven in dit statuut",
  why = "de voorwaarden voor kwaliteit van het kwaliteitsstatuut zelf: vastgelegd als naleving van het kwaliteitsstatuut in "
    .. "beslisregel kwaliteitsstatuut_nageleefd (paragraaf 4.2)" }
encodes { "min_regiebehandelaar_share", quote = "minimaal 80% van de behandeltime (direct en indirect) van de verzekerde leveren door de regiebehandelaar zelf" }
encodes { "regiebehandelaar_eigen_behandeltijd", quote = "minimaal 80% van de behandeltime (direct en indirect) van de verzekerde leveren door de regiebehandelaar zelf" }
remove_rule("max_fte_regiebehandelaren", "5.1 noemt geen getallen meer: 'voldoen aan de voorwaarden voor de omvang van de praktijk'")
remove_rule("max_behandellocaties", "5.1 noemt geen getallen meer")
remove_param("max_fte_vrijgevestigde", "5.1 noemt geen getallen meer")
remove_param("max_locaties", "5.1 noemt geen getallen meer")
rule { "praktijkomvang", section = "5.1", applies = all { practice, zz.new_provider }, after = "regiebehandelaar_eigen_behandeltijd",
  text = "Voldoet aan de voorwaarden voor de omvang van de praktijk",
  review_if = always, change = "vervangt de grenzen van tien fte en drie locaties",
  quote = "voldoen aan de voorwaarden voor de omvang van de praktijk",
  interpretation = "5.1 noemt de voorwaarden voor de omvang niet meer (2024: tien fte regiebehandelaren, drie behandellocaties) en verwijst nergens naar; zonder maatstaf een beoordelingspunt, geen weigergrond." }
encodes { "zorg_dichtbij_vrijgevestigde", quote = "zorg leveren in de directe omgeving van de verzekerde" }
remove_rule("wtza", "nieuwe GGZ-instellingen: de WTZa-toelating staat niet meer in 5.1")
remove_rule("psychiater_in_loondienst", "nieuwe GGZ-instellingen: psychiater/klinisch psycholoog in loondienst staat niet meer in 5.1")
remove_rule("negatieve_uitlatingen", "de weigergrond negatieve uitlatingen staat niet meer in de tekst; 5.1 eindigt met het voorbehoud van moverende redenen")
encodes { "kwaliteitsstatuut_instelling",
  quote = "Nieuwe GGZ-instellingen - beschikken over een goedgekeurd Landelijk kwaliteitsstatuut dat is ingeschreven in het Register van het Kwaliteitsinstituut" }
not_encoded { section = "5.1", quote = "voldoen aan de voorwaarden voor kwaliteit zoals beschreven in dit statuut; - zorg leveren in de directe omgeving",
  why = "de voorwaarden voor kwaliteit van het kwaliteitsstatuut zelf: vastgelegd als naleving van het kwaliteitsstatuut in "
    .. "beslisregel kwaliteitsstatuut_nageleefd (paragraaf 4.2)" }
encodes { "zorg_dichtbij_instelling", quote = "zorg leveren in de directe omgeving van de verzekerde; - een innovatief zorgaanbod" }
encodes { "innovatief_aanbod", quote = "een innovatief zorgaanbod leveren aan onze verzekerden waarvoor aantoonbaar een lacune bestaat in het zorgaanbod" }
not_encoded { section = "5.1", quote = "Zorg en Zekerheid behoudt zich in alle gevallen het recht voor om voor haar moverende redenen geen zorgovereenkomst af te sluiten met zorgaanbieders.",
  why = "keuze van Zorg en Zekerheid zelf, geen gegeven van de zorgaanbieder; voor een nieuwe zorgaanbieder een beoordelingspunt in moverende_redenen (5.2, met het voorbehoud van 5.4)" }

rule { "monodisciplinair", section = "5.1", after = "innovatief_aanbod",
  applies = all { institution, is_true "former_vrijgevestigde" },
  text = "Een vrijgevestigde of kleine praktijk die een kleine GGZ-instelling zonder medisch specialist wordt, krijgt alleen de setting monodisciplinair",
  setting_if = is_false "employs_psychiater_or_klinisch_psycholoog",
  change = "1.1: overgang vrijgevestigde/praktijk naar instelling",
  quote = "Vrijgevestigde zorgaanbieders of kleine praktijken die op basis van de Wet toetreding zorgaanbieders (Wtza) regelgeving een kleine GGZ-instelling zonder medisch specialist worden, ontvangen een zorgovereenkomst met alleen de setting monodisciplinair.",
  interpretation = "De tekst beperkt elke zo ontstane instelling tot monodisciplinair en laat Zorg en Zekerheid beoordelen of multidisciplinair erbij komt als er een psychiater en/of klinisch psycholoog in loondienst is. "
     .. "Met zo'n medewerker legt de regel de beperking niet vast maar laat hij de setting aan die beoordeling (multidisciplinair_beoordeling). Of de instelling 'klein' is, toetst de regel niet." }
rule { "multidisciplinair_beoordeling", section = "5.1", after = "monodisciplinair",
  applies = all { institution, is_true "former_vrijgevestigde" },
  text = "Met een psychiater en/of klinisch psycholoog in loondienst beoordeelt Zorg en Zekerheid of de setting multidisciplinair wordt toegevoegd",
  review_if = is_true "employs_psychiater_or_klinisch_psycholoog",
  change = "1.1: overgang vrijgevestigde/praktijk naar instelling",
  quote = "Wanneer een psychiater en/of klinisch psycholoog in loondienst is beoordelen wij of voldoende disciplines in de GGZ-instelling werkzaam zijn om de setting multidisciplinair aan de zorgovereenkomst toe te voegen." }
rule { "rtms", section = "5.1", after = "multidisciplinair_beoordeling", applies = is_true "offers_rtms",
  text = "rTMS alleen met een geldige accreditatie van Stichting Hersenstimulatie, indicatie door een rTMS-professional en behandeling door een rTMS-professional of -technician",
  exclude_unless = is_true "rtms_accredited", change = "1.1: kwaliteitseisen rTMS toegevoegd",
  quote = { "Voor behandeling met rTMS hanteren we de volgende kwaliteitseisen: - De indicatie wordt gesteld door een rTMS-professional",
            "De behandeling wordt uitgevoerd door een rTMS-professional of een rTMS-technician",
            "De behandeling mag alleen plaatsvinden wanneer de zorgaanbieder op het moment van uitvoering beschikt over een geldige accreditatie van Stichting Hersenstimulatie." },
  interpretation = "De drie eisen zijn één gegeven in het schema (rtms_accredited). De criteria voor de indicatiestelling uit de ZN-circulaire zijn niet apart vastgelegd." }

-- 5.2 Aanbod van zorgovereenkomsten -----------------------------------------------------------------------
replace_rule { "moverende_redenen", section = "5.2", applies = zz.new_provider,
  text = "Zorg en Zekerheid beoordeelt het verzoek aan de gestelde eisen, het gecontracteerde aanbod, de focus op de regio, haar marktaandeel en de zorgplicht, en behoudt zich het recht voor om voor haar moverende redenen geen zorgovereenkomst aan te gaan (5.4)",
  review_if = always, change = "5.2 beoordeling van verzoeken; 5.4 voorbehoud",
  quote = "Bij niet-gecontracteerde zorgaanbieders die een verzoek tot een zorgovereenkomst hebben, beoordeelt Zorg en Zekerheid dit verzoek aan de gestelde eisen. "
     .. "Ook beoordelen wij het verzoek onder andere op basis van het huidige gecontracteerde aanbod, de focus op de regio, het marktaandeel van Zorg en Zekerheid en het voldoen aan de zorgplicht.",
  interpretation = "De tekst noemt waarop het verzoek wordt beoordeeld, niet met welke maatstaf: een beoordelingspunt bij elke nieuwe zorgaanbieder." }
rule { "toetsing_negatief", section = "5.2", applies = is_true "contracted_last_year", after = "moverende_redenen",
  text = "Valt de toetsing van een gecontracteerde zorgaanbieder op doelmatigheid, kwaliteit en de zorgbehoefte in de regio negatief uit, dan biedt Zorg en Zekerheid geen nieuwe overeenkomst aan",
  refuse_if = is_true "assessment_negative", change = "5.2: toetsing van gecontracteerde zorgaanbieders",
  quote = "Bij gecontracteerde zorgaanbieders vindt een toetsing plaats op doelmatigheid, kwaliteit en de zorgbehoefte in de betreffende regio. "
     .. "Wanneer de toetsing negatief uitvalt wordt geen nieuwe overeenkomst aangeboden." }
rule { "toeslag_psychodiagnostiek", section = "5.2", after = "toetsing_negatief",
  text = "De toeslag psychodiagnostiek kan maximaal twee keer per jaar per verzekerde in rekening worden gebracht",
  condition_if = always, change = "5.2",
  quote = "De toeslag psychodiagnostiek kan maximaal twee keer per jaar per verzekerde in rekening worden gebracht." }
rule { "looptijd_niet_in_tabel", section = "5.2", after = "toeslag_psychodiagnostiek",
  applies = practice,
  text = "De looptijdtabel noemt alleen GZ-psychologen en psychiaters; voor andere disciplines stellen wij de looptijd apart vast (nu {unlisted_discipline_years} jaar)",
  review_if = negate(one_of("discipline", { "gz_psycholoog", "psychiater" })), change = "5.2: looptijd per type zorgovereenkomst",
  quote = "In onderstaande tabel leest u voor welke zorgovereenkomst u mogelijk in aanmerking komt. Type zorgovereenkomst Looptijd Vrijgevestigden, GZ psychologen 2 jaar Vrijgevestigden, psychiaters 2 jaar",
  interpretation = "5.1 laat ook vrijgevestigde psychotherapeuten en klinisch (neuro-)psychologen toe; de tabel noemt voor hen geen type zorgovereenkomst en geen looptijd. Daarom een beoordelingspunt." }

-- 5.3 Aanvragen zorgovereenkomst (2024: 5.4 met een termijn van 31 augustus) ---------------------------------
move_rule("niet_aangevraagd", "5.3")
encodes { "niet_aangevraagd",
  quote = "Wanneer u als niet-gecontracteerde zorgaanbieder in aanmerking wilt komen voor een zorgovereenkomst, dan kunt u uw aanvraag indienen via het aanvraagformulier op onze website." }
remove_rule("aanvraag_na_termijn", "5.3: geen uiterste aanvraagdatum meer; een aanvraag in 2026 geldt per 1 januari 2027")
remove_param("aanvraag_deadline", "5.3: geen uiterste aanvraagdatum meer")
replace_rule { "tussentijdse_aanvraag", section = "5.3", applies = zz.new_provider,
  text = "Bij een aanvraag in 2027 voor 2027 een zorgovereenkomst per de eerste kalenderdag van de maand van aanvraag",
  condition_if = on_or_after("application_date", fixed("2027-01-01", "het contractjaar")), change = "5.3: de aanvraag in 2027 is een gewone route, niet meer 'terughoudend'",
  quote = "bij een aanvraag in 2027 voor 2027 per de eerste kalenderdag van de maand van aanvraag een zorgovereenkomst aangeboden." }
rule { "aanvraag_voor_aanvraagperiode", section = "5.3", applies = zz.new_provider, after = "niet_aangevraagd",
  text = "Het beleid gaat uit van aanvragen vanaf {aanvragen_vanaf} (per 1 januari 2027) en in 2027; uw aanvraag is van eerder",
  review_if = before("application_date", param "aanvragen_vanaf"), change = "5.3",
  quote = "bij een aanvraag in 2026 voor 2027 per 1 januari 2027 een zorgovereenkomst aangeboden",
  interpretation = "5.3 noemt alleen aanvragen in 2026 en in 2027; over een eerdere aanvraag zwijgt de tekst: een beoordelingspunt, geen weigering." }
replace_rule { "aanvraag_na_contractjaar", section = "5.3", applies = zz.new_provider,
  text = "Een aanvraag na afloop van contractjaar 2027 valt niet onder dit beleid",
  refuse_if = after("application_date", fixed("2027-12-31", "het contractjaar")), change = "het contractjaar is 2027",
  quote = "bij een aanvraag in 2027 voor 2027",
  interpretation = "5.3 noemt alleen aanvragen in 2026 en 2027 voor contractjaar 2027; een latere aanvraag hoort bij het beleid van een volgend jaar." }
rule { "tekenen_binnen_zes_weken", section = "5.3", after = "tussentijdse_aanvraag",
  text = "De zorgovereenkomst moet binnen zes weken na de dag van ontvangst worden ondertekend",
  condition_if = always, change = "5.3",
  quote = "De zorgovereenkomst moet binnen zes weken na de dag van ontvangst door de zorgaanbieder worden ondertekend." }

-- 5.4 Voorbehoud sluiten zorgovereenkomst ----------------------------------------------------------------------
not_encoded { section = "5.4",
  quote = "Zorg en Zekerheid behoudt zich in alle gevallen het recht voor om voor haar moverende redenen geen zorgovereenkomst aan te gaan met een zorgaanbieder, "
     .. "dan wel bepaalde onderdelen of prestaties van een zorgovereenkomst niet af te sluiten met een zorgaanbieder.",
  why = "keuze van Zorg en Zekerheid zelf, geen gegeven van de zorgaanbieder; voor een nieuwe zorgaanbieder een beoordelingspunt in moverende_redenen (5.2); het niet afsluiten van onderdelen of prestaties is niet vastgelegd" }

-- 6.1 Instellingen met offertetraject; 6.2 Bijcontracteren ----------------------------------------------------
replace_rule { "offertetraject", section = "6.1", applies = offertetraject,
  text = "Instellingen met offertetraject ontvangen op initiatief van Zorg en Zekerheid een voorstel voor een maatwerkovereenkomst",
  review_if = always, change = "6.1: maatwerkovereenkomsten",
  quote = "Een aantal zorgaanbieders ontvangt op initiatief van Zorg en Zekerheid een voorstel voor een maatwerkovereenkomst: "
     .. "- Partijen die in de regio van Zorg en Zekerheid werkzaam zijn en daarbij een aanmerkelijk zorgvolume hebben komen in aanmerking voor een maatwerkovereenkomst. "
     .. "- Landelijk opererende partijen die een aanmerkelijk marktaandeel bedienen, een significant volume hebben én lokaal een voornamelijk keten- of regierol vervullen bij de totstandkoming van de zorginzet komen in aanmerking voor een maatwerkovereenkomst.",
  interpretation = "De criteria (aanmerkelijk zorgvolume, marktaandeel, keten- of regierol) hebben geen maatstaf en het voorstel komt op initiatief van Zorg en Zekerheid: "
     .. "het gegeven offertetraject zegt dat de instelling zo'n voorstel kreeg, de rest is een beoordelingspunt." }
replace_rule { "bijcontracteren", section = "6.2", applies = offertetraject,
  text = "Een verwachte overschrijding van het omzetplafond meldt de zorgaanbieder uiterlijk 1 oktober 2027 (6.3)",
  condition_if = always, change = "6.2/6.3: nieuwe data",
  quote = "In deze paragraaf leest u onder welke omstandigheden bijcontracteren mogelijk is. De planning van bijcontracteren vindt u in de planning (hoofdstuk 6.3). "
     .. "Bijcontracteren kan van toepassing zijn bij het tussentijds herzien van het omzetplafond.",
  interpretation = "De meldtermijn van 1 oktober 2027 staat in de planning (6.3), waar 6.2 naar verwijst; de regel citeert 6.2." }
not_encoded { section = "6.2",
  quote = "Voor het tussentijds herzien van het omzetplafond dient minimaal sprake te zijn van: - aantoonbare groei van verzekerden; en/of - onvoorziene omstandigheden die optreden na het sluiten van de zorgovereenkomst.",
  why = "voorwaarde voor een herziening van het omzetplafond tijdens de looptijd, beoordeeld na de melding (6.3), geen gegeven bij de contractering" }
not_encoded { section = "6.3",
  quote = "Onderdelen die onlosmakelijk verbonden zijn met informatie die na deze datum vrijkomt vallen hier vanzelfsprekend niet onder.",
  why = "geen gegeven van de zorgaanbieder: het offertetraject (welke onderdelen van de offerte op 1 september 2026 voorliggen)" }

-- 7 Heeft u vragen? (met de disclaimer) ---------------------------------------------------------------------------
not_encoded { section = "7",
  quote = "Zorg en Zekerheid behoudt zich uitdrukkelijk het recht voor om het zorginkoopbeleid en de bijbehorende zorginkoopprocedure op enig moment aan te passen wegens interne factoren, "
     .. "externe factoren waaronder gewijzigde of nog te wijzigen wet- en regelgeving (inclusief beleidswijzigingen) en gewijzigde of nog te wijzigen financiële kaders. "
     .. "Zorg en Zekerheid behoudt zich ook het recht voor om het zorginkoopbeleid verder aan te vullen, te wijzigen en/of te verduidelijken.",
  why = "voorbehoud om het beleid te wijzigen: een gewijzigd beleid is een nieuwe versie van deze policy, zonder gevolg voor het besluit onder deze versie" }

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

-- Zorg en Zekerheid — Zorginkoopbeleid multidisciplinaire zorg 2024 (Organisatie & Infrastructuur:
-- wijkmanagement (WSV), regiomanagement (RO), praktijkmanagement)
-- Source: sources/mdz-2024.txt (in this insurer's folder). Chapters 1–4 are changes, vision and
-- speerpunten (budget agreements, MTVP, digitalisering) without provider-level rules.
-- Every normative sentence of the document is accounted for: a rule, parameter or the scope quotes it
-- (`quote`, or `encodes` for what base.lua declares), or `not_encoded` says why not, in the document's order.

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
  quote = "Wanneer u als niet-gecontracteerde zorgaanbieder in aanmerking wilt komen voor een zorgovereenkomst 2024",
  interpretation = "5.4 beschrijft alleen aanvragen voor 1 september 2023; het tussentijds aanvragen dat hoofdstuk 1 "
     .. "aankondigt staat er niet in. Een overeenkomst na een aanvraag in 2024 gaat daarom in op de eerste dag van de "
     .. "maand van aanvragen, zoals de andere beleidsstukken van Zorg en Zekerheid zeggen, of als scenario van de maand erna",
  doc = "5.4: hoofdstuk 1 kondigt informatie over 'tussentijds aanvragen' aan die de tekst niet geeft: een overeenkomst "
     .. "na een aanvraag in 2024 gaat in op de eerste dag van de maand van de aanvraag (standaard, zoals de andere "
     .. "beleidsstukken van Zorg en Zekerheid zeggen) of van de maand erna; nooit op 1 januari vóór de aanvraag" }

-- The dates the document states, as parameters (its values are the defaults).
param { "wsv_certificering_gestart_vanaf", type = "date", default = "2019-01-01", section = "5.1",
  quote = "binnen vijf jaar na het officieel opstarten gecertificeerd",
  interpretation = "De tekst noemt geen datum: vijf jaar terug gerekend vanaf het begin van contractjaar 2024 is een WSV "
     .. "dat op of na 1 januari 2019 officieel startte nog binnen de termijn",
  doc = "5.1: gecertificeerd binnen vijf jaar na het officieel opstarten; een WSV dat op of na deze dag startte is nog binnen die termijn" }
param { "wtza_aangevraagd_voor", type = "date", default = "2024-01-01", section = "5.1",
  quote = "De RO heeft een Wtza-vergunning of heeft die aangevraagd voor 1 januari 2024",
  doc = "5.1: de RO heeft een Wtza-vergunning of heeft die aangevraagd voor 1 januari 2024" }
param { "jaarplan_deadline", type = "date", default = "2023-10-01", section = "6.3",
  quote = { "1 oktober 2023 Het jaarplan van de RO en aangesloten WSV’s worden gezamenlijk aangeleverd",
            "Uitstel na 1 oktober is niet mogelijk" },
  interpretation = "5.3 vraagt het jaarplan 'voor 1 oktober 2023', de planning van 6.3 noemt 1 oktober 2023 als uiterste "
     .. "datum: indienen op die dag is een beoordelingspunt, erna is te laat",
  doc = "5.3: jaarplan in 'voor 1 oktober 2023'; 6.3 noemt 1 oktober als uiterste datum (die dag is een beoordelingspunt, erna te laat)" }

local wsv = kind_is "wsv"
local ro  = kind_is "ro"
local gp  = kind_is "huisartsenpraktijk"

-- 1 Wat zijn de wijzigingen per 2024? A summary of the changes; each is encoded (or not) where the text says it.
not_encoded { section = "1", quote = "Bij tegenstrijdigheden prevaleert dit zorginkoopbeleid boven het Algemeen zorginkoopbeleid",
  why = "verwijst naar het algemeen zorginkoopbeleid, dat niet bij de bronnen hoort" }
not_encoded { section = "1", quote = "gewijzigd naar ‘passende zorg’ (hoofdstuk 3.3). Er is invulling gegeven aan digitale zorg "
    .. "als onderdeel van passende zorg (hoofdstuk 3.3). Er is invulling aan de nieuwe strategie ‘duurzaamheid’ gegeven "
    .. "(hoofdstuk 3.5). Het zorginkoopbeleid voor huisartsenzorg (HAZ) en multidisciplinaire zorg (MDZ) is uit elkaar gehaald",
  why = "overzicht van de wijzigingen: visie en opzet van het document, geen eis aan de zorgaanbieder" }
not_encoded { section = "1", quote = "voor multidisciplinaire zorg vooralsnog een eenjarige zorgovereenkomst",
  why = "overzicht van de wijzigingen; de eenjarige looptijd staat in 5.2 en is het aanbod (1 januari tot en met 31 december 2024)" }
not_encoded { section = "1", quote = "Er is sprake van uniforme tarieven voor O&I wijkmanagement",
  why = "overzicht van de wijzigingen; het uniforme tarief per verzekerde staat in 6.1 en in de tarieftekst van het aanbod" }
not_encoded { section = "1", quote = "WSV hoeft geen begroting meer aan te leveren, wel een financiële verantwoording en "
    .. "resultaatsafspraak. Financiële verantwoording van de RO en aangesloten WSV’s wordt geclusterd aangeleverd via de RO",
  why = "overzicht van de wijzigingen: begroting, verantwoording achteraf en resultaatsafspraak (6.1, 6.3) zijn geen "
     .. "voorwaarde voor de zorgovereenkomst 2024" }
not_encoded { section = "1", quote = "Er is een aansluitovereenkomst tussen de RO en aangesloten WSV’s en een aansluitovereenkomst "
    .. "tussen de WSV en deelnemende zorgverleners",
  why = "overzicht van de wijzigingen; als eis van 5.1 gecodeerd (wsv_aansluitovereenkomst, ro_aansluitovereenkomst)" }
not_encoded { section = "1", quote = "De zorgafstemmingsvergoeding is geüniformeerd over de gehele regio en wordt opgenomen in het budget van de RO",
  why = "overzicht van de wijzigingen: inhoud van het budget van de RO (4.1), geen voorwaarde voor de zorgovereenkomst" }
not_encoded { section = "1", quote = "wijkmanagers en wijkcoördinatoren van WSV’s in zijn dienst van de RO",
  why = "overzicht van de wijzigingen: uitgangspunt van de uniforme bekostiging ('gaat ervan uit', 4.1), geen voorwaarde "
     .. "voor de zorgovereenkomst" }
not_encoded { section = "1", quote = "Inzet op valpreventie samen met gemeenten (hoofdstuk 4.1) De RO heeft een prominente rol bij "
    .. "selectie, faciliteren en monitoren van meer tijd voor de patiënt (MTVP) (hoofdstuk 4.1) Stimulering van "
    .. "transformatieplannen binnen innovatief zorgaanbod (hoofdstuk 4.2) Partijen hebben het Integraal Zorg Akkoord (IZA) en "
    .. "Gezond en Actief Leven Akkoord (GALA) ondertekend. Onderwerpen uit het IZA vindt u op meerdere plekken in het "
    .. "zorginkoopbeleid, informatie over het GALA is met name opgenomen in hoofdstuk 4.1. Innovatief zorgaanbod is gewijzigd "
    .. "naar impactvolle transformaties",
  why = "overzicht van de wijzigingen: speerpunten en visie (hoofdstuk 4), geen eis aan de zorgaanbieder" }
not_encoded { section = "1", quote = "is toegevoegd dat Zorg en Zekerheid in alle gevallen het recht behoudt om voor haar moverende "
    .. "redenen geen zorgovereenkomst af te sluiten",
  why = "overzicht van de wijzigingen; het voorbehoud staat in 5.3, 5.4 en 5.5, voor nieuwe aanbieders gecodeerd als "
     .. "moverende_redenen (5.4)" }
not_encoded { section = "1", quote = "is informatie toegevoegd over het tussentijds aanvragen van een zorgovereenkomst",
  why = "overzicht van de wijzigingen; kondigt informatie aan die de tekst van 5.4 niet geeft: een aanvraag in 2024 is een "
     .. "beoordelingspunt (aanvraag_in_contractjaar) met de ingangsdatum als keuze (mid_year_start)" }

scope { section = "2.1", kinds = { "wsv", "ro", "huisartsenpraktijk" },
  quote = { "Dit zorginkoopbeleid behandelt specifiek Organisatie en infrastructuur (O&I) in de regio van Zorg en Zekerheid",
            "Dit gebeurt zowel op wijkniveau als op regionaal niveau" },
  text = "Dit zorginkoopbeleid behandelt Organisatie en infrastructuur (O&I) op wijk- en regioniveau en praktijkmanagement" }

-- 3 Visie en 4 Speerpunten: vision, the tasks of the RO and speerpunten, no requirement a provider meets or fails.
local visie = "visie en uitgangspunten, geen eis aan de zorgaanbieder"
local taak_ro = "beschrijft de taken van de RO (visie), geen toetsbare eis voor de zorgovereenkomst; de invulling volgt uit "
             .. "regioplan en jaarplan (5.3)"
local s3 = "S3-zorgvernieuwing: een aparte aanvraag met een eigen beoordeling, geen voorwaarde voor deze zorgovereenkomsten"
not_encoded { section = "3.1", quote = "De zorg moet passen bij de populatie, op wijkniveau of regioniveau", why = visie }
not_encoded { section = "3.1", quote = "multidisciplinaire (keten)zorg voor patiënten met een chronische ziekte en bewaken van de kwaliteit", why = taak_ro }
not_encoded { section = "3.1", quote = "Realiseren van samenhang met en tussen wijksamenwerkingsverbanden", why = taak_ro }
not_encoded { section = "3.1", quote = "Leidraad hierbij is het regiobeeld en het regioplan", why = taak_ro }
not_encoded { section = "3.1", quote = "Verantwoordelijkheid voor het maken van transmurale afspraken", why = taak_ro }
not_encoded { section = "3.1", quote = "Bepalen en regie voeren op onderwerpen die doelmatiger op regionaal niveau opgepakt kunnen worden", why = taak_ro }
not_encoded { section = "3.1", quote = "ten minste onderwerpen als opschaling van transmurale afspraken, impactvolle transformaties", why = taak_ro }
not_encoded { section = "3.1", quote = "Bij digitalisering denken we aan het ondersteunen, coördineren en versnellen van digitale transformatie", why = taak_ro }
not_encoded { section = "3.1", quote = "waarborgen van de continuïteit in de regio door knelpunten in het aanbod te signaleren", why = taak_ro }
not_encoded { section = "3.2", quote = "Afhankelijk van het thema dient hierin opgetrokken te worden met relevante stakeholders",
  why = "inhoud van de resultaatsafspraken per regio met de RO, geen voorwaarde voor de zorgovereenkomst" }
not_encoded { section = "4.1", quote = "Zorg en Zekerheid focust tenminste de komende drie jaar op ouderenzorg",
  why = "speerpunten van Zorg en Zekerheid als input voor de plannen van RO en WSV's, geen eis aan de zorgaanbieder" }
not_encoded { section = "4.1", quote = "Zorgprofessionals binnen het WSV kennen de wijkpopulatie als geen ander", why = visie }
not_encoded { section = "4.1", quote = "Beleidsonderwerpen die belangrijk zijn voor een groter geografisch gebied moet de RO nadrukkelijk oppakken", why = taak_ro }
not_encoded { section = "4.1", quote = "De prestatie O&I regiomanagement zal vooralsnog geen grote wijzingen ondergaan en betreft het maken van een budgetafspraak",
  why = "beschrijft de bekostiging: de budgetafspraak is in het aanbod het tarief per verzekerde op basis van het jaarbudget "
     .. "(6.1); de hoogte wordt afgesproken, geen voorwaarde voor de zorgovereenkomst" }
not_encoded { section = "4.1", quote = "het lukt hen niet allemaal voldoende gehoor te geven aan de zorgvragen die hen worden gesteld. "
    .. "Tegelijkertijd zien we dat samenwerking met de Specialist Ouderengeneeskunde nog niet optimaal wordt ingezet", why = visie }
not_encoded { section = "4.1", quote = "Vanuit de O&I worden geen kosten vergoed voor deelname aan een GPO",
  why = "inhoud van de bekostiging (wat het O&I-budget niet vergoedt), geen voorwaarde voor de zorgovereenkomst" }
not_encoded { section = "4.1", quote = "dient de focus dan ook te liggen op gezondheid en zelfredzaamheid van mensen", why = visie }
not_encoded { section = "4.1", quote = "zowel in het gemeentelijk domein als het domein van de zorgverzekeringswet faciliteiten beschikbaar te zijn", why = visie }
not_encoded { section = "4.1", quote = "De richtlijn geeft aan dat bij de groep met een hoog risico een valanalyse afgenomen zou moeten worden",
  why = "beschrijft de richtlijn valpreventie (visie), geen eis aan de zorgaanbieder" }
not_encoded { section = "4.1", quote = "Mentaal welbevinden is echter niet altijd een zorgvraag", why = visie }
not_encoded { section = "4.3", quote = "(Aanvullende) kwaliteit beloont. Een aanvulling is op S1 en S2. Een gunstige prijs-kwaliteitverhouding "
    .. "heeft. Prikkelt op uitkomst", why = s3 }
not_encoded { section = "4.3", quote = "Stap 2: Stuur uw aanvraag in Betreft uw aanvraag alleen huisartsenzorg", why = s3 }
not_encoded { section = "4.3", quote = "Nee, het project kan nog niet starten, want er mist nog relevante informatie. Nee, de aanvraag "
    .. "heeft nu geen prioriteit", why = s3 }
not_encoded { section = "4.3", quote = "Nee, het project kan niet starten op kosten of met inzet van Zorg en Zekerheid", why = s3 }
not_encoded { section = "4.4", quote = "Digitale zorg kan hieraan bijdragen, waarbij digitalisering geen doel op zich is", why = visie }
not_encoded { section = "4.4", quote = "Daarbij werken zij in 3 jaar toe naar 70% hybride zorgpaden en zorgprocessen met minimaal 50% inclusie",
  why = "landelijke ambitie van veldpartijen en zorgverzekeraars (IZA, WOZO), geen eis aan de zorgaanbieder" }
not_encoded { section = "4.4", quote = "Niet het digitale informatiesysteem, maar de zorg voor en gezondheid van de patiënt moeten leidend zijn", why = visie }

-- 5.1 Minimum- en kwaliteitseisen: O&I-wijkmanagement (WSV) -----------------------------------------------
not_encoded { section = "5.1", quote = "Zorgaanbieders komen mogelijk in aanmerking voor een zorgovereenkomst als zij voldoen aan de eisen die Zorg en Zekerheid stelt",
  why = "inleiding op de eisen hieronder, die elk als regel van 5.1 zijn gecodeerd; 'mogelijk' is de weging van 5.4 "
     .. "(moverende_redenen)" }
not_encoded { section = "5.1", quote = "Het Algemeen zorginkoopbeleid beschrijft de algemene minimum- en kwaliteitseisen",
  why = "verwijst naar het algemeen zorginkoopbeleid, dat niet bij de bronnen hoort" }
rule { "wsv_deelnemers_gecontracteerd", section = "5.1", applies = wsv,
  text = "Deelnemende zorgaanbieders aan het WSV hebben een geldige zorgovereenkomst met Zorg en Zekerheid op het eigen vakgebied",
  quote = "Deelnemende zorgaanbieders aan het WSV hebben een geldige zorgovereenkomst met Zorg en Zekerheid op het eigen vakgebied",
  require = is_true "participants_contracted" }
rule { "wsv_aansluitovereenkomst", section = "5.1", applies = wsv,
  text = "Er is een aansluitovereenkomst tussen WSV en deelnemende zorgaanbieders",
  quote = "Er is sprake van een aansluitovereenkomst tussen WSV en deelnemende zorgaanbieders",
  require = is_true "aansluitovereenkomst" }
rule { "wsv_agb_gekoppeld", section = "5.1", applies = wsv,
  text = "De deelnemende zorgaanbieders zijn in het Vektis AGB-register gekoppeld aan het WSV",
  quote = "De deelnemende zorgaanbieders zijn in het Vektis AGB-register gekoppeld aan het WSV",
  require = is_true "agb_linked" }
rule { "wsv_geografisch_logisch", section = "5.1", applies = wsv,
  text = "Het WSV richt zich op de inwoners van een geografisch logische wijk, in verband met het sociale domein in die wijk",
  quote = "Het WSV richt zich op de inwoners van een geografisch logische wijk welke in verband staat tot het aanbod van het sociale domein in die wijk",
  require = is_true "geographic_logical" }
rule { "wsv_multidisciplinair_bestuur", section = "5.1", applies = wsv,
  text = "Het WSV heeft een multidisciplinair bestuur van (openbaar) apotheker, huisarts, paramedicus en/of wijkverpleegkundige",
  quote = "Het WSV heeft een multidisciplinair bestuur dat bestaat uit een (openbaar) apotheker, huisarts, paramedicus en/of wijkverpleegkundige",
  require = is_true "multidisciplinary_board" }
rule { "wsv_poh", section = "5.1", applies = wsv,
  text = "Alle deelnemende huisartsen beschikken over een POH-S en een POH-GGZ die voldoen aan de voorwaarden van Zorg en Zekerheid",
  quote = "Alle deelnemende huisartsen van het WSV beschikken over een POH-S en een POH-GGZ die voldoen aan de voorwaarden van Zorg en Zekerheid",
  require = is_true "gps_have_poh" }
rule { "wsv_gegevensuitwisseling", section = "5.1", applies = wsv,
  text = "De relevante patiëntgegevens zijn binnen wet- en regelgeving uitwisselbaar tussen de relevante zorgaanbieders",
  quote = "De relevante patiëntgegevens zijn binnen wet- en regelgeving uitwisselbaar tussen de relevante zorgaanbieders",
  require = is_true "data_exchange" }
rule { "wsv_ggz_programma", section = "5.1", applies = all { wsv, is_true "offers_ggz_programme" },
  text = "Biedt het WSV een GGZ-programma aan, dan is er een eenduidig aanbod van e-mental health, beslisondersteuning en eventueel consultatie",
  quote = "Als het WSV een GGZ-programma aanbiedt, is er sprake van een eenduidig aanbod van e-mental health, beslisondersteuning en eventueel consultatie",
  require = is_true "uniform_emental_health" }
rule { "wsv_vecozo", section = "5.1", applies = wsv,
  text = "Een VECOZO-certificaat voor het afsluiten van een zorgovereenkomst",
  quote = "Een VECOZO-certificaat voor het afsluiten van een zorgovereenkomst",
  require = is_true "vecozo_certificate" }
rule { "wsv_fysiotherapie", section = "5.1", applies = wsv,
  text = "De deelnemende fysiotherapiepraktijk heeft een zorgovereenkomst fysiotherapie met tariefgroep A of B",
  quote = "Deelnemende fysiotherapiepraktijk heeft zorgovereenkomst fysiotherapie met een tariefgroep A, B bij Zorg en Zekerheid",
  require = one_of("fysio_tariefgroep", { "A", "B" }) }
rule { "wsv_fysiotherapie_b", section = "5.1", applies = wsv,
  text = "Voorkeur voor tariefgroep A: het WSV/de RO beoordeelt of een praktijk met een B-zorgovereenkomst afdoende is",
  quote = "Voorkeur gaat uit naar een praktijk zorgovereenkomst tariefgroep A WSV/RO beoordeelt of een fysiotherapiepraktijk "
    .. "met een B-zorgovereenkomst afdoende is voor deelname aan het WSV",
  review_if = equals("fysio_tariefgroep", "B") }
not_encoded { section = "5.1", quote = "Voor gevorderd WSV; eventueel op regio- /clusterniveau gezamenlijke speerpunten met gemeente/sociaal wijkteam door WSV",
  why = "mogelijkheid voor een gevorderd WSV ('eventueel'), geen eis" }
rule { "wsv_certificering", section = "5.1", applies = wsv,
  text = "Het WSV is binnen vijf jaar na het officieel opstarten gecertificeerd volgens HKZ, NEN-EN 15224 of NPA, of heeft "
    .. "een andere accreditatie die Zorg en Zekerheid na overleg goedkeurde",
  quote = { "Daarnaast is het WSV binnen vijf jaar na het officieel opstarten gecertificeerd volgens HKZ, NEN-EN 15224 "
    .. "(ISO 9001 voor de zorg) of NPA zorggroepcertificering",
            "Andere gelijksoortige vormen van accreditatie zijn alleen mogelijk na overleg en met goedkeuring door Zorg en Zekerheid" },
  require = any { is_true "certified", is_true "accreditation_approved",
                  on_or_after("started_on", param "wsv_certificering_gestart_vanaf") } }
rule { "wsv_certificering_termijn", section = "5.1", applies = all { wsv, is_false "certified", is_false "accreditation_approved" },
  text = "Certificering (HKZ, NEN-EN 15224 of NPA) binnen vijf jaar na de officiële start; het WSV rapporteert erover in het kwaliteitsjaarverslag",
  quote = { "binnen vijf jaar na het officieel opstarten gecertificeerd volgens HKZ, NEN-EN 15224 (ISO 9001 voor de zorg) of NPA",
            "Het WSV rapporteert hierover in het Kwaliteitsjaarverslag" },
  interpretation = "Een WSV dat nog niet gecertificeerd is maar binnen de vijf jaar valt, krijgt de certificering als "
     .. "voorwaarde bij de overeenkomst",
  condition_if = on_or_after("started_on", param "wsv_certificering_gestart_vanaf") }


-- 5.1 Minimum- en kwaliteitseisen: O&I-regiomanagement (RO) -----------------------------------------------
rule { "ro_wsvs_gecontracteerd", section = "5.1", applies = ro,
  text = "Alle deelnemende WSV's aan de RO hebben een zorgovereenkomst O&I-wijkmanagement",
  quote = "Alle deelnemende WSV’s aan de RO hebben een zorgovereenkomst O&I-wijkmanagement",
  require = is_true "participants_contracted" }
rule { "ro_aansluitovereenkomst", section = "5.1", applies = ro,
  text = "Er is een aansluitovereenkomst tussen de RO en de deelnemende WSV's",
  quote = "Er is sprake van een aansluitovereenkomst tussen de RO en de deelnemende WSV’s",
  require = is_true "aansluitovereenkomst" }
rule { "ro_agb_gekoppeld", section = "5.1", applies = ro,
  text = "De deelnemende WSV's zijn in het Vektis AGB-register gekoppeld aan de RO",
  quote = "De deelnemende WSV’s zijn in het Vektis AGB-register gekoppeld aan de RO",
  require = is_true "agb_linked" }
rule { "ro_aaneengesloten_regio", section = "5.1", applies = ro,
  text = "De RO richt zich op de inwoners van een geografisch logisch aaneengesloten regio",
  quote = "De RO richt zich op de inwoners van een geografisch logisch aaneengesloten regio",
  require = is_true "geographic_logical" }
rule { "ro_governance", section = "5.1", applies = ro,
  text = "De RO wordt multidisciplinair bestuurd en conformeert zich aan de recentste Governancecode Zorg",
  quote = "De RO wordt multidisciplinair bestuurd en conformeert zich aan de recentste Governancecode Zorg",
  interpretation = "Het schema heeft één veld voor het bestuur (multidisciplinary_board): voor een RO staat het voor het "
     .. "multidisciplinaire bestuur en de Governancecode Zorg samen",
  require = is_true "multidisciplinary_board" }
rule { "ro_sturing_kwaliteit", section = "5.1", applies = ro,
  text = "De RO stuurt actief op de kwaliteitsverbetering en de doelmatigheid binnen de deelnemende WSV's",
  quote = "De RO stuurt actief op de kwaliteitsverbetering en de doelmatigheid binnen de deelnemende WSV’s",
  require = is_true "ro_steers_quality" }
rule { "ro_informatiesysteem", section = "5.1", applies = ro,
  text = "De RO stuurt actief op een uniform informatiesysteem binnen de deelnemende WSV's",
  quote = { "De RO stuurt actief op een uniform informatiesysteem binnen de deelnemende WSV’s",
            "De regio-organisatie draagt zorg voor een adequate uitwisseling van samengevoegde gegevens. Zij realiseert daarvoor "
              .. "een uniform informatiesysteem in en tussen de deelnemende wijksamenwerkingsverbanden" },
  interpretation = "Het schema heeft één veld voor de gegevensuitwisseling (data_exchange): voor een RO staat het voor "
     .. "de sturing op een uniform informatiesysteem",
  require = is_true "data_exchange" }
rule { "ro_e_mental_health", section = "5.1", applies = ro,
  text = "De RO ondersteunt de WSV's met de keus voor een eenduidig aanbod van e-mental health, beslisondersteuning en eventueel consultatie",
  quote = "De RO ondersteunt de WSV’s met de keus voor een eenduidig aanbod van e-mental health, beslisondersteuning en eventueel consultatie",
  require = is_true "uniform_emental_health" }
rule { "ro_vecozo", section = "5.1", applies = ro,
  text = "Een VECOZO-certificaat voor het afsluiten van een zorgovereenkomst",
  quote = "Een VECOZO-certificaat voor het afsluiten van een zorgovereenkomst",
  require = is_true "vecozo_certificate" }
rule { "ro_wtza", section = "5.1", applies = ro,
  text = "De RO heeft een Wtza-vergunning of heeft die aangevraagd vóór {wtza_aangevraagd_voor}",
  quote = "De RO heeft een Wtza-vergunning of heeft die aangevraagd voor 1 januari 2024",
  require = any { is_true "wtza_license", before("wtza_applied_date", param "wtza_aangevraagd_voor") } }

not_encoded { section = "5.1", quote = "Tevens draagt de RO zorg voor de opschaling van bewezen innovaties en andere initiatieven in de regio",
  why = "taak van de RO zonder toetsbaar criterium; de invulling volgt uit het jaarplan (5.3)" }

-- 5.3 Informatie voor gecontracteerde zorgaanbieders: jaarplan en begroting -------------------------------
not_encoded { section = "5.3", quote = "Alle zorgaanbieders die in 2023 een zorgovereenkomst hadden met Zorg en Zekerheid, die voldoen aan "
    .. "de eisen in het Algemeen zorginkoopbeleid",
  why = "verwijst naar het algemeen zorginkoopbeleid, dat niet bij de bronnen hoort; de eisen van 5.1 zijn regels die ook "
     .. "voor gecontracteerde aanbieders gelden, en wie eraan voldoet krijgt het aanbod" }
not_encoded { section = "5.3", quote = "Zorg en Zekerheid behoudt zich in alle gevallen het recht voor om voor haar moverende redenen geen "
    .. "zorgovereenkomst af te sluiten met zorgaanbieders",
  why = "voorbehoud zonder toetsbaar criterium; voor gecontracteerde aanbieders niet als beoordelingspunt gecodeerd (voor "
     .. "nieuwe aanbieders wel: moverende_redenen, 5.4)" }
-- "Gecontracteerde regio-organisaties dienen een meerjaren-/jaarplan in ... voor 1 oktober 2023" (5.3);
-- 6.3 lists 1 October as the last day and adds "Uitstel na 1 oktober is niet mogelijk".
local contracted_ro = all { ro, is_true "contracted_last_year" }
rule { "ro_jaarplan_indienen", section = "5.3", applies = contracted_ro,
  text = "De RO dient het (meerjaren)jaarplan met begroting van zichzelf en de aangesloten WSV's gezamenlijk in voor 1 oktober 2023",
  quote = { "Gecontracteerde regio-organisaties dienen een meerjaren-/jaarplan in met een bijbehorende begroting",
            "De RO’s dienen de plannen van henzelf en de aangesloten WSV’s gezamenlijk in",
            "Het mag ook samengevoegd zijn tot één integraal jaarplan van RO en aangesloten WSV’s" },
  interpretation = "5.3 zegt niet wat volgt zolang het jaarplan er niet is: de overeenkomst wordt aangeboden onder de "
     .. "voorwaarde dat het tijdig komt. Aparte plannen of één integraal jaarplan tellen gelijk: alleen de datum weegt",
  condition_if = absent "annual_plan_date" }
rule { "ro_jaarplan_op_uiterste_datum", section = "5.3", applies = contracted_ro,
  text = "Jaarplan op {jaarplan_deadline} ingediend: 5.3 zegt 'voor 1 oktober 2023', 6.3 noemt 1 oktober als uiterste datum",
  quote = "met een bijbehorende begroting via zorginkoop.huisartsen@zorgenzekerheid.nl voor 1 oktober 2023",
  interpretation = "5.3 zegt 'voor 1 oktober 2023', de planning (6.3) noemt 1 oktober als uiterste datum: een jaarplan "
     .. "dat op die dag komt is een beoordelingspunt",
  review_if = all { known "annual_plan_date", equals("annual_plan_date", param "jaarplan_deadline") } }
rule { "ro_jaarplan_te_laat", section = "6.3", applies = contracted_ro,
  text = "Jaarplan en begroting na {jaarplan_deadline} ingeleverd: mogelijk een afslag op het tarief of geen zorgovereenkomst",
  quote = "Uitstel na 1 oktober is niet mogelijk. Als u de begroting en het jaarplan te laat inlevert, betekent dit "
    .. "mogelijk in een afslag op het tarief of geen zorgovereenkomst",
  interpretation = "'Mogelijk' een afslag of geen zorgovereenkomst: Zorg en Zekerheid kiest, dus een beoordelingspunt en "
     .. "geen weigering",
  review_if = all { known "annual_plan_date", after("annual_plan_date", param "jaarplan_deadline") } }

-- 5.4 Informatie voor niet-gecontracteerde zorgaanbieders -----------------------------------------------
zz.applications { section = "5.4", deadline = "2023-08-31", year = 2024, mid_year = false }
encodes { "aanvraag_deadline", quote = "dan kunt u uw aanvraag voor 1 september 2023 indienen" }
encodes { "niet_aangevraagd", quote = "Wanneer u als niet-gecontracteerde zorgaanbieder in aanmerking wilt komen voor een "
  .. "zorgovereenkomst 2024, dan kunt u uw aanvraag voor 1 september 2023 indienen onder vermelding van ‘Verzoek "
  .. "zorgovereenkomst multidisciplinaire zorg’" }
encodes { "aanvraag_na_termijn", quote = "dan kunt u uw aanvraag voor 1 september 2023 indienen" }
encodes { "aanvraag_in_contractjaar", quote = "in aanmerking wilt komen voor een zorgovereenkomst 2024" }
encodes { "aanvraag_na_contractjaar", quote = "Aanvragen zorgovereenkomst 2024" }
encodes { "moverende_redenen", quote = {
  "Niet-gecontracteerde zorgaanbieders komen mogelijk in aanmerking voor een zorgovereenkomst",
  "Hierbij houdt Zorg en Zekerheid onder andere rekening met het huidige gecontracteerde aanbod, de focus op de regio, de "
    .. "aanwezigheid van Zorg en Zekerheid-verzekerden en het voldoen aan de zorgplicht",
  "Zorg en Zekerheid behoudt zich in alle gevallen het recht voor om voor haar moverende redenen geen zorgovereenkomst af te "
    .. "sluiten met zorgaanbieders" } }
not_encoded { section = "5.4", quote = "indien zij voldoen aan de eisen in het Algemeen zorginkoopbeleid",
  why = "verwijst naar het algemeen zorginkoopbeleid, dat niet bij de bronnen hoort" }

-- 5.5 Wijksamenwerkingsverband ------------------------------------------------------------------------------
not_encoded { section = "5.5", quote = "Wanneer er geen wijksamenwerkingsverband is in de wijk van de praktijk, dan kan een huisarts een "
    .. "samenwerking binnen een WSV verkennen",
  why = "mogelijkheid en procesafspraak (een nieuw WSV verkennen), geen eis; praktijkmanagement krijgt alleen een praktijk "
     .. "in een WSV (praktijkmanagement_wsv, 6.1)" }
not_encoded { section = "5.5", quote = "Zorg en Zekerheid behoudt zich in alle gevallen het recht voor om voor haar moverende redenen geen "
    .. "zorgovereenkomst af te sluiten met zorgaanbieders",
  why = "herhaalt het voorbehoud voor een nieuw WSV; voor nieuwe aanbieders gecodeerd als moverende_redenen (5.4)" }

-- 6.1 Bepalen van de tarieven: praktijkmanagement ---------------------------------------------------------
rule { "praktijkmanagement_wsv", section = "6.1", applies = gp,
  text = "Praktijkmanagement is een bekostiging voor huisartsen die deelnemen in een WSV",
  quote = "Het betreft een bekostiging voor huisartsen die deelnemen in een WSV",
  require = is_true "in_wsv" }

not_encoded { section = "6.1", quote = "Per 2024 is het niet meer nodig voor WSV’s om een begroting in te dienen volgens het Zorg en Zekerheid begrotingsformat",
  why = "vrijstelling: van een WSV vraagt het beleid geen begroting, dus ook geen regel" }
not_encoded { section = "6.1", quote = "Op het moment van publicatie van het Zorginkoopbeleid is nog niet bekend wat de hoogte van de tarieven zal zijn",
  why = "beschrijft de zorgverzekeraar zelf, geen eis; de tarieftekst van het aanbod noemt het, zonder bedrag" }
not_encoded { section = "6.1", quote = "Het is niet nodig een begroting in te dienen bij Zorg en Zekerheid. Wel adviseren we een interne "
    .. "begroting, afgestemd binnen de regio, te hanteren, omdat achteraf wel financiële verantwoording moet worden afgelegd",
  why = "vrijstelling en advies; de financiële verantwoording achteraf is geen voorwaarde voor de zorgovereenkomst 2024" }
not_encoded { section = "6.1", quote = "Onderdelen die geen betrekking hebben op Zvw zorg , zoals bijvoorbeeld zorg die vanuit de "
    .. "aanvullende verzekering gefinancierd wordt, kan alleen in de plannen en begrotingen worden opgenomen",
  why = "gaat over de inhoud van plannen en begrotingen (de budgetafspraak), niet over het aanbieden van de zorgovereenkomst" }

-- 6.2 Aanbod van de zorgovereenkomsten, 6.3 Planning ----------------------------------------------------------
not_encoded { section = "6.2", quote = "U dient tijdig een certificaat aan te vragen bij VECOZO om de zorgovereenkomst te kunnen inzien en ondertekenen",
  why = "procesafspraak; voor WSV en RO is het VECOZO-certificaat een eis van 5.1 (wsv_vecozo, ro_vecozo), voor "
     .. "praktijkmanagement niet als eis gecodeerd" }
not_encoded { section = "6.3", quote = "Voor WSV’s geldt dat alleen bij bijzonderheden een gesprek gepland wordt om de documenten te bespreken",
  why = "procesafspraak zonder gevolg voor het besluit" }

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

-- 7 Heeft u vragen? (disclaimer) ---------------------------------------------------------------------------
not_encoded { section = "7", quote = "Zorg en Zekerheid behoudt zich uitdrukkelijk het recht voor om het zorginkoopbeleid en de "
    .. "bijbehorende zorginkoopprocedure op enig moment aan te passen",
  why = "beschrijft de zorgverzekeraar zelf (voorbehoud om het beleid te wijzigen), geen eis" }
not_encoded { section = "7", quote = "Zorg en Zekerheid behoudt zich ook het recht voor om het zorginkoopbeleid verder aan te vullen",
  why = "beschrijft de zorgverzekeraar zelf (voorbehoud om het beleid te wijzigen), geen eis" }

-- What the Zorg en Zekerheid purchasing policies share (GGZ, multidisciplinaire zorg and
-- medisch-specialistische zorg 2024 use the same words for applications, the right to refuse and
-- contract start). Each function declares the rules of the calling policy, citing the section the
-- caller gives: the documents number these paragraphs differently.
--
-- The documents all defer to an "Algemeen zorginkoopbeleid" that is not among inkoop's sources:
-- its general minimum and quality requirements are not encoded (see README).

local zz = {}

zz.insurer = "Zorg en Zekerheid"

-- A provider without a contract of this care type in the year before the contract year.
zz.new_provider = is_false "contracted_last_year"

-- "Aanvragen zorgovereenkomst": a new provider applies before the deadline; one that applies
-- during the contract year itself gets a contract from the first day of the month it applied
-- ("tussentijds aanvragen"). The document also reserves the right to refuse for its own reasons
-- ("voor haar moverende redenen") and weighs each request: that judgement is a review point.
--   t.section      the section that says so
--   t.deadline     last day of the regular round (ISO date)
--   t.year         the contract year
--   t.mid_year     whether the document has the "tussentijds aanvragen" route
--   t.ambiguous_on a day the document both includes and excludes (a review point), optional
-- The deadline is a parameter (aanvraag_deadline, or aanvraag_twijfeldag for the ambiguous day,
-- after which an application is late); the contract year's bounds are fixed.
function zz.applications(t)
  local year_start = fixed(string.format("%d-01-01", t.year), "het contractjaar")
  local late_after
  if t.ambiguous_on then
    param { "aanvraag_twijfeldag", type = "date", default = t.ambiguous_on, section = t.section,
      doc = t.section .. ": de tekst noemt aanvragen 'voor' deze dag, de planning deze dag als uiterste datum; "
         .. "een aanvraag op deze dag is een beoordelingspunt, een aanvraag erna is na de termijn" }
    late_after = param "aanvraag_twijfeldag"
  else
    param { "aanvraag_deadline", type = "date", default = t.deadline, section = t.section,
      doc = t.section .. ": de uiterste datum om een zorgovereenkomst aan te vragen (de laatste dag)" }
    late_after = param "aanvraag_deadline"
  end
  rule { "niet_aangevraagd", section = t.section, applies = zz.new_provider,
    text = "Een niet-gecontracteerde zorgaanbieder vraagt een zorgovereenkomst aan (geen aanvraag bekend)",
    refuse_if = absent "application_date" }
  if t.ambiguous_on then
    rule { "aanvraagtermijn_onduidelijk", section = t.section, applies = zz.new_provider,
      text = "Aanvraag op {aanvraag_twijfeldag}: de tekst noemt 'voor' die dag, de planning die dag als uiterste datum",
      review_if = equals("application_date", late_after) }
  end
  rule { "aanvraag_na_termijn", section = t.section, applies = zz.new_provider,
    text = "Aanvraag na {" .. (t.ambiguous_on and "aanvraag_twijfeldag" or "aanvraag_deadline")
        .. "} maar vóór het contractjaar: het beleid zegt niet wat dan geldt",
    review_if = all { after("application_date", late_after), before("application_date", year_start) } }
  if t.mid_year then
    rule { "tussentijdse_aanvraag", section = t.section, applies = zz.new_provider,
      text = "Tussentijds aanvragen: Zorg en Zekerheid is terughoudend; bij goedkeuring een zorgovereenkomst per de eerste kalenderdag van de maand van aanvragen",
      review_if = on_or_after("application_date", year_start) }
  else
    rule { "aanvraag_in_contractjaar", section = t.section, applies = zz.new_provider,
      text = "Aanvraag in het contractjaar: hoofdstuk 1 noemt tussentijds aanvragen, de tekst beschrijft het niet",
      review_if = on_or_after("application_date", year_start) }
  end
  rule { "aanvraag_na_contractjaar", section = t.section, applies = zz.new_provider,
    text = string.format("Een aanvraag na afloop van contractjaar %d valt niet onder dit beleid", t.year),
    refuse_if = after("application_date", fixed(string.format("%d-12-31", t.year), "het contractjaar")) }
  rule { "moverende_redenen", section = t.section, applies = zz.new_provider,
    text = "Zorg en Zekerheid weegt de aanvraag (gecontracteerd aanbod, focus op de regio, aanwezigheid van verzekerden, zorgplicht) en behoudt zich het recht voor om voor haar moverende redenen geen zorgovereenkomst af te sluiten",
    review_if = always }
end

-- The regular round: a contracted provider, or a new one that applied by `last_day` (ISO date).
-- Only they are offered a contract in the round, with its sign-by date (6.3); a provider that
-- applied later, or during the contract year ("tussentijds aanvragen"), is offered one
-- outside it, and the policy gives no date to sign by.
function zz.offered_in_round(p, last_day)
  return p.contracted_last_year or p.application_date <= date(last_day)
end

-- The first day of the contract: 1 January of `year`, or, where the document has mid-year
-- applications, for a new provider that applied during the contract year the first day of the
-- month of its application ("per de eerste kalenderdag van de maand van aanvragen"), or of the
-- month after it when `month_after` is set (a reading some policies leave open).
function zz.contract_start(p, year, mid_year, month_after)
  local first_day = date(year, 1, 1)
  if mid_year and not p.contracted_last_year and p.application_date >= first_day then
    local start = p.application_date:first_of_month()
    if month_after then start = start:add_months(1) end
    return start
  end
  return first_day
end

return zz

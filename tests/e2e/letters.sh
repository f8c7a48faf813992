#!/usr/bin/env bash
# `inkoop letters` end to end on tests/e2e/letters/providers.csv (Salland GGZ 2024): one provider of
# each kind of letter (offer; refusal; refusal with facts still unknown; incomplete; review; out of
# scope), a provider whose name is hostile text, and a row with a bad AGB code.
#  - PDF (Chromium): pdftotext finds, for each letter, what the decision of the same list says
#    (batch's JSON Lines): every ground and review point with its section and the document's words,
#    the contract period and sign-by date, the questions of the missing and unknown facts; the
#    policy version neither in the text nor in the PDF's title; and the hostile name literally. (-raw: the text in the order drawn, a
#    hyphen at the end of a line kept.)
#  - HTML and Markdown: the hostile name is text, never markup; the index lists the rejected row.
#  - --lang en, --agb, no letter out of scope unless --include-out-of-scope, a non-empty output folder, no browser and a browser that
#    dies, a forbidden template tag, an unknown placeholder in `inkoop check`, and `inkoop verify`.
# Usage: letters.sh INKOOP PYTHON
set -euo pipefail
inkoop=$1
python=$2
here=$(cd "$(dirname "$0")/../.." && pwd)
list=$here/tests/e2e/letters/providers.csv
tmp=$(mktemp -d /tmp/inkoop-letters-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
policy=salland/ggz-2024
fail() { echo "FAIL: $*" >&2; exit 1; }
# Runs inkoop, expects exit status $1; its standard error goes to $tmp/err.
expect() {
  local want=$1; shift
  local rc=0
  "$inkoop" "$@" >"$tmp/out" 2>"$tmp/err" || rc=$?
  [[ $rc == "$want" ]] || { cat "$tmp/err" >&2; fail "inkoop $* exited $rc, not $want"; }
}
last_err() { tail -n 1 "$tmp/err"; }

expect 1 batch --quiet --policy $policy --input "$list" --output "$tmp/run.jsonl"
expect 1 letters --policy $policy --input "$list" --output "$tmp/pdf" --format pdf --date 2023-05-01 --include-out-of-scope
[[ "$(last_err)" == "inkoop: 7 brieven (pdf) in $tmp/pdf, overzicht $tmp/pdf/index.html; 8 invoerregels gelezen, 1 afgekeurd" ]] || fail "pdf: $(last_err)"
grep -qx "inkoop: $list: invoerregel 9: veld 'agb': '12AB' is geen AGB-code van 8 cijfers" "$tmp/err" || fail "the rejected row is not reported"
for f in "$tmp"/pdf/*.pdf; do pdftotext -raw -enc UTF-8 "$f" "${f%.pdf}.txt"; done
expect 1 letters --policy $policy --input "$list" --output "$tmp/html" --date 2023-05-01 --include-out-of-scope
expect 1 letters --policy $policy --input "$list" --output "$tmp/md" --format md --date 2023-05-01 --include-out-of-scope
expect 1 letters --lang en --policy $policy --input "$list" --output "$tmp/en" --date 2023-05-01 --include-out-of-scope
expect 1 letters --policy $policy --input "$list" --output "$tmp/one" --agb 24159851 --date 2023-05-01

"$python" - "$tmp" "$here" <<'PY'
import glob, html.parser, json, re, subprocess, sys
tmp, here = sys.argv[1], sys.argv[2]
schema = json.load(open(here + "/policies/schema.json", encoding="utf-8"))
question = {f["name"]: f["question"] for g in schema["groups"] for f in g["fields"]}
months = "januari februari maart april mei juni juli augustus september oktober november december".split()
def prose(iso):  # 2024-01-01 -> 1 januari 2024
    y, m, d = (int(x) for x in iso.split("-"))
    return f"{d} {months[m - 1]} {y}"
def squash(s):  # pdftotext breaks lines where the page does: compare without whitespace
    return re.sub(r"\s+", "", s)
def has(text, want, where):
    assert squash(want) in squash(text), f"{where}: missing {want!r}"

records = {r["agb"]: r for r in map(json.loads, open(tmp + "/run.jsonl", encoding="utf-8")) if "error" not in r}
index = json.load(open(tmp + "/pdf/index.json", encoding="utf-8"))
rows = [(r["row"], r["agb"], r.get("outcome"), r["status"], r.get("file")) for r in index["rows"]]
assert rows == [
    (2, "91102441", "offer", "letter", "91102441.pdf"),
    (3, "24159851", "refuse", "letter", "24159851.pdf"),
    (4, "42680052", "refuse", "letter", "42680052.pdf"),
    (5, "42537895", "incomplete", "letter", "42537895.pdf"),
    (6, "22185250", "review", "letter", "22185250.pdf"),
    (7, "30815442", "out_of_scope", "letter", "30815442.pdf"),
    (8, "11111111", "offer", "letter", "11111111.pdf"),
    (9, "12AB", None, "rejected", None),
], rows
assert index["rows"][-1]["reason"] == "field 'agb': '12AB' is not an AGB code of 8 digits"
index_row = {r["agb"]: r for r in index["rows"]}

kinds = {"offer": 0, "refuse": 0, "refuse_open": 0, "incomplete": 0, "review": 0, "out_of_scope": 0}
for agb, rec in records.items():
    text = open(f"{tmp}/pdf/{agb}.txt", encoding="utf-8").read()
    where = f"{agb}.pdf"
    has(text, f"AGB-code {agb}", where)
    has(text, "1 mei 2023", where)
    # The policy's version is no part of what a provider reads, its PDF viewer's title bar included:
    # it is in the index and the manifest, which name each letter's file by its SHA-256.
    assert "sha256" not in text and rec["policy_version"].split(":")[-1][:12] not in text, f"{where}: a version in the letter"
    assert "salland/ggz-2024" not in text, f"{where}: the policy id in the letter (its footer)"
    info = subprocess.run(["pdfinfo", f"{tmp}/pdf/{agb}.pdf"], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Title:\s+" + re.escape(f"Salland Zorgverzekeraar · ons kenmerk {index_row[agb]['reference']}") + "$", info,
                     re.M), f"{where}: {info}"
    assert "sha256" not in info and "salland/ggz-2024" not in info, f"{where}: the policy or its version in the PDF's metadata: {info}"
    # At most two pages, and a second page is never the sign-off alone: it keeps the paragraph
    # before it (the questions paragraph) and a heading keeps its text.
    pages = int(re.search(r"^Pages:\s+(\d+)$", info, re.M).group(1))
    assert pages <= 2, f"{where}: {pages} pages"
    if pages == 2:
        last = subprocess.run(["pdftotext", "-f", "2", "-l", "2", "-raw", "-enc", "UTF-8", f"{tmp}/pdf/{agb}.pdf", "-"],
                              capture_output=True, text=True, check=True).stdout
        has(last, "Houd het kenmerk van deze brief bij de hand. Met vriendelijke groet,", where + " page 2")
    for g in rec["grounds"]:
        has(text, f"Paragraaf {g['section']}: {g['text']}", where)
    for g in rec.get("review", []):
        has(text, f"Paragraaf {g['section']}: {g['text']}", where)
    for f in rec.get("missing", []) + rec.get("open_facts", []):
        has(text, question[f]["nl"], where)
    if rec["outcome"] == "offer":
        c = rec["contract"]
        has(text, f"Looptijd: {prose(c['start'])} tot en met {prose(c['end'])} (paragraaf {c['section']})", where)
        has(text, f"Uiterlijk ondertekenen op: {prose(c['sign_by'])}", where)
        # The kind of contract by its label, not its code.
        kind = next(f for g in schema["groups"] for f in g["fields"] if f["name"] == "kind")
        # The kind of contract by its label where it is a kind of provider (vrijgevestigde), else the policy's word (instelling).
        if c["type"] in kind["value_labels"]:
            has(text, "Soort overeenkomst: " + kind["value_labels"][c["type"]]["nl"], where)
            assert "Soort overeenkomst: " + c["type"] + "\n" not in text, f"{where}: the contract's kind as a code"
        else:
            has(text, "Soort overeenkomst: " + c["type"], where)
        has(text, "Tarief: een vast tarief of standaardprijslijst van de verzekeraar (paragraaf 10.1)", where)
        kinds["offer"] += 1
    elif rec["outcome"] == "refuse" and [g["code"] for g in rec["grounds"]] == ["out_of_scope"]:
        has(text, "Uw aanvraag valt buiten het inkoopdomein", where)
        assert "afwijzing" not in text, where  # out of scope is not a refusal
        kinds["out_of_scope"] += 1
    elif rec["outcome"] == "refuse":
        has(text, "Betreft: afwijzing overeenkomst 2024", where)
        # What the refusal means for the provider: the policy's conditions for it (section 12, care
        # without a contract), each with its section.
        assert rec["conditions"], f"{where}: a Salland refusal without section 12's conditions"
        has(text, "Wat dit voor u betekent Volgens ons zorginkoopbeleid geldt verder:", where)
        for c in rec["conditions"]:
            has(text, f"Paragraaf {c['section']}: {c['text']}", where)
        kinds["refuse_open" if rec.get("open_facts") else "refuse"] += 1
        # This list's refusals rest on requirements only (three for 24159851, one for 42680052): one is "eis".
        has(text, "U voldoet niet aan de volgende " + ("eis" if len(rec["grounds"]) == 1 else "eisen") + " uit ons zorginkoopbeleid:",
            where)
    elif rec["outcome"] == "incomplete":
        # Every provider of this list had a contract in 2023: the sign-up deadline for new
        # providers (10.4, 1 juni 2023) is not theirs.
        assert "1 juni 2023" not in text and "nieuwe aanbieder" not in text, f"{where}: the new providers' deadline"
        # How and where to answer, and what happens until then; no date the policy does not give.
        # One question is one question: "de volgende vraag", "uw antwoord", "het".
        one = len(rec["missing"]) == 1
        has(text, "hebben wij nog antwoord nodig op de volgende " + ("vraag:" if one else "vragen:"), where)
        them = "het" if one else "ze"
        has(text, f"Stuur uw {'antwoord' if one else 'antwoorden'} via ons contactformulier (www.eno.nl/contactformulier), met uw "
                  f"AGB-code en het kenmerk van deze brief. Zolang wij {them} niet hebben, kunnen wij niet besluiten of wij u een "
                  f"overeenkomst aanbieden. Wilt u {them} zo spoedig mogelijk sturen?", where)
        kinds["incomplete"] += 1
    else:
        kinds[rec["outcome"]] += 1
    if rec["outcome"] != "refuse" or [g["code"] for g in rec["grounds"]] != ["out_of_scope"]:
        # Contracted in 2023 (the list says so): told so, never that it applied (section 10: it
        # receives an offer of itself).
        has(text, "U heeft in 2023 een overeenkomst met Salland Zorgverzekeraar.", where)
        assert "aangevraagd" not in text, f"{where}: a contracted provider told it applied"
        has(text, "Met vriendelijke groet, Team Zorginkoop GGZ Afdeling Zorginkoop GGZ Salland Zorgverzekeraar", where)
    # Every letter ends with how to ask about it (the letterhead's words, not the policy's contact text
    # for providers who want a contract).
    has(text, "Heeft u vragen over deze brief? Neem dan contact met ons op via ons contactformulier "
              "(www.eno.nl/contactformulier) of telefoonnummer (0570) 68 74 65. Houd het kenmerk van deze brief bij de hand.", where)
    assert "Wilt u een contract met Salland" not in text, f"{where}: the policy's contact text for new providers"
    # The last day to react as a date: the letters' date (1 mei 2023) plus six weeks.
    how = ("Neem dan binnen 6 weken na de datum van deze brief, dus uiterlijk op 12 juni 2023, contact met ons op, via ons "
           "contactformulier (www.eno.nl/contactformulier) of telefoonnummer (0570) 68 74 65. Vermeld daarbij uw AGB-code, het "
           "kenmerk van deze brief en waarom u het er niet mee eens bent.")
    # A refusal asks about the decision; a review letter, which decides nothing yet, about the points it lists.
    if rec["outcome"] == "refuse" and [g["code"] for g in rec["grounds"]] != ["out_of_scope"]:
        has(text, "Bezwaar Bent u het niet eens met dit besluit? " + how, where)
    if rec["outcome"] == "review":
        # One point is one point: "dit punt", "het punt hierboven", "het nader beoordelen".
        if len(rec["review"]) == 1:
            has(text, "Over het volgende punt besluiten wij na een nadere beoordeling:", where)
            has(text, "Niet eens met dit punt? Bent u het niet eens met het punt hierboven, of met het feit dat wij het nader "
                      "beoordelen? " + how, where)
        else:
            has(text, "Over de volgende punten besluiten wij na een nadere beoordeling:", where)
            has(text, "Niet eens met deze punten? Bent u het niet eens met de punten hierboven, of met het feit dat wij ze nader "
                      "beoordelen? " + how, where)
        assert "dit besluit" not in text, f"{where}: a review letter speaks of a decision"
assert kinds == {"offer": 2, "refuse": 1, "refuse_open": 1, "incomplete": 1, "review": 1, "out_of_scope": 1}, kinds
# Exact: the refusal's three grounds and the open fact's question, as the PDF shows them.
refusal = squash(open(tmp + "/pdf/24159851.txt", encoding="utf-8").read())
assert squash("U voldoet niet aan de volgende eisen uit ons zorginkoopbeleid:") in refusal
for want in ["Paragraaf 3.2: Is gevestigd in Nederland", "Paragraaf 3.2: Declareert elektronisch via VECOZO",
             "Paragraaf 3.2: Beschikt over een gecertificeerd VMS of is gecertificeerd op het HKZ-schema voor GGZ-instellingen"]:
    assert squash(want) in refusal, want
# The letter's reference, and the same in the index.
index = json.load(open(tmp + "/pdf/index.json", encoding="utf-8"))
ref = [r["reference"] for r in index["rows"] if r["agb"] == "24159851"][0]
assert re.fullmatch(r"2024-24159851-[0-9]{6}", ref), ref
assert squash("Ons kenmerk: " + ref) in refusal, refusal[:300]
# Each ground says what was found: the provider's own answer against the requirement.
assert squash("Paragraaf 3.2: Is gevestigd in Nederland Uw opgave \u2014 Gevestigd in Nederland: nee") in refusal, refusal
# A provider is never asked the insurer's own facts (fraud investigation, negative statements,
# controls, findings): a refusal that waits on them says only that an internal check is under way.
for f in glob.glob(tmp + "/pdf/*.txt"):
    text = open(f, encoding="utf-8").read()
    for asked in ["Loopt er bij de verzekeraar een fraudeonderzoek naar u?", "negatief uit over de verzekeraar?",
                  "Welk deel van uw patiënten is bij ons verzekerd"]:
        assert asked not in text, (f, asked)
has(open(tmp + "/pdf/42680052.txt", encoding="utf-8").read(), "Nog niet bekend", "42680052.pdf")
has(open(tmp + "/pdf/42680052.txt", encoding="utf-8").read(), "In welk deel (II of III) is uw kwaliteitsstatuut geregistreerd?", "42680052.pdf")
has(open(tmp + "/pdf/42537895.txt", encoding="utf-8").read(), "1. Werkt u aantoonbaar aan patiëntveiligheid, bijvoorbeeld met VIM?", "42537895.pdf")
has(open(tmp + "/pdf/22185250.txt", encoding="utf-8").read(),
    "Paragraaf 10.1: Maatwerkafspraken: persoonlijke inkoopgesprekken over zorg, omzetplafond of aanneemsom en tarieven", "22185250.pdf")

# The hostile name, literally: in the PDF's text, in the HTML's text (and never as markup), and in
# the Markdown as escapes that render to exactly that text.
name = '<b>{{agb}}</b> & "x" =1+1 \x1b[31m| *nadruk* [link](http://x)'
shown = name.replace("\x1b", "\u241b")
pdf_lines = open(tmp + "/pdf/11111111.txt", encoding="utf-8").read().splitlines()
assert shown in pdf_lines, pdf_lines[:12]
class Text(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.text, self.tags = [], []
    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
    def handle_data(self, data):
        self.text.append(data)
page = open(tmp + "/html/11111111.html", encoding="utf-8").read()
p = Text()
p.feed(page)
assert shown in "".join(p.text).splitlines(), "".join(p.text)[:400]
plain = Text()
plain.feed(open(tmp + "/html/91102441.html", encoding="utf-8").read())
assert p.tags == plain.tags, (p.tags, plain.tags)  # the same offer as 91102441's: the name adds no element
assert "default-src 'none'" in page
md = open(tmp + "/md/11111111.md", encoding="utf-8").read()
# Escaped only where Markdown would read markup (no noise in "=1+1" mid-line, "(http://x)").
assert "\\<b\\>{{agb}}\\</b\\> \\& \"x\" =1+1 \u241b\\[31m\\| \\*nadruk\\* \\[link\\](http://x)  \n" in md, md[:300]
index_page = Text()
index_page.feed(open(tmp + "/html/index.html", encoding="utf-8").read())
index_text = "".join(index_page.text)
assert "afgekeurde invoerregel: veld 'agb': '12AB' is geen AGB-code van 8 cijfers" in index_text, index_text
assert shown in index_text

# English on request; the same decision in other words.
en = open(tmp + "/en/24159851.html", encoding="utf-8").read()
assert "Dear Sir or Madam," in en and "Section 3.2" in en and "1 May 2023" in en, en[:600]
# --agb: only that letter; the others are listed, not written.
one = json.load(open(tmp + "/one/index.json", encoding="utf-8"))
assert [(r["agb"], r["status"]) for r in one["rows"]] == [
    ("91102441", "not asked"), ("24159851", "letter"), ("42680052", "not asked"), ("42537895", "not asked"),
    ("22185250", "not asked"), ("30815442", "not asked"), ("11111111", "not asked"), ("12AB", "rejected")]
PY

# The provider's situation decides the opening: a new provider applied (and is given the new
# providers' deadline to answer by, 10.4), a provider whose situation is unknown is told neither.
"$python" - "$list" "$tmp/situations.csv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
incomplete = next(r for r in rows if r["agb"] == "42537895")
with open(sys.argv[2], "w", encoding="utf-8", newline="") as f:
    w = csv.DictWriter(f, fieldnames=list(rows[0].keys()))
    w.writeheader()
    for agb, contracted in (("10000001", "false"), ("10000002", "")):
        w.writerow(dict(incomplete, agb=agb, contracted_last_year=contracted, application_date="2023-04-01"))
# A contracted institution of the sample list (De Horst) that has answered everything asked of it:
# what is still unknown is the insurer's own (whether it is in the tender route, offertetraject).
sample = list(csv.DictReader(open(sys.argv[1].replace("tests/e2e/letters/providers.csv", "scripts/samples/providers.csv"),
                                  encoding="utf-8")))
with open(sys.argv[2].replace("situations.csv", "internal.csv"), "w", encoding="utf-8", newline="") as f:
    w = csv.DictWriter(f, fieldnames=list(sample[0].keys()))
    w.writeheader()
    w.writerow(dict(next(r for r in sample if r["agb"] == "62416679"), agb="10000003"))
PY
expect 0 letters --policy $policy --input "$tmp/situations.csv" --output "$tmp/situations" --format md --date 2023-05-01
expect 0 letters --policy $policy --input "$tmp/internal.csv" --output "$tmp/situations/internal" --format md --date 2023-05-01
"$python" - "$tmp/situations" <<'PY'
import re, sys
def text(agb):  # the Markdown as read: escapes and line breaks away
    return re.sub(r"\s+", " ", re.sub(r"\\(.)", r"\1", open(f"{sys.argv[1]}/{agb}.md", encoding="utf-8").read()))
new, unknown, internal = text("10000001"), text("10000002"), text("internal/10000003")
assert "U heeft een overeenkomst aangevraagd bij Salland Zorgverzekeraar." in new, new
assert "Wij ontvangen uw antwoord graag uiterlijk op 1 juni 2023." in new, new
assert "zo spoedig mogelijk" not in new, new  # the policy gives the date: no vaguer one beside it
assert "Om te kunnen besluiten of wij u een overeenkomst voor 2024 aanbieden" in unknown, unknown
assert "aangevraagd" not in unknown and "U heeft in 2023" not in unknown, unknown
# Nothing to ask the provider: the letter says what is under way and asks for nothing.
assert ("Om te kunnen besluiten of wij u ook voor 2024 een overeenkomst aanbieden volgens ons Zorginkoopbeleid 2024 Geestelijke "
        "Gezondheidszorg (GGZ), ronden wij intern nog een controle af. Daarvoor hoeft u niets te doen. U hoort zo spoedig mogelijk "
        "van ons.") in internal, internal
assert "**Betreft: overeenkomst 2024, besluit volgt**" in internal, internal  # not "aanvullende gegevens": none are asked
assert "vraag" not in internal.split("## Vragen")[0] and "antwoord" not in internal and "Stuur" not in internal, internal
print("ok: the opening fits the situation: new (applied, 1 juni 2023), unknown (neither), nothing to ask (an internal check)")
PY

# No letter asks for what can no longer be done: dated after the offer's last day to sign, the
# offers are not made (the index says why); dated after the contract year, none is made. Exit 1.
expect 1 letters --policy $policy --input "$list" --output "$tmp/late" --date 2023-12-01
"$python" - "$tmp/late" <<'PY'
import json, sys
rows = {r["agb"]: r for r in json.load(open(sys.argv[1] + "/index.json", encoding="utf-8"))["rows"]}
for agb in ("91102441", "11111111"):
    assert rows[agb]["status"] == "date passed", rows[agb]
    assert rows[agb]["reason"] == "de laatste dag om te ondertekenen (9 november 2023) ligt vóór de datum van de brief (1 december 2023)", rows[agb]
assert [rows[a]["status"] for a in ("24159851", "42680052", "42537895", "22185250")] == ["letter"] * 4, rows
page = open(sys.argv[1] + "/index.html", encoding="utf-8").read()
assert "datum verstreken, geen brief: de laatste dag om te ondertekenen (9 november 2023)" in page
print("ok: no offer after its last day to sign; the index says why")
PY
expect 1 letters --policy $policy --input "$list" --output "$tmp/past" --date 2026-12-06
[[ "$(last_err)" == "inkoop: 0 brieven (html) in $tmp/past, overzicht $tmp/past/index.html; 8 invoerregels gelezen, 1 afgekeurd, 6 niet gemaakt: een datum in de brief ligt vóór de datum van de brieven (het overzicht zegt welke; --date), 1 buiten het inkoopdomein zonder brief (--include-out-of-scope)" ]] || fail "past: $(last_err)"
grep -q "het einde van het contractjaar (31 december 2024) ligt vóór de datum van de brief (6 december 2026)" "$tmp/past/index.html" || fail "past: the index does not say why"

# A folder that holds something already is never written into.
expect 2 letters --policy $policy --input "$list" --output "$tmp/html"
[[ "$(last_err)" == "inkoop: $tmp/html: exists and is not an empty folder; letters go to a new (or empty) folder" ]] || fail "$(last_err)"
# No letter to a provider the policy does not purchase unless asked for (--include-out-of-scope).
expect 1 letters --policy $policy --input "$list" --output "$tmp/skip" --agb 30815442
grep -q '"status": "skipped"' "$tmp/skip/index.json" || fail "a letter out of scope without --include-out-of-scope"
[[ ! -e "$tmp/skip/30815442.html" ]] || fail "a letter out of scope without --include-out-of-scope"
grep -q "geen brief: niet ingekocht onder dit beleid" "$tmp/skip/index.html" || fail "the index does not say why there is no letter"

# An AGB code the list does not have is an error, and no folder is left.
expect 2 letters --policy $policy --input "$list" --output "$tmp/none" --agb 99999999
[[ "$(last_err)" == "inkoop: --agb 99999999: no row of $list has this AGB code" ]] || fail "$(last_err)"
[[ ! -e "$tmp/none" ]] || fail "--agb without its row left a folder"

# No browser: nothing is started and no folder is made. A browser that dies on every letter: each
# letter is listed as failed, with its reason, and the run goes on to the end (exit 1).
INKOOP_CHROMIUM=/nonexistent expect 2 letters --policy $policy --input "$list" --output "$tmp/nobrowser" --format pdf
[[ "$(last_err)" == "inkoop: pdf: no browser at /nonexistent (install Debian's chromium, or set INKOOP_CHROMIUM)" ]] || fail "$(last_err)"
[[ ! -e "$tmp/nobrowser" ]] || fail "a folder without a browser"
INKOOP_CHROMIUM=/bin/true expect 1 letters --policy $policy --input "$list" --output "$tmp/dead" --format pdf --date 2023-05-01
[[ "$(last_err)" == "inkoop: 0 brieven (pdf) in $tmp/dead, overzicht $tmp/dead/index.html; 8 invoerregels gelezen, 1 afgekeurd, 6 brieven mislukt, 1 buiten het inkoopdomein zonder brief (--include-out-of-scope)" ]] || fail "$(last_err)"
"$python" - "$tmp/dead" <<'PY'
import json, sys
rows = json.load(open(sys.argv[1] + "/index.json", encoding="utf-8"))["rows"]
assert [r["status"] for r in rows] == ["letter failed"] * 5 + ["skipped", "letter failed", "rejected"], rows
assert all(r["reason"].startswith("pdf: the browser ") for r in rows if r["status"] == "letter failed"), rows
assert "de brief kon niet worden gemaakt: pdf: the browser " in open(sys.argv[1] + "/index.html", encoding="utf-8").read()
PY

# The folder is verified letter by letter against its index.
expect 0 verify "$tmp/pdf"
grep -q "^ok  *letters  *$tmp/pdf/index.json  *7 letters as index.json lists them$" "$tmp/out" || { cat "$tmp/out"; fail "verify"; }
echo tampered >>"$tmp/html/91102441.html"
expect 1 verify "$tmp/html"
grep -q "^changed  *letter  *$tmp/html/91102441.html  *other content than index.json says$" "$tmp/out" || { cat "$tmp/out"; fail "verify"; }

# Templates: a tag that would put a value in unescaped stops the run before any letter; a
# placeholder no letter fills is an error of `inkoop check`, with the name it most likely meant.
cp -r "$here/policies" "$tmp/tree"
sed -i 's/{{provider.name}}/{{{provider.name}}}/' "$tmp/tree/salland/letters/nl/refuse.md"
expect 2 --policies "$tmp/tree" letters --policy $policy --input "$list" --output "$tmp/bad"
[[ "$(last_err)" == "inkoop: $tmp/tree/salland/letters/nl/refuse.md:4: {{{provider.name}}} would put a value in unescaped; write {{provider.name}}" ]] || fail "$(last_err)"
[[ ! -e "$tmp/bad" ]] && ! compgen -G "$tmp/.bad.part-*" >/dev/null || fail "a failed run left a folder"
sed -i 's/{{{provider.name}}}/{{provider.nam}}/; s/- \*\*Paragraaf {{section}}\*\*: {{text}}/- **Paragraaf {{section}}**: {{txt}}/' "$tmp/tree/salland/letters/nl/refuse.md"
expect 1 --policies "$tmp/tree" check $policy
grep -x "error: .*" "$tmp/out" >"$tmp/errors" || true
diff - "$tmp/errors" <<EOF || fail "check's errors"
error: $tmp/tree/salland/letters/nl/refuse.md:4: unknown placeholder {{provider.nam}}: did you mean 'name'?
error: $tmp/tree/salland/letters/nl/refuse.md:37: unknown placeholder {{txt}}: did you mean 'text'?
EOF
grep -qx "failed: 2 errors, 0 warnings" "$tmp/out" || fail "check's summary"
# A ground on the insurer's own facts (ZZ GGZ 2027 5.2: its assessment of a contracted provider)
# offers to explain what they rest on: the provider cannot see them. (The sample list has rejected rows: exit 1.)
expect 1 letters --policy zorg-en-zekerheid/ggz-2027 --input "$here/scripts/samples/providers.csv" --output "$tmp/held" --format md \
  --agb 40422720 --date 2026-10-01
"$python" - "$tmp/held/40422720.md" <<'PY'
import re, sys
text = re.sub(r"\s+", " ", open(sys.argv[1], encoding="utf-8").read())
assert "Bij ons bekend — Beoordeling negatief: ja" in text, text
assert ('Wat hierboven onder "Bij ons bekend" staat, zijn onze eigen gegevens. Wilt u weten waarop die berusten? Neem dan '
        "contact met ons op; wij lichten ze graag toe.") in text, text
assert "dus uiterlijk op 12 november 2026" in text, text
PY
echo "letters: ok"

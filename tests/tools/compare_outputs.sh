#!/usr/bin/env bash
# A refactor keeps every output byte for byte: this runs every verb of one inkoop binary over the
# bundled policies and samples and writes what each prints and writes into OUT (one file per
# output; a workbook as its cells, read with openpyxl), with the run's times and durations masked.
# Run it for the binary before and the one after, built side by side, then diff -r the two folders:
#   tests/tools/compare_outputs.sh /tmp/before/build/inkoop /tmp/cmp/before
#   tests/tools/compare_outputs.sh build/inkoop /tmp/cmp/after && diff -r /tmp/cmp/before /tmp/cmp/after
# Both runs use this checkout's policies and samples, and the same scratch folder (outputs name
# their own absolute paths in manifests), so only the binary differs.
set -u
bin=$(realpath "$1")
final=$2
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
work=/tmp/inkoop-compare-scratch
rm -rf "$work" "$final"
mkdir -p "$work"
ln -s "$bin" "$work/inkoop"  # the same name in the command line both times
i=$work/inkoop
P=(--policies "$root/policies")
all=(--policy salland/ggz-2024 --policy zorg-en-zekerheid/ggz-2024 --policy zorg-en-zekerheid/ggz-2027
     --policy zorg-en-zekerheid/mdz-2024 --policy zorg-en-zekerheid/msz-2024)
list=scripts/samples/providers.csv
n=0
run() {  # run NAME CMD...: standard output, standard error and status into NAME.*
  local name=$1
  shift
  "$@" > "$work/$name.out" 2> "$work/$name.err" < /dev/null
  echo $? > "$work/$name.status"
  n=$((n + 1))
}
run policies "$i" "${P[@]}" policies
run schema "$i" "${P[@]}" schema
run schema-nl "$i" "${P[@]}" --lang nl schema
run stubs "$i" "${P[@]}" stubs "$work/stubs" --luarc ''
cp -r policies "$work/newtree"
run new "$i" --policies "$work/newtree" new acme/ggz-2028 --from salland/ggz-2024
for pol in salland/ggz-2024 zorg-en-zekerheid/ggz-2024 zorg-en-zekerheid/ggz-2027 zorg-en-zekerheid/mdz-2024 zorg-en-zekerheid/msz-2024; do
  f=${pol//\//_}
  run "check-$f" "$i" "${P[@]}" check "$pol"
  run "analyze-$f" "$i" "${P[@]}" analyze "$pol"
  run "analyze-json-$f" "$i" "${P[@]}" analyze "$pol" --format json
  run "source-$f" "$i" "${P[@]}" source "$pol"
  run "source-json-$f" "$i" "${P[@]}" source "$pol" --format json
done
for s in scripts/samples/practice-ok.json scripts/samples/practice-9fte-fraud.json; do
  f=$(basename "$s" .json)
  run "eval-$f" "$i" "${P[@]}" eval --policy salland/ggz-2024 "$s"
  run "eval-explain-$f" "$i" "${P[@]}" eval --policy salland/ggz-2024 --explain "$s"
  run "eval-flip-$f" "$i" "${P[@]}" eval --policy salland/ggz-2024 --flip "$s"
  run "eval-text-flip-$f" "$i" "${P[@]}" --lang nl eval --policy salland/ggz-2024 --flip --format text "$s"
  run "eval-en-text-flip-$f" "$i" "${P[@]}" --lang en eval --policy salland/ggz-2024 --flip --format text "$s"
done
# A policy that fails on some providers: a script error above 8 fte, no end above 10 (the failure kinds).
cat > "$work/failing.lua" <<'LUA'
policy { id = 't/ggz-2024', insurer = 'T', care = 'ggz', year = 2024, source = 'none' }
scope { section = '1', text = 'practices', kinds = { 'vrijgevestigde' } }
rule { 'max_fte', section = '2', text = 'ten hoogste 12 fte', require = at_most('fte_regiebehandelaren', 12) }
offer(function(p)
  if p.fte_regiebehandelaren and p.fte_regiebehandelaren > 10 then while true do end end
  if p.fte_regiebehandelaren and p.fte_regiebehandelaren > 8 then error('te veel fte') end
  return contract { type = 'vrijgevestigde', section = '2', from = '2024-01-01', to = '2024-12-31' },
    tariff { basis = 'fixed', section = '3' }
end)
LUA
F=(--max-instructions 200000)
run failing-batch "$i" "${P[@]}" "${F[@]}" batch --policy "$work/failing.lua" --input $list --output "$work/failing.jsonl"
run failing-eval "$i" "${P[@]}" "${F[@]}" eval --policy "$work/failing.lua" scripts/samples/practice-9fte-fraud.json
run failing-eval-flip "$i" "${P[@]}" "${F[@]}" eval --policy "$work/failing.lua" --flip scripts/samples/practice-ok.json
run failing-analyze "$i" "${P[@]}" "${F[@]}" analyze "$work/failing.lua"
run failing-check "$i" "${P[@]}" "${F[@]}" check "$work/failing.lua"
run failing-report "$i" "${P[@]}" "${F[@]}" report --policy "$work/failing.lua" --input $list --format markdown
run batch-jsonl "$i" "${P[@]}" batch "${all[@]}" --input $list --quiet
run batch-summary "$i" "${P[@]}" batch "${all[@]}" --input $list --summary-only
run batch-file "$i" "${P[@]}" batch "${all[@]}" --input $list --output "$work/out.jsonl"
run batch-csv "$i" "${P[@]}" batch "${all[@]}" --input $list --output "$work/out.csv" --keep all --excel
run batch-xlsx "$i" "${P[@]}" batch "${all[@]}" --input $list --output "$work/out.xlsx" --keep name,region
run batch-set "$i" "${P[@]}" batch --policy salland/ggz-2024 --input $list --set max_fte_vrijgevestigde=10 --jobs 2
run batch-strict "$i" "${P[@]}" batch --policy salland/ggz-2024 --input $list --strict --output "$work/strict.jsonl"
run verify "$i" "${P[@]}" verify "$work/out.csv"
run verify-xlsx "$i" "${P[@]}" verify "$work/out.xlsx"
run diff-text "$i" "${P[@]}" diff --policy zorg-en-zekerheid/ggz-2024 --policy zorg-en-zekerheid/ggz-2027 --input $list
run diff-jsonl "$i" "${P[@]}" diff --policy zorg-en-zekerheid/ggz-2024 --policy zorg-en-zekerheid/ggz-2027 --input $list --format jsonl
run diff-file "$i" "${P[@]}" diff --policy zorg-en-zekerheid/ggz-2024 --policy zorg-en-zekerheid/ggz-2027 --input $list --output "$work/diff.txt"
run diff-sides "$i" "${P[@]}" diff --policy salland/ggz-2024 --policy salland/ggz-2024 --set-b max_fte_vrijgevestigde=10 --input $list
run analyze-diff "$i" "${P[@]}" analyze --diff zorg-en-zekerheid/ggz-2024 zorg-en-zekerheid/ggz-2027
run analyze-diff-rules "$i" "${P[@]}" analyze --diff zorg-en-zekerheid/ggz-2024 zorg-en-zekerheid/ggz-2027 --rules
run analyze-diff-input "$i" "${P[@]}" analyze --diff zorg-en-zekerheid/ggz-2024 zorg-en-zekerheid/ggz-2027 --input $list --format json
run sweep "$i" "${P[@]}" sweep --policy salland/ggz-2024 --input $list --vary max_fte_vrijgevestigde=6..12:2 --by kind --providers
run sweep-json "$i" "${P[@]}" sweep --policy salland/ggz-2024 --input $list --vary max_fte_vrijgevestigde=6..12:2 --output "$work/sweep.json"
run report-html "$i" "${P[@]}" report "${all[@]}" --input $list --output "$work/report.html"
run report-md "$i" "${P[@]}" report --policy salland/ggz-2024 --input $list --format markdown
run report-records "$i" "${P[@]}" report --records "$work/out.jsonl" --format markdown
run report-diff "$i" "${P[@]}" report --diff --policy zorg-en-zekerheid/ggz-2024 --policy zorg-en-zekerheid/ggz-2027 --input $list --output "$work/diff.html"
run report-sweep "$i" "${P[@]}" report --sweep "$work/sweep.json" --output "$work/sweep.html"
run letters-html "$i" "${P[@]}" letters --policy salland/ggz-2024 --input $list --output "$work/letters" --date 2026-12-01
run letters-md "$i" "${P[@]}" letters --policy zorg-en-zekerheid/ggz-2027 --input $list --output "$work/letters-md" --format md --date 2026-12-01
run verify-letters "$i" "${P[@]}" verify "$work/letters"
run test "$i" "${P[@]}" test --fail-under 100
run source-diff "$i" "${P[@]}" source --diff zorg-en-zekerheid/ggz-2024 zorg-en-zekerheid/ggz-2027
"$i" "${P[@]}" repl < scripts/sessions/fte-what-if.txt > "$work/repl.out" 2> "$work/repl.err"
echo $? > "$work/repl.status"
# The service: every route once, on a free loopback port.
"$i" "${P[@]}" serve --listen 127.0.0.1:0 --policy salland/ggz-2024 --policy zorg-en-zekerheid/ggz-2027 \
  > "$work/serve.out" 2> "$work/serve.err" &
pid=$!
port=
for _ in $(seq 1 200); do
  port=$(grep -o '127.0.0.1:[0-9]*' "$work/serve.out" "$work/serve.err" 2>/dev/null | head -1 | sed 's/.*://')
  [ -n "$port" ] && break
  sleep 0.1
done
u=http://127.0.0.1:$port
c() { curl -s -S -m 60 -w '\n%{http_code}\n' "$@"; }
{
  c "$u/v1/policies"
  c "$u/v1/schema"
  c -X POST "$u/v1/policies/salland/ggz-2024/decide" --data-binary @scripts/samples/practice-9fte-fraud.json
  c -X POST "$u/v1/policies/salland/ggz-2024/decide?explain=true&flip=true" --data-binary @scripts/samples/practice-9fte-fraud.json
  c -X POST "$u/v1/policies/salland/ggz-2024/decide?flip=true" --data-binary @scripts/samples/practice-ok.json
  c -X POST "$u/v1/policies/salland/ggz-2024/batch" --data-binary @$list
  c -X POST "$u/v1/policies/salland/ggz-2024/batch?max_fte_vrijgevestigde=10" --data-binary @$list
  c -X POST "$u/v1/policies/salland/ggz-2024/batch" --data-binary 'not a list'
  c "$u/"
} > "$work/serve-routes.out" 2>&1
kill $pid; wait $pid 2>/dev/null
mkdir -p "$final"
# Workbooks as their parts, but for the one that holds the creation time (docProps/core.xml),
# and as their cells; a workbook's manifest with the file's size and hash masked (that time is in them).
for x in "$work"/*.xlsx; do
  mkdir "$x.parts" && (cd "$x.parts" && unzip -q ../"$(basename "$x")" && rm docProps/core.xml)
  /usr/bin/python3 -c '
import json, sys
m = json.load(open(sys.argv[1]))
m["output"]["bytes"] = m["output"]["sha256"] = "<a workbook: its parts are compared>"
json.dump(m, open(sys.argv[1], "w"), indent=2)
' "$x.manifest.json"
  /usr/bin/python3 -c '
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
for ws in wb.worksheets:
    print("== sheet", ws.title)
    for row in ws.iter_rows(values_only=True): print(row)
' "$x" > "$x.cells" && rm "$x"
done
rm -f "$work/inkoop"
cp -r "$work"/. "$final"/
# Times, durations and the run's own figures of speed are masked; nothing else is.
find "$final" -type f -print0 | xargs -0 sed -i -E \
  -e 's/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?Z/<time>/g' \
  -e 's/[0-9]+[.,][0-9]+ ?(s|ms|seconden|sec)\b/<secs> \1/g' \
  -e 's/"seconds": ?[0-9.e-]+/"seconds": <secs>/g' \
  -e 's/"(elapsed|duration)_?(ms|s)?": ?[0-9.e-]+/"\1": <secs>/g' \
  -e 's/[0-9,.]+ (rows|providers|rijen)\/s/<rate> \1\/s/g' \
  -e 's/\([0-9,.]+ (per second|per seconde)\)/(<rate> \1)/g' \
  -e 's/127\.0\.0\.1:[0-9]+/127.0.0.1:<port>/g'
rm -rf "$work"
echo "$n runs and the service's routes: $final"

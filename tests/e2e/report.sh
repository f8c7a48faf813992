#!/usr/bin/env bash
# `inkoop report` in a real browser (Debian's chromium, headless): the sample list under all five
# policies, and the GGZ 2024 -> 2027 diff, each rendered to a screenshot with browser logging on;
# the page must load nothing from outside, log no console message or error, and show its data.
# Usage: report.sh INKOOP PYTHON [SCREENSHOT_DIR]
set -euo pipefail
inkoop=$1
python=$2
here=$(cd "$(dirname "$0")/../.." && pwd)
sample=$here/scripts/samples/providers.csv
tmp=$(mktemp -d /tmp/inkoop-report-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
shots=${3:-$tmp}
fail() { echo "FAIL: $*" >&2; exit 1; }
browser=$(command -v chromium || command -v chromium-browser || true)
[[ -n $browser ]] || fail "chromium is not installed (Debian package chromium, .ci/setup installs it)"

# The sample list has five bad rows: exit 1 (rows rejected), as batch.
status=0
"$inkoop" report --policy salland/ggz-2024 --policy zorg-en-zekerheid/ggz-2024 --policy zorg-en-zekerheid/ggz-2027 \
  --policy zorg-en-zekerheid/mdz-2024 --policy zorg-en-zekerheid/msz-2024 --input "$sample" --output "$tmp/run.html" || status=$?
[[ $status == 1 ]] || fail "report exits $status, not 1, on a list with rejected rows"
# The run report in the policies' own language (Dutch), the diff in English (--lang en).
"$inkoop" report --lang en --diff --policy zorg-en-zekerheid/ggz-2024 --policy zorg-en-zekerheid/ggz-2027 --input "$sample" --output "$tmp/diff.html" || [[ $? == 1 ]]
"$inkoop" report --lang en --diff --policy zorg-en-zekerheid/ggz-2024 --policy zorg-en-zekerheid/ggz-2027 --input "$sample" --output "$tmp/diff.md" || [[ $? == 1 ]]

for page in run diff; do
  html=$tmp/$page.html
  # Self-contained: no script, no stylesheet or image fetched, no URL but the SVG namespace.
  ! grep -q -i -E '<script|<link|<img|@import|url\(' "$html" || fail "$page.html loads something"
  [[ -z $(grep -o -E 'https?://[^"]*' "$html" | grep -v '^http://www.w3.org/2000/svg$' || true) ]] || fail "$page.html names a URL"
  log=$tmp/$page.log
  timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run \
    --enable-logging=stderr --v=0 --window-size=1280,2400 --screenshot="$shots/report-$page.png" "file://$html" 2>"$log" ||
    { cat "$log" >&2; fail "chromium did not render $page.html"; }
  # Console messages and page errors are logged as CONSOLE(...) lines; failed loads as net errors.
  if grep -E 'CONSOLE|Uncaught|ERR_FILE_NOT_FOUND|ERR_BLOCKED|net::ERR' "$log"; then fail "$page.html: console or load errors"; fi
  timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run --dump-dom "file://$html" \
    >"$tmp/$page.dom" 2>/dev/null || fail "chromium could not load $page.html"
  "$python" - "$shots/report-$page.png" "$tmp/$page.dom" "$page" <<'PY'
import re, struct, sys
png, dom, page = sys.argv[1:]
data = open(png, "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
width, height = struct.unpack(">II", data[16:24])
assert (width, height) == (1280, 2400), (width, height)
assert len(data) > 50000, "an empty page compresses to almost nothing: %d bytes" % len(data)
text = open(dom, encoding="utf-8").read()
svgs = text.count("<svg")
if page == "run":
    for needle in ['<html lang="nl">', "salland/ggz-2024", "zorg-en-zekerheid/msz-2024", "Meest voorkomende afwijzingsgronden",
                   "Afgekeurde invoerregels (5)", "out_of_scope", "40,7% van de 1.995 beslist", "56,6% van de 1.183 zorgaanbieders binnen het inkoopdomein", "Contracteerbeslissingen: 2.000 zorgaanbieders"]:
        assert needle in text, needle
    for english in ["Most frequent", "Rejected rows", "out of scope", "40.7%"]:
        assert english not in text, english
    assert svgs == 10, svgs  # per policy: the outcome bar and the grounds chart
else:
    for needle in ['<html lang="en">', "928 of 1995 decisions change", "Change matrix", "toeslag_psychodiagnostiek", "Most frequent changes",
                   "Every kind of provider decided differently", "fte_regiebehandelaren &gt; 10 (max_fte_regiebehandelaren: holds / absent)"]:
        assert needle in text, needle
    assert svgs >= 5, svgs
print("%s: %dx%d screenshot, %d bytes, %d charts" % (page, width, height, len(data), svgs))
PY
done
head -n 1 "$tmp/diff.md" | grep -qx '# What changes from zorg-en-zekerheid/ggz-2024 to zorg-en-zekerheid/ggz-2027' || fail "markdown title"
grep -q '^| offer | 314 | 177 | 21 | 15 | 0 |$' "$tmp/diff.md" || fail "markdown matrix"
echo "ok: reports render in chromium"

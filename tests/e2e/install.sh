#!/usr/bin/env bash
# An analyst's policy work without a C++ build: inkoop installed to a temporary prefix, the policy
# tree copied, a field added in an insurer's extension schema, a new year scaffolded with a rule
# that uses it, and eval, batch, check and test run on it with the installed binary.
# Usage: install.sh BUILD_DIR
set -euo pipefail
build=$1
tmp=$(mktemp -d /tmp/inkoop-install-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
expect() {  # expect NAME EXPECTED ACTUAL
  [[ "$2" == "$3" ]] || fail "$1: expected [$2], got [$3]"
}

cmake --install "$build" --prefix "$tmp/prefix" >/dev/null
inkoop=$tmp/prefix/bin/inkoop
[[ -x $inkoop ]] || fail "no installed binary"
[[ -f $tmp/prefix/share/inkoop/policies/schema.json ]] || fail "no installed policy tree"

# The installed binary finds its own policy tree, from any directory.
(cd / && "$inkoop" policies) | grep -q '^salland/ggz-2024 ' || fail "installed binary does not list its policies"

# The analyst's copy of the tree, with an extension schema for Salland.
cp -r "$tmp/prefix/share/inkoop/policies" "$tmp/policies"
cat > "$tmp/policies/salland/schema.json" <<'EOF'
{"groups": [{"name": "Salland 2028", "fields": [
  {"name": "wachttijd_weken", "type": "number", "answered_by": "provider", "min": 0, "max": 104,
   "doc": "waiting time to the first treatment, in weeks (Salland 2028, 3.1)"}
]}]}
EOF
export INKOOP_POLICIES=$tmp/policies
"$inkoop" schema | grep -q '^Salland 2028  (salland/schema.json)$' || fail "schema does not show the extension's origin"
"$inkoop" schema --format json | python3 -c '
import json, sys
doc = json.load(sys.stdin)
f = [f for g in doc["groups"] for f in g["fields"] if f["name"] == "wachttijd_weken"][0]
assert f["origin"] == "salland/schema.json" and f["type"] == "number", f'

# A new year as the old one plus a rule on the new field.
"$inkoop" new salland/ggz-2028 --from salland/ggz-2024 >/dev/null
cat >> "$tmp/policies/salland/ggz-2028.lua" <<'EOF'

param { "max_wachttijd_weken", type = "int", default = 12, unit = "weken", section = "3.1",
  doc = "3.1: de wachttijd tot de eerste behandeling is ten hoogste twaalf weken" }
rule { "max_wachttijd", section = "3.1", after = "max_behandellocaties",
  text = "De wachttijd tot de eerste behandeling is ten hoogste {max_wachttijd_weken} weken",
  applies = kind_is "vrijgevestigde", require = at_most("wachttijd_weken", param "max_wachttijd_weken"),
  change = "3.1: nieuwe eis aan de wachttijd" }

offer(function(p, params)
  return contract { type = p.kind == "vrijgevestigde" and "vrijgevestigde" or "instelling", section = "10.2",
                    from = date "2028-01-01", to = date "2028-12-31" },
         tariff { basis = "fixed", section = "6", text = "Vast tarief 2028" }
end)
EOF
cat >> "$tmp/policies/salland/ggz-2028_test.lua" <<'EOF'

local practice = {
  agb = "94000001", kind = "vrijgevestigde", contracted_last_year = true, established_in_nl = true,
  delivers_abroad = false, kwaliteitsstatuut = true, kwaliteitsstatuut_section = "II", personal_agb = true,
  regiebehandelaar_presence = 0.9, fte_regiebehandelaren = 5, locations = 1, waiting_times_reported = true,
  follows_referral_rules = true, declares_via_vecozo = true, training_place = false, diagnostics_only = false,
  fraud_investigation = false, negative_statements = false, failed_controls = false, external_findings = false,
  meets_profession_requirements = true, kwaliteitsstatuut_published = true, kwaliteitsstatuut_observed = true,
  mdo = "geen_mdo", offers_long_stay = false, green_deal_committed = true, sustainability_in_strategy = true,
  owns_property = false, addiction_care = "geen", detox = "geen", wachttijd_weken = 12,
}
test "3.1: twelve weeks' wait is allowed" { provider = practice, outcome = "offer", contract = { from = "2028-01-01" } }
test "3.1: thirteen weeks' wait is refused" {
  provider = with(practice, { wachttijd_weken = 13 }), outcome = "refuse", grounds = { "max_wachttijd" },
}
EOF
out=$("$inkoop" check salland/ggz-2028) || fail "check failed: $out"
grep -q '^  3.1      max_wachttijd ' <<<"$out" || fail "check does not list the new rule"
expect "check" "ok: 0 errors, 0 warnings" "$(tail -n 1 <<<"$out")"
out=$("$inkoop" test "$tmp/policies/salland/ggz-2028_test.lua") || fail "test failed: $out"
expect "test" "3 passed, 0 failed" "$(tail -n 1 <<<"$out")"

# eval, with the global option after the verb.
echo '{"agb": "94000002", "kind": "vrijgevestigde", "wachttijd_weken": 20}' > "$tmp/p.json"
"$inkoop" eval --policy salland/ggz-2028 --policies "$tmp/policies" "$tmp/p.json" | python3 -c '
import json, sys
d = json.load(sys.stdin)
assert d["outcome"] == "refuse" and "max_wachttijd" in [g["code"] for g in d["grounds"]], d'

# batch over a CSV with the new column.
printf 'agb,kind,wachttijd_weken\n94000003,vrijgevestigde,30\n94000004,vrijgevestigde,abc\n' > "$tmp/list.csv"
set +e
"$inkoop" batch --policy salland/ggz-2028 --input "$tmp/list.csv" --output "$tmp/out.jsonl" --quiet
status=$?
set -e
expect "batch exit status (one rejected row)" 1 "$status"
python3 - "$tmp/out.jsonl" <<'EOF'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
assert len(rows) == 2, rows
assert rows[0]["outcome"] == "refuse" and "max_wachttijd" in [g["code"] for g in rows[0]["grounds"]], rows[0]
assert rows[1]["error"]["field"] == "wachttijd_weken", rows[1]
EOF

# A clashing definition in another insurer's extension is a clear error.
cat > "$tmp/policies/zorg-en-zekerheid/schema.json" <<'EOF'
{"groups": [{"name": "ZZ", "fields": [{"name": "wachttijd_weken", "type": "bool", "answered_by": "provider", "doc": "x"}]}]}
EOF
set +e
err=$("$inkoop" policies 2>&1 >/dev/null)
status=$?
set -e
expect "clash exit status" 2 "$status"
expect "clash message" "inkoop: $tmp/policies/zorg-en-zekerheid/schema.json: schema: field 'wachttijd_weken' clashes with its definition in salland/schema.json (a field is defined once; an extension adds new fields)" "$err"
echo "ok: installed, extended and run without a rebuild"

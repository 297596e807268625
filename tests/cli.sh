#!/usr/bin/env bash
# The gmemsim command: exit statuses, listings, --json and --dot (DESIGN.md section 7).
set -u
g=$1
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
check() { # check NAME EXPECTED_STATUS CMD...
	local name=$1 want=$2
	shift 2
	"$@" > "$tmp/out" 2> "$tmp/err"
	local got=$?
	if [ "$got" -eq "$want" ]; then
		pass=$((pass + 1))
	else
		echo "not ok: $name: exit $got, expected $want"
		sed 's/^/    /' "$tmp/out" "$tmp/err" | tail -n 8
		fail=$((fail + 1))
	fi
}
has() { # has NAME FILE PATTERN
	if grep -qE -- "$3" "$2"; then
		pass=$((pass + 1))
	else
		echo "not ok: $1: no /$3/ in $2"
		fail=$((fail + 1))
	fi
}

check version 0 "$g" --version
has version "$tmp/out" '^gmemsim [0-9]+\.[0-9]+'
check help 0 "$g" --help
has help "$tmp/out" 'usage: gmemsim'
check no-command 2 "$g"
check bad-command 2 "$g" frobnicate
check bad-option 2 "$g" run --bogus
has bad-option "$tmp/err" 'Unknown option'
check bad-policy 2 "$g" run --policy bind=maybe "$src/scenarios/fileops"
check knob-policy 0 "$g" run --policy pin=slot-pins-file "$src/scenarios/fileops"
check bad-knob-value 2 "$g" run --policy link=sometimes "$src/scenarios/fileops"
check bad-target 2 "$g" run --target bogus "$src/scenarios/fileops"
has bad-target "$tmp/err" '--target takes model, kvm or diff'
has bad-target-usage "$tmp/err" '^Usage:'
check bad-format 2 "$g" matrix --format pdf
has bad-format-usage "$tmp/err" '^Usage:'
check bad-max-states 2 "$g" explore --max-states -1
has bad-max-states-usage "$tmp/err" '^Usage:'
# every VM type by the name the usage gives it, and no other
for t in default sw_protected snp tdx pkvm; do
	check "explore-type-$t" 0 "$g" explore --type "$t" --depth 1
done
check explore-bad-type 2 "$g" explore --type sev --depth 1
has explore-bad-type "$tmp/err" '--type takes default, sw_protected'
check missing-path 2 "$g" run "$tmp/nope.gms"
has missing-path "$tmp/err" 'nope\.gms: no such file or folder'
printf 'vm.create\n' > "$tmp/bad.gms"
check malformed 2 "$g" run "$tmp/bad.gms"
has malformed "$tmp/err" 'bad\.gms:1:1: vm\.create: missing name'
check matrix-missing-path 2 "$g" matrix "$tmp/nope.gms"
has matrix-missing-path "$tmp/err" 'nope\.gms: no such file or folder'
check matrix-malformed 2 "$g" matrix "$tmp/bad.gms"
has matrix-malformed "$tmp/err" 'bad\.gms:1:1: vm\.create: missing name'
check policies 0 "$g" policies
has policies "$tmp/out" '^abi +7\.2 \(default\) 6\.18'
check invariants 0 "$g" invariants
has invariants "$tmp/out" '^lock-order +no lock is taken against the recorded order$'
check ops 0 "$g" ops
has ops "$tmp/out" '^memslot\.set VM slot=N'
has ops-tasks "$tmp/out" '^step TASK \[N\]'
has ops-spawnable "$tmp/out" 'can run as a task: spawn TASK memslot\.delete'

# fuzz-decode --lifecycle: GMEMSIM_POLICY becomes policy lines; a bad one is usage
printf '\000\002\001\000\003\000' > "$tmp/in.bin"
GMEMSIM_POLICY=mutant=release-uaf check decode-lifecycle 0 "$g" fuzz-decode --lifecycle "$tmp/in.bin"
has decode-policy "$tmp/out" '^policy mutant=release-uaf$'
has decode-vm "$tmp/out" '^vm.create vm0 type=snp$'
has decode-gmem "$tmp/out" '^gmem.create g0 vm=vm0 size=2M flags=0$'
GMEMSIM_POLICY=mutant=bogus check decode-bad-policy 2 "$g" fuzz-decode --lifecycle "$tmp/in.bin"
has decode-bad-policy "$tmp/err" "GMEMSIM_POLICY: bad policy 'mutant=bogus'"

# a malformed scenario: file:line:col and status 2, nothing run
printf 'vm.create a\nvm.create a\n' > "$tmp/dup.gms"
check malformed 2 "$g" run "$tmp/dup.gms"
has malformed "$tmp/err" "dup.gms:2:11: duplicate name 'a'"

# a failing scenario: status 1, the expected and actual outcomes
printf 'vm.create a\ngmem.create g vm=a size=4K\ngmem.read g => ESPIPE\n' > "$tmp/fail.gms"
check failing 1 "$g" run --json "$tmp/fail.json" --dot "$tmp/fail.dot" "$tmp/fail.gms"
has failing "$tmp/out" 'FAIL .*line 3: wrong outcome: expected ESPIPE, got EINVAL'
has failing-closing-line "$tmp/out" '^0 passed, 1 failed$'
python3 - "$tmp/fail.json" <<'PY' && pass=$((pass + 1)) || { echo "not ok: json"; fail=$((fail + 1)); }
import json, sys
d = json.load(open(sys.argv[1]))
r = d["runs"][0]
assert d["failed"] == 1 and r["verdict"] == "fail", d
assert [s["actual"] for s in r["steps"]] == ["ok", "ok", "EINVAL"], r["steps"]
assert r["steps"][2]["expected"] == "ESPIPE" and r["steps"][2]["ok"] is False
PY
has dot "$tmp/fail.dot" '^digraph gmemsim'
has dot-pins "$tmp/fail.dot" 'file[0-9]+ -> kvm[0-9]+ \[label="pins"'

# a negative scenario passes, and its JSON names the violation
check negative 0 "$g" run --json "$tmp/neg.json" "$src/scenarios/attacks/rebind_unrestricted.gms"
has negative "$tmp/out" '! confidentiality: \(G5\)'
python3 - "$tmp/neg.json" <<'PY' && pass=$((pass + 1)) || { echo "not ok: neg json"; fail=$((fail + 1)); }
import json, sys
r = json.load(open(sys.argv[1]))["runs"][0]
assert r["verdict"] == "pass" and r["expected_violation"] == "confidentiality", r
assert r["steps"][-1]["violations"][0]["id"] == "confidentiality"
PY

# the bundled library is the default, and a --policy changes outcomes
check library 0 "$g" run
check library-under-6.18 1 "$g" run --policy abi=6.18 "$src/scenarios/memslot/overlap_7_2.gms"
check demo 0 "$g" demo
has demo "$tmp/out" '^all +[0-9]+/[0-9]+'

# fuzz-decode: bytes in, a well-formed scenario out
printf '\000\001\000\002\002' > "$tmp/input"
check fuzz-decode 0 "$g" fuzz-decode "$tmp/input"
has fuzz-decode "$tmp/out" '^gmem.create g0 vm=vm0 size=16K flags=mmap,init_shared$'
"$g" fuzz-decode "$tmp/input" > "$tmp/decoded.gms"
check fuzz-decoded-runs 0 "$g" run "$tmp/decoded.gms"
check fuzz-decode-usage 2 "$g" fuzz-decode
check fuzz-decode-missing 2 "$g" fuzz-decode "$tmp/none"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]

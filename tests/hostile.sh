#!/usr/bin/env bash
# Hostile input (issue 19): every one exits 2 with a message (or passes, for
# the folder walk) within 5 s and 100 MB (DESIGN.md section 7: only regular
# files up to a limit, each file of a walk once; section 6: policy lines
# first, no wrapping numbers; one contract for a bad option everywhere).
# Usage: hostile.sh GMEMSIM
set -u
g=$(realpath "$1")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() {
	echo "not ok: $*"
	sed 's/^/    /' out err | cut -c 1-200 | tail -n 6
	fail=$((fail + 1))
}
# RSS in KB, when /usr/bin/time can tell (ASan's own adds some 30 MB)
timed=()
[ -x /usr/bin/time ] && timed=(/usr/bin/time -f %M -o rss)
# The bound is 5 s for a release build; a sanitizer build's start-up on a
# loaded CI machine can take seconds by itself, so it gets 30 s: still a
# bound a hang (a FIFO, /dev/zero, a link loop) never meets.
secs=${HOSTILE_SECONDS:-5}
if [ -z "${HOSTILE_SECONDS:-}" ] && ldd "$g" 2> /dev/null | grep -q 'lib[at]san'; then
	secs=30
fi
# check NAME WANT CMD...: exit WANT within $secs s and 100 MB
check() {
	local name=$1 want=$2 got kb
	shift 2
	echo 0 > rss
	timeout "$secs" "${timed[@]}" "$@" > out 2> err < /dev/null
	got=$?
	sed -i '/^Command exited with non-zero status/d' err
	kb=$(tail -n 1 rss 2> /dev/null)
	case $kb in '' | *[!0-9]*) kb=0 ;; esac
	if [ "$got" -eq 124 ]; then
		bad "$name: still running after $secs s"
	elif [ "$got" -ne "$want" ]; then
		bad "$name: exit $got, expected $want"
	elif [ "$kb" -gt 102400 ]; then
		bad "$name: $kb KB, over 100 MB"
	else
		ok
	fi
}
has() { # has NAME FILE PATTERN
	if grep -qE -- "$3" "$2"; then ok; else bad "$1: no /$3/ in $2"; fi
}
# a usage error: its message, the usage, nothing on stdout
usage() { # usage NAME MESSAGE CMD...
	local name=$1 msg=$2
	shift 2
	check "$name" 2 "$@"
	has "$name" err "$msg"
	has "$name-usage" err '^Usage:'
}

# Only regular files are read: /dev/zero, a FIFO and a device are refused
# before a byte is read (main grew to 7.5 GB, or blocked for ever)
check run-dev-zero 2 "$g" run /dev/zero
has run-dev-zero err '^/dev/zero:0:0: not a regular file'
check decode-dev-zero 2 "$g" fuzz-decode /dev/zero
has decode-dev-zero err 'not a regular file'
check decode-lifecycle-dev-zero 2 "$g" fuzz-decode --lifecycle /dev/zero
mkfifo fifo.gms
check run-fifo 2 "$g" run fifo.gms
has run-fifo err 'fifo\.gms:0:0: not a regular file'
check matrix-fifo 2 "$g" matrix fifo.gms
check decode-fifo 2 "$g" fuzz-decode fifo.gms
check run-dev-null 2 "$g" run /dev/null
# ... and up to the input limit, which --max-input-size raises
printf 'vm.create a\n' > small.gms
check run-over-limit 2 "$g" run --max-input-size 8 small.gms
has run-over-limit err 'small\.gms:0:0: .*over the input limit of 8'
check run-under-limit 0 "$g" run --max-input-size 12 small.gms
check matrix-over-limit 2 "$g" matrix --max-input-size 8 small.gms
check decode-over-limit 2 "$g" fuzz-decode --max-input-size 8 small.gms
truncate -s 65M huge.gms
check run-huge 2 "$g" run huge.gms
has run-huge err 'over the input limit of 67108864 \(--max-input-size'
usage bad-max-input '--max-input-size takes a positive number' \
	"$g" run --max-input-size -1 small.gms

# A folder walk visits each file once, however its links loop (two links to
# "." made main's walk endless; one ran the same scenario 41 times)
mkdir walk
printf 'vm.create a\n' > walk/one.gms
printf 'vm.create b\n' > walk/two.gms
ln -s . walk/self
ln -s . walk/again
ln -s ../walk walk/up
ln -s one.gms walk/link.gms
check walk-loops 0 "$g" run walk
has walk-loops out '^2 passed, 0 failed$'
check walk-matrix 0 "$g" matrix walk
check walk-twice 0 "$g" run walk walk/one.gms
has walk-twice out '^2 passed, 0 failed$'

# matrix and run agree on a folder with nothing to run
mkdir empty
check run-empty 2 "$g" run empty
has run-empty err 'no \.gms scenario in empty'
check matrix-empty 2 "$g" matrix empty
has matrix-empty err 'no \.gms scenario in empty'
check demo-empty 2 "$g" demo empty

# explore --alphabet takes the same checks as a search (main printed and
# exited 0; --pages 2000000000 took 5.9 GB)
usage alphabet-vms-100 '--vms takes 1 to 8' "$g" explore --alphabet --vms 100
usage alphabet-vms-neg '--vms takes 1 to 8' "$g" explore --alphabet --vms -5
usage alphabet-type '--type takes default' "$g" explore --alphabet --type bogus
usage alphabet-pages '--pages takes 1 to 64' "$g" explore --alphabet --pages 2000000000
usage alphabet-names 'names: at most' "$g" explore --alphabet --vms 8 --files 4
usage alphabet-policy 'unknown policy' "$g" explore --alphabet --policy bogus=1
usage explore-vms '--vms takes 1 to 8' "$g" explore --vms 100
check alphabet-ok 0 "$g" explore --alphabet
has alphabet-ok out '^vm\.create vm0'

# every bad option value: its message, the usage, exit 2, in every command
usage run-policy 'unknown policy' "$g" run --policy bogus=1 small.gms
usage run-policy-kv '--policy takes KEY=VALUE' "$g" run --policy bind small.gms
usage run-target '--target takes model' "$g" run --target bogus small.gms
usage demo-policy 'unknown value' "$g" demo --policy bind=maybe small.gms
usage matrix-format '--format takes' "$g" matrix --format pdf small.gms
usage decode-no-file 'FILE is missing' "$g" fuzz-decode
usage decode-two-files 'one FILE only' "$g" fuzz-decode small.gms small.gms
usage decode-option 'Unknown option' "$g" fuzz-decode --bogus small.gms
GMEMSIM_POLICY=mutant=bogus usage decode-policy 'GMEMSIM_POLICY: bad policy' \
	"$g" fuzz-decode --lifecycle small.gms
# extra arguments are refused
for c in policies invariants ops; do
	usage "$c-extra" "unexpected argument 'x'" "$g" $c x
done
usage explore-extra "unexpected argument 'x'" "$g" explore x
check version-extra 2 "$g" --version x
has version-extra err "unexpected argument 'x'"
# --help everywhere: the usage on stdout, exit 0; fuzz-decode opens no
# file named --help
for c in run demo matrix explore fuzz-decode policies invariants ops; do
	check "$c-help" 0 "$g" $c --help
	has "$c-help" out "^  $c \[OPTION"
done
printf '\000\001' > ./--help
check decode-help-no-open 0 "$g" fuzz-decode --help
if grep -q 'decoded from a fuzzer input' out; then
	bad "decode-help-no-open: fuzz-decode read a file named --help"
else
	ok
fi

# Numbers never wrap: -(2^64 - 4096) was taken as 4096
printf 'vm.create a\ngmem.create g vm=a size=-18446744073709547520\n' > wrap.gms
check size-wrap 2 "$g" run wrap.gms
has size-wrap err "^wrap\.gms:2:20: bad number '-18446744073709547520'$"
# a second finish is an error at its line (main passed it)
printf 'vm.create a type=sw_protected\ngmem.create g vm=a size=4K\nspawn t gmem.close g\nfinish t\nfinish t\n' > finish.gms
check second-finish 2 "$g" run finish.gms
has second-finish err "^finish\.gms:5:8: task 't' was finished at line 4$"
# a policy line after an operation (main applied it from there on: a pin=
# switch mid-run ended in a leak no design has)
printf 'vm.create a\npolicy pin=slot-pins-file\n' > late.gms
check late-policy 2 "$g" run late.gms
has late-policy err '^late\.gms:2:1: a policy line must come before the first operation \(line 1\)$'
check late-policy-matrix 2 "$g" matrix late.gms

# A 1 MB token gives a short message, not a 1 MB one
head -c 1048576 /dev/zero | tr '\0' x > long.gms
check long-line 2 "$g" run long.gms
has long-line err "^long\.gms:1:1: unknown op 'x{47}\.\.\.'$"
if [ "$(wc -c < err)" -lt 200 ]; then ok; else bad "long-line: $(wc -c < err) bytes of message"; fi
printf 'vm.create a\nvm.create a type=%s\n' "$(head -c 1048576 /dev/zero | tr '\0' y)" > long2.gms
check long-value 2 "$g" run long2.gms
if [ "$(wc -c < err)" -lt 200 ]; then ok; else bad "long-value: $(wc -c < err) bytes of message"; fi

# The kernel target refuses to run without its 16 TiB arena (main compared
# the kernel against the process's own memory). A sanitizer's shadow does
# not start under ulimit -v: there this check cannot run.
if sh -c 'ulimit -v 1000000; "$0" --version' "$g" > /dev/null 2>&1; then
	(ulimit -v 1000000 && exec "$g" run --target kvm small.gms) > out 2> err
	st=$?
	if [ "$st" -eq 2 ] && grep -q 'cannot reserve the 16 TiB' err; then ok; else
		bad "kvm-arena: exit $st without the arena's reason"
	fi
	(ulimit -v 1000000 && exec "$g" run --target diff small.gms) > out 2> err
	st=$?
	if [ "$st" -eq 2 ] && grep -q 'cannot reserve the 16 TiB' err; then ok; else
		bad "diff-arena: exit $st without the arena's reason"
	fi
else
	echo "skipped: kvm-arena (this build does not run under ulimit -v)"
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]

#!/bin/sh
# bench/roster.sh: the roster import of issue 16 ("make bench" runs it). A
# deterministic 200,000-member city roster (bench/roster_gen.awk: valid ID
# numbers, organizations by path under one district committee, 400 schools
# of 5 branches, 100 members a branch; accounts not included) is imported
# with the command line into a fresh database holding only the district
# committee, under /usr/bin/time -v:
#   (r1) validated and committed           target < 30 s wall
#   (r2) the write lock held (the commit's transaction, printed by the
#        import as "write lock held N ms")  target < 10 s
#   (r3) the process's peak RSS             target < 300 MB
#   (r4) the same file again (nothing changed), for information.
# A missed target is reported as MISS, not an exit failure. Everything lives
# in a temporary folder, removed at the end. Knob: BENCH_ROSTER_ROWS
# (default 200000).
set -eu

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=$ROOT/build/hongyan
ROWS=${BENCH_ROSTER_ROWS:-200000}

die() { echo "bench: $*" >&2; exit 1; }
verdict() { if awk "BEGIN { exit !($1) }"; then echo PASS; else echo MISS; fi; }
[ -x "$BIN" ] || die "$BIN not built (run: make bench)"
[ -x /usr/bin/time ] || die "/usr/bin/time is needed (apt-get install time)"
command -v sqlite3 >/dev/null || die "sqlite3 is needed (apt-get install sqlite3)"

TMP=$(mktemp -d "${TMPDIR:-/tmp}/hongyan-roster.XXXXXX")
trap 'rm -rf "$TMP"' EXIT INT TERM
DB=$TMP/roster.db

awk -v n="$ROWS" -f "$ROOT/bench/roster_gen.awk" >"$TMP/city.csv"
HONGYAN_ADMIN_PASSWORD='Bench-Init-2026a!' "$BIN" init --db "$DB" >"$TMP/init.log" 2>&1 ||
    { cat "$TMP/init.log" >&2; die "init failed"; }
sqlite3 "$DB" "INSERT INTO org (kind, name, path, depth, created_at, updated_at)
	VALUES ('district_committee', '中共某某区教育工委', '/0000000001/', 0,
	strftime('%s', 'now'), strftime('%s', 'now'))" || die "cannot add the district committee"
[ "$(sqlite3 "$DB" "SELECT id FROM org WHERE depth = 0")" = 1 ] || die "the district committee is not org 1"

run_import() {	# label -> $TMP/label.out (stdout), $TMP/label.time (time -v)
	/usr/bin/time -v -o "$TMP/$1.time" "$BIN" import members --db "$DB" \
	    --file "$TMP/city.csv" --create-orgs >"$TMP/$1.out" 2>"$TMP/$1.err" ||
	    { tail -5 "$TMP/$1.out" "$TMP/$1.err" >&2; die "$1: import failed"; }
}
wall_s() {	# "h:mm:ss" or "m:ss.ss" -> seconds
	sed -n 's/.*Elapsed.*): //p' "$1" |
	    awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; printf "%.1f", s }'
}
rss_mb() { sed -n 's/.*Maximum resident set size (kbytes): //p' "$1" | awk '{ printf "%.0f", $1 / 1024 }'; }
cpu_s() { awk -F': ' '/User time|System time/ { s += $2 } END { printf "%.1f", s }' "$1"; }
lock_s() { sed -n 's/.*write lock held \([0-9]*\) ms.*/\1/p' "$1" | awk '{ printf "%.1f", $1 / 1000 }'; }

LOAD0=$(cut -d' ' -f1 /proc/loadavg)
run_import first
grep -q "^rows $ROWS, with problems 0, new $ROWS," "$TMP/first.out" ||
    { tail -3 "$TMP/first.out" >&2; die "first import: not $ROWS new members"; }
N=$(sqlite3 "$DB" "SELECT COUNT(*) FROM member")
[ "$N" = "$ROWS" ] || die "first import: $N members in the database, expected $ROWS"
A=$(sqlite3 "$DB" "SELECT COUNT(*) FROM audit WHERE entity = 'member' AND action = 'create'")
[ "$A" = "$ROWS" ] || die "first import: $A member audit rows, expected $ROWS"
A1=$(sqlite3 "$DB" "SELECT COUNT(*) FROM audit")
run_import again
grep -q "^rows $ROWS, with problems 0, new 0, changed 0, unchanged $ROWS," "$TMP/again.out" ||
    { tail -3 "$TMP/again.out" >&2; die "re-import: not all unchanged"; }
A2=$(sqlite3 "$DB" "SELECT COUNT(*) - $A1 FROM audit")
[ "$A2" = 0 ] || die "re-import: $A2 audit rows added, expected none"

W1=$(wall_s "$TMP/first.time"); L1=$(lock_s "$TMP/first.out"); R1=$(rss_mb "$TMP/first.time")
C1=$(cpu_s "$TMP/first.time")
W2=$(wall_s "$TMP/again.time"); L2=$(lock_s "$TMP/again.out"); R2=$(rss_mb "$TMP/again.time")
ORGS=$(sed -n 's/.*organizations created \([0-9]*\).*/\1/p' "$TMP/first.out")
echo "Roster import (issue 16): $ROWS members, $ORGS organizations created; $(nproc) cores, $(date -u +%Y-%m-%d)"
echo "load average before the import: $LOAD0 (figures are only good on a quiet machine: the cores are shared)"
echo "$(verdict "$W1 < 30")  (r1) validated and committed under 30 s: $W1 s (CPU user+sys $C1 s)"
echo "$(verdict "$L1 < 10")  (r2) write lock held under 10 s: $L1 s"
echo "$(verdict "$R1 < 300")  (r3) peak RSS under 300 MB: $R1 MB"
echo "  (r4) re-import of the same file, nothing changed, for information: $W2 s, lock $L2 s, $R2 MB, no audit row added"

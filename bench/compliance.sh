#!/bin/sh
# bench/compliance.sh: the compliance benchmark of issue 3 ("make bench" runs
# it after run.sh). On a city-scale database with two years of organizational
# life (hongyan init --demo --scale city: 2,000,000+ meetings, 20,000,000+
# attendance rows), it times the compliance store through a small C program
# (bench/compliance_bench.c, linked against build/rel's objects):
#   (a) one district's board for a year      target < 100 ms
#   (b) the whole city's roll-up for a year  target < 1 s
#   (c) one branch's year                    target < 5 ms
# and prints the query plans of the board's queries (EXPLAIN QUERY PLAN).
# A missed target is reported as MISS, not an exit failure.
#
# The database is generated once (about 95 s) and cached as
# bench/out/life-city.db, regenerated when the binary, the migrations or the
# demo generators change; it is only read. Knob: BENCH_RUNS (default 7).
set -eu

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=$ROOT/build/hongyan
OUT=$ROOT/bench/out
PROG=$ROOT/build/compliance_bench
RUNS=${BENCH_RUNS:-7}
# The server's link line, from the Makefile (make bench passes both), so a
# library the server gains is linked here too.
CFLAGS_PKG=${BENCH_CFLAGS:-}
LIBS=${BENCH_LIBS:-}
[ -n "$LIBS" ] || { echo "bench: run through make bench (BENCH_LIBS unset)" >&2; exit 1; }

die() { echo "bench: $*" >&2; exit 1; }
[ -x "$BIN" ] || die "$BIN not built (run: make bench)"
command -v sqlite3 >/dev/null || die "sqlite3 is needed (apt-get install sqlite3)"
mkdir -p "$OUT"

# --- the timing program, against the release objects ----------------------
# The objects of today's sources only: build/rel may still hold objects of
# files since moved or removed (party/alert.o before issue 12).
OBJS=$(cd "$ROOT" && for c in src/*/*.c; do
	case $c in src/main.c) continue ;; esac
	o=${c#src/}
	echo "$ROOT/build/rel/${o%.c}.o"
done)
# shellcheck disable=SC2046,SC2086
cc -std=c17 -O2 -D_GNU_SOURCE -Wall -Wextra -Werror -I"$ROOT/src" -I"$ROOT/build/gen" \
    $CFLAGS_PKG "$ROOT/bench/compliance_bench.c" $OBJS \
    $LIBS -o "$PROG"

# --- the database -----------------------------------------------------------
DB=$OUT/life-city.db
stamp=$("$BIN" version; cat "$ROOT"/src/db/migrations/*.sql "$ROOT"/src/party/demo.c \
    "$ROOT"/src/party/demo_life.c | cksum)
if [ ! -f "$DB" ] || [ "$(cat "$OUT/life-city.stamp" 2>/dev/null)" != "$stamp" ]; then
	rm -f "$DB" "$DB.key" "$OUT/life-city.stamp" "$DB"-*
	echo "bench: generating the city with two years of meetings (about 95 s) ..."
	start=$(date +%s)
	HONGYAN_ADMIN_PASSWORD='Bench-Init-2026a!' "$BIN" init --db "$DB" --demo --scale city \
	    >"$OUT/life-city.init.log" 2>&1 || die "init failed; see $OUT/life-city.init.log"
	sqlite3 "$DB" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
	echo "bench: generated in $(( $(date +%s) - start )) s"
	printf '%s\n' "$stamp" >"$OUT/life-city.stamp"
fi
echo "data: $(sqlite3 "$DB" "SELECT (SELECT COUNT(*) FROM meeting) || ' meetings, ' ||
    (SELECT COUNT(*) FROM attendance) || ' attendance rows, ' ||
    (SELECT COUNT(*) FROM org WHERE kind = 'branch') || ' branches, ' ||
    (SELECT COUNT(*) FROM org WHERE kind = 'group') || ' groups'")"

# --- timings ----------------------------------------------------------------
"$PROG" "$DB" "$RUNS" | tee "$OUT/compliance-last-run.txt"
awk -v out="$OUT/compliance-last-run.txt" '
	/^\(a\)/ { a = $(NF - 4) } /^\(b\)/ { b = $(NF - 4) } /^\(c\)/ { c = $(NF - 4) }
	END {
		printf "(a) district board < 100 ms: %s (%s ms)\n", a < 100 ? "PASS" : "MISS", a
		printf "(b) city roll-up   < 1000 ms: %s (%s ms)\n", b < 1000 ? "PASS" : "MISS", b
		printf "(c) branch year    < 5 ms: %s (%s ms)\n", c < 5 ? "PASS" : "MISS", c
	}' "$OUT/compliance-last-run.txt"

# --- query plans (the store's SQL with sample values) -------------------------
D=$(sqlite3 "$DB" "SELECT path FROM org WHERE depth = 0 ORDER BY id LIMIT 1")
U=$(printf '%s' "$D" | sed 's|/$|0|')
Y=$(date +%Y)
echo
echo "query plans (district $D, year $Y):"
plan() { echo "-- $1"; sqlite3 "$DB" "EXPLAIN QUERY PLAN $2" | sed 's/^/   /'; }
plan "meetings per organization, kind and month (one grouped query)" \
    "SELECT o.id, m.kind, m.month_key, COUNT(*) FROM org o CROSS JOIN meeting m
     WHERE o.kind IN ('branch', 'group') AND o.path >= '$D' AND o.path < '$U'
     AND m.year = $Y AND m.org_id = o.id AND m.month_key <= ${Y}12
     GROUP BY o.path, o.id, m.kind, m.month_key"
plan "full members per branch (ORG-05)" \
    "SELECT m.org_id, COUNT(*) FROM member m WHERE m.state = 'active' AND m.status = 'full'
     AND m.org_path >= '$D' AND m.org_path < '$U' GROUP BY m.org_id"
plan "branches and groups of the subtree" \
    "SELECT o.id, o.name, o.kind, o.path, o.founded_on, COALESCE(o.school_id, 0),
     COALESCE(s.education_group, '') FROM org o LEFT JOIN school s ON s.id = o.school_id
     WHERE o.kind IN ('branch', 'group') AND o.path >= '$D' AND o.path < '$U' ORDER BY o.path"
plan "waivers of the year" \
    "SELECT e.org_id, e.rule, e.period, e.reason FROM compliance_exemption e
     JOIN org o ON o.id = e.org_id WHERE substr(e.period, 1, 4) = '$Y'
     AND o.path >= '$D' AND o.path < '$U' ORDER BY o.path, e.id"

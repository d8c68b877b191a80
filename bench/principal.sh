# bench/principal.sh: the principal-tenure platform's district list (issue
# 13) on the city database (1,440 schools in 40 districts, every school's
# principal recorded by the city demo). Sourced by bench/run.sh once its
# servers run (it uses BASE2, COOKIE_O — the supervision office's session —
# DC, TMP, q, die). Checks the totals against sqlite3, then times with curl
# (time_total, BENCH_PRIN_RUNS runs each, default 7, the median and the
# worst) on the second server, whose reply cache is off:
#   (p1) one district's list with its flags: GET /api/v1/principal/schools?org_id=<district>
#   (p2) the whole city's: GET /api/v1/principal/schools
#   (p3) the whole city's filtered to one flag: …?flag=term_ending
# Targets on the median: (p1) under 10 ms, (p2) under 100 ms.
# Writes $TMP/principal.txt.
PRIN_RUNS=${BENCH_PRIN_RUNS:-7}

prin_check() {	# url expected-total label
	code=$(curl -s --max-time 60 -o "$TMP/prin.json" -w '%{http_code}' -b "hy_session=$COOKIE_O" "$1" || echo 000)
	[ "$code" = 200 ] || die "$3: $1: HTTP $code: $(head -c 300 "$TMP/prin.json")"
	n=$(sed -n 's/.*"total":\([0-9]*\).*/\1/p' "$TMP/prin.json")
	[ "$n" = "$2" ] || die "$3: total $n, expected $2"
}
prin_time() {	# url -> "median worst" in ms
	i=0
	while [ $i -lt "$PRIN_RUNS" ]; do
		curl -s --max-time 60 -o /dev/null -w '%{time_total}\n' -b "hy_session=$COOKIE_O" "$1" || echo 99
		i=$((i + 1))
	done | sort -n | awk '{ v[NR] = $1 * 1000 } END { printf "%.1f %.1f", v[int((NR + 1) / 2)], v[NR] }'
}

PRIN_CITY=$(q "SELECT COUNT(*) FROM school")
PRIN_DC=$(q "SELECT COUNT(DISTINCT o.school_id) FROM org o, org d WHERE d.id = $DC
	AND o.school_id IS NOT NULL AND substr(o.path, 1, length(d.path)) = d.path")
PRIN_TENURES=$(q "SELECT COUNT(*) FROM tenure WHERE ended_on IS NULL")
URL_P1="$BASE2/api/v1/principal/schools?org_id=$DC&per_page=20"
URL_P2="$BASE2/api/v1/principal/schools?per_page=20"
URL_P3="$BASE2/api/v1/principal/schools?flag=term_ending&per_page=20"
prin_check "$URL_P1" "$PRIN_DC" "(p1)"
prin_check "$URL_P2" "$PRIN_CITY" "(p2)"
echo "bench: principals checked: $PRIN_DC schools in district $DC, $PRIN_CITY in the city, $PRIN_TENURES principals in office"
P1=$(prin_time "$URL_P1")
P2=$(prin_time "$URL_P2")
P3=$(prin_time "$URL_P3")
{
	echo "Principals' district list (issue 13), curl time_total over $PRIN_RUNS runs, reply cache off: median (worst) ms"
	set -- $P1
	echo "$(home_verdict "$1 < 10")  (p1) one district's list with flags ($PRIN_DC schools) under 10 ms: median $1 ms (worst $2)"
	set -- $P2
	echo "$(home_verdict "$1 < 100")  (p2) the whole city's ($PRIN_CITY schools) under 100 ms: median $1 ms (worst $2)"
	set -- $P3
	echo "  (p3) the whole city's, flag term_ending, for information: $1 ($2)"
} >"$TMP/principal.txt"

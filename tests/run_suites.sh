#!/bin/bash
# run_suites.sh JOBS PROGRAM...: runs cmocka test programs JOBS at a time,
# each one's output into build/test-logs/<name>.log. Each suite starts its
# own server on a free port in a temp folder, so suites are independent;
# many spend their time waiting (TOTP steps, lockouts, timeouts), which is
# why they run side by side. A failed suite's log is printed whole; the
# last line counts the tests: "N passed, N failed". Exit 1 if any failed.
set -u
jobs=$1
shift
logs=build/test-logs
mkdir -p "$logs"

run_one() {
	name=$(basename "$1")
	start=$(date +%s)
	if "$1" >"$logs/$name.log" 2>&1; then
		echo "ok   $name ($(( $(date +%s) - start )) s)"
	else
		echo "FAIL $name ($(( $(date +%s) - start )) s)"
		echo "FAIL" >"$logs/$name.failed"
	fi
}

rm -f "$logs"/*.failed
for t in "$@"; do echo "$t"; done | {
	n=0
	while read -r t; do
		run_one "$t" &
		n=$((n + 1))
		if [ "$n" -ge "$jobs" ]; then
			wait -n
			n=$((n - 1))
		fi
	done
	wait
}

passed=0
failed=0
for t in "$@"; do
	name=$(basename "$t")
	p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test(s)\./\1/p' "$logs/$name.log" | tail -1)
	f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test(s), listed below:/\1/p' "$logs/$name.log" | tail -1)
	passed=$((passed + ${p:-0}))
	if [ -f "$logs/$name.failed" ]; then
		echo "==== $name ===="
		cat "$logs/$name.log"
		failed=$((failed + ${f:-1}))
	fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]

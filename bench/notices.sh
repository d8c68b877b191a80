#!/bin/sh
# Announcements on the city (issue 12): times POST /api/v1/notices to the
# whole city (every active member through an account: one INSERT … SELECT
# of ~196,000 notification rows inside the publishing transaction), the
# readers' list and the reminder of that notice, the same for the median
# school, and a member's inbox. Works on a copy of bench/out/city.db (made
# by bench/run.sh, i.e. `make bench`), to which it adds one member account
# per active member with sqlite3. Needs build/hongyan, sqlite3, curl.
# Usage: sh bench/notices.sh   (prints one line per figure)
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=$ROOT/build/hongyan
OUT=${OUT:-$ROOT/bench/out}
PORT=${PORT:-18937}
BASE=http://127.0.0.1:$PORT/api/v1
PASS_INIT='Bench#Notice2026a'
PASS_NEW='Bench#Notice2026b'
die() { echo "notices bench: $*" >&2; exit 1; }
[ -x "$BIN" ] || die "build/hongyan missing (make build/hongyan)"
[ -f "$OUT/city.db" ] && [ -f "$OUT/city.db.key" ] || die "no bench/out/city.db: run make bench once"
TMP=$(mktemp -d /tmp/hongyan-notices.XXXXXX)
PID=
trap '[ -z "$PID" ] || { kill "$PID" 2>/dev/null; wait "$PID" 2>/dev/null || true; }; rm -rf "$TMP"' EXIT
cp "$OUT/city.db" "$TMP/city.db"
cp "$OUT/city.db.key" "$TMP/city.db.key"
q() { sqlite3 "$TMP/city.db" "$1"; }

# Serving migrates the copy (0025 notifications, 0027 notices) first.
HONGYAN_MFA_ROLES=admin "$BIN" serve --db "$TMP/city.db" --listen "127.0.0.1:$PORT" \
    >"$TMP/server.log" 2>&1 &
PID=$!
i=0
until [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "$BASE/session" || true)" != 000 ]; do
	i=$((i + 1)); sleep 0.2
	[ $i -lt 300 ] || { cat "$TMP/server.log" >&2; die "server not answering"; }
done
q "INSERT INTO app_user (username, pw_hash, role, member_id, password_changed_at, created_at,
    updated_at) SELECT 'nb' || id, 'x', 'member', id, 0, 0, 0 FROM member WHERE state = 'active'
    AND id NOT IN (SELECT member_id FROM app_user WHERE member_id IS NOT NULL)"
SCHOOL=$(q "SELECT o.id FROM org o JOIN member m ON m.state = 'active' AND m.org_path >= o.path
    AND m.org_path < substr(o.path, 1, length(o.path) - 1) || '0' WHERE o.depth = 1
    GROUP BY o.id ORDER BY count(*), o.id LIMIT 1 OFFSET (SELECT count(*) / 2 FROM org WHERE depth = 1)")
MEMBER=$(q "SELECT u.username FROM app_user u JOIN member m ON m.id = u.member_id JOIN org o
    ON o.id = $SCHOOL WHERE m.org_path >= o.path AND m.org_path < substr(o.path, 1,
    length(o.path) - 1) || '0' ORDER BY u.id LIMIT 1")
HONGYAN_PASSWORD=$PASS_INIT "$BIN" user add --db "$TMP/city.db" --username nb_district \
    --role district >/dev/null 2>&1 || die "user add failed"
HONGYAN_PASSWORD=$PASS_INIT "$BIN" user passwd --db "$TMP/city.db" --username "$MEMBER" \
    >/dev/null 2>&1 || die "user passwd failed"

json_str() { sed -n "s/.*\"$1\":\"\\([^\"]*\\)\".*/\\1/p" "$2"; }
json_int() { sed -n "s/.*\"$1\":\\([0-9]*\\).*/\\1/p" "$2"; }
first_id() { sed -n 's/^{"id":\([0-9]*\).*/\1/p' "$1"; }	# the object's own id
login() {	# username jar -> the CSRF token after the forced password change
	curl -s -c "$2" -b "$2" -o "$TMP/l.json" -H 'Content-Type: application/json' \
	    -d "{\"username\":\"$1\",\"password\":\"$PASS_INIT\"}" "$BASE/session"
	curl -s -c "$2" -b "$2" -o "$TMP/l.json" -H 'Content-Type: application/json' \
	    -H "X-CSRF-Token: $(json_str csrf_token "$TMP/l.json")" \
	    -d "{\"old_password\":\"$PASS_INIT\",\"new_password\":\"$PASS_NEW\"}" "$BASE/session/password"
	json_str csrf_token "$TMP/l.json"
}
CSRF=$(login nb_district "$TMP/d.jar")
[ -n "$CSRF" ] || die "district login failed: $(cat "$TMP/l.json")"
login "$MEMBER" "$TMP/m.jar" >/dev/null
timed() {	# label method path [body] -> one line: label, status, seconds
	curl -s -b "$TMP/d.jar" -o "$TMP/r.json" -w "$1: %{http_code} %{time_total}s\n" -X "$2" \
	    -H 'Content-Type: application/json' -H "X-CSRF-Token: $CSRF" ${4:+-d "$4"} "$BASE$3"
}
for n in 1 2 3; do
	timed "publish to the whole city ($n)" POST /notices '{"title":"全市通知","body":"正文",
"kind":"notice","audience":"district","must_read":true}'
done
CITY=$(first_id "$TMP/r.json")
echo "  addressed: $(json_int addressed "$TMP/r.json") accounts; notification rows: $(q 'SELECT count(*) FROM notification')"
timed "publish to the median school (org $SCHOOL)" POST /notices "{\"title\":\"学校通知\",\"body\":\"正文\",\"kind\":\"notice\",\"audience\":\"schools\",\"org_ids\":[$SCHOOL]}"
SCH=$(first_id "$TMP/r.json")
echo "  addressed: $(json_int addressed "$TMP/r.json") accounts"
for n in 1 2 3; do timed "readers of the city notice, unread page 1 ($n)" GET "/notices/$CITY/readers?state=unread"; done
for n in 1 2 3; do timed "readers of the school notice ($n)" GET "/notices/$SCH/readers"; done
timed "remind the city notice's unread" POST "/notices/$CITY/remind" '{}'
timed "remind the school notice's unread" POST "/notices/$SCH/remind" '{}'
for n in 1 2 3; do
	curl -s -b "$TMP/m.jar" -o /dev/null -w "a member's inbox ($n): %{http_code} %{time_total}s\n" "$BASE/notices"
done
curl -s -b "$TMP/m.jar" -o /dev/null -w "the member opens the school notice (receipt): %{http_code} %{time_total}s\n" "$BASE/notices/$SCH"

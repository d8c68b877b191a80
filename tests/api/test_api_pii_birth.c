/* test_api_pii_birth.c: issue 10 hole 1 (PI-06, SEC-09): a masked ID number
 * (500103********2094) hides exactly the eight birth-date digits, so a
 * birth date shown beside it gives the whole number back. The bound: what a
 * list, an export for a masked reader, a plaintext column or an audit row
 * shows may not narrow an ID number below ID_BOUND candidates.
 * - a secretary's member list and applicant list, and the roster .xlsx,
 *   do not let the whole number be rebuilt;
 * - no GET list route (router_each) shows a birth date, year or age beside
 *   a mask, for district staff, a secretary or a principal (masked reader);
 * - the whole birth date comes only with the whole number, from a detail
 *   read audited as read_pii;
 * - the raw database file holds no plaintext birth date (member,
 *   applicant, audit rows, the file's bytes);
 * - a database written the old way (plaintext birth dates in member and
 *   applicant rows and in chained audit rows) is upgraded when opened and
 *   then verifies with `hongyan audit verify`. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <signal.h>
#include <sys/wait.h>

#include <curl/curl.h>
#include <sqlite3.h>

#include "api.h"
#include "auth/audit.h"
#include "auth/crypto.h"
#include "core/dates.h"
#include "core/id_card.h"
#include "db/db.h"
#include "http/router.h"

#define ADMIN_PW "Hongyan#Admin2026"
#define ID_BOUND 1000		/* PI-06: fewest candidates anything shown may leave */
#define BORN "1961-07-23"	/* a birth date nothing else in the database holds */
#define BORN8 "19610723"

static struct srv S;
static struct client A, SEC, PRI;	/* district staff (quwei01); a school's secretary, principal */
static long long school, member_id, applicant_id;
static char member_card[19], applicant_card[19];

/* A valid ID number: area + birth (YYYYMMDD) + sequence + check character. */
static void
make_id(char out[19], const char *area6, const char *birth8, const char *seq3)
{
	snprintf(out, 19, "%s%s%s", area6, birth8, seq3);
	out[17] = id_card_check_char(out);
	out[18] = '\0';
}

static long long
created_id(struct client *c, const char *path, const char *body)
{
	json_t *j = NULL;
	long long id = 0;

	if (api_call(c, "POST", path, body, &j) == 201)
		id = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	return id;
}

static int
setup(void **state)
{
	json_t *j = NULL, *it;
	long long branch;
	char body[600];

	(void)state;
	if (crypto_init() || srv_start(&S, 1, NULL))
		return -1;
	client_init(&A, &S);
	api_admin(&A, ADMIN_PW);
	/* The school of the first branch that has members. */
	if (api_call(&A, "GET", "/api/v1/members?per_page=1", NULL, &j) != 200)
		return -1;
	it = json_array_get(json_object_get(j, "items"), 0);
	branch = json_integer_value(json_object_get(it, "org_id"));
	json_decref(j);
	snprintf(body, sizeof(body), "/api/v1/orgs/%lld", branch);
	if (api_call(&A, "GET", body, NULL, &j) != 200)
		return -1;
	school = json_integer_value(json_object_get(j, "parent_id"));
	json_decref(j);
	snprintf(body, sizeof(body), "{\"username\":\"pii_sec\",\"role\":\"secretary\","
	    "\"scope\":[%lld]}", school);
	if (api_user_client(&A, &SEC, body, "pii_sec"))
		return -1;
	snprintf(body, sizeof(body), "{\"username\":\"pii_pri\",\"role\":\"principal\","
	    "\"scope\":[%lld]}", school);
	if (api_user_client(&A, &PRI, body, "pii_pri"))
		return -1;
	/* One member and one applicant born on BORN, made by the secretary. */
	make_id(member_card, "500103", BORN8, "031");
	snprintf(body, sizeof(body), "{\"name\":\"生日甲\",\"gender\":\"male\",\"id_card\":\"%s\","
	    "\"category\":\"in_service\",\"status\":\"full\",\"joined_on\":\"1990-07-01\","
	    "\"full_on\":\"1991-07-01\",\"org_id\":%lld}", member_card, branch);
	if (!(member_id = created_id(&SEC, "/api/v1/members", body)))
		return -1;
	make_id(applicant_card, "500103", BORN8, "042");
	snprintf(body, sizeof(body), "{\"org_id\":%lld,\"name\":\"生日乙\",\"id_card\":\"%s\","
	    "\"applied_on\":\"2026-11-20\"}", branch, applicant_card);
	if (!(applicant_id = created_id(&SEC, "/api/v1/applicants", body)))
		return -1;
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	client_release(&A);
	client_release(&SEC);
	client_release(&PRI);
	srv_stop(&S);
	return 0;
}

/* The whole number rebuilt from a mask and a shown birth date, or "". */
static void
rebuild(const char *mask, const char *birth, char out[19])
{
	struct id_card ic;

	out[0] = '\0';
	if (!mask || !birth || strlen(mask) != 18 || strlen(birth) != 10)
		return;
	snprintf(out, 19, "%.6s%.4s%.2s%.2s%s", mask, birth, birth + 5, birth + 8, mask + 14);
	if (id_card_parse(out, date_today(), &ic))
		out[0] = '\0';
}

/* Items of a list whose whole ID number follows from what the item shows;
 * prints each. The bound holds when none does and the mask alone leaves
 * at least ID_BOUND candidates over ages 18-80. */
static int
rebuilt_from_list(struct client *c, const char *path)
{
	json_t *j = NULL, *it;
	size_t i;
	int n = 0;
	int32_t today = date_today();

	assert_int_equal(api_call(c, "GET", path, NULL, &j), 200);
	assert_true(json_array_size(json_object_get(j, "items")) > 0);
	json_array_foreach(json_object_get(j, "items"), i, it) {
		const char *mask = json_string_value(json_object_get(it, "id_card"));
		char whole[19];

		rebuild(mask, json_string_value(json_object_get(it, "birth_date")), whole);
		if (*whole) {
			if (n++ < 3)
				printf("PI-06: %s item %zu: %s + birth date -> %s\n", path, i, mask,
				    whole);
		} else if (mask) {
			assert_true(id_card_candidates(mask, today - 80 * 36525 / 100,
			    today - 18 * 36525 / 100) >= ID_BOUND);
		}
	}
	json_decref(j);
	return n;
}

/* Issue 10 hole 1 reproduced: the secretary's member list. */
static void
test_pii_member_list_does_not_give_whole_ids(void **state)
{
	(void)state;
	assert_int_equal(rebuilt_from_list(&SEC, "/api/v1/members?per_page=100"), 0);
	assert_int_equal(rebuilt_from_list(&SEC, "/api/v1/members?per_page=100&q=生日甲"), 0);
	/* Nor the order: a list sorted by birth date beside its masks. */
	json_t *j = NULL;
	assert_int_equal(api_call(&SEC, "GET", "/api/v1/members?sort=birth_date", NULL, &j), 422);
	assert_true(api_has_field(j, "sort"));
	json_decref(j);
}

static void
test_pii_applicant_list_does_not_give_whole_ids(void **state)
{
	(void)state;
	assert_int_equal(rebuilt_from_list(&SEC, "/api/v1/applicants?per_page=100"), 0);
	assert_int_equal(rebuilt_from_list(&SEC, "/api/v1/applicants?per_page=100&q=生日乙"), 0);
}

/* Whether the workbook's first sheet or shared strings hold text. */
static int
xlsx_has(const char *file, const char *text)
{
	char cmd[700], line[8192];
	FILE *p;
	int found = 0;

	snprintf(cmd, sizeof(cmd), "unzip -p '%s' xl/worksheets/sheet1.xml xl/sharedStrings.xml"
	    " 2>/dev/null", file);
	assert_non_null(p = popen(cmd, "r"));
	while (!found && fgets(line, sizeof(line), p))
		found = strstr(line, text) != NULL;
	while (fgets(line, sizeof(line), p))
		;
	pclose(p);
	return found;
}

/* The roster .xlsx (a masked reader's export): the mask, never the birth date. */
static void
test_pii_roster_has_no_birth_date_beside_the_mask(void **state)
{
	char file[400], mask[19];

	(void)state;
	if (system("command -v unzip >/dev/null 2>&1") != 0) {
		printf("note: unzip not found; the roster is not checked\n");
		return;
	}
	snprintf(file, sizeof(file), "%s/roster.xlsx", S.dir);
	assert_int_equal(api_get_file(&SEC, "/api/v1/applicants.xlsx", file), 200);
	id_card_mask(applicant_card, mask);
	assert_true(xlsx_has(file, "生日乙"));
	assert_true(xlsx_has(file, mask));
	assert_false(xlsx_has(file, BORN));
	assert_false(xlsx_has(file, "出生日期"));
}

/* ---- the walk: every list route, for three readers ---- */

static const char *const AGE_KEYS[] = { "birth_date", "birth_year", "birthday", "birth", "born",
	"age", "age_years", "birth_month", NULL };

static int
is_mask(const char *s)
{
	if (!s || strlen(s) != 18 || strncmp(s + 6, "********", 8))
		return 0;
	for (int i = 0; i < 6; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

/* Objects anywhere in v that show a mask and an age-type key beside it. */
static int
mask_beside_age(json_t *v)
{
	const char *k;
	json_t *x;
	size_t i;
	int n = 0, has_mask = 0, has_age = 0;

	if (json_is_array(v)) {
		json_array_foreach(v, i, x)
			n += mask_beside_age(x);
		return n;
	}
	if (!json_is_object(v))
		return 0;
	json_object_foreach(v, k, x) {
		has_mask |= is_mask(json_string_value(x));
		for (int a = 0; AGE_KEYS[a]; a++)
			has_age |= !strcmp(k, AGE_KEYS[a]) && !json_is_null(x);
		n += mask_beside_age(x);
	}
	return n + (has_mask && has_age);
}

struct walk {
	struct client *c;
	int lists, masks, bad;
};

static void
walk_route(void *ctx, const struct route *r)
{
	struct walk *k = ctx;
	char path[300];
	json_t *j = NULL;
	char *text;
	int bad;

	if (strcmp(r->method, "GET") || strchr(r->pattern, ':') || strstr(r->pattern, ".xlsx") ||
	    strstr(r->pattern, ".docx") || strstr(r->pattern, ".pdf") ||
	    !strncmp(r->pattern, "/api/v1/session", 15))
		return;
	snprintf(path, sizeof(path), "%s?per_page=100", r->pattern);
	if (api_call(k->c, "GET", path, NULL, &j) != 200 || !j) {
		json_decref(j);
		return;
	}
	k->lists++;
	text = json_dumps(j, 0);
	k->masks += text && strstr(text, "********") != NULL;
	free(text);
	if ((bad = mask_beside_age(j))) {
		fprintf(stderr, "PI-06: %s shows an age beside an ID mask (%d)\n", r->pattern, bad);
		k->bad += bad;
	}
	json_decref(j);
}

static void
walk_as(struct client *c, const char *who)
{
	struct walk k = { .c = c };

	router_each(walk_route, &k);
	printf("PI-06 walk as %s: %d lists, %d with ID masks, %d showing an age beside a mask\n",
	    who, k.lists, k.masks, k.bad);
	assert_true(k.lists >= 20 && k.masks >= 2);
	assert_int_equal(k.bad, 0);
}

static void
test_pii_no_list_route_shows_age_beside_a_mask(void **state)
{
	(void)state;
	walk_as(&A, "district");
	walk_as(&SEC, "secretary");
	walk_as(&PRI, "principal");
}

/* The whole birth date comes with the whole number, from a read_pii
 * detail read; a masked reader's detail has neither. */
static void
test_pii_birth_date_only_in_an_audited_whole_read(void **state)
{
	char path[64];
	json_t *j = NULL;
	struct db *db;
	int64_t before, after;

	(void)state;
	assert_int_equal(db_open(S.db, 0, &db), ERR_OK);
	assert_int_equal(db_get_i64(db, &before, "SELECT COUNT(*) FROM audit WHERE action ="
	    " 'read_pii' AND entity = 'member' AND entity_id = ?", DB_I64(member_id), DB_END), 0);
	snprintf(path, sizeof(path), "/api/v1/members/%lld", member_id);
	assert_int_equal(api_call(&SEC, "GET", path, NULL, &j), 200);
	assert_string_equal(json_string_value(json_object_get(j, "id_card")), member_card);
	assert_string_equal(json_string_value(json_object_get(j, "birth_date")), BORN);
	json_decref(j);
	assert_int_equal(db_get_i64(db, &after, "SELECT COUNT(*) FROM audit WHERE action ="
	    " 'read_pii' AND entity = 'member' AND entity_id = ?", DB_I64(member_id), DB_END), 0);
	assert_int_equal(after, before + 1);
	db_close(db);
	assert_int_equal(api_call(&PRI, "GET", path, NULL, &j), 200);
	assert_true(is_mask(json_string_value(json_object_get(j, "id_card"))));
	assert_true(json_is_null(json_object_get(j, "birth_date")) ||
	    !json_object_get(j, "birth_date"));
	json_decref(j);
	snprintf(path, sizeof(path), "/api/v1/applicants/%lld", applicant_id);
	assert_int_equal(api_call(&SEC, "GET", path, NULL, &j), 200);
	assert_true(is_mask(json_string_value(json_object_get(j, "id_card"))));
	assert_null(json_object_get(j, "birth_date"));
	json_decref(j);
}

/* ---- the raw database file ---- */

/* Stops the server and keeps its folder (srv_stop removes it). */
static void
server_down(struct srv *s)
{
	int status;

	if (s->pid > 0) {
		kill(s->pid, SIGTERM);
		waitpid(s->pid, &status, 0);
	}
	s->pid = 0;
}

static long long
sql1(sqlite3 *h, const char *sql)
{
	sqlite3_stmt *st;
	long long v = -1;

	assert_int_equal(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* Whether the file's bytes hold s. */
static int
file_has(const char *file, const char *s)
{
	FILE *f = fopen(file, "rb");
	size_t n = strlen(s), len;
	char *p;
	long sz;
	int found = 0;

	if (!f)
		return 0;
	fseek(f, 0, SEEK_END);
	sz = ftell(f);
	fseek(f, 0, SEEK_SET);
	p = malloc((size_t)sz + 1);
	assert_non_null(p);
	len = fread(p, 1, (size_t)sz, f);
	fclose(f);
	for (size_t i = 0; !found && i + n <= len; i++)
		found = !memcmp(p + i, s, n);
	free(p);
	return found;
}

/* What a stolen database file shows without the key. */
static void
check_raw_file(const char *file, const char *born, const char *born8)
{
	char wal[400];
	sqlite3 *h;

	assert_int_equal(sqlite3_open_v2(file, &h, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	assert_int_equal(sql1(h, "SELECT COUNT(*) FROM pragma_table_info('member') WHERE name ="
	    " 'birth_date'"), 0);
	assert_int_equal(sql1(h, "SELECT COUNT(*) FROM pragma_table_info('applicant') WHERE name ="
	    " 'birth_date'"), 0);
	assert_true(sql1(h, "SELECT COUNT(*) FROM member WHERE birth_enc IS NOT NULL") > 0);
	assert_int_equal(sql1(h, "SELECT COUNT(*) FROM applicant WHERE birth_enc IS NULL"), 0);
	assert_int_equal(sql1(h, "SELECT COUNT(*) FROM audit WHERE before_json LIKE '%birth%'"
	    " OR after_json LIKE '%birth%'"), 0);
	sqlite3_close(h);
	snprintf(wal, sizeof(wal), "%s-wal", file);
	assert_false(file_has(file, born));
	assert_false(file_has(file, born8));
	assert_false(file_has(wal, born));
}

static void
test_pii_raw_database_holds_no_plaintext_birth_date(void **state)
{
	char *bin = getenv("HONGYAN_BIN") ? getenv("HONGYAN_BIN") : "build/asan/hongyan";
	char *args[] = { bin, "audit", "verify", "--db", S.db, NULL };
	char out[512];

	(void)state;
	server_down(&S);	/* the file as it rests */
	check_raw_file(S.db, BORN, BORN8);
	assert_int_equal(srv_cli(&S, args, out, sizeof(out)), 0);
	assert_non_null(strstr(out, "intact"));
	assert_int_equal(srv_restart(&S, NULL), 0);
}

/* ---- upgrade of a database written the old way ---- */

static void
exec_ok(sqlite3 *h, const char *sql)
{
	char *msg = NULL;

	if (sqlite3_exec(h, sql, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("%s: %s", sql, msg ? msg : "?");
}

/* Turns the file back into the layout before the fix: plaintext birth
 * dates in member and applicant, no sealed column, migration 21 not
 * applied; then chains audit rows holding birth dates the way the old
 * code wrote them (with the key, as the old server did). */
static void
make_old(const char *file, const char *born)
{
	char sql[600], key[400], after[300];
	struct who sys = { .username = "system" };
	struct db *db;
	sqlite3 *h;

	assert_int_equal(sqlite3_open(file, &h), SQLITE_OK);
	snprintf(sql, sizeof(sql), "BEGIN; ALTER TABLE member ADD COLUMN birth_date TEXT;"
	    " UPDATE member SET birth_date = '%s'; ALTER TABLE member DROP COLUMN birth_enc;"
	    " ALTER TABLE applicant ADD COLUMN birth_date TEXT;"
	    " UPDATE applicant SET birth_date = '%s'; ALTER TABLE applicant DROP COLUMN birth_enc;"
	    " DELETE FROM schema_version WHERE version = 21; COMMIT;", born, born);
	exec_ok(h, sql);
	sqlite3_close(h);
	snprintf(key, sizeof(key), "%s.key", file);
	assert_int_equal(crypto_key_load(key), ERR_OK);
	assert_int_equal(db_open(file, 0, &db), ERR_OK);
	assert_int_equal(db_begin(db), ERR_OK);
	snprintf(after, sizeof(after), "{\"id\":1,\"name\":\"旧甲\",\"gender\":\"male\",\"birth_date\":"
	    "\"%s\",\"id_card\":\"500103********0317\",\"joined_on\":\"1990-07-01\"}", born);
	assert_int_equal(audit_write(db, &sys, "create", "member", 1, NULL, after, 1), ERR_OK);
	assert_int_equal(audit_write(db, &sys, "update", "member", 1, after, after, 1), ERR_OK);
	assert_int_equal(audit_write(db, &sys, "login", "user", 1, NULL, NULL, 1), ERR_OK);
	assert_int_equal(db_end(db, ERR_OK), ERR_OK);
	db_close(db);
	h = NULL;
	assert_int_equal(sqlite3_open_v2(file, &h, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	assert_true(sql1(h, "SELECT COUNT(*) FROM audit WHERE after_json LIKE '%birth_date%'") >= 2);
	sqlite3_close(h);
}

/* The demo database of the tests above, turned back into the old layout
 * (every member and applicant born on OLD_BORN, in plaintext, and audit
 * rows that hold it), is upgraded when opened and verifies. */
#define OLD_BORN "1958-03-14"
static void
test_pii_old_database_is_upgraded_and_verifies(void **state)
{
	char *bin = getenv("HONGYAN_BIN") ? getenv("HONGYAN_BIN") : "build/asan/hongyan";
	char *args[] = { bin, "audit", "verify", "--db", S.db, NULL };
	char out[2048], path[64];
	json_t *j = NULL;

	(void)state;
	server_down(&S);
	make_old(S.db, OLD_BORN);
	/* Opening the database upgrades it; the chain verifies, naming the re-chain. */
	assert_int_equal(srv_cli(&S, args, out, sizeof(out)), 0);
	printf("%s", out);
	assert_non_null(strstr(out, "intact"));
	assert_non_null(strstr(out, "re-chained rows"));
	assert_non_null(strstr(out, "birth dates removed"));
	check_raw_file(S.db, OLD_BORN, "19580314");
	/* The sealed date serves the whole read (and DEV-01 in C). */
	assert_int_equal(srv_restart(&S, NULL), 0);
	snprintf(path, sizeof(path), "/api/v1/members/%lld", member_id);
	assert_int_equal(api_call(&SEC, "GET", path, NULL, &j), 200);
	assert_string_equal(json_string_value(json_object_get(j, "birth_date")), OLD_BORN);
	json_decref(j);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pii_member_list_does_not_give_whole_ids),
		cmocka_unit_test(test_pii_applicant_list_does_not_give_whole_ids),
		cmocka_unit_test(test_pii_roster_has_no_birth_date_beside_the_mask),
		cmocka_unit_test(test_pii_no_list_route_shows_age_beside_a_mask),
		cmocka_unit_test(test_pii_birth_date_only_in_an_audited_whole_read),
		cmocka_unit_test(test_pii_raw_database_holds_no_plaintext_birth_date),
		cmocka_unit_test(test_pii_old_database_is_upgraded_and_verifies),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}

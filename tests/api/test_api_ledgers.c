/* test_api_ledgers.c: the meeting and dues ledgers as .xlsx (issue 3,
 * "Ledgers"): the file, its content, validation (422 naming the field),
 * scope (404), and the CLI `hongyan export ledger`. Meetings and dues rows
 * are written straight into the database, as their own APIs are another
 * area's. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "api.h"
#include "core/dates.h"
#include "db/db.h"

#define ADMIN_PW "Hongyan#Admin2026"

static struct srv S;
static struct client A, SC;	/* district staff (api_admin); a secretary of another school */
static struct client SEC;	/* the security administrator: accounts (SEC-05) */
static long long school_a, school_c, branch, host, member2;

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* The meetings of a branch's subtree (its groups too), by path. */
#define SUBTREE_MEETINGS "(SELECT m.id FROM meeting m, org b WHERE b.id = ?" \
	" AND m.org_path >= b.path AND m.org_path < b.path || '~')"

/* Everything that refers to those meetings, then the meetings. */
static const char *const demo_meeting_refs[] = {
	"DELETE FROM attendance WHERE meeting_id IN " SUBTREE_MEETINGS,
	"DELETE FROM appraisal_grade WHERE meeting_id IN " SUBTREE_MEETINGS,
	"DELETE FROM talk_pair WHERE meeting_id IN " SUBTREE_MEETINGS,
	"DELETE FROM attachment WHERE owner_kind = 'meeting' AND owner_id IN " SUBTREE_MEETINGS,
	"UPDATE meeting_plan SET meeting_id = NULL WHERE meeting_id IN " SUBTREE_MEETINGS,
	"DELETE FROM meeting WHERE id IN " SUBTREE_MEETINGS,
};

static long long
q1(const char *sql, long long arg)
{
	struct db *db;
	int64_t v = -1;

	assert_int_equal(db_open(S.db, 0, &db), 0);
	if (db_get_i64(db, &v, sql, DB_I64(arg), DB_END))
		v = -1;
	db_close(db);
	return v;
}

static void
meeting(struct db *db, const char *when, const char *kind, const char *topic, int expected,
    int present)
{
	int64_t min;
	int32_t day;
	char path[64];
	struct db_rows r;

	assert_int_equal(datetime_parse(when, &min), 0);
	day = (int32_t)(min / 1440);
	assert_int_equal(db_query(db, &r, "SELECT path FROM org WHERE id = ?", DB_I64(branch),
	    DB_END), 0);
	assert_int_equal(db_next(&r), 0);
	snprintf(path, sizeof(path), "%s", db_text(&r, 0));
	db_rows_close(&r);
	assert_int_equal(db_exec(db, "INSERT INTO meeting (org_id, org_path, kind, held_at, ends_at,"
	    " day, month_key, quarter_key, year, place, topic, host_id, recorder_id, expected,"
	    " present, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,0,0)",
	    DB_I64(branch), DB_TEXT(path), DB_TEXT(kind), DB_I64(min), DB_I64(min + 90),
	    DB_I64(day), DB_I64(date_month_key(day)), DB_I64(date_quarter_key(day)),
	    DB_I64(date_year(day)), DB_TEXT("党员活动室"), DB_TEXT(topic), DB_I64(host),
	    DB_I64(member2), DB_I64(expected), DB_I64(present), DB_END), 0);
}

static void
seed(void)
{
	struct db *db;
	int64_t mid;

	assert_int_equal(db_open(S.db, 0, &db), 0);
	/* The demo's own meetings of this branch go first: the ledger is checked
	 * against exactly the meetings below. */
	for (size_t i = 0; i < ARRAY_LEN(demo_meeting_refs); i++)
		assert_int_equal(db_exec(db, demo_meeting_refs[i], DB_I64(branch), DB_END), 0);
	/* So do the demo's dues of its members (demo_dues.c). */
	assert_int_equal(db_exec(db, "DELETE FROM dues_payment WHERE member_id IN"
	    " (SELECT id FROM member WHERE org_id = ?)", DB_I64(branch), DB_END), 0);
	assert_int_equal(db_exec(db, "DELETE FROM dues_setting WHERE member_id IN"
	    " (SELECT id FROM member WHERE org_id = ?)", DB_I64(branch), DB_END), 0);
	meeting(db, "2026-01-15T14:00", "branch_assembly", "学习党的二十大精神", 20, 18);
	meeting(db, "2026-02-10T16:00", "committee", "研究发展党员工作", 5, 5);
	meeting(db, "2026-04-08T15:30", "lecture", "新时代教师的初心使命", 20, 17);
	meeting(db, "2025-12-20T15:30", "lecture", "去年的党课不应出现", 20, 17);
	/* one without kept counts: attendance rows count instead */
	meeting(db, "2026-05-06T15:00", "theme_day", "走进红岩村", 0, 0);
	mid = db_last_id(db);
	assert_int_equal(db_exec(db, "INSERT INTO attendance (meeting_id, member_id, status) VALUES"
	    " (?,?,'present'), (?,?,'absent')", DB_I64(mid), DB_I64(host), DB_I64(mid),
	    DB_I64(member2), DB_END), 0);
	assert_int_equal(db_exec(db, "INSERT INTO dues_setting (member_id, category, base_fen,"
	    " from_month, monthly_fen, rule, created_at) VALUES (?, 'in_service', 400000, 202501,"
	    " 4000, 'DUES-02', 0), (?, 'in_service', 400000, 202607, 4321, 'DUES-02', 0)",
	    DB_I64(host), DB_I64(host), DB_END), 0);
	assert_int_equal(db_exec(db, "INSERT INTO dues_payment (member_id, org_id, org_path,"
	    " month_key, amount_fen, paid_on, method, created_at) SELECT ?, org_id, org_path, ?,"
	    " 4000, '2026-01-10', 'cash', 0 FROM member WHERE id = ?", DB_I64(host), DB_I64(202601),
	    DB_I64(host), DB_END), 0);
	db_close(db);
}

static int
setup(void **state)
{
	json_t *j = NULL;
	char pw[64], body[256];

	(void)state;
	if (srv_start(&S, 1, NULL))
		return -1;
	client_init(&A, &S);
	api_admin(&A, ADMIN_PW);
	client_init(&SEC, &S);
	api_security_admin(&SEC);
	school_a = q1("SELECT MIN(id) FROM org WHERE kind = 'party_committee' AND id > ?", 0);
	school_c = q1("SELECT MAX(id) FROM org WHERE kind = 'party_committee' AND id > ?", 0);
	branch = q1("SELECT MIN(id) FROM org WHERE kind = 'branch' AND parent_id = ?", school_a);
	host = q1("SELECT MIN(id) FROM member WHERE org_id = ? AND state = 'active'", branch);
	member2 = q1("SELECT MIN(id) FROM member WHERE state = 'active' AND id > ?", host);
	seed();
	snprintf(body, sizeof(body), "{\"username\":\"sec_c\",\"role\":\"secretary\",\"scope\":[%lld]}",
	    school_c);
	if (api_call(&SEC, "POST", "/api/v1/users", body, &j) != 201)
		return -1;
	snprintf(pw, sizeof(pw), "%s", json_string_value(json_object_get(j, "password")));
	json_decref(j);
	client_init(&SC, &S);
	api_login(&SC, "sec_c", pw);
	snprintf(body, sizeof(body), "{\"old_password\":\"%s\",\"new_password\":\"New#Pass2026x\"}",
	    pw);
	api_call(&SC, "POST", "/api/v1/session/password", body, NULL);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	client_release(&SC);
	client_release(&A);
	client_release(&SEC);
	srv_stop(&S);
	return 0;
}

struct grow {
	char *p;
	size_t n;
};

static size_t
collect(char *p, size_t size, size_t n, void *ud)
{
	struct grow *g = ud;

	g->p = realloc(g->p, g->n + size * n + 1);
	memcpy(g->p + g->n, p, size * n);
	g->n += size * n;
	g->p[g->n] = '\0';
	return size * n;
}

/* GETs path; the raw answer goes to file, its headers into hdr. */
static long
get_raw(struct client *c, const char *path, const char *file, char *hdr, size_t hlen)
{
	struct grow out = { 0 }, h = { 0 };
	char url[512];
	long code = 0;
	FILE *f;

	snprintf(url, sizeof(url), "%s%s", c->s->base, path);
	curl_easy_setopt(c->curl, CURLOPT_URL, url);
	curl_easy_setopt(c->curl, CURLOPT_HTTPGET, 1L);
	curl_easy_setopt(c->curl, CURLOPT_CUSTOMREQUEST, NULL);
	curl_easy_setopt(c->curl, CURLOPT_HTTPHEADER, NULL);
	curl_easy_setopt(c->curl, CURLOPT_WRITEFUNCTION, collect);
	curl_easy_setopt(c->curl, CURLOPT_WRITEDATA, &out);
	curl_easy_setopt(c->curl, CURLOPT_HEADERFUNCTION, collect);
	curl_easy_setopt(c->curl, CURLOPT_HEADERDATA, &h);
	if (curl_easy_perform(c->curl) == CURLE_OK)
		curl_easy_getinfo(c->curl, CURLINFO_RESPONSE_CODE, &code);
	if ((f = fopen(file, "wb"))) {
		if (out.n)
			fwrite(out.p, 1, out.n, f);
		fclose(f);
	}
	snprintf(hdr, hlen, "%s", h.p ? h.p : "");
	free(out.p);
	free(h.p);
	return code;
}

static int
starts_pk(const char *file)
{
	char b[2] = { 0 };
	FILE *f = fopen(file, "rb");
	size_t n = f ? fread(b, 1, 2, f) : 0;

	if (f)
		fclose(f);
	return n == 2 && b[0] == 'P' && b[1] == 'K';
}

/* The XML of sheet n, or NULL when unzip is missing (with a note). */
static char *
sheet_xml(const char *file, int n)
{
	char cmd[600], xml[400], chunk[4096];
	struct grow g = { 0 };
	size_t k;
	FILE *f;

	if (system("command -v unzip >/dev/null 2>&1") != 0) {
		printf("note: unzip not found; sheet contents not checked\n");
		return NULL;
	}
	snprintf(xml, sizeof(xml), "%s.xml", file);
	snprintf(cmd, sizeof(cmd), "unzip -p '%s' xl/worksheets/sheet%d.xml > '%s'", file, n, xml);
	assert_int_equal(system(cmd), 0);
	f = fopen(xml, "rb");
	while (f && (k = fread(chunk, 1, sizeof(chunk), f)) > 0)
		collect(chunk, 1, k, &g);
	if (f)
		fclose(f);
	return g.p;
}

static void
test_ledgers_meetings_xlsx(void **state)
{
	char path[128], file[400], hdr[4096], *xml;

	(void)state;
	snprintf(path, sizeof(path), "/api/v1/ledgers/meetings.xlsx?org_id=%lld&year=2026", branch);
	snprintf(file, sizeof(file), "%s/m.xlsx", S.dir);
	assert_int_equal(get_raw(&A, path, file, hdr, sizeof(hdr)), 200);
	assert_true(starts_pk(file));
	assert_non_null(strstr(hdr, "application/vnd.openxmlformats-officedocument.spreadsheetml"
	    ".sheet"));
	assert_non_null(strstr(hdr, "attachment; filename="));
	if (!(xml = sheet_xml(file, 1)))
		return;
	assert_non_null(strstr(xml, "三会一课台账（2026年）"));
	assert_non_null(strstr(xml, "学习党的二十大精神"));
	assert_non_null(strstr(xml, "支部党员大会"));
	assert_non_null(strstr(xml, "党课"));
	assert_non_null(strstr(xml, "2026-04-08 15:30"));
	assert_non_null(strstr(xml, "第1季度小计：共 2 次"));
	assert_non_null(strstr(xml, "全年合计：共 4 次"));
	assert_null(strstr(xml, "去年的党课不应出现"));
	/* expected 20+5+20+2 from the kept counts and the attendance rows */
	assert_non_null(strstr(xml, "<v>47</v>"));
	free(xml);
	assert_non_null(xml = sheet_xml(file, 2));
	assert_non_null(strstr(xml, "分类统计"));
	free(xml);
	assert_true(q1("SELECT COUNT(*) FROM audit WHERE action = 'export' AND entity_id = ?",
	    branch) >= 1);
}

static void
test_ledgers_dues_xlsx(void **state)
{
	char path[128], file[400], hdr[4096], *xml;

	(void)state;
	snprintf(path, sizeof(path), "/api/v1/ledgers/dues.xlsx?org_id=%lld&year=2026", branch);
	snprintf(file, sizeof(file), "%s/d.xlsx", S.dir);
	assert_int_equal(get_raw(&A, path, file, hdr, sizeof(hdr)), 200);
	assert_true(starts_pk(file));
	if (!(xml = sheet_xml(file, 1)))
		return;
	assert_non_null(strstr(xml, "党费收缴台账（2026年）"));
	assert_non_null(strstr(xml, "<v>40</v>"));	/* January paid: 40.00 元 */
	assert_non_null(strstr(xml, "欠"));		/* February due and unpaid */
	assert_non_null(strstr(xml, "合计"));
	free(xml);
}

static void
test_ledgers_validation_and_scope(void **state)
{
	json_t *j = NULL;
	char path[128];

	(void)state;
	snprintf(path, sizeof(path), "/api/v1/ledgers/meetings.xlsx?org_id=%lld&year=26", branch);
	assert_int_equal(api_call(&A, "GET", path, NULL, &j), 422);
	assert_true(api_has_field(j, "year"));
	json_decref(j);
	snprintf(path, sizeof(path), "/api/v1/ledgers/dues.xlsx?org_id=%lld", branch);
	assert_int_equal(api_call(&A, "GET", path, NULL, &j), 422);
	assert_true(api_has_field(j, "year"));
	json_decref(j);
	assert_int_equal(api_call(&A, "GET", "/api/v1/ledgers/dues.xlsx?year=2026", NULL, &j), 422);
	assert_true(api_has_field(j, "org_id"));
	json_decref(j);
	assert_int_equal(api_call(&A, "GET", "/api/v1/ledgers/dues.xlsx?org_id=x&year=2026", NULL,
	    &j), 422);
	assert_true(api_has_field(j, "org_id"));
	json_decref(j);
	snprintf(path, sizeof(path), "/api/v1/ledgers/meetings.xlsx?org_id=%lld&year=2026", branch);
	assert_int_equal(api_call(&SC, "GET", path, NULL, NULL), 404);
	snprintf(path, sizeof(path), "/api/v1/ledgers/dues.xlsx?org_id=%lld&year=2026", branch);
	assert_int_equal(api_call(&SC, "GET", path, NULL, NULL), 404);
	assert_int_equal(api_call(&A, "GET", "/api/v1/ledgers/dues.xlsx?org_id=999999&year=2026",
	    NULL, NULL), 404);
}

static char *
bin(void)
{
	return getenv("HONGYAN_BIN") ? getenv("HONGYAN_BIN") : "build/asan/hongyan";
}

static void
test_ledgers_cli_export(void **state)
{
	char out[4096], file[400], org[32], big[32];

	(void)state;
	snprintf(file, sizeof(file), "%s/cli.xlsx", S.dir);
	snprintf(org, sizeof(org), "%lld", branch);
	snprintf(big, sizeof(big), "%d", 999999);
	assert_int_equal(srv_cli(&S, (char *[]){ bin(), "export", "ledger", "--db", S.db, "--kind",
	    "meetings", "--org", org, "--year", "2026", "--to", file, NULL }, out, sizeof(out)), 0);
	assert_true(starts_pk(file));
	assert_int_equal(srv_cli(&S, (char *[]){ bin(), "export", "ledger", "--db", S.db, "--kind",
	    "dues", "--org", org, "--year", "2026", "--to", file, NULL }, out, sizeof(out)), 2);
	unlink(file);
	assert_int_equal(srv_cli(&S, (char *[]){ bin(), "export", "ledger", "--db", S.db, "--kind",
	    "minutes", "--org", org, "--year", "2026", "--to", file, NULL }, out, sizeof(out)), 2);
	assert_int_equal(srv_cli(&S, (char *[]){ bin(), "export", "ledger", "--db", S.db, "--kind",
	    "dues", "--org", org, "--year", "1999", "--to", file, NULL }, out, sizeof(out)), 2);
	assert_int_equal(srv_cli(&S, (char *[]){ bin(), "export", "ledger", "--db", S.db, "--kind",
	    "dues", "--org", "x", "--year", "2026", "--to", file, NULL }, out, sizeof(out)), 2);
	assert_int_equal(srv_cli(&S, (char *[]){ bin(), "export", "ledger", "--db", S.db, "--kind",
	    "dues", "--org", big, "--year", "2026", "--to", file, NULL }, out, sizeof(out)), 2);
	assert_int_equal(srv_cli(&S, (char *[]){ bin(), "export", "ledger", "--db", S.db, "--kind",
	    "dues", "--org", org, "--year", "2026", NULL }, out, sizeof(out)), 2);
	assert_int_equal(srv_cli(&S, (char *[]){ bin(), "export", "sheets", "--db", S.db, NULL },
	    out, sizeof(out)), 2);
	assert_int_equal(access(file, F_OK), -1);	/* nothing half-made */
	assert_int_equal(srv_cli(&S, (char *[]){ bin(), "export", "ledger", "--db", S.db, "--kind",
	    "dues", "--org", org, "--year", "2026", "--to", file, NULL }, out, sizeof(out)), 0);
	assert_true(starts_pk(file));
	assert_true(q1("SELECT COUNT(*) FROM audit WHERE action = 'export' AND actor = 'system' AND"
	    " entity_id = ?", branch) >= 2);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ledgers_meetings_xlsx),
		cmocka_unit_test(test_ledgers_dues_xlsx),
		cmocka_unit_test(test_ledgers_validation_and_scope),
		cmocka_unit_test(test_ledgers_cli_export),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}

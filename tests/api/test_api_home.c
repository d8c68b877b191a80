/* test_api_home.c: GET /api/v1/home (首页, issue 12) on the demo district:
 * every figure equals an independent count made here with SQL on the
 * database file (or, for 三会一课, the compliance board's own roll-up); a
 * secretary's figures count only their school and equal district staff's
 * figures for that school; a foreign org_id is not found; a bad query names
 * its field; a write shows at once although replies are cached. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api.h"

#define ADMIN_PW "Home-Admin-2026!"

static struct srv S;
static struct client A;		/* district staff (quwei01) */
static struct client SEC;	/* the secretary of school x */
static struct client INS;	/* an inspector: no home page */
static long long pc_x, pc_y;	/* school x's and another school's party committees */
static char path_x[64];

/* One integer from the database file, with up to three text parameters
 * (?1, ?2, ?3). Independent of the server's code: plain SQL on the file. */
static long long
sql_i64(const char *sql, const char *p1, const char *p2, const char *p3)
{
	const char *ps[] = { p1, p2, p3 };
	sqlite3_stmt *st;
	sqlite3 *h;
	long long v = -1;

	assert_int_equal(sqlite3_open_v2(S.db, &h, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	sqlite3_busy_timeout(h, 5000);
	assert_int_equal(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK);
	for (int i = 0; i < sqlite3_bind_parameter_count(st) && i < 3; i++)
		sqlite3_bind_text(st, i + 1, ps[i], -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(h);
	return v;
}

static long long
num(json_t *j, const char *a, const char *b)
{
	json_t *o = json_object_get(j, a);

	if (b)
		o = json_object_get(o, b);
	assert_true(json_is_integer(o));
	return json_integer_value(o);
}

static void
setup_users(void)
{
	char body[256];

	/* School x: the party committee with the most findings, then members. */
	pc_x = sql_i64("SELECT o.id FROM org o WHERE o.kind = 'party_committee' ORDER BY"
	    " (SELECT COUNT(*) FROM finding f WHERE substr(f.org_path, 1, length(o.path)) = o.path)"
	    " DESC, o.member_count DESC, o.id LIMIT 1", NULL, NULL, NULL);
	{
		char x[24];

		snprintf(x, sizeof(x), "%lld", pc_x);
		pc_y = sql_i64("SELECT id FROM org WHERE kind = 'party_committee' AND"
		    " id <> CAST(?1 AS INTEGER) ORDER BY id LIMIT 1", x, NULL, NULL);
	}
	assert_true(pc_x > 0 && pc_y > 0);
	{
		sqlite3 *h;
		sqlite3_stmt *st;

		assert_int_equal(sqlite3_open_v2(S.db, &h, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
		assert_int_equal(sqlite3_prepare_v2(h, "SELECT path FROM org WHERE id = ?", -1, &st,
		    NULL), SQLITE_OK);
		sqlite3_bind_int64(st, 1, pc_x);
		assert_int_equal(sqlite3_step(st), SQLITE_ROW);
		snprintf(path_x, sizeof(path_x), "%s", (const char *)sqlite3_column_text(st, 0));
		sqlite3_finalize(st);
		sqlite3_close(h);
	}
	snprintf(body, sizeof(body), "{\"username\":\"home_sec\",\"role\":\"secretary\","
	    "\"scope\":[%lld]}", pc_x);
	assert_int_equal(api_user_client(&A, &SEC, body, "home_sec"), 0);
	snprintf(body, sizeof(body), "{\"username\":\"home_ins\",\"role\":\"inspector\","
	    "\"scope\":[%lld]}", pc_x);
	assert_int_equal(api_user_client(&A, &INS, body, "home_ins"), 0);
}

static int
setup(void **state)
{
	(void)state;
	if (srv_start(&S, 1, NULL))
		return -1;
	client_init(&A, &S);
	api_admin(&A, ADMIN_PW);
	setup_users();
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	client_release(&A);
	client_release(&SEC);
	client_release(&INS);
	srv_stop(&S);
	return 0;
}

/* The subtree filter of the independent counts: "col >= lo AND col < hi"
 * written as a prefix test (path ranges are prefixes, migration 0001). */
#define UNDER(col) " substr(" col ", 1, length(?1)) = ?1"

/* Every figure of j against SQL over the subtree under path ("/": all). */
static void
figures_match_sql(json_t *j, const char *path)
{
	const char *today = json_string_value(json_object_get(j, "today"));
	const char *month = json_string_value(json_object_get(j, "month"));
	char mk[8], like[16];
	json_t *t;

	assert_non_null(today);
	assert_non_null(month);
	snprintf(mk, sizeof(mk), "%.4s%.2s", month, month + 5);
	snprintf(like, sizeof(like), "%s%%", month);

	/* members and organizations */
	assert_int_equal(num(j, "members", "active"), sql_i64("SELECT COUNT(*) FROM member WHERE"
	    " state = 'active' AND" UNDER("org_path"), path, NULL, NULL));
	assert_int_equal(num(j, "members", "probationary"), sql_i64("SELECT COUNT(*) FROM member"
	    " WHERE state = 'active' AND status = 'probationary' AND" UNDER("org_path"), path, NULL,
	    NULL));
	t = json_object_get(json_object_get(j, "members"), "trend");
	assert_int_equal(json_array_size(t), 12);
	for (size_t i = 0; i < 12; i++) {
		/* active at the month's end: joined by then, and active or left after */
		const char *m = json_string_value(json_object_get(json_array_get(t, i), "month"));

		assert_int_equal(json_integer_value(json_object_get(json_array_get(t, i), "active")),
		    sql_i64("SELECT COUNT(*) FROM member WHERE state <> 'incoming' AND (joined_on IS NULL"
		    " OR joined_on <= date(?2 || '-01', '+1 month', '-1 day')) AND (state = 'active' OR"
		    " state_on > date(?2 || '-01', '+1 month', '-1 day')) AND" UNDER("org_path"), path,
		    m, NULL));
	}
	assert_int_equal(num(j, "orgs", "total"), sql_i64("SELECT COUNT(*) FROM org WHERE"
	    UNDER("path"), path, NULL, NULL));
	assert_int_equal(num(json_object_get(j, "orgs"), "by_kind", "branch"), sql_i64("SELECT"
	    " COUNT(*) FROM org WHERE kind = 'branch' AND" UNDER("path"), path, NULL, NULL));

	/* dues: this month's payments of active members (the ledger's lines) */
	assert_int_equal(num(j, "dues", "paid_fen"), sql_i64("SELECT COALESCE(SUM(p.amount_fen), 0)"
	    " FROM dues_payment p JOIN member m ON m.id = p.member_id WHERE m.state = 'active'"
	    " AND p.month_key = CAST(?2 AS INTEGER) AND substr(m.org_path, 1, length(?1)) = ?1",
	    path, mk, NULL));
	t = json_object_get(json_object_get(j, "dues"), "trend");
	assert_int_equal(json_integer_value(json_object_get(json_array_get(t, 11), "payments")),
	    sql_i64("SELECT COUNT(*) FROM dues_payment WHERE month_key = CAST(?2 AS INTEGER) AND"
	    UNDER("org_path"), path, mk, NULL));
	assert_int_equal(num(j, "dues", "members"), num(j, "members", "active"));

	/* findings */
	assert_int_equal(num(j, "findings", "open"), sql_i64("SELECT COUNT(*) FROM finding WHERE"
	    " state <> 'verified' AND" UNDER("org_path"), path, NULL, NULL));
	assert_int_equal(num(j, "findings", "overdue"), sql_i64("SELECT COUNT(*) FROM finding WHERE"
	    " state <> 'verified' AND deadline < ?2 AND" UNDER("org_path"), path, today, NULL));
	assert_int_equal(num(j, "findings", "closed"), sql_i64("SELECT COUNT(*) FROM finding WHERE"
	    " state = 'verified' AND" UNDER("org_path"), path, NULL, NULL));
	assert_int_equal(num(j, "findings", "closed_on_time"), sql_i64("SELECT COUNT(*) FROM"
	    " finding WHERE state = 'verified' AND closed_on <= deadline AND" UNDER("org_path"),
	    path, NULL, NULL));

	/* development: everyone in the pipeline or on probation, by stage */
	{
		json_t *st = json_object_get(json_object_get(j, "pipeline"), "stages");
		long long sum = 0;

		for (size_t i = 0; i < json_array_size(st); i++)
			sum += json_integer_value(json_object_get(json_array_get(st, i), "count"));
		assert_int_equal(sum, sql_i64("SELECT COUNT(*) FROM applicant WHERE status IN"
		    " ('pipeline', 'probationary') AND" UNDER("org_path"), path, NULL, NULL));
		assert_int_equal(num(j, "pipeline", "steps_overdue"), sql_i64("SELECT COUNT(*) FROM"
		    " applicant WHERE status IN ('pipeline', 'probationary') AND next_due < ?2 AND"
		    UNDER("org_path"), path, today, NULL));
	}

	/* the latest assessment */
	{
		long long year = sql_i64("SELECT COALESCE(MAX(year), 0) FROM assessment WHERE"
		    UNDER("org_path"), path, NULL, NULL);
		json_t *y = json_object_get(json_object_get(j, "assessment"), "year");
		char ys[8];

		snprintf(ys, sizeof(ys), "%lld", year);
		assert_int_equal(json_is_null(y) ? 0 : json_integer_value(y), year);
		assert_int_equal(num(json_object_get(j, "assessment"), "grades", "优秀"),
		    sql_i64("SELECT COUNT(*) FROM assessment WHERE year = CAST(?2 AS INTEGER) AND"
		    " grade = '优秀' AND" UNDER("org_path"), path, ys, NULL));
		assert_int_equal(num(j, "assessment", "rectify"), sql_i64("SELECT COUNT(*) FROM"
		    " assessment WHERE year = CAST(?2 AS INTEGER) AND mark = 'rectify' AND"
		    UNDER("org_path"), path, ys, NULL));
	}

	/* study this month */
	assert_int_equal(num(j, "study", "records"), sql_i64("SELECT COUNT(*) FROM study_record"
	    " WHERE day LIKE ?2 AND" UNDER("org_path"), path, like, NULL));
	assert_int_equal(num(j, "study", "points"), sql_i64("SELECT COALESCE(SUM(points), 0) FROM"
	    " study_record WHERE status = 'counted' AND day LIKE ?2 AND" UNDER("org_path"), path,
	    like, NULL));
}

/* Dues: the same totals as 党费's summary of the month (GET /dues/summary). */
static void
dues_match_summary(struct client *c, json_t *j, long long org)
{
	const char *keys[] = { "members", "due_fen", "paid_fen", "unpaid_fen", "arrears_members",
		"warnings", "flags" };
	json_t *d = json_object_get(j, "dues"), *b = NULL, *t;
	char url[128];

	if (org)
		snprintf(url, sizeof(url), "/api/v1/dues/summary?month=%s&org_id=%lld",
		    json_string_value(json_object_get(d, "month")), org);
	else
		snprintf(url, sizeof(url), "/api/v1/dues/summary?month=%s",
		    json_string_value(json_object_get(d, "month")));
	assert_int_equal(api_call(c, "GET", url, NULL, &b), 200);
	t = json_object_get(b, "totals");
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		assert_int_equal(num(d, keys[i], NULL), num(t, keys[i], NULL));
	assert_true(num(d, "arrears_members", NULL) > 0);
	json_decref(b);
}

/* 三会一课: the same tallies as the compliance board of the month and quarter. */
static void
compliance_matches_board(struct client *c, json_t *j, long long org)
{
	const char *keys[] = { "month", "quarter" };

	for (int i = 0; i < 2; i++) {
		json_t *mine = json_object_get(json_object_get(j, "compliance"), keys[i]);
		const char *period = json_string_value(json_object_get(mine, "period"));
		json_t *b = NULL, *r;
		char url[128];

		if (org)
			snprintf(url, sizeof(url), "/api/v1/compliance?period=%s&org_id=%lld", period, org);
		else
			snprintf(url, sizeof(url), "/api/v1/compliance?period=%s", period);
		assert_int_equal(api_call(c, "GET", url, NULL, &b), 200);
		r = json_object_get(b, "rollup");
		assert_int_equal(num(mine, "done", NULL), num(r, "done", NULL));
		assert_int_equal(num(mine, "due", NULL), num(r, "due", NULL));
		assert_int_equal(num(mine, "overdue", NULL), num(r, "overdue", NULL));
		assert_int_equal(num(mine, "orgs", NULL), num(r, "orgs", NULL));
		json_decref(b);
	}
}

static void
test_home_district_figures_equal_independent_counts(void **state)
{
	json_t *j = NULL;

	(void)state;
	assert_int_equal(api_call(&A, "GET", "/api/v1/home", NULL, &j), 200);
	figures_match_sql(j, "/");
	compliance_matches_board(&A, j, 0);
	dues_match_summary(&A, j, 0);
	/* the demo has every figure: nothing here is an empty card */
	assert_true(num(j, "members", "active") > 2000);
	assert_true(num(j, "findings", "open") > 0 && num(j, "findings", "overdue") > 0);
	assert_true(num(j, "dues", "paid_fen") > 0);
	assert_true(num(j, "study", "records") > 0);
	json_decref(j);
}

static void
test_home_secretary_counts_only_their_school(void **state)
{
	json_t *j = NULL, *d = NULL, *all = NULL;
	char url[96];

	(void)state;
	assert_int_equal(api_call(&SEC, "GET", "/api/v1/home", NULL, &j), 200);
	assert_int_equal(num(j, "org_id", NULL), pc_x);
	figures_match_sql(j, path_x);
	compliance_matches_board(&SEC, j, pc_x);
	dues_match_summary(&SEC, j, pc_x);
	assert_true(num(j, "findings", "total") > 0);	/* the school with the most findings */
	/* less than the district's, and the same as the district sees for the school */
	assert_int_equal(api_call(&A, "GET", "/api/v1/home", NULL, &all), 200);
	assert_true(num(j, "members", "active") < num(all, "members", "active"));
	snprintf(url, sizeof(url), "/api/v1/home?org_id=%lld", pc_x);
	assert_int_equal(api_call(&A, "GET", url, NULL, &d), 200);
	json_object_del(j, "org_name");
	json_object_del(d, "org_name");
	assert_true(json_equal(j, d));
	json_decref(j);
	json_decref(d);
	json_decref(all);
}

static void
test_home_foreign_org_and_roles_refused(void **state)
{
	json_t *j = NULL;
	char url[96];

	(void)state;
	snprintf(url, sizeof(url), "/api/v1/home?org_id=%lld", pc_y);
	assert_int_equal(api_call(&SEC, "GET", url, NULL, &j), 404);	/* out of scope: not found */
	json_decref(j);
	assert_int_equal(api_call(&SEC, "GET", "/api/v1/home?org_id=999999", NULL, NULL), 404);
	assert_int_equal(api_call(&INS, "GET", "/api/v1/home", NULL, NULL), 403);
	{
		struct client anon;

		client_init(&anon, &S);
		assert_int_equal(api_call(&anon, "GET", "/api/v1/home", NULL, NULL), 401);
		client_release(&anon);
	}
}

static void
test_home_bad_query_names_field(void **state)
{
	const char *bad[] = { "abc", "0", "-3", "1x", "99999999999" };

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		json_t *j = NULL;
		char url[96];

		snprintf(url, sizeof(url), "/api/v1/home?org_id=%s", bad[i]);
		assert_int_equal(api_call(&A, "GET", url, NULL, &j), 422);
		assert_true(api_has_field(j, "org_id"));
		json_decref(j);
	}
}

/* Replies are cached per database generation: a finding issued to school x
 * a member who joined this month and one who left today show on the next
 * load of the secretary's and the district's home: the newcomer counts in
 * this month's point of the trend and not in last month's, the one who left
 * in last month's and not in this month's. */
static void
test_home_cache_never_older_than_last_commit(void **state)
{
	json_t *before = NULL, *after = NULL, *d0 = NULL, *d1 = NULL, *f = NULL;
	long long gone;
	char body[256];

	(void)state;
	assert_int_equal(api_call(&SEC, "GET", "/api/v1/home", NULL, &before), 200);
	assert_int_equal(api_call(&SEC, "GET", "/api/v1/home", NULL, NULL), 200);	/* cached */
	assert_int_equal(api_call(&A, "GET", "/api/v1/home", NULL, &d0), 200);
	snprintf(body, sizeof(body), "{\"org_id\":%lld,\"title\":\"首页缓存测试\",\"severity\":"
	    "\"minor\",\"deadline\":\"2099-12-31\"}", pc_x);
	assert_int_equal(api_call(&A, "POST", "/api/v1/findings", body, &f), 201);
	json_decref(f);
	{
		const char *month = json_string_value(json_object_get(before, "month"));
		long long branch = sql_i64("SELECT id FROM org WHERE kind = 'branch' AND"
		    UNDER("path") " ORDER BY id LIMIT 1", path_x, NULL, NULL);
		char mb[512];

		assert_true(branch > 0);
		snprintf(mb, sizeof(mb), "{\"name\":\"首页新党员\",\"gender\":\"female\","
		    "\"birth_date\":\"1995-03-01\",\"category\":\"in_service\",\"status\":"
		    "\"probationary\",\"joined_on\":\"%s-01\",\"org_id\":%lld}", month, branch);
		assert_int_equal(api_call(&A, "POST", "/api/v1/members", mb, &f), 201);
		json_decref(f);
		/* and a full member of long standing leaves today */
		gone = sql_i64("SELECT id FROM member WHERE state = 'active' AND status = 'full' AND"
		    " joined_on < '2020-01-01' AND" UNDER("org_path") " ORDER BY id LIMIT 1", path_x,
		    NULL, NULL);
		assert_true(gone > 0);
		snprintf(mb, sizeof(mb), "/api/v1/members/%lld", gone);
		snprintf(body, sizeof(body), "{\"state\":\"deceased\",\"state_on\":\"%s\","
		    "\"state_reason\":\"病故\"}", json_string_value(json_object_get(before, "today")));
		assert_int_equal(api_call(&A, "PATCH", mb, body, &f), 200);
		json_decref(f);
	}
	assert_int_equal(api_call(&SEC, "GET", "/api/v1/home", NULL, &after), 200);
	assert_int_equal(api_call(&A, "GET", "/api/v1/home", NULL, &d1), 200);
	assert_int_equal(num(after, "findings", "open"), num(before, "findings", "open") + 1);
	assert_int_equal(num(d1, "findings", "open"), num(d0, "findings", "open") + 1);
	assert_int_equal(num(after, "members", "active"), num(before, "members", "active"));
	assert_int_equal(num(after, "members", "probationary"),
	    num(before, "members", "probationary") + 1);
	{
		json_t *t0 = json_object_get(json_object_get(before, "members"), "trend");
		json_t *t1 = json_object_get(json_object_get(after, "members"), "trend");

		assert_int_equal(json_integer_value(json_object_get(json_array_get(t1, 11), "active")),
		    json_integer_value(json_object_get(json_array_get(t0, 11), "active")));
		assert_int_equal(json_integer_value(json_object_get(json_array_get(t1, 10), "active")),
		    json_integer_value(json_object_get(json_array_get(t0, 10), "active")));
	}
	figures_match_sql(after, path_x);
	json_decref(before);
	json_decref(after);
	json_decref(d0);
	json_decref(d1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_home_district_figures_equal_independent_counts),
		cmocka_unit_test(test_home_secretary_counts_only_their_school),
		cmocka_unit_test(test_home_foreign_org_and_roles_refused),
		cmocka_unit_test(test_home_bad_query_names_field),
		cmocka_unit_test(test_home_cache_never_older_than_last_commit),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}

/* test_api_prin_visits.c: the 责任督学's routine visits (挂牌督导, issue 13
 * item 4, PRIN-10) over real HTTP on the demo district: a visit to a
 * school not assigned to the 督学 is 404 with nothing stored in the raw
 * database; every bad field answers 422 naming it with nothing stored;
 * draft → submitted, out of order 409 invalid_transition; a problem
 * becomes a finding (source prin_visit) against the school's top party
 * organization, seen by its secretary in the findings list; the files of
 * a visit (owner prin_visit) are 404 for another 督学; who reads which
 * visit; the board against HONGYAN_PRIN_VISITS_PER_MONTH and the desk's
 * visits-due source. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <pthread.h>
#include <string.h>
#include <time.h>

#include "api.h"

#define ADMIN_PW "Hongyan#Admin2026"
#define FAKE_PNG "\x89PNG\r\n\x1a\n-fake-image-bytes-for-the-visit-test"

static struct srv S;
static struct client A;		/* quwei01: district staff */
static struct client OFF;	/* the supervision office */
static struct client SUP;	/* a 督学 assigned school_x */
static struct client SUP2;	/* a 督学 assigned school_y */
static struct client SEC;	/* school_x's secretary */
static long long school_x, school_y, org_x;
static char today[11], tomorrow[11], month[8];

static long long
num(json_t *o, const char *k)
{
	return json_integer_value(json_object_get(o, k));
}

static const char *
str(json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

static json_t *
call(struct client *c, const char *method, const char *path, const char *body, long want)
{
	json_t *j = NULL;
	long st = api_call(c, method, path, body, &j);

	if (st != want) {
		char *t = j ? json_dumps(j, 0) : NULL;

		fprintf(stderr, "%s %s -> %ld (want %ld): %s\n", method, path, st, want,
		    t ? t : "");
		free(t);
	}
	assert_int_equal(st, want);
	return j;
}

static void
expect_field(struct client *c, const char *method, const char *path, const char *body,
    const char *field)
{
	json_t *j = call(c, method, path, body, 422);

	if (!api_has_field(j, field)) {
		char *t = json_dumps(j, 0);

		fprintf(stderr, "%s %s: no field %s in %s\n", method, path, field, t);
		free(t);
	}
	assert_true(api_has_field(j, field));
	json_decref(j);
}

static long long
user_id_of(struct client *c)
{
	json_t *j = call(c, "GET", "/api/v1/session", NULL, 200);
	long long id = num(json_object_get(j, "user"), "id");

	json_decref(j);
	return id;
}

static void
assign(long long user, long long school)
{
	char body[160];

	snprintf(body, sizeof(body), "{\"user_id\":%lld,\"school_id\":%lld,\"from_on\":\"2020-01-01\"}",
	    user, school);
	json_decref(call(&OFF, "POST", "/api/v1/supervisor-assignments", body, 201));
}

static long long
create_visit(struct client *c, long long school, const char *kind)
{
	char body[256];
	json_t *j;
	long long id;

	snprintf(body, sizeof(body), "{\"school_id\":%lld,\"visited_on\":\"%s\",\"kind\":\"%s\"}",
	    school, today, kind);
	j = call(c, "POST", "/api/v1/prin-visits", body, 201);
	assert_string_equal(str(j, "state"), "draft");
	id = num(j, "id");
	json_decref(j);
	return id;
}

static int
setup(void **state)
{
	time_t now = time(NULL) + 8 * 3600, t = now + 86400;
	struct tm tm;
	char sql[256];

	(void)state;
	gmtime_r(&now, &tm);
	strftime(today, sizeof(today), "%Y-%m-%d", &tm);
	strftime(month, sizeof(month), "%Y-%m", &tm);
	gmtime_r(&t, &tm);
	strftime(tomorrow, sizeof(tomorrow), "%Y-%m-%d", &tm);
	if (srv_start(&S, 1, NULL))
		return -1;
	client_init(&A, &S);
	api_admin(&A, ADMIN_PW);
	if (api_user_client(&A, &OFF, "{\"username\":\"office_v\",\"role\":\"supervision_office\"}",
	    "office_v") || api_user_client(&A, &SUP,
	    "{\"username\":\"duxue_v\",\"role\":\"supervisor\"}", "duxue_v") ||
	    api_user_client(&A, &SUP2, "{\"username\":\"duxue_v2\",\"role\":\"supervisor\"}",
	    "duxue_v2"))
		return -1;
	/* Two schools with a party organization: x's top one is org_x. */
	org_x = api_db_i64(&S, "SELECT o.id FROM org o LEFT JOIN org p ON p.id = o.parent_id"
	    " WHERE o.school_id IS NOT NULL AND (p.id IS NULL OR p.school_id IS NULL"
	    " OR p.school_id <> o.school_id) ORDER BY o.depth, o.id LIMIT 1");
	snprintf(sql, sizeof(sql), "SELECT school_id FROM org WHERE id = %lld", org_x);
	school_x = api_db_i64(&S, sql);
	snprintf(sql, sizeof(sql), "SELECT school_id FROM org WHERE school_id IS NOT NULL"
	    " AND school_id <> %lld ORDER BY id LIMIT 1", school_x);
	school_y = api_db_i64(&S, sql);
	if (org_x <= 0 || school_x <= 0 || school_y <= 0)
		return -1;
	if (api_secretary(&A, &SEC, "sec_v", org_x))
		return -1;
	assign(user_id_of(&SUP), school_x);
	assign(user_id_of(&SUP2), school_y);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	client_release(&A);
	client_release(&OFF);
	client_release(&SUP);
	client_release(&SUP2);
	client_release(&SEC);
	srv_stop(&S);
	return 0;
}

/* A school not assigned to the 督学 is not found, also with bad fields,
 * and nothing is stored (read from the database file). */
static void
test_visit_foreign_school_404(void **state)
{
	char body[256];
	long long before = api_count_rows(&S, "prin_visit");

	(void)state;
	snprintf(body, sizeof(body), "{\"school_id\":%lld,\"visited_on\":\"%s\",\"kind\":\"routine\"}",
	    school_y, today);
	json_decref(call(&SUP, "POST", "/api/v1/prin-visits", body, 404));
	snprintf(body, sizeof(body), "{\"school_id\":%lld,\"visited_on\":\"%s\",\"kind\":\"x\"}",
	    school_y, tomorrow);
	json_decref(call(&SUP, "POST", "/api/v1/prin-visits", body, 404));
	json_decref(call(&SUP, "POST", "/api/v1/prin-visits",
	    "{\"school_id\":999999,\"visited_on\":\"2026-01-01\",\"kind\":\"routine\"}", 404));
	assert_int_equal(api_count_rows(&S, "prin_visit"), before);
	assert_int_equal(api_db_i64(&S, "SELECT COUNT(*) FROM audit WHERE entity = 'prin_visit'"),
	    0);
	/* Only a 督学 records visits. */
	json_decref(call(&OFF, "POST", "/api/v1/prin-visits", body, 403));
	json_decref(call(&SEC, "GET", "/api/v1/prin-visits", NULL, 403));
}

static void
test_visit_bad_fields_422(void **state)
{
	char body[256];
	long long before = api_count_rows(&S, "prin_visit"), id;

	(void)state;
	snprintf(body, sizeof(body), "{\"school_id\":%lld,\"visited_on\":\"%s\",\"kind\":\"routine\"}",
	    school_x, tomorrow);
	expect_field(&SUP, "POST", "/api/v1/prin-visits", body, "visited_on");
	snprintf(body, sizeof(body), "{\"school_id\":%lld,\"visited_on\":\"2026-02-30\",\"kind\":\"routine\"}",
	    school_x);
	expect_field(&SUP, "POST", "/api/v1/prin-visits", body, "visited_on");
	snprintf(body, sizeof(body), "{\"school_id\":%lld,\"visited_on\":\"%s\",\"kind\":\"weekly\"}",
	    school_x, today);
	expect_field(&SUP, "POST", "/api/v1/prin-visits", body, "kind");
	snprintf(body, sizeof(body), "{\"school_id\":%lld,\"visited_on\":\"%s\"}", school_x, today);
	expect_field(&SUP, "POST", "/api/v1/prin-visits", body, "kind");
	expect_field(&SUP, "POST", "/api/v1/prin-visits", "{\"visited_on\":\"2026-01-01\"}",
	    "school_id");
	snprintf(body, sizeof(body), "{\"school_id\":%lld,\"visited_on\":\"%s\",\"kind\":\"routine\","
	    "\"colour\":1}", school_x, today);
	expect_field(&SUP, "POST", "/api/v1/prin-visits", body, "colour");
	assert_int_equal(api_count_rows(&S, "prin_visit"), before);
	/* The checklist's items: unknown, repeated, badly typed. */
	id = create_visit(&SUP, school_x, "routine");
	snprintf(body, sizeof(body), "/api/v1/prin-visits/%lld/items", id);
	expect_field(&SUP, "PUT", body, "{\"items\":[{\"code\":\"9.9\",\"checked\":true}]}",
	    "items[0].code");
	expect_field(&SUP, "PUT", body, "{\"items\":[{\"code\":\"1.1\",\"checked\":true},"
	    "{\"code\":\"1.1\",\"checked\":false}]}", "items[1].code");
	expect_field(&SUP, "PUT", body, "{\"items\":[{\"code\":\"1.1\",\"checked\":\"yes\"}]}",
	    "items[0].checked");
	assert_int_equal(api_count_rows(&S, "prin_visit_item"), 0);
	snprintf(body, sizeof(body), "/api/v1/prin-visits/%lld", id);
	expect_field(&SUP, "PATCH", body, "{\"visited_on\":\"2999-01-01\"}", "visited_on");
	expect_field(&SUP, "PATCH", body, "{\"school_id\":1}", "school_id");
}

/* draft → submitted; out of order 409 naming the state; nothing changes. */
static void
test_visit_draft_submit(void **state)
{
	char path[128], body[256];
	long long id;
	json_t *j, *it;
	size_t i;
	int seen = 0;

	(void)state;
	id = create_visit(&SUP, school_x, "unannounced");
	snprintf(path, sizeof(path), "/api/v1/prin-visits/%lld/items", id);
	j = call(&SUP, "PUT", path, "{\"items\":[{\"code\":\"1.1\",\"checked\":true,\"note\":\"章程已修订\"},"
	    "{\"code\":\"5.2\",\"checked\":false,\"note\":\"消防通道堆放杂物\"}]}", 200);
	json_array_foreach(json_object_get(j, "items"), i, it)
		if (!strcmp(str(it, "code"), "5.2")) {
			assert_false(json_is_true(json_object_get(it, "checked")));
			assert_string_equal(str(it, "note"), "消防通道堆放杂物");
			seen = 1;
		}
	assert_true(seen);
	json_decref(j);
	/* A summary is required to submit. */
	snprintf(path, sizeof(path), "/api/v1/prin-visits/%lld/submit", id);
	expect_field(&SUP, "POST", path, NULL, "summary");
	snprintf(path, sizeof(path), "/api/v1/prin-visits/%lld", id);
	json_decref(call(&SUP, "PATCH", path, "{\"summary\":\"整体良好，安全方面一处问题\"}", 200));
	/* Another 督学 cannot touch it: not found. */
	json_decref(call(&SUP2, "GET", path, NULL, 404));
	json_decref(call(&SUP2, "PATCH", path, "{\"summary\":\"x\"}", 404));
	json_decref(call(&SUP2, "PATCH", path, "{\"visited_on\":\"2026-13-01\"}", 404));
	snprintf(path, sizeof(path), "/api/v1/prin-visits/%lld/submit", id);
	json_decref(call(&SUP2, "POST", path, NULL, 404));
	j = call(&SUP, "POST", path, NULL, 200);
	assert_string_equal(str(j, "state"), "submitted");
	json_decref(j);
	/* Out of order: submitted twice, edited after. */
	j = call(&SUP, "POST", path, NULL, 409);
	assert_string_equal(api_code(j), "invalid_transition");
	assert_non_null(strstr(str(json_object_get(j, "error"), "message"), "submitted"));
	json_decref(j);
	snprintf(path, sizeof(path), "/api/v1/prin-visits/%lld", id);
	j = call(&SUP, "PATCH", path, "{\"summary\":\"改\"}", 409);
	assert_string_equal(api_code(j), "invalid_transition");
	json_decref(j);
	snprintf(path, sizeof(path), "/api/v1/prin-visits/%lld/items", id);
	json_decref(call(&SUP, "PUT", path, "{\"items\":[]}", 409));
	snprintf(body, sizeof(body), "SELECT summary = '整体良好，安全方面一处问题' FROM prin_visit"
	    " WHERE id = %lld", id);
	assert_int_equal(api_db_i64(&S, body), 1);
	/* Every write has its audit row: create, items, update, submit. */
	snprintf(body, sizeof(body), "SELECT COUNT(*) FROM audit WHERE entity = 'prin_visit'"
	    " AND entity_id = %lld", id);
	assert_int_equal(api_db_i64(&S, body), 4);
	/* The office reads it; the list of the 督学 holds it, the other's not. */
	snprintf(path, sizeof(path), "/api/v1/prin-visits/%lld", id);
	json_decref(call(&OFF, "GET", path, NULL, 200));
	j = call(&SUP2, "GET", "/api/v1/prin-visits", NULL, 200);
	assert_int_equal(num(j, "total"), 0);
	json_decref(j);
	snprintf(path, sizeof(path), "/api/v1/prin-visits?month=%s", month);
	j = call(&SUP, "GET", path, NULL, 200);
	assert_true(num(j, "total") >= 1);
	json_decref(j);
	expect_field(&SUP, "GET", "/api/v1/prin-visits?month=2026-13", NULL, "month");
}

/* A problem becomes a finding in one action, against the school's top
 * party organization; its secretary sees it in the findings list. */
static void
test_visit_finding(void **state)
{
	char path[128], body[512], sql[256];
	long long id, fid, findings = api_count_rows(&S, "finding");
	json_t *j, *it;
	size_t i;
	int seen = 0;

	(void)state;
	id = create_visit(&SUP, school_x, "routine");
	snprintf(path, sizeof(path), "/api/v1/prin-visits/%lld/findings", id);
	expect_field(&SUP, "POST", path, "{\"title\":\"\",\"severity\":\"major\","
	    "\"deadline\":\"2099-01-01\"}", "title");
	expect_field(&SUP, "POST", path, "{\"title\":\"消防通道\",\"severity\":\"huge\","
	    "\"deadline\":\"2099-01-01\"}", "severity");
	expect_field(&SUP, "POST", path, "{\"title\":\"消防通道\",\"severity\":\"major\","
	    "\"deadline\":\"2000-01-01\"}", "deadline");
	/* Another 督学: not found, with good fields or bad. */
	json_decref(call(&SUP2, "POST", path, "{\"title\":\"x\",\"severity\":\"major\","
	    "\"deadline\":\"2099-01-01\"}", 404));
	json_decref(call(&SUP2, "POST", path, "{\"title\":\"\"}", 404));
	assert_int_equal(api_count_rows(&S, "finding"), findings);
	assert_int_equal(api_count_rows(&S, "prin_visit_finding"), 0);
	snprintf(body, sizeof(body), "{\"title\":\"消防通道堆放杂物\",\"detail\":\"教学楼一层东侧\","
	    "\"severity\":\"major\",\"deadline\":\"2099-01-01\",\"evidence_required\":\"清理后照片\"}");
	j = call(&SUP, "POST", path, body, 201);
	fid = num(j, "id");
	assert_int_equal(num(j, "org_id"), org_x);
	json_decref(j);
	snprintf(sql, sizeof(sql), "SELECT COUNT(*) FROM finding WHERE id = %lld AND source ="
	    " 'prin_visit' AND source_ref = '%lld' AND org_id = %lld", fid, id, org_x);
	assert_int_equal(api_db_i64(&S, sql), 1);
	snprintf(sql, sizeof(sql), "SELECT visit_id FROM prin_visit_finding WHERE finding_id = %lld",
	    fid);
	assert_int_equal(api_db_i64(&S, sql), id);
	snprintf(sql, sizeof(sql), "SELECT COUNT(*) FROM audit WHERE entity = 'prin_visit'"
	    " AND entity_id = %lld AND action = 'raise_finding'", id);
	assert_int_equal(api_db_i64(&S, sql), 1);
	/* The visit shows it; the secretary sees it in the findings list. */
	snprintf(path, sizeof(path), "/api/v1/prin-visits/%lld", id);
	j = call(&SUP, "GET", path, NULL, 200);
	assert_int_equal(json_array_size(json_object_get(j, "findings")), 1);
	json_decref(j);
	j = call(&SEC, "GET", "/api/v1/findings?source=prin_visit&per_page=100", NULL, 200);
	json_array_foreach(json_object_get(j, "items"), i, it)
		seen |= num(it, "id") == fid;
	assert_true(seen);
	json_decref(j);
	/* It is rectified through the findings loop: the secretary starts it. */
	snprintf(path, sizeof(path), "/api/v1/findings/%lld", fid);
	json_decref(call(&SEC, "GET", path, NULL, 200));
}

/* The files of a visit: its 督学 adds them to a draft; another 督学 gets
 * 404; after submission 409. */
static void
test_visit_files(void **state)
{
	char path[128];
	long long id;
	json_t *j;

	(void)state;
	id = create_visit(&SUP, school_x, "routine");
	snprintf(path, sizeof(path), "/api/v1/prin-visits/%lld/files?name=a.png", id);
	json_decref(call(&SUP, "POST", path, FAKE_PNG, 201));
	json_decref(call(&SUP2, "POST", path, FAKE_PNG, 404));
	snprintf(path, sizeof(path), "/api/v1/prin-visits/%lld/files", id);
	json_decref(call(&SUP2, "GET", path, NULL, 404));
	j = call(&SUP, "GET", path, NULL, 200);
	assert_int_equal(json_array_size(json_object_get(j, "items")), 1);
	json_decref(j);
	json_decref(call(&OFF, "GET", path, NULL, 200));
	json_decref(call(&OFF, "POST", path, FAKE_PNG, 403));
	snprintf(path, sizeof(path), "/api/v1/prin-visits/%lld", id);
	json_decref(call(&SUP, "PATCH", path, "{\"summary\":\"有照片\"}", 200));
	snprintf(path, sizeof(path), "/api/v1/prin-visits/%lld/submit", id);
	json_decref(call(&SUP, "POST", path, NULL, 200));
	snprintf(path, sizeof(path), "/api/v1/prin-visits/%lld/files?name=b.png", id);
	json_decref(call(&SUP, "POST", path, FAKE_PNG, 409));
}

#define RACERS 8

struct racer {
	pthread_t t;
	struct client c;
	char path[128];
	long status;
};

static void *
race(void *arg)
{
	struct racer *r = arg;

	r->status = api_call(&r->c, "POST", r->path, NULL, NULL);
	return NULL;
}

/* The same draft submitted by eight parallel requests of its 督学: one
 * 200, the others 409, one audit row of the step. */
static void
test_visit_submit_race(void **state)
{
	struct racer r[RACERS];
	char path[128], sql[200];
	long long id;
	int ok = 0, refused = 0;

	(void)state;
	id = create_visit(&SUP, school_x, "routine");
	snprintf(path, sizeof(path), "/api/v1/prin-visits/%lld", id);
	json_decref(call(&SUP, "PATCH", path, "{\"summary\":\"并发提交\"}", 200));
	for (int k = 0; k < RACERS; k++) {
		client_init(&r[k].c, &S);
		api_share_session(&r[k].c, &SUP);
		snprintf(r[k].path, sizeof(r[k].path), "/api/v1/prin-visits/%lld/submit", id);
	}
	for (int k = 0; k < RACERS; k++)
		assert_int_equal(pthread_create(&r[k].t, NULL, race, &r[k]), 0);
	for (int k = 0; k < RACERS; k++) {
		pthread_join(r[k].t, NULL);
		ok += r[k].status == 200;
		refused += r[k].status == 409;
		client_release(&r[k].c);
	}
	assert_int_equal(ok, 1);
	assert_int_equal(refused, RACERS - 1);
	snprintf(sql, sizeof(sql), "SELECT COUNT(*) FROM audit WHERE entity = 'prin_visit'"
	    " AND entity_id = %lld AND action = 'submit'", id);
	assert_int_equal(api_db_i64(&S, sql), 1);
}

/* A principal reads the submitted visits of their open tenure's school,
 * never a draft, never another school's. */
static void
test_visit_principal_reads_own_school(void **state)
{
	struct client P;
	char body[256], path[128];
	long long school, person, draft, sent, other;
	json_t *j;

	(void)state;
	j = call(&OFF, "GET", "/api/v1/principal/schools?flag=no_principal&per_page=1", NULL, 200);
	school = num(json_array_get(json_object_get(j, "items"), 0), "school_id");
	json_decref(j);
	assert_true(school > 0 && school != school_x);
	assert_int_equal(api_user_client(&A, &P, "{\"username\":\"prin_v\",\"role\":\"principal\"}",
	    "prin_v"), 0);
	snprintf(body, sizeof(body), "{\"name\":\"督导测试校长\",\"gender\":\"female\",\"user_id\":%lld}",
	    user_id_of(&P));
	j = call(&OFF, "POST", "/api/v1/principals", body, 201);
	person = num(j, "id");
	json_decref(j);
	snprintf(body, sizeof(body), "{\"principal_id\":%lld,\"school_id\":%lld,\"post\":\"principal\","
	    "\"appointed_on\":\"2024-09-01\"}", person, school);
	json_decref(call(&OFF, "POST", "/api/v1/tenures", body, 201));
	assign(user_id_of(&SUP), school);
	draft = create_visit(&SUP, school, "routine");
	sent = create_visit(&SUP, school, "unannounced");
	other = create_visit(&SUP, school_x, "routine");
	snprintf(path, sizeof(path), "/api/v1/prin-visits/%lld", sent);
	json_decref(call(&SUP, "PATCH", path, "{\"summary\":\"规范\"}", 200));
	snprintf(path, sizeof(path), "/api/v1/prin-visits/%lld/submit", sent);
	json_decref(call(&SUP, "POST", path, NULL, 200));
	snprintf(path, sizeof(path), "/api/v1/prin-visits/%lld", other);
	json_decref(call(&SUP, "PATCH", path, "{\"summary\":\"规范\"}", 200));
	snprintf(path, sizeof(path), "/api/v1/prin-visits/%lld/submit", other);
	json_decref(call(&SUP, "POST", path, NULL, 200));
	snprintf(path, sizeof(path), "/api/v1/prin-visits/%lld", sent);
	json_decref(call(&P, "GET", path, NULL, 200));
	snprintf(path, sizeof(path), "/api/v1/prin-visits/%lld", draft);
	json_decref(call(&P, "GET", path, NULL, 404));
	snprintf(path, sizeof(path), "/api/v1/prin-visits/%lld", other);
	json_decref(call(&P, "GET", path, NULL, 404));
	snprintf(path, sizeof(path), "/api/v1/prin-visits/%lld/files", draft);
	json_decref(call(&P, "GET", path, NULL, 404));
	j = call(&P, "GET", "/api/v1/prin-visits", NULL, 200);
	assert_int_equal(num(j, "total"), 1);
	assert_int_equal(num(json_array_get(json_object_get(j, "items"), 0), "id"), sent);
	json_decref(j);
	/* Writing is the 督学's alone; the board is not the principal's. */
	snprintf(path, sizeof(path), "/api/v1/prin-visits/%lld", sent);
	json_decref(call(&P, "PATCH", path, "{}", 403));
	json_decref(call(&P, "GET", "/api/v1/prin-visits/board", NULL, 403));
	client_release(&P);
}

/* The board: per 督学 and school per month against the frequency; the
 * desk's source: a school with no visit submitted this month. */
static void
test_visit_board_and_desk(void **state)
{
	json_t *j, *it;
	size_t i;
	int rows = 0, todo_y = 0;
	struct tm tm;
	time_t now = time(NULL) + 8 * 3600;

	(void)state;
	gmtime_r(&now, &tm);
	j = call(&OFF, "GET", "/api/v1/prin-visits/board", NULL, 200);
	assert_int_equal(num(j, "per_month"), 1);	/* PRIN-10's default */
	json_array_foreach(json_object_get(j, "items"), i, it) {
		json_t *months = json_object_get(it, "months");

		assert_int_equal(json_array_size(months), 12);
		if (num(it, "school_id") == school_x && !strcmp(str(it, "username"), "duxue_v")) {
			/* Four visits submitted this month (the drafts do not count). */
			assert_int_equal(json_integer_value(json_array_get(months, tm.tm_mon)), 4);
			rows++;
		}
		if (num(it, "school_id") == school_y && !strcmp(str(it, "username"), "duxue_v2")) {
			assert_int_equal(json_integer_value(json_array_get(months, tm.tm_mon)), 0);
			assert_int_equal(num(it, "short_months"), tm.tm_mon + 1);
			rows++;
		}
	}
	assert_int_equal(rows, 2);
	json_decref(j);
	/* A 督学 sees their own rows only. */
	j = call(&SUP2, "GET", "/api/v1/prin-visits/board", NULL, 200);
	assert_int_equal(json_array_size(json_object_get(j, "items")), 1);
	json_decref(j);
	expect_field(&OFF, "GET", "/api/v1/prin-visits/board?year=20x6", NULL, "year");
	json_decref(call(&SEC, "GET", "/api/v1/prin-visits/board", NULL, 403));
	/* The desk: school_y's visit is due for duxue_v2, none for duxue_v. */
	j = call(&SUP2, "GET", "/api/v1/todo?per_page=100", NULL, 200);
	json_array_foreach(json_object_get(j, "items"), i, it)
		todo_y += !strcmp(str(it, "kind"), "prin_visit_due");
	assert_int_equal(todo_y, 1);
	json_decref(j);
	j = call(&SUP, "GET", "/api/v1/todo?per_page=100", NULL, 200);
	json_array_foreach(json_object_get(j, "items"), i, it)
		if (!strcmp(str(it, "kind"), "prin_visit_due")) {
			char *t = json_dumps(it, 0);

			fprintf(stderr, "unexpected: %s (x %lld y %lld)\n", t, school_x, school_y);
			free(t);
			fail();
		}
	json_decref(j);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_visit_foreign_school_404),
		cmocka_unit_test(test_visit_bad_fields_422),
		cmocka_unit_test(test_visit_draft_submit),
		cmocka_unit_test(test_visit_finding),
		cmocka_unit_test(test_visit_files),
		cmocka_unit_test(test_visit_principal_reads_own_school),
		cmocka_unit_test(test_visit_submit_race),
		cmocka_unit_test(test_visit_board_and_desk),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}

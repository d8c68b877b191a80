/* test_api_meetings.c: meetings and activities over real HTTP (issue 3):
 * records, attendance, committee quorum (ORG-11), appraisal grades
 * (ORG-16), talk pairs (ORG-17), QR sign-in, files, plans and the
 * calendar, scope, and bad input (each a 4xx with nothing changed). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "api.h"
#include "db/db.h"
#include "office_zip.h"

#define ADMIN_PW "Hongyan#Admin2026"

static struct srv S;
static struct client A;	/* admin */

/* Two branches in different schools, with their members and schools' top
 * organizations (depth 1). */
static long long b1, b2, top1, top2, group1;
static long long m1[8], m2[2];

static long long
parent_of(json_t *items, long long id, long long *depth)
{
	json_t *it;
	size_t i;

	json_array_foreach(items, i, it) {
		if (json_integer_value(json_object_get(it, "id")) == id) {
			*depth = json_integer_value(json_object_get(it, "depth"));
			return json_integer_value(json_object_get(it, "parent_id"));
		}
	}
	return 0;
}

/* The depth-1 ancestor (the school's party organization) of id. */
static long long
top_of(json_t *items, long long id)
{
	long long depth = 99, p;

	for (;;) {
		p = parent_of(items, id, &depth);
		if (depth <= 1 || !p)
			return id;
		id = p;
	}
}

static void
members_of(long long org, long long *out, int n)
{
	json_t *j = NULL;
	char path[128];

	snprintf(path, sizeof(path), "/api/v1/members?org_id=%lld&per_page=100&sort=id", org);
	assert_int_equal(api_call(&A, "GET", path, NULL, &j), 200);
	assert_true(json_array_size(json_object_get(j, "items")) >= (size_t)n);
	for (int i = 0; i < n; i++)
		out[i] = json_integer_value(json_object_get(json_array_get(json_object_get(j, "items"),
		    (size_t)i), "id"));
	json_decref(j);
}

static void
find_orgs(void)
{
	json_t *j = NULL, *items, *it;
	size_t i;

	assert_int_equal(api_call(&A, "GET", "/api/v1/orgs", NULL, &j), 200);
	items = json_object_get(j, "items");
	json_array_foreach(items, i, it) {
		const char *kind = json_string_value(json_object_get(it, "kind"));
		long long id = json_integer_value(json_object_get(it, "id"));

		if (!strcmp(kind, "branch") &&
		    json_integer_value(json_object_get(it, "member_count")) >= 8) {
			if (!b1) {
				b1 = id;
				top1 = top_of(items, id);
			} else if (!b2 && top_of(items, id) != top1) {
				b2 = id;
				top2 = top_of(items, id);
			}
		}
	}
	json_array_foreach(items, i, it)
		if (!group1 && !strcmp(json_string_value(json_object_get(it, "kind")), "group"))
			group1 = json_integer_value(json_object_get(it, "id"));
	json_decref(j);
	assert_true(b1 && b2 && top1 != top2 && group1);
}

/* These tests count and list meetings they make themselves: the demo's
 * organizational life (two years of meetings) is removed first. */
static int
clear_demo_life(void)
{
	static const char *const sql[] = { "DELETE FROM attendance", "DELETE FROM appraisal_grade",
		"DELETE FROM talk_pair", "DELETE FROM attachment WHERE owner_kind = 'meeting'",
		"DELETE FROM meeting_plan",
		"DELETE FROM meeting", "DELETE FROM org_committee" };
	struct db *db;
	int bad = 0;

	if (db_open(S.db, 0, &db))
		return -1;
	for (size_t i = 0; i < sizeof(sql) / sizeof(sql[0]); i++)
		bad |= db_exec(db, sql[i], DB_END) != ERR_OK;
	db_close(db);
	return bad ? -1 : 0;
}

static int
setup(void **state)
{
	(void)state;
	if (srv_start(&S, 1, NULL) || clear_demo_life())
		return -1;
	client_init(&A, &S);
	api_admin(&A, ADMIN_PW);
	find_orgs();
	members_of(b1, m1, 8);
	members_of(b2, m2, 2);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	client_release(&A);
	srv_stop(&S);
	return 0;
}

/* China Standard Time, delta minutes from now, as YYYY-MM-DDTHH:MM. */
static void
cst(int delta_min, char out[17])
{
	time_t t = time(NULL) + 8 * 3600 + (time_t)delta_min * 60;
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, 17, "%Y-%m-%dT%H:%M", &tm);
}

/* Creates a meeting; returns its id (asserts 201). extra is more JSON fields. */
static long long
create(struct client *c, long long org, const char *kind, int delta_min, const char *extra)
{
	char body[1024], at[17];
	json_t *j = NULL;
	long long id;

	cst(delta_min, at);
	snprintf(body, sizeof(body), "{\"org_id\":%lld,\"kind\":\"%s\",\"held_at\":\"%s\","
	    "\"place\":\"会议室\",\"topic\":\"学习\"%s%s}", org, kind, at, extra ? "," : "",
	    extra ? extra : "");
	assert_int_equal(api_call(c, "POST", "/api/v1/meetings", body, &j), 201);
	id = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	assert_true(id > 0);
	return id;
}

/* pattern with one %lld replaced by id (patterns are not literals here). */
static void
fill(char *out, size_t n, const char *pattern, long long id)
{
	const char *at = strstr(pattern, "%lld");

	snprintf(out, n, "%.*s%lld%s", (int)(at - pattern), pattern, id, at + 4);
}

static json_t *
get(struct client *c, const char *fmt, long long id)
{
	char path[256];
	json_t *j = NULL;

	fill(path, sizeof(path), fmt, id);
	assert_int_equal(api_call(c, "GET", path, NULL, &j), 200);
	return j;
}

static long long
int_of(json_t *j, const char *k)
{
	return json_integer_value(json_object_get(j, k));
}

static long long
total(const char *path)
{
	json_t *j = NULL;
	long long n;

	assert_int_equal(api_call(&A, "GET", path, NULL, &j), 200);
	n = int_of(j, "total");
	json_decref(j);
	return n;
}

static long
put(struct client *c, const char *fmt, long long id, const char *body, json_t **j)
{
	char path[256];

	fill(path, sizeof(path), fmt, id);
	return api_call(c, "PUT", path, body, j);
}

/* Creates a user with a role and logs a client in with a changed password. */
static void
user_client(struct client *c, const char *body, const char *name)
{
	assert_int_equal(api_user_client(&A, c, body, name), 0);
}

static void
member_client(struct client *c, const char *name, long long member)
{
	char body[256];

	snprintf(body, sizeof(body), "{\"username\":\"%s\",\"role\":\"member\",\"member_id\":%lld}",
	    name, member);
	user_client(c, body, name);
}

static void
test_meetings_create_get_list_patch(void **state)
{
	char path[128], at[17], extra[128];
	long long id, before;
	json_t *j;

	(void)state;
	snprintf(path, sizeof(path), "/api/v1/meetings?org_id=%lld", b1);
	before = total(path);
	snprintf(extra, sizeof(extra), "\"host_id\":%lld,\"recorder_id\":%lld", m1[0], m1[1]);
	id = create(&A, b1, "branch_assembly", -60, extra);
	j = get(&A, "/api/v1/meetings/%lld", id);
	assert_string_equal(json_string_value(json_object_get(j, "kind")), "branch_assembly");
	assert_string_equal(json_string_value(json_object_get(j, "status")), "open");
	cst(-60, at);
	assert_string_equal(json_string_value(json_object_get(j, "held_at")), at);
	cst(60, at);	/* the default length: 120 minutes */
	assert_string_equal(json_string_value(json_object_get(j, "ends_at")), at);
	assert_true(json_is_null(json_object_get(j, "quorum_ok")));
	assert_true(int_of(j, "expected") >= 8);
	assert_int_equal(int_of(j, "recorder_id"), m1[1]);
	json_decref(j);
	assert_int_equal(total(path), before + 1);
	/* Filters by kind, month and year (period keys stored at write). */
	cst(0, at);
	snprintf(path, sizeof(path), "/api/v1/meetings?org_id=%lld&kind=branch_assembly&month=%.7s"
	    "&year=%.4s", b1, at, at);
	assert_true(total(path) >= 1);
	snprintf(path, sizeof(path), "/api/v1/meetings?org_id=%lld&kind=lecture&month=%.7s", b1, at);
	assert_int_equal(total(path), 0);
	snprintf(path, sizeof(path), "/api/v1/meetings/%lld", id);
	assert_int_equal(api_call(&A, "PATCH", path, "{\"topic\":\"学习党章\",\"minutes\":\"记录\"}",
	    &j), 200);
	assert_string_equal(json_string_value(json_object_get(j, "topic")), "学习党章");
	json_decref(j);
	j = get(&A, "/api/v1/meetings/%lld", id);
	assert_string_equal(json_string_value(json_object_get(j, "minutes")), "记录");
	json_decref(j);
	/* A bad PATCH names the field and changes nothing. */
	assert_int_equal(api_call(&A, "PATCH", path, "{\"kind\":\"activity\",\"topic\":\"改\"}",
	    &j), 422);
	assert_true(api_has_field(j, "theme"));
	json_decref(j);
	assert_int_equal(api_call(&A, "PATCH", path, "{\"held_at\":\"tomorrow\"}", &j), 422);
	assert_true(api_has_field(j, "held_at"));
	json_decref(j);
	j = get(&A, "/api/v1/meetings/%lld", id);
	assert_string_equal(json_string_value(json_object_get(j, "kind")), "branch_assembly");
	assert_string_equal(json_string_value(json_object_get(j, "topic")), "学习党章");
	json_decref(j);
	assert_int_equal(api_call(&A, "GET", "/api/v1/meetings/99999999", NULL, NULL), 404);
	/* A lecture names its lecturer; an activity its theme. */
	create(&A, b1, "lecture", -30, "\"lecturer\":\"王书记\"");
	create(&A, b1, "activity", -30, "\"theme\":\"oath\"");
	create(&A, group1, "group", -30, NULL);
}

static void
expect_422(const char *body, const char *field)
{
	json_t *j = NULL;

	assert_int_equal(api_call(&A, "POST", "/api/v1/meetings", body, &j), 422);
	assert_true(api_has_field(j, field));
	json_decref(j);
}

static void
test_meetings_bad_input_names_field(void **state)
{
	char body[512], at[17], far[17];
	long long before = total("/api/v1/meetings");

	(void)state;
	cst(-10, at);
	snprintf(body, sizeof(body), "{\"org_id\":%lld,\"kind\":\"party\",\"held_at\":\"%s\"}", b1,
	    at);
	expect_422(body, "kind");
	snprintf(body, sizeof(body), "{\"org_id\":%lld,\"kind\":\"committee\","
	    "\"held_at\":\"2026-13-01T10:00\"}", b1);
	expect_422(body, "held_at");
	snprintf(body, sizeof(body), "{\"org_id\":%lld,\"kind\":\"committee\","
	    "\"held_at\":\"2026-07-01 10:00\"}", b1);
	expect_422(body, "held_at");
	snprintf(body, sizeof(body), "{\"org_id\":%lld,\"kind\":\"activity\",\"held_at\":\"%s\"}",
	    b1, at);
	expect_422(body, "theme");
	snprintf(body, sizeof(body), "{\"org_id\":%lld,\"kind\":\"lecture\",\"held_at\":\"%s\"}",
	    b1, at);
	expect_422(body, "lecturer");
	snprintf(body, sizeof(body), "{\"org_id\":%lld,\"kind\":\"committee\",\"held_at\":\"%s\"}",
	    group1, at);
	expect_422(body, "org_id");
	snprintf(body, sizeof(body), "{\"org_id\":%lld,\"kind\":\"group\",\"held_at\":\"%s\"}",
	    b1, at);
	expect_422(body, "org_id");
	cst(2 * 366 * 1440, far);
	snprintf(body, sizeof(body), "{\"org_id\":%lld,\"kind\":\"committee\",\"held_at\":\"%s\"}",
	    b1, far);
	expect_422(body, "held_at");
	snprintf(body, sizeof(body), "{\"org_id\":%lld,\"kind\":\"committee\",\"held_at\":\"%s\","
	    "\"host_id\":%lld}", b1, at, m2[0]);
	expect_422(body, "host_id");
	snprintf(body, sizeof(body), "{\"org_id\":%lld,\"kind\":\"committee\",\"held_at\":\"%s\","
	    "\"ends_at\":\"%s\"}", b1, at, at);
	expect_422(body, "ends_at");
	assert_int_equal(total("/api/v1/meetings"), before);
	assert_int_equal(api_call(&A, "GET", "/api/v1/meetings?kind=x", NULL, NULL), 422);
	assert_int_equal(api_call(&A, "GET", "/api/v1/meetings?month=2026-13", NULL, NULL), 422);
}

/* Audit rows about one meeting. */
static long long
audits(long long id)
{
	char path[160];

	snprintf(path, sizeof(path), "/api/v1/audit?entity=meeting&entity_id=%lld", id);
	return total(path);
}

static long long
present_of(long long id)
{
	json_t *j = get(&A, "/api/v1/meetings/%lld", id);
	long long n = int_of(j, "present");

	json_decref(j);
	return n;
}

static long
put_patch(long long id, const char *body, json_t **j)
{
	char path[64];

	snprintf(path, sizeof(path), "/api/v1/meetings/%lld", id);
	return api_call(&A, "PATCH", path, body, j);
}

static void
test_meetings_attendance_replaces_and_checks(void **state)
{
	char body[512];
	json_t *j = NULL;
	long long id;

	(void)state;
	id = create(&A, b1, "lecture", -20, "\"lecturer\":\"李老师\"");
	assert_int_equal(audits(id), 1);	/* the create */
	snprintf(body, sizeof(body), "{\"items\":[{\"member_id\":%lld,\"status\":\"present\"},"
	    "{\"member_id\":%lld,\"status\":\"absent\",\"reason\":\"病假\"},{\"member_id\":%lld,"
	    "\"status\":\"late\"}]}", m1[0], m1[1], m1[2]);
	assert_int_equal(put(&A, "/api/v1/meetings/%lld/attendance", id, body, &j), 200);
	assert_int_equal(audits(id), 2);
	assert_int_equal(int_of(j, "present"), 2);
	assert_int_equal(json_array_size(json_object_get(j, "attendance")), 3);
	json_decref(j);
	/* A member of another school's branch: 422 naming the item, nothing changed. */
	snprintf(body, sizeof(body), "{\"items\":[{\"member_id\":%lld,\"status\":\"present\"},"
	    "{\"member_id\":%lld,\"status\":\"present\"}]}", m1[3], m2[0]);
	assert_int_equal(put(&A, "/api/v1/meetings/%lld/attendance", id, body, &j), 422);
	assert_true(api_has_field(j, "items[1].member_id"));
	json_decref(j);
	assert_int_equal(present_of(id), 2);
	/* With attendance recorded, the kind and the organization stay. */
	assert_int_equal(put_patch(id, "{\"kind\":\"org_life\",\"lecturer\":\"\"}", &j), 422);
	assert_true(api_has_field(j, "kind"));
	json_decref(j);
	assert_string_equal(json_string_value(json_object_get(j = get(&A, "/api/v1/meetings/%lld",
	    id), "kind")), "lecture");
	json_decref(j);
	/* Absent without a reason. */
	snprintf(body, sizeof(body), "{\"items\":[{\"member_id\":%lld,\"status\":\"absent\"}]}",
	    m1[3]);
	assert_int_equal(put(&A, "/api/v1/meetings/%lld/attendance", id, body, &j), 422);
	assert_true(api_has_field(j, "items[0].reason"));
	json_decref(j);
	snprintf(body, sizeof(body), "{\"items\":[{\"member_id\":%lld,\"status\":\"away\"}]}",
	    m1[3]);
	assert_int_equal(put(&A, "/api/v1/meetings/%lld/attendance", id, body, &j), 422);
	assert_true(api_has_field(j, "items[0].status"));
	json_decref(j);
	snprintf(body, sizeof(body), "{\"items\":[{\"member_id\":%lld,\"status\":\"present\"},"
	    "{\"member_id\":%lld,\"status\":\"late\"}]}", m1[3], m1[3]);
	assert_int_equal(put(&A, "/api/v1/meetings/%lld/attendance", id, body, &j), 422);
	assert_true(api_has_field(j, "items[1].member_id"));
	json_decref(j);
	assert_int_equal(put(&A, "/api/v1/meetings/%lld/attendance", id, "{\"list\":[]}", NULL), 422);
	assert_int_equal(present_of(id), 2);
	assert_int_equal(audits(id), 2);	/* refused writes leave no row */
	/* A meeting days ahead takes no attendance yet. */
	id = create(&A, b1, "lecture", 3 * 1440, "\"lecturer\":\"李老师\"");
	snprintf(body, sizeof(body), "{\"items\":[{\"member_id\":%lld,\"status\":\"present\"}]}",
	    m1[0]);
	assert_int_equal(put(&A, "/api/v1/meetings/%lld/attendance", id, body, NULL), 422);
	assert_int_equal(present_of(id), 0);
}

static void
set_attendance(long long id, int npresent)
{
	char body[1024];
	int len;

	len = snprintf(body, sizeof(body), "{\"items\":[");
	for (int i = 0; i < 5; i++)
		len += snprintf(body + len, sizeof(body) - (size_t)len, "%s{\"member_id\":%lld,"
		    "\"status\":\"%s\",\"reason\":\"公出\"}", i ? "," : "", m1[i],
		    i < npresent ? "present" : "absent");
	snprintf(body + len, sizeof(body) - (size_t)len, "]}");
	assert_int_equal(put(&A, "/api/v1/meetings/%lld/attendance", id, body, NULL), 200);
}

static int
quorum_of(long long id)
{
	json_t *j = get(&A, "/api/v1/meetings/%lld", id);
	int q;

	assert_true(json_is_boolean(json_object_get(j, "quorum_ok")));
	assert_non_null(strstr(json_string_value(json_object_get(j, "quorum_message")), "ORG-11"));
	q = json_is_true(json_object_get(j, "quorum_ok"));
	json_decref(j);
	return q;
}

/* ORG-11 over HTTP: a committee of 5; 3 present is valid, 2 is not. */
static void
test_meetings_committee_quorum_org11(void **state)
{
	char body[1024];
	json_t *j = NULL;
	long long id;
	int len;

	(void)state;
	len = snprintf(body, sizeof(body), "{\"items\":[");
	for (int i = 0; i < 5; i++)
		len += snprintf(body + len, sizeof(body) - (size_t)len, "%s{\"member_id\":%lld,"
		    "\"post\":\"%s\",\"from_on\":\"2020-01-01\"}", i ? "," : "", m1[i],
		    i ? "member" : "secretary");
	snprintf(body + len, sizeof(body) - (size_t)len, "]}");
	assert_int_equal(put(&A, "/api/v1/orgs/%lld/committee", b1, body, &j), 200);
	assert_int_equal(json_array_size(json_object_get(j, "items")), 5);
	assert_int_equal(int_of(j, "current"), 5);
	/* Five serving members fit ORG-05 (a soft rule: advice, never a refusal). */
	assert_true(json_is_null(json_object_get(j, "advice")) ||
	    int_of(j, "full_members") < 7);
	json_decref(j);
	id = create(&A, b1, "committee", -15, NULL);
	set_attendance(id, 2);
	assert_false(quorum_of(id));
	set_attendance(id, 3);
	assert_true(quorum_of(id));
	/* A new committee (only m1[2] of it present) takes the quorum away at once. */
	len = snprintf(body, sizeof(body), "{\"items\":[");
	for (int i = 2; i < 7; i++)
		len += snprintf(body + len, sizeof(body) - (size_t)len, "%s{\"member_id\":%lld,"
		    "\"post\":\"member\",\"from_on\":\"2020-01-01\"}", i > 2 ? "," : "", m1[i]);
	snprintf(body + len, sizeof(body) - (size_t)len, "]}");
	assert_int_equal(put(&A, "/api/v1/orgs/%lld/committee", b1, body, NULL), 200);
	assert_false(quorum_of(id));
	/* A committee whose term ended before the meeting does not count. */
	len = snprintf(body, sizeof(body), "{\"items\":[");
	for (int i = 0; i < 5; i++)
		len += snprintf(body + len, sizeof(body) - (size_t)len, "%s{\"member_id\":%lld,"
		    "\"post\":\"member\",\"from_on\":\"2020-01-01\",\"to_on\":\"%s\"}",
		    i ? "," : "", m1[i], i < 3 ? "2021-01-01" : "2099-01-01");
	snprintf(body + len, sizeof(body) - (size_t)len, "]}");
	assert_int_equal(put(&A, "/api/v1/orgs/%lld/committee", b1, body, NULL), 200);
	assert_false(quorum_of(id));	/* 2 serving, 0 of them present */
	len = snprintf(body, sizeof(body), "{\"items\":[");
	for (int i = 0; i < 5; i++)
		len += snprintf(body + len, sizeof(body) - (size_t)len, "%s{\"member_id\":%lld,"
		    "\"post\":\"%s\",\"from_on\":\"2020-01-01\"}", i ? "," : "", m1[i],
		    i ? "member" : "secretary");
	snprintf(body + len, sizeof(body) - (size_t)len, "]}");
	assert_int_equal(put(&A, "/api/v1/orgs/%lld/committee", b1, body, NULL), 200);
	assert_true(quorum_of(id));
	/* A committee member from another school: refused, committee kept. */
	snprintf(body, sizeof(body), "{\"items\":[{\"member_id\":%lld,\"post\":\"member\","
	    "\"from_on\":\"2020-01-01\"}]}", m2[0]);
	assert_int_equal(put(&A, "/api/v1/orgs/%lld/committee", b1, body, &j), 422);
	assert_true(api_has_field(j, "items[0].member_id"));
	json_decref(j);
	snprintf(body, sizeof(body), "{\"items\":[{\"member_id\":%lld,\"post\":\"chief\","
	    "\"from_on\":\"2020-01-01\"}]}", m1[0]);
	assert_int_equal(put(&A, "/api/v1/orgs/%lld/committee", b1, body, NULL), 422);
	j = get(&A, "/api/v1/orgs/%lld/committee", b1);
	assert_int_equal(json_array_size(json_object_get(j, "items")), 5);
	json_decref(j);
	/* A group has no committee. */
	assert_int_equal(put(&A, "/api/v1/orgs/%lld/committee", group1, "{\"items\":[]}", NULL),
	    422);
}

/* ORG-16: at most a third excellent; ORG-17: pairs of two people. */
static void
test_meetings_grades_cap_and_pairs(void **state)
{
	char body[1024];
	json_t *j = NULL;
	long long id, talk;
	char *dump;

	(void)state;
	id = create(&A, b1, "appraisal", -10, NULL);
	snprintf(body, sizeof(body), "{\"items\":[{\"member_id\":%lld,\"grade\":\"excellent\"},"
	    "{\"member_id\":%lld,\"grade\":\"qualified\"},{\"member_id\":%lld,"
	    "\"grade\":\"basically_qualified\"}]}", m1[0], m1[1], m1[2]);
	assert_int_equal(put(&A, "/api/v1/meetings/%lld/grades", id, body, &j), 200);
	assert_int_equal(json_array_size(json_object_get(j, "grades")), 3);
	json_decref(j);
	snprintf(body, sizeof(body), "{\"items\":[{\"member_id\":%lld,\"grade\":\"excellent\"},"
	    "{\"member_id\":%lld,\"grade\":\"excellent\"},{\"member_id\":%lld,"
	    "\"grade\":\"qualified\"}]}", m1[0], m1[1], m1[2]);
	assert_int_equal(put(&A, "/api/v1/meetings/%lld/grades", id, body, &j), 422);
	assert_true(api_has_field(j, "items"));
	dump = json_dumps(j, 0);
	assert_non_null(strstr(dump, "ORG-16"));
	free(dump);
	json_decref(j);
	j = get(&A, "/api/v1/meetings/%lld", id);
	assert_string_equal(json_string_value(json_object_get(json_array_get(json_object_get(j,
	    "grades"), 1), "grade")), "qualified");
	json_decref(j);
	talk = create(&A, b1, "talk", -10, NULL);
	assert_int_equal(put(&A, "/api/v1/meetings/%lld/grades", talk, body, &j), 422);
	assert_true(api_has_field(j, "kind"));
	json_decref(j);
	snprintf(body, sizeof(body), "{\"items\":[{\"a_member_id\":%lld,\"b_member_id\":%lld,"
	    "\"pair_kind\":\"committee_member\"}]}", m1[0], m1[5]);
	assert_int_equal(put(&A, "/api/v1/meetings/%lld/pairs", talk, body, &j), 200);
	assert_int_equal(json_array_size(json_object_get(j, "pairs")), 1);
	json_decref(j);
	snprintf(body, sizeof(body), "{\"items\":[{\"a_member_id\":%lld,\"b_member_id\":%lld,"
	    "\"pair_kind\":\"member_member\"}]}", m1[0], m1[0]);
	assert_int_equal(put(&A, "/api/v1/meetings/%lld/pairs", talk, body, &j), 422);
	assert_true(api_has_field(j, "items[0].b_member_id"));
	json_decref(j);
	assert_int_equal(put(&A, "/api/v1/meetings/%lld/pairs", id, body, NULL), 422);
}

/* The sign-in token of a meeting, from the QR's JSON form. */
static void
token_of(long long id, char *out, size_t n)
{
	json_t *j = get(&A, "/api/v1/meetings/%lld/qr?format=json", id);

	snprintf(out, n, "%s", json_string_value(json_object_get(j, "token")));
	assert_non_null(strstr(json_string_value(json_object_get(j, "url")), "/checkin?t="));
	json_decref(j);
}

static long
checkin(struct client *c, const char *tok, json_t **j)
{
	char body[256];

	snprintf(body, sizeof(body), "{\"token\":\"%s\"}", tok);
	return api_call(c, "POST", "/api/v1/checkin", body, j);
}

static void
expect_code(struct client *c, const char *tok, long status, const char *code)
{
	json_t *j = NULL;

	assert_int_equal(checkin(c, tok, &j), status);
	assert_string_equal(api_code(j), code);
	json_decref(j);
}

static void
test_meetings_qr_checkin(void **state)
{
	struct client me, other;
	char tok[128], bad[128], hdr[2048], path[128], body[512];
	long long id, old, later;
	json_t *j = NULL;

	(void)state;
	id = create(&A, b1, "theme_day", -5, NULL);
	snprintf(path, sizeof(path), "/api/v1/meetings/%lld/qr", id);
	assert_int_equal(api_call_h(&A, "GET", path, NULL, NULL, hdr, sizeof(hdr)), 200);
	assert_non_null(strstr(hdr, "image/svg+xml"));
	snprintf(path, sizeof(path), "/api/v1/meetings/%lld/qr?format=png", id);
	assert_int_equal(api_call_h(&A, "GET", path, NULL, NULL, hdr, sizeof(hdr)), 200);
	assert_non_null(strstr(hdr, "image/png"));
	snprintf(path, sizeof(path), "/api/v1/meetings/%lld/qr?format=gif", id);
	assert_int_equal(api_call(&A, "GET", path, NULL, NULL), 422);
	token_of(id, tok, sizeof(tok));
	member_client(&me, "qr_member", m1[6]);
	member_client(&other, "qr_other", m2[1]);
	/* Another branch's member: refused, nothing recorded. */
	expect_code(&other, tok, 403, "other_branch");
	assert_int_equal(present_of(id), 0);
	/* A tampered token. */
	snprintf(bad, sizeof(bad), "%s", tok);
	bad[strlen(bad) - 1] = bad[strlen(bad) - 1] == 'a' ? 'b' : 'a';
	expect_code(&me, bad, 422, "token_invalid");
	expect_code(&me, "garbage", 422, "token_invalid");
	assert_int_equal(present_of(id), 0);
	/* Signed once, then "已签到". */
	assert_int_equal(checkin(&me, tok, &j), 200);
	json_decref(j);
	assert_int_equal(present_of(id), 1);
	expect_code(&me, tok, 409, "already_signed");
	assert_int_equal(present_of(id), 1);
	j = get(&A, "/api/v1/meetings/%lld", id);
	assert_string_equal(json_string_value(json_object_get(json_array_get(json_object_get(j,
	    "attendance"), 0), "via")), "qr");
	json_decref(j);
	/* The secretary completes the list; the QR sign-in stays on record. */
	snprintf(body, sizeof(body), "{\"items\":[{\"member_id\":%lld,\"status\":\"present\"},"
	    "{\"member_id\":%lld,\"status\":\"absent\",\"reason\":\"出差\"}]}", m1[6], m1[7]);
	assert_int_equal(put(&A, "/api/v1/meetings/%lld/attendance", id, body, &j), 200);
	assert_int_equal(int_of(j, "present"), 1);
	for (size_t i = 0; i < 2; i++) {
		json_t *it = json_array_get(json_object_get(j, "attendance"), i);

		assert_string_equal(json_string_value(json_object_get(it, "via")),
		    int_of(it, "member_id") == m1[6] ? "qr" : "manual");
	}
	json_decref(j);
	expect_code(&me, tok, 409, "already_signed");
	/* An expired window: a token replayed after its end. */
	old = create(&A, b1, "theme_day", -300, NULL);
	token_of(old, tok, sizeof(tok));
	expect_code(&me, tok, 422, "token_expired");
	assert_int_equal(present_of(old), 0);
	/* Not open yet (tomorrow). */
	later = create(&A, b1, "theme_day", 1440, NULL);
	token_of(later, tok, sizeof(tok));
	expect_code(&me, tok, 422, "checkin_not_open");
	/* Staff do not sign in; members do not make QR codes. */
	assert_int_equal(checkin(&A, tok, NULL), 403);
	snprintf(path, sizeof(path), "/api/v1/meetings/%lld/qr", id);
	assert_int_equal(api_call(&me, "GET", path, NULL, NULL), 403);
	/* A member reads meetings of their own branch only. */
	snprintf(path, sizeof(path), "/api/v1/meetings/%lld", id);
	assert_int_equal(api_call(&me, "GET", path, NULL, NULL), 200);
	assert_int_equal(api_call(&other, "GET", path, NULL, NULL), 404);
	assert_int_equal(api_call(&me, "POST", "/api/v1/meetings", "{}", NULL), 403);
	client_release(&me);
	client_release(&other);
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

/* GET with the raw body and headers (files are not JSON). */
static long
raw_get(struct client *c, const char *path, struct grow *body, struct grow *hdr)
{
	char url[512];
	long code = 0;

	snprintf(url, sizeof(url), "%s%s", S.base, path);
	curl_easy_setopt(c->curl, CURLOPT_URL, url);
	curl_easy_setopt(c->curl, CURLOPT_HTTPGET, 1L);
	curl_easy_setopt(c->curl, CURLOPT_CUSTOMREQUEST, "GET");
	curl_easy_setopt(c->curl, CURLOPT_HTTPHEADER, NULL);
	curl_easy_setopt(c->curl, CURLOPT_WRITEFUNCTION, collect);
	curl_easy_setopt(c->curl, CURLOPT_WRITEDATA, body);
	curl_easy_setopt(c->curl, CURLOPT_HEADERFUNCTION, collect);
	curl_easy_setopt(c->curl, CURLOPT_HEADERDATA, hdr);
	if (curl_easy_perform(c->curl) == CURLE_OK)
		curl_easy_getinfo(c->curl, CURLINFO_RESPONSE_CODE, &code);
	return code;
}

#define FAKE_PNG "\x89PNG\r\n\x1a\n-fake-image-bytes-for-the-test"

static long long
upload(struct client *c, long long id, const char *name, const char *bytes, long status)
{
	char path[256];
	json_t *j = NULL;
	long long fid;

	snprintf(path, sizeof(path), "/api/v1/meetings/%lld/files?name=%s", id, name);
	assert_int_equal(api_call(c, "POST", path, bytes, &j), status);
	fid = status == 201 ? int_of(j, "id") : 0;
	json_decref(j);
	return fid;
}

static size_t
nfiles(struct client *c, long long id)
{
	json_t *j = get(c, "/api/v1/meetings/%lld/files", id);
	size_t n = json_array_size(json_object_get(j, "items"));

	json_decref(j);
	return n;
}

static void
test_meetings_files_typed_and_streamed(void **state)
{
	struct grow body = { 0 }, hdr = { 0 };
	char path[128];
	long long id, fid;

	(void)state;
	id = create(&A, b1, "org_life", -10, NULL);
	fid = upload(&A, id, "%E7%85%A7%E7%89%87.png", FAKE_PNG, 201);	/* 照片.png */
	upload(&A, id, "report.pdf", "%PDF-1.7 minimal", 201);
	assert_int_equal(nfiles(&A, id), 2);
	/* Wrong type (text named .pdf), empty, and a name with a slash. */
	upload(&A, id, "x.pdf", "just some text", 422);
	upload(&A, id, "x.exe", "MZ-binary", 422);
	upload(&A, id, "..%2Fx.png", FAKE_PNG, 422);
	assert_int_equal(nfiles(&A, id), 2);
	snprintf(path, sizeof(path), "/api/v1/files/%lld", fid);
	assert_int_equal(raw_get(&A, path, &body, &hdr), 200);
	assert_int_equal(body.n, strlen(FAKE_PNG));
	assert_non_null(strstr(hdr.p, "attachment"));
	assert_memory_equal(body.p, FAKE_PNG, body.n);
	assert_non_null(strstr(hdr.p, "image/png"));
	assert_non_null(strstr(hdr.p, "filename*=UTF-8''%E7%85%A7%E7%89%87.png"));
	free(body.p);
	free(hdr.p);
	assert_int_equal(api_call(&A, "GET", "/api/v1/files/999999", NULL, NULL), 404);
}

/* POSTs n bytes (a zip: NULs inside) as a meeting file; returns the status,
 * *j the answer. */
static long
upload_bytes(struct client *c, long long id, const char *name, const void *bytes, size_t n,
    json_t **j)
{
	struct grow out = { 0 }, hdr = { 0 };
	struct curl_slist *h = NULL;
	char url[512], tok[128];
	long code = 0;

	snprintf(url, sizeof(url), "%s/api/v1/meetings/%lld/files?name=%s", S.base, id, name);
	snprintf(tok, sizeof(tok), "X-CSRF-Token: %s", c->csrf);
	h = curl_slist_append(h, tok);
	curl_easy_setopt(c->curl, CURLOPT_URL, url);
	curl_easy_setopt(c->curl, CURLOPT_CUSTOMREQUEST, "POST");
	curl_easy_setopt(c->curl, CURLOPT_POSTFIELDS, bytes);
	curl_easy_setopt(c->curl, CURLOPT_POSTFIELDSIZE, (long)n);
	curl_easy_setopt(c->curl, CURLOPT_HTTPHEADER, h);
	curl_easy_setopt(c->curl, CURLOPT_WRITEFUNCTION, collect);
	curl_easy_setopt(c->curl, CURLOPT_WRITEDATA, &out);
	curl_easy_setopt(c->curl, CURLOPT_HEADERFUNCTION, collect);
	curl_easy_setopt(c->curl, CURLOPT_HEADERDATA, &hdr);
	if (curl_easy_perform(c->curl) == CURLE_OK)
		curl_easy_getinfo(c->curl, CURLINFO_RESPONSE_CODE, &code);
	curl_easy_setopt(c->curl, CURLOPT_HTTPHEADER, NULL);
	curl_slist_free_all(h);
	*j = out.p ? json_loads(out.p, 0, NULL) : NULL;
	free(out.p);
	free(hdr.p);
	return code;
}

/* A zip named .docx is a Word document only when its [Content_Types].xml
 * names a present wordprocessingml main part (issue 10): a plain zip
 * renamed is refused (422 naming file), a real one made here is kept. */
static void
test_meetings_files_docx_by_content(void **state)
{
	size_t np = 0, nd = 0;
	unsigned char *plain = office_zip(NULL, NULL, 0, &np);
	unsigned char *docx = office_zip(OFFICE_DOCX_MAIN, "word/document.xml", 1, &nd);
	json_t *j = NULL;
	long long id;

	(void)state;
	assert_true(plain && docx);
	id = create(&A, b1, "org_life", -12, NULL);
	assert_int_equal(upload_bytes(&A, id, "plain.docx", plain, np, &j), 422);
	assert_true(api_has_field(j, "file"));
	json_decref(j);
	assert_int_equal(upload_bytes(&A, id, "plain.xlsx", plain, np, &j), 422);
	json_decref(j);
	assert_int_equal(nfiles(&A, id), 0);
	assert_int_equal(upload_bytes(&A, id, "minutes.docx", docx, nd, &j), 201);
	json_decref(j);
	assert_int_equal(nfiles(&A, id), 1);
	free(plain);
	free(docx);
}

/* A secretary of school 1 neither sees nor writes school 2's meetings and files. */
static void
test_meetings_scope_secretary(void **state)
{
	struct client sec;
	char body[256], path[128], at[17];
	long long mine, theirs, fid;
	json_t *j = NULL;

	(void)state;
	snprintf(body, sizeof(body), "{\"username\":\"sec_m1\",\"role\":\"secretary\",\"scope\":[%lld]}",
	    top1);
	user_client(&sec, body, "sec_m1");
	mine = create(&sec, b1, "lecture", -10, "\"lecturer\":\"张\"");
	theirs = create(&A, b2, "lecture", -10, "\"lecturer\":\"赵\"");
	fid = upload(&A, theirs, "a.pdf", "%PDF-1.4", 201);
	snprintf(path, sizeof(path), "/api/v1/meetings/%lld", theirs);
	assert_int_equal(api_call(&sec, "GET", path, NULL, NULL), 404);
	assert_int_equal(api_call(&sec, "PATCH", path, "{\"topic\":\"改\"}", NULL), 404);
	snprintf(path, sizeof(path), "/api/v1/meetings/%lld/attendance", theirs);
	assert_int_equal(api_call(&sec, "PUT", path, "{\"items\":[]}", NULL), 404);
	snprintf(path, sizeof(path), "/api/v1/meetings/%lld/files", theirs);
	assert_int_equal(api_call(&sec, "GET", path, NULL, NULL), 404);
	upload(&sec, theirs, "b.pdf", "%PDF-1.4", 404);
	snprintf(path, sizeof(path), "/api/v1/files/%lld", fid);
	assert_int_equal(api_call(&sec, "GET", path, NULL, NULL), 404);
	snprintf(path, sizeof(path), "/api/v1/meetings/%lld/qr", theirs);
	assert_int_equal(api_call(&sec, "GET", path, NULL, NULL), 404);
	snprintf(path, sizeof(path), "/api/v1/meetings?org_id=%lld", b2);
	assert_int_equal(api_call(&sec, "GET", path, NULL, NULL), 404);
	snprintf(path, sizeof(path), "/api/v1/orgs/%lld/committee", b2);
	assert_int_equal(api_call(&sec, "PUT", path, "{\"items\":[]}", NULL), 404);
	cst(-10, at);
	snprintf(body, sizeof(body), "{\"org_id\":%lld,\"kind\":\"lecture\",\"held_at\":\"%s\","
	    "\"lecturer\":\"x\"}", b2, at);
	assert_int_equal(api_call(&sec, "POST", "/api/v1/meetings", body, &j), 422);
	assert_true(api_has_field(j, "org_id"));
	json_decref(j);
	/* Every meeting the secretary lists is theirs. */
	assert_int_equal(api_call(&sec, "GET", "/api/v1/meetings?per_page=100", NULL, &j), 200);
	for (size_t i = 0; i < json_array_size(json_object_get(j, "items")); i++)
		assert_int_not_equal(int_of(json_array_get(json_object_get(j, "items"), i), "id"),
		    theirs);
	json_decref(j);
	snprintf(path, sizeof(path), "/api/v1/meetings/%lld", mine);
	assert_int_equal(api_call(&sec, "GET", path, NULL, NULL), 200);
	client_release(&sec);
}

static int
has_entry(json_t *cal, const char *what, const char *kind)
{
	json_t *d, *e;
	size_t i, k;

	json_array_foreach(json_object_get(cal, "days"), i, d)
		json_array_foreach(json_object_get(d, "entries"), k, e)
			if (!strcmp(json_string_value(json_object_get(e, "what")), what) &&
			    !strcmp(json_string_value(json_object_get(e, "kind")), kind))
				return 1;
	return 0;
}

static void
test_meetings_plans_and_calendar(void **state)
{
	char body[256], path[160], now[17], last[17];
	json_t *j = NULL;

	(void)state;
	cst(0, now);
	cst(-40 * 1440, last);	/* a day of an earlier month */
	snprintf(body, sizeof(body), "{\"org_id\":%lld,\"kind\":\"committee\",\"planned_on\":"
	    "\"%.10s\",\"topic\":\"月度支委会\"}", b1, last);
	assert_int_equal(api_call(&A, "POST", "/api/v1/meeting-plans", body, NULL), 201);
	snprintf(body, sizeof(body), "{\"org_id\":%lld,\"kind\":\"lecture\",\"planned_on\":"
	    "\"%.10s\"}", b1, now);
	assert_int_equal(api_call(&A, "POST", "/api/v1/meeting-plans", body, NULL), 201);
	snprintf(body, sizeof(body), "{\"org_id\":%lld,\"kind\":\"meet\",\"planned_on\":"
	    "\"2026-02-30\"}", b1);
	assert_int_equal(api_call(&A, "POST", "/api/v1/meeting-plans", body, &j), 422);
	assert_true(api_has_field(j, "kind") && api_has_field(j, "planned_on"));
	json_decref(j);
	snprintf(path, sizeof(path), "/api/v1/meeting-plans?org_id=%lld", b1);
	assert_int_equal(api_call(&A, "GET", path, NULL, &j), 200);
	assert_int_equal(json_array_size(json_object_get(j, "items")), 2);
	json_decref(j);
	/* The earlier month: planned and missing (no committee meeting then). */
	snprintf(path, sizeof(path), "/api/v1/meetings/calendar?org_id=%lld&month=%.7s", b1, last);
	assert_int_equal(api_call(&A, "GET", path, NULL, &j), 200);
	assert_true(has_entry(j, "planned", "committee"));
	assert_true(has_entry(j, "missing", "committee"));
	json_decref(j);
	/* This month: lectures were held, so the plan is not missing. */
	snprintf(path, sizeof(path), "/api/v1/meetings/calendar?org_id=%lld&month=%.7s", b1, now);
	assert_int_equal(api_call(&A, "GET", path, NULL, &j), 200);
	assert_true(has_entry(j, "planned", "lecture"));
	assert_true(has_entry(j, "held", "lecture"));
	assert_false(has_entry(j, "missing", "lecture"));
	json_decref(j);
	assert_int_equal(api_call(&A, "GET", "/api/v1/meetings/calendar", NULL, &j), 422);
	assert_true(api_has_field(j, "month"));
	json_decref(j);
}

/* Last: restarts the server with a 4 KiB upload limit. */
static void
test_meetings_file_oversize_413(void **state)
{
	char *big = malloc(5001);
	long long id;

	(void)state;
	id = create(&A, b1, "org_life", -10, NULL);
	assert_int_equal(srv_restart_flag(&S, NULL, "--upload-max", "4096"), 0);
	memcpy(big, "%PDF-", 5);
	memset(big + 5, 'x', 4995);
	big[5000] = '\0';
	upload(&A, id, "big.pdf", big, 413);
	assert_int_equal(nfiles(&A, id), 0);
	big[4000] = '\0';
	upload(&A, id, "ok.pdf", big, 201);
	assert_int_equal(nfiles(&A, id), 1);
	free(big);
}

static const char *
str_of(json_t *j, const char *k)
{
	const char *s = json_string_value(json_object_get(j, k));

	return s ? s : "(null)";
}

/* The item of a list answer with this id, or NULL. */
static json_t *
item_with_id(json_t *list, long long id)
{
	json_t *it;
	size_t i;

	json_array_foreach(json_object_get(list, "items"), i, it)
		if (int_of(it, "id") == id)
			return it;
	return NULL;
}

/* "YYYY-MM-DDTHH:MM" 30 minutes earlier, in out. */
static const char *
minus_30(const char *at, char out[17])
{
	struct tm tm = { 0 };
	time_t t;

	assert_non_null(strptime(at, "%Y-%m-%dT%H:%M", &tm));
	t = timegm(&tm) - 30 * 60;
	gmtime_r(&t, &tm);
	strftime(out, 17, "%Y-%m-%dT%H:%M", &tm);
	return out;
}

/* What the console shows without more calls: the host's and recorder's
 * names, the caller's own attendance in a member's list (my_status), and
 * the meeting a QR sign-in was for. */
static void
test_meetings_console_fields(void **state)
{
	char extra[128], path[160], host[64], rec[64];
	struct client me;
	long long id, other;
	json_t *j = NULL, *it;

	(void)state;
	j = get(&A, "/api/v1/members/%lld", m1[2]);
	snprintf(host, sizeof(host), "%s", str_of(j, "name"));
	json_decref(j);
	j = get(&A, "/api/v1/members/%lld", m1[3]);
	snprintf(rec, sizeof(rec), "%s", str_of(j, "name"));
	json_decref(j);
	snprintf(extra, sizeof(extra), "\"host_id\":%lld,\"recorder_id\":%lld", m1[2], m1[3]);
	id = create(&A, b1, "branch_assembly", -3, extra);
	other = create(&A, b1, "lecture", -3, "\"lecturer\":\"王老师\"");
	j = get(&A, "/api/v1/meetings/%lld", id);
	assert_string_equal(str_of(j, "host_name"), host);
	assert_string_equal(str_of(j, "recorder_name"), rec);
	assert_true(json_is_null(json_object_get(j, "my_status")));	/* the admin has no record */
	/* Sign-in opens 30 minutes before (HONGYAN_CHECKIN_EARLY_MIN). */
	assert_string_equal(str_of(j, "checkin_from"), minus_30(str_of(j, "held_at"), extra));
	json_decref(j);
	j = get(&A, "/api/v1/meetings/%lld", other);
	assert_true(json_is_null(json_object_get(j, "host_name")));
	json_decref(j);

	/* A member signs in: the answer names the meeting; their list says so. */
	member_client(&me, "console_member", m1[4]);
	snprintf(path, sizeof(path), "/api/v1/meetings/%lld/qr?format=json", id);
	assert_int_equal(api_call(&A, "GET", path, NULL, &j), 200);
	snprintf(extra, sizeof(extra), "%s", str_of(j, "token"));
	json_decref(j);
	assert_int_equal(checkin(&me, extra, &j), 200);
	it = json_object_get(j, "meeting");
	assert_int_equal(int_of(it, "id"), id);
	assert_string_equal(str_of(it, "kind"), "branch_assembly");
	assert_int_equal(strlen(str_of(it, "held_at")), 16);
	json_decref(j);
	snprintf(path, sizeof(path), "/api/v1/meetings?org_id=%lld&per_page=100", b1);
	assert_int_equal(api_call(&me, "GET", path, NULL, &j), 200);
	assert_non_null(it = item_with_id(j, id));
	assert_string_equal(str_of(it, "my_status"), "present");
	assert_string_equal(str_of(it, "host_name"), host);
	assert_non_null(it = item_with_id(j, other));
	assert_true(json_is_null(json_object_get(it, "my_status")));
	json_decref(j);
	snprintf(path, sizeof(path), "/api/v1/meetings/%lld", id);
	assert_int_equal(api_call(&me, "GET", path, NULL, &j), 200);
	assert_string_equal(str_of(j, "my_status"), "present");
	json_decref(j);
	/* The staff list carries no one's status. */
	assert_int_equal(api_call(&A, "GET", path, NULL, &j), 200);
	assert_true(json_is_null(json_object_get(j, "my_status")));
	json_decref(j);
	client_release(&me);
}

/* The QR link is absolute for phones: the console's origin= (checked to be
 * an origin and nothing more), or HONGYAN_PUBLIC_URL, which wins. */
static void
test_meetings_qr_origin(void **state)
{
	static const char *const bad[] = { "javascript:alert(1)", "https://dj.example.cn/x",
		"ftp://dj.example.cn", "https://", "http://h:0", "http://h:%2B80",
		"https://a%22b.cn", "https://user@h.cn", "http://h.cn:", "http://h.cn:123456" };
	char path[256], want[256];
	long long id;
	json_t *j = NULL;

	(void)state;
	id = create(&A, b1, "theme_day", -5, NULL);
	snprintf(path, sizeof(path), "/api/v1/meetings/%lld/qr?format=json"
	    "&origin=https%%3A%%2F%%2Fdj.example.cn%%3A8443", id);
	assert_int_equal(api_call(&A, "GET", path, NULL, &j), 200);
	snprintf(want, sizeof(want), "https://dj.example.cn:8443/checkin?t=%s", str_of(j, "token"));
	assert_string_equal(str_of(j, "url"), want);
	json_decref(j);
	snprintf(path, sizeof(path), "/api/v1/meetings/%lld/qr?format=json"
	    "&origin=http%%3A%%2F%%2F127.0.0.1%%3A8080", id);
	assert_int_equal(api_call(&A, "GET", path, NULL, &j), 200);
	assert_non_null(strstr(str_of(j, "url"), "http://127.0.0.1:8080/checkin?t="));
	json_decref(j);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(path, sizeof(path), "/api/v1/meetings/%lld/qr?origin=%s", id, bad[i]);
		assert_int_equal(api_call(&A, "GET", path, NULL, &j), 422);
		assert_true(api_has_field(j, "origin"));
		json_decref(j);
		j = NULL;
	}
	/* A configured public address wins over what the console sends. */
	assert_int_equal(srv_restart(&S, "HONGYAN_PUBLIC_URL=https://dj.example.cn"), 0);
	snprintf(path, sizeof(path), "/api/v1/meetings/%lld/qr?format=json"
	    "&origin=http%%3A%%2F%%2F10.0.0.5", id);
	assert_int_equal(api_call(&A, "GET", path, NULL, &j), 200);
	snprintf(want, sizeof(want), "https://dj.example.cn/checkin?t=%s", str_of(j, "token"));
	assert_string_equal(str_of(j, "url"), want);
	json_decref(j);
	assert_int_equal(srv_restart(&S, NULL), 0);
	snprintf(path, sizeof(path), "/api/v1/meetings/%lld/qr?format=json", id);
	assert_int_equal(api_call(&A, "GET", path, NULL, &j), 200);
	assert_true(!strncmp(str_of(j, "url"), "/checkin?t=", 11));
	json_decref(j);
}

/* How many "checkin" reminders the client's alert centre lists. */
static long long
checkin_alerts(struct client *c)
{
	json_t *j = NULL;
	long long n;

	assert_int_equal(api_call(c, "GET", "/api/v1/alerts?kind=checkin", NULL, &j), 200);
	n = json_integer_value(json_object_get(j, "total"));
	json_decref(j);
	return n;
}

/* A member is reminded of a meeting of their branch they can still sign in
 * to, until they sign; another branch's member and staff are not. */
static void
test_meetings_checkin_reminder(void **state)
{
	struct client me, other;
	char tok[128];
	long long id, before;
	json_t *j = NULL, *it;
	int found;
	size_t i;

	(void)state;
	member_client(&me, "remind_me", m1[5]);
	member_client(&other, "remind_other", m2[0]);
	before = checkin_alerts(&me);
	id = create(&A, b1, "lecture", 10, "\"lecturer\":\"王老师\"");
	assert_int_equal(checkin_alerts(&me), before + 1);
	assert_int_equal(api_call(&me, "GET", "/api/v1/alerts?kind=checkin&per_page=100", NULL, &j),
	    200);
	found = 0;
	json_array_foreach(json_object_get(j, "items"), i, it)
		found |= strstr(json_string_value(json_object_get(it, "message")), "党课") != NULL;
	json_decref(j);
	assert_true(found);
	assert_int_equal(checkin_alerts(&other), 0);
	assert_int_equal(checkin_alerts(&A), 0);
	token_of(id, tok, sizeof(tok));
	assert_int_equal(checkin(&me, tok, NULL), 200);
	assert_int_equal(checkin_alerts(&me), before);
	client_release(&me);
	client_release(&other);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_meetings_create_get_list_patch),
		cmocka_unit_test(test_meetings_bad_input_names_field),
		cmocka_unit_test(test_meetings_attendance_replaces_and_checks),
		cmocka_unit_test(test_meetings_committee_quorum_org11),
		cmocka_unit_test(test_meetings_grades_cap_and_pairs),
		cmocka_unit_test(test_meetings_qr_checkin),
		cmocka_unit_test(test_meetings_checkin_reminder),
		cmocka_unit_test(test_meetings_files_typed_and_streamed),
		cmocka_unit_test(test_meetings_scope_secretary),
		cmocka_unit_test(test_meetings_plans_and_calendar),
		cmocka_unit_test(test_meetings_file_oversize_413),
		cmocka_unit_test(test_meetings_files_docx_by_content),
		cmocka_unit_test(test_meetings_console_fields),
		cmocka_unit_test(test_meetings_qr_origin),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}

/* test_api_findings.c: findings and their rectification (issue 4): the
 * full loop with its timeline, wrong side 403, illegal step 409 naming the
 * state, evidence 422, cross-school 404, raising from an alert (and the
 * duplicate 409), the overdue flag and the board. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api.h"

#define ADMIN_PW "Hongyan#Admin2026"
#define FINDING_SOURCES 5	/* inspection, review, alert, manual, assessment */

static struct srv S;
static struct client A;		/* admin */
static struct client SA, SB;	/* secretaries of school a and school b */
static struct client I;		/* an inspector of school a */
static struct client D;		/* district staff */
static long long pc_a, pc_b, parent_a, overdue_id;

static void
find_committees(void)
{
	json_t *j = NULL, *it;
	size_t i;

	assert_int_equal(api_call(&A, "GET", "/api/v1/orgs", NULL, &j), 200);
	json_array_foreach(json_object_get(j, "items"), i, it) {
		if (strcmp(json_string_value(json_object_get(it, "kind")), "party_committee"))
			continue;
		if (!pc_a) {
			pc_a = json_integer_value(json_object_get(it, "id"));
			parent_a = json_integer_value(json_object_get(it, "parent_id"));
		} else if (!pc_b)
			pc_b = json_integer_value(json_object_get(it, "id"));
	}
	json_decref(j);
	assert_true(pc_a > 0 && pc_b > 0 && parent_a > 0);
}

static void
user_client(struct client *c, const char *name, const char *role, long long org)
{
	char body[256];

	snprintf(body, sizeof(body), "{\"username\":\"%s\",\"role\":\"%s\",\"scope\":[%lld]}", name,
	    role, org);
	assert_int_equal(api_user_client(&A, c, body, name), 0);
}

/* The demo's own findings (demo_supervise.c) on the admin's by-source
 * board, read before this file writes any: [source][open, overdue, closed]
 * for 2026 and 2025. Counts below are relative to them. */
static long long demo_src[2][FINDING_SOURCES][3];

static void read_demo_sources(void);

static int
setup(void **state)
{
	(void)state;
	if (srv_start(&S, 1, NULL) || srv_restart_flag(&S, NULL, "--today", "2026-08-15"))
		return -1;
	client_init(&A, &S);
	api_admin(&A, ADMIN_PW);
	find_committees();
	read_demo_sources();
	user_client(&SA, "sec_a", "secretary", pc_a);
	user_client(&SB, "sec_b", "secretary", pc_b);
	user_client(&I, "insp_a", "inspector", pc_a);
	assert_int_equal(api_user_client(&A, &D, "{\"username\":\"dist_a\",\"role\":\"district\"}",
	    "dist_a"), 0);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	client_release(&A);
	client_release(&SA);
	client_release(&SB);
	client_release(&I);
	client_release(&D);
	srv_stop(&S);
	return 0;
}

static const char *
str(json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));

	return s ? s : "";
}

/* Creates a finding on org as c; returns its id. */
static long long
issue(struct client *c, long long org, const char *title, const char *deadline)
{
	json_t *j = NULL;
	char body[512];
	long long id;

	snprintf(body, sizeof(body), "{\"org_id\":%lld,\"title\":\"%s\",\"detail\":\"现场检查发现\","
	    "\"severity\":\"major\",\"deadline\":\"%s\",\"evidence_required\":\"会议记录照片\"}",
	    org, title, deadline);
	assert_int_equal(api_call(c, "POST", "/api/v1/findings", body, &j), 201);
	assert_string_equal(str(j, "state"), "issued");
	id = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	return id;
}

static long
step(struct client *c, long long id, const char *verb, const char *body, json_t **j)
{
	char path[96];

	snprintf(path, sizeof(path), "/api/v1/findings/%lld/%s", id, verb);
	return api_call(c, "POST", path, body, j);
}

/* The finding's state as admin reads it. */
static void
state_is(long long id, const char *state)
{
	json_t *j = NULL;
	char path[64];

	snprintf(path, sizeof(path), "/api/v1/findings/%lld", id);
	assert_int_equal(api_call(&A, "GET", path, NULL, &j), 200);
	assert_string_equal(str(j, "state"), state);
	json_decref(j);
}

/* The number of audit rows for finding id, and of its timeline events. */
static void
trail(long long id, long long *audit, long long *events)
{
	json_t *j = NULL;
	char path[128];

	snprintf(path, sizeof(path), "/api/v1/audit?entity=finding&entity_id=%lld", id);
	assert_int_equal(api_call(&A, "GET", path, NULL, &j), 200);
	*audit = json_integer_value(json_object_get(j, "total"));
	json_decref(j);
	snprintf(path, sizeof(path), "/api/v1/findings/%lld", id);
	assert_int_equal(api_call(&A, "GET", path, NULL, &j), 200);
	*events = (long long)json_array_size(json_object_get(j, "timeline"));
	json_decref(j);
}

static void
test_findings_full_loop_with_timeline(void **state)
{
	json_t *j = NULL, *tl;
	long long id;

	(void)state;
	id = issue(&I, pc_a, "组织生活会记录不全", "2026-09-30");
	assert_int_equal(step(&SA, id, "start", NULL, NULL), 200);
	assert_int_equal(step(&SA, id, "submit", "{\"evidence\":\"已补齐记录：https://x/1\"}", NULL),
	    200);
	assert_int_equal(step(&I, id, "return", "{\"reason\":\"缺少签到表\"}", NULL), 200);
	state_is(id, "returned");
	assert_int_equal(step(&SA, id, "submit", "{\"evidence\":\"补充签到表\"}", NULL), 200);
	assert_int_equal(step(&I, id, "verify", "{\"note\":\"整改到位\"}", &j), 200);
	assert_string_equal(str(j, "state"), "verified");
	assert_string_equal(str(j, "closed_on"), "2026-08-15");
	tl = json_object_get(j, "timeline");
	assert_int_equal(json_array_size(tl), 6);
	assert_string_equal(str(json_array_get(tl, 0), "state"), "issued");
	assert_string_equal(str(json_array_get(tl, 1), "state"), "rectifying");
	assert_string_equal(str(json_array_get(tl, 2), "state"), "submitted");
	assert_string_equal(str(json_array_get(tl, 3), "state"), "returned");
	assert_string_equal(str(json_array_get(tl, 3), "note"), "缺少签到表");
	assert_string_equal(str(json_array_get(tl, 3), "actor"), "insp_a");
	assert_string_equal(str(json_array_get(tl, 5), "state"), "verified");
	json_decref(j);
	{
		long long audit, events;

		trail(id, &audit, &events);
		assert_int_equal(audit, 6);	/* create and five steps, each audited */
		assert_int_equal(events, 6);
	}
	/* Closed is closed: nothing more happens. */
	assert_int_equal(step(&I, id, "return", "{\"reason\":\"再看看\"}", &j), 409);
	assert_string_equal(api_code(j), "invalid_transition");
	json_decref(j);
	state_is(id, "verified");
}

static void
test_findings_refusals_change_nothing(void **state)
{
	json_t *j = NULL;
	long long id, own_b;
	char path[64];

	(void)state;
	id = issue(&A, pc_a, "党费收缴不及时", "2026-09-01");
	/* Verify from issued: 409 naming the current state. */
	assert_int_equal(step(&A, id, "verify", NULL, &j), 409);
	assert_string_equal(api_code(j), "invalid_transition");
	{
		char *s = json_dumps(j, 0);

		assert_non_null(strstr(s, "已下发"));
		free(s);
	}
	json_decref(j);
	state_is(id, "issued");
	/* The supervising side does not start or submit for the school. */
	assert_int_equal(step(&I, id, "start", NULL, NULL), 403);
	/* Another school's secretary does not see it at all. */
	assert_int_equal(step(&SB, id, "start", NULL, NULL), 404);
	snprintf(path, sizeof(path), "/api/v1/findings/%lld", id);
	assert_int_equal(api_call(&SB, "GET", path, NULL, NULL), 404);
	state_is(id, "issued");
	assert_int_equal(step(&SA, id, "start", NULL, NULL), 200);
	/* Submit without evidence: 422 naming it. */
	assert_int_equal(step(&SA, id, "submit", "{\"evidence\":\"  \"}", &j), 422);
	assert_true(api_has_field(j, "evidence"));
	json_decref(j);
	assert_int_equal(step(&SA, id, "submit", "{}", &j), 422);
	json_decref(j);
	state_is(id, "rectifying");
	assert_int_equal(step(&SA, id, "submit", "{\"evidence\":\"已整改\"}", NULL), 200);
	/* Verifying one's own rectification: 403. */
	assert_int_equal(step(&SA, id, "verify", "{\"note\":\"自己验收\"}", &j), 403);
	json_decref(j);
	assert_int_equal(step(&SA, id, "return", "{\"reason\":\"x\"}", NULL), 403);
	/* Return needs a reason. */
	assert_int_equal(step(&I, id, "return", "{}", &j), 422);
	assert_true(api_has_field(j, "reason"));
	json_decref(j);
	state_is(id, "submitted");
	{
		long long audit, events;

		/* Only create, start and submit left a trace; every refusal none. */
		trail(id, &audit, &events);
		assert_int_equal(audit, 3);
		assert_int_equal(events, 3);
	}
	/* Lists are scoped: school b's secretary sees none of school a's. */
	snprintf(path, sizeof(path), "/api/v1/findings?org_id=%lld", pc_a);
	assert_int_equal(api_call(&SB, "GET", path, NULL, NULL), 404);
	/* School b holds only the demo's own findings (its review round's
	 * rectification list): SB sees exactly those. */
	snprintf(path, sizeof(path), "/api/v1/findings?org_id=%lld", pc_b);
	assert_int_equal(api_call(&A, "GET", path, NULL, &j), 200);
	own_b = json_integer_value(json_object_get(j, "total"));
	json_decref(j);
	assert_int_equal(api_call(&SB, "GET", "/api/v1/findings", NULL, &j), 200);
	assert_int_equal(json_integer_value(json_object_get(j, "total")), own_b);
	json_decref(j);
	assert_int_equal(api_call(&SA, "GET", "/api/v1/findings?state=submitted", NULL, &j), 200);
	assert_int_equal(json_integer_value(json_object_get(j, "total")), 1);
	json_decref(j);
	/* Secretaries do not issue findings. */
	assert_int_equal(api_call(&SA, "POST", "/api/v1/findings", "{\"org_id\":1}", NULL), 403);
}

static void
test_findings_create_validation(void **state)
{
	json_t *j = NULL;
	char body[256];
	long long before, after;

	(void)state;
	assert_int_equal(api_call(&A, "GET", "/api/v1/findings", NULL, &j), 200);
	before = json_integer_value(json_object_get(j, "total"));
	json_decref(j);
	snprintf(body, sizeof(body), "{\"org_id\":%lld,\"title\":\"过期\",\"severity\":\"major\","
	    "\"deadline\":\"2026-08-14\"}", pc_a);
	assert_int_equal(api_call(&A, "POST", "/api/v1/findings", body, &j), 422);
	assert_true(api_has_field(j, "deadline"));
	json_decref(j);
	snprintf(body, sizeof(body), "{\"org_id\":%lld,\"title\":\"x\",\"severity\":\"huge\","
	    "\"deadline\":\"2026-09-14\"}", pc_a);
	assert_int_equal(api_call(&A, "POST", "/api/v1/findings", body, &j), 422);
	assert_true(api_has_field(j, "severity"));
	json_decref(j);
	/* The inspector of school a cannot issue to school b. */
	snprintf(body, sizeof(body), "{\"org_id\":%lld,\"title\":\"x\",\"severity\":\"minor\","
	    "\"deadline\":\"2026-09-14\"}", pc_b);
	assert_int_equal(api_call(&I, "POST", "/api/v1/findings", body, &j), 422);
	assert_true(api_has_field(j, "org_id"));
	json_decref(j);
	assert_int_equal(api_call(&A, "GET", "/api/v1/findings", NULL, &j), 200);
	after = json_integer_value(json_object_get(j, "total"));
	json_decref(j);
	assert_int_equal(before, after);
}

static void
test_findings_raise_from_alert_once(void **state)
{
	json_t *j = NULL, *al = NULL;
	char body[512], path[64], msg[400], kind[40];
	long long org, member, id;
	const char *rule;

	(void)state;
	/* School b's first alert, so school a's board counts stay the loop's. */
	snprintf(path, sizeof(path), "/api/v1/alerts?per_page=1&org_id=%lld", pc_b);
	assert_int_equal(api_call(&A, "GET", path, NULL, &al), 200);
	j = json_array_get(json_object_get(al, "items"), 0);
	assert_non_null(j);
	org = json_integer_value(json_object_get(j, "org_id"));
	member = json_integer_value(json_object_get(j, "member_id"));
	rule = json_string_value(json_object_get(j, "rule"));
	snprintf(msg, sizeof(msg), "%s", str(j, "message"));
	snprintf(kind, sizeof(kind), "%s", str(j, "kind"));
	snprintf(body, sizeof(body), "{\"alert\":{\"kind\":\"%s\"%s%s%s,\"org_id\":%lld%s}}",
	    str(j, "kind"), rule ? ",\"rule\":\"" : "", rule ? rule : "", rule ? "\"" : "", org,
	    member > 0 ? "" : "");
	if (member > 0)
		snprintf(body + strlen(body) - 2, sizeof(body) - strlen(body) + 2,
		    ",\"member_id\":%lld}}", member);
	json_decref(al);
	j = NULL;
	assert_int_equal(api_call(&A, "POST", "/api/v1/findings", body, &j), 201);
	assert_string_equal(str(j, "source"), "alert");
	assert_string_equal(str(j, "title"), msg);
	assert_ptr_equal(strstr(str(j, "source_ref"), kind), str(j, "source_ref"));
	id = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	/* The same alert again while the finding is open: 409. */
	assert_int_equal(api_call(&A, "POST", "/api/v1/findings", body, &j), 409);
	assert_string_equal(api_code(j), "finding_open");
	json_decref(j);
	assert_int_equal(api_call(&A, "GET", "/api/v1/findings?source=alert", NULL, &j), 200);
	assert_int_equal(json_integer_value(json_object_get(j, "total")), 1);
	assert_int_equal(json_integer_value(json_object_get(json_array_get(json_object_get(j,
	    "items"), 0), "id")), id);
	json_decref(j);
	/* An alert that is not current: 422 naming it. */
	assert_int_equal(api_call(&A, "POST", "/api/v1/findings",
	    "{\"alert\":{\"kind\":\"quorum\",\"rule\":\"ORG-99\",\"org_id\":1}}", &j), 422);
	assert_true(api_has_field(j, "alert"));
	json_decref(j);
}

/* Runs last: moves today past a deadline. */
static void
test_findings_overdue_and_board(void **state)
{
	json_t *j = NULL, *it, *row = NULL;
	char path[128];
	long long id;
	size_t i;

	(void)state;
	id = overdue_id = issue(&A, pc_a, "今天到期", "2026-08-15");
	snprintf(path, sizeof(path), "/api/v1/findings/%lld", id);
	assert_int_equal(api_call(&A, "GET", path, NULL, &j), 200);
	assert_false(json_is_true(json_object_get(j, "overdue")));	/* the deadline day */
	json_decref(j);
	assert_int_equal(srv_restart_flag(&S, NULL, "--today", "2026-08-16"), 0);
	api_admin(&A, ADMIN_PW);
	assert_int_equal(api_call(&A, "GET", path, NULL, &j), 200);
	assert_true(json_is_true(json_object_get(j, "overdue")));
	json_decref(j);
	/* Overdue ones are listed first. */
	assert_int_equal(api_call(&A, "GET", "/api/v1/findings?overdue=1", NULL, &j), 200);
	assert_int_equal(json_integer_value(json_object_get(j, "total")), 1);
	json_decref(j);
	assert_int_equal(api_call(&A, "GET", "/api/v1/findings", NULL, &j), 200);
	assert_int_equal(json_integer_value(json_object_get(json_array_get(json_object_get(j,
	    "items"), 0), "id")), id);
	json_decref(j);
	snprintf(path, sizeof(path), "/api/v1/findings/board?org_id=%lld&year=2026", parent_a);
	assert_int_equal(api_call(&A, "GET", path, NULL, &j), 200);
	json_array_foreach(json_object_get(j, "items"), i, it)
		if (json_integer_value(json_object_get(it, "org_id")) == pc_a)
			row = it;
	assert_non_null(row);
	/* School a: the loop's verified one; two open, one of them overdue. */
	assert_int_equal(json_integer_value(json_object_get(row, "closed")), 1);
	assert_int_equal(json_integer_value(json_object_get(row, "open")), 2);
	assert_int_equal(json_integer_value(json_object_get(row, "overdue")), 1);
	assert_int_equal(json_integer_value(json_object_get(row, "closure_rate")), 33);
	assert_true(json_real_value(json_object_get(row, "avg_days_to_close")) == 0.0);
	json_decref(j);
	snprintf(path, sizeof(path), "/api/v1/findings/board?org_id=%lld&year=2025", parent_a);
	assert_int_equal(api_call(&A, "GET", path, NULL, &j), 200);
	json_array_foreach(json_object_get(j, "items"), i, it)
		if (json_integer_value(json_object_get(it, "org_id")) == pc_a)
			assert_int_equal(json_integer_value(json_object_get(it, "closed")), 0);
	json_decref(j);
	assert_int_equal(api_call(&A, "GET", "/api/v1/findings/board?year=26", NULL, &j), 422);
	json_decref(j);
}

/* The board row of items whose key equals v (an org_id) or whose source is
 * src; NULL when none. Borrowed from j. */
static json_t *
board_item(json_t *j, long long org, const char *src)
{
	json_t *it;
	size_t i;

	json_array_foreach(json_object_get(j, "items"), i, it)
		if (src ? !strcmp(str(it, "source"), src)
		    : json_integer_value(json_object_get(it, "org_id")) == org)
			return it;
	return NULL;
}

static void
counts_are(json_t *row, long long open, long long overdue, long long closed)
{
	assert_non_null(row);
	assert_int_equal(json_integer_value(json_object_get(row, "open")), open);
	assert_int_equal(json_integer_value(json_object_get(row, "overdue")), overdue);
	assert_int_equal(json_integer_value(json_object_get(row, "closed")), closed);
}

static const char *const source_names[FINDING_SOURCES] = { "inspection", "review", "alert",
	"manual", "assessment" };

static void
read_demo_sources(void)
{
	for (int y = 0; y < 2; y++) {
		json_t *j = NULL, *it;
		char path[80];

		snprintf(path, sizeof(path), "/api/v1/findings/board?by=source&year=%d", 2026 - y);
		assert_int_equal(api_call(&A, "GET", path, NULL, &j), 200);
		for (int k = 0; k < FINDING_SOURCES; k++) {
			it = board_item(j, 0, source_names[k]);
			assert_non_null(it);
			demo_src[y][k][0] = json_integer_value(json_object_get(it, "open"));
			demo_src[y][k][1] = json_integer_value(json_object_get(it, "overdue"));
			demo_src[y][k][2] = json_integer_value(json_object_get(it, "closed"));
		}
		json_decref(j);
	}
}

/* counts_are() plus the demo's own findings of source k in year index y. */
static void
counts_plus_demo(json_t *j, int y, int k, long long open, long long overdue, long long closed)
{
	counts_are(board_item(j, 0, source_names[k]), open + demo_src[y][k][0],
	    overdue + demo_src[y][k][1], closed + demo_src[y][k][2]);
}

/* After test_findings_overdue_and_board (today 2026-08-16): school a holds
 * the loop's verified finding and two open ones, one overdue; school b the
 * alert's open one. */
static void
test_findings_board_own_row_first(void **state)
{
	json_t *j = NULL, *row;

	(void)state;
	/* School a's own inspector: the board's root is school a, whose
	 * findings were issued to it directly; its own row comes first. */
	assert_int_equal(api_call(&I, "GET", "/api/v1/findings/board?year=2026", NULL, &j), 200);
	assert_string_equal(str(j, "by"), "org");
	row = json_array_get(json_object_get(j, "items"), 0);
	assert_non_null(row);
	assert_true(json_is_true(json_object_get(row, "own")));
	assert_int_equal(json_integer_value(json_object_get(row, "org_id")), pc_a);
	counts_are(row, 2, 1, 1);
	assert_int_equal(json_integer_value(json_object_get(row, "closure_rate")), 33);
	/* Its branches hold none; no row is counted twice. */
	for (size_t i = 1; i < json_array_size(json_object_get(j, "items")); i++) {
		row = json_array_get(json_object_get(j, "items"), i);
		assert_false(json_is_true(json_object_get(row, "own")));
		counts_are(row, 0, 0, 0);
	}
	json_decref(j);
	/* From the parent, school a is a child row and the parent's own row is empty. */
	{
		char path[128];

		snprintf(path, sizeof(path), "/api/v1/findings/board?org_id=%lld&year=2026", parent_a);
		assert_int_equal(api_call(&A, "GET", path, NULL, &j), 200);
		row = json_array_get(json_object_get(j, "items"), 0);
		assert_true(json_is_true(json_object_get(row, "own")));
		assert_int_equal(json_integer_value(json_object_get(row, "org_id")), parent_a);
		counts_are(row, 0, 0, 0);
		assert_true(json_is_null(json_object_get(row, "closure_rate")));
		row = board_item(j, pc_a, NULL);
		assert_false(json_is_true(json_object_get(row, "own")));
		counts_are(row, 2, 1, 1);
		json_decref(j);
	}
	/* Another school's secretary: school a's organization is not found. */
	{
		char path[128];

		snprintf(path, sizeof(path), "/api/v1/findings/board?org_id=%lld", pc_a);
		assert_int_equal(api_call(&SB, "GET", path, NULL, NULL), 404);
	}
}

static void
test_findings_board_by_source(void **state)
{
	json_t *j = NULL, *items;

	(void)state;
	assert_int_equal(api_call(&A, "GET", "/api/v1/findings/board?by=source&year=2026", NULL,
	    &j), 200);
	assert_string_equal(str(j, "by"), "source");
	items = json_object_get(j, "items");
	/* Every source, in a fixed order, zeros when none. */
	assert_int_equal(json_array_size(items), 6);
	assert_string_equal(str(json_array_get(items, 0), "source"), "inspection");
	assert_string_equal(str(json_array_get(items, 4), "source"), "assessment");
	assert_string_equal(str(json_array_get(items, 5), "source"), "prin_visit");
	counts_plus_demo(j, 0, 3, 2, 1, 1);	/* manual */
	if (!demo_src[0][3][0] && !demo_src[0][3][2])
		assert_int_equal(json_integer_value(json_object_get(board_item(j, 0, "manual"),
		    "closure_rate")), 33);
	counts_plus_demo(j, 0, 2, 1, 0, 0);	/* alert */
	counts_plus_demo(j, 0, 0, 0, 0, 0);	/* inspection: the demo's only */
	if (!demo_src[0][0][0] && !demo_src[0][0][2])
		assert_true(json_is_null(json_object_get(board_item(j, 0, "inspection"),
		    "closure_rate")));
	assert_null(json_object_get(board_item(j, 0, "manual"), "org_id"));
	json_decref(j);
	/* Scoped: school a's inspector does not count school b's alert. */
	assert_int_equal(api_call(&I, "GET", "/api/v1/findings/board?by=source&year=2026", NULL,
	    &j), 200);
	counts_are(board_item(j, 0, "manual"), 2, 1, 1);
	counts_are(board_item(j, 0, "alert"), 0, 0, 0);
	json_decref(j);
	/* Another year: nothing issued then. */
	assert_int_equal(api_call(&A, "GET", "/api/v1/findings/board?by=source&year=2025", NULL,
	    &j), 200);
	counts_plus_demo(j, 1, 3, 0, 0, 0);
	json_decref(j);
}

static void
test_findings_board_bad_args_named(void **state)
{
	static const char *const bad_year[] = { "26", "0999", "2200", "20x6", "" };
	json_t *j = NULL;
	char path[128];

	(void)state;
	assert_int_equal(api_call(&A, "GET", "/api/v1/findings/board?by=school", NULL, &j), 422);
	assert_true(api_has_field(j, "by"));
	assert_false(api_has_field(j, "year"));
	json_decref(j);
	for (size_t i = 0; i < sizeof(bad_year) / sizeof(bad_year[0]); i++) {
		snprintf(path, sizeof(path), "/api/v1/findings/board?by=source&year=%s", bad_year[i]);
		assert_int_equal(api_call(&A, "GET", path, NULL, &j), 422);
		assert_true(api_has_field(j, "year"));
		assert_false(api_has_field(j, "by"));
		json_decref(j);
	}
	/* Both bad: both named in one answer. */
	assert_int_equal(api_call(&A, "GET", "/api/v1/findings/board?by=kind&year=1", NULL, &j),
	    422);
	assert_true(api_has_field(j, "by"));
	assert_true(api_has_field(j, "year"));
	json_decref(j);
}

/* Overdue findings escalate: district staff (no scope of their own) see
 * them first and counted on both boards. */
static void
test_findings_overdue_escalates_to_district(void **state)
{
	json_t *j = NULL;
	char path[128];

	(void)state;
	assert_int_equal(api_call(&D, "GET", "/api/v1/findings", NULL, &j), 200);
	assert_int_equal(json_integer_value(json_object_get(json_array_get(json_object_get(j,
	    "items"), 0), "id")), overdue_id);
	assert_true(json_is_true(json_object_get(json_array_get(json_object_get(j, "items"), 0),
	    "overdue")));
	json_decref(j);
	assert_int_equal(api_call(&D, "GET", "/api/v1/findings?overdue=1", NULL, &j), 200);
	assert_int_equal(json_integer_value(json_object_get(j, "total")), 1);
	json_decref(j);
	snprintf(path, sizeof(path), "/api/v1/findings/board?org_id=%lld&year=2026", parent_a);
	assert_int_equal(api_call(&D, "GET", path, NULL, &j), 200);
	counts_are(board_item(j, pc_a, NULL), 2, 1, 1);
	json_decref(j);
	assert_int_equal(api_call(&D, "GET", "/api/v1/findings/board?by=source&year=2026", NULL,
	    &j), 200);
	counts_are(board_item(j, 0, "manual"), 2, 1, 1);
	json_decref(j);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_findings_full_loop_with_timeline),
		cmocka_unit_test(test_findings_refusals_change_nothing),
		cmocka_unit_test(test_findings_create_validation),
		cmocka_unit_test(test_findings_raise_from_alert_once),
		cmocka_unit_test(test_findings_overdue_and_board),
		cmocka_unit_test(test_findings_board_own_row_first),
		cmocka_unit_test(test_findings_board_by_source),
		cmocka_unit_test(test_findings_board_bad_args_named),
		cmocka_unit_test(test_findings_overdue_escalates_to_district),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}

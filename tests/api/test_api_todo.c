/* test_api_todo.c: the to-do list (待办, issue 12) and the alert centre's
 * registered sources. A scripted sequence of events: each role's to-do
 * holds exactly the expected items and loses each when the work is done
 * (not when read); other schools never see them; the merged list sorts by
 * due date and pages in SQL; the counts add up; bad input is named. */
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

static struct srv S;
static struct client A;		/* district staff */
static struct client SA, SB;	/* secretaries of school a and school b */
static struct client I, I2;	/* inspectors of school a */
static long long pc_a, pc_b;

static const char *
str(json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));

	return s ? s : "";
}

static long long
num(json_t *o, const char *k)
{
	return json_integer_value(json_object_get(o, k));
}

static void
find_committees(void)
{
	json_t *j = NULL, *it;
	size_t i;

	assert_int_equal(api_call(&A, "GET", "/api/v1/orgs?per_page=100", NULL, &j), 200);
	json_array_foreach(json_object_get(j, "items"), i, it) {
		if (strcmp(str(it, "kind"), "party_committee"))
			continue;
		if (!pc_a)
			pc_a = num(it, "id");
		else if (!pc_b)
			pc_b = num(it, "id");
	}
	json_decref(j);
	assert_true(pc_a > 0 && pc_b > 0);
}

static void
user_client(struct client *c, const char *name, const char *role, long long org)
{
	char body[256];

	snprintf(body, sizeof(body), "{\"username\":\"%s\",\"role\":\"%s\",\"scope\":[%lld]}", name,
	    role, org);
	assert_int_equal(api_user_client(&A, c, body, name), 0);
}

static int
setup(void **state)
{
	(void)state;
	if (srv_start(&S, 1, NULL) || srv_restart_flag(&S, NULL, "--today", "2026-08-15"))
		return -1;
	client_init(&A, &S);
	api_admin(&A, ADMIN_PW);
	find_committees();
	user_client(&SA, "todo_sec_a", "secretary", pc_a);
	user_client(&SB, "todo_sec_b", "secretary", pc_b);
	user_client(&I, "todo_insp_a", "inspector", pc_a);
	user_client(&I2, "todo_insp_a2", "inspector", pc_a);
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
	client_release(&I2);
	srv_stop(&S);
	return 0;
}

/* The item of kind about ref_id in c's to-do (a new reference), or NULL. */
static json_t *
todo_item(struct client *c, const char *kind, long long ref_id)
{
	json_t *j = NULL, *it, *found = NULL;
	char path[128];
	size_t i;

	snprintf(path, sizeof(path), "/api/v1/todo?kind=%s&per_page=100", kind);
	assert_int_equal(api_call(c, "GET", path, NULL, &j), 200);
	assert_true(num(j, "total") <= 100);
	json_array_foreach(json_object_get(j, "items"), i, it) {
		if (num(it, "ref_id") == ref_id) {
			assert_null(found);	/* once */
			found = json_incref(it);
		}
	}
	json_decref(j);
	return found;
}

static int
has(struct client *c, const char *kind, long long ref_id)
{
	json_t *it = todo_item(c, kind, ref_id);

	json_decref(it);
	return it != NULL;
}

static long long
issue(long long org, const char *title, const char *deadline)
{
	json_t *j = NULL;
	char body[512];
	long long id;

	snprintf(body, sizeof(body), "{\"org_id\":%lld,\"title\":\"%s\",\"detail\":\"现场检查发现\","
	    "\"severity\":\"major\",\"deadline\":\"%s\",\"evidence_required\":\"会议记录\"}",
	    org, title, deadline);
	assert_int_equal(api_call(&A, "POST", "/api/v1/findings", body, &j), 201);
	id = num(j, "id");
	json_decref(j);
	return id;
}

static void
step(struct client *c, long long id, const char *verb, const char *body)
{
	char path[96];

	snprintf(path, sizeof(path), "/api/v1/findings/%lld/%s", id, verb);
	assert_int_equal(api_call(c, "POST", path, body, NULL), 200);
}

/* Who holds the finding, by kind, as one string: "SA:start" … */
static void
holders(long long id, char *out, size_t len)
{
	static const char *const kinds[] = { "finding_start", "finding_submit", "finding_verify" };
	struct { struct client *c; const char *name; } who[] = { { &A, "A" }, { &SA, "SA" },
		{ &SB, "SB" }, { &I, "I" } };

	out[0] = '\0';
	for (size_t k = 0; k < 3; k++)
		for (size_t w = 0; w < 4; w++)
			if (has(who[w].c, kinds[k], id))
				snprintf(out + strlen(out), len - strlen(out), "%s%s:%s", out[0] ? " " : "",
				    who[w].name, kinds[k] + 8);
}

#define HOLDERS(id, expect) do { \
	char h_[256]; \
	holders(id, h_, sizeof(h_)); \
	assert_string_equal(h_, expect); \
} while (0)

/* A finding walks its loop: at each step exactly the people who must act
 * hold it, and it leaves when the work is done. */
static void
test_todo_finding_loop_moves_between_people(void **state)
{
	json_t *it;
	long long id;

	(void)state;
	id = issue(pc_a, "待办测试：支部会议记录不全", "2026-09-30");
	HOLDERS(id, "SA:start");
	it = todo_item(&SA, "finding_start", id);
	assert_non_null(it);
	assert_string_equal(str(it, "due"), "2026-09-30");
	assert_false(json_is_true(json_object_get(it, "overdue")));
	assert_non_null(strstr(str(it, "what"), "待办测试：支部会议记录不全"));
	assert_true(strlen(str(it, "where")) > 0);
	assert_int_equal(num(it, "org_id"), pc_a);
	{
		char link[64];

		snprintf(link, sizeof(link), "/findings?open=%lld", id);
		assert_string_equal(str(it, "link"), link);
	}
	json_decref(it);
	/* Reading it does not take it off the list. */
	{
		char path[64];

		snprintf(path, sizeof(path), "/api/v1/findings/%lld", id);
		assert_int_equal(api_call(&SA, "GET", path, NULL, NULL), 200);
	}
	HOLDERS(id, "SA:start");
	step(&SA, id, "start", NULL);
	HOLDERS(id, "SA:submit");
	step(&SA, id, "submit", "{\"evidence\":\"已补齐\"}");
	HOLDERS(id, "A:verify I:verify");
	step(&I, id, "return", "{\"reason\":\"缺签到表\"}");
	HOLDERS(id, "SA:submit");
	step(&SA, id, "submit", "{\"evidence\":\"补充签到表\"}");
	HOLDERS(id, "A:verify I:verify");
	step(&A, id, "verify", "{\"note\":\"整改到位\"}");
	HOLDERS(id, "");
}

/* Another school's finding never reaches this secretary, and school b's
 * reaches only school b. */
static void
test_todo_scoped_to_the_school(void **state)
{
	long long id;

	(void)state;
	id = issue(pc_b, "待办测试：乙校党费", "2026-10-15");
	assert_true(has(&SB, "finding_start", id));
	assert_false(has(&SA, "finding_start", id));
	assert_false(has(&I, "finding_start", id));
	step(&SB, id, "start", NULL);
	step(&SB, id, "submit", "{\"evidence\":\"x\"}");
	assert_true(has(&A, "finding_verify", id));
	assert_false(has(&I, "finding_verify", id));	/* I's scope is school a */
}

static long long
user_id(struct client *c)
{
	json_t *j = NULL;
	long long id;

	assert_int_equal(api_call(c, "GET", "/api/v1/session", NULL, &j), 200);
	id = num(json_object_get(j, "user"), "id");
	json_decref(j);
	return id;
}

/* An inspection plan's assignment is the assigned inspector's to-do only. */
static void
test_todo_inspection_to_score(void **state)
{
	json_t *j = NULL, *it;
	char body[512];
	long long sys, plan;
	size_t i;
	int mine = 0;

	(void)state;
	assert_int_equal(api_call(&A, "GET", "/api/v1/indicator-systems?kind=quarterly_inspection",
	    NULL, &j), 200);
	sys = num(json_array_get(json_object_get(j, "items"), 0), "id");
	json_decref(j);
	snprintf(body, sizeof(body), "{\"name\":\"待办测试计划\",\"kind\":\"quarterly_inspection\","
	    "\"system_id\":%lld,\"period_start\":\"2026-07-01\",\"period_end\":\"2026-09-30\","
	    "\"assignments\":[{\"org_id\":%lld,\"inspector_id\":%lld}]}", sys, pc_a, user_id(&I));
	assert_int_equal(api_call(&A, "POST", "/api/v1/inspection-plans", body, &j), 201);
	plan = num(j, "id");
	json_decref(j);
	assert_true(plan > 0);
	assert_int_equal(api_call(&I, "GET", "/api/v1/todo?kind=inspection_score", NULL, &j), 200);
	json_array_foreach(json_object_get(j, "items"), i, it)
		if (num(it, "org_id") == pc_a && !strcmp(str(it, "due"), "2026-09-30"))
			mine++;
	json_decref(j);
	assert_int_equal(mine, 1);
	assert_int_equal(api_call(&I2, "GET", "/api/v1/todo?kind=inspection_score", NULL, &j), 200);
	assert_int_equal(num(j, "total"), 0);
	json_decref(j);
	assert_int_equal(api_call(&SA, "GET", "/api/v1/todo?kind=inspection_score", NULL, &j), 200);
	assert_int_equal(num(j, "total"), 0);
	json_decref(j);
}

/* The merged list: due dates ascending (overdue first, undated last), the
 * overdue flag right, pages that join up, counts that add up. */
static void
test_todo_order_pages_and_counts(void **state)
{
	json_t *all = NULL, *p1 = NULL, *p2 = NULL, *c = NULL, *it, *k;
	const char *prev = NULL, *key;
	long long sum = 0, overdue = 0;
	size_t i;
	int undated = 0;

	(void)state;
	issue(pc_a, "待办测试：排序一", "2026-12-01");
	issue(pc_a, "待办测试：排序二", "2026-09-01");
	issue(pc_a, "待办测试：排序三", "2026-10-01");
	assert_int_equal(api_call(&SA, "GET", "/api/v1/todo?per_page=100", NULL, &all), 200);
	assert_true(num(all, "total") >= 4);
	json_array_foreach(json_object_get(all, "items"), i, it) {
		const char *due = json_string_value(json_object_get(it, "due"));

		if (!due) {
			undated = 1;
			continue;
		}
		assert_false(undated);	/* undated last */
		if (prev)
			assert_true(strcmp(prev, due) <= 0);
		prev = due;
		assert_int_equal(json_is_true(json_object_get(it, "overdue")),
		    strcmp(due, "2026-08-15") < 0);
		overdue += strcmp(due, "2026-08-15") < 0;
		assert_true(strlen(str(it, "what")) > 0);
		assert_true(str(it, "link")[0] == '/');
	}
	assert_int_equal(api_call(&SA, "GET", "/api/v1/todo?per_page=2&page=1", NULL, &p1), 200);
	assert_int_equal(api_call(&SA, "GET", "/api/v1/todo?per_page=2&page=2", NULL, &p2), 200);
	assert_int_equal(num(p1, "total"), num(all, "total"));
	for (i = 0; i < 2; i++) {
		json_t *a = json_array_get(json_object_get(all, "items"), i);
		json_t *b = json_array_get(json_object_get(all, "items"), i + 2);

		assert_string_equal(str(a, "kind"), str(json_array_get(json_object_get(p1, "items"),
		    i), "kind"));
		assert_int_equal(num(a, "ref_id"), num(json_array_get(json_object_get(p1, "items"), i),
		    "ref_id"));
		assert_int_equal(num(b, "ref_id"), num(json_array_get(json_object_get(p2, "items"), i),
		    "ref_id"));
	}
	json_decref(p1);
	/* Past the end: no items, the total still right. */
	assert_int_equal(api_call(&SA, "GET", "/api/v1/todo?per_page=100&page=9", NULL, &p1), 200);
	assert_int_equal(json_array_size(json_object_get(p1, "items")), 0);
	assert_int_equal(num(p1, "total"), num(all, "total"));
	assert_int_equal(api_call(&SA, "GET", "/api/v1/todo/counts", NULL, &c), 200);
	json_object_foreach(json_object_get(c, "by_kind"), key, k) {
		assert_true(strlen(str(k, "label")) > 0);
		sum += num(k, "n");
	}
	assert_int_equal(sum, num(all, "total"));
	assert_int_equal(num(c, "total"), num(all, "total"));
	assert_int_equal(num(c, "overdue"), overdue);
	json_decref(all);
	json_decref(p1);
	json_decref(p2);
	json_decref(c);
}

/* Recording a member's dues for this month takes one off the branch's
 * "dues to record" count. */
static void
test_todo_dues_record_counts_down(void **state)
{
	json_t *j = NULL, *it = NULL, *m;
	char path[160], body[512];
	long long org, before, after;
	size_t i;

	(void)state;
	assert_int_equal(api_call(&SA, "GET", "/api/v1/todo?kind=dues_record&per_page=100", NULL,
	    &j), 200);
	assert_true(num(j, "total") > 0);
	it = json_incref(json_array_get(json_object_get(j, "items"), 0));
	json_decref(j);
	org = num(it, "org_id");
	before = num(it, "n");
	assert_string_equal(str(it, "due"), "2026-08-31");
	json_decref(it);
	/* One member of that branch with no August payment: the dues quote
	 * lists what they owe. */
	snprintf(path, sizeof(path), "/api/v1/dues/ledger?org_id=%lld&month=2026-08&per_page=100",
	    org);
	assert_int_equal(api_call(&SA, "GET", path, NULL, &j), 200);
	m = NULL;
	json_array_foreach(json_object_get(j, "items"), i, it)
		if (!m && num(it, "org_id") == org && !json_is_true(json_object_get(it, "paid")) &&
		    num(it, "due_fen") > 0)
			m = it;
	assert_non_null(m);
	snprintf(body, sizeof(body), "{\"items\":[{\"member_id\":%lld,\"month\":\"2026-08\","
	    "\"amount_fen\":%lld,\"paid_on\":\"2026-08-15\",\"method\":\"cash\"}]}",
	    num(m, "member_id"), num(m, "due_fen"));
	json_decref(j);
	assert_int_equal(api_call(&SA, "POST", "/api/v1/dues/payments", body, NULL), 201);
	it = todo_item(&SA, "dues_record", org);
	after = it ? num(it, "n") : 0;
	json_decref(it);
	assert_int_equal(after, before - 1);
}

/* c's unread notifications of kind. */
static long long
unread_of(struct client *c, const char *kind)
{
	json_t *j = NULL, *it;
	long long n = 0;
	size_t i;

	assert_int_equal(api_call(c, "GET", "/api/v1/notifications?unread=1&per_page=100", NULL,
	    &j), 200);
	json_array_foreach(json_object_get(j, "items"), i, it)
		n += !strcmp(str(it, "kind"), kind);
	json_decref(j);
	return n;
}

/* A ballot body scoring every leaf of the round's sheet in full. */
static void
full_ballot(long long round, long long sec, char *body, size_t size)
{
	json_t *j = NULL, *it;
	char path[64];
	size_t i, len;

	snprintf(path, sizeof(path), "/api/v1/reviews/%lld", round);
	assert_int_equal(api_call(&A, "GET", path, NULL, &j), 200);
	len = (size_t)snprintf(body, size, "{\"secretary_id\":%lld,\"grade\":\"好\",\"scores\":[",
	    sec);
	json_array_foreach(json_object_get(j, "sheet"), i, it) {
		if (!json_is_true(json_object_get(it, "leaf")))
			continue;
		len += (size_t)snprintf(body + len, size - len, "%s{\"code\":\"%s\",\"points\":%g}",
		    body[len - 1] == '[' ? "" : ",", str(it, "code"),
		    json_number_value(json_object_get(it, "max_points")));
	}
	snprintf(body + len, size - len, "]}");
	json_decref(j);
}

/* EVAL-03: an evaluator's open round stays on their to-do, counting the
 * secretaries still without their ballot (never themself), until cast;
 * once the round closes its "待评分" messages are read. */
static void
test_todo_ballots_until_cast(void **state)
{
	json_t *j = NULL, *it;
	char body[8192], path[96];
	long long round, sa = user_id(&SA), sb = user_id(&SB);

	(void)state;
	assert_int_equal(api_call(&A, "POST", "/api/v1/reviews", "{\"year\":2026,"
	    "\"name\":\"待办测试述职评议\"}", &j), 201);
	round = num(j, "id");
	json_decref(j);
	snprintf(path, sizeof(path), "/api/v1/reviews/%lld/secretaries", round);
	snprintf(body, sizeof(body), "{\"user_ids\":[%lld,%lld]}", sa, sb);
	assert_int_equal(api_call(&A, "POST", path, body, NULL), 200);
	snprintf(path, sizeof(path), "/api/v1/reviews/%lld/evaluators", round);
	snprintf(body, sizeof(body), "{\"group\":\"secretary\",\"user_ids\":[%lld]}", sa);
	assert_int_equal(api_call(&A, "POST", path, body, NULL), 200);
	it = todo_item(&SA, "review_ballot", round);
	assert_non_null(it);
	assert_int_equal(num(it, "n"), 1);	/* school b's secretary, not themself */
	assert_non_null(strstr(str(it, "what"), "待办测试述职评议"));
	json_decref(it);
	assert_false(has(&SB, "review_ballot", round));	/* not an evaluator */
	full_ballot(round, sb, body, sizeof(body));
	snprintf(path, sizeof(path), "/api/v1/reviews/%lld/ballots", round);
	assert_int_equal(api_call(&SA, "POST", path, body, &j), 201);
	json_decref(j);
	assert_false(has(&SA, "review_ballot", round));
	/* Closed, the round's "待评分" message asks nothing any more: read. */
	assert_int_equal(unread_of(&SA, "review_opened"), 1);
	snprintf(path, sizeof(path), "/api/v1/reviews/%lld/evaluators", round);
	snprintf(body, sizeof(body), "{\"group\":\"secretary\",\"user_ids\":[%lld]}", sb);
	assert_int_equal(api_call(&A, "POST", path, body, NULL), 200);
	full_ballot(round, sa, body, sizeof(body));
	snprintf(path, sizeof(path), "/api/v1/reviews/%lld/ballots", round);
	assert_int_equal(api_call(&SB, "POST", path, body, NULL), 201);
	snprintf(path, sizeof(path), "/api/v1/reviews/%lld/close", round);
	assert_int_equal(api_call(&A, "POST", path, NULL, NULL), 200);
	assert_int_equal(unread_of(&SA, "review_opened"), 0);
	assert_int_equal(unread_of(&SB, "review_opened"), 0);
}

/* A must-read notice is the addressed secretary's to-do until they open it;
 * another school's secretary and the author have none. */
static void
test_todo_must_read_notice_until_opened(void **state)
{
	json_t *j = NULL;
	char body[512], path[64];
	long long id;

	(void)state;
	snprintf(body, sizeof(body), "{\"title\":\"待办测试：必读通知\",\"body\":\"请阅读。\","
	    "\"kind\":\"notice\",\"must_read\":true,\"audience\":\"schools\",\"org_ids\":[%lld]}",
	    pc_a);
	assert_int_equal(api_call(&A, "POST", "/api/v1/notices", body, &j), 201);
	id = num(j, "id");
	json_decref(j);
	assert_true(has(&SA, "notice_read", id));
	assert_false(has(&SB, "notice_read", id));
	assert_false(has(&A, "notice_read", id));
	snprintf(path, sizeof(path), "/api/v1/notices/%lld", id);
	assert_int_equal(api_call(&SA, "GET", path, NULL, NULL), 200);
	assert_false(has(&SA, "notice_read", id));
}

/* The widest scope an account may have (SCOPE_MAX = 16 roots) binds the
 * most parameters in the union: still an answer, never a crash. */
static void
test_todo_widest_scope(void **state)
{
	json_t *j = NULL, *it;
	struct client W;
	char body[1024];
	size_t i, len;
	int n = 0;

	(void)state;
	assert_int_equal(api_call(&A, "GET", "/api/v1/orgs?per_page=100", NULL, &j), 200);
	len = (size_t)snprintf(body, sizeof(body), "{\"username\":\"todo_wide\","
	    "\"role\":\"secretary\",\"scope\":[");
	json_array_foreach(json_object_get(j, "items"), i, it) {
		if (strcmp(str(it, "kind"), "party_committee") || n == 16)
			continue;
		len += (size_t)snprintf(body + len, sizeof(body) - len, "%s%lld", n++ ? "," : "",
		    num(it, "id"));
	}
	snprintf(body + len, sizeof(body) - len, "]}");
	json_decref(j);
	assert_int_equal(n, 16);
	assert_int_equal(api_user_client(&A, &W, body, "todo_wide"), 0);
	assert_int_equal(api_call(&W, "GET", "/api/v1/todo?per_page=100", NULL, &j), 200);
	assert_true(num(j, "total") > 0);
	json_decref(j);
	assert_int_equal(api_call(&W, "GET", "/api/v1/todo/counts", NULL, &j), 200);
	json_decref(j);
	client_release(&W);
}

static void
test_todo_bad_input_named(void **state)
{
	json_t *j = NULL;

	(void)state;
	assert_int_equal(api_call(&SA, "GET", "/api/v1/todo?kind=nope", NULL, &j), 422);
	assert_true(api_has_field(j, "kind"));
	json_decref(j);
	assert_int_equal(api_call(&SA, "GET", "/api/v1/todo?per_page=0", NULL, &j), 422);
	assert_true(api_has_field(j, "per_page"));
	json_decref(j);
	assert_int_equal(api_call(&SA, "GET", "/api/v1/todo?page=x", NULL, &j), 422);
	assert_true(api_has_field(j, "page"));
	json_decref(j);
}

/* The meetings the compliance engine still expects this period are the
 * secretary's to-do exactly when the alert centre reminds of them. */
static void
test_todo_meetings_follow_compliance(void **state)
{
	json_t *j = NULL, *it;
	long long reminders, todos, branch;
	char body[256];
	size_t i;
	int found = 0;

	(void)state;
	/* A new branch has held nothing this month. */
	snprintf(body, sizeof(body), "{\"name\":\"待办测试支部\",\"kind\":\"branch\","
	    "\"parent_id\":%lld}", pc_a);
	assert_int_equal(api_call(&A, "POST", "/api/v1/orgs", body, &j), 201);
	branch = num(j, "id");
	json_decref(j);
	assert_int_equal(api_call(&SA, "GET", "/api/v1/alerts?kind=meeting_missing", NULL, &j), 200);
	reminders = num(j, "total");
	json_decref(j);
	assert_int_equal(api_call(&SA, "GET", "/api/v1/todo?kind=meeting_due", NULL, &j), 200);
	todos = num(j, "total");
	json_decref(j);
	assert_true(reminders > 0);
	assert_true(todos > 0 && todos <= reminders);	/* one item per organization */
	assert_int_equal(api_call(&SA, "GET", "/api/v1/todo?kind=meeting_due&per_page=100", NULL,
	    &j), 200);
	json_array_foreach(json_object_get(j, "items"), i, it) {
		if (num(it, "org_id") != branch)
			continue;
		found = 1;
		assert_string_equal(str(it, "where"), "待办测试支部");
		assert_string_equal(str(it, "due"), "2026-08-31");	/* this month's committee */
		assert_non_null(strstr(str(it, "what"), "本期应召开"));
	}
	json_decref(j);
	assert_true(found);
	assert_false(has(&SB, "meeting_due", branch));
	/* District staff hold no meetings of their own to call. */
	assert_int_equal(api_call(&A, "GET", "/api/v1/todo?kind=meeting_due", NULL, &j), 200);
	assert_int_equal(num(j, "total"), 0);
	json_decref(j);
}

/* Overdue findings are an alert kind, in scope; a to-do past its due day
 * is flagged overdue and listed first. */
static void
test_alerts_overdue_findings(void **state)
{
	json_t *j = NULL, *it;
	long long all, a, b;
	size_t i;

	(void)state;
	/* Past the deadlines of the findings issued above (school b's one
	 * is still waiting for verification). */
	assert_int_equal(srv_restart_flag(&S, NULL, "--today", "2026-11-01"), 0);
	assert_int_equal(api_call(&A, "GET", "/api/v1/todo?kind=finding_verify&per_page=1", NULL,
	    &j), 200);
	it = json_array_get(json_object_get(j, "items"), 0);
	assert_non_null(it);
	assert_true(json_is_true(json_object_get(it, "overdue")));
	json_decref(j);
	assert_int_equal(api_call(&A, "GET", "/api/v1/alerts?kind=finding_overdue&per_page=100",
	    NULL, &j), 200);
	all = num(j, "total");
	assert_true(all > 0);
	json_array_foreach(json_object_get(j, "items"), i, it) {
		assert_string_equal(str(it, "kind"), "finding_overdue");
		assert_true(!strncmp(str(it, "link"), "/findings?open=", 15));
	}
	json_decref(j);
	assert_int_equal(api_call(&SA, "GET", "/api/v1/alerts?kind=finding_overdue", NULL, &j), 200);
	a = num(j, "total");
	json_decref(j);
	assert_int_equal(api_call(&SB, "GET", "/api/v1/alerts?kind=finding_overdue", NULL, &j), 200);
	b = num(j, "total");
	json_decref(j);
	assert_true(a + b <= all);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_todo_finding_loop_moves_between_people),
		cmocka_unit_test(test_todo_scoped_to_the_school),
		cmocka_unit_test(test_todo_inspection_to_score),
		cmocka_unit_test(test_todo_order_pages_and_counts),
		cmocka_unit_test(test_todo_dues_record_counts_down),
		cmocka_unit_test(test_todo_ballots_until_cast),
		cmocka_unit_test(test_todo_must_read_notice_until_opened),
		cmocka_unit_test(test_todo_widest_scope),
		cmocka_unit_test(test_todo_bad_input_named),
		cmocka_unit_test(test_todo_meetings_follow_compliance),
		cmocka_unit_test(test_alerts_overdue_findings),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}

/* test_api_dues.c: party dues over HTTP (issue 3, RULES.md DUES-*): the
 * quote calculator, a member's setting and months, payments (all or
 * nothing, each bad item named), the monthly ledger and its totals,
 * scope, and the audited reversal of a payment recorded by mistake (also
 * raced). The server's today is fixed at 2026-07-15. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api.h"
#include "db/db.h"

#define ADMIN_PW "Hongyan#Admin2026"

static struct srv S;
static struct client A;		/* admin */
static struct client SEC;	/* secretary of school A */
static long long PC, OTHER_PC, BRANCH;	/* school A's committee, school B's; a branch of A */
static long long M[8];		/* members of BRANCH, by id */
static long long THEIRS;	/* a member of school B */

static long long
org_of_kind(const char *kind, int skip)
{
	json_t *j = NULL, *it;
	size_t i;
	long long id = 0;

	assert_int_equal(api_call(&A, "GET", "/api/v1/orgs", NULL, &j), 200);
	json_array_foreach(json_object_get(j, "items"), i, it) {
		if (!strcmp(json_string_value(json_object_get(it, "kind")), kind) && skip-- == 0) {
			id = json_integer_value(json_object_get(it, "id"));
			break;
		}
	}
	json_decref(j);
	assert_true(id > 0);
	return id;
}

static long long
item_int(json_t *j, size_t i, const char *field)
{
	return json_integer_value(json_object_get(json_array_get(json_object_get(j, "items"), i),
	    field));
}

/* Creates a user through the API and logs c in with a changed password. */
static void
user_client(struct client *c, const char *body, const char *name)
{
	assert_int_equal(api_user_client(&A, c, body, name), 0);
}

/* The suite starts from the demo's organizations and members but not its
 * dues (demo_dues.c): every setting and payment below is the test's own. */
static int
forget_demo_dues(void)
{
	struct db *db;
	int e;

	if (db_open(S.db, 0, &db))
		return -1;
	e = db_exec(db, "DELETE FROM dues_payment", DB_END) ||
	    db_exec(db, "DELETE FROM dues_setting", DB_END);
	db_close(db);
	return e ? -1 : 0;
}

static int
setup(void **state)
{
	json_t *j = NULL;
	char path[96], body[128];

	(void)state;
	if (srv_start(&S, 1, NULL) || forget_demo_dues() ||
	    srv_restart_flag(&S, NULL, "--today", "2026-07-15"))
		return -1;
	client_init(&A, &S);
	api_admin(&A, ADMIN_PW);
	PC = org_of_kind("party_committee", 3);
	OTHER_PC = org_of_kind("party_committee", 4);
	snprintf(path, sizeof(path), "/api/v1/members?org_id=%lld&per_page=1", PC);
	assert_int_equal(api_call(&A, "GET", path, NULL, &j), 200);
	BRANCH = item_int(j, 0, "org_id");
	json_decref(j);
	snprintf(path, sizeof(path), "/api/v1/members?org_id=%lld&sort=id&per_page=8", BRANCH);
	assert_int_equal(api_call(&A, "GET", path, NULL, &j), 200);
	assert_int_equal(json_array_size(json_object_get(j, "items")), 8);
	for (size_t i = 0; i < 8; i++)
		M[i] = item_int(j, i, "id");
	json_decref(j);
	snprintf(path, sizeof(path), "/api/v1/members?org_id=%lld&per_page=1", OTHER_PC);
	assert_int_equal(api_call(&A, "GET", path, NULL, &j), 200);
	THEIRS = item_int(j, 0, "id");
	json_decref(j);
	snprintf(body, sizeof(body), "{\"username\":\"dsec1\",\"role\":\"secretary\",\"scope\":[%lld]}",
	    PC);
	user_client(&SEC, body, "dsec1");
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	client_release(&SEC);
	client_release(&A);
	srv_stop(&S);
	return 0;
}

/* PUT a setting as c; returns the status (the answer is dropped). */
static long
put_setting(struct client *c, long long member, const char *body, json_t **j)
{
	char path[64];

	snprintf(path, sizeof(path), "/api/v1/members/%lld/dues", member);
	return api_call(c, "PUT", path, body, j);
}

static json_t *
get_dues(struct client *c, long long member)
{
	json_t *j = NULL;
	char path[64];

	snprintf(path, sizeof(path), "/api/v1/members/%lld/dues", member);
	assert_int_equal(api_call(c, "GET", path, NULL, &j), 200);
	return j;
}

/* The ledger totals of BRANCH for month, as one comparable line. */
static void
ledger_state(const char *month, char *out, size_t len)
{
	json_t *j = NULL, *t;
	char path[96];

	snprintf(path, sizeof(path), "/api/v1/dues/ledger?org_id=%lld&month=%s&per_page=100",
	    BRANCH, month);
	assert_int_equal(api_call(&A, "GET", path, NULL, &j), 200);
	t = json_object_get(j, "totals");
	snprintf(out, len, "%lld/%lld/%lld/%lld/%lld", json_integer_value(json_object_get(t,
	    "members")), json_integer_value(json_object_get(t, "due_fen")),
	    json_integer_value(json_object_get(t, "paid_fen")),
	    json_integer_value(json_object_get(t, "extra_fen")),
	    json_integer_value(json_object_get(t, "arrears_members")));
	json_decref(j);
}

/* A payment request that must fail with status naming field, changing nothing. */
static void
pay_fails(struct client *c, const char *items, long status, const char *field)
{
	char before[128], after[128], before6[128], after6[128], body[1024];
	json_t *j = NULL;

	ledger_state("2026-07", before, sizeof(before));
	ledger_state("2026-06", before6, sizeof(before6));
	snprintf(body, sizeof(body), "{\"items\":[%s]}", items);
	assert_int_equal(api_call(c, "POST", "/api/v1/dues/payments", body, &j), status);
	if (!api_has_field(j, field))
		fail_msg("%s: no field %s", items, field);
	json_decref(j);
	ledger_state("2026-07", after, sizeof(after));
	ledger_state("2026-06", after6, sizeof(after6));
	assert_string_equal(before, after);
	assert_string_equal(before6, after6);
}

static void
test_dues_quote_for_member_user(void **state)
{
	struct client m;
	json_t *j = NULL;
	char body[128];

	(void)state;
	snprintf(body, sizeof(body), "{\"username\":\"dmem1\",\"role\":\"member\",\"member_id\":%lld}",
	    M[7]);
	user_client(&m, body, "dmem1");
	assert_int_equal(api_call(&m, "GET", "/api/v1/dues/quote?category=in_service&base_fen=800000",
	    NULL, &j), 200);
	assert_int_equal(json_integer_value(json_object_get(j, "monthly_fen")), 12000);
	assert_string_equal(json_string_value(json_object_get(j, "rule")), "DUES-02");
	json_decref(j);
	assert_int_equal(api_call(&m, "GET", "/api/v1/dues/quote?category=in_service&base_fen=300001",
	    NULL, &j), 200);
	assert_int_equal(json_integer_value(json_object_get(j, "monthly_fen")), 3000);
	json_decref(j);
	assert_int_equal(api_call(&m, "GET", "/api/v1/dues/quote?category=retired&base_fen=500001",
	    NULL, &j), 200);
	assert_int_equal(json_integer_value(json_object_get(j, "monthly_fen")), 5000);
	assert_string_equal(json_string_value(json_object_get(j, "rule")), "DUES-04");
	json_decref(j);
	assert_int_equal(api_call(&m, "GET", "/api/v1/dues/quote?category=student", NULL, &j), 200);
	assert_int_equal(json_integer_value(json_object_get(j, "monthly_fen")), 20);
	json_decref(j);
	assert_int_equal(api_call(&m, "GET", "/api/v1/dues/quote?category=boss&base_fen=1", NULL,
	    &j), 422);
	assert_true(api_has_field(j, "category"));
	json_decref(j);
	assert_int_equal(api_call(&m, "GET", "/api/v1/dues/quote?category=in_service&base_fen=-100",
	    NULL, &j), 422);
	assert_true(api_has_field(j, "base_fen"));
	json_decref(j);
	assert_int_equal(api_call(&m, "GET", "/api/v1/dues/quote?category=in_service&base_fen=12.5",
	    NULL, &j), 422);
	assert_true(api_has_field(j, "base_fen"));
	json_decref(j);
	assert_int_equal(api_call(&m, "GET", "/api/v1/dues/quote?base_fen=100", NULL, &j), 422);
	assert_true(api_has_field(j, "category"));
	json_decref(j);
	/* A member writes nothing. */
	assert_int_equal(put_setting(&m, M[7], "{\"category\":\"student\"}", NULL), 403);
	assert_int_equal(api_call(&m, "POST", "/api/v1/dues/payments", "{\"items\":[]}", NULL), 403);
	assert_int_equal(api_call(&m, "GET", "/api/v1/dues/ledger?org_id=1&month=2026-07", NULL,
	    NULL), 403);
	client_release(&m);
}

static void
test_dues_setting_put_and_get(void **state)
{
	json_t *j = NULL, *mo;

	(void)state;
	assert_int_equal(put_setting(&A, M[0], "{\"category\":\"in_service\",\"base_fen\":800000,"
	    "\"from\":\"2026-01\"}", &j), 200);
	assert_int_equal(json_integer_value(json_object_get(json_object_get(j, "current"),
	    "monthly_fen")), 12000);
	assert_string_equal(json_string_value(json_object_get(json_object_get(j, "current"),
	    "rule")), "DUES-02");
	json_decref(j);
	j = get_dues(&A, M[0]);
	mo = json_object_get(j, "months");
	assert_int_equal(json_array_size(mo), 12);
	assert_string_equal(json_string_value(json_object_get(json_array_get(mo, 11), "month")),
	    "2026-07");
	assert_string_equal(json_string_value(json_object_get(json_array_get(mo, 11), "status")),
	    "unpaid");
	assert_int_equal(json_integer_value(json_object_get(json_array_get(mo, 11), "due_fen")),
	    12000);
	assert_string_equal(json_string_value(json_object_get(json_array_get(mo, 4), "status")),
	    "none");	/* 2025-12: before the first setting */
	assert_int_equal(json_integer_value(json_object_get(j, "arrears_months")), 7);
	assert_string_equal(json_string_value(json_object_get(j, "arrears_level")), "flag");
	assert_string_equal(json_string_value(json_object_get(j, "default_category")),
	    "in_service");
	json_decref(j);
	/* DUES-06: a reduction needs the higher committee's approval. */
	assert_int_equal(put_setting(&A, M[0], "{\"category\":\"in_service\",\"base_fen\":800000,"
	    "\"reduced_fen\":6000}", &j), 422);
	assert_true(api_has_field(j, "approval"));
	json_decref(j);
	assert_int_equal(put_setting(&A, M[0], "{\"category\":\"teacher\",\"base_fen\":-5,"
	    "\"from\":\"2026-13\"}", &j), 422);
	assert_true(api_has_field(j, "category") && api_has_field(j, "from"));
	json_decref(j);
	assert_int_equal(put_setting(&A, M[0], "{\"category\":\"in_service\",\"base_fen\":-5}",
	    &j), 422);
	assert_true(api_has_field(j, "base_fen"));
	json_decref(j);
	assert_int_equal(put_setting(&A, M[0], "{\"category\":\"in_service\",\"base_fen\":1,"
	    "\"from\":\"2028-01\"}", &j), 422);
	assert_true(api_has_field(j, "from"));
	json_decref(j);
	assert_int_equal(put_setting(&A, M[0], "{\"category\":\"in_service\",\"base_fen\":1,"
	    "\"bonus\":1}", &j), 422);
	assert_true(api_has_field(j, "bonus"));
	json_decref(j);
	j = get_dues(&A, M[0]);
	assert_int_equal(json_array_size(json_object_get(j, "history")), 1);
	json_decref(j);
	/* Approved: from this month (DUES-07 on_change: no from means now). */
	assert_int_equal(put_setting(&A, M[0], "{\"category\":\"in_service\",\"base_fen\":800000,"
	    "\"reduced_fen\":6000,\"approval\":\"区教育工委 渝教工〔2026〕12号\"}", &j), 200);
	assert_int_equal(json_array_size(json_object_get(j, "history")), 2);
	assert_string_equal(json_string_value(json_object_get(json_object_get(j, "current"),
	    "from")), "2026-07");
	assert_int_equal(json_integer_value(json_object_get(json_object_get(j, "current"),
	    "due_fen")), 6000);
	assert_int_equal(json_integer_value(json_array_get(json_object_get(j, "months"), 10) ?
	    json_object_get(json_array_get(json_object_get(j, "months"), 10), "due_fen") : NULL),
	    12000);
	json_decref(j);
	/* The same month again replaces that setting. */
	assert_int_equal(put_setting(&A, M[0], "{\"category\":\"relief\",\"from\":\"2026-07\"}",
	    &j), 200);
	assert_int_equal(json_array_size(json_object_get(j, "history")), 2);
	assert_int_equal(json_integer_value(json_object_get(json_object_get(j, "current"),
	    "due_fen")), 20);
	json_decref(j);
}

static void
test_dues_payments(void **state)
{
	json_t *j = NULL, *it;
	char body[1024], items[1024], ok[256];

	(void)state;
	/* M1, M2: 3000 yuan from January (15.00 a month); M3 has no setting. */
	assert_int_equal(put_setting(&SEC, M[1], "{\"category\":\"in_service\",\"base_fen\":300000,"
	    "\"from\":\"2026-01\"}", NULL), 200);
	assert_int_equal(put_setting(&SEC, M[2], "{\"category\":\"in_service\",\"base_fen\":300000,"
	    "\"from\":\"2026-01\"}", NULL), 200);
	snprintf(body, sizeof(body), "{\"items\":[{\"member_id\":%lld,\"month\":\"2026-07\","
	    "\"amount_fen\":1500,\"paid_on\":\"2026-07-10\",\"method\":\"wechat\"}]}", M[1]);
	assert_int_equal(api_call(&SEC, "POST", "/api/v1/dues/payments", body, &j), 201);
	assert_int_equal(json_integer_value(json_object_get(j, "count")), 1);
	assert_true(item_int(j, 0, "id") > 0);
	json_decref(j);
	/* Many at once; the DUES-08 edge (6 months back) and a DUES-10 extra. */
	snprintf(body, sizeof(body), "{\"items\":[{\"member_id\":%lld,\"month\":\"2026-06\","
	    "\"amount_fen\":1500,\"paid_on\":\"2026-07-10\",\"method\":\"cash\"},"
	    "{\"member_id\":%lld,\"month\":\"2026-01\",\"amount_fen\":1500,\"paid_on\":\"2026-07-11\","
	    "\"method\":\"transfer\"},{\"member_id\":%lld,\"month\":\"2026-07\",\"amount_fen\":1500,"
	    "\"extra_fen\":100000,\"paid_on\":\"2026-07-15\",\"method\":\"alipay\"}]}", M[1], M[2],
	    M[2]);
	assert_int_equal(api_call(&SEC, "POST", "/api/v1/dues/payments", body, &j), 201);
	assert_int_equal(json_integer_value(json_object_get(j, "count")), 3);
	assert_false(json_is_true(json_object_get(json_array_get(json_object_get(j, "items"), 0),
	    "central")));
	it = json_array_get(json_object_get(j, "items"), 2);
	assert_true(json_is_true(json_object_get(it, "central")));
	assert_non_null(strstr(json_string_value(json_object_get(it, "notice")), "全部上缴中央"));
	json_decref(j);
	/* Each bad item: 422 naming it, and nothing saved (all or nothing). */
	snprintf(ok, sizeof(ok), "{\"member_id\":%lld,\"month\":\"2026-05\",\"amount_fen\":1500,"
	    "\"paid_on\":\"2026-07-10\",\"method\":\"cash\"}", M[1]);
	snprintf(items, sizeof(items), "%s,{\"member_id\":%lld,\"month\":\"2026-06\","
	    "\"amount_fen\":1600,\"paid_on\":\"2026-07-10\",\"method\":\"cash\"}", ok, M[2]);
	pay_fails(&SEC, items, 422, "items[1].amount_fen");
	snprintf(items, sizeof(items), "%s,{\"member_id\":%lld,\"month\":\"2026-08\","
	    "\"amount_fen\":1500,\"paid_on\":\"2026-07-10\",\"method\":\"cash\"}", ok, M[2]);
	pay_fails(&SEC, items, 422, "items[1].month");
	snprintf(items, sizeof(items), "%s,{\"member_id\":%lld,\"month\":\"2025-12\","
	    "\"amount_fen\":1500,\"paid_on\":\"2026-07-10\",\"method\":\"cash\"}", ok, M[2]);
	pay_fails(&SEC, items, 422, "items[1].month");	/* DUES-08: 7 months back */
	snprintf(items, sizeof(items), "%s,{\"member_id\":%lld,\"month\":\"2026-06\","
	    "\"amount_fen\":-1500,\"paid_on\":\"2026-07-10\",\"method\":\"cash\"}", ok, M[2]);
	pay_fails(&SEC, items, 422, "items[1].amount_fen");
	snprintf(items, sizeof(items), "%s,{\"member_id\":%lld,\"month\":\"2026-06\","
	    "\"amount_fen\":1500,\"extra_fen\":-1,\"paid_on\":\"2026-07-10\",\"method\":\"cash\"}", ok,
	    M[2]);
	pay_fails(&SEC, items, 422, "items[1].extra_fen");
	snprintf(items, sizeof(items), "%s,{\"member_id\":%lld,\"month\":\"2026-06\","
	    "\"amount_fen\":1500,\"paid_on\":\"2026-07-16\",\"method\":\"cash\"}", ok, M[2]);
	pay_fails(&SEC, items, 422, "items[1].paid_on");
	snprintf(items, sizeof(items), "%s,{\"member_id\":%lld,\"month\":\"2026-06\","
	    "\"amount_fen\":1500,\"paid_on\":\"2026-07-10\",\"method\":\"cheque\"}", ok, M[2]);
	pay_fails(&SEC, items, 422, "items[1].method");
	snprintf(items, sizeof(items), "%s,{\"member_id\":%lld,\"month\":\"2026-06\","
	    "\"amount_fen\":1500,\"paid_on\":\"2026-07-10\",\"method\":\"cash\"}", ok, THEIRS);
	pay_fails(&SEC, items, 422, "items[1].member_id");	/* another school's member */
	snprintf(items, sizeof(items), "%s,{\"member_id\":%lld,\"month\":\"2026-06\","
	    "\"amount_fen\":20,\"paid_on\":\"2026-07-10\",\"method\":\"cash\"}", ok, M[3]);
	pay_fails(&SEC, items, 422, "items[1].month");	/* no setting */
	/* A month already paid: 409 naming the item. */
	snprintf(items, sizeof(items), "%s,{\"member_id\":%lld,\"month\":\"2026-07\","
	    "\"amount_fen\":1500,\"paid_on\":\"2026-07-10\",\"method\":\"cash\"}", ok, M[1]);
	pay_fails(&SEC, items, 409, "items[1].month");
	/* Twice in one request. */
	snprintf(items, sizeof(items), "%s,%s", ok, ok);
	pay_fails(&SEC, items, 409, "items[1].month");
	pay_fails(&SEC, "", 422, "items");
	/* An inactive member. */
	assert_int_equal(put_setting(&A, M[4], "{\"category\":\"student\",\"from\":\"2026-01\"}",
	    NULL), 200);
	snprintf(body, sizeof(body), "/api/v1/members/%lld", M[4]);
	assert_int_equal(api_call(&A, "PATCH", body, "{\"state\":\"stopped\",\"state_on\":"
	    "\"2026-07-01\",\"state_reason\":\"测试\"}", NULL), 200);
	snprintf(items, sizeof(items), "{\"member_id\":%lld,\"month\":\"2026-06\","
	    "\"amount_fen\":20,\"paid_on\":\"2026-07-10\",\"method\":\"cash\"}", M[4]);
	pay_fails(&SEC, items, 422, "items[0].member_id");
	/* The good item alone still goes through. */
	snprintf(body, sizeof(body), "{\"items\":[%s]}", ok);
	assert_int_equal(api_call(&SEC, "POST", "/api/v1/dues/payments", body, NULL), 201);
}

static void
test_dues_ledger_totals(void **state)
{
	json_t *j = NULL, *t, *it;
	char path[128];
	size_t i;
	int seen = 0;

	(void)state;
	/* M5: from May, nothing paid: 3 months (warning). */
	assert_int_equal(put_setting(&A, M[5], "{\"category\":\"retired\",\"base_fen\":400000,"
	    "\"from\":\"2026-05\"}", NULL), 200);
	snprintf(path, sizeof(path), "/api/v1/dues/ledger?org_id=%lld&month=2026-07&per_page=100",
	    BRANCH);
	assert_int_equal(api_call(&A, "GET", path, NULL, &j), 200);
	json_array_foreach(json_object_get(j, "items"), i, it) {
		long long id = json_integer_value(json_object_get(it, "member_id"));
		long long ar = json_integer_value(json_object_get(it, "arrears_months"));
		const char *lv = json_string_value(json_object_get(it, "arrears_level"));

		if (id == M[1] || id == M[2]) {
			seen++;
			assert_int_equal(json_integer_value(json_object_get(it, "paid_fen")), 1500);
			assert_int_equal(json_integer_value(json_object_get(it, "due_fen")), 1500);
			assert_string_equal(json_string_value(json_object_get(it, "recorded_by")),
			    "dsec1");
			assert_int_equal(ar, 0);
		} else if (id == M[5]) {
			seen++;
			assert_int_equal(json_integer_value(json_object_get(it, "due_fen")), 2000);
			assert_int_equal(ar, 3);
			assert_string_equal(lv, "warning");
		} else if (id == M[0]) {
			seen++;
			assert_int_equal(ar, 7);	/* unpaid since January */
			assert_string_equal(lv, "flag");
			assert_non_null(strstr(json_string_value(json_object_get(it,
			    "arrears_message")), "连续6个月未交纳党费"));
		} else if (id == M[4]) {
			fail_msg("an inactive member is on the ledger");
		}
	}
	assert_int_equal(seen, 4);
	t = json_object_get(j, "totals");
	/* Due: M0 0.20 (relief) + M1 15 + M2 15 + M5 20; paid: M1 + M2. */
	assert_int_equal(json_integer_value(json_object_get(t, "due_fen")), 20 + 1500 + 1500 + 2000);
	assert_int_equal(json_integer_value(json_object_get(t, "paid_fen")), 3000);
	assert_int_equal(json_integer_value(json_object_get(t, "extra_fen")), 100000);
	assert_int_equal(json_integer_value(json_object_get(t, "unpaid_fen")), 20 + 2000);
	assert_int_equal(json_integer_value(json_object_get(t, "arrears_members")), 2);
	assert_int_equal(json_integer_value(json_object_get(t, "warnings")), 1);
	assert_int_equal(json_integer_value(json_object_get(t, "flags")), 1);
	assert_int_equal(json_integer_value(json_object_get(j, "total")),
	    json_integer_value(json_object_get(t, "members")));
	json_decref(j);
	/* Paged in SQL: one line per page, same totals. */
	snprintf(path, sizeof(path), "/api/v1/dues/ledger?org_id=%lld&month=2026-07&per_page=1&page=2",
	    BRANCH);
	assert_int_equal(api_call(&A, "GET", path, NULL, &j), 200);
	assert_int_equal(json_array_size(json_object_get(j, "items")), 1);
	assert_int_equal(json_integer_value(json_object_get(json_object_get(j, "totals"),
	    "paid_fen")), 3000);
	json_decref(j);
	/* The school's subtree holds the branch's lines too. */
	snprintf(path, sizeof(path), "/api/v1/dues/ledger?org_id=%lld&month=2026-06", PC);
	assert_int_equal(api_call(&SEC, "GET", path, NULL, &j), 200);
	assert_int_equal(json_integer_value(json_object_get(json_object_get(j, "totals"),
	    "paid_fen")), 1500);	/* M1 paid June */
	json_decref(j);
	snprintf(path, sizeof(path), "/api/v1/dues/ledger?org_id=%lld&month=2026-7", BRANCH);
	assert_int_equal(api_call(&A, "GET", path, NULL, &j), 422);
	assert_true(api_has_field(j, "month"));
	json_decref(j);
	assert_int_equal(api_call(&A, "GET", "/api/v1/dues/ledger?month=2026-07", NULL, &j), 422);
	assert_true(api_has_field(j, "org_id"));
	json_decref(j);
}

static long long
jnum(json_t *o, const char *k)
{
	return json_integer_value(json_object_get(o, k));
}

/* The overview by child organization: the branch's own part is its
 * ledger's totals, the parts add up to the whole, the default is the
 * caller's school, and another school is not found. */
static void
test_dues_summary_by_child(void **state)
{
	json_t *j = NULL, *led = NULL, *it, *t;
	long long parent, sum[3] = { 0 };
	char path[128];
	int found = 0;
	size_t i;

	(void)state;
	snprintf(path, sizeof(path), "/api/v1/orgs/%lld", BRANCH);
	assert_int_equal(api_call(&A, "GET", path, NULL, &j), 200);
	parent = jnum(j, "parent_id");
	json_decref(j);
	snprintf(path, sizeof(path), "/api/v1/dues/ledger?org_id=%lld&month=2026-07", BRANCH);
	assert_int_equal(api_call(&A, "GET", path, NULL, &led), 200);
	snprintf(path, sizeof(path), "/api/v1/dues/summary?org_id=%lld&month=2026-07", parent);
	assert_int_equal(api_call(&A, "GET", path, NULL, &j), 200);
	json_array_foreach(json_object_get(j, "items"), i, it) {
		sum[0] += jnum(it, "members");
		sum[1] += jnum(it, "due_fen");
		sum[2] += jnum(it, "paid_fen");
		if (jnum(it, "org_id") != BRANCH)
			continue;
		found = 1;
		t = json_object_get(led, "totals");
		assert_int_equal(jnum(it, "members"), jnum(t, "members"));
		assert_int_equal(jnum(it, "due_fen"), 20 + 1500 + 1500 + 2000);
		assert_int_equal(jnum(it, "paid_fen"), jnum(t, "paid_fen"));
		assert_int_equal(jnum(it, "unpaid_fen"), jnum(t, "unpaid_fen"));
		assert_int_equal(jnum(it, "warnings"), 1);
		assert_int_equal(jnum(it, "flags"), 1);
	}
	assert_true(found);
	t = json_object_get(j, "totals");
	assert_int_equal(sum[0], jnum(t, "members"));
	assert_int_equal(sum[1], jnum(t, "due_fen"));
	assert_int_equal(sum[2], jnum(t, "paid_fen"));
	json_decref(led);
	/* and the whole is the parent's own ledger totals */
	snprintf(path, sizeof(path), "/api/v1/dues/ledger?org_id=%lld&month=2026-07", parent);
	assert_int_equal(api_call(&A, "GET", path, NULL, &led), 200);
	assert_true(json_equal(json_object_get(led, "totals"), t));
	json_decref(j);
	json_decref(led);
	/* A secretary's default is their school; another school is not theirs. */
	assert_int_equal(api_call(&SEC, "GET", "/api/v1/dues/summary?month=2026-07", NULL, &j), 200);
	assert_int_equal(jnum(j, "org_id"), PC);
	json_decref(j);
	snprintf(path, sizeof(path), "/api/v1/dues/summary?org_id=%lld&month=2026-07", OTHER_PC);
	assert_int_equal(api_call(&SEC, "GET", path, NULL, NULL), 404);
	assert_int_equal(api_call(&A, "GET", "/api/v1/dues/summary?month=2026-13&org_id=x", NULL,
	    &j), 422);
	assert_true(api_has_field(j, "month") && api_has_field(j, "org_id"));
	json_decref(j);
	/* One top organization: the default is it; with a second (a city), the
	 * default is the whole city with the tops as its parts. */
	assert_int_equal(api_call(&A, "GET", "/api/v1/dues/summary?month=2026-07", NULL, &j), 200);
	assert_string_equal(json_string_value(json_object_get(j, "kind")), "district_committee");
	led = json_deep_copy(json_object_get(j, "totals"));
	json_decref(j);
	assert_int_equal(api_call(&A, "POST", "/api/v1/orgs", "{\"name\":\"另一区教育工委\","
	    "\"kind\":\"district_committee\"}", NULL), 201);
	assert_int_equal(api_call(&A, "GET", "/api/v1/dues/summary?month=2026-07", NULL, &j), 200);
	assert_int_equal(jnum(j, "org_id"), 0);
	assert_string_equal(json_string_value(json_object_get(j, "kind")), "all");
	assert_int_equal(json_array_size(json_object_get(j, "items")), 2);
	assert_true(json_equal(json_object_get(j, "totals"), led));
	json_decref(j);
	json_decref(led);
}

static void
test_dues_scope(void **state)
{
	json_t *j = NULL;
	char path[128], body[512];

	(void)state;
	snprintf(path, sizeof(path), "/api/v1/members/%lld/dues", THEIRS);
	assert_int_equal(api_call(&SEC, "GET", path, NULL, &j), 404);
	json_decref(j);
	assert_int_equal(put_setting(&SEC, THEIRS, "{\"category\":\"student\"}", &j), 404);
	json_decref(j);
	j = get_dues(&A, THEIRS);
	assert_int_equal(json_array_size(json_object_get(j, "history")), 0);
	json_decref(j);
	snprintf(path, sizeof(path), "/api/v1/dues/ledger?org_id=%lld&month=2026-07", OTHER_PC);
	assert_int_equal(api_call(&SEC, "GET", path, NULL, &j), 404);
	json_decref(j);
	/* Even with a setting made by the admin, the secretary can't pay for B. */
	assert_int_equal(put_setting(&A, THEIRS, "{\"category\":\"student\",\"from\":\"2026-07\"}",
	    NULL), 200);
	snprintf(body, sizeof(body), "{\"items\":[{\"member_id\":%lld,\"month\":\"2026-07\","
	    "\"amount_fen\":20,\"paid_on\":\"2026-07-10\",\"method\":\"cash\"}]}", THEIRS);
	assert_int_equal(api_call(&SEC, "POST", "/api/v1/dues/payments", body, &j), 422);
	assert_true(api_has_field(j, "items[0].member_id"));
	json_decref(j);
	j = get_dues(&A, THEIRS);
	assert_string_equal(json_string_value(json_object_get(json_array_get(json_object_get(j,
	    "months"), 11), "status")), "unpaid");
	json_decref(j);
	/* The audit log holds the writes. */
	snprintf(path, sizeof(path), "/api/v1/audit?entity=member&entity_id=%lld", THEIRS);
	assert_int_equal(api_call(&A, "GET", path, NULL, &j), 200);
	assert_true(json_integer_value(json_object_get(j, "total")) >= 1);
	json_decref(j);
}

static void
test_dues_member_reads_own(void **state)
{
	struct client m;
	json_t *j = NULL;
	char body[128], path[64];

	(void)state;
	snprintf(body, sizeof(body), "{\"username\":\"dmem2\",\"role\":\"member\",\"member_id\":%lld}",
	    M[1]);
	user_client(&m, body, "dmem2");
	j = get_dues(&m, M[1]);
	assert_string_equal(json_string_value(json_object_get(json_array_get(json_object_get(j,
	    "months"), 11), "status")), "paid");
	assert_false(json_is_true(json_object_get(j, "may_edit")));
	json_decref(j);
	snprintf(path, sizeof(path), "/api/v1/members/%lld/dues", M[2]);
	assert_int_equal(api_call(&m, "GET", path, NULL, &j), 404);
	json_decref(j);
	client_release(&m);
}

/* DUES-07 annual: a setting without from waits for next January; an
 * explicit from is a mid-year recalculation. Restarts the server, so last. */
static void
test_dues_annual_recalculation(void **state)
{
	json_t *j = NULL, *h;

	(void)state;
	assert_int_equal(srv_restart_flag(&S, "HONGYAN_DUES_ANNUAL=1", "--today", "2026-07-15"), 0);
	assert_int_equal(put_setting(&A, M[6], "{\"category\":\"in_service\",\"base_fen\":400000,"
	    "\"from\":\"2026-03\"}", NULL), 200);
	assert_int_equal(put_setting(&A, M[6], "{\"category\":\"in_service\",\"base_fen\":600000}",
	    &j), 200);
	h = json_object_get(j, "history");
	assert_int_equal(json_array_size(h), 2);
	assert_string_equal(json_string_value(json_object_get(json_array_get(h, 0), "from")),
	    "2027-01");
	assert_int_equal(json_integer_value(json_object_get(json_array_get(h, 0), "monthly_fen")),
	    9000);
	/* This year still owes the old amount. */
	assert_string_equal(json_string_value(json_object_get(json_object_get(j, "current"),
	    "from")), "2026-03");
	assert_int_equal(json_integer_value(json_object_get(json_object_get(j, "current"),
	    "due_fen")), 4000);
	json_decref(j);
}

/* M7's line of BRANCH's July ledger: paid_fen, payment_id, arrears. */
static void
m7_line(long long *paid, long long *payment, long long *arrears, long long *total_paid)
{
	json_t *j = NULL, *it;
	char path[128];
	size_t i;

	snprintf(path, sizeof(path), "/api/v1/dues/ledger?org_id=%lld&month=2026-07&per_page=100",
	    BRANCH);
	assert_int_equal(api_call(&A, "GET", path, NULL, &j), 200);
	*paid = *payment = *arrears = -1;
	json_array_foreach(json_object_get(j, "items"), i, it)
		if (json_integer_value(json_object_get(it, "member_id")) == M[7]) {
			*paid = json_integer_value(json_object_get(it, "paid_fen"));
			*payment = json_integer_value(json_object_get(it, "payment_id"));
			*arrears = json_integer_value(json_object_get(it, "arrears_months"));
		}
	*total_paid = json_integer_value(json_object_get(json_object_get(j, "totals"), "paid_fen"));
	json_decref(j);
}

static long
reverse(struct client *c, long long id, const char *body, json_t **j)
{
	char path[96];

	snprintf(path, sizeof(path), "/api/v1/dues/payments/%lld/reverse", id);
	return api_call(c, "POST", path, body, j);
}

/* Issue 12: a payment recorded by mistake is reversed, with a reason and
 * its audit row: the ledger, its totals and the arrears no longer count
 * it, the month can be recorded again (under a new id, never the old
 * one), twice is 409, another school's payment or no payment 404. */
static void
test_dues_reversal(void **state)
{
	json_t *j = NULL;
	char body[512];
	long long theirs, june, july, paid, payment, arrears, total, total0, again;

	(void)state;
	/* Another school's payment, by the district. */
	snprintf(body, sizeof(body), "{\"items\":[{\"member_id\":%lld,\"month\":\"2026-07\","
	    "\"amount_fen\":20,\"paid_on\":\"2026-07-10\",\"method\":\"cash\"}]}", THEIRS);
	if (api_call(&A, "POST", "/api/v1/dues/payments", body, &j) != 201)
		fail_msg("the district's payment for school B");
	theirs = item_int(j, 0, "id");
	json_decref(j);
	assert_int_equal(put_setting(&SEC, M[7], "{\"category\":\"in_service\",\"base_fen\":300000,"
	    "\"from\":\"2026-06\"}", NULL), 200);
	snprintf(body, sizeof(body), "{\"items\":[{\"member_id\":%lld,\"month\":\"2026-06\","
	    "\"amount_fen\":1500,\"paid_on\":\"2026-07-10\",\"method\":\"cash\"},{\"member_id\":%lld,"
	    "\"month\":\"2026-07\",\"amount_fen\":1500,\"paid_on\":\"2026-07-10\",\"method\":"
	    "\"cash\"}]}", M[7], M[7]);
	assert_int_equal(api_call(&SEC, "POST", "/api/v1/dues/payments", body, &j), 201);
	june = item_int(j, 0, "id");
	july = item_int(j, 1, "id");	/* the newest payment of all */
	json_decref(j);
	m7_line(&paid, &payment, &arrears, &total0);
	assert_int_equal(paid, 1500);
	assert_int_equal(payment, july);
	assert_int_equal(arrears, 0);
	/* No reason, a foreign or unknown id: refused, nothing changed. */
	assert_int_equal(reverse(&SEC, july, "{}", &j), 422);
	assert_true(api_has_field(j, "reason"));
	json_decref(j);
	assert_int_equal(reverse(&SEC, july, "{\"reason\":\"  \"}", &j), 422);
	assert_true(api_has_field(j, "reason"));
	json_decref(j);
	assert_int_equal(reverse(&SEC, theirs, "{\"reason\":\"误登记\"}", &j), 404);
	json_decref(j);
	assert_int_equal(reverse(&SEC, july + 1000, "{\"reason\":\"误登记\"}", &j), 404);
	json_decref(j);
	m7_line(&paid, &payment, &arrears, &total);
	assert_int_equal(paid, 1500);
	assert_int_equal(total, total0);
	/* Reversed: the ledger, its totals and the arrears no longer count it. */
	assert_int_equal(reverse(&SEC, july, "{\"reason\":\"误将7月登记为已缴\"}", &j), 200);
	assert_int_equal(json_integer_value(json_object_get(j, "id")), july);
	assert_string_equal(json_string_value(json_object_get(j, "month")), "2026-07");
	json_decref(j);
	m7_line(&paid, &payment, &arrears, &total);
	assert_int_equal(paid, 0);
	assert_int_equal(payment, 0);
	assert_int_equal(arrears, 1);	/* July unpaid again */
	assert_int_equal(total, total0 - 1500);
	/* Twice: 409, the second no different. */
	assert_int_equal(reverse(&SEC, july, "{\"reason\":\"再次撤销\"}", &j), 409);
	json_decref(j);
	/* The audit row: who, what was reversed, why. */
	snprintf(body, sizeof(body), "/api/v1/audit?entity=dues_payment&entity_id=%lld", july);
	assert_int_equal(api_call(&A, "GET", body, NULL, &j), 200);
	assert_int_equal(json_integer_value(json_object_get(j, "total")), 1);
	assert_string_equal(json_string_value(json_object_get(json_array_get(json_object_get(j,
	    "items"), 0), "action")), "dues_reverse");
	json_decref(j);
	/* July recorded again: a new id, not the reversed one's. */
	snprintf(body, sizeof(body), "{\"items\":[{\"member_id\":%lld,\"month\":\"2026-07\","
	    "\"amount_fen\":1500,\"paid_on\":\"2026-07-15\",\"method\":\"wechat\"}]}", M[7]);
	assert_int_equal(api_call(&SEC, "POST", "/api/v1/dues/payments", body, &j), 201);
	again = item_int(j, 0, "id");
	json_decref(j);
	assert_true(again > july);
	assert_int_equal(reverse(&SEC, july, "{\"reason\":\"误登记\"}", &j), 409);
	json_decref(j);
	m7_line(&paid, &payment, &arrears, &total);
	assert_int_equal(payment, again);
	assert_int_equal(total, total0);
	/* The district reverses too. */
	assert_int_equal(reverse(&A, june, "{\"reason\":\"区里撤销\"}", &j), 200);
	json_decref(j);
}

#define RACERS 6

struct racer {
	struct client c;
	long long id;
	long status;
	pthread_t t;
};

static void *
race_reverse(void *arg)
{
	struct racer *r = arg;

	r->status = reverse(&r->c, r->id, "{\"reason\":\"并发撤销\"}", NULL);
	return NULL;
}

/* Many reversals of one payment at once (one user on several
 * connections): exactly one succeeds, the rest are 409, one audit row. */
static void
test_dues_reversal_race(void **state)
{
	struct racer r[RACERS];
	json_t *j = NULL;
	char body[512];
	long long id;
	int ok = 0, conflict = 0, reversals = 0;
	json_t *it;
	size_t i;

	(void)state;
	snprintf(body, sizeof(body), "{\"items\":[{\"member_id\":%lld,\"month\":\"2026-06\","
	    "\"amount_fen\":1500,\"paid_on\":\"2026-07-10\",\"method\":\"cash\"}]}", M[7]);
	assert_int_equal(api_call(&SEC, "POST", "/api/v1/dues/payments", body, &j), 201);
	id = item_int(j, 0, "id");
	json_decref(j);
	for (int k = 0; k < RACERS; k++) {
		client_init(&r[k].c, &S);
		api_share_session(&r[k].c, &SEC);
		r[k].id = id;
		assert_int_equal(pthread_create(&r[k].t, NULL, race_reverse, &r[k]), 0);
	}
	for (int k = 0; k < RACERS; k++) {
		pthread_join(r[k].t, NULL);
		ok += r[k].status == 200;
		conflict += r[k].status == 409;
		client_release(&r[k].c);
	}
	assert_int_equal(ok, 1);
	assert_int_equal(conflict, RACERS - 1);
	snprintf(body, sizeof(body), "/api/v1/audit?entity=dues_payment&entity_id=%lld", id);
	assert_int_equal(api_call(&A, "GET", body, NULL, &j), 200);
	json_array_foreach(json_object_get(j, "items"), i, it)	/* and dues_pay's own */
		reversals += !strcmp(json_string_value(json_object_get(it, "action")), "dues_reverse");
	json_decref(j);
	assert_int_equal(reversals, 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dues_quote_for_member_user),
		cmocka_unit_test(test_dues_setting_put_and_get),
		cmocka_unit_test(test_dues_payments),
		cmocka_unit_test(test_dues_ledger_totals),
		cmocka_unit_test(test_dues_summary_by_child),
		cmocka_unit_test(test_dues_scope),
		cmocka_unit_test(test_dues_member_reads_own),
		cmocka_unit_test(test_dues_annual_recalculation),
		cmocka_unit_test(test_dues_reversal),
		cmocka_unit_test(test_dues_reversal_race),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}

/* test_api_demo_dues.c: the demo's party dues (src/party/demo_dues.c) read
 * through the API as admin: last month's district ledger has dues owed and
 * paid with some members in arrears, the alert centre raises DUES-09
 * warnings and flags from them, and a member's setting is what the
 * calculator (/dues/quote, DUES-02/04/05) gives for its base. The demo is
 * dated by the real today. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "api.h"

#define ADMIN_PW "Hongyan#Admin2026"

static struct srv S;
static struct client A;

static json_t *
get(const char *fmt, ...)
{
	char path[256];
	json_t *j = NULL;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(path, sizeof(path), fmt, ap);
	va_end(ap);
	assert_int_equal(api_call(&A, "GET", path, NULL, &j), 200);
	return j;
}

static long long
num(json_t *o, const char *k)
{
	return json_integer_value(json_object_get(o, k));
}

static const char *
str(json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));

	return s ? s : "";
}

/* Last month in China (UTC+8) as YYYY-MM: the demo's dues run up to today. */
static void
last_month(char out[8])
{
	time_t t = time(NULL) + 8 * 3600;
	struct tm tm;
	int y, m;

	gmtime_r(&t, &tm);
	y = tm.tm_year + 1900;
	m = tm.tm_mon;	/* 0-based: this is last month's number */
	if (m == 0) {
		y--;
		m = 12;
	}
	snprintf(out, 8, "%04d-%02d", y, m);
}

static long long
root_org(void)
{
	json_t *j = get("/api/v1/orgs");
	long long id = num(json_array_get(json_object_get(j, "items"), 0), "id");

	json_decref(j);
	assert_true(id > 0);
	return id;
}

static int
setup(void **state)
{
	(void)state;
	if (srv_start(&S, 1, NULL))
		return -1;
	client_init(&A, &S);
	api_admin(&A, ADMIN_PW);
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

static void
test_demo_dues_ledger_has_paid_and_arrears(void **state)
{
	char month[8];
	json_t *j, *t;

	(void)state;
	last_month(month);
	j = get("/api/v1/dues/ledger?org_id=%lld&month=%s&per_page=5", root_org(), month);
	t = json_object_get(j, "totals");
	assert_true(num(t, "members") > 2000);
	assert_true(num(t, "due_fen") > 0);
	assert_true(num(t, "paid_fen") > 0);
	assert_true(num(t, "unpaid_fen") > 0);
	assert_int_equal(num(t, "paid_fen") + num(t, "unpaid_fen"), num(t, "due_fen"));
	assert_true(num(t, "arrears_members") > 0);
	assert_true(num(t, "arrears_members") < num(t, "members") / 10);
	json_decref(j);
}

static void
test_demo_dues_alerts_warn_and_flag(void **state)
{
	json_t *j;
	long long all, critical;

	(void)state;
	j = get("/api/v1/alerts?kind=dues_arrears&per_page=1");
	all = num(j, "total");
	json_decref(j);
	j = get("/api/v1/alerts?kind=dues_arrears&severity=critical&per_page=1");
	critical = num(j, "total");
	json_decref(j);
	assert_true(critical > 0);
	assert_true(all > critical);
}

/* The first member's current setting is the calculator's answer. */
static void
test_demo_dues_setting_follows_the_rules(void **state)
{
	json_t *j = get("/api/v1/members?sort=id&per_page=1"), *cur, *q;
	long long id = num(json_array_get(json_object_get(j, "items"), 0), "id");

	(void)state;
	json_decref(j);
	j = get("/api/v1/members/%lld/dues", id);
	cur = json_object_get(j, "current");
	assert_true(json_is_object(cur));
	q = get("/api/v1/dues/quote?category=%s&base_fen=%lld", str(cur, "category"),
	    num(cur, "base_fen"));
	assert_int_equal(num(cur, "monthly_fen"), num(q, "monthly_fen"));
	assert_string_equal(str(cur, "rule"), str(q, "rule"));
	assert_true(num(cur, "monthly_fen") > 0);
	json_decref(q);
	json_decref(j);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_demo_dues_ledger_has_paid_and_arrears),
		cmocka_unit_test(test_demo_dues_alerts_warn_and_flag),
		cmocka_unit_test(test_demo_dues_setting_follows_the_rules),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}

/* test_api_demo_transfers.c: the demo's transfers (src/party/demo_transfers.c)
 * read through the API as admin: every direction, one internal letter in
 * transit past its validity (XFER-03, flagged and alerted), an outgoing one
 * awaiting its receipt, and incoming ones whose records came with the
 * letter: one still 待转入 (incoming, not active), one received and active
 * with its history. The demo is dated by the real today. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

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

/* The transfer with direction and state, or NULL (borrowed from j). */
static json_t *
find(json_t *j, const char *direction, const char *state)
{
	json_t *it;
	size_t i;

	json_array_foreach(json_object_get(j, "items"), i, it)
		if (!strcmp(str(it, "direction"), direction) && !strcmp(str(it, "state"), state))
			return it;
	return NULL;
}

static void
test_demo_transfers_every_kind(void **state)
{
	json_t *j = get("/api/v1/transfers?per_page=100"), *t;

	(void)state;
	assert_true(num(j, "total") >= 5);
	assert_non_null(find(j, "internal", "done"));
	t = find(j, "internal", "in_transit");
	assert_non_null(t);
	assert_true(json_is_true(json_object_get(t, "overdue")));
	t = find(j, "out", "received");
	assert_non_null(t);
	assert_true(strlen(str(t, "receipt_due")) == 10);
	t = find(j, "in", "in_transit");
	assert_non_null(t);
	assert_true(json_is_true(json_object_get(t, "new_member")));
	json_decref(j);
	j = get("/api/v1/alerts?kind=transfer_overdue&per_page=5");
	assert_true(num(j, "total") >= 1);
	json_decref(j);
}

/* The waiting record is 待转入 and not active; the received one is active
 * with a history from outside the district. */
static void
test_demo_transfers_arrivals(void **state)
{
	json_t *j = get("/api/v1/transfers?direction=in&per_page=100"), *t, *m;
	long long waiting = num(find(j, "in", "in_transit"), "member_id");
	long long arrived = num(find(j, "in", "done"), "member_id");

	(void)state;
	json_decref(j);
	assert_true(waiting > 0 && arrived > 0);
	m = get("/api/v1/members/%lld", waiting);
	assert_string_equal(str(m, "state"), "incoming");
	json_decref(m);
	j = get("/api/v1/members?state=incoming&per_page=5");
	assert_int_equal(num(j, "total"), 1);
	json_decref(j);
	m = get("/api/v1/members/%lld", arrived);
	assert_string_equal(str(m, "state"), "active");
	t = json_array_get(json_object_get(m, "org_history"), 0);
	assert_true(json_is_null(json_object_get(t, "from_org_id")));
	json_decref(m);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_demo_transfers_every_kind),
		cmocka_unit_test(test_demo_transfers_arrivals),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}

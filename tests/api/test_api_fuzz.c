/* test_api_fuzz.c: "bad input never hurts", for every route at once. The
 * route table is walked in-process (router_each) and each route is called
 * over HTTP on a demo server as admin with malformed bodies (not JSON,
 * wrong types, deep nesting, huge numbers, NUL and invalid UTF-8, impossible
 * dates) and malformed query strings (bad paging, sorts, ids, dates,
 * repeated keys). No answer may be a 5xx or missing, a refused write may
 * leave no audit row, and the server must still answer afterwards. The session routes are left out so the test
 * keeps its own session; no id used is 1, the admin's, so the admin
 * cannot disable itself. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api.h"
#include "http/router.h"

#define ADMIN_PW "Hongyan#Admin2026"
#define FAILS_MAX 40
#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

static struct srv S;
static struct client A;		/* admin */
static struct client SEC;	/* a school's secretary: scoped paths */
static struct client *who = &A;	/* the caller of the current walk */
static char *deep;	/* [[[[…]]]] past any parser's depth */

static const char *const BODIES[] = {
	"",
	"{",
	"not json",
	"null",
	"[]",
	"\"text\"",
	"{}",
	"{\"id\":\"x\",\"org_id\":\"abc\",\"name\":123,\"year\":-1,\"month\":\"2026-13\","
	    "\"date\":\"2026-02-30\",\"items\":{},\"scores\":\"x\",\"state\":[]}",
	"{\"org_id\":1e400,\"year\":99999999999999999999,\"amount_fen\":-9223372036854775808,"
	    "\"minutes\":1.5,\"page\":null}",
	"{\"name\":\"a\\u0000b\",\"title\":\"\\ud800\",\"note\":\"\xff\xfe\",\"topic\":\"\xe4\"}",
	"{\"items\":[{},null,1,\"x\",[]],\"assignments\":[{\"org_id\":0}],\"member_ids\":[0,-1]}",
	"{\"held_at\":\"2026-02-29T25:61\",\"started_at\":\"x\",\"inspected_on\":\"9999-12-31\","
	    "\"from\":\"2026-00\",\"to\":\"0000-01-01\",\"joined_on\":\"2026-2-3\"}",
};

static const char *const QUERIES[] = {
	"",
	"?page=0&per_page=0",
	"?page=-5&per_page=99999999999&sort=zzz&order=sideways",
	"?sort=-name%27%3BDROP%20TABLE%20org&q=%25%5F%27",
	"?org_id=abc&year=99999&month=2026-13&quarter=5&from=2026-02-30&to=x&kind=%E4&state=%FF",
	"?org_id=1&org_id=2&year=2026&year=2025&member_id=-1&id=0",
	"?q=%00&name=%C0%AF&severity=&by=nothing&current=maybe",
};

/* Ids the demo has for most tables, never 1 (the admin's user id). */
static const char *const IDS[] = { "3", "999999999", "9223372036854775807" };

struct fuzz {
	int calls, fails;
	int by_class[6];	/* answers by status / 100 */
	int invalid;		/* 422s: handlers reached and input refused */
	char failed[FAILS_MAX][200];
};

static int
skipped(const struct route *r)
{
	/* Logging out or changing the password ends the test's own session. */
	return !strncmp(r->pattern, "/api/v1/session", 15);
}

/* The audit trail's length, as the admin reads it. */
static long long
audit_total(void)
{
	json_t *j = NULL;
	long long n = -1;

	if (api_call(&A, "GET", "/api/v1/audit?per_page=1", NULL, &j) == 200)
		n = json_integer_value(json_object_get(j, "total"));
	json_decref(j);
	return n;
}

static void
note(struct fuzz *f, const char *what, long code, const char *method, const char *path,
    const char *body)
{
	if (f->fails < FAILS_MAX)
		snprintf(f->failed[f->fails], sizeof(f->failed[0]), "%s%ld %s %s body=%.40s", what,
		    code, method, path, body ? body : "(none)");
	f->fails++;
}

/* One call; a 5xx or no answer fails, and so does a refused write (4xx)
 * that left an audit row: every write is one transaction with its audit
 * row, so a refusal must leave none. */
static void
one(struct fuzz *f, const char *method, const char *path, const char *body)
{
	long long before = body ? audit_total() : 0;
	long code = api_call(who, method, path, body, NULL);

	f->calls++;
	f->by_class[code > 0 && code < 600 ? code / 100 : 0]++;
	f->invalid += code == 422;
	if (code <= 0 || code >= 500)
		note(f, "", code, method, path, body);
	else if (body && code >= 400 && audit_total() != before)
		note(f, "audited after refusal: ", code, method, path, body);
}

/* A body that is present and not JSON is 400 on every route but file
 * uploads, also on steps that take no body (issue 11: /start, /submit,
 * /close took "{garbage" and stepped); only the role check may answer
 * first. */
static void
malformed_is_400(struct fuzz *f, const struct route *r, const char *path)
{
	long code;

	if (!strcmp(r->method, "GET") || (r->flags & F_UPLOAD))
		return;
	code = api_call(who, r->method, path, "{garbage", NULL);
	f->calls++;
	if (code != 400 && code != 403)
		note(f, "not JSON, not 400: ", code, r->method, path, "{garbage");
}

static void
fuzz_route(void *ctx, const struct route *r)
{
	struct fuzz *f = ctx;
	int write = strcmp(r->method, "GET") && strcmp(r->method, "DELETE");
	char path[300], url[600];

	if (skipped(r))
		return;
	for (size_t i = 0; i < ARRAY_LEN(IDS); i++) {
		api_fill_id(r->pattern, IDS[i], path, sizeof(path));
		malformed_is_400(f, r, path);
		if (!write) {
			for (size_t q = 0; q < ARRAY_LEN(QUERIES); q++) {
				snprintf(url, sizeof(url), "%s%s", path, QUERIES[q]);
				one(f, r->method, url, NULL);
			}
		} else {
			for (size_t b = 0; b < ARRAY_LEN(BODIES); b++)
				one(f, r->method, path, BODIES[b]);
			one(f, r->method, path, deep);
			snprintf(url, sizeof(url), "%s%s", path, QUERIES[4]);
			one(f, r->method, url, BODIES[7]);
		}
		if (!strstr(r->pattern, ":id"))
			break;
	}
}

static int
setup(void **state)
{
	size_t n = 20000;

	(void)state;
	deep = malloc(2 * n + 1);
	if (!deep)
		return -1;
	memset(deep, '[', n);
	memset(deep + n, ']', n);
	deep[2 * n] = '\0';
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
	free(deep);
	return 0;
}

/* Walks every route as c; returns the walk's counts (caller frees). */
static struct fuzz *
walk(struct client *c)
{
	struct fuzz *f = calloc(1, sizeof(*f));

	assert_non_null(f);
	who = c;
	router_each(fuzz_route, f);
	for (int i = 0; i < f->fails && i < FAILS_MAX; i++)
		fprintf(stderr, "fuzz: %s\n", f->failed[i]);
	printf("fuzz: %d calls: %d 2xx, %d 4xx (%d of them 422), %d 5xx or none\n", f->calls,
	    f->by_class[2], f->by_class[4], f->invalid, f->fails);
	/* Still serving, and c still logged in. */
	assert_int_equal(api_call(c, "GET", "/healthz", NULL, NULL), 200);
	assert_int_equal(api_call(c, "GET", "/api/v1/session", NULL, NULL), 200);
	return f;
}

static void
test_fuzz_every_route_as_admin(void **state)
{
	struct fuzz *f = walk(&A);

	(void)state;
	assert_int_equal(f->fails, 0);
	/* The calls reached the handlers (not all stopped at the session). */
	assert_true(f->calls > 1000);
	assert_true(f->by_class[2] > 100 && f->invalid > 500);
	free(f);
}

static void
test_fuzz_every_route_as_secretary(void **state)
{
	json_t *j = NULL, *it;
	long long school = 0;
	char body[160];
	struct fuzz *f;
	size_t i;

	(void)state;
	assert_int_equal(api_call(&A, "GET", "/api/v1/orgs", NULL, &j), 200);
	json_array_foreach(json_object_get(j, "items"), i, it)
		if (!school && !strcmp(json_string_value(json_object_get(it, "kind")),
		    "party_committee"))
			school = json_integer_value(json_object_get(it, "id"));
	json_decref(j);
	snprintf(body, sizeof(body), "{\"username\":\"fz_sec\",\"role\":\"secretary\","
	    "\"scope\":[%lld]}", school);
	assert_int_equal(api_user_client(&A, &SEC, body, "fz_sec"), 0);
	f = walk(&SEC);
	assert_int_equal(f->fails, 0);
	assert_true(f->by_class[2] > 50 && f->invalid > 200);
	free(f);
	client_release(&SEC);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fuzz_every_route_as_admin),
		cmocka_unit_test(test_fuzz_every_route_as_secretary),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}

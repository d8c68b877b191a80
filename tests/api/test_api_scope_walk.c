/* test_api_scope_walk.c: "every query for domain data is scoped", for every
 * route at once. On the demo district, a secretary of a new, empty school
 * calls every GET route (router_each): a list must come back empty and a
 * row by id (ids 1-40, which the demo fills in every table) must not be
 * found, unless the route is one of the district-wide ones named below,
 * each with its reason. The admin reading the same rows shows the ids are
 * real. The same for a member of another new school, whose lists may hold
 * only themself. A new route that leaks fails here until it is scoped or
 * listed. */
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
#define IDS 40
#define LEAKS_MAX 40
#define MEMBER_NAME "新党员"	/* the member of the second school */

static struct srv S;
static struct client A;		/* admin */
static struct client E;		/* the secretary of an empty school */
static struct client M;		/* a member of that school, with an account */
static struct client *who = &E;	/* the caller of the current walk */

/* Read by every school on purpose. */
static const char *const DISTRICT_WIDE[] = {
	"/api/v1/indicator-systems",		/* the scoring sheets a school is judged by */
	"/api/v1/indicator-systems/:id",
	"/api/v1/indicator-systems/:id.xlsx",
	"/api/v1/indicator-systems/:id/indicators",
	"/api/v1/programmes",			/* the district's training, schools enrol into */
	"/api/v1/programmes/:id",
	"/api/v1/programmes/tiers",
	"/api/v1/study/library",		/* the district's study library */
	"/api/v1/study/library/:id",
	"/api/v1/study/library/:id/files",	/* a visible item's file (issue 19) */
	"/api/v1/study/library/topics",
	"/api/v1/study/plans",			/* the district's plan applies to every member */
	"/api/v1/points/rules",			/* one set of points rules */
	"/api/v1/exchange",			/* published cases are for every school to read */
	"/api/v1/exchange/:id",
	"/api/v1/pipeline-steps",		/* the 25 steps of RULES.md section 2 */
	"/api/v1/orgs",				/* the caller's own organization */
	"/api/v1/findings/board",		/* the caller's own row, all zeros */
};

struct walk {
	int lists, rows, leaks;
	char leaked[LEAKS_MAX][160];
};

static int
district_wide(const char *pattern)
{
	for (size_t i = 0; i < sizeof(DISTRICT_WIDE) / sizeof(DISTRICT_WIDE[0]); i++)
		if (!strcmp(DISTRICT_WIDE[i], pattern))
			return 1;
	return 0;
}

static void
leak(struct walk *k, const char *what, const char *path)
{
	if (k->leaks < LEAKS_MAX)
		snprintf(k->leaked[k->leaks], sizeof(k->leaked[0]), "%s %.150s", what, path);
	k->leaks++;
}

/* Whether every item is the caller's own: none for the secretary of the
 * empty school; for the member, items that name them (MEMBER_NAME). */
static int
only_own(json_t *items)
{
	json_t *it;
	size_t i;

	json_array_foreach(items, i, it) {
		char *text = json_dumps(it, 0);
		int own = who == &M && text && strstr(text, MEMBER_NAME);

		free(text);
		if (!own)
			return 0;
	}
	return 1;
}

/* A list answers 200 with nothing in it but the caller's own (or is refused). */
static void
check_list(struct walk *k, const struct route *r)
{
	json_t *j = NULL, *items;

	if (api_call(who, "GET", r->pattern, NULL, &j) == 200) {
		items = json_object_get(j, "items");
		if (!json_is_array(items) ? json_integer_value(json_object_get(j, "total")) > 0 :
		    !only_own(items))
			leak(k, "list", r->pattern);
		k->lists++;
	}
	json_decref(j);
}

/* The first id the admin can read must not be readable by E. */
static void
check_row(struct walk *k, const struct route *r)
{
	char path[300], id_s[12];

	for (int id = 1; id <= IDS; id++) {
		snprintf(id_s, sizeof(id_s), "%d", id);
		api_fill_id(r->pattern, id_s, path, sizeof(path));
		if (api_call(&A, "GET", path, NULL, NULL) != 200)
			continue;
		k->rows++;
		if (api_call(who, "GET", path, NULL, NULL) == 200)
			leak(k, "row", path);
		return;
	}
}

static void
check_route(void *ctx, const struct route *r)
{
	if (strcmp(r->method, "GET") || district_wide(r->pattern) ||
	    !strncmp(r->pattern, "/api/v1/session", 15))
		return;
	if (strstr(r->pattern, ":id"))
		check_row(ctx, r);
	else
		check_list(ctx, r);
}

static long long
created_id(const char *path, const char *body)
{
	json_t *j = NULL;
	long long id = 0;

	if (api_call(&A, "POST", path, body, &j) == 201)
		id = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	return id;
}

/* A second new school with a branch, one member and the member's
 * account (M); the secretary's school stays empty. */
static int
member_account(long long top)
{
	char body[400];
	long long school, branch, member;

	snprintf(body, sizeof(body), "{\"name\":\"新建第二学校党委\",\"kind\":\"party_committee\","
	    "\"parent_id\":%lld}", top);
	if (!(school = created_id("/api/v1/orgs", body)))
		return -1;
	snprintf(body, sizeof(body), "{\"name\":\"空白支部\",\"kind\":\"branch\",\"parent_id\":%lld}",
	    school);
	if (!(branch = created_id("/api/v1/orgs", body)))
		return -1;
	snprintf(body, sizeof(body), "{\"name\":\"" MEMBER_NAME "\",\"gender\":\"female\",\"birth_date\":"
	    "\"1990-01-01\",\"category\":\"in_service\",\"status\":\"full\",\"joined_on\":"
	    "\"2015-07-01\",\"full_on\":\"2016-07-01\",\"org_id\":%lld}", branch);
	if (!(member = created_id("/api/v1/members", body)))
		return -1;
	snprintf(body, sizeof(body), "{\"username\":\"empty_member\",\"role\":\"member\","
	    "\"member_id\":%lld}", member);
	return api_user_client(&A, &M, body, "empty_member");
}

static int
setup(void **state)
{
	json_t *j = NULL;
	long long top, school;
	char body[200];

	(void)state;
	if (srv_start(&S, 1, NULL))
		return -1;
	client_init(&A, &S);
	api_admin(&A, ADMIN_PW);
	if (api_call(&A, "GET", "/api/v1/orgs?per_page=1", NULL, &j) != 200)
		return -1;
	top = json_integer_value(json_object_get(json_array_get(json_object_get(j, "items"), 0),
	    "id"));
	json_decref(j);
	snprintf(body, sizeof(body), "{\"name\":\"新建空白学校党委\",\"kind\":\"party_committee\","
	    "\"parent_id\":%lld}", top);
	if (api_call(&A, "POST", "/api/v1/orgs", body, &j) != 201)
		return -1;
	school = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	snprintf(body, sizeof(body), "{\"username\":\"empty_sec\",\"role\":\"secretary\","
	    "\"scope\":[%lld]}", school);
	if (api_user_client(&A, &E, body, "empty_sec"))
		return -1;
	return member_account(top);
}

static int
teardown(void **state)
{
	(void)state;
	client_release(&A);
	client_release(&E);
	client_release(&M);
	srv_stop(&S);
	return 0;
}

/* Walks every GET route as c; returns the number of leaks. */
static int
walk_as(struct client *c, int min_lists, int min_rows)
{
	struct walk *k = calloc(1, sizeof(*k));
	int leaks;

	assert_non_null(k);
	who = c;
	router_each(check_route, k);
	for (int i = 0; i < k->leaks && i < LEAKS_MAX; i++)
		fprintf(stderr, "scope: %s answered outside the caller's scope\n", k->leaked[i]);
	printf("scope: %d lists and %d rows by id checked, %d answered outside the scope\n",
	    k->lists, k->rows, k->leaks);
	/* The walk reached the routes: most lists and rows were checked. */
	assert_true(k->lists >= min_lists && k->rows >= min_rows);
	leaks = k->leaks;
	free(k);
	return leaks;
}

static void
test_scope_walk_empty_school_sees_nothing_else(void **state)
{
	(void)state;
	assert_int_equal(walk_as(&E, 40, 30), 0);
}

/* A member: the routes open to members answer only their own (none here). */
static void
test_scope_walk_member_sees_nothing_else(void **state)
{
	(void)state;
	assert_int_equal(walk_as(&M, 5, 30), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_scope_walk_empty_school_sees_nothing_else),
		cmocka_unit_test(test_scope_walk_member_sees_nothing_else),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}

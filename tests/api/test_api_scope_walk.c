/* test_api_scope_walk.c: "every query for domain data is scoped", for every
 * route at once. On the demo district, a secretary of a new, empty school
 * calls every GET route (router_each): a list must come back empty and a
 * row by id (ids 1-40, which the demo fills in every table) must not be
 * found, unless the route is one of the district-wide ones named below,
 * each with its reason. The admin reading the same rows shows the ids are
 * real. A new route that leaks fails here until it is scoped or listed. */
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

static struct srv S;
static struct client A;		/* admin */
static struct client E;		/* the secretary of an empty school */

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

/* A list answers 200 with nothing in it (or is refused). */
static void
check_list(struct walk *k, const struct route *r)
{
	json_t *j = NULL, *items;

	if (api_call(&E, "GET", r->pattern, NULL, &j) == 200) {
		items = json_object_get(j, "items");
		if (json_array_size(items) || json_integer_value(json_object_get(j, "total")) > 0)
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
		if (api_call(&E, "GET", path, NULL, NULL) == 200)
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
	return api_user_client(&A, &E, body, "empty_sec");
}

static int
teardown(void **state)
{
	(void)state;
	client_release(&A);
	client_release(&E);
	srv_stop(&S);
	return 0;
}

static void
test_scope_walk_empty_school_sees_nothing_else(void **state)
{
	struct walk *k = calloc(1, sizeof(*k));

	(void)state;
	assert_non_null(k);
	router_each(check_route, k);
	for (int i = 0; i < k->leaks && i < LEAKS_MAX; i++)
		fprintf(stderr, "scope: %s answered the empty school's secretary\n", k->leaked[i]);
	printf("scope: %d lists and %d rows by id checked, %d answered outside the scope\n",
	    k->lists, k->rows, k->leaks);
	/* The walk reached the routes: most lists and rows were checked. */
	assert_true(k->lists > 40 && k->rows > 30);
	assert_int_equal(k->leaks, 0);
	free(k);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_scope_walk_empty_school_sees_nothing_else),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}

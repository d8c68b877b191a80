/* test_api_demo_review.c: the demo's report-and-review round
 * (src/supervise/demo_review.c, EVAL-01…04) read through the API as
 * admin: the accounts exist and must change their generated passwords,
 * last year's round is published with every school's secretary (36)
 * and their reports, every evaluator (district staff, the first eight
 * secretaries, member representatives) scored every secretary they may
 * (never themselves), the results are ranked and graded by their scores with a
 * 一般 and a 差, each of those with a talk and a review finding, and last
 * year's assessment counts the round. The demo is dated by the real today. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "api.h"

#define ADMIN_PW "Hongyan#Admin2026"
#define SECRETARIES 8	/* secretaries who score their peers */
#define SUBJECTS 36	/* secretaries under review: every school's */
#define DISTRICT 2
#define MEMBERS 4

static struct srv S;
static struct client A;
static struct client SEC;	/* the security administrator: accounts (SEC-05) */
static int year;		/* last year */
static long long round_id;

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

/* Points come back as numbers with one decimal: to tenths. */
static long long
tenths(json_t *o, const char *k)
{
	double v = json_number_value(json_object_get(o, k)) * 10;

	return (long long)(v + (v < 0 ? -0.5 : 0.5));
}

static int
setup(void **state)
{
	time_t now = time(NULL);
	struct tm tm;

	(void)state;
	gmtime_r(&now, &tm);
	year = tm.tm_year + 1900 - 1;
	if (srv_start(&S, 1, NULL))
		return -1;
	client_init(&A, &S);
	api_admin(&A, ADMIN_PW);
	client_init(&SEC, &S);
	api_security_admin(&SEC);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	client_release(&A);
	client_release(&SEC);
	srv_stop(&S);
	return 0;
}

/* The user named name in the users list, or NULL (borrowed from j). */
static json_t *
user_named(json_t *j, const char *name)
{
	json_t *it;
	size_t i;

	json_array_foreach(json_object_get(j, "items"), i, it)
		if (!strcmp(str(it, "username"), name))
			return it;
	return NULL;
}

static void
test_demo_review_accounts(void **state)
{
	json_t *j = NULL, *u;
	char name[32];

	(void)state;
	assert_int_equal(api_call(&SEC, "GET", "/api/v1/users?per_page=100", NULL, &j), 200);
	for (int i = 1; i <= SUBJECTS + DISTRICT + MEMBERS; i++) {
		const char *role = i <= SUBJECTS ? "secretary" :
		    i <= SUBJECTS + DISTRICT ? "district" : "member";

		if (i <= SUBJECTS)
			snprintf(name, sizeof(name), "shuji%02d", i);
		else if (i <= SUBJECTS + DISTRICT)
			snprintf(name, sizeof(name), "quwei%02d", i - SUBJECTS);
		else
			snprintf(name, sizeof(name), "dangyuan%02d", i - SUBJECTS - DISTRICT);
		u = user_named(j, name);
		assert_non_null(u);
		assert_string_equal(str(u, "role"), role);
		/* Generated, never shown: the security administrator resets it, the
		 * user changes it. quwei01's was printed by init (SEC-05: the demo's
		 * district account) and changed by this suite's first login. */
		assert_int_equal(json_is_true(json_object_get(u, "must_change_password")),
		    strcmp(name, API_DISTRICT_USER) != 0);
		assert_false(json_is_true(json_object_get(u, "disabled")));
		/* Secretaries are scoped to their school; members are linked to one. */
		assert_int_equal(json_array_size(json_object_get(u, "scope")),
		    !strcmp(role, "secretary"));
		assert_int_equal(num(u, "member_id") > 0, !strcmp(role, "member"));
	}
	assert_null(user_named(j, "shuji37"));
	json_decref(j);
	/* Each account was created through the store, with its audit row. */
	j = get("/api/v1/audit?entity=user&per_page=1");
	assert_true(num(j, "total") >= 1 + SUBJECTS + DISTRICT + MEMBERS);
	json_decref(j);
}

/* Last year's one round, read whole; sets round_id. */
static json_t *
last_years_round(void)
{
	json_t *j = get("/api/v1/reviews?year=%d", year), *r;
	char name[128];

	assert_int_equal(json_array_size(json_object_get(j, "items")), 1);
	r = json_array_get(json_object_get(j, "items"), 0);
	round_id = num(r, "id");
	snprintf(name, sizeof(name), "%d年度党组织书记抓党建工作述职评议", year);
	assert_string_equal(str(r, "name"), name);
	json_decref(j);
	return get("/api/v1/reviews/%lld", round_id);
}

static void
test_demo_review_round_published(void **state)
{
	json_t *j = last_years_round(), *it;
	long long per_group[3] = { 0 }, evaluators[3] = { 0 };
	const char *const groups[3] = { "district", "secretary", "member" };
	char reports[SUBJECTS][1024];
	size_t i;

	(void)state;
	assert_string_equal(str(j, "state"), "published");
	assert_int_equal(num(j, "year"), year);
	assert_int_equal(num(j, "secretaries"), SUBJECTS);
	/* Default rules (EVAL-04). */
	assert_int_equal(num(j, "weight_district"), 500);
	assert_int_equal(tenths(j, "band_good"), 900);
	assert_int_equal(json_array_size(json_object_get(j, "secretaries_under_review")),
	    SUBJECTS);
	json_array_foreach(json_object_get(j, "secretaries_under_review"), i, it) {
		assert_true(strlen(str(it, "report")) > 60);	/* a few sentences */
		snprintf(reports[i], sizeof(reports[i]), "%s", str(it, "report"));
		for (size_t k = 0; k < i; k++)
			assert_string_not_equal(reports[k], reports[i]);
	}
	json_array_foreach(json_object_get(j, "evaluator_list"), i, it)
		for (int g = 0; g < 3; g++)
			if (!strcmp(str(it, "group"), groups[g])) {
				evaluators[g]++;
				per_group[g] += num(it, "ballots");
				/* A secretary scores everyone but themself. */
				assert_int_equal(num(it, "ballots"), g == 1 ? SUBJECTS - 1 :
				    SUBJECTS);
			}
	json_decref(j);
	assert_int_equal(evaluators[0], DISTRICT);
	assert_int_equal(evaluators[1], SECRETARIES);
	assert_int_equal(evaluators[2], MEMBERS);
	assert_int_equal(per_group[0], DISTRICT * SUBJECTS);
	assert_int_equal(per_group[1], SECRETARIES * (SUBJECTS - 1));
	assert_int_equal(per_group[2], MEMBERS * SUBJECTS);
	/* Every ballot written through the store, with its audit row. */
	j = get("/api/v1/audit?entity=review_ballot&per_page=1");
	assert_int_equal(num(j, "total"), (DISTRICT + MEMBERS) * SUBJECTS +
	    SECRETARIES * (SUBJECTS - 1));
	json_decref(j);
}

/* The band of a score (tenths) under the default rules: 0 好 … 3 差. */
static int
band(long long score)
{
	return score >= 900 ? 0 : score >= 800 ? 1 : score >= 600 ? 2 : 3;
}

static void
test_demo_review_results_ranked(void **state)
{
	static const char *const grades[] = { "好", "较好", "一般", "差" };
	int count[4] = { 0 };
	long long prev = 1001, poor_org = 0, poor_score = 0, rank = 0;
	json_t *j, *it, *f;
	size_t i, c;

	(void)state;
	json_decref(last_years_round());
	j = get("/api/v1/reviews/%lld/results", round_id);
	assert_int_equal(json_array_size(json_object_get(j, "items")), SUBJECTS);
	json_array_foreach(json_object_get(j, "items"), i, it) {
		int g = -1;

		for (int k = 0; k < 4; k++)
			if (!strcmp(str(it, "grade"), grades[k]))
				g = k;
		assert_true(g >= 0);
		count[g]++;
		/* Ranked by score; the grade is the band (EVAL-02). */
		assert_true(tenths(it, "score") <= prev);
		/* Ties share a rank, and the next rank skips (1, 1, 3). */
		rank = tenths(it, "score") == prev ? rank : (long long)i + 1;
		prev = tenths(it, "score");
		assert_int_equal(num(it, "rank"), rank);
		assert_int_equal(g, band(prev));
		/* The first eight score everyone but themselves. */
		assert_true(num(it, "ballots") == DISTRICT + SECRETARIES + MEMBERS ||
		    num(it, "ballots") == DISTRICT + SECRETARIES - 1 + MEMBERS);
		/* 一般 and 差: a talk and a rectification finding (EVAL-03). */
		assert_int_equal(num(it, "talk_id") > 0, g >= 2);
		assert_int_equal(num(it, "finding_id") > 0, g >= 2);
		if (g < 2)
			continue;
		f = get("/api/v1/findings/%lld", num(it, "finding_id"));
		assert_string_equal(str(f, "source"), "review");
		assert_int_equal(num(f, "org_id"), num(it, "org_id"));
		json_decref(f);
		if (g == 3) {
			poor_org = num(it, "org_id");
			poor_score = prev;
		}
	}
	json_decref(j);
	assert_int_equal(count[2], 1);
	assert_int_equal(count[3], 1);
	assert_int_equal(count[0] + count[1], SUBJECTS - 2);
	assert_true(count[0] >= 1 && count[1] >= 1);
	j = get("/api/v1/reviews/talks?round_id=%lld", round_id);
	assert_int_equal(json_array_size(json_object_get(j, "items")), 2);
	json_decref(j);
	/* Generated before last year's assessment, which counts it. */
	j = get("/api/v1/assessments?year=%d&per_page=100", year);
	prev = -1;
	json_array_foreach(json_object_get(j, "items"), i, it)
		if (num(it, "org_id") == poor_org)
			json_array_foreach(json_object_get(it, "components"), c, f)
				if (!strcmp(str(f, "component"), "review"))
					prev = tenths(f, "value");
	json_decref(j);
	assert_int_equal(prev, poor_score);
}

/* Same database, same today: the same round (scores and grades). */
static void
test_demo_review_deterministic(void **state)
{
	struct srv s2;
	struct client b;
	json_t *j, *k;
	char *x, *y;

	(void)state;
	json_decref(last_years_round());
	j = get("/api/v1/reviews/%lld/results", round_id);
	assert_int_equal(srv_start(&s2, 1, NULL), 0);
	client_init(&b, &s2);
	api_admin(&b, ADMIN_PW);
	k = NULL;
	{
		char path[96];

		snprintf(path, sizeof(path), "/api/v1/reviews/%lld/results", round_id);
		assert_int_equal(api_call(&b, "GET", path, NULL, &k), 200);
	}
	x = json_dumps(json_object_get(j, "items"), JSON_SORT_KEYS);
	y = json_dumps(json_object_get(k, "items"), JSON_SORT_KEYS);
	assert_string_equal(x, y);
	free(x);
	free(y);
	json_decref(j);
	json_decref(k);
	client_release(&b);
	srv_stop(&s2);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_demo_review_accounts),
		cmocka_unit_test(test_demo_review_round_published),
		cmocka_unit_test(test_demo_review_results_ranked),
		cmocka_unit_test(test_demo_review_deterministic),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}

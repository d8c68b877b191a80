/* test_api_principal_sheets.c: the principal-tenure indicator systems
 * (issue 13 item 6; PRIN-01, PRIN-07, PRIN-08) over real HTTP: the three
 * shipped sheets listed and readable by district staff, filtered by kind
 * and stage, each worth 100 points on the seven areas; the score
 * calculator with state and progress, per-area totals, veto → 不合格;
 * the stage validated on create and patch with nothing changed. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api.h"
#include "db/db.h"

#define ADMIN_PW "Hongyan#Admin2026"
#define SYS "/api/v1/indicator-systems"

static struct srv S;
static struct client D;		/* district staff (quwei01) */

static long long
q1(const char *sql, long long arg)
{
	struct db *db;
	int64_t v = -1;

	assert_int_equal(db_open(S.db, 0, &db), 0);
	if (db_get_i64(db, &v, sql, DB_I64(arg), DB_END))
		v = -1;
	db_close(db);
	return v;
}

static int
setup(void **state)
{
	(void)state;
	if (srv_start(&S, 0, NULL))
		return -1;
	client_init(&D, &S);
	api_admin(&D, ADMIN_PW);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
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

static long long
sheet_id(const char *stage)
{
	char path[128];
	json_t *j = NULL;
	long long id;

	snprintf(path, sizeof(path), SYS "?kind=principal_tenure&stage=%s", stage);
	assert_int_equal(api_call(&D, "GET", path, NULL, &j), 200);
	assert_int_equal(json_integer_value(json_object_get(j, "total")), 1);
	id = json_integer_value(json_object_get(json_array_get(json_object_get(j, "items"), 0),
	    "id"));
	json_decref(j);
	return id;
}

/* The tree of one shipped sheet: seven areas of 100 points, developmental
 * items, the satisfaction area a survey item, veto items. */
static void
check_tree(long long id, const char *stage)
{
	json_t *j = NULL, *it;
	char path[96];
	double sum = 0;
	int areas = 0, dev = 0, survey = 0, veto = 0;
	size_t i;

	snprintf(path, sizeof(path), SYS "/%lld/indicators", id);
	assert_int_equal(api_call(&D, "GET", path, NULL, &j), 200);
	assert_string_equal(str(json_object_get(j, "system"), "stage"), stage);
	assert_string_equal(str(json_object_get(j, "system"), "status"), "published");
	json_array_foreach(json_object_get(j, "items"), i, it) {
		dev += json_is_true(json_object_get(it, "developmental"));
		survey += json_is_true(json_object_get(it, "survey"));
		veto += json_is_true(json_object_get(it, "veto"));
		if (json_integer_value(json_object_get(it, "level")) == 1 &&
		    !json_is_true(json_object_get(it, "veto"))) {
			areas++;
			sum += json_number_value(json_object_get(it, "max_points"));
		}
	}
	assert_int_equal(areas, 7);
	assert_true(sum > 99.99 && sum < 100.01);
	assert_true(dev >= 5);
	assert_int_equal(survey, 1);
	assert_true(veto >= 3);
	json_decref(j);
}

static void
test_principal_sheets_listed_and_readable(void **state)
{
	static const char *const stages[] = { "kindergarten", "compulsory", "senior" };
	json_t *j = NULL, *it;
	size_t i;
	int seen = 0;

	(void)state;
	assert_int_equal(api_call(&D, "GET", SYS "?kind=principal_tenure", NULL, &j), 200);
	assert_int_equal(json_integer_value(json_object_get(j, "total")), 3);
	json_array_foreach(json_object_get(j, "items"), i, it) {
		assert_string_equal(str(it, "kind"), "principal_tenure");
		assert_true(strstr(str(it, "name"), "任期结束综合督导评估指标") != NULL);
		for (int k = 0; k < 3; k++)
			seen |= !strcmp(str(it, "stage"), stages[k]) << k;
	}
	assert_int_equal(seen, 7);
	json_decref(j);
	for (int k = 0; k < 3; k++)
		check_tree(sheet_id(stages[k]), stages[k]);
	/* The party-building sheets have no stage; a bad stage is named. */
	assert_int_equal(api_call(&D, "GET", SYS "?kind=clean_school", NULL, &j), 200);
	assert_true(json_is_null(json_object_get(json_array_get(json_object_get(j, "items"), 0),
	    "stage")));
	json_decref(j);
	assert_int_equal(api_call(&D, "GET", SYS "?stage=college", NULL, &j), 422);
	assert_true(api_has_field(j, "stage"));
	json_decref(j);
}

/* The items of the compulsory sheet scored: every leaf at full state,
 * developmental ones at full progress too, the survey area as a whole. */
static char *
full_scores(long long id, const char *extra)
{
	json_t *j = NULL, *it, *arr = json_array(), *body;
	const char *survey = "";
	char path[96], *out;
	size_t i;

	snprintf(path, sizeof(path), SYS "/%lld/indicators", id);
	assert_int_equal(api_call(&D, "GET", path, NULL, &j), 200);
	json_array_foreach(json_object_get(j, "items"), i, it) {
		json_t *next = json_array_get(json_object_get(j, "items"), i + 1);
		const char *code = str(it, "code");
		int leaf = !next || json_integer_value(json_object_get(next, "level")) <=
		    json_integer_value(json_object_get(it, "level"));

		if (json_is_true(json_object_get(it, "survey")))
			survey = code;
		else if (json_is_true(json_object_get(it, "veto")) || !leaf ||
		    (*survey && !strncmp(code, survey, strlen(survey)) && code[strlen(survey)] == '.'))
			continue;
		json_t *one = json_pack("{s:s, s:O}", "code", code, "points",
		    json_object_get(it, "max_points"));

		json_object_set_new(one, "progress", json_is_true(json_object_get(it,
		    "developmental")) ? json_deep_copy(json_object_get(it, "max_points")) :
		    json_integer(0));
		json_array_append_new(arr, one);
	}
	if (extra)
		json_array_append_new(arr, json_loads(extra, 0, NULL));
	body = json_pack("{s:o}", "scores", arr);
	out = json_dumps(body, 0);
	json_decref(body);
	json_decref(j);
	return out;
}

static void
test_principal_sheets_score_calculator(void **state)
{
	long long id = sheet_id("compulsory");
	char path[96], *body;
	json_t *j = NULL, *it;
	size_t i;
	int areas = 0;

	(void)state;
	snprintf(path, sizeof(path), SYS "/%lld/score", id);
	body = full_scores(id, NULL);
	assert_int_equal(api_call(&D, "POST", path, body, &j), 200);
	free(body);
	assert_true(json_number_value(json_object_get(j, "total")) == 100.0);
	assert_string_equal(str(j, "grade"), "优秀");
	json_array_foreach(json_object_get(j, "areas"), i, it)
		if (!json_is_true(json_object_get(it, "veto"))) {
			areas++;
			assert_true(json_number_value(json_object_get(it, "points")) ==
			    json_number_value(json_object_get(it, "max_points")));
		}
	assert_int_equal(areas, 7);
	json_decref(j);
	/* PRIN-07: 1.2.2 is developmental (2 points): state 2, progress 0 → 1.4. */
	body = full_scores(id, NULL);
	{
		char *p = strstr(body, "\"1.2.2\"");

		assert_non_null(p);
		p = strstr(p, "\"progress\": 2");
		assert_non_null(p);
		memcpy(p, "\"progress\": 0", 13);
	}
	assert_int_equal(api_call(&D, "POST", path, body, &j), 200);
	free(body);
	assert_true(json_number_value(json_object_get(j, "total")) > 99.39 &&
	    json_number_value(json_object_get(j, "total")) < 99.41);
	json_decref(j);
	/* A veto: 不合格 whatever the points. */
	body = full_scores(id, "{\"code\":\"8.1\",\"failed_veto\":true}");
	assert_int_equal(api_call(&D, "POST", path, body, &j), 200);
	free(body);
	assert_true(json_is_true(json_object_get(j, "vetoed")));
	assert_string_equal(str(j, "grade"), "不合格");
	json_decref(j);
	/* Progress on an item that is not developmental, a child of the
	 * survey area: both named. */
	assert_int_equal(api_call(&D, "POST", path, "{\"scores\":[{\"code\":\"1.1.1\",\"points\":3,"
	    "\"progress\":1},{\"code\":\"7.1.1\",\"points\":1}]}", &j), 422);
	assert_true(api_has_field(j, "scores[0].progress"));
	assert_true(api_has_field(j, "scores[1].code"));
	json_decref(j);
}

static void
test_principal_sheets_stage_validated(void **state)
{
	long long before = q1("SELECT COUNT(*) + ? FROM indicator_system", 0), id;
	json_t *j = NULL;
	char path[96];

	(void)state;
	assert_int_equal(api_call(&D, "POST", SYS, "{\"code\":\"q-stage\",\"name\":\"季度\","
	    "\"kind\":\"quarterly_inspection\",\"year\":2026,\"stage\":\"senior\"}", &j), 422);
	assert_true(api_has_field(j, "stage"));
	json_decref(j);
	assert_int_equal(api_call(&D, "POST", SYS, "{\"code\":\"p-stage\",\"name\":\"区级指标\","
	    "\"kind\":\"principal_tenure\",\"year\":2026,\"stage\":\"university\"}", &j), 422);
	assert_true(api_has_field(j, "stage"));
	json_decref(j);
	assert_int_equal(q1("SELECT COUNT(*) + ? FROM indicator_system", 0), before);
	/* A copy of a shipped sheet keeps its stage; a draft may change it. */
	snprintf(path, sizeof(path), "{\"from_id\":%lld,\"code\":\"district-senior\"}",
	    sheet_id("senior"));
	assert_int_equal(api_call(&D, "POST", SYS, path, &j), 201);
	assert_string_equal(str(j, "stage"), "senior");
	id = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	snprintf(path, sizeof(path), SYS "/%lld", id);
	assert_int_equal(api_call(&D, "PATCH", path, "{\"stage\":\"compulsory\"}", &j), 200);
	assert_string_equal(str(j, "stage"), "compulsory");
	json_decref(j);
	assert_int_equal(q1("SELECT COUNT(*) FROM audit WHERE entity = 'indicator_system'"
	    " AND entity_id = ?", id), 2);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_principal_sheets_listed_and_readable),
		cmocka_unit_test(test_principal_sheets_score_calculator),
		cmocka_unit_test(test_principal_sheets_stage_validated),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}

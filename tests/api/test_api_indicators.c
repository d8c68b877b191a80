/* test_api_indicators.c: indicator systems (评分细则, issue 4; CL-01,
 * EVAL-04) over real HTTP: the shipped sheets after init, a draft's tree
 * replaced and read back, bad input named with nothing changed, publishing
 * freezing the tree (409), copying into a new version, the score
 * calculator (bonus cap, veto, grade), the .xlsx export, roles and the
 * audit rows. */
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
#include "supervise/indicator_defaults.h"

#define ADMIN_PW "Hongyan#Admin2026"

static struct srv S;
static struct client A;		/* admin */
static struct client SA;	/* a school secretary: reads, may not write */

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

static void
secretary(struct client *c, const char *name, long long scope)
{
	char body[256];

	snprintf(body, sizeof(body), "{\"username\":\"%s\",\"role\":\"secretary\",\"scope\":[%lld]}",
	    name, scope);
	assert_int_equal(api_user_client(&A, c, body, name), 0);
}

static int
setup(void **state)
{
	long long school;

	(void)state;
	if (srv_start(&S, 1, NULL))
		return -1;
	client_init(&A, &S);
	api_admin(&A, ADMIN_PW);
	school = q1("SELECT MIN(id) FROM org WHERE kind = 'party_committee' AND id > ?", 0);
	secretary(&SA, "sec_ind", school);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	client_release(&A);
	client_release(&SA);
	srv_stop(&S);
	return 0;
}

static long long
create_draft(const char *code)
{
	json_t *j = NULL;
	char body[256];
	long long id;

	snprintf(body, sizeof(body), "{\"code\":\"%s\",\"name\":\"测试细则\",\"kind\":"
	    "\"quarterly_inspection\",\"year\":2026}", code);
	assert_int_equal(api_call(&A, "POST", "/api/v1/indicator-systems", body, &j), 201);
	assert_string_equal(json_string_value(json_object_get(j, "status")), "draft");
	id = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	return id;
}

/* 1 组织生活 {1.1 (6), 1.2 (4)}, 2 党费 (10) {2.1 (10)}, 3 加分 (5) {3.1 (4), 3.2 (4)},
 * 4 否决 {4.1}. */
static const char TREE[] = "{\"indicators\":["
	"{\"code\":\"1\",\"level\":1,\"name\":\"组织生活\",\"max_points\":10},"
	"{\"code\":\"1.1\",\"parent\":\"1\",\"level\":2,\"name\":\"三会一课\",\"max_points\":6,"
	"\"guidance\":\"缺一次扣1分\",\"evidence\":\"会议记录\"},"
	"{\"code\":\"1.2\",\"parent\":\"1\",\"level\":2,\"name\":\"主题党日\",\"max_points\":4,"
	"\"weight\":500},"
	"{\"code\":\"2\",\"level\":1,\"name\":\"党费\",\"max_points\":10},"
	"{\"code\":\"2.1\",\"parent\":\"2\",\"level\":2,\"name\":\"按月缴纳\",\"max_points\":10},"
	"{\"code\":\"3\",\"level\":1,\"name\":\"加分项\",\"max_points\":5,\"bonus\":true},"
	"{\"code\":\"3.1\",\"parent\":\"3\",\"level\":2,\"name\":\"经验推广\",\"max_points\":4,"
	"\"bonus\":true},"
	"{\"code\":\"3.2\",\"parent\":\"3\",\"level\":2,\"name\":\"获奖\",\"max_points\":4,"
	"\"bonus\":true},"
	"{\"code\":\"4\",\"level\":1,\"name\":\"一票否决\",\"max_points\":0,\"veto\":true},"
	"{\"code\":\"4.1\",\"parent\":\"4\",\"level\":2,\"name\":\"严重违纪\",\"max_points\":0,"
	"\"veto\":true}]}";

static void
test_indicators_defaults_installed(void **state)
{
	json_t *j = NULL, *it;
	long long id;
	size_t i;
	int l[4] = { 0 };

	(void)state;
	assert_int_equal(api_call(&SA, "GET", "/api/v1/indicator-systems?kind=clean_school", NULL,
	    &j), 200);
	assert_int_equal(json_integer_value(json_object_get(j, "total")), 1);
	it = json_array_get(json_object_get(j, "items"), 0);
	assert_string_equal(json_string_value(json_object_get(it, "status")), "published");
	id = json_integer_value(json_object_get(it, "id"));
	json_decref(j);
	{
		char path[96];

		snprintf(path, sizeof(path), "/api/v1/indicator-systems/%lld/indicators", id);
		assert_int_equal(api_call(&SA, "GET", path, NULL, &j), 200);
	}
	json_array_foreach(json_object_get(j, "items"), i, it)
		if (!json_is_true(json_object_get(it, "bonus")) &&
		    !json_is_true(json_object_get(it, "veto")))
			l[json_integer_value(json_object_get(it, "level"))]++;
	assert_int_equal(l[1], 6);
	assert_int_equal(l[2], 19);
	assert_int_equal(l[3], 58);
	json_decref(j);
	assert_int_equal(q1("SELECT COUNT(*) FROM indicator_system WHERE code = 'quarterly-inspection'"
	    " AND id > ?", 0), 1);
	/* Serving the same database again installs nothing twice. */
	assert_int_equal(srv_restart(&S, NULL), 0);
	assert_int_equal(q1("SELECT COUNT(*) FROM indicator_system WHERE id > ?", 0),
	    indicator_defaults_count());
	client_release(&A);
	client_init(&A, &S);
	api_admin(&A, ADMIN_PW);
}

static void
test_indicators_tree_roundtrip_and_bad_input(void **state)
{
	long long id = create_draft("t-tree"), n;
	char path[96];
	json_t *j = NULL;

	(void)state;
	snprintf(path, sizeof(path), "/api/v1/indicator-systems/%lld/indicators", id);
	assert_int_equal(api_call(&A, "PUT", path, TREE, &j), 200);
	assert_int_equal(json_array_size(json_object_get(j, "items")), 10);
	json_decref(j);
	assert_int_equal(api_call(&A, "GET", path, NULL, &j), 200);
	{
		json_t *x = json_array_get(json_object_get(j, "items"), 2);

		assert_string_equal(json_string_value(json_object_get(x, "code")), "1.2");
		assert_string_equal(json_string_value(json_object_get(x, "parent")), "1");
		assert_int_equal(json_integer_value(json_object_get(x, "weight")), 500);
		assert_true(json_real_value(json_object_get(x, "max_points")) == 4.0 ||
		    json_integer_value(json_object_get(x, "max_points")) == 4);
	}
	json_decref(j);
	n = q1("SELECT COUNT(*) FROM indicator WHERE system_id = ?", id);
	assert_int_equal(n, 10);
	/* Bad rows are named; nothing changes. */
	assert_int_equal(api_call(&A, "PUT", path, "{\"indicators\":["
	    "{\"code\":\"1\",\"level\":1,\"name\":\"甲\",\"max_points\":5},"
	    "{\"code\":\"1.1\",\"parent\":\"1\",\"level\":2,\"name\":\"乙\",\"max_points\":6},"
	    "{\"code\":\"1.2\",\"parent\":\"1\",\"level\":2,\"name\":\"丙\",\"max_points\":1.25}]}",
	    &j), 422);
	assert_true(api_has_field(j, "indicators[2].max_points"));
	json_decref(j);
	assert_int_equal(api_call(&A, "PUT", path, "{\"indicators\":["
	    "{\"code\":\"1\",\"level\":1,\"name\":\"甲\",\"max_points\":5},"
	    "{\"code\":\"1\",\"parent\":\"9\",\"level\":2,\"name\":\"\",\"max_points\":1}]}", &j),
	    422);
	assert_true(api_has_field(j, "indicators[1].code"));
	assert_true(api_has_field(j, "indicators[1].parent"));
	assert_true(api_has_field(j, "indicators[1].name"));
	json_decref(j);
	assert_int_equal(api_call(&A, "PUT", path, "{\"indicators\":["
	    "{\"code\":\"1\",\"level\":1,\"name\":\"甲\",\"max_points\":5},"
	    "{\"code\":\"1.1\",\"parent\":\"1\",\"level\":2,\"name\":\"乙\",\"max_points\":6}]}", &j),
	    422);
	assert_true(api_has_field(j, "indicators[0].max_points"));
	json_decref(j);
	assert_int_equal(api_call(&A, "PUT", path, "{\"items\":[]}", &j), 422);
	assert_true(api_has_field(j, "indicators"));
	json_decref(j);
	assert_int_equal(q1("SELECT COUNT(*) FROM indicator WHERE system_id = ?", id), 10);
	/* A secretary reads but may not write. */
	assert_int_equal(api_call(&SA, "PUT", path, TREE, NULL), 403);
	assert_int_equal(api_call(&SA, "POST", "/api/v1/indicator-systems",
	    "{\"code\":\"x\",\"name\":\"x\",\"kind\":\"clean_school\",\"year\":2026}", NULL), 403);
	assert_int_equal(api_call(&SA, "GET", path, NULL, NULL), 200);
}

static void
test_indicators_publish_freezes_and_copy_versions(void **state)
{
	long long id = create_draft("t-pub"), copy, audits;
	char path[96], tree[128], body[128];
	json_t *j = NULL;

	(void)state;
	snprintf(path, sizeof(path), "/api/v1/indicator-systems/%lld", id);
	snprintf(tree, sizeof(tree), "%s/indicators", path);
	/* An empty system cannot be published. */
	assert_int_equal(api_call(&A, "PATCH", path, "{\"status\":\"published\"}", &j), 422);
	assert_true(api_has_field(j, "status"));
	json_decref(j);
	assert_int_equal(api_call(&A, "PUT", tree, TREE, NULL), 200);
	audits = q1("SELECT COUNT(*) FROM audit WHERE entity = 'indicator_system'"
	    " AND entity_id = ?", id);
	assert_int_equal(api_call(&A, "PATCH", path, "{\"status\":\"published\",\"year\":2027}", &j),
	    200);
	assert_string_equal(json_string_value(json_object_get(j, "status")), "published");
	assert_int_equal(json_integer_value(json_object_get(j, "year")), 2027);
	json_decref(j);
	assert_int_equal(q1("SELECT COUNT(*) FROM audit WHERE entity = 'indicator_system'"
	    " AND entity_id = ?", id), audits + 1);
	assert_int_equal(api_call(&A, "PUT", tree, "{\"indicators\":[]}", &j), 409);
	assert_string_equal(json_string_value(json_object_get(json_object_get(j, "error"),
	    "message")), "已发布的评分细则不能修改，请复制为新版本");
	json_decref(j);
	assert_int_equal(api_call(&A, "PATCH", path, "{\"name\":\"改名\"}", NULL), 409);
	assert_int_equal(q1("SELECT COUNT(*) FROM indicator WHERE system_id = ?", id), 10);
	/* A copy is the next version, a draft with the same tree. */
	snprintf(body, sizeof(body), "{\"from_id\":%lld,\"year\":2028}", id);
	assert_int_equal(api_call(&A, "POST", "/api/v1/indicator-systems", body, &j), 201);
	assert_int_equal(json_integer_value(json_object_get(j, "version")), 2);
	assert_string_equal(json_string_value(json_object_get(j, "code")), "t-pub");
	assert_string_equal(json_string_value(json_object_get(j, "status")), "draft");
	copy = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	assert_int_equal(q1("SELECT COUNT(*) FROM indicator WHERE system_id = ?", copy), 10);
	assert_int_equal(api_call(&A, "POST", "/api/v1/indicator-systems", "{\"from_id\":999999}", &j),
	    422);
	assert_true(api_has_field(j, "from_id"));
	json_decref(j);
	assert_int_equal(api_call(&A, "POST", "/api/v1/indicator-systems",
	    "{\"code\":\"z\",\"name\":\"z\",\"kind\":\"nope\",\"year\":2026}", &j), 422);
	assert_true(api_has_field(j, "kind"));
	json_decref(j);
	assert_int_equal(api_call(&A, "GET", "/api/v1/indicator-systems/999999", NULL, NULL), 404);
}

static json_t *
score(long long id, const char *body, long want)
{
	char path[96];
	json_t *j = NULL;

	snprintf(path, sizeof(path), "/api/v1/indicator-systems/%lld/score", id);
	assert_int_equal(api_call(&SA, "POST", path, body, &j), want);
	return j;
}

static void
test_indicators_score_calculator(void **state)
{
	long long id = create_draft("t-score");
	char tree[96];
	json_t *j;

	(void)state;
	snprintf(tree, sizeof(tree), "/api/v1/indicator-systems/%lld/indicators", id);
	assert_int_equal(api_call(&A, "PUT", tree, TREE, NULL), 200);
	/* 6 + 3.5×0.5 (1.75 → 1.8) + 9.5 = 17.3; bonus 8 capped at 5. */
	j = score(id, "{\"scores\":[{\"code\":\"1.1\",\"points\":6},{\"code\":\"1.2\","
	    "\"points\":3.5},{\"code\":\"2.1\",\"points\":9.5},{\"code\":\"3.1\",\"points\":4},"
	    "{\"code\":\"3.2\",\"points\":4}]}", 200);
	assert_true(json_number_value(json_object_get(j, "base")) > 17.29 &&
	    json_number_value(json_object_get(j, "base")) < 17.31);
	assert_true(json_number_value(json_object_get(j, "bonus")) == 5.0);
	assert_true(json_number_value(json_object_get(j, "total")) > 22.29 &&
	    json_number_value(json_object_get(j, "total")) < 22.31);
	assert_false(json_is_true(json_object_get(j, "vetoed")));
	assert_string_equal(json_string_value(json_object_get(j, "grade")), "较差");
	json_decref(j);
	j = score(id, "{\"scores\":[{\"code\":\"1.1\",\"points\":6},{\"code\":\"4.1\","
	    "\"points\":0,\"failed_veto\":true}]}", 200);
	assert_true(json_is_true(json_object_get(j, "vetoed")));
	assert_true(json_number_value(json_object_get(j, "total")) == 0.0);
	json_decref(j);
	j = score(id, "{\"scores\":[{\"code\":\"1.1\",\"points\":6.5},{\"code\":\"9\",\"points\":1},"
	    "{\"code\":\"1.2\",\"failed_veto\":true}]}", 422);
	assert_true(api_has_field(j, "scores[0].points"));
	assert_true(api_has_field(j, "scores[1].code"));
	assert_true(api_has_field(j, "scores[2].failed_veto"));
	json_decref(j);
	j = score(id, "{\"scores\":[{\"code\":\"2.1\",\"points\":1.25}]}", 422);
	assert_true(api_has_field(j, "scores[0].points"));
	json_decref(j);
	/* Issue 11: a parent's score was taken and left out of the total
	 * (scores on 1 and its leaf 1.1 gave 6.0); only leaves are scored. */
	j = score(id, "{\"scores\":[{\"code\":\"1\",\"points\":5},{\"code\":\"1.1\","
	    "\"points\":6}]}", 422);
	assert_true(api_has_field(j, "scores[0].code"));
	assert_false(api_has_field(j, "scores[1].code"));
	json_decref(j);
	/* An unknown key beside the array is named, not the array. */
	j = score(id, "{\"scores\":[{\"code\":\"1.1\",\"points\":6}],\"round\":\"half_up\"}",
	    422);
	assert_true(api_has_field(j, "round"));
	assert_false(api_has_field(j, "scores"));
	json_decref(j);
	assert_int_equal(api_call(&A, "PUT", tree, "{\"indicators\":[],\"note\":\"改\"}", &j), 422);
	assert_true(api_has_field(j, "note"));
	assert_false(api_has_field(j, "indicators"));
	json_decref(j);
	j = score(id, "{\"round\":\"half_up\"}", 422);
	assert_true(api_has_field(j, "round") && api_has_field(j, "scores"));
	json_decref(j);
}

static void
test_indicators_xlsx_export(void **state)
{
	long long id = q1("SELECT id FROM indicator_system WHERE code = 'clean-school' AND id > ?",
	    0);
	char path[96], headers[2048] = "";
	long st;

	(void)state;
	snprintf(path, sizeof(path), "/api/v1/indicator-systems/%lld.xlsx", id);
	st = api_call_h(&SA, "GET", path, NULL, NULL, headers, sizeof(headers));
	assert_int_equal(st, 200);
	assert_non_null(strstr(headers, "spreadsheetml"));
	assert_non_null(strstr(headers, "indicators-clean-school-v1.xlsx"));
	assert_int_equal(api_call(&SA, "GET", "/api/v1/indicator-systems/999999.xlsx", NULL, NULL),
	    404);
	/* The export is audited (SEC-06), once. */
	assert_int_equal(q1("SELECT COUNT(*) FROM audit WHERE entity = 'indicator_system' AND"
	    " action = 'export' AND entity_id = ?", id), 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_indicators_defaults_installed),
		cmocka_unit_test(test_indicators_tree_roundtrip_and_bad_input),
		cmocka_unit_test(test_indicators_publish_freezes_and_copy_versions),
		cmocka_unit_test(test_indicators_score_calculator),
		cmocka_unit_test(test_indicators_xlsx_export),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}

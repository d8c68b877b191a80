/* test_api_roles.c: what each role sees and may do (issue 2, "Roles and
 * scopes"), member transfers kept as history, schools, logout, disabling
 * users, and the console's static files. */
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

static struct srv S;
static struct client A;	/* admin */

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

/* The first item of a list answer, as an integer field. */
static long long
first_int(const char *path, const char *field)
{
	json_t *j = NULL;
	long long v;

	assert_int_equal(api_call(&A, "GET", path, NULL, &j), 200);
	v = json_integer_value(json_object_get(json_array_get(json_object_get(j, "items"), 0), field));
	json_decref(j);
	assert_true(v > 0);
	return v;
}

/* Creates a user through the API and logs a client in with a changed password. */
static void
user_client(struct client *c, const char *body, const char *name)
{
	assert_int_equal(api_user_client(&A, c, body, name), 0);
}

static void
test_roles_member_sees_only_self(void **state)
{
	struct client m;
	json_t *j = NULL;
	long long me, other;
	char body[256], path[64];

	(void)state;
	me = first_int("/api/v1/members?sort=id", "id");
	other = first_int("/api/v1/members?sort=-id", "id");
	snprintf(body, sizeof(body), "{\"username\":\"member1\",\"role\":\"member\",\"member_id\":%lld}",
	    me);
	user_client(&m, body, "member1");
	assert_int_equal(api_call(&m, "GET", "/api/v1/members", NULL, &j), 200);
	assert_int_equal(json_integer_value(json_object_get(j, "total")), 1);
	json_decref(j);
	snprintf(path, sizeof(path), "/api/v1/members/%lld", me);
	assert_int_equal(api_call(&m, "GET", path, NULL, &j), 200);
	/* Their own detail is whole (issue 2: shown to the member). */
	assert_null(strchr(json_string_value(json_object_get(j, "id_card")), '*'));
	json_decref(j);
	snprintf(path, sizeof(path), "/api/v1/members/%lld", other);
	assert_int_equal(api_call(&m, "GET", path, NULL, NULL), 404);
	snprintf(path, sizeof(path), "/api/v1/members/%lld", me);
	assert_int_equal(api_call(&m, "PATCH", path, "{\"post\":\"改\"}", NULL), 403);
	/* Organizations: their own branch (and its groups) only. */
	assert_int_equal(api_call(&m, "GET", "/api/v1/orgs", NULL, &j), 200);
	assert_string_equal(json_string_value(json_object_get(json_array_get(json_object_get(j,
	    "items"), 0), "kind")), "branch");
	for (size_t i = 1; i < json_array_size(json_object_get(j, "items")); i++)
		assert_string_equal(json_string_value(json_object_get(json_array_get(
		    json_object_get(j, "items"), i), "kind")), "group");
	json_decref(j);
	assert_int_equal(api_call(&m, "GET", "/api/v1/audit", NULL, NULL), 403);
	client_release(&m);
}

static void
test_roles_principal_reads_masked(void **state)
{
	struct client p;
	json_t *j = NULL, *it;
	long long pc, mid;
	char body[256], path[96];
	size_t i;

	(void)state;
	assert_int_equal(api_call(&A, "GET", "/api/v1/orgs", NULL, &j), 200);
	pc = 0;
	json_array_foreach(json_object_get(j, "items"), i, it)
		if (!pc && !strcmp(json_string_value(json_object_get(it, "kind")), "party_committee"))
			pc = json_integer_value(json_object_get(it, "id"));
	json_decref(j);
	snprintf(path, sizeof(path), "/api/v1/members?org_id=%lld", pc);
	mid = first_int(path, "id");
	snprintf(body, sizeof(body), "{\"username\":\"principal1\",\"role\":\"principal\",\"scope\":[%lld]}",
	    pc);
	user_client(&p, body, "principal1");
	snprintf(path, sizeof(path), "/api/v1/members/%lld", mid);
	assert_int_equal(api_call(&p, "GET", path, NULL, &j), 200);
	assert_non_null(strstr(json_string_value(json_object_get(j, "id_card")), "********"));
	json_decref(j);
	assert_int_equal(api_call(&p, "PATCH", path, "{\"post\":\"改\"}", NULL), 403);
	/* One school: every school the principal sees is theirs. */
	assert_int_equal(api_call(&p, "GET", "/api/v1/schools", NULL, &j), 200);
	assert_int_equal(json_integer_value(json_object_get(j, "total")), 1);
	json_decref(j);
	assert_int_equal(api_call(&p, "POST", "/api/v1/schools",
	    "{\"name\":\"越权学校\",\"stage\":\"primary\",\"ownership\":\"public\"}", NULL), 403);
	client_release(&p);
}

static void
test_roles_transfer_kept_as_history(void **state)
{
	json_t *j = NULL, *h;
	long long mid, from, to;
	char body[128], path[64];

	(void)state;
	mid = first_int("/api/v1/members?sort=id", "id");
	from = first_int("/api/v1/members?sort=id", "org_id");
	to = first_int("/api/v1/members?sort=-id", "org_id");
	assert_true(from != to);
	snprintf(path, sizeof(path), "/api/v1/members/%lld", mid);
	snprintf(body, sizeof(body), "{\"org_id\":%lld}", to);
	assert_int_equal(api_call(&A, "PATCH", path, body, &j), 200);
	assert_int_equal(json_integer_value(json_object_get(j, "org_id")), to);
	json_decref(j);
	assert_int_equal(api_call(&A, "GET", path, NULL, &j), 200);
	h = json_array_get(json_object_get(j, "org_history"), 0);
	assert_int_equal(json_integer_value(json_object_get(h, "from_org_id")), from);
	assert_int_equal(json_integer_value(json_object_get(h, "to_org_id")), to);
	json_decref(j);
	snprintf(path, sizeof(path), "/api/v1/audit?entity=member&entity_id=%lld", mid);
	assert_int_equal(api_call(&A, "GET", path, NULL, &j), 200);
	assert_true(json_integer_value(json_object_get(j, "total")) >= 1);
	json_decref(j);
}

static void
test_roles_schools_crud(void **state)
{
	json_t *j = NULL;
	char path[64];
	long long id;

	(void)state;
	assert_int_equal(api_call(&A, "POST", "/api/v1/schools",
	    "{\"name\":\"红岩测试小学\",\"stage\":\"primary\",\"ownership\":\"public\","
	    "\"education_group\":\"测试集团\"}", &j), 201);
	id = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	assert_int_equal(api_call(&A, "POST", "/api/v1/schools",
	    "{\"name\":\"红岩测试小学\",\"stage\":\"primary\",\"ownership\":\"public\"}", &j), 409);
	assert_true(api_has_field(j, "name"));
	json_decref(j);
	assert_int_equal(api_call(&A, "POST", "/api/v1/schools",
	    "{\"name\":\"\",\"stage\":\"college\",\"ownership\":\"state\"}", &j), 422);
	assert_true(api_has_field(j, "name") && api_has_field(j, "stage") &&
	    api_has_field(j, "ownership"));
	json_decref(j);
	snprintf(path, sizeof(path), "/api/v1/schools/%lld", id);
	assert_int_equal(api_call(&A, "PATCH", path, "{\"stage\":\"nine_year\"}", &j), 200);
	assert_string_equal(json_string_value(json_object_get(j, "stage")), "nine_year");
	assert_string_equal(json_string_value(json_object_get(j, "name")), "红岩测试小学");
	json_decref(j);
	assert_int_equal(api_call(&A, "GET", "/api/v1/schools?q=测试小&sort=-name", NULL, &j), 200);
	assert_int_equal(json_integer_value(json_object_get(j, "total")), 1);
	json_decref(j);
	assert_int_equal(api_call(&A, "GET", "/api/v1/schools?sort=secret", NULL, &j), 422);
	assert_true(api_has_field(j, "sort"));
	json_decref(j);
	assert_int_equal(api_call(&A, "PUT", path, "{}", &j), 405);
	json_decref(j);
}

static void
test_roles_disable_ends_sessions_and_logout(void **state)
{
	struct client u, sec;
	json_t *j = NULL;
	char path[64];
	long long id;

	(void)state;
	client_init(&sec, &S);
	api_security_admin(&sec);	/* accounts are the security administrator's (SEC-05) */
	user_client(&u, "{\"username\":\"district1\",\"role\":\"district\"}", "district1");
	assert_int_equal(api_call(&u, "GET", "/api/v1/audit?per_page=1", NULL, NULL), 200);
	assert_int_equal(api_call(&u, "GET", "/api/v1/users", NULL, NULL), 403);
	assert_int_equal(api_call(&sec, "GET", "/api/v1/users?per_page=100", NULL, &j), 200);
	id = json_integer_value(json_object_get(json_array_get(json_object_get(j, "items"),
	    json_array_size(json_object_get(j, "items")) - 1), "id"));
	json_decref(j);
	snprintf(path, sizeof(path), "/api/v1/users/%lld", id);
	assert_int_equal(api_call(&sec, "PATCH", path, "{\"disabled\":true}", &j), 200);
	assert_true(json_is_true(json_object_get(j, "disabled")));
	json_decref(j);
	assert_int_equal(api_signed_in(&u), 0);
	assert_int_equal(api_login(&u, "district1", "New#Pass2026x"), 401);
	client_release(&u);
	/* No administrator account, the caller's own included, changes here
	 * (SEC-05: the CLI manages them): secadmin is user 2. */
	assert_int_equal(api_call(&sec, "PATCH", "/api/v1/users/2", "{\"disabled\":true}", &j), 403);
	json_decref(j);
	client_release(&sec);
	/* Logout ends the session. */
	client_init(&u, &S);
	assert_int_equal(api_login(&u, API_DISTRICT_USER, ADMIN_PW), 200);
	assert_int_equal(api_call(&u, "DELETE", "/api/v1/session", NULL, NULL), 200);
	assert_int_equal(api_signed_in(&u), 0);
	client_release(&u);
}

static void
test_roles_static_console(void **state)
{
	char hdr[2048];

	(void)state;
	assert_int_equal(api_call_h(&A, "GET", "/", NULL, NULL, hdr, sizeof(hdr)), 200);
	assert_non_null(strstr(hdr, "text/html"));
	/* Console routes fall back to the app shell; traversal and unknown files do not. */
	assert_int_equal(api_call(&A, "GET", "/members/42", NULL, NULL), 200);
	assert_int_equal(api_call(&A, "GET", "/../Makefile", NULL, NULL), 404);
	assert_int_equal(api_call(&A, "GET", "/%2e%2e/Makefile", NULL, NULL), 404);
	assert_int_equal(api_call(&A, "GET", "/nope.php", NULL, NULL), 404);
}

/* Lists are cached per worker for one database generation: a write through
 * the API, or straight into the database file by another process, shows at
 * once (HONGYAN_LIST_CACHE; http/cache.h). */
static void
test_roles_list_cache_sees_every_write(void **state)
{
	json_t *j = NULL;
	char path[160], body[128];
	long long id;
	struct db *db;

	(void)state;
	id = first_int("/api/v1/members?sort=id", "id");
	for (int i = 0; i < 4; i++) {	/* warm both workers' caches */
		assert_int_equal(api_call(&A, "GET", "/api/v1/members?q=缓存检验", NULL, &j), 200);
		assert_int_equal(json_integer_value(json_object_get(j, "total")), 0);
		json_decref(j);
	}
	snprintf(path, sizeof(path), "/api/v1/members/%lld", id);
	assert_int_equal(api_call(&A, "PATCH", path, "{\"name\":\"缓存检验甲\"}", NULL), 200);
	for (int i = 0; i < 4; i++) {
		assert_int_equal(api_call(&A, "GET", "/api/v1/members?q=缓存检验", NULL, &j), 200);
		assert_int_equal(json_integer_value(json_object_get(j, "total")), 1);
		json_decref(j);
	}
	/* Warm the caches with the answers the next write must change. */
	assert_int_equal(api_call(&A, "GET", "/api/v1/members?q=缓存检验乙", NULL, &j), 200);
	assert_int_equal(json_integer_value(json_object_get(j, "total")), 0);
	json_decref(j);
	assert_int_equal(api_call(&A, "GET", "/api/v1/members?q=缓存检验甲", NULL, &j), 200);
	assert_int_equal(json_integer_value(json_object_get(j, "total")), 1);
	json_decref(j);
	assert_int_equal(db_open(S.db, 0, &db), ERR_OK);
	snprintf(body, sizeof(body), "UPDATE member SET name = '缓存检验乙' WHERE id = %lld", id);
	assert_int_equal(db_exec(db, body, DB_END), ERR_OK);
	db_close(db);
	for (int i = 0; i < 4; i++) {
		assert_int_equal(api_call(&A, "GET", "/api/v1/members?q=缓存检验乙", NULL, &j), 200);
		assert_int_equal(json_integer_value(json_object_get(j, "total")), 1);
		json_decref(j);
		assert_int_equal(api_call(&A, "GET", "/api/v1/members?q=缓存检验甲", NULL, &j), 200);
		assert_int_equal(json_integer_value(json_object_get(j, "total")), 0);
		json_decref(j);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_roles_member_sees_only_self),
		cmocka_unit_test(test_roles_principal_reads_masked),
		cmocka_unit_test(test_roles_transfer_kept_as_history),
		cmocka_unit_test(test_roles_schools_crud),
		cmocka_unit_test(test_roles_disable_ends_sessions_and_logout),
		cmocka_unit_test(test_roles_static_console),
		cmocka_unit_test(test_roles_list_cache_sees_every_write),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}

/* test_api_foundation.c: the foundation's API over real HTTP against the
 * real binary on a demo database (issue 2): sessions, CSRF, password
 * policy, lockout, expiry, schools, orgs, members, users, scope, audit. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "api.h"
#include "db/db.h"

#define ADMIN_PW "Hongyan#Admin2026"

static struct srv S;

static int
setup(void **state)
{
	(void)state;
	return srv_start(&S, 1, NULL);
}

static int
teardown(void **state)
{
	(void)state;
	srv_stop(&S);
	return 0;
}

/* The id of the first organization of kind (in tree order), after skip others. */
static long long
org_of_kind(struct client *c, const char *kind, int skip)
{
	json_t *j = NULL, *it;
	size_t i;
	long long id = 0;

	assert_int_equal(api_call(c, "GET", "/api/v1/orgs", NULL, &j), 200);
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
count_members(struct client *c)
{
	json_t *j = NULL;
	long long n;

	assert_int_equal(api_call(c, "GET", "/api/v1/members?state=all&per_page=1", NULL, &j), 200);
	n = json_integer_value(json_object_get(j, "total"));
	json_decref(j);
	return n;
}

static void
test_api_health_and_metrics(void **state)
{
	struct client c;
	json_t *j = NULL;

	(void)state;
	client_init(&c, &S);
	assert_int_equal(api_call(&c, "GET", "/healthz", NULL, NULL), 200);
	/* No --metrics-token configured: /metrics does not exist (test_api_flood). */
	assert_int_equal(api_call(&c, "GET", "/metrics", NULL, NULL), 404);
	assert_int_equal(api_call(&c, "GET", "/api/v1/members", NULL, &j), 401);
	assert_string_equal(api_code(j), "unauthenticated");
	json_decref(j);
	assert_int_equal(api_call(&c, "GET", "/api/v1/nope", NULL, NULL), 404);
	client_release(&c);
}

static void
test_api_forced_password_change(void **state)
{
	struct client c;
	json_t *j = NULL;
	char body[256];

	(void)state;
	client_init(&c, &S);
	assert_int_equal(api_login(&c, API_DISTRICT_USER, S.district_pw), 200);
	assert_int_equal(api_call(&c, "GET", "/api/v1/orgs", NULL, &j), 403);
	assert_string_equal(api_code(j), "password_change_required");
	json_decref(j);
	/* The policy (SEC-01): too short, and too few classes. */
	snprintf(body, sizeof(body), "{\"old_password\":\"%s\",\"new_password\":\"short\"}", S.district_pw);
	assert_int_equal(api_call(&c, "POST", "/api/v1/session/password", body, &j), 422);
	assert_true(api_has_field(j, "new_password"));
	json_decref(j);
	snprintf(body, sizeof(body), "{\"old_password\":\"%s\",\"new_password\":\"alllowercase1\"}",
	    S.district_pw);
	assert_int_equal(api_call(&c, "POST", "/api/v1/session/password", body, &j), 422);
	json_decref(j);
	/* Reuse of the current password is refused (history). */
	snprintf(body, sizeof(body), "{\"old_password\":\"%s\",\"new_password\":\"%s\"}", S.district_pw,
	    S.district_pw);
	assert_int_equal(api_call(&c, "POST", "/api/v1/session/password", body, &j), 422);
	json_decref(j);
	snprintf(body, sizeof(body), "{\"old_password\":\"%s\",\"new_password\":\"%s\"}", S.district_pw,
	    ADMIN_PW);
	assert_int_equal(api_call(&c, "POST", "/api/v1/session/password", body, &j), 200);
	assert_false(json_is_true(json_object_get(json_object_get(j, "user"), "must_change_password")));
	json_decref(j);
	assert_int_equal(api_call(&c, "GET", "/api/v1/orgs", NULL, NULL), 200);
	client_release(&c);
}

static void
test_api_csrf_required(void **state)
{
	struct client c;
	json_t *j = NULL;

	(void)state;
	client_init(&c, &S);
	api_admin(&c, ADMIN_PW);
	c.csrf[0] = '\0';
	assert_int_equal(api_call(&c, "POST", "/api/v1/schools",
	    "{\"name\":\"CSRF学校\",\"stage\":\"primary\",\"ownership\":\"public\"}", &j), 403);
	assert_string_equal(api_code(j), "csrf");
	json_decref(j);
	api_admin(&c, ADMIN_PW);
	assert_int_equal(api_call(&c, "GET", "/api/v1/schools?q=CSRF", NULL, &j), 200);
	assert_int_equal(json_integer_value(json_object_get(j, "total")), 0);
	json_decref(j);
	client_release(&c);
}

static void
test_api_bad_input_changes_nothing(void **state)
{
	struct client c;
	json_t *j = NULL;
	long long before, branch;
	char body[1024], *big;

	(void)state;
	client_init(&c, &S);
	api_admin(&c, ADMIN_PW);
	branch = org_of_kind(&c, "branch", 0);
	before = count_members(&c);
	assert_int_equal(api_call(&c, "POST", "/api/v1/members", "{\"name\":", &j), 400);
	assert_string_equal(api_code(j), "invalid_json");
	json_decref(j);
	assert_int_equal(api_call(&c, "POST", "/api/v1/members", "[1,2]", &j), 400);
	json_decref(j);
	snprintf(body, sizeof(body), "{\"org_id\":%lld,\"name\":\"测试\",\"gender\":\"female\","
	    "\"category\":\"in_service\",\"status\":\"probationary\",\"joined_on\":\"2020-07-01\","
	    "\"id_card\":\"110105194912310021\"}", branch);
	assert_int_equal(api_call(&c, "POST", "/api/v1/members", body, &j), 422);
	assert_true(api_has_field(j, "id_card"));
	json_decref(j);
	assert_int_equal(api_call(&c, "POST", "/api/v1/members",
	    "{\"org_id\":\"x\",\"name\":12,\"gender\":\"x\",\"surprise\":1,"
	    "\"joined_on\":\"2020-02-30\"}", &j), 422);
	assert_true(api_has_field(j, "org_id") && api_has_field(j, "name") &&
	    api_has_field(j, "gender") && api_has_field(j, "surprise") &&
	    api_has_field(j, "joined_on") && api_has_field(j, "category"));
	json_decref(j);
	snprintf(body, sizeof(body), "{\"org_id\":%lld,\"name\":\"%s\",\"gender\":\"female\","
	    "\"category\":\"in_service\",\"status\":\"probationary\",\"joined_on\":\"2020-07-01\"}",
	    branch, "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四");
	assert_int_equal(api_call(&c, "POST", "/api/v1/members", body, &j), 422);
	assert_true(api_has_field(j, "name"));
	json_decref(j);
	big = malloc(2 << 20);
	memset(big, ' ', 2 << 20);
	big[(2 << 20) - 1] = '\0';
	assert_int_equal(api_call(&c, "POST", "/api/v1/members", big, &j), 413);
	assert_string_equal(api_code(j), "too_large");
	json_decref(j);
	free(big);
	assert_int_equal(api_call(&c, "GET", "/api/v1/members/99999999", NULL, &j), 404);
	json_decref(j);
	assert_int_equal(api_call(&c, "GET", "/api/v1/members?per_page=1000", NULL, &j), 422);
	assert_true(api_has_field(j, "per_page"));
	json_decref(j);
	assert_int_equal(count_members(&c), before);
	client_release(&c);
}

static void
test_api_org_tree_rules(void **state)
{
	struct client c;
	json_t *j = NULL;
	long long pc = 0, pc2, br, grp, school;
	char body[512], path[64];

	(void)state;
	client_init(&c, &S);
	api_admin(&c, ADMIN_PW);
	pc = org_of_kind(&c, "party_committee", 0);
	pc2 = org_of_kind(&c, "party_committee", 1);
	/* A group may not sit under a party committee. */
	snprintf(body, sizeof(body), "{\"name\":\"错误小组\",\"kind\":\"group\",\"parent_id\":%lld}", pc);
	assert_int_equal(api_call(&c, "POST", "/api/v1/orgs", body, &j), 422);
	assert_true(api_has_field(j, "parent_id"));
	json_decref(j);
	snprintf(body, sizeof(body), "{\"name\":\"新建测试党支部\",\"kind\":\"branch\",\"parent_id\":%lld,"
	    "\"basis\":\"数学学科\",\"term_years\":3}", pc);
	assert_int_equal(api_call(&c, "POST", "/api/v1/orgs", body, &j), 201);
	br = json_integer_value(json_object_get(j, "id"));
	assert_string_equal(json_string_value(json_object_get(j, "basis")), "数学学科");
	json_decref(j);
	snprintf(body, sizeof(body), "{\"name\":\"第一党小组\",\"kind\":\"group\",\"parent_id\":%lld}", br);
	assert_int_equal(api_call(&c, "POST", "/api/v1/orgs", body, &j), 201);
	grp = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	/* Not empty: 409. Moving under its own child: 422. Moving elsewhere: 200. */
	snprintf(path, sizeof(path), "/api/v1/orgs/%lld", br);
	assert_int_equal(api_call(&c, "DELETE", path, NULL, &j), 409);
	json_decref(j);
	snprintf(path, sizeof(path), "/api/v1/orgs/%lld/move", br);
	snprintf(body, sizeof(body), "{\"parent_id\":%lld}", pc2);
	assert_int_equal(api_call(&c, "POST", path, body, &j), 200);
	assert_int_equal(json_integer_value(json_object_get(j, "parent_id")), pc2);
	school = json_integer_value(json_object_get(j, "school_id"));
	json_decref(j);
	/* Moved into another school's tree, the branch belongs to that school. */
	snprintf(path, sizeof(path), "/api/v1/orgs/%lld", pc2);
	assert_int_equal(api_call(&c, "GET", path, NULL, &j), 200);
	assert_int_equal(json_integer_value(json_object_get(j, "school_id")), school);
	json_decref(j);
	snprintf(path, sizeof(path), "/api/v1/orgs/%lld", grp);
	assert_int_equal(api_call(&c, "GET", path, NULL, &j), 200);
	assert_int_equal(json_integer_value(json_object_get(j, "depth")), 3);
	json_decref(j);
	assert_int_equal(api_call(&c, "DELETE", path, NULL, NULL), 200);
	assert_int_equal(api_call(&c, "GET", path, NULL, NULL), 404);
	client_release(&c);
}

static long long
create_member(struct client *c, long long branch, const char *name, const char *id_card)
{
	json_t *j = NULL;
	char body[1024];
	long long id;

	snprintf(body, sizeof(body), "{\"org_id\":%lld,\"name\":\"%s\",\"gender\":\"female\","
	    "\"category\":\"retired\",\"status\":\"full\",\"full_on\":\"1981-07-01\","
	    "\"joined_on\":\"1980-07-01\",\"id_card\":\"%s\",\"phone\":\"13800138000\"}", branch, name,
	    id_card);
	assert_int_equal(api_call(c, "POST", "/api/v1/members", body, &j), 201);
	id = json_integer_value(json_object_get(j, "id"));
	/* The creator may edit, so the answer shows the whole numbers. */
	assert_string_equal(json_string_value(json_object_get(j, "id_card")), id_card);
	assert_string_equal(json_string_value(json_object_get(j, "birth_date")), "1949-12-31");
	json_decref(j);
	return id;
}

static void
test_api_member_masking_and_conflict(void **state)
{
	struct client c;
	json_t *j = NULL, *it;
	long long branch, id;
	char body[1024], path[64];

	(void)state;
	client_init(&c, &S);
	api_admin(&c, ADMIN_PW);
	branch = org_of_kind(&c, "branch", 2);
	id = create_member(&c, branch, "测试党员甲", "11010519491231002X");
	assert_int_equal(api_call(&c, "GET", "/api/v1/members?q=测试党员甲", NULL, &j), 200);
	assert_int_equal(json_integer_value(json_object_get(j, "total")), 1);
	it = json_array_get(json_object_get(j, "items"), 0);
	assert_string_equal(json_string_value(json_object_get(it, "id_card")), "110105********002X");
	assert_string_equal(json_string_value(json_object_get(it, "phone")), "138****8000");
	json_decref(j);
	/* The same ID number again (lowercase x): 409, nothing added. */
	snprintf(body, sizeof(body), "{\"org_id\":%lld,\"name\":\"重复\",\"gender\":\"female\","
	    "\"category\":\"retired\",\"status\":\"probationary\",\"joined_on\":\"1980-07-01\","
	    "\"id_card\":\"11010519491231002x\"}", branch);
	assert_int_equal(api_call(&c, "POST", "/api/v1/members", body, &j), 409);
	assert_true(api_has_field(j, "id_card"));
	json_decref(j);
	/* Gender must agree with the ID number. */
	snprintf(path, sizeof(path), "/api/v1/members/%lld", id);
	assert_int_equal(api_call(&c, "PATCH", path, "{\"gender\":\"male\"}", &j), 422);
	assert_true(api_has_field(j, "gender"));
	json_decref(j);
	/* full_on before joined_on is refused. */
	assert_int_equal(api_call(&c, "PATCH", path, "{\"full_on\":\"1979-01-01\"}", &j), 422);
	assert_true(api_has_field(j, "full_on"));
	json_decref(j);
	client_release(&c);
}

static void
test_api_secretary_scope(void **state)
{
	struct client a, s;
	json_t *j = NULL, *it;
	long long pc, other_pc, my_branch, other_branch, mine, theirs;
	char body[512], path[64], out[512];
	char *args[] = { getenv("HONGYAN_BIN") ? getenv("HONGYAN_BIN") : "build/asan/hongyan", "user",
		"add", "--db", S.db, "--username", "sec1", "--role", "secretary", "--scope", body, NULL };

	(void)state;
	client_init(&a, &S);
	api_admin(&a, ADMIN_PW);
	pc = org_of_kind(&a, "party_committee", 3);
	other_pc = org_of_kind(&a, "party_committee", 4);
	snprintf(path, sizeof(path), "/api/v1/members?org_id=%lld&per_page=1", pc);
	assert_int_equal(api_call(&a, "GET", path, NULL, &j), 200);
	it = json_array_get(json_object_get(j, "items"), 0);
	mine = json_integer_value(json_object_get(it, "id"));
	my_branch = json_integer_value(json_object_get(it, "org_id"));
	json_decref(j);
	snprintf(path, sizeof(path), "/api/v1/members?org_id=%lld&per_page=1", other_pc);
	assert_int_equal(api_call(&a, "GET", path, NULL, &j), 200);
	it = json_array_get(json_object_get(j, "items"), 0);
	theirs = json_integer_value(json_object_get(it, "id"));
	other_branch = json_integer_value(json_object_get(it, "org_id"));
	json_decref(j);
	/* The CLI creates the secretary with a chosen password. */
	snprintf(body, sizeof(body), "%lld", pc);
	setenv("HONGYAN_PASSWORD", "Secretary#2026", 1);
	assert_int_equal(srv_cli(&S, args, out, sizeof(out)), 0);
	unsetenv("HONGYAN_PASSWORD");
	client_init(&s, &S);
	assert_int_equal(api_login(&s, "sec1", "Secretary#2026"), 200);
	assert_int_equal(api_call(&s, "POST", "/api/v1/session/password",
	    "{\"old_password\":\"Secretary#2026\",\"new_password\":\"Secretary#2027\"}", NULL), 200);
	snprintf(path, sizeof(path), "/api/v1/members/%lld", mine);
	assert_int_equal(api_call(&s, "GET", path, NULL, &j), 200);
	json_decref(j);
	snprintf(path, sizeof(path), "/api/v1/members/%lld", theirs);
	assert_int_equal(api_call(&s, "GET", path, NULL, &j), 404);
	json_decref(j);
	assert_int_equal(api_call(&s, "PATCH", path, "{\"post\":\"越权\"}", &j), 404);
	json_decref(j);
	/* Moving their member into another school's branch: the target is not found. */
	snprintf(path, sizeof(path), "/api/v1/members/%lld", mine);
	snprintf(body, sizeof(body), "{\"org_id\":%lld}", other_branch);
	assert_int_equal(api_call(&s, "PATCH", path, body, &j), 422);
	assert_true(api_has_field(j, "org_id"));
	json_decref(j);
	/* Their own top organization is not theirs to edit (403); a branch below is. */
	snprintf(path, sizeof(path), "/api/v1/orgs/%lld", pc);
	assert_int_equal(api_call(&s, "PATCH", path, "{\"name\":\"改名\"}", &j), 403);
	json_decref(j);
	snprintf(path, sizeof(path), "/api/v1/orgs/%lld", my_branch);
	assert_int_equal(api_call(&s, "PATCH", path, "{\"basis\":\"语文学科\"}", &j), 200);
	json_decref(j);
	/* Filtering by another school's organization finds nothing to list. */
	snprintf(path, sizeof(path), "/api/v1/members?org_id=%lld", other_pc);
	assert_int_equal(api_call(&s, "GET", path, NULL, &j), 404);
	json_decref(j);
	/* Users are for the security administrator only. */
	assert_int_equal(api_call(&s, "GET", "/api/v1/users", NULL, &j), 403);
	json_decref(j);
	/* The list is the scope: every member returned lies under pc. */
	assert_int_equal(api_call(&s, "GET", "/api/v1/members?per_page=100", NULL, &j), 200);
	assert_true(json_integer_value(json_object_get(j, "total")) > 0);
	json_decref(j);
	client_release(&s);
	client_release(&a);
}

static void
test_api_users_and_lockout(void **state)
{
	struct client a, u;
	json_t *j = NULL;
	char hdr[4096], pw[64], *dump;

	(void)state;
	client_init(&a, &S);
	api_security_admin(&a);	/* accounts are the security administrator's (SEC-05) */
	assert_int_equal(api_call(&a, "POST", "/api/v1/users",
	    "{\"username\":\"insp1\",\"role\":\"inspector\",\"scope\":[2]}", &j), 201);
	snprintf(pw, sizeof(pw), "%s", json_string_value(json_object_get(j, "password")));
	assert_true(json_is_true(json_object_get(j, "must_change_password")));
	json_decref(j);
	assert_int_equal(api_call(&a, "POST", "/api/v1/users",
	    "{\"username\":\"insp1\",\"role\":\"inspector\"}", &j), 409);
	json_decref(j);
	assert_int_equal(api_call(&a, "POST", "/api/v1/users",
	    "{\"username\":\"x y\",\"role\":\"boss\",\"scope\":[0]}", &j), 422);
	assert_true(api_has_field(j, "username") && api_has_field(j, "role") &&
	    api_has_field(j, "scope"));
	json_decref(j);
	client_init(&u, &S);
	for (int i = 0; i < 4; i++) {
		assert_int_equal(api_login(&u, "insp1", "WrongPass#123"), 401);
	}
	assert_int_equal(api_call_h(&u, "POST", "/api/v1/session",
	    "{\"username\":\"insp1\",\"password\":\"WrongPass#123\"}", &j, hdr, sizeof(hdr)), 429);
	assert_string_equal(api_code(j), "locked");
	assert_non_null(strstr(hdr, "Retry-After:"));
	json_decref(j);
	/* Locked: even the right password is refused. */
	assert_int_equal(api_login(&u, "insp1", pw), 429);
	client_release(&a);
	client_init(&a, &S);
	api_audit_admin(&a);
	assert_int_equal(api_call(&a, "GET", "/api/v1/audit?entity=user&per_page=100", NULL, &j), 200);
	dump = json_dumps(j, 0);
	assert_non_null(strstr(dump, "lockout"));
	free(dump);
	json_decref(j);
	client_release(&u);
	client_release(&a);
}

static void
test_api_audit_verify_detects_tamper(void **state)
{
	char *bin = getenv("HONGYAN_BIN") ? getenv("HONGYAN_BIN") : "build/asan/hongyan";
	char *args[] = { bin, "audit", "verify", "--db", S.db, NULL };
	char out[512];
	struct db *db;

	(void)state;
	assert_int_equal(srv_cli(&S, args, out, sizeof(out)), 0);
	assert_non_null(strstr(out, "intact"));
	assert_int_equal(db_open(S.db, 0, &db), ERR_OK);
	assert_int_equal(db_exec(db, "UPDATE audit SET actor = 'mallory' WHERE id = 3", DB_END), ERR_OK);
	db_close(db);
	assert_int_equal(srv_cli(&S, args, out, sizeof(out)), 1);
}

/* Pages of a district sorted by name follow each other in order, with the
 * same total as the kept counts (the indexed prefix path of migration 0002). */
static void
test_api_members_sorted_by_name_across_pages(void **state)
{
	struct client c;
	json_t *j = NULL, *it;
	char path[128], prev[128] = "";
	long long root, total = -1;
	size_t i;

	(void)state;
	client_init(&c, &S);
	api_admin(&c, ADMIN_PW);
	root = org_of_kind(&c, "district_committee", 0);
	for (int page = 1; page <= 3; page++) {
		snprintf(path, sizeof(path), "/api/v1/members?org_id=%lld&sort=name&page=%d&per_page=50",
		    root, page);
		assert_int_equal(api_call(&c, "GET", path, NULL, &j), 200);
		assert_int_equal(json_array_size(json_object_get(j, "items")), 50);
		if (total < 0)
			total = json_integer_value(json_object_get(j, "total"));
		assert_int_equal(json_integer_value(json_object_get(j, "total")), total);
		json_array_foreach(json_object_get(j, "items"), i, it) {
			const char *name = json_string_value(json_object_get(it, "name"));

			assert_true(strcmp(prev, name) <= 0);
			snprintf(prev, sizeof(prev), "%s", name);
		}
		json_decref(j);
	}
	assert_int_equal(api_call(&c, "GET", "/api/v1/members?per_page=1", NULL, &j), 200);
	assert_int_equal(json_integer_value(json_object_get(j, "total")), total);
	json_decref(j);
	client_release(&c);
}

static void
test_api_session_expires(void **state)
{
	struct client c;
	json_t *j = NULL;

	(void)state;
	assert_int_equal(srv_restart(&S, "HONGYAN_SESSION_IDLE=1"), 0);
	client_init(&c, &S);
	assert_int_equal(api_login(&c, API_DISTRICT_USER, ADMIN_PW), 200);
	assert_int_equal(api_call(&c, "GET", "/api/v1/session", NULL, NULL), 200);
	sleep(3);
	/* Issue 12: an ended session is no error for GET /session, only "not signed in"; its cookie is cleared. */
	assert_int_equal(api_call(&c, "GET", "/api/v1/session", NULL, &j), 200);
	assert_true(json_is_false(json_object_get(j, "authenticated")));
	assert_null(json_object_get(j, "user"));
	json_decref(j);
	assert_int_equal(api_call(&c, "GET", "/api/v1/members", NULL, NULL), 401);
	client_release(&c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_api_health_and_metrics),
		cmocka_unit_test(test_api_forced_password_change),
		cmocka_unit_test(test_api_csrf_required),
		cmocka_unit_test(test_api_bad_input_changes_nothing),
		cmocka_unit_test(test_api_org_tree_rules),
		cmocka_unit_test(test_api_member_masking_and_conflict),
		cmocka_unit_test(test_api_secretary_scope),
		cmocka_unit_test(test_api_users_and_lockout),
		cmocka_unit_test(test_api_members_sorted_by_name_across_pages),
		cmocka_unit_test(test_api_session_expires),
		cmocka_unit_test(test_api_audit_verify_detects_tamper),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}

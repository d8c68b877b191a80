/* test_api_admins.c: separated administrators (三员分立, RULES.md SEC-05).
 * init makes three: the system administrator (admin: the system's health
 * and configuration), the security administrator (secadmin: accounts,
 * roles, scopes) and the audit administrator (auditadmin: the whole audit).
 * None of them reads or writes business data: walking the route table,
 * each gets 403 from every route outside its own few. No account becomes
 * an administrator through the API, nor is one changed there. District
 * staff (quwei01 of the demo) do the business work and read the business
 * audit, not the administrators' rows; secretaries open their members'
 * accounts (账号开通), audited. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api.h"
#include "auth/who.h"
#include "http/router.h"

#define DISTRICT_PW "Quwei#Pass2026x"
#define FAILS_MAX 20

static struct srv S;
static struct client D;		/* quwei01: district staff */
static struct client SYS, SEC, AUD;	/* the three administrators */

/* The only routes an administrator may call, and which one (SEC-05). */
static const struct {
	const char *method, *pattern;
	unsigned roles;
} ADMIN_ROUTES[] = {
	{ "POST", "/api/v1/session", ROLES_ADMINS },
	{ "GET", "/api/v1/session", ROLES_ADMINS },
	{ "DELETE", "/api/v1/session", ROLES_ADMINS },
	{ "POST", "/api/v1/session/password", ROLES_ADMINS },
	{ "POST", "/api/v1/session/mfa", ROLES_ADMINS },		/* SEC-04: their own second factor */
	{ "POST", "/api/v1/session/totp", ROLES_ADMINS },
	{ "POST", "/api/v1/session/totp/confirm", ROLES_ADMINS },
	{ "DELETE", "/api/v1/users/:id/totp", ROLE_SECURITY_ADMIN },
	{ "GET", "/api/v1/users", ROLE_SECURITY_ADMIN },
	{ "POST", "/api/v1/users", ROLE_SECURITY_ADMIN },
	{ "GET", "/api/v1/users/:id", ROLE_SECURITY_ADMIN },
	{ "PATCH", "/api/v1/users/:id", ROLE_SECURITY_ADMIN },
	{ "GET", "/api/v1/org-tree", ROLE_SECURITY_ADMIN },
	{ "GET", "/api/v1/audit", ROLE_AUDIT_ADMIN },
	{ "GET", "/api/v1/system", ROLE_ADMIN },
	{ "GET", "/api/v1/holidays/:id", ROLE_ADMIN },		/* system configuration */
	{ "PUT", "/api/v1/holidays/:id", ROLE_ADMIN },
	/* Issue 12: failed outbound messages are the system's health (masked). */
	{ "GET", "/api/v1/system/dead-letters", ROLE_ADMIN },
	{ "POST", "/api/v1/system/dead-letters/:id/retry", ROLE_ADMIN },
};

static unsigned
admin_roles_of(const char *method, const char *pattern)
{
	for (size_t i = 0; i < sizeof(ADMIN_ROUTES) / sizeof(ADMIN_ROUTES[0]); i++)
		if (!strcmp(ADMIN_ROUTES[i].method, method) &&
		    !strcmp(ADMIN_ROUTES[i].pattern, pattern))
			return ADMIN_ROUTES[i].roles;
	return 0;
}

static int
setup(void **state)
{
	(void)state;
	if (srv_start(&S, 1, NULL))
		return -1;
	client_init(&D, &S);
	client_init(&SYS, &S);
	client_init(&SEC, &S);
	client_init(&AUD, &S);
	api_admin(&D, DISTRICT_PW);
	api_sysadmin(&SYS);
	api_security_admin(&SEC);
	api_audit_admin(&AUD);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	client_release(&D);
	client_release(&SYS);
	client_release(&SEC);
	client_release(&AUD);
	srv_stop(&S);
	return 0;
}

static long long
int_of(json_t *j, const char *key)
{
	return json_integer_value(json_object_get(j, key));
}

static long long
total_of(struct client *c, const char *path)
{
	json_t *j = NULL;
	long long n = -1;

	if (api_call(c, "GET", path, NULL, &j) == 200)
		n = int_of(j, "total");
	json_decref(j);
	return n;
}

/* The route table: an administrator's role appears only on ADMIN_ROUTES,
 * each with exactly the role named there. A new business route that admits
 * an administrator fails here. */
struct table_walk {
	int routes, wrong;
	char what[FAILS_MAX][160];
};

static void
check_table(void *ctx, const struct route *r)
{
	struct table_walk *k = ctx;

	k->routes++;
	if ((r->roles & ROLES_ADMINS) == admin_roles_of(r->method, r->pattern))
		return;
	if (k->wrong < FAILS_MAX)
		snprintf(k->what[k->wrong], sizeof(k->what[0]), "%s %s admits 0x%x", r->method,
		    r->pattern, r->roles & ROLES_ADMINS);
	k->wrong++;
}

static void
test_route_table_keeps_administrators_out_of_business(void **state)
{
	struct table_walk k = { 0 };

	(void)state;
	router_each(check_table, &k);
	for (int i = 0; i < k.wrong && i < FAILS_MAX; i++)
		fprintf(stderr, "SEC-05: %s\n", k.what[i]);
	assert_true(k.routes > 200);
	assert_int_equal(k.wrong, 0);
}

/* Over HTTP: each administrator calls every route not theirs, by id 1 for
 * ":id", a write with "{}"; every answer is 403. */
struct http_walk {
	struct client *c;
	enum role role;
	int calls, wrong;
	char what[FAILS_MAX][160];
};

static void
call_route(void *ctx, const struct route *r)
{
	struct http_walk *k = ctx;
	char path[300];
	long st;

	if ((r->flags & F_PUBLIC) || (admin_roles_of(r->method, r->pattern) & k->role))
		return;
	api_fill_id(r->pattern, "1", path, sizeof(path));
	st = api_call(k->c, r->method, path, strcmp(r->method, "GET") ? "{}" : NULL, NULL);
	k->calls++;
	if (st == 403)
		return;
	if (k->wrong < FAILS_MAX)
		snprintf(k->what[k->wrong], sizeof(k->what[0]), "%s %.140s -> %ld", r->method, path, st);
	k->wrong++;
}

static void
walk_as(struct client *c, enum role role)
{
	struct http_walk k = { .c = c, .role = role };

	router_each(call_route, &k);
	for (int i = 0; i < k.wrong && i < FAILS_MAX; i++)
		fprintf(stderr, "SEC-05 %s: %s\n", role_name(role), k.what[i]);
	assert_true(k.calls > 200);
	assert_int_equal(k.wrong, 0);
}

static void
test_each_administrator_gets_403_on_business_routes(void **state)
{
	(void)state;
	walk_as(&SYS, ROLE_ADMIN);
	walk_as(&SEC, ROLE_SECURITY_ADMIN);
	walk_as(&AUD, ROLE_AUDIT_ADMIN);
	/* The same business list district staff read. */
	assert_true(total_of(&D, "/api/v1/members") > 0);
	assert_int_equal(api_call(&SYS, "GET", "/api/v1/members", NULL, NULL), 403);
}

/* The system administrator's home: version, schema, counts; no records. */
static void
test_system_administrator_sees_the_system(void **state)
{
	json_t *j = NULL;

	(void)state;
	assert_int_equal(api_call(&SYS, "GET", "/api/v1/system", NULL, &j), 200);
	assert_string_equal(json_string_value(json_object_get(j, "version")), "0.1.0");
	assert_true(int_of(j, "schema") > 0);
	assert_int_equal(int_of(j, "schema"), int_of(j, "schema_latest"));
	assert_true(int_of(j, "database_bytes") > 0);
	assert_int_equal(int_of(json_object_get(j, "accounts"), "admin"), 1);
	assert_int_equal(int_of(json_object_get(j, "accounts"), "security_admin"), 1);
	assert_int_equal(int_of(json_object_get(j, "accounts"), "audit_admin"), 1);
	assert_true(int_of(json_object_get(j, "counts"), "members") > 0);
	json_decref(j);
	assert_int_equal(api_call(&SYS, "GET", "/api/v1/holidays/2026", NULL, NULL), 200);
	assert_int_equal(api_call(&D, "GET", "/api/v1/system", NULL, NULL), 403);
	assert_int_equal(api_call(&SEC, "GET", "/api/v1/system", NULL, NULL), 403);
}

static long long
user_id(const char *name)
{
	json_t *j = NULL, *it;
	long long id = 0;
	size_t i;

	assert_int_equal(api_call(&SEC, "GET", "/api/v1/users?per_page=100", NULL, &j), 200);
	json_array_foreach(json_object_get(j, "items"), i, it)
		if (!strcmp(json_string_value(json_object_get(it, "username")), name))
			id = int_of(it, "id");
	json_decref(j);
	return id;
}

/* The security administrator opens, changes and resets business accounts
 * and picks scopes from the organization tree (names only). */
static void
test_security_administrator_manages_accounts(void **state)
{
	json_t *j = NULL, *first;
	struct client u;
	char body[200], path[64];
	long long org, id;

	(void)state;
	assert_int_equal(api_call(&SEC, "GET", "/api/v1/org-tree", NULL, &j), 200);
	first = json_array_get(json_object_get(j, "items"), 1);
	org = int_of(first, "id");
	assert_true(org > 0);
	assert_non_null(json_object_get(first, "name"));
	assert_null(json_object_get(first, "member_count"));	/* no business figures */
	json_decref(j);
	snprintf(body, sizeof(body), "{\"username\":\"sec_made\",\"role\":\"inspector\","
	    "\"scope\":[%lld]}", org);
	assert_int_equal(api_user_client(&SEC, &u, body, "sec_made"), 0);
	assert_int_equal(api_call(&u, "GET", "/api/v1/orgs", NULL, NULL), 200);
	client_release(&u);
	id = user_id("sec_made");
	snprintf(path, sizeof(path), "/api/v1/users/%lld", id);
	assert_int_equal(api_call(&SEC, "PATCH", path, "{\"role\":\"district\"}", &j), 200);
	assert_string_equal(json_string_value(json_object_get(j, "role")), "district");
	json_decref(j);
	assert_int_equal(api_call(&SEC, "PATCH", path, "{\"password\":\"Reset#Pass2026x\"}", NULL),
	    200);
	/* Neither the district nor the audit administrator manages accounts. */
	assert_int_equal(api_call(&D, "GET", "/api/v1/users", NULL, NULL), 403);
	assert_int_equal(api_call(&AUD, "GET", "/api/v1/users", NULL, NULL), 403);
	assert_int_equal(api_call(&SYS, "POST", "/api/v1/users",
	    "{\"username\":\"by_sys\",\"role\":\"district\"}", NULL), 403);
}

/* No account becomes an administrator through the API, and no
 * administrator account (the caller's own included) is changed there: one
 * role per account, the three held by three accounts the CLI made. */
static void
test_no_account_holds_two_administrator_roles(void **state)
{
	static const char *const admins[] = { "admin", "security_admin", "audit_admin" };
	static const char *const names[] = { "admin", "secadmin", "auditadmin" };
	char body[200], path[64];
	json_t *j = NULL;
	long long victim = user_id("sec_made");

	(void)state;
	for (int i = 0; i < 3; i++) {
		snprintf(body, sizeof(body), "{\"username\":\"second_%d\",\"role\":\"%s\"}", i,
		    admins[i]);
		assert_int_equal(api_call(&SEC, "POST", "/api/v1/users", body, &j), 422);
		assert_true(api_has_field(j, "role"));
		json_decref(j);
		snprintf(body, sizeof(body), "{\"role\":\"%s\"}", admins[i]);
		snprintf(path, sizeof(path), "/api/v1/users/%lld", victim);
		assert_int_equal(api_call(&SEC, "PATCH", path, body, &j), 422);
		json_decref(j);
		/* The administrators' accounts, secadmin's own included. */
		snprintf(path, sizeof(path), "/api/v1/users/%lld", user_id(names[i]));
		assert_int_equal(api_call(&SEC, "PATCH", path, "{\"role\":\"district\"}", &j), 403);
		assert_string_equal(api_code(j), "admin_account");
		json_decref(j);
		assert_int_equal(api_call(&SEC, "PATCH", path, "{\"password\":\"Take#Over2026x\"}",
		    NULL), 403);
		assert_int_equal(api_call(&SEC, "PATCH", path, "{\"disabled\":true}", NULL), 403);
	}
	/* The victim is still what it was. */
	snprintf(path, sizeof(path), "/api/v1/users/%lld", victim);
	assert_int_equal(api_call(&SEC, "GET", path, NULL, &j), 200);
	assert_string_equal(json_string_value(json_object_get(j, "role")), "district");
	json_decref(j);
}

/* On an upgraded database the CLI makes another security administrator;
 * it may work at once (after its password change). */
static void
test_cli_adds_an_administrator(void **state)
{
	char out[512], *p, pw[64] = "", change[256];
	char *args[] = { getenv("HONGYAN_BIN") ? getenv("HONGYAN_BIN") : "build/asan/hongyan",
		"user", "add", "--db", S.db, "--username", "secadmin2", "--role", "security_admin",
		NULL };
	struct client c;

	(void)state;
	assert_int_equal(srv_cli(&S, args, out, sizeof(out)), 0);
	p = strstr(out, "password: ");
	assert_non_null(p);
	sscanf(p + 10, "%63s", pw);
	client_init(&c, &S);
	assert_int_equal(api_login(&c, "secadmin2", pw), 200);
	snprintf(change, sizeof(change), "{\"old_password\":\"%s\",\"new_password\":"
	    "\"Sec2#Admin2026x\"}", pw);
	assert_int_equal(api_call(&c, "POST", "/api/v1/session/password", change, NULL), 200);
	assert_int_equal(api_call(&c, "GET", "/api/v1/users", NULL, NULL), 200);
	assert_int_equal(api_call(&c, "GET", "/api/v1/members", NULL, NULL), 403);
	client_release(&c);
}

/* The audit administrator reads everything, the other administrators'
 * actions included; district staff read the business rows only. */
static void
test_audit_rows_by_reader(void **state)
{
	char path[128];
	long long sec_id = user_id("secadmin"), admin_id = user_id("admin");

	(void)state;
	/* secadmin made sec_made (previous tests); admin logged in. */
	assert_true(total_of(&AUD, "/api/v1/audit?actor=secadmin") > 0);
	assert_true(total_of(&AUD, "/api/v1/audit?actor=admin") > 0);
	assert_int_equal(total_of(&D, "/api/v1/audit?actor=secadmin"), 0);
	assert_int_equal(total_of(&D, "/api/v1/audit?actor=admin"), 0);
	assert_int_equal(total_of(&D, "/api/v1/audit?actor=auditadmin"), 0);
	/* Rows about an administrator account (its creation, its logins). */
	snprintf(path, sizeof(path), "/api/v1/audit?entity=user&entity_id=%lld", sec_id);
	assert_true(total_of(&AUD, path) > 0);
	assert_int_equal(total_of(&D, path), 0);
	snprintf(path, sizeof(path), "/api/v1/audit?entity=session&entity_id=%lld", admin_id);
	assert_true(total_of(&AUD, path) > 0);
	assert_int_equal(total_of(&D, path), 0);
	/* Business rows stay readable by the district: its own and the demo's. */
	assert_true(total_of(&D, "/api/v1/audit?actor=quwei01") > 0);
	assert_true(total_of(&D, "/api/v1/audit?actor=system") > 0);
	assert_true(total_of(&AUD, "/api/v1/audit") > total_of(&D, "/api/v1/audit"));
}

/* 账号开通: a secretary opens accounts for the members of their branch,
 * a delegated business function, audited and read by the district. */
static void
test_secretary_opens_member_accounts_audited(void **state)
{
	json_t *j = NULL, *it;
	struct client sec;
	char body[200], path[96];
	long long branch = 0;
	size_t i;

	(void)state;
	assert_int_equal(api_call(&D, "GET", "/api/v1/orgs", NULL, &j), 200);
	json_array_foreach(json_object_get(j, "items"), i, it)
		if (!branch && !strcmp(json_string_value(json_object_get(it, "kind")), "branch") &&
		    int_of(it, "member_count") > 0 && int_of(it, "member_count") < 20)
			branch = int_of(it, "id");
	json_decref(j);
	assert_true(branch > 0);
	snprintf(body, sizeof(body), "{\"username\":\"branch_sec\",\"role\":\"secretary\","
	    "\"scope\":[%lld]}", branch);
	assert_int_equal(api_user_client(&SEC, &sec, body, "branch_sec"), 0);
	snprintf(path, sizeof(path), "/api/v1/orgs/%lld/member-accounts", branch);
	assert_int_equal(api_call(&SYS, "POST", path, NULL, NULL), 403);
	assert_int_equal(api_call(&SEC, "POST", path, NULL, NULL), 403);
	assert_int_equal(api_call(&sec, "POST", path, NULL, NULL), 200);
	client_release(&sec);
	snprintf(path, sizeof(path), "/api/v1/audit?actor=branch_sec&entity=org&entity_id=%lld",
	    branch);
	assert_int_equal(total_of(&D, path), 1);
	assert_true(total_of(&D, "/api/v1/audit?actor=branch_sec&entity=user") > 0);
	assert_true(total_of(&AUD, "/api/v1/audit?actor=branch_sec&entity=user") > 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_route_table_keeps_administrators_out_of_business),
		cmocka_unit_test(test_each_administrator_gets_403_on_business_routes),
		cmocka_unit_test(test_system_administrator_sees_the_system),
		cmocka_unit_test(test_security_administrator_manages_accounts),
		cmocka_unit_test(test_no_account_holds_two_administrator_roles),
		cmocka_unit_test(test_cli_adds_an_administrator),
		cmocka_unit_test(test_audit_rows_by_reader),
		cmocka_unit_test(test_secretary_opens_member_accounts_audited),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}

/* test_api_phone.c: issue 12's member home and rough edges, on the demo
 * district: GET /api/v1/session answers 200 {authenticated:false} without a
 * session (no 401 for the console to log) and gives nothing away; GET
 * /api/v1/me/card is the member's own card whatever the query says and is
 * refused to staff; a member is refused every GET route whose role set
 * leaves members out (the route table, walked); 用户管理 searches in SQL
 * (q, role, validated, paged). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api.h"
#include "http/router.h"

#define ADMIN_PW "Hongyan#Admin2026"
#define MEMBER_PW "Member#Pass2026"
#define FAILS_MAX 24

static struct srv S;
static struct client A;		/* district staff */
static struct client SEC;	/* the security administrator (one TOTP login per suite) */
static struct client M;		/* a member, phonem1 */
static long long M_ID, M_ORG, OTHER_ID;

/* The first item's field of a list A reads. */
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

/* A member account for member_id named name, logged in on c with its
 * forced change made (members have no second factor). */
static int
member_client(struct client *c, long long member_id, const char *name)
{
	char body[256], pw[64] = "";
	json_t *j = NULL;

	snprintf(body, sizeof(body), "{\"username\":\"%s\",\"role\":\"member\",\"member_id\":%lld}",
	    name, member_id);
	if (api_call(&SEC, "POST", "/api/v1/users", body, &j) != 201)
		return json_decref(j), -1;
	snprintf(pw, sizeof(pw), "%s", json_string_value(json_object_get(j, "password")));
	json_decref(j);
	client_init(c, &S);
	if (api_login(c, name, pw) != 200)
		return -1;
	snprintf(body, sizeof(body), "{\"old_password\":\"%s\",\"new_password\":\"" MEMBER_PW "\"}", pw);
	return api_call(c, "POST", "/api/v1/session/password", body, NULL) == 200 ? 0 : -1;
}

static int
setup(void **state)
{
	(void)state;
	if (srv_start(&S, 1, NULL))
		return -1;
	client_init(&A, &S);
	api_admin(&A, ADMIN_PW);
	client_init(&SEC, &S);
	api_security_admin(&SEC);
	M_ID = first_int("/api/v1/members?sort=id", "id");
	M_ORG = first_int("/api/v1/members?sort=id", "org_id");
	OTHER_ID = first_int("/api/v1/members?sort=-id", "id");
	return member_client(&M, M_ID, "phonem1");
}

static int
teardown(void **state)
{
	(void)state;
	client_release(&M);
	client_release(&SEC);
	client_release(&A);
	srv_stop(&S);
	return 0;
}

/* Issue 12: the console checks for a session before login with no error;
 * the answer says only "not signed in". */
static void
test_phone_session_check_without_session(void **state)
{
	struct client c;
	json_t *j = NULL;
	char hdr[2048];
	char cookie[128];

	(void)state;
	client_init(&c, &S);
	assert_int_equal(api_call(&c, "GET", "/api/v1/session", NULL, &j), 200);
	assert_true(json_is_false(json_object_get(j, "authenticated")));
	assert_int_equal(json_object_size(j), 1);	/* no user, no CSRF token */
	json_decref(j);
	/* Every other route still needs a session. */
	assert_int_equal(api_call(&c, "GET", "/api/v1/members", NULL, NULL), 401);
	assert_int_equal(api_call(&c, "GET", "/api/v1/me/card", NULL, NULL), 401);

	/* A stale or forged cookie: the same answer, and the cookie is cleared. */
	snprintf(cookie, sizeof(cookie), "127.0.0.1\tFALSE\t/\tFALSE\t0\thy_session\t%s",
	    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
	curl_easy_setopt(c.curl, CURLOPT_COOKIELIST, cookie);
	assert_int_equal(api_call_h(&c, "GET", "/api/v1/session", NULL, &j, hdr, sizeof(hdr)), 200);
	assert_true(json_is_false(json_object_get(j, "authenticated")));
	assert_non_null(strstr(hdr, "hy_session=;"));
	json_decref(j);
	client_release(&c);

	/* Signed in: the session answer says so. */
	assert_int_equal(api_call(&M, "GET", "/api/v1/session", NULL, &j), 200);
	assert_true(json_is_true(json_object_get(j, "authenticated")));
	assert_int_equal(json_integer_value(json_object_get(json_object_get(j, "user"), "member_id")),
	    M_ID);
	json_decref(j);
	assert_int_equal(api_signed_in(&M), 1);
}

/* The member's card is theirs: name, branch, dates and the secretary
 * serving today; an id in the query changes nothing. */
static void
test_phone_member_card_is_own(void **state)
{
	json_t *j = NULL, *mem = NULL, *br, *org;
	char path[96], body[256];

	(void)state;
	snprintf(path, sizeof(path), "/api/v1/members/%lld", M_ID);
	assert_int_equal(api_call(&A, "GET", path, NULL, &mem), 200);
	/* The branch's secretary today: the member themself, named in the card. */
	snprintf(body, sizeof(body), "{\"items\":[{\"member_id\":%lld,\"post\":\"secretary\","
	    "\"from_on\":\"2020-01-01\",\"to_on\":null}]}", M_ID);
	snprintf(path, sizeof(path), "/api/v1/orgs/%lld/committee", M_ORG);
	assert_int_equal(api_call(&A, "PUT", path, body, NULL), 200);

	assert_int_equal(api_call(&M, "GET", "/api/v1/me/card", NULL, &j), 200);
	assert_int_equal(json_integer_value(json_object_get(j, "member_id")), M_ID);
	assert_string_equal(json_string_value(json_object_get(j, "name")),
	    json_string_value(json_object_get(mem, "name")));
	assert_string_equal(json_string_value(json_object_get(j, "joined_on")),
	    json_string_value(json_object_get(mem, "joined_on")));
	assert_string_equal(json_string_value(json_object_get(j, "status")),
	    json_string_value(json_object_get(mem, "status")));
	br = json_object_get(j, "branch");
	assert_int_equal(json_integer_value(json_object_get(br, "id")), M_ORG);
	assert_string_equal(json_string_value(json_object_get(br, "name")),
	    json_string_value(json_object_get(mem, "org_name")));
	assert_string_equal(json_string_value(json_object_get(br, "secretary")),
	    json_string_value(json_object_get(mem, "name")));
	/* The school's party organization above the branch. */
	org = json_object_get(j, "organization");
	assert_true(json_is_object(org));
	assert_true(json_integer_value(json_object_get(org, "id")) != M_ORG);
	assert_non_null(json_string_value(json_object_get(org, "name")));
	/* No personal numbers on the card. */
	assert_null(json_object_get(j, "id_card"));
	assert_null(json_object_get(j, "phone"));
	json_decref(j);
	json_decref(mem);

	/* Another member's id in the query is ignored: still the caller's card. */
	snprintf(path, sizeof(path), "/api/v1/me/card?member_id=%lld&id=%lld", OTHER_ID, OTHER_ID);
	assert_int_equal(api_call(&M, "GET", path, NULL, &j), 200);
	assert_int_equal(json_integer_value(json_object_get(j, "member_id")), M_ID);
	json_decref(j);
	/* Staff have no card: the route is the member's. */
	assert_int_equal(api_call(&A, "GET", "/api/v1/me/card", NULL, NULL), 403);
	assert_int_equal(api_call(&SEC, "GET", "/api/v1/me/card", NULL, NULL), 403);
}

struct walk {
	int calls, wrong;
	char what[FAILS_MAX][160];
};

static void
refused_to_member(void *ctx, const struct route *r)
{
	struct walk *k = ctx;
	char path[300];
	long st;

	if (strcmp(r->method, "GET") || (r->flags & F_PUBLIC) || (r->roles & ROLE_MEMBER))
		return;
	api_fill_id(r->pattern, "1", path, sizeof(path));
	st = api_call(&M, "GET", path, NULL, NULL);
	k->calls++;
	if (st == 403)
		return;
	if (k->wrong < FAILS_MAX)
		snprintf(k->what[k->wrong], sizeof(k->what[0]), "GET %.140s -> %ld", path, st);
	k->wrong++;
}

/* No staff menu for members, and the server agrees: every GET route whose
 * role set leaves members out answers a member 403; the registers members
 * may read (members, organizations, schools) hold only their own. */
static void
test_phone_member_refused_staff_routes(void **state)
{
	struct walk k = { 0 };
	json_t *j = NULL, *card = NULL;

	(void)state;
	router_each(refused_to_member, &k);
	for (int i = 0; i < k.wrong && i < FAILS_MAX; i++)
		print_message("not refused: %s\n", k.what[i]);
	assert_true(k.calls > 40);
	assert_int_equal(k.wrong, 0);
	assert_int_equal(api_call(&M, "GET", "/api/v1/compliance", NULL, NULL), 403);
	assert_int_equal(api_call(&M, "GET", "/api/v1/audit", NULL, NULL), 403);
	assert_int_equal(api_call(&M, "GET", "/api/v1/users", NULL, NULL), 403);

	assert_int_equal(api_call(&M, "GET", "/api/v1/members", NULL, &j), 200);
	assert_int_equal(json_integer_value(json_object_get(j, "total")), 1);
	json_decref(j);
	assert_int_equal(api_call(&M, "GET", "/api/v1/me/card", NULL, &card), 200);
	assert_int_equal(api_call(&M, "GET", "/api/v1/schools", NULL, &j), 200);
	assert_true(json_integer_value(json_object_get(j, "total")) <= 1);
	if (json_integer_value(json_object_get(j, "total")) == 1)
		assert_string_equal(json_string_value(json_object_get(json_array_get(
		    json_object_get(j, "items"), 0), "name")),
		    json_string_value(json_object_get(card, "school_name")));
	json_decref(j);
	json_decref(card);
}

/* Total and first username of GET /users?query as the security administrator. */
static long long
users_total(const char *query, long want_status)
{
	char path[160];
	json_t *j = NULL;
	long long total;

	snprintf(path, sizeof(path), "/api/v1/users?%s", query);
	assert_int_equal(api_call(&SEC, "GET", path, NULL, &j), want_status);
	total = json_integer_value(json_object_get(j, "total"));
	if (want_status == 200)
		assert_true((long long)json_array_size(json_object_get(j, "items")) <=
		    json_integer_value(json_object_get(j, "per_page")));
	json_decref(j);
	return total;
}

/* 用户管理 searches on the server: q (part of the username), role; in SQL,
 * total counting the matches, paged; bad values named. */
static void
test_phone_users_search(void **state)
{
	struct client m2;
	json_t *j = NULL;
	long long all;

	(void)state;
	assert_int_equal(member_client(&m2, OTHER_ID, "phonem2"), 0);
	client_release(&m2);
	all = users_total("per_page=1", 200);
	assert_true(all > 2);
	assert_int_equal(users_total("q=phonem", 200), 2);
	assert_int_equal(users_total("q=phonem2", 200), 1);
	assert_int_equal(users_total("q=PHONEM", 200), 2);	/* ASCII case does not matter */
	assert_int_equal(users_total("q=phonem&role=member", 200), 2);
	assert_int_equal(users_total("q=phonem&role=district", 200), 0);
	assert_int_equal(users_total("q=%25", 200), 0);	/* % is a character, not a wildcard */
	assert_int_equal(users_total("q=_", 200), 0);
	assert_int_equal(users_total("q=secadmin", 200), 1);
	/* Paged in SQL: one per page, the second page holds the other. */
	assert_int_equal(api_call(&SEC, "GET", "/api/v1/users?q=phonem&per_page=1&page=2", NULL, &j),
	    200);
	assert_int_equal(json_array_size(json_object_get(j, "items")), 1);
	assert_string_equal(json_string_value(json_object_get(json_array_get(json_object_get(j,
	    "items"), 0), "username")), "phonem2");
	json_decref(j);
	/* Bad filters: 422 naming the field. */
	assert_int_equal(api_call(&SEC, "GET", "/api/v1/users?role=boss", NULL, &j), 422);
	assert_non_null(json_object_get(json_object_get(json_object_get(j, "error"), "fields"), "role"));
	json_decref(j);
	assert_int_equal(api_call(&SEC, "GET",
	    "/api/v1/users?q=abcdefghijabcdefghijabcdefghijabc", NULL, &j), 422);
	assert_non_null(json_object_get(json_object_get(json_object_get(j, "error"), "fields"), "q"));
	json_decref(j);
	/* Still the security administrator's alone. */
	assert_int_equal(api_call(&A, "GET", "/api/v1/users?q=phonem", NULL, NULL), 403);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_phone_session_check_without_session),
		cmocka_unit_test(test_phone_member_card_is_own),
		cmocka_unit_test(test_phone_member_refused_staff_routes),
		cmocka_unit_test(test_phone_users_search),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}

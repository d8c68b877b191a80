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
#include "auth/totp.h"
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
	api_security_admin(&a);
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
	assert_int_equal(api_signed_in(&two), 0);
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
	api_security_admin(&a);
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
	api_security_admin(&a);
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

/* ---- two-factor login (SEC-04) ---- */

/* Creates a user of role with a generated password; fills pw, returns id. */
static long long
make_user(struct client *admin, const char *name, const char *role, char pw[64])
{
	char body[256];
	json_t *j = NULL;
	long long id;

	snprintf(body, sizeof(body), "{\"username\":\"%s\",\"role\":\"%s\"}", name, role);
	assert_int_equal(api_call(admin, "POST", "/api/v1/users", body, &j), 201);
	snprintf(pw, 64, "%s", json_string_value(json_object_get(j, "password")));
	id = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	return id;
}

static long
post_password(struct client *c, const char *user, const char *pw, json_t **j)
{
	char body[256];

	snprintf(body, sizeof(body), "{\"username\":\"%s\",\"password\":\"%s\"}", user, pw);
	return api_call(c, "POST", "/api/v1/session", body, j);
}

static long
post_code(struct client *c, const char *token, const char *field, const char *code, json_t **j)
{
	char body[256];

	snprintf(body, sizeof(body), "{\"mfa_token\":\"%s\",\"%s\":\"%s\"}", token, field, code);
	return api_call(c, "POST", "/api/v1/session/mfa", body, j);
}

static void
code_at(const char *b32, long long step, char out[7])
{
	unsigned char key[64];
	int n = totp_b32_decode(b32, key, sizeof(key));

	assert_true(n > 0);
	totp_code(key, (size_t)n, step, 6, out);
}

/* Enrolment: the password answers the second step with the secret, its
 * otpauth URI and QR and a pending token that is no session; a wrong code
 * is refused, the right one opens the session and answers 10 recovery
 * codes once; the token is then spent. The next login asks for a code and
 * shows no secret; the same code twice is refused (RFC 6238 §5.2). */
static void
test_api_mfa_enrol_then_verify_no_replay(void **state)
{
	struct client a, u;
	char pw[64], tok[64], secret[64], code[7], hdr[4096];
	json_t *j = NULL;
	long long step;

	(void)state;
	client_init(&a, &S);
	api_security_admin(&a);
	make_user(&a, "dist2fa", "district", pw);
	client_init(&u, &S);
	assert_int_equal(api_call_h(&u, "POST", "/api/v1/session", "{\"username\":\"dist2fa\","
	    "\"password\":\"Wrong#Pass2026\"}", &j, hdr, sizeof(hdr)), 401);
	json_decref(j);
	{
		char body[256];

		snprintf(body, sizeof(body), "{\"username\":\"dist2fa\",\"password\":\"%s\"}", pw);
		assert_int_equal(api_call_h(&u, "POST", "/api/v1/session", body, &j, hdr,
		    sizeof(hdr)), 200);
	}
	assert_null(strstr(hdr, "hy_session="));
	assert_string_equal(json_string_value(json_object_get(j, "mfa")), "enroll");
	snprintf(tok, sizeof(tok), "%s", json_string_value(json_object_get(j, "mfa_token")));
	snprintf(secret, sizeof(secret), "%s", json_string_value(json_object_get(j, "secret")));
	assert_int_equal(strlen(secret), 32);
	assert_non_null(strstr(json_string_value(json_object_get(j, "otpauth")),
	    "otpauth://totp/Hongyan:dist2fa?secret="));
	assert_true(!strncmp(json_string_value(json_object_get(j, "qr_svg")), "<svg", 4));
	assert_null(json_object_get(j, "csrf_token"));
	json_decref(j);
	/* The pending token opens nothing. */
	assert_int_equal(api_signed_in(&u), 0);
	assert_int_equal(api_call(&u, "GET", "/api/v1/orgs", NULL, NULL), 401);
	step = totp_step(time(NULL));
	code_at(secret, step + 5, code);
	assert_int_equal(post_code(&u, tok, "code", code, &j), 401);
	assert_string_equal(api_code(j), "bad_code");
	json_decref(j);
	assert_int_equal(post_code(&u, tok, "code", "12ab", &j), 401);
	json_decref(j);
	assert_int_equal(api_call(&u, "POST", "/api/v1/session/mfa", "{\"mfa_token\":\"x\"}", &j),
	    422);
	json_decref(j);
	code_at(secret, step, code);
	assert_int_equal(post_code(&u, tok, "code", code, &j), 200);
	assert_int_equal(json_array_size(json_object_get(j, "recovery_codes")), 10);
	assert_true(json_is_true(json_object_get(json_object_get(j, "user"), "totp_enrolled")));
	json_decref(j);
	assert_int_equal(api_call(&u, "GET", "/api/v1/session", NULL, NULL), 200);
	/* The token is spent. */
	code_at(secret, step + 1, code);
	assert_int_equal(post_code(&u, tok, "code", code, &j), 401);
	assert_string_equal(api_code(j), "mfa_expired");
	json_decref(j);
	client_release(&u);

	/* Next login: verify, no secret; the code of the step used is refused. */
	client_init(&u, &S);
	assert_int_equal(post_password(&u, "dist2fa", pw, &j), 200);
	assert_string_equal(json_string_value(json_object_get(j, "mfa")), "verify");
	assert_null(json_object_get(j, "secret"));
	snprintf(tok, sizeof(tok), "%s", json_string_value(json_object_get(j, "mfa_token")));
	json_decref(j);
	code_at(secret, step, code);
	assert_int_equal(post_code(&u, tok, "code", code, &j), 401);
	json_decref(j);
	code_at(secret, step + 1, code);
	assert_int_equal(post_code(&u, tok, "code", code, &j), 200);
	assert_null(json_object_get(j, "recovery_codes"));
	assert_true(json_is_true(json_object_get(json_object_get(j, "user"),
	    "must_change_password")));
	json_decref(j);
	client_release(&u);
	client_release(&a);
}

/* A recovery code opens one session, once; wrong codes count toward the
 * lockout (SEC-02): the fifth locks even the right password. */
static void
test_api_mfa_recovery_once_and_lockout(void **state)
{
	struct client a, u;
	char pw[64], tok[64], rec[32], secret[64];
	json_t *j = NULL;
	long long id;

	(void)state;
	client_init(&a, &S);
	api_security_admin(&a);
	id = make_user(&a, "sec2fa", "secretary", pw);
	client_init(&u, &S);
	assert_int_equal(post_password(&u, "sec2fa", pw, &j), 200);
	snprintf(tok, sizeof(tok), "%s", json_string_value(json_object_get(j, "mfa_token")));
	snprintf(secret, sizeof(secret), "%s", json_string_value(json_object_get(j, "secret")));
	json_decref(j);
	{
		char code[7];
		long long step = totp_step(time(NULL));

		code_at(secret, step, code);
		assert_int_equal(post_code(&u, tok, "code", code, &j), 200);
	}
	snprintf(rec, sizeof(rec), "%s",
	    json_string_value(json_array_get(json_object_get(j, "recovery_codes"), 3)));
	json_decref(j);
	client_release(&u);
	/* Once. */
	client_init(&u, &S);
	assert_int_equal(post_password(&u, "sec2fa", pw, &j), 200);
	snprintf(tok, sizeof(tok), "%s", json_string_value(json_object_get(j, "mfa_token")));
	json_decref(j);
	assert_int_equal(post_code(&u, tok, "recovery_code", rec, &j), 200);
	json_decref(j);
	client_release(&u);
	client_init(&u, &S);
	assert_int_equal(post_password(&u, "sec2fa", pw, &j), 200);
	snprintf(tok, sizeof(tok), "%s", json_string_value(json_object_get(j, "mfa_token")));
	json_decref(j);
	assert_int_equal(post_code(&u, tok, "recovery_code", rec, &j), 401);
	json_decref(j);
	/* Three more wrong codes: 401; the fifth failure locks. */
	for (int i = 0; i < 3; i++) {
		assert_int_equal(post_code(&u, tok, "code", "000000", &j), 401);
		json_decref(j);
	}
	/* A right password in between gives its attempt back: no reset. */
	assert_int_equal(post_password(&u, "sec2fa", pw, &j), 200);
	json_decref(j);
	assert_int_equal(post_code(&u, tok, "code", "000000", &j), 429);
	assert_string_equal(api_code(j), "locked");
	json_decref(j);
	assert_int_equal(post_password(&u, "sec2fa", pw, &j), 429);
	json_decref(j);
	assert_int_equal(audit_count("mfa_failed", id), 4);
	assert_int_equal(audit_count("lockout", id), 1);
	client_release(&u);
	client_release(&a);
}

/* Two enrolments started with the same password: once the first is done,
 * the second cannot replace the secret (an attacker holding a stolen
 * password must not swap the user's authenticator). */
static void
test_api_mfa_second_enrolment_refused(void **state)
{
	struct client a, u, v;
	char pw[64], tok1[64], tok2[64], sec1[64], sec2[64], code[7];
	json_t *j = NULL;
	long long step;

	(void)state;
	client_init(&a, &S);
	api_security_admin(&a);	/* may wait for a TOTP step: the step is taken below */
	make_user(&a, "twice2fa", "secretary", pw);
	client_init(&u, &S);
	client_init(&v, &S);
	assert_int_equal(post_password(&u, "twice2fa", pw, &j), 200);
	snprintf(tok1, sizeof(tok1), "%s", json_string_value(json_object_get(j, "mfa_token")));
	snprintf(sec1, sizeof(sec1), "%s", json_string_value(json_object_get(j, "secret")));
	json_decref(j);
	assert_int_equal(post_password(&v, "twice2fa", pw, &j), 200);
	assert_string_equal(json_string_value(json_object_get(j, "mfa")), "enroll");
	snprintf(tok2, sizeof(tok2), "%s", json_string_value(json_object_get(j, "mfa_token")));
	snprintf(sec2, sizeof(sec2), "%s", json_string_value(json_object_get(j, "secret")));
	json_decref(j);
	assert_string_not_equal(sec1, sec2);
	step = totp_step(time(NULL));
	code_at(sec1, step, code);
	assert_int_equal(post_code(&u, tok1, "code", code, &j), 200);
	json_decref(j);
	code_at(sec2, step + 1, code);
	assert_int_equal(post_code(&v, tok2, "code", code, &j), 401);
	assert_string_equal(api_code(j), "mfa_expired");
	json_decref(j);
	assert_int_equal(api_signed_in(&v), 0);
	client_release(&u);
	client_release(&v);
	client_release(&a);
}

/* SEC-04, optional for the others: an inspector enrols by choice from a
 * session; the enrolment's token opens no session; from then on the
 * inspector's logins ask for a code. */
static void
test_api_mfa_optional_enrolment(void **state)
{
	struct client a, u, v;
	char tok[64], secret[64], code[7];
	json_t *j = NULL;
	long long step;

	(void)state;
	client_init(&a, &S);
	api_security_admin(&a);	/* may wait for a TOTP step: the step is taken below */
	make_inspector(&a, "opt2fa");
	client_init(&u, &S);
	assert_int_equal(api_login(&u, "opt2fa", USER_PW), 200);
	assert_int_equal(api_call(&u, "POST", "/api/v1/session/totp", NULL, &j), 200);
	assert_string_equal(json_string_value(json_object_get(j, "mfa")), "enroll");
	snprintf(tok, sizeof(tok), "%s", json_string_value(json_object_get(j, "mfa_token")));
	snprintf(secret, sizeof(secret), "%s", json_string_value(json_object_get(j, "secret")));
	json_decref(j);
	step = totp_step(time(NULL));
	/* Not a login token. */
	client_init(&v, &S);
	code_at(secret, step, code);
	assert_int_equal(post_code(&v, tok, "code", code, &j), 401);
	json_decref(j);
	client_release(&v);
	code_at(secret, step + 7, code);
	{
		char body[160];

		snprintf(body, sizeof(body), "{\"mfa_token\":\"%s\",\"code\":\"%s\"}", tok, code);
		assert_int_equal(api_call(&u, "POST", "/api/v1/session/totp/confirm", body, &j), 401);
		json_decref(j);
		code_at(secret, step, code);
		snprintf(body, sizeof(body), "{\"mfa_token\":\"%s\",\"code\":\"%s\"}", tok, code);
		assert_int_equal(api_call(&u, "POST", "/api/v1/session/totp/confirm", body, &j), 200);
	}
	assert_int_equal(json_array_size(json_object_get(j, "recovery_codes")), 10);
	json_decref(j);
	assert_int_equal(api_call(&u, "POST", "/api/v1/session/totp", NULL, &j), 409);
	json_decref(j);
	client_release(&u);
	client_init(&u, &S);
	assert_int_equal(post_password(&u, "opt2fa", USER_PW, &j), 200);
	assert_string_equal(json_string_value(json_object_get(j, "mfa")), "verify");
	snprintf(tok, sizeof(tok), "%s", json_string_value(json_object_get(j, "mfa_token")));
	json_decref(j);
	code_at(secret, step + 1, code);
	assert_int_equal(post_code(&u, tok, "code", code, &j), 200);
	json_decref(j);
	client_release(&u);
	client_release(&a);
}

/* A lost device: the administrator resets the user's TOTP (audited); the
 * user's sessions end, and the next login enrols again. */
static void
test_api_mfa_admin_reset(void **state)
{
	struct client a, u;
	char pw[64], path[64];
	json_t *j = NULL;
	long long id;

	(void)state;
	client_init(&a, &S);
	api_security_admin(&a);
	id = make_user(&a, "lost2fa", "district", pw);
	client_init(&u, &S);
	assert_int_equal(api_login(&u, "lost2fa", pw), 200);
	assert_int_equal(api_call(&u, "GET", "/api/v1/session", NULL, NULL), 200);
	snprintf(path, sizeof(path), "/api/v1/users/%lld/totp", id);
	assert_int_equal(api_call(&u, "DELETE", path, NULL, NULL), 403);
	assert_int_equal(api_call(&a, "DELETE", path, NULL, &j), 200);
	assert_false(json_is_true(json_object_get(j, "totp_enrolled")));
	json_decref(j);
	assert_int_equal(api_call(&a, "DELETE", "/api/v1/users/99999/totp", NULL, NULL), 404);
	assert_int_equal(audit_count("reset_totp", id), 1);
	assert_int_equal(api_signed_in(&u), 0);
	client_release(&u);
	client_init(&u, &S);
	assert_int_equal(post_password(&u, "lost2fa", pw, &j), 200);
	assert_string_equal(json_string_value(json_object_get(j, "mfa")), "enroll");
	json_decref(j);
	api_totp_forget(&S, "lost2fa");
	assert_int_equal(api_login(&u, "lost2fa", pw), 200);
	client_release(&u);
	client_release(&a);
}

/* SEC-05: an administrator's second factor is not the security
 * administrator's to reset (403 admin_account); the server's operator
 * resets it with the CLI (audited), and the next login enrols again. */
static void
test_api_mfa_admin_accounts_reset_by_cli(void **state)
{
	char *args[] = { getenv("HONGYAN_BIN") ? getenv("HONGYAN_BIN") : "build/asan/hongyan",
		"user", "totp-reset", "--db", S.db, "--username", "auditadmin", NULL };
	struct client a, au;
	char out[512];
	json_t *j = NULL;
	long long id;

	(void)state;
	client_init(&au, &S);
	api_audit_admin(&au);	/* enrols through the harness */
	client_release(&au);
	client_init(&a, &S);
	api_security_admin(&a);
	assert_int_equal(api_call(&a, "GET", "/api/v1/users?per_page=100", NULL, &j), 200);
	id = 0;
	for (size_t i = 0; i < json_array_size(json_object_get(j, "items")); i++) {
		json_t *it = json_array_get(json_object_get(j, "items"), i);

		if (!strcmp(json_string_value(json_object_get(it, "username")), "auditadmin"))
			id = json_integer_value(json_object_get(it, "id"));
	}
	json_decref(j);
	assert_true(id > 0);
	snprintf(out, sizeof(out), "/api/v1/users/%lld/totp", id);
	assert_int_equal(api_call(&a, "DELETE", out, NULL, &j), 403);
	assert_string_equal(api_code(j), "admin_account");
	json_decref(j);
	assert_int_equal(audit_count("reset_totp", id), 0);
	assert_int_equal(srv_cli(&S, args, out, sizeof(out)), 0);
	assert_int_equal(audit_count("reset_totp", id), 1);
	api_totp_forget(&S, "auditadmin");
	client_init(&au, &S);
	api_audit_admin(&au);	/* enrols again */
	assert_int_equal(api_call(&au, "GET", "/api/v1/audit?per_page=1", NULL, NULL), 200);
	client_release(&au);
	client_release(&a);
}

/* SEC-01: a staff password older than 90 days must be changed before
 * anything else; within 14 days of that the session says how many days
 * are left. The age is written in the raw database. */
static void
test_api_password_age(void **state)
{
	struct client a, u;
	struct db *db;
	json_t *j = NULL, *user;
	long long id;

	(void)state;
	client_init(&a, &S);
	api_security_admin(&a);
	id = make_inspector(&a, "aged1");
	assert_int_equal(db_open(S.db, 0, &db), ERR_OK);
	assert_int_equal(db_exec(db, "UPDATE app_user SET password_changed_at = ? WHERE id = ?",
	    DB_I64(time(NULL) - 80 * 86400 - 3600), DB_I64(id), DB_END), ERR_OK);
	db_close(db);
	client_init(&u, &S);
	assert_int_equal(api_login(&u, "aged1", USER_PW), 200);
	assert_int_equal(api_call(&u, "GET", "/api/v1/session", NULL, &j), 200);
	user = json_object_get(j, "user");
	assert_int_equal(json_integer_value(json_object_get(user, "password_expires_in_days")), 9);
	assert_false(json_is_true(json_object_get(user, "must_change_password")));
	json_decref(j);
	assert_int_equal(api_call(&u, "GET", "/api/v1/orgs", NULL, NULL), 200);
	assert_int_equal(db_open(S.db, 0, &db), ERR_OK);
	assert_int_equal(db_exec(db, "UPDATE app_user SET password_changed_at = ? WHERE id = ?",
	    DB_I64(time(NULL) - 91 * 86400), DB_I64(id), DB_END), ERR_OK);
	db_close(db);
	assert_int_equal(api_call(&u, "GET", "/api/v1/orgs", NULL, &j), 403);
	assert_string_equal(api_code(j), "password_change_required");
	json_decref(j);
	assert_int_equal(api_call(&u, "GET", "/api/v1/session", NULL, &j), 200);
	user = json_object_get(j, "user");
	assert_true(json_is_true(json_object_get(user, "must_change_password")));
	assert_true(json_is_true(json_object_get(user, "password_expired")));
	json_decref(j);
	assert_int_equal(api_call(&u, "POST", "/api/v1/session/password",
	    "{\"old_password\":\"" USER_PW "\",\"new_password\":\"Fresh#Pass2026q\"}", &j), 200);
	assert_false(json_is_true(json_object_get(json_object_get(j, "user"),
	    "must_change_password")));
	assert_null(json_object_get(json_object_get(j, "user"), "password_expires_in_days"));
	json_decref(j);
	assert_int_equal(api_call(&u, "GET", "/api/v1/orgs", NULL, NULL), 200);
	client_release(&u);
	client_release(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_api_password_change_ends_other_sessions),
		cmocka_unit_test(test_api_admin_reset_ends_all_sessions),
		cmocka_unit_test(test_api_mfa_admin_accounts_reset_by_cli),
		cmocka_unit_test(test_api_lockout_holds_under_parallel_attempts),
		cmocka_unit_test(test_api_mfa_enrol_then_verify_no_replay),
		cmocka_unit_test(test_api_mfa_recovery_once_and_lockout),
		cmocka_unit_test(test_api_mfa_second_enrolment_refused),
		cmocka_unit_test(test_api_mfa_optional_enrolment),
		cmocka_unit_test(test_api_mfa_admin_reset),
		cmocka_unit_test(test_api_password_age),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}

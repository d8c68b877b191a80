/* api.h: black-box HTTP test harness: starts the real hongyan binary
 * (HONGYAN_BIN) on a free loopback port with a fresh database, and talks
 * to it with libcurl. Each client keeps its own cookies and CSRF token. */
#ifndef HY_TEST_API_H
#define HY_TEST_API_H

#include <jansson.h>
#include <sys/types.h>

/* The TOTP secret a user enrolled with (SEC-04) and the last step the
 * harness used, so that no code is sent twice (the server refuses replays). */
struct api_totp {
	char user[40];
	char secret[64];
	long long last_step;
};

#define API_TOTP_MAX 128

struct srv {
	char dir[256];		/* temp folder holding the database */
	char db[300];
	char admin_pw[64];	/* the system administrator's one-time password */
	char secadmin_pw[64];	/* the security administrator's (SEC-05) */
	char auditadmin_pw[64];	/* the audit administrator's */
	char district_pw[64];	/* quwei01's, the district account for business work */
	char inspector_pw[64];	/* the demo's ducha01's (empty without the demo) */
	char base[96];		/* http://127.0.0.1:PORT */
	pid_t pid;
	struct api_totp *totp;	/* API_TOTP_MAX entries, by srv_start; freed by srv_stop */
};

struct client {
	void *curl;
	char csrf[64];
	const struct srv *s;
};

/* Creates a database (init --demo when demo) and serves it; extra_env is
 * "NAME=value" or NULL. init makes the three administrators (admin,
 * secadmin, auditadmin); the demo has the district account quwei01, and
 * without the demo srv_start adds it with the CLI. Returns 0 on success. */
int srv_start(struct srv *s, int demo, const char *extra_env);
/* Serves the same database again with other settings (the old one stops). */
int srv_restart(struct srv *s, const char *extra_env);
/* Same, with one more "--flag value" pair on the serve command line. */
int srv_restart_flag(struct srv *s, const char *extra_env, const char *flag, const char *value);
void srv_stop(struct srv *s);
/* Runs the binary with args (a NULL-terminated list) and returns its exit code;
 * stdout goes into out (may be NULL). */
int srv_cli(const struct srv *s, char *const args[], char *out, size_t outlen);

void client_init(struct client *c, const struct srv *s);
void client_release(struct client *c);
/* Sends a request; body may be NULL. *json gets the parsed answer (caller
 * decrefs; NULL if not JSON). Returns the HTTP status. Sends X-CSRF-Token
 * when the client has one. */
long api_call(struct client *c, const char *method, const char *path, const char *body,
    json_t **json);
/* Same, with raw headers out (for Set-Cookie / Retry-After checks). */
long api_call_h(struct client *c, const char *method, const char *path, const char *body,
    json_t **json, char *headers, size_t hlen);
/* Logs in and remembers the CSRF token; returns the status. When the
 * server asks for a second factor (SEC-04) it completes it: at enrolment it
 * keeps the secret per username, and it computes the code from it, waiting
 * for the next 30 s step rather than sending a code twice. */
long api_login(struct client *c, const char *user, const char *password);
/* The second step of a login: POST /api/v1/session/mfa with token and the
 * code of user's next unused step; the status. */
long api_mfa(struct client *c, const char *user, const char *token);
/* The base32 secret user enrolled with through the harness, or NULL. */
const char *api_totp_secret(const struct srv *s, const char *user);
/* Forgets user's secret (after an admin reset of their TOTP). */
void api_totp_forget(const struct srv *s, const char *user);
/* Records that step was used for user (a test that sent a code itself). */
void api_totp_used(const struct srv *s, const char *user, long long step);
/* The district account that does the tests' business work (quwei01, all
 * organizations; SEC-05 keeps the administrators out of business data):
 * logs in and completes the forced password change to newpw. */
void api_admin(struct client *c, const char *newpw);
#define API_DISTRICT_USER "quwei01"
/* Log c in as one of the three administrators (SEC-05), making the forced
 * password change to a fixed password of theirs the first time. */
void api_sysadmin(struct client *c);
void api_security_admin(struct client *c);
void api_audit_admin(struct client *c);
/* Creates a user through the security administrator (POST /api/v1/users
 * with body, which names username name and no password), logs c in with
 * the generated password and makes the forced change to "New#Pass2026x".
 * admin only gives the server. 0 on success. */
int api_user_client(struct client *admin, struct client *c, const char *body, const char *name);
/* Makes to use from's session (its cookies and CSRF token): several
 * connections of one logged-in user without a login (and its TOTP step)
 * each. */
void api_share_session(struct client *to, const struct client *from);
/* Whether c has a session by GET /api/v1/session (issue 12: 200 with
 * authenticated true or false, never 401): 1, 0, or -1 for any other answer. */
int api_signed_in(struct client *c);
/* GETs path as c with the body written raw into the file at file (an
 * export); returns the status. */
long api_get_file(struct client *c, const char *path, const char *file);
/* The first column of the first row of sql (no parameters) on the raw
 * database file, as an integer; -1 when there is none. */
long long api_db_i64(const struct srv *s, const char *sql);
/* Files in the server's files folder (<db>.files), temp files included. */
int api_count_files(const struct srv *s);
/* Makes c a secretary scoped to org (api_user_client through admin, the
 * security administrator's client); 0 on success. */
int api_secretary(struct client *admin, struct client *c, const char *name, long long org);
/* Whether GET a and GET b as c both answer 200 with the same bytes, and
 * those are want (n bytes): an older file route and the attachments' one
 * (issue 19). */
int api_same_bytes(struct client *c, const char *a, const char *b, const void *want, size_t n);
/* The rows of table in s's database, read from the file (-1 on failure). */
long long api_count_rows(const struct srv *s, const char *table);
/* A route pattern ("/api/v1/x/:id/y") with each ":id" replaced by id. */
void api_fill_id(const char *pattern, const char *id, char *out, size_t len);
/* The error code of an error answer, or "". */
const char *api_code(json_t *j);
/* Whether an error answer names field. */
int api_has_field(json_t *j, const char *field);

#endif

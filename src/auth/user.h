/* user.h: user accounts: creation and changes by administrators and the
 * CLI, password changes by their owners, and login with lockout (RULES.md
 * SEC-01, SEC-02, SEC-05). Every write runs in one transaction with its
 * audit row. Strings in results live in the caller's arena. */
#ifndef HY_USER_H
#define HY_USER_H

#include <stdint.h>

#include "auth/who.h"
#include "core/arena.h"
#include "db/db.h"

#define USER_SCOPE_MAX 16

struct user {
	int64_t id;
	const char *username;
	enum role role;
	int64_t member_id;
	int disabled;
	int must_change;
	int64_t locked_until;
	int64_t created_at;
	int64_t password_changed_at;
	int totp_enrolled;	/* SEC-04: a TOTP secret is set */
	int nscope;
	int64_t scope[USER_SCOPE_MAX];
};

struct user_in {
	const char *username;	/* NULL: unchanged (update) */
	const char *password;	/* NULL: generate one (create) / unchanged (update) */
	enum role role;		/* 0: unchanged */
	int set_scope;
	int nscope;
	const int64_t *scope;
	int set_member;		/* member_id given (0 clears it) */
	int64_t member_id;
	int set_disabled;
	int disabled;
};

/* Creates a user. When in->password is NULL a password is generated into
 * generated (17 bytes) and the user must change it at first login; so
 * must a user whose password was chosen by someone else, unless
 * self_chosen (the operator's own HONGYAN_ADMIN_PASSWORD). ERR_INVALID
 * with fields, ERR_CONFLICT for a taken username. */
enum err user_create(struct db *db, const struct who *actor, const struct user_in *in,
    int self_chosen, struct problem *pb, int64_t *id, char generated[17]);
/* Applies the set fields of in; a new password forces a change at next
 * login and ends all the user's sessions. ERR_NOT_FOUND for an unknown id. */
enum err user_update(struct db *db, const struct who *actor, int64_t id, const struct user_in *in,
    struct problem *pb);
/* The user's own change: old must verify, new must meet the policy and
 * differ from the last cfg.password_history passwords. Clears must_change
 * and ends every other session of the user (all but keep_token_hash, the
 * session making the change), in the same transaction. */
enum err user_change_password(struct db *db, const struct who *w, const char *keep_token_hash,
    const char *old_pw, const char *new_pw, struct problem *pb);

enum err user_get(struct db *db, int64_t id, struct arena *a, struct user *u);
enum err user_get_by_name(struct db *db, const char *username, struct arena *a, struct user *u);

struct user_page {
	int n;
	struct user *v;
	int64_t total;
};

/* A filter of the users list (issue 12, 用户管理 search); NULL fields
 * filter nothing. like: a LIKE pattern (ESCAPE '!', listq_like) on the
 * username; role: a role name. */
struct user_filter {
	const char *like;
	const char *role;
};

/* One page of the users f selects (f may be NULL: all), ordered by id
 * (page from 1); total counts what f selects. Filtered and paged in SQL. */
enum err user_list(struct db *db, const struct user_filter *f, int64_t page, int64_t per_page,
    struct arena *a, struct user_page *out);

/* Checks a login: on success fills *uid and writes nothing (the session
 * layer opens the session and audits it in one transaction). Failures are
 * counted and audited here. Returns ERR_UNAUTH (bad_credentials) or
 * ERR_LOCKED with pb->retry_after. */
enum err user_login(struct db *db, const char *address, const char *username,
    const char *password, struct problem *pb, int64_t *uid);

/* The lockout (SEC-02, hole 5): an attempt at a secret (password or second
 * factor) is reserved before the secret is checked, in one statement that
 * increments failed_count unless the account is locked or the threshold's
 * attempts are all taken. *n is the attempt's number (1..threshold);
 * ERR_LOCKED (audited login_locked, pb->retry_after) when none is left. */
enum err user_attempt_reserve(struct db *db, const struct who *w, int64_t uid, struct problem *pb,
    int64_t *n);
/* A reserved attempt n failed: audits action, and the attempt numbered the
 * threshold locks the account. ERR_UNAUTH (bad_credentials) or ERR_LOCKED. */
enum err user_attempt_failed(struct db *db, const struct who *w, int64_t uid, int64_t n,
    const char *action, struct problem *pb);
/* A right password whose login still needs the second factor gives its
 * attempt back (the count only falls, never below 0). */
enum err user_attempt_release(struct db *db, int64_t uid);
/* A completed login: the count back to 0, unless a lock was written
 * meanwhile (a lock is never cleared here). The caller's transaction. */
enum err user_attempts_reset(struct db *db, int64_t uid);

/* SEC-01: whether a user of role whose password was set at changed_at
 * must change it now: staff roles, older than cfg.password_max_age_days
 * (0 turns the rule off). */
int user_password_too_old(enum role role, int64_t changed_at, int64_t now);
int user_password_expired(const struct user *u);
/* Whole days left before the change is due when that is within
 * cfg.password_warn_days (0 on the last day), else -1. */
int64_t user_password_warn_days(const struct user *u);

/* Checks username format: 3-32 of [A-Za-z0-9_.-]. */
int user_name_valid(const char *s);

#endif

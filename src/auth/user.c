#include "core/common.h"
#include "auth/user.h"
#include "auth/audit.h"
#include "auth/crypto.h"
#include "auth/password.h"
#include "auth/user_store.h"
#include "core/config.h"

#include <pthread.h>
#include <sodium.h>

int
user_name_valid(const char *s)
{
	size_t n = strlen(s);

	if (n < 3 || n > 32)
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		    (*s >= '0' && *s <= '9') || *s == '_' || *s == '.' || *s == '-'))
			return 0;
	return 1;
}

/* Checks that every scope org exists and the member is an active one. */
static void
check_refs(struct db *db, const struct user_in *in, struct problem *pb)
{
	int64_t v;

	for (int i = 0; in->set_scope && i < in->nscope; i++)
		if (db_get_i64(db, &v, "SELECT id FROM org WHERE id = ?", DB_I64(in->scope[i]), DB_END))
			problem_field(pb, "scope", "组织 %" PRId64 " 不存在", in->scope[i]);
	/* Only a current member gets an account: not one still arriving
	 * (incoming), nor one who left. */
	if (in->set_member && in->member_id &&
	    db_get_i64(db, &v, "SELECT id FROM member WHERE id = ? AND state = 'active'",
	    DB_I64(in->member_id), DB_END))
		problem_field(pb, "member_id", "党员不存在或不是正常状态的党员");
}

static void
check_input(const struct user_in *in, int create, struct problem *pb)
{
	const char *why;

	if ((create || in->username) && (!in->username || !user_name_valid(in->username)))
		problem_field(pb, "username", "用户名为 3-32 位字母、数字、下划线、点或连字符");
	if (create && !in->role)
		problem_field(pb, "role", "必填");
	if (in->password &&
	    (why = password_check(in->password, cfg.password_min_len, cfg.password_classes)))
		problem_field(pb, "password", "%s", why);
	if (in->set_scope && in->nscope > USER_SCOPE_MAX)
		problem_field(pb, "scope", "最多 %d 个组织", USER_SCOPE_MAX);
	/* Issue 13: the office sees every school and a 督学 the schools the
	 * office assigns (PRIN-10); neither has organizations in scope. */
	if (in->set_scope && in->nscope && (in->role & ROLES_SUPERVISION))
		problem_field(pb, "scope", "督导室和责任督学不按党组织设管辖范围（督学的学校由督导室挂牌分配）");
}

enum err
user_create(struct db *db, const struct who *actor, const struct user_in *in, int self_chosen,
    struct problem *pb, int64_t *id, char generated[17])
{
	struct arena a = ARENA_INIT;
	const char *pw = in->password;
	char hash[128];
	struct user u;
	enum err e;

	check_input(in, 1, pb);
	if (pb->nfields)
		return ERR_INVALID;
	if (!pw) {
		crypto_random_password(generated);
		pw = generated;
	}
	if ((e = crypto_password_hash(pw, hash)))
		return e;
	if ((e = db_begin(db)))
		return e;
	check_refs(db, in, pb);
	e = pb->nfields ? ERR_INVALID : ERR_OK;
	if (!e)
		e = store_user_insert(db, in->username, hash, in->role,
		    in->set_member ? in->member_id : 0, !(in->password && self_chosen), id);
	if (e == ERR_CONFLICT)
		problem_field(pb, "username", "用户名已存在");
	if (!e && in->set_scope)
		e = store_user_set_scope(db, *id, in->nscope, in->scope);
	if (!e)
		e = store_user_get(db, "id", DB_I64(*id), &a, &u, NULL);
	if (!e)
		e = audit_write(db, actor, "create", "user", *id, NULL, store_user_json(&u, &a), 1);
	sodium_memzero(hash, sizeof(hash));
	arena_release(&a);
	return db_end(db, e);
}

static enum err
apply_update(struct db *db, int64_t id, const struct user_in *in)
{
	int64_t now = time(NULL);
	enum err e = ERR_OK;

	if (in->username)
		e = db_exec(db, "UPDATE app_user SET username = ?, updated_at = ? WHERE id = ?",
		    DB_TEXT(in->username), DB_I64(now), DB_I64(id), DB_END);
	if (!e && in->role)
		e = db_exec(db, "UPDATE app_user SET role = ?, updated_at = ? WHERE id = ?",
		    DB_TEXT(role_name(in->role)), DB_I64(now), DB_I64(id), DB_END);
	if (!e && in->set_member)
		e = db_exec(db, "UPDATE app_user SET member_id = ?, updated_at = ? WHERE id = ?",
		    in->member_id ? DB_I64(in->member_id) : DB_NULL, DB_I64(now), DB_I64(id), DB_END);
	if (!e && in->set_disabled)
		e = db_exec(db, "UPDATE app_user SET disabled = ?, updated_at = ? WHERE id = ?",
		    DB_I64(in->disabled), DB_I64(now), DB_I64(id), DB_END);
	/* A disabled user's sessions end now, not at their idle timeout. */
	if (!e && in->set_disabled && in->disabled)
		e = db_exec(db, "DELETE FROM session WHERE user_id = ?", DB_I64(id), DB_END);
	if (!e && in->set_scope)
		e = store_user_set_scope(db, id, in->nscope, in->scope);
	return e;
}

enum err
user_update(struct db *db, const struct who *actor, int64_t id, const struct user_in *in,
    struct problem *pb)
{
	struct arena a = ARENA_INIT;
	struct user before, after;
	char hash[128] = "";
	enum err e;

	check_input(in, 0, pb);
	if (pb->nfields)
		return ERR_INVALID;
	if (in->password && (e = crypto_password_hash(in->password, hash)))
		return e;
	if ((e = db_begin(db)))
		return e;
	e = store_user_get(db, "id", DB_I64(id), &a, &before, NULL);
	if (!e) {
		check_refs(db, in, pb);
		e = pb->nfields ? ERR_INVALID : apply_update(db, id, in);
	}
	if (e == ERR_CONFLICT)
		problem_field(pb, "username", "用户名已存在");
	/* A reset ends every session of the user (hole 2): a stolen session
	 * must not outlive the password it was opened with. */
	if (!e && in->password)
		e = store_user_set_password(db, id, hash, 1);
	if (!e && in->password)
		e = db_exec(db, "DELETE FROM session WHERE user_id = ?", DB_I64(id), DB_END);
	if (!e)
		e = store_user_get(db, "id", DB_I64(id), &a, &after, NULL);
	if (!e)
		e = audit_write(db, actor, in->password ? "update+reset_password" : "update", "user",
		    id, store_user_json(&before, &a), store_user_json(&after, &a), 1);
	sodium_memzero(hash, sizeof(hash));
	arena_release(&a);
	return db_end(db, e);
}

static int
reused(struct db *db, int64_t uid, const char *pw, struct arena *a)
{
	char *old[32];
	int n = 0;

	if (cfg.password_history <= 0)
		return 0;
	if (store_user_history(db, uid, cfg.password_history < 32 ? cfg.password_history : 32, a,
	    old, &n))
		return 0;
	for (int i = 0; i < n; i++)
		if (crypto_password_verify(old[i], pw))
			return 1;
	return 0;
}

enum err
user_change_password(struct db *db, const struct who *w, const char *keep_token_hash,
    const char *old_pw, const char *new_pw, struct problem *pb)
{
	struct arena a = ARENA_INIT;
	const char *why;
	char *cur = NULL, hash[128];
	struct user u;
	enum err e;

	e = store_user_get(db, "id", DB_I64(w->user_id), &a, &u, &cur);
	if (!e && !crypto_password_verify(cur, old_pw))
		e = problem_field(pb, "old_password", "原密码不正确");
	if (!e && (why = password_check(new_pw, cfg.password_min_len, cfg.password_classes)))
		e = problem_field(pb, "new_password", "%s", why);
	if (!e && reused(db, w->user_id, new_pw, &a))
		e = problem_field(pb, "new_password", "不能与最近 %ld 次使用过的密码相同",
		    cfg.password_history);
	if (!e)
		e = crypto_password_hash(new_pw, hash);
	arena_release(&a);
	if (e)
		return e;
	if ((e = db_begin(db)))
		return e;
	e = store_user_set_password(db, w->user_id, hash, 0);
	/* Every other session of the user ends with the old password (hole 2). */
	if (!e)
		e = db_exec(db, "DELETE FROM session WHERE user_id = ? AND token_hash <> ?",
		    DB_I64(w->user_id), DB_TEXT(keep_token_hash ? keep_token_hash : ""), DB_END);
	if (!e)
		e = audit_write(db, w, "change_password", "user", w->user_id, NULL, NULL, 1);
	sodium_memzero(hash, sizeof(hash));
	return db_end(db, e);
}

enum err
user_get(struct db *db, int64_t id, struct arena *a, struct user *u)
{
	return store_user_get(db, "id", DB_I64(id), a, u, NULL);
}

enum err
user_get_by_name(struct db *db, const char *username, struct arena *a, struct user *u)
{
	return store_user_get(db, "username", DB_TEXT(username), a, u, NULL);
}

enum err
user_list(struct db *db, const struct user_filter *f, int64_t page, int64_t per_page,
    struct arena *a, struct user_page *out)
{
	static const struct user_filter none = { NULL, NULL };

	return store_user_list(db, f ? f : &none, page, per_page, a, out);
}

/* ---- password age (SEC-01) ---- */

int
user_password_too_old(enum role role, int64_t changed_at, int64_t now)
{
	return cfg.password_max_age_days > 0 && (role & (ROLES_STAFF | ROLES_SUPERVISION)) &&
	    now - changed_at >= cfg.password_max_age_days * 86400;
}

int
user_password_expired(const struct user *u)
{
	return user_password_too_old(u->role, u->password_changed_at, time(NULL));
}

int64_t
user_password_warn_days(const struct user *u)
{
	int64_t left = u->password_changed_at + cfg.password_max_age_days * 86400 - time(NULL);

	if (cfg.password_max_age_days <= 0 || !(u->role & (ROLES_STAFF | ROLES_SUPERVISION)) || left <= 0 ||
	    left > cfg.password_warn_days * 86400)
		return -1;
	return left / 86400;
}

/* ---- login with lockout (SEC-02) ---- */

static char dummy_hash[128];
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;

static void
make_dummy_hash(void)
{
	char pw[17];

	crypto_random_password(pw);
	if (crypto_password_hash(pw, dummy_hash))
		dummy_hash[0] = '\0';
}

struct login_row {
	int64_t id;
	char *hash;
	int disabled;
};

static enum err
login_row_get(struct db *db, const char *username, struct arena *a, struct login_row *lr)
{
	struct db_rows r;
	enum err e = db_query(db, &r, "SELECT id, pw_hash, disabled FROM app_user WHERE username = ?",
	    DB_TEXT(username), DB_END);

	if (e)
		return e;
	e = db_next(&r);
	if (!e) {
		lr->id = db_i64(&r, 0);
		lr->hash = arena_strdup(a, db_text(&r, 1));
		lr->disabled = (int)db_i64(&r, 2);
	}
	db_rows_close(&r);
	return e;
}

/* The refusal of a locked account: audited as login_locked (no secret was
 * checked), 429 with the seconds left. */
static enum err
attempt_refused(struct db *db, const struct who *w, int64_t uid, struct problem *pb)
{
	int64_t now = time(NULL), until = 0;

	db_get_i64(db, &until, "SELECT locked_until FROM app_user WHERE id = ?", DB_I64(uid), DB_END);
	/* All attempts taken but the lock not yet written: a second. */
	pb->retry_after = until > now ? until - now : 1;
	audit_write_alone(db, w, "login_locked", "user", uid, NULL, 0);
	return ERR_LOCKED;
}

enum err
user_attempt_reserve(struct db *db, const struct who *w, int64_t uid, struct problem *pb,
    int64_t *n)
{
	enum err e;

	/* One statement, so parallel requests each get their own number and
	 * no more than the threshold of them get one at all (hole 5). */
	e = db_get_i64(db, n, "UPDATE app_user SET failed_count = failed_count + 1 WHERE id = ?"
	    " AND locked_until <= ? AND failed_count < ? RETURNING failed_count", DB_I64(uid),
	    DB_I64(time(NULL)), DB_I64(cfg.lockout_threshold), DB_END);
	if (e == ERR_NOT_FOUND)
		return attempt_refused(db, w, uid, pb);
	return e;
}

enum err
user_attempt_failed(struct db *db, const struct who *w, int64_t uid, int64_t n,
    const char *action, struct problem *pb)
{
	int64_t now = time(NULL);
	int lock = n >= cfg.lockout_threshold;
	enum err e = db_begin(db);

	/* Only the holder of the last attempt writes the lock; the count was
	 * already taken, so nothing here writes it from a read. */
	if (!e && lock)
		e = db_exec(db, "UPDATE app_user SET failed_count = 0, locked_until = ? WHERE id = ?",
		    DB_I64(now + cfg.lockout_s), DB_I64(uid), DB_END);
	if (!e)
		e = audit_write(db, w, lock ? "lockout" : action, "user", uid, NULL, NULL, 0);
	e = db_end(db, e);
	if (e)
		return e;
	if (lock) {
		pb->retry_after = cfg.lockout_s;
		return ERR_LOCKED;
	}
	return problem_set(pb, ERR_UNAUTH, "bad_credentials", "用户名或密码错误");
}

enum err
user_attempt_release(struct db *db, int64_t uid)
{
	return db_exec(db, "UPDATE app_user SET failed_count = failed_count - 1 WHERE id = ?"
	    " AND failed_count > 0", DB_I64(uid), DB_END);
}

enum err
user_attempts_reset(struct db *db, int64_t uid)
{
	return db_exec(db, "UPDATE app_user SET failed_count = 0 WHERE id = ? AND locked_until <= ?",
	    DB_I64(uid), DB_I64(time(NULL)), DB_END);
}

enum err
user_login(struct db *db, const char *address, const char *username, const char *password,
    struct problem *pb, int64_t *uid)
{
	struct who w = { .username = username, .address = address };
	struct arena a = ARENA_INIT;
	struct login_row lr = { 0 };
	enum err e = login_row_get(db, username, &a, &lr);
	int64_t n = 0;
	int ok;

	if (e && e != ERR_NOT_FOUND)
		goto out;
	/* The attempt is taken before the password is checked (SEC-02). */
	if (lr.id && !lr.disabled && (e = user_attempt_reserve(db, &w, lr.id, pb, &n)))
		goto out;
	/* Unknown users cost a hash too, so timing does not tell them apart. */
	pthread_once(&dummy_once, make_dummy_hash);
	ok = crypto_password_verify(lr.hash ? lr.hash : dummy_hash, password);
	if (!lr.id || lr.disabled) {
		audit_write_alone(db, &w, "login_failed", "user", lr.id, NULL, 0);
		e = problem_set(pb, ERR_UNAUTH, "bad_credentials", "用户名或密码错误");
		goto out;
	}
	if (!ok) {
		e = user_attempt_failed(db, &w, lr.id, n, "login_failed", pb);
		goto out;
	}
	e = ERR_OK;
	*uid = lr.id;	/* the caller opens the session and audits the login */
out:
	arena_release(&a);
	return e;
}

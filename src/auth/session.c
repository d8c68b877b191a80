#include "core/common.h"
#include "auth/session.h"
#include "auth/audit.h"
#include "auth/crypto.h"
#include "auth/mfa.h"
#include "auth/user.h"
#include "core/config.h"
#include "db/db.h"
#include "http/json_in.h"
#include "http/reply.h"

#define COOKIE "hy_session"
#define REFRESH_S 60

static enum err
load_scope(struct req *rq, int64_t uid)
{
	struct who *w = &rq->who;
	struct db_rows r;
	enum err e;

	w->paths = arena_alloc(&rq->arena, sizeof(char *) * USER_SCOPE_MAX);
	w->scope_ids = arena_alloc(&rq->arena, sizeof(int64_t) * USER_SCOPE_MAX);
	/* Issue 13: the supervision office and a 督学 have no organization in
	 * scope, whatever user_scope rows an earlier role left: their platform
	 * scopes by school (principal/principal.h). */
	if (w->role & ROLES_SUPERVISION)
		return ERR_OK;
	if (w->role == ROLE_MEMBER)
		e = db_query(rq->db, &r, "SELECT o.id, o.path FROM member m JOIN org o ON o.id = m.org_id"
		    " WHERE m.id = ?", DB_I64(w->member_id), DB_END);
	else
		e = db_query(rq->db, &r, "SELECT o.id, o.path FROM user_scope s JOIN org o"
		    " ON o.id = s.org_id WHERE s.user_id = ? ORDER BY o.path", DB_I64(uid), DB_END);
	if (e)
		return e;
	while (w->nscope < USER_SCOPE_MAX && (e = db_next(&r)) == ERR_OK) {
		w->scope_ids[w->nscope] = db_i64(&r, 0);
		w->paths[w->nscope++] = arena_strdup(&rq->arena, db_text(&r, 1));
	}
	db_rows_close(&r);
	return e == ERR_NOT_FOUND || e == ERR_OK ? ERR_OK : e;
}

/* Whether the request says it is a background poll (issue 12). */
static int
is_poll(struct req *rq)
{
	const char *h = req_header(rq, "X-Hongyan-Poll");

	return h && !strcmp(h, "1");
}

static enum err
session_touch(struct req *rq, const char *th, int64_t last_seen)
{
	int64_t now = time(NULL);

	if (now - last_seen > cfg.session_idle_s) {
		db_exec(rq->db, "DELETE FROM session WHERE token_hash = ?", DB_TEXT(th), DB_END);
		return ERR_UNAUTH;
	}
	/* Refresh the idle clock at most once a minute, not on every request.
	 * SEC-02: a background poll (the bell's unread count, sent with
	 * "X-Hongyan-Poll: 1") is not the user's activity: it must not keep an
	 * unattended console logged in. */
	if (now - last_seen >= REFRESH_S && !is_poll(rq))
		return db_exec(rq->db, "UPDATE session SET last_seen = ? WHERE token_hash = ?",
		    DB_I64(now), DB_TEXT(th), DB_END);
	return ERR_OK;
}

enum err
session_load(struct req *rq, struct problem *pb)
{
	const char *tok = req_cookie(rq, COOKIE);
	char th[CRYPTO_MAC_HEX];
	struct db_rows r;
	int64_t uid, last_seen;
	enum err e;

	(void)pb;
	if (!tok || strlen(tok) != 43)
		return ERR_UNAUTH;
	crypto_token_hash(tok, th);
	e = db_query(rq->db, &r, "SELECT s.user_id, s.csrf, s.last_seen, u.username, u.role,"
	    " COALESCE(u.member_id, 0), u.must_change, u.password_changed_at FROM session s"
	    " JOIN app_user u ON u.id = s.user_id WHERE s.token_hash = ? AND u.disabled = 0",
	    DB_TEXT(th), DB_END);
	if (e)
		return e;
	e = db_next(&r);
	if (e) {
		db_rows_close(&r);
		return e == ERR_NOT_FOUND ? ERR_UNAUTH : e;
	}
	uid = db_i64(&r, 0);
	rq->csrf = arena_strdup(&rq->arena, db_text(&r, 1));
	last_seen = db_i64(&r, 2);
	rq->who.user_id = uid;
	rq->who.username = arena_strdup(&rq->arena, db_text(&r, 3));
	rq->who.role = role_parse(db_text(&r, 4));
	rq->who.member_id = db_i64(&r, 5);
	/* SEC-01: a staff password past its age is changed before anything else. */
	rq->must_change = (int)db_i64(&r, 6) ||
	    user_password_too_old(rq->who.role, db_i64(&r, 7), time(NULL));
	rq->who.all = rq->who.role == ROLE_DISTRICT;	/* SEC-05: administrators see no business data */
	db_rows_close(&r);
	rq->token_hash = arena_strdup(&rq->arena, th);
	if ((e = session_touch(rq, th, last_seen)))
		return e;
	return load_scope(rq, uid);
}

static void
write_user(struct jw *w, const struct user *u)
{
	jw_key(w, "user");
	jw_obj(w);
	jw_kint(w, "id", u->id);
	jw_kstr(w, "username", u->username);
	jw_kstr(w, "role", role_name(u->role));
	jw_kstr(w, "role_label", role_label(u->role));
	jw_kid(w, "member_id", u->member_id);
	jw_key(w, "scope");
	jw_arr(w);
	for (int i = 0; i < u->nscope; i++)
		jw_int(w, u->scope[i]);
	jw_arr_end(w);
	jw_kbool(w, "must_change_password", u->must_change || user_password_expired(u));
	jw_kbool(w, "password_expired", user_password_expired(u));
	/* SEC-01: the console warns this many days before the change is due. */
	if (user_password_warn_days(u) >= 0)
		jw_kint(w, "password_expires_in_days", user_password_warn_days(u));
	jw_kbool(w, "totp_enrolled", u->totp_enrolled);
	jw_obj_end(w);
}

enum err
session_reply(struct req *rq, struct reply *rp, int64_t uid, const char *csrf,
    const char *const *recovery, int nrecovery)
{
	struct user u;
	struct jw w;
	enum err e = user_get(rq->db, uid, &rq->arena, &u);

	if (e)
		return e == ERR_NOT_FOUND ? ERR_UNAUTH : e;
	reply_json_begin(rp, 200, &w);
	jw_obj(&w);
	jw_kbool(&w, "authenticated", 1);
	write_user(&w, &u);
	jw_kstr(&w, "csrf_token", csrf);
	if (nrecovery) {
		jw_key(&w, "recovery_codes");	/* shown once, stored hashed */
		jw_arr(&w);
		for (int i = 0; i < nrecovery; i++)
			jw_str(&w, recovery[i]);
		jw_arr_end(&w);
	}
	jw_obj_end(&w);
	return reply_json_end(rp, &w);
}

static enum err
reply_session(struct req *rq, struct reply *rp, int64_t uid, const char *csrf)
{
	return session_reply(rq, rp, uid, csrf, NULL, 0);
}

struct login_in {
	struct json_present p;
	const char *username, *password;
};

static const struct json_field login_fields[] = {
	{ "username", JF_STR, JF_REQUIRED, 0, 64, offsetof(struct login_in, username), NULL },
	{ "password", JF_TEXT, JF_REQUIRED, 0, 128, offsetof(struct login_in, password), NULL },
};

enum err
session_open(struct req *rq, struct reply *rp, int64_t uid, session_also_fn also, void *ctx,
    char csrf[44])
{
	char tok[44];
	char th[CRYPTO_MAC_HEX];
	int64_t now = time(NULL);
	enum err e;

	crypto_random_token(tok);
	crypto_random_token(csrf);
	crypto_token_hash(tok, th);
	rq->who.user_id = uid;
	if ((e = db_begin(rq->db)))
		return e;
	/* Expired sessions are swept here, where sessions are made. */
	e = db_exec(rq->db, "DELETE FROM session WHERE last_seen < ?",
	    DB_I64(now - cfg.session_idle_s), DB_END);
	if (!e)
		e = user_attempts_reset(rq->db, uid);
	if (!e)
		e = db_exec(rq->db, "INSERT INTO session (token_hash, user_id, csrf, created_at,"
		    " last_seen, address) VALUES (?,?,?,?,?,?)", DB_TEXT(th), DB_I64(uid),
		    DB_TEXT(csrf), DB_I64(now), DB_I64(now), DB_TEXT(rq->address), DB_END);
	if (!e)
		e = audit_write(rq->db, &rq->who, "login", "session", uid, NULL, NULL, 1);
	if (!e && also)
		e = also(rq, ctx);
	if ((e = db_end(rq->db, e)))
		return e;
	/* Secure when the request came over TLS or a trusted proxy says so. */
	rp->set_cookie = arena_printf(&rq->arena, COOKIE "=%s; Path=/; HttpOnly; SameSite=Strict%s", tok,
	    req_is_https(rq) ? "; Secure" : "");
	return ERR_OK;
}

enum err
api_session_create(struct req *rq, struct reply *rp)
{
	struct login_in in = { 0 };
	char csrf[44];
	int64_t uid;
	enum err e;

	e = json_in_object(rq, &rp->problem, login_fields, ARRAY_SIZE(login_fields), JSON_CREATE,
	    &in);
	if (e)
		return e;
	e = user_login(rq->db, rq->address, in.username, in.password, &rp->problem, &uid);
	if (e)
		return e;
	rq->who.username = in.username;
	/* SEC-04: a user who needs a second factor gets its step instead. */
	e = mfa_begin(rq, rp, uid);
	if (e != ERR_NOT_FOUND)
		return e;
	if ((e = session_open(rq, rp, uid, NULL, NULL, csrf)))
		return e;
	return reply_session(rq, rp, uid, csrf);
}

/* GET /session is public so that a console checking for a session before
 * login gets no error: without a valid session (no cookie, or one that has
 * ended) the answer is 200 {"authenticated":false} and nothing else; a
 * stale cookie is cleared. With one it is the session, as after login. */
enum err
api_session_get(struct req *rq, struct reply *rp)
{
	enum err e = session_load(rq, &rp->problem);
	struct jw w;

	if (e == ERR_OK)
		return reply_session(rq, rp, rq->who.user_id, rq->csrf);
	if (e != ERR_UNAUTH)
		return e;
	if (req_cookie(rq, COOKIE))
		rp->set_cookie = COOKIE "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0";
	reply_json_begin(rp, 200, &w);
	jw_obj(&w);
	jw_kbool(&w, "authenticated", 0);
	jw_obj_end(&w);
	return reply_json_end(rp, &w);
}

enum err
api_session_delete(struct req *rq, struct reply *rp)
{
	struct jw w;
	enum err e = db_begin(rq->db);

	if (!e)
		e = db_exec(rq->db, "DELETE FROM session WHERE token_hash = ?", DB_TEXT(rq->token_hash),
		    DB_END);
	if (!e)
		e = audit_write(rq->db, &rq->who, "logout", "session", rq->who.user_id, NULL, NULL, 1);
	e = db_end(rq->db, e);
	if (e)
		return e;
	rp->set_cookie = COOKIE "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0";
	reply_json_begin(rp, 200, &w);
	jw_obj(&w);
	jw_kbool(&w, "ok", 1);
	jw_obj_end(&w);
	return reply_json_end(rp, &w);
}

struct password_in {
	struct json_present p;
	const char *old_password, *new_password;
};

static const struct json_field password_fields[] = {
	{ "old_password", JF_TEXT, JF_REQUIRED, 0, 128, offsetof(struct password_in, old_password),
	    NULL },
	{ "new_password", JF_TEXT, JF_REQUIRED, 0, 128, offsetof(struct password_in, new_password),
	    NULL },
};

enum err
api_session_password(struct req *rq, struct reply *rp)
{
	struct password_in in = { 0 };
	enum err e;

	e = json_in_object(rq, &rp->problem, password_fields, ARRAY_SIZE(password_fields),
	    JSON_CREATE, &in);
	if (e)
		return e;
	e = user_change_password(rq->db, &rq->who, rq->token_hash, in.old_password, in.new_password,
	    &rp->problem);
	if (e)
		return e;
	return reply_session(rq, rp, rq->who.user_id, rq->csrf);
}

#include "core/common.h"
#include "auth/mfa.h"
#include "auth/audit.h"
#include "auth/crypto.h"
#include "auth/session.h"
#include "auth/totp.h"
#include "auth/user.h"
#include "core/buf.h"
#include "core/config.h"
#include "db/db.h"
#include "http/json_in.h"
#include "http/reply.h"

#include <qrencode.h>
#include <sodium.h>

#define ISSUER "Hongyan"
#define QR_QUIET 4
#define RECOVERY_LEN 11	/* "XXXXX-XXXXX" */

/* The sealed base32 secret of blob, opened into key; the byte count or -1. */
static int
secret_open(const void *blob, size_t n, unsigned char key[TOTP_SECRET_BYTES * 2])
{
	char *b32 = blob ? crypto_open(blob, n) : NULL;
	int len = b32 ? totp_b32_decode(b32, key, TOTP_SECRET_BYTES * 2) : -1;

	if (b32) {
		sodium_memzero(b32, strlen(b32));
		free(b32);
	}
	return len;
}

/* The otpauth URI's QR as SVG (as meetings draw theirs). */
static char *
qr_svg(struct arena *a, const char *text)
{
	QRcode *qr = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	struct buf b = BUF_INIT(1 << 20);
	char *s;
	int n;

	if (!qr)
		return NULL;
	n = qr->width + 2 * QR_QUIET;
	buf_addf(&b, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\""
	    " height=\"%d\" shape-rendering=\"crispEdges\"><rect width=\"%d\" height=\"%d\""
	    " fill=\"#fff\"/>", n, n, n * 5, n * 5, n, n);
	for (int y = 0; y < qr->width; y++)
		for (int x = 0; x < qr->width; x++)
			if (qr->data[y * qr->width + x] & 1)
				buf_addf(&b, "<rect x=\"%d\" y=\"%d\" width=\"1\" height=\"1\"/>",
				    x + QR_QUIET, y + QR_QUIET);
	buf_adds(&b, "</svg>");
	QRcode_free(qr);
	s = arena_strdup(a, buf_str(&b));
	buf_release(&b);
	return s;
}

struct mfa_user {
	const char *username;
	enum role role;
	int disabled;
	unsigned char *sealed;	/* arena copy of totp_secret, NULL when not enrolled */
	size_t nsealed;
};

static enum err
mfa_user_get(struct db *db, int64_t uid, struct arena *a, struct mfa_user *u)
{
	struct db_rows r;
	const void *b;
	size_t n = 0;
	enum err e = db_query(db, &r, "SELECT username, role, disabled, totp_secret FROM app_user"
	    " WHERE id = ?", DB_I64(uid), DB_END);

	if (e)
		return e;
	if (!(e = db_next(&r))) {
		u->username = arena_strdup(a, db_text(&r, 0));
		u->role = role_parse(db_text(&r, 1));
		u->disabled = (int)db_i64(&r, 2);
		u->sealed = NULL;
		if ((b = db_blob(&r, 3, &n)) && n) {
			u->sealed = arena_alloc(a, n);
			memcpy(u->sealed, b, n);
			u->nsealed = n;
		}
	}
	db_rows_close(&r);
	return e;
}

static void
write_enrolment(struct req *rq, struct jw *w, const char *username, const char *b32)
{
	char *uri = arena_printf(&rq->arena, "otpauth://totp/" ISSUER ":%s?secret=%s&issuer=" ISSUER
	    "&algorithm=SHA1&digits=%d&period=%d", username, b32, TOTP_DIGITS, TOTP_PERIOD);

	jw_kstr(w, "secret", b32);
	jw_kstr(w, "otpauth", uri);
	jw_kstr(w, "qr_svg", qr_svg(&rq->arena, uri));
}

/* Writes a pending login (or a self-enrolment) of uid with its audit row
 * and answers it: {mfa, mfa_token, expires_in[, secret, otpauth, qr_svg]}.
 * enrol: a new secret is made and sent. */
static enum err
pending_create(struct req *rq, struct reply *rp, int64_t uid, const char *username, int enrol,
    const char *purpose)
{
	unsigned char key[TOTP_SECRET_BYTES], *sealed = NULL;
	char tok[44], th[CRYPTO_MAC_HEX], b32[TOTP_B32_MAX] = "";
	int64_t now = time(NULL);
	size_t nsealed = 0;
	struct jw w;
	enum err e;

	if (enrol) {
		randombytes_buf(key, sizeof(key));
		totp_b32_encode(key, sizeof(key), b32);
		sodium_memzero(key, sizeof(key));
		crypto_seal(b32, &sealed, &nsealed);
	}
	crypto_random_token(tok);
	crypto_token_hash(tok, th);
	if (!(e = db_begin(rq->db)))
		e = db_exec(rq->db, "DELETE FROM mfa_pending WHERE created_at < ?",
		    DB_I64(now - cfg.mfa_pending_s), DB_END);
	if (!e)
		e = db_exec(rq->db, "INSERT INTO mfa_pending (token_hash, user_id, secret, purpose,"
		    " created_at, address) VALUES (?,?,?,?,?,?)", DB_TEXT(th), DB_I64(uid),
		    sealed ? DB_BLOB(sealed, nsealed) : DB_NULL, DB_TEXT(purpose), DB_I64(now),
		    DB_TEXT(rq->address), DB_END);
	if (!e)
		e = audit_write(rq->db, &rq->who, sealed ? "mfa_enrol_begin" : "mfa_challenge", "user",
		    uid, NULL, NULL, 1);
	free(sealed);
	if ((e = db_end(rq->db, e)))
		return e;
	reply_json_begin(rp, 200, &w);
	jw_obj(&w);
	jw_kstr(&w, "mfa", enrol ? "enroll" : "verify");
	jw_kstr(&w, "mfa_token", tok);
	jw_kint(&w, "expires_in", cfg.mfa_pending_s);
	if (enrol)
		write_enrolment(rq, &w, username, b32);
	jw_obj_end(&w);
	sodium_memzero(b32, sizeof(b32));
	return reply_json_end(rp, &w);
}

enum err
mfa_begin(struct req *rq, struct reply *rp, int64_t uid)
{
	struct mfa_user u;
	enum err e;

	if ((e = mfa_user_get(rq->db, uid, &rq->arena, &u)))
		return e == ERR_NOT_FOUND ? ERR_UNAUTH : e;
	if (!(cfg.mfa_roles & u.role) && !u.sealed)
		return ERR_NOT_FOUND;
	/* The password was right: its attempt is given back, so that only
	 * wrong passwords and wrong codes count toward the lockout. */
	if ((e = user_attempt_release(rq->db, uid)))
		return e;
	rq->who.user_id = uid;
	return pending_create(rq, rp, uid, u.username, !u.sealed, "login");
}

struct mfa_in {
	struct json_present p;
	const char *mfa_token, *code, *recovery_code;
};

enum { MF_TOKEN, MF_CODE, MF_RECOVERY };

static const struct json_field mfa_fields[] = {
	[MF_TOKEN] = { "mfa_token", JF_TEXT, JF_REQUIRED, 0, 64, offsetof(struct mfa_in, mfa_token),
	    NULL },
	[MF_CODE] = { "code", JF_STR, 0, 0, 16, offsetof(struct mfa_in, code), NULL },
	[MF_RECOVERY] = { "recovery_code", JF_STR, 0, 0, 32, offsetof(struct mfa_in, recovery_code),
	    NULL },
};

/* What a completed second step writes with its session. */
struct mfa_done {
	int64_t uid;
	const char *token_hash;
	int64_t step;			/* > 0: the TOTP step to claim */
	const char *recovery_hash;	/* or the recovery code to use up */
	const unsigned char *enrol;	/* sealed secret being enrolled, or NULL */
	size_t nenrol;
	char codes[MFA_RECOVERY_CODES][RECOVERY_LEN + 1];
	int claimed;			/* 0 after the claim failed: a replay */
};

static void
recovery_generate(char out[RECOVERY_LEN + 1])
{
	static const char alpha[] = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

	for (int i = 0; i < RECOVERY_LEN; i++)
		out[i] = i == 5 ? '-' : alpha[randombytes_uniform(sizeof(alpha) - 1)];
	out[RECOVERY_LEN] = '\0';
}

/* The keyed hash of a recovery code as typed: case, spaces and dashes do
 * not matter. */
static void
recovery_hash(const char *code, char out[CRYPTO_MAC_HEX])
{
	char norm[33];
	size_t n = 0;

	for (; *code && n + 1 < sizeof(norm); code++)
		if (*code != '-' && *code != ' ')
			norm[n++] = *code >= 'a' && *code <= 'z' ? (char)(*code - 'a' + 'A') : *code;
	norm[n] = '\0';
	crypto_token_hash(norm, out);
}

static enum err
mfa_claim(struct req *rq, void *ctx)
{
	struct mfa_done *d = ctx;
	char h[CRYPTO_MAC_HEX];
	enum err e;

	/* The claim is a conditional write: of two requests with the same
	 * code only one changes the row (RFC 6238 §5.2). */
	if (d->recovery_hash)
		e = db_exec(rq->db, "UPDATE mfa_recovery SET used_at = ? WHERE user_id = ? AND"
		    " code_hash = ? AND used_at IS NULL", DB_I64(time(NULL)), DB_I64(d->uid),
		    DB_TEXT(d->recovery_hash), DB_END);
	else
		e = db_exec(rq->db, "UPDATE app_user SET totp_last_step = ? WHERE id = ? AND"
		    " totp_last_step < ?", DB_I64(d->step), DB_I64(d->uid), DB_I64(d->step), DB_END);
	if (!e && db_changes(rq->db) != 1)
		return ERR_UNAUTH;
	d->claimed = 1;
	if (!e)
		e = db_exec(rq->db, "DELETE FROM mfa_pending WHERE token_hash = ?",
		    DB_TEXT(d->token_hash), DB_END);
	if (e || !d->enrol)
		return e;
	/* An enrolment never replaces a secret: a second pending enrolment
	 * (say, an attacker's with a stolen password) is spent once the user
	 * enrolled. */
	e = db_exec(rq->db, "UPDATE app_user SET totp_secret = ? WHERE id = ? AND totp_secret IS NULL",
	    DB_BLOB(d->enrol, d->nenrol), DB_I64(d->uid), DB_END);
	if (!e && db_changes(rq->db) != 1)
		return ERR_CONFLICT;
	if (!e)
		e = db_exec(rq->db, "DELETE FROM mfa_recovery WHERE user_id = ?", DB_I64(d->uid), DB_END);
	for (int i = 0; !e && i < MFA_RECOVERY_CODES; i++) {
		recovery_generate(d->codes[i]);
		recovery_hash(d->codes[i], h);
		e = db_exec(rq->db, "INSERT INTO mfa_recovery (user_id, code_hash) VALUES (?, ?)",
		    DB_I64(d->uid), DB_TEXT(h), DB_END);
	}
	if (!e)
		e = audit_write(rq->db, &rq->who, "mfa_enrol", "user", d->uid, NULL, NULL, 1);
	return e;
}

struct pending {
	int64_t uid;
	unsigned char *secret;	/* sealed, arena; NULL unless enrolling */
	size_t nsecret;
};

/* The pending row of token hash th for purpose ("login" or "enrol"),
 * unless expired. */
static enum err
pending_get(struct req *rq, const char *th, const char *purpose, struct pending *p)
{
	struct db_rows r;
	const void *b;
	size_t n = 0;
	enum err e = db_query(rq->db, &r, "SELECT user_id, secret FROM mfa_pending WHERE"
	    " token_hash = ? AND purpose = ? AND created_at >= ?", DB_TEXT(th), DB_TEXT(purpose),
	    DB_I64(time(NULL) - cfg.mfa_pending_s), DB_END);

	if (e)
		return e;
	if (!(e = db_next(&r))) {
		p->uid = db_i64(&r, 0);
		if ((b = db_blob(&r, 1, &n)) && n) {
			p->secret = arena_alloc(&rq->arena, n);
			memcpy(p->secret, b, n);
			p->nsecret = n;
		}
	}
	db_rows_close(&r);
	return e;
}

/* Checks the code against the secret; the matched step, or -1. */
static int64_t
code_step(const unsigned char *sealed, size_t n, const char *code)
{
	unsigned char key[TOTP_SECRET_BYTES * 2];
	int len = secret_open(sealed, n, key);
	int64_t step;

	if (len <= 0)
		return -1;
	step = totp_match(key, (size_t)len, totp_step(time(NULL)), 1, code);
	sodium_memzero(key, sizeof(key));
	return step;
}

static enum err
mfa_input(struct req *rq, struct problem *pb, struct mfa_in *in)
{
	enum err e = json_in_object(rq, pb, mfa_fields, ARRAY_SIZE(mfa_fields), JSON_CREATE, in);

	if (e)
		return e;
	if (!!json_in_has(in, MF_CODE) == !!json_in_has(in, MF_RECOVERY))
		return problem_field(pb, "code", "请输入 6 位验证码或一个恢复码");
	return ERR_OK;
}

/* A wrong or replayed code, or an unknown recovery code: one failed
 * attempt of the lockout (SEC-02), audited as mfa_failed. */
static enum err
mfa_failed(struct req *rq, struct problem *pb, int64_t uid, int64_t n)
{
	enum err e = user_attempt_failed(rq->db, &rq->who, uid, n, "mfa_failed", pb);

	if (e == ERR_UNAUTH)
		problem_set(pb, ERR_UNAUTH, "bad_code", "验证码不正确或已使用");
	return e;
}

enum err
api_session_mfa(struct req *rq, struct reply *rp)
{
	struct mfa_done *d = arena_alloc(&rq->arena, sizeof(*d));
	char th[CRYPTO_MAC_HEX], rh[CRYPTO_MAC_HEX], csrf[44];
	const char *codes[MFA_RECOVERY_CODES];
	struct pending p = { 0 };
	struct mfa_in in = { 0 };
	struct mfa_user u;
	int64_t n = 0;
	enum err e;

	if ((e = mfa_input(rq, &rp->problem, &in)))
		return e;
	crypto_token_hash(in.mfa_token, th);
	e = pending_get(rq, th, "login", &p);
	if (!e)
		e = mfa_user_get(rq->db, p.uid, &rq->arena, &u);
	if (e == ERR_NOT_FOUND || (!e && u.disabled))
		return problem_set(&rp->problem, ERR_UNAUTH, "mfa_expired", "验证已过期，请重新登录");
	if (e)
		return e;
	rq->who.username = u.username;
	rq->who.user_id = p.uid;
	/* The attempt is taken before the code is checked, as for passwords. */
	if ((e = user_attempt_reserve(rq->db, &rq->who, p.uid, &rp->problem, &n)))
		return e;
	d->uid = p.uid;
	d->token_hash = th;
	d->enrol = p.secret;
	d->nenrol = p.nsecret;
	if (in.recovery_code) {
		/* Recovery codes exist only once enrolled. */
		if (p.secret || !u.sealed)
			return mfa_failed(rq, &rp->problem, p.uid, n);
		recovery_hash(in.recovery_code, rh);
		d->recovery_hash = rh;
	} else {
		d->step = p.secret ? code_step(p.secret, p.nsecret, in.code) :
		    code_step(u.sealed, u.nsealed, in.code);
		if (d->step < 0)
			return mfa_failed(rq, &rp->problem, p.uid, n);
	}
	e = session_open(rq, rp, p.uid, mfa_claim, d, csrf);
	if (e == ERR_UNAUTH && !d->claimed)
		return mfa_failed(rq, &rp->problem, p.uid, n);
	if (e == ERR_CONFLICT) {
		user_attempt_release(rq->db, p.uid);
		db_exec(rq->db, "DELETE FROM mfa_pending WHERE token_hash = ?", DB_TEXT(th), DB_END);
		return problem_set(&rp->problem, ERR_UNAUTH, "mfa_expired", "验证已过期，请重新登录");
	}
	if (e)
		return e;
	for (int i = 0; i < MFA_RECOVERY_CODES; i++)
		codes[i] = d->codes[i];
	return session_reply(rq, rp, p.uid, csrf, codes, d->enrol ? MFA_RECOVERY_CODES : 0);
}

enum err
mfa_reset(struct db *db, const struct who *actor, int64_t uid)
{
	int64_t v;
	enum err e = db_begin(db);

	if (!e)
		e = db_get_i64(db, &v, "SELECT id FROM app_user WHERE id = ?", DB_I64(uid), DB_END);
	if (!e)
		e = db_exec(db, "UPDATE app_user SET totp_secret = NULL, totp_last_step = 0 WHERE id = ?",
		    DB_I64(uid), DB_END);
	if (!e)
		e = db_exec(db, "DELETE FROM mfa_recovery WHERE user_id = ?", DB_I64(uid), DB_END);
	if (!e)
		e = db_exec(db, "DELETE FROM mfa_pending WHERE user_id = ?", DB_I64(uid), DB_END);
	/* Whoever holds the lost device holds no session either. */
	if (!e)
		e = db_exec(db, "DELETE FROM session WHERE user_id = ?", DB_I64(uid), DB_END);
	if (!e)
		e = audit_write(db, actor, "reset_totp", "user", uid, NULL, NULL, 1);
	return db_end(db, e);
}

enum err
api_session_totp_begin(struct req *rq, struct reply *rp)
{
	struct mfa_user u;
	enum err e = mfa_user_get(rq->db, rq->who.user_id, &rq->arena, &u);

	if (e)
		return e;
	if (u.sealed)
		return problem_set(&rp->problem, ERR_CONFLICT, "totp_enrolled",
		    "已绑定身份验证器；如需更换，请联系管理员重置");
	return pending_create(rq, rp, rq->who.user_id, u.username, 1, "enrol");
}

enum err
api_session_totp_confirm(struct req *rq, struct reply *rp)
{
	struct mfa_done *d = arena_alloc(&rq->arena, sizeof(*d));
	char th[CRYPTO_MAC_HEX];
	struct pending p = { 0 };
	struct mfa_in in = { 0 };
	int64_t n = 0;
	struct jw w;
	enum err e;

	if ((e = mfa_input(rq, &rp->problem, &in)))
		return e;
	if (!in.code)
		return problem_field(&rp->problem, "code", "请输入 6 位验证码");
	crypto_token_hash(in.mfa_token, th);
	e = pending_get(rq, th, "enrol", &p);
	if (e == ERR_NOT_FOUND || (!e && (p.uid != rq->who.user_id || !p.secret)))
		return problem_set(&rp->problem, ERR_NOT_FOUND, "mfa_expired",
		    "绑定已过期，请重新开始");
	if (e)
		return e;
	if ((e = user_attempt_reserve(rq->db, &rq->who, p.uid, &rp->problem, &n)))
		return e;
	d->uid = p.uid;
	d->token_hash = th;
	d->enrol = p.secret;
	d->nenrol = p.nsecret;
	if ((d->step = code_step(p.secret, p.nsecret, in.code)) < 0)
		return mfa_failed(rq, &rp->problem, p.uid, n);
	if (!(e = db_begin(rq->db)))
		e = mfa_claim(rq, d);
	if (!e)
		e = user_attempts_reset(rq->db, p.uid);
	e = db_end(rq->db, e);
	if (e == ERR_UNAUTH && !d->claimed)
		return mfa_failed(rq, &rp->problem, p.uid, n);
	if (e == ERR_CONFLICT) {
		user_attempt_release(rq->db, p.uid);
		return problem_set(&rp->problem, ERR_CONFLICT, "totp_enrolled", "已绑定身份验证器");
	}
	if (e)
		return e;
	reply_json_begin(rp, 200, &w);
	jw_obj(&w);
	jw_kbool(&w, "totp_enrolled", 1);
	jw_key(&w, "recovery_codes");	/* shown once, stored hashed */
	jw_arr(&w);
	for (int i = 0; i < MFA_RECOVERY_CODES; i++)
		jw_str(&w, d->codes[i]);
	jw_arr_end(&w);
	jw_obj_end(&w);
	return reply_json_end(rp, &w);
}

#include "core/common.h"
#include "http/system_api.h"
#include "auth/who.h"
#include "core/config.h"
#include "core/version.h"
#include "db/db.h"
#include "db/migrate.h"
#include "http/reply.h"

static int64_t started_at;

/* The process's start, for the uptime. */
__attribute__((constructor)) static void
note_start(void)
{
	started_at = time(NULL);
}

/* Counted tables: sizes, not contents. */
static const char *const counted[][2] = {
	{ "schools", "SELECT COUNT(*) FROM school" },
	{ "orgs", "SELECT COUNT(*) FROM org" },
	{ "members", "SELECT COUNT(*) FROM member" },
	{ "meetings", "SELECT COUNT(*) FROM meeting" },
	{ "sessions", "SELECT COUNT(*) FROM session" },
	{ "audit_rows", "SELECT COUNT(*) FROM audit" },
	/* Issue 12: outbound notifications waiting, and dead letters. */
	{ "outbox_pending", "SELECT COUNT(*) FROM notify_outbox WHERE state = 'pending'" },
	{ "outbox_dead", "SELECT COUNT(*) FROM notify_outbox WHERE state = 'dead'" },
};

static enum err
write_counts(struct db *db, struct jw *w)
{
	int64_t v;
	enum err e = ERR_OK;

	jw_key(w, "counts");
	jw_obj(w);
	for (size_t i = 0; !e && i < ARRAY_SIZE(counted); i++)
		if (!(e = db_get_i64(db, &v, counted[i][1], DB_END)))
			jw_kint(w, counted[i][0], v);
	jw_obj_end(w);
	return e;
}

/* Active accounts per role, every role named (0 when none). */
static enum err
write_accounts(struct db *db, struct jw *w)
{
	enum err e = ERR_OK;
	int64_t v;

	jw_key(w, "accounts");
	jw_obj(w);
	for (unsigned bit = 1; !e && bit & ROLES_ALL; bit <<= 1)
		if (!(e = db_get_i64(db, &v, "SELECT COUNT(*) FROM app_user WHERE role = ?"
		    " AND disabled = 0", DB_TEXT(role_name((enum role)bit)), DB_END)))
			jw_kint(w, role_name((enum role)bit), v);
	jw_obj_end(w);
	return e;
}

static void
write_settings(struct jw *w)
{
	jw_key(w, "settings");
	jw_obj(w);
	jw_kint(w, "session_idle_s", cfg.session_idle_s);
	jw_kint(w, "lockout_threshold", cfg.lockout_threshold);
	jw_kint(w, "lockout_s", cfg.lockout_s);
	jw_kint(w, "password_min_length", cfg.password_min_len);
	jw_kint(w, "password_history", cfg.password_history);
	jw_kint(w, "body_max", cfg.body_max);
	jw_kint(w, "upload_max", cfg.upload_max);
	jw_kint(w, "threads", cfg.threads);
	jw_obj_end(w);
}

enum err
api_system_get(struct req *rq, struct reply *rp)
{
	int64_t pages = 0, page_size = 0, schema = 0;
	struct jw w;
	enum err e;

	if ((e = db_get_i64(rq->db, &pages, "PRAGMA page_count", DB_END)) ||
	    (e = db_get_i64(rq->db, &page_size, "PRAGMA page_size", DB_END)) ||
	    (e = db_get_i64(rq->db, &schema, "SELECT COALESCE(MAX(version), 0) FROM schema_version",
	    DB_END)))
		return e;
	reply_json_begin(rp, 200, &w);
	jw_obj(&w);
	jw_kstr(&w, "version", HONGYAN_VERSION);
	jw_kint(&w, "schema", schema);
	jw_kint(&w, "schema_latest", migrate_latest());
	jw_ktime(&w, "started_at", started_at);
	jw_kint(&w, "uptime_s", time(NULL) - started_at);
	jw_kint(&w, "database_bytes", pages * page_size);
	if ((e = write_accounts(rq->db, &w)) || (e = write_counts(rq->db, &w)))
		return e;
	write_settings(&w);
	jw_obj_end(&w);
	return reply_json_end(rp, &w);
}

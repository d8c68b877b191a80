#include "core/common.h"
#include "auth/audit_api.h"
#include "core/dates.h"
#include "db/db.h"
#include "http/listq.h"
#include "http/reply.h"

struct audit_filter {
	const char *actor, *entity, *from, *to;
	int64_t entity_id;
	int business_only;	/* district staff: no administrators' rows (SEC-05) */
};

/* The administrators' rows: those an administrator account wrote, and those
 * about one (its creation, logins, failed logins). Only the audit
 * administrator reads them. */
#define ADMIN_IDS "(SELECT id FROM app_user WHERE role IN ('admin', 'security_admin'," \
	" 'audit_admin'))"
#define NOT_ADMIN_ROWS " AND (actor_id IS NULL OR actor_id NOT IN " ADMIN_IDS ")" \
	" AND NOT (entity IN ('user', 'session') AND entity_id IN " ADMIN_IDS ")"

static enum err
parse_filter(struct req *rq, struct problem *pb, struct audit_filter *f)
{
	listq_text(rq, pb, "actor", 64, &f->actor);
	listq_text(rq, pb, "entity", 32, &f->entity);
	listq_id(rq, pb, "entity_id", &f->entity_id);
	listq_date(rq, pb, "from", &f->from);
	listq_date(rq, pb, "to", &f->to);
	return pb->nfields ? ERR_INVALID : ERR_OK;
}

/* from/to are China Standard Time days; at is UTC seconds. */
static int64_t
day_start_utc(const char *d)
{
	int32_t day;

	date_parse(d, &day);
	return (int64_t)day * 86400 - 8 * 3600;
}

static void
where_clause(struct buf *sql, struct db_args *a, const struct audit_filter *f)
{
	buf_adds(sql, " WHERE 1=1");
	if (f->business_only)
		buf_adds(sql, NOT_ADMIN_ROWS);
	if (f->actor) {
		buf_adds(sql, " AND actor = ?");
		db_args_add(a, DB_TEXT(f->actor));
	}
	if (f->entity) {
		buf_adds(sql, " AND entity = ?");
		db_args_add(a, DB_TEXT(f->entity));
	}
	if (f->entity_id) {
		buf_adds(sql, " AND entity_id = ?");
		db_args_add(a, DB_I64(f->entity_id));
	}
	if (f->from) {
		buf_adds(sql, " AND at >= ?");
		db_args_add(a, DB_I64(day_start_utc(f->from)));
	}
	if (f->to) {
		buf_adds(sql, " AND at < ?");
		db_args_add(a, DB_I64(day_start_utc(f->to) + 86400));
	}
}

static void
write_row(struct jw *w, struct db_rows *r)
{
	jw_obj(w);
	jw_kint(w, "id", db_i64(r, 0));
	jw_ktime(w, "at", db_i64(r, 1));
	jw_kstr(w, "actor", db_text(r, 2));
	jw_kstr(w, "action", db_text(r, 3));
	jw_kstr(w, "entity", db_text(r, 4));
	jw_kid(w, "entity_id", db_i64(r, 5));
	jw_kbool(w, "ok", (int)db_i64(r, 6));
	jw_kstr(w, "address", db_text(r, 7));
	jw_key(w, "before");
	if (db_text(r, 8))
		jw_raw(w, db_text(r, 8));	/* written by us as JSON */
	else
		jw_null(w);
	jw_key(w, "after");
	if (db_text(r, 9))
		jw_raw(w, db_text(r, 9));
	else
		jw_null(w);
	jw_obj_end(w);
}

static enum err
audit_count(struct req *rq, const struct audit_filter *f, int64_t *total)
{
	struct buf sql = BUF_INIT(4096);
	struct db_args a = { 0 };
	enum err e;

	buf_adds(&sql, "SELECT COUNT(*) FROM audit");
	where_clause(&sql, &a, f);
	e = db_get_i64v(rq->db, total, buf_str(&sql), &a);
	buf_release(&sql);
	return e;
}

enum err
api_audit_list(struct req *rq, struct reply *rp)
{
	static const struct sort_key sorts[] = { { "id", "id" } };
	struct buf sql = BUF_INIT(4096);
	struct audit_filter f = { 0 };
	struct db_args a = { 0 };
	struct listq q;
	struct db_rows r;
	int64_t total;
	struct jw w;
	enum err e;

	parse_filter(rq, &rp->problem, &f);
	f.business_only = rq->who.role != ROLE_AUDIT_ADMIN;
	if ((e = listq_parse(rq, &rp->problem, sorts, 1, &q)))
		return e;
	if (!req_arg(rq, "sort"))
		q.desc = 1;	/* newest first */
	if ((e = audit_count(rq, &f, &total)))
		return e;
	buf_adds(&sql, "SELECT id, at, actor, action, entity, COALESCE(entity_id, 0), ok, address,"
	    " before_json, after_json FROM audit");
	where_clause(&sql, &a, &f);
	buf_addf(&sql, " ORDER BY id %s LIMIT ? OFFSET ?", q.desc ? "DESC" : "ASC");
	db_args_add(&a, DB_I64(q.per_page));
	db_args_add(&a, DB_I64((q.page - 1) * q.per_page));
	e = db_queryv(rq->db, &r, buf_str(&sql), &a);
	buf_release(&sql);
	if (e)
		return e;
	reply_json_begin(rp, 200, &w);
	listq_begin(&w);
	while ((e = db_next(&r)) == ERR_OK)
		write_row(&w, &r);
	db_rows_close(&r);
	if (e != ERR_NOT_FOUND)
		return e;
	listq_end(&w, &q, total);
	return reply_json_end(rp, &w);
}

/* ethics_store.c: grants and the confidential misconduct cases. Every
 * case function checks the grant first, so a caller without it reads no
 * case row at all; reads of cases are audited in their own transaction. */
#include "core/common.h"
#include "create/ethics.h"

#include <time.h>

#include "auth/audit.h"
#include "auth/scope.h"
#include "core/buf.h"
#include "core/dates.h"
#include "create/owner.h"

int
ethics_granted(struct db *db, const struct who *w)
{
	int64_t n = 0;

	if (!w->user_id)
		return 0;
	if (db_get_i64(db, &n, "SELECT COUNT(*) FROM ethics_grant WHERE user_id = ?",
	    DB_I64(w->user_id), DB_END))
		return 0;
	return n > 0;
}

enum err
ethics_grant(struct db *db, const struct who *w, int64_t user_id, const char *note,
    struct problem *pb)
{
	int64_t n = 0;
	enum err e = db_begin(db);

	if (e)
		return e;
	e = db_get_i64(db, &n, "SELECT COUNT(*) FROM app_user WHERE id = ? AND disabled = 0",
	    DB_I64(user_id), DB_END);
	if (!e && !n)
		e = problem_field(pb, "user_id", "用户不存在或已停用");
	if (!e)
		e = db_exec(db, "DELETE FROM ethics_grant WHERE user_id = ?", DB_I64(user_id), DB_END);
	if (!e)
		e = db_exec(db, "INSERT INTO ethics_grant (user_id, granted_by, note, at)"
		    " VALUES (?,?,?,?)", DB_I64(user_id), w->user_id ? DB_I64(w->user_id) : DB_NULL,
		    DB_TEXT(note ? note : ""), DB_I64(time(NULL)), DB_END);
	if (!e)
		e = audit_write(db, w, "grant", "ethics_grant", user_id, NULL, NULL, 1);
	return db_end(db, e);
}

enum err
ethics_revoke(struct db *db, const struct who *w, int64_t user_id)
{
	enum err e = db_begin(db);

	if (e)
		return e;
	e = db_exec(db, "DELETE FROM ethics_grant WHERE user_id = ?", DB_I64(user_id), DB_END);
	if (!e && !db_changes(db))
		e = ERR_NOT_FOUND;
	if (!e)
		e = audit_write(db, w, "revoke", "ethics_grant", user_id, NULL, NULL, 1);
	return db_end(db, e);
}

enum err
ethics_write_grants(struct db *db, struct jw *jw)
{
	struct db_rows r;
	enum err e = db_query(db, &r, "SELECT g.user_id, u.username, u.role, g.note, g.at,"
	    " b.username FROM ethics_grant g JOIN app_user u ON u.id = g.user_id LEFT JOIN"
	    " app_user b ON b.id = g.granted_by ORDER BY u.username", DB_END);

	if (e)
		return e;
	while ((e = db_next(&r)) == ERR_OK) {
		jw_obj(jw);
		jw_kint(jw, "user_id", db_i64(&r, 0));
		jw_kstr(jw, "username", db_text(&r, 1));
		jw_kstr(jw, "role", db_text(&r, 2));
		jw_kstr(jw, "note", db_text(&r, 3));
		jw_ktime(jw, "granted_at", db_i64(&r, 4));
		jw_kstr(jw, "granted_by", db_text(&r, 5));
		jw_obj_end(jw);
	}
	db_rows_close(&r);
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}

static void
check_case(const struct ethics_case_in *in, struct problem *pb)
{
	int32_t d;

	if (in->occurred_on && (date_parse(in->occurred_on, &d) || d > date_today()))
		problem_field(pb, "occurred_on", "日期不能晚于今天");
}

enum err
ethics_case_create(struct db *db, const struct who *w, const struct ethics_case_in *in,
    struct problem *pb, int64_t *id)
{
	int64_t school_id = in->school_id ? in->school_id : owner_default_school(db, w);
	char path[OWNER_PATH_MAX];
	int64_t now = time(NULL);
	enum err e;

	if (!ethics_granted(db, w))
		return ERR_NOT_FOUND;
	if (!school_id || owner_school_path(db, w, school_id, path))
		problem_field(pb, "school_id", "学校不存在或不在管理范围内");
	check_case(in, pb);
	if (pb->nfields)
		return ERR_INVALID;
	if ((e = db_begin(db)))
		return e;
	e = db_exec(db, "INSERT INTO ethics_case (school_id, org_path, person, occurred_on, summary,"
	    " handling, status, created_by, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
	    DB_I64(school_id), DB_TEXT(path), DB_TEXT(in->person), DB_TEXT(in->occurred_on),
	    DB_TEXT(in->summary), DB_TEXT(in->handling ? in->handling : ""),
	    DB_TEXT(in->status ? in->status : "open"), w->user_id ? DB_I64(w->user_id) : DB_NULL,
	    DB_I64(now), DB_I64(now), DB_END);
	if (!e) {
		*id = db_last_id(db);
		/* The audit row names the case, never its content. */
		e = audit_write(db, w, "create", "ethics_case", *id, NULL, NULL, 1);
	}
	return db_end(db, e);
}

static enum err
case_in_scope(struct db *db, const struct who *w, int64_t id)
{
	struct buf sql = BUF_INIT(4096);
	struct db_args args = { 0 };
	char up[SCOPE_MAX][256];
	int64_t n = 0;
	enum err e;

	buf_adds(&sql, "SELECT COUNT(*) FROM ethics_case WHERE id = ?");
	db_args_add(&args, DB_I64(id));
	scope_sql(&sql, &args, w, "org_path", up);
	e = db_get_i64v(db, &n, buf_str(&sql), &args);
	buf_release(&sql);
	return e ? e : n ? ERR_OK : ERR_NOT_FOUND;
}

enum err
ethics_case_update(struct db *db, const struct who *w, int64_t id,
    const struct ethics_case_in *in, struct problem *pb)
{
	enum err e;

	if (!ethics_granted(db, w))
		return ERR_NOT_FOUND;
	check_case(in, pb);
	if (pb->nfields)
		return ERR_INVALID;
	if ((e = db_begin(db)))
		return e;
	e = case_in_scope(db, w, id);
	if (!e)
		e = db_exec(db, "UPDATE ethics_case SET person = COALESCE(?, person), occurred_on ="
		    " COALESCE(?, occurred_on), summary = COALESCE(?, summary), handling ="
		    " COALESCE(?, handling), status = COALESCE(?, status), updated_at = ? WHERE id = ?",
		    DB_TEXT(in->person), DB_TEXT(in->occurred_on), DB_TEXT(in->summary),
		    DB_TEXT(in->handling), DB_TEXT(in->status), DB_I64(time(NULL)), DB_I64(id),
		    DB_END);
	if (!e)
		e = audit_write(db, w, "update", "ethics_case", id, NULL, NULL, 1);
	return db_end(db, e);
}

#define CASE_COLS "SELECT c.id, c.school_id, s.name, c.person, c.occurred_on, c.summary," \
	" c.handling, c.status, c.created_at, c.updated_at FROM ethics_case c JOIN school s" \
	" ON s.id = c.school_id WHERE 1=1"

/* Writes one row and audits its read; *e_audit keeps the first failure. */
static enum err
write_case(struct db *db, const struct who *w, struct db_rows *r, struct jw *jw)
{
	int64_t id = db_i64(r, 0);

	jw_obj(jw);
	jw_kint(jw, "id", id);
	jw_kint(jw, "school_id", db_i64(r, 1));
	jw_kstr(jw, "school_name", db_text(r, 2));
	jw_kstr(jw, "person", db_text(r, 3));
	jw_kstr(jw, "occurred_on", db_text(r, 4));
	jw_kstr(jw, "summary", db_text(r, 5));
	jw_kstr(jw, "handling", db_text(r, 6));
	jw_kstr(jw, "status", db_text(r, 7));
	jw_ktime(jw, "created_at", db_i64(r, 8));
	jw_ktime(jw, "updated_at", db_i64(r, 9));
	jw_obj_end(jw);
	return audit_write(db, w, "read", "ethics_case", id, NULL, NULL, 1);
}

/* Runs sql and writes each case with its read audited, in one
 * transaction: no case leaves without its audit row. */
static enum err
read_cases(struct db *db, const struct who *w, const char *sql, const struct db_args *args,
    struct jw *jw, int64_t *n)
{
	struct db_rows r;
	enum err e = db_begin(db);

	if (e)
		return e;
	if ((e = db_queryv(db, &r, sql, args)))
		return db_end(db, e);
	while ((e = db_next(&r)) == ERR_OK) {
		if ((e = write_case(db, w, &r, jw)))
			break;
		(*n)++;
	}
	db_rows_close(&r);
	return db_end(db, e == ERR_NOT_FOUND ? ERR_OK : e);
}

enum err
ethics_case_read(struct db *db, const struct who *w, int64_t id, struct jw *jw)
{
	struct buf sql = BUF_INIT(4096);
	struct db_args args = { 0 };
	char up[SCOPE_MAX][256];
	int64_t n = 0;
	enum err e;

	if (!ethics_granted(db, w))
		return ERR_NOT_FOUND;
	buf_adds(&sql, CASE_COLS " AND c.id = ?");
	db_args_add(&args, DB_I64(id));
	scope_sql(&sql, &args, w, "c.org_path", up);
	e = read_cases(db, w, buf_str(&sql), &args, jw, &n);
	buf_release(&sql);
	return e ? e : n ? ERR_OK : ERR_NOT_FOUND;
}

enum err
ethics_case_list(struct db *db, const struct who *w, int64_t school_id, struct jw *jw,
    int64_t *total)
{
	struct buf sql = BUF_INIT(4096);
	struct db_args args = { 0 };
	char up[SCOPE_MAX][256];
	enum err e;

	if (!ethics_granted(db, w))
		return ERR_NOT_FOUND;
	buf_adds(&sql, CASE_COLS);
	if (school_id) {
		buf_adds(&sql, " AND c.school_id = ?");
		db_args_add(&args, DB_I64(school_id));
	}
	scope_sql(&sql, &args, w, "c.org_path", up);
	buf_adds(&sql, " ORDER BY c.occurred_on DESC, c.id DESC LIMIT 500");
	*total = 0;
	e = read_cases(db, w, buf_str(&sql), &args, jw, total);
	buf_release(&sql);
	return e;
}

static enum err
count(struct db *db, const struct who *w, const char *table, const char *col, const char *val,
    int64_t school_id, const char *from, const char *to, int64_t *n)
{
	struct buf sql = BUF_INIT(4096);
	struct db_args args = { 0 };
	char up[SCOPE_MAX][256];
	enum err e;

	buf_addf(&sql, "SELECT COUNT(*) FROM %s t WHERE t.%s >= ? AND t.%s < ?", table, col, col);
	db_args_add(&args, DB_TEXT(from));
	db_args_add(&args, DB_TEXT(to));
	if (val) {
		buf_adds(&sql, " AND t.action = ?");
		db_args_add(&args, DB_TEXT(val));
	}
	if (school_id) {
		buf_adds(&sql, " AND t.school_id = ?");
		db_args_add(&args, DB_I64(school_id));
	}
	scope_sql(&sql, &args, w, "t.org_path", up);
	e = db_get_i64v(db, n, buf_str(&sql), &args);
	buf_release(&sql);
	return e;
}

enum err
ethics_write_summary(struct db *db, const struct who *w, int64_t school_id, int year,
    struct jw *jw)
{
	char from[11], to[11];
	int granted = ethics_granted(db, w);
	int64_t n = 0;
	enum err e = ERR_OK;

	date_format(date_from_ymd(year, 1, 1), from);
	date_format(date_from_ymd(year + 1, 1, 1), to);
	jw_obj(jw);
	jw_kint(jw, "year", year);
	jw_kbool(jw, "granted", granted);
	jw_key(jw, "actions");
	jw_obj(jw);
	for (int i = 0; !e && ethics_actions[i]; i++) {
		e = count(db, w, "ethics_activity", "held_on", ethics_actions[i], school_id, from,
		    to, &n);
		jw_kint(jw, ethics_actions[i], n);
	}
	jw_obj_end(jw);
	if (!e)
		e = count(db, w, "ethics_honor", "held_on", NULL, school_id, from, to, &n);
	jw_kint(jw, "honors", n);
	/* Without the grant the key is absent: not even a count leaks. */
	if (!e && granted) {
		e = count(db, w, "ethics_case", "occurred_on", NULL, school_id, from, to, &n);
		jw_kint(jw, "cases", n);
	}
	jw_obj_end(jw);
	return e;
}

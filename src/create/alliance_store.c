/* alliance_store.c: the scoped SQL of alliances and their four ones. An
 * alliance is in scope when one of its schools is (alliance_school.org_path
 * is the school's top organization path). */
#include "core/common.h"
#include "create/alliance.h"

#include <time.h>

#include "auth/audit.h"
#include "auth/scope.h"
#include "core/buf.h"
#include "core/dates.h"
#include "create/owner.h"

/* " AND the alliance <alias>.id has a school in w's scope". */
static void
alliance_scope(struct buf *sql, struct db_args *a, const struct who *w, const char *col,
    char (*up)[256])
{
	if (w->all)
		return;
	buf_addf(sql, " AND EXISTS (SELECT 1 FROM alliance_school m WHERE m.alliance_id = %s", col);
	scope_sql(sql, a, w, "m.org_path", up);
	buf_adds(sql, ")");
}

static enum err
in_scope(struct db *db, const struct who *w, int64_t id)
{
	struct buf sql = BUF_INIT(4096);
	struct db_args args = { 0 };
	char up[SCOPE_MAX][256];
	int64_t n = 0;
	enum err e;

	buf_adds(&sql, "SELECT COUNT(*) FROM alliance a WHERE a.id = ?");
	db_args_add(&args, DB_I64(id));
	alliance_scope(&sql, &args, w, "a.id", up);
	e = db_get_i64v(db, &n, buf_str(&sql), &args);
	buf_release(&sql);
	return e ? e : n ? ERR_OK : ERR_NOT_FOUND;
}

static enum err
add_school(struct db *db, int64_t id, int64_t school_id, const char *role)
{
	struct who all = { .all = 1 };
	char path[OWNER_PATH_MAX];
	enum err e = owner_school_path(db, &all, school_id, path);

	if (e)
		return e;
	return db_exec(db, "INSERT INTO alliance_school (alliance_id, school_id, org_path, role)"
	    " VALUES (?,?,?,?)", DB_I64(id), DB_I64(school_id), DB_TEXT(path), DB_TEXT(role),
	    DB_END);
}

/* Replaces the schools: the lead, then each other member once. */
static enum err
set_schools(struct db *db, int64_t id, int64_t lead, const struct id_list *l, struct problem *pb)
{
	enum err e = db_exec(db, "DELETE FROM alliance_school WHERE alliance_id = ?", DB_I64(id),
	    DB_END);

	if (!e && (e = add_school(db, id, lead, "lead")) == ERR_NOT_FOUND)
		return problem_field(pb, "lead_school_id", "学校不存在或尚无党组织");
	for (int i = 0; !e && l && i < l->n; i++) {
		int dup = l->v[i] == lead;

		for (int j = 0; j < i; j++)
			dup |= l->v[j] == l->v[i];
		if (!dup && (e = add_school(db, id, l->v[i], "member")) == ERR_NOT_FOUND)
			return problem_field(pb, "school_ids", "学校 %lld 不存在或尚无党组织",
			    (long long)l->v[i]);
	}
	return e;
}

static enum err
unique_name(struct db *db, struct problem *pb, enum err e)
{
	if (e == ERR_STORE && db_was_unique_violation(db)) {
		problem_field(pb, "name", "联盟名称已存在");
		return problem_set(pb, ERR_CONFLICT, "duplicate", "联盟名称已存在");
	}
	return e;
}

enum err
alliance_create(struct db *db, const struct who *w, const struct alliance_in *in,
    struct problem *pb, int64_t *id)
{
	int64_t now = time(NULL);
	char after[512];
	enum err e = db_begin(db);

	if (e)
		return e;
	e = db_exec(db, "INSERT INTO alliance (name, lead_school_id, founded_on, note, created_at,"
	    " updated_at) VALUES (?,?,?,?,?,?)", DB_TEXT(in->name), DB_I64(in->lead_school_id),
	    in->founded_on ? DB_TEXT(in->founded_on) : DB_NULL, DB_TEXT(in->note ? in->note : ""),
	    DB_I64(now), DB_I64(now), DB_END);
	e = unique_name(db, pb, e);
	if (!e) {
		*id = db_last_id(db);
		e = set_schools(db, *id, in->lead_school_id, &in->schools, pb);
	}
	snprintf(after, sizeof(after), "{\"lead_school_id\":%lld,\"schools\":%d}",
	    (long long)in->lead_school_id, in->schools.n);
	if (!e)
		e = audit_write(db, w, "create", "alliance", *id, NULL, after, 1);
	return db_end(db, e);
}

static enum err
update_row(struct db *db, int64_t id, const struct alliance_in *in, struct problem *pb)
{
	enum err e = ERR_OK;

	if (in->name)
		e = unique_name(db, pb, db_exec(db, "UPDATE alliance SET name = ? WHERE id = ?",
		    DB_TEXT(in->name), DB_I64(id), DB_END));
	if (!e && in->note)
		e = db_exec(db, "UPDATE alliance SET note = ? WHERE id = ?", DB_TEXT(in->note),
		    DB_I64(id), DB_END);
	if (!e && in->founded_on)
		e = db_exec(db, "UPDATE alliance SET founded_on = ? WHERE id = ?",
		    DB_TEXT(in->founded_on), DB_I64(id), DB_END);
	if (!e && in->lead_school_id)
		e = db_exec(db, "UPDATE alliance SET lead_school_id = ? WHERE id = ?",
		    DB_I64(in->lead_school_id), DB_I64(id), DB_END);
	if (!e)
		e = db_exec(db, "UPDATE alliance SET updated_at = ? WHERE id = ?", DB_I64(time(NULL)),
		    DB_I64(id), DB_END);
	return e;
}

enum err
alliance_update(struct db *db, const struct who *w, int64_t id, const struct alliance_in *in,
    struct problem *pb)
{
	int64_t lead = in->lead_school_id;
	enum err e = db_begin(db);

	if (e)
		return e;
	e = in_scope(db, w, id);
	if (!e && !lead)
		e = db_get_i64(db, &lead, "SELECT lead_school_id FROM alliance WHERE id = ?",
		    DB_I64(id), DB_END);
	if (!e)
		e = update_row(db, id, in, pb);
	if (!e && (in->has_schools || in->lead_school_id)) {
		struct id_list keep = in->schools;
		int64_t v[256];
		struct db_rows r;

		/* A new lead without a new list keeps the current members. */
		if (!in->has_schools && !(e = db_query(db, &r, "SELECT school_id FROM"
		    " alliance_school WHERE alliance_id = ?", DB_I64(id), DB_END))) {
			keep.n = 0;
			keep.v = v;
			while (db_next(&r) == ERR_OK && keep.n < 256)
				v[keep.n++] = db_i64(&r, 0);
			db_rows_close(&r);
		}
		if (!e)
			e = set_schools(db, id, lead, &keep, pb);
	}
	if (!e)
		e = audit_write(db, w, "update", "alliance", id, NULL, NULL, 1);
	return db_end(db, e);
}

enum err
alliance_delete(struct db *db, const struct who *w, int64_t id, struct problem *pb)
{
	int64_t n = 0;
	enum err e = db_begin(db);

	if (e)
		return e;
	e = in_scope(db, w, id);
	if (!e)
		e = db_get_i64(db, &n, "SELECT COUNT(*) FROM alliance_activity WHERE alliance_id = ?",
		    DB_I64(id), DB_END);
	if (!e && n)
		e = problem_set(pb, ERR_CONFLICT, "in_use", "联盟已有活动记录，不能删除");
	if (!e)
		e = db_exec(db, "DELETE FROM alliance_school WHERE alliance_id = ?", DB_I64(id), DB_END);
	if (!e)
		e = db_exec(db, "DELETE FROM alliance WHERE id = ?", DB_I64(id), DB_END);
	if (!e)
		e = audit_write(db, w, "delete", "alliance", id, NULL, NULL, 1);
	return db_end(db, e);
}

static enum err
check_activity(struct db *db, const struct who *w, int64_t id,
    const struct alliance_activity_in *in, struct problem *pb)
{
	char path[OWNER_PATH_MAX];
	int64_t n = 0;
	int32_t d;
	enum err e;

	if (date_parse(in->held_on, &d) || d > date_today())
		problem_field(pb, "held_on", "活动日期不能晚于今天");
	e = db_get_i64(db, &n, "SELECT COUNT(*) FROM alliance_school WHERE alliance_id = ?"
	    " AND school_id = ?", DB_I64(id), DB_I64(in->host_school_id), DB_END);
	if (e)
		return e;
	if (!n || owner_school_path(db, w, in->host_school_id, path))
		problem_field(pb, "host_school_id", "承办学校应为本联盟且在管理范围内的学校");
	return pb->nfields ? ERR_INVALID : ERR_OK;
}

enum err
alliance_record(struct db *db, const struct who *w, int64_t id,
    const struct alliance_activity_in *in, struct problem *pb, int64_t *activity_id)
{
	char month[8], after[256];
	enum err e = db_begin(db);

	if (e)
		return e;
	e = in_scope(db, w, id);
	if (!e)
		e = check_activity(db, w, id, in, pb);
	snprintf(month, sizeof(month), "%.7s", in->held_on);
	if (!e)
		e = db_exec(db, "INSERT INTO alliance_activity (alliance_id, kind, held_on, month,"
		    " host_school_id, title, attendance, outputs, created_by, created_at)"
		    " VALUES (?,?,?,?,?,?,?,?,?,?)", DB_I64(id), DB_TEXT(in->kind),
		    DB_TEXT(in->held_on), DB_TEXT(month), DB_I64(in->host_school_id),
		    DB_TEXT(in->title), DB_I64(in->attendance),
		    DB_TEXT(in->outputs ? in->outputs : ""),
		    w->user_id ? DB_I64(w->user_id) : DB_NULL, DB_I64(time(NULL)), DB_END);
	if (!e) {
		*activity_id = db_last_id(db);
		snprintf(after, sizeof(after), "{\"alliance_id\":%lld,\"kind\":\"%s\","
		    "\"held_on\":\"%s\"}", (long long)id, in->kind, in->held_on);
		e = audit_write(db, w, "create", "alliance_activity", *activity_id, NULL, after, 1);
	}
	return db_end(db, e);
}

enum err
alliance_unrecord(struct db *db, const struct who *w, int64_t activity_id)
{
	char path[OWNER_PATH_MAX];
	int64_t host = 0;
	enum err e = db_begin(db);

	if (e)
		return e;
	e = db_get_i64(db, &host, "SELECT host_school_id FROM alliance_activity WHERE id = ?",
	    DB_I64(activity_id), DB_END);
	if (!e)
		e = owner_school_path(db, w, host, path);
	if (!e)
		e = db_exec(db, "DELETE FROM alliance_activity WHERE id = ?", DB_I64(activity_id),
		    DB_END);
	if (!e)
		e = audit_write(db, w, "delete", "alliance_activity", activity_id, NULL, NULL, 1);
	return db_end(db, e);
}

/* Streams "schools":[...] of the rows a (alliance id, school id, name,
 * role) for one alliance at a time: returns when the id changes. */
static void
write_school(struct jw *jw, struct db_rows *r)
{
	jw_obj(jw);
	jw_kint(jw, "id", db_i64(r, 5));
	jw_kstr(jw, "name", db_text(r, 6));
	jw_kstr(jw, "role", db_text(r, 7));
	jw_obj_end(jw);
}

#define ALLIANCE_SELECT "SELECT a.id, a.name, a.lead_school_id, a.founded_on, a.note," \
	" s.id, s.name, m.role FROM alliance a JOIN alliance_school m ON m.alliance_id = a.id" \
	" JOIN school s ON s.id = m.school_id WHERE 1=1"

/* Writes the alliances of the query, each with its schools; *n counts them. */
static enum err
write_rows(struct db *db, const char *sql, const struct db_args *args, struct jw *jw, int open_last,
    int64_t *n)
{
	int64_t cur = 0;
	struct db_rows r;
	enum err e = db_queryv(db, &r, sql, args);

	if (e)
		return e;
	while ((e = db_next(&r)) == ERR_OK) {
		if (db_i64(&r, 0) != cur) {
			if (cur) {
				jw_arr_end(jw);
				jw_obj_end(jw);
			}
			cur = db_i64(&r, 0);
			(*n)++;
			jw_obj(jw);
			jw_kint(jw, "id", cur);
			jw_kstr(jw, "name", db_text(&r, 1));
			jw_kint(jw, "lead_school_id", db_i64(&r, 2));
			jw_kstr(jw, "founded_on", db_text(&r, 3));
			jw_kstr(jw, "note", db_text(&r, 4));
			jw_key(jw, "schools");
			jw_arr(jw);
		}
		write_school(jw, &r);
	}
	db_rows_close(&r);
	if (cur) {
		jw_arr_end(jw);
		if (!open_last)
			jw_obj_end(jw);
	}
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}

enum err
alliance_write_list(struct db *db, const struct who *w, struct jw *jw, int64_t *total)
{
	struct buf sql = BUF_INIT(4096);
	struct db_args args = { 0 };
	char up[SCOPE_MAX][256];
	enum err e;

	buf_adds(&sql, ALLIANCE_SELECT);
	alliance_scope(&sql, &args, w, "a.id", up);
	buf_adds(&sql, " ORDER BY a.name, a.id, m.role, s.name");
	*total = 0;
	e = write_rows(db, buf_str(&sql), &args, jw, 0, total);
	buf_release(&sql);
	return e;
}

static enum err
write_activities(struct db *db, int64_t id, const char *month, struct jw *jw)
{
	struct db_rows r;
	enum err e;

	/* No month: the range ['', '9999-99'] holds every month. */
	e = db_query(db, &r, "SELECT x.id, x.kind, x.held_on, x.host_school_id, s.name, x.title,"
	    " x.attendance, x.outputs FROM alliance_activity x JOIN school s ON s.id ="
	    " x.host_school_id WHERE x.alliance_id = ? AND x.month >= ? AND x.month <= ?"
	    " ORDER BY x.held_on DESC, x.id DESC", DB_I64(id), DB_TEXT(month ? month : ""),
	    DB_TEXT(month ? month : "9999-99"), DB_END);
	if (e)
		return e;
	jw_key(jw, "activities");
	jw_arr(jw);
	while ((e = db_next(&r)) == ERR_OK) {
		jw_obj(jw);
		jw_kint(jw, "id", db_i64(&r, 0));
		jw_kstr(jw, "kind", db_text(&r, 1));
		jw_kstr(jw, "held_on", db_text(&r, 2));
		jw_kint(jw, "host_school_id", db_i64(&r, 3));
		jw_kstr(jw, "host_school_name", db_text(&r, 4));
		jw_kstr(jw, "title", db_text(&r, 5));
		jw_kint(jw, "attendance", db_i64(&r, 6));
		jw_kstr(jw, "outputs", db_text(&r, 7));
		jw_obj_end(jw);
	}
	db_rows_close(&r);
	jw_arr_end(jw);
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}

enum err
alliance_write_one(struct db *db, const struct who *w, int64_t id, const char *month,
    struct jw *jw)
{
	struct db_args args = { 0 };
	int64_t n = 0;
	enum err e = in_scope(db, w, id);

	if (e)
		return e;
	db_args_add(&args, DB_I64(id));
	e = write_rows(db, ALLIANCE_SELECT " AND a.id = ? ORDER BY m.role, s.name", &args, jw, 1,
	    &n);
	if (!e && !n)
		return ERR_NOT_FOUND;
	if (!e)
		e = write_activities(db, id, month, jw);
	jw_obj_end(jw);
	return e;
}

static void
write_board_row(struct jw *jw, struct db_rows *r)
{
	int64_t count[FO_N];
	struct four_ones f;

	for (int i = 0; i < FO_N; i++)
		count[i] = db_i64(r, 2 + i);
	alliance_four_ones(count, &f);
	jw_obj(jw);
	jw_kint(jw, "alliance_id", db_i64(r, 0));
	jw_kstr(jw, "name", db_text(r, 1));
	for (int i = 0; i < FO_N; i++) {
		jw_key(jw, alliance_kinds[i]);
		jw_obj(jw);
		jw_kbool(jw, "done", f.done[i]);
		jw_kint(jw, "count", f.count[i]);
		jw_obj_end(jw);
	}
	jw_kint(jw, "done", f.ndone);
	jw_kbool(jw, "complete", f.complete);
	jw_obj_end(jw);
}

enum err
alliance_write_board(struct db *db, const struct who *w, const char *month, struct jw *jw)
{
	struct buf sql = BUF_INIT(4096);
	struct db_args args = { 0 };
	char up[SCOPE_MAX][256];
	struct db_rows r;
	enum err e;

	/* One grouped query: the month's counts per alliance and kind. */
	buf_adds(&sql, "SELECT a.id, a.name");
	for (int i = 0; i < FO_N; i++)
		buf_addf(&sql, ", SUM(CASE WHEN x.kind = '%s' THEN 1 ELSE 0 END)", alliance_kinds[i]);
	buf_adds(&sql, " FROM alliance a LEFT JOIN alliance_activity x ON x.alliance_id = a.id"
	    " AND x.month = ? WHERE 1=1");
	db_args_add(&args, DB_TEXT(month));
	alliance_scope(&sql, &args, w, "a.id", up);
	buf_adds(&sql, " GROUP BY a.id, a.name ORDER BY a.name, a.id");
	e = db_queryv(db, &r, buf_str(&sql), &args);
	buf_release(&sql);
	if (e)
		return e;
	while ((e = db_next(&r)) == ERR_OK)
		write_board_row(jw, &r);
	db_rows_close(&r);
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}

/* brand_store.c: the scoped SQL of brand projects and their stages. */
#include "core/common.h"
#include "create/brand.h"

#include <time.h>

#include "auth/audit.h"
#include "auth/scope.h"
#include "core/buf.h"
#include "core/config.h"
#include "core/dates.h"
#include "create/owner.h"

static enum err
stage_add(struct db *db, const struct who *w, int64_t id, const char *stage, const char *on,
    const char *result, const char *note)
{
	return db_exec(db, "INSERT INTO brand_stage (project_id, stage, held_on, result, note,"
	    " actor_id, at) VALUES (?,?,?,?,?,?,?)", DB_I64(id), DB_TEXT(stage), DB_TEXT(on),
	    DB_TEXT(result ? result : ""), DB_TEXT(note ? note : ""),
	    w->user_id ? DB_I64(w->user_id) : DB_NULL, DB_I64(time(NULL)), DB_END);
}

static void
check_day(struct problem *pb, const char *field, const char *s, int32_t not_before)
{
	int32_t d;

	if (date_parse(s, &d))
		problem_field(pb, field, "应为日期 YYYY-MM-DD");
	else if (d > date_today())
		problem_field(pb, field, "日期不能晚于今天");
	else if (d < not_before)
		problem_field(pb, field, "日期不能早于上一阶段");
}

enum err
brand_create(struct db *db, const struct who *w, const struct brand_in *in, struct problem *pb,
    int64_t *id)
{
	int64_t school_id = in->school_id ? in->school_id : owner_default_school(db, w);
	char path[OWNER_PATH_MAX], after[160];
	int64_t now = time(NULL);
	enum err e;

	if (!school_id || owner_school_path(db, w, school_id, path))
		problem_field(pb, "school_id", "学校不存在或不在管理范围内");
	check_day(pb, "declared_on", in->declared_on, INT32_MIN);
	if (pb->nfields)
		return ERR_INVALID;
	if ((e = db_begin(db)))
		return e;
	e = db_exec(db, "INSERT INTO brand_project (school_id, org_path, name, aim, level, stage,"
	    " stage_on, created_by, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
	    DB_I64(school_id), DB_TEXT(path), DB_TEXT(in->name), DB_TEXT(in->aim ? in->aim : ""),
	    DB_TEXT(in->level), DB_TEXT("declared"), DB_TEXT(in->declared_on),
	    w->user_id ? DB_I64(w->user_id) : DB_NULL, DB_I64(now), DB_I64(now), DB_END);
	if (!e) {
		*id = db_last_id(db);
		e = stage_add(db, w, *id, "declared", in->declared_on, NULL, NULL);
	}
	snprintf(after, sizeof(after), "{\"school_id\":%lld,\"level\":\"%s\",\"stage\":"
	    "\"declared\"}", (long long)school_id, in->level);
	if (!e)
		e = audit_write(db, w, "create", "brand_project", *id, NULL, after, 1);
	return db_end(db, e);
}

/* The current stage and its day of project id, in scope. */
static enum err
load(struct db *db, const struct who *w, int64_t id, int *stage, int32_t *on)
{
	struct buf sql = BUF_INIT(4096);
	struct db_args args = { 0 };
	char up[SCOPE_MAX][256];
	struct db_rows r;
	enum err e;

	buf_adds(&sql, "SELECT stage, stage_on FROM brand_project WHERE id = ?");
	db_args_add(&args, DB_I64(id));
	scope_sql(&sql, &args, w, "org_path", up);
	e = db_queryv(db, &r, buf_str(&sql), &args);
	buf_release(&sql);
	if (e)
		return e;
	if ((e = db_next(&r)) == ERR_OK) {
		*stage = brand_stage_parse(db_text(&r, 0));
		date_parse(db_text(&r, 1), on);
	}
	db_rows_close(&r);
	return e;
}

enum err
brand_update(struct db *db, const struct who *w, int64_t id, const struct brand_in *in,
    struct problem *pb)
{
	int stage = 0;
	int32_t on = 0;
	enum err e = db_begin(db);

	(void)pb;
	if (e)
		return e;
	e = load(db, w, id, &stage, &on);
	if (!e && in->name)
		e = db_exec(db, "UPDATE brand_project SET name = ? WHERE id = ?", DB_TEXT(in->name),
		    DB_I64(id), DB_END);
	if (!e && in->aim)
		e = db_exec(db, "UPDATE brand_project SET aim = ? WHERE id = ?", DB_TEXT(in->aim),
		    DB_I64(id), DB_END);
	if (!e && in->level)
		e = db_exec(db, "UPDATE brand_project SET level = ? WHERE id = ?", DB_TEXT(in->level),
		    DB_I64(id), DB_END);
	if (!e)
		e = db_exec(db, "UPDATE brand_project SET updated_at = ? WHERE id = ?",
		    DB_I64(time(NULL)), DB_I64(id), DB_END);
	if (!e)
		e = audit_write(db, w, "update", "brand_project", id, NULL, NULL, 1);
	return db_end(db, e);
}

enum err
brand_delete(struct db *db, const struct who *w, int64_t id, struct problem *pb)
{
	int64_t items = 0;
	int stage = 0;
	int32_t on = 0;
	enum err e = db_begin(db);

	if (e)
		return e;
	e = load(db, w, id, &stage, &on);
	if (!e && stage != BS_DECLARED)
		e = problem_set(pb, ERR_CONFLICT, "invalid_transition",
		    "项目已进入培育或后续阶段，不能删除");
	if (!e)
		e = db_get_i64(db, &items, "SELECT COUNT(*) FROM brand_item WHERE project_id = ?",
		    DB_I64(id), DB_END);
	if (!e && items)
		e = problem_set(pb, ERR_CONFLICT, "in_use", "项目已有里程碑、佐证或成果，不能删除");
	if (!e)
		e = db_exec(db, "DELETE FROM brand_stage WHERE project_id = ?", DB_I64(id), DB_END);
	if (!e)
		e = db_exec(db, "DELETE FROM brand_project WHERE id = ?", DB_I64(id), DB_END);
	if (!e)
		e = audit_write(db, w, "delete", "brand_project", id, "{\"stage\":\"declared\"}",
		    NULL, 1);
	return db_end(db, e);
}

static enum err
check_step(int from, int32_t from_on, const struct brand_step_in *in, struct problem *pb)
{
	int to = brand_stage_parse(in->stage);

	if (brand_step((enum brand_stage)from, (enum brand_stage)to))
		return problem_set(pb, ERR_CONFLICT, "invalid_transition",
		    brand_conflict_message((enum brand_stage)from));
	check_day(pb, "held_on", in->held_on, from_on);
	if (brand_result_required((enum brand_stage)to) && (!in->result || !*in->result))
		problem_field(pb, "result", "评估阶段须填写评估结果");
	return pb->nfields ? ERR_INVALID : ERR_OK;
}

enum err
brand_advance(struct db *db, const struct who *w, int64_t id, const struct brand_step_in *in,
    struct problem *pb)
{
	char after[160];
	int from = 0;
	int32_t on = 0;
	enum err e = db_begin(db);

	if (e)
		return e;
	e = load(db, w, id, &from, &on);
	if (!e)
		e = check_step(from, on, in, pb);
	if (!e)
		e = db_exec(db, "UPDATE brand_project SET stage = ?, stage_on = ?, updated_at = ?"
		    " WHERE id = ?", DB_TEXT(in->stage), DB_TEXT(in->held_on), DB_I64(time(NULL)),
		    DB_I64(id), DB_END);
	if (!e)
		e = stage_add(db, w, id, in->stage, in->held_on, in->result, in->note);
	snprintf(after, sizeof(after), "{\"from\":\"%s\",\"stage\":\"%s\"}",
	    from >= 0 ? brand_stages[from] : "", in->stage);
	if (!e)
		e = audit_write(db, w, "advance", "brand_project", id, NULL, after, 1);
	return db_end(db, e);
}

#define BRAND_COLS "SELECT p.id, p.school_id, s.name, p.name, p.aim, p.level, p.stage," \
	" p.stage_on, p.created_at, p.updated_at, (SELECT MIN(b.held_on) FROM brand_stage b" \
	" WHERE b.project_id = p.id AND b.stage = 'cultivating') FROM brand_project p" \
	" JOIN school s ON s.id = p.school_id WHERE 1=1"

/* The build cycle (CL-03, CL-04) runs from the start of cultivation. */
static void
write_cycle(struct db_rows *r, struct jw *jw)
{
	int stage = brand_stage_parse(db_text(r, 6));
	int32_t from, due = 0;
	char s[11];

	if (!db_is_null(r, 10) && !date_parse(db_text(r, 10), &from))
		due = brand_cycle_due(from, (int)cfg.brand_cycle_months);
	jw_key(jw, "cycle_due_on");
	if (due) {
		date_format(due, s);
		jw_str(jw, s);
	} else {
		jw_null(jw);
	}
	jw_kbool(jw, "overdue", stage >= 0 && brand_overdue((enum brand_stage)stage, due,
	    date_today()));
}

static void
write_row(struct db_rows *r, struct jw *jw)
{
	jw_kint(jw, "id", db_i64(r, 0));
	jw_kint(jw, "school_id", db_i64(r, 1));
	jw_kstr(jw, "school_name", db_text(r, 2));
	jw_kstr(jw, "name", db_text(r, 3));
	jw_kstr(jw, "aim", db_text(r, 4));
	jw_kstr(jw, "level", db_text(r, 5));
	jw_kstr(jw, "stage", db_text(r, 6));
	jw_kstr(jw, "stage_on", db_text(r, 7));
	jw_ktime(jw, "created_at", db_i64(r, 8));
	jw_ktime(jw, "updated_at", db_i64(r, 9));
	write_cycle(r, jw);
}

/* Call only after the project proved to be in scope. */
static enum err
write_timeline(struct db *db, int64_t id, struct jw *jw)
{
	struct db_rows r;
	enum err e;

	e = db_query(db, &r, "SELECT b.stage, b.held_on, b.result, b.note, u.username FROM"
	    " brand_stage b LEFT JOIN app_user u ON u.id = b.actor_id WHERE b.project_id = ?"
	    " ORDER BY b.id", DB_I64(id), DB_END);
	if (e)
		return e;
	jw_key(jw, "timeline");
	jw_arr(jw);
	while ((e = db_next(&r)) == ERR_OK) {
		jw_obj(jw);
		jw_kstr(jw, "stage", db_text(&r, 0));
		jw_kstr(jw, "held_on", db_text(&r, 1));
		jw_kstr(jw, "result", db_text(&r, 2));
		jw_kstr(jw, "note", db_text(&r, 3));
		jw_kstr(jw, "actor", db_text(&r, 4));
		jw_obj_end(jw);
	}
	db_rows_close(&r);
	jw_arr_end(jw);
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}

enum err
brand_write_one(struct db *db, const struct who *w, int64_t id, struct jw *jw)
{
	struct buf sql = BUF_INIT(4096);
	struct db_args args = { 0 };
	char up[SCOPE_MAX][256];

	buf_adds(&sql, BRAND_COLS " AND p.id = ?");
	db_args_add(&args, DB_I64(id));
	scope_sql(&sql, &args, w, "p.org_path", up);
	return owner_write_one(db, &sql, &args, id, write_row, write_timeline, jw);
}

enum err
brand_write_list(struct db *db, const struct who *w, const struct brand_filter *f, struct jw *jw,
    int64_t *total)
{
	struct buf where = BUF_INIT(4096), sql = BUF_INIT(8192);
	struct db_args args = { 0 };
	char up[SCOPE_MAX][256];
	struct db_rows r;
	enum err e;

	if (f->school_id) {
		buf_adds(&where, " AND p.school_id = ?");
		db_args_add(&args, DB_I64(f->school_id));
	}
	if (f->stage) {
		buf_adds(&where, " AND p.stage = ?");
		db_args_add(&args, DB_TEXT(f->stage));
	}
	if (f->level) {
		buf_adds(&where, " AND p.level = ?");
		db_args_add(&args, DB_TEXT(f->level));
	}
	scope_sql(&where, &args, w, "p.org_path", up);
	buf_addf(&sql, "SELECT COUNT(*) FROM brand_project p WHERE 1=1%s", buf_str(&where));
	e = db_get_i64v(db, total, buf_str(&sql), &args);
	buf_reset(&sql);
	buf_addf(&sql, BRAND_COLS "%s ORDER BY s.name, p.id LIMIT ? OFFSET ?", buf_str(&where));
	db_args_add(&args, DB_I64(f->per_page));
	db_args_add(&args, DB_I64((f->page - 1) * f->per_page));
	if (!e)
		e = db_queryv(db, &r, buf_str(&sql), &args);
	buf_release(&where);
	buf_release(&sql);
	if (e)
		return e;
	while ((e = db_next(&r)) == ERR_OK) {
		jw_obj(jw);
		write_row(&r, jw);
		jw_obj_end(jw);
	}
	db_rows_close(&r);
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}

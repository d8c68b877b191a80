/* clean_store.c: the scoped SQL of clean-school status and self-checks. */
#include "core/common.h"
#include "create/clean.h"

#include <time.h>

#include "auth/audit.h"
#include "auth/scope.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/dates.h"
#include "create/owner.h"
#include "supervise/indicator_store.h"

/* The join that gives each school its top organization o (the parent of
 * o is not of the same school), for scope on o.path. */
#define SCHOOL_TOP " FROM school s JOIN org o ON o.school_id = s.id LEFT JOIN org par ON" \
	" par.id = o.parent_id"
#define SCHOOL_TOP_WHERE " WHERE (par.id IS NULL OR par.school_id IS NULL OR" \
	" par.school_id <> s.id)"

static void
points(struct jw *jw, const char *k, int64_t t)
{
	char s[48];

	jw_key(jw, k);
	snprintf(s, sizeof(s), "%lld.%lld", (long long)(t / 10), (long long)(t % 10));
	jw_raw(jw, s);
}

static void
write_status_row(struct db_rows *r, struct jw *jw)
{
	jw_obj(jw);
	jw_kint(jw, "school_id", db_i64(r, 0));
	jw_kstr(jw, "school_name", db_text(r, 1));
	jw_kstr(jw, "status", db_text(r, 2));
	jw_kstr(jw, "pilot_on", db_text(r, 3));
	jw_kstr(jw, "demonstration_on", db_text(r, 4));
	jw_kstr(jw, "named_on", db_text(r, 5));
	jw_kstr(jw, "note", db_text(r, 6));
	jw_kint(jw, "activities", db_i64(r, 7));
	jw_key(jw, "last_check");
	if (db_is_null(r, 8)) {
		jw_null(jw);
	} else {
		jw_obj(jw);
		jw_kint(jw, "id", db_i64(r, 8));
		jw_kstr(jw, "checked_on", db_text(r, 9));
		points(jw, "total", db_i64(r, 10));
		jw_kstr(jw, "grade", db_text(r, 11));
		jw_kbool(jw, "vetoed", db_i64(r, 12) != 0);
		jw_obj_end(jw);
	}
	jw_obj_end(jw);
}

enum err
clean_write_list(struct db *db, const struct who *w, int year, struct jw *jw)
{
	struct buf sql = BUF_INIT(4096);
	struct db_args args = { 0 };
	char up[SCOPE_MAX][256], from[11], to[11];
	struct db_rows r;
	enum err e;

	date_format(date_from_ymd(year, 1, 1), from);
	date_format(date_from_ymd(year + 1, 1, 1), to);
	buf_adds(&sql, "SELECT s.id, s.name, COALESCE(c.status, 'none'), c.pilot_on,"
	    " c.demonstration_on, c.named_on, COALESCE(c.note, ''),"
	    " (SELECT COUNT(*) FROM clean_activity a WHERE a.school_id = s.id AND a.held_on >= ?"
	    " AND a.held_on < ?), k.id, k.checked_on, k.total, k.grade, k.vetoed" SCHOOL_TOP
	    " LEFT JOIN clean_school c ON c.school_id = s.id LEFT JOIN clean_check k ON k.id ="
	    " (SELECT MAX(k2.id) FROM clean_check k2 WHERE k2.school_id = s.id"
	    " AND k2.state = 'submitted')" SCHOOL_TOP_WHERE);
	db_args_add(&args, DB_TEXT(from));
	db_args_add(&args, DB_TEXT(to));
	scope_sql(&sql, &args, w, "o.path", up);
	buf_adds(&sql, " ORDER BY s.name");
	e = db_queryv(db, &r, buf_str(&sql), &args);
	buf_release(&sql);
	if (e)
		return e;
	while ((e = db_next(&r)) == ERR_OK)
		write_status_row(&r, jw);
	db_rows_close(&r);
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}

static struct db_param
day_or_null(const char *s)
{
	return s ? DB_TEXT(s) : DB_NULL;
}

enum err
clean_set_status(struct db *db, const struct who *w, int64_t school_id,
    const struct clean_status_in *in, struct problem *pb)
{
	char path[OWNER_PATH_MAX], after[256];
	int64_t now = time(NULL);
	enum err e = owner_school_path(db, w, school_id, path);

	if (e)
		return e;
	if ((e = clean_status_check(in, date_today(), pb)))
		return e;
	if ((e = db_begin(db)))
		return e;
	e = db_exec(db, "DELETE FROM clean_school WHERE school_id = ?", DB_I64(school_id), DB_END);
	if (!e)
		e = db_exec(db, "INSERT INTO clean_school (school_id, org_path, status, pilot_on,"
		    " demonstration_on, named_on, note, updated_by, updated_at)"
		    " VALUES (?,?,?,?,?,?,?,?,?)", DB_I64(school_id), DB_TEXT(path),
		    DB_TEXT(in->status), day_or_null(in->pilot_on),
		    day_or_null(in->demonstration_on), day_or_null(in->named_on),
		    DB_TEXT(in->note ? in->note : ""), w->user_id ? DB_I64(w->user_id) : DB_NULL,
		    DB_I64(now), DB_END);
	snprintf(after, sizeof(after), "{\"status\":\"%s\"}", in->status);
	if (!e)
		e = audit_write(db, w, "update", "clean_school", school_id, NULL, after, 1);
	return db_end(db, e);
}

/* The system must be a published clean_school sheet. */
static enum err
check_system(struct db *db, int64_t id, struct problem *pb)
{
	int64_t n = 0;
	enum err e = db_get_i64(db, &n, "SELECT COUNT(*) FROM indicator_system WHERE id = ?"
	    " AND kind = 'clean_school' AND status = 'published'", DB_I64(id), DB_END);

	if (!e && !n)
		return problem_field(pb, "system_id", "应为已发布的清廉学校评价指标体系");
	return e;
}

static enum err
score(struct db *db, const struct clean_check_in *in, const struct ind_rules *rules,
    struct problem *pb, struct ind_result *res)
{
	struct arena a = ARENA_INIT;
	struct indicator *v = NULL;
	int n = 0;
	enum err e = store_ind_tree(db, in->system_id, &a, &v, &n);

	if (!e)
		e = indicator_score(v, n, in->scores, in->nscores, rules, pb, res);
	arena_release(&a);
	return e;
}

static enum err
insert_scores(struct db *db, const struct clean_check_in *in, int64_t id)
{
	enum err e = ERR_OK;

	for (int i = 0; !e && i < in->nscores; i++)
		e = db_exec(db, "INSERT INTO clean_check_score (check_id, code, points, failed_veto)"
		    " VALUES (?,?,?,?)", DB_I64(id), DB_TEXT(in->scores[i].code),
		    DB_I64(in->scores[i].points), DB_I64(in->scores[i].failed_veto), DB_END);
	return e;
}

static enum err
insert_check(struct db *db, const struct who *w, const struct clean_check_in *in,
    const char *path, const struct ind_result *res, int64_t *id)
{
	int64_t now = time(NULL);
	int32_t d = 0;
	enum err e;

	date_parse(in->checked_on, &d);
	e = db_exec(db, "INSERT INTO clean_check (school_id, org_path, system_id, year, checked_on,"
	    " total, base, bonus, vetoed, grade, note, created_by, created_at, state, submitted_at)"
	    " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", DB_I64(in->school_id), DB_TEXT(path),
	    DB_I64(in->system_id), DB_I64(date_year(d)), DB_TEXT(in->checked_on),
	    DB_I64(res->total), DB_I64(res->base), DB_I64(res->bonus), DB_I64(res->vetoed),
	    DB_TEXT(res->grade), DB_TEXT(in->note ? in->note : ""),
	    w->user_id ? DB_I64(w->user_id) : DB_NULL, DB_I64(now),
	    DB_TEXT(in->draft ? "draft" : "submitted"), in->draft ? DB_NULL : DB_I64(now), DB_END);
	if (e)
		return e;
	*id = db_last_id(db);
	return insert_scores(db, in, *id);
}

/* Checks in for a self-check of its school (path out) and scores it. */
static enum err
check_validate(struct db *db, const struct who *w, const struct clean_check_in *in,
    const struct ind_rules *rules, struct problem *pb, char path[OWNER_PATH_MAX],
    struct ind_result *res)
{
	int32_t d;
	enum err e;

	if (!in->school_id || owner_school_path(db, w, in->school_id, path))
		problem_field(pb, "school_id", "学校不存在或不在管理范围内");
	if (date_parse(in->checked_on, &d) || d > date_today())
		problem_field(pb, "checked_on", "自评日期不能晚于今天");
	if ((e = check_system(db, in->system_id, pb)))
		return e;
	/* Score even when other fields are bad, so every bad score is named. */
	if (!problem_has(pb, "system_id") && (e = score(db, in, rules, pb, res)) != ERR_OK
	    && e != ERR_INVALID)
		return e;
	return pb->nfields ? ERR_INVALID : ERR_OK;
}

static const char *
check_json(const struct clean_check_in *in, const struct ind_result *res, char *out, size_t n)
{
	snprintf(out, n, "{\"school_id\":%lld,\"system_id\":%lld,\"total\":%lld,\"state\":\"%s\"}",
	    (long long)in->school_id, (long long)in->system_id, (long long)res->total,
	    in->draft ? "draft" : "submitted");
	return out;
}

enum err
clean_check_create(struct db *db, const struct who *w, const struct clean_check_in *in,
    const struct ind_rules *rules, struct problem *pb, int64_t *id)
{
	char path[OWNER_PATH_MAX], after[256];
	struct ind_result res = { 0 };
	enum err e;

	if (in->draft && !owner_default_school(db, w))
		problem_field(pb, "draft", "草稿只能由学校保存（区级直接提交）");
	if ((e = check_validate(db, w, in, rules, pb, path, &res)))
		return e;
	if ((e = db_begin(db)))
		return e;
	e = insert_check(db, w, in, path, &res, id);
	if (!e)
		e = audit_write(db, w, "create", "clean_check", *id, NULL,
		    check_json(in, &res, after, sizeof(after)), 1);
	return db_end(db, e);
}

/* " AND the caller may see check k": a draft only on its school's side. */
static void
draft_sql(struct db *db, const struct who *w, struct buf *sql, struct db_args *args)
{
	buf_adds(sql, " AND (k.state <> 'draft' OR ? = 1)");
	db_args_add(args, DB_I64(owner_default_school(db, w) != 0));
}

/* The state and school of a check the caller may see. */
static enum err
check_state(struct db *db, const struct who *w, int64_t id, char state[16], int64_t *school_id)
{
	struct buf sql = BUF_INIT(4096);
	struct db_args args = { 0 };
	char up[SCOPE_MAX][256];
	struct db_rows r;
	enum err e;

	buf_adds(&sql, "SELECT k.state, k.school_id FROM clean_check k WHERE k.id = ?");
	db_args_add(&args, DB_I64(id));
	scope_sql(&sql, &args, w, "k.org_path", up);
	draft_sql(db, w, &sql, &args);
	e = db_queryv(db, &r, buf_str(&sql), &args);
	buf_release(&sql);
	if (e)
		return e;
	if ((e = db_next(&r)) == ERR_OK) {
		snprintf(state, 16, "%s", db_text(&r, 0));
		*school_id = db_i64(&r, 1);
	}
	db_rows_close(&r);
	return e;
}

static enum err
not_draft(struct problem *pb)
{
	return problem_set(pb, ERR_CONFLICT, "invalid_transition", "自评已提交（当前状态：已提交），不能再修改");
}

/* Loads check id, refuses it unless it is a draft, and begins the
 * transaction of the step. */
static enum err
draft_begin(struct db *db, const struct who *w, int64_t id, struct problem *pb,
    int64_t *school_id)
{
	char state[16] = "";
	enum err e = check_state(db, w, id, state, school_id);

	if (e)
		return e;
	if (strcmp(state, "draft"))
		return not_draft(pb);
	return db_begin(db);
}

enum err
clean_check_update(struct db *db, const struct who *w, int64_t id,
    const struct clean_check_in *in, const struct ind_rules *rules, struct problem *pb)
{
	char path[OWNER_PATH_MAX], after[256];
	struct ind_result res = { 0 };
	int64_t school_id = 0;
	int32_t d = 0;
	enum err e;

	if ((e = draft_begin(db, w, id, pb, &school_id)))
		return e;
	if (in->school_id && in->school_id != school_id)
		problem_field(pb, "school_id", "不能更改自评的学校");
	if ((e = check_validate(db, w, in, rules, pb, path, &res)))
		return db_end(db, e);
	date_parse(in->checked_on, &d);
	e = db_exec(db, "UPDATE clean_check SET system_id = ?, year = ?, checked_on = ?, total = ?,"
	    " base = ?, bonus = ?, vetoed = ?, grade = ?, note = ?, state = ?, submitted_at = ?"
	    " WHERE id = ?", DB_I64(in->system_id), DB_I64(date_year(d)),
	    DB_TEXT(in->checked_on), DB_I64(res.total), DB_I64(res.base), DB_I64(res.bonus),
	    DB_I64(res.vetoed), DB_TEXT(res.grade), DB_TEXT(in->note ? in->note : ""),
	    DB_TEXT(in->draft ? "draft" : "submitted"), in->draft ? DB_NULL : DB_I64(time(NULL)),
	    DB_I64(id), DB_END);
	if (!e)
		e = db_exec(db, "DELETE FROM clean_check_score WHERE check_id = ?", DB_I64(id),
		    DB_END);
	e = e ? e : insert_scores(db, in, id);
	if (!e)
		e = audit_write(db, w, "update", "clean_check", id, NULL,
		    check_json(in, &res, after, sizeof(after)), 1);
	return db_end(db, e);
}

enum err
clean_check_submit(struct db *db, const struct who *w, int64_t id, struct problem *pb)
{
	int64_t school_id = 0;
	enum err e = draft_begin(db, w, id, pb, &school_id);

	if (e)
		return e;
	e = db_exec(db, "UPDATE clean_check SET state = 'submitted', submitted_at = ? WHERE id = ?",
	    DB_I64(time(NULL)), DB_I64(id), DB_END);
	if (!e)
		e = audit_write(db, w, "submit", "clean_check", id, "{\"state\":\"draft\"}",
		    "{\"state\":\"submitted\"}", 1);
	return db_end(db, e);
}

enum err
clean_check_delete(struct db *db, const struct who *w, int64_t id, struct problem *pb)
{
	int64_t school_id = 0;
	enum err e = draft_begin(db, w, id, pb, &school_id);

	if (e)
		return e;
	e = db_exec(db, "DELETE FROM clean_check_score WHERE check_id = ?", DB_I64(id), DB_END);
	if (!e)
		e = db_exec(db, "DELETE FROM clean_check WHERE id = ?", DB_I64(id), DB_END);
	if (!e)
		e = audit_write(db, w, "delete", "clean_check", id, "{\"state\":\"draft\"}", NULL, 1);
	return db_end(db, e);
}

#define CHECK_COLS "SELECT k.id, k.school_id, s.name, k.system_id, k.year, k.checked_on," \
	" k.total, k.base, k.bonus, k.vetoed, k.grade, k.note, k.state FROM clean_check k JOIN school s" \
	" ON s.id = k.school_id WHERE 1=1"

static void
write_check(struct db_rows *r, struct jw *jw)
{
	jw_kint(jw, "id", db_i64(r, 0));
	jw_kint(jw, "school_id", db_i64(r, 1));
	jw_kstr(jw, "school_name", db_text(r, 2));
	jw_kint(jw, "system_id", db_i64(r, 3));
	jw_kint(jw, "year", db_i64(r, 4));
	jw_kstr(jw, "checked_on", db_text(r, 5));
	points(jw, "total", db_i64(r, 6));
	points(jw, "base", db_i64(r, 7));
	points(jw, "bonus", db_i64(r, 8));
	jw_kbool(jw, "vetoed", db_i64(r, 9) != 0);
	jw_kstr(jw, "grade", db_text(r, 10));
	jw_kstr(jw, "note", db_text(r, 11));
	jw_kstr(jw, "state", db_text(r, 12));
}

static enum err
write_scores(struct db *db, int64_t id, struct jw *jw)
{
	struct db_rows r;
	enum err e = db_query(db, &r, "SELECT code, points, failed_veto FROM clean_check_score"
	    " WHERE check_id = ? ORDER BY code", DB_I64(id), DB_END);

	if (e)
		return e;
	jw_key(jw, "scores");
	jw_arr(jw);
	while ((e = db_next(&r)) == ERR_OK) {
		jw_obj(jw);
		jw_kstr(jw, "code", db_text(&r, 0));
		points(jw, "points", db_i64(&r, 1));
		jw_kbool(jw, "failed_veto", db_i64(&r, 2) != 0);
		jw_obj_end(jw);
	}
	db_rows_close(&r);
	jw_arr_end(jw);
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}

enum err
clean_check_write(struct db *db, const struct who *w, int64_t id, struct jw *jw)
{
	struct buf sql = BUF_INIT(4096);
	struct db_args args = { 0 };
	char up[SCOPE_MAX][256];

	buf_adds(&sql, CHECK_COLS " AND k.id = ?");
	db_args_add(&args, DB_I64(id));
	scope_sql(&sql, &args, w, "k.org_path", up);
	draft_sql(db, w, &sql, &args);
	return owner_write_one(db, &sql, &args, id, write_check, write_scores, jw);
}

enum err
clean_check_list(struct db *db, const struct who *w, int64_t school_id, struct jw *jw)
{
	struct buf sql = BUF_INIT(4096);
	struct db_args args = { 0 };
	char up[SCOPE_MAX][256];
	struct db_rows r;
	enum err e;

	buf_adds(&sql, CHECK_COLS);
	if (school_id) {
		buf_adds(&sql, " AND k.school_id = ?");
		db_args_add(&args, DB_I64(school_id));
	}
	scope_sql(&sql, &args, w, "k.org_path", up);
	draft_sql(db, w, &sql, &args);
	buf_adds(&sql, " ORDER BY k.checked_on DESC, k.id DESC LIMIT 200");
	e = db_queryv(db, &r, buf_str(&sql), &args);
	buf_release(&sql);
	if (e)
		return e;
	while ((e = db_next(&r)) == ERR_OK) {
		jw_obj(jw);
		write_check(&r, jw);
		jw_obj_end(jw);
	}
	db_rows_close(&r);
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}

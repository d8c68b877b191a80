/* programme_store.c: the SQL of training programmes; each write is one
 * transaction with its audit row. */
#include "core/common.h"
#include "cultivate/programme.h"
#include "auth/scope.h"
#include "core/buf.h"
#include "core/config.h"
#include "core/dates.h"
#include "cultivate/cult.h"
#include "cultivate/cult_store.h"
#include "http/json_out.h"

enum err
programme_tiers_json(struct db *db, struct jw *j)
{
	static const char *const keys[] = { "id", "name", "builtin" };
	struct db_rows r;
	enum err e;

	if ((e = db_query(db, &r, "SELECT id, name, builtin FROM training_tier ORDER BY id",
	    DB_END)))
		return e;
	jw_key(j, "items");
	jw_arr(j);
	e = cult_rows_json(&r, j, keys, "isb");
	jw_arr_end(j);
	db_rows_close(&r);
	return e;
}

static enum err
tier_insert(struct db *db, const struct who *w, const char *name, struct problem *pb,
    int64_t *id)
{
	int64_t n = 0;
	enum err e;

	if ((e = db_get_i64(db, &n, "SELECT COUNT(*) FROM training_tier WHERE name = ?",
	    DB_TEXT(name), DB_END)))
		return e;
	if (n)
		return problem_set(pb, ERR_CONFLICT, "duplicate", "该培训层级已存在");
	e = db_exec(db, "INSERT INTO training_tier (name, builtin, created_at) VALUES (?, 0, ?)",
	    DB_TEXT(name), DB_I64(time(NULL)), DB_END);
	if (!e) {
		*id = db_last_id(db);
		e = cult_audit(db, w, "create", "training_tier", *id, "name", name);
	}
	return e;
}

enum err
programme_tier_create(struct db *db, const struct who *w, const char *name, struct problem *pb,
    int64_t *id)
{
	enum err e = db_begin(db);

	return e ? e : db_end(db, tier_insert(db, w, name, pb, id));
}

static enum err
insert(struct db *db, const struct who *w, const struct programme_in *in, struct problem *pb,
    int64_t *id)
{
	int64_t n = 0;
	enum err e;

	if ((e = db_get_i64(db, &n, "SELECT COUNT(*) FROM training_tier WHERE id = ?",
	    DB_I64(in->tier_id), DB_END)))
		return e;
	if (!n)
		problem_field(pb, "tier_id", "培训层级不存在");
	if (strcmp(in->ends_on, in->starts_on) < 0)
		problem_field(pb, "ends_on", "结束日期不能早于开始日期");
	if (pb->nfields)
		return ERR_INVALID;
	e = db_exec(db, "INSERT INTO programme (tier_id, name, year, description, required_hours,"
	    " starts_on, ends_on, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?)",
	    DB_I64(in->tier_id), DB_TEXT(in->name), DB_I64(in->year),
	    DB_TEXT(in->description ? in->description : ""), DB_I64(in->required_hours),
	    DB_TEXT(in->starts_on), DB_TEXT(in->ends_on), DB_I64(time(NULL)), DB_I64(time(NULL)),
	    DB_END);
	if (!e) {
		*id = db_last_id(db);
		e = cult_audit(db, w, "create", "programme", *id, "name", in->name);
	}
	return e;
}

enum err
programme_create(struct db *db, const struct who *w, const struct programme_in *in,
    struct problem *pb, int64_t *id)
{
	enum err e = db_begin(db);

	return e ? e : db_end(db, insert(db, w, in, pb, id));
}

#define PROG_COLS "p.id, p.tier_id, t.name, p.name, p.year, p.description, p.required_hours," \
	" p.starts_on, p.ends_on," \
	" (SELECT COUNT(*) FROM programme_session s WHERE s.programme_id = p.id)," \
	" (SELECT COALESCE(SUM(s.hours), 0) FROM programme_session s WHERE s.programme_id = p.id)," \
	" (SELECT COUNT(*) FROM programme_enrolment e WHERE e.programme_id = p.id)"
static const char *const prog_keys[] = { "id", "tier_id", "tier", "name", "year", "description",
	"required_hours", "starts_on", "ends_on", "sessions", "hours", "enrolled" };
static const char prog_fmt[] = "iissisissiii";

enum err
programme_list_json(struct db *db, int64_t year, int64_t tier_id, struct jw *j)
{
	struct db_rows r;
	enum err e;

	e = db_query(db, &r, "SELECT " PROG_COLS " FROM programme p JOIN training_tier t"
	    " ON t.id = p.tier_id WHERE (? = 0 OR p.year = ?) AND (? = 0 OR p.tier_id = ?)"
	    " ORDER BY p.year DESC, p.tier_id, p.starts_on, p.id", DB_I64(year), DB_I64(year),
	    DB_I64(tier_id), DB_I64(tier_id), DB_END);
	if (e)
		return e;
	jw_key(j, "items");
	jw_arr(j);
	e = cult_rows_json(&r, j, prog_keys, prog_fmt);
	jw_arr_end(j);
	db_rows_close(&r);
	return e;
}

static enum err
sessions_json(struct db *db, int64_t id, struct jw *j)
{
	static const char *const keys[] = { "id", "title", "form", "module", "held_on", "hours",
		"place", "attended" };

	return cult_children_json(db, id, "sessions", "SELECT s.id, s.title, s.form, s.module,"
	    " s.held_on, s.hours, s.place, (SELECT COUNT(*) FROM programme_attendance a WHERE"
	    " a.session_id = s.id) FROM programme_session s WHERE s.programme_id = ?"
	    " ORDER BY s.held_on, s.id", keys, "issssisi", j);
}

static enum err
enrolments_json(struct db *db, const struct who *w, int64_t id, int64_t required, struct jw *j)
{
	struct buf sql = BUF_INIT(4096);
	struct db_args args = { 0 };
	char up[SCOPE_MAX][256];
	struct db_rows r;
	enum err e;

	buf_adds(&sql, "SELECT e.id, e.member_id, m.name, o.name, e.enrolled_on,"
	    " (SELECT COALESCE(SUM(a.hours), 0) FROM programme_attendance a JOIN programme_session s"
	    " ON s.id = a.session_id WHERE s.programme_id = e.programme_id AND a.member_id ="
	    " e.member_id) FROM programme_enrolment e JOIN member m ON m.id = e.member_id"
	    " JOIN org o ON o.id = m.org_id WHERE e.programme_id = ?");
	db_args_add(&args, DB_I64(id));
	cult_scope(&sql, &args, w, "e.org_path", up);
	buf_adds(&sql, " ORDER BY m.name, e.id");
	e = db_queryv(db, &r, buf_str(&sql), &args);
	buf_release(&sql);
	if (e)
		return e;
	jw_key(j, "enrolments");
	jw_arr(j);
	while ((e = db_next(&r)) == ERR_OK) {
		static const char *const keys[] = { "id", "member_id", "name", "org_name",
			"enrolled_on", "hours" };

		jw_obj(j);
		cult_row_fields(&r, j, keys, "iisssi");
		jw_kbool(j, "completed", db_i64(&r, 5) >= required && required > 0);
		jw_obj_end(j);
	}
	jw_arr_end(j);
	db_rows_close(&r);
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}

enum err
programme_get_json(struct db *db, const struct who *w, int64_t id, struct jw *j)
{
	int64_t required = 0;
	struct db_rows r;
	enum err e;

	e = db_query(db, &r, "SELECT " PROG_COLS " FROM programme p JOIN training_tier t"
	    " ON t.id = p.tier_id WHERE p.id = ?", DB_I64(id), DB_END);
	if (e)
		return e;
	if ((e = db_next(&r)) == ERR_OK) {
		jw_obj(j);
		cult_row_fields(&r, j, prog_keys, prog_fmt);
		required = db_i64(&r, 6);
	}
	db_rows_close(&r);
	if (!e)
		e = sessions_json(db, id, j);
	if (!e)
		e = enrolments_json(db, w, id, required, j);
	if (!e)
		jw_obj_end(j);
	return e;
}

static enum err
session_insert(struct db *db, const struct who *w, int64_t pid, const struct session_in *in,
    struct problem *pb, int64_t *id)
{
	struct db_rows r;
	enum err e;

	e = db_query(db, &r, "SELECT starts_on, ends_on FROM programme WHERE id = ?", DB_I64(pid),
	    DB_END);
	if (e)
		return e;
	if ((e = db_next(&r)) == ERR_OK && (strcmp(in->held_on, db_text(&r, 0)) < 0 ||
	    strcmp(in->held_on, db_text(&r, 1)) > 0))
		problem_field(pb, "held_on", "应在项目起止日期 %s 至 %s 之间", db_text(&r, 0),
		    db_text(&r, 1));
	db_rows_close(&r);
	if (e)
		return e;
	if (!strcmp(in->form, "study_trip") && (!in->module || !*in->module))
		problem_field(pb, "module", "研学须注明所属模块");
	if (pb->nfields)
		return ERR_INVALID;
	e = db_exec(db, "INSERT INTO programme_session (programme_id, title, form, module, held_on,"
	    " hours, place, created_at) VALUES (?,?,?,?,?,?,?,?)", DB_I64(pid), DB_TEXT(in->title),
	    DB_TEXT(in->form), DB_TEXT(in->module ? in->module : ""), DB_TEXT(in->held_on),
	    DB_I64(in->hours), DB_TEXT(in->place ? in->place : ""), DB_I64(time(NULL)), DB_END);
	if (!e) {
		*id = db_last_id(db);
		e = cult_audit(db, w, "create", "programme_session", *id, "form", in->form);
	}
	return e;
}

enum err
programme_session_add(struct db *db, const struct who *w, int64_t programme_id,
    const struct session_in *in, struct problem *pb, int64_t *id)
{
	enum err e = db_begin(db);

	return e ? e : db_end(db, session_insert(db, w, programme_id, in, pb, id));
}

static enum err
enrol(struct db *db, const struct who *w, int64_t pid, int64_t member_id, struct problem *pb)
{
	struct cult_member m;
	int64_t n = 0;
	char today[11];
	enum err e;

	if ((e = db_get_i64(db, &n, "SELECT COUNT(*) FROM programme WHERE id = ?", DB_I64(pid),
	    DB_END)))
		return e;
	if (!n)
		return ERR_NOT_FOUND;
	if (cult_member_get(db, w, member_id, &m))
		return problem_field(pb, "member_id", "党员不存在或不在管理范围内");
	if (!cult_may_write(w, m.org_path))
		return ERR_FORBIDDEN;
	if ((e = db_get_i64(db, &n, "SELECT COUNT(*) FROM programme_enrolment WHERE"
	    " programme_id = ? AND member_id = ?", DB_I64(pid), DB_I64(member_id), DB_END)))
		return e;
	if (n)
		return problem_set(pb, ERR_CONFLICT, "duplicate", "该党员已报名此培训项目");
	cult_today(today);
	e = db_exec(db, "INSERT INTO programme_enrolment (programme_id, member_id, org_path,"
	    " enrolled_on, created_at) VALUES (?,?,?,?,?)", DB_I64(pid), DB_I64(member_id),
	    DB_TEXT(m.org_path), DB_TEXT(today), DB_I64(time(NULL)), DB_END);
	return e ? e : cult_audit(db, w, "enrol", "programme", pid, "member", m.name);
}

enum err
programme_enrol(struct db *db, const struct who *w, int64_t programme_id, int64_t member_id,
    struct problem *pb)
{
	enum err e = db_begin(db);

	return e ? e : db_end(db, enrol(db, w, programme_id, member_id, pb));
}

/* Whether member_id is enrolled in the programme (in w's scope, writable). */
static int
enrolled(struct db *db, const struct who *w, int64_t pid, int64_t member_id)
{
	struct buf sql = BUF_INIT(4096);
	struct db_args args = { 0 };
	char up[SCOPE_MAX][256], path[256] = "";
	struct db_rows r;
	int ok = 0;

	buf_adds(&sql, "SELECT org_path FROM programme_enrolment WHERE programme_id = ?"
	    " AND member_id = ?");
	db_args_add(&args, DB_I64(pid));
	db_args_add(&args, DB_I64(member_id));
	cult_scope(&sql, &args, w, "org_path", up);
	if (!db_queryv(db, &r, buf_str(&sql), &args)) {
		if (db_next(&r) == ERR_OK) {
			snprintf(path, sizeof(path), "%s", db_text(&r, 0));
			ok = cult_may_write(w, path);
		}
		db_rows_close(&r);
	}
	buf_release(&sql);
	return ok;
}

static enum err
attend(struct db *db, const struct who *w, int64_t sid, int n, const int64_t *ids,
    struct problem *pb)
{
	int64_t pid = 0, hours = 0;
	struct db_rows r;
	enum err e;

	if ((e = db_query(db, &r, "SELECT programme_id, hours FROM programme_session WHERE id = ?",
	    DB_I64(sid), DB_END)))
		return e;
	if ((e = db_next(&r)) == ERR_OK) {
		pid = db_i64(&r, 0);
		hours = db_i64(&r, 1);
	}
	db_rows_close(&r);
	if (e)
		return e;
	for (int i = 0; i < n; i++)
		if (!enrolled(db, w, pid, ids[i]))
			return problem_field(pb, "member_ids", "党员 %" PRId64 " 未报名此项目或不在管理范围内",
			    ids[i]);
	for (int i = 0; !e && i < n; i++) {
		e = db_exec(db, "DELETE FROM programme_attendance WHERE session_id = ? AND member_id = ?",
		    DB_I64(sid), DB_I64(ids[i]), DB_END);
		if (!e)
			e = db_exec(db, "INSERT INTO programme_attendance (session_id, member_id, hours, at)"
			    " VALUES (?,?,?,?)", DB_I64(sid), DB_I64(ids[i]), DB_I64(hours),
			    DB_I64(time(NULL)), DB_END);
	}
	return e ? e : cult_audit(db, w, "attendance", "programme_session", sid, "source", "api");
}

enum err
programme_attend(struct db *db, const struct who *w, int64_t session_id, int n,
    const int64_t *member_ids, struct problem *pb)
{
	enum err e = db_begin(db);

	if (e)
		return e;
	if (n < 1)
		return db_end(db, problem_field(pb, "member_ids", "请至少选择一名学员"));
	return db_end(db, attend(db, w, session_id, n, member_ids, pb));
}

enum err
programme_hours(struct db *db, const struct who *w, int year, int below,
    void (*fn)(void *ctx, const struct hours_row *r), void *ctx)
{
	struct buf sql = BUF_INIT(8192);
	struct db_args args = { 0 };
	char up[SCOPE_MAX][256], from[11], to[11];
	struct db_rows r;
	enum err e;

	cult_year_range(year, from, to);
	buf_adds(&sql, "SELECT * FROM (SELECT m.id, m.name, o.name AS org_name,"
	    " (SELECT COALESCE(SUM(a.hours), 0) FROM programme_attendance a JOIN programme_session s"
	    " ON s.id = a.session_id WHERE a.member_id = m.id AND s.held_on >= ? AND s.held_on < ?)"
	    " AS hours FROM member m JOIN org o ON o.id = m.org_id WHERE EXISTS (SELECT 1 FROM"
	    " programme_enrolment e JOIN programme p ON p.id = e.programme_id"
	    " WHERE e.member_id = m.id AND p.year = ?)");
	db_args_add(&args, DB_TEXT(from));
	db_args_add(&args, DB_TEXT(to));
	db_args_add(&args, DB_I64(year));
	cult_scope(&sql, &args, w, "m.org_path", up);
	buf_adds(&sql, ") t WHERE ? = 0 OR t.hours < ? ORDER BY t.hours, t.name, t.id");
	db_args_add(&args, DB_I64(below));
	db_args_add(&args, DB_I64(cfg.training_min_hours));
	e = db_queryv(db, &r, buf_str(&sql), &args);
	buf_release(&sql);
	if (e)
		return e;
	while ((e = db_next(&r)) == ERR_OK) {
		struct hours_row h = { db_i64(&r, 0), db_i64(&r, 3), 0, db_text(&r, 1),
			db_text(&r, 2) };

		/* CUL-03 */
		h.short_by = cult_hours_short(h.hours, cfg.training_min_hours);
		fn(ctx, &h);
	}
	db_rows_close(&r);
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}

enum err
programme_certificate(struct db *db, const struct who *w, int64_t enrolment_id, struct arena *a,
    struct certificate *c, struct problem *pb)
{
	struct buf sql = BUF_INIT(4096);
	struct db_args args = { 0 };
	char up[SCOPE_MAX][256], today[11];
	struct db_rows r;
	enum err e;

	buf_adds(&sql, "SELECT e.id, m.name, o.name, p.name, t.name, p.year, p.required_hours,"
	    " (SELECT COALESCE(SUM(x.hours), 0) FROM programme_attendance x JOIN programme_session s"
	    " ON s.id = x.session_id WHERE s.programme_id = p.id AND x.member_id = e.member_id)"
	    " FROM programme_enrolment e JOIN programme p ON p.id = e.programme_id"
	    " JOIN training_tier t ON t.id = p.tier_id JOIN member m ON m.id = e.member_id"
	    " JOIN org o ON o.id = m.org_id WHERE e.id = ?");
	db_args_add(&args, DB_I64(enrolment_id));
	cult_scope(&sql, &args, w, "e.org_path", up);
	e = db_queryv(db, &r, buf_str(&sql), &args);
	buf_release(&sql);
	if (e)
		return e;
	if ((e = db_next(&r)) == ERR_OK) {
		cult_today(today);
		*c = (struct certificate){ db_i64(&r, 0), db_i64(&r, 7), db_i64(&r, 6), db_i64(&r, 5),
			arena_strdup(a, db_text(&r, 1)), arena_strdup(a, db_text(&r, 2)),
			arena_strdup(a, db_text(&r, 3)), arena_strdup(a, db_text(&r, 4)),
			arena_strdup(a, today) };
	}
	db_rows_close(&r);
	if (!e && (c->required <= 0 || c->hours < c->required))
		e = problem_set(pb, ERR_CONFLICT, "not_completed", "尚未修满结业学时，不能出具结业证书");
	return e;
}

/* assign_store.c: the 督学 assignments (责任督学挂牌, PRIN-10; principal.h). */
#include "core/common.h"
#include "principal/principal.h"

#include <time.h>

#include "auth/audit.h"
#include "core/dates.h"

enum err
assign_create(struct db *db, const struct who *w, int64_t user_id, int64_t school_id,
    const char *from_on, const char *to_on, struct problem *pb, int64_t *id)
{
	int32_t from = 0, to = 0;
	int64_t v, now = time(NULL);
	char after[160];
	enum err e;

	if (!from_on || date_parse(from_on, &from))
		problem_field(pb, "from_on", "应为日期 YYYY-MM-DD");
	if (to_on && date_parse(to_on, &to))
		problem_field(pb, "to_on", "应为日期 YYYY-MM-DD");
	else if (to_on && from_on && !problem_has(pb, "from_on") && to < from)
		problem_field(pb, "to_on", "结束日期不能早于开始日期");
	if ((e = db_begin(db)))
		return e;
	if (db_get_i64(db, &v, "SELECT id FROM app_user WHERE id = ? AND role = 'supervisor'"
	    " AND disabled = 0", DB_I64(user_id), DB_END))
		problem_field(pb, "user_id", "应为角色为“责任督学”的有效账号");
	if (db_get_i64(db, &v, "SELECT id FROM school WHERE id = ?", DB_I64(school_id), DB_END))
		problem_field(pb, "school_id", "学校不存在");
	else if (!db_get_i64(db, &v, "SELECT id FROM supervisor_assignment WHERE user_id = ?"
	    " AND school_id = ? AND to_on IS NULL", DB_I64(user_id), DB_I64(school_id), DB_END))
		problem_field(pb, "school_id", "该督学已挂牌该校");
	e = pb->nfields ? ERR_INVALID : ERR_OK;
	if (!e)
		e = db_exec(db, "INSERT INTO supervisor_assignment (user_id, school_id, from_on, to_on,"
		    " created_by, created_at, updated_at) VALUES (?,?,?,?,?,?,?)", DB_I64(user_id),
		    DB_I64(school_id), DB_TEXT(from_on), to_on ? DB_TEXT(to_on) : DB_NULL,
		    w->user_id ? DB_I64(w->user_id) : DB_NULL, DB_I64(now), DB_I64(now), DB_END);
	if (!e) {
		*id = db_last_id(db);
		snprintf(after, sizeof(after), "{\"user_id\":%" PRId64 ",\"school_id\":%" PRId64
		    ",\"from_on\":\"%s\",\"to_on\":%s%s%s}", user_id, school_id, from_on,
		    to_on ? "\"" : "", to_on ? to_on : "null", to_on ? "\"" : "");
		e = audit_write(db, w, "create", "supervisor_assignment", *id, NULL, after, 1);
	}
	return db_end(db, e);
}

enum err
assign_end(struct db *db, const struct who *w, int64_t id, const char *to_on,
    struct problem *pb)
{
	int32_t from = 0, to = 0;
	struct db_rows r;
	char after[64];
	int open = 0;
	enum err e;

	if (!to_on || date_parse(to_on, &to))
		return problem_field(pb, "to_on", "应为日期 YYYY-MM-DD");
	if ((e = db_begin(db)))
		return e;
	if (!(e = db_query(db, &r, "SELECT from_on, to_on IS NULL FROM supervisor_assignment"
	    " WHERE id = ?", DB_I64(id), DB_END))) {
		if (!(e = db_next(&r))) {
			date_parse(db_text(&r, 0), &from);
			open = (int)db_i64(&r, 1);
		}
		db_rows_close(&r);
	}
	if (!e && !open)
		e = problem_set(pb, ERR_CONFLICT, "invalid_transition", "该挂牌已结束，不能再次结束");
	if (!e && to < from)
		e = problem_field(pb, "to_on", "结束日期不能早于开始日期");
	if (!e)
		e = db_exec(db, "UPDATE supervisor_assignment SET to_on = ?, updated_at = ?"
		    " WHERE id = ?", DB_TEXT(to_on), DB_I64(time(NULL)), DB_I64(id), DB_END);
	snprintf(after, sizeof(after), "{\"to_on\":\"%s\"}", to_on);
	if (!e)
		e = audit_write(db, w, "end", "supervisor_assignment", id, NULL, after, 1);
	return db_end(db, e);
}

enum err
assign_list(struct db *db, const struct who *w, int64_t user_id, int64_t school_id,
    int current, const char *today, int64_t page, int64_t per_page, struct jw *jw,
    int64_t *total)
{
	struct buf where = BUF_INIT(1024), sql = BUF_INIT(2048);
	struct db_args a = { 0 };
	struct db_rows r;
	enum err e;

	buf_adds(&where, " FROM supervisor_assignment sa JOIN app_user u ON u.id = sa.user_id"
	    " JOIN school s ON s.id = sa.school_id WHERE 1=1");
	if (w->role == ROLE_SUPERVISOR)
		user_id = w->user_id;	/* a 督学 sees their own assignments */
	else if (w->role != ROLE_SUPERVISION_OFFICE && !w->all)
		buf_adds(&where, " AND 1=0");
	if (user_id) {
		buf_adds(&where, " AND sa.user_id = ?");
		db_args_add(&a, DB_I64(user_id));
	}
	if (school_id) {
		buf_adds(&where, " AND sa.school_id = ?");
		db_args_add(&a, DB_I64(school_id));
	}
	if (current) {
		buf_adds(&where, " AND sa.from_on <= ? AND (sa.to_on IS NULL OR sa.to_on >= ?)");
		db_args_add(&a, DB_TEXT(today));
		db_args_add(&a, DB_TEXT(today));
	}
	buf_addf(&sql, "SELECT COUNT(*)%s", buf_str(&where));
	e = db_get_i64v(db, total, buf_str(&sql), &a);
	buf_reset(&sql);
	buf_addf(&sql, "SELECT sa.id, sa.user_id, u.username, sa.school_id, s.name, sa.from_on,"
	    " sa.to_on%s ORDER BY sa.to_on IS NULL DESC, u.username, s.name, sa.id"
	    " LIMIT ? OFFSET ?", buf_str(&where));
	db_args_add(&a, DB_I64(per_page));
	db_args_add(&a, DB_I64((page - 1) * per_page));
	if (!e)
		e = db_queryv(db, &r, buf_str(&sql), &a);
	buf_release(&sql);
	buf_release(&where);
	if (e)
		return e;
	while ((e = db_next(&r)) == ERR_OK) {
		jw_obj(jw);
		jw_kint(jw, "id", db_i64(&r, 0));
		jw_kint(jw, "user_id", db_i64(&r, 1));
		jw_kstr(jw, "username", db_text(&r, 2));
		jw_kint(jw, "school_id", db_i64(&r, 3));
		jw_kstr(jw, "school_name", db_text(&r, 4));
		jw_kstr(jw, "from_on", db_text(&r, 5));
		jw_kstr(jw, "to_on", db_text(&r, 6));
		jw_kbool(jw, "current", strcmp(db_text(&r, 5), today) <= 0 &&
		    (db_is_null(&r, 6) || strcmp(db_text(&r, 6), today) >= 0));
		jw_obj_end(jw);
	}
	db_rows_close(&r);
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}

enum err
assign_supervisors(struct db *db, const char *today, struct jw *jw)
{
	struct db_rows r;
	enum err e = db_query(db, &r, "SELECT u.id, u.username, u.disabled, (SELECT COUNT(*) FROM"
	    " supervisor_assignment sa WHERE sa.user_id = u.id AND sa.from_on <= ? AND"
	    " (sa.to_on IS NULL OR sa.to_on >= ?)) FROM app_user u WHERE u.role = 'supervisor'"
	    " ORDER BY u.username", DB_TEXT(today), DB_TEXT(today), DB_END);

	if (e)
		return e;
	while ((e = db_next(&r)) == ERR_OK) {
		jw_obj(jw);
		jw_kint(jw, "id", db_i64(&r, 0));
		jw_kstr(jw, "username", db_text(&r, 1));
		jw_kbool(jw, "disabled", db_i64(&r, 2) != 0);
		jw_kint(jw, "schools", db_i64(&r, 3));
		jw_obj_end(jw);
	}
	db_rows_close(&r);
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}

/* cult_store.c: SQL helpers shared by the cultivation stores. */
#include "core/common.h"
#include "cultivate/cult_store.h"
#include "cultivate/cult.h"
#include "auth/audit.h"
#include "auth/scope.h"
#include "core/buf.h"
#include "core/dates.h"
#include "http/json_out.h"

void
cult_scope(struct buf *sql, struct db_args *a, const struct who *w, const char *col,
    char (*up)[256])
{
	scope_sql(sql, a, w, col, up);
}

enum err
cult_get_object(struct db *db, const struct who *w, const char *select, const char *path_col,
    int64_t id, const char *const *keys, const char *fmt, struct jw *j)
{
	struct buf sql = BUF_INIT(4096);
	struct db_args args = { 0 };
	char up[SCOPE_MAX][256];
	struct db_rows r;
	enum err e;

	buf_adds(&sql, select);
	db_args_add(&args, DB_I64(id));
	scope_sql(&sql, &args, w, path_col, up);
	e = db_queryv(db, &r, buf_str(&sql), &args);
	buf_release(&sql);
	if (e)
		return e;
	if ((e = db_next(&r)) == ERR_OK) {
		jw_obj(j);
		cult_row_fields(&r, j, keys, fmt);
	}
	db_rows_close(&r);
	return e;
}

enum err
cult_children_json(struct db *db, int64_t id, const char *key, const char *sql,
    const char *const *keys, const char *fmt, struct jw *j)
{
	struct db_rows r;
	enum err e = db_query(db, &r, sql, DB_I64(id), DB_END);

	if (e)
		return e;
	jw_key(j, key);
	jw_arr(j);
	e = cult_rows_json(&r, j, keys, fmt);
	jw_arr_end(j);
	db_rows_close(&r);
	return e;
}

void
cult_year_range(int year, char from[11], char to[11])
{
	date_format(date_from_ymd(year, 1, 1), from);
	date_format(date_from_ymd(year + 1, 1, 1), to);
}

enum err
cult_row_scoped(struct db *db, const struct who *w, const char *table, int64_t id, char *path)
{
	struct buf sql = BUF_INIT(4096);
	struct db_args args = { 0 };
	char up[SCOPE_MAX][256];
	struct db_rows r;
	enum err e;

	buf_addf(&sql, "SELECT org_path FROM %s WHERE id = ?", table);
	db_args_add(&args, DB_I64(id));
	scope_sql(&sql, &args, w, "org_path", up);
	e = db_queryv(db, &r, buf_str(&sql), &args);
	buf_release(&sql);
	if (e)
		return e;
	if ((e = db_next(&r)) == ERR_OK && path)
		snprintf(path, 256, "%s", db_text(&r, 0));
	db_rows_close(&r);
	return e;
}

enum err
cult_member_get(struct db *db, const struct who *w, int64_t id, struct cult_member *m)
{
	struct buf sql = BUF_INIT(4096);
	struct db_args args = { 0 };
	char up[SCOPE_MAX][256];
	struct db_rows r;
	enum err e;

	buf_adds(&sql, "SELECT id, org_id, name, status, org_path, backbone, dual_leader"
	    " FROM member WHERE id = ? AND state = 'active'");
	db_args_add(&args, DB_I64(id));
	scope_sql(&sql, &args, w, "org_path", up);
	e = db_queryv(db, &r, buf_str(&sql), &args);
	buf_release(&sql);
	if (e)
		return e;
	if ((e = db_next(&r)) == ERR_OK) {
		m->id = db_i64(&r, 0);
		m->org_id = db_i64(&r, 1);
		snprintf(m->name, sizeof(m->name), "%s", db_text(&r, 2));
		snprintf(m->status, sizeof(m->status), "%s", db_text(&r, 3));
		snprintf(m->org_path, sizeof(m->org_path), "%s", db_text(&r, 4));
		m->backbone = (int)db_i64(&r, 5);
		m->dual_leader = (int)db_i64(&r, 6);
	}
	db_rows_close(&r);
	return e;
}

void
cult_today(char out[11])
{
	date_format(date_today(), out);
}

enum err
cult_audit(struct db *db, const struct who *w, const char *action, const char *entity,
    int64_t id, const char *key, const char *value)
{
	struct buf b = BUF_INIT(16384);
	struct jw j;
	enum err e;

	jw_init(&j, &b);
	jw_obj(&j);
	jw_kstr(&j, key, value);
	jw_obj_end(&j);
	e = audit_write(db, w, action, entity, id, NULL, buf_str(&b), 1);
	buf_release(&b);
	return e;
}

int
cult_may_write(const struct who *w, const char *path)
{
	if (w->role == ROLE_DISTRICT)
		return 1;
	return w->role == ROLE_SECRETARY && scope_contains(w, path);
}

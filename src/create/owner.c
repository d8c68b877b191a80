/* owner.c: a record's school, its path and the caller's right to write. */
#include "core/common.h"
#include "create/owner.h"

#include "auth/scope.h"
#include "core/buf.h"
#include "http/json_out.h"

enum err
owner_school_path(struct db *db, const struct who *w, int64_t school_id,
    char path[OWNER_PATH_MAX])
{
	struct db_rows r;
	enum err e;

	e = db_query(db, &r, "SELECT path FROM org WHERE school_id = ? ORDER BY depth, id LIMIT 1",
	    DB_I64(school_id), DB_END);
	if (e)
		return e;
	if ((e = db_next(&r)) == ERR_OK)
		snprintf(path, OWNER_PATH_MAX, "%s", db_text(&r, 0));
	db_rows_close(&r);
	if (!e && !scope_contains(w, path))
		e = ERR_NOT_FOUND;
	return e;
}

int64_t
owner_default_school(struct db *db, const struct who *w)
{
	int64_t id = 0;

	if (w->all || !w->nscope)
		return 0;
	if (db_get_i64(db, &id, "SELECT school_id FROM org WHERE id = ? AND school_id IS NOT NULL",
	    DB_I64(w->scope_ids[0]), DB_END))
		return 0;
	return id;
}

int
owner_may_write(enum role r)
{
	return (r & OWNER_WRITERS) != 0;
}

enum err
owner_write_one(struct db *db, struct buf *sql, const struct db_args *args, int64_t id,
    void (*row)(struct db_rows *r, struct jw *jw),
    enum err (*detail)(struct db *db, int64_t id, struct jw *jw), struct jw *jw)
{
	struct db_rows r;
	enum err e = db_queryv(db, &r, buf_str(sql), args);

	buf_release(sql);
	if (e)
		return e;
	if ((e = db_next(&r)) == ERR_OK) {
		jw_obj(jw);
		row(&r, jw);
	}
	db_rows_close(&r);
	if (e)
		return e;
	if (detail)
		e = detail(db, id, jw);
	jw_obj_end(jw);
	return e;
}

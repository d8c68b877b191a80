/* owner.c: a record's school, its path and the caller's right to write. */
#include "core/common.h"
#include "create/owner.h"

#include "auth/scope.h"

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

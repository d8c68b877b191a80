/* study_page.c: the paged lists of the study area (library, readings,
 * exchange) share one shape: count, then one page in order. */
#include "core/common.h"
#include "study/study.h"

enum err
study_page_open(struct db *db, const char *cols, const char *where, const char *order,
    struct db_args *args, int64_t page, int64_t per_page, int64_t *total, struct db_rows *r)
{
	struct buf sql = BUF_INIT(16384);
	enum err e;

	buf_addf(&sql, "SELECT COUNT(*)%s", where);
	e = db_get_i64v(db, total, buf_str(&sql), args);
	if (!e) {
		buf_reset(&sql);
		buf_addf(&sql, "SELECT %s%s ORDER BY %s LIMIT ? OFFSET ?", cols, where, order);
		db_args_add(args, DB_I64(per_page));
		db_args_add(args, DB_I64((page - 1) * per_page));
		e = db_queryv(db, r, buf_str(&sql), args);
	}
	buf_release(&sql);
	return e;
}

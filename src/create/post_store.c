/* post_store.c: per-school coverage of posts in one grouped query. */
#include "core/common.h"
#include "create/post.h"

#include "auth/scope.h"
#include "core/buf.h"
#include "core/dates.h"

static void
write_row(struct db_rows *r, struct jw *jw)
{
	int64_t members = db_i64(r, 2), with = db_i64(r, 3), cov = post_coverage(with, members);

	jw_obj(jw);
	jw_kint(jw, "school_id", db_i64(r, 0));
	jw_kstr(jw, "school_name", db_text(r, 1));
	jw_kint(jw, "members", members);
	jw_kint(jw, "with_post", with);
	jw_key(jw, "coverage");
	if (cov < 0) {
		jw_null(jw);
	} else {
		char s[48];

		snprintf(s, sizeof(s), "%lld.%lld", (long long)(cov / 10), (long long)(cov % 10));
		jw_raw(jw, s);
	}
	jw_obj_end(jw);
}

enum err
post_write_coverage(struct db *db, const struct who *w, int64_t school_id, struct jw *jw)
{
	struct buf sql = BUF_INIT(4096);
	struct db_args args = { 0 };
	char up[SCOPE_MAX][256], today[11];
	struct db_rows r;
	enum err e;

	date_format(date_today(), today);
	/* o: each school's top organization (its parent is not of the school). */
	buf_adds(&sql, "SELECT s.id, s.name, COUNT(DISTINCT m.id), COUNT(DISTINCT p.member_id)"
	    " FROM school s JOIN org o ON o.school_id = s.id LEFT JOIN org par ON par.id ="
	    " o.parent_id LEFT JOIN member m ON m.state = 'active' AND m.org_path >= o.path"
	    " AND m.org_path < substr(o.path, 1, length(o.path) - 1) || '0'"
	    " LEFT JOIN member_post p ON p.member_id = m.id AND p.school_id = s.id"
	    " AND p.since <= ? AND (p.until IS NULL OR p.until >= ?)"
	    " WHERE (par.id IS NULL OR par.school_id IS NULL OR par.school_id <> s.id)");
	db_args_add(&args, DB_TEXT(today));
	db_args_add(&args, DB_TEXT(today));
	if (school_id) {
		buf_adds(&sql, " AND s.id = ?");
		db_args_add(&args, DB_I64(school_id));
	}
	scope_sql(&sql, &args, w, "o.path", up);
	buf_adds(&sql, " GROUP BY s.id, s.name ORDER BY s.name");
	e = db_queryv(db, &r, buf_str(&sql), &args);
	buf_release(&sql);
	if (e)
		return e;
	while ((e = db_next(&r)) == ERR_OK)
		write_row(&r, jw);
	db_rows_close(&r);
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}

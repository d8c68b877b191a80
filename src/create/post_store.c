/* post_store.c: the post record's checks against the school's members, and
 * per-school coverage of posts in one grouped query. */
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

/* The member is an active member of the school; since is not in the
 * future; until (when given) is not before since. */
static enum err
check(struct db *db, const struct who *w, int64_t school_id, const char *path,
    const struct rec_body *b, int creating, struct problem *pb)
{
	char up[256];
	int64_t n = 0;
	int32_t since = 0, until;
	enum err e;

	(void)w;
	(void)school_id;
	if (json_in_has(b, 1)) {
		snprintf(up, sizeof(up), "%s", path);
		up[strlen(up) - 1] = '0';
		e = db_get_i64(db, &n, "SELECT COUNT(*) FROM member WHERE id = ? AND state = 'active'"
		    " AND org_path >= ? AND org_path < ?", DB_I64(b->v[1].i), DB_TEXT(path),
		    DB_TEXT(up), DB_END);
		if (e)
			return e;
		if (!n)
			problem_field(pb, "member_id", "应为本校在册党员");
	}
	if (json_in_has(b, 4) && !date_parse(b->v[4].s, &since) && since > date_today())
		problem_field(pb, "since", "上岗日期不能晚于今天");
	if (json_in_has(b, 5) && json_in_has(b, 4) && !date_parse(b->v[5].s, &until)
	    && until < since)
		problem_field(pb, "until", "截止日期不能早于上岗日期");
	(void)creating;
	return pb->nfields ? ERR_INVALID : ERR_OK;
}

static const struct json_field post_fields[] = {
	{ "school_id", JF_ID, 0, 0, 0, REC_OFF(0), NULL },
	{ "member_id", JF_ID, JF_REQUIRED, 0, 0, REC_OFF(1), NULL },
	{ "kind", JF_ENUM, JF_REQUIRED, 0, 0, REC_OFF(2), post_kinds },
	{ "name", JF_STR, JF_REQUIRED | JF_NONEMPTY, 0, 60, REC_OFF(3), NULL },
	{ "since", JF_DATE, JF_REQUIRED, 0, 0, REC_OFF(4), NULL },
	{ "until", JF_DATE, JF_NULLABLE, 0, 0, REC_OFF(5), NULL },
	{ "commitment", JF_STR, 0, 0, 1000, REC_OFF(6), NULL },
};

const struct rec_kind post_kind = { "member_post", post_fields, 7, NULL,
	"t.kind, t.since DESC, t.id DESC", "since", check,
	"(SELECT m.name FROM member m WHERE m.id = t.member_id)", "member_name" };

/* exemption.c: the rule check and the scoped SQL of compliance waivers. */
#include "core/common.h"
#include "party/exemption.h"
#include "auth/audit.h"
#include "auth/scope.h"
#include "core/buf.h"
#include "http/json_out.h"
#include "party/compliance.h"
#include "party/org.h"

static const char *const rules[] = { "ORG-10", "ORG-11", "ORG-12", "ORG-13", "ORG-14", "ORG-15",
	"ORG-16", "ORG-17", NULL };

int
exemption_rule_ok(const char *rule)
{
	for (int i = 0; rule && rules[i]; i++)
		if (!strcmp(rules[i], rule))
			return 1;
	return 0;
}

static void
check(struct db *db, const struct who *w, const struct exemption_in *in, struct arena *a,
    struct problem *pb)
{
	struct period p;
	struct org o;

	if (org_get(db, w, in->org_id, a, &o))
		problem_field(pb, "org_id", "组织不存在");
	else if (strcmp(o.kind, "branch") && strcmp(o.kind, "group"))
		problem_field(pb, "org_id", "只有党支部和党小组的要求可以豁免");
	if (!exemption_rule_ok(in->rule))
		problem_field(pb, "rule", "应为 ORG-10 至 ORG-17 之一");
	if (period_parse(in->period, &p))
		problem_field(pb, "period", "应为年度、季度或月份，如 2026、2026-Q3、2026-07");
}

static char *
json_of(const struct exemption_in *in, struct arena *a)
{
	struct buf b = BUF_INIT(4096);
	struct jw w;
	char *s;

	jw_init(&w, &b);
	jw_obj(&w);
	jw_kint(&w, "org_id", in->org_id);
	jw_kstr(&w, "rule", in->rule);
	jw_kstr(&w, "period", in->period);
	jw_kstr(&w, "reason", in->reason);
	jw_obj_end(&w);
	s = arena_strdup(a, buf_str(&b));
	buf_release(&b);
	return s;
}

enum err
exemption_create(struct db *db, const struct who *w, const struct exemption_in *in,
    struct problem *pb, int64_t *id)
{
	struct arena a = ARENA_INIT;
	enum err e = db_begin(db);

	if (e)
		return e;
	check(db, w, in, &a, pb);
	e = pb->nfields ? ERR_INVALID : ERR_OK;
	if (!e)
		e = db_exec(db, "INSERT INTO compliance_exemption (org_id, rule, period, reason,"
		    " created_by, created_at) VALUES (?,?,?,?,?,?)", DB_I64(in->org_id),
		    DB_TEXT(in->rule), DB_TEXT(in->period), DB_TEXT(in->reason),
		    w->user_id ? DB_I64(w->user_id) : DB_NULL, DB_I64(time(NULL)), DB_END);
	if (e == ERR_CONFLICT)
		problem_field(pb, "period", "该组织在这一期间的这项要求已经豁免");
	if (!e) {
		*id = db_last_id(db);
		e = audit_write(db, w, "create", "compliance_exemption", *id, NULL, json_of(in, &a), 1);
	}
	arena_release(&a);
	return db_end(db, e);
}

enum err
exemption_delete(struct db *db, const struct who *w, int64_t id)
{
	struct buf sql = BUF_INIT(4096);
	struct db_args args = { 0 };
	char up[SCOPE_MAX][256];
	int64_t found = 0;
	enum err e = db_begin(db);

	if (e)
		return e;
	buf_adds(&sql, "SELECT x.id FROM compliance_exemption x JOIN org o ON o.id = x.org_id"
	    " WHERE x.id = ?");
	db_args_add(&args, DB_I64(id));
	scope_sql(&sql, &args, w, "o.path", up);
	{
		struct db_rows r;

		e = db_queryv(db, &r, buf_str(&sql), &args);
		if (!e) {
			e = db_next(&r);
			found = e ? 0 : db_i64(&r, 0);
			db_rows_close(&r);
		}
	}
	buf_release(&sql);
	if (!e && found)
		e = db_exec(db, "DELETE FROM compliance_exemption WHERE id = ?", DB_I64(id), DB_END);
	if (!e)
		e = audit_write(db, w, "delete", "compliance_exemption", id, NULL, NULL, 1);
	return db_end(db, e);
}

/* FROM and WHERE of a list: org_id's subtree, or the caller's scope. The
 * bound path strings live in up[]. */
static enum err
list_where(struct db *db, const struct who *w, int64_t org_id, struct buf *sql,
    struct db_args *args, char (*up)[256])
{
	struct arena a = ARENA_INIT;
	struct org o;
	enum err e = ERR_OK;

	buf_adds(sql, " FROM compliance_exemption x JOIN org o ON o.id = x.org_id WHERE 1=1");
	if (!org_id) {
		scope_sql(sql, args, w, "o.path", up);
		return ERR_OK;
	}
	if ((e = org_get(db, w, org_id, &a, &o)) == ERR_OK) {
		snprintf(up[1], 256, "%s", o.path);
		scope_path_upper(up[1], up[0]);
		buf_adds(sql, " AND o.path >= ? AND o.path < ?");
		db_args_add(args, DB_TEXT(up[1]));
		db_args_add(args, DB_TEXT(up[0]));
	}
	arena_release(&a);
	return e;
}

enum err
exemption_list(struct db *db, const struct who *w, int64_t org_id, int64_t page, int64_t per_page,
    void (*fn)(void *ctx, const struct exemption *x), void *ctx, int64_t *total)
{
	struct buf where = BUF_INIT(8192), sql = BUF_INIT(8192);
	struct db_args a = { 0 };
	char up[SCOPE_MAX][256];
	struct db_rows r;
	enum err e = list_where(db, w, org_id, &where, &a, up);

	if (!e) {
		buf_addf(&sql, "SELECT COUNT(*)%s", buf_str(&where));
		e = db_get_i64v(db, total, buf_str(&sql), &a);
		buf_reset(&sql);
	}
	if (e)
		goto out;
	buf_addf(&sql, "SELECT x.id, x.org_id, o.name, x.rule, x.period, x.reason, x.created_at"
	    "%s ORDER BY x.id DESC LIMIT ? OFFSET ?", buf_str(&where));
	db_args_add(&a, DB_I64(per_page));
	db_args_add(&a, DB_I64((page - 1) * per_page));
	if ((e = db_queryv(db, &r, buf_str(&sql), &a)))
		goto out;
	while ((e = db_next(&r)) == ERR_OK) {
		struct exemption x = { db_i64(&r, 0), db_i64(&r, 1), db_i64(&r, 6), db_text(&r, 2),
			db_text(&r, 3), db_text(&r, 4), db_text(&r, 5) };

		fn(ctx, &x);
	}
	db_rows_close(&r);
	e = e == ERR_NOT_FOUND ? ERR_OK : e;
out:
	buf_release(&where);
	buf_release(&sql);
	return e;
}

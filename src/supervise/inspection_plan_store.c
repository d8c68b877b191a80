/* inspection_plan_store.c: plans (which inspector visits which
 * organization in which period) and the visibility rule of the area. */
#include "core/common.h"
#include "supervise/inspection.h"
#include "auth/audit.h"
#include "core/arena.h"
#include "core/dates.h"
#include "http/json_out.h"
#include "party/org.h"
#include "supervise/inspection_scope.h"

#define ASSIGNED_SQL " AND EXISTS (SELECT 1 FROM inspection_assignment sa WHERE" \
	" sa.inspector_id = ? AND %s >= sa.org_path" \
	" AND %s < substr(sa.org_path, 1, length(sa.org_path) - 1) || '0')"

void
insp_scope_sql(struct buf *sql, struct db_args *a, const struct who *w, const char *col,
    const char *state_col, char (*up)[256])
{
	if (w->role == ROLE_INSPECTOR) {
		buf_addf(sql, ASSIGNED_SQL, col, col);
		db_args_add(a, DB_I64(w->user_id));
		return;
	}
	scope_sql(sql, a, w, col, up);
	if (!(w->role & (ROLE_DISTRICT)) && state_col)
		buf_addf(sql, " AND %s = 'confirmed'", state_col);
}

void
insp_narrow(const struct who *w, const char **path, int64_t *org_id, struct who *out)
{
	*out = *w;
	out->all = 0;
	out->nscope = 1;
	out->paths = path;
	out->scope_ids = org_id;
}

const char *
insp_json(struct arena *a, const char *const *kv, int n)
{
	struct buf b = BUF_INIT(8192);
	const char *s;
	struct jw w;

	jw_init(&w, &b);
	jw_obj(&w);
	for (int i = 0; i + 1 < n; i += 2) {
		jw_key(&w, kv[i]);
		if (kv[i + 1] && kv[i + 1][0] == '#')
			jw_raw(&w, kv[i + 1] + 1);
		else
			jw_str(&w, kv[i + 1]);
	}
	jw_obj_end(&w);
	s = arena_strdup(a, buf_str(&b));
	buf_release(&b);
	return s;
}

enum err
inspection_org(struct db *db, const struct who *w, int64_t org_id, struct arena *a,
    const char **name, const char **path)
{
	struct buf sql = BUF_INIT(2048);
	struct db_args args = { 0 };
	char up[SCOPE_MAX][256];
	struct db_rows r;
	enum err e;

	buf_adds(&sql, "SELECT o.name, o.path FROM org o WHERE o.id = ?");
	db_args_add(&args, DB_I64(org_id));
	insp_scope_sql(&sql, &args, w, "o.path", NULL, up);
	e = db_queryv(db, &r, buf_str(&sql), &args);
	buf_release(&sql);
	if (e)
		return e;
	if (!(e = db_next(&r))) {
		*name = arena_strdup(a, db_text(&r, 0));
		*path = arena_strdup(a, db_text(&r, 1));
	}
	db_rows_close(&r);
	return e;
}

/* The system must be published and of the plan's kind. */
static void
check_system(struct db *db, int64_t id, const char *kind, struct problem *pb)
{
	struct db_rows r;

	if (db_query(db, &r, "SELECT kind, status FROM indicator_system WHERE id = ?", DB_I64(id),
	    DB_END))
		return;
	if (db_next(&r))
		problem_field(pb, "system_id", "评分细则不存在");
	else if (strcmp(db_text(&r, 1), "published"))
		problem_field(pb, "system_id", "评分细则须已发布");
	else if (kind && strcmp(db_text(&r, 0), kind))
		problem_field(pb, "system_id", "评分细则的类别与督查类别不一致");
	db_rows_close(&r);
}

int
insp_is_inspector(struct db *db, int64_t uid)
{
	int64_t n = 0;

	db_get_i64(db, &n, "SELECT COUNT(*) FROM app_user WHERE id = ? AND role = 'inspector'"
	    " AND disabled = 0", DB_I64(uid), DB_END);
	return n > 0;
}

static void
check_assignments(struct db *db, const struct who *w, const struct plan_in *in, struct arena *a,
    struct problem *pb, const char **paths)
{
	char f[48];

	for (int i = 0; i < in->nassign; i++) {
		const struct plan_assignment *x = &in->assign[i];
		struct org o;

		snprintf(f, sizeof(f), "assignments[%d].org_id", i);
		if (org_get(db, w, x->org_id, a, &o))
			problem_field(pb, f, "组织不存在");
		else
			paths[i] = o.path;
		snprintf(f, sizeof(f), "assignments[%d].inspector_id", i);
		if (!insp_is_inspector(db, x->inspector_id))
			problem_field(pb, f, "应为启用的督查员账号");
		for (int j = 0; j < i; j++)
			if (in->assign[j].org_id == x->org_id &&
			    in->assign[j].inspector_id == x->inspector_id)
				problem_field(pb, f, "与第%d项重复", j + 1);
	}
}

static enum err
write_plan(struct db *db, const struct who *w, int64_t id, const struct plan_in *in,
    const char **paths, int64_t *out_id)
{
	int64_t now = time(NULL);
	enum err e;

	if (id)
		e = db_exec(db, "UPDATE inspection_plan SET name = ?, kind = ?, system_id = ?,"
		    " period_start = ?, period_end = ?, updated_at = ? WHERE id = ?",
		    DB_TEXT(in->name), DB_TEXT(in->kind), DB_I64(in->system_id),
		    DB_TEXT(in->period_start), DB_TEXT(in->period_end), DB_I64(now), DB_I64(id),
		    DB_END);
	else
		e = db_exec(db, "INSERT INTO inspection_plan (name, kind, system_id, period_start,"
		    " period_end, created_by, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?)",
		    DB_TEXT(in->name), DB_TEXT(in->kind), DB_I64(in->system_id),
		    DB_TEXT(in->period_start), DB_TEXT(in->period_end),
		    w->user_id ? DB_I64(w->user_id) : DB_NULL, DB_I64(now), DB_I64(now), DB_END);
	if (e)
		return e;
	*out_id = id ? id : db_last_id(db);
	e = db_exec(db, "DELETE FROM inspection_assignment WHERE plan_id = ?", DB_I64(*out_id),
	    DB_END);
	for (int i = 0; !e && i < in->nassign; i++)
		e = db_exec(db, "INSERT INTO inspection_assignment (plan_id, org_id, org_path,"
		    " inspector_id) VALUES (?,?,?,?)", DB_I64(*out_id), DB_I64(in->assign[i].org_id),
		    DB_TEXT(paths[i]), DB_I64(in->assign[i].inspector_id), DB_END);
	return e;
}

static enum err
plan_exists(struct db *db, int64_t id)
{
	int64_t n = 0;
	enum err e = db_get_i64(db, &n, "SELECT COUNT(*) FROM inspection_plan WHERE id = ?",
	    DB_I64(id), DB_END);

	return e ? e : n ? ERR_OK : ERR_NOT_FOUND;
}

enum err
plan_save(struct db *db, const struct who *w, int64_t id, const struct plan_in *in,
    struct problem *pb, int64_t *out_id)
{
	struct arena a = ARENA_INIT;
	const char **paths = arena_alloc(&a, sizeof(*paths) * (size_t)(in->nassign + 1));
	int32_t d0 = 0, d1 = 0;
	char n[24], sys[24];
	enum err e = db_begin(db);

	if (e)
		goto out;
	if (id && (e = plan_exists(db, id)))
		goto end;
	check_system(db, in->system_id, in->kind, pb);
	if (!date_parse(in->period_start, &d0) && !date_parse(in->period_end, &d1) && d1 < d0)
		problem_field(pb, "period_end", "结束日期不能早于开始日期");
	check_assignments(db, w, in, &a, pb, paths);
	if (!in->nassign && !problem_has(pb, "assignments"))
		problem_field(pb, "assignments", "请至少安排一项督查任务（被督查的党组织和督查员）");
	if (pb->nfields) {
		e = ERR_INVALID;
		goto end;
	}
	if ((e = write_plan(db, w, id, in, paths, out_id)))
		goto end;
	snprintf(n, sizeof(n), "#%d", in->nassign);
	snprintf(sys, sizeof(sys), "#%" PRId64, in->system_id);
	e = audit_write(db, w, id ? "update" : "create", "inspection_plan", *out_id, NULL,
	    insp_json(&a, (const char *const[]){ "name", in->name, "kind", in->kind, "system_id",
	    sys, "period_start", in->period_start, "period_end", in->period_end, "assignments",
	    n }, 12), 1);
end:
	e = db_end(db, e);
out:
	arena_release(&a);
	return e;
}

#define PLAN_COLS "p.id, p.system_id, p.created_by, p.created_at, p.updated_at, p.name," \
	" p.kind, s.name, p.period_start, p.period_end"

static void
plan_row(struct db_rows *r, struct arena *a, struct plan *p)
{
	p->id = db_i64(r, 0);
	p->system_id = db_i64(r, 1);
	p->created_by = db_is_null(r, 2) ? 0 : db_i64(r, 2);
	p->created_at = db_i64(r, 3);
	p->updated_at = db_i64(r, 4);
	p->name = arena_strdup(a, db_text(r, 5));
	p->kind = arena_strdup(a, db_text(r, 6));
	p->system_name = arena_strdup(a, db_text(r, 7));
	p->period_start = arena_strdup(a, db_text(r, 8));
	p->period_end = arena_strdup(a, db_text(r, 9));
	p->nassign = db_i64(r, 10);
}

/* " (assignments counted), FROM … WHERE 1=1" limited to an inspector's. */
static void
plan_from(struct buf *sql, struct db_args *args, const struct who *w)
{
	int insp = w->role == ROLE_INSPECTOR;

	buf_addf(sql, ", (SELECT COUNT(*) FROM inspection_assignment x WHERE x.plan_id = p.id%s)"
	    " FROM inspection_plan p JOIN indicator_system s ON s.id = p.system_id WHERE 1=1",
	    insp ? " AND x.inspector_id = ?" : "");
	if (insp) {
		db_args_add(args, DB_I64(w->user_id));
		buf_adds(sql, " AND EXISTS (SELECT 1 FROM inspection_assignment y WHERE"
		    " y.plan_id = p.id AND y.inspector_id = ?)");
		db_args_add(args, DB_I64(w->user_id));
	}
}

static enum err
assignments(struct db *db, const struct who *w, int64_t id,
    void (*fn)(void *ctx, const struct plan_assignment *x), void *ctx)
{
	struct buf sql = BUF_INIT(4096);
	struct db_args args = { 0 };
	struct db_rows r;
	enum err e;

	buf_adds(&sql, "SELECT a.id, a.org_id, o.name, a.inspector_id, u.username,"
	    " (SELECT MAX(i.id) FROM inspection i WHERE i.plan_id = a.plan_id AND i.org_id = a.org_id"
	    " AND i.superseded_by IS NULL), (SELECT i2.state FROM inspection i2 WHERE"
	    " i2.plan_id = a.plan_id AND i2.org_id = a.org_id AND i2.superseded_by IS NULL"
	    " ORDER BY i2.id DESC LIMIT 1) FROM inspection_assignment a JOIN org o ON o.id = a.org_id"
	    " JOIN app_user u ON u.id = a.inspector_id WHERE a.plan_id = ?");
	db_args_add(&args, DB_I64(id));
	if (w->role == ROLE_INSPECTOR) {
		buf_adds(&sql, " AND a.inspector_id = ?");
		db_args_add(&args, DB_I64(w->user_id));
	}
	buf_adds(&sql, " ORDER BY o.path, a.id");
	e = db_queryv(db, &r, buf_str(&sql), &args);
	buf_release(&sql);
	if (e)
		return e;
	while ((e = db_next(&r)) == ERR_OK) {
		struct plan_assignment x = { db_i64(&r, 0), db_i64(&r, 1), db_i64(&r, 3),
			db_text(&r, 2), db_text(&r, 4), db_is_null(&r, 5) ? 0 : db_i64(&r, 5), db_text(&r, 6) };

		fn(ctx, &x);
	}
	db_rows_close(&r);
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}

enum err
plan_get(struct db *db, const struct who *w, int64_t id, struct arena *a, struct plan *p,
    void (*fn)(void *ctx, const struct plan_assignment *x), void *ctx)
{
	struct buf sql = BUF_INIT(4096);
	struct db_args args = { 0 };
	struct db_rows r;
	enum err e;

	buf_adds(&sql, "SELECT " PLAN_COLS);
	plan_from(&sql, &args, w);
	buf_adds(&sql, " AND p.id = ?");
	db_args_add(&args, DB_I64(id));
	e = db_queryv(db, &r, buf_str(&sql), &args);
	buf_release(&sql);
	if (e)
		return e;
	if (!(e = db_next(&r)))
		plan_row(&r, a, p);
	db_rows_close(&r);
	if (!e && fn)
		e = assignments(db, w, id, fn, ctx);
	return e;
}

enum err
plan_list(struct db *db, const struct who *w, int64_t page, int64_t per_page,
    void (*fn)(void *ctx, const struct plan *p), void *ctx, int64_t *total)
{
	struct buf where = BUF_INIT(4096), sql = BUF_INIT(4096);
	struct db_args args = { 0 }, cargs;
	struct arena a = ARENA_INIT;
	struct db_rows r;
	enum err e;

	plan_from(&where, &args, w);
	cargs = args;
	/* The count's select list needs the assignment subquery's argument too. */
	buf_addf(&sql, "SELECT COUNT(*) FROM (SELECT p.id%s) c", buf_str(&where));
	if ((e = db_get_i64v(db, total, buf_str(&sql), &cargs)))
		goto out;
	buf_reset(&sql);
	buf_addf(&sql, "SELECT " PLAN_COLS "%s ORDER BY p.period_start DESC, p.id DESC"
	    " LIMIT ? OFFSET ?", buf_str(&where));
	db_args_add(&args, DB_I64(per_page));
	db_args_add(&args, DB_I64((page - 1) * per_page));
	if ((e = db_queryv(db, &r, buf_str(&sql), &args)))
		goto out;
	while ((e = db_next(&r)) == ERR_OK) {
		struct plan p;

		plan_row(&r, &a, &p);
		fn(ctx, &p);
	}
	db_rows_close(&r);
	e = e == ERR_NOT_FOUND ? ERR_OK : e;
out:
	arena_release(&a);
	buf_release(&where);
	buf_release(&sql);
	return e;
}

enum err
plan_inspectors(struct db *db, void (*fn)(void *ctx, int64_t id, const char *name), void *ctx)
{
	struct db_rows r;
	enum err e = db_query(db, &r, "SELECT id, username FROM app_user WHERE role = 'inspector'"
	    " AND disabled = 0 ORDER BY username", DB_END);

	if (e)
		return e;
	while ((e = db_next(&r)) == ERR_OK)
		fn(ctx, db_i64(&r, 0), db_text(&r, 1));
	db_rows_close(&r);
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}

/* inspection_store.c: the scoped SQL of inspections: create (marking the
 * indicator system used), scores with their total from indicator.c, the
 * steps, revisions, and reads. Each write is one transaction with its
 * audit row. */
#include "core/common.h"
#include "supervise/inspection.h"
#include "attach/attach.h"
#include "auth/audit.h"
#include "core/arena.h"
#include "core/dates.h"
#include "supervise/indicator_store.h"
#include "supervise/inspection_scope.h"

#define INSP_COLS "i.id, i.plan_id, i.org_id, i.system_id, i.revision, i.revises_id," \
	" i.superseded_by, i.created_by, i.created_at, i.updated_at, i.submitted_at," \
	" i.confirmed_at, i.total, s.version, i.vetoed, o.name, i.org_path, i.kind, s.name," \
	" i.inspected_on, i.note, p.name, i.state"
#define INSP_FROM " FROM inspection i JOIN org o ON o.id = i.org_id" \
	" JOIN indicator_system s ON s.id = i.system_id" \
	" LEFT JOIN inspection_plan p ON p.id = i.plan_id"

static int64_t
i64_or0(struct db_rows *r, int col)
{
	return db_is_null(r, col) ? 0 : db_i64(r, col);
}

static void
row_to(struct db_rows *r, struct arena *a, struct inspection *x)
{
	int64_t *n[] = { &x->id, &x->plan_id, &x->org_id, &x->system_id, &x->revision,
		&x->revises_id, &x->superseded_by, &x->created_by, &x->created_at, &x->updated_at,
		&x->submitted_at, &x->confirmed_at, &x->total, &x->system_version };
	const char **s[] = { &x->org_name, &x->org_path, &x->kind, &x->system_name,
		&x->inspected_on, &x->note, &x->plan_name };

	for (size_t i = 0; i < ARRAY_SIZE(n); i++)
		*n[i] = i64_or0(r, (int)i);
	x->vetoed = (int)db_i64(r, 14);
	for (size_t i = 0; i < ARRAY_SIZE(s); i++)
		*s[i] = arena_strdup(a, db_text(r, (int)i + 15));
	x->state = (enum insp_state)inspection_state_parse(db_text(r, 22));
}

enum err
inspection_get(struct db *db, const struct who *w, int64_t id, struct arena *a,
    struct inspection *x)
{
	struct buf sql = BUF_INIT(4096);
	struct db_args args = { 0 };
	char up[SCOPE_MAX][256];
	struct db_rows r;
	enum err e;

	buf_adds(&sql, "SELECT " INSP_COLS INSP_FROM " WHERE i.id = ?");
	db_args_add(&args, DB_I64(id));
	insp_scope_sql(&sql, &args, w, "i.org_path", "i.state", up);
	e = db_queryv(db, &r, buf_str(&sql), &args);
	buf_release(&sql);
	if (e)
		return e;
	if (!(e = db_next(&r)))
		row_to(&r, a, x);
	db_rows_close(&r);
	return e;
}

static void
list_where(const struct who *w, const struct inspection_filter *f, struct buf *sql,
    struct db_args *args, char (*up)[256])
{
	buf_adds(sql, INSP_FROM " WHERE 1=1");
	if (f->org_id) {
		buf_adds(sql, " AND i.org_id = ?");
		db_args_add(args, DB_I64(f->org_id));
	}
	if (f->plan_id) {
		buf_adds(sql, " AND i.plan_id = ?");
		db_args_add(args, DB_I64(f->plan_id));
	}
	if (f->state) {
		buf_adds(sql, " AND i.state = ?");
		db_args_add(args, DB_TEXT(f->state));
	}
	if (f->kind) {
		buf_adds(sql, " AND i.kind = ?");
		db_args_add(args, DB_TEXT(f->kind));
	}
	if (f->current)
		buf_adds(sql, " AND i.superseded_by IS NULL");
	insp_scope_sql(sql, args, w, "i.org_path", "i.state", up);
}

enum err
inspection_list(struct db *db, const struct who *w, const struct inspection_filter *f,
    void (*fn)(void *ctx, const struct inspection *x), void *ctx, int64_t *total)
{
	struct buf where = BUF_INIT(8192), sql = BUF_INIT(8192);
	struct db_args args = { 0 };
	char up[SCOPE_MAX][256];
	struct arena a = ARENA_INIT;
	struct db_rows r;
	enum err e;

	list_where(w, f, &where, &args, up);
	buf_addf(&sql, "SELECT COUNT(*)%s", buf_str(&where));
	if ((e = db_get_i64v(db, total, buf_str(&sql), &args)))
		goto out;
	buf_reset(&sql);
	buf_addf(&sql, "SELECT " INSP_COLS "%s ORDER BY i.inspected_on DESC, i.id DESC"
	    " LIMIT ? OFFSET ?", buf_str(&where));
	db_args_add(&args, DB_I64(f->per_page));
	db_args_add(&args, DB_I64((f->page - 1) * f->per_page));
	if ((e = db_queryv(db, &r, buf_str(&sql), &args)))
		goto out;
	while ((e = db_next(&r)) == ERR_OK) {
		struct inspection x;

		row_to(&r, &a, &x);
		fn(ctx, &x);
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
inspection_inspectors(struct db *db, int64_t id,
    void (*fn)(void *ctx, int64_t uid, const char *name), void *ctx)
{
	struct db_rows r;
	enum err e = db_query(db, &r, "SELECT u.id, u.username FROM inspection_inspector x"
	    " JOIN app_user u ON u.id = x.user_id WHERE x.inspection_id = ? ORDER BY u.username",
	    DB_I64(id), DB_END);

	if (e)
		return e;
	while ((e = db_next(&r)) == ERR_OK)
		fn(ctx, db_i64(&r, 0), db_text(&r, 1));
	db_rows_close(&r);
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}

enum err
inspection_scores(struct db *db, int64_t id, struct arena *a, struct insp_score **s, int *n)
{
	struct db_rows r;
	int64_t cnt = 0;
	enum err e;

	*n = 0;
	if ((e = db_get_i64(db, &cnt, "SELECT COUNT(*) FROM inspection_score WHERE"
	    " inspection_id = ?", DB_I64(id), DB_END)))
		return e;
	*s = arena_alloc(a, sizeof(**s) * (size_t)(cnt + 1));
	if ((e = db_query(db, &r, "SELECT code, points, failed_veto, note FROM inspection_score"
	    " WHERE inspection_id = ? ORDER BY code", DB_I64(id), DB_END)))
		return e;
	while (*n < cnt && (e = db_next(&r)) == ERR_OK)
		(*s)[(*n)++] = (struct insp_score){ { arena_strdup(a, db_text(&r, 0)), db_i64(&r, 1),
			(int)db_i64(&r, 2), 0 }, arena_strdup(a, db_text(&r, 3)) };
	db_rows_close(&r);
	return e == ERR_NOT_FOUND || e == ERR_OK ? ERR_OK : e;
}

/* Scores s against the inspection's tree: the pure checks, then the sheet. */
static enum err
score(struct db *db, int64_t system_id, const struct insp_score *s, int ns, struct arena *a,
    struct problem *pb, struct ind_result *res)
{
	struct ind_score *plain = arena_alloc(a, sizeof(*plain) * (size_t)(ns + 1));
	struct indicator *v;
	struct ind_rules rules;
	int n;
	enum err e = store_ind_tree(db, system_id, a, &v, &n);

	if (e)
		return e;
	for (int i = 0; i < ns; i++)
		plain[i] = s[i].s;
	indicator_rules_default(&rules);
	if ((e = indicator_score(v, n, plain, ns, &rules, pb, res)))
		return e;
	return inspection_check_notes(s, ns, pb);
}

enum err
inspection_result(struct db *db, const struct inspection *x, struct arena *a,
    struct ind_result *r)
{
	struct problem pb = { 0 };
	struct insp_score *s;
	int n;
	enum err e = inspection_scores(db, x->id, a, &s, &n);

	return e ? e : score(db, x->system_id, s, n, a, &pb, r);
}

/* Whether inspector uid has a plan assignment covering the organization
 * at path: an inspector sees only those (insp_scope_sql), so naming one
 * without it would list them on an inspection they cannot open. */
static int
assigned_to(struct db *db, int64_t uid, const char *path)
{
	int64_t one = 0;

	return !db_get_i64(db, &one, "SELECT 1 FROM inspection_assignment sa WHERE"
	    " sa.inspector_id = ? AND ? >= sa.org_path AND ? < substr(sa.org_path, 1,"
	    " length(sa.org_path) - 1) || '0' LIMIT 1", DB_I64(uid), DB_TEXT(path), DB_TEXT(path),
	    DB_END) && one == 1;
}

/* Every one of the n ids of v an enabled inspector assigned to the
 * organization at path (when known), none twice; else inspector_ids is
 * named in pb (issue 11: a named inspector could not open the inspection). */
static void
check_inspectors(struct db *db, int n, const int64_t *v, const char *path, struct problem *pb)
{
	for (int i = 0; i < n; i++) {
		if (!insp_is_inspector(db, v[i]))
			problem_field(pb, "inspector_ids", "第%d项不是启用的督查员账号", i + 1);
		else if (path && !assigned_to(db, v[i], path))
			problem_field(pb, "inspector_ids", "第%d项督查员未被督查计划分配到该组织，"
			    "无法查看和评分本次督查，请先在督查计划中分配", i + 1);
		for (int j = 0; j < i; j++)
			if (v[j] == v[i])
				problem_field(pb, "inspector_ids", "第%d项与第%d项重复", i + 1, j + 1);
	}
}

/* Loads id for a write and checks the step; 409 names the state. */
static enum err
load_for(struct db *db, const struct who *w, int64_t id, enum insp_action act, struct arena *a,
    struct problem *pb, struct inspection *x)
{
	enum err e = inspection_get(db, w, id, a, x);

	if (e)
		return e;
	if (inspection_step(x->state, x->superseded_by != 0, act))
		return problem_set(pb, ERR_CONFLICT, "invalid_transition",
		    inspection_conflict_message(x->state, x->superseded_by != 0, act));
	return ERR_OK;
}

static const char *
num(struct arena *a, int64_t v)
{
	return arena_printf(a, "#%" PRId64, v);
}

static const char *
points(struct arena *a, int64_t t)
{
	return arena_printf(a, "#%" PRId64 ".%" PRId64, t / 10, t % 10);
}

static enum err
save_scores(struct db *db, int64_t id, const struct insp_score *s, int ns,
    const struct ind_result *res)
{
	enum err e = db_exec(db, "DELETE FROM inspection_score WHERE inspection_id = ?", DB_I64(id),
	    DB_END);

	for (int i = 0; !e && i < ns; i++)
		e = db_exec(db, "INSERT INTO inspection_score (inspection_id, code, points,"
		    " failed_veto, note) VALUES (?,?,?,?,?)", DB_I64(id), DB_TEXT(s[i].s.code),
		    DB_I64(s[i].s.points), DB_I64(s[i].s.failed_veto),
		    DB_TEXT(s[i].note ? s[i].note : ""), DB_END);
	if (!e)
		e = db_exec(db, "UPDATE inspection SET total = ?, vetoed = ?, updated_at = ?"
		    " WHERE id = ?", DB_I64(res->total), DB_I64(res->vetoed), DB_I64(time(NULL)),
		    DB_I64(id), DB_END);
	return e;
}

enum err
inspection_put_scores(struct db *db, const struct who *w, int64_t id, const struct insp_score *s,
    int ns, struct problem *pb)
{
	struct arena a = ARENA_INIT;
	struct ind_result res;
	struct inspection x;
	enum err e = db_begin(db);

	if (e)
		goto out;
	if (!(e = load_for(db, w, id, INSP_EDIT, &a, pb, &x)))
		e = score(db, x.system_id, s, ns, &a, pb, &res);
	if (!e)
		e = save_scores(db, id, s, ns, &res);
	if (!e)
		e = audit_write(db, w, "score", "inspection", id,
		    insp_json(&a, (const char *const[]){ "total", points(&a, x.total) }, 2),
		    insp_json(&a, (const char *const[]){ "total", points(&a, res.total), "vetoed",
		    res.vetoed ? "#true" : "#false", "scores", num(&a, ns) }, 6), 1);
	e = db_end(db, e);
out:
	arena_release(&a);
	return e;
}

/* Replaces the inspectors of draft id by the n of v (checked). */
static enum err
replace_inspectors(struct db *db, int64_t id, int n, const int64_t *v)
{
	enum err e = db_exec(db, "DELETE FROM inspection_inspector WHERE inspection_id = ?",
	    DB_I64(id), DB_END);

	for (int i = 0; !e && i < n; i++)
		e = db_exec(db, "INSERT INTO inspection_inspector (inspection_id, user_id) VALUES (?,?)",
		    DB_I64(id), DB_I64(v[i]), DB_END);
	return e;
}

enum err
inspection_patch(struct db *db, const struct who *w, int64_t id, const struct inspection_edit *ed,
    struct problem *pb)
{
	struct arena a = ARENA_INIT;
	struct inspection x = { 0 };	/* read below only once loaded */
	const char *on, *note;
	int32_t d;
	enum err e = db_begin(db);

	if (e)
		goto out;
	e = load_for(db, w, id, INSP_EDIT, &a, pb, &x);
	if (!e && ed->inspected_on && !date_parse(ed->inspected_on, &d) && d > date_today())
		problem_field(pb, "inspected_on", "督查日期不能晚于今天");
	if (!e && ed->inspectors)
		check_inspectors(db, ed->ninspectors, ed->inspectors, x.org_path, pb);
	if (!e && pb->nfields)
		e = ERR_INVALID;
	on = ed->inspected_on ? ed->inspected_on : x.inspected_on;
	note = ed->note ? ed->note : x.note;
	if (!e)
		e = db_exec(db, "UPDATE inspection SET inspected_on = ?, note = ?, updated_at = ?"
		    " WHERE id = ?", DB_TEXT(on), DB_TEXT(note), DB_I64(time(NULL)), DB_I64(id),
		    DB_END);
	if (!e && ed->inspectors)
		e = replace_inspectors(db, id, ed->ninspectors, ed->inspectors);
	if (!e)
		e = audit_write(db, w, "update", "inspection", id,
		    insp_json(&a, (const char *const[]){ "inspected_on", x.inspected_on, "note",
		    x.note }, 4),
		    insp_json(&a, (const char *const[]){ "inspected_on", on, "note", note,
		    "inspectors", ed->inspectors ? num(&a, ed->ninspectors) : NULL }, 6), 1);
	e = db_end(db, e);
out:
	arena_release(&a);
	return e;
}

enum err
inspection_act(struct db *db, const struct who *w, int64_t id, enum insp_action act,
    struct problem *pb)
{
	static const char *const verbs[] = { "update", "submit", "confirm", "revise" };
	enum insp_state to = act == INSP_SUBMIT ? INSP_SUBMITTED : INSP_CONFIRMED;
	struct arena a = ARENA_INIT;
	struct inspection x;
	int64_t now = time(NULL);
	enum err e = db_begin(db);

	assert(act == INSP_SUBMIT || act == INSP_CONFIRM);
	if (e)
		goto out;
	if ((e = load_for(db, w, id, act, &a, pb, &x)))
		goto end;
	if (act == INSP_SUBMIT)
		e = db_exec(db, "UPDATE inspection SET state = ?, submitted_by = ?, submitted_at = ?,"
		    " updated_at = ? WHERE id = ?", DB_TEXT(inspection_states[to]),
		    DB_I64(w->user_id), DB_I64(now), DB_I64(now), DB_I64(id), DB_END);
	else
		e = db_exec(db, "UPDATE inspection SET state = ?, confirmed_by = ?, confirmed_at = ?,"
		    " updated_at = ? WHERE id = ?", DB_TEXT(inspection_states[to]),
		    DB_I64(w->user_id), DB_I64(now), DB_I64(now), DB_I64(id), DB_END);
	if (!e)
		e = audit_write(db, w, verbs[act], "inspection", id, NULL,
		    insp_json(&a, (const char *const[]){ "from", inspection_states[x.state], "state",
		    inspection_states[to], "total", points(&a, x.total) }, 6), 1);
end:
	e = db_end(db, e);
out:
	arena_release(&a);
	return e;
}

/* --- create --- */

/* The plan's kind and system, and whether org_id is assigned in it (to w,
 * for an inspector). */
static void
check_plan(struct db *db, const struct who *w, struct inspection_in *in, struct problem *pb)
{
	struct db_rows r;
	int64_t n = 0;

	if (db_query(db, &r, "SELECT kind, system_id FROM inspection_plan WHERE id = ?",
	    DB_I64(in->plan_id), DB_END))
		return;
	if (db_next(&r)) {
		db_rows_close(&r);
		problem_field(pb, "plan_id", "督查计划不存在");
		return;
	}
	if (in->kind && strcmp(in->kind, db_text(&r, 0)))
		problem_field(pb, "kind", "与督查计划的类别不一致");
	if (in->system_id && in->system_id != db_i64(&r, 1))
		problem_field(pb, "system_id", "与督查计划的评分细则不一致");
	in->system_id = db_i64(&r, 1);
	for (int i = 0; inspection_kinds[i]; i++)
		if (!strcmp(inspection_kinds[i], db_text(&r, 0)))
			in->kind = inspection_kinds[i];	/* static: outlives the row */
	db_rows_close(&r);
	db_get_i64(db, &n, "SELECT COUNT(*) FROM inspection_assignment WHERE plan_id = ?"
	    " AND org_id = ? AND (inspector_id = ? OR ? = 0)", DB_I64(in->plan_id),
	    DB_I64(in->org_id), DB_I64(w->user_id), DB_I64(w->role == ROLE_INSPECTOR), DB_END);
	if (!n)
		problem_field(pb, "org_id", w->role == ROLE_INSPECTOR ? "该组织不在您的督查任务中" :
		    "该组织不在督查计划中");
}

/* The inspectors: given (checked), the plan's of the org, or the caller. */
static enum err
add_inspectors(struct db *db, const struct who *w, int64_t id, const struct inspection_in *in)
{
	enum err e = ERR_OK;

	for (int i = 0; !e && i < in->ninspectors; i++)
		e = db_exec(db, "INSERT INTO inspection_inspector (inspection_id, user_id) VALUES (?,?)",
		    DB_I64(id), DB_I64(in->inspectors[i]), DB_END);
	if (e || in->inspectors)
		return e;
	if (in->plan_id)
		e = db_exec(db, "INSERT INTO inspection_inspector (inspection_id, user_id)"
		    " SELECT DISTINCT ?, inspector_id FROM inspection_assignment WHERE plan_id = ?"
		    " AND org_id = ?", DB_I64(id), DB_I64(in->plan_id), DB_I64(in->org_id), DB_END);
	else if (w->role == ROLE_INSPECTOR)
		e = db_exec(db, "INSERT INTO inspection_inspector (inspection_id, user_id) VALUES (?,?)",
		    DB_I64(id), DB_I64(w->user_id), DB_END);
	return e;
}

static void
check_create(struct db *db, const struct who *w, struct inspection_in *in, struct arena *a,
    struct problem *pb, const char **path)
{
	const char *name;
	int32_t d;
	struct db_rows r;

	if (in->plan_id)
		check_plan(db, w, in, pb);
	else if (!in->kind)
		problem_field(pb, "kind", "不从督查计划发起时必填");
	if (!in->system_id && !problem_has(pb, "plan_id"))
		problem_field(pb, "system_id", "不从督查计划发起时必填");
	if (inspection_org(db, w, in->org_id, a, &name, path))
		problem_field(pb, "org_id", w->role == ROLE_INSPECTOR ? "该组织不在您的督查任务中" :
		    "组织不存在");
	if (!date_parse(in->inspected_on, &d) && d > date_today())
		problem_field(pb, "inspected_on", "督查日期不能晚于今天");
	check_inspectors(db, in->ninspectors, in->inspectors, problem_has(pb, "org_id") ? NULL :
	    *path, pb);
	if (in->system_id && !problem_has(pb, "system_id") &&
	    !db_query(db, &r, "SELECT kind, status FROM indicator_system WHERE id = ?",
	    DB_I64(in->system_id), DB_END)) {
		if (db_next(&r))
			problem_field(pb, "system_id", "评分细则不存在");
		else if (strcmp(db_text(&r, 1), "published"))
			problem_field(pb, "system_id", "评分细则须已发布");
		else if (in->kind && strcmp(db_text(&r, 0), in->kind))
			problem_field(pb, "system_id", "评分细则的类别与督查类别不一致");
		db_rows_close(&r);
	}
}

enum err
inspection_create(struct db *db, const struct who *w, const struct inspection_in *in0,
    struct problem *pb, int64_t *id)
{
	struct inspection_in in = *in0;
	struct arena a = ARENA_INIT;
	const char *path = NULL;
	int64_t now = time(NULL);
	enum err e = db_begin(db);

	if (e)
		goto out;
	check_create(db, w, &in, &a, pb, &path);
	if (pb->nfields) {
		e = ERR_INVALID;
		goto end;
	}
	e = db_exec(db, "INSERT INTO inspection (plan_id, org_id, org_path, kind, system_id,"
	    " inspected_on, state, note, created_by, created_at, updated_at)"
	    " VALUES (?,?,?,?,?,?,?,?,?,?,?)", in.plan_id ? DB_I64(in.plan_id) : DB_NULL,
	    DB_I64(in.org_id), DB_TEXT(path), DB_TEXT(in.kind), DB_I64(in.system_id),
	    DB_TEXT(in.inspected_on), DB_TEXT("draft"), DB_TEXT(in.note ? in.note : ""),
	    w->user_id ? DB_I64(w->user_id) : DB_NULL, DB_I64(now), DB_I64(now), DB_END);
	if (!e) {
		*id = db_last_id(db);
		e = add_inspectors(db, w, *id, &in);
	}
	/* Once used by an inspection a system never changes (issue 4). */
	if (!e)
		e = db_exec(db, "UPDATE indicator_system SET used = 1 WHERE id = ?",
		    DB_I64(in.system_id), DB_END);
	if (!e)
		e = audit_write(db, w, "create", "inspection", *id, NULL,
		    insp_json(&a, (const char *const[]){ "org_id", num(&a, in.org_id), "kind",
		    in.kind, "system_id", num(&a, in.system_id), "inspected_on", in.inspected_on,
		    "plan_id", in.plan_id ? num(&a, in.plan_id) : NULL }, 10), 1);
end:
	e = db_end(db, e);
out:
	arena_release(&a);
	return e;
}

/* --- revisions --- */

static enum err
copy_rows(struct db *db, int64_t from, int64_t to)
{
	enum err e = db_exec(db, "INSERT INTO inspection_score (inspection_id, code, points,"
	    " failed_veto, note) SELECT ?, code, points, failed_veto, note FROM inspection_score"
	    " WHERE inspection_id = ?", DB_I64(to), DB_I64(from), DB_END);

	if (!e)
		e = db_exec(db, "INSERT INTO inspection_inspector (inspection_id, user_id)"
		    " SELECT ?, user_id FROM inspection_inspector WHERE inspection_id = ?",
		    DB_I64(to), DB_I64(from), DB_END);
	if (!e)
		e = attach_copy(db, &inspection_files, from, to);
	return e;
}

enum err
inspection_revise(struct db *db, const struct who *w, int64_t id, const char *reason,
    struct problem *pb, int64_t *new_id)
{
	struct arena a = ARENA_INIT;
	struct inspection x;
	int64_t now = time(NULL);
	enum err e = db_begin(db);

	if (e)
		goto out;
	if ((e = load_for(db, w, id, INSP_REVISE, &a, pb, &x)))
		goto end;
	e = db_exec(db, "INSERT INTO inspection (plan_id, org_id, org_path, kind, system_id,"
	    " inspected_on, state, total, vetoed, revision, revises_id, note, created_by,"
	    " created_at, updated_at) SELECT plan_id, org_id, org_path, kind, system_id,"
	    " inspected_on, 'draft', total, vetoed, revision + 1, id, note, ?, ?, ?"
	    " FROM inspection WHERE id = ?", w->user_id ? DB_I64(w->user_id) : DB_NULL,
	    DB_I64(now), DB_I64(now), DB_I64(id), DB_END);
	if (!e) {
		*new_id = db_last_id(db);
		e = copy_rows(db, id, *new_id);
	}
	if (!e)
		e = db_exec(db, "UPDATE inspection SET superseded_by = ?, updated_at = ? WHERE id = ?",
		    DB_I64(*new_id), DB_I64(now), DB_I64(id), DB_END);
	if (!e)
		e = audit_write(db, w, "revise", "inspection", id, NULL,
		    insp_json(&a, (const char *const[]){ "superseded_by", num(&a, *new_id), "reason",
		    reason }, 4), 1);
	if (!e)
		e = audit_write(db, w, "create", "inspection", *new_id, NULL,
		    insp_json(&a, (const char *const[]){ "revises_id", num(&a, id), "revision",
		    num(&a, x.revision + 1), "reason", reason }, 6), 1);
end:
	e = db_end(db, e);
out:
	arena_release(&a);
	return e;
}

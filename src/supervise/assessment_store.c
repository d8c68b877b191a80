/* assessment_store.c: the annual assessment's writes and reads. A run
 * gathers the components (assessment_gather.c), scores and ranks them
 * (assessment.c) and writes the year in one transaction with its audit
 * row, keeping marks and plans already raised; a lift is audited too. */
#include "core/common.h"
#include "supervise/assessment.h"

#include "auth/audit.h"
#include "auth/scope.h"
#include "core/buf.h"
#include "core/config.h"
#include "core/dates.h"
#include "core/xalloc.h"
#include "db/db.h"
#include "http/json_out.h"
#include "supervise/assessment_gather.h"
#include "supervise/finding.h"

/* The rows the year already has in w's scope: their ids, marks, plans. */
static enum err
load_existing(struct db *db, const struct who *w, struct assess_units *u)
{
	struct buf sql = BUF_INIT(4096);
	struct db_args a = { 0 };
	char up[SCOPE_MAX][256];
	struct db_rows r;
	enum err e;

	buf_adds(&sql, "SELECT id, org_id, mark, COALESCE(finding_id, 0) FROM assessment"
	    " WHERE year = ?");
	db_args_add(&a, DB_I64(u->year));
	scope_sql(&sql, &a, w, "org_path", up);
	e = db_queryv(db, &r, buf_str(&sql), &a);
	buf_release(&sql);
	if (e)
		return e;
	while ((e = db_next(&r)) == ERR_OK) {
		for (int i = 0; i < u->n; i++) {
			if (u->v[i].id != db_i64(&r, 1))
				continue;
			u->v[i].row_id = db_i64(&r, 0);
			u->v[i].mark = arena_strdup(&u->a, db_text(&r, 2));
			u->v[i].finding_id = db_i64(&r, 3);
		}
	}
	db_rows_close(&r);
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}

static void
score_all(struct assess_units *u)
{
	struct assess_rules rules;
	struct assess_result *res = xcalloc((size_t)u->n + 1, sizeof(*res));
	int *rank = xcalloc((size_t)u->n + 1, sizeof(*rank));

	assess_rules_from_config(&rules);
	for (int i = 0; i < u->n; i++) {
		struct assess_unit *x = &u->v[i];

		assess_score(&rules, &x->in, &x->res);
		for (int c = 0; c < AC_N; c++) {
			x->comp[c].weight = rules.weight[c];
			x->comp[c].used_weight = x->res.used_weight[c];
		}
		res[i] = x->res;
	}
	assess_rank(res, u->n, rank);
	for (int i = 0; i < u->n; i++)
		u->v[i].rank = rank[i];
	free(res);
	free(rank);
}

/* The rectification plan (整顿方案) of a newly marked organization: a
 * finding with source "assessment" in the same transaction (EVAL-03). */
static enum err
raise_plan(struct db *db, const struct who *w, struct assess_units *u, struct assess_unit *x,
    struct problem *pb)
{
	const struct assess_result *r = &x->res;
	char deadline[11], ref[32];
	struct finding_in in = { 0 };

	date_format(date_today() + (int32_t)cfg.assess_plan_days, deadline);
	snprintf(ref, sizeof(ref), "%" PRId64, u->year);
	in.org_id = x->id;
	in.title = arena_printf(&u->a, "%" PRId64 "年度考核整顿：列为软弱涣散党组织", u->year);
	if (r->score == ASSESS_MISSING)
		in.detail = arena_printf(&u->a, "%" PRId64 "年度考核有一票否决项，等次为较差，"
		    "须制定整顿方案并限期整改。", u->year);
	else
		in.detail = arena_printf(&u->a, "%" PRId64 "年度考核得分 %" PRId64 ".%" PRId64
		    " 分，等次为较差%s，须制定整顿方案并限期整改。", u->year, r->score / 10,
		    r->score % 10, r->veto ? "（一票否决）" : "");
	in.severity = r->veto ? "critical" : "major";
	in.evidence_required = "整顿方案、整改措施落实情况及佐证材料";
	in.deadline = deadline;
	in.source = "assessment";
	in.source_ref = ref;
	return finding_create_in(db, w, &in, pb, &x->finding_id);
}

static enum err
write_row(struct db *db, const struct who *w, struct assess_units *u, struct assess_unit *x)
{
	const struct assess_result *r = &x->res;
	struct db_param score = r->score == ASSESS_MISSING ? DB_NULL : DB_I64(r->score);
	struct db_param grade = r->grade < 0 ? DB_NULL : DB_TEXT(assess_grades[r->grade]);
	struct db_param rank = x->rank ? DB_I64(x->rank) : DB_NULL;
	struct db_param fid = x->finding_id ? DB_I64(x->finding_id) : DB_NULL;
	struct db_param by = w->user_id ? DB_I64(w->user_id) : DB_NULL;
	char today[11];
	enum err e;

	date_format(date_today(), today);
	if (x->row_id)
		return db_exec(db, "UPDATE assessment SET org_path = ?, score = ?, grade = ?,"
		    " vetoed = ?, rank = ?, mark = ?, finding_id = ?, marked_on = COALESCE(marked_on,"
		    " CASE WHEN ? = 'rectify' THEN ? END), computed_by = ?, computed_at = ?"
		    " WHERE id = ?", DB_TEXT(x->path), score, grade, DB_I64(r->veto), rank,
		    DB_TEXT(x->mark), fid, DB_TEXT(x->mark), DB_TEXT(today), by, DB_I64(time(NULL)),
		    DB_I64(x->row_id), DB_END);
	e = db_exec(db, "INSERT INTO assessment (year, org_id, org_path, score, grade, vetoed, rank,"
	    " mark, finding_id, marked_on, computed_by, computed_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
	    DB_I64(u->year), DB_I64(x->id), DB_TEXT(x->path), score, grade, DB_I64(r->veto), rank,
	    DB_TEXT(x->mark), fid, strcmp(x->mark, "none") ? DB_TEXT(today) : DB_NULL, by,
	    DB_I64(time(NULL)), DB_END);
	if (!e)
		x->row_id = db_last_id(db);
	return e;
}

static enum err
write_components(struct db *db, const struct assess_unit *x)
{
	enum err e = db_exec(db, "DELETE FROM assessment_component WHERE assessment_id = ?",
	    DB_I64(x->row_id), DB_END);

	for (int c = 0; !e && c < AC_N; c++) {
		const struct assess_component *k = &x->comp[c];

		e = db_exec(db, "INSERT INTO assessment_component (assessment_id, component, value,"
		    " weight, used_weight, num, den, vetoed, source) VALUES (?,?,?,?,?,?,?,?,?)",
		    DB_I64(x->row_id), DB_TEXT(assess_components[c]),
		    k->value == ASSESS_MISSING ? DB_NULL : DB_I64(k->value), DB_I64(k->weight),
		    DB_I64(k->used_weight), DB_I64(k->num), DB_I64(k->den), DB_I64(k->vetoed),
		    DB_TEXT(k->source), DB_END);
	}
	return e;
}

/* One organization: a new mark (and plan) if it needs one and has none,
 * then its row and components. */
static enum err
write_unit(struct db *db, const struct who *w, struct assess_units *u, struct assess_unit *x,
    struct problem *pb, struct assess_run_stats *st)
{
	int newly = x->res.rectify && !strcmp(x->mark, "none");
	enum err e;

	if (newly) {
		if ((e = raise_plan(db, w, u, x, pb)))
			return e;
		x->mark = "rectify";
		st->plans++;
	}
	st->marked += !strcmp(x->mark, "rectify");
	if (!(e = write_row(db, w, u, x)))
		e = write_components(db, x);
	if (!e && newly)
		e = audit_write(db, w, "mark", "assessment", x->row_id, NULL, arena_printf(&u->a,
		    "{\"year\":%" PRId64 ",\"org_id\":%" PRId64 ",\"finding_id\":%" PRId64 "}",
		    u->year, x->id, x->finding_id), 1);
	return e;
}

static char *
run_json(int64_t year, const struct assess_run_stats *st, struct arena *a)
{
	return arena_printf(a, "{\"year\":%" PRId64 ",\"orgs\":%" PRId64 ",\"marked\":%" PRId64
	    ",\"plans\":%" PRId64 "}", year, st->orgs, st->marked, st->plans);
}

static enum err
run_tx(struct db *db, const struct who *w, struct assess_units *u, struct problem *pb,
    struct assess_run_stats *st)
{
	enum err e = assess_gather(db, w, u);

	if (!e)
		e = load_existing(db, w, u);
	if (e)
		return e;
	score_all(u);
	st->orgs = u->n;
	for (int i = 0; !e && i < u->n; i++)
		e = write_unit(db, w, u, &u->v[i], pb, st);
	if (!e)
		e = audit_write(db, w, "run", "assessment", u->year, NULL, run_json(u->year, st, &u->a),
		    1);
	return e;
}

enum err
assessment_run(struct db *db, const struct who *w, int64_t year, struct problem *pb,
    struct assess_run_stats *st)
{
	struct assess_units u = { .year = year };
	enum err e;

	memset(st, 0, sizeof(*st));
	if (!assessment_year_ok(year))
		return problem_field(pb, "year", "考核年度应在 2000 年至今年之间");
	if ((e = db_begin(db)))
		return e;
	e = db_end(db, run_tx(db, w, &u, pb, st));
	assess_units_release(&u);
	return e;
}

/* --- reads --- */

#define ROW_COLS "a.id, a.year, a.org_id, o.name, COALESCE(a.score, -1), a.grade, a.vetoed," \
	" COALESCE(a.rank, 0), a.mark, COALESCE(a.finding_id, 0), f.state, a.marked_on," \
	" COALESCE(a.lifted_by, 0), a.lifted_on, a.computed_at"
#define ROW_FROM " FROM assessment a JOIN org o ON o.id = a.org_id" \
	" LEFT JOIN finding f ON f.id = a.finding_id"

static void
row_read(struct db_rows *r, struct arena *a, struct assessment *as)
{
	memset(as, 0, sizeof(*as));
	as->id = db_i64(r, 0);
	as->year = db_i64(r, 1);
	as->org_id = db_i64(r, 2);
	as->org_name = arena_strdup(a, db_text(r, 3));
	as->score = db_i64(r, 4);
	as->grade = arena_strdup(a, db_text(r, 5));
	as->vetoed = (int)db_i64(r, 6);
	as->rank = db_i64(r, 7);
	as->mark = arena_strdup(a, db_text(r, 8));
	as->finding_id = db_i64(r, 9);
	as->finding_state = arena_strdup(a, db_text(r, 10));
	as->marked_on = arena_strdup(a, db_text(r, 11));
	as->lifted_by = db_i64(r, 12);
	as->lifted_on = arena_strdup(a, db_text(r, 13));
	as->computed_at = db_i64(r, 14);
	for (int c = 0; c < AC_N; c++) {
		as->comp[c].comp = (enum assess_comp)c;
		as->comp[c].value = ASSESS_MISSING;
		as->comp[c].source = "";
	}
}

static int
comp_index(const char *name)
{
	for (int c = 0; name && c < AC_N; c++)
		if (!strcmp(assess_components[c], name))
			return c;
	return -1;
}

static void
comp_read(struct db_rows *r, int col, struct arena *a, struct assessment *as)
{
	int c = comp_index(db_text(r, col));
	struct assess_component *k;

	if (c < 0)
		return;
	k = &as->comp[c];
	k->value = db_is_null(r, col + 1) ? ASSESS_MISSING : db_i64(r, col + 1);
	k->weight = db_i64(r, col + 2);
	k->used_weight = db_i64(r, col + 3);
	k->num = db_i64(r, col + 4);
	k->den = db_i64(r, col + 5);
	k->vetoed = (int)db_i64(r, col + 6);
	k->source = arena_strdup(a, db_text(r, col + 7));
}

#define COMP_COLS "c.component, c.value, c.weight, c.used_weight, c.num, c.den, c.vetoed, c.source"

static enum err
load_components(struct db *db, struct arena *a, struct assessment *as)
{
	struct db_rows r;
	enum err e = db_query(db, &r, "SELECT " COMP_COLS " FROM assessment_component c"
	    " WHERE c.assessment_id = ?", DB_I64(as->id), DB_END);

	if (e)
		return e;
	while ((e = db_next(&r)) == ERR_OK)
		comp_read(&r, 0, a, as);
	db_rows_close(&r);
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}

enum err
assessment_get(struct db *db, const struct who *w, int64_t year, int64_t org_id,
    struct arena *a, struct assessment *out)
{
	struct buf sql = BUF_INIT(4096);
	struct db_args args = { 0 };
	char up[SCOPE_MAX][256];
	struct db_rows r;
	enum err e;

	buf_adds(&sql, "SELECT " ROW_COLS ROW_FROM " WHERE a.year = ? AND a.org_id = ?");
	db_args_add(&args, DB_I64(year));
	db_args_add(&args, DB_I64(org_id));
	scope_sql(&sql, &args, w, "a.org_path", up);
	e = db_queryv(db, &r, buf_str(&sql), &args);
	buf_release(&sql);
	if (e)
		return e;
	if (!(e = db_next(&r)))
		row_read(&r, a, out);
	db_rows_close(&r);
	return e ? e : load_components(db, a, out);
}

/* " WHERE …" of a list, shared by the page and its components. */
static void
list_where(const struct who *w, const struct assess_filter *f, struct buf *sql,
    struct db_args *a, char (*up)[256])
{
	buf_adds(sql, " WHERE 1=1");
	if (f->year) {
		buf_adds(sql, " AND a.year = ?");
		db_args_add(a, DB_I64(f->year));
	}
	if (f->org_id) {
		buf_adds(sql, " AND a.org_id = ?");
		db_args_add(a, DB_I64(f->org_id));
	}
	if (f->grade) {
		buf_adds(sql, " AND a.grade = ?");
		db_args_add(a, DB_TEXT(f->grade));
	}
	if (f->mark) {
		buf_adds(sql, " AND a.mark = ?");
		db_args_add(a, DB_TEXT(f->mark));
	}
	scope_sql(sql, a, w, "a.org_path", up);
}

struct page {
	struct arena a;
	struct assessment *v;
	int n;
};

static enum err
page_rows(struct db *db, const struct who *w, const struct assess_filter *f, int64_t total,
    struct page *p)
{
	int64_t cap = total < f->per_page ? total : f->per_page;
	struct buf sql = BUF_INIT(4096);
	struct db_args a = { 0 };
	char up[SCOPE_MAX][256];
	struct db_rows r;
	enum err e;

	buf_adds(&sql, "SELECT " ROW_COLS ROW_FROM);
	list_where(w, f, &sql, &a, up);
	buf_addf(&sql, " ORDER BY %s %s, a.year DESC, o.path LIMIT ? OFFSET ?", f->sort_col,
	    f->desc ? "DESC" : "ASC");
	db_args_add(&a, DB_I64(f->per_page));
	db_args_add(&a, DB_I64((f->page - 1) * f->per_page));
	e = db_queryv(db, &r, buf_str(&sql), &a);
	buf_release(&sql);
	if (e)
		return e;
	p->v = xcalloc((size_t)cap + 1, sizeof(*p->v));	/* the export asks for every row */
	while (p->n < cap && (e = db_next(&r)) == ERR_OK)
		row_read(&r, &p->a, &p->v[p->n++]);
	db_rows_close(&r);
	return e == ERR_NOT_FOUND || e == ERR_OK ? ERR_OK : e;
}

/* The components of the whole filtered set in one query, kept for the
 * page's rows. */
static enum err
page_components(struct db *db, const struct who *w, const struct assess_filter *f,
    struct page *p)
{
	struct buf sql = BUF_INIT(4096);
	struct db_args a = { 0 };
	char up[SCOPE_MAX][256];
	struct db_rows r;
	enum err e;

	buf_adds(&sql, "SELECT c.assessment_id, " COMP_COLS " FROM assessment_component c"
	    " JOIN assessment a ON a.id = c.assessment_id");
	list_where(w, f, &sql, &a, up);
	e = db_queryv(db, &r, buf_str(&sql), &a);
	buf_release(&sql);
	if (e)
		return e;
	while ((e = db_next(&r)) == ERR_OK)
		for (int i = 0; i < p->n; i++)
			if (p->v[i].id == db_i64(&r, 0))
				comp_read(&r, 1, &p->a, &p->v[i]);
	db_rows_close(&r);
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}

static enum err
list_total(struct db *db, const struct who *w, const struct assess_filter *f, int64_t *total)
{
	struct buf sql = BUF_INIT(4096);
	struct db_args a = { 0 };
	char up[SCOPE_MAX][256];
	enum err e;

	buf_adds(&sql, "SELECT COUNT(*) FROM assessment a");
	list_where(w, f, &sql, &a, up);
	e = db_get_i64v(db, total, buf_str(&sql), &a);
	buf_release(&sql);
	return e;
}

enum err
assessment_list(struct db *db, const struct who *w, const struct assess_filter *f,
    void (*fn)(void *ctx, const struct assessment *as), void *ctx, int64_t *total)
{
	struct page p = { 0 };
	enum err e = list_total(db, w, f, total);

	if (!e)
		e = page_rows(db, w, f, *total, &p);
	if (!e && p.n)
		e = page_components(db, w, f, &p);
	for (int i = 0; !e && i < p.n; i++)
		fn(ctx, &p.v[i]);
	arena_release(&p.a);
	free(p.v);
	return e;
}

/* --- lifting the mark --- */

static enum err
lift_tx(struct db *db, const struct who *w, int64_t year, int64_t org_id, struct problem *pb)
{
	struct arena a = ARENA_INIT;
	struct assessment as;
	char today[11];
	enum err e = assessment_get(db, w, year, org_id, &a, &as);

	if (e)
		goto out;
	if (strcmp(as.mark, "rectify")) {
		e = problem_set(pb, ERR_CONFLICT, "not_marked", !strcmp(as.mark, "lifted") ?
		    "该组织的整顿标记已解除" : "该组织未被列为整顿对象");
		goto out;
	}
	if (!as.finding_state || strcmp(as.finding_state, "verified")) {
		e = problem_set(pb, ERR_CONFLICT, "plan_open",
		    "整顿方案对应的整改事项尚未销号，不能解除整顿标记");
		goto out;
	}
	date_format(date_today(), today);
	e = db_exec(db, "UPDATE assessment SET mark = 'lifted', lifted_by = ?, lifted_on = ?"
	    " WHERE id = ?", w->user_id ? DB_I64(w->user_id) : DB_NULL, DB_TEXT(today),
	    DB_I64(as.id), DB_END);
	if (!e)
		e = audit_write(db, w, "lift", "assessment", as.id, "{\"mark\":\"rectify\"}",
		    arena_printf(&a, "{\"mark\":\"lifted\",\"year\":%" PRId64 ",\"org_id\":%" PRId64
		    ",\"finding_id\":%" PRId64 "}", year, org_id, as.finding_id), 1);
out:
	arena_release(&a);
	return e;
}

enum err
assessment_lift(struct db *db, const struct who *w, int64_t year, int64_t org_id,
    struct problem *pb)
{
	enum err e = db_begin(db);

	if (e)
		return e;
	return db_end(db, lift_tx(db, w, year, org_id, pb));
}

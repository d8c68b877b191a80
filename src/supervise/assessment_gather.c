/* assessment_gather.c: the components of the annual assessment (EVAL-04),
 * each read with one grouped query over the caller's scope and added to
 * the school-level organization whose path prefixes the row's path.
 *
 * Definitions (docs/api.md repeats them):
 * - compliance: the compliance roll-up of the year (party/compliance.h)
 *   per school organization: requirements met per thousand decided.
 * - dues: member-months paid on time per thousand owed. Owed: each active
 *   member's months of the year up to the last completed month whose
 *   applicable setting (dues.h) asks more than 0; on time: that month's
 *   payment was made (paid_on) in the month or earlier.
 * - rectification: findings closed on time (verified, closed_on on or
 *   before the deadline) per thousand of those due: a deadline in the year
 *   that has passed, plus findings of earlier years still open (overdue
 *   open findings count against).
 * - inspection: the average total of the year's confirmed, not superseded
 *   inspections in the subtree (capped at full marks); any vetoed → veto.
 * - review: the average score of the organization's secretary in the
 *   year's published review rounds.
 * A component with nothing to count is missing (renormalised away). */
#include "core/common.h"
#include "supervise/assessment_gather.h"

#include "auth/scope.h"
#include "core/buf.h"
#include "core/dates.h"
#include "core/xalloc.h"
#include "db/db.h"
#include "party/compliance.h"

/* The unit whose path prefixes path (units are sorted by path), or NULL. */
static struct assess_unit *
unit_of(struct assess_units *u, const char *path)
{
	int lo = 0, hi = u->n - 1, at = -1;

	while (lo <= hi) {
		int mid = (lo + hi) / 2;

		if (strcmp(u->v[mid].path, path) <= 0) {
			at = mid;
			lo = mid + 1;
		} else {
			hi = mid - 1;
		}
	}
	if (at < 0 || strncmp(u->v[at].path, path, strlen(u->v[at].path)))
		return NULL;
	return &u->v[at];
}

static struct assess_unit *
unit_by_id(struct assess_units *u, int64_t id)
{
	for (int i = 0; i < u->n; i++)
		if (u->v[i].id == id)
			return &u->v[i];
	return NULL;
}

/* Runs sql (built with w's scope on col) and hands each row to fn. */
static enum err
each_row(struct db *db, struct buf *sql, struct db_args *a,
    void (*fn)(struct assess_units *u, struct db_rows *r), struct assess_units *u)
{
	struct db_rows r;
	enum err e = db_queryv(db, &r, buf_str(sql), a);

	buf_release(sql);
	if (e)
		return e;
	while ((e = db_next(&r)) == ERR_OK)
		fn(u, &r);
	db_rows_close(&r);
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}

static void
unit_push(struct assess_units *u, struct db_rows *r)
{
	struct assess_unit *x;

	if ((u->n & (u->n - 1)) == 0)
		u->v = xrealloc(u->v, (size_t)(u->n ? u->n * 2 : 1) * sizeof(*u->v));
	x = &u->v[u->n++];
	memset(x, 0, sizeof(*x));
	x->id = db_i64(r, 0);
	x->parent_id = db_i64(r, 1);
	x->path = arena_strdup(&u->a, db_text(r, 2));
	x->name = arena_strdup(&u->a, db_text(r, 3));
	x->mark = "none";
	for (int i = 0; i < AC_N; i++) {
		x->in.value[i] = ASSESS_MISSING;
		x->comp[i].comp = (enum assess_comp)i;
		x->comp[i].value = ASSESS_MISSING;
		x->comp[i].source = "无数据";
	}
}

static enum err
load_units(struct db *db, const struct who *w, struct assess_units *u)
{
	struct buf sql = BUF_INIT(8192);
	struct db_args a = { 0 };
	char up[SCOPE_MAX][256];

	buf_adds(&sql, "SELECT id, COALESCE(parent_id, 0), path, name FROM org"
	    " WHERE kind = 'party_committee'");
	scope_sql(&sql, &a, w, "path", up);
	buf_adds(&sql, " ORDER BY path");
	return each_row(db, &sql, &a, unit_push, u);
}

static void
set_ratio(struct assess_unit *x, enum assess_comp c, int64_t num, int64_t den,
    const char *source)
{
	x->comp[c].num = num;
	x->comp[c].den = den;
	x->comp[c].source = source;
	x->comp[c].value = den ? (num * 2000 + den) / (den * 2) : ASSESS_MISSING;
	x->in.value[c] = x->comp[c].value;
}

/* --- organizational life: the compliance roll-up --- */

static void
compliance_set(struct assess_units *u, struct assess_unit *x, const struct compliance_tally *t)
{
	int64_t den = t->done + t->overdue;

	set_ratio(x, AC_COMPLIANCE, t->done, den, den ? arena_printf(&u->a,
	    "组织生活合规：已完成 %" PRId64 " 项，逾期 %" PRId64 " 项（%" PRId64 " 个支部/党小组）",
	    t->done, t->overdue, t->orgs) : "组织生活：无到期要求");
}

/* One roll-up of the parent (the district committee) gives every school
 * organization under it; a unit whose parent lies outside the scope is
 * rolled up on its own. */
static enum err
load_compliance(struct db *db, const struct who *w, struct assess_units *u)
{
	struct period p;
	enum err e = ERR_OK;
	int32_t today = date_today();

	period_make(CU_YEAR, (int)u->year, 0, &p);
	for (int i = 0; !e && i < u->n; i++) {
		struct compliance_rollup r;
		int done = 0;

		for (int j = 0; j < i; j++)
			done |= u->v[j].parent_id == u->v[i].parent_id;
		if (done || !u->v[i].parent_id)
			continue;
		e = compliance_rollup(db, w, u->v[i].parent_id, &p, today, &r);
		if (e == ERR_NOT_FOUND)
			e = ERR_OK;	/* the parent is outside the scope: below */
		for (int k = 0; !e && k < r.nchildren; k++) {
			struct assess_unit *x = unit_by_id(u, r.children[k].org_id);

			if (x)
				compliance_set(u, x, &r.children[k].t);
		}
		compliance_rollup_release(&r);
	}
	for (int i = 0; !e && i < u->n; i++) {
		struct compliance_rollup r;

		if (strcmp(u->v[i].comp[AC_COMPLIANCE].source, "无数据"))
			continue;	/* covered by its parent's roll-up */
		if (!(e = compliance_rollup(db, w, u->v[i].id, &p, today, &r)))
			compliance_set(u, &u->v[i], &r.total);
		compliance_rollup_release(&r);
	}
	return e;
}

/* --- dues: member-months paid on time --- */

struct dues_walk {
	int64_t member;
	const char *path;
	int32_t from[32];	/* this member's settings (from_month ascending) */
	int64_t owed[32];
	int n;
	uint8_t paid[13];	/* by month of the year: 1 on time, 2 late */
};

struct pay {
	int64_t member;
	int32_t month;
	int on_time;
};

struct dues_ctx {
	struct assess_units *u;
	struct pay *pays;
	size_t npays, cap, at;
	int64_t *num, *den;	/* per unit */
};

/* The months of the member just read, then reset. */
static void
dues_flush(struct dues_ctx *c, struct dues_walk *m)
{
	struct assess_unit *x;
	int i;

	if (!m->member || !(x = unit_of(c->u, m->path)))
		goto reset;
	while (c->at < c->npays && c->pays[c->at].member < m->member)
		c->at++;
	memset(m->paid, 0, sizeof(m->paid));
	for (; c->at < c->npays && c->pays[c->at].member == m->member; c->at++)
		m->paid[c->pays[c->at].month % 100] = c->pays[c->at].on_time ? 1 : 2;
	for (int32_t mk = (int32_t)c->u->year * 100 + 1; mk <= c->u->month_cut; mk++) {
		int64_t owed = 0;

		for (int k = 0; k < m->n && m->from[k] <= mk; k++)
			owed = m->owed[k];
		if (owed <= 0)
			continue;
		i = (int)(x - c->u->v);
		c->den[i]++;
		c->num[i] += m->paid[mk % 100] == 1;
	}
reset:
	m->member = 0;
	m->n = 0;
}

static enum err
load_pays(struct db *db, const struct who *w, struct dues_ctx *c)
{
	struct buf sql = BUF_INIT(8192);
	struct db_args a = { 0 };
	char up[SCOPE_MAX][256];
	struct db_rows r;
	enum err e;

	/* On time: paid in the month it pays for, or before (YYYY-MM of
	 * paid_on compared as text with the month's own). */
	buf_adds(&sql, "SELECT p.member_id, p.month_key, p.paid_on FROM dues_payment p"
	    " WHERE p.month_key >= ? AND p.month_key <= ?");
	db_args_add(&a, DB_I64(c->u->year * 100 + 1));
	db_args_add(&a, DB_I64(c->u->month_cut));
	scope_sql(&sql, &a, w, "p.org_path", up);
	buf_adds(&sql, " ORDER BY p.member_id, p.month_key");
	e = db_queryv(db, &r, buf_str(&sql), &a);
	buf_release(&sql);
	if (e)
		return e;
	while ((e = db_next(&r)) == ERR_OK) {
		const char *on = db_text(&r, 2);
		int32_t mk = (int32_t)db_i64(&r, 1);
		char want[16];

		if (c->npays == c->cap) {
			c->cap = c->cap ? c->cap * 2 : 1024;
			c->pays = xrealloc(c->pays, c->cap * sizeof(*c->pays));
		}
		snprintf(want, sizeof(want), "%04d-%02d", (int)(mk / 100) % 10000, (int)(mk % 100));
		c->pays[c->npays++] = (struct pay){ db_i64(&r, 0), mk,
			on && strncmp(on, want, 7) <= 0 };
	}
	db_rows_close(&r);
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}

static enum err
walk_settings(struct db *db, const struct who *w, struct dues_ctx *c)
{
	struct buf sql = BUF_INIT(8192);
	struct db_args a = { 0 };
	char up[SCOPE_MAX][256];
	struct dues_walk m = { 0 };
	struct db_rows r;
	enum err e;

	buf_adds(&sql, "SELECT s.member_id, m.org_path, s.from_month,"
	    " COALESCE(s.reduced_fen, s.monthly_fen) FROM dues_setting s"
	    " JOIN member m ON m.id = s.member_id WHERE m.state = 'active' AND s.from_month <= ?");
	db_args_add(&a, DB_I64(c->u->month_cut));
	scope_sql(&sql, &a, w, "m.org_path", up);
	buf_adds(&sql, " ORDER BY s.member_id, s.from_month");
	e = db_queryv(db, &r, buf_str(&sql), &a);
	buf_release(&sql);
	if (e)
		return e;
	while ((e = db_next(&r)) == ERR_OK) {
		if (db_i64(&r, 0) != m.member) {
			dues_flush(c, &m);
			m.member = db_i64(&r, 0);
			m.path = arena_strdup(&c->u->a, db_text(&r, 1));
		}
		if (m.n == (int)ARRAY_SIZE(m.from)) {	/* keep the latest ones */
			memmove(m.from, m.from + 1, sizeof(m.from) - sizeof(m.from[0]));
			memmove(m.owed, m.owed + 1, sizeof(m.owed) - sizeof(m.owed[0]));
			m.n--;
		}
		m.from[m.n] = (int32_t)db_i64(&r, 2);
		m.owed[m.n++] = db_i64(&r, 3);
	}
	dues_flush(c, &m);
	db_rows_close(&r);
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}

static enum err
load_dues(struct db *db, const struct who *w, struct assess_units *u)
{
	struct dues_ctx c = { .u = u };
	enum err e = ERR_OK;

	if (u->month_cut < u->year * 100 + 1)
		return ERR_OK;	/* no completed month yet */
	c.num = xcalloc((size_t)u->n + 1, sizeof(*c.num));
	c.den = xcalloc((size_t)u->n + 1, sizeof(*c.den));
	e = load_pays(db, w, &c);
	if (!e)
		e = walk_settings(db, w, &c);
	for (int i = 0; !e && i < u->n; i++)
		if (c.den[i])
			set_ratio(&u->v[i], AC_DUES, c.num[i], c.den[i], arena_printf(&u->a,
			    "党费按时交纳：%" PRId64 "/%" PRId64 " 人次·月（截至 %d 年 %d 月）",
			    c.num[i], c.den[i], (int)(u->month_cut / 100), (int)(u->month_cut % 100)));
	free(c.pays);
	free(c.num);
	free(c.den);
	return e;
}

/* --- rectification: findings closed on time / due --- */

static void
rect_row(struct assess_units *u, struct db_rows *r)
{
	struct assess_unit *x = unit_of(u, db_text(r, 0));

	if (!x)
		return;
	x->comp[AC_RECTIFY].num += db_i64(r, 1);
	x->comp[AC_RECTIFY].den += db_i64(r, 2) + db_i64(r, 3);
	x->carried += db_i64(r, 3);
}

static enum err
load_rectification(struct db *db, const struct who *w, struct assess_units *u)
{
	struct buf sql = BUF_INIT(8192);
	struct db_args a = { 0 };
	char up[SCOPE_MAX][256], first[11], cut[11];
	enum err e;

	if (u->cutoff < u->first)
		return ERR_OK;
	date_format(u->first, first);
	date_format(u->cutoff, cut);
	buf_adds(&sql, "SELECT f.org_path,"
	    " SUM(CASE WHEN f.deadline >= ? AND f.state = 'verified' AND f.closed_on <= f.deadline"
	    " THEN 1 ELSE 0 END),"
	    " SUM(CASE WHEN f.deadline >= ? THEN 1 ELSE 0 END),"
	    " SUM(CASE WHEN f.deadline < ? THEN 1 ELSE 0 END)"
	    " FROM finding f WHERE f.deadline <= ? AND (f.deadline >= ? OR f.state <> 'verified')");
	for (int i = 0; i < 3; i++)
		db_args_add(&a, DB_TEXT(first));
	db_args_add(&a, DB_TEXT(cut));
	db_args_add(&a, DB_TEXT(first));
	scope_sql(&sql, &a, w, "f.org_path", up);
	buf_adds(&sql, " GROUP BY f.org_path");
	e = each_row(db, &sql, &a, rect_row, u);
	for (int i = 0; !e && i < u->n; i++) {
		struct assess_component *c = &u->v[i].comp[AC_RECTIFY];
		int64_t carried = u->v[i].carried;

		if (c->den)
			set_ratio(&u->v[i], AC_RECTIFY, c->num, c->den, arena_printf(&u->a,
			    "整改按期销号 %" PRId64 "/%" PRId64 " 项（含往年逾期未销号 %" PRId64 " 项）",
			    c->num, c->den, carried));
	}
	return e;
}

/* --- inspections: confirmed, not superseded --- */

static void
insp_row(struct assess_units *u, struct db_rows *r)
{
	struct assess_unit *x = unit_of(u, db_text(r, 0));

	if (!x)
		return;
	x->comp[AC_INSPECTION].den += db_i64(r, 1);
	x->comp[AC_INSPECTION].num += db_i64(r, 2);
	x->comp[AC_INSPECTION].vetoed |= db_i64(r, 3) != 0;
}

static enum err
load_inspections(struct db *db, const struct who *w, struct assess_units *u)
{
	struct buf sql = BUF_INIT(8192);
	struct db_args a = { 0 };
	char up[SCOPE_MAX][256], first[11], last[11];
	enum err e;

	date_format(u->first, first);
	date_format(u->last, last);
	buf_adds(&sql, "SELECT i.org_path, COUNT(*),"
	    " SUM(CASE WHEN i.total > 1000 THEN 1000 WHEN i.total < 0 THEN 0 ELSE i.total END),"
	    " MAX(i.vetoed) FROM inspection i WHERE i.state = 'confirmed'"
	    " AND i.superseded_by IS NULL AND i.inspected_on >= ? AND i.inspected_on <= ?");
	db_args_add(&a, DB_TEXT(first));
	db_args_add(&a, DB_TEXT(last));
	scope_sql(&sql, &a, w, "i.org_path", up);
	buf_adds(&sql, " GROUP BY i.org_path");
	e = each_row(db, &sql, &a, insp_row, u);
	for (int i = 0; !e && i < u->n; i++) {
		struct assess_unit *x = &u->v[i];
		struct assess_component *c = &x->comp[AC_INSPECTION];
		int64_t n = c->den, sum = c->num;

		if (!n)
			continue;
		c->num = sum;
		c->value = (sum * 2 + n) / (n * 2);
		c->source = arena_printf(&u->a, "督查 %" PRId64 " 次，平均 %" PRId64 ".%" PRId64 " 分%s",
		    n, c->value / 10, c->value % 10, c->vetoed ? "，有一票否决项" : "");
		x->in.value[AC_INSPECTION] = c->value;
		x->in.veto |= c->vetoed;
	}
	return e;
}

/* --- review: the secretary's results in published rounds --- */

static void
review_row(struct assess_units *u, struct db_rows *r)
{
	struct assess_unit *x = unit_by_id(u, db_i64(r, 0));
	struct assess_component *c;
	int64_t s = db_i64(r, 1);

	if (!x)
		return;
	c = &x->comp[AC_REVIEW];
	c->den++;
	c->num += s < 0 ? 0 : s > 1000 ? 1000 : s;
	c->source = arena_printf(&u->a, "%s%s%" PRId64 ".%" PRId64 " 分（%s）",
	    c->den > 1 ? c->source : "", c->den > 1 ? "；" : "述职评议 ", s / 10, s % 10,
	    db_text(r, 2));
}

static enum err
load_reviews(struct db *db, const struct who *w, struct assess_units *u)
{
	struct buf sql = BUF_INIT(8192);
	struct db_args a = { 0 };
	char up[SCOPE_MAX][256];
	enum err e;

	buf_adds(&sql, "SELECT r.org_id, r.score, r.grade FROM review_result r"
	    " JOIN review_round rr ON rr.id = r.round_id"
	    " WHERE rr.year = ? AND rr.state = 'published'");
	db_args_add(&a, DB_I64(u->year));
	scope_sql(&sql, &a, w, "r.org_path", up);
	buf_adds(&sql, " ORDER BY r.org_id, rr.id");
	e = each_row(db, &sql, &a, review_row, u);
	for (int i = 0; !e && i < u->n; i++) {
		struct assess_component *c = &u->v[i].comp[AC_REVIEW];

		if (!c->den)
			continue;
		c->value = (c->num * 2 + c->den) / (c->den * 2);
		u->v[i].in.value[AC_REVIEW] = c->value;
	}
	return e;
}

static void
set_days(struct assess_units *u)
{
	int32_t today = date_today(), m;

	u->first = date_from_ymd((int)u->year, 1, 1);
	u->last = date_from_ymd((int)u->year, 12, 31);
	u->cutoff = today - 1 < u->last ? today - 1 : u->last;
	m = date_month_key(date_month_first(today) - 1);	/* the last completed month */
	u->month_cut = m < (int32_t)u->year * 100 + 12 ? m : (int32_t)u->year * 100 + 12;
}

enum err
assess_gather(struct db *db, const struct who *w, struct assess_units *u)
{
	enum err e;

	set_days(u);
	e = load_units(db, w, u);
	if (!e && u->n)
		e = load_compliance(db, w, u);
	if (!e && u->n)
		e = load_dues(db, w, u);
	if (!e && u->n)
		e = load_rectification(db, w, u);
	if (!e && u->n)
		e = load_inspections(db, w, u);
	if (!e && u->n)
		e = load_reviews(db, w, u);
	return e;
}

void
assess_units_release(struct assess_units *u)
{
	arena_release(&u->a);
	free(u->v);
	u->v = NULL;
	u->n = 0;
}

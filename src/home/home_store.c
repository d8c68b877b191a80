/* home_store.c: the home page's scoped queries, one grouped query per
 * figure over the subtree (a path range) or the caller's scope (scope_sql);
 * nothing here loops over schools or rows with a query each. */
#include "core/common.h"
#include "home/home.h"
#include "auth/scope.h"
#include "core/buf.h"
#include "core/config.h"
#include "core/dates.h"
#include "develop/pipeline.h"
#include "party/dues.h"
#include "party/org.h"

const char *const home_org_kinds[HOME_KINDS] = { "district_committee", "party_committee",
	"general_branch", "branch", "group" };
const char *const home_grades[HOME_GRADES] = { "优秀", "良好", "一般", "较差", "" };

/* Where the figures are taken: the subtree [lo, hi) of an organization the
 * caller named, or (lo empty) the caller's scope. */
struct where {
	const struct who *w;
	char lo[256], hi[256];
	char up[SCOPE_MAX][256];
};

/* " AND <col> in the subtree or scope" into sql and a. */
static void
where_sql(struct where *q, const char *col, struct buf *sql, struct db_args *a)
{
	if (q->lo[0]) {
		buf_addf(sql, " AND %s >= ? AND %s < ?", col, col);
		db_args_add(a, DB_TEXT(q->lo));
		db_args_add(a, DB_TEXT(q->hi));
	} else {
		scope_sql(sql, a, q->w, col, q->up);
	}
}

/* Runs sql with a, handing each row to fn; frees sql. */
static enum err
each_row(struct db *db, struct buf *sql, struct db_args *a,
    void (*fn)(struct home *h, struct db_rows *r), struct home *h)
{
	struct db_rows r;
	enum err e = db_queryv(db, &r, buf_str(sql), a);

	buf_release(sql);
	if (e)
		return e;
	while ((e = db_next(&r)) == ERR_OK)
		fn(h, &r);
	db_rows_close(&r);
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}

static int64_t
col(struct db_rows *r, int i)
{
	return db_is_null(r, i) ? 0 : db_i64(r, i);
}

/* The trend's months, oldest first, ending with today's. */
static void
trend_months(struct home_point *t, int32_t today)
{
	int32_t first = date_month_first(today);

	for (int i = HOME_MONTHS - 1; i >= 0; i--) {
		t[i] = (struct home_point){ .month = date_month_key(first) };
		first = date_month_first(first - 1);
	}
}

/* The slot of month key mk ("YYYY-MM" text or YYYYMM) in a trend, or -1. */
static int
trend_slot(const struct home_point *t, int32_t mk)
{
	for (int i = 0; i < HOME_MONTHS; i++)
		if (t[i].month == mk)
			return i;
	return -1;
}

static int32_t
month_of_text(const char *s)
{
	int32_t d;
	char day[11];

	if (!s || strlen(s) < 7)
		return 0;
	snprintf(day, sizeof(day), "%.7s-01", s);
	return date_parse(day, &d) ? 0 : date_month_key(d);
}

/* --- members: active now, and the changes of the trend's months --- */

/* Rows: ("now", "", "", n, full, probationary) for the active members;
 * ("in", join month, "", n) for active members who joined after the
 * trend's first month; ("out", month left, join month or "" when before
 * the trend, n) for members who left after it. */
static void
members_row(struct home *h, struct db_rows *r)
{
	const char *what = db_text(r, 0), *k1 = db_text(r, 1), *k2 = db_text(r, 2);
	int32_t m1 = month_of_text(k1), m2 = month_of_text(k2);
	int64_t n = col(r, 3);

	if (!strcmp(what, "now")) {
		h->members += n;
		h->full += col(r, 4);
		h->probationary += col(r, 5);
		for (int i = 0; i < HOME_MONTHS; i++)
			h->members_trend[i].v[0] += n;
		return;
	}
	for (int i = 0; i < HOME_MONTHS; i++) {
		int32_t e = h->members_trend[i].month;

		if (!strcmp(what, "in") && m1 > e)
			h->members_trend[i].v[0] -= n;	/* active now, not yet at e */
		else if (!strcmp(what, "out") && m1 > e && m2 <= e)
			h->members_trend[i].v[0] += n;	/* gone now, still there at e */
	}
}

/* Active at a month's end E: joined by E (or no join date) and either still
 * active or left after E. Three index reads (the active members' count by
 * path, and member_joined and member_left of migration 0029 over the
 * trend's months), no pass over the member table. */
static enum err
members(struct db *db, struct where *q, struct home *h)
{
	struct buf sql = BUF_INIT(8192);
	struct db_args a = { 0 };
	int32_t mk = h->members_trend[0].month;
	char e0[11];

	date_format(date_month_last(date_from_ymd(mk / 100, mk % 100, 1)), e0);
	/* Sums, not GROUP BY status: grouped, SQLite walks member_full_org in
	 * status order over every active member of the city instead of the
	 * subtree's range of member_org_path_name. */
	buf_adds(&sql, "SELECT 'now', '', '', COUNT(*),"
	    " SUM(CASE WHEN m.status = 'full' THEN 1 ELSE 0 END),"
	    " SUM(CASE WHEN m.status = 'probationary' THEN 1 ELSE 0 END)"
	    " FROM member m WHERE m.state = 'active'");
	where_sql(q, "m.org_path", &sql, &a);
	/* The state is summed, not filtered: with "state = ?" in the WHERE,
	 * SQLite (no ANALYZE statistics) prefers an index on state and reads
	 * every active member instead of the few of the trend's months. */
	buf_adds(&sql, " UNION ALL SELECT 'in', substr(m.joined_on, 1, 7), '',"
	    " SUM(CASE WHEN m.state = 'active' THEN 1 ELSE 0 END), 0, 0 FROM member m"
	    " WHERE m.joined_on > ?");
	db_args_add(&a, DB_TEXT(e0));
	where_sql(q, "m.org_path", &sql, &a);
	buf_adds(&sql, " GROUP BY substr(m.joined_on, 1, 7) UNION ALL SELECT 'out',"
	    " substr(m.state_on, 1, 7), CASE WHEN m.joined_on > ? THEN substr(m.joined_on, 1, 7)"
	    " ELSE '' END, SUM(CASE WHEN m.state IN ('transferred_out', 'stopped', 'removed',"
	    " 'deceased') THEN 1 ELSE 0 END), 0, 0 FROM member m WHERE m.state_on > ?");
	db_args_add(&a, DB_TEXT(e0));
	db_args_add(&a, DB_TEXT(e0));
	where_sql(q, "m.org_path", &sql, &a);
	buf_adds(&sql, " GROUP BY 2, 3");
	return each_row(db, &sql, &a, members_row, h);
}

/* --- organizations by kind --- */

static void
orgs_row(struct home *h, struct db_rows *r)
{
	const char *kind = db_text(r, 0);

	h->orgs += col(r, 1);
	for (int i = 0; i < HOME_KINDS; i++)
		if (!strcmp(kind, home_org_kinds[i]))
			h->org_kinds[i] = col(r, 1);
}

static enum err
orgs(struct db *db, struct where *q, struct home *h)
{
	struct buf sql = BUF_INIT(8192);
	struct db_args a = { 0 };

	buf_adds(&sql, "SELECT o.kind, COUNT(*) FROM org o WHERE 1 = 1");
	where_sql(q, "o.path", &sql, &a);
	buf_adds(&sql, " GROUP BY o.kind");
	return each_row(db, &sql, &a, orgs_row, h);
}

/* --- 三会一课: the compliance engine, one load for every period --- */

static enum err
compliance(struct db *db, const struct who *w, int64_t org_id, struct home *h)
{
	struct period p[HOME_C_MONTHS + 1];
	struct compliance_tally t[HOME_C_MONTHS + 1];
	int year = date_year(h->today), mon = date_to_ymd(h->today).m, n = 0;
	int first = mon > HOME_C_MONTHS ? mon - HOME_C_MONTHS + 1 : 1;
	enum err e;

	for (int m = first; m <= mon; m++)
		period_make(CU_MONTH, year, m, &p[n++]);
	p[n] = h->quarter;
	if ((e = compliance_tallies(db, w, org_id, p, n + 1, h->today, t)))
		return e;
	h->c_first_month = first;
	h->n_c_months = n;
	memcpy(h->c_months, t, sizeof(*t) * (size_t)n);
	h->c_month = t[n - 1];
	h->c_quarter = t[n];
	return ERR_OK;
}

/* --- dues: this month's ledger totals, and payments per month --- */

static void
dues_row(struct home *h, struct db_rows *r)
{
	int i = trend_slot(h->dues_trend, (int32_t)col(r, 0));

	if (i >= 0) {
		h->dues_trend[i].v[0] = col(r, 1);
		h->dues_trend[i].v[1] = col(r, 2);
	}
}

static enum err
dues(struct db *db, struct where *q, int64_t org_id, struct home *h)
{
	struct buf sql = BUF_INIT(8192);
	struct db_args a = { 0 };
	struct dues_totals s;
	enum err e;

	/* The ledger's own totals (DUES-09 arrears), as 党费 shows them. */
	e = dues_totals_get(db, q->w, org_id, date_month_key(h->today), &s);
	if (e && e != ERR_NOT_FOUND)	/* a scope of several roots: no dues total */
		return e;
	if (!e) {
		h->dues_members = s.members;
		h->dues_due_fen = s.due_fen;
		h->dues_paid_fen = s.paid_fen;
		h->dues_unpaid_fen = s.unpaid_fen;
		h->dues_arrears = s.arrears_members;
		h->dues_warnings = s.warnings;
		h->dues_flags = s.flags;
	}
	buf_adds(&sql, "SELECT p.month_key, SUM(p.amount_fen), COUNT(*)"
	    " FROM dues_payment p WHERE p.month_key >= ? AND p.month_key <= ?");
	db_args_add(&a, DB_I64(h->dues_trend[0].month));
	db_args_add(&a, DB_I64(h->dues_trend[HOME_MONTHS - 1].month));
	where_sql(q, "p.org_path", &sql, &a);
	buf_adds(&sql, " GROUP BY p.month_key");
	return each_row(db, &sql, &a, dues_row, h);
}

/* --- findings: counts now and per month of issue and of closing --- */

static void
findings_row(struct home *h, struct db_rows *r)
{
	const char *what = db_text(r, 0);
	int i = trend_slot(h->findings_trend, month_of_text(db_text(r, 1)));

	if (!strcmp(what, "i")) {
		h->f_total += col(r, 2);
		h->f_open += col(r, 3);
		h->f_overdue += col(r, 4);
		if (i >= 0)
			h->findings_trend[i].v[0] = col(r, 2);
	} else {
		h->f_closed += col(r, 2);
		h->f_closed_on_time += col(r, 3);
		if (i >= 0) {
			h->findings_trend[i].v[1] = col(r, 2);
			h->findings_trend[i].v[2] = col(r, 3);
		}
	}
}

/* Overdue as finding_overdue(): not verified and past its deadline; closed
 * on time: verified no later than the deadline. */
static enum err
findings(struct db *db, struct where *q, struct home *h)
{
	struct buf sql = BUF_INIT(8192);
	struct db_args a = { 0 };
	char today[11];

	date_format(h->today, today);
	buf_adds(&sql, "SELECT 'i', substr(f.issued_on, 1, 7), COUNT(*),"
	    " SUM(CASE WHEN f.state <> 'verified' THEN 1 ELSE 0 END),"
	    " SUM(CASE WHEN f.state <> 'verified' AND f.deadline < ? THEN 1 ELSE 0 END)"
	    " FROM finding f WHERE 1 = 1");
	db_args_add(&a, DB_TEXT(today));
	where_sql(q, "f.org_path", &sql, &a);
	buf_adds(&sql, " GROUP BY substr(f.issued_on, 1, 7) UNION ALL"
	    " SELECT 'c', substr(f.closed_on, 1, 7), COUNT(*),"
	    " SUM(CASE WHEN f.closed_on <= f.deadline THEN 1 ELSE 0 END), 0"
	    " FROM finding f WHERE f.state = 'verified'");
	where_sql(q, "f.org_path", &sql, &a);
	buf_adds(&sql, " GROUP BY substr(f.closed_on, 1, 7)");
	return each_row(db, &sql, &a, findings_row, h);
}

/* --- development: people by step, with their next steps' dates --- */

static void
pipeline_row(struct home *h, struct db_rows *r)
{
	const struct pipe_step_def *d = pipe_step((int)col(r, 0));
	int stage = d ? d->stage : 1;

	if (stage >= 1 && stage <= HOME_STAGES)
		h->stages[stage - 1] += col(r, 1);
	h->steps_overdue += col(r, 2);
	h->steps_due += col(r, 3);
}

static enum err
pipeline(struct db *db, struct where *q, struct home *h)
{
	struct buf sql = BUF_INIT(8192);
	struct db_args a = { 0 };
	char today[11], soon[11];

	date_format(h->today, today);
	date_format(h->today + (int32_t)cfg.dev.alert_days, soon);
	buf_adds(&sql, "SELECT ap.step, COUNT(*),"
	    " SUM(CASE WHEN ap.next_due < ? THEN 1 ELSE 0 END),"
	    " SUM(CASE WHEN ap.next_due >= ? AND ap.next_due <= ? THEN 1 ELSE 0 END)"
	    " FROM applicant ap WHERE ap.status IN ('pipeline', 'probationary')");
	db_args_add(&a, DB_TEXT(today));
	db_args_add(&a, DB_TEXT(today));
	db_args_add(&a, DB_TEXT(soon));
	where_sql(q, "ap.org_path", &sql, &a);
	buf_adds(&sql, " GROUP BY ap.step");
	return each_row(db, &sql, &a, pipeline_row, h);
}

/* --- the assessment: the latest year in scope and the one before --- */

static void
assess_row(struct home *h, struct db_rows *r)
{
	int year = (int)col(r, 0), g = HOME_GRADES - 1;
	const char *grade = db_text(r, 1);
	int64_t n = col(r, 3);

	for (int i = 0; grade && i < HOME_GRADES - 1; i++)
		if (!strcmp(grade, home_grades[i]))
			g = i;
	if (year > h->assess_year) {	/* rows come newest year first */
		memcpy(h->prev_grades, h->grades, sizeof(h->grades));
		memset(h->grades, 0, sizeof(h->grades));
		memset(h->bands, 0, sizeof(h->bands));
		h->rectify = 0;
		h->assess_year = year;
	}
	if (year == h->assess_year) {
		h->grades[g] += n;
		if (!db_is_null(r, 2))
			h->bands[col(r, 2)] += n;
		h->rectify += col(r, 4);
	} else {
		h->prev_grades[g] += n;
	}
}

/* Score bands over permille: 0 ≥ 900, 1 800-899, 2 700-799, 3 600-699, 4 below. */
static enum err
assessment(struct db *db, struct where *q, struct home *h)
{
	struct buf sql = BUF_INIT(8192);
	struct db_args a = { 0 };

	buf_adds(&sql, "SELECT a.year, a.grade, CASE WHEN a.score IS NULL THEN NULL"
	    " WHEN a.score >= 900 THEN 0 WHEN a.score >= 800 THEN 1 WHEN a.score >= 700 THEN 2"
	    " WHEN a.score >= 600 THEN 3 ELSE 4 END AS band, COUNT(*),"
	    " SUM(CASE WHEN a.mark = 'rectify' THEN 1 ELSE 0 END) FROM assessment a"
	    " WHERE a.year >= (SELECT MAX(b.year) FROM assessment b WHERE 1 = 1");
	where_sql(q, "b.org_path", &sql, &a);
	buf_adds(&sql, ") - 1");
	where_sql(q, "a.org_path", &sql, &a);
	buf_adds(&sql, " GROUP BY a.year, a.grade, band ORDER BY a.year DESC");
	return each_row(db, &sql, &a, assess_row, h);
}

/* --- study records per month --- */

static void
study_row(struct home *h, struct db_rows *r)
{
	int i = trend_slot(h->study_trend, month_of_text(db_text(r, 0)));

	if (i >= 0)
		for (int k = 0; k < 3; k++)
			h->study_trend[i].v[k] = col(r, 1 + k);
}

static enum err
study(struct db *db, struct where *q, struct home *h)
{
	struct buf sql = BUF_INIT(8192);
	struct db_args a = { 0 };
	int32_t mk = h->study_trend[0].month;
	char from[11];

	date_format(date_from_ymd(mk / 100, mk % 100, 1), from);
	buf_adds(&sql, "SELECT substr(s.day, 1, 7), COUNT(*),"
	    " SUM(CASE WHEN s.status = 'counted' THEN s.points ELSE 0 END),"
	    " COUNT(DISTINCT s.member_id) FROM study_record s WHERE s.year >= ? AND s.day >= ?");
	db_args_add(&a, DB_I64(mk / 100));
	db_args_add(&a, DB_TEXT(from));
	where_sql(q, "s.org_path", &sql, &a);
	buf_adds(&sql, " GROUP BY substr(s.day, 1, 7)");
	return each_row(db, &sql, &a, study_row, h);
}

/* --- the root --- */

static enum err
root(struct db *db, const struct who *w, int64_t org_id, struct arena *ar, struct where *q,
    struct home *h)
{
	struct org o;
	enum err e;

	q->w = w;
	if (!org_id && !w->all && w->nscope == 1)
		org_id = w->scope_ids[0];	/* a school's staff: their school's name */
	if (!org_id) {
		h->org_name = w->all ? "全部组织" : "管辖范围";
		return ERR_OK;
	}
	if ((e = org_get(db, w, org_id, ar, &o)))
		return e;
	snprintf(q->lo, sizeof(q->lo), "%s", o.path);
	scope_path_upper(q->lo, q->hi);
	h->org_id = org_id;
	h->org_name = o.name;
	return ERR_OK;
}

enum err
home_gather(struct db *db, const struct who *w, int64_t org_id, int32_t today,
    struct arena *ar, struct home *out)
{
	struct where q = { 0 };
	enum err e;

	memset(out, 0, sizeof(*out));
	out->today = today;
	period_make(CU_MONTH, date_year(today), date_to_ymd(today).m, &out->month);
	period_make(CU_QUARTER, date_year(today), date_quarter(date_to_ymd(today).m),
	    &out->quarter);
	trend_months(out->members_trend, today);
	trend_months(out->dues_trend, today);
	trend_months(out->findings_trend, today);
	trend_months(out->study_trend, today);
	if ((e = root(db, w, org_id, ar, &q, out)))
		return e;
	if (!(e = members(db, &q, out)) && !(e = orgs(db, &q, out)) &&
	    !(e = compliance(db, w, out->org_id, out)) && !(e = dues(db, &q, out->org_id, out)) &&
	    !(e = findings(db, &q, out)) && !(e = pipeline(db, &q, out)))
		e = assessment(db, &q, out);
	if (!e)
		e = study(db, &q, out);
	return e;
}

/* alert_store.c: the sources of the alert centre. Each kind is a source
 * that can count its matches and write a page of them; a list walks the
 * sources in alert_kinds order, skipping whole sources before the page's
 * offset, so the long kinds (dues arrears, birthdays) page in SQL. The
 * meeting and term kinds are computed in C over the scope. */
#include "core/common.h"
#include "party/alert.h"
#include "party/meeting.h"
#include "auth/scope.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/config.h"
#include "core/dates.h"
#include "core/xalloc.h"
#include "db/db.h"
#include "develop/pipeline.h"
#include "party/compliance.h"
#include "party/org.h"

struct q {
	struct db *db;
	const struct who *w;
	const struct alert_filter *f;
	int32_t today;
	char lo[256], hi[256];	/* org_id's subtree; "" when the scope decides */
	int sev;		/* -1: any */
	int member;		/* a member user: own reminders only */
	char today_s[11], month_s[3];
	char horizon_s[11];	/* today + cfg.dev.alert_days */
	char brand_cut[11];	/* CL-03: cultivation began before this day */
	char year_from[11], year_to[11];	/* CUL-03: today's year [from, to) */
};

/* A computed kind's alerts, kept whole for counting and slicing. */
struct alist {
	struct alert *v;
	int n, cap;
};

static struct alert *
alist_push(struct alist *l)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 64;
		l->v = xrealloc(l->v, (size_t)l->cap * sizeof(*l->v));
	}
	memset(&l->v[l->n], 0, sizeof(*l->v));
	return &l->v[l->n++];
}

/* " AND col in the subtree or scope" (members: their own record). */
static void
where_path(const struct q *q, const char *col, struct buf *sql, struct db_args *a,
    char (*up)[256])
{
	if (q->lo[0]) {
		buf_addf(sql, " AND %s >= ? AND %s < ?", col, col);
		db_args_add(a, DB_TEXT(q->lo));
		db_args_add(a, DB_TEXT(q->hi));
	}
	scope_sql(sql, a, q->w, col, up);
}

static int
sev_ok(const struct q *q, enum alert_severity s)
{
	return q->sev < 0 || q->sev == (int)s;
}

/* --- meetings: the compliance engine over the current year --- */

struct meet_ctx {
	const struct q *q;
	struct alist *over, *missing;
	struct arena *a;
	int q4;
};

static void
meet_add(struct alist *l, const struct q *q, struct arena *a, const struct compliance_row *o,
    const struct compliance_item *it, enum alert_severity s, const char *kind, const char *text)
{
	struct alert *al;

	if (!sev_ok(q, s))
		return;
	al = alist_push(l);
	al->kind = kind;
	al->severity = s;
	al->rule = it->rule;
	al->org_id = o->id;
	al->org_name = arena_strdup(a, o->name);
	snprintf(al->message, sizeof(al->message), "%s：%s", o->name, text);
	snprintf(al->link, sizeof(al->link), "/meetings?org_id=%" PRId64 "&kind=%s", o->id, it->kind);
}

static void
meet_org(void *ctx, const struct compliance_row *o, const struct compliance_item *it, int n)
{
	struct meet_ctx *c = ctx;

	for (int i = 0; i < n; i++) {
		if (it[i].status == CS_OVERDUE)
			meet_add(c->over, c->q, c->a, o, &it[i], SEV_WARNING, "meeting_overdue",
			    it[i].message);
		/* What is still open, even beside an overdue part; yearly requirements
		 * only in Q4 (ORG-15: generally in Q4). */
		if (it[i].reminder[0] && (it[i].unit != CU_YEAR || c->q4))
			meet_add(c->missing, c->q, c->a, o, &it[i], SEV_INFO, "meeting_missing",
			    it[i].reminder);
	}
}

static enum err
meetings(const struct q *q, struct alist *over, struct alist *missing, struct arena *a)
{
	struct meet_ctx c = { q, over, missing, a, date_to_ymd(q->today).m >= 10 };
	struct period p;

	if (q->member)
		return ERR_OK;
	period_make(CU_YEAR, date_year(q->today), 0, &p);
	return compliance_board(q->db, q->w, q->f->org_id, &p, q->today, meet_org, &c);
}

/* --- terms (ORG-07) --- */

static void
term_add(const struct q *q, struct alist *over, struct alist *soon, struct arena *a,
    struct db_rows *r, const struct compliance_rules *rules)
{
	int32_t start, exp = 0;
	const char *s = db_text(r, 3);
	enum term_state st;
	struct alert *al;
	enum alert_severity sev;
	char day[11];

	if (!s || date_parse(s, &start))
		return;
	st = compliance_term(rules, db_text(r, 2), start, (int)db_i64(r, 4), q->today, &exp);
	if (st == TERM_NONE || st == TERM_OK)
		return;
	sev = st == TERM_OVERDUE ? SEV_CRITICAL : st == TERM_URGENT ? SEV_WARNING : SEV_INFO;
	if (!sev_ok(q, sev))
		return;
	al = alist_push(st == TERM_OVERDUE ? over : soon);
	al->kind = st == TERM_OVERDUE ? "term_overdue" : "term_expiring";
	al->severity = sev;
	al->rule = "ORG-07";
	al->org_id = db_i64(r, 0);
	al->org_name = arena_strdup(a, db_text(r, 1));
	date_format(exp, day);
	if (st == TERM_OVERDUE)
		snprintf(al->message, sizeof(al->message), "%s任期已于%s届满，应按期换届选举（ORG-07）",
		    al->org_name, day);
	else
		snprintf(al->message, sizeof(al->message), "%s任期将于%s届满（%d个月内），请提前筹备换届"
		    "（ORG-07）", al->org_name, day,
		    st == TERM_URGENT ? rules->term_urgent_months : rules->term_warn_months);
	snprintf(al->link, sizeof(al->link), "/orgs/%" PRId64, al->org_id);
}

static enum err
terms(const struct q *q, struct alist *over, struct alist *soon, struct arena *a)
{
	struct buf sql = BUF_INIT(8192);
	struct db_args args = { 0 };
	char up[SCOPE_MAX][256];
	struct compliance_rules rules;
	struct db_rows r;
	enum err e;

	if (q->member)
		return ERR_OK;
	compliance_rules_from_config(&rules);
	buf_adds(&sql, "SELECT o.id, o.name, o.kind, o.term_started_on, COALESCE(o.term_years, 0)"
	    " FROM org o WHERE o.term_started_on IS NOT NULL");
	where_path(q, "o.path", &sql, &args, up);
	buf_adds(&sql, " ORDER BY o.path");
	e = db_queryv(q->db, &r, buf_str(&sql), &args);
	buf_release(&sql);
	if (e)
		return e;
	while ((e = db_next(&r)) == ERR_OK)
		term_add(q, over, soon, a, &r, &rules);
	db_rows_close(&r);
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}

/* --- SQL sources: one FROM/WHERE, counted, then paged --- */

struct sqlsrc {
	const char *kind;
	/* Writes "FROM ... WHERE ..." (no ORDER BY) and its parameters; row()
	 * fills an alert whose strings borrow from the row. */
	void (*from)(const struct q *q, struct buf *sql, struct db_args *a, char (*up)[256]);
	const char *cols;
	const char *order;
	void (*row)(const struct q *q, struct db_rows *r, struct alert *al);
};

/* ORG-11: committee meetings this year whose quorum failed. */
static void
quorum_from(const struct q *q, struct buf *sql, struct db_args *a, char (*up)[256])
{
	buf_adds(sql, " FROM meeting m JOIN org o ON o.id = m.org_id WHERE m.year = ?"
	    " AND m.quorum_ok = 0 AND m.kind = 'committee'");
	db_args_add(a, DB_I64(date_year(q->today)));
	if (q->member || !sev_ok(q, SEV_WARNING))
		buf_adds(sql, " AND 1=0");
	where_path(q, "m.org_path", sql, a, up);
}

static void
quorum_row(const struct q *q, struct db_rows *r, struct alert *al)
{
	char when[17];

	(void)q;
	al->kind = "quorum";
	al->severity = SEV_WARNING;
	al->rule = "ORG-11";
	al->org_id = db_i64(r, 1);
	al->org_name = db_text(r, 2);
	datetime_format(db_i64(r, 3), when);
	snprintf(al->message, sizeof(al->message), "%s：%s召开的支部委员会会议到会委员未过半数，"
	    "会议决定无效（ORG-11）", db_text(r, 2), when);
	snprintf(al->link, sizeof(al->link), "/meetings/%" PRId64, db_i64(r, 0));
}

/* XFER-03: letters past their validity, receipts past their month. */
static void
transfer_from(const struct q *q, struct buf *sql, struct db_args *a, char (*up)[256])
{
	buf_adds(sql, " FROM transfer t JOIN member m ON m.id = t.member_id"
	    " LEFT JOIN org o ON o.id = COALESCE(t.from_org_id, t.to_org_id)"
	    " WHERE ((t.state = 'in_transit' AND t.valid_until < ?)"
	    " OR (t.state = 'received' AND t.receipt_due < ?))");
	db_args_add(a, DB_TEXT(q->today_s));
	db_args_add(a, DB_TEXT(q->today_s));
	if (q->member || !sev_ok(q, SEV_WARNING))
		buf_adds(sql, " AND 1=0");
	buf_adds(sql, " AND (1=0 OR (t.from_org_path IS NOT NULL");
	where_path(q, "t.from_org_path", sql, a, up);
	buf_adds(sql, ") OR (t.to_org_path IS NOT NULL");
	where_path(q, "t.to_org_path", sql, a, up + SCOPE_MAX);
	buf_adds(sql, "))");
}

static void
transfer_row(const struct q *q, struct db_rows *r, struct alert *al)
{
	(void)q;
	al->kind = "transfer_overdue";
	al->severity = SEV_WARNING;
	al->rule = "XFER-03";
	al->member_id = db_i64(r, 1);
	al->org_id = db_i64(r, 3);
	al->org_name = db_text(r, 4);
	if (!strcmp(db_text(r, 5), "in_transit"))
		snprintf(al->message, sizeof(al->message), "党员%s的组织关系介绍信已于%s过期，"
		    "仍未办理接收（XFER-03）", db_text(r, 2), db_text(r, 6) ? db_text(r, 6) : "");
	else
		snprintf(al->message, sizeof(al->message), "党员%s的组织关系已接收，回执应于%s前"
		    "寄回，尚未办结（XFER-03）", db_text(r, 2), db_text(r, 7) ? db_text(r, 7) : "");
	snprintf(al->link, sizeof(al->link), "/transfers/%" PRId64, db_i64(r, 0));
}

/* Members of the scope, or the member user's own record. */
static void
member_where(const struct q *q, struct buf *sql, struct db_args *a, char (*up)[256])
{
	if (q->member) {
		buf_adds(sql, " AND m.id = ?");
		db_args_add(a, DB_I64(q->w->member_id));
	} else {
		where_path(q, "m.org_path", sql, a, up);
	}
}

/* Months as a running count: YYYYMM → YYYY*12 + MM. */
#define MONTHS(k) "((" k ") / 100 * 12 + (" k ") % 100)"

/* DUES-09: months owed (from the first dues setting to last month) minus
 * months paid, and the months in a row unpaid up to last month. Members
 * whose current amount is zero (waived, DUES-06) owe nothing. */
static void
dues_from(const struct q *q, struct buf *sql, struct db_args *a, char (*up)[256])
{
	int32_t last = date_month_key(date_add_months(q->today, -1));
	int64_t l12 = (int64_t)(last / 100) * 12 + last % 100;

	buf_adds(sql, " FROM (SELECT id, name, org_id, org_name,"
	    " ? - " MONTHS("first_month") " + 1 - paid AS unpaid,"
	    " ? - (CASE WHEN lastpaid IS NULL OR lastpaid < first_month"
	    " THEN " MONTHS("first_month") " - 1"
	    " ELSE " MONTHS("lastpaid") " END) AS run"
	    " FROM (SELECT m.id, m.name, m.org_id, o.name AS org_name,"
	    " (SELECT MIN(d.from_month) FROM dues_setting d WHERE d.member_id = m.id) AS first_month,"
	    " (SELECT MAX(p.month_key) FROM dues_payment p WHERE p.member_id = m.id"
	    " AND p.month_key <= ?) AS lastpaid,"
	    " (SELECT COUNT(*) FROM dues_payment p WHERE p.member_id = m.id AND p.month_key <= ?)"
	    " AS paid,"
	    " (SELECT COALESCE(d.reduced_fen, d.monthly_fen) FROM dues_setting d"
	    " WHERE d.member_id = m.id AND d.from_month <= ? ORDER BY d.from_month DESC LIMIT 1)"
	    " AS owed"
	    " FROM member m JOIN org o ON o.id = m.org_id WHERE m.state = 'active'");
	db_args_add(a, DB_I64(l12));
	db_args_add(a, DB_I64(l12));
	db_args_add(a, DB_I64(last));
	db_args_add(a, DB_I64(last));
	db_args_add(a, DB_I64(last));
	member_where(q, sql, a, up);
	buf_adds(sql, ") x WHERE first_month IS NOT NULL AND first_month <= ? AND owed > 0) y"
	    " WHERE (y.unpaid >= ? OR y.run >= ?)");
	db_args_add(a, DB_I64(last));
	db_args_add(a, DB_I64(cfg.dues_arrears_warn));
	db_args_add(a, DB_I64(cfg.dues_arrears_critical));
	if (q->sev == SEV_CRITICAL) {
		buf_adds(sql, " AND y.run >= ?");
		db_args_add(a, DB_I64(cfg.dues_arrears_critical));
	} else if (q->sev == SEV_WARNING) {
		buf_adds(sql, " AND y.run < ?");
		db_args_add(a, DB_I64(cfg.dues_arrears_critical));
	} else if (q->sev == SEV_INFO) {
		buf_adds(sql, " AND 1=0");
	}
}

static void
dues_row(const struct q *q, struct db_rows *r, struct alert *al)
{
	int64_t unpaid = db_i64(r, 4), run = db_i64(r, 5);
	int s = alert_dues_severity(unpaid, run, (int)cfg.dues_arrears_warn,
	    (int)cfg.dues_arrears_critical);

	(void)q;
	al->kind = "dues_arrears";
	al->severity = s < 0 ? SEV_WARNING : (enum alert_severity)s;
	al->rule = "DUES-09";
	al->member_id = db_i64(r, 0);
	al->org_id = db_i64(r, 2);
	al->org_name = db_text(r, 3);
	if (al->severity == SEV_CRITICAL)
		snprintf(al->message, sizeof(al->message), "党员%s已连续%" PRId64 "个月未交纳党费，"
		    "支部应按规定处理（DUES-09）", db_text(r, 1), run);
	else
		snprintf(al->message, sizeof(al->message), "党员%s有%" PRId64 "个月党费未交纳（DUES-09）",
		    db_text(r, 1), unpaid);
	snprintf(al->link, sizeof(al->link), "/dues?org_id=%" PRId64 "&member_id=%" PRId64,
	    al->org_id, al->member_id);
}

/* Political birthdays: members who joined in this month. */
static void
birthday_from(const struct q *q, struct buf *sql, struct db_args *a, char (*up)[256])
{
	buf_adds(sql, " FROM member m JOIN org o ON o.id = m.org_id WHERE m.state = 'active'"
	    " AND m.joined_on IS NOT NULL AND substr(m.joined_on, 6, 2) = ?");
	db_args_add(a, DB_TEXT(q->month_s));
	if (!sev_ok(q, SEV_INFO))
		buf_adds(sql, " AND 1=0");
	member_where(q, sql, a, up);
}

static void
birthday_row(const struct q *q, struct db_rows *r, struct alert *al)
{
	const char *j = db_text(r, 4);
	int32_t d = 0;
	struct ymd t;

	al->kind = "birthday";
	al->severity = SEV_INFO;
	al->member_id = db_i64(r, 0);
	al->org_id = db_i64(r, 2);
	al->org_name = db_text(r, 3);
	if (!j || date_parse(j, &d))
		d = q->today;
	t = date_to_ymd(d);
	snprintf(al->message, sizeof(al->message), "党员%s%d月%d日过政治生日（入党%d周年）",
	    db_text(r, 1), t.m, t.d, date_year(q->today) - t.y);
	snprintf(al->link, sizeof(al->link), "/members/%" PRId64, al->member_id);
}

/* Meetings a member user can still sign in to (a reminder): held by their
 * branch or one of its ancestors, from now until cfg.checkin_days ahead,
 * not yet signed. Staff get none. */
static void
checkin_from(const struct q *q, struct buf *sql, struct db_args *a, char (*up)[256])
{
	const char *p = q->member && q->w->nscope ? q->w->paths[0] : NULL;
	int n = 0;

	(void)up;
	buf_adds(sql, " FROM meeting mt JOIN org o ON o.id = mt.org_id WHERE mt.ends_at >= ?"
	    " AND mt.day <= ? AND mt.org_id IN (0");
	db_args_add(a, DB_I64(datetime_now()));
	db_args_add(a, DB_I64(q->today + cfg.checkin_days));
	/* The ancestors are the path's ids: "/0000000001/0000000005/". */
	for (; p && *p == '/' && p[1] && n < 16; p += 11, n++) {
		buf_adds(sql, ",?");
		db_args_add(a, DB_I64(strtoll(p + 1, NULL, 10)));
	}
	buf_adds(sql, ") AND NOT EXISTS (SELECT 1 FROM attendance t WHERE t.meeting_id = mt.id"
	    " AND t.member_id = ? AND t.status IN ('present', 'late'))");
	db_args_add(a, DB_I64(q->w->member_id));
	if (!n || !sev_ok(q, SEV_INFO))
		buf_adds(sql, " AND 1=0");
}

static void
checkin_row(const struct q *q, struct db_rows *r, struct alert *al)
{
	const char *kind = meeting_kind_label(db_text(r, 1));
	const char *topic = db_text(r, 3);
	char at[17];

	(void)q;
	datetime_format(db_i64(r, 4), at);
	at[10] = ' ';
	al->kind = "checkin";
	al->severity = SEV_INFO;
	al->org_id = db_i64(r, 5);
	al->org_name = db_text(r, 6);
	al->member_id = q->w->member_id;
	snprintf(al->message, sizeof(al->message), "%s %s%s%s，请按时参加并扫码签到", at,
	    kind ? kind : db_text(r, 1), topic && *topic ? "：" : "", topic ? topic : "");
	snprintf(al->link, sizeof(al->link), "/me");
}

/* DEV-*: the next development step past its due day (warning) or due
 * within cfg.dev.alert_days (info, e.g. the probation's end). */
static void
pipeline_where(const struct q *q, struct buf *sql, struct db_args *a, char (*up)[256],
    int overdue)
{
	buf_adds(sql, " FROM applicant ap JOIN org o ON o.id = ap.org_id WHERE"
	    " ap.next_due IS NOT NULL AND ap.status IN ('pipeline', 'probationary')");
	buf_adds(sql, overdue ? " AND ap.next_due < ?" : " AND ap.next_due >= ? AND ap.next_due <= ?");
	db_args_add(a, DB_TEXT(q->today_s));
	if (!overdue)
		db_args_add(a, DB_TEXT(q->horizon_s));
	if (q->member || !sev_ok(q, overdue ? SEV_WARNING : SEV_INFO))
		buf_adds(sql, " AND 1=0");
	where_path(q, "ap.org_path", sql, a, up);
}

static void
pipeline_over_from(const struct q *q, struct buf *sql, struct db_args *a, char (*up)[256])
{
	pipeline_where(q, sql, a, up, 1);
}

static void
pipeline_due_from(const struct q *q, struct buf *sql, struct db_args *a, char (*up)[256])
{
	pipeline_where(q, sql, a, up, 0);
}

static void
pipeline_row(const struct q *q, struct db_rows *r, struct alert *al)
{
	struct pipe_state st = { .status = "pipeline" };
	int no = (int)db_i64(r, 4);
	int32_t due = 0, earliest, d;

	date_parse(db_text(r, 5), &due);
	al->severity = due < q->today ? SEV_WARNING : SEV_INFO;
	al->kind = due < q->today ? "pipeline_overdue" : "pipeline_due";
	pipe_due(&st, no, &earliest, &d, &al->rule);
	al->org_id = db_i64(r, 2);
	al->org_name = db_text(r, 3);
	pipe_alert_message(db_text(r, 1), no, due, q->today, al->message, sizeof(al->message));
	snprintf(al->link, sizeof(al->link), "/applicants?open=%" PRId64, db_i64(r, 0));
}

/* CL-03, CL-04: brand projects in cultivation or evaluated mid-term whose
 * build cycle (cfg.brand_cycle_months from cultivation) has passed. */
static void
brand_from(const struct q *q, struct buf *sql, struct db_args *a, char (*up)[256])
{
	buf_adds(sql, " FROM brand_project p JOIN org o ON o.path = p.org_path"
	    " JOIN brand_stage b ON b.project_id = p.id AND b.stage = 'cultivating'"
	    " WHERE p.stage IN ('cultivating', 'midterm') AND b.held_on < ?");
	db_args_add(a, DB_TEXT(q->brand_cut));
	if (q->member || !sev_ok(q, SEV_WARNING))
		buf_adds(sql, " AND 1=0");
	where_path(q, "p.org_path", sql, a, up);
}

static void
brand_row(const struct q *q, struct db_rows *r, struct alert *al)
{
	(void)q;
	al->kind = "brand_overdue";
	al->severity = SEV_WARNING;
	al->rule = "CL-03";
	al->org_id = db_i64(r, 2);
	al->org_name = db_text(r, 3);
	snprintf(al->message, sizeof(al->message), "党建品牌项目“%s”自%s进入培育，已超过%ld个月"
	    "建设周期仍未验收（CL-03）", db_text(r, 1), db_text(r, 4), cfg.brand_cycle_months);
	snprintf(al->link, sizeof(al->link), "/brands?open=%" PRId64, db_i64(r, 0));
}

/* CUL-03: in the last quarter of a year, the year's trainees (enrolled in
 * one of its programmes, in scope) still below cfg.training_min_hours of
 * sessions held in the year (hours as in programme_hours). */
static void
training_from(const struct q *q, struct buf *sql, struct db_args *a, char (*up)[256])
{
	buf_adds(sql, " FROM (SELECT m.id, m.name, m.org_id, o.name AS org_name, (SELECT"
	    " COALESCE(SUM(x.hours), 0) FROM programme_attendance x JOIN programme_session s ON"
	    " s.id = x.session_id WHERE x.member_id = m.id AND s.held_on >= ? AND s.held_on < ?)"
	    " AS hours FROM member m JOIN org o ON o.id = m.org_id WHERE m.state = 'active' AND"
	    " EXISTS (SELECT 1 FROM programme_enrolment e JOIN programme p ON p.id = e.programme_id"
	    " WHERE e.member_id = m.id AND p.year = ?)");
	db_args_add(a, DB_TEXT(q->year_from));	/* bound later: q outlives the query */
	db_args_add(a, DB_TEXT(q->year_to));
	db_args_add(a, DB_I64(date_year(q->today)));
	if (q->member || !sev_ok(q, SEV_WARNING) || cfg.training_min_hours <= 0 ||
	    date_month_key(q->today) % 100 < 10)
		buf_adds(sql, " AND 1=0");
	where_path(q, "m.org_path", sql, a, up);
	buf_adds(sql, ") t WHERE t.hours < ?");
	db_args_add(a, DB_I64(cfg.training_min_hours));
}

static void
training_row(const struct q *q, struct db_rows *r, struct alert *al)
{
	int64_t hours = db_i64(r, 4);

	al->kind = "training_below_min";
	al->severity = SEV_WARNING;
	al->rule = "CUL-03";
	al->member_id = db_i64(r, 0);
	al->org_id = db_i64(r, 2);
	al->org_name = db_text(r, 3);
	snprintf(al->message, sizeof(al->message), "%s %d年培训学时%" PRId64 "，距年度最低%ld学时"
	    "还差%" PRId64 "学时（CUL-03）", db_text(r, 1), date_year(q->today), hours,
	    cfg.training_min_hours, cfg.training_min_hours - hours);
	snprintf(al->link, sizeof(al->link), "/programmes?tab=hours");
}

static const struct sqlsrc sources[] = {
	{ "quorum", quorum_from, "m.id, m.org_id, o.name, m.held_at", "m.held_at, m.id", quorum_row },
	{ "transfer_overdue", transfer_from, "t.id, t.member_id, m.name, COALESCE(o.id, 0),"
	    " COALESCE(o.name, ''), t.state, t.valid_until, t.receipt_due", "t.id", transfer_row },
	{ "dues_arrears", dues_from, "y.id, y.name, y.org_id, y.org_name, y.unpaid, y.run",
	    "y.run DESC, y.unpaid DESC, y.id", dues_row },
	{ "birthday", birthday_from, "m.id, m.name, m.org_id, o.name, m.joined_on",
	    "substr(m.joined_on, 9, 2), m.id", birthday_row },
	{ "checkin", checkin_from, "mt.id, mt.kind, mt.theme, mt.topic, mt.held_at, o.id, o.name",
	    "mt.held_at, mt.id", checkin_row },
	{ "pipeline_overdue", pipeline_over_from, "ap.id, ap.name, ap.org_id, o.name, ap.next_step,"
	    " ap.next_due", "ap.next_due, ap.id", pipeline_row },
	{ "pipeline_due", pipeline_due_from, "ap.id, ap.name, ap.org_id, o.name, ap.next_step,"
	    " ap.next_due", "ap.next_due, ap.id", pipeline_row },
	{ "brand_overdue", brand_from, "p.id, p.name, o.id, o.name, b.held_on", "b.held_on, p.id",
	    brand_row },
	{ "training_below_min", training_from, "t.id, t.name, t.org_id, t.org_name, t.hours",
	    "t.hours, t.id", training_row },
};

static enum err
src_count(const struct q *q, const struct sqlsrc *s, int64_t *n)
{
	struct buf sql = BUF_INIT(16384);
	struct db_args a = { 0 };
	char up[2 * SCOPE_MAX][256];
	struct db_rows r;
	enum err e;

	buf_adds(&sql, "SELECT COUNT(*)");
	s->from(q, &sql, &a, up);
	e = db_queryv(q->db, &r, buf_str(&sql), &a);
	buf_release(&sql);
	if (e)
		return e;
	e = db_next(&r);
	*n = e ? 0 : db_i64(&r, 0);
	db_rows_close(&r);
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}

static enum err
src_page(const struct q *q, const struct sqlsrc *s, int64_t offset, int64_t limit,
    void (*fn)(void *ctx, const struct alert *a), void *ctx)
{
	struct buf sql = BUF_INIT(16384);
	struct db_args a = { 0 };
	char up[2 * SCOPE_MAX][256];
	struct db_rows r;
	enum err e;

	buf_addf(&sql, "SELECT %s", s->cols);
	s->from(q, &sql, &a, up);
	buf_addf(&sql, " ORDER BY %s LIMIT ? OFFSET ?", s->order);
	db_args_add(&a, DB_I64(limit));
	db_args_add(&a, DB_I64(offset));
	e = db_queryv(q->db, &r, buf_str(&sql), &a);
	buf_release(&sql);
	if (e)
		return e;
	while ((e = db_next(&r)) == ERR_OK) {
		struct alert al = { 0 };

		s->row(q, &r, &al);
		fn(ctx, &al);
	}
	db_rows_close(&r);
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}

/* --- the walk --- */

struct walk {
	int64_t skip, left, total;
	int64_t by_sev[3];	/* totals by enum alert_severity; -1: not counted */
	void (*fn)(void *ctx, const struct alert *a);
	void *ctx;
};

/* The alerts of l of q's severity (any when q->sev < 0). */
static void
walk_list(struct walk *k, const struct q *q, const struct alist *l)
{
	for (int i = 0; i < l->n; i++) {
		if (!sev_ok(q, l->v[i].severity))
			continue;
		k->total++;
		if (k->skip) {
			k->skip--;
			continue;
		}
		if (k->left) {
			k->fn(k->ctx, &l->v[i]);
			k->left--;
		}
	}
}

static enum err
walk_sql(struct walk *k, const struct q *q, const struct sqlsrc *s)
{
	int64_t n, take;
	enum err e = src_count(q, s, &n);

	if (e)
		return e;
	k->total += n;
	if (k->skip >= n) {
		k->skip -= n;
		return ERR_OK;
	}
	take = n - k->skip < k->left ? n - k->skip : k->left;
	if (take > 0)
		e = src_page(q, s, k->skip, take, k->fn, k->ctx);
	k->left -= take > 0 ? take : 0;
	k->skip = 0;
	return e;
}

static int
wanted(const struct q *q, const char *kind)
{
	return !q->f->kind || !strcmp(q->f->kind, kind);
}

static enum err
q_init(struct db *db, const struct who *w, const struct alert_filter *f, int32_t today,
    struct arena *a, struct q *q)
{
	struct org o;
	enum err e;

	memset(q, 0, sizeof(*q));
	q->db = db;
	q->w = w;
	q->f = f;
	q->today = today;
	q->member = w->role == ROLE_MEMBER;
	date_format(today, q->today_s);
	memcpy(q->month_s, q->today_s + 5, 2);
	date_format(today + (int32_t)cfg.dev.alert_days, q->horizon_s);
	date_format(date_add_months(today, -(int)cfg.brand_cycle_months), q->brand_cut);
	date_format(date_from_ymd(date_year(today), 1, 1), q->year_from);
	date_format(date_from_ymd(date_year(today) + 1, 1, 1), q->year_to);
	q->sev = -1;
	for (int i = 0; f->severity && alert_severities[i]; i++)
		if (!strcmp(alert_severities[i], f->severity))
			q->sev = i;
	if (!f->org_id)
		return ERR_OK;
	if ((e = org_get(db, w, f->org_id, a, &o)))
		return e;
	snprintf(q->lo, sizeof(q->lo), "%s", o.path);
	scope_path_upper(q->lo, q->hi);
	return ERR_OK;
}

/* The computed kinds, made once for every pass of the walk. */
struct lists {
	struct alist over, missing, tover, tsoon;
};

/* One pass over every wanted kind in alert_kinds order, at q->sev. */
static enum err
walk_kinds(struct walk *k, const struct q *q, const struct lists *l)
{
	enum err e = ERR_OK;

	if (wanted(q, "meeting_overdue"))
		walk_list(k, q, &l->over);
	if (wanted(q, "meeting_missing"))
		walk_list(k, q, &l->missing);
	if (wanted(q, "quorum"))
		e = walk_sql(k, q, &sources[0]);
	if (!e && wanted(q, "term_overdue"))
		walk_list(k, q, &l->tover);
	if (!e && wanted(q, "term_expiring"))
		walk_list(k, q, &l->tsoon);
	for (size_t i = 1; !e && i < ARRAY_SIZE(sources); i++)
		if (wanted(q, sources[i].kind))
			e = walk_sql(k, q, &sources[i]);
	return e;
}

/* Severity first (critical, warning, info), each in kind order; or, with
 * a severity filter or by_kind, one pass in kind order. */
static enum err
walk(struct walk *k, struct q *q, const struct lists *l)
{
	enum err e = ERR_OK;

	if (q->f->by_kind)
		return walk_kinds(k, q, l);
	if (q->sev >= 0) {
		e = walk_kinds(k, q, l);
		k->by_sev[q->sev] = k->total;
		return e;
	}
	for (int s = SEV_CRITICAL; !e && s >= SEV_INFO; s--) {
		int64_t before = k->total;

		q->sev = s;
		e = walk_kinds(k, q, l);
		k->by_sev[s] = k->total - before;
	}
	q->sev = -1;
	return e;
}

enum err
alert_list(struct db *db, const struct who *w, const struct alert_filter *f, int32_t today,
    void (*fn)(void *ctx, const struct alert *a), void *ctx, int64_t *total)
{
	int64_t by_sev[3];

	return alert_list_counted(db, w, f, today, fn, ctx, total, by_sev);
}

enum err
alert_list_counted(struct db *db, const struct who *w, const struct alert_filter *f,
    int32_t today, void (*fn)(void *ctx, const struct alert *a), void *ctx, int64_t *total,
    int64_t by_sev[3])
{
	struct arena a = ARENA_INIT;
	struct lists l = { 0 };
	struct walk k = { (f->page - 1) * f->per_page, f->per_page, 0, { -1, -1, -1 }, fn, ctx };
	struct q q;
	enum err e = q_init(db, w, f, today, &a, &q);

	if (!e && (wanted(&q, "meeting_overdue") || wanted(&q, "meeting_missing")))
		e = meetings(&q, &l.over, &l.missing, &a);
	if (!e && (wanted(&q, "term_overdue") || wanted(&q, "term_expiring")))
		e = terms(&q, &l.tover, &l.tsoon, &a);
	if (!e)
		e = walk(&k, &q, &l);
	*total = k.total;
	memcpy(by_sev, k.by_sev, sizeof(k.by_sev));
	free(l.over.v);
	free(l.missing.v);
	free(l.tover.v);
	free(l.tsoon.v);
	arena_release(&a);
	return e;
}

/* desk_party.c: the party area's alert and to-do sources (desk.h): the
 * compliance engine's meetings (ORG-*), terms (ORG-07), committee quorum
 * (ORG-11), transfers (XFER-03), dues arrears (DUES-09), political
 * birthdays and a member's sign-in reminders; to-dos for the secretary:
 * meetings still due this period, dues to record this month, transfers
 * to receive. */
#include "core/common.h"
#include "desk/desk.h"
#include "auth/scope.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/config.h"
#include "core/dates.h"
#include "db/db.h"
#include "party/compliance.h"
#include "party/meeting.h"

/* DUES-09 (pure): the severity of unpaid months (in total, and in a row up
 * to last month), or -1 when below the warning threshold. */
static int
dues_severity(int64_t unpaid, int64_t in_a_row, int warn, int critical)
{
	if (in_a_row >= critical)
		return SEV_CRITICAL;	/* DUES-09: 6 consecutive months */
	if (unpaid >= warn)
		return SEV_WARNING;	/* the design's early alert at 3 */
	return -1;
}

/* --- meetings: the compliance engine over the current year --- */

struct meet_ctx {
	const struct alert_q *q;
	struct alert_bin *over, *missing;
	int q4;
};

static void
meet_add(struct alert_bin *l, const struct alert_q *q, const struct compliance_row *o,
    const struct compliance_item *it, enum alert_severity s, const char *kind, const char *text)
{
	struct alert *al;

	if (!alert_sev_ok(q, s))
		return;
	al = alert_bin_push(l);
	al->kind = kind;
	al->severity = s;
	al->rule = it->rule;
	al->org_id = o->id;
	al->org_name = arena_strdup(q->arena, o->name);
	snprintf(al->message, sizeof(al->message), "%s：%s", o->name, text);
	snprintf(al->link, sizeof(al->link), "/meetings?org_id=%" PRId64 "&kind=%s", o->id, it->kind);
}

static void
meet_org(void *ctx, const struct compliance_row *o, const struct compliance_item *it, int n)
{
	struct meet_ctx *c = ctx;

	for (int i = 0; i < n; i++) {
		if (it[i].status == CS_OVERDUE)
			meet_add(c->over, c->q, o, &it[i], SEV_WARNING, "meeting_overdue",
			    it[i].message);
		/* What is still open, even beside an overdue part; yearly requirements
		 * only in Q4 (ORG-15: generally in Q4). */
		if (it[i].reminder[0] && (it[i].unit != CU_YEAR || c->q4))
			meet_add(c->missing, c->q, o, &it[i], SEV_INFO, "meeting_missing",
			    it[i].reminder);
	}
}

/* bins: meeting_overdue, meeting_missing. */
static enum err
meetings(const struct alert_q *q, struct alert_bin *bins)
{
	struct meet_ctx c = { q, &bins[0], &bins[1], date_to_ymd(q->today).m >= 10 };
	struct period p;

	if (q->member)
		return ERR_OK;
	period_make(CU_YEAR, date_year(q->today), 0, &p);
	return compliance_board(q->db, q->w, q->f->org_id, &p, q->today, meet_org, &c);
}

/* --- terms (ORG-07) --- */

static void
term_add(const struct alert_q *q, struct alert_bin *over, struct alert_bin *soon,
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
	if (!alert_sev_ok(q, sev))
		return;
	al = alert_bin_push(st == TERM_OVERDUE ? over : soon);
	al->kind = st == TERM_OVERDUE ? "term_overdue" : "term_expiring";
	al->severity = sev;
	al->rule = "ORG-07";
	al->org_id = db_i64(r, 0);
	al->org_name = arena_strdup(q->arena, db_text(r, 1));
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

/* bins: term_overdue, term_expiring. */
static enum err
terms(const struct alert_q *q, struct alert_bin *bins)
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
	alert_where_path(q, "o.path", &sql, &args, up);
	buf_adds(&sql, " ORDER BY o.path");
	e = db_queryv(q->db, &r, buf_str(&sql), &args);
	buf_release(&sql);
	if (e)
		return e;
	while ((e = db_next(&r)) == ERR_OK)
		term_add(q, &bins[0], &bins[1], &r, &rules);
	db_rows_close(&r);
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}

/* --- SQL sources: one FROM/WHERE, counted, then paged --- */

struct sqlsrc {
	const char *kind;
	/* Writes "FROM ... WHERE ..." (no ORDER BY) and its parameters; row()
	 * fills an alert whose strings borrow from the row. */
	void (*from)(const struct alert_q *q, struct buf *sql, struct db_args *a, char (*up)[256]);
	const char *cols;
	const char *order;
	void (*row)(const struct alert_q *q, struct db_rows *r, struct alert *al);
};

/* ORG-11: committee meetings this year whose quorum failed. */
static void
quorum_from(const struct alert_q *q, struct buf *sql, struct db_args *a, char (*up)[256])
{
	buf_adds(sql, " FROM meeting m JOIN org o ON o.id = m.org_id WHERE m.year = ?"
	    " AND m.quorum_ok = 0 AND m.kind = 'committee'");
	db_args_add(a, DB_I64(date_year(q->today)));
	if (q->member || !alert_sev_ok(q, SEV_WARNING))
		buf_adds(sql, " AND 1=0");
	alert_where_path(q, "m.org_path", sql, a, up);
}

static void
quorum_row(const struct alert_q *q, struct db_rows *r, struct alert *al)
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
transfer_from(const struct alert_q *q, struct buf *sql, struct db_args *a, char (*up)[256])
{
	buf_adds(sql, " FROM transfer t JOIN member m ON m.id = t.member_id"
	    " LEFT JOIN org o ON o.id = COALESCE(t.from_org_id, t.to_org_id)"
	    " WHERE ((t.state = 'in_transit' AND t.valid_until < ?)"
	    " OR (t.state = 'received' AND t.receipt_due < ?))");
	db_args_add(a, DB_TEXT(q->today_s));
	db_args_add(a, DB_TEXT(q->today_s));
	if (q->member || !alert_sev_ok(q, SEV_WARNING))
		buf_adds(sql, " AND 1=0");
	buf_adds(sql, " AND (1=0 OR (t.from_org_path IS NOT NULL");
	alert_where_path(q, "t.from_org_path", sql, a, up);
	buf_adds(sql, ") OR (t.to_org_path IS NOT NULL");
	alert_where_path(q, "t.to_org_path", sql, a, up + SCOPE_MAX);
	buf_adds(sql, "))");
}

static void
transfer_row(const struct alert_q *q, struct db_rows *r, struct alert *al)
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
member_where(const struct alert_q *q, struct buf *sql, struct db_args *a, char (*up)[256])
{
	if (q->member) {
		buf_adds(sql, " AND m.id = ?");
		db_args_add(a, DB_I64(q->w->member_id));
	} else {
		alert_where_path(q, "m.org_path", sql, a, up);
	}
}

/* Months as a running count: YYYYMM → YYYY*12 + MM. */
#define MONTHS(k) "((" k ") / 100 * 12 + (" k ") % 100)"

/* DUES-09: months owed (from the first dues setting to last month) minus
 * months paid, and the months in a row unpaid up to last month. Members
 * whose current amount is zero (waived, DUES-06) owe nothing. */
static void
dues_from(const struct alert_q *q, struct buf *sql, struct db_args *a, char (*up)[256])
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
dues_row(const struct alert_q *q, struct db_rows *r, struct alert *al)
{
	int64_t unpaid = db_i64(r, 4), run = db_i64(r, 5);
	int s = dues_severity(unpaid, run, (int)cfg.dues_arrears_warn,
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
birthday_from(const struct alert_q *q, struct buf *sql, struct db_args *a, char (*up)[256])
{
	buf_adds(sql, " FROM member m JOIN org o ON o.id = m.org_id WHERE m.state = 'active'"
	    " AND m.joined_on IS NOT NULL AND substr(m.joined_on, 6, 2) = ?");
	db_args_add(a, DB_TEXT(arena_strndup(q->arena, q->today_s + 5, 2)));
	if (!alert_sev_ok(q, SEV_INFO))
		buf_adds(sql, " AND 1=0");
	member_where(q, sql, a, up);
}

static void
birthday_row(const struct alert_q *q, struct db_rows *r, struct alert *al)
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
checkin_from(const struct alert_q *q, struct buf *sql, struct db_args *a, char (*up)[256])
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
	if (!n || !alert_sev_ok(q, SEV_INFO))
		buf_adds(sql, " AND 1=0");
}

static void
checkin_row(const struct alert_q *q, struct db_rows *r, struct alert *al)
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


/* --- to-dos --- */

static int
is_secretary(const struct todo_q *q)
{
	return q->w->role == ROLE_SECRETARY;
}

/* The last day of the rule's current period containing today. */
static int32_t
period_end_of(enum compliance_unit u, int32_t today)
{
	struct ymd d = date_to_ymd(today);
	int first_month = u == CU_MONTH ? d.m : u == CU_QUARTER ? (d.m - 1) / 3 * 3 + 1 : 1;
	int months = u == CU_MONTH ? 1 : u == CU_QUARTER ? 3 : 12;

	return date_add_months(date_from_ymd(d.y, first_month, 1), months) - 1;
}

struct due_ctx {
	const struct todo_q *q;
	struct todo_row *rows;
	int n, max, more;
	int q4;
};

/* ORG-*: one row per organization with meetings still to hold in their
 * current period (the compliance engine's open reminders), naming the
 * kinds; the due day is the earliest period end among them. */
static void
due_org(void *ctx, const struct compliance_row *o, const struct compliance_item *it, int n)
{
	struct due_ctx *c = ctx;
	char kinds[256] = "", day[11];
	int32_t due = 0;

	for (int i = 0; i < n; i++) {
		int32_t end;

		if (!it[i].reminder[0] || (it[i].unit == CU_YEAR && !c->q4))
			continue;
		end = period_end_of(it[i].unit, c->q->today);
		if (!due || end < due)
			due = end;
		if (!strstr(kinds, meeting_kind_label(it[i].kind)))
			snprintf(kinds + strlen(kinds), sizeof(kinds) - strlen(kinds), "%s%s",
			    kinds[0] ? "、" : "", meeting_kind_label(it[i].kind));
	}
	if (!due)
		return;
	if (c->n == c->max) {
		c->more++;
		return;
	}
	date_format(due, day);
	c->rows[c->n++] = (struct todo_row){ .ref_id = o->id, .org_id = o->id,
		.place = arena_strdup(c->q->arena, o->name), .subject = arena_strdup(c->q->arena, kinds),
		.due = arena_strdup(c->q->arena, day) };
}

static int
meeting_due_rows(const struct todo_q *q, struct todo_row *rows, int max)
{
	struct due_ctx c = { q, rows, 0, max - 1, 0, date_to_ymd(q->today).m >= 10 };
	struct period p;

	if (!is_secretary(q))
		return 0;
	period_make(CU_YEAR, date_year(q->today), 0, &p);
	if (compliance_board(q->db, q->w, 0, &p, q->today, due_org, &c))
		return 0;
	if (c.more)	/* the rest in one row: "另有 N 个组织" (ref_id 0) */
		rows[c.n++] = (struct todo_row){ .n = c.more, .due = q->month_end_s };
	return c.n;
}

static void
meeting_due_describe(const struct todo_q *q, struct todo *t)
{
	(void)q;
	if (!t->ref_id) {
		snprintf(t->what, sizeof(t->what), "另有%" PRId64 "个组织本期还有会议待召开", t->n);
		snprintf(t->link, sizeof(t->link), "/compliance");
		return;
	}
	snprintf(t->what, sizeof(t->what), "本期应召开：%s", t->subject);
	snprintf(t->link, sizeof(t->link), "/meetings?org_id=%" PRId64, t->org_id);
}

/* DUES-*: per organization, active members owing dues this month (a
 * current amount above zero) with no payment recorded for it. */
static int
dues_record_select(const struct todo_q *q, struct buf *sql, struct db_args *a, char (*up)[256])
{
	int32_t month = date_month_key(q->today);

	if (!is_secretary(q))
		return 0;
	buf_adds(sql, "SELECT 'dues_record' AS kind, o.id AS ref_id, o.id AS org_id, o.name AS place,"
	    " ? AS due, '' AS subject, COUNT(*) AS n FROM member m JOIN org o ON o.id = m.org_id"
	    " WHERE m.state = 'active' AND (SELECT COALESCE(d.reduced_fen, d.monthly_fen)"
	    " FROM dues_setting d WHERE d.member_id = m.id AND d.from_month <= ?"
	    " ORDER BY d.from_month DESC LIMIT 1) > 0 AND NOT EXISTS (SELECT 1 FROM dues_payment p"
	    " WHERE p.member_id = m.id AND p.month_key = ?)");
	db_args_add(a, DB_TEXT(q->month_end_s));
	db_args_add(a, DB_I64(month));
	db_args_add(a, DB_I64(month));
	/* The path ranges, not scope_member_sql()'s prefix equality: with the
	 * GROUP BY, SQLite reads the prefix form through member_full_org,
	 * i.e. every active member of the city (35 ms against 1 ms). */
	scope_sql(sql, a, q->w, "m.org_path", up);
	buf_adds(sql, " GROUP BY o.id, o.name");
	return 1;
}

static void
dues_record_describe(const struct todo_q *q, struct todo *t)
{
	(void)q;
	snprintf(t->what, sizeof(t->what), "本月党费待登记：%" PRId64 "人", t->n);
	snprintf(t->link, sizeof(t->link), "/dues?org_id=%" PRId64, t->org_id);
}

/* XFER-*: letters in transit to an organization in scope, to receive. */
static int
transfer_receive_select(const struct todo_q *q, struct buf *sql, struct db_args *a,
    char (*up)[256])
{
	if (!is_secretary(q))
		return 0;
	buf_adds(sql, "SELECT 'transfer_receive' AS kind, t.id AS ref_id, t.to_org_id AS org_id,"
	    " o.name AS place, t.valid_until AS due, m.name AS subject, 0 AS n FROM transfer t"
	    " JOIN member m ON m.id = t.member_id JOIN org o ON o.id = t.to_org_id"
	    " WHERE t.state = 'in_transit' AND t.to_org_path IS NOT NULL");
	scope_sql(sql, a, q->w, "t.to_org_path", up);
	return 1;
}

static void
transfer_receive_describe(const struct todo_q *q, struct todo *t)
{
	(void)q;
	snprintf(t->what, sizeof(t->what), "接收党员%s的组织关系", t->subject);
	snprintf(t->link, sizeof(t->link), "/transfers/%" PRId64, t->ref_id);
}

static const struct todo_source todos[] = {
	{ .kind = "meeting_due", .label = "会议待召开", .compute = meeting_due_rows,
	    .describe = meeting_due_describe },
	{ .kind = "dues_record", .label = "党费待登记", .select = dues_record_select,
	    .describe = dues_record_describe },
	{ .kind = "transfer_receive", .label = "组织关系待接收", .select = transfer_receive_select,
	    .describe = transfer_receive_describe },
};

static const struct alert_source alerts[] = {
	{ .kinds = { "meeting_overdue", "meeting_missing" }, .compute = meetings },
	{ .kinds = { "quorum" }, .from = quorum_from, .cols = "m.id, m.org_id, o.name, m.held_at",
	    .order = "m.held_at, m.id", .row = quorum_row },
	{ .kinds = { "term_overdue", "term_expiring" }, .compute = terms },
	{ .kinds = { "transfer_overdue" }, .from = transfer_from, .cols = "t.id, t.member_id, m.name,"
	    " COALESCE(o.id, 0), COALESCE(o.name, ''), t.state, t.valid_until, t.receipt_due",
	    .order = "t.id", .row = transfer_row },
	{ .kinds = { "dues_arrears" }, .from = dues_from, .cols = "y.id, y.name, y.org_id,"
	    " y.org_name, y.unpaid, y.run", .order = "y.run DESC, y.unpaid DESC, y.id",
	    .row = dues_row },
	{ .kinds = { "birthday" }, .from = birthday_from, .cols = "m.id, m.name, m.org_id, o.name,"
	    " m.joined_on", .order = "substr(m.joined_on, 9, 2), m.id", .row = birthday_row },
	{ .kinds = { "checkin" }, .from = checkin_from, .cols = "mt.id, mt.kind, mt.theme, mt.topic,"
	    " mt.held_at, o.id, o.name", .order = "mt.held_at, mt.id", .row = checkin_row },
};

const struct desk_area party_desk = DESK_AREA("party", alerts, todos);

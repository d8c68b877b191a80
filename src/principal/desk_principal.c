/* desk_principal.c: the principal-tenure platform's desk sources (desk.h).
 * Alerts: the district list's flags (issue 13 item 1) for the office (every
 * school) and a 督学 (their schools): a term ending with no supervision
 * planned and a principal who left mid-term (PRIN-05), a school with no
 * principal, rotation due (PRIN-09). To-do: term goals to approve (the
 * office) and to write or revise (the principal), yearly self-reports to
 * grade (the office) and due (the principal, PRIN-03), routine visits due
 * this month (a 督学, PRIN-10). Every source scopes
 * itself by school (principal.h), not by organization. */
#include "core/common.h"
#include "desk/desk.h"

#include "core/arena.h"
#include "core/config.h"
#include "core/dates.h"
#include "principal/principal.h"
#include "principal/tenure.h"

/* The schools of the caller and of the alert centre's organization filter. */
static void
alert_scope(const struct alert_q *q, struct buf *sql, struct db_args *a)
{
	if (q->lo[0]) {
		buf_adds(sql, " AND EXISTS (SELECT 1 FROM org fo WHERE fo.school_id = s.id"
		    " AND fo.path >= ? AND fo.path < ?)");
		db_args_add(a, DB_TEXT(q->lo));
		db_args_add(a, DB_TEXT(q->hi));
	}
	if (!(q->w->role & ROLES_SUPERVISION))
		buf_adds(sql, " AND 1=0");	/* the office's and the 督学's alerts only */
	prin_scope_school(sql, a, q->w, "s.id", q->today_s);
}

static void
no_principal_from(const struct alert_q *q, struct buf *sql, struct db_args *a, char (*up)[256])
{
	(void)up;
	buf_adds(sql, " FROM school s WHERE NOT EXISTS (SELECT 1 FROM tenure t"
	    " WHERE t.school_id = s.id AND t.ended_on IS NULL)");
	if (!alert_sev_ok(q, SEV_WARNING))
		buf_adds(sql, " AND 1=0");
	alert_scope(q, sql, a);
}

static void
no_principal_row(const struct alert_q *q, struct db_rows *r, struct alert *al)
{
	(void)q;
	al->kind = "prin_no_principal";
	al->severity = SEV_WARNING;
	al->rule = NULL;
	al->org_name = db_text(r, 1);
	snprintf(al->message, sizeof(al->message), "%s尚未登记在任校长（园长）", db_text(r, 1));
	snprintf(al->link, sizeof(al->link), "/principal?school=%" PRId64, db_i64(r, 0));
}

static void
ending_from(const struct alert_q *q, struct buf *sql, struct db_args *a, char (*up)[256])
{
	(void)up;
	buf_adds(sql, " FROM tenure t JOIN school s ON s.id = t.school_id"
	    " JOIN principal p ON p.id = t.principal_id WHERE t.ended_on IS NULL"
	    " AND t.term_end_on <= ? AND NOT (");
	db_args_add(a, DB_TEXT(alert_day(q, tenure_warn_cutoff(q->today,
	    (int)cfg.prin_warn_months))));
	prin_supervision_planned_sql(sql, "t");
	buf_adds(sql, ")");
	if (!alert_sev_ok(q, SEV_WARNING))
		buf_adds(sql, " AND 1=0");
	alert_scope(q, sql, a);
}

static void
ending_row(const struct alert_q *q, struct db_rows *r, struct alert *al)
{
	int over = strcmp(db_text(r, 3), q->today_s) < 0;

	al->kind = "prin_term_ending";
	al->severity = SEV_WARNING;
	al->rule = "PRIN-05";
	al->org_name = db_text(r, 1);
	snprintf(al->message, sizeof(al->message), "%s校长%s的任期%s%s，尚未安排任期结束综合督导",
	    db_text(r, 1), db_text(r, 2), over ? "已于" : "将于", db_text(r, 3));
	snprintf(al->link, sizeof(al->link), "/principal-tenure?id=%" PRId64, db_i64(r, 0));
}

static void
left_from(const struct alert_q *q, struct buf *sql, struct db_args *a, char (*up)[256])
{
	(void)up;
	buf_adds(sql, " FROM tenure t JOIN school s ON s.id = t.school_id"
	    " JOIN principal p ON p.id = t.principal_id WHERE t.ended_on IS NOT NULL"
	    " AND t.end_reason <> 'expired' AND t.ended_on < t.term_end_on AND NOT (");
	prin_supervision_planned_sql(sql, "t");
	buf_adds(sql, ")");
	if (!alert_sev_ok(q, SEV_WARNING))
		buf_adds(sql, " AND 1=0");
	alert_scope(q, sql, a);
}

static void
left_row(const struct alert_q *q, struct db_rows *r, struct alert *al)
{
	(void)q;
	al->kind = "prin_left_mid_term";
	al->severity = SEV_WARNING;
	al->rule = "PRIN-05";
	al->org_name = db_text(r, 1);
	snprintf(al->message, sizeof(al->message), "%s校长%s于%s%s（任期未满），仍须进行任期结束综合督导",
	    db_text(r, 1), db_text(r, 2), db_text(r, 3),
	    tenure_label(tenure_end_reasons, tenure_end_labels, db_text(r, 4)));
	snprintf(al->link, sizeof(al->link), "/principal-tenure?id=%" PRId64, db_i64(r, 0));
}

static void
rotation_from(const struct alert_q *q, struct buf *sql, struct db_args *a, char (*up)[256])
{
	(void)up;
	buf_adds(sql, " FROM tenure t JOIN school s ON s.id = t.school_id"
	    " JOIN principal p ON p.id = t.principal_id WHERE t.ended_on IS NULL AND t.term_no > ?");
	db_args_add(a, DB_I64(cfg.prin_rotation_terms));
	if (!alert_sev_ok(q, SEV_INFO))
		buf_adds(sql, " AND 1=0");
	alert_scope(q, sql, a);
}

static void
rotation_row(const struct alert_q *q, struct db_rows *r, struct alert *al)
{
	(void)q;
	al->kind = "prin_rotation";
	al->severity = SEV_INFO;
	al->rule = "PRIN-09";
	al->org_name = db_text(r, 1);
	snprintf(al->message, sizeof(al->message), "%s校长%s已在该校连任第%" PRId64 "个任期，"
	    "超过%ld个任期，宜交流轮岗", db_text(r, 1), db_text(r, 2), db_i64(r, 3),
	    cfg.prin_rotation_terms);
	snprintf(al->link, sizeof(al->link), "/principal-tenure?id=%" PRId64, db_i64(r, 0));
}

static const struct alert_source alerts[] = {
	{ .kinds = { "prin_term_ending" }, .from = ending_from,
	    .cols = "t.id, s.name, p.name, t.term_end_on", .order = "t.term_end_on, t.id",
	    .row = ending_row },
	{ .kinds = { "prin_left_mid_term" }, .from = left_from,
	    .cols = "t.id, s.name, p.name, t.ended_on, t.end_reason", .order = "t.ended_on, t.id",
	    .row = left_row },
	{ .kinds = { "prin_no_principal" }, .from = no_principal_from, .cols = "s.id, s.name",
	    .order = "s.name, s.id", .row = no_principal_row },
	{ .kinds = { "prin_rotation" }, .from = rotation_from,
	    .cols = "t.id, s.name, p.name, t.term_no", .order = "t.term_no DESC, t.id",
	    .row = rotation_row },
};

/* --- to-do --- */

/* The office: goal plans submitted for approval. */
static int
goals_approve_select(const struct todo_q *q, struct buf *sql, struct db_args *a,
    char (*up)[256])
{
	(void)up;
	if (q->w->role != ROLE_SUPERVISION_OFFICE)
		return 0;
	buf_adds(sql, "SELECT 'prin_goals_approve' AS kind, t.id AS ref_id, 0 AS org_id,"
	    " s.name AS place, CAST(NULL AS TEXT) AS due, p.name AS subject, 0 AS n"
	    " FROM tenure_goal_plan gp JOIN tenure t ON t.id = gp.tenure_id"
	    " JOIN school s ON s.id = t.school_id JOIN principal p ON p.id = t.principal_id"
	    " WHERE gp.state = 'submitted'");
	prin_scope_tenure(sql, a, q->w, "t", q->today_s);
	return 1;
}

/* The principal: an open tenure whose goals are not yet submitted (none,
 * draft) or were returned. */
static int
goals_revise_select(const struct todo_q *q, struct buf *sql, struct db_args *a,
    char (*up)[256])
{
	(void)up;
	if (q->w->role != ROLE_PRINCIPAL)
		return 0;
	buf_adds(sql, "SELECT 'prin_goals_revise' AS kind, t.id AS ref_id, 0 AS org_id,"
	    " s.name AS place, CAST(NULL AS TEXT) AS due, COALESCE(gp.state, 'draft') AS subject,"
	    " 0 AS n FROM tenure t JOIN school s ON s.id = t.school_id"
	    " LEFT JOIN tenure_goal_plan gp ON gp.tenure_id = t.id WHERE t.ended_on IS NULL"
	    " AND COALESCE(gp.state, 'draft') IN ('draft', 'returned')");
	prin_scope_tenure(sql, a, q->w, "t", q->today_s);
	return 1;
}

static void
goals_describe(const struct todo_q *q, struct todo *t)
{
	(void)q;
	if (!strcmp(t->kind, "prin_goals_approve"))
		snprintf(t->what, sizeof(t->what), "审核任期目标：%s", t->subject);
	else if (!strcmp(t->subject, "returned"))
		snprintf(t->what, sizeof(t->what), "修改被退回的任期目标并重新提交");
	else
		snprintf(t->what, sizeof(t->what), "填写并提交任期目标");
	snprintf(t->link, sizeof(t->link), "/principal-tenure?id=%" PRId64, t->ref_id);
}

/* The office: self-reports submitted and not yet graded. */
static int
report_grade_select(const struct todo_q *q, struct buf *sql, struct db_args *a,
    char (*up)[256])
{
	(void)up;
	if (q->w->role != ROLE_SUPERVISION_OFFICE)
		return 0;
	buf_adds(sql, "SELECT 'prin_report_grade' AS kind, t.id AS ref_id, 0 AS org_id,"
	    " s.name AS place, CAST(NULL AS TEXT) AS due, p.name AS subject, r.year_no AS n"
	    " FROM tenure_report r JOIN tenure t ON t.id = r.tenure_id"
	    " JOIN school s ON s.id = t.school_id JOIN principal p ON p.id = t.principal_id"
	    " WHERE r.state = 'submitted'");
	prin_scope_tenure(sql, a, q->w, "t", q->today_s);
	return 1;
}

static void
report_grade_describe(const struct todo_q *q, struct todo *t)
{
	(void)q;
	snprintf(t->what, sizeof(t->what), "评定年度考核等次：%s 第%" PRId64 "年度述职", t->subject,
	    t->n);
	snprintf(t->link, sizeof(t->link), "/principal-tenure?id=%" PRId64, t->ref_id);
}

/* PRIN-03: the principal's term years that have ended without a submitted
 * self-report, each due cfg.prin_report_due_days after the year's end. A
 * person has one open tenure at most (migration 0040), read first; then
 * the years already submitted. */
static int
report_due_rows(const struct todo_q *q, struct todo_row *rows, int max)
{
	char place[256] = "", appointed_s[11] = "";
	int64_t tid = 0, years = 0;
	uint32_t submitted = 0;
	int32_t appointed = 0;
	struct db_rows r;
	int n = 0;

	if (q->w->role != ROLE_PRINCIPAL)
		return 0;
	if (db_query(q->db, &r, "SELECT t.id, t.appointed_on, t.term_years, s.name FROM tenure t"
	    " JOIN principal p ON p.id = t.principal_id JOIN school s ON s.id = t.school_id"
	    " WHERE p.user_id = ? AND t.ended_on IS NULL", DB_I64(q->w->user_id), DB_END))
		return 0;
	if (db_next(&r) == ERR_OK) {
		tid = db_i64(&r, 0);
		snprintf(appointed_s, sizeof(appointed_s), "%s", db_text(&r, 1));
		years = db_i64(&r, 2);
		snprintf(place, sizeof(place), "%s", db_text(&r, 3));
	}
	db_rows_close(&r);
	if (!tid || date_parse(appointed_s, &appointed) ||
	    db_query(q->db, &r, "SELECT year_no FROM tenure_report WHERE tenure_id = ?"
	    " AND state <> 'draft'", DB_I64(tid), DB_END))
		return 0;
	while (db_next(&r) == ERR_OK)
		if (db_i64(&r, 0) >= 1 && db_i64(&r, 0) <= 31)
			submitted |= 1u << db_i64(&r, 0);
	db_rows_close(&r);
	for (int y = 1; y <= years && y <= 31 && n < max; y++) {
		char due[11], year[8];

		if (tenure_year_end(appointed, y) >= q->today)
			break;	/* this year has not ended */
		if (submitted & (1u << y))
			continue;
		date_format(tenure_report_due(appointed, y, (int)cfg.prin_report_due_days), due);
		snprintf(year, sizeof(year), "%d", y);
		rows[n++] = (struct todo_row){ .ref_id = tid, .n = y,
			.place = arena_strdup(q->arena, place), .due = arena_strdup(q->arena, due),
			.subject = arena_strdup(q->arena, year) };
	}
	return n;
}

static void
report_due_describe(const struct todo_q *q, struct todo *t)
{
	(void)q;
	snprintf(t->what, sizeof(t->what), "提交任期第%" PRId64 "年度述职报告（年度考核）", t->n);
	snprintf(t->link, sizeof(t->link), "/principal-tenure?id=%" PRId64, t->ref_id);
}

/* PRIN-10: a 督学's schools assigned today with fewer submitted visits
 * this month than cfg.prin_visits_per_month; due the month's last day, n
 * the visits still due. */
static int
visit_due_select(const struct todo_q *q, struct buf *sql, struct db_args *a,
    char (*up)[256])
{
	char first[11];

	(void)up;
	if (q->w->role != ROLE_SUPERVISOR)
		return 0;
	snprintf(first, sizeof(first), "%.8s01", q->today_s);
	buf_adds(sql, "SELECT 'prin_visit_due' AS kind, x.school_id AS ref_id, 0 AS org_id,"
	    " x.name AS place, ? AS due, x.name AS subject, ? - x.done AS n FROM"
	    " (SELECT sa.school_id, s.name, (SELECT COUNT(*) FROM prin_visit v"
	    " WHERE v.supervisor_id = sa.user_id AND v.school_id = sa.school_id"
	    " AND v.state = 'submitted' AND v.visited_on >= ? AND v.visited_on <= ?) AS done"
	    " FROM supervisor_assignment sa JOIN school s ON s.id = sa.school_id"
	    " WHERE sa.user_id = ? AND sa.from_on <= ? AND (sa.to_on IS NULL OR sa.to_on >= ?)"
	    " GROUP BY sa.school_id) x WHERE x.done < ?");
	db_args_add(a, DB_TEXT(q->month_end_s));
	db_args_add(a, DB_I64(cfg.prin_visits_per_month));
	db_args_add(a, DB_TEXT(arena_strdup(q->arena, first)));	/* bound after we return */
	db_args_add(a, DB_TEXT(q->month_end_s));
	db_args_add(a, DB_I64(q->w->user_id));
	db_args_add(a, DB_TEXT(q->today_s));
	db_args_add(a, DB_TEXT(q->today_s));
	db_args_add(a, DB_I64(cfg.prin_visits_per_month));
	return 1;
}

static void
visit_due_describe(const struct todo_q *q, struct todo *t)
{
	(void)q;
	snprintf(t->what, sizeof(t->what), "本月挂牌督导：%s（还需 %" PRId64 " 次）", t->subject,
	    t->n);
	snprintf(t->link, sizeof(t->link), "/principal-visits?school=%" PRId64, t->ref_id);
}

static const struct todo_source todos[] = {
	{ .kind = "prin_goals_approve", .label = "任期目标待审核", .select = goals_approve_select,
	    .describe = goals_describe },
	{ .kind = "prin_goals_revise", .label = "任期目标待提交", .select = goals_revise_select,
	    .describe = goals_describe },
	{ .kind = "prin_report_grade", .label = "年度考核待评定", .select = report_grade_select,
	    .describe = report_grade_describe },
	{ .kind = "prin_report_due", .label = "年度述职待提交", .compute = report_due_rows,
	    .describe = report_due_describe },
	{ .kind = "prin_visit_due", .label = "本月挂牌督导待完成", .select = visit_due_select,
	    .describe = visit_due_describe },
};

const struct desk_area principal_desk = DESK_AREA("principal", alerts, todos);

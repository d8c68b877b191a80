/* desk_supervise.c: the supervision area's alert and to-do sources
 * (desk.h): overdue findings in the alert centre; findings to start and
 * to submit (the school's secretary), to verify (district staff and
 * inspectors in scope), inspections to score (the assigned inspector) and
 * to confirm (district staff), ballots still to cast in an open review
 * round (every evaluator). */
#include "core/common.h"
#include "desk/desk.h"
#include "core/config.h"
#include "core/dates.h"

/* --- alerts --- */

/* The rectification loop: a finding not verified by its deadline
 * (finding_overdue() in finding.c). Critical findings are critical. */
static void
finding_from(const struct alert_q *q, struct buf *sql, struct db_args *a, char (*up)[256])
{
	buf_adds(sql, " FROM finding f JOIN org o ON o.id = f.org_id WHERE f.state <> 'verified'"
	    " AND f.deadline < ?");
	db_args_add(a, DB_TEXT(q->today_s));
	if (q->member)
		buf_adds(sql, " AND 1=0");
	else if (q->sev == SEV_CRITICAL)
		buf_adds(sql, " AND f.severity = 'critical'");
	else if (q->sev == SEV_WARNING)
		buf_adds(sql, " AND f.severity <> 'critical'");
	else if (q->sev == SEV_INFO)
		buf_adds(sql, " AND 1=0");
	alert_where_path(q, "f.org_path", sql, a, up);
}

static void
finding_row(const struct alert_q *q, struct db_rows *r, struct alert *al)
{
	(void)q;
	al->kind = "finding_overdue";
	al->severity = !strcmp(db_text(r, 4), "critical") ? SEV_CRITICAL : SEV_WARNING;
	al->org_id = db_i64(r, 1);
	al->org_name = db_text(r, 2);
	snprintf(al->message, sizeof(al->message), "%s：整改事项“%s”已过整改期限%s，尚未验收销号",
	    db_text(r, 2), db_text(r, 3), db_text(r, 5));
	snprintf(al->link, sizeof(al->link), "/findings?open=%" PRId64, db_i64(r, 0));
}

static const struct alert_source alerts[] = {
	{ .kinds = { "finding_overdue" }, .from = finding_from, .cols = "f.id, f.org_id, o.name,"
	    " f.title, f.severity, f.deadline", .order = "f.deadline, f.id", .row = finding_row },
};

/* --- to-dos --- */

/* Findings in one of states (an SQL list) for the scope's side. */
static void
finding_select(const struct todo_q *q, const char *kind, const char *states, struct buf *sql,
    struct db_args *a, char (*up)[256])
{
	buf_addf(sql, "SELECT '%s' AS kind, f.id AS ref_id, f.org_id AS org_id, o.name AS place,"
	    " f.deadline AS due, f.title AS subject, 0 AS n FROM finding f"
	    " JOIN org o ON o.id = f.org_id WHERE f.state IN (%s)", kind, states);
	scope_sql(sql, a, q->w, "f.org_path", up);
}

static int
start_select(const struct todo_q *q, struct buf *sql, struct db_args *a, char (*up)[256])
{
	if (q->w->role != ROLE_SECRETARY)
		return 0;
	finding_select(q, "finding_start", "'issued'", sql, a, up);
	return 1;
}

static int
submit_select(const struct todo_q *q, struct buf *sql, struct db_args *a, char (*up)[256])
{
	if (q->w->role != ROLE_SECRETARY)
		return 0;
	finding_select(q, "finding_submit", "'rectifying', 'returned'", sql, a, up);
	return 1;
}

static int
verify_select(const struct todo_q *q, struct buf *sql, struct db_args *a, char (*up)[256])
{
	if (!(q->w->role & (ROLE_DISTRICT | ROLE_INSPECTOR)))
		return 0;
	finding_select(q, "finding_verify", "'submitted'", sql, a, up);
	return 1;
}

static void
finding_describe(const struct todo_q *q, struct todo *t)
{
	const char *verb = !strcmp(t->kind, "finding_start") ? "签收并开始整改" :
	    !strcmp(t->kind, "finding_submit") ? "提交整改材料" : "验收整改";

	(void)q;
	snprintf(t->what, sizeof(t->what), "%s：%s", verb, t->subject);
	snprintf(t->link, sizeof(t->link), "/findings?open=%" PRId64, t->ref_id);
}

/* An inspector's assignments with no submitted or confirmed inspection. */
static int
score_select(const struct todo_q *q, struct buf *sql, struct db_args *a, char (*up)[256])
{
	(void)up;
	if (q->w->role != ROLE_INSPECTOR)
		return 0;
	buf_adds(sql, "SELECT 'inspection_score' AS kind, ia.id AS ref_id, ia.org_id AS org_id,"
	    " o.name AS place, p.period_end AS due, p.name AS subject, 0 AS n"
	    " FROM inspection_assignment ia JOIN inspection_plan p ON p.id = ia.plan_id"
	    " JOIN org o ON o.id = ia.org_id WHERE ia.inspector_id = ? AND NOT EXISTS"
	    " (SELECT 1 FROM inspection i WHERE i.plan_id = ia.plan_id AND i.org_id = ia.org_id"
	    " AND i.state IN ('submitted', 'confirmed'))");
	db_args_add(a, DB_I64(q->w->user_id));
	return 1;
}

static void
score_describe(const struct todo_q *q, struct todo *t)
{
	(void)q;
	snprintf(t->what, sizeof(t->what), "督查评分：%s", t->subject);
	snprintf(t->link, sizeof(t->link), "/inspections?org_id=%" PRId64, t->org_id);
}

static int
confirm_select(const struct todo_q *q, struct buf *sql, struct db_args *a, char (*up)[256])
{
	if (q->w->role != ROLE_DISTRICT)
		return 0;
	buf_adds(sql, "SELECT 'inspection_confirm' AS kind, i.id AS ref_id, i.org_id AS org_id,"
	    " o.name AS place, CAST(NULL AS TEXT) AS due, i.inspected_on AS subject, 0 AS n"
	    " FROM inspection i JOIN org o ON o.id = i.org_id WHERE i.state = 'submitted'"
	    " AND i.superseded_by IS NULL");
	scope_sql(sql, a, q->w, "i.org_path", up);
	return 1;
}

static void
confirm_describe(const struct todo_q *q, struct todo *t)
{
	(void)q;
	snprintf(t->what, sizeof(t->what), "确认督查结果（%s督查）", t->subject);
	snprintf(t->link, sizeof(t->link), "/inspections?id=%" PRId64, t->ref_id);
}

/* EVAL-03: open rounds where the caller evaluates and has secretaries
 * (other than themself) still without their ballot. */
static int
ballot_select(const struct todo_q *q, struct buf *sql, struct db_args *a, char (*up)[256])
{
	(void)up;
	if (!q->w->user_id)
		return 0;
	buf_adds(sql, "SELECT kind, ref_id, org_id, place, due, subject, n FROM (SELECT"
	    " 'review_ballot' AS kind, r.id AS ref_id, 0 AS org_id, '' AS place,"
	    " CAST(NULL AS TEXT) AS due, r.name AS subject, (SELECT COUNT(*) FROM review_subject s"
	    " WHERE s.round_id = r.id AND s.secretary_id <> e.user_id AND NOT EXISTS (SELECT 1"
	    " FROM review_ballot b WHERE b.round_id = r.id AND b.evaluator_id = e.user_id"
	    " AND b.secretary_id = s.secretary_id)) AS n FROM review_round r"
	    " JOIN review_evaluator e ON e.round_id = r.id WHERE r.state = 'open'"
	    " AND e.user_id = ?) x WHERE x.n > 0");
	db_args_add(a, DB_I64(q->w->user_id));
	return 1;
}

static void
ballot_describe(const struct todo_q *q, struct todo *t)
{
	(void)q;
	snprintf(t->what, sizeof(t->what), "述职评议投票：%s（还有%" PRId64 "位书记待评）", t->subject,
	    t->n);
	snprintf(t->link, sizeof(t->link), "/reviews?round=%" PRId64, t->ref_id);
}

static const struct todo_source todos[] = {
	{ .kind = "finding_start", .label = "整改待签收", .select = start_select,
	    .describe = finding_describe },
	{ .kind = "finding_submit", .label = "整改待提交", .select = submit_select,
	    .describe = finding_describe },
	{ .kind = "finding_verify", .label = "整改待验收", .select = verify_select,
	    .describe = finding_describe },
	{ .kind = "inspection_score", .label = "督查待评分", .select = score_select,
	    .describe = score_describe },
	{ .kind = "inspection_confirm", .label = "督查待确认", .select = confirm_select,
	    .describe = confirm_describe },
	{ .kind = "review_ballot", .label = "评议待投票", .select = ballot_select,
	    .describe = ballot_describe },
};

const struct desk_area supervise_desk = DESK_AREA("supervise", alerts, todos);

/* desk_develop.c: the development area's alert and to-do sources
 * (desk.h): steps of the membership pipeline past or near their due day
 * (DEV-*), for the alert centre and for the secretary's to-do. */
#include "core/common.h"
#include "desk/desk.h"
#include "core/arena.h"
#include "core/config.h"
#include "core/dates.h"
#include "develop/pipeline.h"

/* DEV-*: the next development step past its due day (warning) or due
 * within cfg.dev.alert_days (info, e.g. the probation's end). */
static void
pipeline_where(const struct alert_q *q, struct buf *sql, struct db_args *a, char (*up)[256],
    int overdue)
{
	buf_adds(sql, " FROM applicant ap JOIN org o ON o.id = ap.org_id WHERE"
	    " ap.next_due IS NOT NULL AND ap.status IN ('pipeline', 'probationary')");
	buf_adds(sql, overdue ? " AND ap.next_due < ?" : " AND ap.next_due >= ? AND ap.next_due <= ?");
	db_args_add(a, DB_TEXT(q->today_s));
	if (!overdue)
		db_args_add(a, DB_TEXT(alert_day(q, q->today + (int32_t)cfg.dev.alert_days)));
	if (q->member || !alert_sev_ok(q, overdue ? SEV_WARNING : SEV_INFO))
		buf_adds(sql, " AND 1=0");
	alert_where_path(q, "ap.org_path", sql, a, up);
}

static void
pipeline_over_from(const struct alert_q *q, struct buf *sql, struct db_args *a, char (*up)[256])
{
	pipeline_where(q, sql, a, up, 1);
}

static void
pipeline_due_from(const struct alert_q *q, struct buf *sql, struct db_args *a, char (*up)[256])
{
	pipeline_where(q, sql, a, up, 0);
}

static void
pipeline_row(const struct alert_q *q, struct db_rows *r, struct alert *al)
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

/* DEV-*: the secretary's applicants whose next step is overdue or due
 * within cfg.dev.alert_days. */
static int
step_select(const struct todo_q *q, struct buf *sql, struct db_args *a, char (*up)[256])
{
	char horizon[11];

	if (q->w->role != ROLE_SECRETARY)
		return 0;
	date_format(q->today + (int32_t)cfg.dev.alert_days, horizon);
	buf_adds(sql, "SELECT 'pipeline_step' AS kind, ap.id AS ref_id, ap.org_id AS org_id,"
	    " o.name AS place, ap.next_due AS due, ap.name AS subject, ap.next_step AS n"
	    " FROM applicant ap JOIN org o ON o.id = ap.org_id WHERE ap.next_due IS NOT NULL"
	    " AND ap.status IN ('pipeline', 'probationary') AND ap.next_due <= ?");
	db_args_add(a, DB_TEXT(arena_strdup(q->arena, horizon)));
	scope_sql(sql, a, q->w, "ap.org_path", up);
	return 1;
}

static void
step_describe(const struct todo_q *q, struct todo *t)
{
	const struct pipe_step_def *d = pipe_step((int)t->n);

	(void)q;
	snprintf(t->what, sizeof(t->what), "%s：%s", t->subject, d ? d->name : "下一步骤");
	snprintf(t->link, sizeof(t->link), "/applicants?open=%" PRId64, t->ref_id);
	t->n = 0;	/* the step number, not a count */
}

static const struct todo_source todos[] = {
	{ .kind = "pipeline_step", .label = "发展党员步骤", .select = step_select,
	    .describe = step_describe },
};

static const struct alert_source alerts[] = {
	{ .kinds = { "pipeline_overdue" }, .from = pipeline_over_from, .cols = "ap.id, ap.name,"
	    " ap.org_id, o.name, ap.next_step, ap.next_due", .order = "ap.next_due, ap.id",
	    .row = pipeline_row },
	{ .kinds = { "pipeline_due" }, .from = pipeline_due_from, .cols = "ap.id, ap.name,"
	    " ap.org_id, o.name, ap.next_step, ap.next_due", .order = "ap.next_due, ap.id",
	    .row = pipeline_row },
};

const struct desk_area develop_desk = DESK_AREA("develop", alerts, todos);

/* desk_cultivate.c: the cultivation area's alert sources (desk.h):
 * trainees below the yearly minimum of training hours (CUL-03). */
#include "core/common.h"
#include "desk/desk.h"
#include "core/config.h"
#include "core/dates.h"

/* CUL-03: in the last quarter of a year, the year's trainees (enrolled in
 * one of its programmes, in scope) still below cfg.training_min_hours of
 * sessions held in the year (hours as in programme_hours). */
static void
training_from(const struct alert_q *q, struct buf *sql, struct db_args *a, char (*up)[256])
{
	buf_adds(sql, " FROM (SELECT m.id, m.name, m.org_id, o.name AS org_name, (SELECT"
	    " COALESCE(SUM(x.hours), 0) FROM programme_attendance x JOIN programme_session s ON"
	    " s.id = x.session_id WHERE x.member_id = m.id AND s.held_on >= ? AND s.held_on < ?)"
	    " AS hours FROM member m JOIN org o ON o.id = m.org_id WHERE m.state = 'active' AND"
	    " EXISTS (SELECT 1 FROM programme_enrolment e JOIN programme p ON p.id = e.programme_id"
	    " WHERE e.member_id = m.id AND p.year = ?)");
	db_args_add(a, DB_TEXT(alert_day(q, date_from_ymd(date_year(q->today), 1, 1))));
	db_args_add(a, DB_TEXT(alert_day(q, date_from_ymd(date_year(q->today) + 1, 1, 1))));
	db_args_add(a, DB_I64(date_year(q->today)));
	if (q->member || !alert_sev_ok(q, SEV_WARNING) || cfg.training_min_hours <= 0 ||
	    date_month_key(q->today) % 100 < 10)
		buf_adds(sql, " AND 1=0");
	alert_where_path(q, "m.org_path", sql, a, up);
	buf_adds(sql, ") t WHERE t.hours < ?");
	db_args_add(a, DB_I64(cfg.training_min_hours));
}

static void
training_row(const struct alert_q *q, struct db_rows *r, struct alert *al)
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

static const struct alert_source alerts[] = {
	{ .kinds = { "training_below_min" }, .from = training_from, .cols = "t.id, t.name,"
	    " t.org_id, t.org_name, t.hours", .order = "t.hours, t.id", .row = training_row },
};

const struct desk_area cultivate_desk = { "cultivate", alerts, (int)ARRAY_SIZE(alerts), NULL, 0 };

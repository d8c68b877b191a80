/* desk_create.c: the creation area's alert sources (desk.h): brand
 * projects past their build cycle (CL-03). */
#include "core/common.h"
#include "desk/desk.h"
#include "core/config.h"
#include "core/dates.h"
#include "party/compliance.h"	/* date_add_months() */

/* CL-03, CL-04: brand projects in cultivation or evaluated mid-term whose
 * build cycle (cfg.brand_cycle_months from cultivation) has passed. */
static void
brand_from(const struct alert_q *q, struct buf *sql, struct db_args *a, char (*up)[256])
{
	int32_t cut = date_add_months(q->today, -(int)cfg.brand_cycle_months);

	buf_adds(sql, " FROM brand_project p JOIN org o ON o.path = p.org_path"
	    " JOIN brand_stage b ON b.project_id = p.id AND b.stage = 'cultivating'"
	    " WHERE p.stage IN ('cultivating', 'midterm') AND b.held_on < ?");
	db_args_add(a, DB_TEXT(alert_day(q, cut)));
	if (q->member || !alert_sev_ok(q, SEV_WARNING))
		buf_adds(sql, " AND 1=0");
	alert_where_path(q, "p.org_path", sql, a, up);
}

static void
brand_row(const struct alert_q *q, struct db_rows *r, struct alert *al)
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

static const struct alert_source alerts[] = {
	{ .kinds = { "brand_overdue" }, .from = brand_from, .cols = "p.id, p.name, o.id, o.name,"
	    " b.held_on", .order = "b.held_on, p.id", .row = brand_row },
};

const struct desk_area create_desk = { "create", alerts, (int)ARRAY_SIZE(alerts), NULL, 0 };

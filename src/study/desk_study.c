/* desk_study.c: the study area's to-do sources (desk.h): exchange posts
 * submitted for moderation (district staff). */
#include "core/common.h"
#include "desk/desk.h"

static int
moderate_select(const struct todo_q *q, struct buf *sql, struct db_args *a, char (*up)[256])
{
	if (q->w->role != ROLE_DISTRICT)
		return 0;
	buf_adds(sql, "SELECT 'exchange_moderate' AS kind, p.id AS ref_id, p.org_id AS org_id,"
	    " o.name AS place, CAST(NULL AS TEXT) AS due, p.title AS subject, 0 AS n"
	    " FROM exchange_post p JOIN org o ON o.id = p.org_id WHERE p.state = 'submitted'");
	scope_sql(sql, a, q->w, "p.org_path", up);
	return 1;
}

static void
moderate_describe(const struct todo_q *q, struct todo *t)
{
	(void)q;
	snprintf(t->what, sizeof(t->what), "审核交流文章：%s", t->subject);
	snprintf(t->link, sizeof(t->link), "/exchange?open=%" PRId64, t->ref_id);
}

static const struct todo_source todos[] = {
	{ .kind = "exchange_moderate", .label = "交流待审核", .select = moderate_select,
	    .describe = moderate_describe },
};

const struct desk_area study_desk = { "study", NULL, 0, todos, (int)ARRAY_SIZE(todos) };

/* desk_notice.c: the announcements' to-do source (desk.h): must-read
 * notices (必读) addressed to the caller and not yet read by them; one
 * leaves the list when the caller opens it (the read receipt is the
 * work). */
#include "core/common.h"
#include "desk/desk.h"
#include "notice/notice.h"

static int
must_read_select(const struct todo_q *q, struct buf *sql, struct db_args *a, char (*up)[256])
{
	(void)up;
	if (!q->w->user_id)
		return 0;
	buf_adds(sql, "SELECT 'notice_read' AS kind, n.id AS ref_id, 0 AS org_id, '' AS place,"
	    " CAST(NULL AS TEXT) AS due, n.title AS subject, 0 AS n FROM notice n"
	    " LEFT JOIN notice_read rd ON rd.notice_id = n.id AND rd.user_id = ?"
	    " WHERE n.must_read = 1 AND rd.notice_id IS NULL");
	db_args_add(a, DB_I64(q->w->user_id));
	notice_inbox_sql(sql, a, q->w);
	return 1;
}

static void
must_read_describe(const struct todo_q *q, struct todo *t)
{
	(void)q;
	snprintf(t->what, sizeof(t->what), "阅读必读通知：%s", t->subject);
	snprintf(t->link, sizeof(t->link), "/notices?id=%" PRId64, t->ref_id);
	t->place = "通知公告";
}

static const struct todo_source todos[] = {
	{ .kind = "notice_read", .label = "必读通知", .select = must_read_select,
	    .describe = must_read_describe },
};

const struct desk_area notice_desk = { "notice", NULL, 0, todos, (int)ARRAY_SIZE(todos) };

/* applicant_export.c: the development roster (发展党员工作台账) as .xlsx:
 * one row per person in scope, streamed to the workbook as read. Every
 * staff role may export it, so it is a masked reader's export: the ID
 * mask and no birth date, which would give the whole number (PI-06). */
#include "core/common.h"
#include "develop/applicant.h"
#include "core/dates.h"
#include "report/xlsx.h"

struct roster {
	struct xlsx x;
	lxw_worksheet *ws;
	lxw_row_t row;
};

static const char *
status_label(const char *s)
{
	static const char *const labels[] = { "发展中", "预备党员", "正式党员", "取消预备党员资格",
		"已终止" };

	for (int i = 0; pipe_statuses[i]; i++)
		if (!strcmp(pipe_statuses[i], s))
			return labels[i];
	return s;
}

static void
put(struct roster *r, int col, const char *s)
{
	worksheet_write_string(r->ws, r->row, (lxw_col_t)col, s ? s : "", r->x.text);
}

static void
add_row(void *ctx, const struct applicant *ap)
{
	struct roster *r = ctx;
	const struct pipe_step_def *cur = pipe_step(ap->step), *nx = pipe_step(ap->next_step);
	char done[80] = "", next[80] = "";

	if (cur)
		snprintf(done, sizeof(done), "%d. %s", cur->no, cur->name);
	if (nx)
		snprintf(next, sizeof(next), "%d. %s", nx->no, nx->name);
	worksheet_write_number(r->ws, r->row, 0, (double)(r->row - XLSX_FIRST_ROW + 1), r->x.center);
	put(r, 1, ap->name);
	put(r, 2, !strcmp(ap->gender, "male") ? "男" : "女");
	put(r, 3, ap->id_card);
	put(r, 4, ap->org_name);
	put(r, 5, ap->applied_on);
	put(r, 6, pipe_stage_name(nx ? nx->stage : cur ? cur->stage : 1));
	put(r, 7, done);
	put(r, 8, next);
	put(r, 9, ap->next_due);
	put(r, 10, status_label(ap->status));
	put(r, 11, ap->probation_end);
	r->row++;
}

enum err
applicant_export(struct db *db, const struct who *w, int64_t org_id, const char *path)
{
	static const struct xlsx_col cols[] = { { "序号", 6 }, { "姓名", 10 }, { "性别", 6 },
		{ "身份证号", 20 }, { "所在支部", 24 }, { "申请日期", 12 },
		{ "所处阶段", 22 }, { "已完成步骤", 24 }, { "下一步", 24 }, { "期限", 12 },
		{ "状态", 12 }, { "预备期满", 12 } };
	struct applicant_filter f = { .org_id = org_id, .page = 1, .per_page = 1000000 };
	struct roster r = { .row = XLSX_FIRST_ROW };
	char today[11], sub[64];
	int64_t total;
	enum err e;

	if ((e = xlsx_open(&r.x, path)))
		return e;
	date_format(date_today(), today);
	snprintf(sub, sizeof(sub), "导出日期：%s", today);
	r.ws = xlsx_sheet(&r.x, "发展党员台账", "发展党员工作台账", sub, cols, ARRAY_SIZE(cols));
	e = applicant_list(db, w, &f, add_row, &r, &total);
	if (xlsx_close(&r.x) && !e)
		e = ERR_STORE;
	return e;
}

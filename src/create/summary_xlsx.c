/* summary_xlsx.c: the year-end ledger of dual creation and dual
 * strengthening as a printable sheet (report/xlsx.h). */
#include "core/common.h"
#include "create/summary.h"

#include "core/xalloc.h"
#include "report/xlsx.h"

static const struct xlsx_col cols[] = {
	{ "序号", 6 }, { "学校", 26 }, { "联盟“四个一”承办", 10 }, { "品牌项目", 8 },
	{ "品牌阶段", 10 }, { "研究课题", 8 }, { "在册党员", 8 }, { "在岗党员", 8 },
	{ "设岗覆盖率", 10 }, { "大思政课方案", 10 }, { "双轨师资", 8 }, { "行走的思政课", 10 },
	{ "清廉学校", 10 }, { "清廉自评得分", 10 }, { "“五清”活动", 9 }, { "师德活动", 8 },
	{ "表彰与典型", 9 }, { "参学党员", 8 }, { "学习时长（小时）", 10 }, { "读书会", 8 },
	{ "优秀交流案例", 10 },
};

struct job {
	struct xlsx x;
	lxw_worksheet *ws;
	lxw_row_t row;
	int64_t seq;
	lxw_format *dec;	/* one decimal: scores and hours */
};

static lxw_format *
dec_format(lxw_workbook *wb)
{
	lxw_format *f = workbook_add_format(wb);

	format_set_font_name(f, "宋体");
	format_set_font_size(f, 11);
	format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
	format_set_align(f, LXW_ALIGN_RIGHT);
	format_set_border(f, LXW_BORDER_THIN);
	format_set_num_format(f, "0.0");
	return f;
}

static const char *
stage_label(const char *s)
{
	static const char *const k[] = { "declared", "cultivating", "midterm", "accepted", "named" };
	static const char *const v[] = { "申报", "培育", "中期评估", "验收", "命名" };

	for (size_t i = 0; s && i < ARRAY_SIZE(k); i++)
		if (!strcmp(k[i], s))
			return v[i];
	return "—";
}

static const char *
clean_label(const char *s)
{
	static const char *const k[] = { "pilot", "demonstration", "named" };
	static const char *const v[] = { "试点学校", "示范学校", "命名学校" };

	for (size_t i = 0; s && i < ARRAY_SIZE(k); i++)
		if (!strcmp(k[i], s))
			return v[i];
	return "—";
}

static void
num(struct job *j, lxw_col_t col, int64_t v)
{
	worksheet_write_number(j->ws, j->row, col, (double)v, j->x.num);
}

static void
write_row(void *ctx, const struct summary_row *r)
{
	struct job *j = ctx;

	worksheet_write_number(j->ws, j->row, 0, (double)++j->seq, j->x.center);
	worksheet_write_string(j->ws, j->row, 1, r->school_name, j->x.text);
	num(j, 2, r->hosted);
	num(j, 3, r->brands);
	worksheet_write_string(j->ws, j->row, 4, stage_label(r->brand_stage), j->x.center);
	num(j, 5, r->topics);
	num(j, 6, r->members);
	num(j, 7, r->with_post);
	if (r->members > 0)
		worksheet_write_number(j->ws, j->row, 8, (double)r->with_post / (double)r->members,
		    j->x.pct);
	else
		worksheet_write_string(j->ws, j->row, 8, "—", j->x.center);
	worksheet_write_string(j->ws, j->row, 9, r->has_plan ? "已制定" : "未制定", j->x.center);
	num(j, 10, r->teachers);
	num(j, 11, r->lessons);
	worksheet_write_string(j->ws, j->row, 12, clean_label(r->clean_status), j->x.center);
	if (r->clean_total >= 0)
		worksheet_write_number(j->ws, j->row, 13, (double)r->clean_total / 10.0, j->dec);
	else
		worksheet_write_string(j->ws, j->row, 13, "—", j->x.center);
	num(j, 14, r->clean_acts);
	num(j, 15, r->ethics_acts);
	num(j, 16, r->honors);
	num(j, 17, r->studied);
	worksheet_write_number(j->ws, j->row, 18, (double)((r->study_minutes + 3) / 6) / 10.0,
	    j->dec);
	num(j, 19, r->readings);
	num(j, 20, r->excellent);
	j->row++;
}

enum err
summary_xlsx(struct db *db, const struct who *w, int year, const char *path)
{
	struct job j = { .row = XLSX_FIRST_ROW };
	char *title = xasprintf("%d年度“双创建、双强化”工作台账", year);
	enum err e = xlsx_open(&j.x, path);

	if (!e) {
		j.dec = dec_format(j.x.wb);
		j.ws = xlsx_sheet(&j.x, "双创双强", title, "党建+教育集团联盟、党建品牌、党员先锋岗、"
		    "大思政课、清廉学校、师德师风、交流学习", cols, (int)ARRAY_SIZE(cols));
		e = summary_rows(db, w, year, write_row, &j);
		if (xlsx_close(&j.x) && !e)
			e = ERR_STORE;
	}
	free(title);
	return e;
}

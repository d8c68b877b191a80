/* inspection_report.c: one inspection as a printable .xlsx sheet, rows top
 * to bottom (constant-memory workbook). */
#include "core/common.h"
#include "supervise/inspection_report.h"
#include "report/xlsx.h"
#include "supervise/indicator_store.h"

static const char *
kind_label(const char *kind)
{
	if (!strcmp(kind, "clean_school"))
		return "清廉学校建设督查";
	if (!strcmp(kind, "instructor_visit"))
		return "党建指导员督查";
	return "季度党建督查";
}

static const char *
state_label(enum insp_state s)
{
	static const char *const l[] = { "草稿", "已提交", "已确认" };

	return (unsigned)s < INSP_N ? l[s] : "";
}

static const struct insp_score *
score_of(const struct insp_score *s, int ns, const char *code)
{
	for (int i = 0; i < ns; i++)
		if (!strcmp(s[i].s.code, code))
			return &s[i];
	return NULL;
}

struct frows {
	lxw_worksheet *ws;
	struct xlsx *x;
	int row;
	struct arena *a;
};

static void
finding_row(void *ctx, const struct insp_finding *f)
{
	struct frows *c = ctx;
	lxw_row_t r = (lxw_row_t)c->row++;

	worksheet_write_string(c->ws, r, 0, f->indicator ? f->indicator : "", c->x->text);
	worksheet_write_string(c->ws, r, 1, "整改事项", c->x->center);
	worksheet_write_string(c->ws, r, 2, f->title, c->x->text);
	worksheet_write_string(c->ws, r, 3, "", c->x->text);
	worksheet_write_string(c->ws, r, 4, f->severity, c->x->center);
	worksheet_write_string(c->ws, r, 5, arena_printf(c->a, "期限 %s，状态 %s", f->deadline,
	    f->state), c->x->text);
}

static void
indicator_rows(struct frows *c, const struct indicator *v, int n, const struct insp_score *s,
    int ns)
{
	for (int i = 0; i < n; i++) {
		const struct insp_score *sc = score_of(s, ns, v[i].code);
		lxw_row_t r = (lxw_row_t)c->row++;

		worksheet_write_string(c->ws, r, 0, v[i].code, c->x->text);
		worksheet_write_number(c->ws, r, 1, v[i].level, c->x->center);
		worksheet_write_string(c->ws, r, 2, arena_printf(c->a, "%*s%s%s%s",
		    (v[i].level - 1) * 2, "", v[i].name, v[i].bonus ? "（加分项）" : "",
		    v[i].veto ? "（一票否决）" : ""), c->x->text);
		worksheet_write_number(c->ws, r, 3, (double)v[i].max_points / 10.0, c->x->num);
		if (sc)
			worksheet_write_number(c->ws, r, 4, (double)sc->s.points / 10.0, c->x->num);
		else
			worksheet_write_string(c->ws, r, 4, "", c->x->num);
		worksheet_write_string(c->ws, r, 5, sc ? arena_printf(c->a, "%s%s", sc->s.failed_veto ?
		    "否决项成立。" : "", sc->note ? sc->note : "") : "", c->x->text);
	}
}

static void
total_rows(struct frows *c, const struct ind_result *res)
{
	const char *lbl[] = { "合计", "等次", "一票否决" };
	const char *val[] = { arena_printf(c->a, "%" PRId64 ".%" PRId64 "（基本分%" PRId64 ".%"
		PRId64 "，加分%" PRId64 ".%" PRId64 "）", res->total / 10, res->total % 10,
		res->base / 10, res->base % 10, res->bonus / 10, res->bonus % 10), res->grade,
		res->vetoed ? "是（总分记为0分）" : "否" };

	for (int i = 0; i < 3; i++) {
		lxw_row_t r = (lxw_row_t)c->row++;

		worksheet_write_string(c->ws, r, 0, "", c->x->total);
		worksheet_write_string(c->ws, r, 1, "", c->x->total);
		worksheet_write_string(c->ws, r, 2, lbl[i], c->x->total);
		worksheet_write_string(c->ws, r, 3, "", c->x->total);
		worksheet_write_string(c->ws, r, 4, "", c->x->total);
		worksheet_write_string(c->ws, r, 5, val[i], c->x->total);
	}
}

static void
inspectors(void *ctx, int64_t uid, const char *name)
{
	char **s = ctx;

	(void)uid;
	snprintf(*s + strlen(*s), 256 - strlen(*s), "%s%s", **s ? "、" : "", name);
}

enum err
inspection_report_write(struct db *db, const struct inspection *x, const char *path,
    struct arena *a)
{
	static const struct xlsx_col cols[] = { { "编号", 10 }, { "层级", 6 }, { "指标", 44 },
		{ "分值", 8 }, { "得分", 8 }, { "备注", 44 } };
	char who[256] = "", *wp = who;
	struct ind_result res;
	struct insp_score *s;
	struct indicator *v;
	struct frows c = { NULL, NULL, XLSX_FIRST_ROW, a };
	struct xlsx xl;
	int n, ns;
	enum err e;

	if ((e = store_ind_tree(db, x->system_id, a, &v, &n)) ||
	    (e = inspection_scores(db, x->id, a, &s, &ns)) ||
	    (e = inspection_result(db, x, a, &res)) ||
	    (e = inspection_inspectors(db, x->id, inspectors, &wp)))
		return e;
	if ((e = xlsx_open(&xl, path)))
		return e;
	c.x = &xl;
	c.ws = xlsx_sheet(&xl, "督查报告", arena_printf(a, "%s（%s）", x->org_name,
	    kind_label(x->kind)), arena_printf(a, "督查日期 %s · 评分细则 %s 第%" PRId64 "版 · %s"
	    " · 第%" PRId64 "次修订 · 督查员 %s", x->inspected_on, x->system_name,
	    x->system_version, state_label(x->state), x->revision, *who ? who : "—"), cols,
	    ARRAY_SIZE(cols));
	if (c.ws) {
		indicator_rows(&c, v, n, s, ns);
		total_rows(&c, &res);
		e = inspection_findings(db, x->id, a, finding_row, &c);
	}
	if (e) {
		xlsx_close(&xl);
		return e;
	}
	return xlsx_close(&xl);
}

/* assessment_api.c: the HTTP handlers of the annual assessment (issue 4):
 * run a year, list it (scoped, paged), one organization with its
 * components and sources, lift a mark, and the year's ranked .xlsx. */
#include "core/common.h"
#include "supervise/assessment_api.h"

#include <unistd.h>

#include "auth/audit.h"
#include "core/dates.h"
#include "http/listq.h"
#include "http/reply.h"
#include "report/xlsx.h"
#include "supervise/assessment.h"

#define RUNNERS (ROLE_DISTRICT)
#define PREFIX "/api/v1/assessments/"

/* The year segment of the URL (the router matched digits there). */
static enum err
url_year(struct req *rq, struct problem *pb, int64_t *year)
{
	*year = strtoll(rq->url + strlen(PREFIX), NULL, 10);
	if (!assessment_year_ok(*year))
		return problem_field(pb, "year", "考核年度应在 2000 年至今年之间");
	return ERR_OK;
}

static void
write_points(struct jw *w, const char *k, int64_t v)
{
	char s[32];

	jw_key(w, k);
	if (v < 0) {
		jw_null(w);
		return;
	}
	snprintf(s, sizeof(s), "%" PRId64 ".%" PRId64, v / 10, v % 10);
	jw_raw(w, s);
}

static void
write_component(struct jw *w, const struct assess_component *k)
{
	jw_obj(w);
	jw_kstr(w, "component", assess_components[k->comp]);
	write_points(w, "value", k->value);
	jw_kint(w, "weight", k->weight);
	jw_kint(w, "used_weight", k->used_weight);
	jw_kint(w, "num", k->num);
	jw_kint(w, "den", k->den);
	jw_kbool(w, "vetoed", k->vetoed);
	jw_kstr(w, "source", k->source);
	jw_obj_end(w);
}

static void
write_one(struct jw *w, const struct assessment *as)
{
	jw_kint(w, "id", as->id);
	jw_kint(w, "year", as->year);
	jw_kint(w, "org_id", as->org_id);
	jw_kstr(w, "org_name", as->org_name);
	write_points(w, "score", as->score);
	jw_kstr(w, "grade", as->grade);
	jw_kbool(w, "vetoed", as->vetoed);
	jw_key(w, "rank");
	if (as->rank)
		jw_int(w, as->rank);
	else
		jw_null(w);
	jw_kstr(w, "mark", as->mark);
	jw_kbool(w, "to_rectify", !strcmp(as->mark, "rectify"));
	jw_kid(w, "finding_id", as->finding_id);
	jw_kstr(w, "finding_state", as->finding_state);
	jw_kstr(w, "marked_on", as->marked_on);
	jw_kid(w, "lifted_by", as->lifted_by);
	jw_kstr(w, "lifted_on", as->lifted_on);
	jw_ktime(w, "computed_at", as->computed_at);
	jw_key(w, "components");
	jw_arr(w);
	for (int c = 0; c < AC_N; c++)
		write_component(w, &as->comp[c]);
	jw_arr_end(w);
}

static void
emit(void *ctx, const struct assessment *as)
{
	jw_obj(ctx);
	write_one(ctx, as);
	jw_obj_end(ctx);
}

static enum err
reply_one(struct req *rq, struct reply *rp, int64_t year, int64_t org_id)
{
	struct assessment as;
	struct jw w;
	enum err e = assessment_get(rq->db, &rq->who, year, org_id, &rq->arena, &as);

	if (e == ERR_NOT_FOUND)
		problem_field(&rp->problem, "org_id", "该组织在此年度没有考核结果，或不在您的范围内");
	if (e)
		return e;
	reply_json_begin(rp, 200, &w);
	jw_obj(&w);
	write_one(&w, &as);
	jw_obj_end(&w);
	return reply_json_end(rp, &w);
}

static enum err
api_assessments_run(struct req *rq, struct reply *rp)
{
	struct assess_run_stats st;
	struct jw w;
	enum err e = assessment_run(rq->db, &rq->who, rq->id, &rp->problem, &st);

	if (e)
		return e;
	reply_json_begin(rp, 200, &w);
	jw_obj(&w);
	jw_kint(&w, "year", rq->id);
	jw_kint(&w, "orgs", st.orgs);
	jw_kint(&w, "marked", st.marked);
	jw_kint(&w, "plans", st.plans);
	jw_obj_end(&w);
	return reply_json_end(rp, &w);
}

static enum err
list_year(struct req *rq, struct problem *pb, int64_t *year)
{
	const char *s = req_arg(rq, "year");

	*year = 0;
	if (!s)
		return ERR_OK;
	if (strlen(s) != 4 || strspn(s, "0123456789") != 4 ||
	    !assessment_year_ok(*year = strtoll(s, NULL, 10)))
		return problem_field(pb, "year", "应为 2000 年至今年之间的四位年份");
	return ERR_OK;
}

static enum err
api_assessments_list(struct req *rq, struct reply *rp)
{
	static const struct sort_key sorts[] = { { "rank", "COALESCE(a.rank, 999999)" },
		{ "score", "COALESCE(a.score, -1)" }, { "org", "o.path" }, { "year", "a.year" } };
	struct assess_filter f = { 0 };
	int64_t total = 0;
	struct listq q;
	struct jw w;
	enum err e;

	list_year(rq, &rp->problem, &f.year);
	listq_id(rq, &rp->problem, "org_id", &f.org_id);
	listq_enum(rq, &rp->problem, "grade", assess_grades, &f.grade);
	listq_enum(rq, &rp->problem, "mark", assess_marks, &f.mark);
	if ((e = listq_parse(rq, &rp->problem, sorts, ARRAY_SIZE(sorts), &q)))
		return e;
	f.sort_col = q.sort_col;
	f.desc = q.desc;
	f.page = q.page;
	f.per_page = q.per_page;
	reply_json_begin(rp, 200, &w);
	listq_begin(&w);
	if ((e = assessment_list(rq->db, &rq->who, &f, emit, &w, &total)))
		return e;
	listq_end(&w, &q, total);
	return reply_json_end(rp, &w);
}

static enum err
api_assessments_get(struct req *rq, struct reply *rp)
{
	int64_t year;
	enum err e = url_year(rq, &rp->problem, &year);

	return e ? e : reply_one(rq, rp, year, rq->id);
}

static enum err
api_assessments_lift(struct req *rq, struct reply *rp)
{
	int64_t year;
	enum err e = url_year(rq, &rp->problem, &year);

	if (!e)
		e = assessment_lift(rq->db, &rq->who, year, rq->id, &rp->problem);
	if (e == ERR_NOT_FOUND)
		problem_field(&rp->problem, "org_id", "该组织在此年度没有考核结果，或不在您的范围内");
	return e ? e : reply_one(rq, rp, year, rq->id);
}

/* --- export --- */

struct sheet {
	struct xlsx *x;
	lxw_worksheet *ws;
	struct arena *a;
	int row;
};

static void
cell_points(struct sheet *s, int col, int64_t v)
{
	if (v < 0)
		worksheet_write_string(s->ws, (lxw_row_t)s->row, (lxw_col_t)col, "—", s->x->center);
	else
		worksheet_write_number(s->ws, (lxw_row_t)s->row, (lxw_col_t)col, (double)v / 10,
		    s->x->num);
}

static const char *
mark_label(const char *mark)
{
	return !strcmp(mark, "rectify") ? "整顿" : !strcmp(mark, "lifted") ? "已解除" : "";
}

static void
sheet_row(void *ctx, const struct assessment *as)
{
	struct sheet *s = ctx;
	lxw_row_t r = (lxw_row_t)s->row;

	if (as->rank)
		worksheet_write_number(s->ws, r, 0, (double)as->rank, s->x->center);
	else
		worksheet_write_string(s->ws, r, 0, "—", s->x->center);
	worksheet_write_string(s->ws, r, 1, as->org_name, s->x->text);
	for (int c = 0; c < AC_N; c++)
		cell_points(s, 2 + c, as->comp[c].value);
	cell_points(s, 7, as->score);
	worksheet_write_string(s->ws, r, 8, as->grade ? as->grade : "无数据", s->x->center);
	worksheet_write_string(s->ws, r, 9, as->vetoed ? "是" : "", s->x->center);
	worksheet_write_string(s->ws, r, 10, mark_label(as->mark), s->x->center);
	s->row++;
}

static enum err
write_xlsx(struct req *rq, int64_t year, const char *path)
{
	static const struct xlsx_col cols[] = { { "排名", 6 }, { "党组织", 36 },
		{ "组织生活", 10 }, { "党费按时", 10 }, { "整改销号", 10 }, { "督查", 8 },
		{ "述职评议", 10 }, { "总分", 8 }, { "等次", 8 }, { "一票否决", 9 },
		{ "整顿标记", 9 } };
	struct assess_filter f = { .year = year, .sort_col = "COALESCE(a.rank, 999999)",
		.page = 1, .per_page = 100000 };
	struct xlsx x;
	struct sheet s = { .x = &x, .a = &rq->arena, .row = XLSX_FIRST_ROW };
	int64_t total;
	enum err e = xlsx_open(&x, path);

	if (e)
		return e;
	s.ws = xlsx_sheet(&x, "年度考核", arena_printf(&rq->arena, "%" PRId64 "年度党组织考核结果",
	    year), "分项与总分为百分制；标记“整顿”的为软弱涣散党组织", cols, ARRAY_SIZE(cols));
	e = s.ws ? assessment_list(rq->db, &rq->who, &f, sheet_row, &s, &total) : ERR_STORE;
	if (e) {
		xlsx_close(&x);
		return e;
	}
	return xlsx_close(&x);
}

static enum err
api_assessments_export(struct req *rq, struct reply *rp)
{
	char path[64];
	int64_t year;
	enum err e;

	if (strcmp(rq->url + strlen(rq->url) - 5, ".xlsx"))
		return ERR_NOT_FOUND;
	if ((e = url_year(rq, &rp->problem, &year)) || (e = xlsx_temp(path)))
		return e;
	if ((e = write_xlsx(rq, year, path)) ||
	    (e = audit_write_alone(rq->db, &rq->who, "export", "assessment", year, NULL, 1))) {
		unlink(path);
		return e;
	}
	return reply_file(rp, path, XLSX_MIME, arena_printf(&rq->arena,
	    "attachment; filename=\"assessment-%" PRId64 ".xlsx\"", year));
}

/* The export comes before /:year/:org so ".xlsx" is not an organization. */
const struct route assessment_routes[] = {
	{ "GET", "/api/v1/assessments", api_assessments_list, ROLES_STAFF, 0 },
	{ "GET", "/api/v1/assessments/:id.xlsx", api_assessments_export, ROLES_STAFF, F_HEAVY },
	{ "POST", "/api/v1/assessments/:id/run", api_assessments_run, RUNNERS, 0 },
	{ "GET", "/api/v1/assessments/:id/:id", api_assessments_get, ROLES_STAFF, 0 },
	{ "POST", "/api/v1/assessments/:id/:id/lift", api_assessments_lift, RUNNERS, 0 },
	ROUTES_END,
};

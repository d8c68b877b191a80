/* indicator_api.c: indicator systems over HTTP: list, create or copy,
 * read, rename or publish, the tree (read, replace a draft's), an .xlsx
 * export, and a score calculator over the pure rules of indicator.h.
 * Points travel as numbers with at most one decimal; weights in permille. */
#include "core/common.h"
#include "supervise/indicator_api.h"
#include "http/json_in.h"
#include "http/listq.h"
#include "http/reply.h"
#include "auth/audit.h"
#include "core/dates.h"
#include "report/xlsx.h"
#include "report/xlsx_read.h"
#include "supervise/indicator.h"
#include "supervise/indicator_import.h"
#include "supervise/indicator_store.h"

#include <jansson.h>
#include <math.h>	/* isfinite */
#include <unistd.h>

#define WRITERS (ROLE_DISTRICT)

static const char *const statuses[] = { "draft", "published", NULL };

struct sys_body {
	struct json_present p;
	const char *code, *name, *kind, *status;
	int64_t year, from_id;
	const char *stage;
};

static const struct json_field create_fields[] = {
	{ "code", JF_STR, JF_NONEMPTY, 0, 32, offsetof(struct sys_body, code), NULL },
	{ "name", JF_STR, JF_NONEMPTY, 0, 100, offsetof(struct sys_body, name), NULL },
	{ "kind", JF_ENUM, 0, 0, 0, offsetof(struct sys_body, kind), indicator_kinds },
	{ "status", JF_ENUM, 0, 0, 0, offsetof(struct sys_body, status), statuses },
	{ "year", JF_INT, 0, 2000, 2100, offsetof(struct sys_body, year), NULL },
	{ "from_id", JF_ID, 0, 0, 0, offsetof(struct sys_body, from_id), NULL },
	{ "stage", JF_ENUM, 0, 0, 0, offsetof(struct sys_body, stage), indicator_stages },
};

/* Tenths as a JSON number: 125 → 12.5. */
static void
jw_kpoints(struct jw *w, const char *k, int64_t t)
{
	int64_t m = t < 0 ? -t : t;
	char s[32];

	snprintf(s, sizeof(s), "%s%" PRId64 ".%" PRId64, t < 0 ? "-" : "", m / 10, m % 10);
	jw_key(w, k);
	jw_raw(w, s);
}

static void
write_system(struct jw *w, const struct ind_system *s)
{
	jw_obj(w);
	jw_kint(w, "id", s->id);
	jw_kstr(w, "code", s->code);
	jw_kstr(w, "name", s->name);
	jw_kstr(w, "kind", s->kind);
	jw_kstr(w, "stage", s->stage);
	jw_kint(w, "year", s->year);
	jw_kint(w, "version", s->version);
	jw_kstr(w, "status", s->status);
	jw_kbool(w, "used", (int)s->used);
	jw_kid(w, "from_id", s->from_id);
	jw_kint(w, "indicator_count", s->count);
	jw_ktime(w, "created_at", s->created_at);
	jw_ktime(w, "updated_at", s->updated_at);
	jw_obj_end(w);
}

static void
emit(void *ctx, const struct ind_system *s)
{
	write_system(ctx, s);
}

static enum err
api_indsys_list(struct req *rq, struct reply *rp)
{
	static const struct sort_key sorts[] = { { "year", "s.year" } };
	const char *kind = NULL, *stage = NULL, *ys;
	int64_t total = 0, year = 0;
	struct listq q;
	struct jw w;
	enum err e;

	listq_enum(rq, &rp->problem, "kind", indicator_kinds, &kind);
	listq_enum(rq, &rp->problem, "stage", indicator_stages, &stage);
	if ((ys = req_arg(rq, "year")) && *ys) {
		char *end;

		year = strtoll(ys, &end, 10);
		if (*end || year < 2000 || year > 2100)
			problem_field(&rp->problem, "year", "应为年份，如 2026");
	}
	if ((e = listq_parse(rq, &rp->problem, sorts, 1, &q)))
		return e;
	if (rp->problem.nfields)
		return ERR_INVALID;
	reply_json_begin(rp, 200, &w);
	listq_begin(&w);
	if ((e = store_indsys_list(rq->db, kind, stage, year, q.page, q.per_page, emit, &w, &total)))
		return e;
	listq_end(&w, &q, total);
	return reply_json_end(rp, &w);
}

static enum err
reply_system(struct req *rq, struct reply *rp, int status, int64_t id)
{
	struct ind_system s;
	struct jw w;
	enum err e = store_indsys_get(rq->db, id, &rq->arena, &s);

	if (e)
		return e;
	reply_json_begin(rp, status, &w);
	write_system(&w, &s);
	return reply_json_end(rp, &w);
}

static enum err
api_indsys_get(struct req *rq, struct reply *rp)
{
	return reply_system(rq, rp, 200, rq->id);
}

static enum err
api_indsys_create(struct req *rq, struct reply *rp)
{
	struct sys_body b = { 0 };
	struct ind_system_in in;
	int64_t id = 0;
	enum err e;

	e = json_in_object(rq, &rp->problem, create_fields, ARRAY_SIZE(create_fields), JSON_PATCH,
	    &b);
	if (e)
		return e;
	if (b.status)
		return problem_field(&rp->problem, "status", "新建的评分细则为草稿，发布请用 PATCH");
	in = (struct ind_system_in){ b.code, b.name, b.kind, NULL, b.year, b.from_id, b.stage };
	if ((e = store_indsys_create(rq->db, &rq->who, &in, &rp->problem, &id)))
		return e;
	return reply_system(rq, rp, 201, id);
}

static enum err
api_indsys_update(struct req *rq, struct reply *rp)
{
	struct sys_body b = { 0 };
	struct ind_system_in in;
	enum err e;

	e = json_in_object(rq, &rp->problem, create_fields, ARRAY_SIZE(create_fields), JSON_PATCH,
	    &b);
	if (e)
		return e;
	if (b.code)
		problem_field(&rp->problem, "code", "编号不能修改");
	if (b.kind)
		problem_field(&rp->problem, "kind", "类别不能修改");
	if (b.from_id)
		problem_field(&rp->problem, "from_id", "只能在新建时使用");
	if (b.status && strcmp(b.status, "published"))
		problem_field(&rp->problem, "status", "只能改为 published");
	if (rp->problem.nfields)
		return ERR_INVALID;
	in = (struct ind_system_in){ NULL, b.name, NULL, b.status, b.year, 0, b.stage };
	if ((e = store_indsys_patch(rq->db, &rq->who, rq->id, &in, &rp->problem)))
		return e;
	return reply_system(rq, rp, 200, rq->id);
}

static void
write_indicator(struct jw *w, const struct indicator *x)
{
	jw_obj(w);
	jw_kint(w, "id", x->id);
	jw_kstr(w, "code", x->code);
	jw_kstr(w, "parent", x->parent_code);
	jw_kint(w, "level", x->level);
	jw_kint(w, "seq", x->seq);
	jw_kstr(w, "name", x->name);
	jw_kpoints(w, "max_points", x->max_points);
	jw_kstr(w, "guidance", x->guidance);
	jw_kstr(w, "evidence", x->evidence);
	jw_kbool(w, "bonus", x->bonus);
	jw_kbool(w, "veto", x->veto);
	jw_kbool(w, "developmental", x->developmental);
	jw_kbool(w, "survey", x->survey);
	jw_kint(w, "weight", x->weight);
	jw_obj_end(w);
}

static enum err
api_ind_tree(struct req *rq, struct reply *rp)
{
	struct ind_system s;
	struct indicator *v;
	struct jw w;
	int n;
	enum err e = store_indsys_get(rq->db, rq->id, &rq->arena, &s);

	if (!e)
		e = store_ind_tree(rq->db, rq->id, &rq->arena, &v, &n);
	if (e)
		return e;
	reply_json_begin(rp, 200, &w);
	jw_obj(&w);
	jw_key(&w, "system");
	write_system(&w, &s);
	jw_key(&w, "items");
	jw_arr(&w);
	for (int i = 0; i < n; i++)
		write_indicator(&w, &v[i]);
	jw_arr_end(&w);
	jw_obj_end(&w);
	return reply_json_end(rp, &w);
}

/* A number of points with at most one decimal, in [0, 1000], to tenths. */
static int
points_of(json_t *v, int64_t *out)
{
	double d, diff;
	int64_t t;

	if (!json_is_number(v))
		return -1;
	d = json_number_value(v) * 10;
	if (!isfinite(d) || d < -0.5 || d > IND_POINTS_MAX + 0.5)
		return -1;
	t = (int64_t)(d + 0.5);
	diff = d - (double)t;
	if (diff > 1e-6 || diff < -1e-6)
		return -1;
	*out = t;
	return 0;
}

/* A string member of o (copied), NULL when absent or null; *bad when not
 * a string or longer than max characters. */
static const char *
str_of(struct req *rq, json_t *o, const char *k, size_t max, int *bad)
{
	json_t *v = json_object_get(o, k);

	*bad = 0;
	if (!v || json_is_null(v))
		return NULL;
	if (!json_is_string(v) || utf8_len(json_string_value(v)) > max) {
		*bad = 1;
		return NULL;
	}
	return arena_strdup(&rq->arena, json_string_value(v));
}

static const char *const item_keys[] = { "code", "parent", "level", "name", "max_points",
	"guidance", "evidence", "bonus", "veto", "weight", "id", "seq", "developmental", "survey",
	NULL };

static void
parse_indicator(struct req *rq, struct problem *pb, json_t *o, int i, struct indicator *x)
{
	const char *k;
	json_t *v;
	char f[48];
	int bad;

#define FIELD(name) (snprintf(f, sizeof(f), "indicators[%d].%s", i, name), f)
	if (!json_is_object(o)) {
		problem_field(pb, FIELD("code"), "应为对象");
		return;
	}
	json_object_foreach(o, k, v) {
		int known = 0;

		for (int j = 0; item_keys[j]; j++)
			known |= !strcmp(item_keys[j], k);
		if (!known)
			problem_field(pb, FIELD(k), "不支持该字段");
	}
	x->code = str_of(rq, o, "code", 32, &bad);
	if (bad)
		problem_field(pb, FIELD("code"), "应为字符串，最多32个字符");
	x->parent_code = str_of(rq, o, "parent", 32, &bad);
	if (bad)
		problem_field(pb, FIELD("parent"), "应为上级指标的编号");
	x->name = str_of(rq, o, "name", 200, &bad);
	if (bad)
		problem_field(pb, FIELD("name"), "应为字符串，最多200个字符");
	x->guidance = str_of(rq, o, "guidance", 1000, &bad);
	if (bad)
		problem_field(pb, FIELD("guidance"), "应为字符串，最多1000个字符");
	x->evidence = str_of(rq, o, "evidence", 500, &bad);
	if (bad)
		problem_field(pb, FIELD("evidence"), "应为字符串，最多500个字符");
	v = json_object_get(o, "level");
	x->level = json_is_integer(v) && json_integer_value(v) >= 1 &&
	    json_integer_value(v) <= IND_LEVEL_MAX ? (int)json_integer_value(v) : 0;
	if (!x->level)
		problem_field(pb, FIELD("level"), "层级应为1至3");
	if (points_of(json_object_get(o, "max_points"), &x->max_points))
		problem_field(pb, FIELD("max_points"), "分值应为0到1000之间、最多一位小数的数");
	v = json_object_get(o, "weight");
	x->weight = 1000;
	if (v && !(json_is_integer(v) && json_integer_value(v) >= 0 &&
	    json_integer_value(v) <= IND_WEIGHT_MAX))
		problem_field(pb, FIELD("weight"), "权重应为0到1000之间的整数（千分比）");
	else if (v)
		x->weight = json_integer_value(v);
	v = json_object_get(o, "bonus");
	if (v && !json_is_boolean(v))
		problem_field(pb, FIELD("bonus"), "应为 true 或 false");
	x->bonus = json_is_true(v);
	v = json_object_get(o, "veto");
	if (v && !json_is_boolean(v))
		problem_field(pb, FIELD("veto"), "应为 true 或 false");
	x->veto = json_is_true(v);
	v = json_object_get(o, "developmental");
	if (v && !json_is_boolean(v))
		problem_field(pb, FIELD("developmental"), "应为 true 或 false");
	x->developmental = json_is_true(v);
	v = json_object_get(o, "survey");
	if (v && !json_is_boolean(v))
		problem_field(pb, FIELD("survey"), "应为 true 或 false");
	x->survey = json_is_true(v);
#undef FIELD
}

static enum err
api_ind_replace(struct req *rq, struct reply *rp)
{
	struct indicator *v = NULL;
	json_t *root = NULL, *arr;
	int n = 0;
	enum err e = json_in_array_body(rq, &rp->problem, "indicators", IND_MAX, &root, &arr);

	if (!e) {
		n = (int)json_array_size(arr);
		v = arena_alloc(&rq->arena, sizeof(*v) * (size_t)(n ? n : 1));
		for (int i = 0; i < n; i++)
			parse_indicator(rq, &rp->problem, json_array_get(arr, (size_t)i), i, &v[i]);
		e = rp->problem.nfields ? ERR_INVALID : ERR_OK;
	}
	json_decref(root);
	if (!e)
		e = store_ind_replace(rq->db, &rq->who, rq->id, v, n, &rp->problem);
	return e ? e : api_ind_tree(rq, rp);
}

static void
parse_score(struct req *rq, struct problem *pb, json_t *o, int i, struct ind_score *s)
{
	const char *k;
	json_t *v;
	char f[48];
	int bad;

	if (!json_is_object(o)) {
		snprintf(f, sizeof(f), "scores[%d]", i);
		problem_field(pb, f, "应为对象");
		return;
	}
	json_object_foreach(o, k, v)
		if (strcmp(k, "code") && strcmp(k, "points") && strcmp(k, "failed_veto") &&
		    strcmp(k, "progress")) {
			snprintf(f, sizeof(f), "scores[%d].%s", i, k);
			problem_field(pb, f, "不支持该字段");
		}
	s->code = str_of(rq, o, "code", 32, &bad);
	snprintf(f, sizeof(f), "scores[%d].code", i);
	if (bad || !s->code)
		problem_field(pb, f, "必填，应为指标编号");
	v = json_object_get(o, "points");
	snprintf(f, sizeof(f), "scores[%d].points", i);
	if (!v || json_is_null(v))
		s->points = 0;
	else if (points_of(v, &s->points))
		problem_field(pb, f, "得分应为不小于0、最多一位小数的数");
	v = json_object_get(o, "progress");
	snprintf(f, sizeof(f), "scores[%d].progress", i);
	if (v && !json_is_null(v) && points_of(v, &s->progress))
		problem_field(pb, f, "进步得分应为不小于0、最多一位小数的数");
	v = json_object_get(o, "failed_veto");
	snprintf(f, sizeof(f), "scores[%d].failed_veto", i);
	if (v && !json_is_boolean(v))
		problem_field(pb, f, "应为 true 或 false");
	s->failed_veto = json_is_true(v);
}

/* "areas": each first-level item's total against its max (a radar chart
 * of the seven areas, PRIN-07), bonus and veto groups flagged. */
static void
write_areas(struct jw *w, const struct indicator *v, int n, const int64_t *values)
{
	jw_key(w, "areas");
	jw_arr(w);
	for (int i = 0; i < n; i++) {
		if (v[i].level != 1)
			continue;
		jw_obj(w);
		jw_kstr(w, "code", v[i].code);
		jw_kstr(w, "name", v[i].name);
		jw_kpoints(w, "points", values[i]);
		jw_kpoints(w, "max_points", v[i].max_points);
		jw_kbool(w, "bonus", v[i].bonus);
		jw_kbool(w, "veto", v[i].veto);
		jw_kbool(w, "survey", v[i].survey);
		jw_obj_end(w);
	}
	jw_arr_end(w);
}

static enum err
api_ind_score(struct req *rq, struct reply *rp)
{
	struct ind_score *s = NULL;
	struct indicator *v = NULL;
	struct ind_system sys;
	struct ind_result res;
	struct ind_rules r;
	json_t *root = NULL, *arr;
	int64_t *values = NULL;
	struct jw w;
	int n = 0, ns = 0;
	enum err e = store_indsys_get(rq->db, rq->id, &rq->arena, &sys);

	if (!e)
		e = store_ind_tree(rq->db, rq->id, &rq->arena, &v, &n);
	if (!e)
		e = json_in_array_body(rq, &rp->problem, "scores", IND_MAX, &root, &arr);
	if (!e) {
		ns = (int)json_array_size(arr);
		s = arena_alloc(&rq->arena, sizeof(*s) * (size_t)(ns ? ns : 1));
		for (int i = 0; i < ns; i++)
			parse_score(rq, &rp->problem, json_array_get(arr, (size_t)i), i, &s[i]);
		e = rp->problem.nfields ? ERR_INVALID : ERR_OK;
	}
	json_decref(root);
	/* PRIN-07: a principal-tenure sheet grades 优秀/良好/合格/不合格. */
	if (!e && !strcmp(sys.kind, "principal_tenure"))
		indicator_rules_principal(&r);
	else
		indicator_rules_default(&r);
	if (!e) {
		values = arena_alloc(&rq->arena, sizeof(*values) * (size_t)(n ? n : 1));
		e = indicator_score_values(v, n, s, ns, &r, &rp->problem, &res, values);
	}
	if (e)
		return e;
	reply_json_begin(rp, 200, &w);
	jw_obj(&w);
	jw_kpoints(&w, "total", res.total);
	jw_kpoints(&w, "base", res.base);
	jw_kpoints(&w, "bonus", res.bonus);
	jw_kbool(&w, "vetoed", res.vetoed);
	jw_kstr(&w, "grade", res.grade);
	write_areas(&w, v, n, values);
	jw_obj_end(&w);
	return reply_json_end(rp, &w);
}

static void
cell_points(lxw_worksheet *ws, int row, int col, int64_t t, lxw_format *f)
{
	worksheet_write_number(ws, (lxw_row_t)row, (lxw_col_t)col, (double)t / 10.0, f);
}

/* The subtitle's note of a principal-tenure sheet's stage. */
static const char *
stage_label(const char *stage)
{
	if (!stage)
		return "";
	if (!strcmp(stage, "kindergarten"))
		return " 适用：幼儿园";
	if (!strcmp(stage, "compulsory"))
		return " 适用：义务教育学校";
	return " 适用：普通高中";
}

static enum err
write_xlsx(const struct ind_system *s, const struct indicator *v, int n, const char *path,
    struct arena *a)
{
	static const struct xlsx_col cols[] = { { "编号", 10 }, { "层级", 6 }, { "指标", 40 },
		{ "分值", 8 }, { "评分说明", 40 }, { "佐证材料", 24 }, { "加分项", 8 },
		{ "一票否决", 9 }, { "权重", 8 }, { "发展性", 8 }, { "满意度测评", 11 } };
	struct xlsx x;
	lxw_worksheet *ws;
	enum err e = xlsx_open(&x, path);

	if (e)
		return e;
	ws = xlsx_sheet(&x, "评分细则", s->name,
	    arena_printf(a, "%" PRId64 "年 第%" PRId64 "版 %s%s", s->year, s->version,
	    strcmp(s->status, "draft") ? "已发布" : "草稿", stage_label(s->stage)), cols,
	    ARRAY_SIZE(cols));
	for (int i = 0; ws && i < n; i++) {
		lxw_row_t row = (lxw_row_t)(XLSX_FIRST_ROW + i);

		worksheet_write_string(ws, row, 0, v[i].code, x.text);
		worksheet_write_number(ws, row, 1, v[i].level, x.center);
		worksheet_write_string(ws, row, 2, arena_printf(a, "%*s%s", (v[i].level - 1) * 2, "",
		    v[i].name), x.text);
		cell_points(ws, (int)row, 3, v[i].max_points, x.num);
		worksheet_write_string(ws, row, 4, v[i].guidance ? v[i].guidance : "", x.text);
		worksheet_write_string(ws, row, 5, v[i].evidence ? v[i].evidence : "", x.text);
		worksheet_write_string(ws, row, 6, v[i].bonus ? "是" : "", x.center);
		worksheet_write_string(ws, row, 7, v[i].veto ? "是" : "", x.center);
		worksheet_write_number(ws, row, 8, (double)v[i].weight, x.center);
		worksheet_write_string(ws, row, 9, v[i].developmental ? "是" : "", x.center);
		worksheet_write_string(ws, row, 10, v[i].survey ? "是" : "", x.center);
	}
	return xlsx_close(&x);
}

static enum err
api_indsys_export(struct req *rq, struct reply *rp)
{
	struct ind_system s;
	struct indicator *v;
	char path[64];
	int n;
	enum err e;

	if (strcmp(rq->url + strlen(rq->url) - 5, ".xlsx"))
		return ERR_NOT_FOUND;
	if ((e = store_indsys_get(rq->db, rq->id, &rq->arena, &s)) ||
	    (e = store_ind_tree(rq->db, rq->id, &rq->arena, &v, &n)))
		return e;
	if ((e = xlsx_temp(path)))
		return e;
	if ((e = write_xlsx(&s, v, n, path, &rq->arena))) {
		unlink(path);
		return e;
	}
	if ((e = audit_write_alone(rq->db, &rq->who, "export", "indicator_system", rq->id, NULL,
	    1))) {
		unlink(path);
		return e;
	}
	return reply_file(rp, path, XLSX_MIME, arena_printf(&rq->arena,
	    "attachment; filename=\"indicators-%s-v%" PRId64 ".xlsx\"", s.code, s.version));
}

/* A query argument as text of at most max characters; NULL when absent
 * or empty. */
static const char *
arg_text(struct req *rq, struct problem *pb, const char *k, size_t max)
{
	const char *s = req_arg(rq, k);

	if (!s || !*s)
		return NULL;
	if (utf8_len(s) > max)
		problem_field(pb, k, "最多%zu个字符", max);
	return s;
}

/* The import's query: code, name, kind, stage, year (default this year). */
static void
import_args(struct req *rq, struct problem *pb, struct ind_system_in *in)
{
	const char *ys;

	in->code = arg_text(rq, pb, "code", 32);
	in->name = arg_text(rq, pb, "name", 100);
	listq_enum(rq, pb, "kind", indicator_kinds, &in->kind);
	listq_enum(rq, pb, "stage", indicator_stages, &in->stage);
	in->year = date_year(date_today());
	if ((ys = req_arg(rq, "year")) && *ys) {
		char *end;

		in->year = strtoll(ys, &end, 10);
		if (*end || in->year < 2000 || in->year > 2100)
			problem_field(pb, "year", "应为年份，如 2026");
	}
	if (!in->code && !problem_has(pb, "code"))
		problem_field(pb, "code", "必填，如 clean-school");
}

/* The name when none is given: the sheet's title (A1), if it fits. */
static const char *
title_name(struct req *rq, const char *title)
{
	while (*title == ' ')
		title++;
	return *title && utf8_len(title) <= 100 ? arena_strdup(&rq->arena, title) : NULL;
}

static enum err
api_indsys_import(struct req *rq, struct reply *rp)
{
	struct ind_system_in in = { 0 };
	struct xlsx_grid g;
	struct indicator *v = NULL;
	const char *why, *title = "";
	int64_t id = 0;
	int n = 0;
	enum err e;

	import_args(rq, &rp->problem, &in);
	if (rp->problem.nfields)
		return ERR_INVALID;
	if (!rq->body.len)
		return problem_field(&rp->problem, "file", "请上传 .xlsx 文件");
	e = xlsx_read(rq->body.p, rq->body.len, NULL, &g, &why);
	if (e)
		problem_field(&rp->problem, "file", "%s", why);
	else
		e = indicator_import_grid(&g, &rq->arena, &v, &n, &title, &rp->problem);
	if (!e && !in.name)
		in.name = title_name(rq, title);
	xlsx_grid_release(&g);	/* title was copied above */
	if (e)
		return ERR_INVALID;
	if ((e = store_indsys_import(rq->db, &rq->who, &in, v, n, &rp->problem, &id)))
		return e;
	return reply_system(rq, rp, 201, id);
}

/* District templates: every staff role reads them; admin and district
 * write. The export route comes before /:id so ".xlsx" is not an id. */
const struct route indicator_routes[] = {
	{ "GET", "/api/v1/indicator-systems", api_indsys_list, ROLES_STAFF, 0 },
	{ "POST", "/api/v1/indicator-systems", api_indsys_create, WRITERS, 0 },
	{ "POST", "/api/v1/indicator-systems/import", api_indsys_import, WRITERS, F_UPLOAD },
	{ "GET", "/api/v1/indicator-systems/:id.xlsx", api_indsys_export, ROLES_STAFF, F_HEAVY },
	{ "GET", "/api/v1/indicator-systems/:id", api_indsys_get, ROLES_STAFF, 0 },
	{ "PATCH", "/api/v1/indicator-systems/:id", api_indsys_update, WRITERS, 0 },
	{ "GET", "/api/v1/indicator-systems/:id/indicators", api_ind_tree, ROLES_STAFF, 0 },
	{ "PUT", "/api/v1/indicator-systems/:id/indicators", api_ind_replace, WRITERS, 0 },
	{ "POST", "/api/v1/indicator-systems/:id/score", api_ind_score, ROLES_STAFF, 0 },
	ROUTES_END,
};

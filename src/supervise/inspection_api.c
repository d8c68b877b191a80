/* inspection_api.c: inspection plans and inspections over HTTP (issue 4):
 * plans with assignments, inspections with their scores, steps,
 * revisions, evidence files, automatic evidence, findings issued from
 * them and the .xlsx report. Points travel as numbers with at most one
 * decimal (tenths inside), like the indicator systems' API. */
#include "core/common.h"
#include "supervise/inspection_api.h"

#include <jansson.h>
#include <math.h>	/* isfinite */
#include <unistd.h>

#include "attach/attach_api.h"
#include "auth/audit.h"
#include "core/config.h"
#include "core/dates.h"
#include "http/json_in.h"
#include "http/listq.h"
#include "http/reply.h"
#include "supervise/finding.h"
#include "supervise/indicator_store.h"
#include "supervise/inspection.h"
#include "report/xlsx.h"
#include "supervise/inspection_report.h"

#define PLANNERS (ROLE_DISTRICT)
#define INSPECTORS (ROLE_DISTRICT | ROLE_INSPECTOR)
#define ASSIGN_MAX 500

/* Tenths as a JSON number: 125 → 12.5. */
static void
jw_kpoints(struct jw *w, const char *k, int64_t t)
{
	char s[32];

	snprintf(s, sizeof(s), "%" PRId64 ".%" PRId64, t / 10, t % 10);
	jw_key(w, k);
	jw_raw(w, s);
}

/* --- plans --- */

struct plan_body {
	struct json_present p;
	const char *name, *kind, *period_start, *period_end;
	int64_t system_id;
};

#define OFF(f) offsetof(struct plan_body, f)
static const struct json_field plan_fields[] = {
	{ "name", JF_STR, JF_REQUIRED | JF_NONEMPTY, 0, 100, OFF(name), NULL },
	{ "kind", JF_ENUM, JF_REQUIRED, 0, 0, OFF(kind), inspection_kinds },
	{ "system_id", JF_ID, JF_REQUIRED, 0, 0, OFF(system_id), NULL },
	{ "period_start", JF_DATE, JF_REQUIRED, 0, 0, OFF(period_start), NULL },
	{ "period_end", JF_DATE, JF_REQUIRED, 0, 0, OFF(period_end), NULL },
};
#undef OFF

/* A positive integer member k of o, 0 (and a problem naming the row, as
 * the planner counts them from 1, and what to choose) otherwise. */
static int64_t
id_of(json_t *o, const char *k, int i, struct problem *pb)
{
	json_t *v = json_object_get(o, k);
	char f[48];

	if (json_is_integer(v) && json_integer_value(v) > 0)
		return json_integer_value(v);
	snprintf(f, sizeof(f), "assignments[%d].%s", i, k);
	problem_field(pb, f, "请为第%d行选择%s", i + 1, strcmp(k, "org_id") ? "督查员" :
	    "被督查的党组织");
	return 0;
}

static void
parse_assignments(struct req *rq, json_t *arr, struct problem *pb, struct plan_in *in)
{
	const char *k;
	json_t *o, *v;
	size_t i;
	char f[48];

	if (!json_is_array(arr)) {
		problem_field(pb, "assignments", "必填，应为 [{org_id, inspector_id}]");
		return;
	}
	if (json_array_size(arr) > ASSIGN_MAX) {
		problem_field(pb, "assignments", "最多%d项", ASSIGN_MAX);
		return;
	}
	in->nassign = (int)json_array_size(arr);
	in->assign = arena_alloc(&rq->arena, sizeof(*in->assign) * (json_array_size(arr) + 1));
	json_array_foreach(arr, i, o) {
		snprintf(f, sizeof(f), "assignments[%zu]", i);
		if (!json_is_object(o)) {
			problem_field(pb, f, "应为 {org_id, inspector_id}");
			continue;
		}
		json_object_foreach(o, k, v)
			if (strcmp(k, "org_id") && strcmp(k, "inspector_id")) {
				snprintf(f, sizeof(f), "assignments[%zu].%s", i, k);
				problem_field(pb, f, "不支持的字段");
			}
		in->assign[i].org_id = id_of(o, "org_id", (int)i, pb);
		in->assign[i].inspector_id = id_of(o, "inspector_id", (int)i, pb);
	}
}

/* The scalar fields through the field table, assignments by hand. */
static enum err
decode_plan(struct req *rq, struct problem *pb, struct plan_in *in)
{
	struct plan_body b = { 0 };
	struct buf saved = rq->body, rest = BUF_INIT(1 << 20);
	json_t *root = json_loadb(buf_str(&rq->body), rq->body.len, JSON_REJECT_DUPLICATES, NULL);
	json_t *arr;
	char *text;
	enum err e;

	if (!json_is_object(root)) {
		json_decref(root);
		return ERR_BAD_JSON;
	}
	arr = json_incref(json_object_get(root, "assignments"));
	json_object_del(root, "assignments");
	text = json_dumps(root, JSON_COMPACT);
	buf_adds(&rest, text);
	free(text);
	rq->body = rest;
	e = json_in_object(rq, pb, plan_fields, ARRAY_SIZE(plan_fields), JSON_CREATE, &b);
	rq->body = saved;
	buf_release(&rest);
	if (e != ERR_BAD_JSON)
		parse_assignments(rq, arr, pb, in);
	json_decref(arr);
	json_decref(root);
	if (e == ERR_BAD_JSON)
		return e;
	*in = (struct plan_in){ b.name, b.kind, b.period_start, b.period_end, b.system_id,
		in->nassign, in->assign };
	return pb->nfields ? ERR_INVALID : ERR_OK;
}

static void
write_plan(struct jw *w, const struct plan *p)
{
	jw_kint(w, "id", p->id);
	jw_kstr(w, "name", p->name);
	jw_kstr(w, "kind", p->kind);
	jw_kint(w, "system_id", p->system_id);
	jw_kstr(w, "system_name", p->system_name);
	jw_kstr(w, "period_start", p->period_start);
	jw_kstr(w, "period_end", p->period_end);
	jw_kint(w, "assignment_count", p->nassign);
	jw_kid(w, "created_by", p->created_by);
	jw_ktime(w, "created_at", p->created_at);
	jw_ktime(w, "updated_at", p->updated_at);
}

static void
emit_plan(void *ctx, const struct plan *p)
{
	jw_obj(ctx);
	write_plan(ctx, p);
	jw_obj_end(ctx);
}

static void
emit_assignment(void *ctx, const struct plan_assignment *x)
{
	jw_obj(ctx);
	jw_kint(ctx, "id", x->id);
	jw_kint(ctx, "org_id", x->org_id);
	jw_kstr(ctx, "org_name", x->org_name);
	jw_kint(ctx, "inspector_id", x->inspector_id);
	jw_kstr(ctx, "inspector", x->inspector);
	jw_kid(ctx, "inspection_id", x->inspection_id);
	jw_kstr(ctx, "inspection_state", x->inspection_state);
	jw_obj_end(ctx);
}

static enum err
reply_plan(struct req *rq, struct reply *rp, int status, int64_t id)
{
	struct plan p;
	struct jw w;
	enum err e;

	reply_json_begin(rp, status, &w);
	jw_obj(&w);
	jw_key(&w, "assignments");
	jw_arr(&w);
	e = plan_get(rq->db, &rq->who, id, &rq->arena, &p, emit_assignment, &w);
	jw_arr_end(&w);
	if (e)
		return e;
	write_plan(&w, &p);
	jw_obj_end(&w);
	return reply_json_end(rp, &w);
}

static enum err
api_plans_list(struct req *rq, struct reply *rp)
{
	static const struct sort_key sorts[] = { { "period_start", "p.period_start" } };
	int64_t total = 0;
	struct listq q;
	struct jw w;
	enum err e;

	if ((e = listq_parse(rq, &rp->problem, sorts, 1, &q)))
		return e;
	reply_json_begin(rp, 200, &w);
	listq_begin(&w);
	if ((e = plan_list(rq->db, &rq->who, q.page, q.per_page, emit_plan, &w, &total)))
		return e;
	listq_end(&w, &q, total);
	return reply_json_end(rp, &w);
}

static enum err
save(struct req *rq, struct reply *rp, int64_t id)
{
	struct plan_in in = { 0 };
	int64_t out = 0;
	enum err e = decode_plan(rq, &rp->problem, &in);

	if (!e)
		e = plan_save(rq->db, &rq->who, id, &in, &rp->problem, &out);
	return e ? e : reply_plan(rq, rp, id ? 200 : 201, out);
}

static enum err
api_plans_create(struct req *rq, struct reply *rp)
{
	return save(rq, rp, 0);
}

static enum err
api_plans_put(struct req *rq, struct reply *rp)
{
	return save(rq, rp, rq->id);
}

static enum err
api_plans_get(struct req *rq, struct reply *rp)
{
	return reply_plan(rq, rp, 200, rq->id);
}

static void
emit_user(void *ctx, int64_t id, const char *name)
{
	jw_obj(ctx);
	jw_kint(ctx, "id", id);
	jw_kstr(ctx, "username", name);
	jw_obj_end(ctx);
}

static enum err
api_plans_inspectors(struct req *rq, struct reply *rp)
{
	struct jw w;
	enum err e;

	reply_json_begin(rp, 200, &w);
	listq_begin(&w);
	e = plan_inspectors(rq->db, emit_user, &w);
	listq_items_end(&w);
	return e ? e : reply_json_end(rp, &w);
}

/* --- inspections: reads --- */

static void
write_inspection(struct jw *w, const struct inspection *x)
{
	jw_kint(w, "id", x->id);
	jw_kid(w, "plan_id", x->plan_id);
	jw_kstr(w, "plan_name", x->plan_name);
	jw_kint(w, "org_id", x->org_id);
	jw_kstr(w, "org_name", x->org_name);
	jw_kstr(w, "kind", x->kind);
	jw_kint(w, "system_id", x->system_id);
	jw_kstr(w, "system_name", x->system_name);
	jw_kint(w, "system_version", x->system_version);
	jw_kstr(w, "inspected_on", x->inspected_on);
	jw_kstr(w, "state", inspection_states[x->state]);
	jw_kpoints(w, "total", x->total);
	jw_kbool(w, "vetoed", x->vetoed);
	jw_kint(w, "revision", x->revision);
	jw_kid(w, "revises_id", x->revises_id);
	jw_kid(w, "superseded_by", x->superseded_by);
	jw_kstr(w, "note", x->note);
	jw_kid(w, "created_by", x->created_by);
	jw_ktime(w, "created_at", x->created_at);
	jw_ktime(w, "updated_at", x->updated_at);
	if (x->submitted_at)
		jw_ktime(w, "submitted_at", x->submitted_at);
	if (x->confirmed_at)
		jw_ktime(w, "confirmed_at", x->confirmed_at);
}

static void
emit_inspection(void *ctx, const struct inspection *x)
{
	jw_obj(ctx);
	write_inspection(ctx, x);
	jw_obj_end(ctx);
}

static enum err
api_insp_list(struct req *rq, struct reply *rp)
{
	static const struct sort_key sorts[] = { { "inspected_on", "i.inspected_on" } };
	static const char *const yes[] = { "0", "1", NULL };
	struct inspection_filter f = { 0 };
	const char *cur = NULL;
	int64_t total = 0;
	struct listq q;
	struct jw w;
	enum err e;

	listq_id(rq, &rp->problem, "org_id", &f.org_id);
	listq_id(rq, &rp->problem, "plan_id", &f.plan_id);
	listq_enum(rq, &rp->problem, "state", inspection_states, &f.state);
	listq_enum(rq, &rp->problem, "kind", inspection_kinds, &f.kind);
	listq_enum(rq, &rp->problem, "current", yes, &cur);
	if ((e = listq_parse(rq, &rp->problem, sorts, 1, &q)))
		return e;
	f.current = cur && *cur == '1';
	f.page = q.page;
	f.per_page = q.per_page;
	reply_json_begin(rp, 200, &w);
	listq_begin(&w);
	if ((e = inspection_list(rq->db, &rq->who, &f, emit_inspection, &w, &total)))
		return e;
	listq_end(&w, &q, total);
	return reply_json_end(rp, &w);
}

static void
emit_finding(void *ctx, const struct insp_finding *f)
{
	jw_obj(ctx);
	jw_kint(ctx, "id", f->id);
	jw_kstr(ctx, "title", f->title);
	jw_kstr(ctx, "severity", f->severity);
	jw_kstr(ctx, "state", f->state);
	jw_kstr(ctx, "deadline", f->deadline);
	jw_kstr(ctx, "indicator", f->indicator);
	jw_obj_end(ctx);
}

/* What the caller may do now, so the console shows the right buttons. */
static void
write_may(struct jw *w, const struct who *who, const struct inspection *x)
{
	int insp = (who->role & INSPECTORS) != 0, sup = x->superseded_by != 0;

	jw_key(w, "may");
	jw_obj(w);
	jw_kbool(w, "edit", insp && !inspection_step(x->state, sup, INSP_EDIT));
	jw_kbool(w, "submit", insp && !inspection_step(x->state, sup, INSP_SUBMIT));
	jw_kbool(w, "confirm", (who->role & PLANNERS) && !inspection_step(x->state, sup,
	    INSP_CONFIRM));
	jw_kbool(w, "revise", insp && !inspection_step(x->state, sup, INSP_REVISE));
	jw_kbool(w, "issue_finding", insp);
	jw_obj_end(w);
}

static void
write_result(struct jw *w, const struct ind_result *r)
{
	jw_kpoints(w, "total", r->total);
	jw_kpoints(w, "base", r->base);
	jw_kpoints(w, "bonus", r->bonus);
	jw_kbool(w, "vetoed", r->vetoed);
	jw_kstr(w, "grade", r->grade);
}

static enum err
reply_inspection(struct req *rq, struct reply *rp, int status, int64_t id)
{
	struct inspection x;
	struct ind_result res;
	struct jw w;
	enum err e;

	if ((e = inspection_get(rq->db, &rq->who, id, &rq->arena, &x)) ||
	    (e = inspection_result(rq->db, &x, &rq->arena, &res)))
		return e;
	reply_json_begin(rp, status, &w);
	jw_obj(&w);
	write_inspection(&w, &x);
	jw_kstr(&w, "grade", res.grade);
	jw_key(&w, "result");
	jw_obj(&w);
	write_result(&w, &res);
	jw_obj_end(&w);
	write_may(&w, &rq->who, &x);
	jw_key(&w, "inspectors");
	jw_arr(&w);
	e = inspection_inspectors(rq->db, id, emit_user, &w);
	jw_arr_end(&w);
	if (!e)	/* the generic shape, with "inspection_id" as before issue 19 */
		e = attach_json_files(&w, rq->db, &inspection_files, id, &rq->arena);
	jw_key(&w, "findings");
	jw_arr(&w);
	if (!e)
		e = inspection_findings(rq->db, id, &rq->arena, emit_finding, &w);
	jw_arr_end(&w);
	jw_obj_end(&w);
	return e ? e : reply_json_end(rp, &w);
}

static enum err
api_insp_get(struct req *rq, struct reply *rp)
{
	return reply_inspection(rq, rp, 200, rq->id);
}

/* --- inspections: writes --- */

struct insp_body {
	struct json_present p;
	int64_t plan_id, org_id, system_id;
	const char *kind, *inspected_on, *note;
	struct id_list inspectors;
};

#define OFF(f) offsetof(struct insp_body, f)
static const struct json_field insp_fields[] = {
	{ "plan_id", JF_ID, 0, 0, 0, OFF(plan_id), NULL },
	{ "org_id", JF_ID, JF_REQUIRED, 0, 0, OFF(org_id), NULL },
	{ "system_id", JF_ID, 0, 0, 0, OFF(system_id), NULL },
	{ "kind", JF_ENUM, 0, 0, 0, OFF(kind), inspection_kinds },
	{ "inspected_on", JF_DATE, JF_REQUIRED, 0, 0, OFF(inspected_on), NULL },
	{ "note", JF_STR, 0, 0, 1000, OFF(note), NULL },
	{ "inspector_ids", JF_ID_LIST, 0, 0, 20, OFF(inspectors), NULL },
};
#undef OFF

static enum err
api_insp_create(struct req *rq, struct reply *rp)
{
	struct insp_body b = { 0 };
	struct inspection_in in;
	int64_t id = 0;
	enum err e;

	e = json_in_object(rq, &rp->problem, insp_fields, ARRAY_SIZE(insp_fields), JSON_CREATE, &b);
	if (e)
		return e;
	in = (struct inspection_in){ b.plan_id, b.org_id, b.system_id, b.kind, b.inspected_on,
		b.note, b.inspectors.n, json_in_has(&b, 6) ? b.inspectors.v : NULL };
	if ((e = inspection_create(rq->db, &rq->who, &in, &rp->problem, &id)))
		return e;
	return reply_inspection(rq, rp, 201, id);
}

static enum err
api_insp_patch(struct req *rq, struct reply *rp)
{
	struct insp_body b = { 0 };
	struct inspection_edit ed;
	enum err e;

	e = json_in_object(rq, &rp->problem, insp_fields, ARRAY_SIZE(insp_fields), JSON_PATCH, &b);
	if (e)
		return e;
	for (int i = 0; i < (int)ARRAY_SIZE(insp_fields); i++)
		if (json_in_has(&b, i) && strcmp(insp_fields[i].name, "inspected_on") &&
		    strcmp(insp_fields[i].name, "note") && strcmp(insp_fields[i].name, "inspector_ids"))
			problem_field(&rp->problem, insp_fields[i].name, "不能修改");
	if (rp->problem.nfields)
		return ERR_INVALID;
	ed = (struct inspection_edit){ b.inspected_on, b.note, b.inspectors.n,
		json_in_has(&b, 6) ? b.inspectors.v : NULL };
	e = inspection_patch(rq->db, &rq->who, rq->id, &ed, &rp->problem);
	return e ? e : reply_inspection(rq, rp, 200, rq->id);
}

static enum err
reply_scores(struct req *rq, struct reply *rp)
{
	struct inspection x;
	struct ind_result res;
	struct insp_score *s;
	struct jw w;
	int n;
	enum err e;

	if ((e = inspection_get(rq->db, &rq->who, rq->id, &rq->arena, &x)) ||
	    (e = inspection_scores(rq->db, rq->id, &rq->arena, &s, &n)) ||
	    (e = inspection_result(rq->db, &x, &rq->arena, &res)))
		return e;
	reply_json_begin(rp, 200, &w);
	jw_obj(&w);
	jw_kstr(&w, "state", inspection_states[x.state]);
	write_result(&w, &res);
	jw_key(&w, "items");
	jw_arr(&w);
	for (int i = 0; i < n; i++) {
		jw_obj(&w);
		jw_kstr(&w, "code", s[i].s.code);
		jw_kpoints(&w, "points", s[i].s.points);
		jw_kbool(&w, "failed_veto", s[i].s.failed_veto);
		jw_kstr(&w, "note", s[i].note);
		jw_obj_end(&w);
	}
	jw_arr_end(&w);
	jw_obj_end(&w);
	return reply_json_end(rp, &w);
}

static enum err
api_insp_scores(struct req *rq, struct reply *rp)
{
	return reply_scores(rq, rp);
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

static void
parse_score(struct req *rq, struct problem *pb, json_t *o, int i, struct insp_score *s)
{
	const char *k;
	json_t *v;
	char f[48];

#define FIELD(name) (snprintf(f, sizeof(f), "scores[%d]%s", i, name), f)
	if (!json_is_object(o)) {
		problem_field(pb, FIELD(""), "应为对象");
		return;
	}
	json_object_foreach(o, k, v)
		if (strcmp(k, "code") && strcmp(k, "points") && strcmp(k, "failed_veto") &&
		    strcmp(k, "note"))
			problem_field(pb, FIELD(arena_printf(&rq->arena, ".%s", k)), "不支持该字段");
	v = json_object_get(o, "code");
	if (!json_is_string(v) || !json_string_length(v) || json_string_length(v) > 32)
		problem_field(pb, FIELD(".code"), "必填，应为指标编号");
	else
		s->s.code = arena_strdup(&rq->arena, json_string_value(v));
	v = json_object_get(o, "points");
	if (v && !json_is_null(v) && points_of(v, &s->s.points))
		problem_field(pb, FIELD(".points"), "得分应为不小于0、最多一位小数的数");
	v = json_object_get(o, "failed_veto");
	if (v && !json_is_boolean(v))
		problem_field(pb, FIELD(".failed_veto"), "应为 true 或 false");
	s->s.failed_veto = json_is_true(v);
	v = json_object_get(o, "note");
	if (v && !json_is_null(v) && !json_is_string(v))
		problem_field(pb, FIELD(".note"), "应为文本");
	else if (v && json_is_string(v))
		s->note = arena_strdup(&rq->arena, json_string_value(v));
#undef FIELD
}

static enum err
api_insp_put_scores(struct req *rq, struct reply *rp)
{
	json_t *root, *arr;
	struct insp_score *s = NULL;
	int ns = 0;
	enum err e = json_in_array_body(rq, &rp->problem, "scores", IND_MAX, &root, &arr);

	if (!e) {
		ns = (int)json_array_size(arr);
		s = arena_alloc(&rq->arena, sizeof(*s) * (size_t)(ns + 1));
		for (int i = 0; i < ns; i++)
			parse_score(rq, &rp->problem, json_array_get(arr, (size_t)i), i, &s[i]);
		e = rp->problem.nfields ? ERR_INVALID : ERR_OK;
	}
	json_decref(root);
	if (!e)
		e = inspection_put_scores(rq->db, &rq->who, rq->id, s, ns, &rp->problem);
	return e ? e : reply_scores(rq, rp);
}

static enum err
api_insp_submit(struct req *rq, struct reply *rp)
{
	enum err e = inspection_act(rq->db, &rq->who, rq->id, INSP_SUBMIT, &rp->problem);

	return e ? e : reply_inspection(rq, rp, 200, rq->id);
}

static enum err
api_insp_confirm(struct req *rq, struct reply *rp)
{
	enum err e = inspection_act(rq->db, &rq->who, rq->id, INSP_CONFIRM, &rp->problem);

	return e ? e : reply_inspection(rq, rp, 200, rq->id);
}

struct reason_body {
	struct json_present p;
	const char *reason;
};

static const struct json_field reason_fields[] = {
	{ "reason", JF_STR, JF_REQUIRED | JF_NONEMPTY, 0, 500, offsetof(struct reason_body, reason),
	    NULL },
};

static enum err
api_insp_revise(struct req *rq, struct reply *rp)
{
	struct reason_body b = { 0 };
	int64_t id = 0;
	enum err e;

	e = json_in_object(rq, &rp->problem, reason_fields, 1, JSON_CREATE, &b);
	if (!e)
		e = inspection_revise(rq->db, &rq->who, rq->id, b.reason, &rp->problem, &id);
	return e ? e : reply_inspection(rq, rp, 201, id);
}

/* --- files: GET/POST /inspections/{id}/files are the attachments' routes
 * (inspection_files.c); this older download route stays, thin. --- */

/* An inspection's file by its id, or by the id it had in table
 * inspection_file before migration 0032 (links made before the upgrade). */
static enum err
api_insp_file_get(struct req *rq, struct reply *rp)
{
	return attach_reply_bytes(rq, rp, &inspection_files);
}

/* --- findings issued from an inspection --- */

struct finding_body {
	struct json_present p;
	const char *title, *detail, *severity, *deadline, *evidence_required, *indicator;
};

#define OFF(f) offsetof(struct finding_body, f)
static const struct json_field finding_fields[] = {
	{ "title", JF_STR, JF_REQUIRED | JF_NONEMPTY, 0, 100, OFF(title), NULL },
	{ "detail", JF_STR, 0, 0, 2000, OFF(detail), NULL },
	{ "severity", JF_ENUM, JF_REQUIRED, 0, 0, OFF(severity), finding_severities },
	{ "deadline", JF_DATE, JF_REQUIRED, 0, 0, OFF(deadline), NULL },
	{ "evidence_required", JF_STR, 0, 0, 500, OFF(evidence_required), NULL },
	{ "indicator", JF_STR, 0, 0, 32, OFF(indicator), NULL },
};
#undef OFF

static enum err
api_insp_findings_create(struct req *rq, struct reply *rp)
{
	struct finding_body b = { 0 };
	struct finding_in in;
	int64_t fid = 0;
	struct jw w;
	enum err e;

	e = json_in_object(rq, &rp->problem, finding_fields, ARRAY_SIZE(finding_fields),
	    JSON_CREATE, &b);
	if (e)
		return e;
	in = (struct finding_in){ 0, b.title, b.detail, b.severity, b.evidence_required,
		b.deadline, "inspection", NULL };
	e = inspection_issue_finding(rq->db, &rq->who, rq->id, &in, b.indicator, &rp->problem,
	    &fid);
	if (e)
		return e;
	reply_json_begin(rp, 201, &w);
	jw_obj(&w);
	jw_kint(&w, "id", fid);
	jw_kint(&w, "inspection_id", rq->id);
	jw_kstr(&w, "source", "inspection");
	jw_kstr(&w, "title", b.title);
	jw_kstr(&w, "indicator", b.indicator);
	jw_kstr(&w, "state", "issued");
	jw_obj_end(&w);
	return reply_json_end(rp, &w);
}

static enum err
api_insp_findings(struct req *rq, struct reply *rp)
{
	struct inspection x;
	struct jw w;
	enum err e = inspection_get(rq->db, &rq->who, rq->id, &rq->arena, &x);

	if (e)
		return e;
	reply_json_begin(rp, 200, &w);
	listq_begin(&w);
	e = inspection_findings(rq->db, rq->id, &rq->arena, emit_finding, &w);
	listq_items_end(&w);
	return e ? e : reply_json_end(rp, &w);
}

/* --- automatic evidence --- */

static void
write_evidence(struct jw *w, const struct insp_evidence_item *ev, const struct indicator *v,
    int n)
{
	jw_key(w, "items");
	jw_arr(w);
	for (int k = 0; k < EV_N; k++) {
		jw_obj(w);
		jw_kstr(w, "key", inspection_evidence_keys[k]);
		jw_kstr(w, "label", ev[k].label);
		jw_kstr(w, "value", ev[k].value);
		jw_kstr(w, "detail", ev[k].detail);
		jw_kstr(w, "level", ev[k].level);
		jw_key(w, "indicators");
		jw_arr(w);
		for (int i = 0; i < n; i++)
			if (inspection_evidence_matches(v, n, i, (enum insp_evidence)k))
				jw_str(w, v[i].code);
		jw_arr_end(w);
		jw_obj_end(w);
	}
	jw_arr_end(w);
}

static enum err
reply_evidence(struct req *rq, struct reply *rp, int64_t org_id, const char *name,
    const char *path, int year, int64_t system_id)
{
	struct insp_evidence_item ev[EV_N];
	struct indicator *v = NULL;
	struct jw w;
	int n = 0;
	enum err e = inspection_evidence(rq->db, &rq->who, org_id, path, year, ev);

	if (!e && system_id)
		e = store_ind_tree(rq->db, system_id, &rq->arena, &v, &n);
	if (e)
		return e;
	reply_json_begin(rp, 200, &w);
	jw_obj(&w);
	jw_kint(&w, "org_id", org_id);
	jw_kstr(&w, "org_name", name);
	jw_kint(&w, "year", year);
	write_evidence(&w, ev, v, n);
	jw_obj_end(&w);
	return reply_json_end(rp, &w);
}

static enum err
api_insp_evidence(struct req *rq, struct reply *rp)
{
	struct inspection x;
	int32_t d = date_today();
	enum err e = inspection_get(rq->db, &rq->who, rq->id, &rq->arena, &x);

	if (e)
		return e;
	date_parse(x.inspected_on, &d);
	return reply_evidence(rq, rp, x.org_id, x.org_name, x.org_path, (int)date_year(d),
	    x.system_id);
}

static enum err
api_evidence_for_org(struct req *rq, struct reply *rp)
{
	const char *ys = req_arg(rq, "year"), *name = NULL, *path = NULL;
	int64_t org_id = 0, system_id = 0;
	int year = (int)date_year(date_today());
	enum err e;

	listq_id(rq, &rp->problem, "org_id", &org_id);
	listq_id(rq, &rp->problem, "system_id", &system_id);
	if (!org_id && !problem_has(&rp->problem, "org_id"))
		problem_field(&rp->problem, "org_id", "必填");
	if (ys && (strlen(ys) != 4 || strspn(ys, "0123456789") != 4))
		problem_field(&rp->problem, "year", "应为四位年份");
	else if (ys && ((year = (int)strtol(ys, NULL, 10)) < 1900 || year > 2199))
		problem_field(&rp->problem, "year", "年份应在1900至2199之间");
	if (rp->problem.nfields)
		return ERR_INVALID;
	if ((e = inspection_org(rq->db, &rq->who, org_id, &rq->arena, &name, &path)))
		return e;
	return reply_evidence(rq, rp, org_id, name, path, year, system_id);
}

/* --- the report --- */

static enum err
api_insp_report(struct req *rq, struct reply *rp)
{
	struct inspection x;
	char path[64];
	enum err e = inspection_get(rq->db, &rq->who, rq->id, &rq->arena, &x);

	if (e || (e = xlsx_temp(path)))
		return e;
	if ((e = inspection_report_write(rq->db, &x, path, &rq->arena)) ||
	    (e = audit_write_alone(rq->db, &rq->who, "export", "inspection", rq->id, NULL, 1))) {
		unlink(path);
		return e;
	}
	return reply_file(rp, path, XLSX_MIME, arena_printf(&rq->arena,
	    "attachment; filename=\"inspection-%" PRId64 "-r%" PRId64 ".xlsx\"", x.id,
	    x.revision));
}

/* Plans are written by the district; inspectors read theirs. Inspections
 * are written by the supervising side (an inspector within their
 * assignments, 404 outside), confirmed by the district only (403 for the
 * rest); secretaries and principals read confirmed ones in scope. */
const struct route inspection_routes[] = {
	{ "GET", "/api/v1/inspection-plans", api_plans_list, INSPECTORS, 0 },
	{ "POST", "/api/v1/inspection-plans", api_plans_create, PLANNERS, 0 },
	{ "GET", "/api/v1/inspection-plans/inspectors", api_plans_inspectors, INSPECTORS, 0 },
	{ "GET", "/api/v1/inspection-plans/:id", api_plans_get, INSPECTORS, 0 },
	{ "PUT", "/api/v1/inspection-plans/:id", api_plans_put, PLANNERS, 0 },
	{ "GET", "/api/v1/inspection-evidence", api_evidence_for_org, INSPECTORS, 0 },
	{ "GET", "/api/v1/inspection-files/:id", api_insp_file_get, ROLES_STAFF, 0 },
	{ "GET", "/api/v1/inspections", api_insp_list, ROLES_STAFF, 0 },
	{ "POST", "/api/v1/inspections", api_insp_create, INSPECTORS, 0 },
	{ "GET", "/api/v1/inspections/:id", api_insp_get, ROLES_STAFF, 0 },
	{ "PATCH", "/api/v1/inspections/:id", api_insp_patch, INSPECTORS, 0 },
	{ "GET", "/api/v1/inspections/:id/scores", api_insp_scores, ROLES_STAFF, 0 },
	{ "PUT", "/api/v1/inspections/:id/scores", api_insp_put_scores, INSPECTORS, 0 },
	{ "POST", "/api/v1/inspections/:id/submit", api_insp_submit, INSPECTORS, 0 },
	{ "POST", "/api/v1/inspections/:id/confirm", api_insp_confirm, PLANNERS, 0 },
	{ "POST", "/api/v1/inspections/:id/revise", api_insp_revise, INSPECTORS, 0 },
	{ "GET", "/api/v1/inspections/:id/findings", api_insp_findings, ROLES_STAFF, 0 },
	{ "POST", "/api/v1/inspections/:id/findings", api_insp_findings_create, INSPECTORS, 0 },
	{ "GET", "/api/v1/inspections/:id/evidence", api_insp_evidence, ROLES_STAFF, 0 },
	{ "GET", "/api/v1/inspections/:id/report.xlsx", api_insp_report, ROLES_STAFF, F_HEAVY },
	ROUTES_END,
};

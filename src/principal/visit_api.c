/* visit_api.c: the routes of the 责任督学's routine visits (挂牌督导, issue
 * 13 item 4, PRIN-10; docs/api.md "Routine visits"). A 督学 writes their
 * own visits; the office, the 督学 and the school's principal read as
 * visit.h says; the board is the office's and the 督学's. */
#include "core/common.h"
#include "principal/visit_api.h"

#include <jansson.h>

#include "core/config.h"
#include "core/dates.h"
#include "http/json_in.h"
#include "http/listq.h"
#include "http/reply.h"
#include "principal/visit.h"
#include "supervise/finding.h"

#define READERS (ROLE_SUPERVISION_OFFICE | ROLE_SUPERVISOR | ROLE_PRINCIPAL)
#define BOARD (ROLE_SUPERVISION_OFFICE | ROLE_SUPERVISOR)

static enum err
reply_visit(struct req *rq, struct reply *rp, int status, int64_t id)
{
	struct jw w;
	enum err e;

	reply_json_begin(rp, status, &w);
	if ((e = visit_write(rq->db, &rq->who, id, &w)))
		return e;
	return reply_json_end(rp, &w);
}

struct visit_body {
	struct json_present p;
	int64_t school_id;
	const char *visited_on, *kind, *summary;
};

#define OFF(f) offsetof(struct visit_body, f)
static const struct json_field visit_fields[] = {
	{ "school_id", JF_ID, JF_REQUIRED, 0, 0, OFF(school_id), NULL },
	{ "visited_on", JF_DATE, JF_REQUIRED, 0, 0, OFF(visited_on), NULL },
	{ "kind", JF_ENUM, JF_REQUIRED, 0, 0, OFF(kind), visit_kinds },
	{ "summary", JF_STR, 0, 0, 4000, OFF(summary), NULL },
};
#undef OFF

static enum err
api_visits_create(struct req *rq, struct reply *rp)
{
	struct visit_body b = { 0 };
	struct visit_in in;
	int64_t id;
	enum err e = json_in_object(rq, &rp->problem, visit_fields, ARRAY_SIZE(visit_fields),
	    JSON_CREATE, &b);

	/* A school not assigned to the caller is not found even when other
	 * fields are bad: nothing about it is judged or stored. */
	if (e == ERR_INVALID && json_in_has(&b, 0) && !problem_has(&rp->problem, "school_id")) {
		struct problem none = { 0 };
		struct visit_in probe = { .school_id = b.school_id };

		if (visit_create(rq->db, &rq->who, &probe, &none, &id) == ERR_NOT_FOUND)
			return ERR_NOT_FOUND;
	}
	if (e)
		return e;
	in = (struct visit_in){ b.school_id, b.visited_on, b.kind, b.summary };
	if ((e = visit_create(rq->db, &rq->who, &in, &rp->problem, &id)))
		return e;
	return reply_visit(rq, rp, 201, id);
}

static enum err
api_visits_update(struct req *rq, struct reply *rp)
{
	struct visit_body b = { 0 };
	struct visit_in in;
	enum err e = json_in_object(rq, &rp->problem, visit_fields, ARRAY_SIZE(visit_fields),
	    JSON_PATCH, &b);

	char st[16];
	int own;

	if (!e && json_in_has(&b, 0))
		e = problem_field(&rp->problem, "school_id", "督导学校不能修改");
	if (e && visit_state(rq->db, &rq->who, rq->id, st, &own) == ERR_NOT_FOUND)
		return ERR_NOT_FOUND;	/* a foreign visit: not found, fields or not */
	if (e)
		return e;
	in = (struct visit_in){ 0, b.visited_on, b.kind, b.summary };
	if ((e = visit_update(rq->db, &rq->who, rq->id, &in, &rp->problem)))
		return e;
	return reply_visit(rq, rp, 200, rq->id);
}

struct item_body {
	struct json_present p;
	const char *code, *note;
	int checked;
};

static const struct json_field item_fields[] = {
	{ "code", JF_STR, JF_REQUIRED | JF_NONEMPTY, 0, 15, offsetof(struct item_body, code),
	    NULL },
	{ "checked", JF_BOOL, JF_REQUIRED, 0, 0, offsetof(struct item_body, checked), NULL },
	{ "note", JF_STR, 0, 0, 1000, offsetof(struct item_body, note), NULL },
};

#define ITEMS_MAX 64

/* PUT {"items":[{code, checked, note?}, …]}: the whole checklist, replaced. */
static enum err
api_visits_items(struct req *rq, struct reply *rp)
{
	struct problem *pb = &rp->problem;
	struct visit_item_in v[ITEMS_MAX];
	json_t *root, *arr, *el;
	size_t i;
	int n = 0;
	enum err e = json_in_array_body(rq, pb, "items", ITEMS_MAX, &root, &arr);

	if (e) {
		json_decref(root);
		return e;
	}
	json_array_foreach(arr, i, el) {
		struct item_body b = { 0 };
		struct problem sub = { 0 };
		char prefix[32], *text = json_dumps(el, JSON_COMPACT);

		snprintf(prefix, sizeof(prefix), "items[%zu]", i);
		if (!json_is_object(el) || !text)
			problem_field(pb, prefix, "应为对象 {code, checked, note}");
		else if (json_in_text(rq, &sub, text, strlen(text), item_fields,
		    ARRAY_SIZE(item_fields), JSON_CREATE, &b))
			problem_nest(pb, &sub, prefix);
		else
			v[n++] = (struct visit_item_in){ b.code, b.note, b.checked };
		free(text);
	}
	json_decref(root);
	if (pb->nfields) {
		/* A foreign visit is not found before its items are judged. */
		char st[16];
		int own;

		if (visit_state(rq->db, &rq->who, rq->id, st, &own) == ERR_NOT_FOUND)
			return ERR_NOT_FOUND;
		return ERR_INVALID;
	}
	if ((e = visit_put_items(rq->db, &rq->who, rq->id, n, v, pb)))
		return e;
	return reply_visit(rq, rp, 200, rq->id);
}

static enum err
api_visits_submit(struct req *rq, struct reply *rp)
{
	enum err e = visit_submit(rq->db, &rq->who, rq->id, &rp->problem);

	if (e)
		return e;
	return reply_visit(rq, rp, 200, rq->id);
}

static enum err
api_visits_get(struct req *rq, struct reply *rp)
{
	return reply_visit(rq, rp, 200, rq->id);
}

static enum err
api_visits_list(struct req *rq, struct reply *rp)
{
	static const struct sort_key sorts[] = { { "default", "v.visited_on" } };
	int64_t school_id = 0, supervisor_id = 0, total;
	const char *month = req_arg(rq, "month");
	int32_t d;
	char day[16];
	struct listq q;
	struct jw w;
	enum err e;

	listq_id(rq, &rp->problem, "school_id", &school_id);
	listq_id(rq, &rp->problem, "supervisor_id", &supervisor_id);
	if (month) {
		snprintf(day, sizeof(day), "%.7s-01", month);
		if (strlen(month) != 7 || date_parse(day, &d))
			problem_field(&rp->problem, "month", "应为月份 YYYY-MM");
	}
	e = listq_parse(rq, &rp->problem, sorts, ARRAY_SIZE(sorts), &q);
	if (e || rp->problem.nfields)
		return ERR_INVALID;
	reply_json_begin(rp, 200, &w);
	listq_begin(&w);
	if ((e = visit_list(rq->db, &rq->who, school_id, supervisor_id, month, q.page, q.per_page,
	    &w, &total)))
		return e;
	listq_end(&w, &q, total);
	return reply_json_end(rp, &w);
}

static enum err
api_visits_checklist(struct req *rq, struct reply *rp)
{
	struct jw w;

	(void)rq;
	reply_json_begin(rp, 200, &w);
	jw_obj(&w);
	jw_key(&w, "items");
	visit_write_checklist(&w);
	jw_key(&w, "kinds");
	jw_arr(&w);
	for (int i = 0; visit_kinds[i]; i++)
		jw_str(&w, visit_kinds[i]);
	jw_arr_end(&w);
	jw_kint(&w, "per_month", cfg.prin_visits_per_month);
	jw_obj_end(&w);
	return reply_json_end(rp, &w);
}

static enum err
api_visits_board(struct req *rq, struct reply *rp)
{
	const char *y = req_arg(rq, "year");
	int year = date_to_ymd(date_today()).y;
	struct jw w;
	enum err e;

	if (y) {
		char *end;
		long v = strtol(y, &end, 10);

		if (strlen(y) != 4 || *end || v < 2000 || v > 2100)
			return problem_field(&rp->problem, "year", "应为年份 YYYY");
		year = (int)v;
	}
	reply_json_begin(rp, 200, &w);
	jw_obj(&w);
	jw_kint(&w, "year", year);
	jw_kint(&w, "per_month", cfg.prin_visits_per_month);
	jw_key(&w, "items");
	jw_arr(&w);
	if ((e = visit_board(rq->db, &rq->who, year, &w)))
		return e;
	jw_arr_end(&w);
	jw_obj_end(&w);
	return reply_json_end(rp, &w);
}

struct vf_body {
	struct json_present p;
	const char *title, *detail, *severity, *deadline, *evidence_required;
};

#define OFF(f) offsetof(struct vf_body, f)
static const struct json_field vf_fields[] = {
	{ "title", JF_STR, JF_REQUIRED | JF_NONEMPTY, 0, 100, OFF(title), NULL },
	{ "detail", JF_STR, 0, 0, 2000, OFF(detail), NULL },
	{ "severity", JF_ENUM, JF_REQUIRED, 0, 0, OFF(severity), finding_severities },
	{ "deadline", JF_DATE, JF_REQUIRED, 0, 0, OFF(deadline), NULL },
	{ "evidence_required", JF_STR, 0, 0, 500, OFF(evidence_required), NULL },
};
#undef OFF

/* A problem found on the visit becomes a finding in one action. */
static enum err
api_visits_finding(struct req *rq, struct reply *rp)
{
	struct vf_body b = { 0 };
	struct finding_in in = { 0 };
	char st[16];
	int own;
	int64_t fid;
	struct jw w;
	enum err e = json_in_object(rq, &rp->problem, vf_fields, ARRAY_SIZE(vf_fields),
	    JSON_CREATE, &b);

	if (e && visit_state(rq->db, &rq->who, rq->id, st, &own) == ERR_NOT_FOUND)
		return ERR_NOT_FOUND;	/* a foreign visit: not found, fields or not */
	if (e)
		return e;
	in.title = b.title;
	in.detail = b.detail;
	in.severity = b.severity;
	in.deadline = b.deadline;
	in.evidence_required = b.evidence_required;
	if ((e = visit_raise_finding(rq->db, &rq->who, rq->id, &in, &rp->problem, &fid)))
		return e;
	reply_json_begin(rp, 201, &w);
	jw_obj(&w);
	jw_kint(&w, "id", fid);
	jw_kint(&w, "visit_id", rq->id);
	jw_kint(&w, "org_id", in.org_id);
	jw_kstr(&w, "source", "prin_visit");
	jw_obj_end(&w);
	return reply_json_end(rp, &w);
}

const struct route visit_routes[] = {
	{ "GET", "/api/v1/prin-visits/checklist", api_visits_checklist, READERS, 0 },
	{ "GET", "/api/v1/prin-visits/board", api_visits_board, BOARD, 0 },
	{ "GET", "/api/v1/prin-visits", api_visits_list, READERS, 0 },
	{ "POST", "/api/v1/prin-visits", api_visits_create, ROLE_SUPERVISOR, 0 },
	{ "GET", "/api/v1/prin-visits/:id", api_visits_get, READERS, 0 },
	{ "PATCH", "/api/v1/prin-visits/:id", api_visits_update, ROLE_SUPERVISOR, 0 },
	{ "PUT", "/api/v1/prin-visits/:id/items", api_visits_items, ROLE_SUPERVISOR, 0 },
	{ "POST", "/api/v1/prin-visits/:id/submit", api_visits_submit, ROLE_SUPERVISOR, 0 },
	{ "POST", "/api/v1/prin-visits/:id/findings", api_visits_finding, ROLE_SUPERVISOR, 0 },
	ROUTES_END,
};

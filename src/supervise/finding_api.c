/* finding_api.c: the HTTP handlers of findings and their rectification
 * (issue 4): create by hand or from an alert, list, one with its timeline,
 * the four steps and the board. */
#include "core/common.h"
#include "supervise/finding_api.h"

#include <jansson.h>

#include "core/dates.h"
#include "http/json_in.h"
#include "http/listq.h"
#include "http/reply.h"
#include "supervise/finding.h"

#define ISSUERS (ROLE_DISTRICT | ROLE_INSPECTOR)

struct finding_body {
	struct json_present p;
	int64_t org_id;
	const char *title, *detail, *severity, *deadline, *evidence_required;
};

#define OFF(f) offsetof(struct finding_body, f)
static const struct json_field fields[] = {
	{ "org_id", JF_ID, JF_REQUIRED, 0, 0, OFF(org_id), NULL },
	{ "title", JF_STR, JF_REQUIRED | JF_NONEMPTY, 0, 100, OFF(title), NULL },
	{ "detail", JF_STR, 0, 0, 2000, OFF(detail), NULL },
	{ "severity", JF_ENUM, JF_REQUIRED, 0, 0, OFF(severity), finding_severities },
	{ "deadline", JF_DATE, JF_REQUIRED, 0, 0, OFF(deadline), NULL },
	{ "evidence_required", JF_STR, 0, 0, 500, OFF(evidence_required), NULL },
};
#undef OFF

struct act_body {
	struct json_present p;
	const char *text;
};

static const struct json_field submit_fields[] = {
	{ "evidence", JF_STR, JF_REQUIRED | JF_NONEMPTY, 0, 2000, offsetof(struct act_body, text),
	    NULL },
};
static const struct json_field verify_fields[] = {
	{ "note", JF_STR, 0, 0, 500, offsetof(struct act_body, text), NULL },
};
static const struct json_field return_fields[] = {
	{ "reason", JF_STR, JF_REQUIRED | JF_NONEMPTY, 0, 500, offsetof(struct act_body, text),
	    NULL },
};

static void
write_one(struct jw *w, const struct finding *f)
{
	jw_kint(w, "id", f->id);
	jw_kint(w, "org_id", f->org_id);
	jw_kstr(w, "org_name", f->org_name);
	jw_kstr(w, "source", f->source);
	jw_kstr(w, "source_ref", f->source_ref);
	jw_kstr(w, "title", f->title);
	jw_kstr(w, "detail", f->detail);
	jw_kstr(w, "severity", f->severity);
	jw_kstr(w, "evidence_required", f->evidence_required);
	jw_kstr(w, "deadline", f->deadline);
	jw_kstr(w, "state", finding_states[f->state]);
	jw_kbool(w, "overdue", f->overdue);
	jw_kid(w, "issued_by", f->issued_by);
	jw_kstr(w, "issued_on", f->issued_on);
	jw_kstr(w, "closed_on", f->closed_on);
	jw_ktime(w, "created_at", f->created_at);
	jw_ktime(w, "updated_at", f->updated_at);
}

static void
emit(void *ctx, const struct finding *f)
{
	jw_obj(ctx);
	write_one(ctx, f);
	jw_obj_end(ctx);
}

static void
emit_event(void *ctx, const struct finding_event *ev)
{
	struct jw *w = ctx;

	jw_obj(w);
	jw_kstr(w, "state", ev->state);
	jw_kstr(w, "note", ev->note);
	jw_kid(w, "actor_id", ev->actor_id);
	jw_kstr(w, "actor", ev->actor);
	jw_ktime(w, "at", ev->at);
	jw_obj_end(w);
}

static enum err
reply_one(struct req *rq, struct reply *rp, int status, int64_t id)
{
	struct finding f;
	struct jw w;
	enum err e;

	if ((e = finding_get(rq->db, &rq->who, id, &rq->arena, &f)))
		return e;
	reply_json_begin(rp, status, &w);
	jw_obj(&w);
	write_one(&w, &f);
	jw_key(&w, "timeline");
	jw_arr(&w);
	e = finding_timeline(rq->db, id, emit_event, &w);
	jw_arr_end(&w);
	jw_obj_end(&w);
	return e ? e : reply_json_end(rp, &w);
}

static enum err
api_findings_get(struct req *rq, struct reply *rp)
{
	return reply_one(rq, rp, 200, rq->id);
}

static enum err
api_findings_list(struct req *rq, struct reply *rp)
{
	static const struct sort_key sorts[] = { { "deadline", "f.deadline" } };
	static const char *const yes[] = { "0", "1", NULL };
	struct finding_filter f = { 0 };
	const char *overdue = NULL;
	int64_t total = 0;
	struct listq q;
	struct jw w;
	enum err e;

	listq_id(rq, &rp->problem, "org_id", &f.org_id);
	listq_enum(rq, &rp->problem, "state", finding_states, &f.state);
	listq_enum(rq, &rp->problem, "severity", finding_severities, &f.severity);
	listq_enum(rq, &rp->problem, "source", finding_sources, &f.source);
	listq_enum(rq, &rp->problem, "overdue", yes, &overdue);
	if ((e = listq_parse(rq, &rp->problem, sorts, 1, &q)))
		return e;
	f.overdue = overdue && *overdue == '1';
	f.page = q.page;
	f.per_page = q.per_page;
	reply_json_begin(rp, 200, &w);
	listq_begin(&w);
	if ((e = finding_list(rq->db, &rq->who, &f, emit, &w, &total)))
		return e;
	listq_end(&w, &q, total);
	return reply_json_end(rp, &w);
}

/* A string member of the alert object; NULL when absent. */
static const char *
alert_str(struct req *rq, json_t *o, const char *key, int required, struct problem *pb)
{
	json_t *v = json_object_get(o, key);

	if (!v || json_is_null(v)) {
		if (required)
			problem_field(pb, key, "不能为空");
		return NULL;
	}
	if (!json_is_string(v) || !*json_string_value(v) || json_string_length(v) > 400) {
		problem_field(pb, key, "应为非空文本");
		return NULL;
	}
	return arena_strdup(&rq->arena, json_string_value(v));
}

static int64_t
alert_id(json_t *o, const char *key, int required, struct problem *pb)
{
	json_t *v = json_object_get(o, key);

	if (!v || json_is_null(v)) {
		if (required)
			problem_field(pb, key, "不能为空");
		return 0;
	}
	if (!json_is_integer(v) || json_integer_value(v) <= 0) {
		problem_field(pb, key, "应为正整数");
		return 0;
	}
	return json_integer_value(v);
}

static enum err
decode_alert(struct req *rq, json_t *root, json_t *al, struct problem *pb,
    struct finding_alert_in *in)
{
	const char *key;
	json_t *v;

	json_object_foreach(root, key, v)
		if (strcmp(key, "alert") && strcmp(key, "severity") && strcmp(key, "deadline")
		    && strcmp(key, "evidence_required"))
			problem_field(pb, key, "不支持的字段");
	if (!json_is_object(al))
		return problem_field(pb, "alert", "应为预警对象 {kind, rule, org_id, member_id}");
	in->kind = alert_str(rq, al, "kind", 1, pb);
	in->rule = alert_str(rq, al, "rule", 0, pb);
	in->org_id = alert_id(al, "org_id", 1, pb);
	in->member_id = alert_id(al, "member_id", 0, pb);
	in->severity = alert_str(rq, root, "severity", 0, pb);
	in->deadline = alert_str(rq, root, "deadline", 0, pb);
	in->evidence_required = alert_str(rq, root, "evidence_required", 0, pb);
	if (in->severity && !problem_has(pb, "severity")) {
		int ok = 0;

		for (int i = 0; finding_severities[i]; i++)
			ok |= !strcmp(finding_severities[i], in->severity);
		if (!ok)
			problem_field(pb, "severity", "应为 minor、major 或 critical");
	}
	return pb->nfields ? ERR_INVALID : ERR_OK;
}

/* {"alert": {...}} raises from the alert centre; anything else is a
 * finding written by hand. */
static enum err
create_from_alert(struct req *rq, struct reply *rp, int64_t *id, int *handled)
{
	struct finding_alert_in in = { 0 };
	json_t *root, *al;
	enum err e;

	*handled = 0;
	root = json_loadb(buf_str(&rq->body), rq->body.len, 0, NULL);
	if (!json_is_object(root) || !(al = json_object_get(root, "alert"))) {
		json_decref(root);
		return ERR_OK;
	}
	*handled = 1;
	e = decode_alert(rq, root, al, &rp->problem, &in);
	json_decref(root);
	if (!e)
		e = finding_raise_alert(rq->db, &rq->who, &in, &rp->problem, id);
	return e;
}

static enum err
api_findings_create(struct req *rq, struct reply *rp)
{
	struct finding_body b = { 0 };
	struct finding_in in;
	int64_t id = 0;
	int handled;
	enum err e;

	if ((e = create_from_alert(rq, rp, &id, &handled)))
		return e;
	if (handled)
		return reply_one(rq, rp, 201, id);
	e = json_in_object(rq, &rp->problem, fields, ARRAY_SIZE(fields), JSON_CREATE, &b);
	if (e)
		return e;
	in = (struct finding_in){ b.org_id, b.title, b.detail, b.severity, b.evidence_required,
		b.deadline, "manual", NULL };
	if ((e = finding_create(rq->db, &rq->who, &in, &rp->problem, &id)))
		return e;
	return reply_one(rq, rp, 201, id);
}

static enum err
act(struct req *rq, struct reply *rp, enum finding_action a, const struct json_field *f)
{
	struct act_body b = { 0 };
	enum err e;

	if (f && (e = json_in_object(rq, &rp->problem, f, 1, JSON_CREATE, &b)))
		return e;
	if ((e = finding_act(rq->db, &rq->who, rq->id, a, b.text, &rp->problem)))
		return e;
	return reply_one(rq, rp, 200, rq->id);
}

static enum err
api_findings_start(struct req *rq, struct reply *rp)
{
	return act(rq, rp, FA_START, NULL);
}

static enum err
api_findings_submit(struct req *rq, struct reply *rp)
{
	return act(rq, rp, FA_SUBMIT, submit_fields);
}

static enum err
api_findings_verify(struct req *rq, struct reply *rp)
{
	return act(rq, rp, FA_VERIFY, rq->body.len ? verify_fields : NULL);
}

static enum err
api_findings_return(struct req *rq, struct reply *rp)
{
	return act(rq, rp, FA_RETURN, return_fields);
}

static void
emit_board(void *ctx, const struct finding_board_row *r)
{
	struct jw *w = ctx;
	char avg[32];

	jw_obj(w);
	if (r->source) {
		jw_kstr(w, "source", r->source);
	} else {
		jw_kint(w, "org_id", r->org_id);
		jw_kstr(w, "org_name", r->org_name);
		jw_kbool(w, "own", r->own);
	}
	jw_kint(w, "open", r->open);
	jw_kint(w, "overdue", r->overdue);
	jw_kint(w, "closed", r->closed);
	jw_key(w, "closure_rate");
	if (r->rate_pct < 0)
		jw_null(w);
	else
		jw_int(w, r->rate_pct);
	jw_key(w, "avg_days_to_close");
	snprintf(avg, sizeof(avg), "%.1f", r->avg_days);
	if (r->avg_days < 0)
		jw_null(w);
	else
		jw_raw(w, avg);
	jw_obj_end(w);
}

/* ?year= (default this year; 1900..2199) and ?by= (org or source). */
static void
board_args(struct req *rq, struct problem *pb, int *year, int *by_source)
{
	const char *ys = req_arg(rq, "year"), *by = req_arg(rq, "by");

	*year = date_year(date_today());
	if (ys && (strlen(ys) != 4 || strspn(ys, "0123456789") != 4 || strtol(ys, NULL, 10) < 1900
	    || strtol(ys, NULL, 10) > 2199))
		problem_field(pb, "year", "应为四位年份（1900–2199）");
	else if (ys)
		*year = (int)strtol(ys, NULL, 10);
	*by_source = by && !strcmp(by, "source");
	if (by && !*by_source && strcmp(by, "org"))
		problem_field(pb, "by", "应为 org 或 source");
}

static enum err
api_findings_board(struct req *rq, struct reply *rp)
{
	int64_t org_id = 0;
	int year, by_source;
	struct jw w;
	enum err e;

	listq_id(rq, &rp->problem, "org_id", &org_id);
	board_args(rq, &rp->problem, &year, &by_source);
	if (rp->problem.nfields)
		return ERR_INVALID;
	reply_json_begin(rp, 200, &w);
	jw_obj(&w);
	jw_kint(&w, "year", year);
	jw_kstr(&w, "by", by_source ? "source" : "org");
	jw_key(&w, "items");
	jw_arr(&w);
	e = (by_source ? finding_board_sources : finding_board)(rq->db, &rq->who, org_id, year,
	    emit_board, &w);
	if (e)
		return e;
	jw_arr_end(&w);
	jw_obj_end(&w);
	return reply_json_end(rp, &w);
}

/* Issued by the supervising side; the steps' sides are checked by
 * finding_step() so a wrong side gets a clear 403. */
const struct route finding_routes[] = {
	{ "GET", "/api/v1/findings", api_findings_list, ROLES_STAFF, 0 },
	{ "POST", "/api/v1/findings", api_findings_create, ISSUERS, 0 },
	{ "GET", "/api/v1/findings/board", api_findings_board, ROLES_STAFF, F_HEAVY },
	{ "GET", "/api/v1/findings/:id", api_findings_get, ROLES_STAFF, 0 },
	{ "POST", "/api/v1/findings/:id/start", api_findings_start, ROLES_STAFF, 0 },
	{ "POST", "/api/v1/findings/:id/submit", api_findings_submit, ROLES_STAFF, 0 },
	{ "POST", "/api/v1/findings/:id/verify", api_findings_verify, ROLES_STAFF, 0 },
	{ "POST", "/api/v1/findings/:id/return", api_findings_return, ROLES_STAFF, 0 },
	ROUTES_END,
};

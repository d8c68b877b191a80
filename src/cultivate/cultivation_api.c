/* cultivation_api.c: /api/v1/cultivation, the dual-cultivation registers:
 * list (the committee's comparison sorts by score), nominate, one record,
 * select, contacts, outcome and the statistics per school and year. */
#include "core/common.h"
#include "cultivate/cult_api.h"
#include "core/dates.h"
#include "cultivate/cult.h"
#include "cultivate/cultivation.h"
#include "http/json_in.h"
#include "http/listq.h"
#include "http/reply.h"

#define WRITERS (ROLE_DISTRICT | ROLE_SECRETARY)

struct nominate_body {
	struct json_present p;
	int64_t org_id, year, member_id;
	const char *kind, *name, *subject, *title, *nominated_on, *reason;
};

#define OFF(f) offsetof(struct nominate_body, f)
static const struct json_field nominate_fields[] = {
	{ "org_id", JF_ID, JF_REQUIRED, 0, 0, OFF(org_id), NULL },
	{ "year", JF_INT, JF_REQUIRED, 2000, 2100, OFF(year), NULL },
	{ "kind", JF_ENUM, JF_REQUIRED, 0, 0, OFF(kind), cult_kinds },
	{ "member_id", JF_ID, 0, 0, 0, OFF(member_id), NULL },
	{ "name", JF_STR, 0, 0, 32, OFF(name), NULL },
	{ "subject", JF_STR, 0, 0, 32, OFF(subject), NULL },
	{ "title", JF_STR, 0, 0, 64, OFF(title), NULL },
	{ "nominated_on", JF_DATE, JF_REQUIRED, 0, 0, OFF(nominated_on), NULL },
	{ "reason", JF_STR, 0, 0, 500, OFF(reason), NULL },
};
#undef OFF

struct select_body {
	struct json_present p;
	int selected;
	int64_t score;
	const char *date;
};

#define OFF(f) offsetof(struct select_body, f)
static const struct json_field select_fields[] = {
	{ "selected", JF_BOOL, JF_REQUIRED, 0, 0, OFF(selected), NULL },
	{ "score", JF_INT, JF_REQUIRED, 0, 100, OFF(score), NULL },
	{ "date", JF_DATE, JF_REQUIRED, 0, 0, OFF(date), NULL },
};
#undef OFF

struct contacts_body {
	struct json_present p;
	struct id_list ids;
};

static const struct json_field contacts_fields[] = {
	{ "member_ids", JF_ID_LIST, JF_REQUIRED, 0, 8, offsetof(struct contacts_body, ids), NULL },
};

struct outcome_body {
	struct json_present p;
	struct cultivation_outcome_in in;
};

#define OFF(f) offsetof(struct outcome_body, in.f)
static const struct json_field outcome_fields[] = {
	{ "outcome", JF_ENUM, JF_REQUIRED, 0, 0, OFF(outcome), cult_outcomes },
	{ "date", JF_DATE, JF_REQUIRED, 0, 0, OFF(date), NULL },
	{ "title", JF_STR, 0, 0, 64, OFF(title), NULL },
	{ "id_card", JF_STR, 0, 0, 18, OFF(id_card), NULL },
	{ "org_id", JF_ID, 0, 0, 0, OFF(org_id), NULL },
	{ "ethnicity", JF_STR, 0, 0, 20, OFF(ethnicity), NULL },
	{ "education", JF_STR, 0, 0, 20, OFF(education), NULL },
	{ "post", JF_STR, 0, 0, 40, OFF(post), NULL },
};
#undef OFF

static enum err
reply_one(struct req *rq, struct reply *rp, int status, int64_t id)
{
	return cult_reply(rq, rp, status, id, cultivation_get_json);
}

static enum err
api_cultivation_get(struct req *rq, struct reply *rp)
{
	return reply_one(rq, rp, 200, rq->id);
}

static enum err
api_cultivation_list(struct req *rq, struct reply *rp)
{
	static const struct sort_key sorts[] = { { "nominated_on", "c.nominated_on" },
		{ "score", "c.score" }, { "name", "c.name" }, { "outcome_on", "c.outcome_on" } };
	struct cultivation_filter f = { 0 };
	struct problem *pb = &rp->problem;
	int64_t total = 0;
	struct listq q;
	struct jw w;
	enum err e;

	listq_id(rq, pb, "school_id", &f.school_id);
	listq_enum(rq, pb, "kind", cult_kinds, &f.kind);
	listq_enum(rq, pb, "state", cult_states, &f.state);
	cult_year_arg(rq, pb, &f.year);
	if ((e = listq_parse(rq, pb, sorts, ARRAY_SIZE(sorts), &q)))
		return e;
	f.sort_col = q.sort_col;
	f.desc = q.desc;
	f.page = q.page;
	f.per_page = q.per_page;
	reply_json_begin(rp, 200, &w);
	listq_begin(&w);
	if ((e = cultivation_list_json(rq->db, &rq->who, &f, &w, &total)))
		return e;
	listq_end(&w, &q, total);
	return reply_json_end(rp, &w);
}

static enum err
api_cultivation_create(struct req *rq, struct reply *rp)
{
	struct nominate_body b = { 0 };
	struct cultivation_in in;
	int64_t id = 0;
	enum err e;

	e = json_in_object(rq, &rp->problem, nominate_fields, ARRAY_SIZE(nominate_fields),
	    JSON_CREATE, &b);
	if (e)
		return e;
	in = (struct cultivation_in){ b.org_id, b.year, b.member_id, b.kind, b.name, b.subject,
		b.title, b.nominated_on, b.reason };
	if ((e = cultivation_create(rq->db, &rq->who, &in, &rp->problem, &id)))
		return e;
	return reply_one(rq, rp, 201, id);
}

static enum err
api_cultivation_select(struct req *rq, struct reply *rp)
{
	struct select_body b = { 0 };
	enum err e;

	e = json_in_object(rq, &rp->problem, select_fields, ARRAY_SIZE(select_fields), JSON_CREATE,
	    &b);
	if (!e)
		e = cultivation_select(rq->db, &rq->who, rq->id, b.selected, b.score, b.date,
		    &rp->problem);
	return e ? e : reply_one(rq, rp, 200, rq->id);
}

static enum err
api_cultivation_contacts(struct req *rq, struct reply *rp)
{
	struct contacts_body b = { 0 };
	enum err e;

	e = json_in_object(rq, &rp->problem, contacts_fields, ARRAY_SIZE(contacts_fields),
	    JSON_CREATE, &b);
	if (!e)
		e = cultivation_contacts(rq->db, &rq->who, rq->id, b.ids.n, b.ids.v, &rp->problem);
	return e ? e : reply_one(rq, rp, 200, rq->id);
}

static enum err
api_cultivation_outcome(struct req *rq, struct reply *rp)
{
	struct outcome_body b = { 0 };
	enum err e;

	e = json_in_object(rq, &rp->problem, outcome_fields, ARRAY_SIZE(outcome_fields),
	    JSON_CREATE, &b);
	if (!e)
		e = cultivation_outcome(rq->db, &rq->who, rq->id, &b.in, &rp->problem);
	return e ? e : reply_one(rq, rp, 200, rq->id);
}

static enum err
api_cultivation_stats(struct req *rq, struct reply *rp)
{
	int64_t year = date_year(date_today());
	struct jw w;
	enum err e;

	cult_year_arg(rq, &rp->problem, &year);
	if (rp->problem.nfields)
		return ERR_INVALID;
	reply_json_begin(rp, 200, &w);
	jw_obj(&w);
	jw_kint(&w, "year", year);
	if ((e = cultivation_stats_json(rq->db, &rq->who, (int)year, &w)))
		return e;
	jw_obj_end(&w);
	return reply_json_end(rp, &w);
}

const struct route cultivation_routes[] = {
	{ "GET", "/api/v1/cultivation", api_cultivation_list, ROLES_STAFF, 0 },
	{ "POST", "/api/v1/cultivation", api_cultivation_create, WRITERS, 0 },
	{ "GET", "/api/v1/cultivation/stats", api_cultivation_stats, ROLES_STAFF, F_HEAVY },
	{ "GET", "/api/v1/cultivation/:id", api_cultivation_get, ROLES_STAFF, 0 },
	{ "POST", "/api/v1/cultivation/:id/select", api_cultivation_select, WRITERS, 0 },
	{ "PUT", "/api/v1/cultivation/:id/contacts", api_cultivation_contacts, WRITERS, 0 },
	{ "POST", "/api/v1/cultivation/:id/outcome", api_cultivation_outcome, WRITERS, 0 },
	ROUTES_END,
};

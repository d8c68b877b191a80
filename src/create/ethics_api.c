/* ethics_api.c: ethics activities, honours, confidential cases and the
 * grants that open them. */
#include "core/common.h"
#include "create/ethics_api.h"

#include "core/dates.h"
#include "create/ethics.h"
#include "create/owner.h"
#include "create/rec_api.h"
#include "http/listq.h"
#include "http/reply.h"

REC_HANDLERS(api_ethics_activities, &ethics_activity_kind)
REC_HANDLERS(api_ethics_honors, &ethics_honor_kind)

struct case_body {
	struct json_present p;
	int64_t school_id;
	const char *person, *occurred_on, *summary, *handling, *status;
};

#define OFF(f) offsetof(struct case_body, f)
static const struct json_field case_fields[] = {
	{ "school_id", JF_ID, 0, 0, 0, OFF(school_id), NULL },
	{ "person", JF_STR, JF_REQUIRED | JF_NONEMPTY, 0, 40, OFF(person), NULL },
	{ "occurred_on", JF_DATE, JF_REQUIRED, 0, 0, OFF(occurred_on), NULL },
	{ "summary", JF_STR, JF_REQUIRED | JF_NONEMPTY, 0, 2000, OFF(summary), NULL },
	{ "handling", JF_STR, 0, 0, 2000, OFF(handling), NULL },
	{ "status", JF_ENUM, 0, 0, 0, OFF(status), ethics_case_statuses },
};
#undef OFF

struct grant_body {
	struct json_present p;
	int64_t user_id;
	const char *note;
};

static const struct json_field grant_fields[] = {
	{ "user_id", JF_ID, JF_REQUIRED, 0, 0, offsetof(struct grant_body, user_id), NULL },
	{ "note", JF_STR, 0, 0, 200, offsetof(struct grant_body, note), NULL },
};

static enum err
reply_case(struct req *rq, struct reply *rp, int status, int64_t id)
{
	struct jw w;
	enum err e;

	reply_json_begin(rp, status, &w);
	if ((e = ethics_case_read(rq->db, &rq->who, id, &w)))
		return e;
	return reply_json_end(rp, &w);
}

static enum err
api_ethics_cases_list(struct req *rq, struct reply *rp)
{
	int64_t school_id = 0, total = 0;
	struct jw w;
	enum err e;

	if ((e = listq_id(rq, &rp->problem, "school_id", &school_id)))
		return e;
	reply_json_begin(rp, 200, &w);
	listq_begin(&w);
	if ((e = ethics_case_list(rq->db, &rq->who, school_id, &w, &total)))
		return e;
	jw_arr_end(&w);
	jw_kint(&w, "total", total);
	jw_obj_end(&w);
	return reply_json_end(rp, &w);
}

static enum err
api_ethics_cases_get(struct req *rq, struct reply *rp)
{
	return reply_case(rq, rp, 200, rq->id);
}

static enum err
api_ethics_cases_create(struct req *rq, struct reply *rp)
{
	struct case_body b = { 0 };
	struct ethics_case_in in;
	int64_t id = 0;
	enum err e;

	/* Without the grant the resource does not exist, whatever the body. */
	if (!ethics_granted(rq->db, &rq->who))
		return ERR_NOT_FOUND;
	e = json_in_object(rq, &rp->problem, case_fields, ARRAY_SIZE(case_fields), JSON_CREATE,
	    &b);
	if (e)
		return e;
	in = (struct ethics_case_in){ b.school_id, b.person, b.occurred_on, b.summary, b.handling,
		b.status };
	if ((e = ethics_case_create(rq->db, &rq->who, &in, &rp->problem, &id)))
		return e;
	return reply_case(rq, rp, 201, id);
}

static enum err
api_ethics_cases_update(struct req *rq, struct reply *rp)
{
	struct case_body b = { 0 };
	struct ethics_case_in in;
	enum err e;

	if (!ethics_granted(rq->db, &rq->who))
		return ERR_NOT_FOUND;
	e = json_in_object(rq, &rp->problem, case_fields, ARRAY_SIZE(case_fields), JSON_PATCH,
	    &b);
	if (!e && json_in_has(&b, 0))
		e = problem_field(&rp->problem, "school_id", "不能修改");
	if (e)
		return e;
	in = (struct ethics_case_in){ 0, b.person, b.occurred_on, b.summary, b.handling,
		b.status };
	if ((e = ethics_case_update(rq->db, &rq->who, rq->id, &in, &rp->problem)))
		return e;
	return reply_case(rq, rp, 200, rq->id);
}

static enum err
api_ethics_summary(struct req *rq, struct reply *rp)
{
	const char *ys = req_arg(rq, "year");
	int year = date_year(date_today());
	int64_t school_id = 0;
	struct jw w;
	enum err e;

	listq_id(rq, &rp->problem, "school_id", &school_id);
	if (ys && (strlen(ys) != 4 || strspn(ys, "0123456789") != 4))
		problem_field(&rp->problem, "year", "应为四位年份");
	else if (ys)
		year = (int)strtol(ys, NULL, 10);
	if (rp->problem.nfields)
		return ERR_INVALID;
	reply_json_begin(rp, 200, &w);
	if ((e = ethics_write_summary(rq->db, &rq->who, school_id, year, &w)))
		return e;
	return reply_json_end(rp, &w);
}

static enum err
api_ethics_grants_list(struct req *rq, struct reply *rp)
{
	struct jw w;
	enum err e;

	reply_json_begin(rp, 200, &w);
	listq_begin(&w);
	if ((e = ethics_write_grants(rq->db, &w)))
		return e;
	listq_items_end(&w);
	return reply_json_end(rp, &w);
}

static enum err
api_ethics_grants_create(struct req *rq, struct reply *rp)
{
	struct grant_body b = { 0 };
	enum err e;

	e = json_in_object(rq, &rp->problem, grant_fields, ARRAY_SIZE(grant_fields), JSON_CREATE,
	    &b);
	if (!e)
		e = ethics_grant(rq->db, &rq->who, b.user_id, b.note, &rp->problem);
	return e ? e : api_ethics_grants_list(rq, rp);
}

static enum err
api_ethics_grants_delete(struct req *rq, struct reply *rp)
{
	enum err e = ethics_revoke(rq->db, &rq->who, rq->id);

	return e ? e : api_ethics_grants_list(rq, rp);
}

/* Cases: any staff role may hold a grant, and only a grant opens them. */
const struct route ethics_routes[] = {
	{ "GET", "/api/v1/ethics/summary", api_ethics_summary, ROLES_STAFF, 0 },
	REC_ROUTES(api_ethics_activities, "/api/v1/ethics/activities"),
	REC_ROUTES(api_ethics_honors, "/api/v1/ethics/honors"),
	{ "GET", "/api/v1/ethics/cases", api_ethics_cases_list, ROLES_STAFF, 0 },
	{ "POST", "/api/v1/ethics/cases", api_ethics_cases_create, OWNER_WRITERS, 0 },
	{ "GET", "/api/v1/ethics/cases/:id", api_ethics_cases_get, ROLES_STAFF, 0 },
	{ "PATCH", "/api/v1/ethics/cases/:id", api_ethics_cases_update, OWNER_WRITERS, 0 },
	{ "GET", "/api/v1/ethics/grants", api_ethics_grants_list, OWNER_SUPERVISORS, 0 },
	{ "POST", "/api/v1/ethics/grants", api_ethics_grants_create, OWNER_SUPERVISORS, 0 },
	{ "DELETE", "/api/v1/ethics/grants/:id", api_ethics_grants_delete, OWNER_SUPERVISORS, 0 },
	ROUTES_END,
};

/* alliance_api.c: alliances, their monthly four ones and the board. */
#include "core/common.h"
#include "create/alliance_api.h"

#include "core/dates.h"
#include "create/alliance.h"
#include "create/owner.h"
#include "create/rec_api.h"
#include "http/json_in.h"
#include "http/listq.h"
#include "http/reply.h"

struct alliance_body {
	struct json_present p;
	const char *name, *founded_on, *note;
	int64_t lead_school_id;
	struct id_list schools;
};

#define OFF(f) offsetof(struct alliance_body, f)
static const struct json_field fields[] = {
	{ "name", JF_STR, JF_REQUIRED | JF_NONEMPTY, 0, 60, OFF(name), NULL },
	{ "lead_school_id", JF_ID, JF_REQUIRED, 0, 0, OFF(lead_school_id), NULL },
	{ "school_ids", JF_ID_LIST, 0, 0, 100, OFF(schools), NULL },
	{ "founded_on", JF_DATE, 0, 0, 0, OFF(founded_on), NULL },
	{ "note", JF_STR, 0, 0, 1000, OFF(note), NULL },
};
#undef OFF

struct activity_body {
	struct json_present p;
	const char *kind, *held_on, *title, *outputs;
	int64_t host_school_id, attendance;
};

#define OFF(f) offsetof(struct activity_body, f)
static const struct json_field activity_fields[] = {
	{ "kind", JF_ENUM, JF_REQUIRED, 0, 0, OFF(kind), alliance_kinds },
	{ "held_on", JF_DATE, JF_REQUIRED, 0, 0, OFF(held_on), NULL },
	{ "host_school_id", JF_ID, JF_REQUIRED, 0, 0, OFF(host_school_id), NULL },
	{ "title", JF_STR, JF_REQUIRED | JF_NONEMPTY, 0, 100, OFF(title), NULL },
	{ "attendance", JF_INT, JF_REQUIRED, 0, 100000, OFF(attendance), NULL },
	{ "outputs", JF_STR, 0, 0, 2000, OFF(outputs), NULL },
};
#undef OFF

/* ?month=YYYY-MM, default this month; NULL and a named field when bad. */
static const char *
month_arg(struct req *rq, struct problem *pb, int dflt)
{
	const char *m = req_arg(rq, "month");
	char *cur;

	if (m && *m) {
		if (alliance_month_valid(m))
			return m;
		problem_field(pb, "month", "应为年月 YYYY-MM");
		return NULL;
	}
	if (!dflt)
		return NULL;
	cur = arena_alloc(&rq->arena, 11);
	date_format(date_today(), cur);
	cur[7] = '\0';
	return cur;
}

static enum err
reply_one(struct req *rq, struct reply *rp, int status, int64_t id, const char *month)
{
	struct jw w;
	enum err e;

	reply_json_begin(rp, status, &w);
	if ((e = alliance_write_one(rq->db, &rq->who, id, month, &w)))
		return e;
	return reply_json_end(rp, &w);
}

static enum err
api_alliances_list(struct req *rq, struct reply *rp)
{
	int64_t total = 0;
	struct jw w;
	enum err e;

	reply_json_begin(rp, 200, &w);
	listq_begin(&w);
	if ((e = alliance_write_list(rq->db, &rq->who, &w, &total)))
		return e;
	jw_arr_end(&w);
	jw_kint(&w, "total", total);
	jw_obj_end(&w);
	return reply_json_end(rp, &w);
}

static enum err
api_alliances_get(struct req *rq, struct reply *rp)
{
	const char *month = month_arg(rq, &rp->problem, 0);

	if (rp->problem.nfields)
		return ERR_INVALID;
	return reply_one(rq, rp, 200, rq->id, month);
}

static void
to_in(const struct alliance_body *b, struct alliance_in *in)
{
	*in = (struct alliance_in){ b->name, b->founded_on, b->note, b->lead_school_id, b->schools,
		json_in_has(b, 2) };
}

static enum err
api_alliances_create(struct req *rq, struct reply *rp)
{
	struct alliance_body b = { 0 };
	struct alliance_in in;
	int64_t id = 0;
	enum err e;

	e = json_in_object(rq, &rp->problem, fields, ARRAY_SIZE(fields), JSON_CREATE, &b);
	if (e)
		return e;
	to_in(&b, &in);
	if ((e = alliance_create(rq->db, &rq->who, &in, &rp->problem, &id)))
		return e;
	return reply_one(rq, rp, 201, id, NULL);
}

static enum err
api_alliances_update(struct req *rq, struct reply *rp)
{
	struct alliance_body b = { 0 };
	struct alliance_in in;
	enum err e;

	e = json_in_object(rq, &rp->problem, fields, ARRAY_SIZE(fields), JSON_PATCH, &b);
	if (e)
		return e;
	to_in(&b, &in);
	if ((e = alliance_update(rq->db, &rq->who, rq->id, &in, &rp->problem)))
		return e;
	return reply_one(rq, rp, 200, rq->id, NULL);
}

static enum err
api_alliances_delete(struct req *rq, struct reply *rp)
{
	return rec_api_deleted(rq, rp, alliance_delete(rq->db, &rq->who, rq->id, &rp->problem));
}

static enum err
api_alliances_record(struct req *rq, struct reply *rp)
{
	struct activity_body b = { 0 };
	struct alliance_activity_in in;
	int64_t aid = 0;
	char month[8];
	enum err e;

	e = json_in_object(rq, &rp->problem, activity_fields, ARRAY_SIZE(activity_fields),
	    JSON_CREATE, &b);
	if (e)
		return e;
	in = (struct alliance_activity_in){ b.kind, b.held_on, b.title, b.outputs,
		b.host_school_id, b.attendance };
	if ((e = alliance_record(rq->db, &rq->who, rq->id, &in, &rp->problem, &aid)))
		return e;
	snprintf(month, sizeof(month), "%.7s", b.held_on);
	return reply_one(rq, rp, 201, rq->id, month);
}

static enum err
api_alliances_unrecord(struct req *rq, struct reply *rp)
{
	return rec_api_deleted(rq, rp, alliance_unrecord(rq->db, &rq->who, rq->id));
}

static enum err
api_alliances_board(struct req *rq, struct reply *rp)
{
	const char *month = month_arg(rq, &rp->problem, 1);
	struct jw w;
	enum err e;

	if (!month)
		return ERR_INVALID;
	reply_json_begin(rp, 200, &w);
	jw_obj(&w);
	jw_kstr(&w, "month", month);
	jw_key(&w, "items");
	jw_arr(&w);
	if ((e = alliance_write_board(rq->db, &rq->who, month, &w)))
		return e;
	jw_arr_end(&w);
	jw_obj_end(&w);
	return reply_json_end(rp, &w);
}

/* The district forms alliances; a member school's staff record its four
 * ones (as host). */
const struct route alliance_routes[] = {
	{ "GET", "/api/v1/alliances", api_alliances_list, ROLES_STAFF, 0 },
	{ "POST", "/api/v1/alliances", api_alliances_create, OWNER_SUPERVISORS, 0 },
	{ "GET", "/api/v1/alliances/board", api_alliances_board, ROLES_STAFF, F_HEAVY },
	{ "GET", "/api/v1/alliances/:id", api_alliances_get, ROLES_STAFF, 0 },
	{ "PATCH", "/api/v1/alliances/:id", api_alliances_update, OWNER_SUPERVISORS, 0 },
	{ "DELETE", "/api/v1/alliances/:id", api_alliances_delete, OWNER_SUPERVISORS, 0 },
	{ "POST", "/api/v1/alliances/:id/activities", api_alliances_record, OWNER_WRITERS, 0 },
	{ "DELETE", "/api/v1/alliances/activities/:id", api_alliances_unrecord, OWNER_WRITERS, 0 },
	ROUTES_END,
};

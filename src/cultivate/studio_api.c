/* studio_api.c: /api/v1/studios: list with per-studio counts and district
 * totals, create, one with its members, activities and outputs, and the
 * writes on each. */
#include "core/common.h"
#include "cultivate/cult_api.h"
#include "cultivate/cult.h"
#include "cultivate/studio.h"
#include "http/json_in.h"
#include "http/reply.h"

#define WRITERS (ROLE_DISTRICT | ROLE_SECRETARY)

struct studio_body {
	struct json_present p;
	int64_t org_id, host_member_id;
	const char *name, *kind, *host_name, *level, *focus, *founded_on;
};

#define OFF(f) offsetof(struct studio_body, f)
static const struct json_field studio_fields[] = {
	{ "org_id", JF_ID, JF_REQUIRED, 0, 0, OFF(org_id), NULL },
	{ "name", JF_STR, JF_REQUIRED | JF_NONEMPTY, 0, 64, OFF(name), NULL },
	{ "kind", JF_ENUM, JF_REQUIRED, 0, 0, OFF(kind), studio_kinds },
	{ "host_name", JF_STR, JF_REQUIRED | JF_NONEMPTY, 0, 32, OFF(host_name), NULL },
	{ "host_member_id", JF_ID, 0, 0, 0, OFF(host_member_id), NULL },
	{ "level", JF_ENUM, JF_REQUIRED, 0, 0, OFF(level), studio_levels },
	{ "focus", JF_STR, 0, 0, 200, OFF(focus), NULL },
	{ "founded_on", JF_DATE, JF_REQUIRED, 0, 0, OFF(founded_on), NULL },
};
#undef OFF

struct member_body {
	struct json_present p;
	int64_t member_id;
	const char *name, *unit, *joined_on;
};

#define OFF(f) offsetof(struct member_body, f)
static const struct json_field member_fields[] = {
	{ "name", JF_STR, JF_REQUIRED | JF_NONEMPTY, 0, 32, OFF(name), NULL },
	{ "member_id", JF_ID, 0, 0, 0, OFF(member_id), NULL },
	{ "unit", JF_STR, 0, 0, 64, OFF(unit), NULL },
	{ "joined_on", JF_DATE, JF_REQUIRED, 0, 0, OFF(joined_on), NULL },
};
#undef OFF

struct leave_body {
	struct json_present p;
	const char *left_on;
};

static const struct json_field leave_fields[] = {
	{ "left_on", JF_DATE, JF_REQUIRED, 0, 0, offsetof(struct leave_body, left_on), NULL },
};

struct item_body {
	struct json_present p;
	const char *kind, *title, *date, *level, *note;
	int64_t participants;
};

#define OFF(f) offsetof(struct item_body, f)
static const struct json_field activity_fields[] = {
	{ "kind", JF_ENUM, JF_REQUIRED, 0, 0, OFF(kind), studio_activity_kinds },
	{ "title", JF_STR, JF_REQUIRED | JF_NONEMPTY, 0, 100, OFF(title), NULL },
	{ "held_on", JF_DATE, JF_REQUIRED, 0, 0, OFF(date), NULL },
	{ "participants", JF_INT, 0, 0, 10000, OFF(participants), NULL },
	{ "note", JF_STR, 0, 0, 500, OFF(note), NULL },
};
static const struct json_field output_fields[] = {
	{ "kind", JF_ENUM, JF_REQUIRED, 0, 0, OFF(kind), studio_output_kinds },
	{ "title", JF_STR, JF_REQUIRED | JF_NONEMPTY, 0, 100, OFF(title), NULL },
	{ "made_on", JF_DATE, JF_REQUIRED, 0, 0, OFF(date), NULL },
	{ "level", JF_STR, 0, 0, 32, OFF(level), NULL },
	{ "note", JF_STR, 0, 0, 500, OFF(note), NULL },
};
#undef OFF

static enum err
reply_one(struct req *rq, struct reply *rp, int status, int64_t id)
{
	return cult_reply(rq, rp, status, id, studio_get_json);
}

static enum err
api_studios_get(struct req *rq, struct reply *rp)
{
	return reply_one(rq, rp, 200, rq->id);
}

static enum err
api_studios_list(struct req *rq, struct reply *rp)
{
	struct jw w;
	enum err e;

	reply_json_begin(rp, 200, &w);
	jw_obj(&w);
	if ((e = studio_list_json(rq->db, &rq->who, &w)))
		return e;
	jw_obj_end(&w);
	return reply_json_end(rp, &w);
}

/* A studio's whole body (creation and replacement take the same). */
static enum err
studio_decode(struct req *rq, struct reply *rp, struct studio_in *in)
{
	struct studio_body b = { 0 };
	enum err e;

	e = json_in_object(rq, &rp->problem, studio_fields, ARRAY_SIZE(studio_fields), JSON_CREATE,
	    &b);
	if (!e)
		*in = (struct studio_in){ b.org_id, b.host_member_id, b.name, b.kind, b.host_name,
			b.level, b.focus, b.founded_on };
	return e;
}

static enum err
api_studios_create(struct req *rq, struct reply *rp)
{
	struct studio_in in;
	int64_t id = 0;
	enum err e = studio_decode(rq, rp, &in);

	if (!e)
		e = studio_create(rq->db, &rq->who, &in, &rp->problem, &id);
	return e ? e : reply_one(rq, rp, 201, id);
}

static enum err
member_decode(struct req *rq, struct reply *rp, struct studio_member_in *in)
{
	struct member_body b = { 0 };
	enum err e;

	e = json_in_object(rq, &rp->problem, member_fields, ARRAY_SIZE(member_fields), JSON_CREATE,
	    &b);
	if (!e)
		*in = (struct studio_member_in){ b.member_id, b.name, b.unit, b.joined_on };
	return e;
}

static enum err
api_studio_members_create(struct req *rq, struct reply *rp)
{
	struct studio_member_in in;
	enum err e = member_decode(rq, rp, &in);

	if (!e)
		e = studio_member_add(rq->db, &rq->who, rq->id, &in, &rp->problem);
	return e ? e : reply_one(rq, rp, 201, rq->id);
}

static enum err
api_studio_members_leave(struct req *rq, struct reply *rp)
{
	struct leave_body b = { 0 };
	struct jw w;
	enum err e;

	e = json_in_object(rq, &rp->problem, leave_fields, ARRAY_SIZE(leave_fields), JSON_CREATE,
	    &b);
	if (!e)
		e = studio_member_leave(rq->db, &rq->who, rq->id, b.left_on, &rp->problem);
	if (e)
		return e;
	reply_json_begin(rp, 200, &w);
	jw_obj(&w);
	jw_kint(&w, "id", rq->id);
	jw_kstr(&w, "left_on", b.left_on);
	jw_obj_end(&w);
	return reply_json_end(rp, &w);
}

static enum err
item(struct req *rq, struct reply *rp, const struct json_field *f, size_t nf, int output)
{
	struct item_body b = { 0 };
	struct studio_item_in in;
	enum err e;

	if ((e = json_in_object(rq, &rp->problem, f, nf, JSON_CREATE, &b)))
		return e;
	in = (struct studio_item_in){ b.kind, b.title, b.date, b.level, b.note, b.participants };
	e = output ? studio_output_add(rq->db, &rq->who, rq->id, &in, &rp->problem) :
	    studio_activity_add(rq->db, &rq->who, rq->id, &in, &rp->problem);
	return e ? e : reply_one(rq, rp, 201, rq->id);
}

static enum err
api_studio_activities_create(struct req *rq, struct reply *rp)
{
	return item(rq, rp, activity_fields, ARRAY_SIZE(activity_fields), 0);
}

static enum err
api_studio_outputs_create(struct req *rq, struct reply *rp)
{
	return item(rq, rp, output_fields, ARRAY_SIZE(output_fields), 1);
}

static enum err
api_studios_update(struct req *rq, struct reply *rp)
{
	struct studio_in in;
	enum err e = studio_decode(rq, rp, &in);

	if (!e)
		e = studio_update(rq->db, &rq->who, rq->id, &in, &rp->problem);
	return e ? e : reply_one(rq, rp, 200, rq->id);
}

struct close_body {
	struct json_present p;
	const char *closed_on;
};

static const struct json_field close_fields[] = {
	{ "closed_on", JF_DATE, JF_REQUIRED, 0, 0, offsetof(struct close_body, closed_on), NULL },
};

static enum err
api_studios_close(struct req *rq, struct reply *rp)
{
	struct close_body b = { 0 };
	enum err e;

	e = json_in_object(rq, &rp->problem, close_fields, ARRAY_SIZE(close_fields), JSON_CREATE,
	    &b);
	if (!e)
		e = studio_close(rq->db, &rq->who, rq->id, b.closed_on, &rp->problem);
	return e ? e : reply_one(rq, rp, 200, rq->id);
}

static enum err
api_studios_reopen(struct req *rq, struct reply *rp)
{
	enum err e = studio_reopen(rq->db, &rq->who, rq->id, &rp->problem);

	return e ? e : reply_one(rq, rp, 200, rq->id);
}

static enum err
api_studio_members_update(struct req *rq, struct reply *rp)
{
	struct studio_member_in in;
	int64_t sid = 0;
	enum err e = member_decode(rq, rp, &in);

	if (!e)
		e = studio_member_update(rq->db, &rq->who, rq->id, &in, &rp->problem, &sid);
	return e ? e : reply_one(rq, rp, 200, sid);
}

/* PUT (f given) or DELETE (f NULL) of an activity or an output. */
static enum err
item_edit(struct req *rq, struct reply *rp, const struct json_field *f, size_t nf, int output)
{
	struct item_body b = { 0 };
	struct studio_item_in in;
	int64_t sid = 0;
	enum err e;

	if (f && (e = json_in_object(rq, &rp->problem, f, nf, JSON_CREATE, &b)))
		return e;
	in = (struct studio_item_in){ b.kind, b.title, b.date, b.level, b.note, b.participants };
	e = studio_item_edit(rq->db, &rq->who, rq->id, output, f ? &in : NULL, &rp->problem, &sid);
	return e ? e : reply_one(rq, rp, 200, sid);
}

static enum err
api_studio_activities_update(struct req *rq, struct reply *rp)
{
	return item_edit(rq, rp, activity_fields, ARRAY_SIZE(activity_fields), 0);
}

static enum err
api_studio_activities_delete(struct req *rq, struct reply *rp)
{
	return item_edit(rq, rp, NULL, 0, 0);
}

static enum err
api_studio_outputs_update(struct req *rq, struct reply *rp)
{
	return item_edit(rq, rp, output_fields, ARRAY_SIZE(output_fields), 1);
}

static enum err
api_studio_outputs_delete(struct req *rq, struct reply *rp)
{
	return item_edit(rq, rp, NULL, 0, 1);
}

const struct route studio_routes[] = {
	{ "GET", "/api/v1/studios", api_studios_list, ROLES_STAFF, 0 },
	{ "POST", "/api/v1/studios", api_studios_create, WRITERS, 0 },
	{ "GET", "/api/v1/studios/:id", api_studios_get, ROLES_STAFF, 0 },
	{ "POST", "/api/v1/studios/:id/members", api_studio_members_create, WRITERS, 0 },
	{ "POST", "/api/v1/studios/members/:id/leave", api_studio_members_leave, WRITERS, 0 },
	{ "POST", "/api/v1/studios/:id/activities", api_studio_activities_create, WRITERS, 0 },
	{ "POST", "/api/v1/studios/:id/outputs", api_studio_outputs_create, WRITERS, 0 },
	{ "PUT", "/api/v1/studios/:id", api_studios_update, WRITERS, 0 },
	{ "POST", "/api/v1/studios/:id/close", api_studios_close, WRITERS, 0 },
	{ "POST", "/api/v1/studios/:id/reopen", api_studios_reopen, WRITERS, 0 },
	{ "PUT", "/api/v1/studios/members/:id", api_studio_members_update, WRITERS, 0 },
	{ "PUT", "/api/v1/studios/activities/:id", api_studio_activities_update, WRITERS, 0 },
	{ "DELETE", "/api/v1/studios/activities/:id", api_studio_activities_delete, WRITERS, 0 },
	{ "PUT", "/api/v1/studios/outputs/:id", api_studio_outputs_update, WRITERS, 0 },
	{ "DELETE", "/api/v1/studios/outputs/:id", api_studio_outputs_delete, WRITERS, 0 },
	ROUTES_END,
};

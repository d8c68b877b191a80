/* leader_api.c: /api/v1/leaders, the dual-leader register: list, create,
 * one, update, recognise, revoke and the district view by school. */
#include "core/common.h"
#include "cultivate/cult_api.h"
#include "cultivate/leader.h"
#include "http/json_in.h"
#include "http/listq.h"
#include "http/reply.h"

#define WRITERS (ROLE_DISTRICT | ROLE_SECRETARY)

struct leader_body {
	struct json_present p;
	int64_t member_id;
	const char *position, *party_work, *subject_titles, *backbone_level, *awards;
	const char *ev[CULT_CRITERIA];
};

#define OFF(f) offsetof(struct leader_body, f)
#define TXT(n, max) { #n, JF_STR, 0, 0, max, OFF(n), NULL }
#define EV(n, i) { n, JF_STR, 0, 0, 1000, OFF(ev[i]), NULL }
static const struct json_field leader_fields[] = {
	{ "member_id", JF_ID, JF_REQUIRED, 0, 0, OFF(member_id), NULL },
	{ "position", JF_ENUM, JF_REQUIRED, 0, 0, OFF(position), leader_positions },
	TXT(party_work, 1000),
	TXT(subject_titles, 200),
	TXT(backbone_level, 64),
	TXT(awards, 1000),
	EV("evidence_party", 0),
	EV("evidence_education", 1),
	EV("evidence_management", 2),
	EV("evidence_prestige", 3),
	EV("evidence_ideology", 4),
};
#undef TXT
#undef EV
#undef OFF

struct recognise_body {
	struct json_present p;
	const char *level, *date;
};

static const struct json_field recognise_fields[] = {
	{ "level", JF_ENUM, JF_REQUIRED, 0, 0, offsetof(struct recognise_body, level),
	    leader_levels },
	{ "date", JF_DATE, JF_REQUIRED, 0, 0, offsetof(struct recognise_body, date), NULL },
};

struct revoke_body {
	struct json_present p;
	const char *date, *reason;
};

static const struct json_field revoke_fields[] = {
	{ "date", JF_DATE, JF_REQUIRED, 0, 0, offsetof(struct revoke_body, date), NULL },
	{ "reason", JF_STR, JF_REQUIRED | JF_NONEMPTY, 0, 500, offsetof(struct revoke_body, reason),
	    NULL },
};

static enum err
reply_one(struct req *rq, struct reply *rp, int status, int64_t id)
{
	return cult_reply(rq, rp, status, id, leader_get_json);
}

static enum err
api_leaders_get(struct req *rq, struct reply *rp)
{
	return reply_one(rq, rp, 200, rq->id);
}

static void
to_in(const struct leader_body *b, struct leader_in *in)
{
	*in = (struct leader_in){ b->member_id, b->position, b->party_work, b->subject_titles,
		b->backbone_level, b->awards, { 0 } };
	for (int i = 0; i < CULT_CRITERIA; i++)
		in->evidence[i] = b->ev[i];
}

static enum err
api_leaders_create(struct req *rq, struct reply *rp)
{
	struct leader_body b = { 0 };
	struct leader_in in;
	int64_t id = 0;
	enum err e;

	e = json_in_object(rq, &rp->problem, leader_fields, ARRAY_SIZE(leader_fields), JSON_CREATE,
	    &b);
	if (e)
		return e;
	to_in(&b, &in);
	if ((e = leader_create(rq->db, &rq->who, &in, &rp->problem, &id)))
		return e;
	return reply_one(rq, rp, 201, id);
}

static enum err
api_leaders_update(struct req *rq, struct reply *rp)
{
	struct leader_body b = { 0 };
	struct leader_in in;
	enum err e;

	e = json_in_object(rq, &rp->problem, leader_fields, ARRAY_SIZE(leader_fields), JSON_PATCH,
	    &b);
	if (e)
		return e;
	if (json_in_has(&b, 0))
		return problem_field(&rp->problem, "member_id", "不能更改登记的党员");
	to_in(&b, &in);
	if ((e = leader_update(rq->db, &rq->who, rq->id, &in, &rp->problem)))
		return e;
	return reply_one(rq, rp, 200, rq->id);
}

static enum err
api_leaders_recognise(struct req *rq, struct reply *rp)
{
	struct recognise_body b = { 0 };
	enum err e;

	e = json_in_object(rq, &rp->problem, recognise_fields, ARRAY_SIZE(recognise_fields),
	    JSON_CREATE, &b);
	if (!e)
		e = leader_recognise(rq->db, &rq->who, rq->id, b.level, b.date, &rp->problem);
	return e ? e : reply_one(rq, rp, 200, rq->id);
}

static enum err
api_leaders_revoke(struct req *rq, struct reply *rp)
{
	struct revoke_body b = { 0 };
	enum err e;

	e = json_in_object(rq, &rp->problem, revoke_fields, ARRAY_SIZE(revoke_fields), JSON_CREATE,
	    &b);
	if (!e)
		e = leader_revoke(rq->db, &rq->who, rq->id, b.date, b.reason, &rp->problem);
	return e ? e : reply_one(rq, rp, 200, rq->id);
}

static enum err
api_leaders_list(struct req *rq, struct reply *rp)
{
	static const struct sort_key sorts[] = { { "school", "s.name" } };
	static const char *const yes[] = { "0", "1", NULL };
	struct leader_filter f = { 0 };
	struct problem *pb = &rp->problem;
	const char *rec = NULL;
	int64_t total = 0;
	struct listq q;
	struct jw w;
	enum err e;

	listq_id(rq, pb, "school_id", &f.school_id);
	listq_enum(rq, pb, "level", leader_levels, &f.level);
	listq_enum(rq, pb, "recognised", yes, &rec);
	if ((e = listq_parse(rq, pb, sorts, ARRAY_SIZE(sorts), &q)))
		return e;
	f.recognised = rec && *rec == '1';
	f.page = q.page;
	f.per_page = q.per_page;
	reply_json_begin(rp, 200, &w);
	listq_begin(&w);
	if ((e = leader_list_json(rq->db, &rq->who, &f, &w, &total)))
		return e;
	listq_end(&w, &q, total);
	return reply_json_end(rp, &w);
}

static enum err
api_leaders_schools(struct req *rq, struct reply *rp)
{
	struct jw w;
	enum err e;

	reply_json_begin(rp, 200, &w);
	jw_obj(&w);
	if ((e = leader_schools_json(rq->db, &rq->who, &w)))
		return e;
	jw_obj_end(&w);
	return reply_json_end(rp, &w);
}

const struct route leader_routes[] = {
	{ "GET", "/api/v1/leaders", api_leaders_list, ROLES_STAFF, 0 },
	{ "POST", "/api/v1/leaders", api_leaders_create, WRITERS, 0 },
	{ "GET", "/api/v1/leaders/schools", api_leaders_schools, ROLES_STAFF, 0 },
	{ "GET", "/api/v1/leaders/:id", api_leaders_get, ROLES_STAFF, 0 },
	{ "PATCH", "/api/v1/leaders/:id", api_leaders_update, WRITERS, 0 },
	{ "POST", "/api/v1/leaders/:id/recognise", api_leaders_recognise, WRITERS, 0 },
	{ "POST", "/api/v1/leaders/:id/revoke", api_leaders_revoke, WRITERS, 0 },
	ROUTES_END,
};

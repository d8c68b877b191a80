#include "core/common.h"
#include "party/school_api.h"
#include "http/json_in.h"
#include "http/listq.h"
#include "http/reply.h"
#include "party/school.h"

struct school_body {
	struct json_present p;
	const char *name, *stage, *ownership, *education_group;
};

static const struct json_field school_fields[] = {
	{ "name", JF_STR, JF_REQUIRED | JF_NONEMPTY, 0, 64, offsetof(struct school_body, name), NULL },
	{ "stage", JF_ENUM, JF_REQUIRED, 0, 0, offsetof(struct school_body, stage), school_stages },
	{ "ownership", JF_ENUM, JF_REQUIRED, 0, 0, offsetof(struct school_body, ownership),
	    school_ownerships },
	{ "education_group", JF_STR, 0, 0, 64, offsetof(struct school_body, education_group), NULL },
};

static enum err
decode(struct req *rq, struct reply *rp, enum json_mode mode, struct school_in *in)
{
	struct school_body b = { 0 };
	enum err e = json_in_object(rq, &rp->problem, school_fields, ARRAY_SIZE(school_fields), mode,
	    &b);

	if (e)
		return e;
	in->name = b.name;
	in->stage = b.stage;
	in->ownership = b.ownership;
	in->education_group = b.education_group;
	return ERR_OK;
}

static enum err
reply_school(struct req *rq, struct reply *rp, int status, int64_t id)
{
	struct school s;
	struct jw w;
	enum err e = school_get(rq->db, &rq->who, id, &rq->arena, &s);

	if (e)
		return e;
	reply_json_begin(rp, status, &w);
	jw_raw(&w, school_json(&s, &rq->arena));
	return reply_json_end(rp, &w);
}

static void
emit(void *ctx, const struct school *s)
{
	struct jw *w = ctx;
	struct arena a = ARENA_INIT;

	jw_raw(w, school_json(s, &a));
	arena_release(&a);
}

enum err
api_schools_list(struct req *rq, struct reply *rp)
{
	static const struct sort_key sorts[] = { { "name", "s.name" }, { "id", "s.id" },
		{ "stage", "s.stage" }, { "education_group", "s.education_group" } };
	struct school_filter f = { 0 };
	struct problem *pb = &rp->problem;
	struct listq q;
	const char *qs;
	int64_t total;
	struct jw w;
	enum err e;

	listq_text(rq, pb, "q", 64, &qs);
	listq_enum(rq, pb, "stage", school_stages, &f.stage);
	listq_enum(rq, pb, "ownership", school_ownerships, &f.ownership);
	listq_text(rq, pb, "education_group", 64, &f.education_group);
	if ((e = listq_parse(rq, pb, sorts, ARRAY_SIZE(sorts), &q)))
		return e;
	f.q = qs ? listq_like(&rq->arena, qs) : NULL;
	f.sort_col = q.sort_col;
	f.desc = q.desc;
	f.page = q.page;
	f.per_page = q.per_page;
	reply_json_begin(rp, 200, &w);
	listq_begin(&w);
	if ((e = school_list(rq->db, &rq->who, &f, emit, &w, &total)))
		return e;
	listq_end(&w, &q, total);
	return reply_json_end(rp, &w);
}

enum err
api_schools_create(struct req *rq, struct reply *rp)
{
	struct school_in in = { 0 };
	int64_t id;
	enum err e = decode(rq, rp, JSON_CREATE, &in);

	if (!e)
		e = school_create(rq->db, &rq->who, &in, &rp->problem, &id);
	return e ? e : reply_school(rq, rp, 201, id);
}

enum err
api_schools_get(struct req *rq, struct reply *rp)
{
	return reply_school(rq, rp, 200, rq->id);
}

enum err
api_schools_update(struct req *rq, struct reply *rp)
{
	struct school_in in = { 0 };
	enum err e = decode(rq, rp, JSON_PATCH, &in);

	if (!e)
		e = school_update(rq->db, &rq->who, rq->id, &in, &rp->problem);
	return e ? e : reply_school(rq, rp, 200, rq->id);
}

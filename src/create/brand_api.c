/* brand_api.c: brand projects with their stage timeline; their
 * milestones, evidence and outputs; research topics (课题). */
#include "core/common.h"
#include "create/brand_api.h"

#include "create/brand.h"
#include "create/owner.h"
#include "create/rec_api.h"
#include "http/json_in.h"
#include "http/listq.h"
#include "http/reply.h"

struct brand_body {
	struct json_present p;
	int64_t school_id;
	const char *name, *aim, *level, *declared_on;
};

#define OFF(f) offsetof(struct brand_body, f)
static const struct json_field fields[] = {
	{ "school_id", JF_ID, 0, 0, 0, OFF(school_id), NULL },
	{ "name", JF_STR, JF_REQUIRED | JF_NONEMPTY, 0, 60, OFF(name), NULL },
	{ "aim", JF_STR, 0, 0, 2000, OFF(aim), NULL },
	{ "level", JF_ENUM, JF_REQUIRED, 0, 0, OFF(level), brand_levels },
	{ "declared_on", JF_DATE, JF_REQUIRED, 0, 0, OFF(declared_on), NULL },
};
#undef OFF

struct step_body {
	struct json_present p;
	const char *stage, *held_on, *result, *note;
};

#define OFF(f) offsetof(struct step_body, f)
static const struct json_field step_fields[] = {
	{ "stage", JF_ENUM, JF_REQUIRED, 0, 0, OFF(stage), brand_stages },
	{ "held_on", JF_DATE, JF_REQUIRED, 0, 0, OFF(held_on), NULL },
	{ "result", JF_STR, 0, 0, 500, OFF(result), NULL },
	{ "note", JF_STR, 0, 0, 1000, OFF(note), NULL },
};
#undef OFF

static const char *const item_kinds[] = { "milestone", "evidence", "output", NULL };
static const struct json_field item_fields[] = {
	{ "project_id", JF_ID, JF_REQUIRED, 0, 0, REC_OFF(0), NULL },
	{ "kind", JF_ENUM, JF_REQUIRED, 0, 0, REC_OFF(1), item_kinds },
	{ "title", JF_STR, JF_REQUIRED | JF_NONEMPTY, 0, 100, REC_OFF(2), NULL },
	{ "held_on", JF_DATE, JF_NULLABLE, 0, 0, REC_OFF(3), NULL },
	{ "detail", JF_STR, 0, 0, 2000, REC_OFF(4), NULL },
};
static const struct rec_kind item_kind = { "brand_item", item_fields, 5, "brand_project",
	"t.held_on, t.id", "held_on", NULL, NULL, NULL };

static const char *const topic_levels[] = { "school", "district", "municipal", "national",
	NULL };
static const char *const topic_stages[] = { "approved", "midterm", "concluded", NULL };
static const struct json_field topic_fields[] = {
	{ "school_id", JF_ID, 0, 0, 0, REC_OFF(0), NULL },
	{ "title", JF_STR, JF_REQUIRED | JF_NONEMPTY, 0, 100, REC_OFF(1), NULL },
	{ "level", JF_ENUM, JF_REQUIRED, 0, 0, REC_OFF(2), topic_levels },
	{ "stage", JF_ENUM, JF_REQUIRED, 0, 0, REC_OFF(3), topic_stages },
	{ "lead", JF_STR, 0, 0, 40, REC_OFF(4), NULL },
	{ "started_on", JF_DATE, JF_NULLABLE, 0, 0, REC_OFF(5), NULL },
};
static const struct rec_kind topic_kind = { "brand_topic", topic_fields, 6, NULL,
	"t.started_on DESC, t.id DESC", "started_on", NULL, NULL, NULL };

REC_HANDLERS(api_brand_items, &item_kind)
REC_HANDLERS(api_brand_topics, &topic_kind)

static enum err
reply_one(struct req *rq, struct reply *rp, int status, int64_t id)
{
	struct jw w;
	enum err e;

	reply_json_begin(rp, status, &w);
	if ((e = brand_write_one(rq->db, &rq->who, id, &w)))
		return e;
	return reply_json_end(rp, &w);
}

static enum err
api_brands_list(struct req *rq, struct reply *rp)
{
	static const struct sort_key sorts[] = { { "school", "s.name" } };
	struct brand_filter f = { 0 };
	int64_t total = 0;
	struct listq q;
	struct jw w;
	enum err e;

	listq_id(rq, &rp->problem, "school_id", &f.school_id);
	listq_enum(rq, &rp->problem, "stage", brand_stages, &f.stage);
	listq_enum(rq, &rp->problem, "level", brand_levels, &f.level);
	if ((e = listq_parse(rq, &rp->problem, sorts, 1, &q)))
		return e;
	f.page = q.page;
	f.per_page = q.per_page;
	reply_json_begin(rp, 200, &w);
	listq_begin(&w);
	if ((e = brand_write_list(rq->db, &rq->who, &f, &w, &total)))
		return e;
	listq_end(&w, &q, total);
	return reply_json_end(rp, &w);
}

static enum err
api_brands_get(struct req *rq, struct reply *rp)
{
	return reply_one(rq, rp, 200, rq->id);
}

static enum err
api_brands_create(struct req *rq, struct reply *rp)
{
	struct brand_body b = { 0 };
	struct brand_in in;
	int64_t id = 0;
	enum err e;

	e = json_in_object(rq, &rp->problem, fields, ARRAY_SIZE(fields), JSON_CREATE, &b);
	if (e)
		return e;
	in = (struct brand_in){ b.school_id, b.name, b.aim, b.level, b.declared_on };
	if ((e = brand_create(rq->db, &rq->who, &in, &rp->problem, &id)))
		return e;
	return reply_one(rq, rp, 201, id);
}

static enum err
api_brands_update(struct req *rq, struct reply *rp)
{
	struct brand_body b = { 0 };
	struct brand_in in;
	enum err e;

	e = json_in_object(rq, &rp->problem, fields, ARRAY_SIZE(fields), JSON_PATCH, &b);
	if (!e && (json_in_has(&b, 0) || json_in_has(&b, 4)))
		e = problem_field(&rp->problem, json_in_has(&b, 0) ? "school_id" : "declared_on",
		    "不能修改");
	if (e)
		return e;
	in = (struct brand_in){ 0, b.name, b.aim, b.level, NULL };
	if ((e = brand_update(rq->db, &rq->who, rq->id, &in, &rp->problem)))
		return e;
	return reply_one(rq, rp, 200, rq->id);
}

static enum err
api_brands_delete(struct req *rq, struct reply *rp)
{
	return rec_api_deleted(rq, rp, brand_delete(rq->db, &rq->who, rq->id, &rp->problem));
}

static enum err
api_brands_advance(struct req *rq, struct reply *rp)
{
	struct step_body b = { 0 };
	struct brand_step_in in;
	enum err e;

	e = json_in_object(rq, &rp->problem, step_fields, ARRAY_SIZE(step_fields), JSON_CREATE,
	    &b);
	if (e)
		return e;
	in = (struct brand_step_in){ b.stage, b.held_on, b.result, b.note };
	if ((e = brand_advance(rq->db, &rq->who, rq->id, &in, &rp->problem)))
		return e;
	return reply_one(rq, rp, 200, rq->id);
}

/* A school declares its projects; the district moves them through the
 * stages (it runs the evaluations). */
const struct route brand_routes[] = {
	{ "GET", "/api/v1/brands", api_brands_list, ROLES_STAFF, 0 },
	{ "POST", "/api/v1/brands", api_brands_create, OWNER_WRITERS, 0 },
	REC_ROUTES(api_brand_items, "/api/v1/brands/items"),
	REC_ROUTES(api_brand_topics, "/api/v1/brands/topics"),
	{ "GET", "/api/v1/brands/:id", api_brands_get, ROLES_STAFF, 0 },
	{ "PATCH", "/api/v1/brands/:id", api_brands_update, OWNER_WRITERS, 0 },
	{ "DELETE", "/api/v1/brands/:id", api_brands_delete, OWNER_WRITERS, 0 },
	{ "POST", "/api/v1/brands/:id/advance", api_brands_advance, OWNER_SUPERVISORS, 0 },
	ROUTES_END,
};

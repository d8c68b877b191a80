/* study_edit_api.c: PATCH of library items and plans, DELETE of plans and
 * their entries (issue 6): publishers, inside their scope. */
#include "core/common.h"
#include "study/study_api.h"

#include "http/json_in.h"
#include "http/reply.h"
#include "study/study.h"

#define PUBLISHERS (ROLE_DISTRICT | ROLE_SECRETARY | ROLE_PRINCIPAL)

static enum err
ok_reply(struct reply *rp)
{
	struct jw w;

	reply_json_begin(rp, 200, &w);
	jw_obj(&w);
	jw_kbool(&w, "ok", 1);
	jw_obj_end(&w);
	return reply_json_end(rp, &w);
}

struct item_patch_body {
	struct json_present p;
	const char *title, *topic, *summary, *url;
	int64_t minutes;
};

static enum err
api_library_update(struct req *rq, struct reply *rp)
{
#define OFF(f) offsetof(struct item_patch_body, f)
	static const struct json_field fields[] = {
		{ "title", JF_STR, JF_NONEMPTY, 0, 100, OFF(title), NULL },
		{ "topic", JF_STR, JF_NONEMPTY, 0, 40, OFF(topic), NULL },
		{ "summary", JF_STR, 0, 0, 1000, OFF(summary), NULL },
		{ "url", JF_STR, JF_NULLABLE, 0, 500, OFF(url), NULL },
		{ "minutes", JF_INT, 0, 0, 1440, OFF(minutes), NULL },
	};
#undef OFF
	struct item_patch_body b = { 0 };
	struct study_item_patch p;
	enum err e;

	if ((e = json_in_object(rq, &rp->problem, fields, ARRAY_SIZE(fields), JSON_PATCH, &b)))
		return e;
	p = (struct study_item_patch){ b.title, b.topic, b.summary, b.url, b.minutes,
		json_in_has(&b, 3) || json_in_null(&b, 3), json_in_has(&b, 4) };
	if ((e = study_item_update(rq->db, &rq->who, rq->id, &p, &rp->problem)))
		return e;
	return study_item_reply(rq, rp, 200, rq->id);
}

struct plan_patch_body {
	struct json_present p;
	const char *title;
};

static enum err
api_plans_update(struct req *rq, struct reply *rp)
{
	static const struct json_field fields[] = {
		{ "title", JF_STR, JF_REQUIRED | JF_NONEMPTY, 0, 100,
			offsetof(struct plan_patch_body, title), NULL },
	};
	struct plan_patch_body b = { 0 };
	enum err e;

	if ((e = json_in_object(rq, &rp->problem, fields, ARRAY_SIZE(fields), JSON_CREATE, &b)))
		return e;
	if ((e = study_plan_update(rq->db, &rq->who, rq->id, b.title)))
		return e;
	return ok_reply(rp);
}

static enum err
api_plans_delete(struct req *rq, struct reply *rp)
{
	enum err e = study_plan_delete(rq->db, &rq->who, rq->id, &rp->problem);

	return e ? e : ok_reply(rp);
}

static enum err
api_plans_entry_delete(struct req *rq, struct reply *rp)
{
	enum err e = study_plan_entry_delete(rq->db, &rq->who, rq->id);

	return e ? e : ok_reply(rp);
}

const struct route study_edit_routes[] = {
	{ "PATCH", "/api/v1/study/library/:id", api_library_update, PUBLISHERS, 0 },
	{ "PATCH", "/api/v1/study/plans/:id", api_plans_update, PUBLISHERS, 0 },
	{ "DELETE", "/api/v1/study/plans/:id", api_plans_delete, PUBLISHERS, 0 },
	{ "DELETE", "/api/v1/study/plans/entries/:id", api_plans_entry_delete, PUBLISHERS, 0 },
	ROUTES_END,
};

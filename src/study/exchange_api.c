/* exchange_api.c: /api/v1/exchange: case write-ups, their moderation,
 * excellent cases and comments (issue 6). */
#include "core/common.h"
#include "study/study_api.h"

#include "http/json_in.h"
#include "http/listq.h"
#include "http/reply.h"
#include "study/exchange.h"

#define AUTHORS (ROLE_DISTRICT | ROLE_SECRETARY | ROLE_PRINCIPAL)
#define MODERATORS (ROLE_DISTRICT)
#define READERS (ROLES_STAFF | ROLE_MEMBER)

static void
write_post(struct jw *w, const struct exchange_post *p, int body)
{
	jw_kint(w, "id", p->id);
	jw_kint(w, "org_id", p->org_id);
	jw_kstr(w, "org_name", p->org_name);
	jw_kstr(w, "title", p->title);
	jw_kstr(w, "topic", p->topic);
	if (body)
		jw_kstr(w, "body", p->body);
	else
		jw_kint(w, "body_chars", (int64_t)strlen(p->body));
	jw_kstr(w, "state", exchange_states[p->state]);
	jw_kstr(w, "reason", p->reason);
	jw_kbool(w, "excellent", (int)p->excellent);
	jw_kint(w, "comments", p->comments);
	jw_ktime(w, "created_at", p->created_at);
	jw_ktime(w, "updated_at", p->updated_at);
	if (p->published_at)
		jw_ktime(w, "published_at", p->published_at);
	else
		jw_kstr(w, "published_at", NULL);
}

static void
emit_post(void *ctx, const struct exchange_post *p)
{
	jw_obj(ctx);
	write_post(ctx, p, 0);
	jw_obj_end(ctx);
}

static void
emit_comment(void *ctx, const struct exchange_comment *c)
{
	struct jw *w = ctx;

	jw_obj(w);
	jw_kint(w, "id", c->id);
	jw_kid(w, "author_id", c->author_id);
	jw_kstr(w, "author", c->author);
	jw_kstr(w, "body", c->body);
	jw_kbool(w, "hidden", c->hidden);
	jw_ktime(w, "created_at", c->created_at);
	jw_obj_end(w);
}

static enum err
post_reply(struct req *rq, struct reply *rp, int status, int64_t id)
{
	struct exchange_post p;
	struct jw w;
	enum err e;

	if ((e = exchange_get(rq->db, &rq->who, id, &rq->arena, &p)))
		return e;
	reply_json_begin(rp, status, &w);
	jw_obj(&w);
	write_post(&w, &p, 1);
	jw_key(&w, "comment_list");
	jw_arr(&w);
	if ((e = exchange_comments(rq->db, &rq->who, id, emit_comment, &w)))
		return e;
	jw_arr_end(&w);
	jw_obj_end(&w);
	return reply_json_end(rp, &w);
}

static enum err
api_exchange_list(struct req *rq, struct reply *rp)
{
	static const struct sort_key sorts[] = { { "published_at", "p.published_at" } };
	static const char *const yes[] = { "0", "1", NULL };
	struct exchange_filter f = { 0 };
	const char *exc = NULL, *mine = NULL, *q = NULL;
	int64_t total = 0;
	struct listq lq;
	struct jw w;
	enum err e;

	listq_enum(rq, &rp->problem, "state", exchange_states, &f.state);
	listq_enum(rq, &rp->problem, "excellent", yes, &exc);
	listq_enum(rq, &rp->problem, "mine", yes, &mine);
	listq_text(rq, &rp->problem, "q", 40, &q);
	if ((e = listq_parse(rq, &rp->problem, sorts, 1, &lq)))
		return e;
	f.excellent = exc && *exc == '1';
	f.mine = mine && *mine == '1';
	f.q = q ? listq_like(&rq->arena, q) : NULL;
	f.page = lq.page;
	f.per_page = lq.per_page;
	reply_json_begin(rp, 200, &w);
	listq_begin(&w);
	if ((e = exchange_list(rq->db, &rq->who, &f, emit_post, &w, &total)))
		return e;
	listq_end(&w, &lq, total);
	return reply_json_end(rp, &w);
}

struct post_body {
	struct json_present p;
	int64_t org_id;
	const char *title, *body, *topic;
};

#define OFF(f) offsetof(struct post_body, f)
static const struct json_field post_fields[] = {
	{ "org_id", JF_ID, JF_REQUIRED, 0, 0, OFF(org_id), NULL },
	{ "title", JF_STR, JF_REQUIRED | JF_NONEMPTY, 0, 60, OFF(title), NULL },
	{ "body", JF_STR, JF_REQUIRED | JF_NONEMPTY, 0, 5000, OFF(body), NULL },
	{ "topic", JF_STR, 0, 0, 40, OFF(topic), NULL },
};
static const struct json_field patch_fields[] = {
	{ "title", JF_STR, JF_NONEMPTY, 0, 60, OFF(title), NULL },
	{ "body", JF_STR, JF_NONEMPTY, 0, 5000, OFF(body), NULL },
	{ "topic", JF_STR, 0, 0, 40, OFF(topic), NULL },
};
#undef OFF

static enum err
api_exchange_create(struct req *rq, struct reply *rp)
{
	struct post_body b = { 0 };
	struct exchange_in in;
	int64_t id = 0;
	enum err e;

	e = json_in_object(rq, &rp->problem, post_fields, ARRAY_SIZE(post_fields), JSON_CREATE, &b);
	if (e)
		return e;
	in = (struct exchange_in){ b.org_id, b.title, b.body, b.topic };
	if ((e = exchange_create(rq->db, &rq->who, &in, &rp->problem, &id)))
		return e;
	return post_reply(rq, rp, 201, id);
}

static enum err
api_exchange_get(struct req *rq, struct reply *rp)
{
	return post_reply(rq, rp, 200, rq->id);
}

static enum err
api_exchange_update(struct req *rq, struct reply *rp)
{
	struct post_body b = { 0 };
	struct exchange_in in;
	enum err e;

	e = json_in_object(rq, &rp->problem, patch_fields, ARRAY_SIZE(patch_fields), JSON_PATCH,
	    &b);
	if (e)
		return e;
	in = (struct exchange_in){ 0, b.title, b.body, b.topic };
	if ((e = exchange_update(rq->db, &rq->who, rq->id, &in, &rp->problem)))
		return e;
	return post_reply(rq, rp, 200, rq->id);
}

struct reason_body {
	struct json_present p;
	const char *reason;
};

static enum err
act(struct req *rq, struct reply *rp, enum exchange_action a)
{
	static const struct json_field fields[] = {
		{ "reason", JF_STR, JF_REQUIRED | JF_NONEMPTY, 0, 500,
			offsetof(struct reason_body, reason), NULL },
	};
	struct reason_body b = { 0 };
	enum err e;

	if (a == XA_REJECT &&
	    (e = json_in_object(rq, &rp->problem, fields, 1, JSON_CREATE, &b)))
		return e;
	if ((e = exchange_act(rq->db, &rq->who, rq->id, a, b.reason, &rp->problem)))
		return e;
	return post_reply(rq, rp, 200, rq->id);
}

static enum err
api_exchange_submit(struct req *rq, struct reply *rp)
{
	return act(rq, rp, XA_SUBMIT);
}

static enum err
api_exchange_publish(struct req *rq, struct reply *rp)
{
	return act(rq, rp, XA_PUBLISH);
}

static enum err
api_exchange_reject(struct req *rq, struct reply *rp)
{
	return act(rq, rp, XA_REJECT);
}

struct flag_body {
	struct json_present p;
	int on;
};

static enum err
api_exchange_excellent(struct req *rq, struct reply *rp)
{
	static const struct json_field fields[] = {
		{ "excellent", JF_BOOL, JF_REQUIRED, 0, 0, offsetof(struct flag_body, on), NULL },
	};
	struct flag_body b = { 0 };
	enum err e;

	if ((e = json_in_object(rq, &rp->problem, fields, 1, JSON_CREATE, &b)))
		return e;
	if ((e = exchange_mark(rq->db, &rq->who, rq->id, b.on, &rp->problem)))
		return e;
	return post_reply(rq, rp, 200, rq->id);
}

struct comment_body {
	struct json_present p;
	const char *body;
};

static enum err
api_exchange_comment(struct req *rq, struct reply *rp)
{
	static const struct json_field fields[] = {
		{ "body", JF_STR, JF_REQUIRED | JF_NONEMPTY, 0, 500, offsetof(struct comment_body, body),
			NULL },
	};
	struct comment_body b = { 0 };
	int64_t id = 0;
	enum err e;

	if ((e = json_in_object(rq, &rp->problem, fields, 1, JSON_CREATE, &b)))
		return e;
	if ((e = exchange_comment_add(rq->db, &rq->who, rq->id, b.body, &rp->problem, &id)))
		return e;
	return post_reply(rq, rp, 201, rq->id);
}

static enum err
api_exchange_hide(struct req *rq, struct reply *rp)
{
	static const struct json_field fields[] = {
		{ "hidden", JF_BOOL, JF_REQUIRED, 0, 0, offsetof(struct flag_body, on), NULL },
	};
	struct flag_body b = { 0 };
	struct jw w;
	enum err e;

	if ((e = json_in_object(rq, &rp->problem, fields, 1, JSON_CREATE, &b)))
		return e;
	if ((e = exchange_comment_hide(rq->db, &rq->who, rq->id, b.on, &rp->problem)))
		return e;
	reply_json_begin(rp, 200, &w);
	jw_obj(&w);
	jw_kint(&w, "id", rq->id);
	jw_kbool(&w, "hidden", b.on);
	jw_obj_end(&w);
	return reply_json_end(rp, &w);
}

/* Schools write and submit; the district moderates (the steps' sides are
 * checked by exchange_step() so a wrong side gets a clear 403). */
const struct route exchange_routes[] = {
	{ "GET", "/api/v1/exchange", api_exchange_list, READERS, 0 },
	{ "POST", "/api/v1/exchange", api_exchange_create, AUTHORS, 0 },
	{ "GET", "/api/v1/exchange/:id", api_exchange_get, READERS, 0 },
	{ "PATCH", "/api/v1/exchange/:id", api_exchange_update, ROLES_STAFF, 0 },
	{ "POST", "/api/v1/exchange/:id/submit", api_exchange_submit, ROLES_STAFF, 0 },
	{ "POST", "/api/v1/exchange/:id/publish", api_exchange_publish, ROLES_STAFF, 0 },
	{ "POST", "/api/v1/exchange/:id/reject", api_exchange_reject, ROLES_STAFF, 0 },
	{ "POST", "/api/v1/exchange/:id/excellent", api_exchange_excellent, MODERATORS, 0 },
	{ "POST", "/api/v1/exchange/:id/comments", api_exchange_comment, READERS, 0 },
	{ "POST", "/api/v1/exchange/comments/:id/hide", api_exchange_hide, MODERATORS, 0 },
	ROUTES_END,
};

#include "core/common.h"
#include "party/org_api.h"
#include "http/json_in.h"
#include "http/listq.h"
#include "http/reply.h"
#include "party/org.h"

struct org_body {
	struct json_present p;
	const char *name, *kind, *basis, *founded_on, *term_started_on;
	int64_t parent_id, school_id, term_years;
};

enum { OF_NAME, OF_KIND, OF_PARENT, OF_SCHOOL, OF_BASIS, OF_FOUNDED, OF_TERM_START, OF_TERM_YEARS };

static const struct json_field org_fields[] = {
	[OF_NAME] = { "name", JF_STR, JF_REQUIRED | JF_NONEMPTY, 0, 64,
	    offsetof(struct org_body, name), NULL },
	[OF_KIND] = { "kind", JF_ENUM, JF_REQUIRED, 0, 0, offsetof(struct org_body, kind), org_kinds },
	[OF_PARENT] = { "parent_id", JF_ID, JF_NULLABLE, 0, 0, offsetof(struct org_body, parent_id),
	    NULL },
	[OF_SCHOOL] = { "school_id", JF_ID, JF_NULLABLE, 0, 0, offsetof(struct org_body, school_id),
	    NULL },
	[OF_BASIS] = { "basis", JF_STR, 0, 0, 64, offsetof(struct org_body, basis), NULL },
	[OF_FOUNDED] = { "founded_on", JF_DATE, JF_NULLABLE, 0, 0,
	    offsetof(struct org_body, founded_on), NULL },
	[OF_TERM_START] = { "term_started_on", JF_DATE, JF_NULLABLE, 0, 0,
	    offsetof(struct org_body, term_started_on), NULL },
	[OF_TERM_YEARS] = { "term_years", JF_INT, JF_NULLABLE, 1, 10,
	    offsetof(struct org_body, term_years), NULL },
};

static void
body_to_in(const struct org_body *b, struct org_in *in)
{
	in->name = b->name;
	in->kind = b->kind;
	in->basis = b->basis;
	in->founded_on = b->founded_on;
	in->term_started_on = b->term_started_on;
	in->parent_id = b->parent_id;
	in->school_id = b->school_id;
	in->term_years = b->term_years;
	in->school_null = json_in_null(b, OF_SCHOOL);
	in->founded_null = json_in_null(b, OF_FOUNDED);
	in->term_started_null = json_in_null(b, OF_TERM_START);
	in->term_years_null = json_in_null(b, OF_TERM_YEARS);
}

static enum err
reply_org(struct req *rq, struct reply *rp, int status, int64_t id)
{
	struct org o;
	struct jw w;
	enum err e = org_get(rq->db, &rq->who, id, &rq->arena, &o);

	if (e)
		return e;
	reply_json_begin(rp, status, &w);
	jw_raw(&w, org_json(&o, &rq->arena));
	return reply_json_end(rp, &w);
}

static void
emit(void *ctx, const struct org *o)
{
	struct jw *w = ctx;
	struct arena a = ARENA_INIT;

	jw_raw(w, org_json(o, &a));
	arena_release(&a);
}

enum err
api_orgs_list(struct req *rq, struct reply *rp)
{
	struct listq q = { .page = 1 };
	int64_t n = 0;
	struct jw w;
	enum err e;

	reply_json_begin(rp, 200, &w);
	listq_begin(&w);
	if ((e = org_list(rq->db, &rq->who, emit, &w, &n)))
		return e;
	q.per_page = n;	/* the whole tree in scope, in one page */
	listq_end(&w, &q, n);
	return reply_json_end(rp, &w);
}

/* The organization tree reduced to what assigning a scope needs (id,
 * parent, name, kind, depth): the security administrator assigns scopes
 * but reads no business data (SEC-05), so no member counts or terms. */
static void
emit_node(void *ctx, const struct org *o)
{
	struct jw *w = ctx;

	jw_obj(w);
	jw_kint(w, "id", o->id);
	jw_kid(w, "parent_id", o->parent_id);
	jw_kstr(w, "name", o->name);
	jw_kstr(w, "kind", o->kind);
	jw_kstr(w, "kind_label", org_kind_label(o->kind));
	jw_kint(w, "depth", o->depth);
	jw_obj_end(w);
}

enum err
api_org_tree(struct req *rq, struct reply *rp)
{
	const struct who every = WHO_SYSTEM;	/* the whole tree; names only */
	struct listq q = { .page = 1 };
	int64_t n = 0;
	struct jw w;
	enum err e;

	reply_json_begin(rp, 200, &w);
	listq_begin(&w);
	if ((e = org_list(rq->db, &every, emit_node, &w, &n)))
		return e;
	q.per_page = n;
	listq_end(&w, &q, n);
	return reply_json_end(rp, &w);
}

enum err
api_orgs_create(struct req *rq, struct reply *rp)
{
	struct org_body b = { 0 };
	struct org_in in = { 0 };
	int64_t id;
	enum err e;

	e = json_in_object(rq, &rp->problem, org_fields, ARRAY_SIZE(org_fields), JSON_CREATE, &b);
	if (e)
		return e;
	body_to_in(&b, &in);
	e = org_create(rq->db, &rq->who, &in, &rp->problem, &id);
	return e ? e : reply_org(rq, rp, 201, id);
}

enum err
api_orgs_get(struct req *rq, struct reply *rp)
{
	return reply_org(rq, rp, 200, rq->id);
}

enum err
api_orgs_update(struct req *rq, struct reply *rp)
{
	struct org_body b = { 0 };
	struct org_in in = { 0 };
	enum err e;

	e = json_in_object(rq, &rp->problem, org_fields, ARRAY_SIZE(org_fields), JSON_PATCH, &b);
	if (e)
		return e;
	/* Kind and place in the tree change only through move. */
	if (b.p.set & (UINT64_C(1) << OF_KIND))
		problem_field(&rp->problem, "kind", "组织类型创建后不能修改");
	if (b.p.set & (UINT64_C(1) << OF_PARENT))
		problem_field(&rp->problem, "parent_id", "请使用“移动”调整上级组织");
	if (rp->problem.nfields)
		return ERR_INVALID;
	body_to_in(&b, &in);
	e = org_update(rq->db, &rq->who, rq->id, &in, &rp->problem);
	return e ? e : reply_org(rq, rp, 200, rq->id);
}

enum err
api_orgs_delete(struct req *rq, struct reply *rp)
{
	struct jw w;
	enum err e = org_delete(rq->db, &rq->who, rq->id, &rp->problem);

	if (e)
		return e;
	reply_json_begin(rp, 200, &w);
	jw_obj(&w);
	jw_kbool(&w, "ok", 1);
	jw_obj_end(&w);
	return reply_json_end(rp, &w);
}

struct move_body {
	struct json_present p;
	int64_t parent_id;
};

static const struct json_field move_fields[] = {
	{ "parent_id", JF_ID, JF_REQUIRED, 0, 0, offsetof(struct move_body, parent_id), NULL },
};

enum err
api_orgs_move(struct req *rq, struct reply *rp)
{
	struct move_body b = { 0 };
	enum err e;

	e = json_in_object(rq, &rp->problem, move_fields, 1, JSON_CREATE, &b);
	if (!e)
		e = org_move(rq->db, &rq->who, rq->id, b.parent_id, &rp->problem);
	return e ? e : reply_org(rq, rp, 200, rq->id);
}

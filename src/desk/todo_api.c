/* todo_api.c: GET /api/v1/todo (one page of the caller's to-dos) and
 * GET /api/v1/todo/counts (by kind, for the menu's badges). Both replies
 * are kept per worker thread for one database generation (http/cache.h):
 * a to-do changes only with a commit or the day, and the menu asks for
 * the counts on every navigation. The key names the user (sources filter
 * by user id as well as scope), the day and every parameter. */
#include "core/common.h"
#include "desk/todo_api.h"
#include "core/arena.h"
#include "core/dates.h"
#include "desk/todo.h"
#include "http/cache.h"
#include "http/listq.h"
#include "http/reply.h"

static const char *
cache_key(struct req *rq, const char *what, const char *kind, int64_t page, int64_t per_page,
    int32_t today)
{
	return arena_printf(&rq->arena, "todo\x1f%s\x1f%" PRId64 "\x1f%d\x1f%" PRId32 "\x1f%s\x1f%"
	    PRId64 "\x1f%" PRId64, what, rq->who.user_id, (int)rq->who.role, today,
	    kind ? kind : "", page, per_page);
}

static void
emit(void *ctx, const struct todo *t)
{
	struct jw *w = ctx;

	jw_obj(w);
	jw_kstr(w, "kind", t->kind);
	jw_kid(w, "ref_id", t->ref_id);
	jw_kstr(w, "what", t->what);
	jw_kstr(w, "where", t->place);
	jw_kid(w, "org_id", t->org_id);
	jw_kstr(w, "due", t->due);
	jw_kbool(w, "overdue", t->overdue);
	if (t->n)
		jw_kint(w, "n", t->n);
	jw_kstr(w, "link", t->link);
	jw_obj_end(w);
}

static enum err
api_todo_list(struct req *rq, struct reply *rp)
{
	static const struct sort_key sorts[] = { { "due", "due" } };
	struct problem *pb = &rp->problem;
	const char *kind = NULL, *key;
	int32_t today = date_today();
	struct listq lq;
	int64_t total;
	uint64_t gen;
	struct jw w;
	enum err e;

	listq_enum(rq, pb, "kind", todo_kinds(), &kind);
	e = listq_parse(rq, pb, sorts, ARRAY_SIZE(sorts), &lq);
	if (e || pb->nfields)
		return ERR_INVALID;
	key = cache_key(rq, "list", kind, lq.page, lq.per_page, today);
	gen = db_generation(rq->db);	/* read before the data it guards */
	reply_json_begin(rp, 200, &w);
	if (cache_get(key, gen, &rp->body))
		return ERR_OK;
	listq_begin(&w);
	e = todo_list(rq->db, &rq->who, today, kind, lq.page, lq.per_page, emit, &w, &total);
	if (e)
		return e;
	listq_end(&w, &lq, total);
	if ((e = reply_json_end(rp, &w)))
		return e;
	cache_put(key, gen, rp->body.p, rp->body.len);
	return ERR_OK;
}

struct counts {
	struct jw *w;
	int64_t total, overdue;
};

static void
emit_count(void *ctx, const char *kind, const char *label, int64_t n, int64_t overdue)
{
	struct counts *c = ctx;

	jw_key(c->w, kind);
	jw_obj(c->w);
	jw_kstr(c->w, "label", label);
	jw_kint(c->w, "n", n);
	jw_kint(c->w, "overdue", overdue);
	jw_obj_end(c->w);
	c->total += n;
	c->overdue += overdue;
}

static enum err
api_todo_counts(struct req *rq, struct reply *rp)
{
	struct jw w;
	struct counts c = { &w, 0, 0 };
	int32_t today = date_today();
	const char *key = cache_key(rq, "counts", NULL, 0, 0, today);
	uint64_t gen = db_generation(rq->db);	/* read before the data it guards */
	enum err e;

	reply_json_begin(rp, 200, &w);
	if (cache_get(key, gen, &rp->body))
		return ERR_OK;
	jw_obj(&w);
	jw_key(&w, "by_kind");
	jw_obj(&w);
	if ((e = todo_counts(rq->db, &rq->who, today, emit_count, &c)))
		return e;
	jw_obj_end(&w);
	jw_kint(&w, "total", c.total);
	jw_kint(&w, "overdue", c.overdue);
	jw_obj_end(&w);
	if ((e = reply_json_end(rp, &w)))
		return e;
	cache_put(key, gen, rp->body.p, rp->body.len);
	return ERR_OK;
}

const struct route todo_routes[] = {
	{ "GET", "/api/v1/todo", api_todo_list, ROLES_DESK, 0 },
	{ "GET", "/api/v1/todo/counts", api_todo_counts, ROLES_DESK, 0 },
	ROUTES_END,
};

/* todo_api.c: GET /api/v1/todo (one page of the caller's to-dos) and
 * GET /api/v1/todo/counts (by kind, for the menu's badges). */
#include "core/common.h"
#include "desk/todo_api.h"
#include "core/dates.h"
#include "desk/todo.h"
#include "http/listq.h"
#include "http/reply.h"

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
	const char *kind = NULL;
	struct listq lq;
	int64_t total;
	struct jw w;
	enum err e;

	listq_enum(rq, pb, "kind", todo_kinds(), &kind);
	e = listq_parse(rq, pb, sorts, ARRAY_SIZE(sorts), &lq);
	if (e || pb->nfields)
		return ERR_INVALID;
	reply_json_begin(rp, 200, &w);
	listq_begin(&w);
	e = todo_list(rq->db, &rq->who, date_today(), kind, lq.page, lq.per_page, emit, &w, &total);
	if (e)
		return e;
	listq_end(&w, &lq, total);
	return reply_json_end(rp, &w);
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
	enum err e;

	reply_json_begin(rp, 200, &w);
	jw_obj(&w);
	jw_key(&w, "by_kind");
	jw_obj(&w);
	if ((e = todo_counts(rq->db, &rq->who, date_today(), emit_count, &c)))
		return e;
	jw_obj_end(&w);
	jw_kint(&w, "total", c.total);
	jw_kint(&w, "overdue", c.overdue);
	jw_obj_end(&w);
	return reply_json_end(rp, &w);
}

const struct route todo_routes[] = {
	{ "GET", "/api/v1/todo", api_todo_list, ROLES_BUSINESS, 0 },
	{ "GET", "/api/v1/todo/counts", api_todo_counts, ROLES_BUSINESS, 0 },
	ROUTES_END,
};

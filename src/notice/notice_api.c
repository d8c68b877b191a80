/* notice_api.c: announcements (通知公告、党务公开) over HTTP: write and
 * publish, the inbox and the sent box, one notice (its read receipt), who
 * has read it, remind the rest, and its files (the raw bytes as the body,
 * ?name=, as meeting and finding files). */
#include "core/common.h"
#include "notice/notice_api.h"

#include "attach/attach_api.h"
#include "http/json_in.h"
#include "http/listq.h"
#include "http/reply.h"
#include "notice/notice.h"

/* Who writes notices; who reads them (members on their phone). */
#define AUTHORS (ROLE_DISTRICT | ROLE_SECRETARY | ROLE_PRINCIPAL)
#define READERS (ROLES_STAFF | ROLE_MEMBER)

struct notice_body {
	struct json_present p;
	const char *title, *body, *kind, *audience;
	struct id_list org_ids;
	int64_t org_id;
	int must_read, publish;
};

#define OFF(f) offsetof(struct notice_body, f)
enum { F_ORG_IDS = 4, F_ORG_ID = 5, F_PUBLISH = 7 };
static const struct json_field fields[] = {
	{ "title", JF_STR, JF_REQUIRED | JF_NONEMPTY, 0, NOTICE_TITLE_MAX, OFF(title), NULL },
	{ "body", JF_STR, JF_REQUIRED | JF_NONEMPTY, 0, NOTICE_BODY_MAX, OFF(body), NULL },
	{ "kind", JF_ENUM, JF_REQUIRED, 0, 0, OFF(kind), notice_kinds },
	{ "audience", JF_ENUM, JF_REQUIRED, 0, 0, OFF(audience), notice_audiences },
	{ "org_ids", JF_ID_LIST, 0, 0, NOTICE_ORGS_MAX, OFF(org_ids), NULL },
	{ "org_id", JF_ID, JF_NULLABLE, 0, 0, OFF(org_id), NULL },
	{ "must_read", JF_BOOL, 0, 0, 0, OFF(must_read), NULL },
	{ "publish", JF_BOOL, 0, 0, 0, OFF(publish), NULL },
};
#undef OFF

/* A time, or null for 0 (not yet). */
static void
kttime(struct jw *w, const char *k, int64_t t)
{
	if (t)
		jw_ktime(w, k, t);
	else {
		jw_key(w, k);
		jw_null(w);
	}
}

static void
write_notice(struct jw *w, const struct notice *n)
{
	jw_kint(w, "id", n->id);
	jw_kstr(w, "kind", n->kind);
	jw_kstr(w, "title", n->title);
	if (n->body)
		jw_kstr(w, "body", n->body);
	jw_kbool(w, "must_read", n->must_read);
	jw_kstr(w, "audience", n->audience);
	jw_kstr(w, "state", n->state);
	jw_kint(w, "author_id", n->author_id);
	jw_kstr(w, "author", n->author);
	jw_kstr(w, "author_role", n->author_role);
	kttime(w, "published_at", n->published_at);
	jw_kbool(w, "read", n->read_at != 0);
	kttime(w, "read_at", n->read_at);
	jw_kint(w, "addressed", n->addressed);
	jw_kint(w, "read_count", n->read_n);
	jw_kbool(w, "author_side", n->author_side);
	jw_ktime(w, "created_at", n->created_at);
}

static void
emit(void *ctx, const struct notice *n)
{
	jw_obj(ctx);
	write_notice(ctx, n);
	jw_obj_end(ctx);
}

static void
emit_org(void *ctx, int64_t id, const char *name)
{
	jw_obj(ctx);
	jw_kint(ctx, "id", id);
	jw_kstr(ctx, "name", name);
	jw_obj_end(ctx);
}

/* The notice as GET shows it: its fields, audience organizations, files. */
static enum err
reply_notice(struct req *rq, struct reply *rp, int status, const struct notice *n)
{
	struct jw w;
	enum err e;

	reply_json_begin(rp, status, &w);
	jw_obj(&w);
	write_notice(&w, n);
	jw_kbool(&w, "addressed_to_me", n->addressed_to_me);
	jw_key(&w, "orgs");
	jw_arr(&w);
	e = notice_orgs(rq->db, n->id, &rq->arena, emit_org, &w);
	jw_arr_end(&w);
	if (!e)
		e = attach_json_files(&w, rq->db, &notice_files, n->id, &rq->arena);
	jw_obj_end(&w);
	return e ? e : reply_json_end(rp, &w);
}

static enum err
api_notices_create(struct req *rq, struct reply *rp)
{
	struct notice_body b = { 0 };
	struct notice_in in;
	struct notice n;
	int64_t id;
	enum err e;

	e = json_in_object(rq, &rp->problem, fields, ARRAY_SIZE(fields), JSON_CREATE, &b);
	if (e)
		return e;
	in = (struct notice_in){ b.title, b.body, b.kind, b.audience, b.org_ids.v, b.org_ids.n,
		b.org_id, json_in_has(&b, F_ORG_IDS), json_in_has(&b, F_ORG_ID), b.must_read,
		json_in_has(&b, F_PUBLISH) ? b.publish : 1 };
	if ((e = notice_create(rq->db, &rq->who, &in, &rp->problem, &id)) ||
	    (e = notice_get(rq->db, &rq->who, id, &rq->arena, &n)))
		return e;
	return reply_notice(rq, rp, 201, &n);
}

/* GET marks the notice read for an addressed caller (its receipt). */
static enum err
api_notices_get(struct req *rq, struct reply *rp)
{
	struct notice n;
	enum err e;

	if ((e = notice_open(rq->db, &rq->who, rq->id, &rq->arena, &n)))
		return e;
	return reply_notice(rq, rp, 200, &n);
}

static enum err
api_notices_publish(struct req *rq, struct reply *rp)
{
	struct notice n;
	enum err e;

	if ((e = notice_publish(rq->db, &rq->who, rq->id, &rp->problem)) ||
	    (e = notice_get(rq->db, &rq->who, rq->id, &rq->arena, &n)))
		return e;
	return reply_notice(rq, rp, 200, &n);
}

static enum err
api_notices_list(struct req *rq, struct reply *rp)
{
	static const struct sort_key sorts[] = { { "default", "n.id" } };
	static const char *const boxes[] = { "inbox", "sent", NULL };
	static const char *const yes[] = { "0", "1", NULL };
	struct notice_filter f = { 0 };
	const char *box = NULL, *unread = NULL;
	int64_t total = 0;
	struct listq q;
	struct jw w;
	enum err e;

	listq_enum(rq, &rp->problem, "box", boxes, &box);
	listq_enum(rq, &rp->problem, "kind", notice_kinds, &f.kind);
	listq_enum(rq, &rp->problem, "unread", yes, &unread);
	if ((e = listq_parse(rq, &rp->problem, sorts, 1, &q)))
		return e;
	f.sent = box && !strcmp(box, "sent");
	if (f.sent && !(rq->who.role & AUTHORS))
		return problem_field(&rp->problem, "box", "只有发布方有“我发布的”");
	f.unread = unread && *unread == '1';
	f.page = q.page;
	f.per_page = q.per_page;
	reply_json_begin(rp, 200, &w);
	listq_begin(&w);
	if ((e = notice_list(rq->db, &rq->who, &f, &rq->arena, emit, &w, &total)))
		return e;
	listq_end(&w, &q, total);
	return reply_json_end(rp, &w);
}

static void
emit_reader(void *ctx, const struct notice_reader *r)
{
	struct jw *w = ctx;

	jw_obj(w);
	jw_kint(w, "user_id", r->user_id);
	jw_kid(w, "member_id", r->member_id);
	jw_kstr(w, "name", r->name);
	jw_kstr(w, "role", r->role);
	jw_kstr(w, "org_name", r->org_name);
	jw_kbool(w, "read", r->read_at != 0);
	kttime(w, "read_at", r->read_at);
	jw_obj_end(w);
}

static enum err
api_notices_readers(struct req *rq, struct reply *rp)
{
	static const struct sort_key sorts[] = { { "default", "og.path" } };
	static const char *const states[] = { "read", "unread", NULL };
	struct notice_readers_q rq2 = { 0 };
	int64_t total = 0, n_all = 0, n_read = 0;
	struct listq q;
	struct jw w;
	enum err e;

	listq_enum(rq, &rp->problem, "state", states, &rq2.state);
	if ((e = listq_parse(rq, &rp->problem, sorts, 1, &q)))
		return e;
	rq2.page = q.page;
	rq2.per_page = q.per_page;
	reply_json_begin(rp, 200, &w);
	listq_begin(&w);
	if ((e = notice_readers(rq->db, &rq->who, rq->id, &rq2, &rq->arena, emit_reader, &w,
	    &total, &n_all, &n_read, &rp->problem)))
		return e;
	jw_arr_end(&w);
	jw_kint(&w, "audience", n_all);
	jw_kint(&w, "read", n_read);
	jw_kint(&w, "unread", n_all - n_read);
	jw_kint(&w, "total", total);
	jw_kint(&w, "page", q.page);
	jw_kint(&w, "per_page", q.per_page);
	jw_obj_end(&w);
	return reply_json_end(rp, &w);
}

static enum err
api_notices_remind(struct req *rq, struct reply *rp)
{
	int64_t n = 0;
	struct jw w;
	enum err e;

	if ((e = notice_remind(rq->db, &rq->who, rq->id, &rp->problem, &n)))
		return e;
	reply_json_begin(rp, 200, &w);
	jw_obj(&w);
	jw_kint(&w, "id", rq->id);
	jw_kint(&w, "reminded", n);
	jw_obj_end(&w);
	return reply_json_end(rp, &w);
}

/* The older routes of a notice's files (issue 19): only a notice's. The
 * upload is the attachments' POST /api/v1/notices/{id}/files. */
static enum err
api_notice_files_get(struct req *rq, struct reply *rp)
{
	return attach_reply_bytes(rq, rp, &notice_files);
}

static enum err
api_notice_files_delete(struct req *rq, struct reply *rp)
{
	return attach_reply_delete(rq, rp, &notice_files);
}

const struct route notice_routes[] = {
	{ "GET", "/api/v1/notices", api_notices_list, READERS, 0 },
	{ "POST", "/api/v1/notices", api_notices_create, AUTHORS, 0 },
	{ "GET", "/api/v1/notices/:id", api_notices_get, READERS, 0 },
	{ "POST", "/api/v1/notices/:id/publish", api_notices_publish, AUTHORS, 0 },
	{ "GET", "/api/v1/notices/:id/readers", api_notices_readers, AUTHORS, 0 },
	{ "POST", "/api/v1/notices/:id/remind", api_notices_remind, AUTHORS, 0 },
	{ "GET", "/api/v1/notice-files/:id", api_notice_files_get, READERS, 0 },
	{ "DELETE", "/api/v1/notice-files/:id", api_notice_files_delete, AUTHORS, 0 },
	ROUTES_END,
};

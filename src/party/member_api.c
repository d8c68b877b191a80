#include "core/common.h"
#include "party/member_api.h"
#include "db/db.h"
#include "http/cache.h"
#include "http/json_in.h"
#include "http/listq.h"
#include "http/reply.h"
#include "party/member.h"

struct member_body {
	struct json_present p;
	int64_t org_id;
	const char *name, *gender, *ethnicity, *birth_date, *id_card, *phone, *education, *title,
	    *post, *category, *status, *full_on, *state, *state_on, *state_reason, *joined_on;
	int backbone, dual_leader;
	struct problem *pb;	/* not a field: where overlay() names refused flags */
};

#define OFF(f) offsetof(struct member_body, f)
#define STR(n, max, fl) { #n, JF_STR, fl, 0, max, OFF(n), NULL }
#define DATE(n, fl) { #n, JF_DATE, fl, 0, 0, OFF(n), NULL }
#define ENUM(n, list, fl) { #n, JF_ENUM, fl, 0, 0, OFF(n), list }

static const struct json_field member_fields[] = {
	{ "org_id", JF_ID, JF_REQUIRED, 0, 0, OFF(org_id), NULL },
	STR(name, 32, JF_REQUIRED | JF_NONEMPTY),
	ENUM(gender, member_genders, JF_REQUIRED),
	STR(ethnicity, 16, 0),
	DATE(birth_date, JF_NULLABLE),
	STR(id_card, 18, JF_NULLABLE),
	STR(phone, 11, JF_NULLABLE),
	STR(education, 32, 0),
	STR(title, 32, 0),
	STR(post, 32, 0),
	ENUM(category, member_categories, JF_REQUIRED),
	ENUM(status, member_statuses, JF_REQUIRED),
	DATE(full_on, JF_NULLABLE),
	ENUM(state, member_states, 0),
	DATE(state_on, JF_NULLABLE),
	STR(state_reason, 200, 0),
	DATE(joined_on, JF_REQUIRED),
	{ "backbone", JF_BOOL, 0, 0, 0, OFF(backbone), NULL },
	{ "dual_leader", JF_BOOL, 0, 0, 0, OFF(dual_leader), NULL },
};

/* Copies each present field of the body over m; null clears. */
static void
overlay(void *ctx, struct member *m, struct arena *a)
{
	const struct member_body *b = ctx;
	const char **dst[] = { NULL, &m->name, &m->gender, &m->ethnicity, &m->birth_date,
		&m->id_card, &m->phone, &m->education, &m->title, &m->post, &m->category, &m->status,
		&m->full_on, &m->state, &m->state_on, &m->state_reason, &m->joined_on };

	(void)a;
	if (b->p.set & 1)
		m->org_id = b->org_id;
	for (size_t i = 1; i < ARRAY_SIZE(dst); i++) {
		const char *v = *(const char *const *)((const char *)b + member_fields[i].off);

		if (b->p.set >> i & 1)
			*dst[i] = json_in_null(b, (int)i) ? NULL : v;
	}
	/* CUL-01: backbone and dual_leader are kept by the cultivation and
	 * leader registers (src/cultivate/); a change here is refused. */
	if (json_in_has(b, 17) && b->backbone != m->backbone)
		problem_field(b->pb, "backbone", "骨干标记由“双培养”登记维护，请在双培养中登记培养结果");
	if (json_in_has(b, 18) && b->dual_leader != m->dual_leader)
		problem_field(b->pb, "dual_leader", "双带头人标记由“双带头人”登记维护，请在双带头人中认定或撤销");
	if (!m->state)
		m->state = "active";
}

static enum err
reply_member(struct req *rq, struct reply *rp, int status, int64_t id, int history);

/* Indices in member_fields of what a transfer decides for an arriving
 * member: the branch and the state. */
static const int transfer_decides[] = { 0, 13, 14, 15 };

enum err
member_api_decode_arriving(struct req *rq, struct problem *pb, const char *prefix,
    const char *text, struct member *m)
{
	struct problem own = { 0 };
	struct member_body b = { .pb = &own };
	enum err e;

	e = json_in_text(rq, &own, text, strlen(text), member_fields, ARRAY_SIZE(member_fields),
	    JSON_PATCH, &b);
	for (size_t i = 0; i < ARRAY_SIZE(transfer_decides); i++)
		if (b.p.set >> transfer_decides[i] & 1)
			problem_field(&own, member_fields[transfer_decides[i]].name,
			    "由转接决定，不能填写");
	for (size_t i = 1; e != ERR_BAD_JSON && i < ARRAY_SIZE(member_fields); i++)
		if ((member_fields[i].flags & JF_REQUIRED) && !(b.p.set >> i & 1))
			problem_field(&own, member_fields[i].name, "必填");
	memset(m, 0, sizeof(*m));
	if (!own.nfields)
		overlay(&b, m, &rq->arena);	/* may name backbone/dual_leader */
	problem_nest(pb, &own, prefix);
	return own.nfields ? ERR_INVALID : e;
}

enum err
api_members_create(struct req *rq, struct reply *rp)
{
	struct member_body b = { .pb = &rp->problem };
	struct member m = { 0 };
	int64_t id;
	enum err e;

	e = json_in_object(rq, &rp->problem, member_fields, ARRAY_SIZE(member_fields), JSON_CREATE,
	    &b);
	if (e)
		return e;
	overlay(&b, &m, &rq->arena);
	e = member_create(rq->db, &rq->who, &m, &rp->problem, &id);
	return e ? e : reply_member(rq, rp, 201, id, 0);
}

enum err
api_members_update(struct req *rq, struct reply *rp)
{
	struct member_body b = { .pb = &rp->problem };
	enum err e;

	e = json_in_object(rq, &rp->problem, member_fields, ARRAY_SIZE(member_fields), JSON_PATCH,
	    &b);
	if (e)
		return e;
	e = member_update(rq->db, &rq->who, rq->id, overlay, &b, &rp->problem);
	return e ? e : reply_member(rq, rp, 200, rq->id, 0);
}

static void
emit_history(void *ctx, int64_t from, int64_t to, const char *on)
{
	struct jw *w = ctx;

	jw_obj(w);
	jw_kid(w, "from_org_id", from);
	jw_kint(w, "to_org_id", to);
	jw_kstr(w, "moved_on", on);
	jw_obj_end(w);
}

static enum err
reply_member(struct req *rq, struct reply *rp, int status, int64_t id, int history)
{
	struct member m;
	struct jw w;
	enum err e = member_get(rq->db, &rq->who, id, &rq->arena, &m);

	if (e)
		return e;
	reply_json_begin(rp, status, &w);
	jw_obj(&w);
	member_write_fields(&w, &m);
	if (history) {
		jw_key(&w, "org_history");
		jw_arr(&w);
		if ((e = member_history(rq->db, id, emit_history, &w)))
			return e;
		jw_arr_end(&w);
	}
	jw_obj_end(&w);
	return reply_json_end(rp, &w);
}

enum err
api_members_get(struct req *rq, struct reply *rp)
{
	return reply_member(rq, rp, 200, rq->id, 1);
}

static void
emit(void *ctx, const struct member *m)
{
	struct jw *w = ctx;

	jw_obj(w);
	member_write_fields(w, m);
	jw_obj_end(w);
}

/* Everything a list reply depends on: what the caller may see (lists are
 * masked for every role, so the scope is enough) and every filter. */
static const char *
cache_key(struct req *rq, const struct member_filter *f)
{
	const struct who *w = &rq->who;
	struct buf b = BUF_INIT(8192);
	const char *key;

	if (w->all)
		buf_adds(&b, "all");
	else if (w->role == ROLE_MEMBER)
		buf_addf(&b, "self:%" PRId64, w->member_id);
	for (int i = 0; !w->all && w->role != ROLE_MEMBER && i < w->nscope; i++)
		buf_addf(&b, "%s,", w->paths[i]);
	buf_addf(&b, "\x1f%" PRId64 "\x1f%s\x1f%s\x1f%s\x1f%s\x1f%s\x1f%s\x1f%s\x1f%d\x1f%"
	    PRId64 "\x1f%" PRId64, f->org_id, f->q ? f->q : "", f->status ? f->status : "",
	    f->category ? f->category : "", f->state ? f->state : "",
	    f->joined_from ? f->joined_from : "", f->joined_to ? f->joined_to : "", f->sort_col,
	    f->desc, f->page, f->per_page);
	key = arena_strdup(&rq->arena, buf_str(&b));
	buf_release(&b);
	return key;
}

static const char *const state_filters[] = { "active", "transferred_out", "stopped", "removed",
	"deceased", "incoming", "all", NULL };

enum err
api_members_list(struct req *rq, struct reply *rp)
{
	/* No sort by birth date: the order of a list beside its masks would
	 * narrow each hidden birth date (PI-06). */
	static const struct sort_key sorts[] = { { "name", "m.name" }, { "id", "m.id" },
		{ "joined_on", "m.joined_on" } };
	struct member_filter f = { 0 };
	struct problem *pb = &rp->problem;
	const char *q, *key;
	struct listq lq;
	int64_t total;
	uint64_t gen;
	struct jw w;
	enum err e;

	listq_id(rq, pb, "org_id", &f.org_id);
	listq_text(rq, pb, "q", 32, &q);
	listq_enum(rq, pb, "status", member_statuses, &f.status);
	listq_enum(rq, pb, "category", member_categories, &f.category);
	listq_enum(rq, pb, "state", state_filters, &f.state);
	listq_date(rq, pb, "joined_from", &f.joined_from);
	listq_date(rq, pb, "joined_to", &f.joined_to);
	if ((e = listq_parse(rq, pb, sorts, ARRAY_SIZE(sorts), &lq)))
		return e;
	f.q = q ? listq_like(&rq->arena, q) : NULL;
	f.sort_col = lq.sort_col;
	f.desc = lq.desc;
	f.page = lq.page;
	f.per_page = lq.per_page;
	key = cache_key(rq, &f);
	gen = db_generation(rq->db);	/* read before the data it guards */
	reply_json_begin(rp, 200, &w);
	if (cache_get(key, gen, &rp->body))
		return ERR_OK;
	listq_begin(&w);
	if ((e = member_list(rq->db, &rq->who, &f, emit, &w, &total)))
		return e;
	listq_end(&w, &lq, total);
	if ((e = reply_json_end(rp, &w)))
		return e;
	cache_put(key, gen, rp->body.p, rp->body.len);
	return ERR_OK;
}

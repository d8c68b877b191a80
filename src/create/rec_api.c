/* rec_api.c: parse, call rec_store, reply, for every plain record kind. */
#include "core/common.h"
#include "create/rec_api.h"

#include "http/listq.h"
#include "http/reply.h"

static enum err
reply_one(const struct rec_kind *k, struct req *rq, struct reply *rp, int status, int64_t id)
{
	struct jw w;
	enum err e;

	reply_json_begin(rp, status, &w);
	if ((e = rec_write_one(rq->db, &rq->who, k, id, &w)))
		return e;
	return reply_json_end(rp, &w);
}

/* An integer filter: digits only, at most 9 of them. */
static void
int_filter(struct req *rq, struct problem *pb, const char *name, const char **out)
{
	const char *s = req_arg(rq, name);
	size_t n = s ? strlen(s) : 0;

	*out = NULL;
	if (!s || !*s)
		return;
	if (n > 9 || strspn(s, "0123456789") != n)
		problem_field(pb, name, "应为整数");
	else
		*out = s;
}

static void
filters(const struct rec_kind *k, struct req *rq, struct problem *pb, struct rec_filter *f)
{
	listq_id(rq, pb, "school_id", &f->school_id);
	if (k->parent)
		listq_id(rq, pb, k->fields[0].name, &f->parent_id);
	for (int i = 1; i < k->nfields; i++) {
		const struct json_field *jf = &k->fields[i];

		if (jf->type == JF_ENUM)
			listq_enum(rq, pb, jf->name, jf->enums, &f->eq[i]);
		else if (jf->type == JF_ID)
			int_filter(rq, pb, jf->name, &f->eq[i]);
		else if (jf->type == JF_INT)
			int_filter(rq, pb, jf->name, &f->eq[i]);
	}
	if (k->date_col) {
		listq_date(rq, pb, "from", &f->from);
		listq_date(rq, pb, "to", &f->to);
	}
}

enum err
rec_api_list(const struct rec_kind *k, struct req *rq, struct reply *rp)
{
	static const struct sort_key sorts[] = { { "default", "t.id" } };
	struct rec_filter f = { 0 };
	int64_t total = 0;
	struct listq q;
	struct jw w;
	enum err e;

	filters(k, rq, &rp->problem, &f);
	if ((e = listq_parse(rq, &rp->problem, sorts, 1, &q)))
		return e;
	f.page = q.page;
	f.per_page = q.per_page;
	reply_json_begin(rp, 200, &w);
	listq_begin(&w);
	if ((e = rec_write_list(rq->db, &rq->who, k, &f, &w, &total)))
		return e;
	listq_end(&w, &q, total);
	return reply_json_end(rp, &w);
}

enum err
rec_api_get(const struct rec_kind *k, struct req *rq, struct reply *rp)
{
	return reply_one(k, rq, rp, 200, rq->id);
}

enum err
rec_api_create(const struct rec_kind *k, struct req *rq, struct reply *rp)
{
	struct rec_body b = { 0 };
	int64_t id = 0;
	enum err e;

	e = json_in_object(rq, &rp->problem, k->fields, (size_t)k->nfields, JSON_CREATE, &b);
	if (!e)
		e = rec_create(rq->db, &rq->who, k, &b, &rp->problem, &id);
	return e ? e : reply_one(k, rq, rp, 201, id);
}

enum err
rec_api_update(const struct rec_kind *k, struct req *rq, struct reply *rp)
{
	struct rec_body b = { 0 };
	enum err e;

	e = json_in_object(rq, &rp->problem, k->fields, (size_t)k->nfields, JSON_PATCH, &b);
	if (!e)
		e = rec_update(rq->db, &rq->who, k, rq->id, &b, &rp->problem);
	return e ? e : reply_one(k, rq, rp, 200, rq->id);
}

enum err
rec_api_deleted(struct req *rq, struct reply *rp, enum err e)
{
	struct jw w;

	if (e)
		return e;
	reply_json_begin(rp, 200, &w);
	jw_obj(&w);
	jw_kint(&w, "id", rq->id);
	jw_kbool(&w, "deleted", 1);
	jw_obj_end(&w);
	return reply_json_end(rp, &w);
}

enum err
rec_api_delete(const struct rec_kind *k, struct req *rq, struct reply *rp)
{
	return rec_api_deleted(rq, rp, rec_delete(rq->db, &rq->who, k, rq->id));
}

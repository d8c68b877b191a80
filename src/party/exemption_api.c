#include "core/common.h"
#include "party/exemption_api.h"
#include "http/json_in.h"
#include "http/listq.h"
#include "http/reply.h"
#include "party/exemption.h"

struct exemption_body {
	struct json_present p;
	int64_t org_id;
	const char *rule, *period, *reason;
};

static const struct json_field fields[] = {
	{ "org_id", JF_ID, JF_REQUIRED, 0, 0, offsetof(struct exemption_body, org_id), NULL },
	{ "rule", JF_STR, JF_REQUIRED | JF_NONEMPTY, 0, 8, offsetof(struct exemption_body, rule),
	    NULL },
	{ "period", JF_STR, JF_REQUIRED | JF_NONEMPTY, 0, 8,
	    offsetof(struct exemption_body, period), NULL },
	{ "reason", JF_STR, JF_REQUIRED | JF_NONEMPTY, 0, 200,
	    offsetof(struct exemption_body, reason), NULL },
};

static void
write_one(struct jw *w, const struct exemption *x)
{
	jw_obj(w);
	jw_kint(w, "id", x->id);
	jw_kint(w, "org_id", x->org_id);
	jw_kstr(w, "org_name", x->org_name);
	jw_kstr(w, "rule", x->rule);
	jw_kstr(w, "period", x->period);
	jw_kstr(w, "reason", x->reason);
	jw_ktime(w, "created_at", x->created_at);
	jw_obj_end(w);
}

static void
emit(void *ctx, const struct exemption *x)
{
	write_one(ctx, x);
}

static enum err
api_exemptions_list(struct req *rq, struct reply *rp)
{
	static const struct sort_key sorts[] = { { "id", "x.id" } };
	int64_t org_id = 0, total = 0;
	struct listq q;
	struct jw w;
	enum err e;

	listq_id(rq, &rp->problem, "org_id", &org_id);
	if ((e = listq_parse(rq, &rp->problem, sorts, 1, &q)))
		return e;
	reply_json_begin(rp, 200, &w);
	listq_begin(&w);
	if ((e = exemption_list(rq->db, &rq->who, org_id, q.page, q.per_page, emit, &w, &total)))
		return e;
	listq_end(&w, &q, total);
	return reply_json_end(rp, &w);
}

static enum err
api_exemptions_create(struct req *rq, struct reply *rp)
{
	struct exemption_body b = { 0 };
	struct exemption_in in;
	struct exemption x;
	int64_t id;
	struct jw w;
	enum err e;

	e = json_in_object(rq, &rp->problem, fields, ARRAY_SIZE(fields), JSON_CREATE, &b);
	if (e)
		return e;
	in = (struct exemption_in){ b.org_id, b.rule, b.period, b.reason };
	if ((e = exemption_create(rq->db, &rq->who, &in, &rp->problem, &id)))
		return e;
	x = (struct exemption){ id, b.org_id, time(NULL), NULL, b.rule, b.period, b.reason };
	reply_json_begin(rp, 201, &w);
	write_one(&w, &x);
	return reply_json_end(rp, &w);
}

static enum err
api_exemptions_delete(struct req *rq, struct reply *rp)
{
	struct jw w;
	enum err e = exemption_delete(rq->db, &rq->who, rq->id);

	if (e)
		return e;
	reply_json_begin(rp, 200, &w);
	jw_obj(&w);
	jw_kbool(&w, "ok", 1);
	jw_obj_end(&w);
	return reply_json_end(rp, &w);
}

/* Waivers are granted by the district (the higher organization); staff
 * in scope read them. */
const struct route exemption_routes[] = {
	{ "GET", "/api/v1/compliance/exemptions", api_exemptions_list, ROLES_STAFF, 0 },
	{ "POST", "/api/v1/compliance/exemptions", api_exemptions_create,
	    ROLE_DISTRICT, 0 },
	{ "DELETE", "/api/v1/compliance/exemptions/:id", api_exemptions_delete,
	    ROLE_DISTRICT, 0 },
	ROUTES_END,
};

/* compliance_api.c: the compliance board and its roll-up (issue 3). */
#include "core/common.h"
#include "party/compliance_api.h"
#include "core/dates.h"
#include "http/listq.h"
#include "http/reply.h"
#include "party/compliance.h"

static const char *const statuses[] = { "done", "due", "overdue", "exempt", NULL };

/* period= (default: the current year) and org_id=, each named when bad. */
static enum err
parse_common(struct req *rq, struct problem *pb, int64_t *org_id, struct period *p)
{
	const char *s = req_arg(rq, "period");

	listq_id(rq, pb, "org_id", org_id);
	if (!s)
		period_make(CU_YEAR, date_year(date_today()), 0, p);
	else if (period_parse(s, p))
		problem_field(pb, "period", "应为年度、季度或月份，如 2026、2026-Q3、2026-07");
	return pb->nfields ? ERR_INVALID : ERR_OK;
}

static void
write_tally(struct jw *w, const struct compliance_tally *t)
{
	char rate[32];
	int64_t pm = compliance_tally_permille(t);

	jw_kint(w, "orgs", t->orgs);
	jw_kint(w, "orgs_ok", t->orgs_ok);
	jw_kint(w, "done", t->done);
	jw_kint(w, "due", t->due);
	jw_kint(w, "overdue", t->overdue);
	jw_kint(w, "exempt", t->exempt);
	snprintf(rate, sizeof(rate), "%" PRId64 ".%03" PRId64, pm / 1000, pm % 1000);
	jw_key(w, "rate");
	jw_raw(w, rate);
}

struct board_ctx {
	struct jw *w;
	const char *status;
	const char *period;
	struct compliance_tally t;
};

static void
emit_org(void *ctx, const struct compliance_row *o, const struct compliance_item *it, int n)
{
	struct board_ctx *c = ctx;
	char link[96];

	compliance_tally_add(&c->t, it, n);
	for (int i = 0; i < n; i++) {
		if (c->status && strcmp(c->status, compliance_status_name(it[i].status)))
			continue;
		snprintf(link, sizeof(link), "/meetings?org_id=%" PRId64 "&kind=%s", o->id, it[i].kind);
		jw_obj(c->w);
		jw_kint(c->w, "org_id", o->id);
		jw_kstr(c->w, "org_name", o->name);
		jw_kstr(c->w, "org_kind", o->kind);
		jw_kstr(c->w, "period", c->period);
		jw_kstr(c->w, "kind", it[i].kind);
		jw_kstr(c->w, "rule", it[i].rule);
		jw_kint(c->w, "required", it[i].required);
		jw_kint(c->w, "held", it[i].held);
		jw_kstr(c->w, "status", compliance_status_name(it[i].status));
		jw_kstr(c->w, "message", it[i].message);
		jw_kstr(c->w, "link", link);
		jw_obj_end(c->w);
	}
}

static enum err
api_compliance_list(struct req *rq, struct reply *rp)
{
	struct board_ctx c = { 0 };
	struct period p;
	int64_t org_id;
	struct jw w;
	enum err e;

	parse_common(rq, &rp->problem, &org_id, &p);
	listq_enum(rq, &rp->problem, "status", statuses, &c.status);
	if (rp->problem.nfields)
		return ERR_INVALID;
	c.w = &w;
	c.period = p.text;
	reply_json_begin(rp, 200, &w);
	jw_obj(&w);
	jw_kid(&w, "org_id", org_id);
	jw_kstr(&w, "period", p.text);
	jw_key(&w, "items");
	jw_arr(&w);
	e = compliance_board(rq->db, &rq->who, org_id, &p, date_today(), emit_org, &c);
	if (e)
		return e;
	jw_arr_end(&w);
	jw_key(&w, "rollup");
	jw_obj(&w);
	write_tally(&w, &c.t);
	jw_obj_end(&w);
	jw_obj_end(&w);
	return reply_json_end(rp, &w);
}

static void
write_buckets(struct jw *w, const char *key, const struct compliance_bucket *v, int n)
{
	jw_key(w, key);
	jw_arr(w);
	for (int i = 0; i < n; i++) {
		if (!v[i].t.orgs)
			continue;	/* a child without branches (a new school) has nothing to judge */
		jw_obj(w);
		if (v[i].org_id)
			jw_kint(w, "org_id", v[i].org_id);
		jw_kstr(w, "name", v[i].name);
		jw_kstr(w, "kind", v[i].kind);
		write_tally(w, &v[i].t);
		jw_obj_end(w);
	}
	jw_arr_end(w);
}

static enum err
api_compliance_rollup(struct req *rq, struct reply *rp)
{
	struct compliance_rollup r;
	struct period p;
	int64_t org_id;
	struct jw w;
	enum err e;

	if ((e = parse_common(rq, &rp->problem, &org_id, &p)))
		return e;
	if (!org_id && !rq->who.all) {
		if (rq->who.nscope != 1)
			return problem_field(&rp->problem, "org_id", "请指定要汇总的组织");
		org_id = rq->who.scope_ids[0];
	}
	e = compliance_rollup(rq->db, &rq->who, org_id, &p, date_today(), &r);
	if (!e) {
		reply_json_begin(rp, 200, &w);
		jw_obj(&w);
		jw_kid(&w, "org_id", r.root_id);
		jw_kstr(&w, "org_name", r.root_name);
		jw_kstr(&w, "period", p.text);
		jw_key(&w, "total");
		jw_obj(&w);
		write_tally(&w, &r.total);
		jw_obj_end(&w);
		write_buckets(&w, "children", r.children, r.nchildren);
		write_buckets(&w, "groups", r.groups, r.ngroups);
		jw_obj_end(&w);
		e = reply_json_end(rp, &w);
	}
	compliance_rollup_release(&r);
	return e;
}

const struct route compliance_routes[] = {
	{ "GET", "/api/v1/compliance", api_compliance_list, ROLES_STAFF, 0 },
	{ "GET", "/api/v1/compliance/rollup", api_compliance_rollup, ROLES_STAFF, F_HEAVY },
	ROUTES_END,
};

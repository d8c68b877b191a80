/* alert_api.c: the alert centre's route (issue 3; sources: desk.h). */
#include "core/common.h"
#include "desk/alert_api.h"
#include "core/dates.h"
#include "http/listq.h"
#include "http/reply.h"
#include "desk/alert.h"

static void
emit(void *ctx, const struct alert *a)
{
	struct jw *w = ctx;

	jw_obj(w);
	jw_kstr(w, "kind", a->kind);
	jw_kstr(w, "severity", alert_severities[a->severity]);
	jw_kstr(w, "rule", a->rule);
	jw_kid(w, "org_id", a->org_id);
	jw_kstr(w, "org_name", a->org_name);
	jw_kid(w, "member_id", a->member_id);
	jw_kstr(w, "message", a->message);
	jw_kstr(w, "link", a->link);
	jw_obj_end(w);
}

/* listq_end() with the counts by severity that are known (most severe first). */
static void
list_end(struct jw *w, const struct listq *lq, int64_t total, const int64_t by_sev[3])
{
	jw_arr_end(w);
	jw_kint(w, "total", total);
	jw_kint(w, "page", lq->page);
	jw_kint(w, "per_page", lq->per_page);
	jw_key(w, "severity_totals");
	jw_obj(w);
	for (int i = SEV_CRITICAL; i >= SEV_INFO; i--)
		if (by_sev[i] >= 0)
			jw_kint(w, alert_severities[i], by_sev[i]);
	jw_obj_end(w);
	jw_obj_end(w);
}

static enum err
api_alerts_list(struct req *rq, struct reply *rp)
{
	static const struct sort_key sorts[] = { { "severity", "severity" }, { "kind", "kind" } };
	struct alert_filter f = { 0 };
	struct problem *pb = &rp->problem;
	struct listq lq;
	int64_t total, by_sev[3];
	struct jw w;
	enum err e;

	listq_id(rq, pb, "org_id", &f.org_id);
	listq_enum(rq, pb, "kind", alert_kinds(), &f.kind);
	listq_enum(rq, pb, "severity", alert_severities, &f.severity);
	e = listq_parse(rq, pb, sorts, ARRAY_SIZE(sorts), &lq);
	if (e || pb->nfields)
		return ERR_INVALID;
	f.by_kind = !strcmp(lq.sort_col, "kind");
	f.page = lq.page;
	f.per_page = lq.per_page;
	reply_json_begin(rp, 200, &w);
	listq_begin(&w);
	if ((e = alert_list_counted(rq->db, &rq->who, &f, date_today(), emit, &w, &total, by_sev)))
		return e;
	list_end(&w, &lq, total, by_sev);
	return reply_json_end(rp, &w);
}

const struct route alert_routes[] = {
	{ "GET", "/api/v1/alerts", api_alerts_list, ROLES_STAFF | ROLE_MEMBER | ROLES_SUPERVISION, 0 },
	ROUTES_END,
};

/* home_api.c: GET /api/v1/home: the figures of the caller's home page. The
 * reply is kept per worker thread for one database generation (http/cache.h),
 * so a repeated load costs a lookup and is never older than the last
 * commit; the key names the caller's scope, the organization and the day. */
#include "core/common.h"
#include "home/home_api.h"
#include "core/dates.h"
#include "develop/pipeline.h"
#include "db/db.h"
#include "home/home.h"
#include "http/cache.h"
#include "http/json_out.h"
#include "http/listq.h"
#include "http/reply.h"

static const char *
cache_key(struct req *rq, int64_t org_id, int32_t today)
{
	const struct who *w = &rq->who;
	struct buf b = BUF_INIT(8192);
	const char *key;

	buf_addf(&b, "home\x1f%d\x1f%s", (int)w->role, w->all ? "all" : "");
	for (int i = 0; !w->all && i < w->nscope; i++)
		buf_addf(&b, "%s,", w->paths[i]);
	buf_addf(&b, "\x1f%" PRId64 "\x1f%" PRId32, org_id, today);
	key = arena_strdup(&rq->arena, buf_str(&b));
	buf_release(&b);
	return key;
}

/* A month key YYYYMM as "YYYY-MM" (out holds 16 bytes). */
static void
month_text(int32_t mk, char out[16])
{
	snprintf(out, 16, "%04d-%02d", (int)(mk / 100 % 10000), (int)(mk % 100));
}

/* A trend as [{"month": "2026-01", names[0]: v[0], ...}]. */
static void
write_trend(struct jw *w, const char *key, const struct home_point *t, int n,
    const char *const names[3])
{
	char m[16];

	jw_key(w, key);
	jw_arr(w);
	for (int i = 0; i < n; i++) {
		month_text(t[i].month, m);
		jw_obj(w);
		jw_kstr(w, "month", m);
		for (int k = 0; k < 3 && names[k]; k++)
			jw_kint(w, names[k], t[i].v[k]);
		jw_obj_end(w);
	}
	jw_arr_end(w);
}

static void
write_tally(struct jw *w, const char *key, const char *period,
    const struct compliance_tally *t)
{
	jw_key(w, key);
	jw_obj(w);
	jw_kstr(w, "period", period);
	jw_kint(w, "orgs", t->orgs);
	jw_kint(w, "orgs_ok", t->orgs_ok);
	jw_kint(w, "done", t->done);
	jw_kint(w, "due", t->due);
	jw_kint(w, "overdue", t->overdue);
	jw_kint(w, "exempt", t->exempt);
	jw_kint(w, "rate_permille", compliance_tally_permille(t));
	jw_obj_end(w);
}

static void
write_counts(struct jw *w, const char *key, const char *const *names, const int64_t *v, int n)
{
	jw_key(w, key);
	jw_obj(w);
	for (int i = 0; i < n; i++)
		jw_kint(w, names[i][0] ? names[i] : "none", v[i]);
	jw_obj_end(w);
}

static void
write_members(struct jw *w, const struct home *h)
{
	static const char *const names[3] = { "active", NULL, NULL };

	jw_key(w, "members");
	jw_obj(w);
	jw_kint(w, "active", h->members);
	jw_kint(w, "full", h->full);
	jw_kint(w, "probationary", h->probationary);
	write_trend(w, "trend", h->members_trend, HOME_MONTHS, names);
	jw_kstr(w, "link", "/members");
	jw_obj_end(w);
	jw_key(w, "orgs");
	jw_obj(w);
	jw_kint(w, "total", h->orgs);
	write_counts(w, "by_kind", home_org_kinds, h->org_kinds, HOME_KINDS);
	jw_kstr(w, "link", "/orgs");
	jw_obj_end(w);
}

static void
write_compliance(struct jw *w, const struct home *h)
{
	struct period p;

	jw_key(w, "compliance");
	jw_obj(w);
	jw_kstr(w, "source", "compliance_engine");
	write_tally(w, "month", h->month.text, &h->c_month);
	write_tally(w, "quarter", h->quarter.text, &h->c_quarter);
	jw_key(w, "trend");
	jw_arr(w);
	for (int i = 0; i < h->n_c_months; i++) {
		period_make(CU_MONTH, h->month.year, h->c_first_month + i, &p);
		jw_obj(w);
		jw_kstr(w, "month", p.text);
		jw_kint(w, "rate_permille", compliance_tally_permille(&h->c_months[i]));
		jw_kint(w, "done", h->c_months[i].done);
		jw_kint(w, "overdue", h->c_months[i].overdue);
		jw_kint(w, "due", h->c_months[i].due);
		jw_obj_end(w);
	}
	jw_arr_end(w);
	jw_kstr(w, "link", "/compliance");
	jw_obj_end(w);
}

static void
write_dues(struct jw *w, const struct home *h)
{
	static const char *const names[3] = { "collected_fen", "payments", NULL };

	jw_key(w, "dues");
	jw_obj(w);
	jw_kstr(w, "month", h->month.text);
	jw_kint(w, "members", h->dues_members);
	jw_kint(w, "due_fen", h->dues_due_fen);
	jw_kint(w, "paid_fen", h->dues_paid_fen);
	jw_kint(w, "unpaid_fen", h->dues_unpaid_fen);
	jw_kint(w, "arrears_members", h->dues_arrears);
	jw_kint(w, "warnings", h->dues_warnings);
	jw_kint(w, "flags", h->dues_flags);
	write_trend(w, "trend", h->dues_trend, HOME_MONTHS, names);
	jw_kstr(w, "link", "/dues");
	jw_obj_end(w);
}

static void
write_findings(struct jw *w, const struct home *h)
{
	static const char *const names[3] = { "issued", "closed", "closed_on_time" };

	jw_key(w, "findings");
	jw_obj(w);
	jw_kint(w, "total", h->f_total);
	jw_kint(w, "open", h->f_open);
	jw_kint(w, "overdue", h->f_overdue);
	jw_kint(w, "closed", h->f_closed);
	jw_kint(w, "closed_on_time", h->f_closed_on_time);
	write_trend(w, "trend", h->findings_trend, HOME_MONTHS, names);
	jw_kstr(w, "link", "/findings");
	jw_obj_end(w);
}

static void
write_pipeline(struct jw *w, const struct home *h)
{
	jw_key(w, "pipeline");
	jw_obj(w);
	jw_key(w, "stages");
	jw_arr(w);
	for (int i = 0; i < HOME_STAGES; i++) {
		jw_obj(w);
		jw_kint(w, "stage", i + 1);
		jw_kstr(w, "name", pipe_stage_name(i + 1));
		jw_kint(w, "count", h->stages[i]);
		jw_obj_end(w);
	}
	jw_arr_end(w);
	jw_kint(w, "steps_overdue", h->steps_overdue);
	jw_kint(w, "steps_due", h->steps_due);
	jw_kstr(w, "link", "/applicants");
	jw_obj_end(w);
}

static void
write_assessment(struct jw *w, const struct home *h)
{
	static const char *const bands[5] = { "900+", "800-899", "700-799", "600-699", "<600" };

	jw_key(w, "assessment");
	jw_obj(w);
	jw_kid(w, "year", h->assess_year);	/* null: no assessment in scope */
	write_counts(w, "grades", home_grades, h->grades, HOME_GRADES);
	write_counts(w, "previous_grades", home_grades, h->prev_grades, HOME_GRADES);
	write_counts(w, "score_bands", bands, h->bands, 5);
	jw_kint(w, "rectify", h->rectify);
	jw_kstr(w, "link", "/assessments");
	jw_obj_end(w);
}

static void
write_study(struct jw *w, const struct home *h)
{
	static const char *const names[3] = { "records", "points", "members" };
	const struct home_point *now = &h->study_trend[HOME_MONTHS - 1];

	jw_key(w, "study");
	jw_obj(w);
	jw_kstr(w, "month", h->month.text);
	jw_kint(w, "records", now->v[0]);
	jw_kint(w, "points", now->v[1]);
	jw_kint(w, "members", now->v[2]);
	write_trend(w, "trend", h->study_trend, HOME_MONTHS, names);
	jw_kstr(w, "link", "/study");
	jw_obj_end(w);
}

static void
write_home(struct jw *w, const struct home *h)
{
	char today[11];

	date_format(h->today, today);
	jw_obj(w);
	jw_kid(w, "org_id", h->org_id);
	jw_kstr(w, "org_name", h->org_name);
	jw_kstr(w, "today", today);
	jw_kstr(w, "month", h->month.text);
	jw_kstr(w, "quarter", h->quarter.text);
	write_members(w, h);
	write_compliance(w, h);
	write_dues(w, h);
	write_findings(w, h);
	write_pipeline(w, h);
	write_assessment(w, h);
	write_study(w, h);
	jw_obj_end(w);
}

static enum err
api_home_get(struct req *rq, struct reply *rp)
{
	int32_t today = date_today();
	struct home h;
	const char *key;
	int64_t org_id;
	uint64_t gen;
	struct jw w;
	enum err e;

	if ((e = listq_id(rq, &rp->problem, "org_id", &org_id)))
		return e;
	key = cache_key(rq, org_id, today);
	gen = db_generation(rq->db);	/* read before the data it guards */
	reply_json_begin(rp, 200, &w);
	if (cache_get(key, gen, &rp->body))
		return ERR_OK;
	if ((e = home_gather(rq->db, &rq->who, org_id, today, &rq->arena, &h)))
		return e;
	write_home(&w, &h);
	if ((e = reply_json_end(rp, &w)))
		return e;
	cache_put(key, gen, rp->body.p, rp->body.len);
	return ERR_OK;
}

/* District staff (their whole scope or one organization's subtree) and a
 * school's secretary or principal (their scope). Members have their own
 * page (我的); inspectors work from their assignments. */
const struct route home_routes[] = {
	{ "GET", "/api/v1/home", api_home_get, ROLE_DISTRICT | ROLE_SECRETARY | ROLE_PRINCIPAL, 0 },
	ROUTES_END,
};

/* points_api.c: /api/v1/points: the rules (district staff edit them),
 * leaderboards per branch and school, a member's own points and ranks. */
#include "core/common.h"
#include "study/study_api.h"

#include "core/dates.h"
#include "http/json_in.h"
#include "http/listq.h"
#include "http/reply.h"
#include "study/points.h"
#include "study/study.h"

static void
emit_rule(void *ctx, const struct points_rule *r, int64_t updated_at)
{
	struct jw *w = ctx;

	jw_obj(w);
	jw_kstr(w, "kind", r->kind);
	jw_kstr(w, "label", points_kind_label(r->kind));
	jw_kint(w, "per_record", r->per_record);
	jw_kint(w, "block_minutes", r->block_minutes);
	jw_kint(w, "per_block", r->per_block);
	jw_kint(w, "daily_cap", r->daily_cap);
	jw_kbool(w, "enabled", r->enabled);
	if (updated_at)
		jw_ktime(w, "updated_at", updated_at);
	else
		jw_kstr(w, "updated_at", NULL);
	jw_obj_end(w);
}

static enum err
rules_reply(struct req *rq, struct reply *rp)
{
	struct jw w;
	enum err e;

	reply_json_begin(rp, 200, &w);
	listq_begin(&w);
	if ((e = study_rules_list(rq->db, emit_rule, &w)))
		return e;
	listq_items_end(&w);
	return reply_json_end(rp, &w);
}

static enum err
api_points_rules(struct req *rq, struct reply *rp)
{
	return rules_reply(rq, rp);
}

struct rule_body {
	struct json_present p;
	const char *kind;
	int64_t per_record, block_minutes, per_block, daily_cap;
	int enabled;
};

static enum err
api_points_rule_set(struct req *rq, struct reply *rp)
{
#define OFF(f) offsetof(struct rule_body, f)
	static const struct json_field fields[] = {
		{ "kind", JF_ENUM, JF_REQUIRED, 0, 0, OFF(kind), points_kinds },
		{ "per_record", JF_INT, JF_REQUIRED, -1000000, 1000000, OFF(per_record), NULL },
		{ "block_minutes", JF_INT, JF_REQUIRED, -1000000, 1000000, OFF(block_minutes), NULL },
		{ "per_block", JF_INT, JF_REQUIRED, -1000000, 1000000, OFF(per_block), NULL },
		{ "daily_cap", JF_INT, JF_REQUIRED, -1000000, 1000000, OFF(daily_cap), NULL },
		{ "enabled", JF_BOOL, JF_REQUIRED, 0, 0, OFF(enabled), NULL },
	};
#undef OFF
	struct rule_body b = { 0 };
	struct points_rule r;
	enum err e;

	if ((e = json_in_object(rq, &rp->problem, fields, ARRAY_SIZE(fields), JSON_CREATE, &b)))
		return e;
	r = (struct points_rule){ b.kind, b.per_record, b.block_minutes, b.per_block, b.daily_cap,
		b.enabled };
	if ((e = study_rule_set(rq->db, &rq->who, &r, &rp->problem)))
		return e;
	return rules_reply(rq, rp);
}

static enum err
year_of(struct req *rq, struct problem *pb, int64_t *year)
{
	const char *ys = req_arg(rq, "year");

	*year = date_year(date_today());
	if (!ys)
		return ERR_OK;
	if (strlen(ys) != 4 || strspn(ys, "0123456789") != 4 || ys[0] < '1' || ys[0] > '2')
		return problem_field(pb, "year", "应为四位年份");
	*year = strtol(ys, NULL, 10);
	return ERR_OK;
}

static void
emit_row(void *ctx, const struct points_row *r)
{
	struct jw *w = ctx;

	jw_obj(w);
	jw_kint(w, "rank", r->rank);
	jw_kint(w, "member_id", r->member_id);
	jw_kstr(w, "name", r->name);
	jw_kstr(w, "org_name", r->org_name);
	jw_kint(w, "points", r->points);
	jw_kint(w, "records", r->records);
	jw_kint(w, "minutes", r->minutes);
	jw_obj_end(w);
}

static void
emit_org_row(void *ctx, const struct points_org_row *r)
{
	struct jw *w = ctx;
	char per[32];

	snprintf(per, sizeof(per), "%" PRId64 ".%" PRId64, r->per_member / 10, r->per_member % 10);
	jw_obj(w);
	jw_kint(w, "rank", r->rank);
	jw_kint(w, "rank_total", r->rank_total);
	jw_kint(w, "org_id", r->org_id);
	jw_kstr(w, "name", r->name);
	jw_kint(w, "members", r->members);
	jw_kint(w, "studied", r->studied);
	jw_kint(w, "points", r->points);
	jw_kint(w, "minutes", r->minutes);
	jw_key(w, "per_member");
	jw_raw(w, per);
	jw_obj_end(w);
}

/* STUDY-07: ?level=branch|school ranks organizations, ?by=per_member|total. */
static enum err
org_board_reply(struct req *rq, struct reply *rp, const char *level, int64_t org_id,
    int64_t year)
{
	const char *by = req_arg(rq, "by");
	int by_total = by && !strcmp(by, "total");
	struct jw w;
	enum err e;

	if (strcmp(level, "branch") && strcmp(level, "school"))
		problem_field(&rp->problem, "level", "应为 member、branch 或 school");
	if (by && !by_total && strcmp(by, "per_member"))
		problem_field(&rp->problem, "by", "应为 per_member 或 total");
	if (rp->problem.nfields)
		return ERR_INVALID;
	reply_json_begin(rp, 200, &w);
	jw_obj(&w);
	jw_kint(&w, "year", year);
	jw_kstr(&w, "level", level);
	jw_kstr(&w, "by", by_total ? "total" : "per_member");
	jw_key(&w, "items");
	jw_arr(&w);
	e = points_org_board(rq->db, &rq->who, !strcmp(level, "school") ? POINTS_LEVEL_SCHOOL :
	    POINTS_LEVEL_BRANCH, org_id, year, by_total, emit_org_row, &w);
	if (e)
		return e;
	jw_arr_end(&w);
	jw_obj_end(&w);
	return reply_json_end(rp, &w);
}

static enum err
api_points_leaderboard(struct req *rq, struct reply *rp)
{
	static const struct sort_key sorts[] = { { "points", "points" } };
	int64_t org_id = 0, year = 0, total = 0;
	const char *level = req_arg(rq, "level");
	struct listq q;
	struct jw w;
	enum err e;

	listq_id(rq, &rp->problem, "org_id", &org_id);
	year_of(rq, &rp->problem, &year);
	if (level && strcmp(level, "member")) {
		if (rp->problem.nfields)
			return ERR_INVALID;
		return org_board_reply(rq, rp, level, org_id, year);
	}
	if ((e = listq_parse(rq, &rp->problem, sorts, 1, &q)))
		return e;
	reply_json_begin(rp, 200, &w);
	jw_obj(&w);
	jw_kint(&w, "year", year);
	jw_key(&w, "items");
	jw_arr(&w);
	e = points_leaderboard(rq->db, &rq->who, org_id, year, q.page, q.per_page, emit_row, &w,
	    &total);
	if (e)
		return e;
	jw_arr_end(&w);
	jw_kint(&w, "total", total);
	jw_kint(&w, "page", q.page);
	jw_kint(&w, "per_page", q.per_page);
	jw_obj_end(&w);
	return reply_json_end(rp, &w);
}

static enum err
api_points_me(struct req *rq, struct reply *rp)
{
	struct points_me me = { 0 };
	int64_t year = 0;
	struct jw w;
	enum err e;

	if ((e = year_of(rq, &rp->problem, &year)))
		return e;
	if ((e = points_me(rq->db, &rq->who, year, &rq->arena, &me)))
		return e;
	reply_json_begin(rp, 200, &w);
	jw_obj(&w);
	jw_kint(&w, "year", year);
	jw_kint(&w, "member_id", me.member_id);
	jw_kstr(&w, "name", me.name);
	jw_kint(&w, "points", me.points);
	jw_kint(&w, "records", me.records);
	jw_kint(&w, "minutes", me.minutes);
	jw_kint(&w, "flagged", me.flagged);
	jw_key(&w, "branch");
	jw_obj(&w);
	jw_kint(&w, "org_id", me.branch_id);
	jw_kstr(&w, "name", me.branch_name);
	jw_kint(&w, "rank", me.branch_rank);
	jw_kint(&w, "size", me.branch_size);
	jw_obj_end(&w);
	jw_key(&w, "school");
	jw_obj(&w);
	jw_kint(&w, "org_id", me.school_id);
	jw_kstr(&w, "name", me.school_name);
	jw_kint(&w, "rank", me.school_rank);
	jw_kint(&w, "size", me.school_size);
	jw_obj_end(&w);
	jw_obj_end(&w);
	return reply_json_end(rp, &w);
}

const struct route points_routes[] = {
	{ "GET", "/api/v1/points/rules", api_points_rules, ROLES_STAFF | ROLE_MEMBER, 0 },
	{ "PUT", "/api/v1/points/rules", api_points_rule_set, ROLE_DISTRICT, 0 },
	{ "GET", "/api/v1/points/leaderboard", api_points_leaderboard, ROLES_STAFF | ROLE_MEMBER, 0 },
	{ "GET", "/api/v1/points/me", api_points_me, ROLE_MEMBER, 0 },
	ROUTES_END,
};

#include "core/common.h"
#include "http/router.h"
#include "auth/crypto.h"
#include "auth/session.h"
#include "auth/mfa.h"
#include "auth/user_api.h"
#include "auth/audit_api.h"
#include "http/system_api.h"
#include "party/school_api.h"
#include "party/org_api.h"
#include "party/member_api.h"
#include "party/meeting_api.h"
#include "party/compliance_api.h"
#include "party/exemption_api.h"
#include "desk/alert_api.h"
#include "desk/todo_api.h"
#include "party/dues_api.h"
#include "party/transfer_api.h"
#include "report/ledger_api.h"
#include "supervise/finding_api.h"
#include "create/alliance_api.h"
#include "create/brand_api.h"
#include "create/clean_api.h"
#include "create/ethics_api.h"
#include "create/ideology_api.h"
#include "create/post_api.h"
#include "create/summary_api.h"
#include "supervise/indicator_api.h"
#include "roster/roster_api.h"
#include "supervise/review_api.h"
#include "cultivate/cult_api.h"
#include "supervise/assessment_api.h"
#include "supervise/finding_file_api.h"
#include "study/study_api.h"
#include "develop/applicant_api.h"
#include "develop/holiday_api.h"
#include "supervise/inspection_api.h"
#include "desk/notify_api.h"
#include "party/me_api.h"
#include "notice/notice_api.h"
#include "home/home_api.h"
#include "attach/attach_api.h"
#include "principal/principal_api.h"
#include "principal/visit_api.h"
#include "core/config.h"
#include "http/guard.h"

#include <jansson.h>

#define ALL_STAFF ROLES_STAFF
#define READERS (ROLES_STAFF | ROLE_MEMBER)
#define ORG_WRITERS (ROLE_DISTRICT | ROLE_SECRETARY)

/* Seconds a refused heavy request is told to wait: about one export. */
#define HEAVY_RETRY_AFTER_S 5

static const struct route routes[] = {
	{ "POST", "/api/v1/session", api_session_create, ROLES_ALL, F_PUBLIC | F_NO_CSRF },
	/* Public: without a session it answers 200 {"authenticated":false}, no error (issue 12). */
	{ "GET", "/api/v1/session", api_session_get, ROLES_ALL, F_PUBLIC | F_PW_OK },
	{ "DELETE", "/api/v1/session", api_session_delete, ROLES_ALL, F_PW_OK },
	{ "POST", "/api/v1/session/password", api_session_password, ROLES_ALL, F_PW_OK },
	{ "POST", "/api/v1/session/mfa", api_session_mfa, ROLES_ALL, F_PUBLIC | F_NO_CSRF },
	{ "POST", "/api/v1/session/totp", api_session_totp_begin, ROLES_ALL, 0 },
	{ "POST", "/api/v1/session/totp/confirm", api_session_totp_confirm, ROLES_ALL, 0 },

	{ "GET", "/api/v1/schools", api_schools_list, READERS, 0 },
	{ "POST", "/api/v1/schools", api_schools_create, ROLE_DISTRICT, 0 },
	{ "GET", "/api/v1/schools/:id", api_schools_get, READERS, 0 },
	{ "PATCH", "/api/v1/schools/:id", api_schools_update, ROLE_DISTRICT, 0 },

	{ "GET", "/api/v1/orgs", api_orgs_list, READERS, 0 },
	{ "POST", "/api/v1/orgs", api_orgs_create, ORG_WRITERS, 0 },
	{ "GET", "/api/v1/orgs/:id", api_orgs_get, READERS, 0 },
	{ "PATCH", "/api/v1/orgs/:id", api_orgs_update, ORG_WRITERS, 0 },
	{ "DELETE", "/api/v1/orgs/:id", api_orgs_delete, ORG_WRITERS, 0 },
	{ "POST", "/api/v1/orgs/:id/move", api_orgs_move, ORG_WRITERS, 0 },

	{ "GET", "/api/v1/members", api_members_list, READERS, 0 },
	{ "POST", "/api/v1/members", api_members_create, ORG_WRITERS, 0 },
	{ "GET", "/api/v1/members/:id", api_members_get, READERS, 0 },
	{ "PATCH", "/api/v1/members/:id", api_members_update, ORG_WRITERS, 0 },

	/* SEC-05: accounts are the security administrator's, the whole audit
	 * the audit administrator's, the system's health the system
	 * administrator's; district staff read the business audit. */
	{ "GET", "/api/v1/users", api_users_list, ROLE_SECURITY_ADMIN, 0 },
	{ "POST", "/api/v1/users", api_users_create, ROLE_SECURITY_ADMIN, 0 },
	{ "GET", "/api/v1/users/:id", api_users_get, ROLE_SECURITY_ADMIN, 0 },
	{ "PATCH", "/api/v1/users/:id", api_users_update, ROLE_SECURITY_ADMIN, 0 },
	{ "GET", "/api/v1/org-tree", api_org_tree, ROLE_SECURITY_ADMIN, 0 },
	/* SEC-04: a lost device (not of an administrator: hongyan user totp-reset). */
	{ "DELETE", "/api/v1/users/:id/totp", api_users_totp_reset, ROLE_SECURITY_ADMIN, 0 },

	{ "GET", "/api/v1/audit", api_audit_list, ROLE_AUDIT_ADMIN | ROLE_DISTRICT, 0 },
	{ "GET", "/api/v1/system", api_system_get, ROLE_ADMIN, 0 },
	ROUTES_END,
};

/* The foundation's routes, then each area's. */
static const struct route *const tables[] = {
	routes, meeting_routes, compliance_routes, exemption_routes, alert_routes, todo_routes,
	dues_routes,
	transfer_routes, ledger_routes, finding_routes, indicator_routes,
	review_routes,
	cultivation_routes, leader_routes, programme_routes, studio_routes,
	assessment_routes, finding_file_routes,
	study_routes, points_routes, exchange_routes,
	study_edit_routes,
	applicant_routes, holiday_routes,
	alliance_routes, brand_routes, post_routes, ideology_routes, clean_routes, ethics_routes,
	summary_routes,
	inspection_routes,
	notify_routes,
	me_routes,
	notice_routes,
	home_routes,
	principal_routes,
	visit_routes,
	roster_routes,
};

/* Table t of the foundation's, the areas' and, last, the attachments'
 * (built from their registry); NULL past the end. */
static const struct route *
table_at(size_t t)
{
	if (t < ARRAY_SIZE(tables))
		return tables[t];
	return t == ARRAY_SIZE(tables) ? attach_routes() : NULL;
}

void
router_each(void (*fn)(void *ctx, const struct route *r), void *ctx)
{
	for (size_t t = 0; table_at(t); t++)
		for (const struct route *r = table_at(t); r->method; r++)
			fn(ctx, r);
}

/* Matches url against pattern segment by segment; fills *id for ":id". */
static int
match(const char *pattern, const char *url, int64_t *id)
{
	while (*pattern && *url) {
		if (!strncmp(pattern, ":id", 3)) {
			char *end;
			long long v;

			if (*url < '1' || *url > '9')
				return 0;
			errno = 0;
			v = strtoll(url, &end, 10);
			if (errno || (*end && *end != '/' && *end != '.'))
				return 0;
			*id = v;
			pattern += 3;
			url = end;
			continue;
		}
		if (*pattern++ != *url++)
			return 0;
	}
	return !*pattern && !*url;
}

static const struct route *
find_route(struct req *rq, enum err *e)
{
	int path_matched = 0;

	for (size_t t = 0; table_at(t); t++) {
		for (const struct route *r = table_at(t); r->method; r++) {
			int64_t id = 0;

			if (!match(r->pattern, rq->url, &id))
				continue;
			path_matched = 1;
			if (strcmp(r->method, rq->method))
				continue;
			rq->id = id;
			return r;
		}
	}
	*e = path_matched ? ERR_METHOD : ERR_NOT_FOUND;
	return NULL;
}

size_t
router_body_limit(const char *method, const char *url)
{
	for (size_t t = 0; table_at(t); t++) {
		for (const struct route *r = table_at(t); r->method; r++) {
			int64_t id;

			if ((r->flags & F_UPLOAD) && !strcmp(r->method, method) &&
			    match(r->pattern, url, &id))
				return (size_t)(r->flags & F_IMPORT ? cfg.import_max : cfg.upload_max);
		}
	}
	return (size_t)cfg.body_max;
}

static enum err
check_csrf(struct req *rq, struct problem *pb)
{
	const char *tok = req_header(rq, "X-CSRF-Token");

	if (!tok || !rq->csrf || !crypto_str_equal(tok, rq->csrf))
		return problem_set(pb, ERR_FORBIDDEN, "csrf", "请求缺少有效的 CSRF 令牌，请刷新页面后重试");
	return ERR_OK;
}

/* Takes a heavy slot for the caller and leaves the handler for the server
 * to run off its threads (req.h); 429 when the slots are taken. */
static enum err
heavy_admit(struct req *rq, const struct route *r, struct problem *pb)
{
	if (guard_heavy_enter(rq->who.user_id)) {
		pb->retry_after = HEAVY_RETRY_AFTER_S;
		return problem_set(pb, ERR_LOCKED, "busy",
		    "导出、台账等耗时操作正在进行的太多，请稍后再试");
	}
	rq->heavy_fn = r->fn;
	return ERR_OK;
}

/* Whether a body that is present is JSON. Routes read their bodies as
 * JSON, and steps that take none (start, submit, close) must not take a
 * malformed one either (issue 11): an empty body is fine, "{garbage" is
 * 400 on every route. File uploads carry bytes, not JSON. */
static int
body_acceptable(const struct req *rq, unsigned flags)
{
	const char *p = buf_str(&rq->body);
	json_t *j;

	if (flags & F_UPLOAD)
		return 1;
	while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
		p++;
	if (!*p && (size_t)(p - buf_str(&rq->body)) == rq->body.len)
		return 1;
	j = json_loadb(buf_str(&rq->body), rq->body.len, JSON_DECODE_ANY, NULL);
	json_decref(j);
	return j != NULL;
}

enum err
router_dispatch(struct req *rq, struct reply *rp)
{
	const struct route *r;
	enum err e = ERR_OK;

	r = find_route(rq, &e);
	if (!r)
		return e;
	if (!(r->flags & F_PUBLIC)) {
		e = session_load(rq, &rp->problem);
		if (e)
			return e;
		if (rq->must_change && !(r->flags & F_PW_OK))
			return problem_set(&rp->problem, ERR_FORBIDDEN, "password_change_required",
			    "首次登录或密码已被重置，请先修改密码");
	}
	if (strcmp(rq->method, "GET") && !(r->flags & F_NO_CSRF)) {
		e = check_csrf(rq, &rp->problem);
		if (e)
			return e;
	}
	if (!(r->flags & F_PUBLIC) && !(r->roles & rq->who.role))
		return ERR_FORBIDDEN;
	if (strcmp(rq->method, "GET") && !body_acceptable(rq, r->flags))
		return ERR_BAD_JSON;
	if (r->flags & F_HEAVY)
		return heavy_admit(rq, r, &rp->problem);
	return r->fn(rq, rp);
}

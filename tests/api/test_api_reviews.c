/* test_api_reviews.c: secretaries' report-and-review (EVAL-01…04) over
 * real HTTP: the shipped sheet, round validation, the state machine
 * (ballot after close, publish before close, closing twice: 409
 * invalid_transition and nothing changed), self-review and non-evaluators
 * refused, ballot validation, one ballot per evaluator and secretary
 * (replaced and audited), scopes (own ballots only, results for the
 * district, a secretary's own result only after publication), the
 * automatic talk and finding for 一般/差 on closing, missing ballots,
 * ties in the ranking and the audit trail. The report's file is an
 * attachment since issue 19 (owner review_report): foreign subjects store
 * nothing, the older route and the generic one send the same bytes, one
 * file per report even under parallel uploads. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <curl/curl.h>
#include <dirent.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api.h"
#include "db/db.h"

#define ADMIN_PW "Hongyan#Admin2026"

static struct srv S;
static struct client A;			/* district staff (api_admin) */
static struct client SEC;	/* the security administrator: accounts (SEC-05) */
static struct client D;			/* district staff: evaluator in the district group */
static struct client SA, SB, SC;	/* secretaries under review; SA, SB also evaluate */
static struct client SX;		/* a secretary outside every round */
static struct client M;			/* a principal in the member representatives' group */
static long long uid_d, uid_sa, uid_sb, uid_sc, uid_m;
static long long org[4];
/* The demo's own review findings (demo_review.c), read before this file
 * writes any: counts below are relative to them. */
static long long demo_findings;
/* SA's report file in round R (an attachment's id). */
static long long report_file;

static const char *
str(json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));

	return s ? s : "";
}

static long long
num(json_t *o, const char *k)
{
	return json_integer_value(json_object_get(o, k));
}

static void
find_orgs(void)
{
	json_t *j = NULL, *it;
	size_t i;
	int n = 0;

	assert_int_equal(api_call(&A, "GET", "/api/v1/orgs?per_page=100", NULL, &j), 200);
	json_array_foreach(json_object_get(j, "items"), i, it)
		if (!strcmp(str(it, "kind"), "party_committee") && n < 4)
			org[n++] = num(it, "id");
	json_decref(j);
	assert_int_equal(n, 4);
}

static long long
demo_review_findings(void)
{
	json_t *j = NULL;
	long long n;

	assert_int_equal(api_call(&A, "GET", "/api/v1/findings?source=review", NULL, &j), 200);
	n = num(j, "total");
	json_decref(j);
	return n;
}

/* Creates a user, logs c in; returns the user's id. */
static long long
user(struct client *c, const char *name, const char *role, long long scope)
{
	char body[256];
	json_t *j = NULL, *it;
	long long id = 0;
	size_t i;

	if (scope)
		snprintf(body, sizeof(body), "{\"username\":\"%s\",\"role\":\"%s\",\"scope\":[%lld]}",
		    name, role, scope);
	else
		snprintf(body, sizeof(body), "{\"username\":\"%s\",\"role\":\"%s\"}", name, role);
	assert_int_equal(api_user_client(&A, c, body, name), 0);
	assert_int_equal(api_call(&SEC, "GET", "/api/v1/users?per_page=100", NULL, &j), 200);
	json_array_foreach(json_object_get(j, "items"), i, it)
		if (!strcmp(str(it, "username"), name))
			id = num(it, "id");
	json_decref(j);
	assert_true(id > 0);
	return id;
}

static int
setup(void **state)
{
	(void)state;
	if (srv_start(&S, 1, NULL) || srv_restart_flag(&S, NULL, "--today", "2026-11-20"))
		return -1;
	client_init(&A, &S);
	api_admin(&A, ADMIN_PW);
	client_init(&SEC, &S);
	api_security_admin(&SEC);
	find_orgs();
	demo_findings = demo_review_findings();
	uid_d = user(&D, "dist_r", "district", 0);
	uid_sa = user(&SA, "sec_ra", "secretary", org[0]);
	uid_sb = user(&SB, "sec_rb", "secretary", org[1]);
	uid_sc = user(&SC, "sec_rc", "secretary", org[2]);
	user(&SX, "sec_rx", "secretary", org[3]);
	uid_m = user(&M, "prin_rm", "principal", org[0]);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	client_release(&A);
	client_release(&SEC);
	client_release(&D);
	client_release(&SA);
	client_release(&SB);
	client_release(&SC);
	client_release(&SX);
	client_release(&M);
	srv_stop(&S);
	return 0;
}

static long
call(struct client *c, const char *method, const char *body, json_t **j, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static long
call(struct client *c, const char *method, const char *body, json_t **j, const char *fmt, ...)
{
	char path[256];
	va_list ap;
	json_t *tmp = NULL;
	long st;

	va_start(ap, fmt);
	vsnprintf(path, sizeof(path), fmt, ap);
	va_end(ap);
	st = api_call(c, method, path, body, j ? j : &tmp);
	json_decref(tmp);
	return st;
}

static long long
create_round(const char *name)
{
	char body[256];
	json_t *j = NULL;
	long long id;

	snprintf(body, sizeof(body), "{\"year\":2026,\"name\":\"%s\"}", name);
	assert_int_equal(api_call(&D, "POST", "/api/v1/reviews", body, &j), 201);
	assert_string_equal(str(j, "state"), "open");
	assert_int_equal(num(j, "weight_district") + num(j, "weight_secretary") +
	    num(j, "weight_member"), 1000);
	id = num(j, "id");
	json_decref(j);
	return id;
}

/* A ballot body scoring every leaf of the round's sheet at pct percent. */
static char *
ballot_body(long long round, long long sec, int pct, const char *grade)
{
	static char body[4096];
	json_t *j = NULL, *it;
	size_t i, len;

	assert_int_equal(call(&D, "GET", NULL, &j, "/api/v1/reviews/%lld", round), 200);
	len = (size_t)snprintf(body, sizeof(body), "{\"secretary_id\":%lld,\"grade\":\"%s\","
	    "\"scores\":[", sec, grade);
	json_array_foreach(json_object_get(j, "sheet"), i, it) {
		long long t;

		if (!json_is_true(json_object_get(it, "leaf")))
			continue;
		t = (long long)(json_number_value(json_object_get(it, "max_points")) * 10 + 0.5);
		t = t * pct / 100;
		len += (size_t)snprintf(body + len, sizeof(body) - len, "%s{\"code\":\"%s\","
		    "\"points\":%lld.%lld}", body[len - 1] == '[' ? "" : ",", str(it, "code"),
		    t / 10, t % 10);
	}
	snprintf(body + len, sizeof(body) - len, "]}");
	json_decref(j);
	return body;
}

static long
ballot(struct client *c, long long round, long long sec, int pct, const char *grade,
    json_t **j)
{
	return call(c, "POST", ballot_body(round, sec, pct, grade), j,
	    "/api/v1/reviews/%lld/ballots", round);
}

static void
assign(long long round, const char *group, const char *ids)
{
	char body[128];

	snprintf(body, sizeof(body), "{\"group\":\"%s\",\"user_ids\":[%s]}", group, ids);
	assert_int_equal(call(&D, "POST", body, NULL, "/api/v1/reviews/%lld/evaluators", round),
	    200);
}

static long long
count_sql_like(struct client *c, const char *path)
{
	json_t *j = NULL;
	long long n;

	assert_int_equal(api_call(c, "GET", path, NULL, &j), 200);
	n = json_is_integer(json_object_get(j, "total")) ? num(j, "total") :
	    (long long)json_array_size(json_object_get(j, "items"));
	json_decref(j);
	return n;
}

static void
test_reviews_sheet_shipped(void **state)
{
	json_t *j = NULL, *it;

	(void)state;
	assert_int_equal(api_call(&D, "GET", "/api/v1/indicator-systems?kind=secretary_review",
	    NULL, &j), 200);
	assert_int_equal(num(j, "total"), 1);
	it = json_array_get(json_object_get(j, "items"), 0);
	assert_string_equal(str(it, "status"), "published");
	json_decref(j);
}

static void
test_reviews_create_refuses_bad_input(void **state)
{
	long long before = count_sql_like(&D, "/api/v1/reviews");
	json_t *j = NULL;

	(void)state;
	assert_int_equal(api_call(&D, "POST", "/api/v1/reviews", "{\"year\":2026,\"name\":\"x\","
	    "\"weight_district\":600,\"weight_secretary\":300,\"weight_member\":200}", &j), 422);
	assert_true(api_has_field(j, "weight_district"));
	json_decref(j);
	assert_int_equal(api_call(&D, "POST", "/api/v1/reviews", "{\"year\":2026,\"name\":\"x\","
	    "\"system_id\":1,\"band_fair\":95}", &j), 422);
	assert_true(api_has_field(j, "band_fair"));
	json_decref(j);
	assert_int_equal(api_call(&D, "POST", "/api/v1/reviews", "{\"year\":2026,\"name\":\"x\","
	    "\"system_id\":1}", &j), 422);	/* 1 is the clean-school sheet */
	assert_true(api_has_field(j, "system_id"));
	json_decref(j);
	assert_int_equal(api_call(&D, "POST", "/api/v1/reviews", "{\"name\":\"\"}", &j), 422);
	assert_true(api_has_field(j, "year") && api_has_field(j, "name"));
	json_decref(j);
	assert_int_equal(api_call(&SA, "POST", "/api/v1/reviews", "{\"year\":2026,\"name\":\"x\"}",
	    NULL), 403);
	assert_int_equal(count_sql_like(&D, "/api/v1/reviews"), before);
}

static long long
audit_count(const char *entity, long long id, const char *action)
{
	json_t *j = NULL, *it;
	char path[160];
	long long n = 0;
	size_t i;

	snprintf(path, sizeof(path), "/api/v1/audit?entity=%s&entity_id=%lld&per_page=100", entity,
	    id);
	assert_int_equal(api_call(&A, "GET", path, NULL, &j), 200);
	json_array_foreach(json_object_get(j, "items"), i, it)
		n += !action || !strcmp(str(it, "action"), action);
	json_decref(j);
	return n;
}

/* The round's results as c sees them: status, and the items in *j. */
static long
results(struct client *c, long long round, json_t **j)
{
	return call(c, "GET", NULL, j, "/api/v1/reviews/%lld/results", round);
}

static json_t *
result_of(json_t *res, long long sec)
{
	json_t *it;
	size_t i;

	json_array_foreach(json_object_get(res, "items"), i, it)
		if (num(it, "secretary_id") == sec)
			return it;
	return NULL;
}

static long long R;	/* the main round */
static long long ballot_d_sb;

static void
test_reviews_participants_and_report(void **state)
{
	char body[128];
	json_t *j = NULL;

	(void)state;
	R = create_round("2026年度书记抓基层党建述职评议");
	snprintf(body, sizeof(body), "{\"user_ids\":[%lld,%lld,%lld]}", uid_sa, uid_sb, uid_sc);
	assert_int_equal(call(&D, "POST", body, &j, "/api/v1/reviews/%lld/secretaries", R), 200);
	assert_int_equal(json_array_size(json_object_get(j, "secretaries_under_review")), 3);
	json_decref(j);
	/* Not a secretary: refused, nothing added. */
	snprintf(body, sizeof(body), "{\"user_ids\":[%lld]}", uid_d);
	assert_int_equal(call(&D, "POST", body, &j, "/api/v1/reviews/%lld/secretaries", R), 422);
	assert_true(api_has_field(j, "user_ids[0]"));
	json_decref(j);
	/* A secretary in the district group: refused. */
	snprintf(body, sizeof(body), "{\"group\":\"district\",\"user_ids\":[%lld]}", uid_sa);
	assert_int_equal(call(&D, "POST", body, &j, "/api/v1/reviews/%lld/evaluators", R), 422);
	assert_true(api_has_field(j, "user_ids[0]"));
	json_decref(j);
	snprintf(body, sizeof(body), "%lld", uid_d);
	assign(R, "district", body);
	snprintf(body, sizeof(body), "%lld,%lld", uid_sa, uid_sb);
	assign(R, "secretary", body);
	snprintf(body, sizeof(body), "%lld", uid_m);
	assign(R, "member", body);
	/* The rules stay configurable while open: a sum other than 1000 is refused. */
	assert_int_equal(call(&D, "PATCH", "{\"weight_member\":300}", &j, "/api/v1/reviews/%lld",
	    R), 422);
	assert_true(api_has_field(j, "weight_district"));
	json_decref(j);
	assert_int_equal(call(&D, "PATCH", "{\"year\":2025}", &j, "/api/v1/reviews/%lld", R), 422);
	assert_true(api_has_field(j, "year"));
	json_decref(j);
	assert_int_equal(call(&D, "PATCH", "{\"weight_district\":400,\"weight_member\":300}", &j,
	    "/api/v1/reviews/%lld", R), 200);
	assert_int_equal(num(j, "weight_member"), 300);
	json_decref(j);
	assert_int_equal(call(&D, "PATCH", "{\"weight_district\":500,\"weight_member\":200}", NULL,
	    "/api/v1/reviews/%lld", R), 200);
	assert_int_equal(audit_count("review_round", R, "update"), 2);
	assert_int_equal(call(&D, "GET", NULL, &j, "/api/v1/reviews/%lld", R), 200);
	assert_int_equal(num(j, "weight_district"), 500);
	assert_int_equal(num(j, "secretaries"), 3);
	assert_int_equal(num(j, "evaluators"), 4);
	json_decref(j);
	/* The report: only a secretary under review, non-empty. */
	assert_int_equal(call(&SA, "POST", "{\"report\":\"\"}", &j, "/api/v1/reviews/%lld/report",
	    R), 422);
	assert_true(api_has_field(j, "report"));
	json_decref(j);
	assert_int_equal(call(&SA, "POST", "{\"report\":\"一年来抓党建工作情况……\"}", NULL,
	    "/api/v1/reviews/%lld/report", R), 200);
	assert_int_equal(call(&SX, "POST", "{\"report\":\"x\"}", NULL,
	    "/api/v1/reviews/%lld/report", R), 404);
	/* An optional file with the report: typed by its bytes, read back by
	 * managers, evaluators and the secretary, nobody else. */
	assert_int_equal(call(&SA, "POST", "just text", &j,
	    "/api/v1/reviews/%lld/report/file?name=r.pdf", R), 422);
	assert_true(api_has_field(j, "file"));
	json_decref(j);
	assert_int_equal(call(&SA, "POST", "%PDF-1.4 report", &j,
	    "/api/v1/reviews/%lld/report/file?name=report.pdf", R), 200);
	assert_string_equal(str(json_array_get(json_object_get(j, "secretaries_under_review"), 0),
	    "file_name"), "report.pdf");
	report_file = num(json_array_get(json_object_get(j, "secretaries_under_review"), 0),
	    "file_id");
	json_decref(j);
	{
		char hdr[2048] = "", path[128];

		snprintf(path, sizeof(path), "/api/v1/reviews/%lld/report/file?secretary_id=%lld", R,
		    uid_sa);
		assert_int_equal(api_call_h(&D, "GET", path, NULL, NULL, hdr, sizeof(hdr)), 200);
		assert_non_null(strstr(hdr, "application/pdf"));
		assert_int_equal(api_call(&M, "GET", path, NULL, NULL), 200);
		assert_int_equal(api_call(&SA, "GET", path, NULL, NULL), 200);
		assert_int_equal(api_call(&SC, "GET", path, NULL, NULL), 404);
		assert_int_equal(api_call(&SX, "GET", path, NULL, NULL), 404);
	}
	/* Since issue 19 the file is an attachment: its upload is audited on
	 * it (entity attachment), no longer on the round (report_file). */
	assert_int_equal(audit_count("attachment", report_file, "upload"), 1);
	assert_int_equal(audit_count("review_round", R, "report_file"), 0);
	/* A secretary under review sees only themself; others none of it. */
	assert_int_equal(call(&SC, "GET", NULL, &j, "/api/v1/reviews/%lld", R), 200);
	assert_int_equal(json_array_size(json_object_get(j, "secretaries_under_review")), 1);
	assert_int_equal(json_array_size(json_object_get(j, "evaluator_list")), 0);
	json_decref(j);
	assert_int_equal(call(&SX, "GET", NULL, NULL, "/api/v1/reviews/%lld", R), 404);
	assert_int_equal(count_sql_like(&SX, "/api/v1/reviews"), 0);
}

static void
test_reviews_ballots_validated_and_refused(void **state)
{
	json_t *j = NULL;
	char body[256];

	(void)state;
	/* Self-review: 403, no ballot. */
	assert_int_equal(ballot(&SA, R, uid_sa, 90, "好", &j), 403);
	assert_string_equal(api_code(j), "self_review");
	json_decref(j);
	/* Not an evaluator of the round (but under review): 403. */
	assert_int_equal(ballot(&SC, R, uid_sa, 90, "好", &j), 403);
	assert_string_equal(api_code(j), "not_evaluator");
	json_decref(j);
	/* Bad fields, each named. */
	snprintf(body, sizeof(body), "{\"secretary_id\":%lld,\"grade\":\"优\",\"scores\":"
	    "[{\"code\":\"1.1\",\"points\":99},{\"code\":\"9.9\",\"points\":1}]}", uid_sb);
	assert_int_equal(call(&D, "POST", body, &j, "/api/v1/reviews/%lld/ballots", R), 422);
	assert_true(api_has_field(j, "grade"));
	json_decref(j);
	snprintf(body, sizeof(body), "{\"secretary_id\":%lld,\"grade\":\"好\",\"scores\":"
	    "[{\"code\":\"1.1\",\"points\":99},{\"code\":\"9.9\",\"points\":1}]}", uid_sb);
	assert_int_equal(call(&D, "POST", body, &j, "/api/v1/reviews/%lld/ballots", R), 422);
	assert_true(api_has_field(j, "scores[0].points"));
	assert_true(api_has_field(j, "scores[1].code"));
	json_decref(j);
	snprintf(body, sizeof(body), "{\"secretary_id\":%lld,\"grade\":\"好\",\"scores\":"
	    "[{\"code\":\"1.1\",\"points\":8}]}", uid_sb);
	assert_int_equal(call(&D, "POST", body, &j, "/api/v1/reviews/%lld/ballots", R), 422);
	assert_true(api_has_field(j, "scores"));	/* the other leaves are missing */
	json_decref(j);
	assert_int_equal(ballot(&D, R, uid_m, 90, "好", &j), 422);	/* not under review */
	assert_true(api_has_field(j, "secretary_id"));
	json_decref(j);
	assert_int_equal(call(&D, "GET", NULL, &j, "/api/v1/reviews/%lld/ballots", R), 200);
	assert_int_equal(json_array_size(json_object_get(j, "items")), 0);
	json_decref(j);
}

static void
test_reviews_ballots_replaced_and_own_only(void **state)
{
	json_t *j = NULL;
	long long sa_ballot;

	(void)state;
	assert_int_equal(ballot(&D, R, uid_sa, 100, "好", NULL), 201);
	assert_int_equal(ballot(&D, R, uid_sb, 60, "差", &j), 201);
	ballot_d_sb = num(j, "id");
	assert_string_equal(str(j, "grade"), "差");
	json_decref(j);
	assert_int_equal(ballot(&D, R, uid_sc, 90, "好", NULL), 201);
	assert_int_equal(ballot(&SA, R, uid_sb, 70, "一般", &j), 201);
	sa_ballot = num(j, "id");
	json_decref(j);
	assert_int_equal(ballot(&SA, R, uid_sc, 80, "较好", NULL), 201);
	assert_int_equal(ballot(&SB, R, uid_sa, 90, "好", NULL), 201);
	assert_int_equal(ballot(&SB, R, uid_sc, 90, "较好", NULL), 201);
	assert_int_equal(ballot(&M, R, uid_sa, 90, "好", NULL), 201);
	assert_int_equal(ballot(&M, R, uid_sb, 60, "差", NULL), 201);
	assert_int_equal(ballot(&M, R, uid_sc, 90, "好", NULL), 201);
	/* One ballot per evaluator and secretary: a resubmission replaces it. */
	assert_int_equal(ballot(&D, R, uid_sb, 70, "一般", &j), 200);
	assert_int_equal(num(j, "id"), ballot_d_sb);
	assert_string_equal(str(j, "grade"), "一般");
	json_decref(j);
	assert_int_equal(audit_count("review_ballot", ballot_d_sb, "create"), 1);
	assert_int_equal(audit_count("review_ballot", ballot_d_sb, "replace"), 1);
	/* Own ballots only. */
	assert_int_equal(call(&SA, "GET", NULL, &j, "/api/v1/reviews/%lld/ballots", R), 200);
	assert_int_equal(json_array_size(json_object_get(j, "items")), 2);
	json_decref(j);
	assert_int_equal(call(&SA, "GET", NULL, NULL, "/api/v1/reviews/ballots/%lld", ballot_d_sb),
	    404);
	assert_int_equal(call(&SB, "GET", NULL, NULL, "/api/v1/reviews/ballots/%lld", sa_ballot),
	    404);
	assert_int_equal(call(&A, "GET", NULL, NULL, "/api/v1/reviews/ballots/%lld", sa_ballot),
	    404);
	assert_int_equal(call(&D, "GET", NULL, &j, "/api/v1/reviews/ballots/%lld", ballot_d_sb),
	    200);
	assert_true(json_array_size(json_object_get(j, "scores")) > 10);
	json_decref(j);
}

static void
test_reviews_state_machine(void **state)
{
	json_t *j = NULL;

	(void)state;
	/* Results before closing: none for the district, 404 for a secretary. */
	assert_int_equal(results(&D, R, &j), 200);
	assert_int_equal(json_array_size(json_object_get(j, "items")), 0);
	json_decref(j);
	assert_int_equal(results(&SA, R, NULL), 404);
	/* Publish before close: 409 naming the state; still open. */
	assert_int_equal(call(&D, "POST", NULL, &j, "/api/v1/reviews/%lld/publish", R), 409);
	assert_string_equal(api_code(j), "invalid_transition");
	json_decref(j);
	assert_int_equal(call(&D, "GET", NULL, &j, "/api/v1/reviews/%lld", R), 200);
	assert_string_equal(str(j, "state"), "open");
	json_decref(j);
	assert_int_equal(call(&SA, "POST", NULL, NULL, "/api/v1/reviews/%lld/close", R), 403);
	assert_int_equal(call(&D, "POST", NULL, &j, "/api/v1/reviews/%lld/close", R), 200);
	assert_string_equal(str(j, "state"), "closed");
	json_decref(j);
	/* After close: a ballot is refused and the old one unchanged. */
	assert_int_equal(ballot(&D, R, uid_sb, 100, "好", &j), 409);
	assert_string_equal(api_code(j), "invalid_transition");
	assert_non_null(strstr(json_string_value(json_object_get(json_object_get(j, "error"),
	    "message")), "已结束"));
	json_decref(j);
	assert_int_equal(call(&D, "GET", NULL, &j, "/api/v1/reviews/ballots/%lld", ballot_d_sb),
	    200);
	assert_string_equal(str(j, "grade"), "一般");
	json_decref(j);
	assert_int_equal(call(&SA, "POST", "{\"report\":\"迟交\"}", NULL,
	    "/api/v1/reviews/%lld/report", R), 409);
	assert_int_equal(call(&SA, "POST", "%PDF-1.4 late", NULL,
	    "/api/v1/reviews/%lld/report/file?name=late.pdf", R), 409);
	assert_int_equal(call(&D, "POST", NULL, &j, "/api/v1/reviews/%lld/close", R), 409);
	assert_string_equal(api_code(j), "invalid_transition");
	json_decref(j);
	assert_int_equal(call(&D, "PATCH", "{\"band_good\":95}", &j, "/api/v1/reviews/%lld", R),
	    409);
	assert_string_equal(api_code(j), "invalid_transition");
	json_decref(j);
	assert_int_equal(audit_count("review_round", R, "close"), 1);
}

static void
test_reviews_results_talk_and_findings(void **state)
{
	json_t *j = NULL, *x;
	long long talk, finding;

	(void)state;
	assert_int_equal(results(&D, R, &j), 200);
	assert_int_equal(json_array_size(json_object_get(j, "items")), 3);
	/* SA: 0.5×100 + 0.3×90 + 0.2×90 = 95.0 → 好, first. */
	x = result_of(j, uid_sa);
	assert_non_null(x);
	assert_string_equal(str(x, "grade"), "好");
	assert_int_equal(num(x, "rank"), 1);
	assert_true(json_real_value(json_object_get(x, "score")) == 95.0);
	assert_true(json_real_value(json_object_get(x, "avg_secretary")) == 90.0);
	/* SC: 0.5×90 + 0.3×(80+90)/2 + 0.2×90 = 88.5 → 较好, second. */
	x = result_of(j, uid_sc);
	assert_true(json_real_value(json_object_get(x, "score")) == 88.5);
	assert_string_equal(str(x, "grade"), "较好");
	assert_int_equal(num(x, "rank"), 2);
	assert_int_equal(num(x, "talk_id"), 0);
	/* SB: 0.5×70 + 0.3×70 + 0.2×60 = 68.0 → 一般: a talk and a finding. */
	x = result_of(j, uid_sb);
	assert_non_null(x);
	assert_string_equal(str(x, "grade"), "一般");
	assert_true(json_real_value(json_object_get(x, "score")) == 68.0);
	assert_int_equal(num(x, "rank"), 3);
	assert_int_equal(num(json_object_get(x, "votes"), "poor"), 1);
	talk = num(x, "talk_id");
	finding = num(x, "finding_id");
	assert_true(talk > 0 && finding > 0);
	assert_string_equal(str(x, "talk_due"), "2026-12-20");	/* 30 days */
	json_decref(j);
	assert_int_equal(call(&D, "GET", NULL, &j, "/api/v1/findings/%lld", finding), 200);
	assert_string_equal(str(j, "source"), "review");
	assert_int_equal(num(j, "org_id"), org[1]);
	assert_string_equal(str(j, "state"), "issued");
	json_decref(j);
	/* The responsible secretary sees the finding in their scope. */
	assert_int_equal(call(&SB, "GET", NULL, NULL, "/api/v1/findings/%lld", finding), 200);
	/* The rectification list: every dimension below the 较好 rate (80%), here all six. */
	assert_int_equal(count_sql_like(&D, "/api/v1/findings?source=review"),
	    demo_findings + 6);
	assert_int_equal(count_sql_like(&SA, "/api/v1/findings?source=review"), 0);
	assert_int_equal(call(&D, "GET", NULL, &j, "/api/v1/findings/%lld", finding), 200);
	assert_non_null(strstr(str(j, "title"), "抓党建工作职责落实"));
	assert_non_null(strstr(str(j, "detail"), "得分率68.0%"));
	assert_string_equal(str(j, "severity"), "major");
	json_decref(j);
	assert_int_equal(call(&D, "GET", NULL, &j, "/api/v1/reviews/talks?round_id=%lld", R), 200);
	assert_int_equal(json_array_size(json_object_get(j, "items")), 1);
	json_decref(j);
	assert_int_equal(audit_count("review_talk", talk, "create"), 1);
	/* A talk is held once. */
	assert_int_equal(call(&D, "POST", "{\"note\":\"\"}", NULL, "/api/v1/reviews/talks/%lld/done",
	    talk), 422);
	assert_int_equal(call(&D, "POST", "{\"note\":\"已约谈，提出整改要求\"}", NULL,
	    "/api/v1/reviews/talks/%lld/done", talk), 200);
	assert_int_equal(call(&D, "POST", "{\"note\":\"再次\"}", NULL,
	    "/api/v1/reviews/talks/%lld/done", talk), 409);
	assert_int_equal(audit_count("review_talk", talk, "done"), 1);
}

/* c's notifications of kind review_published linking to round R. */
static int
published_notices(struct client *c)
{
	json_t *j = NULL, *it;
	char link[48];
	size_t i;
	int n = 0;

	snprintf(link, sizeof(link), "/reviews?open=%lld", R);
	assert_int_equal(call(c, "GET", NULL, &j, "/api/v1/notifications?per_page=100"), 200);
	json_array_foreach(json_object_get(j, "items"), i, it)
		n += !strcmp(str(it, "kind"), "review_published") && !strcmp(str(it, "link"), link);
	json_decref(j);
	return n;
}

static void
test_reviews_publication_scopes(void **state)
{
	json_t *j = NULL;

	(void)state;
	/* Closed, not published: secretaries see no result, not even their own. */
	assert_int_equal(results(&SB, R, NULL), 404);
	assert_int_equal(call(&SB, "GET", NULL, &j, "/api/v1/reviews/talks"), 200);
	assert_int_equal(json_array_size(json_object_get(j, "items")), 0);
	json_decref(j);
	assert_int_equal(call(&D, "POST", NULL, &j, "/api/v1/reviews/%lld/publish", R), 200);
	assert_string_equal(str(j, "state"), "published");
	json_decref(j);
	assert_int_equal(call(&D, "POST", NULL, &j, "/api/v1/reviews/%lld/publish", R), 409);
	assert_string_equal(api_code(j), "invalid_transition");
	json_decref(j);
	/* Issue 12: the secretaries under review hear of it, once; others not. */
	assert_int_equal(published_notices(&SB), 1);
	assert_int_equal(published_notices(&SX), 0);
	/* Each secretary: their own result only. */
	assert_int_equal(results(&SA, R, &j), 200);
	assert_int_equal(json_array_size(json_object_get(j, "items")), 1);
	assert_int_equal(num(json_array_get(json_object_get(j, "items"), 0), "secretary_id"), uid_sa);
	json_decref(j);
	assert_int_equal(results(&SB, R, &j), 200);
	assert_int_equal(json_array_size(json_object_get(j, "items")), 1);
	assert_string_equal(str(json_array_get(json_object_get(j, "items"), 0), "grade"), "一般");
	json_decref(j);
	assert_int_equal(call(&SB, "GET", NULL, &j, "/api/v1/reviews/talks"), 200);
	assert_int_equal(json_array_size(json_object_get(j, "items")), 1);
	json_decref(j);
	/* An evaluator who is not under review, and an outsider: 404. */
	assert_int_equal(results(&M, R, NULL), 404);
	assert_int_equal(results(&SX, R, NULL), 404);
	/* create, update ×2, add_secretaries, add_evaluators ×3, report, close, publish (the
	 * report's file is audited on its attachment since issue 19) */
	assert_int_equal(audit_count("review_round", R, NULL), 10);
}

struct grow {
	char *p;
	size_t n;
};

static size_t
collect(char *p, size_t size, size_t n, void *ud)
{
	struct grow *g = ud;

	g->p = realloc(g->p, g->n + size * n + 1);
	memcpy(g->p + g->n, p, size * n);
	g->n += size * n;
	g->p[g->n] = '\0';
	return size * n;
}

/* GET with the raw body (files are not JSON); its status. */
static long
raw_get(struct client *c, const char *path, struct grow *body)
{
	char url[512];
	long code = 0;

	snprintf(url, sizeof(url), "%s%s", S.base, path);
	curl_easy_setopt(c->curl, CURLOPT_URL, url);
	curl_easy_setopt(c->curl, CURLOPT_HTTPGET, 1L);
	curl_easy_setopt(c->curl, CURLOPT_CUSTOMREQUEST, "GET");
	curl_easy_setopt(c->curl, CURLOPT_HTTPHEADER, NULL);
	curl_easy_setopt(c->curl, CURLOPT_WRITEFUNCTION, collect);
	curl_easy_setopt(c->curl, CURLOPT_WRITEDATA, body);
	curl_easy_setopt(c->curl, CURLOPT_HEADERFUNCTION, NULL);	/* api_call's is stale */
	curl_easy_setopt(c->curl, CURLOPT_HEADERDATA, NULL);
	if (curl_easy_perform(c->curl) == CURLE_OK)
		curl_easy_getinfo(c->curl, CURLINFO_RESPONSE_CODE, &code);
	return code;
}

/* Rows of table attachment in the raw database file. */
static long long
attachment_rows(void)
{
	struct db *db;
	int64_t v = -1;

	assert_int_equal(db_open(S.db, 0, &db), 0);
	db_get_i64(db, &v, "SELECT COUNT(*) FROM attachment", DB_END);
	db_close(db);
	return v;
}

/* Files in the server's files folder (<db>.files, temp files included). */
static int
count_files(void)
{
	char dir[400];
	struct dirent *de;
	DIR *d;
	int n = 0;

	snprintf(dir, sizeof(dir), "%s.files", S.db);
	if (!(d = opendir(dir)))
		return 0;
	while ((de = readdir(d)))
		n += strcmp(de->d_name, ".") && strcmp(de->d_name, "..");
	closedir(d);
	return n;
}

/* The bytes of path as c reads them, compared with want. */
static void
bytes_are(struct client *c, const char *path, const char *want)
{
	struct grow b = { 0 };

	assert_int_equal(raw_get(c, path, &b), 200);
	assert_int_equal(b.n, strlen(want));
	assert_memory_equal(b.p, want, b.n);
	free(b.p);
}

/* Issue 19: the report's file is an attachment of the subject row (one
 * secretary in one round; GET/POST /api/v1/review-reports/{subject}/files,
 * one file: an upload replaces it). A foreign subject stores nothing (a
 * secretary of another school, outside the round: 404; another secretary
 * under review who also evaluates: 403 not_under_review; no row in the raw
 * database, no file in the folder); the older route and the generic one
 * send the same bytes. */
static void
test_reviews_report_file_attachment(void **state)
{
	char path[160], legacy[160];
	long long subject, rows, fid;
	json_t *j = NULL;
	int nf;

	(void)state;
	assert_int_equal(call(&SA, "GET", NULL, &j, "/api/v1/reviews/%lld", R), 200);
	subject = num(json_array_get(json_object_get(j, "secretaries_under_review"), 0),
	    "subject_id");
	assert_int_equal(num(json_array_get(json_object_get(j, "secretaries_under_review"), 0),
	    "file_id"), report_file);
	json_decref(j);
	assert_true(subject > 0);
	snprintf(legacy, sizeof(legacy), "/api/v1/reviews/%lld/report/file?secretary_id=%lld", R,
	    uid_sa);
	snprintf(path, sizeof(path), "/api/v1/files/%lld", report_file);
	bytes_are(&SA, legacy, "%PDF-1.4 report");
	bytes_are(&SA, path, "%PDF-1.4 report");
	bytes_are(&D, path, "%PDF-1.4 report");

	rows = attachment_rows();
	nf = count_files();
	snprintf(path, sizeof(path), "/api/v1/review-reports/%lld/files?name=x.pdf", subject);
	assert_int_equal(call(&SX, "POST", "%PDF-1.4 foreign", NULL, "%s", path), 404);
	assert_int_equal(call(&SX, "POST", "not a file", NULL, "%s", path), 404);
	assert_int_equal(call(&SC, "POST", "%PDF-1.4 foreign", NULL, "%s", path), 404);
	assert_int_equal(call(&SB, "POST", "%PDF-1.4 foreign", &j, "%s", path), 403);
	assert_string_equal(api_code(j), "not_under_review");
	json_decref(j);
	assert_int_equal(call(&SX, "POST", "%PDF-1.4 foreign", NULL,
	    "/api/v1/review-reports/999999/files?name=x.pdf"), 404);
	assert_int_equal(call(&SX, "GET", NULL, NULL, "/api/v1/review-reports/%lld/files",
	    subject), 404);
	assert_int_equal(call(&SX, "GET", NULL, NULL, "/api/v1/files/%lld", report_file), 404);
	assert_int_equal(call(&SX, "DELETE", NULL, NULL, "/api/v1/files/%lld", report_file), 404);
	assert_int_equal(call(&SB, "DELETE", NULL, &j, "/api/v1/files/%lld", report_file), 403);
	json_decref(j);
	assert_int_equal(call(&SX, "GET", NULL, NULL, "/api/v1/reviews/%lld/report/file"
	    "?secretary_id=%lld", R, uid_sa), 404);
	assert_int_equal(attachment_rows(), rows);
	assert_int_equal(count_files(), nf);

	/* One file: the generic upload replaces it (row and bytes). */
	assert_int_equal(call(&SA, "POST", "%PDF-1.4 second", &j, "%s", path), 201);
	fid = num(j, "id");
	assert_string_equal(str(j, "owner"), "review_report");
	json_decref(j);
	assert_int_equal(attachment_rows(), rows);
	assert_int_equal(count_files(), nf);
	bytes_are(&M, legacy, "%PDF-1.4 second");
	snprintf(path, sizeof(path), "/api/v1/files/%lld", fid);
	bytes_are(&M, path, "%PDF-1.4 second");
	assert_int_equal(call(&SA, "GET", NULL, &j, "/api/v1/review-reports/%lld/files", subject),
	    200);
	assert_int_equal(json_array_size(json_object_get(j, "items")), 1);
	json_decref(j);
	/* Back through the older route, as the rest of this file expects. */
	assert_int_equal(call(&SA, "POST", "%PDF-1.4 report", NULL,
	    "/api/v1/reviews/%lld/report/file?name=report.pdf", R), 200);
	assert_int_equal(attachment_rows(), rows);
	assert_int_equal(count_files(), nf);
}

#define UPLOADERS 6

struct uploader {
	pthread_t t;
	struct client c;
	const char *path;
	char bytes[48];
	long code;
};

static void *
upload_report(void *arg)
{
	struct uploader *u = arg;

	u->code = api_call(&u->c, "POST", u->path, u->bytes, NULL);
	return NULL;
}

/* One file per report, in parallel too: the secretary's uploads at once
 * each replace the one before, leaving one row, one file in the folder,
 * and the bytes of one of them. */
static void
test_reviews_report_file_one_in_parallel(void **state)
{
	struct uploader u[UPLOADERS];
	long long subject, rows, left;
	struct grow b = { 0 };
	char path[160], get[96];
	json_t *j = NULL;
	int nf, matched = 0;

	(void)state;
	assert_int_equal(call(&SA, "GET", NULL, &j, "/api/v1/reviews/%lld", R), 200);
	subject = num(json_array_get(json_object_get(j, "secretaries_under_review"), 0),
	    "subject_id");
	json_decref(j);
	rows = attachment_rows();
	nf = count_files();
	snprintf(path, sizeof(path), "/api/v1/review-reports/%lld/files?name=p.pdf", subject);
	for (int i = 0; i < UPLOADERS; i++) {
		client_init(&u[i].c, &S);
		api_share_session(&u[i].c, &SA);
		u[i].path = path;
		snprintf(u[i].bytes, sizeof(u[i].bytes), "%%PDF-1.4 parallel %d", i);
		assert_int_equal(pthread_create(&u[i].t, NULL, upload_report, &u[i]), 0);
	}
	for (int i = 0; i < UPLOADERS; i++) {
		pthread_join(u[i].t, NULL);
		assert_int_equal(u[i].code, 201);
		client_release(&u[i].c);
	}
	assert_int_equal(attachment_rows(), rows);
	assert_int_equal(count_files(), nf);
	assert_int_equal(call(&SA, "GET", NULL, &j, "/api/v1/review-reports/%lld/files", subject),
	    200);
	assert_int_equal(json_array_size(json_object_get(j, "items")), 1);
	left = num(json_array_get(json_object_get(j, "items"), 0), "id");
	json_decref(j);
	snprintf(get, sizeof(get), "/api/v1/files/%lld", left);
	assert_int_equal(raw_get(&SA, get, &b), 200);
	for (int i = 0; i < UPLOADERS; i++)
		matched += b.n == strlen(u[i].bytes) && !memcmp(b.p, u[i].bytes, b.n);
	free(b.p);
	assert_int_equal(matched, 1);
	/* Back to the report the rest of this file expects. */
	assert_int_equal(call(&SA, "POST", "%PDF-1.4 report", NULL,
	    "/api/v1/reviews/%lld/report/file?name=report.pdf", R), 200);
}

static void
test_reviews_missing_ballots_then_ties(void **state)
{
	long long r2 = create_round("2026年度补充评议");
	char body[128];
	json_t *j = NULL;

	(void)state;
	snprintf(body, sizeof(body), "{\"user_ids\":[%lld,%lld,%lld]}", uid_sa, uid_sb, uid_sc);
	assert_int_equal(call(&D, "POST", body, NULL, "/api/v1/reviews/%lld/secretaries", r2), 200);
	snprintf(body, sizeof(body), "%lld", uid_d);
	assign(r2, "district", body);
	assert_int_equal(ballot(&D, r2, uid_sa, 80, "较好", NULL), 201);
	assert_int_equal(ballot(&D, r2, uid_sc, 80, "较好", NULL), 201);
	/* SB has no ballot: closing refused, nothing written. */
	assert_int_equal(call(&D, "POST", NULL, &j, "/api/v1/reviews/%lld/close", r2), 409);
	assert_string_equal(api_code(j), "missing_ballots");
	assert_true(api_has_field(j, "secretaries"));
	json_decref(j);
	assert_int_equal(call(&D, "GET", NULL, &j, "/api/v1/reviews/%lld", r2), 200);
	assert_string_equal(str(j, "state"), "open");
	json_decref(j);
	/* A secretary with ballots cannot be removed; one without can. */
	assert_int_equal(call(&D, "DELETE", NULL, NULL, "/api/v1/reviews/%lld/secretaries?user_id=%lld",
	    r2, uid_sa), 409);
	assert_int_equal(call(&D, "DELETE", NULL, NULL, "/api/v1/reviews/%lld/secretaries?user_id=%lld",
	    r2, uid_sb), 200);
	/* Missing groups: only the district group scored; equal scores tie. */
	assert_int_equal(call(&D, "POST", NULL, NULL, "/api/v1/reviews/%lld/close", r2), 200);
	assert_int_equal(results(&D, r2, &j), 200);
	assert_int_equal(json_array_size(json_object_get(j, "items")), 2);
	assert_int_equal(num(result_of(j, uid_sa), "rank"), 1);
	assert_int_equal(num(result_of(j, uid_sc), "rank"), 1);
	assert_string_equal(str(result_of(j, uid_sa), "grade"), "较好");
	assert_true(json_is_null(json_object_get(result_of(j, uid_sa), "avg_member")));
	json_decref(j);
	assert_int_equal(count_sql_like(&D, "/api/v1/findings?source=review"),
	    demo_findings + 6);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reviews_sheet_shipped),
		cmocka_unit_test(test_reviews_create_refuses_bad_input),
		cmocka_unit_test(test_reviews_participants_and_report),
		cmocka_unit_test(test_reviews_report_file_attachment),
		cmocka_unit_test(test_reviews_report_file_one_in_parallel),
		cmocka_unit_test(test_reviews_ballots_validated_and_refused),
		cmocka_unit_test(test_reviews_ballots_replaced_and_own_only),
		cmocka_unit_test(test_reviews_state_machine),
		cmocka_unit_test(test_reviews_results_talk_and_findings),
		cmocka_unit_test(test_reviews_publication_scopes),
		cmocka_unit_test(test_reviews_missing_ballots_then_ties),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}

/* test_api_creation.c: dual creation and dual strengthening (issue 6):
 * alliances and the four-ones board, brand projects and their stage
 * machine, posts and coverage, the ideological course, clean schools and
 * their self-check, teacher ethics with confidential cases. Bad input is
 * a 4xx naming the field with nothing changed; a school sees only its own
 * records; cases are invisible without the district's grant, the denied
 * read carries no case data, and every read is audited. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api.h"

#define ADMIN_PW "Hongyan#Admin2026"

static struct srv S;
static struct client A;		/* admin */
static struct client SA, SB;	/* secretaries of schools a and b */
static struct client I;		/* an inspector of school a */
static long long pc_a, pc_b, school_a, school_b, school_c;

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

/* api_call with a formatted path. */
static long
callf(struct client *c, const char *method, const char *body, json_t **j, const char *fmt, ...)
{
	char path[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(path, sizeof(path), fmt, ap);
	va_end(ap);
	return api_call(c, method, path, body, j);
}

/* The "total" of a list as c sees it. */
static long long
total(struct client *c, const char *path)
{
	json_t *j = NULL;
	long long n;

	assert_int_equal(api_call(c, "GET", path, NULL, &j), 200);
	n = num(j, "total");
	json_decref(j);
	return n;
}

static long long
audit_rows(const char *entity, long long id)
{
	char path[128];

	snprintf(path, sizeof(path), "/api/v1/audit?entity=%s&entity_id=%lld", entity, id);
	return total(&A, path);
}

/* The first three party committees with schools: a, b and c. */
static void
find_schools(void)
{
	json_t *j = NULL, *it;
	size_t i;

	assert_int_equal(api_call(&A, "GET", "/api/v1/orgs", NULL, &j), 200);
	json_array_foreach(json_object_get(j, "items"), i, it) {
		long long sid = num(it, "school_id");

		if (strcmp(str(it, "kind"), "party_committee") || !sid)
			continue;
		if (!pc_a) {
			pc_a = num(it, "id");
			school_a = sid;
		} else if (!pc_b && sid != school_a) {
			pc_b = num(it, "id");
			school_b = sid;
		} else if (!school_c && sid != school_a && sid != school_b) {
			school_c = sid;
		}
	}
	json_decref(j);
	assert_true(school_a && school_b && school_c);
}

static void
user_client(struct client *c, const char *name, const char *role, long long org)
{
	char body[256];

	snprintf(body, sizeof(body), "{\"username\":\"%s\",\"role\":\"%s\",\"scope\":[%lld]}", name,
	    role, org);
	assert_int_equal(api_user_client(&A, c, body, name), 0);
}

/* The account's id, as the security administrator lists it (SEC-05). */
static long long
user_id(const char *name)
{
	json_t *j = NULL, *it;
	struct client sec;
	long long id = 0;
	size_t i;

	client_init(&sec, &S);
	api_security_admin(&sec);
	assert_int_equal(api_call(&sec, "GET", "/api/v1/users?sort=-id&per_page=100", NULL, &j),
	    200);
	client_release(&sec);
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
	if (srv_start(&S, 1, NULL) || srv_restart_flag(&S, NULL, "--today", "2026-08-15"))
		return -1;
	client_init(&A, &S);
	api_admin(&A, ADMIN_PW);
	find_schools();
	user_client(&SA, "sec_a", "secretary", pc_a);
	user_client(&SB, "sec_b", "secretary", pc_b);
	user_client(&I, "insp_a", "inspector", pc_a);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	client_release(&A);
	client_release(&SA);
	client_release(&SB);
	client_release(&I);
	srv_stop(&S);
	return 0;
}

static long long
alliance(const char *name, long long lead, long long member)
{
	json_t *j = NULL;
	char body[256];
	long long id;

	snprintf(body, sizeof(body), "{\"name\":\"%s\",\"lead_school_id\":%lld,"
	    "\"school_ids\":[%lld]}", name, lead, member);
	assert_int_equal(api_call(&A, "POST", "/api/v1/alliances", body, &j), 201);
	id = num(j, "id");
	assert_int_equal(json_array_size(json_object_get(j, "schools")), 2);
	json_decref(j);
	return id;
}

/* The board row of alliance id in month, as c sees it (NULL: absent). */
static json_t *
board_row(struct client *c, const char *month, long long id, json_t **j)
{
	json_t *it;
	size_t i;

	assert_int_equal(callf(c, "GET", NULL, j, "/api/v1/alliances/board?month=%s", month), 200);
	json_array_foreach(json_object_get(*j, "items"), i, it)
		if (num(it, "alliance_id") == id)
			return it;
	return NULL;
}

static int
done(json_t *row, const char *kind)
{
	return json_is_true(json_object_get(json_object_get(row, kind), "done"));
}

static void
test_api_creation_alliances(void **state)
{
	long long ab, ac, act, before, mine = total(&SA, "/api/v1/alliances");
	json_t *j = NULL, *row;
	char body[512];

	(void)state;
	ab = alliance("红岩一联盟", school_a, school_b);
	ac = alliance("红岩二联盟", school_b, school_c);
	/* Bad input names the fields and creates nothing. */
	before = total(&A, "/api/v1/alliances");
	assert_int_equal(api_call(&A, "POST", "/api/v1/alliances", "{\"name\":\"\","
	    "\"school_ids\":[0]}", &j), 422);
	assert_true(api_has_field(j, "name") && api_has_field(j, "lead_school_id"));
	json_decref(j);
	assert_int_equal(api_call(&A, "POST", "/api/v1/alliances", "{\"name\":\"红岩一联盟\","
	    "\"lead_school_id\":1}", &j), 409);
	json_decref(j);
	assert_int_equal(total(&A, "/api/v1/alliances"), before);
	/* A secretary may not form alliances; sees only its school's. */
	assert_int_equal(api_call(&SA, "POST", "/api/v1/alliances", "{\"name\":\"x\","
	    "\"lead_school_id\":1}", &j), 403);
	json_decref(j);
	assert_int_equal(total(&SA, "/api/v1/alliances"), mine + 1);
	assert_int_equal(callf(&SA, "GET", NULL, &j, "/api/v1/alliances/%lld", ac), 404);
	assert_null(json_object_get(j, "name"));
	json_decref(j);
	/* Four ones: a joint study by school a in August. */
	snprintf(body, sizeof(body), "{\"kind\":\"joint_study\",\"held_on\":\"2026-08-10\","
	    "\"host_school_id\":%lld,\"title\":\"联合学习二十届三中全会精神\",\"attendance\":42,"
	    "\"outputs\":\"心得12篇\"}", school_a);
	assert_int_equal(callf(&SA, "POST", body, &j, "/api/v1/alliances/%lld/activities", ab),
	    201);
	assert_int_equal(json_array_size(json_object_get(j, "activities")), 1);
	act = num(json_array_get(json_object_get(j, "activities"), 0), "id");
	json_decref(j);
	/* A member school that did not host it cannot delete it. */
	assert_int_equal(callf(&SB, "DELETE", NULL, &j, "/api/v1/alliances/activities/%lld", act),
	    404);
	json_decref(j);
	/* Host outside the alliance or the caller's scope, future day, bad kind. */
	snprintf(body, sizeof(body), "{\"kind\":\"hot_topic\",\"held_on\":\"2026-09-01\","
	    "\"host_school_id\":%lld,\"title\":\"t\",\"attendance\":1}", school_b);
	assert_int_equal(callf(&SA, "POST", body, &j, "/api/v1/alliances/%lld/activities", ab),
	    422);
	assert_true(api_has_field(j, "host_school_id") && api_has_field(j, "held_on"));
	json_decref(j);
	assert_int_equal(callf(&SA, "POST", "{\"kind\":\"party\",\"held_on\":\"2026-08-01\","
	    "\"host_school_id\":1,\"title\":\"t\",\"attendance\":-1}", &j,
	    "/api/v1/alliances/%lld/activities", ab), 422);
	assert_true(api_has_field(j, "kind") && api_has_field(j, "attendance"));
	json_decref(j);
	/* The board: August has the joint study only; July nothing. */
	row = board_row(&SB, "2026-08", ab, &j);
	assert_non_null(row);
	assert_true(done(row, "joint_study"));
	assert_false(done(row, "shared_book") || done(row, "hot_topic") || done(row, "school_visit"));
	assert_int_equal(num(row, "done"), 1);
	json_decref(j);
	row = board_row(&A, "2026-07", ab, &j);
	assert_non_null(row);
	assert_int_equal(num(row, "done"), 0);
	json_decref(j);
	row = board_row(&SA, "2026-08", ac, &j);
	assert_null(row);
	json_decref(j);
	assert_int_equal(api_call(&A, "GET", "/api/v1/alliances/board?month=2026-13", NULL, &j),
	    422);
	assert_true(api_has_field(j, "month"));
	json_decref(j);
}

static long long
brand(struct client *c)
{
	json_t *j = NULL;
	long long id;

	assert_int_equal(api_call(c, "POST", "/api/v1/brands", "{\"name\":\"红岩先锋\","
	    "\"aim\":\"党建引领课程育人\",\"level\":\"district\",\"declared_on\":\"2026-03-01\"}",
	    &j), 201);
	assert_string_equal(str(j, "stage"), "declared");
	id = num(j, "id");
	json_decref(j);
	return id;
}

static long
advance(struct client *c, long long id, const char *body, json_t **j)
{
	return callf(c, "POST", body, j, "/api/v1/brands/%lld/advance", id);
}

/* Whether c's alert centre has the CL-03 alert of project id. */
static int
brand_alert(struct client *c, long long id)
{
	json_t *j = NULL, *it;
	char link[64];
	int found = 0;
	size_t i;

	snprintf(link, sizeof(link), "/brands?open=%lld", id);
	assert_int_equal(api_call(c, "GET", "/api/v1/alerts?kind=brand_overdue&per_page=100", NULL,
	    &j), 200);
	json_array_foreach(json_object_get(j, "items"), i, it)
		found |= !strcmp(str(it, "link"), link) && !strcmp(str(it, "rule"), "CL-03");
	json_decref(j);
	return found;
}

static void
test_api_creation_brands(void **state)
{
	long long id, audits, mine = total(&SA, "/api/v1/brands"), theirs = total(&SB, "/api/v1/brands");
	long long topics = total(&SA, "/api/v1/brands/topics");
	long long their_topics = total(&SB, "/api/v1/brands/topics");
	json_t *j = NULL;
	char body[256];

	(void)state;
	id = brand(&SA);
	assert_int_equal(api_call(&SA, "POST", "/api/v1/brands", "{\"name\":\"x\","
	    "\"level\":\"city\",\"declared_on\":\"2027-01-01\"}", &j), 422);
	assert_true(api_has_field(j, "level"));
	json_decref(j);
	assert_int_equal(total(&SA, "/api/v1/brands"), mine + 1);
	/* The school does not move its own project through evaluations. */
	assert_int_equal(advance(&SA, id, "{\"stage\":\"cultivating\",\"held_on\":\"2026-04-01\"}",
	    &j), 403);
	json_decref(j);
	audits = audit_rows("brand_project", id);
	/* Skipping a stage: 409 naming the current stage, nothing changed. */
	assert_int_equal(advance(&A, id, "{\"stage\":\"midterm\",\"held_on\":\"2026-04-01\","
	    "\"result\":\"良好\"}", &j), 409);
	assert_string_equal(api_code(j), "invalid_transition");
	assert_non_null(strstr(str(json_object_get(j, "error"), "message"), "申报"));
	json_decref(j);
	assert_int_equal(audit_rows("brand_project", id), audits);
	/* A day before the previous stage. */
	assert_int_equal(advance(&A, id, "{\"stage\":\"cultivating\",\"held_on\":\"2026-02-01\"}",
	    &j), 422);
	assert_true(api_has_field(j, "held_on"));
	json_decref(j);
	assert_int_equal(advance(&A, id, "{\"stage\":\"cultivating\",\"held_on\":\"2026-04-01\"}",
	    &j), 200);
	assert_string_equal(str(j, "stage"), "cultivating");
	json_decref(j);
	/* The mid-term evaluation needs its result. */
	assert_int_equal(advance(&A, id, "{\"stage\":\"midterm\",\"held_on\":\"2026-06-01\"}", &j),
	    422);
	assert_true(api_has_field(j, "result"));
	json_decref(j);
	assert_int_equal(advance(&A, id, "{\"stage\":\"midterm\",\"held_on\":\"2026-06-01\","
	    "\"result\":\"中期评估良好\"}", &j), 200);
	assert_int_equal(json_array_size(json_object_get(j, "timeline")), 3);
	/* CL-03: two years from the start of cultivation. */
	assert_string_equal(str(j, "cycle_due_on"), "2028-04-01");
	assert_false(json_is_true(json_object_get(j, "overdue")));
	json_decref(j);
	assert_int_equal(audit_rows("brand_project", id), audits + 2);
	/* Another school neither reads nor lists it. */
	assert_int_equal(callf(&SB, "GET", NULL, &j, "/api/v1/brands/%lld", id), 404);
	assert_null(json_object_get(j, "name"));
	json_decref(j);
	assert_int_equal(total(&SB, "/api/v1/brands"), theirs);
	/* Evidence under the project; a topic of the school. */
	snprintf(body, sizeof(body), "{\"project_id\":%lld,\"kind\":\"evidence\",\"title\":"
	    "\"培育方案\",\"held_on\":\"2026-04-02\"}", id);
	assert_int_equal(api_call(&SA, "POST", "/api/v1/brands/items", body, &j), 201);
	json_decref(j);
	assert_int_equal(api_call(&SB, "POST", "/api/v1/brands/items", body, &j), 422);
	assert_true(api_has_field(j, "project_id"));
	json_decref(j);
	assert_int_equal(api_call(&SA, "POST", "/api/v1/brands/topics", "{\"title\":\"党建与课程"
	    "融合研究\",\"level\":\"district\",\"stage\":\"approved\"}", &j), 201);
	json_decref(j);
	assert_int_equal(total(&SB, "/api/v1/brands/topics"), their_topics);
	assert_int_equal(total(&SA, "/api/v1/brands/topics"), topics + 1);
	/* A one-month cycle (configuration) makes it overdue by today. */
	assert_int_equal(srv_restart_flag(&S, "HONGYAN_BRAND_CYCLE_MONTHS=1", "--today",
	    "2026-08-15"), 0);
	assert_int_equal(callf(&SA, "GET", NULL, &j, "/api/v1/brands/%lld", id), 200);
	assert_string_equal(str(j, "cycle_due_on"), "2026-05-01");
	assert_true(json_is_true(json_object_get(j, "overdue")));
	json_decref(j);
	/* ... and the alert centre names it for its school only. */
	assert_true(brand_alert(&SA, id));
	assert_false(brand_alert(&SB, id));
	assert_int_equal(srv_restart_flag(&S, NULL, "--today", "2026-08-15"), 0);
	assert_false(brand_alert(&SA, id));
}

static json_t *
coverage_row(json_t *j, long long school)
{
	json_t *it;
	size_t i;

	json_array_foreach(json_object_get(j, "items"), i, it)
		if (num(it, "school_id") == school)
			return it;
	return NULL;
}

/* An active member of the school whose committee is org, holding no post
 * yet (the demo gives posts to about a third). */
static long long
member_of(long long org)
{
	json_t *j = NULL, *it;
	long long id = 0;
	size_t i;

	assert_int_equal(callf(&A, "GET", NULL, &j, "/api/v1/members?org_id=%lld&per_page=50",
	    org), 200);
	json_array_foreach(json_object_get(j, "items"), i, it) {
		char path[96];

		snprintf(path, sizeof(path), "/api/v1/posts?member_id=%lld", num(it, "id"));
		if (!strcmp(str(it, "state"), "active") && total(&A, path) == 0) {
			id = num(it, "id");
			break;
		}
	}
	json_decref(j);
	assert_true(id > 0);
	return id;
}

/* with_post of school on the coverage board, as c sees it. */
static long long
with_post(struct client *c, long long school)
{
	json_t *j = NULL, *row;
	long long n;

	assert_int_equal(api_call(c, "GET", "/api/v1/posts/coverage", NULL, &j), 200);
	row = coverage_row(j, school);
	assert_non_null(row);
	assert_true(num(row, "members") >= num(row, "with_post"));
	n = num(row, "with_post");
	json_decref(j);
	return n;
}

static void
test_api_creation_posts(void **state)
{
	long long ma = member_of(pc_a), mb = member_of(pc_b), before, covered = with_post(&SA, school_a);
	long long mine = total(&SA, "/api/v1/posts"), theirs = total(&SB, "/api/v1/posts");
	json_t *j = NULL, *row;
	char body[256], path[96];

	(void)state;
	snprintf(body, sizeof(body), "{\"member_id\":%lld,\"kind\":\"vanguard\",\"name\":"
	    "\"教学先锋岗\",\"since\":\"2026-02-01\",\"commitment\":\"带好一个班\"}", ma);
	assert_int_equal(api_call(&SA, "POST", "/api/v1/posts", body, &j), 201);
	assert_int_equal(num(j, "school_id"), school_a);
	json_decref(j);
	before = total(&A, "/api/v1/posts");
	/* A member of another school; an end before the start. */
	snprintf(body, sizeof(body), "{\"member_id\":%lld,\"kind\":\"area\",\"name\":\"x\","
	    "\"since\":\"2026-02-01\",\"until\":\"2026-01-01\"}", mb);
	assert_int_equal(api_call(&SA, "POST", "/api/v1/posts", body, &j), 422);
	assert_true(api_has_field(j, "member_id") && api_has_field(j, "until"));
	json_decref(j);
	assert_int_equal(total(&A, "/api/v1/posts"), before);
	assert_int_equal(total(&SB, "/api/v1/posts"), theirs);
	assert_int_equal(total(&SA, "/api/v1/posts"), mine + 1);
	snprintf(path, sizeof(path), "/api/v1/posts?member_id=%lld", ma);
	assert_int_equal(total(&SA, path), 1);
	/* The inspector reads but does not write. */
	assert_int_equal(total(&I, "/api/v1/posts"), mine + 1);
	assert_int_equal(api_call(&I, "POST", "/api/v1/posts", body, &j), 403);
	json_decref(j);
	assert_int_equal(api_call(&SA, "GET", "/api/v1/posts/coverage", NULL, &j), 200);
	assert_int_equal(json_array_size(json_object_get(j, "items")), 1);
	row = coverage_row(j, school_a);
	assert_non_null(row);
	json_decref(j);
	assert_int_equal(with_post(&SA, school_a), covered + 1);
}

static void
test_api_creation_ideology(void **state)
{
	long long plans = total(&SA, "/api/v1/ideology/plans");
	long long lessons = total(&SB, "/api/v1/ideology/lessons");
	json_t *j = NULL;
	long long id;

	(void)state;
	assert_int_equal(api_call(&SA, "POST", "/api/v1/ideology/plans", "{\"year\":2030,"
	    "\"title\":\"2026年大思政课建设方案\",\"partner\":\"西南大学\"}", &j), 201);
	id = num(j, "id");
	json_decref(j);
	assert_int_equal(api_call(&SA, "POST", "/api/v1/ideology/plans", "{\"year\":2030,"
	    "\"title\":\"又一个\"}", &j), 409);
	json_decref(j);
	assert_int_equal(api_call(&SA, "POST", "/api/v1/ideology/plans", "{\"year\":1900,"
	    "\"title\":\"\",\"extra\":1}", &j), 422);
	assert_true(api_has_field(j, "year") && api_has_field(j, "title")
	    && api_has_field(j, "extra"));
	json_decref(j);
	assert_int_equal(total(&SA, "/api/v1/ideology/plans"), plans + 1);
	assert_int_equal(callf(&SB, "PATCH", "{\"title\":\"改\"}", &j, "/api/v1/ideology/plans/%lld",
	    id), 404);
	json_decref(j);
	assert_int_equal(callf(&SA, "PATCH", "{\"school_id\":1,\"year\":3000}", &j,
	    "/api/v1/ideology/plans/%lld", id), 422);
	assert_true(api_has_field(j, "year"));
	json_decref(j);
	assert_int_equal(callf(&SA, "PATCH", "{\"title\":\"2030年大思政课方案（修订）\"}", &j,
	    "/api/v1/ideology/plans/%lld", id), 200);
	assert_string_equal(str(j, "title"), "2030年大思政课方案（修订）");
	assert_int_equal(num(j, "year"), 2030);
	json_decref(j);
	assert_int_equal(audit_rows("ideology_plan", id), 2);
	assert_int_equal(callf(&SB, "DELETE", NULL, &j, "/api/v1/ideology/plans/%lld", id), 404);
	json_decref(j);
	assert_int_equal(callf(&I, "DELETE", NULL, &j, "/api/v1/ideology/plans/%lld", id), 403);
	json_decref(j);
	assert_int_equal(callf(&SA, "DELETE", NULL, &j, "/api/v1/ideology/plans/%lld", id), 200);
	json_decref(j);
	assert_int_equal(total(&SA, "/api/v1/ideology/plans"), plans);
	assert_int_equal(audit_rows("ideology_plan", id), 3);
	assert_int_equal(api_call(&SA, "POST", "/api/v1/ideology/teachers", "{\"name\":\"李老师\","
	    "\"mode\":\"part_time\",\"source\":\"university\",\"unit\":\"西南大学\"}", &j), 201);
	json_decref(j);
	assert_int_equal(api_call(&SA, "POST", "/api/v1/ideology/lessons", "{\"held_on\":"
	    "\"2026-05-04\",\"title\":\"红岩魂\",\"place\":\"红岩革命纪念馆\",\"classes\":\"八年级1-4班\","
	    "\"students\":160}", &j), 201);
	json_decref(j);
	assert_int_equal(api_call(&SA, "POST", "/api/v1/ideology/lessons", "{\"held_on\":"
	    "\"2026-02-30\",\"title\":\"t\"}", &j), 422);
	assert_true(api_has_field(j, "held_on") && api_has_field(j, "place"));
	json_decref(j);
	assert_int_equal(total(&SB, "/api/v1/ideology/lessons"), lessons);
}

/* The shipped clean-school system and its first leaf's code. */
static long long
clean_system(char *code, size_t len)
{
	json_t *j = NULL, *it;
	long long id;
	size_t i;

	assert_int_equal(api_call(&A, "GET", "/api/v1/indicator-systems?kind=clean_school", NULL,
	    &j), 200);
	id = num(json_array_get(json_object_get(j, "items"), 0), "id");
	json_decref(j);
	assert_true(id > 0);
	assert_int_equal(callf(&A, "GET", NULL, &j, "/api/v1/indicator-systems/%lld/indicators",
	    id), 200);
	json_array_foreach(json_object_get(j, "items"), i, it)
		if (num(it, "level") == 3 && !json_is_true(json_object_get(it, "bonus"))
		    && !json_is_true(json_object_get(it, "veto"))) {
			snprintf(code, len, "%s", str(it, "code"));
			break;
		}
	json_decref(j);
	assert_true(*code);
	return id;
}

static void
test_api_creation_clean(void **state)
{
	char code[40] = "", body[512];
	json_t *j = NULL, *it;
	size_t checks;
	long long sys, id, acts = total(&SA, "/api/v1/clean-schools/activities?from=2026-01-01");
	size_t i;

	(void)state;
	sys = clean_system(code, sizeof(code));
	snprintf(body, sizeof(body), "{\"system_id\":%lld,\"checked_on\":\"2026-08-01\","
	    "\"scores\":[{\"code\":\"%s\",\"points\":0.5}]}", sys, code);
	assert_int_equal(api_call(&SA, "POST", "/api/v1/clean-schools/checks", body, &j), 201);
	id = num(j, "id");
	assert_true(json_is_number(json_object_get(j, "total")));
	assert_true(json_real_value(json_object_get(j, "total")) > 0.0);
	assert_int_equal(json_array_size(json_object_get(j, "scores")), 1);
	json_decref(j);
	/* An unknown code, a bad points value: named, nothing stored. */
	assert_int_equal(api_call(&SA, "GET", "/api/v1/clean-schools/checks", NULL, &j), 200);
	checks = json_array_size(json_object_get(j, "items"));
	json_decref(j);
	snprintf(body, sizeof(body), "{\"system_id\":%lld,\"checked_on\":\"2026-08-01\","
	    "\"scores\":[{\"code\":\"NOPE\",\"points\":1},{\"code\":\"%s\",\"points\":0.25}]}", sys,
	    code);
	assert_int_equal(api_call(&SA, "POST", "/api/v1/clean-schools/checks", body, &j), 422);
	assert_true(api_has_field(j, "scores[0].code") && api_has_field(j, "scores[1].points"));
	json_decref(j);
	/* Issue 11: a parent's score beside its leaf was stored and left out
	 * of the total; it is named and nothing is stored. */
	snprintf(body, sizeof(body), "{\"system_id\":%lld,\"checked_on\":\"2026-08-01\","
	    "\"scores\":[{\"code\":\"%s\",\"points\":0.5},{\"code\":\"%.*s\",\"points\":1}]}",
	    sys, code, (int)(strrchr(code, '.') - code), code);
	assert_int_equal(api_call(&SA, "POST", "/api/v1/clean-schools/checks", body, &j), 422);
	assert_true(api_has_field(j, "scores[1].code"));
	assert_false(api_has_field(j, "scores[0].code"));
	json_decref(j);
	assert_int_equal(api_call(&SA, "POST", "/api/v1/clean-schools/checks", "{\"system_id\":"
	    "999999,\"checked_on\":\"2026-08-01\",\"scores\":[]}", &j), 422);
	assert_true(api_has_field(j, "system_id"));
	json_decref(j);
	assert_int_equal(api_call(&SA, "GET", "/api/v1/clean-schools/checks", NULL, &j), 200);
	assert_int_equal(json_array_size(json_object_get(j, "items")), checks);
	json_decref(j);
	assert_int_equal(callf(&SB, "GET", NULL, &j, "/api/v1/clean-schools/checks/%lld", id), 404);
	assert_null(json_object_get(j, "scores"));
	json_decref(j);
	/* Status: the district sets it, with the dates of each step. */
	assert_int_equal(callf(&SA, "PUT", "{\"status\":\"pilot\",\"pilot_on\":\"2025-09-01\"}", &j,
	    "/api/v1/clean-schools/%lld", school_a), 403);
	json_decref(j);
	assert_int_equal(callf(&A, "PUT", "{\"status\":\"named\",\"pilot_on\":\"2025-09-01\"}", &j,
	    "/api/v1/clean-schools/%lld", school_a), 422);
	assert_true(api_has_field(j, "demonstration_on") && api_has_field(j, "named_on"));
	json_decref(j);
	assert_int_equal(callf(&A, "PUT", "{\"status\":\"pilot\",\"pilot_on\":\"2025-09-01\"}", &j,
	    "/api/v1/clean-schools/%lld", school_a), 200);
	json_decref(j);
	assert_int_equal(api_call(&SA, "POST", "/api/v1/clean-schools/activities", "{\"kind\":"
	    "\"family_style\",\"held_on\":\"2026-06-01\",\"title\":\"清明家风家长课堂\"}", &j), 201);
	json_decref(j);
	assert_int_equal(api_call(&SA, "GET", "/api/v1/clean-schools", NULL, &j), 200);
	assert_int_equal(json_array_size(json_object_get(j, "items")), 1);
	json_array_foreach(json_object_get(j, "items"), i, it) {
		assert_int_equal(num(it, "school_id"), school_a);
		assert_string_equal(str(it, "status"), "pilot");
		assert_int_equal(num(it, "activities"), acts + 1);
		assert_int_equal(num(json_object_get(it, "last_check"), "id"), id);
	}
	json_decref(j);
}

/* The id of the last self-check on school a's status row. */
static long long
last_check_a(void)
{
	json_t *j = NULL;
	long long id;

	assert_int_equal(api_call(&SA, "GET", "/api/v1/clean-schools", NULL, &j), 200);
	id = num(json_object_get(json_array_get(json_object_get(j, "items"), 0), "last_check"),
	    "id");
	json_decref(j);
	return id;
}

/* Whether list (the caller's self-checks) holds check id. */
static int
check_listed(struct client *c, long long id)
{
	json_t *j = NULL, *it;
	int found = 0;
	size_t i;

	assert_int_equal(api_call(c, "GET", "/api/v1/clean-schools/checks", NULL, &j), 200);
	json_array_foreach(json_object_get(j, "items"), i, it)
		found |= num(it, "id") == id;
	json_decref(j);
	return found;
}

/* A school saves its self-check as a draft, edits and submits it; the
 * district (and other schools) see it only once submitted; a submitted
 * check cannot change (409); every step audited. */
static void
test_api_creation_clean_drafts(void **state)
{
	char code[40] = "", body[512];
	long long sys, id, id2, last = last_check_a();
	json_t *j = NULL;

	(void)state;
	sys = clean_system(code, sizeof(code));
	snprintf(body, sizeof(body), "{\"system_id\":%lld,\"checked_on\":\"2026-08-02\","
	    "\"draft\":true,\"note\":\"初稿\",\"scores\":[{\"code\":\"%s\",\"points\":0.5}]}",
	    sys, code);
	assert_int_equal(api_call(&SA, "POST", "/api/v1/clean-schools/checks", body, &j), 201);
	id = num(j, "id");
	assert_string_equal(str(j, "state"), "draft");
	json_decref(j);
	assert_true(check_listed(&SA, id));
	assert_false(check_listed(&A, id));
	assert_int_equal(callf(&A, "GET", NULL, &j, "/api/v1/clean-schools/checks/%lld", id), 404);
	assert_null(json_object_get(j, "scores"));
	json_decref(j);
	assert_int_equal(callf(&SB, "GET", NULL, NULL, "/api/v1/clean-schools/checks/%lld", id), 404);
	assert_int_equal(last_check_a(), last);	/* a draft is not the school's result */
	/* The district submits directly; a draft flag must be a boolean. */
	snprintf(body, sizeof(body), "{\"school_id\":%lld,\"system_id\":%lld,\"checked_on\":"
	    "\"2026-08-02\",\"draft\":true,\"scores\":[]}", school_a, sys);
	assert_int_equal(api_call(&A, "POST", "/api/v1/clean-schools/checks", body, &j), 422);
	assert_true(api_has_field(j, "draft"));
	json_decref(j);
	snprintf(body, sizeof(body), "{\"system_id\":%lld,\"checked_on\":\"2026-08-02\","
	    "\"draft\":\"yes\",\"scores\":[]}", sys);
	assert_int_equal(api_call(&SA, "POST", "/api/v1/clean-schools/checks", body, &j), 422);
	assert_true(api_has_field(j, "draft"));
	json_decref(j);
	/* A bad edit is named and changes nothing. */
	snprintf(body, sizeof(body), "{\"system_id\":%lld,\"checked_on\":\"2026-08-03\","
	    "\"draft\":true,\"note\":\"改稿\",\"scores\":[{\"code\":\"NOPE\",\"points\":1}]}",
	    sys);
	assert_int_equal(callf(&SA, "PUT", body, &j, "/api/v1/clean-schools/checks/%lld", id), 422);
	assert_true(api_has_field(j, "scores[0].code"));
	json_decref(j);
	assert_int_equal(callf(&SA, "GET", NULL, &j, "/api/v1/clean-schools/checks/%lld", id), 200);
	assert_string_equal(str(j, "note"), "初稿");
	assert_string_equal(str(j, "checked_on"), "2026-08-02");
	json_decref(j);
	snprintf(body, sizeof(body), "{\"system_id\":%lld,\"checked_on\":\"2026-08-03\","
	    "\"draft\":true,\"note\":\"改稿\",\"scores\":[{\"code\":\"%s\",\"points\":1}]}",
	    sys, code);
	assert_int_equal(callf(&SB, "PUT", body, NULL, "/api/v1/clean-schools/checks/%lld", id), 404);
	assert_int_equal(callf(&SA, "PUT", body, &j, "/api/v1/clean-schools/checks/%lld", id), 200);
	assert_string_equal(str(j, "note"), "改稿");
	assert_string_equal(str(j, "state"), "draft");
	json_decref(j);
	assert_int_equal(callf(&A, "POST", NULL, NULL, "/api/v1/clean-schools/checks/%lld/submit",
	    id), 404);
	assert_int_equal(callf(&SA, "POST", NULL, &j, "/api/v1/clean-schools/checks/%lld/submit",
	    id), 200);
	assert_string_equal(str(j, "state"), "submitted");
	json_decref(j);
	assert_int_equal(callf(&SA, "POST", NULL, &j, "/api/v1/clean-schools/checks/%lld/submit",
	    id), 409);
	assert_string_equal(api_code(j), "invalid_transition");
	json_decref(j);
	assert_int_equal(callf(&SA, "PUT", body, NULL, "/api/v1/clean-schools/checks/%lld", id), 409);
	assert_int_equal(callf(&SA, "DELETE", NULL, NULL, "/api/v1/clean-schools/checks/%lld", id),
	    409);
	assert_true(check_listed(&A, id));
	assert_int_equal(last_check_a(), id);
	assert_int_equal(audit_rows("clean_check", id), 3);	/* create, update, submit */
	/* A draft may be thrown away. */
	snprintf(body, sizeof(body), "{\"system_id\":%lld,\"checked_on\":\"2026-08-04\","
	    "\"draft\":true,\"scores\":[]}", sys);
	assert_int_equal(api_call(&SA, "POST", "/api/v1/clean-schools/checks", body, &j), 201);
	id2 = num(j, "id");
	json_decref(j);
	assert_int_equal(callf(&SA, "DELETE", NULL, NULL, "/api/v1/clean-schools/checks/%lld", id2),
	    200);
	assert_false(check_listed(&SA, id2));
	assert_int_equal(audit_rows("clean_check", id2), 2);
}

/* Reads of case id in the audit log. */
static long long
case_reads(long long id)
{
	json_t *j = NULL, *it;
	long long n = 0;
	size_t i;

	assert_int_equal(callf(&A, "GET", NULL, &j, "/api/v1/audit?entity=ethics_case&"
	    "entity_id=%lld&per_page=100", id), 200);
	json_array_foreach(json_object_get(j, "items"), i, it)
		n += !strcmp(str(it, "action"), "read");
	json_decref(j);
	return n;
}

static void
test_api_creation_ethics(void **state)
{
	long long uid = user_id("sec_a"), id, reads;
	json_t *j = NULL;
	char body[256], *text;

	(void)state;
	assert_int_equal(api_call(&SA, "POST", "/api/v1/ethics/activities", "{\"action\":\"soul\","
	    "\"held_on\":\"2026-03-05\",\"title\":\"师德专题学习\",\"participants\":80}", &j), 201);
	json_decref(j);
	assert_int_equal(api_call(&SA, "POST", "/api/v1/ethics/activities", "{\"action\":\"x\","
	    "\"held_on\":\"2026-03-05\"}", &j), 422);
	assert_true(api_has_field(j, "action") && api_has_field(j, "title"));
	json_decref(j);
	/* Without the grant a case cannot even be written. */
	assert_int_equal(api_call(&SA, "POST", "/api/v1/ethics/cases", "{\"person\":\"张某\","
	    "\"occurred_on\":\"2026-05-01\",\"summary\":\"有偿补课\"}", &j), 404);
	json_decref(j);
	snprintf(body, sizeof(body), "{\"user_id\":%lld,\"note\":\"学校纪检委员\"}", uid);
	assert_int_equal(api_call(&SA, "POST", "/api/v1/ethics/grants", body, &j), 403);
	json_decref(j);
	assert_int_equal(api_call(&A, "POST", "/api/v1/ethics/grants", "{\"user_id\":999999}", &j),
	    422);
	assert_true(api_has_field(j, "user_id"));
	json_decref(j);
	assert_int_equal(api_call(&A, "POST", "/api/v1/ethics/grants", body, &j), 200);
	json_decref(j);
	assert_int_equal(api_call(&SA, "POST", "/api/v1/ethics/cases", "{\"person\":\"张某\","
	    "\"occurred_on\":\"2026-05-01\",\"summary\":\"违规有偿补课\"}", &j), 201);
	id = num(j, "id");
	assert_string_equal(str(j, "summary"), "违规有偿补课");
	json_decref(j);
	/* Every read leaves a row. */
	reads = case_reads(id);
	assert_int_equal(callf(&SA, "GET", NULL, &j, "/api/v1/ethics/cases/%lld", id), 200);
	json_decref(j);
	assert_int_equal(case_reads(id), reads + 1);
	assert_int_equal(total(&SA, "/api/v1/ethics/cases"), 1);
	assert_int_equal(case_reads(id), reads + 2);
	/* The summary counts cases only for the granted. */
	assert_int_equal(api_call(&SA, "GET", "/api/v1/ethics/summary", NULL, &j), 200);
	assert_int_equal(num(j, "cases"), 1);
	json_decref(j);
	assert_int_equal(api_call(&A, "GET", "/api/v1/ethics/summary", NULL, &j), 200);
	assert_null(json_object_get(j, "cases"));
	assert_false(json_is_true(json_object_get(j, "granted")));
	json_decref(j);
	/* Admin without a grant: 404 and no case data in the body. */
	assert_int_equal(callf(&A, "GET", NULL, &j, "/api/v1/ethics/cases/%lld", id), 404);
	text = json_dumps(j, 0);
	assert_null(strstr(text, "有偿补课"));
	assert_null(strstr(text, "张某"));
	free(text);
	json_decref(j);
	assert_int_equal(api_call(&A, "GET", "/api/v1/ethics/cases", NULL, &j), 404);
	assert_null(json_object_get(j, "items"));
	json_decref(j);
	assert_int_equal(case_reads(id), reads + 2);
	/* Revoked: sec_a loses the cases too. */
	snprintf(body, sizeof(body), "/api/v1/ethics/grants/%lld", uid);
	assert_int_equal(api_call(&A, "DELETE", body, NULL, &j), 200);
	json_decref(j);
	assert_int_equal(callf(&SA, "GET", NULL, &j, "/api/v1/ethics/cases/%lld", id), 404);
	assert_null(json_object_get(j, "summary"));
	json_decref(j);
	assert_int_equal(api_call(&A, "DELETE", body, NULL, &j), 404);
	json_decref(j);
}

/* The year-end ledger sums what the tests above recorded for school a. */
static void
test_api_creation_summary(void **state)
{
	json_t *j = NULL, *it;
	long long exports;

	(void)state;
	assert_int_equal(api_call(&SA, "GET", "/api/v1/creation/summary?year=2026", NULL, &j), 200);
	assert_int_equal(json_array_size(json_object_get(j, "items")), 1);
	it = json_array_get(json_object_get(j, "items"), 0);
	assert_int_equal(num(it, "school_id"), school_a);
	assert_true(num(it, "hosted") >= 1);
	assert_true(num(it, "brands") >= 1);
	assert_true(num(it, "with_post") >= 1);
	assert_true(num(it, "members") >= num(it, "with_post"));
	assert_string_equal(str(it, "clean_status"), "pilot");
	assert_true(json_is_number(json_object_get(it, "clean_total")));
	json_decref(j);
	assert_int_equal(api_call(&A, "GET", "/api/v1/creation/summary", NULL, &j), 200);
	assert_true(json_array_size(json_object_get(j, "items")) > 2);
	json_decref(j);
	assert_int_equal(api_call(&A, "GET", "/api/v1/creation/summary?year=12", NULL, &j), 422);
	assert_true(api_has_field(j, "year"));
	json_decref(j);
	exports = total(&A, "/api/v1/audit?entity=creation_summary");
	assert_int_equal(api_call(&SA, "GET", "/api/v1/creation/summary.xlsx?year=2026", NULL, &j),
	    200);
	json_decref(j);
	assert_int_equal(total(&A, "/api/v1/audit?entity=creation_summary"), exports + 1);
}

/* A brand project still at declaration without items, and an alliance
 * without activities, may be deleted (audited); otherwise 409 with
 * nothing changed; another school 404, a secretary may not delete an
 * alliance (403). */
static void
test_api_creation_deletes(void **state)
{
	long long used, moved, spare, busy, empty;
	json_t *j = NULL;
	char body[256];

	(void)state;
	used = brand(&SA);
	snprintf(body, sizeof(body), "{\"project_id\":%lld,\"kind\":\"output\",\"title\":"
	    "\"成果汇编\",\"held_on\":\"2026-03-02\"}", used);
	assert_int_equal(api_call(&SA, "POST", "/api/v1/brands/items", body, NULL), 201);
	assert_int_equal(callf(&SA, "DELETE", NULL, &j, "/api/v1/brands/%lld", used), 409);
	assert_string_equal(api_code(j), "in_use");
	json_decref(j);
	moved = brand(&SA);
	assert_int_equal(advance(&A, moved, "{\"stage\":\"cultivating\",\"held_on\":"
	    "\"2026-04-01\"}", NULL), 200);
	assert_int_equal(callf(&SA, "DELETE", NULL, &j, "/api/v1/brands/%lld", moved), 409);
	assert_string_equal(api_code(j), "invalid_transition");
	json_decref(j);
	spare = brand(&SA);
	assert_int_equal(callf(&SB, "DELETE", NULL, NULL, "/api/v1/brands/%lld", spare), 404);
	assert_int_equal(callf(&I, "DELETE", NULL, NULL, "/api/v1/brands/%lld", spare), 403);
	assert_int_equal(callf(&SA, "GET", NULL, NULL, "/api/v1/brands/%lld", used), 200);
	assert_int_equal(callf(&SA, "GET", NULL, NULL, "/api/v1/brands/%lld", moved), 200);
	assert_int_equal(callf(&SA, "DELETE", NULL, NULL, "/api/v1/brands/%lld", spare), 200);
	assert_int_equal(callf(&SA, "GET", NULL, NULL, "/api/v1/brands/%lld", spare), 404);
	assert_int_equal(audit_rows("brand_project", spare), 2);	/* create, delete */

	busy = alliance("红岩三联盟", school_a, school_b);
	empty = alliance("红岩四联盟", school_a, school_c);
	snprintf(body, sizeof(body), "{\"kind\":\"shared_book\",\"held_on\":\"2026-08-11\","
	    "\"host_school_id\":%lld,\"title\":\"共读\",\"attendance\":10}", school_a);
	assert_int_equal(callf(&SA, "POST", body, NULL, "/api/v1/alliances/%lld/activities", busy),
	    201);
	assert_int_equal(callf(&A, "DELETE", NULL, &j, "/api/v1/alliances/%lld", busy), 409);
	assert_string_equal(api_code(j), "in_use");
	json_decref(j);
	assert_int_equal(callf(&SA, "DELETE", NULL, NULL, "/api/v1/alliances/%lld", empty), 403);
	assert_int_equal(callf(&A, "GET", NULL, NULL, "/api/v1/alliances/%lld", busy), 200);
	assert_int_equal(callf(&A, "DELETE", NULL, NULL, "/api/v1/alliances/%lld", empty), 200);
	assert_int_equal(callf(&A, "GET", NULL, NULL, "/api/v1/alliances/%lld", empty), 404);
	assert_int_equal(callf(&A, "DELETE", NULL, NULL, "/api/v1/alliances/%lld", empty), 404);
	assert_int_equal(audit_rows("alliance", empty), 2);
	/* The name is free again. */
	(void)alliance("红岩四联盟", school_a, school_c);
}

/* School a's row of the year-end ledger for 2026 (caller frees *j). */
static json_t *
ledger_a(json_t **j)
{
	json_t *it;
	size_t i;

	assert_int_equal(api_call(&SA, "GET", "/api/v1/creation/summary?year=2026", NULL, j), 200);
	json_array_foreach(json_object_get(*j, "items"), i, it)
		if (num(it, "school_id") == school_a)
			return it;
	fail_msg("school a has no ledger row");
	return NULL;
}

/* STUDY-08: the ledger carries the study figures of each school in SQL:
 * the same members and minutes as the school leaderboard, reading sessions
 * and excellent cases of the year; a session or an excellent case added
 * shows at once. */
static void
test_api_creation_study_summary(void **state)
{
	long long readings, excellent, studied, minutes, post;
	json_t *j = NULL, *k = NULL, *row, *it;
	char body[256];
	size_t i;

	(void)state;
	row = ledger_a(&j);
	readings = num(row, "readings");
	excellent = num(row, "excellent_cases");
	studied = num(row, "studied");
	minutes = num(row, "study_minutes");
	assert_true(studied <= num(row, "members"));
	assert_true(json_number_value(json_object_get(row, "study_hours")) * 10.0 >
	    (double)((minutes + 3) / 6) - 0.01);
	assert_true(json_number_value(json_object_get(row, "study_hours")) * 10.0 <
	    (double)((minutes + 3) / 6) + 0.01);
	json_decref(j);
	snprintf(body, sizeof(body), "/api/v1/points/leaderboard?level=school&year=2026&org_id=%lld",
	    pc_a);
	assert_int_equal(api_call(&SA, "GET", body, NULL, &k), 200);
	json_array_foreach(json_object_get(k, "items"), i, it)
		if (num(it, "org_id") == pc_a) {
			assert_int_equal(num(it, "studied"), studied);
			assert_int_equal(num(it, "minutes"), minutes);
		}
	assert_int_equal(json_array_size(json_object_get(k, "items")), 1);
	json_decref(k);
	snprintf(body, sizeof(body), "{\"org_id\":%lld,\"book\":\"红岩\",\"host\":\"书记\","
	    "\"held_at\":\"2026-08-10T15:00\",\"minutes\":60}", pc_a);
	assert_int_equal(api_call(&SA, "POST", "/api/v1/study/readings", body, NULL), 201);
	snprintf(body, sizeof(body), "{\"org_id\":%lld,\"title\":\"年终案例\",\"body\":\"做法\"}",
	    pc_a);
	assert_int_equal(api_call(&SA, "POST", "/api/v1/exchange", body, &k), 201);
	post = num(k, "id");
	json_decref(k);
	assert_int_equal(callf(&SA, "POST", NULL, NULL, "/api/v1/exchange/%lld/submit", post), 200);
	assert_int_equal(callf(&A, "POST", NULL, NULL, "/api/v1/exchange/%lld/publish", post), 200);
	row = ledger_a(&j);
	assert_int_equal(num(row, "readings"), readings + 1);
	assert_int_equal(num(row, "excellent_cases"), excellent);	/* published, not yet excellent */
	json_decref(j);
	assert_int_equal(callf(&A, "POST", "{\"excellent\":true}", NULL,
	    "/api/v1/exchange/%lld/excellent", post), 200);
	row = ledger_a(&j);
	assert_int_equal(num(row, "excellent_cases"), excellent + 1);
	json_decref(j);
	/* Another school's ledger does not move. */
	assert_int_equal(api_call(&SB, "GET", "/api/v1/creation/summary?year=2026", NULL, &j), 200);
	json_array_foreach(json_object_get(j, "items"), i, it)
		assert_int_not_equal(num(it, "school_id"), school_a);
	json_decref(j);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_api_creation_alliances),
		cmocka_unit_test(test_api_creation_brands),
		cmocka_unit_test(test_api_creation_posts),
		cmocka_unit_test(test_api_creation_ideology),
		cmocka_unit_test(test_api_creation_clean),
		cmocka_unit_test(test_api_creation_clean_drafts),
		cmocka_unit_test(test_api_creation_ethics),
		cmocka_unit_test(test_api_creation_summary),
		cmocka_unit_test(test_api_creation_deletes),
		cmocka_unit_test(test_api_creation_study_summary),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}

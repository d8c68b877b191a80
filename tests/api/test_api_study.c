/* test_api_study.c: exchange and study (issue 6) over real HTTP: the
 * library's visibility (district material reaches every school, a school's
 * stays in it), bad input named by field with nothing stored, a member's
 * own records only, each anti-gaming refusal (422 naming the field and the
 * reason) and bursts flagged but never counted, leaderboard ties (1,1,3),
 * a member's own points and rank, the rules table (district only, audited),
 * and the exchange: drafts only in their school, moderation by the
 * district, comments only on published posts, hidden comments, audit rows. */
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
/* --today fixes the day: yesterday's records are in the past whatever the
 * time of day; tomorrow's are in the future. */
#define YESTERDAY "2026-08-14"

static struct srv S;
static struct client A;		/* admin */
static struct client D;		/* district staff */
static struct client SA, SB;	/* secretaries of school a and school b */
static struct client M1, M2, M3;	/* members of one branch of school a */
static long long pc_a, pc_b, root, branch;
static long long mem[4];

static long long
jint(json_t *j, const char *k)
{
	return json_integer_value(json_object_get(j, k));
}

/* A valid 公民身份号码 (ID-01) for 110105, birth YYYYMMDD and sequence seq. */
static void
id_card(char out[19], const char *birth, int seq)
{
	static const int wt[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
	static const char chk[] = "10X98765432";
	int sum = 0;

	snprintf(out, 19, "110105%s%03d", birth, seq);
	for (int i = 0; i < 17; i++)
		sum += (out[i] - '0') * wt[i];
	out[17] = chk[sum % 11];
	out[18] = '\0';
}

static long long
org(const char *name, const char *kind, long long parent)
{
	char body[256];
	json_t *j = NULL;
	long long id;

	if (parent)
		snprintf(body, sizeof(body), "{\"name\":\"%s\",\"kind\":\"%s\",\"parent_id\":%lld}",
		    name, kind, parent);
	else
		snprintf(body, sizeof(body), "{\"name\":\"%s\",\"kind\":\"%s\"}", name, kind);
	assert_int_equal(api_call(&A, "POST", "/api/v1/orgs", body, &j), 201);
	id = jint(j, "id");
	json_decref(j);
	return id;
}

/* A district, two schools and a branch of school a with four members
 * (the fourth never studies), built on an empty database so no demo row
 * changes the counts. */
static void
make_orgs(void)
{
	static const char *const names[] = { "王学文", "李明理", "张笃行", "赵守正" };
	char body[512], card[19];
	json_t *j = NULL;

	root = org("示范区教育工委", "district_committee", 0);
	pc_a = org("第一中学党委", "party_committee", root);
	pc_b = org("第二中学党委", "party_committee", root);
	branch = org("语文党支部", "branch", pc_a);
	for (int i = 0; i < 4; i++) {
		id_card(card, "19800101", 11 + 2 * i);	/* odd: male */
		snprintf(body, sizeof(body), "{\"name\":\"%s\",\"id_card\":\"%s\",\"gender\":"
		    "\"male\",\"birth_date\":\"1980-01-01\",\"category\":\"in_service\","
		    "\"status\":\"full\",\"joined_on\":\"2005-07-01\",\"full_on\":\"2006-07-01\","
		    "\"org_id\":%lld}", names[i], card, branch);
		assert_int_equal(api_call(&A, "POST", "/api/v1/members", body, &j), 201);
		mem[i] = jint(j, "id");
		json_decref(j);
	}
}

static void
user_client(struct client *c, const char *name, const char *role, long long org)
{
	char body[256];

	snprintf(body, sizeof(body), "{\"username\":\"%s\",\"role\":\"%s\",\"scope\":[%lld]}", name,
	    role, org);
	assert_int_equal(api_user_client(&A, c, body, name), 0);
}

static void
member_client(struct client *c, const char *name, long long member_id)
{
	char body[256];

	snprintf(body, sizeof(body), "{\"username\":\"%s\",\"role\":\"member\",\"member_id\":%lld}",
	    name, member_id);
	assert_int_equal(api_user_client(&A, c, body, name), 0);
}

static int
setup(void **state)
{
	(void)state;
	if (srv_start(&S, 0, NULL) || srv_restart_flag(&S, "HONGYAN_STUDY_BURST_N=4", "--today",
	    "2026-08-15"))
		return -1;
	client_init(&A, &S);
	api_admin(&A, ADMIN_PW);
	make_orgs();
	user_client(&D, "district1", "district", root);
	user_client(&SA, "sec_a", "secretary", pc_a);
	user_client(&SB, "sec_b", "secretary", pc_b);
	member_client(&M1, "mem1", mem[0]);
	member_client(&M2, "mem2", mem[1]);
	member_client(&M3, "mem3", mem[2]);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	client_release(&A);
	client_release(&D);
	client_release(&SA);
	client_release(&SB);
	client_release(&M1);
	client_release(&M2);
	client_release(&M3);
	srv_stop(&S);
	return 0;
}

static long long
audit_rows(const char *entity, long long id)
{
	char path[160];
	json_t *j = NULL;
	long long n;

	if (id)
		snprintf(path, sizeof(path), "/api/v1/audit?entity=%s&entity_id=%lld", entity, id);
	else
		snprintf(path, sizeof(path), "/api/v1/audit?entity=%s", entity);
	assert_int_equal(api_call(&A, "GET", path, NULL, &j), 200);
	n = jint(j, "total");
	json_decref(j);
	return n;
}

static long long
total_of(struct client *c, const char *path)
{
	json_t *j = NULL;
	long long n;

	assert_int_equal(api_call(c, "GET", path, NULL, &j), 200);
	n = jint(j, "total");
	json_decref(j);
	return n;
}

static long long
post(struct client *c, const char *path, const char *body, long want)
{
	json_t *j = NULL;
	long long id;

	assert_int_equal(api_call(c, "POST", path, body, &j), want);
	id = jint(j, "id");
	json_decref(j);
	return id;
}

/* District material reaches every school; a school's stays in it. */
static void
test_study_library_visibility(void **state)
{
	char body[512], path[96];
	long long d_id, a_id;
	json_t *j = NULL;

	(void)state;
	snprintf(body, sizeof(body), "{\"org_id\":%lld,\"kind\":\"video\",\"title\":\"党的二十大精神"
	    "解读\",\"topic\":\"理论学习\",\"url\":\"https://example.cn/v/1\"}", root);
	d_id = post(&D, "/api/v1/study/library", body, 201);
	snprintf(body, sizeof(body), "{\"org_id\":%lld,\"kind\":\"link\",\"title\":\"本校支部工作法\","
	    "\"topic\":\"支部建设\",\"url\":\"https://example.cn/a\"}", pc_a);
	a_id = post(&SA, "/api/v1/study/library", body, 201);
	snprintf(path, sizeof(path), "/api/v1/study/library/%lld", d_id);
	assert_int_equal(api_call(&SB, "GET", path, NULL, NULL), 200);
	assert_int_equal(api_call(&M1, "GET", path, NULL, NULL), 200);
	snprintf(path, sizeof(path), "/api/v1/study/library/%lld", a_id);
	assert_int_equal(api_call(&SB, "GET", path, NULL, NULL), 404);
	assert_int_equal(api_call(&M1, "GET", path, NULL, NULL), 200);
	/* School b may not delete the district's item: 404, still there. */
	snprintf(path, sizeof(path), "/api/v1/study/library/%lld", d_id);
	assert_int_equal(api_call(&SB, "DELETE", path, NULL, NULL), 404);
	assert_int_equal(api_call(&SB, "GET", path, NULL, NULL), 200);
	assert_int_equal(audit_rows("study_item", d_id), 1);
	assert_int_equal(api_call(&SB, "GET", "/api/v1/study/library/topics", NULL, &j), 200);
	assert_int_equal(json_array_size(json_object_get(j, "items")), 1);
	json_decref(j);
}

static void
test_study_library_bad_input(void **state)
{
	long long before = total_of(&D, "/api/v1/study/library");
	char body[512];
	json_t *j = NULL;

	(void)state;
	snprintf(body, sizeof(body), "{\"org_id\":%lld,\"kind\":\"link\",\"title\":\"x\","
	    "\"topic\":\"t\",\"url\":\"ftp://x\"}", pc_a);
	assert_int_equal(api_call(&SA, "POST", "/api/v1/study/library", body, &j), 422);
	assert_true(api_has_field(j, "url"));
	json_decref(j);
	snprintf(body, sizeof(body), "{\"org_id\":%lld,\"kind\":\"link\",\"title\":\"x\","
	    "\"topic\":\"t\",\"url\":\"https://example.cn/b\"}", pc_b);
	assert_int_equal(api_call(&SA, "POST", "/api/v1/study/library", body, &j), 422);
	assert_true(api_has_field(j, "org_id"));
	json_decref(j);
	assert_int_equal(api_call(&SA, "POST", "/api/v1/study/library", "{\"kind\":\"book\"}", &j),
	    422);
	assert_true(api_has_field(j, "kind") && api_has_field(j, "title") &&
	    api_has_field(j, "org_id"));
	json_decref(j);
	assert_int_equal(api_call(&M1, "POST", "/api/v1/study/library", body, NULL), 403);
	assert_int_equal(total_of(&D, "/api/v1/study/library"), before);
}

static void
test_study_plans(void **state)
{
	char body[256], path[96];
	json_t *j = NULL, *p;
	long long id;

	(void)state;
	snprintf(body, sizeof(body), "{\"org_id\":%lld,\"year\":2026,\"title\":\"2026年度学习计划\"}",
	    pc_a);
	id = post(&SA, "/api/v1/study/plans", body, 201);
	snprintf(path, sizeof(path), "/api/v1/study/plans/%lld/entries", id);
	post(&SA, path, "{\"topic\":\"理论学习\",\"title\":\"学习党章\",\"planned_on\":\"2026-09-10\"}",
	    201);
	assert_int_equal(api_call(&SA, "POST", path, "{\"topic\":\"t\",\"title\":\"x\","
	    "\"planned_on\":\"2027-01-10\"}", &j), 422);
	assert_true(api_has_field(j, "planned_on"));
	json_decref(j);
	assert_int_equal(api_call(&SB, "POST", path, "{\"topic\":\"t\",\"title\":\"x\","
	    "\"planned_on\":\"2026-01-10\"}", NULL), 404);
	/* A member of school a reads it with its one entry; school b does not. */
	assert_int_equal(api_call(&M1, "GET", "/api/v1/study/plans?year=2026", NULL, &j), 200);
	p = json_array_get(json_object_get(j, "items"), 0);
	assert_int_equal(jint(p, "id"), id);
	assert_int_equal(json_array_size(json_object_get(p, "entries")), 1);
	json_decref(j);
	assert_int_equal(api_call(&SB, "GET", "/api/v1/study/plans?year=2026", NULL, &j), 200);
	assert_int_equal(json_array_size(json_object_get(j, "items")), 0);
	json_decref(j);
}

static long
record(struct client *c, const char *title, const char *at, int minutes, json_t **j)
{
	char body[256];

	snprintf(body, sizeof(body), "{\"kind\":\"reading\",\"title\":\"%s\",\"started_at\":\"%s\","
	    "\"minutes\":%d}", title, at, minutes);
	return api_call(c, "POST", "/api/v1/study/records", body, j);
}

static void
refused(struct client *c, const char *title, const char *at, int minutes, const char *field,
    const char *code)
{
	json_t *j = NULL;

	assert_int_equal(record(c, title, at, minutes, &j), 422);
	assert_true(api_has_field(j, field));
	assert_string_equal(api_code(j), code);
	json_decref(j);
}

/* Each refusal names its field and reason, and stores nothing. */
static void
test_study_records_anti_gaming(void **state)
{
	json_t *j = NULL;

	(void)state;
	assert_int_equal(record(&M1, "读《共产党宣言》", YESTERDAY "T09:00", 60, &j), 201);
	assert_int_equal(jint(j, "points"), 3);	/* reading: 1 + 1 per 30 minutes */
	assert_string_equal(json_string_value(json_object_get(j, "status")), "counted");
	json_decref(j);
	refused(&M1, "读《共产党宣言》", YESTERDAY "T09:00", 30, "started_at", "duplicate");
	refused(&M1, "别的", YESTERDAY "T09:30", 30, "started_at", "overlap");
	refused(&M1, "明天", "2026-08-16T09:00", 30, "started_at", "future");
	refused(&M1, "太早", "2026-08-01T09:00", 30, "started_at", "too_old");
	/* Starts at midnight so it ends yesterday whatever the hour of the run:
	 * 1400 minutes plus the 60 above pass the day's 1440. */
	refused(&M1, "太长", YESTERDAY "T00:00", 1400, "minutes", "day_full");
	assert_int_equal(record(&M1, "零分钟", YESTERDAY "T20:00", 0, &j), 422);
	assert_true(api_has_field(j, "minutes"));
	json_decref(j);
	assert_int_equal(total_of(&M1, "/api/v1/study/records"), 1);
	/* Staff may not record for themselves (only members). */
	assert_int_equal(record(&SA, "x", YESTERDAY "T21:00", 10, NULL), 403);
}

/* A member sees only their own records; staff see their scope's. */
static void
test_study_records_scope(void **state)
{
	char path[96];

	(void)state;
	assert_int_equal(total_of(&M2, "/api/v1/study/records"), 0);
	snprintf(path, sizeof(path), "/api/v1/study/records?member_id=%lld", mem[0]);
	assert_int_equal(total_of(&M2, path), 0);
	assert_int_equal(total_of(&SA, path), 1);
	assert_int_equal(total_of(&SB, path), 0);
	assert_int_equal(total_of(&D, path), 1);
}

/* STUDY-06 with burst_n = 4: the fifth record entered within ten minutes
 * is stored flagged with 0 points and not counted. */
static void
test_study_burst_flagged(void **state)
{
	static const char *const at[] = { "2026-08-09T08:00", "2026-08-10T08:00",
		"2026-08-11T08:00", "2026-08-12T08:00", "2026-08-13T08:00" };
	json_t *j = NULL;

	(void)state;
	for (int i = 0; i < 5; i++) {
		assert_int_equal(record(&M3, "阅读", at[i], 30, &j), 201);
		assert_string_equal(json_string_value(json_object_get(j, "status")),
		    i < 4 ? "counted" : "flagged");
		if (i == 4) {
			assert_int_equal(jint(j, "points"), 0);
			assert_string_equal(json_string_value(json_object_get(j, "flag")), "burst");
		}
		json_decref(j);
	}
	assert_int_equal(api_call(&M3, "GET", "/api/v1/points/me?year=2026", NULL, &j), 200);
	assert_int_equal(jint(j, "points"), 8);	/* four counted records of 2 */
	assert_int_equal(jint(j, "flagged"), 1);
	json_decref(j);
}

/* The daily cap (6 for reading) stops a long day at 6. */
static void
test_study_daily_cap(void **state)
{
	json_t *j = NULL;

	(void)state;
	assert_int_equal(record(&M2, "上午", "2026-08-13T08:00", 120, &j), 201);
	assert_int_equal(jint(j, "points"), 5);
	json_decref(j);
	assert_int_equal(record(&M2, "下午", "2026-08-13T14:00", 120, &j), 201);
	assert_int_equal(jint(j, "points"), 1);	/* capped at 6 a day */
	json_decref(j);
	assert_int_equal(record(&M2, "晚上", "2026-08-13T19:00", 30, &j), 201);
	assert_int_equal(jint(j, "points"), 0);
	json_decref(j);
}

/* M1 3 + M2 6 so far; M1 adds 3 more: both 6 points, then M3 8:
 * ranks 1 (M3), 2, 2, 4 (the rest at 0). */
static void
test_study_leaderboard_ties(void **state)
{
	char path[128];
	json_t *j = NULL, *items;

	(void)state;
	assert_int_equal(record(&M1, "第二次", YESTERDAY "T15:00", 60, NULL), 201);
	snprintf(path, sizeof(path), "/api/v1/points/leaderboard?org_id=%lld&year=2026", branch);
	assert_int_equal(api_call(&SA, "GET", path, NULL, &j), 200);
	items = json_object_get(j, "items");
	assert_int_equal(jint(json_array_get(items, 0), "rank"), 1);
	assert_int_equal(jint(json_array_get(items, 0), "member_id"), mem[2]);
	assert_int_equal(jint(json_array_get(items, 1), "rank"), 2);
	assert_int_equal(jint(json_array_get(items, 2), "rank"), 2);
	assert_int_equal(jint(json_array_get(items, 1), "points"), 6);
	assert_int_equal(jint(json_array_get(items, 3), "rank"), 4);
	assert_int_equal(jint(json_array_get(items, 3), "points"), 0);
	json_decref(j);
	assert_int_equal(api_call(&SB, "GET", path, NULL, NULL), 404);
	assert_int_equal(api_call(&M1, "GET", "/api/v1/points/me", NULL, &j), 200);
	assert_int_equal(jint(j, "points"), 6);
	assert_int_equal(jint(json_object_get(j, "branch"), "rank"), 2);
	assert_int_equal(jint(json_object_get(j, "school"), "rank"), 2);
	json_decref(j);
	assert_int_equal(api_call(&SA, "GET", "/api/v1/points/me", NULL, NULL), 403);
	assert_int_equal(api_call(&SA, "GET", "/api/v1/points/leaderboard?year=20x6", NULL, &j),
	    422);
	assert_true(api_has_field(j, "year"));
	json_decref(j);
}

/* STUDY-07: organizations ranked against each other in SQL: schools within
 * the district, branches within a school (or the district), by points per
 * active member (tenths, half up) or by total; ties share a rank. So far
 * the 语文 branch holds M1 6 + M2 6 + M3 8 + 0 = 20 points over 4 members. */
static void
test_study_org_leaderboard(void **state)
{
	char path[160];
	json_t *j = NULL, *items, *x;

	(void)state;
	assert_int_equal(api_call(&D, "GET", "/api/v1/points/leaderboard?level=school&year=2026",
	    NULL, &j), 200);
	items = json_object_get(j, "items");
	assert_int_equal(json_array_size(items), 2);
	x = json_array_get(items, 0);
	assert_int_equal(jint(x, "org_id"), pc_a);
	assert_int_equal(jint(x, "rank"), 1);
	assert_int_equal(jint(x, "members"), 4);
	assert_int_equal(jint(x, "studied"), 3);
	assert_int_equal(jint(x, "points"), 20);
	assert_true(json_real_value(json_object_get(x, "per_member")) == 5.0);
	x = json_array_get(items, 1);
	assert_int_equal(jint(x, "org_id"), pc_b);
	assert_int_equal(jint(x, "rank"), 2);
	assert_int_equal(jint(x, "members"), 0);
	json_decref(j);
	(void)org("数学党支部", "branch", pc_a);
	(void)org("英语党支部", "branch", pc_b);
	assert_int_equal(api_call(&D, "GET", "/api/v1/points/leaderboard?level=branch&year=2026"
	    "&by=total", NULL, &j), 200);
	items = json_object_get(j, "items");
	assert_int_equal(json_array_size(items), 3);
	assert_int_equal(jint(json_array_get(items, 0), "org_id"), branch);
	assert_int_equal(jint(json_array_get(items, 0), "rank_total"), 1);
	assert_int_equal(jint(json_array_get(items, 1), "rank_total"), 2);
	assert_int_equal(jint(json_array_get(items, 2), "rank_total"), 2);
	assert_int_equal(jint(json_array_get(items, 2), "rank"), 2);
	json_decref(j);
	/* A school's secretary ranks the branches of their own school only. */
	assert_int_equal(api_call(&SA, "GET", "/api/v1/points/leaderboard?level=branch&year=2026",
	    NULL, &j), 200);
	assert_int_equal(json_array_size(json_object_get(j, "items")), 2);
	json_decref(j);
	snprintf(path, sizeof(path), "/api/v1/points/leaderboard?level=branch&org_id=%lld", pc_b);
	assert_int_equal(api_call(&SA, "GET", path, NULL, NULL), 404);
	assert_int_equal(api_call(&D, "GET", "/api/v1/points/leaderboard?level=class", NULL, &j),
	    422);
	assert_true(api_has_field(j, "level"));
	json_decref(j);
	assert_int_equal(api_call(&D, "GET", "/api/v1/points/leaderboard?level=school&by=avg",
	    NULL, &j), 422);
	assert_true(api_has_field(j, "by"));
	json_decref(j);
}

static void
test_study_rules_district_only(void **state)
{
	json_t *j = NULL;

	(void)state;
	assert_int_equal(api_call(&SA, "PUT", "/api/v1/points/rules", "{\"kind\":\"video\","
	    "\"per_record\":2,\"block_minutes\":30,\"per_block\":1,\"daily_cap\":8,\"enabled\":true}",
	    NULL), 403);
	assert_int_equal(api_call(&D, "PUT", "/api/v1/points/rules", "{\"kind\":\"video\","
	    "\"per_record\":-1,\"block_minutes\":30,\"per_block\":1,\"daily_cap\":5000,"
	    "\"enabled\":true}", &j), 422);
	assert_true(api_has_field(j, "per_record") && api_has_field(j, "daily_cap"));
	json_decref(j);
	assert_int_equal(audit_rows("study_point_rule", 0), 0);
	assert_int_equal(api_call(&D, "PUT", "/api/v1/points/rules", "{\"kind\":\"video\","
	    "\"per_record\":2,\"block_minutes\":30,\"per_block\":1,\"daily_cap\":8,\"enabled\":true}",
	    &j), 200);
	json_decref(j);
	assert_int_equal(audit_rows("study_point_rule", 0), 1);
	assert_int_equal(api_call(&M1, "GET", "/api/v1/points/rules", NULL, &j), 200);
	assert_int_equal(json_array_size(json_object_get(j, "items")), 7);
	json_decref(j);
}

/* A reading session: attendance gives each present member a record. */
static void
test_study_reading_session(void **state)
{
	char body[256], path[96];
	json_t *j = NULL;
	long long id;

	(void)state;
	snprintf(body, sizeof(body), "{\"org_id\":%lld,\"book\":\"红岩\",\"host\":\"张书记\","
	    "\"held_at\":\"2026-08-12T15:00\",\"minutes\":90}", branch);
	id = post(&SA, "/api/v1/study/readings", body, 201);
	snprintf(path, sizeof(path), "/api/v1/study/readings/%lld/attendance", id);
	snprintf(body, sizeof(body), "{\"member_ids\":[%lld,%lld]}", mem[0], 999999LL);
	assert_int_equal(api_call(&SA, "PUT", path, body, &j), 422);
	assert_true(api_has_field(j, "member_ids"));
	json_decref(j);
	snprintf(body, sizeof(body), "{\"member_ids\":[%lld]}", mem[0]);
	assert_int_equal(api_call(&SB, "PUT", path, body, NULL), 404);
	assert_int_equal(api_call(&SA, "PUT", path, body, &j), 200);
	assert_int_equal(jint(json_array_get(json_object_get(j, "attendance"), 0), "points"), 4);
	json_decref(j);
	assert_int_equal(api_call(&SA, "PUT", path, body, NULL), 409);
	snprintf(path, sizeof(path), "/api/v1/study/readings/%lld/reflection", id);
	assert_int_equal(api_call(&M1, "POST", path, "{\"reflection\":\"江姐的坚定令人动容\"}", &j),
	    200);
	assert_string_equal(json_string_value(json_object_get(json_array_get(json_object_get(j,
	    "attendance"), 0), "reflection")), "江姐的坚定令人动容");
	json_decref(j);
	assert_int_equal(api_call(&M2, "POST", path, "{\"reflection\":\"x\"}", NULL), 404);
	assert_int_equal(audit_rows("study_reading", id), 3);
}

/* Drafts stay in their school; the district moderates; comments only on
 * published posts; every post and comment audited. */
static void
test_study_exchange_flow(void **state)
{
	char body[256], path[128];
	long long id, cid;
	json_t *j = NULL;

	(void)state;
	snprintf(body, sizeof(body), "{\"org_id\":%lld,\"title\":\"支部“三联”工作法\","
	    "\"body\":\"每月一次联学……\"}", pc_a);
	id = post(&SA, "/api/v1/exchange", body, 201);
	snprintf(path, sizeof(path), "/api/v1/exchange/%lld", id);
	assert_int_equal(api_call(&SB, "GET", path, NULL, NULL), 404);
	assert_int_equal(api_call(&D, "GET", path, NULL, NULL), 404);	/* not yet submitted */
	assert_int_equal(total_of(&SB, "/api/v1/exchange"), 0);
	assert_int_equal(api_call(&M1, "GET", path, NULL, NULL), 404);
	snprintf(path, sizeof(path), "/api/v1/exchange/%lld/comments", id);
	assert_int_equal(api_call(&SA, "POST", path, "{\"body\":\"好\"}", &j), 409);
	assert_string_equal(api_code(j), "not_published");
	json_decref(j);
	snprintf(path, sizeof(path), "/api/v1/exchange/%lld/publish", id);
	assert_int_equal(api_call(&D, "POST", path, NULL, &j), 404);	/* a draft: unseen */
	json_decref(j);
	snprintf(path, sizeof(path), "/api/v1/exchange/%lld/submit", id);
	assert_int_equal(api_call(&SA, "POST", path, NULL, NULL), 200);
	assert_int_equal(api_call(&SA, "POST", path, NULL, &j), 409);
	assert_string_equal(api_code(j), "invalid_transition");
	json_decref(j);
	snprintf(path, sizeof(path), "/api/v1/exchange/%lld/reject", id);
	assert_int_equal(api_call(&SA, "POST", path, "{\"reason\":\"x\"}", NULL), 403);
	assert_int_equal(api_call(&D, "POST", path, "{}", &j), 422);
	assert_true(api_has_field(j, "reason"));
	json_decref(j);
	snprintf(path, sizeof(path), "/api/v1/exchange/%lld/publish", id);
	assert_int_equal(api_call(&D, "POST", path, NULL, NULL), 200);
	snprintf(path, sizeof(path), "/api/v1/exchange/%lld/comments", id);
	assert_int_equal(api_call(&SB, "POST", path, "{\"body\":\"\"}", &j), 422);
	assert_true(api_has_field(j, "body"));
	json_decref(j);
	assert_int_equal(api_call(&SB, "POST", path, "{\"body\":\"值得借鉴\"}", &j), 201);
	cid = jint(json_array_get(json_object_get(j, "comment_list"), 0), "id");
	json_decref(j);
	snprintf(path, sizeof(path), "/api/v1/exchange/%lld/excellent", id);
	assert_int_equal(api_call(&SB, "POST", path, "{\"excellent\":true}", NULL), 403);
	assert_int_equal(api_call(&D, "POST", path, "{\"excellent\":true}", NULL), 200);
	snprintf(path, sizeof(path), "/api/v1/exchange/comments/%lld/hide", cid);
	assert_int_equal(api_call(&D, "POST", path, "{\"hidden\":true}", NULL), 200);
	snprintf(path, sizeof(path), "/api/v1/exchange/%lld", id);
	assert_int_equal(api_call(&SB, "GET", path, NULL, &j), 200);
	assert_true(json_is_true(json_object_get(j, "excellent")));
	assert_int_equal(json_array_size(json_object_get(j, "comment_list")), 0);
	json_decref(j);
	assert_int_equal(api_call(&M1, "GET", path, NULL, NULL), 200);
	assert_int_equal(api_call(&D, "GET", path, NULL, &j), 200);	/* moderators see it, marked */
	assert_true(json_is_true(json_object_get(json_array_get(json_object_get(j, "comment_list"), 0),
	    "hidden")));
	json_decref(j);
	/* School b reads a published post but cannot edit it. */
	assert_int_equal(api_call(&SB, "PATCH", path, "{\"title\":\"改\"}", NULL), 404);
	assert_int_equal(audit_rows("exchange_post", id), 4);	/* create, submit, publish, mark */
	assert_int_equal(audit_rows("exchange_comment", cid), 2);	/* create, hide */
}

/* A member reads the published cases on the phone and comments on one
 * (audited); an empty comment is named and stores nothing; a draft stays
 * unseen, so a comment on it is 404, not 409. */
static void
test_study_exchange_member_comments(void **state)
{
	char body[256], path[128];
	long long id, draft;
	json_t *j = NULL;

	(void)state;
	snprintf(body, sizeof(body), "{\"org_id\":%lld,\"title\":\"党员先锋岗做法\","
	    "\"body\":\"每位党员认领一个岗位\"}", pc_a);
	id = post(&SA, "/api/v1/exchange", body, 201);
	snprintf(path, sizeof(path), "/api/v1/exchange/%lld/submit", id);
	assert_int_equal(api_call(&SA, "POST", path, NULL, NULL), 200);
	snprintf(path, sizeof(path), "/api/v1/exchange/%lld/publish", id);
	assert_int_equal(api_call(&D, "POST", path, NULL, NULL), 200);
	snprintf(path, sizeof(path), "/api/v1/exchange/%lld/comments", id);
	assert_int_equal(api_call(&M2, "POST", path, "{\"body\":\"  \"}", &j), 422);
	assert_true(api_has_field(j, "body"));
	json_decref(j);
	assert_int_equal(audit_rows("exchange_comment", 0), 2);	/* the flow's create and hide */
	assert_int_equal(api_call(&M2, "POST", path, "{\"body\":\"我们支部也想试试\"}", &j), 201);
	assert_int_equal(json_array_size(json_object_get(j, "comment_list")), 1);
	json_decref(j);
	assert_int_equal(audit_rows("exchange_comment", 0), 3);
	/* Members may not moderate or publish. */
	snprintf(path, sizeof(path), "/api/v1/exchange/%lld/excellent", id);
	assert_int_equal(api_call(&M2, "POST", path, "{\"excellent\":true}", NULL), 403);
	snprintf(body, sizeof(body), "{\"org_id\":%lld,\"title\":\"未发布\",\"body\":\"内容\"}",
	    pc_a);
	draft = post(&SA, "/api/v1/exchange", body, 201);
	snprintf(path, sizeof(path), "/api/v1/exchange/%lld/comments", draft);
	assert_int_equal(api_call(&M2, "POST", path, "{\"body\":\"看看\"}", NULL), 404);
	assert_int_equal(audit_rows("exchange_comment", 0), 3);
}

/* Members read published cases only, even their own branch's draft. */
static void
test_study_exchange_member_sees_published_only(void **state)
{
	char body[256], path[128];
	long long id;

	(void)state;
	snprintf(body, sizeof(body), "{\"org_id\":%lld,\"title\":\"支部草稿\",\"body\":\"内容\"}",
	    branch);
	id = post(&SA, "/api/v1/exchange", body, 201);
	snprintf(path, sizeof(path), "/api/v1/exchange/%lld", id);
	assert_int_equal(api_call(&SA, "GET", path, NULL, NULL), 200);
	assert_int_equal(api_call(&M1, "GET", path, NULL, NULL), 404);
	assert_int_equal(total_of(&M1, "/api/v1/exchange?state=draft"), 0);
}

/* Rejected with a reason, edited, submitted again. */
static void
test_study_exchange_reject_edit(void **state)
{
	char body[256], path[128];
	json_t *j = NULL;
	long long id;

	(void)state;
	snprintf(body, sizeof(body), "{\"org_id\":%lld,\"title\":\"草稿\",\"body\":\"内容\"}", pc_b);
	id = post(&SB, "/api/v1/exchange", body, 201);
	snprintf(path, sizeof(path), "/api/v1/exchange/%lld/submit", id);
	assert_int_equal(api_call(&SB, "POST", path, NULL, NULL), 200);
	snprintf(path, sizeof(path), "/api/v1/exchange/%lld/reject", id);
	assert_int_equal(api_call(&D, "POST", path, "{\"reason\":\"请补充成效数据\"}", &j), 200);
	assert_string_equal(json_string_value(json_object_get(j, "state")), "rejected");
	assert_string_equal(json_string_value(json_object_get(j, "reason")), "请补充成效数据");
	json_decref(j);
	snprintf(path, sizeof(path), "/api/v1/exchange/%lld", id);
	assert_int_equal(api_call(&SB, "PATCH", path, "{\"body\":\"补充了数据\"}", NULL), 200);
	snprintf(path, sizeof(path), "/api/v1/exchange/%lld/submit", id);
	assert_int_equal(api_call(&SB, "POST", path, NULL, &j), 200);
	assert_string_equal(json_string_value(json_object_get(j, "state")), "submitted");
	json_decref(j);
}

static const char *
jstr(json_t *j, const char *k)
{
	return json_string_value(json_object_get(j, k));
}

/* Library items and plans are edited and deleted by their publishers in
 * scope: bad input named with nothing changed, another school 404, a member
 * 403, an item or plan still used 409 in_use; every change audited. */
static void
test_study_library_plan_edit(void **state)
{
	char body[512], item[96], plan[96], path[128];
	long long it, pl, entry, d_it;
	json_t *j = NULL;

	(void)state;
	snprintf(body, sizeof(body), "{\"org_id\":%lld,\"kind\":\"link\",\"title\":\"旧标题\","
	    "\"topic\":\"支部建设\",\"url\":\"https://example.cn/old\"}", pc_a);
	it = post(&SA, "/api/v1/study/library", body, 201);
	snprintf(body, sizeof(body), "{\"org_id\":%lld,\"kind\":\"link\",\"title\":\"区级资料\","
	    "\"topic\":\"理论学习\",\"url\":\"https://example.cn/d\"}", root);
	d_it = post(&D, "/api/v1/study/library", body, 201);
	snprintf(item, sizeof(item), "/api/v1/study/library/%lld", it);
	assert_int_equal(api_call(&SA, "PATCH", item, "{\"title\":\"新标题\",\"url\":\"ftp://x\"}",
	    &j), 422);
	assert_true(api_has_field(j, "url"));
	json_decref(j);
	assert_int_equal(api_call(&SA, "PATCH", item, "{\"kind\":\"video\",\"title\":\"\"}", &j),
	    422);
	assert_true(api_has_field(j, "kind") && api_has_field(j, "title"));
	json_decref(j);
	assert_int_equal(api_call(&SB, "PATCH", item, "{\"title\":\"别校\"}", NULL), 404);
	assert_int_equal(api_call(&M1, "PATCH", item, "{\"title\":\"党员\"}", NULL), 403);
	snprintf(path, sizeof(path), "/api/v1/study/library/%lld", d_it);
	assert_int_equal(api_call(&SA, "PATCH", path, "{\"title\":\"改区级\"}", NULL), 404);
	assert_int_equal(api_call(&SA, "GET", item, NULL, &j), 200);
	assert_string_equal(jstr(j, "title"), "旧标题");
	json_decref(j);
	assert_int_equal(audit_rows("study_item", it), 1);
	assert_int_equal(api_call(&SA, "PATCH", item, "{\"title\":\"新标题\",\"minutes\":20,"
	    "\"url\":\"https://example.cn/new\"}", &j), 200);
	assert_string_equal(jstr(j, "title"), "新标题");
	assert_string_equal(jstr(j, "url"), "https://example.cn/new");
	assert_int_equal(jint(j, "minutes"), 20);
	json_decref(j);
	assert_int_equal(audit_rows("study_item", it), 2);

	snprintf(body, sizeof(body), "{\"org_id\":%lld,\"year\":2026,\"title\":\"专题计划\"}",
	    pc_a);
	pl = post(&SA, "/api/v1/study/plans", body, 201);
	snprintf(path, sizeof(path), "/api/v1/study/plans/%lld/entries", pl);
	snprintf(body, sizeof(body), "{\"topic\":\"支部建设\",\"title\":\"读资料\","
	    "\"planned_on\":\"2026-10-01\",\"item_id\":%lld}", it);
	entry = post(&SA, path, body, 201);
	assert_int_equal(api_call(&SA, "DELETE", item, NULL, &j), 409);
	assert_string_equal(api_code(j), "in_use");
	json_decref(j);
	snprintf(plan, sizeof(plan), "/api/v1/study/plans/%lld", pl);
	assert_int_equal(api_call(&SA, "DELETE", plan, NULL, &j), 409);
	assert_string_equal(api_code(j), "in_use");
	json_decref(j);
	assert_int_equal(api_call(&SA, "PATCH", plan, "{\"title\":\" \"}", &j), 422);
	assert_true(api_has_field(j, "title"));
	json_decref(j);
	assert_int_equal(api_call(&SB, "PATCH", plan, "{\"title\":\"别校\"}", NULL), 404);
	assert_int_equal(api_call(&SA, "PATCH", plan, "{\"title\":\"专题学习计划\"}", NULL), 200);
	snprintf(path, sizeof(path), "/api/v1/study/plans/entries/%lld", entry);
	assert_int_equal(api_call(&SB, "DELETE", path, NULL, NULL), 404);
	assert_int_equal(api_call(&SA, "DELETE", path, NULL, NULL), 200);
	assert_int_equal(api_call(&SA, "DELETE", path, NULL, NULL), 404);
	assert_int_equal(api_call(&SA, "DELETE", plan, NULL, NULL), 200);
	assert_int_equal(api_call(&SA, "PATCH", plan, "{\"title\":\"x\"}", NULL), 404);
	/* create, add_item, update, remove_item, delete */
	assert_int_equal(audit_rows("study_plan", pl), 5);
	assert_int_equal(api_call(&SA, "DELETE", item, NULL, NULL), 200);
	assert_int_equal(api_call(&SA, "GET", item, NULL, NULL), 404);
	assert_int_equal(audit_rows("study_item", it), 3);
}

/* A meeting held at org with one file (bytes), uploaded as c; the file id. */
static long long
meeting_file(struct client *c, long long org_id, const char *bytes)
{
	char body[300], path[128];
	long long mid, fid;

	snprintf(body, sizeof(body), "{\"org_id\":%lld,\"kind\":\"branch_assembly\",\"held_at\":"
	    "\"2026-08-10T15:00\",\"place\":\"会议室\",\"topic\":\"学习\"}", org_id);
	mid = post(c, "/api/v1/meetings", body, 201);
	snprintf(path, sizeof(path), "/api/v1/meetings/%lld/files?name=m.pdf", mid);
	fid = post(c, path, bytes, 201);
	return fid;
}

/* The library's files as attachments (issue 19): a secretary of another
 * school gets 404 for a school item's file and stores nothing (no row in
 * the database file, no file in the files folder); the older route and the
 * attachments' one give the same bytes, a new upload replaces the file; an
 * item naming a meeting's file takes one in the caller's scope only
 * (another school's: 422, nothing stored), serves its bytes to the item's
 * readers, and has none once the meeting's file is deleted. */
static void
test_study_library_files_foreign_owner_and_routes(void **state)
{
	static const char one[] = "%PDF-1.7 library one", two[] = "%PDF-1.7 library two";
	static const char mine[] = "%PDF-1.7 meeting a", theirs[] = "%PDF-1.7 meeting b";
	char body[400], path[128], legacy[96], generic[96];
	long long it, fid, fid2, ref, mf_a, mf_b, items, rows;
	int files;
	json_t *j = NULL;

	(void)state;
	snprintf(body, sizeof(body), "{\"org_id\":%lld,\"kind\":\"document\",\"title\":\"本校材料\","
	    "\"topic\":\"附件\"}", pc_a);
	it = post(&SA, "/api/v1/study/library", body, 201);
	rows = api_count_rows(&S, "attachment");
	files = api_count_files(&S);
	snprintf(path, sizeof(path), "/api/v1/study/library/%lld/files?name=a.pdf", it);
	assert_int_equal(api_call(&SB, "POST", path, one, NULL), 404);
	snprintf(path, sizeof(path), "/api/v1/study/library/%lld/file?name=a.pdf", it);
	assert_int_equal(api_call(&SB, "POST", path, one, NULL), 404);
	assert_int_equal(api_count_rows(&S, "attachment"), rows);
	assert_int_equal(api_count_files(&S), files);

	snprintf(path, sizeof(path), "/api/v1/study/library/%lld/files?name=a.pdf", it);
	fid = post(&SA, path, one, 201);
	snprintf(legacy, sizeof(legacy), "/api/v1/study/library/%lld/file", it);
	snprintf(generic, sizeof(generic), "/api/v1/files/%lld", fid);
	assert_true(api_same_bytes(&SA, legacy, generic, one, strlen(one)));
	assert_true(api_same_bytes(&M1, legacy, generic, one, strlen(one)));
	assert_int_equal(api_call(&SB, "GET", generic, NULL, NULL), 404);
	assert_int_equal(api_call(&SB, "DELETE", generic, NULL, NULL), 404);
	/* The older upload replaces it: one row, one file, the new bytes. */
	snprintf(path, sizeof(path), "/api/v1/study/library/%lld/file?name=b.pdf", it);
	assert_int_equal(api_call(&SA, "POST", path, two, &j), 200);
	assert_string_equal(json_string_value(json_object_get(j, "file_name")), "b.pdf");
	json_decref(j);
	assert_int_equal(api_count_rows(&S, "attachment"), rows + 1);
	assert_int_equal(api_count_files(&S), files + 1);
	snprintf(path, sizeof(path), "/api/v1/study/library/%lld/files", it);
	assert_int_equal(api_call(&SA, "GET", path, NULL, &j), 200);
	assert_int_equal(json_array_size(json_object_get(j, "items")), 1);
	fid2 = jint(json_array_get(json_object_get(j, "items"), 0), "id");
	json_decref(j);
	snprintf(generic, sizeof(generic), "/api/v1/files/%lld", fid2);
	assert_true(api_same_bytes(&M1, legacy, generic, two, strlen(two)));

	/* A meeting's file: school b's is not school a's to name. */
	mf_a = meeting_file(&SA, branch, mine);
	mf_b = meeting_file(&SB, org("数学党支部", "branch", pc_b), theirs);
	items = api_count_rows(&S, "study_item");
	snprintf(body, sizeof(body), "{\"org_id\":%lld,\"kind\":\"document\",\"title\":\"会议材料\","
	    "\"topic\":\"附件\",\"meeting_file_id\":%lld}", pc_a, mf_b);
	assert_int_equal(api_call(&SA, "POST", "/api/v1/study/library", body, &j), 422);
	assert_true(api_has_field(j, "meeting_file_id"));
	json_decref(j);
	assert_int_equal(api_count_rows(&S, "study_item"), items);
	snprintf(body, sizeof(body), "{\"org_id\":%lld,\"kind\":\"document\",\"title\":\"会议材料\","
	    "\"topic\":\"附件\",\"meeting_file_id\":%lld}", pc_a, mf_a);
	ref = post(&SA, "/api/v1/study/library", body, 201);
	snprintf(legacy, sizeof(legacy), "/api/v1/study/library/%lld/file", ref);
	snprintf(generic, sizeof(generic), "/api/v1/files/%lld", mf_a);
	assert_true(api_same_bytes(&SA, legacy, generic, mine, strlen(mine)));
	assert_int_equal(api_call(&M1, "GET", legacy, NULL, NULL), 200);
	assert_int_equal(api_call(&SB, "GET", legacy, NULL, NULL), 404);
	/* The meeting's file deleted: the item has none (not a 500). */
	assert_int_equal(api_call(&SA, "DELETE", generic, NULL, NULL), 200);
	assert_int_equal(api_call(&SA, "GET", legacy, NULL, NULL), 404);
	snprintf(path, sizeof(path), "/api/v1/study/library/%lld", ref);
	assert_int_equal(api_call(&SA, "GET", path, NULL, &j), 200);
	assert_false(json_is_true(json_object_get(j, "has_file")));
	json_decref(j);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_study_library_visibility),
		cmocka_unit_test(test_study_library_bad_input),
		cmocka_unit_test(test_study_plans),
		cmocka_unit_test(test_study_records_anti_gaming),
		cmocka_unit_test(test_study_records_scope),
		cmocka_unit_test(test_study_burst_flagged),
		cmocka_unit_test(test_study_daily_cap),
		cmocka_unit_test(test_study_leaderboard_ties),
		cmocka_unit_test(test_study_org_leaderboard),
		cmocka_unit_test(test_study_rules_district_only),
		cmocka_unit_test(test_study_reading_session),
		cmocka_unit_test(test_study_exchange_flow),
		cmocka_unit_test(test_study_exchange_member_sees_published_only),
		cmocka_unit_test(test_study_exchange_member_comments),
		cmocka_unit_test(test_study_exchange_reject_edit),
		cmocka_unit_test(test_study_library_plan_edit),
		cmocka_unit_test(test_study_library_files_foreign_owner_and_routes),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}

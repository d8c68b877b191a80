/* test_api_cultivation.c: the cultivation registers (issue 5): dual
 * cultivation from nomination to outcome with the statistics moving,
 * illegal steps 409 and bad input 422 naming the field with nothing
 * changed, another school's secretary 404, and the member flags backbone
 * and dual_leader kept in step with their registers (CUL-01), which the
 * member API no longer writes. */
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
static struct client SA, SB;	/* secretaries of school a and school b */
static long long pc_a, pc_b;
static long long mem[8];	/* active full members of school a, not backbones */
static int nmem;

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
find_committees(void)
{
	json_t *j = NULL, *it;
	size_t i;

	assert_int_equal(api_call(&A, "GET", "/api/v1/orgs", NULL, &j), 200);
	json_array_foreach(json_object_get(j, "items"), i, it) {
		if (strcmp(str(it, "kind"), "party_committee"))
			continue;
		if (!pc_a)
			pc_a = num(it, "id");
		else if (!pc_b)
			pc_b = num(it, "id");
	}
	json_decref(j);
	assert_true(pc_a > 0 && pc_b > 0);
}

static void
find_members(void)
{
	json_t *j = NULL, *it;
	char path[128];
	size_t i;

	snprintf(path, sizeof(path), "/api/v1/members?org_id=%lld&status=full&per_page=100", pc_a);
	assert_int_equal(api_call(&A, "GET", path, NULL, &j), 200);
	json_array_foreach(json_object_get(j, "items"), i, it)
		if (nmem < 8 && !json_is_true(json_object_get(it, "backbone"))
		    && !json_is_true(json_object_get(it, "dual_leader")))
			mem[nmem++] = num(it, "id");
	json_decref(j);
	assert_true(nmem >= 6);
}

static void
user_client(struct client *c, const char *name, const char *role, long long org)
{
	char body[256];

	snprintf(body, sizeof(body), "{\"username\":\"%s\",\"role\":\"%s\",\"scope\":[%lld]}", name,
	    role, org);
	assert_int_equal(api_user_client(&A, c, body, name), 0);
}

static int
setup(void **state)
{
	(void)state;
	if (srv_start(&S, 1, NULL) || srv_restart_flag(&S, NULL, "--today", "2026-08-15"))
		return -1;
	client_init(&A, &S);
	api_admin(&A, ADMIN_PW);
	find_committees();
	find_members();
	user_client(&SA, "sec_a", "secretary", pc_a);
	user_client(&SB, "sec_b", "secretary", pc_b);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	client_release(&A);
	client_release(&SA);
	client_release(&SB);
	srv_stop(&S);
	return 0;
}

static long
post(struct client *c, const char *area, long long id, const char *verb, const char *body,
    json_t **j)
{
	char path[128];

	snprintf(path, sizeof(path), "/api/v1/%s/%lld/%s", area, id, verb);
	return api_call(c, "POST", path, body, j);
}

static long long
nominate_backbone(struct client *c, const char *name)
{
	json_t *j = NULL;
	char body[512];
	long long id;

	snprintf(body, sizeof(body), "{\"org_id\":%lld,\"year\":2026,\"kind\":\"backbone_to_member\","
	    "\"name\":\"%s\",\"subject\":\"语文\",\"title\":\"一级教师\",\"nominated_on\":\"2026-03-01\","
	    "\"reason\":\"区级骨干教师\"}", pc_a, name);
	assert_int_equal(api_call(c, "POST", "/api/v1/cultivation", body, &j), 201);
	assert_string_equal(str(j, "state"), "nominated");
	id = num(j, "id");
	json_decref(j);
	return id;
}

/* The year's count of outcome for ownership in the statistics. */
static long long
stat(const char *ownership, const char *outcome)
{
	json_t *j = NULL, *it;
	long long n = 0;
	size_t i;

	assert_int_equal(api_call(&A, "GET", "/api/v1/cultivation/stats?year=2026", NULL, &j), 200);
	json_array_foreach(json_object_get(j, "by_ownership"), i, it)
		if (!strcmp(str(it, "ownership"), ownership))
			n = num(it, outcome);
	json_decref(j);
	return n;
}

/* The first branch under org. */
static long long
branch_of(long long org)
{
	json_t *j = NULL, *it;
	long long id = 0;
	size_t i;

	assert_int_equal(api_call(&A, "GET", "/api/v1/orgs", NULL, &j), 200);
	json_array_foreach(json_object_get(j, "items"), i, it)
		if (!id && !strcmp(str(it, "kind"), "branch") && num(it, "parent_id") == org)
			id = num(it, "id");
	json_decref(j);
	assert_true(id > 0);
	return id;
}

static long long
total(const char *path)
{
	json_t *j = NULL;
	long long n;

	assert_int_equal(api_call(&A, "GET", path, NULL, &j), 200);
	n = num(j, "total");
	json_decref(j);
	return n;
}

static void
test_cultivation_nomination_to_outcome_moves_stats(void **state)
{
	json_t *j = NULL;
	char body[160], own[32];
	long long id, before;

	(void)state;
	id = nominate_backbone(&SA, "张晓燕");
	assert_int_equal(api_call(&A, "GET", "/api/v1/cultivation/stats?year=2026", NULL, NULL), 200);
	{
		char path[64];

		snprintf(path, sizeof(path), "/api/v1/cultivation/%lld", id);
		assert_int_equal(api_call(&SA, "GET", path, NULL, &j), 200);
		snprintf(own, sizeof(own), "%s", str(j, "ownership"));
		assert_string_equal(str(j, "name"), "张晓燕");
		assert_string_equal(str(j, "kind"), "backbone_to_member");
		assert_string_equal(str(j, "subject"), "语文");
		assert_int_equal(num(j, "year"), 2026);
		assert_true(!strcmp(own, "public") || !strcmp(own, "private"));
		json_decref(j);
	}
	before = stat(own, "joined_pipeline");
	assert_int_equal(post(&SA, "cultivation", id, "select",
	    "{\"selected\":true,\"score\":92,\"date\":\"2026-04-01\"}", &j), 200);
	assert_string_equal(str(j, "state"), "selected");
	assert_int_equal(num(j, "score"), 92);
	json_decref(j);
	snprintf(body, sizeof(body), "{\"member_ids\":[%lld,%lld]}", mem[0], mem[1]);
	{
		char path[64];

		snprintf(path, sizeof(path), "/api/v1/cultivation/%lld/contacts", id);
		assert_int_equal(api_call(&SA, "PUT", path, body, &j), 200);
		assert_int_equal(json_array_size(json_object_get(j, "contacts")), 2);
		json_decref(j);
	}
	snprintf(body, sizeof(body), "{\"outcome\":\"joined_pipeline\",\"date\":\"2026-06-20\","
	    "\"id_card\":\"500103199103041221\",\"org_id\":%lld}", branch_of(pc_a));
	assert_int_equal(post(&SA, "cultivation", id, "outcome", body, &j), 200);
	assert_string_equal(str(j, "state"), "developed");
	assert_string_equal(str(j, "outcome_on"), "2026-06-20");
	json_decref(j);
	assert_int_equal(stat(own, "joined_pipeline"), before + 1);
	/* Developed is final. */
	assert_int_equal(post(&SA, "cultivation", id, "select",
	    "{\"selected\":true,\"score\":92,\"date\":\"2026-04-01\"}", &j), 409);
	assert_string_equal(api_code(j), "invalid_transition");
	json_decref(j);
}

static void
test_cultivation_bad_input_names_field_changes_nothing(void **state)
{
	json_t *j = NULL;
	char body[512];
	long long id, n;

	(void)state;
	n = total("/api/v1/cultivation?per_page=1");
	snprintf(body, sizeof(body), "{\"org_id\":%lld,\"year\":2026,\"kind\":\"backbone_to_member\","
	    "\"member_id\":%lld,\"name\":\"李\",\"nominated_on\":\"2026-03-01\"}", pc_a, mem[0]);
	assert_int_equal(api_call(&A, "POST", "/api/v1/cultivation", body, &j), 422);
	assert_true(api_has_field(j, "member_id"));
	json_decref(j);
	snprintf(body, sizeof(body), "{\"org_id\":%lld,\"year\":2026,\"kind\":\"other\","
	    "\"name\":\"李\",\"nominated_on\":\"2026-13-01\"}", pc_a);
	assert_int_equal(api_call(&A, "POST", "/api/v1/cultivation", body, &j), 422);
	assert_true(api_has_field(j, "kind"));
	assert_true(api_has_field(j, "nominated_on"));
	json_decref(j);
	snprintf(body, sizeof(body), "{\"org_id\":%lld,\"year\":2026,\"kind\":\"backbone_to_member\","
	    "\"name\":\"李\",\"nominated_on\":\"2026-09-01\"}", pc_a);
	assert_int_equal(api_call(&A, "POST", "/api/v1/cultivation", body, &j), 422);
	assert_true(api_has_field(j, "nominated_on"));	/* after today */
	json_decref(j);
	assert_int_equal(total("/api/v1/cultivation?per_page=1"), n);

	id = nominate_backbone(&A, "王磊");
	/* Outcome before selection: 409 naming the state. */
	assert_int_equal(post(&A, "cultivation", id, "outcome",
	    "{\"outcome\":\"joined_pipeline\",\"date\":\"2026-06-20\"}", &j), 409);
	assert_string_equal(api_code(j), "invalid_transition");
	json_decref(j);
	assert_int_equal(post(&A, "cultivation", id, "select",
	    "{\"selected\":true,\"score\":101,\"date\":\"2026-04-01\"}", &j), 422);
	assert_true(api_has_field(j, "score"));
	json_decref(j);
	assert_int_equal(post(&A, "cultivation", id, "select",
	    "{\"selected\":true,\"score\":80,\"date\":\"2026-02-01\"}", &j), 422);
	assert_true(api_has_field(j, "date"));	/* before the nomination */
	json_decref(j);
	{
		char path[64];

		snprintf(path, sizeof(path), "/api/v1/cultivation/%lld", id);
		assert_int_equal(api_call(&A, "GET", path, NULL, &j), 200);
		assert_string_equal(str(j, "state"), "nominated");
		assert_true(json_is_null(json_object_get(j, "score")));
		json_decref(j);
		/* Three contacts: DEV step 5 allows 1–2. */
		snprintf(path, sizeof(path), "/api/v1/cultivation/%lld/contacts", id);
		snprintf(body, sizeof(body), "{\"member_ids\":[%lld,%lld,%lld]}", mem[0], mem[1],
		    mem[2]);
		assert_int_equal(api_call(&A, "PUT", path, body, &j), 422);
		assert_true(api_has_field(j, "member_ids"));
		json_decref(j);
	}
	assert_int_equal(post(&A, "cultivation", id, "select",
	    "{\"selected\":true,\"score\":80,\"date\":\"2026-04-01\"}", NULL), 200);
	assert_int_equal(post(&A, "cultivation", id, "outcome",
	    "{\"outcome\":\"became_backbone\",\"date\":\"2026-06-20\",\"title\":\"区骨干\"}", &j), 422);
	assert_true(api_has_field(j, "outcome"));
	json_decref(j);
	assert_int_equal(post(&A, "cultivation", id, "outcome",
	    "{\"outcome\":\"joined_pipeline\",\"date\":\"2026-12-20\"}", &j), 422);
	assert_true(api_has_field(j, "date"));
	json_decref(j);
	assert_int_equal(api_call(&A, "GET", "/api/v1/cultivation/stats?year=26", NULL, &j), 422);
	assert_true(api_has_field(j, "year"));
	json_decref(j);
}

static void
test_cultivation_other_school_is_not_found(void **state)
{
	json_t *j = NULL;
	char path[64], body[256];
	long long id;

	(void)state;
	id = nominate_backbone(&SA, "赵敏");
	snprintf(path, sizeof(path), "/api/v1/cultivation/%lld", id);
	assert_int_equal(api_call(&SB, "GET", path, NULL, &j), 404);
	json_decref(j);
	assert_int_equal(post(&SB, "cultivation", id, "select",
	    "{\"selected\":true,\"score\":80,\"date\":\"2026-04-01\"}", &j), 404);
	json_decref(j);
	snprintf(body, sizeof(body), "{\"org_id\":%lld,\"year\":2026,\"kind\":\"backbone_to_member\","
	    "\"name\":\"钱\",\"nominated_on\":\"2026-03-01\"}", pc_a);
	assert_int_equal(api_call(&SB, "POST", "/api/v1/cultivation", body, &j), 422);
	assert_true(api_has_field(j, "org_id"));
	json_decref(j);
	assert_int_equal(api_call(&SA, "GET", path, NULL, &j), 200);
	assert_string_equal(str(j, "state"), "nominated");
	json_decref(j);
}

static int
member_flag(long long id, const char *flag)
{
	json_t *j = NULL;
	char path[64];
	int v;

	snprintf(path, sizeof(path), "/api/v1/members/%lld", id);
	assert_int_equal(api_call(&A, "GET", path, NULL, &j), 200);
	v = json_is_true(json_object_get(j, flag));
	json_decref(j);
	return v;
}

static void
test_cultivation_backbone_flag_follows_register(void **state)
{
	json_t *j = NULL;
	char body[512], path[64];
	long long id, m = mem[3];

	(void)state;
	snprintf(path, sizeof(path), "/api/v1/members/%lld", m);
	/* The member API no longer writes the flag. */
	assert_int_equal(api_call(&A, "PATCH", path, "{\"backbone\":true}", &j), 422);
	assert_true(api_has_field(j, "backbone"));
	json_decref(j);
	assert_false(member_flag(m, "backbone"));
	snprintf(body, sizeof(body), "{\"org_id\":%lld,\"year\":2026,\"kind\":\"member_to_backbone\","
	    "\"member_id\":%lld,\"nominated_on\":\"2026-03-01\"}", pc_a, m);
	assert_int_equal(api_call(&SA, "POST", "/api/v1/cultivation", body, &j), 201);
	id = num(j, "id");
	json_decref(j);
	assert_int_equal(post(&SA, "cultivation", id, "select",
	    "{\"selected\":true,\"score\":85,\"date\":\"2026-03-20\"}", NULL), 200);
	/* Missing title: refused, flag unchanged. */
	assert_int_equal(post(&SA, "cultivation", id, "outcome",
	    "{\"outcome\":\"became_backbone\",\"date\":\"2026-07-01\"}", &j), 422);
	assert_true(api_has_field(j, "title"));
	json_decref(j);
	assert_false(member_flag(m, "backbone"));
	assert_int_equal(post(&SA, "cultivation", id, "outcome",
	    "{\"outcome\":\"became_backbone\",\"date\":\"2026-07-01\",\"title\":\"区级骨干教师\"}",
	    NULL), 200);
	assert_true(member_flag(m, "backbone"));
	assert_int_equal(api_call(&A, "PATCH", path, "{\"backbone\":false}", &j), 422);
	assert_true(api_has_field(j, "backbone"));
	json_decref(j);
	assert_true(member_flag(m, "backbone"));
	/* Sending the unchanged value is harmless. */
	assert_int_equal(api_call(&A, "PATCH", path, "{\"backbone\":true}", NULL), 200);
	/* A backbone cannot be nominated again for the same register. */
	assert_int_equal(api_call(&SA, "POST", "/api/v1/cultivation", body, &j), 422);
	assert_true(api_has_field(j, "member_id"));
	json_decref(j);
}

static long long
new_leader(struct client *c, long long member, const char *prestige)
{
	json_t *j = NULL;
	char body[1024];
	long long id;

	snprintf(body, sizeof(body), "{\"member_id\":%lld,\"position\":\"secretary\","
	    "\"party_work\":\"主持党委工作\",\"subject_titles\":\"区语文学科带头人\","
	    "\"backbone_level\":\"市级骨干教师\",\"awards\":\"区优秀教师\","
	    "\"evidence_party\":\"考察材料\",\"evidence_education\":\"教学成果\","
	    "\"evidence_management\":\"管理述职\",\"evidence_prestige\":\"%s\","
	    "\"evidence_ideology\":\"思政课记录\"}", member, prestige);
	assert_int_equal(api_call(c, "POST", "/api/v1/leaders", body, &j), 201);
	id = num(j, "id");
	json_decref(j);
	return id;
}

static void
test_leaders_recognise_and_revoke_keep_the_flag(void **state)
{
	json_t *j = NULL;
	char path[64];
	long long id, m = mem[4];

	(void)state;
	id = new_leader(&SA, m, "");
	/* CUL-02: the prestige criterion lacks evidence. */
	assert_int_equal(post(&SA, "leaders", id, "recognise",
	    "{\"level\":\"district\",\"date\":\"2026-05-01\"}", &j), 422);
	assert_true(api_has_field(j, "evidence_prestige"));
	assert_false(api_has_field(j, "evidence_party"));
	json_decref(j);
	assert_false(member_flag(m, "dual_leader"));
	snprintf(path, sizeof(path), "/api/v1/leaders/%lld", id);
	assert_int_equal(api_call(&SA, "PATCH", path, "{\"evidence_prestige\":\"民主测评优秀\"}", &j),
	    200);
	assert_int_equal(num(j, "criteria_met"), 5);
	assert_string_equal(str(j, "position"), "secretary");
	assert_string_equal(str(j, "backbone_level"), "市级骨干教师");
	assert_string_equal(str(j, "evidence_prestige"), "民主测评优秀");
	assert_string_equal(str(j, "evidence_party"), "考察材料");
	assert_int_equal(num(j, "member_id"), m);
	assert_true(strlen(str(j, "name")) > 0 && strlen(str(j, "school_name")) > 0);
	json_decref(j);
	assert_int_equal(post(&SA, "leaders", id, "recognise",
	    "{\"level\":\"municipal\",\"date\":\"2026-05-01\"}", &j), 200);
	assert_true(json_is_true(json_object_get(j, "dual_leader")));
	json_decref(j);
	assert_true(member_flag(m, "dual_leader"));
	/* Recognised leaders keep their evidence. */
	assert_int_equal(api_call(&SA, "PATCH", path, "{\"evidence_party\":\" \"}", &j), 422);
	assert_true(api_has_field(j, "evidence_party"));
	json_decref(j);
	assert_int_equal(post(&SA, "leaders", id, "recognise",
	    "{\"level\":\"district\",\"date\":\"2026-05-01\"}", &j), 409);
	assert_string_equal(api_code(j), "invalid_transition");
	json_decref(j);
	snprintf(path, sizeof(path), "/api/v1/members/%lld", m);
	assert_int_equal(api_call(&A, "PATCH", path, "{\"dual_leader\":false}", &j), 422);
	assert_true(api_has_field(j, "dual_leader"));
	json_decref(j);
	assert_true(member_flag(m, "dual_leader"));
	assert_int_equal(post(&SA, "leaders", id, "revoke", "{\"date\":\"2026-08-01\"}",
	    &j), 422);
	assert_true(api_has_field(j, "reason"));
	json_decref(j);
	assert_true(member_flag(m, "dual_leader"));
	assert_int_equal(post(&SA, "leaders", id, "revoke",
	    "{\"date\":\"2026-08-01\",\"reason\":\"调离\"}", NULL), 200);
	assert_false(member_flag(m, "dual_leader"));
	/* One record per member. */
	{
		char body[128];

		snprintf(body, sizeof(body), "{\"member_id\":%lld,\"position\":\"deputy\"}", m);
		assert_int_equal(api_call(&SA, "POST", "/api/v1/leaders", body, &j), 409);
		json_decref(j);
	}
}

static void
test_leaders_scope_and_district_view(void **state)
{
	json_t *j = NULL, *it;
	char path[64];
	long long id;
	size_t i;
	int seen = 0;

	(void)state;
	id = new_leader(&A, mem[5], "群众评价好");
	snprintf(path, sizeof(path), "/api/v1/leaders/%lld", id);
	assert_int_equal(api_call(&SB, "GET", path, NULL, &j), 404);
	json_decref(j);
	assert_int_equal(post(&SB, "leaders", id, "recognise",
	    "{\"level\":\"district\",\"date\":\"2026-05-01\"}", &j), 404);
	json_decref(j);
	assert_false(member_flag(mem[5], "dual_leader"));
	assert_int_equal(post(&A, "leaders", id, "recognise",
	    "{\"level\":\"district\",\"date\":\"2026-05-01\"}", NULL), 200);
	assert_int_equal(api_call(&A, "GET", "/api/v1/leaders/schools", NULL, &j), 200);
	json_array_foreach(json_object_get(j, "items"), i, it)
		seen += num(it, "secretary_dual_leaders") > 0;
	json_decref(j);
	assert_true(seen >= 1);
	assert_int_equal(api_call(&SB, "GET", "/api/v1/leaders/schools", NULL, &j), 200);
	assert_int_equal(json_array_size(json_object_get(j, "items")), 1);
	json_decref(j);
}

/* The seed's figures come out of the demo data: 15 members developed in
 * public schools in 2023; 7 studios, 16 members, 40+ seminars. */
static void
test_demo_figures_come_from_the_data(void **state)
{
	json_t *j = NULL, *it, *t;
	long long pub = -1;
	size_t i;

	(void)state;
	assert_int_equal(api_call(&A, "GET", "/api/v1/cultivation/stats?year=2023", NULL, &j), 200);
	json_array_foreach(json_object_get(j, "by_ownership"), i, it)
		if (!strcmp(str(it, "ownership"), "public"))
			pub = num(it, "joined_pipeline");
	json_decref(j);
	assert_int_equal(pub, 15);
	assert_int_equal(api_call(&A, "GET", "/api/v1/studios", NULL, &j), 200);
	t = json_object_get(j, "totals");
	assert_int_equal(num(t, "studios"), 7);
	assert_int_equal(num(t, "members"), 16);
	assert_true(num(t, "seminars") >= 40);
	json_decref(j);
}

static long long
tier_id(const char *name)
{
	json_t *j = NULL, *it;
	long long id = 0;
	size_t i;

	assert_int_equal(api_call(&A, "GET", "/api/v1/programmes/tiers", NULL, &j), 200);
	json_array_foreach(json_object_get(j, "items"), i, it)
		if (!strcmp(str(it, "name"), name))
			id = num(it, "id");
	json_decref(j);
	return id;
}

/* mem's hours in 2026 and whether the list of those below the minimum
 * holds them; -1 when not a trainee. */
static long long
hours_of(long long m, int *below)
{
	json_t *j = NULL, *it;
	long long h = -1;
	size_t i;

	assert_int_equal(api_call(&A, "GET", "/api/v1/programmes/hours?year=2026", NULL, &j), 200);
	assert_int_equal(num(j, "minimum"), 40);
	json_array_foreach(json_object_get(j, "items"), i, it)
		if (num(it, "member_id") == m)
			h = num(it, "hours");
	json_decref(j);
	*below = 0;
	assert_int_equal(api_call(&A, "GET", "/api/v1/programmes/hours?year=2026&below=1", NULL,
	    &j), 200);
	json_array_foreach(json_object_get(j, "items"), i, it)
		if (num(it, "member_id") == m) {
			*below = 1;
			assert_int_equal(num(it, "short_by"), 40 - h);
		}
	json_decref(j);
	return h;
}

static void
test_programme_attendance_raises_hours(void **state)
{
	json_t *j = NULL, *ss;
	char body[512], path[96], cert[128];
	long long pid, sid, eid, m = mem[0];
	int below;

	(void)state;
	snprintf(body, sizeof(body), "{\"tier_id\":%lld,\"name\":\"领航研修\",\"year\":2026,"
	    "\"required_hours\":8,\"starts_on\":\"2026-03-01\",\"ends_on\":\"2026-11-30\"}",
	    tier_id("领航"));
	assert_int_equal(api_call(&SA, "POST", "/api/v1/programmes", body, &j), 403);
	json_decref(j);
	assert_int_equal(api_call(&A, "POST", "/api/v1/programmes", body, &j), 201);
	pid = num(j, "id");
	assert_string_equal(str(j, "tier"), "领航");
	assert_string_equal(str(j, "name"), "领航研修");
	assert_int_equal(num(j, "required_hours"), 8);
	assert_string_equal(str(j, "ends_on"), "2026-11-30");
	json_decref(j);
	/* A session outside the programme's dates; a study trip without module. */
	snprintf(path, sizeof(path), "/api/v1/programmes/%lld/sessions", pid);
	assert_int_equal(api_call(&A, "POST", path, "{\"title\":\"研讨\",\"form\":\"seminar\","
	    "\"held_on\":\"2026-12-10\",\"hours\":8}", &j), 422);
	assert_true(api_has_field(j, "held_on"));
	json_decref(j);
	assert_int_equal(api_call(&A, "POST", path, "{\"title\":\"研学\",\"form\":\"study_trip\","
	    "\"held_on\":\"2026-05-10\",\"hours\":8}", &j), 422);
	assert_true(api_has_field(j, "module"));
	json_decref(j);
	assert_int_equal(api_call(&A, "POST", path, "{\"title\":\"研学\",\"form\":\"study_trip\","
	    "\"module\":\"模块一\",\"held_on\":\"2026-05-10\",\"hours\":0}", &j), 422);
	assert_true(api_has_field(j, "hours"));
	json_decref(j);
	assert_int_equal(api_call(&A, "POST", path, "{\"title\":\"研学\",\"form\":\"study_trip\","
	    "\"module\":\"模块一\",\"held_on\":\"2026-05-10\",\"hours\":8}", &j), 201);
	ss = json_object_get(j, "sessions");
	assert_int_equal(json_array_size(ss), 1);
	sid = num(json_array_get(ss, 0), "id");
	json_decref(j);
	/* Enrol: another school's secretary cannot; one's own can, once. */
	snprintf(path, sizeof(path), "/api/v1/programmes/%lld/enrolments", pid);
	snprintf(body, sizeof(body), "{\"member_id\":%lld}", m);
	assert_int_equal(api_call(&SB, "POST", path, body, &j), 422);
	assert_true(api_has_field(j, "member_id"));
	json_decref(j);
	assert_int_equal(api_call(&SA, "POST", path, body, NULL), 201);
	assert_int_equal(api_call(&SA, "POST", path, body, &j), 409);
	json_decref(j);
	assert_int_equal(hours_of(m, &below), 0);
	assert_true(below);
	/* No certificate before the required hours are met. */
	snprintf(path, sizeof(path), "/api/v1/programmes/%lld", pid);
	assert_int_equal(api_call(&A, "GET", path, NULL, &j), 200);
	eid = num(json_array_get(json_object_get(j, "enrolments"), 0), "id");
	json_decref(j);
	snprintf(cert, sizeof(cert), "/api/v1/programmes/enrolments/%lld/certificate.pdf", eid);
	assert_int_equal(api_call(&SA, "GET", cert, NULL, &j), 409);
	assert_string_equal(api_code(j), "not_completed");
	json_decref(j);
	/* Attendance of someone not enrolled: refused whole, nothing credited. */
	snprintf(path, sizeof(path), "/api/v1/programmes/sessions/%lld/attendance", sid);
	snprintf(body, sizeof(body), "{\"member_ids\":[%lld,%lld]}", m, mem[1]);
	assert_int_equal(api_call(&SA, "POST", path, body, &j), 422);
	assert_true(api_has_field(j, "member_ids"));
	json_decref(j);
	assert_int_equal(hours_of(m, &below), 0);
	snprintf(body, sizeof(body), "{\"member_ids\":[%lld]}", m);
	assert_int_equal(api_call(&SB, "POST", path, body, &j), 422);
	json_decref(j);
	assert_int_equal(api_call(&SA, "POST", path, body, NULL), 200);
	assert_int_equal(api_call(&SA, "POST", path, body, NULL), 200);	/* once only */
	assert_int_equal(hours_of(m, &below), 8);
	assert_true(below);
	/* The enrolment is complete (8 of 8 hours) and other schools don't see it. */
	snprintf(path, sizeof(path), "/api/v1/programmes/%lld", pid);
	assert_int_equal(api_call(&SA, "GET", path, NULL, &j), 200);
	assert_int_equal(json_array_size(json_object_get(j, "enrolments")), 1);
	assert_true(json_is_true(json_object_get(json_array_get(json_object_get(j, "enrolments"), 0),
	    "completed")));
	json_decref(j);
	assert_int_equal(api_call(&SB, "GET", path, NULL, &j), 200);
	assert_int_equal(json_array_size(json_object_get(j, "enrolments")), 0);
	json_decref(j);
	assert_int_equal(api_call(&A, "GET", "/api/v1/programmes/hours.xlsx?year=2026", NULL, NULL),
	    200);
	assert_int_equal(api_call(&SB, "GET", cert, NULL, &j), 404);
	json_decref(j);
	{
		char headers[2048] = "";

		assert_int_equal(api_call_h(&SA, "GET", cert, NULL, NULL, headers, sizeof(headers)),
		    200);
		assert_non_null(strstr(headers, "application/pdf"));
	}
	assert_int_equal(api_call(&A, "GET", "/api/v1/programmes/hours?year=20x6", NULL, &j), 422);
	assert_true(api_has_field(j, "year"));
	json_decref(j);
}

static void
test_programme_tiers_district_adds(void **state)
{
	json_t *j = NULL;

	(void)state;
	assert_true(tier_id("奋飞") > 0 && tier_id("群鹰") > 0);
	assert_int_equal(api_call(&SA, "POST", "/api/v1/programmes/tiers", "{\"name\":\"雏鹰\"}", &j),
	    403);
	json_decref(j);
	assert_int_equal(api_call(&A, "POST", "/api/v1/programmes/tiers", "{\"name\":\"雏鹰\"}", NULL),
	    200);
	assert_true(tier_id("雏鹰") > 0);
	assert_int_equal(api_call(&A, "POST", "/api/v1/programmes/tiers", "{\"name\":\"雏鹰\"}", &j),
	    409);
	json_decref(j);
	assert_int_equal(api_call(&A, "POST", "/api/v1/programmes/tiers", "{\"name\":\"\"}", &j), 422);
	assert_true(api_has_field(j, "name"));
	json_decref(j);
}

/* The district totals of studios as admin reads them. */
static void
studio_totals(long long *members, long long *seminars)
{
	json_t *j = NULL, *t;

	assert_int_equal(api_call(&A, "GET", "/api/v1/studios", NULL, &j), 200);
	t = json_object_get(j, "totals");
	*members = num(t, "members");
	*seminars = num(t, "seminars");
	json_decref(j);
}

static void
test_studios_members_activities_and_stats(void **state)
{
	json_t *j = NULL, *ms;
	char body[512], path[96];
	long long sid, smid, m0, s0, m1, s1;

	(void)state;
	studio_totals(&m0, &s0);
	snprintf(body, sizeof(body), "{\"org_id\":%lld,\"name\":\"测试名师工作室\",\"kind\":\"painter\","
	    "\"host_name\":\"张三\",\"level\":\"district\",\"founded_on\":\"2025-09-01\"}", pc_a);
	assert_int_equal(api_call(&SA, "POST", "/api/v1/studios", body, &j), 422);
	assert_true(api_has_field(j, "kind"));
	json_decref(j);
	snprintf(body, sizeof(body), "{\"org_id\":%lld,\"name\":\"测试名师工作室\",\"kind\":\"teacher\","
	    "\"host_name\":\"张三\",\"level\":\"district\",\"focus\":\"阅读教学\","
	    "\"founded_on\":\"2025-09-01\"}", pc_a);
	assert_int_equal(api_call(&SB, "POST", "/api/v1/studios", body, &j), 422);
	assert_true(api_has_field(j, "org_id"));
	json_decref(j);
	assert_int_equal(api_call(&SA, "POST", "/api/v1/studios", body, &j), 201);
	sid = num(j, "id");
	assert_string_equal(str(j, "name"), "测试名师工作室");
	assert_string_equal(str(j, "kind"), "teacher");
	assert_string_equal(str(j, "focus"), "阅读教学");
	assert_string_equal(str(j, "founded_on"), "2025-09-01");
	json_decref(j);
	assert_int_equal(api_call(&SA, "POST", "/api/v1/studios", body, &j), 409);
	json_decref(j);
	snprintf(path, sizeof(path), "/api/v1/studios/%lld", sid);
	assert_int_equal(api_call(&SB, "GET", path, NULL, &j), 404);
	json_decref(j);
	snprintf(path, sizeof(path), "/api/v1/studios/%lld/members", sid);
	assert_int_equal(api_call(&SA, "POST", path, "{\"name\":\"李四\",\"unit\":\"区实验小学\","
	    "\"joined_on\":\"2025-10-01\"}", &j), 201);
	ms = json_object_get(j, "members");
	smid = num(json_array_get(ms, 0), "id");
	assert_int_equal(num(j, "member_count"), 1);
	json_decref(j);
	snprintf(path, sizeof(path), "/api/v1/studios/%lld/activities", sid);
	assert_int_equal(api_call(&SA, "POST", path, "{\"kind\":\"seminar\",\"title\":\"专题研讨\","
	    "\"held_on\":\"2026-09-01\"}", &j), 422);
	assert_true(api_has_field(j, "held_on"));	/* after today */
	json_decref(j);
	assert_int_equal(api_call(&SA, "POST", path, "{\"kind\":\"seminar\",\"title\":\"专题研讨\","
	    "\"held_on\":\"2026-05-01\",\"participants\":12}", NULL), 201);
	snprintf(path, sizeof(path), "/api/v1/studios/%lld/outputs", sid);
	assert_int_equal(api_call(&SA, "POST", path, "{\"kind\":\"paper\",\"title\":\"论文\","
	    "\"made_on\":\"2026-05-01\",\"level\":\"市级\"}", &j), 201);
	assert_int_equal(num(j, "output_count"), 1);
	json_decref(j);
	studio_totals(&m1, &s1);
	assert_int_equal(m1, m0 + 1);
	assert_int_equal(s1, s0 + 1);
	snprintf(path, sizeof(path), "/api/v1/studios/members/%lld/leave", smid);
	assert_int_equal(api_call(&SB, "POST", path, "{\"left_on\":\"2026-06-01\"}", &j), 404);
	json_decref(j);
	assert_int_equal(api_call(&SA, "POST", path, "{\"left_on\":\"2025-06-01\"}", &j), 422);
	assert_true(api_has_field(j, "left_on"));	/* before joining */
	json_decref(j);
	assert_int_equal(api_call(&SA, "POST", path, "{\"left_on\":\"2026-06-01\"}", NULL), 200);
	assert_int_equal(api_call(&SA, "POST", path, "{\"left_on\":\"2026-06-01\"}", &j), 409);
	json_decref(j);
	studio_totals(&m1, &s1);
	assert_int_equal(m1, m0);
}

/* Whether the alert centre lists a training_below_min alert for m (as c
 * sees it under org); *total gets the kind's total there. */
static int
training_alert(struct client *c, long long org, long long m, long long *n)
{
	json_t *j = NULL, *it;
	char path[160];
	int found = 0;
	size_t i;

	snprintf(path, sizeof(path), "/api/v1/alerts?kind=training_below_min&org_id=%lld"
	    "&per_page=100", org);
	assert_int_equal(api_call(c, "GET", path, NULL, &j), 200);
	*n = num(j, "total");
	json_array_foreach(json_object_get(j, "items"), i, it)
		if (num(it, "member_id") == m) {
			found = 1;
			assert_string_equal(str(it, "rule"), "CUL-03");
			assert_string_equal(str(it, "severity"), "warning");
			assert_non_null(strstr(str(it, "message"), "还差32学时"));
		}
	json_decref(j);
	return found;
}

/* Serves the same database as of today with env, logging everyone in again. */
static void
restart(const char *env, const char *today)
{
	assert_int_equal(srv_restart_flag(&S, env, "--today", today), 0);
	api_admin(&A, ADMIN_PW);
	assert_int_equal(api_login(&SA, "sec_a", "New#Pass2026x"), 200);
	assert_int_equal(api_login(&SB, "sec_b", "New#Pass2026x"), 200);
}

/* CUL-03 in the alert centre: only in the last quarter, for trainees of
 * the year below the minimum, in scope. mem[0] has 8 hours (above). */
static void
test_training_below_minimum_alert_in_last_quarter(void **state)
{
	long long n;

	(void)state;
	assert_int_equal(training_alert(&A, pc_a, mem[0], &n), 0);
	assert_int_equal(n, 0);	/* August: not yet */
	restart(NULL, "2026-10-01");
	assert_int_equal(training_alert(&A, pc_a, mem[0], &n), 1);
	assert_int_equal(training_alert(&SA, pc_a, mem[0], &n), 1);
	assert_int_equal(training_alert(&SB, pc_b, mem[0], &n), 0);	/* another school's */
	{
		json_t *j = NULL;
		char path[128];

		snprintf(path, sizeof(path), "/api/v1/alerts?kind=training_below_min&org_id=%lld", pc_a);
		assert_int_equal(api_call(&SB, "GET", path, NULL, &j), 404);
		json_decref(j);
	}
	restart("HONGYAN_TRAINING_MIN_HOURS=8", "2026-10-01");
	assert_int_equal(training_alert(&A, pc_a, mem[0], &n), 0);	/* 8 of 8: met */
	restart(NULL, "2026-08-15");
}

static long
call_path(struct client *c, const char *method, const char *head, long long id,
    const char *tail, const char *body, json_t **j)
{
	char path[128];

	snprintf(path, sizeof(path), "%s%lld%s", head, id, tail);
	return api_call(c, method, path, body, j);
}

/* A studio, its member, activity and output edited; bad input named
 * with nothing changed; another school 404; the activity deleted; the
 * studio closed (its members leave, no more writes, not counted). */
static void
test_studios_edit_and_close(void **state)
{
	json_t *j = NULL;
	char body[512];
	long long sid, mid, aid, oid, m0, s0, m1, s1;

	(void)state;
	snprintf(body, sizeof(body), "{\"org_id\":%lld,\"name\":\"编辑测试工作室\",\"kind\":\"teacher\","
	    "\"host_name\":\"王五\",\"level\":\"district\",\"focus\":\"作文\","
	    "\"founded_on\":\"2025-09-01\"}", pc_a);
	assert_int_equal(api_call(&SA, "POST", "/api/v1/studios", body, &j), 201);
	sid = num(j, "id");
	json_decref(j);
	assert_int_equal(call_path(&SA, "POST", "/api/v1/studios/", sid, "/members",
	    "{\"name\":\"赵六\",\"joined_on\":\"2025-10-01\"}", &j), 201);
	mid = num(json_array_get(json_object_get(j, "members"), 0), "id");
	json_decref(j);
	assert_int_equal(call_path(&SA, "POST", "/api/v1/studios/", sid, "/activities",
	    "{\"kind\":\"seminar\",\"title\":\"研讨一\",\"held_on\":\"2026-03-01\"}", &j), 201);
	aid = num(json_array_get(json_object_get(j, "activities"), 0), "id");
	json_decref(j);
	assert_int_equal(call_path(&SA, "POST", "/api/v1/studios/", sid, "/outputs",
	    "{\"kind\":\"paper\",\"title\":\"论文一\",\"made_on\":\"2026-03-01\"}", &j), 201);
	oid = num(json_array_get(json_object_get(j, "outputs"), 0), "id");
	json_decref(j);
	studio_totals(&m0, &s0);

	/* Edit the studio: a bad level and a future founding are named, nothing changes. */
	snprintf(body, sizeof(body), "{\"org_id\":%lld,\"name\":\"编辑后工作室\",\"kind\":\"teacher\","
	    "\"host_name\":\"王五\",\"level\":\"galactic\",\"founded_on\":\"2027-01-01\"}", pc_a);
	assert_int_equal(call_path(&SA, "PUT", "/api/v1/studios/", sid, "", body, &j), 422);
	assert_true(api_has_field(j, "level"));
	json_decref(j);
	snprintf(body, sizeof(body), "{\"org_id\":%lld,\"name\":\"编辑后工作室\",\"kind\":\"teacher\","
	    "\"host_name\":\"王五\",\"level\":\"municipal\",\"founded_on\":\"2027-01-01\"}", pc_a);
	assert_int_equal(call_path(&SA, "PUT", "/api/v1/studios/", sid, "", body, &j), 422);
	assert_true(api_has_field(j, "founded_on"));
	json_decref(j);
	assert_int_equal(call_path(&SA, "GET", "/api/v1/studios/", sid, "", NULL, &j), 200);
	assert_string_equal(str(j, "name"), "编辑测试工作室");
	assert_string_equal(str(j, "focus"), "作文");
	json_decref(j);
	snprintf(body, sizeof(body), "{\"org_id\":%lld,\"name\":\"编辑后工作室\",\"kind\":\"teacher\","
	    "\"host_name\":\"王五\",\"level\":\"municipal\",\"founded_on\":\"2025-09-01\"}", pc_a);
	assert_int_equal(call_path(&SB, "PUT", "/api/v1/studios/", sid, "", body, &j), 404);
	json_decref(j);
	assert_int_equal(call_path(&SA, "PUT", "/api/v1/studios/", sid, "", body, &j), 200);
	assert_string_equal(str(j, "name"), "编辑后工作室");
	assert_string_equal(str(j, "level"), "municipal");
	assert_string_equal(str(j, "focus"), "");	/* left out: cleared */
	json_decref(j);

	/* Member, activity, output. */
	assert_int_equal(call_path(&SA, "PUT", "/api/v1/studios/members/", mid, "",
	    "{\"name\":\"赵六\",\"unit\":\"区二小\",\"joined_on\":\"2027-01-01\"}", &j), 422);
	assert_true(api_has_field(j, "joined_on"));
	json_decref(j);
	assert_int_equal(call_path(&SB, "PUT", "/api/v1/studios/members/", mid, "",
	    "{\"name\":\"赵六\",\"unit\":\"区二小\",\"joined_on\":\"2025-11-01\"}", &j), 404);
	json_decref(j);
	assert_int_equal(call_path(&SA, "PUT", "/api/v1/studios/members/", mid, "",
	    "{\"name\":\"赵六\",\"unit\":\"区二小\",\"joined_on\":\"2025-11-01\"}", &j), 200);
	assert_string_equal(str(json_array_get(json_object_get(j, "members"), 0), "unit"), "区二小");
	json_decref(j);
	assert_int_equal(call_path(&SA, "PUT", "/api/v1/studios/activities/", aid, "",
	    "{\"kind\":\"party\",\"title\":\"研讨一\",\"held_on\":\"2026-03-01\"}", &j), 422);
	assert_true(api_has_field(j, "kind"));
	json_decref(j);
	assert_int_equal(call_path(&SA, "PUT", "/api/v1/studios/activities/", aid, "",
	    "{\"kind\":\"lesson\",\"title\":\"示范课\",\"held_on\":\"2026-03-02\","
	    "\"participants\":30}", &j), 200);
	assert_string_equal(str(json_array_get(json_object_get(j, "activities"), 0), "kind"),
	    "lesson");
	json_decref(j);
	studio_totals(&m1, &s1);
	assert_int_equal(s1, s0 - 1);	/* no longer a seminar */
	assert_int_equal(call_path(&SA, "PUT", "/api/v1/studios/outputs/", oid, "",
	    "{\"kind\":\"award\",\"title\":\"一等奖\",\"made_on\":\"2026-03-05\",\"level\":\"市级\"}",
	    &j), 200);
	assert_string_equal(str(json_array_get(json_object_get(j, "outputs"), 0), "kind"), "award");
	json_decref(j);
	assert_int_equal(call_path(&SB, "DELETE", "/api/v1/studios/activities/", aid, "", NULL,
	    &j), 404);
	json_decref(j);
	assert_int_equal(call_path(&SA, "DELETE", "/api/v1/studios/activities/", aid, "", NULL,
	    &j), 200);
	assert_int_equal(json_array_size(json_object_get(j, "activities")), 0);
	json_decref(j);
	assert_int_equal(call_path(&SA, "DELETE", "/api/v1/studios/activities/", aid, "", NULL,
	    &j), 404);
	json_decref(j);

	/* Close: before founding → 422; then closed, its member leaves, writes 409. */
	assert_int_equal(call_path(&SA, "POST", "/api/v1/studios/", sid, "/close",
	    "{\"closed_on\":\"2025-01-01\"}", &j), 422);
	assert_true(api_has_field(j, "closed_on"));
	json_decref(j);
	assert_int_equal(call_path(&SA, "POST", "/api/v1/studios/", sid, "/close",
	    "{\"closed_on\":\"2026-07-31\"}", &j), 200);
	assert_string_equal(str(j, "closed_on"), "2026-07-31");
	assert_string_equal(str(json_array_get(json_object_get(j, "members"), 0), "left_on"),
	    "2026-07-31");
	assert_int_equal(num(j, "member_count"), 0);
	json_decref(j);
	studio_totals(&m1, &s1);
	assert_int_equal(m1, m0 - 1);
	assert_int_equal(call_path(&SA, "POST", "/api/v1/studios/", sid, "/close",
	    "{\"closed_on\":\"2026-07-31\"}", &j), 409);
	assert_string_equal(api_code(j), "studio_closed");
	json_decref(j);
	assert_int_equal(call_path(&SA, "POST", "/api/v1/studios/", sid, "/outputs",
	    "{\"kind\":\"paper\",\"title\":\"论文二\",\"made_on\":\"2026-03-01\"}", &j), 409);
	json_decref(j);
	/* Reopen: not another school's; then open again, writable, its member
	 * still left (re-added if they come back); a second reopen 409. */
	assert_int_equal(call_path(&SB, "POST", "/api/v1/studios/", sid, "/reopen", NULL, NULL),
	    404);
	assert_int_equal(call_path(&SA, "POST", "/api/v1/studios/", sid, "/reopen", NULL, &j), 200);
	assert_true(json_is_null(json_object_get(j, "closed_on")));
	assert_int_equal(num(j, "member_count"), 0);
	json_decref(j);
	assert_int_equal(call_path(&SA, "POST", "/api/v1/studios/", sid, "/reopen", NULL, &j), 409);
	assert_string_equal(api_code(j), "invalid_transition");
	json_decref(j);
	assert_int_equal(call_path(&SA, "POST", "/api/v1/studios/", sid, "/outputs",
	    "{\"kind\":\"paper\",\"title\":\"论文二\",\"made_on\":\"2026-03-01\"}", NULL), 201);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_demo_figures_come_from_the_data),
		cmocka_unit_test(test_cultivation_nomination_to_outcome_moves_stats),
		cmocka_unit_test(test_cultivation_bad_input_names_field_changes_nothing),
		cmocka_unit_test(test_cultivation_other_school_is_not_found),
		cmocka_unit_test(test_cultivation_backbone_flag_follows_register),
		cmocka_unit_test(test_leaders_recognise_and_revoke_keep_the_flag),
		cmocka_unit_test(test_leaders_scope_and_district_view),
		cmocka_unit_test(test_programme_attendance_raises_hours),
		cmocka_unit_test(test_programme_tiers_district_adds),
		cmocka_unit_test(test_studios_members_activities_and_stats),
		cmocka_unit_test(test_studios_edit_and_close),
		cmocka_unit_test(test_training_below_minimum_alert_in_last_quarter),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}

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
	char body[128], own[32];
	long long id, before;

	(void)state;
	id = nominate_backbone(&SA, "张晓燕");
	assert_int_equal(api_call(&A, "GET", "/api/v1/cultivation/stats?year=2026", NULL, NULL), 200);
	{
		char path[64];

		snprintf(path, sizeof(path), "/api/v1/cultivation/%lld", id);
		assert_int_equal(api_call(&SA, "GET", path, NULL, &j), 200);
		snprintf(own, sizeof(own), "%s", str(j, "ownership"));
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
	assert_int_equal(post(&SA, "cultivation", id, "outcome",
	    "{\"outcome\":\"joined_pipeline\",\"date\":\"2026-06-20\"}", &j), 200);
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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cultivation_nomination_to_outcome_moves_stats),
		cmocka_unit_test(test_cultivation_bad_input_names_field_changes_nothing),
		cmocka_unit_test(test_cultivation_other_school_is_not_found),
		cmocka_unit_test(test_cultivation_backbone_flag_follows_register),
		cmocka_unit_test(test_leaders_recognise_and_revoke_keep_the_flag),
		cmocka_unit_test(test_leaders_scope_and_district_view),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}

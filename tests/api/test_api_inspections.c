/* test_api_inspections.c: inspection plans and inspections (issue 4):
 * plans and the inspector's scope (404 outside the assignment, for
 * inspections, plans and evidence), the state machine (every illegal step
 * refused with nothing changed), scores validated against the sheet,
 * revisions, the audit trail, the used flag of the indicator system,
 * findings issued from an inspection, evidence files and the report.
 * Evidence files are attachments since issue 19 (owner "inspection"): the
 * generic routes, the older download route the same bytes, deletion of a
 * draft's file, a revision's copies, foreign owners storing nothing. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <curl/curl.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api.h"
#include "db/db.h"

#define ADMIN_PW "Hongyan#Admin2026"

static struct srv S;
static struct client A;		/* admin */
static struct client D;		/* district staff */
static struct client I;		/* inspector assigned to school a */
static struct client I2;	/* inspector with no assignment */
static struct client SA;	/* secretary of school a */
static long long pc_a, pc_b, sys_q, plan_id, insp_i;

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

static json_t *
get(struct client *c, long want, const char *fmt, ...)
{
	char path[256];
	json_t *j = NULL;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(path, sizeof(path), fmt, ap);
	va_end(ap);
	assert_int_equal(api_call(c, "GET", path, NULL, &j), want);
	return j;
}

static long
call(struct client *c, const char *method, const char *body, json_t **j, const char *fmt, ...)
{
	char path[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(path, sizeof(path), fmt, ap);
	va_end(ap);
	return api_call(c, method, path, body, j);
}

static void
find_committees(void)
{
	json_t *j = get(&A, 200, "/api/v1/orgs"), *it;
	size_t i;

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
	j = get(&A, 200, "/api/v1/indicator-systems?kind=quarterly_inspection");
	sys_q = num(json_array_get(json_object_get(j, "items"), 0), "id");
	json_decref(j);
	assert_true(sys_q > 0);
}

static long long
user_id(struct client *c)
{
	json_t *j = get(c, 200, "/api/v1/session");
	long long id = num(json_object_get(j, "user"), "id");

	json_decref(j);
	return id;
}

static void
user_client(struct client *c, const char *name, const char *role, long long org)
{
	char body[256];

	if (org)
		snprintf(body, sizeof(body), "{\"username\":\"%s\",\"role\":\"%s\",\"scope\":[%lld]}",
		    name, role, org);
	else
		snprintf(body, sizeof(body), "{\"username\":\"%s\",\"role\":\"%s\"}", name, role);
	assert_int_equal(api_user_client(&A, c, body, name), 0);
}

/* The number of audit rows for entity id (with action when not NULL). */
static long long
audit_rows(const char *entity, long long id, const char *action)
{
	json_t *j = get(&A, 200, "/api/v1/audit?entity=%s&entity_id=%lld&per_page=100", entity,
	    id), *it;
	long long n = 0;
	size_t i;

	json_array_foreach(json_object_get(j, "items"), i, it)
		n += !action || !strcmp(str(it, "action"), action);
	json_decref(j);
	return n;
}

/* What the demo (demo_supervise.c) created before this file writes: its
 * plans, their audit rows and school a's current inspections. Counts
 * below are relative to them. */
static long long demo_plans, demo_plan_audits, demo_insp_a;

static void
read_demo_counts(void)
{
	json_t *j = get(&A, 200, "/api/v1/inspection-plans");

	demo_plans = num(j, "total");
	json_decref(j);
	j = get(&A, 200, "/api/v1/audit?entity=inspection_plan&per_page=100");
	demo_plan_audits = num(j, "total");
	json_decref(j);
	j = get(&A, 200, "/api/v1/inspections?current=1&org_id=%lld", pc_a);
	demo_insp_a = num(j, "total");
	json_decref(j);
}

static int
setup(void **state)
{
	char body[512];
	json_t *j = NULL;

	(void)state;
	if (srv_start(&S, 1, NULL) || srv_restart_flag(&S, NULL, "--today", "2026-08-15"))
		return -1;
	client_init(&A, &S);
	api_admin(&A, ADMIN_PW);
	find_committees();
	read_demo_counts();
	user_client(&D, "dist", "district", 0);
	user_client(&I, "insp_a", "inspector", pc_a);
	user_client(&I2, "insp_b", "inspector", pc_a);
	user_client(&SA, "sec_a", "secretary", pc_a);
	snprintf(body, sizeof(body), "{\"name\":\"2026年第三季度党建督查\",\"kind\":"
	    "\"quarterly_inspection\",\"system_id\":%lld,\"period_start\":\"2026-07-01\","
	    "\"period_end\":\"2026-09-30\",\"assignments\":[{\"org_id\":%lld,\"inspector_id\":%lld}]}",
	    sys_q, pc_a, user_id(&I));
	if (api_call(&D, "POST", "/api/v1/inspection-plans", body, &j) != 201)
		return -1;
	plan_id = num(j, "id");
	json_decref(j);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	client_release(&A);
	client_release(&D);
	client_release(&I);
	client_release(&I2);
	client_release(&SA);
	srv_stop(&S);
	return 0;
}

/* A new draft on school a under the plan, as the assigned inspector. */
static long long
new_inspection(void)
{
	char body[256];
	json_t *j = NULL;
	long long id;

	snprintf(body, sizeof(body), "{\"plan_id\":%lld,\"org_id\":%lld,\"inspected_on\":"
	    "\"2026-08-14\"}", plan_id, pc_a);
	assert_int_equal(api_call(&I, "POST", "/api/v1/inspections", body, &j), 201);
	assert_string_equal(str(j, "state"), "draft");
	assert_string_equal(str(j, "kind"), "quarterly_inspection");
	assert_int_equal(num(j, "revision"), 1);
	id = num(j, "id");
	json_decref(j);
	return id;
}

static long
put_scores(struct client *c, long long id, const char *scores, json_t **j)
{
	char body[1024];

	snprintf(body, sizeof(body), "{\"scores\":%s}", scores);
	return call(c, "PUT", body, j, "/api/v1/inspections/%lld/scores", id);
}

/* The inspection's state and total as the admin reads them. */
static void
is(long long id, const char *state, const char *total)
{
	json_t *j = get(&A, 200, "/api/v1/inspections/%lld", id);
	char t[32];

	assert_string_equal(str(j, "state"), state);
	snprintf(t, sizeof(t), "%.1f", json_number_value(json_object_get(j, "total")));
	assert_string_equal(t, total);
	json_decref(j);
}

/* got is the status of a call that filled *j (passed by address: the
 * arguments' order of evaluation is unspecified). */
static void
refused(long want, long got, json_t **j, const char *code)
{
	assert_int_equal(got, want);
	if (code)
		assert_string_equal(api_code(*j), code);
	json_decref(*j);
	*j = NULL;
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

/* The XML of the workbook's first sheet (caller frees), or NULL without unzip. */
static char *
sheet_xml(const char *file)
{
	char cmd[1000], xml[440], chunk[4096];
	struct grow g = { 0 };
	size_t k;
	FILE *f;

	if (system("command -v unzip >/dev/null 2>&1") != 0) {
		printf("note: unzip not found; report contents not checked\n");
		return NULL;
	}
	snprintf(xml, sizeof(xml), "%s.xml", file);
	snprintf(cmd, sizeof(cmd), "unzip -p '%s' xl/worksheets/sheet1.xml > '%s'", file, xml);
	assert_int_equal(system(cmd), 0);
	f = fopen(xml, "rb");
	while (f && (k = fread(chunk, 1, sizeof(chunk), f)) > 0)
		collect(chunk, 1, k, &g);
	if (f)
		fclose(f);
	return g.p;
}

static void
test_inspections_plan_validation_and_scope(void **state)
{
	json_t *j = NULL;
	char body[512];

	(void)state;
	/* Bad input: every bad field named, nothing created. */
	snprintf(body, sizeof(body), "{\"name\":\"\",\"kind\":\"quarterly_inspection\",\"system_id\":"
	    "%lld,\"period_start\":\"2026-09-30\",\"period_end\":\"2026-07-01\",\"assignments\":"
	    "[{\"org_id\":%lld,\"inspector_id\":%lld}]}", sys_q, pc_a, user_id(&SA));
	assert_int_equal(api_call(&D, "POST", "/api/v1/inspection-plans", body, &j), 422);
	assert_true(api_has_field(j, "name"));
	json_decref(j);
	snprintf(body, sizeof(body), "{\"name\":\"x\",\"kind\":\"clean_school\",\"system_id\":"
	    "%lld,\"period_start\":\"2026-09-30\",\"period_end\":\"2026-07-01\",\"assignments\":"
	    "[{\"org_id\":%lld,\"inspector_id\":%lld}]}", sys_q, pc_a, user_id(&SA));
	assert_int_equal(api_call(&D, "POST", "/api/v1/inspection-plans", body, &j), 422);
	assert_true(api_has_field(j, "system_id"));	/* a quarterly sheet for a clean-school plan */
	assert_true(api_has_field(j, "period_end"));
	assert_true(api_has_field(j, "assignments[0].inspector_id"));	/* a secretary */
	json_decref(j);
	snprintf(body, sizeof(body), "{\"name\":\"x\",\"kind\":\"quarterly_inspection\",\"system_id\":"
	    "%lld,\"period_start\":\"2026-07-01\",\"period_end\":\"2026-09-30\",\"assignments\":"
	    "[{\"org\":1}]}", sys_q);
	assert_int_equal(api_call(&D, "POST", "/api/v1/inspection-plans", body, &j), 422);
	assert_true(api_has_field(j, "assignments[0].org"));
	assert_true(api_has_field(j, "assignments[0].org_id"));
	json_decref(j);
	j = get(&D, 200, "/api/v1/inspection-plans");
	assert_int_equal(num(j, "total"), demo_plans + 1);
	json_decref(j);
	/* Inspectors plan nothing and see only their own plans. */
	assert_int_equal(api_call(&I, "POST", "/api/v1/inspection-plans", body, NULL), 403);
	j = get(&I, 200, "/api/v1/inspection-plans/%lld", plan_id);
	assert_int_equal(json_array_size(json_object_get(j, "assignments")), 1);
	json_decref(j);
	j = get(&I2, 200, "/api/v1/inspection-plans");
	assert_int_equal(num(j, "total"), 0);
	json_decref(j);
	json_decref(get(&I2, 404, "/api/v1/inspection-plans/%lld", plan_id));
	/* Evidence before an inspection exists: the assigned school only. */
	j = get(&I, 200, "/api/v1/inspection-evidence?org_id=%lld&year=2026&system_id=%lld", pc_a,
	    sys_q);
	assert_int_equal(json_array_size(json_object_get(j, "items")), 4);
	json_decref(j);
	json_decref(get(&I2, 404, "/api/v1/inspection-evidence?org_id=%lld", pc_a));
	json_decref(get(&I, 404, "/api/v1/inspection-evidence?org_id=%lld", pc_b));
	json_decref(get(&I, 422, "/api/v1/inspection-evidence?year=2026"));
	json_decref(get(&I, 422, "/api/v1/inspection-evidence?org_id=%lld&year=0999", pc_a));
	/* The plan's creation is audited; the refused ones left nothing. */
	assert_int_equal(audit_rows("inspection_plan", plan_id, "create"), 1);
	j = get(&A, 200, "/api/v1/audit?entity=inspection_plan&per_page=100");
	assert_int_equal(num(j, "total"), demo_plan_audits + 1);
	json_decref(j);
}

/* Issue 12: a plan assigns at least one organization to an inspector (an
 * empty plan is refused naming "assignments", nothing saved), and a row
 * missing its inspector or organization says so in words with its row. */
static void
test_inspections_plan_needs_an_assignment(void **state)
{
	json_t *j = NULL, *fields;
	char body[512];

	(void)state;
	j = get(&D, 200, "/api/v1/inspection-plans");
	long long before = num(j, "total");

	json_decref(j);
	snprintf(body, sizeof(body), "{\"name\":\"空计划\",\"kind\":\"quarterly_inspection\","
	    "\"system_id\":%lld,\"period_start\":\"2026-07-01\",\"period_end\":\"2026-09-30\","
	    "\"assignments\":[]}", sys_q);
	assert_int_equal(api_call(&D, "POST", "/api/v1/inspection-plans", body, &j), 422);
	assert_true(api_has_field(j, "assignments"));
	json_decref(j);
	/* Emptying an existing plan is refused the same way. */
	assert_int_equal(api_call(&D, "PUT", "/api/v1/inspection-plans/1", body, &j), 422);
	assert_true(api_has_field(j, "assignments"));
	json_decref(j);
	snprintf(body, sizeof(body), "{\"name\":\"缺督查员\",\"kind\":\"quarterly_inspection\","
	    "\"system_id\":%lld,\"period_start\":\"2026-07-01\",\"period_end\":\"2026-09-30\","
	    "\"assignments\":[{\"org_id\":%lld,\"inspector_id\":%lld},{\"org_id\":%lld}]}",
	    sys_q, pc_a, user_id(&I), pc_a);
	assert_int_equal(api_call(&D, "POST", "/api/v1/inspection-plans", body, &j), 422);
	fields = json_object_get(json_object_get(j, "error"), "fields");
	assert_string_equal(json_string_value(json_object_get(fields,
	    "assignments[1].inspector_id")), "请为第2行选择督查员");
	json_decref(j);
	j = get(&D, 200, "/api/v1/inspection-plans");
	assert_int_equal(num(j, "total"), before);
	json_decref(j);
}

static void
test_inspections_state_machine(void **state)
{
	json_t *j = NULL;
	long long id;

	(void)state;
	id = insp_i = new_inspection();
	/* Out of assignment: 404 for the inspection, its scores and evidence. */
	json_decref(get(&I2, 404, "/api/v1/inspections/%lld", id));
	json_decref(get(&I2, 404, "/api/v1/inspections/%lld/evidence", id));
	refused(404, put_scores(&I2, id, "[]", &j), &j, NULL);
	j = get(&I2, 200, "/api/v1/inspections");
	assert_int_equal(num(j, "total"), 0);
	json_decref(j);
	/* The secretary sees nothing until confirmed. */
	json_decref(get(&SA, 404, "/api/v1/inspections/%lld", id));
	/* Scores: valid ones give the sheet's total. */
	assert_int_equal(put_scores(&I, id, "[{\"code\":\"1.1\",\"points\":9.5,\"note\":\"会议记录齐全\"},"
	    "{\"code\":\"1.2\",\"points\":8},{\"code\":\"2.1\",\"points\":10}]", &j), 200);
	assert_string_equal(str(j, "grade"), "较差");
	json_decref(j);
	is(id, "draft", "27.5");
	/* Bad scores: named, nothing changed. */
	refused(422, put_scores(&I, id, "[{\"code\":\"1.1\",\"points\":10.5}]", &j), &j, NULL);
	refused(422, put_scores(&I, id, "[{\"code\":\"9.9\",\"points\":1}]", &j), &j, NULL);
	assert_int_equal(put_scores(&I, id, "[{\"code\":\"1\",\"points\":1},{\"code\":\"1.1\","
	    "\"points\":11}]", &j), 422);
	assert_true(api_has_field(j, "scores[1].points"));
	json_decref(j);
	assert_int_equal(put_scores(&I, id, "[{\"code\":\"1\",\"points\":1}]", &j), 422);
	assert_true(api_has_field(j, "scores[0].code"));	/* a parent is summed, not scored */
	json_decref(j);
	assert_int_equal(put_scores(&I, id, "[{\"code\":\"1.1\",\"failed_veto\":true}]", &j), 422);
	assert_true(api_has_field(j, "scores[0].failed_veto"));
	json_decref(j);
	/* An unknown key beside the array is named, not the array (issue 11). */
	assert_int_equal(call(&I, "PUT", "{\"scores\":[],\"round\":1}", &j,
	    "/api/v1/inspections/%lld/scores", id), 422);
	assert_true(api_has_field(j, "round") && !api_has_field(j, "scores"));
	json_decref(j);
	is(id, "draft", "27.5");
	j = get(&I, 200, "/api/v1/inspections/%lld/scores", id);
	assert_int_equal(json_array_size(json_object_get(j, "items")), 3);
	json_decref(j);
	/* Confirming a draft, or by an inspector: refused. */
	refused(409, call(&D, "POST", NULL, &j, "/api/v1/inspections/%lld/confirm", id), &j,
	    "invalid_transition");
	refused(403, call(&I, "POST", NULL, &j, "/api/v1/inspections/%lld/confirm", id), &j, NULL);
	assert_int_equal(call(&I, "POST", NULL, NULL, "/api/v1/inspections/%lld/submit", id), 200);
	/* Submitted: no second submit, no edits, the inspector still cannot confirm. */
	assert_int_equal(call(&I, "POST", NULL, &j, "/api/v1/inspections/%lld/submit", id), 409);
	assert_string_equal(api_code(j), "invalid_transition");
	assert_non_null(strstr(json_string_value(json_object_get(json_object_get(j, "error"),
	    "message")), "已提交"));
	json_decref(j);
	refused(409, put_scores(&I, id, "[{\"code\":\"1.1\",\"points\":1}]", &j), &j,
	    "invalid_transition");
	refused(409, call(&I, "PATCH", "{\"note\":\"改\"}", &j, "/api/v1/inspections/%lld", id), &j,
	    "invalid_transition");
	refused(403, call(&I, "POST", NULL, &j, "/api/v1/inspections/%lld/confirm", id), &j, NULL);
	is(id, "submitted", "27.5");
	assert_int_equal(call(&D, "POST", NULL, NULL, "/api/v1/inspections/%lld/confirm", id), 200);
	/* Confirmed: read-only. */
	refused(409, put_scores(&D, id, "[]", &j), &j, "invalid_transition");
	refused(409, call(&D, "POST", NULL, &j, "/api/v1/inspections/%lld/confirm", id), &j,
	    "invalid_transition");
	refused(409, call(&I, "POST", NULL, &j, "/api/v1/inspections/%lld/submit", id), &j,
	    "invalid_transition");
	is(id, "confirmed", "27.5");
	/* Now the secretary reads it, and only reads. */
	j = get(&SA, 200, "/api/v1/inspections/%lld", id);
	assert_false(json_is_true(json_object_get(json_object_get(j, "may"), "edit")));
	json_decref(j);
	refused(403, put_scores(&SA, id, "[]", &j), &j, NULL);
	/* The trail: create, score, submit, confirm; refusals left none. */
	assert_int_equal(audit_rows("inspection", id, NULL), 4);
	assert_int_equal(audit_rows("inspection", id, "score"), 1);
	assert_int_equal(audit_rows("inspection", id, "confirm"), 1);
}

/* The inspectors of a draft can be changed (not after submission); a bad
 * list is refused naming inspector_ids with nothing changed. */
static void
test_inspections_edit_inspectors(void **state)
{
	long long id = new_inspection(), i1 = user_id(&I), i2 = user_id(&I2);
	json_t *j = NULL, *list;
	char body[128];

	(void)state;
	j = get(&I, 200, "/api/v1/inspections/%lld", id);
	list = json_object_get(j, "inspectors");
	assert_int_equal(json_array_size(list), 1);
	assert_int_equal(num(json_array_get(list, 0), "id"), i1);
	json_decref(j);
	/* Issue 11: an inspector with no plan assignment for the school was
	 * accepted, then could not open the inspection they were named on.
	 * Refused, named with the reason, nothing changed. */
	snprintf(body, sizeof(body), "{\"inspector_ids\":[%lld,%lld]}", i1, i2);
	assert_int_equal(call(&I, "PATCH", body, &j, "/api/v1/inspections/%lld", id), 422);
	assert_true(api_has_field(j, "inspector_ids"));
	json_decref(j);
	json_decref(get(&I2, 404, "/api/v1/inspections/%lld", id));
	snprintf(body, sizeof(body), "{\"inspector_ids\":[%lld]}", i1);
	assert_int_equal(call(&I, "PATCH", body, &j, "/api/v1/inspections/%lld", id), 200);
	assert_int_equal(json_array_size(json_object_get(j, "inspectors")), 1);
	json_decref(j);
	/* A secretary is no inspector; an id twice; both named, nothing changed. */
	snprintf(body, sizeof(body), "{\"inspector_ids\":[%lld],\"note\":\"x\"}", user_id(&SA));
	refused(422, call(&I, "PATCH", body, &j, "/api/v1/inspections/%lld", id), &j, NULL);
	snprintf(body, sizeof(body), "{\"inspector_ids\":[%lld,%lld]}", i1, i1);
	assert_int_equal(call(&I, "PATCH", body, &j, "/api/v1/inspections/%lld", id), 422);
	assert_true(api_has_field(j, "inspector_ids"));
	json_decref(j);
	j = get(&A, 200, "/api/v1/inspections/%lld", id);
	assert_int_equal(json_array_size(json_object_get(j, "inspectors")), 1);
	assert_string_equal(str(j, "note"), "");
	json_decref(j);
	assert_int_equal(call(&I, "POST", NULL, NULL, "/api/v1/inspections/%lld/submit", id), 200);
	snprintf(body, sizeof(body), "{\"inspector_ids\":[%lld]}", i1);
	refused(409, call(&I, "PATCH", body, &j, "/api/v1/inspections/%lld", id), &j,
	    "invalid_transition");
	/* create, the one accepted change, submit. */
	assert_int_equal(audit_rows("inspection", id, NULL), 3);
}

static void
test_inspections_revision(void **state)
{
	json_t *j = NULL;
	long long old = insp_i, rev;

	(void)state;
	refused(422, call(&I, "POST", "{}", &j, "/api/v1/inspections/%lld/revise", old), &j, NULL);
	assert_int_equal(call(&I, "POST", "{\"reason\":\"1.2 误记\"}", &j,
	    "/api/v1/inspections/%lld/revise", old), 201);
	rev = num(j, "id");
	assert_int_equal(num(j, "revision"), 2);
	assert_int_equal(num(j, "revises_id"), old);
	assert_string_equal(str(j, "state"), "draft");
	json_decref(j);
	j = get(&A, 200, "/api/v1/inspections/%lld", old);
	assert_int_equal(num(j, "superseded_by"), rev);
	assert_string_equal(str(j, "state"), "confirmed");
	json_decref(j);
	/* Only the newest revision can be revised. */
	refused(409, call(&I, "POST", "{\"reason\":\"再改\"}", &j, "/api/v1/inspections/%lld/revise",
	    old), &j, "invalid_transition");
	is(rev, "draft", "27.5");
	assert_int_equal(put_scores(&I, rev, "[{\"code\":\"1.1\",\"points\":9.5},{\"code\":\"1.2\","
	    "\"points\":6},{\"code\":\"2.1\",\"points\":10}]", NULL), 200);
	is(rev, "draft", "25.5");
	is(old, "confirmed", "27.5");
	/* Revising a draft is refused. */
	refused(409, call(&I, "POST", "{\"reason\":\"x\"}", &j, "/api/v1/inspections/%lld/revise",
	    rev), &j, "invalid_transition");
	assert_int_equal(audit_rows("inspection", old, "revise"), 1);
	assert_int_equal(audit_rows("inspection", rev, "create"), 1);
	j = get(&A, 200, "/api/v1/inspections?current=1&org_id=%lld", pc_a);
	assert_int_equal(num(j, "total"), demo_insp_a + 1);
	json_decref(j);
}

static void
test_inspections_used_flag(void **state)
{
	json_t *j = NULL;
	char body[256];
	long long copy;

	(void)state;
	snprintf(body, sizeof(body), "{\"from_id\":%lld,\"code\":\"q-copy\",\"name\":\"季度督查副本\"}",
	    sys_q);
	assert_int_equal(api_call(&D, "POST", "/api/v1/indicator-systems", body, &j), 201);
	copy = num(j, "id");
	json_decref(j);
	/* A draft system cannot be used. */
	snprintf(body, sizeof(body), "{\"org_id\":%lld,\"kind\":\"quarterly_inspection\","
	    "\"system_id\":%lld,\"inspected_on\":\"2026-08-10\"}", pc_b, copy);
	assert_int_equal(api_call(&D, "POST", "/api/v1/inspections", body, &j), 422);
	assert_true(api_has_field(j, "system_id"));
	json_decref(j);
	assert_int_equal(call(&D, "PATCH", "{\"status\":\"published\"}", NULL,
	    "/api/v1/indicator-systems/%lld", copy), 200);
	j = get(&D, 200, "/api/v1/indicator-systems/%lld", copy);
	assert_false(json_is_true(json_object_get(j, "used")));
	json_decref(j);
	/* A clean-school kind with a quarterly sheet; a date in the future. */
	snprintf(body, sizeof(body), "{\"org_id\":%lld,\"kind\":\"clean_school\",\"system_id\":%lld,"
	    "\"inspected_on\":\"2026-08-16\"}", pc_b, copy);
	assert_int_equal(api_call(&D, "POST", "/api/v1/inspections", body, &j), 422);
	assert_true(api_has_field(j, "system_id"));
	assert_true(api_has_field(j, "inspected_on"));
	json_decref(j);
	j = get(&D, 200, "/api/v1/indicator-systems/%lld", copy);
	assert_false(json_is_true(json_object_get(j, "used")));
	json_decref(j);
	snprintf(body, sizeof(body), "{\"org_id\":%lld,\"kind\":\"quarterly_inspection\","
	    "\"system_id\":%lld,\"inspected_on\":\"2026-08-10\"}", pc_b, copy);
	assert_int_equal(api_call(&D, "POST", "/api/v1/inspections", body, NULL), 201);
	j = get(&D, 200, "/api/v1/indicator-systems/%lld", copy);
	assert_true(json_is_true(json_object_get(j, "used")));
	json_decref(j);
	/* An inspector outside their assignment cannot start one. */
	snprintf(body, sizeof(body), "{\"org_id\":%lld,\"kind\":\"quarterly_inspection\","
	    "\"system_id\":%lld,\"inspected_on\":\"2026-08-10\"}", pc_b, copy);
	assert_int_equal(api_call(&I, "POST", "/api/v1/inspections", body, &j), 422);
	assert_true(api_has_field(j, "org_id"));
	json_decref(j);
	snprintf(body, sizeof(body), "{\"plan_id\":%lld,\"org_id\":%lld,\"inspected_on\":"
	    "\"2026-08-10\"}", plan_id, pc_a);
	assert_int_equal(api_call(&I2, "POST", "/api/v1/inspections", body, &j), 422);
	assert_true(api_has_field(j, "org_id"));
	json_decref(j);
}

static void
test_inspections_findings_files_report(void **state)
{
	char headers[4096], path[128];
	json_t *j = NULL;
	long long id, fid, file;

	(void)state;
	id = new_inspection();
	refused(422, call(&I, "POST", "{\"title\":\"党费未按月收缴\",\"severity\":\"major\","
	    "\"deadline\":\"2026-09-30\",\"indicator\":\"9.9\"}", &j,
	    "/api/v1/inspections/%lld/findings", id), &j, NULL);
	assert_int_equal(call(&I, "POST", "{\"title\":\"党费未按月收缴\",\"severity\":\"major\","
	    "\"deadline\":\"2026-09-30\",\"indicator\":\"2.1\"}", &j,
	    "/api/v1/inspections/%lld/findings", id), 201);
	fid = num(j, "id");
	json_decref(j);
	j = get(&A, 200, "/api/v1/findings/%lld", fid);
	assert_string_equal(str(j, "source"), "inspection");
	assert_int_equal(atoll(str(j, "source_ref")), id);
	assert_int_equal(num(j, "org_id"), pc_a);
	assert_non_null(strstr(str(j, "detail"), "督查指标 2.1 按月足额收缴党费"));
	json_decref(j);
	j = get(&I, 200, "/api/v1/inspections/%lld", id);
	assert_string_equal(str(json_array_get(json_object_get(j, "findings"), 0), "indicator"),
	    "2.1");
	json_decref(j);
	assert_int_equal(audit_rows("inspection", id, "issue_finding"), 1);
	/* Evidence files: a draft's only, read back in scope. */
	snprintf(path, sizeof(path), "/api/v1/inspections/%lld/files?name=record.pdf", id);
	assert_int_equal(api_call(&I, "POST", path, "%PDF-1.4 record", &j), 201);
	file = num(j, "id");
	json_decref(j);
	snprintf(path, sizeof(path), "/api/v1/inspections/%lld/files?name=x.exe", id);
	refused(422, api_call(&I, "POST", path, "MZ....", &j), &j, NULL);
	json_decref(get(&I, 200, "/api/v1/inspection-files/%lld", file));
	json_decref(get(&I2, 404, "/api/v1/inspection-files/%lld", file));
	assert_int_equal(call(&I, "POST", NULL, NULL, "/api/v1/inspections/%lld/submit", id), 200);
	snprintf(path, sizeof(path), "/api/v1/inspections/%lld/files?name=late.pdf", id);
	refused(409, api_call(&I, "POST", path, "%PDF-1.4 late", &j), &j, "invalid_transition");
	j = get(&I, 200, "/api/v1/inspections/%lld/files", id);
	assert_int_equal(json_array_size(json_object_get(j, "items")), 1);
	json_decref(j);
	/* Automatic evidence beside the indicators it bears on. */
	j = get(&I, 200, "/api/v1/inspections/%lld/evidence", id);
	{
		json_t *it = json_array_get(json_object_get(j, "items"), 0);

		assert_string_equal(str(it, "key"), "compliance");
		assert_true(json_array_size(json_object_get(it, "indicators")) >= 4);
		assert_string_equal(json_string_value(json_array_get(json_object_get(it, "indicators"),
		    0)), "1");
		it = json_array_get(json_object_get(j, "items"), 1);
		assert_string_equal(str(it, "key"), "dues");
		assert_string_equal(json_string_value(json_array_get(json_object_get(it, "indicators"),
		    0)), "2");
	}
	json_decref(j);
	/* The report, audited like the indicator export. */
	snprintf(path, sizeof(path), "/api/v1/inspections/%lld/report.xlsx", id);
	assert_int_equal(api_call_h(&I, "GET", path, NULL, NULL, headers, sizeof(headers)), 200);
	assert_non_null(strstr(headers, "spreadsheetml"));
	assert_int_equal(audit_rows("inspection", id, "export"), 1);
	assert_int_equal(api_call(&I2, "GET", path, NULL, NULL), 404);
	assert_int_equal(audit_rows("inspection", id, "export"), 1);
	{
		char xfile[400], *xml;

		snprintf(xfile, sizeof(xfile), "%s/report.xlsx", S.dir);
		assert_int_equal(api_get_file(&I, path, xfile), 200);
		if (!(xml = sheet_xml(xfile)))
			return;
		assert_non_null(strstr(xml, "季度党建督查"));	/* the header */
		assert_non_null(strstr(xml, "按月足额收缴党费"));	/* an indicator */
		assert_non_null(strstr(xml, "合计"));
		assert_non_null(strstr(xml, "党费未按月收缴"));	/* the finding issued */
		free(xml);
	}
}

/* GET with the raw body (files are not JSON). */
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

static long long
upload(struct client *c, long long id, const char *name, const char *bytes, long want)
{
	char path[160];
	json_t *j = NULL;
	long long fid = 0;

	snprintf(path, sizeof(path), "/api/v1/inspections/%lld/files?name=%s", id, name);
	assert_int_equal(api_call(c, "POST", path, bytes, &j), want);
	if (want == 201) {
		fid = num(j, "id");
		assert_int_equal(num(j, "inspection_id"), id);
		assert_string_equal(str(j, "owner"), "inspection");
	}
	json_decref(j);
	return fid;
}

/* The same bytes from the older route and the generic one. */
static void
same_bytes(struct client *c, long long file, const char *want)
{
	struct grow b1 = { 0 }, b2 = { 0 };
	char path[96];

	snprintf(path, sizeof(path), "/api/v1/inspection-files/%lld", file);
	assert_int_equal(raw_get(c, path, &b1), 200);
	snprintf(path, sizeof(path), "/api/v1/files/%lld", file);
	assert_int_equal(raw_get(c, path, &b2), 200);
	assert_int_equal(b1.n, strlen(want));
	assert_int_equal(b2.n, strlen(want));
	assert_memory_equal(b1.p, want, b1.n);
	assert_memory_equal(b2.p, want, b2.n);
	free(b1.p);
	free(b2.p);
}

/* Issue 19: evidence files as attachments. A draft's files are added and
 * deleted by its inspector (deleting is new with the generic DELETE);
 * foreign owners store nothing (an inspector without the assignment: 404;
 * a secretary of another school: 403, the route is not theirs; no row in
 * the raw database, no file in the folder); the older download route and
 * the generic one send the same bytes; a confirmed inspection's files stay
 * (409), and a revision's copy deleted leaves the original's bytes. */
static void
test_inspections_files_attachments(void **state)
{
	struct client SB;	/* the secretary of school b */
	long long id = new_inspection(), a, b, rows, rev, copy;
	char path[160];
	json_t *j = NULL;
	int nf;

	(void)state;
	user_client(&SB, "sec_files_b", "secretary", pc_b);
	a = upload(&I, id, "a.pdf", "%PDF-1.4 evidence a", 201);
	b = upload(&I, id, "b.pdf", "%PDF-1.4 evidence b", 201);
	assert_int_equal(call(&I, "DELETE", NULL, NULL, "/api/v1/files/%lld", b), 200);
	j = get(&I, 200, "/api/v1/inspections/%lld/files", id);
	assert_int_equal(json_array_size(json_object_get(j, "items")), 1);
	json_decref(j);

	rows = attachment_rows();
	nf = count_files();
	upload(&I2, id, "x.pdf", "%PDF-1.4 foreign", 404);
	upload(&I2, id, "x.pdf", "not a file", 404);
	upload(&I, 999999, "x.pdf", "%PDF-1.4 nowhere", 404);
	upload(&SB, id, "x.pdf", "%PDF-1.4 foreign", 403);
	assert_int_equal(call(&I2, "DELETE", NULL, NULL, "/api/v1/files/%lld", a), 404);
	assert_int_equal(call(&SB, "DELETE", NULL, NULL, "/api/v1/files/%lld", a), 404);
	json_decref(get(&I2, 404, "/api/v1/inspections/%lld/files", id));
	json_decref(get(&SA, 404, "/api/v1/inspections/%lld/files", id));	/* a draft */
	snprintf(path, sizeof(path), "/api/v1/files/%lld", a);
	assert_int_equal(api_call(&SB, "GET", path, NULL, NULL), 404);
	assert_int_equal(attachment_rows(), rows);
	assert_int_equal(count_files(), nf);

	same_bytes(&I, a, "%PDF-1.4 evidence a");
	j = get(&I, 200, "/api/v1/inspections/%lld", id);
	assert_int_equal(json_array_size(json_object_get(j, "files")), 1);
	assert_int_equal(num(json_array_get(json_object_get(j, "files"), 0), "id"), a);
	assert_int_equal(num(json_array_get(json_object_get(j, "files"), 0), "inspection_id"), id);
	json_decref(j);

	/* Confirmed: the files stay; readers of the school read them. */
	assert_int_equal(call(&I, "POST", NULL, NULL, "/api/v1/inspections/%lld/submit", id), 200);
	assert_int_equal(call(&D, "POST", NULL, NULL, "/api/v1/inspections/%lld/confirm", id), 200);
	refused(409, call(&I, "DELETE", NULL, &j, "/api/v1/files/%lld", a), &j,
	    "invalid_transition");
	same_bytes(&SA, a, "%PDF-1.4 evidence a");
	assert_int_equal(api_call(&SB, "GET", path, NULL, NULL), 404);

	/* A revision's draft holds a copy; deleting it leaves the original. */
	assert_int_equal(call(&I, "POST", "{\"reason\":\"补充\"}", &j,
	    "/api/v1/inspections/%lld/revise", id), 201);
	rev = num(j, "id");
	copy = num(json_array_get(json_object_get(j, "files"), 0), "id");
	json_decref(j);
	assert_true(copy > 0 && copy != a);
	assert_int_equal(count_files(), nf);
	assert_int_equal(call(&I, "DELETE", NULL, NULL, "/api/v1/files/%lld", copy), 200);
	j = get(&I, 200, "/api/v1/inspections/%lld/files", rev);
	assert_int_equal(json_array_size(json_object_get(j, "items")), 0);
	json_decref(j);
	assert_int_equal(count_files(), nf);
	same_bytes(&I, a, "%PDF-1.4 evidence a");
	client_release(&SB);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_inspections_plan_validation_and_scope),
		cmocka_unit_test(test_inspections_plan_needs_an_assignment),
		cmocka_unit_test(test_inspections_state_machine),
		cmocka_unit_test(test_inspections_revision),
		cmocka_unit_test(test_inspections_used_flag),
		cmocka_unit_test(test_inspections_findings_files_report),
		/* last: its draft would change the counts above */
		cmocka_unit_test(test_inspections_edit_inspectors),
		cmocka_unit_test(test_inspections_files_attachments),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}

/* test_api_applicants.c: the membership development pipeline (issue 5,
 * RULES.md section 2) over real HTTP: one person walked from application
 * to full membership (the member row created at admission with dues from
 * the assembly, DEV-T3, and made full at conversion), steps out of order
 * (409 invalid_transition naming the current step) and out of time (422
 * naming the rule) refused with nothing changed, soft rules recorded as
 * warnings, scope (another school's secretary: 404), bad input (422
 * naming the field), the holiday calendar, alerts and the roster. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>

#include "api.h"
#include "db/db.h"

#define ADMIN_PW "Hongyan#Admin2026"

static struct srv S;
static struct client A, SA, SB;	/* admin; secretaries of schools A and B */
static long long school_a, school_b, br_a, br_b, full1, full2, full3;

static long long
q1(const char *sql, long long arg)
{
	struct db *db;
	int64_t v = -1;

	assert_int_equal(db_open(S.db, 0, &db), 0);
	if (db_get_i64(db, &v, sql, DB_I64(arg), DB_END))
		v = -1;
	db_close(db);
	return v;
}

static long long
count(const char *table)
{
	char sql[128];

	snprintf(sql, sizeof(sql), "SELECT COUNT(*) FROM %s WHERE ? = ?", table);
	struct db *db;
	int64_t v = -1;

	assert_int_equal(db_open(S.db, 0, &db), 0);
	if (db_get_i64(db, &v, sql, DB_I64(1), DB_I64(1), DB_END))
		v = -1;
	db_close(db);
	return v;
}

static void
secretary(struct client *c, const char *name, long long scope)
{
	char body[160];

	snprintf(body, sizeof(body), "{\"username\":\"%s\",\"role\":\"secretary\",\"scope\":[%lld]}",
	    name, scope);
	assert_int_equal(api_user_client(&A, c, body, name), 0);
}

static int
setup(void **state)
{
	(void)state;
	if (srv_start(&S, 1, NULL))
		return -1;
	client_init(&A, &S);
	api_admin(&A, ADMIN_PW);
	school_a = q1("SELECT MIN(id) FROM org WHERE kind = 'party_committee' AND id > ?", 0);
	school_b = q1("SELECT MIN(id) FROM org WHERE kind = 'party_committee' AND id > ?", school_a);
	br_a = q1("SELECT MIN(id) FROM org WHERE kind = 'branch' AND parent_id = ?", school_a);
	br_b = q1("SELECT MIN(id) FROM org WHERE kind = 'branch' AND parent_id = ?", school_b);
	full1 = q1("SELECT MIN(id) FROM member WHERE org_id = ? AND status = 'full' AND"
	    " state = 'active'", br_a);
	full2 = q1("SELECT MAX(id) FROM member WHERE org_id = ? AND status = 'full' AND"
	    " state = 'active'", br_a);
	full3 = q1("SELECT MIN(id) FROM member WHERE org_id = ? AND status = 'full' AND"
	    " state = 'active'", br_b);
	if (br_a < 0 || br_b < 0 || full1 < 0 || full1 == full2 || full3 < 0)
		return -1;
	secretary(&SA, "dev_sec_a", school_a);
	secretary(&SB, "dev_sec_b", school_b);
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

static long long
create(struct client *c, const char *name, const char *id_card, const char *applied_on)
{
	char body[320];
	json_t *j = NULL;
	long long id;

	snprintf(body, sizeof(body), "{\"org_id\":%lld,\"name\":\"%s\",\"id_card\":\"%s\","
	    "\"applied_on\":\"%s\",\"education\":\"本科\",\"post\":\"教师\"}", br_a, name, id_card,
	    applied_on);
	assert_int_equal(api_call(c, "POST", "/api/v1/applicants", body, &j), 201);
	id = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	return id;
}

static long
step(struct client *c, long long id, const char *body, json_t **j)
{
	char path[96];

	snprintf(path, sizeof(path), "/api/v1/applicants/%lld/steps", id);
	return api_call(c, "POST", path, body, j);
}

static void
step_ok(long long id, const char *body)
{
	json_t *j = NULL;
	long st = step(&SA, id, body, &j);

	if (st != 200) {
		char *s = json_dumps(j, 0);

		fprintf(stderr, "step %s -> %ld %s\n", body, st, s ? s : "");
		free(s);
	}
	assert_int_equal(st, 200);
	json_decref(j);
}

static json_t *
get(struct client *c, long long id, long want)
{
	char path[64];
	json_t *j = NULL;

	snprintf(path, sizeof(path), "/api/v1/applicants/%lld", id);
	assert_int_equal(api_call(c, "GET", path, NULL, &j), want);
	return j;
}

static const char *
status_of(json_t *j, int no)
{
	return json_string_value(json_object_get(json_array_get(json_object_get(j, "steps"),
	    (size_t)no - 1), "status"));
}

/* The whole way: application (2024) to full membership (2026). */
static void
test_applicants_walk_to_full_member(void **state)
{
	long long id = create(&SA, "林晓", "500103199505061233", "2024-01-10"), mid;
	char body[320];
	json_t *j;

	(void)state;
	j = get(&SA, id, 200);
	assert_int_equal(json_integer_value(json_object_get(j, "step")), 1);
	assert_int_equal(json_integer_value(json_object_get(j, "next_step")), 2);
	assert_string_equal(json_string_value(json_object_get(j, "next_due")), "2024-02-10");
	assert_string_equal(json_string_value(json_object_get(j, "id_card")), "500103********1233");
	assert_string_equal(status_of(j, 1), "done");
	assert_string_equal(status_of(j, 2), "overdue");	/* today is long after */
	assert_string_equal(status_of(j, 3), "not_yet");
	json_decref(j);
	snprintf(body, sizeof(body), "{\"step\":2,\"date\":\"2024-01-25\",\"talkers\":[%lld]}", full1);
	step_ok(id, body);
	step_ok(id, "{\"step\":3,\"date\":\"2024-05-10\",\"note\":\"支委会确定\"}");
	step_ok(id, "{\"step\":4,\"date\":\"2024-05-20\"}");
	snprintf(body, sizeof(body), "{\"step\":5,\"date\":\"2024-05-20\",\"contacts\":[%lld,%lld]}",
	    full1, full2);
	step_ok(id, body);
	step_ok(id, "{\"step\":6,\"date\":\"2024-11-10\"}");
	step_ok(id, "{\"step\":7,\"date\":\"2025-05-12\"}");
	step_ok(id, "{\"step\":8,\"date\":\"2025-05-20\"}");
	snprintf(body, sizeof(body), "{\"step\":9,\"date\":\"2025-05-25\",\"sponsors\":[%lld,%lld]}",
	    full1, full2);
	step_ok(id, body);
	step_ok(id, "{\"step\":10,\"date\":\"2025-06-05\",\"outcome\":\"passed\"}");
	step_ok(id, "{\"step\":11,\"date\":\"2025-06-10\",\"hours\":24}");
	step_ok(id, "{\"step\":12,\"date\":\"2025-06-16\"}");
	step_ok(id, "{\"step\":13,\"date\":\"2025-06-23\",\"notice_from\":\"2025-06-16\","
	    "\"notice_to\":\"2025-06-20\"}");
	step_ok(id, "{\"step\":14,\"date\":\"2025-06-25\"}");
	step_ok(id, "{\"step\":15,\"date\":\"2025-07-01\",\"expected\":20,\"present\":16,"
	    "\"yes_votes\":15,\"written\":1}");
	snprintf(body, sizeof(body), "{\"step\":16,\"date\":\"2025-07-10\",\"talkers\":[%lld]}", full2);
	step_ok(id, body);
	assert_int_equal(q1("SELECT COUNT(*) FROM member WHERE id_card_mask = '500103********1233'"
	    " AND ? = 1", 1), 0);
	step_ok(id, "{\"step\":17,\"date\":\"2025-07-20\",\"dues_base_fen\":600000}");
	/* Admission: a probationary member from the assembly date, dues from its month. */
	mid = q1("SELECT member_id FROM applicant WHERE id = ?", id);
	assert_true(mid > 0);
	assert_int_equal(q1("SELECT COUNT(*) FROM member WHERE id = ? AND status = 'probationary'"
	    " AND joined_on = '2025-07-01' AND state = 'active'", mid), 1);
	assert_int_equal(q1("SELECT from_month FROM dues_setting WHERE member_id = ?", mid), 202507);
	assert_int_equal(q1("SELECT monthly_fen FROM dues_setting WHERE member_id = ?", mid), 9000);
	j = get(&SA, id, 200);
	assert_string_equal(json_string_value(json_object_get(j, "status")), "probationary");
	assert_string_equal(json_string_value(json_object_get(j, "probation_end")), "2026-07-01");
	json_decref(j);
	step_ok(id, "{\"step\":18,\"date\":\"2025-07-25\"}");
	step_ok(id, "{\"step\":19,\"date\":\"2025-07-25\"}");
	step_ok(id, "{\"step\":20,\"date\":\"2025-07-28\"}");
	step_ok(id, "{\"step\":21,\"date\":\"2026-01-10\"}");
	step_ok(id, "{\"step\":22,\"date\":\"2026-06-20\"}");
	step_ok(id, "{\"step\":23,\"date\":\"2026-07-01\",\"expected\":20,\"present\":18,"
	    "\"yes_votes\":18,\"outcome\":\"convert\"}");
	step_ok(id, "{\"step\":24,\"date\":\"2026-07-20\"}");
	assert_int_equal(q1("SELECT COUNT(*) FROM member WHERE id = ? AND status = 'full' AND"
	    " full_on = '2026-07-01'", mid), 1);
	step_ok(id, "{\"step\":25,\"date\":\"2026-07-25\"}");
	j = get(&SA, id, 200);
	assert_string_equal(json_string_value(json_object_get(j, "status")), "full");
	assert_true(json_is_null(json_object_get(j, "next_step")));
	assert_int_equal(json_array_size(json_object_get(j, "history")), 25);
	assert_int_equal(json_array_size(json_object_get(j, "people")), 6);
	json_decref(j);
	/* Each write has its audit row. */
	assert_int_equal(q1("SELECT COUNT(*) FROM audit WHERE entity = 'applicant' AND"
	    " entity_id = ?", id), 25);
}

/* Steps 2..upto of the walk above, for another person. */
static void
walk_to(long long id, int upto)
{
	static const char *const dates[] = { "", "", "2024-01-25", "2024-05-10", "2024-05-20",
		"2024-05-20", "2024-11-10", "2025-05-12", "2025-05-20", "2025-05-25", "2025-06-05",
		"2025-06-10", "2025-06-16", "2025-06-23", "2025-06-25", "2025-07-01", "2025-07-10",
		"2025-07-20", "2025-07-25", "2025-07-25", "2025-07-28", "2026-01-10", "2026-06-20" };
	char body[320];

	for (int no = 2; no <= upto; no++) {
		int n = snprintf(body, sizeof(body), "{\"step\":%d,\"date\":\"%s\"", no, dates[no]);

		if (no == 2 || no == 16)
			n += snprintf(body + n, sizeof(body) - (size_t)n, ",\"talkers\":[%lld]", full1);
		if (no == 5 || no == 9)
			n += snprintf(body + n, sizeof(body) - (size_t)n, ",\"%s\":[%lld,%lld]",
			    no == 5 ? "contacts" : "sponsors", full1, full2);
		if (no == 10)
			n += snprintf(body + n, sizeof(body) - (size_t)n, ",\"outcome\":\"passed\"");
		if (no == 11)
			n += snprintf(body + n, sizeof(body) - (size_t)n, ",\"days\":3");
		if (no == 13)
			n += snprintf(body + n, sizeof(body) - (size_t)n, ",\"notice_from\":"
			    "\"2025-06-16\",\"notice_to\":\"2025-06-20\"");
		if (no == 15)
			n += snprintf(body + n, sizeof(body) - (size_t)n, ",\"expected\":9,"
			    "\"present\":5,\"yes_votes\":5");
		if (no == 17)
			n += snprintf(body + n, sizeof(body) - (size_t)n, ",\"dues_base_fen\":300000");
		snprintf(body + n, sizeof(body) - (size_t)n, "}");
		step_ok(id, body);
	}
}

/* DEV-T2: one extension, then disqualification removes the member. */
static void
test_applicants_extension_then_disqualification(void **state)
{
	long long id = create(&SA, "郑洁", "500103199703041233", "2024-01-10"), mid;
	json_t *j = NULL;

	(void)state;
	walk_to(id, 22);
	mid = q1("SELECT member_id FROM applicant WHERE id = ?", id);
	assert_int_equal(q1("SELECT monthly_fen FROM dues_setting WHERE member_id = ?", mid), 1500);
	step_ok(id, "{\"step\":23,\"date\":\"2026-07-01\",\"expected\":9,\"present\":6,"
	    "\"yes_votes\":5,\"outcome\":\"extend\",\"extend_months\":6}");
	step_ok(id, "{\"step\":24,\"date\":\"2026-07-10\"}");
	j = get(&SA, id, 200);
	assert_string_equal(json_string_value(json_object_get(j, "probation_end")), "2027-01-01");
	assert_int_equal(json_integer_value(json_object_get(j, "next_step")), 22);
	json_decref(j);
	/* During the extension, a serious breach: disqualified without step 22. */
	assert_int_equal(step(&SA, id, "{\"step\":23,\"date\":\"2026-08-01\",\"expected\":9,"
	    "\"present\":6,\"yes_votes\":5,\"outcome\":\"extend\",\"extend_months\":6}", &j), 409);
	json_decref(j);
	step_ok(id, "{\"step\":23,\"date\":\"2026-08-01\",\"expected\":9,\"present\":6,"
	    "\"yes_votes\":5,\"outcome\":\"disqualify\"}");
	step_ok(id, "{\"step\":24,\"date\":\"2026-08-10\"}");
	assert_int_equal(q1("SELECT COUNT(*) FROM member WHERE id = ? AND state = 'removed' AND"
	    " state_on = '2026-08-10'", mid), 1);
	j = get(&SA, id, 200);
	assert_string_equal(json_string_value(json_object_get(j, "status")), "disqualified");
	assert_true(json_is_null(json_object_get(j, "next_step")));
	json_decref(j);
}

/* Out of order: 409 naming the current step; out of time: 422 naming the
 * rule; either way nothing changes. */
static void
test_applicants_illegal_steps_change_nothing(void **state)
{
	long long id = create(&SA, "周岚", "500103199606071246", "2024-03-01");
	long long steps = count("applicant_step"), audits = count("audit");
	char body[200];
	json_t *j = NULL;

	(void)state;
	assert_int_equal(step(&SA, id, "{\"step\":3,\"date\":\"2024-03-05\"}", &j), 409);
	assert_string_equal(api_code(j), "invalid_transition");
	assert_non_null(strstr(json_string_value(json_object_get(json_object_get(json_object_get(j,
	    "error"), "fields"), "step")), "第1步"));
	json_decref(j);
	snprintf(body, sizeof(body), "{\"step\":2,\"date\":\"2024-04-02\",\"talkers\":[%lld]}", full1);
	assert_int_equal(step(&SA, id, body, &j), 422);	/* DEV-02: a month ended 04-01 */
	assert_string_equal(api_code(j), "DEV-02");
	assert_true(api_has_field(j, "date"));
	json_decref(j);
	snprintf(body, sizeof(body), "{\"step\":2,\"date\":\"2024-04-01\",\"talkers\":[%lld]}", full1);
	assert_int_equal(count("applicant_step"), steps);
	assert_int_equal(count("audit"), audits);
	j = get(&SA, id, 200);
	assert_int_equal(json_integer_value(json_object_get(j, "step")), 1);
	json_decref(j);
	step_ok(id, body);
	step_ok(id, "{\"step\":3,\"date\":\"2024-04-05\"}");	/* soft DEV-03: warning */
	j = get(&SA, id, 200);
	assert_non_null(strstr(json_string_value(json_object_get(json_array_get(json_object_get(j,
	    "history"), 2), "warning")), "DEV-03"));
	json_decref(j);
}

/* Another school's secretary sees nothing: 404 on read and write. */
static void
test_applicants_scope(void **state)
{
	long long id = create(&SA, "何静", "500103199807081256", "2025-01-10");
	long long steps = count("applicant_step");
	char body[200], path[64];
	json_t *j;

	(void)state;
	j = get(&SB, id, 404);
	json_decref(j);
	snprintf(body, sizeof(body), "{\"step\":2,\"date\":\"2025-01-20\",\"talkers\":[%lld]}", full3);
	j = NULL;
	assert_int_equal(step(&SB, id, body, &j), 404);
	json_decref(j);
	assert_int_equal(count("applicant_step"), steps);
	assert_int_equal(api_call(&SB, "GET", "/api/v1/applicants?q=%E4%BD%95%E9%9D%99", NULL, &j),
	    200);
	assert_int_equal(json_integer_value(json_object_get(j, "total")), 0);
	json_decref(j);
	assert_int_equal(api_call(&SA, "GET", "/api/v1/applicants?q=%E4%BD%95%E9%9D%99", NULL, &j),
	    200);
	assert_int_equal(json_integer_value(json_object_get(j, "total")), 1);
	json_decref(j);
	/* A talker from another school is not someone school A's secretary sees. */
	assert_int_equal(step(&SA, id, body, &j), 422);
	assert_true(api_has_field(j, "talkers"));
	json_decref(j);
	snprintf(path, sizeof(path), "/api/v1/applicant-files/%d", 1);
	assert_int_equal(api_call(&SB, "GET", path, NULL, &j), 404);
	json_decref(j);
}

static void
expect_422(const char *body, const char *field, const char *code)
{
	long long before = count("applicant");
	json_t *j = NULL;

	assert_int_equal(api_call(&SA, "POST", "/api/v1/applicants", body, &j), 422);
	assert_true(api_has_field(j, field));
	if (code)
		assert_string_equal(api_code(j), code);
	json_decref(j);
	assert_int_equal(count("applicant"), before);
}

static void
test_applicants_bad_input_names_the_field(void **state)
{
	char body[320];
	json_t *j = NULL;

	(void)state;
	snprintf(body, sizeof(body), "{\"org_id\":%lld,\"name\":\"甲\",\"applied_on\":\"2025-01-01\"}",
	    br_a);
	expect_422(body, "id_card", NULL);
	snprintf(body, sizeof(body), "{\"org_id\":%lld,\"name\":\"甲\",\"id_card\":"
	    "\"500103199505061234\",\"applied_on\":\"2025-01-01\"}", br_a);
	expect_422(body, "id_card", NULL);	/* check character */
	snprintf(body, sizeof(body), "{\"org_id\":%lld,\"name\":\"甲\",\"id_card\":"
	    "\"500103200901010011\",\"applied_on\":\"2026-06-30\"}", br_a);
	expect_422(body, "applied_on", "DEV-01");	/* 17 years old */
	snprintf(body, sizeof(body), "{\"org_id\":%lld,\"name\":\"甲\",\"id_card\":"
	    "\"500103199208091268\",\"applied_on\":\"2025-02-30\"}", br_a);
	expect_422(body, "applied_on", NULL);
	snprintf(body, sizeof(body), "{\"org_id\":%lld,\"name\":\"甲\",\"id_card\":"
	    "\"500103199208091268\",\"applied_on\":\"2025-02-03\",\"colour\":1}", br_a);
	expect_422(body, "colour", NULL);
	snprintf(body, sizeof(body), "{\"org_id\":%lld,\"name\":\"甲\",\"id_card\":"
	    "\"500103199208091268\",\"applied_on\":\"2025-02-03\"}", br_b);
	expect_422(body, "org_id", NULL);	/* another school's branch */
	/* The same person twice: 409. */
	snprintf(body, sizeof(body), "{\"org_id\":%lld,\"name\":\"林晓\",\"id_card\":"
	    "\"500103199606071246\",\"applied_on\":\"2025-02-03\"}", br_a);
	assert_int_equal(api_call(&SA, "POST", "/api/v1/applicants", body, &j), 409);
	json_decref(j);
	/* Step bodies: a step out of range, a missing date, a stray field. */
	assert_int_equal(step(&SA, 1, "{\"step\":26,\"date\":\"2025-01-01\"}", &j), 422);
	assert_true(api_has_field(j, "step"));
	json_decref(j);
	assert_int_equal(step(&SA, 1, "{\"step\":2}", &j), 422);
	assert_true(api_has_field(j, "date"));
	json_decref(j);
	assert_int_equal(step(&SA, 1, "{\"step\":2,\"date\":\"2025-01-01\",\"votes\":3}", &j), 422);
	assert_true(api_has_field(j, "votes"));
	json_decref(j);
}

/* Whether sheet 1 of the workbook holds text (1 when unzip is missing). */
static int
sheet_has(const char *file, const char *text)
{
	char cmd[700], line[8192];
	FILE *p;
	int found = 0;

	if (system("command -v unzip >/dev/null 2>&1") != 0) {
		printf("note: unzip not found; the roster's contents are not checked\n");
		return 1;
	}
	snprintf(cmd, sizeof(cmd), "unzip -p '%s' xl/worksheets/sheet1.xml", file);
	assert_non_null(p = popen(cmd, "r"));
	while (!found && fgets(line, sizeof(line), p))
		found = strstr(line, text) != NULL;
	while (fgets(line, sizeof(line), p))
		;
	pclose(p);
	return found;
}

static void
test_applicants_holidays(void **state)
{
	json_t *j = NULL;

	(void)state;
	assert_int_equal(api_call(&SA, "GET", "/api/v1/holidays/2026", NULL, &j), 200);
	assert_string_equal(json_string_value(json_object_get(j, "source")), "file");
	assert_string_equal(json_string_value(json_object_get(json_array_get(json_object_get(j,
	    "days"), 0), "date")), "2026-01-01");
	json_decref(j);
	assert_int_equal(api_call(&SA, "PUT", "/api/v1/holidays/2026",
	    "{\"days\":[{\"date\":\"2026-01-01\",\"kind\":\"off\"}]}", &j), 403);
	json_decref(j);
	assert_int_equal(api_call(&A, "PUT", "/api/v1/holidays/2026",
	    "{\"days\":[{\"date\":\"2026-01-01\",\"kind\":\"rest\"}]}", &j), 422);
	assert_true(api_has_field(j, "days[0].kind"));
	json_decref(j);
	assert_int_equal(api_call(&A, "PUT", "/api/v1/holidays/2026",
	    "{\"days\":[{\"date\":\"2026-01-05\",\"kind\":\"work\"}]}", &j), 422);
	assert_true(api_has_field(j, "days[0].date"));	/* a Monday is no adjusted day */
	json_decref(j);
	assert_int_equal(count("holiday"), 0);
	assert_int_equal(api_call(&A, "PUT", "/api/v1/holidays/2027",
	    "{\"days\":[{\"date\":\"2027-01-01\",\"kind\":\"off\",\"name\":\"元旦\"}]}", &j), 200);
	assert_string_equal(json_string_value(json_object_get(j, "source")), "edited");
	assert_int_equal(json_array_size(json_object_get(j, "days")), 1);
	json_decref(j);
	assert_int_equal(api_call(&A, "GET", "/api/v1/holidays/99999", NULL, &j), 422);
	json_decref(j);
}

static void
test_applicants_alerts_and_roster(void **state)
{
	json_t *j = NULL;
	char *dump, path[400];
	long st;

	(void)state;
	long long id = create(&SA, "吴敏", "500103199208091268", "2026-11-20"), fid;

	/* talk due within 30 days: an alert; documents per step. */
	assert_int_equal(api_call(&SA, "GET", "/api/v1/alerts?kind=pipeline_due&per_page=100", NULL,
	    &j), 200);
	assert_true(json_integer_value(json_object_get(j, "total")) >= 1);
	dump = json_dumps(json_object_get(j, "items"), 0);
	assert_non_null(strstr(dump, "吴敏"));
	free(dump);
	json_decref(j);
	assert_int_equal(api_call(&SA, "GET", "/api/v1/alerts?kind=pipeline_overdue", NULL, &j), 200);
	assert_true(json_integer_value(json_object_get(j, "total")) >= 1);	/* 周岚's step 4 */
	json_decref(j);
	assert_int_equal(api_call(&SB, "GET", "/api/v1/alerts?kind=pipeline_due", NULL, &j), 200);
	assert_int_equal(json_integer_value(json_object_get(j, "total")), 0);
	json_decref(j);
	snprintf(path, sizeof(path), "/api/v1/applicants/%lld/files?step=1&name=a.pdf", id);
	/* The upload is the attachments' route now (issue 19): it answers the
	 * file, the applicant's detail lists it. */
	assert_int_equal(api_call(&SA, "POST", path, "%PDF-1.4 application", &j), 201);
	assert_int_equal(json_integer_value(json_object_get(j, "step")), 1);
	assert_int_equal(json_integer_value(json_object_get(j, "applicant_id")), id);
	json_decref(j);
	snprintf(path, sizeof(path), "/api/v1/applicants/%lld", id);
	assert_int_equal(api_call(&SA, "GET", path, NULL, &j), 200);
	assert_int_equal(json_array_size(json_object_get(j, "files")), 1);
	json_decref(j);
	fid = q1("SELECT MAX(id) FROM attachment WHERE owner_kind = 'applicant' AND owner_id = ?",
	    id);
	snprintf(path, sizeof(path), "/api/v1/applicants/%lld/files?step=1&name=a.txt", id);
	assert_int_equal(api_call(&SA, "POST", path, "plain text", &j), 422);
	assert_true(api_has_field(j, "file"));
	json_decref(j);
	snprintf(path, sizeof(path), "/api/v1/applicants/%lld/files?step=26&name=a.pdf", id);
	assert_int_equal(api_call(&SA, "POST", path, "%PDF-1.4 x", &j), 422);
	assert_true(api_has_field(j, "step"));
	json_decref(j);
	/* ?part= names the step too (the console's one file component), checked alike. */
	snprintf(path, sizeof(path), "/api/v1/applicants/%lld/files?part=0&name=a.pdf", id);
	assert_int_equal(api_call(&SA, "POST", path, "%PDF-1.4 x", &j), 422);
	assert_true(api_has_field(j, "step"));
	json_decref(j);
	assert_int_equal(q1("SELECT COUNT(*) FROM attachment WHERE owner_kind = 'applicant'"
	    " AND owner_id = ?", id), 1);
	snprintf(path, sizeof(path), "/api/v1/applicants/%lld/files?part=2&name=b.pdf", id);
	assert_int_equal(api_call(&SA, "POST", path, "%PDF-1.4 step two", &j), 201);
	assert_int_equal(json_integer_value(json_object_get(j, "step")), 2);
	snprintf(path, sizeof(path), "/api/v1/files/%lld", json_integer_value(json_object_get(j, "id")));
	json_decref(j);
	assert_int_equal(api_call(&SA, "DELETE", path, NULL, NULL), 200);
	assert_int_equal(q1("SELECT COUNT(*) FROM attachment WHERE owner_kind = 'applicant'"
	    " AND owner_id = ?", id), 1);
	snprintf(path, sizeof(path), "/api/v1/applicant-files/%lld", fid);
	assert_int_equal(api_call(&SA, "GET", path, NULL, &j), 200);
	json_decref(j);
	assert_int_equal(api_call(&SB, "GET", path, NULL, &j), 404);
	json_decref(j);
	snprintf(path, sizeof(path), "%s/roster.xlsx", S.dir);
	st = api_get_file(&SA, "/api/v1/applicants.xlsx", path);
	assert_int_equal(st, 200);
	assert_true(sheet_has(path, "发展党员工作台账"));
	assert_true(sheet_has(path, "林晓"));
	assert_true(sheet_has(path, "500103********1233"));
	assert_false(sheet_has(path, "500103199505061233"));
	assert_int_equal(api_get_file(&SB, "/api/v1/applicants.xlsx", path), 200);
	assert_false(sheet_has(path, "林晓") && system("command -v unzip >/dev/null 2>&1") == 0);
	assert_int_equal(api_call(&SA, "GET", "/api/v1/applicants?status=full", NULL, &j), 200);
	assert_int_equal(json_integer_value(json_object_get(j, "total")), 1);
	json_decref(j);
}

/* A register row of school a, nominated and selected in 2023, ready for
 * its outcome. */
static long long
selected_nominee(const char *name)
{
	char body[320];
	json_t *j = NULL;
	long long id;

	snprintf(body, sizeof(body), "{\"org_id\":%lld,\"year\":2023,\"kind\":\"backbone_to_member\","
	    "\"name\":\"%s\",\"nominated_on\":\"2023-09-01\"}", school_a, name);
	assert_int_equal(api_call(&SA, "POST", "/api/v1/cultivation", body, &j), 201);
	id = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	snprintf(body, sizeof(body), "/api/v1/cultivation/%lld/select", id);
	assert_int_equal(api_call(&SA, "POST", body, "{\"selected\":true,\"score\":90,"
	    "\"date\":\"2023-10-01\"}", NULL), 200);
	return id;
}

static long
outcome(struct client *c, long long cid, const char *body, json_t **j)
{
	char path[96];

	snprintf(path, sizeof(path), "/api/v1/cultivation/%lld/outcome", cid);
	return api_call(c, "POST", path, body, j);
}

static long long
admitted_in(int year)
{
	char path[96];
	json_t *j = NULL, *it;
	long long n = 0;
	size_t i;

	snprintf(path, sizeof(path), "/api/v1/cultivation/stats?year=%d", year);
	assert_int_equal(api_call(&SA, "GET", path, NULL, &j), 200);
	json_array_foreach(json_object_get(j, "schools"), i, it)
		n += json_integer_value(json_object_get(it, "admitted"));
	json_decref(j);
	return n;
}

/* CUL-04: joined_pipeline creates the applicant at step 1 in the same
 * transaction (or links the one of the same ID number); bad input names
 * the field and changes nothing; the register shows the step, the
 * pipeline the origin, and admission counts in the statistics. */
static void
test_applicants_from_dual_cultivation(void **state)
{
	long long cid = selected_nominee("柳青"), cid2 = selected_nominee("柳青"), aid;
	long long napp = count("applicant"), admitted = admitted_in(2025);
	char body[320];
	json_t *j = NULL;

	(void)state;
	assert_int_equal(outcome(&SA, cid, "{\"outcome\":\"joined_pipeline\","
	    "\"date\":\"2024-01-10\"}", &j), 422);
	assert_true(api_has_field(j, "id_card"));
	json_decref(j);
	snprintf(body, sizeof(body), "{\"outcome\":\"joined_pipeline\",\"date\":\"2024-01-10\","
	    "\"id_card\":\"500103199002031218\",\"org_id\":%lld}", br_a);
	assert_int_equal(outcome(&SA, cid, body, &j), 422);
	assert_true(api_has_field(j, "id_card"));	/* check digit */
	json_decref(j);
	snprintf(body, sizeof(body), "{\"outcome\":\"joined_pipeline\",\"date\":\"2024-01-10\","
	    "\"id_card\":\"500103199002031219\",\"org_id\":%lld}", br_b);
	assert_int_equal(outcome(&SA, cid, body, &j), 422);
	assert_true(api_has_field(j, "org_id"));	/* another school's branch */
	json_decref(j);
	/* The register's own org is a committee: the branch must be named. */
	assert_int_equal(outcome(&SA, cid, "{\"outcome\":\"joined_pipeline\",\"date\":\"2024-01-10\","
	    "\"id_card\":\"500103199002031219\"}", &j), 422);
	assert_true(api_has_field(j, "org_id"));
	json_decref(j);
	/* Nothing changed: no applicant, the register still selected. */
	assert_int_equal(count("applicant"), napp);
	assert_int_equal(q1("SELECT COUNT(*) FROM cultivation WHERE id = ? AND state = 'selected'"
	    " AND applicant_id IS NULL", cid), 1);
	/* Another school's secretary: not found. */
	snprintf(body, sizeof(body), "{\"outcome\":\"joined_pipeline\",\"date\":\"2024-01-10\","
	    "\"id_card\":\"500103199002031219\",\"org_id\":%lld}", br_a);
	assert_int_equal(outcome(&SB, cid, body, &j), 404);
	json_decref(j);
	assert_int_equal(outcome(&SA, cid, body, &j), 200);
	aid = json_integer_value(json_object_get(j, "applicant_id"));
	assert_true(aid > 0);
	assert_int_equal(json_integer_value(json_object_get(j, "applicant_step")), 1);
	assert_string_equal(json_string_value(json_object_get(j, "applicant_status")), "pipeline");
	json_decref(j);
	assert_int_equal(count("applicant"), napp + 1);
	j = get(&SA, aid, 200);
	assert_int_equal(json_integer_value(json_object_get(j, "cultivation_id")), cid);
	assert_int_equal(json_integer_value(json_object_get(j, "cultivation_year")), 2023);
	assert_string_equal(json_string_value(json_object_get(j, "name")), "柳青");
	assert_string_equal(json_string_value(json_object_get(j, "applied_on")), "2024-01-10");
	json_decref(j);
	/* The same ID number again links the same person, creating nobody. */
	assert_int_equal(outcome(&SA, cid2, body, &j), 200);
	assert_int_equal(json_integer_value(json_object_get(j, "applicant_id")), aid);
	json_decref(j);
	assert_int_equal(count("applicant"), napp + 1);
	/* Admitted at step 17 (assembly 2025-07-01): counted in 2025. */
	walk_to(aid, 17);
	assert_int_equal(admitted_in(2025), admitted + 2);	/* both register rows */
	snprintf(body, sizeof(body), "/api/v1/cultivation/%lld", cid);
	assert_int_equal(api_call(&SA, "GET", body, NULL, &j), 200);
	assert_int_equal(json_integer_value(json_object_get(j, "applicant_step")), 17);
	assert_string_equal(json_string_value(json_object_get(j, "admitted_on")), "2025-07-01");
	json_decref(j);
}

/* A meeting of org of kind on day (15:00), with the first npresent of the
 * branch's active full members present and the rest absent; its id. */
static long long
assembly(long long org, const char *kind, const char *day, int npresent)
{
	char body[8192], at[32];
	json_t *j = NULL;
	struct db *db;
	struct db_rows r;
	long long id;
	int n = 0, i = 0;

	snprintf(at, sizeof(at), "%sT15:00", day);
	snprintf(body, sizeof(body), "{\"org_id\":%lld,\"kind\":\"%s\",\"held_at\":\"%s\","
	    "\"place\":\"会议室\",\"topic\":\"讨论接收预备党员\"}", org, kind, at);
	assert_int_equal(api_call(&A, "POST", "/api/v1/meetings", body, &j), 201);
	id = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	n = snprintf(body, sizeof(body), "{\"items\":[");
	assert_int_equal(db_open(S.db, 0, &db), 0);
	assert_int_equal(db_query(db, &r, "SELECT m.id FROM member m JOIN org o ON o.id = ?"
	    " WHERE m.state = 'active' AND m.status = 'full' AND m.org_path >= o.path AND"
	    " m.org_path < o.path || '~' ORDER BY m.id", DB_I64(org), DB_END), 0);
	while (db_next(&r) == ERR_OK && n < (int)sizeof(body) - 100)
		n += snprintf(body + n, sizeof(body) - (size_t)n, "%s{\"member_id\":%lld,"
		    "\"status\":\"%s\"}", i ? "," : "", (long long)db_i64(&r, 0),
		    i < npresent ? "present" : "absent\",\"reason\":\"公差"), i++;
	db_rows_close(&r);
	db_close(db);
	snprintf(body + n, sizeof(body) - (size_t)n, "]}");
	{
		char path[64];

		snprintf(path, sizeof(path), "/api/v1/meetings/%lld/attendance", id);
		json_t *jj = NULL;
		long st = api_call(&A, "PUT", path, body, &jj);

		if (st != 200) {
			char *d = json_dumps(jj, 0);

			fprintf(stderr, "attendance -> %ld %s\n", st, d ? d : "");
			free(d);
		}
		json_decref(jj);
		assert_int_equal(st, 200);
	}
	return id;
}

static void
step_422(long long id, const char *body, const char *field)
{
	json_t *j = NULL;

	assert_int_equal(step(&SA, id, body, &j), 422);
	assert_true(api_has_field(j, field));
	json_decref(j);
}

/* DEV-15 with the deciding meeting: a branch assembly of the person's
 * branch on the step's date, whose attendance checks the quorum; the
 * flat fields keep working; every refusal changes nothing. */
static void
test_applicants_deciding_meeting(void **state)
{
	long long id = create(&SA, "魏然", "500103199308081235", "2024-01-10");
	long long entitled = q1("SELECT COUNT(*) FROM member m JOIN org o ON o.id = ? WHERE"
	    " m.state = 'active' AND m.status = 'full' AND m.org_path >= o.path AND"
	    " m.org_path < o.path || '~'", br_a);
	long long few, all, wrong_kind, wrong_day, other;
	char body[256];
	json_t *j;

	(void)state;
	assert_true(entitled >= 3);
	walk_to(id, 14);
	few = assembly(br_a, "branch_assembly", "2025-07-01", (int)(entitled / 2));
	all = assembly(br_a, "branch_assembly", "2025-07-01", (int)entitled);
	wrong_kind = assembly(br_a, "committee", "2025-07-01", 0);
	wrong_day = assembly(br_a, "branch_assembly", "2025-07-02", (int)entitled);
	other = assembly(br_b, "branch_assembly", "2025-07-01", 0);
#define S15 "{\"step\":15,\"date\":\"2025-07-01\",\"meeting_id\":%lld,\"yes_votes\":%lld"
	snprintf(body, sizeof(body), S15 "}", few, entitled);
	assert_int_equal(step(&SA, id, body, &j), 422);	/* half present is no quorum */
	assert_string_equal(api_code(j), "DEV-15");
	assert_true(api_has_field(j, "present"));
	json_decref(j);
	snprintf(body, sizeof(body), S15 "}", wrong_kind, entitled);
	step_422(id, body, "meeting_id");
	snprintf(body, sizeof(body), S15 "}", wrong_day, entitled);
	step_422(id, body, "meeting_id");
	snprintf(body, sizeof(body), S15 "}", other, entitled);
	step_422(id, body, "meeting_id");	/* another school's: not in scope */
	snprintf(body, sizeof(body), S15 "}", 999999LL, entitled);
	step_422(id, body, "meeting_id");
	snprintf(body, sizeof(body), S15 ",\"expected\":%lld}", all, entitled, entitled + 1);
	step_422(id, body, "expected");	/* disagrees with the record */
	snprintf(body, sizeof(body), "{\"step\":16,\"date\":\"2025-07-01\",\"meeting_id\":%lld}",
	    all);
	step_422(id, body, "meeting_id");	/* step 16 is no assembly's vote */
	/* Nothing changed. */
	assert_int_equal(q1("SELECT MAX(step) FROM applicant_step WHERE applicant_id = ?", id), 14);
	assert_int_equal(q1("SELECT step FROM applicant WHERE id = ?", id), 14);
	snprintf(body, sizeof(body), S15 "}", all, entitled);
	step_ok(id, body);
#undef S15
	j = get(&SA, id, 200);
	{
		json_t *h = json_array_get(json_object_get(j, "history"), 14);

		assert_int_equal(json_integer_value(json_object_get(h, "step")), 15);
		assert_int_equal(json_integer_value(json_object_get(h, "meeting_id")), all);
		assert_int_equal(json_integer_value(json_object_get(h, "expected")), entitled);
		assert_int_equal(json_integer_value(json_object_get(h, "present")), entitled);
		assert_int_equal(json_integer_value(json_object_get(h, "yes_votes")), entitled);
	}
	json_decref(j);
}

/* Step documents as attachments (issue 19): a secretary of another
 * school gets 404 for the applicant's files, uploads nothing (no row in
 * the database file, no file in the files folder) and deletes nothing; the
 * older download route and the attachments' one give the same bytes. */
static void
test_applicants_files_foreign_owner_and_routes(void **state)
{
	static const char pdf[] = "%PDF-1.4 thought report";
	long long id = create(&SA, "陈思", "500103199409101231", "2024-01-10"), fid;
	long long rows = api_count_rows(&S, "attachment");
	int files = api_count_files(&S);
	char path[128], legacy[96], generic[96];
	json_t *j = NULL;

	(void)state;
	snprintf(path, sizeof(path), "/api/v1/applicants/%lld/files?step=2&name=r.pdf", id);
	assert_int_equal(api_call(&SB, "POST", path, pdf, &j), 404);
	json_decref(j);
	assert_int_equal(api_count_rows(&S, "attachment"), rows);
	assert_int_equal(api_count_files(&S), files);
	snprintf(path, sizeof(path), "/api/v1/applicants/%lld/files", id);
	assert_int_equal(api_call(&SB, "GET", path, NULL, NULL), 404);

	snprintf(path, sizeof(path), "/api/v1/applicants/%lld/files?step=2&name=r.pdf", id);
	assert_int_equal(api_call(&SA, "POST", path, pdf, &j), 201);
	fid = json_integer_value(json_object_get(j, "id"));
	assert_int_equal(json_integer_value(json_object_get(j, "step")), 2);
	json_decref(j);
	assert_int_equal(api_count_rows(&S, "attachment"), rows + 1);
	assert_int_equal(api_count_files(&S), files + 1);
	snprintf(legacy, sizeof(legacy), "/api/v1/applicant-files/%lld", fid);
	snprintf(generic, sizeof(generic), "/api/v1/files/%lld", fid);
	assert_true(api_same_bytes(&SA, legacy, generic, pdf, strlen(pdf)));
	snprintf(path, sizeof(path), "/api/v1/applicants/%lld/files", id);
	assert_int_equal(api_call(&SA, "GET", path, NULL, &j), 200);
	assert_int_equal(json_array_size(json_object_get(j, "items")), 1);
	json_decref(j);

	assert_int_equal(api_call(&SB, "GET", legacy, NULL, NULL), 404);
	assert_int_equal(api_call(&SB, "GET", generic, NULL, NULL), 404);
	assert_int_equal(api_call(&SB, "DELETE", generic, NULL, NULL), 404);
	/* Another kind's older route does not serve it. */
	snprintf(path, sizeof(path), "/api/v1/notice-files/%lld", fid);
	assert_int_equal(api_call(&SA, "GET", path, NULL, NULL), 404);
	assert_int_equal(api_count_rows(&S, "attachment"), rows + 1);
	assert_int_equal(api_count_files(&S), files + 1);
	assert_int_equal(api_call(&SA, "DELETE", generic, NULL, NULL), 200);
	assert_int_equal(api_count_rows(&S, "attachment"), rows);
	assert_int_equal(api_count_files(&S), files);
	assert_int_equal(api_call(&SA, "GET", legacy, NULL, NULL), 404);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_applicants_walk_to_full_member),
		cmocka_unit_test(test_applicants_illegal_steps_change_nothing),
		cmocka_unit_test(test_applicants_extension_then_disqualification),
		cmocka_unit_test(test_applicants_scope),
		cmocka_unit_test(test_applicants_bad_input_names_the_field),
		cmocka_unit_test(test_applicants_holidays),
		cmocka_unit_test(test_applicants_alerts_and_roster),
		cmocka_unit_test(test_applicants_from_dual_cultivation),
		cmocka_unit_test(test_applicants_deciding_meeting),
		cmocka_unit_test(test_applicants_files_foreign_owner_and_routes),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}

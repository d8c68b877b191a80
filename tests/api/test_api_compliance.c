/* test_api_compliance.c: the compliance board, its roll-up and the alert
 * centre over real HTTP (issue 3): a new branch before and after meetings
 * are written into the database, roll-up sums, alerts for a missing
 * quarter, an expiring term, a birthday, dues arrears, a failed quorum and
 * an overdue transfer, scopes, a member's own reminders and bad input.
 * The server's today is fixed at 2026-08-15. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api.h"
#include "core/dates.h"
#include "db/db.h"

#define ADMIN_PW "Hongyan#Admin2026"

static struct srv S;
static struct client A;		/* admin */
static long long pc_a, pc_b;	/* two schools' party committees */
static long long br;		/* a branch made here, founded 2025-01-01, no meetings */
static long long m1, m2;	/* its members: m1 joined in August */

static long long
post_id(const char *path, const char *body)
{
	json_t *j = NULL;
	long long id;

	assert_int_equal(api_call(&A, "POST", path, body, &j), 201);
	id = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	assert_true(id > 0);
	return id;
}

static void
find_committees(void)
{
	json_t *j = NULL, *it;
	size_t i;

	assert_int_equal(api_call(&A, "GET", "/api/v1/orgs", NULL, &j), 200);
	json_array_foreach(json_object_get(j, "items"), i, it) {
		if (strcmp(json_string_value(json_object_get(it, "kind")), "party_committee"))
			continue;
		if (!pc_a)
			pc_a = json_integer_value(json_object_get(it, "id"));
		else if (!pc_b)
			pc_b = json_integer_value(json_object_get(it, "id"));
	}
	json_decref(j);
	assert_true(pc_a > 0 && pc_b > 0);
}

static int
setup(void **state)
{
	char body[512];

	(void)state;
	if (srv_start(&S, 1, NULL) || srv_restart_flag(&S, NULL, "--today", "2026-08-15"))
		return -1;
	client_init(&A, &S);
	api_admin(&A, ADMIN_PW);
	find_committees();
	snprintf(body, sizeof(body), "{\"parent_id\":%lld,\"kind\":\"branch\",\"name\":\"合规测试党支部\","
	    "\"founded_on\":\"2025-01-01\",\"term_started_on\":\"2023-10-01\",\"term_years\":3}", pc_a);
	br = post_id("/api/v1/orgs", body);
	snprintf(body, sizeof(body), "{\"org_id\":%lld,\"name\":\"测试甲\",\"gender\":\"female\","
	    "\"birth_date\":\"1985-03-02\",\"category\":\"in_service\",\"status\":\"full\","
	    "\"joined_on\":\"2010-08-03\",\"full_on\":\"2011-08-03\"}", br);
	m1 = post_id("/api/v1/members", body);
	snprintf(body, sizeof(body), "{\"org_id\":%lld,\"name\":\"测试乙\",\"gender\":\"male\","
	    "\"birth_date\":\"1986-03-02\",\"category\":\"in_service\",\"status\":\"full\","
	    "\"joined_on\":\"2012-03-05\",\"full_on\":\"2013-03-05\"}", br);
	m2 = post_id("/api/v1/members", body);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	client_release(&A);
	srv_stop(&S);
	return 0;
}

/* Writes straight into the database file, as another process would. */
static void
sql(const char *q, ...)
{
	struct db *db;
	struct db_args a = { 0 };
	struct db_param p;
	va_list ap;

	va_start(ap, q);
	while ((p = va_arg(ap, struct db_param)).type != DB_T_END)
		db_args_add(&a, p);
	va_end(ap);
	assert_int_equal(db_open(S.db, 0, &db), 0);
	assert_int_equal(db_execv(db, q, &a), 0);
	db_close(db);
}

/* A meeting of org on YYYY-MM-DD, with its period keys. */
static void
meeting(long long org, const char *kind, const char *on, int quorum_ok)
{
	int32_t d;
	char path[256];
	struct db *db;
	struct db_rows r;

	assert_int_equal(date_parse(on, &d), 0);
	assert_int_equal(db_open(S.db, 0, &db), 0);
	assert_int_equal(db_query(db, &r, "SELECT path FROM org WHERE id = ?", DB_I64(org), DB_END), 0);
	assert_int_equal(db_next(&r), 0);
	snprintf(path, sizeof(path), "%s", db_text(&r, 0));
	db_rows_close(&r);
	assert_int_equal(db_exec(db, "INSERT INTO meeting (org_id, org_path, kind, held_at, ends_at,"
	    " day, month_key, quarter_key, year, quorum_ok, created_at, updated_at)"
	    " VALUES (?,?,?,?,?,?,?,?,?,?,0,0)", DB_I64(org), DB_TEXT(path), DB_TEXT(kind),
	    DB_I64((int64_t)d * 1440 + 900), DB_I64((int64_t)d * 1440 + 990), DB_I64(d),
	    DB_I64(date_month_key(d)), DB_I64(date_quarter_key(d)), DB_I64(date_year(d)),
	    quorum_ok < 0 ? DB_NULL : DB_I64(quorum_ok), DB_END), 0);
	db_close(db);
}

/* The item of rule for org in a compliance answer. */
static json_t *
item(json_t *j, long long org, const char *rule)
{
	json_t *it;
	size_t i;

	json_array_foreach(json_object_get(j, "items"), i, it)
		if (json_integer_value(json_object_get(it, "org_id")) == org &&
		    !strcmp(json_string_value(json_object_get(it, "rule")), rule))
			return it;
	return NULL;
}

static const char *
str(json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));

	return s ? s : "";
}

static json_t *
get(struct client *c, const char *fmt, ...)
{
	char path[512];
	json_t *j = NULL;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(path, sizeof(path), fmt, ap);
	va_end(ap);
	assert_int_equal(api_call(c, "GET", path, NULL, &j), 200);
	return j;
}

/* An alert of kind (and member, when not 0) whose message contains text. */
static int
has_alert(json_t *j, const char *kind, long long member, const char *text)
{
	json_t *it;
	size_t i;

	json_array_foreach(json_object_get(j, "items"), i, it)
		if (!strcmp(str(it, "kind"), kind) && (!member ||
		    json_integer_value(json_object_get(it, "member_id")) == member) &&
		    strstr(str(it, "message"), text))
			return 1;
	return 0;
}

/* ORG-10/13: a meeting on the quarter's last day counts; one on the next
 * quarter's first day does not. */
static void
test_api_compliance_branch_before_after_meetings(void **state)
{
	json_t *j;

	(void)state;
	j = get(&A, "/api/v1/compliance?org_id=%lld&period=2026-Q2", br);
	assert_string_equal(str(item(j, br, "ORG-10"), "status"), "overdue");
	assert_string_equal(str(item(j, br, "ORG-10"), "message"),
	    "2026年第2季度未召开支部党员大会（ORG-10）");
	assert_string_equal(str(item(j, br, "ORG-10"), "org_name"), "合规测试党支部");
	assert_null(item(j, br, "ORG-11"));	/* 2 full members: no committee (ORG-05) */
	assert_int_equal(json_integer_value(json_object_get(json_object_get(j, "rollup"), "orgs")), 1);
	json_decref(j);
	meeting(br, "branch_assembly", "2026-06-30", -1);
	meeting(br, "lecture", "2026-07-01", -1);
	j = get(&A, "/api/v1/compliance?org_id=%lld&period=2026-Q2", br);
	assert_string_equal(str(item(j, br, "ORG-10"), "status"), "done");
	assert_int_equal(json_integer_value(json_object_get(item(j, br, "ORG-10"), "held")), 1);
	assert_string_equal(str(item(j, br, "ORG-13"), "status"), "overdue");
	assert_int_equal(json_integer_value(json_object_get(json_object_get(j, "rollup"), "done")), 1);
	json_decref(j);
	j = get(&A, "/api/v1/compliance?org_id=%lld&period=2026-Q3", br);
	assert_string_equal(str(item(j, br, "ORG-10"), "status"), "due");
	assert_string_equal(str(item(j, br, "ORG-13"), "status"), "done");
	json_decref(j);
	/* status= filters the items, not the roll-up. */
	j = get(&A, "/api/v1/compliance?org_id=%lld&period=2026-Q3&status=done", br);
	assert_int_equal(json_array_size(json_object_get(j, "items")), 1);
	json_decref(j);
}

static long long
tally(json_t *o, const char *k)
{
	return json_integer_value(json_object_get(o, k));
}

/* The roll-up of a school equals its board's, and its children sum to it. */
static void
test_api_compliance_rollup_sums(void **state)
{
	json_t *b, *r, *t, *it;
	long long orgs = 0, over = 0, grp;
	char body[256];
	int seen = 0;
	size_t i;

	(void)state;
	b = get(&A, "/api/v1/compliance?org_id=%lld&period=2026", pc_a);
	r = get(&A, "/api/v1/compliance/rollup?org_id=%lld&period=2026", pc_a);
	t = json_object_get(r, "total");
	assert_true(tally(t, "orgs") >= 2);
	assert_int_equal(tally(t, "orgs"), tally(json_object_get(b, "rollup"), "orgs"));
	assert_int_equal(tally(t, "overdue"), tally(json_object_get(b, "rollup"), "overdue"));
	assert_int_equal(tally(t, "done"), tally(json_object_get(b, "rollup"), "done"));
	json_array_foreach(json_object_get(r, "children"), i, it) {
		orgs += tally(it, "orgs");
		over += tally(it, "overdue");
		seen |= tally(it, "org_id") == br;
	}
	assert_int_equal(orgs, tally(t, "orgs"));
	assert_int_equal(over, tally(t, "overdue"));
	assert_true(seen);
	json_decref(b);
	json_decref(r);
	/* A party group owes its monthly meeting (ORG-12); a branch's roll-up
	 * has the branch and its group as rows. */
	snprintf(body, sizeof(body), "{\"parent_id\":%lld,\"kind\":\"group\",\"name\":\"测试党小组\","
	    "\"founded_on\":\"2025-01-01\"}", br);
	grp = post_id("/api/v1/orgs", body);
	meeting(grp, "group", "2026-07-20", -1);
	b = get(&A, "/api/v1/compliance?org_id=%lld&period=2026-07", br);
	assert_string_equal(str(item(b, grp, "ORG-12"), "status"), "done");
	assert_null(item(b, br, "ORG-12"));
	json_decref(b);
	b = get(&A, "/api/v1/compliance?org_id=%lld&period=2026-08", grp);
	assert_string_equal(str(item(b, grp, "ORG-12"), "status"), "due");
	assert_int_equal(json_array_size(json_object_get(b, "items")), 1);
	json_decref(b);
	r = get(&A, "/api/v1/compliance/rollup?org_id=%lld&period=2026", br);
	assert_int_equal(json_array_size(json_object_get(r, "children")), 2);
	assert_int_equal(tally(json_object_get(r, "total"), "orgs"), 2);
	json_decref(r);
	/* District-wide: one child per school party committee. */
	r = get(&A, "/api/v1/compliance/rollup?period=2026-Q2");
	assert_true(json_array_size(json_object_get(r, "children")) >= 1);
	assert_true(json_array_size(json_object_get(r, "groups")) >= 1);
	json_decref(r);
}

/* Missing quarter (ORG-10), expiring term (ORG-07), birthday, arrears (DUES-09). */
static void
test_api_alerts_present(void **state)
{
	json_t *j;

	(void)state;
	j = get(&A, "/api/v1/alerts?org_id=%lld&per_page=100", br);
	assert_true(has_alert(j, "meeting_overdue", 0, "2026年第1季度未召开支部党员大会（ORG-10）"));
	assert_true(has_alert(j, "term_expiring", 0, "2026-10-01"));
	assert_true(has_alert(j, "meeting_missing", 0, "2026年第3季度尚未召开支部党员大会，期限至2026-09-30"));
	assert_true(has_alert(j, "birthday", m1, "8月3日"));
	assert_false(has_alert(j, "birthday", m2, ""));
	assert_false(has_alert(j, "dues_arrears", 0, ""));
	json_decref(j);
	/* m1 owes from April: April to July unpaid (4 months, warning). */
	sql("INSERT INTO dues_setting (member_id, category, base_fen, from_month, monthly_fen, rule,"
	    " created_at) VALUES (?, 'in_service', 300000, 202604, 1500, 'DUES-02', 0)", DB_I64(m1),
	    DB_END);
	/* m2 owes from January and paid only February: 6 in a row (critical). */
	sql("INSERT INTO dues_setting (member_id, category, base_fen, from_month, monthly_fen, rule,"
	    " created_at) VALUES (?, 'in_service', 300000, 202601, 1500, 'DUES-02', 0)", DB_I64(m2),
	    DB_END);
	sql("INSERT INTO dues_payment (member_id, org_id, org_path, month_key, amount_fen, paid_on,"
	    " method, created_at) VALUES (?, ?, '', 202601, 1500, '2026-01-10', 'cash', 0)",
	    DB_I64(m2), DB_I64(br), DB_END);
	j = get(&A, "/api/v1/alerts?org_id=%lld&kind=dues_arrears", br);
	assert_int_equal(json_integer_value(json_object_get(j, "total")), 2);
	assert_true(has_alert(j, "dues_arrears", m1, "4个月党费未交纳（DUES-09）"));
	assert_true(has_alert(j, "dues_arrears", m2, "已连续6个月未交纳党费"));
	json_decref(j);
	j = get(&A, "/api/v1/alerts?org_id=%lld&kind=dues_arrears&severity=critical", br);
	assert_int_equal(json_integer_value(json_object_get(j, "total")), 1);
	assert_true(has_alert(j, "dues_arrears", m2, ""));
	json_decref(j);
	/* Paying July leaves m1 with 3 unpaid months: still an alert. */
	sql("INSERT INTO dues_payment (member_id, org_id, org_path, month_key, amount_fen, paid_on,"
	    " method, created_at) VALUES (?, ?, '', 202607, 1500, '2026-07-10', 'cash', 0)",
	    DB_I64(m1), DB_I64(br), DB_END);
	j = get(&A, "/api/v1/alerts?org_id=%lld&kind=dues_arrears", br);
	assert_true(has_alert(j, "dues_arrears", m1, "3个月"));
	json_decref(j);
	sql("INSERT INTO dues_payment (member_id, org_id, org_path, month_key, amount_fen, paid_on,"
	    " method, created_at) VALUES (?, ?, '', 202606, 1500, '2026-07-10', 'cash', 0)",
	    DB_I64(m1), DB_I64(br), DB_END);
	j = get(&A, "/api/v1/alerts?org_id=%lld&kind=dues_arrears", br);
	assert_false(has_alert(j, "dues_arrears", m1, ""));
	json_decref(j);
}

/* ORG-11 quorum, XFER-03 overdue transfer, explicit exemption. */
static void
test_api_alerts_quorum_transfer_exemption(void **state)
{
	json_t *j;

	(void)state;
	meeting(br, "committee", "2026-05-06", 0);
	j = get(&A, "/api/v1/alerts?org_id=%lld&kind=quorum", br);
	assert_int_equal(json_integer_value(json_object_get(j, "total")), 1);
	assert_true(has_alert(j, "quorum", 0, "2026-05-06T15:00"));
	json_decref(j);
	sql("INSERT INTO transfer (member_id, direction, from_org_id, from_org_path, state,"
	    " valid_until, created_at, updated_at) SELECT ?, 'out', id, path, 'in_transit',"
	    " '2026-07-01', 0, 0 FROM org WHERE id = ?", DB_I64(m2), DB_I64(br), DB_END);
	j = get(&A, "/api/v1/alerts?org_id=%lld&kind=transfer_overdue", br);
	assert_int_equal(json_integer_value(json_object_get(j, "total")), 1);
	assert_true(has_alert(j, "transfer_overdue", m2, "2026-07-01"));
	json_decref(j);
	sql("INSERT INTO compliance_exemption (org_id, rule, period, reason, created_at)"
	    " VALUES (?, 'ORG-13', '2026-Q2', '学校整体搬迁', 0)", DB_I64(br), DB_END);
	j = get(&A, "/api/v1/compliance?org_id=%lld&period=2026-Q2", br);
	assert_string_equal(str(item(j, br, "ORG-13"), "status"), "exempt");
	assert_non_null(strstr(str(item(j, br, "ORG-13"), "message"), "学校整体搬迁"));
	json_decref(j);
}

/* Creates a user through the API and logs a client in with a changed password. */
static void
user_client(struct client *c, const char *body, const char *name)
{
	assert_int_equal(api_user_client(&A, c, body, name), 0);
}

/* A member sees only their own reminders (dues, birthday), nothing else. */
static void
test_api_alerts_member_sees_own(void **state)
{
	struct client m;
	json_t *j, *it;
	char body[256], path[96];
	size_t i;

	(void)state;
	sql("INSERT INTO dues_setting (member_id, category, base_fen, from_month, monthly_fen, rule,"
	    " created_at) VALUES (?, 'in_service', 300000, 202601, 1500, 'DUES-02', 0)", DB_I64(m1),
	    DB_END);
	snprintf(body, sizeof(body), "{\"username\":\"alertm1\",\"role\":\"member\",\"member_id\":%lld}",
	    m1);
	user_client(&m, body, "alertm1");
	j = get(&m, "/api/v1/alerts");
	assert_true(json_integer_value(json_object_get(j, "total")) >= 1);
	assert_true(has_alert(j, "birthday", m1, ""));
	json_array_foreach(json_object_get(j, "items"), i, it) {
		assert_int_equal(json_integer_value(json_object_get(it, "member_id")), m1);
		assert_true(!strcmp(str(it, "kind"), "birthday") || !strcmp(str(it, "kind"),
		    "dues_arrears"));
	}
	json_decref(j);
	assert_int_equal(api_call(&m, "GET", "/api/v1/compliance", NULL, NULL), 403);
	snprintf(path, sizeof(path), "/api/v1/alerts?org_id=%lld", pc_a);
	assert_int_equal(api_call(&m, "GET", path, NULL, NULL), 404);
	client_release(&m);
}

/* A secretary of school A gets 404 for school B, 200 for their own. */
static void
test_api_compliance_secretary_scope(void **state)
{
	struct client s;
	char body[256], path[128];
	json_t *j;

	(void)state;
	snprintf(body, sizeof(body), "{\"username\":\"compsec\",\"role\":\"secretary\",\"scope\":[%lld]}",
	    pc_a);
	user_client(&s, body, "compsec");
	snprintf(path, sizeof(path), "/api/v1/compliance?org_id=%lld&period=2026", pc_b);
	assert_int_equal(api_call(&s, "GET", path, NULL, NULL), 404);
	snprintf(path, sizeof(path), "/api/v1/compliance/rollup?org_id=%lld&period=2026", pc_b);
	assert_int_equal(api_call(&s, "GET", path, NULL, NULL), 404);
	snprintf(path, sizeof(path), "/api/v1/alerts?org_id=%lld", pc_b);
	assert_int_equal(api_call(&s, "GET", path, NULL, NULL), 404);
	/* Without org_id: their school only. */
	j = get(&s, "/api/v1/compliance?period=2026-Q2");
	assert_non_null(item(j, br, "ORG-10"));
	json_decref(j);
	j = get(&s, "/api/v1/compliance/rollup?period=2026");
	assert_int_equal(json_integer_value(json_object_get(j, "org_id")), pc_a);
	json_decref(j);
	client_release(&s);
}

static void
expect_422(const char *path, const char *field)
{
	json_t *j = NULL;

	assert_int_equal(api_call(&A, "GET", path, NULL, &j), 422);
	assert_true(api_has_field(j, field));
	json_decref(j);
}

static void
test_api_compliance_bad_input(void **state)
{
	(void)state;
	expect_422("/api/v1/compliance?period=2026-Q5", "period");
	expect_422("/api/v1/compliance?period=2026-13", "period");
	expect_422("/api/v1/compliance?period=26", "period");
	expect_422("/api/v1/compliance?org_id=abc&period=2026", "org_id");
	expect_422("/api/v1/compliance?org_id=0", "org_id");
	expect_422("/api/v1/compliance?status=late", "status");
	expect_422("/api/v1/compliance/rollup?period=2026-Q0", "period");
	expect_422("/api/v1/alerts?kind=nope", "kind");
	expect_422("/api/v1/alerts?severity=fatal", "severity");
	expect_422("/api/v1/alerts?org_id=-3", "org_id");
	assert_int_equal(api_call(&A, "GET", "/api/v1/compliance?org_id=999999", NULL, NULL), 404);
}

static int
kind_index(const char *kind)
{
	static const char *const order[] = { "meeting_overdue", "meeting_missing", "quorum",
		"term_overdue", "term_expiring", "transfer_overdue", "dues_arrears", "birthday",
		"checkin", "pipeline_overdue", "pipeline_due", "brand_overdue", "training_below_min" };

	for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++)
		if (!strcmp(order[i], kind))
			return (int)i;
	return -1;
}

/* Where an alert sorts: by kind alone, or (the default) critical before
 * warning before info and by kind within each. */
static int
alert_rank(json_t *it, int by_kind)
{
	const char *sev = str(it, "severity");
	int s = !strcmp(sev, "critical") ? 0 : !strcmp(sev, "warning") ? 1 : 2;

	return by_kind ? kind_index(str(it, "kind")) : s * 100 + kind_index(str(it, "kind"));
}

/* Walks every page of school a's alerts (sort given or default) checking
 * the order; returns the total, *seen the alerts walked and *term whether
 * the expired term of org old was among them. */
static long long
walk_alerts(const char *sort, long long old, long long *seen, int *term)
{
	long long total = -1;
	int last = 0;
	json_t *j, *it;
	size_t i;

	*seen = 0;
	*term = 0;
	for (int page = 1; page < 100; page++) {
		j = get(&A, "/api/v1/alerts?org_id=%lld&per_page=7&page=%d%s", pc_a, page, sort);
		total = json_integer_value(json_object_get(j, "total"));
		if (!json_array_size(json_object_get(j, "items"))) {
			json_decref(j);
			break;
		}
		json_array_foreach(json_object_get(j, "items"), i, it) {
			int k = alert_rank(it, *sort != '\0');

			assert_true(kind_index(str(it, "kind")) >= 0);
			assert_true(k >= last);
			last = k;
			(*seen)++;
			if (!strcmp(str(it, "kind"), "term_overdue") &&
			    json_integer_value(json_object_get(it, "org_id")) == old) {
				assert_string_equal(str(it, "severity"), "critical");
				assert_string_equal(str(it, "rule"), "ORG-07");
				assert_non_null(strstr(str(it, "message"), "2023-01-01"));
				*term = 1;
			}
		}
		json_decref(j);
	}
	return total;
}

/* Pages of a school's alerts add up to the total, the most severe first
 * (or in the documented kind order with sort=kind), with an expired term
 * (ORG-07, critical) among them. */
static void
test_api_alerts_pages_and_expired_term(void **state)
{
	char body[256];
	long long total, seen, old, crit;
	int term;
	struct client anon;
	json_t *j, *it;
	size_t i;

	(void)state;
	snprintf(body, sizeof(body), "{\"parent_id\":%lld,\"kind\":\"branch\",\"name\":\"换届逾期党支部\","
	    "\"founded_on\":\"2015-01-01\",\"term_started_on\":\"2020-01-01\"}", pc_a);
	old = post_id("/api/v1/orgs", body);
	total = walk_alerts("", old, &seen, &term);
	assert_true(total > 7);
	assert_int_equal(seen, total);
	assert_true(term);
	j = get(&A, "/api/v1/alerts?org_id=%lld&per_page=1", pc_a);
	assert_string_equal(str(json_array_get(json_object_get(j, "items"), 0), "severity"),
	    "critical");
	/* The counts by severity cover every page and add up to the total. */
	it = json_object_get(j, "severity_totals");
	assert_true(json_integer_value(json_object_get(it, "critical")) >= 1);
	assert_int_equal(json_integer_value(json_object_get(it, "critical")) +
	    json_integer_value(json_object_get(it, "warning")) +
	    json_integer_value(json_object_get(it, "info")), total);
	crit = json_integer_value(json_object_get(it, "critical"));
	json_decref(j);
	assert_int_equal(walk_alerts("&sort=kind", old, &seen, &term), total);
	assert_int_equal(seen, total);
	assert_true(term);
	j = get(&A, "/api/v1/alerts?org_id=%lld&severity=critical&per_page=100", pc_a);
	json_array_foreach(json_object_get(j, "items"), i, it)
		assert_string_equal(str(it, "severity"), "critical");
	assert_int_equal(json_integer_value(json_object_get(j, "total")), crit);
	assert_int_equal(json_integer_value(json_object_get(json_object_get(j, "severity_totals"),
	    "critical")), crit);
	assert_null(json_object_get(json_object_get(j, "severity_totals"), "warning"));
	json_decref(j);
	/* No session: 401. */
	client_init(&anon, &S);
	assert_int_equal(api_call(&anon, "GET", "/api/v1/alerts", NULL, NULL), 401);
	assert_int_equal(api_call(&anon, "GET", "/api/v1/compliance", NULL, NULL), 401);
	client_release(&anon);
}

/* A rule set to 0 in configuration is not required (ORG-13 is a local rule). */
static void
test_api_compliance_rule_off_by_config(void **state)
{
	json_t *j;

	(void)state;
	assert_int_equal(srv_restart_flag(&S, "HONGYAN_ORG13_PER_QUARTER=0", "--today", "2026-08-15"),
	    0);
	client_release(&A);
	client_init(&A, &S);
	assert_int_equal(api_login(&A, API_DISTRICT_USER, ADMIN_PW), 200);
	j = get(&A, "/api/v1/compliance?org_id=%lld&period=2026-Q2", br);
	assert_null(item(j, br, "ORG-13"));
	assert_non_null(item(j, br, "ORG-10"));
	json_decref(j);
}

/* District staff waive a requirement through the API (with the reason),
 * the board shows it exempt, and taking the waiver back restores it. */
static void
test_api_compliance_exemptions_api(void **state)
{
	struct client sec;
	json_t *j = NULL;
	char body[512];
	long long id, before;

	(void)state;
	j = get(&A, "/api/v1/compliance?org_id=%lld&period=2025-Q3", br);
	assert_string_equal(str(item(j, br, "ORG-10"), "status"), "overdue");
	json_decref(j);
	j = get(&A, "/api/v1/compliance/exemptions?org_id=%lld", br);
	before = json_integer_value(json_object_get(j, "total"));
	json_decref(j);
	/* Bad input names the field and adds nothing. */
	snprintf(body, sizeof(body), "{\"org_id\":%lld,\"rule\":\"ORG-99\",\"period\":"
	    "\"2025-Q5\",\"reason\":\"\"}", br);
	assert_int_equal(api_call(&A, "POST", "/api/v1/compliance/exemptions", body, &j), 422);
	assert_true(api_has_field(j, "reason"));
	json_decref(j);
	snprintf(body, sizeof(body), "{\"org_id\":%lld,\"rule\":\"ORG-99\",\"period\":"
	    "\"2025-Q5\",\"reason\":\"停课\"}", pc_a);
	assert_int_equal(api_call(&A, "POST", "/api/v1/compliance/exemptions", body, &j), 422);
	assert_true(api_has_field(j, "rule") && api_has_field(j, "period") &&
	    api_has_field(j, "org_id"));
	json_decref(j);
	j = get(&A, "/api/v1/compliance/exemptions?org_id=%lld", br);
	assert_int_equal(json_integer_value(json_object_get(j, "total")), before);
	json_decref(j);
	/* A secretary may read, not grant. */
	snprintf(body, sizeof(body), "{\"username\":\"exempt_sec\",\"role\":\"secretary\","
	    "\"scope\":[%lld]}", pc_a);
	user_client(&sec, body, "exempt_sec");
	snprintf(body, sizeof(body), "{\"org_id\":%lld,\"rule\":\"ORG-10\",\"period\":"
	    "\"2025-Q3\",\"reason\":\"校舍改造停课\"}", br);
	assert_int_equal(api_call(&sec, "POST", "/api/v1/compliance/exemptions", body, NULL), 403);
	assert_int_equal(api_call(&A, "POST", "/api/v1/compliance/exemptions", body, &j), 201);
	id = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	assert_int_equal(api_call(&A, "POST", "/api/v1/compliance/exemptions", body, NULL), 409);
	j = get(&sec, "/api/v1/compliance?org_id=%lld&period=2025-Q3", br);
	assert_string_equal(str(item(j, br, "ORG-10"), "status"), "exempt");
	assert_non_null(strstr(str(item(j, br, "ORG-10"), "message"), "校舍改造停课"));
	json_decref(j);
	j = get(&A, "/api/v1/audit?entity=compliance_exemption&entity_id=%lld", id);
	assert_int_equal(json_integer_value(json_object_get(j, "total")), 1);
	json_decref(j);
	snprintf(body, sizeof(body), "/api/v1/compliance/exemptions/%lld", id);
	assert_int_equal(api_call(&sec, "DELETE", body, NULL, NULL), 403);
	assert_int_equal(api_call(&A, "DELETE", body, NULL, NULL), 200);
	assert_int_equal(api_call(&A, "DELETE", body, NULL, NULL), 404);
	j = get(&A, "/api/v1/compliance?org_id=%lld&period=2025-Q3", br);
	assert_string_equal(str(item(j, br, "ORG-10"), "status"), "overdue");
	json_decref(j);
	client_release(&sec);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_api_compliance_branch_before_after_meetings),
		cmocka_unit_test(test_api_compliance_rollup_sums),
		cmocka_unit_test(test_api_alerts_present),
		cmocka_unit_test(test_api_alerts_quorum_transfer_exemption),
		cmocka_unit_test(test_api_alerts_member_sees_own),
		cmocka_unit_test(test_api_compliance_secretary_scope),
		cmocka_unit_test(test_api_compliance_bad_input),
		cmocka_unit_test(test_api_alerts_pages_and_expired_term),
		cmocka_unit_test(test_api_compliance_exemptions_api),
		cmocka_unit_test(test_api_compliance_rule_off_by_config),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}

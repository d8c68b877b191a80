/* test_compliance.c: the compliance engine (ORG-05, ORG-07, ORG-10…17) on
 * hand-made calendars: quarter edges, a branch founded mid-quarter, a leap
 * February, meetings on the last day of a period and the first of the next. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "auth/crypto.h"
#include "core/config.h"
#include "core/dates.h"
#include "core/log.h"
#include "db/db.h"
#include "db/migrate.h"
#include "party/compliance.h"
#include "party/demo_life.h"

static int32_t
day(const char *s)
{
	int32_t d;

	assert_int_equal(date_parse(s, &d), 0);
	return d;
}

/* Records a meeting of kind on date s into c, as the store's grouped query
 * would (by the date's month, when its year is year). */
static void
hold(struct compliance_counts *c, int year, enum compliance_kind k, const char *s)
{
	int32_t d = day(s);

	if (date_year(d) == year)
		c->n[k][date_to_ymd(d).m - 1]++;
}

static const struct compliance_item *
find(const struct compliance_item *it, int n, const char *rule)
{
	for (int i = 0; i < n; i++)
		if (!strcmp(it[i].rule, rule))
			return &it[i];
	return NULL;
}

struct fx {
	struct compliance_rules r;
	struct compliance_org o;
	struct compliance_counts c;
	struct compliance_item it[REQ_COUNT];
	struct period p;
	int n;
};

static void
fx_init(struct fx *f, const char *kind, int full)
{
	memset(f, 0, sizeof(*f));
	compliance_rules_default(&f->r);
	f->o.kind = kind;
	f->o.founded = COMPLIANCE_NO_DAY;
	f->o.full_members = full;
}

static const struct compliance_item *
eval(struct fx *f, const char *period, const char *today, const char *rule)
{
	assert_int_equal(period_parse(period, &f->p), 0);
	f->n = compliance_evaluate(&f->r, &f->o, &f->p, day(today), &f->c, NULL, 0, f->it);
	return find(f->it, f->n, rule);
}

static void
test_compliance_period_parse(void **state)
{
	struct period p;
	char l[32];

	(void)state;
	assert_int_equal(period_parse("2026-Q3", &p), 0);
	assert_int_equal(p.first, day("2026-07-01"));
	assert_int_equal(p.last, day("2026-09-30"));
	period_label(&p, l);
	assert_string_equal(l, "2026年第3季度");
	assert_int_equal(period_parse("2024-02", &p), 0);
	assert_int_equal(p.last, day("2024-02-29"));	/* leap year */
	assert_int_equal(period_parse("2026", &p), 0);
	assert_int_equal(p.last, day("2026-12-31"));
	assert_string_equal(p.text, "2026");
	assert_int_equal(period_parse("2026-Q5", &p), -1);
	assert_int_equal(period_parse("2026-13", &p), -1);
	assert_int_equal(period_parse("2026-7", &p), -1);
	assert_int_equal(period_parse("26", &p), -1);
	assert_int_equal(period_parse("", &p), -1);
	assert_int_equal(period_parse(NULL, &p), -1);
	assert_int_equal(period_parse("2026-Q3x", &p), -1);
}

/* ORG-10: the message names the quarter and the rule. */
static void
test_compliance_org10_quarter_overdue_message(void **state)
{
	struct fx f;
	const struct compliance_item *it;

	(void)state;
	fx_init(&f, "branch", 5);
	it = eval(&f, "2026-Q3", "2026-10-01", "ORG-10");
	assert_non_null(it);
	assert_int_equal(it->status, CS_OVERDUE);
	assert_int_equal(it->required, 1);
	assert_int_equal(it->held, 0);
	assert_string_equal(it->message, "2026年第3季度未召开支部党员大会（ORG-10）");
	/* On the quarter's last day it is still due. */
	it = eval(&f, "2026-Q3", "2026-09-30", "ORG-10");
	assert_int_equal(it->status, CS_DUE);
	assert_non_null(strstr(it->message, "期限至2026-09-30"));
}

/* A meeting on the last day of a quarter counts for it; one on the first
 * day of the next quarter does not. */
static void
test_compliance_quarter_edges(void **state)
{
	struct fx f;
	const struct compliance_item *it;

	(void)state;
	fx_init(&f, "branch", 5);
	hold(&f.c, 2026, CK_BRANCH_ASSEMBLY, "2026-10-01");
	it = eval(&f, "2026-Q3", "2026-10-02", "ORG-10");
	assert_int_equal(it->status, CS_OVERDUE);
	assert_int_equal(it->held, 0);
	hold(&f.c, 2026, CK_BRANCH_ASSEMBLY, "2026-09-30");
	it = eval(&f, "2026-Q3", "2026-10-02", "ORG-10");
	assert_int_equal(it->status, CS_DONE);
	assert_int_equal(it->held, 1);
	assert_string_equal(it->message, "2026年第3季度已召开支部党员大会1次（ORG-10）");
	/* The Q4 meeting counts for Q4 (today inside Q4: done). */
	it = eval(&f, "2026-Q4", "2026-10-02", "ORG-10");
	assert_int_equal(it->status, CS_DONE);
	/* A year-end meeting (Dec 31) is not counted in the next year's Q1. */
	fx_init(&f, "branch", 5);
	hold(&f.c, 2027, CK_BRANCH_ASSEMBLY, "2026-12-31");
	it = eval(&f, "2027-Q1", "2027-04-01", "ORG-10");
	assert_int_equal(it->status, CS_OVERDUE);
}

/* A branch founded after the quarter began is exempt for it, with the
 * reason; the next quarter applies. */
static void
test_compliance_founded_mid_quarter_exempt(void **state)
{
	struct fx f;
	const struct compliance_item *it;

	(void)state;
	fx_init(&f, "branch", 5);
	f.o.founded = day("2026-08-10");
	it = eval(&f, "2026-Q3", "2026-10-15", "ORG-10");
	assert_int_equal(it->status, CS_EXEMPT);
	assert_int_equal(it->required, 0);
	assert_string_equal(it->message, "该支部成立于2026-08-10，2026年第3季度支部党员大会免于考核（ORG-10）");
	it = eval(&f, "2026-Q4", "2026-10-15", "ORG-10");
	assert_int_equal(it->status, CS_DUE);
	/* Monthly ORG-14: August exempt, September overdue in the quarter. */
	it = eval(&f, "2026-Q3", "2026-10-15", "ORG-14");
	assert_int_equal(it->status, CS_OVERDUE);
	assert_int_equal(it->required, 1);
	assert_string_equal(it->message, "2026年9月未召开主题党日（ORG-14）");
	/* Founded on the first day of the period: not exempt. */
	f.o.founded = day("2026-07-01");
	it = eval(&f, "2026-Q3", "2026-10-15", "ORG-10");
	assert_int_equal(it->status, CS_OVERDUE);
}

/* Leap February: a meeting on Feb 29 counts for February and Q1. */
static void
test_compliance_leap_february(void **state)
{
	struct fx f;
	const struct compliance_item *it;

	(void)state;
	fx_init(&f, "branch", 5);
	hold(&f.c, 2028, CK_THEME_DAY, "2028-02-29");
	it = eval(&f, "2028-02", "2028-02-29", "ORG-14");
	assert_int_equal(it->status, CS_DONE);
	it = eval(&f, "2028-02", "2028-03-01", "ORG-14");
	assert_int_equal(it->status, CS_DONE);
	fx_init(&f, "branch", 5);
	it = eval(&f, "2028-02", "2028-02-29", "ORG-14");
	assert_int_equal(it->status, CS_DUE);
	assert_non_null(strstr(it->message, "期限至2028-02-29"));
	it = eval(&f, "2028-02", "2028-03-01", "ORG-14");
	assert_int_equal(it->status, CS_OVERDUE);
}

/* A year period judges monthly rules month by month up to today. */
static void
test_compliance_year_monthly_up_to_today(void **state)
{
	struct fx f;
	const struct compliance_item *it;

	(void)state;
	fx_init(&f, "branch", 5);
	for (int m = 1; m <= 12; m++) {
		char s[24];

		snprintf(s, sizeof(s), "2026-%02d-15", m);
		if (m != 3 && m != 5)
			hold(&f.c, 2026, CK_THEME_DAY, s);
	}
	it = eval(&f, "2026", "2026-04-20", "ORG-14");
	assert_int_equal(it->required, 4);	/* January to April */
	assert_int_equal(it->held, 3);
	assert_int_equal(it->status, CS_OVERDUE);
	assert_string_equal(it->message, "2026年3月未召开主题党日（ORG-14）");
	it = eval(&f, "2026", "2027-01-05", "ORG-14");
	assert_int_equal(it->required, 12);
	assert_string_equal(it->message, "2026年3月、5月未召开主题党日（ORG-14）");
	/* Three or more months in a row read as a range. */
	fx_init(&f, "branch", 5);
	hold(&f.c, 2026, CK_THEME_DAY, "2026-05-15");
	it = eval(&f, "2026", "2026-09-10", "ORG-14");
	assert_string_equal(it->message, "2026年1月至4月、6月至8月未召开主题党日（ORG-14）");
	it = eval(&f, "2026", "2026-07-10", "ORG-14");
	assert_string_equal(it->message, "2026年1月至4月、6月未召开主题党日（ORG-14）");
	/* Beside the overdue months, July is still open: a reminder. */
	assert_int_equal(it->status, CS_OVERDUE);
	assert_string_equal(it->reminder, "2026年7月尚未召开主题党日，期限至2026-07-31（ORG-14）");
	/* Quarterly lectures in a year: Q1 missing. */
	hold(&f.c, 2026, CK_LECTURE, "2026-04-01");
	it = eval(&f, "2026", "2026-05-01", "ORG-13");
	assert_int_equal(it->required, 2);
	assert_string_equal(it->message, "2026年第1季度未召开党课（ORG-13）");
}

/* ORG-15: the yearly org-life meeting stays due until the year (Q4) ends. */
static void
test_compliance_org15_due_until_year_end(void **state)
{
	struct fx f;
	const struct compliance_item *it;

	(void)state;
	fx_init(&f, "branch", 5);
	it = eval(&f, "2026-Q2", "2026-12-31", "ORG-15");
	assert_int_equal(it->status, CS_DUE);
	it = eval(&f, "2026", "2027-01-01", "ORG-15");
	assert_int_equal(it->status, CS_OVERDUE);
	assert_string_equal(it->message, "2026年未召开组织生活会（ORG-15）");
	hold(&f.c, 2026, CK_ORG_LIFE, "2026-12-20");
	it = eval(&f, "2026", "2027-01-01", "ORG-15");
	assert_int_equal(it->status, CS_DONE);
	/* Judged for Q2, a December meeting is after the period's end. */
	it = eval(&f, "2026-Q2", "2027-01-01", "ORG-15");
	assert_int_equal(it->status, CS_OVERDUE);
}

/* ORG-05/ORG-11: committee meetings only from 7 full members; ORG-12 for groups only. */
static void
test_compliance_applicability(void **state)
{
	struct fx f;

	(void)state;
	fx_init(&f, "branch", 6);
	assert_null(eval(&f, "2026-07", "2026-07-10", "ORG-11"));
	assert_null(find(f.it, f.n, "ORG-12"));
	assert_int_equal(f.n, 6);
	fx_init(&f, "branch", 7);
	assert_non_null(eval(&f, "2026-07", "2026-07-10", "ORG-11"));
	assert_int_equal(f.n, 7);
	fx_init(&f, "group", 0);
	assert_non_null(eval(&f, "2026-07", "2026-07-10", "ORG-12"));
	assert_int_equal(f.n, 1);
	fx_init(&f, "general_branch", 30);
	assert_null(eval(&f, "2026-07", "2026-07-10", "ORG-10"));
	assert_int_equal(f.n, 0);
	/* A frequency of 0 turns a rule off; 2 raises the bar. */
	fx_init(&f, "branch", 5);
	f.r.per[REQ_ORG13] = 0;
	assert_null(eval(&f, "2026-Q3", "2026-07-10", "ORG-13"));
	f.r.per[REQ_ORG10] = 2;
	hold(&f.c, 2026, CK_BRANCH_ASSEMBLY, "2026-07-09");
	assert_int_equal(eval(&f, "2026-Q3", "2026-10-01", "ORG-10")->status, CS_OVERDUE);
	assert_string_equal(eval(&f, "2026-Q3", "2026-10-01", "ORG-10")->message,
	    "2026年第3季度支部党员大会召开1次，应至少2次（ORG-10）");
}

/* Explicit exemptions name their reason; a period in the future is all due. */
static void
test_compliance_explicit_exemption_and_future(void **state)
{
	struct fx f;
	struct compliance_exemption ex = { "ORG-10", "2026-Q2", "学校整体搬迁" };
	const struct compliance_item *it;

	(void)state;
	fx_init(&f, "branch", 5);
	period_parse("2026-Q2", &f.p);
	f.n = compliance_evaluate(&f.r, &f.o, &f.p, day("2026-08-01"), &f.c, &ex, 1, f.it);
	it = find(f.it, f.n, "ORG-10");
	assert_int_equal(it->status, CS_EXEMPT);
	assert_string_equal(it->message, "2026年第2季度支部党员大会免于考核：学校整体搬迁（ORG-10）");
	/* In the year, Q2 is waived and Q1 is still missing. */
	period_parse("2026", &f.p);
	f.n = compliance_evaluate(&f.r, &f.o, &f.p, day("2026-08-01"), &f.c, &ex, 1, f.it);
	it = find(f.it, f.n, "ORG-10");
	assert_int_equal(it->required, 2);	/* Q1 and Q3 */
	assert_string_equal(it->message, "2026年第1季度未召开支部党员大会（ORG-10）");
	it = eval(&f, "2027", "2026-08-01", "ORG-14");
	assert_int_equal(it->status, CS_DUE);
	assert_int_equal(it->required, 12);
}

/* ORG-07: 5 years for committees, 3 for branches; reminders 6 and 1 months before. */
static void
test_compliance_terms(void **state)
{
	struct compliance_rules r;
	int32_t exp = 0;

	(void)state;
	compliance_rules_default(&r);
	assert_int_equal(compliance_term(&r, "branch", day("2023-09-01"), 0, day("2026-02-28"),
	    &exp), TERM_OK);
	assert_int_equal(exp, day("2026-09-01"));
	assert_int_equal(compliance_term(&r, "branch", day("2023-09-01"), 0, day("2026-03-01"),
	    &exp), TERM_WARN);
	assert_int_equal(compliance_term(&r, "branch", day("2023-09-01"), 0, day("2026-08-01"),
	    &exp), TERM_URGENT);
	assert_int_equal(compliance_term(&r, "branch", day("2023-09-01"), 0, day("2026-09-01"),
	    &exp), TERM_OVERDUE);
	assert_int_equal(compliance_term(&r, "party_committee", day("2021-09-01"), 0,
	    day("2026-08-31"), &exp), TERM_URGENT);
	assert_int_equal(exp, day("2026-09-01"));
	assert_int_equal(compliance_term(&r, "branch", day("2024-02-29"), 2, day("2025-01-01"),
	    &exp), TERM_OK);
	assert_int_equal(exp, day("2026-02-28"));	/* leap day clamps */
	assert_int_equal(compliance_term(&r, "group", day("2024-01-01"), 0, day("2030-01-01"), &exp),
	    TERM_NONE);
	assert_int_equal(compliance_term(&r, "branch", COMPLIANCE_NO_DAY, 0, day("2030-01-01"),
	    &exp), TERM_NONE);
	assert_int_equal(date_add_months(day("2026-03-31"), -1), day("2026-02-28"));
	assert_int_equal(date_add_months(day("2026-01-15"), -1), day("2025-12-15"));
}

static void
test_compliance_tally(void **state)
{
	struct fx f;
	struct compliance_tally t = { 0 };

	(void)state;
	fx_init(&f, "branch", 5);
	hold(&f.c, 2026, CK_BRANCH_ASSEMBLY, "2026-07-09");
	eval(&f, "2026-Q3", "2026-10-01", "ORG-10");
	compliance_tally_add(&t, f.it, f.n);
	assert_int_equal(t.orgs, 1);
	assert_int_equal(t.orgs_ok, 0);
	assert_int_equal(t.done, 1);
	assert_int_equal(t.overdue, 2);	/* ORG-13, ORG-14 */
	assert_int_equal(t.due, 3);	/* ORG-15..17: the year is still open */
	assert_int_equal(compliance_tally_permille(&t), 333);	/* 1 of 3 decided */
}

/* --- the demo life generator and the board over a real database --- */

static int64_t
count(struct db *db, const char *sql)
{
	int64_t n = -1;

	assert_int_equal(db_get_i64(db, &n, sql, DB_END), ERR_OK);
	return n;
}

/* The demo district with two years of life as of today (a temp key). */
static struct db *
life_db(int32_t today, int64_t *meetings, int64_t *attendance)
{
	struct db *db = NULL;

	assert_int_equal(db_open(":memory:", 1, &db), ERR_OK);
	assert_int_equal(migrate_run(db), ERR_OK);
	assert_int_equal(demo_generate(db, &DEMO_DISTRICT), ERR_OK);
	assert_int_equal(demo_life_generate_counted(db, &DEMO_DISTRICT, today, meetings, attendance),
	    ERR_OK);
	return db;
}

struct tally_ctx {
	struct compliance_tally t;
};

static void
add(void *ctx, const struct compliance_row *o, const struct compliance_item *it, int n)
{
	(void)o;
	compliance_tally_add(&((struct tally_ctx *)ctx)->t, it, n);
}

static void
test_compliance_demo_life(void **state)
{
	char dir[] = "/tmp/hy_test_life_XXXXXX", key[64];
	int32_t today = day("2026-11-29");
	struct who all = WHO_SYSTEM;
	struct tally_ctx c = { 0 };
	int64_t nm, na, nm2, na2;
	struct period p;
	struct db *db, *db2;

	(void)state;
	log_set_quiet(1);
	assert_int_equal(config_from_env(), 0);
	assert_int_equal(crypto_init(), 0);
	assert_non_null(mkdtemp(dir));
	snprintf(key, sizeof(key), "%s/key", dir);
	assert_int_equal(crypto_key_create(key), ERR_OK);
	assert_int_equal(crypto_key_load(key), ERR_OK);
	db = life_db(today, &nm, &na);
	assert_true(nm > 10000);
	assert_int_equal(count(db, "SELECT COUNT(*) FROM meeting"), nm);
	assert_int_equal(count(db, "SELECT COUNT(*) FROM attendance"), na);
	/* Nothing after today; one attendance row per expected member. */
	assert_int_equal(count(db, "SELECT COUNT(*) FROM meeting WHERE day > 20786"), 0);
	assert_int_equal(count(db, "SELECT SUM(expected) FROM meeting"), na);
	assert_int_equal(count(db, "SELECT COUNT(*) FROM meeting WHERE year NOT IN (2025, 2026)"), 0);
	/* ORG-05: a committee of 3 to 5 exactly where there are >= 7 full members. */
	assert_int_equal(count(db, "SELECT COUNT(*) FROM (SELECT o.id FROM org o WHERE o.kind ="
	    " 'branch' AND ((SELECT COUNT(*) FROM member m WHERE m.org_id = o.id AND m.state ="
	    " 'active' AND m.status = 'full') >= 7) <> ((SELECT COUNT(*) FROM org_committee c"
	    " WHERE c.org_id = o.id) BETWEEN 3 AND 5))"), 0);
	assert_true(count(db, "SELECT COUNT(*) FROM meeting WHERE quorum_ok = 0") > 0);
	assert_int_equal(demo_life_generate(db, &DEMO_DISTRICT, today), ERR_CONFLICT);
	/* Most branches comply, some do not. */
	period_parse("2026-Q3", &p);
	assert_int_equal(compliance_board(db, &all, 0, &p, today, add, &c), ERR_OK);
	assert_true(c.t.orgs > 100);
	assert_true(compliance_tally_permille(&c.t) > 800);
	assert_true(c.t.overdue > 0);
	assert_true(c.t.orgs_ok > c.t.orgs / 2 && c.t.orgs_ok < c.t.orgs);
	/* The same inputs give the same rows. */
	db2 = life_db(today, &nm2, &na2);
	assert_int_equal(nm2, nm);
	assert_int_equal(na2, na);
	assert_int_equal(count(db2, "SELECT SUM(org_id * 7 + day * 3 + held_at % 1440) FROM meeting"),
	    count(db, "SELECT SUM(org_id * 7 + day * 3 + held_at % 1440) FROM meeting"));
	db_close(db);
	db_close(db2);
	unlink(key);
	rmdir(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_compliance_period_parse),
		cmocka_unit_test(test_compliance_org10_quarter_overdue_message),
		cmocka_unit_test(test_compliance_quarter_edges),
		cmocka_unit_test(test_compliance_founded_mid_quarter_exempt),
		cmocka_unit_test(test_compliance_leap_february),
		cmocka_unit_test(test_compliance_year_monthly_up_to_today),
		cmocka_unit_test(test_compliance_org15_due_until_year_end),
		cmocka_unit_test(test_compliance_applicability),
		cmocka_unit_test(test_compliance_explicit_exemption_and_future),
		cmocka_unit_test(test_compliance_terms),
		cmocka_unit_test(test_compliance_tally),
		cmocka_unit_test(test_compliance_demo_life),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

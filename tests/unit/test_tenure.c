/* test_tenure.c: the pure rules of principals' tenures (issue 13): term
 * dates (PRIN-09), the district list's flags (PRIN-05, PRIN-09), when a
 * yearly self-report is due (PRIN-03), the goals' and reports' states, the
 * configured grades and baseline figures. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "core/dates.h"
#include "principal/tenure.h"

static int32_t
day(const char *s)
{
	int32_t d = 0;

	assert_int_equal(date_parse(s, &d), 0);
	return d;
}

static void
assert_day(int32_t d, const char *want)
{
	char s[11];

	date_format(d, s);
	assert_string_equal(s, want);
}

/* PRIN-09: a 5-year term begun 2021-09-01 ends 2026-08-31; a term begun on
 * 29 February ends the day before its anniversary month's clamped day. */
static void
test_tenure_term_end(void **state)
{
	(void)state;
	assert_day(tenure_term_end(day("2021-09-01"), 5), "2026-08-31");
	assert_day(tenure_term_end(day("2024-02-29"), 3), "2027-02-28");
	assert_day(tenure_term_end(day("2024-02-29"), 4), "2028-02-28");
	assert_day(tenure_term_end(day("2025-01-01"), 1), "2025-12-31");
}

/* The term year counts from the appointment day: the first year ends the
 * day before the anniversary. */
static void
test_tenure_term_year(void **state)
{
	int32_t a = day("2024-09-01");

	(void)state;
	assert_int_equal(tenure_term_year(a, day("2024-08-31")), 0);
	assert_int_equal(tenure_term_year(a, a), 1);
	assert_int_equal(tenure_term_year(a, day("2025-08-31")), 1);
	assert_int_equal(tenure_term_year(a, day("2025-09-01")), 2);
	assert_int_equal(tenure_term_year(a, day("2029-09-01")), 6);
}

/* PRIN-03: year n's self-report is due due_days after the year's last day. */
static void
test_tenure_report_due(void **state)
{
	int32_t a = day("2024-09-01");

	(void)state;
	assert_day(tenure_year_end(a, 1), "2025-08-31");
	assert_day(tenure_report_due(a, 1, 30), "2025-09-30");
	assert_day(tenure_report_due(a, 2, 0), "2026-08-31");
}

/* PRIN-05: a term ending within warn_months (or ended, still open) with no
 * supervision planned; the flag falls away once one is planned. */
static void
test_tenure_flag_term_ending(void **state)
{
	struct tenure_facts f = { .has_tenure = 1, .term_no = 1 };
	int32_t today = day("2026-12-08");

	(void)state;
	f.term_end = day("2027-12-08");	/* exactly 12 months ahead */
	assert_int_equal(tenure_flags(&f, today, 12, 2), TF_TERM_ENDING);
	f.term_end = day("2027-12-09");
	assert_int_equal(tenure_flags(&f, today, 12, 2), 0);
	f.term_end = day("2026-03-01");	/* already past, still open */
	assert_int_equal(tenure_flags(&f, today, 12, 2), TF_TERM_ENDING);
	f.planned = 1;
	assert_int_equal(tenure_flags(&f, today, 12, 2), 0);
	f.planned = 0;
	f.term_end = day("2027-03-09");
	assert_int_equal(tenure_flags(&f, today, 3, 2), 0);	/* configured: 3 months */
	f.term_end = day("2027-03-08");
	assert_int_equal(tenure_flags(&f, today, 3, 2), TF_TERM_ENDING);
}

/* PRIN-05 (left mid-term), PRIN-09 (rotation beyond max_terms), and a
 * school with no principal. */
static void
test_tenure_flags_other(void **state)
{
	struct tenure_facts none = { 0 };
	struct tenure_facts third = { .has_tenure = 1, .term_no = 3, .term_end = day("2030-01-01") };
	int32_t today = day("2026-12-08");

	(void)state;
	assert_int_equal(tenure_flags(&none, today, 12, 2), TF_NO_PRINCIPAL);
	none.left_mid_term = 1;
	assert_int_equal(tenure_flags(&none, today, 12, 2), TF_NO_PRINCIPAL | TF_LEFT_MID_TERM);
	assert_int_equal(tenure_flags(&third, today, 12, 2), TF_ROTATION);
	assert_int_equal(tenure_flags(&third, today, 12, 3), 0);
	third.term_no = 2;
	assert_int_equal(tenure_flags(&third, today, 12, 2), 0);

	assert_true(tenure_left_early("transferred", day("2025-01-01"), day("2026-08-31"), 0));
	assert_true(tenure_left_early("retired", day("2025-01-01"), day("2026-08-31"), 0));
	assert_false(tenure_left_early("expired", day("2025-01-01"), day("2026-08-31"), 0));
	assert_false(tenure_left_early("left", day("2026-08-31"), day("2026-08-31"), 0));
	assert_false(tenure_left_early("left", day("2025-01-01"), day("2026-08-31"), 1));
	assert_string_equal(tenure_flag_names[0], "no_principal");
	assert_string_equal(tenure_flag_names[3], "rotation");
}

static void
test_goal_and_report_states(void **state)
{
	(void)state;
	assert_string_equal(goal_next("draft", GA_EDIT), "draft");
	assert_string_equal(goal_next("returned", GA_EDIT), "returned");
	assert_null(goal_next("submitted", GA_EDIT));
	assert_null(goal_next("approved", GA_EDIT));
	assert_string_equal(goal_next("draft", GA_SUBMIT), "submitted");
	assert_string_equal(goal_next("returned", GA_SUBMIT), "submitted");
	assert_null(goal_next("approved", GA_SUBMIT));
	assert_string_equal(goal_next("submitted", GA_APPROVE), "approved");
	assert_string_equal(goal_next("submitted", GA_RETURN), "returned");
	assert_null(goal_next("draft", GA_APPROVE));
	assert_null(goal_next("returned", GA_RETURN));
	assert_non_null(strstr(goal_conflict_message("approved"), "已通过"));

	assert_string_equal(report_next(NULL, RA_EDIT), "draft");
	assert_string_equal(report_next("draft", RA_SUBMIT), "submitted");
	assert_null(report_next("submitted", RA_EDIT));
	assert_null(report_next("draft", RA_GRADE));
	assert_string_equal(report_next("submitted", RA_GRADE), "graded");
	assert_null(report_next("graded", RA_GRADE));
}

/* PRIN-03: the configured grades; issue 13 item 2: the configured figures. */
static void
test_grades_and_figures(void **state)
{
	struct tenure_figure f[TENURE_FIGURES_MAX];
	const char *g = "优秀,合格,基本合格,不合格";

	(void)state;
	assert_true(tenure_grade_valid(g, "优秀"));
	assert_true(tenure_grade_valid(g, "基本合格"));
	assert_true(tenure_grade_valid(g, "不合格"));
	assert_false(tenure_grade_valid(g, "合"));
	assert_false(tenure_grade_valid(g, "良好"));
	assert_false(tenure_grade_valid(g, ""));
	assert_int_equal(tenure_figures_parse("enrolment:在校学生数,classes:班级数,其他", f,
	    TENURE_FIGURES_MAX), 3);
	assert_string_equal(f[0].key, "enrolment");
	assert_string_equal(f[0].label, "在校学生数");
	assert_string_equal(f[1].key, "classes");
	assert_string_equal(f[2].key, "其他");
	assert_string_equal(f[2].label, "其他");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tenure_term_end),
		cmocka_unit_test(test_tenure_term_year),
		cmocka_unit_test(test_tenure_report_due),
		cmocka_unit_test(test_tenure_flag_term_ending),
		cmocka_unit_test(test_tenure_flags_other),
		cmocka_unit_test(test_goal_and_report_states),
		cmocka_unit_test(test_grades_and_figures),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

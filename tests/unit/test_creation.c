/* test_creation.c: the pure rules of issue 6's creation areas: the brand
 * stage machine, the four-ones board, post coverage, clean-school status
 * dates. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "core/dates.h"
#include "core/err.h"
#include "create/alliance.h"
#include "create/brand.h"
#include "create/clean.h"
#include "create/post.h"

static void
test_brand_steps_only_forward_one_at_a_time(void **state)
{
	(void)state;
	for (int from = 0; from < BS_N; from++)
		for (int to = 0; to < BS_N; to++)
			assert_int_equal(brand_step((enum brand_stage)from, (enum brand_stage)to),
			    to == from + 1 ? ERR_OK : ERR_CONFLICT);
	assert_int_equal(brand_step(BS_NAMED, (enum brand_stage)-1), ERR_CONFLICT);
	assert_int_equal(brand_stage_parse("midterm"), BS_MIDTERM);
	assert_int_equal(brand_stage_parse("bogus"), -1);
	assert_int_equal(brand_stage_parse(NULL), -1);
}

static void
test_brand_conflict_names_the_stage(void **state)
{
	(void)state;
	assert_non_null(strstr(brand_conflict_message(BS_DECLARED), "申报"));
	assert_non_null(strstr(brand_conflict_message(BS_CULTIVATING), "培育"));
	assert_non_null(strstr(brand_conflict_message(BS_MIDTERM), "中期评估"));
	assert_non_null(strstr(brand_conflict_message(BS_ACCEPTED), "验收"));
	assert_non_null(strstr(brand_conflict_message(BS_NAMED), "命名"));
}

static void
test_brand_results_at_evaluations(void **state)
{
	(void)state;
	assert_false(brand_result_required(BS_CULTIVATING));
	assert_true(brand_result_required(BS_MIDTERM));
	assert_true(brand_result_required(BS_ACCEPTED));
	assert_true(brand_result_required(BS_NAMED));
}

static void
test_brand_cycle_two_years(void **state)
{
	int32_t from = date_from_ymd(2024, 2, 29), due = brand_cycle_due(from, 24);

	(void)state;
	assert_int_equal(due, date_from_ymd(2026, 2, 28));	/* clamped to the month */
	assert_int_equal(brand_cycle_due(date_from_ymd(2026, 4, 1), 24), date_from_ymd(2028, 4, 1));
	assert_int_equal(brand_cycle_due(date_from_ymd(2026, 11, 30), 3), date_from_ymd(2027, 2, 28));
	/* Overdue only after the due day, and only before acceptance. */
	assert_false(brand_overdue(BS_MIDTERM, due, due));
	assert_true(brand_overdue(BS_MIDTERM, due, due + 1));
	assert_true(brand_overdue(BS_CULTIVATING, due, due + 1));
	assert_false(brand_overdue(BS_ACCEPTED, due, due + 1));
	assert_false(brand_overdue(BS_NAMED, due, due + 1));
	assert_false(brand_overdue(BS_DECLARED, 0, due + 1));
}

static void
test_alliance_four_ones(void **state)
{
	int64_t none[FO_N] = { 0 }, some[FO_N] = { 2, 0, 1, 0 }, all[FO_N] = { 1, 1, 1, 3 };
	struct four_ones f;

	(void)state;
	alliance_four_ones(none, &f);
	assert_int_equal(f.ndone, 0);
	assert_false(f.complete);
	alliance_four_ones(some, &f);
	assert_int_equal(f.ndone, 2);
	assert_true(f.done[FO_STUDY] && f.done[FO_TOPIC]);
	assert_false(f.done[FO_BOOK] || f.done[FO_VISIT]);
	assert_int_equal(f.count[FO_STUDY], 2);
	assert_false(f.complete);
	alliance_four_ones(all, &f);
	assert_int_equal(f.ndone, 4);
	assert_true(f.complete);
}

static void
test_alliance_month(void **state)
{
	(void)state;
	assert_true(alliance_month_valid("2026-08"));
	assert_true(alliance_month_valid("2026-12"));
	assert_false(alliance_month_valid("2026-13"));
	assert_false(alliance_month_valid("2026-00"));
	assert_false(alliance_month_valid("2026-8"));
	assert_false(alliance_month_valid("20260-8"));
	assert_false(alliance_month_valid("2026-08-01"));
	assert_false(alliance_month_valid(NULL));
}

static void
test_post_coverage(void **state)
{
	(void)state;
	assert_int_equal(post_coverage(0, 0), -1);
	assert_int_equal(post_coverage(0, 10), 0);
	assert_int_equal(post_coverage(1, 3), 333);	/* 33.3% */
	assert_int_equal(post_coverage(2, 3), 667);	/* 66.7%, half up */
	assert_int_equal(post_coverage(1, 8), 125);
	assert_int_equal(post_coverage(10, 10), 1000);
	assert_int_equal(post_coverage(12, 10), 1000);
}

static void
test_post_current(void **state)
{
	(void)state;
	assert_true(post_current("2026-01-01", NULL, "2026-08-15"));
	assert_true(post_current("2026-08-15", "2026-08-15", "2026-08-15"));
	assert_false(post_current("2026-08-16", NULL, "2026-08-15"));
	assert_false(post_current("2026-01-01", "2026-08-14", "2026-08-15"));
}

static void
test_clean_status_dates(void **state)
{
	int32_t today = date_from_ymd(2026, 8, 15);
	struct clean_status_in ok = { "demonstration", "2024-09-01", "2025-09-01", NULL, NULL };
	struct clean_status_in missing = { "named", "2024-09-01", NULL, NULL, NULL };
	struct clean_status_in order = { "demonstration", "2025-09-01", "2024-09-01", NULL, NULL };
	struct clean_status_in ahead = { "pilot", "2024-09-01", "2025-09-01", NULL, NULL };
	struct clean_status_in future = { "pilot", "2026-09-01", NULL, NULL, NULL };
	struct clean_status_in none = { "none", NULL, NULL, NULL, NULL };
	struct problem pb;

	(void)state;
	memset(&pb, 0, sizeof(pb));
	assert_int_equal(clean_status_check(&ok, today, &pb), ERR_OK);
	assert_int_equal(clean_status_check(&none, today, &pb), ERR_OK);
	assert_int_equal(clean_status_check(&missing, today, &pb), ERR_INVALID);
	assert_true(problem_has(&pb, "demonstration_on") && problem_has(&pb, "named_on"));
	assert_false(problem_has(&pb, "pilot_on"));
	memset(&pb, 0, sizeof(pb));
	assert_int_equal(clean_status_check(&order, today, &pb), ERR_INVALID);
	assert_true(problem_has(&pb, "demonstration_on"));
	memset(&pb, 0, sizeof(pb));
	assert_int_equal(clean_status_check(&ahead, today, &pb), ERR_INVALID);
	assert_true(problem_has(&pb, "demonstration_on"));
	memset(&pb, 0, sizeof(pb));
	assert_int_equal(clean_status_check(&future, today, &pb), ERR_INVALID);
	assert_true(problem_has(&pb, "pilot_on"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_brand_steps_only_forward_one_at_a_time),
		cmocka_unit_test(test_brand_conflict_names_the_stage),
		cmocka_unit_test(test_brand_results_at_evaluations),
		cmocka_unit_test(test_brand_cycle_two_years),
		cmocka_unit_test(test_alliance_four_ones),
		cmocka_unit_test(test_alliance_month),
		cmocka_unit_test(test_post_coverage),
		cmocka_unit_test(test_post_current),
		cmocka_unit_test(test_clean_status_dates),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

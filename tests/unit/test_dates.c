/* test_dates.c: day numbers, strict YYYY-MM-DD, and the fixed "today". */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <time.h>

#include "core/dates.h"

static void
test_dates_leap_years_follow_gregorian_rule(void **state)
{
	(void)state;
	assert_true(date_is_leap(2000));	/* divisible by 400 */
	assert_false(date_is_leap(1900));	/* by 100, not 400 */
	assert_true(date_is_leap(2024));
	assert_false(date_is_leap(2026));
	assert_false(date_is_leap(2100));
	assert_true(date_is_leap(1996));
}

static void
test_dates_days_in_month(void **state)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	(void)state;
	for (int m = 1; m <= 12; m++)
		assert_int_equal(date_days_in_month(2026, m), days[m - 1]);
	assert_int_equal(date_days_in_month(2024, 2), 29);
	assert_int_equal(date_days_in_month(2000, 2), 29);
	assert_int_equal(date_days_in_month(1900, 2), 28);
	assert_int_equal(date_days_in_month(2026, 0), 0);
	assert_int_equal(date_days_in_month(2026, 13), 0);
}

static void
test_dates_parse_is_strict(void **state)
{
	static const char *bad[] = {
		"2026-2-01", "2026-02-1", "2026-02-30", "2026-02-29", "2026-13-01",
		"2026-00-10", "2026-01-00", "2026/02/01", "20260201", "2026-02-01 ",
		" 2026-02-01", "2026-02-0a", "+026-02-01", "", "1899-12-31",
	};
	int32_t day = 12345;

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(date_parse(bad[i], &day), -1);
		assert_int_equal(day, 12345);	/* untouched on failure */
	}
	assert_int_equal(date_parse(NULL, &day), -1);

	assert_int_equal(date_parse("2024-02-29", &day), 0);
	assert_int_equal(day, date_from_ymd(2024, 2, 29));
	assert_int_equal(date_parse("2000-02-29", &day), 0);
	assert_int_equal(day, date_from_ymd(2000, 2, 29));
	assert_int_equal(date_parse("2026-12-31", &day), 0);
	assert_int_equal(day, date_from_ymd(2026, 12, 31));
}

static void
test_dates_epoch_is_day_zero(void **state)
{
	struct ymd t;
	char out[11];

	(void)state;
	assert_int_equal(date_from_ymd(1970, 1, 1), 0);
	assert_int_equal(date_from_ymd(1970, 1, 2), 1);
	assert_int_equal(date_from_ymd(1969, 12, 31), -1);
	assert_int_equal(date_from_ymd(2000, 3, 1), 11017);
	t = date_to_ymd(0);
	assert_int_equal(t.y, 1970);
	assert_int_equal(t.m, 1);
	assert_int_equal(t.d, 1);
	date_format(-1, out);
	assert_string_equal(out, "1969-12-31");
}

/* Every day from 1950-01-01 to 2100-12-31: consecutive day numbers, and
 * ymd -> day -> ymd -> text -> day all agree. */
static void
test_dates_round_trip_every_day_1950_to_2100(void **state)
{
	int32_t expect = date_from_ymd(1950, 1, 1);
	int ndays = 0;

	(void)state;
	for (int y = 1950; y <= 2100; y++) {
		for (int m = 1; m <= 12; m++) {
			for (int d = 1; d <= date_days_in_month(y, m); d++) {
				int32_t day = date_from_ymd(y, m, d), back;
				struct ymd t = date_to_ymd(day);
				char out[11], want[11];

				assert_int_equal(day, expect);
				assert_int_equal(t.y, y);
				assert_int_equal(t.m, m);
				assert_int_equal(t.d, d);
				assert_true(date_valid(y, m, d));
				date_format(day, out);
				assert_int_equal(snprintf(want, sizeof(want), "%04d-%02d-%02d", y, m, d),
				    10);
				assert_string_equal(out, want);
				assert_int_equal(date_parse(out, &back), 0);
				assert_int_equal(back, day);
				expect++;
				ndays++;
			}
		}
	}
	/* 151 years, 37 of them leap (1952..2096; 2100 is not) */
	assert_int_equal(ndays, 151 * 365 + 37);
}

static void
test_dates_quarter_groups_months_by_three(void **state)
{
	static const int q[] = { 1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4 };

	(void)state;
	for (int m = 1; m <= 12; m++)
		assert_int_equal(date_quarter(m), q[m - 1]);
}

/* Runs before date_set_today() in the group, so today still follows the clock. */
static void
test_dates_today_follows_china_time_until_fixed(void **state)
{
	int32_t before, today, after;

	(void)state;
	before = (int32_t)((time(NULL) + 8 * 3600) / 86400);
	today = date_today();
	after = (int32_t)((time(NULL) + 8 * 3600) / 86400);
	assert_in_range(today, before, after);

	date_set_today(date_from_ymd(2026, 3, 1));
	assert_int_equal(date_today(), date_from_ymd(2026, 3, 1));
	date_set_today(date_from_ymd(1999, 12, 31));
	assert_int_equal(date_today(), date_from_ymd(1999, 12, 31));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dates_leap_years_follow_gregorian_rule),
		cmocka_unit_test(test_dates_days_in_month),
		cmocka_unit_test(test_dates_parse_is_strict),
		cmocka_unit_test(test_dates_epoch_is_day_zero),
		cmocka_unit_test(test_dates_round_trip_every_day_1950_to_2100),
		cmocka_unit_test(test_dates_quarter_groups_months_by_three),
		cmocka_unit_test(test_dates_today_follows_china_time_until_fixed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_points.c: the study points engine (STUDY-01..06): awards per
 * record and per block of minutes, the daily cap on both sides, every
 * anti-gaming reason with its field, bursts flagged not refused, and
 * competition ranks (1,1,3). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "core/common.h"
#include "study/points.h"

#define DAY 1440
/* 2026-08-15 10:00 CST in the engine's minutes, from day number 20680. */
#define T0 ((int64_t)20680 * DAY + 600)

static const struct points_limits LIM = { 7, 5, 10 };

static enum points_reason
check(const struct points_rec *rec, const struct points_rec *have, int n, int64_t now,
    const char **field)
{
	return points_check(&LIM, rec, have, n, now, field);
}

/* STUDY-01: per_record + per_block per full block of minutes. */
static void
test_points_award_per_record_and_block(void **state)
{
	struct points_rule r = { "reading", 1, 30, 1, 0, 1 };

	(void)state;
	assert_int_equal(points_award(&r, 29, 0), 1);
	assert_int_equal(points_award(&r, 30, 0), 2);
	assert_int_equal(points_award(&r, 59, 0), 2);
	assert_int_equal(points_award(&r, 90, 0), 4);
	r.block_minutes = 0;	/* no points for time */
	assert_int_equal(points_award(&r, 90, 0), 1);
	r.enabled = 0;
	assert_int_equal(points_award(&r, 90, 0), 0);
}

/* STUDY-01: the daily cap, just below, at and above it. */
static void
test_points_award_daily_cap_both_sides(void **state)
{
	struct points_rule r = { "reading", 1, 30, 1, 6, 1 };

	(void)state;
	assert_int_equal(points_award(&r, 60, 3), 3);	/* 3 + 3 = 6: exactly the cap */
	assert_int_equal(points_award(&r, 90, 3), 3);	/* 4 would pass it: limited to 3 */
	assert_int_equal(points_award(&r, 60, 5), 1);	/* one point of room left */
	assert_int_equal(points_award(&r, 60, 6), 0);	/* at the cap: nothing more */
	assert_int_equal(points_award(&r, 60, 7), 0);	/* past it (a rule lowered): never negative */
	r.daily_cap = 0;	/* no cap */
	assert_int_equal(points_award(&r, 600, 100), 21);
}

static void
test_points_accepts_a_plain_record(void **state)
{
	struct points_rec rec = { T0 - 60, 30, T0, "读《习近平谈治国理政》" };
	const char *field = "x";

	(void)state;
	assert_int_equal(check(&rec, NULL, 0, T0, &field), PR_OK);
	assert_null(field);
}

/* STUDY-04: a record that ends after now is refused; ending now is fine. */
static void
test_points_refuses_future(void **state)
{
	struct points_rec rec = { T0 - 30, 31, T0, "a" };
	const char *field = NULL;

	(void)state;
	assert_int_equal(check(&rec, NULL, 0, T0, &field), PR_FUTURE);
	assert_string_equal(field, "started_at");
	assert_true(points_refuses(PR_FUTURE));
	rec.minutes = 30;
	assert_int_equal(check(&rec, NULL, 0, T0, &field), PR_OK);
}

/* STUDY-05: at most backdate_days back, inclusive. */
static void
test_points_refuses_too_old(void **state)
{
	struct points_rec rec = { T0 - 7 * DAY, 30, T0, "a" };
	const char *field = NULL;

	(void)state;
	assert_int_equal(check(&rec, NULL, 0, T0, &field), PR_OK);
	rec.start--;
	assert_int_equal(check(&rec, NULL, 0, T0, &field), PR_TOO_OLD);
	assert_string_equal(field, "started_at");
}

/* STUDY-03: more minutes than the day has, alone or with the day's others. */
static void
test_points_refuses_more_than_a_day(void **state)
{
	int64_t day0 = T0 - 600 - DAY;	/* yesterday 00:00 */
	struct points_rec have[] = { { day0, 1000, T0 - 5000, "a" } };
	struct points_rec rec = { day0 + 1000, 440, T0 - 20, "b" };
	struct points_rec big = { T0 - 3 * DAY, 1441, T0, "c" };
	const char *field = NULL;

	(void)state;
	assert_int_equal(check(&rec, have, 1, T0, &field), PR_OK);	/* 1440 exactly */
	rec.minutes = 441;
	assert_int_equal(check(&rec, have, 1, T0, &field), PR_DAY_FULL);
	assert_string_equal(field, "minutes");
	assert_int_equal(check(&big, NULL, 0, T0, &field), PR_DAY_FULL);
}

/* STUDY-02: the same thing at the same start is a duplicate; any other
 * record sharing time is an overlap; touching ends are fine. */
static void
test_points_refuses_duplicate_and_overlap(void **state)
{
	struct points_rec have[] = { { T0 - 120, 60, T0 - 3000, "item:7" } };
	struct points_rec dup = { T0 - 120, 30, T0, "item:7" };
	struct points_rec over = { T0 - 90, 30, T0, "other" };
	struct points_rec after = { T0 - 60, 30, T0, "other" };
	struct points_rec before = { T0 - 150, 30, T0, "other" };
	const char *field = NULL;

	(void)state;
	assert_int_equal(check(&dup, have, 1, T0, &field), PR_DUPLICATE);
	assert_string_equal(field, "started_at");
	assert_int_equal(check(&over, have, 1, T0, &field), PR_OVERLAP);
	assert_string_equal(field, "started_at");
	assert_int_equal(check(&after, have, 1, T0, &field), PR_OK);
	assert_int_equal(check(&before, have, 1, T0, &field), PR_OK);
	assert_string_equal(points_reason_code(PR_DUPLICATE), "duplicate");
	assert_string_equal(points_reason_code(PR_OVERLAP), "overlap");
}

/* STUDY-06: the (burst_n + 1)th record entered within burst_minutes is
 * flagged (stored, never counted), not refused. */
static void
test_points_flags_bursts(void **state)
{
	struct points_rec have[5];
	struct points_rec rec = { T0 - 6 * DAY, 10, T0, "z" };
	const char *field = NULL;

	(void)state;
	for (int i = 0; i < 5; i++)
		have[i] = (struct points_rec){ T0 - 5 * DAY + i * 100, 10, T0 - 9 + i, "x" };
	assert_int_equal(check(&rec, have, 4, T0, &field), PR_OK);	/* the 5th: fine */
	assert_int_equal(check(&rec, have, 5, T0, &field), PR_BURST);	/* the 6th: flagged */
	assert_false(points_refuses(PR_BURST));
	have[0].created = T0 - 10;	/* outside the window: only 4 recent */
	assert_int_equal(check(&rec, have, 5, T0, &field), PR_OK);
}

/* Competition ranking: ties share a rank and the next one skips. */
static void
test_points_rank_ties(void **state)
{
	int64_t pts[] = { 9, 7, 7, 5, 5, 5, 0 }, rank[7];
	int64_t want[] = { 1, 2, 2, 4, 4, 4, 7 };
	int64_t one[] = { 3, 3 }, r1[2];

	(void)state;
	points_rank(pts, 7, rank);
	for (int i = 0; i < 7; i++)
		assert_int_equal(rank[i], want[i]);
	points_rank(one, 2, r1);
	assert_int_equal(r1[0], 1);
	assert_int_equal(r1[1], 1);
}

static void
test_points_rule_check_names_fields(void **state)
{
	struct points_rule r = { "reading", -1, 1441, 101, 1001, 1 };
	struct problem pb = { 0 };

	(void)state;
	assert_int_equal(points_rule_check(&r, &pb), ERR_INVALID);
	assert_true(problem_has(&pb, "per_record"));
	assert_true(problem_has(&pb, "block_minutes"));
	assert_true(problem_has(&pb, "per_block"));
	assert_true(problem_has(&pb, "daily_cap"));
	r = (struct points_rule){ "reading", 0, 1440, 100, 1000, 0 };
	pb = (struct problem){ 0 };
	assert_int_equal(points_rule_check(&r, &pb), ERR_OK);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_points_award_per_record_and_block),
		cmocka_unit_test(test_points_award_daily_cap_both_sides),
		cmocka_unit_test(test_points_accepts_a_plain_record),
		cmocka_unit_test(test_points_refuses_future),
		cmocka_unit_test(test_points_refuses_too_old),
		cmocka_unit_test(test_points_refuses_more_than_a_day),
		cmocka_unit_test(test_points_refuses_duplicate_and_overlap),
		cmocka_unit_test(test_points_flags_bursts),
		cmocka_unit_test(test_points_rank_ties),
		cmocka_unit_test(test_points_rule_check_names_fields),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

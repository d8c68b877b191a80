/* test_pipeline.c: the membership development rules (RULES.md section 2):
 * the 25-step table, order, every time limit with dates on both sides
 * (leap days included), the vote of steps 15 and 23, extension once
 * (DEV-T2), and the working-day calendar (DEV-13). Pure rules. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/config.h"
#include "core/dates.h"
#include "core/err.h"
#include "develop/holiday.h"
#include "develop/pipeline.h"

static int
setup(void **state)
{
	(void)state;
	return config_from_env();
}

static int32_t
d(const char *s)
{
	int32_t v = 0;

	assert_int_equal(date_parse(s, &v), 0);
	return v;
}

/* A person whose steps 1..upto were done on dates[0..upto-1]. */
static struct pipe_state
at(int upto, const char *const *dates)
{
	struct pipe_state s = { .status = "pipeline", .birth = d("1990-05-01") };

	for (int i = 1; i <= upto; i++)
		s.on[i] = d(dates[i - 1]);
	s.step = upto;
	if (upto >= 17) {
		s.status = "probationary";
		s.probation_end = pipe_add_months(s.on[15], 12);
	}
	return s;
}

static struct pipe_in
step(int no, const char *date)
{
	struct pipe_in in = { .step = no, .date = d(date), .days = -1, .hours = -1,
		.expected = -1, .present = -1, .yes_votes = -1, .written = -1 };

	if (no == 2 || no == 16)
		in.talkers = 1;
	if (no == 5)
		in.contacts = 1;
	if (no == 9)
		in.sponsors = 2;
	if (no == 10)
		in.outcome = "passed";
	if (no == 11)
		in.days = 3;
	if (no == 13) {
		in.notice_from = in.date - 9;
		in.notice_to = in.date - 1;
	}
	if (no == 15 || no == 23) {
		in.expected = 10;
		in.present = 8;
		in.yes_votes = 8;
	}
	if (no == 23)
		in.outcome = "convert";
	return in;
}

/* A calendar-typical run: each step a few weeks after the last. */
static const char *const run[] = { "2024-01-10", "2024-01-25", "2024-05-10", "2024-05-20",
	"2024-05-20", "2024-11-10", "2025-05-12", "2025-05-20", "2025-05-25", "2025-06-05",
	"2025-06-10", "2025-06-16", "2025-06-23", "2025-06-25", "2025-07-01", "2025-07-10",
	"2025-07-20", "2025-07-25", "2025-07-25", "2025-07-28", "2026-01-10", "2026-06-20",
	"2026-07-01", "2026-07-20", "2026-07-25" };

static enum err
try(const struct pipe_state *s, const struct pipe_in *in, struct pipe_result *r,
    struct problem *pb)
{
	memset(pb, 0, sizeof(*pb));
	return pipe_check(s, in, NULL, d("2027-01-01"), r, pb);
}

static void
test_pipeline_table_has_25_steps_in_5_stages(void **state)
{
	int per[6] = { 0 };

	(void)state;
	for (int i = 0; i < PIPE_STEPS; i++) {
		assert_int_equal(pipe_steps[i].no, i + 1);
		assert_true(pipe_steps[i].stage >= 1 && pipe_steps[i].stage <= 5);
		assert_true(i == 0 || pipe_steps[i].stage >= pipe_steps[i - 1].stage);
		assert_non_null(pipe_steps[i].rule);
		per[pipe_steps[i].stage]++;
	}
	assert_int_equal(per[1], 2);	/* 1-2 */
	assert_int_equal(per[2], 4);	/* 3-6 */
	assert_int_equal(per[3], 5);	/* 7-11 */
	assert_int_equal(per[4], 7);	/* 12-18 */
	assert_int_equal(per[5], 7);	/* 19-25 */
	assert_string_equal(pipe_step(15)->name, "支部党员大会讨论");
	assert_null(pipe_step(26));
}

static void
test_pipeline_whole_run_in_order(void **state)
{
	struct pipe_state s = at(1, run);
	struct pipe_result r;
	struct problem pb;

	(void)state;
	for (int no = 2; no <= PIPE_STEPS; no++) {
		struct pipe_in in = step(no, run[no - 1]);

		assert_int_equal(try(&s, &in, &r, &pb), ERR_OK);
		pipe_apply(&s, &in);
		if (no == 17) {
			assert_string_equal(s.status, "probationary");
			assert_int_equal(s.probation_end, d("2026-07-01"));	/* DEV-T1 */
		}
	}
	assert_string_equal(s.status, "full");
	assert_int_equal(pipe_next(&s), 0);
}

static void
test_pipeline_order_refused_naming_current_step(void **state)
{
	struct pipe_state s = at(3, run);
	struct pipe_in in = step(5, "2024-06-01");
	struct pipe_result r;
	struct problem pb;

	(void)state;
	assert_int_equal(try(&s, &in, &r, &pb), ERR_CONFLICT);
	assert_string_equal(pb.code, "invalid_transition");
	assert_string_equal(pb.fields[0].field, "step");
	assert_non_null(strstr(pb.fields[0].msg, "第3步"));
	in = step(3, "2024-06-01");	/* again: done already */
	assert_int_equal(try(&s, &in, &r, &pb), ERR_CONFLICT);
	in = step(4, "2024-05-09");	/* before the last step */
	assert_int_equal(try(&s, &in, &r, &pb), ERR_INVALID);
	assert_string_equal(pb.fields[0].field, "date");
	in = step(4, "2027-01-02");	/* after today */
	assert_int_equal(try(&s, &in, &r, &pb), ERR_INVALID);
	in = step(4, "2024-06-01");	/* fields the step does not take are named */
	in.expected = 3;
	in.days = 2;
	assert_int_equal(try(&s, &in, &r, &pb), ERR_INVALID);
	assert_string_equal(pb.fields[0].field, "expected");
	assert_string_equal(pb.fields[1].field, "days");
}

/* DEV-01: 18 completed years on the day of application. */
static void
test_pipeline_age_18_both_sides_and_leap_birthday(void **state)
{
	struct pipe_state s = { .status = "pipeline", .birth = d("2006-03-15") };
	struct pipe_in in = step(1, "2024-03-14");
	struct pipe_result r;
	struct problem pb;

	(void)state;
	assert_int_equal(try(&s, &in, &r, &pb), ERR_INVALID);
	assert_string_equal(pb.code, "DEV-01");
	assert_string_equal(pb.fields[0].field, "applied_on");
	in = step(1, "2024-03-15");
	assert_int_equal(try(&s, &in, &r, &pb), ERR_OK);
	/* Born 29 February: 18 completed on 1 March of a common year. */
	s.birth = d("2008-02-29");
	assert_int_equal(pipe_years_completed(s.birth, 18), d("2026-03-01"));
	assert_int_equal(pipe_years_completed(s.birth, 16), d("2024-02-29"));
	in = step(1, "2026-02-28");
	assert_int_equal(try(&s, &in, &r, &pb), ERR_INVALID);
	assert_string_equal(pb.code, "DEV-01");
	in = step(1, "2026-03-01");
	assert_int_equal(try(&s, &in, &r, &pb), ERR_OK);
}

/* DEV-02: the talk within one month; a month from 31 January ends on the
 * last day of February (29 in a leap year). */
static void
test_pipeline_talk_within_a_month(void **state)
{
	static const char *const jan31[] = { "2024-01-31" };
	struct pipe_state s = at(1, jan31);
	struct pipe_in in = step(2, "2024-02-29");
	struct pipe_result r;
	struct problem pb;

	(void)state;
	assert_int_equal(try(&s, &in, &r, &pb), ERR_OK);
	in = step(2, "2024-03-01");
	assert_int_equal(try(&s, &in, &r, &pb), ERR_INVALID);
	assert_string_equal(pb.code, "DEV-02");
	assert_string_equal(pb.fields[0].field, "date");
	s.on[1] = d("2025-01-31");
	in = step(2, "2025-02-28");
	assert_int_equal(try(&s, &in, &r, &pb), ERR_OK);
	in = step(2, "2025-03-01");
	assert_int_equal(try(&s, &in, &r, &pb), ERR_INVALID);
	in = step(2, "2025-02-28");
	in.talkers = 0;
	assert_int_equal(try(&s, &in, &r, &pb), ERR_INVALID);
	assert_string_equal(pb.fields[0].field, "talkers");
}

/* DEV-03 (local, soft): before 3 months a warning, not a refusal. */
static void
test_pipeline_activist_wait_is_soft(void **state)
{
	struct pipe_state s = at(2, run);
	struct pipe_in in = step(3, "2024-04-09");
	struct pipe_result r;
	struct problem pb;

	(void)state;
	assert_int_equal(try(&s, &in, &r, &pb), ERR_OK);
	assert_int_equal(r.nwarn, 1);
	assert_string_equal(r.warn[0].rule, "DEV-03");
	in = step(3, "2024-04-10");
	assert_int_equal(try(&s, &in, &r, &pb), ERR_OK);
	assert_int_equal(r.nwarn, 0);
}

/* DEV-07: a year as activist; from 29 February 2024 that is 28 February 2025. */
static void
test_pipeline_target_after_a_year_leap(void **state)
{
	struct pipe_state s = at(6, run);
	struct pipe_in in;
	struct pipe_result r;
	struct problem pb;

	(void)state;
	s.on[3] = d("2024-02-29");
	s.on[6] = d("2024-10-01");
	in = step(7, "2025-02-27");
	assert_int_equal(try(&s, &in, &r, &pb), ERR_INVALID);
	assert_string_equal(pb.code, "DEV-07");
	in = step(7, "2025-02-28");
	assert_int_equal(try(&s, &in, &r, &pb), ERR_OK);
	s.on[3] = d("2024-05-10");
	in = step(7, "2025-05-09");
	assert_int_equal(try(&s, &in, &r, &pb), ERR_INVALID);
	in = step(7, "2025-05-10");
	assert_int_equal(try(&s, &in, &r, &pb), ERR_OK);
}

/* DEV-05 contacts 1-2 full members; DEV-09 two full sponsors. */
static void
test_pipeline_contacts_and_sponsors(void **state)
{
	struct pipe_state s = at(4, run);
	struct pipe_in in = step(5, "2024-05-20");
	struct pipe_result r;
	struct problem pb;

	(void)state;
	in.contacts = 2;
	assert_int_equal(try(&s, &in, &r, &pb), ERR_OK);
	in.contacts = 3;
	assert_int_equal(try(&s, &in, &r, &pb), ERR_INVALID);
	assert_string_equal(pb.code, "DEV-05");
	in.contacts = 1;
	in.contacts_not_full = 1;
	assert_int_equal(try(&s, &in, &r, &pb), ERR_INVALID);
	s = at(8, run);
	in = step(9, "2025-05-25");
	in.sponsors = 1;
	assert_int_equal(try(&s, &in, &r, &pb), ERR_INVALID);
	assert_string_equal(pb.code, "DEV-09");
	in.sponsors = 2;
	in.sponsors_not_full = 1;
	assert_int_equal(try(&s, &in, &r, &pb), ERR_INVALID);
	in.sponsors_not_full = 0;
	assert_int_equal(try(&s, &in, &r, &pb), ERR_OK);
}

/* DEV-10: a failed 政审 ends the pipeline. */
static void
test_pipeline_failed_political_review_ends(void **state)
{
	struct pipe_state s = at(9, run);
	struct pipe_in in = step(10, "2025-06-05");
	struct pipe_result r;
	struct problem pb;

	(void)state;
	in.outcome = "unknown";
	assert_int_equal(try(&s, &in, &r, &pb), ERR_INVALID);
	assert_string_equal(pb.fields[0].field, "outcome");
	in.outcome = "failed";
	assert_int_equal(try(&s, &in, &r, &pb), ERR_OK);
	assert_int_equal(pipe_apply(&s, &in), PE_END);
	assert_string_equal(s.status, "ended");
	assert_int_equal(pipe_next(&s), 0);
}

/* DEV-11: 3 days or 24 hours. */
static void
test_pipeline_training_days_or_hours(void **state)
{
	struct pipe_state s = at(10, run);
	struct pipe_in in = step(11, "2025-06-10");
	struct pipe_result r;
	struct problem pb;

	(void)state;
	in.days = 2;
	assert_int_equal(try(&s, &in, &r, &pb), ERR_INVALID);
	assert_string_equal(pb.code, "DEV-11");
	in.days = -1;
	in.hours = 23;
	assert_int_equal(try(&s, &in, &r, &pb), ERR_INVALID);
	assert_string_equal(pb.fields[0].field, "hours");
	in.hours = 24;
	assert_int_equal(try(&s, &in, &r, &pb), ERR_OK);
	in.hours = -1;
	in.days = 3;
	assert_int_equal(try(&s, &in, &r, &pb), ERR_OK);
}

/* DEV-13: 公示 of 5 working days, counted on the holiday calendar. */
static void
test_pipeline_notice_working_days(void **state)
{
	struct pipe_state s = at(12, run);
	struct pipe_in in = step(13, "2026-10-12");
	struct holiday_cal *cal = calloc(1, sizeof(*cal));
	struct arena a = ARENA_INIT;
	struct pipe_result r;
	struct problem pb = { 0 };

	(void)state;
	assert_int_equal(holiday_parse("2026-09-25 off 中秋节\n2026-10-01 off 国庆节\n"
	    "2026-10-02 off 国庆节\n2026-10-05 off 国庆节\n2026-10-06 off 国庆节\n"
	    "2026-10-07 off 国庆节\n2026-10-10 work 调休\n", 2026, cal, &a, &pb), ERR_OK);
	s.on[12] = d("2026-09-20");
	/* 28, 29, 30 Sep, then 8, 9 Oct: five working days around the holiday. */
	in.notice_from = d("2026-09-28");
	in.notice_to = d("2026-10-08");
	memset(&pb, 0, sizeof(pb));
	assert_int_equal(pipe_check(&s, &in, cal, d("2027-01-01"), &r, &pb), ERR_INVALID);
	assert_string_equal(pb.code, "DEV-13");	/* 4 of 5 */
	in.notice_to = d("2026-10-09");
	memset(&pb, 0, sizeof(pb));
	assert_int_equal(pipe_check(&s, &in, cal, d("2027-01-01"), &r, &pb), ERR_OK);
	/* Without the calendar the same ten days hold 9 weekdays. */
	in.notice_to = d("2026-10-08");
	memset(&pb, 0, sizeof(pb));
	assert_int_equal(pipe_check(&s, &in, NULL, d("2027-01-01"), &r, &pb), ERR_OK);
	in.leaving = 1;
	memset(&pb, 0, sizeof(pb));
	assert_int_equal(pipe_check(&s, &in, NULL, d("2027-01-01"), &r, &pb), ERR_OK);
	assert_string_equal(r.warn[0].rule, "DEV-13");
	arena_release(&a);
	free(cal);
}

/* DEV-15: present > half, yes (with written opinions) > half of those entitled. */
static void
test_pipeline_assembly_vote(void **state)
{
	struct pipe_state s = at(14, run);
	struct pipe_in in = step(15, "2025-07-01");
	struct pipe_result r;
	struct problem pb;

	(void)state;
	in.present = 5;
	assert_int_equal(try(&s, &in, &r, &pb), ERR_INVALID);
	assert_string_equal(pb.code, "DEV-15");
	assert_string_equal(pb.fields[0].field, "present");
	in.present = 6;
	in.yes_votes = 5;
	assert_int_equal(try(&s, &in, &r, &pb), ERR_INVALID);
	assert_string_equal(pb.fields[0].field, "yes_votes");
	in.written = 1;	/* an absent voter's written opinion counts */
	assert_int_equal(try(&s, &in, &r, &pb), ERR_OK);
	in.written = 5;	/* only 4 were absent */
	assert_int_equal(try(&s, &in, &r, &pb), ERR_INVALID);
	assert_string_equal(pb.fields[0].field, "written");
}

/* DEV-T4: the assembly within a month of 预审; DEV-10's validity warns. */
static void
test_pipeline_assembly_within_a_month_of_review(void **state)
{
	struct pipe_state s = at(14, run);
	struct pipe_in in = step(15, "2025-07-23");
	struct pipe_result r;
	struct problem pb;

	(void)state;
	assert_int_equal(try(&s, &in, &r, &pb), ERR_OK);
	in = step(15, "2025-07-24");
	assert_int_equal(try(&s, &in, &r, &pb), ERR_INVALID);
	assert_string_equal(pb.code, "DEV-T4");
	s.on[10] = d("2024-07-22");
	in = step(15, "2025-07-23");
	assert_int_equal(try(&s, &in, &r, &pb), ERR_OK);
	assert_int_equal(r.nwarn, 1);
	assert_string_equal(r.warn[0].rule, "DEV-10");
}

/* DEV-17: 3 months (then a warning), 6 at most. */
static void
test_pipeline_approval_three_then_six_months(void **state)
{
	struct pipe_state s = at(16, run);
	struct pipe_in in;
	struct pipe_result r;
	struct problem pb;

	(void)state;
	s.on[15] = d("2025-08-31");
	s.on[16] = d("2025-09-05");
	in = step(17, "2025-11-30");
	assert_int_equal(try(&s, &in, &r, &pb), ERR_OK);
	assert_int_equal(r.nwarn, 0);
	in = step(17, "2025-12-01");
	assert_int_equal(try(&s, &in, &r, &pb), ERR_OK);
	assert_int_equal(r.nwarn, 1);
	assert_string_equal(r.warn[0].rule, "DEV-17");
	in = step(17, "2026-02-28");
	assert_int_equal(try(&s, &in, &r, &pb), ERR_OK);
	in = step(17, "2026-03-01");
	assert_int_equal(try(&s, &in, &r, &pb), ERR_INVALID);
	assert_string_equal(pb.code, "DEV-17");
}

/* DEV-T1: a year from the assembly; from 29 February to 28 February. */
static void
test_pipeline_probation_year_and_leap_day(void **state)
{
	struct pipe_state s = at(16, run);
	struct pipe_in in;
	struct pipe_result r;
	struct problem pb;

	(void)state;
	for (int i = 1; i <= 14; i++)
		s.on[i] = d("2023-01-01");
	s.on[15] = d("2024-02-29");
	s.on[16] = d("2024-03-05");
	in = step(17, "2024-03-20");
	assert_int_equal(try(&s, &in, &r, &pb), ERR_OK);
	assert_int_equal(pipe_apply(&s, &in), PE_ADMIT);
	assert_int_equal(s.probation_end, d("2025-02-28"));
	for (int no = 18; no <= 21; no++) {
		in = step(no, "2024-04-01");
		pipe_apply(&s, &in);
	}
	/* The application from 30 days before the end. */
	in = step(22, "2025-01-28");
	assert_int_equal(try(&s, &in, &r, &pb), ERR_INVALID);
	assert_string_equal(pb.code, "DEV-T1");
	in = step(22, "2025-01-29");
	assert_int_equal(try(&s, &in, &r, &pb), ERR_OK);
	pipe_apply(&s, &in);
	/* The discussion not before the end. */
	in = step(23, "2025-02-27");
	assert_int_equal(try(&s, &in, &r, &pb), ERR_INVALID);
	assert_string_equal(pb.code, "DEV-T1");
	in = step(23, "2025-02-28");
	assert_int_equal(try(&s, &in, &r, &pb), ERR_OK);
}

static struct pipe_state
at_22(void)
{
	struct pipe_state s = at(22, run);

	s.probation_end = d("2026-07-01");
	return s;
}

/* DEV-T2: one extension of 6-12 months, then convert or disqualify. */
static void
test_pipeline_extension_once_six_to_twelve_months(void **state)
{
	struct pipe_state s = at_22();
	struct pipe_in in = step(23, "2026-07-01");
	struct pipe_result r;
	struct problem pb;

	(void)state;
	in.outcome = "extend";
	in.extend_months = 5;
	assert_int_equal(try(&s, &in, &r, &pb), ERR_INVALID);
	assert_string_equal(pb.code, "DEV-T2");
	in.extend_months = 13;
	assert_int_equal(try(&s, &in, &r, &pb), ERR_INVALID);
	in.extend_months = 12;
	assert_int_equal(try(&s, &in, &r, &pb), ERR_OK);
	in.extend_months = 6;
	assert_int_equal(try(&s, &in, &r, &pb), ERR_OK);
	pipe_apply(&s, &in);
	in = step(24, "2026-07-20");
	assert_int_equal(try(&s, &in, &r, &pb), ERR_OK);
	assert_int_equal(pipe_apply(&s, &in), PE_EXTEND);
	assert_int_equal(s.probation_end, d("2027-01-01"));
	assert_int_equal(s.step, 21);
	assert_int_equal(pipe_next(&s), 22);
	/* Not dated before the extension's approval, though step 21 is older. */
	in = step(22, "2026-07-19");
	memset(&pb, 0, sizeof(pb));
	assert_int_equal(pipe_check(&s, &in, NULL, d("2027-06-01"), &r, &pb), ERR_INVALID);
	assert_string_equal(pb.fields[0].field, "date");
	/* The second time: no second extension. */
	in = step(22, "2026-12-15");
	memset(&pb, 0, sizeof(pb));
	assert_int_equal(pipe_check(&s, &in, NULL, d("2027-06-01"), &r, &pb), ERR_OK);
	pipe_apply(&s, &in);
	in = step(23, "2027-01-01");
	in.outcome = "extend";
	in.extend_months = 6;
	memset(&pb, 0, sizeof(pb));
	assert_int_equal(pipe_check(&s, &in, NULL, d("2027-06-01"), &r, &pb), ERR_INVALID);
	assert_string_equal(pb.code, "DEV-T2");
	in.outcome = "disqualify";
	in.extend_months = 0;
	memset(&pb, 0, sizeof(pb));
	assert_int_equal(pipe_check(&s, &in, NULL, d("2027-06-01"), &r, &pb), ERR_OK);
	pipe_apply(&s, &in);
	in = step(24, "2027-01-10");
	assert_int_equal(pipe_apply(&s, &in), PE_DISQUALIFY);
	assert_string_equal(s.status, "disqualified");
	assert_int_equal(pipe_next(&s), 0);
}

/* A serious breach: disqualified during the probation, before step 22. */
static void
test_pipeline_disqualify_during_probation(void **state)
{
	struct pipe_state s = at(21, run);
	struct pipe_in in = step(23, "2026-02-01");
	struct pipe_result r;
	struct problem pb;

	(void)state;
	assert_int_equal(try(&s, &in, &r, &pb), ERR_CONFLICT);	/* convert: needs 22 */
	in.outcome = "disqualify";
	assert_int_equal(try(&s, &in, &r, &pb), ERR_OK);
}

/* DEV-24 (local, soft): approval within 3 months of the discussion. */
static void
test_pipeline_conversion_approval_soft(void **state)
{
	struct pipe_state s = at_22();
	struct pipe_in in = step(23, "2026-07-31");
	struct pipe_result r;
	struct problem pb;

	(void)state;
	pipe_apply(&s, &in);
	in = step(24, "2026-10-31");
	assert_int_equal(try(&s, &in, &r, &pb), ERR_OK);
	assert_int_equal(r.nwarn, 0);
	in = step(24, "2026-11-01");
	assert_int_equal(try(&s, &in, &r, &pb), ERR_OK);
	assert_int_equal(r.nwarn, 1);
	assert_string_equal(r.warn[0].rule, "DEV-24");
	assert_int_equal(pipe_apply(&s, &in), PE_CONVERT);
	assert_string_equal(s.status, "full");
	assert_int_equal(pipe_next(&s), 25);
}

static void
test_pipeline_due_and_status(void **state)
{
	struct pipe_state s = at(1, run);
	int32_t earliest, due;
	const char *rule;
	char msg[360];

	(void)state;
	pipe_due(&s, 2, &earliest, &due, &rule);
	assert_int_equal(due, d("2024-02-10"));
	assert_string_equal(rule, "DEV-02");
	assert_string_equal(pipe_step_status(&s, 1, d("2024-02-10")), "done");
	assert_string_equal(pipe_step_status(&s, 2, d("2024-02-10")), "due");
	assert_string_equal(pipe_step_status(&s, 2, d("2024-02-11")), "overdue");
	assert_string_equal(pipe_step_status(&s, 3, d("2024-02-11")), "not_yet");
	s = at_22();
	s.step = 21;
	pipe_due(&s, 22, &earliest, &due, &rule);
	assert_int_equal(due, d("2026-07-01"));
	pipe_alert_message("张三", 22, due, d("2026-06-01"), msg, sizeof(msg));
	assert_non_null(strstr(msg, "预备期将于2026-07-01届满（30天后）：请准备转正"));
}

static void
test_holiday_calendar(void **state)
{
	struct holiday_cal *cal = calloc(1, sizeof(*cal));
	struct arena a = ARENA_INIT;
	struct problem pb = { 0 };

	(void)state;
	assert_int_equal(holiday_weekday(d("2026-11-29")), 7);	/* a Sunday */
	assert_int_equal(holiday_weekday(d("2024-02-29")), 4);
	assert_int_equal(holiday_parse("# c\n\n2026-02-14 work 春节调休\n2026-02-16 off 春节\n",
	    2026, cal, &a, &pb), ERR_OK);
	assert_int_equal(cal->n, 2);
	assert_true(holiday_is_workday(cal, d("2026-02-14")));	/* Saturday, adjusted */
	assert_false(holiday_is_workday(cal, d("2026-02-16")));	/* Monday, off */
	assert_false(holiday_is_workday(cal, d("2026-02-15")));	/* Sunday */
	assert_int_equal(holiday_workdays(cal, d("2026-02-13"), d("2026-02-17")), 3);
	assert_int_equal(holiday_add_workdays(cal, d("2026-02-13"), 2), d("2026-02-17"));
	assert_int_equal(holiday_parse("2026-02-17 off\n2026-02-16 off dup\n", 2026, cal, &a, &pb),
	    ERR_INVALID);
	assert_string_equal(pb.fields[0].field, "line 2");
	memset(&pb, 0, sizeof(pb));
	assert_int_equal(holiday_parse("2025-12-31 off x\n", 2026, cal, &a, &pb), ERR_INVALID);
	memset(&pb, 0, sizeof(pb));
	assert_int_equal(holiday_parse("2026-02-18 work x\n", 2026, cal, &a, &pb), ERR_INVALID);
	memset(&pb, 0, sizeof(pb));
	assert_int_equal(holiday_parse("2026-02-19 rest x\n", 2026, cal, &a, &pb), ERR_INVALID);
	arena_release(&a);
	free(cal);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pipeline_table_has_25_steps_in_5_stages),
		cmocka_unit_test(test_pipeline_whole_run_in_order),
		cmocka_unit_test(test_pipeline_order_refused_naming_current_step),
		cmocka_unit_test(test_pipeline_age_18_both_sides_and_leap_birthday),
		cmocka_unit_test(test_pipeline_talk_within_a_month),
		cmocka_unit_test(test_pipeline_activist_wait_is_soft),
		cmocka_unit_test(test_pipeline_target_after_a_year_leap),
		cmocka_unit_test(test_pipeline_contacts_and_sponsors),
		cmocka_unit_test(test_pipeline_failed_political_review_ends),
		cmocka_unit_test(test_pipeline_training_days_or_hours),
		cmocka_unit_test(test_pipeline_notice_working_days),
		cmocka_unit_test(test_pipeline_assembly_vote),
		cmocka_unit_test(test_pipeline_assembly_within_a_month_of_review),
		cmocka_unit_test(test_pipeline_approval_three_then_six_months),
		cmocka_unit_test(test_pipeline_probation_year_and_leap_day),
		cmocka_unit_test(test_pipeline_extension_once_six_to_twelve_months),
		cmocka_unit_test(test_pipeline_disqualify_during_probation),
		cmocka_unit_test(test_pipeline_conversion_approval_soft),
		cmocka_unit_test(test_pipeline_due_and_status),
		cmocka_unit_test(test_holiday_calendar),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}

/* test_cult.c: the pure rules of the cultivation registers: the dual
 * cultivation steps and outcomes, 1–2 contacts (RULES.md section 2 step
 * 5), the five criteria of a dual leader (CUL-02), training hours totals
 * and the yearly minimum (CUL-03). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "core/common.h"
#include "cultivate/cult.h"

static void
test_cult_steps_follow_the_register(void **state)
{
	const char *next = NULL;

	(void)state;
	assert_int_equal(cult_step("nominated", CA_SELECT, &next), ERR_OK);
	assert_string_equal(next, "selected");
	assert_int_equal(cult_step("nominated", CA_REJECT, &next), ERR_OK);
	assert_string_equal(next, "not_selected");
	assert_int_equal(cult_step("selected", CA_OUTCOME, &next), ERR_OK);
	assert_string_equal(next, "developed");
	assert_int_equal(cult_step("nominated", CA_OUTCOME, &next), ERR_CONFLICT);
	assert_int_equal(cult_step("selected", CA_SELECT, &next), ERR_CONFLICT);
	assert_int_equal(cult_step("not_selected", CA_OUTCOME, &next), ERR_CONFLICT);
	assert_int_equal(cult_step("developed", CA_REJECT, &next), ERR_CONFLICT);
	assert_non_null(strstr(cult_conflict_message("nominated"), "已推荐"));
	assert_non_null(strstr(cult_conflict_message("developed"), "已培养"));
}

static void
test_cult_outcome_fits_its_register(void **state)
{
	(void)state;
	assert_true(cult_outcome_fits("backbone_to_member", "joined_pipeline"));
	assert_false(cult_outcome_fits("backbone_to_member", "became_backbone"));
	assert_true(cult_outcome_fits("member_to_backbone", "became_backbone"));
	assert_false(cult_outcome_fits("member_to_backbone", "joined_pipeline"));
}

static void
test_cult_contacts_one_or_two(void **state)
{
	(void)state;
	assert_false(cult_contacts_ok(0));
	assert_true(cult_contacts_ok(1));
	assert_true(cult_contacts_ok(2));
	assert_false(cult_contacts_ok(3));
}

static void
test_cult_criteria_completeness(void **state)
{
	const char *all[CULT_CRITERIA] = { "a", "b", "c", "d", "e" };
	const char *some[CULT_CRITERIA] = { "a", NULL, " \t", "d", "" };
	int missing[CULT_CRITERIA];

	(void)state;
	assert_int_equal(cult_criteria_missing(all, missing), 0);
	for (int i = 0; i < CULT_CRITERIA; i++)
		assert_int_equal(missing[i], 0);
	assert_int_equal(cult_criteria_missing(some, missing), 3);
	assert_int_equal(missing[0], 0);
	assert_int_equal(missing[1], 1);
	assert_int_equal(missing[2], 1);	/* blank is not evidence */
	assert_int_equal(missing[3], 0);
	assert_int_equal(missing[4], 1);
	assert_int_equal(cult_criteria_missing(some, NULL), 3);
	assert_string_equal(cult_criteria_labels[0], "党性强");
	assert_string_equal(cult_criteria_labels[4], "善做思想政治工作");
	assert_string_equal(cult_criteria_fields[3], "evidence_prestige");
	assert_null(cult_criteria_fields[CULT_CRITERIA]);
}

static void
test_cult_hours_total_and_minimum(void **state)
{
	const int64_t h[] = { 8, 16, 8, -4, 0 };

	(void)state;
	assert_int_equal(cult_hours_total(h, 5), 32);
	assert_int_equal(cult_hours_total(h, 0), 0);
	/* CUL-03: 40 hours a year by default; at the minimum is met. */
	assert_int_equal(cult_hours_short(32, 40), 8);
	assert_int_equal(cult_hours_short(39, 40), 1);
	assert_int_equal(cult_hours_short(40, 40), 0);
	assert_int_equal(cult_hours_short(41, 40), 0);
	assert_int_equal(cult_hours_short(0, 40), 40);
	assert_int_equal(cult_hours_short(0, 0), 0);	/* 0 turns the rule off */
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cult_steps_follow_the_register),
		cmocka_unit_test(test_cult_outcome_fits_its_register),
		cmocka_unit_test(test_cult_contacts_one_or_two),
		cmocka_unit_test(test_cult_criteria_completeness),
		cmocka_unit_test(test_cult_hours_total_and_minimum),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

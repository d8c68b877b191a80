/* test_finding.c: the findings state machine (issue 4): every cell of the
 * transition table for both sides, the 409 message naming the state, and
 * overdue at the deadline boundary. Pure rules. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "core/dates.h"
#include "core/err.h"
#include "supervise/finding.h"

/* The legal steps: state, action, next. Everything else is refused. */
static const struct {
	enum finding_state from;
	enum finding_action a;
	enum finding_state to;
} legal[] = {
	{ FS_ISSUED, FA_START, FS_RECTIFYING },
	{ FS_RECTIFYING, FA_SUBMIT, FS_SUBMITTED },
	{ FS_SUBMITTED, FA_VERIFY, FS_VERIFIED },
	{ FS_SUBMITTED, FA_RETURN, FS_RETURNED },
	{ FS_RETURNED, FA_START, FS_RECTIFYING },
	{ FS_RETURNED, FA_SUBMIT, FS_SUBMITTED },
};

static int
legal_next(enum finding_state s, enum finding_action a, enum finding_state *to)
{
	for (size_t i = 0; i < sizeof(legal) / sizeof(legal[0]); i++)
		if (legal[i].from == s && legal[i].a == a) {
			*to = legal[i].to;
			return 1;
		}
	return 0;
}

static enum finding_side
owner(enum finding_action a)
{
	return a == FA_START || a == FA_SUBMIT ? FSIDE_RESPONSIBLE : FSIDE_SUPERVISOR;
}

static void
test_finding_transition_table(void **state)
{
	(void)state;
	for (int s = 0; s < FS_N; s++)
		for (int a = 0; a < FA_N; a++) {
			enum finding_state next = FS_N, want;
			enum err e = finding_step(s, a, owner(a), &next);

			if (legal_next(s, a, &want)) {
				assert_int_equal(e, ERR_OK);
				assert_int_equal(next, want);
			} else {
				assert_int_equal(e, ERR_CONFLICT);
				assert_int_equal(next, FS_N);	/* untouched */
			}
		}
}

static void
test_finding_wrong_side_is_forbidden(void **state)
{
	enum finding_state next = FS_N;

	(void)state;
	/* Verifying or returning one's own rectification. */
	assert_int_equal(finding_step(FS_SUBMITTED, FA_VERIFY, FSIDE_RESPONSIBLE, &next),
	    ERR_FORBIDDEN);
	assert_int_equal(finding_step(FS_SUBMITTED, FA_RETURN, FSIDE_RESPONSIBLE, &next),
	    ERR_FORBIDDEN);
	/* The supervisor does not rectify for the school. */
	assert_int_equal(finding_step(FS_ISSUED, FA_START, FSIDE_SUPERVISOR, &next), ERR_FORBIDDEN);
	assert_int_equal(finding_step(FS_RECTIFYING, FA_SUBMIT, FSIDE_SUPERVISOR, &next),
	    ERR_FORBIDDEN);
	for (int a = 0; a < FA_N; a++)
		assert_int_equal(finding_step(FS_SUBMITTED, a, FSIDE_NONE, &next), ERR_FORBIDDEN);
	assert_int_equal(next, FS_N);
}

static void
test_finding_sides_of_roles(void **state)
{
	(void)state;
	assert_int_equal(finding_side_of(ROLE_ADMIN), FSIDE_NONE);	/* SEC-05: no business side */
	assert_int_equal(finding_side_of(ROLE_DISTRICT), FSIDE_SUPERVISOR);
	assert_int_equal(finding_side_of(ROLE_INSPECTOR), FSIDE_SUPERVISOR);
	assert_int_equal(finding_side_of(ROLE_SECRETARY), FSIDE_RESPONSIBLE);
	assert_int_equal(finding_side_of(ROLE_PRINCIPAL), FSIDE_NONE);
	assert_int_equal(finding_side_of(ROLE_MEMBER), FSIDE_NONE);
}

static void
test_finding_conflict_message_names_state(void **state)
{
	(void)state;
	assert_non_null(strstr(finding_conflict_message(FS_ISSUED), "已下发"));
	assert_non_null(strstr(finding_conflict_message(FS_RECTIFYING), "整改中"));
	assert_non_null(strstr(finding_conflict_message(FS_SUBMITTED), "已提交"));
	assert_non_null(strstr(finding_conflict_message(FS_VERIFIED), "已销号"));
	assert_non_null(strstr(finding_conflict_message(FS_RETURNED), "已退回"));
	for (int s = 0; s < FS_N; s++)
		assert_int_equal(finding_state_parse(finding_states[s]), s);
	assert_int_equal(finding_state_parse("closed"), -1);
}

static void
test_finding_overdue_at_the_deadline(void **state)
{
	int32_t dl = 0;

	(void)state;
	assert_int_equal(date_parse("2026-08-31", &dl), 0);
	assert_false(finding_overdue(FS_RECTIFYING, dl, dl - 1));
	assert_false(finding_overdue(FS_RECTIFYING, dl, dl));		/* the last day */
	assert_true(finding_overdue(FS_RECTIFYING, dl, dl + 1));
	assert_true(finding_overdue(FS_ISSUED, dl, dl + 1));
	assert_true(finding_overdue(FS_SUBMITTED, dl, dl + 1));	/* not verified yet */
	assert_true(finding_overdue(FS_RETURNED, dl, dl + 30));
	assert_false(finding_overdue(FS_VERIFIED, dl, dl + 1));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_finding_transition_table),
		cmocka_unit_test(test_finding_wrong_side_is_forbidden),
		cmocka_unit_test(test_finding_sides_of_roles),
		cmocka_unit_test(test_finding_conflict_message_names_state),
		cmocka_unit_test(test_finding_overdue_at_the_deadline),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

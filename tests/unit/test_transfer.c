/* test_transfer.c: the transfer state machine (XFER-04), who acts for
 * each step, and the letter dates (XFER-03) at month ends. Pure rules. */
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
#include "party/transfer.h"

static int
setup(void **state)
{
	(void)state;
	unsetenv("HONGYAN_XFER_VALID_MONTHS");
	unsetenv("HONGYAN_XFER_VALID_MONTHS_CROSS");
	unsetenv("HONGYAN_XFER_RECEIPT_MONTHS");
	return config_from_env();
}

static int32_t
d(const char *s)
{
	int32_t v = 0;

	assert_int_equal(date_parse(s, &v), 0);
	return v;
}

static void
assert_date(int32_t day, const char *want)
{
	char got[11];

	date_format(day, got);
	assert_string_equal(got, want);
}

static void
test_transfer_allowed_steps_follow_xfer04(void **state)
{
	(void)state;
	assert_string_equal(transfer_next("internal", "draft", XFER_APPROVE), "approved");
	assert_string_equal(transfer_next("internal", "approved", XFER_SEND), "in_transit");
	assert_string_equal(transfer_next("internal", "in_transit", XFER_RECEIVE), "done");
	assert_string_equal(transfer_next("in", "in_transit", XFER_RECEIVE), "done");
	assert_string_equal(transfer_next("out", "in_transit", XFER_RECEIVE), "received");
	assert_string_equal(transfer_next("out", "received", XFER_CONFIRM), "done");
	assert_string_equal(transfer_next("out", "in_transit", XFER_RETURN), "returned");
	assert_string_equal(transfer_next("internal", "in_transit", XFER_RETURN), "returned");
	assert_string_equal(transfer_initial("in"), "in_transit");
	assert_string_equal(transfer_initial("out"), "draft");
	assert_string_equal(transfer_initial("internal"), "draft");
}

static void
test_transfer_forbidden_steps_are_refused(void **state)
{
	static const char *const dirs[] = { "internal", "out", "in" };

	(void)state;
	for (int i = 0; i < 3; i++) {
		/* no skipping approval, no sending twice, nothing after the end */
		assert_null(transfer_next(dirs[i], "draft", XFER_SEND));
		assert_null(transfer_next(dirs[i], "draft", XFER_RECEIVE));
		assert_null(transfer_next(dirs[i], "approved", XFER_APPROVE));
		assert_null(transfer_next(dirs[i], "approved", XFER_RECEIVE));
		assert_null(transfer_next(dirs[i], "in_transit", XFER_SEND));
		assert_null(transfer_next(dirs[i], "in_transit", XFER_APPROVE));
		assert_null(transfer_next(dirs[i], "returned", XFER_RECEIVE));
		assert_null(transfer_next(dirs[i], "returned", XFER_SEND));
		assert_null(transfer_next(dirs[i], "done", XFER_RETURN));
		assert_null(transfer_next(dirs[i], "done", XFER_RECEIVE));
		assert_null(transfer_next(dirs[i], "draft", XFER_CONFIRM));
	}
	/* only an outgoing transfer waits for its receipt */
	assert_null(transfer_next("internal", "received", XFER_CONFIRM));
	assert_null(transfer_next("out", "received", XFER_RETURN));
	assert_null(transfer_next("out", "received", XFER_RECEIVE));
}

static void
test_transfer_sides(void **state)
{
	(void)state;
	assert_int_equal(transfer_actor("internal", XFER_APPROVE), XFER_SENDER);
	assert_int_equal(transfer_actor("internal", XFER_SEND), XFER_SENDER);
	assert_int_equal(transfer_actor("internal", XFER_RECEIVE), XFER_RECEIVER);
	assert_int_equal(transfer_actor("internal", XFER_RETURN), XFER_RECEIVER);
	assert_int_equal(transfer_actor("in", XFER_RECEIVE), XFER_RECEIVER);
	/* the other side of "out" is outside the system: the sender records it */
	assert_int_equal(transfer_actor("out", XFER_RECEIVE), XFER_SENDER);
	assert_int_equal(transfer_actor("out", XFER_CONFIRM), XFER_SENDER);
}

static void
test_transfer_add_months_clamps_to_month_end(void **state)
{
	(void)state;
	assert_date(transfer_add_months(d("2026-01-31"), 1), "2026-02-28");
	assert_date(transfer_add_months(d("2028-01-31"), 1), "2028-02-29");
	assert_date(transfer_add_months(d("2026-11-30"), 3), "2027-02-28");
	assert_date(transfer_add_months(d("2027-08-31"), 6), "2028-02-29");
	assert_date(transfer_add_months(d("2026-12-15"), 1), "2027-01-15");
	assert_date(transfer_add_months(d("2026-03-31"), 3), "2026-06-30");
}

static void
test_transfer_validity_xfer03(void **state)
{
	(void)state;
	assert_date(transfer_valid_max(d("2026-07-10"), 0), "2026-10-10");
	assert_date(transfer_valid_max(d("2026-07-10"), 1), "2027-01-10");
	assert_date(transfer_valid_max(d("2026-08-31"), 0), "2026-11-30");
	assert_date(transfer_valid_max(d("2026-08-31"), 1), "2027-02-28");
	cfg.xfer_valid_months = 1;	/* configurable (a local rule may be stricter) */
	assert_date(transfer_valid_max(d("2026-07-10"), 0), "2026-08-10");
	cfg.xfer_valid_months = 3;
}

static void
test_transfer_receipt_due_one_month(void **state)
{
	(void)state;
	assert_date(transfer_receipt_due(d("2026-01-31")), "2026-02-28");
	assert_date(transfer_receipt_due(d("2026-12-31")), "2027-01-31");
	assert_date(transfer_receipt_due(d("2026-05-15")), "2026-06-15");
}

static void
test_transfer_overdue_flags(void **state)
{
	(void)state;
	assert_false(transfer_overdue("in_transit", "2026-10-10", NULL, d("2026-10-10")));
	assert_true(transfer_overdue("in_transit", "2026-10-10", NULL, d("2026-10-11")));
	assert_false(transfer_overdue("received", NULL, "2026-06-15", d("2026-06-15")));
	assert_true(transfer_overdue("received", NULL, "2026-06-15", d("2026-06-16")));
	assert_false(transfer_overdue("done", "2026-01-01", "2026-01-01", d("2027-01-01")));
	assert_false(transfer_overdue("returned", "2026-01-01", NULL, d("2027-01-01")));
}

static void
test_transfer_letter_checks(void **state)
{
	struct arena a = ARENA_INIT;
	struct problem pb = { 0 };
	const char *until = NULL;
	int32_t today = d("2026-07-20");

	(void)state;
	assert_int_equal(transfer_check_letter("渝组转〔2026〕12号", "2026-07-10", &until, "2026-06",
	    0, today, &a, &pb), ERR_OK);
	assert_string_equal(until, "2026-10-10");	/* the default is the limit */
	until = "2026-10-11";
	assert_int_equal(transfer_check_letter("12", "2026-07-10", &until, NULL, 0, today, &a, &pb),
	    ERR_INVALID);
	assert_true(problem_has(&pb, "valid_until"));
	memset(&pb, 0, sizeof(pb));
	until = "2027-01-10";	/* six months is fine across provinces */
	assert_int_equal(transfer_check_letter("12", "2026-07-10", &until, NULL, 1, today, &a, &pb),
	    ERR_OK);
	until = NULL;
	assert_int_equal(transfer_check_letter("", "2026-07-21", &until, "2026-13", 0, today, &a,
	    &pb), ERR_INVALID);
	assert_true(problem_has(&pb, "letter_no"));
	assert_true(problem_has(&pb, "sent_on"));
	assert_true(problem_has(&pb, "dues_paid_to"));
	arena_release(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_transfer_allowed_steps_follow_xfer04),
		cmocka_unit_test(test_transfer_forbidden_steps_are_refused),
		cmocka_unit_test(test_transfer_sides),
		cmocka_unit_test(test_transfer_add_months_clamps_to_month_end),
		cmocka_unit_test(test_transfer_validity_xfer03),
		cmocka_unit_test(test_transfer_receipt_due_one_month),
		cmocka_unit_test(test_transfer_overdue_flags),
		cmocka_unit_test(test_transfer_letter_checks),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}

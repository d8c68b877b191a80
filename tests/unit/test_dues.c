/* test_dues.c: the pure dues rules: DUES-02 and DUES-04 vectors at every
 * bracket edge, DUES-05 flat amounts, configured brackets, category mapping,
 * the DUES-08 back-payment window across year ends, DUES-06 approval,
 * DUES-07 effective month and DUES-09 arrears. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "core/err.h"
#include "core/money.h"
#include "party/dues.h"

static const struct dues_cfg C = DUES_CFG_DEFAULT;

static int64_t
quote(const struct dues_cfg *c, const char *category, const char *base, const char *want_rule)
{
	struct problem pb = { 0 };
	const char *rule = NULL;
	int64_t fen = -1, base_fen = 0, rate;

	assert_int_equal(money_parse(base, &base_fen), 0);
	assert_int_equal(dues_monthly(c, category, base_fen, &fen, &rule, &rate, &pb), ERR_OK);
	assert_string_equal(rule, want_rule);
	return fen;
}

static void
test_dues_in_service_vectors(void **state)
{
	(void)state;
	/* RULES.md DUES-02 vectors: the whole base, HALF_UP to fen (DUES-12). */
	assert_int_equal(quote(&C, "in_service", "3000.00", "DUES-02"), 1500);
	assert_int_equal(quote(&C, "in_service", "3000.01", "DUES-02"), 3000);
	assert_int_equal(quote(&C, "in_service", "5000.00", "DUES-02"), 5000);
	assert_int_equal(quote(&C, "in_service", "5000.01", "DUES-02"), 7500);
	assert_int_equal(quote(&C, "in_service", "8000", "DUES-02"), 12000);
	assert_int_equal(quote(&C, "in_service", "10000.00", "DUES-02"), 15000);
	assert_int_equal(quote(&C, "in_service", "10000.01", "DUES-02"), 20000);
	/* HALF_UP: 0.5% of 0.99 is 0.495 fen -> 0; of 1.00 is 0.5 -> 1. */
	assert_int_equal(quote(&C, "in_service", "0.99", "DUES-02"), 0);
	assert_int_equal(quote(&C, "in_service", "1.00", "DUES-02"), 1);
	assert_int_equal(quote(&C, "in_service", "4321.50", "DUES-02"), 4322);
}

static void
test_dues_retired_vectors(void **state)
{
	(void)state;
	assert_int_equal(quote(&C, "retired", "5000.00", "DUES-04"), 2500);
	assert_int_equal(quote(&C, "retired", "5000.01", "DUES-04"), 5000);
	assert_int_equal(quote(&C, "retired", "2000", "DUES-04"), 1000);
	assert_int_equal(quote(&C, "retired", "12000", "DUES-04"), 12000);
}

static void
test_dues_flat_categories(void **state)
{
	struct dues_cfg c = C;

	(void)state;
	assert_int_equal(quote(&C, "student", "0", "DUES-05"), 20);
	assert_int_equal(quote(&C, "unemployed", "9000", "DUES-05"), 20);
	assert_int_equal(quote(&C, "relief", "0", "DUES-05"), 20);
	assert_int_equal(quote(&C, "farmer", "0", "DUES-05"), 20);
	c.farmer_fen = 100;	/* farmers 0.2-1 yuan, configurable */
	assert_int_equal(quote(&c, "farmer", "0", "DUES-05"), 100);
	assert_int_equal(quote(&c, "student", "0", "DUES-05"), 20);
}

static void
test_dues_brackets_are_configuration(void **state)
{
	struct dues_cfg c = C;

	(void)state;
	c.bound_fen[0] = 400000;	/* a local rule: <= 4000 at 0.5% */
	c.rate_bp[3] = 300;
	assert_int_equal(quote(&c, "in_service", "3500", "DUES-02"), 1750);
	assert_int_equal(quote(&c, "in_service", "20000", "DUES-02"), 60000);
	c.retired_bound_fen = 300000;
	assert_int_equal(quote(&c, "retired", "4000", "DUES-04"), 4000);
}

static void
test_dues_rejects_bad_input(void **state)
{
	struct problem pb = { 0 };
	const char *rule;
	int64_t fen, rate;

	(void)state;
	assert_int_equal(dues_monthly(&C, "in_service", -1, &fen, &rule, &rate, &pb), ERR_INVALID);
	assert_true(problem_has(&pb, "base_fen"));
	memset(&pb, 0, sizeof(pb));
	assert_int_equal(dues_monthly(&C, "in_service", C.base_max_fen + 1, &fen, &rule, &rate,
	    &pb), ERR_INVALID);
	assert_true(problem_has(&pb, "base_fen"));
	memset(&pb, 0, sizeof(pb));
	assert_int_equal(dues_monthly(&C, "retired", 0, &fen, &rule, &rate, &pb), ERR_INVALID);
	assert_true(problem_has(&pb, "base_fen"));
	memset(&pb, 0, sizeof(pb));
	assert_int_equal(dues_monthly(&C, "student", -5, &fen, &rule, &rate, &pb), ERR_INVALID);
	assert_true(problem_has(&pb, "base_fen"));
	memset(&pb, 0, sizeof(pb));
	assert_int_equal(dues_monthly(&C, "worker", 100, &fen, &rule, &rate, &pb), ERR_INVALID);
	assert_true(problem_has(&pb, "category"));
	memset(&pb, 0, sizeof(pb));
	assert_int_equal(dues_monthly(&C, NULL, 100, &fen, &rule, &rate, &pb), ERR_INVALID);
	assert_true(problem_has(&pb, "category"));
}

static void
test_dues_category_mapping(void **state)
{
	(void)state;
	assert_string_equal(dues_category_for_member("in_service"), "in_service");
	assert_string_equal(dues_category_for_member("retired"), "retired");
	assert_string_equal(dues_category_for_member("other"), "unemployed");
	assert_string_equal(dues_category_for_member(NULL), "unemployed");
}

static void
test_dues_month_keys(void **state)
{
	int32_t k = 0;
	char s[8];

	(void)state;
	assert_int_equal(dues_month_parse("2026-07", &k), 0);
	assert_int_equal(k, 202607);
	assert_int_equal(dues_month_parse("2026-13", &k), -1);
	assert_int_equal(dues_month_parse("2026-00", &k), -1);
	assert_int_equal(dues_month_parse("2026-7", &k), -1);
	assert_int_equal(dues_month_parse("2026-07-01", &k), -1);
	assert_int_equal(dues_month_parse("20x6-07", &k), -1);
	assert_int_equal(dues_month_add(202601, -1), 202512);
	assert_int_equal(dues_month_add(202612, 1), 202701);
	assert_int_equal(dues_month_add(202603, -6), 202509);
	assert_int_equal(dues_month_diff(202509, 202603), 6);
	dues_month_format(202601, s);
	assert_string_equal(s, "2026-01");
}

static enum err
month_ok(const struct dues_cfg *c, int32_t month, int32_t now)
{
	struct problem pb = { 0 };
	enum err e = dues_check_month(c, month, now, "items[0].month", &pb);

	if (e)
		assert_true(problem_has(&pb, "items[0].month"));
	return e;
}

static void
test_dues_backpay_window(void **state)
{
	struct dues_cfg c = C;

	(void)state;
	/* DUES-08: at most 6 months back, never ahead. */
	assert_int_equal(month_ok(&C, 202607, 202607), ERR_OK);
	assert_int_equal(month_ok(&C, 202601, 202607), ERR_OK);
	assert_int_equal(month_ok(&C, 202512, 202607), ERR_INVALID);
	assert_int_equal(month_ok(&C, 202608, 202607), ERR_INVALID);
	/* Across the year end. */
	assert_int_equal(month_ok(&C, 202509, 202603), ERR_OK);
	assert_int_equal(month_ok(&C, 202508, 202603), ERR_INVALID);
	assert_int_equal(month_ok(&C, 202507, 202601), ERR_OK);
	assert_int_equal(month_ok(&C, 202506, 202601), ERR_INVALID);
	assert_int_equal(month_ok(&C, 202701, 202612), ERR_INVALID);
	c.backpay_months = 3;
	assert_int_equal(month_ok(&c, 202604, 202607), ERR_OK);
	assert_int_equal(month_ok(&c, 202603, 202607), ERR_INVALID);
}

static void
test_dues_reduction_needs_approval(void **state)
{
	struct problem pb = { 0 };

	(void)state;
	assert_int_equal(dues_check_reduction(-1, 5000, "", &pb), ERR_OK);
	assert_int_equal(dues_check_reduction(1000, 5000, "区教育工委 渝教工〔2026〕12号", &pb),
	    ERR_OK);
	assert_int_equal(dues_check_reduction(0, 5000, "区教育工委批准", &pb), ERR_OK);
	assert_int_equal(dues_check_reduction(1000, 5000, "", &pb), ERR_INVALID);
	assert_true(problem_has(&pb, "approval"));
	memset(&pb, 0, sizeof(pb));
	assert_int_equal(dues_check_reduction(1000, 5000, NULL, &pb), ERR_INVALID);
	assert_true(problem_has(&pb, "approval"));
	memset(&pb, 0, sizeof(pb));
	assert_int_equal(dues_check_reduction(6000, 5000, "批准", &pb), ERR_INVALID);
	assert_true(problem_has(&pb, "reduced_fen"));
	assert_false(problem_has(&pb, "approval"));
}

static void
test_dues_effective_from(void **state)
{
	struct dues_cfg c = C;

	(void)state;
	/* DUES-07: on_change by default; annual moves to next January. */
	assert_int_equal(dues_effective_from(&C, 202607, 0, 0), 202607);
	assert_int_equal(dues_effective_from(&C, 202607, 1, 202603), 202603);
	c.annual = 1;
	assert_int_equal(dues_effective_from(&c, 202607, 0, 0), 202701);
	assert_int_equal(dues_effective_from(&c, 202612, 0, 0), 202701);
	assert_int_equal(dues_effective_from(&c, 202607, 1, 202608), 202608);
}

static void
test_dues_arrears(void **state)
{
	(void)state;
	/* Never paid since the first setting of 2026-01: Jan..Jul unpaid. */
	assert_int_equal(dues_arrears(202607, 1, 202601, 0, 2000), 7);
	/* Paid up to May: June and July. */
	assert_int_equal(dues_arrears(202607, 1, 202601, 202605, 2000), 2);
	assert_int_equal(dues_arrears(202607, 1, 202601, 202607, 2000), 0);
	/* A payment before the first setting does not shorten the run. */
	assert_int_equal(dues_arrears(202603, 1, 202510, 202509, 2000), 6);
	assert_int_equal(dues_arrears(202607, 0, 0, 0, 0), 0);
	assert_int_equal(dues_arrears(202607, 1, 202601, 0, 0), 0);	/* waived */
	assert_int_equal(dues_arrears_level(&C, 2), 0);
	assert_int_equal(dues_arrears_level(&C, 3), 1);
	assert_int_equal(dues_arrears_level(&C, 5), 1);
	assert_int_equal(dues_arrears_level(&C, 6), 2);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dues_in_service_vectors),
		cmocka_unit_test(test_dues_retired_vectors),
		cmocka_unit_test(test_dues_flat_categories),
		cmocka_unit_test(test_dues_brackets_are_configuration),
		cmocka_unit_test(test_dues_rejects_bad_input),
		cmocka_unit_test(test_dues_category_mapping),
		cmocka_unit_test(test_dues_month_keys),
		cmocka_unit_test(test_dues_backpay_window),
		cmocka_unit_test(test_dues_reduction_needs_approval),
		cmocka_unit_test(test_dues_effective_from),
		cmocka_unit_test(test_dues_arrears),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

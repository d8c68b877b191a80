/* test_money.c: amounts in fen, HALF_UP rates, and the DUES-02 vectors. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "core/money.h"

/* DUES-02 as per mille, applied to the whole base (not marginally). */
static int64_t
dues_rate_permille(int64_t base_fen)
{
	if (base_fen <= 300000)
		return 5;	/* <= 3000 yuan: 0.5% */
	if (base_fen <= 500000)
		return 10;	/* <= 5000: 1% */
	if (base_fen <= 1000000)
		return 15;	/* <= 10000: 1.5% */
	return 20;	/* > 10000: 2% */
}

static int64_t
dues_fen(const char *base)
{
	int64_t fen = -1;

	assert_int_equal(money_parse(base, &fen), 0);
	return money_apply_rate(fen, dues_rate_permille(fen), 1000);
}

static void
test_money_parse_accepts_yuan_with_up_to_two_decimals(void **state)
{
	int64_t fen = -1;

	(void)state;
	assert_int_equal(money_parse("3000", &fen), 0);
	assert_int_equal(fen, 300000);
	assert_int_equal(money_parse("3000.5", &fen), 0);
	assert_int_equal(fen, 300050);
	assert_int_equal(money_parse("3000.01", &fen), 0);
	assert_int_equal(fen, 300001);
	assert_int_equal(money_parse("0", &fen), 0);
	assert_int_equal(fen, 0);
	assert_int_equal(money_parse("0.07", &fen), 0);
	assert_int_equal(fen, 7);
	/* the documented ceiling, 10^13 fen, is accepted; one fen more is not */
	assert_int_equal(money_parse("100000000000", &fen), 0);
	assert_int_equal(fen, 10000000000000);
}

static void
test_money_parse_rejects_malformed_amounts(void **state)
{
	static const char *bad[] = {
		"", "-1", "+1", "1.234", "1e3", "12.", "abc", "1.2.3", " 1", "1 ",
		"1,000", ".", "100000000000.01", "99999999999999999999999999",
	};
	int64_t fen = 42;

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(money_parse(bad[i], &fen), -1);
		assert_int_equal(fen, 42);	/* untouched on failure */
	}
	assert_int_equal(money_parse(NULL, &fen), -1);
}

static void
test_money_format_writes_two_decimals(void **state)
{
	char out[32];

	(void)state;
	money_format(300001, out);
	assert_string_equal(out, "3000.01");
	money_format(300050, out);
	assert_string_equal(out, "3000.50");
	money_format(0, out);
	assert_string_equal(out, "0.00");
	money_format(5, out);
	assert_string_equal(out, "0.05");
	money_format(-150, out);
	assert_string_equal(out, "-1.50");
	money_format(INT64_MIN, out);
	assert_string_equal(out, "-92233720368547758.08");
	money_format(INT64_MAX, out);
	assert_string_equal(out, "92233720368547758.07");
}

static void
test_money_parse_format_round_trip(void **state)
{
	static const char *s[] = { "0.00", "0.01", "15.00", "3000.01", "123456789.99" };
	char out[32];
	int64_t fen;

	(void)state;
	for (size_t i = 0; i < sizeof(s) / sizeof(s[0]); i++) {
		assert_int_equal(money_parse(s[i], &fen), 0);
		money_format(fen, out);
		assert_string_equal(out, s[i]);
	}
}

static void
test_money_apply_rate_rounds_half_up(void **state)
{
	(void)state;
	assert_int_equal(money_apply_rate(100, 5, 1000), 1);	/* 0.5 -> 1 */
	assert_int_equal(money_apply_rate(99, 5, 1000), 0);	/* 0.495 -> 0 */
	assert_int_equal(money_apply_rate(300, 5, 1000), 2);	/* 1.5 -> 2 */
	assert_int_equal(money_apply_rate(500, 5, 1000), 3);	/* 2.5 -> 3, not banker's 2 */
	assert_int_equal(money_apply_rate(1, 1, 4), 0);		/* 0.25 -> 0 */
	assert_int_equal(money_apply_rate(3, 1, 4), 1);		/* 0.75 -> 1 */
	assert_int_equal(money_apply_rate(0, 20, 1000), 0);
	assert_int_equal(money_apply_rate(123456, 1000, 1000), 123456);
	/* the largest amount money_parse accepts does not overflow at 2% */
	assert_int_equal(money_apply_rate(10000000000000, 20, 1000), 200000000000);
}

/* RULES.md DUES-02 vectors: the jump at each boundary is intended. */
static void
test_money_dues_vectors_apply_rate_to_whole_base(void **state)
{
	(void)state;
	assert_int_equal(dues_fen("3000.00"), 1500);
	assert_int_equal(dues_fen("3000.01"), 3000);
	assert_int_equal(dues_fen("5000.00"), 5000);
	assert_int_equal(dues_fen("5000.01"), 7500);
	assert_int_equal(dues_fen("8000"), 12000);
	assert_int_equal(dues_fen("10000.00"), 15000);
	assert_int_equal(dues_fen("10000.01"), 20000);
}

static void
test_money_dues_vectors_format_as_yuan(void **state)
{
	static const struct {
		const char *base, *dues;
	} v[] = {
		{ "3000.00", "15.00" }, { "3000.01", "30.00" }, { "5000.00", "50.00" },
		{ "5000.01", "75.00" }, { "8000", "120.00" }, { "10000.00", "150.00" },
		{ "10000.01", "200.00" },
	};
	char out[32];

	(void)state;
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		money_format(dues_fen(v[i].base), out);
		assert_string_equal(out, v[i].dues);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_money_parse_accepts_yuan_with_up_to_two_decimals),
		cmocka_unit_test(test_money_parse_rejects_malformed_amounts),
		cmocka_unit_test(test_money_format_writes_two_decimals),
		cmocka_unit_test(test_money_parse_format_round_trip),
		cmocka_unit_test(test_money_apply_rate_rounds_half_up),
		cmocka_unit_test(test_money_dues_vectors_apply_rate_to_whole_base),
		cmocka_unit_test(test_money_dues_vectors_format_as_yuan),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

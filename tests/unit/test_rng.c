/* test_rng.c: the demo data's splitmix64 stream (core/rng.h): the
 * published reference values, so a seed gives the same demo anywhere, and
 * the edge cases of the helpers. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "core/rng.h"

/* splitmix64 from seed 0 (Vigna's reference implementation). */
static void
test_rng_reference_stream(void **state)
{
	struct rng r = { 0 };

	(void)state;
	assert_true(rng_next(&r) == 0xE220A8397B1DCDAFull);
	assert_true(rng_next(&r) == 0x6E789E6AA1B965F4ull);
	assert_true(rng_next(&r) == 0x06C45D188009454Full);
}

static void
test_rng_bounds(void **state)
{
	struct rng r = { 2026 }, copy;
	int seen[6] = { 0 };

	(void)state;
	for (int i = 0; i < 6000; i++) {
		int v = rng_range(&r, 1, 6);

		assert_true(v >= 1 && v <= 6);
		seen[v - 1]++;
	}
	for (int i = 0; i < 6; i++)
		assert_true(seen[i] > 800 && seen[i] < 1200);
	copy = r;
	assert_int_equal(rng_below(&r, 0), 0);	/* no draw: the stream stays */
	assert_int_equal(rng_range(&r, 5, 4), 5);
	assert_true(r.s == copy.s);
	assert_int_equal(rng_pct(&r, 0), 0);
	assert_int_equal(rng_pct(&r, 100), 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rng_reference_stream),
		cmocka_unit_test(test_rng_bounds),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

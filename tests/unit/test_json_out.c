/* test_json_out.c: the streaming JSON writer (http/json_out.h): escaping,
 * commas across nesting, times, and the size limit. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "http/json_out.h"

static void
test_json_out_escapes_quotes_backslashes_and_controls(void **state)
{
	struct buf b = BUF_INIT(1 << 16);
	struct jw w;

	(void)state;
	jw_init(&w, &b);
	jw_str(&w, "a\"b\\c\nd\x01" "e红岩");
	assert_string_equal(buf_str(&b), "\"a\\\"b\\\\c\\nd\\u0001e红岩\"");
	buf_release(&b);
}

static void
test_json_out_nests_with_commas(void **state)
{
	struct buf b = BUF_INIT(1 << 16);
	struct jw w;

	(void)state;
	jw_init(&w, &b);
	jw_obj(&w);
	jw_kint(&w, "n", -5);
	jw_key(&w, "a");
	jw_arr(&w);
	jw_obj(&w);
	jw_kbool(&w, "t", 1);
	jw_obj_end(&w);
	jw_null(&w);
	jw_arr_end(&w);
	jw_kstr(&w, "s", NULL);
	jw_kid(&w, "id", 0);
	jw_obj_end(&w);
	assert_int_equal(jw_error(&w), ERR_OK);
	assert_string_equal(buf_str(&b), "{\"n\":-5,\"a\":[{\"t\":true},null],\"s\":null,\"id\":null}");
	buf_release(&b);
}

static void
test_json_out_writes_utc_times(void **state)
{
	struct buf b = BUF_INIT(1 << 16);
	struct jw w;

	(void)state;
	jw_init(&w, &b);
	jw_obj(&w);
	jw_ktime(&w, "a", 0);
	jw_ktime(&w, "b", 1767225600 + 23 * 3600 + 59 * 60 + 58);
	jw_ktime(&w, "c", 951782400);	/* 2000-02-29 */
	jw_obj_end(&w);
	assert_string_equal(buf_str(&b), "{\"a\":\"1970-01-01T00:00:00Z\","
	    "\"b\":\"2026-01-01T23:59:58Z\",\"c\":\"2000-02-29T00:00:00Z\"}");
	buf_release(&b);
}

static void
test_json_out_reports_overflow(void **state)
{
	struct buf b = BUF_INIT(8);
	struct jw w;

	(void)state;
	jw_init(&w, &b);
	jw_str(&w, "far too long for eight bytes");
	assert_int_equal(jw_error(&w), ERR_TOO_BIG);
	buf_release(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_json_out_escapes_quotes_backslashes_and_controls),
		cmocka_unit_test(test_json_out_nests_with_commas),
		cmocka_unit_test(test_json_out_writes_utc_times),
		cmocka_unit_test(test_json_out_reports_overflow),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

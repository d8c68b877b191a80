/* test_password.c: the password policy (RULES.md SEC-01). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "auth/password.h"

#define TOO_LONG "密码不能超过 128 个字符"
#define CLASSES3 "密码需包含大写字母、小写字母、数字、符号中的至少 3 类"

static void
test_password_refuses_shorter_than_minimum(void **state)
{
	(void)state;
	assert_string_equal(password_check("Ab1!xyz", 8, 3), "密码至少 8 个字符");
	assert_string_equal(password_check("", 8, 3), "密码至少 8 个字符");
	/* the number in the message is the configured minimum */
	assert_string_equal(password_check("Ab1!Ab1!Ab1", 12, 3), "密码至少 12 个字符");
	/* length is reported before classes */
	assert_string_equal(password_check("abc", 8, 3), "密码至少 8 个字符");
}

static void
test_password_accepts_exactly_minimum_length(void **state)
{
	(void)state;
	assert_null(password_check("Ab1!xyzw", 8, 3));
	assert_null(password_check("Ab1!Ab1!Ab1!", 12, 4));
}

static void
test_password_refuses_two_classes_when_three_required(void **state)
{
	(void)state;
	assert_string_equal(password_check("abcdefgh1", 8, 3), CLASSES3);	/* lower+digit */
	assert_string_equal(password_check("ABCDEFGH!", 8, 3), CLASSES3);	/* upper+symbol */
	assert_string_equal(password_check("abcdefghij", 8, 3), CLASSES3);	/* one class */
	assert_string_equal(password_check("12345678", 8, 2),
	    "密码需包含大写字母、小写字母、数字、符号中的至少 2 类");
	/* the same two classes pass when only two are required */
	assert_null(password_check("abcdefgh1", 8, 2));
}

static void
test_password_accepts_three_and_four_classes(void **state)
{
	(void)state;
	assert_null(password_check("abcdefG1", 8, 3));	/* lower, upper, digit */
	assert_null(password_check("abcdefg!1", 8, 3));	/* lower, symbol, digit */
	assert_null(password_check("ABCDEF 12", 8, 3));	/* a space is a symbol */
	assert_null(password_check("abcdE1!x", 8, 4));
	assert_string_equal(password_check("abcdefG1", 8, 4),
	    "密码需包含大写字母、小写字母、数字、符号中的至少 4 类");
}

static void
test_password_refuses_more_than_128_characters(void **state)
{
	char pw[200];

	(void)state;
	for (size_t i = 0; i < sizeof(pw) - 1; i++)
		pw[i] = "Ab1!"[i % 4];
	pw[128] = '\0';
	assert_null(password_check(pw, 8, 4));
	pw[128] = 'A';
	pw[129] = '\0';
	assert_string_equal(password_check(pw, 8, 4), TOO_LONG);
	pw[129] = "Ab1!"[129 % 4];
	pw[199] = '\0';
	assert_int_equal(strlen(pw), 199);
	assert_string_equal(password_check(pw, 8, 4), TOO_LONG);
}

/* Chinese characters count once each toward the length, whatever their bytes. */
static void
test_password_counts_utf8_characters_not_bytes(void **state)
{
	char pw[400];

	(void)state;
	/* 7 characters in 21 bytes: too short for 8 */
	assert_string_equal(password_check("红岩红岩红岩红", 8, 1), "密码至少 8 个字符");
	/* 7 characters in 19 bytes */
	assert_string_equal(password_check("红岩红岩红岩A", 8, 1), "密码至少 8 个字符");
	/* 8 characters in 24 bytes */
	assert_null(password_check("红岩红岩红岩红岩", 8, 1));
	/* a Chinese character is a symbol-class character */
	assert_null(password_check("红岩Ab12345", 8, 4));
	assert_string_equal(password_check("红岩红岩红岩红岩", 8, 2),
	    "密码需包含大写字母、小写字母、数字、符号中的至少 2 类");

	/* the 128 cap is on characters: 128 of them (384 bytes) pass, 129 do not */
	pw[0] = '\0';
	for (int i = 0; i < 128; i++)
		memcpy(pw + 3 * i, "岩", 4);
	assert_int_equal(strlen(pw), 384);
	assert_null(password_check(pw, 8, 1));
	memcpy(pw + 384, "岩", 4);
	assert_string_equal(password_check(pw, 8, 1), TOO_LONG);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_password_refuses_shorter_than_minimum),
		cmocka_unit_test(test_password_accepts_exactly_minimum_length),
		cmocka_unit_test(test_password_refuses_two_classes_when_three_required),
		cmocka_unit_test(test_password_accepts_three_and_four_classes),
		cmocka_unit_test(test_password_refuses_more_than_128_characters),
		cmocka_unit_test(test_password_counts_utf8_characters_not_bytes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

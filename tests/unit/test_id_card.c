/* test_id_card.c: citizen ID numbers and mobile numbers (RULES.md ID-01, PI-06). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "core/dates.h"
#include "core/id_card.h"

/* A fixed "today" so the tests do not depend on the clock: 2026-06-15. */
static int32_t
fixed_today(void)
{
	return date_from_ymd(2026, 6, 15);
}

/* Builds an 18-character ID from area + birth + sequence with a correct
 * check character, so only the part under test can be wrong. */
static void
make_id(char out[19], const char *area6, const char *birth8, const char *seq3)
{
	int n = snprintf(out, 19, "%s%s%s", area6, birth8, seq3);

	assert_int_equal(n, 17);
	out[17] = id_card_check_char(out);
	out[18] = '\0';
}

static void
test_id_card_accepts_rules_vectors(void **state)
{
	static const char *valid[] = {
		"11010519491231002X", "440524188001010014", "513101198201130014",
		"370101190102039973", "34052419800101001X",
	};
	struct id_card c;

	(void)state;
	for (size_t i = 0; i < sizeof(valid) / sizeof(valid[0]); i++) {
		memset(&c, 0, sizeof(c));
		assert_int_equal(id_card_parse(valid[i], fixed_today(), &c), ID_CARD_OK);
		assert_string_equal(c.number, valid[i]);
	}
}

static void
test_id_card_rejects_wrong_check_character(void **state)
{
	struct id_card c;

	(void)state;
	assert_int_equal(id_card_parse("110105194912310021", fixed_today(), &c), ID_CARD_BAD_CHECK);
	/* the right check for these 17 digits is X */
	assert_int_equal(id_card_check_char("11010519491231002"), 'X');
	assert_int_equal(id_card_check_char("44052418800101001"), '4');
	assert_int_equal(id_card_check_char("37010119010203997"), '3');
}

static void
test_id_card_normalises_lowercase_x(void **state)
{
	struct id_card c;

	(void)state;
	assert_int_equal(id_card_parse("11010519491231002x", fixed_today(), &c), ID_CARD_OK);
	assert_string_equal(c.number, "11010519491231002X");
	assert_int_equal(id_card_parse("34052419800101001x", fixed_today(), &c), ID_CARD_OK);
	assert_string_equal(c.number, "34052419800101001X");
}

static void
test_id_card_rejects_bad_length(void **state)
{
	struct id_card c;

	(void)state;
	assert_int_equal(id_card_parse("11010519491231002", fixed_today(), &c), ID_CARD_BAD_LENGTH);
	assert_int_equal(id_card_parse("11010519491231002X0", fixed_today(), &c),
	    ID_CARD_BAD_LENGTH);
	assert_int_equal(id_card_parse("", fixed_today(), &c), ID_CARD_BAD_LENGTH);
	assert_int_equal(id_card_parse(NULL, fixed_today(), &c), ID_CARD_BAD_LENGTH);
	/* a legacy 15-digit number is not accepted as 18 */
	assert_int_equal(id_card_parse("110105491231002", fixed_today(), &c), ID_CARD_BAD_LENGTH);
}

static void
test_id_card_rejects_non_digits(void **state)
{
	struct id_card c;

	(void)state;
	assert_int_equal(id_card_parse("1101051949123100AX", fixed_today(), &c), ID_CARD_BAD_CHAR);
	assert_int_equal(id_card_parse("X10105194912310021", fixed_today(), &c), ID_CARD_BAD_CHAR);
	/* X is allowed only as the last character */
	assert_int_equal(id_card_parse("1101051949123100X2", fixed_today(), &c), ID_CARD_BAD_CHAR);
	assert_int_equal(id_card_parse("11010519491231002Y", fixed_today(), &c), ID_CARD_BAD_CHAR);
	assert_int_equal(id_card_parse("11010519491231 02X", fixed_today(), &c), ID_CARD_BAD_CHAR);
}

static void
test_id_card_rejects_impossible_or_future_birth_date(void **state)
{
	struct id_card c;
	char id[19];

	(void)state;
	make_id(id, "110105", "19900230", "002");	/* Feb 30 */
	assert_int_equal(id_card_parse(id, fixed_today(), &c), ID_CARD_BAD_DATE);
	make_id(id, "110105", "19901301", "002");	/* month 13 */
	assert_int_equal(id_card_parse(id, fixed_today(), &c), ID_CARD_BAD_DATE);
	make_id(id, "110105", "19900001", "002");	/* month 0 */
	assert_int_equal(id_card_parse(id, fixed_today(), &c), ID_CARD_BAD_DATE);
	make_id(id, "110105", "19900100", "002");	/* day 0 */
	assert_int_equal(id_card_parse(id, fixed_today(), &c), ID_CARD_BAD_DATE);
	make_id(id, "110105", "19000229", "002");	/* 1900 is not a leap year */
	assert_int_equal(id_card_parse(id, fixed_today(), &c), ID_CARD_BAD_DATE);

	make_id(id, "110105", "20260616", "002");	/* the day after today */
	assert_int_equal(id_card_parse(id, fixed_today(), &c), ID_CARD_BAD_DATE);
	make_id(id, "110105", "20260615", "002");	/* born today is fine */
	assert_int_equal(id_card_parse(id, fixed_today(), &c), ID_CARD_OK);
	assert_int_equal(c.birth, fixed_today());
	make_id(id, "110105", "20000229", "002");	/* a real leap day */
	assert_int_equal(id_card_parse(id, fixed_today(), &c), ID_CARD_OK);
}

static void
test_id_card_extracts_birth_and_gender(void **state)
{
	struct id_card c;

	(void)state;
	assert_int_equal(id_card_parse("11010519491231002X", fixed_today(), &c), ID_CARD_OK);
	assert_int_equal(c.birth, date_from_ymd(1949, 12, 31));
	assert_int_equal(c.male, 0);	/* 17th digit 2: even, female */

	assert_int_equal(id_card_parse("370101190102039973", fixed_today(), &c), ID_CARD_OK);
	assert_int_equal(c.birth, date_from_ymd(1901, 2, 3));
	assert_int_equal(c.male, 1);	/* 17th digit 7: odd, male */

	assert_int_equal(id_card_parse("513101198201130014", fixed_today(), &c), ID_CARD_OK);
	assert_int_equal(c.birth, date_from_ymd(1982, 1, 13));
	assert_int_equal(c.male, 1);	/* 17th digit 1 */

	assert_int_equal(id_card_parse("440524188001010014", fixed_today(), &c), ID_CARD_OK);
	assert_int_equal(c.birth, date_from_ymd(1880, 1, 1));
	assert_int_equal(c.male, 1);
}

static void
test_id_card_message_names_each_failure(void **state)
{
	(void)state;
	assert_string_equal(id_card_message(ID_CARD_BAD_LENGTH), "身份证号应为 18 位");
	assert_string_equal(id_card_message(ID_CARD_BAD_CHECK), "身份证号校验位错误");
	assert_string_equal(id_card_message(ID_CARD_BAD_DATE), "身份证号中的出生日期无效");
	assert_string_not_equal(id_card_message(ID_CARD_BAD_CHAR),
	    id_card_message(ID_CARD_BAD_LENGTH));
}

static void
test_id_card_mask_keeps_first_six_and_last_four(void **state)
{
	char out[19];

	(void)state;
	id_card_mask("11010519491231002X", out);
	assert_string_equal(out, "110105********002X");
	id_card_mask("440524188001010014", out);
	assert_string_equal(out, "440524********0014");
	/* anything not 18 characters is fully hidden, never partly shown */
	id_card_mask("1101051949", out);
	assert_string_equal(out, "******************");
}

static void
test_id_card_phone_valid_accepts_only_mainland_mobiles(void **state)
{
	(void)state;
	assert_true(phone_valid("13800138000"));
	assert_true(phone_valid("19912345678"));
	assert_false(phone_valid("12800138000"));	/* second digit 2 */
	assert_false(phone_valid("1380013800"));	/* 10 digits */
	assert_false(phone_valid("138001380001"));	/* 12 digits */
	assert_false(phone_valid("1380013800a"));
	assert_false(phone_valid("23800138000"));
	assert_false(phone_valid(""));
	assert_false(phone_valid(NULL));
}

static void
test_id_card_phone_mask_hides_middle_four(void **state)
{
	char out[12];

	(void)state;
	phone_mask("13800138000", out);
	assert_string_equal(out, "138****8000");
	phone_mask("13912341234", out);
	assert_string_equal(out, "139****1234");
	phone_mask("12345", out);
	assert_string_equal(out, "***********");
}

/* PI-06 (issue 10 hole 1): the mask hides exactly the birth date. Over
 * ages 18-80 it leaves about 2,000 numbers (the shown check character
 * keeps one day in eleven); a known year leaves about 33; a known day, 1. */
static void
test_id_card_candidates_of_a_mask(void **state)
{
	int32_t today = date_from_ymd(2026, 12, 7);
	int n;

	(void)state;
	n = id_card_candidates("110105********002X", date_from_ymd(1946, 12, 8),
	    date_from_ymd(2008, 12, 7));
	printf("PI-06: 110105********002X over ages 18-80: %d candidates\n", n);
	assert_true(n >= 1000 && n <= 3000);
	n = id_card_candidates("110105********002X", date_from_ymd(1949, 1, 1),
	    date_from_ymd(1949, 12, 31));
	assert_true(n >= 20 && n <= 50);
	assert_int_equal(id_card_candidates("110105********002X", date_from_ymd(1949, 12, 31),
	    date_from_ymd(1949, 12, 31)), 1);
	assert_int_equal(id_card_candidates("110105********0021", date_from_ymd(1949, 12, 31),
	    date_from_ymd(1949, 12, 31)), 0);
	assert_int_equal(id_card_candidates("11010519491231002X", 0, today), 0);
	assert_int_equal(id_card_candidates("110105********002", 0, today), 0);
	assert_int_equal(id_card_candidates(NULL, 0, today), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_id_card_accepts_rules_vectors),
		cmocka_unit_test(test_id_card_rejects_wrong_check_character),
		cmocka_unit_test(test_id_card_normalises_lowercase_x),
		cmocka_unit_test(test_id_card_rejects_bad_length),
		cmocka_unit_test(test_id_card_rejects_non_digits),
		cmocka_unit_test(test_id_card_rejects_impossible_or_future_birth_date),
		cmocka_unit_test(test_id_card_extracts_birth_and_gender),
		cmocka_unit_test(test_id_card_message_names_each_failure),
		cmocka_unit_test(test_id_card_mask_keeps_first_six_and_last_four),
		cmocka_unit_test(test_id_card_phone_valid_accepts_only_mainland_mobiles),
		cmocka_unit_test(test_id_card_phone_mask_hides_middle_four),
		cmocka_unit_test(test_id_card_candidates_of_a_mask),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

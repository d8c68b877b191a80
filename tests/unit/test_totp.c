/* test_totp.c: TOTP for two-factor login (SEC-04): the RFC 6238 test
 * vectors (SHA-1), the RFC 4226 HOTP values, the ±1-step window and the
 * base32 of secrets. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "auth/totp.h"

static const unsigned char KEY[] = "12345678901234567890";

/* RFC 6238 Appendix B, the SHA-1 rows (8 digits). */
static void
test_totp_rfc6238_sha1_vectors(void **state)
{
	static const struct {
		int64_t t;
		const char *code;
	} v[] = {
		{ 59, "94287082" }, { 1111111109, "07081804" }, { 1111111111, "14050471" },
		{ 1234567890, "89005924" }, { 2000000000, "69279037" }, { 20000000000, "65353130" },
	};
	char out[9];

	(void)state;
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		totp_code(KEY, 20, totp_step(v[i].t), 8, out);
		assert_string_equal(out, v[i].code);
	}
}

/* RFC 4226 Appendix D: HOTP values for counters 0-9 (6 digits). */
static void
test_totp_rfc4226_hotp_values(void **state)
{
	static const uint32_t want[] = { 755224, 287082, 359152, 969429, 338314, 254676, 287922,
		162583, 399871, 520489 };

	(void)state;
	for (uint64_t c = 0; c < 10; c++)
		assert_int_equal(totp_hotp(KEY, 20, c, 6), want[c]);
}

/* A code matches within one step either side and names its step; a code
 * two steps away, a wrong one and a malformed one do not. */
static void
test_totp_match_window(void **state)
{
	char code[7];
	int64_t s = totp_step(1111111111);

	(void)state;
	totp_code(KEY, 20, s, 6, code);
	assert_int_equal(totp_match(KEY, 20, s, 1, code), s);
	assert_int_equal(totp_match(KEY, 20, s + 1, 1, code), s);
	assert_int_equal(totp_match(KEY, 20, s - 1, 1, code), s);
	assert_int_equal(totp_match(KEY, 20, s + 2, 1, code), -1);
	assert_int_equal(totp_match(KEY, 20, s, 1, "12345"), -1);
	assert_int_equal(totp_match(KEY, 20, s, 1, "12345a"), -1);
	assert_int_equal(totp_match(KEY, 20, s, 1, "1234567"), -1);
	code[5] = code[5] == '9' ? '0' : (char)(code[5] + 1);
	assert_int_equal(totp_match(KEY, 20, s, 1, code), -1);
}

/* RFC 4648 §10 base32 vectors (without padding), and the way back. */
static void
test_totp_base32(void **state)
{
	char out[TOTP_B32_MAX];
	unsigned char back[40];

	(void)state;
	totp_b32_encode((const unsigned char *)"foobar", 6, out);
	assert_string_equal(out, "MZXW6YTBOI");
	totp_b32_encode((const unsigned char *)"f", 1, out);
	assert_string_equal(out, "MY");
	totp_b32_encode(KEY, 20, out);
	assert_string_equal(out, "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
	assert_int_equal(totp_b32_decode("gezd gnbv gy3t qojq gezd gnbv gy3t qojq", back, 40), 20);
	assert_memory_equal(back, KEY, 20);
	assert_int_equal(totp_b32_decode("MZXW6YTBOI======", back, 40), 6);
	assert_memory_equal(back, "foobar", 6);
	assert_int_equal(totp_b32_decode("MZ1W", back, 40), -1);
	assert_int_equal(totp_b32_decode("MZXW6YTBOI", back, 2), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_totp_rfc6238_sha1_vectors),
		cmocka_unit_test(test_totp_rfc4226_hotp_values),
		cmocka_unit_test(test_totp_match_window),
		cmocka_unit_test(test_totp_base32),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

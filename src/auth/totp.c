#include "core/common.h"
#include "auth/totp.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

uint32_t
totp_hotp(const unsigned char *key, size_t keylen, uint64_t counter, int digits)
{
	static const uint32_t pow10[] = { 1, 10, 100, 1000, 10000, 100000, 1000000, 10000000,
		100000000 };
	unsigned char msg[8], mac[EVP_MAX_MD_SIZE];
	unsigned int maclen = 0;
	uint32_t bin;
	int off;

	for (int i = 7; i >= 0; i--, counter >>= 8)
		msg[i] = (unsigned char)(counter & 0xff);
	if (!HMAC(EVP_sha1(), key, (int)keylen, msg, sizeof(msg), mac, &maclen) || maclen < 20)
		return UINT32_MAX;	/* never a valid code */
	/* Dynamic truncation (RFC 4226 §5.3). */
	off = mac[maclen - 1] & 0xf;
	bin = ((uint32_t)(mac[off] & 0x7f) << 24) | ((uint32_t)mac[off + 1] << 16) |
	    ((uint32_t)mac[off + 2] << 8) | mac[off + 3];
	return bin % pow10[digits < 1 || digits > 8 ? 6 : digits];
}

int64_t
totp_step(int64_t unix_time)
{
	return unix_time / TOTP_PERIOD;
}

void
totp_code(const unsigned char *key, size_t keylen, int64_t step, int digits, char *out)
{
	snprintf(out, (size_t)digits + 1, "%0*u", digits,
	    (unsigned)totp_hotp(key, keylen, (uint64_t)step, digits));
}

int64_t
totp_match(const unsigned char *key, size_t keylen, int64_t step, int window, const char *code)
{
	char want[TOTP_DIGITS + 1];
	int64_t found = -1;

	if (strlen(code) != TOTP_DIGITS || strspn(code, "0123456789") != TOTP_DIGITS)
		return -1;
	/* Every step of the window is computed, match or not, so the time
	 * taken does not say which one matched. */
	for (int64_t s = step - window; s <= step + window; s++) {
		unsigned diff = 0;

		totp_code(key, keylen, s, TOTP_DIGITS, want);
		for (int i = 0; i < TOTP_DIGITS; i++)
			diff |= (unsigned)(want[i] ^ code[i]);
		if (!diff && found < 0)
			found = s;
	}
	return found;
}

static const char B32[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

void
totp_b32_encode(const unsigned char *p, size_t n, char *out)
{
	uint32_t acc = 0;
	int bits = 0;
	size_t o = 0;

	for (size_t i = 0; i < n; i++) {
		acc = (acc << 8) | p[i];
		bits += 8;
		while (bits >= 5) {
			out[o++] = B32[(acc >> (bits - 5)) & 31];
			bits -= 5;
		}
	}
	if (bits > 0)
		out[o++] = B32[(acc << (5 - bits)) & 31];
	out[o] = '\0';
}

int
totp_b32_decode(const char *s, unsigned char *out, size_t max)
{
	uint32_t acc = 0;
	int bits = 0;
	size_t o = 0;

	for (; *s; s++) {
		const char *at;
		int c = *s >= 'a' && *s <= 'z' ? *s - 'a' + 'A' : *s;

		if (c == ' ' || c == '=' || c == '-')
			continue;
		if (!c || !(at = strchr(B32, c)))
			return -1;
		acc = (acc << 5) | (uint32_t)(at - B32);
		bits += 5;
		if (bits >= 8) {
			if (o >= max)
				return -1;
			out[o++] = (unsigned char)((acc >> (bits - 8)) & 0xff);
			bits -= 8;
		}
	}
	return (int)o;
}

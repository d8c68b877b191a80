/* totp.h: time-based one-time passwords (RFC 6238 over RFC 4226 HOTP,
 * HMAC-SHA1 from OpenSSL's libcrypto) and the base32 text of their secrets
 * (RFC 4648, no padding), for two-factor login (SEC-04). Pure: no clock,
 * no database; callers pass the time step. */
#ifndef HY_TOTP_H
#define HY_TOTP_H

#include <stddef.h>
#include <stdint.h>

#define TOTP_SECRET_BYTES 20	/* 160 bits, as RFC 4226 recommends */
#define TOTP_B32_MAX 64		/* base32 of up to 39 bytes and a NUL */
#define TOTP_PERIOD 30		/* seconds per step */
#define TOTP_DIGITS 6

/* The HOTP value of key at counter, as a number of digits (6-8). */
uint32_t totp_hotp(const unsigned char *key, size_t keylen, uint64_t counter, int digits);
/* The step of a Unix time. */
int64_t totp_step(int64_t unix_time);
/* Writes the digits-long code (zero-padded) for step into out (digits+1). */
void totp_code(const unsigned char *key, size_t keylen, int64_t step, int digits, char *out);
/* Finds the step in [step - window, step + window] whose 6-digit code is
 * code (exactly 6 digits); returns it, or -1 when none matches. */
int64_t totp_match(const unsigned char *key, size_t keylen, int64_t step, int window,
    const char *code);

/* Base32 (A-Z2-7, no padding) of n bytes into out (>= 8*n/5 + 2). */
void totp_b32_encode(const unsigned char *p, size_t n, char *out);
/* Decodes base32 (case-insensitive, spaces and '=' ignored) into out (max
 * bytes); returns the byte count, or -1 on a bad character or overflow. */
int totp_b32_decode(const char *s, unsigned char *out, size_t max);

#endif

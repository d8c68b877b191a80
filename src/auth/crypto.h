/* crypto.h: the process's secret key (the key file beside the database) and
 * everything keyed by it, all through libsodium: sealing personal numbers
 * (SEC-09), their blind index for exact lookup, audit MACs (SEC-08), session
 * token hashes, and argon2id password hashes (SEC-01). */
#ifndef HY_CRYPTO_H
#define HY_CRYPTO_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

#define CRYPTO_MAC_HEX 65	/* 64 hex digits and a NUL */

/* Must run once before anything else here (calls sodium_init). */
int crypto_init(void);

/* Creates a new key file at path (mode 0600); ERR_CONFLICT if it exists. */
enum err crypto_key_create(const char *path);
/* Loads the key file; every derived key comes from it. ERR_NOT_FOUND if
 * missing, ERR_INVALID if malformed (both logged). */
enum err crypto_key_load(const char *path);

/* Seals text with XSalsa20-Poly1305 under a random nonce. *out is malloc'd
 * (nonce || box), caller frees. */
void crypto_seal(const char *text, unsigned char **out, size_t *outlen);
/* Opens a sealed blob; returns a malloc'd string (caller frees) or NULL if
 * it was tampered with. */
char *crypto_open(const unsigned char *blob, size_t len);
/* Keyed BLAKE2b of text for equality lookup without decrypting (32 bytes). */
void crypto_blind_index(const char *text, unsigned char out[32]);
/* HMAC-SHA-256 over prev_mac_hex and data, as hex (audit chain). */
void crypto_audit_mac(const char *prev_mac_hex, const char *data, size_t len,
    char out[CRYPTO_MAC_HEX]);
/* Keyed hash of a session token, as hex. */
void crypto_token_hash(const char *token, char out[CRYPTO_MAC_HEX]);
/* HMAC-SHA-256 of text under a key of its own (signed links such as
 * meeting sign-in tokens), as hex. */
void crypto_sign_text(const char *text, char out[CRYPTO_MAC_HEX]);
/* HMAC-SHA-256 under the audit anchor's own key: checkpoints of the audit
 * chain kept outside the database, and re-chain records. */
void crypto_anchor_mac(const char *text, char out[CRYPTO_MAC_HEX]);
/* SHA-256 of n bytes, as hex (needs no key). */
void crypto_sha256_hex(const void *p, size_t n, char out[CRYPTO_MAC_HEX]);
/* A random URL-safe token with 32 bytes of entropy (43 chars + NUL). */
void crypto_random_token(char out[44]);
/* A random password that meets the password policy (16 chars + NUL). */
void crypto_random_password(char out[17]);
/* Constant-time equality of two NUL-terminated strings. */
int crypto_str_equal(const char *a, const char *b);

/* argon2id; memlimit_kib 0 means libsodium's interactive limit. */
void crypto_password_set_cost(size_t memlimit_kib);
enum err crypto_password_hash(const char *password, char out[128]);
int crypto_password_verify(const char *hash, const char *password);

#endif

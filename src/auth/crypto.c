#include "core/common.h"
#include "auth/crypto.h"
#include "core/log.h"
#include "core/xalloc.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

/* Subkeys derived from the master key, one per purpose. */
static unsigned char k_seal[crypto_secretbox_KEYBYTES];
static unsigned char k_index[crypto_generichash_KEYBYTES];
static unsigned char k_audit[crypto_auth_hmacsha256_KEYBYTES];
static unsigned char k_token[crypto_generichash_KEYBYTES];
static unsigned char k_sign[crypto_auth_hmacsha256_KEYBYTES];
static unsigned char k_anchor[crypto_auth_hmacsha256_KEYBYTES];
static int key_loaded;
static size_t pw_memlimit;

int
crypto_init(void)
{
	return sodium_init() < 0 ? -1 : 0;
}

enum err
crypto_key_create(const char *path)
{
	unsigned char key[crypto_kdf_KEYBYTES];
	char hex[2 * sizeof(key) + 2];
	int fd;
	ssize_t n;

	fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
	if (fd < 0) {
		log_error("key file %s: %s", path, strerror(errno));
		return errno == EEXIST ? ERR_CONFLICT : ERR_STORE;
	}
	crypto_kdf_keygen(key);
	sodium_bin2hex(hex, sizeof(hex), key, sizeof(key));
	hex[2 * sizeof(key)] = '\n';
	n = write(fd, hex, 2 * sizeof(key) + 1);
	sodium_memzero(key, sizeof(key));
	sodium_memzero(hex, sizeof(hex));
	if (n != (ssize_t)(2 * sizeof(key) + 1) || close(fd) != 0) {
		log_error("key file %s: write failed", path);
		return ERR_STORE;
	}
	return ERR_OK;
}

static void
derive(unsigned char *out, size_t len, uint64_t id, const unsigned char *master)
{
	crypto_kdf_derive_from_key(out, len, id, "hongyan1", master);
}

enum err
crypto_key_load(const char *path)
{
	unsigned char key[crypto_kdf_KEYBYTES];
	char hex[200];
	size_t got = 0;
	ssize_t n;
	int fd = open(path, O_RDONLY);

	if (fd < 0) {
		log_error("key file %s: %s", path, strerror(errno));
		return ERR_NOT_FOUND;
	}
	n = read(fd, hex, sizeof(hex) - 1);
	close(fd);
	if (n < 64 || sodium_hex2bin(key, sizeof(key), hex, (size_t)n, "\n", &got, NULL) != 0 ||
	    got != sizeof(key)) {
		log_error("key file %s: not a Hongyan key (64 hex digits)", path);
		return ERR_INVALID;
	}
	derive(k_seal, sizeof(k_seal), 1, key);
	derive(k_index, sizeof(k_index), 2, key);
	derive(k_audit, sizeof(k_audit), 3, key);
	derive(k_token, sizeof(k_token), 4, key);
	derive(k_sign, sizeof(k_sign), 5, key);
	derive(k_anchor, sizeof(k_anchor), 6, key);
	sodium_memzero(key, sizeof(key));
	sodium_memzero(hex, sizeof(hex));
	key_loaded = 1;
	return ERR_OK;
}

void
crypto_seal(const char *text, unsigned char **out, size_t *outlen)
{
	size_t n = strlen(text);
	unsigned char *p = xmalloc(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + n);

	assert(key_loaded);
	randombytes_buf(p, crypto_secretbox_NONCEBYTES);
	crypto_secretbox_easy(p + crypto_secretbox_NONCEBYTES, (const unsigned char *)text, n, p,
	    k_seal);
	*out = p;
	*outlen = crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + n;
}

char *
crypto_open(const unsigned char *blob, size_t len)
{
	size_t n;
	char *text;

	assert(key_loaded);
	if (!blob || len < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES)
		return NULL;
	n = len - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES;
	text = xmalloc(n + 1);
	if (crypto_secretbox_open_easy((unsigned char *)text, blob + crypto_secretbox_NONCEBYTES,
	    len - crypto_secretbox_NONCEBYTES, blob, k_seal) != 0) {
		free(text);
		return NULL;
	}
	text[n] = '\0';
	return text;
}

void
crypto_blind_index(const char *text, unsigned char out[32])
{
	assert(key_loaded);
	crypto_generichash(out, 32, (const unsigned char *)text, strlen(text), k_index,
	    sizeof(k_index));
}

void
crypto_audit_mac(const char *prev, const char *data, size_t len, char out[CRYPTO_MAC_HEX])
{
	crypto_auth_hmacsha256_state st;
	unsigned char mac[crypto_auth_hmacsha256_BYTES];

	assert(key_loaded);
	crypto_auth_hmacsha256_init(&st, k_audit, sizeof(k_audit));
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)prev, strlen(prev));
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)"\n", 1);
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)data, len);
	crypto_auth_hmacsha256_final(&st, mac);
	sodium_bin2hex(out, CRYPTO_MAC_HEX, mac, sizeof(mac));
}

void
crypto_token_hash(const char *token, char out[CRYPTO_MAC_HEX])
{
	unsigned char h[32];

	assert(key_loaded);
	crypto_generichash(h, sizeof(h), (const unsigned char *)token, strlen(token), k_token,
	    sizeof(k_token));
	sodium_bin2hex(out, CRYPTO_MAC_HEX, h, sizeof(h));
}

static void
hmac_hex(const unsigned char *key, const char *text, char out[CRYPTO_MAC_HEX])
{
	unsigned char mac[crypto_auth_hmacsha256_BYTES];

	assert(key_loaded);
	crypto_auth_hmacsha256(mac, (const unsigned char *)text, strlen(text), key);
	sodium_bin2hex(out, CRYPTO_MAC_HEX, mac, sizeof(mac));
}

void
crypto_sign_text(const char *text, char out[CRYPTO_MAC_HEX])
{
	hmac_hex(k_sign, text, out);
}

void
crypto_anchor_mac(const char *text, char out[CRYPTO_MAC_HEX])
{
	hmac_hex(k_anchor, text, out);
}

void
crypto_sha256_hex(const void *p, size_t n, char out[CRYPTO_MAC_HEX])
{
	unsigned char h[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(h, p, n);
	sodium_bin2hex(out, CRYPTO_MAC_HEX, h, sizeof(h));
}

void
crypto_random_token(char out[44])
{
	unsigned char r[32];

	randombytes_buf(r, sizeof(r));
	sodium_bin2base64(out, 44, r, sizeof(r), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

void
crypto_random_password(char out[17])
{
	/* No look-alike characters (0/O, 1/l/I); positions 0-3 guarantee all four classes. */
	static const char *sets[] = { "ABCDEFGHJKLMNPQRSTUVWXYZ", "abcdefghijkmnopqrstuvwxyz",
		"23456789", "#%+-=@_" };
	static const char all[] = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789#%+-=@_";

	for (int i = 0; i < 16; i++) {
		const char *set = i < 4 ? sets[i] : all;

		out[i] = set[randombytes_uniform((uint32_t)strlen(set))];
	}
	/* Shuffle so the classes are not always in front. */
	for (int i = 15; i > 0; i--) {
		uint32_t j = randombytes_uniform((uint32_t)i + 1);
		char t = out[i];

		out[i] = out[j];
		out[j] = t;
	}
	out[16] = '\0';
}

int
crypto_str_equal(const char *a, const char *b)
{
	size_t n = strlen(a);

	if (n != strlen(b))
		return 0;
	return sodium_memcmp(a, b, n) == 0;
}

void
crypto_password_set_cost(size_t memlimit_kib)
{
	pw_memlimit = memlimit_kib * 1024;
}

enum err
crypto_password_hash(const char *password, char out[128])
{
	size_t mem = pw_memlimit ? pw_memlimit : crypto_pwhash_MEMLIMIT_INTERACTIVE;

	assert(crypto_pwhash_STRBYTES <= 128);
	if (crypto_pwhash_str_alg(out, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
	    mem, crypto_pwhash_ALG_ARGON2ID13) != 0) {
		log_error("password hash failed (out of memory?)");
		return ERR_STORE;
	}
	return ERR_OK;
}

int
crypto_password_verify(const char *hash, const char *password)
{
	return crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}

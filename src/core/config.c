#include "core/common.h"
#include "core/config.h"

struct config cfg;

int
config_parse_long(const char *s, long lo, long hi, long *out)
{
	char *end;
	long v;

	if (!s || !*s)
		return -1;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end || v < lo || v > hi)
		return -1;
	*out = v;
	return 0;
}

struct env_long {
	const char *name;
	long lo, hi;
	void (*set)(long v);
};

static void set_threads(long v) { cfg.threads = (int)v; }
static void set_idle(long v) { cfg.session_idle_s = v; }
static void set_lock_n(long v) { cfg.lockout_threshold = (int)v; }
static void set_lock_s(long v) { cfg.lockout_s = v; }
static void set_body(long v) { cfg.body_max = (size_t)v; }
static void set_pwlen(long v) { cfg.password_min_len = (int)v; }
static void set_pwhist(long v) { cfg.password_history = (int)v; }
static void set_pwmem(long v) { cfg.pwhash_mem_kib = (size_t)v; }

static const struct env_long env_longs[] = {
	{ "HONGYAN_THREADS", 0, 256, set_threads },
	{ "HONGYAN_SESSION_IDLE", 1, 86400 * 7, set_idle },
	{ "HONGYAN_LOCKOUT_THRESHOLD", 1, 1000, set_lock_n },
	{ "HONGYAN_LOCKOUT_SECONDS", 1, 86400 * 7, set_lock_s },
	{ "HONGYAN_BODY_MAX", 1024, 64L << 20, set_body },
	{ "HONGYAN_PASSWORD_MIN_LENGTH", 8, 128, set_pwlen },
	{ "HONGYAN_PASSWORD_HISTORY", 0, 24, set_pwhist },
	{ "HONGYAN_PWHASH_MEMORY_KIB", 8, 1L << 20, set_pwmem },
};

static void
config_defaults(void)
{
	cfg.listen = "127.0.0.1:8080";
	cfg.web_dir = "web";
	cfg.threads = 0;
	cfg.session_idle_s = 1800;
	cfg.lockout_threshold = 5;
	cfg.lockout_s = 1800;
	cfg.body_max = 1 << 20;
	cfg.password_min_len = 10;
	cfg.password_classes = 3;
	cfg.password_history = 5;
	cfg.pwhash_mem_kib = 0;
}

int
config_from_env(void)
{
	const char *s;

	config_defaults();
	for (size_t i = 0; i < ARRAY_SIZE(env_longs); i++) {
		long v;

		if (!(s = getenv(env_longs[i].name)))
			continue;
		if (config_parse_long(s, env_longs[i].lo, env_longs[i].hi, &v)) {
			fprintf(stderr, "hongyan: %s must be an integer from %ld to %ld\n",
			    env_longs[i].name, env_longs[i].lo, env_longs[i].hi);
			return -1;
		}
		env_longs[i].set(v);
	}
	if ((s = getenv("HONGYAN_LISTEN")))
		cfg.listen = s;
	if ((s = getenv("HONGYAN_WEB")))
		cfg.web_dir = s;
	if ((s = getenv("HONGYAN_DB")))
		cfg.db_path = s;
	if ((s = getenv("HONGYAN_KEY")))
		cfg.key_path = s;
	return 0;
}

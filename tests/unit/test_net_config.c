/* test_net_config.c: the network settings of issue 10 (trusted proxies,
 * the metrics token, the per-address limit) and the disk-full mapping
 * (SQLITE_FULL -> ERR_FULL -> 507 storage_full). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/config.h"
#include "db/db.h"
#include "http/reply.h"

static void
test_trusted_proxies_list(void **state)
{
	char many[40 * 12] = "";

	(void)state;
	assert_true(config_proxies_ok(""));
	assert_true(config_proxies_ok("127.0.0.1"));
	assert_true(config_proxies_ok("10.0.0.5, ::1,192.168.1.2"));
	assert_false(config_proxies_ok("10.0.0.5,"));
	assert_false(config_proxies_ok(",10.0.0.5"));
	assert_false(config_proxies_ok("10.0.0.256"));
	assert_false(config_proxies_ok("proxy.example.cn"));
	assert_false(config_proxies_ok("10.0.0.0/8"));	/* exact addresses only */
	for (int i = 0; i < 33; i++)
		snprintf(many + strlen(many), sizeof(many) - strlen(many), "%s10.0.0.%d", i ? "," : "",
		    i + 1);
	assert_false(config_proxies_ok(many));	/* at most CONFIG_PROXIES_MAX */
	assert_int_equal(config_flag("--trusted-proxies", "10.0.0.1,10.0.0.2"), 0);
	assert_string_equal(cfg.trusted_proxies, "10.0.0.1,10.0.0.2");
	assert_int_equal(config_flag("--trusted-proxies", "nope"), -1);
}

static void
test_metrics_token_and_limits(void **state)
{
	(void)state;
	assert_int_equal(config_from_env(), 0);
	assert_string_equal(cfg.metrics_token, "");
	assert_int_equal(cfg.per_address_limit, 64);
	assert_int_equal(cfg.head_timeout_s, 10);
	assert_int_equal(config_flag("--metrics-token", "short"), -1);
	assert_int_equal(config_flag("--metrics-token", "0123456789abcdef 0123456789abcdef"), -1);
	assert_int_equal(config_flag("--metrics-token", "0123456789abcdef0123456789abcdef"), 0);
	assert_int_equal(config_flag("--per-address-limit", "0"), -1);
	assert_int_equal(config_flag("--head-timeout", "5"), 0);
	assert_int_equal(cfg.head_timeout_s, 5);
	setenv("HONGYAN_METRICS_TOKEN", "too-short", 1);
	assert_int_equal(config_from_env(), -1);
	unsetenv("HONGYAN_METRICS_TOKEN");
}

/* SQLite's "database or disk is full" (here: max_page_count reached) is
 * ERR_FULL, which answers 507 storage_full. */
static void
test_disk_full_maps_to_507(void **state)
{
	char dir[] = "/tmp/hy-full-XXXXXX", path[64], cmd[96];
	struct reply rp = { .body = BUF_INIT(1 << 16) };
	struct db *db;
	enum err e = ERR_OK;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/t.db", dir);
	assert_int_equal(db_open(path, 1, &db), 0);
	assert_int_equal(db_exec_script(db, "CREATE TABLE t (b BLOB); PRAGMA max_page_count = 16"), 0);
	for (int i = 0; i < 100 && !e; i++)
		e = db_exec(db, "INSERT INTO t VALUES (zeroblob(4096))", DB_END);
	assert_int_equal(e, ERR_FULL);
	db_close(db);
	reply_error(&rp, ERR_FULL);
	assert_int_equal(rp.status, 507);
	assert_non_null(strstr(buf_str(&rp.body), "\"storage_full\""));
	buf_release(&rp.body);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_trusted_proxies_list),
		cmocka_unit_test(test_metrics_token_and_limits),
		cmocka_unit_test(test_disk_full_maps_to_507),
	};

	assert_int_equal(config_from_env(), 0);
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_member_recount.c: an organization's member count is recounted
 * through the member_org index (IMP-10, issue 16): the planner, left to
 * itself, counted by walking every active member of the database through
 * member_full_org (state = ?), once per organization, and a 200,000-member
 * roster import held the write lock 50 s for it. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "auth/crypto.h"
#include "core/log.h"
#include "db/db.h"
#include "db/migrate.h"
#include "party/member.h"

static char dir[64], key[96];

static int
setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/hy-recount-XXXXXX");
	if (!mkdtemp(dir) || crypto_init())
		return -1;
	db_global_init();
	log_set_quiet(1);
	snprintf(key, sizeof(key), "%s/k", dir);	/* migrations seal with it */
	return crypto_key_create(key) || crypto_key_load(key) ? -1 : 0;
}

static int
teardown(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) ? -1 : 0;
}

static void
test_member_recount_uses_org_index(void **state)
{
	char path[128];
	struct db *db;
	struct db_rows r;
	int by_org = 0, by_state = 0;

	(void)state;
	snprintf(path, sizeof(path), "%s/recount.db", dir);
	assert_int_equal(db_open(path, 1, &db), ERR_OK);
	assert_int_equal(migrate_run(db), ERR_OK);
	assert_int_equal(db_query(db, &r, "EXPLAIN QUERY PLAN " MEMBER_RECOUNT_SQL, DB_I64(1),
	    DB_I64(2), DB_END), ERR_OK);
	while (db_next(&r) == ERR_OK) {
		const char *detail = db_text(&r, 3);

		if (detail && strstr(detail, "member_org"))
			by_org = 1;
		if (detail && strstr(detail, "member_full_org"))
			by_state = 1;
	}
	db_rows_close(&r);
	db_close(db);
	assert_true(by_org);
	assert_false(by_state);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_member_recount_uses_org_index),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}

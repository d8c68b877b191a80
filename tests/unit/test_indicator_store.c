/* test_indicator_store.c: indicator systems in a real SQLite database
 * (issue 13, PRIN-01): after the migrations (0045 widens the kind check)
 * and the installation, the current principal-tenure sheet of a stage is
 * the latest published one; a stage is refused on other kinds with
 * nothing stored. */
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
#include "auth/who.h"
#include "core/config.h"
#include "core/err.h"
#include "core/log.h"
#include "db/db.h"
#include "db/migrate.h"
#include "supervise/indicator_defaults.h"
#include "supervise/indicator_store.h"

static char dir[] = "/tmp/hy_test_indstore_XXXXXX", key[64];

/* The audit rows need the key: a temp one for the whole file. */
static int
group_setup(void **state)
{
	(void)state;
	log_set_quiet(1);
	if (crypto_init() || !mkdtemp(dir))
		return -1;
	snprintf(key, sizeof(key), "%s/key", dir);
	return crypto_key_create(key) || crypto_key_load(key);
}

static int
group_teardown(void **state)
{
	(void)state;
	unlink(key);
	rmdir(dir);
	return 0;
}

static int
setup(void **state)
{
	struct db *db = NULL;

	if (config_from_env() || db_open(":memory:", 1, &db) || migrate_run(db) ||
	    indicator_install_defaults(db))
		return -1;
	*state = db;
	return 0;
}

static int
teardown(void **state)
{
	db_close(*state);
	return 0;
}

static int64_t
by_code(struct db *db, const char *code)
{
	int64_t id = 0;

	assert_int_equal(db_get_i64(db, &id, "SELECT MAX(id) FROM indicator_system WHERE code = ?",
	    DB_TEXT(code), DB_END), ERR_OK);
	return id;
}

static void
test_indicator_store_current_sheet_of_a_stage(void **state)
{
	struct db *db = *state;
	struct who w = WHO_SYSTEM;
	struct ind_system_in copy = { .code = "principal-compulsory", .year = 2099 };
	struct ind_system_in publish = { .status = "published" };
	struct problem pb = { 0 };
	int64_t id = 0, draft = 0;

	assert_int_equal(store_indsys_current(db, "principal_tenure", "compulsory", &id), ERR_OK);
	assert_int_equal(id, by_code(db, "principal-compulsory"));
	assert_int_equal(store_indsys_current(db, "principal_tenure", "kindergarten", &id), ERR_OK);
	assert_int_equal(id, by_code(db, "principal-kindergarten"));
	assert_int_equal(store_indsys_current(db, "clean_school", "senior", &id), ERR_NOT_FOUND);
	/* A new version counts once it is published, not as a draft. */
	copy.from_id = by_code(db, "principal-compulsory");
	assert_int_equal(store_indsys_create(db, &w, &copy, &pb, &draft), ERR_OK);
	assert_int_equal(store_indsys_current(db, "principal_tenure", "compulsory", &id), ERR_OK);
	assert_int_equal(id, copy.from_id);
	assert_int_equal(store_indsys_patch(db, &w, draft, &publish, &pb), ERR_OK);
	assert_int_equal(store_indsys_current(db, "principal_tenure", "compulsory", &id), ERR_OK);
	assert_int_equal(id, draft);
}

static void
test_indicator_store_stage_only_for_principal_sheets(void **state)
{
	struct db *db = *state;
	struct who w = WHO_SYSTEM;
	struct ind_system_in in = { .code = "q-x", .name = "季度", .kind = "quarterly_inspection",
		.year = 2026, .stage = "senior" };
	struct problem pb = { 0 };
	int64_t before = 0, after = 0, id = 0;

	assert_int_equal(db_get_i64(db, &before, "SELECT COUNT(*) FROM indicator_system", DB_END),
	    ERR_OK);
	assert_int_equal(store_indsys_create(db, &w, &in, &pb, &id), ERR_INVALID);
	assert_string_equal(pb.fields[0].field, "stage");
	assert_int_equal(db_get_i64(db, &after, "SELECT COUNT(*) FROM indicator_system", DB_END),
	    ERR_OK);
	assert_int_equal(after, before);
	/* The kind check still refuses what is not a kind (migration 0045). */
	assert_int_not_equal(db_exec(db, "INSERT INTO indicator_system (code, name, kind, year,"
	    " created_at, updated_at) VALUES ('x', 'x', 'bogus', 2026, 0, 0)", DB_END), ERR_OK);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_indicator_store_current_sheet_of_a_stage, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_indicator_store_stage_only_for_principal_sheets,
		    setup, teardown),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}

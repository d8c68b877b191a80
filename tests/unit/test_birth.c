/* test_birth.c: migration 0021's keyed step (issue 10 hole 1; PI-06,
 * SEC-09) on a real SQLite file put back into the layout before it:
 * plaintext birth dates are sealed and their columns dropped, birth dates
 * leave the audit rows' JSON at any depth (other keys kept), and the chain
 * is re-chained under a record verify names; over a chain already broken
 * the dates still go but nothing is re-chained, so the break still shows.
 * birth_seal/birth_open round-trip and refuse a tampered blob. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "auth/audit.h"
#include "auth/crypto.h"
#include "core/log.h"
#include "db/db.h"
#include "db/migrate.h"
#include "party/birth.h"

static char dir[64], key[96];
static int nth;

static int
setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/hy-birth-XXXXXX");
	if (!mkdtemp(dir) || crypto_init())
		return -1;
	db_global_init();
	log_set_quiet(1);
	snprintf(key, sizeof(key), "%s/k", dir);
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

static int64_t
q(struct db *db, const char *sql)
{
	int64_t v = -1;

	assert_int_equal(db_get_i64(db, &v, sql, DB_END), ERR_OK);
	return v;
}

/* A current database turned back into the layout before 0021, with one
 * org, one member and one applicant born 1961-07-23 and audit rows (a
 * nested one too) holding that date, written through the real chain. */
static struct db *
old_db(void)
{
	struct who w = { .user_id = 1, .username = "admin", .address = "127.0.0.1" };
	char path[128];
	struct db *db;

	snprintf(path, sizeof(path), "%s/b%d.db", dir, nth++);
	assert_int_equal(db_open(path, 1, &db), ERR_OK);
	assert_int_equal(migrate_run(db), ERR_OK);
	assert_int_equal(db_exec_script(db, "INSERT INTO org (id, kind, name, path, depth,"
	    " created_at, updated_at) VALUES (1, 'branch', 'b', '/1/', 0, 0, 0);"
	    "INSERT INTO member (org_id, org_path, name, gender, category, status, state,"
	    " joined_on, created_at, updated_at) VALUES (1, '/1/', 'm', 'male', 'in_service',"
	    " 'full', 'active', '1990-07-01', 0, 0);"
	    "INSERT INTO applicant (org_id, org_path, name, gender, id_card_enc, id_card_idx,"
	    " id_card_mask, category, status, step, applied_on, created_at, updated_at) VALUES (1,"
	    " '/1/', 'a', 'male', x'00', x'00', '500103********0421', 'in_service', 'pipeline', 1,"
	    " '2026-11-20', 0, 0);"
	    "ALTER TABLE member ADD COLUMN birth_date TEXT;"
	    "ALTER TABLE member DROP COLUMN birth_enc;"
	    "UPDATE member SET birth_date = '1961-07-23';"
	    "ALTER TABLE applicant ADD COLUMN birth_date TEXT;"
	    "ALTER TABLE applicant DROP COLUMN birth_enc;"
	    "UPDATE applicant SET birth_date = '1961-07-23';"
	    "DELETE FROM schema_version WHERE version = 21;"), ERR_OK);
	assert_int_equal(db_begin(db), ERR_OK);
	assert_int_equal(audit_write(db, &w, "login", "user", 1, NULL, NULL, 1), ERR_OK);
	assert_int_equal(audit_write(db, &w, "create", "member", 1, NULL,
	    "{\"name\":\"m\",\"birth_date\":\"1961-07-23\",\"id_card\":\"500103********0317\"}", 1),
	    ERR_OK);
	assert_int_equal(audit_write(db, &w, "create", "transfer", 1, "not json birth_date",
	    "{\"member\":{\"name\":\"m\",\"birth_date\":\"1961-07-23\"},\"x\":[1]}", 1), ERR_OK);
	assert_int_equal(audit_write(db, &w, "logout", "user", 1, NULL, NULL, 1), ERR_OK);
	assert_int_equal(db_end(db, ERR_OK), ERR_OK);
	return db;
}

static void
check_sealed(struct db *db)
{
	struct arena a = ARENA_INIT;
	struct db_rows r;

	assert_int_equal(q(db, "SELECT COUNT(*) FROM pragma_table_info('member') WHERE name ="
	    " 'birth_date'"), 0);
	assert_int_equal(q(db, "SELECT COUNT(*) FROM pragma_table_info('applicant') WHERE name ="
	    " 'birth_date'"), 0);
	assert_int_equal(db_query(db, &r, "SELECT birth_enc FROM member UNION ALL SELECT birth_enc"
	    " FROM applicant", DB_END), ERR_OK);
	for (int i = 0; i < 2; i++) {
		assert_int_equal(db_next(&r), ERR_OK);
		assert_string_equal(birth_open(&r, 0, &a), "1961-07-23");
	}
	db_rows_close(&r);
	arena_release(&a);
	assert_int_equal(q(db, "SELECT COUNT(*) FROM audit WHERE after_json LIKE '%1961%'"), 0);
	/* Everything else of the rows stays. */
	assert_int_equal(q(db, "SELECT COUNT(*) FROM audit WHERE after_json ="
	    " '{\"name\":\"m\",\"id_card\":\"500103********0317\"}'"), 1);
	assert_int_equal(q(db, "SELECT COUNT(*) FROM audit WHERE after_json ="
	    " '{\"member\":{\"name\":\"m\"},\"x\":[1]}'"), 1);
	assert_int_equal(q(db, "SELECT COUNT(*) FROM audit WHERE before_json ="
	    " 'not json birth_date'"), 1);
}

static void
test_birth_upgrade_seals_scrubs_and_rechains(void **state)
{
	struct db *db = old_db();
	struct audit_verdict v;

	(void)state;
	assert_int_equal(migrate_run(db), ERR_OK);
	check_sealed(db);
	assert_int_equal(audit_verify(db, &v), ERR_OK);
	assert_int_equal(v.nrows, 4);
	assert_int_equal(v.nrechain, 1);
	assert_int_equal(v.rechain[0].from_id, 2);
	assert_int_equal(v.rechain[0].to_id, 4);
	assert_non_null(strstr(v.rechain[0].reason, "birth dates removed"));
	/* Applied once: opening again changes nothing. */
	assert_int_equal(migrate_run(db), ERR_OK);
	assert_int_equal(audit_verify(db, &v), ERR_OK);
	assert_int_equal(v.nrechain, 1);
	db_close(db);
}

/* A chain edited before the upgrade is not blessed by it. */
static void
test_birth_upgrade_does_not_rechain_over_an_edit(void **state)
{
	struct db *db = old_db();
	struct audit_verdict v;

	(void)state;
	assert_int_equal(db_exec(db, "UPDATE audit SET actor = 'mallory' WHERE id = 4", DB_END),
	    ERR_OK);
	assert_int_equal(migrate_run(db), ERR_OK);
	check_sealed(db);
	assert_int_equal(audit_verify(db, &v), ERR_CONFLICT);
	assert_true(v.bad_id >= 2 && v.bad_id <= 4);
	assert_int_equal(q(db, "SELECT COUNT(*) FROM audit_rechain"), 0);
	db_close(db);
}

static void
test_birth_seal_round_trip_and_tamper(void **state)
{
	struct arena a = ARENA_INIT;
	struct db_rows r;
	unsigned char *enc;
	size_t n;
	struct db *db;
	char path[128];

	(void)state;
	snprintf(path, sizeof(path), "%s/s.db", dir);
	assert_int_equal(db_open(path, 1, &db), ERR_OK);
	birth_seal(NULL, &enc, &n);
	assert_null(enc);
	birth_seal("1949-12-31", &enc, &n);
	assert_non_null(enc);
	assert_null(memmem(enc, n, "1949", 4));
	assert_int_equal(db_query(db, &r, "SELECT ?, ?, NULL", DB_BLOB(enc, n), DB_BLOB(enc, n - 1),
	    DB_END), ERR_OK);
	assert_int_equal(db_next(&r), ERR_OK);
	assert_string_equal(birth_open(&r, 0, &a), "1949-12-31");
	assert_null(birth_open(&r, 1, &a));	/* cut short: does not open */
	assert_null(birth_open(&r, 2, &a));
	db_rows_close(&r);
	free(enc);
	arena_release(&a);
	db_close(db);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_birth_upgrade_seals_scrubs_and_rechains),
		cmocka_unit_test(test_birth_upgrade_does_not_rechain_over_an_edit),
		cmocka_unit_test(test_birth_seal_round_trip_and_tamper),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}

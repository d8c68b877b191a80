/* test_audit.c: the audit chain (SEC-06, SEC-08) on a real SQLite file:
 * chain 2's fields cannot shift into each other (issue 10, hole 6: a '|'
 * in a field made two rows' chain 1 texts equal), re-chaining after an
 * upgrade rewrote rows is recorded and its record cannot be forged, and
 * the checkpoints kept outside the database catch a cut tail, a forged
 * line and a changed row, but not a row a later re-chain rewrote. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "auth/audit.h"
#include "auth/audit_anchor.h"
#include "auth/crypto.h"
#include "core/log.h"
#include "db/db.h"
#include "db/migrate.h"

static char dir[64], key[96], cpfile[96];
static int nth;

static struct db *
new_db(void)
{
	char path[128];
	struct db *db;

	snprintf(path, sizeof(path), "%s/a%d.db", dir, nth++);
	assert_int_equal(db_open(path, 1, &db), ERR_OK);
	assert_int_equal(migrate_run(db), ERR_OK);
	return db;
}

static int
setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/hy-audit-XXXXXX");
	if (!mkdtemp(dir) || crypto_init())
		return -1;
	db_global_init();
	log_set_quiet(1);
	snprintf(key, sizeof(key), "%s/k", dir);
	snprintf(cpfile, sizeof(cpfile), "%s/cp", dir);
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
write_row(struct db *db, const char *actor, const char *action, const char *after)
{
	struct who w = { .user_id = 1, .username = actor, .address = "127.0.0.1" };

	assert_int_equal(db_begin(db), ERR_OK);
	assert_int_equal(db_end(db, audit_write(db, &w, action, "user", 7, NULL, after, 1)), ERR_OK);
}

static void
mac_of(struct db *db, int64_t id, char mac[CRYPTO_MAC_HEX])
{
	assert_int_equal(audit_mac_of(db, id, mac), ERR_OK);
}

/* Chain 1 joined fields with '|': actor "a|b" with action "c" read the same
 * as actor "a" with action "b|c". Chain 2 must tell them apart. */
static void
test_audit_fields_cannot_shift(void **state)
{
	char m1[CRYPTO_MAC_HEX], m2[CRYPTO_MAC_HEX];
	struct db *d1, *d2;
	time_t t;

	(void)state;
	d1 = new_db();
	d2 = new_db();
	do {	/* both rows within one second, so only the fields differ */
		t = time(NULL);
		write_row(d1, "a|b", "c", NULL);
		write_row(d2, "a", "b|c", NULL);
		mac_of(d1, 1, m1);
		mac_of(d2, 1, m2);
		if (time(NULL) == t)
			break;
		assert_int_equal(db_exec(d1, "DELETE FROM audit", DB_END), ERR_OK);
		assert_int_equal(db_exec(d2, "DELETE FROM audit", DB_END), ERR_OK);
	} while (1);
	assert_string_not_equal(m1, m2);
	db_close(d1);
	db_close(d2);
}

static void
test_audit_rechain_is_recorded_and_signed(void **state)
{
	struct audit_verdict v;
	struct db *db = new_db();

	(void)state;
	for (int i = 0; i < 5; i++)
		write_row(db, "admin", "update", "{\"birth_date\":\"1980-01-01\"}");
	assert_int_equal(audit_verify(db, &v), ERR_OK);
	assert_int_equal(v.nrows, 5);
	/* An upgrade takes the birth date out of rows 3-5: the chain breaks
	 * there until it is re-chained with the key. */
	assert_int_equal(db_exec(db, "UPDATE audit SET after_json = '{}' WHERE id >= 3", DB_END),
	    ERR_OK);
	assert_int_equal(audit_verify(db, &v), ERR_CONFLICT);
	assert_int_equal(v.bad_id, 3);
	assert_int_equal(db_begin(db), ERR_OK);
	assert_int_equal(db_end(db, audit_rechain(db, 3, "birth dates removed")), ERR_OK);
	assert_int_equal(audit_verify(db, &v), ERR_OK);
	assert_int_equal(v.nrows, 5);
	assert_int_equal(v.nrechain, 1);
	assert_int_equal(v.rechain[0].from_id, 3);
	assert_int_equal(v.rechain[0].to_id, 5);
	assert_string_equal(v.rechain[0].reason, "birth dates removed");
	/* Without the key, a record cannot be changed (or made). */
	assert_int_equal(db_exec(db, "UPDATE audit_rechain SET from_id = 1", DB_END), ERR_OK);
	assert_int_equal(audit_verify(db, &v), ERR_CONFLICT);
	assert_int_equal(v.bad_rechain, 1);
	db_close(db);
}

static void
test_audit_checkpoints_catch_a_cut_tail(void **state)
{
	struct anchor_verdict av;
	struct audit_verdict v;
	struct db *db = new_db();
	int64_t last = 0;

	(void)state;
	unlink(cpfile);
	for (int i = 0; i < 10; i++)
		write_row(db, "admin", "update", NULL);
	assert_int_equal(anchor_write(db, cpfile, &last), ERR_OK);
	assert_int_equal(last, 10);
	assert_int_equal(anchor_write(db, cpfile, &last), ERR_OK);	/* no growth: no line */
	assert_int_equal(audit_verify(db, &v), ERR_OK);
	assert_int_equal(anchor_check(db, cpfile, &v, &av), ERR_OK);
	assert_int_equal(av.nlines, 1);
	assert_int_equal(av.last_seq, 10);
	/* The last row deleted: the chain of 9 rows is whole, the anchor is not. */
	assert_int_equal(db_exec(db, "DELETE FROM audit WHERE id = 10", DB_END), ERR_OK);
	assert_int_equal(audit_verify(db, &v), ERR_OK);
	assert_int_equal(anchor_check(db, cpfile, &v, &av), ERR_CONFLICT);
	assert_int_equal(av.truncated_seq, 10);
	/* Every row deleted. */
	assert_int_equal(db_exec(db, "DELETE FROM audit", DB_END), ERR_OK);
	assert_int_equal(audit_verify(db, &v), ERR_OK);
	assert_int_equal(v.nrows, 0);
	assert_int_equal(anchor_check(db, cpfile, &v, &av), ERR_CONFLICT);
	assert_int_equal(av.truncated_seq, 10);
	db_close(db);
}

static void
append(const char *line)
{
	FILE *f = fopen(cpfile, "a");

	assert_non_null(f);
	fputs(line, f);
	fclose(f);
}

static void
test_audit_checkpoint_lines_are_signed(void **state)
{
	char mac[CRYPTO_MAC_HEX], line[300];
	struct anchor_verdict av;
	struct audit_verdict v;
	struct db *db = new_db();
	int64_t last = 0;

	(void)state;
	unlink(cpfile);
	for (int i = 0; i < 3; i++)
		write_row(db, "admin", "update", NULL);
	assert_int_equal(anchor_write(db, cpfile, &last), ERR_OK);
	/* A line claiming the log ends earlier, with a made-up signature. */
	mac_of(db, 2, mac);
	snprintf(line, sizeof(line), "x hongyan-audit-checkpoint v1 seq=2 mac=%s at=%lld sig=%064d\n",
	    mac, (long long)time(NULL), 0);
	append(line);
	assert_int_equal(audit_verify(db, &v), ERR_OK);
	assert_int_equal(anchor_check(db, cpfile, &v, &av), ERR_CONFLICT);
	assert_int_equal(av.bad_line, 2);
	assert_int_equal(av.nlines, 1);
	/* Lines without the marker (other log lines) are passed over. */
	unlink(cpfile);
	append("2026-12-07T10:00:00Z info listening\n");
	last = 0;
	assert_int_equal(anchor_write(db, cpfile, &last), ERR_OK);
	assert_int_equal(anchor_check(db, cpfile, &v, &av), ERR_OK);
	assert_int_equal(av.nlines, 1);
	db_close(db);
}

/* A checkpoint taken before a re-chain names a mac the re-chain replaced:
 * that is the upgrade, not an edit. A row changed with no re-chain is. */
static void
test_audit_checkpoint_before_a_rechain(void **state)
{
	struct anchor_verdict av;
	struct audit_verdict v;
	struct db *db = new_db();
	int64_t last = 0;

	(void)state;
	unlink(cpfile);
	for (int i = 0; i < 4; i++)
		write_row(db, "admin", "update", "{\"x\":1}");
	assert_int_equal(anchor_write(db, cpfile, &last), ERR_OK);
	assert_int_equal(db_exec(db, "UPDATE audit SET after_json = '{}' WHERE id >= 2", DB_END),
	    ERR_OK);
	assert_int_equal(db_begin(db), ERR_OK);
	assert_int_equal(db_end(db, audit_rechain(db, 2, "test")), ERR_OK);
	assert_int_equal(audit_verify(db, &v), ERR_OK);
	assert_int_equal(anchor_check(db, cpfile, &v, &av), ERR_OK);
	/* The same checkpoint, and row 4's mac replaced without a re-chain
	 * record covering it: the last row cannot be re-made unnoticed. */
	assert_int_equal(db_exec(db, "DELETE FROM audit_rechain", DB_END), ERR_OK);
	assert_int_equal(audit_verify(db, &v), ERR_OK);
	assert_int_equal(anchor_check(db, cpfile, &v, &av), ERR_CONFLICT);
	assert_int_equal(av.mismatch_seq, 4);
	db_close(db);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_audit_fields_cannot_shift),
		cmocka_unit_test(test_audit_rechain_is_recorded_and_signed),
		cmocka_unit_test(test_audit_checkpoints_catch_a_cut_tail),
		cmocka_unit_test(test_audit_checkpoint_lines_are_signed),
		cmocka_unit_test(test_audit_checkpoint_before_a_rechain),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}

/* test_api_cli.c: the hongyan command line (issue 2, "Command line"): exit
 * codes, refusals, backup, and a database from a newer version. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "api.h"
#include "db/db.h"

static struct srv S;

static char *
bin(void)
{
	return getenv("HONGYAN_BIN") ? getenv("HONGYAN_BIN") : "build/asan/hongyan";
}

static int
setup(void **state)
{
	(void)state;
	umask(022);	/* a usual umask: the files must be 0600 all the same */
	return srv_start(&S, 0, NULL);
}

static int
teardown(void **state)
{
	(void)state;
	srv_stop(&S);
	return 0;
}

static int
run(char *out, size_t n, char *const args[])
{
	return srv_cli(&S, args, out, n);
}

static void
test_cli_bad_arguments_exit_2(void **state)
{
	char out[4096];
	char path[400];

	(void)state;
	snprintf(path, sizeof(path), "%s/other.db", S.dir);
	assert_int_equal(run(out, sizeof(out), (char *[]){ bin(), NULL }), 2);
	assert_int_equal(run(out, sizeof(out), (char *[]){ bin(), "frobnicate", NULL }), 2);
	assert_int_equal(run(out, sizeof(out), (char *[]){ bin(), "init", NULL }), 2);
	assert_int_equal(run(out, sizeof(out), (char *[]){ bin(), "init", "--db", NULL }), 2);
	assert_int_equal(run(out, sizeof(out), (char *[]){ bin(), "init", "--db", path, "--bogus",
	    NULL }), 2);
	assert_int_equal(access(path, F_OK), -1);	/* nothing half-made */
	assert_int_equal(run(out, sizeof(out), (char *[]){ bin(), "user", "fly", "--db", S.db,
	    NULL }), 2);
	assert_int_equal(run(out, sizeof(out), (char *[]){ bin(), "user", "add", "--db", S.db,
	    "--username", "x1y", "--role", "king", NULL }), 2);
	assert_int_equal(run(out, sizeof(out), (char *[]){ bin(), "user", "add", "--db", S.db,
	    "--username", "bad name", "--role", "member", NULL }), 2);
	assert_int_equal(run(out, sizeof(out), (char *[]){ bin(), "serve", "--db", S.db, "--today",
	    "2026-02-30", NULL }), 2);
	assert_int_equal(run(out, sizeof(out), (char *[]){ bin(), "version", NULL }), 0);
	assert_non_null(strstr(out, "hongyan"));
	assert_int_equal(run(out, sizeof(out), (char *[]){ bin(), "init", "--help", NULL }), 0);
	assert_non_null(strstr(out, "usage"));
	assert_int_equal(run(out, sizeof(out), (char *[]){ bin(), "serve", "--db", S.db,
	    "--session-idle", "0", NULL }), 2);
	assert_int_equal(run(out, sizeof(out), (char *[]){ bin(), "serve", "--db", S.db,
	    "--body-max", NULL }), 2);
	setenv("HONGYAN_THREADS", "many", 1);
	assert_int_equal(run(out, sizeof(out), (char *[]){ bin(), "user", "list", "--db", S.db,
	    NULL }), 2);
	unsetenv("HONGYAN_THREADS");
}

static void
test_cli_init_refuses_existing_and_serve_needs_key(void **state)
{
	char out[4096], key[400];

	(void)state;
	assert_int_equal(run(out, sizeof(out), (char *[]){ bin(), "init", "--db", S.db, NULL }), 2);
	snprintf(key, sizeof(key), "%s/missing.key", S.dir);
	assert_int_equal(run(out, sizeof(out), (char *[]){ bin(), "serve", "--db", S.db, "--key", key,
	    "--listen", "127.0.0.1:0", NULL }), 2);
}

static void
test_cli_users_and_backup(void **state)
{
	char out[4096], to[400];
	struct db *db;
	int64_t n = 0;

	(void)state;
	assert_int_equal(run(out, sizeof(out), (char *[]){ bin(), "user", "add", "--db", S.db,
	    "--username", "clerk1", "--role", "secretary", NULL }), 0);
	assert_non_null(strstr(out, "password: "));
	assert_int_equal(run(out, sizeof(out), (char *[]){ bin(), "user", "passwd", "--db", S.db,
	    "--username", "clerk1", NULL }), 0);
	assert_non_null(strstr(out, "password: "));
	assert_int_equal(run(out, sizeof(out), (char *[]){ bin(), "user", "disable", "--db", S.db,
	    "--username", "clerk1", NULL }), 0);
	assert_int_equal(run(out, sizeof(out), (char *[]){ bin(), "user", "list", "--db", S.db,
	    NULL }), 0);
	assert_non_null(strstr(out, "clerk1\tsecretary\tdisabled"));
	assert_int_equal(run(out, sizeof(out), (char *[]){ bin(), "user", "passwd", "--db", S.db,
	    "--username", "nobody", NULL }), 2);
	snprintf(to, sizeof(to), "%s/backup.db", S.dir);
	assert_int_equal(run(out, sizeof(out), (char *[]){ bin(), "backup", "--db", S.db, "--to", to,
	    NULL }), 0);
	assert_int_equal(run(out, sizeof(out), (char *[]){ bin(), "backup", "--db", S.db, "--to", to,
	    NULL }), 2);
	assert_int_equal(db_open(to, 0, &db), ERR_OK);
	assert_int_equal(db_get_i64(db, &n, "SELECT COUNT(*) FROM app_user WHERE username = 'clerk1'",
	    DB_END), ERR_OK);
	db_close(db);
	assert_int_equal(n, 1);
	assert_int_equal(run(out, sizeof(out), (char *[]){ bin(), "audit", "verify", "--db", S.db,
	    NULL }), 0);
}

/* The permission bits of path, or -1 when it does not exist. */
static int
mode_of(const char *path)
{
	struct stat st;

	return stat(path, &st) ? -1 : (int)(st.st_mode & 07777);
}

/* The database, its -wal and -shm, the key, a backup and the files folder
 * are the owner's only (issue 10: the database was created 0644). */
static void
test_cli_files_are_owner_only(void **state)
{
	char out[4096], path[400];
	const char *const suffix[] = { "", "-wal", "-shm", ".key" };

	(void)state;
	for (size_t i = 0; i < sizeof(suffix) / sizeof(suffix[0]); i++) {
		snprintf(path, sizeof(path), "%s%s", S.db, suffix[i]);
		printf("%s: %o\n", path, mode_of(path));
		assert_int_equal(mode_of(path), 0600);
	}
	snprintf(path, sizeof(path), "%s/owner-only.db", S.dir);
	assert_int_equal(run(out, sizeof(out), (char *[]){ bin(), "backup", "--db", S.db, "--to",
	    path, NULL }), 0);
	assert_int_equal(mode_of(path), 0600);
	snprintf(path, sizeof(path), "%s.files", S.db);
	if (mode_of(path) != -1)
		assert_int_equal(mode_of(path) & 077, 0);
	/* A database left 0644 by an older version is made 0600 when opened. */
	assert_int_equal(chmod(S.db, 0644), 0);
	assert_int_equal(run(out, sizeof(out), (char *[]){ bin(), "user", "list", "--db", S.db,
	    NULL }), 0);
	assert_int_equal(mode_of(S.db), 0600);
}

/* A migration missing below the highest recorded one (branches merged
 * with numbers out of order) is applied when the database is opened. */
static void
test_cli_applies_a_skipped_migration(void **state)
{
	char names[16][64], sql[128], line[512], out[4096];
	int nt = 0;
	struct db *db;
	int64_t n = -1;
	FILE *f = fopen("src/db/migrations/0010_reviews.sql", "r");

	(void)state;
	assert_non_null(f);
	while (fgets(line, sizeof(line), f) && nt < 16)
		if (sscanf(line, "CREATE TABLE %63[a-z_]", names[nt]) == 1)
			nt++;
	fclose(f);
	assert_true(nt >= 2);
	assert_int_equal(db_open(S.db, 0, &db), ERR_OK);
	while (nt-- > 0) {	/* later tables refer to earlier ones */
		snprintf(sql, sizeof(sql), "DROP TABLE %s", names[nt]);
		assert_int_equal(db_exec(db, sql, DB_END), ERR_OK);
	}
	assert_int_equal(db_exec(db, "DELETE FROM schema_version WHERE version = 10", DB_END),
	    ERR_OK);
	db_close(db);
	assert_int_equal(run(out, sizeof(out), (char *[]){ bin(), "user", "list", "--db", S.db,
	    NULL }), 0);
	assert_int_equal(db_open(S.db, 0, &db), ERR_OK);
	assert_int_equal(db_get_i64(db, &n, "SELECT COUNT(*) FROM review_result", DB_END), ERR_OK);
	assert_int_equal(n, 0);
	assert_int_equal(db_get_i64(db, &n, "SELECT COUNT(*) FROM schema_version WHERE version = 10",
	    DB_END), ERR_OK);
	db_close(db);
	assert_int_equal(n, 1);
}

static void
test_cli_refuses_newer_database(void **state)
{
	char out[4096];
	struct db *db;

	(void)state;
	assert_int_equal(db_open(S.db, 0, &db), ERR_OK);
	assert_int_equal(db_exec(db, "INSERT INTO schema_version (version, applied_at) VALUES (999, 0)",
	    DB_END), ERR_OK);
	db_close(db);
	assert_int_equal(run(out, sizeof(out), (char *[]){ bin(), "user", "list", "--db", S.db,
	    NULL }), 1);
}

/* A flag wins over its environment variable (issue 2: flags, then HONGYAN_*). */
static void
test_cli_flag_beats_environment(void **state)
{
	struct client c;
	json_t *j = NULL;
	char body[8192];

	(void)state;
	assert_int_equal(srv_restart_flag(&S, "HONGYAN_BODY_MAX=1048576", "--body-max", "2048"), 0);
	client_init(&c, &S);
	memset(body, ' ', sizeof(body) - 1);
	body[sizeof(body) - 1] = '\0';
	assert_int_equal(api_call(&c, "POST", "/api/v1/session", body, &j), 413);
	json_decref(j);
	client_release(&c);
}

/* The last checkpoint line's row in the serving database's checkpoint
 * file, or 0. */
static long long
last_checkpoint(void)
{
	char path[400], line[512];
	long long seq = 0, s;
	FILE *f;

	snprintf(path, sizeof(path), "%s.audit-checkpoints", S.db);
	if (!(f = fopen(path, "r")))
		return 0;
	while (fgets(line, sizeof(line), f))
		if (strstr(line, "hongyan-audit-checkpoint v1 seq=") &&
		    sscanf(strstr(line, "seq=") + 4, "%lld", &s) == 1 && s > seq)
			seq = s;
	fclose(f);
	return seq;
}

/* Issue 10, hole 6: deleting the log's tail left `audit verify` saying
 * intact. The serving process anchors the log outside the database every
 * checkpoint interval; a copy cut after that is caught. */
static void
test_cli_audit_verify_catches_a_cut_tail(void **state)
{
	char out[4096], copy[400], cps[400], cmd[2400];
	struct client c;
	struct db *db;
	int64_t head = 0;
	int i;

	(void)state;
	assert_int_equal(srv_restart(&S, "HONGYAN_AUDIT_CHECKPOINT_SECONDS=1"), 0);
	client_init(&c, &S);
	api_admin(&c, "Admin#Pass2026x");	/* writes audit rows after the start's checkpoint */
	client_release(&c);
	assert_int_equal(db_open(S.db, 0, &db), ERR_OK);
	assert_int_equal(db_get_i64(db, &head, "SELECT MAX(id) FROM audit", DB_END), ERR_OK);
	db_close(db);
	for (i = 0; i < 100 && last_checkpoint() < head; i++)
		usleep(100 * 1000);
	assert_int_equal(last_checkpoint(), head);
	snprintf(cps, sizeof(cps), "%s.audit-checkpoints", S.db);
	i = run(out, sizeof(out), (char *[]){ bin(), "audit", "verify", "--db", S.db, NULL });
	if (i != 0)
		fprintf(stderr, "%s\n", out);
	assert_int_equal(i, 0);
	assert_non_null(strstr(out, "anchored by"));
	/* Cut copies of the database, checked against the server's checkpoints. */
	snprintf(copy, sizeof(copy), "%s/cut.db", S.dir);
	for (int cut = 0; cut < 2; cut++) {
		snprintf(cmd, sizeof(cmd), "sqlite3 '%s' '.backup %s' && cp '%s.key' '%s.key' &&"
		    " sqlite3 '%s' 'DELETE FROM audit WHERE id %s'", S.db, copy, S.db, copy, copy,
		    cut ? ">= 1" : "= (SELECT MAX(id) FROM audit)");
		assert_int_equal(system(cmd), 0);
		assert_int_equal(run(out, sizeof(out), (char *[]){ bin(), "audit", "verify", "--db",
		    copy, "--checkpoints", cps, NULL }), 1);
		/* Without the checkpoints the tail cannot be judged: never "intact" alone. */
		assert_int_not_equal(run(out, sizeof(out), (char *[]){ bin(), "audit", "verify",
		    "--db", copy, NULL }), 0);
		unlink(copy);
		snprintf(cmd, sizeof(cmd), "%s.key", copy);
		unlink(cmd);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cli_bad_arguments_exit_2),
		cmocka_unit_test(test_cli_init_refuses_existing_and_serve_needs_key),
		cmocka_unit_test(test_cli_users_and_backup),
		cmocka_unit_test(test_cli_files_are_owner_only),
		cmocka_unit_test(test_cli_flag_beats_environment),
		cmocka_unit_test(test_cli_audit_verify_catches_a_cut_tail),
		cmocka_unit_test(test_cli_applies_a_skipped_migration),
		cmocka_unit_test(test_cli_refuses_newer_database),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}

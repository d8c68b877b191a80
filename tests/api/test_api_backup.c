/* test_api_backup.c: `hongyan backup` while the server keeps writing
 * (issue 10: the stepped online backup restarted on every write and never
 * finished). A child process writes through the API without pause; the
 * backup must finish within BACKUP_BOUND seconds, and the copy must open
 * and verify (`hongyan audit verify` on it with the key). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "api.h"

#define ADMIN_PW "Hongyan#Admin2026"
#define BACKUP_BOUND 60	/* seconds; the demo's copy takes well under one */

static struct srv S;
static struct client A;

static char *
bin(void)
{
	return getenv("HONGYAN_BIN") ? getenv("HONGYAN_BIN") : "build/asan/hongyan";
}

static int
setup(void **state)
{
	(void)state;
	if (srv_start(&S, 1, NULL))
		return -1;
	client_init(&A, &S);
	api_admin(&A, ADMIN_PW);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	client_release(&A);
	srv_stop(&S);
	return 0;
}

/* The child: renames the district's first organization's basis without
 * pause until killed; each write is a transaction with its audit row. */
static void
write_forever(long long org)
{
	struct client w;
	char path[64], body[64];

	client_init(&w, &S);
	if (api_login(&w, API_DISTRICT_USER, ADMIN_PW) != 200)
		_exit(2);
	snprintf(path, sizeof(path), "/api/v1/orgs/%lld", org);
	for (unsigned i = 0;; i++) {
		snprintf(body, sizeof(body), "{\"basis\":\"第%u次\"}", i);
		api_call(&w, "PATCH", path, body, NULL);
	}
}

/* Runs hongyan with args, killed by SIGALRM after bound seconds; returns
 * its exit status (-1 when killed) and the seconds it took. */
static int
run_bounded(char *const args[], int bound, double *secs)
{
	struct timespec t0, t1;
	int status;
	pid_t pid;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	pid = fork();
	if (pid == 0) {
		alarm((unsigned)bound);	/* survives exec: the bound holds for the command */
		execv(bin(), args);
		_exit(127);
	}
	waitpid(pid, &status, 0);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	*secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static long long
first_branch(void)
{
	json_t *j = NULL, *it;
	long long id = 0;
	size_t i;

	assert_int_equal(api_call(&A, "GET", "/api/v1/orgs", NULL, &j), 200);
	json_array_foreach(json_object_get(j, "items"), i, it)
		if (!strcmp(json_string_value(json_object_get(it, "kind")), "branch")) {
			id = json_integer_value(json_object_get(it, "id"));
			break;
		}
	json_decref(j);
	return id;
}

static long long
audit_total(void)
{
	json_t *j = NULL;
	long long n = -1;

	if (api_call(&A, "GET", "/api/v1/audit?per_page=1", NULL, &j) == 200)
		n = json_integer_value(json_object_get(j, "total"));
	json_decref(j);
	return n;
}

static void
test_backup_finishes_under_write_load(void **state)
{
	char to[400], key[400];
	long long org = first_branch(), before, during;
	double secs = 0, vsecs = 0;
	pid_t writer;
	int rc, status;

	(void)state;
	assert_true(org > 0);
	snprintf(to, sizeof(to), "%s/under-load.db", S.dir);
	snprintf(key, sizeof(key), "%s.key", S.db);
	before = audit_total();
	writer = fork();
	if (writer == 0)
		write_forever(org);
	sleep(1);	/* the writes are under way */
	rc = run_bounded((char *[]){ bin(), "backup", "--db", S.db, "--to", to, NULL },
	    BACKUP_BOUND, &secs);
	during = audit_total();
	kill(writer, SIGKILL);
	waitpid(writer, &status, 0);
	printf("backup under load: exit %d in %.2f s while %lld writes were made\n", rc, secs,
	    during - before);
	assert_int_equal(rc, 0);
	assert_true(during - before > 10);	/* it really ran under load */
	assert_int_equal(run_bounded((char *[]){ bin(), "audit", "verify", "--db", to, "--key", key,
	    NULL }, BACKUP_BOUND, &vsecs), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_backup_finishes_under_write_load),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}

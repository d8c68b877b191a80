/* test_api_diskfull.c: a full disk answers 507 storage_full with a Chinese
 * message, never 500, and nothing half-written stays (issue 10). The
 * database is served from a small tmpfs that the test mounts (root only:
 * skipped with a message otherwise), filled up by a file until writes fail;
 * removing the file makes writes work again. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "api.h"
#include "db/db.h"

#define PW "Full#Disk2026"

static struct srv S;
static char mnt[270];
static int mounted;

static int
setup(void **state)
{
	(void)state;
	return srv_start(&S, 1, NULL);
}

static int
teardown(void **state)
{
	(void)state;
	/* Detach first, so the removal of the test folder finds a plain folder. */
	if (mounted)
		umount2(mnt, MNT_DETACH);
	srv_stop(&S);
	return 0;
}

static int
run_cli(char **args)
{
	char out[1024];

	return srv_cli(&S, args, out, sizeof(out));
}

static int
copy_file(const char *from, const char *to)
{
	char cmd[1400];

	snprintf(cmd, sizeof(cmd), "cp '%s' '%s'", from, to);
	return system(cmd);
}

/* Fills the file system at dir up to its last keep bytes; returns the
 * filler's path in out. */
static void
fill(const char *dir, long long keep, char *out, size_t len)
{
	struct statvfs sv;
	long long left;
	static char block[1 << 16];
	int fd;

	snprintf(out, len, "%s/filler", dir);
	assert_int_equal(statvfs(dir, &sv), 0);
	left = (long long)sv.f_bavail * (long long)sv.f_frsize - keep;
	fd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	assert_true(fd >= 0);
	memset(block, 'x', sizeof(block));
	while (left > 0) {
		ssize_t k = write(fd, block, left < (long long)sizeof(block) ? (size_t)left : sizeof(block));

		if (k <= 0)
			break;
		left -= k;
	}
	close(fd);
}

static long long
count_named(const char *path, const char *name)
{
	struct db *db;
	int64_t v = -1;

	assert_int_equal(db_open(path, 0, &db), 0);
	assert_int_equal(db_get_i64(db, &v, "SELECT COUNT(*) FROM school WHERE name = ?",
	    DB_TEXT(name), DB_END), 0);
	db_close(db);
	return v;
}

static void
test_disk_full_507(void **state)
{
	struct client c;
	char db[300], key[320], oldkey[320], filler[320], body[400];
	char *bin = getenv("HONGYAN_BIN") ? getenv("HONGYAN_BIN") : "build/asan/hongyan";
	char *backup[] = { bin, "backup", "--db", S.db, "--to", db, NULL };
	char *add[] = { bin, "user", "add", "--db", db, "--username", "full1", "--role", "district",
		NULL };
	struct stat st;
	json_t *j = NULL;
	long status = 0;
	int n;

	(void)state;
	if (geteuid() != 0) {
		printf("# skipped: mounting a small tmpfs needs root\n");
		skip();
	}
	snprintf(mnt, sizeof(mnt), "%s/full", S.dir);
	assert_int_equal(mkdir(mnt, 0700), 0);
	assert_int_equal(stat(S.db, &st), 0);
	snprintf(body, sizeof(body), "size=%lldk", (long long)st.st_size / 1024 + 8192);
	if (mount("tmpfs", mnt, "tmpfs", 0, body)) {
		printf("# skipped: cannot mount a tmpfs here\n");
		skip();
	}
	mounted = 1;
	/* Serve a copy of the demo database from the tmpfs. */
	snprintf(db, sizeof(db), "%s/t.db", mnt);
	snprintf(key, sizeof(key), "%s.key", db);
	snprintf(oldkey, sizeof(oldkey), "%s.key", S.db);
	assert_int_equal(run_cli(backup), 0);
	assert_int_equal(copy_file(oldkey, key), 0);
	setenv("HONGYAN_PASSWORD", PW "0", 1);
	assert_int_equal(run_cli(add), 0);
	unsetenv("HONGYAN_PASSWORD");
	snprintf(S.db, sizeof(S.db), "%s", db);
	assert_int_equal(srv_restart(&S, NULL), 0);
	client_init(&c, &S);
	assert_int_equal(api_login(&c, "full1", PW "0"), 200);
	assert_int_equal(api_call(&c, "POST", "/api/v1/session/password",
	    "{\"old_password\":\"" PW "0\",\"new_password\":\"" PW "1\"}", NULL), 200);

	fill(mnt, 256 * 1024, filler, sizeof(filler));
	for (n = 0; n < 5000; n++) {
		snprintf(body, sizeof(body), "{\"name\":\"满盘学校%d\",\"stage\":\"primary\","
		    "\"ownership\":\"public\"}", n);
		j = NULL;
		status = api_call(&c, "POST", "/api/v1/schools", body, &j);
		if (status != 201)
			break;
		json_decref(j);
	}
	printf("# %d schools written before the disk was full\n", n);
	assert_int_equal(status, 507);
	assert_string_equal(api_code(j), "storage_full");
	assert_non_null(strstr(json_string_value(json_object_get(json_object_get(j, "error"),
	    "message")), "存储空间已满"));
	json_decref(j);
	/* Reads still work, and the failed write left nothing. */
	assert_int_equal(api_call(&c, "GET", "/healthz", NULL, NULL), 200);
	snprintf(body, sizeof(body), "满盘学校%d", n);
	assert_int_equal(count_named(db, body), 0);
	/* Free the space: writing works again. */
	unlink(filler);
	assert_int_equal(api_call(&c, "POST", "/api/v1/schools",
	    "{\"name\":\"满盘之后\",\"stage\":\"primary\",\"ownership\":\"public\"}", NULL), 201);
	client_release(&c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_disk_full_507),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}

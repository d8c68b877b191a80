/* test_attach_migrate.c: migrations 0030 and 0034-0036 (issue 19) on a
 * real SQLite file made as the release before them left it (schema 29,
 * built from the same migration scripts): a meeting's file, an applicant's
 * step document, a notice's file, a library item's own file and a library
 * item naming the meeting's file all come out as attachments, readable
 * from the files folder, with their names, parts, uploaders and times;
 * the legacy names are those of the old audit rows, which stay untouched;
 * the old tables and columns are gone (meeting_file stays, empty: see
 * 0036), the reference points at the meeting's attachment, and study_item
 * still takes rows (no foreign key names a missing table). */
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

#include "attach/attach.h"
#include "auth/audit.h"
#include "auth/crypto.h"
#include "core/config.h"
#include "core/log.h"
#include "db/db.h"
#include "db/migrate.h"
#include "party/birth.h"

struct migration {
	int version;
	const char *name;
	const char *sql;
};

#include "migrations.inc"

#define BEFORE_ISSUE_19 29	/* the last schema of the release before */

static char dir[64], key[96];

static int
setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/hy-attach-XXXXXX");
	if (!mkdtemp(dir) || crypto_init())
		return -1;
	db_global_init();
	log_set_quiet(1);
	snprintf(key, sizeof(key), "%s/k", dir);
	cfg.files_dir = dir;
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

/* A stored file of the old tables: name under the files folder. */
static void
stored(const char *name, const char *bytes)
{
	char path[160];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	assert_non_null(f = fopen(path, "wb"));
	assert_int_equal(fwrite(bytes, 1, strlen(bytes), f), strlen(bytes));
	fclose(f);
}

/* The schema of the release before issue 19, as its migrations made it
 * (the keyed step of 0021 too), then one file of each kind written as that
 * release wrote them: rows, bytes and the audit rows naming them. */
static struct db *
old_db(void)
{
	struct who w = { .user_id = 7, .username = "sec", .address = "127.0.0.1" };
	char path[128];
	struct db *db;

	snprintf(path, sizeof(path), "%s/old.db", dir);
	assert_int_equal(db_open(path, 1, &db), ERR_OK);
	assert_int_equal(db_exec(db, "CREATE TABLE schema_version (version INTEGER NOT NULL,"
	    " applied_at INTEGER NOT NULL)", DB_END), ERR_OK);
	for (size_t i = 0; i < sizeof(migrations) / sizeof(migrations[0]) &&
	    migrations[i].version <= BEFORE_ISSUE_19; i++) {
		assert_int_equal(db_begin(db), ERR_OK);
		assert_int_equal(db_exec_script(db, migrations[i].sql), ERR_OK);
		if (migrations[i].version == 21)
			assert_int_equal(birth_upgrade(db), ERR_OK);
		assert_int_equal(db_exec(db, "INSERT INTO schema_version VALUES (?, 0)",
		    DB_I64(migrations[i].version), DB_END), ERR_OK);
		assert_int_equal(db_end(db, ERR_OK), ERR_OK);
	}
	stored("m1", "%PDF-1.4 minutes");
	stored("a1", "%PDF-1.4 application");
	stored("n1", "\x89PNG notice image");
	stored("l1", "%PDF-1.4 library text");
	/* The owners need not exist for their files to move. */
	assert_int_equal(db_exec(db, "PRAGMA foreign_keys=OFF", DB_END), ERR_OK);
	assert_int_equal(db_exec_script(db,
	    "INSERT INTO org (id, kind, name, path, depth, created_at, updated_at) VALUES (1,"
	    " 'branch', 'b', '/1/', 0, 0, 0);"
	    "INSERT INTO meeting_file (id, meeting_id, name, mime, size, sha256, stored_as,"
	    " uploaded_by, at) VALUES (5, 50, '会议记录.pdf', 'application/pdf', 16, 'shm', 'm1',"
	    " 7, 1001);"
	    "INSERT INTO applicant_file (id, applicant_id, step, name, mime, size, sha256,"
	    " stored_as, uploaded_by, at) VALUES (3, 30, 4, '申请书.pdf', 'application/pdf', 20,"
	    " 'sha', 'a1', 7, 1002);"
	    "INSERT INTO notice_file (id, notice_id, name, mime, size, sha256, stored_as,"
	    " uploaded_by, at) VALUES (8, 80, '公示.png', 'image/png', 17, 'shn', 'n1', NULL, 1003);"
	    "INSERT INTO study_item (id, org_id, org_path, kind, title, topic, file_name,"
	    " file_mime, file_size, file_sha256, stored_as, created_by, created_at, updated_at)"
	    " VALUES (1, 1, '/1/', 'document', '自传', 't', '学习.pdf', 'application/pdf', 21,"
	    " 'shl', 'l1', 9, 900, 950);"
	    "INSERT INTO study_item (id, org_id, org_path, kind, title, topic, meeting_file_id,"
	    " created_at, updated_at) VALUES (2, 1, '/1/', 'document', '会议', 't', 5, 900, 900);"),
	    ERR_OK);
	assert_int_equal(db_exec(db, "PRAGMA foreign_keys=ON", DB_END), ERR_OK);
	assert_int_equal(db_begin(db), ERR_OK);
	assert_int_equal(audit_write(db, &w, "upload", "applicant_file", 3, NULL, "{}", 1), ERR_OK);
	assert_int_equal(audit_write(db, &w, "upload", "notice_file", 8, NULL, "{}", 1), ERR_OK);
	assert_int_equal(audit_write(db, &w, "upload", "study_item", 1, NULL, "{}", 1), ERR_OK);
	assert_int_equal(db_end(db, ERR_OK), ERR_OK);
	return db;
}

/* The attachment moved from legacy: its fields as expected, its bytes. */
static void
check_moved(struct db *db, const char *legacy, const char *kind, int64_t owner, int64_t part,
    const char *name, int64_t by, const char *bytes)
{
	struct arena a = ARENA_INIT;
	struct attachment f;
	struct db_rows r;
	char buf[64];
	int64_t id;
	ssize_t n;
	int fd;

	assert_int_equal(db_query(db, &r, "SELECT id FROM attachment WHERE legacy = ?",
	    DB_TEXT(legacy), DB_END), ERR_OK);
	assert_int_equal(db_next(&r), ERR_OK);
	id = db_i64(&r, 0);
	assert_int_equal(db_next(&r), ERR_NOT_FOUND);
	db_rows_close(&r);
	assert_int_equal(attach_open_trusted(db, id, &a, &f, &fd), ERR_OK);
	assert_string_equal(f.owner->name, kind);
	assert_int_equal(f.owner_id, owner);
	assert_int_equal(f.part, part);
	assert_string_equal(f.name, name);
	assert_int_equal(f.uploaded_by, by);
	n = read(fd, buf, sizeof(buf));
	close(fd);
	assert_int_equal(n, (ssize_t)strlen(bytes));
	assert_memory_equal(buf, bytes, (size_t)n);
	arena_release(&a);
}

static void
test_attach_migrate_every_kind_of_mine(void **state)
{
	struct db *db = old_db();
	int64_t audits = q(db, "SELECT COUNT(*) FROM audit");

	(void)state;
	assert_int_equal(migrate_run(db), ERR_OK);
	check_moved(db, "meeting_file:5", "meeting", 50, 0, "会议记录.pdf", 7, "%PDF-1.4 minutes");
	check_moved(db, "applicant_file:3", "applicant", 30, 4, "申请书.pdf", 7,
	    "%PDF-1.4 application");
	check_moved(db, "notice_file:8", "notice", 80, 0, "公示.png", 0, "\x89PNG notice image");
	/* The uploader and time of the latest 'upload' audit row of the item. */
	check_moved(db, "study_item:1", "library", 1, 0, "学习.pdf", 7, "%PDF-1.4 library text");
	assert_int_equal(q(db, "SELECT at FROM attachment WHERE legacy = 'applicant_file:3'"), 1002);
	assert_true(q(db, "SELECT at FROM attachment WHERE legacy = 'study_item:1'") >= 1000);
	/* The meeting's file kept its id; the item names its attachment. */
	assert_int_equal(q(db, "SELECT meeting_attachment_id FROM study_item WHERE id = 2"), 5);
	assert_int_equal(q(db, "SELECT COUNT(*) FROM study_item WHERE meeting_file_id IS NOT NULL"),
	    0);
	assert_int_equal(q(db, "SELECT COUNT(*) FROM attachment"), 4);
	/* Old tables and columns gone; audit rows as they were. */
	assert_int_equal(q(db, "SELECT COUNT(*) FROM sqlite_master WHERE name IN"
	    " ('applicant_file', 'notice_file')"), 0);
	assert_int_equal(q(db, "SELECT COUNT(*) FROM meeting_file"), 0);
	assert_int_equal(q(db, "SELECT COUNT(*) FROM pragma_table_info('study_item') WHERE name IN"
	    " ('file_name', 'file_mime', 'file_size', 'file_sha256', 'stored_as')"), 0);
	assert_int_equal(q(db, "SELECT COUNT(*) FROM audit"), audits);
	assert_int_equal(q(db, "SELECT COUNT(*) FROM audit WHERE entity IN ('applicant_file',"
	    " 'notice_file', 'study_item')"), 3);
	assert_int_equal(q(db, "SELECT COUNT(*) FROM pragma_foreign_key_check"), 0);
	/* study_item still takes rows, and a deleted meeting file leaves the
	 * item naming none. */
	assert_int_equal(db_exec(db, "INSERT INTO study_item (org_id, org_path, kind, title, topic,"
	    " created_at, updated_at) VALUES (1, '/1/', 'link', 'x', 't', 0, 0)", DB_END), ERR_OK);
	assert_int_equal(db_exec(db, "DELETE FROM attachment WHERE id = 5", DB_END), ERR_OK);
	assert_int_equal(q(db, "SELECT COUNT(*) FROM study_item WHERE meeting_attachment_id"
	    " IS NOT NULL"), 0);
	db_close(db);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_attach_migrate_every_kind_of_mine),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}

/* test_api_upgrade.c: a database made by the previous release opens in
 * this one with nothing lost (issue 19: every attached file of every kind,
 * its name and its audit trail).
 *
 * The previous release (the Makefile's PREV_RELEASE, built from git into
 * build/prev/hongyan) creates the demo district and serves it; files of
 * every kind it kept are attached: through its own API where the district
 * account may (meetings, applicants, notices), by its tables in the raw
 * file where only another account could (findings' evidence, inspections'
 * evidence, a secretary's review report, a library item's file). Then this
 * build opens the same database: every file is listed on its owner, its
 * bytes come back whole by the one file route and by the route it had
 * before, the old tables are gone, the files folder lost nothing and the
 * audit chain still verifies. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <sqlite3.h>

#include "api.h"
#include "auth/crypto.h"

#define NEW_PW "Hongyan#Upgrade2026"
#define KINDS 7

static struct srv S;
static struct client A;		/* the district account */
static char files[320];		/* <db>.files */
static char this_bin[256];

/* One file kept by the previous release, and where to find it now. */
struct kept {
	const char *owner_path;	/* the generic route's segment */
	long long owner_id;
	const char *name;
	const char *bytes;
	char old_route[160];	/* the route it was read by before, "" when none */
	long long old_id;	/* its id before (meetings keep it) */
	char sha[CRYPTO_MAC_HEX];
};
static struct kept K[KINDS];
static int nk;

static void
exec_ok(sqlite3 *h, const char *sql)
{
	char *msg = NULL;

	if (sqlite3_exec(h, sql, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("%s: %s", sql, msg ? msg : "?");
}

static long long
one_i64(sqlite3 *h, const char *sql)
{
	sqlite3_stmt *st;
	long long v = -1;

	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(h));
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* Writes bytes under the files folder by a stored-looking name. */
static void
place(const char *stored, const char *bytes)
{
	char path[400];
	FILE *f;

	mkdir(files, 0700);
	snprintf(path, sizeof(path), "%s/%s", files, stored);
	f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(bytes, 1, strlen(bytes), f), strlen(bytes));
	fclose(f);
}

static int
count_files(void)
{
	return api_count_files(&S);
}

static struct kept *
keep(const char *owner_path, long long owner_id, const char *name, const char *bytes)
{
	struct kept *k = &K[nk++];

	k->owner_path = owner_path;
	k->owner_id = owner_id;
	k->name = name;
	k->bytes = bytes;
	crypto_sha256_hex(bytes, strlen(bytes), k->sha);
	return k;
}

/* The first id of a list route's items. */
static long long
first_id(const char *path)
{
	json_t *j = NULL;
	long long id;

	assert_int_equal(api_call(&A, "GET", path, NULL, &j), 200);
	id = json_integer_value(json_object_get(json_array_get(json_object_get(j, "items"), 0),
	    "id"));
	json_decref(j);
	assert_true(id > 0);
	return id;
}

/* Uploads by the previous release's route; returns the new file's id. */
static long long
old_upload(const char *path, const char *bytes)
{
	json_t *j = NULL;
	long long id;

	assert_int_equal(api_call(&A, "POST", path, bytes, &j), 201);
	id = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	return id;
}

/* Through the previous release's API, as the district account. */
static void
attach_by_old_api(void)
{
	char path[200];
	json_t *j = NULL;
	struct kept *k;
	long long id;

	id = first_id("/api/v1/meetings?per_page=1");
	k = keep("meetings", id, "minutes.pdf", "%PDF-1.4 the minutes of a meeting");
	snprintf(path, sizeof(path), "/api/v1/meetings/%lld/files?name=%s", id, k->name);
	k->old_id = old_upload(path, k->bytes);
	snprintf(k->old_route, sizeof(k->old_route), "/api/v1/files/%lld", k->old_id);

	id = first_id("/api/v1/applicants?per_page=1");
	k = keep("applicants", id, "application.pdf", "%PDF-1.5 an application for membership");
	snprintf(path, sizeof(path), "/api/v1/applicants/%lld/files?step=1&name=%s", id, k->name);
	assert_int_equal(api_call(&A, "POST", path, k->bytes, NULL), 201);

	assert_int_equal(api_call(&A, "POST", "/api/v1/notices", "{\"title\":\"升级前的通知\","
	    "\"body\":\"附件见下\",\"kind\":\"notice\",\"audience\":\"district\",\"publish\":false}",
	    &j), 201);
	id = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	k = keep("notices", id, "notice.pdf", "%PDF-1.6 a notice's attachment");
	snprintf(path, sizeof(path), "/api/v1/notices/%lld/files?name=%s", id, k->name);
	k->old_id = old_upload(path, k->bytes);
	snprintf(k->old_route, sizeof(k->old_route), "/api/v1/notice-files/%lld", k->old_id);
}

/* A row of the previous release's <owner>_file table for the first owner,
 * its bytes placed under a stored name; the route it was read by is
 * /api/v1/<owner>-files/{row id}. */
static void
old_file_row(sqlite3 *h, const char *path, const char *owner, const char *name,
    const char *bytes)
{
	char sql[900], stored[44];
	struct kept *k;
	long long id;

	snprintf(sql, sizeof(sql), "SELECT MIN(id) FROM %s", owner);
	id = one_i64(h, sql);
	k = keep(path, id, name, bytes);
	snprintf(stored, sizeof(stored), "upgrade%s%036d", owner, 0);
	place(stored, k->bytes);
	snprintf(sql, sizeof(sql), "INSERT INTO %s_file (%s_id, name, mime, size, sha256, stored_as,"
	    " uploaded_by, at) VALUES (%lld, '%s', 'application/pdf', %zu, '%s', '%s', NULL,"
	    " 1700000000)", owner, owner, id, name, strlen(bytes), k->sha, stored);
	exec_ok(h, sql);
	snprintf(k->old_route, sizeof(k->old_route), "/api/v1/%s-files/%lld", owner,
	    (long long)sqlite3_last_insert_rowid(h));
}

/* By the previous release's tables, for the kinds another account adds. */
static void
attach_by_old_tables(void)
{
	char sql[900];
	sqlite3 *h;
	struct kept *k;
	long long id;

	assert_int_equal(sqlite3_open(S.db, &h), SQLITE_OK);
	sqlite3_busy_timeout(h, 5000);

	old_file_row(h, "findings", "finding", "evidence.pdf", "%PDF-1.3 evidence of rectification");
	old_file_row(h, "inspections", "inspection", "photo.pdf",
	    "%PDF-1.2 an inspection's photo record");

	id = one_i64(h, "SELECT MIN(id) FROM review_subject");
	k = keep("review-reports", id, "report.pdf", "%PDF-1.7 a secretary's written report");
	place("upgradeReview000000000000000000000000000000", k->bytes);
	snprintf(sql, sizeof(sql), "UPDATE review_subject SET report_file ="
	    " 'upgradeReview000000000000000000000000000000', report_type = 'application/pdf',"
	    " report_name = '%s', report_at = 1700000000 WHERE id = %lld", k->name, id);
	exec_ok(h, sql);
	snprintf(k->old_route, sizeof(k->old_route), "/api/v1/reviews/%lld/report/file?secretary_id=%lld",
	    one_i64(h, "SELECT round_id FROM review_subject ORDER BY id LIMIT 1"),
	    one_i64(h, "SELECT secretary_id FROM review_subject ORDER BY id LIMIT 1"));

	/* The demo's library holds links and videos: a document beside them,
	 * published district-wide like them, with its file. */
	exec_ok(h, "INSERT INTO study_item (org_id, org_path, kind, title, topic, created_at,"
	    " updated_at) SELECT org_id, org_path, 'document', '升级前的学习资料', topic, 1700000000,"
	    " 1700000000 FROM study_item ORDER BY id LIMIT 1");
	id = sqlite3_last_insert_rowid(h);
	k = keep("study/library", id, "lesson.pdf", "%PDF-1.4 a lesson of the study library");
	place("upgradeLibrary00000000000000000000000000000", k->bytes);
	snprintf(sql, sizeof(sql), "UPDATE study_item SET file_name = '%s', file_mime ="
	    " 'application/pdf', file_size = %zu, file_sha256 = '%s', stored_as ="
	    " 'upgradeLibrary00000000000000000000000000000' WHERE id = %lld",
	    k->name, strlen(k->bytes), k->sha, id);
	exec_ok(h, sql);
	snprintf(k->old_route, sizeof(k->old_route), "/api/v1/study/library/%lld/file", id);
	sqlite3_close(h);
}

static int
setup(void **state)
{
	const char *prev = getenv("HONGYAN_PREV_BIN") ? getenv("HONGYAN_PREV_BIN") :
	    "build/prev/hongyan";
	const char *cur = getenv("HONGYAN_BIN") ? getenv("HONGYAN_BIN") : "build/asan/hongyan";

	(void)state;
	snprintf(this_bin, sizeof(this_bin), "%s", cur);
	setenv("HONGYAN_BIN", prev, 1);	/* the previous release makes the database */
	if (srv_start(&S, 1, NULL))
		return -1;
	snprintf(files, sizeof(files), "%s.files", S.db);
	client_init(&A, &S);
	api_admin(&A, NEW_PW);
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

static const struct kept *
listed(json_t *items, const struct kept *k, long long *id)
{
	for (size_t i = 0; i < json_array_size(items); i++) {
		json_t *f = json_array_get(items, i);

		if (!strcmp(json_string_value(json_object_get(f, "name")), k->name)) {
			*id = json_integer_value(json_object_get(f, "id"));
			return k;
		}
	}
	return NULL;
}

/* Both routes answer 200 with exactly want. */
static void
same_bytes(const char *path, const char *old, const char *want)
{
	if (!api_same_bytes(&A, path, old, want, strlen(want)))
		fail_msg("%s and %s do not both give the %zu bytes kept", path, old, strlen(want));
}

static void
test_upgrade_keeps_every_file(void **state)
{
	char path[300], *args[] = { this_bin, "audit", "verify", "--db", S.db, NULL };
	char out[2000];
	int before;
	sqlite3 *h;

	(void)state;
	attach_by_old_api();
	attach_by_old_tables();
	assert_int_equal(nk, KINDS);
	before = count_files();
	assert_true(before >= KINDS);

	setenv("HONGYAN_BIN", this_bin, 1);	/* this build opens it: the migrations run */
	assert_int_equal(srv_restart(&S, NULL), 0);

	for (int i = 0; i < nk; i++) {
		json_t *j = NULL;
		long long id = 0;

		snprintf(path, sizeof(path), "/api/v1/%s/%lld/files", K[i].owner_path, K[i].owner_id);
		if (api_call(&A, "GET", path, NULL, &j) != 200)
			fail_msg("%s: not 200 after the upgrade", path);
		if (!listed(json_object_get(j, "items"), &K[i], &id))
			fail_msg("%s: %s is not listed after the upgrade", path, K[i].name);
		json_decref(j);
		snprintf(path, sizeof(path), "/api/v1/files/%lld", id);
		same_bytes(path, K[i].old_route[0] ? K[i].old_route : path, K[i].bytes);
		if (K[i].old_id && !strcmp(K[i].owner_path, "meetings"))
			assert_int_equal(id, K[i].old_id);	/* meetings' files keep their ids */
	}
	assert_int_equal(count_files(), before);

	assert_int_equal(sqlite3_open(S.db, &h), SQLITE_OK);
	sqlite3_busy_timeout(h, 5000);
	assert_int_equal(one_i64(h, "SELECT COUNT(*) FROM attachment WHERE legacy IS NOT NULL"),
	    KINDS);
	assert_int_equal(one_i64(h, "SELECT COUNT(*) FROM sqlite_master WHERE name IN"
	    " ('finding_file', 'inspection_file', 'applicant_file', 'notice_file')"), 0);
	/* meeting_file stays, empty: study_item's dead meeting_file_id names it
	 * in a foreign key, which SQLite cannot drop (migration 0036). */
	assert_int_equal(one_i64(h, "SELECT COUNT(*) FROM meeting_file"), 0);
	assert_int_equal(one_i64(h, "SELECT COUNT(*) FROM pragma_table_info('study_item')"
	    " WHERE name IN ('stored_as', 'file_name', 'file_sha256')"), 0);
	assert_int_equal(one_i64(h, "SELECT COUNT(*) FROM pragma_table_info('review_subject')"
	    " WHERE name LIKE 'report_file%' OR name IN ('report_type', 'report_name')"), 0);
	/* The uploads' audit rows the previous release wrote are still there. */
	assert_true(one_i64(h, "SELECT COUNT(*) FROM audit WHERE action = 'upload' AND entity IN"
	    " ('meeting_file', 'notice_file', 'applicant_file')") >= 3);
	sqlite3_close(h);
	assert_int_equal(srv_cli(&S, args, out, sizeof(out)), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_upgrade_keeps_every_file),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}

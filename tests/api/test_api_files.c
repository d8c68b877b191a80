/* test_api_files.c: uploaded files as core/filestore.c keeps them, seen
 * over real HTTP through the study library (the one file route no other
 * suite drives): typed by first bytes, streamed back with its type and the
 * Chinese name in Content-Disposition, a replaced file and a deleted item's
 * file gone from the files folder, a write that cannot be stored answered
 * 500 with no row and no file, and a missing file answered 500. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <curl/curl.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "api.h"

#define ADMIN_PW "Hongyan#Admin2026"
#define FAKE_PNG "\x89PNG\r\n\x1a\n-fake-image-bytes-for-the-test"

static struct srv S;
static struct client A;		/* admin */
static long long root;
static char files[320];		/* the server's files folder: <db>.files */

struct grow {
	char *p;
	size_t n;
};

static size_t
collect(char *p, size_t size, size_t n, void *ud)
{
	struct grow *g = ud;

	g->p = realloc(g->p, g->n + size * n + 1);
	memcpy(g->p + g->n, p, size * n);
	g->n += size * n;
	g->p[g->n] = '\0';
	return size * n;
}

/* GET with the raw body and headers (files are not JSON). */
static long
raw_get(struct client *c, const char *path, struct grow *body, struct grow *hdr)
{
	char url[512];
	long code = 0;

	snprintf(url, sizeof(url), "%s%s", S.base, path);
	curl_easy_setopt(c->curl, CURLOPT_URL, url);
	curl_easy_setopt(c->curl, CURLOPT_HTTPGET, 1L);
	curl_easy_setopt(c->curl, CURLOPT_CUSTOMREQUEST, "GET");
	curl_easy_setopt(c->curl, CURLOPT_HTTPHEADER, NULL);
	curl_easy_setopt(c->curl, CURLOPT_WRITEFUNCTION, collect);
	curl_easy_setopt(c->curl, CURLOPT_WRITEDATA, body);
	curl_easy_setopt(c->curl, CURLOPT_HEADERFUNCTION, collect);
	curl_easy_setopt(c->curl, CURLOPT_HEADERDATA, hdr);
	if (curl_easy_perform(c->curl) == CURLE_OK)
		curl_easy_getinfo(c->curl, CURLINFO_RESPONSE_CODE, &code);
	curl_easy_setopt(c->curl, CURLOPT_HEADERFUNCTION, NULL);
	curl_easy_setopt(c->curl, CURLOPT_HEADERDATA, NULL);
	return code;
}

/* Files in the files folder (temp files included). */
static int
count_files(void)
{
	DIR *d = opendir(files);
	struct dirent *de;
	int n = 0;

	if (!d)
		return 0;
	while ((de = readdir(d)))
		n += strcmp(de->d_name, ".") && strcmp(de->d_name, "..");
	closedir(d);
	return n;
}

/* Removes every stored file (the folder stays). */
static void
empty_files(void)
{
	DIR *d = opendir(files);
	struct dirent *de;
	char p[700];

	while (d && (de = readdir(d)))
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, "..")) {
			snprintf(p, sizeof(p), "%s/%s", files, de->d_name);
			unlink(p);
		}
	if (d)
		closedir(d);
}

static long long
document(const char *title)
{
	char body[256];
	json_t *j = NULL;
	long long id;

	snprintf(body, sizeof(body), "{\"org_id\":%lld,\"kind\":\"document\",\"title\":\"%s\","
	    "\"topic\":\"理论学习\"}", root, title);
	assert_int_equal(api_call(&A, "POST", "/api/v1/study/library", body, &j), 201);
	id = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	return id;
}

static long
upload(long long id, const char *name, const char *bytes, json_t **j)
{
	char path[256];

	snprintf(path, sizeof(path), "/api/v1/study/library/%lld/file?name=%s", id, name);
	return api_call(&A, "POST", path, bytes, j);
}

static int
has_file(long long id)
{
	char path[96];
	json_t *j = NULL;
	int has;

	snprintf(path, sizeof(path), "/api/v1/study/library/%lld", id);
	assert_int_equal(api_call(&A, "GET", path, NULL, &j), 200);
	has = json_is_true(json_object_get(j, "has_file"));
	json_decref(j);
	return has;
}

/* Typed by first bytes, sent back whole with its type and Chinese name. */
static void
test_files_typed_and_streamed(void **state)
{
	struct grow body = { 0 }, hdr = { 0 };
	long long id = document("学习材料");
	char path[96];
	json_t *j = NULL;

	(void)state;
	empty_files();
	assert_int_equal(upload(id, "x.pdf", "just some text", &j), 422);
	assert_true(api_has_field(j, "file"));
	json_decref(j);
	assert_int_equal(upload(id, "a%2Fb.png", FAKE_PNG, &j), 422);
	assert_true(api_has_field(j, "name"));
	json_decref(j);
	assert_false(has_file(id));
	assert_int_equal(count_files(), 0);

	assert_int_equal(upload(id, "%E5%AD%A6%E4%B9%A0.png", FAKE_PNG, NULL), 200);	/* 学习.png */
	assert_int_equal(count_files(), 1);
	snprintf(path, sizeof(path), "/api/v1/study/library/%lld/file", id);
	assert_int_equal(raw_get(&A, path, &body, &hdr), 200);
	assert_int_equal(body.n, strlen(FAKE_PNG));
	assert_memory_equal(body.p, FAKE_PNG, body.n);
	assert_non_null(strstr(hdr.p, "Content-Type: image/png"));
	assert_non_null(strstr(hdr.p, "attachment; filename=\"file\"; "
	    "filename*=UTF-8''%E5%AD%A6%E4%B9%A0.png"));
	free(body.p);
	free(hdr.p);
}

/* A new upload replaces the item's file; the old one leaves the folder,
 * and deleting the item removes the last. */
static void
test_files_replaced_and_deleted_leave_nothing(void **state)
{
	struct grow body = { 0 }, hdr = { 0 };
	long long id = document("替换材料");
	char path[96];

	(void)state;
	empty_files();
	assert_int_equal(upload(id, "a.pdf", "%PDF-1.7 first", NULL), 200);
	assert_int_equal(upload(id, "b.pdf", "%PDF-1.7 second", NULL), 200);
	assert_int_equal(count_files(), 1);
	snprintf(path, sizeof(path), "/api/v1/study/library/%lld/file", id);
	assert_int_equal(raw_get(&A, path, &body, &hdr), 200);
	assert_memory_equal(body.p, "%PDF-1.7 second", body.n);
	assert_non_null(strstr(hdr.p, "Content-Type: application/pdf"));
	free(body.p);
	free(hdr.p);
	snprintf(path, sizeof(path), "/api/v1/study/library/%lld", id);
	assert_int_equal(api_call(&A, "DELETE", path, NULL, NULL), 200);
	assert_int_equal(count_files(), 0);
}

/* A stored file that went missing is a 500, never a partial answer. */
static void
test_files_missing_file_is_500(void **state)
{
	long long id = document("丢失材料");
	char path[96];

	(void)state;
	assert_int_equal(upload(id, "a.pdf", "%PDF-1.7 lost", NULL), 200);
	empty_files();
	snprintf(path, sizeof(path), "/api/v1/study/library/%lld/file", id);
	assert_int_equal(api_call(&A, "GET", path, NULL, NULL), 500);
}

/* Last: the files folder cannot be made (a plain file stands there): the
 * upload is a 500 and leaves no row. */
static void
test_files_unwritable_folder_leaves_no_row(void **state)
{
	char env[400];
	long long id = document("无法保存");
	FILE *f;

	(void)state;
	snprintf(env, sizeof(env), "HONGYAN_FILES=%s/blocked", S.dir);
	snprintf(files, sizeof(files), "%s/blocked", S.dir);
	assert_non_null(f = fopen(files, "w"));
	fclose(f);
	assert_int_equal(srv_restart(&S, env), 0);
	assert_int_equal(upload(id, "a.pdf", "%PDF-1.7 nowhere", NULL), 500);
	assert_false(has_file(id));
}

static int
setup(void **state)
{
	json_t *j = NULL;

	(void)state;
	if (srv_start(&S, 0, NULL))
		return -1;
	snprintf(files, sizeof(files), "%s.files", S.db);
	client_init(&A, &S);
	api_admin(&A, ADMIN_PW);
	if (api_call(&A, "POST", "/api/v1/orgs", "{\"name\":\"示范区教育工委\","
	    "\"kind\":\"district_committee\"}", &j) != 201)
		return -1;
	root = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_files_typed_and_streamed),
		cmocka_unit_test(test_files_replaced_and_deleted_leave_nothing),
		cmocka_unit_test(test_files_missing_file_is_500),
		cmocka_unit_test(test_files_unwritable_folder_leaves_no_row),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}

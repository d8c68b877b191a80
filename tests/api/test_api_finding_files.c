/* test_api_finding_files.c: evidence files of findings (整改佐证材料,
 * issue 4) over real HTTP: only the responsible secretary uploads, only
 * while rectifying (409 naming the state otherwise); files are typed by
 * their bytes (422 file/name); a pending file may be deleted, a submitted
 * one not (409); the submission takes the pending files; downloads only in
 * scope (404 otherwise); uploads and deletions are audited.
 * Since issue 19 the files are attachments (owner "finding", part = the
 * evidence row): the raw-database checks read table attachment and the
 * audit rows of entity "attachment"; the listing and upload are the
 * generic routes, GET/DELETE /finding-files/{id} thin routes onto them. */
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

#include "api.h"
#include "db/db.h"

#define ADMIN_PW "Hongyan#Admin2026"
#define FAKE_PNG "\x89PNG\r\n\x1a\n-fake-image-bytes-for-the-test"

static struct srv S;
static struct client A;		/* admin: issues and verifies */
static struct client S1, S2;	/* secretaries of p1 (responsible) and p2 */
static long long p1, finding;

static long long
q1(const char *sql, long long arg)
{
	struct db *db;
	int64_t v = -1;

	assert_int_equal(db_open(S.db, 0, &db), 0);
	if (db_get_i64(db, &v, sql, DB_I64(arg), DB_END))
		v = -1;
	db_close(db);
	return v;
}

static long long
created(struct client *c, const char *path, const char *body)
{
	json_t *j = NULL;
	long long id;

	assert_int_equal(api_call(c, "POST", path, body, &j), 201);
	id = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	return id;
}

static void
secretary(struct client *c, const char *name, long long scope)
{
	char body[256];

	snprintf(body, sizeof(body), "{\"username\":\"%s\",\"role\":\"secretary\",\"scope\":[%lld]}",
	    name, scope);
	assert_int_equal(api_user_client(&A, c, body, name), 0);
}

static int
setup(void **state)
{
	char body[256];
	long long dc, p2;

	(void)state;
	if (srv_start(&S, 0, NULL))
		return -1;
	client_init(&A, &S);
	api_admin(&A, ADMIN_PW);
	dc = created(&A, "/api/v1/orgs", "{\"name\":\"区教育工委\",\"kind\":\"district_committee\"}");
	snprintf(body, sizeof(body), "{\"name\":\"一中党委\",\"kind\":\"party_committee\","
	    "\"parent_id\":%lld}", dc);
	p1 = created(&A, "/api/v1/orgs", body);
	snprintf(body, sizeof(body), "{\"name\":\"二中党委\",\"kind\":\"party_committee\","
	    "\"parent_id\":%lld}", dc);
	p2 = created(&A, "/api/v1/orgs", body);
	secretary(&S1, "sec_f1", p1);
	secretary(&S2, "sec_f2", p2);
	snprintf(body, sizeof(body), "{\"org_id\":%lld,\"title\":\"支部手册记录不全\","
	    "\"severity\":\"major\",\"deadline\":\"2099-12-31\",\"evidence_required\":\"补全后的照片\"}",
	    p1);
	finding = created(&A, "/api/v1/findings", body);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	client_release(&A);
	client_release(&S1);
	client_release(&S2);
	srv_stop(&S);
	return 0;
}

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
	return code;
}

/* Uploads bytes as name; returns the file id (0 unless 201). */
static long long
upload(struct client *c, const char *name, const char *bytes, long status, const char *code)
{
	char path[256];
	json_t *j = NULL;
	long long id = 0;

	snprintf(path, sizeof(path), "/api/v1/findings/%lld/files?name=%s", finding, name);
	assert_int_equal(api_call(c, "POST", path, bytes, &j), status);
	if (status == 201) {
		id = json_integer_value(json_object_get(j, "id"));
		assert_false(json_is_true(json_object_get(j, "submitted")));
	}
	if (code)
		assert_string_equal(api_code(j), code);
	json_decref(j);
	return id;
}

static json_t *
files(struct client *c)
{
	char path[96];
	json_t *j = NULL;

	snprintf(path, sizeof(path), "/api/v1/findings/%lld/files", finding);
	assert_int_equal(api_call(c, "GET", path, NULL, &j), 200);
	return j;
}

static size_t
nfiles(void)
{
	json_t *j = files(&A);
	size_t n = json_array_size(json_object_get(j, "items"));

	json_decref(j);
	return n;
}

static void
step(struct client *c, const char *verb, const char *body)
{
	char path[96];

	snprintf(path, sizeof(path), "/api/v1/findings/%lld/%s", finding, verb);
	assert_int_equal(api_call(c, "POST", path, body, NULL), 200);
}

static long long
audits(const char *action)
{
	struct db *db;
	int64_t v = -1;

	assert_int_equal(db_open(S.db, 0, &db), 0);
	db_get_i64(db, &v, "SELECT COUNT(*) FROM audit WHERE entity = 'attachment'"
	    " AND action = ? AND COALESCE(after_json, before_json) LIKE '%\"owner\":\"finding\"%'",
	    DB_TEXT(action), DB_END);
	db_close(db);
	return v;
}

/* Who and when: the responsible secretary, while rectifying. */
static void
test_finding_files_who_and_when(void **state)
{
	(void)state;
	upload(&S1, "a.png", FAKE_PNG, 409, "invalid_transition");	/* still issued */
	step(&S1, "start", NULL);
	upload(&A, "a.png", FAKE_PNG, 403, "wrong_side");	/* the supervising side */
	upload(&S2, "a.png", FAKE_PNG, 404, NULL);		/* another school */
	/* Typed by bytes; names checked */
	upload(&S1, "x.pdf", "just some text", 422, NULL);
	upload(&S1, "..%2Fx.png", FAKE_PNG, 422, NULL);
	upload(&S1, "empty.png", "", 422, NULL);
	assert_int_equal(nfiles(), 0);
	assert_int_equal(audits("upload"), 0);
}

/* Pending files may be deleted; the submission takes them all; submitted
 * files stay (409) and uploads wait for the next round. */
static void
test_finding_files_submitted_with_evidence(void **state)
{
	long long png, pdf, extra;
	char path[96];
	json_t *j;

	(void)state;
	png = upload(&S1, "%E7%85%A7%E7%89%87.png", FAKE_PNG, 201, NULL);	/* 照片.png */
	pdf = upload(&S1, "a.pdf", "%PDF-1.7 minimal", 201, NULL);
	extra = upload(&S1, "b.pdf", "%PDF-1.4 wrong one", 201, NULL);
	snprintf(path, sizeof(path), "/api/v1/finding-files/%lld", extra);
	assert_int_equal(api_call(&S2, "DELETE", path, NULL, NULL), 404);
	assert_int_equal(api_call(&S1, "DELETE", path, NULL, NULL), 200);
	assert_int_equal(nfiles(), 2);
	assert_int_equal(audits("delete"), 1);

	step(&S1, "submit", "{\"evidence\":\"已补全记录，见附件\"}");
	j = files(&S1);
	assert_int_equal(json_array_size(json_object_get(j, "items")), 2);
	for (size_t i = 0; i < 2; i++) {
		json_t *it = json_array_get(json_object_get(j, "items"), i);

		assert_true(json_is_true(json_object_get(it, "submitted")));
		assert_true(json_integer_value(json_object_get(it, "evidence_id")) > 0);
	}
	json_decref(j);
	assert_int_equal(q1("SELECT COUNT(DISTINCT part) FROM attachment WHERE owner_kind = 'finding'"
	    " AND owner_id = ?",
	    finding), 1);
	assert_int_equal(q1("SELECT COUNT(*) FROM audit WHERE entity = 'finding' AND action = 'submit'"
	    " AND after_json LIKE '%\"files\":2%' AND entity_id = ?", finding), 1);

	snprintf(path, sizeof(path), "/api/v1/finding-files/%lld", pdf);
	assert_int_equal(api_call(&S1, "DELETE", path, NULL, &j), 409);
	assert_string_equal(api_code(j), "file_submitted");
	json_decref(j);
	upload(&S1, "c.pdf", "%PDF-1.4", 409, "invalid_transition");	/* submitted */

	/* Returned: a new file goes with the next submission only */
	step(&A, "return", "{\"reason\":\"照片不清晰\"}");
	extra = upload(&S1, "d.png", FAKE_PNG, 201, NULL);
	step(&S1, "submit", "{\"evidence\":\"重新拍摄\"}");
	assert_int_equal(q1("SELECT COUNT(DISTINCT part) FROM attachment WHERE owner_kind = 'finding'"
	    " AND owner_id = ?",
	    finding), 2);
	assert_true(q1("SELECT part FROM attachment WHERE id = ?", extra) >
	    q1("SELECT part FROM attachment WHERE id = ?", png));
	assert_int_equal(audits("upload"), 4);
}

/* Downloads: the bytes with their type and name, only in scope. */
static void
test_finding_files_download_in_scope(void **state)
{
	long long id = q1("SELECT MIN(id) FROM attachment WHERE owner_kind = 'finding'"
	    " AND owner_id = ?", finding);
	struct grow body = { 0 }, hdr = { 0 };
	char path[96];

	(void)state;
	snprintf(path, sizeof(path), "/api/v1/finding-files/%lld", id);
	assert_int_equal(raw_get(&S1, path, &body, &hdr), 200);
	assert_int_equal(body.n, strlen(FAKE_PNG));
	assert_memory_equal(body.p, FAKE_PNG, body.n);
	assert_non_null(strstr(hdr.p, "image/png"));
	assert_non_null(strstr(hdr.p, "filename*=UTF-8''%E7%85%A7%E7%89%87.png"));
	free(body.p);
	free(hdr.p);
	assert_int_equal(api_call(&A, "GET", path, NULL, NULL), 200);
	assert_int_equal(api_call(&S2, "GET", path, NULL, NULL), 404);
	assert_int_equal(api_call(&A, "GET", "/api/v1/finding-files/999999", NULL, NULL), 404);
	snprintf(path, sizeof(path), "/api/v1/findings/%lld/files", finding);
	assert_int_equal(api_call(&S2, "GET", path, NULL, NULL), 404);
}

/* Files in the server's files folder (<db>.files, temp files included). */
static int
count_files(void)
{
	char dir[400];
	struct dirent *de;
	DIR *d;
	int n = 0;

	snprintf(dir, sizeof(dir), "%s.files", S.db);
	if (!(d = opendir(dir)))
		return 0;
	while ((de = readdir(d)))
		n += strcmp(de->d_name, ".") && strcmp(de->d_name, "..");
	closedir(d);
	return n;
}

/* Issue 19: a finding of another school, through the generic routes, as
 * its secretary: 404 whatever the upload, and nothing stored (no row in
 * the raw database, no file in the folder); nor can they delete or read
 * a file of it by the generic file routes. */
static void
test_finding_files_foreign_owner_stores_nothing(void **state)
{
	long long rows = q1("SELECT COUNT(*) FROM attachment WHERE ? = 0", 0);
	long long id = q1("SELECT MIN(id) FROM attachment WHERE owner_kind = 'finding'"
	    " AND owner_id = ?", finding);
	int nf = count_files();
	char path[128];

	(void)state;
	assert_true(rows > 0 && nf > 0);
	snprintf(path, sizeof(path), "/api/v1/findings/%lld/files?name=a.png", finding);
	assert_int_equal(api_call(&S2, "POST", path, FAKE_PNG, NULL), 404);
	assert_int_equal(api_call(&S2, "POST", path, "not a file", NULL), 404);
	assert_int_equal(api_call(&S2, "POST", "/api/v1/findings/999999/files?name=a.png",
	    FAKE_PNG, NULL), 404);
	snprintf(path, sizeof(path), "/api/v1/files/%lld", id);
	assert_int_equal(api_call(&S2, "GET", path, NULL, NULL), 404);
	assert_int_equal(api_call(&S2, "DELETE", path, NULL, NULL), 404);
	assert_int_equal(q1("SELECT COUNT(*) FROM attachment WHERE ? = 0", 0), rows);
	assert_int_equal(count_files(), nf);
}

/* The older route and the generic one send the same bytes, type and name;
 * the older one serves only findings' files. */
static void
test_finding_files_legacy_route_same_bytes(void **state)
{
	long long id = q1("SELECT MIN(id) FROM attachment WHERE owner_kind = 'finding'"
	    " AND owner_id = ?", finding);
	struct grow b1 = { 0 }, h1 = { 0 }, b2 = { 0 }, h2 = { 0 };
	char path[96];

	(void)state;
	snprintf(path, sizeof(path), "/api/v1/finding-files/%lld", id);
	assert_int_equal(raw_get(&S1, path, &b1, &h1), 200);
	snprintf(path, sizeof(path), "/api/v1/files/%lld", id);
	assert_int_equal(raw_get(&S1, path, &b2, &h2), 200);
	assert_int_equal(b1.n, b2.n);
	assert_memory_equal(b1.p, b2.p, b1.n);
	assert_memory_equal(b1.p, FAKE_PNG, b1.n);
	assert_non_null(strstr(h2.p, "image/png"));
	assert_non_null(strstr(h2.p, "filename*=UTF-8''%E7%85%A7%E7%89%87.png"));
	free(b1.p);
	free(h1.p);
	free(b2.p);
	free(h2.p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_finding_files_who_and_when),
		cmocka_unit_test(test_finding_files_submitted_with_evidence),
		cmocka_unit_test(test_finding_files_download_in_scope),
		cmocka_unit_test(test_finding_files_foreign_owner_stores_nothing),
		cmocka_unit_test(test_finding_files_legacy_route_same_bytes),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}

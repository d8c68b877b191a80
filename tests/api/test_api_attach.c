/* test_api_attach.c: the one attachment module (issue 19) as an attacker
 * and a user meet it, on a meeting of the demo district:
 * - the routes come from the registry: every owner has its list and upload
 *   route, and GET/DELETE /api/v1/files/{id} serve them all;
 * - a secretary of another school, with the meeting's id or the file's,
 *   gets 404 whatever they send (in parallel too), and nothing is stored:
 *   no row in the raw database, no file in the files folder, no audit row;
 * - bad names and bytes are 422 naming the field, nothing stored;
 * - the owner's secretary uploads, everyone in scope reads the same bytes,
 *   a delete removes row and bytes and writes its audit row. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api.h"
#include "attach/attach.h"
#include "http/router.h"

#define NEW_PW "Hongyan#Attach2026"
#define FAKE_PNG "\x89PNG\r\n\x1a\n-fake-image-bytes-for-the-attach-test"
#define ATTACKERS 8

static struct srv S;
static struct client A;		/* district */
static struct client S1;	/* the secretary of the meeting's organization */
static struct client S2;	/* the secretary of another school's organization */
static long long meeting;

static long long
q(const char *sql)
{
	return api_db_i64(&S, sql);
}

static int
count_files(void)
{
	return api_count_files(&S);
}

static int
setup(void **state)
{
	long long org, other;

	(void)state;
	if (srv_start(&S, 1, NULL))
		return -1;
	client_init(&A, &S);
	api_admin(&A, NEW_PW);
	meeting = q("SELECT MIN(id) FROM meeting");
	org = q("SELECT org_id FROM meeting WHERE id = (SELECT MIN(id) FROM meeting)");
	/* Another school's top organization: outside the meeting's path. */
	other = q("SELECT o.id FROM org o, meeting m WHERE m.id = (SELECT MIN(id) FROM meeting)"
	    " AND o.kind = 'party_committee' AND instr((SELECT path FROM org WHERE id = m.org_id),"
	    " o.path) = 0 ORDER BY o.id LIMIT 1");
	assert_true(meeting > 0 && org > 0 && other > 0);
	if (api_secretary(&A, &S1, "attach_s1", org) || api_secretary(&A, &S2, "attach_s2", other))
		return -1;
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

struct seen {
	int owner_list, owner_add, files_get, files_delete;
};

static void
see(void *ctx, const struct route *r)
{
	struct seen *s = ctx;
	char pat[160];

	for (const struct attach_owner *const *o = attach_owners; *o; o++) {
		snprintf(pat, sizeof(pat), "/api/v1/%s/:id/files", (*o)->path);
		if (!strcmp(r->pattern, pat)) {
			s->owner_list += !strcmp(r->method, "GET");
			s->owner_add += !strcmp(r->method, "POST") && (r->flags & F_UPLOAD);
		}
	}
	if (!strcmp(r->pattern, "/api/v1/files/:id")) {
		s->files_get += !strcmp(r->method, "GET");
		s->files_delete += !strcmp(r->method, "DELETE");
	}
}

/* The registry makes the routes: one list and one upload per owner. */
static void
test_attach_routes_come_from_the_registry(void **state)
{
	struct seen s = { 0 };
	int owners = 0;

	(void)state;
	for (const struct attach_owner *const *o = attach_owners; *o; o++, owners++) {
		assert_non_null((*o)->may);
		for (const struct attach_owner *const *p = attach_owners; p < o; p++) {
			assert_string_not_equal((*o)->name, (*p)->name);
			assert_string_not_equal((*o)->path, (*p)->path);
		}
	}
	router_each(see, &s);
	assert_true(owners >= 1);
	assert_int_equal(s.owner_list, owners);
	assert_int_equal(s.owner_add, owners);
	assert_int_equal(s.files_get, 1);
	assert_int_equal(s.files_delete, 1);
}

static long
post(struct client *c, long long owner, const char *name, const char *bytes, json_t **j)
{
	char path[200];

	snprintf(path, sizeof(path), "/api/v1/meetings/%lld/files?name=%s", owner, name);
	return api_call(c, "POST", path, bytes, j);
}

struct attack {
	pthread_t t;
	struct client c;
	long codes[4];
	long long file;
};

/* Another school's secretary, in parallel: upload, list, read, delete. */
static void *
attack(void *arg)
{
	struct attack *k = arg;
	char path[120];

	k->codes[0] = post(&k->c, meeting, "x.png", FAKE_PNG, NULL);
	snprintf(path, sizeof(path), "/api/v1/meetings/%lld/files", meeting);
	k->codes[1] = api_call(&k->c, "GET", path, NULL, NULL);
	snprintf(path, sizeof(path), "/api/v1/files/%lld", k->file);
	k->codes[2] = api_call(&k->c, "GET", path, NULL, NULL);
	k->codes[3] = api_call(&k->c, "DELETE", path, NULL, NULL);
	return NULL;
}

static void
test_attach_foreign_owner_is_404_and_nothing_stored(void **state)
{
	struct attack k[ATTACKERS];
	long long rows, audits, file;
	json_t *j = NULL;
	int before;

	(void)state;
	assert_int_equal(post(&S1, meeting, "mine.png", FAKE_PNG, &j), 201);
	file = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	rows = q("SELECT COUNT(*) FROM attachment");
	audits = q("SELECT COUNT(*) FROM audit WHERE entity = 'attachment'");
	before = count_files();
	/* A bad upload to a foreign owner says nothing of the upload. */
	assert_int_equal(post(&S2, meeting, "x.pdf", "not a pdf", NULL), 404);
	for (int i = 0; i < ATTACKERS; i++) {
		client_init(&k[i].c, &S);
		api_share_session(&k[i].c, &S2);
		k[i].file = file;
		assert_int_equal(pthread_create(&k[i].t, NULL, attack, &k[i]), 0);
	}
	for (int i = 0; i < ATTACKERS; i++) {
		pthread_join(k[i].t, NULL);
		for (int c = 0; c < 4; c++)
			assert_int_equal(k[i].codes[c], 404);
		client_release(&k[i].c);
	}
	assert_int_equal(q("SELECT COUNT(*) FROM attachment"), rows);
	assert_int_equal(q("SELECT COUNT(*) FROM audit WHERE entity = 'attachment'"), audits);
	assert_int_equal(count_files(), before);
}

static void
test_attach_bad_input_names_the_field(void **state)
{
	long long rows = q("SELECT COUNT(*) FROM attachment");
	int before = count_files();
	json_t *j = NULL;

	(void)state;
	assert_int_equal(post(&S1, meeting, "x.pdf", "just text", &j), 422);
	assert_true(api_has_field(j, "file"));
	json_decref(j);
	assert_int_equal(post(&S1, meeting, "a%2Fb.png", FAKE_PNG, &j), 422);
	assert_true(api_has_field(j, "name"));
	json_decref(j);
	assert_int_equal(post(&S1, meeting, "", FAKE_PNG, &j), 422);
	assert_true(api_has_field(j, "name"));
	json_decref(j);
	assert_int_equal(post(&S1, meeting, "empty.png", "", &j), 422);
	assert_true(api_has_field(j, "file"));
	json_decref(j);
	assert_int_equal(post(&S1, 999999999, "a.png", FAKE_PNG, NULL), 404);
	assert_int_equal(q("SELECT COUNT(*) FROM attachment"), rows);
	assert_int_equal(count_files(), before);
}

/* Upload, the one shape, read by the district, delete with its audit row. */
static void
test_attach_upload_read_delete(void **state)
{
	char path[120], tmp[400];
	long long id, rows;
	json_t *j = NULL;
	int before;

	(void)state;
	assert_int_equal(post(&S1, meeting, "%E7%85%A7%E7%89%87.png", FAKE_PNG, &j), 201);
	id = json_integer_value(json_object_get(j, "id"));
	assert_string_equal(json_string_value(json_object_get(j, "owner")), "meeting");
	assert_int_equal(json_integer_value(json_object_get(j, "owner_id")), meeting);
	assert_int_equal(json_integer_value(json_object_get(j, "meeting_id")), meeting);
	assert_int_equal(json_integer_value(json_object_get(j, "part")), 0);
	assert_string_equal(json_string_value(json_object_get(j, "name")), "照片.png");
	assert_string_equal(json_string_value(json_object_get(j, "mime")), "image/png");
	snprintf(path, sizeof(path), "/api/v1/files/%lld", id);
	assert_string_equal(json_string_value(json_object_get(j, "url")), path);
	json_decref(j);

	snprintf(tmp, sizeof(tmp), "%s/got", S.dir);
	assert_int_equal(api_get_file(&A, path, tmp), 200);
	assert_int_equal(api_get_file(&S1, path, tmp), 200);

	rows = q("SELECT COUNT(*) FROM attachment");
	before = count_files();
	assert_int_equal(api_call(&S1, "DELETE", path, NULL, NULL), 200);
	assert_int_equal(api_call(&S1, "DELETE", path, NULL, NULL), 404);
	assert_int_equal(api_get_file(&A, path, tmp), 404);
	assert_int_equal(q("SELECT COUNT(*) FROM attachment"), rows - 1);
	assert_int_equal(count_files(), before - 1);
	assert_int_equal(q("SELECT COUNT(*) FROM audit WHERE entity = 'attachment'"
	    " AND action = 'delete'"), 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_attach_routes_come_from_the_registry),
		cmocka_unit_test(test_attach_foreign_owner_is_404_and_nothing_stored),
		cmocka_unit_test(test_attach_bad_input_names_the_field),
		cmocka_unit_test(test_attach_upload_read_delete),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}

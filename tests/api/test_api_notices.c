/* test_api_notices.c: announcements (通知公告、党务公开, issue 12) over real
 * HTTP: a school's notice reaches its members and scoped staff and no one
 * of another school (not by list, not by id: 404); the readers' list
 * before and after reads; remind notifies only the unread; must-read
 * unread first; bad input named field by field (422), foreign org ids
 * refused as other modules refuse them, the whole district for district
 * staff only (403); a draft with a file published later; a district-wide
 * notice writes one notification per addressed account. */
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
#include "db/db.h"

#define ADMIN_PW "Hongyan#Admin2026"
#define FAKE_PNG "\x89PNG\r\n\x1a\n-fake-image-bytes-for-the-test"

static struct srv S;
static struct client A;			/* district staff */
static struct client SA, SB;		/* secretaries of school A and B */
static struct client MA1, MA2, MB1;	/* members of A (branch a1) and B */
static long long pA, pB, bA, bB, uMA1, uMA2;

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

static long long
org(const char *name, const char *kind, long long parent, long long school)
{
	char body[256];

	snprintf(body, sizeof(body), "{\"name\":\"%s\",\"kind\":\"%s\",\"parent_id\":%lld,"
	    "\"school_id\":%lld}", name, kind, parent, school);
	return created(&A, "/api/v1/orgs", body);
}

/* A member of org with an account name logged in as c; returns the
 * account's id. */
static long long
member(struct client *c, const char *name, long long in_org)
{
	char body[400];
	long long m;

	snprintf(body, sizeof(body), "{\"name\":\"%s\",\"gender\":\"female\",\"birth_date\":"
	    "\"1990-01-01\",\"category\":\"in_service\",\"status\":\"full\",\"joined_on\":"
	    "\"2015-07-01\",\"full_on\":\"2016-07-01\",\"org_id\":%lld}", name, in_org);
	m = created(&A, "/api/v1/members", body);
	snprintf(body, sizeof(body), "{\"username\":\"%s\",\"role\":\"member\",\"member_id\":%lld}",
	    name, m);
	assert_int_equal(api_user_client(&A, c, body, name), 0);
	return q1("SELECT id FROM app_user WHERE member_id = ?", m);
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
	long long dc, sa, sb;

	(void)state;
	if (srv_start(&S, 0, NULL))
		return -1;
	client_init(&A, &S);
	api_admin(&A, ADMIN_PW);
	dc = created(&A, "/api/v1/orgs", "{\"name\":\"区教育工委\",\"kind\":\"district_committee\"}");
	sa = created(&A, "/api/v1/schools", "{\"name\":\"一中\",\"stage\":\"junior\","
	    "\"ownership\":\"public\"}");
	sb = created(&A, "/api/v1/schools", "{\"name\":\"二中\",\"stage\":\"junior\","
	    "\"ownership\":\"public\"}");
	pA = org("一中党委", "party_committee", dc, sa);
	pB = org("二中党委", "party_committee", dc, sb);
	bA = org("一中第一支部", "branch", pA, sa);
	bB = org("二中第一支部", "branch", pB, sb);
	uMA1 = member(&MA1, "ma1", bA);
	uMA2 = member(&MA2, "ma2", bA);
	member(&MB1, "mb1", bB);
	secretary(&SA, "seca", pA);
	secretary(&SB, "secb", pB);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	client_release(&A);
	client_release(&SA);
	client_release(&SB);
	client_release(&MA1);
	client_release(&MA2);
	client_release(&MB1);
	srv_stop(&S);
	return 0;
}

/* Posts a notice as c; returns its id (status must match). */
static long long
post(struct client *c, const char *title, int must_read, const char *audience, long status)
{
	char body[600];
	json_t *j = NULL;
	long long id;

	snprintf(body, sizeof(body), "{\"title\":\"%s\",\"body\":\"第一段。\\n第二段<b>不是HTML</b>\","
	    "\"kind\":\"notice\",\"must_read\":%s,%s}", title, must_read ? "true" : "false",
	    audience);
	assert_int_equal(api_call(c, "POST", "/api/v1/notices", body, &j), status);
	id = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	return id;
}

static long long
inbox_total(struct client *c)
{
	json_t *j = NULL;
	long long n;

	assert_int_equal(api_call(c, "GET", "/api/v1/notices", NULL, &j), 200);
	n = json_integer_value(json_object_get(j, "total"));
	json_decref(j);
	return n;
}

static long
get(struct client *c, long long id, json_t **j)
{
	char path[64];

	snprintf(path, sizeof(path), "/api/v1/notices/%lld", id);
	return api_call(c, "GET", path, NULL, j);
}

/* The readers' counts of id as c: audience, read; and the first name of
 * the state's page when name is given. */
static void
readers(struct client *c, long long id, const char *state, long long *all, long long *read,
    long long *total)
{
	char path[128];
	json_t *j = NULL;

	snprintf(path, sizeof(path), "/api/v1/notices/%lld/readers%s%s", id, state ? "?state=" : "",
	    state ? state : "");
	assert_int_equal(api_call(c, "GET", path, NULL, &j), 200);
	*all = json_integer_value(json_object_get(j, "audience"));
	*read = json_integer_value(json_object_get(j, "read"));
	*total = json_integer_value(json_object_get(j, "total"));
	assert_int_equal((long long)json_array_size(json_object_get(j, "items")), *total);
	json_decref(j);
}

static long long
bells(long long user, long long id)
{
	char link[64];
	struct db *db;
	int64_t v = -1;

	snprintf(link, sizeof(link), "/notices?id=%lld", id);
	assert_int_equal(db_open(S.db, 0, &db), 0);
	if (db_get_i64(db, &v, "SELECT count(*) FROM notification WHERE user_id = ?"
	    " AND kind = 'announcement' AND link = ?", DB_I64(user), DB_TEXT(link), DB_END))
		v = -1;
	db_close(db);
	return v;
}

/* School A's notice: its two members and its secretary, not school B. */
static void
test_notices_a_school_notice_reaches_its_members_only(void **state)
{
	char aud[64];
	json_t *j = NULL;
	long long id, before_b = inbox_total(&MB1), before_sb = inbox_total(&SB);

	(void)state;
	snprintf(aud, sizeof(aud), "\"audience\":\"schools\",\"org_ids\":[%lld]", pA);
	id = post(&A, "一中的通知", 1, aud, 201);
	assert_int_equal(q1("SELECT addressed FROM notice WHERE id = ?", id), 3);
	assert_int_equal(q1("SELECT count(*) FROM notification WHERE link = '/notices?id=' || ?",
	    id), 3);
	assert_int_equal(bells(uMA1, id), 1);
	assert_true(inbox_total(&MA1) >= 1);
	assert_int_equal(inbox_total(&MB1), before_b);
	assert_int_equal(inbox_total(&SB), before_sb);
	/* By id: not found for school B, found (as text) for school A. */
	assert_int_equal(get(&MB1, id, NULL), 404);
	assert_int_equal(get(&SB, id, NULL), 404);
	assert_int_equal(get(&MA2, id, &j), 200);
	assert_string_equal(json_string_value(json_object_get(j, "body")),
	    "第一段。\n第二段<b>不是HTML</b>");
	assert_true(json_is_true(json_object_get(j, "read")));
	json_decref(j);
}

/* Who has read: before and after reads; a second read counts once; the
 * readers' list is the author's side's only. */
static void
test_notices_readers_before_and_after_reads(void **state)
{
	char aud[64], path[64];
	long long id, all, read, total;
	json_t *j = NULL;

	(void)state;
	snprintf(aud, sizeof(aud), "\"audience\":\"org\",\"org_id\":%lld", bA);
	id = post(&A, "支部通知", 0, aud, 201);
	readers(&A, id, NULL, &all, &read, &total);
	assert_int_equal(all, 2);	/* ma1, ma2 (the school's secretary is above the branch) */
	assert_int_equal(read, 0);
	assert_int_equal(total, 2);
	assert_int_equal(get(&MA1, id, NULL), 200);
	assert_int_equal(get(&MA1, id, NULL), 200);
	readers(&A, id, NULL, &all, &read, &total);
	assert_int_equal(read, 1);
	readers(&A, id, "read", &all, &read, &total);
	assert_int_equal(total, 1);
	readers(&A, id, "unread", &all, &read, &total);
	assert_int_equal(total, 1);
	assert_int_equal(q1("SELECT read_n FROM notice WHERE id = ?", id), 1);
	assert_int_equal(q1("SELECT count(*) FROM audit WHERE action = 'read' AND entity = 'notice'"
	    " AND entity_id = ?", id), 1);
	/* The read marks the member's bell for it read. */
	assert_int_equal(q1("SELECT count(*) FROM notification WHERE read_at IS NULL AND user_id = ?"
	    " AND link = '/notices?id=' || (SELECT max(id) FROM notice)", uMA1), 0);
	snprintf(path, sizeof(path), "/api/v1/notices/%lld/readers", id);
	assert_int_equal(api_call(&MA1, "GET", path, NULL, NULL), 403);
	assert_int_equal(api_call(&SB, "GET", path, NULL, NULL), 404);
	/* School A's secretary reads school A's notice, but is not its author. */
	snprintf(path, sizeof(path), "/api/v1/notices/%lld/readers", id - 1);
	assert_int_equal(api_call(&SA, "GET", path, NULL, &j), 403);
	assert_string_equal(api_code(j), "not_author");
	json_decref(j);
}

/* Remind: only the unread get a second notification. */
static void
test_notices_remind_notifies_only_the_unread(void **state)
{
	char aud[64], path[64];
	json_t *j = NULL;
	long long id;

	(void)state;
	snprintf(aud, sizeof(aud), "\"audience\":\"org\",\"org_id\":%lld", bA);
	id = post(&A, "请阅读", 1, aud, 201);
	assert_int_equal(get(&MA1, id, NULL), 200);
	snprintf(path, sizeof(path), "/api/v1/notices/%lld/remind", id);
	assert_int_equal(api_call(&MA1, "POST", path, "{}", NULL), 403);
	assert_int_equal(api_call(&SB, "POST", path, "{}", NULL), 404);
	assert_int_equal(api_call(&A, "POST", path, "{}", &j), 200);
	assert_int_equal(json_integer_value(json_object_get(j, "reminded")), 1);
	json_decref(j);
	assert_int_equal(bells(uMA1, id), 1);
	assert_int_equal(bells(uMA2, id), 2);
	assert_int_equal(q1("SELECT count(*) FROM audit WHERE action = 'remind' AND entity_id = ?",
	    id), 1);
}

static void
expect_fields(struct client *c, const char *body, long status, const char *const *names)
{
	json_t *j = NULL;

	assert_int_equal(api_call(c, "POST", "/api/v1/notices", body, &j), status);
	for (int i = 0; names[i]; i++) {
		if (!api_has_field(j, names[i]))
			fprintf(stderr, "field %s not named for %s\n", names[i], body);
		assert_true(api_has_field(j, names[i]));
	}
	json_decref(j);
}

/* Bad input: every field named, nothing written. */
static void
test_notices_bad_input_names_the_field(void **state)
{
	static const char *const all[] = { "title", "body", "kind", "audience", NULL };
	static const char *const org_ids[] = { "org_ids", NULL };
	static const char *const org_id[] = { "org_id", NULL };
	static const char *const kind[] = { "kind", "must_read", NULL };
	static const char *const unknown[] = { "html", NULL };
	long long before = q1("SELECT count(*) FROM notice WHERE id > ?", 0);
	char body[300];

	(void)state;
	expect_fields(&A, "{}", 422, all);
	expect_fields(&A, "{\"title\":\" \",\"body\":\"\",\"kind\":\"x\",\"audience\":\"y\"}", 422,
	    all);
	expect_fields(&A, "{\"title\":\"t\",\"body\":\"b\",\"kind\":\"notice\","
	    "\"audience\":\"schools\"}", 422, org_ids);
	expect_fields(&A, "{\"title\":\"t\",\"body\":\"b\",\"kind\":\"notice\","
	    "\"audience\":\"org\"}", 422, org_id);
	snprintf(body, sizeof(body), "{\"title\":\"t\",\"body\":\"b\",\"kind\":\"notice\","
	    "\"audience\":\"schools\",\"org_ids\":[%lld],\"org_id\":%lld}", pA, bA);
	expect_fields(&A, body, 422, org_id);
	snprintf(body, sizeof(body), "{\"title\":\"t\",\"body\":\"b\",\"kind\":\"notice\","
	    "\"audience\":\"schools\",\"org_ids\":[%lld,%lld]}", pA, pA);
	expect_fields(&A, body, 422, org_ids);
	expect_fields(&A, "{\"title\":\"t\",\"body\":\"b\",\"kind\":\"公告\","
	    "\"audience\":\"district\",\"must_read\":\"yes\"}", 422, kind);
	expect_fields(&A, "{\"title\":\"t\",\"body\":\"b\",\"kind\":\"notice\","
	    "\"audience\":\"district\",\"html\":\"<p>\"}", 422, unknown);
	assert_int_equal(q1("SELECT count(*) FROM notice WHERE id > ?", 0), before);
}

/* A secretary addresses only organizations of their scope: another
 * school's ids are named as not existing (as meetings and findings
 * answer), the whole district is forbidden. */
static void
test_notices_foreign_org_ids_are_refused(void **state)
{
	static const char *const org_ids[] = { "org_ids", NULL };
	static const char *const org_id[] = { "org_id", NULL };
	long long before = q1("SELECT count(*) FROM notice WHERE id > ?", 0);
	char body[300];
	json_t *j = NULL;

	(void)state;
	snprintf(body, sizeof(body), "{\"title\":\"t\",\"body\":\"b\",\"kind\":\"notice\","
	    "\"audience\":\"schools\",\"org_ids\":[%lld,%lld]}", pA, pB);
	expect_fields(&SA, body, 422, org_ids);
	snprintf(body, sizeof(body), "{\"title\":\"t\",\"body\":\"b\",\"kind\":\"notice\","
	    "\"audience\":\"org\",\"org_id\":%lld}", bB);
	expect_fields(&SA, body, 422, org_id);
	snprintf(body, sizeof(body), "{\"title\":\"t\",\"body\":\"b\",\"kind\":\"notice\","
	    "\"audience\":\"org\",\"org_id\":999999}");
	expect_fields(&SA, body, 422, org_id);
	assert_int_equal(api_call(&SA, "POST", "/api/v1/notices", "{\"title\":\"t\",\"body\":\"b\","
	    "\"kind\":\"notice\",\"audience\":\"district\"}", &j), 403);
	assert_string_equal(api_code(j), "district_only");
	json_decref(j);
	assert_int_equal(api_call(&MA1, "POST", "/api/v1/notices", "{\"title\":\"t\",\"body\":\"b\","
	    "\"kind\":\"notice\",\"audience\":\"org\",\"org_id\":1}", NULL), 403);
	assert_int_equal(q1("SELECT count(*) FROM notice WHERE id > ?", 0), before);
}

/* Where id stands in c's inbox (0 first), -1 when absent. */
static int
inbox_pos(struct client *c, long long id)
{
	json_t *j = NULL, *it;
	int pos = -1;
	size_t i;

	assert_int_equal(api_call(c, "GET", "/api/v1/notices?per_page=100", NULL, &j), 200);
	json_array_foreach(json_object_get(j, "items"), i, it)
		if (json_integer_value(json_object_get(it, "id")) == id)
			pos = (int)i;
	json_decref(j);
	return pos;
}

/* Unread must-read first (newest first), then unread, then read. */
static void
test_notices_must_read_unread_first(void **state)
{
	struct client m;
	char aud[64];
	long long n1, n2, n3;
	int p1, p2, p3;

	(void)state;
	member(&m, "ma3", bA);
	snprintf(aud, sizeof(aud), "\"audience\":\"org\",\"org_id\":%lld", bA);
	n1 = post(&A, "必读一", 1, aud, 201);
	n2 = post(&A, "普通", 0, aud, 201);
	n3 = post(&A, "必读二", 1, aud, 201);
	p1 = inbox_pos(&m, n1);
	p2 = inbox_pos(&m, n2);
	p3 = inbox_pos(&m, n3);
	assert_true(p3 >= 0 && p3 < p1 && p1 < p2);
	assert_int_equal(get(&m, n3, NULL), 200);
	p1 = inbox_pos(&m, n1);
	p2 = inbox_pos(&m, n2);
	p3 = inbox_pos(&m, n3);
	assert_true(p1 >= 0 && p1 < p2 && p2 < p3);
	assert_int_equal(api_call(&m, "GET", "/api/v1/notices?unread=1", NULL, NULL), 200);
	assert_int_equal(api_call(&m, "GET", "/api/v1/notices?box=sent", NULL, NULL), 422);
	client_release(&m);
}

/* A secretary's draft to their branch with a file: nobody sees it, then
 * publishing notifies the branch and the file is theirs to download; no
 * file changes after publication. */
static void
test_notices_draft_with_a_file_then_published(void **state)
{
	char body[300], path[128];
	json_t *j = NULL;
	long long id, file;

	(void)state;
	snprintf(body, sizeof(body), "{\"title\":\"支部党务公开\",\"body\":\"b\",\"kind\":\"disclosure\","
	    "\"audience\":\"org\",\"org_id\":%lld,\"publish\":false}", bA);
	id = created(&SA, "/api/v1/notices", body);
	assert_int_equal(get(&MA1, id, NULL), 404);
	assert_int_equal(bells(uMA1, id), 0);
	snprintf(path, sizeof(path), "/api/v1/notices/%lld/files?name=%%E5%%85%%AC%%E7%%A4%%BA.png",
	    id);
	assert_int_equal(api_call(&SA, "POST", path, "just text", NULL), 422);
	assert_int_equal(api_call(&SB, "POST", path, FAKE_PNG, NULL), 404);
	assert_int_equal(api_call(&SA, "POST", path, FAKE_PNG, &j), 201);
	file = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	snprintf(path, sizeof(path), "/api/v1/notices/%lld/publish", id);
	assert_int_equal(api_call(&SB, "POST", path, "{}", NULL), 404);
	assert_int_equal(api_call(&SA, "POST", path, "{}", &j), 200);
	assert_int_equal(json_integer_value(json_object_get(j, "addressed")),
	    q1("SELECT count(*) FROM app_user u JOIN member m ON m.id = u.member_id"
	    " WHERE m.org_id = ?", bA));
	json_decref(j);
	assert_int_equal(api_call(&SA, "POST", path, "{}", NULL), 409);
	assert_int_equal(get(&MA1, id, &j), 200);
	assert_int_equal(json_array_size(json_object_get(j, "files")), 1);
	json_decref(j);
	snprintf(path, sizeof(path), "/api/v1/notice-files/%lld", file);
	assert_int_equal(api_call(&MA1, "GET", path, NULL, NULL), 200);
	assert_int_equal(api_call(&MB1, "GET", path, NULL, NULL), 404);
	assert_int_equal(api_call(&SA, "DELETE", path, NULL, NULL), 409);
	snprintf(path, sizeof(path), "/api/v1/notices/%lld/files?name=b.png", id);
	assert_int_equal(api_call(&SA, "POST", path, FAKE_PNG, NULL), 409);
	assert_int_equal(api_call(&SA, "GET", "/api/v1/notices?box=sent", NULL, &j), 200);
	assert_int_equal(json_integer_value(json_object_get(json_array_get(json_object_get(j,
	    "items"), 0), "id")), id);
	json_decref(j);
}

/* The whole district: every member and scoped account, one notification
 * each; district staff see it in their inbox, school staff cannot post it. */
static void
test_notices_district_wide_reaches_everyone(void **state)
{
	long long id, accounts;

	(void)state;
	id = post(&A, "全区通知", 0, "\"audience\":\"district\"", 201);
	accounts = q1("SELECT count(*) FROM app_user WHERE disabled = 0 AND role IN ('member',"
	    " 'secretary', 'principal', 'inspector') AND id <> ?", 0);
	assert_int_equal(q1("SELECT addressed FROM notice WHERE id = ?", id), accounts);
	assert_int_equal(q1("SELECT count(*) FROM notification WHERE link = '/notices?id=' || ?",
	    id), accounts);
	assert_int_equal(get(&MB1, id, NULL), 200);
	assert_int_equal(get(&SB, id, NULL), 200);
	assert_true(inbox_total(&A) >= 1);
}

/* A notice's files as attachments (issue 19): a secretary of another
 * school gets 404 for a draft's files and stores nothing (no row in the
 * database file, no file in the files folder), deletes nothing; once
 * published, a member of the audience reads the same bytes by the older
 * route and the attachments' one, a member of another school neither. */
static void
test_notices_files_foreign_owner_and_routes(void **state)
{
	char body[300], path[128], legacy[96], generic[96];
	long long rows = api_count_rows(&S, "attachment"), id, file;
	int files = api_count_files(&S);
	json_t *j = NULL;

	(void)state;
	snprintf(body, sizeof(body), "{\"title\":\"附件通知\",\"body\":\"b\",\"kind\":\"notice\","
	    "\"audience\":\"org\",\"org_id\":%lld,\"publish\":false}", bA);
	id = created(&SA, "/api/v1/notices", body);
	snprintf(path, sizeof(path), "/api/v1/notices/%lld/files?name=a.png", id);
	assert_int_equal(api_call(&SB, "POST", path, FAKE_PNG, NULL), 404);
	assert_int_equal(api_count_rows(&S, "attachment"), rows);
	assert_int_equal(api_count_files(&S), files);
	snprintf(path, sizeof(path), "/api/v1/notices/%lld/files", id);
	assert_int_equal(api_call(&SB, "GET", path, NULL, NULL), 404);

	snprintf(path, sizeof(path), "/api/v1/notices/%lld/files?name=a.png", id);
	assert_int_equal(api_call(&SA, "POST", path, FAKE_PNG, &j), 201);
	file = json_integer_value(json_object_get(j, "id"));
	assert_int_equal(json_integer_value(json_object_get(j, "notice_id")), id);
	json_decref(j);
	assert_int_equal(api_count_rows(&S, "attachment"), rows + 1);
	assert_int_equal(api_count_files(&S), files + 1);
	snprintf(legacy, sizeof(legacy), "/api/v1/notice-files/%lld", file);
	snprintf(generic, sizeof(generic), "/api/v1/files/%lld", file);
	assert_int_equal(api_call(&SB, "DELETE", legacy, NULL, NULL), 404);
	assert_int_equal(api_call(&SB, "DELETE", generic, NULL, NULL), 404);
	assert_int_equal(api_call(&SB, "GET", generic, NULL, NULL), 404);
	assert_int_equal(api_count_rows(&S, "attachment"), rows + 1);
	assert_int_equal(api_count_files(&S), files + 1);
	assert_true(api_same_bytes(&SA, legacy, generic, FAKE_PNG, strlen(FAKE_PNG)));

	snprintf(path, sizeof(path), "/api/v1/notices/%lld/publish", id);
	assert_int_equal(api_call(&SA, "POST", path, "{}", NULL), 200);
	assert_true(api_same_bytes(&MA1, legacy, generic, FAKE_PNG, strlen(FAKE_PNG)));
	assert_int_equal(api_call(&MB1, "GET", generic, NULL, NULL), 404);
	assert_int_equal(api_call(&MB1, "GET", legacy, NULL, NULL), 404);
	assert_int_equal(api_call(&SA, "DELETE", generic, NULL, &j), 409);
	assert_string_equal(api_code(j), "already_published");
	json_decref(j);
	assert_int_equal(api_count_rows(&S, "attachment"), rows + 1);
}

#define READERS_AT_ONCE 8

struct opener {
	struct client c;
	long long id;
	long status;
};

static void *
open_notice(void *arg)
{
	struct opener *o = arg;

	o->status = get(&o->c, o->id, NULL);
	return NULL;
}

/* The same member opens an unread notice from 8 connections at once: one
 * receipt, one count, one audit row. */
static void
test_notices_parallel_reads_count_once(void **state)
{
	struct opener o[READERS_AT_ONCE];
	pthread_t t[READERS_AT_ONCE];
	char aud[64];
	long long id;

	(void)state;
	snprintf(aud, sizeof(aud), "\"audience\":\"org\",\"org_id\":%lld", bA);
	id = post(&A, "并发阅读", 0, aud, 201);
	for (int i = 0; i < READERS_AT_ONCE; i++) {
		client_init(&o[i].c, &S);
		api_share_session(&o[i].c, &MA2);
		o[i].id = id;
		assert_int_equal(pthread_create(&t[i], NULL, open_notice, &o[i]), 0);
	}
	for (int i = 0; i < READERS_AT_ONCE; i++) {
		pthread_join(t[i], NULL);
		assert_int_equal(o[i].status, 200);
		client_release(&o[i].c);
	}
	assert_int_equal(q1("SELECT read_n FROM notice WHERE id = ?", id), 1);
	assert_int_equal(q1("SELECT count(*) FROM notice_read WHERE notice_id = ?", id), 1);
	assert_int_equal(q1("SELECT count(*) FROM audit WHERE action = 'read' AND entity = 'notice'"
	    " AND entity_id = ?", id), 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_notices_a_school_notice_reaches_its_members_only),
		cmocka_unit_test(test_notices_readers_before_and_after_reads),
		cmocka_unit_test(test_notices_remind_notifies_only_the_unread),
		cmocka_unit_test(test_notices_bad_input_names_the_field),
		cmocka_unit_test(test_notices_foreign_org_ids_are_refused),
		cmocka_unit_test(test_notices_must_read_unread_first),
		cmocka_unit_test(test_notices_draft_with_a_file_then_published),
		cmocka_unit_test(test_notices_files_foreign_owner_and_routes),
		cmocka_unit_test(test_notices_district_wide_reaches_everyone),
		cmocka_unit_test(test_notices_parallel_reads_count_once),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}

/* test_api_roster.c: roster import and export over real HTTP (issue 16).
 * A 2,000-row workbook with 15 planted problems: the header the reader does
 * not know is mapped by the user (PUT mapping), then exactly those 15 are
 * reported at their rows and columns and a commit writes nothing
 * (IMP-07); "valid rows only" writes the other 1,985; the fixed file adds
 * the 15; importing it again changes nothing and writes no audit row
 * (IMP-06); one changed row is one update with its move in the history;
 * the full export imports back to no change; the problem workbook holds the
 * user's rows, a problem column and formula-like cells as text (IMP-09);
 * a zip bomb is refused (IMP-02); a secretary imports only into their
 * school; another user cannot see an import. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <curl/curl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>
#include <zip.h>

#include "api.h"
#include "core/dates.h"
#include "core/id_card.h"
#include "db/db.h"
#include "report/xlsx_read.h"

#define PW "Hongyan#Roster2026"
#define ROWS 2000

static struct srv S;
static struct client D;		/* district staff: quwei01 */
static struct client D2;	/* another district user */
static long long root_id, school1, school2, b_chinese1, b_math1, b_chinese2;

static long long
q(const char *sql)
{
	struct db *db;
	int64_t v = -1;

	assert_int_equal(db_open(S.db, 0, &db), 0);
	if (db_get_i64(db, &v, sql, DB_END))
		v = -1;
	db_close(db);
	return v;
}

struct bytes {
	char *p;
	size_t n;
};

static size_t
collect(char *p, size_t size, size_t n, void *ud)
{
	struct bytes *b = ud;

	b->p = realloc(b->p, b->n + size * n + 1);
	memcpy(b->p + b->n, p, size * n);
	b->n += size * n;
	b->p[b->n] = '\0';
	return size * n;
}

/* A request with a binary body (NULL for none); the answer's bytes to
 * *out (caller frees) and, when JSON, to *json. */
static long
raw_call(struct client *c, const char *method, const char *path, const void *data, size_t len,
    json_t **json, struct bytes *out)
{
	struct bytes got = { 0 }, hdr = { 0 };
	struct curl_slist *h = NULL;
	char url[512], tok[128];
	long code = 0;

	snprintf(url, sizeof(url), "%s%s", c->s->base, path);
	curl_easy_setopt(c->curl, CURLOPT_URL, url);
	curl_easy_setopt(c->curl, CURLOPT_HTTPGET, 1L);
	curl_easy_setopt(c->curl, CURLOPT_CUSTOMREQUEST, method);
	if (data) {
		curl_easy_setopt(c->curl, CURLOPT_POSTFIELDS, len ? data : "");
		curl_easy_setopt(c->curl, CURLOPT_POSTFIELDSIZE, (long)len);
	}
	h = curl_slist_append(h, "Content-Type: application/octet-stream");
	if (c->csrf[0]) {
		snprintf(tok, sizeof(tok), "X-CSRF-Token: %s", c->csrf);
		h = curl_slist_append(h, tok);
	}
	curl_easy_setopt(c->curl, CURLOPT_HTTPHEADER, h);
	curl_easy_setopt(c->curl, CURLOPT_WRITEFUNCTION, collect);
	curl_easy_setopt(c->curl, CURLOPT_WRITEDATA, &got);
	curl_easy_setopt(c->curl, CURLOPT_HEADERFUNCTION, collect);
	curl_easy_setopt(c->curl, CURLOPT_HEADERDATA, &hdr);
	if (curl_easy_perform(c->curl) == CURLE_OK)
		curl_easy_getinfo(c->curl, CURLINFO_RESPONSE_CODE, &code);
	curl_easy_setopt(c->curl, CURLOPT_POSTFIELDS, NULL);
	curl_slist_free_all(h);
	free(hdr.p);
	if (json)
		*json = got.p ? json_loads(got.p, 0, NULL) : NULL;
	if (out)
		*out = got;
	else
		free(got.p);
	return code;
}

static long long
make_org(const char *name, const char *kind, long long parent)
{
	char body[256];
	json_t *j = NULL;
	long long id;

	if (parent)
		snprintf(body, sizeof(body), "{\"name\":\"%s\",\"kind\":\"%s\",\"parent_id\":%lld}",
		    name, kind, parent);
	else
		snprintf(body, sizeof(body), "{\"name\":\"%s\",\"kind\":\"%s\"}", name, kind);
	assert_int_equal(api_call(&D, "POST", "/api/v1/orgs", body, &j), 201);
	id = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	return id;
}

static int
setup(void **state)
{
	(void)state;
	if (srv_start(&S, 0, NULL))
		return -1;
	client_init(&D, &S);
	api_admin(&D, PW);
	root_id = make_org("中共某某区教育工委", "district_committee", 0);
	school1 = make_org("中共第一中学委员会", "party_committee", root_id);
	school2 = make_org("中共第二中学委员会", "party_committee", root_id);
	b_chinese1 = make_org("语文学科党支部", "branch", school1);
	b_math1 = make_org("数学学科党支部", "branch", school1);
	b_chinese2 = make_org("语文学科党支部", "branch", school2);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	client_release(&D);
	if (D2.s)
		client_release(&D2);
	srv_stop(&S);
	return 0;
}

/* --- the roster --- */

/* Row i's (1..ROWS) ID number: born 1970-01-01 + i*7 days, sequence from
 * i, ID-01 check character. */
static void
id_of(int i, char out[19])
{
	struct ymd b = date_to_ymd(date_from_ymd(1970, 1, 1) + i * 7);

	snprintf(out, 19, "500103%04d%02d%02d%03d", b.y, b.m, b.d, 100 + i % 800);
	out[17] = id_card_check_char(out);
	out[18] = 0;
}

static void
birth_of(int i, char out[11])
{
	date_format(date_from_ymd(1970, 1, 1) + i * 7, out);
}

/* Planted problems: the row (sheet row, 1-based: data starts at 2), the
 * column letter, and a word of the reason. */
struct plant {
	int row;
	const char *col, *word;
};

static const struct plant plants[15] = {
	{ 11, "D", "校验" },		/* ID-01 check character */
	{ 150, "D", "E+17" },		/* the number Excel kept */
	{ 233, "B", "性别" },		/* gender against the ID */
	{ 377, "E", "出生日期" },	/* birth date against the ID */
	{ 412, "G", "出生日期" },	/* joined before born */
	{ 555, "H", "转正日期" },	/* full before joined */
	{ 600, "H", "转正日期" },	/* full member without the date */
	{ 777, "H", "预备党员" },	/* probationary with a date */
	{ 901, "L", "手机号" },		/* phone */
	{ 1024, "K", "不存在" },	/* unknown organization */
	{ 1200, "K", "不唯一" },	/* ambiguous name */
	{ 1333, "K", "党支部" },	/* a committee, not a branch */
	{ 1500, "D", "重复" },		/* the number of row 1499 again */
	{ 1750, "G", "日期" },		/* no such date */
	{ 1999, "A", "姓名" },		/* no name */
};

static int
planted(int row)
{
	for (int i = 0; i < 15; i++)
		if (plants[i].row == row)
			return i;
	return -1;
}

/* Writes the roster: header (with the ID column under a header the
 * reader does not know, when odd_header), ROWS members, the 15 plants
 * when plant, row 7 moved to the math branch and a new phone when
 * changed. Returns the workbook's bytes. */
static struct bytes
roster(int plant, int odd_header, int changed)
{
	static const char *const head[] = { "姓名", "性别", "民族", "身份证号", "出生日期", "学历",
		"入党日期", "转正日期", "党员类别", "在职情况", "所在党支部", "手机号码", "职务",
		"职称", "备注" };
	struct bytes out = { 0 };
	char path[64], id[19], birth[11], name[32], phone[16];
	lxw_workbook *wb;
	lxw_worksheet *ws;
	FILE *f;
	int fd;

	strcpy(path, "/tmp/test-roster-XXXXXX");
	fd = mkstemp(path);
	close(fd);
	wb = workbook_new(path);
	ws = workbook_add_worksheet(wb, NULL);
	for (int c = 0; c < 15; c++)
		worksheet_write_string(ws, 0, (lxw_col_t)c, c == 3 && odd_header ? "证件号码" :
		    head[c], NULL);
	for (int i = 1; i <= ROWS; i++) {
		int r = i + 1, p = plant ? planted(r) : -1, full = i % 3 != 0;
		const char *org = i % 2 ? "中共第一中学委员会/语文学科党支部" : "数学学科党支部";
		const char *gender;

		id_of(p == 12 ? i - 1 : i, id);	/* the person of the row before */
		birth_of(p == 12 ? i - 1 : i, birth);
		gender = (id[16] - '0') % 2 ? "男" : "女";
		snprintf(name, sizeof(name), "党员%04d", i);
		snprintf(phone, sizeof(phone), "138%08d", i);
		if (changed && i == 7) {
			org = "数学学科党支部";
			snprintf(phone, sizeof(phone), "139%08d", i);
		}
		if (p == 0)
			id[17] = id[17] == '0' ? '1' : '0';
		if (p == 14)
			name[0] = 0;
		if (p == 1)
			worksheet_write_number(ws, (lxw_row_t)i, 3, 500103198201130014.0, NULL);
		else
			worksheet_write_string(ws, (lxw_row_t)i, 3, id, NULL);
		worksheet_write_string(ws, (lxw_row_t)i, 0, name, NULL);
		worksheet_write_string(ws, (lxw_row_t)i, 1, p == 2 ? (gender[0] == "男"[0] &&
		    !strcmp(gender, "男") ? "女" : "男") : gender, NULL);
		worksheet_write_string(ws, (lxw_row_t)i, 2, "汉族", NULL);
		worksheet_write_string(ws, (lxw_row_t)i, 4, p == 3 ? "1960-01-01" : birth, NULL);
		worksheet_write_string(ws, (lxw_row_t)i, 5, "本科", NULL);
		/* joined: a serial number on even rows, text on odd ones */
		if (p == 4)
			worksheet_write_string(ws, (lxw_row_t)i, 6, "1960年1月1日", NULL);
		else if (p == 13)
			worksheet_write_string(ws, (lxw_row_t)i, 6, "2010年13月1日", NULL);
		else if (i % 2)
			worksheet_write_string(ws, (lxw_row_t)i, 6, "2010年7月1日", NULL);
		else
			worksheet_write_number(ws, (lxw_row_t)i, 6, 40360, NULL);	/* 2010-07-01 */
		if (p == 5)
			worksheet_write_string(ws, (lxw_row_t)i, 7, "2009-07-01", NULL);
		else if (p == 7)
			worksheet_write_string(ws, (lxw_row_t)i, 7, "2011-07-01", NULL);
		else if (full && p != 6)
			worksheet_write_string(ws, (lxw_row_t)i, 7, "2011/7/1", NULL);
		worksheet_write_string(ws, (lxw_row_t)i, 8, p == 7 ? "预备党员" : full ? "正式党员" :
		    "预备党员", NULL);
		worksheet_write_string(ws, (lxw_row_t)i, 9, "在职", NULL);
		worksheet_write_string(ws, (lxw_row_t)i, 10, p == 9 ? "不存在的党支部" : p == 10 ?
		    "语文学科党支部" : p == 11 ? "中共第一中学委员会" : org, NULL);
		worksheet_write_string(ws, (lxw_row_t)i, 11, p == 8 ? "12345" : phone, NULL);
		worksheet_write_string(ws, (lxw_row_t)i, 12, "教师", NULL);
		worksheet_write_string(ws, (lxw_row_t)i, 13, "一级教师", NULL);
		if (i == 5)
			worksheet_write_string(ws, (lxw_row_t)i, 14, "=HYPERLINK(\"http://x\")", NULL);
	}
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
	f = fopen(path, "rb");
	fseek(f, 0, SEEK_END);
	out.n = (size_t)ftell(f);
	fseek(f, 0, SEEK_SET);
	out.p = malloc(out.n);
	assert_int_equal(fread(out.p, 1, out.n, f), out.n);
	fclose(f);
	unlink(path);
	return out;
}

/* Uploads b as name; the import's answer (caller decrefs). */
static json_t *
upload(struct client *c, struct bytes b, const char *name, long want)
{
	char path[256];
	json_t *j = NULL;

	snprintf(path, sizeof(path), "/api/v1/roster/imports?name=%s", name);
	assert_int_equal(raw_call(c, "POST", path, b.p, b.n, &j, NULL), want);
	return j;
}

static long long
jint(json_t *j, const char *k)
{
	return json_integer_value(json_object_get(j, k));
}

static long long
members(void)
{
	return q("SELECT COUNT(*) FROM member");
}

static long long
audits(void)
{
	return q("SELECT COUNT(*) FROM audit");
}

static json_t *
commit(long long id, int valid_only, long want)
{
	char path[128];
	json_t *j = NULL;

	snprintf(path, sizeof(path), "/api/v1/roster/imports/%lld/commit%s", id,
	    valid_only ? "?valid_only=1" : "");
	assert_int_equal(api_call(&D, "POST", path, "", &j), want);
	return j;
}

/* The 15 planted problems and nothing else, each at its row and column;
 * then nothing is written on commit, and valid_only writes the rest. */
static void
test_api_roster_planted_problems(void **state)
{
	struct bytes b = roster(1, 1, 0);
	json_t *j = upload(&D, b, "planted.xlsx", 201), *p = NULL, *items;
	long long id = jint(j, "id"), before = audits();
	char path[128];

	(void)state;
	/* the ID column's header is unknown: the import says so and waits */
	assert_true(jint(j, "problem_count") >= 1);
	assert_non_null(strstr(json_string_value(json_object_get(json_array_get(
	    json_object_get(j, "problems"), 0), "reason")), "公民身份号码"));
	assert_string_equal(json_string_value(json_object_get(json_array_get(
	    json_object_get(j, "mapping"), 3), "field")), "none");
	json_decref(j);
	snprintf(path, sizeof(path), "/api/v1/roster/imports/%lld/mapping", id);
	assert_int_equal(api_call(&D, "PUT", path, "{\"map\":{\"D\":\"id_card\"}}", &j), 200);
	if (jint(j, "problem_count") != 15) {
		char *d = json_dumps(json_object_get(j, "problems"), 0);

		fprintf(stderr, "%s\n", d);
		free(d);
	}
	assert_int_equal(jint(j, "rows"), ROWS);
	assert_int_equal(jint(j, "problem_count"), 15);
	assert_int_equal(jint(j, "bad_rows"), 15);
	assert_int_equal(jint(j, "created"), ROWS - 15);
	json_decref(j);
	snprintf(path, sizeof(path), "/api/v1/roster/imports/%lld/problems?per_page=100", id);
	assert_int_equal(api_call(&D, "GET", path, NULL, &p), 200);
	items = json_object_get(p, "items");
	assert_int_equal(json_array_size(items), 15);
	for (int i = 0; i < 15; i++) {
		json_t *it = json_array_get(items, (size_t)i);
		const char *reason = json_string_value(json_object_get(it, "reason"));

		if (jint(it, "row") != plants[i].row ||
		    strcmp(json_string_value(json_object_get(it, "col")), plants[i].col) ||
		    !strstr(reason, plants[i].word))
			fail_msg("problem %d: row %lld col %s: %s (want row %d col %s, \"%s\")", i,
			    jint(it, "row"), json_string_value(json_object_get(it, "col")), reason,
			    plants[i].row, plants[i].col, plants[i].word);
	}
	json_decref(p);
	/* all or nothing: refused, nothing written */
	j = commit(id, 0, 422);
	json_decref(j);
	assert_int_equal(members(), 0);
	assert_int_equal(audits(), before);
	/* the explicit second choice: the valid rows only */
	j = commit(id, 1, 200);
	assert_int_equal(jint(j, "created"), ROWS - 15);
	assert_int_equal(jint(j, "bad_rows"), 15);
	json_decref(j);
	assert_int_equal(members(), ROWS - 15);
	assert_int_equal(q("SELECT COUNT(*) FROM audit WHERE action = 'import'"), 1);
	assert_int_equal(audits(), before + ROWS - 15 + 1);
	/* committed once: the import is gone (its upload is not kept) */
	j = commit(id, 1, 404);
	json_decref(j);
	free(b.p);
}

/* The fixed file adds the 15; again: nothing changes, no audit row; one
 * changed row: one update, its move in the history. */
static void
test_api_roster_fixed_reimport_and_change(void **state)
{
	struct bytes b = roster(0, 0, 0), c;
	json_t *j = upload(&D, b, "fixed.xlsx", 201);
	long long id = jint(j, "id"), before;

	(void)state;
	assert_int_equal(jint(j, "problem_count"), 0);
	assert_int_equal(jint(j, "created"), 15);
	assert_int_equal(jint(j, "unchanged"), ROWS - 15);
	json_decref(j);
	json_decref(commit(id, 0, 200));
	assert_int_equal(members(), ROWS);
	assert_int_equal(q("SELECT COUNT(*) FROM member WHERE org_id IN (SELECT id FROM org"
	    " WHERE name = '数学学科党支部')"), ROWS / 2);
	/* the same file again */
	before = audits();
	j = upload(&D, b, "fixed.xlsx", 201);
	id = jint(j, "id");
	assert_int_equal(jint(j, "unchanged"), ROWS);
	json_decref(j);
	j = commit(id, 0, 200);
	assert_int_equal(jint(j, "created") + jint(j, "updated"), 0);
	json_decref(j);
	assert_int_equal(audits(), before);
	/* one changed row */
	c = roster(0, 0, 1);
	j = upload(&D, c, "changed.xlsx", 201);
	id = jint(j, "id");
	assert_int_equal(jint(j, "updated"), 1);
	assert_int_equal(jint(j, "unchanged"), ROWS - 1);
	json_decref(j);
	json_decref(commit(id, 0, 200));
	assert_int_equal(audits(), before + 2);	/* the member's transfer and the import */
	assert_int_equal(q("SELECT COUNT(*) FROM member_org_history WHERE note LIKE"
	    " '%changed.xlsx%'"), 1);
	assert_int_equal(q("SELECT COUNT(*) FROM audit WHERE action = 'transfer'"), 1);
	free(b.p);
	free(c.p);
}

/* Export (district: whole numbers, audited) → import: nothing changes. */
static void
test_api_roster_round_trip(void **state)
{
	struct bytes x = { 0 };
	json_t *j;
	long long id, before;

	(void)state;
	assert_int_equal(raw_call(&D, "GET", "/api/v1/roster/export.xlsx", NULL, 0, NULL, &x),
	    200);
	assert_true(x.n > 1000 && x.p[0] == 'P');
	assert_int_equal(q("SELECT COUNT(*) FROM audit WHERE action = 'export_pii'"), 1);
	before = audits();
	j = upload(&D, x, "export.xlsx", 201);
	id = jint(j, "id");
	assert_int_equal(jint(j, "problem_count"), 0);
	assert_int_equal(jint(j, "unchanged"), ROWS);
	json_decref(j);
	json_decref(commit(id, 0, 200));
	assert_int_equal(audits(), before);
	free(x.p);
}

/* The problem workbook: the user's rows, a problem column, and a cell
 * that starts with "=" kept as text. */
static void
test_api_roster_problem_book(void **state)
{
	struct bytes b = roster(1, 0, 0), x = { 0 };
	json_t *j = upload(&D, b, "planted.xlsx", 201);
	struct xlsx_grid g;
	const char *why;
	char path[128];

	(void)state;
	snprintf(path, sizeof(path), "/api/v1/roster/imports/%lld/problems.xlsx", jint(j, "id"));
	json_decref(j);
	assert_int_equal(raw_call(&D, "GET", path, NULL, 0, NULL, &x), 200);
	assert_int_equal(xlsx_read(x.p, x.n, NULL, &g, &why), 0);
	assert_int_equal(g.rows, ROWS + 1);
	assert_string_equal(xlsx_cell(&g, 0, 15), "问题（导入检查）");
	assert_string_equal(xlsx_cell(&g, 5, 14), "=HYPERLINK(\"http://x\")");
	assert_string_equal(xlsx_cell(&g, 5, 15), "");
	assert_non_null(strstr(xlsx_cell(&g, 10, 15), "D列"));
	assert_non_null(strstr(xlsx_cell(&g, 1998, 15), "姓名"));
	xlsx_grid_release(&g);
	/* the formula cell is a string cell in the file, not a formula */
	assert_null(memmem(x.p, x.n, "<f>", 3));
	free(x.p);
	free(b.p);
}

/* A reader who may not see whole numbers (an inspector) gets masks, the
 * mark in A1 and no export_pii audit; that file is refused on import
 * (IMP-08). */
static void
test_api_roster_masked_export(void **state)
{
	struct client I = { 0 };
	struct bytes x = { 0 };
	struct xlsx_grid g;
	const char *why;
	char body[160];
	long long pii = q("SELECT COUNT(*) FROM audit WHERE action = 'export_pii'"), id;
	json_t *j;

	(void)state;
	snprintf(body, sizeof(body), "{\"username\":\"insp_roster\",\"role\":\"inspector\","
	    "\"scope\":[%lld]}", school1);
	assert_int_equal(api_user_client(&D, &I, body, "insp_roster"), 0);
	assert_int_equal(raw_call(&I, "GET", "/api/v1/roster/export.xlsx", NULL, 0, NULL, &x), 200);
	assert_int_equal(xlsx_read(x.p, x.n, NULL, &g, &why), 0);
	assert_non_null(strstr(xlsx_cell(&g, 0, 0), "脱敏导出"));
	assert_string_equal(xlsx_cell(&g, 1, 3), "公民身份号码");
	assert_non_null(strchr(xlsx_cell(&g, 2, 3), '*'));
	assert_non_null(strchr(xlsx_cell(&g, 2, 11), '*'));
	assert_string_equal(xlsx_cell(&g, 2, 4), "");	/* no birth date beside a mask */
	xlsx_grid_release(&g);
	assert_int_equal(q("SELECT COUNT(*) FROM audit WHERE action = 'export_pii'"), pii);
	j = upload(&D, x, "masked.xlsx", 201);
	id = jint(j, "id");
	assert_int_equal(jint(j, "rows"), 0);
	assert_non_null(strstr(json_string_value(json_object_get(json_array_get(
	    json_object_get(j, "problems"), 0), "reason")), "脱敏"));
	json_decref(j);
	json_decref(commit(id, 1, 422));
	client_release(&I);
	free(x.p);
}

/* The template: the export's header, an example row refused until it is
 * deleted, a sheet of allowed values. */
static void
test_api_roster_template(void **state)
{
	struct bytes x = { 0 };
	struct xlsx_grid g;
	const char *why;
	json_t *j;

	(void)state;
	assert_int_equal(raw_call(&D, "GET", "/api/v1/roster/template.xlsx", NULL, 0, NULL, &x),
	    200);
	assert_int_equal(xlsx_read(x.p, x.n, NULL, &g, &why), 0);
	assert_string_equal(xlsx_cell(&g, 0, 3), "公民身份号码");
	assert_non_null(strstr(xlsx_cell(&g, 1, 0), "示例"));
	xlsx_grid_release(&g);
	assert_non_null(memmem(x.p, x.n, "xl/worksheets/sheet2.xml", 24));
	j = upload(&D, x, "template.xlsx", 201);
	assert_int_equal(jint(j, "bad_rows"), 1);	/* its organization is not here either */
	assert_non_null(strstr(json_string_value(json_object_get(json_array_get(
	    json_object_get(j, "problems"), 0), "reason")), "示例行"));
	json_decref(j);
	free(x.p);
}

struct racer {
	struct client c;
	char path[128];
	long status;
};

static void *
put_mapping(void *arg)
{
	struct racer *r = arg;

	r->status = api_call(&r->c, "PUT", r->path, "{\"map\":{\"D\":\"id_card\"}}", NULL);
	return NULL;
}

/* Readers during a pass over the same import get 409 (or the finished
 * answer), never a half-replaced list, a 500 or a crash; two passes at
 * once: one is refused. */
static void
test_api_roster_parallel_passes(void **state)
{
	struct bytes b = roster(1, 1, 0);
	json_t *j = upload(&D, b, "race.xlsx", 201);
	struct racer r = { 0 }, r2 = { 0 };
	pthread_t t, t2;
	char path[128];
	int conflicts = 0;

	(void)state;
	client_init(&r.c, &S);
	api_share_session(&r.c, &D);
	client_init(&r2.c, &S);
	api_share_session(&r2.c, &D);
	snprintf(r.path, sizeof(r.path), "/api/v1/roster/imports/%lld/mapping", jint(j, "id"));
	memcpy(r2.path, r.path, sizeof(r.path));
	snprintf(path, sizeof(path), "/api/v1/roster/imports/%lld/problems", jint(j, "id"));
	json_decref(j);
	assert_int_equal(pthread_create(&t, NULL, put_mapping, &r), 0);
	assert_int_equal(pthread_create(&t2, NULL, put_mapping, &r2), 0);
	for (int i = 0; i < 20; i++) {
		long st = api_call(&D, "GET", path, NULL, NULL);

		assert_true(st == 200 || st == 409);
		conflicts += st == 409;
	}
	pthread_join(t, NULL);
	pthread_join(t2, NULL);
	assert_true((r.status == 200 && (r2.status == 200 || r2.status == 409)) ||
	    (r.status == 409 && r2.status == 200));
	assert_int_equal(api_call(&D, "GET", path, NULL, &j), 200);
	assert_int_equal(jint(j, "total"), 15);
	json_decref(j);
	client_release(&r.c);
	client_release(&r2.c);
	free(b.p);
	(void)conflicts;
}

/* A zip bomb: refused before it expands; garbage: a clear 422; another
 * user sees no import of someone else. */
static void
test_api_roster_bad_files(void **state)
{
	size_t n = 64u << 20;
	char *big = malloc(n), path[64];
	const char *wbx = "<?xml version=\"1.0\"?><workbook><sheets><sheet name=\"a\" "
	    "sheetId=\"1\"/></sheets></workbook>";
	struct bytes z = { 0 };
	json_t *j;
	zip_t *zz;
	FILE *f;
	int err, fd;

	(void)state;
	memcpy(big, "<worksheet>", 11);
	memset(big + 11, ' ', n - 11);
	strcpy(path, "/tmp/test-roster-bomb-XXXXXX");
	fd = mkstemp(path);
	close(fd);
	zz = zip_open(path, ZIP_TRUNCATE, &err);
	zip_file_add(zz, "xl/workbook.xml", zip_source_buffer(zz, wbx, strlen(wbx), 0), 0);
	zip_file_add(zz, "xl/worksheets/sheet1.xml", zip_source_buffer(zz, big, n, 0), 0);
	assert_int_equal(zip_close(zz), 0);
	free(big);
	f = fopen(path, "rb");
	fseek(f, 0, SEEK_END);
	z.n = (size_t)ftell(f);
	fseek(f, 0, SEEK_SET);
	z.p = malloc(z.n);
	assert_int_equal(fread(z.p, 1, z.n, f), z.n);
	fclose(f);
	unlink(path);
	assert_true(z.n < 1u << 20);
	j = upload(&D, z, "bomb.xlsx", 413);
	assert_true(api_has_field(j, "file"));
	json_decref(j);
	free(z.p);
	z.p = strdup("\x01\x02 not a roster at all \xff\xfe");
	z.n = strlen(z.p);
	j = upload(&D, z, "junk.csv", 422);
	assert_true(api_has_field(j, "file"));
	json_decref(j);
	free(z.p);
	/* another user: the import is not theirs */
	z.p = strdup("姓名,身份证号,所在党组织,入党时间\n");
	z.n = strlen(z.p);
	j = upload(&D, z, "empty.csv", 201);
	snprintf(path, sizeof(path), "/api/v1/roster/imports/%lld", jint(j, "id"));
	json_decref(j);
	assert_int_equal(api_user_client(&D, &D2, "{\"username\":\"dist_roster\",\"role\":"
	    "\"district\"}", "dist_roster"), 0);
	assert_int_equal(api_call(&D2, "GET", path, NULL, NULL), 404);
	free(z.p);
}

/* create_orgs (IMP-06): paths below a known organization plan the rest
 * with kinds from the names' endings, the nesting rules checked; the
 * commit creates only what kept rows need, each audited. */
static void
test_api_roster_create_orgs(void **state)
{
	char csv[2048], id[4][19], path[128];
	struct bytes b = { csv, 0 };
	long long orgs = q("SELECT COUNT(*) FROM org"), before = members();
	json_t *j, *news;

	(void)state;
	for (int i = 0; i < 4; i++)
		id_of(2201 + i, id[i]);
	b.n = (size_t)snprintf(csv, sizeof(csv), "姓名,所在党组织,身份证号,入党时间\n"
	    "新甲,中共某某区教育工委/中共第二中学委员会/新建数学党支部,%s,2015-07-01\n"
	    "新乙,中共第二中学委员会/新建数学党支部,%s,2015-07-01\n"
	    "新丙,中共某某区教育工委/中共第三中学委员会/英语学科党支部,%s,2015-07-01\n"
	    "新丁,中共第二中学委员会/新建数学党支部/高一党小组,%s,2015-07-01\n", id[0], id[1], id[2], id[3]);
	j = upload(&D, b, "neworgs.csv", 201);	/* without create_orgs: unknown */
	assert_int_equal(jint(j, "bad_rows"), 4);
	json_decref(j);
	j = upload(&D, b, "neworgs.csv&create_orgs=1", 201);
	assert_int_equal(jint(j, "bad_rows"), 1);	/* a group is no place for members */
	news = json_object_get(j, "new_orgs");
	assert_int_equal(json_array_size(news), 4);
	assert_string_equal(json_string_value(json_object_get(json_array_get(news, 0), "kind")),
	    "branch");
	assert_string_equal(json_string_value(json_object_get(json_array_get(news, 1), "kind")),
	    "party_committee");
	assert_string_equal(json_string_value(json_object_get(json_array_get(news, 2), "parent")),
	    "中共第三中学委员会");
	assert_string_equal(json_string_value(json_object_get(json_array_get(news, 3), "kind")),
	    "group");
	snprintf(path, sizeof(path), "/api/v1/roster/imports/%lld/commit?valid_only=1",
	    jint(j, "id"));
	json_decref(j);
	assert_int_equal(api_call(&D, "POST", path, "", &j), 200);
	assert_int_equal(jint(j, "orgs_created"), 3);	/* not the group: no kept row in it */
	json_decref(j);
	assert_int_equal(q("SELECT COUNT(*) FROM org"), orgs + 3);
	assert_int_equal(members(), before + 3);
	assert_int_equal(q("SELECT COUNT(*) FROM member m JOIN org o ON o.id = m.org_id WHERE"
	    " o.name = '新建数学党支部' AND o.parent_id = (SELECT id FROM org WHERE name ="
	    " '中共第二中学委员会')"), 2);
	assert_int_equal(q("SELECT COUNT(*) FROM audit WHERE action = 'create' AND entity = 'org'"
	    " AND after_json LIKE '%英语学科党支部%'"), 1);
}

/* hongyan import members: 2 for bad arguments, 1 for problems (nothing
 * written), 0 for a clean dry run and a commit, audited as cli:<user>. */
static void
test_api_roster_cli(void **state)
{
	char path[64], out[4096], id1[19], id2[19];
	char *dry[] = { "hongyan", "import", "members", "--db", S.db, "--file", path, "--map",
		"证件=id_card", "--dry-run", NULL };
	char *run[] = { "hongyan", "import", "members", "--db", S.db, "--file", path, "--map",
		"C=id_card", NULL };
	char *badmap[] = { "hongyan", "import", "members", "--db", S.db, "--file", path, "--map",
		"C=nope", NULL };
	char *nofile[] = { "hongyan", "import", "members", "--db", S.db, NULL };
	long long before = members();
	FILE *f;
	int fd;

	(void)state;
	id_of(2101, id1);
	id_of(2102, id2);
	strcpy(path, "/tmp/test-roster-cli-XXXXXX");
	fd = mkstemp(path);
	f = fdopen(fd, "w");
	fprintf(f, "姓名,所在党组织,证件,入党时间\n命令行甲,数学学科党支部,%s,2015-07-01\n"
	    "命令行乙,不存在的党支部,%s,2015-07-01\n", id1, id2);
	fclose(f);
	assert_int_equal(srv_cli(&S, nofile, NULL, 0), 2);
	assert_int_equal(srv_cli(&S, badmap, NULL, 0), 2);
	assert_int_equal(srv_cli(&S, dry, out, sizeof(out)), 1);
	assert_non_null(strstr(out, "row 3\tcolumn B"));
	assert_int_equal(srv_cli(&S, run, out, sizeof(out)), 1);
	assert_int_equal(members(), before);
	f = fopen(path, "w");
	fprintf(f, "姓名,所在党组织,证件,入党时间\n命令行甲,数学学科党支部,%s,2015-07-01\n", id1);
	fclose(f);
	assert_int_equal(srv_cli(&S, dry, out, sizeof(out)), 0);
	assert_int_equal(members(), before);
	assert_int_equal(srv_cli(&S, run, out, sizeof(out)), 0);
	assert_non_null(strstr(out, "committed"));
	assert_int_equal(members(), before + 1);
	assert_int_equal(q("SELECT COUNT(*) FROM audit WHERE action = 'import' AND actor LIKE"
	    " 'cli:%'"), 1);
	unlink(path);
}

/* Another writer holding the database past the busy timeout (a long
 * commit) makes a write answer 503 with Retry-After, never 500, and
 * nothing is written. */
static void
test_api_roster_busy_writer_503(void **state)
{
	char headers[4096];
	json_t *j = NULL;
	struct db *db;
	long long orgs = q("SELECT COUNT(*) FROM org");

	(void)state;
	assert_int_equal(db_open(S.db, 0, &db), 0);
	assert_int_equal(db_begin(db), 0);
	assert_int_equal(api_call_h(&D, "POST", "/api/v1/orgs", "{\"name\":\"忙时支部\","
	    "\"kind\":\"branch\",\"parent_id\":1}", &j, headers, sizeof(headers)), 503);
	assert_string_equal(api_code(j), "busy");
	assert_non_null(strcasestr(headers, "Retry-After:"));
	json_decref(j);
	db_rollback(db);
	db_close(db);
	assert_int_equal(q("SELECT COUNT(*) FROM org"), orgs);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_api_roster_planted_problems),
		cmocka_unit_test(test_api_roster_fixed_reimport_and_change),
		cmocka_unit_test(test_api_roster_round_trip),
		cmocka_unit_test(test_api_roster_problem_book),
		cmocka_unit_test(test_api_roster_masked_export),
		cmocka_unit_test(test_api_roster_template),
		cmocka_unit_test(test_api_roster_parallel_passes),
		cmocka_unit_test(test_api_roster_bad_files),
		cmocka_unit_test(test_api_roster_create_orgs),
		cmocka_unit_test(test_api_roster_cli),
		cmocka_unit_test(test_api_roster_busy_writer_503),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}

/* test_api_indicator_import.c: importing an indicator system from .xlsx
 * (POST /api/v1/indicator-systems/import, issue 4) over real HTTP: every
 * shipped sheet exported and imported back gives the same tree; a known
 * code gets its next version; each bad query, each bad file (garbage,
 * truncated, no workbook, wrong header, bad cells, a broken tree, too many
 * rows) is refused with a 422 naming the row and column and nothing is
 * created; only administrators and district staff import. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "api.h"
#include "db/db.h"

#define ADMIN_PW "Hongyan#Admin2026"
#define IMPORT "/api/v1/indicator-systems/import"

static struct srv S;
static struct client A;		/* admin */
static struct client D;		/* district staff */
static struct client SA;	/* a school secretary: may not import */

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

/* A request with a binary body (data may be NULL for GET); the answer's
 * bytes go to *out (caller frees) and, when JSON, to *json. The harness's
 * api_call sends text bodies only. */
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
	if (json)
		*json = got.p ? json_loads(got.p, 0, NULL) : NULL;
	if (out)
		*out = got;
	else
		free(got.p);
	free(hdr.p);
	return code;
}

static int
setup(void **state)
{
	char body[256];
	long long school;

	(void)state;
	if (srv_start(&S, 1, NULL))
		return -1;
	client_init(&A, &S);
	api_admin(&A, ADMIN_PW);
	school = q1("SELECT MIN(id) FROM org WHERE kind = 'party_committee' AND id > ?", 0);
	snprintf(body, sizeof(body), "{\"username\":\"sec_imp\",\"role\":\"secretary\","
	    "\"scope\":[%lld]}", school);
	assert_int_equal(api_user_client(&A, &SA, body, "sec_imp"), 0);
	assert_int_equal(api_user_client(&A, &D, "{\"username\":\"dist_imp\",\"role\":"
	    "\"district\"}", "dist_imp"), 0);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	client_release(&A);
	client_release(&D);
	client_release(&SA);
	srv_stop(&S);
	return 0;
}

static long long
system_id(const char *code)
{
	struct db *db;
	int64_t v = -1;

	assert_int_equal(db_open(S.db, 0, &db), 0);
	if (db_get_i64(db, &v, "SELECT MIN(id) FROM indicator_system WHERE code = ?",
	    DB_TEXT(code), DB_END))
		v = -1;
	db_close(db);
	return v;
}

static struct bytes
export(long long id)
{
	struct bytes b = { 0 };
	char path[96];

	snprintf(path, sizeof(path), "/api/v1/indicator-systems/%lld.xlsx", id);
	assert_int_equal(raw_call(&A, "GET", path, NULL, 0, NULL, &b), 200);
	assert_true(b.n > 100 && b.p[0] == 'P' && b.p[1] == 'K');
	return b;
}

static json_t *
tree(long long id)
{
	json_t *j = NULL;
	char path[96];

	snprintf(path, sizeof(path), "/api/v1/indicator-systems/%lld/indicators", id);
	assert_int_equal(api_call(&A, "GET", path, NULL, &j), 200);
	return j;
}

static const char *
str(json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));

	return s ? s : "";
}

/* Two trees are the same item by item (ids and systems apart). */
static void
same_tree(long long a, long long b)
{
	static const char *const keys[] = { "code", "parent", "name", "guidance", "evidence" };
	static const char *const nums[] = { "level", "seq", "max_points", "weight" };
	json_t *ja = tree(a), *jb = tree(b);
	json_t *ia = json_object_get(ja, "items"), *ib = json_object_get(jb, "items");

	assert_true(json_array_size(ia) > 0);
	assert_int_equal(json_array_size(ia), json_array_size(ib));
	for (size_t i = 0; i < json_array_size(ia); i++) {
		json_t *x = json_array_get(ia, i), *y = json_array_get(ib, i);

		for (size_t k = 0; k < 5; k++)
			assert_string_equal(str(x, keys[k]), str(y, keys[k]));
		for (size_t k = 0; k < 4; k++)
			assert_true(json_number_value(json_object_get(x, nums[k])) ==
			    json_number_value(json_object_get(y, nums[k])));
		assert_int_equal(json_is_true(json_object_get(x, "bonus")),
		    json_is_true(json_object_get(y, "bonus")));
		assert_int_equal(json_is_true(json_object_get(x, "veto")),
		    json_is_true(json_object_get(y, "veto")));
		assert_int_equal(json_is_true(json_object_get(x, "developmental")),
		    json_is_true(json_object_get(y, "developmental")));
		assert_int_equal(json_is_true(json_object_get(x, "survey")),
		    json_is_true(json_object_get(y, "survey")));
	}
	json_decref(ja);
	json_decref(jb);
}

static long long
count_all(void)
{
	return q1("SELECT (SELECT COUNT(*) FROM indicator_system) * 100000 +"
	    " (SELECT COUNT(*) FROM indicator) + ? ", 0);
}

static void
test_import_roundtrip_of_shipped_sheets(void **state)
{
	/* code, kind, stage: the principal-tenure sheets carry the
	 * 发展性 and 满意度测评 columns (PRIN-07/08) through the round trip. */
	static const char *const codes[][3] = { { "clean-school", "clean_school", "" },
		{ "quarterly-inspection", "quarterly_inspection", "" },
		{ "instructor-visit", "instructor_visit", "" },
		{ "principal-kindergarten", "principal_tenure", "&stage=kindergarten" },
		{ "principal-compulsory", "principal_tenure", "&stage=compulsory" },
		{ "principal-senior", "principal_tenure", "&stage=senior" } };
	json_t *j = NULL;
	char path[160];

	(void)state;
	for (size_t k = 0; k < sizeof(codes) / sizeof(codes[0]); k++) {
		long long from = system_id(codes[k][0]), id;
		struct bytes b = export(from);

		snprintf(path, sizeof(path), IMPORT "?code=%s-imp&kind=%s&year=2027%s", codes[k][0],
		    codes[k][1], codes[k][2]);
		assert_int_equal(raw_call(&D, "POST", path, b.p, b.n, &j, NULL), 201);
		if (*codes[k][2])
			assert_string_equal(str(j, "stage"), codes[k][2] + strlen("&stage="));
		assert_string_equal(str(j, "status"), "draft");
		assert_int_equal(json_integer_value(json_object_get(j, "version")), 1);
		assert_int_equal(json_integer_value(json_object_get(j, "year")), 2027);
		assert_string_equal(str(j, "kind"), codes[k][1]);
		/* the name defaults to the sheet's title, the exported name */
		assert_true(strlen(str(j, "name")) > 0);
		id = json_integer_value(json_object_get(j, "id"));
		json_decref(j);
		same_tree(from, id);
		assert_int_equal(q1("SELECT COUNT(*) FROM audit WHERE entity = 'indicator_system'"
		    " AND action = 'import' AND entity_id = ?", id), 1);
		free(b.p);
	}
	/* A known code without kind: its next version, kind and name kept. */
	{
		struct bytes b = export(system_id("clean-school"));

		assert_int_equal(raw_call(&A, "POST", IMPORT "?code=clean-school&name=%E5%AF%BC%E5%85%A5",
		    b.p, b.n, &j, NULL), 201);
		assert_int_equal(json_integer_value(json_object_get(j, "version")), 2);
		assert_string_equal(str(j, "kind"), "clean_school");
		assert_string_equal(str(j, "name"), "导入");
		same_tree(system_id("clean-school"), json_integer_value(json_object_get(j, "id")));
		json_decref(j);
		free(b.p);
	}
}

/* POSTs data to path expecting 422 naming field, and nothing created. */
static void
refused(struct client *c, const char *path, const void *data, size_t len, long want,
    const char *field)
{
	long long before = count_all();
	json_t *j = NULL;

	assert_int_equal(raw_call(c, "POST", path, data, len, &j, NULL), want);
	if (field) {
		if (!api_has_field(j, field)) {
			char *s = json_dumps(j, 0);

			fprintf(stderr, "expected field %s in %s\n", field, s);
			free(s);
		}
		assert_true(api_has_field(j, field));
	}
	json_decref(j);
	assert_true(count_all() == before);
}

static void
test_import_bad_query_and_files(void **state)
{
	struct bytes b = export(system_id("quarterly-inspection"));
	static const char junk[] = "this is not a workbook";

	(void)state;
	refused(&A, IMPORT "?kind=clean_school", b.p, b.n, 422, "code");
	refused(&A, IMPORT "?code=x1&kind=nonsense", b.p, b.n, 422, "kind");
	refused(&A, IMPORT "?code=x1&kind=clean_school&year=1999", b.p, b.n, 422, "year");
	refused(&A, IMPORT "?code=x1&kind=clean_school&year=20x6", b.p, b.n, 422, "year");
	refused(&A, IMPORT "?code=x1", b.p, b.n, 422, "kind");	/* a new code needs its kind */
	refused(&A, IMPORT "?code=quarterly-inspection&kind=clean_school", b.p, b.n, 422, "kind");
	refused(&A, IMPORT "?code=x1&kind=clean_school", "", 0, 422, "file");
	refused(&A, IMPORT "?code=x1&kind=clean_school", junk, sizeof(junk), 422, "file");
	refused(&A, IMPORT "?code=x1&kind=clean_school", b.p, b.n / 2, 422, "file");
	refused(&A, IMPORT "?code=x1&kind=clean_school", b.p, b.n - 40, 422, "file");
	/* roles: a secretary may not import (403), nor may anyone logged out */
	refused(&SA, IMPORT "?code=x1&kind=clean_school", b.p, b.n, 403, NULL);
	free(b.p);
}

/* A sheet in the export's layout: rows of 9 cells (NULL: empty) under
 * the header; nrows rows; head: the header to write (NULL: ours). */
static const char *const HEAD[9] = { "编号", "层级", "指标", "分值", "评分说明", "佐证材料",
	"加分项", "一票否决", "权重" };

static struct bytes
sheet(const char *const (*rows)[9], int nrows, const char *const *head)
{
	char path[64] = "/tmp/test-ind-import-XXXXXX";
	struct bytes b = { 0 };
	lxw_workbook *wb;
	lxw_worksheet *ws;
	FILE *f;
	int fd = mkstemp(path);

	assert_true(fd >= 0);
	close(fd);
	wb = workbook_new(path);
	ws = workbook_add_worksheet(wb, "评分细则");
	worksheet_write_string(ws, 0, 0, "测试细则", NULL);
	for (int c = 0; c < 9; c++)
		worksheet_write_string(ws, 2, (lxw_col_t)c, (head ? head : HEAD)[c], NULL);
	for (int r = 0; r < nrows; r++)
		for (int c = 0; c < 9; c++) {
			const char *s = rows[r][c];
			char *end;
			double d;

			if (!s)
				continue;
			d = strtod(s, &end);
			if (*s && !*end && (c == 1 || c == 3 || c == 8))
				worksheet_write_number(ws, (lxw_row_t)(3 + r), (lxw_col_t)c, d, NULL);
			else
				worksheet_write_string(ws, (lxw_row_t)(3 + r), (lxw_col_t)c, s, NULL);
		}
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
	f = fopen(path, "rb");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	b.n = (size_t)ftell(f);
	fseek(f, 0, SEEK_SET);
	b.p = malloc(b.n);
	assert_int_equal(fread(b.p, 1, b.n, f), b.n);
	fclose(f);
	unlink(path);
	return b;
}

#define OK_PATH IMPORT "?code=t-imp&kind=quarterly_inspection&year=2026"

static void
bad_sheet(const char *const (*rows)[9], int nrows, const char *const *head, const char *field)
{
	struct bytes b = sheet(rows, nrows, head);

	refused(&D, OK_PATH, b.p, b.n, 422, field);
	free(b.p);
}

static void
test_import_names_bad_cells(void **state)
{
	/* Excel rows 4.. : each case one mistake in an otherwise good sheet */
	static const char *const good[][9] = {
		{ "1", "1", "组织生活", "10", "说明", "记录", NULL, NULL, "1000" },
		{ "1.1", "2", "  三会一课", "6", NULL, NULL, NULL, NULL, NULL },
		{ "1.2", "2", "  主题党日", "4", NULL, NULL, "", "否", "500" },
		{ "2", "1", "加分项", "5", NULL, NULL, "是", NULL, NULL },
		{ "2.1", "2", "  获奖", "5", NULL, NULL, "是", NULL, NULL },
	};
	const char *rows[5][9];
	struct bytes b;
	json_t *j = NULL;

	(void)state;
#define CASE(r, c, v, field) do { \
		memcpy(rows, good, sizeof(rows)); \
		rows[r][c] = (v); \
		bad_sheet((const char *const (*)[9])rows, 5, NULL, field); \
	} while (0)
	CASE(1, 1, "4", "rows[5].level");
	CASE(1, 1, "二", "rows[5].level");
	CASE(1, 3, "abc", "rows[5].max_points");
	CASE(1, 3, "1.25", "rows[5].max_points");
	CASE(1, 3, "-1", "rows[5].max_points");
	CASE(1, 3, NULL, "rows[5].max_points");
	CASE(2, 6, "也许", "rows[6].bonus");
	CASE(2, 7, "x", "rows[6].veto");
	CASE(2, 8, "2000", "rows[6].weight");
	CASE(2, 8, "12.5", "rows[6].weight");
	CASE(1, 0, NULL, "rows[5].code");
	CASE(1, 0, "1", "rows[5].code");		/* a code given twice */
	CASE(2, 2, "   ", "rows[6].name");
	CASE(0, 3, "8", "rows[4].max_points");	/* children 6 + 4 exceed 8 */
	CASE(1, 1, "3", "rows[5].parent");	/* level 3 with no level 2 above */
	CASE(0, 1, "2", "rows[4].parent");		/* the first row cannot be level 2 */
	CASE(2, 6, "是", "rows[6].bonus");	/* a bonus item under a regular one */
#undef CASE
	/* The message names the row and the column as Excel shows them. */
	memcpy(rows, good, sizeof(rows));
	rows[1][3] = "abc";
	b = sheet((const char *const (*)[9])rows, 5, NULL);
	assert_int_equal(raw_call(&D, "POST", OK_PATH, b.p, b.n, &j, NULL), 422);
	assert_non_null(strstr(json_string_value(json_object_get(json_object_get(json_object_get(j,
	    "error"), "fields"), "rows[5].max_points")), "第5行D列（分值）"));
	json_decref(j);
	free(b.p);
	{
		const char *head[9];

		memcpy(head, HEAD, sizeof(head));
		head[3] = "满分";
		bad_sheet(good, 5, head, "rows[3].header");
		head[0] = "序号";
		bad_sheet(good, 5, head, "rows[3].header");
	}
	bad_sheet(good, 0, NULL, "rows");	/* a header and no indicator */
	{
		const char *(*m)[9] = calloc(1001, sizeof(*m));

		for (int i = 0; i < 1001; i++) {
			m[i][0] = "c";
			m[i][1] = "1";
			m[i][2] = "n";
			m[i][3] = "1";
		}
		bad_sheet((const char *const (*)[9])m, 1001, NULL, "rows");
		free(m);
	}
	/* the good sheet imports, its Excel-only spacing trimmed */
	b = sheet(good, 5, NULL);
	assert_int_equal(raw_call(&D, "POST", OK_PATH, b.p, b.n, &j, NULL), 201);
	assert_string_equal(str(j, "name"), "测试细则");
	assert_int_equal(json_integer_value(json_object_get(j, "indicator_count")), 5);
	{
		json_t *t = tree(json_integer_value(json_object_get(j, "id")));
		json_t *it = json_object_get(t, "items");

		assert_string_equal(str(json_array_get(it, 1), "name"), "三会一课");
		assert_string_equal(str(json_array_get(it, 1), "parent"), "1");
		assert_int_equal(json_integer_value(json_object_get(json_array_get(it, 2), "weight")),
		    500);
		assert_true(json_is_true(json_object_get(json_array_get(it, 4), "bonus")));
		assert_string_equal(str(json_array_get(it, 0), "guidance"), "说明");
		json_decref(t);
	}
	json_decref(j);
	free(b.p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_import_roundtrip_of_shipped_sheets),
		cmocka_unit_test(test_import_bad_query_and_files),
		cmocka_unit_test(test_import_names_bad_cells),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}

/* test_roster.c: the pure reading of roster cells and files (issue 16):
 * header synonyms (IMP-03), dates in each listed format and as Excel
 * serial numbers with full-width digits (IMP-04), ID numbers (ID-01, and
 * IMP-05: a number Excel stored as 5.00103E+17 is reported, never
 * guessed), path-to-tree kinds (IMP-06), formula-like cells (IMP-09), and
 * files: CSV in UTF-8 and GB18030, an .xlsx streamed row by row, the row
 * limit (IMP-01) and a zip bomb refused by its ratio (IMP-02). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>
#include <zip.h>

#include "core/dates.h"
#include "core/err.h"
#include "roster/roster.h"
#include "roster/roster_parse.h"
#include "roster/roster_read.h"

static void
test_roster_header_synonyms_imp03(void **state)
{
	(void)state;
	assert_int_equal(roster_header_field("姓名"), RF_NAME);
	assert_int_equal(roster_header_field("公民身份号码"), RF_ID_CARD);
	assert_int_equal(roster_header_field("身份证号"), RF_ID_CARD);
	assert_int_equal(roster_header_field(" 身份证号码 "), RF_ID_CARD);
	assert_int_equal(roster_header_field("*身份证号（必填）"), RF_ID_CARD);
	assert_int_equal(roster_header_field("入党时间"), RF_JOINED_ON);
	assert_int_equal(roster_header_field("入党日期"), RF_JOINED_ON);
	assert_int_equal(roster_header_field("转正时间"), RF_FULL_ON);
	assert_int_equal(roster_header_field("转正日期"), RF_FULL_ON);
	assert_int_equal(roster_header_field("人员类别"), RF_STATUS);
	assert_int_equal(roster_header_field("党员类别"), RF_STATUS);
	assert_int_equal(roster_header_field("所在党组织"), RF_ORG);
	assert_int_equal(roster_header_field("所在党支部"), RF_ORG);
	assert_int_equal(roster_header_field("联系电话"), RF_PHONE);
	assert_int_equal(roster_header_field("手机号码"), RF_PHONE);
	assert_int_equal(roster_header_field("工作岗位"), RF_POST);
	assert_int_equal(roster_header_field("职务"), RF_POST);
	assert_int_equal(roster_header_field("职称"), RF_TITLE);
	assert_int_equal(roster_header_field("学历"), RF_EDUCATION);
	assert_int_equal(roster_header_field("民族"), RF_ETHNICITY);
	assert_int_equal(roster_header_field("性别"), RF_GENDER);
	assert_int_equal(roster_header_field("出生日期"), RF_BIRTH_DATE);
	assert_int_equal(roster_header_field("姓\n名"), RF_NAME);
	assert_int_equal(roster_header_field("备注"), RF_NONE);
	assert_int_equal(roster_header_field(""), RF_NONE);
	assert_int_equal(roster_field_by_key("id_card"), RF_ID_CARD);
	assert_int_equal(roster_field_by_key("nope"), RF_NONE);
}

static void
expect_date(const char *in, const char *want)
{
	char out[11];
	const char *why = NULL;

	assert_int_equal(roster_parse_date(in, out, &why), 0);
	assert_string_equal(out, want);
}

static void
expect_no_date(const char *in)
{
	char out[11];
	const char *why = NULL;

	assert_int_equal(roster_parse_date(in, out, &why), -1);
	assert_non_null(why);
}

static void
test_roster_dates_imp04(void **state)
{
	(void)state;
	expect_date("2001-09-01", "2001-09-01");
	expect_date("2001/9/1", "2001-09-01");
	expect_date("2001.09.01", "2001-09-01");
	expect_date("2001年9月1日", "2001-09-01");
	expect_date("2001年09月01号", "2001-09-01");
	expect_date("20010901", "2001-09-01");
	expect_date(" 2001-9-1 ", "2001-09-01");
	expect_date("2001-09-01 00:00:00", "2001-09-01");
	/* full-width digits and separators */
	expect_date("２００１年９月１日", "2001-09-01");
	expect_date("２００１－０９－０１", "2001-09-01");
	/* Excel serial day numbers (1900 date system, its phantom 1900-02-29) */
	expect_date("37135", "2001-09-01");
	expect_date("36892", "2001-01-01");
	expect_date("37135.0", "2001-09-01");
	expect_date("37135.75", "2001-09-01");
	expect_date("61", "1900-03-01");
	expect_date("1", "1900-01-01");
	expect_date("45658", "2025-01-01");
	expect_no_date("");
	expect_no_date("2001-02-30");
	expect_no_date("2001-09");	/* month only: not guessed */
	expect_no_date("2001年9月");
	expect_no_date("2001");		/* a year alone, not a serial number */
	expect_no_date("九月一日");
	expect_no_date("2001-09-01x");
	expect_no_date("-5");
}

static void
expect_id(const char *in, const char *want)
{
	char out[19];
	const char *why = NULL;

	assert_int_equal(roster_parse_id(in, date_from_ymd(2026, 1, 1), out, &why), 0);
	assert_string_equal(out, want);
}

static const char *
id_refused(const char *in)
{
	char out[19];
	const char *why = NULL;

	assert_int_equal(roster_parse_id(in, date_from_ymd(2026, 1, 1), out, &why), -1);
	assert_non_null(why);
	return why;
}

static void
test_roster_ids_id01_imp05(void **state)
{
	(void)state;
	expect_id("11010519491231002X", "11010519491231002X");
	expect_id("11010519491231002x", "11010519491231002X");
	expect_id(" 440524188001010014 ", "440524188001010014");
	expect_id("'513101198201130014", "513101198201130014");
	expect_id("５１３１０１１９８２０１１３００１４", "513101198201130014");
	assert_non_null(id_refused("110105194912310021"));	/* ID-01 check character */
	assert_non_null(id_refused("51310119820113001"));	/* 17 characters */
	assert_non_null(strstr(id_refused("5.13101E+17"), "E+17"));	/* IMP-05 */
	assert_non_null(strstr(id_refused("5.13101198201130E+17"), "丢失"));
	assert_non_null(strstr(id_refused("5.13101e17"), "丢失"));
	assert_non_null(strstr(id_refused("513101198201130000.0"), "丢失"));
	assert_non_null(id_refused(""));
}

static void
test_roster_choices(void **state)
{
	(void)state;
	assert_string_equal(roster_gender("男"), "male");
	assert_string_equal(roster_gender(" 女 "), "female");
	assert_null(roster_gender("未知"));
	assert_string_equal(roster_status("正式党员"), "full");
	assert_string_equal(roster_status("预备党员"), "probationary");
	assert_null(roster_status("在职"));
	assert_string_equal(roster_category("在职"), "in_service");
	assert_string_equal(roster_category("退休"), "retired");
	assert_null(roster_category("正式党员"));
	assert_string_equal(roster_choice_label("full"), "正式党员");
}

static void
test_roster_path_kinds_imp06(void **state)
{
	char buf[256];
	const char *parts[8];

	(void)state;
	assert_string_equal(roster_org_kind("中共某某区教育工委"), "district_committee");
	assert_string_equal(roster_org_kind("中共某某中学委员会"), "party_committee");
	assert_string_equal(roster_org_kind("中共某某中学党委"), "party_committee");
	assert_string_equal(roster_org_kind("中共某某小学总支部委员会"), "general_branch");
	assert_string_equal(roster_org_kind("语文学科党支部"), "branch");
	assert_string_equal(roster_org_kind("第一支部委员会"), "branch");
	assert_string_equal(roster_org_kind("高一党小组"), "group");
	assert_null(roster_org_kind("某某中学"));
	assert_int_equal(roster_org_split("中共某某区教育工委/中共某某中学委员会/语文学科党支部",
	    buf, sizeof(buf), parts, 8), 3);
	assert_string_equal(parts[0], "中共某某区教育工委");
	assert_string_equal(parts[2], "语文学科党支部");
	assert_int_equal(roster_org_split(" A ／ B > C\\D/ ", buf, sizeof(buf), parts, 8), 4);
	assert_string_equal(parts[0], "A");
	assert_string_equal(parts[1], "B");
	assert_string_equal(parts[3], "D");
	assert_int_equal(roster_org_split("语文学科党支部", buf, sizeof(buf), parts, 8), 1);
	assert_int_equal(roster_org_split("a/b/c", buf, sizeof(buf), parts, 2), -1);
	assert_int_equal(roster_org_split("", buf, sizeof(buf), parts, 2), 0);
}

static void
test_roster_formula_cells_imp09(void **state)
{
	(void)state;
	assert_true(roster_cell_is_formula("=HYPERLINK(\"x\")"));
	assert_true(roster_cell_is_formula("+1"));
	assert_true(roster_cell_is_formula("-1"));
	assert_true(roster_cell_is_formula("@SUM(A1)"));
	assert_false(roster_cell_is_formula("张三"));
	assert_false(roster_cell_is_formula(NULL));
	char c[4];

	roster_col_name(0, c);
	assert_string_equal(c, "A");
	roster_col_name(27, c);
	assert_string_equal(c, "AB");
}

/* --- files --- */

struct rows {
	int n, last;
	char text[8][4][64];
};

static int
keep_row(void *ctx, int row, int ncols, const char *const *cells)
{
	struct rows *r = ctx;

	if (r->n < 8)
		for (int c = 0; c < ncols && c < 4; c++)
			snprintf(r->text[r->n][c], 64, "%s", cells[c] ? cells[c] : "");
	r->n++;
	r->last = row;
	return 0;
}

static struct roster_limits
limits(void)
{
	struct roster_limits lim = { 64u << 20, 200, 1000, 64, 32767 };

	return lim;
}

static void
test_roster_read_csv_utf8_and_gb18030(void **state)
{
	const char *csv = "\xEF\xBB\xBF姓名,身份证号,备注\r\n张三,\"513101198201130014\",\"a,\"\"b\"\"\"\n"
	    "\n李四,11010519491231002X,\n";
	struct roster_limits lim = limits();
	struct rows r = { 0 };
	const char *why;
	char gb[256], *in = (char *)csv + 3, *out = gb;
	size_t inl = strlen(in), outl = sizeof(gb);
	iconv_t cd = iconv_open("GB18030", "UTF-8");

	(void)state;
	assert_int_equal(roster_read(csv, strlen(csv), &lim, keep_row, &r, &why), ERR_OK);
	assert_int_equal(r.n, 3);	/* the empty line is skipped */
	assert_string_equal(r.text[0][0], "姓名");
	assert_string_equal(r.text[1][2], "a,\"b\"");
	assert_string_equal(r.text[2][0], "李四");
	assert_int_equal(r.last, 3);	/* rows keep their numbers */
	/* the same file in GB18030 */
	assert_true(cd != (iconv_t)-1);
	assert_true(iconv(cd, &in, &inl, &out, &outl) != (size_t)-1);
	iconv_close(cd);
	memset(&r, 0, sizeof(r));
	assert_int_equal(roster_read(gb, sizeof(gb) - outl, &lim, keep_row, &r, &why), ERR_OK);
	assert_int_equal(r.n, 3);
	assert_string_equal(r.text[2][0], "李四");
	/* an unclosed quote and an old .xls */
	assert_int_equal(roster_read("a,\"b\n", 5, &lim, keep_row, &r, &why), ERR_INVALID);
	assert_int_equal(roster_read("\xD0\xCF\x11\xE0xxxx", 8, &lim, keep_row, &r, &why),
	    ERR_INVALID);
	assert_non_null(strstr(why, ".xls"));
}

static void
test_roster_read_rows_limit_imp01(void **state)
{
	struct roster_limits lim = limits();
	struct rows r = { 0 };
	const char *why;
	char csv[4096];
	size_t n = 0;

	(void)state;
	lim.rows_max = 10;
	for (int i = 0; i < 20; i++)
		n += (size_t)snprintf(csv + n, sizeof(csv) - n, "row%d,x\n", i);
	assert_int_equal(roster_read(csv, n, &lim, keep_row, &r, &why), ERR_TOO_BIG);
	assert_non_null(why);
	assert_true(r.n <= 10);
}

static char *
slurp_unlink(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *p;
	long n;

	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	p = malloc((size_t)n + 1);
	assert_int_equal(fread(p, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	unlink(path);
	*len = (size_t)n;
	return p;
}

static void
temp_path(char *path)
{
	int fd;

	strcpy(path, "/tmp/test-roster-XXXXXX");
	fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
}

static int
count_row(void *ctx, int row, int ncols, const char *const *cells)
{
	struct rows *r = ctx;

	(void)ncols;
	if (row == 5000)
		snprintf(r->text[0][0], 64, "%s", cells[0] ? cells[0] : "");
	r->n++;
	r->last = row;
	return 0;
}

/* 20,000 rows streamed: every row arrives in order (memory does not hold
 * the sheet: rows are handed out and forgotten). */
static void
test_roster_read_xlsx_streams(void **state)
{
	struct roster_limits lim = limits();
	struct rows r = { 0 };
	char path[64];
	const char *why;
	lxw_workbook *wb;
	lxw_worksheet *ws;
	size_t len;
	char *p;

	(void)state;
	lim.rows_max = 30000;
	temp_path(path);
	wb = workbook_new(path);
	ws = workbook_add_worksheet(wb, NULL);
	worksheet_write_string(ws, 0, 0, "姓名", NULL);
	worksheet_write_string(ws, 0, 1, "入党时间", NULL);
	for (int i = 1; i <= 20000; i++) {
		char name[32];

		snprintf(name, sizeof(name), "党员%d", i);
		worksheet_write_string(ws, (lxw_row_t)i, 0, name, NULL);
		worksheet_write_number(ws, (lxw_row_t)i, 1, 37135, NULL);
	}
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
	p = slurp_unlink(path, &len);
	assert_int_equal(roster_read(p, len, &lim, count_row, &r, &why), ERR_OK);
	assert_int_equal(r.n, 20001);
	assert_int_equal(r.last, 20000);
	assert_string_equal(r.text[0][0], "党员5000");
	lim.rows_max = 1000;	/* IMP-01 */
	assert_int_equal(roster_read(p, len, &lim, count_row, &r, &why), ERR_TOO_BIG);
	free(p);
}

/* A sheet part of 8 MiB of spaces compresses ~1000:1: refused by its
 * declared ratio before inflating (IMP-02), and by the byte cap too. */
static void
test_roster_read_zip_bomb_imp02(void **state)
{
	struct roster_limits lim = limits();
	struct rows r = { 0 };
	size_t n = 8u << 20, len;
	char *big = malloc(n), path[64], *p;
	const char *wbx = "<?xml version=\"1.0\"?><workbook><sheets><sheet name=\"a\" "
	    "sheetId=\"1\"/></sheets></workbook>", *why;
	zip_t *z;
	int err;

	(void)state;
	memcpy(big, "<worksheet>", 11);
	memset(big + 11, ' ', n - 11);
	temp_path(path);
	z = zip_open(path, ZIP_TRUNCATE, &err);
	zip_file_add(z, "xl/workbook.xml", zip_source_buffer(z, wbx, strlen(wbx), 0), 0);
	zip_file_add(z, "xl/worksheets/sheet1.xml", zip_source_buffer(z, big, n, 0), 0);
	assert_int_equal(zip_close(z), 0);
	p = slurp_unlink(path, &len);
	assert_true(len < n / 200);
	assert_int_equal(roster_read(p, len, &lim, keep_row, &r, &why), ERR_TOO_BIG);
	assert_non_null(strstr(why, "压缩炸弹"));
	lim.ratio_max = 0;	/* without the ratio: the byte cap while inflating */
	lim.part_max = 1u << 20;
	assert_int_equal(roster_read(p, len, &lim, keep_row, &r, &why), ERR_TOO_BIG);
	assert_int_equal(r.n, 0);
	free(p);
	free(big);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_roster_header_synonyms_imp03),
		cmocka_unit_test(test_roster_dates_imp04),
		cmocka_unit_test(test_roster_ids_id01_imp05),
		cmocka_unit_test(test_roster_choices),
		cmocka_unit_test(test_roster_path_kinds_imp06),
		cmocka_unit_test(test_roster_formula_cells_imp09),
		cmocka_unit_test(test_roster_read_csv_utf8_and_gb18030),
		cmocka_unit_test(test_roster_read_rows_limit_imp01),
		cmocka_unit_test(test_roster_read_xlsx_streams),
		cmocka_unit_test(test_roster_read_zip_bomb_imp02),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_xlsx_read.c: reading the first sheet of an .xlsx (report/xlsx_read):
 * workbooks written by libxlsxwriter (shared strings and, in
 * constant-memory mode, inline strings), and refusals of garbage,
 * truncated files, zips that are no workbook, DTDs, bad string indexes,
 * sheets past the row/column limits and a part that inflates past its
 * limit (a zip bomb). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>
#include <zip.h>

#include "core/err.h"
#include "report/xlsx_read.h"

/* Reads a whole file into malloc'd memory. */
static char *
slurp(const char *path, size_t *len)
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
	*len = (size_t)n;
	return p;
}

static void
temp_path(char *path)
{
	int fd;

	strcpy(path, "/tmp/test-xlsx-read-XXXXXX");
	fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
}

/* A workbook like an export: title, header, rows with text and numbers,
 * blanks in between; constant: libxlsxwriter's constant-memory mode. */
static char *
write_book(int constant, size_t *len)
{
	lxw_workbook_options o = { .constant_memory = constant ? LXW_TRUE : LXW_FALSE };
	char path[64];
	lxw_workbook *wb;
	lxw_worksheet *ws, *ws2;
	char *p;

	temp_path(path);
	wb = workbook_new_opt(path, &o);
	ws = workbook_add_worksheet(wb, "评分细则");
	ws2 = workbook_add_worksheet(wb, "其他");
	worksheet_write_string(ws, 0, 0, "清廉学校建设评价指标", NULL);
	worksheet_write_string(ws, 2, 0, "编号", NULL);
	worksheet_write_string(ws, 2, 2, "指标 & <名称>", NULL);
	worksheet_write_string(ws, 3, 0, "1.1", NULL);
	worksheet_write_number(ws, 3, 1, 2, NULL);
	worksheet_write_number(ws, 3, 3, 12.5, NULL);
	worksheet_write_boolean(ws, 4, 8, 1, NULL);
	worksheet_write_string(ws, 5, 2, "编号", NULL);	/* a repeated shared string */
	worksheet_write_string(ws2, 0, 0, "不是第一张表", NULL);
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
	p = slurp(path, len);
	unlink(path);
	return p;
}

static void
check_book(int constant)
{
	struct xlsx_grid g;
	const char *why;
	size_t len;
	char *p = write_book(constant, &len);

	assert_int_equal(xlsx_read(p, len, NULL, &g, &why), ERR_OK);
	assert_int_equal(g.rows, 6);
	assert_int_equal(g.cols, 9);
	assert_string_equal(xlsx_cell(&g, 0, 0), "清廉学校建设评价指标");
	assert_string_equal(xlsx_cell(&g, 2, 0), "编号");
	assert_string_equal(xlsx_cell(&g, 2, 1), "");
	assert_string_equal(xlsx_cell(&g, 2, 2), "指标 & <名称>");
	assert_string_equal(xlsx_cell(&g, 3, 0), "1.1");
	assert_string_equal(xlsx_cell(&g, 3, 1), "2");
	assert_string_equal(xlsx_cell(&g, 3, 3), "12.5");
	assert_string_equal(xlsx_cell(&g, 4, 8), "1");
	assert_string_equal(xlsx_cell(&g, 5, 2), "编号");
	assert_string_equal(xlsx_cell(&g, 99, 99), "");
	assert_string_equal(xlsx_cell(&g, -1, 0), "");
	xlsx_grid_release(&g);
	free(p);
}

static void
test_xlsx_read_shared_strings(void **state)
{
	(void)state;
	check_book(0);
}

static void
test_xlsx_read_inline_strings(void **state)
{
	(void)state;
	check_book(1);
}

static void
expect_refused(const void *p, size_t len, const struct xlsx_limits *lim, enum err want)
{
	struct xlsx_grid g;
	const char *why = NULL;

	assert_int_equal(xlsx_read(p, len, lim, &g, &why), want);
	assert_non_null(why);
	assert_true(strlen(why) > 0);
	xlsx_grid_release(&g);
}

static void
test_xlsx_read_refuses_garbage(void **state)
{
	static const char junk[] = "PK\x03\x04 this is not really a zip at all";

	(void)state;
	expect_refused("", 0, NULL, ERR_INVALID);
	expect_refused("hello, world", 12, NULL, ERR_INVALID);
	expect_refused(junk, sizeof(junk), NULL, ERR_INVALID);
}

static void
test_xlsx_read_refuses_truncated(void **state)
{
	size_t len;
	char *p = write_book(0, &len);

	(void)state;
	expect_refused(p, len / 2, NULL, ERR_INVALID);
	expect_refused(p, len - 30, NULL, ERR_INVALID);
	/* a flipped byte inside the compressed data */
	p[len / 3] ^= 0x55;
	{
		struct xlsx_grid g;
		const char *why;
		enum err e = xlsx_read(p, len, NULL, &g, &why);

		assert_true(e == ERR_OK || e == ERR_INVALID);	/* never a crash */
		xlsx_grid_release(&g);
	}
	free(p);
}

/* A zip of the given entries (name, content pairs, NULL-ended). */
static char *
make_zip(const char *const *entries, const size_t *sizes, size_t *len)
{
	char path[64];
	zip_t *z;
	int err;
	char *p;

	temp_path(path);
	z = zip_open(path, ZIP_TRUNCATE, &err);
	assert_non_null(z);
	for (int i = 0; entries[i]; i += 2) {
		size_t n = sizes ? sizes[i / 2] : strlen(entries[i + 1]);
		zip_source_t *s = zip_source_buffer(z, entries[i + 1], n, 0);

		assert_true(zip_file_add(z, entries[i], s, ZIP_FL_OVERWRITE) >= 0);
	}
	assert_int_equal(zip_close(z), 0);
	p = slurp(path, len);
	unlink(path);
	return p;
}

#define WB "<?xml version=\"1.0\"?><workbook><sheets><sheet name=\"a\" sheetId=\"1\"/>" \
	"</sheets></workbook>"

static void
refuse_sheet(const char *sheet, const char *strings, const struct xlsx_limits *lim,
    enum err want)
{
	const char *ent[] = { "xl/workbook.xml", WB, "xl/worksheets/sheet1.xml", sheet,
		strings ? "xl/sharedStrings.xml" : NULL, strings, NULL };
	size_t len;
	char *p = make_zip(ent, NULL, &len);

	expect_refused(p, len, lim, want);
	free(p);
}

static void
test_xlsx_read_refuses_non_workbooks(void **state)
{
	const char *ent[] = { "hello.txt", "not a workbook", NULL };
	const char *ent2[] = { "xl/workbook.xml", WB, NULL };
	size_t len;
	char *p = make_zip(ent, NULL, &len);

	(void)state;
	expect_refused(p, len, NULL, ERR_INVALID);
	free(p);
	p = make_zip(ent2, NULL, &len);	/* a workbook without its sheet */
	expect_refused(p, len, NULL, ERR_INVALID);
	free(p);
	refuse_sheet("<worksheet><sheetData><row r=\"1\"><c r=\"A1\"", NULL, NULL, ERR_INVALID);
	refuse_sheet("<worksheet><sheetData><row r=\"1\"><c r=\"1A\"><v>1</v></c></row>"
	    "</sheetData></worksheet>", NULL, NULL, ERR_INVALID);
}

static void
test_xlsx_read_refuses_dtd_and_bad_index(void **state)
{
	(void)state;
	refuse_sheet("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
	    "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">]>"
	    "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&lol2;</t>"
	    "</is></c></row></sheetData></worksheet>", NULL, NULL, ERR_INVALID);
	refuse_sheet("<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>5</v></c></row>"
	    "</sheetData></worksheet>", "<sst><si><t>only one</t></si></sst>", NULL,
	    ERR_INVALID);
	refuse_sheet("<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>-1</v></c></row>"
	    "</sheetData></worksheet>", "<sst><si><t>x</t></si></sst>", NULL, ERR_INVALID);
}

static void
test_xlsx_read_limits(void **state)
{
	struct xlsx_limits lim = xlsx_limits_default;

	(void)state;
	refuse_sheet("<worksheet><sheetData><row r=\"1\"><c r=\"BZ1\"><v>1</v></c></row>"
	    "</sheetData></worksheet>", NULL, NULL, ERR_TOO_BIG);	/* column 78 > 64 */
	refuse_sheet("<worksheet><sheetData><row r=\"20000\"><c r=\"A20000\"><v>1</v></c>"
	    "</row></sheetData></worksheet>", NULL, NULL, ERR_TOO_BIG);
	lim.cell_max = 4;
	refuse_sheet("<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is>"
	    "<t>too long</t></is></c></row></sheetData></worksheet>", NULL, &lim, ERR_TOO_BIG);
	lim = xlsx_limits_default;
	lim.strings_max = 1;
	refuse_sheet("<worksheet><sheetData/></worksheet>",
	    "<sst><si><t>a</t></si><si><t>b</t></si></sst>", &lim, ERR_TOO_BIG);
}

/* 17 MiB of spaces inside the sheet: a few KB compressed, refused once the
 * inflated bytes pass the 16 MiB part limit (the default). */
static void
test_xlsx_read_refuses_zip_bomb(void **state)
{
	size_t n = 17u << 20, len;
	char *big = malloc(n);
	const char *ent[] = { "xl/workbook.xml", WB, "xl/worksheets/sheet1.xml", big, NULL };
	size_t sizes[] = { strlen(WB), n };
	char *p;

	(void)state;
	memcpy(big, "<worksheet>", 11);
	memset(big + 11, ' ', n - 11);
	p = make_zip(ent, sizes, &len);
	assert_true(len < n / 100);
	expect_refused(p, len, NULL, ERR_TOO_BIG);
	free(p);
	free(big);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_xlsx_read_shared_strings),
		cmocka_unit_test(test_xlsx_read_inline_strings),
		cmocka_unit_test(test_xlsx_read_refuses_garbage),
		cmocka_unit_test(test_xlsx_read_refuses_truncated),
		cmocka_unit_test(test_xlsx_read_refuses_non_workbooks),
		cmocka_unit_test(test_xlsx_read_refuses_dtd_and_bad_index),
		cmocka_unit_test(test_xlsx_read_limits),
		cmocka_unit_test(test_xlsx_read_refuses_zip_bomb),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

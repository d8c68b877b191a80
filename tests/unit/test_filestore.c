/* test_filestore.c: the one module for uploaded files: kinds accepted and
 * refused by their first bytes (per caller's allowed set), the client's
 * name, size limits, random stored names, and that no failed write (a
 * short write, a failed rename, a commit that fails after the file was
 * placed) leaves a file behind. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/config.h"
#include "core/err.h"
#include "core/filestore.h"
#include "office_zip.h"

#include <xlsxwriter.h>

#define DOCX "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
#define XLSX "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

static char dir[64];

/* Files in dir, the folder itself not counted. */
static int
count_files(void)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int n = 0;

	if (!d)
		return 0;
	while ((de = readdir(d)))
		n += strcmp(de->d_name, ".") && strcmp(de->d_name, "..");
	closedir(d);
	return n;
}

static int
setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/hy-filestore-XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	cfg.files_dir = dir;
	return 0;
}

static int
teardown(void **state)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char p[PATH_MAX];

	(void)state;
	while (d && (de = readdir(d)))
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, "..")) {
			snprintf(p, sizeof(p), "%s/%s", dir, de->d_name);
			unlink(p);
		}
	if (d)
		closedir(d);
	rmdir(dir);
	return 0;
}

/* .docx and .xlsx: a zip whose [Content_Types].xml names the matching main
 * part, present (issue 10: any zip renamed was accepted). */
static void
test_filestore_office_files_by_content_types(void **state)
{
	size_t n[5] = { 0 };
	unsigned char *docx = office_zip(OFFICE_DOCX_MAIN, "word/document.xml", 1, &n[0]);
	unsigned char *xlsx = office_zip(OFFICE_XLSX_MAIN, "xl/workbook.xml", 1, &n[1]);
	unsigned char *plain = office_zip(NULL, NULL, 0, &n[2]);
	unsigned char *no_part = office_zip(OFFICE_DOCX_MAIN, "word/document.xml", 0, &n[3]);

	(void)state;
	assert_true(docx && xlsx && plain && no_part);
	assert_string_equal(filestore_type(docx, n[0], "报告.DOCX", FILESTORE_DOCUMENTS), DOCX);
	assert_string_equal(filestore_type(xlsx, n[1], "表.xlsx", FILESTORE_DOCUMENTS), XLSX);
	assert_null(filestore_type(docx, n[0], "表.xlsx", FILESTORE_DOCUMENTS));	/* wrong main */
	assert_null(filestore_type(xlsx, n[1], "报告.docx", FILESTORE_DOCUMENTS));
	assert_null(filestore_type(plain, n[2], "报告.docx", FILESTORE_DOCUMENTS));
	assert_null(filestore_type(plain, n[2], "表.xlsx", FILESTORE_DOCUMENTS));
	assert_null(filestore_type(no_part, n[3], "报告.docx", FILESTORE_DOCUMENTS));
	assert_null(filestore_type(docx, n[0], "a.zip", FILESTORE_DOCUMENTS));
	assert_null(filestore_type(docx, n[0], NULL, FILESTORE_DOCUMENTS));
	assert_null(filestore_type(docx, n[0], ".docx", FILESTORE_DOCUMENTS));
	assert_null(filestore_type(docx, n[0] / 2, "报告.docx", FILESTORE_DOCUMENTS));	/* cut */
	assert_null(filestore_type(docx, n[0], "报告.docx", FILESTORE_PDF));
	free(docx);
	free(xlsx);
	free(plain);
	free(no_part);
}

/* A workbook written by libxlsxwriter (as Hongyan's own exports are) is
 * an Excel file. */
static void
test_filestore_real_workbook_is_xlsx(void **state)
{
	char path[] = "/tmp/hy-xlsx-XXXXXX";
	lxw_workbook *wb;
	unsigned char *bytes;
	FILE *f;
	long n;
	int fd = mkstemp(path);

	(void)state;
	assert_true(fd >= 0);
	close(fd);
	wb = workbook_new(path);
	assert_non_null(wb);
	worksheet_write_string(workbook_add_worksheet(wb, NULL), 0, 0, "党员", NULL);
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
	f = fopen(path, "rb");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	bytes = malloc((size_t)n);
	assert_int_equal(fread(bytes, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	unlink(path);
	assert_string_equal(filestore_type(bytes, (size_t)n, "名册.xlsx", FILESTORE_DOCUMENTS), XLSX);
	assert_null(filestore_type(bytes, (size_t)n, "名册.docx", FILESTORE_DOCUMENTS));
	free(bytes);
}

static void
test_filestore_types_by_magic_bytes(void **state)
{
	(void)state;
	assert_string_equal(filestore_type("\xff\xd8\xff\xe0x", 5, "a.png", FILESTORE_DOCUMENTS),
	    "image/jpeg");	/* the bytes decide, not the name */
	assert_string_equal(filestore_type("\x89PNG\r\n\x1a\nx", 9, NULL, FILESTORE_DOCUMENTS),
	    "image/png");
	assert_string_equal(filestore_type("%PDF-1.4", 8, "a", FILESTORE_DOCUMENTS),
	    "application/pdf");
	assert_null(filestore_type("PK\x03\x04x", 5, "报告.docx", FILESTORE_DOCUMENTS));
	assert_null(filestore_type("MZ\x90\x00", 4, "a.pdf", FILESTORE_DOCUMENTS));
	assert_null(filestore_type("%PD", 3, "a.pdf", FILESTORE_DOCUMENTS));
	assert_null(filestore_type("<svg>", 5, "a.jpg", FILESTORE_DOCUMENTS));
	assert_null(filestore_type("", 0, "a.pdf", FILESTORE_DOCUMENTS));
}

static void
test_filestore_types_per_caller(void **state)
{
	(void)state;
	assert_string_equal(filestore_type("\xff\xd8\xff", 3, "a.jpg", FILESTORE_JPEG | FILESTORE_PNG),
	    "image/jpeg");
	assert_null(filestore_type("%PDF-1.4", 8, "a.pdf", FILESTORE_JPEG | FILESTORE_PNG));
	assert_null(filestore_type("PK\x03\x04x", 5, "a.xlsx", FILESTORE_DOCX));
	assert_null(filestore_type("\xff\xd8\xff", 3, "a.jpg", 0));
}

static void
test_filestore_mime_is_static(void **state)
{
	char copy[] = "application/pdf";

	(void)state;
	assert_ptr_equal(filestore_mime(copy), filestore_type("%PDF-", 5, NULL, FILESTORE_PDF));
	assert_string_equal(filestore_mime("text/html"), "application/octet-stream");
	assert_string_equal(filestore_mime(NULL), "application/octet-stream");
}

static void
test_filestore_client_names(void **state)
{
	char long_name[202];

	(void)state;
	assert_true(filestore_name_ok("会议记录 2026.pdf"));
	assert_false(filestore_name_ok(NULL));
	assert_false(filestore_name_ok(""));
	assert_false(filestore_name_ok("../etc/passwd"));
	assert_false(filestore_name_ok("a\\b.pdf"));
	assert_false(filestore_name_ok("a\"b.pdf"));
	assert_false(filestore_name_ok("a\nb.pdf"));
	assert_false(filestore_name_ok("a\x7f.pdf"));
	memset(long_name, 'a', 200);
	long_name[200] = '\0';
	assert_true(filestore_name_ok(long_name));
	long_name[200] = 'a';
	long_name[201] = '\0';
	assert_false(filestore_name_ok(long_name));
}

static void
test_filestore_check_names_each_field(void **state)
{
	struct problem pb = { 0 };
	const char *mime = "x";

	(void)state;
	assert_int_equal(filestore_check("a/b", "", 0, FILESTORE_DOCUMENTS, 0, &pb, &mime),
	    ERR_INVALID);
	assert_int_equal(pb.nfields, 2);
	assert_string_equal(pb.fields[0].field, "name");
	assert_string_equal(pb.fields[1].field, "file");
	assert_string_equal(pb.fields[1].msg, "文件为空");
	assert_null(mime);

	memset(&pb, 0, sizeof(pb));
	assert_int_equal(filestore_check("a.exe", "MZ", 2, FILESTORE_DOCUMENTS, 0, &pb, &mime),
	    ERR_INVALID);
	assert_string_equal(pb.fields[0].msg,
	    "只能上传 JPG、PNG、PDF、Word(.docx) 或 Excel(.xlsx) 文件");

	memset(&pb, 0, sizeof(pb));
	assert_int_equal(filestore_check("a.pdf", "%PDF-", 5, FILESTORE_JPEG | FILESTORE_PNG, 0, &pb,
	    &mime), ERR_INVALID);
	assert_string_equal(pb.fields[0].msg, "只能上传 JPG 或 PNG 文件");

	memset(&pb, 0, sizeof(pb));
	assert_int_equal(filestore_check("a.jpg", "\xff\xd8\xff", 3, FILESTORE_PDF, 0, &pb, &mime),
	    ERR_INVALID);
	assert_string_equal(pb.fields[0].msg, "只能上传 PDF 文件");

	memset(&pb, 0, sizeof(pb));
	assert_int_equal(filestore_check("a.pdf", "%PDF-", 5, FILESTORE_PDF, 0, &pb, &mime), ERR_OK);
	assert_int_equal(pb.nfields, 0);
	assert_string_equal(mime, "application/pdf");
}

static void
test_filestore_check_keeps_callers_fields(void **state)
{
	struct problem pb = { 0 };
	const char *mime;

	(void)state;
	problem_field(&pb, "step", "步骤应为1至25");
	assert_int_equal(filestore_check("a.pdf", "%PDF-", 5, FILESTORE_DOCUMENTS, 0, &pb, &mime),
	    ERR_INVALID);
	assert_int_equal(pb.nfields, 1);
	assert_string_equal(mime, "application/pdf");
}

static void
test_filestore_check_size_limit(void **state)
{
	struct problem pb = { 0 };
	const char *mime;

	(void)state;
	assert_int_equal(filestore_check("a.pdf", "%PDF-1.7", 8, FILESTORE_DOCUMENTS, 8, &pb, &mime),
	    ERR_OK);
	assert_int_equal(filestore_check("a.pdf", "%PDF-1.7", 8, FILESTORE_DOCUMENTS, 7, &pb, &mime),
	    ERR_TOO_BIG);
	assert_int_equal(filestore_check("a.pdf", "%PDF-1.7", 8, FILESTORE_DOCUMENTS, 0, &pb, &mime),
	    ERR_OK);
	assert_int_equal(pb.nfields, 0);
}

static void
test_filestore_stores_by_random_name(void **state)
{
	struct filestore_put a = { 0 }, b = { 0 };
	char got[16] = { 0 };
	struct stat st;
	int fd;

	(void)state;
	assert_int_equal(filestore_stage(&a, "%PDF-1.7", 8), ERR_OK);
	assert_int_equal(filestore_stage(&b, "%PDF-1.7", 8), ERR_OK);
	assert_int_equal(strlen(a.stored), 43);
	assert_int_equal(strspn(a.stored, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	    "0123456789-_"), 43);
	assert_string_not_equal(a.stored, b.stored);
	assert_int_equal(filestore_open(a.stored, 8, &fd), ERR_STORE);	/* not placed yet */
	assert_int_equal(filestore_place(&a), ERR_OK);
	assert_int_equal(filestore_end(&a, ERR_OK), ERR_OK);
	assert_int_equal(filestore_end(&b, ERR_INVALID), ERR_INVALID);
	assert_int_equal(count_files(), 1);

	assert_int_equal(filestore_open(a.stored, 8, &fd), ERR_OK);
	assert_int_equal(fstat(fd, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_int_equal(read(fd, got, sizeof(got)), 8);
	assert_string_equal(got, "%PDF-1.7");
	close(fd);
	assert_int_equal(filestore_open(a.stored, 9, &fd), ERR_STORE);	/* size differs */
	assert_int_equal(fd, -1);
	assert_int_equal(filestore_open("../x", -1, &fd), ERR_STORE);
	assert_int_equal(filestore_open(NULL, -1, &fd), ERR_STORE);

	filestore_remove(a.stored);
	filestore_remove(a.stored);	/* gone already: quiet */
	filestore_remove(NULL);
	assert_int_equal(count_files(), 0);
	assert_int_equal(filestore_open(a.stored, -1, &fd), ERR_STORE);
}

/* The commit failed after the rename: the placed file goes too. */
static void
test_filestore_failed_commit_leaves_no_file(void **state)
{
	struct filestore_put fp = { 0 };

	(void)state;
	assert_int_equal(filestore_stage(&fp, "\x89PNG\r\n\x1a\n", 8), ERR_OK);
	assert_int_equal(count_files(), 1);
	assert_int_equal(filestore_place(&fp), ERR_OK);
	assert_int_equal(filestore_end(&fp, ERR_STORE), ERR_STORE);
	assert_int_equal(count_files(), 0);
	assert_int_equal(filestore_end(&fp, ERR_STORE), ERR_STORE);	/* twice is harmless */
}

/* The rename failed (its target folder is gone): the temp file goes. */
static void
test_filestore_failed_rename_leaves_no_file(void **state)
{
	struct filestore_put fp = { 0 };

	(void)state;
	assert_int_equal(filestore_stage(&fp, "%PDF-", 5), ERR_OK);
	snprintf(fp.dst, sizeof(fp.dst), "%s/no-such-folder/x", dir);
	assert_int_equal(filestore_place(&fp), ERR_STORE);
	assert_int_equal(filestore_end(&fp, ERR_STORE), ERR_STORE);
	assert_int_equal(count_files(), 0);
}

/* A short write (the file size limit of the process) leaves no temp file. */
static void
test_filestore_failed_write_leaves_no_file(void **state)
{
	struct filestore_put fp = { 0 };
	struct rlimit old, small = { 4, 0 };
	char big[64];

	(void)state;
	memset(big, 'x', sizeof(big));
	memcpy(big, "%PDF-", 5);
	assert_int_equal(getrlimit(RLIMIT_FSIZE, &old), 0);
	small.rlim_max = old.rlim_max;
	signal(SIGXFSZ, SIG_IGN);
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &small), 0);
	assert_int_equal(filestore_stage(&fp, big, sizeof(big)), ERR_STORE);
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &old), 0);
	signal(SIGXFSZ, SIG_DFL);
	assert_int_equal(fp.state, 0);
	assert_int_equal(filestore_end(&fp, ERR_STORE), ERR_STORE);
	assert_int_equal(count_files(), 0);
}

/* The files folder cannot be made: nothing is written anywhere. */
static void
test_filestore_unusable_folder(void **state)
{
	struct filestore_put fp = { 0 };
	char blocker[128];
	FILE *f;

	(void)state;
	snprintf(blocker, sizeof(blocker), "%s/plain-file", dir);
	assert_non_null(f = fopen(blocker, "w"));
	fclose(f);
	cfg.files_dir = blocker;
	assert_int_equal(filestore_stage(&fp, "%PDF-", 5), ERR_STORE);
	cfg.files_dir = dir;
	assert_int_equal(filestore_end(&fp, ERR_STORE), ERR_STORE);
	assert_int_equal(count_files(), 1);	/* only the blocker */
	unlink(blocker);
}

/* The folder is made when missing, private to the server. */
static void
test_filestore_makes_its_folder(void **state)
{
	struct filestore_put fp = { 0 };
	char sub[128];
	struct stat st;

	(void)state;
	snprintf(sub, sizeof(sub), "%s/files", dir);
	cfg.files_dir = sub;
	assert_int_equal(filestore_stage(&fp, "%PDF-", 5), ERR_OK);
	assert_int_equal(filestore_end(&fp, ERR_CONFLICT), ERR_CONFLICT);
	assert_int_equal(stat(sub, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0700);
	cfg.files_dir = dir;
	assert_int_equal(rmdir(sub), 0);	/* empty: the temp file went */
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_filestore_types_by_magic_bytes),
		cmocka_unit_test(test_filestore_office_files_by_content_types),
		cmocka_unit_test(test_filestore_real_workbook_is_xlsx),
		cmocka_unit_test(test_filestore_types_per_caller),
		cmocka_unit_test(test_filestore_mime_is_static),
		cmocka_unit_test(test_filestore_client_names),
		cmocka_unit_test(test_filestore_check_names_each_field),
		cmocka_unit_test(test_filestore_check_keeps_callers_fields),
		cmocka_unit_test(test_filestore_check_size_limit),
		cmocka_unit_test(test_filestore_stores_by_random_name),
		cmocka_unit_test(test_filestore_failed_commit_leaves_no_file),
		cmocka_unit_test(test_filestore_failed_rename_leaves_no_file),
		cmocka_unit_test(test_filestore_failed_write_leaves_no_file),
		cmocka_unit_test(test_filestore_unusable_folder),
		cmocka_unit_test(test_filestore_makes_its_folder),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}

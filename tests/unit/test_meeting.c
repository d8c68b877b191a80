/* test_meeting.c: the pure rules of meetings: kinds and organizations,
 * quorum (ORG-11), the appraisal cap (ORG-16), the sign-in window and its
 * signed token, file types, and the PNG writer behind QR images. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "auth/crypto.h"
#include "core/dates.h"
#include "core/png.h"
#include "party/meeting.h"
#include "office_zip.h"

static void
test_meeting_kind_needs_matching_org(void **state)
{
	(void)state;
	assert_true(meeting_kind_org_ok("committee", "branch"));
	assert_true(meeting_kind_org_ok("committee", "general_branch"));
	assert_true(meeting_kind_org_ok("committee", "party_committee"));
	assert_false(meeting_kind_org_ok("committee", "group"));
	assert_false(meeting_kind_org_ok("committee", "district_committee"));
	assert_true(meeting_kind_org_ok("group", "group"));
	assert_false(meeting_kind_org_ok("group", "branch"));
	assert_true(meeting_kind_org_ok("branch_assembly", "branch"));
	assert_false(meeting_kind_org_ok("branch_assembly", "party_committee"));
	assert_false(meeting_kind_org_ok("lecture", "group"));
	assert_true(meeting_kind_org_ok("lecture", "branch"));
}

/* ORG-11: valid only with more than half of the committee present. */
static void
test_meeting_quorum_org11_boundaries(void **state)
{
	struct arena a = ARENA_INIT;

	(void)state;
	assert_true(meeting_quorum_ok(5, 3));
	assert_false(meeting_quorum_ok(5, 2));
	assert_true(meeting_quorum_ok(4, 3));
	assert_false(meeting_quorum_ok(4, 2));	/* exactly half is not more than half */
	assert_true(meeting_quorum_ok(3, 2));
	assert_false(meeting_quorum_ok(0, 0));
	assert_non_null(strstr(meeting_quorum_message(5, 2, &a), "未超过半数"));
	assert_non_null(strstr(meeting_quorum_message(5, 3, &a), "ORG-11"));
	arena_release(&a);
}

/* ORG-16: at most one third of the graded members are excellent. */
static void
test_meeting_appraisal_cap_org16(void **state)
{
	(void)state;
	assert_true(meeting_excellent_ok(3, 9, 3));
	assert_false(meeting_excellent_ok(4, 9, 3));
	assert_true(meeting_excellent_ok(3, 10, 3));
	assert_false(meeting_excellent_ok(4, 11, 3));
	assert_true(meeting_excellent_ok(4, 12, 3));
	assert_true(meeting_excellent_ok(0, 0, 3));
	assert_false(meeting_excellent_ok(1, 2, 3));
	assert_true(meeting_excellent_ok(1, 2, 2));	/* configurable */
}

static void
test_meeting_window_edges(void **state)
{
	(void)state;
	assert_int_equal(meeting_window(1000, 1120, 30, 969), -1);
	assert_int_equal(meeting_window(1000, 1120, 30, 970), 0);
	assert_int_equal(meeting_window(1000, 1120, 30, 1120), 0);
	assert_int_equal(meeting_window(1000, 1120, 30, 1121), 1);
}

static void
test_meeting_validate_names_fields(void **state)
{
	struct meeting m = { .kind = "activity", .theme = "", .lecturer = "", .held_at = 100000 };
	struct problem pb = { 0 };
	int64_t now = 100000;

	(void)state;
	assert_int_equal(meeting_validate(&m, now, &pb), ERR_INVALID);
	assert_true(problem_has(&pb, "theme"));
	assert_int_equal(m.ends_at, 100000 + MEETING_DEFAULT_MIN);
	memset(&pb, 0, sizeof(pb));
	m = (struct meeting){ .kind = "lecture", .theme = "", .lecturer = "", .held_at = now };
	assert_int_equal(meeting_validate(&m, now, &pb), ERR_INVALID);
	assert_true(problem_has(&pb, "lecturer"));
	memset(&pb, 0, sizeof(pb));
	m = (struct meeting){ .kind = "committee", .theme = "oath", .held_at = now };
	assert_int_equal(meeting_validate(&m, now, &pb), ERR_INVALID);
	assert_true(problem_has(&pb, "theme"));
	memset(&pb, 0, sizeof(pb));
	m = (struct meeting){ .kind = "committee", .held_at = now, .ends_at = now };
	assert_int_equal(meeting_validate(&m, now, &pb), ERR_INVALID);
	assert_true(problem_has(&pb, "ends_at"));
	memset(&pb, 0, sizeof(pb));
	m = (struct meeting){ .kind = "committee", .held_at = now + 367 * 1440 };
	assert_int_equal(meeting_validate(&m, now, &pb), ERR_INVALID);
	assert_true(problem_has(&pb, "held_at"));
	memset(&pb, 0, sizeof(pb));
	m = (struct meeting){ .kind = "committee", .held_at = now + 30 * 1440 };
	assert_int_equal(meeting_validate(&m, now, &pb), ERR_OK);	/* scheduling ahead */
}

static int
key_setup(void **state)
{
	char path[] = "/tmp/hy_meeting_keyXXXXXX";
	int fd = mkstemp(path);

	(void)state;
	close(fd);
	unlink(path);
	if (crypto_init() || crypto_key_create(path) || crypto_key_load(path))
		return -1;
	unlink(path);
	return 0;
}

static void
test_meeting_token_sign_verify_tamper(void **state)
{
	char tok[MEETING_TOKEN_MAX], bad[MEETING_TOKEN_MAX];
	int64_t id = 0, exp = 0;

	(void)state;
	meeting_token_make(42, 29000000, tok);
	assert_int_equal(meeting_token_check(tok, &id, &exp), ERR_OK);
	assert_int_equal(id, 42);
	assert_int_equal(exp, 29000000);
	/* Another meeting id with the same MAC. */
	snprintf(bad, sizeof(bad), "43%s", strchr(tok, '.'));
	assert_int_equal(meeting_token_check(bad, &id, &exp), ERR_INVALID);
	/* A later expiry with the same MAC. */
	snprintf(bad, sizeof(bad), "42.29999999%s", strchr(strchr(tok, '.') + 1, '.'));
	assert_int_equal(meeting_token_check(bad, &id, &exp), ERR_INVALID);
	/* One MAC digit changed. */
	snprintf(bad, sizeof(bad), "%s", tok);
	bad[strlen(bad) - 1] = bad[strlen(bad) - 1] == '0' ? '1' : '0';
	assert_int_equal(meeting_token_check(bad, &id, &exp), ERR_INVALID);
	assert_int_equal(meeting_token_check("", &id, &exp), ERR_INVALID);
	assert_int_equal(meeting_token_check("abc", &id, &exp), ERR_INVALID);
	assert_int_equal(meeting_token_check("1.2", &id, &exp), ERR_INVALID);
}

/* Expiry is the window's end the token carries: past it, the check fails. */
static void
test_meeting_token_expiry_is_carried(void **state)
{
	char tok[MEETING_TOKEN_MAX];
	int64_t id, exp, now;

	(void)state;
	datetime_parse("2026-07-01T10:00", &now);
	meeting_token_make(7, now + 120, tok);
	assert_int_equal(meeting_token_check(tok, &id, &exp), ERR_OK);
	assert_true(now <= exp);
	assert_true(now + 121 > exp);
}

static void
test_meeting_file_type_by_magic(void **state)
{
	unsigned char *docx, *xlsx;
	size_t dn = 0, xn = 0;

	(void)state;
	assert_string_equal(meeting_file_type("\xff\xd8\xff\xe0xx", 6, "a.jpg"), "image/jpeg");
	assert_string_equal(meeting_file_type("\x89PNG\r\n\x1a\nxx", 10, "a.png"), "image/png");
	assert_string_equal(meeting_file_type("%PDF-1.7", 8, "a.pdf"), "application/pdf");
	assert_null(meeting_file_type("PK\x03\x04xx", 6, "a.DOCX"));	/* zip magic alone */
	docx = office_zip(OFFICE_DOCX_MAIN, "word/document.xml", 1, &dn);
	xlsx = office_zip(OFFICE_XLSX_MAIN, "xl/workbook.xml", 1, &xn);
	assert_true(docx && xlsx);
	assert_non_null(strstr(meeting_file_type(docx, dn, "a.DOCX"), "wordprocessing"));
	assert_non_null(strstr(meeting_file_type(xlsx, xn, "b.xlsx"), "spreadsheet"));
	assert_null(meeting_file_type(xlsx, xn, "b.zip"));
	free(docx);
	free(xlsx);
	assert_null(meeting_file_type("MZ\x90\x00", 4, "a.pdf"));	/* name says pdf, bytes do not */
	assert_null(meeting_file_type("%PD", 3, "a.pdf"));
}

static void
test_png_checksums_known_vectors(void **state)
{
	(void)state;
	assert_int_equal(png_crc32(0, "123456789", 9), 0xCBF43926u);
	assert_int_equal(png_adler32(1, "Wikipedia", 9), 0x11E60398u);
	assert_int_equal(png_crc32(0, "IEND", 4), 0xAE426082u);
}

static uint32_t
be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* The image is a valid PNG: signature, IHDR, one stored IDAT whose payload
 * is the filtered rows, and IEND, each chunk with a matching CRC. */
static void
test_png_gray_structure(void **state)
{
	uint8_t pix[6] = { 0, 255, 0, 255, 0, 255 };
	struct buf b = BUF_INIT(1 << 20);
	const unsigned char *p;
	size_t off = 8;
	int chunks = 0;

	(void)state;
	assert_int_equal(png_gray(pix, 3, 2, &b), ERR_OK);
	p = (const unsigned char *)b.p;
	assert_memory_equal(p, "\x89PNG\r\n\x1a\n", 8);
	while (off < b.len) {
		uint32_t n = be32(p + off);

		assert_int_equal(png_crc32(0, p + off + 4, n + 4), be32(p + off + 8 + n));
		if (!memcmp(p + off + 4, "IDAT", 4)) {
			/* zlib header, one final stored block of 2 rows x (1 + 3) bytes. */
			assert_int_equal(p[off + 8], 0x78);
			assert_int_equal(p[off + 10], 1);
			assert_int_equal(p[off + 11] | p[off + 12] << 8, 8);
			assert_int_equal(p[off + 15], 0);	/* filter byte of row 0 */
			assert_int_equal(p[off + 17], 255);
		}
		off += 12 + n;
		chunks++;
	}
	assert_int_equal(off, b.len);
	assert_int_equal(chunks, 3);
	assert_int_equal(be32(p + 16), 3);
	assert_int_equal(be32(p + 20), 2);
	buf_release(&b);
}

/* Every kind and theme has its Chinese name (the ledgers and alerts print
 * them); unknown codes have none. */
static void
test_meeting_labels_cover_every_code(void **state)
{
	(void)state;
	for (int i = 0; meeting_kinds[i]; i++) {
		assert_non_null(meeting_kind_label(meeting_kinds[i]));
		assert_int_equal(meeting_kind_index(meeting_kinds[i]), i);
	}
	for (int i = 0; meeting_themes[i]; i++)
		assert_non_null(meeting_theme_label(meeting_themes[i]));
	assert_string_equal(meeting_kind_label("branch_assembly"), "支部党员大会");
	assert_string_equal(meeting_theme_label("chosen"), "自选动作");
	assert_null(meeting_kind_label("party"));
	assert_null(meeting_theme_label(NULL));
	assert_int_equal(meeting_kind_index("party"), -1);
}

/* ORG-05 advice (a soft rule): boundaries of 3-5 members, at most 7, and a
 * committee only from 7 full members. */
static void
test_meeting_committee_advice_org05(void **state)
{
	char out[256];

	(void)state;
	meeting_committee_advice(2, 7, 7, out, sizeof(out));
	assert_non_null(strstr(out, "应设支部委员会"));
	meeting_committee_advice(3, 7, 7, out, sizeof(out));
	assert_string_equal(out, "");
	meeting_committee_advice(5, 40, 7, out, sizeof(out));
	assert_string_equal(out, "");
	meeting_committee_advice(6, 40, 7, out, sizeof(out));
	assert_non_null(strstr(out, "一般为3至5人"));
	meeting_committee_advice(8, 40, 7, out, sizeof(out));
	assert_non_null(strstr(out, "不超过7人"));
	meeting_committee_advice(2, 6, 7, out, sizeof(out));
	assert_string_equal(out, "");
	meeting_committee_advice(3, 6, 7, out, sizeof(out));
	assert_non_null(strstr(out, "不设支部委员会"));
	meeting_committee_advice(0, 6, 7, out, sizeof(out));
	assert_string_equal(out, "");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_meeting_labels_cover_every_code),
		cmocka_unit_test(test_meeting_committee_advice_org05),
		cmocka_unit_test(test_meeting_kind_needs_matching_org),
		cmocka_unit_test(test_meeting_quorum_org11_boundaries),
		cmocka_unit_test(test_meeting_appraisal_cap_org16),
		cmocka_unit_test(test_meeting_window_edges),
		cmocka_unit_test(test_meeting_validate_names_fields),
		cmocka_unit_test(test_meeting_token_sign_verify_tamper),
		cmocka_unit_test(test_meeting_token_expiry_is_carried),
		cmocka_unit_test(test_meeting_file_type_by_magic),
		cmocka_unit_test(test_png_checksums_known_vectors),
		cmocka_unit_test(test_png_gray_structure),
	};

	return cmocka_run_group_tests(tests, key_setup, NULL);
}

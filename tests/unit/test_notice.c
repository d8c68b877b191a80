/* test_notice.c: the pure rules of announcements (issue 12): which fields
 * a notice needs for its audience, the whole district for district staff
 * only, disjoint audience subtrees, the author's side. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "core/err.h"
#include "notice/notice.h"

static const char *
first_field(const struct problem *pb)
{
	return pb->nfields ? pb->fields[0].field : "";
}

static void
test_notice_check_audience_fields(void **state)
{
	const int64_t two[] = { 5, 6 }, dup[] = { 5, 5 };
	struct notice_in in = { .title = "t", .body = "b", .kind = "notice", .audience = "schools" };
	struct problem pb = { 0 };

	(void)state;
	assert_int_equal(notice_check(&in, ROLE_DISTRICT, &pb), ERR_INVALID);
	assert_string_equal(first_field(&pb), "org_ids");
	in.org_ids = two;
	in.norg_ids = 2;
	in.has_org_ids = 1;
	pb = (struct problem){ 0 };
	assert_int_equal(notice_check(&in, ROLE_SECRETARY, &pb), ERR_OK);
	in.org_id = 7;
	in.has_org_id = 1;
	pb = (struct problem){ 0 };
	assert_int_equal(notice_check(&in, ROLE_SECRETARY, &pb), ERR_INVALID);
	assert_string_equal(first_field(&pb), "org_id");
	in = (struct notice_in){ .audience = "schools", .org_ids = dup, .norg_ids = 2 };
	pb = (struct problem){ 0 };
	assert_int_equal(notice_check(&in, ROLE_DISTRICT, &pb), ERR_INVALID);
	assert_string_equal(first_field(&pb), "org_ids");
	in = (struct notice_in){ .audience = "org" };
	pb = (struct problem){ 0 };
	assert_int_equal(notice_check(&in, ROLE_PRINCIPAL, &pb), ERR_INVALID);
	assert_string_equal(first_field(&pb), "org_id");
}

/* The whole district is district staff's: others get 403 district_only. */
static void
test_notice_check_district_only(void **state)
{
	struct notice_in in = { .audience = "district" };
	struct problem pb = { 0 };

	(void)state;
	assert_int_equal(notice_check(&in, ROLE_DISTRICT, &pb), ERR_OK);
	assert_int_equal(notice_check(&in, ROLE_SECRETARY, &pb), ERR_FORBIDDEN);
	assert_string_equal(pb.code, "district_only");
}

static void
test_notice_disjoint_drops_nested_subtrees(void **state)
{
	const char *paths[] = { "/0000000001/0000000002/0000000005/", "/0000000001/0000000002/",
		"/0000000001/0000000003/", "/0000000001/0000000020/" };
	int keep[4];

	(void)state;
	notice_disjoint(paths, 4, keep);
	assert_int_equal(keep[0], 0);	/* inside /1/2/ */
	assert_int_equal(keep[1], 1);
	assert_int_equal(keep[2], 1);
	assert_int_equal(keep[3], 1);	/* /1/20/ is not inside /1/2/ */
}

static void
test_notice_author_side(void **state)
{
	struct who author = { .user_id = 9, .role = ROLE_SECRETARY };
	struct who other = { .user_id = 10, .role = ROLE_SECRETARY };
	struct who district = { .user_id = 11, .role = ROLE_DISTRICT, .all = 1 };
	struct who member = { .user_id = 12, .role = ROLE_MEMBER };

	(void)state;
	assert_true(notice_author_side(&author, 9));
	assert_false(notice_author_side(&other, 9));
	assert_true(notice_author_side(&district, 9));
	assert_false(notice_author_side(&member, 9));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_notice_check_audience_fields),
		cmocka_unit_test(test_notice_check_district_only),
		cmocka_unit_test(test_notice_disjoint_drops_nested_subtrees),
		cmocka_unit_test(test_notice_author_side),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

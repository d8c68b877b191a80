/* test_member.c: the member record's pure rules around the incoming state
 * (XFER-01: a member arriving with an incoming transfer is "incoming" until
 * received; only the transfer makes or ends that state), and the record
 * checks an arriving record goes through (member_validate). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "core/arena.h"
#include "core/dates.h"
#include "core/err.h"
#include "party/member.h"

static struct member
record(const char *state, int64_t org_id)
{
	struct member m = { .org_id = org_id, .name = "张三", .gender = "male",
		.category = "in_service", .status = "full", .joined_on = "2010-07-01",
		.full_on = "2011-07-01", .state = state };

	if (strcmp(state, "active"))
		m.state_on = "2026-03-02";
	return m;
}

static const char *
msg_of(const struct problem *pb, const char *field)
{
	for (int i = 0; i < pb->nfields; i++)
		if (!strcmp(pb->fields[i].field, field))
			return pb->fields[i].msg;
	return NULL;
}

static void
test_member_incoming_cannot_be_created_by_hand(void **state)
{
	struct member m = record("incoming", 7);
	struct problem pb = { 0 };

	(void)state;
	assert_int_equal(member_check_incoming(NULL, &m, &pb), ERR_INVALID);
	assert_non_null(msg_of(&pb, "state"));
	m = record("active", 7);
	pb = (struct problem){ 0 };
	assert_int_equal(member_check_incoming(NULL, &m, &pb), ERR_OK);
	assert_int_equal(pb.nfields, 0);
}

static void
test_member_incoming_left_only_by_the_transfer(void **state)
{
	struct member old = record("incoming", 7), m = record("active", 7);
	struct problem pb = { 0 };

	(void)state;
	/* XFER-01: becoming active is the receipt's, not a PATCH's */
	assert_int_equal(member_check_incoming(&old, &m, &pb), ERR_INVALID);
	assert_non_null(strstr(msg_of(&pb, "state"), "XFER-01"));
	m = record("removed", 7);
	pb = (struct problem){ 0 };
	assert_int_equal(member_check_incoming(&old, &m, &pb), ERR_INVALID);
	/* an active member cannot be made incoming either */
	pb = (struct problem){ 0 };
	assert_int_equal(member_check_incoming(&m, &old, &pb), ERR_INVALID);
	assert_non_null(msg_of(&pb, "state"));
}

static void
test_member_incoming_edits_stay_in_the_branch(void **state)
{
	struct member old = record("incoming", 7), m = record("incoming", 7);
	struct problem pb = { 0 };

	(void)state;
	m.phone = "13800000000";	/* other fields may be corrected */
	assert_int_equal(member_check_incoming(&old, &m, &pb), ERR_OK);
	m.org_id = 8;
	assert_int_equal(member_check_incoming(&old, &m, &pb), ERR_INVALID);
	assert_non_null(msg_of(&pb, "org_id"));
	/* other states are not this rule's business */
	old = record("active", 7);
	m = record("stopped", 8);
	pb = (struct problem){ 0 };
	assert_int_equal(member_check_incoming(&old, &m, &pb), ERR_OK);
}

static void
test_member_incoming_record_needs_its_date(void **state)
{
	struct arena a = ARENA_INIT;
	struct member m = record("incoming", 7);
	struct problem pb = { 0 };
	int32_t today;

	(void)state;
	assert_int_equal(date_parse("2026-03-02", &today), 0);
	assert_int_equal(member_validate(&m, today, &a, &pb), ERR_OK);
	m.state_on = NULL;	/* not active: the day it was recorded is required */
	assert_int_equal(member_validate(&m, today, &a, &pb), ERR_INVALID);
	assert_non_null(msg_of(&pb, "state_on"));
	arena_release(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_member_incoming_cannot_be_created_by_hand),
		cmocka_unit_test(test_member_incoming_left_only_by_the_transfer),
		cmocka_unit_test(test_member_incoming_edits_stay_in_the_branch),
		cmocka_unit_test(test_member_incoming_record_needs_its_date),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

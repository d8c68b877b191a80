/* test_inspection.c: the pure rules of inspections (issue 4): the state
 * machine (every action from every state), its 409 messages naming the
 * state, the sheet's leaf and note checks, and the evidence keyword table
 * over the shipped quarterly sheet. Pure. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#include "core/arena.h"
#include "core/err.h"
#include "supervise/indicator.h"
#include "supervise/indicator_defaults.h"
#include "supervise/inspection.h"

static void
test_inspection_step_table(void **state)
{
	/* rows: draft, submitted, confirmed; columns: edit, submit, confirm, revise */
	static const int legal[INSP_N][4] = { { 1, 1, 0, 0 }, { 0, 0, 1, 0 }, { 0, 0, 0, 1 } };

	(void)state;
	for (int s = 0; s < INSP_N; s++)
		for (int a = 0; a < 4; a++) {
			enum err e = inspection_step((enum insp_state)s, 0, (enum insp_action)a);

			assert_int_equal(e, legal[s][a] ? ERR_OK : ERR_CONFLICT);
		}
	/* A superseded confirmed inspection is not revised again. */
	assert_int_equal(inspection_step(INSP_CONFIRMED, 1, INSP_REVISE), ERR_CONFLICT);
}

static void
test_inspection_conflict_names_state(void **state)
{
	(void)state;
	assert_non_null(strstr(inspection_conflict_message(INSP_SUBMITTED, 0, INSP_SUBMIT),
	    "已提交"));
	assert_non_null(strstr(inspection_conflict_message(INSP_CONFIRMED, 0, INSP_EDIT), "已确认"));
	assert_non_null(strstr(inspection_conflict_message(INSP_DRAFT, 0, INSP_CONFIRM), "草稿"));
	assert_non_null(strstr(inspection_conflict_message(INSP_CONFIRMED, 1, INSP_REVISE),
	    "修订"));
	assert_int_equal(inspection_state_parse("confirmed"), INSP_CONFIRMED);
	assert_int_equal(inspection_state_parse("closed"), -1);
}

#define IND(lvl, c, p, n) { .level = (lvl), .code = (c), .parent_code = (p), .name = (n), \
	.max_points = 100, .weight = 1000 }

static struct indicator sheet[] = {
	IND(1, "1", NULL, "组织生活（三会一课）"), IND(2, "1.1", "1", "按月召开会议"),
	IND(1, "2", NULL, "党费收缴"), IND(2, "2.1", "2", "按月足额收缴"),
	IND(1, "3", NULL, "清廉学校建设"), IND(2, "3.1", "3", "上季度发现问题整改到位"),
	IND(2, "3.2", "3", "廉洁教育"),
};

/* Issue 11 (1): a parent's score was stored and left out of the total on
 * every sheet but inspections; indicator_score() now refuses it for all. */
static void
test_inspection_leaves_only(void **state)
{
	struct ind_score ok[] = { { "1.1", 50, 0, 0 }, { "3.2", 0, 0, 0 } };
	struct ind_score bad[] = { { "1", 50, 0, 0 }, { "2.1", 1, 0, 0 } };
	struct insp_score noted[] = { { { "2.1", 1, 0, 0 }, NULL } };
	char long_note[1600];
	struct problem pb = { 0 };
	struct ind_rules r;
	struct ind_result res;

	(void)state;
	indicator_rules_default(&r);
	assert_int_equal(indicator_score(sheet, ARRAY_SIZE(sheet), ok, 2, &r, &pb, &res), ERR_OK);
	assert_int_equal(indicator_score(sheet, ARRAY_SIZE(sheet), bad, 2, &r, &pb, &res),
	    ERR_INVALID);
	assert_true(problem_has(&pb, "scores[0].code"));
	assert_false(problem_has(&pb, "scores[1].code"));
	memset(&pb, 0, sizeof(pb));
	for (int i = 0; i < 501; i++)
		memcpy(long_note + i * 3, "字", 3);
	long_note[501 * 3] = 0;
	noted[0].note = long_note;
	assert_int_equal(inspection_check_notes(noted, 1, &pb), ERR_INVALID);
	assert_true(problem_has(&pb, "scores[0].note"));
}

static void
test_inspection_evidence_keywords(void **state)
{
	int n = ARRAY_SIZE(sheet);

	(void)state;
	/* A parent's keyword carries to its children. */
	assert_true(inspection_evidence_matches(sheet, n, 0, EV_COMPLIANCE));
	assert_true(inspection_evidence_matches(sheet, n, 1, EV_COMPLIANCE));
	assert_false(inspection_evidence_matches(sheet, n, 1, EV_DUES));
	assert_true(inspection_evidence_matches(sheet, n, 3, EV_DUES));
	/* Only the leaf that names rectification, not its sibling. */
	assert_true(inspection_evidence_matches(sheet, n, 5, EV_FINDINGS));
	assert_false(inspection_evidence_matches(sheet, n, 6, EV_FINDINGS));
	assert_false(inspection_evidence_matches(sheet, n, 4, EV_FINDINGS));
	for (int i = 0; i < n; i++)
		assert_false(inspection_evidence_matches(sheet, n, i, EV_TRANSFERS));
	assert_false(inspection_evidence_matches(sheet, n, n, EV_DUES));	/* out of range */
}

/* The shipped quarterly sheet: organizational life, dues and rectification
 * each find indicators to stand beside. */
static void
test_inspection_evidence_on_shipped_sheet(void **state)
{
	struct arena a = ARENA_INIT;
	struct indicator *v = NULL;
	int n = 0, hits[EV_N] = { 0 };

	(void)state;
	for (int i = 0; i < indicator_defaults_count(); i++)
		if (!strcmp(indicator_defaults_get(i)->kind, "quarterly_inspection"))
			n = indicator_defaults_tree(i, &a, &v);
	assert_true(n > 0);
	for (int k = 0; k < EV_N; k++)
		for (int i = 0; i < n; i++)
			hits[k] += inspection_evidence_matches(v, n, i, (enum insp_evidence)k);
	assert_true(hits[EV_COMPLIANCE] >= 4);
	assert_int_equal(hits[EV_DUES], 3);
	assert_int_equal(hits[EV_FINDINGS], 1);
	arena_release(&a);
}

/* The shipped instructor's visit sheet: every kind of evidence has a place. */
static void
test_inspection_evidence_on_instructor_sheet(void **state)
{
	struct arena a = ARENA_INIT;
	struct indicator *v = NULL;
	struct problem pb = { 0 };
	int n = 0, top = 0, hits[EV_N] = { 0 };

	(void)state;
	for (int i = 0; i < indicator_defaults_count(); i++)
		if (!strcmp(indicator_defaults_get(i)->kind, "instructor_visit"))
			n = indicator_defaults_tree(i, &a, &v);
	assert_true(n > 0);
	assert_int_equal(indicator_tree_check(v, n, &pb), ERR_OK);
	for (int i = 0; i < n; i++)
		if (v[i].level == 1 && !v[i].bonus && !v[i].veto)
			top += v[i].max_points;
	assert_int_equal(top, 1000);	/* 100 points */
	for (int k = 0; k < EV_N; k++)
		for (int i = 0; i < n; i++)
			hits[k] += inspection_evidence_matches(v, n, i, (enum insp_evidence)k);
	for (int k = 0; k < EV_N; k++)
		assert_true(hits[k] > 0);
	arena_release(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_inspection_step_table),
		cmocka_unit_test(test_inspection_conflict_names_state),
		cmocka_unit_test(test_inspection_leaves_only),
		cmocka_unit_test(test_inspection_evidence_keywords),
		cmocka_unit_test(test_inspection_evidence_on_shipped_sheet),
		cmocka_unit_test(test_inspection_evidence_on_instructor_sheet),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

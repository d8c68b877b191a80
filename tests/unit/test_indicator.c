/* test_indicator.c: indicator trees and sheet scoring (CL-01, EVAL-04):
 * validation, weights, caps, the bonus cap, veto, grade bands at their
 * boundaries, ranking with ties, and the shipped sheets' counts. Pure. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#include "core/arena.h"
#include "core/config.h"
#include "core/err.h"
#include "supervise/indicator.h"
#include "supervise/indicator_defaults.h"

static int
setup(void **state)
{
	(void)state;
	unsetenv("HONGYAN_IND_BONUS_CAP");
	unsetenv("HONGYAN_IND_EXCELLENT_MIN");
	return config_from_env();
}

#define IND(lvl, c, p, pts) { .level = (lvl), .code = (c), .parent_code = (p), .name = "指标", \
	.max_points = (pts), .weight = 1000 }

/* 1 (60) {1.1 (30), 1.2 (30)}, 2 (40) {2.1 (40)}, bonus 3 (50) {3.1 (40), 3.2 (40)},
 * veto 4 {4.1}. */
static struct indicator sheet[] = {
	IND(1, "1", NULL, 600), IND(2, "1.1", "1", 300), IND(2, "1.2", "1", 300),
	IND(1, "2", NULL, 400), IND(2, "2.1", "2", 400),
	IND(1, "3", NULL, 50), IND(2, "3.1", "3", 40), IND(2, "3.2", "3", 40),
	IND(1, "4", NULL, 0), IND(2, "4.1", "4", 0),
};

static void
mark(void)
{
	sheet[5].bonus = sheet[6].bonus = sheet[7].bonus = 1;
	sheet[8].veto = sheet[9].veto = 1;
}

static struct ind_result
score(const struct ind_score *s, int ns)
{
	struct problem pb = { 0 };
	struct ind_rules r;
	struct ind_result out;

	mark();
	indicator_rules_default(&r);
	assert_int_equal(indicator_score(sheet, ARRAY_SIZE(sheet), s, ns, &r, &pb, &out), ERR_OK);
	return out;
}

static void
test_indicator_tree_valid_sheet_passes(void **state)
{
	struct problem pb = { 0 };

	(void)state;
	mark();
	assert_int_equal(indicator_tree_check(sheet, ARRAY_SIZE(sheet), &pb), ERR_OK);
}

static void
test_indicator_tree_errors_name_the_field(void **state)
{
	struct indicator v[] = {
		IND(1, "1", NULL, 100), IND(2, "1.1", "1", 80), IND(2, "1.2", "1", 30),
		IND(3, "1", "1.1", 10), IND(3, "2.1", "1", 10), IND(4, "x", "1.1", 0),
		IND(2, "9.1", "9", 10),
	};
	struct problem pb = { 0 };

	(void)state;
	assert_int_equal(indicator_tree_check(v, ARRAY_SIZE(v), &pb), ERR_INVALID);
	assert_true(problem_has(&pb, "indicators[3].code"));	/* duplicate */
	assert_true(problem_has(&pb, "indicators[4].level"));	/* level 3 under level 1 */
	assert_true(problem_has(&pb, "indicators[5].level"));	/* level 4 */
	assert_true(problem_has(&pb, "indicators[6].parent"));	/* unknown parent */
	assert_false(problem_has(&pb, "indicators[1].code"));
}

static void
test_indicator_tree_children_may_not_exceed_parent(void **state)
{
	struct indicator v[] = { IND(1, "1", NULL, 100), IND(2, "1.1", "1", 60),
		IND(2, "1.2", "1", 50) };
	struct problem pb = { 0 };

	(void)state;
	assert_int_equal(indicator_tree_check(v, 3, &pb), ERR_INVALID);
	assert_true(problem_has(&pb, "indicators[0].max_points"));
	v[0].bonus = v[1].bonus = v[2].bonus = 1;	/* a bonus parent caps instead */
	memset(&pb, 0, sizeof(pb));
	assert_int_equal(indicator_tree_check(v, 3, &pb), ERR_OK);
}

static void
test_indicator_score_sums_leaves(void **state)
{
	struct ind_score s[] = { { "1.1", 300, 0, 0 }, { "1.2", 255, 0, 0 }, { "2.1", 310, 0, 0 } };
	struct ind_result r = score(s, 3);

	(void)state;
	assert_int_equal(r.total, 865);
	assert_int_equal(r.bonus, 0);
	assert_false(r.vetoed);
	assert_string_equal(r.grade, "良好");
}

static void
test_indicator_score_weights_half_up(void **state)
{
	struct ind_score s[] = { { "1.1", 300, 0, 0 }, { "1.2", 300, 0, 0 }, { "2.1", 255, 0, 0 } };
	struct ind_result r;

	(void)state;
	sheet[4].weight = 500;	/* 25.5 × 0.5 = 12.75 → 12.8 */
	r = score(s, 3);
	sheet[4].weight = 1000;
	assert_int_equal(r.total, 600 + 128);
}

static void
test_indicator_score_caps_at_parent_max(void **state)
{
	struct indicator v[] = { IND(1, "1", NULL, 50), IND(2, "1.1", "1", 50),
		IND(2, "1.2", "1", 50) };
	struct ind_score s[] = { { "1.1", 40, 0, 0 }, { "1.2", 30, 0, 0 } };
	struct problem pb = { 0 };
	struct ind_rules r;
	struct ind_result out;

	(void)state;
	indicator_rules_default(&r);
	assert_int_equal(indicator_score(v, 3, s, 2, &r, &pb, &out), ERR_OK);
	assert_int_equal(out.total, 50);
}

static void
test_indicator_score_bonus_capped(void **state)
{
	struct ind_score s[] = { { "1.1", 300, 0, 0 }, { "3.1", 40, 0, 0 }, { "3.2", 40, 0, 0 } };
	struct ind_result r = score(s, 3);

	(void)state;
	assert_int_equal(r.base, 300);
	assert_int_equal(r.bonus, 50);	/* 8 points of bonus, capped at 5 */
	assert_int_equal(r.total, 350);
}

static void
test_indicator_score_bonus_cap_is_config(void **state)
{
	struct ind_score s[] = { { "3.1", 40, 0, 0 }, { "3.2", 40, 0, 0 } };
	struct ind_result r;

	(void)state;
	setenv("HONGYAN_IND_BONUS_CAP", "30", 1);
	assert_int_equal(config_from_env(), 0);
	r = score(s, 2);
	unsetenv("HONGYAN_IND_BONUS_CAP");
	assert_int_equal(config_from_env(), 0);
	assert_int_equal(r.bonus, 30);
}

static void
test_indicator_score_veto_zeroes(void **state)
{
	struct ind_score s[] = { { "1.1", 300, 0, 0 }, { "1.2", 300, 0, 0 }, { "2.1", 400, 0, 0 },
		{ "3.1", 40, 0, 0 }, { "4.1", 0, 1, 0 } };
	struct ind_result r = score(s, 5);

	(void)state;
	assert_true(r.vetoed);
	assert_int_equal(r.total, 0);
	assert_string_equal(r.grade, "较差");
	s[4].failed_veto = 0;
	r = score(s, 5);
	assert_false(r.vetoed);
	assert_int_equal(r.total, 1040);
}

static void
test_indicator_score_bad_scores_named(void **state)
{
	struct ind_score s[] = { { "1.1", 301, 0, 0 }, { "7", 0, 0, 0 }, { "2.1", 10, 1, 0 },
		{ "1.2", -1, 0, 0 }, { "1.2", 0, 0, 0 } };
	struct problem pb = { 0 };
	struct ind_rules r;
	struct ind_result out;

	(void)state;
	mark();
	indicator_rules_default(&r);
	assert_int_equal(indicator_score(sheet, ARRAY_SIZE(sheet), s, 5, &r, &pb, &out),
	    ERR_INVALID);
	assert_true(problem_has(&pb, "scores[0].points"));
	assert_true(problem_has(&pb, "scores[1].code"));
	assert_true(problem_has(&pb, "scores[2].failed_veto"));
	assert_true(problem_has(&pb, "scores[3].points"));
	assert_true(problem_has(&pb, "scores[4].code"));
}

static void
test_indicator_grade_band_boundaries(void **state)
{
	struct ind_rules r;

	(void)state;
	indicator_rules_default(&r);
	assert_string_equal(indicator_grade(&r, 900), "优秀");
	assert_string_equal(indicator_grade(&r, 899), "良好");
	assert_string_equal(indicator_grade(&r, 800), "良好");
	assert_string_equal(indicator_grade(&r, 799), "一般");
	assert_string_equal(indicator_grade(&r, 600), "一般");
	assert_string_equal(indicator_grade(&r, 599), "较差");
	assert_string_equal(indicator_grade(&r, 0), "较差");
	r.band_min[0] = 950;
	assert_string_equal(indicator_grade(&r, 900), "良好");
	setenv("HONGYAN_IND_EXCELLENT_MIN", "850", 1);
	assert_int_equal(config_from_env(), 0);
	indicator_rules_default(&r);
	unsetenv("HONGYAN_IND_EXCELLENT_MIN");
	assert_int_equal(config_from_env(), 0);
	assert_string_equal(indicator_grade(&r, 850), "优秀");
	assert_string_equal(indicator_grade(&r, 849), "良好");
}

static void
test_indicator_rank_ties_skip(void **state)
{
	int64_t t[] = { 900, 955, 955, 800, 900 };
	int rank[5];

	(void)state;
	indicator_rank(t, 5, rank);
	assert_int_equal(rank[1], 1);
	assert_int_equal(rank[2], 1);
	assert_int_equal(rank[0], 3);
	assert_int_equal(rank[4], 3);
	assert_int_equal(rank[3], 5);
}

static void
test_indicator_defaults_clean_school_6_19_58(void **state)
{
	struct arena a = ARENA_INIT;
	struct problem pb = { 0 };
	struct indicator *v;
	int n, cnt[4] = { 0 }, bonus = 0, veto = 0;
	int64_t sum = 0;

	(void)state;
	assert_string_equal(indicator_defaults_get(0)->kind, "clean_school");
	n = indicator_defaults_tree(0, &a, &v);
	assert_int_equal(indicator_tree_check(v, n, &pb), ERR_OK);
	for (int i = 0; i < n; i++) {
		bonus += v[i].bonus;
		veto += v[i].veto;
		if (!v[i].bonus && !v[i].veto)
			cnt[v[i].level]++;
		if (v[i].level == 1 && !v[i].bonus && !v[i].veto)
			sum += v[i].max_points;
	}
	assert_int_equal(cnt[1], 6);
	assert_int_equal(cnt[2], 19);
	assert_int_equal(cnt[3], 58);
	assert_true(bonus >= 1);
	assert_true(veto >= 1);
	assert_int_equal(sum, 1000);
	assert_string_equal(v[0].name, "强政治引领");
	arena_release(&a);
}

static void
test_indicator_defaults_all_valid(void **state)
{
	(void)state;
	for (int k = 0; k < indicator_defaults_count(); k++) {
		struct arena a = ARENA_INIT;
		struct problem pb = { 0 };
		struct indicator *v;
		int n = indicator_defaults_tree(k, &a, &v);

		assert_true(n > 0);
		assert_int_equal(indicator_tree_check(v, n, &pb), ERR_OK);
		arena_release(&a);
	}
}

/* The instructor's visit sheet: 5/8/15 indicators, 100 points. */
static void
test_indicator_defaults_visit_sheet_5_8_15(void **state)
{
	struct arena a = ARENA_INIT;
	struct indicator *v = NULL;
	int n = 0, cnt[4] = { 0 };
	int64_t sum = 0;

	(void)state;
	for (int k = 0; k < indicator_defaults_count(); k++)
		if (!strcmp(indicator_defaults_get(k)->kind, "instructor_visit"))
			n = indicator_defaults_tree(k, &a, &v);
	assert_int_equal(n, 28);
	for (int i = 0; i < n; i++) {
		cnt[v[i].level]++;
		sum += v[i].level == 1 ? v[i].max_points : 0;
		assert_false(v[i].bonus || v[i].veto);
	}
	assert_int_equal(cnt[1], 5);
	assert_int_equal(cnt[2], 8);
	assert_int_equal(cnt[3], 15);
	assert_int_equal(sum, 1000);
	assert_string_equal(v[0].name, "组织建设");
	arena_release(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_indicator_tree_valid_sheet_passes),
		cmocka_unit_test(test_indicator_tree_errors_name_the_field),
		cmocka_unit_test(test_indicator_tree_children_may_not_exceed_parent),
		cmocka_unit_test(test_indicator_score_sums_leaves),
		cmocka_unit_test(test_indicator_score_weights_half_up),
		cmocka_unit_test(test_indicator_score_caps_at_parent_max),
		cmocka_unit_test(test_indicator_score_bonus_capped),
		cmocka_unit_test(test_indicator_score_bonus_cap_is_config),
		cmocka_unit_test(test_indicator_score_veto_zeroes),
		cmocka_unit_test(test_indicator_score_bad_scores_named),
		cmocka_unit_test(test_indicator_grade_band_boundaries),
		cmocka_unit_test(test_indicator_rank_ties_skip),
		cmocka_unit_test(test_indicator_defaults_clean_school_6_19_58),
		cmocka_unit_test(test_indicator_defaults_all_valid),
		cmocka_unit_test(test_indicator_defaults_visit_sheet_5_8_15),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}

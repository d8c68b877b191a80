/* test_assessment.c: the annual assessment's pure scoring (EVAL-03,
 * EVAL-04): weights, renormalisation of missing components, grade bands on
 * both sides of each edge, veto, ranking with ties, configuration. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "core/config.h"
#include "supervise/assessment.h"

#define M ASSESS_MISSING

static int
setup(void **state)
{
	(void)state;
	unsetenv("HONGYAN_ASSESS_W_COMPLIANCE");
	unsetenv("HONGYAN_ASSESS_GOOD_MIN");
	return config_from_env();
}

static struct assess_result
score5(int64_t c, int64_t d, int64_t r, int64_t i, int64_t v, int veto)
{
	struct assess_rules rules;
	struct assess_input in = { { c, d, r, i, v }, veto };
	struct assess_result out;

	assess_rules_default(&rules);
	assess_score(&rules, &in, &out);
	return out;
}

/* EVAL-04: 300/150/150/250/150 permille of each component. */
static void
test_assessment_weights(void **state)
{
	struct assess_result r;

	(void)state;
	r = score5(1000, 1000, 1000, 1000, 1000, 0);
	assert_int_equal(r.score, 1000);
	r = score5(1000, 0, 0, 0, 0, 0);
	assert_int_equal(r.score, 300);
	r = score5(0, 0, 0, 1000, 0, 0);
	assert_int_equal(r.score, 250);
	/* 0.3*900 + 0.15*800 + 0.15*700 + 0.25*600 + 0.15*500 = 720 */
	r = score5(900, 800, 700, 600, 500, 0);
	assert_int_equal(r.score, 720);
	assert_int_equal(r.used_weight[AC_COMPLIANCE], 300);
	assert_int_equal(r.used_weight[AC_INSPECTION], 250);
	/* half up: 0.3*1 = 0.3 → 0; 0.3*2 = 0.6 → 1 */
	assert_int_equal(score5(1, 0, 0, 0, 0, 0).score, 0);
	assert_int_equal(score5(2, 0, 0, 0, 0, 0).score, 1);
	/* out-of-range values are clamped */
	assert_int_equal(score5(2000, 1000, 1000, 1000, -5 + 5, 0).score, 850);
}

/* EVAL-04: missing components are left out and the others renormalised. */
static void
test_assessment_renormalises_missing(void **state)
{
	struct assess_result r;

	(void)state;
	/* only compliance: its value is the score */
	r = score5(730, M, M, M, M, 0);
	assert_int_equal(r.score, 730);
	assert_int_equal(r.used_weight[AC_COMPLIANCE], 1000);
	assert_int_equal(r.used_weight[AC_DUES], 0);
	/* compliance 300 and inspection 250: (300*1000 + 250*450)/550 = 750 */
	r = score5(1000, M, M, 450, M, 0);
	assert_int_equal(r.score, 750);
	assert_int_equal(r.used_weight[AC_COMPLIANCE] + r.used_weight[AC_INSPECTION], 1000);
	assert_int_equal(r.used_weight[AC_INSPECTION], 454);
	/* a zero value is data, not missing */
	assert_int_equal(score5(1000, 0, M, M, M, 0).score, 667);
	/* nothing at all: no score, no grade, no mark */
	r = score5(M, M, M, M, M, 0);
	assert_int_equal(r.score, ASSESS_MISSING);
	assert_int_equal(r.grade, -1);
	assert_false(r.rectify);
}

/* A weight of 0 leaves a component out as if it were missing. */
static void
test_assessment_zero_weight(void **state)
{
	struct assess_rules rules;
	struct assess_input in = { { 1000, 0, 0, 0, 0 }, 0 };
	struct assess_result r;

	(void)state;
	assess_rules_default(&rules);
	rules.weight[AC_DUES] = rules.weight[AC_RECTIFY] = 0;
	rules.weight[AC_INSPECTION] = rules.weight[AC_REVIEW] = 0;
	assess_score(&rules, &in, &r);
	assert_int_equal(r.score, 1000);
	assert_int_equal(r.used_weight[AC_DUES], 0);
}

/* EVAL-04 bands: 优秀 ≥900, 良好 ≥800, 一般 ≥600, else 较差 (EVAL-03: marked). */
static void
test_assessment_band_edges(void **state)
{
	static const struct {
		int64_t score;
		int grade;
	} v[] = { { 1000, 0 }, { 900, 0 }, { 899, 1 }, { 800, 1 }, { 799, 2 }, { 600, 2 },
		  { 599, 3 }, { 0, 3 } };
	struct assess_rules rules;

	(void)state;
	assess_rules_default(&rules);
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		struct assess_result r = score5(v[i].score, M, M, M, M, 0);

		assert_int_equal(assess_grade(&rules, v[i].score), v[i].grade);
		assert_int_equal(r.grade, v[i].grade);
		assert_int_equal(r.rectify, v[i].grade == ASSESS_LOWEST);
	}
	assert_string_equal(assess_grades[0], "优秀");
	assert_string_equal(assess_grades[ASSESS_LOWEST], "较差");
}

/* 一票否决: the lowest band whatever the score, and marked. */
static void
test_assessment_veto(void **state)
{
	struct assess_result r = score5(1000, 1000, 1000, 1000, 1000, 1);

	(void)state;
	assert_int_equal(r.score, 1000);
	assert_int_equal(r.grade, ASSESS_LOWEST);
	assert_true(r.veto);
	assert_true(r.rectify);
	r = score5(M, M, M, M, M, 1);
	assert_int_equal(r.grade, ASSESS_LOWEST);
	assert_true(r.rectify);
}

/* Competition ranking: ties share a rank and the next skips; vetoed ones
 * after the others; no data: rank 0. */
static void
test_assessment_rank_ties(void **state)
{
	struct assess_result v[6] = {
		score5(800, M, M, M, M, 0), score5(950, M, M, M, M, 0),
		score5(800, M, M, M, M, 0), score5(990, M, M, M, M, 1),
		score5(M, M, M, M, M, 0), score5(700, M, M, M, M, 0),
	};
	int rank[6];

	(void)state;
	assess_rank(v, 6, rank);
	assert_int_equal(rank[1], 1);
	assert_int_equal(rank[0], 2);
	assert_int_equal(rank[2], 2);
	assert_int_equal(rank[5], 4);
	assert_int_equal(rank[3], 5);
	assert_int_equal(rank[4], 0);
}

/* Weights and bands come from configuration, the rule's values by default. */
static void
test_assessment_config(void **state)
{
	struct assess_rules r, d;

	(void)state;
	assess_rules_from_config(&r);
	assess_rules_default(&d);
	assert_memory_equal(&r, &d, sizeof(r));
	setenv("HONGYAN_ASSESS_W_COMPLIANCE", "500", 1);
	setenv("HONGYAN_ASSESS_GOOD_MIN", "750", 1);
	assert_int_equal(config_from_env(), 0);
	assess_rules_from_config(&r);
	assert_int_equal(r.weight[AC_COMPLIANCE], 500);
	assert_int_equal(r.band_min[1], 750);
	assert_int_equal(assess_grade(&r, 760), 1);
	assert_int_equal(assess_grade(&r, 749), 2);
	setenv("HONGYAN_ASSESS_GOOD_MIN", "1001", 1);
	assert_int_equal(config_from_env(), -1);
	unsetenv("HONGYAN_ASSESS_W_COMPLIANCE");
	unsetenv("HONGYAN_ASSESS_GOOD_MIN");
	assert_int_equal(config_from_env(), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_assessment_weights),
		cmocka_unit_test(test_assessment_renormalises_missing),
		cmocka_unit_test(test_assessment_zero_weight),
		cmocka_unit_test(test_assessment_band_edges),
		cmocka_unit_test(test_assessment_veto),
		cmocka_unit_test(test_assessment_rank_ties),
		cmocka_unit_test(test_assessment_config),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}

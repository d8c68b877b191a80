/* test_sheet_score.c: the principal-tenure sheets' scoring (issue 13):
 * PRIN-07 state and progress on developmental items with configurable
 * weights, veto → 不合格, the grade bands at their boundaries, per-area
 * totals; PRIN-08's satisfaction formula with audiences missing and
 * configurable weights; the three shipped sheets' trees (valid, seven
 * areas summing to 100, developmental, survey and veto items). Pure. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/config.h"
#include "core/err.h"
#include "principal/sheet_score.h"
#include "supervise/indicator.h"
#include "supervise/indicator_defaults.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

static const char *const envs[] = { "HONGYAN_PRIN_STATE_WEIGHT", "HONGYAN_PRIN_PROGRESS_WEIGHT",
	"HONGYAN_PRIN_EXCELLENT_MIN", "HONGYAN_PRIN_GOOD_MIN", "HONGYAN_PRIN_PASS_MIN",
	"HONGYAN_SAT_WEIGHT_TEACHERS", "HONGYAN_SAT_WEIGHT_PARENTS", "HONGYAN_SAT_WEIGHT_STUDENTS" };

static int
setup(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(envs); i++)
		unsetenv(envs[i]);
	return config_from_env();
}

#define IND(lvl, c, p, pts) { .level = (lvl), .code = (c), .parent_code = (p), .name = "指标", \
	.max_points = (pts), .weight = 1000 }

/* 1 党的建设 (40) {1.1 (20, developmental), 1.2 (20)}, 2 满意度调查 (10, survey)
 * {2.1 (6) {2.1.1 (6)}, 2.2 (4)}, 3 安全卫生 (50) {3.1 (50, developmental)},
 * 4 一票否决 {4.1}. */
static struct indicator sheet[] = {
	IND(1, "1", NULL, 400), IND(2, "1.1", "1", 200), IND(2, "1.2", "1", 200),
	IND(1, "2", NULL, 100), IND(2, "2.1", "2", 60), IND(3, "2.1.1", "2.1", 60),
	IND(2, "2.2", "2", 40),
	IND(1, "3", NULL, 500), IND(2, "3.1", "3", 500),
	IND(1, "4", NULL, 0), IND(2, "4.1", "4", 0),
};

static void
mark(void)
{
	sheet[1].developmental = sheet[8].developmental = 1;
	sheet[3].survey = 1;
	sheet[9].veto = sheet[10].veto = 1;
}

static enum err
score_with(const struct ind_rules *r, const struct ind_score *s, int ns, struct problem *pb,
    struct ind_result *out, int64_t *values)
{
	mark();
	return indicator_score_values(sheet, ARRAY_SIZE(sheet), s, ns, r, pb, out, values);
}

static struct ind_result
score(const struct ind_score *s, int ns, int64_t *values)
{
	struct problem pb = { 0 };
	struct ind_rules r;
	struct ind_result out;

	indicator_rules_principal(&r);
	assert_int_equal(score_with(&r, s, ns, &pb, &out, values), ERR_OK);
	return out;
}

static void
test_sheet_score_tree_with_survey_passes(void **state)
{
	struct problem pb = { 0 };

	(void)state;
	mark();
	assert_int_equal(indicator_tree_check(sheet, ARRAY_SIZE(sheet), &pb), ERR_OK);
}

/* PRIN-07: 0.7 × state + 0.3 × progress on a developmental item, state
 * alone otherwise; both on the item's points, one rounding half up. */
static void
test_sheet_score_state_and_progress(void **state)
{
	struct ind_score s[] = {
		{ .code = "1.1", .points = 150, .progress = 100 },	/* 105 + 30 = 135 */
		{ .code = "1.2", .points = 155 },			/* 155 */
		{ .code = "3.1", .points = 401, .progress = 0 },	/* 280.7 → 281 */
	};
	int64_t values[ARRAY_SIZE(sheet)];
	struct ind_result r;

	(void)state;
	r = score(s, ARRAY_SIZE(s), values);
	assert_int_equal(values[1], 135);
	assert_int_equal(values[2], 155);
	assert_int_equal(values[8], 281);
	assert_int_equal(r.total, 135 + 155 + 281);
	/* Progress at full points lifts a developmental item to its state's
	 * 70 % plus 30 %: a principal who started from nothing and built a lot. */
	s[0].points = 0;
	s[0].progress = 200;
	r = score(s, 1, values);
	assert_int_equal(values[1], 60);
}

/* PRIN-07: the weights are configuration (HONGYAN_PRIN_*_WEIGHT); both 0
 * means state alone; a progress score on a non-developmental item is
 * refused, naming it. */
static void
test_sheet_score_weights_configurable(void **state)
{
	struct ind_score s[] = { { .code = "1.1", .points = 150, .progress = 100 } };
	struct ind_score bad[] = { { .code = "1.2", .points = 150, .progress = 10 },
		{ .code = "1.1", .points = 10, .progress = 201 } };
	int64_t values[ARRAY_SIZE(sheet)];
	struct problem pb = { 0 };
	struct ind_result out;
	struct ind_rules r;

	(void)state;
	setenv("HONGYAN_PRIN_STATE_WEIGHT", "500", 1);
	setenv("HONGYAN_PRIN_PROGRESS_WEIGHT", "500", 1);
	assert_int_equal(config_from_env(), 0);
	score(s, 1, values);
	assert_int_equal(values[1], 125);
	setenv("HONGYAN_PRIN_STATE_WEIGHT", "0", 1);
	setenv("HONGYAN_PRIN_PROGRESS_WEIGHT", "0", 1);
	assert_int_equal(config_from_env(), 0);
	score(s, 1, values);
	assert_int_equal(values[1], 150);
	setup(NULL);
	indicator_rules_principal(&r);
	assert_int_equal(r.state_w, 700);
	assert_int_equal(r.progress_w, 300);
	assert_int_equal(score_with(&r, bad, 2, &pb, &out, NULL), ERR_INVALID);
	assert_int_equal(pb.nfields, 2);
	assert_string_equal(pb.fields[0].field, "scores[0].progress");
	assert_string_equal(pb.fields[1].field, "scores[1].progress");
}

/* PRIN-07: a failed veto item gives 不合格 whatever the points; the
 * points before the veto stay in base. */
static void
test_sheet_score_veto_is_fail(void **state)
{
	struct ind_score s[] = { { .code = "1.1", .points = 200, .progress = 200 },
		{ .code = "1.2", .points = 200 }, { .code = "2", .points = 100 },
		{ .code = "3.1", .points = 500, .progress = 500 }, { .code = "4.1", .failed_veto = 1 } };
	struct ind_result r;

	(void)state;
	r = score(s, 5, NULL);
	assert_true(r.vetoed);
	assert_int_equal(r.total, 0);
	assert_int_equal(r.base, 1000);
	assert_string_equal(r.grade, "不合格");
	r = score(s, 4, NULL);
	assert_false(r.vetoed);
	assert_int_equal(r.total, 1000);
	assert_string_equal(r.grade, "优秀");
}

/* PRIN-07 bands: 优秀 ≥ 90, 良好 ≥ 80, 合格 ≥ 60, else 不合格, each
 * configurable (HONGYAN_PRIN_*_MIN, tenths). */
static void
test_sheet_score_grade_bands(void **state)
{
	static const struct {
		int64_t total;
		const char *grade;
	} cases[] = { { 1000, "优秀" }, { 900, "优秀" }, { 899, "良好" }, { 800, "良好" },
		{ 799, "合格" }, { 600, "合格" }, { 599, "不合格" }, { 0, "不合格" } };
	struct ind_rules r;

	(void)state;
	indicator_rules_principal(&r);
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++)
		assert_string_equal(indicator_grade(&r, cases[i].total), cases[i].grade);
	setenv("HONGYAN_PRIN_PASS_MIN", "700", 1);
	setenv("HONGYAN_PRIN_EXCELLENT_MIN", "950", 1);
	assert_int_equal(config_from_env(), 0);
	indicator_rules_principal(&r);
	assert_string_equal(indicator_grade(&r, 699), "不合格");
	assert_string_equal(indicator_grade(&r, 949), "良好");
	/* The party-building sheets keep their own names and bands. */
	indicator_rules_default(&r);
	assert_string_equal(indicator_grade(&r, 599), "较差");
	setup(NULL);
}

/* A survey item is scored as a whole (PRIN-08's points); its children
 * are not scored; per-area totals for the radar. */
static void
test_sheet_score_survey_and_areas(void **state)
{
	struct ind_score s[] = { { .code = "1.2", .points = 180 }, { .code = "2", .points = 82 },
		{ .code = "3.1", .points = 500, .progress = 250 } };
	struct ind_score bad[] = { { .code = "2.1.1", .points = 10 }, { .code = "2", .points = 101 } };
	int64_t values[ARRAY_SIZE(sheet)];
	struct problem pb = { 0 };
	struct ind_result out;
	struct ind_rules r;

	(void)state;
	out = score(s, 3, values);
	assert_int_equal(values[0], 180);	/* 党的建设 */
	assert_int_equal(values[3], 82);	/* 满意度调查 */
	assert_int_equal(values[7], 425);	/* 安全卫生: 350 + 75 */
	assert_int_equal(values[5], 0);		/* under the survey item */
	assert_int_equal(out.total, 180 + 82 + 425);
	indicator_rules_principal(&r);
	assert_int_equal(score_with(&r, bad, 2, &pb, &out, NULL), ERR_INVALID);
	assert_string_equal(pb.fields[0].field, "scores[0].code");
	assert_string_equal(pb.fields[1].field, "scores[1].points");
}

static void
test_sheet_score_survey_tree_rules(void **state)
{
	struct indicator v[] = { IND(1, "1", NULL, 100), IND(2, "1.1", "1", 100),
		IND(1, "2", NULL, 0) };
	struct problem pb = { 0 };

	(void)state;
	v[0].survey = v[1].survey = 1;
	v[2].survey = v[2].veto = 1;
	assert_int_equal(indicator_tree_check(v, 3, &pb), ERR_INVALID);
	assert_int_equal(pb.nfields, 2);
	assert_string_equal(pb.fields[0].field, "indicators[1].survey");
	assert_string_equal(pb.fields[1].field, "indicators[2].survey");
}

/* PRIN-08: rate = (非常满意 + 满意) ÷ valid answers per audience; area =
 * points × (0.4 teachers + 0.4 parents + 0.2 students). */
static void
test_sheet_sat_all_audiences(void **state)
{
	struct sat_count c[SAT_AUDIENCES] = { { 50, 40, 100 }, { 100, 60, 200 }, { 20, 15, 50 } };
	struct sat_result r;

	(void)state;
	sheet_sat_score(100, c, NULL, &r);
	assert_int_equal(r.rate[SAT_TEACHERS], 900);
	assert_int_equal(r.rate[SAT_PARENTS], 800);
	assert_int_equal(r.rate[SAT_STUDENTS], 700);
	assert_int_equal(r.weight[SAT_TEACHERS], 400);
	assert_int_equal(r.weight[SAT_STUDENTS], 200);
	assert_int_equal(r.rate_all, 820);	/* 360 + 320 + 140 */
	assert_int_equal(r.score, 82);
	/* One rounding: 2 of 3 satisfied is 666.67‰, not 667‰ times points. */
	c[0] = (struct sat_count){ 1, 1, 3 };
	c[1] = (struct sat_count){ 0, 0, 0 };
	c[2] = (struct sat_count){ 0, 0, 0 };
	sheet_sat_score(1500, c, NULL, &r);
	assert_int_equal(r.rate[SAT_TEACHERS], 667);
	assert_int_equal(r.score, 1000);	/* 1000.5 had the rate been rounded first */
}

/* PRIN-08: the weights are renormalised over the audiences surveyed (a
 * kindergarten has no student questionnaire). */
static void
test_sheet_sat_missing_audiences(void **state)
{
	struct sat_count c[SAT_AUDIENCES] = { { 50, 40, 100 }, { 100, 60, 200 }, { 0, 0, 0 } };
	struct sat_result r;

	(void)state;
	sheet_sat_score(100, c, NULL, &r);
	assert_int_equal(r.rate[SAT_STUDENTS], -1);
	assert_int_equal(r.weight[SAT_TEACHERS], 500);
	assert_int_equal(r.weight[SAT_STUDENTS], 0);
	assert_int_equal(r.rate_all, 850);
	assert_int_equal(r.score, 85);
	c[0].valid = 0;		/* parents only */
	sheet_sat_score(100, c, NULL, &r);
	assert_int_equal(r.rate_all, 800);
	assert_int_equal(r.weight[SAT_PARENTS], 1000);
	assert_int_equal(r.score, 80);
	c[1].valid = 0;		/* nobody surveyed */
	sheet_sat_score(100, c, NULL, &r);
	assert_int_equal(r.rate_all, -1);
	assert_int_equal(r.score, 0);
}

/* PRIN-08: weights are configuration; bad counts cannot push a rate past
 * 100 %. */
static void
test_sheet_sat_weights_configurable_and_clamped(void **state)
{
	struct sat_count c[SAT_AUDIENCES] = { { 50, 40, 100 }, { 100, 60, 200 }, { 20, 15, 50 } };
	int64_t even[SAT_AUDIENCES] = { 1, 1, 1 };
	struct sat_result r;

	(void)state;
	setenv("HONGYAN_SAT_WEIGHT_STUDENTS", "0", 1);
	assert_int_equal(config_from_env(), 0);
	sheet_sat_score(100, c, NULL, &r);
	assert_int_equal(r.rate_all, 850);	/* students weigh nothing */
	assert_int_equal(r.weight[SAT_STUDENTS], 0);
	setup(NULL);
	sheet_sat_score(100, c, even, &r);
	assert_int_equal(r.rate_all, 800);
	c[0] = (struct sat_count){ 90, 90, 100 };
	assert_int_equal(sheet_sat_rate(&c[0]), 1000);
	c[0] = (struct sat_count){ -5, 0, 100 };
	assert_int_equal(sheet_sat_rate(&c[0]), 0);
}

/* A term-end supervision's score: the team's scores by PRIN-07, the
 * survey area by PRIN-08 from the questionnaires (students missing), the
 * survey area refused as a hand score once questionnaires count. */
static void
test_sheet_score_term_with_questionnaires(void **state)
{
	struct sat_count c[SAT_AUDIENCES] = { { 50, 40, 100 }, { 100, 60, 200 }, { 0, 0, 0 } };
	struct ind_score s[] = { { .code = "1.1", .points = 200, .progress = 100 },
		{ .code = "1.2", .points = 200 }, { .code = "3.1", .points = 500, .progress = 500 } };
	struct ind_score bad[] = { { .code = "2", .points = 100 } };
	int64_t values[ARRAY_SIZE(sheet)];
	struct problem pb = { 0 };
	struct ind_result out;
	struct sat_result sat;

	(void)state;
	mark();
	assert_int_equal(sheet_score_term(sheet, ARRAY_SIZE(sheet), s, 3, c, &pb, &out, values,
	    &sat), ERR_OK);
	assert_int_equal(sat.rate_all, 850);
	assert_int_equal(values[3], 85);		/* 10 points × 85 % */
	assert_int_equal(values[1], 170);		/* 140 + 30 */
	assert_int_equal(out.total, 370 + 85 + 500);
	assert_string_equal(out.grade, "优秀");
	assert_int_equal(sheet_score_term(sheet, ARRAY_SIZE(sheet), bad, 1, c, &pb, &out, NULL,
	    NULL), ERR_INVALID);
	assert_string_equal(pb.fields[0].field, "scores[0].code");
	/* Without questionnaires the survey item may be scored by hand. */
	pb = (struct problem){ 0 };
	assert_int_equal(sheet_score_term(sheet, ARRAY_SIZE(sheet), bad, 1, NULL, &pb, &out, NULL,
	    &sat), ERR_OK);
	assert_int_equal(out.total, 100);
	assert_int_equal(sat.rate_all, -1);
}

static void
test_sheet_stage_of_school(void **state)
{
	(void)state;
	assert_string_equal(sheet_stage_of_school("kindergarten"), "kindergarten");
	assert_string_equal(sheet_stage_of_school("primary"), "compulsory");
	assert_string_equal(sheet_stage_of_school("junior"), "compulsory");
	assert_string_equal(sheet_stage_of_school("nine_year"), "compulsory");
	assert_string_equal(sheet_stage_of_school("senior"), "senior");
	assert_string_equal(sheet_stage_of_school("complete_secondary"), "senior");
	assert_null(sheet_stage_of_school("vocational"));
	assert_null(sheet_stage_of_school(NULL));
}

static const char *const areas[] = { "党的建设", "立德树人", "学校治理", "教师工作", "规范办学",
	"安全卫生", "满意度调查" };

/* One shipped principal sheet: passes indicator_tree_check, the seven
 * areas in order with second- and third-level items, 100 points, some
 * developmental items, the satisfaction area a survey item, veto items. */
static void
check_sheet(int k, const char *stage)
{
	struct arena a = ARENA_INIT;
	struct problem pb = { 0 };
	struct indicator *v;
	int n = indicator_defaults_tree(k, &a, &v), na = 0, dev = 0, veto = 0, lv[4] = { 0 };
	int64_t sum = 0;

	assert_string_equal(indicator_defaults_get(k)->kind, "principal_tenure");
	assert_string_equal(indicator_defaults_get(k)->stage, stage);
	assert_int_equal(indicator_tree_check(v, n, &pb), ERR_OK);
	for (int i = 0; i < n; i++) {
		assert_true(v[i].level >= 1 && v[i].level <= 3);	/* no row left empty */
		dev += v[i].developmental;
		veto += v[i].veto && v[i].level > 1;
		if (v[i].veto)
			continue;
		lv[v[i].level]++;
		if (v[i].level != 1)
			continue;
		assert_true(na < 7);
		assert_true(!strncmp(v[i].name, areas[na], strlen(areas[na])));
		assert_int_equal(v[i].survey, na == 6);
		sum += v[i].max_points;
		na++;
	}
	assert_int_equal(na, 7);
	assert_int_equal(sum, 1000);
	assert_true(lv[2] >= 14 && lv[3] >= 35);
	assert_true(dev >= 5);
	assert_true(veto >= 3);
	arena_release(&a);
}

static int
find_sheet(const char *code)
{
	for (int k = 0; k < indicator_defaults_count(); k++)
		if (!strcmp(indicator_defaults_get(k)->code, code))
			return k;
	fail_msg("no shipped sheet %s", code);
	return -1;
}

static void
test_sheet_shipped_three_stages(void **state)
{
	(void)state;
	check_sheet(find_sheet("principal-kindergarten"), "kindergarten");
	check_sheet(find_sheet("principal-compulsory"), "compulsory");
	check_sheet(find_sheet("principal-senior"), "senior");
}

/* A shipped sheet scored at full marks everywhere (state, progress, the
 * survey area) is 100 and 优秀; no score at all is 0 and 不合格. */
static void
test_sheet_shipped_full_marks(void **state)
{
	struct arena a = ARENA_INIT;
	struct indicator *v;
	int k = find_sheet("principal-compulsory"), n = indicator_defaults_tree(k, &a, &v), ns = 0;
	struct ind_score *s = arena_alloc(&a, sizeof(*s) * (size_t)n);
	struct problem pb = { 0 };
	struct ind_result out;
	struct ind_rules r;
	const char *survey = "";

	(void)state;
	for (int i = 0; i < n; i++) {
		if (v[i].survey)
			survey = v[i].code;	/* a level-1 item: its children's codes start "7." */
		if (v[i].veto || (!v[i].survey && indicator_has_children(v, n, i)) ||
		    (*survey && v[i].level > 1 && !strncmp(v[i].code, survey, strlen(survey)) &&
		    v[i].code[strlen(survey)] == '.'))
			continue;
		s[ns++] = (struct ind_score){ .code = v[i].code, .points = v[i].max_points,
			.progress = v[i].developmental ? v[i].max_points : 0 };
	}
	indicator_rules_principal(&r);
	assert_int_equal(indicator_score(v, n, s, ns, &r, &pb, &out), ERR_OK);
	assert_int_equal(out.total, 1000);
	assert_string_equal(out.grade, "优秀");
	assert_int_equal(indicator_score(v, n, s, 0, &r, &pb, &out), ERR_OK);
	assert_string_equal(out.grade, "不合格");
	arena_release(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_sheet_score_tree_with_survey_passes, setup),
		cmocka_unit_test_setup(test_sheet_score_state_and_progress, setup),
		cmocka_unit_test_setup(test_sheet_score_weights_configurable, setup),
		cmocka_unit_test_setup(test_sheet_score_veto_is_fail, setup),
		cmocka_unit_test_setup(test_sheet_score_grade_bands, setup),
		cmocka_unit_test_setup(test_sheet_score_survey_and_areas, setup),
		cmocka_unit_test_setup(test_sheet_score_survey_tree_rules, setup),
		cmocka_unit_test_setup(test_sheet_sat_all_audiences, setup),
		cmocka_unit_test_setup(test_sheet_sat_missing_audiences, setup),
		cmocka_unit_test_setup(test_sheet_sat_weights_configurable_and_clamped, setup),
		cmocka_unit_test_setup(test_sheet_score_term_with_questionnaires, setup),
		cmocka_unit_test_setup(test_sheet_stage_of_school, setup),
		cmocka_unit_test_setup(test_sheet_shipped_three_stages, setup),
		cmocka_unit_test_setup(test_sheet_shipped_full_marks, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

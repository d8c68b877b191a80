/* test_review.c: report-and-review rules (EVAL-02/04): combining group
 * weights, a missing group's weight shared out, grade bands at their
 * boundaries, the 一般/差 vote cap, the state machine, rule checks and
 * ranking ties on equal final scores, and the shipped review sheet. Pure. */
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
#include "supervise/indicator.h"
#include "supervise/indicator_defaults.h"
#include "supervise/review.h"

static int
setup(void **state)
{
	(void)state;
	return config_from_env();
}

static struct review_rules
rules(void)
{
	struct review_rules r;

	review_rules_default(&r);
	return r;
}

/* A group of n ballots averaging avg (tenths) with poor 一般/差 votes. */
static struct review_tally
group(int64_t n, int64_t avg, int64_t poor)
{
	struct review_tally t = { n, n * avg, { 0 } };

	t.votes[RGR_GOOD] = n - poor;
	t.votes[RGR_AVERAGE] = poor;
	return t;
}

static void
test_review_combine_weights(void **state)
{
	struct review_rules r = rules();
	struct review_tally t[RG_N] = { group(2, 900, 0), group(3, 800, 0), group(4, 700, 0) };
	struct review_outcome o;

	(void)state;
	/* 0.5 × 90 + 0.3 × 80 + 0.2 × 70 = 83.0 → 较好 */
	assert_int_equal(review_combine(t, &r, &o), ERR_OK);
	assert_int_equal(o.score, 830);
	assert_int_equal(o.grade, RGR_FAIR);
	assert_int_equal(o.avg[RG_DISTRICT], 900);
	assert_int_equal(o.avg[RG_MEMBER], 700);
	assert_int_equal(o.ballots, 9);
	assert_int_equal(o.votes[RGR_GOOD], 9);
	/* Averages round half up: 85 and 86 → 85.5. */
	t[RG_DISTRICT] = (struct review_tally){ 2, 850 + 861, { 2, 0, 0, 0 } };
	assert_int_equal(review_combine(t, &r, &o), ERR_OK);
	assert_int_equal(o.avg[RG_DISTRICT], 856);
}

/* Issue 11 (5): the docs round each group's average half up, then weight.
 * District ballots 80.0 and 80.1 (80.05 → 80.1), secretaries 70.0 and
 * members 60.0, weights 500/300/200: 73.1 (weighting the unrounded 80.05
 * gave 73.0). */
static void
test_review_weights_the_rounded_averages(void **state)
{
	struct review_rules r = rules();
	struct review_tally t[RG_N] = { { 2, 800 + 801, { 2, 0, 0, 0 } }, group(1, 700, 0),
		group(1, 600, 0) };
	struct review_outcome o;

	(void)state;
	assert_int_equal(review_combine(t, &r, &o), ERR_OK);
	assert_int_equal(o.avg[RG_DISTRICT], 801);
	assert_int_equal(o.score, 731);
}

static void
test_review_missing_group_shares_its_weight(void **state)
{
	struct review_rules r = rules();
	struct review_tally t[RG_N] = { group(2, 900, 0), { 0 }, group(1, 600, 0) };
	struct review_outcome o;

	(void)state;
	/* Secretaries gave nothing: 500 and 200 scale to the whole,
	 * (500 × 90 + 200 × 60) / 700 = 81.43 → 81.4 */
	assert_int_equal(review_combine(t, &r, &o), ERR_OK);
	assert_int_equal(o.score, 814);
	assert_int_equal(o.avg[RG_SECRETARY], -1);
	/* A group weighted 0 counts for nothing even with ballots. */
	r.weight[RG_DISTRICT] = 0;
	r.weight[RG_SECRETARY] = 800;
	assert_int_equal(review_combine(t, &r, &o), ERR_OK);
	assert_int_equal(o.score, 600);
	/* Nobody weighted gave a ballot: no result. */
	t[RG_MEMBER] = (struct review_tally){ 0 };
	assert_int_equal(review_combine(t, &r, &o), ERR_NOT_FOUND);
	memset(t, 0, sizeof(t));
	r = rules();
	assert_int_equal(review_combine(t, &r, &o), ERR_NOT_FOUND);
}

static void
test_review_grade_bands_at_boundaries(void **state)
{
	struct review_rules r = rules();

	(void)state;
	assert_int_equal(review_band(&r, 1000), RGR_GOOD);
	assert_int_equal(review_band(&r, 900), RGR_GOOD);
	assert_int_equal(review_band(&r, 899), RGR_FAIR);
	assert_int_equal(review_band(&r, 800), RGR_FAIR);
	assert_int_equal(review_band(&r, 799), RGR_AVERAGE);
	assert_int_equal(review_band(&r, 600), RGR_AVERAGE);
	assert_int_equal(review_band(&r, 599), RGR_POOR);
	assert_int_equal(review_band(&r, 0), RGR_POOR);
	/* Bands are configuration. */
	r.band_min[0] = 950;
	assert_int_equal(review_band(&r, 920), RGR_FAIR);
	assert_string_equal(review_grades[RGR_AVERAGE], "一般");
	assert_string_equal(review_grades[RGR_POOR], "差");
}

static void
test_review_poor_votes_cap_the_grade(void **state)
{
	struct review_rules r = rules();
	struct review_tally t[RG_N] = { group(2, 950, 1), group(2, 950, 1), group(2, 950, 0) };
	struct review_outcome o;

	(void)state;
	/* Weighted 一般/差 share: (500 × 500 + 300 × 500 + 0) / 1000 = 400‰ < 500‰ */
	assert_int_equal(review_combine(t, &r, &o), ERR_OK);
	assert_int_equal(o.poor_share, 400);
	assert_int_equal(o.grade, RGR_GOOD);
	/* Half the weighted votes say 一般/差: at most 一般 despite 95 points. */
	t[RG_MEMBER] = group(2, 950, 1);
	assert_int_equal(review_combine(t, &r, &o), ERR_OK);
	assert_int_equal(o.poor_share, 500);
	assert_int_equal(o.score, 950);
	assert_int_equal(o.grade, RGR_AVERAGE);
	/* A band already below 一般 is not raised. */
	t[RG_DISTRICT] = group(2, 500, 2);
	t[RG_SECRETARY] = group(2, 500, 2);
	t[RG_MEMBER] = group(2, 500, 2);
	assert_int_equal(review_combine(t, &r, &o), ERR_OK);
	assert_int_equal(o.grade, RGR_POOR);
	/* 1001 turns the cap off. */
	r.poor_share = 1001;
	t[RG_DISTRICT] = group(2, 950, 2);
	t[RG_SECRETARY] = group(2, 950, 2);
	t[RG_MEMBER] = group(2, 950, 2);
	assert_int_equal(review_combine(t, &r, &o), ERR_OK);
	assert_int_equal(o.grade, RGR_GOOD);
}

static void
test_review_ties_in_ranking(void **state)
{
	struct review_rules r = rules();
	struct review_tally a[RG_N] = { group(1, 860, 0), group(1, 800, 0), group(1, 800, 0) };
	struct review_tally b[RG_N] = { group(2, 900, 0), group(4, 750, 0), group(3, 775, 0) };
	struct review_tally c[RG_N] = { group(1, 900, 0), group(1, 900, 0), group(1, 900, 0) };
	struct review_outcome oa, ob, oc;
	int64_t score[3];
	int rank[3];

	(void)state;
	/* Different groups' averages, equal final scores (83.0): a tie. */
	assert_int_equal(review_combine(a, &r, &oa), ERR_OK);
	assert_int_equal(review_combine(b, &r, &ob), ERR_OK);
	assert_int_equal(review_combine(c, &r, &oc), ERR_OK);
	assert_int_equal(oa.score, 830);
	assert_int_equal(ob.score, 830);
	score[0] = oa.score;
	score[1] = oc.score;
	score[2] = ob.score;
	indicator_rank(score, 3, rank);
	assert_int_equal(rank[1], 1);
	assert_int_equal(rank[0], 2);
	assert_int_equal(rank[2], 2);
}

static void
test_review_state_machine(void **state)
{
	(void)state;
	assert_int_equal(review_step(RS_OPEN, RS_CLOSED), ERR_OK);
	assert_int_equal(review_step(RS_CLOSED, RS_PUBLISHED), ERR_OK);
	assert_int_equal(review_step(RS_OPEN, RS_PUBLISHED), ERR_CONFLICT);
	assert_int_equal(review_step(RS_CLOSED, RS_CLOSED), ERR_CONFLICT);
	assert_int_equal(review_step(RS_PUBLISHED, RS_CLOSED), ERR_CONFLICT);
	assert_non_null(strstr(review_conflict_message(RS_CLOSED), "已结束"));
	assert_int_equal(review_parse(review_states, "published"), RS_PUBLISHED);
	assert_int_equal(review_parse(review_grades, "较好"), RGR_FAIR);
	assert_int_equal(review_parse(review_groups, "boss"), -1);
}

static void
test_review_rules_check_names_fields(void **state)
{
	struct review_rules r = rules();
	struct problem pb = { 0 };

	(void)state;
	assert_int_equal(review_rules_check(&r, &pb), ERR_OK);
	r.weight[RG_MEMBER] = 300;	/* sums to 1100 */
	assert_int_equal(review_rules_check(&r, &pb), ERR_INVALID);
	assert_true(problem_has(&pb, "weight_district"));
	r = rules();
	memset(&pb, 0, sizeof(pb));
	r.band_min[1] = 950;	/* above 好 */
	r.poor_share = 2000;
	assert_int_equal(review_rules_check(&r, &pb), ERR_INVALID);
	assert_true(problem_has(&pb, "band_fair"));
	assert_true(problem_has(&pb, "poor_share"));
}

static void
test_review_sheet_shipped(void **state)
{
	struct arena a = ARENA_INIT;
	struct problem pb = { 0 };
	struct indicator *v;
	int64_t sum = 0;
	int k = -1, n, l1 = 0;

	(void)state;
	for (int i = 0; i < indicator_defaults_count(); i++)
		if (!strcmp(indicator_defaults_get(i)->kind, "secretary_review"))
			k = i;
	assert_true(k >= 0);
	n = indicator_defaults_tree(k, &a, &v);
	assert_int_equal(indicator_tree_check(v, n, &pb), ERR_OK);
	for (int i = 0; i < n; i++)
		if (v[i].level == 1) {
			sum += v[i].max_points;
			l1++;
		}
	assert_int_equal(sum, 1000);	/* 100 points */
	assert_int_equal(l1, 6);
	assert_string_equal(v[0].name, "抓党建工作职责落实");
	arena_release(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_review_combine_weights),
		cmocka_unit_test(test_review_weights_the_rounded_averages),
		cmocka_unit_test(test_review_missing_group_shares_its_weight),
		cmocka_unit_test(test_review_grade_bands_at_boundaries),
		cmocka_unit_test(test_review_poor_votes_cap_the_grade),
		cmocka_unit_test(test_review_ties_in_ranking),
		cmocka_unit_test(test_review_state_machine),
		cmocka_unit_test(test_review_rules_check_names_fields),
		cmocka_unit_test(test_review_sheet_shipped),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}

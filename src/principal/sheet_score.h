/* sheet_score.h: the principal-tenure sheets' own scoring rules, pure (no
 * I/O): which sheet stage a school takes (PRIN-01's three checklists) and
 * PRIN-08's satisfaction formula. The sheet itself is scored by
 * supervise/indicator.h (state and progress, PRIN-07) with
 * indicator_rules_principal(); a survey item gets sheet_sat_score()'s
 * points. Rates in permille, points in tenths, all integers. */
#ifndef HY_SHEET_SCORE_H
#define HY_SHEET_SCORE_H

#include <stdint.h>

#include "core/err.h"
#include "supervise/indicator.h"

/* The sheet stage (indicator_stages[]) of a school stage (school_stages[]):
 * kindergarten → kindergarten; primary, junior, nine_year → compulsory;
 * senior, complete_secondary → senior (a 完全中学's principal heads a high
 * school). NULL for vocational and unknown stages: PRIN-01 covers 中小学
 * and 幼儿园 only. Static strings. */
const char *sheet_stage_of_school(const char *school_stage);

/* PRIN-08's audiences, in the order of cfg.sat_weight. */
enum sat_audience { SAT_TEACHERS, SAT_PARENTS, SAT_STUDENTS, SAT_AUDIENCES };

/* One audience's answers to the overall-satisfaction question. */
struct sat_count {
	int64_t very, satisfied;	/* 非常满意, 满意 */
	int64_t valid;			/* valid answers; 0: not surveyed */
};

struct sat_result {
	int64_t rate[SAT_AUDIENCES];	/* permille, half up; -1 when not surveyed */
	int64_t weight[SAT_AUDIENCES];	/* the weights used, renormalised, permille */
	int64_t rate_all;		/* the weighted rate, permille; -1 when none */
	int64_t score;			/* tenths: points × rate_all, half up; 0 when none */
};

/* PRIN-08: the weights from cfg (teachers 400, parents 400, students 200). */
void sheet_sat_weights_default(int64_t w[SAT_AUDIENCES]);

/* The rate of one audience: (非常满意 + 满意) ÷ valid answers, permille,
 * half up; -1 when valid is 0 (not surveyed). Counts are clamped so the
 * rate stays within 0..1000. */
int64_t sheet_sat_rate(const struct sat_count *c);

/* PRIN-08: the satisfaction area's score for an area of `points` tenths:
 * points × Σ wᵢ·rateᵢ ÷ Σ wᵢ over the audiences surveyed (valid > 0) and
 * weighted above 0, so the weights are renormalised over them; the
 * rates enter in parts per million, so only the last step rounds (half
 * up) visibly. No audience surveyed: rate_all -1 and
 * score 0. w: NULL for the configured weights. */
void sheet_sat_score(int64_t points, const struct sat_count c[SAT_AUDIENCES],
    const int64_t *w, struct sat_result *out);

/* Scores a principal-tenure sheet as a term-end supervision does: the
 * team's scores s (state, progress, failed vetoes) by PRIN-07 with
 * indicator_rules_principal(), each survey item given PRIN-08's score
 * for its points from c (NULL: the survey items are left to s, unscored
 * they count 0). values and sat may be NULL (indicator_score_values; sat:
 * the satisfaction figures, of the first survey item's points). With c,
 * a score of a survey item in s is refused (422 scores[i].code: it comes
 * from the questionnaires); otherwise as indicator_score. */
enum err sheet_score_term(const struct indicator *v, int n, const struct ind_score *s, int ns,
    const struct sat_count *c, struct problem *pb, struct ind_result *out, int64_t *values,
    struct sat_result *sat);

#endif

/* indicator.h: indicator systems (评分细则, issue 4) as plain structs: the
 * tree's validation and the scoring of one sheet (CL-01, EVAL-04). Points
 * are integers in tenths of a point; weights in permille. No I/O. */
#ifndef HY_INDICATOR_H
#define HY_INDICATOR_H

#include <stdint.h>

#include "core/err.h"

#define IND_LEVEL_MAX 3
#define IND_MAX 1000		/* indicators in one system */
#define IND_POINTS_MAX 10000	/* 1000 points, in tenths */
#define IND_WEIGHT_MAX 1000	/* permille */

extern const char *const indicator_kinds[];	/* NULL-terminated */
/* The stages a principal_tenure system is for (PRIN-01's three reference
 * checklists): kindergarten 幼儿园, compulsory 义务教育, senior 普通高中.
 * NULL-terminated; principal/sheet_score.h maps a school's stage to one. */
extern const char *const indicator_stages[];

/* One indicator. In a tree, items come in tree order (a parent before its
 * children) and name their parent by code (NULL or "" at level 1). */
struct indicator {
	int64_t id;
	int level, seq;
	const char *code, *parent_code, *name, *guidance, *evidence;
	int64_t max_points;	/* tenths */
	int64_t weight;		/* permille, 1000 = full */
	int bonus, veto;
	int developmental;	/* PRIN-07: scored for 进步 (progress) as well as 现状 */
	int survey;		/* PRIN-08: scored as a whole from questionnaires */
};

/* Checks a whole tree: levels 1..3, a child's level is its parent's + 1,
 * the parent appears earlier, codes are unique, names non-empty, ranges,
 * and the children's max points do not exceed the parent's (unless the
 * parent is a bonus item). A survey item is not a bonus or veto item and
 * has no survey item above it. Names each bad field as
 * "indicators[i].<field>". ERR_INVALID or ERR_OK. */
enum err indicator_tree_check(const struct indicator *v, int n, struct problem *pb);

/* Configurable scoring (EVAL-04, PRIN-07): the bonus cap and the grade
 * bands, in tenths; the weights of 现状 and 进步 on a developmental item,
 * in permille. Defaults from cfg via indicator_rules_default() (the
 * party-building sheets) or indicator_rules_principal() (principal_tenure). */
#define IND_BANDS 3
struct ind_rules {
	int64_t bonus_cap;		/* 50: bonus items add at most 5 points */
	int64_t band_min[IND_BANDS];	/* 900 优秀, 800 良好, 600 一般; below: 较差 */
	int64_t state_w, progress_w;	/* PRIN-07: 700 and 300 */
	const char *const *grades;	/* IND_BANDS + 1 names, best first; NULL: 优秀…较差 */
};
void indicator_rules_default(struct ind_rules *r);
/* PRIN-07: bands 优秀 ≥ 90, 良好 ≥ 80, 合格 ≥ 60, else 不合格 (cfg.prin_*),
 * state and progress weights from cfg, the bonus cap as the default's. */
void indicator_rules_principal(struct ind_rules *r);

/* The grade of a total (tenths): r->grades' names, by default 优秀, 良好,
 * 一般 or 较差 (static). */
const char *indicator_grade(const struct ind_rules *r, int64_t total);

/* One score on a sheet: points (现状, state) in tenths within 0..max;
 * progress (进步, PRIN-07) likewise, only on a developmental item (0 when
 * not given); failed_veto marks a veto item as failed. A survey item is
 * scored as a whole (its points from principal/sheet_score.h's PRIN-08
 * formula) and its children are not scored. */
struct ind_score {
	const char *code;
	int64_t points;
	int failed_veto;
	int64_t progress;
};

struct ind_result {
	int64_t total;		/* tenths, bonus included; 0 when vetoed */
	int64_t base;		/* the regular items, before bonus */
	int64_t bonus;		/* after the cap */
	int vetoed;
	const char *grade;
};

/* Whether indicator i of v has children (is not a leaf): a parent's value
 * is its children's sum, so only leaves are ever scored. */
int indicator_has_children(const struct indicator *v, int n, int i);

/* Scores a sheet: each regular leaf counts points × weight / 1000 (half
 * up), a developmental leaf (state × state_w + progress × progress_w) ÷
 * (state_w + progress_w) × weight / 1000 (PRIN-07; state alone when both
 * weights are 0), a survey item its points × weight / 1000 whatever its
 * children; each parent sums its children, capped at its max; bonus subtrees
 * add on top up to r->bonus_cap; a failed veto item makes the total 0.
 * Unscored leaves count 0. Bad scores are named "scores[i].<field>"
 * (unknown code, a parent's code, points out of range, failed_veto on a
 * non-veto item, a code given twice, progress on an item that is not
 * developmental, a child of a survey item). Every sheet (inspections,
 * clean-school self-checks, reviews, the calculator, term-end
 * supervisions) is judged here. v must pass indicator_tree_check. */
enum err indicator_score(const struct indicator *v, int n, const struct ind_score *s, int ns,
    const struct ind_rules *r, struct problem *pb, struct ind_result *out);
/* indicator_score, and when values is not NULL (n entries) each
 * indicator's value in tenths as it counts in the total (a level-1 item's
 * is its area's total, for a radar chart), before any veto. */
enum err indicator_score_values(const struct indicator *v, int n, const struct ind_score *s,
    int ns, const struct ind_rules *r, struct problem *pb, struct ind_result *out,
    int64_t *values);

/* Competition ranking of n totals (higher first): equal totals share a
 * rank and the next rank skips (1, 1, 3). rank[i] is for total[i]. */
void indicator_rank(const int64_t *total, int n, int *rank);

#endif

/* assessment.h: the annual assessment of school-level party organizations
 * (年度考核, 常态化考核、提升和整顿; issue 4, EVAL-03/EVAL-04). The pure
 * part scores five components with configured weights and grades the
 * result in configured bands; the store (assessment_store.c) gathers the
 * components for a year with grouped queries, writes the year in one
 * transaction and raises a rectification plan (a finding with source
 * "assessment") for each organization in the lowest band or vetoed.
 *
 * Units: every value, score and band is permille of full marks, i.e.
 * tenths of a point on a 100-point scale (90.0 points = 900). */
#ifndef HY_ASSESSMENT_H
#define HY_ASSESSMENT_H

#include <stdint.h>

#include "auth/who.h"
#include "core/err.h"

struct arena;
struct db;

enum assess_comp { AC_COMPLIANCE, AC_DUES, AC_RECTIFY, AC_INSPECTION, AC_REVIEW, AC_N };
/* "compliance", "dues", "rectification", "inspection", "review", NULL. */
extern const char *const assess_components[];

#define ASSESS_BANDS 3		/* the minimums of 优秀, 良好, 一般; below: 较差 */
#define ASSESS_GRADES 4
#define ASSESS_LOWEST (ASSESS_GRADES - 1)
/* 优秀, 良好, 一般, 较差, NULL (indexed by grade). */
extern const char *const assess_grades[];
/* "none", "rectify", "lifted", NULL. */
extern const char *const assess_marks[];

#define ASSESS_MISSING (-1)	/* a component without data */

/* EVAL-04: the weights (permille, any sum; 0 leaves a component out) and
 * the grade bands (descending minimums). */
struct assess_rules {
	int64_t weight[AC_N];
	int64_t band_min[ASSESS_BANDS];
};

/* From cfg (core/config.h) / the defaults without configuration (tests):
 * weights 300, 150, 150, 250, 150; bands 900, 800, 600. */
void assess_rules_from_config(struct assess_rules *r);
void assess_rules_default(struct assess_rules *r);

struct assess_input {
	int64_t value[AC_N];	/* 0..1000, or ASSESS_MISSING */
	int veto;		/* a vetoed inspection (一票否决) */
};

struct assess_result {
	int64_t score;		/* 0..1000; ASSESS_MISSING when no component had data */
	int64_t used_weight[AC_N];	/* weights after renormalisation, summing to 1000 */
	int grade;		/* index into assess_grades; -1 with no data */
	int veto;
	int rectify;		/* lowest band or veto: marked 软弱涣散, to 整顿 (EVAL-03) */
};

/* Pure. The grade index of a score: the first band whose minimum the score
 * reaches ("≥"), else the lowest. */
int assess_grade(const struct assess_rules *r, int64_t score);

/* Pure (EVAL-04). Scores in: values out of range are clamped to 0..1000.
 * Components without data (or with weight 0) are left out and the others'
 * weights renormalised to their sum: score = Σ wᵢvᵢ / Σ wᵢ over the
 * present ones, rounded half up. A veto puts the result in the lowest band
 * whatever the score; no data at all and no veto: no score, no grade. */
void assess_score(const struct assess_rules *r, const struct assess_input *in,
    struct assess_result *out);

/* Pure. Competition ranking (1, 1, 3) of n results: organizations with a
 * score first by score (higher first), vetoed ones after every unvetoed
 * one, equal (score, veto) share a rank; without a score: rank 0. */
void assess_rank(const struct assess_result *v, int n, int *rank);

/* --- the store (assessment_store.c) --- */

struct assess_component {
	enum assess_comp comp;
	int64_t value;		/* ASSESS_MISSING: no data */
	int64_t weight, used_weight, num, den;
	int vetoed;
	const char *source;	/* what the value was computed from (Chinese) */
};

struct assessment {
	int64_t id, year, org_id, score, rank, finding_id, lifted_by, computed_at;
	const char *org_name, *grade, *mark, *marked_on, *lifted_on, *finding_state;
	int vetoed;
	struct assess_component comp[AC_N];	/* filled by assessment_get and the list */
};

struct assess_filter {
	int64_t year, org_id;	/* org_id 0: any in scope */
	const char *grade, *mark;	/* NULL: any */
	const char *sort_col;	/* from the API's sort table */
	int desc;
	int64_t page, per_page;
};

struct assess_run_stats {
	int64_t orgs, marked, plans;	/* plans: findings raised by this run */
};

/* Computes every school-level party organization (kind party_committee)
 * in w's scope for year, in one transaction with its audit row: each
 * organization's row and components are replaced, ranks recomputed, marks
 * and plans already raised are kept, and an organization newly in the
 * lowest band or vetoed gets its mark and a plan. ERR_INVALID (field
 * "year") outside 2000..the current year. */
enum err assessment_run(struct db *db, const struct who *w, int64_t year, struct problem *pb,
    struct assess_run_stats *st);
/* One assessment with its components (strings in a). ERR_NOT_FOUND when
 * none or out of w's scope. */
enum err assessment_get(struct db *db, const struct who *w, int64_t year, int64_t org_id,
    struct arena *a, struct assessment *out);
/* One page, in w's scope, components included. */
enum err assessment_list(struct db *db, const struct who *w, const struct assess_filter *f,
    void (*fn)(void *ctx, const struct assessment *as), void *ctx, int64_t *total);
/* Lifts the mark (district staff), audited. ERR_NOT_FOUND out of scope;
 * ERR_CONFLICT (code not_marked) when not marked, (code plan_open) while
 * the plan's finding is not verified. */
enum err assessment_lift(struct db *db, const struct who *w, int64_t year, int64_t org_id,
    struct problem *pb);
/* Whether year is one that can be assessed (2000..the current year). */
int assessment_year_ok(int64_t year);

#endif

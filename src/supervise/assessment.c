/* assessment.c: the pure scoring of the annual assessment (EVAL-03,
 * EVAL-04): weights with renormalisation, grade bands, veto, ranking. */
#include "core/common.h"
#include "supervise/assessment.h"

#include "core/config.h"
#include "core/dates.h"

const char *const assess_components[] = { "compliance", "dues", "rectification", "inspection",
	"review", NULL };
const char *const assess_grades[] = { "优秀", "良好", "一般", "较差", NULL };
const char *const assess_marks[] = { "none", "rectify", "lifted", NULL };

void
assess_rules_default(struct assess_rules *r)
{
	static const int64_t w[AC_N] = { 300, 150, 150, 250, 150 };
	static const int64_t b[ASSESS_BANDS] = { 900, 800, 600 };

	memcpy(r->weight, w, sizeof(w));
	memcpy(r->band_min, b, sizeof(b));
}

void
assess_rules_from_config(struct assess_rules *r)
{
	for (int i = 0; i < AC_N; i++)
		r->weight[i] = cfg.assess_weight[i];
	for (int i = 0; i < ASSESS_BANDS; i++)
		r->band_min[i] = cfg.assess_band_min[i];
}

int
assess_grade(const struct assess_rules *r, int64_t score)
{
	for (int i = 0; i < ASSESS_BANDS; i++)
		if (score >= r->band_min[i])
			return i;
	return ASSESS_LOWEST;
}

static int64_t
clamp(int64_t v)
{
	return v < 0 ? 0 : v > 1000 ? 1000 : v;
}

/* The renormalised weights (permille of the present ones' sum; the
 * largest remainder goes to the first present component so they sum to
 * exactly 1000). */
static void
renormalise(const struct assess_rules *r, const struct assess_input *in, int64_t sum,
    struct assess_result *out)
{
	int64_t given = 0;
	int first = -1;

	for (int i = 0; i < AC_N; i++) {
		out->used_weight[i] = 0;
		if (in->value[i] == ASSESS_MISSING || r->weight[i] <= 0)
			continue;
		out->used_weight[i] = r->weight[i] * 1000 / sum;
		given += out->used_weight[i];
		if (first < 0)
			first = i;
	}
	if (first >= 0)
		out->used_weight[first] += 1000 - given;
}

void
assess_score(const struct assess_rules *r, const struct assess_input *in,
    struct assess_result *out)
{
	int64_t sum = 0, acc = 0;

	for (int i = 0; i < AC_N; i++) {
		if (in->value[i] == ASSESS_MISSING || r->weight[i] <= 0)
			continue;
		sum += r->weight[i];
		acc += r->weight[i] * clamp(in->value[i]);
	}
	renormalise(r, in, sum ? sum : 1, out);
	out->veto = !!in->veto;
	out->score = sum ? (acc * 2 + sum) / (sum * 2) : ASSESS_MISSING;	/* half up */
	if (out->veto)
		out->grade = ASSESS_LOWEST;
	else
		out->grade = sum ? assess_grade(r, out->score) : -1;
	out->rectify = out->grade == ASSESS_LOWEST;
}

/* Ordering key: unvetoed before vetoed, then score descending. */
static int
before(const struct assess_result *a, const struct assess_result *b)
{
	if (a->veto != b->veto)
		return !a->veto;
	return a->score > b->score;
}

static int
ranked(const struct assess_result *a)
{
	return a->score != ASSESS_MISSING || a->veto;
}

void
assess_rank(const struct assess_result *v, int n, int *rank)
{
	for (int i = 0; i < n; i++) {
		rank[i] = 0;
		if (!ranked(&v[i]))
			continue;
		rank[i] = 1;
		for (int j = 0; j < n; j++)
			if (j != i && ranked(&v[j]) && before(&v[j], &v[i]))
				rank[i]++;
	}
}

int
assessment_year_ok(int64_t year)
{
	return year >= 2000 && year <= date_year(date_today());
}

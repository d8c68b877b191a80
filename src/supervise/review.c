/* review.c: the pure rules of report-and-review (EVAL-02/04): the round's
 * states, the rules' checks, and combining groups' ballots. */
#include "core/common.h"
#include "supervise/review.h"
#include "core/config.h"

const char *const review_states[] = { "open", "closed", "published", NULL };
const char *const review_groups[] = { "district", "secretary", "member", NULL };
const char *const review_grades[] = { "好", "较好", "一般", "差", NULL };

int
review_parse(const char *const *names, const char *s)
{
	for (int i = 0; s && names[i]; i++)
		if (!strcmp(names[i], s))
			return i;
	return -1;
}

enum err
review_step(enum review_state state, enum review_state next)
{
	return next == state + 1 && next < RS_N ? ERR_OK : ERR_CONFLICT;
}

const char *
review_conflict_message(enum review_state state)
{
	static const char *const msg[] = {
		"评议进行中，该操作不可用",
		"评议已结束，不能再提交或修改",
		"评议结果已公布，不能再修改",
	};

	return msg[state];
}

void
review_rules_default(struct review_rules *r)
{
	for (int g = 0; g < RG_N; g++)
		r->weight[g] = cfg.review_weight[g];
	for (int i = 0; i < 3; i++)
		r->band_min[i] = cfg.review_band_min[i];
	r->poor_share = cfg.review_poor_share;
}

enum err
review_rules_check(const struct review_rules *r, struct problem *pb)
{
	static const char *const wf[] = { "weight_district", "weight_secretary", "weight_member" };
	static const char *const bf[] = { "band_good", "band_fair", "band_average" };
	int64_t sum = 0;

	for (int g = 0; g < RG_N; g++) {
		if (r->weight[g] < 0 || r->weight[g] > 1000)
			problem_field(pb, wf[g], "权重应在0到1000（千分比）之间");
		sum += r->weight[g];
	}
	if (!pb->nfields && sum != 1000)
		problem_field(pb, "weight_district", "三组权重之和应为1000（千分比），现为%" PRId64,
		    sum);
	for (int i = 0; i < 3; i++)
		if (r->band_min[i] < 0 || r->band_min[i] > 10000)
			problem_field(pb, bf[i], "分数线应在0到1000分之间");
		else if (i && r->band_min[i] >= r->band_min[i - 1])
			problem_field(pb, bf[i], "分数线应低于上一等次");
	if (r->poor_share < 0 || r->poor_share > 1001)
		problem_field(pb, "poor_share", "应在0到1001（千分比，1001表示不启用）之间");
	return pb->nfields ? ERR_INVALID : ERR_OK;
}

enum review_grade
review_band(const struct review_rules *r, int64_t score)
{
	int i = 0;

	while (i < 3 && score < r->band_min[i])
		i++;
	return (enum review_grade)i;
}

/* a * b / c, half up, for non-negative values. */
static int64_t
muldiv(int64_t a, int64_t b, int64_t c)
{
	return (a * b * 2 + c) / (2 * c);
}

enum err
review_combine(const struct review_tally t[RG_N], const struct review_rules *r,
    struct review_outcome *out)
{
	int64_t wsum = 0, score = 0, poor = 0;

	memset(out, 0, sizeof(*out));
	for (int g = 0; g < RG_N; g++) {
		out->avg[g] = t[g].n ? muldiv(t[g].sum, 1, t[g].n) : -1;
		out->ballots += t[g].n;
		for (int k = 0; k < RGR_N; k++)
			out->votes[k] += t[g].votes[k];
		if (t[g].n && r->weight[g] > 0)
			wsum += r->weight[g];
	}
	if (!wsum)
		return ERR_NOT_FOUND;
	/* The groups' averages as shown (half up to a tenth), weighted, and
	 * the sum divided once, half up: anyone can redo the final score from
	 * the averages on the result (docs/api.md; issue 11 found the code
	 * weighting unrounded averages, 73.0 where the docs give 73.1). */
	for (int g = 0; g < RG_N; g++) {
		if (!t[g].n || r->weight[g] <= 0)
			continue;
		score += r->weight[g] * out->avg[g];
		poor += r->weight[g] * (t[g].votes[RGR_AVERAGE] + t[g].votes[RGR_POOR]) * 1000
		    / t[g].n;
	}
	out->score = muldiv(score, 1, wsum);
	out->poor_share = muldiv(poor, 1, wsum);
	out->grade = review_band(r, out->score);
	if (out->grade < RGR_AVERAGE && out->poor_share >= r->poor_share)
		out->grade = RGR_AVERAGE;
	return ERR_OK;
}

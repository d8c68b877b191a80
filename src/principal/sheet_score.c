/* sheet_score.c: school stage → sheet stage, and PRIN-08's satisfaction
 * formula. */
#include "core/common.h"
#include "principal/sheet_score.h"
#include "core/config.h"
#include "core/xalloc.h"

const char *
sheet_stage_of_school(const char *st)
{
	static const struct {
		const char *school, *sheet;
	} map[] = {
		{ "kindergarten", "kindergarten" }, { "primary", "compulsory" },
		{ "junior", "compulsory" }, { "nine_year", "compulsory" },
		{ "senior", "senior" }, { "complete_secondary", "senior" },
	};

	for (size_t i = 0; st && i < ARRAY_SIZE(map); i++)
		if (!strcmp(st, map[i].school))
			return map[i].sheet;
	return NULL;
}

void
sheet_sat_weights_default(int64_t w[SAT_AUDIENCES])
{
	for (int i = 0; i < SAT_AUDIENCES; i++)
		w[i] = cfg.sat_weight[i];
}

/* (非常满意 + 满意) clamped to 0..valid. */
static int64_t
satisfied(const struct sat_count *c)
{
	int64_t k = (c->very > 0 ? c->very : 0) + (c->satisfied > 0 ? c->satisfied : 0);

	return k > c->valid ? c->valid : k;
}

int64_t
sheet_sat_rate(const struct sat_count *c)
{
	if (c->valid <= 0)
		return -1;
	return (satisfied(c) * 1000 + c->valid / 2) / c->valid;
}

void
sheet_sat_score(int64_t points, const struct sat_count c[SAT_AUDIENCES], const int64_t *w0,
    struct sat_result *out)
{
	int64_t w[SAT_AUDIENCES], wsum = 0, acc = 0;	/* acc: Σ wᵢ × rateᵢ in ppm */

	if (!w0) {
		sheet_sat_weights_default(w);
		w0 = w;
	}
	for (int i = 0; i < SAT_AUDIENCES; i++) {
		out->rate[i] = sheet_sat_rate(&c[i]);
		out->weight[i] = 0;
		if (out->rate[i] < 0 || w0[i] <= 0)
			continue;
		wsum += w0[i];
		acc += w0[i] * ((satisfied(&c[i]) * 1000000 + c[i].valid / 2) / c[i].valid);
	}
	out->rate_all = -1;
	out->score = 0;
	if (!wsum)
		return;
	for (int i = 0; i < SAT_AUDIENCES; i++)
		if (out->rate[i] >= 0 && w0[i] > 0)
			out->weight[i] = (w0[i] * 1000 + wsum / 2) / wsum;
	out->rate_all = (acc + wsum * 500) / (wsum * 1000);
	out->score = (points * acc + wsum * 500000) / (wsum * 1000000);
}

/* With questionnaires, a survey item is not scored by hand. */
static int
refuse_survey_scores(const struct indicator *v, int n, const struct ind_score *s, int ns,
    struct problem *pb)
{
	char f[48];

	for (int k = 0; k < ns; k++)
		for (int i = 0; s[k].code && i < n; i++)
			if (v[i].survey && !strcmp(v[i].code, s[k].code)) {
				snprintf(f, sizeof(f), "scores[%d].code", k);
				problem_field(pb, f, "“%s”按满意度问卷结果计分，不能手工评分", s[k].code);
			}
	return pb->nfields;
}

enum err
sheet_score_term(const struct indicator *v, int n, const struct ind_score *s, int ns,
    const struct sat_count *c, struct problem *pb, struct ind_result *out, int64_t *values,
    struct sat_result *sat)
{
	struct ind_score *all = xmalloc(sizeof(*all) * (size_t)(ns + n + 1));
	struct ind_rules r;
	struct sat_result one, *first = NULL;
	int na = ns;
	enum err e;

	memset(out, 0, sizeof(*out));
	if (sat)	/* as if nobody was surveyed until a survey item is scored */
		sheet_sat_score(0, (const struct sat_count[SAT_AUDIENCES]){ { 0, 0, 0 } }, NULL, sat);
	if (c && refuse_survey_scores(v, n, s, ns, pb)) {
		free(all);
		return ERR_INVALID;
	}
	memcpy(all, s, sizeof(*s) * (size_t)ns);
	for (int i = 0; c && i < n; i++) {
		if (!v[i].survey)
			continue;
		sheet_sat_score(v[i].max_points, c, NULL, &one);
		if (!first && sat)
			*(first = sat) = one;
		all[na++] = (struct ind_score){ .code = v[i].code, .points = one.score };
	}
	indicator_rules_principal(&r);
	e = indicator_score_values(v, n, all, na, &r, pb, out, values);
	free(all);
	return e;
}

/* sheet_score.c: school stage → sheet stage, and PRIN-08's satisfaction
 * formula. */
#include "core/common.h"
#include "principal/sheet_score.h"
#include "core/config.h"

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

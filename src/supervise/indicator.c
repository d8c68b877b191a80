/* indicator.c: tree validation and sheet scoring (CL-01, EVAL-04). */
#include "core/common.h"
#include "supervise/indicator.h"
#include "core/config.h"
#include "core/xalloc.h"

const char *const indicator_kinds[] = { "quarterly_inspection", "instructor_visit",
	"secretary_review", "clean_school", NULL };

static int
find(const struct indicator *v, int n, const char *code)
{
	for (int i = 0; code && *code && i < n; i++)
		if (v[i].code && !strcmp(v[i].code, code))
			return i;
	return -1;
}

static int
blank(const char *s)
{
	return !s || !*s;
}

static void
check_one(const struct indicator *v, int i, struct problem *pb)
{
	const struct indicator *x = &v[i];
	char f[48];
	int p;

	snprintf(f, sizeof(f), "indicators[%d].code", i);
	if (blank(x->code) || strlen(x->code) > 32)
		problem_field(pb, f, "编号必填，最多32个字符");
	else if (find(v, i, x->code) >= 0)
		problem_field(pb, f, "编号“%s”重复", x->code);
	snprintf(f, sizeof(f), "indicators[%d].name", i);
	if (blank(x->name))
		problem_field(pb, f, "指标名称必填");
	snprintf(f, sizeof(f), "indicators[%d].max_points", i);
	if (x->max_points < 0 || x->max_points > IND_POINTS_MAX)
		problem_field(pb, f, "分值应在0到1000之间");
	snprintf(f, sizeof(f), "indicators[%d].weight", i);
	if (x->weight < 0 || x->weight > IND_WEIGHT_MAX)
		problem_field(pb, f, "权重应在0到1000（千分比）之间");
	snprintf(f, sizeof(f), "indicators[%d].level", i);
	if (x->level < 1 || x->level > IND_LEVEL_MAX) {
		problem_field(pb, f, "层级应为1至3");
		return;
	}
	p = find(v, i, x->parent_code);
	snprintf(f, sizeof(f), "indicators[%d].parent", i);
	if (x->level == 1 && !blank(x->parent_code))
		problem_field(pb, f, "一级指标没有上级");
	else if (x->level > 1 && p < 0)
		problem_field(pb, f, "上级指标应在本指标之前列出");
	else if (x->level > 1 && v[p].level != x->level - 1) {
		snprintf(f, sizeof(f), "indicators[%d].level", i);
		problem_field(pb, f, "层级应比上级多一级");
	} else if (x->level > 1 && x->bonus && !v[p].bonus) {
		snprintf(f, sizeof(f), "indicators[%d].bonus", i);
		problem_field(pb, f, "加分项应为一级指标或在加分项之下");
	}
}

/* The children's max points against each parent's. */
static void
check_sums(const struct indicator *v, int n, struct problem *pb)
{
	char f[48];

	for (int i = 0; i < n; i++) {
		int64_t sum = 0;
		int any = 0;

		if (v[i].bonus)
			continue;
		for (int j = i + 1; j < n; j++)
			if (!blank(v[j].parent_code) && v[i].code && !strcmp(v[j].parent_code, v[i].code)) {
				sum += v[j].max_points;
				any = 1;
			}
		snprintf(f, sizeof(f), "indicators[%d].max_points", i);
		if (any && sum > v[i].max_points)
			problem_field(pb, f, "下级指标分值合计（%" PRId64 ".%" PRId64 "）超过本指标分值",
			    sum / 10, sum % 10);
	}
}

enum err
indicator_tree_check(const struct indicator *v, int n, struct problem *pb)
{
	if (n > IND_MAX)
		return problem_field(pb, "indicators", "最多%d项指标", IND_MAX);
	for (int i = 0; i < n; i++)
		check_one(v, i, pb);
	if (!pb->nfields)
		check_sums(v, n, pb);
	return pb->nfields ? ERR_INVALID : ERR_OK;
}

void
indicator_rules_default(struct ind_rules *r)
{
	r->bonus_cap = cfg.ind_bonus_cap;
	r->band_min[0] = cfg.ind_band_min[0];
	r->band_min[1] = cfg.ind_band_min[1];
	r->band_min[2] = cfg.ind_band_min[2];
}

const char *
indicator_grade(const struct ind_rules *r, int64_t total)
{
	static const char *const names[] = { "优秀", "良好", "一般", "较差" };
	int i = 0;

	while (i < IND_BANDS && total < r->band_min[i])
		i++;
	return names[i];
}

struct sheet {
	const struct indicator *v;
	int n;
	const int64_t *pts;	/* per indicator, tenths; -1 not scored */
};

static int
is_child(const struct sheet *s, int i, int p)
{
	return !blank(s->v[i].parent_code) && !strcmp(s->v[i].parent_code, s->v[p].code);
}

/* The value of indicator i: a leaf's weighted points, or its children's
 * sum capped at its max. */
static int64_t
value(const struct sheet *s, int i)
{
	int64_t sum = 0;
	int any = 0;

	for (int j = i + 1; j < s->n; j++)
		if (is_child(s, j, i)) {
			sum += value(s, j);
			any = 1;
		}
	if (!any) {
		int64_t p = s->pts[i] < 0 ? 0 : s->pts[i];

		return (p * s->v[i].weight + 500) / 1000;
	}
	return sum > s->v[i].max_points ? s->v[i].max_points : sum;
}

int
indicator_has_children(const struct indicator *v, int n, int i)
{
	for (int j = i + 1; j < n; j++)
		if (!blank(v[j].parent_code) && !strcmp(v[j].parent_code, v[i].code))
			return 1;
	return 0;
}

static int
check_scores(const struct indicator *v, int n, const struct ind_score *s, int ns,
    struct problem *pb, int64_t *pts, int *vetoed)
{
	char *seen = xcalloc((size_t)(n ? n : 1), 1);
	char f[48];

	for (int k = 0; k < ns; k++) {
		int i = find(v, n, s[k].code);

		snprintf(f, sizeof(f), "scores[%d].code", k);
		if (i < 0) {
			problem_field(pb, f, "评分细则中没有编号“%s”", s[k].code ? s[k].code : "");
			continue;
		}
		if (seen[i]++) {
			problem_field(pb, f, "编号“%s”重复评分", s[k].code);
			continue;
		}
		/* A parent's score would be stored and never counted. */
		if (indicator_has_children(v, n, i)) {
			problem_field(pb, f, "“%s”不是末级指标，由下级指标汇总", s[k].code);
			continue;
		}
		snprintf(f, sizeof(f), "scores[%d].points", k);
		if (s[k].points < 0 || s[k].points > v[i].max_points)
			problem_field(pb, f, "得分应在0到%" PRId64 ".%" PRId64 "之间",
			    v[i].max_points / 10, v[i].max_points % 10);
		snprintf(f, sizeof(f), "scores[%d].failed_veto", k);
		if (s[k].failed_veto && !v[i].veto)
			problem_field(pb, f, "该指标不是一票否决项");
		*vetoed |= s[k].failed_veto && v[i].veto;
		pts[i] = s[k].points;
	}
	free(seen);
	return pb->nfields;
}

enum err
indicator_score(const struct indicator *v, int n, const struct ind_score *s, int ns,
    const struct ind_rules *r, struct problem *pb, struct ind_result *out)
{
	int64_t *pts = xmalloc(sizeof(*pts) * (size_t)(n ? n : 1));
	struct sheet sh = { v, n, pts };
	int vetoed = 0;

	for (int i = 0; i < n; i++)
		pts[i] = -1;
	memset(out, 0, sizeof(*out));
	if (check_scores(v, n, s, ns, pb, pts, &vetoed)) {
		free(pts);
		return ERR_INVALID;
	}
	for (int i = 0; i < n; i++) {
		if (v[i].level != 1)
			continue;
		if (v[i].bonus)
			out->bonus += value(&sh, i);
		else
			out->base += value(&sh, i);
	}
	free(pts);
	if (out->bonus > r->bonus_cap)
		out->bonus = r->bonus_cap;
	out->vetoed = vetoed;
	out->total = vetoed ? 0 : out->base + out->bonus;
	out->grade = indicator_grade(r, out->total);
	return ERR_OK;
}

void
indicator_rank(const int64_t *total, int n, int *rank)
{
	for (int i = 0; i < n; i++) {
		rank[i] = 1;
		for (int j = 0; j < n; j++)
			rank[i] += total[j] > total[i];
	}
}

/* indicator.c: tree validation and sheet scoring (CL-01, EVAL-04). */
#include "core/common.h"
#include "supervise/indicator.h"
#include "core/config.h"
#include "core/xalloc.h"

const char *const indicator_kinds[] = { "quarterly_inspection", "instructor_visit",
	"secretary_review", "clean_school", "principal_tenure", NULL };

const char *const indicator_stages[] = { "kindergarten", "compulsory", "senior", NULL };

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

/* Whether an ancestor of v[p] (p included) is a survey item. */
static int
under_survey(const struct indicator *v, int p)
{
	while (p >= 0) {
		if (v[p].survey)
			return 1;
		p = find(v, p, v[p].parent_code);
	}
	return 0;
}

/* PRIN-08: a survey item is scored as a whole from questionnaires, so it
 * is neither a bonus nor a veto item and is not nested in another. */
static void
check_survey(const struct indicator *v, int i, int p, struct problem *pb)
{
	char f[48];

	if (!v[i].survey)
		return;
	snprintf(f, sizeof(f), "indicators[%d].survey", i);
	if (v[i].bonus || v[i].veto)
		problem_field(pb, f, "满意度测评项不能是加分项或一票否决项");
	else if (under_survey(v, p))
		problem_field(pb, f, "满意度测评项之下不能再设满意度测评项");
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
	check_survey(v, i, p, pb);
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
	r->state_w = cfg.prin_state_w;
	r->progress_w = cfg.prin_progress_w;
	r->grades = NULL;
}

void
indicator_rules_principal(struct ind_rules *r)
{
	static const char *const names[IND_BANDS + 1] = { "优秀", "良好", "合格", "不合格" };

	indicator_rules_default(r);
	for (int i = 0; i < IND_BANDS; i++)
		r->band_min[i] = cfg.prin_band_min[i];
	r->grades = names;
}

const char *
indicator_grade(const struct ind_rules *r, int64_t total)
{
	static const char *const names[] = { "优秀", "良好", "一般", "较差" };
	int i = 0;

	while (i < IND_BANDS && total < r->band_min[i])
		i++;
	return r->grades ? r->grades[i] : names[i];
}

struct sheet {
	const struct indicator *v;
	int n;
	const int64_t *pts;	/* per indicator, tenths; -1 not scored */
	const int64_t *prog;	/* per indicator, tenths (developmental items) */
	const struct ind_rules *r;
	int64_t *values;	/* NULL, or each indicator's value out */
};

static int
is_child(const struct sheet *s, int i, int p)
{
	return !blank(s->v[i].parent_code) && !strcmp(s->v[i].parent_code, s->v[p].code);
}

/* A scored item's points × weight, half up; for a developmental item
 * PRIN-07's blend of state and progress first, in one rounding. */
static int64_t
leaf_value(const struct sheet *s, int i)
{
	int64_t p = s->pts[i] < 0 ? 0 : s->pts[i], w = s->v[i].weight;
	int64_t ws = s->r->state_w, wp = s->r->progress_w, den;

	if (!s->v[i].developmental || s->v[i].survey || ws + wp <= 0)
		return (p * w + 500) / 1000;
	den = (ws + wp) * 1000;
	return ((p * ws + s->prog[i] * wp) * w + den / 2) / den;
}

/* The value of indicator i: a leaf's (or a survey item's) weighted
 * points, or its children's sum capped at its max. */
static int64_t
value(const struct sheet *s, int i)
{
	int64_t sum = 0, out;
	int any = 0;

	for (int j = i + 1; !s->v[i].survey && j < s->n; j++)
		if (is_child(s, j, i)) {
			sum += value(s, j);
			any = 1;
		}
	if (!any)
		out = leaf_value(s, i);
	else
		out = sum > s->v[i].max_points ? s->v[i].max_points : sum;
	if (s->values)
		s->values[i] = out;
	return out;
}

int
indicator_has_children(const struct indicator *v, int n, int i)
{
	for (int j = i + 1; j < n; j++)
		if (!blank(v[j].parent_code) && !strcmp(v[j].parent_code, v[i].code))
			return 1;
	return 0;
}

/* The checks of one score's points and progress against item i. */
static void
check_points(const struct indicator *v, int i, const struct ind_score *s, int k,
    struct problem *pb)
{
	char f[48];

	snprintf(f, sizeof(f), "scores[%d].points", k);
	if (s->points < 0 || s->points > v[i].max_points)
		problem_field(pb, f, "得分应在0到%" PRId64 ".%" PRId64 "之间",
		    v[i].max_points / 10, v[i].max_points % 10);
	snprintf(f, sizeof(f), "scores[%d].progress", k);
	if (s->progress && !v[i].developmental)
		problem_field(pb, f, "该指标不是发展性指标，不评进步分");
	else if (s->progress < 0 || s->progress > v[i].max_points)
		problem_field(pb, f, "进步得分应在0到%" PRId64 ".%" PRId64 "之间",
		    v[i].max_points / 10, v[i].max_points % 10);
}

/* Whether item i lies under a survey item (scored as a whole). */
static int
in_survey(const struct indicator *v, int n, int i)
{
	for (int p = find(v, n, v[i].parent_code); p >= 0; p = find(v, n, v[p].parent_code))
		if (v[p].survey)
			return 1;
	return 0;
}

static int
check_scores(const struct indicator *v, int n, const struct ind_score *s, int ns,
    struct problem *pb, int64_t *pts, int64_t *prog, int *vetoed)
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
		if (!v[i].survey && indicator_has_children(v, n, i)) {
			problem_field(pb, f, "“%s”不是末级指标，由下级指标汇总", s[k].code);
			continue;
		}
		if (in_survey(v, n, i)) {
			problem_field(pb, f, "“%s”属于满意度测评，按问卷结果整体计分", s[k].code);
			continue;
		}
		check_points(v, i, &s[k], k, pb);
		snprintf(f, sizeof(f), "scores[%d].failed_veto", k);
		if (s[k].failed_veto && !v[i].veto)
			problem_field(pb, f, "该指标不是一票否决项");
		*vetoed |= s[k].failed_veto && v[i].veto;
		pts[i] = s[k].points;
		prog[i] = s[k].progress;
	}
	free(seen);
	return pb->nfields;
}

enum err
indicator_score(const struct indicator *v, int n, const struct ind_score *s, int ns,
    const struct ind_rules *r, struct problem *pb, struct ind_result *out)
{
	return indicator_score_values(v, n, s, ns, r, pb, out, NULL);
}

enum err
indicator_score_values(const struct indicator *v, int n, const struct ind_score *s, int ns,
    const struct ind_rules *r, struct problem *pb, struct ind_result *out, int64_t *values)
{
	int64_t *pts = xmalloc(sizeof(*pts) * 2 * (size_t)(n ? n : 1)), *prog = pts + (n ? n : 1);
	struct sheet sh = { v, n, pts, prog, r, values };
	int vetoed = 0;

	for (int i = 0; i < n; i++) {
		pts[i] = -1;
		prog[i] = 0;
		if (values)
			values[i] = 0;	/* a survey item's children stay 0 */
	}
	memset(out, 0, sizeof(*out));
	if (check_scores(v, n, s, ns, pb, pts, prog, &vetoed)) {
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

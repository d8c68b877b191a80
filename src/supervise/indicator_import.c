/* indicator_import.c: a sheet in our export's layout back into a tree. */
#include "core/common.h"
#include "supervise/indicator_import.h"

#include <math.h>	/* isfinite */

const char *const indicator_import_header[IND_IMPORT_COLS] = { "编号", "层级", "指标", "分值",
	"评分说明", "佐证材料", "加分项", "一票否决", "权重", "发展性", "满意度测评" };

enum { C_CODE, C_LEVEL, C_NAME, C_POINTS, C_GUIDE, C_EVID, C_BONUS, C_VETO, C_WEIGHT, C_DEV,
	C_SURVEY };

/* The API's field name of each column (struct indicator's). */
static const char *const field_of[IND_IMPORT_COLS] = { "code", "level", "name", "max_points",
	"guidance", "evidence", "bonus", "veto", "weight", "developmental", "survey" };

#define HEADER_SEARCH 10	/* rows searched for the header */

/* Characters (code points) of UTF-8 text. */
static size_t
chars(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

/* s without leading and trailing ASCII blanks and ideographic spaces (the
 * export indents names by level), copied into a; NULL when nothing is left. */
static const char *
trim(struct arena *a, const char *s)
{
	const char *e;

	for (;;) {
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
			s++;
		else if (!strncmp(s, "\xe3\x80\x80", 3))
			s += 3;
		else
			break;
	}
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' || e[-1] == '\r'))
		e--;
	while (e - s >= 3 && !strncmp(e - 3, "\xe3\x80\x80", 3))
		e -= 3;
	return e > s ? arena_strndup(a, s, (size_t)(e - s)) : NULL;
}

/* A number with at most one decimal within [0, max] into tenths. */
static int
tenths(const char *s, int64_t max, int64_t *out)
{
	char *end;
	double d, diff;
	int64_t t;

	if (!s || !*s)
		return -1;
	errno = 0;
	d = strtod(s, &end) * 10;
	if (errno || *end || !isfinite(d) || d < -1e-6 || d > (double)max * 10 + 1e-6)
		return -1;
	t = (int64_t)(d + 0.5);
	diff = d - (double)t;
	if (diff > 1e-6 || diff < -1e-6)
		return -1;
	*out = t;
	return 0;
}

/* 是/否 and what a boolean cell holds; -1 when neither. */
static int
yes_no(const char *s)
{
	static const char *const yes[] = { "是", "1", "TRUE", "true", "√", "Y", NULL };
	static const char *const no[] = { "", "否", "0", "FALSE", "false", "N", NULL };

	for (int i = 0; yes[i]; i++)
		if (!strcmp(s, yes[i]))
			return 1;
	for (int i = 0; no[i]; i++)
		if (!strcmp(s, no[i]))
			return 0;
	return -1;
}

struct rowctx {
	const struct xlsx_grid *g;
	struct arena *a;
	struct problem *pb;
	int r;			/* 0-based grid row */
	int has_dev, has_survey;	/* the optional columns are in the header */
};

/* Names the cell: field "rows[N].<field>", message "第N行C列（指标）：…". */
static void
bad(struct rowctx *c, int col, const char *msg)
{
	char f[48];

	snprintf(f, sizeof(f), "rows[%d].%s", c->r + 1, field_of[col]);
	problem_field(c->pb, f, "第%d行%c列（%s）：%s", c->r + 1, 'A' + col,
	    indicator_import_header[col], msg);
}

/* A text cell: trimmed, at most max characters; NULL when empty. */
static const char *
text(struct rowctx *c, int col, size_t max, int required)
{
	const char *s = trim(c->a, xlsx_cell(c->g, c->r, col));
	char msg[80];

	if (!s && required) {
		bad(c, col, "必填");
	} else if (s && chars(s) > max) {
		snprintf(msg, sizeof(msg), "最多%zu个字符", max);
		bad(c, col, msg);
	}
	return s;
}

static void
parse_row(struct rowctx *c, struct indicator *x)
{
	const char *s;
	int64_t t;
	int b;

	x->code = text(c, C_CODE, 32, 1);
	x->name = text(c, C_NAME, 200, 1);
	x->guidance = text(c, C_GUIDE, 1000, 0);
	x->evidence = text(c, C_EVID, 500, 0);
	s = xlsx_cell(c->g, c->r, C_LEVEL);
	if (tenths(s, IND_LEVEL_MAX, &t) || t % 10 || t < 10)
		bad(c, C_LEVEL, "层级应为1、2或3");
	else
		x->level = (int)(t / 10);
	if (tenths(xlsx_cell(c->g, c->r, C_POINTS), IND_POINTS_MAX / 10, &x->max_points))
		bad(c, C_POINTS, "分值应为0到1000之间、最多一位小数的数");
	if ((b = yes_no(xlsx_cell(c->g, c->r, C_BONUS))) < 0)
		bad(c, C_BONUS, "加分项应填“是”或留空");
	x->bonus = b > 0;
	if ((b = yes_no(xlsx_cell(c->g, c->r, C_VETO))) < 0)
		bad(c, C_VETO, "一票否决应填“是”或留空");
	x->veto = b > 0;
	s = xlsx_cell(c->g, c->r, C_WEIGHT);
	x->weight = 1000;
	if (*s && (tenths(s, IND_WEIGHT_MAX, &t) || t % 10))
		bad(c, C_WEIGHT, "权重应为0到1000之间的整数（千分比）");
	else if (*s)
		x->weight = t / 10;
	if (c->has_dev && (b = yes_no(xlsx_cell(c->g, c->r, C_DEV))) < 0)
		bad(c, C_DEV, "发展性应填“是”或留空");
	x->developmental = c->has_dev && b > 0;
	if (c->has_survey && (b = yes_no(xlsx_cell(c->g, c->r, C_SURVEY))) < 0)
		bad(c, C_SURVEY, "满意度测评应填“是”或留空");
	x->survey = c->has_survey && b > 0;
}

/* The header row (0-based), or -1 naming what is wrong. */
static int
find_header(const struct xlsx_grid *g, struct problem *pb)
{
	int h = -1;

	for (int r = 0; r < HEADER_SEARCH && r < g->rows && h < 0; r++)
		if (!strcmp(xlsx_cell(g, r, 0), indicator_import_header[0]))
			h = r;
	if (h < 0) {
		problem_field(pb, "rows[3].header", "找不到表头（第一列为“编号”的行），"
		    "请使用导出的评分细则表格式");
		return -1;
	}
	for (int col = 1; col < IND_IMPORT_REQUIRED; col++)
		if (strcmp(xlsx_cell(g, h, col), indicator_import_header[col])) {
			char f[48];

			snprintf(f, sizeof(f), "rows[%d].header", h + 1);
			problem_field(pb, f, "第%d行第%c列应为“%s”", h + 1, 'A' + col,
			    indicator_import_header[col]);
			return -1;
		}
	return h;
}

static int
empty_row(const struct xlsx_grid *g, int r)
{
	for (int col = 0; col < g->cols; col++)
		if (*xlsx_cell(g, r, col))
			return 0;
	return 1;
}

/* The parent: the nearest earlier row one level up. */
static void
link_parents(struct indicator *v, int n)
{
	for (int i = 0; i < n; i++)
		for (int j = i - 1; v[i].level > 1 && j >= 0; j--)
			if (v[j].level == v[i].level - 1) {
				v[i].parent_code = v[j].code;
				break;
			} else if (v[j].level < v[i].level - 1) {
				break;
			}
}

/* The column of a field of indicator_tree_check ("parent": the level's). */
static int
column_of(const char *field)
{
	for (int col = 0; col < IND_IMPORT_COLS; col++)
		if (!strcmp(field, field_of[col]))
			return col;
	return C_LEVEL;
}

/* indicator_tree_check's "indicators[i].f" renamed "rows[N].f". */
static enum err
check_tree(const struct indicator *v, int n, const int *rowno, struct problem *pb)
{
	struct problem t = { 0 };
	enum err e = indicator_tree_check(v, n, &t);

	for (int k = 0; e && k < t.nfields; k++) {
		const char *dot = strchr(t.fields[k].field, '.');
		long i = strtol(t.fields[k].field + strlen("indicators["), NULL, 10);
		int row = i >= 0 && i < n ? rowno[i] : 0, col = column_of(dot ? dot + 1 : "");
		char f[48];

		snprintf(f, sizeof(f), "rows[%d]%s", row, dot ? dot : "");
		problem_field(pb, f, "第%d行%c列（%s）：%s", row, 'A' + col,
		    indicator_import_header[col], t.fields[k].msg);
	}
	return e ? ERR_INVALID : ERR_OK;
}

enum err
indicator_import_grid(const struct xlsx_grid *g, struct arena *a, struct indicator **out,
    int *nout, const char **title, struct problem *pb)
{
	struct indicator *v;
	int *rowno, n = 0, h;

	*title = xlsx_cell(g, 0, 0);
	if ((h = find_header(g, pb)) < 0)
		return ERR_INVALID;
	v = arena_alloc(a, sizeof(*v) * IND_MAX);
	rowno = arena_alloc(a, sizeof(*rowno) * IND_MAX);
	for (int r = h + 1; r < g->rows; r++) {
		struct rowctx c = { g, a, pb, r,
			!strcmp(xlsx_cell(g, h, C_DEV), indicator_import_header[C_DEV]),
			!strcmp(xlsx_cell(g, h, C_SURVEY), indicator_import_header[C_SURVEY]) };

		if (empty_row(g, r))
			continue;
		if (n == IND_MAX)
			return problem_field(pb, "rows", "指标最多%d项", IND_MAX);
		rowno[n] = r + 1;
		parse_row(&c, &v[n]);
		v[n].seq = n + 1;
		n++;
	}
	if (!n)
		return problem_field(pb, "rows", "表格中没有指标");
	if (pb->nfields)
		return ERR_INVALID;
	link_parents(v, n);
	*out = v;
	*nout = n;
	return check_tree(v, n, rowno, pb);
}

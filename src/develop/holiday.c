/* holiday.c: the pure working-day calendar. */
#include "core/common.h"
#include "develop/holiday.h"
#include "core/dates.h"

int
holiday_weekday(int32_t day)
{
	/* 1970-01-01 was a Thursday (4). */
	int r = (int)(((int64_t)day % 7 + 7) % 7);

	return (r + 3) % 7 + 1;
}

enum err
holiday_add(struct holiday_cal *cal, int year, int32_t day, int work, const char *name,
    const char *field, struct problem *pb)
{
	if (date_year(day) != year)
		return problem_field(pb, field, "日期不在%d年内", year);
	for (int i = 0; i < cal->n; i++)
		if (cal->v[i].day == day)
			return problem_field(pb, field, "日期重复");
	if (work && holiday_weekday(day) < 6)
		return problem_field(pb, field, "调休上班日应为周六或周日");
	if (cal->n >= HOLIDAY_MAX)
		return problem_field(pb, field, "日期过多");
	cal->v[cal->n++] = (struct holiday){ day, work, name ? name : "" };
	return ERR_OK;
}

static int
cmp_day(const void *a, const void *b)
{
	const struct holiday *x = a, *y = b;

	return (x->day > y->day) - (x->day < y->day);
}

void
holiday_sort(struct holiday_cal *cal)
{
	qsort(cal->v, (size_t)cal->n, sizeof(cal->v[0]), cmp_day);
}

/* One line "YYYY-MM-DD kind name"; blank and '#' lines are skipped. */
static enum err
parse_line(char *line, int no, int year, struct holiday_cal *cal, struct arena *a,
    struct problem *pb)
{
	char field[24], *kind, *name;
	int32_t day;

	snprintf(field, sizeof(field), "line %d", no);
	while (*line == ' ' || *line == '\t')
		line++;
	if (!*line || *line == '#')
		return ERR_OK;
	if (strlen(line) < 12 || (line[10] != ' ' && line[10] != '\t'))
		return problem_field(pb, field, "格式应为“YYYY-MM-DD off|work 名称”");
	line[10] = '\0';
	if (date_parse(line, &day))
		return problem_field(pb, field, "日期无效");
	kind = line + 11;
	while (*kind == ' ' || *kind == '\t')
		kind++;
	name = kind + strcspn(kind, " \t");
	if (*name)
		*name++ = '\0';
	while (*name == ' ' || *name == '\t')
		name++;
	if (strcmp(kind, "off") && strcmp(kind, "work"))
		return problem_field(pb, field, "类型应为 off（放假）或 work（调休上班）");
	return holiday_add(cal, year, day, !strcmp(kind, "work"), arena_strdup(a, name), field,
	    pb);
}

enum err
holiday_parse(const char *text, int year, struct holiday_cal *cal, struct arena *a,
    struct problem *pb)
{
	char *copy = arena_strdup(a, text), *line = copy, *nl;
	int no = 1;
	enum err e = ERR_OK;

	for (; line && !e; line = nl, no++) {
		if ((nl = strchr(line, '\n')))
			*nl++ = '\0';
		line[strcspn(line, "\r")] = '\0';
		e = parse_line(line, no, year, cal, a, pb);
	}
	holiday_sort(cal);
	return e;
}

static const struct holiday *
find(const struct holiday_cal *cal, int32_t day)
{
	struct holiday key = { day, 0, NULL };

	return bsearch(&key, cal->v, (size_t)cal->n, sizeof(cal->v[0]), cmp_day);
}

int
holiday_is_workday(const struct holiday_cal *cal, int32_t day)
{
	const struct holiday *h = find(cal, day);

	if (h)
		return h->work;
	return holiday_weekday(day) < 6;
}

int
holiday_workdays(const struct holiday_cal *cal, int32_t from, int32_t to)
{
	int n = 0;

	for (int32_t d = from; d <= to; d++)
		n += holiday_is_workday(cal, d);
	return n;
}

int32_t
holiday_add_workdays(const struct holiday_cal *cal, int32_t day, int n)
{
	while (n > 0)
		n -= holiday_is_workday(cal, ++day);
	return day;
}

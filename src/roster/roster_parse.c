/* roster_parse.c: header synonyms, dates, ID numbers, choices and org
 * kinds of roster cells (pure; issue 16). */
#include "core/common.h"
#include "roster/roster_parse.h"
#include "core/dates.h"
#include "core/id_card.h"

struct field_def {
	const char *key, *label;
	const char *synonyms[8];
};

/* The headers of the national member information system (全国党员管理信息
 * 系统) and of the sheets schools keep, by field. */
static const struct field_def fields[RF_COUNT] = {
	[RF_NONE] = { "", "", { NULL } },
	[RF_NAME] = { "name", "姓名", { "姓名", "党员姓名", "名字", NULL } },
	[RF_GENDER] = { "gender", "性别", { "性别", NULL } },
	[RF_ETHNICITY] = { "ethnicity", "民族", { "民族", NULL } },
	[RF_ID_CARD] = { "id_card", "公民身份号码",
		{ "公民身份号码", "身份证号", "身份证号码", "身份证", "居民身份证号码", NULL } },
	[RF_BIRTH_DATE] = { "birth_date", "出生日期", { "出生日期", "出生年月", "出生时间", NULL } },
	[RF_EDUCATION] = { "education", "学历", { "学历", "文化程度", "最高学历", NULL } },
	[RF_JOINED_ON] = { "joined_on", "入党时间", { "入党时间", "入党日期", NULL } },
	[RF_FULL_ON] = { "full_on", "转正时间", { "转正时间", "转正日期", NULL } },
	[RF_STATUS] = { "status", "人员类别", { "人员类别", "党员类别", "党员身份", NULL } },
	[RF_CATEGORY] = { "category", "在职情况",
		{ "在职情况", "在职状态", "工作状态", "人员性质", NULL } },
	[RF_ORG] = { "org", "所在党组织",
		{ "所在党组织", "所在党支部", "所在支部", "党组织", "党组织名称", "所属党组织", NULL } },
	[RF_PHONE] = { "phone", "联系电话",
		{ "联系电话", "手机号码", "手机号", "手机", "联系方式", NULL } },
	[RF_POST] = { "post", "工作岗位", { "工作岗位", "职务", "岗位", "现任职务", NULL } },
	[RF_TITLE] = { "title", "职称", { "职称", "专业技术职务", NULL } },
};

const char *
roster_field_key(enum roster_field f)
{
	return f > RF_NONE && f < RF_COUNT ? fields[f].key : "";
}

const char *
roster_field_label(enum roster_field f)
{
	return f > RF_NONE && f < RF_COUNT ? fields[f].label : "";
}

enum roster_field
roster_field_by_key(const char *key)
{
	for (int f = RF_NONE + 1; f < RF_COUNT; f++)
		if (!strcmp(fields[f].key, key))
			return (enum roster_field)f;
	return RF_NONE;
}

/* Length of the UTF-8 sequence at s that is white space (ASCII, U+3000,
 * U+00A0), or 0. */
static size_t
space_len(const unsigned char *s)
{
	if (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
		return 1;
	if (s[0] == 0xE3 && s[1] == 0x80 && s[2] == 0x80)
		return 3;
	if (s[0] == 0xC2 && s[1] == 0xA0)
		return 2;
	return 0;
}

/* Skips a parenthesised note, ASCII or full-width; returns bytes skipped. */
static size_t
note_len(const char *s)
{
	const char *close;

	if (*s == '(')
		close = ")";
	else if (!strncmp(s, "（", 3))
		close = "）";
	else
		return 0;
	const char *end = strstr(s, close);

	return end ? (size_t)(end - s) + strlen(close) : 0;
}

enum roster_field
roster_header_field(const char *header)
{
	char norm[128];
	size_t n = 0, k;
	const char *s = header;

	while (*s && n + 4 < sizeof(norm)) {
		if ((k = space_len((const unsigned char *)s)) || (k = note_len(s)) || *s == '*') {
			s += k ? k : 1;
			continue;
		}
		if (!strncmp(s, "＊", 3)) {
			s += 3;
			continue;
		}
		norm[n++] = *s++;
	}
	norm[n] = 0;
	for (int f = RF_NONE + 1; f < RF_COUNT; f++)
		for (int i = 0; fields[f].synonyms[i]; i++)
			if (!strcmp(norm, fields[f].synonyms[i]))
				return (enum roster_field)f;
	return RF_NONE;
}

void
roster_ascii(const char *s, char *out, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t o = 0, k;

	if (!n)
		return;
	while (*p && o + 4 < n) {
		if ((k = space_len(p))) {
			out[o++] = ' ';
			p += k;
		} else if (p[0] == 0xEF && (p[1] == 0xBC || p[1] == 0xBD) && p[2] >= 0x80 &&
		    p[2] <= 0xBF && !(p[1] == 0xBD && p[2] > 0x9E)) {
			/* U+FF01..U+FF5E: full-width ASCII */
			unsigned cp = 0xFF00u + (p[1] == 0xBC ? 0 : 0x40u) + (p[2] - 0x80u);

			out[o++] = (char)(cp - 0xFEE0u);
			p += 3;
		} else {
			out[o++] = (char)*p++;
		}
	}
	out[o] = 0;
	/* trim */
	while (o && out[o - 1] == ' ')
		out[--o] = 0;
	for (k = 0; out[k] == ' '; k++)
		;
	if (k)
		memmove(out, out + k, o - k + 1);
}

/* Reads up to max digits; returns the count read. */
static int
digits(const char **s, int max, int *v)
{
	int n = 0;

	*v = 0;
	while (n < max && **s >= '0' && **s <= '9') {
		*v = *v * 10 + (**s - '0');
		(*s)++;
		n++;
	}
	return n;
}

static int
emit_date(int y, int m, int d, char out[11], const char **why)
{
	if (!date_valid(y, m, d)) {
		*why = "日期不存在（请核对年月日）";
		return -1;
	}
	date_format(date_from_ymd(y, m, d), out);
	return 0;
}

/* An Excel serial day number: day 1 is 1900-01-01 and Excel counts a
 * 1900-02-29 that never was, so from day 61 on the epoch is 1899-12-30. */
static int
excel_serial(const char *s, char out[11], const char **why)
{
	char *end;
	double v = strtod(s, &end);
	int32_t base = date_from_ymd(1899, 12, 31);

	if (*end || v < 1 || v >= 2958466) {
		*why = "日期格式无法识别（应为 2001-09-01 这样的日期）";
		return -1;
	}
	long n = (long)v;

	if (n >= 61)
		n--;
	struct ymd t = date_to_ymd(base + (int32_t)n);

	return emit_date(t.y, t.m, t.d, out, why);
}

int
roster_parse_date(const char *s, char out[11], const char **why)
{
	char a[64];
	const char *p = a;
	int y, m, d, ny;

	roster_ascii(s, a, sizeof(a));
	if (!*a) {
		*why = "日期为空";
		return -1;
	}
	ny = digits(&p, 8, &y);
	if (ny == 8 && !*p)	/* 20010901 */
		return emit_date(y / 10000, y / 100 % 100, y % 100, out, why);
	if (ny != 4 || !*p) {
		/* not a 4-digit year: an Excel serial number, or nothing */
		if (ny == 4 && y >= 1900 && y <= 2199) {
			*why = "日期只有年份，请填写到日（如 2001-09-01）";
			return -1;
		}
		if (ny >= 1 && ny <= 7 && (!*p || *p == '.'))
			return excel_serial(a, out, why);
		*why = "日期格式无法识别（应为 2001-09-01 这样的日期）";
		return -1;
	}
	if (!strncmp(p, "年", 3))
		p += 3;
	else if (*p == '-' || *p == '/' || *p == '.')
		p++;
	else
		goto bad;
	if (!digits(&p, 2, &m))
		goto bad;
	if (!strncmp(p, "月", 3))
		p += 3;
	else if (*p == '-' || *p == '/' || *p == '.')
		p++;
	else if (!*p) {
		*why = "日期只有年月，请填写到日（如 2001-09-01）";
		return -1;
	} else
		goto bad;
	if (!digits(&p, 2, &d))
		goto bad;
	if (!strncmp(p, "日", 3) || !strncmp(p, "号", 3))
		p += 3;
	if (*p == ' ' && strspn(p + 1, "0123456789:") == strlen(p + 1))
		p += strlen(p);	/* a time of day after the date: 00:00:00 */
	if (*p)
		goto bad;
	return emit_date(y, m, d, out, why);
bad:
	*why = "日期格式无法识别（应为 2001-09-01 这样的日期）";
	return -1;
}

int
roster_parse_id(const char *s, int32_t today, char out[19], const char **why)
{
	char a[64], *p = a;
	struct id_card ic;
	enum id_card_status st;

	roster_ascii(s, a, sizeof(a));
	if (*p == '\'')
		p++;
	/* Excel keeps 15 significant digits of a number: 5.00103E+17 lost the
	 * rest, and no guess can bring them back. */
	if (strchr(p, 'E') || strchr(p, 'e') || (strchr(p, '.') && strlen(p) > 10)) {
		*why = "身份证号被 Excel 存成了数字，末几位已丢失（如 5.00103E+17）："
		    "请把该列设为文本后重新填写号码";
		return -1;
	}
	st = id_card_parse(p, today, &ic);
	if (st) {
		*why = id_card_message(st);
		return -1;
	}
	memcpy(out, ic.number, 19);
	return 0;
}

struct word {
	const char *text, *value;
};

static const struct word words[] = {
	{ "男", "male" }, { "男性", "male" }, { "male", "male" },
	{ "女", "female" }, { "女性", "female" }, { "female", "female" },
	{ "正式党员", "full" }, { "正式", "full" }, { "full", "full" },
	{ "预备党员", "probationary" }, { "预备", "probationary" },
	{ "probationary", "probationary" },
	{ "在职", "in_service" }, { "在岗", "in_service" }, { "在职党员", "in_service" },
	{ "in_service", "in_service" },
	{ "退休", "retired" }, { "离退休", "retired" }, { "退休党员", "retired" },
	{ "retired", "retired" },
	{ "其他", "other" }, { "other", "other" },
};

/* The value of s among the words whose value is one of allowed. */
static const char *
choice(const char *s, const char *const *allowed)
{
	char a[64];

	roster_ascii(s, a, sizeof(a));
	for (size_t i = 0; i < ARRAY_SIZE(words); i++) {
		if (strcmp(words[i].text, a))
			continue;
		for (int k = 0; allowed[k]; k++)
			if (!strcmp(allowed[k], words[i].value))
				return words[i].value;
	}
	return NULL;
}

const char *
roster_gender(const char *s)
{
	static const char *const v[] = { "male", "female", NULL };

	return choice(s, v);
}

const char *
roster_status(const char *s)
{
	static const char *const v[] = { "full", "probationary", NULL };

	return choice(s, v);
}

const char *
roster_category(const char *s)
{
	static const char *const v[] = { "in_service", "retired", "other", NULL };

	return choice(s, v);
}

const char *
roster_choice_label(const char *value)
{
	if (!value)
		return "";
	for (size_t i = 0; i < ARRAY_SIZE(words); i++)
		if (!strcmp(words[i].value, value))
			return words[i].text;
	return value;
}

static int
ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), t = strlen(tail);

	return n >= t && !strcmp(s + n - t, tail);
}

const char *
roster_org_kind(const char *name)
{
	/* Longest endings first: 支部委员会 also ends in 委员会. */
	static const struct word endings[] = {
		{ "总支部委员会", "general_branch" }, { "党总支", "general_branch" },
		{ "总支部", "general_branch" },
		{ "支部委员会", "branch" }, { "党支部", "branch" }, { "支部", "branch" },
		{ "党小组", "group" }, { "小组", "group" },
		{ "工委", "district_committee" }, { "工作委员会", "district_committee" },
		{ "委员会", "party_committee" }, { "党委", "party_committee" },
	};

	for (size_t i = 0; i < ARRAY_SIZE(endings); i++)
		if (ends_with(name, endings[i].text))
			return endings[i].value;
	return NULL;
}

int
roster_org_split(const char *s, char *buf, size_t n, const char **parts, int max)
{
	size_t o = 0;
	int np = 0, start = 1;

	while (*s) {
		size_t k = 0;

		if (*s == '/' || *s == '\\' || *s == '>')
			k = 1;
		else if (!strncmp(s, "／", 3) || !strncmp(s, "＞", 3))
			k = 3;
		else if (space_len((const unsigned char *)s) && start) {
			s += space_len((const unsigned char *)s);
			continue;
		}
		if (k) {
			while (!start && o && buf[o - 1] == ' ')
				o--;
			if (!start) {
				if (o >= n)
					return -1;
				buf[o++] = 0;
			}
			start = 1;
			s += k;
			continue;
		}
		if (start) {
			if (np == max)
				return -1;
			parts[np++] = buf + o;
			start = 0;
		}
		if (o + 1 >= n)
			return -1;
		buf[o++] = *s++;
	}
	while (!start && o && buf[o - 1] == ' ')
		o--;
	if (o >= n)
		return -1;
	buf[o] = 0;
	return np;
}

int
roster_cell_is_formula(const char *s)
{
	return s && (*s == '=' || *s == '+' || *s == '-' || *s == '@' || *s == '\t' || *s == '\r');
}

size_t
roster_utf8_len(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

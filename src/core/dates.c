#include "core/common.h"
#include "core/dates.h"

#include <stdatomic.h>

static _Atomic int32_t fixed_today = INT32_MIN;

int
date_is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int
date_days_in_month(int y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (m < 1 || m > 12)
		return 0;
	return days[m - 1] + (m == 2 && date_is_leap(y));
}

int
date_valid(int y, int m, int d)
{
	return y >= 1900 && y <= 2199 && m >= 1 && m <= 12 && d >= 1 &&
	    d <= date_days_in_month(y, m);
}

/* Howard Hinnant's days_from_civil: exact for the proleptic Gregorian calendar. */
int32_t
date_from_ymd(int y, int m, int d)
{
	int era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

struct ymd
date_to_ymd(int32_t z)
{
	struct ymd r;
	int era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	r.d = doy - (153 * mp + 2) / 5 + 1;
	r.m = mp < 10 ? mp + 3 : mp - 9;
	r.y = yoe + era * 400 + (r.m <= 2);
	return r;
}

static int
digits(const char *s, int n)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

int
date_parse(const char *s, int32_t *day)
{
	int y, m, d;

	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	y = digits(s, 4);
	m = digits(s + 5, 2);
	d = digits(s + 8, 2);
	if (y < 0 || m < 0 || d < 0 || !date_valid(y, m, d))
		return -1;
	*day = date_from_ymd(y, m, d);
	return 0;
}

void
date_format(int32_t day, char out[11])
{
	struct ymd t = date_to_ymd(day);

	unsigned y = (unsigned)t.y % 10000u, m = (unsigned)t.m % 100u, d = (unsigned)t.d % 100u;

	out[0] = (char)('0' + y / 1000);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = '-';
	out[5] = (char)('0' + m / 10);
	out[6] = (char)('0' + m % 10);
	out[7] = '-';
	out[8] = (char)('0' + d / 10);
	out[9] = (char)('0' + d % 10);
	out[10] = '\0';
}

int
date_quarter(int m)
{
	return (m - 1) / 3 + 1;
}

void
date_set_today(int32_t day)
{
	fixed_today = day;
}

int32_t
date_today(void)
{
	int32_t fixed = fixed_today;

	if (fixed != INT32_MIN)
		return fixed;
	/* China Standard Time is UTC+8 all year (no daylight saving). */
	return (int32_t)((time(NULL) + 8 * 3600) / 86400);
}

int32_t
date_year(int32_t day)
{
	return date_to_ymd(day).y;
}

int32_t
date_month_key(int32_t day)
{
	struct ymd t = date_to_ymd(day);

	return t.y * 100 + t.m;
}

int32_t
date_quarter_key(int32_t day)
{
	struct ymd t = date_to_ymd(day);

	return t.y * 10 + date_quarter(t.m);
}

int32_t
date_month_first(int32_t day)
{
	struct ymd t = date_to_ymd(day);

	return date_from_ymd(t.y, t.m, 1);
}

int32_t
date_month_last(int32_t day)
{
	struct ymd t = date_to_ymd(day);

	return date_from_ymd(t.y, t.m, date_days_in_month(t.y, t.m));
}

int32_t
date_quarter_first(int32_t day)
{
	struct ymd t = date_to_ymd(day);

	return date_from_ymd(t.y, (date_quarter(t.m) - 1) * 3 + 1, 1);
}

int32_t
date_quarter_last(int32_t day)
{
	struct ymd t = date_to_ymd(day);
	int m = date_quarter(t.m) * 3;

	return date_from_ymd(t.y, m, date_days_in_month(t.y, m));
}

int
datetime_parse(const char *s, int64_t *minutes)
{
	char day[11];
	int32_t d;
	int h, m;

	if (!s || strlen(s) != 16 || s[10] != 'T' || s[13] != ':')
		return -1;
	memcpy(day, s, 10);
	day[10] = '\0';
	h = digits(s + 11, 2);
	m = digits(s + 14, 2);
	if (date_parse(day, &d) || h < 0 || h > 23 || m < 0 || m > 59)
		return -1;
	*minutes = (int64_t)d * 1440 + h * 60 + m;
	return 0;
}

void
datetime_format(int64_t minutes, char out[17])
{
	int64_t d = minutes >= 0 ? minutes / 1440 : (minutes - 1439) / 1440;
	int64_t r = minutes - d * 1440;

	date_format((int32_t)d, out);
	out[10] = 'T';
	out[11] = (char)('0' + r / 600);
	out[12] = (char)('0' + r / 60 % 10);
	out[13] = ':';
	out[14] = (char)('0' + r % 60 / 10);
	out[15] = (char)('0' + r % 10);
	out[16] = '\0';
}

int64_t
datetime_now(void)
{
	int64_t cst = (int64_t)time(NULL) + 8 * 3600;

	return (int64_t)date_today() * 1440 + cst % 86400 / 60;
}

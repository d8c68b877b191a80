/* dates.h: calendar dates as day numbers (days since 1970-01-01), parsed
 * from and written as YYYY-MM-DD; the one "today" every rule reads. */
#ifndef HY_DATES_H
#define HY_DATES_H

#include <stdint.h>

struct ymd {
	int y, m, d;
};

/* 1 for a leap year of the Gregorian calendar. */
int date_is_leap(int y);
int date_days_in_month(int y, int m);
/* Whether y-m-d names a real day in years 1900..2199. */
int date_valid(int y, int m, int d);
/* Strict YYYY-MM-DD (exactly 10 characters, a real day). 0 on success, -1 otherwise. */
int date_parse(const char *s, int32_t *day);
int32_t date_from_ymd(int y, int m, int d);
struct ymd date_to_ymd(int32_t day);
/* Writes YYYY-MM-DD and a NUL into out (11 bytes). */
void date_format(int32_t day, char out[11]);
/* 1..4 */
int date_quarter(int m);

/* Period keys, stored beside every dated record so reports group by an
 * indexed integer (DESIGN.md: 10x faster than grouping by strftime()):
 * month 202607, quarter 20263 (year*10 + quarter), year 2026. */
int32_t date_month_key(int32_t day);
int32_t date_quarter_key(int32_t day);
int32_t date_year(int32_t day);
/* First and last day of the month/quarter/year holding day. */
int32_t date_month_first(int32_t day);
int32_t date_month_last(int32_t day);
int32_t date_quarter_first(int32_t day);
int32_t date_quarter_last(int32_t day);

/* A wall-clock time in China Standard Time as minutes since 1970-01-01
 * 00:00 (CST, not UTC): strict "YYYY-MM-DDTHH:MM". 0 on success, -1 otherwise. */
int datetime_parse(const char *s, int64_t *minutes);
/* Writes "YYYY-MM-DDTHH:MM" and a NUL (17 bytes). */
void datetime_format(int64_t minutes, char out[17]);
/* Now in China Standard Time, in the minutes of datetime_parse (follows
 * date_set_today for the day, keeping the real time of day). */
int64_t datetime_now(void);

/* Today in China Standard Time, unless date_set_today() fixed it (--today). */
int32_t date_today(void);
void date_set_today(int32_t day);

#endif

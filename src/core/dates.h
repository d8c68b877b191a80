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

/* Today in China Standard Time, unless date_set_today() fixed it (--today). */
int32_t date_today(void);
void date_set_today(int32_t day);

#endif

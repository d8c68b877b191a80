/* holiday.h: the working-day calendar: China's statutory holidays (off)
 * and adjusted working days (work, 调休上班) per year, as a sorted list
 * (pure), loaded from the database when edited, else from the shipped file
 * <cfg.holidays_dir>/<year>.txt (holiday_store.c). A day is a working day
 * when it is listed "work", or is Monday-Friday and not listed "off". */
#ifndef HY_HOLIDAY_H
#define HY_HOLIDAY_H

#include <stdint.h>

#include "auth/who.h"
#include "core/arena.h"
#include "core/err.h"

struct db;

#define HOLIDAY_MAX 400		/* days held by one calendar (several years) */
#define HOLIDAY_NAME_MAX 40	/* characters */

struct holiday {
	int32_t day;
	int work;		/* 1: an adjusted working day; 0: a day off */
	const char *name;	/* borrowed: the arena of the load */
};

/* Days of one or more years, sorted by day, each day once. */
struct holiday_cal {
	int n;
	struct holiday v[HOLIDAY_MAX];
};

/* Pure: parses the file format ("YYYY-MM-DD off|work name" per line, '#'
 * comments and blank lines skipped) for year into cal (appending; names in
 * a). ERR_INVALID naming "line N" for a bad line, a day outside year, a
 * day listed twice or an adjusted working day that is not a weekend. */
enum err holiday_parse(const char *text, int year, struct holiday_cal *cal, struct arena *a,
    struct problem *pb);
/* Pure: checks and appends one day (the API's PUT uses it); field names
 * the problem. */
enum err holiday_add(struct holiday_cal *cal, int year, int32_t day, int work, const char *name,
    const char *field, struct problem *pb);
/* Pure: sorts cal by day (after appending). */
void holiday_sort(struct holiday_cal *cal);

/* Pure: 1 Monday .. 7 Sunday. */
int holiday_weekday(int32_t day);
int holiday_is_workday(const struct holiday_cal *cal, int32_t day);
/* Pure: working days in [from, to] (0 when to < from). */
int holiday_workdays(const struct holiday_cal *cal, int32_t from, int32_t to);
/* Pure: the n-th working day after day (n >= 1). */
int32_t holiday_add_workdays(const struct holiday_cal *cal, int32_t day, int n);

/* The calendar of year: the edited rows when the year was saved, else the
 * shipped file (none: weekends only). *edited says which. Appends to cal. */
enum err holiday_load(struct db *db, int year, struct holiday_cal *cal, struct arena *a,
    int *edited);
/* Replaces year's calendar (admin and district) in one transaction with
 * its audit row. */
enum err holiday_save(struct db *db, const struct who *w, int year,
    const struct holiday_cal *cal, struct problem *pb);

#endif

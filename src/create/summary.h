/* summary.h: the year-end ledger of dual creation and dual strengthening
 * (issue 6): per school in scope, what its records show for a year, in
 * one query, as JSON rows or an .xlsx sheet. */
#ifndef HY_SUMMARY_H
#define HY_SUMMARY_H

#include <stdint.h>

#include "auth/who.h"
#include "db/db.h"

struct summary_row {
	int64_t school_id;
	const char *school_name;
	int64_t hosted;		/* four-ones activities hosted in the year */
	int64_t brands;		/* brand projects */
	const char *brand_stage;	/* the most advanced stage, NULL: none */
	int64_t topics;		/* research topics */
	int64_t members, with_post;	/* active members; those holding a post today */
	int64_t lessons, teachers;	/* walking lessons in the year; teacher pool */
	int has_plan;		/* an ideological-course plan for the year */
	const char *clean_status;	/* none, pilot, demonstration, named */
	int64_t clean_total;	/* the year's last self-check in tenths, -1: none */
	int64_t clean_acts, ethics_acts, honors;	/* in the year */
	/* Exchange and study in the year (STUDY-08): active members with a
	 * counted study record and their counted minutes; reading sessions
	 * held; the school's published cases marked excellent. */
	int64_t studied, study_minutes, readings, excellent;
};

/* Calls fn for each school in w's scope, by name (strings borrowed for
 * the call). year is 1900..2199. */
enum err summary_rows(struct db *db, const struct who *w, int year,
    void (*fn)(void *ctx, const struct summary_row *r), void *ctx);
/* Writes the ledger as .xlsx at path. */
enum err summary_xlsx(struct db *db, const struct who *w, int year, const char *path);

#endif

/* clean.h: clean-school creation (清廉学校, issue 6; CL-01, CL-02): each
 * school's status (pilot, demonstration, named) with its dates, its
 * self-checks against a clean_school indicator system (scored by
 * supervise/indicator.c), and the "five clean" culture activities (五清,
 * plain records). */
#ifndef HY_CLEAN_H
#define HY_CLEAN_H

#include <stdint.h>

#include "auth/who.h"
#include "create/rec.h"
#include "db/db.h"
#include "http/json_out.h"
#include "supervise/indicator.h"

extern const char *const clean_statuses[];	/* none, pilot, demonstration, named */
extern const char *const clean_five[];		/* the five clean kinds */
extern const struct rec_kind clean_activity_kind;

struct clean_status_in {
	const char *status, *pilot_on, *demonstration_on, *named_on, *note;
};

/* Pure. A status needs the dates of itself and every earlier status, in
 * order and not in the future (today a day number). Names each bad field. */
enum err clean_status_check(const struct clean_status_in *in, int32_t today, struct problem *pb);

struct clean_check_in {
	int64_t school_id, system_id;
	const char *checked_on, *note;
	const struct ind_score *scores;
	int nscores;
	int draft;	/* save as a draft (seen by the school's side only) */
};

/* Per school in scope: status, dates, the latest self-check and this
 * year's five-clean activities, as JSON objects into the open array. */
enum err clean_write_list(struct db *db, const struct who *w, int year, struct jw *jw);
/* Sets a school's status (admin, district). ERR_NOT_FOUND out of scope. */
enum err clean_set_status(struct db *db, const struct who *w, int64_t school_id,
    const struct clean_status_in *in, struct problem *pb);
/* Scores and stores a self-check against a published clean_school system.
 * ERR_INVALID naming school_id, system_id, checked_on or scores[i].<field>
 * (problems already in pb are kept and reported with these). */
enum err clean_check_create(struct db *db, const struct who *w, const struct clean_check_in *in,
    const struct ind_rules *rules, struct problem *pb, int64_t *id);
/* Replaces a draft self-check of the caller's school (same checks as
 * create; the school cannot change: 422 school_id); in->draft 0 submits it.
 * ERR_NOT_FOUND for a check not visible, ERR_CONFLICT (invalid_transition)
 * once submitted. */
enum err clean_check_update(struct db *db, const struct who *w, int64_t id,
    const struct clean_check_in *in, const struct ind_rules *rules, struct problem *pb);
/* draft → submitted (ERR_CONFLICT invalid_transition naming the state). */
enum err clean_check_submit(struct db *db, const struct who *w, int64_t id, struct problem *pb);
/* Deletes a draft (ERR_CONFLICT once submitted). */
enum err clean_check_delete(struct db *db, const struct who *w, int64_t id, struct problem *pb);
/* One self-check with its scores. ERR_NOT_FOUND out of scope; a draft is
 * seen only by its school's side (a caller whose scope lies in a school),
 * never by the district. */
enum err clean_check_write(struct db *db, const struct who *w, int64_t id, struct jw *jw);
/* The self-checks in scope (school_id 0: all), newest first. */
enum err clean_check_list(struct db *db, const struct who *w, int64_t school_id, struct jw *jw);

#endif

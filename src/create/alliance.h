/* alliance.h: party-work + education-group alliances (党建+教育集团联盟,
 * issue 6): a lead school and member schools, and each month's "four
 * ones" (四个一): one joint study session, one shared theory book, one hot
 * topic, one school visit. The pure part says which of the four a month
 * has done; the store (alliance_store.c) computes the counts in SQL. A
 * school's staff see the alliances their school belongs to. */
#ifndef HY_ALLIANCE_H
#define HY_ALLIANCE_H

#include <stdint.h>

#include "auth/who.h"
#include "db/db.h"
#include "http/json_in.h"
#include "http/json_out.h"

enum four_one { FO_STUDY, FO_BOOK, FO_TOPIC, FO_VISIT, FO_N };

/* "joint_study", "shared_book", "hot_topic", "school_visit", NULL. */
extern const char *const alliance_kinds[];

struct four_ones {
	int64_t count[FO_N];	/* activities of each kind in the month */
	int done[FO_N];		/* count > 0 */
	int ndone;		/* 0..4 */
	int complete;		/* all four done */
};

/* Pure. Which of the four a month's counts have done. */
void alliance_four_ones(const int64_t count[FO_N], struct four_ones *out);
/* Pure. Whether s is a month "YYYY-MM" (1900..2199). */
int alliance_month_valid(const char *s);

struct alliance_in {
	const char *name, *founded_on, *note;
	int64_t lead_school_id;
	struct id_list schools;	/* member schools; the lead is added */
	int has_schools;	/* patch: replace the members */
};

struct alliance_activity_in {
	const char *kind, *held_on, *title, *outputs;
	int64_t host_school_id, attendance;
};

/* Creates an alliance (admin, district). ERR_INVALID naming the field
 * (unknown school, duplicate name); ERR_CONFLICT for a taken name. */
enum err alliance_create(struct db *db, const struct who *w, const struct alliance_in *in,
    struct problem *pb, int64_t *id);
/* Changes name, note, founded_on, lead and/or members. */
enum err alliance_update(struct db *db, const struct who *w, int64_t id,
    const struct alliance_in *in, struct problem *pb);
/* Deletes an alliance without recorded activities (ERR_CONFLICT in_use
 * otherwise); its member list goes with it. */
enum err alliance_delete(struct db *db, const struct who *w, int64_t id, struct problem *pb);
/* Records one of the four ones. The host must be a member school in the
 * caller's scope; the day not in the future. */
enum err alliance_record(struct db *db, const struct who *w, int64_t id,
    const struct alliance_activity_in *in, struct problem *pb, int64_t *activity_id);
/* Deletes an activity of an alliance whose host school is in scope. */
enum err alliance_unrecord(struct db *db, const struct who *w, int64_t activity_id);
/* One alliance with its schools and activities (month NULL: all).
 * ERR_NOT_FOUND out of scope. */
enum err alliance_write_one(struct db *db, const struct who *w, int64_t id, const char *month,
    struct jw *jw);
/* The alliances in scope, each with its schools. */
enum err alliance_write_list(struct db *db, const struct who *w, struct jw *jw, int64_t *total);
/* The board of month: per alliance in scope, the four ones done. */
enum err alliance_write_board(struct db *db, const struct who *w, const char *month,
    struct jw *jw);

#endif

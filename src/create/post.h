/* post.h: member responsibility areas, vanguard posts and model
 * classrooms (党员责任区、先锋岗、示范课堂, issue 6): which member holds
 * which since when with what commitment (plain records, rec.h), and each
 * school's coverage: the share of its active members holding a current
 * post, counted in SQL. */
#ifndef HY_POST_H
#define HY_POST_H

#include <stdint.h>

#include "auth/who.h"
#include "create/rec.h"
#include "db/db.h"
#include "http/json_out.h"

extern const char *const post_kinds[];	/* area, vanguard, classroom, NULL */
extern const struct rec_kind post_kind;

/* Pure. Coverage in tenths of a percent (0..1000), rounded half up; -1
 * when the school has no active member. */
int64_t post_coverage(int64_t with_post, int64_t members);
/* Pure. Whether a post held from since until (NULL: open) is current on
 * day today (all YYYY-MM-DD). */
int post_current(const char *since, const char *until, const char *today);

/* Per school in scope (school_id 0: all), active members, those with a
 * current post, and the coverage, as JSON objects into the open array. */
enum err post_write_coverage(struct db *db, const struct who *w, int64_t school_id,
    struct jw *jw);

#endif

/* programme.h: training programmes (issue 5): tiers (领航, 奋飞, 群鹰
 * shipped; the district adds more), programmes with sessions of several
 * forms and their hours, enrolments, attendance crediting the session's
 * hours, completion, and per-person hours per year against the district's
 * yearly minimum (CUL-03, cfg.training_min_hours). Programmes are the
 * district's and every staff role reads them; enrolments and attendance
 * are scoped by the member's organization. */
#ifndef HY_PROGRAMME_H
#define HY_PROGRAMME_H

#include <stdint.h>

#include "auth/who.h"
#include "core/arena.h"
#include "cultivate/certificate.h"
#include "db/db.h"

struct jw;

struct programme_in {
	int64_t tier_id, year, required_hours;
	const char *name, *description, *starts_on, *ends_on;
};

struct session_in {
	const char *title, *form, *module, *held_on, *place;
	int64_t hours;
};

/* One person's training hours in a year. */
struct hours_row {
	int64_t member_id, hours, short_by;
	const char *name, *org_name;
};

enum err programme_tiers_json(struct db *db, struct jw *j);
/* ERR_CONFLICT when the name exists. */
enum err programme_tier_create(struct db *db, const struct who *w, const char *name,
    struct problem *pb, int64_t *id);
/* ERR_INVALID naming the field (unknown tier, ends before it starts). */
enum err programme_create(struct db *db, const struct who *w, const struct programme_in *in,
    struct problem *pb, int64_t *id);
/* Programmes of year (0: any) and tier (0: any) with their session,
 * hour and enrolment counts. */
enum err programme_list_json(struct db *db, int64_t year, int64_t tier_id, struct jw *j);
/* The programme, its sessions and the enrolments in w's scope, each with
 * hours credited and whether the required hours are met (completed). */
enum err programme_get_json(struct db *db, const struct who *w, int64_t id, struct jw *j);
/* A session within the programme's dates; a study trip names its module. */
enum err programme_session_add(struct db *db, const struct who *w, int64_t programme_id,
    const struct session_in *in, struct problem *pb, int64_t *id);
/* Enrols an active member in scope; ERR_CONFLICT when enrolled already. */
enum err programme_enrol(struct db *db, const struct who *w, int64_t programme_id,
    int64_t member_id, struct problem *pb);
/* Credits the session's hours to each member (enrolled, in scope); a
 * member credited already keeps one row. */
enum err programme_attend(struct db *db, const struct who *w, int64_t session_id, int n,
    const int64_t *member_ids, struct problem *pb);
/* Per person enrolled in a programme of year (in scope): hours credited
 * in sessions held that year, fewest first; below: only those short of
 * the minimum (CUL-03). */
enum err programme_hours(struct db *db, const struct who *w, int year, int below,
    void (*fn)(void *ctx, const struct hours_row *r), void *ctx);
/* The certificate of enrolment id (in w's scope; strings in a, issued
 * today). ERR_CONFLICT (code not_completed) until the credited hours reach
 * the programme's required hours (a programme requiring none gives none). */
enum err programme_certificate(struct db *db, const struct who *w, int64_t enrolment_id,
    struct arena *a, struct certificate *c, struct problem *pb);

#endif

/* brand.h: party-work brand projects (一校一品/一校多品, issue 6; CL-04
 * cultivation and creation units, whose cycle mirrors CL-03: declaration,
 * cultivation, mid-term evaluation, acceptance, naming). The pure stage
 * machine lives here; brand_store.c runs each step in one transaction with
 * its timeline row and audit row. Milestones, evidence, outputs and
 * research topics (课题) are plain records (rec.h) in brand_api.c. */
#ifndef HY_BRAND_H
#define HY_BRAND_H

#include <stdint.h>

#include "auth/who.h"
#include "db/db.h"
#include "http/json_out.h"

/* 申报 → 培育 → 中期评估 → 验收 → 命名 */
enum brand_stage { BS_DECLARED, BS_CULTIVATING, BS_MIDTERM, BS_ACCEPTED, BS_NAMED, BS_N };

extern const char *const brand_stages[];	/* "declared"…, NULL-terminated */
extern const char *const brand_levels[];	/* district, municipal_cultivation, municipal_creation */

/* Pure. A stage name to its enum; -1 if unknown. */
int brand_stage_parse(const char *s);
/* Pure. ERR_OK when to is the stage right after from; ERR_CONFLICT
 * otherwise (stages are neither skipped nor repeated, named is final). */
enum err brand_step(enum brand_stage from, enum brand_stage to);
/* Pure. The static Chinese 409 message naming the current stage. */
const char *brand_conflict_message(enum brand_stage from);
/* Pure. The day a project's build cycle ends: months (CL-03: 2 years,
 * cfg.brand_cycle_months) after the day cultivation began, clamped to the
 * month's last day (2024-02-29 + 12 months is 2025-02-28). */
int32_t brand_cycle_due(int32_t cultivating_day, int months);
/* Pure. Overdue: the cycle ended before today and the project is not yet
 * accepted or named. Not before cultivation (due 0). */
int brand_overdue(enum brand_stage stage, int32_t due, int32_t today);
/* Pure. Whether entering stage needs an evaluation result (the mid-term
 * evaluation, acceptance and naming are evaluations). */
int brand_result_required(enum brand_stage to);

struct brand_in {
	int64_t school_id;	/* 0: the caller's school */
	const char *name, *aim, *level, *declared_on;
};

struct brand_step_in {
	const char *stage, *held_on, *result, *note;
};

/* Creates a project at stage declared (申报) with its first timeline row.
 * ERR_INVALID naming the field. */
enum err brand_create(struct db *db, const struct who *w, const struct brand_in *in,
    struct problem *pb, int64_t *id);
/* Changes name, aim or level (fields left NULL stay). */
enum err brand_update(struct db *db, const struct who *w, int64_t id, const struct brand_in *in,
    struct problem *pb);
/* Deletes a project still at stage declared (申报) without milestones,
 * evidence or outputs: ERR_CONFLICT invalid_transition past declaration,
 * in_use with items. ERR_NOT_FOUND out of scope. */
enum err brand_delete(struct db *db, const struct who *w, int64_t id, struct problem *pb);
/* Moves a project to the next stage (district side). ERR_NOT_FOUND out of
 * scope; ERR_CONFLICT (code invalid_transition) naming the current stage;
 * ERR_INVALID naming held_on (before the last stage's day or after today)
 * or result (missing for an evaluation). */
enum err brand_advance(struct db *db, const struct who *w, int64_t id,
    const struct brand_step_in *in, struct problem *pb);
/* The project with its timeline. ERR_NOT_FOUND out of scope. */
enum err brand_write_one(struct db *db, const struct who *w, int64_t id, struct jw *jw);

struct brand_filter {
	int64_t school_id;
	const char *stage, *level;
	int64_t page, per_page;
};
enum err brand_write_list(struct db *db, const struct who *w, const struct brand_filter *f,
    struct jw *jw, int64_t *total);

#endif

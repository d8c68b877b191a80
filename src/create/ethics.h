/* ethics.h: teacher ethics (师德师风, issue 6): activities under the six
 * named actions and commendations/typical cases (plain records, rec.h),
 * and misconduct cases, which are confidential: only users the district
 * grants (ethics_grant) see them, every read leaves an audit row, and to
 * anyone else they do not exist (404, no counts). */
#ifndef HY_ETHICS_H
#define HY_ETHICS_H

#include <stdint.h>

#include "auth/who.h"
#include "create/rec.h"
#include "db/db.h"
#include "http/json_out.h"

/* 思想铸魂, 固本强基, 清朗净化, 评价优化, 典型赋能, 心理关怀 */
extern const char *const ethics_actions[];
extern const char *const ethics_case_statuses[];	/* open, closed */
extern const struct rec_kind ethics_activity_kind;
extern const struct rec_kind ethics_honor_kind;

/* Whether w holds the district's grant to read misconduct cases. */
int ethics_granted(struct db *db, const struct who *w);
/* Grants (admin, district) user_id the right; ERR_INVALID naming user_id
 * when no such user; revoking an absent grant is ERR_NOT_FOUND. */
enum err ethics_grant(struct db *db, const struct who *w, int64_t user_id, const char *note,
    struct problem *pb);
enum err ethics_revoke(struct db *db, const struct who *w, int64_t user_id);
enum err ethics_write_grants(struct db *db, struct jw *jw);

struct ethics_case_in {
	int64_t school_id;
	const char *person, *occurred_on, *summary, *handling, *status;
};

/* All case operations answer ERR_NOT_FOUND without the grant, before any
 * case data is read. */
enum err ethics_case_create(struct db *db, const struct who *w, const struct ethics_case_in *in,
    struct problem *pb, int64_t *id);
enum err ethics_case_update(struct db *db, const struct who *w, int64_t id,
    const struct ethics_case_in *in, struct problem *pb);
/* Writes one case and audits the read ("read", "ethics_case", id). */
enum err ethics_case_read(struct db *db, const struct who *w, int64_t id, struct jw *jw);
/* Writes the cases in scope (school_id 0: all) and audits each one read. */
enum err ethics_case_list(struct db *db, const struct who *w, int64_t school_id, struct jw *jw,
    int64_t *total);
/* Counts per action, honours, and (granted only) cases, in scope. */
enum err ethics_write_summary(struct db *db, const struct who *w, int64_t school_id,
    int year, struct jw *jw);

#endif

/* leader.h: the dual-leader register (双带头人, issue 5): each school
 * secretary and deputy with their party-work and teaching leadership,
 * evidence for the five criteria (CUL-02), the level recognised and its
 * date. Recognising and revoking set member.dual_leader in the same
 * transaction (CUL-01: the register is the flag's one source of truth). */
#ifndef HY_LEADER_H
#define HY_LEADER_H

#include <stdint.h>

#include "auth/who.h"
#include "cultivate/cult.h"
#include "db/db.h"

struct jw;

/* Text fields: NULL = not given (unchanged on update). */
struct leader_in {
	int64_t member_id;
	const char *position, *party_work, *subject_titles, *backbone_level, *awards;
	const char *evidence[CULT_CRITERIA];
};

struct leader_filter {
	int64_t school_id;
	const char *level;	/* NULL: any */
	int recognised;		/* 1: only current dual leaders */
	int64_t page, per_page;
};

/* ERR_INVALID naming the field; ERR_CONFLICT when the member has a record. */
enum err leader_create(struct db *db, const struct who *w, const struct leader_in *in,
    struct problem *pb, int64_t *id);
/* Updates the given fields; a recognised leader must keep all five
 * criteria evidenced (CUL-02). */
enum err leader_update(struct db *db, const struct who *w, int64_t id, const struct leader_in *in,
    struct problem *pb);
/* CUL-02: every criterion needs evidence and the teaching leadership a
 * backbone level or subject-leader title; ERR_INVALID names each missing
 * one. ERR_CONFLICT (invalid_transition) when already recognised. */
enum err leader_recognise(struct db *db, const struct who *w, int64_t id, const char *level,
    const char *date, struct problem *pb);
/* ERR_CONFLICT unless currently recognised. */
enum err leader_revoke(struct db *db, const struct who *w, int64_t id, const char *date,
    const char *reason, struct problem *pb);
enum err leader_get_json(struct db *db, const struct who *w, int64_t id, struct jw *j);
enum err leader_list_json(struct db *db, const struct who *w, const struct leader_filter *f,
    struct jw *j, int64_t *total);
/* The district view: each school in scope with its secretaries and deputies
 * on the register and how many of them are current dual leaders. */
enum err leader_schools_json(struct db *db, const struct who *w, struct jw *j);

#endif

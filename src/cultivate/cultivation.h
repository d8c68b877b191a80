/* cultivation.h: the dual-cultivation registers (双培养, issue 5): per
 * school and year, teaching backbones who are not members (to develop as
 * members) and member teachers not yet backbones (to develop as
 * backbones). Nomination -> committee selection with a score -> contacts
 * (1–2 full members, RULES.md section 2 step 5) -> outcome. The outcome
 * became_backbone sets member.backbone in the same transaction (CUL-01:
 * the register is the flag's one source of truth). */
#ifndef HY_CULTIVATION_H
#define HY_CULTIVATION_H

#include <stdint.h>

#include "auth/who.h"
#include "db/db.h"

struct jw;

struct cultivation_in {
	int64_t org_id, year, member_id;	/* member_id: member_to_backbone only */
	const char *kind, *name, *subject, *title, *nominated_on, *reason;
};

struct cultivation_filter {
	int64_t school_id, year;	/* 0: any */
	const char *kind, *state;	/* NULL: any */
	const char *sort_col;
	int desc;
	int64_t page, per_page;
};

/* Creates a nomination. ERR_INVALID naming the field (org outside the
 * scope or not a school's, member not a member teacher, already a
 * backbone, …). */
enum err cultivation_create(struct db *db, const struct who *w, const struct cultivation_in *in,
    struct problem *pb, int64_t *id);
/* The committee's comparison: selected (score 0–100) or not. ERR_CONFLICT
 * (invalid_transition) unless nominated. */
enum err cultivation_select(struct db *db, const struct who *w, int64_t id, int selected,
    int64_t score, const char *date, struct problem *pb);
/* Replaces the contacts: 1–2 active full members in scope. */
enum err cultivation_contacts(struct db *db, const struct who *w, int64_t id, int n,
    const int64_t *member_ids, struct problem *pb);
/* Records the outcome (and, for became_backbone, member.backbone = 1).
 * ERR_CONFLICT unless selected; ERR_INVALID when the outcome does not fit
 * the register, the date is before the nomination or in the future, or a
 * became_backbone lacks its title. */
struct cultivation_outcome_in {
	const char *outcome, *date, *title;
	/* joined_pipeline (CUL-04): the person's ID number, and for a new
	 * applicant the branch (default: the register's organization when it
	 * is a branch) and the optional particulars of step 1. */
	const char *id_card, *ethnicity, *education, *post;
	int64_t org_id;
};
/* CUL-04: joined_pipeline links the applicant of the same ID number in
 * w's scope, or creates one at step 1 (applied on the outcome date) in the
 * same transaction; the applicant's errors are named as theirs (id_card,
 * org_id, DEV rules). */
enum err cultivation_outcome(struct db *db, const struct who *w, int64_t id,
    const struct cultivation_outcome_in *in, struct problem *pb);
/* Writes the record (with its contacts) as one object. */
enum err cultivation_get_json(struct db *db, const struct who *w, int64_t id, struct jw *j);
/* Writes one page of items; *total counts every match. */
enum err cultivation_list_json(struct db *db, const struct who *w,
    const struct cultivation_filter *f, struct jw *j, int64_t *total);
/* Writes the keys "by_ownership" and "schools" of the year's statistics
 * (counted in SQL; outcomes count in the year of their date). */
enum err cultivation_stats_json(struct db *db, const struct who *w, int year, struct jw *j);

#endif

/* applicant.h: people in the membership development pipeline (issue 5,
 * RULES.md section 2): creation with the application (step 1), recording
 * each further step in one transaction with its audit row (the rules are
 * develop/pipeline.h), admission as a probationary member (step 17) and
 * conversion to a full member (step 24), the documents of each step, and
 * scoped reads. The ID number is sealed like a member's (SEC-09) and
 * shown masked. Scope: the applicant's branch path (org_path). */
#ifndef HY_APPLICANT_H
#define HY_APPLICANT_H

#include <stdint.h>

#include "auth/who.h"
#include "core/arena.h"
#include "core/buf.h"
#include "db/db.h"
#include "develop/pipeline.h"

struct applicant {
	int64_t id, org_id, member_id;
	const char *org_name, *name, *gender, *id_card;	/* id_card masked */
	const char *birth_date;	/* sealed at rest; opened by applicant_get for DEV-01,
				 * never written out beside the mask (PI-06) */
	const char *ethnicity, *education, *post, *category, *status, *end_reason;
	const char *applied_on, *probation_end, *next_due;
	int step, next_step, extended;
	int64_t created_at, updated_at;
	int64_t cultivation_id, cultivation_year;	/* 0: not from 双培养 */
	struct pipe_state st;	/* filled by applicant_get, not by lists */
};

struct applicant_in {
	int64_t org_id;
	const char *name, *id_card, *ethnicity, *education, *post, *category, *applied_on;
	const char *note;
};

/* Creates a person with their application (step 1, DEV-01 age check) in a
 * branch w may edit. ERR_INVALID naming fields (or with the rule as the
 * code), ERR_CONFLICT when the ID number is already in the pipeline or a
 * member's. */
enum err applicant_create(struct db *db, const struct who *w, const struct applicant_in *in,
    struct problem *pb, int64_t *id);
/* The same inside the caller's transaction (no begin/end: the caller
 * commits or rolls back, e.g. a dual-cultivation outcome, CUL-04). */
enum err applicant_create_tx(struct db *db, const struct who *w, const struct applicant_in *in,
    struct problem *pb, int64_t *id);
/* The newest applicant in w's scope (pipeline, probationary or full) with
 * this ID number. ERR_NOT_FOUND when none or the number is invalid. */
enum err applicant_find_card(struct db *db, const struct who *w, const char *id_card,
    int64_t *id);

/* One step as the API decodes it: absent numbers are -1, absent dates NULL. */
struct applicant_step_in {
	int step;
	const char *date, *note, *outcome, *notice_from, *notice_to;
	const int64_t *talkers, *contacts, *sponsors;
	int ntalkers, ncontacts, nsponsors;
	int64_t days, hours, expected, present, yes_votes, written, extend_months, dues_base_fen;
	int leaving;
	/* DEV-15/DEV-23: the branch assembly that decided (0: none). When
	 * given, expected and present come from its attendance: the active
	 * full members of the branch and those of them present. */
	int64_t meeting_id;
};

/* Records a step (pipe_check, then pipe_apply and its effect on the
 * member rows) in one transaction with its audit row; a vote step's
 * meeting_id is checked first (422 naming meeting_id, expected, present). ERR_NOT_FOUND out of
 * scope, ERR_FORBIDDEN for readers, ERR_CONFLICT (invalid_transition) out
 * of order, ERR_INVALID out of time (code = rule) or for bad input. */
enum err applicant_record(struct db *db, const struct who *w, int64_t id,
    const struct applicant_step_in *in, struct problem *pb);

/* The person in scope with their state (arena a). */
enum err applicant_get(struct db *db, const struct who *w, int64_t id, struct arena *a,
    struct applicant *ap);

/* One recorded step with its people (names, arena). */
struct applicant_step {
	int64_t id;
	int step;
	const char *done_on, *note, *outcome, *rule, *warning, *notice_from, *notice_to;
	int64_t days, hours, expected, present, yes_votes, written, extend_months;	/* -1 none */
	int64_t actor_id, at, meeting_id;	/* meeting_id 0: none */
};

struct applicant_person {
	int64_t step_id, member_id;
	const char *role, *name;
};

/* The steps recorded, oldest first, then every person of them. */
enum err applicant_steps(struct db *db, int64_t id, struct arena *a,
    void (*fn)(void *ctx, const struct applicant_step *s), void (*person)(void *ctx,
    const struct applicant_person *p), void *ctx);

struct applicant_filter {
	int64_t org_id;
	const char *status, *q;	/* q: LIKE pattern on the name */
	int overdue;
	int64_t page, per_page;
};

/* One page (by next due day, then id) of the people in w's scope. */
enum err applicant_list(struct db *db, const struct who *w, const struct applicant_filter *f,
    void (*fn)(void *ctx, const struct applicant *ap), void *ctx, int64_t *total);

/* The documents of each step: an owner of attachments (attach.h; part =
 * step; applicant_files.c). */
extern const struct attach_owner applicant_files;

/* The development roster as .xlsx at path (applicant_export.c). */
enum err applicant_export(struct db *db, const struct who *w, int64_t org_id, const char *path);

struct jw;
void applicant_write_fields(struct jw *w, const struct applicant *ap);

#endif

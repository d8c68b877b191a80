/* principal.h: the stores of the principal-tenure platform (issue 13 items
 * 1-3): principals, their tenures with the baseline taken at appointment,
 * the district list with its flags, term goals, yearly reports, and the
 * 督学 assignments (挂牌, PRIN-10). The platform scopes by school
 * (DESIGN.md): the supervision office sees every school, a 督学 the schools
 * assigned to them today, a principal their own tenures (never another
 * principal's), every other role nothing. Out of scope is not found.
 * Every write is one transaction with its audit row; bad input answers
 * ERR_INVALID naming each field with nothing written. Functions that answer
 * JSON write into an open struct jw. */
#ifndef HY_PRINCIPAL_H
#define HY_PRINCIPAL_H

#include <stdint.h>

#include "auth/who.h"
#include "core/buf.h"
#include "db/db.h"
#include "http/json_out.h"

struct attach_owner;

/* --- scope (one store function per kind of scope, DESIGN.md) --- */

/* Appends " AND <col> is a school w sees" with its parameters: nothing
 * for the office (and the system), the 督学's assignments open on today
 * ("YYYY-MM-DD", borrowed until the query runs), " AND 1=0" for anyone
 * else. */
void prin_scope_school(struct buf *sql, struct db_args *a, const struct who *w, const char *col,
    const char *today);
/* The same for a tenure aliased t: a principal sees the tenures of the
 * person linked to their account, the others as prin_scope_school() on
 * t.school_id. */
void prin_scope_tenure(struct buf *sql, struct db_args *a, const struct who *w, const char *t,
    const char *today);
/* Appends an SQL boolean expression: a term-end supervision (PRIN-05/06)
 * is planned for the tenure aliased t. The supervision work (issue 13
 * item 5) fills it; until it lands nothing is planned ("0"). */
void prin_supervision_planned_sql(struct buf *sql, const char *t);

/* Writes appointed_on, term_years, term_end_on, ended_on and, for an open
 * tenure, term_year as of today (shared by the stores' writers). */
void prin_write_term(struct jw *jw, const char *appointed_on, int years, const char *term_end_on,
    const char *ended_on, int32_t today);

/* --- principals (persons) --- */

struct prin_person_in {
	const char *name, *gender, *id_card;	/* NULL: unchanged (update) */
	int set_id_card;			/* id_card given (NULL clears it) */
	int set_member, set_user;
	int64_t member_id, user_id;		/* 0 clears the link */
};

/* Creates a person (the office). ERR_INVALID naming name, gender,
 * id_card (GB 11643, or already another principal's), member_id (no such
 * member) or user_id (not a principal account, or linked already). */
enum err prin_person_create(struct db *db, const struct who *w, const struct prin_person_in *in,
    struct problem *pb, int64_t *id);
/* Changes the given fields; the same checks. ERR_NOT_FOUND unknown id. */
enum err prin_person_update(struct db *db, const struct who *w, int64_t id,
    const struct prin_person_in *in, struct problem *pb);
/* One person with every tenure w sees, newest first (the history page).
 * The ID-card number is whole for the office and the person themself,
 * masked for others. */
enum err prin_person_write(struct db *db, const struct who *w, int64_t id, struct jw *jw);
/* A page of the persons w sees (like: a LIKE pattern on the name or
 * NULL), ordered by name, as objects into the open array; *total counts. */
enum err prin_person_list(struct db *db, const struct who *w, const char *like, int64_t page,
    int64_t per_page, struct jw *jw, int64_t *total);

/* --- tenures --- */

struct tenure_in {
	int64_t principal_id, school_id;
	const char *post, *appointed_on;
	int64_t term_years, term_no;	/* 0: cfg.prin_term_years; the next number here */
};

/* Records a tenure (the office) and takes the school's baseline from the
 * stores in the same transaction (issue 13 item 2). ERR_INVALID naming
 * principal_id, school_id (unknown; or the school has a principal in
 * office), post, appointed_on, term_years or term_no. */
enum err tenure_create(struct db *db, const struct who *w, const struct tenure_in *in,
    struct problem *pb, int64_t *id);
/* Ends an open tenure on ended_on for reason (tenure_end_reasons).
 * ERR_INVALID naming ended_on (before the appointment, or in the future)
 * or end_reason; ERR_CONFLICT invalid_transition once ended. */
enum err tenure_end(struct db *db, const struct who *w, int64_t id, const char *ended_on,
    const char *reason, struct problem *pb);
/* Sets the office-entered baseline figures: keys[i] must be one of
 * cfg.prin_figures (else ERR_INVALID naming figures.<key>), values 0 to
 * 10,000,000. Replaces the figures given, keeps the others. */
enum err tenure_set_figures(struct db *db, const struct who *w, int64_t id, int n,
    const char *const *keys, const int64_t *values, struct problem *pb);
/* One tenure: school, person, term dates and year, flags, the baseline
 * and its figures, the goal plan with its goals, the yearly reports. */
enum err tenure_write(struct db *db, const struct who *w, int64_t id, struct jw *jw);
/* The open tenure of the person linked to w's account: *id 0 if none. */
enum err tenure_mine(struct db *db, const struct who *w, int64_t *principal_id, int64_t *id);

/* What the stores check a tenure against. */
struct tenure_ref {
	int64_t id, principal_id, school_id;
	int32_t appointed, term_end;
	int term_years, open;
};
/* The tenure id if w sees it. ERR_NOT_FOUND otherwise. */
enum err tenure_ref_get(struct db *db, const struct who *w, int64_t id, struct tenure_ref *t);

/* --- the district list (校长任期一览) --- */

struct prin_list_filter {
	const char *like;	/* LIKE pattern on the school's name, or NULL */
	const char *stage;	/* school.stage, or NULL */
	const char *flag;	/* one of tenure_flag_names, or NULL */
	int64_t org_id;		/* schools under this organization (a district's
				 * committee: one district of a city), or 0 */
	const char *sort;	/* SQL ORDER BY text from the route's sort table */
	int desc;
	int64_t page, per_page;
};
/* Every school w sees with its current principal, term year, term end and
 * flags (tenure.h), filtered, sorted and paged in SQL in one query (and
 * one count); objects into the open array. */
enum err prin_school_list(struct db *db, const struct who *w, const struct prin_list_filter *f,
    int32_t today, struct jw *jw, int64_t *total);

/* --- term goals and yearly reports (goal_store.c) --- */

struct goal_in {
	const char *area, *goal, *target;
};
/* Replaces the goals of a tenure of the caller's own (draft or returned;
 * the plan is made on the first save). ERR_CONFLICT invalid_transition
 * naming the plan's state otherwise. */
enum err goal_put(struct db *db, const struct who *w, int64_t tenure_id,
    const struct goal_in *v, int n, struct problem *pb);
/* submit (the principal; at least one goal), approve or return (the
 * office; reason required: ERR_INVALID naming reason). ERR_CONFLICT
 * invalid_transition naming the current state. */
enum err goal_step(struct db *db, const struct who *w, int64_t tenure_id, int action,
    const char *reason, struct problem *pb);
/* The state (draft, submitted, graded) of report id into st, when its
 * tenure is in w's scope (else ERR_NOT_FOUND). */
enum err report_state(struct db *db, const struct who *w, int64_t id, char st[16]);
/* The attachment owner of the yearly self-reports' files (report_files.c). */
extern const struct attach_owner report_files;
/* Writes or replaces the draft self-report of term year year_no (a year
 * begun, within the term). *id the report. ERR_INVALID naming year_no or
 * report; ERR_CONFLICT once submitted. */
enum err report_put(struct db *db, const struct who *w, int64_t tenure_id, int64_t year_no,
    const char *text, struct problem *pb, int64_t *id);
/* draft → submitted (the principal). */
enum err report_submit(struct db *db, const struct who *w, int64_t id, struct problem *pb);
/* submitted → graded with one of cfg.prin_grades (the office): ERR_INVALID
 * naming grade. */
enum err report_grade(struct db *db, const struct who *w, int64_t id, const char *grade,
    const char *note, struct problem *pb);
/* The plan, goals and reports of tenure id, as keys of the open object. */
enum err goal_write_tenure(struct db *db, int64_t id, struct jw *jw);

/* --- 督学 assignments (挂牌, PRIN-10; assign_store.c) --- */

/* Assigns a supervisor account to a school from from_on (to_on NULL: open).
 * ERR_INVALID naming user_id (not a 督学), school_id, from_on, to_on;
 * an open assignment of the same pair already: ERR_INVALID school_id. */
enum err assign_create(struct db *db, const struct who *w, int64_t user_id, int64_t school_id,
    const char *from_on, const char *to_on, struct problem *pb, int64_t *id);
/* Ends an open assignment on to_on (not before from_on). ERR_CONFLICT
 * invalid_transition once ended. */
enum err assign_end(struct db *db, const struct who *w, int64_t id, const char *to_on,
    struct problem *pb);
/* A page of the assignments w sees (the office: all, or of user_id /
 * school_id; a 督学: their own), open ones first, by 督学 and school;
 * current: only those in force today. *total counts them. */
enum err assign_list(struct db *db, const struct who *w, int64_t user_id, int64_t school_id,
    int current, const char *today, int64_t page, int64_t per_page, struct jw *jw,
    int64_t *total);
/* The 督学 accounts with the number of schools assigned to each today. */
enum err assign_supervisors(struct db *db, const char *today, struct jw *jw);

#endif

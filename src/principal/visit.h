/* visit.h: the routine visits of the 责任督学 (挂牌督导, issue 13 item 4,
 * PRIN-10). A 督学 records a visit to a school assigned to them today (any
 * other school: ERR_NOT_FOUND, nothing stored) on the routine-visit
 * checklist (supervise/indicator_routine_sheet.h), with notes, a summary
 * and files (visit_files); draft → submitted. Who reads: the office every
 * visit, a 督学 their own, a principal the submitted visits of the school
 * of their open tenure; anyone else nothing (ERR_NOT_FOUND). A problem
 * found becomes a finding against the school's top party organization in
 * one transaction (finding.source 'prin_visit'). Every write is one
 * transaction with its audit row; bad input ERR_INVALID naming each field
 * with nothing written. JSON goes into an open struct jw. */
#ifndef HY_PRIN_VISIT_H
#define HY_PRIN_VISIT_H

#include <stdint.h>

#include "auth/who.h"
#include "db/db.h"
#include "http/json_out.h"

struct attach_owner;
struct finding_in;

extern const char *const visit_kinds[];	/* routine, unannounced, NULL */

struct visit_in {
	int64_t school_id;		/* create only */
	const char *visited_on, *kind, *summary;	/* NULL: unchanged (update) */
};

struct visit_item_in {
	const char *code, *note;	/* note NULL: "" */
	int checked;
};

/* Records a draft visit by the 督学 w. ERR_NOT_FOUND when school_id is not
 * assigned to w today; ERR_INVALID naming visited_on (not a date, or in
 * the future), kind or summary. */
enum err visit_create(struct db *db, const struct who *w, const struct visit_in *in,
    struct problem *pb, int64_t *id);
/* Changes the given fields of w's own draft (the same checks);
 * ERR_CONFLICT invalid_transition once submitted. */
enum err visit_update(struct db *db, const struct who *w, int64_t id, const struct visit_in *in,
    struct problem *pb);
/* Replaces the checklist items of w's own draft: each code one of the
 * routine sheet's items, once (else ERR_INVALID naming items[i].code). */
enum err visit_put_items(struct db *db, const struct who *w, int64_t id, int n,
    const struct visit_item_in *v, struct problem *pb);
/* draft → submitted (its 督学; a summary is required: ERR_INVALID naming
 * summary). ERR_CONFLICT invalid_transition naming the state otherwise. */
enum err visit_submit(struct db *db, const struct who *w, int64_t id, struct problem *pb);
/* One visit w may read: its fields, the whole checklist with each item's
 * check and note, and the findings raised from it. */
enum err visit_write(struct db *db, const struct who *w, int64_t id, struct jw *jw);
/* A page of the visits w may read (school_id, supervisor_id: 0 any;
 * month "YYYY-MM" or NULL), newest first, as objects into the open array. */
enum err visit_list(struct db *db, const struct who *w, int64_t school_id,
    int64_t supervisor_id, const char *month, int64_t page, int64_t per_page, struct jw *jw,
    int64_t *total);
/* The state of visit id when w may read it, and whether it is w's own
 * (its 督学). ERR_NOT_FOUND otherwise. */
enum err visit_state(struct db *db, const struct who *w, int64_t id, char st[16], int *own);
/* Raises a finding (source 'prin_visit') from w's own visit against the
 * school's top party organization, with its link row and audit row, in one
 * transaction. ERR_INVALID naming the finding's fields, or school_id when
 * the school has no party organization. */
enum err visit_raise_finding(struct db *db, const struct who *w, int64_t id,
    struct finding_in *in, struct problem *pb, int64_t *finding_id);
/* The board (PRIN-10): per 督学 and school assigned in year, the submitted
 * visits of each month against cfg.prin_visits_per_month, and the months
 * (begun, assigned) that fell short; one grouped query. The office sees
 * every pair, a 督学 their own. Objects into the open array. */
enum err visit_board(struct db *db, const struct who *w, int year, struct jw *jw);
/* The routine checklist as an array of {code, area, name, evidence}. */
void visit_write_checklist(struct jw *jw);

/* The attachment owner of a visit's photos and files (visit_files.c). */
extern const struct attach_owner visit_files;

#endif

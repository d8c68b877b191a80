/* cult.h: the pure rules of the cultivation registers (issue 5) and the
 * enum vocabularies their API validates against: dual cultivation steps
 * and outcomes, cultivation contacts (RULES.md section 2 step 5), the five
 * criteria of a dual leader (CUL-02), yearly training hours (CUL-03). No
 * I/O except cult_rows_json(), which turns rows into JSON objects. */
#ifndef HY_CULT_H
#define HY_CULT_H

#include <stdint.h>

#include "core/err.h"

struct db_rows;
struct jw;

extern const char *const cult_kinds[];		/* backbone_to_member, member_to_backbone */
extern const char *const cult_states[];		/* nominated, selected, not_selected, developed */
extern const char *const cult_outcomes[];	/* joined_pipeline, became_backbone */
extern const char *const leader_positions[];	/* secretary, deputy */
extern const char *const leader_levels[];	/* district, municipal */
extern const char *const training_forms[];	/* full_coverage … online */
extern const char *const studio_kinds[], *const studio_levels[];
extern const char *const studio_activity_kinds[], *const studio_output_kinds[];

/* CUL-02: the five criteria in order, their JSON field names and labels. */
#define CULT_CRITERIA 5
extern const char *const cult_criteria_fields[];	/* evidence_party … */
extern const char *const cult_criteria_labels[];	/* 党性强 … */

enum cult_action { CA_SELECT, CA_REJECT, CA_OUTCOME };

/* Pure. The state after action from state: ERR_OK with *next (static);
 * ERR_CONFLICT when the step is illegal from state (nominated -> selected
 * | not_selected; selected -> developed). */
enum err cult_step(const char *state, enum cult_action a, const char **next);
/* Pure. The 409 message naming the current state (static Chinese). */
const char *cult_conflict_message(const char *state);
/* Pure. Whether an outcome fits a register: joined_pipeline for
 * backbone_to_member, became_backbone for member_to_backbone. */
int cult_outcome_fits(const char *kind, const char *outcome);
/* Pure. RULES.md section 2 step 5: 1–2 cultivation contacts. */
int cult_contacts_ok(int n);
/* Pure. CUL-02: the number of criteria without evidence (NULL or blank);
 * missing[i] is set to 1 for each (may be NULL). */
int cult_criteria_missing(const char *const ev[CULT_CRITERIA], int missing[CULT_CRITERIA]);
/* Pure. CUL-03: the hours a trainee still lacks for min (0 when met);
 * hours are whole 学时 and min 0 turns the rule off. */
int64_t cult_hours_short(int64_t hours, long min);
/* Pure. Sum of n credited hours, ignoring negative entries (never stored). */
int64_t cult_hours_total(const int64_t *hours, int n);

/* How a column is written by cult_rows_json(). */
#define CULT_COL_INT 'i'	/* integer */
#define CULT_COL_STR 's'	/* text, null when NULL */
#define CULT_COL_BOOL 'b'	/* 0/1 as false/true */
#define CULT_COL_ID 'n'		/* integer, null when NULL */
/* Writes each remaining row of r as one object: column i under keys[i] as
 * fmt[i] says. Returns ERR_OK at the end of the rows, ERR_STORE on
 * failure. Does not close r. */
enum err cult_rows_json(struct db_rows *r, struct jw *w, const char *const *keys, const char *fmt);
/* Same for one row already fetched (fields only; the caller opens the object). */
void cult_row_fields(struct db_rows *r, struct jw *w, const char *const *keys, const char *fmt);

#endif

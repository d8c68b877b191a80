/* finding.h: findings and their rectification (整改闭环, issue 4): the
 * pure state machine (issued → rectifying → submitted → verified, or
 * returned → submitted again), who may take each step, and when a finding
 * is overdue. The store (finding_store.c) runs each step in one
 * transaction with its audit row and a timeline event. */
#ifndef HY_FINDING_H
#define HY_FINDING_H

#include <stdint.h>

#include "auth/who.h"
#include "core/err.h"

struct db;

enum finding_state { FS_ISSUED, FS_RECTIFYING, FS_SUBMITTED, FS_VERIFIED, FS_RETURNED, FS_N };
enum finding_action { FA_START, FA_SUBMIT, FA_VERIFY, FA_RETURN, FA_N };

/* Who acts: the responsible organization (its secretary) or the
 * supervising side (admin, district staff, an inspector in scope). */
enum finding_side { FSIDE_NONE, FSIDE_RESPONSIBLE, FSIDE_SUPERVISOR };

extern const char *const finding_states[];	/* "issued"… indexed by state, NULL-terminated */
extern const char *const finding_sources[];	/* inspection, review, alert, manual, assessment,
							 * prin_visit (PRIN-10), NULL */
#define FINDING_NSOURCES 6
extern const char *const finding_severities[];	/* minor, major, critical, NULL */

/* Pure. A state name to its enum; -1 if unknown. */
int finding_state_parse(const char *s);
/* Pure. The side a role acts on. */
enum finding_side finding_side_of(enum role r);
/* Pure. The state after action by side: ERR_OK with *next set;
 * ERR_FORBIDDEN when side may not take the action at all (the responsible
 * side never verifies or returns its own rectification); ERR_CONFLICT when
 * the action is illegal from state. */
enum err finding_step(enum finding_state state, enum finding_action a, enum finding_side side,
    enum finding_state *next);
/* Pure. The static Chinese 409 message naming the current state. */
const char *finding_conflict_message(enum finding_state state);
/* Pure. Overdue: the deadline (a day number) has passed, i.e. today is
 * after it, and the finding is not verified. On the deadline day itself it
 * is not overdue yet. */
int finding_overdue(enum finding_state state, int32_t deadline, int32_t today);

struct finding_in {
	int64_t org_id;
	const char *title, *detail, *severity, *evidence_required, *deadline;
	const char *source;	/* "manual" unless raised from an alert */
	const char *source_ref;	/* NULL for manual */
};

/* The alert a finding is raised from (alert centre, desk/alert.h). */
struct finding_alert_in {
	const char *kind, *rule;	/* rule NULL: a reminder without a rule */
	int64_t org_id, member_id;	/* member_id 0: none */
	const char *severity, *evidence_required, *deadline;	/* NULL: defaults */
};

struct finding {
	int64_t id, org_id, issued_by, created_at, updated_at;
	const char *org_name, *source, *source_ref, *title, *detail, *severity;
	const char *evidence_required, *deadline, *issued_on, *closed_on;
	enum finding_state state;
	int overdue;
};

struct finding_event {
	int64_t id, actor_id, at;
	const char *state, *note, *actor;
};

struct finding_filter {
	int64_t org_id;		/* 0: the caller's scope */
	const char *state, *severity, *source;	/* NULL: any */
	int overdue;		/* 1: only overdue ones */
	int64_t page, per_page;
};

struct finding_board_row {
	int64_t org_id;		/* by organization; 0 by source */
	const char *org_name;
	const char *source;	/* by source; NULL by organization */
	int own;		/* the root's own row: findings issued to the root itself */
	int64_t open, overdue, closed;
	int64_t rate_pct;	/* closed / (open + closed) in percent, -1 when none */
	double avg_days;	/* average days from issue to verification, -1 when none */
};

/* Creates a finding (state issued) with its first timeline event and audit
 * row. ERR_INVALID naming the field (org_id outside the scope, deadline in
 * the past, …). */
enum err finding_create(struct db *db, const struct who *w, const struct finding_in *in,
    struct problem *pb, int64_t *id);
/* Same, inside the caller's open transaction (a review round's closing
 * raises its rectification lists with the results, EVAL-03; the annual
 * assessment its rectification plans within its run). */
enum err finding_create_in(struct db *db, const struct who *w, const struct finding_in *in,
    struct problem *pb, int64_t *id);
/* Raises a finding from a current alert, copying its message. ERR_INVALID
 * (field "alert") when no such alert is current; ERR_CONFLICT when a
 * finding raised from the same alert is still open. */
enum err finding_raise_alert(struct db *db, const struct who *w,
    const struct finding_alert_in *in, struct problem *pb, int64_t *id);
/* One step of the state machine; text is the evidence (submit), note
 * (verify) or reason (return). ERR_NOT_FOUND out of scope, ERR_FORBIDDEN
 * wrong side, ERR_CONFLICT (code invalid_transition) illegal from the
 * current state, ERR_INVALID when text is missing where required. */
enum err finding_act(struct db *db, const struct who *w, int64_t id, enum finding_action a,
    const char *text, struct problem *pb);
/* One finding (strings in the caller's arena a) and its timeline through
 * fn. ERR_NOT_FOUND when unknown or out of scope. */
struct arena;
enum err finding_get(struct db *db, const struct who *w, int64_t id, struct arena *a,
    struct finding *f);
enum err finding_timeline(struct db *db, int64_t id,
    void (*fn)(void *ctx, const struct finding_event *ev), void *ctx);
/* One page of findings, overdue first, then by deadline. */
enum err finding_list(struct db *db, const struct who *w, const struct finding_filter *flt,
    void (*fn)(void *ctx, const struct finding *f), void *ctx, int64_t *total);
/* The board of findings issued in year under org_id (0: the caller's first
 * scope root, or the top for admin/district): first the root's own row
 * (own = 1, findings issued to the root itself), then one row per child
 * organization over its subtree. ERR_NOT_FOUND when org_id is out of scope. */
enum err finding_board(struct db *db, const struct who *w, int64_t org_id, int year,
    void (*fn)(void *ctx, const struct finding_board_row *r), void *ctx);

/* The attachment owner of findings' evidence files (attach.h;
 * finding_files.c): part is the evidence row of the submission that took
 * the file, 0 while pending; the submission moves the pending ones. */
extern const struct attach_owner finding_files;
/* The same findings (the root's whole subtree) by source: one row per
 * finding_sources entry, in that order, zeros when none. */
enum err finding_board_sources(struct db *db, const struct who *w, int64_t org_id, int year,
    void (*fn)(void *ctx, const struct finding_board_row *r), void *ctx);

#endif

/* inspection.h: inspection plans and inspections (督查, issue 4): the pure
 * state machine (draft → submitted → confirmed; a confirmed one is
 * corrected by a new revision), the checks of a score sheet beyond
 * indicator_score(), and the keyword table that ties automatic evidence
 * to indicators. The store (inspection_store.c) runs each write in one
 * transaction with its audit row; scores are totalled by indicator.c. */
#ifndef HY_INSPECTION_H
#define HY_INSPECTION_H

#include <stdint.h>

#include "auth/who.h"
#include "core/buf.h"
#include "core/err.h"
#include "supervise/indicator.h"

struct arena;
struct db;

enum insp_state { INSP_DRAFT, INSP_SUBMITTED, INSP_CONFIRMED, INSP_N };
enum insp_action { INSP_EDIT, INSP_SUBMIT, INSP_CONFIRM, INSP_REVISE };

extern const char *const inspection_states[];	/* "draft"…, NULL-terminated */
extern const char *const inspection_kinds[];	/* the indicator kinds inspections use */

/* Pure. A state name to its enum; -1 if unknown. */
int inspection_state_parse(const char *s);
/* Pure. Whether action is legal from state (superseded: a newer revision
 * exists). ERR_OK or ERR_CONFLICT. Edits (scores, files, date, note) only
 * in a draft; submit a draft; confirm a submitted one; revise a confirmed
 * one that is not superseded. */
enum err inspection_step(enum insp_state state, int superseded, enum insp_action a);
/* Pure. The static Chinese 409 message naming the current state. */
const char *inspection_conflict_message(enum insp_state state, int superseded,
    enum insp_action a);

/* One score as the sheet keeps it: the points for indicator_score() plus
 * the inspector's note. */
struct insp_score {
	struct ind_score s;
	const char *note;
};

/* Pure. Notes on a sheet's scores are at most 500 characters
 * ("scores[i].note"); everything else about the scores (leaves only,
 * codes, ranges, veto flags, duplicates) is indicator_score()'s.
 * ERR_INVALID/ERR_OK. */
enum err inspection_check_notes(const struct insp_score *s, int ns, struct problem *pb);

/* The automatic evidence kinds (see inspection_evidence.c). */
enum insp_evidence { EV_COMPLIANCE, EV_DUES, EV_TRANSFERS, EV_FINDINGS, EV_N };
extern const char *const inspection_evidence_keys[];	/* "compliance"…, NULL-terminated */

/* Pure. Whether indicator i of v bears on evidence kind k: its name or an
 * ancestor's contains one of k's keywords (docs/api.md lists them). */
int inspection_evidence_matches(const struct indicator *v, int n, int i, enum insp_evidence k);

/* --- plans (inspection_store.c) --- */

struct plan_assignment {
	int64_t id, org_id, inspector_id;
	const char *org_name, *inspector;
	int64_t inspection_id;	/* the current inspection of the org under the plan, 0: none */
	const char *inspection_state;
};

struct plan_in {
	const char *name, *kind, *period_start, *period_end;
	int64_t system_id;
	int nassign;
	struct plan_assignment *assign;	/* org_id and inspector_id given */
};

struct plan {
	int64_t id, system_id, created_by, created_at, updated_at, nassign;
	const char *name, *kind, *system_name, *period_start, *period_end;
};

/* Creates or replaces (id != 0) a plan and its assignments with an audit
 * row. Problems: system_id not a published system of kind, period_end
 * before period_start, "assignments" empty (a plan assigns at least one
 * organization to an inspector), "assignments[i].org_id" outside w's scope,
 * "assignments[i].inspector_id" not an active inspector. ERR_NOT_FOUND
 * for an unknown id. */
enum err plan_save(struct db *db, const struct who *w, int64_t id, const struct plan_in *in,
    struct problem *pb, int64_t *out_id);
/* One plan (strings in a): an inspector only a plan with an assignment of
 * theirs (else ERR_NOT_FOUND), and fn gets only their assignments. */
enum err plan_get(struct db *db, const struct who *w, int64_t id, struct arena *a,
    struct plan *p, void (*fn)(void *ctx, const struct plan_assignment *x), void *ctx);
/* One page of plans, newest period first (inspectors: theirs). */
enum err plan_list(struct db *db, const struct who *w, int64_t page, int64_t per_page,
    void (*fn)(void *ctx, const struct plan *p), void *ctx, int64_t *total);
/* Active inspector users, for assigning. */
enum err plan_inspectors(struct db *db, void (*fn)(void *ctx, int64_t id, const char *name),
    void *ctx);

/* --- inspections (inspection_store.c) --- */

struct inspection_in {
	int64_t plan_id, org_id, system_id;
	const char *kind, *inspected_on, *note;
	int ninspectors;
	const int64_t *inspectors;	/* NULL: the plan's inspectors of the org, or the caller */
};

struct inspection {
	int64_t id, plan_id, org_id, system_id, revision, revises_id, superseded_by;
	int64_t created_by, created_at, updated_at, submitted_at, confirmed_at, total;
	const char *org_name, *org_path, *kind, *system_name, *inspected_on, *note, *plan_name;
	int64_t system_version;
	enum insp_state state;
	int vetoed;
};

struct inspection_filter {
	int64_t org_id, plan_id;
	const char *state, *kind;
	int current;	/* 1: hide superseded ones */
	int64_t page, per_page;
};

/* Creates a draft, marks the system used (immutable from then on) and
 * writes the audit row, in one transaction. Problems name org_id (not
 * assigned to an inspector, outside the scope, not in the plan), plan_id,
 * system_id (unknown, not published, kind mismatch), kind, inspector_ids. */
enum err inspection_create(struct db *db, const struct who *w, const struct inspection_in *in,
    struct problem *pb, int64_t *id);
/* One inspection in w's scope: admin and district everything, an
 * inspector what lies under their assignments, a secretary or principal
 * confirmed ones in their scope. ERR_NOT_FOUND otherwise. */
enum err inspection_get(struct db *db, const struct who *w, int64_t id, struct arena *a,
    struct inspection *x);
enum err inspection_list(struct db *db, const struct who *w, const struct inspection_filter *f,
    void (*fn)(void *ctx, const struct inspection *x), void *ctx, int64_t *total);
/* The inspectors' ids and names. Call after inspection_get(). */
enum err inspection_inspectors(struct db *db, int64_t id,
    void (*fn)(void *ctx, int64_t uid, const char *name), void *ctx);
/* The saved scores (arena). Call after inspection_get(). */
enum err inspection_scores(struct db *db, int64_t id, struct arena *a, struct insp_score **s,
    int *n);
/* Replaces the scores of a draft, recomputes its total with
 * indicator_score() and writes the audit row. ERR_CONFLICT
 * (invalid_transition) unless a draft; ERR_INVALID naming scores[i].*. */
enum err inspection_put_scores(struct db *db, const struct who *w, int64_t id,
    const struct insp_score *s, int ns, struct problem *pb);
/* What a PATCH of a draft changes; NULL leaves a part unchanged
 * (inspectors NULL: unchanged; non-NULL with ninspectors 0: none). */
struct inspection_edit {
	const char *inspected_on, *note;
	int ninspectors;
	const int64_t *inspectors;
};

/* Changes a draft's date, note or inspectors (each checked: 422 naming
 * the field, nothing changed) with one audit row. */
enum err inspection_patch(struct db *db, const struct who *w, int64_t id,
    const struct inspection_edit *ed, struct problem *pb);
/* submit or confirm: one step with its audit row. ERR_CONFLICT
 * (invalid_transition) from the wrong state, nothing changed. */
enum err inspection_act(struct db *db, const struct who *w, int64_t id, enum insp_action a,
    struct problem *pb);
/* Corrects a confirmed inspection: a new draft (revision + 1, revises_id,
 * the same scores, inspectors and files (attach_copy)) and the old one's
 * superseded_by, audited with reason. */
enum err inspection_revise(struct db *db, const struct who *w, int64_t id, const char *reason,
    struct problem *pb, int64_t *new_id);
/* The sheet's result (total, grade …) from the saved scores. */
enum err inspection_result(struct db *db, const struct inspection *x, struct arena *a,
    struct ind_result *r);

/* The attachment owner of inspections' evidence files (attach.h;
 * inspection_files.c): added and deleted only while a draft. */
extern const struct attach_owner inspection_files;

/* A finding issued from an inspection. */
struct insp_finding {
	int64_t id;
	const char *title, *severity, *state, *deadline, *indicator;
};
struct finding_in;
/* Issues a finding on the inspection's organization through
 * finding_create() (source inspection, source_ref the id), then links it
 * to the indicator with an audit row. indicator NULL: none; unknown →
 * ERR_INVALID "indicator". */
enum err inspection_issue_finding(struct db *db, const struct who *w, int64_t id,
    struct finding_in *in, const char *indicator, struct problem *pb, int64_t *finding_id);
enum err inspection_findings(struct db *db, int64_t id, struct arena *a,
    void (*fn)(void *ctx, const struct insp_finding *f), void *ctx);

/* Whether org_id is visible to w for inspections (an inspector: assigned;
 * admin/district: in scope); fills its name and path. ERR_NOT_FOUND. */
enum err inspection_org(struct db *db, const struct who *w, int64_t org_id, struct arena *a,
    const char **name, const char **path);

/* --- automatic evidence (inspection_evidence.c) --- */

struct insp_evidence_item {
	enum insp_evidence kind;
	const char *label;	/* static */
	char value[64], detail[256];
	const char *level;	/* "ok", "warning", "critical" (static) */
};

/* What the platform knows about org (path) in year as of today: meeting
 * compliance, dues arrears, overdue transfers, open and overdue findings.
 * Reads with a who narrowed to the organization; the caller proved it is
 * visible. out holds EV_N items. */
enum err inspection_evidence(struct db *db, const struct who *w, int64_t org_id,
    const char *path, int year, struct insp_evidence_item *out);

#endif

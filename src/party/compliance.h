/* compliance.h: the compliance engine of organizational life (ORG-10…17)
 * and of terms (ORG-07): pure C over plain structs, no I/O. Given an
 * organization, a period, today and the meetings held per kind and month,
 * it says per requirement what was required, what was held and whether it
 * is done, due, overdue or exempt, with a Chinese message naming the rule.
 * The scoped queries that feed it are in compliance_store.c. */
#ifndef HY_COMPLIANCE_H
#define HY_COMPLIANCE_H

#include <stdint.h>

#include "auth/who.h"
#include "core/err.h"

struct arena;
struct db;

enum compliance_unit { CU_MONTH, CU_QUARTER, CU_YEAR };

/* A calendar period: "2026", "2026-Q3" or "2026-07". */
struct period {
	enum compliance_unit unit;
	int year, num;		/* num: quarter 1..4, month 1..12, 0 for a year */
	int32_t first, last;	/* day numbers, inclusive */
	char text[9];
};

/* Parses s strictly (years 1900..2199); 0 on success, -1 otherwise. */
int period_parse(const char *s, struct period *p);
void period_make(enum compliance_unit u, int year, int num, struct period *p);
/* "2026年", "2026年第3季度", "2026年7月" into out (32 bytes). */
void period_label(const struct period *p, char out[32]);

/* The meeting kinds the engine counts, in the order of the counts array. */
enum compliance_kind {
	CK_BRANCH_ASSEMBLY, CK_COMMITTEE, CK_GROUP, CK_LECTURE, CK_THEME_DAY, CK_ORG_LIFE,
	CK_APPRAISAL, CK_TALK, CK_COUNT
};
/* The meeting.kind text of each (NULL-terminated). */
extern const char *const compliance_kinds[];
/* Index of a meeting.kind, or -1 when the engine does not count it. */
int compliance_kind_index(const char *kind);

/* Meetings held per kind and month (index month - 1) of the period's year. */
struct compliance_counts {
	uint16_t n[CK_COUNT][12];
};

/* The requirements, each a rule of RULES.md. */
enum compliance_req {
	REQ_ORG10, REQ_ORG11, REQ_ORG12, REQ_ORG13, REQ_ORG14, REQ_ORG15, REQ_ORG16, REQ_ORG17,
	REQ_COUNT
};

/* Thresholds (config.h holds them; the rule's value is the default). A
 * frequency of 0 turns the requirement off. */
struct compliance_rules {
	int per[REQ_COUNT];		/* meetings per the rule's unit */
	int committee_min_full;		/* ORG-05: 7 full members → a committee */
	int term_years_committee;	/* ORG-07: 5 (district and party committees) */
	int term_years_branch;		/* ORG-07: 3 (general branches and branches) */
	int term_warn_months;		/* 6: first reminder before expiry */
	int term_urgent_months;		/* 1: second reminder */
};

/* The rules from cfg (core/config.h). */
void compliance_rules_from_config(struct compliance_rules *r);
/* The rules' own values, without configuration (tests). */
void compliance_rules_default(struct compliance_rules *r);

/* The organization as the engine sees it. */
struct compliance_org {
	const char *kind;	/* "branch" or "group"; other kinds have no requirement */
	int32_t founded;	/* COMPLIANCE_NO_DAY when unknown */
	int full_members;	/* active full members (ORG-05) */
};
#define COMPLIANCE_NO_DAY INT32_MIN

/* An explicit waiver (table compliance_exemption): matches the period
 * evaluated, a sub-period of it, or the enclosing period of the rule. */
struct compliance_exemption {
	const char *rule;	/* "ORG-10" */
	const char *period;	/* "2026-Q3" */
	const char *reason;
};

enum compliance_status { CS_DONE, CS_DUE, CS_OVERDUE, CS_EXEMPT };
const char *compliance_status_name(enum compliance_status s);

struct compliance_item {
	enum compliance_req req;
	const char *rule;	/* "ORG-10" (static) */
	const char *kind;	/* meeting kind (static) */
	enum compliance_unit unit;	/* the rule's own period */
	int required, held;
	enum compliance_status status;
	char message[320];
	/* Also when overdue: the sub-periods still open and unmet (a year's
	 * current month), as "2026年8月尚未召开…，期限至…（ORG-14）"; "" if none. */
	char reminder[320];
};

/* Evaluates every requirement that applies to o in period p as of today.
 * Rules with a unit finer than p are evaluated per sub-period that has
 * begun by today (all of them when p lies in the future); rules with a
 * unit as coarse as p or coarser are evaluated over their enclosing period,
 * counting months up to p's end. Fills out (REQ_COUNT slots) and returns
 * the number of items. */
int compliance_evaluate(const struct compliance_rules *r, const struct compliance_org *o,
    const struct period *p, int32_t today, const struct compliance_counts *c,
    const struct compliance_exemption *ex, int nex, struct compliance_item *out);

/* ORG-07: terms. */
enum term_state { TERM_NONE, TERM_OK, TERM_WARN, TERM_URGENT, TERM_OVERDUE };
/* The term of an organization of kind that began on started (years 0:
 * the kind's default): *expires gets the day it ends; the state says
 * whether today is within the warning months or past expiry. TERM_NONE for
 * kinds without a term (groups) or no start. */
enum term_state compliance_term(const struct compliance_rules *r, const char *kind,
    int32_t started, int years, int32_t today, int32_t *expires);
/* day moved by n months (n may be negative), the day clamped to the month. */
int32_t date_add_months(int32_t day, int n);

/* Tallies of items, for roll-ups. */
struct compliance_tally {
	int64_t orgs, orgs_ok;	/* orgs_ok: with no overdue item */
	int64_t done, due, overdue, exempt;
};
void compliance_tally_add(struct compliance_tally *t, const struct compliance_item *it, int n);
/* Done items per thousand of those decided (done or overdue; 1000 when
 * none): an item still due has not failed yet. */
int64_t compliance_tally_permille(const struct compliance_tally *t);

/* --- scoped queries (compliance_store.c) --- */

/* One organization of a board. */
struct compliance_row {
	int64_t id;
	const char *name, *kind, *path, *education_group;
	int64_t school_id;
};

/* Evaluates every branch and group in the subtree of org_id (0: the
 * caller's whole scope), counting meetings with one grouped query. fn gets
 * each organization with its items. ERR_NOT_FOUND when org_id is outside
 * w's scope. */
enum err compliance_board(struct db *db, const struct who *w, int64_t org_id,
    const struct period *p, int32_t today,
    void (*fn)(void *ctx, const struct compliance_row *o, const struct compliance_item *it,
    int n), void *ctx);

/* A roll-up bucket: a child organization of the root or an education group. */
struct compliance_bucket {
	int64_t org_id;		/* 0 for an education group */
	const char *name, *kind;
	struct compliance_tally t;
};

struct compliance_rollup {
	int64_t root_id;
	const char *root_name;
	struct compliance_tally total;
	int nchildren, ngroups;
	struct compliance_bucket *children, *groups;	/* malloc'd; compliance_rollup_release */
	struct arena *children_arena;	/* the buckets' names */
};

/* Roll-up of the subtree of org_id (required) per direct child and per
 * education group (school.education_group). */
enum err compliance_rollup(struct db *db, const struct who *w, int64_t org_id,
    const struct period *p, int32_t today, struct compliance_rollup *out);
void compliance_rollup_release(struct compliance_rollup *r);

/* Tallies of the subtree of org_id (0: w's scope) for np periods of one
 * year, loaded once (the meetings up to the latest period's end: the engine
 * counts only months up to each period's own end) and evaluated per period
 * into out[i] (zeroed here). For a home page's month, quarter and monthly
 * trend at the cost of one board. ERR_NOT_FOUND when org_id is outside w's
 * scope; ERR_INVALID when the periods span years. */
enum err compliance_tallies(struct db *db, const struct who *w, int64_t org_id,
    const struct period *p, int np, int32_t today, struct compliance_tally *out);

#endif

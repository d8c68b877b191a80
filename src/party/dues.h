/* dues.h: party dues (RULES.md DUES-*): the pure rules — the monthly amount
 * for a category and base, month keys, the back-payment window, reductions —
 * and the scoped operations on settings, payments and the monthly ledger.
 *
 * What a member owes for a month (the definition the alert centre uses too):
 * take the member's dues_setting row with the greatest from_month not after
 * the month (month keys are integers YYYYMM); the amount owed is
 * COALESCE(reduced_fen, monthly_fen). No such row: nothing is owed. A month
 * is paid when dues_payment has a row for (member_id, month_key); unpaid
 * months are those owed (> 0) without such a row. Consecutive unpaid months
 * up to a month M are counted from the later of the first setting's
 * from_month and the month after the last paid month not after M. */
#ifndef HY_DUES_H
#define HY_DUES_H

#include <stdint.h>

#include "auth/who.h"
#include "core/arena.h"
#include "core/config.h"
#include "db/db.h"

/* in_service, retired, student, unemployed, relief, farmer. */
extern const char *const dues_categories[];
/* cash, transfer, wechat, alipay, other. */
extern const char *const dues_methods[];

/* Pure (DUES-02/04/05, DUES-12): the monthly dues in fen for a category and
 * a monthly base in fen (ignored by the flat categories), HALF_UP to fen on
 * the whole base. *rule gets "DUES-02", "DUES-04" or "DUES-05" (static),
 * *rate_bp the rate in 1/10000 (0 for flat amounts). ERR_INVALID naming
 * "category" or "base_fen" (negative, over c->base_max_fen, or 0 for a
 * salaried or retired member). */
enum err dues_monthly(const struct dues_cfg *c, const char *category, int64_t base_fen,
    int64_t *fen, const char **rule, int64_t *rate_bp, struct problem *pb);

/* The default dues category for a member's category: in_service and retired
 * map to themselves; "other" (students, the unemployed, farmers… not told
 * apart in the member record) maps to "unemployed", the flat 0.2 yuan of
 * DUES-05, until a writer sets the precise category. */
const char *dues_category_for_member(const char *member_category);

/* Month keys YYYYMM. Strict "YYYY-MM" (years 1900..2199): 0 or -1. */
int dues_month_parse(const char *s, int32_t *key);
/* Writes "YYYY-MM" (8 bytes). */
void dues_month_format(int32_t key, char out[8]);
/* key plus n months (n may be negative). */
int32_t dues_month_add(int32_t key, int n);
/* Months from a to b (b - a). */
int dues_month_diff(int32_t a, int32_t b);

/* Pure (DUES-08): a payment for month when the current month is now: not in
 * the future, and at most c->backpay_months before now. Names field. */
enum err dues_check_month(const struct dues_cfg *c, int32_t month, int32_t now,
    const char *field, struct problem *pb);

/* Pure (DUES-06): a reduction or waiver (reduced_fen 0) is at most the
 * computed amount and needs the approval of the higher party committee
 * recorded (non-blank approval: who approved, document number). Names
 * "reduced_fen" or "approval". */
enum err dues_check_reduction(int64_t reduced_fen, int64_t monthly_fen, const char *approval,
    struct problem *pb);

/* Pure (DUES-07): the month a new setting applies from. An explicit from
 * always wins (a mid-year recalculation). Without one: with c->annual, the
 * January after now (the amount stays fixed for the year); else now. */
int32_t dues_effective_from(const struct dues_cfg *c, int32_t now, int has_from, int32_t from);

/* Pure (DUES-09): consecutive unpaid months up to month, by the definition
 * at the top of this file: first_from is the member's first setting month,
 * last_paid the last paid month not after month (0: none), due what is
 * owed for month (0, or no setting: none). */
int64_t dues_arrears(int32_t month, int has_setting, int32_t first_from, int32_t last_paid,
    int64_t due);

/* Pure (DUES-09): 0 none, 1 warning (>= warn_months), 2 flag (>= flag_months). */
int dues_arrears_level(const struct dues_cfg *c, int64_t months);

/* A member's setting from a month on. */
struct dues_setting {
	const char *category;
	int64_t base_fen, monthly_fen, reduced_fen;	/* reduced_fen < 0: none */
	int32_t from_month;
	const char *rule, *approval;
	int64_t created_at;
};

/* One month of a member's dues. */
struct dues_month {
	int32_t month;
	int has_setting;
	int64_t due_fen;
	int paid;
	int64_t amount_fen, extra_fen;
	const char *paid_on, *method;
};

#define DUES_STATUS_MONTHS 12

/* A member's dues as the caller may see them (a member: only their own). */
struct dues_member {
	int64_t member_id;
	const char *name, *member_category, *org_path;
	int nhist;
	struct dues_setting *hist;	/* newest first (arena) */
	struct dues_month months[DUES_STATUS_MONTHS];	/* oldest first, up to now */
	int64_t arrears_months;
	int may_edit;
};

/* Loads settings and the last 12 months up to the current month.
 * ERR_NOT_FOUND outside w's scope (a member: anyone but themselves). */
enum err dues_member_get(struct db *db, const struct who *w, int64_t member_id,
    struct arena *a, struct dues_member *out);

/* PUT input; has_from 0 lets DUES-07 choose; reduced_fen < 0: none. */
struct dues_setting_in {
	const char *category, *approval;
	int64_t base_fen, reduced_fen;
	int has_from;
	int32_t from_month;
};

/* Computes and saves a setting (replacing one from the same month) with
 * its audit row. ERR_INVALID naming fields, ERR_NOT_FOUND outside scope,
 * ERR_FORBIDDEN for readers who may not write. */
enum err dues_setting_put(struct db *db, const struct who *w, int64_t member_id,
    const struct dues_setting_in *in, struct problem *pb);

struct dues_payment_in {
	int64_t member_id, amount_fen, extra_fen;
	int32_t month;
	const char *paid_on, *method;
	/* out */
	int64_t id;
	int central;	/* DUES-10: extra_fen >= central_fen */
};

/* Records every payment or none, in one transaction with one audit row.
 * Problems name "items[i].<field>": member unknown, out of scope or not
 * active, month outside DUES-08, amount not what is owed, paid_on in the
 * future. A month already paid: ERR_CONFLICT naming items[i].month. */
enum err dues_pay(struct db *db, const struct who *w, struct dues_payment_in *items, int n,
    struct problem *pb);

/* The payment a reversal moved out of the ledger (migration 0028). */
struct dues_reversal {
	int64_t id, member_id;
	int32_t month;
	int64_t amount_fen, extra_fen;
	const char *paid_on, *method;	/* arena */
};

/* Reverses payment id, recorded by mistake: moves it to
 * dues_payment_reversed with reason and who did it, in one transaction
 * with its audit row, so the ledger, totals and arrears no longer count it
 * and the month may be recorded again. Scoped like dues_pay (a payment of
 * a member w may edit). ERR_NOT_FOUND: no such payment in scope;
 * ERR_CONFLICT: it was already reversed; ERR_INVALID: reason blank. */
enum err dues_reverse(struct db *db, const struct who *w, int64_t id, const char *reason,
    struct arena *a, struct dues_reversal *out, struct problem *pb);

/* One member's line of the monthly ledger. */
struct dues_line {
	int64_t member_id, org_id;
	const char *name;
	int has_setting;
	int64_t due_fen, paid_fen, extra_fen, arrears_months;
	const char *paid_on, *method, *recorded_by;	/* NULL when unpaid */
	int64_t payment_id;	/* 0 when unpaid */
};

struct dues_totals {
	int64_t members, due_fen, paid_fen, extra_fen, unpaid_fen;
	int64_t arrears_members, warnings, flags;
};

/* The ledger of active members under org_id for month, one page in name
 * order through fn, with totals over the whole subtree. ERR_NOT_FOUND if
 * org_id is outside w's scope. */
enum err dues_ledger(struct db *db, const struct who *w, int64_t org_id, int32_t month,
    int64_t page, int64_t per_page, void (*fn)(void *ctx, const struct dues_line *l),
    void *ctx, struct dues_totals *t);

/* The totals of dues_ledger() alone, without its lines or a summary's
 * split by child (the home page, issue 12): the subtree of org_id, or with
 * org_id 0 every organization (district-wide roles only). ERR_NOT_FOUND if
 * org_id is outside w's scope or 0 for a scoped caller. */
enum err dues_totals_get(struct db *db, const struct who *w, int64_t org_id, int32_t month,
    struct dues_totals *t);

/* A child organization's share of a summary. */
struct dues_part {
	int64_t org_id;
	const char *org_name, *kind, *path;
	struct dues_totals t;
};

/* The month's dues under an organization, split by its children. */
struct dues_summary {
	int64_t org_id, parent_id;	/* parent_id 0: the top */
	const char *org_name, *org_kind;
	struct dues_totals all;		/* the whole subtree, as the ledger's totals */
	struct dues_totals own;		/* members of the organization itself */
	int nparts;
	struct dues_part *parts;	/* every child in path order, zeros included */
};

/* Fills out for org_id (0: the caller's first organization; for
 * district-wide roles the top organization, or with several (a city) all
 * of them as the parts, out->org_id 0) and month with one grouped query
 * over the ledger's lines (none per child); strings and parts live in a. ERR_NOT_FOUND if org_id is outside
 * w's scope. */
enum err dues_summary(struct db *db, const struct who *w, int64_t org_id, int32_t month,
    struct arena *a, struct dues_summary *out);

#endif

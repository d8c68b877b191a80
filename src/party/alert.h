/* alert.h: the alert centre (预警): every computed alert in the caller's
 * scope, each with its rule, severity, a Chinese message and the console
 * path where it is fixed. Kinds: meeting_overdue and meeting_missing (the
 * compliance engine, current year), quorum (ORG-11), term_overdue and
 * term_expiring (ORG-07), transfer_overdue (XFER-03), dues_arrears
 * (DUES-09), birthday (political birthdays this month, a reminder) and
 * checkin (meetings a member can still sign in to, a reminder),
 * pipeline_overdue and pipeline_due (membership development steps past
 * or within cfg.dev.alert_days of their due day, DEV-*) and brand_overdue
 * (brand projects past their build cycle, CL-03), training_below_min
 * (in October–December, trainees of the year below the yearly minimum
 * of training hours, CUL-03). A member
 * user sees only their own dues, birthday and sign-in reminders. */
#ifndef HY_ALERT_H
#define HY_ALERT_H

#include <stdint.h>

#include "auth/who.h"
#include "core/err.h"

struct db;

enum alert_severity { SEV_INFO, SEV_WARNING, SEV_CRITICAL };

extern const char *const alert_kinds[];		/* NULL-terminated, in list order */
extern const char *const alert_severities[];	/* "info", "warning", "critical", NULL */

struct alert {
	const char *kind;
	enum alert_severity severity;
	const char *rule;	/* NULL for a reminder without a rule */
	int64_t org_id, member_id;	/* member_id 0: none */
	const char *org_name;
	char message[360];
	char link[96];
};

/* DUES-09 (pure): the severity of unpaid months (in total, and in a row up
 * to last month), or -1 when below the warning threshold. */
int alert_dues_severity(int64_t unpaid, int64_t in_a_row, int warn, int critical);

struct alert_filter {
	int64_t org_id;			/* 0: the caller's scope */
	const char *kind, *severity;	/* NULL: any */
	int by_kind;			/* 1: kind order only, not severity first */
	int64_t page, per_page;
};

/* One page of alerts as of today through fn (the alert is borrowed for the
 * call); *total counts every match. The most severe come first (critical,
 * warning, info), each severity in alert_kinds order; with by_kind or a
 * severity filter, alert_kinds order alone. SQL pages the long kinds (dues,
 * birthdays). ERR_NOT_FOUND when org_id is outside w's scope. */
enum err alert_list(struct db *db, const struct who *w, const struct alert_filter *f,
    int32_t today, void (*fn)(void *ctx, const struct alert *a), void *ctx, int64_t *total);
/* The same, with by_sev[SEV_*] the matches of each severity: every one
 * in the default order; the filtered one's with a severity filter (the
 * others -1); all -1 with by_kind. */
enum err alert_list_counted(struct db *db, const struct who *w, const struct alert_filter *f,
    int32_t today, void (*fn)(void *ctx, const struct alert *a), void *ctx, int64_t *total,
    int64_t by_sev[3]);

#endif

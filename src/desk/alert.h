/* alert.h: the alert centre (预警): every alert of the registered areas'
 * sources (desk.h, desk/registry.c) in the caller's scope, each with its
 * rule, severity, a Chinese message and the console path where it is
 * fixed. Kinds and their order come from the registry: today meetings,
 * terms, quorum, transfers, dues arrears, birthdays and sign-in reminders
 * (party), development steps (develop), brand projects (create), training
 * hours (cultivate), overdue findings (supervise). A member user sees only
 * their own dues, birthday and sign-in reminders. */
#ifndef HY_ALERT_H
#define HY_ALERT_H

#include <stdint.h>

#include "auth/who.h"
#include "core/err.h"
#include "desk/desk.h"

struct db;

/* Every registered kind in list order, NULL-terminated (static). */
const char *const *alert_kinds(void);
extern const char *const alert_severities[];	/* "info", "warning", "critical", NULL */

/* One page of alerts as of today through fn (the alert is borrowed for the
 * call); *total counts every match. The most severe come first (critical,
 * warning, info), each severity in kind order; with by_kind or a severity
 * filter, kind order alone. SQL sources page in SQL. ERR_NOT_FOUND when
 * org_id is outside w's scope. */
enum err alert_list(struct db *db, const struct who *w, const struct alert_filter *f,
    int32_t today, void (*fn)(void *ctx, const struct alert *a), void *ctx, int64_t *total);
/* The same, with by_sev[SEV_*] the matches of each severity: every one
 * in the default order; the filtered one's with a severity filter (the
 * others -1); all -1 with by_kind. */
enum err alert_list_counted(struct db *db, const struct who *w, const struct alert_filter *f,
    int32_t today, void (*fn)(void *ctx, const struct alert *a), void *ctx, int64_t *total,
    int64_t by_sev[3]);

#endif

/* exemption.h: explicit waivers of a compliance requirement (issue 3): an
 * organization, a rule (ORG-10…17), a period ("2026", "2026-Q3",
 * "2026-07") and the reason, granted by district staff and read by the
 * compliance engine (compliance.h, struct compliance_exemption). Scoped;
 * every write is one transaction with its audit row. */
#ifndef HY_EXEMPTION_H
#define HY_EXEMPTION_H

#include <stdint.h>

#include "auth/who.h"
#include "db/db.h"

struct exemption {
	int64_t id, org_id, created_at;
	const char *org_name, *rule, *period, *reason;	/* borrowed for the callback */
};

struct exemption_in {
	int64_t org_id;
	const char *rule, *period, *reason;
};

/* Pure: whether rule names a requirement the engine checks (ORG-10…17). */
int exemption_rule_ok(const char *rule);

/* ERR_INVALID naming the field; ERR_CONFLICT when the same organization,
 * rule and period is already waived. */
enum err exemption_create(struct db *db, const struct who *w, const struct exemption_in *in,
    struct problem *pb, int64_t *id);
/* ERR_NOT_FOUND when unknown or outside w's scope. */
enum err exemption_delete(struct db *db, const struct who *w, int64_t id);
/* The waivers of org_id's subtree (0: the scope), newest first, one page. */
enum err exemption_list(struct db *db, const struct who *w, int64_t org_id, int64_t page,
    int64_t per_page, void (*fn)(void *ctx, const struct exemption *x), void *ctx,
    int64_t *total);

#endif

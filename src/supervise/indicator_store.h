/* indicator_store.h: the SQL of indicator systems. Systems are district
 * templates, not data of one organization: every staff role reads them;
 * writes (admin, district) are one transaction with an audit row. */
#ifndef HY_INDICATOR_STORE_H
#define HY_INDICATOR_STORE_H

#include "auth/who.h"
#include "core/arena.h"
#include "db/db.h"
#include "supervise/indicator.h"

struct ind_default;

struct ind_system {
	int64_t id, year, version, used, from_id, created_at, updated_at, count;
	const char *code, *name, *kind, *status;
	const char *stage;	/* principal_tenure: indicator_stages[]; NULL otherwise */
};

/* The fields of a create or patch; NULL/0 means "not given". A stage is
 * only for the kind principal_tenure (ERR_INVALID naming "stage"). */
struct ind_system_in {
	const char *code, *name, *kind, *status;
	int64_t year, from_id;
	const char *stage;
};

/* Lists systems (kind, stage, year filters optional), newest first. */
enum err store_indsys_list(struct db *db, const char *kind, const char *stage, int64_t year,
    int64_t page,
    int64_t per_page, void (*fn)(void *ctx, const struct ind_system *s), void *ctx,
    int64_t *total);
/* One system (strings in a). ERR_NOT_FOUND. */
enum err store_indsys_get(struct db *db, int64_t id, struct arena *a, struct ind_system *s);
/* Creates a draft: empty, or a copy of in->from_id's tree as the next
 * version of its code. ERR_INVALID naming the field. */
enum err store_indsys_create(struct db *db, const struct who *w, const struct ind_system_in *in,
    struct problem *pb, int64_t *id);
/* Changes name/year of a draft, or publishes it (status "published").
 * ERR_CONFLICT when published or used. */
enum err store_indsys_patch(struct db *db, const struct who *w, int64_t id,
    const struct ind_system_in *in, struct problem *pb);
/* The tree in tree order (arena). */
enum err store_ind_tree(struct db *db, int64_t id, struct arena *a, struct indicator **v, int *n);
/* Replaces a draft's tree after indicator_tree_check. ERR_CONFLICT when
 * published or used; ERR_INVALID naming the field. */
enum err store_ind_replace(struct db *db, const struct who *w, int64_t id,
    const struct indicator *v, int n, struct problem *pb);
/* Creates a draft from an imported tree (checked by the caller) in one
 * transaction with its audit row ("import"): the next version of in->code.
 * When the code exists, kind and name default to its latest version's and
 * a different kind is refused. ERR_INVALID naming code, name, kind or year. */
enum err store_indsys_import(struct db *db, const struct who *w, const struct ind_system_in *in,
    const struct indicator *v, int n, struct problem *pb, int64_t *id);
/* The latest published system of kind for stage (e.g. the term-end
 * sheet for a school: principal_tenure and sheet_stage_of_school()):
 * highest year, then version. ERR_NOT_FOUND when there is none. */
enum err store_indsys_current(struct db *db, const char *kind, const char *stage, int64_t *id);
/* Installs a shipped system as published unless its code exists. */
enum err store_indicator_install(struct db *db, const struct ind_default *d, int year,
    const struct indicator *v, int n);

#endif

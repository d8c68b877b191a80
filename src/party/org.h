/* org.h: party organizations as a tree (district committee → party
 * committee → general branch → branch → group), the nesting rules, and the
 * scoped operations on them. Members belong to branches. Paths and depths
 * are kept by these operations (migration 0001 explains path). */
#ifndef HY_ORG_H
#define HY_ORG_H

#include <stdint.h>

#include "auth/who.h"
#include "core/arena.h"
#include "db/db.h"

extern const char *const org_kinds[];

struct org {
	int64_t id, parent_id, school_id;
	const char *name, *kind, *basis, *founded_on, *term_started_on, *path, *school_name;
	int64_t term_years;	/* 0: not set */
	int64_t depth, member_count, created_at, updated_at;
};

/* Fields: NULL/0 = not given. The *_null flags clear a nullable field. */
struct org_in {
	const char *name, *kind, *basis, *founded_on, *term_started_on;
	int64_t parent_id, school_id, term_years;
	int school_null, founded_null, term_started_null, term_years_null;
};

/* Pure nesting rule: may an organization of kind sit under one of
 * parent_kind (NULL for the root)? */
int org_nesting_ok(const char *parent_kind, const char *kind);
const char *org_kind_label(const char *kind);

enum err org_create(struct db *db, const struct who *w, const struct org_in *in,
    struct problem *pb, int64_t *id);
/* org_create() inside the caller's transaction (a roster import creating
 * the branches its paths name, issue 16). */
enum err org_create_in(struct db *db, const struct who *w, const struct org_in *in,
    struct problem *pb, int64_t *id);
enum err org_update(struct db *db, const struct who *w, int64_t id, const struct org_in *in,
    struct problem *pb);
enum err org_move(struct db *db, const struct who *w, int64_t id, int64_t parent_id,
    struct problem *pb);
enum err org_delete(struct db *db, const struct who *w, int64_t id, struct problem *pb);
/* ERR_NOT_FOUND when unknown or outside w's scope. */
enum err org_get(struct db *db, const struct who *w, int64_t id, struct arena *a, struct org *o);
/* Every organization in w's scope in tree order. */
enum err org_list(struct db *db, const struct who *w, void (*fn)(void *ctx, const struct org *o),
    void *ctx, int64_t *n);
char *org_json(const struct org *o, struct arena *a);

#endif

/* school.h: schools, the units party organizations belong to. A school is
 * visible to a caller when one of its organizations lies in their scope;
 * administrators and district staff see all and alone may write. */
#ifndef HY_SCHOOL_H
#define HY_SCHOOL_H

#include <stdint.h>

#include "auth/who.h"
#include "core/arena.h"
#include "db/db.h"

extern const char *const school_stages[];
extern const char *const school_ownerships[];

struct school {
	int64_t id;
	const char *name, *stage, *ownership, *education_group;
	int64_t created_at, updated_at;
};

/* Fields left NULL are unchanged on update. */
struct school_in {
	const char *name, *stage, *ownership, *education_group;
};

enum err school_create(struct db *db, const struct who *w, const struct school_in *in,
    struct problem *pb, int64_t *id);
enum err school_update(struct db *db, const struct who *w, int64_t id, const struct school_in *in,
    struct problem *pb);
/* ERR_NOT_FOUND when unknown or outside w's scope. */
enum err school_get(struct db *db, const struct who *w, int64_t id, struct arena *a,
    struct school *s);

struct school_filter {
	const char *q;	/* a LIKE pattern (listq_like) */
	const char *stage, *ownership, *education_group;
	const char *sort_col;
	int desc;
	int64_t page, per_page;
};

/* Calls fn for each school of the page, in order; *total counts all matches. */
enum err school_list(struct db *db, const struct who *w, const struct school_filter *f,
    void (*fn)(void *ctx, const struct school *s), void *ctx, int64_t *total);

/* The school as JSON text (arena), for replies and audit rows. */
char *school_json(const struct school *s, struct arena *a);

#endif

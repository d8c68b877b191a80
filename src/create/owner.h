/* owner.h: the school that owns a dual-creation record (issue 6), and who
 * may write for it. A school's records copy the path of its top
 * organization (org_path), so scope is one range on that column. */
#ifndef HY_OWNER_H
#define HY_OWNER_H

#include <stdint.h>

#include "auth/who.h"
#include "db/db.h"

#define OWNER_PATH_MAX 256
#define OWNER_SUPERVISORS (ROLE_DISTRICT)
#define OWNER_WRITERS (ROLE_DISTRICT | ROLE_SECRETARY | ROLE_PRINCIPAL)

/* The top organization path of school_id into path. ERR_NOT_FOUND when
 * the school is unknown, has no organization, or lies outside w's scope. */
enum err owner_school_path(struct db *db, const struct who *w, int64_t school_id,
    char path[OWNER_PATH_MAX]);
/* The school of the caller's first scope root, or 0 (admin, district, or
 * a scope above schools). */
int64_t owner_default_school(struct db *db, const struct who *w);
struct buf;
struct jw;
/* Runs sql (one scoped row, args bound) and writes it as an object: its
 * columns through row(), then detail(db, id, jw) inside the same object
 * (detail may be NULL). Consumes sql. ERR_NOT_FOUND when no row. */
enum err owner_write_one(struct db *db, struct buf *sql, const struct db_args *args, int64_t id,
    void (*row)(struct db_rows *r, struct jw *jw),
    enum err (*detail)(struct db *db, int64_t id, struct jw *jw), struct jw *jw);
/* Pure. Whether role may write the records of a school in its scope. */
int owner_may_write(enum role r);

#endif

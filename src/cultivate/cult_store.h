/* cult_store.h: SQL helpers the cultivation stores share: scope checks of
 * a row or a member, today's date and the audit row of a write. Every
 * function runs inside the caller's transaction when there is one. */
#ifndef HY_CULT_STORE_H
#define HY_CULT_STORE_H

#include <stdint.h>

#include "auth/who.h"
#include "db/db.h"

struct buf;
struct jw;

/* A member as the registers need it (strings valid until the next call
 * on the same struct; they are copied into its buffers). */
struct cult_member {
	int64_t id, org_id;
	char name[128], status[16], org_path[256];
	int backbone, dual_leader;
};

/* Whether row id of table (a static table name with an org_path column)
 * lies in w's scope: ERR_OK, ERR_NOT_FOUND otherwise. path (may be NULL)
 * gets the row's org_path (256 bytes). */
enum err cult_row_scoped(struct db *db, const struct who *w, const char *table, int64_t id,
    char *path);
/* The active member id in w's scope: ERR_NOT_FOUND when unknown, not
 * active or out of scope. */
enum err cult_member_get(struct db *db, const struct who *w, int64_t id, struct cult_member *m);
/* Appends w's scope over col to sql (see scope_sql()); up holds bounds. */
void cult_scope(struct buf *sql, struct db_args *a, const struct who *w, const char *col,
    char (*up)[256]);
/* Runs select (a "SELECT … WHERE <id column> = ?" without the scope) for
 * id within w's scope over path_col, opens an object on j and writes the
 * row's fields by keys/fmt (cult_rows_json). The caller adds keys and
 * closes the object. ERR_NOT_FOUND (nothing written) when out of scope. */
enum err cult_get_object(struct db *db, const struct who *w, const char *select,
    const char *path_col, int64_t id, const char *const *keys, const char *fmt, struct jw *j);
/* Writes key: [the rows of sql (one ? bound to id) as objects by keys/fmt]
 * into the object open on j. */
enum err cult_children_json(struct db *db, int64_t id, const char *key, const char *sql,
    const char *const *keys, const char *fmt, struct jw *j);
/* The first day of year and of the next as YYYY-MM-DD: [from, to). */
void cult_year_range(int year, char from[11], char to[11]);
/* Today as YYYY-MM-DD. */
void cult_today(char out[11]);
/* An audit row whose after-JSON is {"<key>": value} (value may be NULL). */
enum err cult_audit(struct db *db, const struct who *w, const char *action, const char *entity,
    int64_t id, const char *key, const char *value);
/* Whether w may write registers of the organization at path: admin and
 * district anywhere, a secretary in their scope. */
int cult_may_write(const struct who *w, const char *path);

#endif

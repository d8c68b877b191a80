/* inspection_scope.h: who sees which inspections, shared by the stores of
 * plans, inspections and evidence (not a public surface of the area). An
 * inspector sees the organizations (and their subtrees) assigned to them
 * by plans, whatever their user scope; admin and district see everything
 * in scope; a secretary or principal sees confirmed inspections in scope. */
#ifndef HY_INSPECTION_SCOPE_H
#define HY_INSPECTION_SCOPE_H

#include "auth/scope.h"
#include "auth/who.h"
#include "core/buf.h"
#include "db/db.h"

/* Appends " AND <path col> is visible to w" (and, for readers, " AND
 * <state col> = 'confirmed'" when state_col is not NULL). */
void insp_scope_sql(struct buf *sql, struct db_args *a, const struct who *w, const char *col,
    const char *state_col, char (*up)[256]);
/* A copy of w that sees exactly the subtree at path (for calling other
 * areas' scoped functions once the caller proved path is visible). */
void insp_narrow(const struct who *w, const char **path, int64_t *org_id, struct who *out);
/* Whether uid is an active inspector user. */
int insp_is_inspector(struct db *db, int64_t uid);
/* A small JSON object text from pairs of key and value (values NULL-safe;
 * a value starting with '#' is written as a number), in a. */
struct arena;
const char *insp_json(struct arena *a, const char *const *kv, int n);

#endif

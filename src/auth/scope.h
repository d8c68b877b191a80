/* scope.h: who may see what, in one place. A scope is a set of
 * organization subtrees, each the path range [path, path_upper(path)) of
 * org.path (see migration 0001). Stores append scope_sql() to every query
 * for domain data; there is no unscoped query function. */
#ifndef HY_SCOPE_H
#define HY_SCOPE_H

#include "auth/who.h"
#include "core/buf.h"
#include "db/db.h"

/* A user has at most this many scope roots (users API validates it). */
#define SCOPE_MAX 16

/* The path just past every descendant of path: its final '/' becomes '0'.
 * out must hold strlen(path) + 1 bytes. */
void scope_path_upper(const char *path, char *out);
/* Appends " AND (<col> in one of w's subtrees)" with its parameters; adds
 * nothing for a caller who sees everything and " AND 1=0" for an empty
 * scope. Upper bounds are written into arena-free storage inside a. */
void scope_sql(struct buf *sql, struct db_args *a, const struct who *w, const char *path_col,
    char (*uppers)[256]);
/* Appends " AND (member org path under path)" for member.org_path in col:
 * an equality on the path's prefix when the subtree is rooted at depth 0
 * or 1 (indexed with name order, migration 0002), else the range. up holds
 * the range's upper bound. */
void scope_member_subtree_sql(struct buf *sql, struct db_args *a, const char *col,
    const char *path, char up[256]);
/* Like scope_sql() for member.org_path, using scope_member_subtree_sql()
 * when w has a single scope root. */
void scope_member_sql(struct buf *sql, struct db_args *a, const struct who *w, const char *col,
    char (*uppers)[256]);
/* Whether an org path lies in w's scope. */
int scope_contains(const struct who *w, const char *path);
/* Whether path lies strictly below one of w's scope roots (a secretary
 * edits only below their top organization). */
int scope_contains_below(const struct who *w, const char *path);
/* An org path for an id chain, "/0000000001/.../": writes into out (the
 * parent's path plus this id). */
void scope_child_path(const char *parent_path, int64_t id, char *out, size_t outlen);

#endif

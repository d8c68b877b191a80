/* todo.h: the to-do list (待办): everything waiting for the caller, from
 * every registered area's to-do sources (desk.h), merged in SQL (UNION
 * ALL), ordered by due date (overdue first, undated last) and paged in
 * SQL. An item leaves the list when its work is done (its source's state
 * changes), never because it was read. */
#ifndef HY_TODO_H
#define HY_TODO_H

#include <stdint.h>

#include "auth/who.h"
#include "core/err.h"
#include "desk/desk.h"

struct db;

/* One page of the caller's to-dos as of today through fn (the item is
 * borrowed for the call); *total counts every item. kind: NULL, or only
 * that kind (the caller validated it against todo_kinds()). */
enum err todo_list(struct db *db, const struct who *w, int32_t today, const char *kind,
    int64_t page, int64_t per_page, void (*fn)(void *ctx, const struct todo *t), void *ctx,
    int64_t *total);

/* The counts of the caller's to-dos by kind (only kinds with items), with
 * how many are overdue, through fn; the label is the kind's Chinese name. */
enum err todo_counts(struct db *db, const struct who *w, int32_t today,
    void (*fn)(void *ctx, const char *kind, const char *label, int64_t n, int64_t overdue),
    void *ctx);

/* Every registered to-do kind, NULL-terminated (static). */
const char *const *todo_kinds(void);

#endif

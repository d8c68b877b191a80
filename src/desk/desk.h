/* desk.h: what an area contributes to the shared desk, and how.
 *
 * Two lists are made of every area's items without knowing the areas:
 * the alert centre (预警, the district's rule monitoring: desk/alert.h)
 * and the to-do list (待办, who must act: desk/todo.h). An area describes
 * its items as sources in one const struct desk_area; desk/registry.c
 * lists the areas, one line each, as http/router.c lists route tables.
 * A new platform adds its file of sources and its line there, and edits
 * no other area's files.
 *
 * Alert sources are walked in registry order, each area's in its own
 * order; that order is the alert centre's kind order. To-do sources are
 * merged by SQL (UNION ALL) into one list ordered by due date. */
#ifndef HY_DESK_H
#define HY_DESK_H

#include <stdint.h>

#include "auth/scope.h"
#include "auth/who.h"
#include "core/buf.h"
#include "core/err.h"
#include "db/db.h"

struct arena;
struct db_rows;

enum alert_severity { SEV_INFO, SEV_WARNING, SEV_CRITICAL };

/* One alert. Strings may borrow from the row being read or from the
 * query's arena; the alert lives for one call of the list's callback. */
struct alert {
	const char *kind;
	enum alert_severity severity;
	const char *rule;	/* NULL for a reminder without a rule */
	int64_t org_id, member_id;	/* member_id 0: none */
	const char *org_name;
	char message[360];
	char link[96];
};

struct alert_filter {
	int64_t org_id;			/* 0: the caller's scope */
	const char *kind, *severity;	/* NULL: any */
	int by_kind;			/* 1: kind order only, not severity first */
	int64_t page, per_page;
};

/* What every alert source is asked with. */
struct alert_q {
	struct db *db;
	const struct who *w;
	const struct alert_filter *f;
	struct arena *arena;	/* for strings a source binds (freed after the list) */
	int32_t today;
	char today_s[11];
	char lo[256], hi[256];	/* the filter org's subtree; "" when the scope decides */
	int sev;		/* the severity being walked; -1: any */
	int member;		/* a member user: own reminders only */
};

/* Appends " AND col in the filter's subtree and the caller's scope" with
 * its parameters; up holds SCOPE_MAX upper bounds (see scope_sql). */
void alert_where_path(const struct alert_q *q, const char *col, struct buf *sql,
    struct db_args *a, char (*up)[256]);
/* Whether alerts of severity s are wanted in this pass. */
int alert_sev_ok(const struct alert_q *q, enum alert_severity s);
/* A day as "YYYY-MM-DD" in q's arena, for binding. */
const char *alert_day(const struct alert_q *q, int32_t day);

/* A computed kind's alerts, kept whole for counting and slicing. */
struct alert_bin {
	struct alert *v;
	int n, cap;
};
/* A zeroed alert appended to b. */
struct alert *alert_bin_push(struct alert_bin *b);

/* An alert source: either SQL (from/cols/order/row: counted, then paged
 * in SQL; one kind) or computed in C (compute: fills one bin per name in
 * kinds, made once per list, for kinds whose logic is not SQL, e.g. the
 * compliance engine). A SQL source whose kind is not wanted at q->sev
 * writes " AND 1=0". */
#define ALERT_KINDS_MAX 2
struct alert_source {
	const char *kinds[ALERT_KINDS_MAX];	/* the SQL kind, or the computed kinds */
	/* SQL: "FROM … WHERE …" (no ORDER BY) and its parameters; up holds
	 * 2 * SCOPE_MAX upper bounds. row() fills an alert whose strings
	 * borrow from the row. */
	void (*from)(const struct alert_q *q, struct buf *sql, struct db_args *a, char (*up)[256]);
	const char *cols, *order;
	void (*row)(const struct alert_q *q, struct db_rows *r, struct alert *al);
	/* Computed: bins[i] receives kinds[i]; only called when one is wanted. */
	enum err (*compute)(const struct alert_q *q, struct alert_bin *bins);
};

/* --- to-do (待办) --- */

/* What every to-do source is asked with: the caller (w) and today. A to-do
 * is for the person who must act, so sources filter by w->role and scope
 * themselves (a member's to-do is theirs only). */
struct todo_q {
	struct db *db;
	const struct who *w;
	struct arena *arena;
	int32_t today;
	char today_s[11];
	char month_end_s[11];	/* the last day of today's month */
};

/* The columns every to-do source selects, in this order:
 *   kind    TEXT    the source's kind
 *   ref_id  INTEGER the record acted on (finding id, applicant id …)
 *   org_id  INTEGER the organization it concerns (0: none)
 *   place   TEXT    where: the organization's name (or a school's)
 *   due     TEXT    "YYYY-MM-DD" or NULL
 *   subject TEXT    the thing's own name (a finding's title …) or ''
 *   n       INTEGER a count where the item stands for several, else 0 */
#define TODO_COLS "kind, ref_id, org_id, place, due, subject, n"

/* One to-do as listed: what to do, where, by when, and the console path
 * that does it. Strings borrow from the row or the arena. */
struct todo {
	const char *kind;
	int64_t ref_id, org_id, n;
	const char *place, *due, *subject;
	int overdue;
	char what[320];
	char link[128];
};

/* A to-do source. select() appends "SELECT <TODO_COLS> FROM … WHERE …"
 * (each column named as in TODO_COLS with AS; no ORDER BY, no trailing
 * ';') for q's caller, or appends nothing and returns 0 when the caller
 * has none of these (a role that never acts on them); 1 when it wrote a
 * SELECT. The kind column is the literal of kind. up holds 2 * SCOPE_MAX
 * upper bounds for scope_sql(). describe() writes
 * what and link from the row's columns. For work computed in C (the
 * compliance engine), compute() instead fills rows that the desk binds as
 * parameters (at most TODO_COMPUTED_MAX: 7 binds a row, sharing
 * DB_ARGS_MAX with every source's scope binds). */
#define TODO_COMPUTED_MAX 24
struct todo_row {
	int64_t ref_id, org_id, n;
	const char *place, *due, *subject;	/* in q->arena */
};
struct todo_source {
	const char *kind;
	const char *label;	/* the Chinese name of the kind, for the menu counts */
	int (*select)(const struct todo_q *q, struct buf *sql, struct db_args *a, char (*up)[256]);
	int (*compute)(const struct todo_q *q, struct todo_row *rows, int max);
	void (*describe)(const struct todo_q *q, struct todo *t);
};

/* --- one area --- */

struct desk_area {
	const char *name;
	const struct alert_source *alerts;	/* n_alerts of them, in kind order */
	int n_alerts;
	const struct todo_source *todos;
	int n_todos;
};

/* The registered areas (desk/registry.c), NULL-terminated. */
extern const struct desk_area *const desk_areas[];

#define DESK_AREA(name_, alerts_, todos_) { name_, alerts_, (int)ARRAY_SIZE(alerts_), \
	todos_, (int)ARRAY_SIZE(todos_) }

#endif

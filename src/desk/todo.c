/* todo.c: the to-do list's one query. Every registered source contributes
 * a SELECT of TODO_COLS for the caller (or nothing); computed sources
 * contribute their rows as bound SELECTs; the desk wraps them in
 *   SELECT … FROM (s1 UNION ALL s2 …) t ORDER BY due … LIMIT ? OFFSET ?
 * so the merged list sorts and pages in SQL, and counts with GROUP BY. */
#include "core/common.h"
#include "desk/todo.h"
#include "core/arena.h"
#include "core/dates.h"

#include <pthread.h>

#define SOURCES_MAX 64
/* The union's text: every source's SELECT and the computed rows. */
#define TODO_SQL_MAX (256 * 1024)
static const struct todo_source *sources[SOURCES_MAX];
static int nsources;
static const char *kinds[SOURCES_MAX + 1];
static pthread_once_t flat_once = PTHREAD_ONCE_INIT;

static void
flatten(void)
{
	for (int i = 0; desk_areas[i]; i++)
		for (int j = 0; j < desk_areas[i]->n_todos; j++) {
			assert(nsources < SOURCES_MAX);
			kinds[nsources] = desk_areas[i]->todos[j].kind;
			sources[nsources++] = &desk_areas[i]->todos[j];
		}
	kinds[nsources] = NULL;
}

const char *const *
todo_kinds(void)
{
	pthread_once(&flat_once, flatten);
	return kinds;
}

static const struct todo_source *
source_of(const char *kind)
{
	for (int i = 0; i < nsources; i++)
		if (!strcmp(sources[i]->kind, kind))
			return sources[i];
	return NULL;
}

static void
q_init(struct db *db, const struct who *w, int32_t today, struct arena *a, struct todo_q *q)
{
	struct ymd d = date_to_ymd(today);

	memset(q, 0, sizeof(*q));
	q->db = db;
	q->w = w;
	q->arena = a;
	q->today = today;
	date_format(today, q->today_s);
	date_format(date_from_ymd(d.m == 12 ? d.y + 1 : d.y, d.m % 12 + 1, 1) - 1, q->month_end_s);
}

/* Computed rows as "SELECT ?, …" members of the union. */
static int
add_computed(const struct todo_q *q, const struct todo_source *s, struct buf *sql,
    struct db_args *a, const char *sep)
{
	struct todo_row rows[TODO_COMPUTED_MAX];
	int n = s->compute(q, rows, TODO_COMPUTED_MAX);

	/* Binds left for the sources after this one: scope_sql() takes two a
	 * root, at most SCOPE_MAX roots, and a few of its own per source. */
	int room = (DB_ARGS_MAX - a->n - nsources * (2 * SCOPE_MAX + 4)) / 7;

	if (n > room)
		n = room > 0 ? room : 0;
	for (int i = 0; i < n; i++) {
		buf_addf(sql, "%sSELECT ? AS kind, ? AS ref_id, ? AS org_id, ? AS place, ? AS due,"
		    " ? AS subject, ? AS n", i ? " UNION ALL " : sep);
		db_args_add(a, DB_TEXT(s->kind));
		db_args_add(a, DB_I64(rows[i].ref_id));
		db_args_add(a, DB_I64(rows[i].org_id));
		db_args_add(a, DB_TEXT(rows[i].place ? rows[i].place : ""));
		db_args_add(a, DB_TEXT(rows[i].due));
		db_args_add(a, DB_TEXT(rows[i].subject ? rows[i].subject : ""));
		db_args_add(a, DB_I64(rows[i].n));
	}
	return n > 0;
}

/* Writes the union of every wanted source ("" kind: all); 0 if empty. */
static int
add_union(const struct todo_q *q, const char *kind, struct buf *sql, struct db_args *a)
{
	int any = 0;

	for (int i = 0; i < nsources; i++) {
		const struct todo_source *s = sources[i];
		const char *sep = any ? " UNION ALL " : "";
		size_t mark = sql->len;
		int nargs = a->n;

		if (kind && strcmp(kind, s->kind))
			continue;
		if (s->compute) {
			any |= add_computed(q, s, sql, a, sep);
			continue;
		}
		buf_adds(sql, sep);
		if (s->select(q, sql, a, arena_alloc(q->arena, 2 * SCOPE_MAX * 256)))
			any = 1;
		else {
			buf_truncate(sql, mark);
			a->n = nargs;
		}
	}
	return any;
}

static enum err
count_all(const struct todo_q *q, const char *kind, int64_t *total)
{
	struct buf sql = BUF_INIT(TODO_SQL_MAX);
	struct db_args a = { 0 };
	enum err e = ERR_OK;

	buf_adds(&sql, "SELECT COUNT(*) FROM (");
	if (add_union(q, kind, &sql, &a)) {
		buf_adds(&sql, ") t");
		e = db_get_i64v(q->db, total, buf_str(&sql), &a);
	}
	buf_release(&sql);
	return e;
}

enum err
todo_counts(struct db *db, const struct who *w, int32_t today,
    void (*fn)(void *ctx, const char *kind, const char *label, int64_t n, int64_t overdue),
    void *ctx)
{
	struct arena ar = ARENA_INIT;
	struct buf sql = BUF_INIT(TODO_SQL_MAX);
	struct db_args a = { 0 };
	struct db_rows r;
	struct todo_q q;
	enum err e = ERR_OK;

	pthread_once(&flat_once, flatten);
	q_init(db, w, today, &ar, &q);
	buf_adds(&sql, "SELECT kind, COUNT(*), SUM(CASE WHEN due < ? THEN 1 ELSE 0 END) FROM (");
	db_args_add(&a, DB_TEXT(q.today_s));
	if (!add_union(&q, NULL, &sql, &a))
		goto out;
	buf_adds(&sql, ") t GROUP BY kind ORDER BY kind");
	if ((e = db_queryv(db, &r, buf_str(&sql), &a)))
		goto out;
	while ((e = db_next(&r)) == ERR_OK) {
		const struct todo_source *s = source_of(db_text(&r, 0));

		fn(ctx, db_text(&r, 0), s ? s->label : "", db_i64(&r, 1), db_i64(&r, 2));
	}
	db_rows_close(&r);
	if (e == ERR_NOT_FOUND)
		e = ERR_OK;
out:
	buf_release(&sql);
	arena_release(&ar);
	return e;
}

static void
todo_from_row(const struct todo_q *q, struct db_rows *r, struct todo *t)
{
	const struct todo_source *s;

	memset(t, 0, sizeof(*t));
	t->kind = db_text(r, 0);
	t->ref_id = db_i64(r, 1);
	t->org_id = db_i64(r, 2);
	t->place = db_text(r, 3);
	t->due = db_text(r, 4);
	t->subject = db_text(r, 5);
	t->n = db_i64(r, 6);
	t->overdue = t->due && strcmp(t->due, q->today_s) < 0;
	if ((s = source_of(t->kind)) && s->describe)
		s->describe(q, t);
}

enum err
todo_list(struct db *db, const struct who *w, int32_t today, const char *kind, int64_t page,
    int64_t per_page, void (*fn)(void *ctx, const struct todo *t), void *ctx, int64_t *total)
{
	struct arena ar = ARENA_INIT;
	struct buf sql = BUF_INIT(TODO_SQL_MAX);
	struct db_args a = { 0 };
	struct db_rows r;
	struct todo_q q;
	enum err e;

	pthread_once(&flat_once, flatten);
	q_init(db, w, today, &ar, &q);
	*total = 0;
	buf_adds(&sql, "SELECT " TODO_COLS ", COUNT(*) OVER () FROM (");
	if (!add_union(&q, kind, &sql, &a)) {
		e = ERR_OK;
		goto out;
	}
	buf_adds(&sql, ") t ORDER BY CASE WHEN due IS NULL THEN 1 ELSE 0 END, due, kind, ref_id"
	    " LIMIT ? OFFSET ?");
	db_args_add(&a, DB_I64(per_page));
	db_args_add(&a, DB_I64((page - 1) * per_page));
	if ((e = db_queryv(db, &r, buf_str(&sql), &a)))
		goto out;
	while ((e = db_next(&r)) == ERR_OK) {
		struct todo t;

		todo_from_row(&q, &r, &t);
		*total = db_i64(&r, 7);
		fn(ctx, &t);
	}
	db_rows_close(&r);
	if (e == ERR_NOT_FOUND)
		e = ERR_OK;
	if (!e && !*total && page > 1)	/* past the end: the count without rows */
		e = count_all(&q, kind, total);
out:
	buf_release(&sql);
	arena_release(&ar);
	return e;
}

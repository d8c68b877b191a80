/* alert.c: the alert centre's walk over the registered sources. A list
 * walks the sources in registry order, skipping whole SQL sources before
 * the page's offset (counted, not read), so the long kinds (dues arrears,
 * birthdays) page in SQL; computed sources are made once per list and
 * sliced in C. */
#include "core/common.h"
#include "desk/alert.h"
#include "core/arena.h"
#include "core/dates.h"
#include "core/xalloc.h"
#include "party/org.h"

#include <pthread.h>

const char *const alert_severities[] = { "info", "warning", "critical", NULL };

/* The registry flattened once: every source in order, and their kinds. */
#define SOURCES_MAX 64
static const struct alert_source *sources[SOURCES_MAX];
static int nsources;
static const char *kinds[SOURCES_MAX * ALERT_KINDS_MAX + 1];
static pthread_once_t flat_once = PTHREAD_ONCE_INIT;

static void
flatten(void)
{
	int n = 0;

	for (int i = 0; desk_areas[i]; i++)
		for (int j = 0; j < desk_areas[i]->n_alerts; j++) {
			const struct alert_source *s = &desk_areas[i]->alerts[j];

			assert(nsources < SOURCES_MAX);
			sources[nsources++] = s;
			for (int k = 0; k < ALERT_KINDS_MAX; k++)
				if (s->kinds[k])
					kinds[n++] = s->kinds[k];
		}
	kinds[n] = NULL;
}

const char *const *
alert_kinds(void)
{
	pthread_once(&flat_once, flatten);
	return kinds;
}

struct alert *
alert_bin_push(struct alert_bin *b)
{
	if (b->n == b->cap) {
		b->cap = b->cap ? b->cap * 2 : 64;
		b->v = xrealloc(b->v, (size_t)b->cap * sizeof(*b->v));
	}
	memset(&b->v[b->n], 0, sizeof(*b->v));
	return &b->v[b->n++];
}

void
alert_where_path(const struct alert_q *q, const char *col, struct buf *sql, struct db_args *a,
    char (*up)[256])
{
	if (q->lo[0]) {
		buf_addf(sql, " AND %s >= ? AND %s < ?", col, col);
		db_args_add(a, DB_TEXT(q->lo));
		db_args_add(a, DB_TEXT(q->hi));
	}
	scope_sql(sql, a, q->w, col, up);
}

int
alert_sev_ok(const struct alert_q *q, enum alert_severity s)
{
	return q->sev < 0 || q->sev == (int)s;
}

const char *
alert_day(const struct alert_q *q, int32_t day)
{
	char s[11];

	date_format(day, s);
	return arena_strdup(q->arena, s);
}

/* --- SQL sources: one FROM/WHERE, counted, then paged --- */

static enum err
src_count(const struct alert_q *q, const struct alert_source *s, int64_t *n)
{
	struct buf sql = BUF_INIT(16384);
	struct db_args a = { 0 };
	char up[2 * SCOPE_MAX][256];
	struct db_rows r;
	enum err e;

	buf_adds(&sql, "SELECT COUNT(*)");
	s->from(q, &sql, &a, up);
	e = db_queryv(q->db, &r, buf_str(&sql), &a);
	buf_release(&sql);
	if (e)
		return e;
	e = db_next(&r);
	*n = e ? 0 : db_i64(&r, 0);
	db_rows_close(&r);
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}

static enum err
src_page(const struct alert_q *q, const struct alert_source *s, int64_t offset, int64_t limit,
    void (*fn)(void *ctx, const struct alert *a), void *ctx)
{
	struct buf sql = BUF_INIT(16384);
	struct db_args a = { 0 };
	char up[2 * SCOPE_MAX][256];
	struct db_rows r;
	enum err e;

	buf_addf(&sql, "SELECT %s", s->cols);
	s->from(q, &sql, &a, up);
	buf_addf(&sql, " ORDER BY %s LIMIT ? OFFSET ?", s->order);
	db_args_add(&a, DB_I64(limit));
	db_args_add(&a, DB_I64(offset));
	e = db_queryv(q->db, &r, buf_str(&sql), &a);
	buf_release(&sql);
	if (e)
		return e;
	while ((e = db_next(&r)) == ERR_OK) {
		struct alert al = { 0 };

		s->row(q, &r, &al);
		fn(ctx, &al);
	}
	db_rows_close(&r);
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}

/* --- the walk --- */

struct walk {
	int64_t skip, left, total;
	int64_t by_sev[3];	/* totals by enum alert_severity; -1: not counted */
	void (*fn)(void *ctx, const struct alert *a);
	void *ctx;
	struct alert_bin *bins;	/* ALERT_KINDS_MAX per source, in registry order */
};

/* The alerts of b of q's severity (any when q->sev < 0). */
static void
walk_bin(struct walk *k, const struct alert_q *q, const struct alert_bin *b)
{
	for (int i = 0; i < b->n; i++) {
		if (!alert_sev_ok(q, b->v[i].severity))
			continue;
		k->total++;
		if (k->skip) {
			k->skip--;
			continue;
		}
		if (k->left) {
			k->fn(k->ctx, &b->v[i]);
			k->left--;
		}
	}
}

static enum err
walk_sql(struct walk *k, const struct alert_q *q, const struct alert_source *s)
{
	int64_t n, take;
	enum err e = src_count(q, s, &n);

	if (e)
		return e;
	k->total += n;
	if (k->skip >= n) {
		k->skip -= n;
		return ERR_OK;
	}
	take = n - k->skip < k->left ? n - k->skip : k->left;
	if (take > 0)
		e = src_page(q, s, k->skip, take, k->fn, k->ctx);
	k->left -= take > 0 ? take : 0;
	k->skip = 0;
	return e;
}

static int
wanted(const struct alert_q *q, const char *kind)
{
	return kind && (!q->f->kind || !strcmp(q->f->kind, kind));
}

static int
source_wanted(const struct alert_q *q, const struct alert_source *s)
{
	for (int k = 0; k < ALERT_KINDS_MAX; k++)
		if (wanted(q, s->kinds[k]))
			return 1;
	return 0;
}

/* One pass over every wanted kind in registry order, at q->sev. */
static enum err
walk_kinds(struct walk *k, const struct alert_q *q)
{
	enum err e = ERR_OK;

	for (int j = 0; !e && j < nsources; j++) {
		const struct alert_source *s = sources[j];
		const struct alert_bin *b = k->bins + j * ALERT_KINDS_MAX;

		if (s->compute) {
			for (int i = 0; i < ALERT_KINDS_MAX; i++)
				if (wanted(q, s->kinds[i]))
					walk_bin(k, q, &b[i]);
		} else if (wanted(q, s->kinds[0])) {
			e = walk_sql(k, q, s);
		}
	}
	return e;
}

/* Severity first (critical, warning, info), each in kind order; or, with
 * a severity filter or by_kind, one pass in kind order. */
static enum err
walk(struct walk *k, struct alert_q *q)
{
	enum err e = ERR_OK;

	if (q->f->by_kind)
		return walk_kinds(k, q);
	if (q->sev >= 0) {
		e = walk_kinds(k, q);
		k->by_sev[q->sev] = k->total;
		return e;
	}
	for (int s = SEV_CRITICAL; !e && s >= SEV_INFO; s--) {
		int64_t before = k->total;

		q->sev = s;
		e = walk_kinds(k, q);
		k->by_sev[s] = k->total - before;
	}
	q->sev = -1;
	return e;
}

static enum err
q_init(struct db *db, const struct who *w, const struct alert_filter *f, int32_t today,
    struct arena *a, struct alert_q *q)
{
	struct org o;
	enum err e;

	memset(q, 0, sizeof(*q));
	q->db = db;
	q->w = w;
	q->f = f;
	q->arena = a;
	q->today = today;
	q->member = w->role == ROLE_MEMBER;
	date_format(today, q->today_s);
	q->sev = -1;
	for (int i = 0; f->severity && alert_severities[i]; i++)
		if (!strcmp(alert_severities[i], f->severity))
			q->sev = i;
	if (!f->org_id)
		return ERR_OK;
	if ((e = org_get(db, w, f->org_id, a, &o)))
		return e;
	snprintf(q->lo, sizeof(q->lo), "%s", o.path);
	scope_path_upper(q->lo, q->hi);
	return ERR_OK;
}

/* The computed sources' bins, made once for every pass of the walk (at
 * any severity: the walk filters). */
static enum err
compute_all(const struct alert_q *q, struct alert_bin *bins)
{
	enum err e = ERR_OK;

	for (int j = 0; !e && j < nsources; j++)
		if (sources[j]->compute && source_wanted(q, sources[j]))
			e = sources[j]->compute(q, bins + j * ALERT_KINDS_MAX);
	return e;
}

enum err
alert_list(struct db *db, const struct who *w, const struct alert_filter *f, int32_t today,
    void (*fn)(void *ctx, const struct alert *a), void *ctx, int64_t *total)
{
	int64_t by_sev[3];

	return alert_list_counted(db, w, f, today, fn, ctx, total, by_sev);
}

enum err
alert_list_counted(struct db *db, const struct who *w, const struct alert_filter *f,
    int32_t today, void (*fn)(void *ctx, const struct alert *a), void *ctx, int64_t *total,
    int64_t by_sev[3])
{
	struct arena a = ARENA_INIT;
	struct walk k = { (f->page - 1) * f->per_page, f->per_page, 0, { -1, -1, -1 }, fn, ctx,
		NULL };
	struct alert_q q;
	enum err e = q_init(db, w, f, today, &a, &q);
	int nbins;

	pthread_once(&flat_once, flatten);
	nbins = nsources * ALERT_KINDS_MAX;
	k.bins = xcalloc((size_t)nbins + 1, sizeof(*k.bins));
	if (!e)
		e = compute_all(&q, k.bins);
	if (!e)
		e = walk(&k, &q);
	*total = k.total;
	memcpy(by_sev, k.by_sev, sizeof(k.by_sev));
	for (int i = 0; i < nbins; i++)
		free(k.bins[i].v);
	free(k.bins);
	arena_release(&a);
	return e;
}

/* compliance_store.c: the scoped queries behind the compliance board. A
 * board reads the subtree's branches and groups, their full members, their
 * waivers and -- in ONE grouped query over the index meeting_year_org --
 * the meetings held per organization, kind and month; then it runs the
 * pure engine per organization. */
#include "core/common.h"
#include "party/compliance.h"
#include "auth/scope.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/dates.h"
#include "core/xalloc.h"
#include "db/db.h"
#include "party/org.h"

struct waiver {
	int idx;
	struct compliance_exemption ex;
};

struct board {
	struct arena a;
	struct compliance_row *rows;
	struct compliance_org *orgs;
	struct compliance_counts *counts;
	int n, cap;
	int64_t *slot_id;	/* open addressing: org id → index */
	int *slot_idx;
	size_t nslots;
	struct waiver *waivers;
	int nwaivers, capwaivers;
	char lo[256], hi[256];	/* the subtree's path range ("" when the scope decides) */
};

static size_t
slot_of(const struct board *b, int64_t id)
{
	size_t h = (size_t)((uint64_t)id * 0x9E3779B97F4A7C15ull >> 20) & (b->nslots - 1);

	while (b->slot_id[h] && b->slot_id[h] != id)
		h = (h + 1) & (b->nslots - 1);
	return h;
}

static int
board_find(const struct board *b, int64_t id)
{
	size_t h = slot_of(b, id);

	return b->slot_id[h] == id ? b->slot_idx[h] : -1;
}

static void
board_index(struct board *b)
{
	b->nslots = 16;
	while (b->nslots < (size_t)b->n * 2)
		b->nslots <<= 1;
	b->slot_id = xcalloc(b->nslots, sizeof(*b->slot_id));
	b->slot_idx = xcalloc(b->nslots, sizeof(*b->slot_idx));
	for (int i = 0; i < b->n; i++) {
		size_t h = slot_of(b, b->rows[i].id);

		b->slot_id[h] = b->rows[i].id;
		b->slot_idx[h] = i;
	}
}

static void
board_release(struct board *b)
{
	arena_release(&b->a);
	free(b->rows);
	free(b->orgs);
	free(b->counts);
	free(b->slot_id);
	free(b->slot_idx);
	free(b->waivers);
}

/* " AND <col> in the subtree" (or the caller's scope) into sql. */
static void
subtree_sql(const struct board *b, const struct who *w, const char *col, struct buf *sql,
    struct db_args *a, char (*up)[256])
{
	if (b->lo[0]) {
		buf_addf(sql, " AND %s >= ? AND %s < ?", col, col);
		db_args_add(a, DB_TEXT(b->lo));
		db_args_add(a, DB_TEXT(b->hi));
	} else {
		scope_sql(sql, a, w, col, up);
	}
}

static void
board_push(struct board *b, struct db_rows *r)
{
	struct compliance_row *row;
	const char *f = db_text(r, 4);
	int32_t d;

	if (b->n == b->cap) {
		b->cap = b->cap ? b->cap * 2 : 64;
		b->rows = xrealloc(b->rows, (size_t)b->cap * sizeof(*b->rows));
		b->orgs = xrealloc(b->orgs, (size_t)b->cap * sizeof(*b->orgs));
	}
	row = &b->rows[b->n];
	row->id = db_i64(r, 0);
	row->name = arena_strdup(&b->a, db_text(r, 1));
	row->kind = arena_strdup(&b->a, db_text(r, 2));
	row->path = arena_strdup(&b->a, db_text(r, 3));
	row->school_id = db_i64(r, 5);
	row->education_group = arena_strdup(&b->a, db_text(r, 6));
	b->orgs[b->n].kind = row->kind;
	b->orgs[b->n].founded = f && !date_parse(f, &d) ? d : COMPLIANCE_NO_DAY;
	b->orgs[b->n].full_members = 0;
	b->n++;
}

static enum err
load_orgs(struct db *db, const struct who *w, struct board *b)
{
	struct buf sql = BUF_INIT(8192);
	struct db_args a = { 0 };
	char up[SCOPE_MAX][256];
	struct db_rows r;
	enum err e;

	buf_adds(&sql, "SELECT o.id, o.name, o.kind, o.path, o.founded_on, COALESCE(o.school_id, 0),"
	    " COALESCE(s.education_group, '') FROM org o LEFT JOIN school s ON s.id = o.school_id"
	    " WHERE o.kind IN ('branch', 'group')");
	subtree_sql(b, w, "o.path", &sql, &a, up);
	buf_adds(&sql, " ORDER BY o.path");
	e = db_queryv(db, &r, buf_str(&sql), &a);
	buf_release(&sql);
	if (e)
		return e;
	while ((e = db_next(&r)) == ERR_OK)
		board_push(b, &r);
	db_rows_close(&r);
	if (e != ERR_NOT_FOUND)
		return e;
	board_index(b);
	b->counts = xcalloc((size_t)(b->n ? b->n : 1), sizeof(*b->counts));
	return ERR_OK;
}

/* ORG-05: active full members per branch (index member_full_org, 0006). */
static enum err
load_full_members(struct db *db, const struct who *w, struct board *b)
{
	struct buf sql = BUF_INIT(8192);
	struct db_args a = { 0 };
	char up[SCOPE_MAX][256];
	struct db_rows r;
	enum err e;
	int i;

	buf_adds(&sql, "SELECT m.org_id, COUNT(*) FROM member m WHERE m.state = 'active'"
	    " AND m.status = 'full'");
	subtree_sql(b, w, "m.org_path", &sql, &a, up);
	buf_adds(&sql, " GROUP BY m.org_id");
	e = db_queryv(db, &r, buf_str(&sql), &a);
	buf_release(&sql);
	if (e)
		return e;
	while ((e = db_next(&r)) == ERR_OK)
		if ((i = board_find(b, db_i64(&r, 0))) >= 0)
			b->orgs[i].full_members = (int)db_i64(&r, 1);
	db_rows_close(&r);
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}

/* The one grouped meeting query: year and months up to the period's end. */
static enum err
load_counts(struct db *db, const struct who *w, const struct period *p, struct board *b)
{
	struct buf sql = BUF_INIT(8192);
	struct db_args a = { 0 };
	char up[SCOPE_MAX][256];
	struct db_rows r;
	enum err e;
	int i, k;

	/* CROSS JOIN keeps org outside (SQLite honours the order; it is plain
	 * SQL elsewhere): the subtree's organizations by path, then for each
	 * a seek into meeting_year_org (year, org_id, kind, month_key). */
	buf_adds(&sql, "SELECT o.id, m.kind, m.month_key, COUNT(*) FROM org o"
	    " CROSS JOIN meeting m WHERE o.kind IN ('branch', 'group')");
	subtree_sql(b, w, "o.path", &sql, &a, up);
	buf_adds(&sql, " AND m.year = ? AND m.org_id = o.id AND m.month_key <= ?");
	db_args_add(&a, DB_I64(p->year));
	db_args_add(&a, DB_I64(date_month_key(p->last)));
	/* Grouped in the order the rows come (path, then the index's kind and
	 * month), so no sorter is needed. */
	buf_adds(&sql, " GROUP BY o.path, o.id, m.kind, m.month_key");
	e = db_queryv(db, &r, buf_str(&sql), &a);
	buf_release(&sql);
	if (e)
		return e;
	while ((e = db_next(&r)) == ERR_OK) {
		int64_t mk = db_i64(&r, 2), n = db_i64(&r, 3);

		i = board_find(b, db_i64(&r, 0));
		k = compliance_kind_index(db_text(&r, 1));
		if (i < 0 || k < 0 || mk % 100 < 1 || mk % 100 > 12)
			continue;
		n += b->counts[i].n[k][mk % 100 - 1];
		b->counts[i].n[k][mk % 100 - 1] = (uint16_t)(n > UINT16_MAX ? UINT16_MAX : n);
	}
	db_rows_close(&r);
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}

static void
waiver_push(struct board *b, int idx, struct db_rows *r)
{
	struct waiver *v;

	if (b->nwaivers == b->capwaivers) {
		b->capwaivers = b->capwaivers ? b->capwaivers * 2 : 16;
		b->waivers = xrealloc(b->waivers, (size_t)b->capwaivers * sizeof(*b->waivers));
	}
	v = &b->waivers[b->nwaivers++];
	v->idx = idx;
	v->ex.rule = arena_strdup(&b->a, db_text(r, 1));
	v->ex.period = arena_strdup(&b->a, db_text(r, 2));
	v->ex.reason = arena_strdup(&b->a, db_text(r, 3));
}

/* Waivers of the period's year, in org order (rows come by path). */
static enum err
load_waivers(struct db *db, const struct who *w, const struct period *p, struct board *b)
{
	struct buf sql = BUF_INIT(8192);
	struct db_args a = { 0 };
	char up[SCOPE_MAX][256], year[5];
	struct db_rows r;
	enum err e;
	int i;

	snprintf(year, sizeof(year), "%04d", p->year);
	buf_adds(&sql, "SELECT e.org_id, e.rule, e.period, e.reason FROM compliance_exemption e"
	    " JOIN org o ON o.id = e.org_id WHERE substr(e.period, 1, 4) = ?");
	db_args_add(&a, DB_TEXT(year));
	subtree_sql(b, w, "o.path", &sql, &a, up);
	buf_adds(&sql, " ORDER BY o.path, e.id");
	e = db_queryv(db, &r, buf_str(&sql), &a);
	buf_release(&sql);
	if (e)
		return e;
	while ((e = db_next(&r)) == ERR_OK)
		if ((i = board_find(b, db_i64(&r, 0))) >= 0)
			waiver_push(b, i, &r);
	db_rows_close(&r);
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}

/* The subtree of org_id (0: w's scope); fills the root's name. */
static enum err
board_root(struct db *db, const struct who *w, int64_t org_id, struct board *b,
    const char **name, const char **path)
{
	struct org o;
	enum err e;

	*name = NULL;
	*path = "/";
	if (!org_id)
		return ERR_OK;
	if ((e = org_get(db, w, org_id, &b->a, &o)))
		return e;
	snprintf(b->lo, sizeof(b->lo), "%s", o.path);
	scope_path_upper(b->lo, b->hi);
	*name = o.name;
	*path = o.path;
	return ERR_OK;
}

static enum err
board_load(struct db *db, const struct who *w, const struct period *p, struct board *b)
{
	enum err e = load_orgs(db, w, b);

	if (!e)
		e = load_full_members(db, w, b);
	if (!e)
		e = load_counts(db, w, p, b);
	if (!e)
		e = load_waivers(db, w, p, b);
	return e;
}

static void
board_run(const struct board *b, const struct period *p, int32_t today,
    void (*fn)(void *ctx, const struct compliance_row *o, const struct compliance_item *it,
    int n), void *ctx)
{
	struct compliance_rules rules;
	struct compliance_item items[REQ_COUNT];
	struct compliance_exemption ex[16];
	int wv = 0;

	compliance_rules_from_config(&rules);
	for (int i = 0; i < b->n; i++) {
		int nex = 0, n;

		while (wv < b->nwaivers && b->waivers[wv].idx < i)
			wv++;
		for (int k = wv; k < b->nwaivers && b->waivers[k].idx == i && nex < 16; k++)
			ex[nex++] = b->waivers[k].ex;
		n = compliance_evaluate(&rules, &b->orgs[i], p, today, &b->counts[i], ex, nex, items);
		fn(ctx, &b->rows[i], items, n);
	}
}

enum err
compliance_board(struct db *db, const struct who *w, int64_t org_id, const struct period *p,
    int32_t today, void (*fn)(void *ctx, const struct compliance_row *o,
    const struct compliance_item *it, int n), void *ctx)
{
	struct board b = { 0 };
	const char *name, *path;
	enum err e = board_root(db, w, org_id, &b, &name, &path);

	if (!e)
		e = board_load(db, w, p, &b);
	if (!e)
		board_run(&b, p, today, fn, ctx);
	board_release(&b);
	return e;
}

/* --- roll-up --- */

struct rollup_ctx {
	struct compliance_rollup *r;
	struct arena *a;
	size_t rootlen;
	int cap_children, cap_groups, last;
};

static struct compliance_bucket *
bucket_push(struct compliance_bucket **v, int *n, int *cap)
{
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		*v = xrealloc(*v, (size_t)*cap * sizeof(**v));
	}
	memset(&(*v)[*n], 0, sizeof(**v));
	return &(*v)[(*n)++];
}

/* The child of the root that o lies under: the id after the root's path. */
static struct compliance_bucket *
child_bucket(struct rollup_ctx *c, const struct compliance_row *o)
{
	struct compliance_rollup *r = c->r;
	int64_t id = strlen(o->path) > c->rootlen ? strtoll(o->path + c->rootlen, NULL, 10) :
	    o->id;
	struct compliance_bucket *bk;

	if (c->last >= 0 && r->children[c->last].org_id == id)
		return &r->children[c->last];
	for (int i = 0; i < r->nchildren; i++)
		if (r->children[i].org_id == id)
			return &r->children[c->last = i];
	bk = bucket_push(&r->children, &r->nchildren, &c->cap_children);
	bk->org_id = id;	/* the root itself (a branch among its groups) */
	bk->name = arena_strdup(c->a, o->name);
	bk->kind = arena_strdup(c->a, o->kind);
	c->last = r->nchildren - 1;
	return bk;
}

static struct compliance_bucket *
group_bucket(struct rollup_ctx *c, const char *group)
{
	struct compliance_rollup *r = c->r;
	struct compliance_bucket *bk;

	for (int i = 0; i < r->ngroups; i++)
		if (!strcmp(r->groups[i].name, group))
			return &r->groups[i];
	bk = bucket_push(&r->groups, &r->ngroups, &c->cap_groups);
	bk->name = arena_strdup(c->a, group);
	bk->kind = "education_group";
	return bk;
}

static void
rollup_add(void *ctx, const struct compliance_row *o, const struct compliance_item *it, int n)
{
	struct rollup_ctx *c = ctx;
	struct compliance_bucket *bk = child_bucket(c, o);

	compliance_tally_add(&bk->t, it, n);
	compliance_tally_add(&c->r->total, it, n);
	if (o->education_group[0])
		compliance_tally_add(&group_bucket(c, o->education_group)->t, it, n);
}

/* Lists the root's children first, so each bucket carries its own name. */
static enum err
rollup_children(struct db *db, int64_t root, struct rollup_ctx *c)
{
	struct db_rows r;
	enum err e;

	if (root)
		e = db_query(db, &r, "SELECT id, name, kind FROM org WHERE parent_id = ?"
		    " ORDER BY path", DB_I64(root), DB_END);
	else
		e = db_query(db, &r, "SELECT id, name, kind FROM org WHERE parent_id IS NULL"
		    " ORDER BY path", DB_END);
	if (e)
		return e;
	while ((e = db_next(&r)) == ERR_OK) {
		struct compliance_bucket *bk = bucket_push(&c->r->children, &c->r->nchildren,
		    &c->cap_children);

		bk->org_id = db_i64(&r, 0);
		bk->name = arena_strdup(c->a, db_text(&r, 1));
		bk->kind = arena_strdup(c->a, db_text(&r, 2));
	}
	db_rows_close(&r);
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}

enum err
compliance_rollup(struct db *db, const struct who *w, int64_t org_id, const struct period *p,
    int32_t today, struct compliance_rollup *out)
{
	struct board b = { 0 };
	struct rollup_ctx c = { .r = out, .last = -1 };
	const char *name, *path;
	enum err e;

	memset(out, 0, sizeof(*out));
	if (!org_id && !w->all)
		return ERR_NOT_FOUND;	/* the caller names a root inside their scope */
	e = board_root(db, w, org_id, &b, &name, &path);
	if (e)
		goto out;
	out->root_id = org_id;
	c.a = xcalloc(1, sizeof(*c.a));
	out->root_name = name ? arena_strdup(c.a, name) : "全部";
	c.rootlen = strlen(path);
	if (!(e = rollup_children(db, org_id, &c)))
		e = board_load(db, w, p, &b);
	if (!e)
		board_run(&b, p, today, rollup_add, &c);
	out->children_arena = c.a;
out:
	board_release(&b);
	return e;
}

void
compliance_rollup_release(struct compliance_rollup *r)
{
	free(r->children);
	free(r->groups);
	if (r->children_arena) {
		arena_release(r->children_arena);
		free(r->children_arena);
	}
	memset(r, 0, sizeof(*r));
}

static void
tally_add(void *ctx, const struct compliance_row *o, const struct compliance_item *it, int n)
{
	(void)o;
	compliance_tally_add(ctx, it, n);
}

enum err
compliance_tallies(struct db *db, const struct who *w, int64_t org_id, const struct period *p,
    int np, int32_t today, struct compliance_tally *out)
{
	struct board b = { 0 };
	const char *name, *path;
	int last = 0;
	enum err e;

	memset(out, 0, sizeof(*out) * (size_t)np);
	for (int i = 0; i < np; i++) {
		if (p[i].year != p[0].year)
			return ERR_INVALID;
		if (p[i].last > p[last].last)
			last = i;
	}
	e = board_root(db, w, org_id, &b, &name, &path);
	if (!e && np)
		e = board_load(db, w, &p[last], &b);
	for (int i = 0; !e && i < np; i++)
		board_run(&b, &p[i], today, tally_add, &out[i]);
	board_release(&b);
	return e;
}

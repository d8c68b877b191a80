/* rec_store.c: the scoped SQL of plain records (rec.h): column lists are
 * built from the kind's field table, values are always bound. */
#include "core/common.h"
#include "create/rec.h"

#include <time.h>

#include "auth/audit.h"
#include "auth/scope.h"
#include "core/arena.h"
#include "core/buf.h"
#include "create/owner.h"

static int
is_int(enum jf_type t)
{
	return t == JF_INT || t == JF_ID || t == JF_BOOL;
}

static struct db_param
param_of(const struct json_field *f, const struct rec_body *b, int i)
{
	if (json_in_null(b, i))
		return DB_NULL;
	if (f->type == JF_BOOL)
		return DB_I64(b->v[i].b);
	if (is_int(f->type))
		return DB_I64(b->v[i].i);
	return DB_TEXT(b->v[i].s);
}

/* The body as JSON text for the audit row (arena). */
static char *
body_json(const struct rec_kind *k, const struct rec_body *b, int64_t school_id, struct arena *a)
{
	struct buf out = BUF_INIT(1 << 16);
	struct jw w;
	char *s;

	jw_init(&w, &out);
	jw_obj(&w);
	jw_kint(&w, "school_id", school_id);
	for (int i = 0; i < k->nfields; i++) {
		const struct json_field *f = &k->fields[i];

		if (!(b->p.set >> i & 1))
			continue;
		jw_key(&w, f->name);
		if (json_in_null(b, i))
			jw_null(&w);
		else if (f->type == JF_BOOL)
			jw_bool(&w, b->v[i].b);
		else if (is_int(f->type))
			jw_int(&w, b->v[i].i);
		else
			jw_str(&w, b->v[i].s);
	}
	jw_obj_end(&w);
	s = arena_strdup(a, buf_str(&out));
	buf_release(&out);
	return s;
}

/* The school and path of the parent record id, in scope. */
static enum err
parent_owner(struct db *db, const struct who *w, const char *table, int64_t id,
    int64_t *school_id, char path[OWNER_PATH_MAX])
{
	struct buf sql = BUF_INIT(4096);
	struct db_args args = { 0 };
	char up[SCOPE_MAX][256];
	struct db_rows r;
	enum err e;

	buf_addf(&sql, "SELECT school_id, org_path FROM %s WHERE id = ?", table);
	db_args_add(&args, DB_I64(id));
	scope_sql(&sql, &args, w, "org_path", up);
	e = db_queryv(db, &r, buf_str(&sql), &args);
	buf_release(&sql);
	if (e)
		return e;
	if ((e = db_next(&r)) == ERR_OK) {
		*school_id = db_i64(&r, 0);
		snprintf(path, OWNER_PATH_MAX, "%s", db_text(&r, 1));
	}
	db_rows_close(&r);
	return e;
}

/* Resolves the owning school of a new record; names fields[0] when bad. */
static enum err
owner_of(struct db *db, const struct who *w, const struct rec_kind *k, struct rec_body *b,
    struct problem *pb, int64_t *school_id, char path[OWNER_PATH_MAX])
{
	const char *name = k->fields[0].name;
	enum err e;

	if (k->parent) {
		e = parent_owner(db, w, k->parent, b->v[0].i, school_id, path);
		return e == ERR_NOT_FOUND ? problem_field(pb, name, "所属记录不存在") : e;
	}
	if (!json_in_has(b, 0)) {
		b->v[0].i = owner_default_school(db, w);
		if (!b->v[0].i)
			return problem_field(pb, name, "不能为空");
		b->p.set |= 1;
	}
	*school_id = b->v[0].i;
	e = owner_school_path(db, w, *school_id, path);
	return e == ERR_NOT_FOUND ? problem_field(pb, name, "学校不存在或不在管理范围内") : e;
}

static enum err
insert(struct db *db, const struct who *w, const struct rec_kind *k, const struct rec_body *b,
    int64_t school_id, const char *path, int64_t *id)
{
	struct buf sql = BUF_INIT(4096);
	struct db_args args = { 0 };
	int64_t now = time(NULL);
	enum err e;

	buf_addf(&sql, "INSERT INTO %s (school_id, org_path, created_by, created_at, updated_at",
	    k->table);
	db_args_add(&args, DB_I64(school_id));
	db_args_add(&args, DB_TEXT(path));
	db_args_add(&args, w->user_id ? DB_I64(w->user_id) : DB_NULL);
	db_args_add(&args, DB_I64(now));
	db_args_add(&args, DB_I64(now));
	for (int i = k->parent ? 0 : 1; i < k->nfields; i++)
		if (b->p.set >> i & 1) {
			buf_addf(&sql, ", %s", k->fields[i].name);
			db_args_add(&args, param_of(&k->fields[i], b, i));
		}
	buf_adds(&sql, ") VALUES (?");
	for (int i = 1; i < args.n; i++)
		buf_adds(&sql, ",?");
	buf_adds(&sql, ")");
	e = db_execv(db, buf_str(&sql), &args);
	buf_release(&sql);
	if (!e)
		*id = db_last_id(db);
	return e;
}

/* A uniqueness violation (one plan per school and year) is a conflict. */
static enum err
unique(struct db *db, struct problem *pb, enum err e)
{
	if (e == ERR_STORE && db_was_unique_violation(db))
		return problem_set(pb, ERR_CONFLICT, "duplicate", "同一学校已有该记录");
	return e;
}

enum err
rec_create(struct db *db, const struct who *w, const struct rec_kind *k, struct rec_body *b,
    struct problem *pb, int64_t *id)
{
	struct arena a = ARENA_INIT;
	char path[OWNER_PATH_MAX];
	int64_t school_id = 0;
	enum err e = db_begin(db);

	if (e)
		return e;
	e = owner_of(db, w, k, b, pb, &school_id, path);
	if (!e && k->check)
		e = k->check(db, w, school_id, path, b, 1, pb);
	if (!e)
		e = unique(db, pb, insert(db, w, k, b, school_id, path, id));
	if (!e)
		e = audit_write(db, w, "create", k->table, *id, NULL,
		    body_json(k, b, school_id, &a), 1);
	arena_release(&a);
	return db_end(db, e);
}

/* The school and path of record id, in scope. */
static enum err
load_owner(struct db *db, const struct who *w, const struct rec_kind *k, int64_t id,
    int64_t *school_id, char path[OWNER_PATH_MAX])
{
	return parent_owner(db, w, k->table, id, school_id, path);
}

static enum err
update(struct db *db, const struct rec_kind *k, int64_t id, const struct rec_body *b)
{
	struct buf sql = BUF_INIT(4096);
	struct db_args args = { 0 };
	enum err e;

	buf_addf(&sql, "UPDATE %s SET updated_at = ?", k->table);
	db_args_add(&args, DB_I64(time(NULL)));
	for (int i = 1; i < k->nfields; i++)
		if (b->p.set >> i & 1) {
			buf_addf(&sql, ", %s = ?", k->fields[i].name);
			db_args_add(&args, param_of(&k->fields[i], b, i));
		}
	buf_adds(&sql, " WHERE id = ?");
	db_args_add(&args, DB_I64(id));
	e = db_execv(db, buf_str(&sql), &args);
	buf_release(&sql);
	return e;
}

enum err
rec_update(struct db *db, const struct who *w, const struct rec_kind *k, int64_t id,
    const struct rec_body *b, struct problem *pb)
{
	struct arena a = ARENA_INIT;
	char path[OWNER_PATH_MAX];
	int64_t school_id = 0;
	enum err e = db_begin(db);

	if (e)
		return e;
	e = load_owner(db, w, k, id, &school_id, path);
	if (!e && (b->p.set & 1))
		e = problem_field(pb, k->fields[0].name, "不能修改");
	if (!e && k->check)
		e = k->check(db, w, school_id, path, b, 0, pb);
	if (!e)
		e = unique(db, pb, update(db, k, id, b));
	if (!e)
		e = audit_write(db, w, "update", k->table, id, NULL,
		    body_json(k, b, school_id, &a), 1);
	arena_release(&a);
	return db_end(db, e);
}

enum err
rec_delete(struct db *db, const struct who *w, const struct rec_kind *k, int64_t id)
{
	char path[OWNER_PATH_MAX], sql[128];
	int64_t school_id = 0;
	enum err e = db_begin(db);

	if (e)
		return e;
	e = load_owner(db, w, k, id, &school_id, path);
	snprintf(sql, sizeof(sql), "DELETE FROM %s WHERE id = ?", k->table);
	if (!e)
		e = db_exec(db, sql, DB_I64(id), DB_END);
	if (!e)
		e = audit_write(db, w, "delete", k->table, id, NULL, NULL, 1);
	return db_end(db, e);
}

/* "SELECT t.id, t.school_id, s.name, <fields>, t.created_at, t.updated_at". */
static void
select_cols(struct buf *sql, const struct rec_kind *k)
{
	buf_adds(sql, "SELECT t.id, t.school_id, s.name");
	for (int i = 0; i < k->nfields; i++)
		buf_addf(sql, ", t.%s", k->fields[i].name);
	buf_addf(sql, ", t.created_at, t.updated_at, %s FROM %s t JOIN school s ON"
	    " s.id = t.school_id WHERE 1=1", k->extra_sql ? k->extra_sql : "NULL", k->table);
}

static void
write_row(struct db_rows *r, const struct rec_kind *k, struct jw *w)
{
	int c = 3;

	jw_obj(w);
	jw_kint(w, "id", db_i64(r, 0));
	jw_kint(w, "school_id", db_i64(r, 1));
	jw_kstr(w, "school_name", db_text(r, 2));
	for (int i = 0; i < k->nfields; i++, c++) {
		const struct json_field *f = &k->fields[i];

		if (i == 0 && !k->parent)
			continue;
		jw_key(w, f->name);
		if (db_is_null(r, c))
			jw_null(w);
		else if (f->type == JF_BOOL)
			jw_bool(w, db_i64(r, c) != 0);
		else if (is_int(f->type))
			jw_int(w, db_i64(r, c));
		else
			jw_str(w, db_text(r, c));
	}
	jw_ktime(w, "created_at", db_i64(r, c));
	jw_ktime(w, "updated_at", db_i64(r, c + 1));
	if (k->extra_key)
		jw_kstr(w, k->extra_key, db_text(r, c + 2));
	jw_obj_end(w);
}

enum err
rec_write_one(struct db *db, const struct who *w, const struct rec_kind *k, int64_t id,
    struct jw *jw)
{
	struct buf sql = BUF_INIT(4096);
	struct db_args args = { 0 };
	char up[SCOPE_MAX][256];
	struct db_rows r;
	enum err e;

	select_cols(&sql, k);
	buf_adds(&sql, " AND t.id = ?");
	db_args_add(&args, DB_I64(id));
	scope_sql(&sql, &args, w, "t.org_path", up);
	e = db_queryv(db, &r, buf_str(&sql), &args);
	buf_release(&sql);
	if (e)
		return e;
	if ((e = db_next(&r)) == ERR_OK)
		write_row(&r, k, jw);
	db_rows_close(&r);
	return e;
}

static void
list_where(const struct rec_kind *k, const struct rec_filter *f, const struct who *w,
    struct buf *sql, struct db_args *args, char (*up)[256])
{
	if (f->school_id) {
		buf_adds(sql, " AND t.school_id = ?");
		db_args_add(args, DB_I64(f->school_id));
	}
	if (f->parent_id && k->parent) {
		buf_addf(sql, " AND t.%s = ?", k->fields[0].name);
		db_args_add(args, DB_I64(f->parent_id));
	}
	for (int i = 1; i < k->nfields; i++)
		if (f->eq[i]) {
			buf_addf(sql, " AND t.%s = ?", k->fields[i].name);
			db_args_add(args, is_int(k->fields[i].type) ?
			    DB_I64(strtoll(f->eq[i], NULL, 10)) : DB_TEXT(f->eq[i]));
		}
	if (k->date_col && f->from) {
		buf_addf(sql, " AND t.%s >= ?", k->date_col);
		db_args_add(args, DB_TEXT(f->from));
	}
	if (k->date_col && f->to) {
		buf_addf(sql, " AND t.%s <= ?", k->date_col);
		db_args_add(args, DB_TEXT(f->to));
	}
	scope_sql(sql, args, w, "t.org_path", up);
}

enum err
rec_write_list(struct db *db, const struct who *w, const struct rec_kind *k,
    const struct rec_filter *f, struct jw *jw, int64_t *total)
{
	struct buf where = BUF_INIT(4096), sql = BUF_INIT(8192);
	struct db_args args = { 0 };
	char up[SCOPE_MAX][256];
	struct db_rows r;
	enum err e;

	list_where(k, f, w, &where, &args, up);
	buf_addf(&sql, "SELECT COUNT(*) FROM %s t WHERE 1=1%s", k->table, buf_str(&where));
	e = db_get_i64v(db, total, buf_str(&sql), &args);
	buf_reset(&sql);
	select_cols(&sql, k);
	buf_addf(&sql, "%s ORDER BY %s LIMIT ? OFFSET ?", buf_str(&where), k->order);
	db_args_add(&args, DB_I64(f->per_page));
	db_args_add(&args, DB_I64((f->page - 1) * f->per_page));
	if (!e)
		e = db_queryv(db, &r, buf_str(&sql), &args);
	buf_release(&where);
	buf_release(&sql);
	if (e)
		return e;
	while ((e = db_next(&r)) == ERR_OK)
		write_row(&r, k, jw);
	db_rows_close(&r);
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}

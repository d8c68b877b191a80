#include "core/common.h"
#include "party/school.h"
#include "auth/audit.h"
#include "auth/scope.h"
#include "core/buf.h"
#include "http/json_out.h"

const char *const school_stages[] = { "kindergarten", "primary", "junior", "senior",
	"complete_secondary", "nine_year", "vocational", NULL };
const char *const school_ownerships[] = { "public", "private", NULL };

#define SCHOOL_COLS "s.id, s.name, s.stage, s.ownership, s.education_group, s.created_at," \
	" s.updated_at"

/* "AND the school has an organization in w's scope". */
static void
school_scope_sql(struct buf *sql, struct db_args *a, const struct who *w, char (*up)[256])
{
	if (w->all)
		return;
	buf_adds(sql, " AND EXISTS (SELECT 1 FROM org o WHERE o.school_id = s.id");
	scope_sql(sql, a, w, "o.path", up);
	buf_adds(sql, ")");
}

static void
school_from_row(struct db_rows *r, struct arena *a, struct school *s)
{
	s->id = db_i64(r, 0);
	s->name = arena_strdup(a, db_text(r, 1));
	s->stage = arena_strdup(a, db_text(r, 2));
	s->ownership = arena_strdup(a, db_text(r, 3));
	s->education_group = arena_strdup(a, db_text(r, 4));
	s->created_at = db_i64(r, 5);
	s->updated_at = db_i64(r, 6);
}

enum err
school_get(struct db *db, const struct who *w, int64_t id, struct arena *a, struct school *s)
{
	struct buf sql = BUF_INIT(4096);
	struct db_args args = { 0 };
	char up[SCOPE_MAX][256];
	struct db_rows r;
	enum err e;

	buf_adds(&sql, "SELECT " SCHOOL_COLS " FROM school s WHERE s.id = ?");
	db_args_add(&args, DB_I64(id));
	school_scope_sql(&sql, &args, w, up);
	e = db_queryv(db, &r, buf_str(&sql), &args);
	buf_release(&sql);
	if (e)
		return e;
	e = db_next(&r);
	if (!e)
		school_from_row(&r, a, s);
	db_rows_close(&r);
	return e;
}

char *
school_json(const struct school *s, struct arena *a)
{
	struct buf b = BUF_INIT(1 << 16);
	struct jw w;
	char *out;

	jw_init(&w, &b);
	jw_obj(&w);
	jw_kint(&w, "id", s->id);
	jw_kstr(&w, "name", s->name);
	jw_kstr(&w, "stage", s->stage);
	jw_kstr(&w, "ownership", s->ownership);
	jw_kstr(&w, "education_group", s->education_group);
	jw_ktime(&w, "created_at", s->created_at);
	jw_ktime(&w, "updated_at", s->updated_at);
	jw_obj_end(&w);
	out = arena_strdup(a, buf_str(&b));
	buf_release(&b);
	return out;
}

static enum err
name_conflict(enum err e, struct problem *pb)
{
	if (e == ERR_CONFLICT)
		problem_field(pb, "name", "已有同名学校");
	return e;
}

enum err
school_create(struct db *db, const struct who *w, const struct school_in *in, struct problem *pb,
    int64_t *id)
{
	struct arena a = ARENA_INIT;
	int64_t now = time(NULL);
	struct school s;
	enum err e = db_begin(db);

	if (e)
		return e;
	e = db_exec(db, "INSERT INTO school (name, stage, ownership, education_group, created_at,"
	    " updated_at) VALUES (?,?,?,?,?,?)", DB_TEXT(in->name), DB_TEXT(in->stage),
	    DB_TEXT(in->ownership), DB_TEXT(in->education_group ? in->education_group : ""),
	    DB_I64(now), DB_I64(now), DB_END);
	name_conflict(e, pb);
	if (!e) {
		*id = db_last_id(db);
		e = school_get(db, w, *id, &a, &s);
	}
	if (!e)
		e = audit_write(db, w, "create", "school", *id, NULL, school_json(&s, &a), 1);
	arena_release(&a);
	return db_end(db, e);
}

enum err
school_update(struct db *db, const struct who *w, int64_t id, const struct school_in *in,
    struct problem *pb)
{
	struct arena a = ARENA_INIT;
	struct school old, cur;
	enum err e = db_begin(db);

	if (e)
		return e;
	e = school_get(db, w, id, &a, &old);
	if (!e)
		e = db_exec(db, "UPDATE school SET name = ?, stage = ?, ownership = ?,"
		    " education_group = ?, updated_at = ? WHERE id = ?",
		    DB_TEXT(in->name ? in->name : old.name), DB_TEXT(in->stage ? in->stage : old.stage),
		    DB_TEXT(in->ownership ? in->ownership : old.ownership),
		    DB_TEXT(in->education_group ? in->education_group : old.education_group),
		    DB_I64(time(NULL)), DB_I64(id), DB_END);
	name_conflict(e, pb);
	if (!e)
		e = school_get(db, w, id, &a, &cur);
	if (!e)
		e = audit_write(db, w, "update", "school", id, school_json(&old, &a),
		    school_json(&cur, &a), 1);
	arena_release(&a);
	return db_end(db, e);
}

static void
filter_sql(struct buf *sql, struct db_args *a, const struct school_filter *f)
{
	if (f->q) {
		buf_adds(sql, " AND s.name LIKE ? ESCAPE '!'");
		db_args_add(a, DB_TEXT(f->q));
	}
	if (f->stage) {
		buf_adds(sql, " AND s.stage = ?");
		db_args_add(a, DB_TEXT(f->stage));
	}
	if (f->ownership) {
		buf_adds(sql, " AND s.ownership = ?");
		db_args_add(a, DB_TEXT(f->ownership));
	}
	if (f->education_group) {
		buf_adds(sql, " AND s.education_group = ?");
		db_args_add(a, DB_TEXT(f->education_group));
	}
}

static enum err
school_count(struct db *db, const struct who *w, const struct school_filter *f, int64_t *total)
{
	struct buf sql = BUF_INIT(4096);
	struct db_args a = { 0 };
	char up[SCOPE_MAX][256];
	enum err e;

	buf_adds(&sql, "SELECT COUNT(*) FROM school s WHERE 1=1");
	school_scope_sql(&sql, &a, w, up);
	filter_sql(&sql, &a, f);
	e = db_get_i64v(db, total, buf_str(&sql), &a);
	buf_release(&sql);
	return e;
}

enum err
school_list(struct db *db, const struct who *w, const struct school_filter *f,
    void (*fn)(void *ctx, const struct school *s), void *ctx, int64_t *total)
{
	struct buf sql = BUF_INIT(4096);
	struct db_args a = { 0 };
	char up[SCOPE_MAX][256];
	struct db_rows r;
	enum err e;

	if ((e = school_count(db, w, f, total)))
		return e;
	buf_adds(&sql, "SELECT " SCHOOL_COLS " FROM school s WHERE 1=1");
	school_scope_sql(&sql, &a, w, up);
	filter_sql(&sql, &a, f);
	buf_addf(&sql, " ORDER BY %s %s, s.id LIMIT ? OFFSET ?", f->sort_col, f->desc ? "DESC" : "ASC");
	db_args_add(&a, DB_I64(f->per_page));
	db_args_add(&a, DB_I64((f->page - 1) * f->per_page));
	e = db_queryv(db, &r, buf_str(&sql), &a);
	buf_release(&sql);
	if (e)
		return e;
	while ((e = db_next(&r)) == ERR_OK) {
		struct arena tmp = ARENA_INIT;
		struct school s;

		school_from_row(&r, &tmp, &s);
		fn(ctx, &s);
		arena_release(&tmp);
	}
	db_rows_close(&r);
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}

/* indicator_store.c: indicator systems and their trees in SQL. */
#include "core/common.h"
#include "supervise/indicator_store.h"
#include "auth/audit.h"
#include "core/buf.h"
#include "core/xalloc.h"
#include "http/json_out.h"
#include "supervise/indicator_defaults.h"

#define SYS_COLS "s.id, s.code, s.name, s.kind, s.year, s.version, s.status, s.used," \
	" s.from_id, s.created_at, s.updated_at," \
	" (SELECT COUNT(*) FROM indicator i WHERE i.system_id = s.id), s.stage"

static void
row_system(struct db_rows *r, struct arena *a, struct ind_system *s)
{
	*s = (struct ind_system){ .id = db_i64(r, 0), .code = arena_strdup(a, db_text(r, 1)),
		.name = arena_strdup(a, db_text(r, 2)), .kind = arena_strdup(a, db_text(r, 3)),
		.year = db_i64(r, 4), .version = db_i64(r, 5),
		.status = arena_strdup(a, db_text(r, 6)), .used = db_i64(r, 7),
		.from_id = db_i64(r, 8), .created_at = db_i64(r, 9), .updated_at = db_i64(r, 10),
		.count = db_i64(r, 11),
		.stage = db_is_null(r, 12) ? NULL : arena_strdup(a, db_text(r, 12)) };
}

static char *
system_json(const struct ind_system *s, struct arena *a)
{
	struct buf b = BUF_INIT(4096);
	struct jw w;
	char *out;

	jw_init(&w, &b);
	jw_obj(&w);
	jw_kstr(&w, "code", s->code);
	jw_kstr(&w, "name", s->name);
	jw_kstr(&w, "kind", s->kind);
	if (s->stage)
		jw_kstr(&w, "stage", s->stage);
	jw_kint(&w, "year", s->year);
	jw_kint(&w, "version", s->version);
	jw_kstr(&w, "status", s->status);
	jw_kint(&w, "indicators", s->count);
	jw_obj_end(&w);
	out = arena_strdup(a, buf_str(&b));
	buf_release(&b);
	return out;
}

enum err
store_indsys_list(struct db *db, const char *kind, const char *stage, int64_t year, int64_t page,
    int64_t per_page, void (*fn)(void *ctx, const struct ind_system *s), void *ctx,
    int64_t *total)
{
	struct buf where = BUF_INIT(1024), sql = BUF_INIT(2048);
	struct db_args args = { 0 };
	struct db_rows r;
	enum err e;

	buf_adds(&where, " FROM indicator_system s WHERE 1=1");
	if (kind) {
		buf_adds(&where, " AND s.kind = ?");
		db_args_add(&args, DB_TEXT(kind));
	}
	if (stage) {
		buf_adds(&where, " AND s.stage = ?");
		db_args_add(&args, DB_TEXT(stage));
	}
	if (year) {
		buf_adds(&where, " AND s.year = ?");
		db_args_add(&args, DB_I64(year));
	}
	buf_addf(&sql, "SELECT COUNT(*)%s", buf_str(&where));
	if ((e = db_get_i64v(db, total, buf_str(&sql), &args)))
		goto out;
	buf_reset(&sql);
	buf_addf(&sql, "SELECT " SYS_COLS "%s ORDER BY s.year DESC, s.code, s.version DESC"
	    " LIMIT ? OFFSET ?", buf_str(&where));
	db_args_add(&args, DB_I64(per_page));
	db_args_add(&args, DB_I64((page - 1) * per_page));
	if ((e = db_queryv(db, &r, buf_str(&sql), &args)))
		goto out;
	while ((e = db_next(&r)) == ERR_OK) {
		struct arena a = ARENA_INIT;
		struct ind_system s;

		row_system(&r, &a, &s);
		fn(ctx, &s);
		arena_release(&a);
	}
	db_rows_close(&r);
	e = e == ERR_NOT_FOUND ? ERR_OK : e;
out:
	buf_release(&where);
	buf_release(&sql);
	return e;
}

enum err
store_indsys_get(struct db *db, int64_t id, struct arena *a, struct ind_system *s)
{
	struct db_rows r;
	enum err e = db_query(db, &r, "SELECT " SYS_COLS " FROM indicator_system s WHERE s.id = ?",
	    DB_I64(id), DB_END);

	if (e)
		return e;
	if ((e = db_next(&r)) == ERR_OK)
		row_system(&r, a, s);
	db_rows_close(&r);
	return e;
}

enum err
store_ind_tree(struct db *db, int64_t id, struct arena *a, struct indicator **v, int *n)
{
	struct db_rows r;
	int64_t cnt = 0;
	enum err e;

	*n = 0;
	if ((e = db_get_i64(db, &cnt, "SELECT COUNT(*) FROM indicator WHERE system_id = ?",
	    DB_I64(id), DB_END)))
		return e;
	*v = arena_alloc(a, sizeof(**v) * (size_t)(cnt ? cnt : 1));
	e = db_query(db, &r, "SELECT i.id, i.level, i.seq, i.code, p.code, i.name, i.guidance,"
	    " i.evidence, i.max_points, i.weight, i.bonus, i.veto, i.developmental, i.survey"
	    " FROM indicator i"
	    " LEFT JOIN indicator p ON p.id = i.parent_id WHERE i.system_id = ? ORDER BY i.pos",
	    DB_I64(id), DB_END);
	if (e)
		return e;
	while (*n < cnt && (e = db_next(&r)) == ERR_OK)
		(*v)[(*n)++] = (struct indicator){ .id = db_i64(&r, 0), .level = (int)db_i64(&r, 1),
			.seq = (int)db_i64(&r, 2), .code = arena_strdup(a, db_text(&r, 3)),
			.parent_code = arena_strdup(a, db_text(&r, 4)),
			.name = arena_strdup(a, db_text(&r, 5)),
			.guidance = arena_strdup(a, db_text(&r, 6)),
			.evidence = arena_strdup(a, db_text(&r, 7)), .max_points = db_i64(&r, 8),
			.weight = db_i64(&r, 9), .bonus = (int)db_i64(&r, 10),
			.veto = (int)db_i64(&r, 11), .developmental = (int)db_i64(&r, 12),
			.survey = (int)db_i64(&r, 13) };
	db_rows_close(&r);
	return e == ERR_NOT_FOUND || e == ERR_OK ? ERR_OK : e;
}

/* Inserts v as system id's tree (inside the caller's transaction). */
static enum err
insert_tree(struct db *db, int64_t sys, const struct indicator *v, int n)
{
	int64_t *ids = xmalloc(sizeof(*ids) * (size_t)(n ? n : 1));
	enum err e = ERR_OK;

	for (int i = 0; !e && i < n; i++) {
		int64_t parent = 0;
		int seq = 1;

		for (int j = i - 1; j >= 0; j--) {
			if (v[i].parent_code && !strcmp(v[j].code, v[i].parent_code)) {
				parent = ids[j];
				break;
			}
			seq += v[j].level == v[i].level;
		}
		if (v[i].level == 1) {
			seq = 1;
			for (int j = 0; j < i; j++)
				seq += v[j].level == 1;
		}
		e = db_exec(db, "INSERT INTO indicator (system_id, parent_id, level, seq, pos, code,"
		    " name, max_points, guidance, evidence, bonus, veto, weight, developmental,"
		    " survey) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", DB_I64(sys),
		    parent ? DB_I64(parent) : DB_NULL, DB_I64(v[i].level), DB_I64(seq), DB_I64(i),
		    DB_TEXT(v[i].code), DB_TEXT(v[i].name), DB_I64(v[i].max_points),
		    DB_TEXT(v[i].guidance), DB_TEXT(v[i].evidence), DB_I64(v[i].bonus),
		    DB_I64(v[i].veto), DB_I64(v[i].weight), DB_I64(!!v[i].developmental),
		    DB_I64(!!v[i].survey), DB_END);
		ids[i] = db_last_id(db);
	}
	free(ids);
	return e;
}

static enum err
next_version(struct db *db, const char *code, int64_t *v)
{
	enum err e = db_get_i64(db, v, "SELECT COALESCE(MAX(version), 0) + 1 FROM indicator_system"
	    " WHERE code = ?", DB_TEXT(code), DB_END);

	return e;
}

static enum err
insert_system(struct db *db, const struct who *w, const struct ind_system_in *in,
    const char *status, int64_t *id)
{
	int64_t version = 1, now = time(NULL);
	enum err e = next_version(db, in->code, &version);

	if (!e)
		e = db_exec(db, "INSERT INTO indicator_system (code, name, kind, year, version, status,"
		    " from_id, created_by, created_at, updated_at, stage)"
		    " VALUES (?,?,?,?,?,?,?,?,?,?,?)",
		    DB_TEXT(in->code), DB_TEXT(in->name), DB_TEXT(in->kind), DB_I64(in->year),
		    DB_I64(version), DB_TEXT(status), in->from_id ? DB_I64(in->from_id) : DB_NULL,
		    w && w->user_id ? DB_I64(w->user_id) : DB_NULL, DB_I64(now), DB_I64(now),
		    in->stage ? DB_TEXT(in->stage) : DB_NULL, DB_END);
	if (!e)
		*id = db_last_id(db);
	return e;
}

static enum err
audit_system(struct db *db, const struct who *w, const char *action, int64_t id,
    const char *before)
{
	struct arena a = ARENA_INIT;
	struct ind_system s;
	enum err e = store_indsys_get(db, id, &a, &s);

	if (!e)
		e = audit_write(db, w, action, "indicator_system", id, before, system_json(&s, &a), 1);
	arena_release(&a);
	return e;
}

/* A stage belongs to principal-tenure sheets only (PRIN-01). */
static void
stage_check(const struct ind_system_in *in, struct problem *pb)
{
	if (in->stage && in->kind && strcmp(in->kind, "principal_tenure"))
		problem_field(pb, "stage", "只有校（园）长任期督导评分细则（principal_tenure）设学段");
}

enum err
store_indsys_create(struct db *db, const struct who *w, const struct ind_system_in *in0,
    struct problem *pb, int64_t *id)
{
	struct ind_system_in in = *in0;
	struct arena a = ARENA_INIT;
	struct indicator *v = NULL;
	struct ind_system src;
	int n = 0;
	enum err e = db_begin(db);

	if (e)
		return e;
	if (in.from_id) {
		if (store_indsys_get(db, in.from_id, &a, &src)) {
			problem_field(pb, "from_id", "评分细则不存在");
		} else {
			in.code = in.code ? in.code : src.code;
			in.name = in.name ? in.name : src.name;
			in.kind = in.kind ? in.kind : src.kind;
			in.year = in.year ? in.year : src.year;
			in.stage = in.stage ? in.stage : src.stage;
			e = store_ind_tree(db, in.from_id, &a, &v, &n);
		}
	}
	if (!e && !in.code)
		problem_field(pb, "code", "必填");
	if (!e && !in.name)
		problem_field(pb, "name", "必填");
	if (!e && !in.kind)
		problem_field(pb, "kind", "必填");
	if (!e && !in.year)
		problem_field(pb, "year", "必填");
	if (!e)
		stage_check(&in, pb);
	if (!e && pb->nfields)
		e = ERR_INVALID;
	if (!e)
		e = insert_system(db, w, &in, "draft", id);
	if (!e)
		e = insert_tree(db, *id, v, n);
	if (!e)
		e = audit_system(db, w, in.from_id ? "copy" : "create", *id, NULL);
	arena_release(&a);
	return db_end(db, e);
}

/* The latest version's kind, name and stage of code, when it exists. */
static enum err
code_defaults(struct db *db, const char *code, struct arena *a, const char **kind,
    const char **name, const char **stage)
{
	struct db_rows r;
	enum err e = db_query(db, &r, "SELECT kind, name, stage FROM indicator_system WHERE code = ?"
	    " ORDER BY version DESC LIMIT 1", DB_TEXT(code), DB_END);

	*kind = *name = *stage = NULL;
	if (e)
		return e;
	if ((e = db_next(&r)) == ERR_OK) {
		*kind = arena_strdup(a, db_text(&r, 0));
		*name = arena_strdup(a, db_text(&r, 1));
		*stage = db_is_null(&r, 2) ? NULL : arena_strdup(a, db_text(&r, 2));
	}
	db_rows_close(&r);
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}

enum err
store_indsys_import(struct db *db, const struct who *w, const struct ind_system_in *in0,
    const struct indicator *v, int n, struct problem *pb, int64_t *id)
{
	struct ind_system_in in = *in0;
	struct arena a = ARENA_INIT;
	const char *kind = NULL, *name = NULL, *stage = NULL;
	enum err e = db_begin(db);

	if (e)
		return e;
	if (in.code)
		e = code_defaults(db, in.code, &a, &kind, &name, &stage);
	if (!e && kind && in.kind && strcmp(kind, in.kind))
		problem_field(pb, "kind", "编号“%s”已有的评分细则类别为 %s", in.code, kind);
	in.kind = in.kind ? in.kind : kind;
	in.name = in.name ? in.name : name;
	in.stage = in.stage ? in.stage : stage;
	if (!e && !in.code)
		problem_field(pb, "code", "必填");
	if (!e && !in.kind)
		problem_field(pb, "kind", "必填（新编号需要指定类别）");
	if (!e && !in.name)
		problem_field(pb, "name", "必填（表格 A1 单元格为空时需要指定名称）");
	if (!e && !in.year)
		problem_field(pb, "year", "必填");
	if (!e)
		stage_check(&in, pb);
	if (!e && pb->nfields)
		e = ERR_INVALID;
	if (!e)
		e = insert_system(db, w, &in, "draft", id);
	if (!e)
		e = insert_tree(db, *id, v, n);
	if (!e)
		e = audit_system(db, w, "import", *id, NULL);
	arena_release(&a);
	return db_end(db, e);
}

/* ERR_CONFLICT (with the message) when s may no longer change. */
static enum err
frozen(const struct ind_system *s, struct problem *pb)
{
	if (strcmp(s->status, "draft") || s->used)
		return problem_set(pb, ERR_CONFLICT, "indicator_system_frozen",
		    "已发布的评分细则不能修改，请复制为新版本");
	return ERR_OK;
}

enum err
store_indsys_patch(struct db *db, const struct who *w, int64_t id,
    const struct ind_system_in *in, struct problem *pb)
{
	struct arena a = ARENA_INIT;
	struct ind_system s;
	const char *before = NULL;
	int64_t n = 0;
	enum err e = db_begin(db);

	if (e)
		return e;
	if (!(e = store_indsys_get(db, id, &a, &s)))
		e = frozen(&s, pb);
	if (!e) {
		before = system_json(&s, &a);
		n = s.count;
	}
	if (!e && in->status && !strcmp(in->status, "published") && !n)
		e = problem_field(pb, "status", "没有指标的评分细则不能发布");
	if (!e && in->stage && strcmp(s.kind, "principal_tenure"))
		e = problem_field(pb, "stage", "只有校（园）长任期督导评分细则（principal_tenure）设学段");
	if (!e)
		e = db_exec(db, "UPDATE indicator_system SET name = ?, year = ?, status = ?,"
		    " stage = ?, updated_at = ? WHERE id = ?", DB_TEXT(in->name ? in->name : s.name),
		    DB_I64(in->year ? in->year : s.year), DB_TEXT(in->status ? in->status : s.status),
		    in->stage ? DB_TEXT(in->stage) : s.stage ? DB_TEXT(s.stage) : DB_NULL,
		    DB_I64(time(NULL)), DB_I64(id), DB_END);
	if (!e)
		e = audit_system(db, w, in->status && !strcmp(in->status, "published") ? "publish"
		    : "update", id, before);
	arena_release(&a);
	return db_end(db, e);
}

enum err
store_ind_replace(struct db *db, const struct who *w, int64_t id, const struct indicator *v,
    int n, struct problem *pb)
{
	struct arena a = ARENA_INIT;
	struct ind_system s;
	const char *before = NULL;
	enum err e = indicator_tree_check(v, n, pb);

	if (e)
		return e;
	if ((e = db_begin(db)))
		return e;
	if (!(e = store_indsys_get(db, id, &a, &s)))
		e = frozen(&s, pb);
	if (!e) {
		before = system_json(&s, &a);
		e = db_exec(db, "UPDATE indicator SET parent_id = NULL WHERE system_id = ?",
		    DB_I64(id), DB_END);
	}
	if (!e)
		e = db_exec(db, "DELETE FROM indicator WHERE system_id = ?", DB_I64(id), DB_END);
	if (!e)
		e = insert_tree(db, id, v, n);
	if (!e)
		e = db_exec(db, "UPDATE indicator_system SET updated_at = ? WHERE id = ?",
		    DB_I64(time(NULL)), DB_I64(id), DB_END);
	if (!e)
		e = audit_system(db, w, "replace_indicators", id, before);
	arena_release(&a);
	return db_end(db, e);
}

enum err
store_indsys_current(struct db *db, const char *kind, const char *stage, int64_t *id)
{
	return db_get_i64(db, id, "SELECT id FROM indicator_system WHERE kind = ? AND stage = ?"
	    " AND status = 'published' ORDER BY year DESC, version DESC, id DESC LIMIT 1",
	    DB_TEXT(kind), DB_TEXT(stage), DB_END);
}

enum err
store_indicator_install(struct db *db, const struct ind_default *d, int year,
    const struct indicator *v, int n)
{
	struct ind_system_in in = { d->code, d->name, d->kind, NULL, year, 0, d->stage };
	struct who sys = { .username = "system" };
	int64_t have = 0, id = 0;
	enum err e = db_begin(db);

	if (e)
		return e;
	e = db_get_i64(db, &have, "SELECT COUNT(*) FROM indicator_system WHERE code = ?",
	    DB_TEXT(d->code), DB_END);
	if (!e && !have) {
		e = insert_system(db, NULL, &in, "published", &id);
		if (!e)
			e = insert_tree(db, id, v, n);
		if (!e)
			e = audit_system(db, &sys, "install", id, NULL);
	}
	return db_end(db, e);
}

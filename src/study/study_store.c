/* study_store.c: the scoped SQL of the study library and study plans.
 * Material published at an organization is visible at and below it. */
#include "core/common.h"
#include "study/study.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "attach/attach.h"
#include "auth/audit.h"
#include "auth/scope.h"
#include "core/arena.h"
#include "core/dates.h"
#include "core/filestore.h"
#include "core/log.h"
#include "http/json_out.h"
#include "party/meeting.h"
#include "party/org.h"

const char *const study_item_kinds[] = { "document", "link", "video", NULL };

void
study_visible_sql(struct buf *sql, struct db_args *a, const struct who *w, const char *col,
    char (*up)[256])
{
	if (w->all)
		return;
	if (!w->nscope) {
		buf_adds(sql, " AND 1=0");
		return;
	}
	buf_adds(sql, " AND (");
	for (int i = 0; i < w->nscope && i < SCOPE_MAX; i++) {
		scope_path_upper(w->paths[i], up[i]);
		/* below the root, or a prefix of it (an ancestor or the root itself) */
		buf_addf(sql, "%s(%s >= ? AND %s < ?) OR substr(?, 1, length(%s)) = %s",
		    i ? " OR " : "", col, col, col, col);
		db_args_add(a, DB_TEXT(w->paths[i]));
		db_args_add(a, DB_TEXT(up[i]));
		db_args_add(a, DB_TEXT(w->paths[i]));
	}
	buf_adds(sql, ")");
}

/* --- library --- */

int
study_url_ok(const char *u)
{
	if (!u || strlen(u) > 500)
		return 0;
	if (strncmp(u, "https://", 8) && strncmp(u, "http://", 7))
		return 0;
	for (const char *p = u; *p; p++)
		if ((unsigned char)*p <= 0x20 || *p == '"' || *p == '<' || *p == '>')
			return 0;
	return strlen(u) > 10;
}

/* A meeting's file w may read (attach.h: in the caller's scope). */
static enum err
meeting_file_in_scope(struct db *db, const struct who *w, int64_t file_id, struct arena *a)
{
	struct attachment f;

	return attach_get(db, w, file_id, &meeting_files, a, &f);
}

static void
check_item(struct db *db, const struct who *w, const struct study_item_in *in, struct arena *a,
    struct problem *pb, struct org *o)
{
	int doc = !strcmp(in->kind, "document");

	if (org_get(db, w, in->org_id, a, o))
		problem_field(pb, "org_id", "组织不存在或不在管理范围内");
	if (!doc && !study_url_ok(in->url))
		problem_field(pb, "url", "链接和视频须填写以 http:// 或 https:// 开头的网址");
	if (doc && in->url)
		problem_field(pb, "url", "文件资料不填网址，请上传文件或选择会议文件");
	if (in->meeting_file_id && !doc)
		problem_field(pb, "meeting_file_id", "只有文件资料可以引用会议文件");
	else if (in->meeting_file_id && meeting_file_in_scope(db, w, in->meeting_file_id, a))
		problem_field(pb, "meeting_file_id", "会议文件不存在或不在管理范围内");
}

static char *
item_json(const struct study_item_in *in, struct arena *a)
{
	struct buf b = BUF_INIT(8192);
	struct jw w;
	char *s;

	jw_init(&w, &b);
	jw_obj(&w);
	jw_kint(&w, "org_id", in->org_id);
	jw_kstr(&w, "kind", in->kind);
	jw_kstr(&w, "title", in->title);
	jw_kstr(&w, "topic", in->topic);
	jw_kstr(&w, "url", in->url);
	jw_kid(&w, "meeting_file_id", in->meeting_file_id);
	jw_obj_end(&w);
	s = arena_strdup(a, buf_str(&b));
	buf_release(&b);
	return s;
}

enum err
study_item_create(struct db *db, const struct who *w, const struct study_item_in *in,
    struct problem *pb, int64_t *id)
{
	struct arena a = ARENA_INIT;
	struct org o;
	enum err e;

	check_item(db, w, in, &a, pb, &o);
	if (pb->nfields) {
		arena_release(&a);
		return ERR_INVALID;
	}
	if ((e = db_begin(db)))
		goto out;
	e = db_exec(db, "INSERT INTO study_item (org_id, org_path, kind, title, topic, summary, url,"
	    " meeting_attachment_id, minutes, created_by, created_at, updated_at)"
	    " VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", DB_I64(in->org_id), DB_TEXT(o.path),
	    DB_TEXT(in->kind), DB_TEXT(in->title), DB_TEXT(in->topic),
	    DB_TEXT(in->summary ? in->summary : ""), in->url ? DB_TEXT(in->url) : DB_NULL,
	    in->meeting_file_id ? DB_I64(in->meeting_file_id) : DB_NULL, DB_I64(in->minutes),
	    w->user_id ? DB_I64(w->user_id) : DB_NULL, DB_I64(time(NULL)), DB_I64(time(NULL)),
	    DB_END);
	if (!e) {
		*id = db_last_id(db);
		e = audit_write(db, w, "create", "study_item", *id, NULL, item_json(in, &a), 1);
	}
	e = db_end(db, e);
out:
	arena_release(&a);
	return e;
}

/* The item's path when it was published inside w's scope (editable). */
static enum err
item_owned(struct db *db, const struct who *w, int64_t id, int64_t *is_doc)
{
	struct buf sql = BUF_INIT(4096);
	struct db_args args = { 0 };
	char up[SCOPE_MAX][256];
	enum err e;

	buf_adds(&sql, "SELECT CASE WHEN kind = 'document' THEN 1 ELSE 0 END FROM study_item"
	    " WHERE id = ?");
	db_args_add(&args, DB_I64(id));
	scope_sql(&sql, &args, w, "org_path", up);
	e = db_get_i64v(db, is_doc, buf_str(&sql), &args);
	buf_release(&sql);
	return e;
}

/* The item's own file as an owner of attachments (attach.h; part 0, one
 * file: an upload replaces it): every reader of the visible item reads it,
 * a publisher of the item in their scope uploads it, a document only. */
static enum err
library_may(struct db *db, const struct who *w, int64_t id, enum attach_op op,
    const struct attachment *f, struct problem *pb)
{
	struct arena a = ARENA_INIT;
	struct study_item it;
	int64_t is_doc = 0;
	enum err e;

	(void)f;
	if (op == ATTACH_LIST || op == ATTACH_READ) {
		e = study_item_get(db, w, id, &a, &it);
		arena_release(&a);
		return e;
	}
	if ((e = item_owned(db, w, id, &is_doc)))
		return e;
	return is_doc ? ERR_OK : problem_field(pb, "file", "只有文件资料可以上传文件");
}

const struct attach_owner library_files = {
	.name = "library",
	.path = "study/library",
	.kinds = FILESTORE_DOCUMENTS,
	.read_roles = ROLES_STAFF | ROLE_MEMBER,
	.write_roles = ROLE_DISTRICT | ROLE_SECRETARY | ROLE_PRINCIPAL,
	.flags = ATTACH_ONE,
	.may = library_may,
};

/* Its own file, if any, goes with it (the bytes after the commit). */
enum err
study_item_delete(struct db *db, const struct who *w, int64_t id, struct problem *pb)
{
	struct arena a = ARENA_INIT;
	const char **gone = NULL;
	int64_t is_doc = 0, refs = 0;
	enum err e = db_begin(db);

	if (e)
		return e;
	e = item_owned(db, w, id, &is_doc);
	if (!e)
		e = db_get_i64(db, &refs, "SELECT (SELECT COUNT(*) FROM study_plan_item WHERE"
		    " item_id = ?) + (SELECT COUNT(*) FROM study_record WHERE item_id = ?)",
		    DB_I64(id), DB_I64(id), DB_END);
	if (!e && refs)
		e = problem_set(pb, ERR_CONFLICT, "in_use", "该资料已被学习计划或学习记录引用，不能删除");
	if (!e)
		e = attach_drop_owner(db, w, &library_files, id, &a, &gone);
	if (!e)
		e = db_exec(db, "DELETE FROM study_item WHERE id = ?", DB_I64(id), DB_END);
	if (!e)
		e = audit_write(db, w, "delete", "study_item", id, NULL, NULL, 1);
	if (!(e = db_end(db, e)))
		attach_remove_gone(db, gone);
	arena_release(&a);
	return e;
}

/* The item's own file beside it: its one attachment of part 0 (library_files). */
#define ITEM_COLS "i.id, i.org_id, o.name, i.kind, i.title, i.topic, i.summary, i.url," \
	" i.meeting_attachment_id, f.name, f.mime, f.size, i.minutes, i.created_at, f.id"
#define ITEM_FROM " FROM study_item i JOIN org o ON o.id = i.org_id LEFT JOIN attachment f" \
	" ON f.owner_kind = 'library' AND f.owner_id = i.id AND f.part = 0"

static void
item_row(struct db_rows *r, struct arena *a, struct study_item *it)
{
	it->id = db_i64(r, 0);
	it->org_id = db_i64(r, 1);
	it->org_name = arena_strdup(a, db_text(r, 2));
	it->kind = arena_strdup(a, db_text(r, 3));
	it->title = arena_strdup(a, db_text(r, 4));
	it->topic = arena_strdup(a, db_text(r, 5));
	it->summary = arena_strdup(a, db_text(r, 6));
	it->url = arena_strdup(a, db_text(r, 7));
	it->meeting_file_id = db_is_null(r, 8) ? 0 : db_i64(r, 8);
	it->file_name = arena_strdup(a, db_text(r, 9));
	it->file_mime = arena_strdup(a, db_text(r, 10));
	it->file_size = db_is_null(r, 11) ? 0 : db_i64(r, 11);
	it->minutes = db_i64(r, 12);
	it->created_at = db_i64(r, 13);
	it->file_id = db_is_null(r, 14) ? 0 : db_i64(r, 14);
}

enum err
study_item_get(struct db *db, const struct who *w, int64_t id, struct arena *a,
    struct study_item *it)
{
	struct buf sql = BUF_INIT(4096);
	struct db_args args = { 0 };
	char up[SCOPE_MAX][256];
	struct db_rows r;
	enum err e;

	buf_adds(&sql, "SELECT " ITEM_COLS ITEM_FROM " WHERE i.id = ?");
	db_args_add(&args, DB_I64(id));
	study_visible_sql(&sql, &args, w, "i.org_path", up);
	e = db_queryv(db, &r, buf_str(&sql), &args);
	buf_release(&sql);
	if (e)
		return e;
	if ((e = db_next(&r)) == ERR_OK)
		item_row(&r, a, it);
	db_rows_close(&r);
	return e;
}

static void
item_where(const struct who *w, const struct study_item_filter *f, struct buf *sql,
    struct db_args *args, char (*up)[256])
{
	buf_adds(sql, ITEM_FROM " WHERE 1=1");
	if (f->kind) {
		buf_adds(sql, " AND i.kind = ?");
		db_args_add(args, DB_TEXT(f->kind));
	}
	if (f->topic) {
		buf_adds(sql, " AND i.topic = ?");
		db_args_add(args, DB_TEXT(f->topic));
	}
	if (f->q) {
		buf_adds(sql, " AND (i.title LIKE ? ESCAPE '!' OR i.summary LIKE ? ESCAPE '!')");
		db_args_add(args, DB_TEXT(f->q));
		db_args_add(args, DB_TEXT(f->q));
	}
	study_visible_sql(sql, args, w, "i.org_path", up);
}

enum err
study_item_list(struct db *db, const struct who *w, const struct study_item_filter *f,
    void (*fn)(void *ctx, const struct study_item *it), void *ctx, int64_t *total)
{
	struct buf where = BUF_INIT(8192);
	struct db_args args = { 0 };
	char up[SCOPE_MAX][256];
	struct arena a = ARENA_INIT;
	struct db_rows r;
	enum err e;

	item_where(w, f, &where, &args, up);
	e = study_page_open(db, ITEM_COLS, buf_str(&where), "i.created_at DESC, i.id DESC", &args,
	    f->page, f->per_page, total, &r);
	if (e)
		goto out;
	while ((e = db_next(&r)) == ERR_OK) {
		struct study_item it;

		item_row(&r, &a, &it);
		fn(ctx, &it);
	}
	db_rows_close(&r);
	e = e == ERR_NOT_FOUND ? ERR_OK : e;
out:
	arena_release(&a);
	buf_release(&where);
	return e;
}

enum err
study_topics(struct db *db, const struct who *w, void (*fn)(void *ctx, const char *topic,
    int64_t n), void *ctx)
{
	struct buf sql = BUF_INIT(4096);
	struct db_args args = { 0 };
	char up[SCOPE_MAX][256];
	struct db_rows r;
	enum err e;

	buf_adds(&sql, "SELECT i.topic, COUNT(*) FROM study_item i WHERE 1=1");
	study_visible_sql(&sql, &args, w, "i.org_path", up);
	buf_adds(&sql, " GROUP BY i.topic ORDER BY i.topic");
	e = db_queryv(db, &r, buf_str(&sql), &args);
	buf_release(&sql);
	if (e)
		return e;
	while ((e = db_next(&r)) == ERR_OK)
		fn(ctx, db_text(&r, 0), db_i64(&r, 1));
	db_rows_close(&r);
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}

/* The item's own file, else the meeting's file it names: the reader of a
 * visible item may read either (the visibility checked here first). */
enum err
study_item_file(struct db *db, const struct who *w, int64_t id, struct arena *a,
    const char **name, const char **mime, int *fd)
{
	struct study_item it;
	struct attachment f;
	enum err e;

	if ((e = study_item_get(db, w, id, a, &it)))
		return e;
	if (!it.file_id && !it.meeting_file_id)
		return ERR_NOT_FOUND;
	if ((e = attach_open_trusted(db, it.file_id ? it.file_id : it.meeting_file_id, a, &f, fd)))
		return e;
	*name = f.name;
	*mime = f.mime;
	return ERR_OK;
}

/* --- plans --- */

enum err
study_plan_create(struct db *db, const struct who *w, int64_t org_id, int64_t year,
    const char *title, struct problem *pb, int64_t *id)
{
	struct arena a = ARENA_INIT;
	struct org o;
	enum err e;

	if (org_get(db, w, org_id, &a, &o)) {
		arena_release(&a);
		return problem_field(pb, "org_id", "组织不存在或不在管理范围内");
	}
	if ((e = db_begin(db)))
		goto out;
	e = db_exec(db, "INSERT INTO study_plan (org_id, org_path, year, title, created_by,"
	    " created_at) VALUES (?,?,?,?,?,?)", DB_I64(org_id), DB_TEXT(o.path), DB_I64(year),
	    DB_TEXT(title), w->user_id ? DB_I64(w->user_id) : DB_NULL, DB_I64(time(NULL)), DB_END);
	if (!e) {
		*id = db_last_id(db);
		e = audit_write(db, w, "create", "study_plan", *id, NULL,
		    arena_printf(&a, "{\"org_id\":%" PRId64 ",\"year\":%" PRId64 "}", org_id, year), 1);
	}
	e = db_end(db, e);
out:
	arena_release(&a);
	return e;
}

enum err
study_plan_add(struct db *db, const struct who *w, int64_t plan_id,
    const struct study_plan_item *in, struct problem *pb, int64_t *id)
{
	struct buf sql = BUF_INIT(4096);
	struct db_args args = { 0 };
	char up[SCOPE_MAX][256];
	struct arena a = ARENA_INIT;
	struct study_item it;
	int64_t year = 0;
	int32_t d = 0;
	enum err e;

	buf_adds(&sql, "SELECT year FROM study_plan WHERE id = ?");
	db_args_add(&args, DB_I64(plan_id));
	scope_sql(&sql, &args, w, "org_path", up);
	e = db_get_i64v(db, &year, buf_str(&sql), &args);
	buf_release(&sql);
	if (e)
		goto out;
	if (date_parse(in->planned_on, &d) || date_year(d) != year)
		problem_field(pb, "planned_on", "日期须在计划年度（%" PRId64 "年）内", year);
	if (in->item_id && study_item_get(db, w, in->item_id, &a, &it))
		problem_field(pb, "item_id", "学习资料不存在");
	if ((e = pb->nfields ? ERR_INVALID : db_begin(db)))
		goto out;
	e = db_exec(db, "INSERT INTO study_plan_item (plan_id, topic, title, planned_on, item_id)"
	    " VALUES (?,?,?,?,?)", DB_I64(plan_id), DB_TEXT(in->topic), DB_TEXT(in->title),
	    DB_TEXT(in->planned_on), in->item_id ? DB_I64(in->item_id) : DB_NULL, DB_END);
	if (!e) {
		*id = db_last_id(db);
		e = audit_write(db, w, "add_item", "study_plan", plan_id, NULL,
		    arena_printf(&a, "{\"entry_id\":%" PRId64 ",\"planned_on\":\"%s\"}", *id,
		    in->planned_on), 1);
	}
	e = db_end(db, e);
out:
	arena_release(&a);
	return e;
}

static enum err
plan_entries(struct db *db, int64_t plan_id, void (*entry)(void *ctx,
    const struct study_plan_item *it), void *ctx)
{
	struct db_rows r;
	enum err e;

	e = db_query(db, &r, "SELECT p.id, p.item_id, p.topic, p.title, p.planned_on, i.title"
	    " FROM study_plan_item p LEFT JOIN study_item i ON i.id = p.item_id WHERE p.plan_id = ?"
	    " ORDER BY p.planned_on, p.id", DB_I64(plan_id), DB_END);
	if (e)
		return e;
	while ((e = db_next(&r)) == ERR_OK) {
		struct study_plan_item it = { db_i64(&r, 0), plan_id,
			db_is_null(&r, 1) ? 0 : db_i64(&r, 1), db_text(&r, 2), db_text(&r, 3),
			db_text(&r, 4), db_text(&r, 5) };

		entry(ctx, &it);
	}
	db_rows_close(&r);
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}

enum err
study_plan_list(struct db *db, const struct who *w, int64_t year, struct arena *a,
    void (*plan)(void *ctx, const struct study_plan *p),
    void (*entry)(void *ctx, const struct study_plan_item *it), void *ctx)
{
	struct buf sql = BUF_INIT(4096);
	struct db_args args = { 0 };
	char up[SCOPE_MAX][256];
	struct study_plan *ps = NULL;
	struct db_rows r;
	int n = 0;
	enum err e;

	buf_adds(&sql, "SELECT p.id, p.org_id, p.year, p.created_at, o.name, p.title FROM study_plan p"
	    " JOIN org o ON o.id = p.org_id WHERE (? = 0 OR p.year = ?)");
	db_args_add(&args, DB_I64(year));
	db_args_add(&args, DB_I64(year));
	study_visible_sql(&sql, &args, w, "p.org_path", up);
	buf_adds(&sql, " ORDER BY p.year DESC, p.org_path, p.id LIMIT 200");
	e = db_queryv(db, &r, buf_str(&sql), &args);
	buf_release(&sql);
	if (e)
		return e;
	ps = arena_alloc(a, sizeof(*ps) * 200);
	while (n < 200 && (e = db_next(&r)) == ERR_OK)
		ps[n++] = (struct study_plan){ db_i64(&r, 0), db_i64(&r, 1), db_i64(&r, 2),
			db_i64(&r, 3), arena_strdup(a, db_text(&r, 4)), arena_strdup(a, db_text(&r, 5)) };
	db_rows_close(&r);
	if (e != ERR_NOT_FOUND && e != ERR_OK)
		return e;
	e = ERR_OK;
	for (int i = 0; i < n && !e; i++) {
		plan(ctx, &ps[i]);
		e = plan_entries(db, ps[i].id, entry, ctx);
	}
	return e;
}

/* notice_file_store.c: the files of a notice, stored as meeting and
 * finding files are (core/filestore.h: typed by their first bytes, a temp
 * file renamed into the files folder inside the transaction that writes
 * the row and its audit row). Added and removed while the notice is a
 * draft by its author's side; read by whoever may see the notice. */
#include "core/common.h"
#include "notice/notice.h"

#include "auth/audit.h"
#include "auth/crypto.h"
#include "core/arena.h"
#include "core/config.h"
#include "core/filestore.h"
#include "db/db.h"

/* The draft id, and whether w may change its files. */
static enum err
may_change(struct db *db, const struct who *w, int64_t id, struct arena *a, struct problem *pb)
{
	struct notice n;
	enum err e = notice_get(db, w, id, a, &n);

	if (e)
		return e;
	if (!n.author_side)
		return problem_set(pb, ERR_FORBIDDEN, "not_author", "只有发布方可以上传或删除附件");
	if (strcmp(n.state, "draft"))
		return problem_set(pb, ERR_CONFLICT, "already_published", "通知已发布，附件不能再改动");
	return ERR_OK;
}

static enum err
file_row(struct db *db, const struct who *w, int64_t id, const char *name, const char *mime,
    size_t n, const void *p, const char *stored, int64_t *file_id)
{
	char sha[CRYPTO_MAC_HEX], after[512];
	enum err e;

	crypto_sha256_hex(p, n, sha);
	e = db_exec(db, "INSERT INTO notice_file (notice_id, name, mime, size, sha256, stored_as,"
	    " uploaded_by, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", DB_I64(id), DB_TEXT(name),
	    DB_TEXT(mime), DB_I64(n), DB_TEXT(sha), DB_TEXT(stored),
	    w->user_id ? DB_I64(w->user_id) : DB_NULL, DB_I64(time(NULL)), DB_END);
	if (e)
		return e;
	*file_id = db_last_id(db);
	snprintf(after, sizeof(after), "{\"notice_id\":%" PRId64 ",\"size\":%zu,\"mime\":\"%s\","
	    "\"sha256\":\"%s\"}", id, n, mime, sha);
	return audit_write(db, w, "upload", "notice_file", *file_id, NULL, after, 1);
}

enum err
notice_file_add(struct db *db, const struct who *w, int64_t id, const char *name,
    const void *p, size_t n, struct problem *pb, int64_t *file_id)
{
	struct filestore_put fp = { 0 };
	struct arena a = ARENA_INIT;
	const char *mime;
	enum err e;

	if ((e = may_change(db, w, id, &a, pb)) ||
	    (e = filestore_check(name, p, n, FILESTORE_DOCUMENTS, (size_t)cfg.upload_max, pb,
	    &mime)) || (e = filestore_stage(&fp, p, n)) || (e = db_begin(db)))
		goto out;
	e = file_row(db, w, id, name, mime, n, p, fp.stored, file_id);
	if (!e)
		e = filestore_place(&fp);
	e = db_end(db, e);
out:
	arena_release(&a);
	return filestore_end(&fp, e);
}

#define FILE_COLS "id, notice_id, size, at, name, mime, sha256, stored_as"

static void
from_row(struct db_rows *r, struct arena *a, struct notice_file *f)
{
	f->id = db_i64(r, 0);
	f->notice_id = db_i64(r, 1);
	f->size = db_i64(r, 2);
	f->at = db_i64(r, 3);
	f->name = arena_strdup(a, db_text(r, 4));
	f->mime = arena_strdup(a, db_text(r, 5));
	f->sha256 = arena_strdup(a, db_text(r, 6));
	f->stored_as = arena_strdup(a, db_text(r, 7));
}

enum err
notice_file_list(struct db *db, const struct who *w, int64_t id, struct arena *a,
    void (*fn)(void *ctx, const struct notice_file *f), void *ctx)
{
	struct notice n;
	struct db_rows r;
	enum err e = notice_get(db, w, id, a, &n);

	if (e || (e = db_query(db, &r, "SELECT " FILE_COLS " FROM notice_file WHERE notice_id = ?"
	    " ORDER BY id", DB_I64(id), DB_END)))
		return e;
	while ((e = db_next(&r)) == ERR_OK) {
		struct notice_file f;

		from_row(&r, a, &f);
		fn(ctx, &f);
	}
	db_rows_close(&r);
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}

/* One file's row whose notice w may see. */
static enum err
file_get(struct db *db, const struct who *w, int64_t file_id, struct arena *a,
    struct notice_file *f)
{
	struct notice n;
	struct db_rows r;
	enum err e;

	if ((e = db_query(db, &r, "SELECT " FILE_COLS " FROM notice_file WHERE id = ?",
	    DB_I64(file_id), DB_END)))
		return e;
	if (!(e = db_next(&r)))
		from_row(&r, a, f);
	db_rows_close(&r);
	return e ? e : notice_get(db, w, f->notice_id, a, &n);
}

enum err
notice_file_open(struct db *db, const struct who *w, int64_t file_id, struct arena *a,
    struct notice_file *f, int *fd)
{
	enum err e = file_get(db, w, file_id, a, f);

	return e ? e : filestore_open(f->stored_as, f->size, fd);
}

enum err
notice_file_delete(struct db *db, const struct who *w, int64_t file_id, struct problem *pb)
{
	struct arena a = ARENA_INIT;
	struct notice_file f;
	enum err e = file_get(db, w, file_id, &a, &f);

	if (!e)
		e = may_change(db, w, f.notice_id, &a, pb);
	if (!e && !(e = db_begin(db))) {
		e = db_exec(db, "DELETE FROM notice_file WHERE id = ?", DB_I64(file_id), DB_END);
		if (!e)
			e = audit_write(db, w, "delete", "notice_file", file_id, arena_printf(&a,
			    "{\"notice_id\":%" PRId64 ",\"sha256\":\"%s\"}", f.notice_id, f.sha256),
			    NULL, 1);
		if (!(e = db_end(db, e)))
			filestore_remove(f.stored_as);
	}
	arena_release(&a);
	return e;
}

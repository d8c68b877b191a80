/* finding_file_store.c: evidence files of findings: stored like meeting
 * files (a temp file renamed into the files folder inside the transaction
 * that writes the row and its audit row), read back in the finding's
 * scope, attached to a submission's evidence row. The bytes are
 * core/filestore.h's. */
#include "core/common.h"
#include "supervise/finding_file.h"

#include "auth/audit.h"
#include "auth/crypto.h"
#include "auth/scope.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/config.h"
#include "core/filestore.h"
#include "db/db.h"
#include "supervise/finding.h"

/* The finding in scope, and whether w may add or remove its files now. */
static enum err
may_change(struct db *db, const struct who *w, int64_t id, struct arena *a, struct problem *pb)
{
	struct finding f;
	enum err e = finding_get(db, w, id, a, &f);

	if (e)
		return e;
	if (finding_side_of(w->role) != FSIDE_RESPONSIBLE)
		return problem_set(pb, ERR_FORBIDDEN, "wrong_side",
		    "只有责任组织的书记可以上传或删除整改佐证材料");
	if (f.state != FS_RECTIFYING && f.state != FS_RETURNED)
		return problem_set(pb, ERR_CONFLICT, "invalid_transition",
		    finding_conflict_message(f.state));
	return ERR_OK;
}

static enum err
file_row(struct db *db, const struct who *w, int64_t id, const char *name, const char *mime,
    size_t n, const void *p, const char *stored, int64_t *file_id)
{
	char sha[CRYPTO_MAC_HEX], after[512];
	enum err e;

	crypto_sha256_hex(p, n, sha);
	e = db_exec(db, "INSERT INTO finding_file (finding_id, name, mime, size, sha256, stored_as,"
	    " uploaded_by, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", DB_I64(id), DB_TEXT(name),
	    DB_TEXT(mime), DB_I64(n), DB_TEXT(sha), DB_TEXT(stored),
	    w->user_id ? DB_I64(w->user_id) : DB_NULL, DB_I64(time(NULL)), DB_END);
	if (e)
		return e;
	*file_id = db_last_id(db);
	snprintf(after, sizeof(after), "{\"finding_id\":%" PRId64 ",\"size\":%zu,\"mime\":\"%s\","
	    "\"sha256\":\"%s\"}", id, n, mime, sha);
	return audit_write(db, w, "upload", "finding_file", *file_id, NULL, after, 1);
}

enum err
finding_file_add(struct db *db, const struct who *w, int64_t id, const char *name,
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

#define FILE_COLS "ff.id, ff.finding_id, COALESCE(ff.evidence_id, 0), ff.size, ff.at," \
	" COALESCE(ff.uploaded_by, 0), ff.name, ff.mime, ff.sha256, ff.stored_as"

static void
from_row(struct db_rows *r, struct arena *a, struct finding_file *f)
{
	f->id = db_i64(r, 0);
	f->finding_id = db_i64(r, 1);
	f->evidence_id = db_i64(r, 2);
	f->size = db_i64(r, 3);
	f->at = db_i64(r, 4);
	f->uploaded_by = db_i64(r, 5);
	f->name = arena_strdup(a, db_text(r, 6));
	f->mime = arena_strdup(a, db_text(r, 7));
	f->sha256 = arena_strdup(a, db_text(r, 8));
	f->stored_as = arena_strdup(a, db_text(r, 9));
}

enum err
finding_file_list(struct db *db, const struct who *w, int64_t id, struct arena *a,
    void (*fn)(void *ctx, const struct finding_file *f), void *ctx)
{
	struct finding fd;
	struct db_rows r;
	enum err e = finding_get(db, w, id, a, &fd);

	if (e || (e = db_query(db, &r, "SELECT " FILE_COLS " FROM finding_file ff"
	    " WHERE ff.finding_id = ? ORDER BY ff.id", DB_I64(id), DB_END)))
		return e;
	while ((e = db_next(&r)) == ERR_OK) {
		struct finding_file f;

		from_row(&r, a, &f);
		fn(ctx, &f);
	}
	db_rows_close(&r);
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}

/* One file row in w's scope (through its finding's org_path). */
enum err
finding_file_get(struct db *db, const struct who *w, int64_t file_id, struct arena *a,
    struct finding_file *f)
{
	struct buf sql = BUF_INIT(4096);
	struct db_args args = { 0 };
	char up[SCOPE_MAX][256];
	struct db_rows r;
	enum err e;

	buf_adds(&sql, "SELECT " FILE_COLS " FROM finding_file ff JOIN finding f"
	    " ON f.id = ff.finding_id WHERE ff.id = ?");
	db_args_add(&args, DB_I64(file_id));
	scope_sql(&sql, &args, w, "f.org_path", up);
	e = db_queryv(db, &r, buf_str(&sql), &args);
	buf_release(&sql);
	if (e)
		return e;
	if (!(e = db_next(&r)))
		from_row(&r, a, f);
	db_rows_close(&r);
	return e;
}

enum err
finding_file_open(struct db *db, const struct who *w, int64_t file_id, struct arena *a,
    struct finding_file *f, int *fd)
{
	enum err e = finding_file_get(db, w, file_id, a, f);

	return e ? e : filestore_open(f->stored_as, f->size, fd);
}

enum err
finding_file_delete(struct db *db, const struct who *w, int64_t file_id, struct problem *pb)
{
	struct arena a = ARENA_INIT;
	struct finding_file f;
	enum err e = finding_file_get(db, w, file_id, &a, &f);

	if (!e && f.evidence_id)
		e = problem_set(pb, ERR_CONFLICT, "file_submitted", "已随整改材料提交的文件不能删除");
	if (!e)
		e = may_change(db, w, f.finding_id, &a, pb);
	if (!e && !(e = db_begin(db))) {
		e = db_exec(db, "DELETE FROM finding_file WHERE id = ?", DB_I64(file_id), DB_END);
		if (!e)
			e = audit_write(db, w, "delete", "finding_file", file_id, arena_printf(&a,
			    "{\"finding_id\":%" PRId64 ",\"sha256\":\"%s\"}", f.finding_id, f.sha256),
			    NULL, 1);
		if (!(e = db_end(db, e)))
			filestore_remove(f.stored_as);
	}
	arena_release(&a);
	return e;
}

enum err
finding_file_attach(struct db *db, int64_t id, int64_t evidence_id, int64_t *n)
{
	enum err e = db_exec(db, "UPDATE finding_file SET evidence_id = ? WHERE finding_id = ?"
	    " AND evidence_id IS NULL", DB_I64(evidence_id), DB_I64(id), DB_END);

	*n = e ? 0 : db_changes(db);
	return e;
}

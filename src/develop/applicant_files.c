/* applicant_files.c: the documents of each development step (申请书,
 * 思想汇报, 政审材料, 入党志愿书 ...), kept by core/filestore.h: the type
 * from the first bytes, the bytes under the files folder by a random name,
 * read back only in scope. */
#include "core/common.h"
#include "develop/applicant.h"
#include "auth/audit.h"
#include "auth/crypto.h"
#include "auth/scope.h"
#include "core/config.h"
#include "core/filestore.h"

static enum err
file_row(struct db *db, const struct who *w, int64_t id, int step, const char *name,
    const char *mime, const void *p, size_t n, const char *stored, int64_t *file_id)
{
	char sha[CRYPTO_MAC_HEX], after[512];
	enum err e;

	crypto_sha256_hex(p, n, sha);
	e = db_exec(db, "INSERT INTO applicant_file (applicant_id, step, name, mime, size, sha256,"
	    " stored_as, uploaded_by, at) VALUES (?,?,?,?,?,?,?,?,?)", DB_I64(id), DB_I64(step),
	    DB_TEXT(name), DB_TEXT(mime), DB_I64(n), DB_TEXT(sha), DB_TEXT(stored),
	    w->user_id ? DB_I64(w->user_id) : DB_NULL, DB_I64(time(NULL)), DB_END);
	if (e)
		return e;
	*file_id = db_last_id(db);
	snprintf(after, sizeof(after), "{\"applicant_id\":%" PRId64 ",\"step\":%d,\"size\":%zu,"
	    "\"mime\":\"%s\",\"sha256\":\"%s\"}", id, step, n, mime, sha);
	return audit_write(db, w, "upload", "applicant_file", *file_id, NULL, after, 1);
}

enum err
applicant_file_add(struct db *db, const struct who *w, int64_t id, int step, const char *name,
    const void *p, size_t n, struct problem *pb, int64_t *file_id)
{
	struct filestore_put fp = { 0 };
	struct arena a = ARENA_INIT;
	struct applicant ap;
	const char *mime;
	enum err e;

	if (step < 1 || step > PIPE_STEPS)
		problem_field(pb, "step", "步骤应为1至25");
	if ((e = filestore_check(name, p, n, FILESTORE_DOCUMENTS, (size_t)cfg.upload_max, pb,
	    &mime)))
		return e;
	/* Writers only (the route); the load proves the scope. */
	if ((e = applicant_get(db, w, id, &a, &ap)) || (e = filestore_stage(&fp, p, n)) ||
	    (e = db_begin(db)))
		goto out;
	e = file_row(db, w, id, step, name, mime, p, n, fp.stored, file_id);
	if (!e)
		e = filestore_place(&fp);
	e = db_end(db, e);
out:
	arena_release(&a);
	return filestore_end(&fp, e);
}

#define FILE_COLS "f.id, f.applicant_id, f.size, f.at, f.step, f.name, f.mime, f.sha256," \
	" f.stored_as"

static void
file_from_row(struct db_rows *r, struct arena *a, struct applicant_file *f)
{
	f->id = db_i64(r, 0);
	f->applicant_id = db_i64(r, 1);
	f->size = db_i64(r, 2);
	f->at = db_i64(r, 3);
	f->step = (int)db_i64(r, 4);
	f->name = arena_strdup(a, db_text(r, 5));
	f->mime = arena_strdup(a, db_text(r, 6));
	f->sha256 = arena_strdup(a, db_text(r, 7));
	f->stored_as = arena_strdup(a, db_text(r, 8));
}

enum err
applicant_file_list(struct db *db, const struct who *w, int64_t id, struct arena *a,
    void (*fn)(void *ctx, const struct applicant_file *f), void *ctx)
{
	struct applicant ap;
	struct db_rows r;
	enum err e = applicant_get(db, w, id, a, &ap);

	if (e || (e = db_query(db, &r, "SELECT " FILE_COLS " FROM applicant_file f WHERE"
	    " f.applicant_id = ? ORDER BY f.step, f.id", DB_I64(id), DB_END)))
		return e;
	while ((e = db_next(&r)) == ERR_OK) {
		struct applicant_file f;

		file_from_row(&r, a, &f);
		fn(ctx, &f);
	}
	db_rows_close(&r);
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}

enum err
applicant_file_open(struct db *db, const struct who *w, int64_t file_id, struct arena *a,
    struct applicant_file *f, int *fd)
{
	struct buf sql = BUF_INIT(4096);
	struct db_args args = { 0 };
	char up[SCOPE_MAX][256];
	struct db_rows r;
	enum err e;

	buf_adds(&sql, "SELECT " FILE_COLS " FROM applicant_file f JOIN applicant a ON"
	    " a.id = f.applicant_id WHERE f.id = ?");
	db_args_add(&args, DB_I64(file_id));
	scope_sql(&sql, &args, w, "a.org_path", up);
	e = db_queryv(db, &r, buf_str(&sql), &args);
	buf_release(&sql);
	if (e)
		return e;
	if ((e = db_next(&r)) == ERR_OK)
		file_from_row(&r, a, f);
	db_rows_close(&r);
	if (e)
		return e;
	return filestore_open(f->stored_as, f->size, fd);
}

/* inspection_file_store.c: evidence files of an inspection (the bytes in
 * core/filestore.h: type by magic bytes, a random name under cfg.files_dir;
 * read back only in scope) and the findings issued from it. */
#include "core/common.h"
#include "supervise/inspection.h"
#include "auth/audit.h"
#include "auth/crypto.h"
#include "core/arena.h"
#include "core/config.h"
#include "core/filestore.h"
#include "supervise/finding.h"
#include "supervise/indicator_store.h"
#include "supervise/inspection_scope.h"

static enum err
file_row(struct db *db, const struct who *w, int64_t id, const char *name, const char *mime,
    const void *p, size_t n, const char *stored, struct arena *a, int64_t *file_id)
{
	char sha[CRYPTO_MAC_HEX];
	enum err e;

	crypto_sha256_hex(p, n, sha);
	e = db_exec(db, "INSERT INTO inspection_file (inspection_id, name, mime, size, sha256,"
	    " stored_as, uploaded_by, at) VALUES (?,?,?,?,?,?,?,?)", DB_I64(id), DB_TEXT(name),
	    DB_TEXT(mime), DB_I64(n), DB_TEXT(sha), DB_TEXT(stored),
	    w->user_id ? DB_I64(w->user_id) : DB_NULL, DB_I64(time(NULL)), DB_END);
	if (e)
		return e;
	*file_id = db_last_id(db);
	return audit_write(db, w, "upload", "inspection_file", *file_id, NULL,
	    insp_json(a, (const char *const[]){ "inspection_id", arena_printf(a, "#%" PRId64, id),
	    "size", arena_printf(a, "#%zu", n), "mime", mime, "sha256", sha }, 8), 1);
}

/* The inspection must be a draft in w's scope (409 names the state). */
static enum err
draft_of(struct db *db, const struct who *w, int64_t id, struct arena *a, struct problem *pb)
{
	struct inspection x;
	enum err e = inspection_get(db, w, id, a, &x);

	if (!e && inspection_step(x.state, x.superseded_by != 0, INSP_EDIT))
		e = problem_set(pb, ERR_CONFLICT, "invalid_transition",
		    inspection_conflict_message(x.state, x.superseded_by != 0, INSP_EDIT));
	return e;
}

enum err
inspection_file_add(struct db *db, const struct who *w, int64_t id, const char *name,
    const void *p, size_t n, struct problem *pb, int64_t *file_id)
{
	struct filestore_put fp = { 0 };
	struct arena a = ARENA_INIT;
	const char *mime;
	enum err e;

	if ((e = filestore_check(name, p, n, FILESTORE_DOCUMENTS, (size_t)cfg.upload_max, pb,
	    &mime)))
		return e;
	if ((e = draft_of(db, w, id, &a, pb)) || (e = filestore_stage(&fp, p, n)) ||
	    (e = db_begin(db)))
		goto out;
	if (!(e = draft_of(db, w, id, &a, pb)))
		e = file_row(db, w, id, name, mime, p, n, fp.stored, &a, file_id);
	if (!e)
		e = filestore_place(&fp);
	e = db_end(db, e);
out:
	arena_release(&a);
	return filestore_end(&fp, e);
}

#define FILE_COLS "f.id, f.inspection_id, f.size, f.at, f.name, f.mime, f.sha256, f.stored_as"

static void
file_from_row(struct db_rows *r, struct arena *a, struct inspection_file *f)
{
	f->id = db_i64(r, 0);
	f->inspection_id = db_i64(r, 1);
	f->size = db_i64(r, 2);
	f->at = db_i64(r, 3);
	f->name = arena_strdup(a, db_text(r, 4));
	f->mime = arena_strdup(a, db_text(r, 5));
	f->sha256 = arena_strdup(a, db_text(r, 6));
	f->stored_as = arena_strdup(a, db_text(r, 7));
}

enum err
inspection_file_list(struct db *db, int64_t id, struct arena *a,
    void (*fn)(void *ctx, const struct inspection_file *f), void *ctx)
{
	struct db_rows r;
	enum err e = db_query(db, &r, "SELECT " FILE_COLS " FROM inspection_file f"
	    " WHERE f.inspection_id = ? ORDER BY f.id", DB_I64(id), DB_END);

	if (e)
		return e;
	while ((e = db_next(&r)) == ERR_OK) {
		struct inspection_file f;

		file_from_row(&r, a, &f);
		fn(ctx, &f);
	}
	db_rows_close(&r);
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}

enum err
inspection_file_open(struct db *db, const struct who *w, int64_t file_id, struct arena *a,
    struct inspection_file *f, int *fd)
{
	struct buf sql = BUF_INIT(4096);
	struct db_args args = { 0 };
	char up[SCOPE_MAX][256];
	struct db_rows r;
	enum err e;

	buf_adds(&sql, "SELECT " FILE_COLS " FROM inspection_file f JOIN inspection i"
	    " ON i.id = f.inspection_id WHERE f.id = ?");
	db_args_add(&args, DB_I64(file_id));
	insp_scope_sql(&sql, &args, w, "i.org_path", "i.state", up);
	e = db_queryv(db, &r, buf_str(&sql), &args);
	buf_release(&sql);
	if (e)
		return e;
	if (!(e = db_next(&r)))
		file_from_row(&r, a, f);
	db_rows_close(&r);
	if (e)
		return e;
	return filestore_open(f->stored_as, f->size, fd);
}

/* --- findings issued from an inspection --- */

/* The indicator's name into *name; ERR_INVALID naming "indicator" if the
 * system has no such code. */
static enum err
check_indicator(struct db *db, int64_t system_id, const char *code, struct arena *a,
    struct problem *pb, const char **name)
{
	struct indicator *v;
	int n;
	enum err e;

	if (!code)
		return ERR_OK;
	if ((e = store_ind_tree(db, system_id, a, &v, &n)))
		return e;
	for (int i = 0; i < n; i++)
		if (!strcmp(v[i].code, code)) {
			*name = v[i].name;
			return ERR_OK;
		}
	return problem_field(pb, "indicator", "评分细则中没有编号“%s”", code);
}

static enum err
link_finding(struct db *db, const struct who *w, int64_t id, int64_t fid, const char *indicator,
    struct arena *a)
{
	enum err e = db_exec(db, "INSERT INTO inspection_finding (finding_id, inspection_id, indicator_code)"
	    " VALUES (?,?,?)", DB_I64(fid), DB_I64(id), indicator ? DB_TEXT(indicator) : DB_NULL,
	    DB_END);
	if (!e)
		e = audit_write(db, w, "issue_finding", "inspection", id, NULL,
		    insp_json(a, (const char *const[]){ "finding_id", arena_printf(a, "#%" PRId64, fid),
		    "indicator", indicator }, 4), 1);
	return e;
}

enum err
inspection_issue_finding(struct db *db, const struct who *w, int64_t id, struct finding_in *in,
    const char *indicator, struct problem *pb, int64_t *finding_id)
{
	struct arena a = ARENA_INIT;
	const char *name = NULL;
	struct inspection x;
	struct who nw;
	int64_t org;
	enum err e = inspection_get(db, w, id, &a, &x);

	if (!e)
		e = check_indicator(db, x.system_id, indicator, &a, pb, &name);
	if (e)
		goto out;
	/* The finding carries its indicator in words too, for the school. */
	if (name)
		in->detail = arena_printf(&a, "【督查指标 %s %s】%s", indicator, name,
		    in->detail ? in->detail : "");
	/* The finding store checks the organization against the caller's
	 * scope; an inspector's is their assignment, proved just above. */
	org = x.org_id;
	insp_narrow(w, &x.org_path, &org, &nw);
	in->org_id = x.org_id;
	in->source = "inspection";
	in->source_ref = arena_printf(&a, "%" PRId64, id);
	/* The finding, its link to the indicator and both audit rows: one
	 * transaction. */
	if ((e = db_begin(db)))
		goto out;
	e = finding_create_in(db, &nw, in, pb, finding_id);
	if (!e)
		e = link_finding(db, w, id, *finding_id, indicator, &a);
	e = db_end(db, e);
out:
	arena_release(&a);
	return e;
}

enum err
inspection_findings(struct db *db, int64_t id, struct arena *a,
    void (*fn)(void *ctx, const struct insp_finding *f), void *ctx)
{
	char ref[24];
	struct db_rows r;
	enum err e;

	snprintf(ref, sizeof(ref), "%" PRId64, id);
	e = db_query(db, &r, "SELECT f.id, f.title, f.severity, f.state, f.deadline, l.indicator_code"
	    " FROM finding f LEFT JOIN inspection_finding l ON l.finding_id = f.id"
	    " WHERE f.source = 'inspection' AND f.source_ref = ? ORDER BY f.id", DB_TEXT(ref),
	    DB_END);
	if (e)
		return e;
	while ((e = db_next(&r)) == ERR_OK) {
		struct insp_finding f = { db_i64(&r, 0), arena_strdup(a, db_text(&r, 1)),
			arena_strdup(a, db_text(&r, 2)), arena_strdup(a, db_text(&r, 3)),
			arena_strdup(a, db_text(&r, 4)), arena_strdup(a, db_text(&r, 5)) };

		fn(ctx, &f);
	}
	db_rows_close(&r);
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}

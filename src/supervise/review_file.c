/* review_file.c: the file attached to a secretary's written report
 * (述职报告, EVAL-02): kept by core/filestore.h (typed by its first bytes,
 * stored under cfg.files_dir by a random name), read back only by those who
 * may see the report. */
#include "core/common.h"
#include "supervise/review.h"
#include "auth/audit.h"
#include "core/config.h"
#include "core/filestore.h"
#include "db/db.h"

/* The row's update inside the open transaction; *old gets the file it
 * replaces (arena), NULL when none. */
static enum err
attach(struct db *db, const struct who *w, int64_t id, const char *name, const char *mime,
    const char *stored, size_t n, struct arena *a, const char **old)
{
	struct db_rows q;
	char after[400];
	enum err e;

	*old = NULL;
	if ((e = db_query(db, &q, "SELECT report_file FROM review_subject WHERE round_id = ?"
	    " AND secretary_id = ?", DB_I64(id), DB_I64(w->user_id), DB_END)))
		return e;
	if ((e = db_next(&q)) == ERR_OK)
		*old = arena_strdup(a, db_text(&q, 0));
	db_rows_close(&q);
	if (e)
		return e;
	e = db_exec(db, "UPDATE review_subject SET report_file = ?, report_type = ?, report_name = ?,"
	    " report_at = ? WHERE round_id = ? AND secretary_id = ?", DB_TEXT(stored), DB_TEXT(mime),
	    DB_TEXT(name), DB_I64(time(NULL)), DB_I64(id), DB_I64(w->user_id), DB_END);
	snprintf(after, sizeof(after), "{\"report_file\":true,\"size\":%zu,\"mime\":\"%s\"}", n, mime);
	if (!e)
		e = audit_write(db, w, "report_file", "review_round", id, NULL, after, 1);
	return e;
}

/* Checks that the caller is under review in an open round id. */
static enum err
may_attach(struct db *db, const struct who *w, int64_t id, struct problem *pb)
{
	struct arena a = ARENA_INIT;
	struct review_round r;
	enum err e = review_get(db, w, id, &a, &r);

	arena_release(&a);
	if (!e && !r.subject)
		e = problem_set(pb, ERR_FORBIDDEN, "not_under_review", "只有本轮被评议的书记可以提交述职报告");
	if (!e && r.state != RS_OPEN)
		e = problem_set(pb, ERR_CONFLICT, "invalid_transition", review_conflict_message(r.state));
	return e;
}

enum err
review_report_file_put(struct db *db, const struct who *w, int64_t id, const char *name,
    const void *p, size_t n, struct problem *pb)
{
	struct filestore_put fp = { 0 };
	struct arena a = ARENA_INIT;
	const char *mime, *old = NULL;
	enum err e;

	if ((e = may_attach(db, w, id, pb)) ||
	    (e = filestore_check(name, p, n, FILESTORE_DOCUMENTS, (size_t)cfg.upload_max, pb,
	    &mime)))
		return e;
	if ((e = filestore_stage(&fp, p, n)) || (e = db_begin(db)))
		goto out;
	e = attach(db, w, id, name, mime, fp.stored, n, &a, &old);
	if (!e)
		e = filestore_place(&fp);
	if (!(e = db_end(db, e)))
		filestore_remove(old);	/* the report's earlier file */
out:
	arena_release(&a);
	return filestore_end(&fp, e);
}

enum err
review_report_file_open(struct db *db, const struct who *w, int64_t id, int64_t secretary_id,
    struct arena *a, int *fd, const char **type, const char **name)
{
	const char *stored = NULL;
	struct review_round r;
	struct db_rows q;
	enum err e;

	if ((e = review_get(db, w, id, a, &r)))
		return e;
	/* Managers and evaluators read every report; a secretary their own. */
	if (!r.manager && r.group < 0 && secretary_id != w->user_id)
		return ERR_NOT_FOUND;
	e = db_query(db, &q, "SELECT report_file, report_type, report_name FROM review_subject"
	    " WHERE round_id = ? AND secretary_id = ? AND report_file IS NOT NULL", DB_I64(id),
	    DB_I64(secretary_id), DB_END);
	if (e)
		return e;
	if ((e = db_next(&q)) == ERR_OK) {
		stored = arena_strdup(a, db_text(&q, 0));
		*type = arena_strdup(a, db_text(&q, 1));
		*name = arena_strdup(a, db_text(&q, 2));
	}
	db_rows_close(&q);
	return e ? e : filestore_open(stored, -1, fd);
}

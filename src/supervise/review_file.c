/* review_file.c: the file attached to a secretary's written report
 * (述职报告, EVAL-02): typed by its first bytes like meeting files, stored
 * under cfg.files_dir by a random name, read back only by those who may
 * see the report. */
#include "core/common.h"
#include "supervise/review.h"
#include "auth/audit.h"
#include "auth/crypto.h"
#include "core/config.h"
#include "core/log.h"
#include "db/db.h"
#include "party/meeting.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

static int
name_ok(const char *s)
{
	size_t n = s ? strlen(s) : 0;

	if (!n || n > 200)
		return 0;
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == '/' || *s == '\\' || *s == '"' || *s == 0x7f)
			return 0;
	return 1;
}

/* Writes the bytes to path (a new file). */
static enum err
write_new(const char *path, const void *p, size_t n)
{
	int fd;

	if (mkdir(cfg.files_dir, 0700) && errno != EEXIST) {
		log_error("files folder %s: %s", cfg.files_dir, strerror(errno));
		return ERR_STORE;
	}
	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600)) < 0) {
		log_error("%s: %s", path, strerror(errno));
		return ERR_STORE;
	}
	for (size_t off = 0; off < n;) {
		ssize_t k = write(fd, (const char *)p + off, n - off);

		if (k <= 0) {
			log_error("%s: write failed", path);
			close(fd);
			unlink(path);
			return ERR_STORE;
		}
		off += (size_t)k;
	}
	if (fsync(fd) || close(fd)) {
		unlink(path);
		return ERR_STORE;
	}
	return ERR_OK;
}

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
	const char *mime = meeting_file_type(p, n, name), *old = NULL, *dst;
	struct arena a = ARENA_INIT;
	char stored[44];
	enum err e;

	if ((e = may_attach(db, w, id, pb)))
		return e;
	if (!name_ok(name))
		problem_field(pb, "name", "文件名须为1-200个字符，且不含 / \\ \" 或控制字符");
	if (!n)
		problem_field(pb, "file", "文件为空");
	else if (!mime)
		problem_field(pb, "file", "只能上传 JPG、PNG、PDF、Word(.docx) 或 Excel(.xlsx) 文件");
	if (pb->nfields)
		return ERR_INVALID;
	crypto_random_token(stored);
	dst = arena_printf(&a, "%s/%s", cfg.files_dir, stored);
	if ((e = write_new(dst, p, n)))
		goto out;
	if (!(e = db_begin(db)))
		e = db_end(db, attach(db, w, id, name, mime, stored, n, &a, &old));
	if (e)
		unlink(dst);	/* the row does not point at it */
	else if (old && *old)
		unlink(arena_printf(&a, "%s/%s", cfg.files_dir, old));
out:
	arena_release(&a);
	return e;
}

enum err
review_report_file_get(struct db *db, const struct who *w, int64_t id, int64_t secretary_id,
    struct arena *a, const char **path, const char **type, const char **name)
{
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
		*path = arena_printf(a, "%s/%s", cfg.files_dir, db_text(&q, 0));
		*type = arena_strdup(a, db_text(&q, 1));
		*name = arena_strdup(a, db_text(&q, 2));
	}
	db_rows_close(&q);
	return e;
}

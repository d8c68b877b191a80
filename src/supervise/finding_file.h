/* finding_file.h: evidence files of findings (整改佐证材料, issue 4). The
 * responsible organization's secretary uploads files while the finding is
 * being rectified (rectifying or returned); the next submission attaches
 * every pending file to its evidence row. Files are typed by their first
 * bytes (FILESTORE_DOCUMENTS: JPEG, PNG, PDF, .docx, .xlsx), stored under
 * cfg.files_dir by random name and read back only in the finding's scope. */
#ifndef HY_FINDING_FILE_H
#define HY_FINDING_FILE_H

#include <stddef.h>
#include <stdint.h>

#include "auth/who.h"
#include "core/err.h"

struct arena;
struct buf;
struct db;

struct finding_file {
	int64_t id, finding_id, evidence_id, size, at, uploaded_by;	/* evidence_id 0: pending */
	const char *name, *mime, *sha256, *stored_as;
};

/* Stores one file for finding id (temp file, rename, row and audit row in
 * one transaction). ERR_NOT_FOUND out of scope; ERR_FORBIDDEN (wrong_side)
 * unless w is the responsible side; ERR_CONFLICT (invalid_transition,
 * naming the state) unless rectifying or returned; ERR_INVALID naming
 * "name" or "file". */
enum err finding_file_add(struct db *db, const struct who *w, int64_t id, const char *name,
    const void *p, size_t n, struct problem *pb, int64_t *file_id);
/* The files of finding id in scope, oldest first (strings in a). */
enum err finding_file_list(struct db *db, const struct who *w, int64_t id, struct arena *a,
    void (*fn)(void *ctx, const struct finding_file *f), void *ctx);
/* One file's row in scope (strings in a). ERR_NOT_FOUND otherwise. */
enum err finding_file_get(struct db *db, const struct who *w, int64_t file_id, struct arena *a,
    struct finding_file *f);
/* One file in scope, opened: *fd is the caller's (filestore_open()). */
enum err finding_file_open(struct db *db, const struct who *w, int64_t file_id,
    struct arena *a, struct finding_file *f, int *fd);
/* Deletes a pending file (responsible side; submitted files are evidence
 * and stay: ERR_CONFLICT, code file_submitted). Audited. */
enum err finding_file_delete(struct db *db, const struct who *w, int64_t file_id,
    struct problem *pb);
/* Inside the submission's transaction: attaches the finding's pending
 * files to evidence row evidence_id; *n gets how many. */
enum err finding_file_attach(struct db *db, int64_t id, int64_t evidence_id, int64_t *n);

#endif

/* filestore.h: uploaded files on disk, for every module that keeps them
 * (meetings, findings, inspections, applicants, the study library, review
 * reports). The type comes from the first bytes, never the client's name;
 * the bytes live under cfg.files_dir by a random name; the caller keeps
 * its own row, scope check and audit row, and this module keeps the file
 * in step with that row's transaction, so no failed write leaves a file. */
#ifndef HY_FILESTORE_H
#define HY_FILESTORE_H

#include <limits.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

/* The kinds a caller may accept (bits). */
enum filestore_kind {
	FILESTORE_JPEG = 1 << 0,
	FILESTORE_PNG = 1 << 1,
	FILESTORE_PDF = 1 << 2,
	FILESTORE_DOCX = 1 << 3,	/* a zip named *.docx naming a wordprocessingml main part */
	FILESTORE_XLSX = 1 << 4,	/* a zip named *.xlsx naming a spreadsheetml main part */
};
/* What every module accepts today: JPG, PNG, PDF, Word (.docx), Excel (.xlsx). */
#define FILESTORE_DOCUMENTS (FILESTORE_JPEG | FILESTORE_PNG | FILESTORE_PDF | \
	FILESTORE_DOCX | FILESTORE_XLSX)

/* A stored name: 43 base64url characters and the NUL. */
#define FILESTORE_NAME_MAX 44
/* A client's file name: 1 to this many bytes. */
#define FILESTORE_CLIENT_NAME_MAX 200

/* Pure: the MIME type (a static string) of bytes p[0..n) when their kind is
 * in allowed; a zip counts as .docx/.xlsx by name's extension (name may be
 * NULL: then never) when its [Content_Types].xml gives a part it holds the
 * main type of that kind (issue 10). NULL when the kind is unknown or not
 * allowed. */
const char *filestore_type(const void *p, size_t n, const char *name, unsigned allowed);
/* Pure: the static string equal to a stored MIME type (rows hold copies),
 * "application/octet-stream" for any other or NULL. */
const char *filestore_mime(const char *mime);
/* Pure: whether a client's file name may be stored and sent back: 1-200
 * bytes, no control character, '/', '\\' or '"'. It is never a path. */
int filestore_name_ok(const char *name);
/* Pure: checks an upload, adding to pb the field problems "name" and
 * "file" (empty; a kind not in allowed) in Chinese. *mime gets the type.
 * ERR_INVALID when pb has any field problem (the caller's own included, so
 * a caller may add its fields first); ERR_TOO_BIG when n > max (max 0: no
 * limit; the HTTP body limit usually answers first); else ERR_OK. */
enum err filestore_check(const char *name, const void *p, size_t n, unsigned allowed,
    size_t max, struct problem *pb, const char **mime);

/* One file on its way in. Zero it ({0}) before filestore_stage(), so that
 * filestore_end() is safe on every path. stored is the name for the row. */
struct filestore_put {
	char stored[FILESTORE_NAME_MAX];
	char tmp[PATH_MAX], dst[PATH_MAX];
	int state;		/* 0 nothing on disk, 1 temp file, 2 placed */
};

/* Writes bytes to a new temp file under cfg.files_dir (created 0700 when
 * missing), fsynced, and picks fp->stored. Call before the transaction.
 * ERR_STORE (logged) leaves no file. */
enum err filestore_stage(struct filestore_put *fp, const void *p, size_t n);
/* Renames the temp file to its stored name. Call inside the transaction,
 * after the row that names fp->stored. ERR_STORE (logged) on failure. */
enum err filestore_place(struct filestore_put *fp);
/* After the transaction ended with e: when e is not ERR_OK, removes what
 * fp left (the temp file, or the placed file a failed commit orphaned).
 * Returns e, so callers write return filestore_end(&fp, e). */
enum err filestore_end(struct filestore_put *fp, enum err e);

/* Removes a stored file once the transaction that dropped (or replaced)
 * its row has committed. NULL or "" does nothing; errors are logged. */
void filestore_remove(const char *stored);
/* Opens a stored file for reading; *fd is the caller's to close (or to hand
 * to upload_reply()). size >= 0 must match the file's size. ERR_STORE
 * (logged) when it is missing or its size differs. */
enum err filestore_open(const char *stored, int64_t size, int *fd);

#endif

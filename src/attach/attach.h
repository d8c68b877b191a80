/* attach.h: files attached to any record of any area (issue 19), in one
 * table (`attachment`: owner kind, owner id, part, client name, type, size,
 * sha256, stored name, uploader, time) with one API shape:
 *
 *   GET  /api/v1/<owner path>/{id}/files     the owner's files, oldest first
 *   POST /api/v1/<owner path>/{id}/files     ?name= (and ?<part_param>=),
 *                                            the raw bytes as the body
 *   GET  /api/v1/files/{file_id}             the bytes
 *   DELETE /api/v1/files/{file_id}
 *
 * An area registers an owner kind with one struct attach_owner and one line
 * in src/attach/registry.c; the owner says which kinds of file it accepts,
 * how large, who may call its routes, and (its `may` function) whether this
 * caller may list, read, add or delete for one owner now. This module knows
 * no area: it keeps the rows, the audit rows (entity "attachment") and, by
 * core/filestore.h, the bytes, in step with the row's transaction.
 *
 * Strings in a struct attachment live in the caller's arena; owner points
 * to the static registration. */
#ifndef HY_ATTACH_H
#define HY_ATTACH_H

#include <stddef.h>
#include <stdint.h>

#include "auth/who.h"
#include "core/arena.h"
#include "core/err.h"

struct db;
struct jw;

struct attachment {
	int64_t id, owner_id, part, size, at, uploaded_by;
	const struct attach_owner *owner;
	const char *name, *mime, *sha256, *stored_as;
};

enum attach_op { ATTACH_LIST, ATTACH_READ, ATTACH_ADD, ATTACH_DELETE };

/* flags */
#define ATTACH_ONE 1u	/* one file per owner and part: an upload replaces it */

struct attach_owner {
	const char *name;	/* the rows' owner_kind: "meeting"; never changes */
	const char *path;	/* the routes' segment: "meetings", "study/library" */
	unsigned kinds;		/* FILESTORE_* bits accepted */
	int64_t max_bytes;	/* 0: cfg.upload_max (the HTTP body limit) */
	unsigned read_roles;	/* may call GET …/files and GET /files/{id} */
	unsigned write_roles;	/* may call POST …/files and DELETE /files/{id} */
	unsigned flags;
	/* When set, an upload names its part by this query argument (an
	 * applicant's ?step=N), 1..part_max, and a missing or bad one is 422
	 * naming it; when NULL every upload is part 0. */
	const char *part_param;
	int64_t part_max;
	/* Whether w may do op for owner id. f is the file for READ and DELETE,
	 * NULL for LIST and ADD. ERR_NOT_FOUND when the owner is not in w's
	 * scope (a foreign id answers 404, as if it did not exist); a problem
	 * in pb (403, 409) when it is in scope but not open to w now. For ADD
	 * and DELETE it is called again inside the write transaction. */
	enum err (*may)(struct db *db, const struct who *w, int64_t owner_id, enum attach_op op,
	    const struct attachment *f, struct problem *pb);
	/* Optional: the table its files lived in before issue 19 ("finding_file").
	 * Its routes by file id (attach_reply_bytes/_delete with only = this
	 * owner) then also find a file by the id it had there, for links made
	 * before the upgrade (the migration kept that id where it was free). */
	const char *legacy_table;
	/* Optional: the owner's own keys in a file's JSON beside the common
	 * ones (the keys its routes had before issue 19: "meeting_id" …). */
	void (*json_extra)(struct jw *w, const struct attachment *f);
};

/* The registered owner kinds (registry.c), NULL-terminated. */
extern const struct attach_owner *const attach_owners[];

/* The owner registered under path (len bytes of it, not NUL-terminated),
 * or NULL. */
const struct attach_owner *attach_owner_by_path(const char *path, size_t len);
/* The owner registered under name, or NULL. */
const struct attach_owner *attach_owner_by_name(const char *name);

/* Calls fn for every file of owner id that w may list, oldest first. */
enum err attach_list(struct db *db, const struct who *w, const struct attach_owner *o,
    int64_t id, struct arena *a, void (*fn)(void *ctx, const struct attachment *f), void *ctx);
/* Stores one file for owner id: checks w (may ADD), the name and the bytes
 * (filestore_check: 422 naming "name", "file", or the part parameter;
 * 413 beyond the owner's limit), writes the row and its audit row in one
 * transaction and places the bytes in it. With ATTACH_ONE the owner's
 * earlier file of that part is replaced (its row and, after the commit,
 * its bytes). *out gets the row as written (strings in a, name borrowed):
 * not read back, since a parallel upload may already have replaced it. */
enum err attach_add(struct db *db, const struct who *w, const struct attach_owner *o,
    int64_t id, int64_t part, const char *name, const void *p, size_t n, struct problem *pb,
    struct arena *a, struct attachment *out);
/* One file w may read. only, when not NULL, is the owner kind it must be
 * (an older route's files); another kind is ERR_NOT_FOUND. */
enum err attach_get(struct db *db, const struct who *w, int64_t file_id,
    const struct attach_owner *only, struct arena *a, struct attachment *f);
/* attach_get() and its bytes opened: *fd is the caller's (upload_reply()). */
enum err attach_open(struct db *db, const struct who *w, int64_t file_id,
    const struct attach_owner *only, struct arena *a, struct attachment *f, int *fd);
/* Deletes one file (may DELETE), row and audit row in one transaction; the
 * bytes go after the commit unless another row names them. */
enum err attach_delete(struct db *db, const struct who *w, int64_t file_id,
    const struct attach_owner *only, struct problem *pb);

/* --- for an area's own store, inside or beside its own checks --- */

/* The file an older route's id names (GET /finding-files/{id} …): id
 * itself when it is a file of owner o, else the row a migration moved
 * from that route's table (legacy '<table>:<id>'). A migration keeps an
 * old id where it is free and gives the others ids above every old one,
 * so the two never name different files. ERR_NOT_FOUND when neither; no
 * scope check (attach_get's follows). */
enum err attach_legacy_id(struct db *db, const struct attach_owner *o, const char *table,
    int64_t id, int64_t *file_id);

/* The file by id whatever its owner, without a scope check: only for a
 * caller that proved the reader may see it (a published library item
 * naming a meeting's file). */
enum err attach_open_trusted(struct db *db, int64_t file_id, struct arena *a,
    struct attachment *f, int *fd);
/* Inside the caller's transaction: moves owner id's files of part from to
 * part to (a finding's pending files to the submission that took them);
 * *n gets how many. */
enum err attach_move_part(struct db *db, const struct attach_owner *o, int64_t id,
    int64_t from, int64_t to, int64_t *n);
/* Inside the caller's transaction: gives owner to_id a row for each of
 * owner from_id's files (the same bytes: a revised inspection's draft
 * keeps its files). */
enum err attach_copy(struct db *db, const struct attach_owner *o, int64_t from_id,
    int64_t to_id);
/* Inside the caller's transaction (the owner row is being deleted):
 * deletes owner id's files, an audit row each; *gone gets their stored
 * names (in a, NULL-terminated) for attach_remove_gone() after the commit. */
enum err attach_drop_owner(struct db *db, const struct who *w, const struct attach_owner *o,
    int64_t id, struct arena *a, const char ***gone);
/* After the commit: removes the bytes of each name in gone (NULL: none)
 * that no row names any more. */
void attach_remove_gone(struct db *db, const char *const *gone);
/* Calls fn for every file of owner id with no scope check: for an area
 * embedding the files in a record it has just read in scope. */
enum err attach_each(struct db *db, const struct attach_owner *o, int64_t id, struct arena *a,
    void (*fn)(void *ctx, const struct attachment *f), void *ctx);

/* For a migration (migrate.c's step after its SQL, in its transaction):
 * fills size and sha256 of rows moved from a table that kept neither
 * (size -1) by reading their bytes; a file that cannot be read keeps -1
 * (filestore_open() then checks no size). */
enum err attach_fill_unknown(struct db *db);

/* --- the one JSON shape (attach_api.c) --- */

/* Writes a file as an object: {id, owner, owner_id, part, name, mime, size,
 * sha256, uploaded_by, uploaded_at, url} and the owner's extra keys. */
void attach_json(struct jw *w, const struct attachment *f);
/* Writes "files": [ … ] of owner id (attach_each) into an open object. */
enum err attach_json_files(struct jw *w, struct db *db, const struct attach_owner *o,
    int64_t id, struct arena *a);

#endif

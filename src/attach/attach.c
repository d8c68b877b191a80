/* attach.c: the rows of attached files (see attach.h). The bytes are
 * core/filestore.h's; the scope is each owner's `may`. */
#include "core/common.h"
#include "attach/attach.h"

#include <sys/stat.h>
#include <unistd.h>

#include "auth/audit.h"
#include "auth/crypto.h"
#include "core/config.h"
#include "core/filestore.h"
#include "db/db.h"

#define COLS "id, owner_kind, owner_id, part, size, at, COALESCE(uploaded_by, 0), name, mime," \
	" sha256, stored_as"

const struct attach_owner *
attach_owner_by_path(const char *path, size_t len)
{
	for (const struct attach_owner *const *o = attach_owners; *o; o++)
		if (strlen((*o)->path) == len && !memcmp((*o)->path, path, len))
			return *o;
	return NULL;
}

const struct attach_owner *
attach_owner_by_name(const char *name)
{
	for (const struct attach_owner *const *o = attach_owners; *o; o++)
		if (!strcmp((*o)->name, name))
			return *o;
	return NULL;
}

/* A row of COLS; ERR_NOT_FOUND for a kind no longer registered. */
static enum err
from_row(struct db_rows *r, struct arena *a, struct attachment *f)
{
	f->id = db_i64(r, 0);
	f->owner = attach_owner_by_name(db_text(r, 1));
	f->owner_id = db_i64(r, 2);
	f->part = db_i64(r, 3);
	f->size = db_i64(r, 4);
	f->at = db_i64(r, 5);
	f->uploaded_by = db_i64(r, 6);
	f->name = arena_strdup(a, db_text(r, 7));
	f->mime = arena_strdup(a, db_text(r, 8));
	f->sha256 = arena_strdup(a, db_text(r, 9));
	f->stored_as = arena_strdup(a, db_text(r, 10));
	return f->owner ? ERR_OK : ERR_NOT_FOUND;
}

/* The row by id, unchecked. */
static enum err
row_by_id(struct db *db, int64_t file_id, struct arena *a, struct attachment *f)
{
	struct db_rows r;
	enum err e = db_query(db, &r, "SELECT " COLS " FROM attachment WHERE id = ?",
	    DB_I64(file_id), DB_END);

	if (e)
		return e;
	if (!(e = db_next(&r)))
		e = from_row(&r, a, f);
	db_rows_close(&r);
	return e;
}

enum err
attach_each(struct db *db, const struct attach_owner *o, int64_t id, struct arena *a,
    void (*fn)(void *ctx, const struct attachment *f), void *ctx)
{
	struct db_rows r;
	enum err e = db_query(db, &r, "SELECT " COLS " FROM attachment WHERE owner_kind = ?"
	    " AND owner_id = ? ORDER BY part, id", DB_TEXT(o->name), DB_I64(id), DB_END);

	if (e)
		return e;
	while ((e = db_next(&r)) == ERR_OK) {
		struct attachment f;

		if (from_row(&r, a, &f) == ERR_OK)
			fn(ctx, &f);
	}
	db_rows_close(&r);
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}

enum err
attach_list(struct db *db, const struct who *w, const struct attach_owner *o, int64_t id,
    struct arena *a, void (*fn)(void *ctx, const struct attachment *f), void *ctx)
{
	struct problem pb = { 0 };
	enum err e = o->may(db, w, id, ATTACH_LIST, NULL, &pb);

	return e ? e : attach_each(db, o, id, a, fn, ctx);
}

/* The part of an upload: 0, or 1..part_max when the owner names one. */
static void
check_part(const struct attach_owner *o, int64_t part, struct problem *pb)
{
	if (!o->part_param ? part != 0 : part < 1 || part > o->part_max)
		problem_field(pb, o->part_param ? o->part_param : "part", "应为1至%" PRId64 "的整数",
		    o->part_max);
}

/* With ATTACH_ONE: drops the owner's file of this part, if any, inside the
 * transaction; *old gets its stored name (arena) to remove after commit. */
static enum err
drop_previous(struct db *db, const struct who *w, const struct attach_owner *o, int64_t id,
    int64_t part, struct arena *a, const char **old)
{
	struct db_rows r;
	int64_t prev = 0;
	enum err e;

	*old = NULL;
	if (!(o->flags & ATTACH_ONE))
		return ERR_OK;
	if ((e = db_query(db, &r, "SELECT id, stored_as FROM attachment WHERE owner_kind = ?"
	    " AND owner_id = ? AND part = ?", DB_TEXT(o->name), DB_I64(id), DB_I64(part), DB_END)))
		return e;
	if ((e = db_next(&r)) == ERR_OK) {
		prev = db_i64(&r, 0);
		*old = arena_strdup(a, db_text(&r, 1));
	}
	db_rows_close(&r);
	if (e)
		return e == ERR_NOT_FOUND ? ERR_OK : e;
	if ((e = db_exec(db, "DELETE FROM attachment WHERE id = ?", DB_I64(prev), DB_END)))
		return e;
	return audit_write(db, w, "replace", "attachment", prev, arena_printf(a,
	    "{\"owner\":\"%s\",\"owner_id\":%" PRId64 "}", o->name, id), NULL, 1);
}

/* Inserts out's row (owner, owner_id, part, name, mime, size, stored_as
 * and uploaded_by filled in); fills its id, sha256 (in a) and time. */
static enum err
insert_row(struct db *db, const struct who *w, const void *p, struct arena *a,
    struct attachment *out)
{
	char sha[CRYPTO_MAC_HEX];
	enum err e;

	crypto_sha256_hex(p, (size_t)out->size, sha);
	out->sha256 = arena_strdup(a, sha);
	out->at = time(NULL);
	e = db_exec(db, "INSERT INTO attachment (owner_kind, owner_id, part, name, mime, size,"
	    " sha256, stored_as, uploaded_by, at) VALUES (?,?,?,?,?,?,?,?,?,?)",
	    DB_TEXT(out->owner->name), DB_I64(out->owner_id), DB_I64(out->part), DB_TEXT(out->name),
	    DB_TEXT(out->mime), DB_I64(out->size), DB_TEXT(sha), DB_TEXT(out->stored_as),
	    out->uploaded_by ? DB_I64(out->uploaded_by) : DB_NULL, DB_I64(out->at), DB_END);
	if (e)
		return e;
	out->id = db_last_id(db);
	return audit_write(db, w, "upload", "attachment", out->id, NULL, arena_printf(a,
	    "{\"owner\":\"%s\",\"owner_id\":%" PRId64 ",\"part\":%" PRId64 ",\"size\":%" PRId64
	    ",\"mime\":\"%s\",\"sha256\":\"%s\"}", out->owner->name, out->owner_id, out->part,
	    out->size, out->mime, sha), 1);
}

enum err
attach_add(struct db *db, const struct who *w, const struct attach_owner *o, int64_t id,
    int64_t part, const char *name, const void *p, size_t n, struct problem *pb,
    struct arena *a, struct attachment *out)
{
	struct filestore_put fp = { 0 };
	const char *mime, *old = NULL;
	size_t max = (size_t)(o->max_bytes ? o->max_bytes : cfg.upload_max);
	enum err e;

	/* The owner first: a foreign id is 404 whatever the upload. */
	if ((e = o->may(db, w, id, ATTACH_ADD, NULL, pb)))
		return e;
	check_part(o, part, pb);
	if ((e = filestore_check(name, p, n, o->kinds, max, pb, &mime)) ||
	    (e = filestore_stage(&fp, p, n)) || (e = db_begin(db)))
		return filestore_end(&fp, e);
	*out = (struct attachment){ .owner = o, .owner_id = id, .part = part, .name = name,
		.mime = mime, .size = (int64_t)n, .uploaded_by = w->user_id,
		.stored_as = arena_strdup(a, fp.stored) };
	if (!(e = o->may(db, w, id, ATTACH_ADD, NULL, pb)) &&
	    !(e = drop_previous(db, w, o, id, part, a, &old)) &&
	    !(e = insert_row(db, w, p, a, out)))
		e = filestore_place(&fp);
	if (!(e = db_end(db, e))) {
		const char *gone[] = { old, NULL };	/* the replaced file's bytes */

		attach_remove_gone(db, gone);
	}
	return filestore_end(&fp, e);
}

enum err
attach_get(struct db *db, const struct who *w, int64_t file_id,
    const struct attach_owner *only, struct arena *a, struct attachment *f)
{
	struct problem pb = { 0 };
	enum err e = row_by_id(db, file_id, a, f);

	if (!e && only && f->owner != only)
		e = ERR_NOT_FOUND;
	/* A role the owner does not serve learns nothing: 404 like a foreign id. */
	if (!e && !(f->owner->read_roles & w->role))
		e = ERR_NOT_FOUND;
	if (!e)
		e = f->owner->may(db, w, f->owner_id, ATTACH_READ, f, &pb);
	return e == ERR_OK || e == ERR_NOT_FOUND ? e : ERR_NOT_FOUND;
}

enum err
attach_open(struct db *db, const struct who *w, int64_t file_id,
    const struct attach_owner *only, struct arena *a, struct attachment *f, int *fd)
{
	enum err e = attach_get(db, w, file_id, only, a, f);

	return e ? e : filestore_open(f->stored_as, f->size, fd);
}

enum err
attach_open_trusted(struct db *db, int64_t file_id, struct arena *a, struct attachment *f,
    int *fd)
{
	enum err e = row_by_id(db, file_id, a, f);

	return e ? e : filestore_open(f->stored_as, f->size, fd);
}

/* Whether another row still names stored (a copy's bytes). */
static enum err
bytes_shared(struct db *db, const char *stored, int *shared)
{
	struct db_rows r;
	enum err e = db_query(db, &r, "SELECT 1 FROM attachment WHERE stored_as = ? LIMIT 1",
	    DB_TEXT(stored), DB_END);

	if (e)
		return e;
	e = db_next(&r);
	db_rows_close(&r);
	*shared = e == ERR_OK;
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}

static enum err
delete_row(struct db *db, const struct who *w, const struct attachment *f, struct arena *a,
    struct problem *pb, int *shared)
{
	enum err e;

	if ((e = f->owner->may(db, w, f->owner_id, ATTACH_DELETE, f, pb)) ||
	    (e = db_exec(db, "DELETE FROM attachment WHERE id = ?", DB_I64(f->id), DB_END)) ||
	    (e = bytes_shared(db, f->stored_as, shared)))
		return e;
	return audit_write(db, w, "delete", "attachment", f->id, arena_printf(a,
	    "{\"owner\":\"%s\",\"owner_id\":%" PRId64 ",\"name\":\"%s\",\"sha256\":\"%s\"}",
	    f->owner->name, f->owner_id, f->name, f->sha256), NULL, 1);
}

enum err
attach_delete(struct db *db, const struct who *w, int64_t file_id,
    const struct attach_owner *only, struct problem *pb)
{
	struct arena a = ARENA_INIT;
	struct attachment f;
	int shared = 0;
	enum err e = attach_get(db, w, file_id, only, &a, &f);

	if (!e && !(f.owner->write_roles & w->role))
		e = problem_set(pb, ERR_FORBIDDEN, "forbidden", "您没有删除此附件的权限");
	if (!e && !(e = f.owner->may(db, w, f.owner_id, ATTACH_DELETE, &f, pb)) &&
	    !(e = db_begin(db))) {
		e = delete_row(db, w, &f, &a, pb, &shared);
		if (!(e = db_end(db, e)) && !shared)
			filestore_remove(f.stored_as);
	}
	arena_release(&a);
	return e;
}

enum err
attach_legacy_id(struct db *db, const struct attach_owner *o, const char *table, int64_t id,
    int64_t *file_id)
{
	char legacy[96];

	snprintf(legacy, sizeof(legacy), "%s:%" PRId64, table, id);
	return db_get_i64(db, file_id, "SELECT id FROM attachment WHERE owner_kind = ?"
	    " AND (id = ? OR legacy = ?) ORDER BY id = ? DESC LIMIT 1", DB_TEXT(o->name),
	    DB_I64(id), DB_TEXT(legacy), DB_I64(id), DB_END);
}

enum err
attach_move_part(struct db *db, const struct attach_owner *o, int64_t id, int64_t from,
    int64_t to, int64_t *n)
{
	enum err e = db_exec(db, "UPDATE attachment SET part = ? WHERE owner_kind = ?"
	    " AND owner_id = ? AND part = ?", DB_I64(to), DB_TEXT(o->name), DB_I64(id),
	    DB_I64(from), DB_END);

	*n = e ? 0 : db_changes(db);
	return e;
}

enum err
attach_copy(struct db *db, const struct attach_owner *o, int64_t from_id, int64_t to_id)
{
	return db_exec(db, "INSERT INTO attachment (owner_kind, owner_id, part, name, mime, size,"
	    " sha256, stored_as, uploaded_by, at) SELECT owner_kind, ?, part, name, mime, size,"
	    " sha256, stored_as, uploaded_by, at FROM attachment WHERE owner_kind = ?"
	    " AND owner_id = ? ORDER BY id", DB_I64(to_id), DB_TEXT(o->name), DB_I64(from_id),
	    DB_END);
}

#define DROP_MAX 64	/* files dropped with one owner per round of the loop */

enum err
attach_drop_owner(struct db *db, const struct who *w, const struct attach_owner *o, int64_t id,
    struct arena *a, const char ***gone)
{
	size_t n = 0, cap = DROP_MAX;
	const char **names = arena_alloc(a, (cap + 1) * sizeof(*names));
	struct db_rows r;
	enum err e;

	*gone = names;
	/* Rows leave as they are read, a round at a time (no cursor open across
	 * the deletes). */
	for (;;) {
		int64_t ids[DROP_MAX];
		size_t got = 0;

		if ((e = db_query(db, &r, "SELECT id, stored_as, name, sha256 FROM attachment"
		    " WHERE owner_kind = ? AND owner_id = ? ORDER BY id LIMIT ?", DB_TEXT(o->name),
		    DB_I64(id), DB_I64(DROP_MAX), DB_END)))
			return e;
		while (got < DROP_MAX && (e = db_next(&r)) == ERR_OK) {
			if (n == cap) {
				const char **more = arena_alloc(a, (2 * cap + 1) * sizeof(*more));

				memcpy(more, names, n * sizeof(*names));
				*gone = names = more;
				cap *= 2;
			}
			ids[got++] = db_i64(&r, 0);
			names[n++] = arena_strdup(a, db_text(&r, 1));
		}
		db_rows_close(&r);
		if (e && e != ERR_NOT_FOUND)
			return e;
		for (size_t i = 0; i < got; i++)
			if ((e = db_exec(db, "DELETE FROM attachment WHERE id = ?", DB_I64(ids[i]),
			    DB_END)) || (e = audit_write(db, w, "delete", "attachment", ids[i],
			    arena_printf(a, "{\"owner\":\"%s\",\"owner_id\":%" PRId64 "}", o->name, id),
			    NULL, 1)))
				return e;
		if (got < DROP_MAX)
			return ERR_OK;
	}
}

void
attach_remove_gone(struct db *db, const char *const *gone)
{
	for (; gone && *gone; gone++) {
		int shared = 1;

		if (!bytes_shared(db, *gone, &shared) && !shared)
			filestore_remove(*gone);
	}
}

/* The bytes of fd (its whole size) hashed; *size gets their count. */
static enum err
hash_fd(int fd, int64_t *size, char sha[CRYPTO_MAC_HEX])
{
	struct stat st;
	char *p;
	size_t n = 0;

	if (fstat(fd, &st) || !(p = malloc((size_t)st.st_size + 1)))
		return ERR_STORE;
	while (n < (size_t)st.st_size) {
		ssize_t k = read(fd, p + n, (size_t)st.st_size - n);

		if (k <= 0)
			break;
		n += (size_t)k;
	}
	if (n == (size_t)st.st_size)
		crypto_sha256_hex(p, n, sha);
	free(p);
	*size = (int64_t)n;
	return n == (size_t)st.st_size ? ERR_OK : ERR_STORE;
}

/* The next row after id `after` whose size is unknown: *id 0 when none. */
static enum err
next_unknown(struct db *db, int64_t after, struct arena *a, int64_t *id, const char **stored)
{
	struct db_rows r;
	enum err e = db_query(db, &r, "SELECT id, stored_as FROM attachment WHERE size < 0"
	    " AND id > ? ORDER BY id LIMIT 1", DB_I64(after), DB_END);

	*id = 0;
	if (e)
		return e;
	if ((e = db_next(&r)) == ERR_OK) {
		*id = db_i64(&r, 0);
		*stored = arena_strdup(a, db_text(&r, 1));
	}
	db_rows_close(&r);
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}

enum err
attach_fill_unknown(struct db *db)
{
	struct arena a = ARENA_INIT;
	const char *stored = NULL;
	int64_t id = 0;
	enum err e;

	while (!(e = next_unknown(db, id, &a, &id, &stored)) && id) {
		char sha[CRYPTO_MAC_HEX];
		int64_t size = -1;
		int fd;

		if (filestore_open(stored, -1, &fd))
			continue;	/* missing: stays unknown (filestore logged it) */
		if (!hash_fd(fd, &size, sha))
			e = db_exec(db, "UPDATE attachment SET size = ?, sha256 = ? WHERE id = ?",
			    DB_I64(size), DB_TEXT(sha), DB_I64(id), DB_END);
		close(fd);
		if (e)
			break;
	}
	arena_release(&a);
	return e;
}

#include "core/common.h"
#include "auth/audit.h"
#include "auth/crypto.h"
#include "core/buf.h"

/* The text the mac covers: every column but mac, in a fixed order. */
static void
audit_canonical(struct buf *b, int64_t id, int64_t at, int64_t actor_id, const char *actor,
    const char *action, const char *entity, int64_t entity_id, int ok, const char *address,
    const char *before, const char *after)
{
	buf_addf(b, "%" PRId64 "|%" PRId64 "|%" PRId64 "|%s|%s|%s|%" PRId64 "|%d|%s|%s|%s", id, at,
	    actor_id, actor, action, entity, entity_id, ok, address, before ? before : "",
	    after ? after : "");
}

static enum err
last_row(struct db *db, int64_t *id, char mac[CRYPTO_MAC_HEX])
{
	struct db_rows r;
	enum err e = db_query(db, &r, "SELECT id, mac FROM audit ORDER BY id DESC LIMIT 1", DB_END);

	if (e)
		return e;
	*id = 0;
	snprintf(mac, CRYPTO_MAC_HEX, "%s", "genesis");
	e = db_next(&r);
	if (!e) {
		*id = db_i64(&r, 0);
		snprintf(mac, CRYPTO_MAC_HEX, "%s", db_text(&r, 1));
	}
	db_rows_close(&r);
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}

enum err
audit_write(struct db *db, const struct who *w, const char *action, const char *entity,
    int64_t entity_id, const char *before, const char *after, int ok)
{
	struct buf b = BUF_INIT(SIZE_MAX);
	char prev[CRYPTO_MAC_HEX], mac[CRYPTO_MAC_HEX];
	const char *actor = w->username ? w->username : "system";
	const char *addr = w->address ? w->address : "";
	int64_t id, at = time(NULL);
	enum err e = last_row(db, &id, prev);

	if (e)
		return e;
	id++;
	audit_canonical(&b, id, at, w->user_id, actor, action, entity, entity_id, ok, addr, before,
	    after);
	crypto_audit_mac(prev, buf_str(&b), b.len, mac);
	buf_release(&b);
	return db_exec(db, "INSERT INTO audit (id, at, actor_id, actor, action, entity, entity_id,"
	    " ok, address, before_json, after_json, mac) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
	    DB_I64(id), DB_I64(at), w->user_id ? DB_I64(w->user_id) : DB_NULL, DB_TEXT(actor),
	    DB_TEXT(action), DB_TEXT(entity), entity_id ? DB_I64(entity_id) : DB_NULL, DB_I64(ok),
	    DB_TEXT(addr), DB_TEXT(before), DB_TEXT(after), DB_TEXT(mac), DB_END);
}

enum err
audit_write_alone(struct db *db, const struct who *w, const char *action, const char *entity,
    int64_t entity_id, const char *after, int ok)
{
	enum err e = db_begin(db);

	if (e)
		return e;
	e = audit_write(db, w, action, entity, entity_id, NULL, after, ok);
	return db_end(db, e);
}

static int
row_ok(struct db_rows *r, const char *prev)
{
	struct buf b = BUF_INIT(SIZE_MAX);
	char mac[CRYPTO_MAC_HEX];
	const char *stored = db_text(r, 11);
	int ok;

	audit_canonical(&b, db_i64(r, 0), db_i64(r, 1), db_i64(r, 2), db_text(r, 3), db_text(r, 4),
	    db_text(r, 5), db_i64(r, 6), (int)db_i64(r, 7), db_text(r, 8), db_text(r, 9),
	    db_text(r, 10));
	crypto_audit_mac(prev, buf_str(&b), b.len, mac);
	buf_release(&b);
	ok = stored && crypto_str_equal(mac, stored);
	return ok;
}

enum err
audit_verify(struct db *db, int64_t *bad_id, int64_t *nrows)
{
	char prev[CRYPTO_MAC_HEX] = "genesis";
	int64_t expect = 1;
	struct db_rows r;
	enum err e;

	*nrows = 0;
	e = db_query(db, &r, "SELECT id, at, COALESCE(actor_id, 0), actor, action, entity,"
	    " COALESCE(entity_id, 0), ok, address, before_json, after_json, mac FROM audit ORDER BY id",
	    DB_END);
	if (e)
		return e;
	while ((e = db_next(&r)) == ERR_OK) {
		/* A deleted row breaks the sequence as surely as an edited one. */
		if (db_i64(&r, 0) != expect || !row_ok(&r, prev)) {
			*bad_id = db_i64(&r, 0);
			db_rows_close(&r);
			return ERR_CONFLICT;
		}
		snprintf(prev, sizeof(prev), "%s", db_text(&r, 11));
		expect++;
		(*nrows)++;
	}
	db_rows_close(&r);
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}

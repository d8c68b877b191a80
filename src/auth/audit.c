#include "core/common.h"
#include "auth/audit.h"
#include "auth/crypto.h"
#include "core/buf.h"

/* One audit row as the chain sees it; strings borrowed from the query. */
struct audit_row {
	int64_t id, at, actor_id, entity_id;
	const char *actor, *action, *entity, *address, *before, *after, *mac;
	int ok, chain;
};

#define ROW_COLS "id, at, COALESCE(actor_id, 0), actor, action, entity, COALESCE(entity_id, 0)," \
	" ok, address, before_json, after_json, mac, chain"

static void
row_read(struct db_rows *r, struct audit_row *a)
{
	a->id = db_i64(r, 0);
	a->at = db_i64(r, 1);
	a->actor_id = db_i64(r, 2);
	a->actor = db_text(r, 3);
	a->action = db_text(r, 4);
	a->entity = db_text(r, 5);
	a->entity_id = db_i64(r, 6);
	a->ok = (int)db_i64(r, 7);
	a->address = db_text(r, 8);
	a->before = db_text(r, 9);
	a->after = db_text(r, 10);
	a->mac = db_text(r, 11);
	a->chain = (int)db_i64(r, 12);
}

/* Chain 1, rows written before migration 0020: fields joined by '|'. A '|'
 * inside a field could shift the boundaries, which is why chain 2 exists;
 * these rows are verified as they were written. */
static void
canonical_v1(struct buf *b, const struct audit_row *a)
{
	buf_addf(b, "%" PRId64 "|%" PRId64 "|%" PRId64 "|%s|%s|%s|%" PRId64 "|%d|%s|%s|%s", a->id,
	    a->at, a->actor_id, a->actor ? a->actor : "", a->action ? a->action : "",
	    a->entity ? a->entity : "", a->entity_id, a->ok, a->address ? a->address : "",
	    a->before ? a->before : "", a->after ? a->after : "");
}

/* A text field of chain 2: its length, ':', the bytes, ';' — or '~;' for
 * NULL — so no content can be read as another field's. */
static void
field(struct buf *b, const char *s)
{
	if (s)
		buf_addf(b, "%zu:%s;", strlen(s), s);
	else
		buf_adds(b, "~;");
}

/* Chain 2. It starts with "v2;", which no chain 1 text (a row id) can. */
static void
canonical_v2(struct buf *b, const struct audit_row *a)
{
	buf_addf(b, "v2;%" PRId64 ";%" PRId64 ";%" PRId64 ";", a->id, a->at, a->actor_id);
	field(b, a->actor);
	field(b, a->action);
	field(b, a->entity);
	buf_addf(b, "%" PRId64 ";%d;", a->entity_id, a->ok);
	field(b, a->address);
	field(b, a->before);
	field(b, a->after);
}

static void
row_mac(const struct audit_row *a, const char *prev, char mac[CRYPTO_MAC_HEX])
{
	struct buf b = BUF_INIT(SIZE_MAX);

	if (a->chain == 1)
		canonical_v1(&b, a);
	else
		canonical_v2(&b, a);
	crypto_audit_mac(prev, buf_str(&b), b.len, mac);
	buf_release(&b);
}

enum err
audit_head(struct db *db, int64_t *id, char mac[CRYPTO_MAC_HEX])
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
	char prev[CRYPTO_MAC_HEX], mac[CRYPTO_MAC_HEX];
	struct audit_row a = {
		.at = time(NULL), .actor_id = w->user_id,
		.actor = w->username ? w->username : "system", .action = action, .entity = entity,
		.entity_id = entity_id, .ok = ok, .address = w->address ? w->address : "",
		.before = before, .after = after, .chain = 2,
	};
	enum err e = audit_head(db, &a.id, prev);

	if (e)
		return e;
	a.id++;
	row_mac(&a, prev, mac);
	return db_exec(db, "INSERT INTO audit (id, at, actor_id, actor, action, entity, entity_id,"
	    " ok, address, before_json, after_json, mac, chain) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,2)",
	    DB_I64(a.id), DB_I64(a.at), a.actor_id ? DB_I64(a.actor_id) : DB_NULL, DB_TEXT(a.actor),
	    DB_TEXT(action), DB_TEXT(entity), entity_id ? DB_I64(entity_id) : DB_NULL, DB_I64(ok),
	    DB_TEXT(a.address), DB_TEXT(before), DB_TEXT(after), DB_TEXT(mac), DB_END);
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

/* The mac of row id (before it: "genesis" for id 0). */
enum err
audit_mac_of(struct db *db, int64_t id, char mac[CRYPTO_MAC_HEX])
{
	struct db_rows r;
	enum err e;

	if (id == 0) {
		snprintf(mac, CRYPTO_MAC_HEX, "%s", "genesis");
		return ERR_OK;
	}
	if ((e = db_query(db, &r, "SELECT mac FROM audit WHERE id = ?", DB_I64(id), DB_END)))
		return e;
	if (!(e = db_next(&r)))
		snprintf(mac, CRYPTO_MAC_HEX, "%s", db_text(&r, 0) ? db_text(&r, 0) : "");
	db_rows_close(&r);
	return e;
}

static void
rechain_text(struct buf *b, int64_t from, int64_t to, int64_t at, const char *reason,
    const char *to_mac)
{
	buf_addf(b, "rechain;%" PRId64 ";%" PRId64 ";%" PRId64 ";", from, to, at);
	field(b, reason);
	field(b, to_mac);
}

enum err
audit_rechain(struct db *db, int64_t from_id, const char *reason)
{
	char prev[CRYPTO_MAC_HEX], mac[CRYPTO_MAC_HEX] = "", sig[CRYPTO_MAC_HEX];
	struct buf b = BUF_INIT(SIZE_MAX);
	struct audit_row a;
	struct db_rows r;
	int64_t to = 0, at = time(NULL);
	enum err e;

	if (from_id < 1 || (e = audit_mac_of(db, from_id - 1, prev)))
		return from_id < 1 ? ERR_INVALID : e;
	/* Rows are rewritten as chain 2 while the query walks them: SQLite
	 * reads each row before its update, and ids do not move. */
	if ((e = db_query(db, &r, "SELECT " ROW_COLS " FROM audit WHERE id >= ? ORDER BY id",
	    DB_I64(from_id), DB_END)))
		return e;
	while (!e && (e = db_next(&r)) == ERR_OK) {
		row_read(&r, &a);
		a.chain = 2;
		row_mac(&a, prev, mac);
		to = a.id;
		e = db_exec(db, "UPDATE audit SET mac = ?, chain = 2 WHERE id = ?", DB_TEXT(mac),
		    DB_I64(a.id), DB_END);
		snprintf(prev, sizeof(prev), "%s", mac);
	}
	db_rows_close(&r);
	if (e != ERR_NOT_FOUND)
		return e;
	if (to == 0)
		return ERR_OK;	/* nothing from from_id on: nothing re-chained */
	rechain_text(&b, from_id, to, at, reason, mac);
	crypto_anchor_mac(buf_str(&b), sig);
	buf_release(&b);
	return db_exec(db, "INSERT INTO audit_rechain (from_id, to_id, at, reason, mac)"
	    " VALUES (?,?,?,?,?)", DB_I64(from_id), DB_I64(to), DB_I64(at), DB_TEXT(reason),
	    DB_TEXT(sig), DB_END);
}

/* Checks every re-chain record's mac against the row it ends at. */
static enum err
verify_rechains(struct db *db, struct audit_verdict *v)
{
	char to_mac[CRYPTO_MAC_HEX], sig[CRYPTO_MAC_HEX];
	struct db_rows r;
	enum err e = db_query(db, &r, "SELECT id, from_id, to_id, at, reason, mac FROM audit_rechain"
	    " ORDER BY id", DB_END);

	if (e)
		return e;
	while ((e = db_next(&r)) == ERR_OK) {
		struct buf b = BUF_INIT(SIZE_MAX);
		struct audit_rechain_rec *rc;

		if (audit_mac_of(db, db_i64(&r, 2), to_mac))
			to_mac[0] = '\0';
		rechain_text(&b, db_i64(&r, 1), db_i64(&r, 2), db_i64(&r, 3), db_text(&r, 4), to_mac);
		crypto_anchor_mac(buf_str(&b), sig);
		buf_release(&b);
		if (!db_text(&r, 5) || !crypto_str_equal(sig, db_text(&r, 5))) {
			v->bad_rechain = db_i64(&r, 0);
			break;
		}
		if (v->nrechain < AUDIT_RECHAIN_MAX) {
			rc = &v->rechain[v->nrechain++];
			rc->from_id = db_i64(&r, 1);
			rc->to_id = db_i64(&r, 2);
			rc->at = db_i64(&r, 3);
			snprintf(rc->reason, sizeof(rc->reason), "%s", db_text(&r, 4));
		}
	}
	db_rows_close(&r);
	return e == ERR_NOT_FOUND || e == ERR_OK ? ERR_OK : e;
}

enum err
audit_verify(struct db *db, struct audit_verdict *v)
{
	char prev[CRYPTO_MAC_HEX] = "genesis", mac[CRYPTO_MAC_HEX];
	struct audit_row a;
	struct db_rows r;
	enum err e;

	memset(v, 0, sizeof(*v));
	if ((e = db_query(db, &r, "SELECT " ROW_COLS " FROM audit ORDER BY id", DB_END)))
		return e;
	while ((e = db_next(&r)) == ERR_OK) {
		row_read(&r, &a);
		row_mac(&a, prev, mac);
		/* A deleted row breaks the sequence as surely as an edited one. */
		if (a.id != v->nrows + 1 || !a.mac || !crypto_str_equal(mac, a.mac) ||
		    (a.chain != 1 && a.chain != 2)) {
			v->bad_id = a.id;
			break;
		}
		snprintf(prev, sizeof(prev), "%s", a.mac);
		v->nrows++;
	}
	db_rows_close(&r);
	if (e != ERR_NOT_FOUND && e != ERR_OK)
		return e;
	if ((e = verify_rechains(db, v)))
		return e;
	return v->bad_id || v->bad_rechain ? ERR_CONFLICT : ERR_OK;
}

/* birth.c: sealed birth dates and migration 0021's keyed step. */
#include "core/common.h"
#include "party/birth.h"
#include "auth/audit.h"
#include "auth/crypto.h"
#include "core/log.h"
#include "core/xalloc.h"

void
birth_seal(const char *date, unsigned char **out, size_t *len)
{
	*out = NULL;
	*len = 0;
	if (date)
		crypto_seal(date, out, len);
}

const char *
birth_open(struct db_rows *r, int col, struct arena *a)
{
	size_t n;
	const void *b = db_blob(r, col, &n);
	char *plain;
	const char *s;

	if (!b || !(plain = crypto_open(b, n)))
		return NULL;
	s = arena_strdup(a, plain);
	free(plain);
	return s;
}

/* Whether table still has the plaintext column (a database from before 0021). */
static enum err
has_plain(struct db *db, const char *table, int *yes)
{
	int64_t n = 0;
	enum err e = db_get_i64(db, &n, "SELECT COUNT(*) FROM pragma_table_info(?) WHERE name ="
	    " 'birth_date'", DB_TEXT(table), DB_END);

	*yes = n > 0;
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}

struct sealing {
	int64_t *id;
	char (*date)[11];
	size_t n, cap;
};

/* Seals table's plaintext birth dates into birth_enc, then drops the column. */
static enum err
seal_table(struct db *db, const char *table)
{
	struct sealing s = { 0 };
	char sql[160];
	struct db_rows r;
	int plain;
	enum err e = has_plain(db, table, &plain);

	if (e || !plain)
		return e;
	snprintf(sql, sizeof(sql), "SELECT id, birth_date FROM %s WHERE birth_date IS NOT NULL",
	    table);
	if ((e = db_query(db, &r, sql, DB_END)))
		return e;
	while ((e = db_next(&r)) == ERR_OK) {
		if (s.n == s.cap) {
			s.cap = s.cap ? 2 * s.cap : 1024;
			s.id = xrealloc(s.id, s.cap * sizeof(*s.id));
			s.date = xrealloc(s.date, s.cap * sizeof(*s.date));
		}
		s.id[s.n] = db_i64(&r, 0);
		snprintf(s.date[s.n++], 11, "%s", db_text(&r, 1));
	}
	db_rows_close(&r);
	e = e == ERR_NOT_FOUND ? ERR_OK : e;
	snprintf(sql, sizeof(sql), "UPDATE %s SET birth_enc = ? WHERE id = ?", table);
	for (size_t i = 0; !e && i < s.n; i++) {
		unsigned char *enc;
		size_t len;

		birth_seal(s.date[i], &enc, &len);
		e = db_exec(db, sql, DB_BLOB(enc, len), DB_I64(s.id[i]), DB_END);
		free(enc);
	}
	free(s.id);
	free(s.date);
	snprintf(sql, sizeof(sql), "ALTER TABLE %s DROP COLUMN birth_date", table);
	if (!e)
		e = db_exec(db, sql, DB_END);
	if (!e)
		log_info("migrate: sealed %zu birth dates of %s", s.n, table);
	return e;
}

struct scrub {
	int64_t *id;
	int *col;		/* 0 before_json, 1 after_json */
	char (*path)[128];
	size_t n, cap;
};

/* Every "birth_date" key, at any depth, of the audit rows' JSON. */
static enum err
find_birth_keys(struct db *db, struct scrub *s)
{
	static const char sql[] =
	    "SELECT a.id, 0, t.fullkey FROM audit a, json_tree(CASE WHEN json_valid(a.before_json)"
	    " THEN a.before_json ELSE '{}' END) t WHERE a.before_json LIKE '%birth_date%'"
	    " AND t.key = 'birth_date'"
	    " UNION ALL SELECT a.id, 1, t.fullkey FROM audit a, json_tree(CASE WHEN"
	    " json_valid(a.after_json) THEN a.after_json ELSE '{}' END) t WHERE a.after_json LIKE"
	    " '%birth_date%' AND t.key = 'birth_date' ORDER BY 1";
	struct db_rows r;
	enum err e = db_query(db, &r, sql, DB_END);

	if (e)
		return e;
	while ((e = db_next(&r)) == ERR_OK) {
		if (s->n == s->cap) {
			s->cap = s->cap ? 2 * s->cap : 256;
			s->id = xrealloc(s->id, s->cap * sizeof(*s->id));
			s->col = xrealloc(s->col, s->cap * sizeof(*s->col));
			s->path = xrealloc(s->path, s->cap * sizeof(*s->path));
		}
		s->id[s->n] = db_i64(&r, 0);
		s->col[s->n] = (int)db_i64(&r, 1);
		snprintf(s->path[s->n++], 128, "%s", db_text(&r, 2));
	}
	db_rows_close(&r);
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}

/* Removes birth dates from the audit rows; *first is the first row
 * rewritten (0: none). The chain breaks from there until re-chained. */
static enum err
scrub_audit(struct db *db, int64_t *first)
{
	struct scrub s = { 0 };
	enum err e = find_birth_keys(db, &s);

	*first = 0;
	for (size_t i = 0; !e && i < s.n; i++) {
		e = db_exec(db, s.col[i] ? "UPDATE audit SET after_json = json_remove(after_json, ?)"
		    " WHERE id = ?" : "UPDATE audit SET before_json = json_remove(before_json, ?)"
		    " WHERE id = ?", DB_TEXT(s.path[i]), DB_I64(s.id[i]), DB_END);
		if (!*first || s.id[i] < *first)
			*first = s.id[i];
	}
	if (!e && s.n)
		log_info("migrate: removed %zu birth dates from audit rows from %" PRId64, s.n,
		    *first);
	free(s.id);
	free(s.col);
	free(s.path);
	return e;
}

#define RECHAIN_REASON "migration 0021 (PI-06, SEC-09): birth dates removed from audit rows"

/* Scrubs the audit rows and re-chains from the first one rewritten, when
 * the chain verified before: a re-chain over an edit would bless it. On a
 * chain already broken the birth dates still go, nothing is re-chained,
 * and `audit verify` keeps failing (the break is logged here first, as
 * the scrub may move the first bad row it reports). */
static enum err
scrub_and_rechain(struct db *db)
{
	struct audit_verdict *v = xcalloc(1, sizeof(*v));
	int64_t first = 0;
	enum err e = audit_verify(db, v), was = e;

	if (e == ERR_CONFLICT)
		log_error("migrate: the audit chain is broken at row %" PRId64 " (re-chain record %"
		    PRId64 ") before migration 0021; birth dates are removed from the audit rows"
		    " but nothing is re-chained: `hongyan audit verify` keeps failing until the break"
		    " is investigated (docs/operations.md)", v->bad_id, v->bad_rechain);
	free(v);
	if (e && e != ERR_CONFLICT)
		return e;
	e = scrub_audit(db, &first);
	if (!e && first && was == ERR_OK)
		e = audit_rechain(db, first, RECHAIN_REASON);
	return e;
}

enum err
birth_upgrade(struct db *db)
{
	enum err e;

	/* Freed cells and pages are zeroed, so the file keeps no plaintext copy. */
	if ((e = db_exec(db, "PRAGMA secure_delete = ON", DB_END)))
		return e;
	e = seal_table(db, "member");
	if (!e)
		e = seal_table(db, "applicant");
	if (!e)
		e = scrub_and_rechain(db);
	db_exec(db, "PRAGMA secure_delete = OFF", DB_END);
	return e;
}

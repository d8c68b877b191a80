/* db_sqlite.c: the SQLite backend of db.h. WAL, a busy timeout set before
 * any pragma (shared/DESIGN.md), and a small per-connection cache of
 * prepared statements keyed by SQL text. */
#include "core/common.h"
#include "db/db.h"
#include "core/log.h"
#include "core/xalloc.h"

#include <sqlite3.h>
#include <stdatomic.h>

#define STMT_CACHE 96

struct stmt_slot {
	uint64_t hash;	/* of sql, compared before the text */
	char *sql;
	sqlite3_stmt *stmt;
	int busy;	/* handed out to an open db_rows */
};

struct db {
	sqlite3 *h;
	uint64_t writes;	/* statements run here that were not read-only */
	int unique_violation;
	struct stmt_slot cache[STMT_CACHE];
	int next_evict;
};

static _Atomic uint64_t db_ns;

static uint64_t
now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

uint64_t
db_time_ns(void)
{
	return db_ns;
}

void
db_args_add(struct db_args *a, struct db_param p)
{
	assert(a->n < DB_ARGS_MAX);
	a->v[a->n++] = p;
}

void
db_global_init(void)
{
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

/* FNV-1a: the statement cache's key. */
static uint64_t
sql_hash(const char *s)
{
	uint64_t h = UINT64_C(14695981039346656037);

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * UINT64_C(1099511628211);
	return h;
}

enum err
db_open(const char *path, int create, struct db **out)
{
	struct db *db;
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;

	if (create)
		flags |= SQLITE_OPEN_CREATE;
	db = xcalloc(1, sizeof(*db));
	if (sqlite3_open_v2(path, &db->h, flags, NULL) != SQLITE_OK) {
		log_error("db: cannot open %s: %s", path, db->h ? sqlite3_errmsg(db->h) : "?");
		sqlite3_close(db->h);
		free(db);
		return ERR_STORE;
	}
	/* The busy timeout comes first: handles opened together on a WAL
	 * database otherwise fail their pragmas with "database is locked". */
	sqlite3_busy_timeout(db->h, 10000);
	if (db_exec_script(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
	    "PRAGMA foreign_keys=ON; PRAGMA cache_size=-8000; PRAGMA temp_store=MEMORY;")) {
		db_close(db);
		return ERR_STORE;
	}
	*out = db;
	return ERR_OK;
}

void
db_close(struct db *db)
{
	if (!db)
		return;
	for (int i = 0; i < STMT_CACHE; i++) {
		sqlite3_finalize(db->cache[i].stmt);
		free(db->cache[i].sql);
	}
	sqlite3_close(db->h);
	free(db);
}

/* The error of a failed call on db: ERR_FULL when the disk is full
 * (SQLITE_FULL: SQLite's answer to ENOSPC, or max_page_count reached),
 * ERR_BUSY when another writer kept the lock past the busy timeout, else
 * ERR_STORE. */
static enum err
store_error(struct db *db)
{
	int rc = sqlite3_errcode(db->h) & 0xff;

	return rc == SQLITE_FULL ? ERR_FULL : rc == SQLITE_BUSY ? ERR_BUSY : ERR_STORE;
}

enum err
db_exec_script(struct db *db, const char *sql)
{
	char *msg = NULL;

	db->writes++;
	if (sqlite3_exec(db->h, sql, NULL, NULL, &msg) != SQLITE_OK) {
		log_error("db: %s", msg ? msg : sqlite3_errmsg(db->h));
		sqlite3_free(msg);
		return store_error(db);
	}
	return ERR_OK;
}

static sqlite3_stmt *
stmt_get(struct db *db, const char *sql, struct stmt_slot **slot)
{
	sqlite3_stmt *st = NULL;
	uint64_t h = sql_hash(sql);
	int i, victim = -1;

	for (i = 0; i < STMT_CACHE; i++) {
		struct stmt_slot *s = &db->cache[i];

		if (s->sql && s->hash == h && !s->busy && !strcmp(s->sql, sql)) {
			s->busy = 1;
			*slot = s;
			return s->stmt;
		}
	}
	if (sqlite3_prepare_v3(db->h, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
		log_error("db: prepare failed: %s -- %s", sqlite3_errmsg(db->h), sql);
		return NULL;
	}
	for (i = 0; i < STMT_CACHE && victim < 0; i++)
		if (!db->cache[i].sql)
			victim = i;
	for (i = 0; i < STMT_CACHE && victim < 0; i++) {
		int k = (db->next_evict + i) % STMT_CACHE;

		if (!db->cache[k].busy)
			victim = k;
	}
	if (victim < 0) {
		*slot = NULL;	/* all busy: an uncached statement */
		return st;
	}
	db->next_evict = (victim + 1) % STMT_CACHE;
	sqlite3_finalize(db->cache[victim].stmt);
	free(db->cache[victim].sql);
	db->cache[victim].sql = xstrdup(sql);
	db->cache[victim].hash = h;
	db->cache[victim].stmt = st;
	db->cache[victim].busy = 1;
	*slot = &db->cache[victim];
	return st;
}

static void
stmt_put(struct db *db, sqlite3_stmt *st)
{
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	for (int i = 0; i < STMT_CACHE; i++) {
		if (db->cache[i].stmt == st) {
			db->cache[i].busy = 0;
			return;
		}
	}
	sqlite3_finalize(st);
}

static int
bind_one(sqlite3_stmt *st, int i, const struct db_param *p)
{
	switch (p->type) {
	case DB_T_NULL:
		return sqlite3_bind_null(st, i);
	case DB_T_I64:
		return sqlite3_bind_int64(st, i, p->i);
	case DB_T_TEXT:
		return p->s ? sqlite3_bind_text(st, i, p->s, -1, SQLITE_TRANSIENT)
			    : sqlite3_bind_null(st, i);
	case DB_T_BLOB:
		return p->b ? sqlite3_bind_blob(st, i, p->b, (int)p->n, SQLITE_TRANSIENT)
			    : sqlite3_bind_null(st, i);
	case DB_T_END:
		break;
	}
	return SQLITE_MISUSE;
}

static enum err
prepare_bound(struct db *db, const char *sql, const struct db_args *a, sqlite3_stmt **out)
{
	struct stmt_slot *slot;
	sqlite3_stmt *st = stmt_get(db, sql, &slot);

	if (!st)
		return ERR_STORE;
	for (int i = 0; i < a->n; i++) {
		if (bind_one(st, i + 1, &a->v[i]) != SQLITE_OK) {
			log_error("db: bind %d failed: %s", i + 1, sqlite3_errmsg(db->h));
			stmt_put(db, st);
			return ERR_STORE;
		}
	}
	*out = st;
	return ERR_OK;
}

static void
args_from_va(struct db_args *a, va_list ap)
{
	struct db_param p;

	a->n = 0;
	while ((p = va_arg(ap, struct db_param)).type != DB_T_END)
		db_args_add(a, p);
}

enum err
db_execv(struct db *db, const char *sql, const struct db_args *a)
{
	sqlite3_stmt *st;
	uint64_t t0 = now_ns();
	enum err e;
	int rc;

	db->unique_violation = 0;
	e = prepare_bound(db, sql, a, &st);
	if (e)
		return e;
	if (!sqlite3_stmt_readonly(st))
		db->writes++;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		;
	if (rc != SQLITE_DONE) {
		int x = sqlite3_extended_errcode(db->h);

		/* Uniqueness and references are conflicts with existing data (409);
		 * every other failure is ours (logged, 500). */
		db->unique_violation = x == SQLITE_CONSTRAINT_UNIQUE ||
		    x == SQLITE_CONSTRAINT_PRIMARYKEY || x == SQLITE_CONSTRAINT_FOREIGNKEY;
		if (!db->unique_violation)
			log_error("db: %s -- %s", sqlite3_errmsg(db->h), sql);
		e = db->unique_violation ? ERR_CONFLICT : store_error(db);
	}
	stmt_put(db, st);
	db_ns += now_ns() - t0;
	return e;
}

enum err
db_exec(struct db *db, const char *sql, ...)
{
	struct db_args a;
	va_list ap;

	va_start(ap, sql);
	args_from_va(&a, ap);
	va_end(ap);
	return db_execv(db, sql, &a);
}

enum err
db_queryv(struct db *db, struct db_rows *r, const char *sql, const struct db_args *a)
{
	sqlite3_stmt *st;
	enum err e;

	r->db = db;
	r->stmt = NULL;
	e = prepare_bound(db, sql, a, &st);
	if (e)
		return e;
	r->stmt = st;
	r->ncols = sqlite3_column_count(st);
	return ERR_OK;
}

enum err
db_query(struct db *db, struct db_rows *r, const char *sql, ...)
{
	struct db_args a;
	va_list ap;

	va_start(ap, sql);
	args_from_va(&a, ap);
	va_end(ap);
	return db_queryv(db, r, sql, &a);
}

enum err
db_next(struct db_rows *r)
{
	uint64_t t0 = now_ns();
	int rc = sqlite3_step(r->stmt);

	db_ns += now_ns() - t0;
	if (rc == SQLITE_ROW)
		return ERR_OK;
	if (rc == SQLITE_DONE)
		return ERR_NOT_FOUND;
	log_error("db: step failed: %s", sqlite3_errmsg(r->db->h));
	return store_error(r->db);
}

void
db_rows_close(struct db_rows *r)
{
	if (r->stmt)
		stmt_put(r->db, r->stmt);
	r->stmt = NULL;
}

int
db_is_null(struct db_rows *r, int col)
{
	return sqlite3_column_type(r->stmt, col) == SQLITE_NULL;
}

int64_t
db_i64(struct db_rows *r, int col)
{
	return sqlite3_column_int64(r->stmt, col);
}

const char *
db_text(struct db_rows *r, int col)
{
	return (const char *)sqlite3_column_text(r->stmt, col);
}

const void *
db_blob(struct db_rows *r, int col, size_t *len)
{
	const void *p = sqlite3_column_blob(r->stmt, col);

	*len = (size_t)sqlite3_column_bytes(r->stmt, col);
	return p;
}

enum err
db_get_i64v(struct db *db, int64_t *out, const char *sql, const struct db_args *a)
{
	struct db_rows r;
	enum err e = db_queryv(db, &r, sql, a);

	if (e)
		return e;
	e = db_next(&r);
	if (!e)
		*out = db_i64(&r, 0);
	db_rows_close(&r);
	return e;
}

enum err
db_get_i64(struct db *db, int64_t *out, const char *sql, ...)
{
	struct db_args a;
	va_list ap;

	va_start(ap, sql);
	args_from_va(&a, ap);
	va_end(ap);
	return db_get_i64v(db, out, sql, &a);
}

enum err
db_begin(struct db *db)
{
	return db_exec(db, "BEGIN IMMEDIATE", DB_END);
}

enum err
db_commit(struct db *db)
{
	return db_exec(db, "COMMIT", DB_END);
}

void
db_rollback(struct db *db)
{
	if (!sqlite3_get_autocommit(db->h))
		db_exec(db, "ROLLBACK", DB_END);
}

enum err
db_end(struct db *db, enum err e)
{
	if (e == ERR_OK)
		e = db_commit(db);
	if (e)
		db_rollback(db);
	return e;
}

uint64_t
db_generation(struct db *db)
{
	int64_t v = 0;

	/* data_version moves on other connections' commits, never on ours:
	 * our own writes are counted in db->writes. */
	if (db_get_i64(db, &v, "PRAGMA data_version", DB_END))
		return 0;
	return ((uint64_t)v << 32) + db->writes + 1;
}

int64_t
db_last_id(struct db *db)
{
	return sqlite3_last_insert_rowid(db->h);
}

int64_t
db_changes(struct db *db)
{
	return sqlite3_changes64(db->h);
}

int
db_was_unique_violation(struct db *db)
{
	return db->unique_violation;
}

enum err
db_backup(struct db *db, const char *path)
{
	sqlite3 *dst;
	sqlite3_backup *bk;
	int rc;

	if (sqlite3_open_v2(path, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
		log_error("backup: cannot open %s: %s", path, sqlite3_errmsg(dst));
		sqlite3_close(dst);
		return ERR_STORE;
	}
	bk = sqlite3_backup_init(dst, "main", db->h, "main");
	if (!bk) {
		log_error("backup: %s", sqlite3_errmsg(dst));
		sqlite3_close(dst);
		return ERR_STORE;
	}
	/* Every page in one step, under one read transaction: a consistent
	 * snapshot that writers do not restart (issue 10: steps of 256 pages
	 * began again after every write of the serving process and never
	 * finished under load). In WAL mode the read does not block writers. */
	while ((rc = sqlite3_backup_step(bk, -1)) == SQLITE_BUSY || rc == SQLITE_LOCKED)
		sqlite3_sleep(5);
	sqlite3_backup_finish(bk);
	if (rc != SQLITE_DONE) {
		log_error("backup: step failed: %s", sqlite3_errmsg(dst));
		sqlite3_close(dst);
		return ERR_STORE;
	}
	rc = sqlite3_close(dst);
	return rc == SQLITE_OK ? ERR_OK : ERR_STORE;
}

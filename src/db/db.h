/* db.h: the one storage interface; each backend (db_sqlite.c, later
 * db_pg.c) implements it. SQL is written once with ? placeholders and
 * values are always bound, never formatted in. A struct db is one
 * connection and belongs to one thread at a time. */
#ifndef HY_DB_H
#define HY_DB_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

enum db_type { DB_T_END = 0, DB_T_NULL, DB_T_I64, DB_T_TEXT, DB_T_BLOB };

struct db_param {
	enum db_type type;
	int64_t i;
	const char *s;	/* borrowed for the call; NULL binds NULL */
	const void *b;
	size_t n;
};

#define DB_END ((struct db_param){ .type = DB_T_END })
#define DB_NULL ((struct db_param){ .type = DB_T_NULL })
#define DB_I64(x) ((struct db_param){ .type = DB_T_I64, .i = (int64_t)(x) })
#define DB_TEXT(x) ((struct db_param){ .type = DB_T_TEXT, .s = (x) })
#define DB_BLOB(p, len) ((struct db_param){ .type = DB_T_BLOB, .b = (p), .n = (len) })

/* A growable parameter list for SQL built at run time (filters, scope). */
#define DB_ARGS_MAX 1024
struct db_args {
	int n;
	struct db_param v[DB_ARGS_MAX];
};
void db_args_add(struct db_args *a, struct db_param p);	/* asserts n < max */

struct db;

/* An open result: rows are read with db_next(); column values are valid
 * until the next db_next() or db_rows_close(). Always close. */
struct db_rows {
	struct db *db;
	void *stmt;
	int ncols;
};

/* Process-wide set-up before any connection opens (turns off SQLite's
 * global memory statistics, whose mutex every allocation would take). */
void db_global_init(void);

/* Opens (creating if create) the database at path. */
enum err db_open(const char *path, int create, struct db **out);
void db_close(struct db *db);

/* Runs a statement that returns no rows; varargs end with DB_END. */
enum err db_exec(struct db *db, const char *sql, ...);
enum err db_execv(struct db *db, const char *sql, const struct db_args *a);
/* Runs a script of ;-separated statements with no parameters (migrations). */
enum err db_exec_script(struct db *db, const char *sql);

enum err db_query(struct db *db, struct db_rows *r, const char *sql, ...);
enum err db_queryv(struct db *db, struct db_rows *r, const char *sql, const struct db_args *a);
/* ERR_OK: a row is ready; ERR_NOT_FOUND: no more rows; ERR_STORE otherwise. */
enum err db_next(struct db_rows *r);
void db_rows_close(struct db_rows *r);

int db_is_null(struct db_rows *r, int col);
int64_t db_i64(struct db_rows *r, int col);
const char *db_text(struct db_rows *r, int col);	/* NULL for NULL */
const void *db_blob(struct db_rows *r, int col, size_t *len);

/* One-value helpers: ERR_NOT_FOUND when the query has no row. */
enum err db_get_i64(struct db *db, int64_t *out, const char *sql, ...);
enum err db_get_i64v(struct db *db, int64_t *out, const char *sql, const struct db_args *a);

/* Write transactions take the write lock at once (BEGIN IMMEDIATE on
 * SQLite), so the audit chain sees one writer at a time. */
enum err db_begin(struct db *db);
enum err db_commit(struct db *db);
void db_rollback(struct db *db);
/* Commits when e is ERR_OK, rolls back otherwise; returns the final status. */
enum err db_end(struct db *db, enum err e);

int64_t db_last_id(struct db *db);
int64_t db_changes(struct db *db);
/* Whether the last failure was a uniqueness violation (maps to 409). */
int db_was_unique_violation(struct db *db);

/* A number that changes whenever the database may have changed: a write
 * by this connection, or a commit by any other connection or process
 * (SQLite's data_version). Equal generations mean equal data, so results
 * computed at one generation may be reused while it holds. 0 means
 * unknown: reuse nothing. */
uint64_t db_generation(struct db *db);

/* Cumulative time spent in this process's database calls, nanoseconds. */
uint64_t db_time_ns(void);

/* Online backup of the open database into a new file at path. */
enum err db_backup(struct db *db, const char *path);

#endif

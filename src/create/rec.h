/* rec.h: the plain records of dual creation and dual strengthening
 * (issue 6) that need no rules of their own beyond validation: posts,
 * the ideological course's plans, teachers and lessons, clean-school and
 * ethics activities, honours, brand items and research topics. Each kind
 * is described by a table (like json_in's field tables): its SQL table,
 * its fields and an optional check. Every record is owned by a school,
 * directly (fields[0] is school_id) or through a parent record (fields[0]
 * is the parent's id), and copies the school's org_path, so every query is
 * scoped by one range. Each write is one transaction with its audit row. */
#ifndef HY_REC_H
#define HY_REC_H

#include <stddef.h>
#include <stdint.h>

#include "auth/who.h"
#include "db/db.h"
#include "http/json_in.h"
#include "http/json_out.h"

#define REC_FIELDS_MAX 12

union rec_val {
	const char *s;	/* JF_STR, JF_DATE, JF_ENUM */
	int64_t i;	/* JF_INT, JF_ID */
	int b;		/* JF_BOOL */
};

/* What json_in decodes a record body into: field i lands in v[i]. */
struct rec_body {
	struct json_present p;
	union rec_val v[REC_FIELDS_MAX];
};
#define REC_OFF(i) (offsetof(struct rec_body, v) + (size_t)(i) * sizeof(union rec_val))

struct rec_kind {
	const char *table;	/* SQL table, also the audit entity */
	const struct json_field *fields;	/* [0]: school_id, or the parent's id */
	int nfields;
	const char *parent;	/* NULL, or the table fields[0] refers to */
	const char *order;	/* ORDER BY of lists, columns of t */
	const char *date_col;	/* the column the from/to filters apply to, or NULL */
	/* Extra checks of a create (creating 1) or a patch against the owning
	 * school (its id and path); names each bad field. May be NULL. */
	enum err (*check)(struct db *db, const struct who *w, int64_t school_id, const char *path,
	    const struct rec_body *b, int creating, struct problem *pb);
	/* An extra text column for display (a SQL expression over t, e.g. a
	 * member's name) and its JSON key; NULL: none. */
	const char *extra_sql, *extra_key;
};

struct rec_filter {
	int64_t school_id, parent_id;	/* 0: any in scope */
	const char *eq[REC_FIELDS_MAX];	/* equality on field i (enum or int as text) */
	const char *from, *to;		/* date_col within [from, to] */
	int64_t page, per_page;
};

/* Creates a record (fields[0] given, or school_id defaulted to the
 * caller's school). ERR_INVALID naming the field (owner unknown or out of
 * scope included). */
enum err rec_create(struct db *db, const struct who *w, const struct rec_kind *k,
    struct rec_body *b, struct problem *pb, int64_t *id);
/* Changes the fields present in b; the owner cannot change. ERR_NOT_FOUND
 * out of scope; ERR_INVALID naming the field. */
enum err rec_update(struct db *db, const struct who *w, const struct rec_kind *k, int64_t id,
    const struct rec_body *b, struct problem *pb);
/* Deletes a record in scope, with its audit row. */
enum err rec_delete(struct db *db, const struct who *w, const struct rec_kind *k, int64_t id);
/* Writes the record as one JSON object. ERR_NOT_FOUND out of scope. */
enum err rec_write_one(struct db *db, const struct who *w, const struct rec_kind *k, int64_t id,
    struct jw *jw);
/* Writes the page's records as JSON objects into the open array; *total
 * counts all matches in scope. */
enum err rec_write_list(struct db *db, const struct who *w, const struct rec_kind *k,
    const struct rec_filter *f, struct jw *jw, int64_t *total);

#endif

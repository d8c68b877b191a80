/* demo.h: the deterministic demo and benchmark data set: a fictional
 * district (or a city of districts) of schools, party organizations and
 * members, written straight into an empty database. No real names. */
#ifndef HY_DEMO_H
#define HY_DEMO_H

#include <stdint.h>

#include "core/err.h"

struct db;

struct demo_scale {
	int districts;			/* 1..40; 1 for the demo district */
	int schools_per_district;	/* 1..DEMO_SCHOOLS_MAX */
	int members_target;		/* approximate total members */
	uint32_t seed;
};

#define DEMO_SCHOOLS_MAX 56

/* Every date in the data lies before this moment, and every created_at and
 * updated_at equals it, so the data does not depend on when it is made. */
#define DEMO_EPOCH 1767225600	/* 2026-01-01T00:00:00Z */

/* 1 district, 36 schools, about 2,200 members in 100+ organizations. */
extern const struct demo_scale DEMO_DISTRICT;
/* 40 districts, 1,440 schools, 200,000 members in 5,000+ organizations. */
extern const struct demo_scale DEMO_CITY;

/* Fills an empty, migrated database with schools, organizations and
 * members, inside one transaction of its own (db_begin ... db_end).
 * crypto_key_load() must have run: ID-card and phone numbers are sealed and
 * blind-indexed. The same scale gives the same rows (ids, names, numbers,
 * masks), except for the random nonces inside the sealed blobs. Writes no
 * audit row: the caller audits the whole operation. ERR_INVALID for a scale
 * out of range, ERR_CONFLICT when the database already holds schools or
 * organizations (nothing written), ERR_STORE on a database failure (rolled
 * back, logged). */
enum err demo_generate(struct db *db, const struct demo_scale *s);

#endif

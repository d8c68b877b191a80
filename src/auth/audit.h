/* audit.h: the append-only audit log (SEC-06) with an HMAC chain (SEC-08):
 * each row's mac covers the row and the previous row's mac, keyed by the
 * key file, so someone who can only write the database file cannot forge
 * or re-chain rows. Writes happen inside the caller's transaction. */
#ifndef HY_AUDIT_H
#define HY_AUDIT_H

#include "auth/who.h"
#include "db/db.h"

/* Appends one row inside the caller's open transaction. before/after are
 * JSON texts (personal numbers already masked) or NULL. */
enum err audit_write(struct db *db, const struct who *w, const char *action, const char *entity,
    int64_t entity_id, const char *before, const char *after, int ok);
/* Writes one row in a transaction of its own (failed logins, lockouts). */
enum err audit_write_alone(struct db *db, const struct who *w, const char *action,
    const char *entity, int64_t entity_id, const char *after, int ok);
/* Checks the whole chain. ERR_OK, or ERR_CONFLICT with *bad_id set to the
 * first row whose mac does not match. */
enum err audit_verify(struct db *db, int64_t *bad_id, int64_t *nrows);

#endif

/* audit.h: the append-only audit log (SEC-06) with an HMAC chain (SEC-08):
 * each row's mac covers the row and the previous row's mac, keyed by the
 * key file, so someone who can only write the database file cannot forge
 * or re-chain rows. Writes happen inside the caller's transaction.
 *
 * Rows carry the version of their canonical text (chain 1: fields joined
 * by '|', before migration 0020; chain 2: every field length-prefixed).
 * Deleting the tail leaves a shorter chain that is still whole: that is
 * caught by checkpoints kept outside the database (audit_anchor.h). */
#ifndef HY_AUDIT_H
#define HY_AUDIT_H

#include "auth/crypto.h"
#include "auth/who.h"
#include "db/db.h"

/* Appends one row inside the caller's open transaction. before/after are
 * JSON texts (personal numbers already masked) or NULL. */
enum err audit_write(struct db *db, const struct who *w, const char *action, const char *entity,
    int64_t entity_id, const char *before, const char *after, int ok);
/* Writes one row in a transaction of its own (failed logins, lockouts). */
enum err audit_write_alone(struct db *db, const struct who *w, const char *action,
    const char *entity, int64_t entity_id, const char *after, int ok);

/* The last row's id and mac (0 and "genesis" when the log is empty). */
enum err audit_head(struct db *db, int64_t *id, char mac[CRYPTO_MAC_HEX]);
/* The stored mac of row id ("genesis" for 0); ERR_NOT_FOUND if no such row. */
enum err audit_mac_of(struct db *db, int64_t id, char mac[CRYPTO_MAC_HEX]);

/* For upgrades that rewrite audit rows' text (personal data taken out):
 * recomputes the mac of every row from from_id on as chain 2, inside the
 * caller's open transaction, and records the re-chain (rows, time,
 * reason) in audit_rechain under the anchor key, so `audit verify` names
 * it. The caller checks the chain with audit_verify() BEFORE rewriting,
 * or the re-chain would bless an edit. Needs the key. */
enum err audit_rechain(struct db *db, int64_t from_id, const char *reason);

#define AUDIT_RECHAIN_MAX 16
struct audit_rechain_rec {
	int64_t from_id, to_id, at;
	char reason[200];
};

struct audit_verdict {
	int64_t nrows;		/* rows that verified, from 1 on */
	int64_t bad_id;		/* the first row whose mac or sequence is wrong; 0: none */
	int64_t bad_rechain;	/* a re-chain record whose mac is wrong; 0: none */
	int nrechain;
	struct audit_rechain_rec rechain[AUDIT_RECHAIN_MAX];
};

/* Checks the whole chain and the re-chain records. ERR_OK, or ERR_CONFLICT
 * with bad_id / bad_rechain set. */
enum err audit_verify(struct db *db, struct audit_verdict *v);

#endif

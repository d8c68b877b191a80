/* birth.h: birth dates at rest (issue 10 hole 1; PI-06, SEC-09). A masked
 * ID number (500103********2094) hides exactly its birth date, so the date
 * is sealed like the number (member.birth_enc, applicant.birth_enc, text
 * YYYY-MM-DD under crypto_seal) and leaves the server only with the whole
 * number, in a detail read audited as read_pii. Lists, masked reads,
 * exports and audit rows never carry it. */
#ifndef HY_BIRTH_H
#define HY_BIRTH_H

#include <stddef.h>

#include "core/arena.h"
#include "db/db.h"

/* Seals a YYYY-MM-DD date: *out is malloc'd (caller frees), NULL for NULL. */
void birth_seal(const char *date, unsigned char **out, size_t *len);
/* The date sealed in column col of r, in arena a; NULL when the column is
 * NULL or does not open (tampered). */
const char *birth_open(struct db_rows *r, int col, struct arena *a);

/* The keyed step of migration 0021, inside its transaction (the key is
 * loaded): seals member.birth_date and applicant.birth_date into
 * birth_enc, drops the plaintext columns (with secure_delete, so freed
 * pages keep no copy), removes every "birth_date" key from the audit rows'
 * JSON and re-chains the audit from the first rewritten row (audit_rechain,
 * recorded so `audit verify` names it). The chain is verified first: when
 * it was already broken, the dates are still removed but nothing is
 * re-chained (that would bless the edit) and the break is logged. */
enum err birth_upgrade(struct db *db);

#endif

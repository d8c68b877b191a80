/* ledger.h: the ledgers (台账) a branch prints and files, as .xlsx
 * (issue 3, "Ledgers"): the meeting ledger (三会一课台账) and the dues
 * ledger (党费台账) of an organization's subtree for a year. Rows stream
 * from grouped queries into a constant-memory workbook: no per-row
 * queries, and memory does not grow with the number of rows. */
#ifndef HY_LEDGER_H
#define HY_LEDGER_H

#include <stdint.h>

#include "auth/who.h"
#include "db/db.h"

enum ledger_kind { LEDGER_MEETINGS, LEDGER_DUES };

/* "meetings" or "dues"; -1 if neither. */
int ledger_kind_parse(const char *s, enum ledger_kind *k);
/* A year a ledger may cover (2000-2100) as text: ERR_INVALID naming
 * "year" otherwise. */
enum err ledger_check_year(const char *s, int *year, struct problem *pb);

/* Called with rows written so far and the total (for a progress line). */
typedef void (*ledger_progress_fn)(void *ctx, int64_t done, int64_t total);

/* Writes the ledger of kind for org_id's subtree and year into a new file
 * at path, then an "export" audit row. ERR_NOT_FOUND when the org is
 * unknown or outside w's scope; ERR_STORE if the file cannot be written.
 * progress may be NULL. */
enum err ledger_export(struct db *db, const struct who *w, enum ledger_kind kind, int64_t org_id,
    int year, const char *path, ledger_progress_fn progress, void *ctx);

#endif

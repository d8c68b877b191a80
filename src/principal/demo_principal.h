/* demo_principal.h: the principal-tenure platform's demo rows (issue 13):
 * the office account dudao01, the 督学 duxue01 and duxue02 with five
 * schools each (挂牌, PRIN-10), and principals with tenures in every
 * state the district list shows: mid-term with approved goals and graded
 * years, a term ending in three months, one who left mid-term (调任), one
 * in a third consecutive term, goals submitted and returned, a year's
 * self-report waiting for its grade, and two schools with no principal.
 * The first school's principal has the account xiaozhang01. */
#ifndef HY_DEMO_PRINCIPAL_H
#define HY_DEMO_PRINCIPAL_H

#include <stdint.h>

#include "core/err.h"

struct db;

/* Writes the rows through the platform's stores as the system user (each
 * write with its audit row) into a database filled by demo_generate() and
 * the other demo parts (the baselines read them); dates relative to today. */
enum err demo_principal_generate(struct db *db, int32_t today);

#endif

/* demo_dues.h: party dues for the demo district (issue 3's dues page and
 * the alert centre's arrears, last year's assessment): each member's dues
 * setting from January of last year (or twelve months back, if earlier),
 * computed by the DUES-02/04/05 rules of the configuration, and the months
 * paid — all of the older months, some late; of the last twelve most
 * members up to date, a few three to five months behind (DUES-09
 * warning) and a few six or more (the flag). */
#ifndef HY_DEMO_DUES_H
#define HY_DEMO_DUES_H

#include <stdint.h>

#include "core/err.h"

struct db;

/* Writes, in one transaction of its own, the rows above for the first
 * 3,000 active members of a database filled by demo_generate(), all
 * before today. Writes no audit row. The same database and today give the
 * same rows. ERR_STORE on failure (rolled back, logged). */
enum err demo_dues_generate(struct db *db, int32_t today);

#endif

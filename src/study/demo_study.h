/* demo_study.h: deterministic exchange-and-study rows for the demo
 * district (issue 6): library items and a plan at the district, members'
 * study records scored by the shipped points rules, reading sessions and
 * published exchange cases, so `make run` shows leaderboards at once. */
#ifndef HY_DEMO_STUDY_H
#define HY_DEMO_STUDY_H

#include <stdint.h>

#include "core/err.h"

struct db;

/* Writes, in one transaction of its own, the rows above for a database
 * filled by demo_generate(), all dated before today. At most the first
 * 3,000 members get records (fast at any scale). Writes no audit row. The
 * same database and today give the same rows. ERR_STORE on failure (rolled
 * back, logged). */
enum err demo_study_generate(struct db *db, int32_t today);

#endif

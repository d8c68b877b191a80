/* demo_life.h: deterministic organizational life for the demo and the
 * benchmark: two years of meetings for every branch and group of a
 * database filled by demo_generate(), with attendance, branch committees
 * and talks, written straight into the tables of migration 0003. */
#ifndef HY_DEMO_LIFE_H
#define HY_DEMO_LIFE_H

#include <stdint.h>

#include "core/err.h"
#include "party/demo.h"

struct db;

/* Writes, in one transaction of its own, meetings for the year of today
 * and the year before (none after today) for every branch and group:
 * monthly themed days, committee meetings (branches with >= 7 full
 * members get a committee in org_committee, ORG-05) and group meetings,
 * quarterly assemblies and lectures, the yearly org-life meeting and
 * appraisal, fortnightly study, themed activities and talks -- with one
 * attendance row per expected member. Most branches comply; about one in
 * eight misses some meetings, and a few committee meetings miss their
 * quorum. The same database, scale and today give the same rows. Writes no
 * audit row. ERR_CONFLICT when meetings exist already (nothing written),
 * ERR_STORE on a database failure (rolled back, logged). The city scale
 * gives about 2,060,000 meetings and 21,000,000 attendance rows (~90 s). */
enum err demo_life_generate(struct db *db, const struct demo_scale *s, int32_t today);

/* Same; *meetings and *attendance (each may be NULL) get the rows written. */
enum err demo_life_generate_counted(struct db *db, const struct demo_scale *s, int32_t today,
    int64_t *meetings, int64_t *attendance);

#endif

/* demo_create.h: deterministic rows of dual creation and dual
 * strengthening (issue 6) for the demo: one alliance per education group
 * with six months of "four ones" (about one in five missed), 17 brand
 * projects in every stage with topics, posts for about a third of the
 * active members, each school's ideological-course plan, teachers and a
 * walking lesson, 20 clean-school pilots (5 demonstration, 2 named) with
 * five-clean activities, ethics activities and honours. No misconduct
 * cases: those are confidential. */
#ifndef HY_DEMO_CREATE_H
#define HY_DEMO_CREATE_H

#include <stdint.h>

#include "core/err.h"

struct db;

/* Writes the rows in one transaction of its own into a database filled by
 * demo_generate(); dates lie on or before today. The same database and
 * today give the same rows. Writes no audit row. ERR_CONFLICT when
 * alliances exist already (nothing written). */
enum err demo_create_generate(struct db *db, int32_t today);

#endif

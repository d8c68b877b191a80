/* demo_cultivate.h: deterministic demo rows for the cultivation registers
 * (issue 5), written after demo_generate() and demo_life_generate(): the
 * 2023 dual-cultivation registers (15 members developed in public
 * schools), the dual-leader register for every demo dual leader (2 at
 * municipal level), this year's three training programmes with sessions
 * and attendance, and 7 studios with 16 members and 42 seminars. */
#ifndef HY_DEMO_CULTIVATE_H
#define HY_DEMO_CULTIVATE_H

#include <stdint.h>

#include "core/err.h"

struct db;

/* Writes the rows in one transaction of its own (no audit rows; the
 * member flags set by outcomes follow the registers, CUL-01). */
enum err demo_cultivate_generate(struct db *db, int32_t today);

#endif

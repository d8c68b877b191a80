/* demo_supervise.h: deterministic supervision rows (issue 4) for the demo:
 * two inspection plans on the shipped quarterly sheet (last year's fourth
 * quarter and this quarter, without assignments: the demo has no
 * inspector accounts), eight confirmed inspections by the system user
 * (four per quarter, one of last year's vetoed), findings from this
 * quarter's in every state (two overdue) and last year's annual
 * assessment, whose vetoed school is marked for 整顿. Last year's review
 * round comes from demo_review.c, run first so the assessment counts it. */
#ifndef HY_DEMO_SUPERVISE_H
#define HY_DEMO_SUPERVISE_H

#include <stdint.h>

#include "core/err.h"

struct db;

/* Writes the rows through the supervision stores (each write with its
 * audit row, as the system user) into a database filled by
 * demo_generate(); dates lie on or before today. The same database and
 * today give the same rows. ERR_CONFLICT when inspections exist already
 * (nothing written). */
enum err demo_supervise_generate(struct db *db, int32_t today);

#endif

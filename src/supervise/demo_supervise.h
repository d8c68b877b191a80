/* demo_supervise.h: deterministic supervision rows (issue 4) for the demo:
 * inspector accounts ducha01…03; five inspection plans on the shipped
 * quarterly sheet (last year's four quarters and this one), each assigning
 * its schools to the inspectors in turn; last year every school inspected
 * once (the first four in the fourth quarter, one of them vetoed), every
 * other school with a finding from it, all closed (most on time, some
 * late), and four schools inspected this quarter with findings in every
 * state (two overdue). Last year's annual assessment is run by
 * demo_assessment_generate(), last of all the demo's parts, so that it
 * counts last year's dues, findings, inspections and review round. */
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

/* Runs last year's annual assessment (EVAL-04) as the system user, with
 * its audit row. Call it after every other part of the demo has written
 * its rows: it reads them all (dues, findings, inspections, reviews,
 * organizational life), and a part written later would be missing from
 * it (the cause of 26 schools tied at 100 in issue 12). */
enum err demo_assessment_generate(struct db *db, int32_t today);

#endif

/* inspection_report.h: the printable report of one inspection as .xlsx
 * (header, each indicator with max, score and note, total, grade, veto,
 * the findings issued from it). */
#ifndef HY_INSPECTION_REPORT_H
#define HY_INSPECTION_REPORT_H

#include "core/arena.h"
#include "db/db.h"
#include "supervise/inspection.h"

/* Writes the report of x (already proved in scope) to the file at path.
 * ERR_STORE if it cannot be written. */
enum err inspection_report_write(struct db *db, const struct inspection *x, const char *path,
    struct arena *a);

#endif

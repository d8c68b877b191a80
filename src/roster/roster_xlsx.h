/* roster_xlsx.h: the workbooks of a roster (issue 16), written with
 * libxlsxwriter in constant-memory mode (rows go to a temp file as
 * written): the problem workbook (the user's own rows with a problem
 * column beside them) and the roster export in the import's layout.
 * Every cell is written as text, so a cell starting with = + - @ can never
 * run as a formula when the file is opened (IMP-09). */
#ifndef HY_ROSTER_XLSX_H
#define HY_ROSTER_XLSX_H

#include <stddef.h>
#include <stdint.h>

#include "roster/roster.h"

/* Reads the file (data, len) again and writes it to path with a problem
 * column after its last one holding each row's reasons from run. */
enum err roster_problem_book(const void *data, size_t len, const struct roster_run *run,
    const char *path);

/* Writes the members of w's scope (active ones) to path in the import's
 * layout. Whole numbers when w may edit every member exported (district
 * staff, a branch's secretary): audited as a read listing the members
 * (PI-04), and the file re-imports to no change. Otherwise masked (PI-06),
 * with ROSTER_MASKED_MARK in A1, which the import refuses. *whole and *n
 * say which and how many. */
enum err roster_export(struct db *db, const struct who *w, const char *path, int *whole,
    int64_t *n);

/* The template: the import's header, one example row (marked
 * ROSTER_EXAMPLE_MARK, refused until deleted) and a sheet of the allowed
 * values and formats. */
enum err roster_template(const char *path);

#endif

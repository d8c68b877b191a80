/* roster_read.h: the rows of an uploaded roster, one at a time, whatever
 * its format: the first sheet of an .xlsx (streamed through
 * report/xlsx_read.h: memory holds the shared strings and one row), or a
 * .csv in UTF-8 (with or without BOM) or GB18030 (converted with iconv).
 * Bounded: rows, columns, cell bytes, and for workbooks each part's
 * inflated size and ratio (a zip bomb stops before it expands). */
#ifndef HY_ROSTER_READ_H
#define HY_ROSTER_READ_H

#include <stddef.h>

#include "core/err.h"
#include "report/xlsx_read.h"

struct roster_limits {
	size_t part_max;	/* inflated bytes of one workbook part */
	unsigned ratio_max;	/* inflated / compressed size of one part */
	int rows_max;		/* rows of a file, the header included */
	int cols_max;
	size_t cell_max;
};

/* From the configuration (cfg.import_rows_max …). */
void roster_limits_from_config(struct roster_limits *lim);

/* Calls fn for each non-empty row (0-based row number as the sheet shows
 * it less one; cells[i] NULL or "" when empty; borrowed for the call). A
 * nonzero return from fn stops the read with ERR_INVALID and *why NULL.
 * ERR_INVALID (not a workbook, not text, bad CSV) or ERR_TOO_BIG (a limit)
 * with a static Chinese *why otherwise. */
enum err roster_read(const void *data, size_t len, const struct roster_limits *lim,
    xlsx_row_fn fn, void *ctx, const char **why);

#endif

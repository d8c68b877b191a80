/* xlsx_read.h: reads the first worksheet of an .xlsx workbook (an Office
 * Open XML zip, held in memory) into a grid of cell texts: shared strings,
 * inline strings, numbers, booleans and formula results as written in the
 * file. Everything is bounded: each part's uncompressed size (a zip bomb
 * stops at the limit), rows, columns, strings and cell length. Uses libzip
 * and expat; DTDs are refused, so no entity expansion happens. */
#ifndef HY_XLSX_READ_H
#define HY_XLSX_READ_H

#include <stddef.h>

#include "core/arena.h"
#include "core/err.h"

struct xlsx_limits {
	size_t part_max;	/* uncompressed bytes of one XML part */
	int rows_max, cols_max;	/* a cell beyond them fails */
	int strings_max;	/* shared strings */
	size_t cell_max;	/* bytes of one cell's text */
	unsigned ratio_max;	/* a part declaring more than ratio_max times its
				 * compressed size is refused before inflating
				 * (a zip bomb); 0: no ratio check */
};

/* The defaults: 16 MiB parts, 10000 rows, 64 columns, 200000 strings,
 * 32767 bytes a cell (Excel's own cell limit). */
extern const struct xlsx_limits xlsx_limits_default;

struct xlsx_grid {
	int rows, cols;		/* one past the highest used row and column */
	char **cell;		/* rows * cols, row-major; NULL: empty */
	struct arena a;		/* the texts */
};

/* Reads data (len bytes) with lim (NULL: the defaults) into g, which the
 * caller releases with xlsx_grid_release() in every case. ERR_INVALID when
 * it is not a readable workbook, ERR_TOO_BIG when a limit is passed; *why
 * then holds a static Chinese reason for the user. */
enum err xlsx_read(const void *data, size_t len, const struct xlsx_limits *lim,
    struct xlsx_grid *g, const char **why);
/* The text of a cell (0-based row and column), "" when empty or outside
 * the grid; borrowed from g. */
const char *xlsx_cell(const struct xlsx_grid *g, int row, int col);
void xlsx_grid_release(struct xlsx_grid *g);

/* Called once per sheet row that has a non-empty cell, in file order: row
 * is 0-based, cells[0..ncols) the texts (NULL: empty), borrowed for the
 * call. A nonzero return stops the read; xlsx_stream() then returns
 * ERR_INVALID with *why NULL. */
typedef int (*xlsx_row_fn)(void *ctx, int row, int ncols, const char *const *cells);
/* Like xlsx_read() but row by row: memory holds the shared strings and one
 * row, never the sheet, so it does not grow with the rows. */
enum err xlsx_stream(const void *data, size_t len, const struct xlsx_limits *lim,
    xlsx_row_fn fn, void *ctx, const char **why);

#endif

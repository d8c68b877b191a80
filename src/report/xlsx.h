/* xlsx.h: a thin helper over libxlsxwriter for the printable sheets
 * (ledgers, initial passwords): workbooks in constant-memory mode (rows
 * go to a temp file as written, so a city-wide export stays small in
 * memory; rows must be written top to bottom), one set of formats, and
 * the layout a branch files on paper: merged title, bold bordered header,
 * A4 landscape, header rows repeated on every printed page. */
#ifndef HY_XLSX_H
#define HY_XLSX_H

#include <xlsxwriter.h>

#include "core/buf.h"
#include "core/err.h"

#define XLSX_MIME "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

struct xlsx {
	lxw_workbook *wb;
	lxw_format *title, *sub, *head, *text, *center, *num, *money, *pct;
	lxw_format *total, *total_num, *total_money, *total_pct;
	lxw_format *owed;	/* a month due and unpaid */
};

/* One column of a sheet: its header and width in characters. */
struct xlsx_col {
	const char *head;
	double width;
};

/* Creates the workbook at path (overwriting it). ERR_STORE if it cannot. */
enum err xlsx_open(struct xlsx *x, const char *path);
/* Adds a sheet: title merged over row 0, subtitle over row 1, the header
 * in row 2 (repeated when printed), columns sized. Data starts at row 3
 * (XLSX_FIRST_ROW). */
#define XLSX_FIRST_ROW 3
lxw_worksheet *xlsx_sheet(struct xlsx *x, const char *name, const char *title,
    const char *subtitle, const struct xlsx_col *cols, int ncols);
/* Writes the file and frees the workbook. ERR_STORE if writing failed. */
enum err xlsx_close(struct xlsx *x);

/* A new empty private (0600) temp file for an export under $TMPDIR (or
 * /tmp), named hongyan-<tag>-XXXXXX (tag at most 8 bytes): writes its path
 * into out. ERR_STORE (logged) if none could be made. */
enum err export_temp(char out[64], const char *tag);
/* export_temp() for a workbook. */
enum err xlsx_temp(char out[64]);
/* Reads the file at path into out (whose maximum applies: ERR_TOO_BIG),
 * then unlinks it either way. */
enum err xlsx_slurp(const char *path, struct buf *out);

#endif

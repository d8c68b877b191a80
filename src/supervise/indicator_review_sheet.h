/* indicator_review_sheet.h: the shipped secretary report-and-review sheet
 * (书记抓基层党建述职评议, EVAL-02/04), 100 points in our own wording.
 * indicator_defaults.c lists it among the shipped systems. */
#ifndef HY_INDICATOR_REVIEW_SHEET_H
#define HY_INDICATOR_REVIEW_SHEET_H

#define INDICATOR_REVIEW_ROWS 22

#include "supervise/indicator_sheet.h"

extern const struct ind_sheet_row indicator_review_rows[INDICATOR_REVIEW_ROWS];

#endif

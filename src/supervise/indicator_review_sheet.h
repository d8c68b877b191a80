/* indicator_review_sheet.h: the shipped secretary report-and-review sheet
 * (书记抓基层党建述职评议, EVAL-02/04), 100 points in our own wording.
 * indicator_defaults.c lists it among the shipped systems. */
#ifndef HY_INDICATOR_REVIEW_SHEET_H
#define HY_INDICATOR_REVIEW_SHEET_H

#define INDICATOR_REVIEW_ROWS 22

/* The rows in the layout of indicator_defaults.c's struct row; include
 * after that struct is defined (an array needs a complete element type). */
extern const struct row indicator_review_rows[INDICATOR_REVIEW_ROWS];

#endif

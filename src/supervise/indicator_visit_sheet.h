/* indicator_visit_sheet.h: the shipped instructor's visit sheet
 * (党建指导员督查, issue 4), and the row layout every shipped sheet uses
 * (indicator_defaults.c builds trees from these rows). */
#ifndef HY_INDICATOR_VISIT_SHEET_H
#define HY_INDICATOR_VISIT_SHEET_H

/* One row of a shipped sheet, in tree order. */
struct ind_sheet_row {
	int level;
	const char *name;
	int points;		/* tenths; leaves only (a bonus parent: its max) */
	const char *evidence;
	int flags;		/* IND_SHEET_BONUS, IND_SHEET_VETO */
};

#define IND_SHEET_BONUS 1
#define IND_SHEET_VETO 2

/* 党建指导员督查评分细则: 5 first-level, 8 second-level and 15
 * third-level indicators, 100 points (the size is checked where the
 * rows are defined). */
#define INDICATOR_VISIT_NROWS 28
extern const struct ind_sheet_row indicator_visit_rows[INDICATOR_VISIT_NROWS];

#endif

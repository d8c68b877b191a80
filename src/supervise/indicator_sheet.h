/* indicator_sheet.h: the row layout of every shipped indicator sheet
 * (indicator_defaults.c builds the trees from these rows; each sheet lives
 * in its own file: indicator_visit_sheet.c, indicator_review_sheet.c). */
#ifndef HY_INDICATOR_SHEET_H
#define HY_INDICATOR_SHEET_H

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

#endif

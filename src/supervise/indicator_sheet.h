/* indicator_sheet.h: the row layout of every shipped indicator sheet
 * (indicator_defaults.c builds the trees from these rows; each sheet lives
 * in its own file: indicator_visit_sheet.c, indicator_review_sheet.c,
 * and the principal-tenure sheets in principal/sheet_*.c). */
#ifndef HY_INDICATOR_SHEET_H
#define HY_INDICATOR_SHEET_H

/* One row of a shipped sheet, in tree order. */
struct ind_sheet_row {
	int level;
	const char *name;
	int points;		/* tenths; leaves only (a bonus parent: its max) */
	const char *evidence;
	int flags;		/* IND_SHEET_BONUS, _VETO, _DEV, _SURVEY */
};

#define IND_SHEET_BONUS 1
#define IND_SHEET_VETO 2
#define IND_SHEET_DEV 4		/* developmental: 进步 scored too (PRIN-07) */
#define IND_SHEET_SURVEY 8	/* scored from questionnaires (PRIN-08) */

#endif

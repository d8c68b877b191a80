/* indicator_routine_sheet.h: the shipped routine-visit checklist of the
 * 责任督学 (挂牌督导, issue 13 item 4, PRIN-10). A checklist, not a scored
 * sheet: level 1 the areas, level 2 the items a 督学 checks on a visit,
 * coded "area.item" (1.1, 1.2, …) in tree order (indicator_routine_code).
 * Its points are 0: nothing is scored on a routine visit. */
#ifndef HY_INDICATOR_ROUTINE_SHEET_H
#define HY_INDICATOR_ROUTINE_SHEET_H

#include <stddef.h>

#include "supervise/indicator_sheet.h"

#define INDICATOR_ROUTINE_NROWS 26
extern const struct ind_sheet_row indicator_routine_rows[INDICATOR_ROUTINE_NROWS];

/* The code of row i ("2.3"; "" for an area row) into out (16 bytes). */
void indicator_routine_code(size_t i, char out[16]);
/* The row index of an item's code, or -1 when no item has it. */
int indicator_routine_find(const char *code);

#endif

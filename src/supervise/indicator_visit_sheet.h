/* indicator_visit_sheet.h: the shipped instructor's visit sheet
 * (党建指导员督查, issue 4). */
#ifndef HY_INDICATOR_VISIT_SHEET_H
#define HY_INDICATOR_VISIT_SHEET_H

#include "supervise/indicator_sheet.h"

/* 党建指导员督查评分细则: 5 first-level, 8 second-level and 15
 * third-level indicators, 100 points (the size is checked where the
 * rows are defined). */
#define INDICATOR_VISIT_NROWS 28
extern const struct ind_sheet_row indicator_visit_rows[INDICATOR_VISIT_NROWS];

#endif

/* sheet_rows.h: the three shipped principal-tenure sheets (校（园）长任期
 * 结束综合督导评估指标, PRIN-01), one per stage: 幼儿园, 义务教育学校,
 * 普通高中. Each covers the seven areas (党的建设, 立德树人 (幼儿园: 保育
 * 教育), 学校治理, 教师工作, 规范办学, 安全卫生, 满意度调查) with second-
 * and third-level indicators worth 100 points, developmental items
 * (IND_SHEET_DEV, PRIN-07), the satisfaction area as a survey item
 * (IND_SHEET_SURVEY, PRIN-08) and a 一票否决 group. Wording and points are
 * ours; supervise/indicator_defaults.c installs them. */
#ifndef HY_SHEET_ROWS_H
#define HY_SHEET_ROWS_H

#include "supervise/indicator_sheet.h"

#define SHEET_KINDERGARTEN_ROWS 76
#define SHEET_COMPULSORY_ROWS 79
#define SHEET_SENIOR_ROWS 79

extern const struct ind_sheet_row sheet_kindergarten_rows[SHEET_KINDERGARTEN_ROWS];
extern const struct ind_sheet_row sheet_compulsory_rows[SHEET_COMPULSORY_ROWS];
extern const struct ind_sheet_row sheet_senior_rows[SHEET_SENIOR_ROWS];

#endif

/* indicator_import.h: an indicator system's sheet, read back from the
 * layout our export writes (indicator_api.c): title in A1, the header
 * 编号 层级 指标 分值 评分说明 佐证材料 加分项 一票否决 权重 in row 3, then
 * optionally 发展性 and 满意度测评 (PRIN-07/08; sheets exported before them
 * lack them and import as before), one indicator a row below it in tree
 * order (a row's parent is the nearest row above it one level up). Pure: a
 * grid in, a checked tree out. */
#ifndef HY_INDICATOR_IMPORT_H
#define HY_INDICATOR_IMPORT_H

#include "core/arena.h"
#include "core/err.h"
#include "report/xlsx_read.h"
#include "supervise/indicator.h"

#define IND_IMPORT_COLS 11
#define IND_IMPORT_REQUIRED 9	/* columns A..I must be there; J, K are optional */

/* The sheet's header texts, column A onwards. */
extern const char *const indicator_import_header[IND_IMPORT_COLS];

/* Reads g into a tree (strings and the array in a) and checks it with
 * indicator_tree_check. Every bad cell is named "rows[N].<field>" with N
 * the row number Excel shows (field: code, level, name, max_points,
 * guidance, evidence, bonus, veto, weight, developmental, survey, parent,
 * header); "rows" when
 * there is no indicator or too many. *title is A1's text ("" if empty).
 * ERR_INVALID or ERR_OK. */
enum err indicator_import_grid(const struct xlsx_grid *g, struct arena *a, struct indicator **v,
    int *n, const char **title, struct problem *pb);

#endif

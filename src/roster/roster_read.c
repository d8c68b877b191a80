/* roster_read.c: rows of an uploaded roster: .xlsx streamed, .csv in
 * UTF-8 or GB18030 (issue 16; IMP-01 rows, IMP-02 zip bombs). */
#include "core/common.h"
#include "roster/roster_read.h"
#include "core/buf.h"
#include "core/config.h"
#include "core/xalloc.h"

#include <iconv.h>

void
roster_limits_from_config(struct roster_limits *lim)
{
	lim->part_max = (size_t)cfg.import_part_max;
	lim->ratio_max = (unsigned)cfg.import_ratio_max;
	lim->rows_max = (int)cfg.import_rows_max;
	lim->cols_max = 64;
	lim->cell_max = 32767;
}

/* Whether p[0..n) is well-formed UTF-8 (no overlongs or surrogates checked
 * beyond the lead bytes: enough to tell it from GB18030). */
static int
utf8_valid(const unsigned char *p, size_t n)
{
	size_t i = 0;

	while (i < n) {
		unsigned c = p[i];
		size_t k = c < 0x80 ? 0 : (c & 0xE0) == 0xC0 ? 1 : (c & 0xF0) == 0xE0 ? 2 :
		    (c & 0xF8) == 0xF0 ? 3 : 9;

		if (k == 9 || (k == 1 && c < 0xC2) || i + k >= n + (k ? 0 : 1))
			return 0;
		for (size_t j = 1; j <= k; j++)
			if ((p[i + j] & 0xC0) != 0x80)
				return 0;
		i += k + 1;
	}
	return 1;
}

/* GB18030 → UTF-8 into a malloc'd, NUL-ended buffer; NULL if not GB18030. */
static char *
from_gb18030(const char *p, size_t n, size_t *outn)
{
	iconv_t cd = iconv_open("UTF-8", "GB18030");
	size_t cap = n * 2 + 4, left = cap - 1, inleft = n;
	char *out, *o, *in = (char *)p;

	if (cd == (iconv_t)-1)
		return NULL;
	out = o = xmalloc(cap);
	if (iconv(cd, &in, &inleft, &o, &left) == (size_t)-1) {
		free(out);
		iconv_close(cd);
		return NULL;
	}
	iconv_close(cd);
	*o = 0;
	*outn = (size_t)(o - out);
	return out;
}

struct csv {
	const struct roster_limits *lim;
	xlsx_row_fn fn;
	void *ctx;
	const char **cells;
	struct buf *fields;	/* cols_max buffers */
	int ncols, row;
	const char *why;
};

static enum err
csv_emit(struct csv *c)
{
	int any = 0;

	for (int i = 0; i < c->ncols; i++) {
		c->cells[i] = buf_str(&c->fields[i]);
		any |= c->fields[i].len > 0;
	}
	if (any && c->row >= c->lim->rows_max) {	/* IMP-01 */
		c->why = "工作表的行数超过上限";
		return ERR_TOO_BIG;
	}
	if (any && c->fn(c->ctx, c->row, c->ncols, c->cells))
		return ERR_INVALID;
	for (int i = 0; i < c->ncols; i++)
		buf_reset(&c->fields[i]);
	c->ncols = 0;
	c->row++;
	return ERR_OK;
}

/* RFC 4180: fields split by commas, quoted with "", "" inside quotes. */
static enum err
csv_parse(struct csv *c, const char *p, size_t n)
{
	const char *end = p + n;
	int quoted = 0;
	enum err e;

	c->ncols = 1;
	while (p < end) {
		char ch = *p++;

		if (quoted) {
			if (ch == '"' && p < end && *p == '"')
				p++;
			else if (ch == '"') {
				quoted = 0;
				continue;
			}
		} else if (ch == '"') {
			quoted = 1;
			continue;
		} else if (ch == ',') {
			if (c->ncols == c->lim->cols_max) {
				c->why = "工作表的列数超过上限";
				return ERR_TOO_BIG;
			}
			c->ncols++;
			continue;
		} else if (ch == '\r' || ch == '\n') {
			if (ch == '\r' && p < end && *p == '\n')
				p++;
			if ((e = csv_emit(c)))
				return e;
			c->ncols = 1;
			continue;
		}
		if (c->fields[c->ncols - 1].len >= c->lim->cell_max ||
		    buf_addc(&c->fields[c->ncols - 1], ch)) {
			c->why = "单元格内容过长";
			return ERR_TOO_BIG;
		}
	}
	if (quoted) {
		c->why = "CSV 文件的引号不配对";
		return ERR_INVALID;
	}
	return csv_emit(c);
}

static enum err
read_csv(const char *p, size_t n, const struct roster_limits *lim, xlsx_row_fn fn, void *ctx,
    const char **why)
{
	struct csv c = { .lim = lim, .fn = fn, .ctx = ctx };
	char *conv = NULL;
	size_t cn;
	enum err e;

	if (n >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3)) {
		p += 3;
		n -= 3;
	} else if (!utf8_valid((const unsigned char *)p, n)) {
		if (!(conv = from_gb18030(p, n, &cn))) {
			*why = "无法识别文件：请上传 .xlsx 工作簿，或 UTF-8/GB18030 编码的 .csv";
			return ERR_INVALID;
		}
		p = conv;
		n = cn;
	}
	if (memchr(p, 0, n)) {
		free(conv);
		*why = "无法识别文件：请上传 .xlsx 工作簿，或 UTF-8/GB18030 编码的 .csv";
		return ERR_INVALID;
	}
	c.cells = xcalloc((size_t)lim->cols_max, sizeof(*c.cells));
	c.fields = xcalloc((size_t)lim->cols_max, sizeof(*c.fields));
	for (int i = 0; i < lim->cols_max; i++)
		c.fields[i] = (struct buf)BUF_INIT(lim->cell_max + 1);
	e = csv_parse(&c, p, n);
	for (int i = 0; i < lim->cols_max; i++)
		buf_release(&c.fields[i]);
	free(c.fields);
	free(c.cells);
	free(conv);
	*why = c.why;
	return e;
}

enum err
roster_read(const void *data, size_t len, const struct roster_limits *lim, xlsx_row_fn fn,
    void *ctx, const char **why)
{
	struct xlsx_limits xl;

	*why = NULL;
	if (!len) {
		*why = "文件为空";
		return ERR_INVALID;
	}
	if (len >= 4 && !memcmp(data, "\xD0\xCF\x11\xE0", 4)) {
		*why = "不支持旧版 .xls 文件：请在 Excel 中另存为 .xlsx 后上传";
		return ERR_INVALID;
	}
	if (len < 4 || memcmp(data, "PK\x03\x04", 4))
		return read_csv(data, len, lim, fn, ctx, why);
	xl = xlsx_limits_default;
	xl.part_max = lim->part_max;
	xl.ratio_max = lim->ratio_max;
	xl.rows_max = lim->rows_max;
	xl.cols_max = lim->cols_max;
	xl.cell_max = lim->cell_max;
	/* Shared strings: at most a few per row (IMP-01 bounds the rows). */
	xl.strings_max = lim->rows_max > 100000 ? lim->rows_max * 16 : 1600000;
	return xlsx_stream(data, len, &xl, fn, ctx, why);
}

#include "core/common.h"
#include "report/xlsx.h"
#include "core/log.h"

#include <unistd.h>

static lxw_format *
fmt(lxw_workbook *wb, int bold, int border, uint8_t align, const char *num)
{
	lxw_format *f = workbook_add_format(wb);

	format_set_font_name(f, "宋体");
	format_set_font_size(f, 11);
	format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
	if (align)
		format_set_align(f, align);
	if (bold)
		format_set_bold(f);
	if (border)
		format_set_border(f, LXW_BORDER_THIN);
	if (num)
		format_set_num_format(f, num);
	return f;
}

static void
formats(struct xlsx *x)
{
	x->title = fmt(x->wb, 1, 0, LXW_ALIGN_CENTER, NULL);
	format_set_font_size(x->title, 16);
	x->sub = fmt(x->wb, 0, 0, LXW_ALIGN_LEFT, NULL);
	x->head = fmt(x->wb, 1, 1, LXW_ALIGN_CENTER, NULL);
	format_set_bg_color(x->head, 0xEDEDED);
	format_set_text_wrap(x->head);
	x->text = fmt(x->wb, 0, 1, 0, NULL);
	format_set_text_wrap(x->text);
	x->center = fmt(x->wb, 0, 1, LXW_ALIGN_CENTER, NULL);
	x->num = fmt(x->wb, 0, 1, LXW_ALIGN_RIGHT, "0");
	x->money = fmt(x->wb, 0, 1, LXW_ALIGN_RIGHT, "0.00");
	x->pct = fmt(x->wb, 0, 1, LXW_ALIGN_RIGHT, "0.0%");
	x->total = fmt(x->wb, 1, 1, LXW_ALIGN_CENTER, NULL);
	x->total_num = fmt(x->wb, 1, 1, LXW_ALIGN_RIGHT, "0");
	x->total_money = fmt(x->wb, 1, 1, LXW_ALIGN_RIGHT, "0.00");
	x->total_pct = fmt(x->wb, 1, 1, LXW_ALIGN_RIGHT, "0.0%");
	x->owed = fmt(x->wb, 0, 1, LXW_ALIGN_CENTER, NULL);
	format_set_bg_color(x->owed, 0xFCE4E4);
	format_set_font_color(x->owed, 0xC00000);
}

enum err
xlsx_open(struct xlsx *x, const char *path)
{
	lxw_workbook_options o = { .constant_memory = LXW_TRUE, .tmpdir = NULL };

	memset(x, 0, sizeof(*x));
	x->wb = workbook_new_opt(path, &o);
	if (!x->wb) {
		log_error("xlsx: cannot create %s", path);
		return ERR_STORE;
	}
	formats(x);
	return ERR_OK;
}

lxw_worksheet *
xlsx_sheet(struct xlsx *x, const char *name, const char *title, const char *subtitle,
    const struct xlsx_col *cols, int ncols)
{
	lxw_worksheet *ws = workbook_add_worksheet(x->wb, name);
	lxw_col_t last = (lxw_col_t)(ncols - 1);

	worksheet_set_paper(ws, 9);	/* A4 */
	worksheet_set_landscape(ws);
	worksheet_set_margins(ws, 0.4, 0.4, 0.6, 0.6);
	worksheet_center_horizontally(ws);
	worksheet_fit_to_pages(ws, 1, 0);	/* one page wide, as tall as needed */
	worksheet_repeat_rows(ws, 0, 2);
	worksheet_set_footer(ws, "&C第 &P 页，共 &N 页");
	worksheet_freeze_panes(ws, XLSX_FIRST_ROW, 0);
	for (int i = 0; i < ncols; i++)
		worksheet_set_column(ws, (lxw_col_t)i, (lxw_col_t)i, cols[i].width, NULL);
	worksheet_set_row(ws, 0, 30, NULL);
	worksheet_merge_range(ws, 0, 0, 0, last, title, x->title);
	worksheet_merge_range(ws, 1, 0, 1, last, subtitle, x->sub);
	worksheet_set_row(ws, 2, 22, NULL);
	for (int i = 0; i < ncols; i++)
		worksheet_write_string(ws, 2, (lxw_col_t)i, cols[i].head, x->head);
	return ws;
}

enum err
xlsx_close(struct xlsx *x)
{
	lxw_error le = workbook_close(x->wb);

	x->wb = NULL;
	if (le) {
		log_error("xlsx: %s", lxw_strerror(le));
		return ERR_STORE;
	}
	return ERR_OK;
}

enum err
export_temp(char out[64], const char *tag)
{
	const char *dir = getenv("TMPDIR");
	int fd;

	snprintf(out, 64, "%s/hongyan-%.8s-XXXXXX", dir && strlen(dir) < 32 ? dir : "/tmp", tag);
	fd = mkstemp(out);	/* 0600; the writer (libxlsxwriter, libhpdf) reopens it */
	if (fd < 0) {
		log_error("export: cannot make a temp file: %s", strerror(errno));
		return ERR_STORE;
	}
	close(fd);
	return ERR_OK;
}

enum err
xlsx_temp(char out[64])
{
	return export_temp(out, "xlsx");
}

enum err
xlsx_slurp(const char *path, struct buf *out)
{
	FILE *f = fopen(path, "rb");
	char chunk[65536];
	enum err e = ERR_OK;
	size_t n;

	if (!f) {
		log_error("xlsx: cannot read %s: %s", path, strerror(errno));
		unlink(path);
		return ERR_STORE;
	}
	while (!e && (n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		e = buf_add(out, chunk, n);
	if (!e && ferror(f))
		e = ERR_STORE;
	fclose(f);
	unlink(path);
	return e;
}

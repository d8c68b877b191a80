/* xlsx_read.c: the first sheet of an .xlsx as cell texts. Each XML part is
 * streamed from the zip into expat chunk by chunk, counting uncompressed
 * bytes, so neither a bomb nor a huge part is ever held in memory. */
#include "core/common.h"
#include "report/xlsx_read.h"
#include "core/buf.h"
#include "core/xalloc.h"

#include <expat.h>
#include <zip.h>

const struct xlsx_limits xlsx_limits_default = { 16u << 20, 10000, 64, 200000, 32767, 0 };

struct cellv {
	int row, col;
	char *text;
};

enum part { P_WORKBOOK, P_RELS, P_STRINGS, P_SHEET };

/* The parse of one part; the handlers switch on kind. */
struct rd {
	const struct xlsx_limits *lim;
	XML_Parser p;
	enum part kind;
	struct arena *a;
	enum err e;
	const char *why;
	/* workbook and rels */
	char *sheet_rid, *sheet_target, *strings_target;
	/* text being collected (a <t> or <v>) */
	struct buf text;
	int collect, in_rph;
	/* shared strings */
	char **sst;
	int nsst, capsst, in_si;
	/* sheet */
	struct cellv *cells;
	int ncells, capcells, row, col, in_c, in_is;
	char ctype[16];
	char *v;
	/* streaming (xlsx_stream): one row's cells in ra, handed to row_fn */
	xlsx_row_fn row_fn;
	void *row_ctx;
	struct arena ra;
	char **rowcells;
	int rowcols, stopped;
};

/* Where a cell's texts live: the row's arena when streaming. */
static struct arena *
cell_arena(struct rd *r)
{
	return r->row_fn ? &r->ra : r->a;
}

static const char *
local(const char *name)
{
	const char *c = strrchr(name, ':');

	return c ? c + 1 : name;
}

/* The value of attribute k (by local name; prefixed only when pfx). */
static const char *
attr(const char **at, const char *k, int pfx)
{
	for (int i = 0; at[i]; i += 2)
		if (!strcmp(local(at[i]), k) && (!pfx || strchr(at[i], ':')))
			return at[i + 1];
	return NULL;
}

static void
fail(struct rd *r, enum err e, const char *why)
{
	if (!r->e) {
		r->e = e;
		r->why = why;
	}
	XML_StopParser(r->p, XML_FALSE);
}

/* "B12" → row 11, col 1; -1 on a bad reference. */
static int
cell_ref(const char *s, int *row, int *col)
{
	long c = 0, rw = 0;
	int nl = 0, nd = 0;

	for (; *s >= 'A' && *s <= 'Z' && nl < 4; s++, nl++)
		c = c * 26 + (*s - 'A' + 1);
	for (; *s >= '0' && *s <= '9' && nd < 8; s++, nd++)
		rw = rw * 10 + (*s - '0');
	if (*s || !nl || !nd || !rw)
		return -1;
	*row = (int)(rw - 1);
	*col = (int)(c - 1);
	return 0;
}

static void
start_workbook(struct rd *r, const char *n, const char **at)
{
	const char *id;

	if (r->sheet_rid || strcmp(n, "sheet") || !(id = attr(at, "id", 1)))
		return;
	r->sheet_rid = arena_strdup(r->a, id);
}

static void
start_rels(struct rd *r, const char *n, const char **at)
{
	const char *id = attr(at, "Id", 0), *t = attr(at, "Target", 0), *ty = attr(at, "Type", 0);
	size_t tl;

	if (strcmp(n, "Relationship") || !id || !t)
		return;
	if (r->sheet_rid && !strcmp(id, r->sheet_rid))
		r->sheet_target = arena_strdup(r->a, t);
	tl = ty ? strlen(ty) : 0;
	if (tl > 14 && !strcmp(ty + tl - 14, "/sharedStrings"))
		r->strings_target = arena_strdup(r->a, t);
}

static void
start_text(struct rd *r)
{
	r->collect = 1;
}

static void
start_strings(struct rd *r, const char *n)
{
	if (!strcmp(n, "si")) {
		r->in_si = 1;
		buf_reset(&r->text);
	} else if (!strcmp(n, "rPh")) {
		r->in_rph++;
	} else if (!strcmp(n, "t") && r->in_si && !r->in_rph) {
		start_text(r);
	}
}

static void
start_sheet(struct rd *r, const char *n, const char **at)
{
	const char *s;

	if (!strcmp(n, "row")) {
		long v = (s = attr(at, "r", 0)) ? strtol(s, NULL, 10) : r->row + 2;

		if (v < 1 || v > r->lim->rows_max) {
			fail(r, ERR_TOO_BIG, "工作表的行数超过上限");
			return;
		}
		r->row = (int)v - 1;
		r->col = -1;
	} else if (!strcmp(n, "c")) {
		r->in_c = 1;
		r->v = NULL;
		buf_reset(&r->text);
		s = attr(at, "t", 0);
		snprintf(r->ctype, sizeof(r->ctype), "%s", s ? s : "n");
		if ((s = attr(at, "r", 0)) && cell_ref(s, &r->row, &r->col)) {
			fail(r, ERR_INVALID, "单元格位置无效");
			return;
		}
		if (!s)
			r->col++;
		if (r->row < 0 || r->row >= r->lim->rows_max) {
			fail(r, ERR_TOO_BIG, "工作表的行数超过上限");
			return;
		}
		if (r->col < 0 || r->col >= r->lim->cols_max) {
			fail(r, ERR_TOO_BIG, "工作表的列数超过上限");
			return;
		}
	} else if (r->in_c && !strcmp(n, "is")) {
		r->in_is = 1;
	} else if (r->in_c && !strcmp(n, "rPh")) {
		r->in_rph++;
	} else if (r->in_c && ((!strcmp(n, "t") && r->in_is && !r->in_rph) || !strcmp(n, "v"))) {
		start_text(r);
	}
}

static void XMLCALL
on_start(void *ctx, const XML_Char *name, const XML_Char **at)
{
	struct rd *r = ctx;
	const char *n = local(name);

	switch (r->kind) {
	case P_WORKBOOK: start_workbook(r, n, at); break;
	case P_RELS: start_rels(r, n, at); break;
	case P_STRINGS: start_strings(r, n); break;
	case P_SHEET: start_sheet(r, n, at); break;
	}
}

static void
push_string(struct rd *r)
{
	if (r->nsst >= r->lim->strings_max) {
		fail(r, ERR_TOO_BIG, "共享字符串的数量超过上限");
		return;
	}
	if (r->nsst == r->capsst) {
		r->capsst = r->capsst ? r->capsst * 2 : 256;
		r->sst = xrealloc(r->sst, sizeof(*r->sst) * (size_t)r->capsst);
	}
	r->sst[r->nsst++] = arena_strdup(r->a, buf_str(&r->text));
}

/* The cell's text by its type; NULL after a failure. */
static const char *
cell_text(struct rd *r)
{
	const char *v = r->v ? r->v : "";
	char *end;
	long i;

	if (!strcmp(r->ctype, "inlineStr"))
		return buf_str(&r->text);
	if (strcmp(r->ctype, "s"))
		return v;	/* n, b, str, e: the value as written */
	i = strtol(v, &end, 10);
	if (!*v || *end || i < 0 || i >= r->nsst) {
		fail(r, ERR_INVALID, "共享字符串的编号无效");
		return NULL;
	}
	return r->sst[i];
}

static void
push_cell(struct rd *r)
{
	const char *t = cell_text(r);

	if (!t || !*t)
		return;
	if (r->row_fn) {
		r->rowcells[r->col] = arena_strdup(&r->ra, t);
		r->rowcols = r->col + 1 > r->rowcols ? r->col + 1 : r->rowcols;
		return;
	}
	if (r->ncells == r->capcells) {
		r->capcells = r->capcells ? r->capcells * 2 : 256;
		r->cells = xrealloc(r->cells, sizeof(*r->cells) * (size_t)r->capcells);
	}
	r->cells[r->ncells++] = (struct cellv){ r->row, r->col, arena_strdup(r->a, t) };
}

/* Streaming: hands the finished row to row_fn and forgets it. */
static void
emit_row(struct rd *r)
{
	if (r->rowcols && r->row_fn(r->row_ctx, r->row, r->rowcols,
	    (const char *const *)r->rowcells)) {
		r->stopped = 1;
		fail(r, ERR_INVALID, NULL);
	}
	memset(r->rowcells, 0, sizeof(*r->rowcells) * (size_t)r->lim->cols_max);
	r->rowcols = 0;
	arena_release(&r->ra);
}

static void
end_sheet(struct rd *r, const char *n)
{
	if (!strcmp(n, "row") && r->row_fn) {
		emit_row(r);
	} else if (!strcmp(n, "v") && r->in_c && r->collect) {
		r->v = arena_strdup(cell_arena(r), buf_str(&r->text));
	} else if (!strcmp(n, "is")) {
		r->in_is = 0;
	} else if (!strcmp(n, "c") && r->in_c) {
		push_cell(r);
		r->in_c = 0;
	}
}

static void XMLCALL
on_end(void *ctx, const XML_Char *name)
{
	struct rd *r = ctx;
	const char *n = local(name);

	if (!strcmp(n, "rPh") && r->in_rph) {
		r->in_rph--;
		return;
	}
	if (r->kind == P_STRINGS && !strcmp(n, "si") && r->in_si) {
		push_string(r);
		r->in_si = 0;
	} else if (r->kind == P_SHEET) {
		end_sheet(r, n);
	}
	if (!strcmp(n, "t") || !strcmp(n, "v"))
		r->collect = 0;
}

static void XMLCALL
on_text(void *ctx, const XML_Char *s, int len)
{
	struct rd *r = ctx;

	if (!r->collect)
		return;
	if (r->text.len + (size_t)len > r->lim->cell_max || buf_add(&r->text, s, (size_t)len))
		fail(r, ERR_TOO_BIG, "单元格内容过长");
}

static void XMLCALL
on_doctype(void *ctx, const XML_Char *name, const XML_Char *sys, const XML_Char *pub,
    int internal)
{
	(void)name, (void)sys, (void)pub, (void)internal;
	fail(ctx, ERR_INVALID, "文件含有不支持的 DTD 声明");
}

/* Streams the zip entry name through a fresh parser as kind. ERR_NOT_FOUND
 * when there is no such entry. */
static enum err
parse_part(struct rd *r, zip_t *z, const char *name, enum part kind)
{
	char chunk[16384];
	size_t total = 0;
	zip_int64_t n = 0;
	zip_file_t *f = zip_fopen(z, name, 0);
	zip_stat_t zs;

	if (!f)
		return ERR_NOT_FOUND;
	if (r->lim->ratio_max && !zip_stat(z, name, 0, &zs) && (zs.valid & ZIP_STAT_SIZE) &&
	    (zs.valid & ZIP_STAT_COMP_SIZE) && (zs.size > r->lim->part_max ||
	    zs.size / (zs.comp_size ? zs.comp_size : 1) > r->lim->ratio_max)) {
		zip_fclose(f);
		fail(r, ERR_TOO_BIG, "文件解压后过大（疑似压缩炸弹）");
		return r->e;
	}
	r->p = XML_ParserCreate(NULL);
	if (!r->p)
		abort();
	XML_SetUserData(r->p, r);
	XML_SetElementHandler(r->p, on_start, on_end);
	XML_SetCharacterDataHandler(r->p, on_text);
	XML_SetStartDoctypeDeclHandler(r->p, on_doctype);
	r->kind = kind;
	r->collect = r->in_rph = 0;
	while (!r->e && (n = zip_fread(f, chunk, sizeof(chunk))) > 0) {
		total += (size_t)n;
		if (total > r->lim->part_max)
			fail(r, ERR_TOO_BIG, "文件解压后过大");
		else if (XML_Parse(r->p, chunk, (int)n, 0) != XML_STATUS_OK)
			fail(r, ERR_INVALID, "文件内容不是有效的 XML");
	}
	if (!r->e && n < 0)
		fail(r, ERR_INVALID, "压缩数据已损坏");
	if (!r->e && XML_Parse(r->p, NULL, 0, 1) != XML_STATUS_OK)
		fail(r, ERR_INVALID, "文件内容不是有效的 XML");
	XML_ParserFree(r->p);
	r->p = NULL;
	zip_fclose(f);
	return r->e;
}

/* A relationship target as a zip entry name: relative to xl/ unless it
 * starts with '/'. */
static const char *
part_name(struct rd *r, const char *target)
{
	return target[0] == '/' ? target + 1 : arena_printf(r->a, "xl/%s", target);
}

static enum err
read_parts(struct rd *r, zip_t *z)
{
	const char *sheet = "xl/worksheets/sheet1.xml";
	enum err e = parse_part(r, z, "xl/workbook.xml", P_WORKBOOK);

	if (e == ERR_NOT_FOUND) {
		r->why = "不是 Excel 工作簿（.xlsx）";
		return ERR_INVALID;
	}
	if (!e && r->sheet_rid)
		e = parse_part(r, z, "xl/_rels/workbook.xml.rels", P_RELS);
	if (e && e != ERR_NOT_FOUND)
		return e;
	if (r->sheet_target)
		sheet = part_name(r, r->sheet_target);
	e = parse_part(r, z, r->strings_target ? part_name(r, r->strings_target)
	    : "xl/sharedStrings.xml", P_STRINGS);
	if (e && e != ERR_NOT_FOUND)
		return e;
	r->row = -1;
	e = parse_part(r, z, sheet, P_SHEET);
	if (e == ERR_NOT_FOUND) {
		r->why = "工作簿中没有工作表";
		return ERR_INVALID;
	}
	return e;
}

static void
build_grid(struct rd *r, struct xlsx_grid *g)
{
	for (int i = 0; i < r->ncells; i++) {
		g->rows = r->cells[i].row + 1 > g->rows ? r->cells[i].row + 1 : g->rows;
		g->cols = r->cells[i].col + 1 > g->cols ? r->cells[i].col + 1 : g->cols;
	}
	g->cell = xcalloc((size_t)g->rows * (size_t)g->cols + 1, sizeof(char *));
	for (int i = 0; i < r->ncells; i++)
		g->cell[r->cells[i].row * g->cols + r->cells[i].col] = r->cells[i].text;
}

/* Opens the zip in memory and reads its parts into r; on success, when
 * g is given, builds the grid. */
static enum err
read_book(struct rd *r, const void *data, size_t len, struct xlsx_grid *g, const char **why)
{
	zip_source_t *src;
	zip_error_t ze;
	zip_t *z;
	enum err e;

	*why = NULL;
	zip_error_init(&ze);
	src = len ? zip_source_buffer_create(data, len, 0, &ze) : NULL;
	z = src ? zip_open_from_source(src, ZIP_RDONLY, &ze) : NULL;
	if (!z) {
		if (src)
			zip_source_free(src);
		zip_error_fini(&ze);
		*why = "不是 Excel 工作簿（.xlsx），或文件已损坏";
		return ERR_INVALID;
	}
	e = read_parts(r, z);
	if (!e && g)
		build_grid(r, g);
	zip_discard(z);	/* frees src too */
	zip_error_fini(&ze);
	buf_release(&r->text);
	free(r->sst);
	free(r->cells);
	if (e && !r->stopped)
		*why = r->why ? r->why : "无法读取该文件";
	return e;
}

enum err
xlsx_read(const void *data, size_t len, const struct xlsx_limits *lim, struct xlsx_grid *g,
    const char **why)
{
	struct rd r = { .lim = lim ? lim : &xlsx_limits_default, .a = &g->a,
		.text = BUF_INIT(1u << 20) };

	memset(g, 0, sizeof(*g));
	return read_book(&r, data, len, g, why);
}

enum err
xlsx_stream(const void *data, size_t len, const struct xlsx_limits *lim, xlsx_row_fn fn,
    void *ctx, const char **why)
{
	struct arena strings = ARENA_INIT;
	struct rd r = { .lim = lim ? lim : &xlsx_limits_default, .a = &strings,
		.text = BUF_INIT(1u << 20), .row_fn = fn, .row_ctx = ctx, .ra = ARENA_INIT };
	enum err e;

	r.rowcells = xcalloc((size_t)r.lim->cols_max, sizeof(char *));
	e = read_book(&r, data, len, NULL, why);
	free(r.rowcells);
	arena_release(&r.ra);
	arena_release(&strings);
	return e;
}

const char *
xlsx_cell(const struct xlsx_grid *g, int row, int col)
{
	const char *s;

	if (row < 0 || col < 0 || row >= g->rows || col >= g->cols)
		return "";
	s = g->cell[row * g->cols + col];
	return s ? s : "";
}

void
xlsx_grid_release(struct xlsx_grid *g)
{
	free(g->cell);
	arena_release(&g->a);
	memset(g, 0, sizeof(*g));
}

/* roster_xlsx.c: the problem workbook and the roster export (issue 16). */
#include "core/common.h"
#include "roster/roster_xlsx.h"
#include "auth/audit.h"
#include "core/buf.h"
#include "core/log.h"
#include "core/xalloc.h"
#include "http/json_out.h"
#include "party/member.h"
#include "party/org.h"

#include <xlsxwriter.h>

static lxw_workbook *
book_open(const char *path, lxw_worksheet **ws, lxw_format **head, lxw_format **text)
{
	lxw_workbook_options o = { .constant_memory = LXW_TRUE, .tmpdir = NULL };
	lxw_workbook *wb = workbook_new_opt(path, &o);

	if (!wb)
		return NULL;
	*ws = workbook_add_worksheet(wb, NULL);
	*head = workbook_add_format(wb);
	format_set_bold(*head);
	*text = workbook_add_format(wb);
	format_set_num_format(*text, "@");	/* text: numbers stay as typed */
	return wb;
}

static enum err
book_close(lxw_workbook *wb)
{
	lxw_error le = workbook_close(wb);

	if (le) {
		log_error("roster workbook: %s", lxw_strerror(le));
		return ERR_STORE;
	}
	return ERR_OK;
}

/* Always as a string: a formula-looking cell stays text (IMP-09). */
static void
put_text(lxw_worksheet *ws, int row, int col, const char *s, lxw_format *f)
{
	if (s && *s)
		worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)col, s, f);
}

struct pbook {
	lxw_worksheet *ws;
	lxw_format *head, *text;
	const struct roster_run *run;
	int next;	/* the next problem to write */
	int pcol;	/* the problem column */
	struct buf msg;
};

/* Every reason of sheet row (1-based) joined; "" when none. */
static const char *
row_reasons(struct pbook *b, int row)
{
	const struct roster_run *run = b->run;

	buf_reset(&b->msg);
	while (b->next < run->nproblems && run->problems[b->next].row <= row) {
		const struct roster_problem *pr = &run->problems[b->next++];
		char col[4] = "";

		if (pr->col >= 0)
			roster_col_name(pr->col, col);
		buf_addf(&b->msg, "%s%s%s%s%s", b->msg.len ? "；" : "", col,
		    pr->col >= 0 && pr->col < run->map.ncols ? "列（" : "",
		    pr->col >= 0 && pr->col < run->map.ncols ? run->map.header[pr->col] : "",
		    pr->col >= 0 && pr->col < run->map.ncols ? "）" : "");
		buf_addf(&b->msg, "%s%s", pr->col >= 0 ? "：" : "", pr->reason);
	}
	return buf_str(&b->msg);
}

static int
put_row(void *ctx, int row, int ncols, const char *const *cells)
{
	struct pbook *b = ctx;
	int header = row + 1 == b->run->map.header_row;

	for (int c = 0; c < ncols; c++)
		put_text(b->ws, row, c, cells[c], header ? b->head : b->text);
	if (header) {	/* the header's own problems (an unknown column …) beside it */
		const char *r = row_reasons(b, row + 1);

		put_text(b->ws, row, b->pcol, "问题（导入检查）", b->head);
		if (*r)
			put_text(b->ws, row, b->pcol + 1, r, b->text);
	}
	else
		put_text(b->ws, row, b->pcol, row_reasons(b, row + 1), b->text);
	return 0;
}

enum err
roster_problem_book(const void *data, size_t len, const struct roster_run *run,
    const char *path)
{
	struct pbook b = { .run = run, .msg = BUF_INIT(1 << 20) };
	struct roster_limits lim;
	lxw_workbook *wb = book_open(path, &b.ws, &b.head, &b.text);
	const char *why;
	enum err e;

	if (!wb)
		return ERR_STORE;
	b.pcol = run->map.ncols > 0 ? run->map.ncols : 1;
	while (b.next < run->nproblems && run->problems[b.next].row == 0)
		b.next++;	/* whole-file problems are in the reply, not on a row */
	worksheet_set_column(b.ws, 0, (lxw_col_t)b.pcol, 16, NULL);
	worksheet_set_column(b.ws, (lxw_col_t)b.pcol, (lxw_col_t)b.pcol, 60, NULL);
	roster_limits_from_config(&lim);
	e = roster_read(data, len, &lim, put_row, &b, &why);
	buf_release(&b.msg);
	if (book_close(wb) && !e)
		e = ERR_STORE;
	return e;
}

/* --- export --- */

static const enum roster_field export_cols[] = { RF_NAME, RF_GENDER, RF_ETHNICITY,
	RF_ID_CARD, RF_BIRTH_DATE, RF_EDUCATION, RF_JOINED_ON, RF_FULL_ON, RF_STATUS,
	RF_CATEGORY, RF_ORG, RF_PHONE, RF_POST, RF_TITLE };

struct names {
	int64_t *id, *parent;
	char **name;
	int n, cap;
};

static void
collect_name(void *ctx, const struct org *o)
{
	struct names *nm = ctx;

	if (nm->n == nm->cap) {
		nm->cap = nm->cap ? nm->cap * 2 : 64;
		nm->id = xrealloc(nm->id, sizeof(*nm->id) * (size_t)nm->cap);
		nm->parent = xrealloc(nm->parent, sizeof(*nm->parent) * (size_t)nm->cap);
		nm->name = xrealloc(nm->name, sizeof(*nm->name) * (size_t)nm->cap);
	}
	nm->id[nm->n] = o->id;
	nm->parent[nm->n] = o->parent_id;
	nm->name[nm->n++] = xstrdup(o->name);
}

static int
name_at(const struct names *nm, int64_t id)
{
	for (int i = 0; i < nm->n; i++)
		if (nm->id[i] == id)
			return i;
	return -1;
}

/* "A/B/C": the names from the scope's top down to org id. */
static void
org_path_text(const struct names *nm, int64_t id, struct buf *out)
{
	int chain[16], n = 0, i;

	buf_reset(out);
	while (n < 16 && (i = name_at(nm, id)) >= 0) {
		chain[n++] = i;
		id = nm->parent[i];
	}
	while (n--)
		buf_addf(out, "%s%s", out->len ? "/" : "", nm->name[chain[n]]);
}

struct exp {
	struct db *db;
	const struct who *w;
	lxw_worksheet *ws;
	lxw_format *text;
	struct names nm;
	int whole, row;
	int64_t *ids;
	int nids, capids;
	enum err e;
};

static void
collect_id(void *ctx, const struct member *m)
{
	struct exp *x = ctx;

	if (x->nids == x->capids) {
		x->capids = x->capids ? x->capids * 2 : 256;
		x->ids = xrealloc(x->ids, sizeof(*x->ids) * (size_t)x->capids);
	}
	x->ids[x->nids++] = m->id;
}

static void
put_member(struct exp *x, const struct member *m, struct buf *path)
{
	const char *v[ARRAY_SIZE(export_cols)] = { m->name, roster_choice_label(m->gender),
		m->ethnicity, m->id_card, m->birth_date, m->education, m->joined_on, m->full_on,
		roster_choice_label(m->status), roster_choice_label(m->category), NULL, m->phone,
		m->post, m->title };

	org_path_text(&x->nm, m->org_id, path);
	v[10] = buf_str(path);
	for (size_t c = 0; c < ARRAY_SIZE(export_cols); c++)
		put_text(x->ws, x->row, (int)c, v[c], x->text);
	x->row++;
}

/* The ids of every active member in scope, page by page. */
static enum err
list_ids(struct exp *x)
{
	struct member_filter f = { .sort_col = "m.id", .page = 1, .per_page = 1000 };
	int64_t total;
	enum err e;

	do {
		int before = x->nids;

		if ((e = member_list(x->db, x->w, &f, collect_id, x, &total)))
			return e;
		if (x->nids == before)
			break;
		f.page++;
	} while (x->nids < total);
	return ERR_OK;
}

static enum err
write_members(struct exp *x)
{
	struct buf path = BUF_INIT(1 << 16);
	enum err e = ERR_OK;

	for (int i = 0; !e && i < x->nids; i++) {
		struct arena a = ARENA_INIT;
		struct member m;
		const char *p;

		/* whole: the numbers unsealed, the read audited below; masked:
		 * member_get gives the masks */
		e = x->whole ? member_load_whole(x->db, x->w, x->ids[i], &a, &m, &p) :
		    member_get(x->db, x->w, x->ids[i], &a, &m);
		if (!e)
			put_member(x, &m, &path);
		arena_release(&a);
	}
	buf_release(&path);
	return e;
}

/* PI-04: a whole-number export is a detail read of every member in it. */
static enum err
audit_export(struct exp *x)
{
	struct buf b = BUF_INIT(16 << 20);
	struct jw j;
	enum err e;

	jw_init(&j, &b);
	jw_obj(&j);
	jw_kint(&j, "count", x->nids);
	jw_key(&j, "members");
	jw_arr(&j);
	for (int i = 0; i < x->nids; i++)
		jw_int(&j, x->ids[i]);
	jw_arr_end(&j);
	jw_obj_end(&j);
	e = db_begin(x->db);
	if (!e)
		e = audit_write(x->db, x->w, "export_pii", "roster", 0, NULL, buf_str(&b), 1);
	buf_release(&b);
	return db_end(x->db, e);
}

enum err
roster_export(struct db *db, const struct who *w, const char *path, int *whole, int64_t *n)
{
	struct exp x = { .db = db, .w = w };
	lxw_format *head;
	lxw_workbook *wb;
	int64_t no;
	enum err e;

	x.whole = w->role == ROLE_DISTRICT || w->role == ROLE_SECRETARY;
	if ((e = org_list(db, w, collect_name, &x.nm, &no)) || (e = list_ids(&x)))
		goto out;
	if (x.whole && (e = audit_export(&x)))
		goto out;
	if (!(wb = book_open(path, &x.ws, &head, &x.text))) {
		e = ERR_STORE;
		goto out;
	}
	worksheet_set_column(x.ws, 0, (lxw_col_t)ARRAY_SIZE(export_cols), 14, NULL);
	worksheet_set_column(x.ws, 3, 3, 22, NULL);
	worksheet_set_column(x.ws, 10, 10, 50, NULL);
	if (!x.whole)
		put_text(x.ws, x.row++, 0, ROSTER_MASKED_MARK "身份证号、手机号已按规定隐去，"
		    "此文件仅供查阅。", head);
	for (size_t c = 0; c < ARRAY_SIZE(export_cols); c++)
		put_text(x.ws, x.row, (int)c, roster_field_label(export_cols[c]), head);
	x.row++;
	e = write_members(&x);
	if (book_close(wb) && !e)
		e = ERR_STORE;
	*whole = x.whole;
	*n = x.nids;
out:
	for (int i = 0; i < x.nm.n; i++)
		free(x.nm.name[i]);
	free(x.nm.id);
	free(x.nm.parent);
	free(x.nm.name);
	free(x.ids);
	return e;
}

/* --- the template --- */

static const char *const template_example[] = { "张三" ROSTER_EXAMPLE_MARK, "男", "汉族",
	"513101198201130014", "1982-01-13", "大学本科", "2005-07-01", "2006-07-01", "正式党员",
	"在职", "中共某某区教育工委/中共某某中学委员会/语文学科党支部", "13800000000", "教师",
	"一级教师" };

static const char *const template_values[][3] = {
	{ "字段", "可填写的值", "说明" },
	{ "姓名", "至多 32 字", "必填" },
	{ "性别", "男、女", "不填时按身份证号" },
	{ "公民身份号码", "18 位，末位可为 X", "必填；请把该列设为文本，否则 Excel 会丢失末几位" },
	{ "出生日期", "2001-09-01、2001/9/1、2001年9月1日、20010901", "不填时按身份证号；须与身份证号一致" },
	{ "入党时间", "同上", "必填；应晚于出生日期" },
	{ "转正时间", "同上", "正式党员必填，预备党员不填；不早于入党时间" },
	{ "人员类别", "正式党员、预备党员", "不填时：有转正时间为正式党员" },
	{ "在职情况", "在职、退休、其他", "不填此列时为在职" },
	{ "所在党组织", "上级组织/…/党支部 的完整路径，或管辖范围内唯一的支部名称", "必填；党员只能编入党支部" },
	{ "联系电话", "11 位手机号", "" },
	{ "民族、学历、工作岗位、职称", "文字，至多 16/32 字", "" },
};

enum err
roster_template(const char *path)
{
	lxw_worksheet *ws, *vs;
	lxw_format *head, *text;
	lxw_workbook *wb = book_open(path, &ws, &head, &text);

	if (!wb)
		return ERR_STORE;
	worksheet_set_column(ws, 0, (lxw_col_t)ARRAY_SIZE(export_cols), 14, text);
	worksheet_set_column(ws, 10, 10, 50, text);
	/* constant-memory mode: each row whole before the next */
	for (size_t c = 0; c < ARRAY_SIZE(export_cols); c++)
		put_text(ws, 0, (int)c, roster_field_label(export_cols[c]), head);
	for (size_t c = 0; c < ARRAY_SIZE(export_cols); c++)
		put_text(ws, 1, (int)c, template_example[c], text);
	vs = workbook_add_worksheet(wb, "可选值");
	worksheet_set_column(vs, 0, 2, 40, NULL);
	for (size_t r = 0; r < ARRAY_SIZE(template_values); r++)
		for (int c = 0; c < 3; c++)
			put_text(vs, (int)r, c, template_values[r][c], r ? text : head);
	return book_close(wb);
}

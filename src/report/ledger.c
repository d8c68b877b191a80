/* ledger.c: the meeting and dues ledgers. Each is one or a few grouped
 * queries read row by row into a constant-memory workbook (report/xlsx.h). */
#include "core/common.h"
#include "report/ledger.h"
#include "party/meeting.h"
#include "auth/audit.h"
#include "auth/scope.h"
#include "core/arena.h"
#include "core/dates.h"
#include "core/xalloc.h"
#include "party/org.h"
#include "report/xlsx.h"

int
ledger_kind_parse(const char *s, enum ledger_kind *k)
{
	if (s && !strcmp(s, "meetings"))
		*k = LEDGER_MEETINGS;
	else if (s && !strcmp(s, "dues"))
		*k = LEDGER_DUES;
	else
		return -1;
	return 0;
}

enum err
ledger_check_year(const char *s, int *year, struct problem *pb)
{
	char *end;
	long v;

	if (!s || !*s)
		return problem_field(pb, "year", "必填");
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end || strlen(s) != 4 || v < 2000 || v > 2100)
		return problem_field(pb, "year", "年份应为 2000-2100 之间的四位数");
	*year = (int)v;
	return ERR_OK;
}

/* What every ledger shares: the subtree, its name, the year, progress. */
struct job {
	struct db *db;
	struct xlsx x;
	const char *name, *path;
	char up[256], today[11];
	int year;
	int64_t done, total;
	ledger_progress_fn progress;
	void *ctx;
};

static void
tick(struct job *j)
{
	j->done++;
	if (j->progress && (j->done % 256 == 0 || j->done == j->total))
		j->progress(j->ctx, j->done, j->total);
}

/* ---- 三会一课台账 ---- */

/* "主题活动（政治生日）"; unknown codes show as stored. */
static char *
kind_label(const char *kind, const char *theme)
{
	const char *k = meeting_kind_label(kind), *t = meeting_theme_label(theme);

	if (!t)
		t = theme;
	if (t && *t)
		return xasprintf("%s（%s）", k ? k : kind, t);
	return xstrdup(k ? k : kind);
}

struct tally {
	int64_t n, expected, present;
};

static void
write_rate(lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, int64_t part, int64_t whole,
    lxw_format *f)
{
	if (whole > 0)
		worksheet_write_number(ws, row, col, (double)part / (double)whole, f);
	else
		worksheet_write_string(ws, row, col, "—", f);
}

static void
write_tally(struct job *j, lxw_worksheet *ws, lxw_row_t row, const char *label,
    const struct tally *t)
{
	char *s = xasprintf("%s：共 %" PRId64 " 次", label, t->n);

	worksheet_merge_range(ws, row, 0, row, 7, s, j->x.total);
	worksheet_write_number(ws, row, 8, (double)t->expected, j->x.total_num);
	worksheet_write_number(ws, row, 9, (double)t->present, j->x.total_num);
	write_rate(ws, row, 10, t->present, t->expected, j->x.total_pct);
	free(s);
}

/* Attendance from the meeting's kept counts, or counted from attendance
 * when they were not kept (expected 0). */
#define MEETING_ROWS "SELECT m.held_at, o.name, m.kind, m.theme, m.topic, m.place," \
	" COALESCE(h.name, ''), COALESCE(r.name, ''), CASE WHEN m.expected > 0 THEN m.expected" \
	" ELSE (SELECT COUNT(*) FROM attendance a WHERE a.meeting_id = m.id) END," \
	" CASE WHEN m.expected > 0 THEN m.present ELSE (SELECT COUNT(*) FROM attendance a" \
	" WHERE a.meeting_id = m.id AND a.status IN ('present', 'late')) END, m.quarter_key," \
	" m.lecturer FROM meeting m JOIN org o ON o.id = m.org_id" \
	" LEFT JOIN member h ON h.id = m.host_id LEFT JOIN member r ON r.id = m.recorder_id" \
	" WHERE m.year = ? AND m.org_path >= ? AND m.org_path < ? ORDER BY m.held_at, m.id"

static void
meeting_row(struct job *j, lxw_worksheet *ws, lxw_row_t row, int64_t seq, struct db_rows *r)
{
	char when[17], *kind = kind_label(db_text(r, 2), db_text(r, 3)), *topic;
	const char *lect = db_text(r, 11);

	datetime_format(db_i64(r, 0), when);
	when[10] = ' ';
	topic = lect && *lect ? xasprintf("%s（主讲：%s）", db_text(r, 4), lect) :
	    xstrdup(db_text(r, 4));
	worksheet_write_number(ws, row, 0, (double)seq, j->x.center);
	worksheet_write_string(ws, row, 1, when, j->x.center);
	worksheet_write_string(ws, row, 2, db_text(r, 1), j->x.text);
	worksheet_write_string(ws, row, 3, kind, j->x.text);
	worksheet_write_string(ws, row, 4, topic, j->x.text);
	worksheet_write_string(ws, row, 5, db_text(r, 5), j->x.text);
	worksheet_write_string(ws, row, 6, db_text(r, 6), j->x.center);
	worksheet_write_string(ws, row, 7, db_text(r, 7), j->x.center);
	worksheet_write_number(ws, row, 8, (double)db_i64(r, 8), j->x.num);
	worksheet_write_number(ws, row, 9, (double)db_i64(r, 9), j->x.num);
	write_rate(ws, row, 10, db_i64(r, 9), db_i64(r, 8), j->x.pct);
	free(kind);
	free(topic);
}

static void
add_tally(struct tally *t, int64_t expected, int64_t present)
{
	t->n++;
	t->expected += expected;
	t->present += present;
}

/* One row per meeting in date order, a subtotal after each quarter and
 * the year's total at the end. */
static enum err
meetings_sheet(struct job *j)
{
	static const struct xlsx_col cols[] = { { "序号", 6 }, { "日期", 17 }, { "组织", 22 },
		{ "类型", 16 }, { "主题", 36 }, { "地点", 16 }, { "主持人", 9 }, { "记录人", 9 },
		{ "应到", 6 }, { "实到", 6 }, { "出勤率", 8 } };
	char *title = xasprintf("%s 三会一课台账（%d年）", j->name, j->year), *sub, label[32];
	struct tally q = { 0 }, y = { 0 };
	lxw_row_t row = XLSX_FIRST_ROW;
	int64_t quarter = 0;
	lxw_worksheet *ws;
	struct db_rows r;
	enum err e;

	sub = xasprintf("组织：%s　　年度：%d　　导出日期：%s", j->name, j->year, j->today);
	ws = xlsx_sheet(&j->x, "三会一课台账", title, sub, cols, ARRAY_SIZE(cols));
	free(title);
	free(sub);
	if ((e = db_query(j->db, &r, MEETING_ROWS, DB_I64(j->year), DB_TEXT(j->path),
	    DB_TEXT(j->up), DB_END)))
		return e;
	while ((e = db_next(&r)) == ERR_OK) {
		if (quarter && db_i64(&r, 10) != quarter) {
			snprintf(label, sizeof(label), "第%d季度小计", (int)(quarter % 10));
			write_tally(j, ws, row++, label, &q);
			q = (struct tally){ 0 };
		}
		quarter = db_i64(&r, 10);
		meeting_row(j, ws, row++, y.n + 1, &r);
		add_tally(&q, db_i64(&r, 8), db_i64(&r, 9));
		add_tally(&y, db_i64(&r, 8), db_i64(&r, 9));
		tick(j);
	}
	db_rows_close(&r);
	if (e != ERR_NOT_FOUND)
		return e;
	if (quarter) {
		snprintf(label, sizeof(label), "第%d季度小计", (int)(quarter % 10));
		write_tally(j, ws, row++, label, &q);
	}
	write_tally(j, ws, row, "全年合计", &y);
	return ERR_OK;
}

/* Meetings of each kind per quarter: one grouped query. */
static enum err
summary_sheet(struct job *j)
{
	static const struct xlsx_col cols[] = { { "类型", 18 }, { "第一季度", 10 },
		{ "第二季度", 10 }, { "第三季度", 10 }, { "第四季度", 10 }, { "全年", 10 } };
	int64_t n[MEETING_NKINDS][5] = { { 0 } };
	char *title = xasprintf("%s 三会一课分类统计（%d年）", j->name, j->year);
	lxw_worksheet *ws = xlsx_sheet(&j->x, "分类统计", title, "单位：次", cols, ARRAY_SIZE(cols));
	struct db_rows r;
	enum err e;

	free(title);
	if ((e = db_query(j->db, &r, "SELECT kind, quarter_key, COUNT(*) FROM meeting WHERE"
	    " year = ? AND org_path >= ? AND org_path < ? GROUP BY kind, quarter_key",
	    DB_I64(j->year), DB_TEXT(j->path), DB_TEXT(j->up), DB_END)))
		return e;
	while ((e = db_next(&r)) == ERR_OK) {
		int k = meeting_kind_index(db_text(&r, 0)), qt = (int)(db_i64(&r, 1) % 10);

		if (k >= 0 && k < MEETING_NKINDS && qt >= 1 && qt <= 4) {
			n[k][qt - 1] += db_i64(&r, 2);
			n[k][4] += db_i64(&r, 2);
		}
	}
	db_rows_close(&r);
	if (e != ERR_NOT_FOUND)
		return e;
	for (int k = 0; k < MEETING_NKINDS; k++) {
		lxw_row_t row = (lxw_row_t)(XLSX_FIRST_ROW + k);

		worksheet_write_string(ws, row, 0, meeting_kind_label(meeting_kinds[k]), j->x.text);
		for (int c = 0; c < 5; c++)
			worksheet_write_number(ws, row, (lxw_col_t)(c + 1), (double)n[k][c],
			    c == 4 ? j->x.total_num : j->x.num);
	}
	return ERR_OK;
}

static enum err
meetings_ledger(struct job *j)
{
	enum err e = db_get_i64(j->db, &j->total, "SELECT COUNT(*) FROM meeting WHERE year = ? AND"
	    " org_path >= ? AND org_path < ?", DB_I64(j->year), DB_TEXT(j->path), DB_TEXT(j->up),
	    DB_END);

	if (!e)
		e = meetings_sheet(j);
	return e ? e : summary_sheet(j);
}

/* ---- 党费台账 ---- */

/* Three cursors over the same members in the same order (branch path,
 * member id): members, their dues settings up to December, their
 * payments in the year. Merged here, one member at a time. */
#define DUES_WHERE " FROM member m JOIN org o ON o.id = m.org_id WHERE m.state = 'active'" \
	" AND m.org_path >= ? AND m.org_path < ?"

struct cursor {
	struct db_rows r;
	int live;	/* a row is ready */
};

static enum err
cursor_next(struct cursor *c)
{
	enum err e = db_next(&c->r);

	c->live = e == ERR_OK;
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}

/* Whether the cursor's row (path in col 0, member id in col 1) sorts
 * before the member's. */
static int
before(struct cursor *c, const char *path, int64_t id)
{
	int d = strcmp(db_text(&c->r, 0), path);

	return d < 0 || (d == 0 && db_i64(&c->r, 1) < id);
}

static int
at(struct cursor *c, const char *path, int64_t id)
{
	return c->live && !strcmp(db_text(&c->r, 0), path) && db_i64(&c->r, 1) == id;
}

struct member_year {
	int64_t due[12], paid[12];
	int has_paid[12];
};

/* Settings in from_month order: the latest not after a month applies to
 * it; reduced_fen, when set, replaces monthly_fen (DUES-06). */
static enum err
take_settings(struct job *j, struct cursor *s, const char *path, int64_t id,
    struct member_year *my)
{
	enum err e = ERR_OK;

	while (!e && s->live && before(s, path, id))
		e = cursor_next(s);
	for (; !e && at(s, path, id); e = cursor_next(s)) {
		int64_t from = db_i64(&s->r, 2);
		int64_t fen = db_is_null(&s->r, 4) ? db_i64(&s->r, 3) : db_i64(&s->r, 4);

		for (int m = 0; m < 12; m++)
			if (from <= (int64_t)j->year * 100 + m + 1)
				my->due[m] = fen;
	}
	return e;
}

static enum err
take_payments(struct job *j, struct cursor *p, const char *path, int64_t id,
    struct member_year *my)
{
	enum err e = ERR_OK;

	while (!e && p->live && before(p, path, id))
		e = cursor_next(p);
	for (; !e && at(p, path, id); e = cursor_next(p)) {
		int m = (int)(db_i64(&p->r, 2) - (int64_t)j->year * 100) - 1;

		if (m >= 0 && m < 12) {
			my->paid[m] += db_i64(&p->r, 3);
			my->has_paid[m] = 1;
		}
	}
	return e;
}

struct dues_totals {
	int64_t paid[12], due, got, owed;
};

/* The months whose dues have fallen due: all of a past year, up to this
 * month of the current one, none of a future one. */
static int
months_due(int year)
{
	int32_t today = date_today();
	int y = date_year(today);

	return year < y ? 12 : year > y ? 0 : date_to_ymd(today).m;
}

static void
dues_row(struct job *j, lxw_worksheet *ws, lxw_row_t row, struct db_rows *m,
    const struct member_year *my, struct dues_totals *t)
{
	int upto = months_due(j->year);
	int64_t due = 0, got = 0, owed = 0;

	worksheet_write_number(ws, row, 0, (double)(row - XLSX_FIRST_ROW + 1), j->x.center);
	worksheet_write_string(ws, row, 1, db_text(m, 2), j->x.center);
	worksheet_write_string(ws, row, 2, db_text(m, 3), j->x.text);
	worksheet_write_number(ws, row, 3, (double)my->due[upto ? upto - 1 : 11] / 100, j->x.money);
	for (int k = 0; k < 12; k++) {
		lxw_col_t c = (lxw_col_t)(4 + k);

		if (my->has_paid[k])
			worksheet_write_number(ws, row, c, (double)my->paid[k] / 100, j->x.money);
		else if (k < upto && my->due[k] > 0)
			worksheet_write_string(ws, row, c, "欠", j->x.owed);
		else
			worksheet_write_blank(ws, row, c, j->x.money);
		if (k < upto) {
			due += my->due[k];
			owed += my->due[k] > my->paid[k] ? my->due[k] - my->paid[k] : 0;
		}
		got += my->paid[k];
		t->paid[k] += my->paid[k];
	}
	worksheet_write_number(ws, row, 16, (double)due / 100, j->x.money);
	worksheet_write_number(ws, row, 17, (double)got / 100, j->x.money);
	worksheet_write_number(ws, row, 18, (double)owed / 100, owed ? j->x.owed : j->x.money);
	t->due += due;
	t->got += got;
	t->owed += owed;
}

static void
dues_total_row(struct job *j, lxw_worksheet *ws, lxw_row_t row, const struct dues_totals *t)
{
	worksheet_merge_range(ws, row, 0, row, 3, "合计", j->x.total);
	for (int k = 0; k < 12; k++)
		worksheet_write_number(ws, row, (lxw_col_t)(4 + k), (double)t->paid[k] / 100,
		    j->x.total_money);
	worksheet_write_number(ws, row, 16, (double)t->due / 100, j->x.total_money);
	worksheet_write_number(ws, row, 17, (double)t->got / 100, j->x.total_money);
	worksheet_write_number(ws, row, 18, (double)t->owed / 100, j->x.total_money);
}

static enum err
open_cursors(struct job *j, struct cursor *m, struct cursor *s, struct cursor *p)
{
	enum err e;

	e = db_query(j->db, &m->r, "SELECT o.path, m.id, m.name, o.name" DUES_WHERE
	    " ORDER BY o.path, m.id", DB_TEXT(j->path), DB_TEXT(j->up), DB_END);
	if (e)
		return e;
	e = db_query(j->db, &s->r, "SELECT o.path, m.id, s.from_month, s.monthly_fen, s.reduced_fen"
	    " FROM dues_setting s JOIN member m ON m.id = s.member_id JOIN org o ON o.id = m.org_id"
	    " WHERE m.state = 'active' AND m.org_path >= ? AND m.org_path < ? AND s.from_month <= ?"
	    " ORDER BY o.path, m.id, s.from_month", DB_TEXT(j->path), DB_TEXT(j->up),
	    DB_I64((int64_t)j->year * 100 + 12), DB_END);
	if (e) {
		db_rows_close(&m->r);
		return e;
	}
	e = db_query(j->db, &p->r, "SELECT o.path, m.id, p.month_key, p.amount_fen"
	    " FROM dues_payment p JOIN member m ON m.id = p.member_id JOIN org o ON o.id = m.org_id"
	    " WHERE m.state = 'active' AND m.org_path >= ? AND m.org_path < ? AND p.month_key >= ?"
	    " AND p.month_key <= ? ORDER BY o.path, m.id, p.month_key", DB_TEXT(j->path),
	    DB_TEXT(j->up), DB_I64((int64_t)j->year * 100 + 1), DB_I64((int64_t)j->year * 100 + 12),
	    DB_END);
	if (e) {
		db_rows_close(&m->r);
		db_rows_close(&s->r);
	}
	return e;
}

static lxw_worksheet *
dues_sheet_begin(struct job *j)
{
	static const char *const heads[] = { "序号", "姓名", "所在支部", "月应缴", "1月", "2月",
		"3月", "4月", "5月", "6月", "7月", "8月", "9月", "10月", "11月", "12月", "应缴合计",
		"实缴合计", "欠缴" };
	struct xlsx_col cols[ARRAY_SIZE(heads)];
	char *title = xasprintf("%s 党费收缴台账（%d年）", j->name, j->year), *sub;
	lxw_worksheet *ws;

	for (size_t i = 0; i < ARRAY_SIZE(heads); i++)
		cols[i] = (struct xlsx_col){ heads[i], i == 2 ? 22 : i < 2 ? (i ? 9 : 5) : 8 };
	sub = xasprintf("单位：元　　应缴、欠缴计至%d月（“欠”为到期未缴）　　导出日期：%s",
	    months_due(j->year), j->today);
	ws = xlsx_sheet(&j->x, "党费台账", title, sub, cols, ARRAY_SIZE(cols));
	free(title);
	free(sub);
	return ws;
}

static enum err
dues_ledger(struct job *j)
{
	struct cursor m = { 0 }, s = { 0 }, p = { 0 };
	struct dues_totals t = { 0 };
	lxw_row_t row = XLSX_FIRST_ROW;
	lxw_worksheet *ws;
	enum err e = db_get_i64(j->db, &j->total, "SELECT COUNT(*)" DUES_WHERE, DB_TEXT(j->path),
	    DB_TEXT(j->up), DB_END);

	if (e || (e = open_cursors(j, &m, &s, &p)))
		return e;
	ws = dues_sheet_begin(j);
	if (!(e = cursor_next(&s)))
		e = cursor_next(&p);
	while (!e && !(e = cursor_next(&m)) && m.live) {
		struct member_year my;
		const char *path = db_text(&m.r, 0);
		int64_t id = db_i64(&m.r, 1);

		memset(&my, 0, sizeof(my));
		e = take_settings(j, &s, path, id, &my);
		if (!e)
			e = take_payments(j, &p, path, id, &my);
		if (!e)
			dues_row(j, ws, row++, &m.r, &my, &t);
		tick(j);
	}
	if (!e)
		dues_total_row(j, ws, row, &t);
	db_rows_close(&m.r);
	db_rows_close(&s.r);
	db_rows_close(&p.r);
	return e;
}

/* ---- export ---- */

static enum err
run(struct job *j, enum ledger_kind kind, const char *path)
{
	enum err e = xlsx_open(&j->x, path);

	if (e)
		return e;
	e = kind == LEDGER_MEETINGS ? meetings_ledger(j) : dues_ledger(j);
	if (xlsx_close(&j->x) && !e)
		e = ERR_STORE;
	return e;
}

enum err
ledger_export(struct db *db, const struct who *w, enum ledger_kind kind, int64_t org_id,
    int year, const char *path, ledger_progress_fn progress, void *ctx)
{
	struct arena a = ARENA_INIT;
	struct job j = { .db = db, .year = year, .progress = progress, .ctx = ctx };
	struct org o;
	enum err e = org_get(db, w, org_id, &a, &o);

	if (e)
		goto out;
	j.name = o.name;
	j.path = o.path;
	scope_path_upper(o.path, j.up);
	date_format(date_today(), j.today);
	if ((e = run(&j, kind, path)))
		goto out;
	if (progress && j.done < j.total)
		progress(ctx, j.total, j.total);
	e = audit_write_alone(db, w, "export", "org", org_id, arena_printf(&a, "{\"ledger\":\"%s\","
	    "\"year\":%d,\"rows\":%" PRId64 "}", kind == LEDGER_MEETINGS ? "meetings" : "dues", year,
	    j.done), 1);
out:
	arena_release(&a);
	return e;
}

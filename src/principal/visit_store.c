/* visit_store.c: the routine visits of the 责任督学 (挂牌督导, PRIN-10;
 * visit.h). */
#include "core/common.h"
#include "principal/visit.h"

#include <time.h>

#include "auth/audit.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/config.h"
#include "core/dates.h"
#include "http/json_in.h"
#include "principal/principal.h"
#include "supervise/finding.h"
#include "supervise/indicator_routine_sheet.h"

const char *const visit_kinds[] = { "routine", "unannounced", NULL };

#define SUMMARY_MAX 4000	/* characters */

static void
today_s(char out[11])
{
	date_format(date_today(), out);
}

/* Appends " AND the visit aliased v is one w reads": the office every
 * visit, a 督学 their own, a principal the submitted visits of the school
 * of their open tenure, anyone else none. */
static void
scope_visit(struct buf *sql, struct db_args *a, const struct who *w)
{
	if (w->all || w->role == ROLE_SUPERVISION_OFFICE)
		return;
	if (w->role == ROLE_SUPERVISOR) {
		buf_adds(sql, " AND v.supervisor_id = ?");
		db_args_add(a, DB_I64(w->user_id));
	} else if (w->role == ROLE_PRINCIPAL) {
		buf_adds(sql, " AND v.state = 'submitted' AND v.school_id IN (SELECT t.school_id"
		    " FROM tenure t JOIN principal p ON p.id = t.principal_id WHERE p.user_id = ?"
		    " AND t.ended_on IS NULL)");
		db_args_add(a, DB_I64(w->user_id));
	} else
		buf_adds(sql, " AND 1=0");
}

enum err
visit_state(struct db *db, const struct who *w, int64_t id, char st[16], int *own)
{
	struct buf sql = BUF_INIT(1024);
	struct db_args a = { 0 };
	struct db_rows r;
	enum err e;

	buf_adds(&sql, "SELECT v.state, v.supervisor_id FROM prin_visit v WHERE v.id = ?");
	db_args_add(&a, DB_I64(id));
	scope_visit(&sql, &a, w);
	e = db_queryv(db, &r, buf_str(&sql), &a);
	buf_release(&sql);
	if (e)
		return e;
	if (!(e = db_next(&r))) {
		snprintf(st, 16, "%s", db_text(&r, 0));
		*own = w->role == ROLE_SUPERVISOR && db_i64(&r, 1) == w->user_id;
	}
	db_rows_close(&r);
	return e;
}

/* The checks of the header fields given; names each bad one. */
static void
check_fields(const struct visit_in *in, struct problem *pb)
{
	int32_t d;

	if (in->visited_on && date_parse(in->visited_on, &d))
		problem_field(pb, "visited_on", "应为日期 YYYY-MM-DD");
	else if (in->visited_on && d > date_today())
		problem_field(pb, "visited_on", "督导日期不能晚于今天");
	if (in->kind) {
		int ok = 0;

		for (int i = 0; visit_kinds[i]; i++)
			ok |= !strcmp(visit_kinds[i], in->kind);
		if (!ok)
			problem_field(pb, "kind", "应为 routine（常规）或 unannounced（随机）");
	}
	if (in->summary && utf8_len(in->summary) > SUMMARY_MAX)
		problem_field(pb, "summary", "最多 %d 字", SUMMARY_MAX);
}

/* The school's top party organization (findings are raised against it):
 * its id and path, or *org 0 when the school has none. */
static enum err
school_top_org(struct db *db, int64_t school_id, int64_t *org, char path[256])
{
	struct db_rows r;
	enum err e = db_query(db, &r, "SELECT o.id, o.path FROM org o"
	    " LEFT JOIN org par ON par.id = o.parent_id WHERE o.school_id = ?"
	    " AND (par.id IS NULL OR par.school_id IS NULL OR par.school_id <> o.school_id)"
	    " ORDER BY o.depth, o.id LIMIT 1", DB_I64(school_id), DB_END);

	*org = 0;
	if (e)
		return e;
	if (!(e = db_next(&r))) {
		*org = db_i64(&r, 0);
		snprintf(path, 256, "%s", db_text(&r, 1));
	}
	db_rows_close(&r);
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}

static char *
visit_json(struct arena *ar, const struct visit_in *in)
{
	struct buf b = BUF_INIT(8192);
	struct jw w;
	char *s;

	jw_init(&w, &b);
	jw_obj(&w);
	if (in->school_id)
		jw_kint(&w, "school_id", in->school_id);
	if (in->visited_on)
		jw_kstr(&w, "visited_on", in->visited_on);
	if (in->kind)
		jw_kstr(&w, "kind", in->kind);
	if (in->summary)
		jw_kstr(&w, "summary", in->summary);
	jw_obj_end(&w);
	s = arena_strdup(ar, buf_str(&b));
	buf_release(&b);
	return s;
}

enum err
visit_create(struct db *db, const struct who *w, const struct visit_in *in,
    struct problem *pb, int64_t *id)
{
	struct buf sql = BUF_INIT(1024);
	struct db_args a = { 0 };
	struct arena ar = ARENA_INIT;
	int64_t now = time(NULL), v;
	char today[11];
	enum err e;

	today_s(today);
	if (w->role != ROLE_SUPERVISOR)
		return problem_set(pb, ERR_FORBIDDEN, "forbidden", "只有责任督学可以记录督导");
	if ((e = db_begin(db)))
		return e;
	/* Out of scope is not found, before any field is judged. */
	buf_adds(&sql, "SELECT s.id FROM school s WHERE s.id = ?");
	db_args_add(&a, DB_I64(in->school_id));
	prin_scope_school(&sql, &a, w, "s.id", today);
	e = db_get_i64v(db, &v, buf_str(&sql), &a);
	buf_release(&sql);
	if (!e) {
		if (!in->visited_on)
			problem_field(pb, "visited_on", "必填");
		if (!in->kind)
			problem_field(pb, "kind", "必填");
		check_fields(in, pb);
		if (pb->nfields)
			e = ERR_INVALID;
	}
	if (!e)
		e = db_exec(db, "INSERT INTO prin_visit (supervisor_id, school_id, visited_on, kind,"
		    " summary, state, created_at, updated_at) VALUES (?,?,?,?,?,'draft',?,?)",
		    DB_I64(w->user_id), DB_I64(in->school_id), DB_TEXT(in->visited_on),
		    DB_TEXT(in->kind), DB_TEXT(in->summary ? in->summary : ""), DB_I64(now),
		    DB_I64(now), DB_END);
	if (!e) {
		*id = db_last_id(db);
		e = audit_write(db, w, "create", "prin_visit", *id, NULL, visit_json(&ar, in), 1);
	}
	arena_release(&ar);
	return db_end(db, e);
}

/* Inside a transaction: w's own draft visit id, else ERR_NOT_FOUND (not
 * readable), ERR_FORBIDDEN (not theirs) or ERR_CONFLICT (submitted). */
static enum err
own_draft(struct db *db, const struct who *w, int64_t id, struct problem *pb)
{
	char st[16];
	int own = 0;
	enum err e = visit_state(db, w, id, st, &own);

	if (e)
		return e;
	if (!own)
		return problem_set(pb, ERR_FORBIDDEN, "forbidden", "只有本次督导的责任督学可以修改");
	if (strcmp(st, "draft"))
		return problem_set(pb, ERR_CONFLICT, "invalid_transition",
		    "督导记录已提交（submitted），不能再修改");
	return ERR_OK;
}

enum err
visit_update(struct db *db, const struct who *w, int64_t id, const struct visit_in *in,
    struct problem *pb)
{
	struct arena ar = ARENA_INIT;
	enum err e;

	if ((e = db_begin(db)))
		return e;
	e = own_draft(db, w, id, pb);
	if (!e) {
		check_fields(in, pb);
		if (pb->nfields)
			e = ERR_INVALID;
	}
	if (!e)
		e = db_exec(db, "UPDATE prin_visit SET visited_on = COALESCE(?, visited_on),"
		    " kind = COALESCE(?, kind), summary = COALESCE(?, summary), updated_at = ?"
		    " WHERE id = ?", in->visited_on ? DB_TEXT(in->visited_on) : DB_NULL,
		    in->kind ? DB_TEXT(in->kind) : DB_NULL, in->summary ? DB_TEXT(in->summary) :
		    DB_NULL, DB_I64(time(NULL)), DB_I64(id), DB_END);
	if (!e)
		e = audit_write(db, w, "update", "prin_visit", id, NULL, visit_json(&ar, in), 1);
	arena_release(&ar);
	return db_end(db, e);
}

enum err
visit_put_items(struct db *db, const struct who *w, int64_t id, int n,
    const struct visit_item_in *v, struct problem *pb)
{
	char field[48], after[64];
	int seen[INDICATOR_ROUTINE_NROWS] = { 0 };
	enum err e;

	for (int i = 0; i < n; i++) {
		int k = v[i].code ? indicator_routine_find(v[i].code) : -1;

		snprintf(field, sizeof(field), "items[%d].code", i);
		if (k < 0)
			problem_field(pb, field, "检查清单中没有该项");
		else if (seen[k]++)
			problem_field(pb, field, "该项重复");
		snprintf(field, sizeof(field), "items[%d].note", i);
		if (v[i].note && utf8_len(v[i].note) > 1000)
			problem_field(pb, field, "最多 1000 字");
	}
	if ((e = db_begin(db)))
		return e;
	e = own_draft(db, w, id, pb);
	if (!e && pb->nfields)
		e = ERR_INVALID;
	if (!e)
		e = db_exec(db, "DELETE FROM prin_visit_item WHERE visit_id = ?", DB_I64(id), DB_END);
	for (int i = 0; !e && i < n; i++)
		e = db_exec(db, "INSERT INTO prin_visit_item (visit_id, code, checked, note)"
		    " VALUES (?,?,?,?)", DB_I64(id), DB_TEXT(v[i].code), DB_I64(v[i].checked != 0),
		    DB_TEXT(v[i].note ? v[i].note : ""), DB_END);
	if (!e)
		e = db_exec(db, "UPDATE prin_visit SET updated_at = ? WHERE id = ?",
		    DB_I64(time(NULL)), DB_I64(id), DB_END);
	snprintf(after, sizeof(after), "{\"items\":%d}", n);
	if (!e)
		e = audit_write(db, w, "items", "prin_visit", id, NULL, after, 1);
	return db_end(db, e);
}

enum err
visit_submit(struct db *db, const struct who *w, int64_t id, struct problem *pb)
{
	int64_t blank = 0;
	enum err e;

	if ((e = db_begin(db)))
		return e;
	e = own_draft(db, w, id, pb);
	if (!e && !(e = db_get_i64(db, &blank, "SELECT trim(summary) = '' FROM prin_visit"
	    " WHERE id = ?", DB_I64(id), DB_END)) && blank)
		e = problem_field(pb, "summary", "提交前请填写督导小结");
	if (!e)
		e = db_exec(db, "UPDATE prin_visit SET state = 'submitted', submitted_at = ?,"
		    " updated_at = ? WHERE id = ?", DB_I64(time(NULL)), DB_I64(time(NULL)),
		    DB_I64(id), DB_END);
	if (!e)
		e = audit_write(db, w, "submit", "prin_visit", id, "{\"state\":\"draft\"}",
		    "{\"state\":\"submitted\"}", 1);
	return db_end(db, e);
}

static void
write_items(struct db *db, int64_t id, struct jw *jw)
{
	char code[16], area[256] = "";
	int checked[INDICATOR_ROUTINE_NROWS] = { 0 };
	const char *notes[INDICATOR_ROUTINE_NROWS] = { 0 };
	struct arena ar = ARENA_INIT;
	struct db_rows r;

	if (!db_query(db, &r, "SELECT code, checked, note FROM prin_visit_item WHERE visit_id = ?",
	    DB_I64(id), DB_END)) {
		while (db_next(&r) == ERR_OK) {
			int k = indicator_routine_find(db_text(&r, 0));

			if (k >= 0) {
				checked[k] = (int)db_i64(&r, 1);
				notes[k] = arena_strdup(&ar, db_text(&r, 2));
			}
		}
		db_rows_close(&r);
	}
	jw_key(jw, "items");
	jw_arr(jw);
	for (int i = 0; i < INDICATOR_ROUTINE_NROWS; i++) {
		const struct ind_sheet_row *row = &indicator_routine_rows[i];

		if (row->level == 1) {
			snprintf(area, sizeof(area), "%s", row->name);
			continue;
		}
		indicator_routine_code((size_t)i, code);
		jw_obj(jw);
		jw_kstr(jw, "code", code);
		jw_kstr(jw, "area", area);
		jw_kstr(jw, "name", row->name);
		jw_kstr(jw, "evidence", row->evidence);
		jw_kbool(jw, "checked", checked[i]);
		jw_kstr(jw, "note", notes[i] ? notes[i] : "");
		jw_obj_end(jw);
	}
	jw_arr_end(jw);
	arena_release(&ar);
}

void
visit_write_checklist(struct jw *jw)
{
	char code[16], area[256] = "";

	jw_arr(jw);
	for (int i = 0; i < INDICATOR_ROUTINE_NROWS; i++) {
		const struct ind_sheet_row *row = &indicator_routine_rows[i];

		if (row->level == 1) {
			snprintf(area, sizeof(area), "%s", row->name);
			continue;
		}
		indicator_routine_code((size_t)i, code);
		jw_obj(jw);
		jw_kstr(jw, "code", code);
		jw_kstr(jw, "area", area);
		jw_kstr(jw, "name", row->name);
		jw_kstr(jw, "evidence", row->evidence);
		jw_obj_end(jw);
	}
	jw_arr_end(jw);
}

static enum err
write_findings(struct db *db, int64_t id, struct jw *jw)
{
	struct db_rows r;
	enum err e = db_query(db, &r, "SELECT f.id, f.title, f.severity, f.state, f.deadline"
	    " FROM prin_visit_finding l JOIN finding f ON f.id = l.finding_id"
	    " WHERE l.visit_id = ? ORDER BY f.id", DB_I64(id), DB_END);

	if (e)
		return e;
	jw_key(jw, "findings");
	jw_arr(jw);
	while ((e = db_next(&r)) == ERR_OK) {
		jw_obj(jw);
		jw_kint(jw, "id", db_i64(&r, 0));
		jw_kstr(jw, "title", db_text(&r, 1));
		jw_kstr(jw, "severity", db_text(&r, 2));
		jw_kstr(jw, "state", db_text(&r, 3));
		jw_kstr(jw, "deadline", db_text(&r, 4));
		jw_obj_end(jw);
	}
	jw_arr_end(jw);
	db_rows_close(&r);
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}

#define VISIT_COLS "v.id, v.supervisor_id, u.username, v.school_id, s.name, v.visited_on," \
	" v.kind, v.summary, v.state, v.submitted_at, v.created_at, v.updated_at"
#define VISIT_FROM " FROM prin_visit v JOIN app_user u ON u.id = v.supervisor_id" \
	" JOIN school s ON s.id = v.school_id"

static void
write_row(struct db_rows *r, struct jw *jw)
{
	jw_kint(jw, "id", db_i64(r, 0));
	jw_kint(jw, "supervisor_id", db_i64(r, 1));
	jw_kstr(jw, "supervisor", db_text(r, 2));
	jw_kint(jw, "school_id", db_i64(r, 3));
	jw_kstr(jw, "school_name", db_text(r, 4));
	jw_kstr(jw, "visited_on", db_text(r, 5));
	jw_kstr(jw, "kind", db_text(r, 6));
	jw_kstr(jw, "summary", db_text(r, 7));
	jw_kstr(jw, "state", db_text(r, 8));
	jw_key(jw, "submitted_at");
	if (db_is_null(r, 9))
		jw_null(jw);
	else
		jw_int(jw, db_i64(r, 9));
	jw_kint(jw, "created_at", db_i64(r, 10));
	jw_kint(jw, "updated_at", db_i64(r, 11));
}

enum err
visit_write(struct db *db, const struct who *w, int64_t id, struct jw *jw)
{
	struct buf sql = BUF_INIT(1024);
	struct db_args a = { 0 };
	struct db_rows r;
	enum err e;

	buf_adds(&sql, "SELECT " VISIT_COLS VISIT_FROM " WHERE v.id = ?");
	db_args_add(&a, DB_I64(id));
	scope_visit(&sql, &a, w);
	e = db_queryv(db, &r, buf_str(&sql), &a);
	buf_release(&sql);
	if (e)
		return e;
	if ((e = db_next(&r))) {
		db_rows_close(&r);
		return e;
	}
	jw_obj(jw);
	write_row(&r, jw);
	db_rows_close(&r);
	write_items(db, id, jw);
	e = write_findings(db, id, jw);
	jw_obj_end(jw);
	return e;
}

enum err
visit_list(struct db *db, const struct who *w, int64_t school_id, int64_t supervisor_id,
    const char *month, int64_t page, int64_t per_page, struct jw *jw, int64_t *total)
{
	struct buf where = BUF_INIT(1024), sql = BUF_INIT(2048);
	struct db_args a = { 0 };
	struct db_rows r;
	enum err e;

	buf_adds(&where, VISIT_FROM " WHERE 1=1");
	scope_visit(&where, &a, w);
	if (school_id) {
		buf_adds(&where, " AND v.school_id = ?");
		db_args_add(&a, DB_I64(school_id));
	}
	if (supervisor_id) {
		buf_adds(&where, " AND v.supervisor_id = ?");
		db_args_add(&a, DB_I64(supervisor_id));
	}
	if (month) {
		buf_adds(&where, " AND v.visited_on LIKE ? || '-%'");
		db_args_add(&a, DB_TEXT(month));
	}
	buf_addf(&sql, "SELECT COUNT(*)%s", buf_str(&where));
	e = db_get_i64v(db, total, buf_str(&sql), &a);
	buf_reset(&sql);
	buf_addf(&sql, "SELECT " VISIT_COLS "%s ORDER BY v.visited_on DESC, v.id DESC"
	    " LIMIT ? OFFSET ?", buf_str(&where));
	db_args_add(&a, DB_I64(per_page));
	db_args_add(&a, DB_I64((page - 1) * per_page));
	if (!e)
		e = db_queryv(db, &r, buf_str(&sql), &a);
	buf_release(&sql);
	buf_release(&where);
	if (e)
		return e;
	while ((e = db_next(&r)) == ERR_OK) {
		jw_obj(jw);
		write_row(&r, jw);
		jw_obj_end(jw);
	}
	db_rows_close(&r);
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}

enum err
visit_raise_finding(struct db *db, const struct who *w, int64_t id, struct finding_in *in,
    struct problem *pb, int64_t *finding_id)
{
	char path[256] = "", ref[24], after[64];
	const char *paths[1] = { path };
	int64_t school = 0, org = 0;
	struct who nw;
	enum err e;

	if ((e = db_begin(db)))
		return e;
	{
		char st[16];
		int own = 0;

		e = visit_state(db, w, id, st, &own);
		if (!e && !own)
			e = problem_set(pb, ERR_FORBIDDEN, "forbidden", "只有本次督导的责任督学可以下发整改");
	}
	if (!e)
		e = db_get_i64(db, &school, "SELECT school_id FROM prin_visit WHERE id = ?",
		    DB_I64(id), DB_END);
	if (!e)
		e = school_top_org(db, school, &org, path);
	if (!e && !org)
		e = problem_field(pb, "school_id", "该校尚无党组织，无法下发整改");
	if (!e) {
		/* The finding store checks the organization against the caller's
		 * scope; a 督学's is the school, proved just above. */
		nw = *w;
		nw.all = 0;
		nw.nscope = 1;
		nw.paths = paths;
		nw.scope_ids = &org;
		snprintf(ref, sizeof(ref), "%" PRId64, id);
		in->org_id = org;
		in->source = "prin_visit";
		in->source_ref = ref;
		e = finding_create_in(db, &nw, in, pb, finding_id);
	}
	if (!e)
		e = db_exec(db, "INSERT INTO prin_visit_finding (finding_id, visit_id) VALUES (?,?)",
		    DB_I64(*finding_id), DB_I64(id), DB_END);
	snprintf(after, sizeof(after), "{\"finding_id\":%" PRId64 "}", e ? 0 : *finding_id);
	if (!e)
		e = audit_write(db, w, "raise_finding", "prin_visit", id, NULL, after, 1);
	return db_end(db, e);
}

/* One board row's short months: those begun (up to this month) and
 * assigned, with fewer visits than cfg.prin_visits_per_month. */
static int
short_months(const int64_t *counts, int year, const char *from_on, const char *to_on,
    int32_t today)
{
	struct ymd t = date_to_ymd(today);
	int n = 0;

	for (int m = 1; m <= 12; m++) {
		char first[11], last[11];

		if (year > t.y || (year == t.y && m > t.m))
			break;
		date_format(date_from_ymd(year, m, 1), first);
		date_format(date_month_last(date_from_ymd(year, m, 1)), last);
		if (strcmp(from_on, last) > 0 || (to_on[0] && strcmp(to_on, first) < 0))
			continue;
		n += counts[m - 1] < cfg.prin_visits_per_month;
	}
	return n;
}

static void
board_row_end(struct jw *jw, const int64_t *counts, int year, const char *from_on,
    const char *to_on)
{
	jw_key(jw, "months");
	jw_arr(jw);
	for (int m = 0; m < 12; m++)
		jw_int(jw, counts[m]);
	jw_arr_end(jw);
	jw_kint(jw, "short_months", short_months(counts, year, from_on, to_on, date_today()));
	jw_obj_end(jw);
}

enum err
visit_board(struct db *db, const struct who *w, int year, struct jw *jw)
{
	struct buf sql = BUF_INIT(2048);
	struct db_args a = { 0 };
	char from[11], to[11], from_on[11] = "", to_on[11] = "";
	int64_t counts[12] = { 0 }, cur_user = 0, cur_school = 0;
	struct db_rows r;
	enum err e;

	snprintf(from, sizeof(from), "%04d-01-01", year);
	snprintf(to, sizeof(to), "%04d-12-31", year);
	/* One grouped query: every pair assigned in the year, with its
	 * submitted visits per month (NULL month: none). */
	buf_adds(&sql, "SELECT sa.user_id, u.username, sa.school_id, s.name,"
	    " CAST(substr(v.visited_on, 6, 2) AS INTEGER) AS m, COUNT(v.id),"
	    " MIN(sa.from_on), MAX(COALESCE(sa.to_on, '9999-12-31'))"
	    " FROM supervisor_assignment sa JOIN app_user u ON u.id = sa.user_id"
	    " JOIN school s ON s.id = sa.school_id"
	    " LEFT JOIN prin_visit v ON v.supervisor_id = sa.user_id AND v.school_id = sa.school_id"
	    " AND v.state = 'submitted' AND v.visited_on BETWEEN ? AND ?"
	    " WHERE sa.from_on <= ? AND (sa.to_on IS NULL OR sa.to_on >= ?)");
	db_args_add(&a, DB_TEXT(from));
	db_args_add(&a, DB_TEXT(to));
	db_args_add(&a, DB_TEXT(to));
	db_args_add(&a, DB_TEXT(from));
	if (w->role == ROLE_SUPERVISOR) {
		buf_adds(&sql, " AND sa.user_id = ?");
		db_args_add(&a, DB_I64(w->user_id));
	} else if (!w->all && w->role != ROLE_SUPERVISION_OFFICE)
		buf_adds(&sql, " AND 1=0");
	buf_adds(&sql, " GROUP BY sa.user_id, sa.school_id, m ORDER BY u.username, s.name,"
	    " sa.user_id, sa.school_id, m");
	e = db_queryv(db, &r, buf_str(&sql), &a);
	buf_release(&sql);
	if (e)
		return e;
	while ((e = db_next(&r)) == ERR_OK) {
		int64_t uid = db_i64(&r, 0), sid = db_i64(&r, 2), m = db_i64(&r, 4);

		if (uid != cur_user || sid != cur_school) {
			if (cur_user)
				board_row_end(jw, counts, year, from_on, to_on);
			memset(counts, 0, sizeof(counts));
			cur_user = uid;
			cur_school = sid;
			snprintf(from_on, sizeof(from_on), "%s", db_text(&r, 6));
			snprintf(to_on, sizeof(to_on), "%s", strcmp(db_text(&r, 7), "9999-12-31") ?
			    db_text(&r, 7) : "");
			jw_obj(jw);
			jw_kint(jw, "user_id", uid);
			jw_kstr(jw, "username", db_text(&r, 1));
			jw_kint(jw, "school_id", sid);
			jw_kstr(jw, "school_name", db_text(&r, 3));
			jw_kint(jw, "per_month", cfg.prin_visits_per_month);
		}
		if (m >= 1 && m <= 12)
			counts[m - 1] = db_i64(&r, 5);
	}
	db_rows_close(&r);
	if (cur_user)
		board_row_end(jw, counts, year, from_on, to_on);
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}

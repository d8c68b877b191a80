/* finding_store.c: the scoped SQL of findings: create (by hand or from an
 * alert), each step in one transaction with its audit row and timeline
 * event, lists and the board. */
#include "core/common.h"
#include "supervise/finding.h"
#include "auth/audit.h"
#include "auth/scope.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/dates.h"
#include "desk/notify.h"
#include "http/json_out.h"
#include "desk/alert.h"
#include "party/org.h"
#include "attach/attach.h"

#define FINDING_DEFAULT_DAYS 30	/* deadline of a finding raised from an alert */

static char *
json_of(const struct finding_in *in, struct arena *a)
{
	struct buf b = BUF_INIT(8192);
	struct jw w;
	char *s;

	jw_init(&w, &b);
	jw_obj(&w);
	jw_kint(&w, "org_id", in->org_id);
	jw_kstr(&w, "source", in->source);
	jw_kstr(&w, "source_ref", in->source_ref);
	jw_kstr(&w, "title", in->title);
	jw_kstr(&w, "severity", in->severity);
	jw_kstr(&w, "deadline", in->deadline);
	jw_obj_end(&w);
	s = arena_strdup(a, buf_str(&b));
	buf_release(&b);
	return s;
}

static void
check(struct db *db, const struct who *w, const struct finding_in *in, struct arena *a,
    struct problem *pb, struct org *o)
{
	int32_t d;

	if (org_get(db, w, in->org_id, a, o))
		problem_field(pb, "org_id", "组织不存在");
	if (date_parse(in->deadline, &d))
		problem_field(pb, "deadline", "应为日期 YYYY-MM-DD");
	else if (d < date_today())
		problem_field(pb, "deadline", "整改期限不能早于今天");
}

static enum err
event_add(struct db *db, const struct who *w, int64_t id, const char *state, const char *note)
{
	return db_exec(db, "INSERT INTO finding_event (finding_id, state, note, actor_id, at)"
	    " VALUES (?,?,?,?,?)", DB_I64(id), DB_TEXT(state), DB_TEXT(note ? note : ""),
	    w->user_id ? DB_I64(w->user_id) : DB_NULL, DB_I64(time(NULL)), DB_END);
}

/* Issue 12: who hears of a step of finding id: the school's secretary
 * and principal of issued, returned and verified; district staff and the
 * school's inspectors, who verify, of a submission. Inside the step's
 * transaction. */
static enum err
finding_notify(struct db *db, int64_t id, enum finding_state to)
{
	static const char *const kinds[FS_N] = { "finding_issued", NULL, "finding_submitted",
		"finding_verified", "finding_returned" };
	static const char *const heads[FS_N] = { "新的整改事项", NULL, "整改材料已提交，待验收",
		"整改已验收通过", "整改被退回，请重新整改" };
	char title[400], link[48];
	int64_t org = 0;
	struct db_rows r;
	enum err e;

	if (!kinds[to])
		return ERR_OK;
	if ((e = db_query(db, &r, "SELECT org_id, title, deadline FROM finding WHERE id = ?",
	    DB_I64(id), DB_END)))
		return e;
	if ((e = db_next(&r)) == ERR_OK) {
		org = db_i64(&r, 0);
		snprintf(title, sizeof(title), to == FS_ISSUED ? "%s：%.240s（整改期限 %s）" : "%s：%.240s",
		    heads[to], db_text(&r, 1), db_text(&r, 2));
	}
	db_rows_close(&r);
	if (e)
		return e;
	snprintf(link, sizeof(link), "/findings?open=%" PRId64, id);
	return notify_org(db, kinds[to], org, to == FS_SUBMITTED ? ROLE_DISTRICT | ROLE_INSPECTOR :
	    ROLE_SECRETARY | ROLE_PRINCIPAL, title, link);
}

/* The insert, inside the caller's transaction. */
static enum err
insert(struct db *db, const struct who *w, const struct finding_in *in, struct problem *pb,
    int64_t *id)
{
	struct arena a = ARENA_INIT;
	char today[11];
	struct org o;
	enum err e;

	check(db, w, in, &a, pb, &o);
	if (pb->nfields) {
		arena_release(&a);
		return ERR_INVALID;
	}
	date_format(date_today(), today);
	e = db_exec(db, "INSERT INTO finding (org_id, org_path, source, source_ref, title, detail,"
	    " severity, evidence_required, deadline, state, issued_by, issued_on, issued_day,"
	    " created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", DB_I64(in->org_id),
	    DB_TEXT(o.path), DB_TEXT(in->source), in->source_ref ? DB_TEXT(in->source_ref) : DB_NULL,
	    DB_TEXT(in->title), DB_TEXT(in->detail ? in->detail : ""), DB_TEXT(in->severity),
	    DB_TEXT(in->evidence_required ? in->evidence_required : ""), DB_TEXT(in->deadline),
	    DB_TEXT("issued"), w->user_id ? DB_I64(w->user_id) : DB_NULL, DB_TEXT(today),
	    DB_I64(date_today()), DB_I64(time(NULL)), DB_I64(time(NULL)), DB_END);
	if (!e) {
		*id = db_last_id(db);
		e = event_add(db, w, *id, "issued", in->title);
	}
	if (!e)
		e = finding_notify(db, *id, FS_ISSUED);
	if (!e)
		e = audit_write(db, w, "create", "finding", *id, NULL, json_of(in, &a), 1);
	arena_release(&a);
	return e;
}

enum err
finding_create(struct db *db, const struct who *w, const struct finding_in *in,
    struct problem *pb, int64_t *id)
{
	enum err e = db_begin(db);

	if (e)
		return e;
	return db_end(db, insert(db, w, in, pb, id));
}

enum err
finding_create_in(struct db *db, const struct who *w, const struct finding_in *in,
    struct problem *pb, int64_t *id)
{
	return insert(db, w, in, pb, id);
}

/* Finding the alert among the current ones. */
struct alert_match {
	const struct finding_alert_in *in;
	int found;
	enum alert_severity sev;
	char message[360];
};

static void
alert_match(void *ctx, const struct alert *al)
{
	struct alert_match *m = ctx;
	const char *rule = m->in->rule;

	if (m->found || al->org_id != m->in->org_id || al->member_id != m->in->member_id)
		return;
	if ((rule == NULL) != (al->rule == NULL) || (rule && strcmp(rule, al->rule)))
		return;
	m->found = 1;
	m->sev = al->severity;
	snprintf(m->message, sizeof(m->message), "%s", al->message);
}

static enum err
open_from(struct db *db, const char *ref, int64_t *n)
{
	return db_get_i64(db, n, "SELECT COUNT(*) FROM finding WHERE source = 'alert'"
	    " AND source_ref = ? AND state <> 'verified'", DB_TEXT(ref), DB_END);
}

enum err
finding_raise_alert(struct db *db, const struct who *w, const struct finding_alert_in *in,
    struct problem *pb, int64_t *id)
{
	static const char *const sev[] = { "minor", "major", "critical" };
	struct alert_filter f = { .org_id = in->org_id, .kind = in->kind, .by_kind = 1, .page = 1,
		.per_page = 1000000 };
	struct alert_match m = { in, 0, SEV_INFO, "" };
	char ref[200], deadline[11];
	struct finding_in fi;
	int64_t total = 0, n = 0;
	enum err e;

	e = alert_list(db, w, &f, date_today(), alert_match, &m, &total);
	if (e == ERR_NOT_FOUND || (!e && !m.found))
		return problem_field(pb, "alert", "该预警当前不存在或已消除");
	if (e)
		return e;
	snprintf(ref, sizeof(ref), "%s/%s/%lld/%lld", in->kind, in->rule ? in->rule : "",
	    (long long)in->org_id, (long long)in->member_id);
	date_format(date_today() + FINDING_DEFAULT_DAYS, deadline);
	fi = (struct finding_in){ in->org_id, m.message, m.message,
		in->severity ? in->severity : sev[m.sev], in->evidence_required,
		in->deadline ? in->deadline : deadline, "alert", ref };
	if ((e = db_begin(db)))
		return e;
	e = open_from(db, ref, &n);
	if (!e && n)
		e = problem_set(pb, ERR_CONFLICT, "finding_open", "该预警已有未销号的整改事项");
	if (!e)
		e = insert(db, w, &fi, pb, id);
	return db_end(db, e);
}

/* The state and path of id within w's scope. */
static enum err
load_state(struct db *db, const struct who *w, int64_t id, enum finding_state *st)
{
	struct buf sql = BUF_INIT(4096);
	struct db_args args = { 0 };
	char up[SCOPE_MAX][256];
	struct db_rows r;
	enum err e;

	buf_adds(&sql, "SELECT state FROM finding WHERE id = ?");
	db_args_add(&args, DB_I64(id));
	scope_sql(&sql, &args, w, "org_path", up);
	e = db_queryv(db, &r, buf_str(&sql), &args);
	buf_release(&sql);
	if (e)
		return e;
	if ((e = db_next(&r)) == ERR_OK)
		*st = (enum finding_state)finding_state_parse(db_text(&r, 0));
	db_rows_close(&r);
	return e;
}

static enum err
apply(struct db *db, const struct who *w, int64_t id, enum finding_state from,
    enum finding_state to, enum finding_action a, const char *text)
{
	static const char *const verbs[] = { "start", "submit", "verify", "return" };
	char today[11], after[128];
	int64_t files = 0;
	enum err e;

	date_format(date_today(), today);
	e = db_exec(db, "UPDATE finding SET state = ?, updated_at = ?, closed_on = ?, closed_day = ?"
	    " WHERE id = ?", DB_TEXT(finding_states[to]), DB_I64(time(NULL)),
	    to == FS_VERIFIED ? DB_TEXT(today) : DB_NULL,
	    to == FS_VERIFIED ? DB_I64(date_today()) : DB_NULL, DB_I64(id), DB_END);
	if (!e && a == FA_SUBMIT)
		e = db_exec(db, "INSERT INTO finding_evidence (finding_id, note, actor_id, at)"
		    " VALUES (?,?,?,?)", DB_I64(id), DB_TEXT(text),
		    w->user_id ? DB_I64(w->user_id) : DB_NULL, DB_I64(time(NULL)), DB_END);
	if (!e && a == FA_SUBMIT)	/* the files uploaded since (finding_files.c) */
		e = attach_move_part(db, &finding_files, id, 0, db_last_id(db), &files);
	if (!e)
		e = event_add(db, w, id, finding_states[to], text);
	if (!e)
		e = finding_notify(db, id, to);
	snprintf(after, sizeof(after), "{\"from\":\"%s\",\"state\":\"%s\",\"files\":%" PRId64 "}",
	    finding_states[from], finding_states[to], files);
	if (!e)
		e = audit_write(db, w, verbs[a], "finding", id, NULL, after, 1);
	return e;
}

enum err
finding_act(struct db *db, const struct who *w, int64_t id, enum finding_action a,
    const char *text, struct problem *pb)
{
	enum finding_state st = FS_ISSUED, next;
	enum err e = db_begin(db);

	if (e)
		return e;
	e = load_state(db, w, id, &st);
	if (!e) {
		e = finding_step(st, a, finding_side_of(w->role), &next);
		if (e == ERR_CONFLICT)
			problem_set(pb, e, "invalid_transition", finding_conflict_message(st));
		else if (e == ERR_FORBIDDEN)
			problem_set(pb, e, "wrong_side", a == FA_VERIFY || a == FA_RETURN ?
			    "整改责任方不能验收或退回自己的整改" : "只有责任组织的书记可以开始整改和提交整改材料");
	}
	if (!e && (a == FA_SUBMIT || a == FA_RETURN) && (!text || !*text))
		e = problem_field(pb, a == FA_SUBMIT ? "evidence" : "reason", "不能为空");
	if (!e)
		e = apply(db, w, id, st, next, a, text);
	return db_end(db, e);
}

#define FINDING_COLS "f.id, f.org_id, o.name, f.source, f.source_ref, f.title, f.detail," \
	" f.severity, f.evidence_required, f.deadline, f.state, f.issued_by, f.issued_on," \
	" f.closed_on, f.created_at, f.updated_at"

static void
row_to(struct db_rows *r, struct arena *a, struct finding *f)
{
	int32_t d = 0;

	f->id = db_i64(r, 0);
	f->org_id = db_i64(r, 1);
	f->org_name = arena_strdup(a, db_text(r, 2));
	f->source = arena_strdup(a, db_text(r, 3));
	f->source_ref = db_is_null(r, 4) ? NULL : arena_strdup(a, db_text(r, 4));
	f->title = arena_strdup(a, db_text(r, 5));
	f->detail = arena_strdup(a, db_text(r, 6));
	f->severity = arena_strdup(a, db_text(r, 7));
	f->evidence_required = arena_strdup(a, db_text(r, 8));
	f->deadline = arena_strdup(a, db_text(r, 9));
	f->state = (enum finding_state)finding_state_parse(db_text(r, 10));
	f->issued_by = db_is_null(r, 11) ? 0 : db_i64(r, 11);
	f->issued_on = arena_strdup(a, db_text(r, 12));
	f->closed_on = db_is_null(r, 13) ? NULL : arena_strdup(a, db_text(r, 13));
	f->created_at = db_i64(r, 14);
	f->updated_at = db_i64(r, 15);
	date_parse(f->deadline, &d);
	f->overdue = finding_overdue(f->state, d, date_today());
}

enum err
finding_get(struct db *db, const struct who *w, int64_t id, struct arena *a, struct finding *f)
{
	struct buf sql = BUF_INIT(4096);
	struct db_args args = { 0 };
	char up[SCOPE_MAX][256];
	struct db_rows r;
	enum err e;

	buf_adds(&sql, "SELECT " FINDING_COLS " FROM finding f JOIN org o ON o.id = f.org_id"
	    " WHERE f.id = ?");
	db_args_add(&args, DB_I64(id));
	scope_sql(&sql, &args, w, "f.org_path", up);
	e = db_queryv(db, &r, buf_str(&sql), &args);
	buf_release(&sql);
	if (e)
		return e;
	if ((e = db_next(&r)) == ERR_OK)
		row_to(&r, a, f);
	db_rows_close(&r);
	return e;
}

/* Call only after finding_get() proved id is in scope. */
enum err
finding_timeline(struct db *db, int64_t id, void (*fn)(void *ctx, const struct finding_event *ev),
    void *ctx)
{
	struct db_rows r;
	enum err e;

	e = db_query(db, &r, "SELECT ev.id, ev.actor_id, ev.at, ev.state, ev.note, u.username"
	    " FROM finding_event ev LEFT JOIN app_user u ON u.id = ev.actor_id"
	    " WHERE ev.finding_id = ? ORDER BY ev.id", DB_I64(id), DB_END);
	if (e)
		return e;
	while ((e = db_next(&r)) == ERR_OK) {
		struct finding_event ev = { db_i64(&r, 0), db_is_null(&r, 1) ? 0 : db_i64(&r, 1),
			db_i64(&r, 2), db_text(&r, 3), db_text(&r, 4),
			db_is_null(&r, 5) ? NULL : db_text(&r, 5) };

		fn(ctx, &ev);
	}
	db_rows_close(&r);
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}

/* " AND path in org_id's subtree (scoped)" or the caller's scope. */
static enum err
subtree_where(struct db *db, const struct who *w, int64_t org_id, const char *col,
    struct buf *sql, struct db_args *args, char (*up)[256])
{
	struct arena a = ARENA_INIT;
	struct org o;
	enum err e;

	if (!org_id) {
		scope_sql(sql, args, w, col, up);
		return ERR_OK;
	}
	if ((e = org_get(db, w, org_id, &a, &o)) == ERR_OK) {
		snprintf(up[1], 256, "%s", o.path);
		scope_path_upper(up[1], up[0]);
		buf_addf(sql, " AND %s >= ? AND %s < ?", col, col);
		db_args_add(args, DB_TEXT(up[1]));
		db_args_add(args, DB_TEXT(up[0]));
	}
	arena_release(&a);
	return e;
}

static enum err
list_where(struct db *db, const struct who *w, const struct finding_filter *flt,
    const char *today, struct buf *sql, struct db_args *args, char (*up)[256])
{
	buf_adds(sql, " FROM finding f JOIN org o ON o.id = f.org_id WHERE 1=1");
	if (flt->state) {
		buf_adds(sql, " AND f.state = ?");
		db_args_add(args, DB_TEXT(flt->state));
	}
	if (flt->severity) {
		buf_adds(sql, " AND f.severity = ?");
		db_args_add(args, DB_TEXT(flt->severity));
	}
	if (flt->source) {
		buf_adds(sql, " AND f.source = ?");
		db_args_add(args, DB_TEXT(flt->source));
	}
	if (flt->overdue) {
		buf_adds(sql, " AND f.state <> 'verified' AND f.deadline < ?");
		db_args_add(args, DB_TEXT(today));
	}
	return subtree_where(db, w, flt->org_id, "f.org_path", sql, args, up);
}

enum err
finding_list(struct db *db, const struct who *w, const struct finding_filter *flt,
    void (*fn)(void *ctx, const struct finding *f), void *ctx, int64_t *total)
{
	struct buf where = BUF_INIT(8192), sql = BUF_INIT(8192);
	struct db_args args = { 0 };
	char up[SCOPE_MAX][256], today[11];
	struct arena a = ARENA_INIT;
	struct db_rows r;
	enum err e;

	date_format(date_today(), today);
	e = list_where(db, w, flt, today, &where, &args, up);
	if (!e) {
		buf_addf(&sql, "SELECT COUNT(*)%s", buf_str(&where));
		e = db_get_i64v(db, total, buf_str(&sql), &args);
		buf_reset(&sql);
	}
	if (e)
		goto out;
	/* Overdue (escalated) first, then by deadline. */
	buf_addf(&sql, "SELECT " FINDING_COLS "%s ORDER BY CASE WHEN f.state <> 'verified'"
	    " AND f.deadline < ? THEN 0 ELSE 1 END, f.deadline, f.id LIMIT ? OFFSET ?",
	    buf_str(&where));
	db_args_add(&args, DB_TEXT(today));
	db_args_add(&args, DB_I64(flt->per_page));
	db_args_add(&args, DB_I64((flt->page - 1) * flt->per_page));
	if ((e = db_queryv(db, &r, buf_str(&sql), &args)))
		goto out;
	while ((e = db_next(&r)) == ERR_OK) {
		struct finding f;

		row_to(&r, &a, &f);
		fn(ctx, &f);
	}
	db_rows_close(&r);
	e = e == ERR_NOT_FOUND ? ERR_OK : e;
out:
	arena_release(&a);
	buf_release(&where);
	buf_release(&sql);
	return e;
}

/* The board's root: org_id in scope, or the caller's first scope root
 * (admin and district: the top organization). */
static enum err
board_root(struct db *db, const struct who *w, int64_t org_id, int64_t *root)
{
	struct arena a = ARENA_INIT;
	struct org o;
	enum err e;

	if (org_id) {
		e = org_get(db, w, org_id, &a, &o);
		arena_release(&a);
		*root = org_id;
		return e;
	}
	if (!w->all)
		return w->nscope ? (*root = w->scope_ids[0], ERR_OK) : ERR_NOT_FOUND;
	return db_get_i64(db, root, "SELECT MIN(id) FROM org WHERE parent_id IS NULL", DB_END);
}

/* The board's common sums over the finding alias f: open, overdue, closed
 * and the days from issue to verification of the closed ones. */
#define BOARD_SUMS " SUM(CASE WHEN f.state <> 'verified' THEN 1 ELSE 0 END)," \
	" SUM(CASE WHEN f.state <> 'verified' AND f.deadline < ? THEN 1 ELSE 0 END)," \
	" SUM(CASE WHEN f.state = 'verified' THEN 1 ELSE 0 END)," \
	" SUM(CASE WHEN f.state = 'verified' THEN f.closed_day - f.issued_day ELSE 0 END)"

/* The row's counts from columns at..at+3 (BOARD_SUMS). */
static void
board_counts(struct db_rows *r, int at, struct finding_board_row *b)
{
	b->open = db_is_null(r, at) ? 0 : db_i64(r, at);
	b->overdue = db_is_null(r, at + 1) ? 0 : db_i64(r, at + 1);
	b->closed = db_is_null(r, at + 2) ? 0 : db_i64(r, at + 2);
	b->rate_pct = b->open + b->closed ? b->closed * 100 / (b->open + b->closed) : -1;
	b->avg_days = b->closed ? (double)db_i64(r, at + 3) / (double)b->closed : -1;
}

static void
year_bounds(int year, char *from, char *to)
{
	date_format(date_from_ymd(year, 1, 1), from);	/* year is 1900..2199 (validated) */
	date_format(date_from_ymd(year + 1, 1, 1), to);
}

enum err
finding_board(struct db *db, const struct who *w, int64_t org_id, int year,
    void (*fn)(void *ctx, const struct finding_board_row *r), void *ctx)
{
	char today[11], from[11], to[11];
	int64_t root = 0;
	struct db_rows r;
	enum err e;

	if ((e = board_root(db, w, org_id, &root)))
		return e;
	date_format(date_today(), today);
	year_bounds(year, from, to);
	/* The root's own row (findings issued to the root itself, which no
	 * child's subtree holds) sorts first by path; then each child's
	 * subtree [c.path, c.path with its final '/' -> '0'). */
	e = db_query(db, &r, "SELECT c.id, c.name, CASE WHEN c.id = ? THEN 1 ELSE 0 END,"
	    BOARD_SUMS " FROM org c LEFT JOIN finding f ON f.issued_on >= ? AND f.issued_on < ?"
	    " AND ((c.id = ? AND f.org_id = c.id) OR (c.id <> ? AND f.org_path >= c.path"
	    " AND f.org_path < substr(c.path, 1, length(c.path) - 1) || '0'))"
	    " WHERE c.id = ? OR c.parent_id = ? GROUP BY c.id, c.name, c.path ORDER BY c.path",
	    DB_I64(root), DB_TEXT(today), DB_TEXT(from), DB_TEXT(to), DB_I64(root), DB_I64(root),
	    DB_I64(root), DB_I64(root), DB_END);
	if (e)
		return e;
	while ((e = db_next(&r)) == ERR_OK) {
		struct finding_board_row b = { .org_id = db_i64(&r, 0), .org_name = db_text(&r, 1),
			.own = db_i64(&r, 2) == 1 };

		board_counts(&r, 3, &b);
		fn(ctx, &b);
	}
	db_rows_close(&r);
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}

/* The by-source rows of one grouped query, indexed by finding_sources. */
static enum err
board_sources(struct db *db, const char *path, const char *upper, int year,
    struct finding_board_row *rows)
{
	char today[11], from[11], to[11];
	struct db_rows r;
	enum err e;

	date_format(date_today(), today);
	year_bounds(year, from, to);
	e = db_query(db, &r, "SELECT f.source," BOARD_SUMS " FROM finding f"
	    " WHERE f.org_path >= ? AND f.org_path < ? AND f.issued_on >= ? AND f.issued_on < ?"
	    " GROUP BY f.source", DB_TEXT(today), DB_TEXT(path), DB_TEXT(upper), DB_TEXT(from),
	    DB_TEXT(to), DB_END);
	if (e)
		return e;
	while ((e = db_next(&r)) == ERR_OK)
		for (int i = 0; finding_sources[i]; i++)
			if (!strcmp(finding_sources[i], db_text(&r, 0)))
				board_counts(&r, 1, &rows[i]);
	db_rows_close(&r);
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}

enum err
finding_board_sources(struct db *db, const struct who *w, int64_t org_id, int year,
    void (*fn)(void *ctx, const struct finding_board_row *r), void *ctx)
{
	struct finding_board_row rows[FINDING_NSOURCES];
	char path[256], upper[256];
	struct arena a = ARENA_INIT;
	int64_t root = 0;
	struct org o;
	enum err e;

	if ((e = board_root(db, w, org_id, &root)) || (e = org_get(db, w, root, &a, &o))) {
		arena_release(&a);
		return e;
	}
	snprintf(path, sizeof(path), "%s", o.path);
	arena_release(&a);
	scope_path_upper(path, upper);
	for (int i = 0; i < FINDING_NSOURCES; i++)
		rows[i] = (struct finding_board_row){ .source = finding_sources[i], .rate_pct = -1,
			.avg_days = -1 };
	if ((e = board_sources(db, path, upper, year, rows)))
		return e;
	for (int i = 0; i < FINDING_NSOURCES; i++)
		fn(ctx, &rows[i]);
	return ERR_OK;
}

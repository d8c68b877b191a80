/* meeting_store.c: the scoped SQL of meetings, attendance (with quorum,
 * ORG-11), appraisal grades (ORG-16), talk pairs (ORG-17), committees, QR
 * sign-in, files and plans. Every write is one transaction with its audit
 * row. */
#include "core/common.h"
#include "party/meeting.h"
#include "auth/audit.h"
#include "auth/crypto.h"
#include "auth/scope.h"
#include "core/config.h"
#include "core/dates.h"
#include "core/filestore.h"
#include "core/xalloc.h"
#include "party/org.h"

#define MEETING_COLS "m.id, m.org_id, o.name, m.org_path, m.kind, m.theme, m.place, m.topic," \
	" m.lecturer, m.minutes, m.held_at, m.ends_at, COALESCE(m.host_id, 0)," \
	" COALESCE(m.recorder_id, 0), m.expected, m.present, COALESCE(m.quorum_ok, -1)," \
	" m.committee_n, m.committee_present, m.created_at, m.updated_at," \
	" COALESCE(h.name, ''), COALESCE(rc.name, ''), COALESCE((SELECT a.status FROM attendance a" \
	" WHERE a.meeting_id = m.id AND a.member_id = ?), '')"
/* MEETING_COLS takes one parameter first: the caller's member id (my_status). */
#define MEETING_FROM " FROM meeting m JOIN org o ON o.id = m.org_id" \
	" LEFT JOIN member h ON h.id = m.host_id LEFT JOIN member rc ON rc.id = m.recorder_id"

static void
meeting_from_row(struct db_rows *r, struct arena *a, struct meeting *m)
{
	const char **s[] = { &m->org_name, &m->org_path, &m->kind, &m->theme, &m->place,
		&m->topic, &m->lecturer, &m->minutes };
	int64_t *v[] = { &m->held_at, &m->ends_at, &m->host_id, &m->recorder_id, &m->expected,
		&m->present };

	memset(m, 0, sizeof(*m));
	m->id = db_i64(r, 0);
	m->org_id = db_i64(r, 1);
	for (size_t i = 0; i < ARRAY_SIZE(s); i++)
		*s[i] = arena_strdup(a, db_text(r, (int)i + 2));
	for (size_t i = 0; i < ARRAY_SIZE(v); i++)
		*v[i] = db_i64(r, (int)i + 10);
	m->quorum = (int)db_i64(r, 16);
	m->committee_n = db_i64(r, 17);
	m->committee_present = db_i64(r, 18);
	m->created_at = db_i64(r, 19);
	m->updated_at = db_i64(r, 20);
	m->host_name = arena_strdup(a, db_text(r, 21));
	m->recorder_name = arena_strdup(a, db_text(r, 22));
	m->my_status = arena_strdup(a, db_text(r, 23));
}

/* A meeting in w's scope (all: any meeting, for sign-in by token). */
static enum err
load(struct db *db, const struct who *w, int64_t id, struct arena *a, struct meeting *m)
{
	struct buf sql = BUF_INIT(4096);
	struct db_args args = { 0 };
	char up[SCOPE_MAX][256];
	struct db_rows r;
	enum err e;

	buf_adds(&sql, "SELECT " MEETING_COLS MEETING_FROM " WHERE m.id = ?");
	db_args_add(&args, DB_I64(w ? w->member_id : 0));
	db_args_add(&args, DB_I64(id));
	if (w)
		scope_sql(&sql, &args, w, "m.org_path", up);
	e = db_queryv(db, &r, buf_str(&sql), &args);
	buf_release(&sql);
	if (e)
		return e;
	e = db_next(&r);
	if (!e)
		meeting_from_row(&r, a, m);
	db_rows_close(&r);
	return e;
}

enum err
meeting_get(struct db *db, const struct who *w, int64_t id, struct arena *a, struct meeting *m)
{
	return load(db, w, id, a, m);
}

/* Whether member_id is an active member in the subtree at path. */
static int
member_in(struct db *db, const char *path, int64_t member_id)
{
	char up[256];
	int64_t v;

	scope_path_upper(path, up);
	return db_get_i64(db, &v, "SELECT id FROM member WHERE id = ? AND state = 'active'"
	    " AND org_path >= ? AND org_path < ?", DB_I64(member_id), DB_TEXT(path), DB_TEXT(up),
	    DB_END) == ERR_OK;
}

/* The organization in scope that holds the meeting, checked against its kind. */
static enum err
check_org(struct db *db, const struct who *w, const struct meeting *m, struct arena *a,
    struct org *o, struct problem *pb)
{
	if (org_get(db, w, m->org_id, a, o))
		return problem_field(pb, "org_id", "组织不存在");
	if (!meeting_kind_org_ok(m->kind, o->kind))
		return problem_field(pb, "org_id", "%s不能召开该类会议（支委会须由支部、总支或党委召开，"
		    "党小组会须由党小组召开）", org_kind_label(o->kind));
	if (m->host_id && !member_in(db, o->path, m->host_id))
		problem_field(pb, "host_id", "主持人须是本组织的在册党员");
	if (m->recorder_id && !member_in(db, o->path, m->recorder_id))
		problem_field(pb, "recorder_id", "记录人须是本组织的在册党员");
	return pb->nfields ? ERR_INVALID : ERR_OK;
}

static enum err
save(struct db *db, const struct who *w, const struct meeting *m, const char *path, int64_t *id)
{
	int32_t day = (int32_t)(m->held_at / 1440);
	int64_t now = time(NULL);
	struct db_args a = { 0 };
	const char *s[] = { m->kind, m->theme, m->place, m->topic, m->lecturer, m->minutes };

	db_args_add(&a, DB_I64(m->org_id));
	db_args_add(&a, DB_TEXT(path));
	for (size_t i = 0; i < ARRAY_SIZE(s); i++)
		db_args_add(&a, DB_TEXT(s[i] ? s[i] : ""));
	db_args_add(&a, DB_I64(m->held_at));
	db_args_add(&a, DB_I64(m->ends_at));
	db_args_add(&a, DB_I64(day));
	db_args_add(&a, DB_I64(date_month_key(day)));
	db_args_add(&a, DB_I64(date_quarter_key(day)));
	db_args_add(&a, DB_I64(date_year(day)));
	db_args_add(&a, m->host_id ? DB_I64(m->host_id) : DB_NULL);
	db_args_add(&a, m->recorder_id ? DB_I64(m->recorder_id) : DB_NULL);
	db_args_add(&a, DB_I64(now));
	if (*id) {
		db_args_add(&a, DB_I64(*id));
		return db_execv(db, "UPDATE meeting SET org_id = ?, org_path = ?, kind = ?, theme = ?,"
		    " place = ?, topic = ?, lecturer = ?, minutes = ?, held_at = ?, ends_at = ?, day = ?,"
		    " month_key = ?, quarter_key = ?, year = ?, host_id = ?, recorder_id = ?,"
		    " updated_at = ? WHERE id = ?", &a);
	}
	db_args_add(&a, DB_I64(now));
	db_args_add(&a, w->user_id ? DB_I64(w->user_id) : DB_NULL);
	if (db_execv(db, "INSERT INTO meeting (org_id, org_path, kind, theme, place, topic, lecturer,"
	    " minutes, held_at, ends_at, day, month_key, quarter_key, year, host_id, recorder_id,"
	    " updated_at, created_at, created_by) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", &a))
		return ERR_STORE;
	*id = db_last_id(db);
	return ERR_OK;
}

static enum err
count(struct db *db, int64_t *out, const char *sql, struct db_param p1, struct db_param p2,
    struct db_param p3)
{
	enum err e = db_get_i64(db, out, sql, p1, p2, p3, DB_END);

	if (e == ERR_NOT_FOUND) {
		*out = 0;
		return ERR_OK;
	}
	return e;
}

/* Expected and present counts and, for committee meetings, the quorum
 * (ORG-11: the committee on the meeting's day, present or late members). */
static enum err
recount(struct db *db, const struct meeting *m)
{
	int64_t expected, present, cn = 0, cp = 0;
	char up[256], day[11];
	enum err e;

	scope_path_upper(m->org_path, up);
	date_format((int32_t)(m->held_at / 1440), day);
	e = count(db, &expected, "SELECT COUNT(*) FROM member WHERE state = 'active' AND"
	    " org_path >= ? AND org_path < ?", DB_TEXT(m->org_path), DB_TEXT(up), DB_END);
	if (!e)
		e = count(db, &present, "SELECT COUNT(*) FROM attendance WHERE meeting_id = ? AND"
		    " status IN ('present', 'late')", DB_I64(m->id), DB_END, DB_END);
	if (!e && !strcmp(m->kind, "committee"))
		e = count(db, &cn, "SELECT COUNT(*) FROM org_committee WHERE org_id = ? AND"
		    " from_on <= ? AND (to_on IS NULL OR to_on >= ?)", DB_I64(m->org_id), DB_TEXT(day),
		    DB_TEXT(day));
	if (!e && !strcmp(m->kind, "committee"))
		e = db_get_i64(db, &cp, "SELECT COUNT(DISTINCT c.member_id) FROM org_committee c JOIN"
		    " attendance t ON t.member_id = c.member_id AND t.meeting_id = ? WHERE c.org_id = ?"
		    " AND c.from_on <= ? AND (c.to_on IS NULL OR c.to_on >= ?) AND t.status IN"
		    " ('present', 'late')", DB_I64(m->id), DB_I64(m->org_id), DB_TEXT(day),
		    DB_TEXT(day), DB_END);
	if (e)
		return e;
	return db_exec(db, "UPDATE meeting SET expected = ?, present = ?, committee_n = ?,"
	    " committee_present = ?, quorum_ok = ? WHERE id = ?", DB_I64(expected), DB_I64(present),
	    DB_I64(cn), DB_I64(cp), strcmp(m->kind, "committee") ? DB_NULL :
	    DB_I64(meeting_quorum_ok(cn, cp)), DB_I64(m->id), DB_END);
}

enum err
meeting_create(struct db *db, const struct who *w, struct meeting *m, struct problem *pb,
    int64_t *id)
{
	struct arena a = ARENA_INIT;
	struct meeting cur;
	struct org o;
	enum err e = meeting_validate(m, datetime_now(), pb);

	if (!e)
		e = db_begin(db);
	if (e)
		goto out;
	*id = 0;
	e = check_org(db, w, m, &a, &o, pb);
	if (!e)
		e = save(db, w, m, o.path, id);
	if (!e)
		e = load(db, w, *id, &a, &cur);
	if (!e)
		e = recount(db, &cur);
	if (!e)
		e = load(db, w, *id, &a, &cur);
	if (!e)
		e = audit_write(db, w, "create", "meeting", *id, NULL, meeting_json(&cur, &a), 1);
	e = db_end(db, e);
out:
	arena_release(&a);
	return e;
}

/* Attendance, grades and talk pairs belong to the meeting's organization
 * and kind: once any are recorded, neither may change (record a new
 * meeting instead). */
static enum err
check_records_kept(struct db *db, const struct meeting *old, const struct meeting *m,
    struct problem *pb)
{
	int64_t v;
	int kind = strcmp(old->kind, m->kind) != 0, org = old->org_id != m->org_id;

	if (!kind && !org)
		return ERR_OK;
	if (db_get_i64(db, &v, "SELECT 1 FROM attendance WHERE meeting_id = ? UNION ALL"
	    " SELECT 1 FROM appraisal_grade WHERE meeting_id = ? UNION ALL"
	    " SELECT 1 FROM talk_pair WHERE meeting_id = ? LIMIT 1", DB_I64(m->id), DB_I64(m->id),
	    DB_I64(m->id), DB_END))
		return ERR_OK;
	return problem_field(pb, kind ? "kind" : "org_id",
	    "该会议已有出席、评议或谈话记录，不能修改%s", kind ? "类型" : "所属组织");
}

enum err
meeting_update(struct db *db, const struct who *w, int64_t id,
    void (*patch)(void *ctx, struct meeting *m), void *ctx, struct problem *pb)
{
	struct arena a = ARENA_INIT;
	struct meeting old, m;
	struct org o;
	enum err e = db_begin(db);

	if (e)
		return e;
	e = load(db, w, id, &a, &old);
	if (!e) {
		m = old;
		patch(ctx, &m);
		e = meeting_validate(&m, datetime_now(), pb);
	}
	if (!e)
		e = check_org(db, w, &m, &a, &o, pb);
	if (!e)
		e = check_records_kept(db, &old, &m, pb);
	if (!e)
		e = save(db, w, &m, o.path, &id);
	if (!e)
		e = load(db, w, id, &a, &m);
	if (!e)
		e = recount(db, &m);
	if (!e)
		e = load(db, w, id, &a, &m);
	if (!e)
		e = audit_write(db, w, "update", "meeting", id, meeting_json(&old, &a),
		    meeting_json(&m, &a), 1);
	arena_release(&a);
	return db_end(db, e);
}

/* Scope (or org_id's subtree) and filters of a list. */
static enum err
list_where(struct db *db, const struct who *w, const struct meeting_filter *f, struct arena *ar,
    struct buf *sql, struct db_args *a, char (*up)[256])
{
	struct org o;

	buf_adds(sql, " WHERE 1=1");
	if (f->org_id) {
		if (org_get(db, w, f->org_id, ar, &o))
			return ERR_NOT_FOUND;
		scope_path_upper(o.path, up[0]);
		buf_adds(sql, " AND m.org_path >= ? AND m.org_path < ?");
		db_args_add(a, DB_TEXT(o.path));
		db_args_add(a, DB_TEXT(up[0]));
	} else {
		scope_sql(sql, a, w, "m.org_path", up);
	}
	if (f->kind) {
		buf_adds(sql, " AND m.kind = ?");
		db_args_add(a, DB_TEXT(f->kind));
	}
	if (f->from) {
		buf_adds(sql, " AND m.day >= ?");
		db_args_add(a, DB_I64(f->from));
	}
	if (f->to) {
		buf_adds(sql, " AND m.day <= ?");
		db_args_add(a, DB_I64(f->to));
	}
	if (f->year) {
		buf_adds(sql, " AND m.year = ?");
		db_args_add(a, DB_I64(f->year));
	}
	if (f->month_key) {
		buf_adds(sql, " AND m.month_key = ?");
		db_args_add(a, DB_I64(f->month_key));
	}
	return ERR_OK;
}

enum err
meeting_list(struct db *db, const struct who *w, const struct meeting_filter *f,
    void (*fn)(void *ctx, const struct meeting *m), void *ctx, int64_t *total)
{
	struct buf where = BUF_INIT(8192), sql = BUF_INIT(8192);
	struct db_args a = { 0 }, sa = { 0 };
	char up[SCOPE_MAX][256];
	struct arena ar = ARENA_INIT;
	struct db_rows r;
	enum err e;

	if ((e = list_where(db, w, f, &ar, &where, &a, up)))
		goto out;
	buf_addf(&sql, "SELECT COUNT(*) FROM meeting m%s", buf_str(&where));
	if ((e = db_queryv(db, &r, buf_str(&sql), &a)))
		goto out;
	e = db_next(&r);
	*total = e ? 0 : db_i64(&r, 0);
	db_rows_close(&r);
	buf_reset(&sql);
	buf_addf(&sql, "SELECT " MEETING_COLS MEETING_FROM "%s ORDER BY %s %s, m.id %s"
	    " LIMIT ? OFFSET ?", buf_str(&where), f->sort_col, f->desc ? "DESC" : "ASC",
	    f->desc ? "DESC" : "ASC");
	db_args_add(&sa, DB_I64(w->member_id));
	for (int i = 0; i < a.n; i++)
		db_args_add(&sa, a.v[i]);
	db_args_add(&sa, DB_I64(f->per_page));
	db_args_add(&sa, DB_I64((f->page - 1) * f->per_page));
	if ((e = db_queryv(db, &r, buf_str(&sql), &sa)))
		goto out;
	while ((e = db_next(&r)) == ERR_OK) {
		struct arena row = ARENA_INIT;
		struct meeting m;

		meeting_from_row(&r, &row, &m);
		fn(ctx, &m);
		arena_release(&row);
	}
	db_rows_close(&r);
	e = e == ERR_NOT_FOUND ? ERR_OK : e;
out:
	arena_release(&ar);
	buf_release(&where);
	buf_release(&sql);
	return e;
}

/* "items[i].name", the field of a list item a problem names. */
static const char *
item_field(char out[48], int i, const char *name)
{
	snprintf(out, 48, "items[%d].%s", i, name);
	return out;
}

/* Each member of a list is named once and is active in the subtree. */
static void
check_members(struct db *db, const char *path, const struct meeting_item *it, int n,
    struct problem *pb)
{
	char f[48];

	for (int i = 0; i < n; i++) {
		if (!member_in(db, path, it[i].member_id)) {
			problem_field(pb, item_field(f, i, "member_id"),
			    "第%d项：该党员不是本组织（含下级）的在册党员", i + 1);
			continue;
		}
		for (int k = 0; k < i; k++)
			if (it[k].member_id == it[i].member_id)
				problem_field(pb, item_field(f, i, "member_id"), "第%d项：该党员重复出现",
				    i + 1);
	}
}

/* When member_id signed in by QR: *at gets the time (0: not by QR). */
static enum err
qr_signed(struct db *db, int64_t id, int64_t member_id, int64_t *at)
{
	enum err e = db_get_i64(db, at, "SELECT signed_at FROM attendance WHERE meeting_id = ? AND"
	    " member_id = ? AND via = 'qr'", DB_I64(id), DB_I64(member_id), DB_END);

	if (e == ERR_NOT_FOUND)
		*at = 0;
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}

/* Replaces the attendance of meeting id inside the open transaction; a QR
 * sign-in stays on record for a member still present or late. */
static enum err
insert_attendance(struct db *db, int64_t id, const struct meeting_item *it, int n)
{
	int64_t *at = xmalloc(sizeof(*at) * (size_t)(n ? n : 1));
	enum err e = ERR_OK;

	for (int i = 0; !e && i < n; i++)
		e = qr_signed(db, id, it[i].member_id, &at[i]);
	if (!e)
		e = db_exec(db, "DELETE FROM attendance WHERE meeting_id = ?", DB_I64(id), DB_END);
	for (int i = 0; !e && i < n; i++) {
		int qr = at[i] && strcmp(it[i].status, "absent");

		e = db_exec(db, "INSERT INTO attendance (meeting_id, member_id, status, reason, via,"
		    " signed_at) VALUES (?, ?, ?, ?, ?, ?)", DB_I64(id), DB_I64(it[i].member_id),
		    DB_TEXT(it[i].status), DB_TEXT(it[i].reason ? it[i].reason : ""),
		    DB_TEXT(qr ? "qr" : "manual"), qr ? DB_I64(at[i]) : DB_NULL, DB_END);
	}
	free(at);
	return e;
}

/* The shared frame of a list write: load in scope, check, act, recount, audit. */
static enum err
write_list(struct db *db, const struct who *w, int64_t id, const char *action,
    enum err (*check)(struct db *, const struct meeting *, const struct meeting_item *, int,
    struct problem *), enum err (*act)(struct db *, int64_t, const struct meeting_item *, int),
    const struct meeting_item *it, int n, struct problem *pb)
{
	struct arena a = ARENA_INIT;
	struct meeting old, m;
	enum err e = db_begin(db);

	if (e)
		return e;
	e = load(db, w, id, &a, &old);
	if (!e)
		e = check(db, &old, it, n, pb);
	if (!e)
		e = act(db, id, it, n);
	if (!e)
		e = recount(db, &old);
	if (!e)
		e = load(db, w, id, &a, &m);
	if (!e)
		e = audit_write(db, w, action, "meeting", id, meeting_json(&old, &a),
		    meeting_json(&m, &a), 1);
	arena_release(&a);
	return db_end(db, e);
}

static enum err
check_attendance(struct db *db, const struct meeting *m, const struct meeting_item *it, int n,
    struct problem *pb)
{
	if (m->held_at - cfg.checkin_early_min > datetime_now())
		return problem_field(pb, "items", "会议尚未开始，不能登记出勤");
	char f[48];

	for (int i = 0; i < n; i++)
		if (!strcmp(it[i].status, "absent") && (!it[i].reason || !*it[i].reason))
			problem_field(pb, item_field(f, i, "reason"), "第%d项：缺席须填写原因", i + 1);
	check_members(db, m->org_path, it, n, pb);
	return pb->nfields ? ERR_INVALID : ERR_OK;
}

enum err
meeting_set_attendance(struct db *db, const struct who *w, int64_t id,
    const struct meeting_item *it, int n, struct problem *pb)
{
	return write_list(db, w, id, "attendance", check_attendance, insert_attendance, it, n, pb);
}

static enum err
check_grades(struct db *db, const struct meeting *m, const struct meeting_item *it, int n,
    struct problem *pb)
{
	int64_t excellent = 0;

	if (strcmp(m->kind, "appraisal"))
		return problem_field(pb, "kind", "只有民主评议党员会议可以登记评议等次（ORG-16）");
	check_members(db, m->org_path, it, n, pb);
	for (int i = 0; i < n; i++)
		excellent += !strcmp(it[i].grade, "excellent");
	if (!meeting_excellent_ok(excellent, n, cfg.excellent_div))
		problem_field(pb, "items", "评为优秀的党员不能超过参评党员的1/%ld（ORG-16）：参评%d人，"
		    "优秀%" PRId64 "人", cfg.excellent_div, n, excellent);
	return pb->nfields ? ERR_INVALID : ERR_OK;
}

static enum err
insert_grades(struct db *db, int64_t id, const struct meeting_item *it, int n)
{
	enum err e = db_exec(db, "DELETE FROM appraisal_grade WHERE meeting_id = ?", DB_I64(id),
	    DB_END);

	for (int i = 0; !e && i < n; i++)
		e = db_exec(db, "INSERT INTO appraisal_grade (meeting_id, member_id, grade)"
		    " VALUES (?, ?, ?)", DB_I64(id), DB_I64(it[i].member_id), DB_TEXT(it[i].grade),
		    DB_END);
	return e;
}

enum err
meeting_set_grades(struct db *db, const struct who *w, int64_t id,
    const struct meeting_item *it, int n, struct problem *pb)
{
	return write_list(db, w, id, "grades", check_grades, insert_grades, it, n, pb);
}

static enum err
check_pairs(struct db *db, const struct meeting *m, const struct meeting_item *it, int n,
    struct problem *pb)
{
	if (strcmp(m->kind, "talk"))
		return problem_field(pb, "kind", "只有谈心谈话可以登记谈话对象（ORG-17）");
	char f[48];

	for (int i = 0; i < n; i++) {
		if (!member_in(db, m->org_path, it[i].member_id))
			problem_field(pb, item_field(f, i, "a_member_id"),
			    "第%d项：该党员不是本组织的在册党员", i + 1);
		if (!member_in(db, m->org_path, it[i].b_member_id))
			problem_field(pb, item_field(f, i, "b_member_id"),
			    "第%d项：该党员不是本组织的在册党员", i + 1);
		if (it[i].member_id == it[i].b_member_id)
			problem_field(pb, item_field(f, i, "b_member_id"), "第%d项：谈话双方不能是同一人",
			    i + 1);
	}
	return pb->nfields ? ERR_INVALID : ERR_OK;
}

static enum err
insert_pairs(struct db *db, int64_t id, const struct meeting_item *it, int n)
{
	enum err e = db_exec(db, "DELETE FROM talk_pair WHERE meeting_id = ?", DB_I64(id), DB_END);

	for (int i = 0; !e && i < n; i++)
		e = db_exec(db, "INSERT INTO talk_pair (meeting_id, a_member_id, b_member_id, pair_kind)"
		    " VALUES (?, ?, ?, ?)", DB_I64(id), DB_I64(it[i].member_id),
		    DB_I64(it[i].b_member_id), DB_TEXT(it[i].pair_kind), DB_END);
	return e;
}

enum err
meeting_set_pairs(struct db *db, const struct who *w, int64_t id,
    const struct meeting_item *it, int n, struct problem *pb)
{
	return write_list(db, w, id, "pairs", check_pairs, insert_pairs, it, n, pb);
}

enum err
meeting_items(struct db *db, int64_t id, const char *what, struct arena *a,
    void (*fn)(void *ctx, const struct meeting_item *it), void *ctx)
{
	const char *sql;
	struct db_rows r;
	enum err e;

	if (!strcmp(what, "attendance"))
		sql = "SELECT t.member_id, 0, t.status, t.reason, t.via, COALESCE(t.signed_at, 0),"
		    " p.name FROM attendance t JOIN member p ON p.id = t.member_id WHERE"
		    " t.meeting_id = ? ORDER BY p.name, t.member_id";
	else if (!strcmp(what, "grades"))
		sql = "SELECT t.member_id, 0, t.grade, '', '', 0, p.name FROM appraisal_grade t"
		    " JOIN member p ON p.id = t.member_id WHERE t.meeting_id = ? ORDER BY t.member_id";
	else
		sql = "SELECT a_member_id, b_member_id, pair_kind, '', '', 0, '' FROM talk_pair"
		    " WHERE meeting_id = ? ORDER BY id";
	if ((e = db_query(db, &r, sql, DB_I64(id), DB_END)))
		return e;
	while ((e = db_next(&r)) == ERR_OK) {
		struct meeting_item it = { 0 };
		const char *s = arena_strdup(a, db_text(&r, 2));

		it.member_id = db_i64(&r, 0);
		it.b_member_id = db_i64(&r, 1);
		it.status = it.grade = it.pair_kind = s;
		it.reason = arena_strdup(a, db_text(&r, 3));
		it.via = arena_strdup(a, db_text(&r, 4));
		it.signed_at = db_i64(&r, 5);
		it.member_name = arena_strdup(a, db_text(&r, 6));
		fn(ctx, &it);
	}
	db_rows_close(&r);
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}

static int
committee_org(const char *kind)
{
	return !strcmp(kind, "branch") || !strcmp(kind, "general_branch") ||
	    !strcmp(kind, "party_committee");
}

enum err
meeting_committee_counts(struct db *db, int64_t org_id, int64_t *current, int64_t *full)
{
	char today[11];
	enum err e;

	date_format(date_today(), today);
	e = db_get_i64(db, current, "SELECT COUNT(DISTINCT member_id) FROM org_committee WHERE"
	    " org_id = ? AND from_on <= ? AND (to_on IS NULL OR to_on >= ?)", DB_I64(org_id),
	    DB_TEXT(today), DB_TEXT(today), DB_END);
	if (!e)
		e = db_get_i64(db, full, "SELECT COUNT(*) FROM member WHERE org_id = ? AND"
		    " state = 'active' AND status = 'full'", DB_I64(org_id), DB_END);
	return e;
}

enum err
meeting_committee_get(struct db *db, const struct who *w, int64_t org_id, struct arena *a,
    void (*fn)(void *ctx, const struct meeting_item *it), void *ctx)
{
	struct db_rows r;
	struct org o;
	enum err e = org_get(db, w, org_id, a, &o);

	if (e)
		return e;
	if ((e = db_query(db, &r, "SELECT c.member_id, c.post, c.from_on, COALESCE(c.to_on, ''),"
	    " p.name FROM org_committee c JOIN member p ON p.id = c.member_id WHERE c.org_id = ?"
	    " ORDER BY c.id", DB_I64(org_id), DB_END)))
		return e;
	while ((e = db_next(&r)) == ERR_OK) {
		struct meeting_item it = { 0 };

		it.member_id = db_i64(&r, 0);
		it.post = arena_strdup(a, db_text(&r, 1));
		it.from_on = arena_strdup(a, db_text(&r, 2));
		it.to_on = *db_text(&r, 3) ? arena_strdup(a, db_text(&r, 3)) : NULL;
		it.member_name = arena_strdup(a, db_text(&r, 4));
		fn(ctx, &it);
	}
	db_rows_close(&r);
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}

static enum err
check_committee(struct db *db, const struct org *o, const struct meeting_item *it, int n,
    struct problem *pb)
{
	if (!committee_org(o->kind))
		return problem_field(pb, "org_id", "只有党支部、党总支和党委设委员会");
	check_members(db, o->path, it, n, pb);
	char f[48];

	for (int i = 0; i < n; i++)
		if (it[i].to_on && strcmp(it[i].to_on, it[i].from_on) < 0)
			problem_field(pb, item_field(f, i, "to_on"), "第%d项：任职结束日期不能早于开始日期",
			    i + 1);
	return pb->nfields ? ERR_INVALID : ERR_OK;
}

/* Committee meetings of org_id get their quorum again (ORG-11). */
static enum err
recount_committees(struct db *db, int64_t org_id)
{
	struct db_rows r;
	int64_t ids[256];
	int n = 0;
	enum err e = db_query(db, &r, "SELECT id FROM meeting WHERE org_id = ? AND kind = 'committee'"
	    " ORDER BY held_at DESC", DB_I64(org_id), DB_END);

	if (e)
		return e;
	while (n < (int)ARRAY_SIZE(ids) && (e = db_next(&r)) == ERR_OK)
		ids[n++] = db_i64(&r, 0);	/* the latest 256: older ones keep their result */
	db_rows_close(&r);
	if (e && e != ERR_NOT_FOUND)
		return e;
	e = ERR_OK;
	for (int i = 0; !e && i < n; i++) {
		struct arena a = ARENA_INIT;
		struct meeting m;

		e = load(db, NULL, ids[i], &a, &m);
		if (!e)
			e = recount(db, &m);
		arena_release(&a);
	}
	return e;
}

enum err
meeting_committee_set(struct db *db, const struct who *w, int64_t org_id,
    const struct meeting_item *it, int n, struct problem *pb)
{
	struct arena a = ARENA_INIT;
	struct org o;
	enum err e = db_begin(db);

	if (e)
		return e;
	e = org_get(db, w, org_id, &a, &o);
	if (!e)
		e = check_committee(db, &o, it, n, pb);
	if (!e)
		e = db_exec(db, "DELETE FROM org_committee WHERE org_id = ?", DB_I64(org_id), DB_END);
	for (int i = 0; !e && i < n; i++)
		e = db_exec(db, "INSERT INTO org_committee (org_id, member_id, post, from_on, to_on)"
		    " VALUES (?, ?, ?, ?, ?)", DB_I64(org_id), DB_I64(it[i].member_id),
		    DB_TEXT(it[i].post), DB_TEXT(it[i].from_on),
		    it[i].to_on ? DB_TEXT(it[i].to_on) : DB_NULL, DB_END);
	if (!e)
		e = recount_committees(db, org_id);
	if (!e)
		e = audit_write(db, w, "committee", "org", org_id, NULL,
		    arena_printf(&a, "{\"members\":%d}", n), 1);
	arena_release(&a);
	return db_end(db, e);
}

enum err
meeting_token(struct db *db, const struct who *w, int64_t id, char out[MEETING_TOKEN_MAX])
{
	struct arena a = ARENA_INIT;
	struct meeting m;
	enum err e = load(db, w, id, &a, &m);

	if (!e)
		meeting_token_make(id, m.ends_at, out);
	arena_release(&a);
	return e;
}

/* The checks of a sign-in inside the transaction. */
static enum err
checkin_check(struct db *db, const struct who *w, const struct meeting *m, struct problem *pb)
{
	int64_t now = datetime_now(), v;
	int win = meeting_window(m->held_at, m->ends_at, cfg.checkin_early_min, now);

	if (!member_in(db, m->org_path, w->member_id))
		return problem_set(pb, ERR_FORBIDDEN, "other_branch",
		    "您不是该组织的在册党员，不能在此会议签到");
	if (win < 0)
		return problem_set(pb, ERR_INVALID, "checkin_not_open",
		    "签到尚未开始，请在会议开始前后扫码签到");
	if (win > 0)
		return problem_set(pb, ERR_INVALID, "checkin_closed", "会议已结束，签到已关闭");
	if (!db_get_i64(db, &v, "SELECT 1 FROM attendance WHERE meeting_id = ? AND member_id = ?"
	    " AND status IN ('present', 'late')", DB_I64(m->id), DB_I64(w->member_id), DB_END))
		return problem_set(pb, ERR_CONFLICT, "already_signed", "已签到，无需重复签到");
	return ERR_OK;
}

enum err
meeting_checkin(struct db *db, const struct who *w, const char *token, struct problem *pb,
    int64_t *id)
{
	struct arena a = ARENA_INIT;
	int64_t expires;
	struct meeting m;
	enum err e;

	if (!w->member_id)
		return problem_set(pb, ERR_FORBIDDEN, "not_member", "只有党员账号可以扫码签到");
	if (meeting_token_check(token, id, &expires))
		return problem_set(pb, ERR_INVALID, "token_invalid", "签到二维码无效，请重新扫描会议二维码");
	if (datetime_now() > expires)
		return problem_set(pb, ERR_INVALID, "token_expired", "签到二维码已过期");
	if ((e = db_begin(db)))
		return e;
	if (load(db, NULL, *id, &a, &m))
		e = problem_set(pb, ERR_INVALID, "token_invalid", "签到二维码无效，请重新扫描会议二维码");
	if (!e)
		e = checkin_check(db, w, &m, pb);
	if (!e)
		e = db_exec(db, "DELETE FROM attendance WHERE meeting_id = ? AND member_id = ?",
		    DB_I64(*id), DB_I64(w->member_id), DB_END);
	if (!e)
		e = db_exec(db, "INSERT INTO attendance (meeting_id, member_id, status, via, signed_at)"
		    " VALUES (?, ?, 'present', 'qr', ?)", DB_I64(*id), DB_I64(w->member_id),
		    DB_I64(time(NULL)), DB_END);
	if (!e)
		e = recount(db, &m);
	if (!e)
		e = audit_write(db, w, "checkin", "meeting", *id, NULL,
		    arena_printf(&a, "{\"member_id\":%" PRId64 ",\"via\":\"qr\"}", w->member_id), 1);
	arena_release(&a);
	return db_end(db, e);
}

enum err
meeting_plan_create(struct db *db, const struct who *w, const struct meeting_plan *p,
    struct problem *pb, int64_t *id)
{
	struct arena a = ARENA_INIT;
	int32_t day;
	struct org o;
	enum err e;

	date_parse(p->planned_on, &day);	/* validated by the caller */
	if (!strcmp(p->kind, "activity") && (!p->theme || !*p->theme))
		problem_field(pb, "theme", "主题活动须选择活动类型");
	if (org_get(db, w, p->org_id, &a, &o))
		problem_field(pb, "org_id", "组织不存在");
	else if (!meeting_kind_org_ok(p->kind, o.kind))
		problem_field(pb, "kind", "%s不能召开该类会议", org_kind_label(o.kind));
	if (pb->nfields) {
		arena_release(&a);
		return ERR_INVALID;
	}
	if ((e = db_begin(db))) {
		arena_release(&a);
		return e;
	}
	e = db_exec(db, "INSERT INTO meeting_plan (org_id, org_path, kind, theme, planned_on,"
		    " month_key, year, topic, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
		    DB_I64(p->org_id), DB_TEXT(o.path), DB_TEXT(p->kind),
		    DB_TEXT(p->theme ? p->theme : ""), DB_TEXT(p->planned_on),
		    DB_I64(date_month_key(day)), DB_I64(date_year(day)),
		    DB_TEXT(p->topic ? p->topic : ""), DB_I64(time(NULL)), DB_END);
	if (!e) {
		*id = db_last_id(db);
		e = audit_write(db, w, "create", "meeting_plan", *id, NULL, arena_printf(&a,
		    "{\"org_id\":%" PRId64 ",\"kind\":\"%s\",\"planned_on\":\"%s\"}", p->org_id,
		    p->kind, p->planned_on), 1);
	}
	arena_release(&a);
	return db_end(db, e);
}

/* " AND <col> in org_id's subtree (or w's scope)". */
static enum err
subtree_where(struct db *db, const struct who *w, int64_t org_id, const char *col,
    struct arena *a, struct buf *sql, struct db_args *args, char (*up)[256])
{
	struct org o;

	if (!org_id) {
		scope_sql(sql, args, w, col, up);
		return ERR_OK;
	}
	if (org_get(db, w, org_id, a, &o))
		return ERR_NOT_FOUND;
	scope_path_upper(o.path, up[0]);
	buf_addf(sql, " AND %s >= ? AND %s < ?", col, col);
	db_args_add(args, DB_TEXT(o.path));
	db_args_add(args, DB_TEXT(up[0]));
	return ERR_OK;
}

enum err
meeting_plan_list(struct db *db, const struct who *w, int64_t org_id, int32_t year,
    int32_t month_key, struct arena *a, void (*fn)(void *ctx, const struct meeting_plan *p),
    void *ctx)
{
	struct buf sql = BUF_INIT(8192);
	struct db_args args = { 0 };
	char up[SCOPE_MAX][256];
	struct db_rows r;
	enum err e;

	buf_adds(&sql, "SELECT p.id, p.org_id, o.name, p.kind, p.theme, p.planned_on, p.topic,"
	    " COALESCE(p.meeting_id, 0) FROM meeting_plan p JOIN org o ON o.id = p.org_id"
	    " WHERE 1=1");
	e = subtree_where(db, w, org_id, "p.org_path", a, &sql, &args, up);
	if (!e && year) {
		buf_adds(&sql, " AND p.year = ?");
		db_args_add(&args, DB_I64(year));
	}
	if (!e && month_key) {
		buf_adds(&sql, " AND p.month_key = ?");
		db_args_add(&args, DB_I64(month_key));
	}
	buf_adds(&sql, " ORDER BY p.planned_on, p.id");
	if (!e)
		e = db_queryv(db, &r, buf_str(&sql), &args);
	buf_release(&sql);
	if (e)
		return e;
	while ((e = db_next(&r)) == ERR_OK) {
		struct meeting_plan p;

		p.id = db_i64(&r, 0);
		p.org_id = db_i64(&r, 1);
		p.org_name = arena_strdup(a, db_text(&r, 2));
		p.kind = arena_strdup(a, db_text(&r, 3));
		p.theme = arena_strdup(a, db_text(&r, 4));
		p.planned_on = arena_strdup(a, db_text(&r, 5));
		p.topic = arena_strdup(a, db_text(&r, 6));
		p.meeting_id = db_i64(&r, 7);
		fn(ctx, &p);
	}
	db_rows_close(&r);
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}

struct days {
	struct meeting_day *v;
	int n, cap;
	struct arena *a;
};

static void
days_add(struct days *d, int32_t day, const char *what, const char *kind, const char *topic,
    int64_t id)
{
	if (d->n == d->cap) {
		struct meeting_day *nv;

		d->cap = d->cap ? 2 * d->cap : 64;
		nv = arena_alloc(d->a, sizeof(*nv) * (size_t)d->cap);
		if (d->n)
			memcpy(nv, d->v, sizeof(*nv) * (size_t)d->n);
		d->v = nv;
	}
	d->v[d->n++] = (struct meeting_day){ day, what, arena_strdup(d->a, kind),
		arena_strdup(d->a, topic), id };
}

static int
day_cmp(const void *x, const void *y)
{
	const struct meeting_day *a = x, *b = y;

	if (a->day != b->day)
		return a->day < b->day ? -1 : 1;
	return a->id < b->id ? -1 : a->id > b->id;
}

/* Runs one calendar query (its first four columns: id, kind, topic, day or
 * date) and adds its rows. */
static enum err
calendar_rows(struct db *db, const char *sql, const struct db_args *args, struct days *d,
    int planned)
{
	int64_t now = datetime_now();
	struct db_rows r;
	enum err e = db_queryv(db, &r, sql, args);

	if (e)
		return e;
	while ((e = db_next(&r)) == ERR_OK) {
		int32_t day = 0;

		if (planned) {
			date_parse(db_text(&r, 3), &day);
			days_add(d, day, "planned", db_text(&r, 1), db_text(&r, 2), db_i64(&r, 0));
			if (!db_i64(&r, 4) && day < date_today())
				days_add(d, day, "missing", db_text(&r, 1), db_text(&r, 2), db_i64(&r, 0));
		} else {
			day = (int32_t)db_i64(&r, 3);
			days_add(d, day, db_i64(&r, 4) <= now ? "held" : "scheduled", db_text(&r, 1),
			    db_text(&r, 2), db_i64(&r, 0));
		}
	}
	db_rows_close(&r);
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}

enum err
meeting_calendar(struct db *db, const struct who *w, int64_t org_id, int32_t month_key,
    struct arena *a, void (*fn)(void *ctx, const struct meeting_day *d), void *ctx)
{
	struct buf sql = BUF_INIT(8192);
	struct db_args args = { 0 };
	char up[SCOPE_MAX][256];
	struct days d = { .a = a };
	enum err e;

	/* Missing: no meeting of the plan's kind by its organization that month. */
	buf_adds(&sql, "SELECT p.id, p.kind, p.topic, p.planned_on, (SELECT COUNT(*) FROM meeting mt"
	    " WHERE mt.org_id = p.org_id AND mt.kind = p.kind AND mt.month_key = p.month_key)"
	    " FROM meeting_plan p WHERE p.month_key = ?");
	db_args_add(&args, DB_I64(month_key));
	e = subtree_where(db, w, org_id, "p.org_path", a, &sql, &args, up);
	if (!e)
		e = calendar_rows(db, buf_str(&sql), &args, &d, 1);
	buf_reset(&sql);
	args.n = 0;
	buf_adds(&sql, "SELECT m.id, m.kind, m.topic, m.day, m.held_at FROM meeting m"
	    " WHERE m.month_key = ?");
	db_args_add(&args, DB_I64(month_key));
	if (!e)
		e = subtree_where(db, w, org_id, "m.org_path", a, &sql, &args, up);
	if (!e)
		e = calendar_rows(db, buf_str(&sql), &args, &d, 0);
	buf_release(&sql);
	if (e)
		return e;
	if (d.n)
		qsort(d.v, (size_t)d.n, sizeof(*d.v), day_cmp);
	for (int i = 0; i < d.n; i++)
		fn(ctx, &d.v[i]);
	return ERR_OK;
}

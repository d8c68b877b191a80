/* record_store.c: members' study records and reading sessions (书香红岩),
 * each new record passed through the points engine (points.h) inside the
 * transaction that stores it with its audit row. */
#include "core/common.h"
#include "study/study.h"

#include "auth/audit.h"
#include "auth/scope.h"
#include "core/arena.h"
#include "core/config.h"
#include "core/dates.h"
#include "party/org.h"
#include "study/points.h"

#define DAY_MIN 1440
#define HAVE_MAX 4096	/* records of a member near one day that the engine compares */

/* A new record for the engine and the insert. */
struct rec_new {
	int64_t member_id, item_id, reading_id, start, minutes;
	const char *org_path, *title, *kind, *note, *key;
};

static enum err
load_rule(struct db *db, const char *kind, struct points_rule *rule)
{
	struct db_rows r;
	enum err e;

	e = db_query(db, &r, "SELECT per_record, block_minutes, per_block, daily_cap, enabled"
	    " FROM study_point_rule WHERE kind = ?", DB_TEXT(kind), DB_END);
	if (e)
		return e;
	if ((e = db_next(&r)) == ERR_OK)
		*rule = (struct points_rule){ kind, db_i64(&r, 0), db_i64(&r, 1), db_i64(&r, 2),
			db_i64(&r, 3), (int)db_i64(&r, 4) };
	db_rows_close(&r);
	if (e == ERR_NOT_FOUND) {	/* a kind without a rule earns nothing */
		*rule = (struct points_rule){ kind, 0, 0, 0, 0, 0 };
		e = ERR_OK;
	}
	return e;
}

/* The member's records that can matter to rec: near its day, or entered
 * within the burst window. */
static enum err
load_near(struct db *db, const struct rec_new *rec, int64_t now, struct arena *a,
    struct points_rec **have, int *n)
{
	int64_t day0 = rec->start - ((rec->start % DAY_MIN) + DAY_MIN) % DAY_MIN;
	struct db_rows r;
	enum err e;

	*have = arena_alloc(a, sizeof(**have) * HAVE_MAX);
	*n = 0;
	e = db_query(db, &r, "SELECT started_min, minutes, created_min, COALESCE('item:' ||"
	    " CAST(item_id AS TEXT), title) FROM study_record WHERE member_id = ? AND"
	    " ((started_min >= ? AND started_min < ?) OR created_min > ?)",
	    DB_I64(rec->member_id), DB_I64(day0 - DAY_MIN), DB_I64(day0 + 2 * DAY_MIN),
	    DB_I64(now - cfg.study_burst_minutes), DB_END);
	if (e)
		return e;
	while (*n < HAVE_MAX && (e = db_next(&r)) == ERR_OK)
		(*have)[(*n)++] = (struct points_rec){ db_i64(&r, 0), db_i64(&r, 1), db_i64(&r, 2),
			arena_strdup(a, db_text(&r, 3)) };
	db_rows_close(&r);
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}

static enum err
insert_rec(struct db *db, const struct who *w, const struct rec_new *rec, int64_t now,
    const struct study_result *res, int64_t *id)
{
	char at[17], day[11];
	enum err e;

	datetime_format(rec->start, at);
	date_format((int32_t)((rec->start - ((rec->start % DAY_MIN) + DAY_MIN) % DAY_MIN) / DAY_MIN),
	    day);
	e = db_exec(db, "INSERT INTO study_record (member_id, org_path, item_id, reading_id, title,"
	    " kind, started_min, started_at, minutes, day, year, note, points, status, flag,"
	    " created_by, created_min, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
	    DB_I64(rec->member_id), DB_TEXT(rec->org_path),
	    rec->item_id ? DB_I64(rec->item_id) : DB_NULL,
	    rec->reading_id ? DB_I64(rec->reading_id) : DB_NULL, DB_TEXT(rec->title),
	    DB_TEXT(rec->kind), DB_I64(rec->start), DB_TEXT(at), DB_I64(rec->minutes), DB_TEXT(day),
	    DB_I64(strtol(day, NULL, 10)), DB_TEXT(rec->note ? rec->note : ""), DB_I64(res->points),
	    DB_TEXT(res->status), res->flag ? DB_TEXT(res->flag) : DB_NULL,
	    w->user_id ? DB_I64(w->user_id) : DB_NULL, DB_I64(now), DB_I64(time(NULL)), DB_END);
	if (!e)
		*id = db_last_id(db);
	return e;
}

/* Runs the engine on rec and stores it (inside the caller's transaction).
 * refuse: a refusal is ERR_INVALID (the member's own entry); otherwise it
 * is stored flagged with its reason (a reading session's attendance). */
static enum err
apply(struct db *db, const struct who *w, const struct rec_new *rec, int refuse,
    struct problem *pb, int64_t *id, struct study_result *res)
{
	struct points_limits lim = { cfg.study_backdate_days, cfg.study_burst_n,
		cfg.study_burst_minutes };
	int64_t now = datetime_now(), earned = 0;
	struct arena a = ARENA_INIT;
	struct points_rule rule;
	struct points_rec *have, one = { rec->start, rec->minutes, now, rec->key };
	enum points_reason why;
	const char *field;
	char day[11], after[256];
	enum err e;
	int n;

	if ((e = load_near(db, rec, now, &a, &have, &n)) || (e = load_rule(db, rec->kind, &rule)))
		goto out;
	why = points_check(&lim, &one, have, n, now, &field);
	if (why != PR_OK && points_refuses(why) && refuse) {
		problem_field(pb, field, "%s", points_reason_message(why));
		e = problem_set(pb, ERR_INVALID, points_reason_code(why), points_reason_message(why));
		goto out;
	}
	*res = (struct study_result){ 0, "flagged", points_reason_code(why) };
	if (why == PR_OK) {
		datetime_format(rec->start, after);
		snprintf(day, sizeof(day), "%.10s", after);
		e = db_get_i64(db, &earned, "SELECT COALESCE(SUM(points), 0) FROM study_record WHERE"
		    " member_id = ? AND kind = ? AND day = ? AND status = 'counted'",
		    DB_I64(rec->member_id), DB_TEXT(rec->kind), DB_TEXT(day), DB_END);
		*res = (struct study_result){ points_award(&rule, rec->minutes, earned), "counted",
			NULL };
	}
	if (!e)
		e = insert_rec(db, w, rec, now, res, id);
	snprintf(after, sizeof(after), "{\"member_id\":%" PRId64 ",\"kind\":\"%s\",\"minutes\":%"
	    PRId64 ",\"points\":%" PRId64 ",\"status\":\"%s\"}", rec->member_id, rec->kind,
	    rec->minutes, res->points, res->status);
	if (!e)
		e = audit_write(db, w, "create", "study_record", *id, NULL, after, 1);
out:
	arena_release(&a);
	return e;
}

static enum err
member_path(struct db *db, int64_t member_id, struct arena *a, const char **path)
{
	struct db_rows r;
	enum err e;

	e = db_query(db, &r, "SELECT org_path FROM member WHERE id = ? AND state = 'active'",
	    DB_I64(member_id), DB_END);
	if (e)
		return e;
	if ((e = db_next(&r)) == ERR_OK)
		*path = arena_strdup(a, db_text(&r, 0));
	db_rows_close(&r);
	return e;
}

enum err
study_record_add(struct db *db, const struct who *w, const struct study_record_in *in,
    struct problem *pb, int64_t *id, struct study_result *res)
{
	struct rec_new rec = { w->member_id, in->item_id, 0, 0, in->minutes, NULL, in->title,
		in->kind, in->note, NULL };
	struct arena a = ARENA_INIT;
	struct study_item it;
	enum err e;

	if (datetime_parse(in->started_at, &rec.start))
		problem_field(pb, "started_at", "应为时间 YYYY-MM-DDTHH:MM");
	if (in->item_id && study_item_get(db, w, in->item_id, &a, &it))
		problem_field(pb, "item_id", "学习资料不存在");
	else if (in->item_id && !rec.title)
		rec.title = it.title;
	if (!rec.title)
		problem_field(pb, "title", "请填写学习内容或选择学习资料");
	rec.key = in->item_id ? arena_printf(&a, "item:%" PRId64, in->item_id) : rec.title;
	if ((e = pb->nfields ? ERR_INVALID : ERR_OK))
		goto out;
	if (!w->member_id || member_path(db, w->member_id, &a, &rec.org_path)) {
		e = problem_set(pb, ERR_FORBIDDEN, "not_member", "只有在册党员本人可以记录学习");
		goto out;
	}
	if ((e = db_begin(db)))
		goto out;
	e = db_end(db, apply(db, w, &rec, 1, pb, id, res));
out:
	arena_release(&a);
	return e;
}

#define REC_COLS "r.id, r.member_id, COALESCE(r.item_id, 0), COALESCE(r.reading_id, 0)," \
	" r.minutes, r.points, r.created_at, m.name, r.title, r.kind, r.started_at, r.day," \
	" r.note, r.status, r.flag"

static enum err
record_where(struct db *db, const struct who *w, const struct study_record_filter *f,
    struct arena *a, struct buf *sql, struct db_args *args, char (*up)[256])
{
	struct org o;

	buf_adds(sql, " FROM study_record r JOIN member m ON m.id = r.member_id WHERE 1=1");
	if (w->role == ROLE_MEMBER) {
		buf_adds(sql, " AND r.member_id = ?");	/* a member sees only their own */
		db_args_add(args, DB_I64(w->member_id));
	} else if (f->org_id) {
		if (org_get(db, w, f->org_id, a, &o))
			return ERR_NOT_FOUND;
		scope_path_upper(o.path, up[0]);
		buf_adds(sql, " AND r.org_path >= ? AND r.org_path < ?");
		db_args_add(args, DB_TEXT(o.path));
		db_args_add(args, DB_TEXT(up[0]));
	} else {
		scope_sql(sql, args, w, "r.org_path", up);
	}
	if (f->member_id) {
		buf_adds(sql, " AND r.member_id = ?");
		db_args_add(args, DB_I64(f->member_id));
	}
	if (f->from) {
		buf_adds(sql, " AND r.day >= ?");
		db_args_add(args, DB_TEXT(f->from));
	}
	if (f->to) {
		buf_adds(sql, " AND r.day <= ?");
		db_args_add(args, DB_TEXT(f->to));
	}
	if (f->kind) {
		buf_adds(sql, " AND r.kind = ?");
		db_args_add(args, DB_TEXT(f->kind));
	}
	if (f->status) {
		buf_adds(sql, " AND r.status = ?");
		db_args_add(args, DB_TEXT(f->status));
	}
	return ERR_OK;
}

enum err
study_record_list(struct db *db, const struct who *w, const struct study_record_filter *f,
    void (*fn)(void *ctx, const struct study_record *r), void *ctx, int64_t *total)
{
	struct buf where = BUF_INIT(8192);
	struct db_args args = { 0 };
	char up[SCOPE_MAX][256];
	struct arena a = ARENA_INIT;
	struct db_rows r;
	enum err e;

	if ((e = record_where(db, w, f, &a, &where, &args, up)))
		goto out;
	e = study_page_open(db, REC_COLS, buf_str(&where), "r.started_min DESC, r.id DESC", &args,
	    f->page, f->per_page, total, &r);
	if (e)
		goto out;
	while ((e = db_next(&r)) == ERR_OK) {
		struct study_record x = { db_i64(&r, 0), db_i64(&r, 1), db_i64(&r, 2), db_i64(&r, 3),
			db_i64(&r, 4), db_i64(&r, 5), db_i64(&r, 6), db_text(&r, 7), db_text(&r, 8),
			db_text(&r, 9), db_text(&r, 10), db_text(&r, 11), db_text(&r, 12),
			db_text(&r, 13), db_text(&r, 14) };

		fn(ctx, &x);
	}
	db_rows_close(&r);
	e = e == ERR_NOT_FOUND ? ERR_OK : e;
out:
	arena_release(&a);
	buf_release(&where);
	return e;
}

/* --- reading sessions --- */

enum err
study_reading_create(struct db *db, const struct who *w, const struct study_reading_in *in,
    struct problem *pb, int64_t *id)
{
	struct arena a = ARENA_INIT;
	int64_t at = 0;
	struct org o;
	char day[11];
	enum err e;

	if (org_get(db, w, in->org_id, &a, &o))
		problem_field(pb, "org_id", "组织不存在或不在管理范围内");
	if (datetime_parse(in->held_at, &at))
		problem_field(pb, "held_at", "应为时间 YYYY-MM-DDTHH:MM");
	if ((e = pb->nfields ? ERR_INVALID : db_begin(db)))
		goto out;
	snprintf(day, sizeof(day), "%.10s", in->held_at);
	e = db_exec(db, "INSERT INTO study_reading (org_id, org_path, book, host, held_at, held_min,"
	    " held_on, minutes, summary, created_by, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
	    DB_I64(in->org_id), DB_TEXT(o.path), DB_TEXT(in->book), DB_TEXT(in->host),
	    DB_TEXT(in->held_at), DB_I64(at), DB_TEXT(day), DB_I64(in->minutes),
	    DB_TEXT(in->summary ? in->summary : ""), w->user_id ? DB_I64(w->user_id) : DB_NULL,
	    DB_I64(time(NULL)), DB_END);
	if (!e) {
		*id = db_last_id(db);
		e = audit_write(db, w, "create", "study_reading", *id, NULL,
		    arena_printf(&a, "{\"org_id\":%" PRId64 ",\"held_at\":\"%s\"}", in->org_id,
		    in->held_at), 1);
	}
	e = db_end(db, e);
out:
	arena_release(&a);
	return e;
}

#define READING_COLS "s.id, s.org_id, s.minutes, (SELECT COUNT(*) FROM study_reading_member x" \
	" WHERE x.reading_id = s.id AND x.present = 1), s.created_at, o.name, s.book, s.host," \
	" s.held_at, s.summary, s.org_path, s.held_min"

static void
reading_row(struct db_rows *r, struct arena *a, struct study_reading *s)
{
	s->id = db_i64(r, 0);
	s->org_id = db_i64(r, 1);
	s->minutes = db_i64(r, 2);
	s->present = db_i64(r, 3);
	s->created_at = db_i64(r, 4);
	s->org_name = arena_strdup(a, db_text(r, 5));
	s->book = arena_strdup(a, db_text(r, 6));
	s->host = arena_strdup(a, db_text(r, 7));
	s->held_at = arena_strdup(a, db_text(r, 8));
	s->summary = arena_strdup(a, db_text(r, 9));
}

/* A session in w's scope (members: their branch's), its path and start. */
static enum err
reading_load(struct db *db, const struct who *w, int64_t id, struct arena *a,
    struct study_reading *s, const char **path, int64_t *held_min)
{
	struct buf sql = BUF_INIT(4096);
	struct db_args args = { 0 };
	char up[SCOPE_MAX][256];
	struct db_rows r;
	enum err e;

	buf_adds(&sql, "SELECT " READING_COLS " FROM study_reading s JOIN org o ON o.id = s.org_id"
	    " WHERE s.id = ?");
	db_args_add(&args, DB_I64(id));
	scope_sql(&sql, &args, w, "s.org_path", up);
	e = db_queryv(db, &r, buf_str(&sql), &args);
	buf_release(&sql);
	if (e)
		return e;
	if ((e = db_next(&r)) == ERR_OK) {
		reading_row(&r, a, s);
		if (path)
			*path = arena_strdup(a, db_text(&r, 10));
		if (held_min)
			*held_min = db_i64(&r, 11);
	}
	db_rows_close(&r);
	return e;
}

enum err
study_reading_get(struct db *db, const struct who *w, int64_t id, struct arena *a,
    struct study_reading *s)
{
	return reading_load(db, w, id, a, s, NULL, NULL);
}

/* Each member must be active in the session's organization subtree. */
static void
check_attendees(struct db *db, const char *path, const int64_t *ids, int n, struct problem *pb)
{
	char up[256];

	scope_path_upper(path, up);
	for (int i = 0; i < n; i++) {
		int64_t k = 0;

		for (int j = 0; j < i; j++)
			if (ids[j] == ids[i])
				problem_field(pb, "member_ids", "党员重复：%" PRId64, ids[i]);
		if (db_get_i64(db, &k, "SELECT COUNT(*) FROM member WHERE id = ? AND state = 'active'"
		    " AND org_path >= ? AND org_path < ?", DB_I64(ids[i]), DB_TEXT(path), DB_TEXT(up),
		    DB_END) || !k)
			problem_field(pb, "member_ids", "党员 %" PRId64 " 不属于本次读书会的组织",
			    ids[i]);
	}
}

static enum err
attend_one(struct db *db, const struct who *w, const struct study_reading *s, int64_t held_min,
    int64_t member_id, struct arena *a)
{
	struct rec_new rec = { member_id, 0, s->id, held_min, s->minutes, NULL,
		arena_printf(a, "读书会：《%s》", s->book), "reading_session", NULL, NULL };
	struct study_result res;
	struct problem pb = { 0 };
	int64_t rid = 0;
	enum err e;

	rec.key = arena_printf(a, "reading:%" PRId64, s->id);
	if ((e = member_path(db, member_id, a, &rec.org_path)))
		return e;
	e = db_exec(db, "INSERT INTO study_reading_member (reading_id, member_id, present)"
	    " VALUES (?,?,1)", DB_I64(s->id), DB_I64(member_id), DB_END);
	return e ? e : apply(db, w, &rec, 0, &pb, &rid, &res);
}

enum err
study_reading_attend(struct db *db, const struct who *w, int64_t id, const int64_t *ids, int n,
    struct problem *pb)
{
	struct arena a = ARENA_INIT;
	struct study_reading s;
	const char *path = NULL;
	int64_t held = 0, have = 0;
	enum err e;

	if ((e = db_begin(db)))
		return e;
	if ((e = reading_load(db, w, id, &a, &s, &path, &held)))
		goto out;
	if ((e = db_get_i64(db, &have, "SELECT COUNT(*) FROM study_reading_member WHERE"
	    " reading_id = ?", DB_I64(id), DB_END)))
		goto out;
	if (have) {
		e = problem_set(pb, ERR_CONFLICT, "attendance_set", "本次读书会的出席情况已登记");
		goto out;
	}
	check_attendees(db, path, ids, n, pb);
	if (held + s.minutes > datetime_now())
		problem_field(pb, "member_ids", "读书会结束后才能登记出席");
	e = pb->nfields ? ERR_INVALID : ERR_OK;
	for (int i = 0; i < n && !e; i++)
		e = attend_one(db, w, &s, held, ids[i], &a);
	if (!e)
		e = audit_write(db, w, "attend", "study_reading", id, NULL,
		    arena_printf(&a, "{\"present\":%d}", n), 1);
out:
	arena_release(&a);
	return db_end(db, e);
}

enum err
study_reading_reflect(struct db *db, const struct who *w, int64_t id, const char *text,
    struct problem *pb)
{
	enum err e;

	if (!w->member_id)
		return problem_set(pb, ERR_FORBIDDEN, "not_member", "只有参加读书会的党员本人可以写心得");
	if ((e = db_begin(db)))
		return e;
	e = db_exec(db, "UPDATE study_reading_member SET reflection = ? WHERE reading_id = ? AND"
	    " member_id = ? AND present = 1", DB_TEXT(text), DB_I64(id), DB_I64(w->member_id), DB_END);
	if (!e && db_changes(db) != 1)
		e = ERR_NOT_FOUND;	/* not an attendee: nothing to see */
	if (!e)
		e = audit_write(db, w, "reflect", "study_reading", id, NULL, NULL, 1);
	return db_end(db, e);
}

enum err
study_reading_attendees(struct db *db, int64_t id, struct arena *a,
    void (*fn)(void *ctx, const struct study_attendee *at), void *ctx)
{
	struct db_rows r;
	enum err e;

	(void)a;
	e = db_query(db, &r, "SELECT x.member_id, COALESCE(sr.id, 0), COALESCE(sr.points, 0),"
	    " m.name, x.reflection, sr.status, sr.flag, x.present FROM study_reading_member x"
	    " JOIN member m ON m.id = x.member_id LEFT JOIN study_record sr ON sr.reading_id ="
	    " x.reading_id AND sr.member_id = x.member_id WHERE x.reading_id = ? ORDER BY m.name",
	    DB_I64(id), DB_END);
	if (e)
		return e;
	while ((e = db_next(&r)) == ERR_OK) {
		struct study_attendee at = { db_i64(&r, 0), db_i64(&r, 1), db_i64(&r, 2),
			db_text(&r, 3), db_text(&r, 4), db_text(&r, 5), db_text(&r, 6),
			(int)db_i64(&r, 7) };

		fn(ctx, &at);
	}
	db_rows_close(&r);
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}

enum err
study_reading_list(struct db *db, const struct who *w, int64_t org_id, int64_t page,
    int64_t per_page, void (*fn)(void *ctx, const struct study_reading *r), void *ctx,
    int64_t *total)
{
	struct buf where = BUF_INIT(4096);
	struct db_args args = { 0 };
	char up[SCOPE_MAX][256], sub[256];
	struct arena a = ARENA_INIT;
	struct db_rows r;
	struct org o;
	enum err e = ERR_OK;

	buf_adds(&where, " FROM study_reading s JOIN org o ON o.id = s.org_id WHERE 1=1");
	scope_sql(&where, &args, w, "s.org_path", up);
	if (org_id && (e = org_get(db, w, org_id, &a, &o)))
		goto out;
	if (org_id) {
		scope_path_upper(o.path, sub);
		buf_adds(&where, " AND s.org_path >= ? AND s.org_path < ?");
		db_args_add(&args, DB_TEXT(o.path));
		db_args_add(&args, DB_TEXT(sub));
	}
	e = study_page_open(db, READING_COLS, buf_str(&where), "s.held_min DESC, s.id DESC", &args,
	    page, per_page, total, &r);
	if (e)
		goto out;
	while ((e = db_next(&r)) == ERR_OK) {
		struct study_reading s;

		reading_row(&r, &a, &s);
		fn(ctx, &s);
	}
	db_rows_close(&r);
	e = e == ERR_NOT_FOUND ? ERR_OK : e;
out:
	arena_release(&a);
	buf_release(&where);
	return e;
}

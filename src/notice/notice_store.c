/* notice_store.c: the SQL of announcements. The audience is a set of
 * disjoint organization subtrees (notice_org); the accounts it reaches are
 * one join (AUDIENCE_SQL), so publishing to the whole district writes its
 * notifications in one INSERT … SELECT and the readers' list pages in SQL. */
#include "core/common.h"
#include "notice/notice.h"
#include "desk/notify.h"

#include "auth/audit.h"
#include "auth/scope.h"
#include "core/buf.h"
#include "db/db.h"
#include "http/json_out.h"
#include "party/org.h"

/* The accounts a notice reaches now: members in its subtrees through
 * their account (app_user.member_id), and the secretaries, principals
 * and inspectors with a scope root in them; the author excepted. Columns
 * uid, mid, name, role, org_id, nid (the notice). Staff are found from
 * user_scope, which holds only scoped staff (CROSS JOIN keeps SQLite from
 * indexing all of app_user per query). One bind: the notice id,
 * so "SELECT uid FROM (" AUDIENCE_SQL ")" suits a one-argument user query
 * (notify_select() of the notify helper, when it lands). */
#define AUDIENCE_SQL \
	"WITH nt AS (SELECT id, author_id FROM notice WHERE id = ?)" \
	" SELECT u.id AS uid, m.id AS mid, m.name AS name, u.role AS role, m.org_id AS org_id," \
	" nt.id AS nid FROM nt JOIN notice_org o ON o.notice_id = nt.id JOIN member m" \
	" ON m.state = 'active' AND m.org_path >= o.path AND m.org_path < o.upper" \
	" JOIN app_user u ON u.member_id = m.id AND u.role = 'member' AND u.disabled = 0" \
	" AND u.id <> nt.author_id" \
	" UNION ALL SELECT u.id, NULL, u.username, u.role, MIN(r.id), MIN(nt.id) FROM nt" \
	" CROSS JOIN user_scope s CROSS JOIN app_user u ON u.id = s.user_id AND u.disabled = 0" \
	" AND u.role IN ('secretary', 'principal', 'inspector') AND u.id <> nt.author_id" \
	" JOIN org r ON r.id = s.org_id WHERE EXISTS (SELECT 1 FROM notice_org o" \
	" WHERE o.notice_id = nt.id AND r.path >= o.path AND r.path < o.upper) GROUP BY u.id"

/* The same accounts without a read receipt (one bind: the notice id). */
#define UNREAD_SQL \
	"SELECT a.uid AS uid FROM (" AUDIENCE_SQL ") a WHERE NOT EXISTS (SELECT 1" \
	" FROM notice_read r WHERE r.notice_id = a.nid AND r.user_id = a.uid)"

/* "EXISTS (the caller is in notice n's audience)" for a member or scoped
 * staff; binds one value (member id or user id). District staff and
 * others are in no audience ("0"). */
static const char *
addressed_sql(const struct who *w, struct db_args *a)
{
	if (w->role == ROLE_MEMBER && w->member_id) {
		db_args_add(a, DB_I64(w->member_id));
		return "EXISTS (SELECT 1 FROM notice_org o JOIN member m ON m.id = ?"
		    " AND m.state = 'active' AND m.org_path >= o.path AND m.org_path < o.upper"
		    " WHERE o.notice_id = n.id)";
	}
	if (w->role == ROLE_SECRETARY || w->role == ROLE_PRINCIPAL || w->role == ROLE_INSPECTOR) {
		db_args_add(a, DB_I64(w->user_id));
		return "EXISTS (SELECT 1 FROM notice_org o JOIN user_scope s ON s.user_id = ?"
		    " JOIN org r ON r.id = s.org_id AND r.path >= o.path AND r.path < o.upper"
		    " WHERE o.notice_id = n.id)";
	}
	return "0";
}

#define NOTICE_COLS "n.id, n.author_id, COALESCE(n.published_at, 0), n.addressed, n.read_n," \
	" n.created_at, n.updated_at, COALESCE(rd.at, 0), n.kind, n.title, n.body, n.audience," \
	" n.state, COALESCE(au.username, ''), COALESCE(au.role, ''), n.must_read"
#define NOTICE_FROM " FROM notice n LEFT JOIN app_user au ON au.id = n.author_id" \
	" LEFT JOIN notice_read rd ON rd.notice_id = n.id AND rd.user_id = ?"

static void
from_row(struct db_rows *r, struct arena *a, struct notice *n, int with_body)
{
	n->id = db_i64(r, 0);
	n->author_id = db_i64(r, 1);
	n->published_at = db_i64(r, 2);
	n->addressed = db_i64(r, 3);
	n->read_n = db_i64(r, 4);
	n->created_at = db_i64(r, 5);
	n->updated_at = db_i64(r, 6);
	n->read_at = db_i64(r, 7);
	n->kind = arena_strdup(a, db_text(r, 8));
	n->title = arena_strdup(a, db_text(r, 9));
	n->body = with_body ? arena_strdup(a, db_text(r, 10)) : NULL;
	n->audience = arena_strdup(a, db_text(r, 11));
	n->state = arena_strdup(a, db_text(r, 12));
	n->author = arena_strdup(a, db_text(r, 13));
	n->author_role = arena_strdup(a, db_text(r, 14));
	n->must_read = (int)db_i64(r, 15);
}

/* Whether w is in notice id's audience now. */
static enum err
is_addressed(struct db *db, const struct who *w, int64_t id, int *yes)
{
	struct db_args a = { 0 };
	struct buf sql = BUF_INIT(1024);
	int64_t v = 0;
	enum err e;

	buf_adds(&sql, "SELECT 1 FROM notice n WHERE n.id = ? AND n.author_id <> ? AND ");
	db_args_add(&a, DB_I64(id));
	db_args_add(&a, DB_I64(w->user_id));
	buf_adds(&sql, addressed_sql(w, &a));
	e = db_get_i64v(db, &v, buf_str(&sql), &a);
	buf_release(&sql);
	*yes = !e && v;
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}

enum err
notice_get(struct db *db, const struct who *w, int64_t id, struct arena *a, struct notice *n)
{
	struct db_rows r;
	int visible;
	enum err e;

	if ((e = db_query(db, &r, "SELECT " NOTICE_COLS NOTICE_FROM " WHERE n.id = ?",
	    DB_I64(w->user_id), DB_I64(id), DB_END)))
		return e;
	if (!(e = db_next(&r)))
		from_row(&r, a, n, 1);
	db_rows_close(&r);
	if (e)
		return e;
	n->author_side = notice_author_side(w, n->author_id);
	n->addressed_to_me = 0;
	if (!strcmp(n->state, "draft"))
		return w->user_id == n->author_id ? ERR_OK : ERR_NOT_FOUND;
	if ((e = is_addressed(db, w, id, &n->addressed_to_me)))
		return e;
	visible = n->author_side || n->addressed_to_me ||
	    (w->role == ROLE_DISTRICT && !strcmp(n->audience, "district"));
	return visible ? ERR_OK : ERR_NOT_FOUND;
}

/* The console path a notification opens. */
static const char *
notice_link(struct arena *a, int64_t id)
{
	return arena_printf(a, "/notices?id=%" PRId64, id);
}

/* The receipt of an addressed caller, its counter, the caller's
 * notifications of it marked read, and the audit row. */
static enum err
write_receipt(struct db *db, const struct who *w, int64_t id, struct arena *a)
{
	int64_t now = time(NULL);
	enum err e;

	if ((e = db_begin(db)))
		return e;
	e = db_exec(db, "INSERT INTO notice_read (notice_id, user_id, at) VALUES (?, ?, ?)"
	    " ON CONFLICT DO NOTHING", DB_I64(id), DB_I64(w->user_id), DB_I64(now), DB_END);
	if (!e && db_changes(db) == 0)
		return db_end(db, ERR_OK);	/* a parallel request wrote it first */
	if (!e)
		e = db_exec(db, "UPDATE notice SET read_n = read_n + 1 WHERE id = ?", DB_I64(id),
		    DB_END);
	if (!e)
		e = db_exec(db, "UPDATE notification SET read_at = ? WHERE user_id = ?"
		    " AND read_at IS NULL AND kind = 'announcement' AND link = ?", DB_I64(now),
		    DB_I64(w->user_id), DB_TEXT(notice_link(a, id)), DB_END);
	if (!e)
		e = audit_write(db, w, "read", "notice", id, NULL, NULL, 1);
	return db_end(db, e);
}

enum err
notice_open(struct db *db, const struct who *w, int64_t id, struct arena *a, struct notice *n)
{
	enum err e = notice_get(db, w, id, a, n);

	if (e || !n->addressed_to_me || n->read_at)
		return e;
	if ((e = write_receipt(db, w, id, a)))
		return e;
	return notice_get(db, w, id, a, n);
}

/* Notifies the accounts of notice id's audience (only the unread when
 * unread_only) through notify_select(): one INSERT … SELECT, and the
 * e-mails of those who chose them queued with it; *n gets how many. */
static enum err
notify_audience(struct db *db, int64_t id, const char *title, const char *link,
    int unread_only, int64_t *n)
{
	int64_t before = 0;
	enum err e;

	*n = 0;
	e = db_get_i64(db, &before, "SELECT COALESCE(MAX(id), 0) FROM notification", DB_END);
	if (!e)
		e = notify_select(db, "announcement", unread_only ? UNREAD_SQL :
		    "SELECT uid FROM (" AUDIENCE_SQL ")", id, title, link);
	if (!e)
		e = db_get_i64(db, n, "SELECT COUNT(*) FROM notification WHERE id > ?",
		    DB_I64(before), DB_END);
	return e;
}

/* The bell's line: "【必读】通知公告：title". */
static const char *
bell_title(struct arena *a, const char *kind, const char *title, int must_read, int remind)
{
	return arena_printf(a, "%s%s%s：%s", remind ? "【提醒】" : "", must_read ? "【必读】" : "",
	    !strcmp(kind, "disclosure") ? "党务公开" : "通知公告", title);
}

/* Inside a transaction: publishes draft id and notifies its audience. */
static enum err
publish_in(struct db *db, int64_t id, const char *kind, const char *title,
    int must_read, struct arena *a, int64_t *addressed)
{
	int64_t now = time(NULL);
	enum err e;

	e = notify_audience(db, id, bell_title(a, kind, title, must_read, 0), notice_link(a, id),
	    0, addressed);
	if (!e)
		e = db_exec(db, "UPDATE notice SET state = 'published', published_at = ?,"
		    " addressed = ?, updated_at = ? WHERE id = ?", DB_I64(now), DB_I64(*addressed),
		    DB_I64(now), DB_I64(id), DB_END);
	return e;
}

/* The audience's organizations of in, checked in w's scope: org rows'
 * ids and paths into ids/paths (n of them); bad ones named in pb. */
static enum err
resolve_orgs(struct db *db, const struct who *w, const struct notice_in *in, struct arena *a,
    int64_t *ids, const char **paths, int *n, struct problem *pb)
{
	struct db_rows r;
	struct org o;
	enum err e;

	*n = 0;
	if (!strcmp(in->audience, "org")) {
		if (org_get(db, w, in->org_id, a, &o))
			return problem_field(pb, "org_id", "组织不存在");
		ids[0] = o.id;
		paths[(*n)++] = o.path;
		return ERR_OK;
	}
	if (!strcmp(in->audience, "schools")) {
		for (int i = 0; i < in->norg_ids; i++) {
			if (org_get(db, w, in->org_ids[i], a, &o))
				return problem_field(pb, "org_ids", "组织 %" PRId64 " 不存在",
				    in->org_ids[i]);
			if (!o.school_id)
				return problem_field(pb, "org_ids", "“%s”不是学校的党组织", o.name);
			ids[*n] = o.id;
			paths[(*n)++] = o.path;
		}
		return ERR_OK;
	}
	/* The whole district: every root (a city database holds several). */
	if ((e = db_query(db, &r, "SELECT id, path FROM org WHERE parent_id IS NULL ORDER BY id",
	    DB_END)))
		return e;
	while (*n < NOTICE_ORGS_MAX && (e = db_next(&r)) == ERR_OK) {
		ids[*n] = db_i64(&r, 0);
		paths[(*n)++] = arena_strdup(a, db_text(&r, 1));
	}
	db_rows_close(&r);
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}

/* The audit's after: kind, title, audience, orgs, must_read, state. */
static const char *
audit_after(struct arena *a, const struct notice_in *in, const int64_t *ids, int n,
    int64_t addressed)
{
	struct buf b = BUF_INIT(16384);
	struct jw w;
	const char *out;

	jw_init(&w, &b);
	jw_obj(&w);
	jw_kstr(&w, "kind", in->kind);
	jw_kstr(&w, "title", in->title);
	jw_kstr(&w, "audience", in->audience);
	jw_key(&w, "org_ids");
	jw_arr(&w);
	for (int i = 0; i < n; i++)
		jw_int(&w, ids[i]);
	jw_arr_end(&w);
	jw_kbool(&w, "must_read", in->must_read);
	jw_kstr(&w, "state", in->publish ? "published" : "draft");
	jw_kint(&w, "addressed", addressed);
	jw_obj_end(&w);
	out = arena_strdup(a, buf_str(&b));
	buf_release(&b);
	return out;
}

static enum err
insert_notice(struct db *db, const struct who *w, const struct notice_in *in,
    const int64_t *ids, const char **paths, int n, struct arena *a, int64_t *id)
{
	int64_t now = time(NULL), addressed = 0;
	int *keep = arena_alloc(a, sizeof(int) * (size_t)(n ? n : 1));
	enum err e;

	e = db_exec(db, "INSERT INTO notice (kind, title, body, must_read, audience, state,"
	    " author_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'draft', ?, ?, ?)",
	    DB_TEXT(in->kind), DB_TEXT(in->title), DB_TEXT(in->body), DB_I64(in->must_read),
	    DB_TEXT(in->audience), DB_I64(w->user_id), DB_I64(now), DB_I64(now), DB_END);
	if (e)
		return e;
	*id = db_last_id(db);
	notice_disjoint(paths, n, keep);
	for (int i = 0; i < n && !e; i++) {
		char up[256];

		if (!keep[i])
			continue;
		scope_path_upper(paths[i], up);
		e = db_exec(db, "INSERT INTO notice_org (notice_id, org_id, path, upper)"
		    " VALUES (?, ?, ?, ?)", DB_I64(*id), DB_I64(ids[i]), DB_TEXT(paths[i]),
		    DB_TEXT(up), DB_END);
	}
	if (!e && in->publish)
		e = publish_in(db, *id, in->kind, in->title, in->must_read, a, &addressed);
	if (!e)
		e = audit_write(db, w, "create", "notice", *id, NULL,
		    audit_after(a, in, ids, n, addressed), 1);
	return e;
}

enum err
notice_create(struct db *db, const struct who *w, const struct notice_in *in,
    struct problem *pb, int64_t *id)
{
	struct arena a = ARENA_INIT;
	int64_t *ids = arena_alloc(&a, sizeof(int64_t) * NOTICE_ORGS_MAX);
	const char **paths = arena_alloc(&a, sizeof(char *) * NOTICE_ORGS_MAX);
	int n = 0;
	enum err e;

	if (!(e = notice_check(in, w->role, pb)) &&
	    !(e = resolve_orgs(db, w, in, &a, ids, paths, &n, pb)) && !(e = db_begin(db)))
		e = db_end(db, insert_notice(db, w, in, ids, paths, n, &a, id));
	arena_release(&a);
	return e;
}

/* The notice for a change by w's side: ERR_NOT_FOUND when w may not see
 * it, ERR_FORBIDDEN when w is not the author's side. */
static enum err
authors_notice(struct db *db, const struct who *w, int64_t id, struct arena *a,
    struct notice *n, struct problem *pb)
{
	enum err e = notice_get(db, w, id, a, n);

	if (!e && !n->author_side)
		e = problem_set(pb, ERR_FORBIDDEN, "not_author", "只有发布方可以查看阅读情况或提醒");
	return e;
}

enum err
notice_publish(struct db *db, const struct who *w, int64_t id, struct problem *pb)
{
	struct arena a = ARENA_INIT;
	int64_t addressed = 0;
	struct notice n;
	enum err e = authors_notice(db, w, id, &a, &n, pb);

	if (!e && strcmp(n.state, "draft"))
		e = problem_set(pb, ERR_CONFLICT, "already_published", "该通知已发布");
	if (!e && !(e = db_begin(db))) {
		e = publish_in(db, id, n.kind, n.title, n.must_read, &a, &addressed);
		if (!e)
			e = audit_write(db, w, "publish", "notice", id, "{\"state\":\"draft\"}",
			    arena_printf(&a, "{\"state\":\"published\",\"addressed\":%" PRId64 "}",
			    addressed), 1);
		e = db_end(db, e);
	}
	arena_release(&a);
	return e;
}

enum err
notice_remind(struct db *db, const struct who *w, int64_t id, struct problem *pb, int64_t *n)
{
	struct arena a = ARENA_INIT;
	struct notice nt;
	enum err e = authors_notice(db, w, id, &a, &nt, pb);

	*n = 0;
	if (!e && strcmp(nt.state, "published"))
		e = problem_set(pb, ERR_CONFLICT, "not_published", "草稿尚未发布，不能提醒");
	if (!e && !(e = db_begin(db))) {
		e = notify_audience(db, id, bell_title(&a, nt.kind, nt.title, nt.must_read, 1),
		    notice_link(&a, id), 1, n);
		if (!e)
			e = audit_write(db, w, "remind", "notice", id, NULL,
			    arena_printf(&a, "{\"reminded\":%" PRId64 "}", *n), 1);
		e = db_end(db, e);
	}
	arena_release(&a);
	return e;
}

/* " AND <the inbox or sent box of w>" with its binds. */
static void
box_sql(struct buf *sql, struct db_args *a, const struct who *w, const struct notice_filter *f)
{
	if (f->sent) {
		buf_adds(sql, " AND n.author_id = ?");
		db_args_add(a, DB_I64(w->user_id));
	} else if (w->role == ROLE_DISTRICT) {
		buf_adds(sql, " AND n.state = 'published' AND (n.audience = 'district'"
		    " OR n.author_id = ?)");
		db_args_add(a, DB_I64(w->user_id));
	} else {
		buf_adds(sql, " AND n.state = 'published' AND n.author_id <> ? AND ");
		db_args_add(a, DB_I64(w->user_id));
		buf_adds(sql, addressed_sql(w, a));
	}
	if (f->kind) {
		buf_adds(sql, " AND n.kind = ?");
		db_args_add(a, DB_TEXT(f->kind));
	}
	if (f->unread)
		buf_adds(sql, " AND rd.at IS NULL");
}

void
notice_inbox_sql(struct buf *sql, struct db_args *a, const struct who *w)
{
	struct notice_filter f = { 0 };

	box_sql(sql, a, w, &f);
	buf_adds(sql, " AND n.author_id <> ?");
	db_args_add(a, DB_I64(w->user_id));
}

enum err
notice_list(struct db *db, const struct who *w, const struct notice_filter *f, struct arena *a,
    void (*fn)(void *ctx, const struct notice *n), void *ctx, int64_t *total)
{
	struct buf sql = BUF_INIT(4096);
	struct db_args args = { 0 };
	struct db_rows r;
	enum err e;

	buf_adds(&sql, "SELECT count(*)" NOTICE_FROM " WHERE 1 = 1");
	db_args_add(&args, DB_I64(w->user_id));
	box_sql(&sql, &args, w, f);
	if ((e = db_get_i64v(db, total, buf_str(&sql), &args)))
		goto out;
	buf_reset(&sql);
	args.n = 0;
	buf_adds(&sql, "SELECT " NOTICE_COLS NOTICE_FROM " WHERE 1 = 1");
	db_args_add(&args, DB_I64(w->user_id));
	box_sql(&sql, &args, w, f);
	/* District staff are in no audience: their inbox has no receipts. */
	if (f->sent)
		buf_adds(&sql, " ORDER BY n.id DESC");
	else if (w->role == ROLE_DISTRICT)
		buf_adds(&sql, " ORDER BY n.must_read DESC, n.published_at DESC, n.id DESC");
	else
		buf_adds(&sql, " ORDER BY CASE WHEN rd.at IS NULL THEN 1 - n.must_read ELSE 2 END,"
		    " n.published_at DESC, n.id DESC");
	buf_adds(&sql, " LIMIT ? OFFSET ?");
	db_args_add(&args, DB_I64(f->per_page));
	db_args_add(&args, DB_I64((f->page - 1) * f->per_page));
	if ((e = db_queryv(db, &r, buf_str(&sql), &args)))
		goto out;
	while ((e = db_next(&r)) == ERR_OK) {
		struct notice n = { 0 };

		from_row(&r, a, &n, 0);
		n.author_side = f->sent;
		fn(ctx, &n);
	}
	db_rows_close(&r);
	e = e == ERR_NOT_FOUND ? ERR_OK : e;
out:
	buf_release(&sql);
	return e;
}

enum err
notice_orgs(struct db *db, int64_t id, struct arena *a,
    void (*fn)(void *ctx, int64_t org_id, const char *name), void *ctx)
{
	struct db_rows r;
	enum err e;

	(void)a;
	if ((e = db_query(db, &r, "SELECT o.id, o.name FROM notice_org no JOIN org o"
	    " ON o.id = no.org_id WHERE no.notice_id = ? ORDER BY no.path", DB_I64(id), DB_END)))
		return e;
	while ((e = db_next(&r)) == ERR_OK)
		fn(ctx, db_i64(&r, 0), db_text(&r, 1));
	db_rows_close(&r);
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}

/* The audience joined with its receipts: "FROM (…) a LEFT JOIN
 * notice_read rd …" with its binds. */
static void
readers_from(struct buf *sql, struct db_args *a, int64_t id)
{
	buf_adds(sql, " FROM (" AUDIENCE_SQL ") a LEFT JOIN notice_read rd ON rd.notice_id = a.nid"
	    " AND rd.user_id = a.uid");
	db_args_add(a, DB_I64(id));
}

static enum err
readers_counts(struct db *db, int64_t id, int64_t *n_all, int64_t *n_read)
{
	struct buf sql = BUF_INIT(2048);
	struct db_args a = { 0 };
	struct db_rows r;
	enum err e;

	buf_adds(&sql, "SELECT count(*), count(rd.user_id)");
	readers_from(&sql, &a, id);
	e = db_queryv(db, &r, buf_str(&sql), &a);
	buf_release(&sql);
	if (e)
		return e;
	if (!(e = db_next(&r))) {
		*n_all = db_i64(&r, 0);
		*n_read = db_i64(&r, 1);
	}
	db_rows_close(&r);
	return e;
}

enum err
notice_readers(struct db *db, const struct who *w, int64_t id,
    const struct notice_readers_q *q, struct arena *a,
    void (*fn)(void *ctx, const struct notice_reader *r), void *ctx, int64_t *total,
    int64_t *n_all, int64_t *n_read, struct problem *pb)
{
	struct buf sql = BUF_INIT(4096);
	struct db_args args = { 0 };
	struct db_rows r;
	struct notice n;
	enum err e;

	if ((e = authors_notice(db, w, id, a, &n, pb)) ||
	    (e = readers_counts(db, id, n_all, n_read)))
		goto out;
	*total = !q->state ? *n_all : !strcmp(q->state, "read") ? *n_read : *n_all - *n_read;
	buf_adds(&sql, "SELECT a.uid, COALESCE(a.mid, 0), COALESCE(rd.at, 0), a.name, a.role,"
	    " COALESCE(og.name, '')");
	readers_from(&sql, &args, id);
	buf_adds(&sql, " LEFT JOIN org og ON og.id = a.org_id");
	if (q->state)
		buf_adds(&sql, !strcmp(q->state, "read") ? " WHERE rd.at IS NOT NULL" :
		    " WHERE rd.at IS NULL");
	buf_adds(&sql, " ORDER BY og.path, a.name, a.uid LIMIT ? OFFSET ?");
	db_args_add(&args, DB_I64(q->per_page));
	db_args_add(&args, DB_I64((q->page - 1) * q->per_page));
	if ((e = db_queryv(db, &r, buf_str(&sql), &args)))
		goto out;
	while ((e = db_next(&r)) == ERR_OK) {
		struct notice_reader rr = { db_i64(&r, 0), db_i64(&r, 1), db_i64(&r, 2),
			arena_strdup(a, db_text(&r, 3)), arena_strdup(a, db_text(&r, 4)),
			arena_strdup(a, db_text(&r, 5)) };

		fn(ctx, &rr);
	}
	db_rows_close(&r);
	e = e == ERR_NOT_FOUND ? ERR_OK : e;
out:
	buf_release(&sql);
	return e;
}

/* exchange_store.c: the scoped SQL of the experience exchange: each write
 * in one transaction with its audit row. */
#include "core/common.h"
#include "study/exchange.h"

#include "auth/audit.h"
#include "auth/scope.h"
#include "core/arena.h"
#include "core/buf.h"
#include "desk/notify.h"
#include "http/json_out.h"
#include "party/org.h"
#include "study/study.h"

static char *
post_json(const struct exchange_in *in, const char *state, struct arena *a)
{
	struct buf b = BUF_INIT(16384);
	struct jw w;
	char *s;

	jw_init(&w, &b);
	jw_obj(&w);
	if (in->org_id)
		jw_kint(&w, "org_id", in->org_id);
	jw_kstr(&w, "title", in->title);
	jw_kstr(&w, "topic", in->topic);
	jw_kstr(&w, "body", in->body);
	jw_kstr(&w, "state", state);
	jw_obj_end(&w);
	s = arena_strdup(a, buf_str(&b));
	buf_release(&b);
	return s;
}

enum err
exchange_create(struct db *db, const struct who *w, const struct exchange_in *in,
    struct problem *pb, int64_t *id)
{
	struct arena a = ARENA_INIT;
	struct org o;
	enum err e;

	if (org_get(db, w, in->org_id, &a, &o)) {
		arena_release(&a);
		return problem_field(pb, "org_id", "组织不存在或不在管理范围内");
	}
	if ((e = db_begin(db)))
		goto out;
	e = db_exec(db, "INSERT INTO exchange_post (org_id, org_path, title, body, topic, state,"
	    " author_id, created_at, updated_at) VALUES (?,?,?,?,?,'draft',?,?,?)",
	    DB_I64(in->org_id), DB_TEXT(o.path), DB_TEXT(in->title), DB_TEXT(in->body),
	    DB_TEXT(in->topic ? in->topic : ""), w->user_id ? DB_I64(w->user_id) : DB_NULL,
	    DB_I64(time(NULL)), DB_I64(time(NULL)), DB_END);
	if (!e) {
		*id = db_last_id(db);
		e = audit_write(db, w, "create", "exchange_post", *id, NULL,
		    post_json(in, "draft", &a), 1);
	}
	e = db_end(db, e);
out:
	arena_release(&a);
	return e;
}

/* " AND the caller may see post p": published for everyone; else in the
 * caller's scope, drafts only to their school's side (or their author);
 * up holds SCOPE_MAX bounds. */
static void
visible_sql(struct buf *sql, struct db_args *args, const struct who *w, char (*up)[256])
{
	if (w->role == ROLE_MEMBER) {	/* members read published cases only */
		buf_adds(sql, " AND p.state = 'published'");
		return;
	}
	buf_adds(sql, " AND (p.state = 'published' OR (1=1");
	scope_sql(sql, args, w, "p.org_path", up);
	buf_adds(sql, " AND (p.state <> 'draft' OR ? = 0 OR p.author_id = ?)))");
	db_args_add(args, DB_I64(exchange_moderator(w->role)));
	db_args_add(args, DB_I64(w->user_id));
}

#define POST_COLS "p.id, p.org_id, p.excellent, p.created_at, p.updated_at," \
	" COALESCE(p.published_at, 0), (SELECT COUNT(*) FROM exchange_comment c WHERE" \
	" c.post_id = p.id AND c.hidden = 0), o.name, p.title, p.body, p.topic, p.reason, p.state, p.org_path"

static void
post_row(struct db_rows *r, struct arena *a, struct exchange_post *p)
{
	p->id = db_i64(r, 0);
	p->org_id = db_i64(r, 1);
	p->excellent = db_i64(r, 2);
	p->created_at = db_i64(r, 3);
	p->updated_at = db_i64(r, 4);
	p->published_at = db_i64(r, 5);
	p->comments = db_i64(r, 6);
	p->org_name = arena_strdup(a, db_text(r, 7));
	p->title = arena_strdup(a, db_text(r, 8));
	p->body = arena_strdup(a, db_text(r, 9));
	p->topic = arena_strdup(a, db_text(r, 10));
	p->reason = arena_strdup(a, db_text(r, 11));
	p->state = (enum exchange_state)exchange_state_parse(db_text(r, 12));
	p->org_path = arena_strdup(a, db_text(r, 13));
}

enum err
exchange_get(struct db *db, const struct who *w, int64_t id, struct arena *a,
    struct exchange_post *p)
{
	struct buf sql = BUF_INIT(4096);
	struct db_args args = { 0 };
	char up[SCOPE_MAX][256];
	struct db_rows r;
	enum err e;

	buf_adds(&sql, "SELECT " POST_COLS " FROM exchange_post p JOIN org o ON o.id = p.org_id"
	    " WHERE p.id = ?");
	db_args_add(&args, DB_I64(id));
	visible_sql(&sql, &args, w, up);
	e = db_queryv(db, &r, buf_str(&sql), &args);
	buf_release(&sql);
	if (e)
		return e;
	if ((e = db_next(&r)) == ERR_OK)
		post_row(&r, a, p);
	db_rows_close(&r);
	return e;
}

static void
list_where(const struct who *w, const struct exchange_filter *f, struct buf *sql,
    struct db_args *args, char (*up)[256])
{
	buf_adds(sql, " FROM exchange_post p JOIN org o ON o.id = p.org_id WHERE 1=1");
	visible_sql(sql, args, w, up);
	if (f->mine)
		scope_sql(sql, args, w, "p.org_path", up + SCOPE_MAX);
	if (f->state) {
		buf_adds(sql, " AND p.state = ?");
		db_args_add(args, DB_TEXT(f->state));
	}
	if (f->excellent)
		buf_adds(sql, " AND p.excellent = 1");
	if (f->q) {
		buf_adds(sql, " AND (p.title LIKE ? ESCAPE '!' OR p.body LIKE ? ESCAPE '!')");
		db_args_add(args, DB_TEXT(f->q));
		db_args_add(args, DB_TEXT(f->q));
	}
}

enum err
exchange_list(struct db *db, const struct who *w, const struct exchange_filter *f,
    void (*fn)(void *ctx, const struct exchange_post *p), void *ctx, int64_t *total)
{
	struct buf where = BUF_INIT(8192);
	struct db_args args = { 0 };
	char up[SCOPE_MAX * 2][256];
	struct arena a = ARENA_INIT;
	struct db_rows r;
	enum err e;

	list_where(w, f, &where, &args, up);
	e = study_page_open(db, POST_COLS, buf_str(&where), "p.excellent DESC,"
	    " COALESCE(p.published_at, p.updated_at) DESC, p.id DESC", &args, f->page,
	    f->per_page, total, &r);
	if (e)
		goto out;
	while ((e = db_next(&r)) == ERR_OK) {
		struct exchange_post p;

		post_row(&r, &a, &p);
		fn(ctx, &p);
	}
	db_rows_close(&r);
	e = e == ERR_NOT_FOUND ? ERR_OK : e;
out:
	arena_release(&a);
	buf_release(&where);
	return e;
}

/* Loads a post the caller may act on and checks the step. */
static enum err
step_check(struct db *db, const struct who *w, int64_t id, enum exchange_action a,
    struct arena *ar, struct exchange_post *p, enum exchange_state *next, struct problem *pb)
{
	enum err e = exchange_get(db, w, id, ar, p);

	if (e)
		return e;
	/* Other schools read a published post but never act on it. */
	if (!w->all && !scope_contains(w, p->org_path))
		return ERR_NOT_FOUND;
	e = exchange_step(p->state, a, w->role, next);
	if (e == ERR_CONFLICT)
		return problem_set(pb, e, "invalid_transition", exchange_conflict_message(p->state));
	if (e == ERR_FORBIDDEN)
		return problem_set(pb, e, "wrong_side", a == XA_PUBLISH || a == XA_REJECT ?
		    "只有区级管理人员可以审核案例" : "只有案例所在学校可以修改或提交案例");
	return e;
}

enum err
exchange_update(struct db *db, const struct who *w, int64_t id, const struct exchange_in *in,
    struct problem *pb)
{
	struct arena a = ARENA_INIT;
	struct exchange_post p;
	enum exchange_state next;
	enum err e = db_begin(db);

	if (e)
		return e;
	if ((e = step_check(db, w, id, XA_EDIT, &a, &p, &next, pb)))
		goto out;
	e = db_exec(db, "UPDATE exchange_post SET title = ?, body = ?, topic = ?, updated_at = ?"
	    " WHERE id = ?", DB_TEXT(in->title ? in->title : p.title),
	    DB_TEXT(in->body ? in->body : p.body), DB_TEXT(in->topic ? in->topic : p.topic),
	    DB_I64(time(NULL)), DB_I64(id), DB_END);
	if (!e)
		e = audit_write(db, w, "update", "exchange_post", id,
		    post_json(&(struct exchange_in){ 0, p.title, p.body, p.topic },
		    exchange_states[p.state], &a), post_json(in, exchange_states[next], &a), 1);
out:
	arena_release(&a);
	return db_end(db, e);
}

/* Issue 12: the post's author hears that it was published or commented
 * (not of their own comment). */
static enum err
notify_author(struct db *db, const struct who *w, int64_t post_id, const char *kind,
    const char *head, const char *title)
{
	char line[300], link[48];
	int64_t author = 0;
	enum err e = db_get_i64(db, &author, "SELECT COALESCE(author_id, 0) FROM exchange_post"
	    " WHERE id = ?", DB_I64(post_id), DB_END);

	if (e || !author || author == w->user_id)
		return e;
	snprintf(line, sizeof(line), "%s：%.200s", head, title);
	snprintf(link, sizeof(link), "/exchange?open=%" PRId64, post_id);
	return notify_users(db, kind, &author, 1, line, link);
}

enum err
exchange_act(struct db *db, const struct who *w, int64_t id, enum exchange_action a,
    const char *reason, struct problem *pb)
{
	static const char *const verbs[] = { "update", "submit", "publish", "reject" };
	struct arena ar = ARENA_INIT;
	struct exchange_post p;
	enum exchange_state next;
	enum err e = db_begin(db);

	if (e)
		return e;
	if ((e = step_check(db, w, id, a, &ar, &p, &next, pb)))
		goto out;
	if (a == XA_REJECT && (!reason || !*reason)) {
		e = problem_field(pb, "reason", "退回须说明理由");
		goto out;
	}
	e = db_exec(db, "UPDATE exchange_post SET state = ?, reason = ?, updated_at = ?,"
	    " published_at = CASE WHEN ? = 'published' THEN ? ELSE published_at END WHERE id = ?",
	    DB_TEXT(exchange_states[next]), DB_TEXT(a == XA_REJECT ? reason : ""),
	    DB_I64(time(NULL)), DB_TEXT(exchange_states[next]), DB_I64(time(NULL)), DB_I64(id),
	    DB_END);
	if (!e && a == XA_PUBLISH)
		e = notify_author(db, w, id, "exchange_published", "你的交流案例已审核发布", p.title);
	if (!e)
		e = audit_write(db, w, verbs[a], "exchange_post", id, NULL,
		    arena_printf(&ar, "{\"from\":\"%s\",\"state\":\"%s\"}", exchange_states[p.state],
		    exchange_states[next]), 1);
out:
	arena_release(&ar);
	return db_end(db, e);
}

enum err
exchange_mark(struct db *db, const struct who *w, int64_t id, int excellent,
    struct problem *pb)
{
	struct arena a = ARENA_INIT;
	struct exchange_post p;
	enum err e;

	if (!exchange_moderator(w->role))
		return problem_set(pb, ERR_FORBIDDEN, "wrong_side", "只有区级管理人员可以评选优秀案例");
	if ((e = db_begin(db)))
		return e;
	if ((e = exchange_get(db, w, id, &a, &p)))
		goto out;
	if (p.state != XS_PUBLISHED) {
		e = problem_set(pb, ERR_CONFLICT, "invalid_transition",
		    exchange_conflict_message(p.state));
		goto out;
	}
	e = db_exec(db, "UPDATE exchange_post SET excellent = ? WHERE id = ?", DB_I64(excellent),
	    DB_I64(id), DB_END);
	if (!e)
		e = audit_write(db, w, excellent ? "mark_excellent" : "unmark_excellent",
		    "exchange_post", id, NULL, NULL, 1);
out:
	arena_release(&a);
	return db_end(db, e);
}

enum err
exchange_comment_add(struct db *db, const struct who *w, int64_t post_id, const char *body,
    struct problem *pb, int64_t *id)
{
	struct arena a = ARENA_INIT;
	struct exchange_post p;
	enum err e = db_begin(db);

	if (e)
		return e;
	if ((e = exchange_get(db, w, post_id, &a, &p)))
		goto out;
	if (p.state != XS_PUBLISHED) {
		e = problem_set(pb, ERR_CONFLICT, "not_published", "案例尚未发布，不能评论");
		goto out;
	}
	e = db_exec(db, "INSERT INTO exchange_comment (post_id, author_id, author, body, created_at)"
	    " VALUES (?,?,?,?,?)", DB_I64(post_id), w->user_id ? DB_I64(w->user_id) : DB_NULL,
	    DB_TEXT(w->username ? w->username : ""), DB_TEXT(body), DB_I64(time(NULL)), DB_END);
	if (!e) {
		struct buf b = BUF_INIT(8192);
		struct jw j;

		*id = db_last_id(db);
		jw_init(&j, &b);
		jw_obj(&j);
		jw_kint(&j, "post_id", post_id);
		jw_kstr(&j, "body", body);
		jw_obj_end(&j);
		e = audit_write(db, w, "create", "exchange_comment", *id, NULL, buf_str(&b), 1);
		buf_release(&b);
	}
	if (!e)
		e = notify_author(db, w, post_id, "exchange_commented", "你的交流案例有新评论",
		    p.title);
out:
	arena_release(&a);
	return db_end(db, e);
}

enum err
exchange_comments(struct db *db, const struct who *w, int64_t post_id,
    void (*fn)(void *ctx, const struct exchange_comment *c), void *ctx)
{
	struct db_rows r;
	enum err e;

	e = db_query(db, &r, "SELECT id, post_id, COALESCE(author_id, 0), created_at, author, body,"
	    " hidden FROM exchange_comment WHERE post_id = ? AND (hidden = 0 OR ? = 1) ORDER BY id",
	    DB_I64(post_id), DB_I64(exchange_moderator(w->role)), DB_END);
	if (e)
		return e;
	while ((e = db_next(&r)) == ERR_OK) {
		struct exchange_comment c = { db_i64(&r, 0), db_i64(&r, 1), db_i64(&r, 2),
			db_i64(&r, 3), db_text(&r, 4), db_text(&r, 5), (int)db_i64(&r, 6) };

		fn(ctx, &c);
	}
	db_rows_close(&r);
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}

enum err
exchange_comment_hide(struct db *db, const struct who *w, int64_t comment_id, int hidden,
    struct problem *pb)
{
	enum err e;

	if (!exchange_moderator(w->role))
		return problem_set(pb, ERR_FORBIDDEN, "wrong_side", "只有区级管理人员可以隐藏评论");
	if ((e = db_begin(db)))
		return e;
	e = db_exec(db, "UPDATE exchange_comment SET hidden = ? WHERE id = ?", DB_I64(hidden),
	    DB_I64(comment_id), DB_END);
	if (!e && db_changes(db) != 1)
		e = ERR_NOT_FOUND;
	if (!e)
		e = audit_write(db, w, hidden ? "hide" : "unhide", "exchange_comment", comment_id, NULL,
		    NULL, 1);
	return db_end(db, e);
}

/* study_edit_store.c: edits and deletes of study library items and study
 * plans (issue 6): only what was published inside the caller's scope, each
 * in one transaction with its audit row (before and after). */
#include "core/common.h"
#include "study/study.h"

#include "auth/audit.h"
#include "auth/scope.h"
#include "core/arena.h"
#include "http/json_out.h"

/* The item as stored, when published inside w's scope (strings in a). */
static enum err
item_load(struct db *db, const struct who *w, int64_t id, struct arena *a,
    struct study_item *it)
{
	struct buf sql = BUF_INIT(4096);
	struct db_args args = { 0 };
	char up[SCOPE_MAX][256];
	struct db_rows r;
	enum err e;

	buf_adds(&sql, "SELECT kind, title, topic, summary, url, minutes FROM study_item"
	    " WHERE id = ?");
	db_args_add(&args, DB_I64(id));
	scope_sql(&sql, &args, w, "org_path", up);
	e = db_queryv(db, &r, buf_str(&sql), &args);
	buf_release(&sql);
	if (e)
		return e;
	if ((e = db_next(&r)) == ERR_OK) {
		it->id = id;
		it->kind = arena_strdup(a, db_text(&r, 0));
		it->title = arena_strdup(a, db_text(&r, 1));
		it->topic = arena_strdup(a, db_text(&r, 2));
		it->summary = arena_strdup(a, db_text(&r, 3));
		it->url = db_is_null(&r, 4) ? NULL : arena_strdup(a, db_text(&r, 4));
		it->minutes = db_i64(&r, 5);
	}
	db_rows_close(&r);
	return e;
}

static const char *
item_edit_json(const struct study_item *it, struct arena *a)
{
	struct buf b = BUF_INIT(8192);
	const char *s;
	struct jw w;

	jw_init(&w, &b);
	jw_obj(&w);
	jw_kstr(&w, "title", it->title);
	jw_kstr(&w, "topic", it->topic);
	jw_kstr(&w, "summary", it->summary);
	jw_kstr(&w, "url", it->url);
	jw_kint(&w, "minutes", it->minutes);
	jw_obj_end(&w);
	s = arena_strdup(a, buf_str(&b));
	buf_release(&b);
	return s;
}

/* Applies p to it, naming a url that does not fit the item's kind. */
static void
item_merge(struct study_item *it, const struct study_item_patch *p, struct problem *pb)
{
	int doc = !strcmp(it->kind, "document");

	if (p->title)
		it->title = p->title;
	if (p->topic)
		it->topic = p->topic;
	if (p->summary)
		it->summary = p->summary;
	if (p->has_minutes)
		it->minutes = p->minutes;
	if (p->has_url)
		it->url = p->url && *p->url ? p->url : NULL;
	if (doc && it->url)
		problem_field(pb, "url", "文件资料不填网址，请上传文件或选择会议文件");
	if (!doc && !study_url_ok(it->url))
		problem_field(pb, "url", "链接和视频须填写以 http:// 或 https:// 开头的网址");
}

enum err
study_item_update(struct db *db, const struct who *w, int64_t id,
    const struct study_item_patch *p, struct problem *pb)
{
	struct arena a = ARENA_INIT;
	struct study_item it = { 0 };
	const char *before;
	enum err e = db_begin(db);

	if (e)
		goto out;
	if ((e = item_load(db, w, id, &a, &it)))
		goto end;
	before = item_edit_json(&it, &a);
	item_merge(&it, p, pb);
	if (pb->nfields) {
		e = ERR_INVALID;
		goto end;
	}
	e = db_exec(db, "UPDATE study_item SET title = ?, topic = ?, summary = ?, url = ?,"
	    " minutes = ?, updated_at = ? WHERE id = ?", DB_TEXT(it.title), DB_TEXT(it.topic),
	    DB_TEXT(it.summary), it.url ? DB_TEXT(it.url) : DB_NULL, DB_I64(it.minutes),
	    DB_I64(time(NULL)), DB_I64(id), DB_END);
	if (!e)
		e = audit_write(db, w, "update", "study_item", id, before, item_edit_json(&it, &a), 1);
end:
	e = db_end(db, e);
out:
	arena_release(&a);
	return e;
}

/* --- plans --- */

static const char *
title_json(const char *title, struct arena *a)
{
	struct buf b = BUF_INIT(4096);
	const char *s;
	struct jw w;

	jw_init(&w, &b);
	jw_obj(&w);
	jw_kstr(&w, "title", title);
	jw_obj_end(&w);
	s = arena_strdup(a, buf_str(&b));
	buf_release(&b);
	return s;
}

/* The plan's title when it was published inside w's scope. */
static enum err
plan_load(struct db *db, const struct who *w, int64_t id, struct arena *a, const char **title)
{
	struct buf sql = BUF_INIT(4096);
	struct db_args args = { 0 };
	char up[SCOPE_MAX][256];
	struct db_rows r;
	enum err e;

	buf_adds(&sql, "SELECT title FROM study_plan WHERE id = ?");
	db_args_add(&args, DB_I64(id));
	scope_sql(&sql, &args, w, "org_path", up);
	e = db_queryv(db, &r, buf_str(&sql), &args);
	buf_release(&sql);
	if (e)
		return e;
	if ((e = db_next(&r)) == ERR_OK)
		*title = arena_strdup(a, db_text(&r, 0));
	db_rows_close(&r);
	return e;
}

enum err
study_plan_update(struct db *db, const struct who *w, int64_t id, const char *title)
{
	struct arena a = ARENA_INIT;
	const char *old = NULL;
	enum err e = db_begin(db);

	if (!e)
		e = plan_load(db, w, id, &a, &old);
	if (!e)
		e = db_exec(db, "UPDATE study_plan SET title = ? WHERE id = ?", DB_TEXT(title),
		    DB_I64(id), DB_END);
	if (!e)
		e = audit_write(db, w, "update", "study_plan", id,
		    title_json(old, &a),
		    title_json(title, &a), 1);
	e = db_end(db, e);
	arena_release(&a);
	return e;
}

enum err
study_plan_delete(struct db *db, const struct who *w, int64_t id, struct problem *pb)
{
	struct arena a = ARENA_INIT;
	const char *title = NULL;
	int64_t n = 0;
	enum err e = db_begin(db);

	if (!e)
		e = plan_load(db, w, id, &a, &title);
	if (!e)
		e = db_get_i64(db, &n, "SELECT COUNT(*) FROM study_plan_item WHERE plan_id = ?",
		    DB_I64(id), DB_END);
	if (!e && n)
		e = problem_set(pb, ERR_CONFLICT, "in_use", "该学习计划还有条目，请先删除条目");
	if (!e)
		e = db_exec(db, "DELETE FROM study_plan WHERE id = ?", DB_I64(id), DB_END);
	if (!e)
		e = audit_write(db, w, "delete", "study_plan", id, title_json(title, &a),
		    NULL, 1);
	e = db_end(db, e);
	arena_release(&a);
	return e;
}

enum err
study_plan_entry_delete(struct db *db, const struct who *w, int64_t entry_id)
{
	struct arena a = ARENA_INIT;
	const char *title = NULL;
	int64_t plan_id = 0;
	enum err e = db_begin(db);

	if (!e)
		e = db_get_i64(db, &plan_id, "SELECT plan_id FROM study_plan_item WHERE id = ?",
		    DB_I64(entry_id), DB_END);
	if (!e)
		e = plan_load(db, w, plan_id, &a, &title);
	if (!e)
		e = db_exec(db, "DELETE FROM study_plan_item WHERE id = ?", DB_I64(entry_id), DB_END);
	if (!e)
		e = audit_write(db, w, "remove_item", "study_plan", plan_id,
		    arena_printf(&a, "{\"entry_id\":%" PRId64 "}", entry_id), NULL, 1);
	e = db_end(db, e);
	arena_release(&a);
	return e;
}

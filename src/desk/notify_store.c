/* notify_store.c: the caller's own notifications and channel settings
 * (NOTIFY-02: every query is bound to the caller's user id). */
#include "core/common.h"
#include "desk/notify_store.h"
#include "auth/audit.h"
#include "core/arena.h"
#include "core/buf.h"
#include "db/db.h"
#include "desk/notify.h"

enum err
notify_unread(struct db *db, const struct who *w, int64_t *n)
{
	return db_get_i64(db, n, "SELECT COUNT(*) FROM notification WHERE user_id = ?"
	    " AND read_at IS NULL", DB_I64(w->user_id), DB_END);
}

enum err
notify_list(struct db *db, const struct who *w, int unread_only, int64_t page, int64_t per_page,
    void (*fn)(void *ctx, const struct notification *n), void *ctx, int64_t *total,
    int64_t *unread)
{
	const char *filter = unread_only ? " AND read_at IS NULL" : "";
	char sql[320];
	struct db_rows r;
	enum err e = notify_unread(db, w, unread);

	if (e)
		return e;
	if (unread_only)
		*total = *unread;
	else if ((e = db_get_i64(db, total, "SELECT COUNT(*) FROM notification WHERE user_id = ?",
	    DB_I64(w->user_id), DB_END)))
		return e;
	snprintf(sql, sizeof(sql), "SELECT id, created_at, COALESCE(read_at, 0), kind, title, link"
	    " FROM notification WHERE user_id = ?%s ORDER BY id DESC LIMIT ? OFFSET ?", filter);
	if ((e = db_query(db, &r, sql, DB_I64(w->user_id), DB_I64(per_page),
	    DB_I64((page - 1) * per_page), DB_END)))
		return e;
	while ((e = db_next(&r)) == ERR_OK) {
		struct notification n = { db_i64(&r, 0), db_i64(&r, 1), db_i64(&r, 2),
			db_text(&r, 3), db_text(&r, 4), db_text(&r, 5) };

		fn(ctx, &n);
	}
	db_rows_close(&r);
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}

enum err
notify_mark_read(struct db *db, const struct who *w, int64_t id)
{
	int64_t mine = 0;
	enum err e = db_begin(db);

	if (e)
		return e;
	e = db_get_i64(db, &mine, "SELECT COUNT(*) FROM notification WHERE id = ? AND user_id = ?",
	    DB_I64(id), DB_I64(w->user_id), DB_END);
	if (!e && !mine)
		e = ERR_NOT_FOUND;
	if (!e)
		e = db_exec(db, "UPDATE notification SET read_at = ? WHERE id = ? AND read_at IS NULL",
		    DB_I64(time(NULL)), DB_I64(id), DB_END);
	if (!e && db_changes(db))
		e = audit_write(db, w, "read", "notification", id, NULL, NULL, 1);
	return db_end(db, e);
}

enum err
notify_mark_all(struct db *db, const struct who *w, int64_t *n)
{
	char after[64];
	enum err e = db_begin(db);

	*n = 0;
	if (e)
		return e;
	e = db_exec(db, "UPDATE notification SET read_at = ? WHERE user_id = ? AND read_at IS NULL",
	    DB_I64(time(NULL)), DB_I64(w->user_id), DB_END);
	if (!e && (*n = db_changes(db)) > 0) {
		snprintf(after, sizeof(after), "{\"marked\":%" PRId64 "}", *n);
		e = audit_write(db, w, "read_all", "notification", 0, NULL, after, 1);
	}
	return db_end(db, e);
}

enum err
notify_settings_get(struct db *db, const struct who *w, struct arena *a,
    struct notify_settings *s)
{
	struct db_rows r;
	enum err e;

	*s = (struct notify_settings){ "", 0 };
	if ((e = db_query(db, &r, "SELECT email FROM app_user WHERE id = ?", DB_I64(w->user_id),
	    DB_END)))
		return e;
	if ((e = db_next(&r)) == ERR_OK)
		s->email = arena_strdup(a, db_text(&r, 0));
	db_rows_close(&r);
	if (e)
		return e;
	if ((e = db_query(db, &r, "SELECT kind FROM notify_pref WHERE user_id = ? AND email = 1",
	    DB_I64(w->user_id), DB_END)))
		return e;
	while ((e = db_next(&r)) == ERR_OK)
		for (int i = 0; notify_kinds[i].name; i++)
			if (!strcmp(notify_kinds[i].name, db_text(&r, 0)))
				s->email_kinds |= 1ull << i;
	db_rows_close(&r);
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}

enum err
notify_settings_put(struct db *db, const struct who *w, const struct notify_settings *s)
{
	struct buf after = BUF_INIT(512);
	const char *sep = "";
	enum err e = db_begin(db);

	if (e)
		return e;
	e = db_exec(db, "UPDATE app_user SET email = ?, updated_at = ? WHERE id = ?",
	    DB_TEXT(s->email), DB_I64(time(NULL)), DB_I64(w->user_id), DB_END);
	if (!e)
		e = db_exec(db, "DELETE FROM notify_pref WHERE user_id = ?", DB_I64(w->user_id), DB_END);
	buf_adds(&after, "{\"email\":");
	buf_adds(&after, *s->email ? "true" : "false");
	buf_adds(&after, ",\"email_kinds\":[");
	for (int i = 0; !e && notify_kinds[i].name; i++) {
		if (!(s->email_kinds & (1ull << i)))
			continue;
		e = db_exec(db, "INSERT INTO notify_pref (user_id, kind, email) VALUES (?, ?, 1)",
		    DB_I64(w->user_id), DB_TEXT(notify_kinds[i].name), DB_END);
		buf_addf(&after, "%s\"%s\"", sep, notify_kinds[i].name);
		sep = ",";
	}
	buf_adds(&after, "]}");
	if (!e)
		e = audit_write(db, w, "update", "notify_settings", w->user_id, NULL, buf_str(&after), 1);
	buf_release(&after);
	return db_end(db, e);
}

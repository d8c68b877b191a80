/* notify.c: notification rows, written inside the caller's transaction. */
#include "core/common.h"
#include "desk/notify.h"
#include "core/buf.h"
#include "core/dates.h"
#include "db/db.h"

enum err
notify_users(struct db *db, const char *kind, const int64_t *users, int n, const char *title,
    const char *link)
{
	enum err e = ERR_OK;

	for (int i = 0; i < n && !e; i++) {
		int dup = 0;

		for (int j = 0; j < i; j++)
			dup |= users[j] == users[i];
		if (dup)
			continue;
		e = db_exec(db, "INSERT INTO notification (user_id, kind, title, link, created_at)"
		    " SELECT id, ?, ?, ?, ? FROM app_user WHERE id = ? AND disabled = 0",
		    DB_TEXT(kind), DB_TEXT(title), DB_TEXT(link ? link : ""),
		    DB_I64(datetime_now()), DB_I64(users[i]), DB_END);
	}
	return e;
}

/* Role names of the bits in roles, as "'a','b'" for an IN list. */
static void
role_list(struct buf *sql, unsigned roles)
{
	const char *sep = "";

	for (unsigned bit = 1; bit && bit <= roles; bit <<= 1) {
		if (!(roles & bit))
			continue;
		buf_addf(sql, "%s'%s'", sep, role_name((enum role)bit));
		sep = ",";
	}
	if (!*sep)
		buf_adds(sql, "''");
}

enum err
notify_org(struct db *db, const char *kind, int64_t org_id, unsigned roles, const char *title,
    const char *link)
{
	struct buf sql = BUF_INIT(1024);
	struct db_args a = { 0 };
	enum err e;

	/* Scoped staff whose scope root is the org or one of its ancestors;
	 * district staff see every org. */
	buf_adds(&sql, "INSERT INTO notification (user_id, kind, title, link, created_at)"
	    " SELECT u.id, ?, ?, ?, ? FROM app_user u WHERE u.disabled = 0 AND u.role IN (");
	role_list(&sql, roles);
	buf_adds(&sql, ") AND (u.role = 'district' OR EXISTS (SELECT 1 FROM user_scope s"
	    " JOIN org r ON r.id = s.org_id JOIN org t ON t.id = ?"
	    " WHERE s.user_id = u.id AND substr(t.path, 1, length(r.path)) = r.path))");
	db_args_add(&a, DB_TEXT(kind));
	db_args_add(&a, DB_TEXT(title));
	db_args_add(&a, DB_TEXT(link ? link : ""));
	db_args_add(&a, DB_I64(datetime_now()));
	db_args_add(&a, DB_I64(org_id));
	e = db_execv(db, buf_str(&sql), &a);
	buf_release(&sql);
	return e;
}

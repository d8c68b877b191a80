#include "core/common.h"
#include "auth/user_store.h"
#include "core/buf.h"

#define USER_COLS "id, username, role, COALESCE(member_id, 0), disabled, must_change," \
	" locked_until, created_at, pw_hash, password_changed_at, totp_secret IS NOT NULL"

static void
user_from_row(struct db_rows *r, struct arena *a, struct user *u)
{
	memset(u, 0, sizeof(*u));
	u->id = db_i64(r, 0);
	u->username = arena_strdup(a, db_text(r, 1));
	u->role = role_parse(db_text(r, 2));
	u->member_id = db_i64(r, 3);
	u->disabled = (int)db_i64(r, 4);
	u->must_change = (int)db_i64(r, 5);
	u->locked_until = db_i64(r, 6);
	u->created_at = db_i64(r, 7);
	u->password_changed_at = db_i64(r, 9);
	u->totp_enrolled = (int)db_i64(r, 10);
}

enum err
store_user_load_scopes(struct db *db, struct user *v, int n)
{
	struct buf sql = BUF_INIT(8192);
	struct db_args a = { 0 };
	struct db_rows r;
	enum err e;

	if (!n)
		return ERR_OK;
	buf_adds(&sql, "SELECT user_id, org_id FROM user_scope WHERE user_id IN (");
	for (int i = 0; i < n; i++) {
		buf_adds(&sql, i ? ",?" : "?");
		db_args_add(&a, DB_I64(v[i].id));
	}
	buf_adds(&sql, ") ORDER BY user_id, org_id");
	e = db_queryv(db, &r, buf_str(&sql), &a);
	buf_release(&sql);
	if (e)
		return e;
	while ((e = db_next(&r)) == ERR_OK) {
		for (int i = 0; i < n; i++)
			if (v[i].id == db_i64(&r, 0) && v[i].nscope < USER_SCOPE_MAX)
				v[i].scope[v[i].nscope++] = db_i64(&r, 1);
	}
	db_rows_close(&r);
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}

enum err
store_user_get(struct db *db, const char *col, struct db_param key, struct arena *a,
    struct user *u, char **pw_hash)
{
	char sql[256];
	struct db_rows r;
	enum err e;

	snprintf(sql, sizeof(sql), "SELECT " USER_COLS " FROM app_user WHERE %s = ?", col);
	e = db_query(db, &r, sql, key, DB_END);
	if (e)
		return e;
	e = db_next(&r);
	if (!e) {
		user_from_row(&r, a, u);
		if (pw_hash)
			*pw_hash = arena_strdup(a, db_text(&r, 8));
	}
	db_rows_close(&r);
	if (e)
		return e;
	return store_user_load_scopes(db, u, 1);
}

enum err
store_user_insert(struct db *db, const char *username, const char *hash, enum role role,
    int64_t member_id, int must_change, int64_t *id)
{
	int64_t now = time(NULL);
	enum err e;

	e = db_exec(db, "INSERT INTO app_user (username, pw_hash, role, member_id, must_change,"
	    " password_changed_at, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?)",
	    DB_TEXT(username), DB_TEXT(hash), DB_TEXT(role_name(role)),
	    member_id ? DB_I64(member_id) : DB_NULL, DB_I64(must_change), DB_I64(now), DB_I64(now),
	    DB_I64(now), DB_END);
	if (e)
		return e;
	*id = db_last_id(db);
	return db_exec(db, "INSERT INTO password_history (user_id, pw_hash, at) VALUES (?,?,?)",
	    DB_I64(*id), DB_TEXT(hash), DB_I64(now), DB_END);
}

enum err
store_user_set_scope(struct db *db, int64_t uid, int n, const int64_t *orgs)
{
	enum err e = db_exec(db, "DELETE FROM user_scope WHERE user_id = ?", DB_I64(uid), DB_END);

	for (int i = 0; !e && i < n; i++) {
		e = db_exec(db, "INSERT INTO user_scope (user_id, org_id) VALUES (?, ?)", DB_I64(uid),
		    DB_I64(orgs[i]), DB_END);
		if (e == ERR_CONFLICT)
			e = ERR_OK;	/* the same org twice */
	}
	return e;
}

enum err
store_user_set_password(struct db *db, int64_t uid, const char *hash, int must_change)
{
	int64_t now = time(NULL);
	enum err e;

	e = db_exec(db, "UPDATE app_user SET pw_hash = ?, must_change = ?, password_changed_at = ?,"
	    " updated_at = ?, failed_count = 0, locked_until = 0 WHERE id = ?", DB_TEXT(hash),
	    DB_I64(must_change), DB_I64(now), DB_I64(now), DB_I64(uid), DB_END);
	if (e)
		return e;
	return db_exec(db, "INSERT INTO password_history (user_id, pw_hash, at) VALUES (?,?,?)",
	    DB_I64(uid), DB_TEXT(hash), DB_I64(now), DB_END);
}

enum err
store_user_history(struct db *db, int64_t uid, int n, struct arena *a, char **out, int *got)
{
	struct db_rows r;
	enum err e;

	*got = 0;
	e = db_query(db, &r, "SELECT pw_hash FROM password_history WHERE user_id = ?"
	    " ORDER BY id DESC LIMIT ?", DB_I64(uid), DB_I64(n), DB_END);
	if (e)
		return e;
	while (*got < n && (e = db_next(&r)) == ERR_OK)
		out[(*got)++] = arena_strdup(a, db_text(&r, 0));
	db_rows_close(&r);
	return e == ERR_NOT_FOUND || e == ERR_OK ? ERR_OK : e;
}

enum err
store_user_list(struct db *db, const struct user_filter *f, int64_t page, int64_t per_page,
    struct arena *a, struct user_page *out)
{
/* ?1: the username pattern, ?2: the role; NULL selects every user. */
#define USER_WHERE " WHERE (?1 IS NULL OR username LIKE ?1 ESCAPE '!')" \
	" AND (?2 IS NULL OR role = ?2)"
	struct db_rows r;
	enum err e;

	e = db_get_i64(db, &out->total, "SELECT COUNT(*) FROM app_user" USER_WHERE,
	    DB_TEXT(f->like), DB_TEXT(f->role), DB_END);
	if (e)
		return e;
	out->v = arena_alloc(a, sizeof(struct user) * (size_t)per_page);
	out->n = 0;
	e = db_query(db, &r, "SELECT " USER_COLS " FROM app_user" USER_WHERE
	    " ORDER BY id LIMIT ?3 OFFSET ?4", DB_TEXT(f->like), DB_TEXT(f->role),
	    DB_I64(per_page), DB_I64((page - 1) * per_page), DB_END);
#undef USER_WHERE
	if (e)
		return e;
	while (out->n < per_page && (e = db_next(&r)) == ERR_OK)
		user_from_row(&r, a, &out->v[out->n++]);
	db_rows_close(&r);
	if (e != ERR_NOT_FOUND && e != ERR_OK)
		return e;
	return store_user_load_scopes(db, out->v, out->n);
}

char *
store_user_json(const struct user *u, struct arena *a)
{
	struct buf b = BUF_INIT(8192);
	char *s;

	buf_addf(&b, "{\"id\":%" PRId64 ",\"username\":\"%s\",\"role\":\"%s\",\"disabled\":%s,",
	    u->id, u->username, role_name(u->role), u->disabled ? "true" : "false");
	if (u->member_id)
		buf_addf(&b, "\"member_id\":%" PRId64 ",\"scope\":[", u->member_id);
	else
		buf_adds(&b, "\"member_id\":null,\"scope\":[");
	for (int i = 0; i < u->nscope; i++)
		buf_addf(&b, "%s%" PRId64, i ? "," : "", u->scope[i]);
	buf_adds(&b, "]}");
	s = arena_strdup(a, buf_str(&b));
	buf_release(&b);
	return s;
}

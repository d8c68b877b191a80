/* member_accounts.c: member accounts in bulk. Passwords are hashed before
 * the transaction opens (argon2id is slow; the write lock is not held for
 * it), then every account, its audit row and the sheet are made inside one
 * transaction: if anything fails, no account exists whose password was not
 * handed out. Plaintext passwords are wiped once the sheet is read back. */
#include "core/common.h"
#include "party/member_accounts.h"
#include "auth/audit.h"
#include "auth/crypto.h"
#include "auth/user_store.h"
#include "core/arena.h"
#include "core/dates.h"
#include "core/xalloc.h"
#include "auth/scope.h"
#include "party/member.h"
#include "party/org.h"
#include "report/xlsx.h"

#include <sodium.h>
#include <unistd.h>

struct acct {
	int64_t member_id;
	const char *name, *org_name;
	char username[32];
	char password[17];
	char hash[128];
	int made;
};

struct batch {
	struct org org;
	int n, made;
	struct acct *v;
};

void
member_accounts_username(int64_t member_id, int n, char out[32])
{
	if (n <= 1)
		snprintf(out, 32, "m%" PRId64, member_id);
	else
		snprintf(out, 32, "m%" PRId64 ".%d", member_id, n);
}

#define WITHOUT_USER " FROM member m JOIN org o ON o.id = m.org_id WHERE m.state = 'active'" \
	" AND m.org_path >= ? AND m.org_path < ? AND NOT EXISTS (SELECT 1 FROM app_user u" \
	" WHERE u.member_id = m.id)"

/* The members who need an account, in branch then name order. */
static enum err
pick(struct db *db, struct arena *a, struct batch *b, struct problem *pb)
{
	char up[256];
	int64_t n;
	struct db_rows r;
	enum err e;

	scope_path_upper(b->org.path, up);
	if ((e = db_get_i64(db, &n, "SELECT COUNT(*)" WITHOUT_USER, DB_TEXT(b->org.path),
	    DB_TEXT(up), DB_END)))
		return e;
	if (n > MEMBER_ACCOUNTS_MAX)
		return problem_field(pb, "org_id", "一次最多为 %d 名党员开通账号（本次 %" PRId64
		    " 名），请按支部分批开通", MEMBER_ACCOUNTS_MAX, n);
	b->v = arena_alloc(a, sizeof(*b->v) * (size_t)(n ? n : 1));
	if ((e = db_query(db, &r, "SELECT m.id, m.name, o.name" WITHOUT_USER
	    " ORDER BY o.path, m.name, m.id", DB_TEXT(b->org.path), DB_TEXT(up), DB_END)))
		return e;
	while (b->n < n && (e = db_next(&r)) == ERR_OK) {
		struct acct *c = &b->v[b->n++];

		c->member_id = db_i64(&r, 0);
		c->name = arena_strdup(a, db_text(&r, 1));
		c->org_name = arena_strdup(a, db_text(&r, 2));
	}
	db_rows_close(&r);
	return e == ERR_NOT_FOUND || e == ERR_OK ? ERR_OK : e;
}

static enum err
hash_all(struct batch *b)
{
	enum err e = ERR_OK;

	for (int i = 0; !e && i < b->n; i++) {
		crypto_random_password(b->v[i].password);
		e = crypto_password_hash(b->v[i].password, b->v[i].hash);
	}
	return e;
}

/* One account, unless another request made one for the member meanwhile. */
static enum err
make_one(struct db *db, const struct who *w, struct acct *c, struct arena *a)
{
	int64_t v, uid;
	enum err e;

	e = db_get_i64(db, &v, "SELECT id FROM app_user WHERE member_id = ?",
	    DB_I64(c->member_id), DB_END);
	if (e != ERR_NOT_FOUND)
		return e;
	for (int n = 1;; n++) {
		member_accounts_username(c->member_id, n, c->username);
		e = db_get_i64(db, &v, "SELECT id FROM app_user WHERE username = ?",
		    DB_TEXT(c->username), DB_END);
		if (e)
			break;
	}
	if (e != ERR_NOT_FOUND)
		return e;
	if ((e = store_user_insert(db, c->username, c->hash, ROLE_MEMBER, c->member_id, 1, &uid)))
		return e;
	c->made = 1;
	return audit_write(db, w, "create", "user", uid, NULL, arena_printf(a, "{\"username\":\"%s\","
	    "\"role\":\"member\",\"member_id\":%" PRId64 ",\"must_change\":true,\"batch\":true}",
	    c->username, c->member_id), 1);
}

static void
sheet(struct xlsx *x, const struct batch *b)
{
	static const struct xlsx_col cols[] = { { "序号", 6 }, { "姓名", 12 }, { "所在支部", 30 },
		{ "用户名", 16 }, { "初始密码", 22 }, { "本人签收", 14 } };
	char today[11], *title, *sub;
	lxw_worksheet *ws;
	lxw_row_t row = XLSX_FIRST_ROW;
	int k = 0;

	date_format(date_today(), today);
	title = xasprintf("%s 党员账号开通清单", b->org.name);
	sub = xasprintf("本次开通 %d 个账号；首次登录须修改密码。初始密码仅在本表出现一次，"
	    "请逐人分发并妥善保管。生成日期：%s", b->made, today);
	ws = xlsx_sheet(x, "账号清单", title, sub, cols, ARRAY_SIZE(cols));
	for (int i = 0; i < b->n; i++, row++) {
		const struct acct *c = &b->v[i];

		if (!c->made) {
			row--;
			continue;
		}
		worksheet_set_row(ws, row, 24, NULL);
		worksheet_write_number(ws, row, 0, ++k, x->center);
		worksheet_write_string(ws, row, 1, c->name, x->text);
		worksheet_write_string(ws, row, 2, c->org_name, x->text);
		worksheet_write_string(ws, row, 3, c->username, x->center);
		worksheet_write_string(ws, row, 4, c->password, x->center);
		worksheet_write_string(ws, row, 5, "", x->text);
	}
	free(title);
	free(sub);
}

/* Writes the sheet of the accounts made into out. */
static enum err
write_sheet(const struct batch *b, struct buf *out)
{
	char path[64];
	struct xlsx x;
	enum err e = xlsx_temp(path);

	if (e)
		return e;
	if ((e = xlsx_open(&x, path))) {
		unlink(path);
		return e;
	}
	sheet(&x, b);
	if ((e = xlsx_close(&x))) {
		unlink(path);
		return e;
	}
	return xlsx_slurp(path, out);
}

static enum err
make_all(struct db *db, const struct who *w, struct batch *b, struct arena *a, struct buf *out)
{
	enum err e = db_begin(db);

	for (int i = 0; !e && i < b->n; i++) {
		e = make_one(db, w, &b->v[i], a);
		b->made += b->v[i].made;
	}
	if (!e)
		e = audit_write(db, w, "member_accounts", "org", b->org.id, NULL,
		    arena_printf(a, "{\"created\":%d}", b->made), 1);
	if (!e)
		e = write_sheet(b, out);
	e = db_end(db, e);
	if (e)
		buf_reset(out);
	return e;
}

enum err
member_accounts_create(struct db *db, const struct who *w, int64_t org_id, struct problem *pb,
    struct buf *out)
{
	struct arena a = ARENA_INIT;
	struct batch b = { 0 };
	enum err e = org_get(db, w, org_id, &a, &b.org);

	if (!e && !member_may_edit(w, b.org.path))
		e = ERR_FORBIDDEN;
	if (!e)
		e = pick(db, &a, &b, pb);
	if (!e)
		e = hash_all(&b);
	if (!e)
		e = make_all(db, w, &b, &a, out);
	if (b.v)
		sodium_memzero(b.v, sizeof(*b.v) * (size_t)b.n);
	arena_release(&a);
	return e;
}

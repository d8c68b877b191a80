/* notify.c: notification rows, written inside the caller's transaction,
 * and the outbound messages they cause, queued in the same transaction. */
#include "core/common.h"
#include "desk/notify.h"
#include "auth/audit.h"
#include "core/buf.h"
#include "core/config.h"
#include "core/dates.h"
#include "db/db.h"
#include "http/json_out.h"

const struct notify_kind notify_kinds[] = {
	{ "finding_issued", "整改事项下发", "新下发整改事项" },
	{ "finding_submitted", "整改材料提交待验收", "待验收整改事项" },
	{ "finding_returned", "整改被退回", "被退回整改事项" },
	{ "finding_verified", "整改验收通过", "验收通过整改事项" },
	{ "step_overdue", "发展步骤逾期", "逾期发展步骤" },
	{ "transfer_arriving", "组织关系转入待接收", "待接收组织关系转入" },
	{ "review_opened", "评议开始待评分", "待评分评议" },
	{ "review_published", "评议结果公布", "公布评议结果" },
	{ "exchange_published", "交流案例发布", "发布交流案例" },
	{ "exchange_commented", "交流案例评论", "交流案例新评论" },
	{ "announcement", "通知公告", "新通知公告" },
	{ "prin_goals", "校长任期目标审核", "任期目标审核" },
	{ "prin_report", "校长年度述职与考核", "年度述职与考核" },
	{ NULL, NULL, NULL },
};

const struct notify_kind *
notify_kind_find(const char *name)
{
	for (const struct notify_kind *k = notify_kinds; name && k->name; k++)
		if (!strcmp(k->name, name))
			return k;
	return NULL;
}

/* The highest notification id now: rows above it are this event's. */
static enum err
last_id(struct db *db, int64_t *id)
{
	return db_get_i64(db, id, "SELECT COALESCE(MAX(id), 0) FROM notification", DB_END);
}

/* A mail for each notification above after whose recipient has an
 * address and chose e-mail for its kind; nothing when no SMTP is set. */
static enum err
queue_mail(struct db *db, int64_t after)
{
	int64_t now = time(NULL);
	struct buf open_at = BUF_INIT(256);
	enum err e;

	if (!cfg.smtp_url || !*cfg.smtp_url)
		return ERR_OK;
	buf_addf(&open_at, "\n\n%s%s", *cfg.public_url ? "打开：" : "在红岩党建平台打开：",
	    cfg.public_url);
	e = db_exec(db, "INSERT INTO notify_outbox (channel, target, subject, body, next_at,"
	    " created_at) SELECT 'email', u.email, n.title, n.title || ? || n.link, ?, ?"
	    " FROM notification n JOIN app_user u ON u.id = n.user_id"
	    " JOIN notify_pref p ON p.user_id = n.user_id AND p.kind = n.kind AND p.email = 1"
	    " WHERE n.id > ? AND u.email <> ''", DB_TEXT(buf_str(&open_at)), DB_I64(now),
	    DB_I64(now), DB_I64(after), DB_END);
	buf_release(&open_at);
	return e;
}

enum err
notify_robot_text(struct db *db, const char *url, const char *text)
{
	struct buf body = BUF_INIT(512);
	int64_t now = time(NULL);
	struct jw w;
	enum err e;

	/* The 企业微信/钉钉 text message: {"msgtype":"text","text":{"content":...}}. */
	jw_init(&w, &body);
	jw_obj(&w);
	jw_kstr(&w, "msgtype", "text");
	jw_key(&w, "text");
	jw_obj(&w);
	jw_kstr(&w, "content", text);
	jw_obj_end(&w);
	jw_obj_end(&w);
	e = db_exec(db, "INSERT INTO notify_outbox (channel, target, body, next_at, created_at)"
	    " VALUES ('webhook', ?, ?, ?, ?)", DB_TEXT(url), DB_TEXT(buf_str(&body)), DB_I64(now),
	    DB_I64(now), DB_END);
	buf_release(&body);
	return e;
}

/* Calls fn(ctx, group, url) for each "ID=URL" of cfg.notify_webhooks. */
static void
robots_parse(void (*fn)(void *ctx, int64_t group, const char *url), void *ctx)
{
	const char *s = cfg.notify_webhooks ? cfg.notify_webhooks : "";

	while (*s) {
		char url[1024];
		int64_t group;
		size_t n;

		s += strspn(s, " ,\t\n");
		if (!*s)
			break;
		group = strtoll(s, NULL, 10);
		s += strspn(s, "0123456789") + 1;	/* config_webhooks_ok: "ID=" */
		n = strcspn(s, " ,\t\n");
		snprintf(url, sizeof(url), "%.*s", (int)n, s);
		s += n;
		fn(ctx, group, url);
	}
}

struct each_ctx {
	struct db *db;
	void (*fn)(void *ctx, int64_t org, const char *path, const char *url);
	void *ctx;
};

static void
each_robot(void *ctx, int64_t group, const char *url)
{
	struct each_ctx *c = ctx;
	char path[256] = "";
	struct db_rows r;

	if (group && !db_query(c->db, &r, "SELECT path FROM org WHERE id = ?", DB_I64(group),
	    DB_END)) {
		if (db_next(&r) == ERR_OK)
			snprintf(path, sizeof(path), "%s", db_text(&r, 0));
		db_rows_close(&r);
	}
	c->fn(c->ctx, group, path, url);
}

void
notify_robots_each(struct db *db, void (*fn)(void *ctx, int64_t org, const char *path,
    const char *url), void *ctx)
{
	struct each_ctx c = { db, fn, ctx };

	robots_parse(each_robot, &c);
}

enum err
notify_digest_due(struct db *db, const char *key, int64_t now, int64_t every_s, int *due)
{
	int64_t last = 0;
	enum err e = db_get_i64(db, &last, "SELECT last_at FROM notify_digest WHERE key = ?",
	    DB_TEXT(key), DB_END);

	*due = e == ERR_NOT_FOUND || now - last >= every_s;
	if (e && e != ERR_NOT_FOUND)
		return e;
	if (!*due)
		return ERR_OK;
	return db_exec(db, "INSERT INTO notify_digest (key, last_at) VALUES (?, ?)"
	    " ON CONFLICT (key) DO UPDATE SET last_at = excluded.last_at", DB_TEXT(key), DB_I64(now),
	    DB_END);
}

/* Whether group (an org id, 0 the whole district) is org_id or above it. */
static int
group_covers(struct db *db, int64_t group, int64_t org_id)
{
	int64_t n = 0;

	if (!group)
		return 1;
	if (db_get_i64(db, &n, "SELECT COUNT(*) FROM org g JOIN org t ON t.id = ?"
	    " WHERE g.id = ? AND substr(t.path, 1, length(g.path)) = g.path", DB_I64(org_id),
	    DB_I64(group), DB_END))
		return 0;
	return n > 0;
}

struct robot_event {
	struct db *db;
	int64_t org_id;
	const char *text;
	enum err e;
};

static void
robot_event(void *ctx, int64_t group, const char *url)
{
	struct robot_event *ev = ctx;

	if (!ev->e && group_covers(ev->db, group, ev->org_id))
		ev->e = notify_robot_text(ev->db, url, ev->text);
}

/* "<robot phrase> 1 项" and the link to each configured group covering
 * org_id (cfg.notify_robot_events). */
static enum err
queue_robots(struct db *db, const char *kind, int64_t org_id, const char *link)
{
	const struct notify_kind *k = notify_kind_find(kind);
	struct buf text = BUF_INIT(512);
	struct robot_event ev = { db, org_id, NULL, ERR_OK };

	if (!cfg.notify_robot_events || !cfg.notify_webhooks || !*cfg.notify_webhooks)
		return ERR_OK;
	buf_addf(&text, "【红岩党建】%s 1 项", k ? k->robot : "新消息");
	if (link && *link)
		buf_addf(&text, "\n查看：%s%s", cfg.public_url, link);
	ev.text = buf_str(&text);
	robots_parse(robot_event, &ev);
	buf_release(&text);
	return ev.e;
}

enum err
notify_users(struct db *db, const char *kind, const int64_t *users, int n, const char *title,
    const char *link)
{
	int64_t before = 0;
	enum err e = last_id(db, &before);

	for (int i = 0; i < n && !e; i++) {
		int dup = 0;

		for (int j = 0; j < i; j++)
			dup |= users[j] == users[i];
		if (dup)
			continue;
		e = db_exec(db, "INSERT INTO notification (user_id, kind, title, link, created_at)"
		    " SELECT id, ?, ?, ?, ? FROM app_user WHERE id = ? AND disabled = 0",
		    DB_TEXT(kind), DB_TEXT(title), DB_TEXT(link ? link : ""),
		    DB_I64(time(NULL)), DB_I64(users[i]), DB_END);
	}
	return e ? e : queue_mail(db, before);
}

enum err
notify_select(struct db *db, const char *kind, const char *user_sql, int64_t arg,
    const char *title, const char *link)
{
	struct buf sql = BUF_INIT(16384);
	int64_t before = 0;
	enum err e = last_id(db, &before);

	if (!e)
		e = buf_addf(&sql, "INSERT INTO notification (user_id, kind, title, link, created_at)"
		    " SELECT DISTINCT u.id, ?, ?, ?, ? FROM app_user u WHERE u.disabled = 0"
		    " AND u.id IN (%s)", user_sql);
	if (!e)
		e = db_exec(db, buf_str(&sql), DB_TEXT(kind), DB_TEXT(title),
		    DB_TEXT(link ? link : ""), DB_I64(time(NULL)), DB_I64(arg), DB_END);
	buf_release(&sql);
	return e ? e : queue_mail(db, before);
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
	int64_t before = 0;
	enum err e = last_id(db, &before);

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
	db_args_add(&a, DB_I64(time(NULL)));
	db_args_add(&a, DB_I64(org_id));
	if (!e)
		e = db_execv(db, buf_str(&sql), &a);
	buf_release(&sql);
	if (!e && db_changes(db) > 0)
		e = queue_robots(db, kind, org_id, link);
	return e ? e : queue_mail(db, before);
}

/* NOTIFY-01 (after PI-06): keep notifications cfg.notify_keep_days. */
enum err
notify_expire(struct db *db, int64_t now, int64_t *deleted)
{
	struct who sys = WHO_SYSTEM;
	int64_t cut = now - cfg.notify_keep_days * 86400, gone = 0;
	char after[96];
	enum err e = db_begin(db);

	*deleted = 0;
	if (e)
		return e;
	e = db_exec(db, "DELETE FROM notification WHERE created_at < ?", DB_I64(cut), DB_END);
	if (!e) {
		*deleted = db_changes(db);
		e = db_exec(db, "DELETE FROM notify_outbox WHERE state <> 'pending' AND created_at < ?",
		    DB_I64(cut), DB_END);
	}
	if (!e)
		gone = db_changes(db);
	if (!e && (*deleted || gone)) {
		snprintf(after, sizeof(after), "{\"notifications\":%" PRId64 ",\"outbox\":%" PRId64
		    ",\"keep_days\":%ld}", *deleted, gone, cfg.notify_keep_days);
		e = audit_write(db, &sys, "expire", "notification", 0, NULL, after, 1);
	}
	return db_end(db, e);
}

int
notify_email_ok(const char *s)
{
	static const char local_ok[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "0123456789.!#$%&'*+/=?^_`{|}~-";
	static const char domain_ok[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "0123456789.-";
	const char *at = strchr(s, '@'), *dom;
	size_t nlocal, ndom;

	if (!at || strlen(s) > 254)
		return 0;
	nlocal = (size_t)(at - s);
	dom = at + 1;
	ndom = strlen(dom);
	if (!nlocal || nlocal > 64 || strspn(s, local_ok) != nlocal)
		return 0;
	if (ndom < 3 || strspn(dom, domain_ok) != ndom || !strchr(dom, '.'))
		return 0;
	return dom[0] != '.' && dom[0] != '-' && dom[ndom - 1] != '.' && !strstr(dom, "..") &&
	    s[0] != '.' && at[-1] != '.';
}

/* finding_digest.c: the group robots' digest of findings (finding_digest.h). */
#include "core/common.h"
#include "supervise/finding_digest.h"
#include "auth/audit.h"
#include "auth/scope.h"
#include "core/buf.h"
#include "core/config.h"
#include "core/dates.h"
#include "db/db.h"
#include "desk/notify.h"

struct digest {
	struct db *db;
	int64_t now;
	int sent;
	enum err e;
};

/* New in the period, submitted and waiting for verification, overdue:
 * the findings at or below path ("" the whole district). */
static enum err
counts(struct db *db, const char *path, int64_t c[3])
{
	struct buf sql = BUF_INIT(512);
	struct db_args a = { 0 };
	char today[11], up[256];
	struct db_rows r;
	enum err e;

	date_format(date_today(), today);
	buf_adds(&sql, "SELECT COALESCE(SUM(issued_day >= ?), 0), COALESCE(SUM(state = 'submitted'), 0),"
	    " COALESCE(SUM(state <> 'verified' AND deadline < ?), 0) FROM finding WHERE 1=1");
	db_args_add(&a, DB_I64(date_today() - cfg.notify_digest_days));
	db_args_add(&a, DB_TEXT(today));
	if (*path) {
		scope_path_upper(path, up);
		buf_adds(&sql, " AND org_path >= ? AND org_path < ?");
		db_args_add(&a, DB_TEXT(path));
		db_args_add(&a, DB_TEXT(up));
	}
	e = db_queryv(db, &r, buf_str(&sql), &a);
	buf_release(&sql);
	if (e)
		return e;
	if ((e = db_next(&r)) == ERR_OK)
		for (int i = 0; i < 3; i++)
			c[i] = db_i64(&r, i);
	db_rows_close(&r);
	return e;
}

static void
one_robot(void *ctx, int64_t org, const char *path, const char *url)
{
	struct digest *d = ctx;
	struct buf key = BUF_INIT(1100), text = BUF_INIT(512);
	int64_t c[3] = { 0 };
	int due = 0;

	if (d->e || (org && !*path))	/* an organization that no longer exists */
		goto out;
	buf_addf(&key, "findings %s", url);
	d->e = notify_digest_due(d->db, buf_str(&key), d->now, cfg.notify_digest_days * 86400, &due);
	if (!d->e && due)
		d->e = counts(d->db, path, c);
	if (d->e || !due || !(c[0] || c[1] || c[2]))
		goto out;
	buf_addf(&text, "【红岩党建】近 %ld 天新下发整改事项 %" PRId64 " 项；待验收 %" PRId64
	    " 项；逾期未整改 %" PRId64 " 项\n查看：%s/findings", cfg.notify_digest_days, c[0], c[1],
	    c[2], cfg.public_url);
	if (!(d->e = notify_robot_text(d->db, url, buf_str(&text))))
		d->sent++;
out:
	buf_release(&key);
	buf_release(&text);
}

enum err
finding_digest(struct db *db, int64_t now, int *sent)
{
	struct who sys = WHO_SYSTEM;
	struct digest d = { db, now, 0, ERR_OK };
	char after[64];

	*sent = 0;
	if (!cfg.notify_digest_days || !cfg.notify_webhooks || !*cfg.notify_webhooks)
		return ERR_OK;
	if ((d.e = db_begin(db)))
		return d.e;
	notify_robots_each(db, one_robot, &d);
	if (!d.e && d.sent) {
		snprintf(after, sizeof(after), "{\"digests\":%d}", d.sent);
		d.e = audit_write(db, &sys, "digest", "finding", 0, NULL, after, 1);
	}
	if (!(d.e = db_end(db, d.e)))
		*sent = d.sent;
	return d.e;
}

/* notify.h: notifications (消息) to users, the write side. Areas call
 * these inside the transaction of the work that causes the event, so a
 * rolled-back write notifies no one and a committed one notifies each
 * recipient once. Outbound channels (group-robot webhooks, e-mail) are
 * queued in the same transaction (notify_outbox) and delivered after
 * commit by the sender thread (notify_out.h); they never block or roll
 * back the work. Titles carry no personal data beyond what the recipient
 * may already see; webhook messages carry only counts and links. */
#ifndef HY_NOTIFY_H
#define HY_NOTIFY_H

#include <stdint.h>

#include "auth/who.h"
#include "core/err.h"

struct db;

/* One kind of event: its name (notification.kind), the Chinese label shown
 * in the settings, and the phrase a group robot counts ("新下发整改事项"). */
struct notify_kind {
	const char *name, *label, *robot;
};

extern const struct notify_kind notify_kinds[];	/* ended by a NULL name */
/* The kind named name, or NULL. */
const struct notify_kind *notify_kind_find(const char *name);

/* One notification of kind to each distinct user of users[0..n) (ids not
 * of an enabled account are skipped), inside the caller's open
 * transaction. title: the Chinese line shown in the bell (copied);
 * link: the console path that opens it ("" for none). Recipients who chose
 * e-mail for kind also get a queued mail. */
enum err notify_users(struct db *db, const char *kind, const int64_t *users, int n,
    const char *title, const char *link);

/* The same for every enabled account of one of roles (bits of enum role)
 * whose scope covers org_id (district staff cover every org when
 * ROLE_DISTRICT is in roles). Used for "the school's secretary" without
 * the caller knowing who that is. When someone was notified, each group
 * robot configured for an organization at or above org_id
 * (cfg.notify_webhooks) gets "<robot phrase> 1 项" and the link. */
enum err notify_org(struct db *db, const char *kind, int64_t org_id, unsigned roles,
    const char *title, const char *link);

/* The same for the users whose ids user_sql selects, with one ? bound to
 * arg ("SELECT user_id FROM review_evaluator WHERE round_id = ?"). user_sql
 * is a constant of the calling area's code, never text from a request. */
enum err notify_select(struct db *db, const char *kind, const char *user_sql, int64_t arg,
    const char *title, const char *link);

/* Group robots (cfg.notify_webhooks) for periodic digests that areas
 * write (counts and links only): fn is called for each configured robot
 * with its organization (0: the whole district), that organization's path
 * ("" for the district or an unknown id) and its URL. */
void notify_robots_each(struct db *db, void (*fn)(void *ctx, int64_t org, const char *path,
    const char *url), void *ctx);
/* Queues text to robot url (the 企业微信/钉钉 text message), inside the
 * caller's transaction. */
enum err notify_robot_text(struct db *db, const char *url, const char *text);
/* Whether the digest key (e.g. "findings " + url) is due: never sent, or
 * last sent every_s or more before now; when due, records now as its last
 * time (inside the caller's transaction). */
enum err notify_digest_due(struct db *db, const char *key, int64_t now, int64_t every_s, int *due);

/* Housekeeping for the serve loop: deletes notifications older than
 * cfg.notify_keep_days and delivered or dead outbox rows as old, in one
 * transaction with its audit row. *deleted gets the notifications gone. */
enum err notify_expire(struct db *db, int64_t now, int64_t *deleted);

/* Whether s is an e-mail address we send to: local@domain.tld of at most
 * 254 bytes, no spaces, quotes or control characters (no header injection). */
int notify_email_ok(const char *s);

#endif

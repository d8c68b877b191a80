/* notify.h: notifications (消息) to users, the write side. Areas call
 * these inside the transaction of the work that causes the event, so a
 * rolled-back write notifies no one and a committed one notifies each
 * recipient once. Outbound channels (group-robot webhooks, e-mail) are
 * delivered after commit from a queue and never block or roll back the
 * work (see notify_out.h when present). Titles carry no personal data
 * beyond what the recipient may already see. */
#ifndef HY_NOTIFY_H
#define HY_NOTIFY_H

#include <stdint.h>

#include "auth/who.h"
#include "core/err.h"

struct db;

/* One notification of kind to each distinct user of users[0..n) (ids not
 * of an enabled account are skipped), inside the caller's open
 * transaction. title: the Chinese line shown in the bell (copied);
 * link: the console path that opens it ("" for none). */
enum err notify_users(struct db *db, const char *kind, const int64_t *users, int n,
    const char *title, const char *link);

/* The same for every enabled account of one of roles (bits of enum role)
 * whose scope covers org_id (district staff cover every org when
 * ROLE_DISTRICT is in roles). Used for "the school's secretary" without
 * the caller knowing who that is. */
enum err notify_org(struct db *db, const char *kind, int64_t org_id, unsigned roles,
    const char *title, const char *link);

#endif

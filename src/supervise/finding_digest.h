/* finding_digest.h: the periodic digest of findings that group robots get
 * (issue 12): per configured robot, the counts under its organization,
 * never a finding's text ("【红岩党建】近 7 天新下发整改事项 3 项…" and the
 * link to 问题整改). Run from the serve loop's housekeeping. */
#ifndef HY_FINDING_DIGEST_H
#define HY_FINDING_DIGEST_H

#include <stdint.h>

#include "core/err.h"

struct db;

/* Every cfg.notify_digest_days (0: never) per robot: queues the digest
 * when any count is not zero, in one transaction with its audit row.
 * *sent gets how many were queued. */
enum err finding_digest(struct db *db, int64_t now, int *sent);

#endif

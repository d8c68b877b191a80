/* notify_out.h: the outbound channels of notifications, delivered after
 * commit. notify.c queues rows in notify_outbox inside the transaction of
 * the work; the sender thread started here takes due rows, sends each
 * (a group-robot webhook POST in the 企业微信/钉钉 JSON format, or a mail
 * over SMTP, both with libcurl and cfg.notify_timeout_s), and marks it
 * sent, or schedules the next try after cfg.notify_retry_s doubled per
 * failure, or after cfg.notify_attempts tries marks it dead (the
 * dead-letter list the system administrator reads). Nothing here runs
 * inside a request, so a failing channel never delays or rolls back work. */
#ifndef HY_NOTIFY_OUT_H
#define HY_NOTIFY_OUT_H

#include <stdint.h>

#include "core/err.h"

struct db;
struct who;

/* Starts the sender thread with a connection of its own to cfg.db_path
 * (call once, after curl_global_init via this function). 0 on success. */
int notify_out_start(void);
/* Asks the sender to stop, waits for it and cleans up libcurl. */
void notify_out_stop(void);

/* Sends the due rows (at most a batch) once each; returns how many were
 * tried. Exposed for tests and the sender thread. */
int notify_out_run(struct db *db, int64_t now);

/* One dead letter, for the system administrator: the target is masked
 * (an e-mail's local part, a URL's path and query), no body. */
struct notify_dead {
	int64_t id, attempts, created_at, done_at;
	const char *channel, *target, *error;
};

/* The dead letters, newest first, a page of per_page; *total all of them. */
enum err notify_dead_list(struct db *db, int64_t page, int64_t per_page,
    void (*fn)(void *ctx, const struct notify_dead *d), void *ctx, int64_t *total);
/* Puts dead letter id back in the queue with its attempts reset (audited
 * as who). ERR_NOT_FOUND when id is not a dead letter. */
enum err notify_dead_retry(struct db *db, const struct who *w, int64_t id);

#endif

/* notify_store.h: the read side of notifications, always the caller's
 * own rows (user_id of the session; another user's id is not found), and
 * the caller's channel settings (e-mail address, e-mail per kind). */
#ifndef HY_NOTIFY_STORE_H
#define HY_NOTIFY_STORE_H

#include <stdint.h>

#include "auth/who.h"
#include "core/err.h"

struct db;
struct arena;

struct notification {
	int64_t id, created_at, read_at;	/* read_at 0: unread */
	const char *kind, *title, *link;	/* valid during the callback */
};

/* The caller's notifications, newest first, one page in SQL; unread_only
 * keeps the unread. *total counts the filtered rows, *unread all unread. */
enum err notify_list(struct db *db, const struct who *w, int unread_only, int64_t page,
    int64_t per_page, void (*fn)(void *ctx, const struct notification *n), void *ctx,
    int64_t *total, int64_t *unread);
/* The caller's unread count (one indexed COUNT: the bell polls it). */
enum err notify_unread(struct db *db, const struct who *w, int64_t *n);
/* Marks the caller's notification id read (idempotent); ERR_NOT_FOUND when
 * it is not theirs. */
enum err notify_mark_read(struct db *db, const struct who *w, int64_t id);
/* Marks every unread one of the caller's read; *n how many. */
enum err notify_mark_all(struct db *db, const struct who *w, int64_t *n);

/* Bit i of kinds is notify_kinds[i]: e-mail on for that kind. */
struct notify_settings {
	const char *email;	/* "" none */
	uint64_t email_kinds;
};

enum err notify_settings_get(struct db *db, const struct who *w, struct arena *a,
    struct notify_settings *s);
/* Replaces the caller's settings (validated by the caller), audited. */
enum err notify_settings_put(struct db *db, const struct who *w, const struct notify_settings *s);

#endif

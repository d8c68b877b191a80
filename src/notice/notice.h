/* notice.h: announcements (通知公告、党务公开, issue 12). District staff,
 * or a school's secretary or principal within their scope, write a notice
 * for an audience: the whole district (district staff only), some schools
 * (org ids of schools' organizations) or one organization's members (its
 * subtree). Publishing notifies the audience (kind "announcement") in the
 * same transaction; each addressed account's first opening writes a read
 * receipt; the author's side sees who has read it and reminds the rest.
 * The audience is resolved in SQL (member.org_path, user_scope) at each
 * use: the members and the scoped staff (secretaries, principals,
 * inspectors) whose organization lies in one of the notice's subtrees, the
 * author excepted. Strings handed out live in the caller's arena. */
#ifndef HY_NOTICE_H
#define HY_NOTICE_H

#include <stddef.h>
#include <stdint.h>

#include "auth/who.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"
#include "db/db.h"

struct db;

/* "notice" 通知公告, "disclosure" 党务公开; NULL-terminated. */
extern const char *const notice_kinds[];
/* "district", "schools", "org"; NULL-terminated. */
extern const char *const notice_audiences[];
/* "draft", "published". */
extern const char *const notice_states[];

/* At most this many organizations in a "schools" audience. */
#define NOTICE_ORGS_MAX 200
#define NOTICE_TITLE_MAX 100
#define NOTICE_BODY_MAX 10000

struct notice_in {
	const char *title, *body, *kind, *audience;
	const int64_t *org_ids;	/* audience "schools" */
	int norg_ids;
	int64_t org_id;		/* audience "org" */
	int has_org_ids, has_org_id;	/* the field was sent */
	int must_read, publish;
};

struct notice {
	int64_t id, author_id, published_at, addressed, read_n, created_at, updated_at;
	int64_t read_at;	/* the caller's receipt; 0: unread */
	const char *kind, *title, *body, *audience, *state, *author, *author_role;
	int must_read;
	int author_side;	/* the caller may see readers and remind */
	int addressed_to_me;	/* the caller is in the audience */
};

/* Pure: checks in for an author of role, naming each bad field in pb
 * ("audience" district by anyone but district staff: ERR_FORBIDDEN with
 * code district_only). org_ids only with "schools", org_id only with
 * "org". ERR_INVALID when pb has a field. */
enum err notice_check(const struct notice_in *in, enum role role, struct problem *pb);
/* Pure: of n org paths, marks keep[i] = 0 for each path that lies inside
 * (or equals) another kept one, so the subtrees left are disjoint. */
void notice_disjoint(const char *const *paths, int n, int *keep);
/* Pure: whether w may see readers and remind for a notice of author_id:
 * its author, or district staff (every organization is theirs). */
int notice_author_side(const struct who *w, int64_t author_id);

/* Writes a notice (and publishes it when in->publish), its audience and
 * its audit row in one transaction. Organization ids unknown or outside
 * w's scope are named in pb ("组织不存在"), as other modules do. */
enum err notice_create(struct db *db, const struct who *w, const struct notice_in *in,
    struct problem *pb, int64_t *id);
/* Publishes a draft of the author's side: notifies the audience (one
 * INSERT … SELECT) and audits. ERR_CONFLICT (already_published) when it
 * is published. */
enum err notice_publish(struct db *db, const struct who *w, int64_t id, struct problem *pb);
/* One notice w may see: the author's side, or published and addressed to
 * w (district staff: every published district-wide one). ERR_NOT_FOUND
 * otherwise. */
enum err notice_get(struct db *db, const struct who *w, int64_t id, struct arena *a,
    struct notice *n);
/* notice_get(), then the read receipt of an addressed caller (once, with
 * its audit row). */
enum err notice_open(struct db *db, const struct who *w, int64_t id, struct arena *a,
    struct notice *n);

struct notice_filter {
	int sent;		/* 0: addressed to w; 1: written by w */
	const char *kind;	/* NULL: both */
	int unread;		/* only the unread (inbox) */
	int64_t page, per_page;
};

/* Notices of the filter's box, paged in SQL: the inbox has unread
 * must-read first, then unread, then read, newest first in each; the sent
 * box newest first with drafts. */
enum err notice_list(struct db *db, const struct who *w, const struct notice_filter *f,
    struct arena *a, void (*fn)(void *ctx, const struct notice *n), void *ctx, int64_t *total);

/* Appends " AND <notice n is in w's inbox>" (published, not w's own,
 * addressed to w; district staff: district-wide ones) with its binds;
 * for the desk's to-do source (desk_notice.c). */
void notice_inbox_sql(struct buf *sql, struct db_args *a, const struct who *w);

/* The audience organizations of a notice (after notice_get()). */
enum err notice_orgs(struct db *db, int64_t id, struct arena *a,
    void (*fn)(void *ctx, int64_t org_id, const char *name), void *ctx);

struct notice_reader {
	int64_t user_id, member_id, read_at;	/* read_at 0: not read */
	const char *name, *role, *org_name;
};

struct notice_readers_q {
	const char *state;	/* "read", "unread" or NULL: everyone */
	int64_t page, per_page;
};

/* Who the notice reaches now, paged in SQL (author's side only:
 * ERR_FORBIDDEN, code not_author, in pb otherwise), with the counts of
 * everyone, read and unread. */
enum err notice_readers(struct db *db, const struct who *w, int64_t id,
    const struct notice_readers_q *q, struct arena *a,
    void (*fn)(void *ctx, const struct notice_reader *r), void *ctx, int64_t *total,
    int64_t *n_all, int64_t *n_read, struct problem *pb);
/* Notifies the audience's accounts without a receipt (one INSERT …
 * SELECT; author's side, published only), audited; *n gets how many. */
enum err notice_remind(struct db *db, const struct who *w, int64_t id, struct problem *pb,
    int64_t *n);

/* The files of a notice: an owner of attachments (attach.h;
 * notice_files.c): a draft's author side adds and deletes them (409
 * already_published after), whoever may see the notice reads them. */
extern const struct attach_owner notice_files;

#endif

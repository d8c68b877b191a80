/* exchange.h: experience exchange (经验交流, issue 6): schools write short
 * case write-ups, district staff moderate them (draft → submitted →
 * published, or rejected with a reason, then edited and submitted again),
 * every school reads and comments on published ones, and the district
 * marks excellent cases (优秀案例) and hides comments. Every post and
 * comment is audited (exchange_store.c). */
#ifndef HY_EXCHANGE_H
#define HY_EXCHANGE_H

#include <stdint.h>

#include "auth/who.h"
#include "core/err.h"

struct db;
struct arena;

enum exchange_state { XS_DRAFT, XS_SUBMITTED, XS_PUBLISHED, XS_REJECTED, XS_N };
enum exchange_action { XA_EDIT, XA_SUBMIT, XA_PUBLISH, XA_REJECT, XA_N };

extern const char *const exchange_states[];	/* indexed by state, NULL-terminated */

/* Pure. A state name to its enum; -1 if unknown. */
int exchange_state_parse(const char *s);
/* Pure. Whether role moderates (admin, district staff). */
int exchange_moderator(enum role r);
/* Pure. The state after a: ERR_OK with *next; ERR_FORBIDDEN when the role
 * may not take a (only moderators publish or reject; only the school side
 * edits and submits); ERR_CONFLICT when a is illegal from state. */
enum err exchange_step(enum exchange_state state, enum exchange_action a, enum role r,
    enum exchange_state *next);
/* Pure. The static Chinese 409 message naming the current state. */
const char *exchange_conflict_message(enum exchange_state state);

struct exchange_post {
	int64_t id, org_id, excellent, created_at, updated_at, published_at, comments;
	const char *org_name, *title, *body, *topic, *reason, *org_path;
	enum exchange_state state;
};

struct exchange_in {
	int64_t org_id;
	const char *title, *body, *topic;
};

struct exchange_comment {
	int64_t id, post_id, author_id, created_at;
	const char *author, *body;
	int hidden;
};

struct exchange_filter {
	const char *state;	/* NULL: any the caller may see */
	int excellent;		/* 1: only excellent */
	int mine;		/* 1: only posts of the caller's scope */
	const char *q;		/* LIKE pattern over title and body */
	int64_t page, per_page;
};

/* A school's draft at org_id (in w's scope). */
enum err exchange_create(struct db *db, const struct who *w, const struct exchange_in *in,
    struct problem *pb, int64_t *id);
/* Edits a draft or rejected post of w's scope (NULL fields unchanged). */
enum err exchange_update(struct db *db, const struct who *w, int64_t id,
    const struct exchange_in *in, struct problem *pb);
/* One step; reason is required for reject. */
enum err exchange_act(struct db *db, const struct who *w, int64_t id, enum exchange_action a,
    const char *reason, struct problem *pb);
/* Marks or unmarks an excellent case (moderators, published posts only). */
enum err exchange_mark(struct db *db, const struct who *w, int64_t id, int excellent,
    struct problem *pb);
/* A post the caller may see: published ones for every user; others only
 * in the caller's scope, and drafts never to other schools (moderators see
 * submitted and rejected posts but not drafts). */
enum err exchange_get(struct db *db, const struct who *w, int64_t id, struct arena *a,
    struct exchange_post *p);
enum err exchange_list(struct db *db, const struct who *w, const struct exchange_filter *f,
    void (*fn)(void *ctx, const struct exchange_post *p), void *ctx, int64_t *total);
/* Comments on a published post (ERR_CONFLICT code not_published otherwise). */
enum err exchange_comment_add(struct db *db, const struct who *w, int64_t post_id,
    const char *body, struct problem *pb, int64_t *id);
/* Moderators see hidden comments (marked); others do not. */
enum err exchange_comments(struct db *db, const struct who *w, int64_t post_id,
    void (*fn)(void *ctx, const struct exchange_comment *c), void *ctx);
enum err exchange_comment_hide(struct db *db, const struct who *w, int64_t comment_id,
    int hidden, struct problem *pb);

#endif

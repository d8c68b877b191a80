/* session.h: login sessions (SEC-02): a random token in an HttpOnly,
 * SameSite=Strict cookie, stored only as a keyed hash; a CSRF token per
 * session; idle expiry with last_seen refreshed at most once a minute;
 * lockout after repeated failures. And the /api/v1/session handlers. */
#ifndef HY_SESSION_H
#define HY_SESSION_H

#include "http/req.h"

/* Resolves the hy_session cookie into rq->who (role, scope), rq->csrf and
 * rq->must_change. ERR_UNAUTH when absent, unknown, expired or disabled. */
enum err session_load(struct req *rq, struct problem *pb);

/* Work done inside the transaction that opens a session (the second
 * factor's claims); an error rolls the whole login back. */
typedef enum err (*session_also_fn)(struct req *rq, void *ctx);
/* Opens a session for uid in one transaction with the failure count reset,
 * the login's audit row and also(rq, ctx) when not NULL; on success sets
 * the cookie on rp and fills csrf. */
enum err session_open(struct req *rq, struct reply *rp, int64_t uid, session_also_fn also,
    void *ctx, char csrf[44]);
/* The session answer: {user, csrf_token[, recovery_codes]}. */
enum err session_reply(struct req *rq, struct reply *rp, int64_t uid, const char *csrf,
    const char *const *recovery, int nrecovery);

enum err api_session_create(struct req *rq, struct reply *rp);
enum err api_session_get(struct req *rq, struct reply *rp);
enum err api_session_delete(struct req *rq, struct reply *rp);
enum err api_session_password(struct req *rq, struct reply *rp);

#endif

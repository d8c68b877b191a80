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

enum err api_session_create(struct req *rq, struct reply *rp);
enum err api_session_get(struct req *rq, struct reply *rp);
enum err api_session_delete(struct req *rq, struct reply *rp);
enum err api_session_password(struct req *rq, struct reply *rp);

#endif

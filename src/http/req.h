/* req.h: one HTTP request as handlers see it, and the reply they fill.
 * Everything hanging off a req lives in rq->arena and dies with the
 * request; handlers call no free. */
#ifndef HY_REQ_H
#define HY_REQ_H

#include <stdint.h>

#include "auth/who.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"

struct MHD_Connection;
struct db;
struct reply;

struct req {
	struct MHD_Connection *conn;
	const char *method;
	const char *url;
	struct arena arena;
	struct buf body;
	int body_too_big;
	struct db *db;		/* this worker thread's connection */
	struct who who;
	const char *token_hash;	/* the session, when logged in */
	const char *csrf;
	int must_change;	/* the session's user must change the password */
	int64_t id;		/* the :id path segment, when the route has one */
	char address[64];	/* the client: the socket's peer, or behind a trusted
				 * proxy the right-most untrusted X-Forwarded-For entry */
	int https;		/* a trusted proxy said X-Forwarded-Proto: https */
	int forwarded;		/* holds a slot of guard_forwarded_enter(address) */
	int over_limit;		/* its forwarded address has too many in flight */
	uint64_t t0_ns;
	/* A heavy route (F_HEAVY) runs on a heavy-work thread while MHD keeps
	 * the connection suspended: the router leaves the handler here, the
	 * server fills reply on that thread and answers when resumed. */
	enum err (*heavy_fn)(struct req *rq, struct reply *rp);
	struct reply *reply;
	struct req *heavy_next;	/* the heavy-work queue */
};

struct reply {
	int status;
	struct buf body;
	const char *content_type;	/* static; JSON unless set */
	const char *set_cookie;		/* arena */
	const char *disposition;	/* Content-Disposition of a file answer, arena; NULL: none */
	int file_fd;		/* > 0: send this open file (unlinked or not) instead of body;
				 * the server closes it */
	struct problem problem;
};

/* A query-string argument, or NULL (borrowed from MHD for the request). */
const char *req_arg(struct req *rq, const char *name);
const char *req_header(struct req *rq, const char *name);
const char *req_cookie(struct req *rq, const char *name);
/* Whether the request reached us over TLS: Hongyan speaks plain HTTP, so
 * only a configured trusted proxy saying X-Forwarded-Proto: https makes it
 * so (the session cookie is then Secure). */
int req_is_https(const struct req *rq);

#endif

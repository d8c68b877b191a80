/* router.h: the route table for /api/v1 and the checks every request
 * passes before its handler: session, forced password change, CSRF and
 * the route's role set. Scope is checked later, by the stores. */
#ifndef HY_ROUTER_H
#define HY_ROUTER_H

#include "http/req.h"

typedef enum err (*handler_fn)(struct req *rq, struct reply *rp);

#define F_PUBLIC 1u	/* no session needed */
#define F_PW_OK 2u	/* allowed while the password must be changed */
#define F_NO_CSRF 4u	/* a write that needs no CSRF token (login) */
#define F_UPLOAD 8u	/* the body is a file: cfg.upload_max instead of cfg.body_max */
#define F_HEAVY 16u	/* seconds of work (an export, a ledger, a city-wide board): runs
			 * off the MHD threads, at most cfg.heavy_per_user at once per
			 * user and cfg.heavy_total in all, else 429 with Retry-After */
#define F_IMPORT 32u	/* with F_UPLOAD: a roster import, cfg.import_max (issue 16) */

struct route {
	const char *method;
	const char *pattern;	/* "/api/v1/orgs/:id/move"; :id is a positive integer */
	handler_fn fn;
	unsigned roles;		/* enum role bits allowed */
	unsigned flags;
};

/* Each area exports its routes as an array ended by an entry with a NULL
 * method; router.c lists the arrays. */
#define ROUTES_END { NULL, NULL, NULL, 0, 0 }

/* The body limit for a request, known from its first line. */
size_t router_body_limit(const char *method, const char *url);
/* Calls fn for every route, in the order they are matched (for tests and
 * tools that walk the whole API). */
void router_each(void (*fn)(void *ctx, const struct route *r), void *ctx);
/* Finds and runs the route for rq; fills rp on success. */
enum err router_dispatch(struct req *rq, struct reply *rp);

#endif

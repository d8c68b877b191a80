/* rec_api.h: the five HTTP handlers every plain record kind (rec.h)
 * shares: list, get, create, patch, delete. An area's api file wraps them
 * per kind with REC_HANDLERS and lists REC_ROUTES in its route table. */
#ifndef HY_REC_API_H
#define HY_REC_API_H

#include "create/rec.h"
#include "http/router.h"

enum err rec_api_list(const struct rec_kind *k, struct req *rq, struct reply *rp);
enum err rec_api_get(const struct rec_kind *k, struct req *rq, struct reply *rp);
enum err rec_api_create(const struct rec_kind *k, struct req *rq, struct reply *rp);
enum err rec_api_update(const struct rec_kind *k, struct req *rq, struct reply *rp);
enum err rec_api_delete(const struct rec_kind *k, struct req *rq, struct reply *rp);
/* The answer of every delete in the area: e when it failed, else 200
 * {id: rq->id, deleted: true}. */
enum err rec_api_deleted(struct req *rq, struct reply *rp, enum err e);

#define REC_HANDLERS(name, kind) \
	static enum err name##_list(struct req *rq, struct reply *rp) \
	{ return rec_api_list(kind, rq, rp); } \
	static enum err name##_get(struct req *rq, struct reply *rp) \
	{ return rec_api_get(kind, rq, rp); } \
	static enum err name##_create(struct req *rq, struct reply *rp) \
	{ return rec_api_create(kind, rq, rp); } \
	static enum err name##_update(struct req *rq, struct reply *rp) \
	{ return rec_api_update(kind, rq, rp); } \
	static enum err name##_delete(struct req *rq, struct reply *rp) \
	{ return rec_api_delete(kind, rq, rp); }

/* Reads: every staff role in scope; writes: admin, district, and the
 * school's secretary or principal. */
#define REC_ROUTES(name, base) \
	{ "GET", base, name##_list, ROLES_STAFF, 0 }, \
	{ "POST", base, name##_create, OWNER_WRITERS, 0 }, \
	{ "GET", base "/:id", name##_get, ROLES_STAFF, 0 }, \
	{ "PATCH", base "/:id", name##_update, OWNER_WRITERS, 0 }, \
	{ "DELETE", base "/:id", name##_delete, OWNER_WRITERS, 0 }

#endif

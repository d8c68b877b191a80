/* attach_api.h: the attachment routes over HTTP (attach.h): one list and
 * one upload route per registered owner, built from the registry once, and
 * GET/DELETE /api/v1/files/{id}. An area whose older routes must keep
 * working (issue 19) answers them with the attach_reply_* functions, so
 * every file route shares one shape. */
#ifndef HY_ATTACH_API_H
#define HY_ATTACH_API_H

#include "attach/attach.h"
#include "http/router.h"

/* The routes, ROUTES_END-terminated, built on the first call (thread-safe);
 * static storage. */
const struct route *attach_routes(void);

/* Answers the owner's files: {"items": [ … ]}. */
enum err attach_reply_list(struct req *rq, struct reply *rp, const struct attach_owner *o,
    int64_t owner_id);
/* Stores the body as the owner's file (?name=) in part; 201 the file. */
enum err attach_reply_add(struct req *rq, struct reply *rp, const struct attach_owner *o,
    int64_t owner_id, int64_t part);
/* Sends file rq->id's bytes; only (or NULL) as attach_get(). With only's
 * legacy_table, rq->id may also be the id the file had there. */
enum err attach_reply_bytes(struct req *rq, struct reply *rp, const struct attach_owner *only);
/* Deletes file rq->id; only (or NULL) as attach_get(), legacy ids as
 * attach_reply_bytes(). 200 {id, deleted}. */
enum err attach_reply_delete(struct req *rq, struct reply *rp, const struct attach_owner *only);

#endif

/* post_api.c: members' posts and each school's coverage. */
#include "core/common.h"
#include "create/post_api.h"

#include "create/owner.h"
#include "create/post.h"
#include "create/rec_api.h"
#include "http/listq.h"
#include "http/reply.h"

REC_HANDLERS(api_posts, &post_kind)

static enum err
api_posts_coverage(struct req *rq, struct reply *rp)
{
	int64_t school_id = 0;
	struct jw w;
	enum err e;

	if ((e = listq_id(rq, &rp->problem, "school_id", &school_id)))
		return e;
	reply_json_begin(rp, 200, &w);
	listq_begin(&w);
	if ((e = post_write_coverage(rq->db, &rq->who, school_id, &w)))
		return e;
	listq_items_end(&w);
	return reply_json_end(rp, &w);
}

const struct route post_routes[] = {
	{ "GET", "/api/v1/posts/coverage", api_posts_coverage, ROLES_STAFF, 0 },
	REC_ROUTES(api_posts, "/api/v1/posts"),
	ROUTES_END,
};

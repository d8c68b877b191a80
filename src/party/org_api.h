/* org_api.h: /api/v1/orgs. */
#ifndef HY_ORG_API_H
#define HY_ORG_API_H

#include "http/req.h"

enum err api_orgs_list(struct req *rq, struct reply *rp);
/* GET /api/v1/org-tree: ids, names and kinds only, for assigning scopes. */
enum err api_org_tree(struct req *rq, struct reply *rp);
enum err api_orgs_create(struct req *rq, struct reply *rp);
enum err api_orgs_get(struct req *rq, struct reply *rp);
enum err api_orgs_update(struct req *rq, struct reply *rp);
enum err api_orgs_delete(struct req *rq, struct reply *rp);
enum err api_orgs_move(struct req *rq, struct reply *rp);

#endif

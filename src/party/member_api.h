/* member_api.h: /api/v1/members. */
#ifndef HY_MEMBER_API_H
#define HY_MEMBER_API_H

#include "http/req.h"

enum err api_members_list(struct req *rq, struct reply *rp);
enum err api_members_create(struct req *rq, struct reply *rp);
enum err api_members_get(struct req *rq, struct reply *rp);
enum err api_members_update(struct req *rq, struct reply *rp);

#endif

/* school_api.h: /api/v1/schools. */
#ifndef HY_SCHOOL_API_H
#define HY_SCHOOL_API_H

#include "http/req.h"

enum err api_schools_list(struct req *rq, struct reply *rp);
enum err api_schools_create(struct req *rq, struct reply *rp);
enum err api_schools_get(struct req *rq, struct reply *rp);
enum err api_schools_update(struct req *rq, struct reply *rp);

#endif

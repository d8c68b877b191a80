/* post_api.h: /api/v1/posts (issue 6). */
#ifndef HY_POST_API_H
#define HY_POST_API_H

#include "http/router.h"

extern const struct route post_routes[];

#endif

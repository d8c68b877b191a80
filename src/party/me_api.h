/* me_api.h: the member's own figures for 我的 on the phone (issue 12):
 * routes for ROLE_MEMBER only, always scoped to the caller's own member
 * record (who->member_id), never to an id in the request. */
#ifndef HY_ME_API_H
#define HY_ME_API_H

#include "http/router.h"

extern const struct route me_routes[];

#endif

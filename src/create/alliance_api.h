/* alliance_api.h: /api/v1/alliances (issue 6). */
#ifndef HY_ALLIANCE_API_H
#define HY_ALLIANCE_API_H

#include "http/router.h"

extern const struct route alliance_routes[];

#endif

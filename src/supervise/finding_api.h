/* finding_api.h: /api/v1/findings (issue 4, rectification closed loop). */
#ifndef HY_FINDING_API_H
#define HY_FINDING_API_H

#include "http/router.h"

extern const struct route finding_routes[];

#endif

/* ethics_api.h: /api/v1/ethics (issue 6). */
#ifndef HY_ETHICS_API_H
#define HY_ETHICS_API_H

#include "http/router.h"

extern const struct route ethics_routes[];

#endif

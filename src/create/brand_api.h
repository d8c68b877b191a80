/* brand_api.h: /api/v1/brands (issue 6). */
#ifndef HY_BRAND_API_H
#define HY_BRAND_API_H

#include "http/router.h"

extern const struct route brand_routes[];

#endif

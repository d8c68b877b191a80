/* holiday_api.h: GET/PUT /api/v1/holidays/{year} (issue 5). */
#ifndef HY_HOLIDAY_API_H
#define HY_HOLIDAY_API_H

#include "http/router.h"

extern const struct route holiday_routes[];

#endif

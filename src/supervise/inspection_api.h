/* inspection_api.h: /api/v1/inspection-plans, /api/v1/inspections and
 * their evidence (issue 4, inspections). */
#ifndef HY_INSPECTION_API_H
#define HY_INSPECTION_API_H

#include "http/router.h"

extern const struct route inspection_routes[];

#endif

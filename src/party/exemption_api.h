/* exemption_api.h: /api/v1/compliance/exemptions (issue 3). */
#ifndef HY_EXEMPTION_API_H
#define HY_EXEMPTION_API_H

#include "http/router.h"

extern const struct route exemption_routes[];

#endif

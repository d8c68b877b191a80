/* clean_api.h: /api/v1/clean-schools (issue 6). */
#ifndef HY_CLEAN_API_H
#define HY_CLEAN_API_H

#include "http/router.h"

extern const struct route clean_routes[];

#endif

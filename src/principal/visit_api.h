/* visit_api.h: the routes of the 责任督学's routine visits (issue 13 item 4). */
#ifndef HY_PRIN_VISIT_API_H
#define HY_PRIN_VISIT_API_H

#include "http/router.h"

extern const struct route visit_routes[];

#endif

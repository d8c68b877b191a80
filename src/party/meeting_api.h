/* meeting_api.h: the HTTP routes of meetings (issue 3). */
#ifndef HY_MEETING_API_H
#define HY_MEETING_API_H

#include "http/router.h"

extern const struct route meeting_routes[];

#endif

/* dues_api.h: the HTTP routes of duess (issue 3). */
#ifndef HY_DUES_API_H
#define HY_DUES_API_H

#include "http/router.h"

extern const struct route dues_routes[];

#endif

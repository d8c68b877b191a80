/* roster_api.h: the HTTP face of roster import and export (issue 16). */
#ifndef HY_ROSTER_API_H
#define HY_ROSTER_API_H

#include "http/router.h"

extern const struct route roster_routes[];

#endif

/* indicator_api.h: the HTTP routes of indicator systems (评分细则, issue 4). */
#ifndef HY_INDICATOR_API_H
#define HY_INDICATOR_API_H

#include "http/router.h"

extern const struct route indicator_routes[];

#endif

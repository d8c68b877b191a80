/* alert_api.h: the HTTP routes of alerts (issue 3). */
#ifndef HY_ALERT_API_H
#define HY_ALERT_API_H

#include "http/router.h"

extern const struct route alert_routes[];

#endif

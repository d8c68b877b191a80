/* compliance_api.h: the HTTP routes of compliances (issue 3). */
#ifndef HY_COMPLIANCE_API_H
#define HY_COMPLIANCE_API_H

#include "http/router.h"

extern const struct route compliance_routes[];

#endif

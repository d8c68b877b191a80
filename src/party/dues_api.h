/* dues_api.h: the HTTP routes of party dues (issue 3): the quote calculator,
 * a member's setting and months, payments and the monthly ledger. */
#ifndef HY_DUES_API_H
#define HY_DUES_API_H

#include "http/router.h"

extern const struct route dues_routes[];

#endif

/* study_api.h: /api/v1/study (library, plans, records, reading sessions),
 * /api/v1/points and /api/v1/exchange (issue 6, exchange and study). */
#ifndef HY_STUDY_API_H
#define HY_STUDY_API_H

#include "http/router.h"

extern const struct route study_routes[];
extern const struct route points_routes[];
extern const struct route exchange_routes[];

#endif

/* review_api.h: /api/v1/reviews (issue 4, secretaries' report-and-review,
 * EVAL-01…04). */
#ifndef HY_REVIEW_API_H
#define HY_REVIEW_API_H

#include "http/router.h"

extern const struct route review_routes[];

#endif

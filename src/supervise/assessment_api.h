/* assessment_api.h: the routes of the annual assessment (/api/v1/assessments). */
#ifndef HY_ASSESSMENT_API_H
#define HY_ASSESSMENT_API_H

#include "http/router.h"

extern const struct route assessment_routes[];

#endif
